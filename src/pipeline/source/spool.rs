//! Exports too big to hold, read in bounded memory: their comments sorted
//! by thread on disk, then built thread by thread (issue 16).
//!
//! A JSON Lines export (Reddit-style or generic) may name any thread on
//! any line, so no thread is known to be complete before the end of the
//! file.  The streaming readers turn each line into a [`Said`] and hand
//! it to a `Spool`.  The spool numbers threads in the order the file
//! first names them and keeps records in a buffer of about `RUN_BYTES`;
//! a full buffer is sorted by thread number (a stable sort, so each
//! thread's records stay in file order) and written to an unlinked
//! temporary file, a "run".  At the end the runs are merged (k-way, on
//! thread number then run), so records come back thread by thread in
//! first-appearance order, each thread's in file order: the order in
//! which the in-memory readers build them, so the threads are the same.
//! Each thread is built and handed on as soon as its last record is read.
//! Memory is the buffer, a read buffer per run, the thread keys and the
//! largest thread, whatever the size of the file.
//!
//! Files split by a hash of the thread key would need no merge, but a
//! thread's place in the output would then depend on its file; keeping
//! the in-memory order would mean holding every other file's threads.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, Write};
use std::path::Path;

use rustc_hash::FxHashMap;

use super::build::{build, Draft, ThreadDraft};
use super::records::first_title;
use crate::error::{Error, ParseError, ParseErrorKind};
use crate::thread::Thread;
use crate::time::Timestamp;
use crate::tree::Status;

/// Records buffered before they are sorted and written as a run.
const RUN_BYTES: usize = 32 << 20;

/// What one line of a JSON Lines export says.
pub enum Said<'a> {
    /// Nothing to keep (a submission without a title).
    Nothing,
    /// An error on the line; it is reported after the threads.
    Bad(Error),
    /// A submission naming its post's title (Reddit-style).
    Title {
        /// The thread's key.
        thread: std::borrow::Cow<'a, str>,
        /// Its title.
        title: String,
    },
    /// A comment of thread `thread`, which also gives the thread a title
    /// when `title` is set (generic JSON Lines).
    Comment {
        /// The thread's key.
        thread: std::borrow::Cow<'a, str>,
        /// A title for the thread.
        title: Option<String>,
        /// The comment.
        draft: Draft,
    },
}

impl Said<'_> {
    /// The same, owning what it borrowed.
    pub fn into_owned(self) -> Said<'static> {
        match self {
            Said::Nothing => Said::Nothing,
            Said::Bad(e) => Said::Bad(e),
            Said::Title { thread, title } => Said::Title {
                thread: std::borrow::Cow::Owned(thread.into_owned()),
                title,
            },
            Said::Comment {
                thread,
                title,
                draft,
            } => Said::Comment {
                thread: std::borrow::Cow::Owned(thread.into_owned()),
                title,
                draft,
            },
        }
    }
}

/// What the JSON line `raw` says through `said`, with each lone
/// surrogate escape (`"\ud800"`, which serde_json refuses, so the
/// comment was lost) read as U+FFFD and a warning on the comment (issue
/// 27).
/// `None` when the line has none: `said` reads it as it is.
pub fn surrogate_safe(raw: &str, said: &mut dyn FnMut(&str) -> Said<'_>) -> Option<Said<'static>> {
    let (fixed, n) = lone_surrogates(raw)?;
    Some(match said(&fixed).into_owned() {
        Said::Comment {
            thread,
            title,
            mut draft,
        } => {
            draft.warning = Some(format!(
                "read {n} lone surrogate escape(s) (half of a UTF-16 pair, such as \\ud800) \
                 as U+FFFD"
            ));
            Said::Comment {
                thread,
                title,
                draft,
            }
        }
        other => other,
    })
}

/// `raw` with each `\uXXXX` escape of a lone surrogate replaced by
/// `\ufffd`, and how many there were; `None` when there is none.
pub(super) fn lone_surrogates(raw: &str) -> Option<(String, usize)> {
    if !raw.contains("\\u") {
        return None;
    }
    let b = raw.as_bytes();
    let unit = |at: usize| -> Option<u32> {
        if b.get(at) != Some(&b'\\') || b.get(at + 1) != Some(&b'u') {
            return None;
        }
        let hex = std::str::from_utf8(b.get(at + 2..at + 6)?).ok()?;
        u32::from_str_radix(hex, 16).ok()
    };
    let mut lone = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        match unit(i) {
            Some(0xD800..=0xDBFF) if matches!(unit(i + 6), Some(0xDC00..=0xDFFF)) => i += 12,
            Some(0xD800..=0xDFFF) => {
                lone.push(i);
                i += 6;
            }
            Some(_) => i += 6,
            None => i += 2,
        }
    }
    if lone.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(raw.len());
    let mut last = 0;
    for &at in &lone {
        out.push_str(&raw[last..at]);
        out.push_str("\\ufffd");
        last = at + 6;
    }
    out.push_str(&raw[last..]);
    Some((out, lone.len()))
}

