//! A site's own layer (issue 26), inference only: a logistic regression
//! that starts from the built-in scorer's verdict and moves it by what a
//! site's moderators decided, in both directions.
//!
//! Its logit is the built-in combination's logit (the offset: with no
//! weight learnt, a site model ranks exactly as the built-in one) plus
//! - one weight per scorer signal (`dense_names`): the rule layer, each
//!   category's strongest match, and each category by the kind of target
//!   it is aimed at, so a site can weigh a whole list down or up, or only
//!   "name-calling aimed at a public figure";
//! - one weight per hashed text feature the site's rows share: word 1- and
//!   2-grams and character 3- to 5-grams inside words, TF-IDF weighted and
//!   scaled to unit length per family, kept only when at least `min_df`
//!   training rows hold them, so a word one row happens to contain never
//!   carries weight.
//!
//! The margin is calibrated (Platt scaling fitted on cross-validated
//! margins) into a probability, on which the site's decision threshold is
//! chosen; the score a report shows is the logistic of the margin shifted
//! so that the threshold falls at 0.5, the threshold every report uses.  Every weight that touched a text can be
//! listed ([`SiteLayer::explain`]), so a site verdict is as explainable as
//! a built-in one.  `train/site.rs` fits it, `model_file.rs` stores it.
//! Pure and deterministic: features hash with FNV-1a, never std's seeded
//! hasher.

use rustc_hash::FxHashMap;

use super::category::{CATEGORIES, COUNT};
use super::model::{sigmoid, words};
use super::stack::{logit, Parts};
use super::target::Target;
use crate::stable::{fnv_byte, fnv_bytes, FNV_OFFSET};

/// The kinds of target a category's weight can depend on, in storage
/// order.
pub const TARGETS: [Target; 4] = [
    Target::Commenter,
    Target::PublicFigure,
    Target::Group,
    Target::None,
];

/// Number of scorer signals a site layer weighs: the built-in
/// combination's logit (its weight moves the offset's), the rule layer,
/// each category, each category by target.
pub const N_SIGNALS: usize = 2 + COUNT + COUNT * TARGETS.len();

/// log2 of the number of hash buckets of the text features.
pub const BUCKET_BITS: u8 = 18;

/// Shortest and longest character n-gram (counting the word-boundary
/// marks).
const CHAR_MIN: usize = 3;
const CHAR_MAX: usize = 5;
/// Longest word whose character n-grams are taken (URLs, mashing).
const MAX_GRAM_WORD: usize = 40;

/// 2^64 / golden ratio, for Fibonacci hashing of the FNV value.
const FIB: u64 = 0x9e37_79b9_7f4a_7c15;

/// Names of the signals, in storage order: `built_in`, `rule`, each
/// category, then `category at target` (`none` for no target told).
pub fn signal_names() -> Vec<String> {
    // The learned layer's own scores are not signals: reddit_incivility
    // and wiki_talk `train.csv` are in its training data, and a site layer
    // that weighed them learnt to trust it (reddit dev ROC AUC 0.966 ->
    // 0.956, docs/ACCURACY.md).
    let mut out = vec!["built_in".to_owned(), "rule".to_owned()];
    out.extend(CATEGORIES.iter().map(|c| c.name.to_owned()));
    for c in CATEGORIES.iter() {
        for t in TARGETS {
            let t = if t == Target::None {
                "none"
            } else {
                t.as_str()
            };
            out.push(format!("{} at {t}", c.name));
        }
    }
    out
}

/// What the built-in scorer saw in one text: the inputs of a site layer
/// besides the words.
#[derive(Debug, Clone, PartialEq)]
pub struct Signals {
    /// The logit of the built-in combination (the offset).
    pub offset: f64,
    /// The signal values, in [`signal_names`] order.
    pub values: [f64; N_SIGNALS],
}

