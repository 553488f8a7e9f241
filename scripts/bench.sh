#!/usr/bin/env bash
# The shipped benchmark: engine (full-width VGG19, random weights) at 128, 256 and 512 px with a matmul
# reference measured in the same run, a per-op profile of one evaluation at 128, 256 and 512 px (where the
# time goes: each network op per layer, the loss terms, an Adam step), and the Spark pipeline (8 pairs over
# 2 styles x 100 iterations at 128 px, local[*]). Prints tables; writes the figures as JSON to
# target/bench/bench.json. Each engine size runs in a fresh JVM so that its peak RSS is its own. Takes about
# 10 minutes on 2 cores.
# --large runs the large-image rows instead (about 25 minutes on 2 cores): tiled against whole-image
# evaluation at 512, 768 and 1024 px (2 x 2 tiles), 2048 px in automatic tiles under a 3 GB budget (time per
# evaluation and peak RSS), and single-scale against coarse-to-fine at 512 px (loss against wall time).
# --encode runs only the output formats' row: encoding time and size of a 1024 px image per format (seconds).
# --scale runs the catalog-scale rows instead: 1,000, 10,000 and 100,000 pairs of one evaluation at 16 px on
# local files (validate, run, per-pair overhead, rerun of the finished output, live heap, report size) in a
# 1 GB heap, then --validate of 1,000,000 pairs in 4 GB (about 20 minutes on 2 cores; 100,000 distinct files).
# --scale-s3 runs the S3 rows: 1,000 and 250 pairs on the local S3 server (scripts/local-s3.sh, started and
# stopped here unless already running), with the requests a rerun makes.
# usage: scripts/bench.sh [--engine-only | --pipeline-only | --large | --encode | --scale | --scale-s3]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ROOT="$STYLEBATCH_ROOT"
cd "$ROOT"
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
stylebatch_ensure_built test-compile
mkdir -p target/bench
rm -f target/bench/engine-*.json target/bench/ops-*.json target/bench/pipeline.json target/bench/encode.json
run() { (STYLEBATCH_JAVA_OPTS="$1" stylebatch_java io.stylebatch.tools.Bench "${@:2}") 2> >(grep -v -E "^SLF4J|^[0-9:]{8} (WARN|INFO) " >&2); }
# Large images return freed native memory at once (see "Executor sizing" in docs/deploy.md).
large() { (MALLOC_MMAP_THRESHOLD_=131072 MALLOC_ARENA_MAX=2 STYLEBATCH_JAVA_OPTS="-Xmx1g -Xmn32m" stylebatch_java io.stylebatch.tools.BenchLarge "$@") 2> >(grep -v -E "^SLF4J|^[0-9:]{8} (WARN|INFO) " >&2); }
if [ "${1:-}" = "--large" ]; then
  rm -f target/bench/tiling-*.json target/bench/multiscale-*.json
  for size in 512 768 1024; do
    large tiling "$size" 0 5
    large tiling "$size" $((size / 2)) 5
  done
  large tiling 2048 0 3 3221225472
  large multiscale 512 100
  {
    echo "{\"commit\":\"$(git rev-parse --short HEAD 2>/dev/null || echo unknown)\",\"tiling\":["
    sep=""
    for f in target/bench/tiling-*.json; do [ -f "$f" ] || continue; printf '%s' "$sep"; cat "$f"; sep=","; done
    echo "],\"multiscale\":"
    if [ -f target/bench/multiscale-512.json ]; then cat target/bench/multiscale-512.json; else echo null; fi
    echo "}"
  } > target/bench/bench-large.json
  echo "wrote target/bench/bench-large.json"
  exit 0
fi
scale() { (STYLEBATCH_JAVA_OPTS="$1 -Dlog4j2.configurationFile=$ROOT/conf/log4j2-bench.properties" stylebatch_java io.stylebatch.tools.BenchScale "${@:2}") 2> >(grep -v -E "^SLF4J|^[0-9:]{8} (WARN|INFO) " >&2) | grep -E "^scale"; }
if [ "${1:-}" = "--scale" ]; then
  rm -f target/bench/scale-*.json
  for pairs in 1000 10000 100000; do
    scale -Xmx1g "$pairs"
    rm -rf "target/bench/scale-$pairs"/output-*
  done
  mkdir -p target/bench/scale-1000000
  ln -sfn ../scale-100000/in target/bench/scale-1000000/in
  scale -Xmx4g 1000000 --validate-only
  exit 0
fi
if [ "${1:-}" = "--scale-s3" ]; then
  started=0
  if ! scripts/local-s3.sh status >/dev/null 2>&1; then
    scripts/local-s3.sh start >/dev/null
    started=1
  fi
  export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-stylebatch-local}"
  export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-stylebatch-local-secret}"
  for pairs in 1000 250; do
    scale -Xmx1g "$pairs" --s3 "s3a://stylebatch/bench-$pairs-$(date +%s)"
  done
  if [ "$started" -eq 1 ]; then scripts/local-s3.sh stop >/dev/null; fi
  exit 0
fi
encode() { (STYLEBATCH_JAVA_OPTS="-Xmx1g" stylebatch_java io.stylebatch.tools.BenchEncode 1024 7) 2> >(grep -v -E "^SLF4J|^[0-9:]{8} (WARN|INFO) " >&2); }
if [ "${1:-}" = "--encode" ]; then
  encode
  exit 0
fi
if [ "${1:-}" != "--pipeline-only" ]; then
  run "-Xmx1g -Xmn32m" engine 128 60
  run "-Xmx1g -Xmn32m" engine 256 60
  run "-Xmx1g -Xmn32m" engine 512 25
  (STYLEBATCH_JAVA_OPTS="-Xmx1g -Xmn32m" stylebatch_java io.stylebatch.tools.BenchOps --sizes 128,256,512) \
    2> >(grep -v -E "^SLF4J|^[0-9:]{8} (WARN|INFO) " >&2)
fi
if [ "${1:-}" = "" ]; then
  encode
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
  echo "],\"ops\":["
  sep=""
  for f in target/bench/ops-*.json; do [ -f "$f" ] || continue; printf '%s' "$sep"; cat "$f"; sep=","; done
  echo "],\"pipeline\":"
  if [ -f target/bench/pipeline.json ]; then cat target/bench/pipeline.json; else echo null; fi
  echo ",\"encode\":"
  if [ -f target/bench/encode.json ]; then cat target/bench/encode.json; else echo null; fi
  echo "}"
} > target/bench/bench.json
echo "wrote target/bench/bench.json"
