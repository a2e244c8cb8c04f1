//! rethread rebuilds the reply tree of a web discussion from its plain text.
//!
//! People copy a blog post and its comment section (a browser's select-all,
//! or a text browser's dump) and lose who replied to whom. [`parse`] reads
//! such text and returns a [`Thread`]: title, article, declared comment count
//! and the comments with author, number, date, body and reply nesting.
//!
//! Parsing never fails and loses nothing: every byte of the input belongs to
//! exactly one [`Part`], and text the parser does not understand is kept as
//! such. The crate knows nothing of the web; `src/wasm.rs` is the only file
//! that does, and it is compiled for `wasm32` only.
//!
//! ```
//! let thread = rethread::parse("Title\n\n2 Responses to Title\n\n  1. Ann says:\n     Hi.\n  2. Bob says:\n     Yo.\n");
//! assert_eq!(thread.comments.len(), 2);
//! assert_eq!(thread.comments[1].author.as_deref(), Some("Bob"));
//! ```

pub mod binary;
pub mod body;
pub mod color;
pub mod dialect;
pub mod generate;
pub mod lexicon;
pub mod lines;
pub mod markup;
pub mod model;
pub mod outline;
pub mod pages;
pub mod par;
pub mod scan;
pub mod tree;

/// The page's boundary: the functions the browser calls (wasm32 only).
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use model::{Comment, Diagnostic, Dialect, HeaderSpans, Part, PartKind, ShortText, Span, Thread};

/// Parses the text of a discussion into a thread. Never fails: text it cannot
/// place stays in the thread's parts as preamble, between or trailer text.
pub fn parse(src: &str) -> Thread {
    if u32::try_from(src.len()).is_err() {
        return unparsed(src);
    }
    dialect::parse(src)
}

/// The thread of a text too large to measure (over 4 GiB): kept whole as
/// one preamble part, with a diagnostic saying why.
fn unparsed(src: &str) -> Thread {
    // Spans hold u32 offsets: the whole text is as much of it as they reach.
    let whole = Span { start: 0, end: u32::try_from(src.len()).unwrap_or(u32::MAX) };
    Thread {
        title: None,
        article: None,
        declared_count: None,
        dialect: Dialect::Blog,
        comments: Vec::new(),
        parts: vec![Part { kind: PartKind::Preamble, span: whole, comment: None }],
        diagnostics: vec![Diagnostic {
            span: whole,
            message: "the text is larger than 4 GiB; it is kept whole and not parsed".to_string(),
        }],
    }
}

/// What the unit tests of several modules share.
#[cfg(test)]
pub(crate) mod testing {
    /// The text of every fixture, `tests/fixtures/*.txt`.
    pub fn fixture_texts() -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        std::fs::read_dir(dir)
            .expect("tests/fixtures exists")
            .map(|e| e.expect("readable entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .map(|p| std::fs::read_to_string(p).expect("fixtures are UTF-8"))
            .collect()
    }
}
