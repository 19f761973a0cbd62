//! The decisions file of `threadwatch serve`: one JSON line per
//! `comments:suggestscore`, which `threadwatch train --decisions` reads
//! as labelled rows (issue 28).
//!
//! A line is appended, flushed and fsynced before the client is answered,
//! so an answered decision is on disk.  A crash in the middle of a write
//! can leave the last line torn (no line feed): it was never answered, so
//! the reader skips it with a warning, and the server cuts it off before
//! appending again.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::attribute::PERSPECTIVE;

/// One line of the decisions file.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Decision<'a> {
    /// Whether the text is uncivil (1), civil (0), or unknown (null: no
    /// attribute the reader understands).
    pub label: Option<bool>,
    /// The comment's text (plain; HTML is made plain first).
    pub text: &'a str,
    /// The suggested scores, by attribute name as sent.
    pub attribute_scores: BTreeMap<&'a str, f64>,
    /// The client's token (Coral: `comment:<id>`).
    pub client_token: Option<&'a str>,
    /// The community (Coral: `Coral:<tenant URL>`).
    pub community_id: Option<&'a str>,
    /// The languages sent.
    pub languages: &'a [String],
    /// The context sent.
    pub context: Option<&'a serde_json::Value>,
}

/// What a reader needs of a line.
#[derive(Debug, Deserialize)]
struct Line {
    label: Option<bool>,
    text: String,
}

/// The label of a suggestion: a moderator's decision as Coral sends it
/// (`DELETED` or `REJECTED` uncivil, `APPROVED` or `ACCEPTED` civil, at a
/// value of at least 0.5), else TOXICITY's score (or the highest of
/// Perspective's attributes) read at 0.5.
pub fn label_of(scores: &BTreeMap<&str, f64>) -> Option<bool> {
    let mut by_decision = None;
    for (name, v) in scores {
        let up = name.to_ascii_uppercase();
        if *v >= 0.5 && matches!(up.as_str(), "DELETED" | "REJECTED") {
            return Some(true);
        }
        if *v >= 0.5 && matches!(up.as_str(), "APPROVED" | "ACCEPTED") {
            by_decision = Some(false);
        }
    }
    if by_decision.is_some() {
        return by_decision;
    }
    if let Some(v) = scores.get("TOXICITY") {
        return Some(*v >= 0.5);
    }
    scores
        .iter()
        .filter(|(n, _)| PERSPECTIVE.iter().any(|m| m.name == **n))
        .map(|(_, v)| *v)
        .reduce(f64::max)
        .map(|v| v >= 0.5)
}

/// A line of the decisions file that is not a decision.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: expected a decision written by `threadwatch serve` (a JSON object with `text` and `label`): {why}")]
pub struct DecisionError {
    /// 1-based line.
    pub line: usize,
    /// The JSON error.
    pub why: String,
}

/// The rows of a decisions file.
#[derive(Debug, Default, PartialEq)]
pub struct Decisions {
    /// `(text, uncivil)` per labelled line, in file order.
    pub rows: Vec<(String, bool)>,
    /// Lines read (the torn one included).
    pub lines: usize,
    /// Lines whose label is null.
    pub unlabelled: usize,
    /// Bytes of a torn last line that was skipped (0: none).
    pub torn: usize,
}

/// Reads a decisions file's bytes.  A last line without a line feed that
/// is not valid JSON is a write cut by a crash and is skipped (`torn`);
/// any other bad line is an error.
pub fn read(bytes: &[u8]) -> Result<Decisions, DecisionError> {
    let mut out = Decisions::default();
    let mut rest = bytes;
    let mut n = 0;
    while !rest.is_empty() {
        n += 1;
        let (line, ended) = match memchr::memchr(b'\n', rest) {
            Some(i) => {
                let l = &rest[..i];
                rest = &rest[i + 1..];
                (l, true)
            }
            None => {
                let l = rest;
                rest = &[];
                (l, false)
            }
        };
        out.lines += 1;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<Line>(line) {
            Ok(l) => match l.label {
                Some(y) => out.rows.push((l.text, y)),
                None => out.unlabelled += 1,
            },
            Err(_) if !ended => out.torn = line.len(),
            Err(e) => {
                return Err(DecisionError {
                    line: n,
                    why: e.to_string(),
                })
            }
        }
    }
    Ok(out)
}

/// Where a torn last line starts in `bytes`, when there is one: the end of
/// the last complete line, so the server can cut it off before appending.
pub fn torn_tail(bytes: &[u8]) -> Option<usize> {
    if bytes.is_empty() || bytes.ends_with(b"\n") {
        return None;
    }
    let start = memchr::memrchr(b'\n', bytes).map_or(0, |i| i + 1);
    match serde_json::from_slice::<Line>(&bytes[start..]) {
        Ok(_) => None,
        Err(_) => Some(start),
    }
}
