#!/bin/sh
# Reproduces docs/results/branch-noise-resnet.md: the resnet preset (ResNet-20) on Fashion-MNIST
# with 2,000 training images, without noise and with each noise of residual branches
# (drop-path, shake-shake, shakedrop), 3 seeds each, compared by `noisenet compare`. Run from
# the repository root after `npm run build`; about 25 minutes on two lightly loaded cores, over an hour
# on a heavily loaded machine.
#
#   sh scripts/branch-noise-resnet.sh [OUT_DIR]
#
# FASHION_DIR (default /usr/share/datasets/fashion-mnist) holds the four Fashion-MNIST IDX files;
# without it, --dataset fashion-mnist downloads them. The results land in OUT_DIR (default
# docs/results/resnet-fashion-2000).
set -eu
OUT=${1:-docs/results/resnet-fashion-2000}
FASHION_DIR=${FASHION_DIR:-/usr/share/datasets/fashion-mnist}
DATA="--dataset fashion-mnist"
if [ -d "$FASHION_DIR" ]; then DATA="$DATA --data-dir $FASHION_DIR"; fi

# shellcheck disable=SC2086
node bin/noisenet.js compare $DATA --model resnet --train-size 2000 --val-size 1000 --epochs 4 \
  --batch-size 64 --seeds 3 --card none --stddevs 0,0.1,0.2 --draws 1 \
  --variant drop-path:rate=0.2 \
  --variant shake-shake \
  --variant shakedrop:rate=0.5 \
  --name "Noise of residual branches: ResNet-20 on Fashion-MNIST, 2,000 training images" \
  --png --force --out "$OUT"
