//! The blog dialect: a post followed by its comment section, as any text
//! rendering leaves it (browser copy, elinks, w3m, lynx, html2text, inscriptis).
//!
//! ```text
//! TITLE                                   <- title
//! article text …                          <- article
//! 15 Responses to TITLE                   <- comments heading (declared count)
//!   1. elvischupacabra says:              <- header (author), list number 1
//!      Why is anyone surprised? …         <- body
//!      • czarowniczy says:                <- a reply: its marker is further in
//!        Unfortunately …
//! Leave a Reply                           <- trailer: the comment form and on
//! ```
//!
//! Passes, each its own function:
//! 1. [`classify`] gives every line a [`Class`] from the line scanners.
//! 2. [`find_section`] finds where the comment list starts and ends.
//! 3. [`segment`] (or [`segment_footers`] when authors follow their bodies)
//!    cuts the section into comments: header lines, body lines, an anchor column.
//! 4. [`crate::tree`] turns anchor columns into parents; text cues ("@NAME")
//!    add parents that the rendering lost.
//! 5. [`assemble`] labels every line and builds the [`Thread`] and its parts.

use std::borrow::Cow;
use std::mem::MaybeUninit;

use crate::lines::{self, is_space, Line, Marker};
use crate::markup;
use crate::model::{Comment, Diagnostic, Dialect, HeaderSpans, Part, PartKind, ShortText, Span, Thread};
use crate::scan::{self, CountHeading};
use crate::tree;

/// What a line is, as far as the line alone tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// Only white space.
    Blank,
    /// Ordinary text.
    Text,
    /// Furniture: "Reply", "Like", an image placeholder.
    Noise,
    /// The comment form or another end of the list: "Leave a Reply".
    FormStart,
    /// "15 Responses to …".
    CountHeading(CountHeading),
    /// A bare "Comments" heading.
    SectionHeading,
    /// An author and/or date line that opens a comment.
    Header(Header),
    /// An author line that closes a comment ("Posted by: NAME | DATE").
    Footer(Header),
}

/// A [`Class`] as the later passes keep it, one per line: eight bytes,
/// with the header or count heading a line holds in [`Classes`]' side
/// tables (few lines hold one), since a megabyte of text has some 30,000 lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Blank,
    Text,
    Noise,
    FormStart,
    /// Its count heading's id (see [`Classes::count_heading`]).
    CountHeading(u32),
    SectionHeading,
    /// Its header's id (see [`Classes::header`]).
    Header(u32),
    /// Its header's id (see [`Classes::header`]).
    Footer(u32),
}

/// The classes of all lines: a [`Kind`] per line (what the type derefs to)
/// and the side tables its ids point into: one pair per reader of the
/// scan (see [`classes_of`]).
struct Classes {
    kinds: Vec<Kind>,
    /// The headers and count headings of the first (or only) reader,
    /// whose ids are their indices.
    first: SideTables,
    /// The second reader's, whose ids start at `second_base`.
    second: SideTables,
    /// The first id of the second reader's tables (`u32::MAX` when the
    /// text was read in one pass).
    second_base: u32,
}

/// The headers and count headings one reader found.
#[derive(Default)]
struct SideTables {
    headers: Vec<StoredHeader>,
    count_headings: Vec<CountHeading>,
}

/// A [`Header`] in 24 bytes rather than 64: its ranges as `u32` offsets
/// (lines are, see [`lines::MAX_INPUT`]), [`StoredHeader::NONE`] for none.
#[derive(Clone, Copy, Debug)]
struct StoredHeader {
    author: (u32, u32),
    date: (u32, u32),
    /// The printed number, [`StoredHeader::NO_NUMBER`] for none.
    number: u32,
    strong: bool,
}

impl StoredHeader {
    const NONE: (u32, u32) = (u32::MAX, u32::MAX);
    const NO_NUMBER: u32 = u32::MAX;

    fn store(h: Header) -> StoredHeader {
        let pack = |r: Option<(usize, usize)>| r.map_or(StoredHeader::NONE, |(s, e)| (s as u32, e as u32));
        debug_assert!(h.number != Some(StoredHeader::NO_NUMBER));
        let number = h.number.unwrap_or(StoredHeader::NO_NUMBER);
        StoredHeader { author: pack(h.author), date: pack(h.date), number, strong: h.strong }
    }

    /// The header with every range moved `by` bytes on (as a header the
    /// memo keeps relative to its text's start is put where a line stands).
    fn shifted(self, by: u32) -> StoredHeader {
        let shift = |r: (u32, u32)| if r == StoredHeader::NONE { r } else { (r.0 + by, r.1 + by) };
        StoredHeader { author: shift(self.author), date: shift(self.date), ..self }
    }

    fn load(&self) -> Header {
        let unpack = |r: (u32, u32)| (r != StoredHeader::NONE).then_some((r.0 as usize, r.1 as usize));
        let number = (self.number != StoredHeader::NO_NUMBER).then_some(self.number);
        Header { author: unpack(self.author), date: unpack(self.date), number, strong: self.strong }
    }
}

impl Classes {
    /// The side tables an id points into, and its index there.
    fn tables_of(&self, id: u32) -> (&SideTables, usize) {
        match id.checked_sub(self.second_base) {
            Some(index) => (&self.second, index as usize),
            None => (&self.first, id as usize),
        }
    }

    /// The header of a [`Kind::Header`] or [`Kind::Footer`] line.
    fn header(&self, id: u32) -> Header {
        let (tables, index) = self.tables_of(id);
        tables.headers[index].load()
    }

    /// The count heading of a [`Kind::CountHeading`] line.
    fn count_heading(&self, id: u32) -> &CountHeading {
        let (tables, index) = self.tables_of(id);
        &tables.count_headings[index]
    }
}

impl std::ops::Deref for Classes {
    type Target = [Kind];

    fn deref(&self) -> &[Kind] {
        &self.kinds
    }
}

/// The author and date a header line names, as absolute byte ranges.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
struct Header {
    author: Option<(usize, usize)>,
    date: Option<(usize, usize)>,
    /// True for the strong forms ("NAME says:"), false for inferred ones ("NAME DATE").
    strong: bool,
    /// A comment number printed on the line itself rather than as a list marker.
    number: Option<u32>,
}

/// Pass 1 over lines already measured: what each line is (the tests'
/// way in; [`parse`] classifies each line as the scan measures it, see
/// [`LineClassifier`]).
#[cfg(test)]
fn classify(src: &str, lines: &[Line]) -> Classes {
    let mut reader = LineClassifier::new(lines::Reading::Whole);
    let kinds = lines.iter().map(|line| lines::LineReader::read(&mut reader, src, line)).collect();
    Classes { kinds, first: reader.tables, second: SideTables::default(), second_base: u32::MAX }
}

/// Pass 1, as a [`lines::LineReader`]: the [`Kind`] of each line as the
/// scan measures it, with the headers and count headings the lines hold in
/// its side tables (see [`classes_of`]).
struct LineClassifier {
    /// Boxed: the classifier moves to and from the second thread, and the
    /// memo takes some ten kilobytes.
    memo: Box<ClassMemo>,
    tables: SideTables,
    /// The id of the first entry of its tables: the second thread's reader
    /// counts its ids on from the most the first's can hold (one entry a
    /// line, at most the lists' room), so that no id needs moving when the
    /// chunks are closed up.
    id_base: u32,
}

impl LineClassifier {
    /// A classifier for the lines `reading` names. In chunks, the first
    /// reader's header table is sized for a header on every line of the
    /// text, and the second's for one on every line of half of it, so that
    /// neither grows as a rule: a table this large is mapped by itself (and
    /// made like the parse's other large lists, see [`crate::pages`]), and
    /// only the pages headers are written to take memory; and the second
    /// thread allocates nothing.
    fn new(reading: lines::Reading) -> LineClassifier {
        let (room, id_base) = match reading {
            lines::Reading::Whole => (0, 0),
            lines::Reading::Chunks { room, first: true } => (room, 0),
            // The second thread takes about half the chunks; its table
            // grows in the rare text where it keeps more headers than that.
            // (Sized for every line, like the first's, it changed how glibc
            // reuses memory between parses: a 10 MB parse then faulted some
            // 2,000 pages in again, 10 % slower.) `scan_then` keeps
            // `2 * room` within `u32`.
            lines::Reading::Chunks { room, first: false } => (room / 2 + 1, room as u32),
        };
        let tables = SideTables { headers: crate::pages::list_with_capacity(room), count_headings: Vec::new() };
        LineClassifier { memo: Box::new(ClassMemo::new()), tables, id_base }
    }

    /// Keeps a header and gives the id of its entry.
    #[inline(always)]
    fn keep_header(&mut self, header: StoredHeader) -> u32 {
        self.tables.headers.push(header);
        self.id_base + self.tables.headers.len() as u32 - 1
    }

    /// Keeps a count heading and gives the id of its entry.
    fn keep_count_heading(&mut self, heading: CountHeading) -> u32 {
        self.tables.count_headings.push(heading);
        self.id_base + self.tables.count_headings.len() as u32 - 1
    }
}

impl LineClassifier {
    /// The kind of a line whose text (starting at `base`) the memo knew,
    /// with its header or count heading stored as for a line classified anew.
    #[inline(always)]
    fn store_kept(&mut self, kept: Kept, base: usize) -> Kind {
        match kept {
            Kept::Plain(kind) => kind,
            Kept::CountHeading(c) => Kind::CountHeading(self.keep_count_heading(c)),
            Kept::Header(h) => Kind::Header(self.keep_header(h.shifted(base as u32))),
            Kept::Footer(h) => Kind::Footer(self.keep_header(h.shifted(base as u32))),
        }
    }
}

impl lines::LineReader for LineClassifier {
    type Mark = Kind;

    /// Inlined into the scan's loop, as the pass's loop once held it: a
    /// call per line costs more than most prose lines' whole class.
    #[inline(always)]
    fn read(&mut self, src: &str, line: &Line) -> Kind {
        // Most lines are prose too long for the memo, which `classify_line_kept`
        // sends straight to `classify_unnumbered`: read here, their gate
        // gives most of them their class without building a `Class`.
        if line.is_blank() {
            return Kind::Blank;
        }
        let text = line.text(src);
        let numbered = matches!(line.marker(), Some(Marker::Number(_)));
        // A date line ("January 28, 2014 at 1:00 am") is read by its date
        // alone, before the memo: dates seldom repeat.
        if !numbered {
            if let Some(header) = whole_date_header(text, line.text_start()) {
                return Kind::Header(self.keep_header(StoredHeader::store(header)));
            }
        }
        let class = if !numbered && (ClassMemo::MAX_LEN + 1..=240).contains(&text.len()) {
            let gate = scan::LineGate::of_unmarked(text);
            if gate.is_some_and(|gate| is_shut_text(text, gate)) {
                return Kind::Text;
            }
            classify_unnumbered_gated(text, line.text_start(), gate)
        } else {
            match classify_line_kept(src, line, text, &mut self.memo) {
                Ok(class) => class,
                Err(kept) => return self.store_kept(kept, line.text_start()),
            }
        };
        match class {
            Class::Blank => Kind::Blank,
            Class::Text => Kind::Text,
            Class::Noise => Kind::Noise,
            Class::FormStart => Kind::FormStart,
            Class::SectionHeading => Kind::SectionHeading,
            Class::CountHeading(c) => Kind::CountHeading(self.keep_count_heading(c)),
            Class::Header(h) => Kind::Header(self.keep_header(StoredHeader::store(h))),
            Class::Footer(h) => Kind::Footer(self.keep_header(StoredHeader::store(h))),
        }
    }
}

/// The lines and their classes from a scan that classified them. When
/// the text was read in chunks, each reader's side tables are kept as
/// they are: the second's ids start at the lists' room (see
/// [`LineClassifier::id_base`]), which no id of the first reader reaches,
/// as it read at most that many lines. (A line's class depends on that
/// line alone, so the chunks give what one pass gives, see [`crate::par`].)
fn classes_of(scanned: lines::Scanned<LineClassifier>) -> (Vec<Line>, Classes) {
    let lines::Scanned { lines, marks: kinds, first, second } = scanned;
    let (second, second_base) = match second {
        Some(second) => (second.tables, second.id_base),
        None => (SideTables::default(), u32::MAX),
    };
    (lines, Classes { kinds, first: first.tables, second, second_base })
}

/// The classes of recently seen short line texts, so that a text a page
/// repeats ("Reply", "Ann says:" of a frequent commenter) is read once.
///
/// Why this is sound: once the list-number reading of a line is ruled out,
/// [`classify_line_kept`] reads nothing but the line's text (and where it starts):
/// its visible text and the source map of that text depend on the text alone,
/// and every range the class holds is the text's start plus an offset that
/// the text alone decides. So a class is kept with its ranges relative to
/// its text's start, and a later line with the very same bytes gets it back
/// moved to its own start. Entries are found by a hash of the text and then
/// compared byte for byte, so a collision only costs a miss.
struct ClassMemo {
    /// A text may stand in one of two slots (see [`ClassMemo::slots_of`]).
    slots: [Option<MemoEntry>; ClassMemo::SLOTS],
    /// The hashes of texts seen once: a text is kept only when it comes
    /// again, so that the many texts seen once (date lines) do not push out
    /// those that repeat.
    seen: [u64; ClassMemo::SEEN],
}

/// One text [`ClassMemo`] keeps.
#[derive(Clone, Copy, Debug)]
struct MemoEntry {
    hash: u64,
    /// The text's source offset and length.
    at: u32,
    len: u32,
    /// Its class, with ranges relative to `at`.
    kept: Kept,
    /// True when no date can run to the text's end
    /// (`!scan::may_be_date_to_end` of it, see [`ClassMemo::find`]).
    ends_no_date: bool,
}

impl ClassMemo {
    /// Few distinct short texts repeat (a page's commenters, its
    /// furniture): a small table holds them. (A larger memo, 256 slots and
    /// 1024 seen hashes, saved 0.03 % of the instructions on a generated megabyte and
    /// raised the peak memory of a ten-megabyte parse by some 150 KB.)
    const SLOTS: usize = 128;
    /// Slots of [`ClassMemo::seen`]: a text seen once is kept only if no
    /// other text took its slot before it came again.
    const SEEN: usize = 256;
    /// Only texts up to this long are looked up: repeated furniture and
    /// author lines are short, and longer lines are nearly always unique.
    const MAX_LEN: usize = 48;

    fn new() -> ClassMemo {
        ClassMemo { slots: [None; ClassMemo::SLOTS], seen: [0; ClassMemo::SEEN] }
    }

    /// A hash of `text` (1 to [`ClassMemo::MAX_LEN`] bytes): of its length
    /// and of its first and last eight bytes.
    fn hash(text: &str) -> u64 {
        let bytes = text.as_bytes();
        let n = bytes.len();
        let load = |chunk: &[u8]| u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        let (head, tail) = match n.checked_sub(8) {
            Some(from) => (load(&bytes[..8]), load(&bytes[from..])),
            None => {
                let word = bytes.iter().fold(0u64, |x, &b| x << 8 | u64::from(b));
                (word, word)
            }
        };
        (head ^ tail.rotate_left(29) ^ bytes.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1
    }

    /// True when `a` and `b` (of one length, at most [`ClassMemo::MAX_LEN`])
    /// hold the same bytes: compared eight bytes at a time, the last eight
    /// read by one load ending at the end (bytes compared twice change no
    /// answer), as a call to the library's comparison costs more than
    /// comparing texts this short.
    #[inline(always)]
    fn same_bytes(a: &[u8], b: &[u8]) -> bool {
        debug_assert_eq!(a.len(), b.len());
        let load = |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + 8].try_into().expect("8 bytes"));
        let n = a.len();
        if n < 8 {
            return a == b;
        }
        (0..n - 8).step_by(8).all(|at| load(a, at) == load(b, at)) && load(a, n - 8) == load(b, n - 8)
    }

    /// The two slots a text with this hash may stand in, from two separate
    /// runs of the hash's bits: with one slot each, two of a page's
    /// commenters whose names share a slot push each other out at every
    /// line, each line then a miss.
    fn slots_of(hash: u64) -> [usize; 2] {
        [(hash >> 57) as usize, (hash >> 48) as usize & (ClassMemo::SLOTS - 1)]
    }

    /// The class the memo keeps for `text` (at most [`ClassMemo::MAX_LEN`]
    /// bytes), and whether no date can run to the text's end: that of an
    /// earlier line with the same bytes.
    ///
    /// The two slots are looked at one after the other, written out: an
    /// iterator over them was left as a call per line by the compiler, a
    /// sixth of what a memo hit for a numbered header line cost.
    #[inline(always)]
    fn find(&self, src: &str, text: &str) -> Option<(Kept, bool)> {
        let hash = ClassMemo::hash(text);
        let entry = self.entry(ClassMemo::slots_of(hash), hash, src, text)?;
        Some((entry.kept, entry.ends_no_date))
    }

    /// The entry that keeps `text` (whose hash is `hash`), in the first of
    /// its `slots` or else the second.
    #[inline(always)]
    fn entry(&self, [first, second]: [usize; 2], hash: u64, src: &str, text: &str) -> Option<&MemoEntry> {
        match self.entry_in(first, hash, src, text) {
            Some(entry) => Some(entry),
            None => self.entry_in(second, hash, src, text),
        }
    }

    /// The entry in `slot` when it keeps `text` (whose hash is `hash`).
    #[inline(always)]
    fn entry_in(&self, slot: usize, hash: u64, src: &str, text: &str) -> Option<&MemoEntry> {
        let entry = self.slots[slot].as_ref()?;
        let (at, len) = (entry.at as usize, entry.len as usize);
        (entry.hash == hash && len == text.len() && ClassMemo::same_bytes(&src.as_bytes()[at..at + len], text.as_bytes())).then_some(entry)
    }

    /// What `text`, starting at `base`, is: the class of an earlier line
    /// with the same bytes as the memo keeps it (`Err`, its ranges relative
    /// to the text's start), or what `classify_text` reads (`Ok`).
    fn class_of(&mut self, src: &str, text: &str, base: usize, classify_text: impl FnOnce() -> Class) -> Result<Class, Kept> {
        if text.len() > ClassMemo::MAX_LEN {
            return Ok(classify_text());
        }
        let hash = ClassMemo::hash(text);
        let slots = ClassMemo::slots_of(hash);
        if let Some(entry) = self.entry(slots, hash, src, text) {
            return Err(entry.kept);
        }
        let class = classify_text();
        // Prose rarely repeats and would push out the lines that do.
        if class == Class::Text || !class.starts_at_or_after(base) {
            return Ok(class);
        }
        let seen = &mut self.seen[(hash >> 56) as usize];
        if *seen == hash {
            // The first slot unless it is taken and the second is free.
            let slot = if self.slots[slots[0]].is_some() && self.slots[slots[1]].is_none() { slots[1] } else { slots[0] };
            let ends_no_date = !scan::may_be_date_to_end(text);
            self.slots[slot] =
                Some(MemoEntry { hash, at: base as u32, len: text.len() as u32, kept: Kept::of(class.moved(base, 0)), ends_no_date });
        } else {
            *seen = hash;
        }
        Ok(class)
    }
}

/// A class as [`ClassMemo`] keeps it: what [`LineClassifier`] stores of
/// it, a header's ranges relative to its text's start (a fifth of a
/// `Class`'s size, and given back without building a `Class`).
#[derive(Clone, Copy, Debug)]
enum Kept {
    /// A class that holds no range or count: `Blank`, `Noise`, `FormStart`,
    /// `SectionHeading` (`Text` is never kept).
    Plain(Kind),
    CountHeading(CountHeading),
    Header(StoredHeader),
    Footer(StoredHeader),
}

impl Kept {
    /// `class` (its ranges relative to its text's start) as the memo keeps it.
    fn of(class: Class) -> Kept {
        match class {
            Class::Blank => Kept::Plain(Kind::Blank),
            Class::Text => Kept::Plain(Kind::Text),
            Class::Noise => Kept::Plain(Kind::Noise),
            Class::FormStart => Kept::Plain(Kind::FormStart),
            Class::SectionHeading => Kept::Plain(Kind::SectionHeading),
            Class::CountHeading(c) => Kept::CountHeading(c),
            Class::Header(h) => Kept::Header(StoredHeader::store(h)),
            Class::Footer(h) => Kept::Footer(StoredHeader::store(h)),
        }
    }

    /// The class it keeps, its ranges moved to a text starting at `base`.
    #[cfg(test)]
    fn class(self, base: usize) -> Class {
        match self {
            Kept::Plain(Kind::Blank) => Class::Blank,
            Kept::Plain(Kind::Noise) => Class::Noise,
            Kept::Plain(Kind::FormStart) => Class::FormStart,
            Kept::Plain(Kind::SectionHeading) => Class::SectionHeading,
            Kept::Plain(_) => Class::Text,
            Kept::CountHeading(c) => Class::CountHeading(c),
            Kept::Header(h) => Class::Header(h.shifted(base as u32).load()),
            Kept::Footer(h) => Class::Footer(h.shifted(base as u32).load()),
        }
    }
}

impl Class {
    /// The class with every range moved by `to - from`.
    fn moved(self, from: usize, to: usize) -> Class {
        let shift = |r: Option<(usize, usize)>| r.map(|(s, e)| (s - from + to, e - from + to));
        let header = |h: Header| Header { author: shift(h.author), date: shift(h.date), ..h };
        match self {
            Class::Header(h) => Class::Header(header(h)),
            Class::Footer(h) => Class::Footer(header(h)),
            other => other,
        }
    }

    /// True when every range of the class starts at `base` or later, so
    /// that it can be kept relative to `base`.
    fn starts_at_or_after(self, base: usize) -> bool {
        let after = |r: Option<(usize, usize)>| r.is_none_or(|(s, _)| s >= base);
        match self {
            Class::Header(h) | Class::Footer(h) => after(h.author) && after(h.date),
            _ => true,
        }
    }
}

/// The class of `line`, whose text is `text` (the tests' way in: the
/// classifier takes a class the memo knew as it keeps it).
#[cfg(test)]
fn classify_line(src: &str, line: &Line, text: &str, memo: &mut ClassMemo) -> Class {
    classify_line_kept(src, line, text, memo).unwrap_or_else(|kept| kept.class(line.text_start()))
}

/// The class of `line`, whose text is `text`; a class the memo knew is given as it keeps it (`Err`).
#[inline(always)]
fn classify_line_kept(src: &str, line: &Line, text: &str, memo: &mut ClassMemo) -> Result<Class, Kept> {
    if line.is_blank() {
        return Ok(Class::Blank);
    }
    let base = line.text_start();
    if text.is_empty() {
        // A marker with nothing after it: an item whose header follows.
        return Ok(Class::Noise);
    }
    // "22. Oktober 2019 um 11:16 Uhr" opens with what looks like a list
    // number but is the day of a date line.
    if let Some(Marker::Number(_)) = line.marker() {
        // A numbered line whose text the memo knows ("12. Ann says:") is no
        // date when no date can run to its text's end and the line before
        // its text is ASCII. Why: the text is then ASCII too (the test
        // passes every other text), and so is the line from its number on,
        // which ends with the text; the marker leaves a space or tab before
        // the text, so the letter-and-digit runs at that line's end, which
        // `may_be_date_to_end` reads, are those at the text's end (a text of
        // one byte has none at its second last byte either way), and it
        // refuses the line as it refused the text.
        if text.len() <= ClassMemo::MAX_LEN {
            if let Some((kept, true)) = memo.find(src, text) {
                if src.as_bytes()[line.start()..base].is_ascii() {
                    return Err(kept);
                }
            }
        }
        let from_number = scan::trim_start_spaces(&src[line.start()..line.text_end()]);
        let date_len = if scan::may_be_date_to_end(from_number) { scan::scan_date(from_number) } else { 0 };
        if date_len > 0 && date_len + 1 >= from_number.len() {
            let start = line.text_end() - from_number.len();
            return Ok(Class::Header(Header { author: None, date: Some((start, start + date_len)), strong: false, number: None }));
        }
    }
    // Scanners read what a reader sees: html2text's link syntax and images
    // are taken out first, and what they find is mapped back to the source.
    // One look at the visible text (see `scan::LineGate` for why each of its
    // gates is sound) tells which scanners may accept it. Lines over 240
    // bytes are body text (see `classify_text`) and are not looked at.
    memo.class_of(src, text, base, || classify_unnumbered(text, base))
}

/// [`classify_line_kept`] for a line whose text is not a date after a list
/// number: what `text`, starting at `base`, is.
fn classify_unnumbered(text: &str, base: usize) -> Class {
    // Most lines are ASCII without a byte of markup: their gate is read in
    // the same pass that rules the markup out, and they are their visible text.
    let unmarked = if text.len() <= 240 { scan::LineGate::of_unmarked(text) } else { None };
    if unmarked.is_some_and(|gate| is_shut_text(text, gate)) {
        return Class::Text;
    }
    classify_unnumbered_gated(text, base, unmarked)
}

/// [`classify_unnumbered`] once [`scan::LineGate::of_unmarked`] has been
/// asked about `text`: `unmarked` is its answer for a text of at most 240
/// bytes, `None` for a longer one.
fn classify_unnumbered_gated(text: &str, base: usize, unmarked: Option<scan::LineGate>) -> Class {
    let gate_of = |t: &str| if t.len() > 240 { scan::LineGate::OPEN } else { scan::LineGate::of(t) };
    if let Some(gate) = unmarked {
        return classify_visible(text, gate, &gate_of, &|s, e| (base + s, base + e));
    }
    match markup::visible(text) {
        Some(visible) => {
            let shown = visible.text.trim_matches(is_space);
            let lead = visible.text.len() - visible.text.trim_start_matches(is_space).len();
            if shown.is_empty() {
                // Only an image or an empty link: furniture.
                return Class::Noise;
            }
            classify_visible(shown, gate_of(shown), &gate_of, &|s, e| {
                let (a, b) = visible.source_range(lead + s, lead + e);
                (base + a, base + b)
            })
        }
        None => classify_visible(text, gate_of(text), &gate_of, &|s, e| (base + s, base + e)),
    }
}

/// The header [`classify_unnumbered`] reads in `text` (starting at `base`)
/// when `text` is one calendar date and nothing else, found without the
/// line's gate; `None` says nothing.
///
/// Why it is that header: [`scan::LineGate::whole_date_len`] answers only
/// for an ASCII text of at most 64 bytes without a markup byte, so
/// `classify_unnumbered` takes its gate from `of_unmarked` and, the
/// `date_start` gate being open, goes on to [`classify_visible`].
/// `classify_text` answers alike for every gate of its text whose closed
/// gates' scanners refuse the text (a closed gate only skips a scanner that
/// refuses), and [`scan::LineGate::DATE_LINE`] is such a gate: every
/// scanner before the opening date is skipped; `scan_gated_date` reads the
/// whole text and says it settles the trailing date; `date_then_furniture`
/// finds no furniture after it; no furniture is trimmed, and the text ends
/// with the date's last byte, no space; so the trailing date is the whole
/// text, at 0, and a date at 0 is a header with that date and nothing else.
/// A text opening with "o " is left to the general path, which first reads
/// the rest as a header after a lynx bullet.
#[inline(always)]
fn whole_date_header(text: &str, base: usize) -> Option<Header> {
    let len = scan::LineGate::whole_date_len(text)?;
    (!text.starts_with("o ")).then_some(Header { author: None, date: Some((base, base + len)), strong: false, number: None })
}

