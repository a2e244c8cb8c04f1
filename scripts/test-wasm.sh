#!/usr/bin/env bash
# The wasm boundary's tests (tests/web.rs) in headless Chromium and in
# headless Firefox, through wasm-bindgen-test-runner and WebDriver; the
# browser flags (headless, no sandbox when running as root) are in
# webdriver.json at the repository root. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-tools.sh
ensure_wasm
ensure_browsers

# Browsers start slowly on a busy machine; the runner's default is 20 s.
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"

echo "== wasm boundary tests in headless Chromium"
env -u GECKODRIVER -u SAFARIDRIVER CHROMEDRIVER="$(command -v chromedriver)" \
  cargo test --target wasm32-unknown-unknown --test web

echo "== wasm boundary tests in headless Firefox"
env -u CHROMEDRIVER -u SAFARIDRIVER GECKODRIVER="$(command -v geckodriver)" \
  cargo test --target wasm32-unknown-unknown --test web
