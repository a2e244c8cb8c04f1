//! Comment bodies as safe HTML.
//!
//! Untrusted text reaches the page's DOM either through `textContent` or as
//! HTML built here. [`escape_html`] is the one audited escaping function:
//! every piece of input text that [`body_to_html`] puts into its output,
//! whether as element content or as an attribute value, goes through it.
//! The only markup this module writes itself is `<p>`, `<br>` and `<a>` with
//! an `href` whose scheme is http, https or mailto.

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

/// The `rel` attribute of every link made from input text: no referrer, no
/// access to the opener, no endorsement.
const LINK_REL: &str = "nofollow noopener noreferrer";

/// The URL schemes that become links, lowercase; anything else stays text.
const LINK_SCHEMES: [&str; 3] = ["https://", "http://", "mailto:"];

/// Characters that end a URL when they are its last one: sentence punctuation
/// and closing quotes or brackets around it.
const TRAILING_PUNCTUATION: &[char] = &['.', ',', ';', ':', '!', '?', ')', ']', '}', '"', '\''];

/// Escapes text for use as HTML element content or as a quoted attribute
/// value: `&`, `<`, `>`, `"` and `'` become character references; everything
/// else is copied as it is. This is the one audited escaping function.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push_escaped(&mut out, text);
    out
}

/// Appends `text` to `out`, escaped as [`escape_html`] does. The body
/// renderers use it to avoid a temporary string per piece.
fn push_escaped(out: &mut String, text: &str) {
    let mut copied = 0;
    for (i, byte) in text.bytes().enumerate() {
        let reference = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[copied..i]);
        out.push_str(reference);
        copied = i + 1;
    }
    out.push_str(&text[copied..]);
}

/// Renders a plain-text comment body as HTML: paragraphs (separated by one
/// or more blank lines) become `<p>` elements, line breaks inside a
/// paragraph become `<br>`, and URLs with the http, https or mailto scheme
/// become links with `rel="nofollow noopener noreferrer"`. All text is
/// escaped; no word is dropped or moved. An empty body gives an empty string.
pub fn body_to_html(body: &str) -> String {
    let mut out = String::with_capacity(body.len() + body.len() / 4 + 16);
    let mut in_paragraph = false;
    for line in body.lines() {
        if line.trim().is_empty() {
            if in_paragraph {
                out.push_str("</p>\n");
                in_paragraph = false;
            }
            continue;
        }
        if in_paragraph {
            out.push_str("<br>\n");
        } else {
            out.push_str("<p>");
            in_paragraph = true;
        }
        push_linkified(&mut out, line);
    }
    if in_paragraph {
        out.push_str("</p>\n");
    }
    out
}

/// Appends one line of text, escaped, with its URLs turned into links.
fn push_linkified(out: &mut String, line: &str) {
    let mut copied = 0;
    let mut search_from = 0;
    while let Some((start, end)) = find_url(line, search_from) {
        push_escaped(out, &line[copied..start]);
        let url = &line[start..end];
        out.push_str("<a href=\"");
        push_escaped(out, url);
        out.push_str("\" rel=\"");
        out.push_str(LINK_REL);
        out.push_str("\">");
        push_escaped(out, url);
        out.push_str("</a>");
        copied = end;
        search_from = end;
    }
    push_escaped(out, &line[copied..]);
}

/// Finds the next URL in `line` at or after byte `from`: a link scheme (any
/// case) that does not continue a word, followed by at least one character
/// up to whitespace or `<`, `>`, `"`, minus trailing punctuation (a closing
/// parenthesis stays when the URL opened one). Returns its byte range.
fn find_url(line: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = line.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        // Every scheme starts with 'h' or 'm'; skip cheaply to the next candidate.
        let offset = bytes[i..].iter().position(|&b| matches!(b, b'h' | b'H' | b'm' | b'M'))?;
        let start = i + offset;
        i = start + 1;
        let continues_word = start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_');
        if continues_word {
            continue;
        }
        let Some(scheme) = LINK_SCHEMES.iter().find(|scheme| {
            bytes.len() >= start + scheme.len() && bytes[start..start + scheme.len()].eq_ignore_ascii_case(scheme.as_bytes())
        }) else {
            continue;
        };
        let rest_start = start + scheme.len();
        let rest_len = line[rest_start..]
            .find(|c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'))
            .unwrap_or(line.len() - rest_start);
        let mut end = rest_start + rest_len;
        // Counted once, so that a long run of closing parentheses stays linear.
        let opened = line[start..end].bytes().filter(|&b| b == b'(').count();
        let mut closed = line[start..end].bytes().filter(|&b| b == b')').count();
        while end > rest_start {
            let last = line[..end].chars().next_back().unwrap_or(' ');
            if !TRAILING_PUNCTUATION.contains(&last) {
                break;
            }
            if last == ')' {
                if opened >= closed {
                    break;
                }
                closed -= 1;
            }
            end -= last.len_utf8();
        }
        if end > rest_start {
            return Some((start, end));
        }
        i = rest_start;
    }
    None
}

