//! Rows of users.csv, interactions.csv, taunts.csv and threads.csv, and
//! their row order (documented in `threadwatch help analyze` and README).
//!
//! Floats are written with three decimals and sorted by what is written,
//! so a tie a reader sees is a tie the sort sees.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::analyze::people::{ratio, PairStats, People};

/// One row of users.csv (named authors only).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UserRow {
    /// The author.
    pub author: String,
    /// Comments written.
    pub comments: usize,
    /// Distinct threads commented in.
    pub threads: usize,
    /// Uncivil comments.
    pub uncivil_comments: usize,
    /// uncivil_comments / comments.
    pub uncivil_rate: String,
    /// Mean incivility score.
    pub mean_incivility: String,
    /// Highest incivility score.
    pub max_incivility: String,
    /// Comments with name-calling.
    pub name_calling: usize,
    /// Uncivil comments aimed at a fellow commenter.
    pub attacks_on_commenters: usize,
    /// Distinct commenters aimed at.
    pub distinct_targets: usize,
    /// Commenter aimed at most (ties: alphabetical).
    pub top_target: String,
    /// Number of repeated taunts.
    pub repeated_taunts: usize,
    /// The taunt used most often.
    pub top_taunt: String,
    /// Persons this author harasses (2+ uncivil comments aimed at them).
    pub harassment: usize,
    /// Documented risk score (sort key).
    pub risk: String,
    /// The time of the author's earliest comment (ISO 8601 UTC), when the
    /// input gives times; empty otherwise.
    pub first_seen: String,
    /// The time of the latest.
    pub last_seen: String,
}

/// One row of interactions.csv.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct InteractionRow {
    /// The author replying or attacking.
    pub from_author: String,
    /// The author replied to or attacked.
    pub to_author: String,
    /// Replies from `from_author` to `to_author`.
    pub replies: usize,
    /// Uncivil ones among them.
    pub uncivil_replies: usize,
    /// Comments with name-calling aimed at `to_author`.
    pub name_calling: usize,
    /// 1 when `from_author` aims 2+ uncivil comments at `to_author`.
    pub harassment: u8,
    /// `source#comment_id` of the comments behind the pair.
    pub comment_ids: String,
}

/// One row of taunts.csv.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TauntRow {
    /// The author.
    pub author: String,
    /// The taunt as the author first wrote it.
    pub taunt: String,
    /// Comments it occurs in.
    pub occurrences: usize,
    /// Distinct threads it occurs in.
    pub threads: usize,
    /// `source#comment_id` of those comments.
    pub comment_ids: String,
    /// Whom those comments aim at.
    pub targets: String,
    /// The time of the earliest comment it occurs in (ISO 8601 UTC);
    /// empty when the input gives no times.
    pub first_seen: String,
    /// The time of the latest.
    pub last_seen: String,
}

/// One row of threads.csv.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ThreadRow {
    /// The input the thread came from.
    pub source: String,
    /// The article's headline.
    pub thread: String,
    /// Comments.
    pub comments: usize,
    /// Distinct named authors.
    pub participants: usize,
    /// Anonymous comments.
    pub anonymous_comments: usize,
    /// Deepest comment.
    pub max_depth: u32,
    /// Uncivil comments.
    pub uncivil_comments: usize,
    /// uncivil_comments / comments.
    pub uncivil_rate: String,
    /// Persons piled on by 3+ distinct attackers.
    pub dogpiles: usize,
    /// Author with the most uncivil comments (ties: alphabetical).
    pub top_offender: String,
    /// Comments whose parent the input names but does not hold (exports);
    /// they are reported as top-level comments.
    pub orphans: usize,
    /// The earliest comment's time (ISO 8601 UTC); empty when unknown.
    pub first_comment: String,
    /// The latest comment's time.
    pub last_comment: String,
}

fn f3(x: f64) -> String {
    format!("{x:.3}")
}

/// users.csv rows, sorted by risk (descending), then author.
pub fn user_rows(p: &People) -> Vec<UserRow> {
    let mut rows: Vec<(f64, UserRow)> = p
        .users
        .values()
        .map(|u| {
            let top_taunt = u
                .taunts
                .iter()
                .map(|&i| &p.taunts[i])
                .max_by(|a, b| {
                    a.comments
                        .len()
                        .cmp(&b.comments.len())
                        .then(b.comments.cmp(&a.comments))
                })
                .map_or_else(String::new, |t| t.text.clone());
            let risk = f3(u.risk());
            (
                risk.parse().unwrap_or(0.0),
                UserRow {
                    author: u.author.clone(),
                    comments: u.comments,
                    threads: u.threads,
                    uncivil_comments: u.uncivil_comments,
                    uncivil_rate: f3(u.uncivil_rate()),
                    mean_incivility: f3(u.mean_incivility()),
                    max_incivility: f3(u.max_incivility),
                    name_calling: u.name_calling,
                    attacks_on_commenters: u.attacks_on_commenters,
                    distinct_targets: u.aimed.len(),
                    top_target: u.top_target().unwrap_or_default().to_owned(),
                    repeated_taunts: u.taunts.len(),
                    top_taunt,
                    harassment: u.harassment,
                    risk,
                    first_seen: crate::time::cell(u.first_seen),
                    last_seen: crate::time::cell(u.last_seen),
                },
            )
        })
        .collect();
    rows.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| a.1.author.cmp(&b.1.author))
    });
    rows.into_iter().map(|(_, r)| r).collect()
}

