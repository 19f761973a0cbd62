//! Repeated taunts: a jab an author uses again and again (issue 4).
//!
//! Two kinds are found, both over each author's own words only (never text
//! they quote from others, never their signature):
//! - phrases: word shingles of `SHINGLE` normalised words (case,
//!   punctuation and ellipses ignored) that occur in two or more of the
//!   author's comments; overlapping shingles grow into the longest shared
//!   run, so "Hillary lost, TRUMP won….enjoy your day" and "Hillary
//!   lost….TRUMP won. Enjoy your day." are one taunt with two occurrences;
//! - epithets: the same name-calling term in two or more of the author's
//!   comments ("Il Duce").  An epithet that a phrase taunt already covers in
//!   the same comments is not listed twice.
//!
//! Shingles that `IDIOM_AUTHORS` or more different authors use are ordinary
//! idioms ("at the end of"), not anyone's taunt.  A repeated phrase is a
//! taunt only when at least two of its comments are uncivil or aimed at
//! someone; otherwise it is a habit and is not reported.  A jab also
//! carries its incivility in its own words, so a phrase must overlap a
//! flagged word (a lexicon match or shouting) in at least two of its
//! comments: "the electoral college", repeated by an uncivil author while
//! arguing, is a topic, not a taunt.
//!
//! Memory is bounded by authors and repeated phrases, not by the text:
//! comments are tokenised one at a time, an author's shingle counts live
//! only while that author is examined, and only shingles an author repeats
//! (the candidates) are kept for the run-wide idiom count.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

// Shingle keys are already FNV hashes; FxHash spends no time re-hashing
// them the way SipHash does, and these maps never reach a report's order.
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use std::sync::atomic::{AtomicU64, Ordering};

use petgraph::unionfind::UnionFind;

use crate::stable::{fnv_byte, fnv_bytes, FNV_OFFSET, FNV_PRIME};
use rayon::prelude::*;

/// Words per shingle.
pub const SHINGLE: usize = 3;

/// A shingle used by this many different authors is an idiom.
pub const IDIOM_AUTHORS: usize = 3;

/// What the taunt finder needs to know about one comment.  Comments are
/// passed in run order (ascending `key`).
#[derive(Debug, Clone)]
pub struct CommentFacts<'a> {
    /// Position of the comment in the run (input order, then thread order).
    pub key: usize,
    /// The author (anonymous comments are not passed in).
    pub author: &'a str,
    /// The author's own words: the body with quotations and signature
    /// blanked out (same byte offsets as the body).
    pub own_text: Cow<'a, str>,
    /// The comment is uncivil or aimed at someone.
    pub aimed: bool,
    /// Whom it is aimed at, for the `targets` column.
    pub target: Option<&'a str>,
    /// Name-calling words in the author's own text: byte range and term.
    pub epithets: Cow<'a, [(Range<usize>, String)]>,
    /// Every flagged word of the author's own text (lexicon matches and
    /// shouting), as byte ranges.
    pub flagged: Cow<'a, [Range<usize>]>,
}

/// What the taunt finder reads of one comment besides its text.
#[derive(Debug, Clone, Copy)]
pub struct CommentView<'a> {
    /// Position of the comment in the run.
    pub key: usize,
    /// The author.
    pub author: &'a str,
    /// The comment is uncivil or aimed at someone.
    pub aimed: bool,
    /// Whom it is aimed at.
    pub target: Option<&'a str>,
    /// Name-calling words in the author's own text: byte range and term.
    pub epithets: &'a [(Range<usize>, String)],
    /// Every flagged word of the author's own text, as byte ranges.
    pub flagged: &'a [Range<usize>],
}

/// The comments the taunt finder reads, by index in run order (ascending
/// `key`).  A view, so the per-user stage does not copy a record per
/// comment of the run, and the texts can live elsewhere than in memory
/// (issue 6): each is asked for when a pass reads it.
pub trait TauntInput: Sync {
    /// Number of comments.
    fn len(&self) -> usize;

    /// True when there are no comments.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`-th comment, without its text.
    fn get(&self, i: usize) -> CommentView<'_>;

    /// The `i`-th comment's own text.
    fn own_text(&self, i: usize) -> Cow<'_, str>;

