//! `threadwatch completions` and `threadwatch man`: generated from the
//! clap definitions, so they never drift from `--help`.

use std::io::Write;

use anyhow::Context;
use clap::CommandFactory;

use super::Outcome;
use crate::cli::{Cli, ManArgs, Shell};

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

/// Prints the top man page, or with `--dir` writes it and one page per
/// subcommand (`threadwatch-analyze.1`, ...; issue 27: the top page alone
/// left `man threadwatch-analyze` empty).
pub fn man(args: ManArgs) -> anyhow::Result<Outcome> {
    if let Some(dir) = args.dir {
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        clap_mangen::generate_to(Cli::command(), &dir)
            .with_context(|| format!("cannot write the man pages into {}", dir.display()))?;
        return Ok(Outcome::Success);
    }
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
