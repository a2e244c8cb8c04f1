#!/usr/bin/env bash
# `npm run bench`: parsing speed and the CLI's peak memory on generated threads.
#
# 1. Builds the release CLI.
# 2. Runs the criterion benchmark (benches/parse.rs): MB/s and comments/s of
#    `rethread::parse` beside a plain line count and pulldown-cmark, for
#    each size on the plain release build and then on one built with
#    profile-guided optimization (scripts/pgo.sh: trained on the fixtures,
#    the dev corpus and a generated thread of another seed; the yardsticks
#    are not trained on, so the PGO run measures parse alone). The two
#    builds take turns size by size, so that a machine whose speed drifts
#    meets both alike. PGO is left out, with a message, when rustup's llvm-tools
#    cannot be had. After the first size, the plain build also times `parse`
#    on a few hostile texts of 1 MB (shapes no page has; benches/parse.rs).
# 3. Generates 1, 10 and 100 MB threads into $CARGO_TARGET_DIR/bench/ (default
#    target/bench/) and measures the CLI's peak resident memory on each with
#    GNU time -v, printing input MB, peak RSS MB and their ratio (target <= 3),
#    also with the baseline of an empty input subtracted.
#
# RETHREAD_BENCH_SIZES=1MB,10MB picks other sizes for both steps.
# Informational: the figures are printed, a missed target does not fail it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-tools.sh
source scripts/pgo.sh
ensure_native
apt_install time

target_dir=${CARGO_TARGET_DIR:-target}
bin="$target_dir/release/rethread"
sizes=${RETHREAD_BENCH_SIZES:-1MB,10MB,100MB}
export RETHREAD_BENCH_SIZES="$sizes"

echo "== release build"
cargo build --release --quiet --bin rethread

pgo=""
if pgo_profile "$target_dir" bench; then
  pgo=1
  # Built before the first measurement, so that no build runs between two.
  RUSTFLAGS="$PGO_RUSTFLAGS" CARGO_TARGET_DIR="$target_dir/pgo-use-bench" cargo bench --quiet --bench parse --no-run
else
  echo "PGO left out: rustup's llvm-tools component (llvm-profdata) is not available"
fi
cargo bench --quiet --bench parse --no-run
IFS=',' read -ra size_list <<< "$sizes"
# The hostile shapes (benches/parse.rs) are timed after the first size only.
skip_hostile=""
for size in "${size_list[@]}"; do
  echo
  echo "== criterion, $size: cargo bench --bench parse, plain release build"
  RETHREAD_BENCH_SIZES="$size" RETHREAD_BENCH_SKIP_HOSTILE="$skip_hostile" cargo bench --quiet --bench parse
  skip_hostile=1
  if [ -n "$pgo" ]; then
    echo
    echo "== criterion, $size: parse built with profile-guided optimization (PGO)"
    # parse alone: training never ran the yardsticks, so this build made them
    # cold code, slower than in the plain build (see benches/parse.rs).
    RETHREAD_BENCH_SIZES="$size" RETHREAD_BENCH_PARSE_ONLY=1 RUSTFLAGS="$PGO_RUSTFLAGS" \
      CARGO_TARGET_DIR="$target_dir/pgo-use-bench" cargo bench --quiet --bench parse
  fi
done

echo
echo "== peak memory of 'rethread parse FILE' (JSON output), GNU time -v"
mkdir -p "$target_dir/bench"

# Peak resident set size in kB of `rethread parse FILE`, from GNU time -v.
peak_rss_kb() {
  /usr/bin/time -v "$bin" parse "$1" --format json 2>&1 >/dev/null \
    | awk -F': ' '/Maximum resident set size/ {print $2}'
}

# What the process takes whatever the input (code, libc, stack): measured on
# an empty file, and subtracted in the last column, which small inputs need.
empty="$target_dir/bench/empty.txt"
: > "$empty"
base_kb=$(peak_rss_kb "$empty")
echo "baseline (empty input): $(awk -v k="$base_kb" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }') MB"
printf '%10s %14s %8s %22s\n' "input MB" "peak RSS MB" "ratio" "ratio above baseline"
ratio=""
IFS=',' read -ra size_list <<< "$sizes"
for size in "${size_list[@]}"; do
  file="$target_dir/bench/thread-$size.txt"
  # The generator is deterministic; regenerate only when the binary changed.
  if [ ! -s "$file" ] || [ "$bin" -nt "$file" ]; then
    "$bin" generate --bytes "$size" > "$file"
  fi
  peak_kb=$(peak_rss_kb "$file")
  bytes=$(stat -c %s "$file")
  read -r input_mb peak_mb ratio above < <(awk -v b="$bytes" -v k="$peak_kb" -v base="$base_kb" \
    'BEGIN { printf "%.1f %.1f %.2f %.2f\n", b / 1e6, k * 1024 / 1e6, k * 1024 / b, (k - base) * 1024 / b }')
  printf '%10s %14s %8s %22s\n' "$input_mb" "$peak_mb" "$ratio" "$above"
done
# The verdict uses the last (largest) input, where the baseline hardly counts.
if [ -n "$ratio" ] && awk -v r="$ratio" 'BEGIN { exit !(r <= 3.0) }'; then
  echo "peak memory meets the target: ratio $ratio <= 3.0 on the largest input"
else
  echo "peak memory misses the target: ratio $ratio > 3.0 on the largest input"
fi
