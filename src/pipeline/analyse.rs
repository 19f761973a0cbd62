//! One thread through the analysis stage: every comment scored in
//! parallel, turned into a [`CommentRecord`] and into the facts the
//! per-user stage counts.
//!
//! This is the path every run takes, the tests' and benches' included.
//! A thread longer than one window is pipelined: while the pool analyses
//! a window, the previous window's records are handed on, so a huge page
//! never holds every comment's full analysis at once and the serial hand-
//! off does not idle a core (issue 6).

use std::io;
use std::ops::Range;

use crate::analyze::comments::{CommentAnalysis, ThreadAnalyzer};
use crate::analyze::facts::{FactsBuilder, ThreadFacts};
use crate::analyze::incivility::Scorer;
use crate::report::comment_row;
use crate::thread::Thread;

use super::sink::{CommentRecord, Mark, MarkKind};

/// Comments of one thread analysed at a time.
pub const WINDOW: usize = 16 * 1024;

/// What analysing one thread gave, besides its records.
#[derive(Debug, Default)]
pub struct ThreadDone {
    /// Comments (records) it holds.
    pub comments: usize,
    /// Uncivil comments among them.
    pub uncivil: usize,
    /// Its facts for the per-user stage.
    pub facts: ThreadFacts,
}

/// Analyses `thread`, handing its records to `emit` a window at a time, in
/// thread order.  Signatures are learnt per thread, so a thread's analysis
/// depends on nothing but its own input: what lets `--incremental` reuse it.
pub fn analyse_thread(
    thread: Thread,
    scorer: Scorer<'_>,
    threshold: f64,
    mut emit: impl FnMut(Vec<CommentRecord>) -> io::Result<()> + Send,
) -> io::Result<ThreadDone> {
    let analyzer = ThreadAnalyzer::new(&thread, scorer, threshold);
    let n = analyzer.len();
    let mut facts = FactsBuilder::new(&thread);
    let mut uncivil = 0;
    let mut hand_on = |range: Range<usize>, analyses: Vec<CommentAnalysis>| {
        let mut records = Vec::with_capacity(range.len());
        for (i, a) in range.zip(analyses) {
            let id = analyzer.id(i);
            let row = comment_row(&thread, id, analyzer.dotted(i), &a, |q| {
                analyzer.dotted_of(q)
            });
            uncivil += usize::from(row.uncivil);
            facts.push(id, &a);
            records.push(CommentRecord {
                row,
                text: thread.tree.comment(id).body.clone(),
                marks: marks(&a),
            });
        }
        emit(records)
    };
    let mut pending: Option<(Range<usize>, Vec<CommentAnalysis>)> = None;
    for start in (0..n).step_by(WINDOW) {
        let window = start..(start + WINDOW).min(n);
        let analysed = match pending.take() {
            None => analyzer.analyze(window.clone()),
            Some((before, done)) => {
                let (analysed, handed) = rayon::join(
                    || analyzer.analyze(window.clone()),
                    || hand_on(before, done),
                );
                handed?;
                analysed
            }
        };
        pending = Some((window, analysed));
    }
    if let Some((last, done)) = pending {
        hand_on(last, done)?;
    }
    let ids = analyzer.into_ids();
    Ok(ThreadDone {
        comments: n,
        uncivil,
        facts: facts.finish(ids),
    })
}

/// Flagged words of the author's own, and words that are not their own
/// (quotations, signatures, flagged words inside quotes), in text order.
fn marks(a: &CommentAnalysis) -> Vec<Mark> {
    let mut marks: Vec<Mark> = a
        .score
        .flagged
        .iter()
        .map(|f| Mark {
            range: f.range.clone(),
            kind: if f.quoted {
                MarkKind::Quoted
            } else {
                MarkKind::Flag(f.flag.as_str().to_owned())
            },
        })
        .chain(a.masked.iter().map(|r| Mark {
            range: r.clone(),
            kind: MarkKind::Quoted,
        }))
        .collect();
    marks.sort_by_key(|m| (m.range.start, m.range.end));
    marks
}
