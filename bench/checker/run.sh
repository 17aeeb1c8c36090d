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
# POST /api/v1/check over HTTP (bench/checker/http.sh; give it several
# binaries to compare a change in one run).
exec "$root/bench/checker/http.sh" "$root/build-release/symptomdb"
