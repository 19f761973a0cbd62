//! Words of one text, lower-cased once, for the rule modules (issue 14).
//!
//! The rules (`speech.rs`, `threat.rs`, `hate.rs`, `negation.rs`,
//! `reason.rs`) read a text as a sequence of words with their byte ranges
//! and sentence numbers, and compare them with short word lists.  Folding
//! the text once here, into one buffer, keeps that to a few instructions a
//! byte instead of one allocation per word per rule.  Apostrophes stay in
//! words ("don't", "i'm"; a curly one is read as straight), other
//! punctuation ends them, and `.`, `!`, `?`, `;`, `…` and line breaks end
//! sentences.

use std::ops::Range;

/// Separates words in [`Words::hay`].
pub const SEP: char = '\u{1}';

/// Separates sentences in [`Words::hay`].
pub const BREAK: char = '\u{2}';

/// One word of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte range in the original text.
    pub range: Range<usize>,
    /// Range of its lower-cased form in [`Words::folded`].
    lower: Range<usize>,
    /// Sentence number, from 0.
    pub sentence: u32,
    /// Starts with an upper-case letter.
    pub capital: bool,
    /// Two or more letters, all upper-case (an acronym or shouting).
    pub shouted: bool,
}

/// The words of a text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words {
    words: Vec<Word>,
    folded: String,
}

impl Words {
    /// Splits `text` into words.
    pub fn of(text: &str) -> Words {
        if text.is_ascii() {
            Words::of_ascii(text.as_bytes())
        } else {
            Words::of_any(text)
        }
    }

    /// [`Words::of`] for ASCII text, a byte at a time: most comments are
    /// ASCII, and this is a third of the rule layer's cost otherwise.  It
    /// must split exactly as [`Words::of_any`] (a unit test compares them).
    fn of_ascii(text: &[u8]) -> Words {
        // About one word in five bytes: room for most texts at once.
        let mut words = Vec::with_capacity(text.len() / 4 + 1);
        let mut folded: Vec<u8> = Vec::with_capacity(text.len() + 8);
        folded.push(SEP as u8);
        let mut sentence = 0u32;
        let mut start: Option<(usize, usize)> = None;
        let mut apostrophe = false;
        let mut apostrophe_at = 0;
        let mut ended = false;
        for (at, &b) in text.iter().enumerate() {
            if b.is_ascii_alphanumeric() || (b == b'*' && start.is_some()) {
                if start.is_none() {
                    if ended && !words.is_empty() {
                        folded.push(BREAK as u8);
                        folded.push(SEP as u8);
                    }
                    ended = false;
                    start = Some((at, folded.len()));
                } else if apostrophe {
                    apostrophe = false;
                    folded.push(b'\'');
                }
                folded.push(b.to_ascii_lowercase());
                continue;
            }
            if b == b'\'' && start.is_some() && !apostrophe {
                apostrophe = true;
                apostrophe_at = at;
                continue;
            }
            if let Some((s, l)) = start.take() {
                let end = if apostrophe { apostrophe_at } else { at };
                words.push(ascii_word(text, s..end, l..folded.len(), sentence));
                folded.push(SEP as u8);
            }
            apostrophe = false;
            if matches!(b, b'.' | b'!' | b'?' | b';' | b'\n') && !ended {
                ended = true;
                if !words.is_empty() {
                    sentence += 1;
                }
            }
        }
        if let Some((s, l)) = start {
            let end = if apostrophe {
                apostrophe_at
            } else {
                text.len()
            };
            words.push(ascii_word(text, s..end, l..folded.len(), sentence));
            folded.push(SEP as u8);
        }
        // Only ASCII bytes were pushed.
        let folded = String::from_utf8(folded).unwrap_or_default();
        Words { words, folded }
    }

