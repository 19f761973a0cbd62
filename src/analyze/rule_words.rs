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
//! A [`WordList`] matches whole words of a [`Words`] view: an entry is one
//! or more lower-case words; an entry written with a capital letter
//! ("Butts", "Essex") is a name and only matches capitalised text, so the
//! allow-list cannot switch off the common noun.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

use super::words::Words;
use crate::error::LexiconError;
use crate::parse::lexicon::{lexicon as parse_lexicon, Tag, Tags};

/// One list of words and phrases.
#[derive(Debug, Clone, Default)]
pub struct WordList {
    /// Entries by first word: (all words, tags, capitalised in the list).
    first: BTreeMap<String, Vec<(Vec<String>, Tags, bool)>>,
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
        for e in parse_lexicon(path, text)? {
            let cased = e.term.chars().any(char::is_uppercase);
            let ws = Words::of(&e.term);
            let words: Vec<String> = (0..ws.len()).map(|i| ws.lower(i).to_owned()).collect();
            let Some(head) = words.first().cloned() else {
                continue;
            };
            self.first
                .entry(head)
                .or_default()
                .push((words, e.tags, cased));
        }
        for v in self.first.values_mut() {
            // Longest entry first, so a match is the longest one.
            v.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
        }
        Ok(())
    }

    /// The longest entry starting at word `i` (in one sentence): the index
    /// after it and its tags.
    pub fn at(&self, words: &Words, i: usize) -> Option<(usize, Tags)> {
        let w = words.get(i)?;
        let entries = self.first.get(words.lower(i))?;
        'entries: for (entry, tags, cased) in entries {
            if *cased && !w.capital {
                continue;
            }
            for (k, part) in entry.iter().enumerate().skip(1) {
                if words.lower_in(i + k, w.sentence) != part {
                    continue 'entries;
                }
            }
            return Some((i + entry.len(), *tags));
        }
        None
    }

    /// Word `i` alone is an entry (not only the start of one).
    pub fn has(&self, words: &Words, i: usize) -> bool {
        self.at(words, i).is_some_and(|(end, _)| end == i + 1)
    }

    /// Word `i` is an entry tagged `tag`.
    pub fn tagged(&self, words: &Words, i: usize, tag: Tag) -> bool {
        self.at(words, i).is_some_and(|(_, t)| t.contains(tag))
    }

    /// Byte ranges of every entry in the text, in text order.
    pub fn ranges(&self, words: &Words) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match self.at(words, i) {
                Some((end, _)) => {
                    out.push(words.span(i, end - 1));
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }

    /// True when the list has no entry.
    pub fn is_empty(&self) -> bool {
        self.first.is_empty()
    }
}

/// The built-in rule lists.
#[derive(Debug)]
pub struct RuleWords {
    /// Identity groups; adjectives tagged `group` ("gay" people).
    pub groups: WordList,
    /// Dehumanising comparisons.
    pub dehumanising: WordList,
    /// Negative attributes of a group.
    pub negative: WordList,
    /// Qualities whose denial is an attack.
    pub positive: WordList,
    /// Verbs of violence.
    pub violent: WordList,
}

/// The built-in allow-list (`data/lexicons/allow.txt`).
pub const BUILTIN_ALLOW: &str = include_str!("../../data/lexicons/allow.txt");

impl RuleWords {
    /// The lists of `data/lexicons/rules/`, parsed once per process.
    pub fn builtin() -> &'static RuleWords {
        static RULES: OnceLock<RuleWords> = OnceLock::new();
        RULES.get_or_init(|| {
            // Checked by the unit tests, so this cannot fail in a release.
            let list = |name: &str, text: &str| {
                WordList::parse(&format!("<builtin>/rules/{name}.txt"), text)
                    .expect("built-in rule list is valid")
            };
            RuleWords {
                groups: list(
                    "groups",
                    include_str!("../../data/lexicons/rules/groups.txt"),
                ),
                dehumanising: list(
                    "dehumanising",
                    include_str!("../../data/lexicons/rules/dehumanising.txt"),
                ),
                negative: list(
                    "negative",
                    include_str!("../../data/lexicons/rules/negative.txt"),
                ),
                positive: list(
                    "positive",
                    include_str!("../../data/lexicons/rules/positive.txt"),
                ),
                violent: list(
                    "violent",
                    include_str!("../../data/lexicons/rules/violent.txt"),
                ),
            }
        })
    }

    /// A group named at word `i` ("immigrants", "gay people"): the index
    /// after it.
    pub fn group_at(&self, words: &Words, i: usize) -> Option<usize> {
        let (end, tags) = self.groups.at(words, i)?;
        if !tags.contains(Tag::Group) {
            return Some(end);
        }
        let sentence = words.get(i)?.sentence;
        matches!(
            words.lower_in(end, sentence),
            "people" | "folks" | "men" | "women" | "kids" | "families" | "americans"
        )
        .then_some(end + 1)
    }
}

#[cfg(test)]
mod tests;
