//! Writing rows as CSV that a spreadsheet opens cleanly and a cron job
//! never sees half-written.
//!
//! All writer setup lives in [`CsvOptions`] (cf. BurntSushi/xsv
//! src/config.rs); every cell passes through [`neutralize`] (CWE-1236).

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use super::record::Record;

/// File format of the reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Comma-separated (or `--delimiter`), with a header line.
    #[default]
    Csv,
    /// Tab-separated, with a header line.
    Tsv,
    /// One JSON object per line, for pipelines: numbers as numbers, 0/1
    /// flags as booleans, empty cells as null (report/cell.rs); cells are
    /// not neutralised, since no spreadsheet reads JSON.
    Jsonl,
}

impl Format {
    /// File extension of reports in this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Jsonl => "jsonl",
        }
    }
}

/// How report files are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvOptions {
    /// Field separator, `b','` by default (ignored for TSV and JSONL).
    pub delimiter: u8,
    /// Start the file with a UTF-8 byte-order mark (Excel needs it to read
    /// UTF-8; not written for JSONL).
    pub bom: bool,
    /// The file format.
    pub format: Format,
}

impl Default for CsvOptions {
    fn default() -> Self {
        Self {
            delimiter: b',',
            bom: false,
            format: Format::Csv,
        }
    }
}

/// Cells a spreadsheet would evaluate as a formula get a leading `'`, which
/// spreadsheets show as text and which keeps the rest readable.
pub fn neutralize(cell: &str) -> Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// Writes `rows` with a header line to `out`.  The header comes from the
/// row type's field names, so an empty report still has its columns.
pub fn write_rows<W: Write>(
    out: W,
    rows: impl IntoIterator<Item = impl Serialize>,
    header: &[&str],
    opts: CsvOptions,
) -> io::Result<()> {
    let mut w = RowWriter::new(out, header, opts)?;
    for row in rows {
        w.write(&row)?;
    }
    w.finish().map(drop)
}

/// Writes rows one at a time, so a run can stream a report of any size
/// (comments.csv) instead of holding every row.
pub struct RowWriter<W: Write> {
    sink: Sink<W>,
    cells: Vec<String>,
}

enum Sink<W: Write> {
    Csv(Box<csv::Writer<io::BufWriter<W>>>),
    Jsonl(io::BufWriter<W>),
}

impl<W: Write> RowWriter<W> {
    /// Starts a report on `out`: byte-order mark and header line as
    /// `opts` says (JSON lines have neither).
    pub fn new(mut out: W, header: &[&str], opts: CsvOptions) -> io::Result<Self> {
        out.write_all(&preamble(header, opts))?;
        Ok(Self::body(out, opts))
    }

    /// Rows only, no byte-order mark and no header: a piece of a report
    /// that is put together later (one input's comments).
    pub fn body(out: W, opts: CsvOptions) -> Self {
        let out = io::BufWriter::with_capacity(1 << 16, out);
        let sink = match opts.format {
            Format::Jsonl => Sink::Jsonl(out),
            Format::Csv | Format::Tsv => Sink::Csv(Box::new(
                csv::WriterBuilder::new()
                    .delimiter(if opts.format == Format::Tsv {
                        b'\t'
                    } else {
                        opts.delimiter
                    })
                    .has_headers(false)
                    .from_writer(out),
            )),
        };
        Self {
            sink,
            cells: Vec::new(),
        }
    }

    /// Writes one row.
    pub fn write<T: Serialize>(&mut self, row: &T) -> io::Result<()> {
        match &mut self.sink {
            // Typed (issue 17): numbers as numbers, flags as booleans,
            // empty cells as null, so `jq 'select(.incivility > 0.5)'`
            // compares numbers.
            Sink::Jsonl(out) => super::cell::write_json_line(&mut *out, row),
            Sink::Csv(w) => {
                self.cells.clear();
                row.serialize(Record {
                    names: None,
                    cells: &mut self.cells,
                    kinds: None,
                })
                .map_err(io::Error::other)?;
                for c in &self.cells {
                    w.write_field(neutralize(c).as_bytes())?;
                }
                // An empty record ends the row started by write_field.
                w.write_record(None::<&[u8]>)?;
                Ok(())
            }
        }
    }

    /// Flushes everything and gives the output back.
    pub fn finish(self) -> io::Result<W> {
        let buffered = match self.sink {
            Sink::Jsonl(out) => out,
            Sink::Csv(w) => w.into_inner().map_err(|e| e.into_error())?,
        };
        buffered.into_inner().map_err(|e| e.into_error())
    }
}

/// What a report starts with: the byte-order mark if asked for, then the
/// header line (nothing for JSON lines).
pub fn preamble(header: &[&str], opts: CsvOptions) -> Vec<u8> {
    if opts.format == Format::Jsonl {
        return Vec::new();
    }
    let mut out = Vec::new();
    if opts.bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut w = RowWriter::body(&mut out, opts);
    if let Sink::Csv(csv) = &mut w.sink {
        // Writing into a Vec cannot fail.
        let _ = csv.write_record(header);
    }
    let _ = w.finish();
    out
}

/// Column names of a row type, read off one example row.
pub fn header_of<T: Serialize>(example: &T) -> Vec<&'static str> {
    let mut names = Vec::new();
    let mut cells = Vec::new();
    // A row type that does not flatten has no header; `write_rows` then
    // reports the same error on its first row.
    let _ = example.serialize(Record {
        names: Some(&mut names),
        cells: &mut cells,
        kinds: None,
    });
    names
}

/// Writes `rows` to `path` atomically: into a temporary file in the same
/// folder, synced, then renamed over `path`.  A reader (or a killed run)
/// sees the old file or the new one, never a truncated one.
pub fn write_atomic(
    path: &Path,
    rows: impl IntoIterator<Item = impl Serialize>,
    header: &[&str],
    opts: CsvOptions,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = crate::report::publish::plain_tempfile()
        .prefix(".threadwatch-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    write_rows(&mut tmp, rows, header, opts)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
