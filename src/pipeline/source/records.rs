//! Generic JSON Lines and CSV exports: one comment per line or row, with
//! the fields `id`, `parent_id`, `thread`, `author`, `created`, `text`
//! (and optionally `title`, `status`), named otherwise with `--field`
//! (issue 16; `grammars/exports.md`).
//!
//! Only `id` and `text` are required.  Without `thread` the file is one
//! thread named after it; without `parent_id` every comment is top-level.
//! JSON is read with serde_json, CSV with the csv crate.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, BufRead};
use std::path::Path;

use rustc_hash::FxHashMap;

use super::build::{build, Draft, ThreadDraft};
use super::reddit::unix_text;
use super::spool::{stream_lines, surrogate_safe, Emit, Said};
use super::stamp::export_local_time;
use super::{utf8, Source};
use crate::error::{Error, ParseError, ParseErrorKind};
use crate::thread::Thread;
use crate::time::Timestamp;
use crate::tree::Status;
use crate::zone::Zone;

mod object;

/// The names of the fields a generic export uses for ours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    /// The comment's id.
    pub id: String,
    /// The parent comment's id (empty or missing for top-level).
    pub parent_id: String,
    /// The thread's id.
    pub thread: String,
    /// The thread's title.
    pub title: String,
    /// The author's name.
    pub author: String,
    /// The platform's stable id of the author (`comments.csv`'s
    /// `author_id`): people are told apart by it rather than by name.
    pub author_id: String,
    /// When it was posted: ISO 8601, `YYYY-MM-DD HH:MM:SS` (UTC) or Unix
    /// seconds.
    pub created: String,
    /// The text.
    pub text: String,
    /// `approved`, `pending`, `spam` or `deleted`.
    pub status: String,
}

impl Default for Fields {
    fn default() -> Self {
        Self {
            id: "id".into(),
            parent_id: "parent_id".into(),
            thread: "thread".into(),
            title: "title".into(),
            author: "author".into(),
            author_id: "author_id".into(),
            created: "created".into(),
            text: "text".into(),
            status: "status".into(),
        }
    }
}

/// A `--field` value that is not `ours=theirs,...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError(pub String);

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FieldError {}

impl Fields {
    /// The fields with the `ours=theirs` pairs of `spec` applied (pairs
    /// separated by commas).
    pub fn parse(spec: &str) -> Result<Self, FieldError> {
        let mut f = Fields::default();
        f.apply(spec)?;
        Ok(f)
    }

    /// Applies `ours=theirs,...` to these fields.
    pub fn apply(&mut self, spec: &str) -> Result<(), FieldError> {
        for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((ours, theirs)) = pair.split_once('=') else {
                return Err(FieldError(format!(
                    "expected FIELD=NAME in --field, found {pair:?}"
                )));
            };
            let slot = match ours.trim() {
                "id" => &mut self.id,
                "parent_id" => &mut self.parent_id,
                "thread" => &mut self.thread,
                "title" => &mut self.title,
                "author" => &mut self.author,
                "author_id" => &mut self.author_id,
                "created" => &mut self.created,
                "text" => &mut self.text,
                "status" => &mut self.status,
                other => {
                    return Err(FieldError(format!(
                        "expected one of id, parent_id, thread, title, author, author_id, \
                         created, text, status before '=' in --field, found {other:?}"
                    )))
                }
            };
            *slot = theirs.trim().to_owned();
        }
        Ok(())
    }
}

/// Threads by key, in the order the file first names them.
#[derive(Default)]
pub struct Grouper {
    order: Vec<ThreadDraft>,
    index: FxHashMap<String, usize>,
}

impl Grouper {
    /// The thread with `key`, made if new; its title is the key until the
    /// file gives one (or the file's name, for the file's only thread).
    pub fn get(&mut self, key: &str, path: &str) -> &mut ThreadDraft {
        let i = match self.index.get(key) {
            Some(&i) => i,
            None => {
                self.order.push(ThreadDraft {
                    title: first_title(key, path),
                    ..ThreadDraft::default()
                });
                self.index.insert(key.to_owned(), self.order.len() - 1);
                self.order.len() - 1
            }
        };
        &mut self.order[i]
    }

    /// The threads, in order.
    pub fn into_drafts(self) -> Vec<ThreadDraft> {
        self.order
    }
}

/// The title of thread `key` of the input `path` until the file gives one:
/// the key, or the file's name for the file's only thread.
pub fn first_title(key: &str, path: &str) -> String {
    if key.is_empty() {
        file_stem(path).to_owned()
    } else {
        key.to_owned()
    }
}

