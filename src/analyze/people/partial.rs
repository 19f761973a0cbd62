//! The per-user stage as partial aggregates that merge in any grouping
//! and any order (issue 19), so that a distributed run (Spark, Hadoop
//! Streaming, a shell pipe) gives the reports a single run gives.
//!
//! A map task counts the whole threads it was given into a [`Partials`]:
//! per-thread figures (complete, since a thread is never split), per-user
//! and per-pair counts keyed by the user's name key, and the named
//! comments the taunt finder reads, keyed by author.  Each kind merges
//! associatively and commutatively:
//! - counts add up, maxima and time spans widen;
//! - a user's spelling is the one met first *in run order*, so each part
//!   carries where it met its spelling ([`ThreadKey`] and author index) and
//!   the smaller place wins;
//! - lists (a pair's comments, an author's named comments) concatenate,
//!   and [`assemble`] sorts them by run order; each thread's entries come
//!   from one part in thread order, so a stable sort by thread keeps them.
//!
//! The taunt finder itself runs once, in [`assemble`], over every named
//! comment: its idiom count ("a phrase used by three or more authors") is
//! run-wide, so its inputs, not its results, are what merges.  Single
//! runs use the same code through `PeopleBuilder`, and [`assemble`] hands
//! the taunt finder the same records in the same order, so the reports
//! are byte-identical (tests/it/map_merge.rs).

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::io;
use std::ops::Range;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::buckets::{bucket_of, encode, BucketWriter, Parts, Record};
use super::{
    count_thread, labels, person_key, Counts, PairStats, People, Rules, ThreadStats, UserStats,
};
use crate::analyze::facts::ThreadFacts;
use crate::analyze::target::Target;
use crate::analyze::taunts::find_taunts_in_parts;
use crate::time::Timestamp;

/// Where a thread stands in a run: its input, the part of that input it
/// came in (a thread group of an export split by a distributed job; 0
/// for a whole input), and its index within that part.  Ordered as a run
/// orders threads: inputs by path (as `analyze` sorts them), then parts,
/// then position.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ThreadKey {
    /// The input as named.
    pub source: String,
    /// The part of the input.
    pub part: u64,
    /// The thread's index within the part.
    pub index: u32,
}

impl Ord for ThreadKey {
    fn cmp(&self, other: &Self) -> Ordering {
        Path::new(&self.source)
            .cmp(Path::new(&other.source))
            .then(self.source.cmp(&other.source))
            .then(self.part.cmp(&other.part))
            .then(self.index.cmp(&other.index))
    }
}

impl PartialOrd for ThreadKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// One user's counts over some threads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserPart {
    /// The spelling met first, and where (thread, index in its authors).
    pub spelling: String,
    /// Where `spelling` was met.
    pub met: (ThreadKey, u32),
    /// Comments written.
    pub comments: usize,
    /// Distinct threads commented in (threads are never split, so these add up).
    pub threads: usize,
    /// Uncivil comments.
    pub uncivil_comments: usize,
    /// Sum of incivility in thousandths.
    pub incivility_milli: u64,
    /// Highest incivility.
    pub max_incivility: f64,
    /// Comments with name-calling.
    pub name_calling: usize,
    /// Uncivil comments aimed at a commenter.
    pub attacks_on_commenters: usize,
    /// Earliest and latest comment times.
    pub first_seen: Option<Timestamp>,
    /// Latest.
    pub last_seen: Option<Timestamp>,
    /// Uncivil comments aimed at each known commenter, by name key.
    pub aimed: BTreeMap<String, usize>,
}

impl UserPart {
    /// Adds `other`'s counts (the same user's, from other threads).
    pub fn merge(&mut self, other: UserPart) {
        if other.met < self.met {
            self.spelling = other.spelling;
            self.met = other.met;
        }
        self.comments += other.comments;
        self.threads += other.threads;
        self.uncivil_comments += other.uncivil_comments;
        self.incivility_milli += other.incivility_milli;
        self.max_incivility = self.max_incivility.max(other.max_incivility);
        self.name_calling += other.name_calling;
        self.attacks_on_commenters += other.attacks_on_commenters;
        for t in [other.first_seen, other.last_seen] {
            super::widen(&mut self.first_seen, &mut self.last_seen, t);
        }
        for (to, n) in other.aimed {
            *self.aimed.entry(to).or_default() += n;
        }
    }
}

