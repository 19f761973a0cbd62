//! People: who is uncivil, at whom, how often, and who is piled on
//! (issue 4).
//!
//! Everything here is counted with integers over the run's comments in
//! run order (inputs sorted, then thread order) and kept in `BTreeMap`s
//! keyed by author, so no hash order and no float summed in parallel
//! reaches a report.  Anonymous comments count in their thread's figures
//! but are nobody's identity: no user, no pair.
//!
//! A comment is *aimed at* a commenter when its target is `commenter` and
//! that commenter is known (`target_author`).  `harassment` is one author
//! aiming `HARASSMENT_MIN` or more uncivil comments at the same person; a
//! `dogpile` is `DOGPILE_MIN` or more distinct authors aiming uncivil
//! comments at the same person in one thread.
//!
//! Risk, the users report's sort key:
//! `risk = uncivil_comments + 2 * attacks_on_commenters + 3 * harassment +
//! repeated_taunts + max_incivility`: incivility counts, attacks on fellow
//! commenters count double, each person harassed counts triple, and the
//! worst single comment breaks ties.

pub mod buckets;
pub mod partial;

use std::borrow::Cow;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::facts::{Author, ThreadFacts};
use super::target::Target;
use super::taunts::{find_taunts_in_parts, Taunt};
use crate::time::Timestamp;
use buckets::{bucket_of, encode, BucketWriter, Parts, Record};
use rayon::prelude::*;

/// Uncivil comments aimed at one person that make harassment.
pub const HARASSMENT_MIN: usize = 2;

/// Distinct attackers of one person in one thread that make a dogpile.
pub const DOGPILE_MIN: usize = 3;

/// Per-author figures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserStats {
    /// The author.
    pub author: String,
    /// Comments written.
    pub comments: usize,
    /// Distinct threads commented in.
    pub threads: usize,
    /// Uncivil comments.
    pub uncivil_comments: usize,
    /// Sum of incivility scores in thousandths (an integer, so the sum does
    /// not depend on order).
    pub incivility_milli: u64,
    /// Highest incivility.
    pub max_incivility: f64,
    /// Comments with name-calling.
    pub name_calling: usize,
    /// Uncivil comments aimed at a commenter.
    pub attacks_on_commenters: usize,
    /// Uncivil comments aimed at each known commenter.
    pub aimed: BTreeMap<String, usize>,
    /// Persons this author harasses.
    pub harassment: usize,
    /// This author's taunts (indexes into `People::taunts`).
    pub taunts: Vec<usize>,
    /// The earliest time of the author's comments that have one.
    pub first_seen: Option<Timestamp>,
    /// The latest.
    pub last_seen: Option<Timestamp>,
}

/// Per ordered pair of authors.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PairStats {
    /// Replies from `from` to `to`.
    pub replies: usize,
    /// Uncivil ones among them.
    pub uncivil_replies: usize,
    /// Comments of `from` with name-calling aimed at `to`.
    pub name_calling: usize,
    /// Uncivil comments of `from` aimed at `to` (replies or not).
    pub aimed_uncivil: usize,
    /// The comments behind the pair, in run order and distinct.
    pub comments: CommentList,
}

/// Comments as (thread index in the run, dotted id), packed in one buffer:
/// a big run has hundreds of thousands of pairs with a comment or two
/// each, and a vector of strings would cost three allocations a comment
/// (issue 6).  Each entry is the thread as 4 bytes, the id's length as 4
/// bytes, then the id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommentList {
    bytes: Vec<u8>,
    len: usize,
}

impl CommentList {
    /// Adds a comment.
    pub fn push(&mut self, thread: u32, id: &str) {
        let Ok(id_len) = u32::try_from(id.len()) else {
            return;
        };
        self.bytes.extend_from_slice(&thread.to_le_bytes());
        self.bytes.extend_from_slice(&id_len.to_le_bytes());
        self.bytes.extend_from_slice(id.as_bytes());
        self.len += 1;
    }

    /// Number of comments.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The comments, in the order added.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &str)> + '_ {
        let mut rest = self.bytes.as_slice();
        std::iter::from_fn(move || {
            let (thread, tail) = rest.split_first_chunk::<4>()?;
            let (len, tail) = tail.split_first_chunk::<4>()?;
            let len = u32::from_le_bytes(*len) as usize;
            let id = std::str::from_utf8(tail.get(..len)?).ok()?;
            rest = &tail[len..];
            Some((u32::from_le_bytes(*thread), id))
        })
    }
}

