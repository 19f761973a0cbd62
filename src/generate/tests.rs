use super::*;
use crate::parse::{parse_str, Page};

fn parsed(text: &str) -> Page {
    parse_str("generated.txt", text).expect("a generated page parses")
}

fn opts(seed: u64, target_bytes: usize, max_depth: usize) -> GenOptions {
    GenOptions {
        seed,
        target_bytes,
        max_depth,
        authors: 60,
    }
}

#[test]
fn same_seed_same_bytes() {
    let o = opts(7, 50_000, 6);
    assert_eq!(page(&o), page(&o));
    assert_eq!(page(&GenOptions::default()), page(&GenOptions::default()));
}

#[test]
fn different_seeds_differ() {
    assert_ne!(page(&opts(1, 20_000, 6)), page(&opts(2, 20_000, 6)));
}

#[test]
fn big_page_has_the_promised_shape() {
    let o = opts(11, 400_000, 6);
    let text = page(&o);
    let p = parsed(&text);
    let n = p.comments.len();
    assert!(n > 0);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);

    let max = p.comments.iter().map(|c| c.depth).max().unwrap();
    assert_eq!(max, 6, "reaches max_depth, never passes it");

    let anonymous = p.comments.iter().filter(|c| c.author.is_none()).count();
    let share = anonymous * 100 / n;
    assert!((8..=25).contains(&share), "{anonymous} of {n} anonymous");
    assert!(p
        .comments
        .iter()
        .filter(|c| c.author.is_none())
        .all(|c| !c.body.contains('\n')));

    let multi = p
        .comments
        .iter()
        .filter(|c| c.body.contains("\n\n"))
        .count();
    assert!(
        multi * 10 > n,
        "only {multi} of {n} have several paragraphs"
    );
    assert!(p
        .comments
        .iter()
        .any(|c| { c.body.split("\n\n").any(|para| para.lines().count() > 1) }));

    let mut lengths = p.comments.iter().map(|c| c.body.len()).collect::<Vec<_>>();
    lengths.sort_unstable();
    let under_400 = lengths.iter().filter(|&&l| l < 400).count();
    assert!(under_400 * 10 >= n * 7, "most comments are short");
    assert!(lengths[n - 1] > 2_000, "a long tail");
}

#[test]
fn authors_follow_a_popularity_curve() {
    let text = page(&opts(3, 400_000, 6));
    let p = parsed(&text);
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    for c in &p.comments {
        if let Some(a) = c.author.as_deref() {
            *counts.entry(a).or_default() += 1;
        }
    }
    let mut by_count = counts.values().copied().collect::<Vec<_>>();
    by_count.sort_unstable_by(|a, b| b.cmp(a));
    let total: usize = by_count.iter().sum();
    // With 60 authors and weights 1/k the first holds about 21%.
    assert!(by_count[0] * 100 > total * 12, "{by_count:?}");
    assert!(
        by_count[0] > 5 * by_count[by_count.len() / 2],
        "{by_count:?}"
    );
}

#[test]
fn size_lands_within_ten_percent_above_target() {
    for seed in 0..40 {
        for target in [8_000, 30_000, 250_000] {
            let text = page(&opts(seed, target, 8));
            assert!(
                text.len() >= target,
                "seed {seed}: {} < {target}",
                text.len()
            );
            assert!(
                text.len() <= target + target / 10,
                "seed {seed}: {} > {target} + 10%",
                text.len()
            );
        }
    }
}

#[test]
fn headline_is_the_first_line() {
    let text = page(&GenOptions::default());
    let p = parsed(&text);
    assert_eq!(p.title, text.lines().next().unwrap());
}

#[test]
fn depth_one_means_no_replies() {
    let p = parsed(&page(&opts(5, 30_000, 1)));
    assert!(!p.comments.is_empty());
    assert!(p
        .comments
        .iter()
        .all(|c| c.depth == 1 && c.parent.is_none()));
}

#[test]
fn degenerate_options_still_give_a_page() {
    let o = GenOptions {
        seed: 0,
        target_bytes: 0,
        max_depth: 0,
        authors: 0,
    };
    assert!(parsed(&page(&o)).comments.is_empty());
    let o = GenOptions {
        target_bytes: 10_000,
        ..o
    };
    let p = parsed(&page(&o));
    assert!(!p.comments.is_empty());
    assert!(p.comments.iter().all(|c| c.depth == 1));
}

#[test]
fn nested_page_is_one_chain() {
    let depth = 1_500;
    let p = parsed(&nested_page(depth));
    assert_eq!(p.comments.len(), depth);
    for (i, c) in p.comments.iter().enumerate() {
        assert_eq!(c.depth, i + 1);
        assert_eq!(c.parent, i.checked_sub(1));
        assert!(c.author.is_none());
    }
}

#[test]
fn nested_page_of_depth_zero_has_no_comments() {
    assert!(parsed(&nested_page(0)).comments.is_empty());
}

#[test]
fn nested_page_size_is_quadratic() {
    let len = nested_page(1_000).len();
    assert!((1_000_000..1_100_000).contains(&len), "{len}");
}