impl Signals {
    /// The signals of a text with component scores `parts`, built-in
    /// combination `noisy_or`, and `aimed`: each flagged category (flag
    /// column index) with the target its words are aimed at and the
    /// match's weight.
    pub fn new(parts: &Parts, noisy_or: f64, aimed: &[(usize, Target, f32)]) -> Signals {
        let mut values = [0.0; N_SIGNALS];
        let offset = logit(noisy_or);
        values[0] = offset;
        values[1] = f64::from(u8::from(parts.by_rule));
        for (c, &w) in parts.strongest.iter().enumerate() {
            values[2 + c] = f64::from(w);
        }
        for &(c, t, w) in aimed {
            // A private person (issue 24) shares the commenters' signal:
            // a site protects both alike, and the model format (one signal
            // a category and target kind) stays as it was.
            let t = if t == Target::Person {
                Target::Commenter
            } else {
                t
            };
            let k = TARGETS.iter().position(|&x| x == t).unwrap_or(3);
            let at = 2 + COUNT + c * TARGETS.len() + k;
            values[at] = values[at].max(f64::from(w));
        }
        Signals { offset, values }
    }
}

/// One hashed text feature of a text: its bucket, whether it is a
/// character n-gram (else a word 1- or 2-gram), and the word it belongs to
/// (a bigram to its first word).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Gram {
    /// Hash bucket.
    pub bucket: u32,
    /// Character n-gram (true) or word n-gram.
    pub char: bool,
    /// Index of the word in [`grams`]'s word list.
    pub word: u32,
}

fn bucket(h: u64) -> u32 {
    (h.wrapping_mul(FIB) >> (64 - u32::from(BUCKET_BITS))) as u32
}

/// The words of `text` (normal forms, as the learned layer reads them)
/// and its distinct hashed features, each once, sorted by bucket (the
/// first occurrence's word).  Words in `skip` (by normal form) give no
/// feature.
pub fn grams(text: &str, skip: &dyn Fn(&str) -> bool) -> (Vec<String>, Vec<Gram>) {
    let ws = words(text);
    let mut out: Vec<Gram> = Vec::with_capacity(ws.len() * 12);
    let mut prev: Option<&str> = None;
    let mut chars: Vec<u8> = Vec::with_capacity(64);
    for (i, w) in ws.iter().enumerate() {
        if skip(w) {
            prev = None;
            continue;
        }
        let word = i as u32;
        let h = fnv_bytes(fnv_byte(FNV_OFFSET, b'w'), w.as_bytes());
        out.push(Gram {
            bucket: bucket(h),
            char: false,
            word,
        });
        if let Some(p) = prev {
            let mut h = fnv_bytes(fnv_byte(FNV_OFFSET, b'b'), p.as_bytes());
            h = fnv_bytes(fnv_byte(h, b' '), w.as_bytes());
            out.push(Gram {
                bucket: bucket(h),
                char: false,
                word: word - 1,
            });
        }
        prev = Some(w);
        let cs: Vec<char> = w.chars().collect();
        if cs.len() > MAX_GRAM_WORD {
            continue;
        }
        // " word ": the boundary marks let a gram say where it sits.
        let padded: Vec<char> = std::iter::once(' ')
            .chain(cs)
            .chain(std::iter::once(' '))
            .collect();
        for n in CHAR_MIN..=CHAR_MAX {
            for g in padded.windows(n) {
                chars.clear();
                for c in g {
                    let mut b = [0u8; 4];
                    chars.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
                }
                let h = fnv_bytes(fnv_byte(FNV_OFFSET, b'c'), &chars);
                out.push(Gram {
                    bucket: bucket(h),
                    char: true,
                    word,
                });
            }
        }
    }
    // One per (bucket, family), the first occurrence kept.
    out.sort_by_key(|g| (g.bucket, g.char, g.word));
    out.dedup_by_key(|g| (g.bucket, g.char));
    (ws, out)
}

/// Unit-length scaling per family: each value times `1/sqrt(sum of the
/// family's squares)`.  `values[i]` belongs to family `char[i]`.
pub fn normalise(values: &mut [f32], char: &[bool]) {
    let mut sq = [0f64; 2];
    for (v, &c) in values.iter().zip(char) {
        sq[usize::from(c)] += f64::from(*v) * f64::from(*v);
    }
    for (v, &c) in values.iter_mut().zip(char) {
        let s = sq[usize::from(c)];
        if s > 0.0 {
            *v = (f64::from(*v) / s.sqrt()) as f32;
        }
    }
}

