use super::{ratio, Rules};
use crate::analyze::incivility::Scorer;
use crate::analyze::matcher::Lexicon;
use crate::analyze::model::Model;
use crate::parse::parse_str;
use crate::thread::Thread;

fn run(pages: &[&str]) -> super::People {
    let threads: Vec<Thread> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| Thread::from_page(format!("p{i}"), parse_str("p", p).unwrap()))
        .collect();
    let lexicon = Lexicon::builtin();
    let scorer = Scorer {
        lexicon: &lexicon,
        model: Model::builtin(),
    };
    crate::pipeline::memory::analyse_all(threads, scorer, Rules::default())
        .unwrap()
        .1
}

const DOGPILE: &str = "Ferry\n\n  • Ann\n\n    I like the new timetable.\n\n    \
    • Bob\n\n      You idiot, nobody asked you.\n\n    • Cal\n\n      Ann, you moron, be quiet.\n\n    \
    • Dee\n\n      What a stupid fool you are, Ann.\n\n    • Bob\n\n      You are still an idiot.\n\n  \
    • anonymous one-liner\n";

#[test]
fn dogpile_harassment_and_anonymous_comments() {
    let p = run(&[DOGPILE]);
    let t = &p.threads[0];
    assert_eq!(
        (t.comments, t.participants, t.anonymous_comments),
        (6, 4, 1)
    );
    assert_eq!(t.dogpiles, 1, "{p:?}");
    assert_eq!(t.top_offender.as_deref(), Some("Bob"));
    let bob = &p.users["Bob"];
    assert_eq!(
        (bob.comments, bob.uncivil_comments, bob.harassment),
        (2, 2, 1)
    );
    assert_eq!(bob.top_target(), Some("Ann"));
    let pair = &p.pairs[&("Bob".to_owned(), "Ann".to_owned())];
    assert_eq!(
        (pair.replies, pair.uncivil_replies, pair.aimed_uncivil),
        (2, 2, 2)
    );
    assert_eq!(p.users["Cal"].harassment, 0);
    // Anonymous comments are nobody: no user, no pair.
    assert_eq!(p.users.len(), 4);
    assert!(p.pairs.keys().all(|(a, b)| !a.is_empty() && !b.is_empty()));
    assert!(bob.risk() > p.users["Cal"].risk());
}

#[test]
fn figures_add_up_across_threads() {
    let other = "Bus\n\n  • Bob\n\n    The bus was late again.\n";
    let p = run(&[DOGPILE, other]);
    let bob = &p.users["Bob"];
    assert_eq!((bob.comments, bob.threads), (3, 2));
    assert_eq!(p.threads.len(), 2);
    assert_eq!(
        (p.threads[1].source.as_str(), p.threads[1].comments),
        ("p1", 1)
    );
    assert_eq!(ratio(1, 4), 0.25);
}

#[test]
fn a_pair_lists_each_comment_once_with_its_thread_and_id() {
    let p = run(&[DOGPILE]);
    let pair = &p.pairs[&("Bob".to_owned(), "Ann".to_owned())];
    // Bob's two replies to Ann are also aimed at her: listed once each.
    let ids: Vec<(u32, &str)> = pair.comments.iter().collect();
    assert_eq!(ids, vec![(0, "1.1"), (0, "1.4")], "{p:?}");
    assert_eq!(pair.comments.len(), 2);
}

#[test]
fn comment_lists_keep_order_and_odd_ids() {
    let mut l = super::CommentList::default();
    assert!(l.is_empty());
    l.push(7, "12.3.4");
    l.push(u32::MAX, "");
    l.push(0, "1");
    let got: Vec<(u32, &str)> = l.iter().collect();
    assert_eq!(got, vec![(7, "12.3.4"), (u32::MAX, ""), (0, "1")]);
}

#[test]
fn r6_people_bucketed_in_files_counts_the_same_as_in_memory() {
    use super::buckets::BucketWriter;
    use super::PeopleBuilder;
    use crate::generate::{insults, page, GenOptions};
    let lexicon = Lexicon::builtin();
    let scorer = Scorer {
        lexicon: &lexicon,
        model: Model::builtin(),
    };
    // Few authors over many pages: phrases repeat within authors (taunts)
    // and across many of them (idioms), so idioms must be counted across
    // buckets for the two runs to agree.
    let threads: Vec<Thread> = (0..12)
        .map(|i| {
            let text = page(&GenOptions {
                seed: 0x7A + i,
                target_bytes: 60_000,
                max_depth: 4,
                authors: 8,
                insults: insults(&lexicon),
                ..GenOptions::default()
            });
            Thread::from_page(format!("p{i}"), parse_str("p", &text).unwrap())
        })
        .collect();
    let facts: Vec<_> = crate::pipeline::memory::analyse_threads(threads, scorer, 0.5)
        .into_iter()
        .map(|(_, done)| done.facts)
        .collect();
    let mut b = PeopleBuilder::new(Rules::default(), BucketWriter::in_memory());
    for t in &facts {
        b.add(t).unwrap();
    }
    let want = b.finish().unwrap();
    assert!(!want.taunts.is_empty(), "the fixture must have taunts");
    assert!(!want.cited.is_empty());
    let dir = tempfile::tempdir().unwrap();
    for n in [2, 5] {
        let mut b = PeopleBuilder::new(
            Rules::default(),
            crate::pipeline::spill::Spill::in_dir(dir.path(), n)
                .unwrap()
                .into_buckets(),
        );
        for t in &facts {
            b.add(t).unwrap();
        }
        let got = b.finish().unwrap();
        assert_eq!(got.taunts, want.taunts, "{n} buckets");
        assert_eq!(got.users, want.users);
        assert_eq!(got.pairs, want.pairs);
        assert_eq!(got.threads, want.threads);
        assert_eq!(got.cited, want.cited);
    }
}