/// One ordered pair's counts over some threads.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairPart {
    /// Replies from `from` to `to`.
    pub replies: usize,
    /// Uncivil ones among them.
    pub uncivil_replies: usize,
    /// Comments with name-calling aimed at `to`.
    pub name_calling: usize,
    /// Uncivil comments aimed at `to`.
    pub aimed_uncivil: usize,
    /// The comments behind the pair: thread and dotted id, each thread's
    /// in thread order.
    pub comments: Vec<(ThreadKey, String)>,
}

impl PairPart {
    /// Adds `other`'s counts and comments.
    pub fn merge(&mut self, other: PairPart) {
        self.replies += other.replies;
        self.uncivil_replies += other.uncivil_replies;
        self.name_calling += other.name_calling;
        self.aimed_uncivil += other.aimed_uncivil;
        self.comments.extend(other.comments);
    }
}

/// A named comment as the taunt finder reads it, placed by thread and
/// position instead of run-wide numbers (those are known only at the end).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedComment {
    /// Its thread.
    pub thread: ThreadKey,
    /// Its position in the thread.
    pub position: u32,
    /// Its dotted id.
    pub id: String,
    /// Uncivil or aimed at someone.
    pub aimed: bool,
    /// Whom it is aimed at, for the `targets` column.
    pub target: Option<String>,
    /// Name-calling words of the own text.
    pub epithets: Vec<(Range<usize>, String)>,
    /// Every flagged word of the own text.
    pub flagged: Vec<Range<usize>>,
    /// The author's own words.
    pub text: String,
    /// When it was posted (UTC seconds).
    pub created: Option<i64>,
}

/// The per-user stage's partial aggregates of some threads.
#[derive(Debug, Default)]
pub struct Partials {
    /// Per-thread figures, complete.
    pub threads: Vec<(ThreadKey, ThreadStats)>,
    /// Per user, by name key.
    pub users: BTreeMap<String, UserPart>,
    /// Per (from, to), by name keys.
    pub pairs: BTreeMap<(String, String), PairPart>,
    /// Named comments, by the author's name key, in run order.
    pub named: BTreeMap<String, Vec<NamedComment>>,
}

impl Partials {
    /// Adds `other` (partials of other threads).
    pub fn merge(&mut self, other: Partials) {
        self.threads.extend(other.threads);
        for (k, u) in other.users {
            match self.users.entry(k) {
                std::collections::btree_map::Entry::Occupied(mut e) => e.get_mut().merge(u),
                std::collections::btree_map::Entry::Vacant(e) => {
                    e.insert(u);
                }
            }
        }
        for (k, p) in other.pairs {
            self.pairs.entry(k).or_default().merge(p);
        }
        for (k, list) in other.named {
            self.named.entry(k).or_default().extend(list);
        }
    }
}

/// Counts whole threads into [`Partials`]; what a map task does.
pub struct PartialBuilder {
    rules: Rules,
    counts: Counts,
    keys: Vec<ThreadKey>,
    met: Vec<(ThreadKey, u32)>,
    threads: Vec<(ThreadKey, ThreadStats)>,
    named: BTreeMap<String, Vec<NamedComment>>,
}

impl PartialBuilder {
    /// None counted yet.
    pub fn new(rules: Rules) -> Self {
        Self {
            rules,
            counts: Counts::default(),
            keys: Vec::new(),
            met: Vec::new(),
            threads: Vec::new(),
            named: BTreeMap::new(),
        }
    }

    /// Counts thread `t`, placed at `key`.
    pub fn add(&mut self, key: ThreadKey, t: &ThreadFacts) {
        let ti = u32::try_from(self.keys.len()).unwrap_or(u32::MAX);
        let mut user_of = Vec::with_capacity(t.authors.len());
        for (i, a) in t.authors.iter().enumerate() {
            let before = self.counts.names.len();
            let n = self
                .counts
                .user(a, t.author_ids.get(i).and_then(Option::as_deref));
            user_of.push(n);
            let here = (key.clone(), u32::try_from(i).unwrap_or(u32::MAX));
            // Threads may come in any order: the spelling kept is the one
            // met first in run order, not in arrival order.
            if self.counts.names.len() > before {
                self.met.push(here);
            } else if here < self.met[n as usize] {
                self.counts.names[n as usize] = a.clone();
                self.met[n as usize] = here;
            }
        }
        let stats = count_thread(&mut self.counts, self.rules, t, ti, &user_of);
        for (position, c) in t.comments.iter().enumerate() {
            let Some(author) = t.name(c.author) else {
                continue;
            };
            let target = Target::from(c.target);
            self.named
                .entry(person_key(author, t.author_id(c.author)))
                .or_default()
                .push(NamedComment {
                    thread: key.clone(),
                    position: u32::try_from(position).unwrap_or(u32::MAX),
                    id: t.ids.get(position).unwrap_or_default().to_owned(),
                    aimed: c.uncivil || target != Target::None,
                    target: match target {
                        Target::Commenter => {
                            Some(t.name(c.target_author).unwrap_or("commenter").to_owned())
                        }
                        Target::None => None,
                        other => Some(other.as_str().to_owned()),
                    },
                    epithets: c.epithets().to_vec(),
                    flagged: c.flagged().to_vec(),
                    text: c.own_text.as_str().to_owned(),
                    created: c.created.map(|t| t.0),
                });
        }
        self.keys.push(key.clone());
        self.threads.push((key, stats));
    }