/// interactions.csv rows, sorted by harassment, uncivil replies and
/// replies (descending), then from_author and to_author.
///
/// Rows are made one at a time as they are written: a big run has a
/// row per pair, and holding them all with their comment labels cost
/// more than the pairs themselves (issue 6).
pub fn interaction_rows(p: &People) -> impl Iterator<Item = InteractionRow> + '_ {
    let labels = Labels(p);
    let harassment = |s: &PairStats| u8::from(s.aimed_uncivil >= p.rules.harassment_min);
    let mut pairs: Vec<(&(String, String), &PairStats)> = p.pairs.iter().collect();
    pairs.sort_by(|(ka, a), (kb, b)| {
        harassment(b)
            .cmp(&harassment(a))
            .then(b.uncivil_replies.cmp(&a.uncivil_replies))
            .then(b.replies.cmp(&a.replies))
            .then_with(|| ka.0.cmp(&kb.0))
            .then_with(|| ka.1.cmp(&kb.1))
    });
    pairs
        .into_iter()
        .map(move |((from, to), s)| InteractionRow {
            from_author: from.clone(),
            to_author: to.clone(),
            replies: s.replies,
            uncivil_replies: s.uncivil_replies,
            name_calling: s.name_calling,
            harassment: harassment(s),
            comment_ids: labels.join(s.comments.iter()),
        })
}

/// taunts.csv rows, sorted by occurrences (descending), then author, then
/// first occurrence.
pub fn taunt_rows(p: &People) -> Vec<TauntRow> {
    let labels = Labels(p);
    let mut taunts: Vec<_> = p.taunts.iter().collect();
    taunts.sort_by(|a, b| {
        b.comments
            .len()
            .cmp(&a.comments.len())
            .then_with(|| a.author.cmp(&b.author))
            .then(a.comments.cmp(&b.comments))
    });
    taunts
        .into_iter()
        .map(|t| {
            let cited = || t.comments.iter().filter_map(|k| p.cited.get(k));
            let threads: BTreeSet<u32> = cited().map(|(thread, _, _)| *thread).collect();
            let times = || cited().filter_map(|(_, _, t)| *t);
            TauntRow {
                author: t.author.clone(),
                taunt: t.text.clone(),
                occurrences: t.comments.len(),
                threads: threads.len(),
                comment_ids: labels.join(cited().map(|(thread, id, _)| (*thread, id.as_str()))),
                targets: t.targets.join("; "),
                first_seen: crate::time::cell(times().min()),
                last_seen: crate::time::cell(times().max()),
            }
        })
        .collect()
}

/// threads.csv rows, in run order (inputs sorted by path).
pub fn thread_rows(p: &People) -> Vec<ThreadRow> {
    p.threads
        .iter()
        .map(|s| ThreadRow {
            source: s.source.clone(),
            thread: s.title.clone(),
            comments: s.comments,
            participants: s.participants,
            anonymous_comments: s.anonymous_comments,
            max_depth: s.max_depth,
            uncivil_comments: s.uncivil_comments,
            uncivil_rate: f3(ratio(s.uncivil_comments, s.comments)),
            dogpiles: s.dogpiles,
            top_offender: s.top_offender.clone().unwrap_or_default(),
            orphans: s.orphans,
            first_comment: crate::time::cell(s.first_comment),
            last_comment: crate::time::cell(s.last_comment),
        })
        .collect()
}

/// `source#comment_id` of the comments a report cites, made when a row
/// is, from the thread index and dotted id the people stage kept: one
/// string per cited comment, held for the whole run, cost hundreds of
/// bytes for each comment of a big run (issue 6).
struct Labels<'a>(&'a People);

impl Labels<'_> {
    fn join<'i>(&self, comments: impl Iterator<Item = (u32, &'i str)>) -> String {
        let mut out = String::new();
        for (thread, id) in comments {
            let Some(t) = self.0.threads.get(thread as usize) else {
                continue;
            };
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&t.source);
            out.push('#');
            out.push_str(id);
        }
        out
    }
}
