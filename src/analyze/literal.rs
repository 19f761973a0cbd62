//! Animals called what they are (issue 14): "Rats are vermin and the city
//! should trap them" is about rats.
//!
//! The name-calling list holds "rat", "vermin", "pests" because they are
//! said of people; a sentence whose subject is the animal itself ("Rats
//! are vermin", "These pigeons are pests") uses them in earnest.  The
//! subject must open the sentence (after a determiner at most) and be
//! followed by a copula; its clause, to a comma or a conjunction, is
//! neutral: kept as evidence under `literal`, not counted.  "Immigrants are
//! rats" names no animal as subject and stays an attack (`hate.rs`).

use std::ops::Range;

use super::rule_words::{Marks, Trigger};
use super::words::Words;

/// Animals people call pests in earnest: the trigger words.
pub(super) const ANIMALS: &[&str] = &[
    "rats",
    "mice",
    "cockroaches",
    "roaches",
    "pigeons",
    "squirrels",
    "raccoons",
    "foxes",
    "mosquitoes",
    "mosquitos",
    "ticks",
    "fleas",
    "bedbugs",
    "termites",
    "wasps",
    "slugs",
    "locusts",
    "weeds",
];

/// Words that may stand before the animal at the start of the sentence.
const DETERMINERS: &[&str] = &[
    "the", "these", "those", "all", "most", "our", "city", "wild",
];

/// Copulas after the subject.
const COPULA: &[&str] = &["are", "were", "is", "was"];

/// Words that start another clause.
const CLAUSE: &[&str] = &["and", "but", "so", "because", "which", "who", "while"];

/// Byte ranges of clauses that call animals pests.
pub fn animals(words: &Words, rules: &Marks) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if !rules.any(Trigger::ANIMAL) {
        return out;
    }
    for k in 0..words.len() {
        if !rules.is(k, Trigger::ANIMAL) || !words.is(k + 1, COPULA) {
            continue;
        }
        let Some(sentence) = words.get(k).map(|w| w.sentence) else {
            continue;
        };
        if words.get(k + 1).is_some_and(|w| w.sentence != sentence) {
            continue;
        }
        // The subject opens the sentence, after determiners at most.
        let mut start = k;
        while start > 0
            && words.get(start - 1).is_some_and(|w| w.sentence == sentence)
            && words.is(start - 1, DETERMINERS)
        {
            start -= 1;
        }
        if start > 0 && words.get(start - 1).is_some_and(|w| w.sentence == sentence) {
            continue;
        }
        let mut end = k + 2;
        while end < k + 8
            && words.get(end).is_some_and(|w| w.sentence == sentence)
            && !words.is(end, CLAUSE)
            && !gap_before(words, end)
        {
            end += 1;
        }
        out.push(words.span(start, end - 1));
    }
    out
}

/// A comma or other punctuation separates word `k` from the word before.
fn gap_before(words: &Words, k: usize) -> bool {
    match (words.get(k.wrapping_sub(1)), words.get(k)) {
        (Some(a), Some(b)) => b.range.start > a.range.end + 1,
        _ => true,
    }
}

#[cfg(test)]
mod tests;
