//! `summaryScore` as a calibrated probability (issue 28).
//!
//! Our scores rank well but are not probabilities: they sit in bands
//! (threats and identity attacks at 0.9 and above, other uncivil texts in
//! [0.5, 0.9), civil ones below 0.5), and an attribute such as INSULT
//! must not read a profane text's high score as an insult.  So each
//! Perspective attribute has its own map, a logistic regression over two
//! inputs, `P = sigmoid(a * logit(score) + b * flagged + c)`, where
//! `flagged` says whether the text's own words were flagged in one of the
//! attribute's categories (Platt scaling with the band as a second input).
//!
//! The numbers below were fitted on the `train.csv` files of
//! `../shared/corpora` and checked on their `dev.csv` files by
//! `cargo run --release --example calibrate` (docs/ACCURACY.md gives the
//! figures); only these numbers are kept, no text.

use crate::analyze::model::sigmoid;
use crate::analyze::stack::logit;

use super::attribute::{Attribute, PERSPECTIVE};

/// One attribute's map from score to probability.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Platt {
    /// Weight of the score's log-odds.
    pub a: f64,
    /// Weight of the attribute's flag.
    pub b: f64,
    /// Intercept.
    pub c: f64,
}

impl Platt {
    /// The probability for a text scored `score` whose own words were
    /// (`flagged`) or were not flagged in the attribute's categories.
    pub fn probability(self, score: f64, flagged: bool) -> f64 {
        sigmoid(self.a * logit(score) + self.b * f64::from(u8::from(flagged)) + self.c)
    }

    /// The lowest built-in score at which a flagged text reaches
    /// probability `p` (for the README's threshold advice); `None` when
    /// the map does not rise with the score.
    pub fn score_at(self, p: f64, flagged: bool) -> Option<f64> {
        if self.a <= 0.0 {
            return None;
        }
        let z = logit(p) - self.b * f64::from(u8::from(flagged)) - self.c;
        Some(sigmoid(z / self.a))
    }
}

/// The fitted maps, one per row of [`PERSPECTIVE`], in its order
/// (written by `cargo run --release --example calibrate`).
pub const FITTED: [Platt; 6] = [
    // TOXICITY
    Platt {
        a: 1.0667,
        b: -0.6520,
        c: -0.2152,
    },
    // SEVERE_TOXICITY
    Platt {
        a: 0.1957,
        b: 1.9355,
        c: -3.9937,
    },
    // INSULT
    Platt {
        a: 0.7989,
        b: 1.2432,
        c: -2.4567,
    },
    // PROFANITY
    Platt {
        a: 0.2977,
        b: 3.1538,
        c: -5.6645,
    },
    // THREAT
    Platt {
        a: 0.3285,
        b: 1.9568,
        c: -6.0509,
    },
    // IDENTITY_ATTACK
    Platt {
        a: 0.2070,
        b: 1.9972,
        c: -4.0595,
    },
];

const _: () = assert!(FITTED.len() == PERSPECTIVE.len());

/// The probability `attr` gives a text scored `score`, `flagged` or not in
/// the attribute's categories.  Our own categories (`TW_...`) are flags
/// with no labels to fit on: they carry TOXICITY's probability when the
/// category is flagged and 0 when it is not.
///
/// A typed attribute whose own category was flagged never answers below
/// TOXICITY's probability for the same text.  Their maps are fitted on
/// labels where they are rare (94 threats in 40,079 training rows), so on
/// their own they follow that base rate and answered THREAT 0.066 for
/// "I will kill you." while TOXICITY said 0.979: a platform that holds
/// back on THREAT would never trip.  TOXICITY is fitted on 31,961 rows
/// with 4,732 positives, so it is the better-founded figure for a text
/// our rules read as that kind of attack.
pub fn probability(attr: Attribute, score: f64, flagged: bool) -> f64 {
    match attr {
        Attribute::Perspective(0) => FITTED[0].probability(score, flagged),
        Attribute::Perspective(i) if flagged => FITTED[i]
            .probability(score, true)
            .max(FITTED[0].probability(score, true)),
        Attribute::Perspective(i) => FITTED[i].probability(score, false),
        Attribute::Own(_) if flagged => FITTED[0].probability(score, true),
        Attribute::Own(_) => 0.0,
    }
}

/// Fits a [`Platt`] map to `(score, flagged, label)` rows by damped
/// Newton steps on the log-loss plus a unit ridge, which keeps a flag
/// that only positive rows carry (a few threats) finite.
pub fn fit(rows: &[(f64, bool, bool)]) -> Platt {
    const RIDGE: f64 = 1.0;
    let x = |s: f64, f: bool| [logit(s), f64::from(u8::from(f)), 1.0];
    let loss = |w: &[f64; 3]| {
        let mut l = 0.5 * RIDGE * w.iter().map(|v| v * v).sum::<f64>();
        for &(s, f, y) in rows {
            let xi = x(s, f);
            let z = w[0] * xi[0] + w[1] * xi[1] + w[2] * xi[2];
            // log(1 + e^z) - y z, computed stably.
            l += z.max(0.0) + (-z.abs()).exp().ln_1p() - if y { z } else { 0.0 };
        }
        l
    };
    let mut w = [1.0f64, 0.0, 0.0];
    let mut current = loss(&w);
    for _ in 0..100 {
        let mut g = [0.0f64; 3];
        let mut h = [[0.0f64; 3]; 3];
        for (i, wi) in w.iter().enumerate() {
            g[i] += RIDGE * wi;
            h[i][i] += RIDGE;
        }
        for &(s, f, y) in rows {
            let xi = x(s, f);
            let p = sigmoid(w[0] * xi[0] + w[1] * xi[1] + w[2] * xi[2]);
            let e = p - f64::from(u8::from(y));
            let v = (p * (1.0 - p)).max(1e-12);
            for i in 0..3 {
                g[i] += e * xi[i];
                for j in 0..3 {
                    h[i][j] += v * xi[i] * xi[j];
                }
            }
        }
        let Some(step) = solve3(h, g) else { break };
        // Halve the step until the loss does not rise.
        let mut t = 1.0;
        let mut next = w;
        let mut moved = false;
        for _ in 0..40 {
            next = [w[0] - t * step[0], w[1] - t * step[1], w[2] - t * step[2]];
            let l = loss(&next);
            if l <= current {
                current = l;
                moved = true;
                break;
            }
            t /= 2.0;
        }
        if !moved {
            break;
        }
        let done = (0..3).all(|i| (next[i] - w[i]).abs() < 1e-9);
        w = next;
        if done {
            break;
        }
    }
    Platt {
        a: w[0],
        b: w[1],
        c: w[2],
    }
}

/// Solves `h * x = g` for a 3x3 system by Cramer's rule; `None` when it
/// is singular.
fn solve3(h: [[f64; 3]; 3], g: [f64; 3]) -> Option<[f64; 3]> {
    let det = |m: [[f64; 3]; 3]| {
        m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
    };
    let d = det(h);
    if d.abs() < 1e-300 || !d.is_finite() {
        return None;
    }
    let mut x = [0.0; 3];
    for (k, xk) in x.iter_mut().enumerate() {
        let mut m = h;
        for (row, gi) in m.iter_mut().zip(g) {
            row[k] = gi;
        }
        *xk = det(m) / d;
    }
    Some(x)
}

#[cfg(test)]
mod tests;
