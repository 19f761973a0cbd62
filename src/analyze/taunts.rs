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

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

/// Words per shingle.
pub const SHINGLE: usize = 3;

/// A shingle used by this many different authors is an idiom.
pub const IDIOM_AUTHORS: usize = 3;

/// What the taunt finder needs to know about one comment.
#[derive(Debug, Clone)]
pub struct CommentFacts<'a> {
    /// Position of the comment in the run (input order, then thread order).
    pub key: usize,
    /// The author (anonymous comments are not passed in).
    pub author: &'a str,
    /// The author's own words: the body with quotations and signature
    /// blanked out (same byte offsets as the body).
    pub own_text: String,
    /// The comment is uncivil or aimed at someone.
    pub aimed: bool,
    /// Whom it is aimed at, for the `targets` column.
    pub target: Option<String>,
    /// Name-calling words in the author's own text: byte range and term.
    pub epithets: Vec<(Range<usize>, String)>,
    /// Every flagged word of the author's own text (lexicon matches and
    /// shouting), as byte ranges.
    pub flagged: Vec<Range<usize>>,
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
    let tokens: Vec<Vec<Token>> = comments.iter().map(|c| tokenize(&c.own_text)).collect();
    // Distinct authors per shingle, to tell idioms from taunts.
    let mut authors_of: HashMap<u64, BTreeSet<&str>> = HashMap::new();
    for (c, toks) in comments.iter().zip(&tokens) {
        for h in shingles(toks) {
            let set = authors_of.entry(h).or_default();
            if set.len() < IDIOM_AUTHORS {
                set.insert(c.author);
            }
        }
    }
    let mut by_author: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in comments.iter().enumerate() {
        by_author.entry(c.author).or_default().push(i);
    }
    let mut out = Vec::new();
    for (author, idx) in by_author {
        if idx.len() < 2 {
            continue;
        }
        let mut found = phrase_taunts(author, &idx, comments, &tokens, &authors_of);
        let epithets = epithet_taunts(author, &idx, comments);
        for e in epithets {
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
                .filter(|k| comments.iter().any(|c| c.key == **k && c.aimed))
                .count()
                >= 2
        });
        found.sort_by_key(|t| t.comments[0]);
        out.extend(found);
    }
    out
}

/// A normalised word and where it is in the text.
#[derive(Debug, Clone)]
struct Token {
    word: String,
    range: Range<usize>,
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut word = String::new();
    for (i, ch) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if ch.is_alphanumeric() {
            start.get_or_insert(i);
            word.extend(ch.to_lowercase());
        } else if matches!(ch, '\'' | '\u{2019}') && start.is_some() {
            // "It’s" and "Its" fold alike.
        } else if let Some(s) = start.take() {
            out.push(Token {
                word: std::mem::take(&mut word),
                range: s..i,
            });
        }
    }
    out
}

