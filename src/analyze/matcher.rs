//! Word-list matching: which lexicon terms occur in a comment, and where.
//!
//! A [`Lexicon`] holds one list per listed [`Category`] (the files of
//! `data/lexicons/` named in the category table, compiled in, optionally overridden with text the CLI
//! read from `--lexicon-dir`; this module does no IO).  It compiles every
//! term into one Aho-Corasick automaton, once, and [`Lexicon::find`] runs
//! it over the normalised text (`normalize.rs`), so one pass finds all
//! categories.  The lexicon is immutable after building and `Send + Sync`,
//! so rayon workers share one.
//!
//! Rules that decide a match, beyond the automaton:
//! - **Whole words.**  A match must start and end at a word boundary of the
//!   normalised text (the neighbour is not a letter, digit or masked
//!   letter), so "ass" misses "assassin" and "class", "cunt" misses
//!   "Scunthorpe", "cock" misses "cocktail".  The one exception: a spaced-out
//!   run may start with the article "a" or the pronoun "i", so "a f u c k"
//!   (joined to "afuck") still matches "fuck".
//! - **Plurals.**  Each term also matches its regular plural or third
//!   person form (`-s`, `-es`, `-ies`), reported under the listed term.
//! - **Stretching.**  The normaliser collapses runs of three letters to
//!   one, so a term with a double letter also gets a single-letter form
//!   ("ass" -> "as"); that form counts only where a run was collapsed, so
//!   the word "as" never matches "ass" but "asssss" does.
//! - **Masks.**  A word with masked letters ("f**k", "bull*hit", "a**") is
//!   filled in from the one-word terms of the same length whose visible
//!   letters agree, preferring the highest weight, then the
//!   alphabetically first term; multiword terms then match as usual
//!   ("f**k you").
//! - **Names.**  A term tagged `name` ("Dick", "Einstein") is skipped when
//!   it is capitalised and reads as part of a full name: followed by a
//!   capitalised word ("Dick Cheney") or preceded by one that is not an
//!   interjection ("Albert Einstein", but "Hey Einstein" matches).
//! - **Nesting.**  Within one category, a match inside a longer match is
//!   dropped ("fringe idiots" hides "idiots"); across categories both stay
//!   ("piece of shit" is name-calling, "shit" vulgarity).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

pub use super::category::Category;
use super::category::COUNT;
use super::normalize::{normalize, Normalized, Rule};
use super::rule_words::{Marks, WordList, BUILTIN_ALLOW};
use super::target;
use super::words::Words;
use crate::error::{LexiconError, LexiconErrorKind};
use crate::parse::lexicon::{lexicon as parse_lexicon, Entry};
pub use crate::parse::lexicon::{Tag, Tags};
use crate::stable::Fnv;

#[cfg(test)]
mod tests;

/// How a moderator's list combines with the built-in one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverrideMode {
    /// `<category>.txt`: the list replaces the built-in list.
    Replace,
    /// `<category>.add.txt`: the entries are added; an entry for a term
    /// already listed replaces it, and weight 0 removes it.
    Extend,
}

/// A word list read by the caller, to combine with the built-in lists.
#[derive(Debug, Clone, Copy)]
pub struct LexiconFile<'a> {
    /// The category the list belongs to.
    pub category: Category,
    /// Replace or extend the built-in list.
    pub mode: OverrideMode,
    /// The path to show in errors.
    pub path: &'a str,
    /// The file's text.
    pub text: &'a str,
}

impl<'a> LexiconFile<'a> {
    /// Reads category and mode from a file name (`vulgarity.txt`,
    /// `vulgarity.add.txt`); `None` for any other name, which the caller
    /// should report rather than ignore.
    pub fn from_file_name(file_name: &str, path: &'a str, text: &'a str) -> Option<Self> {
        let stem = file_name.strip_suffix(".txt")?;
        let (stem, mode) = match stem.strip_suffix(".add") {
            Some(s) => (s, OverrideMode::Extend),
            None => (stem, OverrideMode::Replace),
        };
        Some(LexiconFile {
            category: Category::from_name(stem)?,
            mode,
            path,
            text,
        })
    }
}

