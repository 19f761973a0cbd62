//! The per-user stage alone: `people()` over the facts of a generated run
//! of 100 pages (about 50,000 comments by 2,000 authors), so users, pairs,
//! taunts and thread figures are timed without parsing or scoring.
//!
//! Run: `cargo bench --bench people -- --warm-up-time 1 --measurement-time 5`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rayon::prelude::*;
use threadwatch::analyze::comments::analyze_threads;
use threadwatch::analyze::facts::{thread_facts, ThreadFacts};
use threadwatch::analyze::incivility::Scorer;
use threadwatch::analyze::matcher::Lexicon;
use threadwatch::analyze::model::Model;
use threadwatch::analyze::people::{people, Rules};
use threadwatch::generate::{page, GenOptions};
use threadwatch::parse::parse_str;
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
            let analyses = analyze_threads(std::slice::from_ref(&thread), scorer);
            thread_facts(&thread, &analyses[0])
        })
        .collect();
    let comments: usize = facts.iter().map(|t| t.comments.len()).sum();

    let mut group = c.benchmark_group("people");
    group.throughput(Throughput::Elements(comments as u64));
    group.sample_size(10);
    group.bench_function("people_100_pages", |b| {
        b.iter(|| black_box(people(black_box(&facts), Rules::default())))
    });
    group.finish();
}

criterion_group!(benches, per_user_stage);
criterion_main!(benches);
