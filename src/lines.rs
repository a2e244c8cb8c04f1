//! Line scanning: the first pass over the input.
//!
//! Splits the text into [`Line`]s (any of `\n`, `\r\n`, `\r` ends one) and
//! measures what every later pass needs without looking at words: how far
//! the line is indented (tabs and Unicode spaces included), whether it opens
//! with a list marker (`1.`, `•`, `*`, `-`, …) and where its text starts and ends.
//! The lines cover the input exactly: each line's `start` is the previous
//! line's `next`.

use std::mem::MaybeUninit;

/// Columns a tab advances to (the next multiple of this).
pub const TAB_WIDTH: u32 = 8;

/// A list marker that opens a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    /// A numbered item: `1.`, `12)`.
    Number(u32),
    /// A bullet: `•`, `*`, `-`, `+`, `◦`, `▪`, `‣`, `o` and their kin.
    Bullet(char),
}

/// The largest input the line scanner measures: offsets are kept as `u32`
/// so that a line takes 24 bytes, not 56 (a megabyte of text holds some
/// 30,000 lines). [`crate::parse`] refuses larger texts with a diagnostic.
pub const MAX_INPUT: usize = u32::MAX as usize;

/// One line of the input with its measurements. Offsets are byte offsets,
/// stored as `u32` (see [`MAX_INPUT`]) and read through methods as `usize`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    start: u32,
    end: u32,
    text_start: u32,
    text_end: u32,
    /// Visual columns of indentation, capped at `u16::MAX`: no rendering
    /// indents that far, and the cap keeps a line at 24 bytes.
    indent: u16,
    marker: PackedMarker,
    heading: u8,
    /// Bytes of the line terminator: 0 (end of input), 1 or 2 (`\r\n`).
    terminator: u8,
}

/// A list marker in four bytes: 0 for none, `n + 1` for the number `n`
/// (at most six digits), the bullet's scalar value with the top bit set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct PackedMarker(u32);

impl PackedMarker {
    const BULLET: u32 = 1 << 31;

    fn pack(marker: Option<Marker>) -> PackedMarker {
        PackedMarker(match marker {
            None => 0,
            Some(Marker::Number(n)) => n + 1,
            Some(Marker::Bullet(c)) => PackedMarker::BULLET | c as u32,
        })
    }

    fn unpack(self) -> Option<Marker> {
        match self.0 {
            0 => None,
            v if v & PackedMarker::BULLET != 0 => char::from_u32(v & !PackedMarker::BULLET).map(Marker::Bullet),
            v => Some(Marker::Number(v - 1)),
        }
    }
}

impl Line {
    /// Offset of its first byte.
    #[inline]
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// Offset of its line terminator (or of the end of the input).
    #[inline]
    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// Offset of the next line's first byte (after the terminator).
    #[inline]
    pub fn next(&self) -> usize {
        self.end as usize + self.terminator as usize
    }

    /// Offset of the first byte of text (after indentation and marker).
    #[inline]
    pub fn text_start(&self) -> usize {
        self.text_start as usize
    }

    /// Offset one past the last non-space byte of the line.
    #[inline]
    pub fn text_end(&self) -> usize {
        self.text_end as usize
    }

    /// Visual columns of leading white space.
    #[inline]
    pub fn indent(&self) -> u32 {
        u32::from(self.indent)
    }

    /// The same line placed at another column (capped like a measured
    /// one): a dialect that knows where a rendering lost a line's
    /// indentation sets it back.
    pub fn with_indent(self, indent: u32) -> Line {
        Line { indent: indent.min(u32::from(u16::MAX)) as u16, ..self }
    }

    /// The list marker after the indentation, if any.
    #[inline]
    pub fn marker(&self) -> Option<Marker> {
        self.marker.unpack()
    }

    /// True when the line opens with a list marker.
    #[inline]
    pub fn has_marker(&self) -> bool {
        self.marker.0 != 0
    }

    /// The level of a Markdown heading ("## Title" is 2), as html2text writes
    /// headings; 0 for other lines. Its hashes are not part of the text.
    #[inline]
    pub fn heading(&self) -> u8 {
        self.heading
    }

    /// True when the line holds only white space.
    #[inline]
    pub fn is_blank(&self) -> bool {
        self.text_start >= self.text_end && self.marker.0 == 0
    }

    /// The text of the line without indentation, marker and trailing space.
    #[inline]
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        if self.text_start >= self.text_end {
            ""
        } else {
            &src[self.text_start()..self.text_end()]
        }
    }

    /// The visual column of byte `offset` of this line (tabs to the next stop).
    pub fn column_at(&self, src: &str, offset: usize) -> u32 {
        let mut cols = 0u32;
        for c in src[self.start()..offset.clamp(self.start(), self.end())].chars() {
            cols = match c {
                '\t' => (cols / TAB_WIDTH + 1) * TAB_WIDTH,
                '\u{200b}' | '\u{feff}' | '\u{200e}' | '\u{200f}' => cols,
                _ => cols.saturating_add(1),
            };
        }
        cols
    }

    /// The whole line without its terminator.
    pub fn raw<'a>(&self, src: &'a str) -> &'a str {
        &src[self.start()..self.end()]
    }
}

/// True for the characters that the parser treats as a space: ASCII
/// space and tab, and the Unicode spaces that copies from browsers leave
/// (no-break, en/em, thin, ideographic, …) plus the zero-width ones.
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200b}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{feff}' | '\u{200e}' | '\u{200f}'
    )
}

/// Splits `src` into lines and measures each. Never fails; an empty input gives no line.
///
/// # Panics
/// When `src` is longer than [`MAX_INPUT`]; [`crate::parse`] checks first.
pub fn scan(src: &str) -> Vec<Line> {
    scan_then(src, |_| NoReading).lines
}

/// What a dialect reads from every line as [`scan_then`] measures it: on
/// the thread that measured the line, right after, while its bytes are
/// still in cache (a second pass over a megabyte of lines would fetch them
/// again, and start and wait for a thread of its own).
pub trait LineReader: Send {
    /// What the reader keeps of one line, in a list beside the lines.
    type Mark: Copy + Send;
    /// Reads `line` of `src`. Lines come in the order of the text, each
    /// once, but for one case (see [`scan_in_chunks`]): when a wrapped link
    /// carried a line over a chunk's start, the first reader is given the
    /// chunk's lines from that line's end again, after the chunks, and the
    /// marks it gives then are the ones kept. So the mark must depend on
    /// the line alone, not on the lines read before it.
    fn read(&mut self, src: &str, line: &Line) -> Self::Mark;
}