/// One occurrence of a lexicon term in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// The list the term comes from.
    pub category: Category,
    /// The term as the list writes it (not as the text spells it).
    pub term: String,
    /// Start of the matched words, a byte offset in the original text.
    pub start: usize,
    /// End (exclusive) of the matched words, a byte offset in the original
    /// text.
    pub end: usize,
    /// The term's weight, in 0..=1.
    pub weight: f32,
    /// The term's tags.
    pub tags: Tags,
    /// The text disguised the term (masks, leetspeak, stretched or spaced
    /// letters).
    pub obfuscated: bool,
}

impl Match {
    /// The byte range of the match in the original text.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// How a pattern of the automaton relates to its term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Variant {
    Exact,
    Plural,
    /// Double letters single: valid only over a collapsed run.
    Squeezed,
}

#[derive(Debug, Clone, Copy)]
struct Hit {
    term: usize,
    variant: Variant,
}

#[derive(Debug, Clone)]
struct Term {
    category: Category,
    display: String,
    weight: f32,
    tags: Tags,
}

/// The loaded lists, indexed by category (empty for computed ones).
type Lists = [Vec<Loaded>; COUNT];

/// A term as loaded from a list, with its normal form.
#[derive(Debug, Clone)]
struct Loaded {
    key: String,
    entry: Entry,
}

/// The compiled word lists (see the module header for the matching rules).
#[derive(Debug, Clone)]
pub struct Lexicon {
    terms: Vec<Term>,
    automaton: AhoCorasick,
    /// For each pattern id of the automaton, the terms it stands for.
    hits: Vec<Vec<Hit>>,
    /// One-word patterns by length in chars, best candidate first, for
    /// filling in masks.
    masked: BTreeMap<usize, Vec<Vec<char>>>,
    counts: [usize; COUNT],
    version: String,
    /// Words, phrases and names that never count (`allow.txt`).
    allow: WordList,
    /// `allow` is the built-in allow-list alone, which the rule lists'
    /// automaton also holds (`Marks::allow`).
    allow_builtin: bool,
    /// Strong one-word insults, for `misspelt.rs`: normal forms, and
    /// category and tags of each.
    strong: (Vec<String>, Vec<(Category, Tags)>),
    /// `strong` indexed for the spelling-variant matcher (issue 25).
    variants: super::misspelt::Index,
    /// Languages besides English whose word lists were added
    /// (`--lexicon-dir` subfolders, issue 25): comments in them are scored.
    languages: Vec<String>,
    /// A site's surnames of public figures (`figures.txt`) with the
    /// built-in ones; `None`: the built-in list alone.
    surnames: Option<Vec<String>>,
}

impl Lexicon {
    /// The lists in `data/lexicons/`, compiled into the binary.
    pub fn builtin() -> Lexicon {
        // The built-in lists are checked by the unit tests, so this cannot
        // fail in a released binary.
        Lexicon::with_overrides(&[]).expect("built-in lexicon is valid")
    }

