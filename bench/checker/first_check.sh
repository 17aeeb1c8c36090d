#!/usr/bin/env bash
# How long a person waits for the first description check after the server
# starts, and after a content change (issue 12, start-up cost): a real server
# on a loopback port over a database with MedQuAD, the site's articles and
# the seed imported, POST /api/v1/check {"description": ...} with curl.
#
# Usage: bench/checker/first_check.sh [BIN ...]   (default: build-release/symptomdb)
# Given several binaries (a build from before a change and one from after),
# each is measured in turn in the same run. For each it prints:
#   - listening: seconds from starting the process to its "listening" line;
#   - at once: a check sent the moment it listens, answered after (seconds
#     from start, and the check's own time);
#   - later: a check sent WAIT seconds (default 20) after it listens: its time;
#   - after a change: an article re-imported by another process, a check
#     sent as soon as the server logs the rebuilt snapshot: its time.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${SYMPTOMDB_SHARED_DIR:-$root/../shared}"
medquad="$shared/data/medquad"
seed="$shared/seeds/muscle-atrophy-article.txt"
if [[ ! -d "$medquad" ]]; then
  echo "bench/checker: first-check part skipped: $medquad not found"
  exit 0
fi
# shellcheck source=bench/checker/scratch.sh
source "$root/bench/checker/scratch.sh"
wait_later="${WAIT:-20}"
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

"${bins[0]}" import medquad "$medquad" --db "$tmp/base.db" >/dev/null
"${bins[0]}" import markdown "$root/content" --db "$tmp/base.db" >/dev/null
[[ -f "$seed" ]] && "${bins[0]}" import seed "$seed" --db "$tmp/base.db" >/dev/null
body='{"description": "sore throat, runny nose and a cough for two days"}'

# Starts BIN over a fresh copy of the database; sets pid, port and t0.
start() {
  cp "$tmp/base.db" "$tmp/run.db"
  : >"$tmp/out" && : >"$tmp/err"
  t0="$(now)"
  "$1" serve --db "$tmp/run.db" --port 0 --host 127.0.0.1 >"$tmp/out" 2>"$tmp/err" &
  pid=$!
  for _ in $(seq 1 600); do
    port="$(sed -n 's|.*listening on http://[^:]*:\([0-9]*\)/.*|\1|p' "$tmp/out")"
    [[ -n "$port" ]] && return 0
    sleep 0.05
  done
  echo "server did not start" >&2
  exit 1
}
check() {
  curl -sS -o "$tmp/answer" -w '%{http_code} %{time_total}' -H 'Content-Type: application/json' \
    -d "$body" "http://127.0.0.1:$port/api/v1/check"
}
first_name() { python3 -c 'import json,sys; c=json.load(open(sys.argv[1])).get("conditions") or [{}]; print(c[0].get("name",""))' "$tmp/answer"; }

for bin in "${bins[@]}"; do
  echo "== $bin"
  start "$bin"
  listening="$(since "$t0")"
  read -r code took < <(check) || true
  echo "listening after ${listening} s; a check sent at once: HTTP $code after $(since "$t0") s from start (the check itself ${took} s; first: $(first_name))"
  stop_server

  start "$bin"
  sleep "$wait_later"
  read -r code took < <(check) || true
  echo "a check sent ${wait_later} s after listening: HTTP $code in ${took} s (first: $(first_name))"
  # Another process changes the content; the refresher rebuilds the site.
  rebuilt="$(grep -c '"snapshot"' "$tmp/err" || true)"
  "${bins[0]}" import markdown "$root/content" --db "$tmp/run.db" >/dev/null
  for _ in $(seq 1 600); do
    [[ "$(grep -c '"snapshot"' "$tmp/err" || true)" -gt "$rebuilt" ]] && break
    sleep 0.02
  done
  read -r code took < <(check) || true
  echo "a check sent as the changed content was published: HTTP $code in ${took} s (first: $(first_name))"
  stop_server
done
