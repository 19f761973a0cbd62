//! A site's own model (issue 15): the built-in learned layer adjusted to a
//! site's moderation decisions, with the cross-validated figures that tell
//! the moderator whether it helps and the words that moved most.
//!
//! The word lists and the rule layer stay as they are; the learned layer
//! is retrained, and the site also gets its own weighting of the lists and
//! the rule layer against the built-in combination (`train/stack.rs`),
//! fitted on the cross-validation's out-of-fold scores, so that it learns
//! how the lists do next to a layer that has not seen the row.  Figures
//! rank by the whole scorer (word lists, shouting and the layer), because
//! that is what the reports use.
//! `threadwatch train` (cmd/train.rs) reads the file and writes the model;
//! this module does no IO.

use std::collections::BTreeMap;

use rayon::prelude::*;
use thiserror::Error;

use super::{fit, prepare, shuffle, stack, TrainExample, TrainOptions};
use crate::analyze::incivility::{noisy_or, Scorer};
use crate::analyze::matcher::Lexicon;
use crate::analyze::metrics::roc_auc;
use crate::analyze::model::{words, Model, ModelError};
use crate::analyze::stack::Parts;
use crate::analyze::standalone::score_text;
use crate::stable::SplitMix64;

/// Fewest labelled rows `train` accepts: below this a cross-validated
/// figure says little and the model mostly learns noise.
pub const MIN_ROWS: usize = 100;
/// Below this many rows of a class, `train` warns.
pub const WARN_CLASS: usize = 30;

/// Settings of [`train_site`].
#[derive(Debug, Clone, Copy)]
pub struct SiteOptions {
    /// Optimiser settings (the features must be the prior's).
    pub train: TrainOptions,
    /// Folds of the cross-validation.
    pub folds: u8,
    /// Uncivil rows count `(civil / uncivil)^alpha`, so a rare class still
    /// moves the weights.
    pub alpha: f32,
    /// Words listed per direction in [`SiteReport`].
    pub moved: usize,
    /// A word is listed only when this many rows contain it.
    pub moved_min_rows: usize,
    /// Whether the site model also learns its own combination of the
    /// component scores (`analyze/stack.rs`) instead of the built-in
    /// noisy-OR.
    pub stack: bool,
}

/// The defaults were chosen by the cross-validated figure `train` prints,
/// on the `train.csv` of OLID, UCC, reddit_incivility and wiki_talk (never
/// their dev.csv): epochs 2 to 8, learning rate 0.02 to 0.1, L2 1e-6 to
/// 1e-3 and alpha 0 to 0.5 moved OLID and UCC by at most 0.005 ROC AUC;
/// a learning rate of 0.1 cost wiki 0.03, and the pull of L2 1e-3 towards
/// the prior kept wiki closest to the built-in model (docs/ACCURACY.md,
/// "Site models").
impl Default for SiteOptions {
    fn default() -> Self {
        SiteOptions {
            train: TrainOptions {
                epochs: 4,
                learning_rate: 0.05,
                // Pulls towards the prior: a site's few thousand rows
                // should move the words they speak about, not the rest.
                l2: 1e-3,
                ..TrainOptions::default()
            },
            folds: 5,
            alpha: 0.25,
            moved: 10,
            moved_min_rows: 3,
            stack: true,
        }
    }
}