/// A site's layer: see the module header.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteLayer {
    /// Whether the built-in combination is the offset (trained from the
    /// built-in model); without it the layer stands alone.
    pub offset: bool,
    /// The intercept of the margin.
    pub bias: f32,
    /// One weight per signal, [`signal_names`] order.
    pub signals: [f32; N_SIGNALS],
    /// Platt scaling: probability = sigmoid(a * margin + b).
    pub platt: (f32, f32),
    /// The calibrated probability at which a text is uncivil; it is mapped
    /// to 0.5.
    pub threshold: f32,
    /// The fewest training rows a kept text feature was in.
    pub min_df: u8,
    /// Kept features: bucket (strictly ascending), whether a character
    /// n-gram, inverse document frequency and weight.
    pub features: Vec<SiteFeature>,
    index: FxHashMap<(u32, bool), u32>,
}

/// One kept text feature of a [`SiteLayer`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SiteFeature {
    /// Hash bucket.
    pub bucket: u32,
    /// A character n-gram (else a word n-gram).
    pub char: bool,
    /// Inverse document frequency on the training rows.
    pub idf: f32,
    /// Weight in the margin.
    pub weight: f32,
}

/// What a site layer adds up for one text, for evidence and `explain`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SiteExplained {
    /// Each word with a text feature weight, with its contribution to the
    /// margin (first spelling; bigrams count for their first word),
    /// largest magnitude first.
    pub words: Vec<(String, f64)>,
    /// Each signal with a non-zero weight present in the text, with its
    /// contribution to the margin, largest magnitude first.
    pub signals: Vec<(String, f64)>,
}

impl SiteLayer {
    /// A layer from its numbers; the features must be strictly ascending
    /// by (bucket, family) and every number finite.
    pub fn new(
        offset: bool,
        bias: f32,
        signals: [f32; N_SIGNALS],
        platt: (f32, f32),
        threshold: f32,
        min_df: u8,
        features: Vec<SiteFeature>,
    ) -> Result<SiteLayer, String> {
        let finite = [bias, platt.0, platt.1, threshold]
            .into_iter()
            .chain(signals)
            .chain(features.iter().flat_map(|f| [f.idf, f.weight]))
            .all(f32::is_finite);
        if !finite {
            return Err("a site layer number is not finite".into());
        }
        if !(0.0..=1.0).contains(&threshold) || threshold == 0.0 || threshold == 1.0 {
            return Err(format!(
                "threshold {threshold} is not strictly between 0 and 1"
            ));
        }
        if features
            .windows(2)
            .any(|w| (w[0].bucket, w[0].char) >= (w[1].bucket, w[1].char))
        {
            return Err("site features are not in ascending order".into());
        }
        if features.iter().any(|f| f.bucket >= 1 << BUCKET_BITS) {
            return Err("a site feature's bucket is out of range".into());
        }
        let index = features
            .iter()
            .enumerate()
            .map(|(i, f)| ((f.bucket, f.char), i as u32))
            .collect();
        Ok(SiteLayer {
            offset,
            bias,
            signals,
            platt,
            threshold,
            min_df,
            features,
            index,
        })
    }

    /// The kept features of `grams` as (feature index, value, word),
    /// TF-IDF scaled to unit length per family.
    pub fn vector(&self, grams: &[Gram]) -> Vec<(u32, f32, u32)> {
        let mut idx = Vec::new();
        let mut val = Vec::new();
        let mut fam = Vec::new();
        for g in grams {
            if let Some(&i) = self.index.get(&(g.bucket, g.char)) {
                idx.push((i, g.word));
                val.push(self.features[i as usize].idf);
                fam.push(g.char);
            }
        }
        normalise(&mut val, &fam);
        idx.into_iter()
            .zip(val)
            .map(|((i, w), v)| (i, v, w))
            .collect()
    }