    /// A number for the `i`-th comment's author, the same for every
    /// comment of that author and distinct across the run's authors (the
    /// idiom count holds numbers, not names).
    fn author_number(&self, i: usize) -> u32;

    /// Where the `i`-th comment is, as (thread index in the run, dotted
    /// id), when the input knows: the taunts report labels the comments it
    /// cites with it.
    fn place(&self, _i: usize) -> Option<(u32, &str)> {
        None
    }

    /// When comment `i` was posted, when the input knows (issue 16).
    fn created(&self, _i: usize) -> Option<crate::time::Timestamp> {
        None
    }

    /// The own texts of comments `range`, in order, given to `f` with
    /// their index: a source that reads texts from a file reads a run of
    /// them at once.
    fn for_each_text(&self, range: Range<usize>, f: &mut dyn FnMut(usize, &str)) {
        for i in range {
            f(i, &self.own_text(i));
        }
    }
}

/// A slice of [`CommentFacts`] as a [`TauntInput`], its authors numbered
/// in order of appearance.
struct Slice<'s, 'a>(&'s [CommentFacts<'a>], Vec<u32>);

impl<'s, 'a> Slice<'s, 'a> {
    fn new(comments: &'s [CommentFacts<'a>]) -> Self {
        let mut numbers: HashMap<&str, u32> = HashMap::default();
        let numbered = comments
            .iter()
            .map(|c| {
                let next = u32::try_from(numbers.len()).unwrap_or(u32::MAX);
                *numbers.entry(c.author).or_insert(next)
            })
            .collect();
        Self(comments, numbered)
    }
}

impl TauntInput for Slice<'_, '_> {
    fn len(&self) -> usize {
        self.0.len()
    }

    fn author_number(&self, i: usize) -> u32 {
        self.1[i]
    }

    fn get(&self, i: usize) -> CommentView<'_> {
        let c = &self.0[i];
        CommentView {
            key: c.key,
            author: c.author,
            aimed: c.aimed,
            target: c.target,
            epithets: &c.epithets,
            flagged: &c.flagged,
        }
    }

    fn own_text(&self, i: usize) -> Cow<'_, str> {
        Cow::Borrowed(&self.0[i].own_text)
    }
}

/// One repeated taunt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taunt {
    /// The author.
    pub author: String,
    /// The taunt as the author first wrote it.
    pub text: String,
    /// Keys of the comments it occurs in, ascending.
    pub comments: Vec<usize>,
    /// Whom those comments aim at, sorted and distinct.
    pub targets: Vec<String>,
}

/// Repeated taunts of every author in `comments`, sorted by author, then
/// by first occurrence.
pub fn find_taunts(comments: &[CommentFacts<'_>]) -> Vec<Taunt> {
    find_taunts_in(&Slice::new(comments))
}

/// [`find_taunts`] over any [`TauntInput`].
pub fn find_taunts_in(comments: &dyn TauntInput) -> Vec<Taunt> {
    struct One<'c>(&'c dyn TauntInput);
    impl TauntParts for One<'_> {
        fn parts(&self) -> usize {
            1
        }
        fn with_part(&self, _: usize, f: &mut dyn FnMut(&dyn TauntInput)) -> std::io::Result<()> {
            f(self.0);
            Ok(())
        }
    }
    // In memory, a part cannot fail to load.
    find_taunts_in_parts(&One(comments))
        .map(|(taunts, _)| taunts)
        .unwrap_or_default()
}

/// A run's comments in parts whose authors are disjoint (bucketed by
/// author), each loaded only while a pass reads it: what bounds the
/// per-user stage's memory by a part instead of by the run (issue 6).
pub trait TauntParts: Sync {
    /// Number of parts.
    fn parts(&self) -> usize;

    /// Loads part `i` and gives it to `f`.
    fn with_part(&self, i: usize, f: &mut dyn FnMut(&dyn TauntInput)) -> std::io::Result<()>;
}

/// Where the comments a taunt cites are, and when they were posted:
/// (thread index, dotted id, time) by key.
pub type Cited = std::collections::BTreeMap<usize, (u32, String, Option<crate::time::Timestamp>)>;

