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

use std::borrow::Cow;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use std::ops::Range;

use super::facts::ThreadFacts;
use super::facts::{Author, CommentFact};
use super::target::Target;
use super::taunts::{find_taunts_in, CommentView, Taunt, TauntInput};

/// Uncivil comments aimed at one person that make harassment.
pub const HARASSMENT_MIN: usize = 2;

/// Distinct attackers of one person in one thread that make a dogpile.
pub const DOGPILE_MIN: usize = 3;

/// One comment's place in the run: 8 bytes, so a million comments cost
/// 8 MB here; reports turn the few they cite into `source#comment_id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommentRef {
    /// Index of the thread in the run.
    pub thread: u32,
    /// Position of the comment in its thread's order.
    pub position: u32,
}

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
    /// Run keys of the comments behind the pair, ascending and distinct.
    /// A vector, not a set: keys arrive in run order, and a pair usually
    /// has a comment or two, for which a set's node costs ten times the
    /// keys (issue 6).
    pub comments: Vec<usize>,
}

/// Per-thread figures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ThreadStats {
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
}

/// Everything the people reports need.
#[derive(Debug, Clone, Default)]
pub struct People {
    /// Every comment of the run, in run order.
    pub refs: Vec<CommentRef>,
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

/// Own texts of a run's named comments kept outside the facts (a run's
/// texts spilled to a file, so the per-user stage does not hold the
/// corpus: issue 6).  Index `i` is the run's `i`-th named comment, in run
/// order.
pub trait OwnTexts: Sync {
    /// The `i`-th named comment's own text.
    fn own_text(&self, i: usize) -> Cow<'_, str>;

    /// The own texts of named comments `range`, in order, given to `f`
    /// with their index (see `TauntInput::for_each_text`).
    fn for_each_text(&self, range: Range<usize>, f: &mut dyn FnMut(usize, &str)) {
        for i in range {
            f(i, &self.own_text(i));
        }
    }
}

/// Counts people, pairs, taunts and thread figures over a run, from each
/// thread's facts in run order.
pub fn people(threads: &[ThreadFacts], rules: Rules) -> People {
    people_with_texts(threads, rules, None)
}

/// [`people`], reading the named comments' own texts from `texts` when
/// given instead of from the facts.
pub fn people_with_texts(
    threads: &[ThreadFacts],
    rules: Rules,
    texts: Option<&dyn OwnTexts>,
) -> People {
    let mut p = People {
        rules,
        refs: Vec::with_capacity(threads.iter().map(|t| t.comments.len()).sum()),
        ..People::default()
    };
    // Sized up front: growing by doubling would hold the old and the new
    // buffer at once, half again the vector at its peak (issue 6).
    let named = threads
        .iter()
        .map(|t| t.comments.iter().filter(|c| c.author.is_some()).count())
        .sum();
    let mut named_keys: Vec<usize> = Vec::with_capacity(named);
    // Counted by number, not by name: each thread's author numbers are
    // mapped once to run-wide user numbers, so a comment costs a few
    // array and hash-map updates instead of string-keyed tree lookups (the
    // loop is serial, and on one huge page it was a tenth of a two-thread
    // run: issue 6).  Names and their order come back at the end, when
    // the maps become the `BTreeMap`s the reports read.
    let mut counts = Counts::default();
    for (ti, t) in threads.iter().enumerate() {
        let user_of: Vec<u32> = t.authors.iter().map(|a| counts.user(a)).collect();
        let user = |a: Option<Author>| a.map(|a| user_of[a.get() as usize - 1]);
        let mut stats = ThreadStats {
            comments: t.comments.len(),
            max_depth: t.max_depth,
            ..ThreadStats::default()
        };
        // Per author of this thread (by the thread's own numbering).
        let mut wrote = vec![false; t.authors.len()];
        let mut uncivil_by = vec![0usize; t.authors.len()];
        let mut attackers_of: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
        for (position, c) in t.comments.iter().enumerate() {
            let key = p.refs.len();
            p.refs.push(CommentRef {
                thread: u32::try_from(ti).unwrap_or(u32::MAX),
                position: u32::try_from(position).unwrap_or(u32::MAX),
            });
            let uncivil = c.uncivil;
            stats.uncivil_comments += usize::from(uncivil);
            let (Some(local), Some(author)) = (c.author, user(c.author)) else {
                stats.anonymous_comments += 1;
                continue;
            };
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
                add_key(&mut pair.comments, key);
            }
            if let Some(x) = aimed_at {
                let pair = counts.pairs.entry((author, x)).or_default();
                pair.name_calling += usize::from(c.name_calling);
                pair.aimed_uncivil += usize::from(uncivil);
                add_key(&mut pair.comments, key);
            }
            named_keys.push(key);
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
        p.threads.push(stats);
    }
    let named = Named {
        threads,
        refs: &p.refs,
        keys: named_keys,
        texts,
    };
    let (mut users, pairs) = counts.finish(rules);
    p.taunts = find_taunts_in(&named);
    drop(named);
    for (i, t) in p.taunts.iter().enumerate() {
        if let Some(u) = users.get_mut(t.author.as_str()) {
            u.taunts.push(i);
        }
    }
    p.users = users;
    p.pairs = pairs;
    p
}

/// Per-user and per-pair counts of a run, by run-wide user number (the
/// order in which names are first met).
#[derive(Default)]
struct Counts<'a> {
    number: FxHashMap<&'a str, u32>,
    names: Vec<&'a str>,
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
    last_thread: Option<usize>,
    uncivil_comments: usize,
    incivility_milli: u64,
    max_incivility: f64,
    name_calling: usize,
    attacks_on_commenters: usize,
}

