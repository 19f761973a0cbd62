//! Whose words are these: quoted speech, reported speech and self-talk
//! (issue 14).
//!
//! A moderator judges what the writer says to or about someone, not what
//! the writer quotes, reports or says about themselves.  These rules find
//! the byte ranges that are not the writer's own attack, so the scorer
//! keeps their flagged words as evidence under a label and neither counts
//! them nor lets the learned layer read them:
//! - **quoted**: lines starting with `>` (the convention of mail and
//!   forums), and text in quotation marks ("...", “...”, '...') of two or
//!   more words, or of one word right after a speech verb ("called a
//!   "liar""); a lone word in quotes elsewhere is a scare quote, which is
//!   the writer's own;
//! - **reported**: what someone else called someone ("he called me an
//!   idiot", "she called my son a moron", "accused me of lying"), and
//!   reproaches ("you shouldn't call them thugs", "don't call people
//!   idiots"); the writer's own naming ("I call you an idiot", "he is right
//!   to call you a liar") stays theirs;
//! - **self**: the writer about themselves ("I'm so stupid", "I was an
//!   idiot to trust him", "call me a fool", "what an idiot I am");
//! - **reported** too: a judgement of an act of speech ("Saying "go back
//!   where you came from" is disgusting", "Telling women to smile is
//!   creepy"), which is about what was said, not at a person.

use std::ops::Range;

use super::rule_words::{Marks, Trigger};
use super::words::Words;

/// Why a range is not the writer's own attack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Voice {
    /// A slur reclaimed in the first person, from `civil_use.rs` (first:
    /// it outranks self-talk, which keeps a slur a slur).
    Reclaimed,
    /// A word that is also a slur, in its ordinary sense (`civil_use.rs`).
    Sense,
    /// Counter-speech: hate reported to condemn it (`civil_use.rs`).
    Counter,
    /// Quoted words.
    Quoted,
    /// Reported or reproached speech.
    Reported,
    /// The writer about themselves.
    OwnSelf,
    /// Negated ("not an idiot"), from `negation.rs`.
    Negated,
    /// Violence done to a thing ("kill the bill"), from `threat.rs`.
    Hyperbole,
    /// Allow-listed names and places.
    Allowed,
    /// Animals called what they are ("Rats are vermin"), from
    /// `literal.rs`.
    Literal,
}

impl Voice {
    /// The evidence label.
    pub fn label(self) -> &'static str {
        match self {
            Voice::Quoted => "quoted",
            Voice::Reported => "reported",
            Voice::OwnSelf => "self",
            Voice::Negated => "negated",
            Voice::Hyperbole => "hyperbole",
            Voice::Allowed => "allowed",
            Voice::Literal => "literal",
            Voice::Reclaimed => "reclaimed",
            Voice::Sense => "ordinary sense",
            Voice::Counter => "counter-speech",
        }
    }
}

/// A range that is not the writer's own attack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Neutral {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Why.
    pub voice: Voice,
}

/// Words after which a one-word quote is a citation, not a scare quote.
const SPEECH: &[&str] = &[
    "call", "calls", "called", "calling", "said", "say", "says", "saying", "word", "words", "term",
    "a", "an", "as", "named", "label", "labelled", "labeled", "wrote", "yelled", "shouted", "like",
];

/// Verbs of naming someone something.
pub(super) const NAMING: &[&str] = &[
    "call", "calls", "called", "calling", "named", "labelled", "labeled", "branded", "dubbed",
];

/// Verbs of accusing someone of something.
pub(super) const ACCUSING: &[&str] = &["accuse", "accuses", "accused", "accusing"];

/// Words between a subject and its verb that do not change who speaks.
const AUXILIARY: &[&str] = &[
    "keeps",
    "kept",
    "keep",
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "been",
    "be",
    "always",
    "just",
    "even",
    "also",
    "then",
    "still",
    "once",
    "often",
    "actually",
    "literally",
    "really",
    "would",
    "will",
    "could",
    "can",
    "might",
    "did",
    "does",
    "do",
    "'s",
    "again",
];

/// Words that make naming a reproach ("shouldn't call", "stop calling").
const REPROACH: &[&str] = &[
    "not",
    "never",
    "don't",
    "dont",
    "shouldn't",
    "shouldnt",
    "stop",
    "quit",
    "can't",
    "cannot",
    "won't",
    "mustn't",
    "please",
    "wrong",
    "unfair",
    "nobody",
    "no",
];

