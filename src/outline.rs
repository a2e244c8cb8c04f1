//! Text renderings of a parsed thread: the nested JSON tree, the outline
//! that fixtures compare, and the span listing.
//!
//! All three walk the flat comment list with explicit stacks, so a reply
//! chain of any depth prints without recursion.

use std::io;

use crate::model::Thread;

/// The children of each comment, in document order, plus the top-level list.
fn children(thread: &Thread) -> (Vec<usize>, Vec<Vec<usize>>) {
    let mut roots = Vec::new();
    let mut kids = vec![Vec::new(); thread.comments.len()];
    for c in &thread.comments {
        match c.parent {
            Some(p) => kids[p].push(c.id),
            None => roots.push(c.id),
        }
    }
    (roots, kids)
}

/// Appends `s` as a JSON string literal.
pub fn push_json_string(out: &mut String, s: &str) {
    let mut bytes = Vec::with_capacity(s.len() + 2);
    // Writing into a Vec cannot fail, and the escaper only writes whole UTF-8 text.
    let _ = write_json_string(&mut bytes, s);
    out.push_str(std::str::from_utf8(&bytes).unwrap_or_default());
}

/// Writes `s` as a JSON string literal. Runs of characters that need no
/// escape are written as one slice, which keeps large bodies fast.
pub fn write_json_string(out: &mut (impl io::Write + ?Sized), s: &str) -> io::Result<()> {
    out.write_all(b"\"")?;
    let bytes = s.as_bytes();
    let mut clean_from = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0..=0x1f => b"",
            _ => continue,
        };
        out.write_all(&bytes[clean_from..i])?;
        if escape.is_empty() {
            write!(out, "\\u{:04x}", b)?;
        } else {
            out.write_all(escape)?;
        }
        clean_from = i + 1;
    }
    out.write_all(&bytes[clean_from..])?;
    out.write_all(b"\"")
}

fn write_opt_string(out: &mut (impl io::Write + ?Sized), s: Option<&str>) -> io::Result<()> {
    match s {
        Some(s) => write_json_string(out, s),
        None => out.write_all(b"null"),
    }
}

fn write_opt_number(out: &mut (impl io::Write + ?Sized), n: Option<u32>) -> io::Result<()> {
    match n {
        Some(n) => write!(out, "{n}"),
        None => out.write_all(b"null"),
    }
}

/// Collects what a writer function prints into a `String`.
fn to_string(write: impl FnOnce(&mut Vec<u8>) -> io::Result<bool>) -> String {
    let mut bytes = Vec::new();
    // Writing into a Vec cannot fail, and every writer here writes UTF-8 text.
    let _ = write(&mut bytes);
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The thread as the CLI's JSON: `{"title", "declared_count", "dialect",
/// "article", "comments": [{"author", "number", "date", "body", "span",
/// "replies": [...]}]}` with `null` for what is unknown.
pub fn to_json(thread: &Thread) -> String {
    to_string(|out| write_json(out, thread))
}

/// Writes [`to_json`]'s text to `out` as it goes, without building it in
/// memory first. Returns whether the text ended with a newline (it never does).
pub fn write_json(out: &mut (impl io::Write + ?Sized), thread: &Thread) -> io::Result<bool> {
    out.write_all(b"{\"title\":")?;
    write_opt_string(out, thread.title.as_deref())?;
    out.write_all(b",\"declared_count\":")?;
    write_opt_number(out, thread.declared_count)?;
    out.write_all(b",\"dialect\":")?;
    write_json_string(out, thread.dialect.name())?;
    out.write_all(b",\"article\":")?;
    write_opt_string(out, thread.article.as_deref())?;
    out.write_all(b",\"comments\":[")?;
    let (roots, kids) = children(thread);
    // Each frame: the sibling list being printed and the next index in it.
    let mut stack: Vec<(&[usize], usize)> = vec![(&roots, 0)];
    while let Some(frame) = stack.last_mut() {
        let (list, next) = *frame;
        if next == list.len() {
            stack.pop();
            out.write_all(b"]")?;
            if !stack.is_empty() {
                out.write_all(b"}")?;
            }
            continue;
        }
        frame.1 += 1;
        if next > 0 {
            out.write_all(b",")?;
        }
        let c = &thread.comments[list[next]];
        out.write_all(b"{\"author\":")?;
        write_opt_string(out, c.author.as_deref())?;
        out.write_all(b",\"number\":")?;
        write_opt_number(out, c.number)?;
        out.write_all(b",\"date\":")?;
        write_opt_string(out, c.date.as_deref())?;
        out.write_all(b",\"body\":")?;
        write_json_string(out, &c.body)?;
        write!(out, ",\"span\":[{},{}],\"replies\":[", c.span.start, c.span.end)?;
        stack.push((&kids[c.id], 0));
    }
    out.write_all(b"}")?;
    Ok(false)
}

/// At most `n` words of `s`, on one line, with "…" when cut.
fn first_words(s: &str, n: usize) -> String {
    let mut words = s.split_whitespace();
    let head: Vec<&str> = words.by_ref().take(n).collect();
    let mut out = head.join(" ");
    if words.next().is_some() {
        out.push('…');
    }
    out
}

/// The human-readable outline: a few thread facts, then one line per comment,
/// indented two spaces per level: `#NUMBER AUTHOR (DATE): first words`.
pub fn to_outline(thread: &Thread) -> String {
    to_string(|out| write_outline(out, thread))
}

/// Writes [`to_outline`]'s text to `out`. Returns whether it ended with a
/// newline (it always does).
pub fn write_outline(out: &mut (impl io::Write + ?Sized), thread: &Thread) -> io::Result<bool> {
    writeln!(out, "title: {}", thread.title.as_deref().unwrap_or("-"))?;
    writeln!(out, "declared: {}", thread.declared_count.map_or("-".to_string(), |n| n.to_string()))?;
    writeln!(out, "comments: {}", thread.comments.len())?;
    for c in &thread.comments {
        for _ in 1..c.depth {
            out.write_all(b"  ")?;
        }
        out.write_all(b"- ")?;
        if let Some(n) = c.number {
            write!(out, "#{n} ")?;
        }
        out.write_all(c.author.as_deref().unwrap_or("(anonymous)").as_bytes())?;
        if let Some(d) = &c.date {
            write!(out, " ({d})")?;
        }
        writeln!(out, ": {}", first_words(&c.body, 8))?;
    }
    Ok(true)
}

/// One line per part: `KIND START END`, in order, covering the input.
pub fn to_spans(thread: &Thread) -> String {
    to_string(|out| write_spans(out, thread))
}

/// Writes [`to_spans`]'s text to `out`. Returns whether it ended with a
/// newline (it does unless the thread has no part, as for an empty input).
pub fn write_spans(out: &mut (impl io::Write + ?Sized), thread: &Thread) -> io::Result<bool> {
    for p in &thread.parts {
        write!(out, "{} {} {}", p.kind.name(), p.span.start, p.span.end)?;
        if let Some(c) = p.comment {
            write!(out, " #{c}")?;
        }
        out.write_all(b"\n")?;
    }
    Ok(!thread.parts.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_escape_controls() {
        let mut s = String::new();
        push_json_string(&mut s, "a\"b\\c\nd\u{1}");
        assert_eq!(s, r#""a\"b\\c\nd\u0001""#);
    }

    #[test]
    fn first_words_cuts() {
        assert_eq!(first_words("a b c", 2), "a b…");
        assert_eq!(first_words("a  b", 2), "a b");
    }
}
