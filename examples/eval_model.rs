//! Measures the learned incivility layer on every `dev.csv` target of
//! issue 3 and prints a table (ROC AUC, average precision, P/R/F1 at the
//! model's shipped threshold) next to the issue's goals, plus the scoring
//! speed on one core.
//!
//! ```text
//! cargo run --release --example eval_model
//! cargo run --release --example eval_model -- --model other.bin --show 5
//! ```
//!
//! Dev splits are only measured, never tuned on: the threshold is the one
//! stored in the weights file, chosen by `examples/train.rs` on held-out
//! `train.csv` rows.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Parser;
use threadwatch::analyze::metrics::{average_precision, best_f1_threshold, prf_at, roc_auc};
use threadwatch::analyze::model::Model;

mod common;
use common::read_labelled;

/// A dev-set target: corpus, label column, AUC goal, F1 goal.
type Target = (&'static str, &'static str, Option<f64>, Option<f64>);

/// The goals of issue 3, then extra targets reported for information.
const TARGETS: [Target; 10] = [
    ("reddit_incivility", "uncivil", Some(0.94), Some(0.75)),
    ("olid_offenseval2019", "offensive", Some(0.85), Some(0.65)),
    ("olid_offenseval2019", "target_individual", Some(0.80), None),
    ("ucc_unhealthy_comments", "antagonize", Some(0.78), None),
    ("wiki_talk_context_toxicity", "toxic", Some(0.82), None),
    ("ucc_unhealthy_comments", "hostile", None, None),
    ("sfu_constructiveness_toxicity", "toxic", None, None),
    ("fox_news_hate_threads", "hateful", None, None),
    ("davidson_hate_offensive", "abusive", None, None),
    ("civil_comments_toxic_spans", "insult", None, None),
];

#[derive(Parser)]
#[command(about = "Evaluate the incivility weights on ../shared/corpora dev.csv splits")]
struct Args {
    /// Directory holding the corpus folders.
    #[arg(long, default_value = "../shared/corpora")]
    corpora: PathBuf,
    /// A weights file to evaluate instead of the built-in one.
    #[arg(long)]
    model: Option<PathBuf>,
    /// Also print the N worst-ranked positives and negatives per target.
    #[arg(long, default_value_t = 0)]
    show: usize,
}

fn goal(v: f64, g: Option<f64>) -> String {
    match g {
        Some(g) if v >= g => format!(">= {g:.2} met"),
        Some(g) => format!(">= {g:.2} NOT met"),
        None => "-".to_string(),
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("eval_model: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<()> {
    let args = Args::parse();
    if !args.corpora.is_dir() {
        println!(
            "eval_model: {} not found; nothing to evaluate",
            args.corpora.display()
        );
        return Ok(());
    }
    let owned;
    let model: &Model = match &args.model {
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
            owned = threadwatch::model_file::decode_weights(&bytes)
                .with_context(|| format!("loading {}", p.display()))?;
            &owned
        }
        None => Model::builtin(),
    };
    let threshold = model.threshold();
    println!("threshold {threshold:.4} (stored in the weights file)\n");
    println!(
        "| corpus: label (dev) | rows | pos | ROC AUC | AP | P | R | F1 | AUC goal | F1 goal |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    let (mut texts, mut seconds) = (0usize, 0f64);
    for (dir, label, auc_goal, f1_goal) in TARGETS {
        let path = args.corpora.join(dir).join("dev.csv");
        let rows = read_labelled(&path, label)?;
        let t = Instant::now();
        let scored: Vec<(f64, bool)> = rows.iter().map(|r| (model.score(&r.0), r.1)).collect();
        seconds += t.elapsed().as_secs_f64();
        texts += rows.len();
        let auc = roc_auc(&scored).unwrap_or(f64::NAN);
        let ap = average_precision(&scored).unwrap_or(f64::NAN);
        let at = prf_at(&scored, threshold);
        let pos = rows.iter().filter(|r| r.1).count();
        println!(
            "| {dir}: {label} | {} | {pos} | {auc:.3} | {ap:.3} | {:.3} | {:.3} | {:.3} | {} | {} |",
            rows.len(),
            at.precision,
            at.recall,
            at.f1,
            goal(auc, auc_goal),
            f1_goal.map_or("-".to_string(), |g| goal(at.f1, Some(g))),
        );
        if let Some(best) = best_f1_threshold(&scored) {
            println!(
                "|   (oracle, not used: best dev F1 {:.3} at {:.4}) | | | | | | | | | |",
                best.f1, best.threshold
            );
        }
        if args.show > 0 {
            let mut order: Vec<usize> = (0..rows.len()).collect();
            order.sort_by(|&a, &b| scored[a].0.total_cmp(&scored[b].0));
            let low_pos = order.iter().filter(|&&i| rows[i].1).take(args.show);
            let high_neg = order.iter().rev().filter(|&&i| !rows[i].1).take(args.show);
            for &i in low_pos.chain(high_neg) {
                let text: String = rows[i].0.chars().take(160).collect();
                let why = model.explain(&rows[i].0, 4);
                println!(
                    "    {} {:.3} {:?} {:?}",
                    u8::from(rows[i].1),
                    scored[i].0,
                    text,
                    why
                );
            }
        }
    }
    println!(
        "\nscored {texts} dev texts in {seconds:.3}s on one core: {:.0} texts/s",
        texts as f64 / seconds
    );
    Ok(())
}
