//! Scanners over the text of one line.
//!
//! Each scanner looks at a `&str` (a line's text, without indentation and
//! list marker) and answers how many bytes it matched, or what it read there;
//! `0` or `None` means no match. They know no dialect: the marker words come
//! from [`crate::lexicon`], and the dialect passes decide what a match means.

use crate::lexicon::{self, any_lists, fold, number_word, LANGUAGES};
use crate::lines::is_space;
use crate::markup::markup_bytes;
use std::borrow::Cow;
use std::sync::OnceLock;

/// Room for folding a line on the stack: every header form is shorter.
const FOLD_BUF: usize = 256;

/// Words bucketed by their first byte, in table order; an empty word would
/// go into every bucket, as it opens every line.
type FirstByteTable = [Vec<&'static str>; 256];

/// Buckets `words` by their first byte (the tables are lowercase, so a
/// line's first byte is looked up after ASCII lowercasing).
fn by_first_byte(words: impl Iterator<Item = &'static str>) -> FirstByteTable {
    let mut table: FirstByteTable = std::array::from_fn(|_| Vec::new());
    for word in words {
        match word.as_bytes().first() {
            Some(&first) => table[usize::from(first)].push(word),
            None => table.iter_mut().for_each(|bucket| bucket.push(word)),
        }
    }
    table
}

/// True unless `s` opens with an ASCII byte that, lowercased, opens no word
/// of `table`. Folding keeps such a byte (lowercased) first, so a scanner that
/// needs a table word at the start of the folded line can stop before folding.
fn may_open_with(table: &FirstByteTable, s: &str) -> bool {
    match s.as_bytes().first() {
        Some(b) if b.is_ascii() => !table[usize::from(b.to_ascii_lowercase())].is_empty(),
        _ => true,
    }
}

/// True when `table` holds `word`.
fn table_lists(table: &FirstByteTable, word: &str) -> bool {
    let bucket = word.as_bytes().first().map_or(0, |&b| usize::from(b));
    table[bucket].contains(&word)
}

/// The words of dates in every language, by first byte, for [`date_piece`].
struct DateWords {
    months: FirstByteTable,
    weekdays: FirstByteTable,
    joiners: FirstByteTable,
}

fn date_words() -> &'static DateWords {
    static WORDS: OnceLock<DateWords> = OnceLock::new();
    WORDS.get_or_init(|| DateWords {
        months: by_first_byte(LANGUAGES.iter().flat_map(|l| l.months.iter().flat_map(|names| names.iter().copied()))),
        weekdays: by_first_byte(LANGUAGES.iter().flat_map(|l| l.weekdays.iter().copied())),
        joiners: by_first_byte(LANGUAGES.iter().flat_map(|l| l.date_joiners.iter().copied())),
    })
}

/// Lowercases `s` exactly as [`fold`] does, into `buf` when `s` is ASCII and
/// fits, so that the scanners fold ordinary lines without allocating.
fn fold_in<'a, const N: usize>(buf: &'a mut [u8; N], s: &str) -> Cow<'a, str> {
    if s.len() <= N && s.is_ascii() {
        let out = &mut buf[..s.len()];
        out.copy_from_slice(s.as_bytes());
        out.make_ascii_lowercase();
        let out: &'a [u8] = out;
        if let Ok(text) = std::str::from_utf8(out) {
            return Cow::Borrowed(text);
        }
    }
    Cow::Owned(fold(s))
}

/// Words a lowercase ASCII word of a line may be, as bit flags: the
/// prefilter ([`LineGate`]) and the date scanners look words up once in a
/// hash table built from the lexicon instead of walking every table.
mod role {
    /// Opens a count heading: a number word or the first word of a count noun or section heading.
    pub const COUNT: u32 = 1 << 0;
    /// First word of a bare section heading.
    pub const SECTION: u32 = 1 << 1;
    /// First word of a form start.
    pub const FORM: u32 = 1 << 2;
    /// First word of a "Posted by" opener.
    pub const POSTED: u32 = 1 << 3;
    /// An alphabetic author-date joiner that opens "on DATE NAME".
    pub const ON_DATE: u32 = 1 << 4;
    /// May open a date: a month, weekday, count word or first word of an "ago" word before the count.
    pub const DATE_START: u32 = 1 << 5;
    /// The last word of a says-verb.
    pub const SAYS: u32 = 1 << 6;
    /// May end a date: a month, weekday, meridiem, time unit or "ago" word after the unit.
    pub const DATE_END: u32 = 1 << 7;
    /// A month name or abbreviation.
    pub const MONTH: u32 = 1 << 8;
    /// A weekday name or abbreviation.
    pub const WEEKDAY: u32 = 1 << 9;
    /// A meridiem ("am", "uhr").
    pub const MERIDIEM: u32 = 1 << 10;
    /// A date joiner ("at", "um").
    pub const JOINER: u32 = 1 << 11;
    /// A time unit of a relative date ("days").
    pub const UNIT: u32 = 1 << 12;
    /// A word after the unit of a relative date ("ago").
    pub const AGO_AFTER: u32 = 1 << 13;
    /// A count word of a relative date: a number word, "a", "an".
    pub const COUNT_WORD: u32 = 1 << 14;
    /// The first word of a word before a relative date's count ("vor", "il" of "il y a").
    pub const AGO_BEFORE: u32 = 1 << 15;
    /// May open a relative date: a count word or the first word of an "ago" word before the count.
    pub const RELATIVE_START: u32 = 1 << 16;
    /// A furniture phrase without a space ("reply"), which [`super::trim_trailing_furniture`] drops.
    pub const FURNITURE_WORD: u32 = 1 << 17;
    /// A whole furniture phrase ("reply", "like this").
    pub const NOISE_PHRASE: u32 = 1 << 18;
    /// The last word of a furniture phrase, as `is_furniture_run` splits it.
    pub const FURNITURE_LAST: u32 = 1 << 19;
    /// The first word of a furniture phrase.
    pub const NOISE_START: u32 = 1 << 24;
}

/// The longest word the hash table keys: longer words get `long_roles`.
const KEY_BYTES: usize = 16;

/// Lowercase ASCII words of the lexicon with their [`role`] flags, in two
/// open-addressing hash tables (words of up to eight bytes, and longer ones)
/// keyed by the word's bytes packed into a `u64` or a `u128` (no word holds
/// a zero byte, so distinct words give distinct keys and 0 marks an empty
/// slot). The tables are sized for the lexicon at most half full (tested).
struct WordIndex {
    /// The words of nine to [`KEY_BYTES`] bytes.
    slots: Vec<(u128, u32)>,
    /// The words of at most eight bytes (most of them), keyed by their
    /// bytes packed into a `u64`, cheaper to build and hash than a `u128`.
    short_slots: Vec<(u64, u32)>,
    /// For each word's first and last byte (their low five bits, which
    /// ASCII case does not change), a bit per length of a listed word with
    /// them: most words of a line are refused without hashing.
    shapes: Vec<u32>,
    /// [`WordIndex::shapes`] for the words that may end a date
    /// ([`role::DATE_END`]) only: most last words of a line are refused
    /// as date ends without hashing, even those the index holds.
    date_end_shapes: Vec<u32>,
    /// The roles of listed words longer than [`KEY_BYTES`]: a longer word of
    /// a line is given all of them.
    long_roles: u32,
    /// Roles whose table holds an entry that opens with this (ASCII,
    /// non-letter) byte, for lines that do not open with a letter.
    first_byte_roles: [u32; 256],
    /// Entries that match as a prefix of the line's first word (all letters,
    /// read by a scanner that does not look past them), with their roles.
    prefix_words: Vec<(&'static [u8], u32)>,
    /// True when some says-verb's last word holds an ASCII byte other than a
    /// letter, which the says gate's word search would not find.
    says_unindexed: bool,
    /// A bit for each length of an ASCII last word of a furniture phrase
    /// (all at most [`KEY_BYTES`] long unless `furniture_long`).
    furniture_lengths: u32,
    /// True when an ASCII last word of a furniture phrase is longer than [`KEY_BYTES`].
    furniture_long: bool,
    /// Endings of furniture: see [`TailFilter`].
    tail: TailFilter,
    /// The last three bytes of every indexed says-verb word, hashed into a
    /// bit set (see [`WordIndex::may_end_says_word`]).
    says_tails: [u64; 64],
    /// True when an indexed says-verb word is shorter than three bytes,
    /// which `says_tails` cannot hold: the filter then passes every end.
    says_short: bool,
    /// Three ASCII letters a line may end with and still open a gate at
    /// its end (see [`WordIndex::end_opens_nothing`]): the last three
    /// letters of every says-verb word, of every word that may end a date
    /// and of every furniture ending, lowercase, one bit per
    /// [`letters3`] index.
    end3: LetterTriples,
    /// The furniture endings of exactly two ASCII letters, one bit per
    /// `26 * first + second` (lowercase).
    end2: [u64; 11],
    /// False when the sets above cannot answer: a word longer than
    /// [`KEY_BYTES`] may end a date, and longer runs are given its roles.
    end3_usable: bool,
    /// The first three letters of every word that gives opener roles (see
    /// [`WordIndex::opens_nothing`]), lowercase.
    start3: LetterTriples,
    /// False when [`WordIndex::start3`] cannot answer: a prefix word is
    /// shorter than three letters, or a word longer than [`KEY_BYTES`]
    /// gives opener roles (which longer first words get).
    start3_usable: bool,
    /// The first three letters of every month and weekday, lowercase, and
    /// (as `a` and their two letters) those of two letters: a line opening
    /// with none of these opens with no month or weekday (see
    /// [`LineGate::whole_date_len`], which only looks for those).
    date_start3: LetterTriples,
    /// For each byte a month or weekday opens with (either case), a bit
    /// per letter that follows it (`a` lowest), bit 26 for anything else:
    /// the first test of [`LineGate::whole_date_len`], one look-up that
    /// refuses most lines.
    date_start2: [u32; 256],
    /// True when a says-verb word may be a run of letters that ends a
    /// date's token: a month, weekday, meridiem or joiner the index lists,
    /// or a number's suffix; or when one of those words holds a digit, so
    /// that a shorter run of letters may end it (see
    /// [`LineGate::whole_date_len`], which then answers nothing).
    date_tokens_may_say: bool,
}

/// A set of lowercase ASCII letter triples, one bit per [`letters3`] index.
type LetterTriples = [u64; 275];

/// The index of three bytes in a [`LetterTriples`] set (`26² * a + 26 * b + c`
/// for their lowercase letters) when all three are ASCII letters. Setting
/// bit 5 makes an ASCII letter lowercase, and only letters then fall in `a..=z`.
#[inline(always)]
fn letters3(a: u8, b: u8, c: u8) -> Option<usize> {
    let (a, b, c) = ((a | 0x20).wrapping_sub(b'a'), (b | 0x20).wrapping_sub(b'a'), (c | 0x20).wrapping_sub(b'a'));
    (a < 26 && b < 26 && c < 26).then(|| usize::from(a) * 676 + usize::from(b) * 26 + usize::from(c))
}

/// True when `set` holds index `k`.
#[inline(always)]
fn triple_in(set: &LetterTriples, k: usize) -> bool {
    set[k / 64] & (1 << (k % 64)) != 0
}

/// Adds the three bytes `t` to `set` when they are ASCII letters.
fn add_triple(set: &mut LetterTriples, t: &[u8]) {
    if let Some(k) = letters3(t[0], t[1], t[2]) {
        set[k / 64] |= 1 << (k % 64);
    }
}

/// A set of byte strings tested against the end of a line by their last
/// one to [`TAIL_BYTES`] bytes (hashed into bit sets): a line that ends
/// with a listed string always passes; most others fail.
struct TailFilter {
    one: [bool; 256],
    /// The last two bytes (lowercase, low seven bits) of every string of
    /// two or more bytes, as a bit set: a line whose last two bytes are in
    /// no listed string's end is refused before the longer ends are hashed.
    pairs: [u64; 256],
    /// Bit sets for strings of two, three, … and `TAIL_BYTES` or more bytes.
    longer: [[u64; 64]; TAIL_BYTES - 1],
}

/// The most bytes of a line's end [`TailFilter`] reads.
const TAIL_BYTES: usize = 6;

impl TailFilter {
    /// The last `TAIL_BYTES` (or fewer) bytes of `bytes`, ASCII-lowercased,
    /// packed with the last byte lowest: the last `k` bytes are the low `8k` bits.
    fn tail_key(bytes: &[u8]) -> u64 {
        let n = bytes.len();
        if let Some(last8) = n.checked_sub(8).map(|from| load8(&bytes[from..])) {
            if last8 & HIGH_BITS == 0 {
                // One load: the last byte becomes the lowest, as below.
                return ascii_lowercase64(last8).swap_bytes() & (u64::MAX >> (64 - 8 * TAIL_BYTES));
            }
        }
        bytes[n - n.min(TAIL_BYTES)..].iter().fold(0u64, |k, &b| k << 8 | u64::from(b.to_ascii_lowercase()))
    }

    fn bit(tail: u64, k: usize) -> usize {
        let key = tail & (u64::MAX >> (64 - 8 * k));
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52) as usize
    }

    /// The [`TailFilter::pairs`] bit of a tail key's last two bytes.
    fn pair_bit(tail: u64) -> usize {
        ((tail >> 1) & 0x3F80 | tail & 0x7F) as usize
    }

    fn add(&mut self, word: &[u8]) {
        let n = word.len();
        match n {
            0 => {}
            1 => self.one[usize::from(word[0])] = true,
            _ => {
                let pair = Self::pair_bit(Self::tail_key(word));
                self.pairs[pair / 64] |= 1 << (pair % 64);
                let k = n.min(TAIL_BYTES);
                let b = Self::bit(Self::tail_key(word), k);
                self.longer[k - 2][b / 64] |= 1 << (b % 64);
            }
        }
    }

    /// False only when `line` (ASCII), lowercased, ends with no listed string.
    #[inline(always)]
    fn may_end(&self, line: &[u8]) -> bool {
        let n = line.len();
        let Some(&last) = line.last() else { return false };
        let last = last.to_ascii_lowercase();
        if self.one[usize::from(last)] {
            return true;
        }
        // A listed string of two or more bytes that the line ends with has
        // the line's last two bytes as its own: read them without the key.
        let Some(&before) = line.get(n.wrapping_sub(2)) else { return false };
        let pair = Self::pair_bit(u64::from(before.to_ascii_lowercase()) << 8 | u64::from(last));
        self.pairs[pair / 64] & (1 << (pair % 64)) != 0 && self.may_end_longer(line)
    }

    /// The test of [`TailFilter::may_end`] for strings of two bytes or more.
    #[inline(never)]
    fn may_end_longer(&self, line: &[u8]) -> bool {
        let tail = Self::tail_key(line);
        (2..=line.len().min(TAIL_BYTES)).any(|k| {
            let b = Self::bit(tail, k);
            self.longer[k - 2][b / 64] & (1 << (b % 64)) != 0
        })
    }
}

/// `word` (ASCII, at most [`KEY_BYTES`] long) lowercased and packed into a key.
fn word_key(word: &[u8]) -> u128 {
    key_in(word, 0, word.len())
}

/// The key of the word `bytes[start..end]` (ASCII, 1 to [`KEY_BYTES`]
/// bytes): read with one 16-byte load where the line allows it.
#[inline]
fn key_in(bytes: &[u8], start: usize, end: usize) -> u128 {
    let len = end - start;
    let raw = if let Some(chunk) = end.checked_sub(KEY_BYTES).and_then(|from| bytes.get(from..end)) {
        // The word ends the 16 bytes before `end`: shift it down.
        load16(chunk) >> (8 * (KEY_BYTES - len))
    } else if let Some(chunk) = bytes.get(start..start + KEY_BYTES) {
        load16(chunk) & (u128::MAX >> (8 * (KEY_BYTES - len)))
    } else {
        let mut buf = [0u8; KEY_BYTES];
        buf[..len].copy_from_slice(&bytes[start..end]);
        u128::from_le_bytes(buf)
    };
    ascii_lowercase(raw)
}

/// The key of the word `bytes[start..end]` (ASCII, 1 to 8 bytes) in
/// [`WordIndex::short_slots`]: its bytes lowercased, the first lowest, zero
/// above (no word holds a zero byte, so distinct words give distinct keys
/// and 0 marks an empty slot). Read with one load where the line allows it.
#[inline(always)]
fn short_key_in(bytes: &[u8], start: usize, end: usize) -> u64 {
    let len = end - start;
    let raw = if let Some(from) = end.checked_sub(8) {
        // The word ends the eight bytes before `end`: shift it down.
        load8(&bytes[from..end]) >> (8 * (8 - len))
    } else if let Some(chunk) = bytes.get(start..start + 8) {
        load8(chunk) & (u64::MAX >> (8 * (8 - len)))
    } else {
        bytes[start..end].iter().rev().fold(0u64, |x, &b| x << 8 | u64::from(b))
    };
    ascii_lowercase64(raw)
}

/// The first slot to try for a short key.
#[inline(always)]
fn short_slot_of(key: u64, mask: usize) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & mask
}