/// FNV-1a over the shingle's words: stable across runs and machines.
fn shingle_hash(words: &[Token]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for w in words {
        for b in w.word.bytes().chain(std::iter::once(b' ')) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

fn shingles(tokens: &[Token]) -> impl Iterator<Item = u64> + '_ {
    tokens.windows(SHINGLE).map(shingle_hash)
}

fn phrase_taunts(
    author: &str,
    idx: &[usize],
    comments: &[CommentFacts<'_>],
    tokens: &[Vec<Token>],
    authors_of: &HashMap<u64, BTreeSet<&str>>,
) -> Vec<Taunt> {
    // Shingles this author uses in two or more comments, idioms excluded.
    let mut used_in: HashMap<u64, BTreeSet<usize>> = HashMap::new();
    for &i in idx {
        for h in shingles(&tokens[i]) {
            used_in.entry(h).or_default().insert(i);
        }
    }
    let repeated = |h: &u64| {
        used_in.get(h).is_some_and(|s| s.len() >= 2)
            && authors_of.get(h).is_none_or(|a| a.len() < IDIOM_AUTHORS)
    };
    // Runs of consecutive repeated shingles within one comment, joined into
    // clusters when two runs share a shingle (union-find over runs).
    let mut runs: Vec<(usize, Range<usize>, Vec<u64>)> = Vec::new();
    for &i in idx {
        let toks = &tokens[i];
        let mut current: Option<(Range<usize>, Vec<u64>)> = None;
        for (w, window) in toks.windows(SHINGLE).enumerate() {
            let h = shingle_hash(window);
            if repeated(&h) {
                match current.as_mut() {
                    Some((r, hs)) if w < r.end => {
                        r.end = w + SHINGLE;
                        hs.push(h);
                    }
                    _ => {
                        if let Some((r, hs)) = current.take() {
                            runs.push((i, r, hs));
                        }
                        current = Some((w..w + SHINGLE, vec![h]));
                    }
                }
            }
        }
        if let Some((r, hs)) = current {
            runs.push((i, r, hs));
        }
    }
    let mut parent: Vec<usize> = (0..runs.len()).collect();
    let mut owner: HashMap<u64, usize> = HashMap::new();
    for (r, (_, _, hs)) in runs.iter().enumerate() {
        for h in hs {
            match owner.get(h) {
                Some(&o) => union(&mut parent, o, r),
                None => {
                    owner.insert(*h, r);
                }
            }
        }
    }
    let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for r in 0..runs.len() {
        let root = find(&mut parent, r);
        clusters.entry(root).or_default().push(r);
    }
    clusters
        .into_values()
        .filter_map(|members| {
            let keys: BTreeSet<usize> = members.iter().map(|&r| comments[runs[r].0].key).collect();
            let jabs: BTreeSet<usize> = members
                .iter()
                .filter(|&&r| {
                    let (i, words, _) = &runs[r];
                    let toks = &tokens[*i];
                    let span = toks[words.start].range.start..toks[words.end - 1].range.end;
                    comments[*i]
                        .flagged
                        .iter()
                        .any(|f| f.start < span.end && span.start < f.end)
                })
                .map(|&r| comments[runs[r].0].key)
                .collect();
            if keys.len() < 2 || jabs.len() < 2 {
                return None;
            }
            // The longest run in the earliest comment is the taunt as first
            // written.
            let first = members
                .iter()
                .copied()
                .min_by_key(|&r| (comments[runs[r].0].key, usize::MAX - runs[r].1.len()))?;
            let (i, words, _) = &runs[first];
            let toks = &tokens[*i];
            let span = toks[words.start].range.start..toks[words.end - 1].range.end;
            let text = comments[*i].own_text[span].to_owned();
            Some(taunt(author, text, keys, comments))
        })
        .collect()
}

fn epithet_taunts(author: &str, idx: &[usize], comments: &[CommentFacts<'_>]) -> Vec<Taunt> {
    let mut by_term: BTreeMap<&str, (BTreeSet<usize>, String)> = BTreeMap::new();
    for &i in idx {
        let c = &comments[i];
        for (range, term) in &c.epithets {
            let entry = by_term
                .entry(term.as_str())
                .or_insert_with(|| (BTreeSet::new(), c.own_text[range.clone()].to_owned()));
            entry.0.insert(c.key);
        }
    }
    by_term
        .into_values()
        .filter(|(keys, _)| keys.len() >= 2)
        .map(|(keys, text)| taunt(author, text, keys, comments))
        .collect()
}

fn taunt(
    author: &str,
    text: String,
    keys: BTreeSet<usize>,
    comments: &[CommentFacts<'_>],
) -> Taunt {
    let targets: BTreeSet<String> = comments
        .iter()
        .filter(|c| keys.contains(&c.key))
        .filter_map(|c| c.target.clone())
        .collect();
    Taunt {
        author: author.to_owned(),
        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        comments: keys.into_iter().collect(),
        targets: targets.into_iter().collect(),
    }
}

fn fold(text: &str) -> String {
    tokenize(text)
        .into_iter()
        .map(|t| t.word)
        .collect::<Vec<_>>()
        .join(" ")
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

#[cfg(test)]
mod tests;
