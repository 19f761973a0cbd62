//! `threadwatch analyze`: inputs in, a complete set of reports out.
//!
//! Order of work: take the run lock, then stream the inputs in batches of
//! about `BATCH_BYTES` (each batch read, parsed and analysed in parallel,
//! then written in input order).  Each input's facts are counted into the
//! per-user figures as they arrive and its named comments go to author
//! buckets beside the reports for the taunt finder, so memory is bounded
//! by a batch (at least the largest page) plus per-user and per-pair
//! state, not by the corpus (issue 6).  Only `--incremental` keeps every
//! input's facts, for its state file.  Every report goes
//! into a staging folder, and the set is published in one atomic step
//! (report/publish.rs).  With `--incremental`, inputs whose path and
//! content are unchanged come from the state file instead of being read
//! and analysed again (src/state.rs).  Alerts are evaluated last and only
//! change the exit status.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::ops::Range;
use std::path::Path;
use std::time::Duration;

use anyhow::{bail, Context};
use rayon::prelude::*;
use serde::Serialize;
use threadwatch::analyze::comments::{CommentAnalysis, ThreadAnalyzer};
use threadwatch::analyze::facts::{FactsBuilder, ThreadFacts};
use threadwatch::analyze::incivility::Scorer;
use threadwatch::analyze::matcher::Lexicon;
use threadwatch::analyze::model::Model;
use threadwatch::analyze::people::buckets::BucketWriter;
use threadwatch::analyze::people::{PeopleBuilder, Rules};
use threadwatch::input::{hash_and_parse_thread_owned, parse_thread_owned, sha256_hex};
use threadwatch::report::csv::{header_of, preamble, write_atomic, CsvOptions, RowWriter};
use threadwatch::report::people::{interaction_rows, taunt_rows, thread_rows, user_rows};
use threadwatch::report::publish::{remove_stale_staging, Staging};
use threadwatch::report::run::{
    to_json, IncrementalRecord, InputRecord, RunCounts, RunOptions, RunSummary,
};
use threadwatch::report::{comment_row, CommentRow};
use threadwatch::state::{Entry, State};
use threadwatch::term::sanitize;
use threadwatch::{Error, Thread};

use super::inputs::{describe, expand, progress_bar, read_stdin, worker_pool, Input};
use super::lexicon::load_lexicon_allowing;
use super::{alert, lock, Outcome};
use crate::cli::AnalyzeArgs;

/// Input bytes read and analysed together before their rows are written:
/// enough to keep every worker busy on small pages, small enough that a
/// corpus of any size streams through.  Two batches are in memory at
/// once: one being analysed while the one before is written and counted.
const BATCH_BYTES: u64 = 32 << 20;

/// Comments of one page analysed at a time: each window's analyses are
/// turned into rows and facts and dropped, so a huge page never holds
/// every comment's full analysis at once.
const WINDOW: usize = 16 * 1024;

/// Inputs at least this big are analysed alone, their rows written
/// straight into comments.csv instead of being buffered.
const DIRECT_BYTES: u64 = BATCH_BYTES / 4;

/// Reports a run writes, without extension.
const REPORTS: [&str; 5] = ["comments", "users", "interactions", "taunts", "threads"];

