#!/usr/bin/env bash
# The browser tests (run by scripts/test.sh, or alone): installs what is
# missing (wasm tools, Debian's browsers, the npm dev dependencies), builds
# the site, runs the wasm boundary tests when they exist, then the
# end-to-end test of the built page in headless Chromium. Idempotent; a
# warm re-run installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-tools.sh
ensure_wasm
ensure_browsers

# npm's own record of what it installed (node_modules/.package-lock.json)
# is older than package-lock.json, or missing, when node_modules is stale.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
   || [ ! -d node_modules/playwright-core ]; then
  echo "== npm ci (playwright-core; no browser download: the tests use Debian's chromium)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi

echo "== build the site"
bash scripts/build-site.sh

# The wasm adapter (src/wasm.rs) exists only on wasm32, where the native
# lints never look.
echo "== clippy, wasm32"
cargo clippy --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings

if [ -f scripts/test-wasm.sh ]; then
  bash scripts/test-wasm.sh
fi

echo "== end-to-end test of the page in headless Chromium"
node tests/e2e/e2e.mjs