/// Per-thread figures.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ThreadStats {
    /// The input it came from.
    pub source: String,
    /// The article's headline.
    pub title: String,
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
    /// Persons piled on by `DOGPILE_MIN` or more distinct attackers.
    pub dogpiles: usize,
    /// Author with the most uncivil comments (ties: alphabetical).
    pub top_offender: Option<String>,
    /// Comments whose parent was missing from the input.
    pub orphans: usize,
    /// The earliest comment's time, when any comment has one.
    pub first_comment: Option<Timestamp>,
    /// The latest comment's time.
    pub last_comment: Option<Timestamp>,
}

/// Everything the people reports need.
#[derive(Debug, Clone, Default)]
pub struct People {
    /// Per author.
    pub users: BTreeMap<String, UserStats>,
    /// Per (from, to).
    pub pairs: BTreeMap<(String, String), PairStats>,
    /// Repeated taunts.
    pub taunts: Vec<Taunt>,
    /// Per thread, in run order.
    pub threads: Vec<ThreadStats>,
    /// The thresholds used.
    pub rules: Rules,
    /// Thread index and dotted id of every comment a taunt cites, by run
    /// key.
    pub cited: super::taunts::Cited,
}

impl UserStats {
    /// Mean incivility over the author's comments.
    pub fn mean_incivility(&self) -> f64 {
        if self.comments == 0 {
            0.0
        } else {
            self.incivility_milli as f64 / 1000.0 / self.comments as f64
        }
    }

    /// Share of the author's comments that are uncivil.
    pub fn uncivil_rate(&self) -> f64 {
        ratio(self.uncivil_comments, self.comments)
    }

    /// The documented risk score (see the module header).
    pub fn risk(&self) -> f64 {
        (self.uncivil_comments
            + 2 * self.attacks_on_commenters
            + 3 * self.harassment
            + self.taunts.len()) as f64
            + self.max_incivility
    }

    /// The commenter this author aims most uncivil comments at.
    pub fn top_target(&self) -> Option<&str> {
        // max_by_key keeps the last maximum; iterate in reverse so ties go
        // to the alphabetically first name.
        self.aimed
            .iter()
            .rev()
            .max_by_key(|(_, n)| **n)
            .map(|(a, _)| a.as_str())
    }
}

/// `a / b`, 0 when `b` is 0.
pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The thresholds of the people stage (configurable in threadwatch.toml).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// Uncivil comments aimed at one person that make harassment.
    pub harassment_min: usize,
    /// Distinct attackers of one person in one thread that make a dogpile.
    pub dogpile_min: usize,
}

impl Default for Rules {
    fn default() -> Self {
        Self {
            harassment_min: HARASSMENT_MIN,
            dogpile_min: DOGPILE_MIN,
        }
    }
}

/// Builds [`People`] a thread at a time, so a run need not keep its
/// threads' facts: counts are made as each thread arrives, and its named
/// comments go to the buckets the taunt finder reads at the end (issue 6).
///
/// Everything is counted by number, not by name: each thread's author
/// numbers are mapped once to run-wide user numbers, so a comment costs a
/// few array and hash-map updates instead of string-keyed tree lookups.
/// Names and their order come back in `finish`, when the maps become the
/// `BTreeMap`s the reports read; so no hash order reaches a report.
pub struct PeopleBuilder {
    rules: Rules,
    counts: Counts,
    threads: Vec<ThreadStats>,
    next_key: usize,
    buckets: BucketWriter,
}

impl PeopleBuilder {
    /// An empty run whose named comments go to `buckets`.
    pub fn new(rules: Rules, buckets: BucketWriter) -> Self {
        Self {
            rules,
            counts: Counts::default(),
            threads: Vec::new(),
            next_key: 0,
            buckets,
        }
    }

    /// Threads counted so far.
    pub fn threads(&self) -> usize {
        self.threads.len()
    }