/// Every file name a run may own, in any `--format`: on publishing, these
/// are replaced or dropped (a switch from csv to jsonl leaves no stale
/// csv), while anything else in the output folder is left alone.
fn owned_names() -> Vec<String> {
    let mut names: Vec<String> = REPORTS
        .iter()
        .flat_map(|r| ["csv", "tsv", "jsonl"].map(|e| format!("{r}.{e}")))
        .collect();
    names.push("run.json".to_owned());
    names
}

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

    let lexicon = load_lexicon_allowing(args.lexicon_dir.as_deref(), args.allow.as_deref())?;
    let model = Model::builtin();
    let scorer = Scorer {
        lexicon: &lexicon,
        model,
    };
    let threshold = args.uncivil_threshold;
    let opts = CsvOptions {
        delimiter: args.delimiter,
        bom: args.bom,
        format: args.format.into(),
    };
    let fingerprint = fingerprint(&lexicon, model, threshold, opts);
    let mut cache = match &args.incremental {
        Some(path) => {
            // Fail now, not after the whole run, if the state cannot be kept.
            if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).with_context(|| {
                    format!(
                        "cannot create the folder of --incremental {}",
                        path.display()
                    )
                })?;
            }
            load_state(path, &fingerprint)?
        }
        None => Cache::new(),
    };
    let file = |report: &str| format!("{report}.{}", opts.format.extension());
    let staging = Staging::new(out)
        .with_context(|| format!("cannot create a staging folder beside {}", out.display()))?;

    let inputs = expand(&args.input)?;
    let stdin = read_stdin(&inputs)?;
    let pool = worker_pool(args.run.jobs)?;
    let comments_path = staging.path(&file("comments"));
    let cannot_write = || format!("cannot write {}", comments_path.display());
    let mut comments = File::create(&comments_path)
        .map(|f| BufWriter::with_capacity(1 << 20, f))
        .and_then(|mut f| {
            f.write_all(&preamble(&header_of(&CommentRow::default()), opts))?;
            Ok(f)
        })
        .with_context(cannot_write)?;
    let mut run = Tally {
        keep_entries: args.incremental.is_some(),
        quiet: args.run.quiet,
        ..Tally::default()
    };
    let rules = Rules {
        harassment_min: args.harassment_min,
        dogpile_min: args.dogpile_min,
    };
    // Each input's facts are counted as they arrive and its named comments
    // wait for the taunt finder in buckets beside the reports, so the run
    // keeps no facts (but for the state file, with --incremental).
    let bucket_error = || {
        format!(
            "cannot write the taunt finder's buckets beside {}",
            out.display()
        )
    };
    let input_bytes = inputs.iter().map(|i| i.size_hint(&stdin)).sum();
    let buckets = BucketWriter::in_files(&staging.path(""), BucketWriter::count_for(input_bytes))
        .with_context(bucket_error)?;
    let mut people = PeopleBuilder::new(rules, buckets);
    tracing::info!(inputs = inputs.len(), "reading and analysing inputs");
    let progress = progress_bar(inputs.len(), args.run.quiet);
    let params = (scorer, threshold, opts);
    // Which inputs the state holds, for the workers to check while the
    // entries themselves are taken by the writing side.
    let cached: Cached = cache.keys().cloned().collect();
    let mut sinks = Sinks {
        run: &mut run,
        cache: &mut cache,
        comments: &mut comments,
        people: &mut people,
        cannot_write: cannot_write(),
        bucket_error: bucket_error(),
    };
    // Inputs analysed but not yet written and counted.  Writing is serial
    // (rows in input order), so it runs while the pool analyses the next
    // batch instead of between batches (issue 6).
    let mut pending: Vec<Done> = Vec::new();
    for batch in batches(&inputs, &stdin) {
        // A big page is a batch of its own; unless its rows must be kept
        // for the state file, they go straight into the report.
        let direct = match batch {
            [one] if !sinks.run.keep_entries && one.size_hint(&stdin) >= DIRECT_BYTES => Some(one),
            _ => None,
        };
        match direct {
            Some(input) => {
                // Rows stay in input order: what came before is written
                // first.
                sinks.add(std::mem::take(&mut pending))?;
                let out: &mut (dyn Write + Send) = &mut *sinks.comments;
                let d = pool.install(|| analyse_input(input, &stdin, params, &cached, Some(out)));
                progress.inc(1);
                // An input that was read and hashed fails with an IO error
                // only when writing its rows failed: the report is broken.
                if let (Err(Error::Io { source, .. }), false) =
                    (&d.result, d.record.sha256.is_empty())
                {
                    bail!("{}: {source}", cannot_write());
                }
                pending = vec![d];
            }
            None => {
                let before = std::mem::take(&mut pending);
                let (done, added) = pool.install(|| {
                    rayon::join(
                        || {
                            batch
                                .par_iter()
                                .map(|input| {
                                    let d = analyse_input(input, &stdin, params, &cached, None);
                                    progress.inc(1);
                                    d
                                })
                                .collect::<Vec<Done>>()
                        },
                        || sinks.add(before),
                    )
                });
                added?;
                pending = done;
            }
        }
    }
    sinks.add(pending)?;
    progress.finish_and_clear();
    comments.flush().with_context(cannot_write)?;
    drop(comments);

    let threads = people.threads();
    tracing::info!(threads, "counting users, pairs and taunts");
    let who = pool.install(|| people.finish()).with_context(|| {
        format!(
            "cannot read the taunt finder's buckets beside {}",
            out.display()
        )
    })?;
    tracing::info!(
        users = who.users.len(),
        taunts = who.taunts.len(),
        "writing reports"
    );
    // The four reports are independent files: written side by side, the
    // biggest sets the time (on one huge page they were seconds of one
    // busy core at the end of a two-thread run: issue 6).
    let people = &who;
    let path = |name: &str| staging.path(&file(name));
    let (users, (interactions, (taunts, thread_report))) = pool.install(|| {
        rayon::join(
            || write_report(&path("users"), user_rows(people), opts),
            || {
                rayon::join(
                    || write_report(&path("interactions"), interaction_rows(people), opts),
                    || {
                        rayon::join(
                            || write_report(&path("taunts"), taunt_rows(people), opts),
                            || write_report(&path("threads"), thread_rows(people), opts),
                        )
                    },
                )
            },
        )
    });
    users?;
    interactions?;
    taunts?;
    thread_report?;

    let failed = run.failed;
    let counts = RunCounts {
        inputs: run.records.len(),
        failed,
        threads,
        comments: run.comments,
        uncivil_comments: run.uncivil,
        users: who.users.len(),
        pairs: who.pairs.len(),
        harassment: who
            .pairs
            .values()
            .filter(|p| p.aimed_uncivil >= rules.harassment_min)
            .count(),
        dogpiles: who.threads.iter().map(|t| t.dogpiles).sum(),
        taunts: who.taunts.len(),
    };
    drop(who);
    let checked: Vec<_> = alerts.iter().map(|a| a.check(&counts)).collect();
    let summary = RunSummary {
        tool: "threadwatch",
        version: env!("CARGO_PKG_VERSION"),
        lexicon_version: lexicon.version_hash(),
        model_version: model_version(model),
        options: RunOptions {
            format: opts.format.extension().to_owned(),
            delimiter: char::from(args.delimiter).to_string(),
            bom: args.bom,
            lexicon_dir: args.lexicon_dir.as_ref().map(|d| d.display().to_string()),
            glob: args.input.glob.clone(),
            uncivil_threshold: threshold,
            harassment_min: rules.harassment_min,
            dogpile_min: rules.dogpile_min,
        },
        inputs: std::mem::take(&mut run.records),
        counts,
        alerts: checked.clone(),
        incremental: args.incremental.as_ref().map(|p| IncrementalRecord {
            state: p.display().to_string(),
            reused: run.reused,
            analysed: run.analysed,
        }),
    };
    std::fs::write(staging.path("run.json"), to_json(&summary)).context("cannot write run.json")?;
    let owned = owned_names();
    staging
        .publish(&owned.iter().map(String::as_str).collect::<Vec<_>>())
        .with_context(|| format!("cannot publish the reports into {}", out.display()))?;
    tracing::info!(out = %out.display(), "reports published");
    // The state follows the reports: a run killed in between leaves the
    // older state, which only means more inputs are analysed next time.
    if let Some(path) = &args.incremental {
        let entries = run
            .entries
            .into_iter()
            .zip(run.facts)
            .map(|(e, facts)| Entry { facts, ..e })
            .collect();
        State {
            fingerprint,
            entries,
        }
        .save(path)?;
        tracing::info!(state = %path.display(), reused = run.reused, "state saved");
    }

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
    for a in checked.iter().filter(|a| a.crossed) {
        eprintln!(
            "threadwatch: alert: {} (value {})",
            sanitize(&a.rule),
            a.value
        );
    }
    Ok(if failed > 0 {
        Outcome::SomeFailed
    } else if checked.iter().any(|a| a.crossed) {
        Outcome::Alert
    } else {
        Outcome::Success
    })
}

