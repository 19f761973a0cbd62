use super::{is_blank, sniff};
use crate::error::NotText;

fn format(bytes: &[u8]) -> Option<&'static str> {
    match sniff(bytes)? {
        NotText::Compressed { format, .. } => Some(format),
        NotText::Binary { what } => Some(what),
    }
}

#[test]
fn r18_compressors_are_told_by_their_magic_numbers() {
    assert_eq!(format(b"\x1f\x8b\x08"), Some("gzip"));
    assert_eq!(format(b"PK\x03\x04rest"), Some("zip"));
    assert_eq!(format(b"PK\x05\x06"), Some("zip"));
    assert_eq!(format(b"BZh91AY&SYrest"), Some("bzip2"));
    assert_eq!(format(b"\xfd7zXZ\x00"), Some("xz"));
    assert_eq!(format(b"\x28\xb5\x2f\xfd"), Some("zstd"));
    assert_eq!(format(b"%PDF-1.7\n"), Some("a PDF document"));
    assert_eq!(format(b"\x89PNG\r\n\x1a\n"), Some("a PNG image"));
}

#[test]
fn r18_text_is_never_taken_for_binary() {
    // Pages that merely start like a magic number, or are in another
    // encoding, are left to the parser (and its iconv advice).
    for text in [
        &b"BZh9 is not a headline anyone writes"[..],
        b"PK fans riot\n\n  \xe2\x80\xa2 A\n\n    hi\n",
        b"Caf\xe9 au lait, na\xefve r\xe9sum\xe9\n",
        b"\xff\xfeH\x00i\x00",
        b"H\x00i\x00 \x00t\x00h\x00e\x00r\x00e\x00",
        "Ünïcödé headline — “quoted” ✓\n".as_bytes(),
        b"",
    ] {
        assert_eq!(format(text), None, "{:?}", String::from_utf8_lossy(text));
    }
    // A multibyte character cut at the sniff's edge is still text.
    let mut long = "é".repeat(2048).into_bytes();
    long.push(0xc3);
    assert_eq!(format(&long), None);
    // Mostly control bytes, not UTF-8: binary.
    let noise: Vec<u8> = (0..4096u32).map(|i| (i * 37 % 251) as u8).collect();
    assert_eq!(format(&noise), Some("binary data"));
}

#[test]
fn r18_blank_means_no_text_at_all() {
    assert!(is_blank(b""));
    assert!(is_blank(b" \t\r\n\x0b\x0c"));
    assert!(is_blank(b"\xef\xbb\xbf\n\xc2\xa0\n"));
    assert!(!is_blank(b"\n\nx"));
    assert!(!is_blank(b"\xe2\x80\xa2"));
    assert!(!is_blank(b"\xc2"));
}
