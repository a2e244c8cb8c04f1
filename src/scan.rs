//! Scanners over the text of one line.
//!
//! Each scanner looks at a `&str` (a line's text, without indentation and
//! list marker) and answers how many bytes it matched, or what it read there;
//! `0` or `None` means no match. They know no dialect: the marker words come
//! from [`crate::lexicon`], and the dialect passes decide what a match means.

use crate::lexicon::{self, any_lists, fold, month_number, number_word, LANGUAGES};
use crate::lines::is_space;

/// One token of a line: a run of letters and digits, or one other character.
#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    text: &'a str,
    end: usize,
}

/// Iterates over the tokens of `s`, skipping white space.
fn tokens(s: &str) -> impl Iterator<Item = Token<'_>> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = &s[at..];
        let skipped = rest.len() - rest.trim_start_matches(is_space).len();
        at += skipped;
        let rest = &s[at..];
        let first = rest.chars().next()?;
        let len = if first.is_alphanumeric() {
            rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len())
        } else {
            first.len_utf8()
        };
        let token = Token { text: &rest[..len], end: at + len };
        at += len;
        Some(token)
    })
}

/// What a token of a date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DatePiece {
    Month,
    Weekday,
    Number(u32),
    Meridiem,
    Joiner,
    Punct(char),
}

/// Classifies one token as a piece of a date, or `None` when no date holds it.
fn date_piece(token: &str) -> Option<DatePiece> {
    let first = token.chars().next()?;
    if first.is_ascii_digit() {
        let digits = token.bytes().take_while(u8::is_ascii_digit).count();
        let suffix = &token[digits..];
        if digits > 4 {
            return None;
        }
        if suffix.is_empty() || ["st", "nd", "rd", "th", "h", "er", "º", "am", "pm"].contains(&&*fold(suffix)) {
            return Some(DatePiece::Number(token[..digits].parse().ok()?));
        }
        return None;
    }
    if first.is_alphabetic() {
        if token.len() > 14 {
            return None;
        }
        let folded = fold(token);
        if month_number(&folded).is_some() {
            return Some(DatePiece::Month);
        }
        if matches!(folded.as_str(), "am" | "pm" | "a" | "p" | "m" | "uhr") {
            // "a.m." comes as "a", ".", "m", "."; German "am" is also a joiner,
            // which changes nothing here because both keep the date going.
            return Some(DatePiece::Meridiem);
        }
        if any_lists(&folded, |l| l.weekdays) {
            return Some(DatePiece::Weekday);
        }
        if any_lists(&folded, |l| l.date_joiners) {
            return Some(DatePiece::Joiner);
        }
        return None;
    }
    match first {
        ',' | '.' | '/' | ':' | '-' | '|' | '@' | '·' | '–' | '—' | '[' | ']' => {
            Some(DatePiece::Punct(first))
        }
        _ => None,
    }
}

/// Scans a date (with an optional time) at the start of `s`: "May 20, 2012 at
/// 12:55 AM", "10/28/12 5:33 PM", "22. Dezember 2019 um 11:16 Uhr",
/// "Thursday, November 08, 2012". Returns the bytes it takes, up to the end of
/// its last number, month or meridiem, or 0 when `s` does not open with a date.
pub fn scan_date(s: &str) -> usize {
    match scan_absolute_date(s) {
        0 => scan_relative_date(s),
        n => n,
    }
}

/// Scans a relative date at the start of `s`: "12 days ago", "an hour ago",
/// "vor 3 Tagen", "il y a 2 jours". Returns the bytes it takes, or 0.
pub fn scan_relative_date(s: &str) -> usize {
    let folded_start: String = s.chars().take(12).flat_map(char::to_lowercase).collect();
    // Words before the count ("vor", "il y a") are skipped first.
    let before = LANGUAGES
        .iter()
        .flat_map(|lang| lang.ago_before.iter())
        .filter(|w| {
            folded_start.strip_prefix(**w).is_some_and(|rest| rest.starts_with(|c: char| is_space(c)))
        })
        .map(|w| w.chars().count())
        .max();
    let skip = before.map_or(0, |chars| s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i));
    let mut toks = tokens(&s[skip..]);
    let Some(count) = toks.next() else { return 0 };
    let folded_count = fold(count.text);
    let is_count = count.text.bytes().all(|b| b.is_ascii_digit()) && count.text.len() <= 3
        || number_word(&folded_count).is_some()
        || matches!(folded_count.as_str(), "a" | "an");
    if !is_count {
        return 0;
    }
    let Some(unit) = toks.next() else { return 0 };
    if !LANGUAGES.iter().any(|lang| lang.time_units.contains(&fold(unit.text).as_str())) {
        return 0;
    }
    if before.is_some() {
        return skip + unit.end;
    }
    match toks.next() {
        Some(ago) if LANGUAGES.iter().any(|lang| lang.ago_after.contains(&fold(ago.text).as_str())) => ago.end,
        _ => 0,
    }
}

