//! Training the learned layer (out of `analyze/model.rs` by issue 13):
//! weighted logistic regression with AdaGrad over the features
//! `analyze::model` extracts, optionally starting from a prior model.
//!
//! Two users: `examples/train.rs` fits the shipped weights on the
//! permissively licensed corpora, and `threadwatch train` (issue 15,
//! [`site`]) adjusts the built-in weights to a site's own moderation
//! decisions.  Both go through [`fit`], so there is one trainer.
//!
//! Every text is extracted once ([`prepare`]) and the epochs run over the
//! features held in memory.  Training is single-threaded, shuffles with a
//! fixed seed (SplitMix64) and sums in a fixed order, so the same inputs
//! always give the same bytes; without a prior it reproduces the shipped
//! weights exactly as the trainer inside `model.rs` did.  No IO.

pub mod label;
pub mod lbfgs;
pub mod site;

use crate::analyze::model::{
    features_into, sigmoid, FeatureConfig, Features, Model, ModelError, Weights, N_DENSE,
};
use crate::stable::SplitMix64;

/// One labelled text for [`train`].
#[derive(Debug, Clone, Copy)]
pub struct TrainExample<'a> {
    /// The comment text.
    pub text: &'a str,
    /// Whether it is uncivil.
    pub label: bool,
    /// How much this example counts in the loss (corpus and class
    /// weighting).
    pub weight: f32,
    /// Which source corpus it comes from (`0..groups`); each group gets its
    /// own intercept during training, so base rates and sampling quirks of
    /// a corpus go into the intercept instead of the word weights.
    pub group: usize,
}

/// A [`TrainExample`] with its features extracted.
#[derive(Debug, Clone)]
pub struct Example {
    /// The text's features.
    pub features: Features,
    /// Whether it is uncivil.
    pub label: bool,
    /// Weight in the loss.
    pub weight: f32,
    /// Intercept group.
    pub group: usize,
}

/// Settings for [`train`].
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    /// The features to extract.
    pub config: FeatureConfig,
    /// Passes over the data.
    pub epochs: u32,
    /// AdaGrad base learning rate.
    pub learning_rate: f32,
    /// L2 penalty, applied to the weights an example touches, towards the
    /// prior's weights (towards zero without a prior).
    pub l2: f32,
    /// Seed of the shuffling generator (SplitMix64).
    pub seed: u64,
    /// Storage precision of bucket weights: 8 or 16 bits.
    pub quant_bits: u8,
    /// The group whose intercept becomes the shipped bias.
    pub output_group: usize,
    /// Decision threshold written into the model.
    pub threshold: f64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            config: FeatureConfig::default(),
            epochs: 5,
            learning_rate: 0.1,
            l2: 1e-6,
            seed: 0x7468_7265_6164_7761, // "threadwa"
            quant_bits: 8,
            output_group: 0,
            threshold: 0.5,
        }
    }
}

/// Fisher-Yates shuffle of `v` with `rng`.
pub(crate) fn shuffle<T>(rng: &mut SplitMix64, v: &mut [T]) {
    for i in (1..v.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        v.swap(i, j);
    }
}

