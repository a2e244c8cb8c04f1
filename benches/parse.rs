//! Parsing speed over generated blog threads of 1 MB, 10 MB and 100 MB.
//!
//! For each size, criterion measures `rethread::parse` beside two yardsticks
//! over the same bytes: a plain line count (`str::lines`), the least any
//! line-based parser must do, and pulldown-cmark's Markdown parser, a
//! well-tuned text parser. Throughput is in decimal MB/s. After the criterion
//! groups a summary table per size gives MB/s and comments/s for `parse`
//! (comments found / time per parse) and MB/s for the yardsticks, each the
//! best of a few timed runs, and how many pages a parse faults in once the
//! process is warm; then `parse`'s MB/s on a few hostile texts (shapes no
//! page has, one unit repeated, see `HOSTILE_SHAPES`).
//!
//! `cargo bench --bench parse` runs it all. `RETHREAD_BENCH_SIZES=1MB,10MB`
//! picks other sizes. Under `cargo test` (no `--bench` flag) it checks every
//! routine once on a small thread and prints no figure. With
//! `RETHREAD_BENCH_TRAIN` naming a file that lists texts, one path a line,
//! it only parses each of them: `scripts/pgo.sh` runs an instrumented build
//! of the benchmark so, to profile `parse` as the benchmark's build
//! compiles it (a profile matches only the build it came from). With
//! `RETHREAD_BENCH_PARSE_ONLY` set, it measures `parse` alone: the PGO
//! build's yardsticks were never run in training, so the compiler took
//! them for cold code and made them slower, and they would mislead (nor
//! does it time the hostile shapes, which `RETHREAD_BENCH_SKIP_HOSTILE=1`
//! also leaves out: `scripts/bench.sh` times them once, not per size).
//!
//! The benchmark measures the native build: on `wasm32`, where criterion is
//! no dependency, it compiles to an empty program (so that lints of every
//! target also cover the wasm build).
#![cfg_attr(target_arch = "wasm32", allow(dead_code))]

use std::hint::black_box;
use std::time::{Duration, Instant};

#[cfg(not(target_arch = "wasm32"))]
use criterion::{BenchmarkGroup, Criterion, SamplingMode, Throughput};

/// The sizes `cargo bench` measures when `RETHREAD_BENCH_SIZES` is unset.
const DEFAULT_SIZES: &str = "1MB,10MB,100MB";

/// The size a test run (`cargo test --benches`) checks the routines on.
const TEST_SIZE: &str = "100KB";

/// Criterion runs a routine at least this many times per size (its smallest
/// sample count plus one warm-up run); a routine whose one run takes longer
/// than [`SLOW_RUN`] is left to the summary table, which times it fewer
/// times, so that the whole benchmark stays within a few minutes.
const SLOW_RUN: Duration = Duration::from_secs(4);

/// Hostile texts, each one unit repeated to the measured size: shapes no
/// page has, where a scan that reads on from every line or every bracket
/// would take time growing with the square of the size. Two did (a line of
/// unclosed links took 574 s for 2 MB; a text of count headings 3.9 s), and
/// the summary prints each shape's speed so that none comes back unseen.
const HOSTILE_SHAPES: &[(&str, &str)] = &[
    ("unclosed links on one line", "[a]("),
    ("count headings", "15 Responses to \u{201c}X\u{201d}\n"),
    ("section headings", "Comments\n"),
    ("headings and forms", "Comments\nLeave a Reply\n"),
    ("blank lines", "\n"),
    ("lone \\r line ends", "Ann says:\rHi.\r"),
    ("one line of words", "word "),
    ("nested bullets", "  * Ann says:\n      * Bob says:\n          * Cy says:\n"),
    ("name and date lines", "Ann\nMay 1, 2012\n"),
    ("bold and escapes", "**a** _b_ \\[c\\] "),
];

/// `unit` repeated to at least `bytes` bytes.
fn hostile_text(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()))
}

/// Prints the speed of `parse` on each of [`HOSTILE_SHAPES`] at `bytes`
/// bytes (best of three runs).
fn print_hostile_shapes(bytes: usize) {
    println!("\nhostile shapes, {bytes} bytes each (best of 3 runs)");
    println!("  {:<28} {:>12} {:>12}", "shape", "time", "MB/s");
    for (name, unit) in HOSTILE_SHAPES {
        let text = hostile_text(unit, bytes);
        let t = best_of(3, Duration::from_secs(30), || parse_comments(&text));
        println!("  {:<28} {:>12} {:>12.1}", name, format!("{:.2?}", t.best), mb_per_s(text.len(), t.best));
    }
}