/// Where the threads and errors of a streamed input go; an `Err` from it
/// (a sink that cannot write) stops the reading.
pub type Emit<'e> = dyn FnMut(Result<Thread, Error>) -> io::Result<()> + 'e;

/// Reads the JSON Lines export `name` from `reader` line by line, each
/// non-blank line through `said`, spooling in `dir`; hands `emit` the
/// threads in first-appearance order, then the lines' errors, as the
/// in-memory reader returns them.  Input that is not UTF-8 is one error,
/// as in memory; so is a read or spill failure (after the threads that
/// were complete).
pub fn stream_lines(
    name: &str,
    reader: &mut dyn BufRead,
    dir: &Path,
    emit: &mut Emit<'_>,
    said: &mut dyn FnMut(u32, &str) -> Said<'_>,
) -> io::Result<()> {
    stream_lines_in(name, reader, dir, RUN_BYTES, emit, said)
}

/// [`stream_lines`] with runs of about `run_bytes` (the tests make many).
fn stream_lines_in(
    name: &str,
    reader: &mut dyn BufRead,
    dir: &Path,
    run_bytes: usize,
    emit: &mut Emit<'_>,
    said: &mut dyn FnMut(u32, &str) -> Said<'_>,
) -> io::Result<()> {
    let io_error = |source: io::Error| Error::Io {
        path: name.into(),
        source,
    };
    let mut spool = Spool::new(name, dir, run_bytes);
    let mut errors = Vec::new();
    let mut buf = Vec::new();
    let (mut line_no, mut offset) = (0u32, 0usize);
    loop {
        buf.clear();
        let n = match reader.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => return emit(Err(io_error(e))),
        };
        line_no = line_no.saturating_add(1);
        let start = offset;
        offset += n;
        // As `str::lines`: the `\n`, then a `\r` before it.
        let mut bytes = &buf[..];
        if let Some(b) = bytes.strip_suffix(b"\n") {
            bytes = b.strip_suffix(b"\r").unwrap_or(b);
        }
        let raw = match std::str::from_utf8(bytes) {
            Ok(r) => r,
            Err(e) => return emit(Err(not_utf8(name, line_no, start, bytes, &e))),
        };
        let raw = raw.trim_start_matches('\u{feff}');
        if raw.trim().is_empty() {
            continue;
        }
        let step = match said(line_no, raw) {
            Said::Nothing => Ok(()),
            Said::Bad(e) => {
                errors.push(e);
                Ok(())
            }
            Said::Title { thread, title } => spool
                .thread(&thread)
                .and_then(|t| spool.push(t, &Record::Title(&title))),
            Said::Comment {
                thread,
                title,
                draft,
            } => spool.thread(&thread).and_then(|t| {
                if let Some(title) = &title {
                    spool.push(t, &Record::Title(title))?;
                }
                spool.push(t, &Record::Comment(&draft))
            }),
        };
        if let Err(e) = step {
            return emit(Err(io_error(e)));
        }
    }
    match spool.finish(emit) {
        Ok(Ok(())) => {}
        Ok(Err(sink)) => return Err(sink),
        Err(e) => return emit(Err(io_error(e))),
    }
    for e in errors {
        emit(Err(e))?;
    }
    Ok(())
}

