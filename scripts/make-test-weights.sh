#!/usr/bin/env bash
# Writes a randomly initialized VGG19 weight file in the Keras layout (for tests, benchmarks, demos).
# usage: scripts/make-test-weights.sh --out FILE [--width full|narrow] [--seed N] [--naming legacy|modern]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
stylebatch_java io.stylebatch.tools.MakeTestWeights "$@"
