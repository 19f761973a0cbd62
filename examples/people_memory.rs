//! Measures the per-user stage alone (issue 4): the run is parsed and
//! analysed as `analyze` does, then `people()` is computed unless
//! `--skip-people` is given.  Run it both ways under `/usr/bin/time -f %M`;
//! the difference in peak RSS is what the per-user stage adds
//! (`benches/people_run.sh` does this).
//!
//! Run: `cargo run --release --example people_memory -- [--skip-people] PAGE...`

use std::time::Instant;

use rayon::prelude::*;
use threadwatch::analyze::comments::analyze_threads;
use threadwatch::analyze::facts::facts_of;
use threadwatch::analyze::incivility::Scorer;
use threadwatch::analyze::matcher::Lexicon;
use threadwatch::analyze::model::Model;
use threadwatch::analyze::people::{people, Rules};
use threadwatch::input::read_thread;

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
    let analyses = analyze_threads(&threads, scorer);
    let comments: usize = threads.iter().map(|t| t.tree.len()).sum();
    if skip {
        println!("comments={comments} (people() skipped)");
        return;
    }
    let facts = facts_of(&threads, &analyses);
    drop(analyses);
    let start = Instant::now();
    let p = match people(&facts, Rules::default()) {
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
