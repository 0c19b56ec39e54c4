#!/bin/sh
# Reproduces docs/results/what-noise-buys.md: noise techniques on Fashion-MNIST (2,000 training
# images), each measured by compare's robustness card (clean, mean corruption accuracy, ECE,
# FGSM at eps 0.1, certified accuracy). Run from the repository root after `npm run build`.
#
#   sh scripts/what-noise-buys.sh [mlp|convnet|pgd|all] [OUT_ROOT]
#
# FASHION_DIR (default /usr/share/datasets/fashion-mnist) holds the four Fashion-MNIST IDX files;
# without it, --dataset fashion-mnist downloads them. The results land in
# OUT_ROOT/buys-fashion-2000-mlp and OUT_ROOT/buys-fashion-2000-convnet (default docs/results).
# `pgd` trains four MLPs (seed 42) into PGD_DIR (default $TMPDIR or /tmp, noisenet-buys-pgd/) and prints their accuracy under FGSM
# and under 10-step PGD, to check the card's one-step FGSM figures.
set -eu
WHICH=${1:-all}
OUT_ROOT=${2:-docs/results}
FASHION_DIR=${FASHION_DIR:-/usr/share/datasets/fashion-mnist}
PGD_DIR=${PGD_DIR:-${TMPDIR:-/tmp}/noisenet-buys-pgd}
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

if [ "$WHICH" = pgd ] || [ "$WHICH" = all ]; then
  for entry in baseline: label-smoothing:label-smoothing:epsilon=0.1 dropout:dropout:rate=0.5@hidden adversarial:adversarial:eps=0.1; do
    name=${entry%%:*}
    spec=${entry#*:}
    noise=""
    if [ -n "$spec" ]; then noise="--noise $spec"; fi
    # shellcheck disable=SC2086
    node bin/noisenet.js train $DATA --train-size 2000 --epochs 20 --seed 42 $noise -q --out "$PGD_DIR/$name"
    for attack in fgsm pgd; do
      # shellcheck disable=SC2086
      node bin/noisenet.js robustness --model "$PGD_DIR/$name/model" $DATA --samples 1000 --attack $attack --eps 0,0.05,0.1
    done
  done
fi
