//! Reading many inputs in parallel, deterministically.
//!
//! Inputs are sorted by path so reports never depend on the order a shell
//! or file system gives; rayon's indexed collect keeps that order, and
//! errors are collected per input (not as one `Result<Vec<_>>`, whose error
//! would vary between runs) and reported in input order.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use globset::{Glob, GlobMatcher};
use rayon::prelude::*;
use threadwatch::pipeline::source::{read_input, ReadInput};
use threadwatch::pipeline::source::{Fields, Sources};
use threadwatch::report::run::InputRecord;
use threadwatch::term::sanitize;
use threadwatch::{Error, Thread};

use crate::cli::{FormatArgs, InputArgs};

pub use threadwatch::pipeline::Input;

/// The inputs named by `args`: files as given, directories walked
/// recursively (hidden entries skipped, `--glob` applied to paths below the
/// directory, links followed: see [`walk`]), `-` for standard input, and
/// the lines of `--files-from`.
/// Sorted by path and deduplicated, so reports never depend on the order a
/// shell or file system gives.
pub fn expand(args: &InputArgs) -> anyhow::Result<Vec<Input>> {
    let glob: Option<GlobMatcher> = match &args.glob {
        Some(g) => Some(
            Glob::new(g)
                .with_context(|| format!("--glob {g:?} is not a valid glob"))?
                .compile_matcher(),
        ),
        None => None,
    };
    let mut named: Vec<PathBuf> = args.inputs.clone();
    if let Some(list) = &args.files_from {
        let text = std::fs::read_to_string(list)
            .with_context(|| format!("cannot read --files-from {}", list.display()))?;
        named.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(PathBuf::from),
        );
    }
    if named.is_empty() {
        bail!("no inputs: name files or folders, `-` for standard input, or use --files-from");
    }
    let mut out = Vec::new();
    for p in named {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
        } else if p.is_dir() {
            walk(&p, glob.as_ref(), &mut out)?;
        } else {
            out.push(Input::File(p));
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// Walks `dir` for inputs.  Symbolic links to files and folders are
/// followed (issue 27: they were skipped silently, and a run read 27 of
/// 81 comments): a link that leads back into a folder it is in, a link
/// to nothing, and a second path to a file already found are skipped with
/// a warning on stderr, so each file is read once and nothing is left out
/// unsaid.  Of several paths to one file, the first not reached through a
/// link is kept (else the first), in sorted walk order.
fn walk(dir: &Path, glob: Option<&GlobMatcher>, out: &mut Vec<Input>) -> anyhow::Result<()> {
    let hidden = |e: &walkdir::DirEntry| {
        e.depth() > 0 && e.file_name().to_str().is_some_and(|n| n.starts_with('.'))
    };
    // Each file found: its path, its real path, and whether a link led
    // to it; folders reached through a link.
    let mut found: Vec<(PathBuf, PathBuf, bool)> = Vec::new();
    let mut linked: Vec<PathBuf> = Vec::new();
    let warn = |what: String| {
        let _ = writeln!(
            std::io::stderr(),
            "threadwatch: warning: {}",
            sanitize(&what)
        );
    };
    let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned());
    let mut entries = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !hidden(e));
    while let Some(entry) = entries.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) if e.loop_ancestor().is_some() => {
                let at = e
                    .path()
                    .map_or_else(String::new, |p| p.display().to_string());
                warn(format!(
                    "skipped the link {at}: it leads back to the folder {} it is in",
                    e.loop_ancestor()
                        .map(Path::display)
                        .map(|d| d.to_string())
                        .unwrap_or_default()
                ));
                continue;
            }
            Err(e)
                if e.io_error()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound)
                    && e.path().is_some_and(|p| p.is_symlink()) =>
            {
                let at = e
                    .path()
                    .map_or_else(String::new, |p| p.display().to_string());
                warn(format!("skipped the link {at}: it leads to nothing"));
                continue;
            }
            Err(e) => {
                return Err(e).with_context(|| format!("cannot read folder {}", dir.display()))
            }
        };
        if entry.path_is_symlink() && entry.file_type().is_dir() {
            // A link to the folder walked or one above it: a loop too, one
            // that walkdir, which knows only the folders below, cannot see.
            let target = std::fs::canonicalize(entry.path()).unwrap_or_default();
            if root.starts_with(&target) {
                warn(format!(
                    "skipped the link {}: it leads back to the folder {} it is in",
                    entry.path().display(),
                    target.display()
                ));
                entries.skip_current_dir();
                continue;
            }
            linked.push(entry.path().to_owned());
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        if glob.is_none_or(|g| g.is_match(rel) || g.is_match(entry.file_name())) {
            let real =
                std::fs::canonicalize(entry.path()).unwrap_or_else(|_| entry.path().to_owned());
            let via_link =
                entry.path_is_symlink() || linked.iter().any(|l| entry.path().starts_with(l));
            found.push((entry.into_path(), real, via_link));
        }
    }
    let mut kept: std::collections::BTreeMap<&Path, &Path> = std::collections::BTreeMap::new();
    for (path, real, via_link) in &found {
        if !via_link {
            kept.entry(real.as_path()).or_insert(path.as_path());
        }
    }
    for (path, real, _) in &found {
        kept.entry(real.as_path()).or_insert(path.as_path());
    }
    for (path, real, _) in &found {
        match kept.get(real.as_path()) {
            Some(k) if *k == path.as_path() => out.push(Input::File(path.clone())),
            Some(k) => warn(format!(
                "skipped {}: the same file as {}, reached through a link",
                path.display(),
                k.display()
            )),
            None => {}
        }
    }
    Ok(())
}

