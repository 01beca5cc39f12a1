#!/usr/bin/env bash
# The real Hugging Face clients against a real `hub serve` on loopback (Tests/HuggingFaceClients), run by
# `make test` after `swift test`:
#   1. .venv-hf  (huggingface_hub 2.4.0, timm 1.0.31, torch 2.13.0+cpu): every test;
#   2. .venv-hf0 (huggingface_hub 0.36.0, no torch): the same tests except those marked `torch` (timm,
#      torch.hub, timm uploads) and `resume` (0.x clients do not resume an interrupted download).
# Each run starts its own server with a fresh data directory and stops it at the end.
#
#   scripts/hf/test.sh [PATH_TO_HUB_BINARY] [PYTEST ARGS...]    (default .build/debug/hub)
set -euo pipefail
cd "$(dirname "$0")/../.."
HUB=${1:-.build/debug/hub}
shift || true
[ -x "$HUB" ] || { echo "hf test: no hub binary at $HUB (swift build)" >&2; exit 1; }
export HUB_BINARY
HUB_BINARY=$(cd "$(dirname "$HUB")" && pwd)/$(basename "$HUB")
for venv in .venv-hf .venv-hf0; do
    [ -x "$venv/bin/pytest" ] || { echo "hf test: no $venv (make hf-venvs creates it)" >&2; exit 1; }
done
cd Tests/HuggingFaceClients
started=$(date +%s)
failed=""
echo "== huggingface_hub 2.4.0, timm, torch (.venv-hf)"
../../.venv-hf/bin/pytest -p no:cacheprovider -q "$@" || failed="$failed 2.4.0"
echo "== huggingface_hub 0.36.0 (.venv-hf0)"
../../.venv-hf0/bin/pytest -p no:cacheprovider -q -m "not torch and not resume" "$@" || failed="$failed 0.36.0"
elapsed=$(( $(date +%s) - started ))
[ -z "$failed" ] || { echo "hf test: failed with huggingface_hub$failed (${elapsed} s)" >&2; exit 1; }
echo "hf test: both clients passed in ${elapsed} s"