impl<'a> Counts<'a> {
    /// The user number of `name`, given one if new.
    fn user(&mut self, name: &'a str) -> u32 {
        if let Some(&n) = self.number.get(name) {
            return n;
        }
        let n = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.number.insert(name, n);
        self.names.push(name);
        self.users.push(UserCount::default());
        n
    }

    /// The users and pairs by name, with harassment counted.
    fn finish(
        self,
        rules: Rules,
    ) -> (
        BTreeMap<String, UserStats>,
        BTreeMap<(String, String), PairStats>,
    ) {
        let names = self.names;
        let mut users: Vec<UserStats> = self
            .users
            .into_iter()
            .zip(&names)
            .map(|(c, name)| UserStats {
                author: (*name).to_owned(),
                comments: c.comments,
                threads: c.threads,
                uncivil_comments: c.uncivil_comments,
                incivility_milli: c.incivility_milli,
                max_incivility: c.max_incivility,
                name_calling: c.name_calling,
                attacks_on_commenters: c.attacks_on_commenters,
                ..UserStats::default()
            })
            .collect();
        for ((from, to), n) in self.aimed {
            users[from as usize]
                .aimed
                .insert(names[to as usize].to_owned(), n);
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
                let name = |u: u32| names[u as usize].to_owned();
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

/// The run's named comments, as the taunt finder reads them: a run key
/// each, their facts looked up when asked.
struct Named<'a> {
    threads: &'a [ThreadFacts],
    refs: &'a [CommentRef],
    keys: Vec<usize>,
    texts: Option<&'a dyn OwnTexts>,
}

impl Named<'_> {
    fn fact(&self, i: usize) -> (&ThreadFacts, &CommentFact) {
        let r = self.refs[self.keys[i]];
        let t = &self.threads[r.thread as usize];
        (t, &t.comments[r.position as usize])
    }
}

impl TauntInput for Named<'_> {
    fn len(&self) -> usize {
        self.keys.len()
    }

    fn get(&self, i: usize) -> CommentView<'_> {
        let (t, c) = self.fact(i);
        let target = Target::from(c.target);
        CommentView {
            key: self.keys[i],
            author: t.name(c.author).unwrap_or_default(),
            aimed: c.uncivil || target != Target::None,
            target: match target {
                Target::Commenter => Some(t.name(c.target_author).unwrap_or("commenter")),
                Target::None => None,
                other => Some(other.as_str()),
            },
            epithets: c.epithets(),
            flagged: c.flagged(),
        }
    }

    fn own_text(&self, i: usize) -> Cow<'_, str> {
        match self.texts {
            Some(texts) => texts.own_text(i),
            None => Cow::Borrowed(self.fact(i).1.own_text.as_str()),
        }
    }

    fn for_each_text(&self, range: Range<usize>, f: &mut dyn FnMut(usize, &str)) {
        match self.texts {
            Some(texts) => texts.for_each_text(range, f),
            None => {
                for i in range {
                    f(i, self.fact(i).1.own_text.as_str());
                }
            }
        }
    }
}

/// Adds run key `key` to `keys`, which holds keys in run order: a key is
/// added at most once, and never before a smaller one.
fn add_key(keys: &mut Vec<usize>, key: usize) {
    if keys.last() != Some(&key) {
        keys.push(key);
    }
}

#[cfg(test)]
mod tests;
