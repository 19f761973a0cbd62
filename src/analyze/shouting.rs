//! Shouting: words in capitals beyond acronyms (issue 3).
//!
//! Capitals mark acronyms (USA, FYI, FMM) far more often than shouting, so
//! a shouted span is either one capitalised word of at least
//! `MIN_SHOUT_LETTERS` letters that is not a known acronym, or a run of two
//! or more capitalised words one of which has four letters or more and is
//! not a known acronym ("ELECTORAL COLLEGE", "STOP THE LIES"; not "FYI,
//! BTW").  A word right before `(` is a function name ("=HYPERLINK(").

use std::ops::Range;

/// Letters a lone capitalised word needs to count as shouting.
const MIN_SHOUT_LETTERS: usize = 5;

/// Acronyms of four letters or more that news comments use as names.
const ACRONYMS: &[&str] = &[
    "NAFTA", "OSHA", "UNICEF", "UNESCO", "NASDAQ", "COVID", "SCOTUS", "POTUS", "FLOTUS", "NORAD",
    "ASEAN", "OPEC", "FEMA", "HIPAA", "USMCA", "BREXIT", "NATO", "NASA", "NYPD", "LAPD", "NAACP",
    "ACLU", "IMHO", "LMAO", "ROFL", "USSR", "CNBC", "MSNBC", "NPR", "UNHCR", "NCAA", "NFL",
    "NIMBY",
];

/// Byte ranges of shouted spans in `text` (runs merged).
pub fn shouting(text: &str) -> Vec<Range<usize>> {
    let words = caps_words(text);
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        // Extend a run of capitalised words separated only by spaces or
        // light punctuation.
        let mut j = i;
        while j + 1 < words.len() && joined(text, &words[j], &words[j + 1]) {
            j += 1;
        }
        let run = &words[i..=j];
        let letters = |r: &Range<usize>| {
            text[r.clone()]
                .chars()
                .filter(|c| c.is_alphabetic())
                .count()
        };
        let plain = |r: &Range<usize>| !ACRONYMS.contains(&&text[r.clone()]);
        // "=HYPERLINK(", "SUM(": a function name in a formula or code is
        // written in capitals, not shouted (issue 14).
        let call = run.len() == 1 && text[run[0].end..].starts_with('(');
        let shouted = if call {
            false
        } else if run.len() >= 2 {
            run.iter().any(|r| letters(r) >= 4 && plain(r))
        } else {
            letters(&run[0]) >= MIN_SHOUT_LETTERS && plain(&run[0])
        };
        if shouted {
            out.push(run[0].start..run[run.len() - 1].end);
        }
        i = j + 1;
    }
    out
}

/// Words with at least two letters, all of them upper case, that are not
/// handles or hashtags.
fn caps_words(text: &str) -> Vec<Range<usize>> {
    if text.is_ascii() {
        return ascii_caps_words(text.as_bytes());
    }
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let in_word = c.is_alphanumeric() || c == '\'' || c == '\u{2019}';
        match (start, in_word) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let w = &text[s..i];
                let letters = w.chars().filter(|c| c.is_alphabetic()).count();
                if letters >= 2 && !w.chars().any(char::is_lowercase) && !tagged(text.as_bytes(), s)
                {
                    out.push(s..i);
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// `caps_words` for ASCII text, a byte at a time: every comment passes
/// through here, and decoding characters cost more than the rest of the
/// shouting check (issue 6).  In ASCII a word character is a letter, a
/// digit or `'`, and a letter is upper case or lower case.
fn ascii_caps_words(text: &[u8]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    let (mut letters, mut lower) = (0usize, false);
    for (i, &b) in text.iter().chain(std::iter::once(&b' ')).enumerate() {
        let in_word = b.is_ascii_alphanumeric() || b == b'\'';
        match (start, in_word) {
            (None, true) => {
                start = Some(i);
                letters = usize::from(b.is_ascii_alphabetic());
                lower = b.is_ascii_lowercase();
            }
            (Some(_), true) => {
                letters += usize::from(b.is_ascii_alphabetic());
                lower |= b.is_ascii_lowercase();
            }
            (Some(s), false) => {
                if letters >= 2 && !lower && !tagged(text, s) {
                    out.push(s..i);
                }
                start = None;
            }
            (None, false) => {}
        }
    }
    out
}

/// True when the word at `start` is a handle or a hashtag (`@CNN`,
/// `#MAGA`, Twitter exports' `@USER`): a name someone chose, not the
/// writer raising their voice.  Leaving it out of the word list also breaks
/// a run, so "@USER HAVE YOU" shouts "HAVE YOU" only.
fn tagged(text: &[u8], start: usize) -> bool {
    start > 0 && matches!(text[start - 1], b'@' | b'#')
}

/// True when only spaces and light punctuation separate two words.
fn joined(text: &str, a: &Range<usize>, b: &Range<usize>) -> bool {
    let gap = &text[a.end..b.start];
    gap.len() <= 3
        && gap
            .chars()
            .all(|c| c == ' ' || c == ',' || c == '-' || c == '!')
}

#[cfg(test)]
mod tests;
