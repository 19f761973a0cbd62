//! The component scores of one text before they are combined (issue 15):
//! what the built-in noisy-OR of `incivility.rs` reads, and what a site's
//! own layer (`site.rs`, issue 26) starts from.  Pure.

use super::category::COUNT;

/// Largest absolute logit a probability is given, so a score of
/// exactly 0 or 1 stays a finite number.
const MAX_LOGIT: f64 = 9.0;

/// The component scores of one text, before they are combined.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
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

/// The log-odds of `p`, clamped to `±MAX_LOGIT`.
pub fn logit(p: f64) -> f64 {
    let p = p.clamp(1e-12, 1.0 - 1e-12);
    (p / (1.0 - p)).ln().clamp(-MAX_LOGIT, MAX_LOGIT)
}
