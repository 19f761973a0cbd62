//! Report rows: one `Serialize` struct per report and the order of its rows.
//!
//! Column names and order are a contract with spreadsheets and cron jobs:
//! add columns at the end, never rename or reorder (see the README).

pub mod csv;
pub mod people;
pub mod publish;
mod record;
pub mod run;

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::analyze::category::{COUNT, FLAG_COLUMNS};
use crate::analyze::comments::CommentAnalysis;
use crate::thread::Thread;
use crate::tree::CommentId;

/// Characters of body text kept in `excerpt`.
pub const EXCERPT_CHARS: usize = 160;

/// One row of `comments.csv`.  Serialised by hand (below) so the flag
/// columns come from the category table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
    /// Dotted id of the comment answered: a quoted preceding sibling (sites
    /// flatten replies past their depth cap), else `parent_id`.
    pub reply_to_id: String,
    /// Combined incivility score in [0, 1], three decimals.
    pub incivility: String,
    /// 1 when `incivility` is at least the documented threshold (0.5).
    pub uncivil: u8,
    /// 0/1 per category, in `FLAG_COLUMNS` order; each is its own
    /// column, named by the category table (`analyze/category.rs`).
    pub flags: [u8; COUNT],
    /// `commenter`, `public_figure`, `group` or empty.
    pub target: String,
    /// The commenter aimed at, when known.
    pub target_author: String,
    /// Dotted id of the comment quoted, if any.
    pub quoted_from: String,
    /// Matched words per category, e.g. `name_calling: Einstein -> gypsyken`.
    pub evidence: String,
    /// `source#comment_id`: the comment's key across a run, as cited in
    /// interactions.csv and taunts.csv.  Spreadsheets read an id such as
    /// `1.10` in `comment_id` as the number 1.1; this cell always stays text.
    pub comment_ref: String,
}

impl Serialize for CommentRow {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut row = s.serialize_struct("CommentRow", 17 + COUNT)?;
        row.serialize_field("source", &self.source)?;
        row.serialize_field("thread", &self.thread)?;
        row.serialize_field("comment_id", &self.comment_id)?;
        row.serialize_field("parent_id", &self.parent_id)?;
        row.serialize_field("depth", &self.depth)?;
        row.serialize_field("line", &self.line)?;
        row.serialize_field("author", &self.author)?;
        row.serialize_field("words", &self.words)?;
        row.serialize_field("excerpt", &self.excerpt)?;
        row.serialize_field("reply_to_id", &self.reply_to_id)?;
        row.serialize_field("incivility", &self.incivility)?;
        row.serialize_field("uncivil", &self.uncivil)?;
        serialize_flags(&mut row, &self.flags)?;
        row.serialize_field("target", &self.target)?;
        row.serialize_field("target_author", &self.target_author)?;
        row.serialize_field("quoted_from", &self.quoted_from)?;
        row.serialize_field("evidence", &self.evidence)?;
        row.serialize_field("comment_ref", &self.comment_ref)?;
        row.end()
    }
}

/// Writes one 0/1 field per category, named and ordered by the category
/// table: the one place a row's flags become columns.
pub fn serialize_flags<S: SerializeStruct>(
    row: &mut S,
    flags: &[u8; COUNT],
) -> Result<(), S::Error> {
    for (name, flag) in FLAG_COLUMNS.iter().zip(flags) {
        row.serialize_field(name, flag)?;
    }
    Ok(())
}

/// Rows for every comment of `threads`, threads in the given order and
/// comments in thread order; `analyses[i]` holds thread `i`'s analyses in
/// thread order.
pub fn comment_rows(threads: &[Thread], analyses: &[Vec<CommentAnalysis>]) -> Vec<CommentRow> {
    let mut rows = Vec::with_capacity(threads.iter().map(|t| t.tree.len()).sum());
    for (t, analysis) in threads.iter().zip(analyses) {
        let ids: Vec<(CommentId, String)> = t.tree.with_dotted_ids().collect();
        let dotted = |id: CommentId| {
            ids.binary_search_by(|(i, _)| i.cmp(&id))
                .ok()
                .map(|i| ids[i].1.as_str())
        };
        for ((id, comment_id), a) in ids.iter().zip(analysis) {
            rows.push(comment_row(t, *id, comment_id, a, dotted));
        }
    }
    rows
}

/// The row of comment `id` (dotted id `comment_id`) of thread `t`;
/// `dotted` gives the dotted id of another comment of the thread.
pub fn comment_row<'d>(
    t: &Thread,
    id: CommentId,
    comment_id: &str,
    a: &CommentAnalysis,
    dotted: impl Fn(CommentId) -> Option<&'d str>,
) -> CommentRow {
    let c = t.tree.comment(id);
    let dotted = |id: Option<CommentId>| id.and_then(&dotted).unwrap_or_default().to_owned();
    // A dotted id without its last part is the parent's id.
    let parent_id = match comment_id.rfind('.') {
        Some(dot) => comment_id[..dot].to_owned(),
        None => String::new(),
    };
    CommentRow {
        source: t.source.clone(),
        thread: t.title.clone(),
        comment_id: comment_id.to_owned(),
        parent_id,
        depth: c.depth,
        line: c.line,
        author: c.author.as_deref().unwrap_or_default().to_owned(),
        words: c.body.split_whitespace().count(),
        excerpt: excerpt(&c.body, EXCERPT_CHARS),
        reply_to_id: dotted(a.reply_to),
        incivility: format!("{:.3}", a.score.incivility),
        uncivil: u8::from(a.score.uncivil),
        flags: a.score.flag_cells(),
        target: a.target.target.as_str().to_owned(),
        target_author: a.target.author.clone().unwrap_or_default(),
        quoted_from: dotted(a.quoted_from),
        evidence: a.evidence.clone(),
        comment_ref: format!("{}#{comment_id}", t.source),
    }
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
