//! Negation (issue 14): "not an idiot" is civil, "not smart" is an attack.
//!
//! - A flagged word with a negator shortly before it in the same clause
//!   ("you're not an idiot, just wrong", "immigrants are not criminals",
//!   "nobody here is a moron", "I never said you were stupid") is a
//!   negated negative: kept as evidence under `negated`, not counted.
//! - A quality from `data/lexicons/rules/positive.txt` denied to "you" or
//!   to a group ("you are not smart", "you have no brain", "\[group\] are not
//!   capable of anything") is a negated positive: an aspersion on the
//!   commenter, or an identity attack on the group.
//!
//! A negator does not reach past a comma, and "not only" / "not just"
//! negate nothing ("not only stupid but rude").

use std::ops::Range;

use super::rule_words::Marks;
use super::words::Words;

/// Words that negate what follows.
const NEGATORS: &[&str] = &[
    "not", "never", "no", "nobody", "isn't", "isnt", "aren't", "arent", "wasn't", "wasnt",
    "weren't", "werent", "ain't", "aint", "don't", "dont", "doesn't", "doesnt", "didn't", "didnt",
    "noone", "neither", "nor",
];

/// Words that open a question.
const QUESTION: &[&str] = &[
    "are", "is", "aren't", "isn't", "can", "can't", "do", "don't", "does", "did", "would", "could",
    "should", "will", "why", "how", "were", "was",
];

/// Words after a negator that cancel it.
const CANCEL: &[&str] = &["only", "just", "merely", "simply"];

/// Second-person subjects.
const YOU: &[&str] = &["you", "you're", "youre", "u", "yourself"];

/// Words a flagged word may sit after and still be negated (`window`).
const WINDOW: usize = 5;

/// Who a negated positive is said of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    /// The commenter ("you are not smart").
    You,
    /// A group ("\[group\] are not capable").
    Group,
}

/// True when word `k` is negated: a negator at most `WINDOW` words before
/// it in its clause, not cancelled by "only"/"just".
pub fn negated_at(words: &Words, k: usize) -> bool {
    negator_before(words, k, WINDOW).is_some()
}

fn negator_before(words: &Words, k: usize, window: usize) -> Option<usize> {
    let sentence = words.get(k)?.sentence;
    let mut j = k;
    while j > 0 && k - j < window {
        if gap_before(words, j) {
            return None;
        }
        j -= 1;
        let w = words.lower_in(j, sentence);
        if w.is_empty() {
            return None;
        }
        if NEGATORS.contains(&w) {
            if words.is(j + 1, CANCEL) {
                return None;
            }
            // "Don't be ridiculous" tells someone they are.
            if matches!(w, "don't" | "dont") && words.is(j + 1, &["be"]) {
                return None;
            }
            // "No nigga", "No, idiot": a sentence-opening "no" right before
            // the word answers, it does not negate.
            let opens = j == 0 || words.get(j - 1).is_some_and(|p| p.sentence != sentence);
            if w == "no" && opens && j + 1 == k {
                return None;
            }
            return Some(j);
        }
        // Only a copula, an article, an intensifier or the person spoken
        // of may stand between: "not a total idiot", "never said you were
        // stupid"; in "don't care about these idiots" the negator belongs
        // to another verb.
        if !BETWEEN.contains(&w) {
            return None;
        }
    }
    None
}

/// Words that may stand between a negator and what it negates.
const BETWEEN: &[&str] = &[
    "a",
    "an",
    "the",
    "so",
    "very",
    "really",
    "that",
    "such",
    "even",
    "being",
    "be",
    "is",
    "are",
    "was",
    "were",
    "am",
    "been",
    "calling",
    "call",
    "called",
    "said",
    "saying",
    "say",
    "you",
    "him",
    "her",
    "them",
    "one",
    "here",
    "at",
    "all",
    "actually",
    "total",
    "complete",
    "truly",
    "exactly",
    "entirely",
    "necessarily",
    "remotely",
    "particularly",
    "some",
    "any",
    "i",
    "think",
    "everyone",
    "anyone",
    "person",
    "it's",
    "its",
    "too",
];

fn gap_before(words: &Words, k: usize) -> bool {
    match (words.get(k.wrapping_sub(1)), words.get(k)) {
        (Some(a), Some(b)) => b.sentence != a.sentence || b.range.start > a.range.end + 1,
        _ => true,
    }
}

/// Negated positives: (range of the denied quality, of whom).
pub fn negated_positives(words: &Words, rules: &Marks) -> Vec<(Range<usize>, Denied)> {
    let mut out = Vec::new();
    if rules.positive.is_empty() {
        return out;
    }
    for k in 0..words.len() {
        if !rules.positive.has(k) {
            continue;
        }
        let Some(neg) = negator_before(words, k, 4) else {
            continue;
        };
        let sentence = words.get(k).map_or(0, |w| w.sentence);
        // "Are you not capable of deciding?" asks; the rule reads
        // statements only.
        let first = (0..=k)
            .rev()
            .take_while(|&i| words.get(i).is_some_and(|w| w.sentence == sentence))
            .last()
            .unwrap_or(k);
        if words.is(first, QUESTION) {
            continue;
        }
        // The subject: the nearest "you" or group before the negator, in
        // the sentence, at most four words back.
        let mut who = None;
        let mut j = neg + 1;
        while j > 0 && neg + 1 - j < 5 {
            j -= 1;
            let w = words.lower_in(j, sentence);
            if w.is_empty() {
                break;
            }
            if YOU.contains(&w) {
                who = Some(Denied::You);
                break;
            }
            if rules.group_at(words, j).is_some()
                || (j > 0 && rules.group_at(words, j - 1) == Some(j + 1))
            {
                who = Some(Denied::Group);
                break;
            }
            if matches!(w, "i" | "i'm" | "im" | "this" | "that" | "it" | "it's") {
                break;
            }
        }
        if let Some(who) = who {
            out.push((words.span(k, k), who));
        }
    }
    out
}

#[cfg(test)]
mod tests;