/// True when every byte of `bytes` is ASCII, read eight bytes at a time
/// (lines are short, and the standard library's check goes byte by byte
/// below a few words).
fn all_ascii(bytes: &[u8]) -> bool {
    let chunks = bytes.chunks_exact(8);
    let rest = chunks.remainder().iter().fold(0u64, |acc, &b| acc | u64::from(b));
    let all = chunks.fold(rest, |acc, chunk| acc | u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
    all & 0x8080_8080_8080_8080 == 0
}

/// The high bit of every byte of a `u64`: a byte is ASCII when its bit is clear.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Eight bytes as a little-endian `u64`: `chunk[0]` is the lowest byte.
fn load8(chunk: &[u8]) -> u64 {
    u64::from_le_bytes(chunk.try_into().expect("8 bytes"))
}

/// [`ascii_lowercase`] for eight bytes (all below 0x80).
fn ascii_lowercase64(x: u64) -> u64 {
    const ONES: u64 = u64::MAX / 255;
    let at_least_a = x + ONES * u64::from(0x80 - b'A');
    let above_z = x + ONES * u64::from(0x80 - b'Z' - 1);
    let upper = at_least_a & !above_z & (ONES * 0x80);
    x | (upper >> 2)
}

fn load16(chunk: &[u8]) -> u128 {
    u128::from_le_bytes(chunk.try_into().expect("16 bytes"))
}

/// Lowercases the ASCII letters among the bytes of `x` (all below 0x80):
/// a byte gets 0x20 added exactly when it lies in `A..=Z`.
fn ascii_lowercase(x: u128) -> u128 {
    debug_assert!(x.to_le_bytes().is_ascii());
    const ONES: u128 = u128::MAX / 255;
    let at_least_a = x + ONES * u128::from(0x80 - b'A');
    let above_z = x + ONES * u128::from(0x80 - b'Z' - 1);
    let upper = at_least_a & !above_z & (ONES * 0x80);
    x | (upper >> 2)
}

/// The [`WordIndex::shapes`] entry of a word with these first and last bytes.
fn shape_of(first: u8, last: u8) -> usize {
    usize::from(first & 31) << 5 | usize::from(last & 31)
}

/// The roles of `key` in `slots`, one of the word tables of [`WordIndex`]:
/// open addressing over a power-of-two number of `(key, roles)` slots,
/// probed one after another from `first`; a zero key marks an empty slot
/// (no word's key is zero), where the search ends with no roles.
#[inline(always)]
fn slot_roles<K: Copy + PartialEq + Default>(slots: &[(K, u32)], first: usize, key: K) -> u32 {
    let mask = slots.len() - 1;
    let mut at = first;
    loop {
        let (k, roles) = slots[at];
        if k == key {
            return roles;
        }
        if k == K::default() {
            return 0;
        }
        at = (at + 1) & mask;
    }
}

/// Adds `roles` to the slot of `key` in `slots` (see [`slot_roles`]),
/// taking the first empty one from `first` on if `key` has none yet (the
/// tables stay at most half full, see [`WordIndex`], so one is left).
fn add_slot_roles<K: Copy + PartialEq + Default>(slots: &mut [(K, u32)], first: usize, key: K, roles: u32) {
    let mask = slots.len() - 1;
    let mut at = first;
    loop {
        let slot = &mut slots[at];
        if slot.0 == key || slot.0 == K::default() {
            *slot = (key, slot.1 | roles);
            return;
        }
        at = (at + 1) & mask;
    }
}

fn slot_of(key: u128, mask: usize) -> usize {
    let mixed = (key as u64 ^ ((key >> 64) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    (mixed >> 40) as usize & mask
}

/// The meridiems [`date_piece`] knows ("a.m." comes as "a", ".", "m", ".").
const MERIDIEMS: [&str; 6] = ["am", "pm", "a", "p", "m", "uhr"];

/// Count words of a relative date besides the number words: "an hour ago".
const INDEFINITE_COUNTS: [&str; 2] = ["a", "an"];

impl WordIndex {
    fn build() -> WordIndex {
        let mut index = WordIndex {
            slots: vec![(0, 0); 256],
            short_slots: vec![(0, 0); 1024],
            shapes: vec![0; 1024],
            date_end_shapes: vec![0; 1024],
            long_roles: 0,
            first_byte_roles: [0; 256],
            prefix_words: Vec::new(),
            says_unindexed: false,
            furniture_lengths: 0,
            furniture_long: false,
            tail: TailFilter { one: [false; 256], pairs: [0; 256], longer: [[0; 64]; TAIL_BYTES - 1] },
            says_tails: [0; 64],
            says_short: false,
            end3: [0; 275],
            end2: [0; 11],
            end3_usable: true,
            start3: [0; 275],
            start3_usable: true,
            date_start3: [0; 275],
            date_start2: [0; 256],
            date_tokens_may_say: false,
        };
        let all = |pick: fn(&lexicon::Language) -> &'static [&'static str]| LANGUAGES.iter().flat_map(move |l| pick(l).iter().copied());
        let months = || LANGUAGES.iter().flat_map(|l| l.months.iter().flat_map(|names| names.iter().copied()));
        let number_words = || LANGUAGES.iter().flat_map(|l| l.number_words.iter().map(|(w, _)| *w));
        // Whole words, as date tokens and first or last words are read.
        for w in months() {
            index.add_word(w, role::MONTH | role::DATE_END);
            index.add_opener(w, role::DATE_START, true);
        }
        for w in all(|l| l.weekdays) {
            index.add_word(w, role::WEEKDAY | role::DATE_END);
            index.add_opener(w, role::DATE_START, true);
        }
        for w in MERIDIEMS {
            index.add_word(w, role::MERIDIEM | role::DATE_END);
        }
        for w in all(|l| l.date_joiners) {
            index.add_word(w, role::JOINER);
        }
        for w in all(|l| l.time_units) {
            index.add_word(w, role::UNIT | role::DATE_END);
        }
        for w in all(|l| l.ago_after) {
            index.add_word(w, role::AGO_AFTER | role::DATE_END);
        }
        for w in number_words() {
            index.add_word(w, role::COUNT_WORD);
            index.add_opener(w, role::COUNT | role::DATE_START | role::RELATIVE_START, true);
        }
        for w in INDEFINITE_COUNTS {
            index.add_word(w, role::COUNT_WORD);
            index.add_opener(w, role::DATE_START | role::RELATIVE_START, true);
        }
        for w in all(|l| l.author_date_joiners).filter(|j| j.chars().all(char::is_alphabetic)) {
            index.add_word(w, role::ON_DATE);
        }
        for verb in all(|l| l.says) {
            let last = verb.rsplit(' ').next().unwrap_or(verb);
            if last.bytes().all(|b| b.is_ascii_alphabetic()) {
                index.add_word(last, role::SAYS);
                match last.len().checked_sub(3) {
                    Some(from) => {
                        let bit = says_tail_bit(&last.as_bytes()[from..]);
                        index.says_tails[bit / 64] |= 1 << (bit % 64);
                    }
                    None => index.says_short = true,
                }
            } else if last.bytes().any(|b| b.is_ascii() && !b.is_ascii_alphabetic()) {
                index.says_unindexed = true;
            }
            // A last word with a non-ASCII byte cannot be in an ASCII line.
        }
        // First words of phrases that must open the line.
        for w in all(|l| l.ago_before) {
            index.add_opener(w, role::AGO_BEFORE | role::DATE_START | role::RELATIVE_START, true);
        }
        for w in all(|l| l.count_nouns).chain(all(|l| l.section_headings)) {
            index.add_opener(w, role::COUNT, true);
        }
        for w in all(|l| l.section_headings) {
            index.add_opener(w, role::SECTION, true);
        }
        for w in all(|l| l.form_starts) {
            index.add_opener(w, role::FORM, true);
        }
        for w in all(|l| l.posted_by) {
            index.add_opener(w, role::POSTED, false);
        }
        // Furniture endings: the last word of each phrase, as
        // `is_furniture_run` splits it; and every phrase without a space,
        // as `trim_trailing_furniture` drops it.
        for w in furniture_last_words() {
            index.tail.add(w.as_bytes());
            match w.len() {
                2 => {
                    let b = w.as_bytes();
                    if let Some(k) = letters3(b'a', b[0], b[1]) {
                        index.end2[k / 64] |= 1 << (k % 64);
                    }
                }
                n if n >= 3 => add_triple(&mut index.end3, &w.as_bytes()[n - 3..]),
                _ => {}
            }
            if w.is_ascii() {
                if w.len() > KEY_BYTES {
                    index.furniture_long = true;
                } else {
                    index.furniture_lengths |= 1 << w.len();
                    index.add_word(w, role::FURNITURE_LAST);
                }
            }
        }
        for p in all(|l| l.noise).filter(|p| !p.contains(is_space)) {
            index.add_word(p, role::FURNITURE_WORD);
        }
        for p in all(|l| l.noise) {
            index.add_word(p, role::NOISE_PHRASE);
            index.add_opener(p, role::NOISE_START, true);
        }
        let date_ends = role::UNIT | role::AGO_AFTER | role::MONTH | role::WEEKDAY | role::MERIDIEM;
        index.end3_usable = index.long_roles & date_ends == 0;
        index.start3_usable &= index.long_roles & LineGate::OPENERS == 0;
        for w in months().chain(all(|l| l.weekdays)) {
            if let Some(&first) = w.as_bytes().first() {
                let bit = LineGate::second_byte_bit(w.as_bytes().get(1).copied());
                index.date_start2[usize::from(first.to_ascii_lowercase())] |= bit;
                index.date_start2[usize::from(first.to_ascii_uppercase())] |= bit;
            }
            match w.as_bytes() {
                [a, b, c, ..] => add_triple(&mut index.date_start3, &[*a, *b, *c]),
                [a, b] => add_triple(&mut index.date_start3, &[b'a', *a, *b]),
                _ => {}
            }
        }
        // The runs of letters that end a token of a date the calendar
        // reader takes: a word it found in the index with a date role
        // (those are the words of these tables that a run of ASCII letters
        // and digits can equal), or a number's suffix. A word with a digit
        // could end in a shorter run of letters, which is not looked at here.
        let date_words = months().chain(all(|l| l.weekdays)).chain(MERIDIEMS).chain(all(|l| l.date_joiners));
        let token_words: Vec<&str> = date_words
            .chain(NUMBER_SUFFIXES)
            .filter(|w| w.bytes().all(|b| b.is_ascii_alphanumeric()) && w.as_bytes().first().is_some_and(u8::is_ascii_alphabetic))
            .collect();
        index.date_tokens_may_say = index.says_unindexed
            || token_words.iter().any(|w| !w.bytes().all(|b| b.is_ascii_alphabetic()) || index.roles(w.as_bytes()) & role::SAYS != 0);
        index
    }

    fn add_word(&mut self, word: &'static str, roles: u32) {
        let bytes = word.as_bytes();
        if bytes.is_empty() || !word.is_ascii() {
            // An empty word is in no line's words; a non-ASCII one in no ASCII line.
            return;
        }
        let n = bytes.len();
        if n >= 3 {
            if roles & (role::SAYS | role::DATE_END) != 0 {
                add_triple(&mut self.end3, &bytes[n - 3..]);
            }
            if roles & LineGate::OPENERS != 0 {
                add_triple(&mut self.start3, &bytes[..3]);
            }
        }
        if bytes.len() > KEY_BYTES {
            self.long_roles |= roles;
            return;
        }
        self.shapes[shape_of(bytes[0], bytes[bytes.len() - 1])] |= 1 << bytes.len();
        if roles & role::DATE_END != 0 {
            self.date_end_shapes[shape_of(bytes[0], bytes[bytes.len() - 1])] |= 1 << bytes.len();
        }
        if n <= 8 {
            let key = short_key_in(bytes, 0, n);
            let first = short_slot_of(key, self.short_slots.len() - 1);
            add_slot_roles(&mut self.short_slots, first, key, roles);
            return;
        }
        let key = word_key(bytes);
        let first = slot_of(key, self.slots.len() - 1);
        add_slot_roles(&mut self.slots, first, key, roles);
    }

    /// Indexes a phrase that a scanner reads at the start of a line. Its
    /// leading run of ASCII letters is what the line's first word then is:
    /// exactly, when the phrase goes on with another byte or `exact` says
    /// the scanner wants a non-letter after it; else as a prefix.
    fn add_opener(&mut self, phrase: &'static str, roles: u32, exact: bool) {
        let bytes = phrase.as_bytes();
        let Some(&first) = bytes.first() else {
            // An empty phrase opens every line.
            self.first_byte_roles.iter_mut().for_each(|r| *r |= roles);
            self.long_roles |= roles;
            self.prefix_words.push((b"", roles));
            self.start3_usable = false;
            return;
        };
        if !first.is_ascii() {
            return;
        }
        if !first.is_ascii_alphabetic() {
            self.first_byte_roles[usize::from(first)] |= roles;
            return;
        }
        let letters = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        match bytes.get(letters) {
            Some(b) if !b.is_ascii() => {}
            Some(_) => self.add_word(&phrase[..letters], roles),
            None if exact => self.add_word(phrase, roles),
            None => {
                match bytes.len() {
                    n if n >= 3 => add_triple(&mut self.start3, &bytes[..3]),
                    _ => self.start3_usable = false,
                }
                self.prefix_words.push((bytes, roles));
            }
        }
    }

    /// The roles of an ASCII word.
    fn roles(&self, word: &[u8]) -> u32 {
        self.roles_in(word, 0, word.len())
    }

    /// The roles of the ASCII word `bytes[start..end]`.
    #[inline(always)]
    fn roles_in(&self, bytes: &[u8], start: usize, end: usize) -> u32 {
        let len = end - start;
        if len > KEY_BYTES {
            return self.long_roles;
        }
        if len == 0 || self.shapes[shape_of(bytes[start], bytes[end - 1])] & (1 << len) == 0 {
            return 0;
        }
        if len <= 8 {
            return self.short_key_roles(short_key_in(bytes, start, end));
        }
        self.key_roles(key_in(bytes, start, end))
    }

    /// The roles of the word of at most eight bytes with key `key`.
    #[inline(always)]
    fn short_key_roles(&self, key: u64) -> u32 {
        slot_roles(&self.short_slots, short_slot_of(key, self.short_slots.len() - 1), key)
    }

    /// True when the ASCII word `bytes[start..end]` may end a date
    /// (`roles_in` gives it [`role::DATE_END`]), refused first by the shapes
    /// of those words alone: every word given that role was added with it.
    #[inline(always)]
    fn ends_dates(&self, bytes: &[u8], start: usize, end: usize) -> bool {
        let len = end - start;
        if len > KEY_BYTES {
            return self.long_roles & role::DATE_END != 0;
        }
        if len == 0 || self.date_end_shapes[shape_of(bytes[start], bytes[end - 1])] & (1 << len) == 0 {
            return false;
        }
        self.roles_in(bytes, start, end) & role::DATE_END != 0
    }

    /// The roles of the word with key `key`.
    #[inline(never)]
    fn key_roles(&self, key: u128) -> u32 {
        slot_roles(&self.slots, slot_of(key, self.slots.len() - 1), key)
    }
}

impl WordIndex {
    /// The roles of `word` when it is a whole ASCII word the index can
    /// answer for exactly (letters and digits, at most [`KEY_BYTES`] long);
    /// `None` sends the caller to the tables.
    fn exact_roles(&self, word: &str) -> Option<u32> {
        let bytes = word.as_bytes();
        (bytes.len() <= KEY_BYTES && bytes.iter().all(u8::is_ascii_alphanumeric)).then(|| self.roles(bytes))
    }

    /// The opener roles of the start of `s`: those of its first run of
    /// ASCII letters (and of the prefix words it starts with) when an ASCII
    /// byte or the end follows the run, or those of its first byte when
    /// that is ASCII and neither a letter nor a space. `None` when the start
    /// is not ASCII, a space, or a word that goes on with a non-ASCII letter.
    fn opening_roles(&self, s: &str) -> Option<u32> {
        let bytes = s.as_bytes();
        let &first = bytes.first()?;
        if first.is_ascii_alphabetic() {
            let letters = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
            if !bytes.get(letters).is_none_or(u8::is_ascii) {
                return None;
            }
            let word = &bytes[..letters];
            let mut roles = self.roles(word);
            for (prefix, more) in &self.prefix_words {
                if word.len() >= prefix.len() && word[..prefix.len()].eq_ignore_ascii_case(prefix) {
                    roles |= more;
                }
            }
            Some(roles)
        } else if first.is_ascii() && !matches!(first, b' ' | b'\t') {
            Some(self.first_byte_roles[usize::from(first)])
        } else {
            None
        }
    }
}

impl WordIndex {
    /// False only when the ASCII word of letters ending at `bytes[end]` is
    /// no says-verb word: every such word (ASCII letters, lowercase) has its
    /// last three bytes in `says_tails`, and a line's word has the same bytes
    /// up to ASCII case, which [`says_tail_bit`] ignores. Three table-free
    /// steps instead of finding the word's start and hashing it.
    /// False when [`find_trailing_date`] refuses an ASCII line whose last
    /// run of letters and digits before the punctuation [`is_date_tail`]
    /// takes is `bytes[start..end]`.
    ///
    /// Why this is sound: a date that the search finds reaching the line's
    /// end ends with that run as its last token (ASCII tokens are maximal
    /// runs of letters and digits, and only date-tail punctuation may
    /// follow the date), and does not start inside the run, since one token
    /// alone makes no date (a calendar date needs a month and a number or
    /// three numbers, a relative one a count and a unit). A relative date
    /// ends with its unit or "ago" word (see `may_end_relative_date` for
    /// what stands before it). A calendar date holds a number, so
    /// a digit among the last 64 bytes the search reads, and its last token
    /// sets its end: a number (at most four digits, then nothing or a
    /// number suffix) or a month, weekday or meridiem (only a run that opens
    /// with a letter has the digit looked for). Runs longer than
    /// [`KEY_BYTES`] get the roles of all long words.
    #[inline(always)]
    fn may_end_trailing_date(&self, bytes: &[u8], start: usize, end: usize) -> bool {
        if bytes[start].is_ascii_digit() {
            let run = &bytes[start..end];
            let digits = run.iter().take_while(|b| b.is_ascii_digit()).count();
            let suffix = &run[digits..];
            return digits <= 4 && (suffix.is_empty() || NUMBER_SUFFIXES.iter().any(|known| suffix.eq_ignore_ascii_case(known.as_bytes())));
        }
        let roles = self.roles_in(bytes, start, end);
        roles & (role::UNIT | role::AGO_AFTER) != 0 && self.may_end_relative_date(bytes, start, roles)
            || roles & (role::MONTH | role::WEEKDAY | role::MERIDIEM) != 0 && ascii_digit_near_end(bytes)
    }

    /// False when no relative date ends with the run that starts at
    /// `bytes[start]` and has `roles` (an ASCII line's last run).
    ///
    /// Why this is sound: `scan_relative_date` reads a count, a unit and an
    /// "ago" word as consecutive tokens (after words like "vor" it stops at
    /// the unit), so a date it reads that ends with an "ago" word has a unit
    /// just before it, and one that ends with a unit has a count just before
    /// it: digits (at most three) or a number word, "a", "an". Two runs of
    /// letters and digits are two tokens only with white space between
    /// them, and any other byte there is a token of its own.
    #[inline(never)]
    fn may_end_relative_date(&self, bytes: &[u8], start: usize, roles: u32) -> bool {
        let before = start - bytes[..start].iter().rev().take_while(|&&b| matches!(b, b' ' | b'\t')).count();
        if before == start {
            return false;
        }
        let previous = ascii_alnum_run_before(bytes, before);
        if previous.start == before {
            return false;
        }
        let word = &bytes[previous.start..before];
        let previous_roles = self.roles_in(bytes, previous.start, before);
        let is_count = word.len() <= 3 && word.iter().all(u8::is_ascii_digit) || previous_roles & role::COUNT_WORD != 0;
        roles & role::UNIT != 0 && is_count || roles & role::AGO_AFTER != 0 && previous_roles & role::UNIT != 0
    }

    /// True when an ASCII line (at least three bytes) that ends with three
    /// letters opens no gate at its end: no says-verb word ends it, its
    /// last run can be no date's last token, and no furniture ending ends it.
    ///
    /// Why this is sound: the line's last run of letters (and digits) is at
    /// least three letters long and ends the line (a letter is no date-tail
    /// punctuation, no space and no furniture separator). A says-verb word
    /// or date-ending word equal to that run has the line's last three
    /// letters as its own, lowercase, and is in [`WordIndex::end3`]; a
    /// number with a suffix would end in a digit or in a suffix of at most
    /// two letters after one. A furniture ending the line ends with has its
    /// last three, two or one bytes there too ([`WordIndex::end3`],
    /// [`WordIndex::end2`], the tail filter's one-byte set). Words longer
    /// than [`KEY_BYTES`] are judged by `long_roles`, so the set is not used
    /// when those hold a date ending's role.
    #[inline(always)]
    fn end_opens_nothing(&self, bytes: &[u8]) -> bool {
        let n = bytes.len();
        if !self.end3_usable || n < 3 {
            return false;
        }
        let Some(k) = letters3(bytes[n - 3], bytes[n - 2], bytes[n - 1]) else { return false };
        let pair = k % 676;
        !triple_in(&self.end3, k) && self.end2[pair / 64] & (1 << (pair % 64)) == 0 && !self.tail.one[usize::from(bytes[n - 1] | 0x20)]
    }

    /// True when an ASCII line opening with three letters has a first word
    /// that gives no opener role.
    ///
    /// Why this is sound: that word is at least three letters long, so a
    /// word or prefix word giving it roles has its first three letters,
    /// lowercase, in [`WordIndex::start3`] (shorter prefix words, and words
    /// longer than [`KEY_BYTES`] with opener roles, make the set unusable).
    #[inline(always)]
    fn opens_nothing(&self, bytes: &[u8]) -> bool {
        self.start3_usable && bytes.len() >= 3 && letters3(bytes[0], bytes[1], bytes[2]).is_some_and(|k| !triple_in(&self.start3, k))
    }

    /// The [`role::SAYS`] bit of a says-verb word that ends before one of
    /// `ends` (the high bits of the `:` `.` `,` among the eight bytes of
    /// `bytes` from `at` on, an ASCII line), 0 when none does. Asked only
    /// for runs of eight bytes that hold such an end.
    #[inline(always)]
    fn says_at_ends(&self, bytes: &[u8], at: usize, mut ends: u64) -> u32 {
        while ends != 0 {
            let end = at + ends.trailing_zeros() as usize / 8;
            // A says-verb word is letters: an end after another byte (the
            // "28," and "1:" of dates) has none before it.
            if end > 0 && bytes[end - 1].is_ascii_alphabetic() && self.may_end_says_word(bytes, end) {
                let found = self.says_word_before(bytes, end);
                if found != 0 {
                    return found;
                }
            }
            ends &= ends - 1;
        }
        0
    }

    /// The [`role::SAYS`] bit of the run of ASCII letters that ends at
    /// `bytes[end]` (of an ASCII line), 0 when there is none.
    #[inline(always)]
    fn says_word_before(&self, bytes: &[u8], end: usize) -> u32 {
        let start = end - bytes[..end].iter().rev().take_while(|b| b.is_ascii_alphabetic()).count();
        if start == end {
            0
        } else {
            self.roles_in(bytes, start, end) & role::SAYS
        }
    }

    #[inline(always)]
    fn may_end_says_word(&self, bytes: &[u8], end: usize) -> bool {
        if self.says_short || end < 3 {
            return true;
        }
        let bit = says_tail_bit(&bytes[end - 3..end]);
        self.says_tails[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// The [`WordIndex::says_tails`] bit of three bytes: they are packed with
/// bit 5 of each set (which makes ASCII letters lowercase and may merge
/// other bytes, so a filter only passes more) and hashed to 12 bits.
fn says_tail_bit(three: &[u8]) -> usize {
    let key = u32::from(three[0]) << 16 | u32::from(three[1]) << 8 | u32::from(three[2]) | 0x0020_2020;
    (key.wrapping_mul(0x9E37_79B1) >> 20) as usize
}

fn word_index() -> &'static WordIndex {
    static INDEX: OnceLock<WordIndex> = OnceLock::new();
    INDEX.get_or_init(WordIndex::build)
}

/// Which line scanners may accept a line, from one cheap look at its first
/// word, its last word, its end and the words before `:` `.` `,`. A
/// scanner whose gate is closed would refuse the line; an open gate says
/// nothing. Only ASCII lines are judged; every gate is open on others.
///
/// Why each gate is sound (no line a scanner accepts is refused):
/// - `noise`: [`is_noise`] takes an image placeholder (the line opens with
///   `[`) or a line whose last separator-delimited word ends with the last
///   word of a furniture phrase, so the line ends with that word unless it
///   ends with a separator; the tail filter passes every such ending. A
///   long line opening with a word that opens no noise phrase is refused
///   all the same (see `LineGate::refuses_noise`).
/// - `count_heading`, `section_heading`, `form_start`, `posted_by`,
///   `on_date_name`, `date_start`: each scanner reads a table phrase (or a
///   month, weekday, number word, "a"/"an") at the line's start and wants a
///   non-letter after the phrase's leading letters, so the line's first run of
///   letters equals those letters (see `WordIndex::add_opener`); a line opening
///   with a digit may hold a count or a date, one opening with `{` `[` a
///   wrapped heading, with `_` a lynx form field, with a space anything.
/// - `says`: a says-verb ends where `:` `.` `,` `…` or the line's end
///   follows and starts after a space, so its last word is a maximal run of
///   letters just before one of those (`…` is not ASCII).
/// - `trailing_furniture`: [`trim_trailing_furniture`] changes a line only
///   when its last space-delimited word is a furniture phrase, which the
///   line then ends with; so does it end with that phrase's last word, and
///   the noise gate's tail filter passes it before the word is looked up.
/// - `trailing_date`: [`find_trailing_date`] refuses a line unless the last
///   letter-and-digit run before the trailing date punctuation can be a
///   date's last token (see `WordIndex::may_end_trailing_date` for why);
///   when furniture may be trimmed first, the gate stays open.
/// - A line ending with three letters skips the end's tests, and one
///   opening with three letters the first word's, when sets of letter
///   triples show that no word those tests look for ends or opens so (see
///   `WordIndex::end_opens_nothing` and `WordIndex::opens_nothing`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineGate(u32);

impl LineGate {
    const NOISE: u32 = 1 << 22;
    const COUNT: u32 = role::COUNT;
    const SECTION: u32 = role::SECTION;
    const FORM: u32 = role::FORM;
    const POSTED: u32 = role::POSTED;
    const ON_DATE: u32 = role::ON_DATE;
    const DATE_START: u32 = role::DATE_START;
    const SAYS: u32 = role::SAYS;
    const TRIM: u32 = 1 << 20;
    const TRAILING_DATE: u32 = 1 << 21;
    const OPENERS: u32 = role::COUNT | role::SECTION | role::FORM | role::POSTED | role::ON_DATE | role::DATE_START;

    /// Every gate open: nothing is known about the line.
    pub const OPEN: LineGate = LineGate(u32::MAX);

    /// Reads `s` (a line's visible text) once and closes the gates of the
    /// scanners that cannot accept it.
    #[inline(never)]
    pub fn of(s: &str) -> LineGate {
        LineGate::read(s, false).unwrap_or(LineGate::OPEN)
    }

    /// [`LineGate::of`] for a line's text as it stands, read in the same
    /// pass that looks for the bytes of inline markup: `None` when `s` may
    /// hold markup (see [`crate::markup::has_markup`]), whose visible text
    /// is then to be gated instead, or when `s` is not ASCII (its gate is
    /// [`LineGate::OPEN`], and it may hold markup all the same).
    #[inline(never)]
    pub fn of_unmarked(s: &str) -> Option<LineGate> {
        LineGate::read(s, true)
    }

    /// The gate of `s`; `None` when `s` is not ASCII, or when `markup`
    /// asks for it and `s` holds a byte that inline markup needs.
    #[inline(always)]
    fn read(s: &str, markup: bool) -> Option<LineGate> {
        let bytes = s.as_bytes();
        let n = bytes.len();
        let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
            // An empty line holds no markup.
            return Some(LineGate::OPEN);
        };
        let index = word_index();
        let mut says = if index.says_unindexed { Self::SAYS } else { 0 };
        // One pass, eight bytes at a time: non-ASCII bytes (the pass stops
        // at the first), markup bytes, and the ends a says-verb may stand
        // before. The byte tests below hold for ASCII bytes only, which is
        // all they are trusted with. Most runs of eight bytes hold none of
        // these: `ascii_may_hold_marks_or_high` lets them pass with one test.
        // Says-verbs end before `:` `.` `,` or at the line's end: the
        // letters before each such end are looked up once the end passes
        // `may_end_says_word`, which refuses most ends without a look-up.
        let mut at = 0;
        let chunks = bytes.chunks_exact(8);
        let rest = chunks.remainder().len();
        for chunk in chunks {
            let x = load8(chunk);
            if ascii_may_hold_marks_or_high(x) {
                if x & HIGH_BITS != 0 || markup && markup_bytes(x) != 0 {
                    return None;
                }
                let ends = ascii_says_ends(x);
                if says == 0 && ends != 0 {
                    says = index.says_at_ends(bytes, at, ends);
                }
            }
            at += 8;
        }
        if rest > 0 {
            // The bytes after the last whole chunk, read with one load that
            // ends at the line's end (shifted so that the first of them is
            // the lowest byte); zero bytes fill the top and are no says
            // ends and no markup.
            let x = match n.checked_sub(8) {
                Some(from) => load8(&bytes[from..]) >> (8 * (8 - rest)),
                None => bytes.iter().rev().fold(0u64, |x, &b| x << 8 | u64::from(b)),
            };
            if ascii_may_hold_marks_or_high(x) {
                if x & HIGH_BITS != 0 || markup && markup_bytes(x) != 0 {
                    return None;
                }
                let ends = ascii_says_ends(x);
                if says == 0 && ends != 0 {
                    says = index.says_at_ends(bytes, at, ends);
                }
            }
        }
        // Most lines end with three letters that no gate's word ends with:
        // then the line's end opens nothing (see `end_opens_nothing`).
        let plain_end = index.end_opens_nothing(bytes);
        if says == 0 && !plain_end {
            // Most lines end with no space: their trimmed end is their end.
            let trimmed_end = match last {
                b' ' | b'\t' => n - bytes.iter().rev().take_while(|&&b| matches!(b, b' ' | b'\t')).count(),
                _ => n,
            };
            if index.may_end_says_word(bytes, trimmed_end) {
                says = index.says_word_before(bytes, trimmed_end);
            }
        }
        let mut gate = says;
        if !plain_end {
            // The last letter-and-digit run decides the trailing date (the
            // line is ASCII from here on, so `is_date_tail` is a byte test;
            // most lines end with a byte it does not take).
            let core_end = match is_date_tail(char::from(last)) {
                true => n - bytes.iter().rev().take_while(|&&b| is_date_tail(char::from(b))).count(),
                false => n,
            };
            let end = ascii_alnum_run_before(bytes, core_end);
            if end.start < core_end && index.may_end_trailing_date(bytes, end.start, core_end) {
                gate |= Self::TRAILING_DATE;
            }
        }
        // The first word decides the scanners that read the line's start.
        if index.opens_nothing(bytes) {
            // Its first three letters open no table word.
        } else {
            match Self::opener_gates(index, bytes, first) {
                Some(openers) => gate |= openers,
                None => return Some(LineGate::OPEN),
            }
        }
        // The line's end decides furniture (a plain end ends no furniture
        // phrase).
        if !plain_end {
            gate |= Self::furniture_end_gates(index, bytes, last);
        }
        if gate & Self::TRIM != 0 {
            gate |= Self::TRAILING_DATE;
        }
        if gate & Self::NOISE != 0 && Self::refuses_noise(index, s) {
            gate &= !Self::NOISE;
        }
        Some(LineGate(gate))
    }

    /// True when [`is_noise`] refuses `s` by its first word: the line is
    /// ASCII, longer than [`KEY_BYTES`], opens with a letter, ends with no
    /// space, and its first word opens no noise phrase.
    ///
    /// Why this is sound: `is_noise` trims no byte of such a line, so its
    /// trimmed text is the line; that text opens with no `[`, is too long
    /// for the whole-phrase look-up, opens with a letter and is ASCII, and
    /// then `is_noise` answers false exactly when `opening_roles` of it
    /// holds no [`role::NOISE_START`]: the very test made here. (Prose
    /// lines whose end looks like furniture, "… about the comment", are
    /// most lines that open this gate: their first word settles it in the
    /// gate, and most of them then skip the scanners altogether.)
    #[inline(never)]
    fn refuses_noise(index: &WordIndex, s: &str) -> bool {
        let bytes = s.as_bytes();
        let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else { return false };
        bytes.len() > KEY_BYTES
            && first.is_ascii_alphabetic()
            && !is_space(char::from(last))
            && s.is_ascii()
            && index.opening_roles(s).is_some_and(|roles| roles & role::NOISE_START == 0)
    }

    /// The gate of a line that is one calendar date and nothing else:
    /// every scanner refuses it but the opening date's and the trailing
    /// date's (see [`LineGate::whole_date_len`]).
    pub const DATE_LINE: LineGate = LineGate(Self::DATE_START | Self::TRAILING_DATE);

    /// `Some(s.len())` when `s` (a line's visible text) opens with a month
    /// or weekday, is one ASCII calendar date of at most 64 bytes that
    /// [`scan_gated_date`] takes whole (so that it also settles the trailing
    /// date), holds no byte of inline markup, and [`LineGate::DATE_LINE`] is
    /// a gate of `s`: every scanner it closes refuses `s`. (So
    /// [`LineGate::of_unmarked`] reads `s`, and gives it that gate.) `None`
    /// says nothing. The date is read first, and the gate's pass over the
    /// line is left out: most lines are refused by their first three
    /// letters, which open no month or weekday.
    ///
    /// Why the gate is sound: the calendar reader takes a line whole only
    /// when it is made of spaces, tabs, date punctuation and pieces it
    /// accepted: numbers (at most four digits and a suffix of
    /// `NUMBER_SUFFIXES`) and words the index lists as a month, weekday,
    /// meridiem or joiner. Every such byte is ASCII, and of the markup
    /// bytes only `]` is among them, which the reading reports. The gates
    /// of the line's start are those `opener_gates` gives, as `read` reads
    /// them, and so are those of furniture at its end
    /// (`furniture_end_gates`). A says-verb opens its gate only as the run
    /// of letters right before `:` `.` `,` or the line's end; here each
    /// such run ends a token, a number's suffix or a listed date word made
    /// of letters, and `WordIndex::date_tokens_may_say` is false only when
    /// none of those is a says-verb word. The trailing date is left open.
    #[inline(always)]
    pub fn whole_date_len(s: &str) -> Option<usize> {
        let bytes = s.as_bytes();
        let (Some(&first), true) = (bytes.first(), bytes.len() <= 64) else { return None };
        let index = word_index();
        // Only a line whose first letters may open a month or weekday is
        // read on (a filter for speed only: any line may be sent on): its
        // first two bytes, then its first three letters, or the first two
        // of a word of two.
        if index.date_start2[usize::from(first)] & Self::second_byte_bit(bytes.get(1).copied()) == 0 || !first.is_ascii_alphabetic() {
            return None;
        }
        let first3 = match bytes {
            [a, b, c, ..] if c.is_ascii_alphabetic() => letters3(*a, *b, *c),
            [a, b, ..] => letters3(b'a', *a, *b),
            _ => None,
        };
        if first3.is_some_and(|k| !triple_in(&index.date_start3, k)) {
            return None;
        }
        Self::read_whole_date(index, bytes)
    }

    /// The bit of `WordIndex::date_start2` for the byte after a word's
    /// first: that of its letter (`a` lowest, either case), bit 26 for any
    /// other byte or none.
    #[inline(always)]
    fn second_byte_bit(second: Option<u8>) -> u32 {
        let letter = second.map_or(26, |b| (b | 0x20).wrapping_sub(b'a'));
        1 << letter.min(26)
    }

    /// [`LineGate::whole_date_len`] once the line's first letters may open a month or weekday.
    #[inline(never)]
    fn read_whole_date(index: &WordIndex, bytes: &[u8]) -> Option<usize> {
        let n = bytes.len();
        let date = clock_date_reading(index, bytes).unwrap_or_else(|| ascii_date_reading(bytes));
        if date.len != n || date.bracket() || index.date_tokens_may_say {
            return None;
        }
        // The first piece is a month or weekday (the line opens with a
        // letter), a listed word of letters only (`date_tokens_may_say`
        // is false), so it is the line's first run of letters, and its
        // roles are the ones `opener_gates` reads.
        let openers = match index.prefix_words.is_empty() {
            true => date.first_roles() & Self::OPENERS,
            false => Self::opener_gates(index, bytes, bytes[0])?,
        };
        let gate = openers | Self::furniture_end_gates(index, bytes, bytes[n - 1]) | Self::TRAILING_DATE;
        (gate == Self::DATE_LINE.0).then_some(n)
    }

    /// The gates a line's first word opens: the roles of its table words
    /// when it opens with a letter, else those its first byte allows.
    /// `None` for a line opening with a space or tab, which opens every gate.
    #[inline(always)]
    fn opener_gates(index: &WordIndex, bytes: &[u8], first: u8) -> Option<u32> {
        if !first.is_ascii_alphabetic() {
            let by_byte = match first {
                b' ' | b'\t' => return None,
                b'0'..=b'9' => role::COUNT | role::DATE_START,
                b'{' => role::COUNT,
                b'[' => role::COUNT | Self::NOISE,
                b'_' => role::FORM,
                _ => 0,
            };
            return Some(by_byte | index.first_byte_roles[usize::from(first)] & Self::OPENERS);
        }
        let n = ascii_letters_from(bytes, 0);
        let mut gate = index.roles_in(bytes, 0, n) & Self::OPENERS;
        if !index.prefix_words.is_empty() {
            let word = &bytes[..n];
            for (prefix, roles) in &index.prefix_words {
                if word.len() >= prefix.len() && word[..prefix.len()].eq_ignore_ascii_case(prefix) {
                    gate |= roles & Self::OPENERS;
                }
            }
        }
        Some(gate)
    }

    /// The gates a line's end opens for furniture: a separator ends it, or
    /// a furniture phrase that the tail filter lets pass may.
    #[inline(always)]
    fn furniture_end_gates(index: &WordIndex, bytes: &[u8], last: u8) -> u32 {
        if is_furniture_separator(last) {
            return Self::NOISE | Self::TRIM;
        }
        if !index.tail.may_end(bytes) {
            return 0;
        }
        // The last word, when another stands before it, may be dropped. It
        // is a furniture phrase then, and a line ending with one (not with a
        // separator) ends with that phrase's last word: so only where the
        // tail filter passed.
        match bytes.iter().rposition(|&b| matches!(b, b' ' | b'\t')) {
            Some(space) if index.roles_in(bytes, space + 1, bytes.len()) & role::FURNITURE_WORD != 0 => Self::NOISE | Self::TRIM,
            _ => Self::NOISE,
        }
    }

    /// [`LineGate::read`] as it was first written, byte loops and one
    /// chunk loop: the tests check the faster reading against it.
    #[cfg(test)]
    fn read_reference(s: &str, markup: bool) -> Option<LineGate> {
        let bytes = s.as_bytes();
        let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
            // An empty line holds no markup.
            return Some(LineGate::OPEN);
        };
        let index = word_index();
        let mut gate = 0;
        // Says-verbs end before `:` `.` `,` or at the line's end: the letters
        // before each such end are looked up. (Callers first ask
        // `may_end_says_word`, which refuses most ends without a call.)
        let says_before = |end: usize| {
            let start = end - bytes[..end].iter().rev().take_while(|b| b.is_ascii_alphabetic()).count();
            if start == end {
                0
            } else {
                index.roles_in(bytes, start, end) & Self::SAYS
            }
        };
        let mut says = if index.says_unindexed { Self::SAYS } else { 0 };
        // One pass, eight bytes at a time: non-ASCII bytes (the pass stops
        // at the first), markup bytes, and the ends a says-verb may stand
        // before. The byte tests below hold for ASCII bytes only, which is
        // all they are trusted with.
        let mut chunks = bytes.chunks_exact(8);
        let mut at = 0;
        // The bytes after the last whole chunk, read with one load that
        // ends at the line's end (shifted so that the first of them is the
        // lowest byte); zero bytes fill the top and are no says ends and no markup.
        let rest = chunks.remainder().len();
        let tail = match bytes.len().checked_sub(8) {
            _ if rest == 0 => 0,
            Some(from) => load8(&bytes[from..]) >> (8 * (8 - rest)),
            None => bytes.iter().rev().fold(0u64, |x, &b| x << 8 | u64::from(b)),
        };
        loop {
            let x = match chunks.next() {
                Some(chunk) => load8(chunk),
                None if at < bytes.len() => tail,
                None => break,
            };
            if x & HIGH_BITS != 0 {
                return None;
            }
            // Most runs of eight bytes hold neither a markup byte nor a
            // says end: one test for both sets lets them pass.
            if !ascii_may_hold_marks(x) {
                at += 8;
                continue;
            }
            if markup && markup_bytes(x) != 0 {
                return None;
            }
            let mut ends = if says == 0 { ascii_says_ends(x) } else { 0 };
            while ends != 0 {
                let end = at + ends.trailing_zeros() as usize / 8;
                if index.may_end_says_word(bytes, end) {
                    says = says_before(end);
                    if says != 0 {
                        break;
                    }
                }
                ends &= ends - 1;
            }
            at += 8;
        }
        if says == 0 {
            let trimmed_end = bytes.len() - bytes.iter().rev().take_while(|&&b| matches!(b, b' ' | b'\t')).count();
            if index.may_end_says_word(bytes, trimmed_end) {
                says = says_before(trimmed_end);
            }
        }
        gate |= says;
        // The last letter-and-digit run decides the trailing date (the line
        // is ASCII from here on, so `is_date_tail` is a byte test).
        let core_end = bytes.len() - bytes.iter().rev().take_while(|&&b| is_date_tail(char::from(b))).count();
        let end = ascii_alnum_run_before(bytes, core_end);
        if end.start < core_end && (end.has_digit || end.has_inner_upper || index.ends_dates(bytes, end.start, core_end)) {
            gate |= Self::TRAILING_DATE;
        }
        // The first word decides the scanners that read the line's start.
        match Self::opener_gates(index, bytes, first) {
            Some(openers) => gate |= openers,
            None => return Some(LineGate::OPEN),
        }
        // The line's end decides furniture.
        gate |= Self::furniture_end_gates(index, bytes, last);
        if gate & Self::TRIM != 0 {
            gate |= Self::TRAILING_DATE;
        }
        Some(LineGate(gate))
    }

    /// True when every gate is closed: no scanner accepts the line, and
    /// [`trim_trailing_furniture`] leaves it as it is.
    pub fn is_shut(self) -> bool {
        self.0 == 0
    }

    fn open(self, bit: u32) -> bool {
        self.0 & bit != 0
    }

    /// False when [`is_noise`] refuses the line.
    pub fn noise(self) -> bool {
        self.open(Self::NOISE)
    }

    /// False when [`scan_count_heading`] refuses the line.
    pub fn count_heading(self) -> bool {
        self.open(Self::COUNT)
    }

    /// False when [`is_section_heading`] refuses the line.
    pub fn section_heading(self) -> bool {
        self.open(Self::SECTION)
    }

    /// False when [`is_form_start`] refuses the line.
    pub fn form_start(self) -> bool {
        self.open(Self::FORM)
    }

    /// False when [`scan_posted_by`] refuses the line.
    pub fn posted_by(self) -> bool {
        self.open(Self::POSTED)
    }

    /// False when [`is_bare_says`] and [`scan_says`] refuse the line.
    pub fn says(self) -> bool {
        self.open(Self::SAYS)
    }

    /// False when [`scan_on_date_name`] refuses the line.
    pub fn on_date_name(self) -> bool {
        self.open(Self::ON_DATE)
    }

    /// False when [`scan_date`] finds no date at the line's start (so
    /// [`scan_date_then_furniture`] refuses it too).
    pub fn date_start(self) -> bool {
        self.open(Self::DATE_START)
    }

    /// False when [`trim_trailing_furniture`] returns the line unchanged
    /// (without trailing spaces).
    pub fn trailing_furniture(self) -> bool {
        self.open(Self::TRIM)
    }

    /// False when [`find_trailing_date`] refuses the line as it is (only
    /// meaningful together with a closed `trailing_furniture` gate, as the
    /// gate stays open when furniture may be trimmed first).
    pub fn trailing_date(self) -> bool {
        self.open(Self::TRAILING_DATE)
    }
}

/// A byte of every lane of a `u64`.
const LANES: u64 = u64::MAX / 255;

/// The high bit of each byte of `x` (every byte ASCII) that lies in
/// `lo..=hi`: adding `0x80 - lo` sets a byte's high bit exactly when the byte
/// is at least `lo`, and no sum carries into the next byte.
fn ascii_bytes_in(x: u64, lo: u8, hi: u8) -> u64 {
    let at_least_lo = x + LANES * u64::from(0x80 - lo);
    let above_hi = x + LANES * u64::from(0x80 - hi - 1);
    at_least_lo & !above_hi & HIGH_BITS
}

/// The high bit of each ASCII letter among the (ASCII) bytes of `x`:
/// setting bit 5 maps exactly the letters into `a..=z`.
fn ascii_letter_bits(x: u64) -> u64 {
    ascii_bytes_in(x | (LANES * 0x20), b'a', b'z')
}

/// The eight bytes of `bytes` from `at` on, zero past its end (`bytes[at]` lowest).
fn load8_from(bytes: &[u8], at: usize) -> u64 {
    if let Some(chunk) = bytes.get(at..at + 8) {
        return load8(chunk);
    }
    let rest = bytes.len() - at;
    match bytes.len().checked_sub(8) {
        _ if rest == 0 => 0,
        Some(from) => load8(&bytes[from..]) >> (8 * (8 - rest)),
        None => bytes[at..].iter().rev().fold(0, |x, &b| x << 8 | u64::from(b)),
    }
}

/// The eight bytes of `bytes` that end at `end` (`bytes[end - 1]` highest),
/// zero below its start.
fn load8_ending(bytes: &[u8], end: usize) -> u64 {
    match end.checked_sub(8) {
        Some(from) => load8(&bytes[from..end]),
        None if end == 0 => 0,
        None => bytes[..end].iter().rev().fold(0u64, |x, &b| x << 8 | u64::from(b)) << (8 * (8 - end)),
    }
}

/// How many ASCII letters open `bytes[at..]` (an ASCII line), eight bytes at a time.
fn ascii_letters_from(bytes: &[u8], at: usize) -> usize {
    let mut to = at;
    loop {
        // The zero bytes past the end are no letters: the loop ends there.
        let stop = !ascii_letter_bits(load8_from(bytes, to)) & HIGH_BITS;
        if stop != 0 {
            return to + stop.trailing_zeros() as usize / 8 - at;
        }
        to += 8;
    }
}

/// The run of ASCII letters and digits that ends a stretch of an ASCII line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct AlnumRun {
    /// Where the run starts (the stretch's end when there is none).
    start: usize,
    /// True when the run holds a digit.
    has_digit: bool,
    /// True when the run holds an uppercase letter after its first byte.
    has_inner_upper: bool,
}

/// The run of ASCII letters and digits that ends at `bytes[end]` (an ASCII
/// line): read from one load when it is shorter than eight bytes, else byte by byte.
#[inline(always)]
fn ascii_alnum_run_before(bytes: &[u8], end: usize) -> AlnumRun {
    let x = load8_ending(bytes, end);
    let stop = !(ascii_letter_bits(x) | ascii_bytes_in(x, b'0', b'9')) & HIGH_BITS;
    if stop == 0 {
        let start = end - bytes[..end].iter().rev().take_while(|b| b.is_ascii_alphanumeric()).count();
        let run = &bytes[start..end];
        return AlnumRun {
            start,
            has_digit: run.iter().any(u8::is_ascii_digit),
            has_inner_upper: run.iter().skip(1).any(u8::is_ascii_uppercase),
        };
    }
    // The run is the bytes above the highest one that stops it (zero bytes
    // below the line's start stop it too).
    let len = stop.leading_zeros() as usize / 8;
    let run = if len == 0 { 0 } else { HIGH_BITS << (8 * (8 - len)) };
    AlnumRun {
        start: end - len,
        has_digit: ascii_bytes_in(x, b'0', b'9') & run != 0,
        // `run << 8` drops the run's lowest (first) byte.
        has_inner_upper: ascii_bytes_in(x, b'A', b'Z') & run & (run << 8) != 0,
    }
}

/// The high bit of each byte of `x` that is `:` `.` or `,`, no other bit.
fn says_ends(x: u64) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Per byte, bit 7 of `(y & 0x7F) + 0x7F | y` is set exactly when `y` is
    // not zero (no carry leaves a byte); `b & 0xFD == 0x2C` holds for ',' and '.' only.
    let zero = |y: u64| !(((y & LOW7) + LOW7) | y) & !LOW7;
    zero((x & (ONES * 0xFD)) ^ (ONES * 0x2C)) | zero(x ^ (ONES * u64::from(b':')))
}

