# Sourced by bench.sh and build-pgo.sh: a profile-guided (PGO) native build.
#
# rustc builds an instrumented CLI, which parses training texts and counts
# which branches and calls run; llvm-profdata merges the counts into one
# profile, and a second build uses it to lay out and inline the hot paths.
# The parser's code does not change, nor does what it returns: only how
# the compiler arranges it.
#
# Training texts: every fixture and the dev corpus of real pages (when it
# sits beside the checkout), once each, and a generated 4 MB thread from
# another seed than the benchmark's, ten times: large threads, where speed
# counts and which take the two-thread paths, weigh most, but the very text
# the benchmark measures is not trained on. (Parsed twice, the 4 MB thread
# weighed about as much as the corpus, and the 1 MB benchmark gained 3 %
# from PGO, not 10 %.)
#
# Needs: ensure-tools.sh sourced first, and the working directory at the
# repository's root. A build of KIND that uses the profile goes to its own
# target directory, TARGET_DIR/pgo-use-KIND: its flags differ from the
# plain build's, which would otherwise be rebuilt each time.

# Sets LLVM_PROFDATA to the llvm-profdata of the active toolchain,
# installing rustup's llvm-tools component when it is missing. Fails when
# it cannot be had (PGO is then left out by the caller).
ensure_llvm_profdata() {
  local sysroot host
  sysroot=$(rustc --print sysroot)
  host=$(rustc -vV | sed -n 's/^host: //p')
  LLVM_PROFDATA="$sysroot/lib/rustlib/$host/bin/llvm-profdata"
  if [ ! -x "$LLVM_PROFDATA" ]; then
    echo "installing rustup's llvm-tools component (llvm-profdata, for PGO)"
    rustup component add llvm-tools >/dev/null 2>&1 || return 1
  fi
  [ -x "$LLVM_PROFDATA" ]
}

# pgo_profile TARGET_DIR KIND: makes (or reuses) the merged profile of
# KIND, `cli` (the `rethread` command) or `bench` (the criterion benchmark),
# under TARGET_DIR/pgo-KIND, and sets PGO_RUSTFLAGS to the flags of a build
# of KIND that uses it. A profile matches only the build it was taken from
# (cargo names each build's symbols after its profile and dependencies),
# so each kind is trained through its own instrumented build. The profile
# is named by a hash of its bytes, so that the flags, which cargo's
# fingerprints include, change when the profile does. It is made again
# only when a source file, Cargo.toml, Cargo.lock or a training text (a
# fixture, a corpus page) is newer.
pgo_profile() {
  local target_dir=$1 kind=$2
  local dir="$target_dir/pgo-$kind"
  local latest="$dir/latest"
  ensure_llvm_profdata || { echo "PGO: llvm-profdata is not available" >&2; return 1; }
  mkdir -p "$dir"
  local inputs=(src benches Cargo.toml Cargo.lock tests/fixtures)
  if [ -d ../shared/corpus/dev ]; then
    inputs+=(../shared/corpus/dev)
  fi
  if [ -s "$latest" ] && [ -s "$(cat "$latest")" ] \
    && [ -z "$(find "${inputs[@]}" -newer "$(cat "$latest")" -print -quit)" ]; then
    PGO_RUSTFLAGS="-Cprofile-use=$(realpath "$(cat "$latest")")"
    return 0
  fi
  # Callers test this function in an `if`, where `set -e` does not stop at
  # a failed step: each step that can fail returns, so that a broken build
  # or training never passes for a profile.
  local raw
  raw=$(realpath "$dir")/raw
  rm -rf "$raw"
  # The training thread comes from the plain release build.
  cargo build --release --quiet --bin rethread || return 1
  "$target_dir/release/rethread" generate --bytes 4MB --seed 2 > "$dir/train-4MB.txt" || return 1
  local texts=(tests/fixtures/*.txt)
  if [ -d ../shared/corpus/dev ]; then
    texts+=(../shared/corpus/dev/*/*.txt)
  fi
  local round text
  for round in 1 2 3 4 5 6 7 8 9 10; do
    texts+=("$dir/train-4MB.txt")
  done
  echo "PGO ($kind): instrumented build"
  local train_dir="$target_dir/pgo-train-$kind" trainee
  if [ "$kind" = bench ]; then
    trainee=$(RUSTFLAGS="-Cprofile-generate=$raw" CARGO_TARGET_DIR="$train_dir" \
      cargo bench --quiet --no-run --bench parse --message-format=json \
      | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -1) || return 1
  else
    RUSTFLAGS="-Cprofile-generate=$raw" CARGO_TARGET_DIR="$train_dir" cargo build --release --quiet --bin rethread || return 1
    trainee="$train_dir/release/rethread"
  fi
  [ -x "$trainee" ] || { echo "PGO ($kind): no instrumented binary" >&2; return 1; }
  echo "PGO ($kind): training on the fixtures, the dev corpus and a generated 4 MB thread (seed 2)"
  if [ "$kind" = bench ]; then
    printf '%s\n' "${texts[@]}" > "$dir/train-list.txt"
    RETHREAD_BENCH_TRAIN="$dir/train-list.txt" "$trainee" || return 1
  else
    for text in "${texts[@]}"; do
      "$trainee" parse "$text" --format json > /dev/null || return 1
    done
  fi
  local merged="$dir/merged.profdata" hash
  "$LLVM_PROFDATA" merge -o "$merged" "$raw" || return 1
  hash=$(sha1sum "$merged" | cut -c1-12)
  rm -f "$dir"/rethread-*.profdata
  mv "$merged" "$dir/rethread-$hash.profdata" || return 1
  echo "$dir/rethread-$hash.profdata" > "$latest"
  PGO_RUSTFLAGS="-Cprofile-use=$(realpath "$dir/rethread-$hash.profdata")"
}