/// True when `gate` (the gate of `text`, at most 240 bytes, read as it
/// stands) makes [`classify_visible`] answer [`Class::Text`] without its
/// calls (most prose lines). A shut gate makes `classify_text` answer `Text`
/// (the line is at most 240 bytes), and the two other readings of
/// `classify_visible` need an "o " opening or a trailing date joiner,
/// which this test leaves to it.
#[inline(always)]
fn is_shut_text(text: &str, gate: scan::LineGate) -> bool {
    gate.is_shut() && !text.starts_with("o ") && (!may_end_with_date_joiner(text) || without_trailing_date_joiner(text).is_none())
}

/// [`classify_text`] (`gate` is `text`'s), with two readings of what it misses: a header after
/// an "o" bullet, and a line it leaves as text that ends in a date's
/// joiner ("Ann Lee October 22, 2012 at", the time wrapped onto the next
/// line) is the header it is without that word, its date running to the
/// line's end ([`join_wrapped_dates`] takes the time from the next line).
fn classify_visible(
    text: &str,
    gate: scan::LineGate,
    gate_of: &dyn Fn(&str) -> scan::LineGate,
    to_source: &dyn Fn(usize, usize) -> (usize, usize),
) -> Class {
    // lynx and inscriptis draw a third level of bullets as the letter "o":
    // "o Björn 20.07.2015 // 13:37" is a reply's header. The letter is taken
    // for a bullet only where the rest names an author, as it also opens
    // sentences in some languages.
    if let Some(rest) = text.strip_prefix("o ") {
        let rest = rest.trim_start_matches(is_space);
        let skip = text.len() - rest.len();
        if let Class::Header(h) = classify_text(rest, gate_of(rest), &|s, e| to_source(skip + s, skip + e)) {
            if h.author.is_some() {
                return Class::Header(h);
            }
        }
    }
    let class = classify_text(text, gate, to_source);
    if class != Class::Text {
        return class;
    }
    let Some(stripped) = without_trailing_date_joiner(text) else { return class };
    match classify_text(stripped, gate_of(stripped), to_source) {
        Class::Header(mut h) if !h.strong && h.author.is_some() && h.date.is_some_and(|(_, e)| e == to_source(0, stripped.len()).1) => {
            h.date = h.date.map(|(s, _)| (s, to_source(0, text.len()).1));
            Class::Header(h)
        }
        _ => class,
    }
}

/// `text` without its last word when that word is one of the lexicon's
/// date joiners ("at", "um", "às") after a digit (every date the joiner
/// could end ends in one: a year, a day), trimmed; `None` otherwise.
fn without_trailing_date_joiner(text: &str) -> Option<&str> {
    const LONGEST_JOINER: usize = 4;
    // The last space stands among the last `LONGEST_JOINER + 1` bytes, or
    // the last word is too long: only those bytes are searched.
    let bytes = text.as_bytes();
    let from = bytes.len().saturating_sub(LONGEST_JOINER + 1);
    let space = from + bytes[from..].iter().rposition(|&b| b == b' ')?;
    let (rest, last) = (&text[..space], &text[space + 1..]);
    if last.len() > LONGEST_JOINER || !rest.as_bytes().last().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let joins = crate::lexicon::LANGUAGES.iter().any(|l| l.date_joiners.iter().any(|j| last.eq_ignore_ascii_case(j)));
    joins.then_some(rest)
}

/// False when `text` (ASCII, as a line whose gate is read is) holds no
/// digit among its sixth to second last bytes: [`without_trailing_date_joiner`]
/// shortens only lines with a digit just before the space before a last word
/// of at most four bytes, so that digit stands there. One load and a few
/// operations on eight bytes at once; lines under eight bytes are passed.
fn may_end_with_date_joiner(text: &str) -> bool {
    const LANES: u64 = u64::MAX / 255;
    let bytes = text.as_bytes();
    let Some(from) = bytes.len().checked_sub(8) else { return true };
    let x = u64::from_le_bytes(bytes[from..].try_into().expect("8 bytes"));
    // The high bit of each byte in `0..=9`; no sum carries between ASCII bytes.
    let digits = x.wrapping_add(LANES * (0x80 - u64::from(b'0'))) & !x.wrapping_add(LANES * (0x80 - u64::from(b'9') - 1)) & (LANES * 0x80);
    // Bytes 2 to 6 of the eight: the sixth to second last of the line.
    digits & 0x00FF_FFFF_FFFF_0000 != 0
}

/// Classifies a line by its visible text, skipping the scanners whose
/// `gate` (computed on `text`) is closed; `to_source` maps a byte range of
/// `text` to the absolute range of the input it shows.
#[inline(never)]
fn classify_text(text: &str, gate: scan::LineGate, to_source: &dyn Fn(usize, usize) -> (usize, usize)) -> Class {
    // Long lines are body text: every header form is short.
    if text.len() > 240 {
        return Class::Text;
    }
    // Every scanner below refuses the line (most prose lines).
    if gate.is_shut() {
        return Class::Text;
    }
    if gate.noise() && scan::is_noise(text) {
        return Class::Noise;
    }
    if let Some(heading) = gate.count_heading().then(|| scan::scan_count_heading(text)).flatten() {
        return Class::CountHeading(heading);
    }
    if gate.section_heading() && scan::is_section_heading(text) {
        return Class::SectionHeading;
    }
    if gate.form_start() && scan::is_form_start(text) {
        return Class::FormStart;
    }
    if let Some(((ns, ne), date)) = gate.posted_by().then(|| scan::scan_posted_by(text)).flatten() {
        return Class::Footer(Header {
            author: Some(to_source(ns, ne)),
            date: date.map(|(s, e)| to_source(s, e)),
            strong: true,
            number: None,
        });
    }
    if gate.says() && scan::is_bare_says(text) {
        return Class::Header(Header { strong: true, ..Header::default() });
    }
    if let Some((name_len, rest_at)) = gate.says().then(|| scan::scan_says(text)).flatten() {
        let rest = &text[rest_at..];
        let lead = rest.len() - rest.trim_start_matches(|c: char| is_space(c) || matches!(c, '|' | '(')).len();
        // Most verbs end the line: nothing is left to read a date from.
        let date_len = if lead < rest.len() { scan::scan_date(&rest[lead..]) } else { 0 };
        let mut date = (date_len > 0).then(|| to_source(rest_at + lead, rest_at + lead + date_len));
        // "On October 12, 2012 at 10:52 am Ann said:" gives the date first.
        let (name_from, name_to) = strip_name_decoration(&text[..name_len]).unwrap_or((0, 0));
        let mut name = (name_to > name_from).then_some((name_from, name_to));
        if let Some((date_at, n, name_at)) = scan::scan_on_date_name(&text[name_from..name_to]) {
            date = date.or(Some(to_source(name_from + date_at, name_from + date_at + n)));
            name = Some((name_from + name_at, name_to));
        }
        if let (None, Some((s, e))) = (date, name) {
            if let Some((name_len, date_at)) = split_name_and_date(&text[s..e]) {
                date = Some(to_source(s + date_at, e));
                name = Some((s, s + name_len));
            }
        }
        return Class::Header(Header { author: name.map(|(s, e)| to_source(s, e)), date, strong: true, number: None });
    }
    if let Some((date_at, date_len, name_at)) = gate.on_date_name().then(|| scan::scan_on_date_name(text)).flatten() {
        let name = strip_name_decoration(&text[name_at..]).map(|(s, e)| to_source(name_at + s, name_at + e));
        return Class::Header(Header { author: name, date: Some(to_source(date_at, date_at + date_len)), strong: false, number: None });
    }
    // The opening date is read once: when it is the whole line, it also
    // settles the trailing date below.
    let (leading_date, settles_trailing) = if gate.date_start() { scan::scan_gated_date(text, gate) } else { (0, false) };
    let date_len = scan::date_then_furniture(text, leading_date);
    if date_len > 0 {
        return Class::Header(Header { date: Some(to_source(0, date_len)), ..Header::default() });
    }
    // A line ending with an ASCII byte other than space and tab ends with
    // no space (nearly every line: the line's text is trimmed already).
    let ends_unspaced = text.as_bytes().last().is_some_and(|&b| b.is_ascii() && b != b' ' && b != b'\t');
    let text = match gate.trailing_furniture() {
        true => scan::trim_trailing_furniture(text),
        false if ends_unspaced => text,
        false => text.trim_end_matches(is_space),
    };
    if !gate.trailing_furniture() && !gate.trailing_date() {
        return Class::Text;
    }
    let whole_date = (!gate.trailing_furniture() && leading_date == text.len())
        .then(|| if settles_trailing { Some(Some(0)) } else { scan::trailing_date_of_whole_date(text) })
        .flatten();
    if let Some(at) = whole_date.unwrap_or_else(|| scan::find_trailing_date(text)) {
        let date = Some(to_source(at, text.trim_end_matches(is_space).len()));
        if at == 0 {
            return Class::Header(Header { author: None, date, strong: false, number: None });
        }
        let name_part = trim_author_joiner(&text[..at]);
        if let Some((s, e)) = strip_name_decoration(name_part) {
            // "[avatar] 12 Ann Lee November 8, 2012": the comment's number
            // stands between the avatar and the name.
            let (number, skip) = leading_number(&name_part[s..e]);
            let (s, name) = (s + skip, &name_part[s + skip..e]);
            // "By Ann Lee October 19, 2012" is the post's byline, not a comment.
            if scan::is_name_like(name) && !scan::starts_with_byline(name) {
                return Class::Header(Header { author: Some(to_source(s, e)), date, strong: false, number });
            }
        }
    }
    Class::Text
}

/// "Ann Lee on September 2, 2012 at 8:06 pm" (before "said:"): the name's
/// length without the joiner, and where the date that ends it starts.
fn split_name_and_date(name: &str) -> Option<(usize, usize)> {
    let at = scan::find_trailing_date(name).filter(|&at| at > 0)?;
    let before = trim_author_joiner(&name[..at]);
    (!before.is_empty() && scan::is_name_like(before)).then_some((before.len(), at))
}

/// A comment number opening `name` ("12 Ann Lee"), and the bytes it takes
/// with the space after it; `(None, 0)` when there is none.
fn leading_number(name: &str) -> (Option<u32>, usize) {
    let digits = name.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 5 {
        return (None, 0);
    }
    let rest = &name[digits..];
    let after = rest.trim_start_matches(is_space);
    if after.len() == rest.len() || after.is_empty() {
        return (None, 0);
    }
    (name[..digits].parse().ok(), name.len() - after.len())
}

/// Drops a joiner between an author and the date that follows: "NAME on", "NAME |", "NAME -".
fn trim_author_joiner(s: &str) -> &str {
    let mut t = s.trim_end_matches(is_space);
    loop {
        let before = t.len();
        t = t.trim_end_matches([',', '|', '-', '–', '—', '·', '@']).trim_end_matches(is_space);
        for lang in crate::lexicon::LANGUAGES {
            for joiner in lang.author_date_joiners {
                if t.len() > joiner.len() {
                    let cut = t.len() - joiner.len();
                    if t.is_char_boundary(cut) && t[cut..].eq_ignore_ascii_case(joiner) && t[..cut].ends_with(is_space) {
                        t = t[..cut].trim_end_matches(is_space);
                    }
                }
            }
        }
        if t.len() == before {
            return t;
        }
    }
}

/// The author's range within `name`, without decoration text browsers add
/// around it (image placeholders like "[IMG]", surrounding punctuation).
fn strip_name_decoration(name: &str) -> Option<(usize, usize)> {
    let mut start = 0;
    let mut rest = name;
    loop {
        let trimmed = rest.trim_start_matches(is_space);
        start += rest.len() - trimmed.len();
        rest = trimmed;
        if rest.starts_with('[') {
            if let Some(close) = rest.find(']') {
                start += close + 1;
                rest = &rest[close + 1..];
                continue;
            }
        }
        // An avatar's alternative text left as an e-mail address before the
        // name ("ann@example.com'ann@example.com' Ann says:").
        let token_len = scan::first_space(rest);
        // (An address holds an `@`: most names are refused by one byte search.)
        if token_len < rest.len() && rest.as_bytes()[..token_len].contains(&b'@') && is_email_like(&rest[..token_len]) {
            start += token_len;
            rest = &rest[token_len..];
            continue;
        }
        break;
    }
    let trimmed = rest.trim_end_matches(|c: char| is_space(c) || matches!(c, ',' | ':' | '|'));
    (!trimmed.is_empty()).then_some((start, start + trimmed.len()))
}

/// The author a bare name line gives: its text without an image
/// placeholder or avatar address before the name ("[682c5d] gregorylent").
/// A line with link markup ("[Ann](http://…)") is kept whole: its visible
/// text is the name, and `clean_author` reads it so.
fn name_line_author(src: &str, line: &Line) -> (usize, usize) {
    let (at, text) = (line.text_start(), line.text(src));
    let whole = (at, line.text_end());
    if markup::has_markup(text) {
        return number_before_linked_name(text).map_or(whole, |s| (at + s, line.text_end()));
    }
    strip_name_decoration(text).map_or(whole, |(s, e)| (at + s, at + e))
}

/// Where the link holding the name starts in a name line whose visible
/// text opens with the comment's number outside that link: html2text
/// prints a WordPress theme's comment number before the linked name ("7
/// [Ann Lee](http://…)"), and the number is no part of the name (digits
/// inside the link are). `None` for any other line.
fn number_before_linked_name(text: &str) -> Option<usize> {
    let visible = markup::visible(text)?;
    let shown = visible.text.trim_start_matches(is_space);
    let lead = visible.text.len() - shown.len();
    let (Some(_), skip) = leading_number(shown) else { return None };
    let (name_at, _) = visible.source_range(lead + skip, lead + skip + 1);
    (name_at > 0 && text.as_bytes()[name_at - 1] == b'[').then_some(name_at - 1)
}

/// True for a token that holds an e-mail address: text, `@`, a domain with a dot.
fn is_email_like(token: &str) -> bool {
    token.split_once('@').is_some_and(|(user, domain)| !user.is_empty() && domain.contains('.') && !domain.ends_with('.'))
}

/// Where the comment list lies, as line indices.
#[derive(Clone, Copy, Debug, Default)]
struct Section {
    /// The heading line ("15 Responses to …"), if there is one.
    heading: Option<usize>,
    /// First line that may belong to a comment.
    start: usize,
    /// One past the last line that may belong to a comment.
    end: usize,
    /// True when the list was found by its bare-name items: its list markers
    /// open the comments even where no header line does.
    name_items: bool,
    /// True when those items' bodies stand at or left of their markers
    /// (html2text's Disqus lists), so that [`indent_flush_bodies`] must set
    /// them under their markers before the list is cut into comments.
    flush_bodies: bool,
    /// True when the list was found as name paragraphs (a browser's copy of
    /// a Disqus thread, see [`name_paragraph_section`]): each opens a comment.
    name_paragraphs: bool,
}

/// True for a comment's header or footer line.
fn is_header_kind(c: &Kind) -> bool {
    matches!(c, Kind::Header(_) | Kind::Footer(_))
}

/// For the count heading at line `i`, what [`find_section`] asks: the
/// first line under it that is no blank, noise or heading (the end of its
/// row of headings; the text's line count when there is none), and whether
/// a header follows the heading: that line, or the first header or heading
/// after it, being a header.
fn heading_row_followed(classes: &Classes, i: usize) -> (usize, bool) {
    let in_row = |c: &Kind| matches!(c, Kind::Blank | Kind::Noise | Kind::CountHeading(_));
    let Some(row_end) = classes[i + 1..].iter().position(|c| !in_row(c)).map(|k| i + 1 + k) else {
        return (classes.len(), false);
    };
    let next_header_or_heading = classes[row_end + 1..].iter().find(|c| matches!(c, Kind::CountHeading(_)) || is_header_kind(c));
    (row_end, is_header_kind(&classes[row_end]) || next_header_or_heading.is_some_and(is_header_kind))
}

/// Pass 2: finds the comment section: after the first count heading that
/// has comment headers after it (or the first header), up to the comment
/// form that follows the comments.
fn find_section(src: &str, lines: &[Line], classes: &Classes) -> Section {
    let is_header = is_header_kind;
    // Without a heading the list starts at the first header that names an
    // author: a date line alone is as likely the article's own date.
    let names_author = |c: &Kind| match c {
        Kind::Header(id) => classes.header(*id).author.is_some(),
        Kind::Footer(_) => true,
        _ => false,
    };
    let first_header = classes.iter().position(names_author).or_else(|| classes.iter().position(is_header));
    // A heading counts when a header follows it before the next heading; a
    // form start right under it ("Comments are closed.") does not end the
    // list, nor do the headings of a row of tabs right under it
    // ("4 Antworten" / "Kommentare4" / "Pingbacks0").
    //
    // So a heading's answer depends only on the first line under it that is
    // no blank, noise or heading (`row_end`): a header there, or a header
    // before the next heading after it. Every heading of one row shares
    // that line and the answer, which is read once per row, so that a text
    // of nothing but headings is read in linear time, not in time that
    // grows with the square of their number.
    let mut row: Option<(usize, bool)> = None;
    let heading = classes.iter().enumerate().position(|(i, c)| {
        if !matches!(c, Kind::CountHeading(_)) {
            return false;
        }
        // A heading under the previous one in the same row shares its answer.
        if row.is_none_or(|(row_end, _)| row_end <= i) {
            row = Some(heading_row_followed(classes, i));
        }
        row.is_some_and(|(_, followed)| followed)
    });
    let heading = heading.or_else(|| {
        // A bare "Comments" heading counts when comments follow it, before
        // any form start: the first header or form start under it decides,
        // and it decides for every such heading above it too (read once).
        let mut next_stop: Option<(usize, bool)> = None;
        classes.iter().enumerate().position(|(i, c)| {
            if !matches!(c, Kind::SectionHeading) {
                return false;
            }
            if next_stop.is_none_or(|(stop, _)| stop <= i) {
                let stop = classes[i + 1..].iter().position(|c| matches!(c, Kind::FormStart) || is_header(c)).map(|k| i + 1 + k);
                next_stop = Some(stop.map_or((classes.len(), false), |stop| (stop, is_header(&classes[stop]))));
            }
            next_stop.is_some_and(|(_, header)| header)
        })
    });
    if heading.is_none() {
        // With no heading, a list of bare-name items wins over stray header
        // lines (an article's byline) when it holds more comments than they do.
        let names = name_item_section(src, lines, classes);
        if names.start < names.end {
            let items = (names.start..names.end).filter(|&i| lines[i].marker().is_some() && classes[i] == Kind::Text).count();
            let headers = (0..names.start).filter(|&i| is_header(&classes[i])).count();
            if headers * 2 < items {
                return names;
            }
        } else if let Some(names) = name_paragraph_section(src, lines, classes) {
            let items = (names.start..names.end).filter(|&i| is_name_paragraph(src, lines, classes, i)).count();
            let headers = (0..names.start).filter(|&i| is_header(&classes[i])).count();
            if headers * 2 < items {
                return names;
            }
        }
    }
    let start = match (heading, first_header) {
        (Some(h), _) => h + 1,
        (None, Some(f)) => name_line_before(src, lines, classes, f).unwrap_or_else(|| first_comment_line_before(classes, f)),
        (None, None) => {
            // No header at all: a heading alone may still open a list of
            // anonymous numbered comments; otherwise there is no section.
            match classes.iter().position(|c| matches!(c, Kind::CountHeading(_))) {
                Some(h) => {
                    return Section {
                        heading: Some(h),
                        start: h + 1,
                        end: end_after(classes, h + 1),
                        name_items: false,
                        flush_bodies: false,
                        name_paragraphs: false,
                    }
                }
                None => {
                    let names = name_item_section(src, lines, classes);
                    return match names.start < names.end {
                        true => names,
                        false => name_paragraph_section(src, lines, classes).unwrap_or(names),
                    };
                }
            }
        }
    };
    let end = end_after(classes, start);
    Section { heading, start, end, name_items: false, flush_bodies: false, name_paragraphs: false }
}

/// A comment list with no heading and no header line: list items that open
/// with a bare name, then a blank line, then the body indented under the
/// marker ("• Amy D." / "" / "    Love this."). Two such items make a list;
/// it ends at the first text line back at or left of the markers' column.
fn name_item_section(src: &str, lines: &[Line], classes: &Classes) -> Section {
    let none =
        Section { heading: None, start: classes.len(), end: classes.len(), name_items: false, flush_bodies: false, name_paragraphs: false };
    let is_name_item = |i: usize| is_name_item(src, lines, classes, i);
    // The first list of two or more such items, up to the first text line
    // back at the markers' column.
    let back_at_column =
        |first: usize, j: usize| !lines[j].is_blank() && lines[j].indent() <= lines[first].indent() && lines[j].marker().is_none();
    match first_list(lines.len(), is_name_item, back_at_column, |first, end| (first + 1..end).any(is_name_item)) {
        Some((start, end)) => mixed_name_section(src, lines, classes, start, end).unwrap_or(Section {
            heading: None,
            start,
            end,
            name_items: true,
            flush_bodies: false,
            name_paragraphs: false,
        }),
        None => flush_name_item_section(src, lines, classes).unwrap_or(none),
    }
}

/// lynx's rendering of a Disqus thread without nesting columns: comments
/// that have replies print as bare-name list items ("* h4rm0ny" with the
/// body under the marker), the others as name paragraphs at the marker's
/// column with the body at the page's margin ("Ncrdrg" / "" / "Yes, as
/// much …"), and the two kinds mix. Where the name items `start..end` are
/// followed by two or more name paragraphs, the section runs on over both
/// kinds (each opens a comment, [`segment_name_paragraphs`]) up to the
/// first line left of the bodies' margin (lynx prints headings at column
/// 0), a list that is not a name item after a blank line, or a line that
/// is neither text nor blank.
fn mixed_name_section(src: &str, lines: &[Line], classes: &Classes, start: usize, end: usize) -> Option<Section> {
    const MIN_PARAGRAPHS: usize = 2;
    let first_paragraph = (end..lines.len()).find(|&j| !lines[j].is_blank())?;
    // The name stands at the markers' column, its body left of it.
    let column = lines[start].indent();
    if lines[first_paragraph].indent() != column || !is_name_paragraph(src, lines, classes, first_paragraph) {
        return None;
    }
    let margin = (first_paragraph + 1..lines.len()).find(|&j| !lines[j].is_blank()).map(|j| lines[j].indent())?;
    if margin >= column {
        return None;
    }
    let ends = |j: usize| {
        let line = &lines[j];
        !matches!(classes[j], Kind::Text | Kind::Blank)
            || !line.is_blank() && line.indent() < margin
            || line.has_marker() && lines[j - 1].is_blank() && !is_name_item(src, lines, classes, j)
    };
    let end = (first_paragraph + 1..lines.len()).find(|&j| ends(j)).unwrap_or(lines.len());
    let paragraphs = (first_paragraph..end).filter(|&j| is_name_paragraph(src, lines, classes, j)).count();
    (paragraphs >= MIN_PARAGRAPHS).then_some(Section {
        heading: None,
        start,
        end,
        name_items: true,
        flush_bodies: false,
        name_paragraphs: true,
    })
}

/// The first list of items `is_item` finds: from an item up to the first
/// later line `ends(first, line)` marks, taken when `holds(first, end)`
/// accepts it, else looked for again after it. The start and end lines of
/// the list, `None` when none is taken.
fn first_list(
    len: usize,
    is_item: impl Fn(usize) -> bool,
    ends: impl Fn(usize, usize) -> bool,
    holds: impl Fn(usize, usize) -> bool,
) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(first) = (from..len).find(|&i| is_item(i)) {
        let end = (first + 1..len).find(|&j| ends(first, j)).unwrap_or(len);
        if holds(first, end) {
            return Some((first, end));
        }
        from = end.max(first + 1);
    }
    None
}

/// A list of two or more bare-name items whose bodies follow a blank line
/// at the left margin rather than under the marker, as html2text prints a
/// Disqus thread ("  * Ann" / "" / "Love this." / "    * Bob" / "" / "Thanks!").
/// It runs up to the first list item that is no such item, or the form.
fn flush_name_item_section(src: &str, lines: &[Line], classes: &Classes) -> Option<Section> {
    let is_item = |i: usize| is_flush_name_item(src, lines, classes, i);
    let ends = |_: usize, j: usize| {
        matches!(classes[j], Kind::FormStart | Kind::CountHeading(_) | Kind::SectionHeading) || lines[j].marker().is_some() && !is_item(j)
    };
    let (start, end) = first_list(lines.len(), is_item, ends, |first, end| (first + 1..end).any(|i| lines[i].marker().is_some()))?;
    Some(Section { heading: None, start, end, name_items: true, flush_bodies: true, name_paragraphs: false })
}

/// Whether line `i` is a list item holding a bare name (an address before
/// the name is kept: Disqus links the name), with a blank line and then a
/// body at or left of the marker's column.
fn is_flush_name_item(src: &str, lines: &[Line], classes: &Classes, i: usize) -> bool {
    // A heading in the item ("* #### Categories") titles a sidebar widget.
    !lines[i].text(src).starts_with('#')
        && name_item_body(src, lines, classes, i).is_some_and(|j| j > i + 1 && lines[j].indent() <= lines[i].indent())
}

/// Sets the lines of a flush-bodied name list (see [`Section::flush_bodies`])
/// at the column after their item's marker, where the list's other
/// renderings print them, so that the list is cut as any name list is.
/// Only the column changes: every line keeps its bytes and its text.
fn indent_flush_bodies(lines: &mut [Line], section: Section) {
    let mut body_col = None;
    for line in &mut lines[section.start..section.end] {
        if line.has_marker() {
            body_col = Some(line.indent() + 2);
        } else if let Some(col) = body_col.filter(|&col| !line.is_blank() && line.indent() < col) {
            *line = line.with_indent(col);
        }
    }
}