/// [`says_ends`] for eight ASCII bytes (what it gives for other bytes is
/// not to be used): for a byte `y` below 0x80, `y + 0x7F` has its high bit
/// set exactly when `y` is not zero, and never carries into the next byte.
#[inline(always)]
fn ascii_says_ends(x: u64) -> u64 {
    let comma_or_dot = (x & (LANES * 0xFD)) ^ (LANES * 0x2C);
    let colon = x ^ (LANES * u64::from(b':'));
    !((comma_or_dot + LANES * 0x7F) & (colon + LANES * 0x7F)) & HIGH_BITS
}

/// False when none of eight ASCII bytes (others give no usable answer) is
/// one that [`ascii_says_ends`] or [`markup_bytes`] looks for: those
/// all lie in `0x2A..=0x3A` (`*` to `:`) or, with bit 5 set, in
/// `0x7C..=0x7F` (`\\` `]` `^` `_`), which letters and spaces do not.
#[cfg(test)]
fn ascii_may_hold_marks(x: u64) -> bool {
    let low = (x + LANES * (0x80 - 0x2A)) & !(x + LANES * (0x80 - 0x3B));
    let high = (x | (LANES * 0x20)) + LANES * (0x80 - 0x7C);
    (low | high) & HIGH_BITS != 0
}

