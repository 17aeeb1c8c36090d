#!/usr/bin/env bash
# Server CPU per request of two symptomdb binaries, measured alternately in
# one run: each serves the sample content from a SQLite file of its own, wrk
# asks for one article's JSON for 5 s, and the server's user+system CPU
# (/proc/PID/stat) is divided by the requests answered. CPU per request,
# unlike req/s, hardly moves with what else the machine is running, so a
# change in the request path shows even on a loaded machine.
#
#   bench/http/cpu-ab.sh OLD_BINARY NEW_BINARY [ROUNDS]   # ROUNDS default 4
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 2 ] || { echo "usage: $0 OLD_BINARY NEW_BINARY [ROUNDS]" >&2; exit 2; }
declare -A bin=([old]=$1 [new]=$2)
rounds=${3:-4}
target=/api/v1/articles/muscle-atrophy
command -v wrk >/dev/null || { echo "cpu-ab.sh: wrk is not installed (scripts/install-deps.sh bench)" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/symptomdb-cpu-ab-XXXXXX")
declare -A pid port
cleanup() {
  for v in old new; do [ -n "${pid[$v]:-}" ] && kill "${pid[$v]}" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

for v in old new; do
  port[$v]=$(free_port)
  "${bin[$v]}" serve --db "$tmp/$v.db" --content content --host 127.0.0.1 --port "${port[$v]}" \
    --access-log "$tmp/$v.log" >"$tmp/$v.out" 2>&1 &
  pid[$v]=$!
done
for v in old new; do
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:${port[$v]}/healthz" >/dev/null && break; sleep 0.1; done
  curl -fs "http://127.0.0.1:${port[$v]}$target" >/dev/null || { cat "$tmp/$v.out" >&2; exit 1; }
done
echo "old: ${bin[old]}"
echo "new: ${bin[new]}"
echo "GET $target, wrk -t2 -c64 -d5s per measurement; $(nproc) cores"
tick=$(getconf CLK_TCK)
for r in $(seq "$rounds"); do
  for v in new old; do
    c0=$(cpu_ticks "${pid[$v]}")
    n=$(wrk -t2 -c64 -d5s "http://127.0.0.1:${port[$v]}$target" 2>&1 | awk '/requests in/{print $1}')
    c1=$(cpu_ticks "${pid[$v]}")
    python3 -c "import sys; r,v,n,c,t,l=sys.argv[1:]; print(f'round {r} {v}: {int(n):7d} requests, {int(c)*1e6/int(t)/int(n):5.1f} us server CPU per request, load {l}')" \
      "$r" "$v" "$n" "$((c1 - c0))" "$tick" "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
