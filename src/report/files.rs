//! The report set as files: comments, users, interactions, taunts and
//! threads in CSV, TSV or JSON lines, as one [`Sink`].
//!
//! comments.csv is streamed (a record at a time, in input order, or a
//! piece of rows already written at a time, copied as bytes); the four
//! per-user reports are written side by side once the tables are known
//! (on one huge page they were seconds of one busy core at the end of a
//! two-thread run: issue 6).

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::csv::{header_of, preamble, write_atomic, CsvOptions, RowWriter};
use super::run::RunSummary;
use super::CommentRow;
use crate::pipeline::{CommentRecord, Sink, Tables};

/// Reports in the set, without extension.
pub const REPORTS: [&str; 5] = ["comments", "users", "interactions", "taunts", "threads"];

/// Formats the set may be written in; a run owns every one of their file
/// names, so a switch from csv to jsonl leaves no stale csv.
const EXTENSIONS: [&str; 3] = ["csv", "tsv", "jsonl"];

/// The five reports in one format.
pub struct ReportFiles {
    opts: CsvOptions,
    dir: PathBuf,
    comments: Option<CommentsOut>,
}

/// Where comments.csv stands: rows being written from records, or raw
/// bytes once a piece of finished rows has been copied in.
enum CommentsOut {
    Rows(RowWriter<BufWriter<File>>),
    Raw(BufWriter<File>),
}

impl ReportFiles {
    /// The report set written with `opts`.
    pub fn new(opts: CsvOptions) -> Self {
        Self {
            opts,
            dir: PathBuf::new(),
            comments: None,
        }
    }

    fn path(&self, report: &str) -> PathBuf {
        self.dir
            .join(format!("{report}.{}", self.opts.format.extension()))
    }
}

impl Sink for ReportFiles {
    fn files(&self) -> Vec<String> {
        REPORTS
            .iter()
            .flat_map(|r| EXTENSIONS.map(|e| format!("{r}.{e}")))
            .collect()
    }

    fn begin(&mut self, dir: &Path) -> io::Result<()> {
        self.dir = dir.to_owned();
        let path = self.path("comments");
        let mut out = BufWriter::with_capacity(1 << 20, File::create(&path).map_err(at(&path))?);
        out.write_all(&preamble(&header_of(&CommentRow::default()), self.opts))
            .map_err(at(&path))?;
        self.comments = Some(CommentsOut::Rows(RowWriter::body(out, self.opts)));
        Ok(())
    }

    fn comments(&mut self, records: &[CommentRecord]) -> io::Result<()> {
        let path = self.path("comments");
        let w = match self.comments.as_mut() {
            Some(CommentsOut::Rows(w)) => w,
            Some(CommentsOut::Raw(_)) => {
                return Err(io::Error::other("comment records after comment pieces"))
            }
            None => return Err(io::Error::other("comments written before the report began")),
        };
        for r in records {
            w.write(&r.row).map_err(at(&path))?;
        }
        Ok(())
    }

    fn comment_piece(&mut self, piece: &Path) -> io::Result<()> {
        let path = self.path("comments");
        let mut out = match self.comments.take() {
            Some(CommentsOut::Rows(w)) => w.finish().map_err(at(&path))?,
            Some(CommentsOut::Raw(out)) => out,
            None => return Err(io::Error::other("comments written before the report began")),
        };
        // Flushed first, so the copy (copy_file_range on Linux: no pass
        // through user space) lands after the header.
        out.flush().map_err(at(&path))?;
        let mut from = File::open(piece).map_err(at(piece))?;
        io::copy(&mut from, &mut out).map_err(at(&path))?;
        self.comments = Some(CommentsOut::Raw(out));
        Ok(())
    }

    fn people(&mut self, tables: Tables<'_>) -> io::Result<()> {
        let opts = self.opts;
        let path = |name: &str| self.path(name);
        let (users, (interactions, (taunts, threads))) = rayon::join(
            || write_report(&path("users"), tables.users(), opts),
            || {
                rayon::join(
                    || write_report(&path("interactions"), tables.interactions(), opts),
                    || {
                        rayon::join(
                            || write_report(&path("taunts"), tables.taunts(), opts),
                            || write_report(&path("threads"), tables.threads(), opts),
                        )
                    },
                )
            },
        );
        users.and(interactions).and(taunts).and(threads)
    }

    fn finish(&mut self, _summary: &RunSummary) -> io::Result<()> {
        let path = self.path("comments");
        let out = match self.comments.take() {
            Some(CommentsOut::Rows(w)) => Some(w.finish().map_err(at(&path))?),
            Some(CommentsOut::Raw(out)) => Some(out),
            None => None,
        };
        if let Some(mut out) = out {
            out.flush().map_err(at(&path))?;
        }
        Ok(())
    }
}

/// One whole report, its header from the row type.
fn write_report<T: Serialize + Default>(
    path: &Path,
    rows: impl IntoIterator<Item = T>,
    opts: CsvOptions,
) -> io::Result<()> {
    write_atomic(path, rows, &header_of(&T::default()), opts).map_err(at(path))
}

/// An IO error that names the file it concerns.
fn at(path: &Path) -> impl Fn(io::Error) -> io::Error + '_ {
    move |e| io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}
