//! Hostile words used civilly (issue 25): a slur reclaimed in the first
//! person, a word that is a slur in one sense used in its ordinary one,
//! and counter-speech that quotes or names hate to condemn it.
//!
//! - **Reclaimed**: an identity-attack word (or "bitch") said of the writer
//!   or the writer's own group, "I'm a proud dyke", "we queers", "us
//!   homos", "my fellow crips", "as a fag myself", "call me a poof", is
//!   not an attack; "my dyke neighbour" is (the word describes someone
//!   else).
//! - **Ordinary sense**: "the Dutch built a dyke", "a faggot of sticks",
//!   "our bitch had puppies", "spastic colon", "flame retardant": a word
//!   of [`SENSES`] whose sentence holds one of its context words.
//! - **Counter-speech**: a sentence that reports a claim ("saying",
//!   "calling", "the claim that", "people who say", or a quotation) and
//!   condemns it ("is disgusting", "bigotry", "has no place", "lies",
//!   "stop"), with no insult of its own and no "you": "Saying \[group\] are
//!   rats is disgusting" is about the hate, not the group.
//!
//! Each returns byte ranges that `rules.rs` marks neutral with their voice.

use std::ops::Range;

use super::category::Category;
use super::matcher::Match;
use super::rule_words::{Marks, Trigger};
use super::words::Words;

/// Words between a first-person word and the reclaimed one ("I'm a proud
/// dyke", "my fellow queers").
const BETWEEN: &[&str] = &[
    "a",
    "an",
    "proud",
    "fellow",
    "big",
    "real",
    "proper",
    "old",
    "happy",
    "loud",
    "black",
    "gay",
    "trans",
    "out",
    "fat",
    "angry",
    "little",
    "openly",
    "total",
    "just",
    "another",
    "queer",
    "dear",
    "lovely",
    "beautiful",
    "fabulous",
    "bad",
    "bold",
];

/// First-person words that make the word the writer's own.
const FIRST: &[&str] = &[
    "i'm",
    "im",
    "i",
    "am",
    "we",
    "us",
    "my",
    "our",
    "me",
    "myself",
    "we're",
    "ourselves",
];

/// Person nouns after the word: "my dyke neighbour" names someone else.
const OTHER: &[&str] = &[
    "neighbour",
    "neighbor",
    "boss",
    "teacher",
    "coworker",
    "colleague",
    "son",
    "daughter",
    "brother",
    "sister",
    "cousin",
    "friend",
    "uncle",
    "aunt",
    "landlord",
    "doctor",
    "manager",
];

