//! Listed words in a harmless sense (issue 24), as readable rules.
//!
//! Each rule marks the words it covers as neutral, with a label in the
//! evidence, so a moderator sees why a listed word did not count:
//! - **names, titles and handles** (`allowed`): a word inside a run of
//!   capitalised words within its sentence ("American Psycho", "Moby
//!   Dick"), a word given as a name ("whose name is Asshat"), a handle (`u/name`, `@name`, `r/name`) or a wiki page name
//!   (`Talk:Page`);
//! - **the writer about themselves** (`self`): "Am I an idiot?", "sorry
//!   for the dumb question";
//! - **verb senses and fixed phrases** (`literal`): "won't fool the
//!   filter", "the burden lies with", "detail creeps into", "a fine piece
//!   of work";
//! - **criticism of an idea or a thing** (`literal`): an aspersion that
//!   qualifies a noun for an idea or a thing ("Ridiculous comparison.",
//!   "a stupid rule", "a stupid username"), which names no person, or
//!   says how something is done ("math used stupidly", "ridiculously
//!   good");
//! - **use-mention** (`quoted`): a word named as a word ("the word
//!   idiot", "words like moron"), with or without quotation marks.

use std::ops::Range;

use super::speech::{Neutral, Voice};
use super::words::Words;

/// Words before a capitalised word that make it an address or an insult,
/// not part of a title ("You Idiot", "What Idiot").
const LEADS: &[&str] = &[
    "you", "your", "ur", "u", "what", "such", "a", "an", "the", "this", "that", "hey", "yo",
    "thanks", "ok", "okay", "listen", "look", "i", "i'm", "im",
];

/// Wiki namespaces that open a page name.
const NAMESPACES: &[&str] = &[
    "talk:",
    "user:",
    "user talk:",
    "wikipedia:",
    "template:",
    "file:",
    "category:",
    "help:",
    "portal:",
];

/// Modal and infinitive words before a verb ("won't fool", "to fool").
const MODALS: &[&str] = &[
    "won't", "wont", "will", "can't", "cant", "cannot", "can", "to", "don't", "dont", "didn't",
    "doesn't", "could", "would", "couldn't", "wouldn't", "not", "never", "may", "might",
];

/// Nouns for ideas and things: an aspersion that qualifies one criticises
/// it, not a person.
const THINGS: &[&str] = &[
    "idea",
    "ideas",
    "comparison",
    "rule",
    "rules",
    "question",
    "questions",
    "argument",
    "arguments",
    "plan",
    "plans",
    "law",
    "laws",
    "policy",
    "policies",
    "decision",
    "decisions",
    "design",
    "system",
    "take",
    "analogy",
    "statement",
    "claim",
    "claims",
    "logic",
    "reasoning",
    "headline",
    "article",
    "title",
    "move",
    "call",
    "price",
    "prices",
    "bill",
    "proposal",
    "excuse",
    "comment",
    "post",
    "thing",
    "things",
    "game",
    "movie",
    "show",
    "song",
    "book",
    "joke",
    "mistake",
    "error",
    "bug",
    "setup",
    "name",
    "tax",
    "fee",
    "fees",
    "question.",
    "username",
    "nickname",
];

/// Nouns that name a word as a word: "the word idiot" (use-mention).
const WORD_NOUNS: &[&str] = &[
    "word",
    "term",
    "label",
    "insult",
    "slur",
    "expression",
    "phrase",
    "epithet",
    "adjective",
    "noun",
];

/// Aspersions that can qualify a thing.
const ASPERSIONS: &[&str] = &[
    "stupid",
    "dumb",
    "ridiculous",
    "idiotic",
    "silly",
    "moronic",
    "absurd",
    "pathetic",
    "ludicrous",
    "asinine",
    "insane",
    "crazy",
    "dumbest",
    "stupidest",
    "lame",
];

