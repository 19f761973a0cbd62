//! What the per-user stage needs to know of each comment, detached from
//! the page it came from.
//!
//! A run analyses one input at a time and keeps only these facts, not the
//! reply trees, so memory grows with the named comments' own words rather
//! than with the corpus (issue 6); and because the facts are plain owned
//! data with serde derives, `--incremental` stores them per input and
//! rebuilds every per-user and per-pair figure from them without reading
//! unchanged pages again (issue 5).

use std::num::NonZeroU32;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::comments::CommentAnalysis;
use super::id_table::IdTable;
use super::incivility::blank;
use super::matcher::Category;
use super::target::Target;
use crate::body::Body;
use crate::thread::Thread;
use crate::time::Timestamp;
use crate::tree::CommentId;

/// One thread's facts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ThreadFacts {
    /// The input it came from.
    pub source: String,
    /// The article's headline.
    pub title: String,
    /// The deepest comment's depth.
    pub max_depth: u32,
    /// Dotted comment ids, in thread order, for `source#comment_id`
    /// labels.
    pub ids: IdTable,
    /// Names of the thread's authors, each once; comments refer to them by
    /// index, so a million comments do not hold three name strings each.
    pub authors: Vec<String>,
    /// The platform's stable id of each author of `authors`, when the
    /// input gives one (issue 31): the per-user stage keys on it, so two
    /// people with one display name stay two.
    pub author_ids: Vec<Option<String>>,
    /// Every comment, in thread order.
    pub comments: Vec<CommentFact>,
    /// Comments whose parent was missing from the input (issue 16).
    pub orphans: usize,
}

impl ThreadFacts {
    /// The name behind an author number.
    pub fn name(&self, author: Option<Author>) -> Option<&str> {
        self.authors
            .get(author?.get() as usize - 1)
            .map(String::as_str)
    }

    /// The platform's id of the author behind an author number.
    pub fn author_id(&self, author: Option<Author>) -> Option<&str> {
        self.author_ids
            .get(author?.get() as usize - 1)
            .and_then(Option::as_deref)
    }
}

/// An author of a thread: 1 + the index of the name in
/// `ThreadFacts::authors`.  Counting from one lets `Option<Author>` fit in
/// four bytes, and a fact holds three of them for every comment of a run
/// (issue 6).
pub type Author = NonZeroU32;

/// One comment's facts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CommentFact {
    /// The author (an index into `ThreadFacts::authors`); `None` for
    /// anonymous comments.
    pub author: Option<Author>,
    /// Author of the comment answered (`reply_to_id`), when named.
    pub answered: Option<Author>,
    /// The comment's incivility score.
    pub incivility: f64,
    /// At or above the uncivil threshold.
    pub uncivil: bool,
    /// The `name_calling` flag.
    pub name_calling: bool,
    /// The kind of target.
    pub target: TargetKind,
    /// The commenter aimed at, when known.
    pub target_author: Option<Author>,
    /// The author's own words: the body with quotations and signature
    /// blanked out (same byte offsets as the body).  Empty for anonymous
    /// comments, which belong to nobody's taunts.  Unblanked, it shares
    /// the page's text with the body instead of copying it (issue 6).
    pub own_text: Body,
    /// Flagged words of the author's own text, behind one pointer: most
    /// comments have none, and a fact is kept for every comment of the
    /// run (issue 6).
    pub marks: Option<Box<Marks>>,
    /// When it was posted, when the input says (issue 16).
    pub created: Option<Timestamp>,
}

/// The flagged words of a comment's own text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Marks {
    /// Name-calling words: byte range and term.
    pub epithets: Vec<(Range<usize>, String)>,
    /// Every flagged word, as byte ranges.
    pub flagged: Vec<Range<usize>>,
}

impl CommentFact {
    /// Name-calling words of the author's own text: byte range and term.
    pub fn epithets(&self) -> &[(Range<usize>, String)] {
        self.marks.as_ref().map_or(&[], |m| &m.epithets)
    }

    /// Every flagged word of the author's own text, as byte ranges.
    pub fn flagged(&self) -> &[Range<usize>] {
        self.marks.as_ref().map_or(&[], |m| &m.flagged)
    }
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
    /// An individual outside the thread (issue 24).  Last, so the stored
    /// numbers of the older kinds do not change.
    Person,
}