fn file_stem(path: &str) -> &str {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    match name.rfind('.') {
        Some(dot) if dot > 0 => &name[..dot],
        _ => name,
    }
}

/// An error on line `line` (text `raw`) of a JSON Lines file.
pub fn json_error(
    path: &str,
    format: &'static str,
    line: u32,
    raw: &str,
    e: &serde_json::Error,
) -> Error {
    // serde_json counts columns in bytes; errors count characters.
    let byte = e.column().saturating_sub(1).min(raw.len());
    let mut b = byte;
    while !raw.is_char_boundary(b) {
        b -= 1;
    }
    let column = raw[..b].chars().count() + 1;
    let msg = e.to_string();
    let msg = msg.split(" at line ").next().unwrap_or(&msg);
    let message = if e.is_eof() {
        "expected one JSON object per line, found the line's end inside one (a truncated \
         line or a line break inside a string)"
            .to_owned()
    } else {
        format!("expected one JSON object per line: {msg}")
    };
    export_error(
        path,
        format,
        line,
        u32::try_from(column).unwrap_or(u32::MAX),
        raw,
        message,
    )
}

fn export_error(
    path: &str,
    format: &'static str,
    line: u32,
    column: u32,
    raw: &str,
    message: String,
) -> Error {
    Error::Parse(Box::new(ParseError {
        path: path.to_owned(),
        line,
        column,
        kind: ParseErrorKind::Export { format, message },
        source_line: raw.to_owned(),
    }))
}

/// A time as generic exports write it: ISO 8601 or another form the page
/// grammar knows, or Unix seconds.
/// A wall-clock time that names no zone is read in `zone` (`--tz`, issue
/// 27), as a page's is; else as UTC.
fn time_of(s: &str, zone: Option<&Zone>) -> Option<Timestamp> {
    let s = s.trim();
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return unix_text(s);
    }
    match (export_local_time(s)?, zone) {
        ((t, true), Some(zone)) => zone.instant(t),
        ((t, _), _) => Some(t),
    }
}

fn status_of(s: &str) -> Option<Status> {
    match s.trim().to_lowercase().as_str() {
        "approved" | "approve" | "1" | "published" | "visible" => Some(Status::Approved),
        "pending" | "hold" | "unapproved" | "0" => Some(Status::Pending),
        "spam" => Some(Status::Spam),
        "deleted" | "removed" | "trash" => Some(Status::Deleted),
        _ => None,
    }
}

/// One comment's fields, by our names, as text borrowed from the input
/// where it can be.
#[derive(Default)]
struct Cells<'a> {
    id: Option<Cow<'a, str>>,
    parent_id: Option<Cow<'a, str>>,
    thread: Option<Cow<'a, str>>,
    title: Option<Cow<'a, str>>,
    author: Option<Cow<'a, str>>,
    created: Option<Cow<'a, str>>,
    text: Option<Cow<'a, str>>,
    status: Option<Cow<'a, str>>,
    author_id: Option<Cow<'a, str>>,
}

impl<'a> Cells<'a> {
    /// The fields in the order of [`Fields`], `author_id` last.
    fn slots(&mut self) -> [&mut Option<Cow<'a, str>>; 9] {
        [
            &mut self.id,
            &mut self.parent_id,
            &mut self.thread,
            &mut self.title,
            &mut self.author,
            &mut self.created,
            &mut self.text,
            &mut self.status,
            &mut self.author_id,
        ]
    }
}

/// The comment of `c`, read on line `line`, its time read in `zone`.
fn comment<'a>(c: Cells<'a>, line: u32, zone: Option<&Zone>) -> Said<'a> {
    fn nonempty<'s>(s: &'s Option<Cow<'_, str>>) -> Option<&'s str> {
        s.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }
    let thread = match c.thread {
        Some(Cow::Borrowed(t)) => Cow::Borrowed(t.trim()),
        Some(Cow::Owned(t)) => Cow::Owned(t.trim().to_owned()),
        None => Cow::Borrowed(""),
    };
    Said::Comment {
        thread,
        title: nonempty(&c.title).map(str::to_owned),
        draft: Draft {
            id: c.id.map(Cow::into_owned).unwrap_or_default(),
            parent: nonempty(&c.parent_id).map(str::to_owned),
            author: nonempty(&c.author).map(str::to_owned),
            author_id: nonempty(&c.author_id).map(str::to_owned),
            warning: None,
            body: c.text.map(Cow::into_owned).unwrap_or_default(),
            created: c.created.as_deref().and_then(|t| time_of(t, zone)),
            status: c.status.as_deref().and_then(status_of),
            line,
            column: 1,
        },
    }
}