    /// The built-in lists combined with `files`, applied in order.
    pub fn with_overrides(files: &[LexiconFile<'_>]) -> Result<Lexicon, Box<LexiconError>> {
        let mut lists: Lists = Default::default();
        for c in Category::listed() {
            let path = format!("<builtin>/{}.txt", c.as_str());
            lists[c.index()] = load(&path, c.def().words.unwrap_or_default())?;
        }
        apply(&mut lists, files)?;
        let mut lexicon = Lexicon::compile(lists)?;
        lexicon.allow = WordList::parse("<builtin>/allow.txt", BUILTIN_ALLOW)?;
        lexicon.allow_builtin = true;
        Ok(lexicon)
    }

    /// Adds a site's allow-list (`allow.txt` in `--lexicon-dir`, or the
    /// file `threadwatch.toml` names): its words, phrases and names never
    /// count, as a word-list match or as a learned word.  The version hash
    /// changes with it.
    pub fn with_allow(mut self, path: &str, text: &str) -> Result<Lexicon, Box<LexiconError>> {
        self.allow.extend(path, text)?;
        self.allow_builtin = false;
        let mut hasher = Fnv::default();
        field(&mut hasher, &self.version);
        field(&mut hasher, "allow");
        field(&mut hasher, text);
        self.version = format!("{:016x}", hasher.finish());
        Ok(self)
    }

    /// Adds a site's surnames of public figures (`figures.txt` in
    /// `--lexicon-dir`: the mayor, the local MP), one capitalised word an
    /// entry.  Like the built-in list, they only say at whom an attack is
    /// aimed ("Okafor is a liar": `public_figure`), never whether words
    /// count.  The version hash changes with them.
    pub fn with_surnames(mut self, path: &str, text: &str) -> Result<Lexicon, Box<LexiconError>> {
        let base = self
            .surnames
            .take()
            .unwrap_or_else(|| target::builtin_surnames().to_vec());
        self.surnames = Some(target::surnames(path, text, base)?);
        let mut hasher = Fnv::default();
        field(&mut hasher, &self.version);
        field(&mut hasher, "figures");
        field(&mut hasher, text);
        self.version = format!("{:016x}", hasher.finish());
        Ok(self)
    }

    /// Surnames that name a public figure wherever they stand, lower-cased
    /// and sorted: the built-in list and the site's.
    pub fn surnames(&self) -> &[String] {
        self.surnames
            .as_deref()
            .unwrap_or_else(|| target::builtin_surnames())
    }

    /// The allow-list.
    pub fn allow(&self) -> &WordList {
        &self.allow
    }

    /// Byte ranges of the allow-list's entries in the text of `words`
    /// (as [`WordList::ranges`]); `marks` are the rule lists found there,
    /// which hold the built-in allow-list, so a lexicon without a site's
    /// allow-list does not scan the text again.
    pub fn allow_ranges(&self, words: &Words, marks: &Marks) -> Vec<Range<usize>> {
        if self.allow_builtin {
            marks.allow.ranges(words)
        } else {
            self.allow.ranges(words)
        }
    }

    /// Strong one-word insults (name-calling and aspersion terms of weight
    /// 0.9 or more, four letters or longer, needing no cue and not names),
    /// as normal forms and (category, tags), for spotting misspellings.
    pub fn strong_words(&self) -> (&[String], &[(Category, Tags)]) {
        (&self.strong.0, &self.strong.1)
    }

    /// Records that word lists for the languages `codes` were added (their
    /// files applied with [`Lexicon::with_overrides`]), so comments in them
    /// are scored (issue 25).  The version hash changes with them.
    pub fn with_languages(mut self, codes: &[String]) -> Lexicon {
        let mut hasher = Fnv::default();
        field(&mut hasher, &self.version);
        for c in codes {
            field(&mut hasher, "language");
            field(&mut hasher, c);
            if !self.languages.contains(c) {
                self.languages.push(c.clone());
            }
        }
        self.version = format!("{:016x}", hasher.finish());
        self
    }

    /// Comments in language `code` (ISO 639-1) are scored: English, or a
    /// language whose word lists were added.
    pub fn scores_language(&self, code: &str) -> bool {
        code == "en" || self.languages.iter().any(|l| l == code)
    }

    /// The strong words indexed for `misspelt.rs` (issue 25).
    pub fn variant_index(&self) -> &super::misspelt::Index {
        &self.variants
    }

    /// Only the given lists (others are empty), each as `(category, text)`.
    pub fn from_texts(lists: &[(Category, &str)]) -> Result<Lexicon, Box<LexiconError>> {
        let paths: Vec<String> = lists
            .iter()
            .map(|(c, _)| format!("{}.txt", c.as_str()))
            .collect();
        let files: Vec<LexiconFile<'_>> = lists
            .iter()
            .zip(&paths)
            .map(|(&(category, text), path)| LexiconFile {
                category,
                mode: OverrideMode::Replace,
                path,
                text,
            })
            .collect();
        let mut loaded: Lists = Default::default();
        apply(&mut loaded, &files)?;
        Lexicon::compile(loaded)
    }

    /// Every term with a positive weight, as `(category, term as listed,
    /// weight, tags)`, in category order and then list order.  The corpus
    /// generator draws its uncivil phrases from here, so generated pages
    /// exercise the lists that are actually matched.
    pub fn entries(&self) -> impl Iterator<Item = (Category, &str, f32, Tags)> + '_ {
        self.terms
            .iter()
            .map(|t| (t.category, t.display.as_str(), t.weight, t.tags))
    }

