//! The page's boundary: the only file that knows wasm-bindgen.
//!
//! The browser calls [`parse`] and [`author_color`] (exported to JavaScript
//! as `parse` and `authorColor`). Results cross as plain JavaScript objects
//! made by serde-wasm-bindgen, with `null` (never `undefined`) for every
//! missing value. Spans are UTF-16 code unit offsets, so that the page can
//! `slice` the string it passed in; the core's byte offsets are converted in
//! one linear pass over the text. The TypeScript types of the results are
//! written by hand below and land in the generated `rethread.d.ts`.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::color::{self, AuthorColor};
use crate::{body, Thread};

#[wasm_bindgen(typescript_custom_section)]
const TYPESCRIPT_TYPES: &str = r#"
/** An author's colour: CSS hex colours with text contrast >= 4.5:1 on the light (#ffffff) and dark (#121212) page background. */
export interface AuthorColor { light: string; dark: string; }
/** One comment of the thread. */
export interface CommentView {
  /** Index in `comments`. */
  id: number;
  /** Index of the parent comment, always < id; null at top level. */
  parent: number | null;
  /** 1 = top level. */
  depth: number;
  /** The number visible on the page. */
  number: number | null;
  /** null = anonymous. */
  author: string | null;
  date: string | null;
  /** Plain text, paragraphs separated by "\n\n". */
  body: string;
  /** The body as safe HTML: escaped by Rust's one audited function, paragraphs as <p>, http/https/mailto URLs as <a rel="nofollow noopener noreferrer">. */
  bodyHtml: string;
  /** null for anonymous. */
  color: AuthorColor | null;
  /** UTF-16 offsets [start, end) into the pasted string. */
  span: [number, number];
  /** Number of descendants (all levels). */
  replyCount: number;
}
/** Something the parser noticed but could not settle. */
export interface DiagnosticView { span: [number, number]; message: string; }
/** The parsed thread. */
export interface ThreadView {
  title: string | null;
  article: string | null;
  declaredCount: number | null;
  /** "blog" */
  dialect: string;
  /** Flat, in document order; parents come first. */
  comments: CommentView[];
  diagnostics: DiagnosticView[];
}
"#;

/// One comment as the page receives it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CommentView<'a> {
    id: usize,
    parent: Option<usize>,
    depth: u32,
    number: Option<u32>,
    author: Option<&'a str>,
    date: Option<&'a str>,
    body: &'a str,
    body_html: String,
    color: Option<AuthorColor>,
    span: [usize; 2],
    reply_count: usize,
}

/// One diagnostic as the page receives it.
#[derive(Serialize)]
struct DiagnosticView<'a> {
    span: [usize; 2],
    message: &'a str,
}

/// The thread as the page receives it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ThreadView<'a> {
    title: Option<&'a str>,
    article: Option<&'a str>,
    declared_count: Option<u32>,
    dialect: &'static str,
    comments: Vec<CommentView<'a>>,
    diagnostics: Vec<DiagnosticView<'a>>,
}

/// Parses the text of a discussion (exported as `parse`). Parsing itself
/// never fails; the call throws only if the result could not be turned into
/// JavaScript objects. A panic, which would be a bug, is reported on the
/// console by the panic hook and surfaces in JavaScript as a `RuntimeError`.
#[wasm_bindgen(js_name = parse, unchecked_return_type = "ThreadView")]
pub fn parse(text: &str) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    let thread = crate::parse(text);
    to_js(&thread_view(text, &thread))
}

/// The colours of an author's name (exported as `authorColor`), the same as
/// the comments of that author carry.
#[wasm_bindgen(js_name = authorColor, unchecked_return_type = "AuthorColor")]
pub fn author_color(name: &str) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    to_js(&color::author_color(name))
}

/// Converts a result to a JavaScript value with `null` for missing values.
/// Plain structs of strings and numbers always convert; should one ever
/// fail, the caller gets an exception it can show, not a half-built value.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true);
    value.serialize(&serializer).map_err(JsValue::from)
}

