//! Hate and dehumanisation aimed at identity groups (issue 14).
//!
//! An identity group (`data/lexicons/rules/groups.txt`: "immigrants",
//! "Muslims", "gay people") is attacked when a sentence about it
//! - hates it: "I hate / despise / can't stand \[group\]";
//! - compares it with vermin, a plague, animals
//!   (`rules/dehumanising.txt`) or gives all of it a negative attribute
//!   (`rules/negative.txt`, or a word of an attack category):
//!   "\[group\] are (all / nothing but / such) X", asked as a question too
//!   ("Why are \[group\] so lazy?") or as an opinion ("I think \[group\] are");
//! - excludes it: "\[group\] are not welcome here", "\[group\] should not be
//!   allowed ...", "\[group\] don't belong here", "deport all \[group\]".
//!
//! "They" / "these people" in the sentence after one that names a group
//! stand for it ("We met some refugees. They are disgusting.").  A negated
//! attribute ("\[group\] are not criminals") is not an attack (see
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
    "are", "is", "were", "be", "'re", "being", "become", "remain", "aren't", "isn't",
];

/// Verbs before "like" that liken a group to an animal ("\[group\] breed
/// like rats").
const LIKE_VERBS: &[&str] = &[
    "act", "acts", "behave", "behaves", "breed", "breeds", "live", "lives", "smell", "smells",
    "eat", "eats", "multiply", "look", "looks", "are", "is", "just",
];

/// Words that may stand between a group and the disgust it causes
/// ("\[group\] in my street make me sick"); a word of another kind ("attacks
/// on \[group\] ...", "\[group\] being attacked ...") means the feeling is
/// about something else.
const EMOTION_GAP: &[&str] = &[
    "all",
    "the",
    "these",
    "those",
    "of",
    "by",
    "with",
    "at",
    "whenever",
    "when",
    "i",
    "see",
    "seeing",
    "around",
    "every",
    "single",
    "any",
    "so",
    "many",
    "much",
    "such",
    "near",
    "them",
    "damn",
    "fucking",
    "in",
    "my",
    "our",
    "this",
    "here",
    "everywhere",
    "area",
    "neighbourhood",
    "neighborhood",
    "town",
    "street",
    "city",
    "country",
    "really",
    "truly",
    "just",
    "honestly",
    "absolutely",
    "completely",
    "totally",
    "utterly",
    "incredibly",
    "deeply",
    "seriously",
    "genuinely",
    "literally",
    "always",
    "now",
    "nowadays",
    "today",
    "lately",
    "too",
];

/// What a group is said not to deserve ("\[group\] don't deserve rights").
const DESERVED: &[&str] = &[
    "respect",
    "rights",
    "dignity",
    "anything",
    "to",
    "citizenship",
    "help",
    "sympathy",
    "compassion",
    "kindness",
    "a",
    "freedom",
    "equality",
    "welfare",
    "benefits",
    "jobs",
    "healthcare",
    "mercy",
    "our",
    "any",
    "human",
    "basic",
    "equal",
    "the",
    "love",
    "protection",
];

