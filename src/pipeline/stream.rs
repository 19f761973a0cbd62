//! Inputs too big to hold, read as a stream (issue 16): what the run
//! needs besides the threads (byte count, SHA-256, blankness) is computed
//! from the bytes as the source reads them.
//!
//! An input of at least `STREAM_BYTES` whose format streams (JSON Lines
//! exports, see `source::spool`; WXR, see `source::wxr`) is read this way; its threads reach the
//! analysis as they are built, so the run holds one thread, not the file.
//! `THREADWATCH_STREAM_BYTES` sets another size (hidden; the tests set 1
//! to show the streamed reports are the in-memory ones byte for byte).

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;

use sha2::{Digest, Sha256};

use super::source::{Emit, Source, STREAM_HEAD};

/// Inputs this big or bigger are streamed when their format allows.
pub const STREAM_BYTES: u64 = 64 << 20;

/// The size from which inputs are streamed: `STREAM_BYTES`, or the
/// hidden `THREADWATCH_STREAM_BYTES`.
pub fn stream_bytes() -> u64 {
    std::env::var("THREADWATCH_STREAM_BYTES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(STREAM_BYTES)
}

/// What the run records of a streamed input.
pub struct Streamed {
    /// Bytes read.
    pub bytes: u64,
    /// Their hex SHA-256.
    pub sha256: String,
    /// Whether they were all blank (`input::is_blank`).
    pub empty: bool,
    /// `emit`'s error, which stopped the reading.
    pub sink_error: Option<io::Error>,
}

/// Streams the file `path` (named `name`) through `source` into `emit`,
/// spooling in `dir`; `None` (nothing read) when the file cannot be
/// opened or its format does not stream, for the caller to read it whole.
pub fn stream_file(
    source: &dyn Source,
    name: &str,
    path: &Path,
    dir: &Path,
    emit: &mut Emit<'_>,
) -> Option<Streamed> {
    let mut head = Vec::with_capacity(STREAM_HEAD);
    File::open(path)
        .ok()?
        .take(STREAM_HEAD as u64)
        .read_to_end(&mut head)
        .ok()?;
    if !source.streams(&head) {
        return None;
    }
    let mut hashing = Hashing::new(File::open(path).ok()?);
    let mut reader = BufReader::with_capacity(256 << 10, &mut hashing);
    let sink_error = source.read_stream(name, &mut reader, dir, emit).err();
    drop(reader);
    // Whatever the source left unread still counts, as in memory.
    let _ = io::copy(&mut hashing, &mut io::sink());
    Some(Streamed {
        bytes: hashing.bytes,
        sha256: hashing
            .sha
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
        empty: hashing.blank.done(),
        sink_error,
    })
}

/// A reader that hashes, counts and checks for blankness what it passes.
struct Hashing<R> {
    inner: R,
    sha: Sha256,
    bytes: u64,
    blank: Blank,
}

impl<R: Read> Hashing<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
            sha: Sha256::new(),
            bytes: 0,
            blank: Blank::default(),
        }
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.sha.update(&buf[..n]);
        self.bytes += n as u64;
        self.blank.feed(&buf[..n]);
        Ok(n)
    }
}

/// `input::is_blank` over bytes that come in pieces: whitespace, BOMs
/// and no-break spaces only.
#[derive(Default)]
struct Blank {
    not: bool,
    /// The start of a BOM or no-break space cut at a piece's end.
    carry: Vec<u8>,
}

impl Blank {
    fn feed(&mut self, piece: &[u8]) {
        if self.not || piece.is_empty() {
            return;
        }
        let mut data = std::mem::take(&mut self.carry);
        data.extend_from_slice(piece);
        let mut rest = &data[..];
        loop {
            rest = match rest {
                [] => return,
                [b, tail @ ..] if b.is_ascii_whitespace() || *b == 0x0b => tail,
                [0xef, 0xbb, 0xbf, tail @ ..] | [0xc2, 0xa0, tail @ ..] => tail,
                [0xef] | [0xef, 0xbb] | [0xc2] => {
                    self.carry = rest.to_vec();
                    return;
                }
                _ => {
                    self.not = true;
                    return;
                }
            };
        }
    }

    fn done(&self) -> bool {
        !self.not && self.carry.is_empty()
    }
}

#[cfg(test)]
mod tests;
