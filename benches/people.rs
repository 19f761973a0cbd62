//! The per-user stage alone: `PeopleBuilder` over the facts of a generated run
//! of 100 pages (about 50,000 comments by 2,000 authors), so users, pairs,
//! taunts and thread figures are timed without parsing or scoring.
//!
//! Run: `cargo bench --bench people -- --warm-up-time 1 --measurement-time 5`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rayon::prelude::*;
use threadwatch::analyze::facts::ThreadFacts;
use threadwatch::analyze::incivility::{Scorer, UNCIVIL_THRESHOLD};
use threadwatch::analyze::matcher::Lexicon;
use threadwatch::analyze::model::Model;
use threadwatch::analyze::people::buckets::BucketWriter;
use threadwatch::analyze::people::{People, PeopleBuilder, Rules};
use threadwatch::generate::{page, GenOptions};
use threadwatch::parse::parse_str;
use threadwatch::pipeline::analyse::analyse_thread;
use threadwatch::Thread;

const PAGES: u64 = 100;
const PAGE_BYTES: usize = 100 * 1024;

fn per_user_stage(c: &mut Criterion) {
    let lexicon = Lexicon::builtin();
    let scorer = Scorer {
        lexicon: &lexicon,
        model: Model::builtin(),
    };
    // Facts are built as `analyze` builds them: one page at a time.
    let facts: Vec<ThreadFacts> = (0..PAGES)
        .into_par_iter()
        .map(|i| {
            let text = page(&GenOptions {
                seed: 0x5EED + i,
                target_bytes: PAGE_BYTES,
                max_depth: 6,
                authors: 2_000,
                ..GenOptions::default()
            });
            let name = format!("page_{i:03}.txt");
            let thread = Thread::from_page(&name, parse_str(&name, &text).expect("parses"));
            analyse_thread(thread, scorer, UNCIVIL_THRESHOLD, |_| Ok(()))
                .expect("no sink to fail")
                .facts
        })
        .collect();
    let comments: usize = facts.iter().map(|t| t.comments.len()).sum();

    let mut group = c.benchmark_group("people");
    group.throughput(Throughput::Elements(comments as u64));
    group.sample_size(10);
    group.bench_function("people_100_pages", |b| {
        b.iter(|| black_box(people(black_box(&facts))))
    });
    group.finish();
}

/// The per-user figures of `facts`, counted as a run counts them (the
/// taunt finder's buckets in memory).
fn people(facts: &[ThreadFacts]) -> std::io::Result<People> {
    let mut b = PeopleBuilder::new(Rules::default(), BucketWriter::in_memory());
    for t in facts {
        b.add(t)?;
    }
    b.finish()
}

criterion_group!(benches, per_user_stage);
criterion_main!(benches);