/// [`find_taunts`] over parts whose authors are disjoint, with the place
/// of every comment the taunts cite (when the parts know it).  Every pass
/// works per author, but for the idiom count, which only adds up distinct
/// authors per shingle; so each pass loads a part at a time per worker
/// thread, and what lives across parts is per author (the shingles each
/// repeats) or per repeated shingle (its first few users).  Parts are
/// read in parallel: one part can hold a prolific author whose comments
/// are a tenth of the run, which alone would keep the other threads idle.
pub fn find_taunts_in_parts(parts: &dyn TauntParts) -> std::io::Result<(Vec<Taunt>, Cited)> {
    // Each pass works per part, per author or per chunk of comments in
    // parallel; the results are sets or indexed collects, so the outcome
    // does not depend on the number of threads.
    // Pass 1: shingles each author repeats in two or more comments.
    let repeated: Vec<Vec<Vec<u64>>> = each_part(parts, |comments, _| {
        repeaters(comments)
            .par_iter()
            .map(|(_, idx)| repeated_shingles(idx, comments))
            .collect()
    })?;
    let idioms = IdiomCount::new(repeated.iter().flatten().flatten().copied());
    // Pass 2: how many authors use each candidate at all (idioms).
    each_part(parts, |comments, _| idioms.count(comments))?;
    // Pass 3: per author, phrases and epithets.  Authors are grouped
    // again rather than kept from pass 1: the groups hold an index per
    // comment, and only one part's may live at a time.
    let keep = |h: &u64| idioms.is_candidate(*h) && !idioms.is_idiom(*h);
    let results = each_part(parts, |comments, p| {
        let found: Vec<(String, Vec<Taunt>)> = repeaters(comments)
            .par_iter()
            .zip(&repeated[p])
            .map(|((author, idx), repeated)| {
                let taunts = taunts_of(author, idx, repeated, comments, &idioms, keep);
                ((*author).to_owned(), taunts)
            })
            .collect();
        let mut cited = Cited::new();
        for key in found.iter().flat_map(|(_, t)| t).flat_map(|t| &t.comments) {
            if let Some((thread, id)) = position(comments, *key).and_then(|i| comments.place(i)) {
                let i = position(comments, *key);
                let created = i.and_then(|i| comments.created(i));
                cited.insert(*key, (thread, id.to_owned(), created));
            }
        }
        (found, cited)
    })?;
    let mut found = Vec::new();
    let mut cited = Cited::new();
    for (part_found, part_cited) in results {
        found.extend(part_found);
        cited.extend(part_cited);
    }
    // Authors in name order across parts, as within one.
    found.sort_by(|a, b| a.0.cmp(&b.0));
    Ok((found.into_iter().flat_map(|(_, t)| t).collect(), cited))
}

/// `work` over every part, in parallel, one loaded part per worker; the
/// results in part order.
fn each_part<T: Default + Send>(
    parts: &dyn TauntParts,
    work: impl Fn(&dyn TauntInput, usize) -> T + Sync,
) -> std::io::Result<Vec<T>> {
    (0..parts.parts())
        .into_par_iter()
        .map(|p| {
            let mut out = T::default();
            parts.with_part(p, &mut |comments| out = work(comments, p))?;
            Ok(out)
        })
        .collect()
}

/// Authors of `comments` in name order, with their comments; only authors
/// with two or more comments can repeat anything.
fn repeaters(comments: &dyn TauntInput) -> Vec<(&str, Vec<usize>)> {
    // Grouped by hash, then put in name order once: a tree keyed by name
    // costs a dozen string comparisons per comment, in a serial loop over
    // the whole run (issue 6).
    let mut grouped: HashMap<&str, Vec<usize>> = HashMap::default();
    for i in 0..comments.len() {
        grouped.entry(comments.get(i).author).or_default().push(i);
    }
    let mut by_author: Vec<(&str, Vec<usize>)> = grouped
        .into_iter()
        .filter(|(_, idx)| idx.len() >= 2)
        .collect();
    by_author.sort_unstable_by_key(|(a, _)| *a);
    by_author
}

