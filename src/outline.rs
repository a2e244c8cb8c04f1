//! Text renderings of a parsed thread: the nested JSON tree, the outline
//! that fixtures compare, and the span listing.
//!
//! All three walk the flat comment list with explicit stacks, so a reply
//! chain of any depth prints without recursion.

use std::fmt::Write;

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
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn push_opt_string(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => push_json_string(out, s),
        None => out.push_str("null"),
    }
}

fn push_opt_number(out: &mut String, n: Option<u32>) {
    match n {
        Some(n) => {
            let _ = write!(out, "{n}");
        }
        None => out.push_str("null"),
    }
}

/// The thread as the CLI's JSON: `{"title", "declared_count", "dialect",
/// "article", "comments": [{"author", "number", "date", "body", "span",
/// "replies": [...]}]}` with `null` for what is unknown.
pub fn to_json(thread: &Thread) -> String {
    let mut out = String::with_capacity(thread.comments.iter().map(|c| c.body.len() + 96).sum::<usize>() + 256);
    out.push_str("{\"title\":");
    push_opt_string(&mut out, thread.title.as_deref());
    out.push_str(",\"declared_count\":");
    push_opt_number(&mut out, thread.declared_count);
    out.push_str(",\"dialect\":");
    push_json_string(&mut out, thread.dialect.name());
    out.push_str(",\"article\":");
    push_opt_string(&mut out, thread.article.as_deref());
    out.push_str(",\"comments\":[");
    let (roots, kids) = children(thread);
    // Each frame: the sibling list being printed and the next index in it.
    let mut stack: Vec<(&[usize], usize)> = vec![(&roots, 0)];
    while let Some(frame) = stack.last_mut() {
        let (list, next) = *frame;
        if next == list.len() {
            stack.pop();
            out.push(']');
            if !stack.is_empty() {
                out.push('}');
            }
            continue;
        }
        frame.1 += 1;
        if next > 0 {
            out.push(',');
        }
        let c = &thread.comments[list[next]];
        out.push_str("{\"author\":");
        push_opt_string(&mut out, c.author.as_deref());
        out.push_str(",\"number\":");
        push_opt_number(&mut out, c.number);
        out.push_str(",\"date\":");
        push_opt_string(&mut out, c.date.as_deref());
        out.push_str(",\"body\":");
        push_json_string(&mut out, &c.body);
        let _ = write!(out, ",\"span\":[{},{}],\"replies\":[", c.span.start, c.span.end);
        stack.push((&kids[c.id], 0));
    }
    out.push('}');
    out
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
    let mut out = String::new();
    let _ = writeln!(out, "title: {}", thread.title.as_deref().unwrap_or("-"));
    let _ = writeln!(out, "declared: {}", thread.declared_count.map_or("-".to_string(), |n| n.to_string()));
    let _ = writeln!(out, "comments: {}", thread.comments.len());
    for c in &thread.comments {
        for _ in 1..c.depth {
            out.push_str("  ");
        }
        out.push_str("- ");
        if let Some(n) = c.number {
            let _ = write!(out, "#{n} ");
        }
        out.push_str(c.author.as_deref().unwrap_or("(anonymous)"));
        if let Some(d) = &c.date {
            let _ = write!(out, " ({d})");
        }
        let _ = writeln!(out, ": {}", first_words(&c.body, 8));
    }
    out
}

/// One line per part: `KIND START END`, in order, covering the input.
pub fn to_spans(thread: &Thread) -> String {
    let mut out = String::new();
    for p in &thread.parts {
        let _ = write!(out, "{} {} {}", p.kind.name(), p.span.start, p.span.end);
        if let Some(c) = p.comment {
            let _ = write!(out, " #{c}");
        }
        out.push('\n');
    }
    out
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
