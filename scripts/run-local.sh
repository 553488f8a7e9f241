#!/usr/bin/env bash
# Runs the StyleBatch job with local Spark (local[*]), the same code spark-submit runs on a cluster.
# With no arguments: the bundled sample manifest (jobs/samples/) into output/sample/.
# usage: scripts/run-local.sh [--manifest URI] [--output URI] [--config FILE] [--set key=value]...
# Exit codes: 0 ok, 2 invalid arguments/configuration/manifest, 3 too many pairs failed, 1 other errors.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ROOT="$STYLEBATCH_ROOT"

manifest=""
output=""
weights=""
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --manifest) manifest="$2"; shift 2 ;;
    --output) output="$2"; shift 2 ;;
    --config) args+=(--config "$2"); shift 2 ;;
    --set)
      case "$2" in stylebatch.model.weights=*) weights="${2#stylebatch.model.weights=}" ;; esac
      args+=(--set "$2"); shift 2 ;;
    *) echo "run-local: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[ -n "$manifest" ] || manifest="$ROOT/jobs/samples/manifest.csv"
[ -n "$output" ] || output="$ROOT/output/sample"

# The default weights live in the checkout's models/, whatever the working directory (reference.conf reads
# this variable). Fetch them if missing, unless a --set or --config may point elsewhere.
export STYLEBATCH_DEFAULT_WEIGHTS="$ROOT/models/vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5"
if [ -z "$weights" ] && ! printf '%s\n' "${args[@]:-}" | grep -q -- '--config' \
   && [ ! -f "$STYLEBATCH_DEFAULT_WEIGHTS" ]; then
  echo "run-local: VGG19 weights not found at $STYLEBATCH_DEFAULT_WEIGHTS; trying scripts/fetch-vgg19.sh" >&2
  if ! "$ROOT/scripts/fetch-vgg19.sh"; then
    echo "run-local: stopped: supply the weights as shown above, e.g. --set stylebatch.model.weights=FILE" >&2
    exit 2
  fi
fi

# Local Spark binds to loopback unless told otherwise.
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
STYLEBATCH_JAVA_OPTS="${STYLEBATCH_JAVA_OPTS:--Xmx3g -Dlog4j2.configurationFile=$ROOT/conf/log4j2-local.properties}" \
  stylebatch_java io.stylebatch.job.StyleBatchJob --manifest "$manifest" --output "$output" "${args[@]}"
