//! Limited-memory BFGS (Nocedal and Wright, "Numerical Optimization",
//! algorithm 7.4 with a backtracking Armijo line search), the exact solver
//! of the site layer's L2-regularised logistic loss (issue 26).
//!
//! A few passes of stochastic gradient descent left the site layer far
//! from the optimum of its own objective, so the penalty cross-validation
//! chose was whichever stopped it worst; a solver that reaches the optimum
//! makes the penalty the only knob.  Single-threaded and in `f64`, with a
//! fixed order of every sum, so the same problem gives the same bits.

/// Stopping rules of [`minimise`].
#[derive(Debug, Clone, Copy)]
pub struct Stop {
    /// Most iterations (gradient evaluations, line-search steps included).
    pub evaluations: usize,
    /// Stop when an iteration lowers the objective by less than this share
    /// of its value.
    pub rel_decrease: f64,
    /// Stop when the largest gradient component is below this.
    pub grad: f64,
}

/// Pairs of differences remembered.
const MEMORY: usize = 7;

/// Minimises `f` from `x` (overwritten with the minimiser found).  `f`
/// writes the gradient at its argument into its second argument and
/// returns the objective.  Returns the objective at the end.
pub fn minimise(x: &mut [f64], stop: Stop, f: &mut dyn FnMut(&[f64], &mut [f64]) -> f64) -> f64 {
    let n = x.len();
    let mut g = vec![0.0; n];
    let mut fx = f(x, &mut g);
    let mut evaluations = 1;
    let mut s_hist: Vec<Vec<f64>> = Vec::with_capacity(MEMORY);
    let mut y_hist: Vec<Vec<f64>> = Vec::with_capacity(MEMORY);
    let mut rho: Vec<f64> = Vec::with_capacity(MEMORY);
    let mut d = vec![0.0; n];
    let mut x_new = vec![0.0; n];
    let mut g_new = vec![0.0; n];
    let mut alpha = [0.0; MEMORY];
    while evaluations < stop.evaluations {
        if max_abs(&g) < stop.grad {
            break;
        }
        // Two-loop recursion: d = -H g.
        d.copy_from_slice(&g);
        let m = s_hist.len();
        for i in (0..m).rev() {
            alpha[i] = rho[i] * dot(&s_hist[i], &d);
            axpy(-alpha[i], &y_hist[i], &mut d);
        }
        if m > 0 {
            let gamma = dot(&s_hist[m - 1], &y_hist[m - 1]) / dot(&y_hist[m - 1], &y_hist[m - 1]);
            d.iter_mut().for_each(|v| *v *= gamma);
        } else {
            // First step: a unit-length move along the gradient.
            let norm = dot(&g, &g).sqrt().max(1e-12);
            d.iter_mut().for_each(|v| *v /= norm);
        }
        for i in 0..m {
            let beta = rho[i] * dot(&y_hist[i], &d);
            axpy(alpha[i] - beta, &s_hist[i], &mut d);
        }
        d.iter_mut().for_each(|v| *v = -*v);
        let mut slope = dot(&g, &d);
        if slope >= 0.0 {
            // Not a descent direction (the curvature pairs went stale):
            // start again from the gradient.
            s_hist.clear();
            y_hist.clear();
            rho.clear();
            d.iter_mut().zip(&g).for_each(|(v, gi)| *v = -gi);
            slope = -dot(&g, &g);
        }
        let mut step = 1.0;
        let f_new = loop {
            x_new
                .iter_mut()
                .zip(x.iter().zip(&d))
                .for_each(|(xn, (xi, di))| *xn = xi + step * di);
            let v = f(&x_new, &mut g_new);
            evaluations += 1;
            if v <= fx + 1e-4 * step * slope || evaluations >= stop.evaluations || step < 1e-10 {
                break v;
            }
            step *= 0.5;
        };
        if f_new > fx {
            break;
        }
        let mut s: Vec<f64> = if s_hist.len() == MEMORY {
            y_hist.remove(0);
            rho.remove(0);
            s_hist.remove(0)
        } else {
            vec![0.0; n]
        };
        let mut y = vec![0.0; n];
        for (si, (xn, xi)) in s.iter_mut().zip(x_new.iter().zip(x.iter())) {
            *si = xn - xi;
        }
        for (yi, (gn, gi)) in y.iter_mut().zip(g_new.iter().zip(&g)) {
            *yi = gn - gi;
        }
        let sy = dot(&s, &y);
        x.copy_from_slice(&x_new);
        g.copy_from_slice(&g_new);
        let decrease = fx - f_new;
        fx = f_new;
        if sy > 1e-12 {
            rho.push(1.0 / sy);
            s_hist.push(s);
            y_hist.push(y);
        }
        if decrease <= stop.rel_decrease * fx.abs().max(1e-12) {
            break;
        }
    }
    fx
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn axpy(a: f64, x: &[f64], y: &mut [f64]) {
    y.iter_mut().zip(x).for_each(|(yi, xi)| *yi += a * xi);
}

fn max_abs(v: &[f64]) -> f64 {
    v.iter().fold(0.0, |m, x| m.max(x.abs()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_minimum_of_a_quadratic() {
        // f = sum k (x_k - k)^2, minimum at x_k = k.
        let mut x = vec![0.0; 5];
        let v = minimise(
            &mut x,
            Stop {
                evaluations: 200,
                rel_decrease: 0.0,
                grad: 1e-9,
            },
            &mut |x, g| {
                let mut f = 0.0;
                for (k, (xi, gi)) in x.iter().zip(g.iter_mut()).enumerate() {
                    let w = (k + 1) as f64;
                    f += w * (xi - k as f64).powi(2);
                    *gi = 2.0 * w * (xi - k as f64);
                }
                f
            },
        );
        assert!(v < 1e-12, "{v}");
        for (k, xi) in x.iter().enumerate() {
            assert!((xi - k as f64).abs() < 1e-6, "{x:?}");
        }
    }
}
