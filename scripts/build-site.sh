#!/usr/bin/env bash
# npm run build: builds the wasm module into pkg/ and assembles the
# deployable site into site/ (index.html, www/, pkg/). Installs the wasm
# tools first when they are missing. Idempotent; a warm re-run only checks
# that cargo has nothing to do and copies the (small) site files again.
#
#   pkg/   wasm-bindgen --target web output, rethread_bg.wasm run through wasm-opt -Oz
#   site/  index.html and www/ from the repository, pkg/ with rethread.js,
#          rethread_bg.wasm and rethread.d.ts (no .gitignore inside)
#
# Honours CARGO_TARGET_DIR (default: target/).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-tools.sh
ensure_wasm

target_dir="${CARGO_TARGET_DIR:-target}"
wasm="$target_dir/wasm32-unknown-unknown/release/rethread.wasm"
# Scratch space inside the (git-ignored) target directory.
scratch="$target_dir/site-scratch"

echo "== wasm: cargo build --release --target wasm32-unknown-unknown"
cargo build --lib --release --target wasm32-unknown-unknown --quiet

# wasm-bindgen and wasm-opt run again only when the module (or this script,
# which holds their flags) is newer than the optimized output. They write to
# a scratch directory that replaces pkg/ only when both succeeded, so a
# failed run never leaves a half-done pkg/ that looks up to date.
if [ ! -f pkg/rethread_bg.wasm ] || [ "$wasm" -nt pkg/rethread_bg.wasm ] \
   || [ scripts/build-site.sh -nt pkg/rethread_bg.wasm ]; then
  echo "== wasm-bindgen --target web, wasm-opt -Oz"
  rm -rf "$scratch/pkg"
  mkdir -p "$scratch"
  wasm-bindgen --target web --out-dir "$scratch/pkg" --out-name rethread "$wasm"
  # The features current rustc output uses are named, so that the result
  # does not depend on wasm-opt's defaults.
  "$WASM_OPT" -Oz \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$scratch"/pkg/rethread_bg.wasm -o "$scratch"/pkg/rethread_bg.opt.wasm
  mv "$scratch"/pkg/rethread_bg.opt.wasm "$scratch"/pkg/rethread_bg.wasm
  rm -rf pkg
  mv "$scratch/pkg" pkg
else
  echo "== pkg/ is up to date"
fi

# The site is assembled afresh every time (a few small copies) in a scratch
# directory, then swapped in. index.html and www/ belong to the page; until
# they exist the site holds just pkg/.
rm -rf "$scratch/site"
mkdir -p "$scratch/site"/pkg
cp pkg/rethread.js pkg/rethread_bg.wasm pkg/rethread.d.ts "$scratch/site"/pkg/
if [ -f index.html ]; then cp index.html "$scratch/site"/; fi
if [ -d www ]; then cp -R www "$scratch/site"/www; fi
rm -rf site
mv "$scratch/site" site

size=$(wc -c < pkg/rethread_bg.wasm)
gzipped=$(gzip -9 -c pkg/rethread_bg.wasm | wc -c)
echo "site/ assembled; pkg/rethread_bg.wasm: $size bytes, $gzipped bytes gzipped"