    /// Number of terms in `category` (plural and other forms not counted).
    pub fn term_count(&self, category: Category) -> usize {
        self.counts[category.index()]
    }

    /// A stable hash of the terms, weights and tags of every list (not of
    /// comments or layout), for run reports: equal hashes mean equal
    /// matching.
    pub fn version_hash(&self) -> String {
        self.version.clone()
    }

    /// Every term occurrence in `text`, sorted by (start, category, end,
    /// term).  Offsets are byte offsets into `text`.
    pub fn find(&self, text: &str) -> Vec<Match> {
        self.find_with_names(text).0
    }

    /// [`Lexicon::find`], and the byte ranges of listed words skipped
    /// because they read as part of a name ("Thanks Dick", "Dick
    /// Cheney"): a name is no reason, so the learned layer does not read
    /// those words either (issue 24).
    pub fn find_with_names(&self, text: &str) -> (Vec<Match>, Vec<Range<usize>>) {
        let mut names: Vec<Range<usize>> = Vec::new();
        let norm = normalize(text);
        let hay = self.unmask(&norm);
        let hay = hay.as_ref();
        let mut found: Vec<(Match, Variant)> = Vec::new();
        for m in self.automaton.find_overlapping_iter(hay) {
            let (s, e) = (m.start(), m.end());
            if !starts_word(hay, &norm, s) || !ends_word(hay, &norm, e) {
                continue;
            }
            let range = norm.original_range(s..e);
            for hit in &self.hits[m.pattern().as_usize()] {
                if hit.variant == Variant::Squeezed && !norm.applied(Rule::Stretch, s..e) {
                    continue;
                }
                let t = &self.terms[hit.term];
                if t.tags.contains(Tag::Name)
                    && reads_as_name(text, range.clone(), t.tags.contains(Tag::Contextual))
                {
                    if !names.contains(&range) {
                        names.push(range.clone());
                    }
                    continue;
                }
                found.push((
                    Match {
                        category: t.category,
                        term: t.display.clone(),
                        start: range.start,
                        end: range.end,
                        weight: t.weight,
                        tags: t.tags,
                        obfuscated: norm.obfuscated(s..e),
                    },
                    hit.variant,
                ));
            }
        }
        (prune(found), names)
    }