/// The error `utf8` gives for the whole input, found on line `line`
/// (which starts at byte `start` and holds `bytes`).
fn not_utf8(name: &str, line: u32, start: usize, bytes: &[u8], e: &std::str::Utf8Error) -> Error {
    let valid = &bytes[..e.valid_up_to()];
    let column = String::from_utf8_lossy(valid).chars().count() + 1;
    Error::Parse(Box::new(ParseError {
        path: name.to_owned(),
        line,
        column: u32::try_from(column).unwrap_or(u32::MAX),
        kind: ParseErrorKind::InvalidUtf8 {
            offset: start + e.valid_up_to(),
        },
        source_line: String::new(),
    }))
}

/// One spooled record.
enum Record<'r> {
    /// The thread's title from here on.
    Title(&'r str),
    /// A comment.
    Comment(&'r Draft),
}

/// Threads numbered by first appearance, their records sorted on disk.
struct Spool<'p> {
    path: &'p str,
    dir: &'p Path,
    run_bytes: usize,
    keys: FxHashMap<String, u32>,
    /// Encoded records of the current run, and (thread, start, end) for
    /// each.
    arena: Vec<u8>,
    index: Vec<(u32, usize, usize)>,
    runs: Vec<File>,
}

impl<'p> Spool<'p> {
    fn new(path: &'p str, dir: &'p Path, run_bytes: usize) -> Self {
        Self {
            path,
            dir,
            run_bytes,
            keys: FxHashMap::default(),
            arena: Vec::new(),
            index: Vec::new(),
            runs: Vec::new(),
        }
    }

    /// The number of the thread `key`, made (with its first title) if new.
    fn thread(&mut self, key: &str) -> io::Result<u32> {
        if let Some(&t) = self.keys.get(key) {
            return Ok(t);
        }
        let t = u32::try_from(self.keys.len()).map_err(io::Error::other)?;
        self.keys.insert(key.to_owned(), t);
        self.push(t, &Record::Title(&first_title(key, self.path)))?;
        Ok(t)
    }

    fn push(&mut self, thread: u32, r: &Record<'_>) -> io::Result<()> {
        let start = self.arena.len();
        encode(&mut self.arena, r);
        self.index.push((thread, start, self.arena.len()));
        if self.arena.len() >= self.run_bytes {
            self.write_run()?;
        }
        Ok(())
    }

    /// Writes the buffer, sorted by thread, as a run.
    fn write_run(&mut self) -> io::Result<()> {
        if self.index.is_empty() {
            return Ok(());
        }
        self.index.sort_by_key(|&(t, _, _)| t);
        let mut w = BufWriter::with_capacity(256 << 10, tempfile::tempfile_in(self.dir)?);
        for &(t, start, end) in &self.index {
            let len = u32::try_from(end - start).map_err(io::Error::other)?;
            w.write_all(&t.to_le_bytes())?;
            w.write_all(&len.to_le_bytes())?;
            w.write_all(&self.arena[start..end])?;
        }
        let mut file = w.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.rewind()?;
        self.runs.push(file);
        self.arena.clear();
        self.index.clear();
        Ok(())
    }

    /// Merges the runs and hands each thread to `emit`; the outer error
    /// is the spool's, the inner one `emit`'s.
    fn finish(mut self, emit: &mut Emit<'_>) -> io::Result<io::Result<()>> {
        self.write_run()?;
        let mut runs: Vec<Run> = self
            .runs
            .into_iter()
            .map(|f| Run {
                reader: BufReader::with_capacity(64 << 10, f),
                body: Vec::new(),
            })
            .collect();
        let mut heap = BinaryHeap::new();
        for (i, r) in runs.iter_mut().enumerate() {
            if let Some(t) = r.next()? {
                heap.push(Reverse((t, i)));
            }
        }
        let mut current: Option<(u32, ThreadDraft)> = None;
        while let Some(Reverse((t, i))) = heap.pop() {
            if current.as_ref().is_some_and(|(c, _)| *c != t) {
                if let Some((_, draft)) = current.take() {
                    if let Err(e) = emit(build(self.path, draft)) {
                        return Ok(Err(e));
                    }
                }
            }
            let (_, draft) = current.get_or_insert_with(|| (t, ThreadDraft::default()));
            decode(&runs[i].body, draft)?;
            if let Some(next) = runs[i].next()? {
                heap.push(Reverse((next, i)));
            }
        }
        if let Some((_, draft)) = current {
            return Ok(emit(build(self.path, draft)));
        }
        Ok(Ok(()))
    }
}