/// The reader of a plain [`scan`]: it keeps nothing (a list of `()` takes no memory).
struct NoReading;

impl LineReader for NoReading {
    type Mark = ();

    #[inline(always)]
    fn read(&mut self, _src: &str, _line: &Line) {}
}

/// What [`scan_then`] gives: the lines, each line's mark, and the readers
/// that made the marks with what they gathered.
pub struct Scanned<R: LineReader> {
    /// Every line of the text, as [`scan`] gives them.
    pub lines: Vec<Line>,
    /// The mark of each line, at the line's index.
    pub marks: Vec<R::Mark>,
    /// The reader of the calling thread: of every line when the text was
    /// read in one pass, else of the chunks this thread took (see
    /// [`scan_in_chunks`]).
    pub first: R,
    /// When the text was read in chunks on two threads: the reader of the
    /// chunks the second thread took. Each line's mark is the one a reader
    /// gave it; a reader may also have read lines that were measured again
    /// (a wrapped link carried over a chunk's end), whose marks were dropped.
    pub second: Option<R>,
}

/// Which lines a reader that [`scan_then`] makes is to read, with the
/// room the lists have (see [`line_room`]), so that a reader can size
/// what it keeps once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// Every line, in one pass.
    Whole,
    /// The chunks one of the two threads takes, in the order of the text,
    /// and (for the calling thread's reader, `first`) the lines measured
    /// again after the chunks are done: at most `room` lines in all.
    Chunks {
        /// The room of the lists: no reader reads more lines than this.
        room: usize,
        /// True for the calling thread's reader.
        first: bool,
    },
}

/// [`scan`], handing every line to a [`LineReader`] as soon as it is
/// measured. `new_reader` makes the readers, on the calling thread (so
/// that the second thread allocates little, see [`crate::par`]), told
/// which lines each will read. Lines and marks are the same either
/// way; only what each reader saw differs (see [`Scanned::second`]).
///
/// # Panics
/// When `src` is longer than [`MAX_INPUT`]; [`crate::parse`] checks first.
pub fn scan_then<R: LineReader>(src: &str, new_reader: impl Fn(Reading) -> R) -> Scanned<R> {
    assert!(u32::try_from(src.len()).is_ok(), "lines::scan takes at most 4 GiB");
    let bytes = src.as_bytes();
    if crate::par::worth_splitting(bytes.len()) {
        let starts = chunk_starts(bytes, (bytes.len() / CHUNK_BYTES).clamp(2, MAX_CHUNKS));
        if starts.len() > 2 {
            if let Some(scanned) = scan_in_chunks(src, &starts, &new_reader) {
                return scanned;
            }
        }
    }
    scan_in_one_pass(src, new_reader(Reading::Whole))
}

/// [`scan_then`] in one pass, with one reader.
fn scan_in_one_pass<R: LineReader>(src: &str, mut reader: R) -> Scanned<R> {
    // Counting the lines first sizes the lists once instead of doubling them.
    let room = line_room(src.as_bytes());
    let (mut lines, mut marks) = (crate::pages::list_with_capacity(room), crate::pages::list_with_capacity(room));
    scan_rest(src, 0, &mut lines, &mut marks, &mut reader);
    Scanned { lines, marks, first: reader, second: None }
}

/// Pushes the lines from `start` (a line's start) to the end of `src`, and their marks.
fn scan_rest<R: LineReader>(src: &str, mut start: usize, lines: &mut Vec<Line>, marks: &mut Vec<R::Mark>, reader: &mut R) {
    let search = LineSearch::new();
    while start < src.len() {
        let line = search.measure_line(src, start);
        start = line.next();
        marks.push(reader.read(src, &line));
        lines.push(line);
    }
}

/// The size of the chunks a text read on two threads is cut into: small
/// enough that the thread that finishes first waits at most for one chunk
/// of the other's (some 60 µs), large enough that a chunk's bookkeeping
/// is lost in its lines. (On this project's 2-core virtual machine the
/// same half of a text took from 11 to 25 ms from one parse to the next,
/// on either core: fixed halves made the faster thread wait for the
/// slower, 2.6 ms in a 10 MB parse on average.)
const CHUNK_BYTES: usize = 16 * 1024;

/// The most chunks a text is cut into: a text over 64 MiB is cut into
/// larger chunks than [`CHUNK_BYTES`].
const MAX_CHUNKS: usize = 4096;

/// Where the chunks of `bytes` start when it is cut into `count` of about
/// equal size, each after a `\n` (so that no line terminator is cut),
/// followed by the text's length: `starts[i]..starts[i + 1]` is chunk
/// `i`. Fewer chunks where `\n`s are far apart; two offsets (one chunk)
/// when no `\n` lies past the first cut.
///
/// A chunk starts after an empty line where one comes soon after the cut:
/// no wrapped link is joined over an empty line (see [`join_wrapped_link`]),
/// so no line runs into such a chunk and it is never measured again.
fn chunk_starts(bytes: &[u8], count: usize) -> Vec<usize> {
    /// How far past the first `\n` after a cut an empty line is looked for.
    const EMPTY_LINE_REACH: usize = 4096;
    let mut starts = vec![0];
    for i in 1..count {
        let cut = bytes.len() / count * i;
        if cut < *starts.last().unwrap_or(&0) {
            continue;
        }
        let Some(first) = memchr::memchr(b'\n', &bytes[cut..]).map(|at| cut + at) else { break };
        let reach = &bytes[first..bytes.len().min(first + EMPTY_LINE_REACH)];
        // A `\n` that ends an empty line: right after another `\n`, or after a `\r\n`.
        let ends_empty_line = |at: usize| bytes[..at].ends_with(b"\n") || bytes[..at].ends_with(b"\n\r");
        let end = memchr::memchr_iter(b'\n', reach).map(|at| first + at).find(|&at| ends_empty_line(at)).unwrap_or(first);
        if end + 1 >= bytes.len() {
            break;
        }
        starts.push(end + 1);
    }
    starts.push(bytes.len());
    starts.dedup();
    starts
}

