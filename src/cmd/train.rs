//! `threadwatch train`: a site model from a labelled CSV file and the
//! reviewed comments.csv of earlier report folders (issues 15 and 26).
//! Reads them, counts and checks the labels, trains through
//! `threadwatch::train::site`, prints what the moderator needs to judge the
//! result and writes the model file atomically.

use std::io::Write;
use std::path::Path;

use std::collections::HashMap;

use anyhow::{bail, Context};
use threadwatch::analyze::model::Model;
use threadwatch::model_file::{self, hex, sha256, ModelInfo, SiteModel};
use threadwatch::perspective::decision;
use threadwatch::train::label::{parse_label, ACCEPTED};
use threadwatch::train::site::{check_counts, train_site, SiteOptions};

use super::inputs::worker_pool;
use super::lexicon::load_lexicon_allowing;
use super::Outcome;
use crate::cli::{PriorArg, TrainArgs};

/// The labelled rows read from every source.
struct Gold {
    /// Labelled rows: text and whether it is uncivil.
    rows: Vec<(String, bool)>,
    /// Data rows read.
    read: usize,
    /// Rows with an empty label.
    skipped: usize,
    /// Every byte read, in order, for the data's SHA-256.
    bytes: Vec<u8>,
}

/// Undoes the formula neutralising of our own reports: a `'` put before a
/// cell starting with `= + - @`, tab or CR (report/csv.rs).
fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// One CSV source: its path, columns and delimiter.
struct Source<'a> {
    path: &'a Path,
    text_col: &'a str,
    label_col: &'a str,
    id_col: Option<&'a str>,
    /// Column that names a row across runs (`comment_ref`), so a comment
    /// reviewed in two report folders counts once.
    key_col: Option<&'a str>,
    delimiter: u8,
}

/// Reads `src` into `gold`; `seen` maps a row's key to its index in
/// `gold.rows`, so a later review of the same comment replaces the first.
fn read_source(
    src: &Source<'_>,
    gold: &mut Gold,
    seen: &mut HashMap<(String, String), usize>,
) -> anyhow::Result<()> {
    let path = src.path.display();
    let bytes = std::fs::read(src.path).with_context(|| format!("cannot read {path}"))?;
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(src.delimiter)
        .from_reader(bytes.as_slice());
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
    let (text, label) = (col(src.text_col)?, col(src.label_col)?);
    let id = src.id_col.map(col).transpose()?;
    let key = src
        .key_col
        .and_then(|k| headers.iter().position(|h| h == k));
    for rec in rdr.records() {
        let rec = rec.with_context(|| format!("cannot read {path}"))?;
        gold.read += 1;
        let line = rec.position().map_or(0, |p| p.line());
        match parse_label(rec.get(label).unwrap_or_default()) {
            Ok(None) => gold.skipped += 1,
            Ok(Some(y)) => {
                let t = unneutralise(rec.get(text).unwrap_or_default()).to_owned();
                let k = key.map(|k| (rec.get(k).unwrap_or_default().to_owned(), t.clone()));
                match k.as_ref().and_then(|k| seen.get(k)) {
                    Some(&at) => gold.rows[at] = (t, y),
                    None => {
                        if let Some(k) = k {
                            seen.insert(k, gold.rows.len());
                        }
                        gold.rows.push((t, y));
                    }
                }
            }
            Err(cell) => {
                let row = id.map_or(String::new(), |i| {
                    format!(" (id {})", rec.get(i).unwrap_or_default())
                });
                bail!(
                    "{path}:{line}{row}: column {:?} holds {cell:?}; expected {ACCEPTED}",
                    src.label_col
                )
            }
        }
    }
    gold.bytes.extend_from_slice(&bytes);
    Ok(())
}

/// Reads --gold, then each --from folder's comments.csv.
fn read_gold(args: &TrainArgs) -> anyhow::Result<Gold> {
    let mut gold = Gold {
        rows: Vec::new(),
        read: 0,
        skipped: 0,
        bytes: Vec::new(),
    };
    let mut seen = HashMap::new();
    if let Some(path) = &args.gold {
        let Some(label_col) = args.label_col.as_deref() else {
            bail!(
                "--gold {} needs --label-col, the column holding the decisions",
                path.display()
            )
        };
        let src = Source {
            path,
            text_col: &args.text_col,
            label_col,
            id_col: args.id_col.as_deref(),
            key_col: None,
            delimiter: args.delimiter,
        };
        read_source(&src, &mut gold, &mut seen)?;
    }
    for dir in &args.from {
        let path = dir.join("comments.csv");
        if !path.is_file() {
            bail!(
                "{}: no comments.csv in this folder; --from takes report folders written by \
                 `threadwatch analyze --out` (a workbook's comments sheet can be exported to \
                 comments.csv)",
                dir.display()
            );
        }
        let src = Source {
            path: &path,
            text_col: "text",
            label_col: "review",
            id_col: Some("comment_ref"),
            key_col: Some("comment_ref"),
            delimiter: b',',
        };
        read_source(&src, &mut gold, &mut seen)?;
    }
    for path in &args.decisions {
        read_decisions(path, &mut gold)?;
    }
    Ok(gold)
}

