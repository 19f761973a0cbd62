//! Threats and hyperbole (issue 14): who is to be hurt, and who wants it.
//!
//! The threat word list (`data/lexicons/threat.txt`) holds fixed phrases,
//! veiled ones included ("watch your back", "I know where you live").
//! This rule reads the frames a list cannot: a verb of violence
//! (`data/lexicons/rules/violent.txt`) is a threat when
//! - a person or group is its object ("you", "him", "that judge", "those
//!   protesters", "refugees", "your family") and an intent or a call comes
//!   before it ("I will", "I'm going to", "someone should", "let's", or the
//!   verb opens the sentence as an order): "I will hurt you", "someone
//!   should shoot him", "let's burn their houses down";
//! - or it is passive with a person or group as subject and a call before
//!   it: "the mayor should be hanged", "they deserve to be beaten",
//!   "refugees should be shot"; "die" after such a call is the same
//!   ("they all deserve to die").
//!
//! With a thing as object ("kill the bill", "murder a pizza", "killed it",
//! "is killing my tomatoes") or as the subject of a list phrase ("the bill
//! deserves to die") it is hyperbole: neither a flag nor a learned word.

use std::ops::Range;

use super::rule_words::{Marks, Trigger};
use super::words::Words;

/// Who a threat is aimed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Victim {
    /// The reader ("you").
    You,
    /// One person ("him", "that judge").
    Person,
    /// A group ("them", "refugees").
    Group,
    /// An office ("the mayor").
    Office,
}

/// A threat the frames found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Threat {
    /// From the call or intent to the victim.
    pub range: Range<usize>,
    /// At whom.
    pub victim: Victim,
}

/// Words before a verb that want it done.
const INTENT: &[&str] = &[
    "will", "would", "i'll", "ill", "we'll", "gonna", "should", "ought", "must", "need", "needs",
    "deserve", "deserves", "let's", "lets", "i'd", "wanna", "want", "gotta", "hope", "wish", "to",
];

/// Intents that only threaten in the first person ("I will hurt you";
/// "the disease will kill her" is a prediction).
const FIRST_PERSON: &[&str] = &["will", "would", "gonna", "wanna", "want", "gotta", "to"];

/// Words before an intent that make it a report or a question about the
/// past, not a wish ("threatened to shoot", "tried to kill").
const REPORT: &[&str] = &[
    "threatened",
    "threatens",
    "tried",
    "attempted",
    "accused",
    "charged",
    "arrested",
    "allegedly",
    "used",
    "plot",
    "plotted",
    "planned",
    "how",
    "not",
    "never",
    "don't",
    "won't",
    "wouldn't",
    "shouldn't",
];

/// Verbs that wish death on their subject after a call ("deserve to
/// die", "rot in hell").
pub(super) const DIE: &[&str] = &["die", "rot"];

const PASSIVE: &[&str] = &["be", "get", "gets", "got", "been"];

/// Pronouns and words that stand for people.
const PEOPLE: &[&str] = &[
    "him",
    "her",
    "them",
    "'em",
    "em",
    "everyone",
    "everybody",
    "people",
    "himself",
    "herself",
    "themselves",
    "somebody",
    "anyone",
    "they",
    "he",
    "she",
    "we",
    "us",
];

const YOU: &[&str] = &["you", "u", "ya", "yourself", "yourselves", "you're", "your"];

/// Nouns for persons that can be hurt (the rest is read as a thing).
const PERSONS: &[&str] = &[
    "man",
    "men",
    "woman",
    "guy",
    "guys",
    "kid",
    "kids",
    "child",
    "children",
    "family",
    "families",
    "wife",
    "husband",
    "son",
    "daughter",
    "protesters",
    "protestors",
    "cops",
    "police",
    "officer",
    "officers",
    "politicians",
    "journalists",
    "reporters",
    "traitor",
    "traitors",
    "bastard",
    "bastards",
    "clerk",
    "neighbour",
    "neighbor",
    "boss",
    "idiot",
    "idiots",
    "scum",
    "liberals",
    "conservatives",
    "democrats",
    "republicans",
    "leftists",
    "judges",
    "voters",
    "rioters",
    "criminals",
    "pedophiles",
    "lawyers",
    "doctors",
    "teachers",
    "moron",
    "morons",
    "person",
    "folks",
];

/// Offices (a victim of this kind is a public figure).
const OFFICES: &[&str] = &[
    "president",
    "senator",
    "mayor",
    "governor",
    "judge",
    "minister",
    "congressman",
    "congresswoman",
    "councillor",
    "councilman",
    "sheriff",
    "chancellor",
    "premier",
];

