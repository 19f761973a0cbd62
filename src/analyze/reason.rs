//! Verdicts carry reasons (issue 14): which learned words a moderator can
//! read as the reason for `uncivil`.
//!
//! When no category flag fired, the learned layer alone made the verdict,
//! and its evidence is its top words.  A proper name ("Dick Cheney",
//! "Scunthorpe"), a function word ("the", "he"), an identity group named
//! ("Muslims": the layer learned its corpora's bias) or a pseudo-word (`!`, `?`, `[capitals]`)
//! is no reason: the layer learned them from its corpora, where they lean
//! uncivil, but a moderator cannot act on them.  If none of the top words
//! is readable, the text is not uncivil.

use super::rule_words::Marks;
use super::words::Words;

/// Words that carry grammar, not meaning.
const FUNCTION: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "is", "are", "was", "were", "be", "been", "am", "it", "its", "it's", "this",
    "that", "these", "those", "he", "she", "they", "them", "him", "her", "his", "their", "we",
    "us", "our", "i", "me", "my", "i'm", "you", "your", "you're", "so", "just", "not", "no", "do",
    "does", "did", "have", "has", "had", "will", "would", "can", "could", "should", "what", "who",
    "why", "how", "there", "here", "then", "than", "all", "any", "some", "get", "got", "lol",
    "again", "very", "too", "also", "up", "out", "about", "into", "over",
];

/// True when `word` (a learned word as the model lists it) could be read as
/// a reason in `text`.
pub fn readable(word: &str, words: &Words, rules: &Marks) -> bool {
    let lower = word.to_lowercase();
    if !lower.chars().any(char::is_alphabetic) || lower.starts_with('[') {
        return false;
    }
    if FUNCTION.contains(&lower.as_str()) {
        return false;
    }
    let mut seen = false;
    let mut as_name = true;
    let mut as_group = true;
    for i in 0..words.len() {
        if words.lower(i) != lower {
            continue;
        }
        seen = true;
        as_name &= is_name(words, i);
        as_group &= rules.group_word(words, i);
    }
    !(seen && (as_name || as_group))
}

/// Word `i` reads as part of a proper name: capitalised, and either inside
/// its sentence or followed by another capitalised word ("Dick Cheney").
fn is_name(words: &Words, i: usize) -> bool {
    let Some(w) = words.get(i) else { return false };
    if !w.capital || w.shouted {
        return false;
    }
    let opens = i == 0 || words.get(i - 1).is_some_and(|p| p.sentence != w.sentence);
    if !opens {
        return true;
    }
    words
        .get(i + 1)
        .is_some_and(|n| n.capital && !n.shouted && n.sentence == w.sentence)
}

#[cfg(test)]
mod tests;
