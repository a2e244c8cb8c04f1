//! The `rethread` binary as a user runs it: output formats, standard input,
//! and the one-line errors for input it refuses. Native only: the web build
//! has no binary to run.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_rethread");
const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seed.txt");
const SEED_OUTLINE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seed.outline");

/// Runs the binary with `args` and `stdin` as its standard input.
fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the rethread binary starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    input.write_all(stdin).expect("stdin takes the input");
    drop(input);
    child.wait_with_output().expect("the rethread binary finishes")
}

/// Runs the binary with `args` and an empty standard input.
fn run(args: &[&str]) -> Output {
    run_with_stdin(args, b"")
}

fn stdout_of(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// Asserts a successful run and returns its standard output.
fn success(output: Output) -> String {
    assert!(output.status.success(), "exit {:?}, stderr: {}", output.status, stderr_of(&output));
    stdout_of(&output)
}

/// Asserts the run failed with exactly one line on stderr and nothing on
/// stdout; returns that line.
fn one_line_failure(output: Output) -> String {
    assert!(!output.status.success(), "expected failure, got success; stdout: {}", stdout_of(&output));
    assert!(output.stdout.is_empty(), "nothing on stdout when refusing, got {}", stdout_of(&output));
    let stderr = stderr_of(&output);
    assert_eq!(stderr.lines().count(), 1, "one line on stderr, got: {stderr:?}");
    stderr
}

/// A file in the test's scratch directory holding `bytes`.
fn scratch_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-tests");
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("scratch file written");
    path
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("scratch paths are UTF-8")
}

/// The keys of a JSON object, sorted.
fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value.as_object().expect("an object").keys().map(String::as_str).collect();
    keys.sort_unstable();
    keys
}

#[test]
fn json_has_every_key_with_nulls_present() {
    let json: Value = serde_json::from_str(&success(run(&["parse", SEED]))).expect("valid JSON");
    assert_eq!(keys(&json), ["article", "comments", "declared_count", "dialect", "title"]);
    assert_eq!(json["declared_count"], 15);
    assert_eq!(json["dialect"], "blog");
    assert!(json["title"].as_str().is_some_and(|t| t.starts_with("Trouble In Derna")));

    let seed_len = std::fs::metadata(SEED).expect("seed exists").len();
    let top = json["comments"].as_array().expect("comments is an array");
    // Walk the tree with an explicit stack, checking every comment's shape.
    let mut stack: Vec<&Value> = top.iter().collect();
    let mut total = 0;
    let mut null_authors = 0;
    while let Some(c) = stack.pop() {
        total += 1;
        assert_eq!(keys(c), ["author", "body", "date", "number", "replies", "span"], "comment {c}");
        assert!(c["author"].is_string() || c["author"].is_null());
        null_authors += usize::from(c["author"].is_null());
        assert!(c["number"].is_u64() || c["number"].is_null());
        assert!(c["date"].is_string() || c["date"].is_null());
        assert!(c["body"].as_str().is_some_and(|b| !b.is_empty()));
        let span = c["span"].as_array().expect("span is an array");
        assert_eq!(span.len(), 2);
        let (start, end) = (span[0].as_u64().unwrap(), span[1].as_u64().unwrap());
        assert!(start < end && end <= seed_len, "span {start}..{end} in {seed_len} bytes");
        stack.extend(c["replies"].as_array().expect("replies is an array"));
    }
    assert_eq!(total, 9);
    assert_eq!(null_authors, 3, "the seed's three unsigned comments are null, not invented");

    assert_eq!(top.len(), 7);
    let numbers: Vec<u64> = top.iter().map(|c| c["number"].as_u64().expect("top level is numbered")).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6, 7]);
    for (i, c) in top.iter().enumerate() {
        let replies = c["replies"].as_array().unwrap().len();
        assert_eq!(replies, usize::from(i == 3), "replies of top-level comment {}", i + 1);
    }
    let reply = &top[3]["replies"][0];
    assert!(reply["author"].is_null());
    assert_eq!(reply["number"], Value::Null);
    let reply_of_reply = &reply["replies"][0];
    assert_eq!(reply_of_reply["author"], "czarowniczy");
    assert_eq!(reply_of_reply["replies"].as_array().unwrap().len(), 0);
    assert_eq!(top[3]["author"], "czarowniczy");
}