/// A browser's copy of a Disqus thread: each comment a one-line paragraph
/// holding only its author's name ("h4rm0ny", "http://twitter.com/ann Ann
/// Lee"), then the body's paragraphs, with no list, marker or header line.
/// A run of at least three such names, with only text between them and at
/// least one name coming back (people answer each other: a column of
/// headings in an article does not repeat), is the list; it ends at the
/// first line that is neither text nor blank.
fn name_paragraph_section(src: &str, lines: &[Line], classes: &Classes) -> Option<Section> {
    const MIN_NAMES: usize = 3;
    const MIN_ADDRESSED: usize = 2;
    let is_name = |i: usize| is_name_paragraph(src, lines, classes, i);
    let ends = |_: usize, j: usize| !matches!(classes[j], Kind::Text | Kind::Blank);
    let holds = |first: usize, end: usize| {
        let names: Vec<String> = (first..end).filter(|&j| is_name(j)).map(|j| crate::lexicon::fold(lines[j].text(src))).collect();
        let repeats = names.iter().enumerate().any(|(k, n)| names[..k].contains(n));
        // Disqus links a commenter's name to a profile, and a browser's copy
        // prints the address before the name ("http://twitter.com/ann Ann"):
        // an article's short paragraphs never open so.
        let addressed = names.iter().filter(|n| n.split_once(' ').is_some_and(|(address, _)| address.contains("://"))).count();
        names.len() >= MIN_NAMES && (repeats || addressed >= MIN_ADDRESSED)
    };
    let (start, end) = first_list(lines.len(), is_name, ends, holds)?;
    Some(Section { heading: None, start, end, name_items: false, flush_bodies: false, name_paragraphs: true })
}

/// Whether line `i` is a paragraph of one line holding only a name (an
/// address before it is kept: Disqus links the name) with a text paragraph
/// after it. Furniture or the form may stand right above it.
fn is_name_paragraph(src: &str, lines: &[Line], classes: &Classes, i: usize) -> bool {
    const LONGEST_NAME: usize = 40;
    const MOST_WORDS: usize = 4;
    let line = &lines[i];
    if classes[i] != Kind::Text || line.has_marker() || line.heading() > 0 {
        return false;
    }
    let opens_paragraph =
        i == 0 || matches!(classes[i - 1], Kind::Blank | Kind::Noise | Kind::FormStart | Kind::SectionHeading | Kind::CountHeading(_));
    if !opens_paragraph || !lines.get(i + 1).is_some_and(Line::is_blank) {
        return false;
    }
    let text = line.text(src);
    let name = match text.split_once(' ') {
        Some((address, rest)) if address.contains("://") => rest,
        _ => text,
    };
    // A name holds no sentence punctuation, in any script.
    let punctuated = name.contains([',', ';', '!', '?', '，', '。', '！', '？', '：', '；', '、']);
    if punctuated
        || name.chars().count() > LONGEST_NAME
        || name.split(is_space).filter(|w| !w.is_empty()).count() > MOST_WORDS
        || !scan::is_name_like(name)
    {
        return false;
    }
    let Some(j) = (i + 2..lines.len().min(i + 4)).find(|&j| !lines[j].is_blank()) else { return false };
    classes[j] == Kind::Text && !lines[j].has_marker()
}

/// Cuts a name-paragraph list (see [`name_paragraph_section`]) into
/// comments: each name opens one, and its body runs to the next name.
fn segment_name_paragraphs(src: &str, lines: &[Line], classes: &Classes, section: Section) -> Vec<Draft> {
    // In a mixed list (see [`mixed_name_section`]) name items open
    // comments too; they stand further in than the name paragraphs, at
    // their marker's column, and so nest under the comment above them.
    let is_item = |i: usize| section.name_items && is_name_item(src, lines, classes, i);
    let names: Vec<usize> = (section.start..section.end).filter(|&i| is_name_paragraph(src, lines, classes, i) || is_item(i)).collect();
    let mut drafts = Vec::with_capacity(names.len());
    for (k, &name) in names.iter().enumerate() {
        let next = names.get(k + 1).copied().unwrap_or(section.end);
        let mut d = if is_item(name) { Draft::new(&lines[name]) } else { Draft::default() };
        d.header_lines.push(name as LineIx);
        d.author = narrow(Some(name_line_author(src, &lines[name])));
        // The body: the lines after the name, without the blank lines
        // around it (they lie between comments).
        let first = (name + 1..next).find(|&j| !lines[j].is_blank());
        let last = (name + 1..next).rev().find(|&j| !lines[j].is_blank());
        if let (Some(first), Some(last)) = (first, last) {
            d.body_lines = (first..=last).map(|j| j as LineIx).collect();
        }
        flush(&mut drafts, Some(d));
    }
    drafts
}

/// Whether line `i` is a list item holding a bare name, with a blank line
/// and then the body indented under the marker.
fn is_name_item(src: &str, lines: &[Line], classes: &Classes, i: usize) -> bool {
    name_item_body(src, lines, classes, i).is_some_and(|j| {
        // A blank line under the name, or (lynx keeps none) a body line far
        // longer than the name.
        let apart = j > i + 1 || outgrows_name(src, &lines[j], &lines[i]);
        apart && lines[j].indent() > lines[i].indent()
    })
}

/// The first line of the body under a list item holding a bare name: the
/// next text line without a marker, at most one blank line down; `None`
/// when line `i` is no such item or no such line follows. Where the body
/// stands decides which kind of name list the item belongs to.
fn name_item_body(src: &str, lines: &[Line], classes: &Classes, i: usize) -> Option<usize> {
    let line = &lines[i];
    if line.marker().is_none() || classes[i] != Kind::Text || !scan::is_name_like(line.text(src)) {
        return None;
    }
    let j = (i + 1..lines.len().min(i + 3)).find(|&j| !lines[j].is_blank())?;
    (lines[j].marker().is_none() && classes[j] == Kind::Text).then_some(j)
}

/// True when `body` is the line under a name, not the rest of a sentence
/// wrapped after a short first line: a wrapped line ends near the width the
/// line under it fills, and a renderer wraps a line only when the next word
/// does not fit on it, so `body` is far longer than `name`, or its first
/// word would have fitted after `name` on the narrowest width renderers use.
fn outgrows_name(src: &str, body: &Line, name: &Line) -> bool {
    const WRAP_MARGIN: usize = 30;
    const NARROWEST_WRAP: usize = 64;
    let (name_text, body_text) = (name.text(src), body.text(src));
    let name_end = text_col(src, name) as usize + name_text.chars().count();
    let first_word = body_text.split(is_space).next().unwrap_or("").chars().count();
    body_text.chars().count() > name_text.chars().count() + WRAP_MARGIN || name_end + 1 + first_word < NARROWEST_WRAP
}

/// The name line of a date-only header at `date_line`: the text line a
/// blank line or two above it, a paragraph of its own holding a name.
fn name_line_before(src: &str, lines: &[Line], classes: &Classes, date_line: usize) -> Option<usize> {
    let Kind::Header(id) = classes[date_line] else { return None };
    if !matches!(classes.header(id), Header { author: None, date: Some(_), .. }) {
        return None;
    }
    let j = (date_line.saturating_sub(3)..date_line).rev().find(|&j| classes[j] != Kind::Blank)?;
    // A heading ends the paragraph above the name as a blank line does: a
    // browser's copy prints the first comment's name right under the count
    // heading ("11 comments to …" / " gregorylent").
    let alone = j == 0
        || matches!(classes[j - 1], Kind::Blank | Kind::Noise | Kind::CountHeading(_) | Kind::SectionHeading)
        || lines[j].marker().is_some();
    // The name is read as a reader sees it: html2text may print an avatar's
    // link and a long profile address around it.
    (classes[j] == Kind::Text && alone && scan::is_name_like(&markup::visible_text(lines[j].text(src)))).then_some(j)
}

/// The first line of the list that a header at `first` opens: a marker line
/// with nothing or an image before it belongs to the same item.
fn first_comment_line_before(classes: &Classes, first: usize) -> usize {
    let mut at = first;
    while at > 0 && matches!(classes[at - 1], Kind::Noise) {
        at -= 1;
    }
    at
}

/// The line where the comment list ends: the first form start after `from`
/// that has a comment before it, or the end of the text.
fn end_after(classes: &Classes, from: usize) -> usize {
    let mut seen_text = false;
    for (i, c) in classes.iter().enumerate().skip(from) {
        match c {
            Kind::Header(_) | Kind::Footer(_) => {
                // With a header (and so text) seen, only a form start or a
                // second comments heading ends the list: one plain search
                // for either, as the list runs over most of the page.
                let rest = first_kind(&classes[i + 1..], |c| matches!(c, Kind::FormStart | Kind::SectionHeading));
                return rest.map_or(classes.len(), |k| i + 1 + k);
            }
            Kind::Text => seen_text = true,
            // A second comments heading after the list is another widget's
            // ("Popular", "Recent comments" tabs), not more of this list.
            Kind::SectionHeading if seen_text => return i,
            _ => {}
        }
    }
    // A form start with no header before it still ends a list of anonymous
    // comments when nothing else does.
    classes.iter().enumerate().skip(from).find(|(_, c)| matches!(c, Kind::FormStart)).map_or(classes.len(), |(i, _)| i)
}

/// The index of the first kind `hit` accepts, as `position` gives it, read
/// eight kinds at a time without a branch per kind (a search that runs over
/// most of the page's lines); the chunk that holds a hit is searched again.
fn first_kind(kinds: &[Kind], hit: impl Fn(&Kind) -> bool) -> Option<usize> {
    let mut chunks = kinds.chunks_exact(8);
    let mut at = 0;
    for chunk in chunks.by_ref() {
        if chunk.iter().fold(false, |any, kind| any | hit(kind)) {
            return chunk.iter().position(&hit).map(|k| at + k);
        }
        at += 8;
    }
    chunks.remainder().iter().position(&hit).map(|k| at + k)
}

/// A line's index in a draft's lists: `u32`, as line offsets are (half the
/// memory of `usize` for every body line of every comment).
type LineIx = u32;

/// A draft's list of line indices, in order of insertion: up to `N` held in
/// place, more in a vector. Most comments have two or three header lines
/// and a dozen body lines, so that most drafts cost no allocation (a
/// megabyte of text holds some 3,000 comments).
#[derive(Clone, Debug)]
enum LineList<const N: usize> {
    Inline { len: u8, items: [LineIx; N] },
    Heap(Vec<LineIx>),
}

impl<const N: usize> Default for LineList<N> {
    fn default() -> Self {
        LineList::Inline { len: 0, items: [0; N] }
    }
}

impl<const N: usize> LineList<N> {
    fn push(&mut self, index: LineIx) {
        match self {
            LineList::Inline { len, items } if usize::from(*len) < N => {
                items[usize::from(*len)] = index;
                *len += 1;
            }
            LineList::Inline { items, .. } => {
                let mut heap = Vec::with_capacity(2 * N);
                heap.extend_from_slice(items);
                heap.push(index);
                *self = LineList::Heap(heap);
            }
            LineList::Heap(heap) => heap.push(index),
        }
    }

    fn pop(&mut self) -> Option<LineIx> {
        match self {
            LineList::Inline { len: 0, .. } => None,
            LineList::Inline { len, items } => {
                *len -= 1;
                Some(items[usize::from(*len)])
            }
            LineList::Heap(heap) => heap.pop(),
        }
    }

    /// Removes the first `count` indices.
    fn drop_front(&mut self, count: usize) {
        match self {
            LineList::Inline { len, items } => {
                items.copy_within(count..usize::from(*len), 0);
                *len -= count as u8;
            }
            LineList::Heap(heap) => {
                heap.drain(..count);
            }
        }
    }

    fn retain(&mut self, mut keep: impl FnMut(LineIx) -> bool) {
        match self {
            LineList::Inline { len, items } => {
                let mut kept = 0;
                for k in 0..usize::from(*len) {
                    if keep(items[k]) {
                        items[kept] = items[k];
                        kept += 1;
                    }
                }
                *len = kept as u8;
            }
            LineList::Heap(heap) => heap.retain(|&i| keep(i)),
        }
    }

    /// Drops the spare room of a list that outgrew its place, as a finished
    /// draft keeps its lists to the end of the parse.
    fn shrink_to_fit(&mut self) {
        if let LineList::Heap(heap) = self {
            heap.shrink_to_fit();
        }
    }
}

/// Two lists are equal when they hold the same indices, wherever they keep them.
impl<const N: usize> PartialEq for LineList<N> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<const N: usize> Eq for LineList<N> {}

impl<const N: usize> std::ops::Deref for LineList<N> {
    type Target = [LineIx];

    fn deref(&self) -> &[LineIx] {
        match self {
            LineList::Inline { len, items } => &items[..usize::from(*len)],
            LineList::Heap(heap) => heap,
        }
    }
}

impl<const N: usize> std::ops::DerefMut for LineList<N> {
    fn deref_mut(&mut self) -> &mut [LineIx] {
        match self {
            LineList::Inline { len, items } => &mut items[..usize::from(*len)],
            LineList::Heap(heap) => heap,
        }
    }
}

impl<'a, const N: usize> IntoIterator for &'a LineList<N> {
    type Item = &'a LineIx;
    type IntoIter = std::slice::Iter<'a, LineIx>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<const N: usize> FromIterator<LineIx> for LineList<N> {
    fn from_iter<I: IntoIterator<Item = LineIx>>(iter: I) -> Self {
        let mut list = LineList::default();
        for index in iter {
            list.push(index);
        }
        list.shrink_to_fit();
        list
    }
}

/// One comment while it is being cut out of the section.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Draft {
    /// Lines that name its author, date or number.
    header_lines: LineList<4>,
    /// Lines of its body (blank lines inside included).
    body_lines: LineList<15>,
    /// The column that places it in the reply tree.
    anchor_col: u32,
    /// The column its body text starts at, once known.
    body_col: Option<u32>,
    number: Option<u32>,
    /// The author's byte range, `u32` like all offsets (drafts are many).
    author: Option<(u32, u32)>,
    date: Option<(u32, u32)>,
    /// True when a strong author line ("NAME says:") named the author.
    strong_author: bool,
    /// True when the item opened on a list marker.
    marker_item: bool,
    /// The indentation of its first body line that has no marker: where the
    /// item's continuation lines sit.
    cont_col: Option<u32>,
}

/// The spans of a draft's header lines, body and whole extent.
#[derive(Debug)]
struct Measured {
    headers: HeaderSpans,
    body_span: Span,
    span: Span,
    number: Option<u32>,
}

impl Draft {
    fn new(line: &Line) -> Draft {
        Draft {
            anchor_col: line.indent(),
            marker_item: line.marker().is_some(),
            number: match line.marker() {
                Some(Marker::Number(n)) => Some(n),
                _ => None,
            },
            ..Draft::default()
        }
    }

    fn take_header(&mut self, index: usize, header: &Header) {
        self.header_lines.push(index as LineIx);
        if self.author.is_none() {
            self.author = narrow(header.author);
            self.strong_author = header.strong && header.author.is_some();
        }
        if self.date.is_none() {
            self.date = narrow(header.date);
        }
        if self.number.is_none() {
            self.number = header.number;
        }
    }

    /// Drops the blank lines that open its body, which belong between comments.
    fn drop_leading_blank_lines(&mut self, classes: &Classes) {
        let blanks = self.body_lines.iter().take_while(|&&i| classes[i as usize] == Kind::Blank).count();
        self.body_lines.drop_front(blanks);
    }

    /// Its body lines that hold text (not blank), in order.
    fn text_lines<'a>(&'a self, classes: &'a Classes) -> impl DoubleEndedIterator<Item = usize> + 'a {
        self.body_lines.iter().map(|&i| i as usize).filter(|&i| classes[i] != Kind::Blank)
    }

    fn has_body_text(&self, classes: &Classes) -> bool {
        self.text_lines(classes).next().is_some()
    }
}

/// Pass 3: cuts the section into comments whose header comes first.
/// `header_count` is the number of header lines in the section.
fn segment(src: &str, lines: &[Line], classes: &Classes, section: Section, header_count: usize) -> Vec<Draft> {
    let range = section.start..section.end;
    // Lists carry the comments when some header line sits on a list marker,
    // or when there is no header at all (anonymous numbered comments). The
    // first such header settles it, so the search stops there.
    let marker_headers = range.clone().any(|i| {
        matches!(classes[i], Kind::Header(_))
            // On the marker, or just under an empty or image-only marker
            // line, maybe with the author's name line between.
            && (lines[i].marker().is_some()
                || (1..=2).any(|k| i >= k && lines[i - k].marker().is_some() && classes[i - k] == Kind::Noise))
    });
    let marker_driven = marker_headers || header_count == 0 || section.name_items;

    // Most comments open on a header line: room for as many drafts as the
    // section has headers, so that the list (some 150 bytes a draft) is not
    // copied while it grows. Room not written to takes no memory.
    let drafts: Vec<Draft> = crate::pages::list_with_capacity(header_count);
    let start = Segmenting { drafts, current: None, previous_blank: true };
    let walk = Walk { src, lines, classes, section, marker_headers, marker_driven };
    let cut = crate::par::worth_splitting(src.len()).then(|| segment_cut(&walk, range.clone())).flatten();
    let mut done = match cut {
        Some(cut) => segment_in_halves(&walk, range, cut, start),
        None => segment_lines(&walk, range, start, None).0,
    };
    flush(&mut done.drafts, done.current.take());
    done.drafts
}

/// What [`segment`]'s walk over the lines reads and does not change.
struct Walk<'a> {
    src: &'a str,
    lines: &'a [Line],
    classes: &'a Classes,
    section: Section,
    marker_headers: bool,
    marker_driven: bool,
}

/// [`segment`]'s state between two lines: the finished drafts, the one
/// being cut, and whether the line before was blank or furniture.
struct Segmenting {
    drafts: Vec<Draft>,
    current: Option<Draft>,
    previous_blank: bool,
}

/// A line where the walk met page text back at its item's marker column
/// (see [`dedents_out`]) in the second half of a split walk, which cannot
/// tell yet whether it ends the list: that depends on every earlier
/// comment's marker column, and the first half's are not known yet.
#[derive(Clone, Copy, Debug)]
struct Dedent {
    indent: u32,
    /// How many drafts the half had finished there.
    drafts: usize,
    /// The leftmost marker column of those drafts.
    leftmost: u32,
}

/// Where [`segment_in_halves`] may cut the section: the first header line
/// naming an author from the section's middle line on. (Whether the walk
/// opens a comment there is checked when the first half gets there.)
fn segment_cut(walk: &Walk, range: std::ops::Range<usize>) -> Option<usize> {
    let middle = range.start + range.len() / 2;
    (middle..range.end).find(|&i| matches!(walk.classes[i], Kind::Header(id) if walk.classes.header(id).author.is_some()))
}

/// Pass 3 on two threads, for a large input. The second half starts at
/// the line after `cut` in the state a walk has right after a header line
/// that opened a comment: that comment alone in the making, the line not
/// blank. The first half walks up to `cut` and checks that it did open a
/// comment there in that state: every later line then reads as in one
/// walk, since the walk reads nothing else of what came before but the
/// finished comments' marker columns, which decide whether page text back
/// at a marker's column ends the list. The second half notes where that
/// happens ([`Dedent`]) and the first half's columns settle it afterwards.
/// When the first half stopped before the cut or did not open a comment
/// there, it walks on alone and the second half's work is dropped.
fn segment_in_halves(walk: &Walk, range: std::ops::Range<usize>, cut: usize, start: Segmenting) -> Segmenting {
    let Kind::Header(id) = walk.classes[cut] else { return segment_lines(walk, range, start, None).0 };
    let mut opened = Draft::new(&walk.lines[cut]);
    opened.take_header(cut, &walk.classes.header(id));
    // The second half's drafts go to a list sized here for a draft on every
    // line, so that it never grows: the second thread allocates little (see
    // `crate::par`), and room not written to takes no memory.
    let second_start =
        Segmenting { drafts: crate::pages::list_with_capacity(range.end - cut), current: Some(opened.clone()), previous_blank: false };
    let mut dedents = Vec::new();
    let ((first, first_stopped), (second, _)) = crate::par::join(
        true,
        || segment_lines(walk, range.start..cut + 1, start, None),
        || segment_lines(walk, cut + 1..range.end, second_start, Some(&mut dedents)),
    );
    if first_stopped {
        return first;
    }
    if first.current.as_ref() != Some(&opened) || first.previous_blank {
        return segment_lines(walk, cut + 1..range.end, first, None).0;
    }
    let Segmenting { mut drafts, .. } = first;
    let mut second = second;
    let first_leftmost = drafts.iter().map(|d| d.anchor_col).min().unwrap_or(u32::MAX);
    if let Some(stop) = dedents.iter().find(|e| e.indent <= e.leftmost.min(first_leftmost)) {
        // One walk would have stopped there: what the second half found after it goes.
        second.drafts.truncate(stop.drafts);
        second.current = None;
    }
    drafts.append(&mut second.drafts);
    Segmenting { drafts, current: second.current, previous_blank: second.previous_blank }
}

/// Pass 3's walk over the lines of `range` from the state `state`.
/// Returns the state after the last line walked and whether the walk
/// stopped early at page text after the list. With `dedents`, it does
/// not stop there but notes the line (see [`Dedent`]).
fn segment_lines(
    walk: &Walk,
    range: std::ops::Range<usize>,
    state: Segmenting,
    mut dedents: Option<&mut Vec<Dedent>>,
) -> (Segmenting, bool) {
    let Walk { src, lines, classes, section, marker_headers, marker_driven } = *walk;
    let Segmenting { mut drafts, mut current, mut previous_blank } = state;
    // The leftmost anchor column of `drafts[..anchors_seen]`.
    let (mut leftmost_anchor, mut anchors_seen) = (u32::MAX, 0);
    let mut stopped = false;
    for i in range {
        let line = &lines[i];
        let class = classes[i];
        match class {
            Kind::Blank => {
                if let Some(d) = current.as_mut() {
                    d.body_lines.push(i as LineIx);
                }
            }
            Kind::Noise => {
                // An empty or image-only marker opens an item; html2text puts
                // bodies at column 0, left of their markers, so the item's own
                // marker column still admits its siblings.
                let sibling = current.as_ref().is_some_and(|d| d.author.is_some() && line.indent() <= d.anchor_col);
                if line.marker().is_some() && marker_driven && (opens_item(line, current.as_ref()) || sibling) {
                    // A marker with an image or nothing: the item's header follows.
                    flush(&mut drafts, current.take());
                    let mut d = Draft::new(line);
                    d.header_lines.push(i as LineIx);
                    current = Some(d);
                }
            }
            Kind::Header(id) => {
                let header = classes.header(id);
                let joins = current.as_ref().is_some_and(|d| {
                    !d.has_body_text(classes)
                        && (d.author.is_none() || header.author.is_none())
                        && (d.date.is_none() || header.date.is_none())
                });
                let wrapped_name = header.strong
                    && header.author.is_none()
                    && i > 0
                    && classes[i - 1] == Kind::Text
                    && current.as_ref().is_some_and(|d| d.body_lines.last() == Some(&((i - 1) as LineIx)));
                if wrapped_name {
                    // "… Ann Lee" / "says:": a narrow rendering wrapped the
                    // author line before its verb; the line above is the name
                    // and opens the comment.
                    let j = current.as_mut().and_then(|d| d.body_lines.pop()).expect("checked") as usize;
                    let alone = current.as_ref().is_some_and(|d| d.header_lines.is_empty() && !d.has_body_text(classes));
                    let mut d = if alone {
                        current.take().expect("checked")
                    } else {
                        flush(&mut drafts, current.take());
                        Draft::new(&lines[j])
                    };
                    d.body_col = None;
                    let at = lines[j].text_start();
                    let author = strip_name_decoration(lines[j].text(src)).map(|(s, e)| (at + s, at + e));
                    d.take_header(j, &Header { author, strong: true, ..Header::default() });
                    d.take_header(i, &header);
                    current = Some(d);
                } else if joins {
                    current.as_mut().expect("checked").take_header(i, &header);
                } else if !header.strong
                    && !previous_blank
                    && line.marker().is_none()
                    && header.author.is_some()
                    && !opens_with_letter_bullet(line.text(src))
                {
                    // "NAME DATE" inside a paragraph is a sentence that ends in a date.
                    if let Some(d) = current.as_mut() {
                        d.body_lines.push(i as LineIx);
                    }
                } else if let Some(j) =
                    (header.author.is_none() && current.is_none()).then(|| name_line_before(src, lines, classes, i)).flatten()
                {
                    // The list's first comment: its name line stands just
                    // above. A plain name line opens it, as later comments'
                    // name lines open theirs, so that its column places it
                    // among them (a browser's copy: " Ann" over "May 2, …");
                    // a name on a list marker leaves the item to its date
                    // line, whose column the item's body keeps.
                    let mut d = Draft::new(if lines[j].has_marker() { line } else { &lines[j] });
                    let (s, e) = name_line_author(src, &lines[j]);
                    d.take_header(j, &Header { author: Some((s, e)), ..Header::default() });
                    d.take_header(i, &header);
                    current = Some(d);
                } else if header.author.is_none() && split_name_line(classes, lines, src, current.as_mut(), i) {
                    // "NAME" on its own line, then the date: the name line
                    // moved out of the previous body into a new draft.
                    let name_line = current.as_mut().and_then(|d| {
                        while d.body_lines.last().is_some_and(|&j| classes[j as usize] == Kind::Blank) {
                            d.body_lines.pop();
                        }
                        d.body_lines.pop()
                    });
                    let j = name_line.expect("split_name_line checked it") as usize;
                    // An item opened by an empty or image-only marker keeps
                    // its number and column; anything else is finished.
                    let opened_by_marker = current
                        .as_ref()
                        .is_some_and(|d| d.author.is_none() && d.date.is_none() && !d.has_body_text(classes) && !d.header_lines.is_empty());
                    let mut d = if opened_by_marker {
                        current.take().expect("checked")
                    } else {
                        flush(&mut drafts, current.take());
                        Draft::new(&lines[j])
                    };
                    d.body_col = None;
                    let (s, e) = name_line_author(src, &lines[j]);
                    d.take_header(j, &Header { author: Some((s, e)), date: None, strong: false, number: None });
                    d.take_header(i, &header);
                    current = Some(d);
                } else if let Some(name_at) = wrapped_name_start(src, lines, classes, i, &header, current.as_ref()) {
                    // "[avatar] Ann" / "Lee says:": the name's first words
                    // were left on the line above, the previous body's last.
                    if let Some(d) = current.as_mut() {
                        d.body_lines.pop();
                    }
                    flush(&mut drafts, current.take());
                    let mut d = Draft::new(line);
                    let author = header.author.map(|(_, e)| (name_at, e));
                    d.take_header(i - 1, &Header { author, ..header });
                    d.take_header(i, &header);
                    current = Some(d);
                } else if header.author.is_none() && current.as_ref().is_some_and(|d| d.strong_author && d.date.is_none()) {
                    // Blogger prints the date after the body of a "NAME said..." comment.
                    current.as_mut().expect("checked").take_header(i, &header);
                } else {
                    flush(&mut drafts, current.take());
                    let mut d = Draft::new(line);
                    d.take_header(i, &header);
                    current = Some(d);
                }
            }
            Kind::Text
                if line.marker().is_some()
                    && marker_driven
                    && !(marker_headers && is_list_in_body(lines, classes, i, current.as_ref()))
                    && (opens_item(line, current.as_ref()) || section.name_items && is_name_item(src, lines, classes, i)) =>
            {
                flush(&mut drafts, current.take());
                let mut d = Draft::new(line);
                d.body_col = Some(text_col(src, line));
                d.body_lines.push(i as LineIx);
                current = Some(d);
            }
            Kind::CountHeading(_) | Kind::SectionHeading | Kind::FormStart | Kind::Footer(_) => {
                flush(&mut drafts, current.take());
            }
            Kind::Text if current.as_ref().is_some_and(|d| dedents_out(d, line)) => {
                // Text back at the markers' column after an indented body is
                // page text after the list item, not more of its body.
                flush(&mut drafts, current.take());
                // At or left of every comment's marker, it is page text after the
                // whole list: the footer's menus below are not comments. (The
                // leftmost marker is kept up to date, not searched for each time.)
                leftmost_anchor = drafts[anchors_seen..].iter().map(|d| d.anchor_col).fold(leftmost_anchor, u32::min);
                anchors_seen = drafts.len();
                if let Some(dedents) = dedents.as_mut() {
                    dedents.push(Dedent { indent: line.indent(), drafts: drafts.len(), leftmost: leftmost_anchor });
                } else if line.indent() <= leftmost_anchor {
                    stopped = true;
                    break;
                }
            }
            Kind::Text => {
                if let Some(d) = current.as_mut() {
                    if d.cont_col.is_none() && line.marker().is_none() {
                        d.cont_col = Some(line.indent());
                    }
                    if d.body_col.is_none() {
                        d.body_col = Some(line.indent());
                    }
                    d.body_lines.push(i as LineIx);
                }
            }
        }
        previous_blank = matches!(class, Kind::Blank | Kind::Noise);
    }
    (Segmenting { drafts, current, previous_blank }, stopped)
}

