//! Subcommands: each turns its flags into a run and reports what happened.
//! They use anyhow for context; only `main.rs` turns outcomes into exit codes.

mod alert;
mod analyze;
mod check;
mod config;
mod docs;
mod eval;
mod explain;
mod gen;
mod inputs;
mod lexicon;
mod lock;
mod map;
mod merge;
mod model;
mod score;
mod serve;
mod texts;
mod train;
mod tree;
mod verdict;

use crate::cli::{Cli, Command};

/// How a run ended, for the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every input was analysed.
    Success,
    /// The run finished, but some inputs failed.
    SomeFailed,
    /// At least one input was analysed and an `--alert` rule held (some
    /// inputs may have failed too: stderr and run.json say which).
    Alert,
    /// Nothing was analysed: every input failed, or none matched.  The
    /// previous reports are left as they were.
    NothingAnalysed,
}

impl Outcome {
    /// The outcome of a run that analysed `nothing` or something, in
    /// which `failed` inputs failed, and whose alerts held or not.  An alert wins over
    /// failed inputs (issue 18): it is what cron must mail, and failures
    /// are on stderr and in run.json anyway.
    pub fn of_run(nothing: bool, failed: usize, alert: bool) -> Outcome {
        if nothing {
            Outcome::NothingAnalysed
        } else if alert {
            Outcome::Alert
        } else if failed > 0 {
            Outcome::SomeFailed
        } else {
            Outcome::Success
        }
    }
}

/// Runs the subcommand `cli` asks for; `matches` tells which flags were
/// given on the command line (they win over the config file).
pub fn run(cli: Cli, matches: &clap::ArgMatches) -> anyhow::Result<Outcome> {
    let color = cli.color.into();
    match cli.command {
        Command::Analyze(mut args) => {
            if let Some(config) = config::load(cli.config.as_deref())? {
                let sub = matches.subcommand_matches("analyze").unwrap_or(matches);
                config::apply(&config.analyze, &mut args, sub)?;
            }
            analyze::run(args)
        }
        Command::Tree(args) => tree::run(args, color),
        Command::Check(args) => check::run(args),
        Command::Score(args) => score::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Train(args) => train::run(args),
        Command::Serve(args) => {
            serve::run(args, config::load(cli.config.as_deref())?.map(|c| c.serve))
        }
        Command::Gen(args) => gen::run(args),
        Command::Map(args) => map::run(args),
        Command::Merge(args) => merge::run(args),
        Command::Completions(args) => docs::completions(args.shell),
        Command::Man(args) => docs::man(args),
    }
}
