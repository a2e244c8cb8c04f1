//! What the seed page (`tests/fixtures/seed.txt`) parses to, as issue 2
//! states it: one statement for the native tests (`fixtures.rs`) and the
//! browser tests of the wasm boundary (`web.rs`).

/// The comments' authors, in document order (`None`: no author line).
pub const AUTHORS: [Option<&str>; 9] =
    [None, None, Some("elvischupacabra"), Some("czarowniczy"), None, Some("czarowniczy"), Some("sangell51"), Some("mills"), Some("mills")];

/// The comments' parents: the fifth replies to the fourth, the sixth to the fifth.
pub const PARENTS: [Option<usize>; 9] = [None, None, None, None, Some(3), Some(4), None, None, None];

/// The comments' visible numbers: 1–7 on the top-level ones.
pub const NUMBERS: [Option<u32>; 9] = [Some(1), Some(2), Some(3), Some(4), None, None, Some(5), Some(6), Some(7)];

/// The count its heading declares ("15 Responses to …").
pub const DECLARED_COUNT: u32 = 15;
