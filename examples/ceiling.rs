//! How far a linear model over our features can go on each accuracy goal
//! of issue 3 when it is trained *in domain*: the learned layer (same
//! features and optimiser as the shipped weights) fitted on a corpus's own
//! `train.csv` alone and measured on its `dev.csv`, alone and combined with
//! the shipped word lists, next to the shipped scorer's figure on the same
//! rows and that of the word lists with no learned layer at all (what the
//! costliest stage of scoring buys, issue 6).
//!
//! ```text
//! cargo run --release --example ceiling
//! ```
//!
//! This is a diagnostic, never a source of shipped weights: OLID and UCC
//! may not be trained on for shipping (their licences are not CC0, MIT,
//! BSD or Apache-2.0), and nothing here is written to disk.  It answers
//! one question: would more tuning of this design close the gap to a goal,
//! or does the goal need a different kind of model?  See
//! docs/ACCURACY_LIMITS.md.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use rayon::prelude::*;
use threadwatch::analyze::incivility::Scorer;
use threadwatch::analyze::matcher::Lexicon;
use threadwatch::analyze::metrics::roc_auc;
use threadwatch::analyze::model::Model;
use threadwatch::analyze::standalone::{score_text, EvalScore};
use threadwatch::train::{train, TrainExample, TrainOptions};

mod common;
use common::read_labelled;

/// (corpus, label, goal ROC AUC, what the shipped scorer ranks by)
const GOALS: [(&str, &str, f64, EvalScore); 5] = [
    ("reddit_incivility", "uncivil", 0.94, EvalScore::Incivility),
    (
        "olid_offenseval2019",
        "offensive",
        0.85,
        EvalScore::Incivility,
    ),
    (
        "olid_offenseval2019",
        "target_individual",
        0.80,
        EvalScore::Targeted,
    ),
    (
        "ucc_unhealthy_comments",
        "antagonize",
        0.78,
        EvalScore::Incivility,
    ),
    (
        "wiki_talk_context_toxicity",
        "toxic",
        0.82,
        EvalScore::Incivility,
    ),
];

/// Positives count `(negatives/positives)^ALPHA`, as in the shipped
/// training (`examples/train.rs`).
const ALPHA: f32 = 0.25;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ceiling: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<()> {
    let corpora = Path::new("../shared/corpora");
    if !corpora.is_dir() {
        println!(
            "ceiling: {} not found; nothing measured (the corpora live outside this repository)",
            corpora.display()
        );
        return Ok(());
    }
    let lexicon = Lexicon::builtin();
    let shipped = Scorer {
        lexicon: &lexicon,
        model: Model::builtin(),
    };
    println!(
        "dev ROC AUC. shipped: the shipped scorer; in-domain: the learned layer fitted on the"
    );
    println!(
        "corpus's own train.csv alone; both: the shipped word lists with those in-domain weights"
    );
    println!("lists: the shipped word lists and shouting with no learned layer");
    println!(
        "{:<58} {:>7} {:>10} {:>9} {:>14} {:>5}",
        "corpus: label", "shipped", "lists", "in-domain", "both", "goal"
    );
    for (corpus, label, goal, how) in GOALS {
        let train_rows = read_labelled(&corpora.join(corpus).join("train.csv"), label)?;
        let dev = read_labelled(&corpora.join(corpus).join("dev.csv"), label)?;
        let in_domain = fit(&train_rows);
        let auc = |score: &(dyn Fn(&str) -> f64 + Sync)| {
            let scored: Vec<(f64, bool)> = dev.par_iter().map(|(t, y)| (score(t), *y)).collect();
            roc_auc(&scored).unwrap_or(f64::NAN)
        };
        let ours = auc(&|t| how.of(&score_text(shipped, t)));
        let ceiling = auc(&|t| in_domain.score(t));
        let swapped = Scorer {
            lexicon: &lexicon,
            model: &in_domain,
        };
        let both = auc(&|t| how.of(&score_text(swapped, t)));
        // A model fitted on nothing scores every text alike, so the
        // ranking is that of the word lists and shouting alone: what
        // scoring would be worth without the learned layer, the costliest
        // stage (issue 6).
        let untrained = fit(&[]);
        let lists_only = Scorer {
            lexicon: &lexicon,
            model: &untrained,
        };
        let lists = auc(&|t| how.of(&score_text(lists_only, t)));
        println!(
            "{:<58} {ours:>7.3} {lists:>10.3} {ceiling:>9.3} {both:>14.3} {goal:>5.2}",
            format!("{corpus}: {label} ({} train rows)", train_rows.len())
        );
    }
    Ok(())
}

/// The learned layer fitted on `rows` alone, with the shipped settings.
fn fit(rows: &[(String, bool)]) -> Model {
    let pos = rows.iter().filter(|r| r.1).count().max(1);
    let neg = rows.len().saturating_sub(pos);
    let pos_w = (neg as f32 / pos as f32).powf(ALPHA);
    let examples: Vec<TrainExample<'_>> = rows
        .iter()
        .map(|(text, label)| TrainExample {
            text,
            label: *label,
            weight: if *label { pos_w } else { 1.0 },
            group: 0,
        })
        .collect();
    train(
        &examples,
        1,
        &TrainOptions {
            epochs: 6,
            ..TrainOptions::default()
        },
    )
    .expect("the default features are supported")
}
