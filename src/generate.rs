//! A deterministic generator of realistic blog threads, for benchmarks and
//! for `rethread generate`.
//!
//! The output looks like a WordPress post with its comment section as a text
//! browser (w3m) renders it: a page preamble of menu lines, a title, an
//! article of several paragraphs, a "N Responses to “TITLE”" heading, then
//! numbered comments ("  12. NAME says:", a date line, wrapped body
//! paragraphs, "Reply") with replies indented three more columns per level
//! and numbered among their siblings, and finally the comment form and the
//! page footer.
//!
//! The same size always gives the same bytes: randomness comes from a small
//! xorshift generator with a fixed seed, so benchmark runs compare like with like.

use std::fmt::Write;

/// The seed every generated thread starts from, so that output is reproducible.
pub const SEED: u64 = 0x5eed_2014_0303_0912;

/// The deepest reply level the generator writes (1 is top level).
pub const MAX_DEPTH: usize = 6;

/// Text columns a body line may reach before it wraps.
const WRAP_COLUMN: usize = 72;

/// Commenters' names. Picking from a short list repeats names, as real
/// threads do; a few are handles, a few have two or three words.
const AUTHORS: &[&str] = &[
    "Becky",
    "Keri B",
    "Katrina",
    "Jayne Vossen",
    "Margilyne Williamson",
    "Shani H.",
    "Susan H.",
    "Michelle Herrera",
    "steve",
    "Ben Hunt",
    "Doug Roberts",
    "Lexi",
    "elvischupacabra",
    "czarowniczy",
    "sangell51",
    "mills",
    "Gator Pam",
    "Kara Nutt",
    "Windy Taylor",
    "Heather Solos",
    "Jennifer",
    "Miriam",
    "Pamela",
    "Hanna",
    "Carol",
    "Keter Magick",
    "Tom from Ohio",
    "Anna-Lena",
    "J. R. Martin",
    "old_skeptic",
    "Priya",
    "Marcus",
];

/// Words the prose is made of. None is a number or a list bullet, so a
/// wrapped line never opens with what looks like a list marker.
const WORDS: &[&str] = &[
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "is",
    "that",
    "it",
    "for",
    "on",
    "was",
    "with",
    "as",
    "I",
    "you",
    "this",
    "but",
    "they",
    "have",
    "not",
    "be",
    "are",
    "at",
    "from",
    "or",
    "by",
    "one",
    "had",
    "what",
    "all",
    "were",
    "when",
    "we",
    "there",
    "can",
    "an",
    "your",
    "which",
    "their",
    "if",
    "would",
    "about",
    "how",
    "up",
    "out",
    "them",
    "then",
    "she",
    "many",
    "some",
    "so",
    "these",
    "her",
    "him",
    "into",
    "time",
    "has",
    "look",
    "more",
    "write",
    "go",
    "see",
    "number",
    "way",
    "could",
    "people",
    "my",
    "than",
    "first",
    "water",
    "been",
    "call",
    "who",
    "its",
    "now",
    "find",
    "long",
    "down",
    "day",
    "did",
    "get",
    "come",
    "made",
    "may",
    "part",
    "soup",
    "recipe",
    "winter",
    "garden",
    "neighbour",
    "kitchen",
    "really",
    "think",
    "great",
    "article",
    "post",
    "thanks",
    "question",
    "answer",
    "always",
    "never",
    "family",
    "weekend",
    "town",
    "country",
    "government",
    "policy",
    "market",
    "price",
    "summer",
    "children",
    "school",
    "story",
    "picture",
    "reason",
    "evening",
    "morning",
    "honestly",
    "probably",
    "interesting",
    "wonderful",
    "terrible",
    "agree",
    "disagree",
    "remember",
    "forget",
    "believe",
];