/// Standard input's bytes when `-` is among `inputs` (read once, up
/// front), else nothing.
pub fn read_stdin(inputs: &[Input]) -> anyhow::Result<Vec<u8>> {
    let mut buf = Vec::new();
    if inputs.contains(&Input::Stdin) {
        std::io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .context("cannot read standard input")?;
    }
    Ok(buf)
}

/// What a run read: the threads that parsed, every input's record (in
/// input order) and how many failed.
pub struct ReadRun {
    /// Parsed threads, in input order.
    pub threads: Vec<Thread>,
    /// Every input, parsed or not, without its thread.
    pub inputs: Vec<InputRecord>,
    /// Inputs that failed.
    pub failed: usize,
}

/// The readers `--input-format` and `--field` ask for (issue 16).
pub fn sources(args: &FormatArgs) -> anyhow::Result<Sources> {
    let mut fields = Fields::default();
    for spec in &args.field {
        fields.apply(spec)?;
    }
    let zone = match &args.tz {
        Some(name) => Some(threadwatch::zone::Zone::named(name).context("bad --tz")?),
        None => None,
    };
    Sources::new(fields)
        .in_zone(zone)
        .forcing(&args.input_format)
        .ok_or_else(|| anyhow::anyhow!("unknown --input-format {:?}", args.input_format))
}

/// Reads and parses every input of `args` on `jobs` threads, printing each
/// error (and each parser warning unless `quiet`) to stderr in input order.
pub fn read_all(args: &InputArgs, jobs: Option<usize>, quiet: bool) -> anyhow::Result<ReadRun> {
    let sources = sources(&args.format)?;
    let inputs = expand(args)?;
    let stdin_bytes = read_stdin(&inputs)?;
    tracing::info!(inputs = inputs.len(), "reading inputs");
    let progress = progress_bar(inputs.len(), quiet);
    let pool = worker_pool(jobs)?;
    let loaded: Vec<ReadInput> = pool.install(|| {
        inputs
            .par_iter()
            .map(|i| {
                let l = read_input(&sources, i, &stdin_bytes);
                tracing::debug!(input = %sanitize(&l.record.path), bytes = l.record.bytes, "read");
                progress.inc(1);
                l
            })
            .collect()
    });
    progress.finish_and_clear();
    let mut run = ReadRun {
        threads: Vec::with_capacity(loaded.len()),
        inputs: Vec::with_capacity(loaded.len()),
        failed: 0,
    };
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for l in loaded {
        if l.record.error.is_some() {
            run.failed += 1;
        }
        for t in l.threads {
            match t {
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
                    run.threads.push(t);
                }
                Err(e) => {
                    let _ = writeln!(err, "{}", describe(&e));
                }
            }
        }
        run.inputs.push(l.record);
    }
    Ok(run)
}

/// A progress bar on stderr, only when stderr is a terminal and the run is
/// not `--quiet`: cron logs never get escape codes.
pub fn progress_bar(len: usize, quiet: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() || len < 2 {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} inputs {elapsed}")
    {
        bar.set_style(style);
    }
    bar
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
        Error::Io { .. } | Error::NotText { .. } => sanitize(&e.to_string()).into_owned(),
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