/// Words that can be slurs, and the context words of their ordinary sense.
pub const SENSES: &[(&[&str], &[&str])] = &[
    (
        &["dyke", "dykes"],
        &[
            "sea",
            "river",
            "dam",
            "flood",
            "floods",
            "flooding",
            "water",
            "dutch",
            "netherlands",
            "farmland",
            "built",
            "canal",
            "levee",
            "storm",
            "tide",
            "embankment",
            "fen",
            "fens",
            "polder",
            "marsh",
            "drainage",
            "ditch",
        ],
    ),
    (
        &["faggot", "faggots"],
        &[
            "wood",
            "sticks",
            "stick",
            "fire",
            "oven",
            "bundle",
            "firewood",
            "kindling",
            "twigs",
            "meatballs",
            "gravy",
            "butcher",
            "pork",
            "liver",
            "brushwood",
            "hearth",
        ],
    ),
    (
        &["bitch", "bitches"],
        &[
            "puppies",
            "puppy",
            "pups",
            "dog",
            "dogs",
            "breeder",
            "breeding",
            "litter",
            "show",
            "retriever",
            "hound",
            "hounds",
            "kennel",
            "whelp",
            "whelped",
            "whelping",
            "spayed",
            "pedigree",
            "labrador",
            "collie",
            "terrier",
            "spaniel",
            "greyhound",
            "shepherd",
            "stud",
            "vet",
        ],
    ),
    (
        &["coon"],
        &[
            "hound", "hounds", "dog", "hunting", "raccoon", "skin", "cap",
        ],
    ),
    (
        &["spastic"],
        &[
            "colon",
            "bowel",
            "paralysis",
            "cerebral",
            "muscle",
            "muscles",
            "diplegia",
            "palsy",
        ],
    ),
    (
        &["retard", "retarded", "retardant", "retardants"],
        &[
            "fire",
            "flame",
            "growth",
            "ignition",
            "spread",
            "timing",
            "engine",
            "chemical",
            "chemicals",
            "rate",
            "process",
            "dropped",
            "planes",
            "wildfire",
        ],
    ),
    (
        &["gimp"],
        &[
            "cord", "thread", "switch", "stereo", "lanyard", "braid", "knob",
        ],
    ),
    (
        &["spook", "spooks"],
        &[
            "cia",
            "agent",
            "agents",
            "ghost",
            "ghosts",
            "spy",
            "spies",
            "film",
            "movie",
            "halloween",
            "horse",
            "horses",
        ],
    ),
    (
        &["cracker", "crackers"],
        &[
            "cheese",
            "soup",
            "lunch",
            "snack",
            "salt",
            "crumbs",
            "box",
            "eat",
            "ate",
            "christmas",
            "graham",
            "biscuit",
            "biscuits",
            "butter",
        ],
    ),
    (
        &["queer"],
        &[
            "feeling", "old", "house", "clock", "fish", "sort", "odd", "strange",
        ],
    ),
    (
        &["gypsy", "gypsies"],
        &[
            "moth",
            "moths",
            "caterpillar",
            "caterpillars",
            "jazz",
            "skirt",
            "cab",
        ],
    ),
    (
        &["homo"],
        &[
            "sapiens",
            "erectus",
            "habilis",
            "neanderthalensis",
            "genus",
            "milk",
        ],
    ),
    (
        &["tranny"],
        &[
            "car",
            "transmission",
            "gearbox",
            "truck",
            "fluid",
            "rebuild",
            "clutch",
            "radio",
        ],
    ),
    (
        &["fag", "fags"],
        &[
            "cigarette",
            "cigarettes",
            "smoke",
            "smoking",
            "lighter",
            "packet",
            "ashtray",
            "lit",
        ],
    ),
];

/// Words of reported or quoted claims (`Trigger::CLAIM`).
pub const CLAIMS: &[&str] = &[
    "saying",
    "say",
    "says",
    "said",
    "calling",
    "call",
    "calls",
    "called",
    "claim",
    "claims",
    "claiming",
    "comparing",
    "compare",
    "compares",
    "statements",
    "statement",
    "remarks",
    "claimed",
    "write",
    "writing",
    "wrote",
    "post",
    "posting",
    "posts",
];

/// Words that condemn what is reported.
const CONDEMN: &[&str] = &[
    "disgusting",
    "bigotry",
    "bigoted",
    "bigot",
    "bigots",
    "hateful",
    "hate",
    "wrong",
    "racist",
    "racism",
    "nonsense",
    "unacceptable",
    "place",
    "shame",
    "ashamed",
    "lies",
    "lie",
    "lying",
    "vile",
    "stop",
    "nobody",
    "never",
    "offensive",
    "appalling",
    "false",
    "myth",
    "untrue",
    "dehumanising",
    "dehumanizing",
    "xenophobic",
    "xenophobia",
    "homophobic",
    "homophobia",
    "transphobic",
    "sexist",
    "misogynistic",
    "misogyny",
    "antisemitic",
    "antisemitism",
    "islamophobic",
    "islamophobia",
    "prejudice",
    "prejudiced",
    "stereotype",
    "stereotypes",
    "harmful",
    "toxic",
    "awful",
    "horrible",
    "terrible",
    "shameful",
    "sick",
    "ignorant",
    "disgraceful",
    "repugnant",
    "reprehensible",
    "indefensible",
    "inexcusable",
];

