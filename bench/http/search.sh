#!/usr/bin/env bash
# HTTP search under load: GET /search (HTML) and /api/v1/search (JSON) for
# one common word over MedQuAD, with many connections, counting the
# requests slower than 100 ms. The same bytes served by nginx (static, the
# ceiling for any dynamic server) are measured in the same run.
#
# Usage: bench/http/run.sh search     (or bench/http/search.sh)
# Knobs (environment):
#   CONNECTIONS=128   wrk connections
#   DURATION=10       seconds per measurement (after a 2 s warm-up)
#   WORDS="heart pain"
#   SYMPTOMDB_THREADS=2
#   QA_DB=FILE        a database with MedQuAD already imported (copied, not
#                     changed); without it MedQuAD is imported from
#                     ../shared/data/medquad into a scratch database.
#   SYMPTOMDB_BIN=FILE  measure this binary instead of building the working
#                     tree (e.g. an older build, for a before/after)
# Each line also says how much CPU the server and wrk used: on 2 shared
# cores a server that gets little CPU queues its connections, whatever it
# does per request.
# Target: no request over 100 ms. Exits 0 once it has measured.
set -euo pipefail

CONNECTIONS="${CONNECTIONS:-128}"
DURATION="${DURATION:-10}"
WORDS="${WORDS:-heart pain}"
SYMPTOMDB_THREADS="${SYMPTOMDB_THREADS:-2}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
MEDQUAD="$ROOT/../shared/data/medquad"

# shellcheck source=bench/http/common.sh
. "$ROOT/bench/http/common.sh"

scripts/install-deps.sh bench
if [ -n "${SYMPTOMDB_BIN:-}" ]; then
  BIN="$SYMPTOMDB_BIN"
  [ -x "$BIN" ] || die "SYMPTOMDB_BIN=$BIN is not an executable"
else
  release_build --target symptomdb
fi
scratch_dir symptomdb-search

DB="$TMP/search.db"
if [ -n "${QA_DB:-}" ]; then
  [ -f "$QA_DB" ] || die "QA_DB=$QA_DB not found"
  cp "$QA_DB" "$DB"
else
  [ -d "$MEDQUAD" ] || die "$MEDQUAD not found; this benchmark needs MedQuAD (or QA_DB=FILE)"
  log "importing MedQuAD"
  "$BIN" import medquad "$MEDQUAD" --db "$DB" | head -1
fi

start_symptomdb --db "$DB" --threads "$SYMPTOMDB_THREADS" --no-sample \
  --access-log "$TMP/access.log"
PORT="$SDB_PORT"

# Bodies for nginx: exactly what symptomdb answered.
mkdir -p "$TMP/www"
for w in $WORDS; do
  curl -sS -o "$TMP/www/search-$w.html" "http://127.0.0.1:$PORT/search?q=$w" || die "curl /search failed"
  curl -sS -o "$TMP/www/api-search-$w.json" "http://127.0.0.1:$PORT/api/v1/search?q=$w" ||
    die "curl /api/v1/search failed"
done
NGINX_PORT="$(free_port)"
{ nginx_conf_head; cat <<EOF; } >"$TMP/nginx.conf"
http {
  access_log off;
$(nginx_temp_paths)
  server_tokens off;
  types { }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $TMP/www;
    location = /search { default_type "text/html; charset=utf-8"; try_files /search-\$arg_q.html =404; }
    location = /api/v1/search { default_type "application/json; charset=utf-8"; try_files /api-search-\$arg_q.json =404; }
  }
}
EOF
nginx -c "$TMP/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$NGINX_PORT/" && break; sleep 0.1; done

# Every request's latency is in wrk's histogram (value, count); requests
# that time out (wrk's --timeout) are not, so they are counted apart.
cat >"$TMP/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local slow = 0
  for i = 1, #latency do
    local v, c = latency(i)
    if v > 100000 then slow = slow + c end
  end
  io.write(string.format(
    "%.0f req/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms, over 100 ms %d of %d, timeouts %d, non-2xx %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, slow, summary.requests,
    summary.errors.timeout, summary.errors.status))
end
LUA
HZ="$(getconf CLK_TCK)"
ticks() {  # utime+stime of a process and its children (nginx's workers), in clock ticks
  local t=0 p
  for p in "$1" $(pgrep -P "$1"); do
    t=$(( t + $(sed 's/.*) //' "/proc/$p/stat" | awk '{print $12 + $13}') ))
  done
  echo "$t"
}
measure() {  # name port path pid
  local before after line wrk_cpu
  wrk -t2 -c"$CONNECTIONS" -d2s --timeout 10s "http://127.0.0.1:$2$3" >/dev/null
  before="$(ticks "$4")"
  # wrk's own CPU (user + system seconds), from the shell's time keyword.
  line="$({ TIMEFORMAT='%U %S'; time wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s \
    -s "$TMP/report.lua" "http://127.0.0.1:$2$3" | tail -1; } 2>"$TMP/wrk.time")"
  after="$(ticks "$4")"
  wrk_cpu="$(awk '{printf "%.2f", ($1 + $2) / d}' d="$DURATION" "$TMP/wrk.time")"
  printf '%-10s %-28s %s; server %.2f cores, wrk %s cores\n' "$1" "$3" "$line" \
    "$(awk -v t=$(( after - before )) -v hz="$HZ" -v d="$DURATION" 'BEGIN{print t / hz / d}')" "$wrk_cpu"
}
echo "== search under load (wrk -t2 -c$CONNECTIONS -d${DURATION}s, symptomdb --threads $SYMPTOMDB_THREADS, nginx 2 workers serving the same bytes) =="
for w in $WORDS; do
  for path in "/search?q=$w" "/api/v1/search?q=$w"; do
    measure symptomdb "$PORT" "$path" "$SDB_PID"
    measure nginx "$NGINX_PORT" "$path" "$NGINX_PID"
  done
done
echo "machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), $(uname -r), $(date -u +%F); commit $(git rev-parse --short HEAD)$(git diff --quiet || echo ' +uncommitted')"
