#!/usr/bin/env bash
# Headless-Chromium end-to-end test of the symptomdb web pages.
# Usage: tests/browser/run.sh BIN SCREENSHOT_DIR [SEED]
#   BIN             the symptomdb binary (e.g. build/symptomdb)
#   SCREENSHOT_DIR  where article-desktop.png, article-phone.png,
#                   accounts-register.png, accounts-rated.png, comments-held.png,
#                   comments-moderation.png, comments-thread.png and editorial-*.png
#                   (editor, preview, submitted, review, published, diff) are written
#   SEED            optional plain-text seed article; without it (or if the
#                   file is missing) the sample content in content/ is used
# BROWSER_TESTS, if set, names the test files to run (default: all of them).
# Needs node, npm and /usr/bin/chromium (scripts/install-deps.sh test).
# Installs playwright-core from package-lock.json when node_modules is missing
# or older than the lock file; never downloads a browser.
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 BIN SCREENSHOT_DIR [SEED]" >&2
  exit 2
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
abspath() { case "$1" in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$PWD/$1" ;; esac; }

bin="$(abspath "$1")"
shots="$(abspath "$2")"
seed=""
[ $# -eq 3 ] && [ -n "$3" ] && seed="$(abspath "$3")"

for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "$0: $tool not found (scripts/install-deps.sh test)" >&2; exit 2; }
done

cd "$here"
# Playwright must never fetch a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

# SYMPTOMDB_TEST_STORE=postgresql: the same pages over PostgreSQL, in the
# throwaway cluster whose state file SYMPTOMDB_TEST_PG_STATE names (written
# by scripts/pg-temp-cluster.sh); each suite gets a schema of its own there.
if [ "${SYMPTOMDB_TEST_STORE:-}" = postgresql ]; then
  state="${SYMPTOMDB_TEST_PG_STATE:?SYMPTOMDB_TEST_PG_STATE must name the state file of the cluster}"
  [ -f "$state" ] || { echo "$0: no PostgreSQL state file $state" >&2; exit 2; }
  SKIP="" URL="" BIN=""
  # shellcheck disable=SC1090
  . "$state"
  if [ -n "$SKIP" ]; then
    echo "browser tests on PostgreSQL skipped: $SKIP"
    exit 77
  fi
  export SYMPTOMDB_TEST_PG_URL="$URL" SYMPTOMDB_TEST_PSQL="$BIN/psql"
fi

status=0
SYMPTOMDB_BIN="$bin" SCREENSHOT_DIR="$shots" SEED="$seed" CONTENT_DIR="$repo/content" \
  node --test --test-timeout=900000 \
  ${BROWSER_TESTS:-article.test.mjs accounts.test.mjs comments.test.mjs editorial.test.mjs checker.test.mjs reader.test.mjs describe.test.mjs} ||
  status=$?
exit "$status"
