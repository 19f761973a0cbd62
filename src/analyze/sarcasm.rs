//! Ironic praise (issue 14): "Wow, what a genius", "Nice job, Einstein",
//! "Must be nice to ...".
//!
//! The mockery word list holds fixed jabs ("said no one ever", "cool
//! story, bro").  Praise turns to mockery by its frame, which a list
//! cannot see:
//! - praise set off as a vocative with a mock title: "Nice job, Einstein",
//!   "Well done, genius", "Congratulations, Sherlock" (an opener, a comma,
//!   then a title from `MOCK_TITLES`);
//! - "what a genius" closing its sentence or before a noun ("What a genius
//!   move"), while "she is a genius at fixing bikes" is sincere;
//! - "must be nice to ..." opening a sentence with no subject, the
//!   conversational jab, while "it must be nice to finally have a bus" is
//!   a sincere wish.
//!
//! Each is aimed at the commenter answered.

use std::ops::Range;

use super::rule_words::{Marks, Trigger};
use super::words::Words;

/// Openers of praise or thanks.
const OPENERS: &[&str] = &[
    "nice",
    "good",
    "great",
    "well",
    "congratulations",
    "congrats",
    "thanks",
    "thank",
    "bravo",
    "brilliant",
    "wow",
    "ok",
    "okay",
    "sure",
    "luck",
    "that",
    "done",
    "job",
    "work",
    "move",
    "try",
    "you",
    "with",
];

/// Titles that mock when used to address someone.
pub(super) const MOCK_TITLES: &[&str] = &[
    "genius",
    "einstein",
    "sherlock",
    "professor",
    "mastermind",
    "smartypants",
    "hotshot",
    "champ",
    "socrates",
    "shakespeare",
    "columbo",
    "nostradamus",
    "doc",
];

/// Ironic praise in `words`: byte ranges, each aimed at the commenter;
/// `rules` marks the mock titles and "must" that start a frame.
pub fn ironic_praise(words: &Words, rules: &Marks) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if !rules.any(Trigger::IRONY) {
        return out;
    }
    for k in 0..words.len() {
        if !rules.is(k, Trigger::IRONY) {
            continue;
        }
        let w = words.lower(k);
        let sentence = words.get(k).map_or(0, |x| x.sentence);
        let first_of_sentence = k == 0 || words.get(k - 1).is_some_and(|x| x.sentence != sentence);
        if MOCK_TITLES.contains(&w) && k > 0 {
            // "Nice job, Einstein": a comma before, praise before that.
            let comma = words
                .get(k - 1)
                .zip(words.get(k))
                .is_some_and(|(a, b)| a.sentence == b.sentence && b.range.start > a.range.end + 1);
            if comma && words.is(k - 1, OPENERS) {
                out.push(words.span(k - 1, k));
                continue;
            }
            // "What a genius." / "What a genius move".
            if k >= 2 && words.lower_in(k - 2, sentence) == "what" && words.is(k - 1, &["a"]) {
                let next = words.lower_in(k + 1, sentence);
                if next.is_empty() || matches!(next, "move" | "idea" | "plan" | "take" | "thought")
                {
                    out.push(words.span(k - 2, k));
                }
            }
            continue;
        }
        if first_of_sentence && w == "must" && words.phrase_at(k, "must be nice to").is_some() {
            out.push(words.span(k, k + 3));
        }
    }
    out
}

#[cfg(test)]
mod tests;
