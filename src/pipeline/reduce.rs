//! `threadwatch merge`: partial aggregates in, in any grouping and order,
//! and out either combined partials (`--partial`, a reduce step) or the
//! report set through the same sinks a single run uses (issue 19).
//!
//! Comment rows are the bulk of the partials; they are spilled to a file
//! in the staging folder as they are read and handed to the sinks in run
//! order from an index of (thread, first position), so memory holds the
//! index, the per-user counts and the named comments the taunt finder
//! needs, not the rows.
//!
//! In a distributed run the rows may instead go to reducers that write
//! them as pieces of the comments report (`--partial --comments-to`,
//! pipeline/piece.rs); the final merge then copies the pieces
//! (`--comments-from`) and never decodes a row.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;

use crate::analyze::people::partial::{assemble, AssembleError, NamedComment, Partials, ThreadKey};
use crate::analyze::people::Rules;
use crate::body::Body;
use crate::parse::Warning;
use crate::report::csv::CsvOptions;
use crate::report::run::{InputRecord, RunCounts, RunOptions, RunSummary};

use super::partial::{CombineError, Combined, InputPart, Partial, PartialError};
use super::piece::{ordered_pieces, piece_name, write_piece, PieceError};
use super::run::AlertCheck;
use super::sink::{CommentRecord, Sink, Tables};
use super::spill::Spill;