/// Applies what a line says to the threads read so far; an error goes to
/// `errors`.
fn apply(threads: &mut Grouper, errors: &mut Vec<Error>, path: &str, said: Said<'_>) {
    match said {
        Said::Nothing => {}
        Said::Bad(e) => errors.push(e),
        Said::Title { thread, title } => threads.get(&thread, path).title = title,
        Said::Comment {
            thread,
            title,
            draft,
        } => {
            let t = threads.get(&thread, path);
            if let Some(title) = title {
                t.title = title;
            }
            t.comments.push(draft);
        }
    }
}

/// Every thread of the JSON Lines `text`, each non-blank line read by
/// `said`, then the errors of lines that could not be read.
pub fn read_lines(
    path: &str,
    text: &str,
    said: &mut dyn FnMut(u32, &str) -> Said<'_>,
) -> Vec<Result<Thread, Error>> {
    let mut threads = Grouper::default();
    let mut errors = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let raw = raw.trim_start_matches('\u{feff}');
        if raw.trim().is_empty() {
            continue;
        }
        apply(&mut threads, &mut errors, path, said(line, raw));
    }
    let mut out: Vec<Result<Thread, Error>> = threads
        .into_drafts()
        .into_iter()
        .map(|t| build(path, t))
        .collect();
    out.extend(errors.into_iter().map(Err));
    out
}

/// Generic JSON Lines.
#[derive(Debug, Clone, Default)]
pub struct JsonlSource {
    /// Field names.
    pub fields: Fields,
    /// The zone of times that name none (`--tz`); UTC when `None`.
    pub zone: Option<Zone>,
}

impl Source for JsonlSource {
    fn format(&self) -> &'static str {
        "jsonl"
    }

    fn read(&self, name: &str, bytes: Vec<u8>) -> Vec<Result<Thread, Error>> {
        let text = match utf8(name, &bytes) {
            Ok(t) => t,
            Err(e) => return vec![Err(e)],
        };
        read_jsonl_in(name, text, &self.fields, self.zone.as_ref())
    }

    fn streams(&self, _head: &[u8]) -> bool {
        true
    }

    fn read_stream(
        &self,
        name: &str,
        reader: &mut dyn BufRead,
        dir: &Path,
        emit: &mut Emit<'_>,
    ) -> io::Result<()> {
        stream_jsonl(name, reader, dir, &self.fields, self.zone.as_ref(), emit)
    }
}

/// Every thread of the JSON Lines `text`, then the errors of lines that
/// could not be read.
pub fn read_jsonl(path: &str, text: &str, f: &Fields) -> Vec<Result<Thread, Error>> {
    read_jsonl_in(path, text, f, None)
}

/// [`read_jsonl`] with times that name no zone read in `zone`.
pub fn read_jsonl_in(
    path: &str,
    text: &str,
    f: &Fields,
    zone: Option<&Zone>,
) -> Vec<Result<Thread, Error>> {
    let mut mapped = Mapped::new(f);
    let mut out = read_lines(path, text, &mut |n, raw| {
        said_seen(path, n, raw, f, zone, Some(&mut mapped))
    });
    out.extend(mapped.error(path).map(Err));
    out
}

/// [`read_jsonl`] over a reader, in bounded memory (spooling in `dir`).
pub fn stream_jsonl(
    path: &str,
    reader: &mut dyn BufRead,
    dir: &Path,
    f: &Fields,
    zone: Option<&Zone>,
    emit: &mut Emit<'_>,
) -> io::Result<()> {
    let mut mapped = Mapped::new(f);
    stream_lines(path, reader, dir, emit, &mut |n, raw| {
        said_seen(path, n, raw, f, zone, Some(&mut mapped))
    })?;
    match mapped.error(path) {
        Some(e) => emit(Err(e)),
        None => Ok(()),
    }
}

/// What line `line` (`raw`, not blank) of a JSON Lines export says (the
/// streaming tests read lines one at a time with it).
#[cfg(test)]
pub(super) fn jsonl_said<'a>(path: &str, line: u32, raw: &'a str, f: &Fields) -> Said<'a> {
    said_seen(path, line, raw, f, None, None)
}

/// [`jsonl_said`], noting in `mapped` the mapped fields the line has.
fn said_seen<'a>(
    path: &str,
    line: u32,
    raw: &'a str,
    f: &Fields,
    zone: Option<&Zone>,
    mut mapped: Option<&mut Mapped>,
) -> Said<'a> {
    if let Some(s) = surrogate_safe(raw, &mut |r| {
        jsonl_line(path, line, r, f, zone, mapped.as_deref_mut())
    }) {
        return s;
    }
    jsonl_line(path, line, raw, f, zone, mapped)
}

