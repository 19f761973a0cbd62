//! Issue 26: does a site model learn a site's rules in both directions,
//! and does a 30-row site model do no harm?  Measured on a dev corpus,
//! nothing kept on disk (models trained on OLID or UCC may not be).
//!
//! ```text
//! cargo run --release --example site_policy
//! cargo run --release --example site_policy -- --corpus reddit_incivility --label uncivil
//! ```
//!
//! Policies: synthetic site rules that relabel the corpus, the train split
//! to train on and the dev split to check against, using the built-in
//! scorer's own reading of each row (its flags and target):
//! - `allow_public_figures`: criticism of public figures is fine here
//!   (uncivil rows aimed at a public figure become civil);
//! - `ban_profanity`: every comment with a vulgar word is removed;
//! - `allow_untargeted_profanity`: vulgar words with no target are fine
//!   (uncivil rows whose only flags are vulgarity or shouting and that
//!   have no target become civil).
//!
//! For each policy: among the dev rows whose label the policy changed,
//! the share the built-in model and the site model call uncivil (it must
//! move the way the policy says), and the ROC AUC against the policy's
//! labels of all dev rows.  Then small sites: site models trained on 30
//! train rows (five seeds), dev ROC AUC against the built-in model's.

use std::path::PathBuf;

use anyhow::Result;
use clap::Parser;
use rayon::prelude::*;
use threadwatch::analyze::category::Category;
use threadwatch::analyze::incivility::Scorer;
use threadwatch::analyze::matcher::Lexicon;
use threadwatch::analyze::metrics::roc_auc;
use threadwatch::analyze::model::Model;
use threadwatch::analyze::standalone::{score_text, Standalone};
use threadwatch::analyze::target::Target;
use threadwatch::stable::SplitMix64;
use threadwatch::train::site::{train_site, SiteOptions};

mod common;
use common::read_labelled;

#[derive(Parser)]
#[command(about = "Synthetic site policies and 30-row site models on a dev corpus")]
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
    /// Seeds of the 30-row site models.
    #[arg(long, default_value_t = 5)]
    seeds: u64,
    /// Only the small sites (no policies).
    #[arg(long)]
    small_only: bool,
}

