//! Accuracy metrics for scored, labelled texts: ROC AUC, average
//! precision, and precision/recall/F1 at a threshold.
//!
//! Issue 3 states its accuracy goals in these terms, and both the model
//! trainer (`examples/train.rs`) and the evaluators measure with the same
//! code, so a figure in `docs/ACCURACY.md` means one thing everywhere.
//! Every function is pure and deterministic: input is a slice of
//! `(score, label)` pairs in any order, ties between scores are handled
//! explicitly, and sorting uses [`f64::total_cmp`] so the result never
//! depends on the input order.

use std::cmp::Ordering;

/// Precision, recall and F1 of the rule "predict positive when
/// `score >= threshold`", with the confusion counts behind them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prf {
    /// The decision threshold (inclusive).
    pub threshold: f64,
    /// True positives: labelled positive, predicted positive.
    pub tp: usize,
    /// False positives: labelled negative, predicted positive.
    pub fp: usize,
    /// False negatives: labelled positive, predicted negative.
    pub fn_: usize,
    /// `tp / (tp + fp)`, or 0 when nothing is predicted positive.
    pub precision: f64,
    /// `tp / (tp + fn)`, or 0 when there are no positives.
    pub recall: f64,
    /// Harmonic mean of precision and recall, or 0 when both are 0.
    pub f1: f64,
}

impl Prf {
    fn from_counts(threshold: f64, tp: usize, fp: usize, fn_: usize) -> Prf {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(tp, tp + fp);
        let recall = ratio(tp, tp + fn_);
        // 2tp / (2tp + fp + fn) equals the harmonic mean and is exact in
        // integers until the last division.
        let f1 = ratio(2 * tp, 2 * tp + fp + fn_);
        Prf {
            threshold,
            tp,
            fp,
            fn_,
            precision,
            recall,
            f1,
        }
    }
}

/// Pairs sorted by score, highest first; equal scores keep a fixed order
/// (positives first) so the sort is total and input-order independent.
fn sorted_desc(data: &[(f64, bool)]) -> Vec<(f64, bool)> {
    let mut v = data.to_vec();
    v.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
    v
}

/// Groups of equal scores in `sorted` (descending), as
/// `(score, positives, negatives)` in descending score order.
fn tie_groups(sorted: &[(f64, bool)]) -> Vec<(f64, usize, usize)> {
    let mut groups: Vec<(f64, usize, usize)> = Vec::new();
    for &(s, y) in sorted {
        match groups.last_mut() {
            Some(g) if g.0.total_cmp(&s) == Ordering::Equal => {
                if y {
                    g.1 += 1;
                } else {
                    g.2 += 1;
                }
            }
            _ => groups.push((s, usize::from(y), usize::from(!y))),
        }
    }
    groups
}

/// Area under the ROC curve: the probability that a random positive scores
/// above a random negative, counting a tie as one half.
///
/// Computed as the Mann-Whitney U statistic with average ranks for tied
/// scores, so tied scores across classes contribute exactly 0.5.  Returns
/// `None` when either class is absent (the area is undefined).
pub fn roc_auc(data: &[(f64, bool)]) -> Option<f64> {
    let pos = data.iter().filter(|d| d.1).count();
    let neg = data.len() - pos;
    if pos == 0 || neg == 0 {
        return None;
    }
    // Ascending ranks: walk the descending groups from the end.
    let groups = tie_groups(&sorted_desc(data));
    let mut rank_sum_pos = 0.0f64;
    let mut below = 0usize;
    for &(_, p, n) in groups.iter().rev() {
        let size = p + n;
        // Ranks below+1 ..= below+size; their mean is below + (size+1)/2.
        let avg_rank = below as f64 + (size as f64 + 1.0) / 2.0;
        rank_sum_pos += avg_rank * p as f64;
        below += size;
    }
    let (p, n) = (pos as f64, neg as f64);
    Some((rank_sum_pos - p * (p + 1.0) / 2.0) / (p * n))
}

/// Average precision: the mean, over positives, of the precision at the
/// point where each is recalled, i.e. `sum_k (R_k - R_(k-1)) * P_k` over
/// the distinct score thresholds from high to low (scikit-learn's
/// definition, without interpolation).
///
/// All items with the same score enter at the same threshold, so the
/// result does not depend on how ties are ordered.  Returns `None` when
/// there are no positives.
pub fn average_precision(data: &[(f64, bool)]) -> Option<f64> {
    let pos = data.iter().filter(|d| d.1).count();
    if pos == 0 {
        return None;
    }
    let mut ap = 0.0;
    let (mut tp, mut fp) = (0usize, 0usize);
    for (_, p, n) in tie_groups(&sorted_desc(data)) {
        tp += p;
        fp += n;
        if p > 0 {
            let precision = tp as f64 / (tp + fp) as f64;
            ap += precision * p as f64 / pos as f64;
        }
    }
    Some(ap)
}

/// Precision, recall and F1 when items with `score >= threshold` are
/// predicted positive.
pub fn prf_at(data: &[(f64, bool)], threshold: f64) -> Prf {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for &(s, y) in data {
        let predicted = s >= threshold;
        match (predicted, y) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fn_ += 1,
            (false, false) => {}
        }
    }
    Prf::from_counts(threshold, tp, fp, fn_)
}

/// The threshold with the highest F1, chosen among the observed scores,
/// with the figures at that threshold.
///
/// Ties in F1 go to the higher threshold (fewer flags for a moderator to
/// review).  Returns `None` when there are no positives (every F1 is 0).
pub fn best_f1_threshold(data: &[(f64, bool)]) -> Option<Prf> {
    let pos = data.iter().filter(|d| d.1).count();
    if pos == 0 {
        return None;
    }
    let mut best: Option<Prf> = None;
    let (mut tp, mut fp) = (0usize, 0usize);
    for (s, p, n) in tie_groups(&sorted_desc(data)) {
        tp += p;
        fp += n;
        let prf = Prf::from_counts(s, tp, fp, pos - tp);
        // Strictly greater: earlier (higher) thresholds win ties.
        let better = match best {
            None => true,
            Some(b) => prf.f1 > b.f1,
        };
        if better {
            best = Some(prf);
        }
    }
    best
}

#[cfg(test)]
mod tests;