/// Neutral ranges of listed words used in a harmless sense.
pub fn neutral(text: &str, words: &Words) -> Vec<Neutral> {
    let mut out = Vec::new();
    let mut push = |range: Range<usize>, voice: Voice| out.push(Neutral { range, voice });
    for i in 0..words.len() {
        let Some(w) = words.get(i) else { continue };
        if handle_or_page(text, w.range.start) || in_title(words, i) || named(words, i) {
            push(w.range.clone(), Voice::Allowed);
            continue;
        }
        let lower = words.lower(i);
        if asks_about_self(words, i) {
            push(w.range.clone(), Voice::OwnSelf);
            continue;
        }
        if sorry_for_question(words, i) {
            // The listed phrase "dumb question" is covered whole.
            push(words.span(i, i + 1), Voice::OwnSelf);
            continue;
        }
        if mentioned(words, i) {
            push(w.range.clone(), Voice::Quoted);
            continue;
        }
        let verb = match lower {
            // "won't fool", "it'll fool", "you'd fool": a verb after a
            // modal, also contracted (issue 24).
            "fool" | "fools" => {
                i > 0 && (words.is(i - 1, MODALS) || contracted(words.lower(i - 1)))
            }
            "lies" | "lie" => words.is(i + 1, &["with", "in", "ahead", "behind", "within"]),
            "creeps" | "creep" => words.is(
                i + 1,
                &["into", "in", "up", "over", "out", "through", "back"],
            ),
            _ => false,
        };
        let fine_work = lower == "piece"
            && i > 0
            && words.is(
                i - 1,
                &["fine", "nice", "great", "good", "beautiful", "impressive"],
            )
            && words.lower(i + 1) == "of"
            && words.lower(i + 2) == "work";
        let of_thing = ASPERSIONS.contains(&lower) && thing_after(words, i);
        if verb || manner(lower) {
            push(w.range.clone(), Voice::Literal);
        } else if of_thing {
            // The listed phrase "stupid idea" is covered whole.
            push(words.span(i, i + 1), Voice::Literal);
        } else if fine_work {
            push(words.span(i, i + 2), Voice::Literal);
        }
    }
    out
}

/// "it'll", "you'd", "we'll": a contracted modal.
fn contracted(w: &str) -> bool {
    let w = w.replace('\u{2019}', "'");
    w.ends_with("'ll") || w.ends_with("'d")
}

/// "stupidly", "ridiculously": an aspersion turned adverb says how a
/// thing is done ("math used stupidly", "ridiculously good"), not what a
/// person is.
fn manner(w: &str) -> bool {
    let Some(stem) = w.strip_suffix("ly") else {
        return false;
    };
    let stem = stem.strip_suffix("al").unwrap_or(stem);
    ASPERSIONS.contains(&stem)
}

/// "the word idiot", "a slur like moron", "words like dumb": word `i` is
/// named as a word, not used (use-mention).
fn mentioned(words: &Words, i: usize) -> bool {
    let noun = |k: usize| {
        let w = words.lower(k);
        WORD_NOUNS.contains(&w) || WORD_NOUNS.contains(&w.strip_suffix('s').unwrap_or(""))
    };
    match i {
        0 => false,
        1 => noun(0),
        _ => {
            let same = matches!((words.get(i - 1), words.get(i)), (Some(x), Some(y)) if x.sentence == y.sentence);
            same && ((noun(i - 1) && words.is(i - 2, &["the", "a", "that", "this", "same", "of"]))
                || (words.lower(i - 1) == "like" && noun(i - 2)))
        }
    }
}

/// The word at byte `start` is a handle or a wiki page name.
fn handle_or_page(text: &str, start: usize) -> bool {
    let before = &text[..start];
    // Most words follow a space: only '@', '/' and ':' can open a handle
    // or a page name, so nothing else is read.
    match before.as_bytes().last() {
        Some(b'@') => return true,
        Some(b'/') => return before.ends_with("u/") || before.ends_with("r/"),
        Some(b':') => {}
        _ => return false,
    }
    // The page name runs to the next space: "Talk:Idiot".  Only the last
    // ten characters can hold a namespace ("user talk:"), so only they are
    // lower-cased; lower-casing the whole prefix per word was quadratic.
    let from = before.char_indices().rev().nth(10).map_or(0, |(i, _)| i);
    let tail = before[from..].to_lowercase();
    let token = tail.rsplit(char::is_whitespace).next().unwrap_or("");
    NAMESPACES
        .iter()
        .any(|ns| token.ends_with(ns) && !ns.contains(' '))
        || tail.ends_with("user talk:")
}

/// Word `i` is capitalised, not shouted, and next to another such word in
/// its sentence that is not the sentence's first word alone ("Reading
/// American Psycho", "Moby Dick"), nor a word that makes it an address.
fn in_title(words: &Words, i: usize) -> bool {
    let title = |k: usize| words.get(k).is_some_and(|w| w.capital && !w.shouted);
    let same = |a: usize, b: usize| matches!((words.get(a), words.get(b)), (Some(x), Some(y)) if x.sentence == y.sentence);
    if !title(i) {
        return false;
    }
    let first = |k: usize| k == 0 || !same(k - 1, k);
    let before =
        i > 0 && same(i - 1, i) && title(i - 1) && !words.is(i - 1, LEADS) && !first(i - 1);
    let after = same(i, i + 1) && title(i + 1) && !first(i);
    // "Reading American Psycho": the run's first word need not open the
    // sentence; "You Idiot" and a capitalised sentence start alone do not
    // count, but a longer run does ("What the Fuck Is Going On?").
    let long = after && same(i + 1, i + 2) && title(i + 2);
    before || (after && (long || !words.is(i.wrapping_sub(1), LEADS)))
}

