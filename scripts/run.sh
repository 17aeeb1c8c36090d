#!/usr/bin/env bash
# Installs what is missing, builds, and runs the symptomdb server on
# http://127.0.0.1:8080 with an embedded SQLite database (data/symptomdb.db).
# On first start the database is created and filled with the bundled sample
# content, the MedQuAD answers from ../shared/data/medquad and the HPO
# ontology and annotations from ../shared/data/hpo, when present. Extra arguments go to `symptomdb serve` (e.g. --port 9000).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh build
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" --target symptomdb
mkdir -p data
db="${SYMPTOMDB_DB:-data/symptomdb.db}"
first_start=0
[ -f "$db" ] || first_start=1
# MedQuAD (questions answered by NIH sites) is read from ../shared,
# never copied into the repository. Only on first start: after that the
# database is the site's, edited by its users.
medquad=../shared/data/medquad
if [ "$first_start" = 1 ] && [ -d "$medquad" ]; then
  echo "run.sh: first start: importing the bundled articles and MedQuAD from $medquad (about a minute)..."
  build/symptomdb import markdown content --db "$db" >/dev/null
  build/symptomdb import medquad "$medquad" --db "$db"
fi
# The symptom checker reads the HPO release from ../shared when it is there
# (it is never copied into the repository); without it /check says so.
hpo=../shared/data/hpo
if [ -f "$hpo/hp.json" ] && [ -f "$hpo/phenotype.hpoa" ]; then
  build/symptomdb import hpo "$hpo/hp.json" --db "$db" --if-missing
  build/symptomdb import hpoa "$hpo/phenotype.hpoa" --db "$db" --if-missing
fi
exec build/symptomdb serve --db "$db" "$@"
