//! Issue 26: tuning the site model's settings.  Trains a site model on a
//! corpus's `train.csv` with the settings given, prints the
//! cross-validated ROC AUC of every setting cross-validation tried (the
//! figure settings are chosen by) and, for the report only, the dev ROC
//! AUC of the built-in and the site model through the whole scorer.
//! Nothing is written: models trained on OLID, UCC or SFU may not be kept.
//!
//! ```text
//! cargo run --release --example site_tune -- --corpus olid_offenseval2019 --label offensive
//! cargo run --release --example site_tune -- --all --penalties 3,1,0.3
//! ```

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Result;
use clap::Parser;
use rayon::prelude::*;
use threadwatch::analyze::incivility::Scorer;
use threadwatch::analyze::matcher::Lexicon;
use threadwatch::analyze::metrics::roc_auc;
use threadwatch::analyze::model::Model;
use threadwatch::analyze::site::grams;
use threadwatch::analyze::standalone::score_text;
use threadwatch::analyze::target::Context;
use threadwatch::train::site::{train_site, SiteOptions};

mod common;
use common::read_labelled;

/// The goal corpora of issue 26 and their labels.
const GOALS: [(&str, &str); 4] = [
    ("olid_offenseval2019", "offensive"),
    ("ucc_unhealthy_comments", "antagonize"),
    ("reddit_incivility", "uncivil"),
    ("wiki_talk_context_toxicity", "toxic"),
];

#[derive(Parser)]
#[command(about = "Site-model settings: cross-validated on train.csv, reported on dev.csv")]
struct Args {
    /// Directory holding the corpus folders.
    #[arg(long, default_value = "../shared/corpora")]
    corpora: PathBuf,
    /// Corpus folder.
    #[arg(long, default_value = "olid_offenseval2019")]
    corpus: String,
    /// Label column.
    #[arg(long, default_value = "offensive")]
    label: String,
    /// Every goal corpus of issue 26 instead of --corpus.
    #[arg(long)]
    all: bool,
    /// L2 penalties, strongest first (default: the shipped ones).
    #[arg(long, value_delimiter = ',')]
    penalties: Vec<f64>,
    /// Fewest rows a text feature must be in (default: the shipped ones).
    #[arg(long, value_delimiter = ',')]
    min_dfs: Vec<u8>,
    /// Most solver evaluations per penalty.
    #[arg(long)]
    evaluations: Option<usize>,
    /// A signal's penalty grows with the rows it is in to this power.
    #[arg(long)]
    signal_df_power: Option<f64>,
    /// Naive-Bayes penalty scaling power (0 off).
    #[arg(long)]
    nb_power: Option<f64>,
    /// Naive-Bayes floor.
    #[arg(long)]
    nb_floor: Option<f64>,
    /// Class weight exponent.
    #[arg(long)]
    alpha: Option<f32>,
}

fn main() -> Result<()> {
    let args = Args::parse();
    let lexicon = Lexicon::builtin();
    let mut opts = SiteOptions::default();
    if !args.penalties.is_empty() {
        opts.penalties = Box::leak(args.penalties.clone().into_boxed_slice());
    }
    if !args.min_dfs.is_empty() {
        opts.min_dfs = Box::leak(args.min_dfs.clone().into_boxed_slice());
    }
    if let Some(e) = args.evaluations {
        opts.stop.evaluations = e;
    }
    if let Some(a) = args.signal_df_power {
        opts.signal_df_power = a;
    }
    if let Some(a) = args.nb_power {
        opts.nb_power = a;
    }
    if let Some(a) = args.nb_floor {
        opts.nb_floor = a;
    }
    if let Some(a) = args.alpha {
        opts.alpha = a;
    }
    let corpora: Vec<(String, String)> = if args.all {
        GOALS
            .iter()
            .map(|(c, l)| (c.to_string(), l.to_string()))
            .collect()
    } else {
        vec![(args.corpus.clone(), args.label.clone())]
    };
    for (corpus, label) in corpora {
        let dir = args.corpora.join(&corpus);
        if !dir.is_dir() {
            println!("{}: not found; nothing measured", dir.display());
            continue;
        }
        let train = read_labelled(&dir.join("train.csv"), &label)?;
        let dev = read_labelled(&dir.join("dev.csv"), &label)?;
        let rows: Vec<(&str, bool)> = train.iter().map(|(t, y)| (t.as_str(), *y)).collect();
        let t0 = Instant::now();
        let site = train_site(&rows, &lexicon, &opts)?;
        let secs = t0.elapsed().as_secs_f64();
        let dev_auc = |model: &Model| {
            let scorer = Scorer {
                lexicon: &lexicon,
                model,
            };
            let data: Vec<(f64, bool)> = dev
                .par_iter()
                .map(|(t, y)| (score_text(scorer, t).score.incivility, *y))
                .collect();
            roc_auc(&data).unwrap_or(0.0)
        };
        // The layer's own margin, before the scorer's caps (a verdict
        // needs a reason, issue 24): how much the caps' ties cost.
        let raw = site.model.site().map_or(0.0, |layer| {
            let scorer = Scorer {
                lexicon: &lexicon,
                model: &site.model,
            };
            let ctx = Context {
                surnames: lexicon.surnames(),
                ..Context::alone(None)
            };
            let data: Vec<(f64, bool)> = dev
                .par_iter()
                .map(|(t, y)| {
                    let (signals, own) = scorer.site_inputs(t, &[], &ctx);
                    let (_, g) = grams(&own, &|w| scorer.skip_word(w));
                    (layer.margin(&signals, &g), *y)
                })
                .collect();
            roc_auc(&data).unwrap_or(0.0)
        });
        let tried: Vec<String> = site
            .tried
            .iter()
            .map(|(s, a)| format!("{:e}/{}: {:.4}", s.l2, s.min_df, a.unwrap_or(0.0)))
            .collect();
        println!(
            "{corpus}: cv built-in {:.4} site {:.4} [{}] chosen {:?}; dev built-in {:.4} site {:.4} (margin {raw:.4}); \
             {} features; {secs:.1} s wall",
            site.auc_builtin.unwrap_or(0.0),
            site.auc_site.unwrap_or(0.0),
            tried.join(", "),
            site.setting,
            dev_auc(Model::builtin()),
            dev_auc(&site.model),
            site.model.site().map_or(0, |l| l.features.len()),
        );
    }
    Ok(())
}