/// Words before "to call" that endorse the naming ("right to call you").
const ENDORSE: &[&str] = &["right", "fair", "correct", "accurate", "fine", "ok", "okay"];

/// Pronoun objects that end a self-description ("I'm sick of you").
const OTHERS: &[&str] = &[
    "you", "your", "you're", "he", "him", "his", "she", "her", "they", "them", "their", "these",
    "those", "people", "everyone", "of", "with", "at", "by", "for", "about", "than", "but", "and",
    "because",
];

/// First words after "I'm" that start an action, not a self-description.
const NOT_SELF: &[&str] = &[
    "gonna", "about", "to", "not", "coming", "off", "out", "done",
];

/// The first words of the frames of [`self_talk`] ("I'm", "I am", "I've
/// been", "call me", "what an idiot I am"): its trigger words.
pub(super) const SELF_OPENERS: &[&str] = &["i'm", "im", "i", "i've", "ive", "call", "what"];

/// Gerunds of speaking that open a sentence judging what was said
/// ("Saying ... is disgusting"): its trigger words.
pub(super) const SPEAKING: &[&str] = &[
    "saying", "calling", "telling", "writing", "posting", "shouting", "yelling", "using",
];

/// Copulas between an act of speech and the judgement of it.
const JUDGED: &[&str] = &["is", "was", "isn't", "wasn't"];

/// Words that start another clause, ending a reported one.
const CLAUSE: &[&str] = &[
    "but", "and", "because", "which", "who", "so", "when", "while",
];

/// Every range of `text` that is quoted, reported or self-talk; `rules`
/// says which words can start a frame.
pub fn neutral(text: &str, words: &Words, rules: &Marks) -> Vec<Neutral> {
    let mut out = Vec::new();
    quoted(text, words, &mut out);
    reported(words, rules, &mut out);
    self_talk(words, rules, &mut out);
    judged_speech(words, rules, &mut out);
    out
}

/// "Saying "go back where you came from" is disgusting": a sentence that
/// opens with an act of speech and judges it after a copula outside any
/// quotation; the judgement (to the end of its clause, four words at
/// most) is about the words, not the writer's attack on a person.
fn judged_speech(words: &Words, rules: &Marks, out: &mut Vec<Neutral>) {
    if !rules.any(Trigger::SPEAKING) {
        return;
    }
    for k in 0..words.len() {
        if !rules.is(k, Trigger::SPEAKING) {
            continue;
        }
        let Some(sentence) = words.get(k).map(|w| w.sentence) else {
            continue;
        };
        if k > 0 && words.get(k - 1).is_some_and(|w| w.sentence == sentence) {
            continue;
        }
        let quoted = |j: usize| {
            let r = words.get(j).map_or(0..0, |w| w.range.clone());
            out.iter().any(|n| {
                n.voice == Voice::Quoted && n.range.start <= r.start && r.end <= n.range.end
            })
        };
        let copula = (k + 1..words.len())
            .take_while(|&j| words.get(j).is_some_and(|w| w.sentence == sentence))
            .find(|&j| words.is(j, JUDGED) && !quoted(j));
        let Some(j) = copula else { continue };
        let end = clause_end(words, |_| false, j + 1, 4);
        let end = (j + 1..end)
            .find(|&e| e > j + 1 && (gap_before(words, e) || words.is(e, CLAUSE)))
            .unwrap_or(end);
        if end > j + 1 {
            out.push(Neutral {
                range: words.span(j + 1, end - 1),
                voice: Voice::Reported,
            });
        }
    }
}

/// `>` lines and quotation marks.
fn quoted(text: &str, words: &Words, out: &mut Vec<Neutral>) {
    if !may_quote(text) {
        return;
    }
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with('>') {
            out.push(Neutral {
                range: at..at + line.trim_end().len(),
                voice: Voice::Quoted,
            });
        }
        at += line.len();
    }
    for (inner, outer) in marks(text) {
        let first = words.index_at(inner.start);
        let mut n = 0;
        while words
            .get(first + n)
            .is_some_and(|w| w.range.end <= inner.end)
        {
            n += 1;
        }
        let cited = first > 0
            && words
                .get(first - 1)
                .is_some_and(|w| w.range.end <= outer.start)
            && SPEECH.contains(&words.lower(first - 1));
        if n >= 2 || (n == 1 && cited) {
            out.push(Neutral {
                range: outer,
                voice: Voice::Quoted,
            });
        }
    }
}

