//! A comment's language (issue 25): non-English comments are not silently
//! "civil".
//!
//! The word lists and the learned layer read English.  A comment in
//! another language is reported with its language and no verdict ("not
//! scored: language es") unless word lists for that language are installed
//! (`--lexicon-dir` holding `es/`, `fr/`, `de/` or `pt/`, see
//! `data/lexicons/lang/README.md`).
//!
//! Detection is whatlang's trigram model, made safe for short comments, since
//! an English comment read as another language would lose its verdict:
//! - fewer than [`MIN_LETTERS`] letters: not decided (scored as English);
//! - at least [`ENGLISH_SHARE`] of the words in the common-English list
//!   (`data/lexicons/rules/common.txt`): English, without asking the model
//!   (this is also what keeps the cost low: most comments stop here);
//! - otherwise another language only when whatlang is reliable and its
//!   confidence at least [`MIN_CONFIDENCE`].

use whatlang::Lang;

use super::misspelt::is_common;

/// Fewer letters than this: too short to tell.
pub const MIN_LETTERS: usize = 30;

/// Share of common-English words that makes a text English.
pub const ENGLISH_SHARE: f64 = 0.5;

/// whatlang's confidence needed to call a text another language.
pub const MIN_CONFIDENCE: f64 = 0.9;

/// The language code of `text` (ISO 639-1 where there is one, else ISO
/// 639-3), or `None` when it cannot be told safely.
pub fn detect(text: &str) -> Option<&'static str> {
    // The first words tell: the cost per comment is bounded.
    let (mut words, mut english, mut letters) = (0usize, 0usize, 0usize);
    let mut end = text.len();
    let mut buf = [0u8; 24];
    for (at, w) in word_spans(text) {
        if words == MAX_WORDS {
            end = at;
            break;
        }
        words += 1;
        letters += letters_in(w);
        if w.is_ascii() && w.len() <= buf.len() {
            let n = w.len();
            buf[..n].copy_from_slice(w.as_bytes());
            buf[..n].make_ascii_lowercase();
            let lower = std::str::from_utf8(&buf[..n]).unwrap_or_default();
            // One- and two-letter words are not in the list (it starts at
            // three letters); these are English often.
            if SHORT_ENGLISH.contains(&lower) || (n >= 3 && is_common(lower)) {
                english += 1;
            }
        }
    }
    if letters < MIN_LETTERS {
        return None;
    }
    if english as f64 >= ENGLISH_SHARE * words as f64 {
        return Some("en");
    }
    let info = whatlang::detect(&text[..end])?;
    if info.lang() == Lang::Eng {
        return Some("en");
    }
    if !info.is_reliable() || info.confidence() < MIN_CONFIDENCE {
        return None;
    }
    Some(code(info.lang()))
}

/// Words read to tell a language.
pub const MAX_WORDS: usize = 64;

const SHORT_ENGLISH: &[&str] = &[
    "a", "i", "to", "is", "it", "of", "in", "on", "be", "we", "he", "my", "me", "so", "do", "if",
    "or", "an", "at", "by", "up", "us", "no", "im",
];

/// Runs of letters (an apostrophe between letters kept: "don't"), with
/// where each starts.  A byte scan: every non-ASCII character counts as a
/// letter (accented letters are; the odd dash or curly quote only joins
/// two words), which is exact enough to count words and letters.
fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let b = text.as_bytes();
    let letter = |c: u8| c.is_ascii_alphabetic() || c >= 0x80;
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() && !letter(b[i]) {
            i += 1;
        }
        if i == b.len() {
            return None;
        }
        let start = i;
        while i < b.len()
            && (letter(b[i]) || (b[i] == b'\'' && b.get(i + 1).is_some_and(|&c| letter(c))))
        {
            i += 1;
        }
        // Both ends are ASCII or whole characters: the scan stops only at
        // ASCII bytes.
        Some((start, text.get(start..i).unwrap_or_default()))
    })
    // @handles and #tags are names, in no language.
    .filter(move |&(start, _)| start == 0 || !matches!(b[start - 1], b'@' | b'#' | b'_'))
}

/// Letters in `w`: ASCII letters and non-ASCII characters.
fn letters_in(w: &str) -> usize {
    w.bytes()
        .filter(|&c| c & 0xC0 != 0x80 && c != b'\'')
        .count()
}

/// ISO 639-1 for the languages that have one, else whatlang's ISO 639-3.
fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::Eng => "en",
        Lang::Spa => "es",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Nld => "nl",
        Lang::Rus => "ru",
        Lang::Ukr => "uk",
        Lang::Pol => "pl",
        Lang::Tur => "tr",
        Lang::Ara => "ar",
        Lang::Cmn => "zh",
        Lang::Jpn => "ja",
        Lang::Kor => "ko",
        Lang::Hin => "hi",
        Lang::Swe => "sv",
        Lang::Dan => "da",
        Lang::Nob => "nb",
        Lang::Fin => "fi",
        Lang::Ces => "cs",
        Lang::Ron => "ro",
        Lang::Hun => "hu",
        Lang::Ell => "el",
        Lang::Heb => "he",
        Lang::Vie => "vi",
        Lang::Ind => "id",
        Lang::Tgl => "tl",
        other => other.code(),
    }
}

/// The evidence of a comment left unscored.
pub fn not_scored(code: &str) -> String {
    format!("{NOT_SCORED}{code}")
}

/// What the evidence of a comment left unscored starts with.
pub const NOT_SCORED: &str = "not scored: language ";

#[cfg(test)]
mod tests;
