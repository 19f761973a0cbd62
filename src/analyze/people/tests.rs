use super::{people, ratio, Rules};
use crate::analyze::comments::analyze_threads;
use crate::analyze::facts::facts_of;
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
    let analyses = analyze_threads(&threads, scorer);
    people(&facts_of(&threads, &analyses), Rules::default())
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
    assert_eq!(p.refs.len(), 7);
    assert_eq!((p.refs[6].thread, p.refs[6].position), (1, 0));
    assert_eq!(ratio(1, 4), 0.25);
}

/// Own texts served from outside the facts, as the spill file serves them.
struct Texts(Vec<String>);

impl super::OwnTexts for Texts {
    fn own_text(&self, i: usize) -> std::borrow::Cow<'_, str> {
        std::borrow::Cow::Borrowed(&self.0[i])
    }
}

#[test]
fn r6_people_with_texts_outside_the_facts_counts_the_same() {
    use crate::generate::{insults, page, GenOptions};
    let lexicon = Lexicon::builtin();
    let scorer = Scorer {
        lexicon: &lexicon,
        model: Model::builtin(),
    };
    // Few authors over many pages: phrases repeat within authors (taunts)
    // and across many of them (idioms).
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
    let analyses = analyze_threads(&threads, scorer);
    let mut facts = facts_of(&threads, &analyses);
    let want = people(&facts, Rules::default());
    assert!(!want.taunts.is_empty(), "the fixture must have taunts");
    // Take every named comment's own text out of the facts, in run order.
    let mut texts = Vec::new();
    for t in &mut facts {
        for i in 0..t.comments.len() {
            if t.name(t.comments[i].author).is_some() {
                texts.push(std::mem::take(&mut t.comments[i].own_text).to_string());
            }
        }
    }
    let got = super::people_with_texts(&facts, Rules::default(), Some(&Texts(texts)));
    assert_eq!(got.taunts, want.taunts);
    assert_eq!(got.users, want.users);
    assert_eq!(got.pairs, want.pairs);
}
