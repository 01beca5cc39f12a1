#!/usr/bin/env bash
# Runs a command with a throwaway S3-compatible server (moto_server from .venv-s3) on a free loopback port,
# and HUB_TEST_BLOBS pointing at a bucket in it; the server is stopped and its state dropped afterwards,
# also when the command fails or the script is interrupted.
#   scripts/s3/with-moto.sh COMMAND [ARGS...]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
server="$root/.venv-s3/bin/moto_server"
[ -x "$server" ] || { echo "with-moto.sh: $server is missing (make .venv-s3/installed)" >&2; exit 2; }

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
log="$(mktemp -t hub-moto.XXXXXX.log)"
"$server" -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
pid=$!
stop() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$log"; }
trap stop EXIT
trap 'exit 130' INT TERM

for _ in $(seq 1 100); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/moto-api/" 2>/dev/null; then break; fi
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "with-moto.sh: moto_server did not start" >&2; exit 1; }
    sleep 0.1
done

# moto accepts any key pair; the tests still sign every request with it.
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-hubtest}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-hubtestsecret}"
export HUB_TEST_BLOBS="s3://hub-test?endpoint=http://127.0.0.1:$port&region=us-east-1"
echo "with-moto.sh: moto_server on 127.0.0.1:$port (HUB_TEST_BLOBS=$HUB_TEST_BLOBS)" >&2
"$@"