/// Negators of a value.
const NOT: &[&str] = &[
    "not",
    "aren't",
    "isn't",
    "don't",
    "doesn't",
    "won't",
    "never",
    "shouldn't",
    "can't",
    "cannot",
    "wasn't",
    "weren't",
    "arent",
    "isnt",
    "dont",
    "doesnt",
    "wont",
    "shouldnt",
    "cant",
    "no",
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
    "one",
    "no",
    "better",
    "worse",
    "kind",
    "sort",
    "type",
    "species",
    "incredibly",
    "utterly",
    "absolutely",
    "deeply",
    "totally",
    "even",
    "still",
    "always",
    "honestly",
    "clearly",
    "obviously",
    "in",
    "fact",
    "actually",
    "worst",
    "lowest",
    "form",
    "human",
    "nasty",
    "vile",
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

/// Verbs before a group that exclude it ("deport all \[group\]").
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
    // "Never trust a [group member]", "keep your kids away from [group]"
    // (issue 25).
    let first = start.saturating_sub(6);
    for j in first..start {
        if let Some((e, _)) = rules.distrust.at(j) {
            let same = words.get(j).is_some_and(|w| w.sentence == sentence);
            if same && e <= start && start - e <= 4 {
                return Some(end - 1);
            }
        }
    }
    if let Some(last) = felt_about(words, rules, start, end) {
        return Some(last);
    }
    if let Some(last) = denied_value(words, rules, start, end) {
        return Some(last);
    }
    // "[group] breed like rats", "act like animals".
    for k in end..end + 2 {
        if words.is(k, LIKE_VERBS) && at(k + 1) == "like" {
            for a in k + 2..k + 4 {
                if let Some((e, _)) = rules.dehumanising.at(a) {
                    return Some(e - 1);
                }
            }
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
    // "Why is every [group member] so lazy?": the copula before the
    // group's determiner.
    let mut b = start;
    while b > 0
        && start - b < 3
        && words.is(
            b - 1,
            &["every", "all", "the", "these", "those", "a", "an", "most"],
        )
    {
        b -= 1;
    }
    let before_group = b > 0 && words.is(b - 1, COPULA);
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

/// "\[group\] make me sick", "disgusted by all the \[group\]": the last word
/// of the feeling (issue 25).
fn felt_about(words: &Words, rules: &Marks, start: usize, end: usize) -> Option<usize> {
    if rules.emotion.is_empty() {
        return None;
    }
    let sentence = words.get(start)?.sentence;
    // What is done to a group is not the group: "attacks on [group] make
    // me sick".
    let mut b = start;
    while b > 0 && words.is(b - 1, &["all", "the", "these", "those", "any", "every"]) {
        b -= 1;
    }
    let about_harm = b > 0
        && words.is(
            b - 1,
            &[
                "against", "on", "of", "to", "towards", "toward", "for", "about", "at", "with",
                "by",
            ],
        );
    // After the group: a feeling done to "me".
    let mut k = end;
    while k < end + 5 && !words.lower_in(k, sentence).is_empty() {
        if let Some((e, _)) = rules.emotion.at(k) {
            let mine = (k..e).any(|x| words.is(x, &["me", "my"]));
            if mine && !about_harm {
                return Some(e - 1);
            }
        }
        let w = words.lower_in(k, sentence);
        let verbish = (w.ends_with("ed") || w.ends_with("ing")) && w != "seeing";
        if verbish && !EMOTION_GAP.contains(&w) || matches!(w, "being" | "who" | "that" | "against")
        {
            break;
        }
        k += 1;
    }
    // Before the group: the writer's feeling "by", "of" or "with" it.
    let first = b.saturating_sub(6);
    for j in first..b {
        let Some((e, _)) = rules.emotion.at(j) else {
            continue;
        };
        if e > b || words.get(j).is_none_or(|w| w.sentence != sentence) {
            continue;
        }
        let gap_ok = (e..b).all(|x| EMOTION_GAP.contains(&words.lower(x)));
        let writer = (j.saturating_sub(4)..j).any(|x| {
            words.is(
                x,
                &[
                    "i", "i'm", "im", "me", "we", "we're", "am", "feel", "get", "makes",
                ],
            ) && words.get(x).is_some_and(|w| w.sentence == sentence)
        }) || words.is(j, &["i"]);
        if gap_ok && writer {
            return Some(end - 1);
        }
    }
    None
}

/// "\[group\] are not our equals", "\[group\] lives should not matter", "No
/// [group member] is human", "\[group\] don't deserve rights": the last word
/// of the denied value (issue 25).
fn denied_value(words: &Words, rules: &Marks, start: usize, end: usize) -> Option<usize> {
    let sentence = words.get(start)?.sentence;
    let at = |k: usize| words.lower_in(k, sentence);
    let no_before = start > 0 && at(start - 1) == "no";
    let mut n = None;
    if no_before {
        n = Some(end.saturating_sub(1));
    } else {
        for k in end..end + 4 {
            let w = at(k);
            if w.is_empty() {
                return None;
            }
            if NOT.contains(&w) && w != "no" {
                n = Some(k);
                break;
            }
            if !matches!(
                w,
                "are"
                    | "is"
                    | "will"
                    | "should"
                    | "would"
                    | "can"
                    | "could"
                    | "be"
                    | "ever"
                    | "really"
                    | "truly"
                    | "lives"
                    | "just"
                    | "simply"
                    | "honestly"
                    | "do"
                    | "does"
                    | "must"
                    | "all"
                    | "life"
            ) {
                return None;
            }
        }
    }
    let n = n?;
    let mut treated = false;
    for k in n + 1..n + 6 {
        let w = at(k);
        if w.is_empty() {
            return None;
        }
        if matches!(w, "matter" | "matters") {
            return Some(k);
        }
        if matches!(w, "deserve" | "deserves") {
            return words.is(k + 1, DESERVED).then_some(k + 1);
        }
        if rules.positive.has(k) {
            // "[group] aren't treated as equals" complains of how they are
            // treated; "should never be treated as equals" wishes it.
            let wish = (start..n + 1).any(|x| words.is(x, &["should", "must"]));
            return (!treated || wish).then_some(k);
        }
        if w == "treated" {
            treated = true;
        }
        if !matches!(
            w,
            "our"
                | "real"
                | "fully"
                | "truly"
                | "so"
                | "even"
                | "a"
                | "an"
                | "the"
                | "any"
                | "treated"
                | "as"
                | "be"
                | "considered"
                | "seen"
                | "ever"
                | "of"
                | "like"
                | "been"
                | "really"
                | "actually"
                | "true"
                | "proper"
                | "at"
                | "all"
                | "us"
                | "to"
                | "your"
                | "my"
                | "remotely"
                | "quite"
                | "that"
                | "very"
                | "going"
                | "become"
                | "is"
                | "are"
                | "incredibly"
                | "utterly"
                | "completely"
                | "absolutely"
                | "totally"
                | "deeply"
                | "just"
        ) {
            return None;
        }
    }
    None
}

/// Wishes a group gone (issue 25): "the world would be better off without
/// \[group\]", "get rid of all \[group\]", "better off if \[group\] were dead".
/// Byte ranges from the wish to the group.
pub fn eradication(words: &Words, rules: &Marks) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if rules.groups.is_empty() {
        return out;
    }
    let mut i = 0;
    while i < words.len() {
        let Some(end) = rules.group_at(words, i) else {
            i += 1;
            continue;
        };
        let sentence = words.get(i).map_or(0, |w| w.sentence);
        let at = |k: usize| words.lower_in(k, sentence);
        let mut hit = None;
        for j in i.saturating_sub(5)..i {
            let w = at(j);
            let better_before = (j.saturating_sub(3)..j).any(|x| at(x) == "better");
            if (w == "without" && better_before)
                || (w == "of" && j > 0 && at(j - 1) == "rid")
                || (w == "rid" && j + 1 < i)
            {
                hit = Some(j);
                break;
            }
            if w == "if" && better_before {
                let gone = (end..end + 4).any(|k| {
                    rules.violent.has(k)
                        || matches!(at(k), "dead" | "gone" | "extinct" | "wiped" | "eliminated")
                });
                if gone {
                    hit = Some(j);
                    break;
                }
            }
        }
        if let Some(j) = hit {
            out.push(words.span(j, end - 1));
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests;
