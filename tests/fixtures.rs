//! Data-driven tests: every `tests/fixtures/NAME.txt` is parsed and its
//! outline compared with `tests/fixtures/NAME.outline`.
//!
//! Run with `UPDATE_EXPECT=1` to rewrite the expected outlines from what the
//! parser gives now (then read the diff before committing it).
//!
//! The same file checks the invariants that hold for any input: the parts
//! cover the input exactly, in order; every comment's spans lie inside it;
//! parents come before their replies. They are checked on every fixture and on
//! every text of the shared corpus (`../shared/corpus`) when it is present.

use std::path::{Path, PathBuf};

use rethread::{parse, PartKind, Thread};

#[path = "common/seed.rs"]
mod seed;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Compares the outline of `input` with the expected text in `expected_path`,
/// printing input, expected and got when they differ, or rewriting the
/// expectation under `UPDATE_EXPECT=1`. Returns false on a mismatch.
fn check(name: &str, input: &str, expected_path: &Path) -> bool {
    let got = rethread::outline::to_outline(&parse(input));
    let expected = std::fs::read_to_string(expected_path).unwrap_or_default();
    if got == expected {
        return true;
    }
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(expected_path, &got).expect("write expectation");
        eprintln!("updated {}", expected_path.display());
        return true;
    }
    eprintln!("=== fixture {name} ===\n--- input ---\n{input}\n--- expected ---\n{expected}\n--- got ---\n{got}");
    false
}

/// The invariants every thread keeps, whatever the input.
fn assert_invariants(name: &str, input: &str, thread: &Thread) {
    let mut at = 0usize;
    for part in &thread.parts {
        assert_eq!(part.span.start as usize, at, "{name}: parts leave a gap or overlap at byte {at}");
        assert!(part.span.end > part.span.start, "{name}: empty part at {at}");
        assert!(input.is_char_boundary(part.span.start as usize), "{name}: part starts inside a character");
        let is_comment_part = matches!(part.kind, PartKind::CommentHeader | PartKind::CommentBody);
        assert_eq!(is_comment_part, part.comment.is_some(), "{name}: part {part:?} and its comment disagree");
        at = part.span.end as usize;
    }
    assert_eq!(at, input.len(), "{name}: parts do not reach the end of the input");
    for c in &thread.comments {
        if let Some(p) = c.parent {
            assert!(p < c.id, "{name}: comment {} has a later parent {p}", c.id);
            assert_eq!(thread.comments[p].depth + 1, c.depth, "{name}: depth of {}", c.id);
        } else {
            assert_eq!(c.depth, 1, "{name}: top-level comment {} has depth {}", c.id, c.depth);
        }
        assert!(c.span.start <= c.body_span.start && c.body_span.end <= c.span.end, "{name}: body outside comment {}", c.id);
        assert!(c.span.end as usize <= input.len());
        for h in &c.headers {
            assert!(c.span.start <= h.start && h.end <= c.span.end, "{name}: header outside comment {}", c.id);
        }
    }
    // Every part that names a comment lies inside that comment's span.
    for part in &thread.parts {
        if let Some(id) = part.comment {
            let c = &thread.comments[id as usize];
            assert!(c.span.start <= part.span.start && part.span.end >= c.span.start, "{name}: part {part:?} outside comment {id}");
        }
    }
}

#[test]
fn fixtures() {
    let mut names: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 20, "expected at least 20 fixtures, found {}", names.len());
    let mut failed = Vec::new();
    for path in &names {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let input = std::fs::read_to_string(path).expect("fixture is UTF-8");
        assert_invariants(&name, &input, &parse(&input));
        if !check(&name, &input, &path.with_extension("outline")) {
            failed.push(name);
        }
    }
    assert!(failed.is_empty(), "fixtures that differ: {failed:?}");
}

/// The seed page parses exactly as the issue states, beyond its outline.
#[test]
fn seed_exactly() {
    let input = std::fs::read_to_string(fixtures_dir().join("seed.txt")).unwrap();
    let t = parse(&input);
    let authors: Vec<Option<&str>> = t.comments.iter().map(|c| c.author.as_deref()).collect();
    assert_eq!(authors, seed::AUTHORS);
    let parents: Vec<Option<usize>> = t.comments.iter().map(|c| c.parent).collect();
    assert_eq!(parents, seed::PARENTS);
    let numbers: Vec<Option<u32>> = t.comments.iter().map(|c| c.number).collect();
    assert_eq!(numbers, seed::NUMBERS);
    assert_eq!(t.declared_count, Some(seed::DECLARED_COUNT));
    assert_eq!(t.title.as_deref(), input.lines().next());
}

/// Every text of the shared corpus keeps the invariants (the corpus sits beside the checkout).
#[test]
fn corpus_invariants() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(kinds) = std::fs::read_dir(&root) else {
        eprintln!("no corpus at {}: skipped", root.display());
        return;
    };
    let mut checked = 0;
    for kind in kinds.flatten().filter(|e| e.path().is_dir()) {
        for thread in std::fs::read_dir(kind.path()).into_iter().flatten().flatten() {
            for file in std::fs::read_dir(thread.path()).into_iter().flatten().flatten() {
                let path = file.path();
                if path.extension().is_some_and(|e| e == "txt") {
                    let bytes = std::fs::read(&path).unwrap();
                    let input = String::from_utf8_lossy(&bytes);
                    assert_invariants(&path.display().to_string(), &input, &parse(&input));
                    checked += 1;
                }
            }
        }
    }
    eprintln!("corpus invariants held on {checked} texts");
}

/// A reply chain 100,000 levels deep parses and prints without overflowing the stack.
#[test]
fn deep_reply_chain() {
    let depth = 100_000;
    // Indentation would make the text quadratic in the depth; "@NAME" cues
    // nest just as deep in linear text.
    let mut input = String::from("Deep\n\n100000 Responses to Deep\n\n");
    for level in 0..depth {
        input.push_str(&format!("user{level} says:\n"));
        if level > 0 {
            input.push_str(&format!("@user{} ", level - 1));
        }
        input.push_str(&format!("reply number {level}\n\n"));
    }
    let t = parse(&input);
    assert_eq!(t.comments.len(), depth);
    assert_eq!(t.comments[depth - 1].depth as usize, depth);
    assert_invariants("deep", &input, &t);
    let json = rethread::outline::to_json(&t);
    assert!(json.ends_with("]}]}]}]}]}"));
}
