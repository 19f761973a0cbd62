//! Identity terms carry no learned weight (issue 24).
//!
//! The learned layer was trained on abusive text, where naming a group
//! ("Muslims", "gay") leans uncivil; it learned that bias, and a
//! moderator cannot act on it.  So the words of `data/lexicons/identity.txt`
//! are blanked from the text the learned layer reads (`incivility.rs`),
//! like allow-listed words: they move no score and are never evidence.
//! The word lists and the hate rules still read them, so an attack on a
//! group is still found by its frame.

use std::ops::Range;
use std::sync::OnceLock;

use super::words::Words;

/// The shipped list, one lower-case word per line.
const LIST: &str = include_str!("../../data/lexicons/identity.txt");

/// The list's words, sorted for binary search.
fn terms() -> &'static [&'static str] {
    static TERMS: OnceLock<Vec<&'static str>> = OnceLock::new();
    TERMS.get_or_init(|| {
        let mut v: Vec<&str> = LIST
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    })
}

/// True when `lower` (a lower-cased word) names an identity group.
pub fn is_identity(lower: &str) -> bool {
    terms().binary_search(&lower).is_ok()
}

/// The byte ranges of identity terms among `words`.
pub fn ranges(words: &Words) -> Vec<Range<usize>> {
    (0..words.len())
        .filter(|&i| is_identity(words.lower(i)))
        .map(|i| words.span(i, i))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::incivility::Scorer;
    use crate::analyze::matcher::Lexicon;
    use crate::analyze::model::Model;
    use crate::analyze::target::Context;

    /// Groups as a neutral sentence names them (adjective forms).  "queer"
    /// is left out: the word lists also hold it as a slur, and telling its
    /// reclaimed sense apart is issue 25's.
    const GROUPS: &[&str] = &[
        "Muslim",
        "Jewish",
        "Christian",
        "Catholic",
        "Hindu",
        "Sikh",
        "Buddhist",
        "atheist",
        "Black",
        "white",
        "Asian",
        "African",
        "Arab",
        "Hispanic",
        "Latino",
        "Indigenous",
        "Mexican",
        "Chinese",
        "Indian",
        "Pakistani",
        "Somali",
        "Syrian",
        "Nigerian",
        "Polish",
        "gay",
        "lesbian",
        "bisexual",
        "transgender",
        "trans",
        "nonbinary",
        "disabled",
        "deaf",
        "blind",
        "autistic",
        "elderly",
        "immigrant",
        "refugee",
        "female",
        "Mormon",
        "Korean",
    ];

    /// Neutral frames; `{}` is one group, or two joined by "and".
    const FRAMES: &[&str] = &[
        "{} residents both spoke at the council meeting.",
        "The {} community centre opens on Saturday.",
        "Our choir welcomes {} singers every Tuesday.",
        "Several {} families moved to our street this year.",
        "The library is hosting a talk by {} authors.",
        "{} students won the regional science fair.",
    ];

    /// The neutral identity set (issue 24): every group alone and every
    /// neighbouring pair, in every frame, written by us.
    pub fn neutral_sentences() -> Vec<String> {
        let mut out = Vec::new();
        for (i, g) in GROUPS.iter().enumerate() {
            let pair = format!("{g} and {}", GROUPS[(i + 1) % GROUPS.len()]);
            for (k, f) in FRAMES.iter().enumerate() {
                // One frame in two gets the pair, so both kinds cover every frame.
                let who = if (i + k) % 2 == 0 {
                    g.to_string()
                } else {
                    pair.clone()
                };
                let mut s = f.replacen("{}", &who, 1);
                if let Some(c) = s.get(..1) {
                    s.replace_range(..1, &c.to_uppercase());
                }
                out.push(s);
            }
        }
        out
    }

    #[test]
    fn r24_neutral_identity_sentences_are_civil_and_low() {
        let lexicon = Lexicon::builtin();
        let scorer = Scorer {
            lexicon: &lexicon,
            model: Model::builtin(),
        };
        let ctx = Context::alone(None);
        let set = neutral_sentences();
        assert!(set.len() >= 200, "{}", set.len());
        let mut worst = (0.0, String::new());
        for s in &set {
            let score = scorer.score(s, &[], &ctx);
            assert!(!score.uncivil, "{s}: {score:?}");
            if score.incivility > worst.0 {
                worst = (score.incivility, s.clone());
            }
        }
        assert!(worst.0 <= 0.3, "{worst:?}");
    }

    #[test]
    fn r24_identity_terms_are_found_as_whole_words() {
        let text = "Gay and Muslim residents met the Blackwell family.";
        let words = Words::of(text);
        let found: Vec<&str> = ranges(&words).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["Gay", "Muslim"]);
        assert!(is_identity("transgender"));
        assert!(!is_identity("council"));
    }
}