/// Determiners and quantifiers before a victim noun.
const DETERMINERS: &[&str] = &[
    "the", "that", "this", "those", "these", "all", "every", "some", "a", "an", "his", "her",
    "their", "your", "my", "our", "of", "them", "damn", "fucking", "stupid", "next", "first",
    "last", "any", "single", "one", "few", "more", "couple", "bunch", "lot", "those", "dirty",
    "filthy", "few",
];

/// Possessives whose noun stands for the owner ("your family", "their
/// houses").
const OWNERS: &[&str] = &["your", "his", "her", "their", "ur"];

/// Threats found by the frames in `words`.
pub fn threats(words: &Words, rules: &Marks) -> Vec<Threat> {
    let mut out = Vec::new();
    if rules.violent.is_empty() && !rules.any(Trigger::DIE) {
        return out;
    }
    for v in 0..words.len() {
        let die = rules.is(v, Trigger::DIE);
        if !die && !rules.violent.has(v) {
            continue;
        }
        let Some(intent) = intent_before(words, v) else {
            continue;
        };
        // "they will die" predicts; "they deserve to die" wishes.
        if die && words.is(intent, &["will", "gonna", "to"]) && !wish_before(words, intent) {
            continue;
        }
        let passive = v > 0 && words.is(v - 1, PASSIVE);
        let victim = if passive || die {
            subject_before(words, rules, intent, v)
        } else {
            object_after(words, rules, v)
        };
        if let Some((victim, end)) = victim {
            let start = intent.min(v);
            out.push(Threat {
                range: words.span(start, end.max(v)),
                victim,
            });
        }
    }
    out
}

/// A wish or a verdict right before `intent` ("deserve to", "hope they").
fn wish_before(words: &Words, intent: usize) -> bool {
    intent > 0
        && words.is(
            intent - 1,
            &[
                "deserve", "deserves", "ought", "need", "needs", "want", "hope", "wish", "go",
                "time",
            ],
        )
}

/// Word `j` names a possible victim: of which kind.
fn victim_at(words: &Words, rules: &Marks, j: usize) -> Option<Victim> {
    let w = words.lower(j);
    if YOU.contains(&w) {
        return Some(Victim::You);
    }
    if OFFICES.contains(&w) {
        return Some(Victim::Office);
    }
    if rules.group_at(words, j).is_some() || (j > 0 && rules.group_at(words, j - 1) == Some(j + 1))
    {
        return Some(Victim::Group);
    }
    if matches!(w, "he" | "she" | "him" | "her" | "himself" | "herself") {
        return Some(Victim::Person);
    }
    if PEOPLE.contains(&w) {
        return Some(Victim::Group);
    }
    if PERSONS.contains(&w) {
        return Some(if w.ends_with('s') {
            Victim::Group
        } else {
            Victim::Person
        });
    }
    None
}

/// The first word of the intent before verb `v`, if one wants it done.
fn intent_before(words: &Words, v: usize) -> Option<usize> {
    let sentence = words.get(v)?.sentence;
    // An order: the verb opens the sentence ("Shoot them all").
    let opens = v == 0 || words.get(v - 1).is_some_and(|w| w.sentence != sentence);
    // "Die, or surrender" is a choice put, not an order: "die" needs a
    // wish ("go die", "hope you die").
    if opens && !words.is(v, DIE) {
        return Some(v);
    }
    let mut j = v;
    while j > 0 && v - j < 7 {
        j -= 1;
        let w = words.lower_in(j, sentence);
        if w.is_empty() {
            return None;
        }
        // Past four words only a verb joined by "and" ("I'll go out
        // tonight and shoot them") keeps the intent (issue 25).
        if v - j > 4 && !words.is(v - 1, &["and"]) {
            return None;
        }
        // "I would never hurt anyone".
        if matches!(
            w,
            "never" | "not" | "won't" | "wouldn't" | "don't" | "didn't"
        ) {
            return None;
        }
        if INTENT.contains(&w) || w.ends_with("'ll") {
            if j > 0 && words.is(j - 1, REPORT) {
                return None;
            }
            if w == "to" && j > 0 && !intent_word_before_to(words.lower_in(j - 1, sentence)) {
                return None;
            }
            let wish = w == "to" && wish_before(words, j);
            if FIRST_PERSON.contains(&w) && !wish && !first_person_before(words, j, sentence) {
                return None;
            }
            return Some(j);
        }
        if matches!(w, "someone" | "somebody" | "please" | "just" | "go") && j + 1 == v {
            return Some(j);
        }
    }
    None
}