/// Months for the date lines.
const MONTHS: &[&str] =
    &["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// Links that now and then stand in a body.
const URLS: &[&str] = &[
    "https://www.bbc.co.uk/food/recipes/cheshiresoupwithfrie_92118",
    "http://example.com/2014/03/why-we-garden/",
    "https://en.wikipedia.org/wiki/Derna,_Libya",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    "http://www.cookingcache.com/soupsand/jewishpenicillin.shtml?rdid=rc1",
];

/// A generated thread and what the generator knows about it.
#[derive(Clone, Debug)]
pub struct Generated {
    /// The text of the page.
    pub text: String,
    /// Every comment written, replies included (also the declared count).
    pub comments: usize,
    /// The comments at the top level.
    pub top_level: usize,
    /// The deepest reply level written (1 when there is no reply).
    pub max_depth: usize,
    /// The title, as written on its line and in the count heading.
    pub title: String,
}

/// A xorshift64* pseudo-random generator: tiny, fast and reproducible.
#[derive(Clone, Debug)]
pub struct XorShift(u64);

impl XorShift {
    /// A generator starting from `seed` (zero, which xorshift cannot leave, is replaced).
    pub fn new(seed: u64) -> XorShift {
        XorShift(if seed == 0 { 0x9e37_79b9_7f4a_7c15 } else { seed })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (`n` > 0); the slight modulo bias does not matter here.
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 16) % n as u64) as usize
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// A thread of about `target_bytes` bytes, always the same for the same size.
pub fn generate(target_bytes: usize) -> Generated {
    generate_with_seed(target_bytes, SEED)
}

/// A thread of about `target_bytes` bytes from a chosen seed.
///
/// The result is at least a page with a title, an article and one comment;
/// comments are added until the page reaches the requested size, so it
/// overshoots by at most one comment (a few hundred bytes).
pub fn generate_with_seed(target_bytes: usize, seed: u64) -> Generated {
    let mut rng = XorShift::new(seed);
    let title = title_case(&sentence_words(&mut rng, 5, 9));
    let head = page_head(&mut rng, &title);
    let trailer = page_trailer(&title);
    let fixed = head.len() + trailer.len() + 64 + title.len();
    let comments_budget = target_bytes.saturating_sub(fixed);

    let mut section = String::with_capacity(comments_budget + 1024);
    let mut clock = Clock::new(&mut rng);
    // Sibling numbers per open level: counters[d - 1] is the number of the
    // latest comment at depth d under the current parent.
    let mut counters: Vec<usize> = Vec::with_capacity(MAX_DEPTH);
    let mut comments = 0;
    let mut top_level = 0;
    let mut max_depth = 1;
    while comments == 0 || section.len() < comments_budget {
        let depth = next_depth(&mut rng, counters.len());
        counters.truncate(depth);
        if counters.len() < depth {
            counters.push(0);
        }
        counters[depth - 1] += 1;
        if depth == 1 {
            top_level += 1;
        }
        max_depth = max_depth.max(depth);
        comments += 1;
        clock.advance(&mut rng);
        write_comment(&mut section, &mut rng, depth, counters[depth - 1], &clock);
    }

    let mut text = String::with_capacity(head.len() + section.len() + trailer.len() + 128);
    text.push_str(&head);
    let _ = write!(text, "{comments} Responses to “{title}”\n\n");
    text.push_str(&section);
    text.push_str(&trailer);
    Generated { text, comments, top_level, max_depth, title }
}

/// The depth of the next comment, given the depth of the one before (0 at the start).
///
/// Replies get rarer the deeper a chain already is, so most comments sit at
/// depth 1 or 2; after a reply the thread often returns to the top level.
fn next_depth(rng: &mut XorShift, previous: usize) -> usize {
    if previous == 0 {
        return 1;
    }
    const REPLY_PERCENT: [usize; MAX_DEPTH] = [35, 30, 25, 20, 15, 0];
    if rng.chance(REPLY_PERCENT[previous - 1]) {
        return previous + 1;
    }
    if previous == 1 || rng.chance(55) {
        1
    } else {
        // A sibling at the same level or one level up.
        previous - rng.below(2)
    }
}

/// The menu lines, title, byline and article that open the page.
fn page_head(rng: &mut XorShift, title: &str) -> String {
    let mut out = String::new();
    out.push_str("Skip to content\n\nThe Kitchen Table Blog\n\nRecipes, gardens and whatever the neighbours argue about\n\n");
    for item in ["Home", "About", "Recipes", "Garden", "Contact", "Privacy Policy"] {
        let _ = writeln!(out, "  • {item}");
    }
    out.push_str("\nSearch for: [                    ] [Search]\n\n");
    let _ = write!(out, "{title}\n\n");
    let paragraphs = rng.between(4, 8);
    for _ in 0..paragraphs {
        let text = paragraph(rng, 3, 7);
        wrap_into(&mut out, &text, 0);
        out.push('\n');
    }
    out.push_str("Share this:\n\n  • Twitter\n  • Facebook\n  • Email\n\n");
    out
}

/// The comment form, a sidebar and the footer that close the page.
fn page_trailer(title: &str) -> String {
    let mut out = String::new();
    out.push_str("Leave a Reply Cancel reply\n\n");
    out.push_str("Your email address will not be published. Required fields are marked *\n\n");
    out.push_str("Comment\n\n[                                                  ]\n\n");
    out.push_str("Name * [                    ]\n\nEmail * [                    ]\n\nWebsite [                    ]\n\n");
    out.push_str("[Post Comment]\n\n");
    let _ = write!(out, "« Previous post\nNext post: After “{title}” »\n\n");
    out.push_str("Recent Posts\n\n  • Soup season is here\n  • What to plant in March\n  • A letter from a reader\n\n");
    out.push_str("Categories\n\n  • Cooking\n  • Garden\n  • Uncategorized\n\n");
    out.push_str("© 2014 The Kitchen Table Blog · Proudly powered by WordPress\n");
    out
}

/// Writes one comment at `depth` (1 = top level) with sibling number `number`.
fn write_comment(out: &mut String, rng: &mut XorShift, depth: usize, number: usize, clock: &Clock) {
    // w3m right-aligns list numbers in two columns and indents each nested
    // list three columns further; text lines start where the item's text does.
    let marker_indent = 2 + 3 * (depth - 1);
    let start = out.len();
    push_spaces(out, marker_indent);
    let _ = write!(out, "{number:>2}. ");
    let text_column = out.len() - start;
    let _ = writeln!(out, "{} says:", rng.pick(AUTHORS));
    push_spaces(out, text_column);
    clock.write(out);
    out.push_str("\n\n");
    let paragraphs = match rng.below(10) {
        0..=5 => 1,
        6..=8 => 2,
        _ => rng.between(3, 4),
    };
    for _ in 0..paragraphs {
        let mut text = paragraph(rng, 1, 4);
        if rng.chance(4) {
            text.push(' ');
            text.push_str(rng.pick(URLS));
        }
        wrap_into(out, &text, text_column);
        out.push('\n');
    }
    push_spaces(out, text_column);
    out.push_str("Reply\n");
}

/// A comment's date, moving forward through the thread.
struct Clock {
    year: usize,
    month: usize,
    day: usize,
    minutes: usize,
}

impl Clock {
    /// A clock at a random minute of a random day of 2014.
    fn new(rng: &mut XorShift) -> Clock {
        Clock { year: 2014, month: rng.below(12), day: rng.between(1, 28), minutes: rng.below(24 * 60) }
    }

    /// Moves a few minutes to a few hours on.
    fn advance(&mut self, rng: &mut XorShift) {
        self.minutes += rng.between(1, 240);
        while self.minutes >= 24 * 60 {
            self.minutes -= 24 * 60;
            self.day += 1;
            if self.day > 28 {
                self.day = 1;
                self.month += 1;
                if self.month == 12 {
                    self.month = 0;
                    self.year += 1;
                }
            }
        }
    }

    /// Writes the date as WordPress does: "March 3, 2014 at 9:12 pm".
    fn write(&self, out: &mut String) {
        let hour24 = self.minutes / 60;
        let hour = match hour24 % 12 {
            0 => 12,
            h => h,
        };
        let half = if hour24 < 12 { "am" } else { "pm" };
        let _ = write!(out, "{} {}, {} at {}:{:02} {}", MONTHS[self.month], self.day, self.year, hour, self.minutes % 60, half);
    }
}

/// `count` spaces.
fn push_spaces(out: &mut String, count: usize) {
    out.extend(std::iter::repeat_n(' ', count));
}

/// Between `low` and `high` words, space-separated.
fn sentence_words(rng: &mut XorShift, low: usize, high: usize) -> String {
    let n = rng.between(low, high);
    let mut out = String::new();
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(rng.pick(WORDS));
    }
    out
}

