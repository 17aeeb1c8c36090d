#!/usr/bin/env bash
# Proof benches for several symptomdb nodes over PostgreSQL behind haproxy
# (issue 15), each on a local cluster of its own made by scripts/cluster.sh:
#
#   bench/cluster/run.sh failover     # 60 s of reads and writes; kill -9 node1 at 20 s, start it at 40 s
#   bench/cluster/run.sh pg-restart   # 60 s of load; PostgreSQL stopped at 20 s, started at 30 s
#   bench/cluster/run.sh throughput   # wrk: article JSON and /api/v1/ask, 1/2/3 nodes and SQLite
#   bench/cluster/run.sh              # all three, one after the other
#
# Environment: SYMPTOMDB_BIN (default: a Release build in build-release/,
# made as bench/http does), RATE (requests/s of the load client, default
# 100), DURATION (load seconds, default 60), WRK_SECONDS (per wrk
# measurement, default 10), CONNECTIONS (wrk, default 64), MEDQUAD (the
# MedQuAD folder the throughput bench imports; default ../shared/data/medquad
# when it exists, else the sample content only).
# The machine's load average is printed beside every figure: this is a
# shared 2-core machine and nothing here can make that go away.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

RATE=${RATE:-100}
ACCOUNTS=${ACCOUNTS:-60}  # writer accounts (5 comments each per 10 min at most)
DURATION=${DURATION:-60}
WRK_SECONDS=${WRK_SECONDS:-10}
CONNECTIONS=${CONNECTIONS:-64}
MEDQUAD=${MEDQUAD-../shared/data/medquad}
KILL_AT=${KILL_AT:-20}       # failover: kill -9 node1 then,
START_AT=${START_AT:-40}     # and start it again then
PG_STOP_AT=${PG_STOP_AT:-20} # pg-restart: PostgreSQL stopped then,
PG_START_AT=${PG_START_AT:-30} # and started again then

die() {
  echo "bench/cluster: $*" >&2
  exit 1
}

scripts/install-deps.sh cluster bench >/dev/null
if [ -z "${SYMPTOMDB_BIN:-}" ]; then
  export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(dirname "$root")}
  cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DSYMPTOMDB_BUILD_TESTS=OFF >/dev/null ||
    die "cmake configure failed"
  cmake --build build-release -j2 --target symptomdb >/dev/null ||
    die "Release build failed (the working tree must compile)"
  SYMPTOMDB_BIN=$root/build-release/symptomdb
