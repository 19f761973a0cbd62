//! Scoring throughput: comments per second for one standalone text at a
//! time (one core) and for whole threads on a rayon pool of one and two
//! threads, over one generated ~2 MB page.
//!
//! Run: `cargo bench --bench analyze -- --warm-up-time 1 --measurement-time 5`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use threadwatch::analyze::comments::analyze_threads;
use threadwatch::analyze::incivility::Scorer;
use threadwatch::analyze::matcher::Lexicon;
use threadwatch::analyze::model::Model;
use threadwatch::analyze::standalone::score_text;
use threadwatch::generate::{page, GenOptions};
use threadwatch::parse::parse_str;
use threadwatch::Thread;

const PAGE_BYTES: usize = 2 * 1024 * 1024;

fn analyze(c: &mut Criterion) {
    let text = page(&GenOptions {
        target_bytes: PAGE_BYTES,
        ..GenOptions::default()
    });
    let thread = Thread::from_page("bench.txt", parse_str("bench.txt", &text).expect("parses"));
    let bodies: Vec<String> = thread
        .tree
        .comments()
        .map(|(_, c)| c.body.clone())
        .collect();
    let threads = vec![thread];
    let lexicon = Lexicon::builtin();
    let scorer = Scorer {
        lexicon: &lexicon,
        model: Model::builtin(),
    };

    let mut group = c.benchmark_group("analyze");
    group.throughput(Throughput::Elements(bodies.len() as u64));
    group.sample_size(10);
    group.bench_function("score_text_one_core", |b| {
        b.iter(|| {
            for body in &bodies {
                black_box(score_text(scorer, black_box(body)));
            }
        })
    });
    for jobs in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build()
            .expect("pool");
        group.bench_function(format!("analyze_threads_jobs_{jobs}"), |b| {
            b.iter(|| pool.install(|| black_box(analyze_threads(black_box(&threads), scorer))))
        });
    }
    group.finish();
}

criterion_group!(benches, analyze);
criterion_main!(benches);