/// True when `text` opens with the letter "o" as a bullet: lynx and
/// inscriptis draw a third level of bullets so, and `classify_visible`
/// reads a header after it only where the rest names an author. Such a
/// header is a list item's first line, not a sentence ending in a date,
/// even right under the previous reply's body (lynx prints no blank line).
fn opens_with_letter_bullet(text: &str) -> bool {
    text.starts_with("o ")
}

/// True when `line`, a text line without a marker, sits at or left of the
/// item's anchor column while the item's body is indented further: it is
/// outside the item. Renderers that do not indent bodies never trigger it.
fn dedents_out(d: &Draft, line: &Line) -> bool {
    line.marker().is_none() && d.marker_item && d.cont_col.is_some_and(|col| col > d.anchor_col) && line.indent() <= d.anchor_col
}

/// True when the marker line `i` is an item of a list inside the current
/// comment's body rather than a new comment, in a list whose comments open
/// with header lines: the current comment named its author, the marker
/// sits exactly at its body's column, no header line follows, and the list
/// is tight: the line above or below is an item at the same column
/// ("Here's what we do." / "1. Great content" / "2. Outreach"). A reply
/// whose marker lands on that column stands apart, with its own paragraph.
fn is_list_in_body(lines: &[Line], classes: &Classes, i: usize, current: Option<&Draft>) -> bool {
    let Some(d) = current else { return false };
    let column = lines[i].indent();
    // The item's own header would follow without a marker of its own.
    let header_follows = (i + 1..lines.len().min(i + 3))
        .find(|&j| classes[j] != Kind::Blank)
        .is_some_and(|j| matches!(classes[j], Kind::Header(_)) && !lines[j].has_marker());
    let item_at = |j: usize| lines[j].has_marker() && lines[j].indent() == column;
    let after_body = |j: usize| d.body_lines.last() == Some(&(j as LineIx));
    let tight = (i + 1 < lines.len() && item_at(i + 1)) || (i > 0 && item_at(i - 1) && after_body(i - 1));
    // A dash straight under body text continues its sentence ("… eaten" /
    // "- so glad you got to eat there!"); a dash line alone signs it.
    let dash = lines[i].marker() == Some(Marker::Bullet('-'));
    let continues_text = dash && i > 0 && classes[i - 1] == Kind::Text && after_body(i - 1);
    let signature = dash && lines.get(i + 1).is_none_or(Line::is_blank);
    d.author.is_some() && d.body_col == Some(column) && !header_follows && (tight || continues_text || signature)
}

/// True when a marker `line` starts a new item rather than a list inside the current body.
fn opens_item(line: &Line, current: Option<&Draft>) -> bool {
    match current {
        None => true,
        Some(d) => match d.body_col {
            Some(col) => line.indent() <= col,
            None => true,
        },
    }
}

/// The visual column where a line's text starts (after its marker).
fn text_col(src: &str, line: &Line) -> u32 {
    line.column_at(src, line.text_start())
}

/// Whether the last body line of `current` is a lone name that, with the
/// date line at `date_line`, forms the header of a new comment.
fn split_name_line(classes: &Classes, lines: &[Line], src: &str, current: Option<&mut Draft>, date_line: usize) -> bool {
    let Some(d) = current else { return false };
    // The name may stand a blank line or two above the date.
    let Some(j) = d.text_lines(classes).next_back() else { return false };
    if date_line - j > 3 || classes[j] != Kind::Text {
        return false;
    }
    let before_blank = j == 0 || matches!(classes[j - 1], Kind::Blank | Kind::Noise) || lines[j].marker().is_some();
    // Read as a reader sees it: html2text's avatar link before the name
    // ("[![](…)](…) 12 [Ann](…)") makes the raw line too long for a name.
    before_blank && scan::is_name_like(&markup::visible_text(lines[j].text(src)))
}

/// Where the name of the strong header at line `i` ("Lee says:") starts
/// when a renderer wrapped its first words onto the line above, the last
/// of the current body: an avatar's text there ("[avatar]", an e-mail
/// address) then a name, with no blank line between, and the header's
/// first word would not have fitted after it on the narrowest width
/// renderers wrap at (lynx wraps a long "ADDRESS ADDRESS Ann Lee says:").
/// The avatar's text is what marks the line as the header's: a body's
/// last line does not open so.
fn wrapped_name_start(src: &str, lines: &[Line], classes: &Classes, i: usize, header: &Header, current: Option<&Draft>) -> Option<usize> {
    const NARROWEST_WRAP: usize = 64;
    let (Some((author_at, _)), true) = (header.author, header.strong) else { return None };
    if i == 0 || author_at != lines[i].text_start() || classes[i - 1] != Kind::Text || lines[i - 1].has_marker() {
        return None;
    }
    if current.is_none_or(|d| d.body_lines.last() != Some(&((i - 1) as LineIx))) {
        return None;
    }
    let above = lines[i - 1].text(src);
    let (s, e) = strip_name_decoration(above)?;
    if s == 0 || markup::has_markup(above) || !scan::is_name_like(&above[s..e]) {
        return None;
    }
    let above_end = text_col(src, &lines[i - 1]) as usize + above.chars().count();
    let first_word = lines[i].text(src).split(is_space).next().unwrap_or("").chars().count();
    (above_end + 1 + first_word >= NARROWEST_WRAP).then_some(lines[i - 1].text_start() + s)
}

/// A byte range as `u32` offsets, which every offset fits (see [`lines::MAX_INPUT`]).
fn narrow(range: Option<(usize, usize)>) -> Option<(u32, u32)> {
    range.map(|(s, e)| (s as u32, e as u32))
}

/// A `u32` byte range as `usize` offsets, to slice the text with.
fn widen(range: Option<(u32, u32)>) -> Option<(usize, usize)> {
    range.map(|(s, e)| (s as usize, e as usize))
}

/// Adds a finished draft (one with any content) to the list.
fn flush(drafts: &mut Vec<Draft>, draft: Option<Draft>) {
    if let Some(mut d) = draft {
        if !d.header_lines.is_empty() || !d.body_lines.is_empty() {
            // Lines join a body in order but for a name line put back;
            // sorting a sorted list would only cost time.
            if !d.body_lines.is_sorted() {
                d.body_lines.sort_unstable();
            }
            d.body_lines.shrink_to_fit();
            d.header_lines.shrink_to_fit();
            drafts.push(d);
        }
    }
}

/// Pass 3, for sections whose author lines follow the bodies (TypePad's
/// "Posted by: NAME | DATE"): each footer closes the text since the previous one.
fn segment_footers(src: &str, lines: &[Line], classes: &Classes, section: Section) -> Vec<Draft> {
    let mut drafts = Vec::new();
    let mut pending: Vec<usize> = Vec::new();
    for i in section.start..section.end {
        match classes[i] {
            Kind::Footer(id) => {
                let header = classes.header(id);
                let mut d = Draft { anchor_col: 0, ..Draft::default() };
                let first_text = pending.iter().copied().find(|&j| classes[j] != Kind::Blank);
                d.anchor_col = first_text.map_or(lines[i].indent(), |j| lines[j].indent());
                // Blank lines before the body's first text stay between comments.
                d.body_lines = pending.drain(..).skip_while(|&j| classes[j] == Kind::Blank).map(|j| j as LineIx).collect();
                // A notice paragraph above the first comment ("You can follow
                // this conversation …") is furniture, however it is wrapped:
                // it leaves the body and so lies between comments.
                // (html2text may leave only a word or two of it on its first
                // line, after a feed icon's link: the paragraph's first lines
                // are read together.)
                let end = d.body_lines.iter().position(|&j| classes[j as usize] == Kind::Blank).unwrap_or(d.body_lines.len());
                let opening: Vec<Cow<'_, str>> =
                    d.body_lines.iter().take(end.min(NOTICE_LINES)).map(|&j| markup::visible_text(lines[j as usize].text(src))).collect();
                if end < d.body_lines.len() && scan::starts_like_notice(&opening.join(" ")) {
                    d.body_lines.drop_front(end);
                    d.drop_leading_blank_lines(classes);
                }
                // TypePad shows the author's name (or avatar's text) above
                // the body too: that line is a header, not body text.
                // Text above that name (a feed notice under the heading) is
                // not the comment's either: it leaves the body and so lies
                // between comments.
                if let Some((s, e)) = header.author {
                    let name = crate::lexicon::fold(&clean_author(&src[s..e]));
                    // The name ends its paragraph and the body follows; a
                    // signature runs on into more text or ends the body.
                    let alone = |j: usize| classes.get(j + 1).is_none_or(|c| *c == Kind::Blank);
                    let first_text = d.body_lines.iter().position(|&j| classes[j as usize] != Kind::Blank);
                    let at = d.body_lines.iter().map(|&j| j as usize).enumerate().position(|(k, j)| {
                        classes[j] == Kind::Text
                            && (alone(j) || Some(k) == first_text)
                            && crate::lexicon::fold(&clean_author(lines[j].text(src))) == name
                    });
                    let text_after = |k: usize| d.body_lines[k + 1..].iter().any(|&j| classes[j as usize] != Kind::Blank);
                    if let Some(k) = at.filter(|&k| text_after(k)) {
                        let name_line = d.body_lines[k];
                        d.body_lines.drop_front(k + 1);
                        d.header_lines.push(name_line);
                        d.drop_leading_blank_lines(classes);
                    }
                }
                d.take_header(i, &header);
                drafts.push(d);
            }
            Kind::Noise => {}
            Kind::Blank => {
                if !pending.is_empty() {
                    pending.push(i)
                }
            }
            _ => pending.push(i),
        }
    }
    drafts
}

/// Parses a blog page's text into a thread. Never fails.
pub fn parse(src: &str) -> Thread {
    // Pass 1 runs inside the line scan, on the thread that takes each chunk (see `LineClassifier`).
    let (mut lines, classes) = classes_of(lines::scan_then(src, LineClassifier::new));
    let section = find_section(src, &lines, &classes);
    if section.flush_bodies {
        indent_flush_bodies(&mut lines, section);
    }
    // Counted without a branch per line: which lines are headers follows
    // no pattern a branch predictor learns, and the count reads every line.
    let (mut footer_count, mut header_count) = (0, 0);
    for kind in classes.get(section.start..section.end).unwrap_or(&[]) {
        footer_count += usize::from(matches!(kind, Kind::Footer(_)));
        header_count += usize::from(matches!(kind, Kind::Header(_)));
    }
    let footers = footer_count > 0 && footer_count * 2 >= header_count;
    let mut drafts = if footers {
        segment_footers(src, &lines, &classes, section)
    } else if section.name_paragraphs {
        segment_name_paragraphs(src, &lines, &classes, section)
    } else {
        segment(src, &lines, &classes, section, header_count)
    };
    // The clean-ups below act only on drafts without body text or author,
    // and on dates wrapped under their header: one look at every draft
    // (on two threads for a large input) tells when none can act, and
    // spares the passes over a list that is megabytes long.
    let census = draft_census(&lines, &classes, &drafts, crate::par::worth_splitting(src.len()));
    let tidy = !census.untidy && !section.name_items && !clean_up_always();
    if !tidy {
        // A draft whose only line is a lone header with no body is a stray
        // date line or a sidebar's dated link ("The new cargo bike arrives" /
        // "March 28, 2013"), not a comment: a comment says something, and
        // every rendering prints its text.
        // Looked for first: nearly every draft has text, and a search costs
        // less than a `retain` that keeps every draft.
        if !drafts.iter().all(|d| d.has_body_text(&classes)) {
            drafts.retain(|d| d.has_body_text(&classes));
        }
        promote_name_lines(src, &lines, &classes, &mut drafts, section.name_items);
        if section.name_items {
            // A list found by its named items is made of them: other items in it
            // are the widgets the list ran into.
            drafts.retain(|d| d.author.is_some());
        }
        drop_menu_runs(src, &lines, &classes, &mut drafts);
        drop_link_notices(src, &lines, &classes, &mut drafts);
    }
    if !tidy || census.wrapped_date {
        join_wrapped_dates(src, &lines, &classes, &mut drafts);
    }
    // A "Comments" heading that yields no comment (the headers that made it
    // count were a sidebar's "By: NAME" lines) may stand over a browser's
    // copy of a Disqus thread, which has no headers: its name paragraphs
    // are the list.
    let names_under_heading = match section.heading {
        Some(h) if drafts.is_empty() && !section.name_paragraphs => {
            name_paragraph_section(src, &lines, &classes).filter(|names| names.start > h)
        }
        _ => None,
    };
    let (section, mut drafts) = match names_under_heading {
        Some(names) => {
            let names = Section { heading: section.heading, ..names };
            (names, segment_name_paragraphs(src, &lines, &classes, names))
        }
        None => (section, drafts),
    };
    // A rendering that kept no list (every comment at one column, none on
    // a marker: a browser's copy) may have lost the page's nesting; one
    // that kept the list shows a flat page as it is, and so do comments
    // signed below their bodies ("Posted by: NAME"), whose platforms do not
    // nest replies.
    let flattened = !footers && drafts.windows(2).all(|w| w[0].anchor_col == w[1].anchor_col) && drafts.iter().all(|d| !d.marker_item);
    // What is left of a lost nesting: Blogger's action lines, else the
    // order of the dates. (Text cues still nest the comments these leave
    // at the top level, see `assemble`.)
    nest_blogger_replies(src, &lines, &classes, &mut drafts);
    nest_by_date_order(src, &mut drafts);
    assemble(src, lines, classes, section, drafts, flattened)
}

/// Pass 4: takes the time of a date that a narrow rendering wrapped onto
/// the next line ("… October 22, 2012" / "at 8:24 pm") into the header:
/// when a comment's date ends its last header line and the line right
/// under it, short, reads as the rest of that date.
fn join_wrapped_dates(src: &str, lines: &[Line], classes: &Classes, drafts: &mut [Draft]) {
    const MAX_TIME_LINE: usize = 24;
    for d in drafts.iter_mut() {
        let Some((h, (date_start, date_end))) = wrapped_date_header(lines, classes, d) else { continue };
        let next = h + 1;
        let time = lines[next].text(src);
        if date_end as usize != lines[h].text_end() || time.len() > MAX_TIME_LINE {
            continue;
        }
        let joined = format!("{} {time}", &src[date_start as usize..date_end as usize]);
        if scan::scan_date(&joined) == joined.len() {
            d.body_lines.drop_front(1);
            d.header_lines.push(next as LineIx);
            d.date = narrow(Some((date_start as usize, lines[next].text_end())));
            d.drop_leading_blank_lines(classes);
        }
    }
}

/// The last header line of `d` and its date, when the line right under
/// that header is the draft's first body line, a text line on no marker:
/// the one shape [`join_wrapped_dates`] reads on, as the rest of the date.
fn wrapped_date_header(lines: &[Line], classes: &Classes, d: &Draft) -> Option<(usize, (u32, u32))> {
    let (Some(&h), Some(date)) = (d.header_lines.last(), d.date) else { return None };
    let next = h as usize + 1;
    (d.body_lines.first() == Some(&(next as LineIx)) && classes[next] == Kind::Text && !lines[next].has_marker())
        .then_some((h as usize, date))
}