/// Builds the page's view of `thread`, parsed from `text`.
fn thread_view<'a>(text: &str, thread: &'a Thread) -> ThreadView<'a> {
    let offsets = Utf16Offsets::new(
        text,
        thread
            .comments
            .iter()
            .flat_map(|c| [c.span.start as usize, c.span.end as usize])
            .chain(thread.diagnostics.iter().flat_map(|d| [d.span.start as usize, d.span.end as usize])),
    );
    let reply_counts = reply_counts(thread);
    let comments = thread
        .comments
        .iter()
        .zip(reply_counts)
        .map(|(comment, reply_count)| CommentView {
            id: comment.id,
            parent: comment.parent,
            depth: comment.depth,
            number: comment.number,
            author: comment.author.as_deref(),
            date: comment.date.as_deref(),
            body: &comment.body,
            body_html: body::body_to_html(&comment.body),
            color: comment.author.as_deref().map(color::author_color),
            span: [offsets.get(comment.span.start as usize), offsets.get(comment.span.end as usize)],
            reply_count,
        })
        .collect();
    let diagnostics = thread
        .diagnostics
        .iter()
        .map(|d| DiagnosticView { span: [offsets.get(d.span.start as usize), offsets.get(d.span.end as usize)], message: &d.message })
        .collect();
    ThreadView {
        title: thread.title.as_deref(),
        article: thread.article.as_deref(),
        declared_count: thread.declared_count,
        dialect: thread.dialect.name(),
        comments,
        diagnostics,
    }
}

/// The number of descendants of every comment. Parents come before their
/// replies, so one backward pass adds each comment's subtree to its parent.
fn reply_counts(thread: &Thread) -> Vec<usize> {
    let mut counts = vec![0usize; thread.comments.len()];
    for (i, comment) in thread.comments.iter().enumerate().rev() {
        if let Some(parent) = comment.parent.filter(|&p| p < i) {
            counts[parent] += counts[i] + 1;
        }
    }
    counts
}

/// A table from byte offsets to UTF-16 offsets for a chosen set of offsets,
/// built in one pass over the text (plus sorting the offsets), so that even
/// a 100 MB thread converts in linear time.
struct Utf16Offsets {
    /// Sorted, distinct byte offsets with their UTF-16 offsets.
    table: Vec<(usize, usize)>,
}

impl Utf16Offsets {
    /// Converts every offset in `byte_offsets` (char boundaries of `text`).
    fn new(text: &str, byte_offsets: impl Iterator<Item = usize>) -> Utf16Offsets {
        let mut sorted: Vec<usize> = byte_offsets.map(|o| o.min(text.len())).collect();
        sorted.sort_unstable();
        sorted.dedup();
        let bytes = text.as_bytes();
        let mut table = Vec::with_capacity(sorted.len());
        let (mut byte, mut utf16) = (0, 0);
        for offset in sorted {
            utf16 += utf16_len(&bytes[byte..offset]);
            byte = offset;
            table.push((offset, utf16));
        }
        Utf16Offsets { table }
    }

    /// The UTF-16 offset of a byte offset given to [`Utf16Offsets::new`].
    fn get(&self, byte_offset: usize) -> usize {
        match self.table.binary_search_by_key(&byte_offset, |&(byte, _)| byte) {
            Ok(i) => self.table[i].1,
            // Unreachable for offsets passed to `new`; the nearest lower entry is the best answer.
            Err(i) => i.checked_sub(1).map_or(0, |i| self.table[i].1),
        }
    }
}

/// The UTF-16 length of valid UTF-8 bytes (whole characters): one unit per
/// character, two for characters outside the Basic Multilingual Plane.
/// Every byte that is not a continuation byte starts a character, and the
/// lead bytes of four-byte sequences (0xF0 and up) start the two-unit ones.
fn utf16_len(bytes: &[u8]) -> usize {
    bytes.iter().map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0)).sum()
}
