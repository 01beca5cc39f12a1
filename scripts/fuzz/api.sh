#!/usr/bin/env bash
# API fuzzing: schemathesis (from .venv-fuzz) against the /openapi.json served by a real `hub serve` on a
# free loopback port with a throwaway data directory, first anonymously, then with a write token.
# Passes when schemathesis finds no server error (5xx) and the server is still running afterwards.
#
# Usage: scripts/fuzz/api.sh HUB_BINARY   (API_FUZZ_EXAMPLES=100 per operation and phase, API_FUZZ_SEED=...)
set -uo pipefail
cd "$(dirname "$0")/../.."
hub=$(realpath "${1:?usage: $0 HUB_BINARY}")
st=$(realpath .venv-fuzz/bin/st)
examples=${API_FUZZ_EXAMPLES:-100}
work=$(mktemp -d "${TMPDIR:-/tmp}/hub-api-fuzz.XXXXXX")
reports=.build-fuzz/api
mkdir -p "$reports"
server=""
cleanup() {
    if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill "$server"; wait "$server" 2>/dev/null; fi
    rm -rf "$work"
}
trap cleanup EXIT

token=$("$hub" admin token create --data "$work/data" --user fuzz --scope write 2>/dev/null)
# Started from an empty folder with HUB_SEED unset, so no seed catalogue is loaded.
(cd "$work" && HUB_SEED= exec "$hub" serve --data "$work/data" --host 127.0.0.1 --port 0 \
    --max-blob-bytes 1048576 > "$work/server.log" 2>&1) &
server=$!
for _ in $(seq 100); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/server.log" 2>/dev/null | head -1)
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "${url:-}" ] || { echo "hub serve did not start:"; cat "$work/server.log"; exit 2; }
echo "hub serve on $url (data $work/data)"

failed=0
run() {
    local name=$1; shift
    echo "== schemathesis, $name"
    "$st" run "$url/openapi.json" --checks not_a_server_error --max-examples "$examples" \
        --phases examples,coverage,fuzzing,stateful --request-timeout 30 --no-color \
        --report junit --report-junit-path "$reports/$name.xml" \
        ${API_FUZZ_SEED:+--seed "$API_FUZZ_SEED"} "$@" 2>&1 | tee "$reports/$name.log" | tail -25
    [ "${PIPESTATUS[0]}" -eq 0 ] || failed=1
    if ! kill -0 "$server" 2>/dev/null; then
        echo "hub serve died during the $name run:"; tail -20 "$work/server.log"; failed=1
        exit 1
    fi
}
run anonymous
run write-token -H "Authorization: Bearer $token"

errors=$(grep -cE ' 5[0-9]{2} [0-9]+ bytes' "$work/server.log" || true)
echo "server log: $(grep -cE ' [0-9]{3} [0-9]+ bytes' "$work/server.log") requests, ${errors} answered 5xx"
grep -E ' 5[0-9]{2} [0-9]+ bytes' "$work/server.log" | head -20
cp "$work/server.log" "$reports/server.log"
[ "$failed" -eq 0 ] && [ "${errors:-0}" -eq 0 ]
