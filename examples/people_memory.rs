//! Measures the per-user stage alone (issue 4): the run is parsed and
//! analysed through the shipping path (`pipeline::memory`), then the
//! per-user figures are counted unless `--skip-people` is given.  Run it both ways under `/usr/bin/time -f %M`;
//! the difference in peak RSS is what the per-user stage adds
//! (`benches/people_run.sh` does this).
//!
//! Run: `cargo run --release --example people_memory -- [--skip-people] PAGE...`

use std::time::Instant;

use rayon::prelude::*;
use threadwatch::analyze::incivility::{Scorer, UNCIVIL_THRESHOLD};
use threadwatch::analyze::matcher::Lexicon;
use threadwatch::analyze::model::Model;
use threadwatch::analyze::people::buckets::BucketWriter;
use threadwatch::analyze::people::{PeopleBuilder, Rules};
use threadwatch::input::read_thread;
use threadwatch::pipeline::memory::analyse_threads;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let skip = args.iter().any(|a| a == "--skip-people");
    args.retain(|a| a != "--skip-people");
    let mut paths: Vec<std::path::PathBuf> = args.into_iter().map(Into::into).collect();
    paths.sort();
    let threads: Vec<_> = paths
        .par_iter()
        .filter_map(|p| read_thread(p).map_err(|e| eprintln!("{e}")).ok())
        .collect();
    let lexicon = Lexicon::builtin();
    let scorer = Scorer {
        lexicon: &lexicon,
        model: Model::builtin(),
    };
    let facts: Vec<_> = analyse_threads(threads, scorer, UNCIVIL_THRESHOLD)
        .into_iter()
        .map(|(_, done)| done.facts)
        .collect();
    let comments: usize = facts.iter().map(|t| t.comments.len()).sum();
    if skip {
        println!("comments={comments} (people() skipped)");
        return;
    }
    let start = Instant::now();
    let mut builder = PeopleBuilder::new(Rules::default(), BucketWriter::in_memory());
    let counted = facts.iter().try_for_each(|t| builder.add(t));
    let p = match counted.and_then(|()| builder.finish()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("people_memory: {e}");
            std::process::exit(1);
        }
    };
    println!(
        "comments={comments} authors={} pairs={} taunts={} threads={} people()={:.2}s",
        p.users.len(),
        p.pairs.len(),
        p.taunts.len(),
        p.threads.len(),
        start.elapsed().as_secs_f64()
    );
}
