//! Inline Markdown that text dumps leave in a line, and the text a reader sees.
//!
//! html2text writes links as `[text](url)`, images as `![alt](url)` and bold
//! as `**text**`. Header scanners must see `Ann says:` in
//! `![](avatar.png) [Ann](http://ann.example) says:`, and a comment's body
//! should read as the page did. [`visible`] gives that text together with a
//! map back to the source bytes, so that what a scanner finds in the visible
//! text still has its span in the input.

/// A Markdown link or image at the start of a string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    /// Bytes the whole construct takes, from `[` (or `![`) to the closing `)`.
    pub len: usize,
    /// The byte range of its text (between the brackets).
    pub text: (usize, usize),
    /// True for an image (`![alt](url)`), whose text is not shown.
    pub image: bool,
}

/// Scans `[text](destination)` or `![alt](destination)` at the start of `s`.
/// The destination may hold balanced parentheses and line breaks (html2text
/// wraps long URLs); the text may not hold brackets of its own, except for
/// an image inside a link text, which callers meet as a separate link.
pub fn scan_link(s: &str) -> Option<Link> {
    let bytes = s.as_bytes();
    let image = bytes.first() == Some(&b'!');
    let open = usize::from(image);
    if bytes.get(open) != Some(&b'[') {
        return None;
    }
    let text_start = open + 1;
    let mut close = text_start;
    loop {
        match bytes.get(close)? {
            b']' => break,
            b'!' if !image && bytes.get(close + 1) == Some(&b'[') => {
                // An image inside a link's text: `[![](a.png) Ann](url)`.
                close += scan_link(&s[close..]).filter(|l| l.image)?.len;
            }
            b'[' => return None,
            _ => close += 1,
        }
    }
    if bytes.get(close + 1) != Some(&b'(') {
        return None;
    }
    let mut depth = 1u32;
    let mut i = close + 2;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(Link { len: i + 1, text: (text_start, close), image });
                }
            }
            // A link title ("url \"Ann's site\"") may hold spaces and
            // parentheses: it runs to its closing quote, which the `)` follows.
            b' ' if depth == 1 && bytes.get(i + 1) == Some(&b'"') => {
                let end = i + 2 + memchr::memchr(b'"', &bytes[i + 2..])?;
                if bytes.get(end + 1) != Some(&b')') {
                    return None;
                }
                i = end;
            }
            b' ' if depth == 1 => return None,
            // Where another link's "](" comes, this destination has run
            // into it: no address holds those two bytes together. Ending
            // here keeps every scan short of the next link's destination,
            // so a line holds each byte in at most one destination scan:
            // "[a](" a million times over once took minutes, each scan
            // running to the line's end.
            b']' if bytes.get(i + 1) == Some(&b'(') => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

/// The visible text of a line and where each of its bytes came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Visible {
    /// The text with link syntax, images and bold markers removed.
    pub text: String,
    /// For each byte of `text`, plus one past its end, the offset in the source.
    pub map: Vec<usize>,
}

impl Visible {
    /// The source range of the visible range `start..end`.
    pub fn source_range(&self, start: usize, end: usize) -> (usize, usize) {
        if end <= start {
            return (self.map[start], self.map[start]);
        }
        // The end maps through the last byte taken, so that text after it
        // ("](url)") is not swallowed into the range.
        let last = end - 1;
        (self.map[start], self.map[last] + 1)
    }
}

/// True when `s` may hold inline Markdown that [`visible`] would change.
pub fn has_markup(s: &str) -> bool {
    // Every form needs one of these bytes: one pass over the line rules out most lines.
    may_hold_markup_bytes(s.as_bytes())
        && (s.contains("](") || s.contains("**") || s.starts_with('_') || s.contains(" _") || s.contains('\\'))
}

/// False when `bytes` holds none of `]` `*` `_` `\\`, which every inline form
/// needs. Read eight bytes at a time (lines are short, and one pass is
/// cheaper than a search per byte); `^` also passes, as it shares the test.
fn may_hold_markup_bytes(bytes: &[u8]) -> bool {
    let hit = |x: u64| markup_bytes(x) != 0;
    let mut chunks = bytes.chunks_exact(8);
    // The bytes after the last whole chunk: the line's last eight bytes,
    // read with one load (bytes read twice change no answer), or for a line
    // shorter than eight, its bytes above zero bytes (no zero byte hits).
    let tail = match bytes.len().checked_sub(8) {
        _ if chunks.remainder().is_empty() => 0,
        Some(from) => u64::from_le_bytes(bytes[from..].try_into().expect("8 bytes")),
        None => bytes.iter().rev().fold(0u64, |x, &b| x << 8 | u64::from(b)),
    };
    chunks.any(|chunk| hit(u64::from_le_bytes(chunk.try_into().expect("8 bytes")))) || hit(tail)
}

