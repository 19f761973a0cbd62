use super::*;
use crate::analyze::incivility::{Scorer, UNCIVIL_THRESHOLD};
use crate::analyze::matcher::Lexicon;
use crate::analyze::model::Model;
use crate::analyze::people::PeopleBuilder;
use crate::generate::{insults, page, GenOptions, Lengths};
use crate::parse::parse_str;
use crate::pipeline::memory::analyse_threads;
use crate::stable::SplitMix64;
use crate::thread::Thread;

/// Facts of small generated threads with few authors (so taunts, pairs
/// and dogpiles occur), some with an author's name in other case.
fn facts() -> Vec<ThreadFacts> {
    let lexicon = Lexicon::builtin();
    let opts = |seed| GenOptions {
        seed,
        target_bytes: 6_000,
        max_depth: 4,
        authors: 12,
        insults: insults(&lexicon),
        uncivil_per_mille: 350,
        quote_per_mille: 60,
        lengths: Lengths::News,
    };
    let threads: Vec<Thread> = (0..14u64)
        .map(|i| {
            let mut text = page(&opts(i + 1));
            if i % 3 == 1 {
                // Another spelling of some names, met later in the run.
                text = text.replace("• A", "• a");
            }
            let name = format!("in/p{:02}.txt", i / 2);
            Thread::from_page(name, parse_str("p", &text).unwrap())
        })
        .collect();
    let scorer = Scorer {
        lexicon: &lexicon,
        model: Model::builtin(),
    };
    analyse_threads(threads, scorer, UNCIVIL_THRESHOLD)
        .into_iter()
        .map(|(_, done)| done.facts)
        .collect()
}

/// Two threads per input: part 0, index 0 and 1.
fn key(i: usize, t: &ThreadFacts) -> ThreadKey {
    ThreadKey {
        source: t.source.clone(),
        part: 0,
        index: (i % 2) as u32,
    }
}

fn same(a: &People, b: &People) {
    assert_eq!(a.users, b.users);
    assert_eq!(a.pairs, b.pairs);
    assert_eq!(a.taunts, b.taunts);
    assert_eq!(a.threads, b.threads);
    assert_eq!(a.cited, b.cited);
}

#[test]
fn any_split_and_merge_order_assembles_what_one_run_counts() {
    let facts = facts();
    let rules = Rules::default();
    let mut single = PeopleBuilder::new(rules, BucketWriter::in_memory());
    for t in &facts {
        single.add(t).unwrap();
    }
    let single = single.finish().unwrap();
    assert!(!single.taunts.is_empty(), "the corpus should hold taunts");
    assert!(single.pairs.values().any(|p| !p.comments.is_empty()));
    let mut rng = SplitMix64::new(19);
    for _ in 0..12 {
        // Threads dealt to 1-5 map tasks, each in any order.
        let tasks = 1 + rng.below(5) as usize;
        let mut builders: Vec<PartialBuilder> =
            (0..tasks).map(|_| PartialBuilder::new(rules)).collect();
        let mut order: Vec<usize> = (0..facts.len()).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i as u64 + 1) as usize);
        }
        for i in order {
            let b = rng.below(tasks as u64) as usize;
            builders[b].add(key(i, &facts[i]), &facts[i]);
        }
        // Merged pairwise in a random tree.
        let mut parts: Vec<Partials> = builders.into_iter().map(PartialBuilder::finish).collect();
        while parts.len() > 1 {
            let a = parts.swap_remove(rng.below(parts.len() as u64) as usize);
            let i = rng.below(parts.len() as u64) as usize;
            parts[i].merge(a);
        }
        let merged = assemble(parts.pop().unwrap(), rules, BucketWriter::in_memory()).unwrap();
        same(&merged, &single);
    }
}

#[test]
fn a_thread_given_twice_is_an_error_not_a_double_count() {
    let facts = facts();
    let mut a = PartialBuilder::new(Rules::default());
    a.add(key(0, &facts[0]), &facts[0]);
    let mut b = PartialBuilder::new(Rules::default());
    b.add(key(0, &facts[0]), &facts[0]);
    let mut p = a.finish();
    p.merge(b.finish());
    let e = assemble(p, Rules::default(), BucketWriter::in_memory()).unwrap_err();
    assert!(e.to_string().contains("given twice"), "{e}");
}

#[test]
fn thread_keys_order_as_a_run_orders_inputs() {
    let k = |s: &str, part, index| ThreadKey {
        source: s.into(),
        part,
        index,
    };
    // Paths compare by component, as `analyze` sorts its inputs: "a/b"
    // before "a-b" although '-' < '/' as bytes.
    assert!(k("a/b", 0, 0) < k("a-b", 0, 0));
    assert!(k("x", 0, 9) < k("x", 1, 0));
    assert!(k("x", 1, 0) < k("x", 1, 1));
}