/// [`scan_then`] on two threads, the text cut into chunks at `starts`
/// (see [`chunk_starts`]). Each chunk's lines are counted ([`line_room`])
/// and the lists sized once; then each thread takes the next chunk not yet
/// taken, measures its lines into the chunk's own stretch of the lists and
/// reads them with its reader, until none is left. So a thread slowed down
/// by the machine takes fewer chunks, and the other more. The stretches
/// are then closed up in order, on this thread.
///
/// A line is measured from its start alone ([`line_at`] reads only
/// forward), so a chunk's lines are the ones a single pass finds, provided
/// the line before the chunk ends at the chunk's start. When a wrapped link
/// carried that line over, the chunk's lines from where it ended are
/// measured and read again here, by the first reader (the other reader's
/// marks for them are dropped). `None` when lone `\r`s (old Mac files)
/// ended more lines in a chunk than its room holds: then
/// [`scan_then`] reads the text in one pass.
fn scan_in_chunks<R: LineReader>(src: &str, starts: &[usize], new_reader: &impl Fn(Reading) -> R) -> Option<Scanned<R>> {
    let bytes = src.as_bytes();
    let chunks = starts.len() - 1;
    let half = chunks / 2;
    let rooms_of = |range: std::ops::Range<usize>| range.map(|c| line_room(&bytes[starts[c]..starts[c + 1]])).collect::<Vec<usize>>();
    // Each thread counts the lines of half the chunks.
    let (mut rooms, second_rooms) = crate::par::join(true, || rooms_of(0..half), || rooms_of(half..chunks));
    rooms.extend(second_rooms);
    let room: usize = rooms.iter().sum();
    // The second reader's ids count on from `room` (see `Reading::Chunks`):
    // both must stay below 2^32.
    if u32::try_from(room.checked_mul(2)?).is_err() {
        return None;
    }
    // The lists' room is written by the scan alone, never filled before:
    // a fill was a pass over megabytes on this thread while the other waited.
    let (mut lines, mut marks) = (crate::pages::list_with_capacity::<Line>(room), crate::pages::list_with_capacity(room));
    let (mut first_reader, second_reader) =
        (new_reader(Reading::Chunks { room, first: true }), new_reader(Reading::Chunks { room, first: false }));
    // Each chunk's stretch of both lists, taken by the thread that takes the chunk.
    let mut stretches = Vec::with_capacity(chunks);
    let (mut line_room_left, mut mark_room_left) = (&mut lines.spare_capacity_mut()[..room], &mut marks.spare_capacity_mut()[..room]);
    for &chunk_room in &rooms {
        let (chunk_lines, rest_lines) = std::mem::take(&mut line_room_left).split_at_mut(chunk_room);
        let (chunk_marks, rest_marks) = std::mem::take(&mut mark_room_left).split_at_mut(chunk_room);
        (line_room_left, mark_room_left) = (rest_lines, rest_marks);
        stretches.push(std::sync::Mutex::new((chunk_lines, chunk_marks)));
    }
    let next_chunk = std::sync::atomic::AtomicUsize::new(0);
    // Takes chunks until none is left; gives (chunk, lines written, where the next line starts) for each.
    let take_chunks = |reader: &mut R| {
        let mut done = Vec::new();
        loop {
            let c = next_chunk.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if c >= chunks {
                return done;
            }
            let mut stretch = stretches[c].lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let (chunk_lines, chunk_marks) = &mut *stretch;
            let (count, next) = measure_into(src, starts[c], starts[c + 1], chunk_lines, chunk_marks, reader);
            done.push((c, count, next));
        }
    };
    let (first_done, (second_done, second_reader)) = crate::par::join(
        true,
        || take_chunks(&mut first_reader),
        move || {
            let mut reader = second_reader;
            (take_chunks(&mut reader), reader)
        },
    );
    drop(stretches);
    let mut measured = vec![(0, 0); chunks];
    for (c, count, next) in first_done.into_iter().chain(second_done) {
        measured[c] = (count, next);
    }
    // Closes the stretches up in order. `kept` lines are in place; `at` is
    // where the next line starts.
    let (mut kept, mut at) = (0, 0);
    let mut stretch_start = 0;
    for (c, &(count, next)) in measured.iter().enumerate() {
        let (start, end, chunk_room) = (starts[c], starts[c + 1], rooms[c]);
        if at == start {
            // The chunk's lines are the ones one pass finds.
            if next < end {
                return None;
            }
            // Nearly always the chunks before filled their room, and the lines are in place.
            if kept < stretch_start {
                lines.spare_capacity_mut().copy_within(stretch_start..stretch_start + count, kept);
                marks.spare_capacity_mut().copy_within(stretch_start..stretch_start + count, kept);
            }
            (kept, at) = (kept + count, next);
        } else if at < end {
            // A wrapped link carried the line before over the chunk's start:
            // the chunk's lines from where it ended are measured again, at
            // most as many as its room holds, from `kept` on. That room lies
            // below the next chunk's stretch, as `kept` is at most this
            // stretch's start, so no line still to be moved is written over.
            let room = kept..kept + chunk_room;
            let (count, next) = measure_into(
                src,
                at,
                end,
                &mut lines.spare_capacity_mut()[room.clone()],
                &mut marks.spare_capacity_mut()[room],
                &mut first_reader,
            );
            if next < end {
                return None;
            }
            (kept, at) = (kept + count, next);
        }
        // Else the carried-over line ran past the whole chunk, whose lines are all dropped.
        stretch_start += chunk_room;
    }
    // SAFETY: the first `kept` slots of both lists hold values. Before
    // each chunk, `kept` is at most the chunk's stretch's start (no chunk
    // keeps more lines than its room). A chunk's lines were written by
    // `measure_into` into the first `count` slots of its stretch and are
    // moved down to `kept` before any slot at or above that stretch is
    // written again; lines measured again here are written from `kept` on,
    // below the next chunk's stretch. `kept` is within the lists' capacity
    // (`room`, the sum of the stretches).
    unsafe {
        lines.set_len(kept);
        marks.set_len(kept);
    }
    Some(Scanned { lines, marks, first: first_reader, second: Some(second_reader) })
}

/// Measures the lines that start in `start..until` (`start` being a
/// line's start) into `out` and their marks into `marks`, as many as they
/// have room for (see [`line_room`]); returns how many it wrote (the first
/// slots of each) and where the next line starts.
fn measure_into<R: LineReader>(
    src: &str,
    mut start: usize,
    until: usize,
    out: &mut [MaybeUninit<Line>],
    marks: &mut [MaybeUninit<R::Mark>],
    reader: &mut R,
) -> (usize, usize) {
    let search = LineSearch::new();
    let mut count = 0;
    let room = out.len().min(marks.len());
    while start < until && count < room {
        let line = search.measure_line(src, start);
        start = line.next();
        marks[count].write(reader.read(src, &line));
        out[count].write(line);
        count += 1;
    }
    (count, start)
}

