#!/usr/bin/env bash
# Builds the symptom checker benchmark in Release (build-release) and runs it
# on ../shared/data/hpo. Extra arguments go to bench_checker (--patients N,
# --seed S, --tune).
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
cmake --build "$root/build-release" -j2 --target bench_checker >/dev/null
exec "$root/build-release/bench_checker" "$data" "$@"