/// A policy: its name, whether it makes rows civil (else uncivil), and
/// the new label of a row from its old label and the built-in reading.
type Policy = (&'static str, bool, fn(bool, &Standalone) -> bool);

fn vulgar(s: &Standalone) -> bool {
    s.score.flags[Category::VULGARITY.index()]
}

const POLICIES: [Policy; 3] = [
    ("allow_public_figures", true, |y, s| {
        y && s.target.target != Target::PublicFigure
    }),
    ("ban_profanity", false, |y, s| y || vulgar(s)),
    ("allow_untargeted_profanity", true, |y, s| {
        let only = s.score.flags.iter().enumerate().all(|(i, &f)| {
            !f || i == Category::VULGARITY.index() || i == Category::SHOUTING.index()
        });
        y && !(vulgar(s) && only && s.target.target == Target::None)
    }),
];

fn main() -> Result<()> {
    let args = Args::parse();
    let dir = args.corpora.join(&args.corpus);
    if !dir.is_dir() {
        println!(
            "site_policy: {} not found; nothing to measure",
            dir.display()
        );
        return Ok(());
    }
    let train = read_labelled(&dir.join("train.csv"), &args.label)?;
    let dev = read_labelled(&dir.join("dev.csv"), &args.label)?;
    let lexicon = Lexicon::builtin();
    let builtin = Scorer {
        lexicon: &lexicon,
        model: Model::builtin(),
    };
    let read = |rows: &[(String, bool)]| -> Vec<Standalone> {
        rows.par_iter()
            .map(|(t, _)| score_text(builtin, t))
            .collect()
    };
    let (train_s, dev_s) = (read(&train), read(&dev));
    let opts = SiteOptions::default();
    println!(
        "{}: {} (train {} rows, dev {} rows)\n",
        args.corpus,
        args.label,
        train.len(),
        dev.len()
    );
    println!("| policy | dev rows relabelled | uncivil among them: built-in -> site | wanted | dev AUC on the policy's labels: built-in -> site |");
    println!("|---|---|---|---|---|");
    let policies: &[Policy] = if args.small_only { &[] } else { &POLICIES };
    for &(name, to_civil, rule) in policies {
        let relabel = |rows: &[(String, bool)], s: &[Standalone]| -> Vec<bool> {
            rows.iter().zip(s).map(|((_, y), s)| rule(*y, s)).collect()
        };
        let (ty, dy) = (relabel(&train, &train_s), relabel(&dev, &dev_s));
        let rows: Vec<(&str, bool)> = train
            .iter()
            .zip(&ty)
            .map(|((t, _), &y)| (t.as_str(), y))
            .collect();
        let site = train_site(&rows, &lexicon, &opts)?;
        let scorer = Scorer {
            lexicon: &lexicon,
            model: &site.model,
        };
        let after: Vec<Standalone> = dev.par_iter().map(|(t, _)| score_text(scorer, t)).collect();
        let changed: Vec<usize> = (0..dev.len()).filter(|&i| dev[i].1 != dy[i]).collect();
        let share = |s: &[Standalone]| {
            changed.iter().filter(|&&i| s[i].score.uncivil).count() as f64
                / changed.len().max(1) as f64
        };
        let auc = |s: &[Standalone]| {
            roc_auc(
                &s.iter()
                    .zip(&dy)
                    .map(|(s, &y)| (s.score.incivility, y))
                    .collect::<Vec<_>>(),
            )
            .unwrap_or(f64::NAN)
        };
        println!(
            "| {name} | {} | {:.3} -> {:.3} | {} | {:.3} -> {:.3} |",
            changed.len(),
            share(&dev_s),
            share(&after),
            if to_civil { "lower" } else { "higher" },
            auc(&dev_s),
            auc(&after),
        );
    }

    println!("\n| 30-row site model, seed | rows (uncivil) | dev AUC built-in | dev AUC site | setting |");
    println!("|---|---|---|---|---|");
    let base = roc_auc(
        &dev_s
            .iter()
            .zip(&dev)
            .map(|(s, r)| (s.score.incivility, r.1))
            .collect::<Vec<_>>(),
    )
    .unwrap_or(f64::NAN);
    for seed in 0..args.seeds {
        // 30 rows drawn at random, redrawn until each kind has 5.
        let mut rng = SplitMix64::new(seed);
        let pick = loop {
            let mut idx: Vec<usize> = (0..train.len()).collect();
            for i in (1..idx.len()).rev() {
                idx.swap(i, rng.below(i as u64 + 1) as usize);
            }
            idx.truncate(30);
            let pos = idx.iter().filter(|&&i| train[i].1).count();
            if (5..=25).contains(&pos) {
                break idx;
            }
        };
        let rows: Vec<(&str, bool)> = pick
            .iter()
            .map(|&i| (train[i].0.as_str(), train[i].1))
            .collect();
        let site = train_site(&rows, &lexicon, &opts)?;
        let scorer = Scorer {
            lexicon: &lexicon,
            model: &site.model,
        };
        let auc = roc_auc(
            &dev.par_iter()
                .map(|(t, y)| (score_text(scorer, t).score.incivility, *y))
                .collect::<Vec<_>>(),
        )
        .unwrap_or(f64::NAN);
        println!(
            "| {seed} | 30 ({}) | {base:.3} | {auc:.3} | {} |",
            rows.iter().filter(|r| r.1).count(),
            site.setting.map_or("built-in kept".to_owned(), |s| format!(
                "L2 {:e}, min_df {}",
                s.l2, s.min_df
            ))
        );
    }
    Ok(())
}
