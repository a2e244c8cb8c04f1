//! The thread model: what a parse produces.
//!
//! A [`Thread`] keeps its comments as a flat list in document order with
//! parent indices, never as a nested tree, so that no code walking it needs
//! recursion over a depth that the input controls. Next to the comments it
//! keeps [`Part`]s: a partition of the input into labelled byte ranges that
//! covers every byte exactly once.

use serde::Serialize;

/// A half-open byte range `start..end` into the parsed text. Offsets are
/// `u32`, as the parser measures texts of at most 4 GiB
/// ([`crate::lines::MAX_INPUT`]): a thread of many comments holds several
/// spans per comment, and half the size is memory the CLI does not need.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Offset of the first byte.
    pub start: u32,
    /// Offset one past the last byte.
    pub end: u32,
}

impl Span {
    /// Builds a span from its two offsets, which must fit in a `u32`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end && u32::try_from(end).is_ok());
        Span { start: start as u32, end: end as u32 }
    }

    /// The span as a range of `usize` offsets, to slice the text with.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// Which kind of discussion the text was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    /// A blog post followed by its comment section (WordPress, Blogger, TypePad, …).
    Blog,
}

impl Dialect {
    /// The lowercase name used in JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Blog => "blog",
        }
    }
}

/// The label of one [`Part`] of the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    /// Page text before the title or the article: navigation, menus, banners.
    Preamble,
    /// The line that holds the thread's title.
    Title,
    /// The article (the post) between the title and the comment section.
    Article,
    /// The comment section's heading, such as "15 Responses to …".
    CommentsHeading,
    /// A line naming a comment's author, date or number.
    CommentHeader,
    /// A comment's own text.
    CommentBody,
    /// Page text between two comments that belongs to neither: "Reply", "Like", moderation notes.
    Between,
    /// Page text after the last comment: the comment form, sidebars, footers.
    Trailer,
}

impl PartKind {
    /// The snake_case name used by `--format spans`.
    pub fn name(self) -> &'static str {
        match self {
            PartKind::Preamble => "preamble",
            PartKind::Title => "title",
            PartKind::Article => "article",
            PartKind::CommentsHeading => "comments_heading",
            PartKind::CommentHeader => "comment_header",
            PartKind::CommentBody => "comment_body",
            PartKind::Between => "between",
            PartKind::Trailer => "trailer",
        }
    }
}

/// One labelled byte range of the input. The parts of a thread are in order,
/// touch each other and cover the whole input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Part {
    /// What this range of text is.
    pub kind: PartKind,
    /// Where it is.
    pub span: Span,
    /// The index of the comment it belongs to, for headers and bodies
    /// (`u32` like the offsets: a part takes 20 bytes, not 40).
    pub comment: Option<u32>,
}

/// One comment, as found in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Comment {
    /// Its index in [`Thread::comments`].
    pub id: usize,
    /// The index of the comment it replies to, always smaller than `id`.
    pub parent: Option<usize>,
    /// 1 for a top-level comment, one more per level of reply.
    pub depth: u32,
    /// The number the page shows for it (list numbering or printed), if any.
    pub number: Option<u32>,
    /// The author's name as written, or `None` when the text names nobody.
    pub author: Option<ShortText>,
    /// The date as written, if the text gives one.
    pub date: Option<ShortText>,
    /// The comment's text without its author, date and number lines;
    /// paragraphs separated by one blank line.
    pub body: String,
    /// The byte ranges of its header lines (author, date, number).
    pub headers: HeaderSpans,
    /// The byte range of its body text.
    pub body_span: Span,
    /// From the first byte of its first header or body to the last byte of its last one.
    pub span: Span,
}

/// A short text as a comment keeps its author's name and its date: held in
/// place when it fits in 30 bytes (nearly every name and date does), else
/// in a box. It derefs to `str`. A megabyte of text holds thousands of
/// comments, and each would otherwise cost two allocations more when the
/// thread is built and two frees when it is dropped. Not a small-string
/// crate: `smol_str` holds 23 bytes in place and `compact_str` 24 (12 on
/// `wasm32`), while a blog's dates run to 30 ("November 27, 2026 at 3:22
/// pm", "22. Dezember 2019 um 11:16 Uhr"); the type needs only a copy in,
/// a `str` out and no unsafe code.
#[derive(Clone)]
pub struct ShortText(TextStore);

/// Where [`ShortText`] keeps its bytes.
#[derive(Clone)]
enum TextStore {
    Inline { len: u8, bytes: [u8; ShortText::INLINE] },
    Boxed(Box<str>),
}

impl ShortText {
    /// How many bytes are held without an allocation (the type takes 32).
    const INLINE: usize = 30;

    /// A copy of `text`.
    pub fn new(text: &str) -> ShortText {
        if text.len() <= ShortText::INLINE {
            let mut bytes = [0; ShortText::INLINE];
            bytes[..text.len()].copy_from_slice(text.as_bytes());
            ShortText(TextStore::Inline { len: text.len() as u8, bytes })
        } else {
            ShortText(TextStore::Boxed(text.into()))
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // The bytes were copied whole from a `str`, so they are UTF-8.
            TextStore::Inline { len, bytes } => std::str::from_utf8(&bytes[..usize::from(*len)]).expect("the bytes of a str"),
            TextStore::Boxed(text) => text,
        }
    }
}