/// A sentence: capitalised, ending in a full stop, question or exclamation mark.
fn sentence(rng: &mut XorShift) -> String {
    let mut s = capitalise(&sentence_words(rng, 4, 18));
    if rng.chance(20) {
        // A comma splits longer thoughts, as people write them.
        if let Some(space) = s.char_indices().filter(|&(_, c)| c == ' ').map(|(i, _)| i).nth(2) {
            s.insert(space, ',');
        }
    }
    s.push(match rng.below(10) {
        0 => '?',
        1 => '!',
        _ => '.',
    });
    s
}

/// A paragraph of `low..=high` sentences on one line (wrapping comes later).
fn paragraph(rng: &mut XorShift, low: usize, high: usize) -> String {
    let n = rng.between(low, high);
    let mut out = String::new();
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&sentence(rng));
    }
    out
}

/// The first letter in upper case.
fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Every word capitalised, as titles are.
fn title_case(s: &str) -> String {
    s.split(' ').map(capitalise).collect::<Vec<_>>().join(" ")
}

/// Writes `text` wrapped at [`WRAP_COLUMN`], each line indented by `indent` spaces.
fn wrap_into(out: &mut String, text: &str, indent: usize) {
    let width = WRAP_COLUMN.saturating_sub(indent).max(30);
    let mut line_len = 0;
    for word in text.split(' ') {
        if line_len > 0 && line_len + 1 + word.len() > width {
            out.push('\n');
            line_len = 0;
        }
        if line_len == 0 {
            push_spaces(out, indent);
        } else {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += word.chars().count();
    }
    out.push('\n');
}

/// Reads a byte size as people write it: `1000`, `64KB`, `1MB`, `1.5MB`, `2GB`
/// (decimal: 1 MB is 1,000,000 bytes) or `1MiB` (binary). Case does not matter.
pub fn parse_size(s: &str) -> Result<usize, String> {
    let s = s.trim();
    let split = s.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(s.len());
    let (number, unit) = s.split_at(split);
    let unit_bytes: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        _ => return Err(format!("unknown size unit {unit:?} in {s:?}: use B, KB, MB, GB, KiB, MiB or GiB")),
    };
    let value: f64 = number.parse().map_err(|_| format!("not a size: {s:?} (try 1MB or 1000000)"))?;
    let bytes = value * unit_bytes;
    if !bytes.is_finite() || bytes > (usize::MAX / 2) as f64 {
        return Err(format!("size too large: {s:?}"));
    }
    Ok(bytes.round() as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_size_same_bytes() {
        assert_eq!(generate(20_000).text, generate(20_000).text);
        assert_ne!(generate_with_seed(20_000, 1).text, generate(20_000).text);
    }

    #[test]
    fn size_is_close_to_the_request() {
        for target in [10_000, 100_000, 1_000_000] {
            let got = generate(target).text.len();
            assert!(got >= target && got < target + 2_000, "asked {target}, got {got}");
        }
    }

    #[test]
    fn tiny_request_still_gives_one_comment() {
        let g = generate(0);
        assert_eq!(g.comments, 1);
        assert_eq!(rethread_count(&g.text), 1);
    }

    fn rethread_count(text: &str) -> usize {
        crate::parse(text).comments.len()
    }

    #[test]
    fn parse_finds_the_generated_comments() {
        let g = generate(200_000);
        assert!(g.comments > 100, "only {} comments", g.comments);
        assert!(g.max_depth >= 4, "replies too shallow: {}", g.max_depth);
        let thread = crate::parse(&g.text);
        let found = thread.comments.len();
        let tolerance = g.comments / 50 + 1;
        assert!(found.abs_diff(g.comments) <= tolerance, "generated {}, parse found {found}", g.comments);
        assert_eq!(thread.declared_count, Some(g.comments as u32));
        let top = thread.comments.iter().filter(|c| c.parent.is_none()).count();
        assert!(top.abs_diff(g.top_level) <= tolerance, "generated {} top-level, found {top}", g.top_level);
        assert_eq!(thread.title.as_deref(), Some(g.title.as_str()));
    }

    #[test]
    fn most_comments_are_shallow() {
        let g = generate(200_000);
        let thread = crate::parse(&g.text);
        let shallow = thread.comments.iter().filter(|c| c.depth <= 2).count();
        assert!(shallow * 10 >= thread.comments.len() * 7, "{shallow} of {} at depth 1-2", thread.comments.len());
    }

    #[test]
    fn sizes_with_units() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("1MB"), Ok(1_000_000));
        assert_eq!(parse_size("10mb"), Ok(10_000_000));
        assert_eq!(parse_size("100MB"), Ok(100_000_000));
        assert_eq!(parse_size("1.5MB"), Ok(1_500_000));
        assert_eq!(parse_size("64KB"), Ok(64_000));
        assert_eq!(parse_size("1MiB"), Ok(1_048_576));
        assert!(parse_size("ten").is_err());
        assert!(parse_size("5 parsecs").is_err());
    }

    #[test]
    fn xorshift_is_reproducible() {
        let mut a = XorShift::new(7);
        let mut b = XorShift::new(7);
        let xs: Vec<u64> = (0..4).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..4).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        assert!(xs.windows(2).all(|w| w[0] != w[1]));
    }
}
