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

/// Pieces of the shapes the parser reads (markers, says-lines, dates, count
/// headings, links, notices) and of the bytes that trip scanners (line ends
/// of every kind, Unicode spaces, combining and direction marks, NUL, a
/// byte-order mark), spliced into texts by [`mutated`].
const MUTATION_PIECES: &[&str] = &[
    "   1. ",
    "\t",
    "\r",
    "\r\n",
    "\n",
    "\n\n",
    "\u{a0}",
    "\u{3000}",
    "\u{2028}",
    "\u{301}",
    "\u{200f}",
    "\u{feff}",
    "\0",
    "😀",
    " says:",
    "sagt:",
    "Reply",
    "ReplyDelete",
    "Delete",
    "Pingback:",
    "Leave a Reply",
    "[",
    "](",
    "](http://x",
    "![](",
    ")",
    "* ",
    "  o ",
    "• ",
    "> ",
    "## ",
    "**",
    "__",
    "\\",
    "|",
    ":",
    "@Ann ",
    "Posted by: ",
    "By ",
    "on ",
    "12",
    "January 28, 2014 at 1:00 am",
    "22. Dezember 2019 um 11:16 Uhr",
    "12 days ago",
    "15 Responses to “",
    "Comments (3)",
    "-----",
    "    ",
];

/// `text` changed a few times at random: cut short or to a slice, pieces
/// of [`MUTATION_PIECES`] or of another text spliced in, every line end
/// made `\r` or `\r\n`, lines indented at random or swapped, a stretch's
/// lines run together, or the whole repeated.
fn mutated(rng: &mut rethread::generate::XorShift, text: &str, others: &[String]) -> String {
    // A random character boundary of `s`.
    fn boundary(rng: &mut rethread::generate::XorShift, s: &str) -> usize {
        let mut i = rng.below(s.len() + 1);
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
    fn range(rng: &mut rethread::generate::XorShift, s: &str) -> std::ops::Range<usize> {
        let (a, b) = (boundary(rng, s), boundary(rng, s));
        a.min(b)..a.max(b)
    }
    let mut s = text.to_string();
    for _ in 0..rng.between(1, 6) {
        match rng.below(10) {
            0 => s.truncate(boundary(rng, &s)),
            1 => s = s[range(rng, &s)].to_string(),
            2 | 3 => {
                for _ in 0..rng.between(1, 20) {
                    let at = boundary(rng, &s);
                    s.insert_str(at, MUTATION_PIECES[rng.below(MUTATION_PIECES.len())]);
                }
            }
            4 => {
                let other = &others[rng.below(others.len())];
                let at = boundary(rng, &s);
                s.insert_str(at, &other[range(rng, other)]);
            }
            5 => s = s.replace('\n', if rng.chance(50) { "\r" } else { "\r\n" }),
            6 => {
                let mut out = String::with_capacity(s.len() * 2);
                for line in s.split('\n') {
                    for _ in 0..rng.below(4) * rng.below(30) {
                        out.push(if rng.chance(30) { '\t' } else { ' ' });
                    }
                    out.push_str(line);
                    out.push('\n');
                }
                s = out;
            }
            7 => {
                let mut lines: Vec<&str> = s.split('\n').collect();
                for _ in 0..rng.below(20) {
                    let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                    lines.swap(a, b);
                }
                s = lines.join("\n");
            }
            8 => {
                let stretch = range(rng, &s);
                let joined = s[stretch.clone()].replace('\n', " ");
                s.replace_range(stretch, &joined);
            }
            _ => s = s.repeat(rng.between(2, 4)),
        }
    }
    s
}

/// Any text keeps the invariants and prints in every format without a
/// panic: thousands of fixture and corpus texts mutated at random (see
/// [`mutated`]; a fixed seed, so a failure comes back on every run), and a
/// few long ones, so that the two-thread paths meet broken text too. A
/// failing input is written to `target/mutation-failure.txt`.
#[test]
fn mutated_texts_keep_the_invariants() {
    const MUTATIONS: usize = 2000;
    const LONG_MUTATIONS: usize = 8;
    let mut texts = Vec::new();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev");
    for dir in [fixtures_dir()].into_iter().chain(std::fs::read_dir(&corpus).into_iter().flatten().flatten().map(|e| e.path())) {
        for file in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            if file.path().extension().is_some_and(|e| e == "txt") {
                texts.push(String::from_utf8_lossy(&std::fs::read(file.path()).unwrap()).into_owned());
            }
        }
    }
    let mut rng = rethread::generate::XorShift::new(0x5eed);
    for round in 0..MUTATIONS + LONG_MUTATIONS {
        let text = if round < MUTATIONS {
            texts[rng.below(texts.len())].clone()
        } else {
            // Past `par::MIN_PARALLEL_BYTES`, so that the parse splits its work.
            let mut long = String::new();
            while long.len() < 2 * rethread::par::MIN_PARALLEL_BYTES {
                long.push_str(&texts[rng.below(texts.len())]);
            }
            long
        };
        let input = mutated(&mut rng, &text, &texts);
        let name = format!("mutation {round}");
        let checked = std::panic::catch_unwind(|| {
            let thread = parse(&input);
            assert_invariants(&name, &input, &thread);
            // Printed in every format (a panic there fails too); the JSON is one object.
            assert!(rethread::outline::to_json(&thread).starts_with('{'), "{name}: JSON is no object");
            let (outline, spans) = (rethread::outline::to_outline(&thread), rethread::outline::to_spans(&thread));
            assert_eq!(spans.lines().count(), thread.parts.len(), "{name}: a spans line per part");
            assert!(outline.starts_with("title: "), "{name}: the outline opens with its title");
        });
        if let Err(panic) = checked {
            // The failing input, kept for a look and a fixture.
            let failure = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/mutation-failure.txt");
            match std::fs::write(&failure, &input) {
                Ok(()) => eprintln!("{name}: its input is in {}", failure.display()),
                Err(e) => eprintln!("{name}: its input could not be kept in {}: {e}", failure.display()),
            }
            std::panic::resume_unwind(panic);
        }
    }
}
