//! Spelling variants of hostile words (issues 14 and 25): what the
//! normaliser cannot undo.
//!
//! `normalize.rs` already reads leetspeak ("1d10t", "$h1t"), masks
//! ("b*tch"), stretched letters ("idiiiot") and spaced letters
//! ("i d i o t").  This rule reads the rest as one general matcher over the
//! strong hostile words (a one-word name-calling, aspersion or vulgarity
//! term of weight 0.9 or more, four letters or longer, that needs no cue
//! and is not a name):
//! - **one edit**: a letter swapped with its neighbour, dropped or added
//!   ("mroon", "idot", "idioot", "bastrad"), the first letter kept;
//! - **joined words**: an insult run together with the word before it,
//!   "you" or an intensifier ("youidiot", "uridiot") or another hostile
//!   word ("stupidbitch");
//! - **dotted letters** ("s.t.u.p.i.d", "i-d-i-o-t").
//!
//! What keeps it from reading ordinary words as insults:
//! - a **common-English list** (`data/lexicons/rules/common.txt`, every
//!   word in at least three civil comments of the train splits, built by
//!   `scripts/common_words.py`): a listed word is never a variant ("shirt"
//!   is not "shit" plus a letter), and neither is an identity term
//!   (`identity.rs`: "Mormon" is not "moron");
//! - a **length floor**: a variant has four letters or more, and a dropped
//!   letter is read only in a candidate of five or more;
//! - **ambiguity**: a word that is also one edit from a common word
//!   ("mroon" is "moon" plus a letter) is read as a variant only in an
//!   insult's slot: after "you", "absolute", "such a" and the like;
//! - **names**: a capitalised word inside a sentence is read only in a
//!   slot, and only with two letters swapped ("MAGA" is not "magat").
//!
//! A changed letter is never read as a typo ("lover" is not "loser").
//! The work per word is bounded (words longer than [`MAX_LEN`] are not
//! tried), so a text costs time in proportion to its length.

use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::identity::is_identity;
use super::rule_words::{Marks, Trigger};
use super::words::Words;

/// Words after which a noun or adjective is likely an insult.
pub(super) const SLOTS: &[&str] = &[
    "you", "u", "ur", "absolute", "total", "complete", "such", "utter", "stupid", "dumb",
    "fucking", "freaking", "bloody", "damn", "massive", "pathetic", "youre", "you're",
];

/// Words before "a" or "an" that make it an insult's slot ("such a
/// mroon"); "a" alone is too common to look behind every time.
pub(super) const BEFORE_A: &[&str] = &[
    "such", "what", "absolute", "total", "complete", "utter", "little", "big", "are", "you're",
    "youre", "ur", "r",
];

/// Words an insult is run together with ("youidiot", "totalmoron"),
/// besides the hostile words themselves.
const JOINED_TO: &[&str] = &[
    "you",
    "u",
    "ur",
    "ya",
    "youre",
    "your",
    "an",
    "such",
    "absolute",
    "total",
    "complete",
    "utter",
    "stupid",
    "dumb",
    "fucking",
    "freaking",
    "bloody",
    "damn",
    "massive",
    "pathetic",
    "big",
    "fat",
    "ugly",
    "little",
    "lying",
    "worthless",
    "useless",
    "fuckin",
];

/// The shortest variant read, in letters.
pub const MIN_LEN: usize = 4;

/// The longest word tried: longer ones are not words a reader would take
/// for an insult, and the bound keeps the work per word constant.
pub const MAX_LEN: usize = 24;

/// How a variant disguises its word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Two neighbouring letters swapped ("mroon").
    Swap,
    /// A letter dropped ("idot").
    Drop,
    /// A letter added ("idioot").
    Add,
    /// Run together with the word before ("youidiot", "stupidbitch").
    Joined,
    /// Letters split by dots or dashes ("s.t.u.p.i.d").
    Dotted,
}

/// A disguised hostile word: where it is and which candidate it spells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misspelt {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Index into the candidates.
    pub term: usize,
    /// How it is disguised.
    pub edit: Edit,
}

/// The candidates indexed for one-edit look-ups: built once per lexicon.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Each candidate, by its text.
    exact: FxHashMap<Box<str>, usize>,
    /// Each candidate of five letters or more with one letter after the
    /// first dropped: the candidates it comes from.
    dropped: FxHashMap<Box<str>, Vec<usize>>,
    /// First letters of the candidates (bit per letter a..z).
    firsts: u32,
    shortest: usize,
    longest: usize,
}

