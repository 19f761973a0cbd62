//! `threadwatch analyze`: flags -> a `pipeline::Config` -> `pipeline::run`
//! -> the report set published -> an exit status.
//!
//! Order of work: take the run lock, write every report into a staging
//! folder through the sinks (src/pipeline/), publish the set in one atomic
//! step (report/publish.rs), then save the `--incremental` state.  Alerts
//! are evaluated by the run, once the counts are known, and only change
//! the exit status.

use std::io::Write;
use std::time::Duration;

use anyhow::{bail, Context};
use threadwatch::analyze::incivility::Scorer;
use threadwatch::analyze::model::Model;
use threadwatch::analyze::people::Rules;
use threadwatch::parse::Warning;
use threadwatch::pipeline::{self, Events, Inputs, Sink, Tables};
use threadwatch::report::csv::CsvOptions;
use threadwatch::report::files::ReportFiles;
use threadwatch::report::publish::{remove_stale_staging, Staging};
use threadwatch::report::run::{AlertResult, RunCounts, RunJson, RunOptions};
use threadwatch::term::sanitize;
use threadwatch::Error;

use super::inputs::{describe, expand, progress_bar, read_stdin, worker_pool};
use super::lexicon::load_lexicon;
use super::{alert, lock, Outcome};
use crate::cli::AnalyzeArgs;

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

    let lexicon = load_lexicon(args.lexicon_dir.as_deref())?;
    let model = Model::builtin();
    let opts = CsvOptions {
        delimiter: args.delimiter,
        bom: args.bom,
        format: args.format.into(),
    };
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
        harassment_min: args.harassment_min,
        dogpile_min: args.dogpile_min,
    };
    let check_alerts = |counts: &RunCounts, _: Tables<'_>| -> Vec<AlertResult> {
        alerts.iter().map(|a| a.check(counts)).collect()
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
        threshold: args.uncivil_threshold,
        rules,
        source: &sources,
        incremental: args.incremental.as_deref(),
        options: RunOptions {
            format: opts.format.extension().to_owned(),
            delimiter: char::from(args.delimiter).to_string(),
            bom: args.bom,
            lexicon_dir: args.lexicon_dir.as_ref().map(|d| d.display().to_string()),
            glob: args.input.glob.clone(),
            uncivil_threshold: args.uncivil_threshold,
            harassment_min: rules.harassment_min,
            dogpile_min: rules.dogpile_min,
        },
        lexicon_version: lexicon.version_hash(),
        model_version: model.version(),
        alerts: &check_alerts,
        events: &events,
    };
    let mut sinks: Vec<Box<dyn Sink>> = vec![
        Box::new(ReportFiles::new(opts)),
        Box::new(RunJson::default()),
    ];

    let staging = Staging::new(out)
        .with_context(|| format!("cannot create a staging folder beside {}", out.display()))?;
    let pool = worker_pool(args.run.jobs)?;
    let outcome = pool
        .install(|| pipeline::run(&config, &inputs, &staging.path(""), &mut sinks))
        .with_context(|| format!("cannot write the reports for {}", out.display()))?;
    events.progress.finish_and_clear();
    let owned: Vec<String> = sinks.iter().flat_map(|s| s.files()).collect();
    staging
        .publish(&owned.iter().map(String::as_str).collect::<Vec<_>>())
        .with_context(|| format!("cannot publish the reports into {}", out.display()))?;
    tracing::info!(out = %out.display(), "reports published");
    // The state follows the reports: a run killed in between leaves the
    // older state, which only means more inputs are analysed next time.
    if let (Some(path), Some(state)) = (&args.incremental, &outcome.state) {
        state.save(path)?;
        tracing::info!(state = %path.display(), "state saved");
    }

    let summary = &outcome.summary;
    let failed = summary.counts.failed;
    if !args.run.quiet {
        eprintln!(
            "{} comments from {} threads: reports written to {}{}",
            summary.counts.comments,
            summary.counts.threads,
            out.display(),
            if failed > 0 {
                format!("; {failed} input(s) failed")
            } else {
                String::new()
            }
        );
    }
    // Alerts go to stderr even with --quiet: they are what cron mails.
    for a in summary.alerts.iter().filter(|a| a.crossed) {
        eprintln!(
            "threadwatch: alert: {} (value {})",
            sanitize(&a.rule),
            a.value
        );
    }
    Ok(if failed > 0 {
        Outcome::SomeFailed
    } else if summary.alerts.iter().any(|a| a.crossed) {
        Outcome::Alert
    } else {
        Outcome::Success
    })
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

    fn stage(&self, what: &str) {
        tracing::info!("{what}");
    }
}
