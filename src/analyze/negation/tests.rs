use super::{negated_at, negated_positives, Denied};
use crate::analyze::rule_words::RuleWords;
use crate::analyze::words::Words;

fn at(text: &str, word: &str) -> bool {
    let w = Words::of(text);
    let k = (0..w.len()).find(|&i| w.lower(i) == word).unwrap();
    negated_at(&w, k)
}

#[test]
fn negators_reach_within_the_clause() {
    assert!(at("You're not an idiot, just wrong.", "idiot"));
    assert!(at("I never said you were stupid.", "stupid"));
    assert!(at("Nobody here is a moron.", "moron"));
    assert!(!at("No, you are an idiot.", "idiot"));
    assert!(!at("Not only rude but an idiot.", "idiot"));
    assert!(!at("You are an idiot.", "idiot"));
}

#[test]
fn denied_qualities_of_you_or_a_group() {
    let r = RuleWords::builtin();
    let found = |t: &str| {
        let w = Words::of(t);
        negated_positives(&w, &r.marks(&w))
            .into_iter()
            .map(|(range, who)| (t[range].to_owned(), who))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        found("You are not smart."),
        [("smart".to_owned(), Denied::You)]
    );
    assert_eq!(
        found("You have no brain."),
        [("brain".to_owned(), Denied::You)]
    );
    assert_eq!(
        found("Immigrants are not capable of anything."),
        [("capable".to_owned(), Denied::Group)]
    );
    assert!(found("I'm not smart enough for chess.").is_empty());
    assert!(found("This is not smart policy.").is_empty());
    assert!(found("You are smart.").is_empty());
}