impl Index {
    /// Indexes `candidates` (lower-case ASCII words).
    pub fn new(candidates: &[String]) -> Index {
        let mut ix = Index {
            shortest: usize::MAX,
            ..Index::default()
        };
        for (i, c) in candidates.iter().enumerate() {
            if c.len() < MIN_LEN || !c.bytes().all(|b| b.is_ascii_lowercase()) {
                continue;
            }
            ix.exact.entry(c.as_str().into()).or_insert(i);
            ix.firsts |= letter_bit(c.as_bytes()[0]);
            ix.shortest = ix.shortest.min(c.len());
            ix.longest = ix.longest.max(c.len());
            if c.len() > MIN_LEN {
                // Inner letters only: a word cut short is a stem or
                // another word ("moro", "degenerat").
                for d in 1..c.len() - 1 {
                    let mut s = c.clone();
                    s.remove(d);
                    let e = ix.dropped.entry(s.into_boxed_str()).or_default();
                    if !e.contains(&i) {
                        e.push(i);
                    }
                }
            }
        }
        ix
    }

    /// The candidate `w` spells under one edit (first letter kept).
    fn one_edit(&self, w: &str, buf: &mut Vec<u8>, swap_only: bool) -> Option<(usize, Edit)> {
        let b = w.as_bytes();
        // Swapped neighbours.
        for i in 1..b.len().saturating_sub(1) {
            if b[i] == b[i + 1] {
                continue;
            }
            buf.clear();
            buf.extend_from_slice(b);
            buf.swap(i, i + 1);
            if let Some(&t) = self.get(buf) {
                return Some((t, Edit::Swap));
            }
        }
        if swap_only {
            return None;
        }
        // Dropped: `w` is a candidate without one inner letter.
        if let Some(t) = self.dropped.get(w).and_then(|ts| ts.first()) {
            return Some((*t, Edit::Drop));
        }
        // Added: `w` without one letter is a candidate.  A letter added at
        // the end is an ending ("jerky", "degenerated", "Loona"), unless it
        // doubles the last one ("moronn").
        for i in 1..b.len() {
            if i > 1 && b[i] == b[i - 1] {
                continue; // the same word as dropping b[i - 1]
            }
            if i + 1 == b.len() && b[i] != b[i - 1] {
                continue;
            }
            buf.clear();
            buf.extend_from_slice(&b[..i]);
            buf.extend_from_slice(&b[i + 1..]);
            if let Some(&t) = self.get(buf) {
                return Some((t, Edit::Add));
            }
        }
        None
    }

    fn get(&self, bytes: &[u8]) -> Option<&usize> {
        std::str::from_utf8(bytes)
            .ok()
            .and_then(|s| self.exact.get(s))
    }

    /// `w` is a hostile word run together with the word before it.
    fn joined(&self, w: &str) -> Option<usize> {
        if w.len() < MIN_LEN + 2 {
            return None;
        }
        (1..=w.len() - MIN_LEN).find_map(|i| {
            let (head, tail) = w.split_at(i);
            let t = *self.exact.get(tail)?;
            (JOINED_TO.contains(&head) || (head.len() >= MIN_LEN && self.exact.contains_key(head)))
                .then_some(t)
        })
    }

    /// Worth trying: a plain lower-case word of a length a variant can
    /// have, not a candidate itself.
    fn may_hold(&self, w: &str) -> bool {
        let b = w.as_bytes();
        b.len() >= MIN_LEN
            && b.len() <= MAX_LEN
            && b.iter().all(|c| c.is_ascii_lowercase())
            && !self.exact.contains_key(w)
    }

    /// Some candidate has `w`'s first letter and a length one edit away.
    fn near_in_shape(&self, w: &str) -> bool {
        let n = w.len();
        self.firsts & letter_bit(w.as_bytes()[0]) != 0
            && n < self.longest + 2
            && n + 1 >= self.shortest
    }
}

fn letter_bit(b: u8) -> u32 {
    if b.is_ascii_lowercase() {
        1 << (b - b'a')
    } else {
        0
    }
}

