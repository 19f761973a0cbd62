use super::animals;
use crate::analyze::rule_words::RuleWords;
use crate::analyze::words::Words;

fn found(text: &str) -> Vec<&str> {
    let w = Words::of(text);
    animals(&w, &RuleWords::builtin().marks(&w))
        .into_iter()
        .map(|r| &text[r])
        .collect()
}

#[test]
fn animals_as_subject_are_literal() {
    assert_eq!(
        found("Rats are vermin and the city should trap them."),
        ["Rats are vermin"]
    );
    assert_eq!(
        found("These pigeons are pests, honestly."),
        ["These pigeons are pests"]
    );
}

#[test]
fn people_called_animals_are_not() {
    assert!(found("Immigrants are rats.").is_empty());
    assert!(found("You rats are vermin.").is_empty());
    assert!(found("I think rats are smart.").is_empty());
    assert!(found("Rats like you deserve nothing.").is_empty());
}
