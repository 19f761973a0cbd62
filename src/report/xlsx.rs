//! `threadwatch.xlsx`: the reports as one workbook a moderator opens
//! without an import dialog (issue 17).
//!
//! CSVs lose in spreadsheets: encodings are guessed, ids such as `1.10`
//! become the number 1.1, long text is cut when printed.  Here every cell
//! has its type from the row struct (report/cell.rs): ids and text are
//! text, counts and scores are numbers, dates are dates.  Strings go in
//! through `write_string`, so a cell starting with `=` is text and never a
//! formula (the CSVs' CWE-1236 guarantee, without the leading `'`).
//!
//! Sheets: `flagged` first (uncivil comments only, worst first, with the
//! full text, the evidence and a link to the row in `comments`), then one
//! sheet per report.  A report longer than a sheet (1,048,576 rows) goes
//! on in `comments (2)` and so on.  Sheets are written in rust_xlsxwriter's
//! constant-memory mode, rows streaming to temporary files beside the
//! reports, so a run of millions of comments does not hold them.  The
//! flagged sheet lists the worst [`FLAGGED_MAX`] comments: their cells
//! wait in a temporary file too, and only each one's score and place in
//! that file stay in memory (issue 27: 200,000 full rows were kept).
//!
//! Only the `flagged` sheet, where a person reads whole comments, gives
//! its rows the height of their wrapped text (issue 27): rust_xlsxwriter
//! 0.102 keeps the options of every row given a height until the workbook
//! is saved, even in constant-memory mode, so heights in the comments
//! sheet grew with the run.  The other sheets' rows have the default
//! height: Excel sizes a row whose cells wrap when it loads the file, as
//! long as the row has no height of its own (libxlsxwriter's docs,
//! "working with object positioning"); LibreOffice shows one line, the
//! whole cell in its input line.
//!
//! Text cells show their direction controls (U+202A to U+202E, U+2066 to
//! U+2069) as visible signs, `Bob[U+202E]gnp.exe`, as report.html does
//! (issue 27); the CSVs keep the characters.  Isolating a name cell with
//! U+2068 ... U+2069 would not do: a cell is its own paragraph already, so
//! the override inside the name would still show it as "Bobexe.png", and
//! in the evidence (`moron -> Bob...gnp.exe | aspersion ...`) a name sits
//! inside our own words, where an isolate closed early by a U+2069 in the
//! name would let the override run on.

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{
    Color, ConditionalFormat2ColorScale, ConditionalFormatType, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Url, Workbook, Worksheet, XlsxError,
};
use serde::{Deserialize, Serialize};

use super::cell::{typed, Cell, DECIMALS};
use super::html::text::plain;
use super::people::{InteractionRow, TauntRow, ThreadRow, UserRow};
use super::run::RunSummary;
use super::CommentRow;
use crate::pipeline::{CommentRecord, Sink, Tables};

/// The workbook's file name in the report folder.
pub const FILE: &str = "threadwatch.xlsx";

/// Rows of a sheet in Excel and LibreOffice, the header row included.
pub const SHEET_ROWS: u32 = 1_048_576;

/// Uncivil comments listed in the `flagged` sheet, worst first.
pub const FLAGGED_MAX: usize = 100_000;

/// Characters a cell holds in Excel.
const CELL_CHARS: usize = 32_767;

/// Column names of the `flagged` sheet.  `status` came last (issue 27):
/// columns are only ever added at the end.
const FLAGGED_COLUMNS: [&str; 10] = [
    "incivility",
    "author",
    "target",
    "text",
    "evidence",
    "thread",
    "comment_ref",
    "in_comments",
    "source",
    "status",
];

/// Writes the workbook.
pub struct WorkbookSink {
    rows_per_sheet: u32,
    /// Comments the `flagged` sheet lists at most ([`FLAGGED_MAX`]).
    flagged_max: usize,
    path: Option<PathBuf>,
    book: Book,
    formats: Formats,
    comments: Option<Table>,
    /// The worst uncivil comments so far, at most 2 x `flagged_max`.
    flagged: Vec<Flag>,
    /// Where their cells wait (from `begin`).
    spill: Option<Spill>,
    /// The score of the last listed comment once the list was full: a
    /// later comment scoring no more cannot be listed (ties go to the
    /// earlier comment), so its cells are not even spilled.
    floor: Option<f64>,
    /// Uncivil comments seen, listed or not.
    uncivil: usize,
    seen: usize,
}