/// One generated thread to measure.
struct Input {
    /// The size as asked for ("10MB").
    label: String,
    /// The thread's text.
    text: String,
    /// How many comments the generator wrote.
    generated: usize,
}

/// The best time of a few runs and what the last run returned.
struct Timing {
    best: Duration,
    result: usize,
}

/// Times `routine` at least once and then again until it has run `runs`
/// times or `budget` has passed; keeps the best time (the least disturbed).
fn best_of(runs: usize, budget: Duration, mut routine: impl FnMut() -> usize) -> Timing {
    let started = Instant::now();
    let mut best = Duration::MAX;
    let mut result = 0;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        result = black_box(routine());
        best = best.min(t.elapsed());
        if started.elapsed() >= budget {
            break;
        }
    }
    Timing { best, result }
}

fn parse_comments(text: &str) -> usize {
    rethread::parse(black_box(text)).comments.len()
}

fn count_lines(text: &str) -> usize {
    black_box(text).lines().count()
}

fn markdown_events(text: &str) -> usize {
    pulldown_cmark::Parser::new(black_box(text)).count()
}

/// The figures the summary table prints for one size (the yardsticks'
/// unless only `parse` is measured).
struct Summary {
    parse: Timing,
    lines: Option<Timing>,
    markdown: Option<Timing>,
}

fn mb_per_s(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / 1e6 / time.as_secs_f64()
}

fn print_summary(input: &Input, s: &Summary) {
    let bytes = input.text.len();
    let found = s.parse.result;
    println!();
    println!("{} thread: {bytes} bytes, {} comments generated, {found} found by parse", input.label, input.generated);
    println!("  {:<16} {:>12} {:>12} {:>16}", "routine", "time", "MB/s", "comments/s");
    let comments_per_s = found as f64 / s.parse.best.as_secs_f64();
    println!(
        "  {:<16} {:>12} {:>12.1} {:>16.0}",
        "rethread::parse",
        format!("{:.2?}", s.parse.best),
        mb_per_s(bytes, s.parse.best),
        comments_per_s
    );
    for (name, t) in [("str::lines", &s.lines), ("pulldown-cmark", &s.markdown)] {
        let Some(t) = t else { continue };
        println!("  {:<16} {:>12} {:>12.1} {:>16}", name, format!("{:.2?}", t.best), mb_per_s(bytes, t.best), "-");
    }
    let verdict = if mb_per_s(bytes, s.parse.best) >= 300.0 { "meets" } else { "misses" };
    println!("  parse {verdict} the 300 MB/s target");
}

/// The criterion group for one size. Returns without measuring `parse` when
/// one run of it takes longer than [`SLOW_RUN`] (the summary still has it).
#[cfg(not(target_arch = "wasm32"))]
fn bench_size(group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>, input: &Input, parse_run: Duration, yardsticks: bool) {
    let text = input.text.as_str();
    group.throughput(Throughput::BytesDecimal(text.len() as u64));
    if parse_run <= SLOW_RUN {
        group.bench_function("rethread::parse", |b| b.iter(|| parse_comments(text)));
    } else {
        println!("{}: rethread::parse left out of criterion (one run takes {:.1?}); see the summary table", input.label, parse_run);
    }
    if yardsticks {
        group.bench_function("str::lines", |b| b.iter(|| count_lines(text)));
        group.bench_function("pulldown-cmark", |b| b.iter(|| markdown_events(text)));
    }
}

/// Parses every text that the file at `list` names (one path a line), for
/// a profile-guided build's training (see `scripts/pgo.sh`).
fn train(list: &str) {
    let paths = std::fs::read_to_string(list).unwrap_or_else(|e| panic!("RETHREAD_BENCH_TRAIN {list}: {e}"));
    for path in paths.lines().filter(|p| !p.is_empty()) {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("training text {path}: {e}"));
        black_box(parse_comments(&text));
    }
}

