//! `threadwatch analyze`: flags -> a `pipeline::Config` -> `pipeline::run`
//! -> the report set published -> an exit status.
//!
//! Order of work: make and lock the output folder (cmd/lock.rs), write
//! every report into a staging folder inside it through the sinks
//! (src/pipeline/), publish the set through its journal
//! (report/publish.rs) unless nothing was analysed (exit 4, issue 18),
//! then save the `--incremental` state.  Alerts are evaluated by the run,
//! once the counts are known, and only change the exit status
//! (cmd/verdict.rs).

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use anyhow::{bail, Context};
use threadwatch::analyze::incivility::Scorer;
use threadwatch::analyze::people::Rules;
use threadwatch::parse::Warning;
use threadwatch::pipeline::{self, Events, Inputs, Sink, Tables};
use threadwatch::report::csv::CsvOptions;
use threadwatch::report::dot::DotSink;
use threadwatch::report::files::ReportFiles;
use threadwatch::report::html::{self, HtmlSink};
use threadwatch::report::publish::{remove_stale_staging, Staging};
use threadwatch::report::run::{AlertResult, InputRecord, RunCounts, RunJson, RunOptions};
use threadwatch::report::xlsx::{self, WorkbookSink};
use threadwatch::state::StateError;
use threadwatch::term::sanitize;
use threadwatch::Error;

use super::alert::{self, Alert};
use super::inputs::{describe, expand, progress_bar, read_stdin, worker_pool};
use super::lexicon::load_lexicon_allowing;
use super::lock::{self, Claim};
use super::model::choose;
use super::{verdict, Outcome};
use crate::cli::{AnalyzeArgs, ReportArgs};

/// Runs `analyze`.
pub fn run(args: AnalyzeArgs) -> anyhow::Result<Outcome> {
    let Some(out) = args.out.clone() else {
        bail!("expected --out DIR (or `out` under [analyze] in the config file)");
    };
    let out = &out;
    let (alerts, _claim) = open_out(out, &args.report)?;

    let lexicon = load_lexicon_allowing(
        args.scoring.lexicon_dir.as_deref(),
        args.scoring.allow.as_deref(),
    )?;
    let chosen = choose(args.scoring.model.as_deref())?;
    let model = chosen.model();
    let opts = args.report.csv_options();
    if let Some(dir) = args
        .incremental
        .as_deref()
        .and_then(|p| p.parent())
        .filter(|p| !p.as_os_str().is_empty())
    {
        // Fail now, not after the whole run, if the state cannot be kept.
        std::fs::create_dir_all(dir).with_context(|| {
            format!(
                "cannot create the folder of --incremental {}",
                dir.display()
            )
        })?;
    }
    let rules = Rules {
        harassment_min: args.report.harassment_min,
        dogpile_min: args.scoring.dogpile_min,
    };
    let check_alerts =
        |counts: &RunCounts, tables: Tables<'_>, inputs: &[InputRecord]| -> Vec<AlertResult> {
            alert::check_all(&alerts, counts, tables.people(), inputs)
        };
    let list = expand(&args.input)?;
    let stdin = read_stdin(&list)?;
    let inputs = Inputs { list, stdin };
    let events = Printer {
        quiet: args.run.quiet,
        progress: progress_bar(inputs.list.len(), args.run.quiet),
    };
    let sources = super::inputs::sources(&args.input.format)?;
    let config = pipeline::Config {
        scorer: Scorer {
            lexicon: &lexicon,
            model,
        },
        threshold: args.scoring.uncivil_threshold,
        rules,
        source: &sources,
        incremental: args.incremental.as_deref(),
        options: RunOptions {
            format: opts.format.extension().to_owned(),
            delimiter: char::from(opts.delimiter).to_string(),
            bom: opts.bom,
            lexicon_dir: args
                .scoring
                .lexicon_dir
                .as_ref()
                .map(|d| d.display().to_string()),
            glob: args.input.glob.clone(),
            uncivil_threshold: args.scoring.uncivil_threshold,
            harassment_min: rules.harassment_min,
            dogpile_min: rules.dogpile_min,
            model: args.scoring.model.as_ref().map(|p| p.display().to_string()),
            model_format: chosen.version.clone(),
            model_sha256: chosen.sha256.clone(),
        },
        lexicon_version: lexicon.version_hash(),
        model_version: model.version(),
        alerts: &check_alerts,
        events: &events,
    };
    let mut sinks = report_sinks(opts, &args.report);

    let staging = Staging::new(out)
        .with_context(|| format!("cannot create a staging folder in {}", out.display()))?;
    let pool = worker_pool(args.run.jobs)?;
    let outcome = pool
        .install(|| pipeline::run(&config, &inputs, &staging.path(""), &mut sinks))
        .with_context(|| format!("cannot write the reports for {}", out.display()))?;
    events.progress.finish_and_clear();
    if verdict::nothing_was_analysed(&outcome.summary.counts) {
        // Issue 18: the previous reports stay; the staging folder goes
        // when `staging` drops, the lock file and a new folder with `_claim`.
        return Ok(verdict::nothing_analysed(
            out,
            outcome.summary.counts.inputs,
        ));
    }
    publish(staging, &sinks, out)?;
    // The state follows the reports: a run killed in between leaves the
    // older state, which only means more inputs are analysed next time.
    if let (Some(path), Some(state)) = (&args.incremental, &outcome.state) {
        state.save(path)?;
        tracing::info!(state = %path.display(), "state saved");
    }

    let summary = &outcome.summary;
    Ok(verdict::finish(
        out,
        &summary.counts,
        &summary.alerts,
        args.run.quiet,
    ))
}