/// Cached entries by (path, sha256).
type Cache = HashMap<(String, String), Entry>;

/// The state's entries; none when there is no state yet, or when it was
/// made with other settings (then every input is analysed again, which is
/// always safe).  A foreign or damaged file is an error that says how to
/// rebuild it.
fn load_state(path: &Path, fingerprint: &str) -> anyhow::Result<Cache> {
    let Some(state) = State::load(path)? else {
        tracing::info!(state = %path.display(), "no state yet: analysing every input");
        return Ok(Cache::new());
    };
    if state.fingerprint != fingerprint {
        tracing::info!(
            state = %path.display(),
            "state made by another version or with other word lists: analysing every input"
        );
        return Ok(Cache::new());
    }
    Ok(state
        .entries
        .into_iter()
        .map(|e| ((e.path.clone(), e.sha256.clone()), e))
        .collect())
}

/// What cached analyses depend on: the tool, the word lists, the weights,
/// the uncivil threshold and the format the rows are kept in.  The
/// people-stage thresholds are not in it: that stage always runs over
/// every input's facts.
fn fingerprint(lexicon: &Lexicon, model: &Model, threshold: f64, opts: CsvOptions) -> String {
    format!(
        "threadwatch {} lexicon {} model {} uncivil>={threshold} format {} delimiter {}",
        env!("CARGO_PKG_VERSION"),
        lexicon.version_hash(),
        model_version(model),
        opts.format.extension(),
        opts.delimiter
    )
}

