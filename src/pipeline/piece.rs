//! Pieces of the comments report (issue 19): a reducer of a distributed
//! run writes the rows of its run-order range of threads as finished
//! report rows (no byte-order mark, no header: the bytes `analyze`
//! writes for them), and the final `merge --out` checks every piece
//! against the threads' own figures and copies the pieces after the
//! header.  comments.csv, the bulk of a run's output, then never passes
//! through one process as records; the final merge only copies bytes.
//!
//! Rows need no combining, only ordering, and nothing in a row depends on
//! the run-wide numbering (`comment_ref` is `source#comment_id`), so a
//! piece is the same bytes wherever it is written.
//!
//! Why a piece can be trusted: its `piece` partial ([`PieceInfo`]) says
//! which threads it holds (first and last in run order), how many
//! threads and rows, its format and its length.  The final merge requires
//! the pieces' ranges to be disjoint, each piece's rows to be the
//! comments its range's threads count, every thread with comments to lie
//! in a piece, and each file to have its length.  A lost, doubled or cut
//! piece is an error, never a silently dropped comment.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

use crate::analyze::people::partial::ThreadKey;
use crate::analyze::people::ThreadStats;
use crate::report::csv::{CsvOptions, Format, RowWriter};

use super::partial::PieceInfo;
use super::sink::CommentRecord;