/// Why a merge stopped.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// A line is not a partial.
    #[error(transparent)]
    Partial(#[from] PartialError),
    /// Partials do not combine.
    #[error(transparent)]
    Combine(#[from] CombineError),
    /// The per-user stage cannot be assembled.
    #[error(transparent)]
    Assemble(#[from] AssembleError),
    /// Rows of one thread and first position twice.
    #[error("rows from comment {first} of thread {index} of part {part} of {input} are given twice; was one map output merged twice?")]
    RowsTwice {
        /// The input.
        input: String,
        /// The part.
        part: u64,
        /// The thread.
        index: u32,
        /// The first position.
        first: u32,
    },
    /// Rows name a thread no partial holds.
    #[error("rows of thread {index} of part {part} of {input} came without the thread's figures; is a map output missing?")]
    RowsWithoutThread {
        /// The input.
        input: String,
        /// The part.
        part: u64,
        /// The thread.
        index: u32,
    },
    /// Comment pieces do not make the comments report.
    #[error(transparent)]
    Piece(#[from] PieceError),
    /// No input partial at all.
    #[error("no partials from `threadwatch map` were given")]
    Nothing,
    /// Reading, spilling or writing failed.
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// Reads partial lines from `reader` (named `name` in errors) into
/// `gathered`.
pub fn read_partials(
    name: &str,
    reader: &mut dyn BufRead,
    gathered: &mut Gathered,
) -> Result<(), MergeError> {
    let mut line = String::new();
    let mut number = 0u64;
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        number += 1;
        let Some(p) = Partial::read(&line, &format!("{name}:{number}"))? else {
            continue;
        };
        gathered.add(p, &line)?;
    }
}

/// Where `merge` keeps what it read.
pub struct Gathered {
    combined: Combined,
    /// With `--partial`: named lines (and rows, unless spilled) go
    /// straight out.
    passthrough: Option<Box<dyn Write>>,
    /// For the reports or a comments piece: rows spilled here, indexed.
    rows: Option<BufWriter<File>>,
    rows_at: u64,
    index: BTreeMap<(ThreadKey, u32), (u64, u64)>,
    named: BTreeMap<String, Vec<NamedComment>>,
}

impl Gathered {
    /// For `--partial`: rows and named comments are written to `out` as
    /// they come, the rest combined.
    pub fn passing_to(out: Box<dyn Write>) -> Self {
        Self {
            combined: Combined::default(),
            passthrough: Some(out),
            rows: None,
            rows_at: 0,
            index: BTreeMap::new(),
            named: BTreeMap::new(),
        }
    }

    /// For `--partial --comments-to`: named comments are written to `out`
    /// as they come, rows spill to a temporary file in `dir` (to be
    /// written as a piece in run order), the rest combined.
    pub fn piecing_to(out: Box<dyn Write>, dir: &Path) -> io::Result<Self> {
        Ok(Self {
            passthrough: Some(out),
            ..Self::spilling_in(dir)?
        })
    }

    /// For the reports: rows spill to a temporary file in `dir`.
    pub fn spilling_in(dir: &Path) -> io::Result<Self> {
        Ok(Self {
            combined: Combined::default(),
            passthrough: None,
            rows: Some(BufWriter::new(tempfile::tempfile_in(dir)?)),
            rows_at: 0,
            index: BTreeMap::new(),
            named: BTreeMap::new(),
        })
    }

    fn add(&mut self, p: Partial, line: &str) -> Result<(), MergeError> {
        let Some(rest) = self.combined.add(p)? else {
            return Ok(());
        };
        let spilled = matches!(rest, Partial::Rows(..)) && self.rows.is_some();
        if let (Some(out), false) = (&mut self.passthrough, spilled) {
            out.write_all(line.as_bytes())?;
            if !line.ends_with('\n') {
                out.write_all(b"\n")?;
            }
            return Ok(());
        }
        match rest {
            Partial::Rows(key, first, records) => {
                let bytes = postcard::to_stdvec(&records).map_err(io::Error::other)?;
                if let Some(f) = &mut self.rows {
                    f.write_all(&bytes)?;
                }
                let at = (self.rows_at, bytes.len() as u64);
                self.rows_at += bytes.len() as u64;
                if self.index.insert((key.clone(), first), at).is_some() {
                    return Err(MergeError::RowsTwice {
                        input: key.source,
                        part: key.part,
                        index: key.index,
                        first,
                    });
                }
            }
            Partial::Named(author, list) => self.named.entry(author).or_default().extend(list),
            _ => {}
        }
        Ok(())
    }

    /// With `--partial`: writes the combined partials after the ones
    /// passed through; with `piece` (`--comments-to FILE`), first writes
    /// the spilled rows to FILE as a piece of the comments report in
    /// `opts`' format, and its `piece` partial with the others.
    pub fn finish_partial(mut self, piece: Option<(&Path, CsvOptions)>) -> Result<(), MergeError> {
        let Some(mut out) = self.passthrough.take() else {
            return Ok(());
        };
        if let (Some((path, opts)), Some(rows)) = (piece, self.rows.take()) {
            let name = piece_name(path)?;
            let rows = SpilledRows::new(rows, std::mem::take(&mut self.index))?;
            if let Some(info) = write_piece(path, opts, rows.in_order())? {
                self.combined.pieces.insert(name, info);
            }
        }
        self.combined.write(&mut out)?;
        out.flush()?;
        Ok(())
    }

    /// Every input's parts, in run order, for the caller to tell their
    /// warnings and errors.
    pub fn inputs(&self) -> Vec<(&str, &InputPart)> {
        let mut v: Vec<(&str, &InputPart)> = self
            .combined
            .inputs
            .iter()
            .map(|(k, v)| (k.as_str(), v))
            .collect();
        v.sort_by(|a, b| Path::new(a.0).cmp(Path::new(b.0)).then(a.0.cmp(b.0)));
        v
    }
}

/// Rows spilled to a file, read back in run order.
struct SpilledRows {
    file: File,
    index: BTreeMap<(ThreadKey, u32), (u64, u64)>,
}

impl SpilledRows {
    fn new(
        rows: BufWriter<File>,
        index: BTreeMap<(ThreadKey, u32), (u64, u64)>,
    ) -> io::Result<Self> {
        let file = rows.into_inner().map_err(io::IntoInnerError::into_error)?;
        Ok(Self { file, index })
    }

    /// Each rows partial's thread and records, in run order.
    fn in_order(mut self) -> impl Iterator<Item = io::Result<(ThreadKey, Vec<CommentRecord>)>> {
        let mut buf = Vec::new();
        let index = std::mem::take(&mut self.index);
        index.into_iter().map(move |((key, _), (at, len))| {
            self.file.seek(SeekFrom::Start(at))?;
            buf.resize(usize::try_from(len).map_err(io::Error::other)?, 0);
            self.file.read_exact(&mut buf)?;
            let records = postcard::from_bytes(&buf).map_err(io::Error::other)?;
            Ok((key, records))
        })
    }
}

/// What the report step needs besides the partials.
pub struct ReduceConfig<'a> {
    /// `--harassment-min` (dogpiles were counted in the map).
    pub harassment_min: usize,
    /// run.json's options from the merge's flags (the analysis settings
    /// are filled in from the partials).
    pub options: RunOptions,
    /// Alert rules.
    pub alerts: &'a AlertCheck<'a>,
    /// `--comments-from DIR`: the comments come as pieces in DIR.
    pub pieces: Option<&'a Path>,
    /// The reports' format, which pieces must have been written in.
    pub csv: CsvOptions,
}

/// Hands everything gathered to `sinks`, writing in `dir`, as a single
/// run would; returns the run summary.
pub fn reduce(
    config: &ReduceConfig<'_>,
    gathered: Gathered,
    dir: &Path,
    sinks: &mut [Box<dyn Sink>],
) -> Result<RunSummary, MergeError> {
    let Gathered {
        combined,
        rows,
        index,
        named,
        ..
    } = gathered;
    let records = input_records(&combined);
    let uncivil_comments = combined
        .inputs
        .values()
        .flat_map(|i| &i.parts)
        .map(|p| p.uncivil)
        .sum();
    let Some(settings) = combined.inputs.values().next().map(|i| i.settings.clone()) else {
        return Err(MergeError::Nothing);
    };
    let rules = Rules {
        harassment_min: config.harassment_min,
        dogpile_min: settings.dogpile_min,
    };
    for (key, _) in index.keys() {
        if !combined.threads.contains_key(key) {
            return Err(MergeError::RowsWithoutThread {
                input: key.source.clone(),
                part: key.part,
                index: key.index,
            });
        }
    }
    let pieces = match config.pieces {
        Some(dir) => {
            if let Some((key, _)) = index.keys().next() {
                return Err(PieceError::Mixed {
                    input: key.source.clone(),
                    part: key.part,
                    index: key.index,
                }
                .into());
            }
            ordered_pieces(&combined.pieces, &combined.threads, dir, config.csv)?
        }
        None => match combined.pieces.keys().next() {
            Some(name) => return Err(PieceError::NoFolder(name.clone()).into()),
            None => Vec::new(),
        },
    };
    for s in sinks.iter_mut() {
        s.begin(dir)?;
    }
    for piece in &pieces {
        for s in sinks.iter_mut() {
            s.comment_piece(piece)?;
        }
    }
    // Rows in run order, read back from the spill file.
    if let Some(rows) = rows {
        for item in SpilledRows::new(rows, index)?.in_order() {
            let (_, mut records) = item?;
            // The map sends the full text once, in the row (pipeline/map.rs).
            for r in &mut records {
                if r.text.as_str().is_empty() && !r.row.text.is_empty() {
                    r.text = Body::from(r.row.text.clone());
                }
            }
            for s in sinks.iter_mut() {
                s.comments(&records)?;
            }
        }
    }
    let input_bytes = records.iter().map(|r| r.bytes).sum();
    let spill = Spill::in_dir(dir, Spill::count_for(input_bytes))?;
    let Combined {
        users,
        pairs,
        threads,
        ..
    } = combined;
    let people = assemble(
        Partials {
            threads: threads.into_iter().collect(),
            users,
            pairs,
            named,
        },
        rules,
        spill.into_buckets(),
    )?;
    let tables = Tables::new(&people);
    for s in sinks.iter_mut() {
        s.people(tables)?;
    }
    let counts = RunCounts {
        inputs: records.len(),
        failed: records.iter().filter(|r| r.error.is_some()).count(),
        threads: people.threads.len(),
        comments: records.iter().map(|r| r.comments).sum(),
        uncivil_comments,
        users: people.users.len(),
        pairs: people.pairs.len(),
        harassment: people
            .pairs
            .values()
            .filter(|p| p.aimed_uncivil >= rules.harassment_min)
            .count(),
        dogpiles: people.threads.iter().map(|t| t.dogpiles).sum(),
        taunts: people.taunts.len(),
        empty_inputs: records.iter().filter(|r| r.empty).count(),
    };
    let alerts = (config.alerts)(&counts, tables, &records);
    let options = RunOptions {
        lexicon_dir: settings.lexicon_dir.clone(),
        uncivil_threshold: settings.uncivil_threshold,
        harassment_min: rules.harassment_min,
        dogpile_min: rules.dogpile_min,
        model: settings.model.clone(),
        model_format: settings.model_format.clone(),
        model_sha256: settings.model_sha256.clone(),
        ..config.options.clone()
    };
    let summary = RunSummary {
        tool: "threadwatch",
        version: env!("CARGO_PKG_VERSION"),
        lexicon_version: settings.lexicon_version,
        model_version: settings.model_version,
        options,
        inputs: records,
        counts,
        alerts,
        incremental: None,
    };
    for s in sinks.iter_mut() {
        s.finish(&summary)?;
    }
    Ok(summary)
}

/// run.json's input records, in run order, each folded from its parts as
/// a single run reads the whole input.
fn input_records(combined: &Combined) -> Vec<InputRecord> {
    let mut names: Vec<&String> = combined.inputs.keys().collect();
    names.sort_by(|a, b| Path::new(a).cmp(Path::new(b)).then(a.cmp(b)));
    names
        .into_iter()
        .map(|name| {
            let parts = &combined.inputs[name].parts;
            let whole = parts.len() == 1 && parts[0].file_bytes.is_none();
            InputRecord {
                path: name.clone(),
                bytes: parts
                    .iter()
                    .find_map(|p| p.file_bytes)
                    .unwrap_or_else(|| parts.iter().map(|p| p.bytes).sum()),
                sha256: match parts.iter().find_map(|p| p.file_sha256.clone()) {
                    Some(s) => s,
                    None if whole => parts[0].sha256.clone(),
                    None => String::new(),
                },
                comments: parts.iter().map(|p| p.comments).sum(),
                error: parts
                    .iter()
                    .flat_map(|p| p.errors.first())
                    .next()
                    .map(|(short, _)| short.clone()),
                empty: parts.iter().all(|p| p.empty),
            }
        })
        .collect()
}

/// An input's warnings and errors (as `analyze` prints them), in part order.
pub fn told(part: &InputPart) -> (Vec<Warning>, Vec<&str>) {
    let warnings = part.parts.iter().flat_map(|p| p.warnings.clone()).collect();
    let errors = part
        .parts
        .iter()
        .flat_map(|p| p.errors.iter().map(|(_, long)| long.as_str()))
        .collect();
    (warnings, errors)
}