/// Room for the lines that start in `bytes`: one per `\n`, and one for
/// text after the last (none when `bytes` ends with a `\n`, as a chunk
/// of a text does: a spare slot would have the next chunks' lines moved
/// down after the chunks are done). No line [`scan`] gives holds less than a `\n`'s
/// physical line (wrapped links join lines), so this is room for every
/// line but those a lone `\r` ends (old Mac files): finding those would
/// take a second pass over the text, for texts that are rare, so a text
/// whose chunk runs out of room is read in one pass, where the list can
/// grow (see [`scan_in_chunks`]).
fn line_room(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count() + usize::from(bytes.last().is_some_and(|&b| b != b'\n'))
}

/// Measures the line that starts at `start` again, exactly as [`scan`] did:
/// later passes drop the line list to save memory and re-read the few lines
/// they still need. `start` must be the start of a line `scan` gave.
pub fn line_at(src: &str, start: usize) -> Line {
    LineSearch::new().line_at(src, start)
}

/// The line that starts at `start` as a comment body's later lines need it:
/// its text from the first non-space character to the text's end (list
/// markers kept), whether it is blank, and where the next line starts.
/// Equal to what [`line_at`] gives, without measuring what is not needed
/// when no link, marker or heading can be involved.
pub fn continuation_at(src: &str, start: usize) -> (&str, bool, usize) {
    LineSearch::new().continuation_at(src, start)
}

/// The line that starts at `start` as [`line_at`] gives it: [`Line::text`],
/// [`Line::is_blank`] and [`Line::next`], without measuring what a plain
/// line does not need. A comment body's first line is read so.
pub fn text_at(src: &str, start: usize) -> (&str, bool, usize) {
    LineSearch::new().text_at(src, start)
}

/// A search for the first of three bytes, built once to search many
/// stretches of text. Where the CPU has AVX2, its searcher is then set up
/// once for all of them: a plain `memchr3` call picks its routine and sets
/// its needles up again at each call, a real share of the cost on lines of
/// some forty bytes.
pub struct ThreeByteSearch {
    needles: [u8; 3],
    #[cfg(target_arch = "x86_64")]
    avx2: Option<memchr::arch::x86_64::avx2::memchr::Three>,
}

impl ThreeByteSearch {
    /// The search for `a`, `b` and `c`, with the CPU's best routine.
    pub fn new(a: u8, b: u8, c: u8) -> ThreeByteSearch {
        ThreeByteSearch {
            needles: [a, b, c],
            #[cfg(target_arch = "x86_64")]
            avx2: memchr::arch::x86_64::avx2::memchr::Three::new(a, b, c),
        }
    }

    /// The offset of the first of the three bytes in `haystack`.
    #[inline]
    pub fn find(&self, haystack: &[u8]) -> Option<usize> {
        #[cfg(target_arch = "x86_64")]
        if let Some(avx2) = &self.avx2 {
            return avx2.find(haystack);
        }
        let [a, b, c] = self.needles;
        memchr::memchr3(a, b, c, haystack)
    }
}

/// A search for the first `\n`, `\r` or `[`, as every line needs one: build
/// it once to read many lines (see [`ThreeByteSearch`]).
pub struct LineSearch {
    ends: ThreeByteSearch,
}

impl Default for LineSearch {
    fn default() -> LineSearch {
        LineSearch::new()
    }
}

impl LineSearch {
    /// The search, with the CPU's best routine.
    pub fn new() -> LineSearch {
        LineSearch { ends: ThreeByteSearch::new(b'\n', b'\r', b'[') }
    }

    /// The offset of the first `\n`, `\r` or `[` in `haystack`.
    #[inline]
    fn find(&self, haystack: &[u8]) -> Option<usize> {
        self.ends.find(haystack)
    }

    /// [`continuation_at`], with this search.
    pub fn continuation_at<'a>(&self, src: &'a str, start: usize) -> (&'a str, bool, usize) {
        if let Some(plain) = self.plain_line_at(src, start) {
            return plain;
        }
        let line = self.line_at(src, start);
        let text = src[line.start()..line.text_end().max(line.start())].trim_start_matches(is_space);
        (text, line.is_blank(), line.next())
    }

    /// [`line_at`], with this search.
    #[inline]
    pub fn line_at(&self, src: &str, start: usize) -> Line {
        self.measure_line(src, start)
    }

    /// [`line_at`], inlined into the scan's loops ([`scan`] reads every
    /// line so): a call per line, with its registers saved and restored,
    /// costs as much as a fifth of measuring a line.
    #[inline(always)]
    fn measure_line(&self, src: &str, start: usize) -> Line {
        let bytes = src.as_bytes();
        // One search finds the line's end or, first, a `[`: only a line that
        // holds one can leave a link open, so most lines skip the link check.
        let (end, next) = match self.find(&bytes[start..]) {
            Some(i) if bytes[start + i] == b'[' => {
                let (end, next) = physical_line(bytes, start);
                join_wrapped_link(bytes, start, end, next)
            }
            Some(i) => terminated_at(bytes, start + i),
            None => (bytes.len(), bytes.len()),
        };
        measure(src, start, end, next)
    }

    /// [`text_at`], with this search.
    pub fn text_at<'a>(&self, src: &'a str, start: usize) -> (&'a str, bool, usize) {
        if let Some(plain) = self.plain_line_at(src, start) {
            return plain;
        }
        let line = self.line_at(src, start);
        (line.text(src), line.is_blank(), line.next())
    }

    /// Where the text of the line at `start` starts and ends and where the
    /// next line starts, for a plain line (see [`opens_plain_text`]) that
    /// holds no `[` and ends in ASCII; `None` for any other line. Such a
    /// line's text is the line trimmed, with or without its marker, as it
    /// has none: what [`LineSearch::text_at`] and
    /// [`LineSearch::continuation_at`] give (blank when empty), read with
    /// the fewest steps for the many lines of comment bodies.
    #[inline(always)]
    pub fn plain_text_at(&self, bytes: &[u8], start: usize) -> Option<(usize, usize, usize)> {
        let from = start + leading_spaces(&bytes[start..]);
        let (end, next) = match bytes.get(from) {
            None => return Some((from, from, from)),
            Some(&b) if !opens_plain_text(b) => return None,
            Some(_) => match self.find(&bytes[from..]) {
                None => (bytes.len(), bytes.len()),
                Some(i) if bytes[from + i] != b'[' => terminated_at(bytes, from + i),
                Some(_) => return None,
            },
        };
        let mut text_end = end;
        while text_end > from && matches!(bytes[text_end - 1], b' ' | b'\t') {
            text_end -= 1;
        }
        // A non-ASCII last byte may end a Unicode space, which the full
        // trim (`trim_end_len`) takes off.
        if text_end > from && bytes[text_end - 1] >= 0x80 {
            return None;
        }
        Some((from, text_end, next))
    }

    /// The text, blankness and next line's start of a plain line (see
    /// [`opens_plain_text`]) that holds no `[`; `None` for any other line.
    /// Its text is the line trimmed, with or without its marker, as it has none.
    #[inline(always)]
    fn plain_line_at<'a>(&self, src: &'a str, start: usize) -> Option<(&'a str, bool, usize)> {
        let bytes = src.as_bytes();
        // The search starts after the spaces, which hold no line end or `[`;
        // a line end right after them is a plain first byte (a blank line).
        let from = start + leading_spaces(&bytes[start..]);
        if !bytes.get(from).copied().is_none_or(opens_plain_text) {
            return None;
        }
        let (end, next) = match self.find(&bytes[from..]) {
            None => (bytes.len(), bytes.len()),
            Some(i) if bytes[from + i] != b'[' => terminated_at(bytes, from + i),
            Some(_) => return None,
        };
        let text = &src[from..end];
        let text = &text[..trim_end_len(text)];
        Some((text, text.is_empty(), next))
    }
}

