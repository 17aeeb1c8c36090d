#!/usr/bin/env bash
# Installs what is missing (including Debian's chromium for the browser
# test), builds with warnings as errors, and runs every test with CTest.
# Tests that need ../shared skip with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh test
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSYMPTOMDB_BUILD_TESTS=ON -DSYMPTOMDB_WERROR=ON >/dev/null
cmake --build build -j"$(nproc)"
cd build
ctest --output-on-failure -j"$(nproc)" "$@"
