#!/usr/bin/env bash
# Spark GPU resource discovery script (spark.executor.resource.gpu.discoveryScript): prints the GPUs this
# executor may use, in Spark's ResourceInformation JSON format, e.g. {"name": "gpu", "addresses": ["0","1"]}.
# Respects CUDA_VISIBLE_DEVICES (addresses are then 0..n-1, as CUDA renumbers visible devices); set but
# empty means no device, as it does for CUDA.
# usage: scripts/gpu-discovery.sh
set -euo pipefail
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
count=0
if [ -n "${CUDA_VISIBLE_DEVICES+set}" ]; then
  if [ -n "$CUDA_VISIBLE_DEVICES" ] && [ "$CUDA_VISIBLE_DEVICES" != "NoDevFiles" ]; then
    IFS=',' read -r -a visible <<< "$CUDA_VISIBLE_DEVICES"
    count=${#visible[@]}
  fi
elif command -v nvidia-smi >/dev/null 2>&1; then
  count=$(nvidia-smi --query-gpu=index --format=csv,noheader 2>/dev/null | grep -c . || true)
fi
addresses=""
for ((i = 0; i < count; i++)); do
  addresses+="${addresses:+,}\"$i\""
done
echo "{\"name\": \"gpu\", \"addresses\": [$addresses]}"