/// An uncivil comment that may be listed in the `flagged` sheet: its
/// rank, and where its [`FlagCells`] are in the spill file.
struct Flag {
    score: f64,
    order: usize,
    offset: u64,
    len: u32,
    pending: bool,
}

/// The cells of a row of `flagged`, spilled to a temporary file (postcard)
/// until the sheet is written at the end.
#[derive(Serialize, Deserialize)]
struct FlagCells {
    author: String,
    /// The author aimed at, else the target as found.
    target: String,
    /// The full text, cut to what a cell holds.
    text: String,
    evidence: String,
    thread: String,
    comment_ref: String,
    source: String,
    status: String,
    /// Sheet and 0-based row of the comment in `comments`.
    sheet: String,
    row: u32,
}

/// An unlinked temporary file beside the reports, written once and read
/// back by offset.
struct Spill {
    file: BufWriter<File>,
    len: u64,
}

impl Spill {
    fn push(&mut self, cells: &FlagCells) -> io::Result<(u64, u32)> {
        let bytes = postcard::to_stdvec(cells).map_err(io::Error::other)?;
        let len = u32::try_from(bytes.len()).map_err(io::Error::other)?;
        self.file.write_all(&bytes)?;
        let at = self.len;
        self.len += u64::from(len);
        Ok((at, len))
    }

    /// Reads the cells of `flags`, in their order, and hands each to `f`.
    fn read_each(
        self,
        flags: &[Flag],
        mut f: impl FnMut(usize, FlagCells) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut file = self.file.into_inner().map_err(|e| e.into_error())?;
        let mut buf = Vec::new();
        for (i, flag) in flags.iter().enumerate() {
            file.seek(SeekFrom::Start(flag.offset))?;
            buf.resize(flag.len as usize, 0);
            file.read_exact(&mut buf)?;
            let cells = postcard::from_bytes(&buf).map_err(io::Error::other)?;
            f(i, cells)?;
        }
        Ok(())
    }
}

impl Default for WorkbookSink {
    fn default() -> Self {
        Self::new()
    }
}

impl WorkbookSink {
    /// A workbook sink with sheets of the full 1,048,576 rows.
    pub fn new() -> Self {
        Self::with_rows_per_sheet(SHEET_ROWS)
    }

    /// A workbook sink whose sheets hold `rows` rows, header included (at
    /// least 2): how the split into `comments (2)` is tested without a
    /// million rows.
    pub fn with_rows_per_sheet(rows: u32) -> Self {
        Self {
            rows_per_sheet: rows.clamp(2, SHEET_ROWS),
            flagged_max: FLAGGED_MAX,
            path: None,
            book: Book {
                book: Workbook::new(),
                sheets: 0,
            },
            formats: Formats::new(),
            comments: None,
            flagged: Vec::new(),
            spill: None,
            floor: None,
            uncivil: 0,
            seen: 0,
        }
    }
}

/// Sorts `flagged` worst first (ties: run order) and keeps the first
/// `max`; returns the last one's score when the list is full.
fn keep_worst(flagged: &mut Vec<Flag>, max: usize) -> Option<f64> {
    flagged.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.order.cmp(&b.order))
    });
    flagged.truncate(max);
    (flagged.len() == max)
        .then(|| flagged.last().map(|f| f.score))
        .flatten()
}

impl Sink for WorkbookSink {
    fn files(&self) -> Vec<String> {
        vec![FILE.to_owned()]
    }

    fn begin(&mut self, dir: &Path) -> io::Result<()> {
        self.path = Some(dir.join(FILE));
        self.book.book.set_tempdir(dir).map_err(xlsx)?;
        self.spill = Some(Spill {
            file: BufWriter::new(tempfile::tempfile_in(dir)?),
            len: 0,
        });
        // The flagged sheet comes first, though it is filled last.
        let (_, flagged) = self.book.add("flagged")?;
        flagged.set_tab_color(Color::RGB(0xC0392B));
        flagged.set_active(true);
        self.comments = Some(Table::new(
            &mut self.book,
            "comments",
            &CommentRow::default(),
            self.rows_per_sheet,
            &self.formats,
        )?);
        Ok(())
    }

