//! Report rows: one `Serialize` struct per report and the order of its rows.
//!
//! Column names and order are a contract with spreadsheets and cron jobs:
//! add columns at the end, never rename or reorder (see the README).

pub mod csv;
mod record;

use serde::Serialize;

use crate::thread::Thread;

/// Characters of body text kept in `excerpt`.
pub const EXCERPT_CHARS: usize = 160;

/// One row of `comments.csv`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CommentRow {
    /// Input the comment came from, as named on the command line.
    pub source: String,
    /// The thread's title (the article's headline).
    pub thread: String,
    /// Dotted id: `1`, `1.2`, `1.2.1`.
    pub comment_id: String,
    /// Dotted id of the parent; empty for top-level comments.
    pub parent_id: String,
    /// 1 for top-level comments.
    pub depth: u32,
    /// Source line of the comment's bullet.
    pub line: u32,
    /// Author's name; empty for anonymous comments.
    pub author: String,
    /// Whitespace-separated words in the body.
    pub words: usize,
    /// First 160 characters of the body, on one line.
    pub excerpt: String,
}

/// Rows for every comment of `threads`, threads in the given order and
/// comments in thread order.
pub fn comment_rows(threads: &[Thread]) -> Vec<CommentRow> {
    let mut rows = Vec::with_capacity(threads.iter().map(|t| t.tree.len()).sum());
    for t in threads {
        for (id, dotted) in t.tree.with_dotted_ids() {
            let c = t.tree.comment(id);
            // A dotted id without its last part is the parent's id.
            let parent_id = match dotted.rfind('.') {
                Some(dot) => dotted[..dot].to_owned(),
                None => String::new(),
            };
            rows.push(CommentRow {
                source: t.source.clone(),
                thread: t.title.clone(),
                comment_id: dotted,
                parent_id,
                depth: c.depth,
                line: c.line,
                author: c.author.clone().unwrap_or_default(),
                words: c.body.split_whitespace().count(),
                excerpt: excerpt(&c.body, EXCERPT_CHARS),
            });
        }
    }
    rows
}

/// The first `max` characters of `body` with every run of whitespace
/// (line breaks included) turned into one space.
pub fn excerpt(body: &str, max: usize) -> String {
    let mut out = String::with_capacity(max.min(body.len()));
    let mut n = 0;
    for word in body.split_whitespace() {
        if n > 0 {
            // No trailing space when the cut falls between words.
            if n + 1 >= max {
                break;
            }
            out.push(' ');
            n += 1;
        }
        for c in word.chars() {
            if n == max {
                return out;
            }
            out.push(c);
            n += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests;
