//! The word lists the rule layer compares words with (issue 14).
//!
//! The rules (`threat.rs`, `hate.rs`, `negation.rs`) need lists that are
//! not categories: identity groups, dehumanising comparisons, negative and
//! positive attributes, violent verbs (`data/lexicons/rules/`), and the
//! allow-list of words that never count (`data/lexicons/allow.txt`, which
//! a site extends with `allow.txt` in `--lexicon-dir`).  They are written
//! in the word-list grammar (`grammars/lexicon.ebnf`) so one parser and one
//! set of error messages serve all lists; weights are ignored, tags kept.
//!
//! A [`WordList`] matches whole words of a [`Words`] view, with one
//! Aho-Corasick pass over the text's folded words per list ([`Marks`] holds
//! what the rule lists found, once per text): an entry is one or more
//! lower-case words; an entry written with a capital letter
//! ("Butts", "Essex") is a name and only matches capitalised text, so the
//! allow-list cannot switch off the common noun.
//!
//! The same automaton also holds each rule module's trigger words (the
//! naming verbs of `speech.rs`, the slot words of `misspelt.rs`, the mock
//! titles of `sarcasm.rs`...): a word that is one gets its module's
//! [`Trigger`] bit in [`Marks`], so a module looks at the few words that
//! can start its frame instead of comparing every word with its lists
//! (issue 14: the rule layer's cost).

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::words::{Words, SEP};
use super::{civil_use, literal, misspelt, sarcasm, speech, threat};
use crate::error::{LexiconError, LexiconErrorKind};
use crate::parse::lexicon::{lexicon as parse_lexicon, Tag, Tags};

/// One entry of a list.
#[derive(Debug, Clone)]
struct Entry {
    /// Its pattern: the lower-case words, each between two `SEP`s.
    pattern: String,
    /// Number of words.
    len: usize,
    tags: Tags,
    /// Written with a capital: matches only capitalised text.
    cased: bool,
    /// Which list of a combined automaton it belongs to.
    list: u8,
}

/// One list of words and phrases, compiled into one automaton that scans
/// a text's [`Words::hay`] once.
#[derive(Debug, Clone, Default)]
pub struct WordList {
    entries: Vec<Entry>,
    automaton: Option<AhoCorasick>,
}

/// Where a list's entries occur in one text: (first word, index after the
/// last word, tags), sorted by first word, longest first.
#[derive(Debug, Clone, Default)]
pub struct ListHits(Vec<(usize, usize, Tags)>);

impl ListHits {
    /// The longest entry starting at word `i`: the index after it and its
    /// tags.
    pub fn at(&self, i: usize) -> Option<(usize, Tags)> {
        let k = self.0.partition_point(|h| h.0 < i);
        self.0
            .get(k)
            .filter(|h| h.0 == i)
            .map(|&(_, end, tags)| (end, tags))
    }

    /// Word `i` alone is an entry.
    pub fn has(&self, i: usize) -> bool {
        let k = self.0.partition_point(|h| h.0 < i);
        self.0[k..]
            .iter()
            .take_while(|h| h.0 == i)
            .any(|h| h.1 == i + 1)
    }

    /// True when the list occurs nowhere.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Byte ranges of the entries in the text, longest first where they
    /// overlap, in text order.
    pub fn ranges(&self, words: &Words) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut next = 0;
        for &(i, end, _) in &self.0 {
            if i >= next {
                out.push(words.span(i, end - 1));
                next = end;
            }
        }
        out
    }
}

impl WordList {
    /// Parses a list in the word-list grammar; `path` names it in errors.
    pub fn parse(path: &str, text: &str) -> Result<WordList, Box<LexiconError>> {
        let mut list = WordList::default();
        list.extend(path, text)?;
        Ok(list)
    }

    /// Adds the entries of another list text.
    pub fn extend(&mut self, path: &str, text: &str) -> Result<(), Box<LexiconError>> {
        self.extend_as(path, text, 0)?;
        self.compile(path)
    }