    /// [`Words::of`] for any text.
    fn of_any(text: &str) -> Words {
        let mut words = Vec::with_capacity(text.len() / 4 + 1);
        // Each word between two `SEP`s, sentences apart by `BREAK`, so a
        // word list's automaton matches whole words and phrases never span
        // two sentences (`rule_words.rs`).
        let mut folded = String::with_capacity(text.len() + 8);
        folded.push(SEP);
        let mut sentence = 0u32;
        let mut start: Option<(usize, usize)> = None;
        // An apostrophe after a letter joins the word only if a letter
        // follows ("don't"; not "cops'").
        let mut apostrophe: Option<usize> = None;
        let mut ended = false;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let (c, len) = if b.is_ascii() {
                (char::from(b), 1)
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                (c, c.len_utf8())
            };
            let at = i;
            i += len;
            if c.is_alphanumeric() || (c == '*' && start.is_some()) {
                if start.is_none() {
                    if ended && !words.is_empty() {
                        folded.push(BREAK);
                        folded.push(SEP);
                    }
                    ended = false;
                    start = Some((at, folded.len()));
                } else if apostrophe.take().is_some() {
                    folded.push('\'');
                }
                if b.is_ascii() {
                    folded.push(char::from(b.to_ascii_lowercase()));
                } else {
                    folded.extend(c.to_lowercase());
                }
                continue;
            }
            if matches!(c, '\'' | '\u{2019}') && start.is_some() && apostrophe.is_none() {
                apostrophe = Some(at);
                continue;
            }
            if let Some((s, l)) = start.take() {
                let end = apostrophe.take().unwrap_or(at);
                words.push(word(text, s..end, l..folded.len(), sentence));
                folded.push(SEP);
            }
            apostrophe = None;
            if matches!(c, '.' | '!' | '?' | ';' | '\n' | '\u{2026}') && !ended {
                ended = true;
                if !words.is_empty() {
                    sentence += 1;
                }
            }
        }
        if let Some((s, l)) = start {
            let end = apostrophe.unwrap_or(text.len());
            words.push(word(text, s..end, l..folded.len(), sentence));
            folded.push(SEP);
        }
        Words { words, folded }
    }

    /// The lower-cased words, each between two `SEP`s, with `BREAK`
    /// between sentences: what the word-list automata scan.
    pub fn hay(&self) -> &str {
        &self.folded
    }

    /// The word whose lower-cased form starts at byte `at` of [`hay`].
    ///
    /// [`hay`]: Words::hay
    pub fn at_hay(&self, at: usize) -> Option<usize> {
        self.words.binary_search_by(|w| w.lower.start.cmp(&at)).ok()
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when the text has no word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Word `i`.
    pub fn get(&self, i: usize) -> Option<&Word> {
        self.words.get(i)
    }

    /// Every word, in text order.
    pub fn iter(&self) -> std::slice::Iter<'_, Word> {
        self.words.iter()
    }

    /// Word `i` lower-cased, or "" past either end.
    pub fn lower(&self, i: usize) -> &str {
        self.words
            .get(i)
            .map_or("", |w| &self.folded[w.lower.clone()])
    }

    /// Word `i` lower-cased when it is in sentence `sentence`, else "".
    pub fn lower_in(&self, i: usize, sentence: u32) -> &str {
        match self.words.get(i) {
            Some(w) if w.sentence == sentence => &self.folded[w.lower.clone()],
            _ => "",
        }
    }

    /// Word `i` is one of `list`.
    pub fn is(&self, i: usize, list: &[&str]) -> bool {
        let w = self.lower(i);
        !w.is_empty() && list.contains(&w)
    }

    /// The words from `at` on (in the same sentence) spell `phrase`, which
    /// is lower-case words separated by single spaces; returns the index
    /// after the phrase.
    pub fn phrase_at(&self, at: usize, phrase: &str) -> Option<usize> {
        let sentence = self.words.get(at)?.sentence;
        let mut i = at;
        for p in phrase.split(' ') {
            if self.lower_in(i, sentence) != p {
                return None;
            }
            i += 1;
        }
        Some(i)
    }

    /// The byte range from the start of word `from` to the end of word
    /// `to` (inclusive).
    pub fn span(&self, from: usize, to: usize) -> Range<usize> {
        self.words[from].range.start..self.words[to].range.end
    }

    /// The index of the first word that starts at or after byte `at`.
    pub fn index_at(&self, at: usize) -> usize {
        self.words.partition_point(|w| w.range.start < at)
    }
}

/// [`word`] for ASCII text.
fn ascii_word(text: &[u8], range: Range<usize>, lower: Range<usize>, sentence: u32) -> Word {
    let s = &text[range.clone()];
    let capital = s.first().is_some_and(u8::is_ascii_uppercase);
    let shouted = capital
        && s.iter()
            .filter(|b| b.is_ascii_alphabetic())
            .nth(1)
            .is_some()
        && !s.iter().any(u8::is_ascii_lowercase);
    Word {
        range,
        lower,
        sentence,
        capital,
        shouted,
    }
}

fn word(text: &str, range: Range<usize>, lower: Range<usize>, sentence: u32) -> Word {
    let s = &text[range.clone()];
    let capital = s.chars().next().is_some_and(char::is_uppercase);
    let shouted = capital
        && s.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()
        && !s.chars().any(char::is_lowercase);
    Word {
        range,
        lower,
        sentence,
        capital,
        shouted,
    }
}

#[cfg(test)]
mod tests;