/// How many further physical lines a wrapped link destination may take.
const MAX_LINK_CONTINUATIONS: usize = 3;

/// Extends the line `start..end` over the physical lines that continue a
/// Markdown link or image it leaves open. html2text wraps long link texts
/// and URLs: `![Ann` + newline + `Lee](http://example.com/a-long-` + newline +
/// `path)` is one line of the page. A destination's continuation holds no
/// space before its closing parenthesis; a text's continuation holds `](`.
fn join_wrapped_link(bytes: &[u8], start: usize, mut end: usize, mut next: usize) -> (usize, usize) {
    let mut joined = 0;
    while joined < MAX_LINK_CONTINUATIONS {
        let state = open_link(&bytes[start..end]);
        if state == OpenLink::None || next >= bytes.len() {
            break;
        }
        let (line_end, line_next) = physical_line(bytes, next);
        let line = &bytes[next..line_end];
        match state {
            OpenLink::Text => {
                // A narrow rendering may wrap a link text over several lines
                // ("[10/28/12" / "6:13" / "PM](http://…)"): the text goes on
                // through non-empty lines up to the one that closes it.
                let mut at = (next, line_end, line_next);
                let mut taken = 1;
                loop {
                    let text = &bytes[at.0..at.1];
                    if text.windows(2).any(|w| w == b"](") {
                        break;
                    }
                    if text.is_empty() || joined + taken >= MAX_LINK_CONTINUATIONS || at.2 >= bytes.len() {
                        return (end, next);
                    }
                    let (e, n) = physical_line(bytes, at.2);
                    at = (at.2, e, n);
                    taken += 1;
                }
                end = at.1;
                next = at.2;
                joined += taken;
            }
            OpenLink::Destination => {
                let close = line.iter().position(|&b| b == b')').unwrap_or(line.len());
                if close == 0 || line[..close].iter().any(|&b| b == b' ' || b == b'\t') {
                    break;
                }
                end = line_end;
                next = line_next;
                joined += 1;
            }
            OpenLink::None => break,
        }
    }
    (end, next)
}

/// What a line leaves open of a Markdown link at its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OpenLink {
    /// Nothing: every link it holds is closed.
    None,
    /// A link or image text: `[Ann` with no `]` yet.
    Text,
    /// A destination: `](http://…` with no `)` yet.
    Destination,
}

/// Finds what `line` leaves open of a Markdown link. Only lines holding a
/// `[` can leave one open, so most lines cost one byte search.
fn open_link(line: &[u8]) -> OpenLink {
    if memchr::memchr(b'[', line).is_none() {
        return OpenLink::None;
    }
    // Link texts nest one level in practice (`[![alt](img)](url)`), so open
    // brackets are counted; a destination is open until its parentheses close.
    let mut open_texts = 0u32;
    let mut destination_depth = 0u32;
    let mut i = 0;
    while i < line.len() {
        let b = line[i];
        if destination_depth > 0 {
            match b {
                b'(' => destination_depth += 1,
                b')' => destination_depth -= 1,
                _ => {}
            }
        } else {
            match b {
                b'[' => open_texts += 1,
                b']' if open_texts > 0 => {
                    open_texts -= 1;
                    if line.get(i + 1) == Some(&b'(') {
                        destination_depth = 1;
                        i += 1;
                    }
                }
                _ => {}
            }
        }
        i += 1;
    }
    if destination_depth > 0 {
        OpenLink::Destination
    } else if open_texts > 0 {
        OpenLink::Text
    } else {
        OpenLink::None
    }
}

/// The physical line that starts at `start`: the offset of its terminator
/// (or of the input's end) and of the next line's first byte. `\r\n`, `\n`
/// and a lone `\r` each end a line.
fn physical_line(bytes: &[u8], start: usize) -> (usize, usize) {
    match memchr_newline(&bytes[start..]) {
        Some(i) => terminated_at(bytes, start + i),
        None => (bytes.len(), bytes.len()),
    }
}

/// The line end at `end`, a `\n` or `\r`, and the offset after its terminator.
fn terminated_at(bytes: &[u8], end: usize) -> (usize, usize) {
    let next = if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') { end + 2 } else { end + 1 };
    (end, next)
}

/// Finds the first `\n` or `\r`.
fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    memchr::memchr2(b'\n', b'\r', bytes)
}