/// Checks `--out`, parses the alert rules (before any work, so a typo
/// costs nothing), then makes and locks the folder and clears what an
/// interrupted run left.  Issue 18: the folder is made (its parent must
/// exist) and locked from inside before anything is written; dropped, the
/// claim removes the lock file, and the folder too if this run made it and
/// published nothing.
pub(super) fn open_out(out: &Path, report: &ReportArgs) -> anyhow::Result<(Vec<Alert>, Claim)> {
    if out.file_name().is_none() {
        bail!(
            "--out {}: expected a named folder (not . or /)",
            out.display()
        );
    }
    let alerts = report
        .alert
        .iter()
        .map(|a| alert::parse(a))
        .collect::<anyhow::Result<Vec<_>>>()?;
    tracing::info!(out = %out.display(), "taking the run lock");
    let claim = lock::claim(
        out,
        report.lock.as_deref(),
        Duration::from_secs_f64(report.lock_timeout),
    )?;
    remove_stale_staging(out).context("cannot clean up after an interrupted run")?;
    Ok((alerts, claim))
}

/// The sinks of a report set: the report files and run.json, then what
/// the flags ask for (issue 17: the workbook, the HTML report, the graph).
pub(super) fn report_sinks(opts: CsvOptions, report: &ReportArgs) -> Vec<Box<dyn Sink>> {
    let mut sinks: Vec<Box<dyn Sink>> = vec![
        Box::new(ReportFiles::new(opts)),
        Box::new(RunJson::default()),
    ];
    if report.xlsx {
        sinks.push(Box::new(WorkbookSink::new()));
    }
    if report.html {
        sinks.push(Box::new(HtmlSink::new()));
    }
    if let Some(path) = &report.dot {
        sinks.push(Box::new(DotSink::new(path.clone())));
    }
    sinks
}

/// Publishes what `sinks` wrote in `staging` into `out`.
pub(super) fn publish(staging: Staging, sinks: &[Box<dyn Sink>], out: &Path) -> anyhow::Result<()> {
    let mut owned: Vec<String> = sinks.iter().flat_map(|s| s.files()).collect();
    // A run without --xlsx or --html still owns those names: a stale
    // workbook beside fresh CSVs would contradict them.
    owned.extend([xlsx::FILE, html::FILE].map(String::from));
    staging
        .publish(&owned.iter().map(String::as_str).collect::<Vec<_>>())
        .with_context(|| format!("cannot publish the reports into {}", out.display()))?;
    tracing::info!(out = %out.display(), "reports published");
    Ok(())
}

/// Tells the run's events on stderr: errors always, warnings unless
/// `--quiet`, progress only on a terminal.
struct Printer {
    quiet: bool,
    progress: indicatif::ProgressBar,
}

impl Events for Printer {
    fn input_done(&self) {
        self.progress.inc(1);
    }

    fn warnings(&self, source: &str, warnings: &[Warning]) {
        if self.quiet {
            return;
        }
        let stderr = std::io::stderr();
        let mut err = stderr.lock();
        for w in warnings {
            let _ = writeln!(
                err,
                "{}:{}:{}: warning: {}",
                sanitize(source),
                w.line,
                w.column,
                sanitize(&w.message)
            );
        }
    }

    fn failed(&self, error: &Error) {
        eprintln!("{}", describe(error));
    }

    fn stage(&self, what: &str, count: usize) {
        tracing::info!(count, "{what}");
    }

    fn state_set_aside(&self, path: &Path, to: &Path, why: &StateError) {
        // Even with --quiet: the run renamed a file and takes longer.
        eprintln!("{}", verdict::state_set_aside(path, to, why));
    }
}
