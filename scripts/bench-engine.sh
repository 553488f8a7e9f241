#!/usr/bin/env bash
# Engine benchmark: full-width VGG19 with random weights at 128 and 256 px. Prints per size the median
# ms per iteration after warm-up, peak RSS, and RSS at iteration 50 and at the end.
# usage: scripts/bench-engine.sh [--sizes 128,256] [--iterations 60] [--warmup 5] [--optimizer lbfgs|adam]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
# A small fixed young generation keeps the heap from touching new pages as garbage accumulates:
# without it RSS creeps up ~15% over 500 iterations although native memory is flat.
STYLEBATCH_JAVA_OPTS="${STYLEBATCH_JAVA_OPTS:--Xmx1g -Xmn32m}" stylebatch_java io.stylebatch.tools.BenchEngine "$@"
