#!/usr/bin/env bash
# The shipped benchmark: engine (full-width VGG19, random weights) at 128 and 256 px with a matmul
# reference measured in the same run, and the Spark pipeline (8 pairs over 2 styles x 100 iterations at
# 128 px, local[*]). Prints a table; writes the figures as JSON to target/bench/bench.json.
# Each engine size runs in a fresh JVM so that its peak RSS is its own. Takes about 5 minutes on 2 cores.
# usage: scripts/bench.sh [--engine-only | --pipeline-only]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ROOT="$STYLEBATCH_ROOT"
cd "$ROOT"
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
stylebatch_ensure_built
mkdir -p target/bench
rm -f target/bench/engine-*.json target/bench/pipeline.json
run() { (STYLEBATCH_JAVA_OPTS="$1" stylebatch_java io.stylebatch.tools.Bench "${@:2}") 2> >(grep -v -E "^SLF4J|^[0-9:]{8} (WARN|INFO) " >&2); }
if [ "${1:-}" != "--pipeline-only" ]; then
  run "-Xmx1g -Xmn32m" engine 128 60
  run "-Xmx1g -Xmn32m" engine 256 60
fi
if [ "${1:-}" != "--engine-only" ]; then
  run "-Xmx3g -Dlog4j2.configurationFile=$ROOT/conf/log4j2-bench.properties" pipeline
fi
{
  echo "{\"commit\":\"$(git rev-parse --short HEAD 2>/dev/null || echo unknown)\",\"engine\":["
  first=1
  for f in target/bench/engine-*.json; do
    [ -f "$f" ] || continue
    [ $first -eq 1 ] || echo ","
    first=0
    cat "$f"
  done
  echo "],\"pipeline\":"
  if [ -f target/bench/pipeline.json ]; then cat target/bench/pipeline.json; else echo null; fi
  echo "}"
} > target/bench/bench.json
echo "wrote target/bench/bench.json"
