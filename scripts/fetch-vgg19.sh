#!/usr/bin/env bash
# Downloads the standard Keras VGG19 conv weights (vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5,
# ~80 MB, from the Keras applications release) into models/ (the default of stylebatch.model.weights)
# and verifies its checksum.
# usage: scripts/fetch-vgg19.sh [--out FILE]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
NAME="vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5"
URL="https://storage.googleapis.com/tensorflow/keras-applications/vgg19/$NAME"
# MD5 published by keras.applications.vgg19 (file_hash of WEIGHTS_PATH_NO_TOP).
MD5="253f8cb515780f3b799900260a226db6"
OUT="$ROOT/models/$NAME"
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

verify() { [ "$(md5sum "$1" | cut -d' ' -f1)" = "$MD5" ]; }

if [ -f "$OUT" ] && verify "$OUT"; then
  echo "VGG19 weights already present and verified: $OUT"
  exit 0
fi
mkdir -p "$(dirname "$OUT")"
tmp="$OUT.part"
echo "downloading $URL"
if ! curl -fsSL --connect-timeout 15 --retry 2 -o "$tmp" "$URL"; then
  rm -f "$tmp"
  cat >&2 <<MSG
fetch-vgg19: could not download the VGG19 weights (no network access to the Keras release?).
If you already have $NAME (for example from ~/.keras/models/ on a machine with Keras), either
  - copy it to $OUT, or
  - point the job at it: --set stylebatch.model.weights=/path/or/s3a/uri/$NAME
To try the pipeline without the real weights, make random test weights (outputs are not art):
  scripts/make-test-weights.sh --out models/vgg19-random.h5 --width full
  scripts/run-local.sh --set stylebatch.model.weights=models/vgg19-random.h5
MSG
  exit 3
fi
if ! verify "$tmp"; then
  rm -f "$tmp"
  echo "fetch-vgg19: checksum mismatch for the downloaded file (expected md5 $MD5); nothing kept" >&2
  exit 4
fi
mv "$tmp" "$OUT"
echo "VGG19 weights saved and verified: $OUT"
