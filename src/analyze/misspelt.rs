//! Misspelt insults (issue 14): what the normaliser cannot undo.
//!
//! `normalize.rs` already reads leetspeak ("m0r0n"), masks ("b*tch"),
//! stretched letters ("idiiiot") and spaced letters ("m o r o n").  This
//! rule catches three more disguises of a strong insult (a one-word
//! name-calling or aspersion term of weight 0.9 or more, four letters or
//! longer, that needs no cue and is not a name):
//! - one letter swapped with its neighbour, dropped or doubled ("mroon",
//!   "idot", "idioot"), but only in an insult's slot: after "you",
//!   "absolute", "such a" and the like (not after a bare "a"), and
//!   with the first letter kept, so "a moon" or "you lover" stay what they
//!   are (a changed letter is never read as a typo: "lover" is not
//!   "loser");
//! - "you" run together with the insult ("youidiot", "uridiot");
//! - letters split by dots or dashes ("s.t.u.p.i.d", "i-d-i-o-t").

use std::ops::Range;

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

/// A disguised insult: where it is and which candidate it spells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misspelt {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Index into the candidates.
    pub term: usize,
}

/// Disguised insults in `words`; `candidates` are lower-case insults;
/// `rules` marks the words that open an insult's slot.
pub fn misspelt(text: &str, words: &Words, rules: &Marks, candidates: &[String]) -> Vec<Misspelt> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < words.len() {
        // Dotted letters: three or more one- or two-letter pieces joined
        // by single dots or dashes.
        let mut end = k;
        while let Some(w) = words.get(end) {
            if w.range.len() > 2 {
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
            if let Some(term) = candidates.iter().position(|c| *c == joined) {
                out.push(Misspelt {
                    range: words.span(k, end - 1),
                    term,
                });
            }
            k = end;
            continue;
        }
        let w = words.lower(k);
        // "youidiot".
        let run_on = ["you", "ur"]
            .iter()
            .find_map(|p| w.strip_prefix(p).filter(|rest| rest.len() >= 4))
            .and_then(|rest| candidates.iter().position(|c| c == rest));
        if let Some(term) = run_on {
            out.push(Misspelt {
                range: words.span(k, k),
                term,
            });
        } else if k > 0
            && w.len() >= 4
            && (rules.is(k - 1, Trigger::SLOT)
                || (k > 1 && rules.is(k - 2, Trigger::BEFORE_A) && words.is(k - 1, &["a", "an"])))
            && words
                .get(k - 1)
                .zip(words.get(k))
                .is_some_and(|(a, b)| a.sentence == b.sentence)
        {
            let known = candidates.iter().any(|c| c == w);
            if !known {
                let first = w.as_bytes()[0];
                // A capital marks a name or an acronym ("MAGA" is not
                // "magat"); only a swap is read in one.
                let plain = words.get(k).is_some_and(|x| !x.capital);
                let slip = |c: &String| {
                    c.as_bytes()[0] == first
                        && c.len() >= 5
                        && (plain || c.len() == w.len())
                        && one_slip(w, c)
                };
                if let Some(term) = candidates.iter().position(slip) {
                    out.push(Misspelt {
                        range: words.span(k, k),
                        term,
                    });
                }
            }
        }
        k += 1;
    }
    out
}

/// `w` is `c` with one letter dropped, doubled or swapped with its
/// neighbour, the first letter kept.
fn one_slip(w: &str, c: &str) -> bool {
    let (w, c) = (w.as_bytes(), c.as_bytes());
    if w.first() != c.first() || w == c {
        return false;
    }
    match w.len() as isize - c.len() as isize {
        // Dropped: `c` without one letter.
        -1 => (1..c.len()).any(|i| w[..i] == c[..i] && w[i..] == c[i + 1..]),
        // Doubled or inserted: `w` without one letter.
        1 => (1..w.len()).any(|i| c[..i] == w[..i] && c[i..] == w[i + 1..]),
        // Swapped neighbours.
        0 => {
            let diff: Vec<usize> = (0..w.len()).filter(|&i| w[i] != c[i]).collect();
            diff.len() == 2
                && diff[1] == diff[0] + 1
                && w[diff[0]] == c[diff[1]]
                && w[diff[1]] == c[diff[0]]
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests;
