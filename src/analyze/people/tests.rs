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
