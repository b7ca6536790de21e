#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL server, stopped on every exit path.
#   bash scripts/with_pg.sh COMMAND [ARGS...]
# Installs Debian's `postgresql` when missing, starts a cluster in a temporary folder on a
# free port (socket in that folder too), exports
#   WORKSHOP_TEST_DB=postgresql+psycopg://postgres@127.0.0.1:PORT/postgres
# runs COMMAND, stops the server and removes the folder (trap on EXIT/INT/TERM), and exits
# with COMMAND's status. PostgreSQL refuses to run as root: as root the server runs as the
# `postgres` user the package creates; as another user it runs as that user.
set -euo pipefail

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "with_pg.sh: need root (or sudo) to install postgresql" >&2; exit 1; fi
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
  echo "with_pg.sh: installing postgresql"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
PGBIN="$(pg_bin)"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

DIR="$(mktemp -d -t workshop-pg-XXXXXX)"
chmod 755 "$DIR"
if [ "$(id -u)" = 0 ]; then
  chown postgres "$DIR"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

stop() {
  status=$?
  trap - EXIT INT TERM
  if [ -f "$DIR/data/postmaster.pid" ]; then
    as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$DIR"
  exit "$status"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

as_pg "$PGBIN/initdb" -D "$DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
  || { cat "$DIR/initdb.log" >&2; exit 1; }
PORT="$(free_port)"
# Throwaway data: no fsync (the server's durability is not what the tests measure).
if ! as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null; then
  cat "$DIR/server.log" >&2
  exit 1
fi
export WORKSHOP_TEST_DB="postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
echo "with_pg.sh: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $PORT"
"$@"