    /// Counts the next thread of the run and writes its named comments to
    /// the buckets.  The two run side by side on the current rayon pool,
    /// and records are encoded in parallel: on one huge page this was
    /// seconds of one busy core after the analysis (issue 6).
    pub fn add(&mut self, t: &ThreadFacts) -> std::io::Result<()> {
        let ti = u32::try_from(self.threads.len()).unwrap_or(u32::MAX);
        let counts = &mut self.counts;
        let user_of: Vec<u32> = (0..t.authors.len())
            .map(|i| counts.user(&t.authors[i], author_id_at(t, i)))
            .collect();
        let first_key = self.next_key;
        self.next_key += t.comments.len();
        let rules = self.rules;
        let buckets = &mut self.buckets;
        let (stats, written) = rayon::join(
            || count_thread(counts, rules, t, ti, &user_of),
            || write_records(buckets, t, ti, &user_of, first_key),
        );
        written?;
        self.threads.push(stats);
        Ok(())
    }

    /// Finds the run's taunts (on the current rayon pool) and returns the
    /// figures.
    pub fn finish(self) -> std::io::Result<People> {
        let buckets = self.buckets.finish()?;
        let labels = labels(&self.counts.names, &self.counts.keys);
        let parts = Parts {
            buckets: &buckets,
            names: &labels,
        };
        let (taunts, cited) = find_taunts_in_parts(&parts)?;
        drop(buckets);
        let (mut users, pairs) = self.counts.finish(self.rules, labels);
        for (i, t) in taunts.iter().enumerate() {
            if let Some(u) = users.get_mut(t.author.as_str()) {
                u.taunts.push(i);
            }
        }
        Ok(People {
            users,
            pairs,
            taunts,
            threads: self.threads,
            rules: self.rules,
            cited,
        })
    }
}

/// One thread's figures, counted into `counts` (users and pairs).
fn count_thread(
    counts: &mut Counts,
    rules: Rules,
    t: &ThreadFacts,
    ti: u32,
    user_of: &[u32],
) -> ThreadStats {
    let user = |a: Option<Author>| a.map(|a| user_of[a.get() as usize - 1]);
    let mut stats = ThreadStats {
        source: t.source.clone(),
        title: t.title.clone(),
        comments: t.comments.len(),
        max_depth: t.max_depth,
        orphans: t.orphans,
        ..ThreadStats::default()
    };
    // Per author of this thread (by the thread's own numbering).
    let mut wrote = vec![false; t.authors.len()];
    let mut uncivil_by = vec![0usize; t.authors.len()];
    let mut attackers_of: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for (position, c) in t.comments.iter().enumerate() {
        let uncivil = c.uncivil;
        stats.uncivil_comments += usize::from(uncivil);
        widen(&mut stats.first_comment, &mut stats.last_comment, c.created);
        let (Some(local), Some(author)) = (c.author, user(c.author)) else {
            stats.anonymous_comments += 1;
            continue;
        };
        let id = t.ids.get(position).unwrap_or_default();
        let local = local.get() as usize - 1;
        wrote[local] = true;
        uncivil_by[local] += usize::from(uncivil);
        let target = Target::from(c.target);
        let aimed_at = match (target, user(c.target_author)) {
            (Target::Commenter, Some(x)) if x != author => Some(x),
            _ => None,
        };
        let answered = user(c.answered).filter(|b| *b != author);

        let u = &mut counts.users[author as usize];
        u.comments += 1;
        widen(&mut u.first_seen, &mut u.last_seen, c.created);
        if u.last_thread != Some(ti) {
            u.last_thread = Some(ti);
            u.threads += 1;
        }
        u.uncivil_comments += usize::from(uncivil);
        u.incivility_milli += (c.incivility * 1000.0).round() as u64;
        u.max_incivility = u.max_incivility.max(c.incivility);
        u.name_calling += usize::from(c.name_calling);
        if uncivil && target == Target::Commenter {
            u.attacks_on_commenters += 1;
        }
        if let (true, Some(x)) = (uncivil, aimed_at) {
            *counts.aimed.entry((author, x)).or_default() += 1;
            attackers_of.entry(x).or_default().push(author);
        }
        if let Some(b) = answered {
            let pair = counts.pairs.entry((author, b)).or_default();
            pair.replies += 1;
            pair.uncivil_replies += usize::from(uncivil);
            pair.comments.push(ti, id);
        }
        if let Some(x) = aimed_at {
            let pair = counts.pairs.entry((author, x)).or_default();
            pair.name_calling += usize::from(c.name_calling);
            pair.aimed_uncivil += usize::from(uncivil);
            // A reply aimed at the one it answers is one comment.
            if answered != Some(x) {
                pair.comments.push(ti, id);
            }
        }
    }
    stats.participants = wrote.iter().filter(|w| **w).count();
    stats.dogpiles = attackers_of
        .into_values()
        .map(distinct)
        .filter(|n| *n >= rules.dogpile_min)
        .count();
    // The most uncivil comments; ties go to the alphabetically first.
    stats.top_offender = uncivil_by
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .max_by(|(a, na), (b, nb)| na.cmp(nb).then(t.authors[*b].cmp(&t.authors[*a])))
        .map(|(a, _)| t.authors[a].clone());
    stats
}

