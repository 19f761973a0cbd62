//! Fits the `summaryScore` maps of `threadwatch serve` (issue 28) on the
//! train splits of ../shared/corpora and reports their calibration on the
//! dev splits.  Prints the `FITTED` table for
//! `src/perspective/calibration.rs` and the figures for docs/ACCURACY.md;
//! no text is written anywhere.
//!
//! Rows per attribute:
//! - TOXICITY: the main label of the general corpora (reddit_incivility
//!   `uncivil`, wiki_talk `toxic`, olid `offensive`, sfu `toxic`, ucc
//!   `antagonize`).
//! - the typed attributes: civil_comments_toxic_spans's typed labels (its
//!   comments were all judged toxic before typing), plus every civil row of
//!   the general corpora as a negative, so the map sees civil text too;
//!   IDENTITY_ATTACK and SEVERE_TOXICITY add fox_news `hateful` and
//!   davidson `hate_speech`.
//!
//! Run: `cargo run --release --example calibrate`.
use std::path::Path;

use anyhow::Result;
use rayon::prelude::*;
use threadwatch::analyze::incivility::Scorer;
use threadwatch::analyze::matcher::Lexicon;
use threadwatch::analyze::model::Model;
use threadwatch::analyze::standalone::score_text;
use threadwatch::perspective::attribute::{Attribute, PERSPECTIVE};
use threadwatch::perspective::calibration::{fit, Platt, FITTED};

mod common;
use common::{label_value, Corpus};

/// (corpus, label columns OR-ed)
const GENERAL: &[(&str, &[&str])] = &[
    ("reddit_incivility", &["uncivil"]),
    ("wiki_talk_context_toxicity", &["toxic"]),
    ("olid_offenseval2019", &["offensive"]),
    ("sfu_constructiveness_toxicity", &["toxic"]),
    ("ucc_unhealthy_comments", &["antagonize"]),
];