/// A string already built keeps its allocation when it does not fit in place.
impl From<String> for ShortText {
    fn from(text: String) -> ShortText {
        if text.len() <= ShortText::INLINE {
            ShortText::new(&text)
        } else {
            ShortText(TextStore::Boxed(text.into_boxed_str()))
        }
    }
}

impl From<&str> for ShortText {
    fn from(text: &str) -> ShortText {
        ShortText::new(text)
    }
}

impl std::ops::Deref for ShortText {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for ShortText {
    fn eq(&self, other: &ShortText) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for ShortText {}

impl PartialEq<str> for ShortText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ShortText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for ShortText {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl std::fmt::Debug for ShortText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for ShortText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Serialized as the string it holds.
impl Serialize for ShortText {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The byte ranges of a comment's header lines, in order: a list of
/// [`Span`]s (it derefs to `[Span]`) that holds up to three in place and
/// more in a vector. Nearly every comment has one to three header lines and
/// a megabyte of text holds thousands of comments, so this saves an
/// allocation per comment, both when the thread is built and when it is dropped.
#[derive(Clone, Debug, Default)]
pub struct HeaderSpans(SpanStore);

/// Where [`HeaderSpans`] keeps its spans.
#[derive(Clone, Debug)]
enum SpanStore {
    Inline { len: u8, spans: [Span; HeaderSpans::INLINE] },
    Heap(Vec<Span>),
}

impl Default for SpanStore {
    fn default() -> SpanStore {
        SpanStore::Inline { len: 0, spans: [Span::default(); HeaderSpans::INLINE] }
    }
}

impl HeaderSpans {
    /// How many spans are held without an allocation.
    const INLINE: usize = 3;

    /// An empty list.
    pub fn new() -> HeaderSpans {
        HeaderSpans::default()
    }

    /// Appends a span.
    pub fn push(&mut self, span: Span) {
        match &mut self.0 {
            SpanStore::Inline { len, spans } if usize::from(*len) < HeaderSpans::INLINE => {
                spans[usize::from(*len)] = span;
                *len += 1;
            }
            SpanStore::Inline { spans, .. } => {
                let mut heap = Vec::with_capacity(2 * HeaderSpans::INLINE);
                heap.extend_from_slice(spans);
                heap.push(span);
                self.0 = SpanStore::Heap(heap);
            }
            SpanStore::Heap(heap) => heap.push(span),
        }
    }
}

impl std::ops::Deref for HeaderSpans {
    type Target = [Span];