/// Comments encoded per task, and tasks per round: a round's records are
/// held until written, so memory stays at a round's own words.
const RECORDS_PER_TASK: usize = 4096;
const TASKS_PER_ROUND: usize = 16;

/// Writes the named comments of thread `ti` to their authors' buckets, in
/// thread order within each bucket.
fn write_records(
    buckets: &mut BucketWriter,
    t: &ThreadFacts,
    ti: u32,
    user_of: &[u32],
    first_key: usize,
) -> std::io::Result<()> {
    let n = t.comments.len();
    let round = RECORDS_PER_TASK * TASKS_PER_ROUND;
    let count = buckets.len();
    for start in (0..n).step_by(round) {
        let tasks: Vec<std::ops::Range<usize>> = (start..(start + round).min(n))
            .step_by(RECORDS_PER_TASK)
            .map(|s| s..(s + RECORDS_PER_TASK).min(n))
            .collect();
        let encoded: Vec<std::io::Result<Vec<Vec<u8>>>> = tasks
            .into_par_iter()
            .map(|range| {
                let mut out: Vec<Vec<u8>> = vec![Vec::new(); count.max(1)];
                for position in range {
                    let c = &t.comments[position];
                    let Some(author) = c.author.map(|a| user_of[a.get() as usize - 1]) else {
                        continue;
                    };
                    let target = Target::from(c.target);
                    let record = Record {
                        key: (first_key + position) as u64,
                        thread: ti,
                        id: Cow::Borrowed(t.ids.get(position).unwrap_or_default()),
                        author,
                        aimed: c.uncivil || target != Target::None,
                        target: match target {
                            Target::Commenter => Some(Cow::Borrowed(
                                t.name(c.target_author).unwrap_or("commenter"),
                            )),
                            Target::None => None,
                            other => Some(Cow::Borrowed(other.as_str())),
                        },
                        epithets: Cow::Borrowed(c.epithets()),
                        flagged: Cow::Borrowed(c.flagged()),
                        text: Cow::Borrowed(c.own_text.as_str()),
                        created: c.created.map(|t| t.0),
                    };
                    encode(&record, &mut out[bucket_of(author, count)])?;
                }
                Ok(out)
            })
            .collect();
        for task in encoded {
            for (i, bytes) in task?.iter().enumerate() {
                if !bytes.is_empty() {
                    buckets.append(i, bytes)?;
                }
            }
        }
    }
    Ok(())
}

/// Per-user and per-pair counts of a run, by run-wide user number (the
/// order in which names are first met).
#[derive(Default)]
struct Counts {
    number: FxHashMap<String, u32>,
    names: Vec<String>,
    /// Each user's person key (see [`person_key`]).
    keys: Vec<String>,
    users: Vec<UserCount>,
    /// Uncivil comments of one user aimed at another.
    aimed: FxHashMap<(u32, u32), usize>,
    pairs: FxHashMap<(u32, u32), PairStats>,
}

/// What `UserStats` counts comment by comment.
#[derive(Default)]
struct UserCount {
    comments: usize,
    threads: usize,
    /// The thread last counted in `threads` (threads come in run order).
    last_thread: Option<u32>,
    uncivil_comments: usize,
    incivility_milli: u64,
    max_incivility: f64,
    name_calling: usize,
    attacks_on_commenters: usize,
    first_seen: Option<Timestamp>,
    last_seen: Option<Timestamp>,
}

