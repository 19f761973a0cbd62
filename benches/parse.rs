//! Parse and tree-building throughput on one generated ~4 MB page, and
//! `analyze`'s path through a page: the owned parse (chunked line index,
//! bodies written in place) with the SHA-256 computed beside it.
//!
//! The page comes from `threadwatch::generate` (seeded, so every run
//! measures the same bytes) rather than from `data/samples/`, which is too
//! small to time and must stay hand written.  Both benchmarks report bytes
//! of page text per second, so the two stages can be compared directly.
//!
//! Run: `cargo bench --bench parse -- --warm-up-time 1 --measurement-time 5`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use threadwatch::generate::{page, GenOptions};
use threadwatch::input::{hash_and_parse_thread_owned, parse_thread_owned, sha256_hex};
use threadwatch::parse::{parse_owned, parse_str};
use threadwatch::Thread;

/// Size of the benchmark page.
const PAGE_BYTES: usize = 4 * 1024 * 1024;

fn parse(c: &mut Criterion) {
    let text = page(&GenOptions {
        target_bytes: PAGE_BYTES,
        ..GenOptions::default()
    });
    let parsed = parse_str("bench.txt", &text).expect("the generated page parses");

    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("parse_str", |b| {
        b.iter(|| parse_str(black_box("bench.txt"), black_box(&text)))
    });
    // What `analyze` does with an input's bytes (issue 6): `parse_owned`
    // consumes them, so each iteration gets a fresh copy.
    group.bench_function("parse_owned", |b| {
        b.iter_batched(
            || text.as_bytes().to_vec(),
            |bytes| parse_owned(black_box("bench.txt"), bytes),
            BatchSize::LargeInput,
        )
    });
    group.bench_function("sha256_then_parse_thread_owned", |b| {
        b.iter_batched(
            || text.as_bytes().to_vec(),
            |bytes| (sha256_hex(&bytes), parse_thread_owned("bench.txt", bytes)),
            BatchSize::LargeInput,
        )
    });
    group.bench_function("hash_and_parse_thread_owned", |b| {
        b.iter_batched(
            || text.as_bytes().to_vec(),
            |bytes| hash_and_parse_thread_owned(black_box("bench.txt"), bytes),
            BatchSize::LargeInput,
        )
    });
    // `from_page` consumes the page, so each iteration gets a fresh clone,
    // made outside the timed part.
    group.bench_function("thread_from_page", |b| {
        b.iter_batched(
            || parsed.clone(),
            |p| Thread::from_page(black_box("bench.txt"), black_box(p)),
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