#[cfg(test)]
thread_local! {
    /// Set while a test runs the clean-ups whatever the census says.
    static CLEAN_UP_ALWAYS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// True while a test asks for the clean-ups on every parse (see
/// `tests::a_tidy_census_leaves_the_clean_ups_nothing_to_do`).
fn clean_up_always() -> bool {
    #[cfg(test)]
    return CLEAN_UP_ALWAYS.with(std::cell::Cell::get);
    #[cfg(not(test))]
    false
}

/// What one look at every draft tells pass 4's clean-ups (see
/// [`draft_census`]).
#[derive(Clone, Copy, Debug, Default)]
struct DraftCensus {
    /// Some draft has no body text or names no author.
    untidy: bool,
    /// Some draft has the shape of a date wrapped under its header
    /// ([`wrapped_date_header`]).
    wrapped_date: bool,
}

/// Looks at every draft once, in two halves at once when `parallel`.
///
/// Why a census that is not `untidy` lets `parse` skip the clean-ups
/// that drop or promote drafts (outside a section found by its named
/// items, which keeps its own): each acts only on a draft without body
/// text (the retain of text-less drafts) or without an author
/// (`promote_name_lines` returns at once with fewer than two authorless
/// drafts, `drop_menu_runs` and `drop_link_notices` test for a missing
/// author first). Nor does `join_wrapped_dates` change a draft that
/// lacks the shape `wrapped_date_header` tests, so with none it is skipped.
fn draft_census(lines: &[Line], classes: &Classes, drafts: &[Draft], parallel: bool) -> DraftCensus {
    let survey = |drafts: &[Draft]| {
        drafts.iter().fold(DraftCensus::default(), |census, d| DraftCensus {
            untidy: census.untidy || d.author.is_none() || !d.has_body_text(classes),
            wrapped_date: census.wrapped_date || wrapped_date_header(lines, classes, d).is_some(),
        })
    };
    let (first, second) = drafts.split_at(drafts.len() / 2);
    let (a, b) = crate::par::join(parallel, || survey(first), || survey(second));
    DraftCensus { untidy: a.untidy || b.untidy, wrapped_date: a.wrapped_date || b.wrapped_date }
}

/// What a comment's action line says on Blogger: `Some(true)` for the
/// reply and delete actions a thread's opener carries ("ReplyDelete",
/// "Reply Delete"), `Some(false)` for the delete action alone that a reply
/// carries, `None` for any other line (see [`crate::lexicon::BLOGGER_ACTIONS`]).
fn blogger_action(text: &str) -> Option<bool> {
    let visible = markup::visible_text(text);
    if visible.len() > 40 {
        return None;
    }
    let squeezed: String = crate::lexicon::fold(&visible).chars().filter(|&c| !is_space(c)).collect();
    crate::lexicon::BLOGGER_ACTIONS.iter().find_map(|&(reply, delete)| {
        if squeezed == delete {
            Some(false)
        } else {
            (squeezed.len() == reply.len() + delete.len() && squeezed.starts_with(reply) && squeezed.ends_with(delete)).then_some(true)
        }
    })
}

/// Pass 4: gives back the nesting of Blogger's threaded comments where the
/// rendering kept none (a browser's copy prints every comment at one
/// column). Blogger lets only a thread's opener be answered: its action
/// line reads "Reply" and "Delete", a reply's reads "Delete" alone. So,
/// when every comment's first line after its text is one of the two and
/// both occur, a comment with the delete action alone is a reply to the
/// nearest earlier comment with both; it is set one column right of it,
/// which [`tree::nest_by_columns`] reads as a reply.
fn nest_blogger_replies(src: &str, lines: &[Line], classes: &Classes, drafts: &mut [Draft]) {
    if drafts.len() < 2 || !drafts.windows(2).all(|w| w[0].anchor_col >= w[1].anchor_col) {
        return;
    }
    let first_line = |d: &Draft| d.header_lines.iter().chain(d.body_lines.iter()).min().map_or(lines.len(), |&i| i as usize);
    let mut actions = Vec::with_capacity(drafts.len());
    for (k, d) in drafts.iter().enumerate() {
        let is_action = |i: usize| blogger_action(lines[i].text(src)).is_some();
        let last_text = d.text_lines(classes).rev().find(|&i| classes[i] == Kind::Text && !is_action(i));
        let Some(last) = d.header_lines.iter().map(|&i| i as usize).chain(last_text).max() else { return };
        let end = drafts.get(k + 1).map_or(lines.len(), first_line).min(last + 4);
        let Some(action) = (last + 1..end).find(|&i| !lines[i].is_blank()).and_then(|i| blogger_action(lines[i].text(src))) else { return };
        actions.push(action);
    }
    if actions.first() != Some(&true) || actions.iter().all(|&a| a) {
        return;
    }
    let mut opener_col = 0;
    for (d, opens_thread) in drafts.iter_mut().zip(actions) {
        if opens_thread {
            opener_col = d.anchor_col;
        } else {
            d.anchor_col = opener_col + 1;
        }
    }
}

/// A comment date as a number that orders dates (year, month, day, hour,
/// minute), read from the date's text: a month name or a numeric date
/// ("22.10.2012", "2012-10-22", "10/22/12": `slash_day_first` says how to
/// read slashes), a four-digit year, and a time with "am"/"pm" if printed.
/// `None` without a year, a month and a day (a relative date, "Monday").
fn date_key(text: &str, slash_day_first: bool) -> Option<u64> {
    let mut numbers: Vec<(u32, usize, char)> = Vec::new();
    let (mut month, mut pm, mut am) = (None, false, false);
    let mut rest = text;
    while !rest.is_empty() {
        let start = rest.find(char::is_alphanumeric).unwrap_or(rest.len());
        rest = &rest[start..];
        let end = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
        let (token, after) = rest.split_at(end);
        let digits = token.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 {
            let suffix = &token[digits..];
            if !suffix.is_empty() && !matches!(suffix, "st" | "nd" | "rd" | "th") {
                return None;
            }
            numbers.push((token[..digits].parse().ok()?, digits, after.chars().next().unwrap_or(' ')));
        } else {
            let folded = crate::lexicon::fold(token);
            match folded.as_str() {
                "pm" | "p" if after.starts_with('.') || folded == "pm" => pm = true,
                "am" | "a" if after.starts_with('.') || folded == "am" => am = true,
                _ => month = month.or_else(|| crate::lexicon::month_number(&folded)),
            }
        }
        rest = after;
    }
    // The time: two numbers joined by ':'.
    let (mut hour, mut minute, mut timed) = (0, 0, false);
    if let Some(k) = numbers.iter().position(|&(_, _, sep)| sep == ':') {
        if k + 1 < numbers.len() {
            timed = true;
            hour = numbers[k].0 % 12
                + if pm {
                    12
                } else if am {
                    0
                } else {
                    numbers[k].0 / 12 * 12
                };
            minute = numbers[k + 1].0;
            numbers.drain(k..k + 2);
        }
    }
    let (year, month, day) = match month {
        Some(m) => {
            // A date without its year ("Jun 20th at 2:41 am") is one of the
            // current year, as WordPress.com prints those: it is ordered after
            // any date that gives a year (the parse knows no clock, so the
            // current year is one beyond any a page prints). Such a date
            // gives its time.
            const YEAR_OF_YEARLESS_DATES: u32 = 2200;
            let year = match numbers.iter().find(|&&(n, len, _)| len == 4 && n > 1900) {
                Some(&(year, _, _)) => year,
                None if timed => YEAR_OF_YEARLESS_DATES,
                None => return None,
            };
            let day = numbers.iter().find(|&&(n, len, _)| len <= 2 && (1..=31).contains(&n))?.0;
            (year, m, day)
        }
        None => {
            let k = numbers.iter().position(|&(_, _, sep)| matches!(sep, '.' | '/' | '-'))?;
            let [(a, a_len, sep), (b, _, _), (c, c_len, _)] = numbers.get(k..k + 3)?.try_into().ok()?;
            let full = |y: u32, len: usize| if len == 2 { 2000 + y } else { y };
            match (a_len, sep) {
                (4, _) => (a, b, c),
                (_, '/') if slash_day_first => (full(c, c_len), b, a),
                (_, '/') => (full(c, c_len), a, b),
                _ => (full(c, c_len), b, a),
            }
        }
    };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || !(1900..=2200).contains(&year) || hour > 23 || minute > 59 {
        return None;
    }
    Some((((u64::from(year) * 13 + u64::from(month)) * 32 + u64::from(day)) * 24 + u64::from(hour)) * 60 + u64::from(minute))
}

/// Pass 4: gives back the nesting a rendering lost (every comment at one
/// column), from the comments' dates. WordPress lists top-level comments
/// by date, oldest or newest first, and prints each reply after its
/// parent, which it follows in time. So, newest first, a comment dated
/// after the top-level comment above it is a reply in its thread; oldest
/// first, a comment dated after a later comment is no top-level comment
/// (top-level comments and their threads only grow later down the list),
/// and is taken as a reply in the thread of the nearest top-level comment
/// above it. Taken only where every comment has a full date, the order is
/// clear (most neighbours and the ends agree) and slashed dates read one
/// way only; replies are set one column right of their thread's first
/// comment, which [`tree::nest_by_columns`] reads as a reply.
fn nest_by_date_order(src: &str, drafts: &mut [Draft]) {
    if drafts.len() < 3 || !drafts.windows(2).all(|w| w[0].anchor_col >= w[1].anchor_col) {
        return;
    }
    let keys_read = |day_first: bool| -> Option<Vec<u64>> {
        drafts.iter().map(|d| widen(d.date).and_then(|(s, e)| date_key(&markup::visible_text(&src[s..e]), day_first))).collect()
    };
    let keys = match (keys_read(false), keys_read(true)) {
        (Some(a), Some(b)) if a == b => a,
        (Some(a), None) => a,
        (None, Some(b)) => b,
        _ => return,
    };
    let later = keys.windows(2).filter(|w| w[1] > w[0]).count();
    let earlier = keys.windows(2).filter(|w| w[1] < w[0]).count();
    // The order is the way most neighbours go and the list goes from its
    // first comment to its last (replies go against it on a newest-first
    // page, so they may be many).
    let (first, last) = (keys[0], keys[keys.len() - 1]);
    let mut opens_thread = vec![true; keys.len()];
    if earlier > later && first > last {
        // Newest first: a top-level comment is no later than the one above.
        let mut root = 0;
        for k in 1..keys.len() {
            if keys[k] > keys[root] {
                opens_thread[k] = false;
            } else {
                root = k;
            }
        }
    } else if later > earlier && first < last {
        // Oldest first: no comment after a top-level one is dated before it.
        let mut earliest_after = u64::MAX;
        for k in (0..keys.len()).rev() {
            opens_thread[k] = keys[k] <= earliest_after;
            earliest_after = earliest_after.min(keys[k]);
        }
    } else {
        return;
    }
    opens_thread[0] = true;
    let mut opener_col = 0;
    for (d, opens) in drafts.iter_mut().zip(opens_thread) {
        if opens {
            opener_col = d.anchor_col;
        } else {
            d.anchor_col = opener_col + 1;
        }
    }
}

/// Pass 4: drops items that are link notices ("Pingback: TITLE | BLOG"):
/// no author, and a first line opening with a [`crate::lexicon::LINK_NOTICES`]
/// word and a colon. Their lines stay in the parts as text between comments.
fn drop_link_notices(src: &str, lines: &[Line], classes: &Classes, drafts: &mut Vec<Draft>) {
    // The author is looked at first: most comments name one, and their
    // lines need not be read.
    let is_notice = |d: &Draft| {
        d.author.is_none()
            && d.text_lines(classes).next().is_some_and(|i| {
                let text = markup::visible_text(lines[i].text(src));
                let word = text.split(':').next().unwrap_or("");
                word.len() < text.len() && crate::lexicon::LINK_NOTICES.iter().any(|w| word.trim_matches(is_space).eq_ignore_ascii_case(w))
            })
    };
    // Looked for first: few pages have notices, and a search costs less
    // than a `retain` that keeps every draft.
    if drafts.iter().any(is_notice) {
        drafts.retain(|d| !is_notice(d));
    }
}

/// Pass 4: drops runs of three or more list items that name no author and
/// hold one short line each ("Jobs", "Impressum", "Kontakt"): a menu or a
/// footer's link list that the comment list ran into, not comments. Their
/// lines stay in the parts as text between or after the comments.
fn drop_menu_runs(src: &str, lines: &[Line], classes: &Classes, drafts: &mut Vec<Draft>) {
    const MIN_RUN: usize = 3;
    // The author and date are looked at first: most comments have one,
    // and their lines need not be read.
    let is_menu_item = |d: &Draft| {
        let one_line = || {
            let mut text = d.text_lines(classes);
            match (text.next(), text.next()) {
                (Some(i), None) => Some(i),
                _ => None,
            }
        };
        d.author.is_none()
            && d.date.is_none()
            && one_line().is_some_and(|i| lines[i].text(src).split(is_space).filter(|w| !w.is_empty()).count() <= 8)
    };
    let flags: Vec<bool> = drafts.iter().map(is_menu_item).collect();
    if flags.iter().filter(|&&f| f).count() < MIN_RUN {
        return;
    }
    let mut keep = vec![true; drafts.len()];
    let mut i = 0;
    while i < flags.len() {
        let run = flags[i..].iter().take_while(|&&f| f).count();
        if run >= MIN_RUN {
            keep[i..i + run].iter_mut().for_each(|k| *k = false);
        }
        i += run.max(1);
    }
    let mut index = 0;
    drafts.retain(|_| {
        index += 1;
        keep[index - 1]
    });
}

/// Pass 4: finds authors printed as a bare name on the item's first line
/// ("• Amy D.", a blank line, then the body), as Disqus and many themes
/// render them. A short name-like first line alone proves little, so the
/// reading is taken only when most of the authorless comments open that way.
fn promote_name_lines(src: &str, lines: &[Line], classes: &Classes, drafts: &mut [Draft], list_of_names: bool) {
    let name_line = |d: &Draft| -> Option<usize> {
        if d.author.is_some() {
            return None;
        }
        let mut body = d.text_lines(classes);
        let first = body.next()?;
        // A heading over a list of links ("• Top Posts" / "" / "□ Predictions
        // 2012") is a sidebar widget: a comment's text is no list item.
        if lines[body.next()?].has_marker() {
            return None;
        }
        let followed_by_blank = d.body_lines.contains(&((first + 1) as LineIx)) && classes[first + 1] == Kind::Blank;
        // Without a blank line (lynx), the name must be far shorter than the
        // line under it.
        let clearly_short = d.body_lines.contains(&((first + 1) as LineIx))
            && classes[first + 1] == Kind::Text
            && lines[first].marker().is_some()
            && outgrows_name(src, &lines[first + 1], &lines[first]);
        ((followed_by_blank || clearly_short) && scan::is_name_like(&markup::visible_text(lines[first].text(src)))).then_some(first)
    };
    let authorless = drafts.iter().filter(|d| d.author.is_none()).count();
    // Only an authorless draft has a name line: with fewer than two, the
    // count below is settled without another pass over every draft.
    if !list_of_names && authorless < 2 {
        return;
    }
    let named = drafts.iter().filter(|d| name_line(d).is_some()).count();
    if !list_of_names && (named < 2 || named * 3 < authorless * 2) {
        return;
    }
    // A page prints its comments' name lines alike: where most stand over
    // a blank line (w3m, elinks), an item whose text goes on right under
    // its first line is a sidebar widget under its heading ("• Follow" /
    // "John's Stumblr"), not a comment. (lynx prints no blank lines: there
    // none stand so, and the rule stays out of the way.)
    let spaced = |d: &Draft, first: usize| d.body_lines.contains(&((first + 1) as LineIx)) && classes[first + 1] == Kind::Blank;
    let spaced_count = drafts.iter().filter(|d| name_line(d).is_some_and(|first| spaced(d, first))).count();
    let need_space = spaced_count >= 2 && spaced_count * 2 > named;
    for d in drafts.iter_mut() {
        if let Some(first) = name_line(d).filter(|&first| !need_space || spaced(d, first)) {
            d.body_lines.retain(|i| i as usize != first);
            d.header_lines.push(first as LineIx);
            d.header_lines.sort_unstable();
            d.author = narrow(Some(name_line_author(src, &lines[first])));
            // The body starts after the blank line that followed the name.
            d.drop_leading_blank_lines(classes);
        }
    }
}

/// A draft's author and date ranges, kept from the drafts until the
/// comments' texts are built.
type AuthorAndDate = (Option<(u32, u32)>, Option<(u32, u32)>);

/// A top-level comment's parent in `assemble`'s compact nesting list.
const NO_PARENT: u32 = u32::MAX;

/// Pass 5: nests the drafts, labels every line and builds the thread.
///
/// Memory is the concern here: the per-line lists (lines, classes, labels)
/// are freed as soon as the last step that reads them is done, before the
/// comments' bodies (most of the output) are built from the text.
fn assemble(src: &str, lines: Vec<Line>, classes: Classes, section: Section, drafts: Vec<Draft>, flattened: bool) -> Thread {
    let columns: Vec<u32> = drafts.iter().map(|d| d.anchor_col).collect();
    // Kept as 8 bytes a comment, not 24, while the texts are built: the
    // parse's largest moment (a comment's parent is below the comment
    // count, which a text under 4 GiB keeps below `NO_PARENT`).
    let nested: Vec<(u32, u32)> =
        tree::nest_by_columns(&columns).into_iter().map(|(parent, depth)| (parent.map_or(NO_PARENT, |p| p as u32), depth)).collect();
    drop(columns);

    let extent = lines_spanned(&drafts);
    let comments_start = extent.map_or(section.start.min(lines.len()), |(first, _)| first as usize);
    // One past the last line of any draft, as `label_lines` finds it.
    let comments_end = extent.map_or(comments_start, |(_, last)| last as usize + 1);
    let section_first = section.heading.unwrap_or(comments_start).min(comments_start);
    let declared_count = section.heading.and_then(|h| match classes[h] {
        Kind::CountHeading(id) => Some(classes.count_heading(id).count),
        _ => None,
    });

    let (title, title_line) = find_title(src, &lines, &classes, section, section_first);
    drop(classes);

    // Two jobs that need the lines and drafts but not each other, done at
    // once on a large input: the page's parts, and the comments' spans and
    // body runs (what building their texts needs once the lines are gone)
    // and the article. The parts stay on this thread, as they are output.
    let (mut measured, mut body_runs) =
        (crate::pages::list_with_capacity(drafts.len()), crate::pages::list_with_capacity(drafts.len() * 2));
    let mut names: Vec<AuthorAndDate> = crate::pages::list_with_capacity(drafts.len());
    let (parts, article) = crate::par::join(
        crate::par::worth_splitting(src.len()),
        || page_parts(&lines, section, (section_first, comments_start, comments_end), title_line, &drafts, src.len()),
        || {
            measure_drafts(&lines, &drafts, &mut measured, &mut names, &mut body_runs);
            article_text(src, &lines, article_lines(title_line, section_first.min(lines.len())))
        },
    );
    let heading_span = section.heading.map(|h| Span::new(lines[h].start(), lines[h].end()));
    drop(lines);
    // What the comments need of the drafts is measured: they go before the
    // comments are made, which then read the measures alone.
    drop(drafts);

    // Text cues ("@NAME") stand in for nesting only where the rendering kept
    // none (see below); elsewhere the columns' parents and depths are final
    // and go straight into the comments.
    let raw_authors: Vec<Option<(usize, usize)>> = if flattened || nested.iter().all(|n| n.0 == NO_PARENT) {
        names.iter().map(|&(author, _)| widen(author)).collect()
    } else {
        Vec::new()
    };
    // The comments are made whole, texts and all, on two threads for a
    // large input: each half of them (`model::text_halves`, the halves a
    // large thread's drop frees them in) into its own stretch of the list's
    // room, from its own stretch of the runs (a comment's texts need only
    // its own ranges).
    let count = measured.len();
    assert!(nested.len() == count && names.len() == count, "one measure, nesting and name per draft");
    let mut comments: Vec<Comment> = crate::pages::list_with_capacity(count);
    let (first, second) = crate::model::text_halves(&mut comments.spare_capacity_mut()[..count]);
    let half = first.len();
    let cut = body_runs.iter().enumerate().filter(|(_, run)| run.0 == RUNS_END).nth(half.wrapping_sub(1)).map_or(0, |(i, _)| i + 1);
    let build = |first_id: usize,
                 slots: &mut [MaybeUninit<Comment>],
                 measured: &mut [Measured],
                 nested: &[(u32, u32)],
                 names: &[AuthorAndDate],
                 runs: &[(u32, u32)]| {
        // Each body is built in one reused buffer and copied out once
        // (`owned_body`): one allocation per body instead of a guess and a shrink.
        // (Sharing one large string among many bodies saves those
        // allocations but changes how the allocator's heap is left between
        // parses: glibc then gives the top of its heap back to the kernel,
        // and each parse faults its pages in again, which costs more than
        // the allocations did.)
        let mut runs = runs.split(|&(start, _)| start == RUNS_END);
        let search = TextSearch { lines: lines::LineSearch::new(), markup: markup::MarkupSearch::new() };
        let mut buffer = String::new();
        for (id, (slot, (measured, (&(parent, depth), &(author, date))))) in
            (first_id..).zip(slots.iter_mut().zip(measured.iter_mut().zip(nested.iter().zip(names))))
        {
            buffer.clear();
            body_text(src, &search, runs.next().unwrap_or_default(), measured.body_span, &mut buffer);
            slot.write(Comment {
                id,
                parent: (parent != NO_PARENT).then_some(parent as usize),
                depth,
                number: measured.number,
                author: widen(author).map(|(s, e)| clean_author(&src[s..e])),
                date: widen(date).map(|(s, e)| date_text(&src[s..e])),
                body: owned_body(&buffer),
                headers: std::mem::take(&mut measured.headers),
                body_span: measured.body_span,
                span: measured.span,
            });
        }
    };
    let (first_measured, second_measured) = measured.split_at_mut(half);
    let (first_nested, second_nested) = nested.split_at(half);
    let (first_names, second_names) = names.split_at(half);
    crate::par::join(
        crate::par::worth_splitting(src.len()),
        || build(0, first, first_measured, first_nested, first_names, &body_runs[..cut]),
        || build(half, second, second_measured, second_nested, second_names, &body_runs[cut..]),
    );
    // SAFETY: the two builds wrote every slot of `first` and `second`,
    // which together are the list's first `count` slots of room (each
    // build zips its slots with as many measures, nested pairs and names,
    // and `measured`, `nested` and `names` all hold one item per draft, as
    // `count` counts). A panic in either build leaves here unwound before
    // the length is set: the comments written are leaked, never read.
    unsafe { comments.set_len(count) };
    drop(measured);
    drop(nested);
    drop(names);
    drop(body_runs);
    // Text cues ("@NAME") stand in for nesting only where the rendering kept
    // none: once any comment is nested by its column, the columns are trusted
    // (on a flattened page, only the columns `nest_by_date_order` and
    // `nest_blogger_replies` set, and cues nest the comments they left alone).
    if !raw_authors.is_empty() {
        let mut parents: Vec<Option<usize>> = comments.iter().map(|c| c.parent).collect();
        let authors: Vec<Option<&str>> = raw_authors.iter().map(|a| a.map(|(s, e)| &src[s..e])).collect();
        apply_text_reply_cues(&mut parents, &authors, flattened, |i| &comments[i].body);
        if flattened {
            let host = article.as_deref().and_then(post_byline_author);
            nest_host_replies(&mut parents, &authors, host.as_deref());
        }
        let depths = tree::depths_from_parents(&parents);
        for ((comment, parent), depth) in comments.iter_mut().zip(parents).zip(depths) {
            comment.parent = parent;
            comment.depth = depth;
        }
    }

    let mut diagnostics = Vec::new();
    if let Some(n) = declared_count {
        if n as usize != comments.len() {
            diagnostics.push(Diagnostic {
                span: heading_span.unwrap_or_default(),
                message: format!("the page declares {n} comments; {} are present in the text", comments.len()),
            });
        }
    }
    Thread { title, article, declared_count, dialect: Dialect::Blog, comments, parts, diagnostics }
}

/// The first and last lines the drafts hold, `None` when they hold none.
/// A draft's first and last lines are its first and last body lines (body
/// lines are in order) or among its few header lines.
fn lines_spanned(drafts: &[Draft]) -> Option<(LineIx, LineIx)> {
    let mut spanned: Option<(LineIx, LineIx)> = None;
    for d in drafts {
        let (body, headers) = (&d.body_lines[..], &d.header_lines[..]);
        let (mut first, mut last) = match (body.first(), body.last()) {
            (Some(&first), Some(&last)) => (first, last),
            _ if headers.is_empty() => continue,
            _ => (LineIx::MAX, 0),
        };
        for &h in headers {
            first = first.min(h);
            last = last.max(h);
        }
        spanned = Some(spanned.map_or((first, last), |(f, l)| (f.min(first), l.max(last))));
    }
    spanned
}

/// The comments' spans and where each body line starts, taken from the
/// lines in place of the drafts' line indices, so that the lines can go
/// before any comment text is built; and their numbers, authors and dates
/// (to `names`), so that the drafts can go too. Every comment's body runs go to one
/// flat list, each comment's ended by a start no line can have
/// ([`RUNS_END`]), so that no comment needs a list of its own. The caller
/// sizes the lists: on a large input this runs on the second thread, which
/// should allocate little (see [`crate::par`]).
fn measure_drafts(
    lines: &[Line],
    drafts: &[Draft],
    measured: &mut Vec<Measured>,
    names: &mut Vec<AuthorAndDate>,
    body_runs: &mut Vec<(u32, u32)>,
) {
    for d in drafts {
        // Each line list is read through its slice once: the lists keep
        // their first lines in place, and every index would ask where.
        let (body, header_lines): (&[LineIx], &[LineIx]) = (&d.body_lines, &d.header_lines);
        let is_text = |&i: &LineIx| !lines[i as usize].is_blank();
        let first_text = body.iter().position(is_text);
        let body_span = match first_text {
            Some(a) => {
                // The last text line: one exists, the first one at least.
                let b = body.iter().rposition(is_text).unwrap_or(a);
                Span::new(lines[body[a] as usize].start(), lines[body[b] as usize].end())
            }
            None => {
                let at = header_lines.last().map_or(0, |&h| lines[h as usize].end());
                Span::new(at, at)
            }
        };
        let mut headers = HeaderSpans::new();
        let (mut first, mut last) = (body_span.start, body_span.end);
        for &h in header_lines {
            let line = &lines[h as usize];
            let span = Span::new(line.start(), line.end());
            first = first.min(span.start);
            last = last.max(span.end);
            headers.push(span);
        }
        if first_text.is_none() {
            first = headers.first().map_or(first, |h| h.start);
        }
        // From here on a draft's body lines are runs of consecutive lines,
        // as pairs of the offset where the run starts and its line count:
        // a body is one run unless furniture ("Reply") interrupts it.
        let mut k = 0;
        while k < body.len() {
            let run_first = body[k];
            let mut len = 1;
            while body.get(k + len).is_some_and(|&i| i == run_first + len as LineIx) {
                len += 1;
            }
            body_runs.push((lines[run_first as usize].start() as u32, len as u32));
            k += len;
        }
        body_runs.push((RUNS_END, 0));
        measured.push(Measured { headers, body_span, span: Span { start: first, end: last }, number: d.number });
        names.push((d.author, d.date));
    }
}

/// The least room a comment's body is given when it has any text. glibc
/// keeps freed blocks of up to 120 bytes in "fast bins" and merges them
/// only when a larger block is next asked for, all at once: in a loop of
/// parses, a thread's first large allocation (the article's text, a long
/// body) merged the short bodies the previous thread's drop had freed,
/// 0.6–0.8 ms of a 10 MB parse on the second thread's path, which the first
/// thread waited for. Blocks this large are merged as they are freed. (A
/// quarter of a generated thread's bodies are this short.)
#[cfg(not(target_arch = "wasm32"))]
const MIN_BODY_ROOM: usize = 121;

/// `text` as a comment's body: natively given at least [`MIN_BODY_ROOM`]
/// bytes of room; an empty body takes no allocation. (The allocator of
/// `wasm32` has no fast bins: there a body gets its length.)
fn owned_body(text: &str) -> String {
    #[cfg(not(target_arch = "wasm32"))]
    if !text.is_empty() {
        let mut body = String::with_capacity(text.len().max(MIN_BODY_ROOM));
        body.push_str(text);
        return body;
    }
    text.to_owned()
}

/// The start that ends a comment's runs in [`measure_drafts`]' list: no
/// line starts there (offsets are below 4 GiB, see [`lines::MAX_INPUT`]).
const RUNS_END: u32 = u32::MAX;

/// The part a line belongs to, and its comment's index ([`Label::NO_COMMENT`]
/// for none): eight bytes per line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Label {
    kind: PartKind,
    comment: u32,
}

impl Label {
    const NO_COMMENT: u32 = u32::MAX;

    fn page(kind: PartKind) -> Label {
        Label { kind, comment: Label::NO_COMMENT }
    }

    fn comment(&self) -> Option<u32> {
        (self.comment != Label::NO_COMMENT).then_some(self.comment)
    }
}

/// The parts of the page: what [`merge_parts`] makes of [`label_lines`]'
/// labels, built from the drafts' line lists without a label per line.
/// Before the section the lines are preamble, title and article; from the
/// section's first line on, each draft's lines are its header and body
/// lines (blank lines that end a body lie between comments), and the lines
/// no draft claims are the heading, text between comments up to the last
/// comment's line, and the trailer after it. That reading holds when the
/// drafts' lines, taken draft by draft, rise strictly (no line in two lists,
/// no comment's line inside another's); otherwise, where later labels would
/// overwrite earlier ones, the labels decide.
fn page_parts(
    lines: &[Line],
    section: Section,
    (section_first, comments_start, comments_end): (usize, usize, usize),
    title_line: Option<usize>,
    drafts: &[Draft],
    len: usize,
) -> Vec<Part> {
    #[cfg(test)]
    if tests::LABELLED_PARTS.with(std::cell::Cell::get) {
        return merge_parts(lines, &label_lines(lines, section, (section_first, comments_start), title_line, drafts), len);
    }
    parts_from_drafts(lines, section, (section_first, comments_end), title_line, drafts).unwrap_or_else(|| {
        let labels = label_lines(lines, section, (section_first, comments_start), title_line, drafts);
        merge_parts(lines, &labels, len)
    })
}

/// Parts in order, each a run of lines with one label: a part opens at
/// the first line of a label different from the last one pushed.
struct PartsBuilder<'a> {
    lines: &'a [Line],
    parts: Vec<Part>,
    last: Option<Label>,
}

impl PartsBuilder<'_> {
    /// Labels the lines from `line` on (up to the next label pushed).
    #[inline]
    fn label_from(&mut self, line: usize, label: Label) {
        if self.last == Some(label) {
            return;
        }
        self.last = Some(label);
        let start = self.lines[line].start() as u32;
        if let Some(last) = self.parts.last_mut() {
            last.span.end = start;
        }
        self.parts.push(Part { kind: label.kind, span: Span { start, end: start }, comment: label.comment() });
    }
}

/// [`page_parts`]' reading of the drafts, `None` where it does not hold.
/// `comments_end` is one past the last line of any draft (see [`lines_spanned`]).
fn parts_from_drafts(
    lines: &[Line],
    section: Section,
    (section_first, comments_end): (usize, usize),
    title_line: Option<usize>,
    drafts: &[Draft],
) -> Option<Vec<Part>> {
    let before_section = section_first.min(lines.len());
    if section.heading.is_some_and(|h| h < before_section || h >= lines.len()) {
        return None;
    }
    let between_end = comments_end.min(lines.len());
    let mut out = PartsBuilder { lines, parts: crate::pages::list_with_capacity(3 * drafts.len() + 8), last: None };
    match title_line {
        Some(t) => {
            if t.min(before_section) > 0 {
                out.label_from(0, Label::page(PartKind::Preamble));
            }
            if t < before_section {
                out.label_from(t, Label::page(PartKind::Title));
                if t + 1 < before_section {
                    out.label_from(t + 1, Label::page(PartKind::Article));
                }
            }
        }
        None if before_section > 0 => out.label_from(0, Label::page(PartKind::Article)),
        None => {}
    }
    // The lines from `from` to `to` that no draft claims: the heading,
    // text between comments before `between_end`, the trailer after it.
    let unclaimed = |out: &mut PartsBuilder, mut from: usize, to: usize| {
        while from < to {
            let heading = section.heading.filter(|&h| h >= from && h < to);
            if heading == Some(from) {
                out.label_from(from, Label::page(PartKind::CommentsHeading));
                from += 1;
                continue;
            }
            let piece_end = heading.unwrap_or(to);
            if from < between_end {
                out.label_from(from, Label::page(PartKind::Between));
                from = piece_end.min(between_end);
            } else {
                out.label_from(from, Label::page(PartKind::Trailer));
                from = piece_end;
            }
        }
    };
    // The next line no draft has claimed yet.
    let mut next = before_section;
    // Labels `line`, after the unclaimed lines before it; false when a
    // draft's line is not past the last one labelled.
    let claim = |out: &mut PartsBuilder, next: &mut usize, line: LineIx, label: Label| {
        let line = line as usize;
        if line < *next || line >= lines.len() {
            return false;
        }
        if line > *next {
            unclaimed(out, *next, line);
        }
        out.label_from(line, label);
        *next = line + 1;
        true
    };
    for (index, d) in drafts.iter().enumerate() {
        let (header, body) =
            (Label { kind: PartKind::CommentHeader, comment: index as u32 }, Label { kind: PartKind::CommentBody, comment: index as u32 });
        // Body lines from `text_end` on are the blank lines that end it.
        let blank_tail = d.body_lines.iter().rev().take_while(|&&i| lines[i as usize].is_blank()).count();
        let text_end = d.body_lines.len() - blank_tail;
        // The header lines go in among the body lines by line index (a
        // header line that is also a body line comes after it, and fails).
        let mut headers = d.header_lines.iter().copied().peekable();
        let lines_of = &d.body_lines[..];
        let mut k = 0;
        while k < lines_of.len() {
            let line = lines_of[k];
            while let Some(h) = headers.next_if(|&h| h < line) {
                if !claim(&mut out, &mut next, h, header) {
                    return None;
                }
            }
            let (label, stop) = if k < text_end { (body, text_end) } else { (Label::page(PartKind::Between), lines_of.len()) };
            if !claim(&mut out, &mut next, line, label) {
                return None;
            }
            // The lines right after it, up to the next header line or the
            // blank lines that end the body, take the same label.
            let before = headers.peek().copied().unwrap_or(LineIx::MAX);
            k += 1;
            while k < stop && lines_of[k] == lines_of[k - 1] + 1 && lines_of[k] < before {
                k += 1;
            }
            next = lines_of[k - 1] as usize + 1;
            if next > lines.len() {
                return None;
            }
        }
        for h in headers {
            if !claim(&mut out, &mut next, h, header) {
                return None;
            }
        }
    }
    unclaimed(&mut out, next, lines.len());
    if let (Some(last), Some(line)) = (out.parts.last_mut(), lines.last()) {
        last.span.end = line.next() as u32;
    }
    let mut parts = out.parts;
    parts.shrink_to_fit();
    Some(parts)
}

/// Labels every line: preamble, title and article before the section, the
/// heading, each comment's header and body lines, and text between and after.
fn label_lines(
    lines: &[Line],
    section: Section,
    (section_first, comments_start): (usize, usize),
    title_line: Option<usize>,
    drafts: &[Draft],
) -> Vec<Label> {
    let mut labels = vec![Label::page(PartKind::Trailer); lines.len()];
    // Page text before the section: preamble up to the title, the title,
    // then the article.
    let before_section = section_first.min(lines.len());
    match title_line {
        Some(t) => {
            labels[..t.min(before_section)].fill(Label::page(PartKind::Preamble));
            if t < before_section {
                labels[t] = Label::page(PartKind::Title);
                labels[t + 1..before_section].fill(Label::page(PartKind::Article));
            }
        }
        None => labels[..before_section].fill(Label::page(PartKind::Article)),
    }
    // A draft's last line is its last body line (body lines are in order)
    // or one of its few header lines.
    let comments_end =
        drafts.iter().flat_map(|d| d.header_lines.iter().max().max(d.body_lines.last())).max().map_or(comments_start, |&m| m as usize + 1);
    // Everything from the heading to the last comment that no comment claims
    // (notes under the heading, "Reply" links) lies between comments.
    if section_first < comments_end.min(lines.len()) {
        labels[section_first..comments_end.min(lines.len())].fill(Label::page(PartKind::Between));
    }
    if let Some(h) = section.heading {
        labels[h] = Label::page(PartKind::CommentsHeading);
    }
    for (index, d) in drafts.iter().enumerate() {
        for &i in &d.body_lines {
            labels[i as usize] = Label { kind: PartKind::CommentBody, comment: index as u32 };
        }
        for &i in &d.header_lines {
            labels[i as usize] = Label { kind: PartKind::CommentHeader, comment: index as u32 };
        }
    }
    // Trailing blank body lines go between comments, so that a body ends with its text.
    for d in drafts {
        for &i in d.body_lines.iter().rev() {
            if lines[i as usize].is_blank() {
                labels[i as usize] = Label::page(PartKind::Between);
            } else {
                break;
            }
        }
    }
    labels
}