    /// The margin (before calibration) of a text with `signals` and
    /// `grams`.
    pub fn margin(&self, signals: &Signals, grams: &[Gram]) -> f64 {
        let mut z = f64::from(self.bias);
        if self.offset {
            z += signals.offset;
        }
        for (w, x) in self.signals.iter().zip(signals.values) {
            z += f64::from(*w) * x;
        }
        for (i, v, _) in self.vector(grams) {
            z += f64::from(self.features[i as usize].weight) * f64::from(v);
        }
        z
    }

    /// The calibrated probability of a margin.
    pub fn probability(&self, margin: f64) -> f64 {
        sigmoid(f64::from(self.platt.0) * margin + f64::from(self.platt.1))
    }

    /// The score a report shows for a margin: the logistic of the margin
    /// less the margin at the threshold, so the threshold falls at 0.5 and
    /// the scores spread as the built-in combination's do (the calibrated
    /// probability can crowd thousands of rows into a few thousandths,
    /// which the reports' three decimals would tie).
    pub fn to_score(&self, margin: f64) -> f64 {
        sigmoid(margin - self.margin_at_threshold())
    }

    /// The margin whose calibrated probability is the threshold.
    pub fn margin_at_threshold(&self) -> f64 {
        let (a, b) = (f64::from(self.platt.0), f64::from(self.platt.1));
        let t = f64::from(self.threshold);
        if a > 1e-6 {
            ((t / (1.0 - t)).ln() - b) / a
        } else {
            0.0
        }
    }

    /// The score of a text whose own words are `text`.
    pub fn score(&self, signals: &Signals, text: &str, skip: &dyn Fn(&str) -> bool) -> f64 {
        let (_, g) = grams(text, skip);
        self.to_score(self.margin(signals, &g))
    }

    /// Every weight that touched the text: words and signals, each with
    /// its contribution to the margin.
    pub fn explain(
        &self,
        signals: &Signals,
        text: &str,
        skip: &dyn Fn(&str) -> bool,
    ) -> SiteExplained {
        let (ws, g) = grams(text, skip);
        let mut per_word: Vec<f64> = vec![0.0; ws.len()];
        let mut touched = vec![false; ws.len()];
        for (i, v, w) in self.vector(&g) {
            per_word[w as usize] += f64::from(self.features[i as usize].weight) * f64::from(v);
            touched[w as usize] = true;
        }
        let mut words: Vec<(String, f64)> = Vec::new();
        for (i, w) in ws.iter().enumerate() {
            if !touched[i] {
                continue;
            }
            match words.iter_mut().find(|(x, _)| x == w) {
                Some(e) => e.1 += per_word[i],
                None => words.push((w.clone(), per_word[i])),
            }
        }
        words.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then_with(|| a.0.cmp(&b.0)));
        let names = signal_names();
        let mut sig: Vec<(String, f64)> = self
            .signals
            .iter()
            .zip(signals.values)
            .zip(names)
            .filter(|((w, x), _)| **w != 0.0 && *x != 0.0)
            .map(|((w, x), n)| (n, f64::from(*w) * x))
            .collect();
        sig.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then_with(|| a.0.cmp(&b.0)));
        SiteExplained {
            words,
            signals: sig,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grams_are_deterministic_distinct_and_per_word() {
        let none = |_: &str| false;
        let (ws, g) = grams("You park, you park.", &none);
        assert_eq!(ws, ["you", "park", "you", "park"]);
        let (_, again) = grams("You park, you park.", &none);
        assert_eq!(g, again);
        let mut keys: Vec<(u32, bool)> = g.iter().map(|x| (x.bucket, x.char)).collect();
        keys.dedup();
        assert_eq!(keys.len(), g.len(), "each feature once");
        // "you", "park", "you park", "park you" + char grams of two words.
        assert_eq!(g.iter().filter(|x| !x.char).count(), 4);
        let (_, skipped) = grams("You park, you park.", &|w| w == "park");
        assert_eq!(skipped.iter().filter(|x| !x.char).count(), 1);
    }
}