    fn comments(&mut self, records: &[CommentRecord]) -> io::Result<()> {
        let Some(table) = self.comments.as_mut() else {
            return Err(io::Error::other("workbook: comments before begin"));
        };
        let Some(spill) = self.spill.as_mut() else {
            return Err(io::Error::other("workbook: comments before begin"));
        };
        for r in records {
            let (sheet, row) = table.write(&mut self.book, &r.row, &self.formats)?;
            let order = self.seen;
            self.seen += 1;
            if r.row.uncivil != 1 {
                continue;
            }
            self.uncivil += 1;
            let score: f64 = r.row.incivility.parse().unwrap_or(0.0);
            if self.floor.is_some_and(|floor| score <= floor) {
                continue;
            }
            let c = &r.row;
            let target = if c.target_author.is_empty() {
                &c.target
            } else {
                &c.target_author
            };
            let (offset, len) = spill.push(&FlagCells {
                author: c.author.clone(),
                target: target.clone(),
                text: fit(&r.text).into_owned(),
                evidence: c.evidence.clone(),
                thread: c.thread.clone(),
                comment_ref: c.comment_ref.clone(),
                source: c.source.clone(),
                status: c.status.clone(),
                sheet,
                row,
            })?;
            self.flagged.push(Flag {
                score,
                order,
                offset,
                len,
                pending: c.status == "pending",
            });
            if self.flagged.len() >= 2 * self.flagged_max {
                self.floor = keep_worst(&mut self.flagged, self.flagged_max);
            }
        }
        Ok(())
    }

    fn people(&mut self, tables: Tables<'_>) -> io::Result<()> {
        if let Some(table) = self.comments.take() {
            table.close(&mut self.book)?;
        }
        let (rows, f) = (self.rows_per_sheet, &self.formats);
        let book = &mut self.book;
        let users = tables.users();
        table_sheet::<UserRow, _>(book, "users", users.iter(), rows, f)?;
        let pairs = tables.interactions();
        table_sheet::<InteractionRow, _>(book, "interactions", pairs, rows, f)?;
        let taunts = tables.taunts();
        table_sheet::<TauntRow, _>(book, "taunts", taunts.iter(), rows, f)?;
        let threads = tables.threads();
        table_sheet::<ThreadRow, _>(book, "threads", threads.iter(), rows, f)?;
        Ok(())
    }

    fn finish(&mut self, _summary: &RunSummary) -> io::Result<()> {
        if let Some(table) = self.comments.take() {
            table.close(&mut self.book)?;
        }
        keep_worst(&mut self.flagged, self.flagged_max);
        let spill = self
            .spill
            .take()
            .ok_or_else(|| io::Error::other("workbook: finish before begin"))?;
        let sheet = self.book.get(0)?;
        write_flagged(sheet, &self.flagged, spill, self.uncivil, &self.formats)?;
        let path = self
            .path
            .clone()
            .ok_or_else(|| io::Error::other("workbook: finish before begin"))?;
        self.book.book.save(&path).map_err(xlsx)?;
        Ok(())
    }
}

/// Writes every row of `rows` into sheet `name` (and its continuations).
fn table_sheet<E: Serialize + Default, T: Serialize>(
    book: &mut Book,
    name: &str,
    rows: impl Iterator<Item = T>,
    per_sheet: u32,
    formats: &Formats,
) -> io::Result<()> {
    let mut table = Table::new(book, name, &E::default(), per_sheet, formats)?;
    for row in rows {
        table.write(book, &row, formats)?;
    }
    table.close(book)
}

/// The workbook and how many sheets it has (rust_xlsxwriter does not
/// say).
struct Book {
    book: Workbook,
    sheets: usize,
}

impl Book {
    /// A new constant-memory sheet called `name`, and its index.
    fn add(&mut self, name: &str) -> io::Result<(usize, &mut Worksheet)> {
        let index = self.sheets;
        let sheet = self
            .book
            .add_worksheet_with_constant_memory()
            .map_err(xlsx)?;
        sheet.set_name(name).map_err(xlsx)?;
        // Printed, a sheet is one page wide with its header on every page
        // (the printed CSVs cut the evidence off: issue 17).
        sheet
            .set_landscape()
            .set_paper_size(9)
            .set_print_fit_to_pages(1, 0)
            .set_print_gridlines(true)
            .set_footer("&L&A&R&P / &N");
        self.sheets += 1;
        Ok((index, sheet))
    }