/// `s` on one line: runs of white space (line breaks too) become one space.
/// Text already on one line is kept as it is (a short one without an allocation).
fn one_line(s: Cow<'_, str>) -> ShortText {
    short_text(one_line_text(s))
}

/// [`one_line`]'s text before it is kept: `s` itself, without a copy, when
/// it is on one line already.
fn one_line_text(s: Cow<'_, str>) -> Cow<'_, str> {
    if is_one_line(&s) {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| c.is_whitespace() || is_space(c)).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// A comment's date as it keeps it: the visible text of `date`, on one line.
fn date_text(date: &str) -> ShortText {
    if is_plain_one_line(date) {
        return ShortText::new(date);
    }
    one_line(markup::visible_text(date))
}

/// `text` as a comment keeps it; a string built already keeps its allocation.
fn short_text(text: Cow<'_, str>) -> ShortText {
    match text {
        Cow::Borrowed(text) => ShortText::new(text),
        Cow::Owned(text) => ShortText::from(text),
    }
}

/// True when [`one_line`] would return `s` unchanged: ASCII words with
/// single spaces between them, none at either end. Read eight bytes at a
/// time, as every author and date goes through it.
fn is_one_line(s: &str) -> bool {
    ascii_words(s.as_bytes(), false)
}

/// True when `s` is on one line as [`is_one_line`] says and holds none of
/// the bytes inline markup needs (`]` `*` `_` `\\`, see
/// [`markup::has_markup`]; `^` is refused too, as it shares the test): then
/// its visible text is `s` itself and [`one_line`] keeps it. Nearly every
/// author and date is such a text, and one pass tells.
#[inline]
fn is_plain_one_line(s: &str) -> bool {
    ascii_words(s.as_bytes(), true)
}

/// [`is_one_line`] on bytes, refusing markup bytes too when `refuse_markup`.
#[inline(always)]
fn ascii_words(b: &[u8], refuse_markup: bool) -> bool {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = !LOW7;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // A letter: printable, no space, no markup byte.
    const LETTERS: u64 = ONES * 0x61;
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    // Each term below has bit 7 set in some byte exactly when some byte of
    // the word fails its test, so one test of their union per word tells.
    // A byte below 0x20 (`x - 0x20..` borrows through it, and the lowest
    // one keeps bit 7 of `!x`: exact about whether there is one), or from
    // 0x7F up (`(x & 0x7F) + 1` reaches bit 7 only from 0x7F, with no carry
    // into the next byte).
    let unprintable = |x: u64| x.wrapping_sub(ONES * 0x20) & !x | ((x & LOW7) + ONES) | x;
    // Whether `word` passes, given whether the byte before it is a space
    // (as bit 7 of its lowest byte); then whether its last byte is one.
    let check = |x: u64, space_before: u64| {
        // Bit 7 of each space byte, exactly: `(y & 0x7F) + 0x7F | y` has
        // it set in each non-zero byte of `y`.
        let y = x ^ (ONES * 0x20);
        let spaces = !(((y & LOW7) + LOW7) | y) & HIGH;
        // Two spaces in a row: a space flag moved up one byte meets
        // another, or the word opens with one after a space.
        let mut failed = unprintable(x) | (spaces & (spaces << 8 | space_before));
        if refuse_markup {
            failed |= markup::markup_bytes(x);
        }
        (failed & HIGH == 0).then_some(spaces >> 56)
    };
    let mut space_before = 0;
    let mut words = b.chunks_exact(8);
    for word in words.by_ref() {
        match check(u64::from_le_bytes(word.try_into().expect("8 bytes")), space_before) {
            Some(space) => space_before = space,
            None => return false,
        }
    }
    match (words.remainder().len(), b.len().checked_sub(8)) {
        (0, _) => true,
        // The last eight bytes, some read already: every pair of neighbours
        // among them is checked in the word, and the pair across its first
        // byte lies among the bytes read before, so no space comes before.
        (_, Some(from)) => check(u64::from_le_bytes(b[from..].try_into().expect("8 bytes")), 0).is_some(),
        // A short text, in the low bytes of a word whose other bytes are
        // letters (printable, no space, no markup byte).
        (rest, None) => check(b.iter().rev().fold(0u64, |x, &c| x << 8 | u64::from(c)) | LETTERS << (8 * rest), 0).is_some(),
    }
}

/// True when `s` opens and ends with an ASCII letter or digit: then a name
/// has nothing to trim.
fn ends_ascii_alphanumeric(s: &str) -> bool {
    let b = s.as_bytes();
    b.first().is_some_and(u8::is_ascii_alphanumeric) && b.last().is_some_and(u8::is_ascii_alphanumeric)
}

/// An author name with surrounding quotes and link residue removed.
fn clean_author(name: &str) -> ShortText {
    // The common name, plain ASCII words between an ASCII letter or digit
    // at each end, is kept as it is: it holds no markup, is on one line and
    // has nothing to trim.
    if ends_ascii_alphanumeric(name) && is_plain_one_line(name) {
        return ShortText::new(name);
    }
    let line = one_line_text(markup::visible_text(name));
    if ends_ascii_alphanumeric(&line) {
        return short_text(line);
    }
    let trimmed = line.trim_matches(|c: char| is_space(c) || matches!(c, '"' | '“' | '”' | '*' | '_'));
    if trimmed.len() == line.len() {
        short_text(line)
    } else {
        ShortText::new(trimmed)
    }
}

/// The searches building the comments' texts needs, built once per thread.
struct TextSearch {
    lines: lines::LineSearch,
    markup: markup::MarkupSearch,
}

/// Appends the comment's body to `out`: its text lines
/// without indentation, paragraphs separated by one blank line, as a reader
/// sees them (html2text's link syntax taken out). The lines are measured
/// again from the runs (start offset, line count) they form, as the line
/// list is gone by now. `span` is the body's text extent (see [`join_body_lines`]).
fn body_text(src: &str, search: &TextSearch, runs: &[(u32, u32)], span: Span, out: &mut String) {
    let search_lines = &search.lines;
    let base = out.len();
    // The body's lines lie in the input from its first run's start to the
    // end of its text: where those bytes hold no `*` `_` `\\` and no line
    // holds a `[` (the join tells), no line holds markup and the plain join
    // is the body (see `MarkupSearch`).
    let from = runs.first().map_or(span.end, |run| run.0) as usize;
    let region = src.as_bytes().get(from..span.end as usize).unwrap_or_default();
    if !search.markup.may_hold_markup_besides_links(region) {
        if join_plain_body_lines(src, search_lines, runs, span, out) {
            return;
        }
        out.truncate(base);
    }
    join_body_lines(src, search_lines, runs, span, out, |text, out| out.push_str(text));
    // One look at the whole body tells whether any line may hold markup: a
    // line's markup is in the body too, and a line opening with `_` shows
    // there after a line break, as "\n_", which `has_markup` does not read
    // (it looks for `_` at the text's start or after a space). A line's own
    // text holds a line break only when it joined a wrapped link, and then
    // `](` too, which `has_markup` sees.
    let body = &out[base..];
    if markup::has_markup(body) || body.contains("\n_") {
        out.truncate(base);
        join_body_lines(src, search_lines, runs, span, out, |text, out| out.push_str(&markup::visible_text(text)));
    }
}

/// Joins the body lines the runs name onto the end of `out`, each
/// through `push`, with a line break between lines and a blank line
/// between paragraphs. `span` runs from the body's first text line to the
/// end of its last: the lines that start at or after its end are the blank
/// lines that close the body, which add nothing, so they are not read.
fn join_body_lines(
    src: &str,
    search: &lines::LineSearch,
    runs: &[(u32, u32)],
    span: Span,
    out: &mut String,
    push: impl Fn(&str, &mut String),
) {
    // This reader reads every line, so the join always finishes.
    join_lines(runs, span, out, |at, first| Some(body_line_at(src, search, at, first)), push);
}

/// The body line that starts at `at`: its text, whether it is blank, and
/// where the next line starts. The comment's first line drops its list
/// marker (it is the comment's number); later lines keep theirs, as they
/// are lists in the body.
fn body_line_at<'a>(src: &'a str, search: &lines::LineSearch, at: usize, first: bool) -> (&'a str, bool, usize) {
    if first {
        search.text_at(src, at)
    } else {
        search.continuation_at(src, at)
    }
}

/// [`join_body_lines`] with each line's text pushed as it is (onto the end
/// of `out`), for a body that holds no `*` `_` `\\`: plain lines (nearly
/// all) are read by [`lines::LineSearch::plain_text_at`], the others as
/// there. Returns false, the body unfinished, at a line that holds a `[`,
/// which may open a link.
fn join_plain_body_lines(src: &str, search: &lines::LineSearch, runs: &[(u32, u32)], span: Span, out: &mut String) -> bool {
    let bytes = src.as_bytes();
    let read = |at: usize, first: bool| match search.plain_text_at(bytes, at) {
        Some((from, end, next)) => Some((&src[from..end], from == end, next)),
        None => {
            let (text, blank, next) = body_line_at(src, search, at, first);
            memchr::memchr(b'[', text.as_bytes()).is_none().then_some((text, blank, next))
        }
    };
    join_lines(runs, span, out, read, |text, out| out.push_str(text))
}

/// The join of [`join_body_lines`], its lines read by `read` (given a
/// line's start and whether it is the body's first line; `None` stops the
/// join, unfinished). Returns whether the join finished.
#[inline(always)]
fn join_lines<'a>(
    runs: &[(u32, u32)],
    span: Span,
    out: &mut String,
    read: impl Fn(usize, bool) -> Option<(&'a str, bool, usize)>,
    push: impl Fn(&str, &mut String),
) -> bool {
    // What `out` holds already is not this body's.
    let base = out.len();
    let text_end = span.end as usize;
    let mut pending_break = false;
    let mut first = true;
    for &(start, count) in runs {
        let mut at = start as usize;
        for _ in 0..count {
            if at >= text_end {
                return true;
            }
            let Some((text, blank, next)) = read(at, std::mem::replace(&mut first, false)) else {
                return false;
            };
            at = next;
            if blank {
                pending_break = out.len() > base;
                continue;
            }
            if out.len() > base {
                // One byte at a time: a push of a str is a copy call.
                out.push('\n');
                if pending_break {
                    out.push('\n');
                }
            }
            pending_break = false;
            push(text, out);
        }
    }
    true
}

/// Finds the title: the post title a count heading names, else the first
/// line of text. Returns it and the line that holds it, if one does.
fn find_title(src: &str, lines: &[Line], classes: &Classes, section: Section, section_first: usize) -> (Option<String>, Option<usize>) {
    let from_heading = section.heading.and_then(|h| match classes[h] {
        Kind::CountHeading(id) if classes.count_heading(id).title_at.is_some() => {
            let at = classes.count_heading(id).title_at.unwrap_or(0);
            let visible = markup::visible_text(lines[h].text(src));
            let visible = visible.trim_matches(is_space);
            let text = visible.get(at..).unwrap_or("");
            let (start, end) = wrapped_title_paragraph(src, lines, classes, h, true);
            let text = if end - start > 1 {
                Cow::Owned(format!("{text} {}", joined_lines(src, lines, start + 1, end)))
            } else {
                Cow::Borrowed(text)
            };
            let t = text.trim_matches(|c: char| is_space(c) || matches!(c, '“' | '”' | '"' | '„' | '«' | '»' | '‘' | '’' | '\'' | ':'));
            (!t.is_empty()).then(|| t.to_string())
        }
        _ => None,
    });
    // Where the rendering keeps headings as Markdown, the post's title is
    // one of them: other lines do not compete. Without a title from the
    // heading, the best-scoring line wins; among equals, the first.
    // (Scoring reads dates and bylines around every line before the
    // section, so it is done only when its answer is used.)
    let first_text = || {
        let heading = markdown_title_line(src, lines, classes, section_first);
        let page_start = after_head_links(src, lines, section_first);
        let best = (page_start..section_first)
            .filter(|&i| heading.is_none() || lines[i].heading() > 0)
            .map(|i| (title_score(src, lines, classes, i, section_first), i))
            .filter(|&(score, _)| score > 0)
            .fold(None, |best: Option<(u32, usize)>, (score, i)| match best {
                Some((b, _)) if b >= score => best,
                _ => Some((score, i)),
            })
            .map(|(_, i)| i);
        best.or(heading).or_else(|| (page_start..section_first).find(|&i| matches!(classes[i], Kind::Text | Kind::Header(_))))
    };
    match from_heading {
        Some(title) => {
            let folded = crate::lexicon::fold(&title);
            let line = (0..section_first).find(|&i| crate::lexicon::fold(lines[i].text(src)) == folded);
            // A count heading wrapped at the rendering's width cuts the
            // title short ("6 Responses to The New … Crosses a Privacy"):
            // a heading line before the comments that goes on from it is
            // the whole title.
            let longer = line.is_none().then(|| {
                (0..section_first.min(TITLE_SEARCHED_LINES)).find(|&i| {
                    lines[i].heading() > 0 && {
                        let text = crate::lexicon::fold(&title_text(src, lines, i));
                        text.len() > folded.len() && text.starts_with(&folded) && text[folded.len()..].starts_with(' ')
                    }
                })
            });
            match longer.flatten() {
                Some(i) => (Some(title_text(src, lines, i)), Some(i)),
                None => (Some(title), line),
            }
        }
        None => match first_text() {
            Some(i) if lines[i].heading() == 0 => match wrapped_title_paragraph(src, lines, classes, i, false) {
                (start, end) if end - start > 1 => (Some(joined_lines(src, lines, start, end)), Some(start)),
                _ => (Some(title_text(src, lines, i)), Some(i)),
            },
            Some(i) => (Some(title_text(src, lines, i)), Some(i)),
            None => (None, None),
        },
    }
}

/// The lines of the paragraph a narrow rendering wrapped a title into,
/// as the range `start..end` around line `i` (only from `i` on when
/// `only_after`: a count heading's title goes on below it). lynx and w3m
/// wrap at 80 columns, html2text at 78: a title longer than that goes on
/// on the next lines ("… advertiser wrath over Do Not" / "Track support").
/// Lines join when the first reaches far enough that the next line's first
/// word would not have fitted after it (see [`outgrows_name`]), at the same
/// column, with blank lines around the whole; and only where the lines
/// after the title show a wrapping rendering (none reaches past 80
/// columns; a browser's copy keeps a paragraph on one line). A paragraph
/// of more than three lines is the article's, and `i` stays alone.
fn wrapped_title_paragraph(src: &str, lines: &[Line], classes: &Classes, i: usize, only_after: bool) -> (usize, usize) {
    const MAX_LINES: usize = 3;
    const WRAP_WIDTH: usize = 80;
    const NARROWEST_WRAP: usize = 64;
    const LOOK_AHEAD: usize = 30;
    let alone = (i, i + 1);
    let end_col = |j: usize| text_col(src, &lines[j]) as usize + lines[j].text(src).chars().count();
    if (i..lines.len().min(i + LOOK_AHEAD)).any(|j| end_col(j) > WRAP_WIDTH) {
        return alone;
    }
    // Whether line `a` wrapped onto line `a + 1`.
    let wraps = |a: usize| {
        let b = a + 1;
        b < lines.len()
            && classes[b] == Kind::Text
            && !lines[b].has_marker()
            && text_col(src, &lines[b]) == text_col(src, &lines[a])
            && end_col(a) + 1 + lines[b].text(src).split(is_space).next().unwrap_or("").chars().count() > NARROWEST_WRAP
    };
    let mut start = i;
    // A byline right over the title ("POSTED ON November 6th, 2012 …")
    // is no part of it, however far it reaches.
    let byline = |j: usize| scan::starts_with_byline(lines[j].text(src)) || is_date_line(lines[j].text(src));
    while !only_after
        && start > 0
        && i - start + 1 < MAX_LINES
        && classes[start - 1] == Kind::Text
        && !lines[start - 1].has_marker()
        && !byline(start - 1)
        && wraps(start - 1)
    {
        start -= 1;
    }
    let mut end = i + 1;
    while end - start < MAX_LINES && wraps(end - 1) {
        end += 1;
    }
    let blank_before = start == 0 || lines[start - 1].is_blank() || only_after;
    let blank_after = lines.get(end).is_none_or(Line::is_blank);
    if blank_before && blank_after {
        (start, end)
    } else {
        alone
    }
}

/// The visible text of lines `start..end`, trimmed and joined by spaces.
fn joined_lines(src: &str, lines: &[Line], start: usize, end: usize) -> String {
    let parts: Vec<Cow<'_, str>> = (start..end).map(|j| markup::visible_text(lines[j].text(src))).collect();
    parts.iter().map(|t| t.trim_matches(is_space)).collect::<Vec<_>>().join(" ")
}

/// The line of the post's title where the rendering kept headings as
/// Markdown (html2text: "# Title", "## Title"): the first of the
/// highest-level headings before the comments that reads as a title.
fn markdown_title_line(src: &str, lines: &[Line], classes: &Classes, section_first: usize) -> Option<usize> {
    (0..section_first.min(TITLE_SEARCHED_LINES))
        .filter(|&i| lines[i].heading() > 0 && classes[i] == Kind::Text && !links_to_site_root(lines[i].text(src)))
        .filter(|&i| {
            let text = title_text(src, lines, i);
            (2..=200).contains(&text.chars().count()) && !text.contains(['«', '»', '|'])
        })
        .min_by_key(|&i| (lines[i].heading(), i))
}

/// True when `text` opens with a link to a site's front page
/// ("[The Fischbowl](http://thefischbowl.blogspot.com/)", "[Home](/)"):
/// a heading that names the site, not the post.
fn links_to_site_root(text: &str) -> bool {
    let Some(link) = markup::scan_link(text) else { return false };
    // The destination runs from after "](" to before the closing ")".
    let destination = text.get(link.text.1 + 2..link.len - 1).unwrap_or("");
    let url = destination.split([' ', '"']).next().unwrap_or("");
    let path = url.split_once("://").map_or(url, |(_, rest)| rest.find('/').map_or("", |at| &rest[at..]));
    !url.is_empty() && (path.is_empty() || path == "/")
}

/// The title line's text as a reader sees it: link markup taken out
/// ("[Title](http://…)" is "Title", also when the link's destination
/// wrapped onto the next line), and a heading that wrapped at the
/// rendering's width joined with its next line. Spaces stay as written.
fn title_text(src: &str, lines: &[Line], i: usize) -> String {
    let raw = lines[i].text(src);
    let mut text = markup::visible_text(raw).into_owned();
    // A destination left open ("[Title](http://…/a-" + newline + "b \"Title\")")
    // is not a closed link: its text is what stands in the brackets.
    let mut link_cut = false;
    if let (Some(rest), Some(close)) = (text.strip_prefix('['), text.find("](")) {
        text = rest[..close - 1].to_string();
        link_cut = true;
    }
    let wrapped = lines[i].heading() > 0 && !link_cut && raw.chars().count() >= 60;
    if wrapped {
        if let Some(next) = lines.get(i + 1).filter(|l| !l.is_blank() && l.heading() == 0 && !l.has_marker()) {
            let more = markup::visible_text(next.text(src));
            if !more.contains("](") && more.chars().count() < 60 {
                text.push(' ');
                text.push_str(more.trim_matches(is_space));
            }
        }
    }
    match text.trim_matches(is_space) {
        trimmed if trimmed.len() == text.len() => text,
        trimmed => trimmed.to_string(),
    }
}

/// The first line after the run of "Link: …" lines elinks prints at the
/// top of a page for the document head's `<link>` elements ("Link:
/// canonical", "Link: RSS 2.0 (alternate)"): page metadata, never the
/// title. 0 when the page does not open so.
fn after_head_links(src: &str, lines: &[Line], end: usize) -> usize {
    let mut i = 0;
    while i < end && (lines[i].is_blank() || lines[i].text(src).starts_with("Link: ")) {
        i += 1;
    }
    if (0..i).any(|j| !lines[j].is_blank()) {
        i
    } else {
        0
    }
}

/// Only the first lines of a page are searched for its title.
const TITLE_SEARCHED_LINES: usize = 3000;

/// How much line `i` looks like a post's title (0 when it does not): a short
/// line next to the post's date or byline, which blogs print just above the
/// title (Blogger's "Monday, October 29, 2012") or just below it ("by NAME on
/// DATE", "Posted on DATE"); a paragraph of its own scores higher. Only the
/// first lines of the page are tried, so that a page with no section costs
/// no more than a few thousand lines.
fn title_score(src: &str, lines: &[Line], classes: &Classes, i: usize, end: usize) -> u32 {
    if i >= TITLE_SEARCHED_LINES || classes[i] != Kind::Text || lines[i].marker().is_some() {
        return 0;
    }
    let text = lines[i].text(src);
    let chars = text.chars().count();
    let navigation = text.contains(['«', '»']) || links_to_site_root(text);
    if !(2..=200).contains(&chars) || navigation || is_date_line(text) || scan::starts_with_byline(text) || is_rule_line(text) {
        return 0;
    }
    let non_blank = |j: &usize| !lines[*j].is_blank();
    let next = next_content_line(src, lines, i + 1, end);
    // The post's comment count ("4 Comments") may stand between the title
    // and its byline, as WordPress themes print the post's meta: the byline
    // is read past it.
    let next = match next {
        Some(j) if matches!(classes[j], Kind::CountHeading(_)) => (j + 1..end.min(j + 4)).find(non_blank),
        _ => next,
    };
    let prev = (i.saturating_sub(3)..i).rev().find(|j| non_blank(j) && !is_rule_line(lines[*j].text(src)));
    let around = byline_around_title(src, lines, i, next, prev, end).unwrap_or(0);
    let next_score = next.map_or(0, |j| {
        // An author's avatar may stand before the byline as its image's
        // placeholder ("[8d93] by Ben Hunt").
        let t = without_image_placeholder(lines[j].text(src));
        if t.len() > 160 {
            return 0;
        }
        let date = scan::find_absolute_date(t);
        // A line of links to the previous and next posts ("« Tips on how to
        // be creative by John Cleese | Main | Seminars Nov 7 & 8 »") names
        // other posts: its dates and "by" are theirs, not this line's.
        if t.contains(['«', '»']) {
            return 0;
        }
        // A byline with no date ("by Holley Gerth, DaySpring Writer") may
        // stand under a sidebar's link to another blog as well: it counts
        // as a date near the line's start does.
        if date.is_some() && (scan::starts_with_byline(t) || t.split(is_space).any(|w| scan::starts_with_byline(w) && w.len() <= 3)) {
            3
        } else if scan::starts_with_byline(t) || date.is_some_and(|(at, _)| at <= 40) {
            2
        } else {
            0
        }
    });
    let prev_score = prev.map_or(0, |j| {
        let t = lines[j].text(src).trim_end_matches(is_space);
        let pure_date = scan::find_absolute_date(t).is_some_and(|(at, n)| at <= 12 && t.len() - (at + n) <= 2);
        // A date line right above, with no blank line between, is a date
        // header over the title (Blogger's "SUNDAY, OCTOBER 28, 2012", which
        // a browser's copy prints against the title): it belongs to the
        // line under it more surely than a date under a line does. A byline
        // ("By NAME - DATE") stands under its title, so it earns no more.
        // A name right above the date, with no blank line after it, makes
        // the two a byline ("Anna Berger" / "Do 9 Apr 2020"): what follows
        // opens the article. (A date header over a title stands apart.)
        let name_above = j > 0 && !lines[j + 1].is_blank() && is_person_name(lines[j - 1].text(src));
        match (pure_date && !name_above, j + 1 == i && !scan::starts_with_byline(t)) {
            (true, true) => 4,
            (true, false) => 3,
            _ => 0,
        }
    });
    // A section label over the title ("Leben" under the date, the title
    // under it, then "von NAME DATE") takes no score from the date: the
    // line right over the byline is the title. (A byline without a date,
    // "Posted by Wren at 7:15 AM", is a post's footer under its text.)
    let dated_byline = |k: usize| {
        let t = lines[k].text(src);
        scan::starts_with_byline(t) && scan::find_absolute_date(t).is_some()
    };
    let apart = lines.get(i + 1).is_some_and(|l| l.is_blank() || is_rule_line(l.text(src)));
    let prev_score = match next {
        Some(j) if next_score == 0 && apart && next_content_line(src, lines, j + 1, end).is_some_and(dated_byline) => 0,
        _ => prev_score,
    };
    let score = next_score.max(prev_score);
    let alone = stands_alone(src, lines, i);
    if score == 0 {
        around
    } else {
        (score + u32::from(alone)).max(around)
    }
}

/// The first line from `from` (before `end`) with text, past blank lines
/// and horizontal rules ("━━━━", "____"), which narrow renderings print
/// between a title and its byline; `None` past three blank lines.
fn next_content_line(src: &str, lines: &[Line], from: usize, end: usize) -> Option<usize> {
    const MAX_BLANKS: usize = 2;
    let mut blanks = 0;
    for (j, line) in lines.iter().enumerate().take(end).skip(from) {
        if line.is_blank() {
            blanks += 1;
            if blanks > MAX_BLANKS {
                return None;
            }
        } else if !is_rule_line(line.text(src)) {
            return Some(j);
        }
    }
    None
}

/// `text` without the image placeholder a text rendering may print
/// before it ("[8d93] by Ben Hunt" gives "by Ben Hunt"): a bracketed word
/// with no link after it.
fn without_image_placeholder(text: &str) -> &str {
    const LONGEST_PLACEHOLDER: usize = 40;
    match text.strip_prefix('[').and_then(|rest| rest.find(']').map(|close| (close, &rest[close + 1..]))) {
        Some((close, after)) if close <= LONGEST_PLACEHOLDER && !after.starts_with('(') && after.starts_with(is_space) => {
            after.trim_start_matches(is_space)
        }
        _ => text,
    }
}

/// How many lines of a comment's first paragraph are read for a notice
/// ("You can follow this conversation …") that a rendering wrapped.
const NOTICE_LINES: usize = 3;

/// True when line `i` is a paragraph of its own: blank lines or
/// horizontal rules (a heading's underline) above and below it.
fn stands_alone(src: &str, lines: &[Line], i: usize) -> bool {
    let open = |l: &Line| l.is_blank() || is_rule_line(l.text(src));
    (i == 0 || open(&lines[i - 1])) && lines.get(i + 1).is_none_or(open)
}

/// True for a horizontal rule as a rendering draws it: a line of three or
/// more rule characters ("━━━", "═══", "____", "-----") and nothing else.
fn is_rule_line(text: &str) -> bool {
    let text = text.trim_matches(is_space);
    text.chars().count() >= 3 && text.chars().all(|c| matches!(c, '_' | '-' | '=' | '*' | '━' | '─' | '═' | '—' | '–') || is_space(c))
}

/// True for a line that is a person's name alone, as a byline prints it
/// over or under the post's date: two or three capitalised words of
/// letters ("Anna Berger", "Tom de Reyes"), no digit, no sentence mark.
fn is_person_name(text: &str) -> bool {
    const MAX_CHARS: usize = 40;
    let text = text.trim_matches(is_space);
    let words: Vec<&str> = text.split(is_space).filter(|w| !w.is_empty()).collect();
    (2..=3).contains(&words.len())
        && text.chars().count() <= MAX_CHARS
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                && w.chars().any(char::is_lowercase)
                && w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\''))
        })
}

