//! Signatures: a short closing line an author repeats under their comments
//! ("Kenneth Crosby") is not body text, so it is neither scored nor
//! counted as a repeated taunt (issue 3).
//!
//! A line counts as a signature when it is the last paragraph of at least
//! two comments by the same author, is short (at most `MAX_WORDS` words)
//! and does not end a sentence.  Working per author across the whole run
//! keeps memory bounded by authors times distinct closing lines.

use std::collections::BTreeMap;
use std::ops::Range;

/// Longest signature, in words.
const MAX_WORDS: usize = 5;

/// Signatures found per author.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Signatures {
    by_author: BTreeMap<String, Vec<String>>,
}

impl Signatures {
    /// Learns signatures from `(author, body)` pairs.
    pub fn learn<'a>(comments: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut seen: BTreeMap<(&str, &str), u32> = BTreeMap::new();
        for (author, body) in comments {
            if let Some(r) = closing_line(body) {
                *seen.entry((author, &body[r])).or_default() += 1;
            }
        }
        let mut by_author: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for ((author, line), n) in seen {
            if n >= 2 {
                by_author
                    .entry(author.to_owned())
                    .or_default()
                    .push(line.to_owned());
            }
        }
        Self { by_author }
    }

    /// Byte range of the signature at the end of `body`, if `author` signs
    /// with it.
    pub fn find(&self, author: &str, body: &str) -> Option<Range<usize>> {
        let lines = self.by_author.get(author)?;
        let r = closing_line(body)?;
        lines.iter().any(|l| *l == body[r.clone()]).then_some(r)
    }
}

/// The last paragraph of `body` when it is one short line that does not
/// end a sentence and is not the whole body.
fn closing_line(body: &str) -> Option<Range<usize>> {
    let trimmed = body.trim_end();
    let start = trimmed.rfind("\n\n")? + 2;
    let line = &trimmed[start..];
    let words = line.split_whitespace().count();
    let ends_sentence = line.ends_with(['.', '!', '?', ':', ';', ',']);
    ((1..=MAX_WORDS).contains(&words) && !line.contains('\n') && !ends_sentence)
        .then_some(start..trimmed.len())
}

#[cfg(test)]
mod tests;