/// Why the data cannot train a model.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SiteError {
    /// Too few labelled rows.
    #[error("only {0} labelled rows; at least {MIN_ROWS} are needed to train and cross-validate")]
    TooFew(usize),
    /// Every labelled row says the same.
    #[error("every labelled row is {0}; label some rows of the other kind too")]
    OneClass(&'static str),
    /// The prior does not fit the options.
    #[error(transparent)]
    Model(#[from] ModelError),
}

/// What [`train_site`] learnt and measured.
#[derive(Debug, Clone)]
pub struct SiteReport {
    /// The site model, trained on every labelled row.
    pub model: Model,
    /// ROC AUC of the whole scorer with the built-in layer on the rows.
    pub auc_builtin: Option<f64>,
    /// Cross-validated ROC AUC of the whole site model: each row scored
    /// by a layer and a combination trained without its fold.
    pub auc_site: Option<f64>,
    /// The same with the site layer in the built-in combination (equal to
    /// `auc_site` without a stack).
    pub auc_layer: Option<f64>,
    /// The combination's penalty and decision threshold (before it was
    /// moved to 0.5), when the model has one.
    pub stack: Option<(Option<f64>, f64)>,
    /// Words whose weight rose most (more uncivil than before), with the
    /// change in logit.
    pub more_uncivil: Vec<(String, f64)>,
    /// Words whose weight fell most (more civil than before).
    pub more_civil: Vec<(String, f64)>,
}

/// Warnings about `labelled` rows of which `positives` are uncivil, or the
/// reason they cannot be trained on.
pub fn check_counts(labelled: usize, positives: usize) -> Result<Vec<String>, SiteError> {
    if labelled < MIN_ROWS {
        return Err(SiteError::TooFew(labelled));
    }
    if positives == 0 {
        return Err(SiteError::OneClass("civil (ok)"));
    }
    if positives == labelled {
        return Err(SiteError::OneClass("uncivil (remove)"));
    }
    let mut warn = Vec::new();
    for (n, what) in [
        (positives, "uncivil (remove)"),
        (labelled - positives, "civil (ok)"),
    ] {
        if n < WARN_CLASS {
            warn.push(format!(
                "only {n} rows are labelled {what}; with fewer than {WARN_CLASS} the model and the \
                 figures are unreliable"
            ));
        }
    }
    Ok(warn)
}

/// Trains a site model on `rows` (text, uncivil), starting from `prior`
/// (normally the built-in layer), and cross-validates it in
/// `opts.folds` folds against the built-in layer, both inside the whole
/// scorer with `lexicon`.  Deterministic: the folds and every training
/// use fixed seeds, and the folds' scores are collected in row order.
pub fn train_site(
    rows: &[(&str, bool)],
    prior: Option<&Model>,
    lexicon: &Lexicon,
    opts: &SiteOptions,
) -> Result<SiteReport, SiteError> {
    let positives = rows.iter().filter(|r| r.1).count();
    check_counts(rows.len(), positives)?;
    let pos_w = ((rows.len() - positives) as f32 / positives as f32).powf(opts.alpha);
    let examples: Vec<TrainExample<'_>> = rows
        .iter()
        .map(|&(text, label)| TrainExample {
            text,
            label,
            weight: if label { pos_w } else { 1.0 },
            group: 0,
        })
        .collect();
    let train = TrainOptions {
        threshold: prior.map_or(0.5, Model::threshold),
        ..opts.train
    };
    let prepared = prepare(&train.config, &examples);

    // Folds: a fixed shuffle of the rows dealt round-robin, so a file
    // sorted by label or date still gives folds with both kinds.
    let k = usize::from(opts.folds.max(2));
    let mut order: Vec<usize> = (0..rows.len()).collect();
    shuffle(&mut SplitMix64::new(train.seed ^ 0x666f_6c64), &mut order);
    let mut fold = vec![0usize; rows.len()];
    for (i, &r) in order.iter().enumerate() {
        fold[r] = i % k;
    }
    let models: Vec<Model> = (0..k)
        .into_par_iter()
        .map(|f| {
            let subset: Vec<usize> = (0..rows.len()).filter(|&r| fold[r] != f).collect();
            fit(&prepared, &subset, 1, prior, &train)
        })
        .collect::<Result<_, _>>()?;
    let builtin = Model::builtin();
    let scored: Vec<(f64, Parts, bool)> = rows
        .par_iter()
        .enumerate()
        .map(|(r, &(text, y))| {
            let with = |model: &Model| score_text(Scorer { lexicon, model }, text).score;
            (with(builtin).incivility, with(&models[fold[r]]).parts, y)
        })
        .collect();
    let auc_builtin = roc_auc(&scored.iter().map(|s| (s.0, s.2)).collect::<Vec<_>>());
    let auc_layer = roc_auc(
        &scored
            .iter()
            .map(|s| (noisy_or(&s.1), s.2))
            .collect::<Vec<_>>(),
    );
    let chosen = opts.stack.then(|| {
        let stack_rows: Vec<stack::Row> = scored
            .iter()
            .zip(&examples)
            .map(|(s, ex)| stack::Row {
                features: s.1.features(noisy_or(&s.1)),
                label: s.2,
                weight: f64::from(ex.weight),
            })
            .collect();
        stack::choose(&stack_rows, &fold, k)
    });
    let auc_site = chosen.as_ref().map_or(auc_layer, |c| c.auc);

    let all: Vec<usize> = (0..rows.len()).collect();
    let model = fit(&prepared, &all, 1, prior, &train)?.with_stack(chosen.map(|c| c.stack))?;
    let (more_uncivil, more_civil) = moved(rows, prior.unwrap_or(builtin), &model, opts);
    Ok(SiteReport {
        model,
        auc_builtin,
        auc_site,
        auc_layer,
        stack: chosen.map(|c| (c.l2, c.threshold)),
        more_uncivil,
        more_civil,
    })
}

/// The words of at least `opts.moved_min_rows` rows whose weight changed
/// most from `before` to `after`: rises first, then falls, each largest
/// change first (ties by word).
type Moved = Vec<(String, f64)>;
fn moved(
    rows: &[(&str, bool)],
    before: &Model,
    after: &Model,
    opts: &SiteOptions,
) -> (Moved, Moved) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (text, _) in rows {
        let mut ws = words(text);
        ws.sort_unstable();
        ws.dedup();
        for w in ws {
            *seen.entry(w).or_default() += 1;
        }
    }
    let mut delta: Vec<(String, f64)> = seen
        .into_iter()
        .filter(|&(_, n)| n >= opts.moved_min_rows)
        .map(|(w, _)| {
            let d = after.word_weight(&w) - before.word_weight(&w);
            (w, d)
        })
        .collect();
    let take = |v: &mut Vec<(String, f64)>, up: bool| -> Moved {
        v.sort_by(|a, b| {
            let o = if up {
                b.1.total_cmp(&a.1)
            } else {
                a.1.total_cmp(&b.1)
            };
            o.then_with(|| a.0.cmp(&b.0))
        });
        v.iter()
            .filter(|(_, d)| if up { *d > 0.0 } else { *d < 0.0 })
            .take(opts.moved)
            .cloned()
            .collect()
    };
    let up = take(&mut delta, true);
    let down = take(&mut delta, false);
    (up, down)
}
