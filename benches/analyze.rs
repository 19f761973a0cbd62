//! Scoring throughput in comments per second (issue 6): each stage of the
//! per-comment path alone (normaliser, word lists, learned layer), one
//! standalone text at a time on one core, and whole threads through the
//! run's analysis path (`pipeline::memory`) on a rayon pool of one and
//! two threads.
//!
//! The page is what `threadwatch gen` writes by default (news-like
//! lengths, an insult in 15% of comments, quotes of earlier comments), so
//! the numbers here and those of `benches/run.sh` describe the same text.
//!
//! Run: `cargo bench --bench analyze -- --warm-up-time 1 --measurement-time 5`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use threadwatch::analyze::incivility::{Scorer, UNCIVIL_THRESHOLD};
use threadwatch::analyze::matcher::Lexicon;
use threadwatch::analyze::model::Model;
use threadwatch::analyze::normalize::normalize;
use threadwatch::analyze::standalone::score_text;
use threadwatch::generate::{insults, page, GenOptions, Lengths};
use threadwatch::parse::parse_str;
use threadwatch::pipeline::memory::analyse_threads;
use threadwatch::Thread;

const PAGE_BYTES: usize = 2 * 1024 * 1024;

fn analyze(c: &mut Criterion) {
    let lexicon = Lexicon::builtin();
    let text = page(&GenOptions {
        target_bytes: PAGE_BYTES,
        insults: insults(&lexicon),
        uncivil_per_mille: 150,
        quote_per_mille: 60,
        lengths: Lengths::News,
        ..GenOptions::default()
    });
    let thread = Thread::from_page("bench.txt", parse_str("bench.txt", &text).expect("parses"));
    let bodies: Vec<String> = thread
        .tree
        .comments()
        .map(|(_, c)| c.body.to_string())
        .collect();
    let threads = vec![thread];
    let model = Model::builtin();
    let scorer = Scorer {
        lexicon: &lexicon,
        model,
    };

    let mut group = c.benchmark_group("analyze");
    group.throughput(Throughput::Elements(bodies.len() as u64));
    group.sample_size(10);
    group.bench_function("normalize", |b| {
        b.iter(|| {
            for body in &bodies {
                black_box(normalize(black_box(body)));
            }
        })
    });
    group.bench_function("lexicon_find", |b| {
        b.iter(|| {
            for body in &bodies {
                black_box(lexicon.find(black_box(body)));
            }
        })
    });
    group.bench_function("model_score_with_sentences", |b| {
        b.iter(|| {
            for body in &bodies {
                black_box(model.score_with_sentences(black_box(body)));
            }
        })
    });
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
        // The path `analyze` runs: scores, records and facts per thread.
        group.bench_function(format!("analyse_threads_jobs_{jobs}"), |b| {
            b.iter(|| {
                let threads = threads.clone();
                pool.install(|| black_box(analyse_threads(threads, scorer, UNCIVIL_THRESHOLD)))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, analyze);
criterion_main!(benches);