/// [`jsonl_said`] of a line without lone surrogates.
fn jsonl_line<'a>(
    path: &str,
    line: u32,
    raw: &'a str,
    f: &Fields,
    zone: Option<&Zone>,
    mapped: Option<&mut Mapped>,
) -> Said<'a> {
    let mut c = match object::read(raw, f) {
        Ok(c) => c,
        Err(e) => return Said::Bad(json_error(path, "jsonl", line, raw, &e)),
    };
    if let Some(mapped) = mapped {
        mapped.see(line, raw, &mut c);
    }
    if let Some(missing) = [(&c.id, &f.id, "id"), (&c.text, &f.text, "text")]
        .iter()
        .find(|(v, _, _)| v.is_none())
    {
        return Said::Bad(export_error(
            path,
            "jsonl",
            line,
            1,
            raw,
            format!(
                "expected a {:?} field in every object (--field {}=NAME names another), found \
                 the fields {}",
                missing.1,
                missing.2,
                keys(raw)
            ),
        ));
    }
    comment(c, line, zone)
}

/// The keys of the JSON object `raw`, quoted, in sorted order.
fn keys(raw: &str) -> String {
    match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(raw) {
        Ok(map) => {
            let names: Vec<String> = map.keys().map(|k| format!("{k:?}")).collect();
            names.join(", ")
        }
        Err(_) => "of a line that is not one object".to_owned(),
    }
}

/// The fields `--field` maps to other names than ours (id and text
/// aside, which every object needs), and whether any object of the file
/// had them.  A field no object has is a misspelt name: left alone it
/// would silently make every comment anonymous, or every thread one
/// (issue 27).  Null counts as missing, as everywhere.
struct Mapped {
    /// Slot of [`Cells::slots`], our name, theirs, seen.
    fields: Vec<(usize, &'static str, String, bool)>,
    /// The line and keys of the first object read.
    first: Option<(u32, String, String)>,
}

impl Mapped {
    fn new(f: &Fields) -> Self {
        let ours = Fields::default();
        let fields = [
            (1, "parent_id", &f.parent_id, &ours.parent_id),
            (2, "thread", &f.thread, &ours.thread),
            (3, "title", &f.title, &ours.title),
            (4, "author", &f.author, &ours.author),
            (5, "created", &f.created, &ours.created),
            (7, "status", &f.status, &ours.status),
            (8, "author_id", &f.author_id, &ours.author_id),
        ]
        .into_iter()
        .filter(|(_, _, mapped, default)| mapped != default)
        .map(|(slot, name, mapped, _)| (slot, name, mapped.clone(), false))
        .collect();
        Self {
            fields,
            first: None,
        }
    }

    fn see(&mut self, line: u32, raw: &str, c: &mut Cells<'_>) {
        if self.fields.iter().all(|f| f.3) {
            return;
        }
        let slots = c.slots();
        for f in &mut self.fields {
            f.3 |= slots[f.0].is_some();
        }
        if self.first.is_none() {
            self.first = Some((line, raw.chars().take(200).collect(), keys(raw)));
        }
    }

    fn error(&self, path: &str) -> Option<Error> {
        let (line, raw, keys) = self.first.as_ref()?;
        let (_, ours, theirs, _) = self.fields.iter().find(|f| !f.3)?;
        Some(export_error(
            path,
            "jsonl",
            *line,
            1,
            raw,
            format!(
                "expected the {theirs:?} field that --field {ours}={theirs} names in some \
                 object, found none; the first object has the fields {keys}"
            ),
        ))
    }
}

/// Generic CSV with a header row.
#[derive(Debug, Clone, Default)]
pub struct CsvSource {
    /// Column names.
    pub fields: Fields,
    /// The zone of times that name none (`--tz`); UTC when `None`.
    pub zone: Option<Zone>,
}

impl Source for CsvSource {
    fn format(&self) -> &'static str {
        "csv"
    }

    fn read(&self, name: &str, bytes: Vec<u8>) -> Vec<Result<Thread, Error>> {
        if let Err(e) = utf8(name, &bytes) {
            return vec![Err(e)];
        }
        read_csv_in(name, &bytes, &self.fields, self.zone.as_ref())
    }
}

/// Every thread of the CSV `bytes`; a malformed row stops the reading
/// with an error at its line, after the threads read so far.
pub fn read_csv(path: &str, bytes: &[u8], f: &Fields) -> Vec<Result<Thread, Error>> {
    read_csv_in(path, bytes, f, None)
}