/// Extracts the features of every example once, under `cfg`.
pub fn prepare(cfg: &FeatureConfig, examples: &[TrainExample<'_>]) -> Vec<Example> {
    examples
        .iter()
        .map(|ex| {
            let mut features = Features::default();
            features_into(cfg, ex.text, &mut features);
            Example {
                features,
                label: ex.label,
                weight: ex.weight,
                group: ex.group,
            }
        })
        .collect()
}

/// Trains a model by weighted logistic regression with AdaGrad, in one
/// thread, shuffling with `opts.seed` each epoch, then quantises the
/// weights.  The same inputs always give the same bytes.
///
/// `groups` is the number of distinct [`TrainExample::group`] values.
/// An unsupported configuration in `opts` is an error.
pub fn train(
    examples: &[TrainExample<'_>],
    groups: usize,
    opts: &TrainOptions,
) -> Result<Model, ModelError> {
    opts.config.check()?;
    let prepared = prepare(&opts.config, examples);
    let all: Vec<usize> = (0..prepared.len()).collect();
    fit(&prepared, &all, groups, None, opts)
}

/// [`train`] over the examples `subset` (indices into `examples`, in
/// order) of already extracted examples, starting from `prior` when given:
/// its weights are the starting point and the L2 penalty pulls towards
/// them, so data that says nothing about a word leaves it as the prior
/// had it.  A prior must have been trained on `opts.config` (the buckets
/// would not mean the same words otherwise); an error if not, and if the
/// weights diverge to something that is not a finite number.
pub fn fit(
    examples: &[Example],
    subset: &[usize],
    groups: usize,
    prior: Option<&Model>,
    opts: &TrainOptions,
) -> Result<Model, ModelError> {
    let cfg = opts.config;
    cfg.check()?;
    if prior.is_some_and(|p| p.config() != cfg) {
        return Err(ModelError::BadConfig(format!(
            "the prior was trained on other features ({:?}) than asked for ({cfg:?})",
            prior.map(Model::config)
        )));
    }
    let n = 1usize << cfg.bucket_bits;
    let groups = groups.max(1);
    let (w0, dense0, bias0) = match prior {
        Some(p) => {
            let pw: Weights = p.to_weights();
            let w0: Vec<f32> = pw
                .buckets
                .iter()
                .map(|&q| f32::from(q) * pw.scale)
                .collect();
            (w0, pw.dense, pw.bias)
        }
        None => (vec![0f32; n], [0f32; N_DENSE], 0f32),
    };
    let mut w = w0.clone();
    let mut g2 = vec![0f32; n];
    let mut dense = dense0;
    let mut dense_g2 = [0f32; N_DENSE];
    let mut bias = vec![bias0; groups];
    let mut bias_g2 = vec![0f32; groups];
    let lr = opts.learning_rate;
    let eps = 1e-6f32;

    let mut order: Vec<usize> = subset.to_vec();
    let mut rng = SplitMix64::new(opts.seed);
    for _ in 0..opts.epochs {
        shuffle(&mut rng, &mut order);
        for &e in &order {
            let ex = &examples[e];
            let f = &ex.features;
            let mut z = f64::from(bias[ex.group]);
            for &entry in &f.buckets {
                let (b, v) = f.entry(entry);
                z += f64::from(w[b] * v);
            }
            for (dw, x) in dense.iter().zip(f.dense) {
                z += f64::from(dw * x);
            }
            let p = sigmoid(z) as f32;
            let err = (p - f32::from(u8::from(ex.label))) * ex.weight;
            if err == 0.0 {
                continue;
            }
            for &entry in &f.buckets {
                let (b, v) = f.entry(entry);
                let g = err * v + opts.l2 * (w[b] - w0[b]);
                g2[b] += g * g;
                w[b] -= lr * g / (g2[b].sqrt() + eps);
            }
            for d in 0..N_DENSE {
                let g = err * f.dense[d] + opts.l2 * (dense[d] - dense0[d]);
                dense_g2[d] += g * g;
                dense[d] -= lr * g / (dense_g2[d].sqrt() + eps);
            }
            let gb = ex.group;
            bias_g2[gb] += err * err;
            bias[gb] -= lr * err / (bias_g2[gb].sqrt() + eps);
        }
    }

    let qmax: f32 = if opts.quant_bits == 8 { 127.0 } else { 32767.0 };
    let max_abs = w.iter().fold(0f32, |m, x| m.max(x.abs()));
    let scale = if max_abs > 0.0 { max_abs / qmax } else { 1.0 };
    let buckets: Vec<i16> = w
        .iter()
        .map(|x| (x / scale).round().clamp(-qmax, qmax) as i16)
        .collect();
    Model::new(Weights {
        config: cfg,
        quant_bits: if opts.quant_bits == 8 { 8 } else { 16 },
        scale,
        bias: bias[opts.output_group.min(groups - 1)],
        threshold: opts.threshold as f32,
        dense,
        buckets,
    })
}

#[cfg(test)]
mod tests;
