#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests (and for trying symptomdb
# with --db postgresql://...), made with Debian's own initdb and pg_ctl.
#
#   scripts/pg-temp-cluster.sh start STATE_FILE   # prints the URL
#   scripts/pg-temp-cluster.sh stop STATE_FILE    # stops it, deletes everything
#   scripts/pg-temp-cluster.sh pause|resume STATE_FILE   # stops / starts the server
#                                                 # only (tests of an outage)
#
# The cluster lives in a fresh mktemp directory and listens only on a Unix
# socket inside it (no TCP port, so nothing else on the machine can reach it
# and two clusters never collide), with trust authentication for the
# "symptomdb" superuser. STATE_FILE receives shell-style lines: URL= (of the
# "symptomdb" database), DIR= and BIN=. When PostgreSQL is not installed,
# STATE_FILE receives SKIP=<reason> instead and the script still succeeds, so
# that the tests needing it skip with that reason.
#
# initdb refuses to run as root: then the cluster is made and run as the
# unprivileged "nobody" account (runuser), in a directory owned by it.
set -euo pipefail

usage() {
  echo "usage: $0 start|stop|pause|resume STATE_FILE" >&2
  exit 2
}
[ $# -eq 2 ] || usage
action=$1
state=$2

find_bin() {
  if [ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/initdb" ]; then
    echo "$PG_BINDIR"
    return
  fi
  # Debian keeps each major version apart; take the newest (numerically).
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n | tail -1)
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then
    echo "$d"
  elif command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
  fi
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u nobody -- "$@"
  else
    "$@"
  fi
}

server_up() {
  local bin=$1 dir=$2
  # Durability is worth nothing for a cluster deleted after the tests.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses='' -c unix_socket_directories='$dir/socket' -c port=5432 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || {
    cat "$dir/server.log" >&2
    return 1
  }
}

start() {
  # A cluster left by an interrupted run is stopped and deleted first.
  stop
  local bin
  bin=$(find_bin)
  if [ -z "$bin" ]; then
    echo "SKIP='PostgreSQL is not installed (apt-get install postgresql, or scripts/install-deps.sh test)'" >"$state"
    echo "pg-temp-cluster: PostgreSQL is not installed; its tests will skip" >&2
    return 0
  fi
  if [ "$(id -u)" -eq 0 ] && ! command -v runuser >/dev/null 2>&1; then
    echo "SKIP='running as root without runuser: cannot start PostgreSQL as an unprivileged user'" >"$state"
    return 0
  fi
  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/symptomdb-pg-XXXXXX")
  chmod 700 "$dir"
  [ "$(id -u)" -eq 0 ] && chown nobody "$dir"
  # Written before anything can fail, so that "stop" can always clean up.
  {
    echo "DIR='$dir'"
    echo "BIN='$bin'"
  } >"$state"
  as_owner "$bin/initdb" -D "$dir/data" -U symptomdb --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    return 1
  }
  mkdir -p "$dir/socket"
  [ "$(id -u)" -eq 0 ] && chown nobody "$dir/socket"
  # The socket directory must be traversable by the test processes too.
  chmod 755 "$dir" "$dir/socket"
  server_up "$bin" "$dir" || return 1
  as_owner "$bin/createdb" -h "$dir/socket" -p 5432 -U symptomdb symptomdb
  local url="postgresql://symptomdb@/symptomdb?host=$dir/socket&port=5432"
  echo "URL='$url'" >>"$state"
  echo "$url"
}

stop() {
  [ -f "$state" ] || return 0
  local DIR="" BIN=""
  # shellcheck disable=SC1090
  . "$state"
  if [ -n "$DIR" ] && [ -d "$DIR" ]; then
    if [ -f "$DIR/data/postmaster.pid" ]; then
      as_owner "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$DIR"
  fi
  rm -f "$state"
}

load_state() {
  [ -f "$state" ] || {
    echo "pg-temp-cluster: no state file $state" >&2
    exit 1
  }
  DIR="" BIN=""
  # shellcheck disable=SC1090
  . "$state"
}

case "$action" in
  start) start ;;
  stop) stop ;;
  pause) load_state && as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null ;;
  resume) load_state && server_up "$BIN" "$DIR" ;;
  *) usage ;;
esac
