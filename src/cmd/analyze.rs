//! `threadwatch analyze`: inputs in, report files out.

use std::path::Path;

use anyhow::Context;
use serde::Serialize;
use threadwatch::analyze::people::people;
use threadwatch::report::comment_rows;
use threadwatch::report::csv::{header_of, write_atomic, CsvOptions};
use threadwatch::report::people::{interaction_rows, taunt_rows, thread_rows, user_rows};

use threadwatch::analyze::comments::analyze_threads;
use threadwatch::analyze::incivility::Scorer;
use threadwatch::analyze::model::Model;

use super::inputs::{read_all, worker_pool};
use super::lexicon::load_lexicon;
use super::Outcome;
use crate::cli::AnalyzeArgs;

/// Runs `analyze`.
pub fn run(args: AnalyzeArgs) -> anyhow::Result<Outcome> {
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create output folder {}", args.out.display()))?;
    let run = read_all(&args.input, args.run.jobs, args.run.quiet)?;
    let (threads, failed) = (run.threads, run.failed);
    let lexicon = load_lexicon(args.lexicon_dir.as_deref())?;
    let scorer = Scorer {
        lexicon: &lexicon,
        model: Model::builtin(),
    };
    let pool = worker_pool(args.run.jobs)?;
    let analyses = pool.install(|| analyze_threads(&threads, scorer));
    let rows = comment_rows(&threads, &analyses);
    let who = people(&threads, &analyses);
    let opts = CsvOptions {
        delimiter: args.delimiter,
        bom: args.bom,
    };
    write_report(&args.out.join("comments.csv"), &rows, opts)?;
    write_report(&args.out.join("users.csv"), &user_rows(&who), opts)?;
    write_report(
        &args.out.join("interactions.csv"),
        &interaction_rows(&threads, &who),
        opts,
    )?;
    write_report(
        &args.out.join("taunts.csv"),
        &taunt_rows(&threads, &who),
        opts,
    )?;
    write_report(
        &args.out.join("threads.csv"),
        &thread_rows(&threads, &who),
        opts,
    )?;
    if !args.run.quiet {
        eprintln!(
            "{} comments from {} threads: reports written to {}{}",
            rows.len(),
            threads.len(),
            args.out.display(),
            if failed > 0 {
                format!("; {failed} input(s) failed")
            } else {
                String::new()
            }
        );
    }
    Ok(if failed > 0 {
        Outcome::SomeFailed
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
