#!/usr/bin/env bash
# HTTP throughput benchmark: symptomdb vs nginx serving the same bytes,
# uncompressed and gzip-compressed (Accept-Encoding: gzip; nginx with gzip on
# at the same level, 6).
#
# Builds a Release binary in build-release/, serves the `muscle-atrophy`
# article from a fresh database, saves its JSON and HTML bodies, has nginx
# serve exactly those bytes at the same paths with the same Content-Type, and
# runs wrk against both, one after the other, with identical settings.
#
# Usage: bench/http/run.sh          (bench/http/run.sh search: the search mode)
# Knobs (environment):
#   DURATION=10          seconds per measurement (a 2 s warm-up precedes each)
#   CONNECTIONS=64       wrk connections
#   THREADS=2            wrk threads
#   SYMPTOMDB_THREADS=2  symptomdb --threads (nginx always has worker_processes 2)
#   ROUNDS=1             repeat the four measurements; the table shows medians
#   QUIET_WAIT=30        before each measurement wait up to this many seconds
#                        for other processes to go quiet (0 = do not wait)
#   SEED=../shared/seeds/muscle-atrophy-article.txt  seed article to import;
#                        SEED= (empty) or a missing file uses the bundled sample
#
# Target: symptomdb >= 0.50 x nginx requests/s, and symptomdb p99 < 5 ms.
# Exits 0 whether or not the target is met (it is a benchmark, not a test);
# exits non-zero only when the setup fails (build, startup, body mismatch).
set -euo pipefail

# "run.sh search": /search and /api/v1/search over MedQuAD under many
# connections (bench/http/search.sh).
if [ "${1:-}" = search ]; then exec "$(dirname "${BASH_SOURCE[0]}")/search.sh"; fi

DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
SYMPTOMDB_THREADS="${SYMPTOMDB_THREADS:-2}"
ROUNDS="${ROUNDS:-1}"
QUIET_WAIT="${QUIET_WAIT:-30}"
WARMUP=2
SLUG=muscle-atrophy
TARGET_RATIO=0.50
TARGET_P99_MS=5

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

# shellcheck source=bench/http/common.sh
. "$ROOT/bench/http/common.sh"

# 1. Dependencies (wrk, nginx-light, build tools); a no-op when present.
scripts/install-deps.sh bench

# 2. Release build in its own tree; build/ is left alone.
release_build

# 3. Scratch space; servers are stopped and everything removed on exit.
scratch_dir symptomdb-bench
DB="$TMP/bench.db"
SEED="${SEED-$ROOT/../shared/seeds/muscle-atrophy-article.txt}"
if [ -n "$SEED" ] && [ -f "$SEED" ]; then
  log "importing seed article $SEED"
  "$BIN" import seed "$SEED" --db "$DB" >"$TMP/import.log" 2>&1 ||
    { cat "$TMP/import.log" >&2; die "seed import failed"; }
  CONTENT_SOURCE="seed article $(realpath --relative-to="$ROOT" "$SEED")"
else
  log "no seed at $SEED; using the bundled sample article (imported into the empty database)"
  CONTENT_SOURCE="bundled sample content (content/$SLUG.md)"
fi

# 4. symptomdb on a kernel-chosen loopback port, access log to a file.
start_symptomdb --db "$DB" --threads "$SYMPTOMDB_THREADS" --content "$ROOT/content" \
  --access-log "$TMP/symptomdb-access.log"
log "symptomdb (pid $SDB_PID, --threads $SYMPTOMDB_THREADS) on 127.0.0.1:$SDB_PORT"

JSON_PATH="/api/v1/articles/$SLUG"
HTML_PATH="/articles/$SLUG"
JSON_TYPE="application/json; charset=utf-8"
HTML_TYPE="text/html; charset=utf-8"

# 5. Save the exact bodies, then have nginx serve those bytes.
fetch() {  # fetch URL OUTFILE EXPECTED_TYPE
  local meta code type
  meta="$(curl -sS -o "$2" -w '%{http_code}\t%{content_type}' "$1")" || die "curl $1 failed"
  code="${meta%%$'\t'*}"
  type="${meta#*$'\t'}"
  [ "$code" = 200 ] || die "$1 answered $code, expected 200"
  [ "$type" = "$3" ] || die "$1 has Content-Type '$type', expected '$3'"
}
SDB_URL="http://127.0.0.1:$SDB_PORT"
fetch "$SDB_URL$JSON_PATH" "$TMP/body.json" "$JSON_TYPE"
fetch "$SDB_URL$HTML_PATH" "$TMP/body.html" "$HTML_TYPE"