/// Reads a decisions file of `threadwatch serve` into `gold` (issue 28):
/// every labelled line is a row; unlabelled lines count as skipped.
fn read_decisions(path: &Path, gold: &mut Gold) -> anyhow::Result<()> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let d = decision::read(&bytes).map_err(|e| anyhow::anyhow!("{}:{e}", path.display()))?;
    if d.torn > 0 {
        eprintln!(
            "threadwatch: warning: {}:{}: skipped a torn last line ({} bytes without a line end: \
             a write cut by a crash, never acknowledged to the client)",
            path.display(),
            d.lines,
            d.torn
        );
    }
    gold.read += d.lines - usize::from(d.torn > 0);
    gold.skipped += d.unlabelled;
    gold.rows.extend(d.rows);
    let kept = match d.torn {
        0 => bytes.len(),
        n => bytes.len() - n,
    };
    gold.bytes.extend_from_slice(&bytes[..kept]);
    Ok(())
}

/// What the rows were read from, for messages.
fn sources(args: &TrainArgs) -> String {
    args.gold
        .iter()
        .chain(&args.from)
        .chain(&args.decisions)
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Runs `train`.
pub fn run(args: TrainArgs) -> anyhow::Result<Outcome> {
    let gold = read_gold(&args)?;
    let from = sources(&args);
    let positives = gold.rows.iter().filter(|r| r.1).count();
    let warnings = check_counts(gold.rows.len(), positives)
        .with_context(|| format!("cannot train on {from}"))?;
    for w in &warnings {
        eprintln!("threadwatch: warning: {w}");
    }
    let lexicon = load_lexicon_allowing(
        args.lexicon_dir.as_deref(),
        args.allow_list.allow.as_deref(),
    )?;
    let opts = SiteOptions {
        prior: args.prior == PriorArg::Builtin,
        precision: args.precision,
        ..SiteOptions::default()
    };

    let rows: Vec<(&str, bool)> = gold.rows.iter().map(|(t, y)| (t.as_str(), *y)).collect();
    let report = worker_pool(args.jobs)?
        .install(|| train_site(&rows, &lexicon, &opts))
        .context("cannot train")?;
    let site = SiteModel {
        info: ModelInfo {
            base_sha256: opts.prior.then(|| sha256(Model::builtin_bytes())),
            written_by: env!("CARGO_PKG_VERSION").to_owned(),
            data_sha256: sha256(&gold.bytes),
            rows: gold.read as u64,
            labelled: gold.rows.len() as u64,
            positives: positives as u64,
            skipped: gold.skipped as u64,
            folds: opts.folds,
            cv_auc_builtin: report.auc_builtin.unwrap_or(f64::NAN),
            cv_auc_site: report.auc_site.unwrap_or(f64::NAN),
        },
        model: report.model.clone(),
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
    let interval = report.interval.map_or_else(String::new, |(lo, hi)| {
        format!(" (95% interval {lo:.3} to {hi:.3})")
    });
    let chosen = match report.setting {
        Some(s) => format!(
            "site layer learnt: L2 penalty {:e}, text features in at least {} rows (chosen by \
             cross-validation)",
            s.l2, s.min_df
        ),
        None => "the built-in ranking was kept (no setting beat it by more than its standard \
                 error); only the threshold moved"
            .to_owned(),
    };
    let (t, p, r) = report.threshold;
    let threshold = match (args.precision, report.precision_met) {
        (Some(want), Some(false)) => format!(
            "no threshold keeps precision {want:.2} on these rows; the threshold is the highest \
             score, {t:.3} (cross-validated precision {p:.3}, recall {r:.3})"
        ),
        (Some(want), _) => format!(
            "threshold {t:.3}: the lowest keeping precision {want:.2} (cross-validated \
             precision {p:.3}, recall {r:.3}); scores put it at 0.5"
        ),
        (None, _) => format!(
            "threshold {t:.3}: the best cross-validated F1 (precision {p:.3}, recall {r:.3}); \
             scores put it at 0.5"
        ),
    };
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "read {from}: {} rows, {} labelled ({} remove, {} ok), {} with an empty label skipped\n\
         {}-fold cross-validated ROC AUC (whole scorer, on these rows): built-in {}, site model {}{interval}\n\
         {chosen}\n\
         {threshold}\n\
         words now more uncivil: {}\n\
         words now more civil:   {}\n\
         category weights the site changed: {}\n\
         wrote {} ({} bytes, sha256 {}, {})",
        gold.read,
        gold.rows.len(),
        positives,
        gold.rows.len() - positives,
        gold.skipped,
        opts.folds,
        fmt(report.auc_builtin),
        fmt(report.auc_site),
        words(&report.more_uncivil),
        words(&report.more_civil),
        words(&report.signals),
        args.out.display(),
        file.len(),
        hex(&sha256(&file)),
        if opts.prior {
            "over the built-in scorer"
        } else {
            "on the site's rows alone (--prior none)"
        },
    )
    .context("cannot write to stdout")?;
    if let Some(why) = &report.untrusted {
        writeln!(out, "NOT TO BE TRUSTED YET: {why}").context("cannot write to stdout")?;
    }
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