/// Scans an absolute date; see [`scan_date`].
fn scan_absolute_date(s: &str) -> usize {
    let mut end = 0;
    let mut months = 0;
    let mut numbers = 0;
    let mut slash_or_dash_numbers = 0;
    let mut colon_times = 0;
    let mut previous: Option<DatePiece> = None;
    let mut pieces = 0;
    for token in tokens(s) {
        let Some(piece) = date_piece(token.text) else { break };
        if pieces == 0 && matches!(piece, DatePiece::Joiner | DatePiece::Punct(_) | DatePiece::Meridiem) {
            return 0;
        }
        pieces += 1;
        if pieces > 24 {
            break;
        }
        match piece {
            DatePiece::Month => {
                months += 1;
                end = token.end;
            }
            DatePiece::Number(n) => {
                if n > 2100 {
                    break;
                }
                numbers += 1;
                if matches!(previous, Some(DatePiece::Punct('/' | '-' | '.'))) {
                    slash_or_dash_numbers += 1;
                }
                if matches!(previous, Some(DatePiece::Punct(':'))) {
                    colon_times += 1;
                }
                end = token.end;
            }
            DatePiece::Meridiem => {
                if numbers > 0 {
                    end = token.end;
                }
            }
            DatePiece::Weekday => end = end.max(token.end),
            DatePiece::Punct('.') if matches!(previous, Some(DatePiece::Meridiem)) => {
                end = token.end;
            }
            DatePiece::Joiner | DatePiece::Punct(_) => {}
        }
        previous = Some(piece);
    }
    let named = months >= 1 && numbers >= 1;
    let numeric = slash_or_dash_numbers >= 2 && numbers >= 3;
    if named || numeric || (months >= 1 && colon_times >= 1) {
        end
    } else {
        0
    }
}

/// Finds a date that runs to the end of `s` (trailing white space allowed) and
/// returns where it starts. It may be glued to what precedes it, as Blogger's
/// "Kiss and Make-upOctober 22, 2012 10:46 AM" shows.
pub fn find_trailing_date(s: &str) -> Option<usize> {
    let trimmed = s.trim_end_matches(is_space);
    // Dates are short: look only at the last 60 bytes or so.
    let mut from = trimmed.len().saturating_sub(64);
    while !trimmed.is_char_boundary(from) {
        from += 1;
    }
    for at in trimmed[from..].char_indices().map(|(i, _)| i + from) {
        let c = trimmed[at..].chars().next()?;
        let prev = trimmed[..at].chars().next_back();
        // A date starts a token: after a space or punctuation, or where a
        // lowercase letter meets a capital or digit (glued author names).
        let starts_token = match prev {
            None => true,
            Some(p) => {
                !p.is_alphanumeric()
                    || (p.is_alphabetic() && c.is_uppercase())
                    || (p.is_alphabetic() && c.is_ascii_digit())
                    || (p.is_ascii_digit() && c.is_uppercase())
            }
        };
        if !starts_token || !(c.is_alphanumeric()) {
            continue;
        }
        let n = scan_date(&trimmed[at..]);
        if n > 0 && at + n >= trimmed.len() - trailing_date_tail(&trimmed[at + n..]) {
            return Some(at);
        }
    }
    None
}

/// Finds the first date anywhere in a short line: returns where it starts
/// and how many bytes it takes. Lines over 300 bytes are not searched, as
/// the lines that matter here (bylines, header lines) are short.
pub fn find_date(s: &str) -> Option<(usize, usize)> {
    find_date_with(s, scan_date)
}