fi
export CLUSTER_BIN=$SYMPTOMDB_BIN

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/symptomdb-cluster-bench-XXXXXX")
cleanup() {
  [ -n "${CLUSTER_DIR:-}" ] && scripts/cluster.sh stop >/dev/null 2>&1 || true
  [ -n "${SQLITE_PID:-}" ] && kill "$SQLITE_PID" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# A fresh cluster of 3 nodes in $tmp/NAME; sets URL, PORT, CLUSTER_DIR.
cluster_up() {
  export CLUSTER_DIR=$tmp/$1 CLUSTER_NODES=3
  # haproxy on PORT, nodes on PORT+1..3: four free ports below the kernel's
  # range for outgoing connections (which a busy load client uses up).
  PORT=$(python3 - <<'PY'
import random, socket
for _ in range(200):
    base = random.randrange(20000, 30000)
    try:
        for p in range(base, base + 4):
            s = socket.socket(); s.bind(("127.0.0.1", p)); s.close()
    except OSError:
        continue
    print(base); break
PY
)
  export CLUSTER_PORT=$PORT
  scripts/cluster.sh start >"$tmp/$1.start.log" 2>&1 || {
    cat "$tmp/$1.start.log" >&2
    die "cluster did not start"
  }
  URL=$(cat "$CLUSTER_DIR/url")
  # Every node up (haproxy's checks passed) before anything is measured.
  for _ in $(seq 100); do
    [ "$(echo "show stat" | python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall(b"show stat\n"); print(s.makefile().read())' "$CLUSTER_DIR/haproxy.sock" | grep -c '^nodes,node[0-9]*,.*,UP,')" = 3 ] && return 0
    sleep 0.2
  done
  tail -5 "$CLUSTER_DIR"/node*.out >&2
  die "not every node came up"
}
cluster_down() {
  scripts/cluster.sh stop >/dev/null 2>&1 || true
  unset CLUSTER_DIR
}

header() {
  echo "== $1 =="
  echo "date:    $(date -u +%FT%TZ)   commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' (+ uncommitted changes in src)')"
  echo "machine: $(nproc) cores, $(uname -r); load average before: $(load)"
  echo "binary:  $SYMPTOMDB_BIN; PostgreSQL $(psql --version | awk '{print $3}'), $(haproxy -v | head -1 | awk '{print $1, $3}')"
}

failover() {
  header "node failure under load (kill -9 node1 at $KILL_AT s, started again at $START_AT s)"
  # Comments appear at once (no hold for new accounts), so each one changes
  # the pages on every node.
  CLUSTER_NODE_ARGS="--comment-hold-hours 0" cluster_up failover
  echo "cluster: haproxy :$PORT, nodes :$((PORT + 1))-:$((PORT + 3)), sample content; load client: bench/cluster/load.py --rate $RATE --duration $DURATION"
  CLUSTER_NODE_ARGS="--comment-hold-hours 0" python3 bench/cluster/load.py \
    --url "http://127.0.0.1:$PORT" --db "$URL" --rate "$RATE" --duration "$DURATION" --accounts "$ACCOUNTS" \
    --haproxy-socket "$CLUSTER_DIR/haproxy.sock" \
    --at "$KILL_AT" "kill -9 \$(cat '$CLUSTER_DIR/node1.pid')" \
    --at "$START_AT" "scripts/cluster.sh start-node 1"
  echo "load average after: $(load)"
  cluster_down
}

pg_restart() {
  header "PostgreSQL restart under load (stopped at $PG_STOP_AT s, started again at $PG_START_AT s)"
  CLUSTER_NODE_ARGS="--comment-hold-hours 0" cluster_up pgrestart
  echo "cluster: haproxy :$PORT, nodes :$((PORT + 1))-:$((PORT + 3)), sample content; load client: bench/cluster/load.py --rate $RATE --duration $DURATION"
  echo "probes: GET /api/v1/articles/asthma/comments on each node directly every 100 ms (needs the database)"
  python3 bench/cluster/load.py \
    --url "http://127.0.0.1:$PORT" --db "$URL" --rate "$RATE" --duration "$DURATION" --accounts "$ACCOUNTS" \
    --haproxy-socket "$CLUSTER_DIR/haproxy.sock" \
    --probe "http://127.0.0.1:$((PORT + 1))/api/v1/articles/asthma/comments" \
    --probe "http://127.0.0.1:$((PORT + 2))/api/v1/articles/asthma/comments" \
    --probe "http://127.0.0.1:$((PORT + 3))/api/v1/articles/asthma/comments" \
    --at "$PG_STOP_AT" "scripts/pg-temp-cluster.sh pause '$CLUSTER_DIR/pg.state'" \
    --at "$PG_START_AT" "scripts/pg-temp-cluster.sh resume '$CLUSTER_DIR/pg.state'"
  echo "load average after: $(load)"
  cluster_down
}

# wrk against URL with the ask paths or a fixed path; prints req/s p50 p99 errors.
wrk_line() {
  local url=$1 script=$2
  wrk -t2 -c"$CONNECTIONS" -d2s -s "$script" "$url" >/dev/null 2>&1 || true
  local before
  before=$(load)
  wrk -t2 -c"$CONNECTIONS" -d"${WRK_SECONDS}s" -s "$script" "$url" 2>&1 | grep '^BENCH' |
    sed "s/\$/ load=$before/"
}

throughput() {
  header "throughput through haproxy: 1, 2 and 3 nodes, and one node on SQLite"
  cluster_up throughput
  local content="sample content (content/)"
  if [ -n "$MEDQUAD" ] && [ -d "$MEDQUAD" ]; then
    local t0=$SECONDS
    "$SYMPTOMDB_BIN" import medquad "$MEDQUAD" --db "$URL" >/dev/null
    content="sample content + MedQuAD (imported into PostgreSQL in $((SECONDS - t0)) s)"
  fi
  local want
  want=$("$SYMPTOMDB_BIN" list --db "$URL" | wc -l)
  # Every node has rebuilt its snapshot with the import (NOTIFY).
  for i in 1 2 3; do
    for _ in $(seq 600); do
      n=$(curl -fsS "http://127.0.0.1:$((PORT + i))/healthz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])')
      [ "$n" -ge $((want - 1)) ] && break
      sleep 0.5
    done
  done
  echo "content: $content; every node holds $n articles"

  python3 - "$tmp/paths.txt" <<'PY'
import json, sys, urllib.parse
with open("bench/qa/dev-questions.jsonl") as f, open(sys.argv[1], "w") as out:
    for line in f:
        q = json.loads(line)["question"]
        out.write("/api/v1/ask?limit=5&q=" + urllib.parse.quote(q[:500]) + "\n")
PY
  cat >"$tmp/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH rps=%.0f p50=%.2f p99=%.2f errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, e.connect + e.read + e.write + e.timeout, e.status))
end
LUA
  cat "$tmp/report.lua" >"$tmp/article.lua"
  {
    echo "local paths = {}"
    echo "for line in io.lines(\"$tmp/paths.txt\") do paths[#paths + 1] = line end"
    echo "local i = 0"
    echo "request = function() i = i % #paths + 1; return wrk.format(\"GET\", paths[i]) end"
    cat "$tmp/report.lua"
  } >"$tmp/ask.lua"

  printf '\n%-32s %-13s %9s %9s %9s %7s  %s\n' setup target req/s "p50 ms" "p99 ms" errors "load avg (1/5/15 min) before"
  row() {  # row SETUP BASE_URL
    local what line
    for what in article ask; do
      if [ "$what" = article ]; then
        line=$(wrk_line "$2/api/v1/articles/muscle-atrophy" "$tmp/article.lua")
      else
        line=$(wrk_line "$2" "$tmp/ask.lua")
      fi
      python3 - "$1" "$what" "$line" <<'PY'
import sys
setup, what, line = sys.argv[1:]
f = dict(kv.split("=", 1) for kv in line.split()[1:] if "=" in kv)
load = line.split("load=", 1)[1] if "load=" in line else "?"
target = "article JSON" if what == "article" else "/api/v1/ask"
print(f"{setup:<32} {target:<13} {f['rps']:>9} {f['p50']:>9} {f['p99']:>9} {int(f['errors']) + int(f['non2xx']):>7}  {load}")
PY
    done
  }
  local sock=$CLUSTER_DIR/haproxy.sock
  haproxy_cmd() { python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall(sys.argv[2].encode()+b"\n"); s.recv(4096)' "$sock" "$1"; }
  row "PostgreSQL, node1 directly" "http://127.0.0.1:$((PORT + 1))"
  haproxy_cmd "disable server nodes/node2"
  haproxy_cmd "disable server nodes/node3"
  row "haproxy + 1 node" "http://127.0.0.1:$PORT"
  haproxy_cmd "enable server nodes/node2"
  sleep 2
  row "haproxy + 2 nodes" "http://127.0.0.1:$PORT"
  haproxy_cmd "enable server nodes/node3"
  sleep 2
  row "haproxy + 3 nodes" "http://127.0.0.1:$PORT"
  cluster_down

  # The same content in SQLite, one node, no proxy (bench/http's setup).
  local db=$tmp/sqlite.db sport
  "$SYMPTOMDB_BIN" import markdown content/ --db "$db" >/dev/null
  if [ -n "$MEDQUAD" ] && [ -d "$MEDQUAD" ]; then "$SYMPTOMDB_BIN" import medquad "$MEDQUAD" --db "$db" >/dev/null; fi
  sport=$(free_port)
  "$SYMPTOMDB_BIN" serve --db "$db" --host 127.0.0.1 --port "$sport" --no-sample \
    --access-log "$tmp/sqlite-access.log" >"$tmp/sqlite.out" 2>&1 &
  SQLITE_PID=$!
  for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$sport/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
  row "SQLite, one node directly" "http://127.0.0.1:$sport"
  kill "$SQLITE_PID"
  wait "$SQLITE_PID" 2>/dev/null || true
  unset SQLITE_PID
  echo
  echo "wrk -t2 -c$CONNECTIONS -d${WRK_SECONDS}s after a 2 s warm-up; ask cycles through bench/qa/dev-questions.jsonl."
  echo "Everything (wrk, haproxy, the nodes, PostgreSQL) shares the same $(nproc) cores: more nodes cannot add CPU here."
  echo "load average after: $(load)"
}

case "${1:-all}" in
  failover) failover ;;
  pg-restart) pg_restart ;;
  throughput) throughput ;;
  all)
    failover
    echo
    pg_restart
    echo
    throughput
    ;;
  *)
    echo "usage: $0 [failover|pg-restart|throughput|all]" >&2
    exit 2
    ;;
esac