NGINX_PORT="$(free_port)"
[ "$NGINX_PORT" != "$SDB_PORT" ] || die "port clash"
CSP="$(curl -sS -D - -o /dev/null "$SDB_URL$HTML_PATH" | tr -d '\r' | sed -n 's/^Content-Security-Policy: //Ip')"
# The extra headers mirror what symptomdb sends (ETag, Cache-Control, the
# security headers), so both responses are about the same size on the wire.
# The access log is buffered like symptomdb's (stdio buffer, flushed every 1 s).
{ nginx_conf_head; cat <<EOF; } >"$TMP/nginx.conf"
http {
  access_log $TMP/nginx-access.log combined buffer=64k flush=1s;
$(nginx_temp_paths)
  gzip on;
  gzip_comp_level 6;
  gzip_min_length 512;
  gzip_vary on;
  gzip_types *;  # the types here carry "; charset=utf-8", which named types would not match
  keepalive_timeout 65s;
  sendfile on;
  tcp_nodelay on;
  open_file_cache max=64 inactive=60s;
  server_tokens off;
  types { }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location = $JSON_PATH {
      default_type "$JSON_TYPE";
      add_header X-Content-Type-Options nosniff;
      add_header Referrer-Policy strict-origin-when-cross-origin;
      add_header Cache-Control "public, max-age=60";
      alias $TMP/body.json;
    }
    location = $HTML_PATH {
      default_type "$HTML_TYPE";
      add_header X-Content-Type-Options nosniff;
      add_header Referrer-Policy strict-origin-when-cross-origin;
      add_header Cache-Control "public, max-age=60";
      add_header Content-Security-Policy "$CSP";
      alias $TMP/body.html;
    }
  }
}
EOF
nginx -p "$TMP" -c "$TMP/nginx.conf" -e "$TMP/nginx-error.log" -g 'daemon off;' \
  >"$TMP/nginx.out" 2>&1 &
NGINX_PID=$!
NGINX_URL="http://127.0.0.1:$NGINX_PORT"
for _ in $(seq 1 100); do
  curl -s -o /dev/null "$NGINX_URL$JSON_PATH" && break
  kill -0 "$NGINX_PID" 2>/dev/null || { cat "$TMP/nginx.out" "$TMP/nginx-error.log" >&2 2>/dev/null; die "nginx exited at startup"; }
  sleep 0.05
done
log "nginx (pid $NGINX_PID, 2 workers) on 127.0.0.1:$NGINX_PORT"

fetch "$NGINX_URL$JSON_PATH" "$TMP/nginx.json" "$JSON_TYPE"
fetch "$NGINX_URL$HTML_PATH" "$TMP/nginx.html" "$HTML_TYPE"
cmp "$TMP/body.json" "$TMP/nginx.json" || die "JSON bodies differ"
cmp "$TMP/body.html" "$TMP/nginx.html" || die "HTML bodies differ"
log "bodies identical: JSON $(wc -c <"$TMP/body.json") bytes, HTML $(wc -c <"$TMP/body.html") bytes"

# 6. wrk, with a done hook that prints one machine-readable line.
cat >"$TMP/report.lua" <<'EOF'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d non2xx=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
EOF

run_wrk() {  # run_wrk URL SECONDS [wrk options] -> "BENCH ..." line on stdout
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2"s --latency -s "$TMP/report.lua" "${@:3}" "$1" >"$TMP/wrk.out" 2>&1 ||
    { cat "$TMP/wrk.out" >&2; die "wrk failed against $1"; }
  grep '^BENCH ' "$TMP/wrk.out" || { cat "$TMP/wrk.out" >&2; die "no wrk summary for $1"; }
}
field() { sed -n "s/.* $2=\([0-9]*\).*/\1/p" <<<"$1"; }

