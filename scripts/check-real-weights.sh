#!/usr/bin/env bash
# The real-weights check of the engine issue with a freshly computed torch reference (`make test` runs
# the same Swift test against the reference committed in Tests/EngineTests/Fixtures/real):
#   1. fetch EfficientNet-Lite0 (scripts/fetch-weights.sh) into HUB_WEIGHTS_CACHE (~/.cache/hub-build/weights);
#   2. write torch's reference for it (scripts/golden/make_real_reference.py) next to the weights;
#   3. run GoldenRealWeightsTests with HUB_REAL_WEIGHTS pointing there: every tensor the engine reads from
#      the .pth has the CRC-32 of torch.load's, and the network's logits on the Pillow-cropped photos are
#      within 1e-3 of torch's with the same top-1 class.
# Needs: pip install "torch==2.13.0+cpu" numpy safetensors scikit-image
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-python3}"
pth=$(scripts/fetch-weights.sh lite0)
reference="$(dirname "$pth")/reference"
"$python" scripts/golden/make_real_reference.py "$pth" "$reference"
swift build --build-tests
HUB_REAL_WEIGHTS="$reference" HUB_REAL_WEIGHTS_PTH="$pth" swift test --skip-build --filter GoldenRealWeightsTests
