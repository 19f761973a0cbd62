//! `report.html`: one self-contained page for moderators who would
//! rather look than read (issue 17).
//!
//! The page holds its CSS and script inline and a Content-Security-Policy
//! that allows those two by hash and nothing else, so it works from
//! `file://`, offline and as a mail attachment, and loads nothing from the
//! network.  Templates are maud's `html!` (page.rs): every interpolated
//! value is HTML-escaped unless wrapped in `PreEscaped`, which only the
//! built-in CSS, script and numbers are.
//!
//! What the sink keeps while a run streams: the worst [`THREADS_MAX`]
//! threads by uncivil rate (each with at most [`THREAD_COMMENTS_MAX`]
//! comments), the [`WORST_MAX`] worst comments of the run, and counts.
//! A run of millions of comments thus makes a page a browser opens; the
//! page says what it leaves out and where the rest is.

mod graph;
mod page;
mod text;

use std::io;
use std::path::{Path, PathBuf};

use super::run::RunSummary;
use super::CommentRow;
use crate::pipeline::{CommentRecord, Mark, Sink, Tables};

/// The report's file name in the report folder.
pub const FILE: &str = "report.html";

/// Threads shown, worst first.
pub const THREADS_MAX: usize = 500;

/// Comments shown over all threads: past this, fewer threads are shown
/// (at least one), so the page stays quick to open.
pub const COMMENTS_MAX: usize = 10_000;

/// Comments shown of one thread (the first ones, in thread order).
pub const THREAD_COMMENTS_MAX: usize = 2_000;

/// Worst comments of the run listed at the top.
pub const WORST_MAX: usize = 20;

/// Writes `report.html`.
#[derive(Default)]
pub struct HtmlSink {
    path: Option<PathBuf>,
    /// The thread whose comments are arriving.
    current: Option<ThreadView>,
    /// Finished threads, the worst kept.
    threads: Vec<ThreadView>,
    /// Threads seen.
    thread_count: usize,
    /// The worst comments so far, with the order they came in.
    worst: Vec<(usize, Shown)>,
    seen: usize,
    /// Uncivil comments whose status is `pending` (issue 27).
    pending_uncivil: usize,
    /// Markup of the people tables, made while `people` has them.
    people: Option<page::People>,
}

/// A thread as the page shows it.
#[derive(Debug, Clone)]
pub(crate) struct ThreadView {
    /// Position in the run (0-based).
    pub order: usize,
    pub source: String,
    pub title: String,
    /// Comments in the thread, shown or not.
    pub comments: usize,
    pub uncivil: usize,
    /// The first comments, in thread order.
    pub shown: Vec<Shown>,
}

impl ThreadView {
    pub(crate) fn rate(&self) -> f64 {
        if self.comments == 0 {
            0.0
        } else {
            self.uncivil as f64 / self.comments as f64
        }
    }

    /// The uncivil rate discounted for small threads: the lower end of
    /// its 95% Wilson interval.  Ranked by the plain rate, a thread of two
    /// comments, both uncivil, came before one of fifty with thirty.
    pub(crate) fn rank(&self) -> f64 {
        wilson_lower(self.uncivil, self.comments)
    }

    /// The worst comment shown (first of equals).
    pub(crate) fn worst(&self) -> Option<&Shown> {
        self.shown
            .iter()
            .filter(|c| c.row.uncivil == 1)
            .fold(None, |best: Option<&Shown>, c| match best {
                Some(b) if b.score() >= c.score() => Some(b),
                _ => Some(c),
            })
    }
}

/// One comment as the page shows it.
#[derive(Debug, Clone)]
pub(crate) struct Shown {
    pub row: CommentRow,
    pub text: String,
    pub marks: Vec<Mark>,
    /// Position of its thread in the run, for its anchor.
    pub thread: usize,
}

impl Shown {
    pub(crate) fn score(&self) -> f64 {
        self.row.incivility.parse().unwrap_or(0.0)
    }

    /// The anchor of the comment in the page.
    pub(crate) fn anchor(&self) -> String {
        anchor(self.thread, &self.row.comment_id)
    }
}

/// The anchor of comment `id` of thread `thread`.
pub(crate) fn anchor(thread: usize, id: &str) -> String {
    format!("c{thread}-{id}")
}