/// Nothing to measure on the web: see the module docs.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    if let Ok(list) = std::env::var("RETHREAD_BENCH_TRAIN") {
        train(&list);
        return;
    }
    let args: Vec<String> = std::env::args().collect();
    let benchmarking = args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--test" || a == "--list");
    let sizes = if benchmarking {
        std::env::var("RETHREAD_BENCH_SIZES").unwrap_or_else(|_| DEFAULT_SIZES.to_string())
    } else {
        TEST_SIZE.to_string()
    };

    // Generated once per size, outside every timed loop.
    let inputs: Vec<Input> = sizes
        .split(',')
        .map(|label| {
            let label = label.trim().to_string();
            let bytes = rethread::generate::parse_size(&label).unwrap_or_else(|e| panic!("RETHREAD_BENCH_SIZES: {e}"));
            let generated = rethread::generate::generate(bytes);
            Input { label, text: generated.text, generated: generated.comments }
        })
        .collect();

    if !benchmarking {
        // A test run: every routine once, checked, no figures.
        for input in &inputs {
            let found = parse_comments(&input.text);
            assert!(found.abs_diff(input.generated) <= input.generated / 50 + 1, "{found} of {}", input.generated);
            assert!(count_lines(&input.text) > input.generated);
            assert!(markdown_events(&input.text) > 0);
        }
        for (_, unit) in HOSTILE_SHAPES {
            black_box(parse_comments(&hostile_text(unit, 100_000)));
        }
        let mut criterion = Criterion::default().configure_from_args();
        for input in &inputs {
            let mut group = criterion.benchmark_group(format!("parse {}", input.label));
            bench_size(&mut group, input, Duration::ZERO, true);
            group.finish();
        }
        return;
    }

    let yardsticks = std::env::var_os("RETHREAD_BENCH_PARSE_ONLY").is_none();
    // The summary's timings come first: they tell how slow each parse is,
    // which decides how criterion may sample it. They print at the end.
    let summaries: Vec<Summary> = inputs
        .iter()
        .map(|input| {
            let text = input.text.as_str();
            Summary {
                parse: best_of(5, Duration::from_secs(10), || parse_comments(text)),
                lines: yardsticks.then(|| best_of(10, Duration::from_secs(3), || count_lines(text))),
                markdown: yardsticks.then(|| best_of(5, Duration::from_secs(10), || markdown_events(text))),
            }
        })
        .collect();

    let mut criterion = Criterion::default().configure_from_args();
    for (input, summary) in inputs.iter().zip(&summaries) {
        let mut group = criterion.benchmark_group(format!("parse {}", input.label));
        if input.text.len() >= 5_000_000 {
            // Large inputs: the fewest samples criterion takes, and as many
            // runs in each (flat sampling) rather than a growing number.
            group.sample_size(10);
            group.sampling_mode(SamplingMode::Flat);
            group.warm_up_time(Duration::from_millis(500));
            group.measurement_time(Duration::from_secs(5));
        } else {
            group.sample_size(20);
            group.warm_up_time(Duration::from_secs(1));
            group.measurement_time(Duration::from_secs(4));
        }
        bench_size(&mut group, input, summary.parse.best, yardsticks);
        group.finish();
    }
    criterion.final_summary();

    println!("\n== summary (best of up to 5 timed runs per routine)");
    for (input, summary) in inputs.iter().zip(&summaries) {
        print_summary(input, summary);
        print_page_faults(input);
    }
    if yardsticks && std::env::var_os("RETHREAD_BENCH_SKIP_HOSTILE").is_none_or(|v| v.is_empty()) {
        print_hostile_shapes(HOSTILE_BYTES);
    }
}

/// The size of each hostile text the summary times: a megabyte, large
/// enough that a scan whose time grows with the square of the size
/// would take seconds.
const HOSTILE_BYTES: usize = 1_000_000;

/// Prints how many pages a parse (and the drop of its thread) faults in,
/// counted over five parses after a settling one: near zero when the
/// allocator reuses its memory from one parse to the next. A change in how
/// the parse allocates can make glibc give the top of its heap back to the
/// kernel after each parse, and each parse then faults thousands of pages
/// in again (a 10 MB parse 10-40 % slower); this line shows it.
fn print_page_faults(input: &Input) {
    const PARSES: usize = 5;
    // A first parse settles the heap after the other sizes' parses.
    black_box(parse_comments(&input.text));
    let Some(before) = minor_page_faults() else { return };
    for _ in 0..PARSES {
        black_box(parse_comments(&input.text));
    }
    if let Some(after) = minor_page_faults() {
        println!("  page faults per parse, after criterion's runs: {}", (after - before) / PARSES as u64);
    }
}

/// The minor page faults of this process so far, from `/proc/self/stat`
/// (its tenth field); `None` where there is no such file.
fn minor_page_faults() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The second field, the command's name in parentheses, may hold spaces.
    let after_name = &stat[stat.rfind(')')? + 1..];
    after_name.split_whitespace().nth(7)?.parse().ok()
}
