#!/usr/bin/env bash
# A local symptomdb cluster on this machine: a PostgreSQL cluster, three
# symptomdb nodes over it and haproxy in front (health checks on /healthz,
# retries on connection failure), with the sample content imported.
#
#   scripts/cluster.sh            # or: scripts/cluster.sh start   -> prints the URL
#   scripts/cluster.sh stop       # stops all of it and deletes the database
#
# Settings (environment): CLUSTER_PORT (haproxy, default 8080), CLUSTER_NODES
# (default 3; nodes listen on CLUSTER_PORT+1...), CLUSTER_DIR (state, logs;
# default data/cluster), CLUSTER_BIN (default build/symptomdb; the benches use
# a Release build), CLUSTER_NODE_ARGS (more `serve` options for every node).
# docs/deployment.md describes the same on several machines.
#
#   scripts/cluster.sh start-node N   # starts node N again (after it died)
#
# haproxy's admin socket is $CLUSTER_DIR/haproxy.sock:
#   echo "show stat" | socat - data/cluster/haproxy.sock
set -euo pipefail
cd "$(dirname "$0")/.."

port=${CLUSTER_PORT:-8080}
nodes=${CLUSTER_NODES:-3}
dir=${CLUSTER_DIR:-data/cluster}
bin=${CLUSTER_BIN:-build/symptomdb}

stop() {
  [ -d "$dir" ] || return 0
  if [ -f "$dir/haproxy.pid" ]; then
    kill "$(cat "$dir/haproxy.pid")" 2>/dev/null || true
    rm -f "$dir/haproxy.pid"
  fi
  for f in "$dir"/node*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    kill "$pid" 2>/dev/null || true  # SIGTERM: the node finishes requests in flight
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$f"
  done
  scripts/pg-temp-cluster.sh stop "$dir/pg.state"
  # The database is gone: nothing may start a node against its URL again.
  # The nodes' logs stay for reading.
  rm -f "$dir/url" "$dir/haproxy.sock"
  echo "cluster stopped"
}

# Node N over the cluster's database, in the background.
start_node() {
  local i=$1
  # Only haproxy (on this machine) is believed about the client's address.
  # shellcheck disable=SC2086 # CLUSTER_NODE_ARGS is a list of options
  nohup "$bin" serve --db "$(cat "$dir/url")" --host 127.0.0.1 --port $((port + i)) --no-sample \
    --trusted-proxy 127.0.0.1 --access-log "$dir/node$i.log" ${CLUSTER_NODE_ARGS:-} \
    >>"$dir/node$i.out" 2>&1 &
  echo $! >"$dir/node$i.pid"
}

start() {
  if [ -f "$dir/haproxy.pid" ] && kill -0 "$(cat "$dir/haproxy.pid")" 2>/dev/null; then
    echo "cluster.sh: already running (scripts/cluster.sh stop first)" >&2
    exit 1
  fi
  scripts/install-deps.sh build cluster
  if [ ! -x "$bin" ]; then
    cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build build -j"$(nproc)" --target symptomdb
  fi
  mkdir -p "$dir"
  stop >/dev/null
  mkdir -p "$dir"
  url=$(scripts/pg-temp-cluster.sh start "$dir/pg.state")
  [ -n "$url" ] || { cat "$dir/pg.state" >&2; exit 1; }
  # Imported once, before any node starts, rather than by whichever node
  # comes up first.
  "$bin" import markdown content/ --db "$url"

  echo "$url" >"$dir/url"

  local servers=""
  for i in $(seq "$nodes"); do
    start_node "$i"
    servers+="  server node$i 127.0.0.1:$((port + i)) check"$'\n'
  done

  cat >"$dir/haproxy.cfg" <<EOF
# Written by scripts/cluster.sh; see docs/deployment.md.
global
  maxconn 4096
  # "show stat", "disable server nodes/node2", ... (docs/deployment.md).
  stats socket $(cd "$dir" && pwd)/haproxy.sock mode 600 level admin
  log stdout format raw local0 notice

defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  # A request that could not reach a node (refused, reset before an answer)
  # is tried again on another one: a node dying costs no request.
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response response-timeout
  option forwardfor
  # Connections to the nodes are kept open and reused (haproxy's default
  # keep-alive, "http-reuse safe"): a new TCP connection per request
  # (option http-server-close) cost 12 x the throughput in bench/cluster.
  http-reuse safe

frontend symptomdb
  bind 127.0.0.1:$port
  default_backend nodes

backend nodes
  balance roundrobin
  # A write whose node died after receiving it may have been applied: only
  # reads are tried again then (a refused connection is always retried).
  http-request disable-l7-retry if !METH_GET !METH_HEAD
  # A node is out after 2 failed checks 500 ms apart, back after 2 good ones.
  # A dead node refuses the check at once; a live but busy one (both request
  # threads hashing passwords, a loaded machine) gets 2 s to answer, or
  # every node can fail its checks together and haproxy answers 503 itself.
  option httpchk GET /healthz
  http-check expect status 200
  timeout check 2s
  default-server inter 500ms fall 2 rise 2
$servers
EOF
  haproxy -c -q -f "$dir/haproxy.cfg"
  haproxy -D -f "$dir/haproxy.cfg" -p "$dir/haproxy.pid"

  # Ready when every node answers through haproxy.
  for _ in $(seq 100); do
    if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
    sleep 0.2
  done
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || {
    echo "cluster.sh: no answer through haproxy; see $dir/node*.out" >&2
    exit 1
  }
  echo "symptomdb cluster: http://127.0.0.1:$port/ ($nodes nodes on ports $((port + 1))-$((port + nodes)), database $url)"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  start-node)
    [ -f "$dir/url" ] || { echo "cluster.sh: no cluster in $dir" >&2; exit 1; }
    start_node "${2:?usage: $0 start-node N}"
    ;;
  *)
    echo "usage: $0 [start|stop|start-node N]" >&2
    exit 2
    ;;
esac
