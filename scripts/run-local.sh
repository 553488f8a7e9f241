#!/usr/bin/env bash
# Runs the StyleBatch job with local Spark (local[*]), the same code spark-submit runs on a cluster.
# With no arguments: the bundled sample manifest (jobs/samples/) into output/sample/, with the quick profile
# conf/local.conf (128 px, 100 evaluations: about two minutes on a 2-core machine); --full uses the full-quality
# defaults instead (256 px, 300 evaluations: 10-30 minutes there). A --config FILE replaces the quick profile.
# usage: scripts/run-local.sh [--full] [--manifest URI] [--output URI] [--config FILE] [--set key=value]...
#        scripts/run-local.sh --validate|--print-config|--version [...]
# Exit codes: 0 ok, 2 invalid arguments/configuration/manifest, 3 too many pairs failed, 1 other errors.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ROOT="$STYLEBATCH_ROOT"

manifest=""
output=""
weights=""
full=""
config=""
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --full) full=1; shift ;;
    --validate|--print-config|--version) args+=("$1"); shift ;;
    --manifest) manifest="$2"; shift 2 ;;
    --output) output="$2"; shift 2 ;;
    --config) config="$2"; args+=(--config "$2"); shift 2 ;;
    --set)
      case "$2" in stylebatch.model.weights=*) weights="${2#stylebatch.model.weights=}" ;; esac
      args+=(--set "$2"); shift 2 ;;
    *) echo "run-local: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[ -n "$config" ] || [ -n "$full" ] || args+=(--config "$ROOT/conf/local.conf")
[ -n "$manifest" ] || manifest="$ROOT/jobs/samples/manifest.csv"
[ -n "$output" ] || output="$ROOT/output/sample"

# The default weights live in the checkout's models/, whatever the working directory (reference.conf reads
# this variable). Fetch them if missing, unless a --set or --config may point elsewhere.
export STYLEBATCH_DEFAULT_WEIGHTS="$ROOT/models/vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5"
needs_weights=1
case " ${args[*]:-} " in *" --print-config "*|*" --version "*) needs_weights="" ;; esac
if [ -n "$needs_weights" ] && [ -z "$weights" ] && [ -z "$config" ] && [ ! -f "$STYLEBATCH_DEFAULT_WEIGHTS" ]; then
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
