//! What the per-user stage needs to know of each comment, detached from
//! the page it came from.
//!
//! A run analyses one input at a time and keeps only these facts, not the
//! reply trees, so memory grows with the named comments' own words rather
//! than with the corpus (issue 6); and because the facts are plain owned
//! data with serde derives, `--incremental` stores them per input and
//! rebuilds every per-user and per-pair figure from them without reading
//! unchanged pages again (issue 5).

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::comments::CommentAnalysis;
use super::incivility::{blank, FLAG_COLUMNS};
use super::matcher::Category;
use super::target::Target;
use crate::thread::Thread;
use crate::tree::{Comment, CommentId};

/// One thread's facts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ThreadFacts {
    /// The input it came from.
    pub source: String,
    /// The article's headline.
    pub title: String,
    /// The deepest comment's depth.
    pub max_depth: u32,
    /// Every comment, in thread order.
    pub comments: Vec<CommentFact>,
}

/// One comment's facts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CommentFact {
    /// Dotted comment id, for `source#comment_id` labels.
    pub id: String,
    /// The author; `None` for anonymous comments.
    pub author: Option<String>,
    /// Author of the comment answered (`reply_to_id`), when named.
    pub answered: Option<String>,
    /// The comment's incivility score.
    pub incivility: f64,
    /// At or above the uncivil threshold.
    pub uncivil: bool,
    /// The `name_calling` flag.
    pub name_calling: bool,
    /// The kind of target.
    pub target: TargetKind,
    /// The commenter aimed at, when known.
    pub target_author: Option<String>,
    /// The author's own words: the body with quotations and signature
    /// blanked out (same byte offsets as the body).  Empty for anonymous
    /// comments, which belong to nobody's taunts.
    pub own_text: String,
    /// Name-calling words of the author's own text: byte range and term.
    pub epithets: Vec<(Range<usize>, String)>,
    /// Every flagged word of the author's own text, as byte ranges.
    pub flagged: Vec<Range<usize>>,
}

/// [`Target`] in a form serde can store (the analyzer's enum stays free of
/// storage concerns).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TargetKind {
    /// Another commenter.
    Commenter,
    /// A public figure.
    PublicFigure,
    /// A group.
    Group,
    /// Nobody in particular.
    #[default]
    None,
}

impl From<Target> for TargetKind {
    fn from(t: Target) -> Self {
        match t {
            Target::Commenter => TargetKind::Commenter,
            Target::PublicFigure => TargetKind::PublicFigure,
            Target::Group => TargetKind::Group,
            Target::None => TargetKind::None,
        }
    }
}

impl From<TargetKind> for Target {
    fn from(t: TargetKind) -> Self {
        match t {
            TargetKind::Commenter => Target::Commenter,
            TargetKind::PublicFigure => Target::PublicFigure,
            TargetKind::Group => Target::Group,
            TargetKind::None => Target::None,
        }
    }
}

/// The facts of `thread`, given its comments' analyses in thread order.
pub fn thread_facts(thread: &Thread, analyses: &[CommentAnalysis]) -> ThreadFacts {
    let tree = &thread.tree;
    ThreadFacts {
        comments: tree
            .with_dotted_ids()
            .zip(analyses)
            .map(|((cid, id), a)| comment_fact(thread, cid, id, a, BodyCopy::Copy))
            .collect(),
        ..empty_facts(thread)
    }
}

/// A thread's facts without comments yet.
pub fn empty_facts(thread: &Thread) -> ThreadFacts {
    ThreadFacts {
        source: thread.source.clone(),
        title: thread.title.clone(),
        max_depth: thread.max_depth(),
        comments: Vec::new(),
    }
}

/// Whether a fact copies its body now or gets it moved in later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyCopy {
    /// Copy the body into `own_text`.
    Copy,
    /// Leave `own_text` empty where it would equal the body, for
    /// [`move_bodies`] to fill without a copy.
    Later,
}

/// The facts of comment `cid` (dotted id `id`) of `thread`.
pub fn comment_fact(
    thread: &Thread,
    cid: CommentId,
    id: String,
    a: &CommentAnalysis,
    body: BodyCopy,
) -> CommentFact {
    let name_calling = FLAG_COLUMNS
        .iter()
        .position(|c| *c == "name_calling")
        .unwrap_or(0);
    let tree = &thread.tree;
    let c = tree.comment(cid);
    let named = c.author.is_some();
    let own = a.score.flagged.iter().filter(|f| !f.quoted);
    CommentFact {
        id,
        author: c.author.clone(),
        answered: a.reply_to.and_then(|r| tree.comment(r).author.clone()),
        incivility: a.score.incivility,
        uncivil: a.score.uncivil,
        name_calling: a.score.flags[name_calling],
        target: a.target.target.into(),
        target_author: a.target.author.clone(),
        // Blanking keeps the length, so a blanked non-empty body is never
        // empty: an empty `own_text` of a named non-empty comment means
        // "the body", which `move_bodies` fills in.
        own_text: match (named, a.masked.is_empty(), body) {
            (false, _, _) => String::new(),
            (true, true, BodyCopy::Copy) => c.body.clone(),
            (true, true, BodyCopy::Later) => String::new(),
            (true, false, _) => blank(&c.body, &a.masked),
        },
        epithets: if named {
            own.clone()
                .filter_map(|f| f.lexicon.as_ref())
                .filter(|m| m.category == Category::NameCalling)
                .map(|m| (m.range(), m.term.clone()))
                .collect()
        } else {
            Vec::new()
        },
        flagged: if named {
            own.map(|f| f.range.clone()).collect()
        } else {
            Vec::new()
        },
    }
}

/// Moves each named comment's body into its fact where `comment_fact`
/// left it for later (`BodyCopy::Later`); `comments` are the thread's
/// comments in thread order.
pub fn move_bodies(facts: &mut [CommentFact], comments: impl Iterator<Item = Comment>) {
    for (f, c) in facts.iter_mut().zip(comments) {
        if f.author.is_some() && f.own_text.is_empty() {
            f.own_text = c.body;
        }
    }
}

/// The facts of every thread of a run, given the analyses of each.
pub fn facts_of(threads: &[Thread], analyses: &[Vec<CommentAnalysis>]) -> Vec<ThreadFacts> {
    threads
        .iter()
        .zip(analyses)
        .map(|(t, a)| thread_facts(t, a))
        .collect()
}