/// True when [`ascii_may_hold_marks`] holds for `x` or a byte of `x` is
/// not ASCII: one test lets most runs of eight bytes of a line pass. For
/// eight ASCII bytes no sum carries into the next byte, so the test is
/// exactly `ascii_may_hold_marks`; a byte of 0x80 or more sets its own high
/// bit in the final OR whatever the sums carried.
#[inline(always)]
fn ascii_may_hold_marks_or_high(x: u64) -> bool {
    let low = x.wrapping_add(LANES * (0x80 - 0x2A)) & !x.wrapping_add(LANES * (0x80 - 0x3B));
    let high = (x | (LANES * 0x20)).wrapping_add(LANES * (0x80 - 0x7C));
    (low | high | x) & HIGH_BITS != 0
}

/// The ASCII bytes [`is_furniture_run`] splits phrases at.
fn is_furniture_separator(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'|' | b'(' | b')' | b'#')
}

/// One token of a line: a run of letters and digits, or one other character.
#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    text: &'a str,
    end: usize,
}

/// Iterates over the tokens of `s`, skipping white space. ASCII bytes are
/// read one by one; characters are decoded only where a byte is not ASCII.
fn tokens(s: &str) -> impl Iterator<Item = Token<'_>> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let bytes = s.as_bytes();
        loop {
            match *bytes.get(at)? {
                b' ' | b'\t' => at += 1,
                b if b.is_ascii() => break,
                _ => {
                    let c = s[at..].chars().next()?;
                    if !is_space(c) {
                        break;
                    }
                    at += c.len_utf8();
                }
            }
        }
        let rest = &s[at..];
        let first = bytes[at];
        let len = if first.is_ascii_alphanumeric() {
            let ascii = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
            if rest.as_bytes().get(ascii).is_some_and(|b| !b.is_ascii()) {
                // A letter like "ä" goes on with the run: decode from here.
                let tail = &rest[ascii..];
                ascii + tail.find(|c: char| !c.is_alphanumeric()).unwrap_or(tail.len())
            } else {
                ascii
            }
        } else if first.is_ascii() {
            1
        } else {
            let c = rest.chars().next()?;
            if c.is_alphanumeric() {
                rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len())
            } else {
                c.len_utf8()
            }
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
    let &first_byte = token.as_bytes().first()?;
    if first_byte.is_ascii() && !first_byte.is_ascii_alphanumeric() {
        // One ASCII character: punctuation of a date or nothing of one.
        return match first_byte {
            b',' | b'.' | b'/' | b':' | b'-' | b'|' | b'@' | b'[' | b']' => Some(DatePiece::Punct(char::from(first_byte))),
            _ => None,
        };
    }
    let first = token.chars().next()?;
    if first.is_ascii_digit() {
        let digits = token.bytes().take_while(u8::is_ascii_digit).count();
        let suffix = &token[digits..];
        if digits > 4 {
            return None;
        }
        if suffix.is_empty() || is_number_suffix(suffix) {
            // At most four digits: the value fits, as `parse` would give it.
            let value = token.bytes().take(digits).fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
            return Some(DatePiece::Number(value));
        }
        return None;
    }
    if first.is_alphabetic() {
        if token.len() > 14 {
            return None;
        }
        if let Some(roles) = word_index().exact_roles(token) {
            // An ASCII word folds to its lowercase and holds no '.': one
            // look-up in the word index answers what the tables below would.
            return if roles & role::MONTH != 0 {
                Some(DatePiece::Month)
            } else if roles & role::MERIDIEM != 0 {
                Some(DatePiece::Meridiem)
            } else if roles & role::WEEKDAY != 0 {
                Some(DatePiece::Weekday)
            } else if roles & role::JOINER != 0 {
                Some(DatePiece::Joiner)
            } else {
                None
            };
        }
        let mut buf = [0u8; 16];
        let folded = fold_in(&mut buf, token);
        // Table look-ups by first byte; the same answers as `month_number`
        // and `any_lists` give.
        let words = date_words();
        if table_lists(&words.months, folded.trim_end_matches('.')) {
            return Some(DatePiece::Month);
        }
        if MERIDIEMS.contains(&&*folded) {
            // "a.m." comes as "a", ".", "m", "."; German "am" is also a joiner,
            // which changes nothing here because both keep the date going.
            return Some(DatePiece::Meridiem);
        }
        if table_lists(&words.weekdays, &folded) {
            return Some(DatePiece::Weekday);
        }
        if table_lists(&words.joiners, &folded) {
            return Some(DatePiece::Joiner);
        }
        return None;
    }
    match first {
        ',' | '.' | '/' | ':' | '-' | '|' | '@' | '·' | '–' | '—' | '[' | ']' => Some(DatePiece::Punct(first)),
        _ => None,
    }
}

/// True for the letters that may follow a day's number ("1st", "3º"); ASCII
/// suffixes are compared without folding them into a new string.
fn is_number_suffix(suffix: &str) -> bool {
    if suffix.is_ascii() {
        NUMBER_SUFFIXES.iter().any(|known| suffix.eq_ignore_ascii_case(known))
    } else {
        NUMBER_SUFFIXES.contains(&&*fold(suffix))
    }
}

/// The letters [`is_number_suffix`] accepts.
const NUMBER_SUFFIXES: [&str; 9] = ["st", "nd", "rd", "th", "h", "er", "º", "am", "pm"];

/// Scans a date (with an optional time) at the start of `s`: "May 20, 2012 at
/// 12:55 AM", "10/28/12 5:33 PM", "22. Dezember 2019 um 11:16 Uhr",
/// "Thursday, November 08, 2012". Returns the bytes it takes, up to the end of
/// its last number, month or meridiem, or 0 when `s` does not open with a date.
pub fn scan_date(s: &str) -> usize {
    // A date opens with a digit or with a month, weekday, count word or
    // "ago" word before the count (see `WordIndex::add_opener`): other
    // ASCII openings are refused at once.
    if let Some(roles) = word_index().opening_roles(s) {
        if roles & role::DATE_START == 0 && !s.as_bytes()[0].is_ascii_digit() {
            return 0;
        }
    }
    match scan_absolute_date(s) {
        0 => scan_relative_date(s),
        n => n,
    }
}

/// [`scan_date`] for a line whose [`LineGate::date_start`] gate, read on
/// `s` itself, is open; and whether the date is then known to settle the
/// trailing date, that is, [`trailing_date_of_whole_date`] of `s` is
/// `Some(Some(0))`.
///
/// Why the second answer is sound: it is given only for an ASCII line of at
/// most 64 bytes that the calendar-date reader takes whole. Such a line opens
/// with the date's first piece, a number, month or weekday (so with a letter
/// or digit), holds a number (every accepted date does), and ends with the
/// token that set the date's end: a number, month, weekday or meridiem, or
/// the '.' of "p.m." after the meridiem "m". So the quick refusal that
/// `trailing_date_of_whole_date` asks finds a digit and that last word.
pub fn scan_gated_date(s: &str, gate: LineGate) -> (usize, bool) {
    let bytes = s.as_bytes();
    if gate == LineGate::OPEN || !all_ascii(bytes) {
        return (scan_date(s), false);
    }
    // The gate's opening test is `scan_date`'s quick refusal, on the same
    // first word or byte: with it open, the refusal would let `s` pass.
    match ascii_absolute_date(bytes) {
        0 => (scan_relative_date(s), false),
        n => (n, n == s.len() && n <= 64),
    }
}

/// Scans a relative date at the start of `s`: "12 days ago", "an hour ago",
/// "vor 3 Tagen", "il y a 2 jours". Returns the bytes it takes, or 0.
pub fn scan_relative_date(s: &str) -> usize {
    // A relative date opens with its count (digits, a number word, "a",
    // "an") or with a word before the count ("vor") and a space: other
    // ASCII openings are refused at once, and the words before the count
    // are looked for only where the opening may be one.
    let index = word_index();
    let opening = index.opening_roles(s);
    if let Some(roles) = opening {
        if roles & role::RELATIVE_START == 0 && !s.as_bytes()[0].is_ascii_digit() {
            return 0;
        }
    }
    let before = if opening.is_some_and(|roles| roles & role::AGO_BEFORE == 0) {
        None
    } else {
        let prefix_end = s.char_indices().nth(12).map_or(s.len(), |(i, _)| i);
        let mut buf = [0u8; 48];
        let folded_start = fold_in(&mut buf, &s[..prefix_end]);
        // Words before the count ("vor", "il y a") are skipped first.
        LANGUAGES
            .iter()
            .flat_map(|lang| lang.ago_before.iter())
            .filter(|w| folded_start.strip_prefix(**w).is_some_and(|rest| rest.starts_with(|c: char| is_space(c))))
            .map(|w| w.chars().count())
            .max()
    };
    let skip = before.map_or(0, |chars| s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i));
    let mut toks = tokens(&s[skip..]);
    let Some(count) = toks.next() else { return 0 };
    // ASCII words are looked up in the word index, others in the tables.
    let is_count = count.text.bytes().all(|b| b.is_ascii_digit()) && count.text.len() <= 3
        || match index.exact_roles(count.text) {
            Some(roles) => roles & role::COUNT_WORD != 0,
            None => {
                let mut count_buf = [0u8; 16];
                let folded_count = fold_in(&mut count_buf, count.text);
                number_word(&folded_count).is_some() || INDEFINITE_COUNTS.contains(&&*folded_count)
            }
        };
    if !is_count {
        return 0;
    }
    let Some(unit) = toks.next() else { return 0 };
    let is_unit = match index.exact_roles(unit.text) {
        Some(roles) => roles & role::UNIT != 0,
        None => {
            let mut unit_buf = [0u8; 16];
            let folded_unit = fold_in(&mut unit_buf, unit.text);
            LANGUAGES.iter().any(|lang| lang.time_units.contains(&&*folded_unit))
        }
    };
    if !is_unit {
        return 0;
    }
    if before.is_some() {
        return skip + unit.end;
    }
    let is_ago = |ago: &str| match index.exact_roles(ago) {
        Some(roles) => roles & role::AGO_AFTER != 0,
        None => LANGUAGES.iter().any(|lang| lang.ago_after.contains(&fold(ago).as_str())),
    };
    match toks.next() {
        Some(ago) if is_ago(ago.text) => ago.end,
        _ => 0,
    }
}