/// The text has a `>` or a mark that could open a quotation (`marks`):
/// `"`, `“`, `‘`, or a `'` at the start or after a character that is not
/// a letter or digit.  An apostrophe after a letter ("don't", "cops'")
/// never opens one, and most texts have no other mark, so one pass over
/// the bytes spares them the rest.
fn may_quote(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().enumerate().any(|(i, &c)| match c {
        b'>' | b'"' => true,
        b'\'' => !text[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric),
        // The UTF-8 of U+201C and U+2018.
        0xE2 => b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x9C | 0x98)),
        _ => false,
    })
}

/// Spans between matching quotation marks, as (inner, outer) byte ranges.
/// A single quote opens only after a space or start and before a letter,
/// and closes only after a letter or punctuation and before a non-letter,
/// so apostrophes ("don't", "cops'") never open or close one.
fn marks(text: &str) -> Vec<(Range<usize>, Range<usize>)> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let closers: &[char] = match c {
            '"' => &['"'],
            '\u{201c}' => &['\u{201d}', '"'],
            '\u{2018}' => &['\u{2019}'],
            '\'' => &['\''],
            _ => {
                i += 1;
                continue;
            }
        };
        let single = matches!(c, '\'' | '\u{2018}');
        // A doubled straight quote ("") is a CSV escape, not a quotation:
        // exports are full of them.
        // A run of quote marks ("" in exports, triple quotes in wiki
        // markup) and a mark that opens the text (an export wrapping it)
        // are not quotations.
        let mark = |k: usize| chars.get(k).is_some_and(|(_, n)| matches!(n, '"' | '\''));
        if mark(i + 1) || (i > 0 && mark(i - 1)) || (i == 0 && c == '"') {
            i += 1;
            continue;
        }
        let before_ok = i == 0 || !chars[i - 1].1.is_alphanumeric();
        let after_ok = chars
            .get(i + 1)
            .is_some_and(|(_, n)| n.is_alphabetic() || (!single && !n.is_whitespace()));
        if !(before_ok && after_ok) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut found = None;
        while j < chars.len() {
            let (_, d) = chars[j];
            if d == '\n' && chars.get(j + 1).is_some_and(|(_, n)| *n == '\n') {
                break;
            }
            let doubled = d == '"' && chars.get(j + 1).is_some_and(|(_, n)| *n == '"');
            if closers.contains(&d) && !doubled {
                let next_ok = !single || chars.get(j + 1).is_none_or(|(_, n)| !n.is_alphanumeric());
                if next_ok {
                    found = Some(j);
                    break;
                }
            }
            j += 1;
        }
        match found {
            Some(j) => {
                let (close, d) = chars[j];
                out.push((start + c.len_utf8()..close, start..close + d.len_utf8()));
                i = j + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// The end (exclusive word index) of a short complement starting at `i`:
/// up to `max` words, stopping at the sentence end and at a comma.
fn clause_end(words: &Words, text_gap: impl Fn(usize) -> bool, i: usize, max: usize) -> usize {
    let Some(w) = words.get(i) else { return i };
    let mut end = i;
    while end < i + max && words.get(end).is_some_and(|x| x.sentence == w.sentence) {
        end += 1;
        if text_gap(end) {
            break;
        }
    }
    end
}

/// "He called me an idiot", "you shouldn't call them thugs".
fn reported(words: &Words, rules: &Marks, out: &mut Vec<Neutral>) {
    if !rules.any(Trigger::REPORTING) {
        return;
    }
    for v in 0..words.len() {
        if !rules.is(v, Trigger::REPORTING) {
            continue;
        }
        let naming = words.is(v, NAMING);
        let accusing = words.is(v, ACCUSING);
        if !naming && !accusing {
            continue;
        }
        let sentence = words.get(v).map_or(0, |w| w.sentence);
        // Who speaks: the word before the verb, past auxiliaries.
        let mut s = v;
        let mut reproach = false;
        let mut endorsed = false;
        while s > 0 {
            let w = words.lower_in(s - 1, sentence);
            if w.is_empty() {
                break;
            }
            if REPROACH.contains(&w) {
                reproach = true;
            }
            if w == "to" {
                endorsed = ENDORSE.contains(&words.lower_in(s.saturating_sub(2), sentence));
                reproach |= !endorsed;
                break;
            }
            if AUXILIARY.contains(&w) || REPROACH.contains(&w) {
                s -= 1;
                continue;
            }
            break;
        }
        let subject = if s > 0 {
            words.lower_in(s - 1, sentence)
        } else {
            ""
        };
        let object = words.lower_in(v + 1, sentence);
        let about_me = matches!(object, "me" | "us" | "myself");
        let own = !reproach && (endorsed || (matches!(subject, "i" | "we") && !about_me));
        // "Call me a fool" is the writer about themselves (`self_talk`);
        // "called a "liar"" is a quotation.
        let order = subject.is_empty() && about_me;
        // "It is called the Electoral College" gives a thing its name.
        let name_of_thing = matches!(subject, "it" | "this" | "that" | "which" | "what");
        if own || order || name_of_thing || object.is_empty() || gap_before(words, v + 1) {
            continue;
        }
        // The object (a pronoun or up to three words) and what it is
        // called, to the end of the clause.
        let end = clause_end(words, |_| false, v + 1, 6);
        let end = (v + 1..end)
            .find(|&k| k > v + 1 && (gap_before(words, k) || words.is(k, CLAUSE)))
            .unwrap_or(end);
        // "called a "liar"": the quotation holds the name, not "a".
        if end == v + 2 && matches!(object, "a" | "an" | "the") {
            continue;
        }
        out.push(Neutral {
            range: words.span(v + 1, end - 1),
            voice: Voice::Reported,
        });
    }
}

/// A comma or other punctuation separates word `k` from the word before.
fn gap_before(words: &Words, k: usize) -> bool {
    match (words.get(k.wrapping_sub(1)), words.get(k)) {
        (Some(a), Some(b)) => b.range.start > a.range.end + 1,
        _ => true,
    }
}

/// "I'm so stupid", "I was an idiot to trust him", "call me a fool",
/// "what an idiot I am".
fn self_talk(words: &Words, rules: &Marks, out: &mut Vec<Neutral>) {
    if !rules.any(Trigger::SELF_TALK) {
        return;
    }
    for i in 0..words.len() {
        if !rules.is(i, Trigger::SELF_TALK) {
            continue;
        }
        let sentence = words.get(i).map_or(0, |w| w.sentence);
        let at = |k: usize| words.lower_in(k, sentence);
        let start = match at(i) {
            "i'm" | "im" => Some(i + 1),
            "i" if matches!(at(i + 1), "am" | "was" | "feel" | "felt" | "must") => {
                Some(i + 2 + usize::from(at(i + 2) == "be"))
            }
            "i've" | "ive" if at(i + 1) == "been" => Some(i + 2),
            "call"
                if matches!(at(i + 1), "me" | "us")
                    && (i == 0 || words.get(i - 1).is_some_and(|w| w.sentence != sentence)) =>
            {
                Some(i + 2)
            }
            "what" if matches!(at(i + 1), "a" | "an") => {
                // "what an idiot I am": the self comes after.
                let name_end = i + 3;
                let me = matches!(
                    (at(name_end), at(name_end + 1)),
                    ("i", "am" | "was") | ("i'm", _)
                );
                if me {
                    out.push(Neutral {
                        range: words.span(i, name_end - 1),
                        voice: Voice::OwnSelf,
                    });
                }
                None
            }
            _ => None,
        };
        let Some(start) = start else { continue };
        let first = at(start);
        // "I'm going to ...", "I was talking to ...": an action, not a
        // description of the writer.
        if first.is_empty() || first.ends_with("ing") || NOT_SELF.contains(&first) {
            continue;
        }
        let mut end = start;
        while end < start + 4
            && !at(end).is_empty()
            && !OTHERS.contains(&at(end))
            && (end == start || !gap_before(words, end))
        {
            end += 1;
        }
        if end > start {
            out.push(Neutral {
                range: words.span(start, end - 1),
                voice: Voice::OwnSelf,
            });
        }
    }
}

#[cfg(test)]
mod tests;