/// The common-English list and its words with one letter dropped.
struct Common {
    words: FxHashSet<&'static str>,
    /// Each word with one letter dropped: up to two words it comes from.
    dropped: FxHashMap<Box<str>, [&'static str; 2]>,
}

const COMMON_TXT: &str = include_str!("../../data/lexicons/rules/common.txt");

fn common() -> &'static Common {
    static COMMON: OnceLock<Common> = OnceLock::new();
    COMMON.get_or_init(|| {
        let words = common_words().clone();
        let mut dropped: FxHashMap<Box<str>, [&'static str; 2]> = FxHashMap::default();
        for &w in &words {
            for d in 0..w.len() {
                if w.is_char_boundary(d) && w.is_char_boundary(d + 1) {
                    let mut s = w.to_owned();
                    s.remove(d);
                    let e = dropped.entry(s.into_boxed_str()).or_insert([w, w]);
                    if e[0] != w {
                        e[1] = w;
                    }
                }
            }
        }
        Common { words, dropped }
    })
}

impl Common {
    /// `w` is one edit (a swap, a dropped or an added letter, anywhere)
    /// from a common word that is not itself a candidate.
    fn near(&self, w: &str, index: &Index, buf: &mut Vec<u8>) -> bool {
        let b = w.as_bytes();
        let listed = |buf: &[u8]| {
            std::str::from_utf8(buf)
                .ok()
                .is_some_and(|s| self.words.contains(s) && !index.exact.contains_key(s))
        };
        // `w` plus a letter is common.
        let plus = self
            .dropped
            .get(w)
            .is_some_and(|from| from.iter().any(|s| !index.exact.contains_key(*s)));
        if plus {
            return true;
        }
        for i in 0..b.len() {
            buf.clear();
            buf.extend_from_slice(&b[..i]);
            buf.extend_from_slice(&b[i + 1..]);
            if listed(buf) {
                return true;
            }
            if i + 1 < b.len() && b[i] != b[i + 1] {
                buf.clear();
                buf.extend_from_slice(b);
                buf.swap(i, i + 1);
                if listed(buf) {
                    return true;
                }
            }
        }
        false
    }
}

/// True when `w` (lower case) is in the common-English list.
pub fn is_common(w: &str) -> bool {
    common_words().contains(w)
}

/// The common-English list alone (language detection needs no more).
fn common_words() -> &'static FxHashSet<&'static str> {
    static WORDS: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        COMMON_TXT
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Disguised hostile words in `words`; `index` holds the candidates;
/// `rules` marks the words that open an insult's slot.
pub fn misspelt(text: &str, words: &Words, rules: &Marks, index: &Index) -> Vec<Misspelt> {
    let mut out = Vec::new();
    if index.exact.is_empty() {
        return out;
    }
    let common = common();
    let mut buf = Vec::with_capacity(MAX_LEN + 1);
    let mut k = 0;
    while k < words.len() {
        // Dotted letters: three or more one- or two-letter pieces joined
        // by single dots or dashes.
        let mut end = k;
        while let Some(w) = words.get(end) {
            if w.range.len() > 2 || end - k > MAX_LEN {
                break;
            }
            if end > k {
                let prev = &words.get(end - 1).map_or(0..0, |p| p.range.clone());
                let gap = &text[prev.end..w.range.start];
                if !matches!(gap, "." | "-" | "_") {
                    break;
                }
            }
            end += 1;
        }
        if end - k >= 3 {
            // Joined only here: short words ("a", "to") are everywhere.
            let joined: String = (k..end).map(|i| words.lower(i)).collect();
            if let Some(&term) = index.exact.get(joined.as_str()) {
                out.push(Misspelt {
                    range: words.span(k, end - 1),
                    term,
                    edit: Edit::Dotted,
                });
            }
            k = end;
            continue;
        }
        let w = words.lower(k);
        // Identity terms are never disguised insults ("Mormon").
        if index.may_hold(w) && !common.words.contains(w) && !is_identity(w) {
            if let Some((term, edit)) = variant_at(text, words, rules, index, common, k, &mut buf) {
                out.push(Misspelt {
                    range: words.span(k, k),
                    term,
                    edit,
                });
            }
        }
        k += 1;
    }
    out
}

/// The variant word `k` (a plain lower-case word, not listed) spells.
fn variant_at(
    text: &str,
    words: &Words,
    rules: &Marks,
    index: &Index,
    common: &Common,
    k: usize,
    buf: &mut Vec<u8>,
) -> Option<(usize, Edit)> {
    let w = words.lower(k);
    if let Some(t) = index.joined(w) {
        return Some((t, Edit::Joined));
    }
    if !index.near_in_shape(w) {
        return None;
    }
    let same_sentence = |a: usize, b: usize| {
        words
            .get(a)
            .zip(words.get(b))
            .is_some_and(|(x, y)| x.sentence == y.sentence)
    };
    let slot = k > 0
        && same_sentence(k - 1, k)
        && (rules.is(k - 1, Trigger::SLOT)
            || (k > 1 && rules.is(k - 2, Trigger::BEFORE_A) && words.is(k - 1, &["a", "an"])));
    let word = words.get(k)?;
    // A capital after the first letter ("loseDr", "iPhone") is not a
    // disguise a reader sees as the word.
    let mixed = text
        .get(word.range.clone())
        .unwrap_or_default()
        .bytes()
        .skip(1)
        .any(|c| c.is_ascii_uppercase());
    if mixed && !word.shouted {
        return None;
    }
    let opens_sentence = k == 0 || !same_sentence(k - 1, k);
    // A capital inside a sentence marks a name or an acronym.
    let name = word.capital && !word.shouted && !opens_sentence;
    if name && !slot {
        return None;
    }
    let (term, edit) = index.one_edit(w, buf, name)?;
    // One edit from a common word too: a typo of that word as likely as a
    // disguise, so only an insult's slot decides.
    if !slot && common.near(w, index, buf) {
        return None;
    }
    Some((term, edit))
}

#[cfg(test)]
mod tests;
