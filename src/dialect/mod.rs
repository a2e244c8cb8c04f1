//! Dialects: one module per kind of discussion, and the choice between them.
//!
//! A dialect takes the scanned lines of a text and returns a whole
//! [`Thread`]. Adding a dialect (Hacker News, Reddit, a forum, a mailing
//! list) is one more module here, one more [`Dialect`] variant, and one more
//! arm in [`parse_lines`]'s detection; the others stay untouched.

pub mod blog;

use crate::lines::Line;
use crate::model::{Dialect, Thread};

/// Picks the dialect that fits the text. Only the blog dialect exists yet,
/// so every text is read as a blog page.
pub fn detect(_src: &str, _lines: &[Line]) -> Dialect {
    Dialect::Blog
}

/// Parses scanned lines with the dialect [`detect`] chooses.
/// The dialect takes the lines so that it can free them once it no longer
/// needs them.
pub fn parse_lines(src: &str, lines: Vec<Line>) -> Thread {
    match detect(src, &lines) {
        Dialect::Blog => blog::parse(src, lines),
    }
}