/// Distinct users of each candidate shingle (one an author repeats),
/// counted up to `IDIOM_AUTHORS`.  One slot per candidate, updated in
/// place by every worker: per-chunk maps merged across a big run cost more
/// than the tokenising (16 of 25 seconds of the taunt finder on the 1 GB
/// page: issue 6).  A slot holds two distinct authors, or `FULL` once a
/// third comes; which two it holds depends on timing, whether it is full
/// does not.
struct IdiomCount {
    index: HashMap<u64, u32>,
    slots: Vec<AtomicU64>,
}

// A slot's packing below is for exactly three authors.
const _: () = assert!(IDIOM_AUTHORS == 3);

/// An empty half of a slot.
const NOBODY: u32 = u32::MAX;
/// A slot with `IDIOM_AUTHORS` distinct users.
const FULL: u64 = ((u32::MAX as u64 - 1) << 32) | (u32::MAX as u64 - 1);

impl IdiomCount {
    fn new(candidates: impl Iterator<Item = u64>) -> Self {
        let mut index: HashMap<u64, u32> = HashMap::default();
        for h in candidates {
            let next = u32::try_from(index.len()).unwrap_or(u32::MAX);
            index.entry(h).or_insert(next);
        }
        let slots = (0..index.len()).map(|_| AtomicU64::new(u64::MAX)).collect();
        Self { index, slots }
    }

    fn is_candidate(&self, h: u64) -> bool {
        self.index.contains_key(&h)
    }

    fn is_idiom(&self, h: u64) -> bool {
        self.index
            .get(&h)
            .is_some_and(|&i| self.slots[i as usize].load(Ordering::Relaxed) == FULL)
    }

    /// Counts the users of candidates in `comments`.
    fn count(&self, comments: &dyn TauntInput) {
        let chunks: Vec<Range<usize>> = (0..comments.len())
            .step_by(IDIOM_CHUNK)
            .map(|start| start..(start + IDIOM_CHUNK).min(comments.len()))
            .collect();
        chunks.into_par_iter().for_each(|chunk| {
            comments.for_each_text(chunk, &mut |i, text| {
                // The two reserved values are never authors (a run would
                // need four billion of them to get there).
                let author = comments.author_number(i).min(u32::MAX - 2);
                for h in distinct_shingles(&tokenize(text)) {
                    if let Some(&slot) = self.index.get(&h) {
                        add_user(&self.slots[slot as usize], author);
                    }
                }
            });
        });
    }
}

/// Adds `author` to a slot's distinct users.
fn add_user(slot: &AtomicU64, author: u32) {
    let mut s = slot.load(Ordering::Relaxed);
    loop {
        let (first, second) = (s as u32, (s >> 32) as u32);
        if s == FULL || first == author || second == author {
            return;
        }
        let new = if first == NOBODY {
            (s & !u64::from(u32::MAX)) | u64::from(author)
        } else if second == NOBODY {
            (s & u64::from(u32::MAX)) | (u64::from(author) << 32)
        } else {
            FULL
        };
        match slot.compare_exchange_weak(s, new, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return,
            Err(now) => s = now,
        }
    }
}

/// One author's taunts: phrases and epithets, sorted by first occurrence.
fn taunts_of(
    author: &str,
    idx: &[usize],
    repeated: &[u64],
    comments: &dyn TauntInput,
    idioms: &IdiomCount,
    keep: impl Fn(&u64) -> bool,
) -> Vec<Taunt> {
    // Runs of two comments join only through a shingle both hold, which
    // the author then repeats; an author who repeats only idioms has no
    // phrase of two comments, and reading the texts again would find none.
    let mut found = match repeated.iter().any(|h| !idioms.is_idiom(*h)) {
        true => phrase_taunts(author, idx, comments, keep),
        false => Vec::new(),
    };
    for e in epithet_taunts(author, idx, comments) {
        let covered = found
            .iter()
            .any(|t| t.comments == e.comments && fold(&t.text).contains(&fold(&e.text)));
        if !covered {
            found.push(e);
        }
    }
    found.retain(|t| {
        t.comments
            .iter()
            .filter_map(|k| by_key(comments, *k))
            .filter(|c| c.aimed)
            .count()
            >= 2
    });
    found.sort_by_key(|t| t.comments[0]);
    found
}

/// Comments per unit of work in the idiom count.
const IDIOM_CHUNK: usize = 4096;