/// Scans an absolute date; see [`scan_date`].
fn scan_absolute_date(s: &str) -> usize {
    if all_ascii(s.as_bytes()) {
        ascii_absolute_date(s.as_bytes())
    } else {
        absolute_date_of(tokens(s).map(|token| (date_piece(token.text), token.end)))
    }
}

/// Classes of bytes for [`ascii_absolute_date`]: one table look-up tells a
/// space or tab, a digit, a letter, a date's punctuation or any other byte
/// (which ends a date), where tests byte by byte took several comparisons.
const DATE_SPACE: u8 = 1;
const DATE_DIGIT: u8 = 2;
const DATE_LETTER: u8 = 4;
const DATE_PUNCT: u8 = 8;

/// The class of every byte value (non-ASCII bytes are none of them).
static DATE_BYTE_CLASSES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = match c {
            b' ' | b'\t' => DATE_SPACE,
            b'0'..=b'9' => DATE_DIGIT,
            b'a'..=b'z' | b'A'..=b'Z' => DATE_LETTER,
            b',' | b'.' | b'/' | b':' | b'-' | b'|' | b'@' | b'[' | b']' => DATE_PUNCT,
            _ => 0,
        };
        b += 1;
    }
    table
};

/// [`absolute_date_of`] the date pieces of an ASCII line, as `tokens` and
/// `date_piece` give them: the date's length (0 for none), see [`ascii_date_reading`].
#[inline(never)]
fn ascii_absolute_date(bytes: &[u8]) -> usize {
    ascii_date_reading(bytes).len
}

/// What [`ascii_date_reading`] read at the start of an ASCII line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct AsciiDate {
    /// The date's length in bytes, 0 when no date opens the line.
    len: usize,
    /// The index's roles of the first piece when it is a word (else 0),
    /// and [`AsciiDate::BRACKET`]: with the length, two registers' worth.
    marks: u32,
}

impl AsciiDate {
    /// The bit of [`AsciiDate::marks`] set when a `]` was among the pieces
    /// read (the one byte of a date that inline markup also needs); no role
    /// takes it.
    const BRACKET: u32 = 1 << 31;

    /// True when a `]` was among the pieces read.
    fn bracket(self) -> bool {
        self.marks & AsciiDate::BRACKET != 0
    }

    /// The roles of the first piece when it is a word, else 0.
    fn first_roles(self) -> u32 {
        self.marks & !AsciiDate::BRACKET
    }
}

/// The index's roles of the word `bytes[start..end]` (ASCII letters and
/// digits, at most 14 bytes) as a date reader looks them up: a word of up
/// to eight bytes by its key at once, as most words read there are in the
/// index (`roles_in` first tests its shape, which only refuses words the
/// index does not hold).
#[inline(always)]
fn date_word_roles(index: &WordIndex, bytes: &[u8], start: usize, end: usize) -> u32 {
    if end - start <= 8 {
        index.short_key_roles(short_key_in(bytes, start, end))
    } else {
        index.roles_in(bytes, start, end)
    }
}

/// [`ascii_date_reading`] of a line that is one date in the form most blogs
/// print, "January 28, 2014 at 1:00 am" (WordPress's default: a month, a
/// day, a comma, a year, a joiner, an hour and minutes, a meridiem, one
/// space between the pieces), read in a few straight steps; `None` for any
/// other line (also for a date in another form), which the full reading
/// then reads. A date line is read for every comment, and the full loop
/// took some 500 instructions and many branches on each.
///
/// Why it is the full reading's answer: the full loop reads the same nine
/// pieces. The first is a word with the month role, so it opens the date
/// and its roles are the marks. Numbers of one, two and four digits
/// followed by punctuation or a space take no suffix, and their values
/// (the year at most 2100, checked here) end nothing. The middle word has
/// one of the roles the loop goes on past (month, meridiem, weekday,
/// joiner). The last word, with a month, meridiem or weekday role, sets
/// the date's end at the line's end (a meridiem after a number does). Nine
/// pieces are far below the loop's limit, and no `]` is read. A month and
/// a number make the date a named one, whose length is that end. Words
/// are looked up by the loop's own look-up (`date_word_roles`). A test
/// compares the two on lines of this shape and its near misses.
#[inline(always)]
fn clock_date_reading(index: &WordIndex, bytes: &[u8]) -> Option<AsciiDate> {
    const GOES_ON: u32 = role::MONTH | role::MERIDIEM | role::WEEKDAY | role::JOINER;
    const ENDS_DATE: u32 = role::MONTH | role::MERIDIEM | role::WEEKDAY;
    let n = bytes.len();
    // No word, or one longer than the full loop reads (it stops there), has no roles here.
    let roles = |start: usize, end: usize| if (1..=14).contains(&(end - start)) { date_word_roles(index, bytes, start, end) } else { 0 };
    // A byte loop, not `ascii_letters_from`: the line may hold non-ASCII
    // bytes, which that reading's byte arithmetic does not take.
    let letters_end = |mut at: usize| {
        while bytes.get(at).is_some_and(u8::is_ascii_alphabetic) {
            at += 1;
        }
        at
    };
    // The digits from `at`, between `min` and `max` of them, ending before
    // `then`: their value and the offset after `then`.
    #[inline(always)]
    fn number(bytes: &[u8], at: usize, min: usize, max: usize, then: u8) -> Option<(u32, usize)> {
        let mut value = 0u32;
        let mut to = at;
        while let Some(d) = bytes.get(to).map(|b| b.wrapping_sub(b'0')).filter(|&d| d < 10) {
            value = value * 10 + u32::from(d);
            to += 1;
            if to - at > max {
                return None;
            }
        }
        (to - at >= min && bytes.get(to) == Some(&then)).then_some((value, to + 1))
    }
    let month_end = letters_end(0);
    if bytes.get(month_end) != Some(&b' ') {
        return None;
    }
    let month = roles(0, month_end);
    if month & role::MONTH == 0 {
        return None;
    }
    let (_, at) = number(bytes, month_end + 1, 1, 2, b',')?;
    if bytes.get(at) != Some(&b' ') {
        return None;
    }
    let (year, at) = number(bytes, at + 1, 4, 4, b' ')?;
    let joiner_end = letters_end(at);
    if year > 2100 || bytes.get(joiner_end) != Some(&b' ') || roles(at, joiner_end) & GOES_ON == 0 {
        return None;
    }
    let (_, at) = number(bytes, joiner_end + 1, 1, 2, b':')?;
    let (_, at) = number(bytes, at, 2, 2, b' ')?;
    let last_end = letters_end(at);
    (last_end == n && last_end > at && roles(at, last_end) & ENDS_DATE != 0).then_some(AsciiDate { len: n, marks: month })
}

/// The date pieces of an ASCII line, as `tokens` and `date_piece` give
/// them, read byte by byte in one loop and judged as [`absolute_date_of`]
/// judges them: a number's digits and value are read together, a word is
/// looked up once in the word index, and the counts `DateReading` keeps
/// are packed into one integer, so that the loop's state stays in registers.
#[inline(always)]
fn ascii_date_reading(bytes: &[u8]) -> AsciiDate {
    // What the token before was, as `DateReading::previous` keeps it: a
    // date's punctuation as its byte, a word or number as one of these.
    const NOTHING: u8 = 0;
    const MERIDIEM: u8 = 1;
    const OTHER: u8 = 2;
    // One byte of `counts` per count of `DateReading`: months, numbers,
    // numbers after '/' '-' '.', numbers after ':'; the pieces above them.
    // No count passes 25 (a 25th piece ends the reading), so no byte
    // carries into the next.
    const MONTH: u64 = 1;
    const NUMBER: u64 = 1 << 8;
    const SLASH_OR_DASH_NUMBER: u64 = 1 << 16;
    const COLON_TIME: u64 = 1 << 24;
    const PIECE: u64 = 1 << 32;
    // `counts` at or above this holds more than 24 pieces.
    const TOO_MANY_PIECES: u64 = 25 * PIECE;
    let alnum = |b: u8| DATE_BYTE_CLASSES[usize::from(b)] & (DATE_DIGIT | DATE_LETTER) != 0;
    let index = word_index();
    let n = bytes.len();
    let mut counts = 0u64;
    let mut end = 0;
    let mut previous = NOTHING;
    let mut marks = 0;
    let mut at = 0;
    while at < n {
        let first = bytes[at];
        let start = at;
        at += 1;
        // Spaces between the pieces, the most frequent byte, first.
        if first == b' ' {
            continue;
        }
        let digit = first.wrapping_sub(b'0');
        if digit < 10 {
            // More than four digits end the reading below, so the value of
            // the first five cannot overflow (it wraps past them).
            let mut value = u32::from(digit);
            while let Some(d) = bytes.get(at).map(|b| b.wrapping_sub(b'0')).filter(|&d| d < 10) {
                value = value.wrapping_mul(10).wrapping_add(u32::from(d));
                at += 1;
            }
            let digits = at - start;
            while at < n && alnum(bytes[at]) {
                at += 1;
            }
            if digits > 4
                || at > start + digits
                    && !NUMBER_SUFFIXES.iter().any(|known| bytes[start + digits..at].eq_ignore_ascii_case(known.as_bytes()))
            {
                break;
            }
            counts += PIECE;
            if counts >= TOO_MANY_PIECES || value > 2100 {
                break;
            }
            counts += NUMBER;
            if matches!(previous, b'/' | b'-' | b'.') {
                counts += SLASH_OR_DASH_NUMBER;
            }
            if previous == b':' {
                counts += COLON_TIME;
            }
            end = at;
            previous = OTHER;
            continue;
        }
        let class = DATE_BYTE_CLASSES[usize::from(first)];
        if class == DATE_SPACE {
            continue;
        }
        if class == DATE_LETTER {
            while at < n && alnum(bytes[at]) {
                at += 1;
            }
            if at - start > 14 {
                break;
            }
            // The roles are read in `date_piece`'s order: month, meridiem,
            // weekday, joiner.
            let roles = date_word_roles(index, bytes, start, at);
            if roles & (role::MONTH | role::MERIDIEM | role::WEEKDAY | role::JOINER) == 0 {
                break;
            }
            let month = roles & role::MONTH != 0;
            // The piece is a meridiem or a joiner unless it is a month
            // or (not a meridiem) a weekday; neither opens a date.
            let weekday_piece = roles & role::WEEKDAY != 0 && roles & role::MERIDIEM == 0;
            if counts == 0 {
                if !month && !weekday_piece {
                    return AsciiDate { len: 0, marks: marks | roles };
                }
                marks |= roles;
            }
            counts += PIECE;
            if counts >= TOO_MANY_PIECES {
                break;
            }
            if month {
                counts += MONTH;
                end = at;
                previous = OTHER;
            } else if roles & role::MERIDIEM != 0 {
                if counts & (0xFF * NUMBER) != 0 {
                    end = at;
                }
                previous = MERIDIEM;
            } else if roles & role::WEEKDAY != 0 {
                end = end.max(at);
                previous = OTHER;
            } else {
                previous = OTHER;
            }
            continue;
        }
        if class != DATE_PUNCT {
            break;
        }
        if counts == 0 {
            return AsciiDate { len: 0, marks };
        }
        counts += PIECE;
        if counts >= TOO_MANY_PIECES {
            break;
        }
        if first == b'.' && previous == MERIDIEM {
            end = at;
        }
        if first == b']' {
            marks |= AsciiDate::BRACKET;
        }
        previous = first;
    }
    let count = |unit: u64| (counts / unit) & 0xFF;
    let named = count(MONTH) >= 1 && count(NUMBER) >= 1;
    let numeric = count(SLASH_OR_DASH_NUMBER) >= 2 && count(NUMBER) >= 3;
    let len = if named || numeric || (count(MONTH) >= 1 && count(COLON_TIME) >= 1) { end } else { 0 };
    AsciiDate { len, marks }
}

/// What [`DateReading::take`] makes of a piece.
enum Reading {
    /// The date may go on.
    Goes,
    /// The date ends before this piece.
    Stops,
    /// No date opens here.
    Refused,
}

/// The counts an absolute date is judged by, as its pieces are read one by one.
#[derive(Default)]
struct DateReading {
    end: usize,
    months: u32,
    numbers: u32,
    slash_or_dash_numbers: u32,
    colon_times: u32,
    previous: Option<DatePiece>,
    pieces: u32,
}

impl DateReading {
    /// Takes the next piece, whose token ends at `token_end`.
    #[inline(always)]
    fn take(&mut self, piece: DatePiece, token_end: usize) -> Reading {
        if self.pieces == 0 && matches!(piece, DatePiece::Joiner | DatePiece::Punct(_) | DatePiece::Meridiem) {
            return Reading::Refused;
        }
        self.pieces += 1;
        if self.pieces > 24 {
            return Reading::Stops;
        }
        match piece {
            DatePiece::Month => {
                self.months += 1;
                self.end = token_end;
            }
            DatePiece::Number(n) => {
                if n > 2100 {
                    return Reading::Stops;
                }
                self.numbers += 1;
                if matches!(self.previous, Some(DatePiece::Punct('/' | '-' | '.'))) {
                    self.slash_or_dash_numbers += 1;
                }
                if matches!(self.previous, Some(DatePiece::Punct(':'))) {
                    self.colon_times += 1;
                }
                self.end = token_end;
            }
            DatePiece::Meridiem => {
                if self.numbers > 0 {
                    self.end = token_end;
                }
            }
            DatePiece::Weekday => self.end = self.end.max(token_end),
            DatePiece::Punct('.') if matches!(self.previous, Some(DatePiece::Meridiem)) => {
                self.end = token_end;
            }
            DatePiece::Joiner | DatePiece::Punct(_) => {}
        }
        self.previous = Some(piece);
        Reading::Goes
    }

    /// The date's length when its pieces make one, else 0.
    fn end(&self) -> usize {
        let named = self.months >= 1 && self.numbers >= 1;
        let numeric = self.slash_or_dash_numbers >= 2 && self.numbers >= 3;
        if named || numeric || (self.months >= 1 && self.colon_times >= 1) {
            self.end
        } else {
            0
        }
    }
}

/// The absolute date that `pieces` (date pieces with their tokens' ends) open.
fn absolute_date_of(pieces_of: impl Iterator<Item = (Option<DatePiece>, usize)>) -> usize {
    let mut reading = DateReading::default();
    for (piece, token_end) in pieces_of {
        let Some(piece) = piece else { break };
        match reading.take(piece, token_end) {
            Reading::Goes => {}
            Reading::Stops => break,
            Reading::Refused => return 0,
        }
    }
    reading.end()
}

/// Finds a date that runs to the end of `s` (trailing white space allowed) and
/// returns where it starts. It may be glued to what precedes it, as Blogger's
/// "Kiss and Make-upOctober 22, 2012 10:46 AM" shows.
pub fn find_trailing_date(s: &str) -> Option<usize> {
    let trimmed = s.trim_end_matches(is_space);
    let has_digit = has_digit_near_end(trimmed);
    if !(has_digit && may_end_with_date(trimmed) || may_end_with_relative_date(trimmed)) {
        return None;
    }
    // Every date the search below may find starts in the last 64 bytes; a
    // calendar date holds a digit, so without one there only a relative
    // date can be found, and `scan_date` answers what `scan_relative_date`
    // does (its quick refusal refuses all that the relative one does, as
    // every relative opener is also a date opener; see `WordIndex::build`).
    let scan: fn(&str) -> usize = if has_digit { scan_date } else { scan_relative_date };
    // Dates are short: look only at the last 60 bytes or so.
    let mut from = trimmed.len().saturating_sub(64);
    while !trimmed.is_char_boundary(from) {
        from += 1;
    }
    let reaches_end = |at: usize| {
        let n = scan(&trimmed[at..]);
        n > 0 && at + n >= trimmed.len() - trailing_date_tail(&trimmed[at + n..])
    };
    let bytes = trimmed.as_bytes();
    if all_ascii(bytes) {
        // The loop below on bytes: an ASCII character is its byte, and its
        // classes are the ASCII ones.
        for at in from..bytes.len() {
            let c = bytes[at];
            let prev = at.checked_sub(1).map(|i| bytes[i]);
            let starts_token = match prev {
                None => true,
                Some(p) => {
                    !p.is_ascii_alphanumeric()
                        || (p.is_ascii_alphabetic() && c.is_ascii_uppercase())
                        || (p.is_ascii_alphabetic() && c.is_ascii_digit())
                        || (p.is_ascii_digit() && c.is_ascii_uppercase())
                }
            };
            if !starts_token || !c.is_ascii_alphanumeric() || !reaches_end(at) {
                continue;
            }
            if prev.is_some_and(|p| p.is_ascii_alphabetic()) && c.is_ascii_digit() {
                let digits = bytes[at..].iter().take_while(|b| b.is_ascii_digit()).count();
                let space = bytes[at + digits..].iter().take_while(|&&b| b == b' ' || b == b'\t').count();
                let rest = bytes.len() - (at + digits);
                if space > 0 && space < rest && reaches_end(at + digits + space) {
                    continue;
                }
            }
            return Some(at);
        }
        return None;
    }
    // Each character is decoded once; the one before the window starts the pair.
    let mut before = trimmed[..from].chars().next_back();
    for (i, c) in trimmed[from..].char_indices() {
        let at = from + i;
        let prev = before.replace(c);
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
        if reaches_end(at) {
            // Digits glued to a name ("Jenny11 18.10.2015 // 07:42") belong
            // to the name when a whole date follows them after a space.
            if prev.is_some_and(char::is_alphabetic) && c.is_ascii_digit() {
                let digits = trimmed[at..].bytes().take_while(u8::is_ascii_digit).count();
                let rest = &trimmed[at + digits..];
                let space = rest.len() - rest.trim_start_matches(is_space).len();
                if space > 0 && space < rest.len() && reaches_end(at + digits + space) {
                    continue;
                }
            }
            return Some(at);
        }
    }
    None
}

/// `s` without its leading white space ([`is_space`]): ASCII spaces and
/// tabs are skipped byte by byte, and characters are decoded only from the
/// first byte that is not ASCII on (other ASCII bytes are no white space).
pub fn trim_start_spaces(s: &str) -> &str {
    let skip = s.bytes().take_while(|&b| b == b' ' || b == b'\t').count();
    let rest = &s[skip..];
    match rest.as_bytes().first() {
        Some(b) if !b.is_ascii() => rest.trim_start_matches(is_space),
        _ => rest,
    }
}

/// False when no date [`scan_date`] reads at the start of `s` ends at most
/// one byte before the end of `s`. A date ends with a token that is a number
/// (it holds a digit), a month, weekday, meridiem, time unit or "ago" word,
/// or with the '.' of "p.m."; only ASCII lines are judged.
pub fn may_be_date_to_end(s: &str) -> bool {
    let bytes = s.as_bytes();
    if !all_ascii(bytes) {
        return true;
    }
    let index = word_index();
    let n = bytes.len();
    n >= 1 && may_end_date_at(index, bytes, n) || n >= 2 && may_end_date_at(index, bytes, n - 1)
}

/// For [`may_be_date_to_end`]: a date may end at `end` (the line's end, or
/// one byte before it) when the byte before is the '.' of "p.m." or the
/// letter-and-digit run ending there is a number or a word that ends
/// dates. That run is empty unless the byte before `end` is a letter or
/// digit, so other bytes ("says:" ends with one) are refused before the run
/// is read.
#[inline(always)]
fn may_end_date_at(index: &WordIndex, bytes: &[u8], end: usize) -> bool {
    let last = bytes[end - 1];
    last == b'.'
        || last.is_ascii_alphanumeric() && {
            let run = ascii_alnum_run_before(bytes, end);
            run.start < end && (run.has_digit || index.ends_dates(bytes, run.start, end))
        }
}