#[test]
fn empty_input_prints_nulls_and_no_comments() {
    let json: Value = serde_json::from_str(&success(run_with_stdin(&["parse"], b""))).expect("valid JSON");
    assert_eq!(keys(&json), ["article", "comments", "declared_count", "dialect", "title"]);
    assert!(json["title"].is_null());
    assert!(json["declared_count"].is_null());
    assert!(json["article"].is_null());
    assert_eq!(json["comments"], Value::Array(Vec::new()));
}

#[test]
fn outline_matches_the_seed_fixture() {
    let expected = std::fs::read_to_string(SEED_OUTLINE).expect("seed outline exists");
    let got = success(run(&["parse", SEED, "--format", "outline"]));
    assert_eq!(got, expected);
    assert_eq!(success(run(&["parse", "--format=outline", SEED])), expected);
}

#[test]
fn spans_cover_the_input_exactly() {
    let len = std::fs::metadata(SEED).expect("seed exists").len();
    let printed = success(run(&["parse", SEED, "--format", "spans"]));
    let kinds = ["preamble", "title", "article", "comments_heading", "comment_header", "comment_body", "between", "trailer"];
    let mut at = 0;
    let mut headers = 0;
    for line in printed.lines() {
        let fields: Vec<&str> = line.split(' ').collect();
        assert!(fields.len() == 3 || fields.len() == 4, "KIND START END [#COMMENT]: {line:?}");
        assert!(kinds.contains(&fields[0]), "unknown kind in {line:?}");
        let start: u64 = fields[1].parse().expect("start is a number");
        let end: u64 = fields[2].parse().expect("end is a number");
        assert_eq!(start, at, "parts touch: {line:?}");
        assert!(end > start, "parts are not empty: {line:?}");
        at = end;
        headers += usize::from(fields[0] == "comment_header");
        let names_comment = fields.len() == 4;
        assert_eq!(names_comment, fields[0].starts_with("comment_") && fields[0] != "comments_heading", "{line:?}");
    }
    assert_eq!(at, len, "the last part ends at the end of the file");
    assert!(headers >= 6, "the seed's signed comments have header parts");
}

#[test]
fn standard_input_with_dash_or_no_file() {
    let seed = std::fs::read(SEED).expect("seed exists");
    let from_file = success(run(&["parse", SEED]));
    assert_eq!(success(run_with_stdin(&["parse", "-"], &seed)), from_file);
    assert_eq!(success(run_with_stdin(&["parse"], &seed)), from_file);
    let outline = success(run(&["parse", SEED, "--format", "outline"]));
    assert_eq!(success(run_with_stdin(&["parse", "-", "--format", "outline"], &seed)), outline);
}

#[test]
fn byte_order_mark_is_dropped() {
    let mut with_bom = b"\xef\xbb\xbf".to_vec();
    with_bom.extend(std::fs::read(SEED).expect("seed exists"));
    let path = scratch_file("bom.txt", &with_bom);
    assert_eq!(success(run(&["parse", path_str(&path)])), success(run(&["parse", SEED])));
}

#[test]
fn missing_file_is_one_line_naming_it() {
    let line = one_line_failure(run(&["parse", "/no/such/dir/thread.txt"]));
    assert!(line.contains("/no/such/dir/thread.txt"), "{line}");
    assert!(line.contains("no such file"), "{line}");
}

#[test]
fn directory_is_refused() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let line = one_line_failure(run(&["parse", path_str(dir)]));
    assert!(line.contains(path_str(dir)), "{line}");
    assert!(line.contains("directory"), "{line}");
}

#[test]
fn invalid_utf8_is_refused_unless_lossy() {
    let path = scratch_file("latin1.txt", b"Caf\xe9 talk\n\n  1. Ann says:\n     Hi.\n");
    let line = one_line_failure(run(&["parse", path_str(&path)]));
    assert!(line.contains(path_str(&path)), "{line}");
    assert!(line.contains("UTF-8"), "{line}");
    assert!(line.contains("--lossy"), "the message names the way out: {line}");

    let json: Value = serde_json::from_str(&success(run(&["parse", path_str(&path), "--lossy"]))).expect("valid JSON");
    let printed = json.to_string();
    assert!(printed.contains("Caf\u{fffd} talk"), "the bad byte becomes U+FFFD: {printed}");
}

