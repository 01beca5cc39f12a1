#!/usr/bin/env bash
# API fuzzing: schemathesis (from .venv-fuzz) against the /openapi.json served by a real `hub serve` on a
# free loopback port with a throwaway data directory: once anonymously, once with a write token, each
# against a fresh server. Passes when schemathesis finds no server error (5xx), no request hangs, and the
# server is still running after each run. Reports and server logs land in .build-fuzz/api/.
#
# Usage: scripts/fuzz/api.sh HUB_BINARY [schemathesis options...]
#        (API_FUZZ_EXAMPLES=100 cases per operation and phase, API_FUZZ_SEED=N to repeat a run)
set -uo pipefail
cd "$(dirname "$0")/../.."
hub=$(realpath "${1:?usage: $0 HUB_BINARY}"); shift
st=$(realpath .venv-fuzz/bin/st)
examples=${API_FUZZ_EXAMPLES:-100}
reports=.build-fuzz/api
mkdir -p "$reports"
work="" server=""
stop_server() {
    if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill "$server"; wait "$server" 2>/dev/null; fi
    server=""
    [ -n "$work" ] && rm -rf "$work"
    work=""
}
trap stop_server EXIT

# Starts `hub serve` on a free port with a new data directory (no seed catalogue) and a write token.
start_server() {
    work=$(mktemp -d "${TMPDIR:-/tmp}/hub-api-fuzz.XXXXXX")
    token=$("$hub" admin token create --data "$work/data" --user fuzz --scope write 2>/dev/null)
    (cd "$work" && HUB_SEED= exec "$hub" serve --data "$work/data" --host 127.0.0.1 --port 0 \
        --max-blob-bytes 1048576 > "$work/server.log" 2>&1) &
    server=$!
    url=""
    for _ in $(seq 100); do
        url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/server.log" 2>/dev/null | head -1)
        if [ -n "$url" ]; then scripts/fuzz/seed-registry.sh "$url" "$token"; return 0; fi
        sleep 0.1
    done
    echo "hub serve did not start:"; cat "$work/server.log"; exit 2
}

failed=0
# run NAME anonymous|token [schemathesis options...]: one schemathesis run against a fresh server.
run() {
    local name=$1 auth=$2; shift 2
    start_server
    [ "$auth" = token ] && set -- -H "Authorization: Bearer $token" "$@"
    echo "== schemathesis, $name, against $url"
    "$st" run "$url/openapi.json" --checks not_a_server_error --max-examples "$examples" \
        --phases examples,coverage,fuzzing,stateful --request-timeout 30 --no-color \
        --report junit --report-junit-path "$reports/$name.xml" \
        ${API_FUZZ_SEED:+--seed "$API_FUZZ_SEED"} "$@" > "$reports/$name.log" 2>&1
    local status=$?
    grep -A40 '^=* ERRORS\|^=* FAILURES' "$reports/$name.log" | head -60
    sed -n '/^Test Phases:/,$p' "$reports/$name.log"
    [ $status -eq 0 ] || failed=1
    local errors
    errors=$(grep -cE ' 5[0-9]{2} [0-9]+ bytes' "$work/server.log")
    echo "server: $(grep -cE ' [0-9]{3} [0-9]+ bytes' "$work/server.log") requests, $errors answered 5xx"
    grep -E ' 5[0-9]{2} [0-9]+ bytes' "$work/server.log" | head -10
    [ "$errors" -eq 0 ] || failed=1
    if ! kill -0 "$server" 2>/dev/null; then
        echo "hub serve died during the $name run (log: $reports/$name.server.log)"; failed=1
        grep -m3 -E "Fatal error|Crash|at /.*\.swift" "$work/server.log"
    fi
    cp "$work/server.log" "$reports/$name.server.log"
    stop_server
}

run anonymous anonymous "$@"
run write-token token "$@"
exit $failed
