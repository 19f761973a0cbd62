//! The run engine: inputs in batches, analysed in parallel and handed to
//! the sinks in input order, then the per-user stage and the summary.
//!
//! Inputs stream through in batches of about `BATCH_BYTES`: each batch is
//! read, parsed and analysed in parallel while the batch before it is
//! handed to the sinks and counted (writing is serial, since rows keep
//! input order).  Each thread's facts are counted into the per-user
//! figures as they arrive and its named comments wait for the taunt finder
//! in spill files, so memory is bounded by a batch (at least the largest
//! input) plus per-user and per-pair state, not by the corpus (issue 6).
//! A file too big to hold whose format streams (`stream.rs`) is not held
//! at all: its threads are analysed as they are built (issue 16).
//! Only `--incremental` keeps every input's records and facts, for its
//! state file.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::Path;

use rayon::prelude::*;

use crate::analyze::facts::ThreadFacts;
use crate::analyze::incivility::Scorer;
use crate::analyze::people::{PeopleBuilder, Rules};
use crate::error::Error;
use crate::input::sha256_hex;
use crate::parse::Warning;
use crate::report::run::{
    AlertResult, IncrementalRecord, InputRecord, RunCounts, RunOptions, RunSummary,
};
use crate::state::{Entry, Loaded, State, StateError};
use crate::thread::Thread;

use super::analyse::{analyse_thread, ThreadDone};
use super::input::{Input, Inputs};
use super::sink::{CommentRecord, Sink, Tables};
use super::source::Source;
use super::spill::Spill;
use super::stream::{stream_bytes, stream_file};

/// Input bytes read and analysed together before they are handed on:
/// enough to keep every worker busy on small pages, small enough that a
/// corpus of any size streams through.  Two batches are in memory at
/// once: one being analysed while the one before is handed on.
const BATCH_BYTES: u64 = 16 << 20;

/// Inputs at least this big are analysed alone, their records handed to
/// the sinks window by window instead of being held.
const DIRECT_BYTES: u64 = BATCH_BYTES / 4;

/// Evaluates the caller's alert rules on a run's counts, per-user tables
/// and input records.
pub type AlertCheck<'a> =
    dyn Fn(&RunCounts, Tables<'_>, &[InputRecord]) -> Vec<AlertResult> + Sync + 'a;

/// What a run needs besides its inputs and sinks.
pub struct Config<'a> {
    /// Word lists and weights.
    pub scorer: Scorer<'a>,
    /// Incivility at or above which a comment is `uncivil`.
    pub threshold: f64,
    /// The per-user stage's thresholds.
    pub rules: Rules,
    /// How inputs are read.
    pub source: &'a dyn Source,
    /// The `--incremental` state file, if any.
    pub incremental: Option<&'a Path>,
    /// Options recorded in run.json.
    pub options: RunOptions,
    /// Hash of the word lists, for run.json and the state's fingerprint.
    pub lexicon_version: String,
    /// Hash of the weights, likewise.
    pub model_version: String,
    /// The caller's alert rules, evaluated once the counts are known, with
    /// every input's record (alerts name the inputs that failed).
    pub alerts: &'a AlertCheck<'a>,
    /// Where progress, warnings and failed inputs are told.
    pub events: &'a dyn Events,
}

/// What a run tells as it goes; the library prints nothing itself.
pub trait Events: Sync {
    /// One more input was read and analysed (or failed).
    fn input_done(&self) {}
    /// Recoveries the reader made in `source`, in input order.
    fn warnings(&self, _source: &str, _warnings: &[Warning]) {}
    /// An input (or one thread of it) that failed, in input order.
    fn failed(&self, _error: &Error) {}
    /// A stage began over `count` items (inputs, threads), for logs.
    fn stage(&self, _what: &str, _count: usize) {}
    /// The `--incremental` state at `path` could not be read (`why`) and
    /// was moved to `to`; the run rebuilds it (issue 18).
    fn state_set_aside(&self, _path: &Path, _to: &Path, _why: &StateError) {}
}

