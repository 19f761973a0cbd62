//! `Source`: the bytes of one input turned into the threads it holds.
//!
//! A run reads every input through one `Source`.  A page holds one thread;
//! a platform export (issue 16) holds many, and one bad thread in it must not
//! hide the others, so a source hands back each thread or its error, in the
//! order they appear in the input.  Sources do no IO: the pipeline reads
//! the bytes (and hashes them for run.json and `--incremental`).
//!
//! Pages are one source; each platform export is another, in its own
//! module (issue 16): `wxr`, `disqus`, `reddit`, and `records` for generic
//! JSON Lines and CSV, all building their trees through `build`.
//! `detect` picks one from the input's first bytes, and [`Sources`] holds
//! one of each, configured by `--input-format` and `--field`.

pub mod build;
pub mod detect;
pub mod disqus;
pub mod html_text;
mod json_value;
mod position;
pub mod records;
pub mod reddit;
pub mod spool;
mod stamp;
pub mod wxr;
mod xml;

#[cfg(test)]
mod tests;

use std::io::{self, BufRead, Read};
use std::path::Path;

use crate::error::{Error, ParseError, ParseErrorKind};
use crate::input::{hash_and_parse_thread_owned_in, parse_thread_owned_in, sha256_hex};
use crate::pipeline::input::Input;
use crate::report::run::InputRecord;
use crate::thread::Thread;
use crate::zone::Zone;
pub use detect::{detect, FORMATS};
pub use disqus::DisqusSource;
pub use records::{CsvSource, FieldError, Fields, JsonlSource};
pub use reddit::RedditSource;
pub use spool::Emit;
pub use wxr::WxrSource;

/// Turns one input's bytes into its threads.
pub trait Source: Sync {
    /// Short name of the format, as `--input-format` and run.json call it.
    fn format(&self) -> &'static str;

    /// The threads of the input named `name` (as the user named it), each
    /// parsed or failed, in input order.
    fn read(&self, name: &str, bytes: Vec<u8>) -> Vec<Result<Thread, Error>>;

    /// Everything that changes what this source reads from the same bytes
    /// (its format, and for generic exports the `--field` mapping): the
    /// `--incremental` state is only reused when it is unchanged.
    fn settings(&self) -> String {
        self.format().to_owned()
    }

    /// Whether [`Source::read_stream`] reads `head` (an input's first
    /// bytes, up to [`STREAM_HEAD`]) in bounded memory; when not, it holds
    /// the input like [`Source::read`].
    fn streams(&self, _head: &[u8]) -> bool {
        false
    }

    /// The threads of an input too big to hold, read from `reader` and
    /// handed to `emit` in the order [`Source::read`] returns them (the
    /// same threads and errors), spooling in `dir` where the format needs
    /// it.  An `Err` is `emit`'s, which stops the reading; a failure to
    /// read the input is one of its errors.  By default the input is read
    /// whole and given to [`Source::read`].
    fn read_stream(
        &self,
        name: &str,
        reader: &mut dyn BufRead,
        dir: &Path,
        emit: &mut Emit<'_>,
    ) -> io::Result<()> {
        let _ = dir;
        let mut bytes = Vec::new();
        if let Err(source) = reader.read_to_end(&mut bytes) {
            return emit(Err(Error::Io {
                path: name.into(),
                source,
            }));
        }
        for t in self.read(name, bytes) {
            emit(t)?;
        }
        Ok(())
    }

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
        vec![parse_thread_owned_in(name, bytes, None)]
    }

    fn read_hashed(&self, name: &str, bytes: Vec<u8>) -> (String, Vec<Result<Thread, Error>>) {
        let (sha256, thread) = hash_and_parse_thread_owned_in(name, bytes, None);
        (sha256, vec![thread])
    }
}

/// Pages whose times without a zone are read in `--tz` (issue 27) rather
/// than UTC.
#[derive(Debug, Clone)]
pub struct ZonedPageSource {
    /// The zone of the pages' wall-clock times.
    pub zone: Zone,
}

impl Source for ZonedPageSource {
    fn format(&self) -> &'static str {
        "page"
    }

    fn settings(&self) -> String {
        format!("page tz {}", self.zone.name())
    }

    fn read(&self, name: &str, bytes: Vec<u8>) -> Vec<Result<Thread, Error>> {
        vec![parse_thread_owned_in(name, bytes, Some(&self.zone))]
    }

    fn read_hashed(&self, name: &str, bytes: Vec<u8>) -> (String, Vec<Result<Thread, Error>>) {
        let (sha256, thread) = hash_and_parse_thread_owned_in(name, bytes, Some(&self.zone));
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

/// The input's bytes as text, or the error naming the first bad byte
/// (exports must be UTF-8, as pages must).
pub fn utf8<'b>(name: &str, bytes: &'b [u8]) -> Result<&'b str, Error> {
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        let start = valid.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[start..]).chars().count() + 1;
        Error::Parse(Box::new(ParseError {
            path: name.to_owned(),
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
            kind: ParseErrorKind::InvalidUtf8 {
                offset: e.valid_up_to(),
            },
            source_line: String::new(),
        }))
    })
}