/// Typed labels per Perspective attribute (index in PERSPECTIVE), OR-ed.
fn typed(attr: usize) -> Vec<(&'static str, &'static [&'static str])> {
    let cc = "civil_comments_toxic_spans";
    match PERSPECTIVE[attr].name {
        "SEVERE_TOXICITY" => vec![
            (cc, &["threat", "identity_attack"][..]),
            ("fox_news_hate_threads", &["hateful"][..]),
            ("davidson_hate_offensive", &["hate_speech"][..]),
        ],
        "INSULT" => vec![(cc, &["insult"][..])],
        "PROFANITY" => vec![(cc, &["profane"][..])],
        "THREAT" => vec![(cc, &["threat"][..])],
        "IDENTITY_ATTACK" => vec![
            (cc, &["identity_attack"][..]),
            ("fox_news_hate_threads", &["hateful"][..]),
            ("davidson_hate_offensive", &["hate_speech"][..]),
        ],
        _ => vec![],
    }
}

/// One scored text: incivility and flags.
type Scored = (f64, [bool; threadwatch::analyze::category::COUNT]);

/// `(scored text, label)` of `corpus/split.csv`, the label being the OR of
/// `labels`; `None` when ../shared is absent.
fn rows(
    root: &Path,
    corpus: &str,
    split: &str,
    labels: &[&str],
    scorer: Scorer<'_>,
) -> Result<Vec<(Scored, bool)>> {
    let path = root.join(corpus).join(format!("{split}.csv"));
    let mut c = Corpus::open(&path)?;
    let text = c.column("text")?;
    let cols: Vec<usize> = labels.iter().map(|l| c.column(l)).collect::<Result<_>>()?;
    let mut raw = Vec::new();
    for rec in c.reader.records() {
        let rec = rec?;
        let mut y = None;
        for (&i, l) in cols.iter().zip(labels) {
            if let Some(v) = label_value(rec.get(i).unwrap_or(""), l, &path)? {
                y = Some(y.unwrap_or(false) | v);
            }
        }
        if let Some(y) = y {
            raw.push((rec[text].to_owned(), y));
        }
    }
    Ok(raw
        .par_iter()
        .map(|(t, y)| {
            let s = score_text(scorer, t);
            ((s.score.incivility, s.score.flags), *y)
        })
        .collect())
}

/// Rows of attribute `attr` for `split`.
fn attribute_rows(
    root: &Path,
    attr: usize,
    split: &str,
    scorer: Scorer<'_>,
) -> Result<Vec<(f64, bool, bool)>> {
    let a = Attribute::Perspective(attr);
    let mut out = Vec::new();
    let tox = PERSPECTIVE[attr].name == "TOXICITY";
    for (corpus, labels) in GENERAL {
        for ((s, flags), y) in rows(root, corpus, split, labels, scorer)? {
            if tox {
                out.push((s, a.flagged(&flags), y));
            } else if !y {
                out.push((s, a.flagged(&flags), false));
            }
        }
    }
    for (corpus, labels) in typed(attr) {
        for ((s, flags), y) in rows(root, corpus, split, labels, scorer)? {
            out.push((s, a.flagged(&flags), y));
        }
    }
    Ok(out)
}

/// Brier score, log loss and expected calibration error (10 equal-width
/// bins) of probabilities against labels.
fn calibration(p: &[(f64, bool)]) -> (f64, f64, f64) {
    let n = p.len() as f64;
    let brier = p
        .iter()
        .map(|(q, y)| (q - f64::from(u8::from(*y))).powi(2))
        .sum::<f64>()
        / n;
    let ll = -p
        .iter()
        .map(|(q, y)| {
            let q = q.clamp(1e-9, 1.0 - 1e-9);
            if *y {
                q.ln()
            } else {
                (1.0 - q).ln()
            }
        })
        .sum::<f64>()
        / n;
    let mut bins = [(0.0f64, 0.0f64, 0usize); 10];
    for (q, y) in p {
        let b = ((q * 10.0) as usize).min(9);
        bins[b].0 += q;
        bins[b].1 += f64::from(u8::from(*y));
        bins[b].2 += 1;
    }
    let ece = bins
        .iter()
        .filter(|b| b.2 > 0)
        .map(|b| (b.0 - b.1).abs())
        .sum::<f64>()
        / n;
    (brier, ll, ece)
}

/// Precision and recall of `p >= t`.
fn pr(p: &[(f64, bool)], t: f64) -> (f64, f64, usize) {
    let tp = p.iter().filter(|(q, y)| *q >= t && *y).count() as f64;
    let flagged = p.iter().filter(|(q, _)| *q >= t).count();
    let pos = p.iter().filter(|(_, y)| *y).count() as f64;
    (tp / (flagged as f64).max(1.0), tp / pos.max(1.0), flagged)
}

fn main() -> Result<()> {
    let root = Path::new("../shared/corpora");
    if !root.is_dir() {
        anyhow::bail!("../shared/corpora is missing; run from the repository root");
    }
    let lexicon = Lexicon::builtin();
    let scorer = Scorer {
        lexicon: &lexicon,
        model: Model::builtin(),
    };
    let mut fitted = Vec::new();
    println!("| attribute | train rows (positive) | dev rows (positive) | dev Brier | dev log loss | dev ECE | dev ECE, uncalibrated score |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    let mut toxicity_dev = Vec::new();
    for (i, m) in PERSPECTIVE.iter().enumerate() {
        let train = attribute_rows(root, i, "train", scorer)?;
        let map = fit(&train);
        let dev = attribute_rows(root, i, "dev", scorer)?;
        let p: Vec<(f64, bool)> = dev
            .iter()
            .map(|(s, f, y)| (map.probability(*s, *f), *y))
            .collect();
        let raw: Vec<(f64, bool)> = dev.iter().map(|(s, _, y)| (*s, *y)).collect();
        let (brier, ll, ece) = calibration(&p);
        let (_, _, ece_raw) = calibration(&raw);
        let pos = |r: &[(f64, bool, bool)]| r.iter().filter(|x| x.2).count();
        println!(
            "| {} | {} ({}) | {} ({}) | {brier:.3} | {ll:.3} | {ece:.3} | {ece_raw:.3} |",
            m.name,
            train.len(),
            pos(&train),
            dev.len(),
            pos(&dev)
        );
        if i == 0 {
            toxicity_dev = dev.iter().map(|(s, f, y)| (*s, *f, *y)).collect();
        }
        fitted.push(map);
    }
    println!("\npub const FITTED: [Platt; 6] = [");
    for (m, p) in PERSPECTIVE.iter().zip(&fitted) {
        println!(
            "    // {}\n    Platt {{ a: {:.4}, b: {:.4}, c: {:.4} }},",
            m.name, p.a, p.b, p.c
        );
    }
    println!("];");
    let tox: Platt = fitted[0];
    println!("\nTOXICITY on dev (pooled general corpora):");
    let p: Vec<(f64, bool)> = toxicity_dev
        .iter()
        .map(|(s, f, y)| (tox.probability(*s, *f), *y))
        .collect();
    for t in [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] {
        let (prec, rec, n) = pr(&p, t);
        println!(
            "  summaryScore >= {t:.1}: precision {prec:.3}, recall {rec:.3}, flagged {n} of {} \
             (built-in score >= {} when flagged)",
            p.len(),
            tox.score_at(t, true)
                .map_or("n/a".to_owned(), |s| format!("{s:.3}"))
        );
    }
    let raw: Vec<(f64, bool)> = toxicity_dev.iter().map(|(s, _, y)| (*s, *y)).collect();
    let (prec, rec, n) = pr(&raw, 0.5);
    println!(
        "  built-in uncivil (score >= 0.5): precision {prec:.3}, recall {rec:.3}, flagged {n}; \
         its summaryScore when flagged: {:.3}",
        tox.probability(0.5, true)
    );
    let same = |a: &Platt, b: &Platt| {
        [(a.a, b.a), (a.b, b.b), (a.c, b.c)]
            .iter()
            .all(|(x, y)| (x - y).abs() < 1e-4)
    };
    if !fitted.iter().zip(&FITTED).all(|(a, b)| same(a, b)) {
        println!("\n(the table in src/perspective/calibration.rs differs: paste the one above)");
    }
    Ok(())
}