/// Like [`find_date`], for calendar dates only (no "12 days ago").
pub fn find_absolute_date(s: &str) -> Option<(usize, usize)> {
    find_date_with(s, scan_absolute_date)
}

/// Finds the first place in `s` where `scan` reads a date.
fn find_date_with(s: &str, scan: fn(&str) -> usize) -> Option<(usize, usize)> {
    if s.len() > 300 {
        return None;
    }
    let mut prev: Option<char> = None;
    for (at, c) in s.char_indices() {
        let starts_token = c.is_alphanumeric() && prev.is_none_or(|p| !p.is_alphanumeric() || (p.is_alphabetic() && c.is_ascii_digit()));
        prev = Some(c);
        if !starts_token {
            continue;
        }
        let n = scan(&s[at..]);
        if n > 0 {
            return Some((at, n));
        }
    }
    None
}

/// Scans an author line that gives the date first: "on 2012-10-09 at 9:00
/// am Olaf" ("on" may be glued to the date, as html2text leaves it).
/// Returns the date's start and length and where the name starts.
pub fn scan_on_date_name(s: &str) -> Option<(usize, usize, usize)> {
    let folded_head: String = s.chars().take(4).collect::<String>().to_lowercase();
    let joiner = LANGUAGES
        .iter()
        .flat_map(|lang| lang.author_date_joiners.iter())
        .filter(|j| j.chars().all(char::is_alphabetic))
        .find(|j| folded_head.starts_with(**j))?;
    let after = &s[joiner.len()..];
    let date_at = joiner.len() + (after.len() - after.trim_start_matches(is_space).len());
    if date_at == joiner.len() && !after.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let date_len = scan_date(&s[date_at..]);
    if date_len == 0 {
        return None;
    }
    let rest = &s[date_at + date_len..];
    let name = rest.trim_start_matches(|c: char| is_space(c) || matches!(c, '|' | '-' | '–' | '—' | '·' | ',' | ':'));
    let name_at = s.len() - name.len();
    (!name.is_empty() && is_name_like(name)).then_some((date_at, date_len, name_at))
}

/// True for a line that holds only an author verb and its colon ("says:",
/// "sagt:"), the second half of an author line that a narrow rendering wrapped.
pub fn is_bare_says(s: &str) -> bool {
    let t = s.trim_matches(is_space);
    let Some(word) = t.strip_suffix(':').or_else(|| t.strip_suffix('…')).or_else(|| t.strip_suffix("...")) else { return false };
    let folded = fold(word);
    LANGUAGES.iter().any(|lang| lang.says.contains(&folded.as_str()))
}

/// True when `s` opens with a byline word of some language ("by NAME",
/// "Posted on DATE", "von NAME"), followed by a space, a colon or the end.
pub fn starts_with_byline(s: &str) -> bool {
    let head: String = s.chars().take(24).collect();
    let folded = fold(&head);
    crate::lexicon::LANGUAGES.iter().flat_map(|lang| lang.bylines.iter()).any(|word| {
        folded.strip_prefix(word).is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ':', '\u{a0}']) || rest.starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// Bytes of harmless punctuation that may follow a date at a line's end: ":" "." ")".
fn trailing_date_tail(rest: &str) -> usize {
    let kept = rest.trim_start_matches(|c: char| is_space(c) || matches!(c, ':' | '.' | ')' | ']' | '|' | ','));
    rest.len() - kept.len()
}

/// A comment-section heading: the declared count and where the heading's
/// own title text starts ("15 Responses to TITLE", "4 thoughts on “TITLE”").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CountHeading {
    /// The count it declares.
    pub count: u32,
    /// Byte offset in the line's text of the post title it names, if any.
    pub title_at: Option<usize>,
}

