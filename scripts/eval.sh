#!/usr/bin/env bash
# Scores the release CLI against the shared dev corpus and prints the table.
# Informational: it exits 0 whatever the scores (only a missing corpus is reported).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${CORPUS:-../shared/corpus/dev}
if [ ! -d "$corpus" ]; then
  echo "eval: no corpus at $corpus (it sits beside the checkout as ../shared); skipped"
  exit 0
fi
cargo build --release --quiet --bin rethread
python3 ../shared/corpus/score.py "$corpus" './target/release/rethread parse --format json {input}' --jobs "$(nproc)" "$@"