/// Identity-attack words (and "bitch") said of the writer or the writer's
/// group.
pub fn reclaimed(words: &Words, found: &[Match]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for m in found {
        let k = words.index_at(m.start);
        let w = words.lower(k);
        let slur = m.category == Category::IDENTITY_ATTACK || matches!(w, "bitch" | "bitches");
        if !slur || m.term.contains(' ') {
            continue;
        }
        let Some(sentence) = words.get(k).map(|x| x.sentence) else {
            continue;
        };
        let at = |i: usize| words.lower_in(i, sentence);
        if words.is(k + 1, OTHER) {
            continue;
        }
        let mine_in_sentence = (0..words.len())
            .filter(|&i| words.get(i).is_some_and(|x| x.sentence == sentence))
            .any(|i| words.is(i, FIRST));
        let mut j = k;
        let mut own = false;
        while j > 0 && k - j < 5 {
            j -= 1;
            let x = at(j);
            if FIRST.contains(&x) {
                own = true;
                break;
            }
            // "As a queer woman, I ...", "Being a dyke is part of who I am".
            if matches!(x, "as" | "being") && mine_in_sentence {
                own = true;
                break;
            }
            if x == "call" && at(j + 1) == "me" {
                own = true;
                break;
            }
            if !BETWEEN.contains(&x) {
                break;
            }
        }
        if own {
            out.push(m.range());
        }
    }
    out
}

/// Word-list matches of a [`SENSES`] word used in its ordinary sense.
pub fn senses(words: &Words, found: &[Match]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for m in found {
        let k = words.index_at(m.start);
        let w = words.lower(k);
        let Some((_, context)) = SENSES.iter().find(|(ws, _)| ws.contains(&w)) else {
            continue;
        };
        let Some(sentence) = words.get(k).map(|x| x.sentence) else {
            continue;
        };
        let ordinary = (0..words.len())
            .filter(|&i| i != k && words.get(i).is_some_and(|x| x.sentence == sentence))
            .any(|i| words.is(i, context));
        if ordinary {
            out.push(m.range());
        }
    }
    out
}

/// Sentences of counter-speech: a claim reported or quoted and condemned,
/// with no insult of the writer's own and no "you".
pub fn counter(text: &str, words: &Words, rules: &Marks, found: &[Match]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let quoted = text.contains(['"', '\u{201c}']);
    if !rules.any(Trigger::CLAIM) && !quoted {
        return out;
    }
    let mut i = 0;
    while i < words.len() {
        let sentence = words.get(i).map_or(0, |w| w.sentence);
        let mut end = i;
        while words.get(end).is_some_and(|w| w.sentence == sentence) {
            end += 1;
        }
        let range = words.span(i, end - 1);
        // The claim is reported before the hate it holds ("Saying [group]
        // are rats ..."), not after ("[group] are rats, I said it").
        let first_hate = (i..end).find(|&k| {
            // The claim word itself may be listed ("calling", "claims").
            !rules.is(k, Trigger::CLAIM) && rules.group_at(words, k).is_some()
                || rules.dehumanising.has(k)
                || rules.negative.has(k)
                || rules.violent.has(k)
                || (!rules.is(k, Trigger::CLAIM)
                    && found.iter().any(|m| words.index_at(m.start) == k))
        });
        let quote = text[range.clone()].contains(['"', '\u{201c}'])
            || (range.start > 0 && text[..range.start].ends_with(['"', '\u{201c}']));
        let claim =
            first_hate.is_some_and(|h| (i..h).any(|k| rules.is(k, Trigger::CLAIM)) || quote);
        let condemned = (i..end).any(|k| words.is(k, CONDEMN));
        let hateful = first_hate.is_some();
        let you = (i..end).any(|k| words.is(k, &["you", "you're", "your", "u", "ur", "youre"]));
        let insult = found.iter().any(|m| {
            range.start <= m.start
                && m.end <= range.end
                && m.category == Category::NAME_CALLING
                && !rules.dehumanising.has(words.index_at(m.start))
                && !words.is(words.index_at(m.start), CONDEMN)
        });
        if claim && condemned && hateful && !you && !insult {
            out.push(range);
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests;