    /// Adds the entries of `text` as list number `list` of a combined
    /// automaton ([`WordList::hits_per_list`]); [`WordList::compile`]
    /// builds the automaton after the last list.
    fn extend_as(&mut self, path: &str, text: &str, list: u8) -> Result<(), Box<LexiconError>> {
        for e in parse_lexicon(path, text)? {
            let ws = Words::of(&e.term);
            if ws.is_empty() {
                continue;
            }
            let mut pattern = String::from(SEP);
            for i in 0..ws.len() {
                pattern.push_str(ws.lower(i));
                pattern.push(SEP);
            }
            self.entries.push(Entry {
                pattern,
                len: ws.len(),
                tags: e.tags,
                cased: e.term.chars().any(char::is_uppercase),
                list,
            });
        }
        Ok(())
    }

    /// Builds the automaton over the entries; `path` names the list in
    /// the error.
    fn compile(&mut self, path: &str) -> Result<(), Box<LexiconError>> {
        // Every pattern starts with `SEP`, so a prefilter would stop at
        // every word; a DFA walks the folded words at a table look-up a
        // byte (the lists are small, so its tables are too).
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .prefilter(false)
            .build(self.entries.iter().map(|e| e.pattern.as_str()))
            .map_err(|e| {
                Box::new(LexiconError {
                    path: path.to_owned(),
                    line: 1,
                    column: 1,
                    kind: LexiconErrorKind::Syntax {
                        expected: "a word list small enough to compile",
                        found: e.to_string(),
                    },
                    source_line: String::new(),
                })
            })?;
        self.automaton = Some(automaton);
        Ok(())
    }

    /// Whether `word` (lower case) is a one-word entry of the list (a site
    /// layer gives allow-listed words no feature, issue 26).
    pub fn has_word(&self, word: &str) -> bool {
        self.entries.iter().any(|e| {
            e.len == 1
                && e.pattern
                    .strip_prefix(SEP)
                    .and_then(|p| p.strip_suffix(SEP))
                    == Some(word)
        })
    }

    /// Every occurrence in the text `words` was made from.
    pub fn hits(&self, words: &Words) -> ListHits {
        self.hits_per_list::<1>(words)
            .0
            .into_iter()
            .next()
            .unwrap_or_default()
    }

    /// Every occurrence, one [`ListHits`] per list number, from one scan,
    /// and the trigger bits of each word (lists numbered from `N` on are
    /// one-word trigger lists: list `N + b` sets bit `b`).
    fn hits_per_list<const N: usize>(&self, words: &Words) -> ([ListHits; N], Vec<u32>) {
        let mut out: Vec<(usize, usize, Tags, usize, u8)> = Vec::new();
        let mut triggers = Vec::new();
        if let Some(automaton) = &self.automaton {
            for m in automaton.find_overlapping_iter(words.hay()) {
                let e = &self.entries[m.pattern().as_usize()];
                let Some(i) = words.at_hay(m.start() + SEP.len_utf8()) else {
                    continue;
                };
                if let Some(bit) = usize::from(e.list).checked_sub(N) {
                    if triggers.is_empty() {
                        triggers = vec![0; words.len()];
                    }
                    triggers[i] |= 1 << bit;
                    continue;
                }
                if e.cased && !words.get(i).is_some_and(|w| w.capital) {
                    continue;
                }
                out.push((i, i + e.len, e.tags, m.pattern().as_usize(), e.list));
            }
        }
        out.sort_by_key(|&(i, end, _, p, _)| (i, std::cmp::Reverse(end), p));
        let mut lists: [ListHits; N] = std::array::from_fn(|_| ListHits::default());
        for (i, end, tags, _, list) in out {
            if let Some(l) = lists.get_mut(usize::from(list)) {
                l.0.push((i, end, tags));
            }
        }
        (lists, triggers)
    }

    /// Byte ranges of the entries in the text, longest first where they
    /// overlap, in text order.
    pub fn ranges(&self, words: &Words) -> Vec<Range<usize>> {
        self.hits(words).ranges(words)
    }

