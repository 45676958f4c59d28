#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster on 127.0.0.1 (a free port) and print its DSN on stdout.
#   export ANJUNGAN_TEST_PG=$(scripts/pg-test.sh)        # then run pytest tests/server tests/sync
#   scripts/pg-test.sh --stop DIR                         # stop a cluster started earlier
# The cluster lives in a temporary directory (printed on stderr) and is for tests only:
# trust authentication on loopback, fsync off. Runs initdb/pg_ctl as "postgres" when root.
set -euo pipefail

PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
    echo "pg-test.sh: PostgreSQL server binaries not found (set PGBIN)" >&2
    exit 2
fi

as_pg() {
    if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}

if [ "${1:-}" = "--stop" ]; then
    as_pg "'$PGBIN/pg_ctl' -D '$2/data' -m fast -w stop" >/dev/null
    rm -rf "$2"
    exit 0
fi

DIR=$(mktemp -d /tmp/anjungan-pg.XXXXXX)
[ "$(id -u)" = 0 ] && chown postgres "$DIR"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

as_pg "'$PGBIN/initdb' -D '$DIR/data' -A trust -U postgres --no-sync -E UTF8" >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; exit 1; }
as_pg "'$PGBIN/pg_ctl' -D '$DIR/data' -l '$DIR/server.log' -w -o \"-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories='$DIR' -c fsync=off -c synchronous_commit=off -c max_connections=200\" start" >/dev/null \
    || { cat "$DIR/server.log" >&2; exit 1; }
as_pg "'$PGBIN/createdb' -h 127.0.0.1 -p $PORT -U postgres anjungan_test"

echo "pg-test.sh: cluster in $DIR (stop: scripts/pg-test.sh --stop $DIR)" >&2
echo "postgresql://postgres@127.0.0.1:$PORT/anjungan_test"
