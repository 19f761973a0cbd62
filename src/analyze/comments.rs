//! Every comment of a run, analysed in its thread.
//!
//! Run-wide facts come first (signatures are learned per author across all
//! threads), then per thread the quote links, participants and public
//! figures, then every comment is scored in parallel with rayon.  Indexed
//! collects keep thread order, and no float is summed across threads, so
//! the result does not depend on the number of worker threads.

use std::ops::Range;

use rayon::prelude::*;

use super::id_table::IdTable;
use super::incivility::{
    evidence, hit, target_hits, Flagged, Scorer, TextScore, UNCIVIL_THRESHOLD,
};
use super::language::{detect, not_scored};
use super::mention::Participants;
use super::quote::{quote_links, QuoteLinks};
use super::signature::Signatures;
use super::target::{Context, Cues, PublicFigures, Resolved, Target};
use crate::thread::Thread;
use crate::tree::CommentId;

/// What the analyzers say about one comment.
#[derive(Debug, Clone, PartialEq)]
pub struct CommentAnalysis {
    /// The comment answered: a quoted preceding sibling, else the parent.
    pub reply_to: Option<CommentId>,
    /// The earlier comment its quotations come from.
    pub quoted_from: Option<CommentId>,
    /// Flags, score and flagged words.
    pub score: TextScore,
    /// At whom the incivility is aimed.
    pub target: Resolved,
    /// The evidence cell.
    pub evidence: String,
    /// Byte ranges of the body that are not the author's own words
    /// (quotations of earlier comments, a signature).
    pub masked: Vec<Range<usize>>,
    /// The comment's language when it can be told (`language.rs`).
    pub language: Option<&'static str>,
    /// False when the comment is in a language without word lists: no
    /// score, no flags, evidence "not scored: language xx" (issue 25).
    pub scored: bool,
}

/// One thread made ready for analysis: what every comment's analysis
/// needs of the others (quote links, participants, public figures, dotted
/// ids) is computed once, and then comments are analysed in any range, so
/// a huge page can be analysed a window at a time and each window's
/// analyses dropped once written (issue 6).
pub struct ThreadAnalyzer<'t, 's> {
    thread: &'t Thread,
    scorer: Scorer<'s>,
    threshold: f64,
    signatures: Signatures,
    ids: Vec<CommentId>,
    dotted: IdTable,
    links: Vec<QuoteLinks>,
    participants: Participants,
    figures: PublicFigures,
}

impl<'t, 's> ThreadAnalyzer<'t, 's> {
    /// Prepares `thread`, learning signatures from its own comments.
    pub fn new(thread: &'t Thread, scorer: Scorer<'s>, threshold: f64) -> Self {
        let own = Signatures::learn(
            thread
                .tree
                .comments()
                .filter_map(|(_, c)| Some((c.author.as_deref()?, c.body.as_str()))),
        );
        Self::prepare(thread, scorer, threshold, own)
    }

    fn prepare(
        thread: &'t Thread,
        scorer: Scorer<'s>,
        threshold: f64,
        signatures: Signatures,
    ) -> Self {
        let tree = &thread.tree;
        Self {
            thread,
            scorer,
            threshold,
            signatures,
            ids: tree.comments().map(|(id, _)| id).collect(),
            dotted: {
                let mut t = IdTable::with_capacity(tree.len());
                for (_, d) in tree.with_dotted_ids() {
                    t.push(&d);
                }
                t.shrink_to_fit();
                t
            },
            links: quote_links(tree),
            participants: Participants::new(
                tree.comments().filter_map(|(_, c)| c.author.as_deref()),
            ),
            figures: PublicFigures::from_article(&thread.article),
        }
    }

    /// Comments in the thread.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when the thread has no comments.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The `i`-th comment's id.
    pub fn id(&self, i: usize) -> CommentId {
        self.ids[i]
    }

    /// The `i`-th comment's dotted id.
    pub fn dotted(&self, i: usize) -> &str {
        self.dotted.get(i).unwrap_or_default()
    }

    /// Every comment's dotted id, for the facts: the analyzer is done
    /// with them once every comment is analysed.
    pub fn into_ids(self) -> IdTable {
        self.dotted
    }

    /// The dotted id of `id`, if it is a comment of this thread.
    pub fn dotted_of(&self, id: CommentId) -> Option<&str> {
        self.ids
            .binary_search(&id)
            .ok()
            .and_then(|i| self.dotted.get(i))
    }

    /// Analyses of the comments at positions `range`, in order, in
    /// parallel.
    pub fn analyze(&self, range: std::ops::Range<usize>) -> Vec<CommentAnalysis> {
        range.into_par_iter().map(|i| self.analyze_one(i)).collect()
    }

    fn analyze_one(&self, i: usize) -> CommentAnalysis {
        let tree = &self.thread.tree;
        let link = &self.links[i];
        let c = tree.comment(self.ids[i]);
        let me = c.author.as_deref();
        let mut masked: Vec<Range<usize>> = link.quoted.to_vec();
        if let Some(sig) = me.and_then(|a| self.signatures.find(a, &c.body)) {
            masked.push(sig);
        }
        let ctx = Context {
            participants: &self.participants,
            figures: &self.figures,
            surnames: self.scorer.lexicon.surnames(),
            me,
            answered: link
                .reply_to
                .and_then(|r| tree.comment(r).author.as_deref()),
            is_reply: link.reply_to.is_some(),
        };
        let scorer = self.scorer;
        // Issue 25: a language the lists do not read is not "civil".
        let language = detect(&c.body);
        if let Some(code) = language.filter(|l| !scorer.lexicon.scores_language(l)) {
            return CommentAnalysis {
                reply_to: link.reply_to,
                quoted_from: link.quoted_from,
                score: TextScore::default(),
                target: Resolved::default(),
                evidence: not_scored(code),
                masked,
                language,
                scored: false,
            };
        }
        let mut score = scorer.score(&c.body, &masked, &ctx);
        if self.threshold != UNCIVIL_THRESHOLD {
            score.rethreshold(self.threshold, &scorer, &c.body, &masked);
        }
        let hits = target_hits(&score);
        let cues = Cues::new(&c.body, &ctx);
        let target = cues.resolve(&hits);
        let target_of = |f: &Flagged| {
            let m = f.lexicon.as_ref().filter(|_| aims(f))?;
            let r = cues.resolve_hit(&hit(m));
            match r.target {
                Target::Commenter => Some(r.author.unwrap_or_else(|| "commenter".to_owned())),
                Target::None => None,
                t => Some(t.as_str().to_owned()),
            }
        };
        let quoted_from = link.quoted_from.and_then(|q| self.dotted_of(q));
        let evidence = evidence(&c.body, &score, target_of, quoted_from);
        CommentAnalysis {
            reply_to: link.reply_to,
            quoted_from: link.quoted_from,
            score,
            target,
            evidence,
            masked,
            language,
            scored: true,
        }
    }
}

/// Flagged words that are aimed at someone (the category table says
/// which: vulgarity and shouting are incivility without an addressee of
/// their own).
fn aims(f: &Flagged) -> bool {
    f.lexicon.as_ref().is_some_and(|m| m.category.def().aims)
}
