#!/usr/bin/env bash
# Vignette mode of the symptom checker benchmark (issue 12): builds
# bench_vignettes in build-release and runs it on ../shared/data/vignettes-dev
# with the knowledge base from ../shared/data/medquad and content/. Extra
# arguments go to bench_vignettes (--hpo HP_JSON, --tune).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${SYMPTOMDB_SHARED_DIR:-$root/../shared/data}"
if [[ ! -f "$shared/vignettes-dev/vignettes.jsonl" || ! -d "$shared/medquad" ]]; then
  echo "bench/checker vignettes: skipped: $shared/vignettes-dev or $shared/medquad not found"
  exit 0
fi
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$(dirname "$root")}"
build="${BUILD_DIR:-$root/build-release}"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DSYMPTOMDB_BUILD_TESTS=OFF \
  -DSYMPTOMDB_BUILD_BENCH_CHECKER=ON >/dev/null
cmake --build "$build" -j2 --target bench_vignettes >/dev/null
"$build/bench_vignettes" "$shared/vignettes-dev/vignettes.jsonl" "$shared/medquad" \
  "$root/content" "$@"