# CPU time used by anything other than wrk, symptomdb and nginx while a
# measurement runs (other jobs on a shared machine skew the figures): busy
# ticks from /proc/stat minus the ticks of our own processes. Includes a
# little kernel work (softirq) that is not charged to any process.
busy_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
proc_ticks() {  # utime+stime of the given pids, plus reaped children's of this shell
  local pid t=0 f
  for pid in "$@"; do
    f="$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null)" || continue
    t=$(( t + $(awk '{print $12 + $13}' <<<"$f") ))
  done
  f="$(sed 's/.*) //' /proc/$$/stat)"
  echo $(( t + $(awk '{print $14 + $15}' <<<"$f") ))
}
our_pids() { echo "$SDB_PID" "$NGINX_PID" "$(pgrep -P "$NGINX_PID" | tr '\n' ' ')"; }
NCPU="$(nproc)"
HZ="$(getconf CLK_TCK)"

# Waits (at most QUIET_WAIT seconds) until other processes use under 5% of
# the CPU for a second, so a measurement does not start inside someone else's
# burst of work. Our servers are idle meanwhile.
wait_quiet() {
  local waited=0 b0 o0 b1 o1 pct pids
  [ "$QUIET_WAIT" -gt 0 ] || return 0
  read -ra pids <<<"$(our_pids)"
  while :; do
    b0="$(busy_ticks)"; o0="$(proc_ticks "${pids[@]}")"
    sleep 1
    b1="$(busy_ticks)"; o1="$(proc_ticks "${pids[@]}")"
    pct=$(( (b1 - b0 - (o1 - o0)) * 100 / (NCPU * HZ) ))
    [ "$pct" -lt 5 ] && return 0
    waited=$(( waited + 1 ))
    if [ "$waited" -ge "$QUIET_WAIT" ]; then
      log "machine still busy (${pct}% other CPU) after ${QUIET_WAIT}s; measuring anyway"
      return 0
    fi
  done
}

declare -A RPS P99 P50 ERR OTHER
measure() {  # measure KEY URL [wrk options]: one warm-up and one measurement, stored under KEY
  local line b0 o0 b1 o1 pids
  wait_quiet
  run_wrk "$2" "$WARMUP" "${@:3}" >/dev/null
  read -ra pids <<<"$(our_pids)"
  b0="$(busy_ticks)"; o0="$(proc_ticks "${pids[@]}")"
  line="$(run_wrk "$2" "$DURATION" "${@:3}")"
  b1="$(busy_ticks)"; o1="$(proc_ticks "${pids[@]}")"
  OTHER[$1]="$(awk -v b=$(( b1 - b0 )) -v o=$(( o1 - o0 )) -v d="$DURATION" -v n="$NCPU" -v hz="$HZ" \
    'BEGIN{x = (b - o) / (d * n * hz) * 100; if (x < 0) x = 0; printf "%.0f", x}')"
  RPS[$1]="$(awk -v r="$(field "$line" requests)" -v d="$(field "$line" duration_us)" 'BEGIN{printf "%.0f", r/(d/1e6)}')"
  P99[$1]="$(awk -v u="$(field "$line" p99_us)" 'BEGIN{printf "%.2f", u/1000}')"
  P50[$1]="$(awk -v u="$(field "$line" p50_us)" 'BEGIN{printf "%.2f", u/1000}')"
  ERR[$1]="$(( $(field "$line" errors) + $(field "$line" non2xx) ))"
  log "$1: ${RPS[$1]} req/s, p50 ${P50[$1]} ms, p99 ${P99[$1]} ms, errors/non-2xx ${ERR[$1]}, other CPU ${OTHER[$1]}%"
}
median() {  # median of the arguments
  printf '%s\n' "$@" | sort -g |
    awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}

log "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency (after a ${WARMUP}s warm-up) per server, $ROUNDS round(s)"
KINDS="json html json-gz html-gz"
for round in $(seq 1 "$ROUNDS"); do
  for kind in $KINDS; do
    case "$kind" in json*) p="$JSON_PATH" ;; *) p="$HTML_PATH" ;; esac
    gz=(); [[ "$kind" == *-gz ]] && gz=(-H "Accept-Encoding: gzip")
    measure "$kind/symptomdb/$round" "$SDB_URL$p" "${gz[@]}"
    measure "$kind/nginx/$round" "$NGINX_URL$p" "${gz[@]}"
  done