/// The high bit of each of the eight bytes of `x` that is `\\` `]` `^` `_`
/// or `*`: the bytes inline markup needs (with `^`, which shares the test:
/// `b & 0xFC == 0x5C` holds for the first four). Exact for any bytes, ASCII
/// or not, so the line gate, the one-line test of authors and dates and
/// [`has_markup`] all read markup bytes through it.
#[inline(always)]
pub(crate) fn markup_bytes(x: u64) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Per byte, bit 7 of `(y & 0x7F) + 0x7F | y` is set exactly when `y` is
    // not zero.
    let zero = |y: u64| !(((y & LOW7) + LOW7) | y) & !LOW7;
    zero((x & (ONES * 0xFC)) ^ (ONES * 0x5C)) | zero(x ^ (ONES * u64::from(b'*')))
}

/// A search for the bytes that every inline form but a link or image needs
/// (`*` `_` `\\`) over a stretch of text many lines long: a comment's body
/// in the input. Built once to read many bodies: where the CPU has AVX2,
/// its searcher is set up once rather than at every call.
pub struct MarkupSearch {
    marks: crate::lines::ThreeByteSearch,
}

impl Default for MarkupSearch {
    fn default() -> MarkupSearch {
        MarkupSearch::new()
    }
}

impl MarkupSearch {
    /// The search, with the CPU's best routine.
    pub fn new() -> MarkupSearch {
        MarkupSearch { marks: crate::lines::ThreeByteSearch::new(b'*', b'_', b'\\') }
    }

    /// False when `bytes` holds none of `*` `_` `\\`. Then [`visible`]
    /// keeps every piece of it that holds no `[` and no line break as it is:
    /// it changes only links and images (which open with `[`), escapes,
    /// `**` and emphasis `_`, and turns line breaks into spaces.
    pub fn may_hold_markup_besides_links(&self, bytes: &[u8]) -> bool {
        self.marks.find(bytes).is_some()
    }
}

/// The text a reader sees in `s`: links become their text, images vanish,
/// `**` bold markers go. Returns `None` when `s` holds no such markup, so
/// that ordinary lines cost one search and no allocation.
pub fn visible(s: &str) -> Option<Visible> {
    if !has_markup(s) {
        return None;
    }
    let mut text = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len() + 1);
    let mut at = 0;
    while at < s.len() {
        let rest = &s[at..];
        if let Some(link) = scan_link(rest) {
            if !link.image {
                // Re-scan the link text for images and bold inside it.
                let inner = &rest[link.text.0..link.text.1];
                if let Some(v) = visible(inner) {
                    for (i, c) in v.text.char_indices() {
                        push_char(&mut text, &mut map, c, at + link.text.0 + v.map[i]);
                    }
                } else {
                    for (i, c) in inner.char_indices() {
                        push_char(&mut text, &mut map, c, at + link.text.0 + i);
                    }
                }
            }
            at += link.len;
            continue;
        }
        if let Some(escaped) = rest.strip_prefix('\\').and_then(|r| r.chars().next()).filter(char::is_ascii_punctuation) {
            // A Markdown escape ("6\. Juni", "\(Maine\)"): the character alone.
            push_char(&mut text, &mut map, escaped, at + 1);
            at += 2;
            continue;
        }
        if rest.starts_with("**") {
            at += 2;
            continue;
        }
        // "__" opening a word is bold's other marker, or what html2text
        // leaves of an empty icon element ("__Kommentare 4"): both go.
        if rest.starts_with("__") && rest[2..].starts_with(char::is_alphanumeric) && is_emphasis_underscore(s, at) {
            at += 2;
            continue;
        }
        if rest.starts_with('_') && is_emphasis_underscore(s, at) {
            at += 1;
            continue;
        }
        let c = rest.chars().next().expect("at < len");
        push_char(&mut text, &mut map, c, at);
        at += c.len_utf8();
    }
    map.push(s.len());
    Some(Visible { text, map })
}

/// True when the `_` at `at` opens or closes emphasis (`_on May 2_`): it
/// touches a space or the line's edge on one side and text on the other,
/// unlike the underscores inside `snake_case` words.
fn is_emphasis_underscore(s: &str, at: usize) -> bool {
    let before = s[..at].chars().next_back();
    let after = s[at + 1..].chars().next();
    let edge = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | '!'));
    edge(before) != edge(after)
}

/// Appends `c`, recording `source` as the origin of each of its bytes.
fn push_char(text: &mut String, map: &mut Vec<usize>, c: char, source: usize) {
    // A line break inside a wrapped link reads as a space.
    let c = if matches!(c, '\n' | '\r') { ' ' } else { c };
    text.push(c);
    for k in 0..c.len_utf8() {
        map.push(source + k);
    }
}