    /// The partial aggregates.
    pub fn finish(self) -> Partials {
        let Counts {
            names,
            keys,
            users,
            aimed,
            pairs,
            ..
        } = self.counts;
        let mut parts: Vec<UserPart> = users
            .into_iter()
            .zip(names)
            .zip(self.met)
            .map(|((c, spelling), met)| UserPart {
                spelling,
                met,
                comments: c.comments,
                threads: c.threads,
                uncivil_comments: c.uncivil_comments,
                incivility_milli: c.incivility_milli,
                max_incivility: c.max_incivility,
                name_calling: c.name_calling,
                attacks_on_commenters: c.attacks_on_commenters,
                first_seen: c.first_seen,
                last_seen: c.last_seen,
                aimed: BTreeMap::new(),
            })
            .collect();
        for ((from, to), n) in aimed {
            parts[from as usize]
                .aimed
                .insert(keys[to as usize].clone(), n);
        }
        let thread_keys = &self.keys;
        let pairs = pairs
            .into_iter()
            .map(|((a, b), p)| {
                let part = PairPart {
                    replies: p.replies,
                    uncivil_replies: p.uncivil_replies,
                    name_calling: p.name_calling,
                    aimed_uncivil: p.aimed_uncivil,
                    comments: p
                        .comments
                        .iter()
                        .map(|(ti, id)| (thread_keys[ti as usize].clone(), id.to_owned()))
                        .collect(),
                };
                ((keys[a as usize].clone(), keys[b as usize].clone()), part)
            })
            .collect();
        // Users without a comment here are kept: the spelling met first
        // in run order may be theirs (`assemble` drops users without any).
        let users = keys.iter().cloned().zip(parts).collect();
        Partials {
            threads: self.threads,
            users,
            pairs,
            named: self.named,
        }
    }
}

/// Why partial aggregates cannot be assembled.
#[derive(Debug, thiserror::Error)]
pub enum AssembleError {
    /// The same thread came twice (the same map output merged twice?).
    #[error(
        "thread {index} of part {part} of {input} is given twice; was one map output merged twice?"
    )]
    DuplicateThread {
        /// Its input.
        input: String,
        /// Its part.
        part: u64,
        /// Its index.
        index: u32,
    },
    /// A pair or named comment names a thread no partial holds.
    #[error("a partial names thread {index} of part {part} of {input}, which no partial holds; is a map output missing?")]
    MissingThread {
        /// Its input.
        input: String,
        /// Its part.
        part: u64,
        /// Its index.
        index: u32,
    },
    /// The taunt finder's buckets failed.
    #[error("cannot use the taunt finder's buckets: {0}")]
    Io(#[from] io::Error),
}

