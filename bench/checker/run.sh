#!/usr/bin/env bash
# Builds the symptom checker benchmark in Release (build-release) and runs it
# on ../shared/data/hpo: simulated patients ranked by symptomdb and its two
# peers (term overlap, Resnik best-match average), rank() latency, and then,
# when wrk is installed, POST /api/v1/check over HTTP on a real server.
# Extra arguments go to bench_checker (--patients N, --seed S, --tune; --words
# for the plain-words measure alone, without the HTTP part).
# Knobs (environment): HTTP=0 skips the HTTP part; DURATION=10 seconds of
# wrk; CONNECTIONS=32; THREADS=2 (wrk threads; the server runs 2).
# Targets (issue 5): 10-term rank() p99 < 5 ms in-process; >= 2,000 req/s over
# HTTP on two cores (wrk shares them).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${SYMPTOMDB_HPO_DIR:-$root/../shared/data/hpo}"
if [[ ! -f "$data/hp.json" || ! -f "$data/phenotype.hpoa" ]]; then
  echo "bench/checker: skipped: $data/hp.json and phenotype.hpoa not found (set SYMPTOMDB_HPO_DIR)"
  exit 0
fi
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$(dirname "$root")}"
cmake -S "$root" -B "$root/build-release" -DCMAKE_BUILD_TYPE=Release \
  -DSYMPTOMDB_BUILD_TESTS=OFF -DSYMPTOMDB_BUILD_BENCH_CHECKER=ON >/dev/null
cmake --build "$root/build-release" -j2 --target bench_checker symptomdb >/dev/null
"$root/build-release/bench_checker" "$data" "$@"

[[ "${HTTP:-1}" == 1 ]] || exit 0
for a in "$@"; do [[ "$a" == --words ]] && exit 0; done  # the plain-words measure only
if ! command -v wrk >/dev/null; then
  echo "bench/checker: HTTP part skipped: wrk not installed (apt-get install wrk)"
  exit 0
fi
bin="$root/build-release/symptomdb"
tmp="$(mktemp -d)"
pid=""
cleanup() {
  [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
"$bin" import hpo "$data/hp.json" --db "$tmp/check.db" >/dev/null
"$bin" import hpoa "$data/phenotype.hpoa" --db "$tmp/check.db" >/dev/null
"$bin" serve --db "$tmp/check.db" --host 127.0.0.1 --port 0 --threads 2 --access-log off \
  --content "$root/content" >"$tmp/out" 2>"$tmp/err" &
pid=$!
port=""
for _ in $(seq 1 200); do
  port="$(sed -n 's|^symptomdb listening on http://127\.0\.0\.1:\([0-9]\+\)/.*|\1|p' "$tmp/out")"
  [[ -n "$port" ]] && break
  kill -0 "$pid" 2>/dev/null || { cat "$tmp/err" >&2; exit 1; }
  sleep 0.05
done
[[ -n "$port" ]] || { echo "bench/checker: the server did not start" >&2; exit 1; }

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
status="$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
  -d '{"symptoms": ["muscle wasting"]}' "http://127.0.0.1:$port/api/v1/check")"
[[ "$status" == 200 ]] || { echo "bench/checker: /api/v1/check answered $status" >&2; exit 1; }
wrk -t"${THREADS:-2}" -c"${CONNECTIONS:-32}" -d2s -s "$tmp/post.lua" \
  "http://127.0.0.1:$port/api/v1/check" >/dev/null  # warm-up
read -r _ rps p50 p99 errors < <(wrk -t"${THREADS:-2}" -c"${CONNECTIONS:-32}" -d"${DURATION:-10}"s \
  --latency -s "$tmp/post.lua" "http://127.0.0.1:$port/api/v1/check" | grep '^BENCH ')
echo
echo "POST /api/v1/check over HTTP (10 findings, 5 in plain words; wrk -t${THREADS:-2} -c${CONNECTIONS:-32}, ${DURATION:-10} s, server --threads 2):"
echo "| | requests/s | p50 ms | p99 ms | errors |"
echo "|---|---:|---:|---:|---:|"
echo "| symptomdb | $rps | $p50 | $p99 | $errors |"
echo "| target | 2000 | | | 0 |"
awk -v r="$rps" 'BEGIN { printf "ratio to target: %.2fx\n", r / 2000 }'

# Fifty findings as HPO ids (annotated phenotype terms, the same fixed draw
# every run), limit 10: the size of a long clinical record.
ids="$(awk -F'\t' '$11 == "P" { print $4 }' "$data/phenotype.hpoa" | sort -u |
  shuf -n 50 --random-source=<(yes) | sed 's/.*/"&"/' | paste -sd, -)"
sed -e "s|^wrk.body = .*|wrk.body = '{\"symptoms\": [$ids]}'|" -e '/^  .\"long fingers/d' \
  "$tmp/post.lua" >"$tmp/post50.lua"
read -r _ rps p50 p99 errors < <(wrk -t"${THREADS:-2}" -c"${CONNECTIONS:-32}" -d"${DURATION:-10}"s \
  --latency -s "$tmp/post50.lua" "http://127.0.0.1:$port/api/v1/check" | grep '^BENCH ')
echo
echo "POST /api/v1/check over HTTP (50 HPO ids, limit 10; same wrk settings):"
echo "| | requests/s | p50 ms | p99 ms | errors |"
echo "|---|---:|---:|---:|---:|"
echo "| symptomdb | $rps | $p50 | $p99 | $errors |"