/// The quick refusal of [`find_trailing_date`] for `trimmed` (without
/// trailing spaces). Every calendar date `scan_absolute_date` accepts holds
/// a number, and the search starts in the last 64 bytes: without a digit
/// there, only a relative date ("an hour ago", "vor 3 Tagen") can end the line.
fn may_end_with_any_date(trimmed: &str) -> bool {
    has_digit_near_end(trimmed) && may_end_with_date(trimmed) || may_end_with_relative_date(trimmed)
}

/// [`has_digit_near_end`] of an ASCII line without its trailing spaces and tabs.
fn ascii_digit_near_end(bytes: &[u8]) -> bool {
    let trimmed = bytes.len() - bytes.iter().rev().take_while(|&&b| matches!(b, b' ' | b'\t')).count();
    let window = &bytes[trimmed.saturating_sub(64)..trimmed];
    let chunks = window.chunks_exact(8);
    let rest = chunks.remainder().iter().rev().fold(0u64, |x, &b| x << 8 | u64::from(b));
    ascii_bytes_in(rest, b'0', b'9') != 0 || chunks.map(load8).any(|x| ascii_bytes_in(x, b'0', b'9') != 0)
}

/// True when the last 64 bytes of `s`, where [`find_trailing_date`] looks, hold an ASCII digit.
fn has_digit_near_end(s: &str) -> bool {
    let window = &s.as_bytes()[s.len().saturating_sub(64)..];
    // Eight bytes at a time: a byte's low seven bits are tested, and bytes
    // with the high bit set (no ASCII digit) are dropped by `!x`.
    let digits = |x: u64| ascii_bytes_in(x & !HIGH_BITS, b'0', b'9') & !x != 0;
    let chunks = window.chunks_exact(8);
    let rest = chunks.remainder().iter().rev().fold(0u64, |x, &b| x << 8 | u64::from(b));
    digits(rest) || chunks.map(load8).any(digits)
}

/// What [`find_trailing_date`] answers for `s` when [`scan_date`] reads all
/// of `s` as one date, without scanning it again; `None` when that does not
/// settle it. For a line of at most 64 bytes opening with a letter or digit,
/// the search's first place is the line's start, where the whole line is the
/// date, so the answer is `Some(0)` unless the quick refusal refuses it.
pub fn trailing_date_of_whole_date(s: &str) -> Option<Option<usize>> {
    let opens_token = s.chars().next().is_some_and(char::is_alphanumeric);
    (s.len() <= 64 && opens_token).then(|| may_end_with_any_date(s.trim_end_matches(is_space)).then_some(0))
}

/// False when no date can run to the end of `s`: a date found there ends with
/// a number, month, weekday or meridiem followed only by the punctuation
/// [`trailing_date_tail`] allows, so the last word of `s` without that
/// punctuation (or its part from a glued capital or digit on) must be such a
/// piece. Prose lines end in other words and leave here at once.
fn may_end_with_date(s: &str) -> bool {
    if let Some(index) = ascii_index(s) {
        // The same test on bytes: an ASCII run's characters are its bytes,
        // and `date_piece` answers an ASCII letter run of at most 14 bytes
        // from the word index (`exact_roles`), longer ones with `None`.
        let bytes = s.as_bytes();
        let (start, end) = ascii_end_word(bytes);
        return (start..end).any(|i| {
            let b = bytes[i];
            (i == start || b.is_ascii_uppercase() || b.is_ascii_digit())
                && (b.is_ascii_digit()
                    || end - i <= 14 && index.roles_in(bytes, i, end) & (role::MONTH | role::MERIDIEM | role::WEEKDAY) != 0)
        });
    }
    let core = s.trim_end_matches(is_date_tail);
    let word = &core[core.trim_end_matches(char::is_alphanumeric).len()..];
    word.char_indices().any(|(i, c)| {
        (i == 0 || c.is_uppercase() || c.is_ascii_digit())
            && (c.is_ascii_digit() || matches!(date_piece(&word[i..]), Some(DatePiece::Month | DatePiece::Meridiem | DatePiece::Weekday)))
    })
}

/// The word index when `s` is ASCII, for the byte paths of the quick refusals.
fn ascii_index(s: &str) -> Option<&'static WordIndex> {
    all_ascii(s.as_bytes()).then(word_index)
}

/// The last run of ASCII letters and digits of an ASCII line before the
/// punctuation [`is_date_tail`] allows, as `start..end` (empty when none):
/// what `trim_end_matches(is_date_tail)` and then the alphanumeric run give.
fn ascii_end_word(bytes: &[u8]) -> (usize, usize) {
    let end = bytes.len() - bytes.iter().rev().take_while(|&&b| is_date_tail(char::from(b))).count();
    let start = end - bytes[..end].iter().rev().take_while(|b| b.is_ascii_alphanumeric()).count();
    (start, end)
}

/// False when no relative date can run to the end of `s`: one ends with its
/// time unit ("vor 3 Tagen") or its "ago" word, a whole word that only the
/// punctuation [`trailing_date_tail`] allows may follow.
fn may_end_with_relative_date(s: &str) -> bool {
    if let Some(index) = ascii_index(s) {
        // An ASCII word of at most `KEY_BYTES` folds to its lowercase, which
        // the word index holds with these roles exactly when a table lists it.
        let bytes = s.as_bytes();
        let (start, end) = ascii_end_word(bytes);
        if end - start <= KEY_BYTES {
            return start < end && index.roles_in(bytes, start, end) & (role::UNIT | role::AGO_AFTER) != 0;
        }
    }
    let core = s.trim_end_matches(is_date_tail);
    let word = &core[core.trim_end_matches(char::is_alphanumeric).len()..];
    if word.is_empty() {
        return false;
    }
    let mut buf = [0u8; 32];
    let folded = fold_in(&mut buf, word);
    any_lists(&folded, |l| l.time_units) || any_lists(&folded, |l| l.ago_after)
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
    static WORD_JOINERS: OnceLock<(Vec<&'static str>, FirstByteTable)> = OnceLock::new();
    let (word_joiners, by_first) = WORD_JOINERS.get_or_init(|| {
        let joiners: Vec<&'static str> = LANGUAGES
            .iter()
            .flat_map(|lang| lang.author_date_joiners.iter().copied())
            .filter(|j| j.chars().all(char::is_alphabetic))
            .collect();
        let by_first = by_first_byte(joiners.iter().copied());
        (joiners, by_first)
    });
    if !may_open_with(by_first, s) {
        return None;
    }
    let head_end = s.char_indices().nth(4).map_or(s.len(), |(i, _)| i);
    let mut head_buf = [0u8; 16];
    let folded_head = fold_in(&mut head_buf, &s[..head_end]);
    let joiner = word_joiners.iter().find(|j| folded_head.starts_with(**j))?;
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
    if word.is_ascii() {
        // ASCII folds to its lowercase: compare without a new string.
        return LANGUAGES.iter().any(|lang| lang.says.iter().any(|verb| word.eq_ignore_ascii_case(verb)));
    }
    let folded = fold(word);
    LANGUAGES.iter().any(|lang| lang.says.contains(&folded.as_str()))
}

/// True when `s` opens with a byline word of some language ("by NAME",
/// "Posted on DATE", "von NAME"), followed by a space, a colon or the end.
pub fn starts_with_byline(s: &str) -> bool {
    let head: String = s.chars().take(24).collect();
    let folded = fold(&head);
    crate::lexicon::LANGUAGES.iter().flat_map(|lang| lang.bylines.iter()).any(|word| {
        folded
            .strip_prefix(word)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ':', '\u{a0}']) || rest.starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// Bytes of harmless punctuation that may follow a date at a line's end: ":" "." ")".
fn trailing_date_tail(rest: &str) -> usize {
    let kept = rest.trim_start_matches(is_date_tail);
    rest.len() - kept.len()
}

/// True for the characters [`trailing_date_tail`] lets follow a date.
fn is_date_tail(c: char) -> bool {
    is_space(c) || matches!(c, ':' | '.' | ')' | ']' | '|' | ',')
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
    // A heading opens with a count (digits or a number word) or a noun.
    static OPENERS: OnceLock<FirstByteTable> = OnceLock::new();
    let table = OPENERS.get_or_init(|| {
        let words = LANGUAGES.iter().flat_map(|l| {
            l.number_words.iter().map(|(w, _)| *w).chain(l.count_nouns.iter().copied()).chain(l.section_headings.iter().copied())
        });
        by_first_byte(words.chain(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]))
    });
    if !may_open_with(table, s) || (s.is_ascii() && !ascii_may_open_count_heading(table, s)) {
        return None;
    }
    let mut buf = [0u8; FOLD_BUF];
    let folded = fold_in(&mut buf, s);
    let mut toks = tokens(&folded);
    let first = toks.next()?;
    let count = if first.text.bytes().all(|b| b.is_ascii_digit()) && first.text.len() <= 6 {
        first.text.parse().ok()?
    } else if let Some(n) = number_word(first.text) {
        n
    } else {
        // "Comments (15)", "Kommentare (3)".
        let mut rest = &*folded;
        let noun = LANGUAGES.iter().flat_map(|l| l.count_nouns.iter().chain(l.section_headings)).find(|noun| rest.starts_with(**noun))?;
        rest = &rest[noun.len()..];
        // "Kommentare4": a tab label with its count glued on.
        if !rest.is_empty() && rest.len() <= 6 && rest.bytes().all(|b| b.is_ascii_digit()) {
            return Some(CountHeading { count: rest.parse().ok()?, title_at: None });
        }
        rest = rest.trim_start_matches(is_space);
        // "Kommentare 4": the same tab label as inscriptis and html2text
        // print it, the count after a space.
        if !rest.is_empty() && rest.len() <= 6 && rest.bytes().all(|b| b.is_ascii_digit()) {
            return Some(CountHeading { count: rest.parse().ok()?, title_at: None });
        }
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
        .filter(|noun| after_count.starts_with(**noun) && after_count[noun.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric()))
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
        if t.len() == tail.len()
            && !noun.ends_with(" on")
            && !noun.ends_with(" zu")
            && !noun.ends_with("sobre")
            && !t.starts_with(['“', '"', '«', '„', '\'', '‘'])
        {
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

/// For an ASCII line (whose folding is ASCII lowercasing): true when its
/// first word is all digits or a number word, or the line opens with a count
/// noun or section heading; `table` holds those words by first byte. Lines
/// failing this cannot be count headings.
fn ascii_may_open_count_heading(table: &FirstByteTable, s: &str) -> bool {
    let word = &s[..s.bytes().take_while(u8::is_ascii_alphanumeric).count()];
    if !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let Some(&first) = s.as_bytes().first() else { return true };
    table[usize::from(first.to_ascii_lowercase())]
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w) || s.get(..w.len()).is_some_and(|head| head.eq_ignore_ascii_case(w)))
}

/// True when the whole line is one of the languages' bare section headings ("Comments").
pub fn is_section_heading(s: &str) -> bool {
    if s.len() > 40 {
        return false;
    }
    let heading = s.trim_end_matches(':').trim_matches(is_space);
    static HEADINGS: OnceLock<FirstByteTable> = OnceLock::new();
    let table = HEADINGS.get_or_init(|| by_first_byte(LANGUAGES.iter().flat_map(|l| l.section_headings.iter().copied())));
    if !may_open_with(table, heading) {
        return false;
    }
    let mut buf = [0u8; FOLD_BUF];
    let folded = fold_in(&mut buf, heading);
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
    // Only the form starts that open with the line's first byte can match.
    static FORM_STARTS: OnceLock<FirstByteTable> = OnceLock::new();
    let table = FORM_STARTS.get_or_init(|| by_first_byte(LANGUAGES.iter().flat_map(|l| l.form_starts.iter().copied())));
    let trimmed = s.trim_matches(is_space);
    if !may_open_with(table, trimmed) {
        return false;
    }
    if let Some(&first) = trimmed.as_bytes().first().filter(|_| trimmed.is_ascii()) {
        // An ASCII line folds to its ASCII lowercase, byte for byte: each
        // form start (lowercase) is compared with the line's start ignoring
        // ASCII case, and what follows it is read in the line itself (ASCII
        // case changes no byte's class). A form start with a non-ASCII byte
        // matches no ASCII line, and the bucket of the lowercased first byte
        // holds every form start the folded line could open with.
        let bytes = trimmed.as_bytes();
        return table[usize::from(first.to_ascii_lowercase())].iter().any(|f| {
            let Some(rest) = bytes.get(..f.len()).filter(|head| head.eq_ignore_ascii_case(f.as_bytes())).map(|_| &trimmed[f.len()..])
            else {
                return false;
            };
            if f.contains(' ') {
                rest.chars().next().is_none_or(|c| !c.is_alphanumeric())
            } else {
                rest.trim_matches(|c: char| is_space(c) || matches!(c, ':' | '.' | '!')).is_empty()
            }
        });
    }
    let mut buf = [0u8; FOLD_BUF];
    let folded = fold_in(&mut buf, trimmed);
    let Some(&first) = folded.as_bytes().first() else {
        return LANGUAGES.iter().any(|l| l.form_starts.contains(&""));
    };
    table[usize::from(first)].iter().any(|f| {
        // A one-word form start ("Kommentieren") must be the whole line:
        // as a prefix it would also open ordinary sentences.
        let rest = folded.strip_prefix(f);
        match rest {
            Some(rest) if f.contains(' ') => rest.chars().next().is_none_or(|c| !c.is_alphanumeric()),
            Some(rest) => rest.trim_matches(|c: char| is_space(c) || matches!(c, ':' | '.' | '!')).is_empty(),
            None => false,
        }
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
    // A short ASCII line folds to its lowercase: one look-up in the word
    // index says whether it is a whole phrase of the noise tables.
    let short_ascii = t.len() <= KEY_BYTES && t.is_ascii();
    if short_ascii && word_index().roles(t.as_bytes()) & role::NOISE_PHRASE != 0 {
        return true;
    }
    // Both the whole-phrase test and a furniture run need the line to open
    // with a phrase's first word (see `WordIndex::add_opener`). An ASCII line
    // opening with a letter folds to its lowercase and keeps its start (no
    // separator to trim), and `opening_roles` ignores ASCII case: so that
    // word is looked up before the line is folded.
    if t.as_bytes()[0].is_ascii_alphabetic()
        && t.is_ascii()
        && word_index().opening_roles(t).is_some_and(|roles| roles & role::NOISE_START == 0)
    {
        return false;
    }
    let mut buf = [0u8; FOLD_BUF];
    let folded = fold_in(&mut buf, t);
    if !short_ascii && any_lists(&folded, |l| l.noise) {
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
    // A run of phrases ends with a phrase's last word: a line whose last word
    // ends no phrase is prose, found without trying every phrase.
    let last = rest.trim_end_matches(separators).rsplit(separators).next().unwrap_or("");
    let index = word_index();
    let ends_a_phrase = if last.is_ascii() && !index.furniture_long {
        // An ASCII word can only end with an ASCII last word: its endings of
        // the listed lengths are looked up instead.
        let bytes = last.as_bytes();
        (1..=bytes.len().min(KEY_BYTES))
            .filter(|len| index.furniture_lengths & (1 << len) != 0)
            .any(|len| index.roles_in(bytes, bytes.len() - len, bytes.len()) & role::FURNITURE_LAST != 0)
    } else {
        furniture_last_words().iter().any(|w| last.ends_with(w))
    };
    if !ends_a_phrase {
        return false;
    }
    // A run opens with a phrase followed by no letter or digit: its first
    // word is then the phrase's first word (see `WordIndex::add_opener`).
    if index.opening_roles(rest).is_some_and(|roles| roles & role::NOISE_START == 0) {
        return false;
    }
    while !rest.is_empty() {
        let phrase = LANGUAGES
            .iter()
            .flat_map(|l| l.noise.iter())
            .filter(|p| rest.strip_prefix(**p).is_some_and(|after| after.chars().next().is_none_or(|c| !c.is_alphanumeric())));
        let Some(longest) = phrase.max_by_key(|p| p.len()) else { return false };
        rest = rest[longest.len()..].trim_start_matches(separators);
    }
    true
}

/// The last word of every furniture phrase (split as [`is_furniture_run`]
/// splits a line), for its quick refusal of prose lines.
fn furniture_last_words() -> &'static [&'static str] {
    static WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let separators = |c: char| is_space(c) || matches!(c, '|' | '·' | '↓' | '↑' | '→' | '(' | ')' | '#');
        LANGUAGES
            .iter()
            .flat_map(|l| l.noise.iter())
            .filter_map(|p| p.trim_end_matches(separators).rsplit(separators).next())
            .filter(|w| !w.is_empty())
            .collect()
    })
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
        let mut buf = [0u8; 32];
        if cut == 0 || last.is_empty() || !any_lists(&fold_in(&mut buf, last), |l| l.noise) {
            break;
        }
        t = t[..cut].trim_end_matches(|c: char| is_space(c) || matches!(c, '|' | '·'));
    }
    t
}

/// The length of a date that opens `s` when all that follows it is furniture
/// ("17.10.2019, 14:14 Zum Antworten anmelden Zitieren #"), else 0.
pub fn scan_date_then_furniture(s: &str) -> usize {
    date_then_furniture(s, scan_date(s))
}

/// [`scan_date_then_furniture`] for a line whose opening date ([`scan_date`]) is `n` bytes long.
pub fn date_then_furniture(s: &str, n: usize) -> usize {
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
    // A verb is followed by ":" "." "…" "," or by nothing but spaces, so it
    // can only end where one of those starts or where the trailing spaces
    // start. Only those ends are tried, each with the verbs that end in the
    // byte before it. The earliest verb in table order wins, and for that
    // verb its first place in the line, as a left-to-right search per verb gives.
    let verbs = says_by_last_byte();
    let bytes = s.as_bytes();
    let trimmed_end = s.trim_end_matches(is_space).len();
    // The best verb is the least (rank, place) over all ends tried, so the
    // ends may come in any order.
    let mut best: Option<(usize, usize, (usize, usize))> = None;
    let mut try_end = |end: usize| {
        let Some(&last) = end.checked_sub(1).and_then(|i| bytes.get(i)) else { return };
        for &(rank, verb) in &verbs[usize::from(last.to_ascii_lowercase())] {
            if best.is_some_and(|(best_rank, _, _)| best_rank < rank) {
                break;
            }
            let Some(at) = end.checked_sub(verb.len()) else { continue };
            if at == 0 || !s.is_char_boundary(at) || best.is_some_and(|(best_rank, best_at, _)| (best_rank, best_at) <= (rank, at)) {
                continue;
            }
            if let Some(found) = says_at(s, at, verb) {
                best = Some((rank, at, found));
            }
        }
    };
    // Every `:` `.` `,` (eight bytes at a time, as the gate finds them);
    // every `…` only when a byte is not ASCII, as `…` is not.
    let mut high = 0u64;
    let mut at = 0;
    let chunks = bytes.chunks_exact(8);
    let rest = chunks.remainder().iter().rev().fold(0u64, |x, &b| x << 8 | u64::from(b));
    for x in chunks.map(load8).chain([rest]) {
        high |= x;
        let mut ends = says_ends(x);
        while ends != 0 {
            try_end(at + ends.trailing_zeros() as usize / 8);
            ends &= ends - 1;
        }
        at += 8;
    }
    if high & HIGH_BITS != 0 {
        let ellipsis = "…".as_bytes();
        memchr::memchr_iter(ellipsis[0], bytes).filter(|&i| bytes[i..].starts_with(ellipsis)).for_each(&mut try_end);
    }
    try_end(trimmed_end);
    best.map(|(_, _, found)| found)
}

/// The says-verbs of every language by their last byte, each with its rank
/// in table order.
fn says_by_last_byte() -> &'static [Vec<(usize, &'static str)>; 256] {
    static TABLE: OnceLock<[Vec<(usize, &'static str)>; 256]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: [Vec<(usize, &'static str)>; 256] = std::array::from_fn(|_| Vec::new());
        for (rank, verb) in LANGUAGES.iter().flat_map(|lang| lang.says.iter()).enumerate() {
            if let Some(&last) = verb.as_bytes().last() {
                table[usize::from(last)].push((rank, *verb));
            }
        }
        table
    })
}