done
# Bytes on the wire for each body, plain and gzip (both servers).
wire() { curl -sS -o /dev/null -w '%{size_download}' "${@:2}" "$1"; }
declare -A BYTES
for srv in symptomdb nginx; do
  if [ "$srv" = symptomdb ]; then u="$SDB_URL"; else u="$NGINX_URL"; fi
  BYTES[json/$srv]="$(wire "$u$JSON_PATH")"
  BYTES[html/$srv]="$(wire "$u$HTML_PATH")"
  BYTES[json-gz/$srv]="$(wire "$u$JSON_PATH" -H 'Accept-Encoding: gzip')"
  BYTES[html-gz/$srv]="$(wire "$u$HTML_PATH" -H 'Accept-Encoding: gzip')"
done
enc="$(curl -sS -D - -o /dev/null -H 'Accept-Encoding: gzip' "$SDB_URL$HTML_PATH" | tr -d '\r' | sed -n 's/^Content-Encoding: //Ip')"
[ "$enc" = gzip ] || die "symptomdb did not gzip the HTML page when asked (Content-Encoding '$enc')"
# Per server and URL: the median over the rounds (the value itself for 1 round).
max_other=0
for kind in $KINDS; do
  for srv in symptomdb nginx; do
    k="$kind/$srv"
    r=(); q=(); m=(); o=(); e=0
    for round in $(seq 1 "$ROUNDS"); do
      r+=("${RPS[$k/$round]}"); q+=("${P99[$k/$round]}"); m+=("${P50[$k/$round]}")
      o+=("${OTHER[$k/$round]}"); e=$(( e + ERR[$k/$round] ))
    done
    RPS[$k]="$(printf '%.0f' "$(median "${r[@]}")")"
    P99[$k]="$(printf '%.2f' "$(median "${q[@]}")")"
    P50[$k]="$(printf '%.2f' "$(median "${m[@]}")")"
    OTHER[$k]="$(printf '%.0f' "$(median "${o[@]}")")"
    for x in "${o[@]}"; do [ "$x" -le "$max_other" ] || max_other="$x"; done
    ERR[$k]="$e"
  done
done

# 7. Report.
echo
echo "symptomdb HTTP benchmark  $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine: $(nproc) cores, Linux $(uname -r); wrk, symptomdb and nginx share them"
echo "commit:  $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- 2>/dev/null || echo ' (+ uncommitted changes)')"
echo "content: $CONTENT_SOURCE"
echo "load:    wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency, ${WARMUP}s warm-up, $ROUNDS round(s)"
echo "servers: symptomdb --threads $SYMPTOMDB_THREADS --access-log FILE; nginx $(nginx -v 2>&1 | sed 's|.*/||'), worker_processes 2, access_log FILE"
echo
printf '%-17s %-10s %9s %9s %9s %7s %10s %8s\n' target server "req/s" "p50(ms)" "p99(ms)" errors "other-CPU" bytes
for kind in $KINDS; do
  case "$kind" in
    json) name="article JSON" ;; html) name="article HTML" ;;
    json-gz) name="JSON, gzip" ;; html-gz) name="HTML, gzip" ;;
  esac
  for srv in symptomdb nginx; do
    k="$kind/$srv"
    printf '%-17s %-10s %9s %9s %9s %7s %9s%% %8s\n' "$name" "$srv" "${RPS[$k]}" "${P50[$k]}" "${P99[$k]}" \
      "${ERR[$k]}" "${OTHER[$k]}" "${BYTES[$k]}"
    name=""
  done
  ratio="$(awk -v a="${RPS[$kind/symptomdb]}" -v b="${RPS[$kind/nginx]}" 'BEGIN{printf "%.2f", (b > 0 ? a / b : 0)}')"
  verdict="$(awk -v r="$ratio" -v p="${P99[$kind/symptomdb]}" -v tr="$TARGET_RATIO" -v tp="$TARGET_P99_MS" \
    -v e="${ERR[$kind/symptomdb]}" 'BEGIN{print (r >= tr && p < tp && e == 0) ? "PASS" : "MISS"}')"
  printf '%-17s %-10s %s x nginx   (target >= %s, p99 < %s ms: %s)\n' "" ratio "$ratio" \
    "$TARGET_RATIO" "$TARGET_P99_MS" "$verdict"
done
echo
echo "other-CPU: share of the ${NCPU} cores used by other processes during a measurement$([ "$ROUNDS" -gt 1 ] && echo ' (median)')."
if [ "$max_other" -gt 10 ]; then
  echo "WARNING: in one measurement ${max_other}% of the CPU went to other processes; the figures"
  echo "         are skewed. Re-run on a quiet machine (or with ROUNDS=3 for medians)."
fi
exit 0
