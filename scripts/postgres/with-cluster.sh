#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster: initdb in a temporary folder (as the
# `postgres` user when run as root: PostgreSQL refuses to run as root), listening on 127.0.0.1 on a
# free port with a password (scram-sha-256), stopped and deleted afterwards, also on failure.
# The command sees HUB_TEST_DATABASE=postgres://hub@127.0.0.1:PORT/postgres and PGPASSWORD.
#   scripts/postgres/with-cluster.sh swift test --skip-build --filter HubServerTests
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARGUMENTS...]" >&2; exit 2; }

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "no PostgreSQL server found in /usr/lib/postgresql (apt-get install postgresql)" >&2; exit 1; }

folder=$(mktemp -d /tmp/hub-postgres.XXXXXX)
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "running as root needs the postgres user (Debian's postgresql package makes it)" >&2; exit 1; }
    chown postgres: "$folder"
    as_owner=(runuser -u postgres --)
fi
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

stop() {
    "${as_owner[@]}" "$bin/pg_ctl" -D "$folder/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$folder"
}
trap stop EXIT

printf '%s\n' "$password" > "$folder/password"
chmod 600 "$folder/password"
[ ${#as_owner[@]} -eq 0 ] || chown postgres: "$folder/password"
"${as_owner[@]}" "$bin/initdb" -D "$folder/data" -U hub --auth=scram-sha-256 --pwfile="$folder/password" \
    --encoding=UTF8 --locale=C.UTF-8 >"$folder/initdb.log" 2>&1 || { cat "$folder/initdb.log" >&2; exit 1; }
rm -f "$folder/password"
# A throwaway cluster: no fsync (the durability tests are SQLite's; PostgreSQL's own is its WAL), and
# enough connections for the suite's parallel registries (each has a writer and up to 16 readers).
"${as_owner[@]}" "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 60 start -o \
    "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$folder -c fsync=off -c full_page_writes=off -c max_connections=1000 -c shared_buffers=128MB" \
    >/dev/null || { cat "$folder/server.log" >&2; exit 1; }

echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (throwaway cluster in $folder)"
export HUB_TEST_DATABASE="postgres://hub@127.0.0.1:$port/postgres"
export PGPASSWORD="$password"
"$@"
