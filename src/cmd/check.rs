//! `threadwatch check`: validate pages, write nothing.

use std::io::Write;

use anyhow::Context;

use super::inputs::read_all;
use super::verdict::count;
use super::Outcome;
use crate::cli::CheckArgs;
use threadwatch::term::sanitize;

/// Runs `check`.
pub fn run(args: CheckArgs) -> anyhow::Result<Outcome> {
    let run = read_all(&args.input, args.run.jobs, args.run.quiet)?;
    let (threads, failed) = (run.threads, run.failed);
    if !args.run.quiet {
        let mut out = std::io::stdout().lock();
        for t in &threads {
            writeln!(
                out,
                "{}: ok: {}, max depth {}: {}",
                sanitize(&t.source),
                count(t.tree.len(), "comment"),
                t.max_depth(),
                sanitize(&t.title)
            )
            .context("cannot write to stdout")?;
        }
    }
    Ok(if failed > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Success
    })
}
