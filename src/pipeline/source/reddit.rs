//! Reddit-style NDJSON, as archives of public comments store them: one
//! JSON object per line with `id`, `parent_id` (`t1_` a comment, `t3_`
//! the post), `link_id`, `author`, `body` and `created_utc` (issue 16;
//! fields in `grammars/exports.md`).
//!
//! Threads are the posts (`link_id`), in the order the file first names
//! them; a submission line (`title`, no `body`) gives its post's title.
//! Bodies are markdown with `&amp;`, `&lt;` and `&gt;` escaped: those are
//! decoded and `>` quote lines kept as they are, which is how the quote
//! analysis sees quotes.  `[deleted]` authors are anonymous; `[deleted]`
//! and `[removed]` bodies are empty comments with status `deleted`.  A line
//! that is not JSON is an error with its line and column; the other lines
//! are still read.

use std::borrow::Cow;
use std::io::{self, BufRead};
use std::path::Path;

use serde::Deserialize;

use super::build::Draft;
use super::json_value::Scalar;
use super::records::{json_error, read_lines};
use super::spool::{stream_lines, surrogate_safe, Emit, Said};
use super::{utf8, Source};
use crate::error::Error;
use crate::thread::Thread;
use crate::time::Timestamp;
use crate::tree::Status;

/// Reddit-style comment archives (NDJSON).
#[derive(Debug, Clone, Copy, Default)]
pub struct RedditSource;

/// The fields of a line that are read, borrowed from the line when they
/// have no escapes; others are skipped.
#[derive(Deserialize)]
struct Line<'a> {
    #[serde(borrow)]
    id: Option<Scalar<'a>>,
    #[serde(borrow)]
    parent_id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    link_id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    author: Option<Cow<'a, str>>,
    #[serde(borrow)]
    body: Option<Cow<'a, str>>,
    #[serde(borrow)]
    title: Option<Cow<'a, str>>,
    created_utc: Option<serde_json::Value>,
}

impl Source for RedditSource {
    fn format(&self) -> &'static str {
        "reddit"
    }

    fn read(&self, name: &str, bytes: Vec<u8>) -> Vec<Result<Thread, Error>> {
        let text = match utf8(name, &bytes) {
            Ok(t) => t,
            Err(e) => return vec![Err(e)],
        };
        read_reddit(name, text)
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
        stream_reddit(name, reader, dir, emit)
    }
}

/// The seconds of a `created_utc`, given as a number or a string.
pub fn unix_time(v: &serde_json::Value) -> Option<Timestamp> {
    let secs = match v {
        serde_json::Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        serde_json::Value::String(s) => return unix_text(s),
        _ => None,
    }?;
    Timestamp::from_unix(secs)
}

/// The seconds of a time written as text (`1741015200`, `1741015200.5`).
pub fn unix_text(s: &str) -> Option<Timestamp> {
    let secs = s.trim().parse::<f64>().ok().map(|f| f as i64)?;
    Timestamp::from_unix(secs)
}

fn strip(id: &str) -> &str {
    id.split_once('_')
        .filter(|(p, _)| p.len() == 2 && p.starts_with('t'))
        .map_or(id, |(_, rest)| rest)
}

/// Every thread of the archive `text`, then the errors of lines that
/// could not be read.
pub fn read_reddit(path: &str, text: &str) -> Vec<Result<Thread, Error>> {
    read_lines(path, text, &mut |n, raw| said(path, n, raw))
}

/// [`read_reddit`] over a reader, in bounded memory (spooling in `dir`).
pub fn stream_reddit(
    path: &str,
    reader: &mut dyn BufRead,
    dir: &Path,
    emit: &mut Emit<'_>,
) -> io::Result<()> {
    stream_lines(path, reader, dir, emit, &mut |n, raw| said(path, n, raw))
}

/// A key's text without the `t1_`/`t3_` kind, borrowed when it can be.
fn strip_cow(id: Cow<'_, str>) -> Cow<'_, str> {
    match id {
        Cow::Borrowed(s) => Cow::Borrowed(strip(s)),
        Cow::Owned(s) => Cow::Owned(strip(&s).to_owned()),
    }
}

/// What line `line_no` (`raw`, not blank) of an archive says.
pub(super) fn said<'a>(path: &str, line_no: u32, raw: &'a str) -> Said<'a> {
    if let Some(s) = surrogate_safe(raw, &mut |r| said_line(path, line_no, r)) {
        return s;
    }
    said_line(path, line_no, raw)
}

/// [`said`] of a line without lone surrogates.
fn said_line<'a>(path: &str, line_no: u32, raw: &'a str) -> Said<'a> {
    let l: Line<'a> = match serde_json::from_str(raw) {
        Ok(l) => l,
        Err(e) => return Said::Bad(json_error(path, "reddit", line_no, raw, &e)),
    };
    let id = match l.id {
        Some(Scalar::Str(s)) => s.into_owned(),
        Some(Scalar::Other(serde_json::Value::Number(n))) => n.to_string(),
        _ => format!("line {line_no}"),
    };
    let Some(body) = l.body else {
        // A submission: its title names the thread.
        return match l.title {
            Some(title) => Said::Title {
                thread: Cow::Owned(strip(&id).to_owned()),
                title: title.into_owned(),
            },
            None => Said::Nothing,
        };
    };
    let parent = l
        .parent_id
        .as_deref()
        .filter(|p| !p.starts_with("t3_"))
        .map(|p| strip(p).to_owned());
    let thread = match (l.link_id, l.parent_id) {
        (Some(link), _) => strip_cow(link),
        (None, Some(p)) if p.starts_with("t3_") => strip_cow(p),
        _ => Cow::Borrowed(""),
    };
    let removed = matches!(body.trim(), "[deleted]" | "[removed]");
    let author = l
        .author
        .filter(|a| !a.is_empty() && a != "[deleted]")
        .map(Cow::into_owned);
    let body = if removed {
        String::new()
    } else {
        match quick_xml::escape::unescape(&body) {
            Ok(Cow::Owned(b)) => b,
            _ => body.into_owned(),
        }
    };
    Said::Comment {
        thread,
        title: None,
        draft: Draft {
            id,
            parent,
            author_id: author.clone(),
            warning: None,
            author,
            body,
            created: l.created_utc.as_ref().and_then(unix_time),
            status: removed.then_some(Status::Deleted),
            line: line_no,
            column: 1,
        },
    }
}
