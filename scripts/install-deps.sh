#!/usr/bin/env bash
# Installs the Debian packages symptomdb needs, by group, skipping what is
# already present. Usage: scripts/install-deps.sh [build] [test] [bench]
# (no argument = build). Runs apt-get only when something is missing, so a
# second run is instant and works offline. Groups: build, test, bench, cluster.
set -euo pipefail

# wamerican: the English word list (/usr/share/dict/american-english) whose
# words question spelling correction leaves alone.
build_pkgs=(build-essential cmake pkg-config ccache
  libboost-dev libsqlite3-dev libsodium-dev nlohmann-json3-dev libpugixml-dev
  libstemmer-dev libkainjow-mustache-dev libcli11-dev libmd4c-dev
  libmd4c-html0-dev libyaml-cpp-dev libspdlog-dev libfmt-dev libicu-dev libzxcvbn-dev libpq-dev
  zlib1g-dev wamerican)
# postgresql: the store tests start a throwaway cluster with its initdb/pg_ctl.
test_pkgs=(googletest libgtest-dev libgmock-dev chromium nodejs npm
  fonts-dejavu-core postgresql)
bench_pkgs=(wrk nginx-light libxapian-dev)
# scripts/cluster.sh: PostgreSQL, haproxy in front of the nodes, curl to wait for them.
cluster_pkgs=(postgresql haproxy curl)

want=()
groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=(build)
for g in "${groups[@]}"; do
  case "$g" in
    build) want+=("${build_pkgs[@]}") ;;
    test) want+=("${build_pkgs[@]}" "${test_pkgs[@]}") ;;
    bench) want+=("${build_pkgs[@]}" "${bench_pkgs[@]}") ;;
    cluster) want+=("${cluster_pkgs[@]}") ;;
    *) echo "install-deps: unknown group '$g' (build, test, bench, cluster)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${want[@]}"; do
  # nodejs/npm may come from elsewhere on a developer machine: accept the commands.
  case "$p" in
    nodejs) command -v node >/dev/null && continue ;;
    npm) command -v npm >/dev/null && continue ;;
  esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# De-duplicate while keeping order.
if [ ${#missing[@]} -gt 0 ]; then
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | awk '!seen[$0]++')
  echo "install-deps: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -q
  "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
