//! The learned combination of a site model (issue 15): how much each of
//! the scorer's component scores counts, as a logistic regression over
//! them (stacking), in place of the fixed noisy-OR of `incivility.rs`.
//!
//! The built-in scorer combines the word lists, the rule layer, shouting
//! and the learned layer with strengths chosen once on the permissively
//! licensed corpora.  A site whose line is not those corpora's (a list
//! that flags words its moderators keep, a rule that misfires on its
//! topics) can only move word weights of the learned layer, not the weight
//! of a whole list; a [`Stack`] trained on the site's labels can.  It
//! reads the very numbers the noisy-OR reads ([`Parts`]), plus the
//! noisy-OR itself, so it can always fall back to the built-in ranking
//! and is as explainable: every flag and learned word is still evidence.
//! Pure and deterministic; `train/stack.rs` fits it, `model_file.rs`
//! stores it.

use super::category::{CATEGORIES, COUNT};
use super::model::sigmoid;

/// Number of stacking features; see [`Parts::features`].
pub const N_STACK: usize = 2 + COUNT;

/// Largest absolute logit a probability feature is given, so a score of
/// exactly 0 or 1 stays a finite number.
const MAX_LOGIT: f64 = 9.0;

/// The component scores of one text, before they are combined.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Parts {
    /// The learned layer's probability of the whole text.
    pub model: f64,
    /// Its highest probability of one sentence (0 when none is scored).
    pub sentence: f64,
    /// The largest weight matched per category (flag column order), 0 when
    /// the category is not flagged; shouting counts 1.
    pub strongest: [f32; COUNT],
    /// Whether an attack found by its frame (the rule layer) is among the
    /// author's own words.
    pub by_rule: bool,
}

impl Parts {
    /// The numbers a [`Stack`] weighs, in storage order: the logit of the
    /// built-in combination (`noisy_or`, the score without a stack), the
    /// rule layer (0/1), then each category's strongest weight in flag
    /// column order.
    ///
    /// The learned layer enters only through the built-in combination: its
    /// weight relative to the word lists is the site layer's job, which
    /// retrains its words.  Weighing it again here would also let the
    /// stack trust the layer on rows the built-in layer was trained on
    /// (reddit_incivility and wiki_talk's `train.csv`), whose
    /// cross-validated scores flatter it: a stack that did so lost 0.03
    /// ROC AUC on reddit's dev.csv (docs/ACCURACY.md, "Site models").
    pub fn features(&self, noisy_or: f64) -> [f64; N_STACK] {
        let mut f = [0.0; N_STACK];
        f[0] = logit(noisy_or);
        f[1] = f64::from(u8::from(self.by_rule));
        for (x, &w) in f[2..].iter_mut().zip(&self.strongest) {
            *x = f64::from(w);
        }
        f
    }
}

/// Names of the stacking features, in storage order (for `train`'s
/// printout and the docs).
pub fn feature_names() -> [&'static str; N_STACK] {
    let mut names = ["combined", "rule"]
        .into_iter()
        .chain(CATEGORIES.iter().map(|c| c.name));
    std::array::from_fn(|_| names.next().unwrap_or_default())
}

/// The log-odds of `p`, clamped to `±MAX_LOGIT`.
pub fn logit(p: f64) -> f64 {
    let p = p.clamp(1e-12, 1.0 - 1e-12);
    (p / (1.0 - p)).ln().clamp(-MAX_LOGIT, MAX_LOGIT)
}

/// A logistic regression over [`Parts::features`]: the site's own
/// combination of the component scores.  Its bias is set so that the
/// decision threshold the site's data chose falls at 0.5, the threshold
/// every report uses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stack {
    /// The intercept.
    pub bias: f32,
    /// One weight per feature, in [`Parts::features`] order.
    pub weights: [f32; N_STACK],
}

impl Stack {
    /// The combined score of a text with `parts` whose noisy-OR
    /// combination is `noisy_or`.
    pub fn score(&self, parts: &Parts, noisy_or: f64) -> f64 {
        let f = parts.features(noisy_or);
        sigmoid(self.logit(&f))
    }

    /// The logit for the features `f`.
    pub fn logit(&self, f: &[f64; N_STACK]) -> f64 {
        let mut z = f64::from(self.bias);
        for (w, x) in self.weights.iter().zip(f) {
            z += f64::from(*w) * x;
        }
        z
    }

    /// Whether every number is finite (a stored stack is checked).
    pub fn is_finite(&self) -> bool {
        self.bias.is_finite() && self.weights.iter().all(|w| w.is_finite())
    }
}
