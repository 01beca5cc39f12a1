#!/usr/bin/env bash
# The web pages in a real browser (Tests/WebBrowser), run by `make test` after the Hugging Face clients:
# headless Chromium (Debian's chromium; $HUB_CHROMIUM picks another) driven over the DevTools protocol by
# Python's standard library, against real `hub serve` processes on loopback with the seed catalogue, a
# model fine-tuned and pushed with the hub CLI, and a hostile model published through the JSON API.
# The servers and the browser are stopped at the end, also on failure or Ctrl-C.
#
#   scripts/web/test.sh [PATH_TO_HUB_BINARY] [UNITTEST OPTIONS...]    (default .build/debug/hub)
#   scripts/web/test.sh .build/debug/hub -k xss                       only the tests whose name has "xss"
#   HUB_SEED_CATALOGUE=DIR ...     use this built seed catalogue (default: registry/build.sh's, cached)
#   HUB_WEB_SCREENSHOTS=docs/web   write the screenshots there (make web-screenshots)
#   HUB_WEB_KEEP=1                 keep the servers' folders (data, logs) for inspection
set -euo pipefail
cd "$(dirname "$0")/../.."
HUB=${1:-.build/debug/hub}
shift || true
[ -x "$HUB" ] || { echo "web test: no hub binary at $HUB (swift build)" >&2; exit 1; }
if [ -z "${HUB_CHROMIUM:-}" ] && ! command -v chromium >/dev/null; then
    echo "web test: no chromium (make deps-web installs Debian's chromium package)" >&2
    exit 1
fi
[ -d /usr/share/datasets/fashion-mnist ] || [ -n "${HUB_FASHION_MNIST:-}" ] || {
    echo "web test: no Fashion-MNIST (make deps installs dataset-fashion-mnist)" >&2; exit 1; }
catalogue=${HUB_SEED_CATALOGUE:-}
if [ -z "$catalogue" ]; then
    catalogue=$(registry/build.sh "$HUB" | tail -n 1)
fi
[ -f "$catalogue/index.json" ] || { echo "web test: no seed catalogue at $catalogue" >&2; exit 1; }
exec python3 Tests/WebBrowser/run.py "$HUB" "$catalogue" "$@"
