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

use serde::Deserialize;

use super::build::{build, Draft, ThreadDraft};
use super::records::{json_error, Grouper};
use super::{utf8, Source};
use crate::error::Error;
use crate::thread::Thread;
use crate::time::Timestamp;
use crate::tree::Status;

/// Reddit-style comment archives (NDJSON).
#[derive(Debug, Clone, Copy, Default)]
pub struct RedditSource;

/// The fields of a line that are read; others are ignored.
#[derive(Deserialize)]
struct Line {
    id: Option<serde_json::Value>,
    parent_id: Option<String>,
    link_id: Option<String>,
    author: Option<String>,
    body: Option<String>,
    title: Option<String>,
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
}

/// The seconds of a `created_utc`, given as a number or a string.
pub fn unix_time(v: &serde_json::Value) -> Option<Timestamp> {
    let secs = match v {
        serde_json::Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        serde_json::Value::String(s) => s.trim().parse::<f64>().ok().map(|f| f as i64),
        _ => None,
    }?;
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
    let mut threads = Grouper::default();
    let mut errors = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let raw = raw.trim_start_matches('\u{feff}');
        if raw.trim().is_empty() {
            continue;
        }
        let l: Line = match serde_json::from_str(raw) {
            Ok(l) => l,
            Err(e) => {
                errors.push(Err(json_error(path, "reddit", line_no, raw, &e)));
                continue;
            }
        };
        let id = match &l.id {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => format!("line {line_no}"),
        };
        let Some(body) = l.body else {
            // A submission: its title names the thread.
            if let Some(title) = l.title {
                let t = threads.get(strip(&id), path);
                t.title = title;
            }
            continue;
        };
        let post = l
            .link_id
            .as_deref()
            .or(l.parent_id.as_deref().filter(|p| p.starts_with("t3_")))
            .map(strip)
            .unwrap_or("")
            .to_owned();
        let parent = l
            .parent_id
            .as_deref()
            .filter(|p| !p.starts_with("t3_"))
            .map(|p| strip(p).to_owned());
        let removed = matches!(body.trim(), "[deleted]" | "[removed]");
        let author = l.author.filter(|a| !a.is_empty() && a != "[deleted]");
        let body = if removed {
            String::new()
        } else {
            quick_xml::escape::unescape(&body)
                .map(|b| b.into_owned())
                .unwrap_or(body)
        };
        threads.get(&post, path).comments.push(Draft {
            id,
            parent,
            author,
            body,
            created: l.created_utc.as_ref().and_then(unix_time),
            status: removed.then_some(Status::Deleted),
            line: line_no,
            column: 1,
        });
    }
    let mut out: Vec<Result<Thread, Error>> = threads
        .into_drafts()
        .into_iter()
        .map(|t: ThreadDraft| build(path, t))
        .collect();
    out.extend(errors);
    out
}
