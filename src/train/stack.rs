//! Fitting a site's own combination of the scorer's component scores
//! (`analyze::stack`, issue 15): ridge logistic regression by Newton's
//! method over a few dozen numbers per row, its penalty chosen by
//! cross-validation on the site's rows, its threshold moved to 0.5.
//!
//! The rows' features must be out of fold (each row's layer scores from a
//! layer trained without it, as `site.rs` cross-validates), or the stack
//! learns to trust a layer that has memorised its own training rows.
//! Newton's method on so few features converges in a handful of
//! iterations, in f64, in one thread and a fixed order: the same rows give
//! the same bits.  No IO.

use crate::analyze::metrics::{best_f1_threshold, roc_auc};
use crate::analyze::model::sigmoid;
use crate::analyze::stack::{logit, Stack, N_STACK};

/// Ridge penalties tried, per row (the penalty is `l2 * rows * |w|^2 / 2`
/// so it means the same for a small site and a large one), weakest first.
pub const PENALTIES: [f64; 6] = [1e-4, 1e-3, 1e-2, 1e-1, 1.0, 10.0];

/// Newton iterations at most; a fit stops earlier when no weight moves by
/// more than `TOLERANCE`.
const ITERATIONS: usize = 50;
const TOLERANCE: f64 = 1e-9;

/// One row of the stacker's data.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    /// [`crate::analyze::stack::Parts::features`], out of fold.
    pub features: [f64; N_STACK],
    /// Whether it is uncivil.
    pub label: bool,
    /// Weight in the loss (class weighting).
    pub weight: f64,
}

/// What [`choose`] picked and measured.
#[derive(Debug, Clone, Copy)]
pub struct Chosen {
    /// The stack fitted on every row, its threshold moved to 0.5.
    pub stack: Stack,
    /// The penalty chosen; `None` for the built-in combination.
    pub l2: Option<f64>,
    /// Cross-validated ROC AUC of the stack with that penalty.
    pub auc: Option<f64>,
    /// The probability the cross-validated F1 was highest at, before it
    /// was moved to 0.5.
    pub threshold: f64,
}

/// Coefficients: `[bias, w_0 .. w_{N_STACK-1}]`.
type Coef = [f64; N_STACK + 1];

/// Fits a ridge logistic regression on `rows[i]` for `i` in `subset`
/// (the bias is not penalised), pulled towards and starting from the
/// identity on the built-in combination (weight 1 on feature 0), which is
/// where a site with little to say should stay.
// Matrix code: indices say which entry of the Hessian is meant.
#[allow(clippy::needless_range_loop)]
pub fn fit(rows: &[Row], subset: &[usize], l2: f64) -> Coef {
    const D: usize = N_STACK + 1;
    let mut c = identity();
    let lambda = l2 * subset.iter().map(|&i| rows[i].weight).sum::<f64>();
    for _ in 0..ITERATIONS {
        let mut grad = [0.0; D];
        let mut hess = [[0.0; D]; D];
        for &i in subset {
            let r = &rows[i];
            let x = extend(&r.features);
            let p = sigmoid(dot(&c, &x));
            let e = (p - f64::from(u8::from(r.label))) * r.weight;
            let h = (p * (1.0 - p)).max(1e-12) * r.weight;
            for a in 0..D {
                grad[a] += e * x[a];
                for b in 0..=a {
                    hess[a][b] += h * x[a] * x[b];
                }
            }
        }
        for a in 1..D {
            // Towards the identity on feature 0 and zero elsewhere.
            let prior = if a == 1 { 1.0 } else { 0.0 };
            grad[a] += lambda * (c[a] - prior);
            hess[a][a] += lambda;
        }
        hess[0][0] += 1e-9;
        for a in 0..D {
            for b in a + 1..D {
                hess[a][b] = hess[b][a];
            }
        }
        let Some(step) = solve(hess, grad) else {
            break;
        };
        let mut moved = 0f64;
        for a in 0..D {
            c[a] -= step[a];
            moved = moved.max(step[a].abs());
        }
        if moved < TOLERANCE {
            break;
        }
    }
    c
}