/// Scans a comment-section heading with a count: "15 Responses to …",
/// "One response to …", "12 Kommentare", "Comments (15)", "4 comments:".
pub fn scan_count_heading(s: &str) -> Option<CountHeading> {
    if s.len() > 400 {
        return None;
    }
    // Some themes wrap the heading in braces: "{ 21 comments… read them below }".
    let unwrapped = s.trim_start_matches(|c: char| matches!(c, '{' | '[') || is_space(c));
    if unwrapped.len() != s.len() {
        let lead = s.len() - unwrapped.len();
        return scan_count_heading(unwrapped).map(|h| CountHeading { title_at: h.title_at.map(|t| t + lead), ..h });
    }
    let folded = fold(s);
    let mut toks = tokens(&folded);
    let first = toks.next()?;
    let count = if first.text.bytes().all(|b| b.is_ascii_digit()) && first.text.len() <= 6 {
        first.text.parse().ok()?
    } else if let Some(n) = number_word(first.text) {
        n
    } else {
        // "Comments (15)", "Kommentare (3)".
        let mut rest = folded.as_str();
        let noun = LANGUAGES
            .iter()
            .flat_map(|l| l.count_nouns.iter().chain(l.section_headings))
            .find(|noun| rest.starts_with(**noun))?;
        rest = &rest[noun.len()..];
        // "Kommentare4": a tab label with its count glued on.
        if !rest.is_empty() && rest.len() <= 6 && rest.bytes().all(|b| b.is_ascii_digit()) {
            return Some(CountHeading { count: rest.parse().ok()?, title_at: None });
        }
        rest = rest.trim_start_matches(is_space);
        let inner = rest.strip_prefix('(')?;
        let close = inner.find(')')?;
        let count = inner[..close].trim().parse().ok()?;
        if !inner[close + 1..].trim_matches(is_space).is_empty() {
            return None;
        }
        return Some(CountHeading { count, title_at: None });
    };
    let after_count = folded[first.end..].trim_start_matches(is_space);
    let noun = LANGUAGES
        .iter()
        .flat_map(|l| l.count_nouns.iter())
        .filter(|noun| {
            after_count.starts_with(**noun)
                && after_count[noun.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
        .max_by_key(|noun| noun.len())?;
    let after_noun_at = folded.len() - after_count.len() + noun.len();
    let tail = folded[after_noun_at..].trim_start_matches(is_space);
    let tail = tail.trim_start_matches(':').trim_start_matches(is_space);
    let title_in_folded = if tail.is_empty() || tail.starts_with(['…', '.', '}', ']']) {
        None
    } else {
        // "Responses to TITLE", "comments on TITLE", "Kommentare zu TITLE", "thoughts on TITLE".
        let mut t = tail;
        for joiner in ["to ", "on ", "zu ", "für ", "sobre ", "em ", "a ", "sur ", "für "] {
            if let Some(r) = t.strip_prefix(joiner) {
                t = r;
                break;
            }
        }
        // A heading like "2 comments posted by …" or long text is a sentence, not a heading.
        if t.len() == tail.len() && !noun.ends_with(" on") && !noun.ends_with(" zu") && !noun.ends_with("sobre") && !t.starts_with(['“', '"', '«', '„', '\'', '‘']) {
            if t.split(is_space).count() > 3 {
                return None;
            }
            None
        } else {
            Some(folded.len() - t.len())
        }
    };
    // Folding can change byte lengths (rarely); map the offset back by
    // counting characters, which folding keeps one-to-one for these scripts.
    let title_at = title_in_folded.and_then(|at| {
        let chars = folded[..at].chars().count();
        s.char_indices().nth(chars).map(|(i, _)| i)
    });
    Some(CountHeading { count, title_at })
}

/// True when the whole line is one of the languages' bare section headings ("Comments").
pub fn is_section_heading(s: &str) -> bool {
    if s.len() > 40 {
        return false;
    }
    let folded = fold(s.trim_end_matches(':').trim_matches(is_space));
    any_lists(&folded, |l| l.section_headings)
}

/// True when the line opens the comment form or ends the comment list ("Leave a Reply").
pub fn is_form_start(s: &str) -> bool {
    // A text field as lynx and elinks draw it: a run of underscores.
    if s.trim_start_matches(is_space).starts_with("____") {
        return true;
    }
    if s.len() > 120 {
        return false;
    }
    let folded = fold(s.trim_matches(is_space));
    LANGUAGES.iter().any(|l| {
        l.form_starts.iter().any(|f| {
            // A one-word form start ("Kommentieren") must be the whole line:
            // as a prefix it would also open ordinary sentences.
            let rest = folded.strip_prefix(f);
            match rest {
                Some(rest) if f.contains(' ') => rest.chars().next().is_none_or(|c| !c.is_alphanumeric()),
                Some(rest) => rest.trim_matches(|c: char| is_space(c) || matches!(c, ':' | '.' | '!')).is_empty(),
                None => false,
            }
        })
    })
}

/// True when the whole line is furniture between comments ("Reply", "Like", "ReplyDelete").
pub fn is_noise(s: &str) -> bool {
    if s.len() > 120 {
        return false;
    }
    let t = s.trim_matches(is_space);
    if t.is_empty() {
        return false;
    }
    // Image placeholders that text browsers leave: "[IMG]", "[avatar.png]".
    if t.starts_with('[') && t.ends_with(']') && !t[1..].contains('[') {
        return true;
    }
    let folded = fold(t);
    if any_lists(&folded, |l| l.noise) {
        return true;
    }
    // "Reply ↓", "Like Like", "Zum Antworten anmelden Zitieren #": the line
    // is a run of furniture phrases and arrows.
    is_furniture_run(&folded)
}

/// True when `folded` (lowercase) is nothing but furniture phrases from the
/// noise tables, arrows and separators, one after another.
fn is_furniture_run(folded: &str) -> bool {
    let separators = |c: char| is_space(c) || matches!(c, '|' | '·' | '↓' | '↑' | '→' | '(' | ')' | '#');
    let mut rest = folded.trim_start_matches(separators);
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let phrase = LANGUAGES.iter().flat_map(|l| l.noise.iter()).filter(|p| {
            rest.strip_prefix(**p).is_some_and(|after| after.chars().next().is_none_or(|c| !c.is_alphanumeric()))
        });
        let Some(longest) = phrase.max_by_key(|p| p.len()) else { return false };
        rest = rest[longest.len()..].trim_start_matches(separators);
    }
    true
}

/// True when `s` opens like one of the long furniture notices of the noise
/// tables ("You can follow this conversation by subscribing …"), even when
/// a rendering wrapped it or put an image before it.
pub fn starts_like_notice(s: &str) -> bool {
    const WORDS: usize = 4;
    let folded = fold(s.trim_matches(is_space));
    let head: Vec<&str> = folded.split(is_space).filter(|w| !w.is_empty()).take(WORDS + 1).collect();
    LANGUAGES.iter().flat_map(|l| l.noise.iter()).any(|notice| {
        let words: Vec<&str> = notice.split(' ').collect();
        words.len() >= 6 && (0..=1).any(|skip| head.len() >= skip + WORDS && head[skip..skip + WORDS] == words[..WORDS])
    })
}

/// `s` without furniture words at its end ("Ann May 2, 2019 Reply" loses
/// "Reply"), so that a header's date is found at the line's end.
pub fn trim_trailing_furniture(s: &str) -> &str {
    let mut t = s.trim_end_matches(is_space);
    for _ in 0..4 {
        let cut = t.rfind(is_space).map_or(0, |i| i + t[i..].chars().next().map_or(1, char::len_utf8));
        let last = &t[cut..];
        if cut == 0 || last.is_empty() || !any_lists(&fold(last), |l| l.noise) {
            break;
        }
        t = t[..cut].trim_end_matches(|c: char| is_space(c) || matches!(c, '|' | '·'));
    }
    t
}

/// The length of a date that opens `s` when all that follows it is furniture
/// ("17.10.2019, 14:14 Zum Antworten anmelden Zitieren #"), else 0.
pub fn scan_date_then_furniture(s: &str) -> usize {
    let n = scan_date(s);
    if n == 0 || n == s.len() {
        return 0;
    }
    if is_furniture_run(&fold(&s[n..])) {
        n
    } else {
        0
    }
}

/// An author line of the "NAME says:" kind: returns the name's length in
/// bytes and where the text after the verb starts (it may hold a date).
pub fn scan_says(s: &str) -> Option<(usize, usize)> {
    if s.len() > 200 {
        return None;
    }
    for lang in LANGUAGES {
        for verb in lang.says {
            let mut search_from = 0;
            while let Some(rel) = find_folded(&s[search_from..], verb) {
                let at = search_from + rel;
                search_from = at + verb.len();
                // The verb follows a space and is followed by ":" / "..." / "…" / end.
                let before = &s[..at];
                if !before.ends_with(is_space) {
                    continue;
                }
                let name = before.trim_end_matches(is_space);
                if name.is_empty() {
                    continue;
                }
                let after = &s[at + verb.len()..];
                let punct = after.len() - after.trim_start_matches([':', '.', '…', ',']).len();
                let rest = &after[punct..];
                if punct == 0 && !rest.trim_matches(is_space).is_empty() {
                    continue;
                }
                // Without its colon the verb may end a sentence ("… because
                // the market says"): only a short name is taken then.
                let bare_name = scan_on_date_name(name).map_or(name, |(_, _, at)| &name[at..]);
                let words = bare_name.split(is_space).filter(|w| !w.is_empty()).count();
                if words > if punct == 0 { 4 } else { 10 } {
                    continue;
                }
                if !rest.is_empty() && !rest.starts_with(is_space) {
                    continue;
                }
                let rest_text = rest.trim_matches(is_space);
                if !rest_text.is_empty() && scan_date(rest_text) == 0 && !rest_text.starts_with(['(', '|', '@']) {
                    continue;
                }
                return Some((name.len(), at + verb.len() + punct));
            }
        }
    }
    None
}

/// Finds `needle` (lowercase) in `hay` ignoring ASCII case.
fn find_folded(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| {
        hay.is_char_boundary(i) && h[i..i + n.len()].eq_ignore_ascii_case(n)
    })
}

/// A `start..end` pair of byte offsets inside a scanned line.
pub type ByteRange = (usize, usize);

/// A footer author line printed after the body (TypePad): "Posted by: NAME | DATE".
/// Returns the name's range and the date's range inside `s`.
pub fn scan_posted_by(s: &str) -> Option<(ByteRange, Option<ByteRange>)> {
    if s.len() > 200 {
        return None;
    }
    let opener_len = LANGUAGES.iter().flat_map(|l| l.posted_by.iter()).find_map(|p| {
        let head = s.get(..p.len())?;
        (fold(head) == *p).then_some(p.len())
    })?;
    let rest = &s[opener_len..];
    let name_start = opener_len + (rest.len() - rest.trim_start_matches(is_space).len());
    let rest = &s[name_start..];
    let (name_end, date) = match rest.find('|') {
        Some(bar) => {
            let date_start = name_start + bar + 1;
            let date_text = &s[date_start..];
            let lead = date_text.len() - date_text.trim_start_matches(is_space).len();
            let ds = date_start + lead;
            let de = ds + scan_date(&s[ds..]);
            (name_start + bar, (de > ds).then_some((ds, de)))
        }
        None => match find_trailing_date(rest) {
            Some(at) => {
                let mut name_part = &rest[..at];
                for joiner in [" at ", " on ", " | "] {
                    name_part = name_part.trim_end_matches(is_space);
                    if let Some(p) = name_part.strip_suffix(joiner.trim()) {
                        name_part = p;
                    }
                }
                (name_start + name_part.trim_end_matches(is_space).len(), Some((name_start + at, s.trim_end_matches(is_space).len())))
            }
            None => (s.len(), None),
        },
    };
    let name = s[name_start..name_end].trim_end_matches(is_space);
    if name.is_empty() {
        return None;
    }
    Some(((name_start, name_start + name.len()), date))
}

/// True when `s` reads like a person's name or handle rather than a sentence:
/// short, few words, no sentence punctuation at its end.
pub fn is_name_like(s: &str) -> bool {
    let s = s.trim_matches(is_space);
    if s.is_empty() || s.len() > 80 || !s.chars().any(char::is_alphanumeric) {
        return false;
    }
    let words = s.split(is_space).filter(|w| !w.is_empty()).count();
    if words > 8 {
        return false;
    }
    let last = s.chars().next_back().unwrap_or(' ');
    // A name may end in an initial or a short title ("Amy D.", "Rebecca W.",
    // "Bob Jr."), a sentence may not.
    let last_word = s.rsplit(is_space).next().unwrap_or("");
    let initial = last == '.' && last_word.len() <= 4 && last_word.starts_with(char::is_uppercase);
    if matches!(last, '.' | '!' | '?' | ',' | ';' | ':' | '"' | '”') && !s.ends_with("...") && !initial {
        return false;
    }
    let folded = fold(s);
    !lexicon::any_lists(&folded, |l| l.noise)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date_of(s: &str) -> &str {
        &s[..scan_date(s)]
    }

    #[test]
    fn dates_in_blog_forms() {
        assert_eq!(date_of("May 20, 2012 at 12:55 AM"), "May 20, 2012 at 12:55 AM");
        assert_eq!(date_of("Thursday, November 08, 2012 at 01:26 PM"), "Thursday, November 08, 2012 at 01:26 PM");
        assert_eq!(date_of("10/28/12 5:33 PM"), "10/28/12 5:33 PM");
        assert_eq!(date_of("22. Dezember 2019 um 11:16 Uhr"), "22. Dezember 2019 um 11:16 Uhr");
        assert_eq!(date_of("20 de maio de 2012 às 12:55"), "20 de maio de 2012 às 12:55");
        assert_eq!(date_of("2012-10-28 14:02"), "2012-10-28 14:02");
        assert_eq!(date_of("November 3, 2014 at 4:12 p.m."), "November 3, 2014 at 4:12 p.m.");
        assert_eq!(date_of("May the force be with you"), "");
        assert_eq!(date_of("12 people"), "");
        assert_eq!(date_of("at noon"), "");
    }

    #[test]
    fn trailing_dates_glued_or_spaced() {
        let s = "Kiss and Make-upOctober 22, 2012 10:46 AM";
        assert_eq!(&s[find_trailing_date(s).unwrap()..], "October 22, 2012 10:46 AM");
        let s = "Dr. Joan McGettigan10/28/12 5:33 PM";
        assert_eq!(&s[find_trailing_date(s).unwrap()..], "10/28/12 5:33 PM");
        let s = "Theo VOctober 2, 2015 at 1:05 PM";
        assert_eq!(&s[find_trailing_date(s).unwrap()..], "October 2, 2015 at 1:05 PM");
        let s = "Sana6. Juni 2015 um 10:23";
        assert_eq!(&s[find_trailing_date(s).unwrap()..], "6. Juni 2015 um 10:23");
        assert_eq!(find_trailing_date("I went there in May"), None);
    }

    #[test]
    fn count_headings() {
        let h = scan_count_heading("15 Responses to Trouble In Derna").unwrap();
        assert_eq!(h.count, 15);
        assert_eq!(h.title_at, Some(16));
        assert_eq!(scan_count_heading("12 Kommentare").unwrap().count, 12);
        assert_eq!(scan_count_heading("One response to X").unwrap().count, 1);
        assert_eq!(scan_count_heading("Comments (15)").unwrap().count, 15);
        assert_eq!(scan_count_heading("4 comments:").unwrap().count, 4);
        let s = "4 thoughts on “Keep Your Content Fresh”";
        assert_eq!(&s[scan_count_heading(s).unwrap().title_at.unwrap()..], "“Keep Your Content Fresh”");
        assert_eq!(scan_count_heading("2 comments I made yesterday were lost in the mail"), None);
        assert_eq!(scan_count_heading("Comments"), None);
    }

    #[test]
    fn says_lines() {
        let s = "elvischupacabra says:";
        assert_eq!(scan_says(s), Some((15, 21)));
        assert_eq!(scan_says("Chibby said..."), Some((6, 14)));
        assert_eq!(scan_says("Maria sagt:"), Some((5, 11)));
        assert!(scan_says("he says: nothing much happened today").is_none());
        let s = "Tom says: May 5, 2012 at 3:04 pm";
        assert_eq!(&s[scan_says(s).unwrap().1..], " May 5, 2012 at 3:04 pm");
    }

    #[test]
    fn posted_by_lines() {
        let s = "Posted by: Sharon in Chicago | May 20, 2012 at 12:55 AM";
        let ((ns, ne), date) = scan_posted_by(s).unwrap();
        assert_eq!(&s[ns..ne], "Sharon in Chicago");
        let (ds, de) = date.unwrap();
        assert_eq!(&s[ds..de], "May 20, 2012 at 12:55 AM");
    }

    #[test]
    fn noise_and_forms() {
        assert!(is_noise("Reply"));
        assert!(is_noise("ReplyDelete"));
        assert!(is_noise("Reply ↓"));
        assert!(is_noise("[IMG]"));
        assert!(!is_noise("Reply to all the people"));
        assert!(is_form_start("Leave a Reply"));
        assert!(is_form_start("Leave a Reply Cancel reply"));
        assert!(!is_form_start("Leave a Replyx"));
    }
}
