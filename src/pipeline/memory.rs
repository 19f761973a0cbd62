//! The run's analysis path over threads already in memory, with no files:
//! what tests, benches and examples call, so they measure and check the
//! path that ships (`analyse::analyse_thread`, then `PeopleBuilder`).

use std::io;

use rayon::prelude::*;

use crate::analyze::incivility::{Scorer, UNCIVIL_THRESHOLD};
use crate::analyze::people::buckets::BucketWriter;
use crate::analyze::people::{People, PeopleBuilder, Rules};
use crate::thread::Thread;

use super::analyse::{analyse_thread, ThreadDone};
use super::sink::CommentRecord;

/// Every thread's records (one vector per thread, in thread order) and
/// what the analysis gave, threads analysed in parallel.
pub fn analyse_threads(
    threads: Vec<Thread>,
    scorer: Scorer<'_>,
    threshold: f64,
) -> Vec<(Vec<CommentRecord>, ThreadDone)> {
    threads
        .into_par_iter()
        .map(|t| {
            let mut records = Vec::new();
            let done = analyse_thread(t, scorer, threshold, |r| {
                records.extend(r);
                Ok(())
            });
            // Collecting into a vector cannot fail.
            (records, done.unwrap_or_default())
        })
        .collect()
}

/// Every comment's record, in thread order, and the per-user figures of
/// `threads`, at the documented threshold and `rules`, with the taunt
/// finder's buckets in memory.
pub fn analyse_all(
    threads: Vec<Thread>,
    scorer: Scorer<'_>,
    rules: Rules,
) -> io::Result<(Vec<CommentRecord>, People)> {
    let mut people = PeopleBuilder::new(rules, BucketWriter::in_memory());
    let mut all = Vec::new();
    for (records, done) in analyse_threads(threads, scorer, UNCIVIL_THRESHOLD) {
        all.extend(records);
        people.add(&done.facts)?;
    }
    Ok((all, people.finish()?))
}