    fn get(&mut self, index: usize) -> io::Result<&mut Worksheet> {
        self.book.worksheet_from_index(index).map_err(xlsx)
    }
}

/// A report written into one sheet or, past a sheet's rows, several.
struct Table {
    name: String,
    columns: Vec<&'static str>,
    per_sheet: u32,
    /// Sheets of the table: workbook index and sheet name.
    sheets: Vec<(usize, String)>,
    /// Next row of the last sheet.
    row: u32,
}

impl Table {
    fn new<T: Serialize>(
        book: &mut Book,
        name: &str,
        example: &T,
        per_sheet: u32,
        formats: &Formats,
    ) -> io::Result<Self> {
        let columns = typed(example)?.names;
        let mut t = Self {
            name: name.to_owned(),
            columns,
            per_sheet,
            sheets: Vec::new(),
            row: 0,
        };
        t.add_sheet(book, formats)?;
        Ok(t)
    }

    fn add_sheet(&mut self, book: &mut Book, formats: &Formats) -> io::Result<()> {
        let name = match self.sheets.len() {
            0 => self.name.clone(),
            n => format!("{} ({})", self.name, n + 1),
        };
        let (index, sheet) = book.add(&name)?;
        header_at(sheet, 0, &self.columns, formats)?;
        self.sheets.push((index, name));
        self.row = 1;
        Ok(())
    }

    /// Writes `row`; returns the sheet and 0-based row it went to.
    fn write<T: Serialize>(
        &mut self,
        book: &mut Book,
        row: &T,
        formats: &Formats,
    ) -> io::Result<(String, u32)> {
        if self.row >= self.per_sheet {
            self.finish_sheet(book)?;
            self.add_sheet(book, formats)?;
        }
        let Some((index, name)) = self.sheets.last().cloned() else {
            return Err(io::Error::other("workbook: a table without a sheet"));
        };
        let sheet = book.get(index)?;
        let t = typed(row)?;
        for (col, (cell, column)) in t.cells.iter().zip(&t.names).enumerate() {
            write_cell(sheet, self.row, col as u16, column, cell, formats)?;
        }
        let at = (name, self.row);
        self.row += 1;
        Ok(at)
    }

    /// Filter, frozen header and shading of the last sheet.
    fn finish_sheet(&mut self, book: &mut Book) -> io::Result<()> {
        let Some((index, _)) = self.sheets.last() else {
            return Ok(());
        };
        let sheet = book.get(*index)?;
        dress(sheet, &self.columns, 0, self.row.saturating_sub(1))
    }

    fn close(mut self, book: &mut Book) -> io::Result<()> {
        self.finish_sheet(book)
    }
}

/// Frozen header, autofilter over `header_row..=last_row` and the
/// incivility shading.
fn dress(
    sheet: &mut Worksheet,
    columns: &[&str],
    header_row: u32,
    last_row: u32,
) -> io::Result<()> {
    let last_col = columns.len().saturating_sub(1) as u16;
    sheet.set_freeze_panes(header_row + 1, 0).map_err(xlsx)?;
    sheet
        .autofilter(header_row, 0, last_row.max(header_row), last_col)
        .map_err(xlsx)?;
    if last_row > header_row {
        for (col, name) in columns.iter().enumerate() {
            if SHADED.contains(name) {
                let scale = ConditionalFormat2ColorScale::new()
                    .set_minimum(ConditionalFormatType::Number, 0)
                    .set_maximum(ConditionalFormatType::Number, 1)
                    .set_minimum_color(Color::RGB(0xFFFFFF))
                    .set_maximum_color(Color::RGB(0xE74C3C));
                sheet
                    .add_conditional_format(
                        header_row + 1,
                        col as u16,
                        last_row,
                        col as u16,
                        &scale,
                    )
                    .map_err(xlsx)?;
            }
        }
    }
    Ok(())
}

/// Columns shaded white (0) to red (1).
const SHADED: [&str; 4] = [
    "incivility",
    "uncivil_rate",
    "mean_incivility",
    "max_incivility",
];

fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    column: &str,
    cell: &Cell,
    f: &Formats,
) -> io::Result<()> {
    match cell {
        Cell::Empty => Ok(()),
        Cell::Text(s) => text(sheet, row, col, s, column, f),
        Cell::Count(n) => sheet
            .write_number_with_format(row, col, *n as f64, &f.plain)
            .map(drop)
            .map_err(xlsx),
        Cell::Flag(b) => sheet
            .write_number_with_format(row, col, f64::from(u8::from(*b)), &f.plain)
            .map(drop)
            .map_err(xlsx),
        Cell::Number(x) => {
            let format = if DECIMALS.contains(&column) {
                &f.decimal
            } else {
                &f.plain
            };
            sheet
                .write_number_with_format(row, col, *x, format)
                .map(drop)
                .map_err(xlsx)
        }
        Cell::Date(s) => match date(s) {
            Some(d) => sheet
                .write_datetime_with_format(row, col, &d, &f.date)
                .map(drop)
                .map_err(xlsx),
            None => text(sheet, row, col, s, column, f),
        },
    }
}

/// A text cell, its direction controls shown as signs, cut to what a
/// cell holds (with a note saying so).
fn text(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    s: &str,
    column: &str,
    f: &Formats,
) -> io::Result<()> {
    let shown = plain(s);
    let s = fit(&shown);
    let r = if width(column).1 {
        sheet.write_string_with_format(row, col, s.as_ref(), &f.wrap)
    } else {
        sheet.write_string_with_format(row, col, s.as_ref(), &f.plain)
    };
    r.map(drop).map_err(xlsx)
}

/// `s`, or its start and a note when it is longer than a cell holds.
fn fit(s: &str) -> std::borrow::Cow<'_, str> {
    // Excel counts UTF-16 units; a char is at most two.
    if s.len() <= CELL_CHARS || s.encode_utf16().count() <= CELL_CHARS {
        return s.into();
    }
    let note = " [cut: longer than a cell holds; see the CSV]";
    let mut out = String::new();
    let mut units = 0;
    for c in s.chars() {
        units += c.len_utf16();
        if units + note.len() > CELL_CHARS {
            break;
        }
        out.push(c);
    }
    out.push_str(note);
    out.into()
}

/// An ISO 8601 date or date and time (`2024-03-01`, `2024-03-01T09:30`,
/// `2024-03-01 09:30:15Z`), read by rust_xlsxwriter; `None` otherwise.
fn date(s: &str) -> Option<ExcelDateTime> {
    let t = s.trim();
    let b = t.as_bytes();
    // parse_from_str takes loose input; check the shape first.
    let shaped = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && t.is_char_boundary(10);
    if !shaped {
        return None;
    }
    // Offsets other than Z are dropped: the time is shown as written.
    let local = match t.get(19..) {
        Some(rest) if rest.starts_with(['+', '-']) => &t[..19],
        _ => t,
    };
    ExcelDateTime::parse_from_str(local).ok()
}

/// Width in characters for a column and whether its text wraps.
fn width(column: &str) -> (f64, bool) {
    match column {
        "text" => (80.0, true),
        "excerpt" => (60.0, true),
        "evidence" => (48.0, true),
        "taunt" | "comment_ids" | "targets" | "top_taunt" => (40.0, true),
        "thread" => (34.0, true),
        "source" | "comment_ref" => (26.0, false),
        "in_comments" => (18.0, false),
        "author" | "target_author" | "from_author" | "to_author" | "top_target"
        | "top_offender" => (20.0, false),
        "target" => (20.0, false),
        "created" => (17.0, false),
        c => ((c.len() as f64 + 3.0).max(8.0), false),
    }
}