/// "I will", "I'm going to", "we want to": the writer (or "someone") is
/// the one who would do it.
fn first_person_before(words: &Words, j: usize, sentence: u32) -> bool {
    (1..=3).any(|back| {
        j >= back
            && matches!(
                words.lower_in(j - back, sentence),
                "i" | "i'm" | "im" | "we" | "we're" | "someone" | "somebody" | "i've" | "gonna"
            )
    })
}

/// "going to", "want to", "deserve to": a "to" that carries intent.
fn intent_word_before_to(w: &str) -> bool {
    matches!(
        w,
        "going"
            | "want"
            | "wants"
            | "need"
            | "needs"
            | "ought"
            | "deserve"
            | "deserves"
            | "gonna"
            | "hope"
            | "wish"
            | "coming"
            | "promise"
            | "swear"
            | "intend"
            | "about"
            | "planning"
            | "time"
            | "plan"
    )
}

/// The victim after verb `v` and the index of its last word.
fn object_after(words: &Words, rules: &Marks, v: usize) -> Option<(Victim, usize)> {
    let sentence = words.get(v)?.sentence;
    let mut k = v + 1;
    let mut owner = None;
    while k < v + 5 {
        let w = words.lower_in(k, sentence);
        if w.is_empty() {
            return None;
        }
        if w != "your" {
            if let Some(victim) = victim_at(words, rules, k) {
                return Some((victim, k));
            }
        }
        if OWNERS.contains(&w) {
            owner = Some(if matches!(w, "your" | "ur") {
                Victim::You
            } else {
                Victim::Group
            });
            k += 1;
            continue;
        }
        if DETERMINERS.contains(&w) {
            k += 1;
            continue;
        }
        // "your family", "their houses": what someone owns stands for them.
        return owner.map(|victim| (victim, k));
    }
    None
}

/// The victim of a passive or of "die": between the intent and the verb
/// ("I hope they die"), else before the intent ("the mayor should be
/// hanged", "they all deserve to die").
fn subject_before(
    words: &Words,
    rules: &Marks,
    intent: usize,
    v: usize,
) -> Option<(Victim, usize)> {
    let sentence = words.get(v)?.sentence;
    for j in intent + 1..v {
        if let Some(victim) = victim_at(words, rules, j) {
            return Some((victim, v));
        }
    }
    let mut j = intent;
    while j > 0 && intent - j < 5 {
        j -= 1;
        let w = words.lower_in(j, sentence);
        if w.is_empty() {
            break;
        }
        if let Some(victim) = victim_at(words, rules, j) {
            return Some((victim, v));
        }
        if matches!(
            w,
            "all" | "both" | "just" | "really" | "simply" | "definitely" | "going"
        ) || INTENT.contains(&w)
        {
            continue;
        }
        if words.get(j).is_some_and(|x| x.capital) && j > 0 {
            return Some((Victim::Person, v));
        }
        // "Dale should be crucified": a capitalised first word before the
        // call, with a verb done only to people (issue 25); "Crime should
        // be eliminated" is about a thing.
        let opens = j == 0 || words.get(j - 1).is_some_and(|x| x.sentence != sentence);
        if opens
            && j + 1 == intent
            && words.get(j).is_some_and(|x| x.capital)
            && !words.is(v, DONE_TO_THINGS)
            && !matches!(
                w,
                "it" | "this" | "that" | "there" | "what" | "which" | "everything"
            )
        {
            return Some((Victim::Person, v));
        }
        return None;
    }
    // A sentence that opens with the call ("Go die") is aimed at the
    // reader.
    let opens = intent == 0
        || words
            .get(intent - 1)
            .is_some_and(|w| w.sentence != sentence);
    opens.then_some((Victim::You, v))
}

/// Violent participles also said of things ("crime should be
/// eliminated", "the plan should be executed").
const DONE_TO_THINGS: &[&str] = &[
    "eliminated",
    "eradicated",
    "exterminated",
    "killed",
    "burned",
    "burnt",
    "bombed",
    "nuked",
    "buried",
    "gassed",
    "smashed",
    "broken",
    "crushed",
    "destroyed",
    "annihilated",
    "executed",
    "poisoned",
    "gutted",
    "drowned",
    "choked",
    "hurt",
    "attacked",
];

/// Places and routines a veiled threat says it knows ("I know where you
/// live / park / which street you live on / where your kids go to school").
const HAUNTS: &[&str] = &[
    "live", "lives", "living", "park", "parks", "work", "works", "sleep", "sleeps", "school",
    "street", "road", "house", "home", "address", "drive", "drives", "shop", "walk", "walks",
    "jog", "stay", "kids", "children", "family", "wife", "husband", "car", "office", "gym",
    "daughter", "son", "parents", "go", "goes", "run", "hang", "eat", "pray", "worship",
];