/// True for a headline set in title case: three or more words, every word
/// of four letters or more capitalised, not all in capitals ("Town Council
/// Still Weighs the River Bridge", "Today, We Only Need Your Vote."). An article's sentence is not written so, nor a section label.
fn is_headline(text: &str) -> bool {
    const LONG_WORD: usize = 4;
    let words: Vec<&str> = text.split(is_space).map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())).filter(|w| !w.is_empty()).collect();
    words.len() >= 3
        && text.chars().any(char::is_lowercase)
        && words.iter().all(|w| w.chars().count() < LONG_WORD || !w.starts_with(char::is_alphabetic) || w.starts_with(char::is_uppercase))
}

/// True for a subtitle (a "deck") as news themes print it under the
/// headline: a sentence of four or more words whose longer words after the
/// first are mostly in lower case ("No word yet on the budget or the second
/// lane").
fn is_deck(text: &str) -> bool {
    const LONG_WORD: usize = 4;
    let words: Vec<&str> = text.split(is_space).map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())).filter(|w| !w.is_empty()).collect();
    let long: Vec<&&str> = words.iter().skip(1).filter(|w| w.chars().count() >= LONG_WORD && w.starts_with(char::is_alphabetic)).collect();
    words.len() >= 4
        && words[0].starts_with(char::is_uppercase)
        && long.iter().filter(|w| w.starts_with(char::is_lowercase)).count() * 2 > long.len()
}

/// The title score of line `i` read from a post's meta block that is not
/// right next to it (`None` where there is none; [`title_score`] keeps the
/// higher of this and its reading of the lines around it):
/// - a byline of a name line over a date line ("Anna Berger" / "Do 9 Apr
///   2020") under the line scores it as a byline does, 3;
/// - a headline over a subtitle (a deck, [`is_deck`]) over the date or
///   byline scores 3 (4 as a paragraph of its own), as the line right
///   over the date would: of the two, the headline is the title;
/// - a headline right under a "Posted on DATE" byline, a paragraph of its
///   own, is the title where the line over the byline is no headline (a
///   site name, "PETER SHANKMAN"): 5.
fn byline_around_title(src: &str, lines: &[Line], i: usize, next: Option<usize>, prev: Option<usize>, end: usize) -> Option<u32> {
    let text = lines[i].text(src);
    let alone = u32::from(stands_alone(src, lines, i));
    if let Some(j) = next {
        let t = lines[j].text(src);
        if is_person_name(t) && lines.get(j + 1).is_some_and(|l| is_date_line(l.text(src))) {
            return Some(3);
        }
        if is_headline(text) && !is_headline(t) && is_deck(t) && !is_date_line(t) && !scan::starts_with_byline(t) {
            // The deck may wrap onto more lines, with the date right under it.
            const MAX_DECK_LINES: usize = 3;
            let is_meta = |k: usize| {
                let m = lines[k].text(src);
                m.len() <= 160 && scan::find_absolute_date(m).is_some_and(|(at, _)| at <= 40 || scan::starts_with_byline(m))
            };
            let mut k = j + 1;
            while k < end && k - j < MAX_DECK_LINES && !lines[k].is_blank() && !is_meta(k) {
                k += 1;
            }
            let meta = if k < end && !lines[k].is_blank() { Some(k) } else { next_content_line(src, lines, k, end) };
            if meta.is_some_and(is_meta) {
                return Some(3 + alone);
            }
        }
    }
    // A wide rendering pads the byline's parts far apart: its date is
    // read in its first characters.
    const BYLINE_DATE_CHARS: usize = 80;
    let head = |t: &'_ str| -> usize { t.char_indices().nth(BYLINE_DATE_CHARS).map_or(t.len(), |(at, _)| at) };
    let byline = prev
        .filter(|&j| j + 2 >= i)
        .map(|j| lines[j].text(src))
        .filter(|t| scan::starts_with_byline(t) && scan::find_absolute_date(&t[..head(t)]).is_some());
    if byline.is_some() && lines.get(i + 1).is_none_or(Line::is_blank) && is_headline(text) {
        let above = prev.and_then(|j| (j.saturating_sub(3)..j).rev().find(|&k| !lines[k].is_blank()));
        if above.is_none_or(|k| !is_headline(lines[k].text(src))) {
            return Some(5);
        }
    }
    None
}

/// True when a line is the post's date rather than a title: it opens on a
/// date ("September 20, 2012 | Permalink", "Monday, 29 October") or holds
/// little besides one. A title may name a date after its first words
/// ("TEDxKyoto held Sept 16 (Update: videos now live)", "… Friday Jul 26"):
/// that alone does not make it a date line.
fn is_date_line(text: &str) -> bool {
    const MIN_OTHER_WORDS: usize = 3;
    scan::find_absolute_date(text).is_some_and(|(at, n)| {
        let words = |s: &str| s.split(is_space).filter(|w| w.chars().any(char::is_alphanumeric)).count();
        at <= 12 || words(&text[..at]) + words(&text[at + n..]) < MIN_OTHER_WORDS
    })
}

/// The lines of the article: those after the title line and before the
/// section (`before_section`), or all before the section when no line
/// holds the title (the labels [`label_lines`] gives them).
fn article_lines(title_line: Option<usize>, before_section: usize) -> std::ops::Range<usize> {
    match title_line {
        Some(t) if t < before_section => t + 1..before_section,
        Some(_) => 0..0,
        None => 0..before_section,
    }
}

/// The article's text: its lines, paragraphs separated by a blank line.
fn article_text(src: &str, lines: &[Line], article: std::ops::Range<usize>) -> Option<String> {
    let mut out = String::new();
    let mut pending_break = false;
    for line in &lines[article] {
        if line.is_blank() {
            pending_break = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if pending_break { "\n\n" } else { "\n" });
        }
        pending_break = false;
        out.push_str(&markup::visible_text(src[line.start()..line.text_end().max(line.start())].trim_start_matches(is_space)));
    }
    (!out.is_empty()).then_some(out)
}

/// The name a comment's greeting opens with ("Hi, Roberta! …" gives
/// "Roberta"; "Hallo Jonas," gives "Jonas"): the word after one of the
/// lexicon's greetings, which must end in punctuation or stand before one.
fn greeted_name(text: &str) -> Option<&str> {
    let line = text.lines().next().unwrap_or("");
    let greeting = crate::lexicon::LANGUAGES.iter().flat_map(|l| l.greetings).filter(|g| {
        line.len() > g.len()
            && line.is_char_boundary(g.len())
            && line[..g.len()].eq_ignore_ascii_case(g)
            && !line[g.len()..].starts_with(char::is_alphanumeric)
    });
    // The longest greeting wins ("thank you" over "thanks"…), and a comma may follow it.
    let after = &line[greeting.map(|g| g.len()).max()?..];
    let rest = after.trim_start_matches([',', ' ']);
    if rest.len() == after.len() {
        return None;
    }
    let name_len = rest.find(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '\'' | '.'))).unwrap_or(rest.len());
    let name = rest[..name_len].trim_end_matches('.');
    let closes = rest[name_len..].starts_with([',', '!', ':', ' ', '.']) || name_len == rest.len();
    (name.chars().count() >= 2 && name.starts_with(char::is_uppercase) && closes).then_some(name)
}

/// True when the greeted `name` is `author` or the author's first name.
fn greets(name: &str, author: &str) -> bool {
    let first = author.split(is_space).next().unwrap_or("");
    author.eq_ignore_ascii_case(name) || crate::lexicon::fold(first) == crate::lexicon::fold(name)
}

/// Adds parents that the rendering lost but the text states: a top-level
/// comment opening with "@NAME" (or, see below, a greeting naming NAME)
/// replies to NAME's latest comment among the previous comment and its
/// ancestors.
fn apply_text_reply_cues<'a>(parents: &mut [Option<usize>], authors: &[Option<&str>], flattened: bool, body: impl Fn(usize) -> &'a str) {
    // Authors who have answered someone: the post's author, most often,
    // whom later comments greet to thank for the post, not to answer.
    let mut repliers: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for i in 1..parents.len() {
        if parents[i].is_some() {
            continue;
        }
        let text = body(i);
        // The tree must keep the comments in document order, so a reply can
        // only hang under the previous comment or one of its ancestors: the
        // cue names the latest of those by its author. (Deep chains are
        // rare; a cue further up than this is not trusted, which also keeps
        // the search short on any text.)
        const SPINE_STEPS: usize = 65;
        let spine = std::iter::successors(Some(i - 1), |&k| parents[k]).take(SPINE_STEPS);
        let target = match text.strip_prefix('@') {
            Some(rest) => spine.into_iter().find(|&j| {
                authors[j].is_some_and(|a| {
                    !a.is_empty() && rest.len() >= a.len() && rest.is_char_boundary(a.len()) && rest[..a.len()].eq_ignore_ascii_case(a)
                })
            }),
            // A greeting answers a top-level comment, and only where the
            // rendering may have lost the nesting: on a page that is flat,
            // people greet each other all the same.
            None if flattened => greeted_name(text).and_then(|name| {
                spine
                    .into_iter()
                    .find(|&j| authors[j].is_some_and(|a| greets(name, a)))
                    .filter(|&j| parents[j].is_none() && authors[j].is_none_or(|a| !repliers.contains(a)))
            }),
            None => None,
        };
        if let Some(j) = target {
            parents[i] = Some(j);
            if let Some(author) = authors[i] {
                repliers.insert(author);
            }
        }
    }
}

/// On a page whose rendering lost the nesting (a browser's copy of a
/// threaded WordPress list), the host's top-level comment right after a
/// top-level comment by someone else answers that comment. WordPress
/// prints a reply straight after the comment it answers, and the post's
/// author answers comments rather than opening threads. The host is the
/// page's most frequent author (strictly ahead of everyone else) with a
/// reply already found (by a date, an "@NAME" or a greeting): one who
/// comments most and answers others. The rule only nests a comment under
/// the one just above it, so document order is kept.
fn nest_host_replies(parents: &mut [Option<usize>], authors: &[Option<&str>], post_author: Option<&str>) {
    let folded: Vec<Option<String>> = authors.iter().map(|a| a.map(|a| crate::lexicon::fold(&clean_author(a)))).collect();
    // The post's byline names the host surely, where that name comments.
    let byline_host = post_author.map(crate::lexicon::fold).filter(|name| folded.iter().flatten().any(|a| a == name));
    let host = match byline_host.as_deref() {
        Some(host) => host,
        None => {
            let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
            for author in folded.iter().flatten() {
                *counts.entry(author.as_str()).or_default() += 1;
            }
            let most = counts.values().copied().max().unwrap_or(0);
            let mut leaders = counts.iter().filter(|(_, &n)| n == most).map(|(&a, _)| a);
            let (Some(host), None) = (leaders.next(), leaders.next()) else { return };
            let answers = (0..parents.len()).any(|i| parents[i].is_some() && folded[i].as_deref() == Some(host));
            if most < 2 || !answers {
                return;
            }
            host
        }
    };
    for i in 1..parents.len() {
        if parents[i].is_some() || parents[i - 1].is_some() || folded[i].as_deref() != Some(host) {
            continue;
        }
        if folded[i - 1].as_deref().is_some_and(|above| above != host) {
            parents[i] = Some(i - 1);
        }
    }
}

/// The name the post's byline gives among the article's first lines ("by
/// Heather Solos on October 22, 2012", "von Ann Lee | 3. Mai 2020"): a
/// line opening with one of the lexicon's byline words, then a name, then
/// nothing, a date or a joiner before one.
fn post_byline_author(article: &str) -> Option<String> {
    const LINES_SEARCHED: usize = 12;
    const LONGEST_NAME: usize = 40;
    let words = crate::lexicon::LANGUAGES.iter().flat_map(|l| l.bylines.iter());
    let openers: Vec<&str> = words.copied().collect();
    article.lines().take(LINES_SEARCHED).find_map(|line| {
        let line = line.trim_matches(is_space);
        let folded = crate::lexicon::fold(line);
        // The longest byline word the line opens with, then a space.
        let opener = openers.iter().filter(|w| folded.starts_with(**w) && folded[w.len()..].starts_with(' ')).map(|w| w.len()).max()?;
        // Folding keeps ASCII bytes where they are: the name is cut from the
        // line itself only when the opener's bytes are the same.
        let rest = line.get(opener..)?.trim_start_matches(is_space);
        let end = [" on ", " | ", " - ", " – ", " — ", ", ", " am ", " at "].iter().filter_map(|j| rest.find(j)).min();
        let end = end.or_else(|| scan::find_absolute_date(rest).map(|(at, _)| at)).unwrap_or(rest.len());
        let name = rest[..end].trim_matches(|c: char| is_space(c) || matches!(c, ',' | '|' | ':'));
        let starts_with_date = scan::find_absolute_date(name).is_some_and(|(at, _)| at == 0);
        (!name.is_empty()
            && name.chars().count() <= LONGEST_NAME
            && !starts_with_date
            && !name.starts_with(|c: char| c.is_ascii_digit())
            && scan::is_name_like(name))
        .then(|| name.to_string())
    })
}