/// Widens the span `first..=last` to hold `t`.
fn widen(first: &mut Option<Timestamp>, last: &mut Option<Timestamp>, t: Option<Timestamp>) {
    if let Some(t) = t {
        *first = Some(first.map_or(t, |f| f.min(t)));
        *last = Some(last.map_or(t, |l| l.max(t)));
    }
}

/// The key that matches a display name: names that differ only in case
/// ("Ada Marsh", "ada marsh") are one person (issue 16), since sites
/// compare usernames without case and readers type display names either
/// way.  Reports show the spelling met first in the run.
fn name_key(name: &str) -> String {
    name.to_lowercase()
}

/// The key of a person: the platform's stable id when the input gives one
/// (issue 31: two people with one display name stay two, and a renamed
/// account stays one), else the name without case (`name_key`).  The
/// two kinds never meet: an id's key starts with U+0001, which no
/// lowercased name does.
pub fn person_key(name: &str, id: Option<&str>) -> String {
    match id {
        Some(id) => format!("\u{1}{id}"),
        None => name_key(name),
    }
}

/// The id of author `i` of `t`.
fn author_id_at(t: &ThreadFacts, i: usize) -> Option<&str> {
    t.author_ids.get(i).and_then(Option::as_deref)
}

/// The names the per-user reports show for people with spellings `names`
/// and person keys `keys` (same order): the spelling, except that when
/// people with different ids share one spelling, those with an id show
/// it after the name (`Ben Ortiz (bortiz)`), so the reports keep them
/// apart (issue 31).  A person without an id is keyed by the name, so at
/// most one of a spelling has none and keeps the bare name.
pub fn labels(names: &[String], keys: &[String]) -> Vec<String> {
    let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
    for n in names {
        *seen.entry(n.as_str()).or_default() += 1;
    }
    names
        .iter()
        .zip(keys)
        .map(|(n, k)| match k.strip_prefix('\u{1}') {
            Some(id) if seen.get(n.as_str()).copied().unwrap_or(0) > 1 => format!("{n} ({id})"),
            _ => n.clone(),
        })
        .collect()
}

impl Counts {
    /// The user number of `name` with platform id `id` (matched by id, or
    /// by name without case: see [`person_key`]), given one if new.
    fn user(&mut self, name: &str, id: Option<&str>) -> u32 {
        let key = person_key(name, id);
        if let Some(&n) = self.number.get(&key) {
            return n;
        }
        let n = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.number.insert(key.clone(), n);
        self.names.push(name.to_owned());
        self.keys.push(key);
        self.users.push(UserCount::default());
        n
    }

    /// The users and pairs by the names the reports show (`labels`, one
    /// per user), with harassment counted.
    fn finish(
        self,
        rules: Rules,
        labels: Vec<String>,
    ) -> (
        BTreeMap<String, UserStats>,
        BTreeMap<(String, String), PairStats>,
    ) {
        let names = labels;
        let mut users: Vec<UserStats> = self
            .users
            .into_iter()
            .zip(&names)
            .map(|(c, name)| UserStats {
                author: name.clone(),
                comments: c.comments,
                threads: c.threads,
                uncivil_comments: c.uncivil_comments,
                incivility_milli: c.incivility_milli,
                max_incivility: c.max_incivility,
                name_calling: c.name_calling,
                attacks_on_commenters: c.attacks_on_commenters,
                first_seen: c.first_seen,
                last_seen: c.last_seen,
                ..UserStats::default()
            })
            .collect();
        for ((from, to), n) in self.aimed {
            users[from as usize]
                .aimed
                .insert(names[to as usize].clone(), n);
        }
        for ((from, _), pair) in &self.pairs {
            if pair.aimed_uncivil >= rules.harassment_min {
                users[*from as usize].harassment += 1;
            }
        }
        let pairs = self
            .pairs
            .into_iter()
            .map(|((a, b), v)| {
                let name = |u: u32| names[u as usize].clone();
                ((name(a), name(b)), v)
            })
            .collect();
        // Every name belongs to a comment's author, so every user wrote
        // one; the filter only keeps that promise explicit.
        let users = users
            .into_iter()
            .filter(|u| u.comments > 0)
            .map(|u| (u.author.clone(), u))
            .collect();
        (users, pairs)
    }
}

/// Distinct values of `v`.
fn distinct(mut v: Vec<u32>) -> usize {
    v.sort_unstable();
    v.dedup();
    v.len()
}

#[cfg(test)]
mod tests;
