#!/usr/bin/env bash
# bench/qa: question-answering quality and speed, symptomdb next to SQLite
# FTS5 BM25 and Xapian BM25 in one run, then /api/v1/ask over HTTP with wrk.
#
#   bench/qa/run.sh            # needs ../shared/data/medquad beside the repo
#
# Env: REPEAT (in-process latency repetitions per question, default 20),
#      DURATION (wrk seconds, default 10), CONNECTIONS (default 64).
# Exits 0 once it has measured, whatever the figures; non-zero only when the
# setup fails. Figures and the machine they came from go in bench/README.md.
set -euo pipefail

REPEAT="${REPEAT:-20}"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-64}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
MEDQUAD="$ROOT/../shared/data/medquad"
SEED="$ROOT/../shared/seeds/muscle-atrophy-article.txt"
[ -d "$MEDQUAD" ] || { echo "bench/qa: $MEDQUAD not found; this benchmark needs MedQuAD" >&2; exit 1; }

scripts/install-deps.sh bench
echo "bench/qa: building Release in build-release/ (with bench targets)" >&2
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DSYMPTOMDB_BUILD_TESTS=OFF -DSYMPTOMDB_BUILD_BENCH=ON >/dev/null
cmake --build build-release -j2 --target symptomdb bench_qa >/dev/null
BIN="$ROOT/build-release/symptomdb"

TMP="$(mktemp -d -t symptomdb-qa.XXXXXX)"
PID=""
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill "$PID"; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT
DB="$TMP/qa.db"

echo "== import =="
"$BIN" import medquad "$MEDQUAD" --db "$DB" | head -1
"$BIN" import markdown content --db "$DB" | head -1
[ -f "$SEED" ] && "$BIN" import seed "$SEED" --db "$DB" | head -1

echo
echo "== quality and in-process latency (bench_qa) =="
"$ROOT/build-release/bench_qa" --db "$DB" --questions bench/qa/dev-questions.jsonl --repeat "$REPEAT"

echo
echo "== /api/v1/ask over HTTP (wrk -t2 -c$CONNECTIONS -d${DURATION}s, questions of the set in turn) =="
"$BIN" serve --db "$DB" --port 0 --no-sample --access-log "$TMP/access.log" >"$TMP/serve.out" 2>"$TMP/serve.err" &
PID=$!
for _ in $(seq 1 100); do grep -q "listening on" "$TMP/serve.out" 2>/dev/null && break; sleep 0.1; done
PORT="$(sed -n 's/.*listening on http:\/\/[^:]*:\([0-9]*\)\/.*/\1/p' "$TMP/serve.out")"
[ -n "$PORT" ] || { echo "bench/qa: server did not start" >&2; cat "$TMP/serve.err" >&2; exit 1; }
python3 - "$TMP/paths.txt" <<'PY'
import json, sys, urllib.parse
with open("bench/qa/dev-questions.jsonl") as f, open(sys.argv[1], "w") as out:
    for line in f:
        q = json.loads(line)["question"]
        out.write("/api/v1/ask?limit=5&q=" + urllib.parse.quote(q[:500]) + "\n")
PY
cat >"$TMP/ask.lua" <<LUA
local paths = {}
for line in io.lines("$TMP/paths.txt") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  io.write(string.format("ask over HTTP: %.0f req/s, p50 %.2f ms, p99 %.2f ms, errors %d, non-2xx %d\\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
LUA
wrk -t2 -c"$CONNECTIONS" -d2s -s "$TMP/ask.lua" "http://127.0.0.1:$PORT" >/dev/null
RESULT="$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$TMP/ask.lua" "http://127.0.0.1:$PORT" | grep "ask over HTTP")"
echo "$RESULT"
RPS="$(echo "$RESULT" | sed -n 's/.*HTTP: \([0-9]*\) req.*/\1/p')"
RSS_MB=$(( $(ps -o rss= -p "$PID") / 1024 ))
echo "target >= 10000 req/s on $(nproc) cores: $([ "${RPS:-0}" -ge 10000 ] && echo PASS || echo MISS); server RSS ${RSS_MB} MB (target < 300 MB: $([ "$RSS_MB" -lt 300 ] && echo PASS || echo MISS))"
echo "machine: $(nproc) cores, $(uname -r), $(date -u +%F); commit $(git rev-parse --short HEAD)$(git diff --quiet || echo ' +uncommitted')"
