# Shared by bench/http/run.sh and bench/http/search.sh (sourced, not run):
# the Release build, the scratch directory and its clean-up, and starting
# symptomdb on a kernel-chosen port. Both scripts measure one server beside
# nginx serving the same bytes, so they must set things up the same way.

log() { echo "bench: $*" >&2; }
die() { echo "bench: error: $*" >&2; exit 1; }

# A Release build in its own tree (build/ is left alone); sets BIN.
release_build() {  # [cmake --build options, e.g. --target symptomdb]
  log "building Release in build-release/"
  cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DSYMPTOMDB_BUILD_TESTS=OFF >/dev/null ||
    die "cmake configure failed"
  cmake --build build-release -j2 "$@" >/dev/null ||
    die "Release build failed (the working tree must compile)"
  BIN="$ROOT/build-release/symptomdb"
  [ -x "$BIN" ] || die "no binary at $BIN"
}

# Scratch space in TMP; the servers are stopped and everything is removed
# on exit, whatever the exit.
# shellcheck disable=SC2317  # invoked by the trap
cleanup() {
  local pid
  for pid in $SDB_PID $NGINX_PID; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in $SDB_PID $NGINX_PID; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$TMP"
}
scratch_dir() {  # NAME
  TMP="$(mktemp -d -t "$1.XXXXXX")"
  SDB_PID=""
  NGINX_PID=""
  trap cleanup EXIT
  trap 'exit 130' INT TERM
}

# symptomdb serve on 127.0.0.1, port chosen by the kernel and read from its
# "listening on" line; sets SDB_PID and SDB_PORT. A database holding
# MedQuAD takes a while to load, hence up to a minute.
start_symptomdb() {  # serve options (--db, --threads, ...)
  "$BIN" serve --host 127.0.0.1 --port 0 "$@" >"$TMP/symptomdb.out" 2>"$TMP/symptomdb.err" &
  SDB_PID=$!
  SDB_PORT=""
  for _ in $(seq 1 1200); do
    SDB_PORT="$(sed -n 's|^symptomdb listening on http://127\.0\.0\.1:\([0-9]\+\)/.*|\1|p' "$TMP/symptomdb.out")"
    [ -n "$SDB_PORT" ] && break
    kill -0 "$SDB_PID" 2>/dev/null || { cat "$TMP/symptomdb.err" >&2; die "symptomdb exited at startup"; }
    sleep 0.05
  done
  [ -n "$SDB_PORT" ] || die "symptomdb did not report a port"
  # The checker's profiles are built on a thread of their own after start
  # (seconds of CPU over MedQuAD): measuring before that is done measures
  # the build too. /healthz says when it is.
  local started=$SECONDS
  for _ in $(seq 1 1200); do
    curl -sf "http://127.0.0.1:$SDB_PORT/healthz" | grep -q '"checker":"ready"' && {
      log "symptomdb warm (checker profiles built) after $((SECONDS - started)) s"
      return 0
    }
    kill -0 "$SDB_PID" 2>/dev/null || { cat "$TMP/symptomdb.err" >&2; die "symptomdb exited at startup"; }
    sleep 0.1
  done
  die "symptomdb's checker was not ready within 2 minutes"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The start of an nginx.conf whose every file is under TMP (workers run as
# root when we do, so that they can read the 0700 temp dir).
nginx_conf_head() {
  mkdir -p "$TMP/nginx-temp"
  [ "$(id -u)" -eq 0 ] && echo "user root;"
  cat <<CONF
worker_processes 2;
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log warn;
events { worker_connections 4096; }
CONF
}
nginx_temp_paths() {
  cat <<CONF
  client_body_temp_path $TMP/nginx-temp/body;
  proxy_temp_path $TMP/nginx-temp/proxy;
  fastcgi_temp_path $TMP/nginx-temp/fastcgi;
  uwsgi_temp_path $TMP/nginx-temp/uwsgi;
  scgi_temp_path $TMP/nginx-temp/scgi;
  keepalive_requests 100000;
CONF
}