/// [`read_csv`] with times that name no zone read in `zone`.
pub fn read_csv_in(
    path: &str,
    bytes: &[u8],
    f: &Fields,
    zone: Option<&Zone>,
) -> Vec<Result<Thread, Error>> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    // `;` and tab separated files are CSV too (issue 27).
    let delimiter = super::detect::csv_header(&first_line(bytes)).map_or(b',', |(d, _)| d);
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(bytes);
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => return vec![Err(csv_error(path, bytes, &e))],
    };
    // Exact names first, then without case (`Id,Text`: issue 27).
    let col = |name: &str| {
        headers.iter().position(|h| h.trim() == name).or_else(|| {
            headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name))
        })
    };
    let found = || {
        let names: Vec<String> = headers.iter().map(|h| format!("{:?}", h.trim())).collect();
        names.join(", ")
    };
    let header_error = |message: String| {
        vec![Err(export_error(
            path,
            "csv",
            1,
            1,
            &first_line(bytes),
            message,
        ))]
    };
    let (Some(id), Some(text)) = (col(&f.id), col(&f.text)) else {
        let missing = if col(&f.id).is_none() {
            ("id", &f.id)
        } else {
            ("text", &f.text)
        };
        return header_error(format!(
            "expected a {:?} column in the header (--field {}=NAME names another), found the \
             columns {}",
            missing.1,
            missing.0,
            found()
        ));
    };
    // A field mapped with --field names a column that must be there:
    // leaving it out would silently make every comment anonymous, or
    // every thread one (issue 27).
    let ours = Fields::default();
    for (field, mapped, default) in [
        ("parent_id", &f.parent_id, &ours.parent_id),
        ("thread", &f.thread, &ours.thread),
        ("title", &f.title, &ours.title),
        ("author", &f.author, &ours.author),
        ("created", &f.created, &ours.created),
        ("status", &f.status, &ours.status),
        ("author_id", &f.author_id, &ours.author_id),
    ] {
        if mapped != default && col(mapped).is_none() {
            return header_error(format!(
                "expected the {mapped:?} column that --field {field}={mapped} names, found the \
                 columns {}",
                found()
            ));
        }
    }
    let opt = |name: &str| col(name);
    let (parent, thread, title, author, created, status) = (
        opt(&f.parent_id),
        opt(&f.thread),
        opt(&f.title),
        opt(&f.author),
        opt(&f.created),
        opt(&f.status),
    );
    let author_id = opt(&f.author_id);
    let mut threads = Grouper::default();
    let mut fault = None;
    // One row read into one record, again and again: its cells are
    // borrowed, not copied, until a comment keeps them.
    let mut row = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut row) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                fault = Some(csv_error(path, bytes, &e));
                break;
            }
        }
        let line = row
            .position()
            .map_or(0, |p| u32::try_from(p.line()).unwrap_or(u32::MAX));
        let get = |i: Option<usize>| i.and_then(|i| row.get(i)).map(Cow::Borrowed);
        let c = Cells {
            id: get(Some(id)),
            parent_id: get(parent),
            thread: get(thread),
            title: get(title),
            author: get(author),
            created: get(created),
            text: get(Some(text)),
            status: get(status),
            author_id: get(author_id),
        };
        apply(&mut threads, &mut Vec::new(), path, comment(c, line, zone));
    }
    let mut out: Vec<Result<Thread, Error>> = threads
        .into_drafts()
        .into_iter()
        .map(|t| build(path, t))
        .collect();
    out.extend(fault.map(Err));
    out
}

fn first_line(bytes: &[u8]) -> String {
    let line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    String::from_utf8_lossy(line).trim_end().to_owned()
}

fn csv_error(path: &str, bytes: &[u8], e: &csv::Error) -> Error {
    let (line, byte) = e.position().map_or((1, 0), |p| {
        (
            u32::try_from(p.line()).unwrap_or(u32::MAX),
            p.byte() as usize,
        )
    });
    let start = byte.min(bytes.len());
    let end = bytes[start..]
        .iter()
        .position(|b| *b == b'\n')
        .map_or(bytes.len(), |i| start + i);
    let raw = String::from_utf8_lossy(&bytes[start..end])
        .trim_end()
        .to_owned();
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("expected {expected_len} fields in every row, found {len}"),
        _ => format!("expected a CSV row: {e}"),
    };
    export_error(path, "csv", line, 1, &raw, message)
}

#[cfg(test)]
mod tests;