/// Events nobody listens to.
pub struct Silent;

impl Events for Silent {}

/// A finished run.
pub struct Outcome {
    /// What run.json holds.
    pub summary: RunSummary,
    /// With `--incremental`, the state to save once the reports are
    /// published (a run killed in between keeps the older state, which
    /// only means more inputs are analysed next time).
    pub state: Option<State>,
}

/// Why a run stopped.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// A sink could not write.
    #[error("cannot write the reports: {0}")]
    Sink(#[source] io::Error),
    /// The taunt finder's spill files failed.
    #[error("cannot use the taunt finder's spill files: {0}")]
    Spill(#[source] io::Error),
    /// The `--incremental` state cannot be read.
    #[error(transparent)]
    State(#[from] StateError),
}

/// Runs `inputs` through `config` into `sinks`, which write inside `dir`
/// (the spill files go there too).  A failed input is told to
/// `config.events` and recorded; only a failed write stops the run.
pub fn run(
    config: &Config<'_>,
    inputs: &Inputs,
    dir: &Path,
    sinks: &mut [Box<dyn Sink>],
) -> Result<Outcome, RunError> {
    let fingerprint = fingerprint(config);
    let mut cache = match config.incremental {
        Some(path) => load_state(path, &fingerprint, config.events)?,
        None => Cache::new(),
    };
    for s in sinks.iter_mut() {
        s.begin(dir).map_err(RunError::Sink)?;
    }
    let input_bytes = inputs.list.iter().map(|i| i.size_hint(&inputs.stdin)).sum();
    let spill = Spill::in_dir(dir, Spill::count_for(input_bytes)).map_err(RunError::Spill)?;
    let mut tally = Tally {
        events: config.events,
        keep: config.incremental.is_some(),
        sinks,
        cache: &mut cache,
        people: PeopleBuilder::new(config.rules, spill.into_buckets()),
        records: Vec::new(),
        entries: Vec::new(),
        counts: RunCounts::default(),
        reused: 0,
        analysed: 0,
    };
    config
        .events
        .stage("reading and analysing inputs", inputs.list.len());
    // Which inputs the state holds, for the workers to check while the
    // entries themselves are taken by the handing-on side.
    let cached: Cached = tally.cache.keys().cloned().collect();
    let job = Job {
        config,
        stdin: &inputs.stdin,
        cached: &cached,
        dir,
        stream_bytes: stream_bytes(),
    };
    // Inputs analysed but not yet handed on.
    let mut pending: Vec<Done> = Vec::new();
    for batch in batches(&inputs.list, &inputs.stdin) {
        // A big input is a batch of its own; unless its records must be
        // kept for the state file, they go straight to the sinks.
        let direct = match batch {
            [one] if !tally.keep && one.size_hint(&inputs.stdin) >= DIRECT_BYTES => Some(one),
            _ => None,
        };
        match direct {
            Some(input) => {
                // What came before is handed on first.
                tally.add(std::mem::take(&mut pending))?;
                let sinks = &mut *tally.sinks;
                // Facts go to the per-user stage as they come too, so a
                // streamed input is not held as facts either.
                let people = &mut tally.people;
                let mut spill_error = None;
                let d = job.analyse(
                    input,
                    Some(&mut |records: Vec<CommentRecord>| {
                        for s in sinks.iter_mut() {
                            s.comments(&records)?;
                        }
                        Ok(())
                    }),
                    Some(&mut |facts: ThreadFacts| {
                        people.add(&facts).map_err(|e| {
                            let stop = io::Error::new(e.kind(), "the spill files failed");
                            spill_error = Some(e);
                            stop
                        })
                    }),
                );
                config.events.input_done();
                if let Some(e) = spill_error {
                    return Err(RunError::Spill(e));
                }
                if let Some(e) = d.sink_error {
                    return Err(RunError::Sink(e));
                }
                pending = vec![d];
            }
            None => {
                let before = std::mem::take(&mut pending);
                let (done, added) = rayon::join(
                    || {
                        batch
                            .par_iter()
                            .map(|input| {
                                let d = job.analyse(input, None, None);
                                config.events.input_done();
                                d
                            })
                            .collect::<Vec<Done>>()
                    },
                    || tally.add(before),
                );
                added?;
                pending = done;
            }
        }
    }
    tally.add(pending)?;

    let threads = tally.people.threads();
    config
        .events
        .stage("counting users, pairs and taunts", threads);
    let Tally {
        sinks,
        people,
        records,
        entries,
        mut counts,
        reused,
        analysed,
        keep,
        ..
    } = tally;
    let people = people.finish().map_err(RunError::Spill)?;
    let tables = Tables::new(&people);
    config.events.stage("writing reports", sinks.len());
    for s in sinks.iter_mut() {
        s.people(tables).map_err(RunError::Sink)?;
    }
    counts.inputs = records.len();
    counts.threads = threads;
    counts.users = people.users.len();
    counts.pairs = people.pairs.len();
    counts.harassment = people
        .pairs
        .values()
        .filter(|p| p.aimed_uncivil >= config.rules.harassment_min)
        .count();
    counts.dogpiles = people.threads.iter().map(|t| t.dogpiles).sum();
    counts.taunts = people.taunts.len();
    counts.empty_inputs = records.iter().filter(|r| r.empty).count();
    let alerts = (config.alerts)(&counts, tables, &records);
    drop(people);
    let summary = RunSummary {
        tool: "threadwatch",
        version: env!("CARGO_PKG_VERSION"),
        lexicon_version: config.lexicon_version.clone(),
        model_version: config.model_version.clone(),
        options: config.options.clone(),
        inputs: records,
        counts,
        alerts,
        incremental: config.incremental.map(|p| IncrementalRecord {
            state: p.display().to_string(),
            reused,
            analysed,
        }),
    };
    for s in sinks.iter_mut() {
        s.finish(&summary).map_err(RunError::Sink)?;
    }
    Ok(Outcome {
        summary,
        state: keep.then_some(State {
            fingerprint,
            entries,
        }),
    })
}

/// What cached analyses depend on: the tool, the word lists, the weights
/// and the uncivil threshold.  The report format is not in it (the state
/// keeps typed records, issue 13), nor are the per-user thresholds: that
/// stage always runs over every input's facts.
fn fingerprint(config: &Config<'_>) -> String {
    format!(
        "threadwatch {} lexicon {} model {} uncivil>={} source {}",
        env!("CARGO_PKG_VERSION"),
        config.lexicon_version,
        config.model_version,
        config.threshold,
        config.source.settings(),
    )
}

/// Cached entries by (path, sha256).
type Cache = HashMap<(String, String), Entry>;

/// The state's inputs, as (path, SHA-256).
type Cached = HashSet<(String, String)>;

/// The state's entries; none when there is no state yet, or when it was
/// made with other settings (then every input is analysed again, which is
/// always safe).
fn load_state(path: &Path, fingerprint: &str, events: &dyn Events) -> Result<Cache, StateError> {
    let state = match State::load_or_set_aside(path)? {
        Loaded::Found(state) => state,
        Loaded::Missing => {
            events.stage("no state yet: analysing every input", 0);
            return Ok(Cache::new());
        }
        Loaded::SetAside { to, why } => {
            events.state_set_aside(path, &to, &why);
            return Ok(Cache::new());
        }
    };
    if state.fingerprint != fingerprint {
        events.stage(
            "state made by another version or with other settings: analysing every input",
            0,
        );
        return Ok(Cache::new());
    }
    Ok(state
        .entries
        .into_iter()
        .map(|e| ((e.path.clone(), e.sha256.clone()), e))
        .collect())
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

/// What every input's analysis shares.
struct Job<'a> {
    config: &'a Config<'a>,
    stdin: &'a [u8],
    cached: &'a Cached,
    /// Where streamed inputs spool.
    dir: &'a Path,
    /// Files this big are streamed when their format allows.
    stream_bytes: u64,
}

/// Where an input's records go when they are not kept.
type Direct<'d> = dyn FnMut(Vec<CommentRecord>) -> io::Result<()> + Send + 'd;

/// Where an input's facts go when they are not kept.
type Facts<'d> = dyn FnMut(ThreadFacts) -> io::Result<()> + 'd;

/// One input, done.
struct Done {
    record: InputRecord,
    /// Its analysed threads and their failures, in input order; `None`
    /// when the state holds it unchanged.
    fresh: Option<Fresh>,
    /// Set when handing records straight to the sinks failed.
    sink_error: Option<io::Error>,
}

/// An input read and analysed now.
#[derive(Default)]
struct Fresh {
    /// What goes into the state and the reports.
    entry: Entry,
    /// Threads (or whole inputs) that could not be read.
    errors: Vec<Error>,
}

impl Job<'_> {
    /// Reads `input` and, unless the state holds it, reads its threads and
    /// analyses them.  With `direct`, records go there and are not kept;
    /// with `facts`, likewise the facts.  A big file whose format streams
    /// is read as a stream (`stream`).
    fn analyse(
        &self,
        input: &Input,
        mut direct: Option<&mut Direct<'_>>,
        mut facts: Option<&mut Facts<'_>>,
    ) -> Done {
        let name = input.name();
        let mut record = InputRecord {
            path: name.clone(),
            bytes: 0,
            sha256: String::new(),
            comments: 0,
            error: None,
            empty: false,
        };
        let done = |fresh: Fresh, record| Done {
            record,
            fresh: Some(fresh),
            sink_error: None,
        };
        if let Some(d) = self.stream(input, &mut record, &mut direct, &mut facts) {
            return d;
        }
        let bytes = match input.read(self.stdin) {
            Ok(b) => b,
            Err(e) => {
                return done(
                    Fresh {
                        errors: vec![e],
                        ..Fresh::default()
                    },
                    record,
                )
            }
        };
        record.bytes = bytes.len() as u64;
        record.empty = crate::input::is_blank(&bytes);
        let source = self.config.source;
        // Without a state to reuse, the digest is only recorded, so the
        // source may compute it while it reads (issue 6).
        let threads = if self.cached.is_empty() {
            let (sha256, threads) = source.read_hashed(&name, bytes);
            record.sha256 = sha256;
            threads
        } else {
            record.sha256 = sha256_hex(&bytes);
            if self.cached.contains(&(name.clone(), record.sha256.clone())) {
                return Done {
                    record,
                    fresh: None,
                    sink_error: None,
                };
            }
            source.read(&name, bytes)
        };
        let mut fresh = Fresh {
            entry: Entry {
                path: name,
                sha256: record.sha256.clone(),
                bytes: record.bytes,
                ..Entry::default()
            },
            errors: Vec::new(),
        };
        let mut sink_error = None;
        for thread in threads {
            if let Err(e) = self.take(
                &mut fresh,
                thread,
                direct.as_deref_mut(),
                facts.as_deref_mut(),
            ) {
                sink_error = Some(e);
                break;
            }
        }
        let mut d = done(fresh, record);
        d.sink_error = sink_error;
        d
    }

    /// Analyses one thread of an input (or keeps its error); `Err` is a
    /// sink's.
    fn take(
        &self,
        fresh: &mut Fresh,
        thread: Result<Thread, Error>,
        direct: Option<&mut Direct<'_>>,
        facts_out: Option<&mut Facts<'_>>,
    ) -> io::Result<()> {
        let thread = match thread {
            Ok(t) => t,
            Err(e) => {
                fresh.errors.push(e);
                return Ok(());
            }
        };
        let (scorer, threshold) = (self.config.scorer, self.config.threshold);
        fresh.entry.warnings.extend(thread.warnings.iter().cloned());
        let ThreadDone {
            comments,
            uncivil,
            facts,
        } = match direct {
            Some(out) => analyse_thread(thread, scorer, threshold, out)?,
            None => {
                let records = &mut fresh.entry.records;
                analyse_thread(thread, scorer, threshold, |r| {
                    records.extend(r);
                    Ok(())
                })?
            }
        };
        fresh.entry.comments += comments;
        fresh.entry.uncivil += uncivil;
        match facts_out {
            Some(out) => out(facts)?,
            None => fresh.entry.facts.push(facts),
        }
        Ok(())
    }

    /// Streams a big file whose format allows it (`stream`): its threads
    /// are analysed as they are read.  `None` when the input is read
    /// whole.
    fn stream(
        &self,
        input: &Input,
        record: &mut InputRecord,
        direct: &mut Option<&mut Direct<'_>>,
        facts: &mut Option<&mut Facts<'_>>,
    ) -> Option<Done> {
        let Input::File(path) = input else {
            return None;
        };
        if !self.cached.is_empty() || input.size_hint(self.stdin) < self.stream_bytes {
            return None;
        }
        let mut fresh = Fresh {
            entry: Entry {
                path: record.path.clone(),
                ..Entry::default()
            },
            errors: Vec::new(),
        };
        let streamed = stream_file(self.config.source, &record.path, path, self.dir, &mut |t| {
            self.take(&mut fresh, t, direct.as_deref_mut(), facts.as_deref_mut())
        })?;
        record.bytes = streamed.bytes;
        record.sha256 = streamed.sha256;
        record.empty = streamed.empty;
        fresh.entry.sha256 = record.sha256.clone();
        fresh.entry.bytes = record.bytes;
        Some(Done {
            record: record.clone(),
            fresh: Some(fresh),
            sink_error: streamed.sink_error,
        })
    }
}

/// The run so far, built in input order.
struct Tally<'s, 'c> {
    events: &'c dyn Events,
    /// Keep entries (records included) for the state file.
    keep: bool,
    sinks: &'s mut [Box<dyn Sink>],
    cache: &'c mut Cache,
    people: PeopleBuilder,
    /// Every input's record, in input order.
    records: Vec<InputRecord>,
    /// With --incremental, every input's entry.
    entries: Vec<Entry>,
    counts: RunCounts,
    reused: usize,
    analysed: usize,
}

impl Tally<'_, '_> {
    /// Hands `done` on, in order: warnings and errors to the events, records
    /// to the sinks, facts to the per-user stage.
    fn add(&mut self, done: Vec<Done>) -> Result<(), RunError> {
        for d in done {
            self.add_one(d)?;
        }
        Ok(())
    }

    fn add_one(&mut self, done: Done) -> Result<(), RunError> {
        let Done {
            mut record,
            fresh,
            sink_error,
        } = done;
        if let Some(e) = sink_error {
            return Err(RunError::Sink(e));
        }
        let (mut entry, errors) = match fresh {
            Some(Fresh { entry, errors }) => {
                // Read now, and at least one thread came of it.
                self.analysed += usize::from(!entry.facts.is_empty());
                (entry, errors)
            }
            None => {
                self.reused += 1;
                // Inputs are distinct, so each key is taken exactly once.
                let entry = self
                    .cache
                    .remove(&(record.path.clone(), record.sha256.clone()))
                    .unwrap_or_default();
                (entry, Vec::new())
            }
        };
        if !entry.warnings.is_empty() {
            self.events.warnings(&record.path, &entry.warnings);
        }
        for e in &errors {
            self.events.failed(e);
        }
        if let Some(e) = errors.first() {
            self.counts.failed += 1;
            record.error = Some(e.to_string());
        }
        if !entry.records.is_empty() {
            for s in self.sinks.iter_mut() {
                s.comments(&entry.records).map_err(RunError::Sink)?;
            }
        }
        for facts in &entry.facts {
            self.people.add(facts).map_err(RunError::Spill)?;
        }
        record.comments = entry.comments;
        self.counts.comments += entry.comments;
        self.counts.uncivil_comments += entry.uncivil;
        self.records.push(record);
        if self.keep && errors.is_empty() {
            self.entries.push(entry);
        } else {
            // Handed on: only the state file would need them again.
            entry.records = Vec::new();
            entry.facts = Vec::<ThreadFacts>::new();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