#[test]
fn binary_files_are_refused_as_binary() {
    let png = scratch_file("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00");
    let line = one_line_failure(run(&["parse", path_str(&png)]));
    assert!(line.contains(path_str(&png)), "{line}");
    assert!(line.contains("binary") && line.contains("PNG"), "{line}");

    let nul = scratch_file("nul.dat", b"looks like text\x00\x00\x01\x02 but is not\n");
    let line = one_line_failure(run(&["parse", path_str(&nul)]));
    assert!(line.contains(path_str(&nul)), "{line}");
    assert!(line.contains("binary"), "{line}");

    // --lossy decodes bad UTF-8; it does not make binary data text.
    let line = one_line_failure(run(&["parse", path_str(&nul), "--lossy"]));
    assert!(line.contains("binary"), "{line}");
}

/// Asserts a usage error: non-zero exit, nothing on stdout, the message and
/// the synopsis on stderr.
fn usage_error(args: &[&str], mentions: &str) {
    let output = run(args);
    assert!(!output.status.success(), "{args:?} should fail");
    assert_eq!(output.status.code(), Some(2), "{args:?}");
    assert!(output.stdout.is_empty(), "{args:?} printed {}", stdout_of(&output));
    let stderr = stderr_of(&output);
    assert!(stderr.contains(mentions), "{args:?}: {stderr}");
    assert!(stderr.contains("usage: rethread parse"), "{args:?}: {stderr}");
}

#[test]
fn unknown_options_formats_and_commands_are_usage_errors() {
    usage_error(&["parse", SEED, "--colour"], "--colour");
    usage_error(&["parse", SEED, "--format", "xml"], "xml");
    usage_error(&["parse", SEED, "--format=yaml"], "yaml");
    usage_error(&["parse", SEED, "--format"], "--format needs a value");
    usage_error(&["parse", SEED, SEED], "only one input file");
    usage_error(&["frobnicate"], "frobnicate");
    usage_error(&[], "no command");
    usage_error(&["generate"], "--bytes");
    usage_error(&["generate", "--bytes", "12 parsecs"], "parsecs");
    usage_error(&["generate", "--bytes", "1MB", "--seed", "seven"], "seven");
    usage_error(&["generate", "--bytes", "1MB", "--seed"], "--seed needs");
}

#[test]
fn help_succeeds_and_names_every_command() {
    for args in [&["--help"][..], &["-h"], &["help"], &["parse", "--help"], &["generate", "-h"]] {
        let printed = success(run(args));
        assert!(printed.starts_with("usage: rethread parse"), "{printed}");
        for word in ["generate --bytes", "--seed", "--format", "outline", "spans", "--lossy"] {
            assert!(printed.contains(word), "--help mentions {word}: {printed}");
        }
    }
}

#[test]
fn generate_writes_a_thread_of_the_asked_size() {
    let printed = success(run(&["generate", "--bytes", "50KB"]));
    assert!((50_000..52_000).contains(&printed.len()), "{} bytes", printed.len());
    assert_eq!(success(run(&["generate", "--bytes=50000"])), printed, "the same size gives the same bytes");
    let seeded = success(run(&["generate", "--bytes", "50KB", "--seed", "7"]));
    assert_ne!(seeded, printed, "another seed gives another thread");
    assert_eq!(success(run(&["generate", "--seed=7", "--bytes", "50KB"])), seeded, "the same seed gives the same bytes");

    let json: Value = serde_json::from_str(&success(run_with_stdin(&["parse"], printed.as_bytes()))).expect("valid JSON");
    let declared = json["declared_count"].as_u64().expect("the generated page declares its count");
    // Count every comment of the tree with an explicit stack.
    let mut stack: Vec<&Value> = json["comments"].as_array().unwrap().iter().collect();
    let mut found: u64 = 0;
    while let Some(c) = stack.pop() {
        found += 1;
        stack.extend(c["replies"].as_array().unwrap());
    }
    assert!(declared > 20, "{declared} comments in 50 KB");
    assert!(found.abs_diff(declared) <= declared / 50 + 1, "declared {declared}, found {found}");
}