/// One source of each format, configured for a run: what `--input-format`
/// and `--field` choose from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// `Some(format)` forces one format for every input (`--input-format`);
    /// `None` detects each input's.
    pub forced: Option<&'static str>,
    page: PageSource,
    /// Pages read in `--tz`, which then replace `page`.
    zoned: Option<ZonedPageSource>,
    wxr: WxrSource,
    disqus: DisqusSource,
    reddit: RedditSource,
    jsonl: JsonlSource,
    csv: CsvSource,
}

impl Sources {
    /// Sources that detect each input's format, reading generic exports
    /// with `fields`.
    pub fn new(fields: Fields) -> Self {
        Self {
            jsonl: JsonlSource {
                fields: fields.clone(),
                zone: None,
            },
            csv: CsvSource { fields, zone: None },
            ..Self::default()
        }
    }

    /// These sources with pages' times that name no zone read in `zone`
    /// (`--tz`) instead of UTC.
    pub fn in_zone(mut self, zone: Option<Zone>) -> Self {
        // Generic exports' times too (issue 27); the platforms' own exports
        // say UTC (WordPress `comment_date_gmt`, Disqus, Reddit seconds).
        self.jsonl.zone.clone_from(&zone);
        self.csv.zone.clone_from(&zone);
        self.zoned = zone.map(|zone| ZonedPageSource { zone });
        self
    }

    /// These sources with every input read as `format` (`auto` detects);
    /// `None` when the name is not one of [`FORMATS`].
    pub fn forcing(mut self, format: &str) -> Option<Self> {
        self.forced = match format {
            "auto" => None,
            f => Some(*FORMATS.iter().find(|n| **n == f)?),
        };
        Some(self)
    }

    /// The source named `format` (one of [`FORMATS`]; pages otherwise).
    pub fn named(&self, format: &str) -> &dyn Source {
        match format {
            "wxr" => &self.wxr,
            "disqus" => &self.disqus,
            "reddit" => &self.reddit,
            "jsonl" => &self.jsonl,
            "csv" => &self.csv,
            _ => match &self.zoned {
                Some(z) => z,
                None => &self.page,
            },
        }
    }

    /// The source for an input whose bytes are `bytes`: the forced one, or
    /// the one [`detect()`] picks.
    pub fn for_bytes(&self, bytes: &[u8]) -> &dyn Source {
        self.named(
            self.forced
                .unwrap_or_else(|| detect(bytes, &self.jsonl.fields)),
        )
    }
}

/// The run's one source: each input goes to the reader its bytes call
/// for (or the forced one), so a run may mix pages and exports.
impl Source for Sources {
    fn format(&self) -> &'static str {
        self.forced.unwrap_or("auto")
    }

    fn settings(&self) -> String {
        // JSON Lines and CSV share one mapping (`Sources::new`).  The zone
        // changes the times read from the same bytes, so `--incremental`
        // must not reuse an input read in another (issue 27); without
        // `--tz` the settings, and so old state files, are as before.
        let mut s = format!("{} fields {:?}", self.format(), self.jsonl.fields);
        if let Some(z) = &self.zoned {
            s.push_str(&format!(" tz {}", z.zone.name()));
        }
        s
    }

    fn read(&self, name: &str, bytes: Vec<u8>) -> Vec<Result<Thread, Error>> {
        self.for_bytes(&bytes).read(name, bytes)
    }

    fn read_hashed(&self, name: &str, bytes: Vec<u8>) -> (String, Vec<Result<Thread, Error>>) {
        self.for_bytes(&bytes).read_hashed(name, bytes)
    }

    fn streams(&self, head: &[u8]) -> bool {
        self.for_bytes(head).streams(head)
    }

    /// Detects the format from the first [`STREAM_HEAD`] bytes, as
    /// [`Sources::for_bytes`] does from the whole input.
    fn read_stream(
        &self,
        name: &str,
        reader: &mut dyn BufRead,
        dir: &Path,
        emit: &mut Emit<'_>,
    ) -> io::Result<()> {
        let mut head = Vec::with_capacity(STREAM_HEAD);
        if let Err(source) = reader.take(STREAM_HEAD as u64).read_to_end(&mut head) {
            return emit(Err(Error::Io {
                path: name.into(),
                source,
            }));
        }
        let source = self.for_bytes(&head);
        let mut rest = io::BufReader::new(io::Cursor::new(head).chain(reader));
        source.read_stream(name, &mut rest, dir, emit)
    }
}

/// How much of an input format detection reads: what a streaming reader
/// must be shown to pick the same format as for the whole input.
pub const STREAM_HEAD: usize = detect::SNIFF;
