//! Reading inputs: the only library module that does file IO for pages,
//! so parsing stays pure and testable on strings.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::parse;
use crate::thread::Thread;

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
        Ok(bytes) => load_bytes(&path.display().to_string(), &bytes),
        Err(source) => Loaded {
            source: path.display().to_string(),
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
    parse::parse_owned(name, bytes)
        .map(|page| Thread::from_packed(name, page))
        .map_err(Error::from)
}

/// [`sha256_hex`] of a page's bytes and [`parse_thread_owned`] of them,
/// the hash computed while the page is parsed (see
/// `parse::parse_owned_beside`) instead of before.
pub fn hash_and_parse_thread_owned(name: &str, bytes: Vec<u8>) -> (String, Result<Thread, Error>) {
    let (sha256, page) = parse::parse_owned_beside(name, bytes, sha256_hex);
    let thread = page
        .map(|page| Thread::from_packed(name, page))
        .map_err(Error::from);
    (sha256, thread)
}

/// Parses a page's bytes into its thread, named `name`.
pub fn parse_thread(name: &str, bytes: &[u8]) -> Result<Thread, Error> {
    parse::parse_bytes(name, bytes)
        .map(|page| Thread::from_page(name, page))
        .map_err(Error::from)
}
