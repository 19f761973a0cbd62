//! Reading inputs: the only library module that does file IO for pages,
//! so parsing stays pure and testable on strings.
//!
//! Before parsing, an input's first bytes are sniffed (issue 18): a
//! compressed or binary file is an error that says what it is and how to
//! get the text out, instead of an encoding error that echoes its bytes.
//! An input with no text at all parses (to no comments) with a warning,
//! so a failed download does not pass unnoticed.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::error::{Error, NotText};
use crate::parse::{self, Warning};
use crate::thread::Thread;
use crate::zone::Zone;

#[cfg(test)]
mod tests;
/// One input as read: its name, size and digest, and its thread or error.
#[derive(Debug)]
pub struct Loaded {
    /// The input as the user named it (`-` for standard input).
    pub source: String,
    /// Size in bytes (0 when unreadable).
    pub bytes: u64,
    /// Hex SHA-256 of the bytes, for run.json and incremental runs
    /// (`None` when unreadable).
    pub sha256: Option<String>,
    /// The parsed thread, or why there is none.
    pub result: Result<Thread, Error>,
}

/// Reads and parses one page.  The thread's `source` is the path as given.
pub fn read_thread(path: &Path) -> Result<Thread, Error> {
    load(path).result
}

/// Reads one file and parses it, keeping its size and digest.
pub fn load(path: &Path) -> Loaded {
    match std::fs::read(path) {
        Ok(bytes) => load_bytes(&crate::pipeline::input::path_name(path), &bytes),
        Err(source) => Loaded {
            source: crate::pipeline::input::path_name(path),
            bytes: 0,
            sha256: None,
            result: Err(Error::Io {
                path: path.to_owned(),
                source,
            }),
        },
    }
}

/// Parses bytes read elsewhere (standard input) under the name `name`.
pub fn load_bytes(name: &str, bytes: &[u8]) -> Loaded {
    Loaded {
        source: name.to_owned(),
        bytes: bytes.len() as u64,
        sha256: Some(sha256_hex(bytes)),
        result: parse_thread(name, bytes),
    }
}

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Parses a page's bytes into its thread, named `name`, reusing the
/// buffer for the comment bodies (see `parse::parse_owned`).
pub fn parse_thread_owned(name: &str, bytes: Vec<u8>) -> Result<Thread, Error> {
    parse_thread_owned_in(name, bytes, None)
}

/// [`parse_thread_owned`], with the page's times that name no zone read
/// in `zone` (`--tz`) instead of UTC.
pub fn parse_thread_owned_in(
    name: &str,
    bytes: Vec<u8>,
    zone: Option<&Zone>,
) -> Result<Thread, Error> {
    let before = Before::of(name, &bytes)?;
    parse::parse_owned(name, bytes)
        .map(|page| before.warn(Thread::from_packed(name, in_zone(page, zone))))
        .map_err(Error::from)
}

/// `page` with the times that named no zone read in `zone`: they were
/// read as UTC, so their fields are the wall-clock time to place.
fn in_zone(mut page: parse::PackedPage, zone: Option<&Zone>) -> parse::PackedPage {
    if let Some(zone) = zone {
        for c in page.comments.iter_mut().filter(|c| c.created_local) {
            c.created = c.created.map(|t| zone.instant(t).unwrap_or(t));
        }
    }
    page
}

/// [`sha256_hex`] of a page's bytes and [`parse_thread_owned`] of them,
/// the hash computed while the page is parsed (see
/// `parse::parse_owned_beside`) instead of before.
pub fn hash_and_parse_thread_owned(name: &str, bytes: Vec<u8>) -> (String, Result<Thread, Error>) {
    hash_and_parse_thread_owned_in(name, bytes, None)
}

/// [`hash_and_parse_thread_owned`] with `--tz` (see
/// [`parse_thread_owned_in`]).
pub fn hash_and_parse_thread_owned_in(
    name: &str,
    bytes: Vec<u8>,
    zone: Option<&Zone>,
) -> (String, Result<Thread, Error>) {
    let before = match Before::of(name, &bytes) {
        Ok(b) => b,
        Err(e) => return (sha256_hex(&bytes), Err(e)),
    };
    let (sha256, page) = parse::parse_owned_beside(name, bytes, sha256_hex);
    let thread = page
        .map(|page| before.warn(Thread::from_packed(name, in_zone(page, zone))))
        .map_err(Error::from);
    (sha256, thread)
}

