//! Dialects: one module per kind of discussion, and the choice between them.
//!
//! A dialect takes the text and returns a whole [`Thread`]; it scans the
//! lines itself ([`crate::lines::scan_then`]), so that it can read each
//! line as soon as the scan has measured it, and free the lines once it no
//! longer needs them. Adding a dialect (Hacker News, Reddit, a forum, a
//! mailing list) is one more module here, one more [`Dialect`] variant,
//! and one more arm in [`parse`]'s detection; the others stay untouched.

pub mod blog;

use crate::model::{Dialect, Thread};

/// Picks the dialect that fits the text, from the text itself, before its
/// lines are measured. Only the blog dialect exists yet, so every text is
/// read as a blog page.
pub fn detect(_src: &str) -> Dialect {
    Dialect::Blog
}

/// Parses a text with the dialect [`detect`] chooses.
pub fn parse(src: &str) -> Thread {
    match detect(src) {
        Dialect::Blog => blog::parse(src),
    }
}