    /// True when the list has no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The rule lists found in one text.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    /// Identity groups; adjectives tagged `group`.
    pub groups: ListHits,
    /// Dehumanising comparisons.
    pub dehumanising: ListHits,
    /// Negative attributes.
    pub negative: ListHits,
    /// Denied qualities.
    pub positive: ListHits,
    /// Verbs of violence.
    pub violent: ListHits,
    /// Disgust and loathing (issue 25).
    pub emotion: ListHits,
    /// Warnings against a group (issue 25).
    pub distrust: ListHits,
    /// The built-in allow-list (`Lexicon::allow_ranges` reads it when a
    /// site adds none, so the text is scanned once).
    pub allow: ListHits,
    /// The [`Trigger`] bits of each word (empty when no word has one).
    triggers: Vec<u32>,
}

/// A rule module's trigger words: a word that is one may start the
/// module's frame; a text without one needs no look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trigger(u32);

impl Trigger {
    /// Verbs of naming or accusing someone (`speech.rs`, reported speech).
    pub const REPORTING: Trigger = Trigger(1);
    /// First words of a self-description (`speech.rs`: "I'm", "call me").
    pub const SELF_TALK: Trigger = Trigger(1 << 1);
    /// Words after which an insult's slot opens (`misspelt.rs`: "you").
    pub const SLOT: Trigger = Trigger(1 << 2);
    /// Words before "a"/"an" that open an insult's slot (`misspelt.rs`).
    pub const BEFORE_A: Trigger = Trigger(1 << 3);
    /// Mock titles and "must" (`sarcasm.rs`).
    pub const IRONY: Trigger = Trigger(1 << 4);
    /// "die", "rot" (`threat.rs`: "they deserve to die").
    pub const DIE: Trigger = Trigger(1 << 5);
    /// "killer" (`threat.rs`: "killer app").
    pub const KILLER: Trigger = Trigger(1 << 6);
    /// Gerunds of speaking (`speech.rs`: "Saying ... is disgusting").
    pub const SPEAKING: Trigger = Trigger(1 << 7);
    /// Animals called pests in earnest (`literal.rs`: "Rats are vermin").
    pub const ANIMAL: Trigger = Trigger(1 << 8);
    /// "know", "teach" (`threat.rs`: veiled threats, issue 25).
    pub const VEILED: Trigger = Trigger(1 << 9);
    /// Words that report a claim (`civil_use.rs`: counter-speech).
    pub const CLAIM: Trigger = Trigger(1 << 10);
}

/// The trigger lists, in bit order (list number `LISTS.len() + bit`):
/// the modules' own lists, so a trigger cannot drift from its rule.
const TRIGGERS: [&[&[&str]]; 11] = [
    &[speech::NAMING, speech::ACCUSING],
    &[speech::SELF_OPENERS],
    &[misspelt::SLOTS],
    &[misspelt::BEFORE_A],
    &[sarcasm::MOCK_TITLES, &["must"]],
    &[threat::DIE],
    &[&["killer"]],
    &[speech::SPEAKING],
    &[literal::ANIMALS],
    &[&["know", "teach", "taught"]],
    &[civil_use::CLAIMS],
];

impl Marks {
    /// Word `i` is one of `trigger`'s words.
    pub fn is(&self, i: usize, trigger: Trigger) -> bool {
        self.triggers.get(i).is_some_and(|&b| b & trigger.0 != 0)
    }

    /// Some word of the text is one of `trigger`'s words.
    pub fn any(&self, trigger: Trigger) -> bool {
        self.triggers.iter().any(|&b| b & trigger.0 != 0)
    }

    /// A group named at word `i` ("immigrants", "gay people"): the index
    /// after it.
    pub fn group_at(&self, words: &Words, i: usize) -> Option<usize> {
        let (end, tags) = self.groups.at(i)?;
        let sentence = words.get(i)?.sentence;
        // "Chinese people", "a Muslim woman", "Black lives": the noun
        // after the group word is part of it (issue 25).
        if words.is(end, PERSON_NOUNS) && words.get(end).is_some_and(|w| w.sentence == sentence) {
            return Some(end + 1);
        }
        (!tags.contains(Tag::Group)).then_some(end)
    }

    /// Word `j` is (the noun of) a group.
    pub fn group_word(&self, words: &Words, j: usize) -> bool {
        self.group_at(words, j).is_some() || (j > 0 && self.group_at(words, j - 1) == Some(j + 1))
    }
}

