#!/usr/bin/env bash
# Validates docs/openapi.json with an OpenAPI 3.1 validator, then every
# response the integration tests recorded (LOG, one JSON object a line)
# against it, and parses each recorded Infobutton Atom feed with a feed
# parser. Usage: tests/api/run.sh LOG
# Needs node and npm (scripts/install-deps.sh test); installs the packages in
# package-lock.json when node_modules is missing or older than the lock file.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 LOG" >&2
  exit 2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
log="$1"
case "$log" in /*) ;; *) log="$PWD/$log" ;; esac

for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "$0: $tool not found (scripts/install-deps.sh test)" >&2; exit 2; }
done
cd "$here"
if [ ! -d node_modules/ajv ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
exec node validate.mjs "$repo/docs/openapi.json" "$log"
