#!/usr/bin/env bash
# Runs a command with a throwaway S3-compatible server (moto_server from .venv-s3) on a free loopback port,
# and HUB_TEST_BLOBS pointing at a bucket in it; the server is stopped and its state dropped afterwards,
# also when the command fails or the script is interrupted.
#   scripts/s3/with-moto.sh COMMAND [ARGS...]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
server="$root/.venv-s3/bin/moto_server"
[ -x "$server" ] || { echo "with-moto.sh: $server is missing (make .venv-s3/installed)" >&2; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
log="$(mktemp -t hub-moto.XXXXXX.log)"
pids=()
stop() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -f "$log"; }
trap stop EXIT
trap 'exit 130' INT TERM

# start_moto PORT [ENV=VALUE...]: one moto_server in the background, waited for until it answers.
start_moto() {
    local port=$1; shift
    env "$@" "$server" -H 127.0.0.1 -p "$port" >>"$log" 2>&1 &
    pids+=($!)
    for _ in $(seq 1 100); do
        if curl -fsS -o /dev/null "http://127.0.0.1:$port/moto-api/" 2>/dev/null; then return 0; fi
        kill -0 "${pids[-1]}" 2>/dev/null || { cat "$log" >&2; echo "with-moto.sh: moto_server did not start" >&2; exit 1; }
        sleep 0.1
    done
}

# The bucket of the suites: moto accepts any key pair (its signature check would refuse a '/' encoded in a
# query, as in every listing hub sends, even from botocore itself).
port="$(free_port)"
start_moto "$port"
# A second server that checks every signature (after the three requests that create its user): the
# signing tests (S3SignedRequestTests) run there, with the key it made.
signed_port="$(free_port)"
start_moto "$signed_port" INITIAL_NO_AUTH_ACTION_COUNT=3
read -r signed_key signed_secret < <("$root/.venv-s3/bin/python" "$root/scripts/s3/make-moto-user.py" "http://127.0.0.1:$signed_port")
export HUB_TEST_S3_SIGNED="s3://hub-signed?endpoint=http://127.0.0.1:$signed_port&region=us-east-1"
export HUB_TEST_S3_SIGNED_KEY="$signed_key" HUB_TEST_S3_SIGNED_SECRET="$signed_secret"

# moto accepts any key pair; the tests still sign every request with it.
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-hubtest}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-hubtestsecret}"
export HUB_TEST_BLOBS="s3://hub-test?endpoint=http://127.0.0.1:$port&region=us-east-1"
echo "with-moto.sh: moto_server on 127.0.0.1:$port (HUB_TEST_BLOBS=$HUB_TEST_BLOBS)" >&2
"$@"
