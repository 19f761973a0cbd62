//! How an `analyze` run ends: the lines cron mails and the exit outcome.
//!
//! Kept apart from the run itself so that the words and the precedence
//! of exit codes (issue 18) live in one place: nothing analysed is 4, an
//! alert that held is 3 even when some inputs failed (both are printed),
//! failed inputs alone are 1.

use std::path::Path;

use threadwatch::report::run::{AlertResult, RunCounts};
use threadwatch::state::StateError;
use threadwatch::term::sanitize;

use super::Outcome;

/// `n` and the noun, plural unless `n` is 1: "1 thread", "2 threads".
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// True when no input gave a thread: every input failed, or there were
/// none.  (An export with some bad threads still analysed the others.)
pub fn nothing_was_analysed(counts: &RunCounts) -> bool {
    counts.failed >= counts.inputs && counts.threads == 0
}

/// The warning for an `--incremental` state at `path` that could not be
/// read (`why`) and was moved to `to`.
pub fn state_set_aside(path: &Path, to: &Path, why: &StateError) -> String {
    format!(
        "threadwatch: warning: --incremental {}: {}; moved it to {} and rebuilding the state \
         with a full run",
        sanitize(&path.display().to_string()),
        sanitize(&why.reason()),
        sanitize(&to.display().to_string())
    )
}

/// Says that nothing was analysed (every one of `inputs` failed, or there
/// were none) and that the reports in `out` are untouched; printed even
/// with `--quiet`, since it is a failure.
pub fn nothing_analysed(out: &Path, inputs: usize) -> Outcome {
    let why = if inputs == 0 {
        "no input matched".to_owned()
    } else if inputs == 1 {
        "the only input failed".to_owned()
    } else {
        format!("all {inputs} inputs failed")
    };
    eprintln!(
        "threadwatch: nothing analysed ({why}); the reports in {} are left as they were",
        sanitize(&out.display().to_string())
    );
    Outcome::NothingAnalysed
}

/// Prints the summary line (unless `quiet`) and every alert that held
/// (always: alerts are what cron mails), and returns the outcome.
pub fn finish(out: &Path, counts: &RunCounts, alerts: &[AlertResult], quiet: bool) -> Outcome {
    if !quiet {
        let mut notes = String::new();
        if counts.failed > 0 {
            notes.push_str(&format!("; {} failed", count(counts.failed, "input")));
        }
        if counts.empty_inputs > 0 {
            notes.push_str(&format!("; {} empty", count(counts.empty_inputs, "input")));
        }
        eprintln!(
            "{} from {}: reports written to {}{notes}",
            count(counts.comments, "comment"),
            count(counts.threads, "thread"),
            sanitize(&out.display().to_string()),
        );
    }
    let held: Vec<&AlertResult> = alerts.iter().filter(|a| a.crossed).collect();
    for a in &held {
        eprintln!("threadwatch: alert: {}", alert_line(a));
    }
    if !held.is_empty() && counts.failed > 0 {
        // Exit 3 hides exit 1: say it where cron's mail shows it.
        eprintln!(
            "threadwatch: also {} of {} failed (see above and run.json)",
            count(counts.failed, "input"),
            counts.inputs
        );
    }
    Outcome::of_run(
        nothing_was_analysed(counts),
        counts.failed,
        !held.is_empty(),
    )
}

/// `rule (value V): who, who, ... and N more`.
pub fn alert_line(a: &AlertResult) -> String {
    let mut line = format!("{} (value {})", a.rule, a.value);
    if !a.tripped.is_empty() {
        line.push_str(": ");
        line.push_str(&a.tripped.join(", "));
        if a.tripped_total > a.tripped.len() {
            line.push_str(&format!(
                " and {} more (run.json)",
                a.tripped_total - a.tripped.len()
            ));
        }
    }
    sanitize(&line).into_owned()
}
