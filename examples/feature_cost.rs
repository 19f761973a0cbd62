//! What each feature family of the learned layer costs (issue 6): scoring
//! throughput of the shipped model next to throwaway models trained for a
//! moment with other feature settings (their weights are meaningless; only
//! their cost is measured), plus the word-list matcher and normaliser, on
//! one core over a generated page.  Best of seven runs each.
//!
//! Run: `cargo run --release --example feature_cost`

use std::time::Instant;
use threadwatch::analyze::matcher::Lexicon;
use threadwatch::analyze::model::{FeatureConfig, Model};
use threadwatch::generate::{insults, page, GenOptions, Lengths};
use threadwatch::parse::parse_str;
use threadwatch::train::{train, TrainExample, TrainOptions};

/// Seconds of the fastest of seven runs of `f`.
fn best<F: FnMut()>(mut f: F) -> f64 {
    (0..7)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::MAX, f64::min)
}

fn main() {
    let lexicon = Lexicon::builtin();
    let text = page(&GenOptions {
        target_bytes: 2_000_000,
        insults: insults(&lexicon),
        uncivil_per_mille: 150,
        quote_per_mille: 60,
        lengths: Lengths::News,
        ..GenOptions::default()
    });
    let p = parse_str("x", &text).unwrap();
    let bodies: Vec<String> = p.comments.iter().map(|c| c.body.clone()).collect();
    let n = bodies.len() as f64;
    let ex: Vec<TrainExample> = bodies
        .iter()
        .take(2000)
        .enumerate()
        .map(|(i, b)| TrainExample {
            text: b,
            label: i % 5 == 0,
            weight: 1.0,
            group: 0,
        })
        .collect();
    let shipped = Model::builtin();
    let t = best(|| {
        for b in &bodies {
            std::hint::black_box(shipped.score_with_sentences(b));
        }
    });
    println!(
        "shipped model      {:>9.0} comments/s  {:.2} us/comment",
        n / t,
        t / n * 1e6
    );
    let t = best(|| {
        for b in &bodies {
            std::hint::black_box(shipped.score(b));
        }
    });
    println!(
        "shipped, whole only{:>9.0} comments/s  {:.2} us/comment",
        n / t,
        t / n * 1e6
    );
    let t = best(|| {
        for b in &bodies {
            std::hint::black_box(lexicon.find(b));
        }
    });
    println!(
        "lexicon find       {:>9.0} comments/s  {:.2} us/comment",
        n / t,
        t / n * 1e6
    );
    let t = best(|| {
        for b in &bodies {
            std::hint::black_box(threadwatch::analyze::normalize::normalize(b));
        }
    });
    println!(
        "normalize          {:>9.0} comments/s  {:.2} us/comment",
        n / t,
        t / n * 1e6
    );
    for (name, cmin, cmax, bi) in [
        ("char 2-5 + bigrams (shipped config)", 2, 5, true),
        ("char 2-5, no bigrams", 2, 5, false),
        ("char 3-5 + bigrams", 3, 5, true),
        ("char 3-4 + bigrams", 3, 4, true),
        ("char 4 + bigrams", 4, 4, true),
        ("char 1 only + bigrams (~words only)", 1, 1, true),
    ] {
        let cfg = FeatureConfig {
            char_min: cmin,
            char_max: cmax,
            word_bigrams: bi,
            ..FeatureConfig::default()
        };
        let m = train(
            &ex,
            1,
            &TrainOptions {
                config: cfg,
                epochs: 1,
                ..TrainOptions::default()
            },
        )
        .expect("these feature settings are supported");
        let t = best(|| {
            for b in &bodies {
                std::hint::black_box(m.score_with_sentences(b));
            }
        });
        println!(
            "{name:<36} {:>9.0} comments/s  {:.2} us/comment",
            n / t,
            t / n * 1e6
        );
    }
}
