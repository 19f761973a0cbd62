//! Reading many inputs in parallel, deterministically.
//!
//! Inputs are sorted by path so reports never depend on the order a shell
//! or file system gives; rayon's indexed collect keeps that order, and
//! errors are collected per input (not as one `Result<Vec<_>>`, whose error
//! would vary between runs) and reported in input order.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use rayon::prelude::*;
use threadwatch::input::read_thread;
use threadwatch::term::sanitize;
use threadwatch::{Error, Thread};

/// Reads and parses `inputs` on `jobs` threads; returns the threads that
/// parsed and the number of inputs that failed, after printing each error
/// (and each parser warning unless `quiet`) to stderr in input order.
pub fn read_all(
    mut inputs: Vec<PathBuf>,
    jobs: Option<usize>,
    quiet: bool,
) -> anyhow::Result<(Vec<Thread>, usize)> {
    inputs.sort();
    inputs.dedup();
    let pool = worker_pool(jobs)?;
    let results: Vec<Result<Thread, Error>> =
        pool.install(|| inputs.par_iter().map(|p| read_thread(p)).collect());
    let mut threads = Vec::with_capacity(results.len());
    let mut failed = 0;
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for r in results {
        match r {
            Ok(t) => {
                if !quiet {
                    for w in &t.warnings {
                        let _ = writeln!(
                            err,
                            "{}:{}:{}: warning: {}",
                            sanitize(&t.source),
                            w.line,
                            w.column,
                            sanitize(&w.message)
                        );
                    }
                }
                threads.push(t);
            }
            Err(e) => {
                failed += 1;
                let _ = writeln!(err, "{}", describe(&e));
            }
        }
    }
    Ok((threads, failed))
}

/// A rayon pool with `jobs` threads (one per CPU when `None`).
pub fn worker_pool(jobs: Option<usize>) -> anyhow::Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .build()
        .context("cannot start worker threads")
}

/// An error as printed: `path:line:col: message`, then for parse errors the
/// offending line with a caret under the column, so the fix is obvious.
pub fn describe(e: &Error) -> String {
    match e {
        Error::Parse(p) => {
            let mut out = sanitize(&p.to_string()).into_owned();
            if !p.source_line.is_empty() {
                let (shown, pad) = snippet(&p.source_line, p.column as usize);
                let number = p.line.to_string();
                let gutter = " ".repeat(number.len());
                out.push_str(&format!(
                    "\n {number} | {shown}\n {gutter} | {}^",
                    " ".repeat(pad)
                ));
            }
            out
        }
        Error::Io { .. } => sanitize(&e.to_string()).into_owned(),
    }
}

/// Characters of a source line shown around an error's column.
const SNIPPET_CHARS: usize = 100;

/// A window of at most `SNIPPET_CHARS` characters of `line` around the
/// 1-based `column`, sanitised, and the caret's offset within it.  A 10 MB
/// line must not become a 10 MB error message.
fn snippet(line: &str, column: usize) -> (String, usize) {
    let col = column.saturating_sub(1);
    let start = col.saturating_sub(SNIPPET_CHARS / 2);
    let mut shown = String::new();
    let mut pad = 0;
    if start > 0 {
        shown.push_str("...");
        pad += 3;
    }
    for (i, c) in line.chars().enumerate().skip(start).take(SNIPPET_CHARS) {
        let piece = sanitize(c.encode_utf8(&mut [0; 4])).into_owned();
        if i < col {
            pad += piece.chars().count();
        }
        shown.push_str(&piece);
    }
    (shown, pad)
}
