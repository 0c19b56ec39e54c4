#!/bin/sh
# Reproduces docs/results/what-noise-buys.md: noise techniques on Fashion-MNIST (2,000 training
# images), each measured by compare's robustness card (clean, mean corruption accuracy, ECE,
# FGSM at eps 0.1, certified accuracy). Run from the repository root after `npm run build`.
#
#   sh scripts/what-noise-buys.sh [mlp|convnet|all] [OUT_ROOT]
#
# FASHION_DIR (default /usr/share/datasets/fashion-mnist) holds the four Fashion-MNIST IDX files;
# without it, --dataset fashion-mnist downloads them. The results land in
# OUT_ROOT/buys-fashion-2000-mlp and OUT_ROOT/buys-fashion-2000-convnet (default docs/results).
set -eu
WHICH=${1:-all}
OUT_ROOT=${2:-docs/results}
FASHION_DIR=${FASHION_DIR:-/usr/share/datasets/fashion-mnist}
DATA="--dataset fashion-mnist"
if [ -d "$FASHION_DIR" ]; then DATA="$DATA --data-dir $FASHION_DIR"; fi

if [ "$WHICH" = mlp ] || [ "$WHICH" = all ]; then
  # shellcheck disable=SC2086
  node bin/noisenet.js compare $DATA --train-size 2000 --val-size 2000 --epochs 20 --seeds 3 \
    --card all --card-samples 1000 --card-eps 0.1 \
    --variant gaussian:stddev=0.1 \
    --variant dropout:rate=0.5@hidden \
    --variant label-smoothing:epsilon=0.1 \
    --variant mixup:alpha=0.2 \
    --variant augmix \
    --variant adversarial:eps=0.1 \
    --name "What noise buys: the MLP on Fashion-MNIST, 2,000 training images" \
    --png --force --out "$OUT_ROOT/buys-fashion-2000-mlp"
fi

if [ "$WHICH" = convnet ] || [ "$WHICH" = all ]; then
  # shellcheck disable=SC2086
  node bin/noisenet.js compare $DATA --model convnet --train-size 2000 --val-size 2000 --epochs 5 --seeds 3 \
    --card all --card-samples 500 --card-eps 0.1 \
    --variant preset \
    --variant augmix \
    --variant adversarial:eps=0.1 \
    --name "What noise buys: the convnet on Fashion-MNIST, 2,000 training images" \
    --png --force --out "$OUT_ROOT/buys-fashion-2000-convnet"
fi