/// Nouns that make a group with the adjective before them ("gay
/// people", "a Black woman", "Jewish lives").
const PERSON_NOUNS: &[&str] = &[
    "people",
    "folks",
    "men",
    "women",
    "kids",
    "families",
    "americans",
    "american",
    "person",
    "man",
    "woman",
    "guy",
    "guys",
    "girl",
    "girls",
    "boy",
    "boys",
    "child",
    "children",
    "family",
    "lives",
    "community",
    "communities",
    "neighbours",
    "neighbors",
    "neighbour",
    "neighbor",
    "couple",
    "couples",
    "students",
    "student",
    "workers",
    "worker",
    "youths",
    "teens",
    "lady",
    "ladies",
    "dude",
    "dudes",
    "individuals",
    "individual",
    "population",
    "populations",
    "immigrants",
    "immigrant",
    "refugees",
    "refugee",
    "migrants",
    "migrant",
];

/// The built-in rule lists, compiled into one automaton so a text is
/// scanned once for all of them.
#[derive(Debug)]
pub struct RuleWords {
    all: WordList,
}

/// The built-in allow-list (`data/lexicons/allow.txt`).
pub const BUILTIN_ALLOW: &str = include_str!("../../data/lexicons/allow.txt");

/// The rule lists, in list-number order.
const LISTS: [(&str, &str); 8] = [
    (
        "groups",
        include_str!("../../data/lexicons/rules/groups.txt"),
    ),
    (
        "dehumanising",
        include_str!("../../data/lexicons/rules/dehumanising.txt"),
    ),
    (
        "negative",
        include_str!("../../data/lexicons/rules/negative.txt"),
    ),
    (
        "positive",
        include_str!("../../data/lexicons/rules/positive.txt"),
    ),
    (
        "violent",
        include_str!("../../data/lexicons/rules/violent.txt"),
    ),
    (
        "emotion",
        include_str!("../../data/lexicons/rules/emotion.txt"),
    ),
    (
        "distrust",
        include_str!("../../data/lexicons/rules/distrust.txt"),
    ),
    ("allow", BUILTIN_ALLOW),
];

impl RuleWords {
    /// The lists of `data/lexicons/rules/`, parsed once per process.
    pub fn builtin() -> &'static RuleWords {
        static RULES: OnceLock<RuleWords> = OnceLock::new();
        RULES.get_or_init(|| {
            let mut all = WordList::default();
            for (n, (name, text)) in LISTS.iter().enumerate() {
                // Checked by the unit tests, so this cannot fail in a
                // release.
                let path = if *name == "allow" {
                    "<builtin>/allow.txt".to_owned()
                } else {
                    format!("<builtin>/rules/{name}.txt")
                };
                all.extend_as(&path, text, n as u8)
                    .expect("built-in rule list is valid");
            }
            for (bit, lists) in TRIGGERS.iter().enumerate() {
                for w in lists.iter().copied().flatten() {
                    all.entries.push(Entry {
                        pattern: format!("{SEP}{w}{SEP}"),
                        len: 1,
                        tags: Tags::EMPTY,
                        cased: false,
                        list: (LISTS.len() + bit) as u8,
                    });
                }
            }
            all.compile("<builtin>/rules")
                .expect("built-in rule lists compile");
            RuleWords { all }
        })
    }

    /// Where the lists occur in the text `words` was made from.
    pub fn marks(&self, words: &Words) -> Marks {
        let (
            [groups, dehumanising, negative, positive, violent, emotion, distrust, allow],
            triggers,
        ) = self.all.hits_per_list(words);
        Marks {
            groups,
            dehumanising,
            negative,
            positive,
            violent,
            emotion,
            distrust,
            allow,
            triggers,
        }
    }

    /// Number of entries over all lists (the allow-list and trigger words
    /// not counted).
    pub fn len(&self) -> usize {
        self.all
            .entries
            .iter()
            .filter(|e| usize::from(e.list) < LISTS.len() - 1)
            .count()
    }

    /// True when no list has an entry.
    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }
}

#[cfg(test)]
mod tests;