/// The run's people figures from merged partials: what `PeopleBuilder`
/// gives over the same threads in run order.  Named comments go through
/// `buckets` (spill files in a big run).
pub fn assemble(
    mut p: Partials,
    rules: Rules,
    buckets: BucketWriter,
) -> Result<People, AssembleError> {
    p.threads.sort_by(|a, b| a.0.cmp(&b.0));
    for w in p.threads.windows(2) {
        if w[0].0 == w[1].0 {
            let k = &w[0].0;
            return Err(AssembleError::DuplicateThread {
                input: k.source.clone(),
                part: k.part,
                index: k.index,
            });
        }
    }
    // Run-wide thread index and first comment key of each thread.
    let mut first_key = Vec::with_capacity(p.threads.len());
    let mut next = 0usize;
    for (_, t) in &p.threads {
        first_key.push(next);
        next += t.comments;
    }
    let ti_of = |k: &ThreadKey| -> Result<u32, AssembleError> {
        p.threads
            .binary_search_by(|(x, _)| x.cmp(k))
            .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
            .map_err(|_| AssembleError::MissingThread {
                input: k.source.clone(),
                part: k.part,
                index: k.index,
            })
    };
    // Users numbered in name-key order: the taunt finder needs distinct
    // numbers, not any particular ones.
    let numbers: BTreeMap<&str, u32> = p
        .users
        .keys()
        .enumerate()
        .map(|(i, k)| (k.as_str(), u32::try_from(i).unwrap_or(u32::MAX)))
        .collect();
    // The names the reports show, by person key (issue 31).
    let spellings: Vec<String> = p.users.values().map(|u| u.spelling.clone()).collect();
    let user_keys: Vec<String> = p.users.keys().cloned().collect();
    let names: Vec<String> = labels(&spellings, &user_keys);
    let label_of: BTreeMap<&str, &str> = user_keys
        .iter()
        .map(String::as_str)
        .zip(names.iter().map(String::as_str))
        .collect();
    let spelling = |key: &str| label_of.get(key).copied().unwrap_or(key).to_owned();

    let mut users: BTreeMap<String, UserStats> = BTreeMap::new();
    // Every name belongs to a comment's author, so every user wrote one;
    // the filter keeps that promise explicit, as a single run does.
    for (key, u) in p.users.iter().filter(|(_, u)| u.comments > 0) {
        users.insert(
            spelling(key),
            UserStats {
                author: spelling(key),
                comments: u.comments,
                threads: u.threads,
                uncivil_comments: u.uncivil_comments,
                incivility_milli: u.incivility_milli,
                max_incivility: u.max_incivility,
                name_calling: u.name_calling,
                attacks_on_commenters: u.attacks_on_commenters,
                aimed: u.aimed.iter().map(|(to, n)| (spelling(to), *n)).collect(),
                first_seen: u.first_seen,
                last_seen: u.last_seen,
                ..UserStats::default()
            },
        );
    }
    let mut pairs = BTreeMap::new();
    for ((from, to), mut part) in std::mem::take(&mut p.pairs) {
        if part.aimed_uncivil >= rules.harassment_min {
            if let Some(u) = users.get_mut(&spelling(&from)) {
                u.harassment += 1;
            }
        }
        part.comments.sort_by(|a, b| a.0.cmp(&b.0));
        let mut stats = PairStats {
            replies: part.replies,
            uncivil_replies: part.uncivil_replies,
            name_calling: part.name_calling,
            aimed_uncivil: part.aimed_uncivil,
            ..PairStats::default()
        };
        for (k, id) in &part.comments {
            stats.comments.push(ti_of(k)?, id);
        }
        pairs.insert((spelling(&from), spelling(&to)), stats);
    }

    // Named comments into the buckets, each bucket in run order.
    let mut named: Vec<(usize, u32, u32, NamedComment)> = Vec::new();
    for (author, list) in std::mem::take(&mut p.named) {
        let number = numbers.get(author.as_str()).copied().unwrap_or(u32::MAX);
        for c in list {
            let ti = ti_of(&c.thread)?;
            named.push((first_key[ti as usize] + c.position as usize, ti, number, c));
        }
    }
    named.sort_by_key(|(key, ..)| *key);
    let mut buckets = buckets;
    let count = buckets.len();
    let mut bytes = Vec::new();
    for (key, ti, author, c) in &named {
        bytes.clear();
        encode(
            &Record {
                key: *key as u64,
                thread: *ti,
                id: Cow::Borrowed(&c.id),
                author: *author,
                aimed: c.aimed,
                target: c.target.as_deref().map(Cow::Borrowed),
                epithets: Cow::Borrowed(&c.epithets),
                flagged: Cow::Borrowed(&c.flagged),
                text: Cow::Borrowed(&c.text),
                created: c.created,
            },
            &mut bytes,
        )?;
        buckets.append(bucket_of(*author, count), &bytes)?;
    }
    drop(named);
    let buckets = buckets.finish()?;
    let (taunts, cited) = find_taunts_in_parts(&Parts {
        buckets: &buckets,
        names: &names,
    })?;
    for (i, t) in taunts.iter().enumerate() {
        if let Some(u) = users.get_mut(t.author.as_str()) {
            u.taunts.push(i);
        }
    }
    Ok(People {
        users,
        pairs,
        taunts,
        threads: p.threads.into_iter().map(|(_, t)| t).collect(),
        rules,
        cited,
    })
}

#[cfg(test)]
mod tests;
