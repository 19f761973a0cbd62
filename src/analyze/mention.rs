//! Mentions: which thread participants a comment names.
//!
//! Commenters address each other by full handle ("gypsyken"), first name
//! ("Linda" for Linda Sonna) or initials ("BR" for Brooklyn_Reader), as in
//! seed 002.  Aliases are built per thread from its authors; an alias two
//! participants share is dropped rather than guessed.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::ops::Range;

/// Letters a first name needs to serve as an alias.
const MIN_FIRST_NAME: usize = 3;

/// Upper-case words that are never initials.
const NOT_INITIALS: &[&str] = &[
    "US", "UK", "EU", "UN", "TV", "OK", "PM", "AM", "BC", "AD", "ID", "IQ", "PC", "DC", "LA", "NY",
    "OR", "IT", "IS", "IN", "ON", "AT", "TO", "NO", "SO", "DO", "GO", "IF", "OF", "MY", "ME", "WE",
    "HE", "BE", "AN", "AS", "UP", "VS", "MR", "MS", "DR", "CEO", "USA", "FBI", "CIA", "GOP", "FYI",
    "BTW", "LOL", "OMG", "WTF", "IMO", "ICE", "DHS", "DOJ",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// The whole handle, any case.
    Full,
    /// First name, capitalised as written.
    First,
    /// Initials, in capitals.
    Initials,
}

/// The participants of one thread and the names they go by.
#[derive(Debug, Clone, Default)]
pub struct Participants {
    /// alias (lower-case for `Full`, as written otherwise) -> (kind, author)
    aliases: BTreeMap<String, (Kind, String)>,
    /// Authors whose handle has more than one word, matched as phrases by
    /// `phrase_matcher` (pattern i is `phrase_authors[i]`).
    phrase_authors: Vec<String>,
    /// One automaton for all multi-word handles, built once per thread, so
    /// a lookup costs one pass over the sentence however many people post.
    phrase_matcher: Option<AhoCorasick>,
}

impl Participants {
    /// Nobody: the participants of a text with no thread around it.
    pub const NOBODY: Participants = Participants {
        aliases: BTreeMap::new(),
        phrase_authors: Vec::new(),
        phrase_matcher: None,
    };

    /// Builds aliases for `authors` (duplicates are fine).
    pub fn new<'a>(authors: impl IntoIterator<Item = &'a str>) -> Self {
        let mut candidates: BTreeMap<String, Vec<(Kind, String)>> = BTreeMap::new();
        let mut phrase_authors = Vec::new();
        let mut all: Vec<&str> = authors.into_iter().collect();
        all.sort_unstable();
        all.dedup();
        for author in all {
            let parts = name_parts(author);
            let lower = author.to_lowercase();
            if parts.len() > 1 && author.contains(' ') {
                phrase_authors.push(author.to_owned());
            } else {
                candidates
                    .entry(lower)
                    .or_default()
                    .push((Kind::Full, author.to_owned()));
            }
            if parts.len() > 1 {
                let first = parts[0];
                if first.chars().count() >= MIN_FIRST_NAME {
                    let cap = capitalise(first);
                    candidates
                        .entry(cap)
                        .or_default()
                        .push((Kind::First, author.to_owned()));
                }
                let initials: String = parts
                    .iter()
                    .filter_map(|p| p.chars().next())
                    .flat_map(char::to_uppercase)
                    .collect();
                if !NOT_INITIALS.contains(&initials.as_str()) {
                    candidates
                        .entry(initials)
                        .or_default()
                        .push((Kind::Initials, author.to_owned()));
                }
            }
        }
        let aliases = candidates
            .into_iter()
            .filter_map(|(alias, mut owners)| {
                owners.sort();
                owners.dedup_by(|a, b| a.1 == b.1);
                (owners.len() == 1).then(|| (alias, owners.remove(0)))
            })
            .collect();
        // Case-insensitive for ASCII letters, which is what handles use;
        // building fails only on absurd sizes, and then phrases are skipped
        // rather than failing the run.
        // A contiguous NFA: a thread builds its own automaton, and the
        // default DFA took longer to build than the thread took to score
        // (issue 6); matches do not depend on the kind.
        let phrase_matcher = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .match_kind(MatchKind::LeftmostLongest)
            .build(&phrase_authors)
            .ok()
            .filter(|_| !phrase_authors.is_empty());
        Self {
            aliases,
            phrase_authors,
            phrase_matcher,
        }
    }

    /// Participants named in `text`, other than `me`, with the byte range
    /// of each mention, in text order.
    pub fn mentioned<'p>(&'p self, text: &str, me: Option<&str>) -> Vec<(Range<usize>, &'p str)> {
        let mut out: Vec<(Range<usize>, &'p str)> = Vec::new();
        // A text read alone has nobody to name.
        if self.aliases.is_empty() && self.phrase_matcher.is_none() {
            return out;
        }
        if let Some(ac) = &self.phrase_matcher {
            for m in ac.find_iter(text) {
                if is_word_boundary(text, m.start(), m.end()) {
                    out.push((
                        m.start()..m.end(),
                        &self.phrase_authors[m.pattern().as_usize()],
                    ));
                }
            }
        }
        let phrases = out.len();
        let words = words(text);
        for (k, w) in words.iter().enumerate() {
            let word = &text[w.clone()];
            let hit = self
                .aliases
                .get(&word.to_lowercase())
                .filter(|(kind, _)| *kind == Kind::Full)
                .or_else(|| {
                    self.aliases
                        .get(word)
                        .filter(|(kind, _)| *kind != Kind::Full)
                });
            let Some((kind, author)) = hit else { continue };
            // "Donald Trump" is not Donald Blair Godier: a first name
            // followed by another capitalised word is someone else's name.
            if *kind == Kind::First {
                let next = words.get(k + 1).map(|n| &text[n.clone()]);
                let glued = words
                    .get(k + 1)
                    .is_some_and(|n| text[w.end..n.start].trim().is_empty());
                if glued && next.is_some_and(|n| n.chars().next().is_some_and(char::is_uppercase)) {
                    continue;
                }
            }
            // Inside a full name found above?  Those come first, in text
            // order and apart; words never hold one another.  A search,
            // not a scan: a comment of thousands of names scanned them
            // all for each (issue 27).
            let k = out[..phrases].partition_point(|(r, _)| r.start <= w.start);
            if k > 0 && w.end <= out[k - 1].0.end {
                continue;
            }
            out.push((w.clone(), author));
        }
        out.retain(|(_, a)| Some(*a) != me);
        out.sort_by_key(|(r, _)| r.start);
        out
    }
}

/// Parts of a handle: split on spaces, underscores, dots, digits and
/// lower-to-upper case changes ("TioDon" -> Tio, Don).
fn name_parts(author: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start: Option<usize> = None;
    let mut prev_lower = false;
    for (i, c) in author.char_indices() {
        if !c.is_alphabetic() {
            if let Some(s) = start.take() {
                parts.push(&author[s..i]);
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower {
            if let Some(s) = start.take() {
                parts.push(&author[s..i]);
            }
        }
        if start.is_none() {
            start = Some(i);
        }
        prev_lower = c.is_lowercase();
    }
    if let Some(s) = start {
        parts.push(&author[s..]);
    }
    parts
}

fn capitalise(word: &str) -> String {
    let mut c = word.chars();
    match c.next() {
        Some(f) => f
            .to_uppercase()
            .chain(c.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let in_word = c.is_alphanumeric() || c == '_';
        match (start, in_word) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    let after = text[end..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    before && after
}

#[cfg(test)]
mod tests;
