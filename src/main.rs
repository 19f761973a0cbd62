//! The `threadwatch` binary: parse arguments, run, map the outcome to an
//! exit status.  This is the only place that exits.

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

fn main() -> ExitCode {
    let matches = cli::Cli::command().get_matches();
    let cli = match cli::Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    // A server logs its address, reloads and failures without -v.
    let serving = matches!(&cli.command, cli::Command::Serve(a) if !a.hash_key);
    init_logging(if serving {
        cli.verbose.max(1)
    } else {
        cli.verbose
    });
    match cmd::run(cli, &matches) {
        Ok(cmd::Outcome::Success) => ExitCode::SUCCESS,
        Ok(cmd::Outcome::SomeFailed) => ExitCode::from(1),
        Ok(cmd::Outcome::Alert) => ExitCode::from(3),
        Ok(cmd::Outcome::NothingAnalysed) => ExitCode::from(4),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("threadwatch: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// A closed pipe (`threadwatch tree x | head`) is the reader's choice, not
/// a failure (ripgrep and xsv exit 0 too).
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// `-v` logs steps, `-vv` details, to stderr without colour codes, so cron
/// logs stay plain text.  Without `-v` nothing is logged.
fn init_logging(verbose: u8) {
    let level = match verbose {
        0 => return,
        1 => tracing::Level::INFO,
        _ => tracing::Level::DEBUG,
    };
    tracing_subscriber::fmt()
        .with_max_level(level)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .without_time()
        .with_target(false)
        .init();
}