/// The identity on the built-in combination: weight 1 on feature 0.
fn identity() -> Coef {
    let mut c = [0.0; N_STACK + 1];
    c[1] = 1.0;
    c
}

/// `[1, features..]`.
fn extend(f: &[f64; N_STACK]) -> Coef {
    let mut x = [1.0; N_STACK + 1];
    x[1..].copy_from_slice(f);
    x
}

fn dot(a: &Coef, b: &Coef) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Solves `h x = g` for a symmetric positive definite `h` by Cholesky
/// decomposition; `None` when `h` is not positive definite (the fit then
/// keeps its last coefficients).
#[allow(clippy::needless_range_loop)]
fn solve(mut h: [[f64; N_STACK + 1]; N_STACK + 1], g: Coef) -> Option<Coef> {
    const D: usize = N_STACK + 1;
    for j in 0..D {
        let mut d = h[j][j];
        for k in 0..j {
            d -= h[j][k] * h[j][k];
        }
        if !d.is_finite() || d <= 0.0 {
            return None;
        }
        let d = d.sqrt();
        h[j][j] = d;
        for i in j + 1..D {
            let mut s = h[i][j];
            for k in 0..j {
                s -= h[i][k] * h[j][k];
            }
            h[i][j] = s / d;
        }
    }
    let mut y = [0.0; D];
    for i in 0..D {
        let mut s = g[i];
        for k in 0..i {
            s -= h[i][k] * y[k];
        }
        y[i] = s / h[i][i];
    }
    let mut x = [0.0; D];
    for i in (0..D).rev() {
        let mut s = y[i];
        for k in i + 1..D {
            s -= h[k][i] * x[k];
        }
        x[i] = s / h[i][i];
    }
    Some(x)
}

/// Picks the combination by cross-validation (`fold[i]` in `0..k`): the
/// built-in combination itself (an infinite penalty) and a stack fitted
/// with each penalty of [`PENALTIES`] score every row, each stack fitted
/// without the row's fold, and the best pooled ROC AUC wins, ties going to
/// the more cautious candidate (the built-in combination, then the
/// stronger penalty).  The winner is fitted on every row, and its bias
/// moved so that the threshold with the best cross-validated F1 falls at
/// 0.5.
pub fn choose(rows: &[Row], fold: &[usize], k: usize) -> Chosen {
    // Most cautious first: None is the built-in combination.
    let candidates = std::iter::once(None).chain(PENALTIES.iter().rev().map(|&l| Some(l)));
    // (penalty, pooled ROC AUC, out-of-fold scores) of the best so far.
    type Candidate = (Option<f64>, Option<f64>, Vec<(f64, bool)>);
    let mut best: Option<Candidate> = None;
    for l2 in candidates {
        let mut scored = vec![(0.0, false); rows.len()];
        for f in 0..k {
            let c = match l2 {
                Some(l2) => {
                    let subset: Vec<usize> = (0..rows.len()).filter(|&i| fold[i] != f).collect();
                    fit(rows, &subset, l2)
                }
                None => identity(),
            };
            for i in (0..rows.len()).filter(|&i| fold[i] == f) {
                let x = extend(&rows[i].features);
                scored[i] = (sigmoid(dot(&c, &x)), rows[i].label);
            }
        }
        let auc = roc_auc(&scored);
        if best
            .as_ref()
            .is_none_or(|b| auc.unwrap_or(0.0) > b.1.unwrap_or(0.0))
        {
            best = Some((l2, auc, scored));
        }
    }
    let (l2, auc, scored) = best.unwrap_or((None, None, Vec::new()));
    let c = match l2 {
        Some(l2) => fit(rows, &(0..rows.len()).collect::<Vec<_>>(), l2),
        None => identity(),
    };
    let threshold = best_f1_threshold(&scored).map_or(0.5, |p| p.threshold);
    Chosen {
        stack: Stack {
            bias: (c[0] - logit(threshold)) as f32,
            weights: std::array::from_fn(|i| c[i + 1] as f32),
        },
        l2,
        auc,
        threshold,
    }
}
