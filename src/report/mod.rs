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

use serde::{Deserialize, Serialize};

use crate::analyze::comments::CommentAnalysis;
use crate::thread::Thread;
use crate::tree::CommentId;

/// Characters of body text kept in `excerpt`.
pub const EXCERPT_CHARS: usize = 160;

/// One row of `comments.csv`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Insulting labels for a person or group.
    pub name_calling: u8,
    /// Disparagement of ideas, plans or intelligence.
    pub aspersion: u8,
    /// Calling someone a liar.
    pub lying_accusation: u8,
    /// Crude or profane words, masked forms included.
    pub vulgarity: u8,
    /// Belittling how someone speaks or writes.
    pub pejorative_speech: u8,
    /// Threats and calls to violence.
    pub threat: u8,
    /// Slurs and attacks on identity groups.
    pub identity_attack: u8,
    /// Words in capitals beyond acronyms.
    pub shouting: u8,
    /// Ridicule and sarcastic jabs.
    pub mockery: u8,
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
    let [name_calling, aspersion, lying_accusation, vulgarity, pejorative_speech, threat, identity_attack, shouting, mockery] =
        a.score.flag_cells();
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
        name_calling,
        aspersion,
        lying_accusation,
        vulgarity,
        pejorative_speech,
        threat,
        identity_attack,
        shouting,
        mockery,
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
