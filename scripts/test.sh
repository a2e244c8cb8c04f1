#!/usr/bin/env bash
# Everything `npm test` runs, installing what is missing first.
# Native tests, lints, the accuracy table (informational), then the browser
# tests when the browser parts of the project exist.
set -eEuo pipefail
# A failed step names itself, rather than ending the run without a word.
trap 'echo "npm test: \"$BASH_COMMAND\" failed (exit $?)" >&2' ERR
cd "$(dirname "$0")/.."
source scripts/ensure-tools.sh
ensure_native

echo "== native tests"
cargo test --all-targets --quiet 2>&1 | tail -n 40
cargo test --doc --quiet 2>&1 | tail -n 3

echo "== clippy"
cargo clippy --all-targets --quiet -- -D warnings

echo "== formatting (rustfmt.toml)"
cargo fmt --check

echo "== accuracy on the dev corpus (informational)"
bash scripts/eval.sh || echo "eval could not run (informational only)"

if [ -f scripts/test-web.sh ]; then
  echo "== browser tests"
  bash scripts/test-web.sh
fi
echo "npm test: all steps passed"