/// Tries `verb` (lowercase) at byte `at` of `s`, just after a space: the name
/// before it and what follows it must make an author line.
fn says_at(s: &str, at: usize, verb: &str) -> Option<(usize, usize)> {
    let end = at + verb.len();
    if !s.as_bytes().get(at..end)?.eq_ignore_ascii_case(verb.as_bytes()) {
        return None;
    }
    // The verb follows a space and is followed by ":" / "..." / "…" / end.
    let before = &s[..at];
    if !before.ends_with(is_space) {
        return None;
    }
    let name = before.trim_end_matches(is_space);
    if name.is_empty() {
        return None;
    }
    let after = &s[at + verb.len()..];
    let punct = after.len() - after.trim_start_matches([':', '.', '…', ',']).len();
    let rest = &after[punct..];
    if punct == 0 && !rest.trim_matches(is_space).is_empty() {
        return None;
    }
    // Without its colon the verb may end a sentence ("… because
    // the market says"): only a short name is taken then.
    // An avatar's placeholder before it ("[5ee4] On DATE Ann said:") is no
    // part of the name.
    let shown = name.strip_prefix('[').and_then(|r| r.find(']').map(|close| r[close + 1..].trim_start_matches(is_space))).unwrap_or(name);
    let bare_name = scan_on_date_name(shown).map_or(shown, |(_, _, at)| &shown[at..]);
    let words = bare_name.split(is_space).filter(|w| !w.is_empty()).count();
    if words > if punct == 0 { 4 } else { 10 } {
        return None;
    }
    if !rest.is_empty() && !rest.starts_with(is_space) {
        return None;
    }
    let rest_text = rest.trim_matches(is_space);
    if !rest_text.is_empty() && scan_date(rest_text) == 0 && !rest_text.starts_with(['(', '|', '@']) {
        return None;
    }
    Some((name.len(), at + verb.len() + punct))
}

/// Where the first white space of `s` starts (`s.len()` when none): ASCII
/// bytes other than space and tab are no white space, so characters are
/// decoded only from the first non-ASCII byte on.
pub fn first_space(s: &str) -> usize {
    match s.bytes().position(|b| b == b' ' || b == b'\t' || !b.is_ascii()) {
        Some(at) if s.as_bytes()[at].is_ascii() => at,
        Some(at) => at + s[at..].find(is_space).unwrap_or(s.len() - at),
        None => s.len(),
    }
}

/// A `start..end` pair of byte offsets inside a scanned line.
pub type ByteRange = (usize, usize);