/// Merges runs of lines with the same label into parts covering `0..len`.
/// A part ends where the next begins (the lines cover the input without a
/// gap), so only the lines whose label differs from the one above are read.
fn merge_parts(lines: &[Line], labels: &[Label], len: usize) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    let mut previous: Option<Label> = None;
    for (line, &label) in lines.iter().zip(labels) {
        if previous == Some(label) {
            continue;
        }
        previous = Some(label);
        let start = line.start() as u32;
        if let Some(last) = parts.last_mut() {
            last.span.end = start;
        }
        parts.push(Part { kind: label.kind, span: Span { start, end: start }, comment: label.comment() });
    }
    if let (Some(last), Some(line)) = (parts.last_mut(), lines.last()) {
        last.span.end = line.next() as u32;
    }
    debug_assert!(parts.last().is_none_or(|p| p.span.end as usize == len));
    parts.shrink_to_fit();
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tidy_census_leaves_the_clean_ups_nothing_to_do() {
        // Every fixture, a generated thread and every corpus text present
        // beside the checkout parse the same with the clean-ups run always.
        let texts = fixture_and_corpus_texts();
        let mut tidy = 0;
        for text in &texts {
            let usual = parse(text);
            CLEAN_UP_ALWAYS.with(|c| c.set(true));
            let cleaned = parse(text);
            CLEAN_UP_ALWAYS.with(|c| c.set(false));
            assert_eq!(usual, cleaned, "{}", &text[..text.len().min(200)]);
            let (lines, classes) = classes_of(lines::scan_then(text, LineClassifier::new));
            let section = find_section(text, &lines, &classes);
            let drafts = segment(text, &lines, &classes, section, classes.iter().filter(|k| matches!(k, Kind::Header(_))).count());
            tidy += usize::from(!draft_census(&lines, &classes, &drafts, false).untidy);
        }
        assert!(tidy >= 10, "the census found only {tidy} tidy texts: the fast path went untested");
    }

    /// Every fixture, a generated thread, and every corpus text present
    /// beside the checkout.
    fn fixture_and_corpus_texts() -> Vec<String> {
        let mut texts = crate::testing::fixture_texts();
        texts.push(crate::generate::generate(200_000).text);
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
        for kind in std::fs::read_dir(corpus).into_iter().flatten().flatten() {
            for thread in std::fs::read_dir(kind.path()).into_iter().flatten().flatten() {
                for file in std::fs::read_dir(thread.path()).into_iter().flatten().flatten() {
                    if file.path().extension().is_some_and(|e| e == "txt") {
                        texts.push(String::from_utf8_lossy(&std::fs::read(file.path()).expect("readable")).into_owned());
                    }
                }
            }
        }
        texts
    }

    #[test]
    fn a_row_of_headings_shares_one_answer() {
        // What `find_section` asked of each count heading alone, reading on
        // to the end of its row and past it every time.
        let followed_alone = |classes: &Classes, i: usize| {
            let mut past_heading_row = false;
            classes[i + 1..]
                .iter()
                .take_while(|c| {
                    let next_heading = matches!(c, Kind::CountHeading(_)) && past_heading_row;
                    past_heading_row |= !matches!(c, Kind::Blank | Kind::Noise | Kind::CountHeading(_));
                    !next_heading
                })
                .any(is_header_kind)
        };
        let mut texts = fixture_and_corpus_texts();
        texts.extend(
            [
                "15 Comments\n15 Comments\n\n15 Comments\nAnn says:\nHi.\n",
                "4 Antworten\nKommentare4\nPingbacks0\n\nAnn sagt:\nHallo.\n",
                "3 Comments\n\nSome text.\n2 Comments\nAnn says:\nHi.\n",
                "3 Comments\n3 Comments\nSome text.\n\nMore text.\n",
                "2 Comments\n",
            ]
            .map(String::from),
        );
        let mut headings = 0;
        for text in &texts {
            let (_, classes) = classes_of(lines::scan_then(text, LineClassifier::new));
            let is_heading = |i: usize| matches!(classes[i], Kind::CountHeading(_));
            let opening: String = text.chars().take(100).collect();
            for i in (0..classes.len()).filter(|&i| is_heading(i)) {
                headings += 1;
                let (row_end, followed) = heading_row_followed(&classes, i);
                let context = format!("heading at line {i} of {opening}");
                assert_eq!(followed, followed_alone(&classes, i), "{context}");
                // `find_section` gives the headings below in the row this answer.
                for below in (i + 1..row_end).filter(|&k| is_heading(k)) {
                    assert_eq!(heading_row_followed(&classes, below), (row_end, followed), "{context}");
                }
            }
        }
        assert!(headings > 300, "only {headings} count headings were compared");
    }

    #[test]
    fn owned_bodies_keep_their_text_and_short_ones_leave_the_fast_bins() {
        assert_eq!(owned_body("").capacity(), 0, "an empty body allocates nothing");
        for text in ["a", "Thanks!", &"x".repeat(120), &"y".repeat(121), &"z".repeat(4000)] {
            let body = owned_body(text);
            assert_eq!(body, text);
            #[cfg(not(target_arch = "wasm32"))]
            assert!(body.capacity() >= MIN_BODY_ROOM, "{} bytes of room", body.capacity());
        }
    }

    #[test]
    fn date_keys_order_the_forms_blogs_print() {
        let key = |s: &str| date_key(s, false).unwrap_or_else(|| panic!("{s}"));
        assert!(key("October 22, 2012 at 1:57 pm") < key("October 22, 2012 at 2:03 pm"));
        assert!(key("October 22, 2012 at 11:57 am") < key("October 22, 2012 at 12:03 pm"));
        assert!(key("October 22, 2012 at 12:30 am") < key("October 22, 2012 at 1:03 am"));
        assert!(key("August 15th, 2012 at 11:17 pm") < key("August 16th, 2012 at 3:22 am"));
        assert!(key("23.07.2020 // 12:59") > key("15.07.2020 // 12:00"));
        assert!(key("6. JUNI 2015 UM 10:23") < key("7. JUNI 2015 UM 09:00"));
        assert!(key("22. Dezember 2019 um 11:16 Uhr") > key("3. Januar 2019 um 11:16 Uhr"));
        assert!(key("10/28/12 5:33 PM") < key("11/4/12 7:40 AM"));
        assert!(key("2012-10-28 14:02") < key("2012-10-28 14:03"));
        assert_eq!(date_key("28/10/12 5:33", false), None);
        assert!(date_key("28/10/12 5:33", true).is_some());
        assert_eq!(date_key("12 days ago", false), None);
        assert_eq!(date_key("Monday at 5:33 pm", false), None);
        assert!(key("Jun 20th at 2:41 am") < key("Jun 20th at 12:50 pm"));
        assert!(key("December 30, 2019 at 2:41 am") < key("Jan 2nd at 9:00 am"));
        assert_eq!(date_key("4. Mai", false), None);
    }
    use crate::lines;

    thread_local! {
        /// Set while a test wants [`page_parts`] to take the general path,
        /// labels per line merged into parts, to compare it with the drafts' reading.
        pub(super) static LABELLED_PARTS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    /// `parse` with the parts taken from per-line labels.
    fn parse_with_labelled_parts(src: &str) -> Thread {
        LABELLED_PARTS.with(|l| l.set(true));
        let thread = crate::parse(src);
        LABELLED_PARTS.with(|l| l.set(false));
        thread
    }

    #[test]
    fn parts_read_from_the_drafts_are_the_labelled_parts() {
        let mut texts = crate::testing::fixture_texts();
        assert!(texts.len() >= 20);
        texts.push(crate::generate::generate(50_000).text);
        for text in &texts {
            let whole = crate::par::run_sequentially(|| parse_with_labelled_parts(text));
            assert_eq!(crate::par::run_sequentially(|| crate::parse(text)), whole);
        }
    }

    #[test]
    fn classes_read_in_chunks_name_the_headers_of_one_pass() {
        // Large enough to be read in chunks on two threads, with headers and
        // count headings in many chunks (the generated thread's heading is
        // at its start; the fixtures' after it).
        let mut text = crate::generate::generate(2 * crate::par::MIN_PARALLEL_BYTES).text;
        for fixture in crate::testing::fixture_texts() {
            text.push_str(&fixture);
            text.push('\n');
        }
        let (lines, halves) = classes_of(lines::scan_then(&text, LineClassifier::new));
        assert_ne!(halves.second_base, u32::MAX, "the text was read in chunks");
        let one = classify(&text, &lines);
        let mut seen = [0; 2];
        for (i, (a, b)) in halves.iter().zip(one.iter()).enumerate() {
            match (*a, *b) {
                (Kind::Header(x), Kind::Header(y)) | (Kind::Footer(x), Kind::Footer(y)) => {
                    assert_eq!(halves.header(x), one.header(y), "line {i}");
                    seen[usize::from(x >= halves.second_base)] += 1;
                }
                (Kind::CountHeading(x), Kind::CountHeading(y)) => assert_eq!(halves.count_heading(x), one.count_heading(y), "line {i}"),
                _ => assert_eq!(a, b, "line {i}"),
            }
        }
        assert!(seen[0] > 0 && seen[1] > 0, "headers read by both readers: {seen:?}");
    }

    #[test]
    fn a_section_cut_in_halves_at_any_header_gives_the_drafts_of_one_walk() {
        // Every header line of every fixture as the cut: where the first
        // half opens no comment there, where it stops before, and where the
        // second half meets page text at a marker's column, the halves must
        // give what one walk gives.
        let mut texts = crate::testing::fixture_texts();
        texts.push("1. Ann says:\n   Hi.\n2. Bob says:\n   Yo.\nFooter text\n  * Cid says:\n    Hey.\n3. Dan says:\n   Ho.\n".to_string());
        texts.push("Comments\n\n  1. \n     Ann says:\n     Hi.\n  2. \n     Bob says:\n     Yo.\n".to_string());
        let mut cuts = 0;
        for text in &texts {
            let lines = lines::scan(text);
            let classes = classify(text, &lines);
            let section = find_section(text, &lines, &classes);
            let header_count = (section.start..section.end).filter(|&i| matches!(classes[i], Kind::Header(_))).count();
            let marker_headers = (section.start..section.end).any(|i| matches!(classes[i], Kind::Header(_)) && lines[i].marker().is_some());
            let walk = Walk {
                src: text,
                lines: &lines,
                classes: &classes,
                section,
                marker_headers,
                marker_driven: marker_headers || header_count == 0,
            };
            let start = || Segmenting { drafts: Vec::new(), current: None, previous_blank: true };
            let finish = |mut s: Segmenting| {
                flush(&mut s.drafts, s.current.take());
                s.drafts
            };
            let whole = finish(segment_lines(&walk, section.start..section.end, start(), None).0);
            for cut in (section.start..section.end).filter(|&i| matches!(classes[i], Kind::Header(_))) {
                let halves = finish(segment_in_halves(&walk, section.start..section.end, cut, start()));
                assert_eq!(halves, whole, "cut at line {cut} of {:?}", &text[..text.len().min(60)]);
                cuts += 1;
            }
        }
        assert!(cuts > 50);
    }

    #[test]
    fn first_kind_finds_what_position_finds() {
        let kinds = [Kind::Blank, Kind::Text, Kind::Noise, Kind::FormStart, Kind::SectionHeading, Kind::Header(0), Kind::CountHeading(0)];
        let ends = |k: &Kind| matches!(k, Kind::FormStart | Kind::SectionHeading);
        // Lists of every length up to three chunks, with the hit (or none) anywhere.
        for len in 0..26 {
            for seed in 0..40usize {
                let list: Vec<Kind> = (0..len)
                    .map(|i| kinds[(i * 7 + seed * 3 + i * i * seed) % kinds.len()])
                    .map(|k| if ends(&k) && (seed % 3 == 0) { Kind::Text } else { k })
                    .collect();
                assert_eq!(first_kind(&list, ends), list.iter().position(ends), "{list:?}");
            }
        }
    }

    #[test]
    fn drafts_claiming_a_line_twice_or_out_of_order_leave_the_parts_to_the_labels() {
        let src = "Title\n\nComments\nAnn\nHi.\n\nBob\nYo.\n\nFooter\n";
        let lines = lines::scan(src);
        let section = Section { heading: Some(2), start: 3, end: 9, ..Section::default() };
        let draft = |headers: &[LineIx], body: &[LineIx]| Draft {
            header_lines: headers.iter().copied().collect(),
            body_lines: body.iter().copied().collect(),
            ..Draft::default()
        };
        let labelled = |drafts: &[Draft]| merge_parts(&lines, &label_lines(&lines, section, (2, 3), Some(0), drafts), src.len());
        let read = |drafts: &[Draft]| {
            parts_from_drafts(&lines, section, (2, lines_spanned(drafts).map_or(3, |(_, last)| last as usize + 1)), Some(0), drafts)
        };
        let apart = [draft(&[3], &[4, 5]), draft(&[6], &[7, 8])];
        assert_eq!(read(&apart), Some(labelled(&apart)));
        for tangled in [
            [draft(&[3], &[4, 5, 6]), draft(&[6], &[7, 8])],
            [draft(&[3], &[4, 7]), draft(&[6], &[8])],
            [draft(&[4], &[4, 5]), draft(&[6], &[7])],
            [draft(&[5, 3], &[4]), draft(&[6], &[7])],
        ] {
            assert_eq!(read(&tangled), None);
            let end = lines_spanned(&tangled).map_or(3, |(_, last)| last as usize + 1);
            assert_eq!(page_parts(&lines, section, (2, 3, end), Some(0), &tangled, src.len()), labelled(&tangled));
        }
    }

    fn class_of(line: &str) -> Class {
        let l = lines::scan(line);
        classify_line(line, &l[0], l[0].text(line), &mut ClassMemo::new())
    }

    #[test]
    fn repeated_texts_get_the_class_read_at_their_own_place() {
        // The memo must give a repeated line its class moved to where the
        // line stands, the same class a fresh reading gives, and never lend
        // one text's class to another text with the same hash slot.
        let src = "Ann Lee says:\nReply\n\n  2. Ann Lee says:\n[Ann](http://a.example) says:\nReply\n\
                   Ann Lee says:\nAnn Lei says:\nMay 2, 2012 at 9:05 pm\nMay 2, 2012 at 9:05 pm\n  Ann Lee says:\n\
                   3. Ann Lee says:\n  14) Ann Lee says:\n5. Oktober 2019 um 11:16 Uhr\n6. Oktober 2019 um 11:16 Uhr\n\
                   Oktober 2019 um 11:16 Uhr\n22. Oktober 2019 um 11:16 Uhr\n7. x\n8. x\n9. x\n10. May\n11. May\nMay\n12. May\n\
                   \u{a0}13. Ann Lee says:\n2012 Ann\n15. 2012 Ann\n16. 2012 Ann\n";
        let lines = lines::scan(src);
        let mut memo = ClassMemo::new();
        for line in &lines {
            let fresh = classify_line(src, line, line.text(src), &mut ClassMemo::new());
            assert_eq!(classify_line(src, line, line.text(src), &mut memo), fresh, "{:?}", line.text(src));
        }
        let classes = classify(src, &lines);
        let authors: Vec<&str> = classes
            .iter()
            .filter_map(|k| match k {
                Kind::Header(id) => classes.header(*id).author.map(|(s, e)| &src[s..e]),
                _ => None,
            })
            .collect();
        assert_eq!(authors, ["Ann Lee", "Ann Lee", "Ann", "Ann Lee", "Ann Lei", "Ann Lee", "Ann Lee", "Ann Lee", "Ann Lee"]);
        // The classifier (which reads the memo before a numbered line's
        // date) gives every line the class a fresh reading gives.
        for (line, kind) in lines.iter().zip(classes.iter()) {
            let fresh = match classify_line(src, line, line.text(src), &mut ClassMemo::new()) {
                Class::Header(h) => Some(h),
                _ => None,
            };
            let read = match *kind {
                Kind::Header(id) => Some(classes.header(id)),
                _ => None,
            };
            assert_eq!(read, fresh, "{:?}", line.text(src));
        }
        let numbered_dates = lines
            .iter()
            .zip(classes.iter())
            .filter(|(l, k)| l.has_marker() && matches!(k, Kind::Header(id) if classes.header(*id).author.is_none()))
            .count();
        assert!(numbered_dates >= 3, "{numbered_dates}");
    }

    #[test]
    fn memo_texts_compare_as_slices_do() {
        let texts = ["", "a", "Reply", "1234567", "12345678", "123456789", "Ann Lee says:", "J. R. Martin says:", &"x".repeat(48)];
        for a in texts {
            for b in texts.iter().filter(|b| b.len() == a.len()) {
                assert_eq!(ClassMemo::same_bytes(a.as_bytes(), b.as_bytes()), a == *b, "{a:?} {b:?}");
            }
            // Each byte changed in turn.
            for i in 0..a.len() {
                let mut changed = a.as_bytes().to_vec();
                changed[i] ^= 1;
                assert!(!ClassMemo::same_bytes(a.as_bytes(), &changed), "{a:?} at {i}");
            }
        }
    }

    #[test]
    fn the_classify_loop_gives_each_line_the_class_classify_line_gives() {
        // `LineClassifier::read` reads most lines' gates itself and calls shut-gate
        // prose `Text` at once: every line of every fixture, and of a
        // generated thread, gets the class the general path gives it.
        let mut texts = crate::testing::fixture_texts();
        texts.push(crate::generate::generate(200_000).text);
        let mut checked = 0;
        for src in &texts {
            let lines = lines::scan(src);
            let classes = classify(src, &lines);
            for (line, kind) in lines.iter().zip(classes.iter()) {
                let class = match *kind {
                    Kind::Blank => Class::Blank,
                    Kind::Text => Class::Text,
                    Kind::Noise => Class::Noise,
                    Kind::FormStart => Class::FormStart,
                    Kind::SectionHeading => Class::SectionHeading,
                    Kind::CountHeading(id) => Class::CountHeading(*classes.count_heading(id)),
                    Kind::Header(id) => Class::Header(classes.header(id)),
                    Kind::Footer(id) => Class::Footer(classes.header(id)),
                };
                let general = classify_line(src, line, line.text(src), &mut ClassMemo::new());
                assert_eq!(class, general, "{:?}", line.text(src));
                // The shut-gate shortcut answers what `classify_visible` does.
                let text = line.text(src);
                if let Some(gate) = (text.len() <= 240).then(|| scan::LineGate::of_unmarked(text)).flatten() {
                    let gate_of = |t: &str| if t.len() > 240 { scan::LineGate::OPEN } else { scan::LineGate::of(t) };
                    if is_shut_text(text, gate) {
                        assert_eq!(classify_visible(text, gate, &gate_of, &|s, e| (s, e)), Class::Text, "{text:?}");
                    }
                }
                checked += 1;
            }
        }
        assert!(checked > 5_000, "only {checked} lines");
    }

    #[test]
    fn whole_date_lines_get_the_header_the_general_path_reads() {
        // Date lines of every month and weekday of the lexicon in several
        // forms and cases, their near misses (a name, furniture or a
        // says-verb after the date, a lynx bullet, a bracket, a long line),
        // and every fixture line: where the date path answers, it answers
        // what `classify_unnumbered` reads.
        let mut lines = Vec::new();
        for lang in crate::lexicon::LANGUAGES {
            for names in lang.months {
                for m in *names {
                    for form in [
                        "{m} 28, 2014 at 1:00 am",
                        "{m} 3",
                        "{m} 3 2014 a.m.",
                        "{m} 28, 2014 at 1:00 am Reply",
                        "{m} 2, 2012 | 9:05",
                        "{m} 2, 2012 Ann",
                        "{m} 2, 2012 says:",
                        "{m} 2, 2012]",
                        "{m} 1st, 2012",
                        "{m} 2, 2012 at",
                    ] {
                        lines.push(form.replace("{m}", m));
                    }
                }
            }
            for w in lang.weekdays {
                for form in ["{w}, November 08, 2012", "{w} 3 May 2014 um 11:16 Uhr", "{w}, 3. Mai", "{w} at 5:33 pm"] {
                    lines.push(form.replace("{w}", w));
                }
            }
        }
        lines.extend(
            ["o May 2, 2012", "May 2, 2012\u{a0}", "Ma 2, 2012", "Mo 1. Mai 2012", &format!("May 2, 2012{}", " 1".repeat(30))]
                .map(String::from),
        );
        for src in crate::testing::fixture_texts() {
            lines.extend(lines::scan(&src).iter().map(|line| line.text(&src).to_string()));
        }
        let mut answered = 0;
        for line in &lines {
            for text in [line.clone(), line.to_lowercase(), line.to_uppercase()] {
                let base = 7;
                if let Some(header) = whole_date_header(&text, base) {
                    assert_eq!(Class::Header(header), classify_unnumbered(&text, base), "{text:?}");
                    assert_eq!(scan::LineGate::of(&text), scan::LineGate::DATE_LINE, "{text:?}");
                    answered += 1;
                }
            }
        }
        assert!(answered > 500, "only {answered} date lines");
    }

    #[test]
    fn the_joiner_pretest_passes_every_line_the_joiner_test_shortens() {
        // Every ASCII byte value at each of the last nine places of lines
        // ending in a digit, a space and a joiner (or other short words).
        let endings = ["2012 at", "2012 um", "3 a", "12 alle", "2012 at ", "5 om", "x at", "2012 abcde", "7 AT", "9 \u{e0}s"];
        let mut checked = 0;
        for ending in endings {
            for prefix in ["", "a", "Ann Lee ", "Ann Lee October 22, "] {
                let line = format!("{prefix}{ending}");
                for at in line.len().saturating_sub(9)..line.len() {
                    for b in 0u8..0x80 {
                        let mut bytes = line.clone().into_bytes();
                        if !line.is_char_boundary(at) || !line.is_char_boundary(at + 1) {
                            continue;
                        }
                        bytes[at] = b;
                        let Ok(t) = String::from_utf8(bytes) else { continue };
                        if t.is_ascii() && without_trailing_date_joiner(&t).is_some() {
                            assert!(may_end_with_date_joiner(&t), "{t:?}");
                        }
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 10_000, "only {checked} lines");
        assert!(!may_end_with_date_joiner("A line of plain words at"));
        assert!(may_end_with_date_joiner("October 22, 2012 at"));
    }

    #[test]
    fn header_forms() {
        assert!(matches!(class_of("  3. elvischupacabra says:"), Class::Header(Header { strong: true, .. })));
        assert!(matches!(
            class_of("Kiss and Make-upOctober 22, 2012 10:46 AM"),
            Class::Header(Header { author: Some(_), date: Some(_), .. })
        ));
        assert!(matches!(class_of("May 20, 2012 at 12:55 AM"), Class::Header(Header { author: None, date: Some(_), .. })));
        assert!(matches!(class_of("Posted by: Leslie W. | May 19, 2012 at 08:36 PM"), Class::Footer(_)));
        assert!(matches!(class_of("Not good. ISIS is on the ball."), Class::Text));
        assert!(matches!(class_of("15 Responses to X"), Class::CountHeading(_)));
        assert!(matches!(class_of("Leave a Reply"), Class::FormStart));
        assert!(matches!(class_of("Reply"), Class::Noise));
    }

    #[test]
    fn comment_numbers_before_linked_names() {
        assert_eq!(number_before_linked_name("7 [Ann Lee](http://a.example)"), Some(2));
        assert_eq!(number_before_linked_name("[![](http://i.example/a.png)](http://a.example) 12 [Ann](http://a.example)"), Some(51));
        // Digits inside the link are the name's own.
        assert_eq!(number_before_linked_name("[2 Fat Cooks](http://a.example)"), None);
        assert_eq!(number_before_linked_name("7 Ann [home](http://a.example)"), None);
    }

    #[test]
    fn host_replies_nest_under_the_comment_above() {
        // Ann, the most frequent author, answered Bob (found by a cue): her
        // later top-level comment after Cara's answers Cara.
        let authors = [Some("Bob"), Some("Ann"), Some("Cara"), Some("Ann"), Some("Dan")];
        let mut parents = vec![None, Some(0), None, None, None];
        nest_host_replies(&mut parents, &authors, None);
        assert_eq!(parents, vec![None, Some(0), None, Some(2), None]);
        // With no single most frequent author there is no host to find.
        let authors = [Some("Bob"), Some("Ann"), Some("Cara"), Some("Ann"), Some("Bob")];
        let mut parents = vec![None, Some(0), None, None, None];
        nest_host_replies(&mut parents, &authors, None);
        assert_eq!(parents, vec![None, Some(0), None, None, None]);
        // A most frequent author who answered nobody opens threads.
        let authors = [Some("Bob"), Some("Ann"), Some("Cara"), Some("Ann")];
        let mut parents = vec![None; 4];
        nest_host_replies(&mut parents, &authors, None);
        assert_eq!(parents, vec![None; 4]);
        // The post's byline names the host, even one who comments once,
        // over a most frequent author with a reply found.
        let authors = [Some("Bob"), Some("Nina Holt"), Some("Cara"), Some("Dan"), Some("Cara")];
        let mut parents = vec![None, None, None, Some(2), None];
        nest_host_replies(&mut parents, &authors, Some("Nina Holt"));
        assert_eq!(parents, vec![None, Some(0), None, Some(2), None]);
        // A byline name that no comment carries leaves the choice to the counts.
        let mut parents = vec![None, None, None, Some(2), None];
        nest_host_replies(&mut parents, &authors, Some("Olga"));
        assert_eq!(parents, vec![None, None, None, Some(2), None]);
    }

    #[test]
    fn post_byline_author_reads_the_name() {
        assert_eq!(post_byline_author("by Heather Solos on October 22, 2012\n\nText.").as_deref(), Some("Heather Solos"));
        assert_eq!(post_byline_author("Intro line\nPosted by Ann Lee | March 3, 2013").as_deref(), Some("Ann Lee"));
        assert_eq!(post_byline_author("Published on October 22, 2012").as_deref(), None);
        assert_eq!(post_byline_author("Nothing here names the author.").as_deref(), None);
    }

    #[test]
    fn reply_cues_look_only_up_the_spine() {
        // Tens of thousands of "@" cues that name nobody: each looks at the
        // previous comment and its ancestors only, not at every earlier one.
        let n = 50_000;
        let mut parents = vec![None; n];
        let authors: Vec<Option<&str>> = (0..n).map(|i| if i == 0 { Some("Ann") } else { Some("Bob") }).collect();
        apply_text_reply_cues(&mut parents, &authors, true, |i| if i == 1 { "@Ann yes" } else { "@Zed no" });
        assert_eq!(parents[1], Some(0));
        assert!(parents[2..].iter().all(Option::is_none));
    }

    #[test]
    fn greetings_name_whom_they_answer() {
        assert_eq!(greeted_name("Hi, Roberta! When it comes to blooming"), Some("Roberta"));
        assert_eq!(greeted_name("Hallo Jonas, danke"), Some("Jonas"));
        assert_eq!(greeted_name("Thank you Stacey. I just commented"), Some("Stacey"));
        assert_eq!(greeted_name("Hi there! I feel discouraged"), None);
        assert_eq!(greeted_name("Hillary was right"), None);
        assert_eq!(greeted_name("Thanks for the article"), None);
        assert!(greets("Chrissy", "Chrissy Quattro"));
        assert!(!greets("Chris", "Chrissy Quattro"));
    }

    #[test]
    fn site_root_links_name_the_site() {
        assert!(links_to_site_root("[The Fischbowl](http://thefischbowl.blogspot.com/)"));
        assert!(links_to_site_root("[SciBlogs](/ \"Return to the homepage\")"));
        assert!(links_to_site_root("[Kitchen](https://kitchen.example)"));
        assert!(!links_to_site_root("[Giving Back](http://foodwishes.blogspot.com/2012/11/giving-back.html)"));
        assert!(!links_to_site_root("[Nam Nghi Phu Quoc Opens]()"));
        assert!(!links_to_site_root("Plain title"));
    }

    #[test]
    fn elinks_head_links_are_skipped_for_the_title() {
        let src = "Link: canonical\nLink: RSS 2.0 (alternate)\n\nMy Post\n";
        let lines = lines::scan(src);
        assert_eq!(after_head_links(src, &lines, lines.len()), 3);
        let src = "My Post\nLink: canonical\n";
        assert_eq!(after_head_links(src, &lines::scan(src), 2), 0);
    }

    #[test]
    fn author_joiners_are_dropped() {
        assert_eq!(trim_author_joiner("Tom on "), "Tom");
        assert_eq!(trim_author_joiner("Tom | "), "Tom");
        assert_eq!(trim_author_joiner("Anna am"), "Anna");
        assert_eq!(trim_author_joiner("Don"), "Don");
    }

    #[test]
    fn a_line_opening_with_an_underscore_is_read_for_markup() {
        // The joined lines hold "\n_", which `has_markup` alone does not
        // take for markup; `body_text` reads them for it all the same.
        let search = TextSearch { lines: lines::LineSearch::new(), markup: markup::MarkupSearch::new() };
        for (src, joined, body) in
            [("a\n_b_\n", "a\n_b_", "a\nb"), ("a\n\n  _b c_\n", "a\n\n_b c_", "a\n\nb c"), ("a\nb_\n", "a\nb_", "a\nb_")]
        {
            let span = Span::new(0, src.len() - 1);
            let count = src.matches('\n').count() as u32;
            let mut out = String::new();
            join_body_lines(src, &search.lines, &[(0, count)], span, &mut out, |text, out| out.push_str(text));
            assert_eq!(out, joined, "{src:?}");
            assert!(!markup::has_markup(&out), "{src:?}");
            out.clear();
            body_text(src, &search, &[(0, count)], span, &mut out);
            assert_eq!(out, body, "{src:?}");
        }
    }

    #[test]
    fn parts_merge_runs_of_equal_labels_and_cover_the_input() {
        let src = "a\nb\r\nc\nd\re";
        let lines = lines::scan(src);
        let body = |c| Label { kind: PartKind::CommentBody, comment: c };
        let labels = [Label::page(PartKind::Article), Label::page(PartKind::Article), body(0), body(1), body(1)];
        let parts = merge_parts(&lines, &labels, src.len());
        let got: Vec<(PartKind, u32, u32, Option<u32>)> = parts.iter().map(|p| (p.kind, p.span.start, p.span.end, p.comment)).collect();
        assert_eq!(got, [(PartKind::Article, 0, 5, None), (PartKind::CommentBody, 5, 7, Some(0)), (PartKind::CommentBody, 7, 10, Some(1))]);
        assert!(merge_parts(&[], &[], 0).is_empty());
    }

    #[test]
    fn line_lists_act_as_vectors_in_place_and_spilled() {
        for n in [0u32, 1, 3, 4, 5, 9] {
            let mut list: LineList<4> = LineList::default();
            let mut vec: Vec<LineIx> = Vec::new();
            for i in 0..n {
                list.push(i * 2);
                vec.push(i * 2);
            }
            assert_eq!(&*list, &vec[..]);
            assert_eq!(list.pop(), vec.pop());
            list.push(7);
            vec.push(7);
            list.retain(|i| i % 4 != 0);
            vec.retain(|i| i % 4 != 0);
            assert_eq!(&*list, &vec[..]);
            let front = vec.len().min(2);
            list.drop_front(front);
            vec.drain(..front);
            assert_eq!(&*list, &vec[..]);
            list.sort_unstable();
            vec.sort_unstable();
            assert_eq!(list.iter().collect::<Vec<_>>(), vec.iter().collect::<Vec<_>>());
            let collected: LineList<4> = (0..n).collect();
            assert_eq!(&*collected, &(0..n).collect::<Vec<_>>()[..]);
        }
    }

    #[test]
    fn one_pass_one_line_test_agrees_with_its_definition() {
        let defined = |s: &str| {
            let b = s.as_bytes();
            b.first().is_none_or(|&c| c != b' ')
                && b.last().is_none_or(|&c| c != b' ')
                && !b.windows(2).any(|w| w == b"  ")
                && b.iter().all(|c| (b' '..0x7f).contains(c))
        };
        for s in [
            "",
            " ",
            "  ",
            "a",
            "a ",
            " a",
            "a b",
            "a  b",
            "a\tb",
            "a\nb",
            "é",
            "May 1, 2012 at 8:24 pm",
            "x \u{a0}y",
            "a b ",
            "~\x7f",
            "abcdefg  h",
            "abcdefgh ij",
            "abcdefg h",
            "0123456 \x7f",
            "01234567 9abcdef",
            "01234567 9abcdef ",
            "\x1f",
            "a\x00b",
            "October 22, 2012 at 10:46 AM",
            "abcdefgh  ",
            "abcdefghijklmno  p",
            "a~}|{ !",
            "zzzzzzz\u{7f}zzzzzzz",
            "old_skeptic",
            "Ann **Lee**",
            "a]b",
            "a\\b",
            "x^2 y",
            "Jo*",
            "[Ann](http://a.example)",
            "_Ann_",
            "abcdefgh_",
            "abcdefg_h",
            "abcdefghijklmn*",
            "abcdefghijklmnop]",
            "Ann Lee",
            "J. R. Martin",
            "Ann 1",
            "May 1, 2012 at 8:24 pm ",
            "\u{201c}Ann\u{201d}",
            "7 [Ann](x)",
            "a b c d e f g h i j",
            "abcdefgh ijklmnop q",
            "abcdefg ",
            "abcdefg h ",
            "abcdefg\x1fhij",
            "abcdefgh\x7f",
            "\x7fabcdefgh",
            "abcdefghijklmno\x00",
            " \x01",
            "a\x01\x01b",
            "~~~~~~~~~",
            "  abcdefgh",
            "abcdefgh \u{e9}",
            "ab cd ef gh ij kl",
            "abcdefg  ",
            "abcdefg\\",
            "abcdefgh]abcdefgh",
            "abc[d]ef",
            "a+b=c; d/e (f) {g} <h> 'i' \"j\" |k| @l #m $n %o &p",
        ] {
            assert_eq!(is_one_line(s), defined(s), "{s:?}");
            let plain = defined(s) && !s.bytes().any(|c| matches!(c, b']' | b'*' | b'_' | b'\\' | b'^'));
            assert_eq!(is_plain_one_line(s), plain, "{s:?}");
            // The fast paths give what the general ones give.
            assert_eq!(date_text(s), one_line(markup::visible_text(s)), "{s:?}");
            assert_eq!(clean_author(s), clean_author_in_general(s), "{s:?}");
            assert_eq!(one_line(Cow::Borrowed(s)), {
                let words: Vec<&str> = s.split(|c: char| c.is_whitespace() || is_space(c)).filter(|w| !w.is_empty()).collect();
                words.join(" ")
            });
        }
    }

    /// Bodies of a few lines cut from every fixture at every line (the
    /// runs `measure_drafts` would give, one or two per body): the plain
    /// join, where the markup search lets it run, and [`body_text`] give
    /// what the general join gives, the markup pass included.
    #[test]
    fn plain_body_join_agrees_with_the_general_one() {
        let general = |src: &str, runs: &[(u32, u32)], span: Span| {
            let search = lines::LineSearch::new();
            let mut out = String::new();
            join_body_lines(src, &search, runs, span, &mut out, |text, out| out.push_str(text));
            if markup::has_markup(&out) || out.contains("\n_") {
                out.clear();
                join_body_lines(src, &search, runs, span, &mut out, |text, out| out.push_str(&markup::visible_text(text)));
            }
            out
        };
        let search = TextSearch { lines: lines::LineSearch::new(), markup: markup::MarkupSearch::new() };
        let mut texts = crate::testing::fixture_texts();
        texts.push("  12. Ann\n  3.\n   - \n  ## x\n\u{a0}y z\u{a0}\n\t tab\r\n  [a\n  b](c)\n  é\n\n   \n  end".to_string());
        let (mut plain_runs, mut bodies) = (0, 0);
        for src in &texts {
            let all = lines::scan(src);
            for first in 0..all.len() {
                for (len, gap) in [(1, 0), (4, 0), (9, 0), (3, 1), (6, 2)] {
                    let Some(body) = all.get(first..first + len + gap + 2) else { continue };
                    // Two runs: `len` lines, `gap` lines left out, two more.
                    let mut runs = vec![(body[0].start() as u32, len as u32)];
                    if gap > 0 {
                        runs.push((body[len + gap].start() as u32, 2));
                    }
                    let taken: Vec<&Line> =
                        if gap > 0 { body[..len].iter().chain(&body[len + gap..]).collect() } else { body[..len].iter().collect() };
                    let texts: Vec<&&Line> = taken.iter().filter(|l| !l.is_blank()).collect();
                    let span = match (texts.first(), texts.last()) {
                        (Some(a), Some(b)) => Span::new(a.start(), b.end()),
                        _ => Span::new(body[0].start(), body[0].start()),
                    };
                    let expected = general(src, &runs, span);
                    // A body is appended to the bodies before it, which it leaves alone.
                    let mut out = String::from("before");
                    body_text(src, &search, &runs, span, &mut out);
                    assert_eq!(out.strip_prefix("before"), Some(expected.as_str()), "{runs:?} in {:?}", &src[span.range()]);
                    assert!(out.len() - "before".len() <= span.range().len(), "a body is no longer than its span");
                    let region = src.as_bytes().get(runs[0].0 as usize..span.end as usize).unwrap_or_default();
                    out.clear();
                    if !search.markup.may_hold_markup_besides_links(region)
                        && join_plain_body_lines(src, &search.lines, &runs, span, &mut out)
                    {
                        assert_eq!(out, expected);
                        plain_runs += 1;
                    }
                    bodies += 1;
                }
            }
        }
        assert!(plain_runs > 1000 && plain_runs < bodies, "{plain_runs} of {bodies}");
    }

    /// Every text of up to ten bytes over a few classes of byte, and longer
    /// ones drawn at random: the word-at-a-time tests agree with their
    /// definitions at every position and across every word boundary.
    #[test]
    fn one_line_tests_agree_with_their_definitions_everywhere() {
        let one_line = |b: &[u8]| {
            b.first() != Some(&b' ')
                && b.last() != Some(&b' ')
                && !b.windows(2).any(|w| w == b"  ")
                && b.iter().all(|c| (b' '..0x7f).contains(c))
        };
        let plain = |b: &[u8]| one_line(b) && !b.iter().any(|c| matches!(c, b']' | b'*' | b'_' | b'\\' | b'^'));
        let check = |b: &[u8]| {
            let s = std::str::from_utf8(b).expect("ASCII");
            assert_eq!(is_one_line(s), one_line(b), "{s:?}");
            assert_eq!(is_plain_one_line(s), plain(b), "{s:?}");
        };
        let alphabet = [b' ', b'a', b'*', b'~'];
        for len in 0..=10u32 {
            for n in 0..4usize.pow(len) {
                let text: Vec<u8> = (0..len).map(|k| alphabet[n / 4usize.pow(k) % 4]).collect();
                check(&text);
            }
        }
        let bytes = [b' ', b'a', b'Z', b'0', b'.', b']', b'_', b'\\', b'^', b'*', b'[', 0x1f, 0x7f, 0x00, b'~', b'!'];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 40) as usize;
            // Mostly letters, a few other bytes: most texts pass or nearly.
            let text: Vec<u8> = (0..len)
                .map(|k| if (state >> (k + 6)) & 7 == 0 { bytes[(state >> (k % 50)) as usize % bytes.len()] } else { b'a' })
                .collect();
            check(&text);
        }
    }

    /// [`clean_author`] without its fast path.
    fn clean_author_in_general(name: &str) -> ShortText {
        let line = one_line_text(markup::visible_text(name));
        ShortText::new(line.trim_matches(|c: char| is_space(c) || matches!(c, '"' | '“' | '”' | '*' | '_')))
    }

    #[test]
    fn clean_author_trims_quotes_and_keeps_plain_names() {
        assert_eq!(clean_author("Ann Lee"), "Ann Lee");
        assert_eq!(clean_author("\u{201c}Ann\u{201d}"), "Ann");
        assert_eq!(clean_author("*Bob_"), "Bob");
        assert_eq!(clean_author("[Ann](http://a.example)"), "Ann");
        assert_eq!(clean_author("A"), "A");
    }

    #[test]
    fn name_decoration_is_stripped() {
        let s = "[IMG] Chibby";
        let (a, b) = strip_name_decoration(s).unwrap();
        assert_eq!(&s[a..b], "Chibby");
    }
}
