#!/usr/bin/env bash
# POST /api/v1/check over HTTP on a real server, measured with wrk: ten
# findings (half HPO ids, half plain words), then fifty HPO ids, limit 10.
# bench/checker/run.sh calls this with the Release binary; given several
# binaries (a build from before a change and one from after), it measures
# each in turn in the same run, so that the ratio holds on a loaded machine.
#
# Usage: bench/checker/http.sh [BIN ...]   (default: build-release/symptomdb)
# Knobs (environment): DURATION=10 seconds of wrk; CONNECTIONS=32; THREADS=2
# (wrk threads; the server runs 2); ROUNDS=1 (alternate the binaries this many
# times). Target (issue 9): >= 2,000 requests/s for ten findings on two cores
# (wrk shares them).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${SYMPTOMDB_HPO_DIR:-$root/../shared/data/hpo}"
if [[ ! -f "$data/hp.json" || ! -f "$data/phenotype.hpoa" ]]; then
  echo "bench/checker: HTTP part skipped: $data/hp.json and phenotype.hpoa not found"
  exit 0
fi
if ! command -v wrk >/dev/null; then
  echo "bench/checker: HTTP part skipped: wrk not installed (apt-get install wrk)"
  exit 0
fi
# shellcheck source=bench/checker/scratch.sh
source "$root/bench/checker/scratch.sh"
"${bins[0]}" import hpo "$data/hp.json" --db "$tmp/check.db" >/dev/null
"${bins[0]}" import hpoa "$data/phenotype.hpoa" --db "$tmp/check.db" >/dev/null

# Ten findings, half as HPO ids and half in plain words, so each request also
# pays for reading free text; the answer is the full explained top 10.
cat >"$tmp/post.lua" <<'EOF'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"symptoms": ["muscle wasting", "muscle cramps", "twitching", "tall stature", ' ..
  '"long fingers", "HP:0001250", "HP:0001263", "HP:0000098", "HP:0001166", "HP:0002616"]}'
done = function(summary, latency, requests)
  io.write(string.format("BENCH %.0f %.2f %.2f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
EOF
# Fifty findings as HPO ids (annotated phenotype terms, the same fixed draw
# every run), limit 10: the size of a long clinical record.
ids="$(awk -F'\t' '$11 == "P" { print $4 }' "$data/phenotype.hpoa" | sort -u |
  shuf -n 50 --random-source=<(yes) | sed 's/.*/"&"/' | paste -sd, -)"
sed -e "s|^wrk.body = .*|wrk.body = '{\"symptoms\": [$ids]}'|" -e '/^  .\"long fingers/d' \
  "$tmp/post.lua" >"$tmp/post50.lua"

start_server() {
  "$1" serve --db "$tmp/check.db" --host 127.0.0.1 --port 0 --threads 2 --access-log off \
    --content "$root/content" >"$tmp/out" 2>"$tmp/err" &
  pid=$!
  port=""
  for _ in $(seq 1 400); do
    port="$(sed -n 's|^symptomdb listening on http://127\.0\.0\.1:\([0-9]\+\)/.*|\1|p' "$tmp/out")"
    [[ -n "$port" ]] && break
    kill -0 "$pid" 2>/dev/null || { cat "$tmp/err" >&2; exit 1; }
    sleep 0.05
  done
  [[ -n "$port" ]] || { echo "bench/checker: the server did not start" >&2; exit 1; }
  status="$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    -d '{"symptoms": ["muscle wasting"]}' "http://127.0.0.1:$port/api/v1/check")"
  [[ "$status" == 200 ]] || { echo "bench/checker: /api/v1/check answered $status" >&2; exit 1; }
}
measure() {  # script -> "rps p50 p99 errors"
  wrk -t"${THREADS:-2}" -c"${CONNECTIONS:-32}" -d2s -s "$1" \
    "http://127.0.0.1:$port/api/v1/check" >/dev/null  # warm-up
  wrk -t"${THREADS:-2}" -c"${CONNECTIONS:-32}" -d"${DURATION:-10}"s --latency -s "$1" \
    "http://127.0.0.1:$port/api/v1/check" | sed -n 's/^BENCH //p'
}
table() {  # title, then one "name rps p50 p99 errors" line per binary
  echo
  echo "$1"
  echo "| | requests/s | p50 ms | p99 ms | errors |"
  echo "|---|---:|---:|---:|---:|"
  shift
  local line
  for line in "$@"; do
    read -r name rps p50 p99 errors <<<"$line"
    echo "| $name | $rps | $p50 | $p99 | $errors |"
  done
}

load_before="$(uptime | sed 's/.*load average/load average/')"
ten=() fifty=()
for round in $(seq 1 "${ROUNDS:-1}"); do
  for bin in "${bins[@]}"; do
    name="symptomdb"
    [[ ${#bins[@]} -gt 1 ]] && name="$(basename "$bin")"
    [[ "${ROUNDS:-1}" -gt 1 ]] && name="$name/round-$round"
    start_server "$bin"
    ten+=("$name $(measure "$tmp/post.lua")")
    fifty+=("$name $(measure "$tmp/post50.lua")")
    stop_server
  done
done
echo
echo "load before: $load_before"
table "POST /api/v1/check over HTTP (10 findings, 5 in plain words; wrk -t${THREADS:-2} -c${CONNECTIONS:-32}, ${DURATION:-10} s, server --threads 2):" \
  "${ten[@]}"
echo "| target | 2000 | | | 0 |"
for line in "${ten[@]}"; do
  read -r name rps _ <<<"$line"
  awk -v n="$name" -v r="$rps" 'BEGIN { printf "ratio to target (%s): %.2fx\n", n, r / 2000 }'
done
table "POST /api/v1/check over HTTP (50 HPO ids, limit 10; same wrk settings):" "${fifty[@]}"
echo "load after: $(uptime | sed 's/.*load average/load average/')"
