#!/usr/bin/env bash
# Installs what is missing, builds, and runs the symptomdb server on
# http://127.0.0.1:8080 with an embedded SQLite database (data/symptomdb.db).
# On first start the database is created and filled with the bundled sample
# content. Extra arguments go to `symptomdb serve` (e.g. --port 9000).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh build
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" --target symptomdb
mkdir -p data
exec build/symptomdb serve --db "${SYMPTOMDB_DB:-data/symptomdb.db}" "$@"
