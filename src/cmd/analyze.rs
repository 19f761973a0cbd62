//! `threadwatch analyze`: inputs in, a complete set of reports out.
//!
//! Order of work: take the run lock, read and analyse, write every report
//! into a staging folder, then publish the set in one atomic step
//! (report/publish.rs).  Alerts are evaluated last and only change the
//! exit status.

use std::path::Path;
use std::time::Duration;

use anyhow::{bail, Context};
use serde::Serialize;
use threadwatch::analyze::comments::analyze_threads;
use threadwatch::analyze::incivility::{Scorer, UNCIVIL_THRESHOLD};
use threadwatch::analyze::model::Model;
use threadwatch::analyze::people::{people, HARASSMENT_MIN};
use threadwatch::report::comment_rows;
use threadwatch::report::csv::{header_of, write_atomic, CsvOptions};
use threadwatch::report::people::{interaction_rows, taunt_rows, thread_rows, user_rows};
use threadwatch::report::publish::{remove_stale_staging, Staging};
use threadwatch::report::run::{to_json, RunCounts, RunOptions, RunSummary};
use threadwatch::term::sanitize;

use super::inputs::{read_all, worker_pool};
use super::lexicon::load_lexicon;
use super::{alert, lock, Outcome};
use crate::cli::AnalyzeArgs;

/// Reports a run writes, without extension.
const REPORTS: [&str; 5] = ["comments", "users", "interactions", "taunts", "threads"];

/// Every file name a run may own, in any `--format`: on publishing, these
/// are replaced or dropped (a switch from csv to jsonl leaves no stale
/// csv), while anything else in the output folder is left alone.
fn owned_names() -> Vec<String> {
    let mut names: Vec<String> = REPORTS
        .iter()
        .flat_map(|r| ["csv", "tsv", "jsonl"].map(|e| format!("{r}.{e}")))
        .collect();
    names.push("run.json".to_owned());
    names
}

/// Runs `analyze`.
pub fn run(args: AnalyzeArgs) -> anyhow::Result<Outcome> {
    let Some(out) = args.out.clone() else {
        bail!("expected --out DIR (or `out` under [analyze] in the config file)");
    };
    let out = &out;
    if out.file_name().is_none() {
        bail!(
            "--out {}: expected a named folder (not . or /)",
            out.display()
        );
    }
    let alerts = args
        .alert
        .iter()
        .map(|a| alert::parse(a))
        .collect::<anyhow::Result<Vec<_>>>()?;
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create output folder {}", out.display()))?;
    }
    if out.exists() && !out.is_dir() {
        bail!(
            "cannot create output folder {}: a file is in the way",
            out.display()
        );
    }
    let lock_path = args.lock.clone().unwrap_or_else(|| lock::default_path(out));
    tracing::info!(lock = %lock_path.display(), "taking the run lock");
    let _lock = lock::acquire(&lock_path, Duration::from_secs_f64(args.lock_timeout))?;
    remove_stale_staging(out).context("cannot clean up after an interrupted run")?;

    let read = read_all(&args.input, args.run.jobs, args.run.quiet)?;
    let (threads, failed) = (&read.threads, read.failed);
    let lexicon = load_lexicon(args.lexicon_dir.as_deref())?;
    let model = Model::builtin();
    let scorer = Scorer {
        lexicon: &lexicon,
        model,
    };
    let pool = worker_pool(args.run.jobs)?;
    tracing::info!(threads = threads.len(), failed, "analysing comments");
    let analyses = pool.install(|| analyze_threads(threads, scorer));
    let rows = comment_rows(threads, &analyses);
    let who = people(threads, &analyses);
    let opts = CsvOptions {
        delimiter: args.delimiter,
        bom: args.bom,
        format: args.format.into(),
    };
    let file = |report: &str| format!("{report}.{}", opts.format.extension());

    tracing::info!(
        users = who.users.len(),
        taunts = who.taunts.len(),
        "writing reports"
    );
    let staging = Staging::new(out)
        .with_context(|| format!("cannot create a staging folder beside {}", out.display()))?;
    write_report(&staging.path(&file("comments")), &rows, opts)?;
    write_report(&staging.path(&file("users")), &user_rows(&who), opts)?;
    write_report(
        &staging.path(&file("interactions")),
        &interaction_rows(threads, &who),
        opts,
    )?;
    write_report(
        &staging.path(&file("taunts")),
        &taunt_rows(threads, &who),
        opts,
    )?;
    write_report(
        &staging.path(&file("threads")),
        &thread_rows(threads, &who),
        opts,
    )?;

    let counts = RunCounts {
        inputs: read.inputs.len(),
        failed,
        threads: threads.len(),
        comments: rows.len(),
        uncivil_comments: rows.iter().filter(|r| r.uncivil == 1).count(),
        users: who.users.len(),
        pairs: who.pairs.len(),
        harassment: who
            .pairs
            .values()
            .filter(|p| p.aimed_uncivil >= HARASSMENT_MIN)
            .count(),
        dogpiles: who.threads.iter().map(|t| t.dogpiles).sum(),
        taunts: who.taunts.len(),
    };
    let checked: Vec<_> = alerts.iter().map(|a| a.check(&counts)).collect();
    let summary = RunSummary {
        tool: "threadwatch",
        version: env!("CARGO_PKG_VERSION"),
        lexicon_version: lexicon.version_hash(),
        model_version: model_version(model),
        options: RunOptions {
            format: opts.format.extension().to_owned(),
            delimiter: char::from(args.delimiter).to_string(),
            bom: args.bom,
            lexicon_dir: args.lexicon_dir.as_ref().map(|d| d.display().to_string()),
            glob: args.input.glob.clone(),
            uncivil_threshold: UNCIVIL_THRESHOLD,
        },
        inputs: read.inputs.clone(),
        counts,
        alerts: checked.clone(),
    };
    std::fs::write(staging.path("run.json"), to_json(&summary)).context("cannot write run.json")?;
    let owned = owned_names();
    staging
        .publish(&owned.iter().map(String::as_str).collect::<Vec<_>>())
        .with_context(|| format!("cannot publish the reports into {}", out.display()))?;
    tracing::info!(out = %out.display(), "reports published");

    if !args.run.quiet {
        eprintln!(
            "{} comments from {} threads: reports written to {}{}",
            rows.len(),
            threads.len(),
            out.display(),
            if failed > 0 {
                format!("; {failed} input(s) failed")
            } else {
                String::new()
            }
        );
    }
    // Alerts go to stderr even with --quiet: they are what cron mails.
    for a in checked.iter().filter(|a| a.crossed) {
        eprintln!(
            "threadwatch: alert: {} (value {})",
            sanitize(&a.rule),
            a.value
        );
    }
    Ok(if failed > 0 {
        Outcome::SomeFailed
    } else if checked.iter().any(|a| a.crossed) {
        Outcome::Alert
    } else {
        Outcome::Success
    })
}

fn write_report<T: Serialize + Default>(
    path: &Path,
    rows: &[T],
    opts: CsvOptions,
) -> anyhow::Result<()> {
    let header = header_of(&T::default());
    write_atomic(path, rows, &header, opts)
        .with_context(|| format!("cannot write {}", path.display()))
}

/// First 16 hex digits of the SHA-256 of the weights.
fn model_version(model: &Model) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(model.to_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}