impl From<Target> for TargetKind {
    fn from(t: Target) -> Self {
        match t {
            Target::Commenter => TargetKind::Commenter,
            Target::PublicFigure => TargetKind::PublicFigure,
            Target::Group => TargetKind::Group,
            Target::None => TargetKind::None,
            Target::Person => TargetKind::Person,
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
            TargetKind::Person => Target::Person,
        }
    }
}

/// Builds one thread's facts a comment at a time.
pub struct FactsBuilder<'t> {
    thread: &'t Thread,
    facts: ThreadFacts,
    /// Author numbers by person key (see `people::person_key`).
    index: std::collections::HashMap<String, Author>,
    /// The first author number of each display name, for names found in
    /// the text (a target), which carry no id.
    by_name: std::collections::HashMap<String, Author>,
}

impl<'t> FactsBuilder<'t> {
    /// Starts the facts of `thread`.
    pub fn new(thread: &'t Thread) -> Self {
        Self {
            thread,
            facts: ThreadFacts {
                source: thread.source.clone(),
                title: thread.title.clone(),
                max_depth: thread.max_depth(),
                ids: IdTable::default(),
                authors: Vec::new(),
                author_ids: Vec::new(),
                comments: Vec::with_capacity(thread.tree.len()),
                orphans: thread.orphans,
            },
            index: std::collections::HashMap::new(),
            by_name: std::collections::HashMap::new(),
        }
    }

    /// The number of the author `name` with platform id `id`: one per
    /// person, so per id when there is one (issue 31), else per name.
    fn intern(&mut self, name: Option<&str>, id: Option<&str>) -> Option<Author> {
        let name = name?;
        let key = match id {
            Some(id) => format!("\u{1}{id}"),
            None => name.to_owned(),
        };
        if let Some(&i) = self.index.get(&key) {
            return Some(i);
        }
        let i = u32::try_from(self.facts.authors.len() + 1)
            .ok()
            .and_then(Author::new)?;
        self.facts.authors.push(name.to_owned());
        self.facts.author_ids.push(id.map(str::to_owned));
        self.index.insert(key, i);
        self.by_name.entry(name.to_owned()).or_insert(i);
        Some(i)
    }

    /// The number of a commenter named in the text: the first author of
    /// the thread shown by that name.
    fn intern_named(&mut self, name: Option<&str>) -> Option<Author> {
        match self.by_name.get(name?) {
            Some(&i) => Some(i),
            None => self.intern(name, None),
        }
    }

    /// Adds comment `cid` with its analysis.
    pub fn push(&mut self, cid: CommentId, a: &CommentAnalysis) {
        let name_calling = Category::NAME_CALLING.index();
        let tree = &self.thread.tree;
        let c = tree.comment(cid);
        let named = c.author.is_some();
        let own = a.score.flagged.iter().filter(|f| !f.quoted);
        let author = self.intern(c.author.as_deref(), c.author_id.as_deref());
        let answered = a
            .reply_to
            .map(|r| tree.comment(r))
            .and_then(|r| self.intern(r.author.as_deref(), r.author_id.as_deref()));
        let target_author = self.intern_named(a.target.author.as_deref());
        self.facts.comments.push(CommentFact {
            author,
            answered,
            incivility: a.score.incivility,
            uncivil: a.score.uncivil,
            name_calling: a.score.flags[name_calling],
            target: a.target.target.into(),
            target_author,
            own_text: match (named, a.masked.is_empty()) {
                (false, _) => Body::default(),
                (true, true) => c.body.clone(),
                (true, false) => Body::from(blank(&c.body, &a.masked)),
            },
            marks: if named {
                let marks = Marks {
                    epithets: own
                        .clone()
                        .filter_map(|f| f.lexicon.as_ref())
                        .filter(|m| m.category == Category::NAME_CALLING)
                        .map(|m| (m.range(), m.term.clone()))
                        .collect(),
                    flagged: own.map(|f| f.range.clone()).collect(),
                };
                (!marks.flagged.is_empty() || !marks.epithets.is_empty()).then(|| Box::new(marks))
            } else {
                None
            },
            created: c.created,
        });
    }

    /// The facts, with the comments' dotted ids in thread order.
    pub fn finish(mut self, ids: IdTable) -> ThreadFacts {
        self.facts.ids = ids;
        self.facts
    }
}