/// Inputs in order, cut into batches of about `BATCH_BYTES`; an input of
/// `DIRECT_BYTES` or more is a batch of its own.
fn batches<'a>(inputs: &'a [Input], stdin: &[u8]) -> Vec<&'a [Input]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0u64);
    for (i, input) in inputs.iter().enumerate() {
        let size = input.size_hint(stdin).max(1);
        if size >= DIRECT_BYTES && start < i {
            out.push(&inputs[start..i]);
            (start, bytes) = (i, 0);
        }
        bytes += size;
        if bytes >= BATCH_BYTES || size >= DIRECT_BYTES {
            out.push(&inputs[start..=i]);
            (start, bytes) = (i + 1, 0);
        }
    }
    if start < inputs.len() {
        out.push(&inputs[start..]);
    }
    out
}

/// The state's inputs, as (path, SHA-256).
type Cached = std::collections::HashSet<(String, String)>;

/// Where analysed inputs go, in input order: their rows to comments.csv,
/// their facts to the per-user figures.
struct Sinks<'a, W: Write> {
    run: &'a mut Tally,
    cache: &'a mut Cache,
    comments: &'a mut W,
    people: &'a mut PeopleBuilder,
    /// What a failed write of comments.csv says.
    cannot_write: String,
    /// What a failed write of a bucket says.
    bucket_error: String,
}

impl<W: Write> Sinks<'_, W> {
    /// Writes and counts `done`, in order.
    fn add(&mut self, done: Vec<Done>) -> anyhow::Result<()> {
        for d in done {
            let facts = self
                .run
                .add(d, self.cache, self.comments)
                .with_context(|| self.cannot_write.clone())?;
            if let Some(facts) = facts {
                self.people
                    .add(&facts)
                    .with_context(|| self.bucket_error.clone())?;
                if self.run.keep_entries {
                    self.run.facts.push(facts);
                }
            }
        }
        Ok(())
    }
}

/// One input, done.
struct Done {
    record: InputRecord,
    result: Result<Fresh, Error>,
}

/// What an input gave.
enum Fresh {
    /// Read and analysed now.
    Analysed(Box<Entry>),
    /// Unchanged since the state was written: take its entry.
    Cached,
}

