//! Telling binary files from text before decoding them.

/// Magic numbers of common binary formats, with a name for messages.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF file (WebP, WAV or AVI)"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "an executable"),
    (b"\x00asm", "a WebAssembly module"),
    (b"OggS", "an Ogg file"),
    (b"ID3", "an MP3 file"),
    (b"fLaC", "a FLAC file"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"BM", "a BMP image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an Office document"),
];

/// What kind of binary file `bytes` is, or `None` when it may be text.
///
/// A known magic number names the format; otherwise a NUL byte in the first
/// 8 KiB marks the file as binary (UTF-16 text is the exception: its byte
/// order mark is recognised and the file is not called binary).
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        return None;
    }
    for (magic, name) in MAGIC {
        if bytes.starts_with(magic) {
            // "MZ", "BM" and "ID3" open ordinary words too: only trust them with a NUL nearby.
            let weak = magic.len() < 3 || *magic == b"ID3";
            if !weak || bytes.iter().take(512).any(|&b| b == 0) {
                return Some(name);
            }
        }
    }
    bytes.iter().take(8192).any(|&b| b == 0).then_some("a binary file (it holds NUL bytes)")
}

#[cfg(test)]
mod tests {
    use super::sniff;

    #[test]
    fn text_is_not_binary() {
        assert_eq!(sniff(b"Hello\nworld"), None);
        assert_eq!(sniff(b"MZ is a word here"), None);
        assert_eq!(sniff("BMW drivers say:".as_bytes()), None);
    }

    #[test]
    fn formats_are_named() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nrest"), Some("a PNG image"));
        assert_eq!(sniff(b"PK\x03\x04rest"), Some("a ZIP archive"));
        assert_eq!(sniff(b"abc\x00def"), Some("a binary file (it holds NUL bytes)"));
    }
}
