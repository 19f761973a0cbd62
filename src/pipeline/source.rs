//! `Source`: the bytes of one input turned into the threads it holds.
//!
//! A run reads every input through one `Source`.  A page holds one thread;
//! a platform export (issue 16) holds many, and one bad thread in it must not
//! hide the others, so a source hands back each thread or its error, in the
//! order they appear in the input.  Sources do no IO: the pipeline reads
//! the bytes (and hashes them for run.json and `--incremental`).

use crate::error::Error;
use crate::input::{hash_and_parse_thread_owned, parse_thread_owned, sha256_hex};
use crate::report::run::InputRecord;
use crate::thread::Thread;

use super::input::Input;

/// Turns one input's bytes into its threads.
pub trait Source: Sync {
    /// Short name of the format, as `--input-format` and run.json call it.
    fn format(&self) -> &'static str;

    /// The threads of the input named `name` (as the user named it), each
    /// parsed or failed, in input order.
    fn read(&self, name: &str, bytes: Vec<u8>) -> Vec<Result<Thread, Error>>;

    /// [`Source::read`] plus the hex SHA-256 of the bytes.  A source may
    /// compute the digest while it reads (pages do: issue 6); by default it
    /// is computed first.
    fn read_hashed(&self, name: &str, bytes: Vec<u8>) -> (String, Vec<Result<Thread, Error>>) {
        let sha256 = sha256_hex(&bytes);
        (sha256, self.read(name, bytes))
    }
}

/// Comment pages as moderators copy them (`grammars/thread.ebnf`): one
/// thread per input.
#[derive(Debug, Clone, Copy, Default)]
pub struct PageSource;

impl Source for PageSource {
    fn format(&self) -> &'static str {
        "page"
    }

    fn read(&self, name: &str, bytes: Vec<u8>) -> Vec<Result<Thread, Error>> {
        vec![parse_thread_owned(name, bytes)]
    }

    fn read_hashed(&self, name: &str, bytes: Vec<u8>) -> (String, Vec<Result<Thread, Error>>) {
        let (sha256, thread) = hash_and_parse_thread_owned(name, bytes);
        (sha256, vec![thread])
    }
}

/// One input read through a source, as `check` and `tree` use it.
#[derive(Debug)]
pub struct ReadInput {
    /// Its line in run.json (`comments` counts every thread's).
    pub record: InputRecord,
    /// Its threads, each read or failed, in input order.
    pub threads: Vec<Result<Thread, Error>>,
}

/// Reads `input` (standard input's bytes are `stdin`) through `source`.
pub fn read_input(source: &dyn Source, input: &Input, stdin: &[u8]) -> ReadInput {
    let mut record = InputRecord {
        path: input.name(),
        bytes: 0,
        sha256: String::new(),
        comments: 0,
        error: None,
        empty: false,
    };
    let threads = match input.read(stdin) {
        Ok(bytes) => {
            record.bytes = bytes.len() as u64;
            record.empty = crate::input::is_blank(&bytes);
            let (sha256, threads) = source.read_hashed(&record.path, bytes);
            record.sha256 = sha256;
            threads
        }
        Err(e) => vec![Err(e)],
    };
    record.comments = threads.iter().flatten().map(|t| t.tree.len()).sum();
    record.error = threads
        .iter()
        .find_map(|t| t.as_ref().err())
        .map(ToString::to_string);
    ReadInput { record, threads }
}