/// Parses a page's bytes into its thread, named `name`.
pub fn parse_thread(name: &str, bytes: &[u8]) -> Result<Thread, Error> {
    let before = Before::of(name, bytes)?;
    parse::parse_bytes(name, bytes)
        .map(|page| before.warn(Thread::from_page(name, page)))
        .map_err(Error::from)
}

/// What is known of an input before it is parsed: whether it is empty.
struct Before {
    /// The warning an empty input gets.
    empty: Option<String>,
}

impl Before {
    /// Sniffs `bytes`: an error when they are not a text page.
    fn of(name: &str, bytes: &[u8]) -> Result<Before, Error> {
        if let Some(kind) = sniff(bytes) {
            return Err(Error::NotText {
                path: name.into(),
                kind,
            });
        }
        let empty = is_blank(bytes).then(|| {
            let what = if bytes.is_empty() {
                "empty input (0 bytes)".to_owned()
            } else {
                format!("blank input ({} bytes, all blanks)", bytes.len())
            };
            format!("{what}: no article and no comments; was the page fetched completely?")
        });
        Ok(Before { empty })
    }

    /// `thread`, with the empty-input warning first when there is one.
    fn warn(self, mut thread: Thread) -> Thread {
        if let Some(message) = self.empty {
            thread.warnings.insert(
                0,
                Warning {
                    line: 1,
                    column: 1,
                    message,
                },
            );
        }
        thread
    }
}

/// True when `bytes` hold no text: nothing, or only blanks (spaces, tabs,
/// line ends, no-break spaces) and byte-order marks.  It stops at the
/// first other byte, so a big page costs nothing.
pub fn is_blank(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    loop {
        rest = match rest {
            [] => return true,
            [b, tail @ ..] if b.is_ascii_whitespace() || *b == 0x0b => tail,
            [0xef, 0xbb, 0xbf, tail @ ..] | [0xc2, 0xa0, tail @ ..] => tail,
            _ => return false,
        };
    }
}

/// Bytes sniffed from the start of an input.
const SNIFF_BYTES: usize = 4096;

/// What an input's first bytes say it is, when that is not text: the
/// magic numbers of the common compressors and binary formats, or else
/// a start that is not UTF-8 and mostly control characters.  Text in
/// another encoding (Windows-1252, UTF-16) is left to the parser, whose
/// error names the encoding fix.
pub fn sniff(bytes: &[u8]) -> Option<NotText> {
    let compressed = |format, command| Some(NotText::Compressed { format, command });
    let binary = |what| Some(NotText::Binary { what });
    match bytes {
        [0x1f, 0x8b, ..] => compressed("gzip", "gzip -dc FILE > page.txt"),
        [b'P', b'K', 3, 4, ..] | [b'P', b'K', 5, 6, ..] | [b'P', b'K', 7, 8, ..] => {
            compressed("zip", "unzip FILE")
        }
        [b'B', b'Z', b'h', b'1'..=b'9', 0x31, 0x41, 0x59, 0x26, 0x53, 0x59, ..]
        | [b'B', b'Z', b'h', b'1'..=b'9', 0x17, 0x72, 0x45, 0x38, 0x50, 0x90, ..] => {
            compressed("bzip2", "bzip2 -dc FILE > page.txt")
        }
        [0xfd, b'7', b'z', b'X', b'Z', 0, ..] => compressed("xz", "xz -dc FILE > page.txt"),
        [0x28, 0xb5, 0x2f, 0xfd, ..] => compressed("zstd", "zstd -dc FILE > page.txt"),
        [b'%', b'P', b'D', b'F', b'-', ..] => binary("a PDF document"),
        [0x89, b'P', b'N', b'G', ..] => binary("a PNG image"),
        [0xff, 0xd8, 0xff, ..] => binary("a JPEG image"),
        [b'G', b'I', b'F', b'8', b'7' | b'9', b'a', ..] => binary("a GIF image"),
        [0x7f, b'E', b'L', b'F', ..] => binary("a program (ELF)"),
        _ => {
            let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
            // Control bytes other than NUL (UTF-16 text is full of NULs
            // and has its own message) and the usual blanks: about one
            // byte in ten of random data, none in text.
            let control = head
                .iter()
                .filter(|&&b| b < 0x20 && !matches!(b, 0 | b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
                .count();
            let not_utf8 = match std::str::from_utf8(head) {
                Ok(_) => false,
                // A character cut at the sniff's end is still text.
                Err(e) => e.error_len().is_some(),
            };
            (not_utf8 && control * 20 > head.len()).then_some(NotText::Binary {
                what: "binary data",
            })
        }
    }
}