/// A footer author line printed after the body (TypePad): "Posted by: NAME | DATE".
/// Returns the name's range and the date's range inside `s`.
pub fn scan_posted_by(s: &str) -> Option<(ByteRange, Option<ByteRange>)> {
    if s.len() > 200 {
        return None;
    }
    let opens_with = |p: &&str| {
        let head = s.get(..p.len())?;
        let same = if head.is_ascii() { head.eq_ignore_ascii_case(p) } else { fold(head) == *p };
        same.then_some(p.len())
    };
    // Where the line opens with an ASCII byte, only the openers that start
    // with it (lowercased) can match; they are tried in table order as before.
    static OPENERS: OnceLock<FirstByteTable> = OnceLock::new();
    let table = OPENERS.get_or_init(|| by_first_byte(LANGUAGES.iter().flat_map(|l| l.posted_by.iter().copied())));
    let opener_len = match s.as_bytes().first() {
        Some(first) if first.is_ascii() => table[usize::from(first.to_ascii_lowercase())].iter().find_map(opens_with),
        _ => LANGUAGES.iter().flat_map(|l| l.posted_by.iter()).find_map(opens_with),
    }?;
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
        let s = "Jenny11 18.10.2015 // 07:42";
        assert_eq!(&s[find_trailing_date(s).unwrap()..], "18.10.2015 // 07:42");
        assert_eq!(find_trailing_date("I went there in May"), None);
        // The window of 64 bytes starts inside or after multi-byte characters.
        for pad in 0..4 {
            let s = format!("{}{}Zoë ÄnnOctober 2, 2015 at 1:05 PM", "x".repeat(pad), "ä".repeat(30));
            assert_eq!(&s[find_trailing_date(&s).unwrap()..], "October 2, 2015 at 1:05 PM", "{s:?}");
        }
    }

    #[test]
    fn count_headings() {
        let h = scan_count_heading("15 Responses to Trouble In Derna").unwrap();
        assert_eq!(h.count, 15);
        assert_eq!(h.title_at, Some(16));
        assert_eq!(scan_count_heading("12 Kommentare").unwrap().count, 12);
        assert_eq!(scan_count_heading("One response to X").unwrap().count, 1);
        assert_eq!(scan_count_heading("Comments (15)").unwrap().count, 15);
        // A tab label, its count glued on or after a space.
        assert_eq!(scan_count_heading("Kommentare4").unwrap().count, 4);
        assert_eq!(scan_count_heading("Kommentare 4").unwrap().count, 4);
        assert_eq!(scan_count_heading("Comments 4 and counting"), None);
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
        // An avatar's placeholder and the date before a long name do not
        // count among the name's words.
        let s = "[5ee4] On October 12, 2012 at 11:30 am Our Long Road to the Coast said:";
        assert_eq!(scan_says(s).map(|(n, _)| &s[..n]), Some("[5ee4] On October 12, 2012 at 11:30 am Our Long Road to the Coast"));
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

    /// Every line a scanner accepts keeps that scanner's gate open.
    fn assert_gate_sound(t: &str) {
        let gate = LineGate::of(t);
        let line = format!("{t:?} ({gate:?})");
        assert!(gate.noise() || !is_noise(t), "noise {line}");
        assert!(gate.count_heading() || scan_count_heading(t).is_none(), "count {line}");
        assert!(gate.section_heading() || !is_section_heading(t), "section {line}");
        assert!(gate.form_start() || !is_form_start(t), "form {line}");
        assert!(gate.posted_by() || scan_posted_by(t).is_none(), "posted {line}");
        assert!(gate.says() || (!is_bare_says(t) && scan_says(t).is_none()), "says {line}");
        assert!(gate.on_date_name() || scan_on_date_name(t).is_none(), "on {line}");
        assert!(gate.date_start() || scan_date(t) == 0, "date start {line}");
        if !gate.trailing_furniture() {
            assert_eq!(trim_trailing_furniture(t), t.trim_end_matches(is_space), "trim {line}");
            assert!(gate.trailing_date() || find_trailing_date(t).is_none(), "trailing date {line}");
        }
    }

    /// `t` as written, in lower case, in upper case and with each word capitalised.
    fn case_variants(t: &str) -> Vec<String> {
        let title: String = t
            .split(' ')
            .map(|w| {
                let mut c = w.chars();
                c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(" ");
        vec![t.to_string(), t.to_lowercase(), t.to_uppercase(), title]
    }

    #[test]
    fn gates_open_for_every_table_phrase() {
        let mut lines = Vec::new();
        for lang in LANGUAGES {
            for w in lang.noise {
                lines.push(w.to_string());
                lines.push(format!("Ann May 2, 2019 {w}"));
            }
            for w in lang.form_starts.iter().chain(lang.section_headings) {
                lines.push(w.to_string());
                lines.push(format!("{w}:"));
            }
            for w in lang.count_nouns {
                lines.push(format!("12 {w} to A Title"));
                lines.push(format!("{w} (3)"));
                lines.push(format!("{w}4"));
            }
            for (w, _) in lang.number_words {
                for n in lang.count_nouns {
                    lines.push(format!("{w} {n} to X"));
                }
                for u in lang.time_units {
                    lines.push(format!("{w} {u} ago"));
                }
            }
            for w in lang.says {
                lines.push(format!("Ann Lee {w}:"));
                lines.push(format!("Ann {w}..."));
                lines.push(format!("{w}:"));
                lines.push(format!("Ann {w}: May 5, 2012 at 3:04 pm"));
            }
            for w in lang.posted_by {
                lines.push(format!("{w} Ann | May 20, 2012"));
            }
            for w in lang.author_date_joiners {
                lines.push(format!("{w} 2012-10-09 at 9:00 am Olaf"));
                lines.push(format!("{w}2012-10-09 Olaf"));
            }
            for names in lang.months {
                for m in *names {
                    lines.push(format!("{m} 3, 2014 at 2:48 am"));
                    lines.push(format!("Ann Lee 3 {m} 2014"));
                    lines.push(format!("Ann Lee{m} 3, 2014"));
                }
            }
            for w in lang.weekdays {
                lines.push(format!("{w}, 3 May 2014"));
                lines.push(format!("Ann 3 May 2014 {w}"));
            }
            for u in lang.time_units {
                for a in lang.ago_after {
                    lines.push(format!("an {u} {a}"));
                    lines.push(format!("Ann Lee 3 {u} {a}"));
                }
                for b in lang.ago_before {
                    lines.push(format!("{b} 3 {u}"));
                    lines.push(format!("Ann Lee {b} 3 {u}"));
                }
            }
        }
        for line in &lines {
            for variant in case_variants(line) {
                assert_gate_sound(&variant);
            }
        }
    }

    #[test]
    fn gates_open_for_every_fixture_line() {
        let mut checked = 0;
        for src in crate::testing::fixture_texts() {
            for line in crate::lines::scan(&src) {
                let text = crate::markup::visible_text(line.text(&src));
                let text = text.trim_matches(is_space);
                if text.is_empty() || text.len() > 240 {
                    continue;
                }
                for variant in case_variants(text) {
                    assert_gate_sound(&variant);
                    checked += 1;
                }
            }
        }
        assert!(checked > 1000, "only {checked} lines checked");
    }

    #[test]
    fn gates_close_for_prose() {
        for t in [
            "They long go family evening many my terrible of look or its remember",
            "Were family soup go day my would. They policy or or agree think of",
            "honestly she kitchen her for have neighbour.",
            "Can write government but question all always are look could time can go",
        ] {
            assert_eq!(LineGate::of(t), LineGate(0), "{t:?}");
        }
        // One open gate each: the line's start, its end, a verb before a colon.
        assert!(LineGate::of("May the force be with you").date_start());
        assert!(LineGate::of("it happened twelve days ago").trailing_date());
        assert!(LineGate::of("and then he says: well").says());
        assert!(!LineGate::of("and then he says well").says());
        assert_eq!(LineGate::of("Ann says …"), LineGate::OPEN);
    }

    #[test]
    fn word_index_knows_the_tables() {
        let index = word_index();
        assert_ne!(index.roles(b"May") & role::MONTH, 0);
        assert_ne!(index.roles(b"OKTOBER") & role::MONTH, 0);
        assert_eq!(index.roles(b"mayo") & role::WEEKDAY, 0);
        assert_ne!(index.roles(b"says") & role::SAYS, 0);
        assert_ne!(index.roles(b"leave") & role::FORM, 0);
        assert_eq!(index.roles(b"leaves"), 0);
        assert_eq!(index.exact_roles("a.m"), None);
        assert_eq!(index.exact_roles("averyveryverylongword"), None);
        assert!(index.tail.may_end(b"ann replydelete"));
        assert!(!index.tail.may_end(b"neighbour"));
        for verb in LANGUAGES.iter().flat_map(|l| l.says.iter()) {
            let last = verb.rsplit(' ').next().unwrap_or(verb);
            if last.bytes().all(|b| b.is_ascii_alphabetic()) {
                let line = format!("Ann {}:", last.to_ascii_uppercase());
                assert!(index.may_end_says_word(line.as_bytes(), line.len() - 1), "{verb:?}");
            }
        }
        // Every indexed word is found with its roles, in any case and at
        // any place of a line, and the tables stay at most half full (a
        // full one would make the probing loop forever).
        let short = index.short_slots.iter().filter(|(key, _)| *key != 0).map(|&(key, roles)| (u128::from(key), roles));
        let long = index.slots.iter().filter(|(key, _)| *key != 0).copied();
        assert!(2 * short.clone().count() <= index.short_slots.len() && 2 * long.clone().count() <= index.slots.len());
        assert!(long.clone().all(|(key, _)| key >> 64 != 0), "a long table word of up to eight bytes");
        for (key, roles) in short.chain(long) {
            let word: Vec<u8> = key.to_le_bytes().into_iter().take_while(|&b| b != 0).collect();
            for line in [
                word.clone(),
                word.to_ascii_uppercase(),
                [b"Ann Lee ".as_slice(), &word, b" x"].concat(),
                [b"a ".as_slice(), &word].concat(),
            ] {
                let start = line.windows(word.len()).position(|w| w.eq_ignore_ascii_case(&word)).expect("the word");
                assert_eq!(index.roles_in(&line, start, start + word.len()), roles, "{:?}", String::from_utf8_lossy(&line));
            }
        }
        for word in [b"neighbour".as_slice(), b"x", b"abcdefgh", b"Mays", b"sayss", b"abcdefghi"] {
            assert_eq!(index.roles(word), 0, "{:?}", String::from_utf8_lossy(word));
        }
        let prose = b"the neighbour, a kitchen. government:";
        let ends = prose.iter().enumerate().filter(|(_, b)| matches!(b, b',' | b'.' | b':')).map(|(i, _)| i);
        let refused = ends.filter(|&end| !index.may_end_says_word(prose, end)).count();
        assert!(refused >= 2, "the says filter refuses too little");
    }

    #[test]
    fn ascii_runs_eight_bytes_at_a_time() {
        let lines = [
            "",
            "a",
            "Ab",
            "ab cd",
            "government",
            "governments and kitchens",
            "x 12",
            "Theo VOctober",
            "2:48 am",
            "abcdefgh",
            "abcdefghi",
            " abcdefgh",
            "a1b2c3d4e5",
            "Ann Lee, 12.",
            "MAY",
            "so.",
            "Reply",
            "[IMG]",
            "well.Down",
            "1234567",
        ];
        for line in lines {
            let bytes = line.as_bytes();
            for at in 0..=bytes.len() {
                let letters = bytes[at..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
                assert_eq!(ascii_letters_from(bytes, at), letters, "{line:?} from {at}");
                let start = at - bytes[..at].iter().rev().take_while(|b| b.is_ascii_alphanumeric()).count();
                let run = &bytes[start..at];
                let expected = AlnumRun {
                    start,
                    has_digit: run.iter().any(u8::is_ascii_digit),
                    has_inner_upper: run.iter().skip(1).any(u8::is_ascii_uppercase),
                };
                assert_eq!(ascii_alnum_run_before(bytes, at), expected, "{line:?} before {at}");
            }
        }
        // Every ASCII byte is classified as the standard tests do.
        let all: Vec<u8> = (0..128).collect();
        for chunk in all.chunks(8) {
            let x = load8(chunk);
            for (i, b) in chunk.iter().enumerate() {
                let bit = 0x80u64 << (8 * i);
                assert_eq!(ascii_letter_bits(x) & bit != 0, b.is_ascii_alphabetic(), "{b}");
                assert_eq!(ascii_bytes_in(x, b'0', b'9') & bit != 0, b.is_ascii_digit(), "{b}");
                assert_eq!(ascii_bytes_in(x, b'A', b'Z') & bit != 0, b.is_ascii_uppercase(), "{b}");
            }
        }
    }

    #[test]
    fn digits_near_the_end_are_seen() {
        let long = format!("1{}", "x".repeat(64));
        for s in ["", "abc", "abc 7", "7 abc defgh", "°±²³ x", "\u{b0}\u{b9}", long.as_str(), &long[1..], "Zoë 2012"] {
            let expected = s.as_bytes()[s.len().saturating_sub(64)..].iter().any(u8::is_ascii_digit);
            assert_eq!(has_digit_near_end(s), expected, "{s:?}");
        }
    }

    #[test]
    fn first_space_decodes_only_where_needed() {
        for s in ["", "Ann", "Ann Lee", "Ann\tLee", "Zoë Lee", "Zoë\u{a0}Lee", "Ann\u{2009}", "ä", " x", "über alles"] {
            assert_eq!(first_space(s), s.find(is_space).unwrap_or(s.len()), "{s:?}");
        }
    }

    #[test]
    fn relative_openers_are_date_openers() {
        // `find_trailing_date` relies on it when it tries relative dates only.
        let index = word_index();
        let both = role::RELATIVE_START | role::DATE_START;
        let roles = index.slots.iter().map(|s| s.1).chain(index.first_byte_roles).chain([index.long_roles]);
        for r in roles.chain(index.prefix_words.iter().map(|p| p.1)) {
            assert!(r & both == 0 || r & role::DATE_START != 0, "{r:b}");
        }
        assert_ne!(index.roles(b"an") & role::RELATIVE_START, 0);
        assert_eq!(scan_date(""), 0);
    }

    #[test]
    fn quick_date_end_refusals_read_ascii_bytes_as_characters() {
        // A no-break space at the end is trimmed as date punctuation but
        // sends the line down the character path: both paths must agree.
        for s in [
            "it rained for a day",
            "gone three hours AGO",
            "Theo VOctober",
            "at 5 PM",
            "AnnMay",
            "in May",
            "prose ends here",
            "x 12",
            "it was Sunday:",
            "waited a.m.",
            "a Septemberseptember",
            "thirteen MONTHS)",
            "",
        ] {
            let other = format!("{s}\u{a0}");
            assert_eq!(may_end_with_date(s), may_end_with_date(&other), "{s:?}");
            assert_eq!(may_end_with_relative_date(s), may_end_with_relative_date(&other), "{s:?}");
        }
        assert!(may_end_with_date("Theo VOctober"));
        assert!(may_end_with_date("at 5 PM."));
        assert!(!may_end_with_date("I went there in summer"));
        assert!(!may_end_with_date("made by hand"));
        assert!(may_end_with_relative_date("for three DAYS."));
        assert!(may_end_with_relative_date("vor 3 Tagen"));
        assert!(!may_end_with_relative_date("good days ahead"));
        assert!(!may_end_with_relative_date("..."));
    }

    #[test]
    fn a_whole_date_settles_the_trailing_date() {
        for s in
            ["January 27, 2014 at 2:48 am", "10/28/12 5:33 PM", "May 5", "3 days ago", "22. Dezember 2019 um 11:16 Uhr", "2012-10-28 14:02"]
        {
            assert_eq!(scan_date(s), s.len(), "{s:?}");
            assert_eq!(trailing_date_of_whole_date(s), Some(find_trailing_date(s)), "{s:?}");
        }
        let long = "Thursday, November 08, 2012 at 01:26 PM Thursday, November 08, 2012";
        assert_eq!(trailing_date_of_whole_date(long), None);
        assert_eq!(date_then_furniture("17.10.2019, 14:14 Zitieren", 17), 17);
        assert_eq!(date_then_furniture("17.10.2019, 14:14 Ann", 17), 0);
    }

    #[test]
    fn noise_phrases_by_look_up_and_by_table() {
        let long = "Your comment is awaiting MODERATION.";
        for t in ["Reply", "LIKE THIS", "Like Like", "flag", "Antworten", "Gefällt mir", "Reply ↓", long, "Like | Reply", "+1 like"] {
            assert!(is_noise(t), "{t:?}");
        }
        for t in ["Replying", "Like that", "Flags", "I would like", "Nobody could reply"] {
            assert!(!is_noise(t), "{t:?}");
        }
    }

    #[test]
    fn dates_to_the_end_are_foreseen() {
        for s in ["22. Oktober 2019 um 11:16 Uhr", "1. May 5, 2012 at 3:04 p.m.", "12 days ago", "2012-10-28 14:02!"] {
            assert!(scan_date(s) + 1 >= s.len(), "{s:?}");
            assert!(may_be_date_to_end(s), "{s:?}");
        }
        assert!(!may_be_date_to_end("1. Jayne Vossen says:"));
        assert!(!may_be_date_to_end("2. Ann wrote this"));
    }

    #[test]
    fn furniture_runs_end_with_a_phrase() {
        assert!(is_furniture_run("reply ↓ like"));
        assert!(is_furniture_run("zum antworten anmelden zitieren #"));
        assert!(!is_furniture_run("reply to all the people"));
        assert!(!is_furniture_run("skip to content"));
        // Ends like "in reply to", opens with no phrase.
        assert!(!is_furniture_run("believe now kitchen many part i made into"));
        assert!(is_furniture_run("+1 like"));
    }
    /// Lines that the fast paths must read as the general ones do: dates in
    /// several forms and cases, near misses, glued tokens, suffixes, long
    /// numbers, words of 14 to 17 bytes, and lines of 7, 8, 9, 16 and 64 bytes.
    fn tricky_lines() -> Vec<String> {
        let mut lines: Vec<String> = [
            "February 8, 2014 at 9:05 pm",
            "FEBRUARY 8, 2014 AT 9:05 PM",
            "february 8th, 2014 @ 9:05pm",
            "10/28/12 5:33 PM",
            "2012-10-28 14:02",
            "22. Dezember 2019 um 11:16 Uhr",
            "May 5",
            "May",
            "Thursday, November 08, 2012",
            "Thu Nov 8 2012 a.m.",
            "May 2, 2012 at 9:05 p.m.",
            "Mai 3",
            "3 days ago",
            "an hour ago",
            "12345 May",
            "May 12345",
            "May 2101",
            "May 2100",
            "1st May",
            "2nd of May",
            "3xx May",
            "Septemberrrrrrrrr 3",
            "abcdefghijklmno 3",
            "abcdefghijklmnop 3",
            "Sept. 3, 2012",
            "3 Sept.",
            "at May 3",
            ", May 3",
            "pm May 3",
            "Ann Lee May 2, 2012",
            "Ann LeeMay 2, 2012",
            "Jenny11 18.10.2015 // 07:42",
            "Jenny11 18.10.2015",
            "x 12",
            "May3",
            "3May",
            "1234567",
            "12345678",
            "May 2, 2012 | 9:05",
            "May 2 2012 Reply",
            "10/28/12",
            "10-28-12 5:33",
            "[May 2, 2012]",
            "May 2, 2012.",
            "on May 2, 2012 at 9:05 pm Ann",
            "Ann Lee on September 2, 2012 at 8:06 pm",
            "so may",
            "picture day",
            "in 2014.",
            "i made it in May",
            "at",
            "",
            "a",
            "7",
            "ab",
            "May  2,\t2012",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        lines.push(format!("{}May 2, 2012", "x".repeat(37)));
        lines.push(format!("{} May 2, 2012", "word ".repeat(10)));
        lines
    }

    #[test]
    fn ascii_calendar_dates_read_as_tokens_read_them() {
        for s in tricky_lines() {
            for t in case_variants(&s) {
                let by_tokens = absolute_date_of(tokens(&t).map(|token| (date_piece(token.text), token.end)));
                assert_eq!(ascii_absolute_date(t.as_bytes()), by_tokens, "{t:?}");
                assert_eq!(scan_absolute_date(&t), by_tokens, "{t:?}");
            }
        }
        // Fixture lines and every byte value at the start, middle and end of
        // lines of every length (see `gate_test_lines`), read from each place.
        for t in gate_test_lines().iter().filter(|t| t.is_ascii()) {
            for from in [0, t.len() / 3, t.len() / 2] {
                let t = &t[from..];
                let by_tokens = absolute_date_of(tokens(t).map(|token| (date_piece(token.text), token.end)));
                assert_eq!(ascii_absolute_date(t.as_bytes()), by_tokens, "{t:?}");
                assert_eq!(scan_absolute_date(t), by_tokens, "{t:?}");
            }
        }
    }

    #[test]
    fn a_clock_date_reads_as_the_full_reading_reads_it() {
        let index = word_index();
        let mut lines: Vec<String> = tricky_lines().into_iter().chain(random_date_lines(4000)).collect();
        for month in ["January", "september", "MAY", "Mai", "Dezember", "Monday", "Janu", "Sept", "xyz", "Septembers", "Septemberish"] {
            for day in ["1", "28", "123", ""] {
                for year in ["2014", "2100", "2101", "201", "20145"] {
                    for joiner in ["at", "um", "the", "AT", "", "a"] {
                        for time in ["1:00", "12:59", "123:00", "1:0", "1:000", ":00"] {
                            for last in ["am", "PM", "pm.", "Uhr", "May", "monday", "", "amx", "a"] {
                                lines.push(format!("{month} {day}, {year} {joiner} {time} {last}"));
                            }
                        }
                    }
                }
            }
        }
        lines.extend(
            ["January 28,2014 at 1:00 am", "January 28, 2014 at 1:00 am ", "January  28, 2014 at 1:00 am", "January 28, 2014 at 1:00am"]
                .map(String::from),
        );
        // The line need not be ASCII (the date reader is asked before that is known).
        lines.extend(
            [
                "Jänuary 28, 2014 at 1:00 am",
                "January 28, 2014 at 1:00 ämm",
                "January 28, 2014 ät 1:00 am",
                "März 28, 2014 at 1:00 am",
                "May 2, 2014 à 1:00 am",
            ]
            .map(String::from),
        );
        let mut fast = 0;
        for line in &lines {
            if let Some(date) = clock_date_reading(index, line.as_bytes()) {
                assert_eq!(date, ascii_date_reading(line.as_bytes()), "{line:?}");
                fast += 1;
            }
        }
        // The common form is read the fast way (else the test proves nothing).
        assert!(clock_date_reading(index, b"January 28, 2014 at 1:00 am").is_some());
        assert!(fast > 1000, "{fast}");
    }

    /// Lines made of date pieces and near misses in random order and case,
    /// with and without spaces between them: what a date reader must read
    /// as the token reading does. A fixed xorshift seed keeps them the same.
    fn random_date_lines(count: usize) -> Vec<String> {
        let pieces = [
            "January",
            "jan",
            "SEPT",
            "Mai",
            "may",
            "Dezember",
            "Monday",
            "thu",
            "so",
            "am",
            "PM",
            "a",
            "m",
            "p",
            "at",
            "um",
            "de",
            "the",
            "uhr",
            "of",
            "1",
            "28",
            "2014",
            "2100",
            "2101",
            "12345",
            "007",
            "1st",
            "2ND",
            "3rd",
            "4th",
            "5h",
            "6am",
            "7pm",
            "8x",
            "9abc",
            "10",
            "99",
            ",",
            ".",
            "/",
            ":",
            "-",
            "|",
            "@",
            "[",
            "]",
            ";",
            "(",
            "x",
            "Ann",
            "says",
            "Septemberrrrrrrr",
            "abcdefghijklmn",
            "abcdefghijklmno",
            "\u{e9}",
        ];
        let gaps = ["", " ", " ", " ", "  ", "\t", " \t"];
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |below: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % below as u64) as usize
        };
        (0..count)
            .map(|_| {
                let mut line = String::new();
                for _ in 0..1 + next(12) {
                    line.push_str(gaps[next(gaps.len())]);
                    let piece = pieces[next(pieces.len())];
                    match next(4) {
                        0 => line.push_str(&piece.to_uppercase()),
                        _ => line.push_str(piece),
                    }
                }
                line
            })
            .collect()
    }

    #[test]
    fn random_date_pieces_read_as_tokens_read_them() {
        let mut dates = 0;
        for t in random_date_lines(200_000) {
            let by_tokens = absolute_date_of(tokens(&t).map(|token| (date_piece(token.text), token.end)));
            assert_eq!(scan_absolute_date(&t), by_tokens, "{t:?}");
            dates += usize::from(by_tokens > 0);
        }
        assert!(dates > 10_000, "only {dates} dates");
    }

    #[test]
    fn gated_dates_agree_with_scan_date() {
        for s in tricky_lines() {
            for t in case_variants(&s).iter().map(String::as_str).chain(["\u{e9}t\u{e9} May 3", "Mai 3 \u{e9}"]) {
                for gate in [LineGate::of(t), LineGate::OPEN] {
                    if !gate.date_start() {
                        continue;
                    }
                    let (n, settles) = scan_gated_date(t, gate);
                    assert_eq!(n, scan_date(t), "{t:?}");
                    if settles {
                        assert_eq!(trailing_date_of_whole_date(t), Some(Some(0)), "{t:?}");
                        assert_eq!(find_trailing_date(t), Some(0), "{t:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn ascii_trailing_date_search_agrees_with_the_character_search() {
        // A non-ASCII word far before the window sends the search down the
        // character path without changing what the window holds.
        let pad = format!("\u{e9}{}", " ".repeat(64));
        for s in tricky_lines() {
            for t in case_variants(&s) {
                let by_chars = find_trailing_date(&format!("{pad}{t}")).map(|at| at - pad.len());
                assert_eq!(find_trailing_date(&t), by_chars, "{t:?}");
            }
        }
    }

    #[test]
    fn dates_to_the_end_are_foreseen_on_bytes() {
        // The reading before the byte paths, as the reference.
        fn reference(s: &str) -> bool {
            let bytes = s.as_bytes();
            if !bytes.is_ascii() {
                return true;
            }
            let n = bytes.len();
            [n, n.saturating_sub(1)].into_iter().filter(|&end| end > 0).any(|end| {
                let start = end - bytes[..end].iter().rev().take_while(|b| b.is_ascii_alphanumeric()).count();
                bytes[end - 1] == b'.'
                    || start < end
                        && (bytes[start..end].iter().any(u8::is_ascii_digit)
                            || word_index().roles_in(bytes, start, end) & role::DATE_END != 0)
            })
        }
        for s in tricky_lines().iter().map(String::as_str).chain(["1. Ann says:", "3. p.m", "x.", ".", "Ann\u{e9}"]) {
            for t in case_variants(s) {
                assert_eq!(may_be_date_to_end(&t), reference(&t), "{t:?}");
            }
        }
        assert_eq!(trim_start_spaces(" \t\u{a0} 3. May"), "3. May");
        assert_eq!(trim_start_spaces("  3. May "), "3. May ");
        assert_eq!(trim_start_spaces(""), "");
    }

    #[test]
    fn unmarked_gates_are_the_gates_of_lines_without_markup() {
        let markup = ["[Ann](http://a) says:", "**Ann** says:", "Ann_Lee says:", "a\\b", "x^2", "Ann*", "]", "_", "abcdefgh]"];
        let plain =
            ["Ann says:", "Reply", "February 8, 2014 at 9:05 pm", "a [b] (c)", "Hello, world.", "abcdefgh", "abcdefg", "1+1-2=0 {x}|~"];
        for t in markup {
            assert_eq!(LineGate::of_unmarked(t), None, "{t:?}");
        }
        for t in plain.iter().copied().chain(tricky_lines().iter().map(String::as_str)) {
            if t.is_ascii() && !t.bytes().any(|b| matches!(b, b'\\' | b']' | b'^' | b'_' | b'*')) {
                assert_eq!(LineGate::of_unmarked(t), Some(LineGate::of(t)), "{t:?}");
                assert!(!crate::markup::has_markup(t), "{t:?}");
            }
        }
        assert_eq!(LineGate::of_unmarked("Gef\u{e4}llt mir"), None);
        // Every byte value: the one-test pass agrees with the two exact tests.
        for b in 0u8..0x80 {
            let x = u64::from(b) << 24 | u64::from(b'a');
            assert_eq!(
                ascii_may_hold_marks(x),
                ascii_says_ends(x) | markup_bytes(x) != 0 || (0x2A..=0x3A).contains(&b) || (0x7C..=0x7F).contains(&(b | 0x20)),
                "{b:#x}"
            );
            assert_eq!(ascii_says_ends(x) != 0, matches!(b, b',' | b'.' | b':'), "{b:#x}");
            assert_eq!(markup_bytes(x) != 0, matches!(b, b'\\' | b']' | b'^' | b'_' | b'*'), "{b:#x}");
            if ascii_says_ends(x) | markup_bytes(x) != 0 {
                assert!(ascii_may_hold_marks(x), "{b:#x}");
            }
        }
    }

    /// Lines to compare two readings of a gate on: every fixture line's
    /// visible text in several cases, the tricky date lines, and lines of
    /// every length up to 44 with each ASCII byte value and a few
    /// non-ASCII characters put at their start, middle and end.
    fn gate_test_lines() -> Vec<String> {
        let mut lines: Vec<String> = tricky_lines().iter().flat_map(|t| case_variants(t)).collect();
        for src in crate::testing::fixture_texts() {
            for line in crate::lines::scan(&src) {
                let text = line.text(&src).trim_matches(is_space);
                if !text.is_empty() && text.len() <= 240 {
                    lines.extend(case_variants(text));
                    lines.extend(case_variants(&crate::markup::visible_text(text)));
                }
            }
        }
        let template = "Ann Lee says: May 2, 2012 at 9:05 pm. Reply";
        let odd = ['\u{e9}', '\u{2026}', '\u{a0}', '\u{1f600}'];
        let fillers: Vec<char> = (0u8..0x80).map(char::from).chain(odd).collect();
        for len in 0..=template.len() {
            let base = &template[..len];
            for at in [0, len / 2, len.saturating_sub(1)] {
                for &c in &fillers {
                    let mut t: String = base.chars().take(at).collect();
                    t.push(c);
                    t.extend(base.chars().skip(at + 1));
                    lines.push(t);
                }
            }
        }
        lines
    }

    #[test]
    fn gate_reading_agrees_with_the_first_reading() {
        let lines = gate_test_lines();
        assert!(lines.len() > 10_000, "only {} lines", lines.len());
        for t in &lines {
            for markup in [false, true] {
                // The faster reading answers for the same lines and may
                // only close gates the first one opened (its soundness is
                // checked below); it opens the same opener and says gates.
                let (new, first) = (LineGate::read(t, markup), LineGate::read_reference(t, markup));
                assert_eq!(new.is_some(), first.is_some(), "{t:?} markup {markup}");
                if let (Some(new), Some(first)) = (new, first) {
                    assert_eq!(new.0 & !first.0, 0, "{t:?} markup {markup}: {new:?} {first:?}");
                    let kept = LineGate::OPENERS | LineGate::SAYS;
                    assert_eq!(new.0 & kept, first.0 & kept, "{t:?} markup {markup}: {new:?} {first:?}");
                }
            }
            assert_gate_sound(t);
        }
        // Every byte value: the one test of a run of eight bytes agrees with
        // the exact tests it stands for.
        for b in 0u8..=0xFF {
            for lane in 0..8 {
                let x = u64::from(b) << (8 * lane) | (LANES * u64::from(b'a')) & !(0xFF << (8 * lane));
                let exact = b >= 0x80 || ascii_may_hold_marks(x);
                assert_eq!(ascii_may_hold_marks_or_high(x), exact, "{b:#x} in lane {lane}");
            }
        }
    }

    #[test]
    fn noise_refused_by_the_first_word_is_refused_by_is_noise() {
        // Every gate test line, and each noise phrase inside prose, after
        // it, before it and alone, in several cases: where the gate's
        // first-word test refuses a line, `is_noise` refuses it too.
        let index = word_index();
        let mut lines = gate_test_lines();
        for lang in LANGUAGES {
            for p in lang.noise {
                for t in [
                    format!("{p} and then some words"),
                    format!("Some words before the {p}"),
                    format!("{p} {p} {p} {p}"),
                    format!("{p}. More text after it, {p}"),
                ] {
                    lines.extend(case_variants(&t));
                }
            }
        }
        let mut refused = 0;
        for t in &lines {
            if LineGate::refuses_noise(index, t) {
                refused += 1;
                assert!(!is_noise(t), "{t:?}");
            }
        }
        assert!(refused > 1000, "only {refused} lines refused");
        assert!(LineGate::refuses_noise(index, "Some words about the comment"));
        assert!(!LineGate::refuses_noise(index, "Reply"));
    }

    /// [`is_form_start`] as first written: the line folded, then its start
    /// compared with every form start.
    fn is_form_start_by_folding(s: &str) -> bool {
        if s.trim_start_matches(is_space).starts_with("____") {
            return true;
        }
        if s.len() > 120 {
            return false;
        }
        let folded = fold(s.trim_matches(is_space));
        LANGUAGES.iter().flat_map(|l| l.form_starts.iter()).any(|f| match folded.strip_prefix(f) {
            Some(rest) if f.contains(' ') => rest.chars().next().is_none_or(|c| !c.is_alphanumeric()),
            Some(rest) => rest.trim_matches(|c: char| is_space(c) || matches!(c, ':' | '.' | '!')).is_empty(),
            None => false,
        })
    }

    #[test]
    fn form_starts_are_found_without_folding_ascii_lines() {
        let mut lines = gate_test_lines();
        for f in LANGUAGES.iter().flat_map(|l| l.form_starts.iter()) {
            for line in [f.to_string(), format!("{f}:"), format!("{f} now"), format!("{f}x"), format!("  {f}!  "), format!("{f}\u{e9}")] {
                lines.extend(case_variants(&line));
            }
        }
        for t in &lines {
            assert_eq!(is_form_start(t), is_form_start_by_folding(t), "{t:?}");
        }
    }

    #[test]
    fn date_ends_are_found_by_their_own_shapes() {
        let index = word_index();
        let words = LANGUAGES
            .iter()
            .flat_map(|l| {
                l.months.iter().flat_map(|m| m.iter()).chain(l.weekdays).chain(l.time_units).chain(l.ago_after).chain(l.says).chain(l.noise)
            })
            .copied()
            .chain(["says", "am", "PM", "a", "may", "so", "x", "abcdefghijklmnopq", "Uhr", "ago", "days"]);
        for w in words.filter(|w| w.is_ascii()) {
            for t in case_variants(w) {
                let b = t.as_bytes();
                assert_eq!(index.ends_dates(b, 0, b.len()), index.roles_in(b, 0, b.len()) & role::DATE_END != 0, "{t:?}");
            }
        }
    }

    #[test]
    fn the_tail_filter_passes_every_furniture_ending() {
        let index = word_index();
        for w in furniture_last_words().iter().filter(|w| w.is_ascii()) {
            for line in [w.to_string(), w.to_uppercase(), format!("Ann {w}"), format!("x{w}")] {
                assert!(index.tail.may_end(line.as_bytes()), "{line:?}");
            }
        }
    }
}
