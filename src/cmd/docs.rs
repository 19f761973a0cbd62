//! `threadwatch completions` and `threadwatch man`: generated from the
//! clap definitions, so they never drift from `--help`.

use std::io::Write;

use anyhow::Context;
use clap::CommandFactory;

use super::Outcome;
use crate::cli::{Cli, Shell};

/// Prints the completion script for `shell`.
pub fn completions(shell: Shell) -> anyhow::Result<Outcome> {
    let mut cmd = Cli::command();
    let shell = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "threadwatch", &mut out);
    std::io::stdout()
        .lock()
        .write_all(&out)
        .context("cannot write to stdout")?;
    Ok(Outcome::Success)
}

/// Prints the man page.
pub fn man() -> anyhow::Result<Outcome> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .context("cannot render the man page")?;
    std::io::stdout()
        .lock()
        .write_all(&out)
        .context("cannot write to stdout")?;
    Ok(Outcome::Success)
}
