//! `threadwatch eval`: accuracy against a labelled CSV file.

use std::io::Write;

use anyhow::{bail, Context};
use rayon::prelude::*;
use threadwatch::analyze::incivility::{Scorer, FLAG_COLUMNS, UNCIVIL_THRESHOLD};
use threadwatch::analyze::standalone::{evaluate, score_text, EvalScore};

use super::inputs::worker_pool;
use super::lexicon::load_lexicon_allowing;
use super::model::choose;
use super::texts::read_texts;
use super::Outcome;
use crate::cli::EvalArgs;

/// Runs `eval`.
pub fn run(args: EvalArgs) -> anyhow::Result<Outcome> {
    let which = match args.score.as_str() {
        "incivility" => EvalScore::Incivility,
        "targeted" => EvalScore::Targeted,
        name => match FLAG_COLUMNS.iter().position(|c| *c == name) {
            Some(i) => EvalScore::Flag(i),
            None => bail!(
                "expected --score incivility, targeted or one of {}, found {name:?}",
                FLAG_COLUMNS.join(", ")
            ),
        },
    };
    let rows = read_texts(
        &args.gold,
        b',',
        &args.id_col,
        &args.text_col,
        Some(&args.label),
    )?;
    // Rows whose label is empty are not labelled for this column.
    let labelled: Vec<(&str, bool)> = rows
        .iter()
        .filter_map(|(_, text, label)| match label.as_deref().map(str::trim) {
            Some("1") | Some("1.0") => Some((text.as_str(), true)),
            Some("0") | Some("0.0") => Some((text.as_str(), false)),
            _ => None,
        })
        .collect();
    let lexicon = load_lexicon_allowing(
        args.lexicon_dir.as_deref(),
        args.allow_list.allow.as_deref(),
    )?;
    let chosen = choose(args.model.as_deref())?;
    let scorer = Scorer {
        lexicon: &lexicon,
        model: chosen.model(),
    };
    let data: Vec<(f64, bool)> = worker_pool(args.jobs)?.install(|| {
        labelled
            .par_iter()
            .map(|(text, y)| (which.of(&score_text(scorer, text)), *y))
            .collect()
    });
    let threshold = match which {
        EvalScore::Flag(_) => 0.5,
        _ => UNCIVIL_THRESHOLD,
    };
    let r = evaluate(&data, threshold);
    let fmt = |x: Option<f64>| x.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.3}"));
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "file={} label={} score={} rows={} positives={} skipped={}\n\
         roc_auc={} average_precision={} threshold={} precision={:.3} recall={:.3} f1={:.3}",
        args.gold.display(),
        args.label,
        args.score,
        r.rows,
        r.positives,
        rows.len() - r.rows,
        fmt(r.roc_auc),
        fmt(r.average_precision),
        r.threshold,
        r.at_threshold.precision,
        r.at_threshold.recall,
        r.at_threshold.f1
    )
    .context("cannot write to stdout")?;
    Ok(Outcome::Success)
}