/// Lower end of the 95% Wilson score interval of `k` in `n`.
pub(crate) fn wilson_lower(k: usize, n: usize) -> f64 {
    if n == 0 {
        return 0.0;
    }
    let (n, p, z) = (n as f64, k as f64 / n as f64, 1.96_f64);
    let z2 = z * z;
    let centre = p + z2 / (2.0 * n);
    let spread = z * ((p * (1.0 - p) + z2 / (4.0 * n)) / n).sqrt();
    ((centre - spread) / (1.0 + z2 / n)).max(0.0)
}

/// Worst first: discounted uncivil rate, then uncivil comments, then run
/// order.
fn thread_order(a: &ThreadView, b: &ThreadView) -> std::cmp::Ordering {
    b.rank()
        .total_cmp(&a.rank())
        .then(b.uncivil.cmp(&a.uncivil))
        .then(a.order.cmp(&b.order))
}

impl HtmlSink {
    /// A sink that writes `report.html` into the report folder.
    pub fn new() -> Self {
        Self::default()
    }

    fn end_thread(&mut self) {
        if let Some(t) = self.current.take() {
            self.threads.push(t);
            if self.threads.len() >= 2 * THREADS_MAX {
                self.keep_worst_threads();
            }
        }
    }

    fn keep_worst_threads(&mut self) {
        self.threads.sort_by(thread_order);
        self.threads.truncate(THREADS_MAX);
    }

    fn add(&mut self, r: &CommentRecord) {
        let row = &r.row;
        let new_thread = match &self.current {
            Some(t) => t.source != row.source || t.title != row.thread || row.comment_id == "1",
            None => true,
        };
        if new_thread {
            self.end_thread();
            self.current = Some(ThreadView {
                order: self.thread_count,
                source: row.source.clone(),
                title: row.thread.clone(),
                comments: 0,
                uncivil: 0,
                shown: Vec::new(),
            });
            self.thread_count += 1;
        }
        let Some(t) = self.current.as_mut() else {
            return;
        };
        t.comments += 1;
        t.uncivil += usize::from(row.uncivil);
        self.pending_uncivil += usize::from(row.uncivil == 1 && row.status == "pending");
        let shown = || Shown {
            row: row.clone(),
            text: r.text.to_string(),
            marks: r.marks.clone(),
            thread: t.order,
        };
        if row.uncivil == 1 {
            self.worst.push((self.seen, shown()));
            if self.worst.len() >= 4 * WORST_MAX {
                keep_worst_comments(&mut self.worst);
            }
        }
        if t.shown.len() < THREAD_COMMENTS_MAX {
            t.shown.push(shown());
        }
        self.seen += 1;
    }
}

fn keep_worst_comments(worst: &mut Vec<(usize, Shown)>) {
    worst.sort_by(|(oa, a), (ob, b)| b.score().total_cmp(&a.score()).then(oa.cmp(ob)));
    worst.truncate(WORST_MAX);
}

impl Sink for HtmlSink {
    fn files(&self) -> Vec<String> {
        vec![FILE.to_owned()]
    }

    fn begin(&mut self, dir: &Path) -> io::Result<()> {
        self.path = Some(dir.join(FILE));
        Ok(())
    }

    fn comments(&mut self, records: &[CommentRecord]) -> io::Result<()> {
        for r in records {
            self.add(r);
        }
        Ok(())
    }

    fn people(&mut self, tables: Tables<'_>) -> io::Result<()> {
        self.end_thread();
        self.people = Some(page::People::new(tables));
        Ok(())
    }

    fn finish(&mut self, summary: &RunSummary) -> io::Result<()> {
        self.end_thread();
        self.keep_worst_threads();
        keep_worst_comments(&mut self.worst);
        // Threads in rank order until the comment budget is spent.
        let mut budget = COMMENTS_MAX;
        let mut shown = 0;
        for t in &self.threads {
            if shown > 0 && t.shown.len() > budget {
                break;
            }
            budget = budget.saturating_sub(t.shown.len());
            shown += 1;
        }
        self.threads.truncate(shown);
        let people = self.people.take().unwrap_or_default();
        let page = page::Page {
            summary,
            threads: &self.threads,
            thread_count: self.thread_count,
            worst: self.worst.iter().map(|(_, c)| c).collect(),
            people: &people,
            pending_uncivil: self.pending_uncivil,
        };
        let html = page.render();
        let path = self
            .path
            .clone()
            .ok_or_else(|| io::Error::other("report.html: finish before begin"))?;
        std::fs::write(path, html)
    }
}

#[cfg(test)]
mod tests;