/// The comment with run key `key`; `comments` come in run order, so keys
/// ascend and a binary search finds it.
fn by_key(comments: &dyn TauntInput, key: usize) -> Option<CommentView<'_>> {
    position(comments, key).map(|i| comments.get(i))
}

/// The index of the comment with run key `key`.
fn position(comments: &dyn TauntInput, key: usize) -> Option<usize> {
    let (mut lo, mut hi) = (0, comments.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if comments.get(mid).key < key {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    (lo < comments.len() && comments.get(lo).key == key).then_some(lo)
}

/// Shingles that occur in two or more of the comments `idx` (one author's).
///
/// Counted by sorting every comment's distinct shingles together, not in
/// a hash map: a prolific author (160,000 comments in the 500 MB bench
/// corpus) has millions of shingles, and a map of them took three times
/// the memory of the sorted hashes at the per-user stage's peak (issue 6).
fn repeated_shingles(idx: &[usize], comments: &dyn TauntInput) -> Vec<u64> {
    let mut all: Vec<u64> = Vec::new();
    for &i in idx {
        all.extend(distinct_shingles(&tokenize(&comments.own_text(i))));
    }
    all.sort_unstable();
    let mut out: Vec<u64> = Vec::new();
    for run in all.chunk_by(|a, b| a == b) {
        if run.len() >= 2 {
            out.push(run[0]);
        }
    }
    out
}

/// The distinct shingle hashes of `tokens`, ascending.  A sorted vector,
/// not a `BTreeSet`: this runs for every comment twice per run, and a set
/// allocates a node per handful of hashes.
fn distinct_shingles(tokens: &[Token]) -> Vec<u64> {
    let mut out: Vec<u64> = tokens.windows(SHINGLE).map(shingle_hash).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A normalised word (as a hash) and where it is in the text.  Hashing
/// while scanning keeps tokenising free of allocation: every comment is
/// scanned three times per run.
#[derive(Debug, Clone)]
struct Token {
    hash: u64,
    range: Range<usize>,
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut start: Option<usize> = None;
    let mut hash = FNV_OFFSET;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i <= bytes.len() {
        // ASCII, most text, is folded byte by byte; other characters go
        // through Unicode's tables.  Both hash the same lower-case UTF-8.
        let (word, apostrophe, width) = match bytes.get(i) {
            None => (false, false, 1),
            Some(&b) if b.is_ascii() => {
                if b.is_ascii_alphanumeric() {
                    start.get_or_insert(i);
                    hash = fnv_byte(hash, b.to_ascii_lowercase());
                }
                (b.is_ascii_alphanumeric(), b == b'\'', 1)
            }
            Some(_) => {
                let ch = text[i..].chars().next().unwrap_or(' ');
                if ch.is_alphanumeric() {
                    start.get_or_insert(i);
                    for lower in ch.to_lowercase() {
                        let mut buf = [0u8; 4];
                        hash = fnv_bytes(hash, lower.encode_utf8(&mut buf).as_bytes());
                    }
                }
                (ch.is_alphanumeric(), ch == '\u{2019}', ch.len_utf8())
            }
        };
        if word || (apostrophe && start.is_some()) {
            // A word goes on; "It’s" and "Its" fold alike.
        } else if let Some(s) = start.take() {
            out.push(Token { hash, range: s..i });
            hash = FNV_OFFSET;
        }
        i += width;
    }
    out
}

/// A shingle's hash from its words' hashes: order matters, and the
/// arithmetic is fixed, so the value is the same on every run and machine.
fn shingle_hash(words: &[Token]) -> u64 {
    words.iter().fold(FNV_OFFSET, |h, w| {
        (h ^ w.hash).wrapping_mul(FNV_PRIME).rotate_left(23)
    })
}

fn phrase_taunts(
    author: &str,
    idx: &[usize],
    comments: &dyn TauntInput,
    keep: impl Fn(&u64) -> bool,
) -> Vec<Taunt> {
    // Runs of consecutive kept shingles within one comment, joined into
    // clusters when two runs share a shingle (union-find over runs).  A run
    // keeps its byte span, so only candidate text is held, not all tokens.
    let mut runs: Vec<(usize, Range<usize>, Vec<u64>)> = Vec::new();
    for &i in idx {
        let toks = tokenize(&comments.own_text(i));
        let mut current: Option<(Range<usize>, Vec<u64>)> = None;
        for (w, window) in toks.windows(SHINGLE).enumerate() {
            let h = shingle_hash(window);
            if !keep(&h) {
                continue;
            }
            match current.as_mut() {
                Some((r, hs)) if w < r.end => {
                    r.end = w + SHINGLE;
                    hs.push(h);
                }
                _ => {
                    if let Some((r, hs)) = current.take() {
                        runs.push((i, span(&toks, &r), hs));
                    }
                    current = Some((w..w + SHINGLE, vec![h]));
                }
            }
        }
        if let Some((r, hs)) = current {
            runs.push((i, span(&toks, &r), hs));
        }
    }
    let mut sets = UnionFind::<usize>::new(runs.len());
    let mut owner: HashMap<u64, usize> = HashMap::default();
    for (r, (_, _, hs)) in runs.iter().enumerate() {
        for h in hs {
            match owner.get(h) {
                Some(&o) => {
                    sets.union(o, r);
                }
                None => {
                    owner.insert(*h, r);
                }
            }
        }
    }
    // Clusters in the order of their first run, whichever member the
    // union-find keeps as representative.
    let mut first: HashMap<usize, usize> = HashMap::default();
    let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for r in 0..runs.len() {
        let first = *first.entry(sets.find_mut(r)).or_insert(r);
        clusters.entry(first).or_default().push(r);
    }
    clusters
        .into_values()
        .filter_map(|members| {
            let key = |r: usize| comments.get(runs[r].0).key;
            let keys: BTreeSet<usize> = members.iter().map(|&r| key(r)).collect();
            let jabs: BTreeSet<usize> = members
                .iter()
                .filter(|&&r| {
                    let (i, span, _) = &runs[r];
                    comments
                        .get(*i)
                        .flagged
                        .iter()
                        .any(|f| f.start < span.end && span.start < f.end)
                })
                .map(|&r| key(r))
                .collect();
            if keys.len() < 2 || jabs.len() < 2 {
                return None;
            }
            // The longest run in the earliest comment is the taunt as first
            // written.
            let first = members
                .iter()
                .copied()
                .min_by_key(|&r| (key(r), usize::MAX - runs[r].1.len()))?;
            let (i, span, _) = &runs[first];
            let text = comments.own_text(*i)[span.clone()].to_owned();
            Some(taunt(author, text, keys, comments))
        })
        .collect()
}

/// Byte span of the words `words` of `toks`.
fn span(toks: &[Token], words: &Range<usize>) -> Range<usize> {
    toks[words.start].range.start..toks[words.end - 1].range.end
}

fn epithet_taunts(author: &str, idx: &[usize], comments: &dyn TauntInput) -> Vec<Taunt> {
    let mut by_term: BTreeMap<&str, (BTreeSet<usize>, String)> = BTreeMap::new();
    for &i in idx {
        let c = comments.get(i);
        for (range, term) in c.epithets {
            let entry = by_term.entry(term.as_str()).or_insert_with(|| {
                (
                    BTreeSet::new(),
                    comments.own_text(i)[range.clone()].to_owned(),
                )
            });
            entry.0.insert(c.key);
        }
    }
    by_term
        .into_values()
        .filter(|(keys, _)| keys.len() >= 2)
        .map(|(keys, text)| taunt(author, text, keys, comments))
        .collect()
}

fn taunt(author: &str, text: String, keys: BTreeSet<usize>, comments: &dyn TauntInput) -> Taunt {
    let targets: BTreeSet<String> = keys
        .iter()
        .filter_map(|k| by_key(comments, *k))
        .filter_map(|c| c.target.map(str::to_owned))
        .collect();
    Taunt {
        author: author.to_owned(),
        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        comments: keys.into_iter().collect(),
        targets: targets.into_iter().collect(),
    }
}

/// Lower-case words of `text` joined by single spaces.
fn fold(text: &str) -> String {
    tokenize(text)
        .iter()
        .map(|t| {
            text[t.range.clone()]
                .to_lowercase()
                .replace(['\'', '\u{2019}'], "")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests;
