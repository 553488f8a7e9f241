#!/usr/bin/env bash
# GPU smoke check for a GPU host: prints the driver, the devices and their compute capabilities, whether each
# can run the CUDA build of ND4J 1.0.0-M2.1 (3.7 to 8.9; not Hopper 9.0 or newer), whether the CUDA backend
# loads and computes, then runs the engine benchmark on the GPU.
# usage: scripts/gpu-smoke.sh [bench-engine.sh options, default: --sizes 256,512 --iterations 60]
set -euo pipefail
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
source "$(dirname "$0")/lib.sh"
ROOT="$STYLEBATCH_ROOT"
if ! command -v nvidia-smi >/dev/null 2>&1; then
  echo "gpu-smoke: nvidia-smi not found: no NVIDIA driver on this host" >&2
  exit 2
fi
echo "== driver and devices"
nvidia-smi --query-gpu=index,name,driver_version,compute_cap,memory.total --format=csv
echo "== can each device run the CUDA build?"
nvidia-smi --query-gpu=index,name,compute_cap --format=csv,noheader | while IFS=, read -r idx name cc; do
  cc="${cc// /}"
  major="${cc%%.*}"
  minor="${cc##*.}"
  case "$major" in
    3) [ "$minor" -ge 7 ] && ok=yes || ok=no ;;
    5|6|7|8) ok=yes ;;
    *) ok=no ;;
  esac
  echo "GPU $idx ($name, compute capability $cc): $ok"
done
# The CUDA build: the cuda profile's classpath (rebuilt when the last build was the CPU one).
export STYLEBATCH_MAVEN_ARGS="-Pcuda"
if [ -f "$ROOT/target/classpath-runtime.txt" ] && ! grep -q nd4j-cuda "$ROOT/target/classpath-runtime.txt"; then
  rm -f "$ROOT/target/classpath-runtime.txt"
fi
echo "== ND4J backend"
(stylebatch_java io.stylebatch.tools.BackendInfo)
echo "== engine benchmark on the GPU"
if [ $# -eq 0 ]; then set -- --sizes 256,512 --iterations 60; fi
STYLEBATCH_JAVA_OPTS="${STYLEBATCH_JAVA_OPTS:--Xmx4g}" stylebatch_java io.stylebatch.tools.BenchEngine "$@"
