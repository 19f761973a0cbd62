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
pub(crate) mod text;

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

/// Bytes of a comment's text shown; the rest is in comments.csv (issue
/// 27: 60 comments of 1 MB made a 64 MB page).
pub const TEXT_MAX: usize = 2_000;

/// Bytes of a name, title or source shown.
pub(crate) const LABEL_MAX: usize = 200;

/// Estimated markup of the shown comments, over all threads: past this,
/// fewer threads are shown (at least one), so the page stays under 10 MB
/// whatever the comments hold.  A page of 10,000 news comments is about
/// 6 MB, so the comment budget decides there.
pub const PAGE_BYTES: usize = 8_000_000;

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
    /// Comments of the threads finished since the last pruning.
    pending: usize,
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
    /// Estimated markup of `shown`, in bytes.
    pub bytes: usize,
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

/// `s` cut to at most `max` bytes on a character boundary, with `…` when
/// cut.
pub(crate) fn cap(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_owned();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}\u{2026}", &s[..end])
}

/// What the page keeps of a comment: its text cut to [`TEXT_MAX`] bytes
/// (with a note), its marks inside that, its labels cut to a few hundred
/// bytes.
fn shown(r: &CommentRecord, thread: usize) -> Shown {
    let mut row = r.row.clone();
    for label in [&mut row.author, &mut row.thread, &mut row.source] {
        if label.len() > LABEL_MAX {
            *label = cap(label, LABEL_MAX);
        }
    }
    let text: &str = &r.text;
    let (text, marks) = if text.len() <= TEXT_MAX {
        (text.to_owned(), r.marks.clone())
    } else {
        let mut end = TEXT_MAX;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let rest = text[end..].chars().count();
        let marks = r
            .marks
            .iter()
            .filter(|m| m.range.end <= end)
            .cloned()
            .collect();
        let text = format!(
            "{} \u{2026} [{rest} more characters: the whole text is in comments.csv]",
            &text[..end]
        );
        (text, marks)
    };
    Shown {
        row,
        text,
        marks,
        thread,
    }
}

/// The markup a comment takes in the page, about: the escaped text, the
/// author three times (attribute, label, filter list), and the rest.
fn markup_bytes(c: &Shown) -> usize {
    let escaped = |s: &str| -> usize {
        s.bytes()
            .map(|b| match b {
                b'&' => 5,
                b'<' | b'>' => 4,
                b'"' => 6,
                _ => 1,
            })
            .sum()
    };
    400 + escaped(&c.text)
        + 3 * escaped(&c.row.author)
        + 3 * c.row.comment_id.len()
        + 2 * c.row.reply_to_id.len()
        + 16 * c.marks.len()
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
            self.pending += t.shown.len();
            self.threads.push(t);
            // Kept threads hold at most the page's budget; prune once as
            // much again has arrived, so what the sink holds is bounded by
            // what the page shows, not by the run (issue 27: 3.13 GB for a
            // page of 10,000 comments).
            if self.threads.len() >= 2 * THREADS_MAX || self.pending > COMMENTS_MAX {
                self.keep_worst_threads();
            }
        }
    }

    /// Keeps the threads the page would show if the run ended now.  A
    /// thread dropped here never comes back: later threads only add to
    /// the ones ranked before it.
    fn keep_worst_threads(&mut self) {
        self.threads.sort_by(thread_order);
        self.threads.truncate(THREADS_MAX);
        let (mut comments, mut bytes, mut shown) = (0, 0, 0);
        for t in &self.threads {
            comments += t.shown.len();
            bytes += t.bytes;
            if shown > 0 && (comments > COMMENTS_MAX || bytes > PAGE_BYTES) {
                break;
            }
            shown += 1;
        }
        self.threads.truncate(shown);
        self.pending = 0;
    }

    fn add(&mut self, r: &CommentRecord) {
        let row = &r.row;
        let new_thread = match &self.current {
            Some(t) => {
                t.source != cap(&row.source, LABEL_MAX)
                    || t.title != cap(&row.thread, LABEL_MAX)
                    || row.comment_id == "1"
            }
            None => true,
        };
        if new_thread {
            self.end_thread();
            self.current = Some(ThreadView {
                order: self.thread_count,
                source: cap(&row.source, LABEL_MAX),
                title: cap(&row.thread, LABEL_MAX),
                comments: 0,
                uncivil: 0,
                shown: Vec::new(),
                bytes: 0,
            });
            self.thread_count += 1;
        }
        let Some(t) = self.current.as_mut() else {
            return;
        };
        t.comments += 1;
        t.uncivil += usize::from(row.uncivil);
        self.pending_uncivil += usize::from(row.uncivil == 1 && row.status == "pending");
        if row.uncivil == 1 {
            self.worst.push((self.seen, shown(r, t.order)));
            if self.worst.len() >= 4 * WORST_MAX {
                keep_worst_comments(&mut self.worst);
            }
        }
        if t.shown.len() < THREAD_COMMENTS_MAX {
            let c = shown(r, t.order);
            t.bytes += markup_bytes(&c);
            t.shown.push(c);
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
        // Threads in rank order until the comment or the markup budget is
        // spent.
        self.keep_worst_threads();
        keep_worst_comments(&mut self.worst);
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
