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
    let (mut words, mut english, mut letters) = (0usize, 0usize, 0usize);
    let mut buf = String::new();
    for w in text.split(|c: char| !c.is_alphabetic() && c != '\'') {
        let w = w.trim_matches('\'');
        if w.is_empty() {
            continue;
        }
        words += 1;
        letters += w.chars().count();
        if w.is_ascii() {
            buf.clear();
            buf.extend(
                w.chars()
                    .filter(|&c| c != '\'')
                    .map(|c| c.to_ascii_lowercase()),
            );
            // One- and two-letter words ("a", "I", "to") are not in the
            // list (it starts at three letters) but are English often.
            if buf.len() < 3
                && matches!(
                    buf.as_str(),
                    "a" | "i"
                        | "to"
                        | "is"
                        | "it"
                        | "of"
                        | "in"
                        | "on"
                        | "be"
                        | "we"
                        | "he"
                        | "my"
                        | "me"
                        | "so"
                        | "do"
                        | "if"
                        | "or"
                        | "an"
                        | "at"
                        | "by"
                        | "up"
                        | "us"
                )
            {
                english += 1;
            } else if is_common(&buf) {
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
    let info = whatlang::detect(text)?;
    if info.lang() == Lang::Eng {
        return Some("en");
    }
    if !info.is_reliable() || info.confidence() < MIN_CONFIDENCE {
        return None;
    }
    Some(code(info.lang()))
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
