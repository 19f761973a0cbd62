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
    let name_calling = FLAG_COLUMNS
        .iter()
        .position(|c| *c == "name_calling")
        .unwrap_or(0);
    let tree = &thread.tree;
    let comments = tree
        .with_dotted_ids()
        .zip(analyses)
        .map(|((cid, id), a)| {
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
                own_text: match (named, a.masked.is_empty()) {
                    (false, _) => String::new(),
                    (true, true) => c.body.clone(),
                    (true, false) => blank(&c.body, &a.masked),
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
        })
        .collect();
    ThreadFacts {
        source: thread.source.clone(),
        title: thread.title.clone(),
        max_depth: thread.max_depth(),
        comments,
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