/// "whose name is Asshat", "a dog named Dick": word `i` is given as a name.
fn named(words: &Words, i: usize) -> bool {
    let lower = |k: usize| if k < i { words.lower(k) } else { "" };
    let before = i.checked_sub(1).map_or("", lower);
    let two = i.checked_sub(2).map_or("", lower);
    matches!(before, "named" | "nicknamed" | "called:") || (two == "name" && before == "is")
}

/// "Am I an idiot?", "am I stupid": the writer asks about themselves.
fn asks_about_self(words: &Words, i: usize) -> bool {
    let from = i.saturating_sub(4);
    (from..i).any(|k| {
        words.lower(k) == "am"
            && words.lower(k + 1) == "i"
            && (k + 2..i).all(|j| {
                words.is(
                    j,
                    &[
                        "a", "an", "so", "such", "really", "just", "being", "the", "only", "too",
                    ],
                )
            })
    })
}

/// "sorry for the dumb question", "this may be a stupid question": the
/// writer about their own question.
fn sorry_for_question(words: &Words, i: usize) -> bool {
    if !words.is(i + 1, &["question", "questions"]) {
        return false;
    }
    let from = i.saturating_sub(4);
    (from..i).any(|k| words.is(k, &["sorry", "my", "probably", "maybe", "may", "might"]))
}

/// An idea or a thing follows aspersion `i` ("stupid idea", "ridiculous
/// comparison"), and not a person after it ("stupid idea of yours" still
/// criticises the idea).
fn thing_after(words: &Words, i: usize) -> bool {
    let same =
        matches!((words.get(i), words.get(i + 1)), (Some(x), Some(y)) if x.sentence == y.sentence);
    same && words.is(i + 1, THINGS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str) -> Vec<(String, &'static str)> {
        let words = Words::of(text);
        neutral(text, &words)
            .into_iter()
            .map(|n| (text[n.range].to_owned(), n.voice.label()))
            .collect()
    }

    #[test]
    fn r24_titles_handles_and_page_names_are_names() {
        assert!(labels("Reading American Psycho was fun.").contains(&("Psycho".into(), "allowed")));
        assert!(labels("See Talk:Idiot for that.").contains(&("Idiot".into(), "allowed")));
        assert!(labels("Thanks u/dumbass for it.").contains(&("dumbass".into(), "allowed")));
        assert!(labels("@stupidcupid thanks").contains(&("stupidcupid".into(), "allowed")));
        assert!(!labels("You Idiot.").iter().any(|(w, _)| w == "Idiot"));
        assert!(labels("his dad whose name is Asshat").contains(&("Asshat".into(), "allowed")));
        assert!(labels("FAs like 1987 (What the Fuck Is Going On?) too")
            .contains(&("Fuck".into(), "allowed")));
        assert!(labels("detail that creeps into the body").contains(&("creeps".into(), "literal")));
        assert!(!labels("You are such a creep.")
            .iter()
            .any(|(w, _)| w == "creep"));
        assert!(!labels("Idiot.").iter().any(|(w, _)| w == "Idiot"));
    }

    #[test]
    fn r24_use_mention_names_a_word() {
        assert!(labels("Don't use the word idiot here").contains(&("idiot".into(), "quoted")));
        assert!(labels("insults like moron add nothing").contains(&("moron".into(), "quoted")));
        assert!(labels("a slur like retard hurts").contains(&("retard".into(), "quoted")));
        assert!(!labels("the idiot word salad")
            .iter()
            .any(|(w, _)| w == "idiot"));
        assert!(!labels("You are an idiot").iter().any(|(w, _)| w == "idiot"));
    }

    #[test]
    fn r24_self_reference_verb_senses_and_things() {
        assert!(labels("Am I an idiot? probably").contains(&("idiot".into(), "self")));
        assert!(labels("sorry for the dumb question").contains(&("dumb question".into(), "self")));
        assert!(labels("that trick won't fool the filter").contains(&("fool".into(), "literal")));
        assert!(labels("the burden lies with the council").contains(&("lies".into(), "literal")));
        assert!(labels("a fine piece of work").contains(&("piece of work".into(), "literal")));
        assert!(labels("in time, it'll fool people").contains(&("fool".into(), "literal")));
        assert!(labels("Apologies for a stupid username.")
            .contains(&("stupid username".into(), "literal")));
        assert!(labels("how math can be used stupidly.").contains(&("stupidly".into(), "literal")));
        assert!(!labels("You are a fool.").iter().any(|(w, _)| w == "fool"));
        assert!(
            labels("Ridiculous comparison.").contains(&("Ridiculous comparison".into(), "literal"))
        );
        assert!(labels("Bad\u{a0}name Talk:Idiot").contains(&("Idiot".into(), "allowed")));
        assert!(labels("You are a fool.").is_empty());
        assert!(labels("You are stupid.").is_empty());
        assert!(labels("You lie.").is_empty());
    }
}