/// The visible text of `s` as an owned string (the input itself when it
/// holds no markup).
pub fn visible_text(s: &str) -> std::borrow::Cow<'_, str> {
    match visible(s) {
        Some(v) => std::borrow::Cow::Owned(v.text),
        None => std::borrow::Cow::Borrowed(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_titles_may_hold_spaces() {
        let s = "[SciBlogs](/ \"Return to the (main) homepage\") and on";
        let link = scan_link(s).unwrap();
        assert_eq!(&s[..link.len], "[SciBlogs](/ \"Return to the (main) homepage\")");
        assert_eq!(visible_text(s), "SciBlogs and on");
        assert!(scan_link("[a](http://x \"unclosed title)").is_none());
        assert!(scan_link("[a](http://x two words)").is_none());
    }

    #[test]
    fn links_become_their_text() {
        let v = visible("Posted by: [Ann Lee](http://ann.example \"title\") | [May 20, 2012](http://x/#c)").unwrap();
        assert_eq!(v.text, "Posted by: Ann Lee | May 20, 2012");
        let s = "Posted by: [Ann Lee](http://ann.example \"title\") | [May 20, 2012](http://x/#c)";
        let at = v.text.find("Ann").unwrap();
        let (a, b) = v.source_range(at, at + "Ann Lee".len());
        assert_eq!(&s[a..b], "Ann Lee");
    }

    #[test]
    fn images_vanish_and_bold_goes() {
        let v = visible("![](http://g/avatar?s=48) [Becky](http://b.example) says:").unwrap();
        assert_eq!(v.text, " Becky says:");
        assert_eq!(visible_text("**717 Responses to \"X\"**"), "717 Responses to \"X\"");
        // An empty icon element's "__" before a tab label goes; the
        // underscores inside a word stay.
        assert_eq!(visible_text("__Kommentare 4"), "Kommentare 4");
        assert_eq!(visible_text("Pingbacks __0 snake__case"), "Pingbacks 0 snake__case");
    }

    #[test]
    fn wrapped_destinations_and_images_inside_links() {
        assert_eq!(visible_text("[ Nov 12, 2012](http://a.example/its-\ngiveaway/#c-1)"), " Nov 12, 2012");
        assert_eq!(visible_text("[![](a.png) Ann](http://a)"), " Ann");
    }

    #[test]
    fn plain_brackets_stay() {
        assert!(visible("[IMG] Ann says:").is_none());
        assert_eq!(visible_text("a [b] (c) d](e f"), "a [b] (c) d](e f");
        assert_eq!(scan_link("[a](b"), None);
    }

    #[test]
    fn a_destination_ends_where_another_link_begins() {
        // The first link is never closed: its destination runs into the
        // second link, which stands alone.
        assert_eq!(scan_link("[a](b [c](d)"), None);
        assert_eq!(scan_link("[a](b(c[d](e)"), None);
        assert_eq!(visible_text("[a](b(c[d](e)"), "[a](b(cd");
        // Brackets and parentheses apart stay in an address.
        assert_eq!(visible_text("[a](http://x/?q=[1]&r=(2))"), "a");
    }

    #[test]
    fn the_markup_search_finds_every_markup_byte_but_brackets() {
        let search = MarkupSearch::new();
        let long = "plain words over many lines\n".repeat(9);
        for at in [0, 1, 31, 32, 63, 64, 100, long.len() - 1] {
            for mark in [b'*', b'_', b'\\'] {
                let mut bytes = long.clone().into_bytes();
                bytes[at] = mark;
                assert!(search.may_hold_markup_besides_links(&bytes), "{:?} at {at}", mark as char);
                assert!(search.may_hold_markup_besides_links(&bytes[at..=at]));
            }
        }
        // What it passes, `visible` keeps, where no `[` opens a link.
        for s in ["", "a", "a)(b ^ ( ) ! # - + ] x](y) ](", long.as_str()] {
            assert!(!search.may_hold_markup_besides_links(s.as_bytes()), "{s:?}");
            for line in s.lines() {
                assert_eq!(visible_text(line), line);
            }
        }
    }

    #[test]
    fn markup_bytes_anywhere_are_seen() {
        for s in
            ["a]", "0123456789*", "abcdefgh_ij", "x\\", "]", "^", "abcdefg*", "abcdefghijklmno]", "abcdefghi]", "]bcdefghij", "abcdef*"]
        {
            assert!(may_hold_markup_bytes(s.as_bytes()), "{s:?}");
        }
        for s in ["", "plain text, no marks at all.", "a[b)(c", "{}", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmno"] {
            assert!(!may_hold_markup_bytes(s.as_bytes()), "{s:?}");
        }
    }
}