    /// Fills in masked words from same-length one-word terms.
    fn unmask<'n>(&self, norm: &'n Normalized) -> Cow<'n, str> {
        let words = norm.masked_words();
        if words.is_empty() {
            return Cow::Borrowed(norm.as_str());
        }
        let mut text = norm.as_str().to_owned();
        for w in words {
            let word: Vec<char> = norm.as_str()[w.clone()].chars().collect();
            if let Some(fill) = self.fill(&word) {
                let fill: String = fill.iter().collect();
                // `fill` only puts ASCII letters where the one-byte '*'s
                // were, so the byte length and the offset map are kept.
                if fill.len() == w.len() {
                    text.replace_range(w, &fill);
                }
            }
        }
        Cow::Owned(text)
    }

    fn fill(&self, word: &[char]) -> Option<&[char]> {
        if !word.iter().any(|c| c.is_alphabetic()) {
            return None;
        }
        let fits = |p: &&Vec<char>| {
            p.iter().zip(word).all(|(&pc, &wc)| {
                if wc == '*' {
                    pc.is_ascii_alphanumeric()
                } else {
                    pc == wc
                }
            })
        };
        self.masked
            .get(&word.len())?
            .iter()
            .find(fits)
            .map(Vec::as_slice)
    }

    fn compile(lists: Lists) -> Result<Lexicon, Box<LexiconError>> {
        let mut terms = Vec::new();
        let mut patterns: BTreeMap<String, Vec<Hit>> = BTreeMap::new();
        let mut counts = [0; COUNT];
        let mut hasher = Fnv::default();
        for c in Category::listed() {
            field(&mut hasher, c.as_str());
            for l in &lists[c.index()] {
                if l.entry.weight <= 0.0 {
                    continue;
                }
                field(&mut hasher, &l.key);
                field(&mut hasher, &format!("{:.3}", l.entry.weight));
                for t in l.entry.tags.iter() {
                    field(&mut hasher, t.as_str());
                }
                counts[c.index()] += 1;
                let term = terms.len();
                terms.push(Term {
                    category: c,
                    display: l.entry.term.clone(),
                    weight: l.entry.weight,
                    tags: l.entry.tags,
                });
                let mut add = |p: String, variant| {
                    patterns.entry(p).or_default().push(Hit { term, variant });
                };
                let plural = plural(&l.key);
                if let Some(s) = squeezed(&l.key) {
                    add(s, Variant::Squeezed);
                }
                if let Some(p) = &plural {
                    if let Some(s) = squeezed(p) {
                        add(s, Variant::Squeezed);
                    }
                    add(p.clone(), Variant::Plural);
                }
                add(l.key.clone(), Variant::Exact);
            }
        }
        let masked = mask_candidates(&patterns, &terms);
        let mut strong = (Vec::new(), Vec::new());
        // Issue 25: vulgarity too, so "fcuk" and "shti" are read.
        for c in [
            Category::NAME_CALLING,
            Category::ASPERSION,
            Category::VULGARITY,
        ] {
            for l in &lists[c.index()] {
                let t = l.entry.tags;
                if l.entry.weight >= 0.9
                    && l.key.len() >= 4
                    && l.key.chars().all(|ch| ch.is_ascii_lowercase())
                    && !t.contains(Tag::Contextual)
                    && !t.contains(Tag::Name)
                {
                    strong.0.push(l.key.clone());
                    strong.1.push((c, t));
                }
            }
        }
        let (keys, hits): (Vec<String>, Vec<Vec<Hit>>) = patterns.into_iter().unzip();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&keys)
            .map_err(|e| {
                Box::new(LexiconError {
                    path: "<lexicon>".to_owned(),
                    line: 1,
                    column: 1,
                    kind: LexiconErrorKind::Syntax {
                        expected: "word lists small enough to compile",
                        found: e.to_string(),
                    },
                    source_line: String::new(),
                })
            })?;
        Ok(Lexicon {
            terms,
            automaton,
            hits,
            masked,
            counts,
            version: format!("{:016x}", hasher.finish()),
            allow: WordList::default(),
            allow_builtin: false,
            variants: super::misspelt::Index::new(&strong.0),
            strong,
            languages: Vec::new(),
            surnames: None,
        })
    }
}

/// Parses one list and checks its terms: normal form valid, no duplicate.
fn load(path: &str, text: &str) -> Result<Vec<Loaded>, Box<LexiconError>> {
    let entries = parse_lexicon(path, text)?;
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    let mut out = Vec::with_capacity(entries.len());
    for entry in entries {
        let err = |kind| {
            let source_line = text
                .trim_start_matches('\u{feff}')
                .lines()
                .nth(entry.line as usize - 1)
                .unwrap_or("")
                .to_owned();
            Box::new(LexiconError {
                path: path.to_owned(),
                line: entry.line,
                column: entry.column,
                kind,
                source_line,
            })
        };
        let key = normalize(&entry.term).as_str().trim().to_owned();
        let valid = key.starts_with(char::is_alphanumeric)
            && key.ends_with(char::is_alphanumeric)
            && !key.contains('*');
        if !valid {
            return Err(err(LexiconErrorKind::Term {
                found: entry.term.clone(),
            }));
        }
        if let Some(&first_line) = seen.get(&key) {
            return Err(err(LexiconErrorKind::Duplicate {
                term: entry.term.clone(),
                first_line,
            }));
        }
        seen.insert(key.clone(), entry.line);
        out.push(Loaded { key, entry });
    }
    Ok(out)
}