    fn deref(&self) -> &[Span] {
        match &self.0 {
            SpanStore::Inline { len, spans } => &spans[..usize::from(*len)],
            SpanStore::Heap(heap) => heap,
        }
    }
}

/// Two lists are equal when they hold the same spans, wherever they keep them.
impl PartialEq for HeaderSpans {
    fn eq(&self, other: &HeaderSpans) -> bool {
        **self == **other
    }
}

impl Eq for HeaderSpans {}

impl<'a> IntoIterator for &'a HeaderSpans {
    type Item = &'a Span;
    type IntoIter = std::slice::Iter<'a, Span>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl FromIterator<Span> for HeaderSpans {
    fn from_iter<I: IntoIterator<Item = Span>>(iter: I) -> HeaderSpans {
        let mut list = HeaderSpans::new();
        for span in iter {
            list.push(span);
        }
        list
    }
}

/// Serialized as the sequence of its spans, as a `Vec<Span>` would be.
impl Serialize for HeaderSpans {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// How sure the parser is of something it reports, or what it could not read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Where in the input it applies.
    pub span: Span,
    /// A sentence for a person.
    pub message: String,
}

/// The result of a parse: never an error, at worst a thread with no comments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Thread {
    /// The title of the post, if the text gives one.
    pub title: Option<String>,
    /// The article text between the title and the comment section, if any.
    pub article: Option<String>,
    /// The count the page declares ("15 Responses to …"), which may differ from what is present.
    pub declared_count: Option<u32>,
    /// Which dialect the text was read as.
    pub dialect: Dialect,
    /// Every comment in document order; parents come before their replies.
    pub comments: Vec<Comment>,
    /// The partition of the input into labelled ranges, in order.
    pub parts: Vec<Part>,
    /// What the parser noticed but could not settle.
    pub diagnostics: Vec<Diagnostic>,
}

/// A large thread frees its comments' texts on two threads, each half by
/// the thread that built it (see [`text_halves`]: the blog dialect's
/// `assemble` builds the first half of the texts on the calling thread and
/// the second on the helper): tens of thousands of bodies are freed one by one, and
/// each free reads allocator headers that have long left the cache, so
/// this drop took a tenth of a 10 MB parse's time on one thread. (Freed
/// last body first, a half's drop alone was faster still, but a parse
/// and its drop together were not.)
impl Drop for Thread {
    fn drop(&mut self) {
        // The parts cover the input, so the last one ends at its length.
        let input_len = self.parts.last().map_or(0, |part| part.span.end as usize);
        if !crate::par::worth_splitting(input_len) {
            return;
        }
        let (first, second) = text_halves(&mut self.comments);
        crate::par::join(true, || free_texts(first), || free_texts(second));
    }
}

/// The two halves of a thread's comments (or of the room they are built
/// in) whose texts are built on two threads (the blog dialect's
/// `assemble`) and freed on two threads (`Thread`'s `Drop`): the same
/// halves in both, so that each text is freed by the thread that
/// allocated it.
pub(crate) fn text_halves<T>(comments: &mut [T]) -> (&mut [T], &mut [T]) {
    let half = comments.len() / 2;
    comments.split_at_mut(half)
}

/// Frees the heap memory the comments hold (their texts, and the rare
/// names, dates and header lists too long to be held in place); the
/// comments stay, empty.
fn free_texts(comments: &mut [Comment]) {
    for k in 0..comments.len() {
        // Each free first reads the allocator's header before its block,
        // which was written when the body was built and has long left the
        // cache: asked for some bodies ahead, those reads overlap instead of
        // waiting in turn (a 10 MB thread's drop took half the time).
        if let Some(later) = comments.get(k + FREE_AHEAD).filter(|c| c.body.capacity() > 0) {
            prefetch(later.body.as_ptr().wrapping_sub(2 * std::mem::size_of::<usize>()));
        }
        let comment = &mut comments[k];
        comment.body = String::new();
        comment.author = None;
        comment.date = None;
        comment.headers = HeaderSpans::default();
    }
}

/// How many comments ahead [`free_texts`] asks for a body's allocator
/// header: far enough for a read from memory to arrive before its free.
const FREE_AHEAD: usize = 16;

/// Asks the CPU to bring the cache line holding `address` in for a read
/// soon. Only a hint: it reads nothing the program sees and never faults,
/// whatever the address.
#[inline(always)]
fn prefetch(address: *const u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: `prefetcht0` changes no memory and no register, and raises no
    // fault even for an address that is not mapped, so no address makes it
    // unsound; SSE, which it belongs to, is part of every x86_64 CPU.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(address.cast())
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = address;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_texts_hold_their_text_in_place_or_boxed() {
        for text in [
            "",
            "Ann",
            "January 27, 2014 at 8:34 am",
            "Zoë Ångström-Ødegård",
            "exactly thirty bytes, no more.",
            "thirty-one bytes, one too many.",
            "ein längerer Name, über dreißig Bytes",
        ] {
            let short = ShortText::new(text);
            assert_eq!(short.as_str(), text);
            assert_eq!(&*ShortText::from(text.to_string()), text);
            assert_eq!(matches!(short.0, TextStore::Inline { .. }), text.len() <= ShortText::INLINE);
            assert_eq!(short, ShortText::from(text.to_string()));
            assert_eq!(format!("{short}"), text);
            assert_eq!(format!("{short:?}"), format!("{text:?}"));
        }
        assert_eq!(std::mem::size_of::<ShortText>(), 32);
        assert_ne!(ShortText::new("Ann"), ShortText::new("Bob"));
    }

    #[test]
    fn freeing_the_texts_leaves_comments_that_hold_no_heap_memory() {
        let long = "a name far longer than thirty bytes, held in a box";
        let mut comment = Comment {
            id: 0,
            parent: None,
            depth: 1,
            number: Some(1),
            author: Some(ShortText::new(long)),
            date: Some(ShortText::new(long)),
            body: "Hello.".to_string(),
            headers: (0..5).map(|k| Span { start: k, end: k + 1 }).collect(),
            body_span: Span { start: 0, end: 6 },
            span: Span { start: 0, end: 6 },
        };
        assert!(matches!(comment.author.as_ref().map(|a| &a.0), Some(TextStore::Boxed(_))));
        free_texts(std::slice::from_mut(&mut comment));
        assert_eq!(comment.body.capacity(), 0);
        assert_eq!((comment.author, comment.date), (None, None));
        assert!(matches!(comment.headers.0, SpanStore::Inline { len: 0, .. }));
        assert_eq!((comment.number, comment.span), (Some(1), Span { start: 0, end: 6 }));
    }

    #[test]
    fn header_spans_hold_what_a_vec_holds_in_place_or_not() {
        for n in 0..8u32 {
            let spans: Vec<Span> = (0..n).map(|k| Span { start: 2 * k, end: 2 * k + 1 }).collect();
            let list: HeaderSpans = spans.iter().copied().collect();
            assert_eq!(&*list, &spans[..]);
            assert_eq!(list.iter().count(), spans.len());
            assert_eq!(matches!(list.0, SpanStore::Inline { .. }), spans.len() <= HeaderSpans::INLINE);
            // The same spans kept in a vector compare equal.
            assert_eq!(list, HeaderSpans(SpanStore::Heap(spans.clone())));
        }
        let one: HeaderSpans = [Span { start: 0, end: 1 }].into_iter().collect();
        assert_ne!(one, HeaderSpans::new());
    }
}