/// The `flagged` sheet: a title line, then one row per listed comment,
/// its cells read back from `spill`.
fn write_flagged(
    sheet: &mut Worksheet,
    flagged: &[Flag],
    spill: Spill,
    uncivil: usize,
    f: &Formats,
) -> io::Result<()> {
    let title = if flagged.len() < uncivil {
        format!(
            "Uncivil comments, worst first: the worst {} of {uncivil} (all are in the comments sheet, column uncivil = 1)",
            flagged.len()
        )
    } else {
        format!("Uncivil comments, worst first: {uncivil}. Every comment is in the comments sheet.")
    };
    // A pending comment is the one that needs action (issue 27).
    let pending = flagged.iter().filter(|c| c.pending).count();
    let title = if pending > 0 {
        format!("{title} {pending} listed are pending: filter the status column.")
    } else {
        title
    };
    sheet
        .write_string_with_format(0, 0, title, &f.title)
        .map_err(xlsx)?;
    header_at(sheet, 1, &FLAGGED_COLUMNS, f)?;
    spill.read_each(flagged, |i, c| {
        let row = 2 + i as u32;
        let wrapped = [
            ("text", c.text.as_str()),
            ("evidence", &c.evidence),
            ("thread", &c.thread),
        ];
        fit_height(sheet, row, wrapped.into_iter())?;
        sheet
            .write_number_with_format(row, 0, flagged[i].score, &f.decimal)
            .map_err(xlsx)?;
        let cells: [(u16, &str); 6] = [
            (1, &c.author),
            (2, &c.target),
            (3, &c.text),
            (4, &c.evidence),
            (5, &c.thread),
            (6, &c.comment_ref),
        ];
        for (col, s) in cells {
            if !s.is_empty() {
                text(sheet, row, col, s, FLAGGED_COLUMNS[col as usize], f)?;
            }
        }
        let (name, at) = (&c.sheet, c.row);
        let url = Url::new(format!("internal:'{name}'!A{}", at + 1));
        sheet
            .write_url_with_text(row, 7, url, format!("{name} row {}", at + 1))
            .map_err(xlsx)?;
        text(sheet, row, 8, &c.source, "source", f)?;
        if !c.status.is_empty() {
            text(sheet, row, 9, &c.status, "status", f)?;
        }
        Ok(())
    })?;
    let last = 1 + flagged.len() as u32;
    // rust_xlsxwriter 0.102 writes the last row of a constant-memory sheet
    // twice when that row has a height; an empty row after it, with no
    // height, is the last row instead.
    sheet.write_blank(last + 1, 0, &f.plain).map_err(xlsx)?;
    dress(sheet, &FLAGGED_COLUMNS, 1, last)
}

/// Gives `row` of the `flagged` sheet the height its wrapped text needs:
/// LibreOffice does not size rows of a generated file when it opens it
/// (Excel does), and a wrapped cell in a row of one line shows one line
/// and hides the rest.
fn fit_height<'a>(
    sheet: &mut Worksheet,
    row: u32,
    cells: impl Iterator<Item = (&'a str, &'a str)>,
) -> io::Result<()> {
    let lines = cells
        .filter_map(|(column, text)| {
            let (width, wrap) = width(column);
            wrap.then(|| lines(text, width))
        })
        .max()
        .unwrap_or(1);
    if lines > 1 {
        let shown = lines.min(MAX_LINES) as f64;
        sheet.set_row_height(row, 15.0 * shown).map_err(xlsx)?;
    }
    Ok(())
}

/// Lines of text a row grows to at most (more is scrolled in the cell).
const MAX_LINES: usize = 24;

/// Lines `text` takes in a column `width` characters wide, with a little
/// slack for proportional fonts.
fn lines(text: &str, width: f64) -> usize {
    let per_line = ((width * 1.1) as usize).max(1);
    text.split('\n')
        .map(|l| l.chars().count().div_ceil(per_line).max(1))
        .sum()
}

fn header_at(sheet: &mut Worksheet, row: u32, columns: &[&str], f: &Formats) -> io::Result<()> {
    sheet.set_repeat_rows(0, row).map_err(xlsx)?;
    for (col, name) in columns.iter().enumerate() {
        let col = col as u16;
        sheet
            .write_string_with_format(row, col, *name, &f.header)
            .map_err(xlsx)?;
        let (width, wrap) = width(name);
        if wrap {
            sheet.set_column_format(col, &f.wrap).map_err(xlsx)?;
        }
        sheet.set_column_width(col, width).map_err(xlsx)?;
    }
    Ok(())
}

/// The cell formats, made once.
struct Formats {
    title: Format,
    header: Format,
    wrap: Format,
    decimal: Format,
    plain: Format,
    date: Format,
}

impl Formats {
    fn new() -> Self {
        Self {
            title: Format::new().set_bold().set_font_size(13),
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xDDE4EE))
                .set_border_bottom(FormatBorder::Thin),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            // Every cell sits at the top, next to the top of wrapped text.
            decimal: Format::new()
                .set_num_format("0.000")
                .set_align(FormatAlign::Top),
            plain: Format::new().set_align(FormatAlign::Top),
            date: Format::new()
                .set_num_format("yyyy-mm-dd hh:mm")
                .set_align(FormatAlign::Top),
        }
    }
}

fn xlsx(e: XlsxError) -> io::Error {
    io::Error::other(format!("workbook: {e}"))
}

#[cfg(test)]
mod tests;