/// Why pieces cannot make the comments report.
#[derive(Debug, thiserror::Error)]
pub enum PieceError {
    /// `--comments-to` names no file.
    #[error("--comments-to {0}: expected a file name (UTF-8, not a folder)")]
    BadName(String),
    /// Pieces given, but not their folder.
    #[error("the partials describe comments piece {0} (written by `merge --partial --comments-to`); give the pieces' folder with --comments-from")]
    NoFolder(String),
    /// Both rows and pieces.
    #[error("--comments-from: the partials also hold comment rows (thread {index} of part {part} of {input}); a run gives its comments either as rows or as pieces, not both")]
    Mixed {
        /// The input.
        input: String,
        /// The part.
        part: u64,
        /// The thread.
        index: u32,
    },
    /// A piece in another format.
    #[error("comments piece {name} was written as {found}; this merge writes {expected} (give the reducers the same --format and --delimiter)")]
    Format {
        /// The piece.
        name: String,
        /// Its format.
        found: String,
        /// This merge's.
        expected: String,
    },
    /// Two pieces hold rows of overlapping ranges of threads.
    #[error("comments pieces {a} and {b} hold rows of overlapping ranges of threads; each reducer must get the rows of a contiguous range of inputs in run order (or was one reducer's output given twice?)")]
    Overlap {
        /// One piece.
        a: String,
        /// The other.
        b: String,
    },
    /// A piece's rows are not its threads' comments.
    #[error("comments piece {name} holds {rows} rows of {threads} threads, but those threads count {comments} comments in {with} threads; were some rows lost before the reducer?")]
    Rows {
        /// The piece.
        name: String,
        /// Rows it holds.
        rows: u64,
        /// Threads it holds.
        threads: u64,
        /// Comments its threads count.
        comments: u64,
        /// Threads with comments in its range.
        with: u64,
    },
    /// A thread's comments are in no piece.
    #[error("the comments of thread {index} of part {part} of {input} are in no comments piece; is a reducer's piece missing?")]
    Uncovered {
        /// The input.
        input: String,
        /// The part.
        part: u64,
        /// The thread.
        index: u32,
    },
    /// A piece's file cannot be read.
    #[error("comments piece {}: {source}", path.display())]
    Open {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// A piece's file has another length.
    #[error("comments piece {}: {found} bytes, but the reducer wrote {expected}; was it cut or replaced?", path.display())]
    Length {
        /// The file.
        path: PathBuf,
        /// What the partial says.
        expected: u64,
        /// What the file has.
        found: u64,
    },
    /// Writing failed.
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// The format and separator a piece records, as its partial holds them.
fn format_of(opts: CsvOptions) -> (String, u8) {
    let delimiter = match opts.format {
        Format::Csv => opts.delimiter,
        Format::Tsv => b'\t',
        // JSON lines have no separator.
        Format::Jsonl => 0,
    };
    (opts.format.extension().to_owned(), delimiter)
}

/// What a piece's format is called in an error.
fn format_name(format: &str, delimiter: u8) -> String {
    match format {
        "csv" => format!("csv with delimiter {:?}", char::from(delimiter)),
        other => other.to_owned(),
    }
}

/// The name a piece at `path` goes by: its file name.
pub fn piece_name(path: &Path) -> Result<String, PieceError> {
    path.file_name()
        .and_then(|n| n.to_str())
        .map(str::to_owned)
        .ok_or_else(|| PieceError::BadName(path.display().to_string()))
}

/// Writes a piece to `path`: report rows, in `opts`' format, of the
/// records `rows` gives in run order (each item a thread's records from
/// some position on).  Returns what the piece's partial says, or `None`
/// (and no file) when there was no row.
pub fn write_piece(
    path: &Path,
    opts: CsvOptions,
    rows: impl Iterator<Item = io::Result<(ThreadKey, Vec<CommentRecord>)>>,
) -> io::Result<Option<PieceInfo>> {
    let mut writer: Option<RowWriter<BufWriter<File>>> = None;
    let mut first: Option<ThreadKey> = None;
    let mut last: Option<ThreadKey> = None;
    let (mut threads, mut count) = (0u64, 0u64);
    for item in rows {
        let (key, records) = item?;
        if records.is_empty() {
            continue;
        }
        let w = match writer.as_mut() {
            Some(w) => w,
            None => {
                let file = File::create(path).map_err(|e| at(path, e))?;
                writer.insert(RowWriter::body(
                    BufWriter::with_capacity(1 << 20, file),
                    opts,
                ))
            }
        };
        for r in &records {
            w.write(&r.row).map_err(|e| at(path, e))?;
        }
        count += records.len() as u64;
        if last.as_ref() != Some(&key) {
            threads += 1;
            first.get_or_insert_with(|| key.clone());
            last = Some(key);
        }
    }
    let (Some(w), Some(first), Some(last)) = (writer, first, last) else {
        return Ok(None);
    };
    let out = w.finish().map_err(|e| at(path, e))?;
    let file = out.into_inner().map_err(|e| at(path, e.into_error()))?;
    file.sync_all().map_err(|e| at(path, e))?;
    let bytes = file.metadata().map_err(|e| at(path, e))?.len();
    let (format, delimiter) = format_of(opts);
    Ok(Some(PieceInfo {
        format,
        delimiter,
        first,
        last,
        threads,
        rows: count,
        bytes,
    }))
}

/// An IO error that names the piece.
fn at(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// The pieces' files in `dir`, in run order, once every check holds (see
/// the module's header): what the final merge copies after the header.
pub fn ordered_pieces(
    pieces: &BTreeMap<String, PieceInfo>,
    threads: &BTreeMap<ThreadKey, ThreadStats>,
    dir: &Path,
    opts: CsvOptions,
) -> Result<Vec<PathBuf>, PieceError> {
    let (format, delimiter) = format_of(opts);
    let mut order: Vec<(&String, &PieceInfo)> = pieces.iter().collect();
    order.sort_by(|a, b| a.1.first.cmp(&b.1.first));
    for (name, p) in &order {
        if p.format != format || p.delimiter != delimiter {
            return Err(PieceError::Format {
                name: (*name).clone(),
                found: format_name(&p.format, p.delimiter),
                expected: format_name(&format, delimiter),
            });
        }
    }
    for w in order.windows(2) {
        if w[1].1.first <= w[0].1.last {
            return Err(PieceError::Overlap {
                a: w[0].0.clone(),
                b: w[1].0.clone(),
            });
        }
    }
    let mut covered = 0u64;
    for (name, p) in &order {
        let (mut comments, mut with) = (0u64, 0u64);
        for t in threads.range(p.first.clone()..=p.last.clone()).map(|x| x.1) {
            if t.comments > 0 {
                comments += t.comments as u64;
                with += 1;
            }
        }
        if comments != p.rows || with != p.threads {
            return Err(PieceError::Rows {
                name: (*name).clone(),
                rows: p.rows,
                threads: p.threads,
                comments,
                with,
            });
        }
        covered += with;
    }
    let with_comments = threads.values().filter(|t| t.comments > 0).count() as u64;
    if covered != with_comments {
        // Some thread with comments lies outside every piece: name one.
        let outside = threads.iter().find(|(k, t)| {
            t.comments > 0 && !order.iter().any(|(_, p)| p.first <= **k && **k <= p.last)
        });
        if let Some((k, _)) = outside {
            return Err(PieceError::Uncovered {
                input: k.source.clone(),
                part: k.part,
                index: k.index,
            });
        }
    }
    let mut files = Vec::with_capacity(order.len());
    for (name, p) in order {
        let path = dir.join(name);
        let found = std::fs::metadata(&path)
            .map_err(|source| PieceError::Open {
                path: path.clone(),
                source,
            })?
            .len();
        if found != p.bytes {
            return Err(PieceError::Length {
                path,
                expected: p.bytes,
                found,
            });
        }
        files.push(path);
    }
    Ok(files)
}

#[cfg(test)]
mod tests;