/// True when `url` may become a link: its scheme is http, https or mailto.
fn is_allowed_link(url: &str) -> bool {
    let url = url.trim_start();
    LINK_SCHEMES.iter().any(|scheme| url.len() > scheme.len() && url.as_bytes()[..scheme.len()].eq_ignore_ascii_case(scheme.as_bytes()))
}

/// Renders Markdown as HTML for dialects whose source is Markdown (no
/// dialect is yet; this is ready for the first one). Raw HTML in the source,
/// block or inline, is shown as escaped text. Links whose destination is not
/// http, https or mailto (e.g. `javascript:` or relative ones) are dropped,
/// keeping their text; images are replaced by their alt text, since the page
/// loads nothing from another origin. Text and link destinations are escaped
/// by pulldown-cmark's HTML writer; the filter here guarantees that no markup
/// from the input passes through unescaped.
pub fn markdown_to_html(src: &str) -> String {
    let mut out = String::with_capacity(src.len() + src.len() / 4);
    // Links cannot nest in CommonMark, but images can sit inside links; a
    // stack of "was this start kept" flags pairs every end with its start.
    let mut kept: Vec<bool> = Vec::new();
    let events = Parser::new_ext(src, Options::empty()).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::HtmlBlock) => Some(Event::Start(Tag::Paragraph)),
        Event::End(TagEnd::HtmlBlock) => Some(Event::End(TagEnd::Paragraph)),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let keep = link_type == LinkType::Email || is_allowed_link(&dest_url);
            kept.push(keep);
            keep.then_some(Event::Start(Tag::Link { link_type, dest_url, title, id }))
        }
        Event::Start(Tag::Image { .. }) => {
            kept.push(false);
            None
        }
        Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
            let keep = kept.pop().unwrap_or(false);
            keep.then_some(event)
        }
        other => Some(other),
    });
    // The writer adds the rel attribute to no link, so links are rebuilt with it.
    let events = events.flat_map(|event| match event {
        Event::Start(Tag::Link { link_type, dest_url, .. }) => {
            let href = if link_type == LinkType::Email { format!("mailto:{dest_url}") } else { dest_url.to_string() };
            let html = format!("<a href=\"{}\" rel=\"{LINK_REL}\">", escape_html(&href));
            vec![Event::InlineHtml(CowStr::from(html))]
        }
        Event::End(TagEnd::Link) => vec![Event::InlineHtml(CowStr::Borrowed("</a>"))],
        other => vec![other],
    });
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text a browser would show for `html`: tags removed, the five
    /// character references decoded. Only meant for this module's output.
    fn text_content(html: &str) -> String {
        let mut text = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                _ if !in_tag => text.push(c),
                _ => {}
            }
        }
        text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
    }

    /// The words of `text` in order, whitespace of any kind ignored.
    fn words(text: &str) -> Vec<&str> {
        text.split_whitespace().collect()
    }

    /// The link targets in `html`, in order.
    fn hrefs(html: &str) -> Vec<String> {
        html.split("<a href=\"").skip(1).map(|rest| rest[..rest.find('"').unwrap()].replace("&amp;", "&")).collect()
    }

    #[test]
    fn escape_html_escapes_the_five_characters() {
        assert_eq!(escape_html(r#"a & b < c > d " e ' f"#), "a &amp; b &lt; c &gt; d &quot; e &#39; f");
        assert_eq!(escape_html("plain ünïcødé 😺"), "plain ünïcødé 😺");
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("&amp;"), "&amp;amp;");
    }

    #[test]
    fn paragraphs_and_line_breaks() {
        assert_eq!(body_to_html("one\ntwo\n\nthree"), "<p>one<br>\ntwo</p>\n<p>three</p>\n");
        assert_eq!(body_to_html("a\n\n\n\nb\n"), "<p>a</p>\n<p>b</p>\n");
        assert_eq!(body_to_html("a\r\n\r\nb"), "<p>a</p>\n<p>b</p>\n");
        assert_eq!(body_to_html(""), "");
        assert_eq!(body_to_html("\n  \n"), "");
    }

    #[test]
    fn script_stays_text() {
        let html = body_to_html("<script>alert(1)</script>");
        assert_eq!(html, "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
    }

    #[test]
    fn img_onerror_stays_text() {
        let html = body_to_html("<img src=x onerror=alert(1)>");
        assert!(!html.contains("<img"), "{html}");
        assert_eq!(html, "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n");
    }

    #[test]
    fn javascript_scheme_is_never_a_link() {
        for text in [
            "[x](javascript:alert(1))",
            "javascript:alert(1)",
            "JavaScript:alert(document.cookie)",
            "data:text/html,<b>x</b>",
            "vbscript:msgbox",
        ] {
            let html = body_to_html(text);
            assert!(!html.contains("<a"), "{text}: {html}");
            assert_eq!(text_content(&html).trim_end(), text);
        }
    }

    #[test]
    fn urls_become_links() {
        let html = body_to_html("see https://example.com/a?b=1&c=2 and http://x.org, or mailto:me@x.org.");
        assert_eq!(hrefs(&html), ["https://example.com/a?b=1&c=2", "http://x.org", "mailto:me@x.org"]);
        assert!(html.contains("href=\"https://example.com/a?b=1&amp;c=2\""), "{html}");
        assert_eq!(html.matches(" rel=\"nofollow noopener noreferrer\"").count(), 3, "{html}");
        assert!(html.ends_with("</a>.</p>\n"), "{html}");
    }

    #[test]
    fn trailing_punctuation_is_not_part_of_the_url() {
        for (text, url) in [
            ("(see http://a.org/x)", "http://a.org/x"),
            ("\"http://a.org/\"", "http://a.org/"),
            ("http://a.org/x?!", "http://a.org/x"),
            ("http://a.org;", "http://a.org"),
            ("https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)"),
            ("(https://en.wikipedia.org/wiki/Foo_(bar))", "https://en.wikipedia.org/wiki/Foo_(bar)"),
            ("HTTPS://A.ORG:", "HTTPS://A.ORG"),
        ] {
            let html = body_to_html(text);
            assert_eq!(hrefs(&html), [url], "{text}: {html}");
            assert_eq!(text_content(&html).trim_end(), text);
        }
    }

    #[test]
    fn bare_schemes_and_word_glued_schemes_are_text() {
        for text in ["http://", "https://.", "mailto:", "xhttp://a.org", "see http:// there"] {
            let html = body_to_html(text);
            assert!(!html.contains("<a"), "{text}: {html}");
        }
    }

    #[test]
    fn quotes_in_urls_cannot_break_out_of_the_attribute() {
        let html = body_to_html("http://a.org/'onmouseover='alert(1) http://b.org/\"x");
        assert!(!html.contains("'onmouseover"), "{html}");
        assert_eq!(hrefs(&html), ["http://a.org/&#39;onmouseover=&#39;alert(1)", "http://b.org/"]);
    }

    #[test]
    fn words_are_never_lost_or_reordered() {
        let samples = [
            "Hello <b>world</b> & friends\n\nsecond para\nwith a line http://x.org/?a=1&b=2.",
            "  indented\n\tand tabbed  \n\n\n\n(mailto:a@b.c) \"quoted\" 'single' ünïcødé 😺 山田",
            "<img src=x onerror=alert(1)> <script>alert('x')</script> [x](javascript:alert(1))",
            "https://a.org/(x) https://b.org/x). end",
            "",
        ];
        for text in samples {
            let html = body_to_html(text);
            assert_eq!(words(&text_content(&html)), words(text), "{html}");
        }
    }

    #[test]
    fn a_long_body_renders_in_linear_time_shape() {
        // A big body with many URLs: the output keeps every word.
        let text = "word http://example.com/x, ".repeat(20_000);
        let html = body_to_html(&text);
        assert_eq!(hrefs(&html).len(), 20_000);
        assert_eq!(words(&text_content(&html)), words(&text));
    }

    #[test]
    fn markdown_raw_html_stays_text() {
        let html = markdown_to_html("<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)> there");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "{html}");
    }

    #[test]
    fn markdown_javascript_links_are_dropped_to_text() {
        let html = markdown_to_html("[x](javascript:alert(1)) and [y](/relative) and ![alt](javascript:alert(2))");
        assert!(!html.contains("<a"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("javascript"), "{html}");
        assert_eq!(html, "<p>x and y and alt</p>\n");
    }

    #[test]
    fn markdown_safe_links_are_kept_with_rel() {
        let html = markdown_to_html("[x](https://a.org/?a=1&b=\"2\") <https://b.org> <me@c.org> [z](JAVASCRIPT:alert(1))");
        assert_eq!(hrefs(&html), ["https://a.org/?a=1&b=&quot;2&quot;", "https://b.org", "mailto:me@c.org"]);
        assert_eq!(html.matches(" rel=\"nofollow noopener noreferrer\"").count(), 3, "{html}");
        assert!(!html.to_lowercase().contains("javascript:alert"), "{html}");
    }

    #[test]
    fn markdown_image_inside_a_link_keeps_the_link() {
        let html = markdown_to_html("[![alt](http://img.org/i.png)](https://a.org)");
        assert_eq!(html, "<p><a href=\"https://a.org\" rel=\"nofollow noopener noreferrer\">alt</a></p>\n");
    }

    #[test]
    fn markdown_formats_ordinary_text() {
        assert_eq!(markdown_to_html("*a* & **b**"), "<p><em>a</em> &amp; <strong>b</strong></p>\n");
    }
}
