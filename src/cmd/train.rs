//! `threadwatch train`: a site model from a labelled CSV file (issue 15).
//! Reads the file, counts and checks the labels, trains through
//! `threadwatch::train::site`, prints what the moderator needs to judge the
//! result and writes the model file atomically.

use std::io::Write;
use std::path::Path;

use anyhow::{bail, Context};
use threadwatch::analyze::model::Model;
use threadwatch::analyze::stack::feature_names;
use threadwatch::model_file::{self, hex, sha256, ModelInfo, SiteModel};
use threadwatch::train::label::{parse_label, ACCEPTED};
use threadwatch::train::site::{check_counts, train_site, SiteOptions};

use super::inputs::worker_pool;
use super::lexicon::load_lexicon_allowing;
use super::Outcome;
use crate::cli::{PriorArg, TrainArgs};

/// What the gold file holds.
struct Gold {
    /// Labelled rows: text and whether it is uncivil.
    rows: Vec<(String, bool)>,
    /// Data rows read.
    read: usize,
    /// Rows with an empty label.
    skipped: usize,
}

/// Undoes the formula neutralising of our own reports: a `'` put before a
/// cell starting with `= + - @`, tab or CR (report/csv.rs).
fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

fn read_gold(args: &TrainArgs, bytes: &[u8]) -> anyhow::Result<Gold> {
    let path = args.gold.display();
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(args.delimiter)
        .from_reader(bytes);
    let headers = rdr
        .headers()
        .with_context(|| format!("cannot read the header of {path}"))?
        .clone();
    let col = |name: &str| -> anyhow::Result<usize> {
        match headers.iter().position(|h| h == name) {
            Some(i) => Ok(i),
            None => bail!(
                "{path}: expected a column named {name:?}, found {}",
                headers.iter().collect::<Vec<_>>().join(", ")
            ),
        }
    };
    let (text, label) = (col(&args.text_col)?, col(&args.label_col)?);
    let id = args.id_col.as_deref().map(col).transpose()?;
    let mut gold = Gold {
        rows: Vec::new(),
        read: 0,
        skipped: 0,
    };
    for rec in rdr.records() {
        let rec = rec.with_context(|| format!("cannot read {path}"))?;
        gold.read += 1;
        let line = rec.position().map_or(0, |p| p.line());
        match parse_label(rec.get(label).unwrap_or_default()) {
            Ok(None) => gold.skipped += 1,
            Ok(Some(y)) => gold.rows.push((
                unneutralise(rec.get(text).unwrap_or_default()).to_owned(),
                y,
            )),
            Err(cell) => {
                let row = id.map_or(String::new(), |i| {
                    format!(" (id {})", rec.get(i).unwrap_or_default())
                });
                bail!(
                    "{path}:{line}{row}: column {:?} holds {cell:?}; expected {ACCEPTED}",
                    args.label_col
                )
            }
        }
    }
    Ok(gold)
}

/// Runs `train`.
pub fn run(args: TrainArgs) -> anyhow::Result<Outcome> {
    let bytes = std::fs::read(&args.gold)
        .with_context(|| format!("cannot read {}", args.gold.display()))?;
    let gold = read_gold(&args, &bytes)?;
    let positives = gold.rows.iter().filter(|r| r.1).count();
    let warnings = check_counts(gold.rows.len(), positives)
        .with_context(|| format!("cannot train on {}", args.gold.display()))?;
    for w in &warnings {
        eprintln!("threadwatch: warning: {w}");
    }
    let lexicon = load_lexicon_allowing(
        args.lexicon_dir.as_deref(),
        args.allow_list.allow.as_deref(),
    )?;
    let prior = match args.prior {
        PriorArg::Builtin => Some(Model::builtin()),
        PriorArg::None => None,
    };
    let opts = SiteOptions::default();

    let rows: Vec<(&str, bool)> = gold.rows.iter().map(|(t, y)| (t.as_str(), *y)).collect();
    let report = worker_pool(args.jobs)?
        .install(|| train_site(&rows, prior, &lexicon, &opts))
        .context("cannot train")?;
    let combination = report.model.stack().map_or_else(String::new, |s| {
        let w = feature_names()
            .iter()
            .zip(s.weights)
            .map(|(n, w)| format!("{n} {w:.2}"))
            .collect::<Vec<_>>()
            .join(", ");
        format!("combination weights (the built-in one is combined 1, the rest 0): {w}")
    });
    let site = SiteModel {
        info: ModelInfo {
            base_sha256: prior.map(|_| sha256(Model::builtin_bytes())),
            written_by: env!("CARGO_PKG_VERSION").to_owned(),
            data_sha256: sha256(&bytes),
            rows: gold.read as u64,
            labelled: gold.rows.len() as u64,
            positives: positives as u64,
            skipped: gold.skipped as u64,
            folds: opts.folds,
            cv_auc_builtin: report.auc_builtin.unwrap_or(f64::NAN),
            cv_auc_site: report.auc_site.unwrap_or(f64::NAN),
        },
        model: report.model,
    };
    let file = model_file::encode(&site);
    write_atomic(&args.out, &file)?;

    let fmt = |x: Option<f64>| x.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.3}"));
    let words = |v: &[(String, f64)]| {
        if v.is_empty() {
            return "(none)".to_owned();
        }
        v.iter()
            .map(|(w, d)| format!("{} {d:+.2}", threadwatch::term::sanitize(w)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "read {}: {} rows, {} labelled ({} remove, {} ok), {} with an empty label skipped\n\
         {}-fold cross-validated ROC AUC (whole scorer, on these rows): built-in {}, site model {}\n\
         \x20 (the site's word weights in the built-in combination: {}; {})\n\
         {}\n\
         words now more uncivil: {}\n\
         words now more civil:   {}\n\
         wrote {} ({} bytes, sha256 {}, starting from {})",
        args.gold.display(),
        gold.read,
        gold.rows.len(),
        positives,
        gold.rows.len() - positives,
        gold.skipped,
        opts.folds,
        fmt(report.auc_builtin),
        fmt(report.auc_site),
        fmt(report.auc_layer),
        report.stack.map_or_else(
            || "no combination learnt".to_owned(),
            |(l2, t)| match l2 {
                Some(l2) => format!(
                    "combination learnt with penalty {l2:e}, its best-F1 threshold {t:.3} moved to 0.5"
                ),
                None => format!(
                    "built-in combination kept, its best-F1 threshold {t:.3} moved to 0.5"
                ),
            }
        ),
        combination,
        words(&report.more_uncivil),
        words(&report.more_civil),
        args.out.display(),
        file.len(),
        hex(&sha256(&file)),
        if prior.is_some() { "the built-in model" } else { "nothing (--prior none)" },
    )
    .context("cannot write to stdout")?;
    Ok(Outcome::Success)
}

/// Writes `bytes` to a temporary file beside `path` and renames it, so a
/// reader never sees half a model.
fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let res: std::io::Result<()> = (|| {
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        tmp.write_all(bytes)?;
        tmp.as_file().sync_all()?;
        tmp.persist(path).map_err(|e| e.error)?;
        Ok(())
    })();
    res.with_context(|| format!("cannot write {}", path.display()))
}