/// A run being merged: its reader and the body of its current record.
struct Run {
    reader: BufReader<File>,
    body: Vec<u8>,
}

impl Run {
    /// Reads the next record; its thread, or `None` at the end.
    fn next(&mut self) -> io::Result<Option<u32>> {
        let mut head = [0u8; 8];
        match self.reader.read_exact(&mut head) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
            Err(e) => return Err(e),
        }
        let [t0, t1, t2, t3, l0, l1, l2, l3] = head;
        let len = u32::from_le_bytes([l0, l1, l2, l3]) as usize;
        self.body.resize(len, 0);
        self.reader.read_exact(&mut self.body)?;
        Ok(Some(u32::from_le_bytes([t0, t1, t2, t3])))
    }
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u64).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

fn put_opt(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => {
            out.push(1);
            put_str(out, s);
        }
        None => out.push(0),
    }
}

fn encode(out: &mut Vec<u8>, r: &Record<'_>) {
    match r {
        Record::Title(t) => {
            out.push(0);
            put_str(out, t);
        }
        Record::Comment(d) => {
            out.push(1);
            put_str(out, &d.id);
            put_opt(out, d.parent.as_deref());
            put_opt(out, d.author.as_deref());
            put_opt(out, d.author_id.as_deref());
            put_opt(out, d.warning.as_deref());
            put_str(out, &d.body);
            match d.created {
                Some(t) => {
                    out.push(1);
                    out.extend_from_slice(&t.0.to_le_bytes());
                }
                None => out.push(0),
            }
            out.push(match d.status {
                None => 0,
                Some(Status::Approved) => 1,
                Some(Status::Pending) => 2,
                Some(Status::Spam) => 3,
                Some(Status::Deleted) => 4,
            });
            out.extend_from_slice(&d.line.to_le_bytes());
            out.extend_from_slice(&d.column.to_le_bytes());
        }
    }
}

/// Reads a spooled record back from bytes this process wrote.
struct Cursor<'b>(&'b [u8]);

impl Cursor<'_> {
    fn bytes(&mut self, n: usize) -> io::Result<&[u8]> {
        if self.0.len() < n {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "a spool file was cut short",
            ));
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn byte(&mut self) -> io::Result<u8> {
        Ok(self.bytes(1)?[0])
    }

    fn array<const N: usize>(&mut self) -> io::Result<[u8; N]> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.bytes(N)?);
        Ok(a)
    }

    fn string(&mut self) -> io::Result<String> {
        let len = usize::try_from(u64::from_le_bytes(self.array()?)).map_err(io::Error::other)?;
        String::from_utf8(self.bytes(len)?.to_vec())
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }

    fn opt(&mut self) -> io::Result<Option<String>> {
        match self.byte()? {
            0 => Ok(None),
            _ => self.string().map(Some),
        }
    }
}

/// Applies the record in `body` to `draft`.
fn decode(body: &[u8], draft: &mut ThreadDraft) -> io::Result<()> {
    let mut c = Cursor(body);
    if c.byte()? == 0 {
        draft.title = c.string()?;
        return Ok(());
    }
    let id = c.string()?;
    let parent = c.opt()?;
    let author = c.opt()?;
    let author_id = c.opt()?;
    let warning = c.opt()?;
    let body = c.string()?;
    let created = match c.byte()? {
        0 => None,
        _ => Some(Timestamp(i64::from_le_bytes(c.array()?))),
    };
    let status = match c.byte()? {
        1 => Some(Status::Approved),
        2 => Some(Status::Pending),
        3 => Some(Status::Spam),
        4 => Some(Status::Deleted),
        _ => None,
    };
    let line = u32::from_le_bytes(c.array()?);
    let column = u32::from_le_bytes(c.array()?);
    draft.comments.push(Draft {
        id,
        parent,
        author,
        author_id,
        warning,
        body,
        created,
        status,
        line,
        column,
    });
    Ok(())
}

#[cfg(test)]
mod tests;
