//! Hate and dehumanisation aimed at identity groups (issue 14).
//!
//! An identity group (`data/lexicons/rules/groups.txt`: "immigrants",
//! "Muslims", "gay people") is attacked when a sentence about it
//! - hates it: "I hate / despise / can't stand [group]";
//! - compares it with vermin, a plague, animals
//!   (`rules/dehumanising.txt`) or gives all of it a negative attribute
//!   (`rules/negative.txt`, or a word of an attack category):
//!   "[group] are (all / nothing but / such) X", asked as a question too
//!   ("Why are [group] so lazy?") or as an opinion ("I think [group] are");
//! - excludes it: "[group] are not welcome here", "[group] should not be
//!   allowed ...", "[group] don't belong here", "deport all [group]".
//!
//! "They" / "these people" in the sentence after one that names a group
//! stand for it ("We met some refugees. They are disgusting.").  A negated
//! attribute ("[group] are not criminals") is not an attack (see
//! `negation.rs`), and neither is a statement with no attribute from the
//! lists ("Refugees are people like us", "Women are underpaid").

use std::ops::Range;

use super::negation::negated_at;
use super::rule_words::Marks;
use super::words::Words;

/// Verbs of hating.
const HATE: &[&str] = &[
    "hate", "despise", "detest", "loathe", "abhor", "hates", "despises",
];

/// Copulas between a group and what it is said to be.
const COPULA: &[&str] = &[
    "are", "is", "were", "be", "'re", "being", "become", "remain",
];

/// Words a predicate may hold before its attribute.
const FILLER: &[&str] = &[
    "all",
    "just",
    "nothing",
    "but",
    "a",
    "an",
    "such",
    "so",
    "really",
    "truly",
    "basically",
    "the",
    "like",
    "total",
    "complete",
    "completely",
    "always",
    "mostly",
    "too",
    "very",
    "simply",
    "literally",
    "naturally",
    "inherently",
    "genetically",
    "nothing",
    "more",
    "than",
    "of",
    "bunch",
    "pack",
    "lot",
    "filthy",
    "dirty",
    "disgusting",
];

/// Phrases after a group that exclude it.
const EXCLUDE: &[&str] = &[
    "are not welcome",
    "aren't welcome",
    "are unwelcome",
    "should not be allowed",
    "shouldn't be allowed",
    "should be banned",
    "should be deported",
    "should go back",
    "should get out",
    "should leave",
    "must go",
    "must leave",
    "don't belong",
    "do not belong",
    "should be kicked out",
    "need to go",
    "should be removed",
    "go home",
];

/// Verbs before a group that exclude it ("deport all [group]").
const EXPEL: &[&str] = &["deport", "ban", "expel", "exterminate", "eradicate"];

/// An attack on a group: the byte range from the group to the attribute.
pub fn attacks(words: &Words, rules: &Marks, flagged: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // Every frame starts at a group named ("they" only after one).
    if rules.groups.is_empty() {
        return out;
    }
    let mut last_group_sentence: Option<u32> = None;
    let mut i = 0;
    while i < words.len() {
        let sentence = words.get(i).map_or(0, |w| w.sentence);
        let group_end = rules.group_at(words, i).or_else(|| {
            // "They" right after a sentence naming a group.
            let anaphor = words.is(i, &["they", "these", "those"])
                && last_group_sentence.is_some_and(|s| s + 1 == sentence);
            anaphor.then_some(i + 1)
        });
        let Some(end) = group_end else {
            i += 1;
            continue;
        };
        if rules.group_at(words, i).is_some() {
            last_group_sentence = Some(sentence);
        }
        if let Some(last) = attack_at(words, rules, flagged, i, end) {
            let from = i.min(last);
            out.push(words.span(from, last.max(end - 1)));
        }
        i = end;
    }
    out
}

/// The last word of an attack on the group at `start..end`, if any.
fn attack_at(
    words: &Words,
    rules: &Marks,
    flagged: &[Range<usize>],
    start: usize,
    end: usize,
) -> Option<usize> {
    let sentence = words.get(start)?.sentence;
    let at = |k: usize| words.lower_in(k, sentence);
    // "I hate immigrants", "I can't stand gay people", "hate all Muslims".
    let mut j = start;
    while j > 0 && start - j < 3 {
        j -= 1;
        let w = at(j);
        if HATE.contains(&w)
            || (w == "stand" && matches!(at(j.wrapping_sub(1)), "can't" | "cant" | "cannot"))
        {
            return Some(j);
        }
        // "deport all [group]"; "deport [group] that are on welfare" is
        // about some of them.
        if EXPEL.contains(&w) && words.is(j + 1, &["all", "every"]) {
            return Some(j);
        }
        if !matches!(
            w,
            "all" | "the" | "these" | "those" | "most" | "any" | "every" | "really" | "just"
        ) {
            break;
        }
    }
    // "[group] are not welcome", "[group] don't belong".
    for p in EXCLUDE {
        if let Some(e) = words.phrase_at(end, p) {
            return Some(e - 1);
        }
    }
    // "[group] are (all) X" and "are [group] so X?".
    // "[group] are": a plural group takes a plural verb; "empowering women
    // is embarrassing" is about the empowering.
    let plural = at(end - 1).ends_with('s') || matches!(at(end - 1), "women" | "men" | "people");
    let singular_verb = words.is(end, &["is", "was"]);
    let after_group =
        (words.is(end, COPULA) && !(plural && singular_verb)) || at(end).ends_with("'re");
    let before_group = start > 0 && words.is(start - 1, COPULA);
    let from = if after_group {
        end + 1
    } else if before_group {
        end
    } else {
        return None;
    };
    let mut k = from;
    while k < from + 5 && !at(k).is_empty() {
        let attribute = rules
            .dehumanising
            .at(k)
            .map(|(e, _)| e)
            .or_else(|| rules.negative.at(k).map(|(e, _)| e))
            .or_else(|| {
                let r = &words.get(k)?.range;
                flagged
                    .iter()
                    .any(|f| f.start <= r.start && r.end <= f.end)
                    .then_some(k + 1)
            });
        if let Some(e) = attribute {
            if negated_at(words, k) {
                return None;
            }
            return Some(e - 1);
        }
        if !FILLER.contains(&at(k)) && !words.is(k, COPULA) {
            return None;
        }
        k += 1;
    }
    None
}

#[cfg(test)]
mod tests;
