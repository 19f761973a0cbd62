//! `Sink`: where a run's results go, as typed events in a fixed order.
//!
//! A run calls `begin` once with the staging folder, `comments` for every
//! input's comment records in input order (a huge page arrives in several
//! calls, in page order), `people` once with the per-user tables, and
//! `finish` once with the run summary.  A distributed run may give the
//! comments as finished report rows instead (`comment_piece`, issue 19).  CSV, TSV and JSONL are sinks
//! (report/), and so are the workbook and the HTML report (issue 17).
//! Sinks are called from one thread at a time and in that order, so what
//! they write never depends on `--jobs`.

use std::io;
use std::ops::Range;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::analyze::people::People;
use crate::body::Body;
use crate::report::people::{
    interaction_rows, taunt_rows, thread_rows, user_rows, InteractionRow, TauntRow, ThreadRow,
    UserRow,
};
use crate::report::run::RunSummary;
use crate::report::CommentRow;

/// One comment as a run reports it: its row, its full text, and where in
/// that text the verdict's words are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CommentRecord {
    /// The row of comments.csv.
    pub row: CommentRow,
    /// The comment's whole body (the row keeps only an excerpt).
    pub text: Body,
    /// Flagged and quoted words of `text`, in text order.
    pub marks: Vec<Mark>,
}

/// A marked range of a comment's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// Byte range in the comment's text (on character boundaries).
    pub range: Range<usize>,
    /// What the range is.
    pub kind: MarkKind,
}

/// What a marked range is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MarkKind {
    /// A word that set a flag: the flag's report column (`name_calling`, ...).
    Flag(String),
    /// Words that are not the author's own: a quotation of an earlier
    /// comment or a repeated signature.
    Quoted,
}

/// The per-user tables of a run, made into rows when a sink asks, so a
/// sink that does not want a table costs nothing.
#[derive(Clone, Copy)]
pub struct Tables<'a> {
    people: &'a People,
}

impl<'a> Tables<'a> {
    /// The tables of `people`.
    pub fn new(people: &'a People) -> Self {
        Self { people }
    }

    /// The counts behind the tables.
    pub fn people(&self) -> &'a People {
        self.people
    }

    /// users.csv rows, in report order.
    pub fn users(&self) -> Vec<UserRow> {
        user_rows(self.people)
    }

    /// interactions.csv rows, in report order.
    pub fn interactions(&self) -> impl Iterator<Item = InteractionRow> + 'a {
        interaction_rows(self.people)
    }

    /// taunts.csv rows, in report order.
    pub fn taunts(&self) -> Vec<TauntRow> {
        taunt_rows(self.people)
    }

    /// threads.csv rows, in report order.
    pub fn threads(&self) -> Vec<ThreadRow> {
        thread_rows(self.people)
    }
}

/// Receives a run's results.
pub trait Sink: Send {
    /// Names of the files this sink writes in the report folder; they are
    /// published with the set, and a stale one from an earlier run is
    /// dropped.
    fn files(&self) -> Vec<String>;

    /// Before anything else: the (staging) folder to write into.
    fn begin(&mut self, dir: &Path) -> io::Result<()>;

    /// The next comments of the run, in input order.
    fn comments(&mut self, records: &[CommentRecord]) -> io::Result<()>;

    /// Instead of [`Sink::comments`]: the next comments of the run as rows
    /// of the comments report already written (the file `piece`, made by
    /// `merge --partial --comments-to` in the report's format, no header;
    /// pipeline/piece.rs).  A sink that needs the comments' records (the
    /// workbook, the HTML report) refuses: a piece holds only the rows.
    fn comment_piece(&mut self, piece: &Path) -> io::Result<()> {
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            format!(
                "{}: this report needs every comment's record, and a comments piece holds only rows",
                piece.display()
            ),
        ))
    }

    /// The per-user tables, once every comment has been given.
    fn people(&mut self, tables: Tables<'_>) -> io::Result<()>;

    /// Last: the run's summary.  A sink flushes and closes its files here.
    fn finish(&mut self, summary: &RunSummary) -> io::Result<()>;
}
