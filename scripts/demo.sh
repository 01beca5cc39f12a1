#!/usr/bin/env bash
# The hub end to end on loopback, printing each command before its output.
# Usage: scripts/demo.sh PATH_TO_HUB_BINARY
set -euo pipefail
HUB=${1:-.build/release/hub}
HUB=$(cd "$(dirname "$HUB")" && pwd)/$(basename "$HUB")

step() {
    printf '\n\033[1m$ hub %s\033[0m\n' "$*"
    "$HUB" "$@"
}

step --help