/// Reads `input` and, unless the cache holds it, parses and analyses it.
/// With `direct`, the rows are written there and the entry keeps none.
fn analyse_input(
    input: &Input,
    stdin: &[u8],
    (scorer, threshold, opts): (Scorer<'_>, f64, CsvOptions),
    cached: &Cached,
    direct: Option<&mut (dyn Write + Send)>,
) -> Done {
    let name = input.name();
    let mut record = InputRecord {
        path: name.clone(),
        bytes: 0,
        sha256: String::new(),
        comments: 0,
        error: None,
    };
    let read = match input {
        Input::File(p) => std::fs::read(p).map_err(|source| Error::Io {
            path: p.clone(),
            source,
        }),
        Input::Stdin => Ok(stdin.to_vec()),
    };
    let bytes = match read {
        Ok(b) => b,
        Err(e) => {
            return Done {
                record,
                result: Err(e),
            }
        }
    };
    record.bytes = bytes.len() as u64;
    // Without a state to reuse, the digest is only recorded, so it is
    // computed while the page is parsed (issue 6).
    let parsed = if cached.is_empty() {
        let (sha256, parsed) = hash_and_parse_thread_owned(&name, bytes);
        record.sha256 = sha256;
        parsed
    } else {
        record.sha256 = sha256_hex(&bytes);
        if cached.contains(&(name.clone(), record.sha256.clone())) {
            return Done {
                record,
                result: Ok(Fresh::Cached),
            };
        }
        parse_thread_owned(&name, bytes)
    };
    let thread = match parsed {
        Ok(t) => t,
        Err(e) => {
            return Done {
                record,
                result: Err(e),
            }
        }
    };
    let warnings = thread
        .warnings
        .iter()
        .map(|w| (w.line, w.column, w.message.clone()))
        .collect();
    let analysed = match direct {
        Some(out) => analyse_thread(thread, scorer, threshold, opts, out)
            .map(|(_, n, uncivil, facts)| (Vec::new(), n, uncivil, facts)),
        None => analyse_thread(thread, scorer, threshold, opts, Vec::new()),
    };
    match analysed {
        Ok((rows, comments, uncivil, facts)) => Done {
            result: Ok(Fresh::Analysed(Box::new(Entry {
                path: name,
                sha256: record.sha256.clone(),
                bytes: record.bytes,
                warnings,
                rows,
                comments,
                uncivil,
                facts,
            }))),
            record,
        },
        Err(source) => Done {
            record,
            result: Err(Error::Io {
                path: name.into(),
                source,
            }),
        },
    }
}

/// One parsed page's serialised rows, comment count, uncivil count and
/// facts.  Signatures are learnt per input, so an input's analysis depends
/// on nothing but its own bytes: what lets --incremental reuse it.
///
/// A page longer than one window is pipelined: while the pool analyses a
/// window, the previous window's rows and facts are written.  Writing is
/// serial (rows must keep page order), and done between windows it left
/// one of two cores idle for a fifth of a huge page's analysis (issue 6).
fn analyse_thread<W: Write + Send>(
    thread: Thread,
    scorer: Scorer<'_>,
    threshold: f64,
    opts: CsvOptions,
    out: W,
) -> std::io::Result<(W, usize, usize, ThreadFacts)> {
    let analyzer = ThreadAnalyzer::new(&thread, scorer, threshold);
    let n = analyzer.len();
    let mut rows = RowWriter::body(out, opts);
    let mut facts = FactsBuilder::new(&thread);
    let mut uncivil = 0;
    let mut write_window = |range: Range<usize>, analyses: Vec<CommentAnalysis>| {
        for (i, a) in range.zip(analyses) {
            let (id, dotted) = (analyzer.id(i), analyzer.dotted(i));
            let row = comment_row(&thread, id, dotted, &a, |q| analyzer.dotted_of(q));
            uncivil += usize::from(row.uncivil);
            rows.write(&row)?;
            facts.push(id, &a);
        }
        std::io::Result::Ok(())
    };
    let mut pending: Option<(Range<usize>, Vec<CommentAnalysis>)> = None;
    for start in (0..n).step_by(WINDOW) {
        let window = start..(start + WINDOW).min(n);
        let analysed = match pending.take() {
            None => analyzer.analyze(window.clone()),
            Some((before, done)) => {
                let (analysed, written) = rayon::join(
                    || analyzer.analyze(window.clone()),
                    || write_window(before, done),
                );
                written?;
                analysed
            }
        };
        pending = Some((window, analysed));
    }
    if let Some((last, done)) = pending {
        write_window(last, done)?;
    }
    let ids = analyzer.into_ids();
    // The facts' own texts share the page's text with the tree's bodies,
    // so dropping the tree (with the thread) copies nothing.
    Ok((rows.finish()?, n, uncivil, facts.finish(ids)))
}

/// The run so far, built in input order.
#[derive(Default)]
struct Tally {
    /// Keep entries (rows included) for the state file.
    keep_entries: bool,
    /// No warnings on stderr.
    quiet: bool,
    /// Every input's record, in input order.
    records: Vec<InputRecord>,
    /// With --incremental, facts of every thread, in input order (for the
    /// state file).
    facts: Vec<ThreadFacts>,
    /// With --incremental, the entries (their facts moved into `facts`).
    entries: Vec<Entry>,
    failed: usize,
    comments: usize,
    uncivil: usize,
    reused: usize,
    analysed: usize,
}

impl Tally {
    /// Adds one input: prints its warnings or its error, streams its rows,
    /// and returns its facts (none when it failed).
    fn add<W: Write>(
        &mut self,
        done: Done,
        cache: &mut Cache,
        comments: &mut W,
    ) -> std::io::Result<Option<ThreadFacts>> {
        let Done { mut record, result } = done;
        let entry = match result {
            Ok(Fresh::Analysed(e)) => {
                self.analysed += 1;
                Ok(*e)
            }
            Ok(Fresh::Cached) => {
                self.reused += 1;
                // Inputs are distinct, so each key is taken exactly once.
                cache
                    .remove(&(record.path.clone(), record.sha256.clone()))
                    .ok_or_else(|| Error::Io {
                        path: record.path.clone().into(),
                        source: std::io::Error::other("state entry missing"),
                    })
            }
            Err(e) => Err(e),
        };
        let mut entry = match entry {
            Ok(e) => e,
            Err(e) => {
                self.failed += 1;
                eprintln!("{}", describe(&e));
                record.error = Some(e.to_string());
                self.records.push(record);
                return Ok(None);
            }
        };
        if !self.quiet {
            let stderr = std::io::stderr();
            let mut err = stderr.lock();
            for (line, column, message) in &entry.warnings {
                let _ = writeln!(
                    err,
                    "{}:{line}:{column}: warning: {}",
                    sanitize(&entry.path),
                    sanitize(message)
                );
            }
        }
        comments.write_all(&entry.rows)?;
        record.comments = entry.comments;
        self.comments += entry.comments;
        self.uncivil += entry.uncivil;
        if !self.keep_entries {
            // Written: only the state file would need them again.
            entry.rows = Vec::new();
        }
        self.records.push(record);
        let facts = std::mem::take(&mut entry.facts);
        if self.keep_entries {
            self.entries.push(entry);
        }
        Ok(Some(facts))
    }
}

fn write_report<T: Serialize + Default>(
    path: &Path,
    rows: impl IntoIterator<Item = T>,
    opts: CsvOptions,
) -> anyhow::Result<()> {
    let header = header_of(&T::default());
    write_atomic(path, rows, &header, opts)
        .with_context(|| format!("cannot write {}", path.display()))
}

/// First 16 hex digits of the SHA-256 of the weights.
fn model_version(model: &Model) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(model.to_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{batches, Input, DIRECT_BYTES};

    #[test]
    fn big_inputs_are_batches_of_their_own() {
        let dir = tempfile::tempdir().unwrap();
        let sizes = [1_000, DIRECT_BYTES, 1_000, 1_000, DIRECT_BYTES * 5, 1_000];
        let inputs: Vec<Input> = sizes
            .iter()
            .enumerate()
            .map(|(i, &size)| {
                let p = dir.path().join(format!("{i}.txt"));
                // Sparse files: the size is all that is read.
                std::fs::File::create(&p).unwrap().set_len(size).unwrap();
                Input::File(p)
            })
            .collect();
        let lens: Vec<usize> = batches(&inputs, &[]).iter().map(|b| b.len()).collect();
        assert_eq!(lens, [1, 1, 2, 1, 1]);
        // Nothing is lost or reordered.
        let flat: Vec<&Input> = batches(&inputs, &[]).into_iter().flatten().collect();
        assert_eq!(flat, inputs.iter().collect::<Vec<_>>());
    }
}