/// Measures one line whose content is `src[start..end]`. Inlined into
/// [`scan`], which calls it for nearly every line.
#[inline(always)]
fn measure(src: &str, start: usize, end: usize, next: usize) -> Line {
    // The common line: ASCII spaces, then a byte that opens no marker,
    // heading or Unicode space, and an ASCII last character. Its text is
    // the line trimmed; anything else takes the full measure below.
    let lead = leading_spaces(&src.as_bytes()[start..]);
    let bytes = &src.as_bytes()[start..end];
    // A numbered item with a plain text ("  12. Ann says:") is nearly as
    // common: its digits, `.` or `)`, ASCII spaces, then a plain byte that
    // is not a space (so the text starts there, the marker's spaces done).
    let (marker, text_at) = match bytes.get(lead) {
        Some(b) if b.is_ascii_digit() => {
            let digits = bytes[lead..].iter().take_while(|b| b.is_ascii_digit()).count();
            let after = lead + digits + 1;
            let spaces = bytes.get(after..).map_or(0, |rest| rest.iter().take_while(|&&b| b == b' ').count());
            let plain_text = bytes.get(after + spaces).is_some_and(|&b| b != b' ' && opens_plain_text(b));
            if digits > 6 || !matches!(bytes.get(lead + digits), Some(b'.' | b')')) || spaces == 0 || !plain_text {
                return measure_fully(src, start, end, next);
            }
            let n = bytes[lead..lead + digits].iter().fold(0u32, |n, &d| n * 10 + u32::from(d - b'0'));
            (PackedMarker::pack(Some(Marker::Number(n))), after + spaces)
        }
        Some(&b) if !opens_plain_text(b) => return measure_fully(src, start, end, next),
        _ => (PackedMarker(0), lead),
    };
    let mut len = bytes.len();
    while len > text_at && matches!(bytes[len - 1], b' ' | b'\t') {
        len -= 1;
    }
    if len > text_at && !bytes[len - 1].is_ascii() {
        return measure_fully(src, start, end, next);
    }
    let text_start = start + text_at;
    Line {
        start: start as u32,
        end: end as u32,
        text_start: text_start as u32,
        text_end: (start + len).max(text_start) as u32,
        indent: lead.min(usize::from(u16::MAX)) as u16,
        marker,
        heading: 0,
        terminator: (next - end) as u8,
    }
}

