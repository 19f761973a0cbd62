//! Report rows: one `Serialize` struct per report and the order of its rows.
//!
//! Column names and order are a contract with spreadsheets and cron jobs:
//! add columns at the end, never rename or reorder (see the README).

pub mod cell;
pub mod csv;
pub mod dot;
pub mod files;
pub mod html;
pub mod people;
pub mod publish;
mod record;
pub mod run;
pub mod xlsx;

use serde::ser::{Serialize, SerializeStruct, Serializer};
use serde::Deserialize;

use crate::analyze::category::{COUNT, FLAG_COLUMNS};
use crate::analyze::comments::CommentAnalysis;
use crate::analyze::language::NOT_SCORED;
use crate::thread::Thread;
use crate::tree::CommentId;

/// Characters of body text kept in `excerpt`.
pub const EXCERPT_CHARS: usize = 160;

/// One row of `comments.csv`.  Serialised by hand (below) so the flag
/// columns come from the category table.  The derived `Deserialize` reads `flags` as a tuple of `COUNT` bytes, which is
/// what the flag fields are in a sequence format: the `--incremental`
/// state (postcard) round-trips rows this way (tested in state.rs); a
/// self-describing format would need its own reader.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
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
    /// `commenter`, `person`, `public_figure`, `group` or empty.
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
    /// The platform's own id of the comment (exports); empty for pages.
    pub external_id: String,
    /// When it was posted, ISO 8601 UTC (`2025-03-03T14:14:00Z`); empty
    /// when unknown.
    pub created: String,
    /// `approved`, `pending`, `spam`, `deleted`, or empty when the input
    /// has no status.
    pub status: String,
    /// Empty: for moderators to fill with `ok` or `remove` (also `keep`,
    /// `delete`, `1`, `0`), so that `threadwatch train --label-col review`
    /// learns the site's rules from this file (issue 15).
    pub review: String,
    /// The comment's full text as written (line breaks kept), what
    /// `threadwatch train --text-col text` reads back.
    pub text: String,
    /// The platform's stable id of the author (issue 31): Disqus username,
    /// Reddit author, WordPress user id (else a hash of the e-mail), or the
    /// `author_id` field of JSON Lines and CSV; empty for pages and
    /// anonymous comments.  The per-user reports key on it.
    pub author_id: String,
    /// The comment's language (issue 25), ISO 639-1 (`en`, `es`...) where
    /// there is a code, else ISO 639-3; empty when too short to tell.  A
    /// comment in a language without word lists has empty `incivility` and
    /// `uncivil` and the evidence `not scored: language xx`.
    pub language: String,
}

impl Serialize for CommentRow {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let s_human = s.is_human_readable();
        let mut row = s.serialize_struct("CommentRow", 24 + COUNT)?;
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
        // Not scored (issue 25): no verdict rather than "civil".
        // Sequence formats (postcard: the `--incremental` state, partials)
        // keep the byte the derived `Deserialize` reads; `scored()` tells.
        if s_human {
            row.serialize_field("uncivil", &Some(self.uncivil).filter(|_| self.scored()))?;
        } else {
            row.serialize_field("uncivil", &self.uncivil)?;
        }
        serialize_flags(&mut row, &self.flags)?;
        row.serialize_field("target", &self.target)?;
        row.serialize_field("target_author", &self.target_author)?;
        row.serialize_field("quoted_from", &self.quoted_from)?;
        row.serialize_field("evidence", &self.evidence)?;
        row.serialize_field("comment_ref", &self.comment_ref)?;
        row.serialize_field("external_id", &self.external_id)?;
        row.serialize_field("created", &self.created)?;
        row.serialize_field("status", &self.status)?;
        row.serialize_field("review", &self.review)?;
        row.serialize_field("text", &self.text)?;
        row.serialize_field("author_id", &self.author_id)?;
        row.serialize_field("language", &self.language)?;
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
        incivility: if a.scored {
            format!("{:.3}", a.score.incivility)
        } else {
            String::new()
        },
        uncivil: u8::from(a.score.uncivil),
        flags: a.score.flag_cells(),
        target: a.target.target.as_str().to_owned(),
        target_author: a.target.author.clone().unwrap_or_default(),
        quoted_from: dotted(a.quoted_from),
        evidence: a.evidence.clone(),
        comment_ref: format!("{}#{comment_id}", t.source),
        external_id: c.external_id.as_deref().unwrap_or_default().to_owned(),
        created: crate::time::cell(c.created),
        status: c.status.map(|s| s.as_str()).unwrap_or_default().to_owned(),
        review: String::new(),
        text: c.body.to_string(),
        author_id: c.author_id.as_deref().unwrap_or_default().to_owned(),
        language: a.language.unwrap_or_default().to_owned(),
    }
}

impl CommentRow {
    /// False for a comment left unscored for its language (issue 25).
    pub fn scored(&self) -> bool {
        !self.evidence.starts_with(NOT_SCORED)
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
