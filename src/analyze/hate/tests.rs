use super::attacks;
use crate::analyze::rule_words::RuleWords;
use crate::analyze::words::Words;

fn attacked(text: &str) -> bool {
    let w = Words::of(text);
    !attacks(&w, &RuleWords::builtin().marks(&w), &[]).is_empty()
}

#[test]
fn hate_dehumanisation_attributes_and_exclusion() {
    for t in [
        "I hate immigrants.",
        "I can't stand gay people.",
        "Refugees are vermin.",
        "Jews are a plague.",
        "Black people are all criminals.",
        "Why are Mexicans so lazy?",
        "Muslims are not welcome here.",
        "We met some refugees. They are disgusting.",
    ] {
        assert!(attacked(t), "{t}");
    }
}

#[test]
fn neutral_and_negated_statements_are_not_attacks() {
    for t in [
        "Immigrants are welcome here.",
        "Immigrants are not criminals.",
        "Rats are vermin.",
        "Black people are underpaid.",
        "Refugees are people like us.",
        "I hate Mondays.",
    ] {
        assert!(!attacked(t), "{t}");
    }
}