/// Applies moderator files to the lists, in order.
fn apply(lists: &mut Lists, files: &[LexiconFile<'_>]) -> Result<(), Box<LexiconError>> {
    for f in files {
        let loaded = load(f.path, f.text)?;
        let list = &mut lists[f.category.index()];
        match f.mode {
            OverrideMode::Replace => *list = loaded,
            OverrideMode::Extend => {
                for l in loaded {
                    match list.iter_mut().find(|old| old.key == l.key) {
                        Some(old) => *old = l,
                        None => list.push(l),
                    }
                }
            }
        }
    }
    Ok(())
}

/// One-word exact and plural patterns grouped by length, best first:
/// highest weight, then alphabetical.
fn mask_candidates(
    patterns: &BTreeMap<String, Vec<Hit>>,
    terms: &[Term],
) -> BTreeMap<usize, Vec<Vec<char>>> {
    let mut ranked: BTreeMap<usize, Vec<(u32, &str)>> = BTreeMap::new();
    for (p, hits) in patterns {
        if p.contains(' ') {
            continue;
        }
        let best = hits
            .iter()
            .filter(|h| h.variant != Variant::Squeezed)
            .map(|h| terms[h.term].weight)
            .fold(None, |m: Option<f32>, w| Some(m.map_or(w, |m| m.max(w))));
        if let Some(w) = best {
            // Weights are in 0..=1; thousandths order them exactly enough.
            let rank = 1000 - (w * 1000.0).round() as u32;
            ranked.entry(p.chars().count()).or_default().push((rank, p));
        }
    }
    ranked
        .into_iter()
        .map(|(n, mut v)| {
            v.sort_unstable();
            (n, v.into_iter().map(|(_, p)| p.chars().collect()).collect())
        })
        .collect()
}

/// The regular plural (or third person) of a term's last word.
fn plural(key: &str) -> Option<String> {
    let last = key.chars().last()?;
    if !last.is_ascii_lowercase() {
        return None;
    }
    let before = key.chars().rev().nth(1);
    Some(
        if key.ends_with(['s', 'x', 'z']) || key.ends_with("ch") || key.ends_with("sh") {
            format!("{key}es")
        } else if last == 'y' && before.is_some_and(|b| !"aeiou".contains(b)) {
            format!("{}ies", &key[..key.len() - 1])
        } else {
            format!("{key}s")
        },
    )
}

/// The term with double letters made single, if it has any.
fn squeezed(key: &str) -> Option<String> {
    let mut out = String::with_capacity(key.len());
    for c in key.chars() {
        if !(c.is_alphabetic() && out.ends_with(c)) {
            out.push(c);
        }
    }
    (out.len() != key.len()).then_some(out)
}

fn is_word_char(norm: &Normalized, at: usize, c: char) -> bool {
    c.is_alphanumeric() || (c == '*' && norm.applied(Rule::Mask, at..at + 1))
}

fn starts_word(hay: &str, norm: &Normalized, s: usize) -> bool {
    let Some(c) = hay[..s].chars().next_back() else {
        return true;
    };
    let p = s - c.len_utf8();
    if !is_word_char(norm, p, c) {
        return true;
    }
    // "a f u c k" joins to "afuck": the article may lead a spaced run.
    matches!(c, 'a' | 'i')
        && norm.applied(Rule::Spaced, p..s)
        && norm.applied(Rule::Spaced, s..s + 1)
        && hay[..p]
            .chars()
            .next_back()
            .is_none_or(|b| !is_word_char(norm, p - b.len_utf8(), b))
}

fn ends_word(hay: &str, norm: &Normalized, e: usize) -> bool {
    hay[e..]
        .chars()
        .next()
        .is_none_or(|c| !is_word_char(norm, e, c))
}

/// Words that may precede a capitalised insult without making it a name.
const OPENERS: &[&str] = &[
    "hey", "hi", "hello", "yo", "ok", "okay", "well", "listen", "look", "yes", "no", "sorry",
    "thanks", "oh", "so", "you", "and", "but", "right", "sure", "nice", "good", "great", "wow",
    "what", "a", "the", "like", "some", "real",
];

/// Words before a capitalised listed word that make it an insult, not a
/// name ("you Dick", "what a Dick", "such a Moran").
const INSULT_LEADS: &[&str] = &[
    "a", "an", "the", "you", "your", "ur", "u", "ya", "what", "such", "like", "real", "big",
    "total", "complete", "absolute", "utter", "some", "this", "that", "little", "fucking",
    "bloody", "damn", "massive", "huge", "stupid", "are", "is", "ure", "youre", "you're",
];

/// A capitalised match in a full name: "Dick Cheney", "Albert Einstein";
/// and, for a name that is not a sarcastic nickname (`contextual`), one
/// capitalised inside its sentence and not after an insult's lead word
/// ("Thanks Dick, good point.", "My neighbour Dick fixed the fence.",
/// issue 24).
fn reads_as_name(text: &str, range: Range<usize>, contextual: bool) -> bool {
    if !contextual && inside_sentence_name(text, &range) {
        return true;
    }
    let word = &text[range.clone()];
    let mut chars = word.chars();
    let title = chars.next().is_some_and(char::is_uppercase) && !chars.any(char::is_uppercase);
    if !title {
        return false;
    }
    let after = &text[range.end..];
    let after_trimmed = after.trim_start_matches(' ');
    if after_trimmed.len() < after.len() && after_trimmed.starts_with(char::is_uppercase) {
        return true;
    }
    let before = &text[..range.start];
    let before_trimmed = before.trim_end_matches([' ', '-']);
    if before_trimmed.len() == before.len() {
        return false;
    }
    let prev_start = before_trimmed
        .trim_end_matches('.')
        .trim_end_matches(char::is_alphabetic)
        .len();
    let prev = before_trimmed[prev_start..].trim_end_matches('.');
    prev.starts_with(char::is_uppercase) && !OPENERS.contains(&prev.to_lowercase().as_str())
}

/// A title-case `range` inside its sentence whose previous word is not an
/// insult's lead word.
fn inside_sentence_name(text: &str, range: &Range<usize>) -> bool {
    let word = &text[range.clone()];
    let mut chars = word.chars();
    let title = chars.next().is_some_and(char::is_uppercase) && !chars.any(char::is_uppercase);
    if !title {
        return false;
    }
    let before = text[..range.start].trim_end_matches([' ', ',']);
    let Some(last) = before.chars().next_back() else {
        return false;
    };
    if !last.is_alphabetic() && last != '\'' {
        return false;
    }
    let start = before
        .trim_end_matches(|c: char| c.is_alphabetic() || c == '\'')
        .len();
    let prev = before[start..].to_lowercase();
    !INSULT_LEADS.contains(&prev.as_str())
}

/// Drops matches nested in a longer match of the same category (and exact
/// duplicates), then sorts by (start, category, end, term).
fn prune(mut found: Vec<(Match, Variant)>) -> Vec<Match> {
    found.sort_by(|(a, va), (b, vb)| {
        (a.category, a.start, std::cmp::Reverse(a.end), va, &a.term).cmp(&(
            b.category,
            b.start,
            std::cmp::Reverse(b.end),
            vb,
            &b.term,
        ))
    });
    let mut out: Vec<Match> = Vec::with_capacity(found.len());
    let mut reach: Option<(Category, usize)> = None;
    for (m, _) in found {
        if let Some((c, end)) = reach {
            if c == m.category && m.end <= end {
                continue;
            }
        }
        let end = match reach {
            Some((c, end)) if c == m.category => end.max(m.end),
            _ => m.end,
        };
        reach = Some((m.category, end));
        out.push(m);
    }
    out.sort_by(|a, b| {
        (a.start, a.category, a.end, &a.term).cmp(&(b.start, b.category, b.end, &b.term))
    });
    out
}

/// One field of the version stamp, ended by a byte no UTF-8 text holds,
/// so ("ab", "c") and ("a", "bc") differ.
fn field(hasher: &mut Fnv, s: &str) {
    hasher.write(s.as_bytes());
    hasher.write(&[0xff]);
}