/// Veiled threats found by their frame (issue 25): "I know where you
/// park", "we know which street you live on", "someone should teach him a
/// lesson".  Byte ranges and whom they are aimed at.
pub fn veiled(words: &Words) -> Vec<Threat> {
    let mut out = Vec::new();
    for k in 0..words.len() {
        let w = words.lower(k);
        if w != "know" && w != "teach" && w != "taught" {
            continue;
        }
        let sentence = words.get(k).map_or(0, |x| x.sentence);
        let at = |i: usize| words.lower_in(i, sentence);
        if w == "know" {
            let writer = (k.saturating_sub(2)..k)
                .any(|i| matches!(at(i), "i" | "we" | "i've" | "we've" | "i'll" | "we'll"));
            let how = matches!(at(k + 1), "where" | "which" | "what");
            if !(writer && how) {
                continue;
            }
            // The place comes after "you": "which street you live on", not
            // "which street you mean".
            let you = (k + 2..k + 8).find(|&i| matches!(at(i), "you" | "your" | "u" | "ur"));
            let place = you.and_then(|y| (y + 1..y + 5).find(|&i| words.is(i, HAUNTS)));
            if let (Some(_), Some(p)) = (you, place) {
                out.push(Threat {
                    range: words.span(k, p),
                    victim: Victim::You,
                });
            }
        } else {
            // "teach [someone] a lesson".
            let lesson = (k + 2..k + 6).find(|&i| at(i) == "lesson" && at(i - 1) == "a");
            if let Some(l) = lesson {
                let victim = if matches!(at(k + 1), "you" | "u" | "ya") {
                    Victim::You
                } else if words.is(k + 1, &["them", "these", "those", "all"]) {
                    Victim::Group
                } else {
                    Victim::Person
                };
                out.push(Threat {
                    range: words.span(k, l),
                    victim,
                });
            }
        }
    }
    out
}

/// Verbs of violence done to a thing: byte ranges of the verbs in "kill
/// the bill", "murder a pizza", "killed it", "is killing my tomatoes",
/// "shoot for a compromise", and of list phrases said of a thing ("the
/// bill deserves to die": `phrases` are the threat matches' ranges).
pub fn hyperbole(words: &Words, rules: &Marks, phrases: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let verbs = !rules.violent.is_empty() || rules.any(Trigger::KILLER);
    for v in (0..words.len()).filter(|_| verbs) {
        if !rules.violent.has(v) && !rules.is(v, Trigger::KILLER) {
            continue;
        }
        let sentence = words.get(v).map_or(0, |w| w.sentence);
        if words.lower(v) == "killer" {
            out.push(words.span(v, v));
            continue;
        }
        let next = words.lower_in(v + 1, sentence);
        let thing = match next {
            "it" | "this" | "that" | "for" | "up" | "time" | "off" => true,
            "the" | "a" | "an" | "my" | "our" | "its" => {
                let noun = words.lower_in(v + 2, sentence);
                !noun.is_empty()
                    && !PERSONS.contains(&noun)
                    && !OFFICES.contains(&noun)
                    && rules.group_at(words, v + 2).is_none()
            }
            _ => false,
        };
        if thing {
            out.push(words.span(v, v));
        }
    }
    for p in phrases {
        let k = words.index_at(p.start);
        if thing_subject(words, rules, k) {
            out.push(p.clone());
        }
    }
    out
}

/// The subject before word `k` is a thing: "the bill deserves ...".
fn thing_subject(words: &Words, rules: &Marks, k: usize) -> bool {
    let Some(w) = words.get(k) else { return false };
    let sentence = w.sentence;
    if k == 0 {
        return false;
    }
    let noun = words.lower_in(k - 1, sentence);
    if noun == "it" || noun == "this" {
        return true;
    }
    // "the bill", "the parking app", "my neighbour's leaf blower": a
    // determiner and up to three nouns, none a person (issue 25).
    let person = |j: usize| {
        let w = words.lower_in(j, sentence);
        w.is_empty()
            || PERSONS.contains(&w)
            || PEOPLE.contains(&w)
            || OFFICES.contains(&w)
            || rules.group_word(words, j)
    };
    (2..=4).any(|back| {
        k >= back
            && matches!(
                words.lower_in(k - back, sentence),
                "the" | "this" | "that" | "a" | "an" | "my" | "our" | "its"
            )
            && (k - back + 1..k).all(|j| !person(j))
    })
}

#[cfg(test)]
mod tests;