/// The number of ASCII spaces `bytes` opens with, read eight bytes at a
/// time: indentation is often six or more spaces. In a word of eight bytes
/// XORed with eight spaces, the spaces are the zero bytes, and the lowest
/// non-zero byte (the word is read little-endian) is the first other byte.
/// A line's terminator is no space, so the count never runs past its line.
fn leading_spaces(bytes: &[u8]) -> usize {
    const SPACES: u64 = 0x2020_2020_2020_2020;
    let mut n = 0;
    while let Some(word) = bytes.get(n..n + 8) {
        let other = u64::from_le_bytes(word.try_into().expect("8 bytes")) ^ SPACES;
        if other != 0 {
            return n + (other.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + bytes[n..].iter().take_while(|&&b| b == b' ').count()
}

/// True for a byte after a line's ASCII spaces that opens plain text: it
/// cannot start a list marker or a heading, nor be a tab or part of a
/// Unicode space, so the line's text is the line trimmed.
fn opens_plain_text(b: u8) -> bool {
    b.is_ascii() && !b.is_ascii_digit() && !matches!(b, b'*' | b'-' | b'+' | b'#' | b'\t')
}

/// [`measure`] for any line: tabs, Unicode spaces, markers, headings.
#[cold]
fn measure_fully(src: &str, start: usize, end: usize, next: usize) -> Line {
    let content = &src[start..end];
    let (indent_bytes, indent) = scan_indent(content);
    let rest = &content[indent_bytes..];
    let (heading_len, heading) = match rest.as_bytes().first() {
        Some(b'#') => {
            let len = scan_heading_hashes(rest);
            (len, rest[..len].bytes().filter(|&b| b == b'#').count() as u8)
        }
        _ => (0, 0),
    };
    let indent_bytes = indent_bytes + heading_len;
    let rest = &content[indent_bytes..];
    let (marker, marker_len) = match scan_marker(rest) {
        Some((m, n)) => (Some(m), n),
        None => (None, 0),
    };
    let after_marker = &rest[marker_len..];
    let (space_bytes, _) = scan_indent(after_marker);
    let text_start = start + indent_bytes + marker_len + space_bytes;
    let trimmed_len = trim_end_len(content);
    let text_end = (start + trimmed_len).max(text_start);
    // `scan` checked that every offset fits in a u32.
    Line {
        start: start as u32,
        end: end as u32,
        text_start: text_start as u32,
        text_end: text_end as u32,
        indent: indent.min(u32::from(u16::MAX)) as u16,
        marker: PackedMarker::pack(marker),
        heading,
        terminator: (next - end) as u8,
    }
}

/// The length of `s` without its trailing spaces (as [`is_space`] knows
/// them). ASCII ends are trimmed byte by byte; a non-ASCII last byte takes
/// the character path.
fn trim_end_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut len = bytes.len();
    while len > 0 && matches!(bytes[len - 1], b' ' | b'\t') {
        len -= 1;
    }
    if len > 0 && bytes[len - 1] >= 0x80 {
        return s[..len].trim_end_matches(is_space).len();
    }
    len
}

/// Scans leading white space; returns bytes consumed and visual columns.
pub fn scan_indent(s: &str) -> (usize, u32) {
    // Most indentation is ASCII spaces: count those bytes at once, and go
    // character by character only from the first tab or non-ASCII byte.
    let ascii = s.bytes().take_while(|&b| b == b' ').count();
    let rest = &s[ascii..];
    if !rest.as_bytes().first().is_some_and(|&b| b == b'\t' || b >= 0x80) {
        return (ascii, ascii.min(u32::MAX as usize) as u32);
    }
    let mut cols = ascii.min(u32::MAX as usize) as u32;
    let mut bytes = ascii;
    for c in rest.chars() {
        if c == '\t' {
            cols = (cols / TAB_WIDTH + 1) * TAB_WIDTH;
        } else if matches!(c, '\u{200b}' | '\u{feff}' | '\u{200e}' | '\u{200f}') {
            // Zero-width characters take no column.
        } else if is_space(c) {
            cols = cols.saturating_add(1);
        } else {
            break;
        }
        bytes += c.len_utf8();
    }
    (bytes, cols)
}

/// Scans a Markdown heading opener ("# " to "###### ") and the spaces after
/// it; returns the bytes it takes, 0 when there is none.
pub fn scan_heading_hashes(s: &str) -> usize {
    let hashes = s.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) || !s[hashes..].starts_with(is_space) {
        return 0;
    }
    hashes + scan_indent(&s[hashes..]).0
}

/// The characters that open a bulleted item when followed by a space.
const BULLETS: &[char] =
    &['•', '◦', '▪', '▫', '‣', '⁃', '∙', '·', '●', '○', '■', '□', '◆', '◇', '☆', '★', '►', '▸', '▹', '✓', '–', '*', '-', '+'];

/// Scans a list marker at the start of `s`: digits then `.` or `)`, or a bullet
/// character, followed by a space or the end of the line. Returns the marker and
/// the bytes it takes (without the following space).
pub fn scan_marker(s: &str) -> Option<(Marker, usize)> {
    let bytes = s.as_bytes();
    // Every marker opens with a digit, one of `*-+` or a non-ASCII bullet.
    if !bytes.first().is_some_and(|&b| b.is_ascii_digit() || matches!(b, b'*' | b'-' | b'+') || b >= 0x80) {
        return None;
    }
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if (1..=6).contains(&digits) {
        if let Some(&punct) = bytes.get(digits) {
            if punct == b'.' || punct == b')' {
                let after = &s[digits + 1..];
                if after.is_empty() || after.starts_with(is_space) {
                    let n: u32 = s[..digits].parse().ok()?;
                    return Some((Marker::Number(n), digits + 1));
                }
            }
        }
        return None;
    }
    let first = s.chars().next()?;
    if BULLETS.contains(&first) {
        let after = &s[first.len_utf8()..];
        if after.starts_with(is_space) {
            return Some((Marker::Bullet(first), first.len_utf8()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_cover_input_with_every_terminator() {
        let src = "a\r\nb\rc\n\nd";
        let lines = scan(src);
        let texts: Vec<&str> = lines.iter().map(|l| l.raw(src)).collect();
        assert_eq!(texts, ["a", "b", "c", "", "d"]);
        let mut at = 0;
        for l in &lines {
            assert_eq!(l.start(), at);
            at = l.next();
        }
        assert_eq!(at, src.len());
    }

    /// A reader that marks each line with its start and keeps the starts it read.
    struct Starts(Vec<usize>);

    impl LineReader for Starts {
        type Mark = usize;

        fn read(&mut self, _src: &str, line: &Line) -> usize {
            self.0.push(line.start());
            line.start()
        }
    }

    /// The single-thread scan, for comparing the halves with.
    fn scan_in_one(src: &str) -> Vec<Line> {
        let (mut lines, mut marks) = (Vec::new(), Vec::new());
        scan_rest(src, 0, &mut lines, &mut marks, &mut NoReading);
        lines
    }

    /// [`scan_in_chunks`] with `count` chunks (fewer where `\n`s are far
    /// apart); `None` when it leaves the text to one pass.
    fn scan_chunked(src: &str, count: usize) -> Option<Scanned<Starts>> {
        let starts = chunk_starts(src.as_bytes(), count);
        scan_in_chunks(src, &starts, &|_| Starts(Vec::new()))
    }

    #[test]
    fn chunks_give_the_lines_of_one_pass() {
        let middle_link = format!("{}[Ann\nLee](http://example.com/a-\nlong)\n{}", "x\n".repeat(20), "y\n".repeat(20));
        let cases = [
            "a\r\nb\rc\n\nd".repeat(30),
            "  1. Ann says:\n     Hi.\r\n\r\n\t• Bob\r".repeat(25),
            "one line without an end".to_string(),
            "\n\n\n\n".to_string(),
            "\r\r\r\n\r".repeat(9),
            // Wrapped links across chunk starts: the line before runs into
            // the next chunk (or over all of it), which is measured again.
            middle_link,
            format!("{}[10/28/12\n6:13\nPM](http://x)\n{}", "ab\n".repeat(10), "cd\n".repeat(10)),
            "w [Ann\nLee](http://example.com/a-\nlong) and ![x\ny](http://z)\n\n".repeat(12),
            "é\u{a0}\n".repeat(40),
        ];
        let mut redone = false;
        for src in &cases {
            let one = scan_in_one(src);
            let starts: Vec<usize> = one.iter().map(Line::start).collect();
            for count in 2..=60 {
                let Some(chunked) = scan_chunked(src, count) else {
                    // Only lone `\r`s overfill a chunk's room.
                    assert!(src.contains('\r'), "{src:?} in {count}");
                    continue;
                };
                assert_eq!(chunked.lines, one, "{src:?} in {count}");
                // Every line is marked by a reader that read it.
                assert_eq!(chunked.marks, starts, "{src:?} in {count}");
                let second = chunked.second.as_ref().expect("two readers");
                let mut read: Vec<usize> = chunked.first.0.iter().chain(&second.0).copied().collect();
                redone |= read.len() > starts.len();
                read.sort_unstable();
                read.dedup();
                assert!(starts.iter().all(|s| read.binary_search(s).is_ok()), "{src:?} in {count}");
            }
        }
        // Some chunk was measured again after a carried-over link.
        assert!(redone);
    }

    #[test]
    fn chunks_start_after_a_newline_and_cover_the_text() {
        for (src, count) in [("a\nb\nc\nd\n", 3), ("abcdef\n", 4), ("\n\n\n\n\n\n", 6), ("no newline", 5), ("ab\ncd", 2)] {
            let starts = chunk_starts(src.as_bytes(), count);
            assert_eq!((starts.first(), starts.last()), (Some(&0), Some(&src.len())), "{src:?}");
            assert!(starts.windows(2).all(|w| w[0] < w[1]), "{src:?}");
            assert!(starts[1..starts.len() - 1].iter().all(|&s| src.as_bytes()[s - 1] == b'\n'), "{src:?}");
            assert!(starts.len() - 1 <= count, "{src:?}");
        }
        assert_eq!(chunk_starts(b"a\nb\nc\nd\n", 2), [0, 6, 8]);
        assert_eq!(chunk_starts(b"no newline", 5), [0, 10]);
        // After an empty line where one comes soon, CRLF or not.
        assert_eq!(chunk_starts(b"ab\ncd\nef\n\ngh\nij\n", 2), [0, 10, 16]);
        assert_eq!(chunk_starts(b"ab\r\ncd\r\n\r\nef\r\n", 2), [0, 10, 14]);
    }

    #[test]
    fn one_pass_reads_every_line_with_one_reader() {
        let src = "a\n\n  1. b\r\nc";
        let scanned = crate::par::run_sequentially(|| {
            scan_then(src, |reading| {
                assert_eq!(reading, Reading::Whole);
                Starts(Vec::new())
            })
        });
        let starts: Vec<usize> = scan(src).iter().map(Line::start).collect();
        assert_eq!((scanned.marks, scanned.first.0), (starts.clone(), starts));
        assert!(scanned.second.is_none());
    }

    #[test]
    fn line_room_holds_every_line_but_those_lone_returns_end() {
        for src in ["", "a", "a\r\nb\r\nc\n", "a\nb", "\n\n", "[Ann\nLee](http://x)\n", "a\r"] {
            assert!(scan(src).len() <= line_room(src.as_bytes()), "{src:?}");
        }
        assert_eq!(line_room(b"a\nb\n"), scan("a\nb\n").len());
        assert!(scan("a\rb\rc").len() > line_room(b"a\rb\rc"));
    }

    #[test]
    fn a_chunk_that_outgrows_its_room_leaves_the_text_to_one_pass() {
        // Lone `\r`s end lines the room does not count: a chunk stops when
        // its stretch is full, and the whole text is read in one pass.
        let carried = "a\rb\rc\r\n".repeat(20);
        for src in [format!("{}{carried}", "x\n".repeat(100)), format!("{carried}{}", "x\n".repeat(100))] {
            assert!(scan_chunked(&src, 2).is_none());
            let scanned = scan_then(&src, |_| Starts(Vec::new()));
            assert_eq!(scanned.lines, scan_in_one(&src));
        }
    }

    #[test]
    fn a_line_takes_24_bytes() {
        assert_eq!(std::mem::size_of::<Line>(), 24);
    }

    #[test]
    fn markers_survive_packing() {
        for m in [None, Some(Marker::Number(0)), Some(Marker::Number(999_999)), Some(Marker::Bullet('•')), Some(Marker::Bullet('*'))] {
            assert_eq!(PackedMarker::pack(m).unpack(), m);
        }
    }

    #[test]
    fn the_common_line_is_measured_as_any_line() {
        let src = "plain\n   indented words  \n\n    \n\tTab\n  • item\n12. x\n# h\n\u{a0}nb\nend\u{a0}\n  é  \n-x\n*  \n  a\t\n\
                   \x20 3. Ann says:\n1.5 million\n2012. x\n1234567. x\n7)  y \t\n3.\tx\n3. \u{a0}x\n3.  \n3. x\u{a0}\n0. é\n12.x\n4.\n\
                   007. z\n9. -x\n9. 1. x\n 5) #x\r\n5.\r6. a\r\n";
        for l in scan(src) {
            assert_eq!(measure(src, l.start(), l.end(), l.next()), measure_fully(src, l.start(), l.end(), l.next()), "{:?}", l.raw(src));
        }
    }

    #[test]
    fn line_at_measures_as_scan_did() {
        let src = "a [link\ntext](http://x)\r\n  2. b  \n 3. c\r4. d\r\n  plain\n[x](y\nz) w\n\tt\nend";
        for l in scan(src) {
            assert_eq!(line_at(src, l.start()), l);
        }
    }

    #[test]
    fn continuation_at_agrees_with_line_at() {
        let src = "  plain words  \n\n   \n  • item \n\t tab\n## head\n12. x\n[a\nb](c)\n\u{a0}nbsp\n  [x\n y [z](w)\r\n\
                   crlf  \r\n\r\nlone\rcr \r  \n  é\u{a0} \n  é\n  x \t\n  - \n  3.\n  end é x\n   ";
        for l in scan(src) {
            let text = src[l.start()..l.text_end().max(l.start())].trim_start_matches(is_space);
            assert_eq!(continuation_at(src, l.start()), (text, l.is_blank(), l.next()), "line {:?}", l.raw(src));
            assert_eq!(text_at(src, l.start()), (l.text(src), l.is_blank(), l.next()), "line {:?}", l.raw(src));
            // The plain reading, where it answers, gives what both give.
            if let Some((from, end, next)) = LineSearch::new().plain_text_at(src.as_bytes(), l.start()) {
                assert_eq!((&src[from..end], from == end, next), (text, l.is_blank(), l.next()), "line {:?}", l.raw(src));
                assert_eq!(&src[from..end], l.text(src), "line {:?}", l.raw(src));
            }
        }
    }

    #[test]
    fn leading_spaces_counts_as_a_byte_loop() {
        for s in ["", " ", "x", "       ", "        ", "         x", "        \n", "   \t", " \u{a0}", "                 y", "\n  "] {
            assert_eq!(leading_spaces(s.as_bytes()), s.bytes().take_while(|&b| b == b' ').count(), "{s:?}");
        }
    }

    #[test]
    fn empty_input_has_no_line() {
        assert!(scan("").is_empty());
    }

    #[test]
    fn indent_counts_tabs_and_unicode_spaces() {
        assert_eq!(scan_indent("\tx"), (1, 8));
        assert_eq!(scan_indent("  \tx"), (3, 8));
        assert_eq!(scan_indent("\u{a0}\u{a0}x"), (4, 2));
        assert_eq!(scan_indent("x"), (0, 0));
        assert_eq!(scan_indent("   \u{a0}\tx"), (6, 8));
        assert_eq!(trim_end_len("ab \t"), 2);
        assert_eq!(trim_end_len("ab\u{a0} "), 2);
        assert_eq!(trim_end_len("é"), 2);
    }

    #[test]
    fn markers() {
        assert_eq!(scan_marker("1. Not good"), Some((Marker::Number(1), 2)));
        assert_eq!(scan_marker("12) x"), Some((Marker::Number(12), 3)));
        assert_eq!(scan_marker("• Nice"), Some((Marker::Bullet('•'), 3)));
        assert_eq!(scan_marker("* x"), Some((Marker::Bullet('*'), 1)));
        assert_eq!(scan_marker("1.5 million"), None);
        assert_eq!(scan_marker("2012. x"), Some((Marker::Number(2012), 5)));
        assert_eq!(scan_marker("-x"), None);
        assert_eq!(scan_marker("word"), None);
    }

    #[test]
    fn markdown_heading_hashes_are_not_text() {
        let src = "## 3 Responses to X\n";
        let l = scan(src)[0];
        assert_eq!(l.heading(), 2);
        assert_eq!(l.text(src), "3 Responses to X");
        assert_eq!(scan_heading_hashes("#hashtag"), 0);
    }

    #[test]
    fn line_text_skips_indent_and_marker() {
        let src = "    • czarowniczy says:  \n";
        let l = scan(src)[0];
        assert_eq!(l.indent(), 4);
        assert_eq!(l.marker(), Some(Marker::Bullet('•')));
        assert_eq!(l.text(src), "czarowniczy says:");
    }
}
