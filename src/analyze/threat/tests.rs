use super::{hyperbole, threats, Victim};
use crate::analyze::rule_words::RuleWords;
use crate::analyze::words::Words;

fn victims(text: &str) -> Vec<Victim> {
    let w = Words::of(text);
    threats(&w, &RuleWords::builtin().marks(&w))
        .into_iter()
        .map(|t| t.victim)
        .collect()
}

#[test]
fn intent_and_a_person_make_a_threat() {
    assert_eq!(victims("I will hurt you."), [Victim::You]);
    assert_eq!(victims("Someone should shoot him."), [Victim::Person]);
    assert_eq!(victims("The mayor should be hanged."), [Victim::Office]);
    assert_eq!(victims("Refugees should be shot."), [Victim::Group]);
    assert_eq!(victims("They all deserve to die."), [Victim::Group]);
    assert_eq!(
        victims("Keep talking and I'll break your jaw."),
        [Victim::You]
    );
    assert_eq!(victims("Let's burn their houses down."), [Victim::Group]);
}

#[test]
fn things_reports_and_stories_are_not_threats() {
    for t in [
        "Kill the bill.",
        "I could murder a pizza.",
        "The suspect threatened to shoot a clerk.",
        "The hero shoots the villain in the end.",
        "We should shoot for a compromise.",
        "The bill deserves to die in committee.",
    ] {
        assert!(victims(t).is_empty(), "{t}");
    }
}

#[test]
fn violence_to_things_is_hyperbole() {
    let r = RuleWords::builtin();
    let text = "Kill the bill. The bill deserves to die.";
    let w = Words::of(text);
    let phrase = text.find("deserves").unwrap()..text.find(" to die").unwrap() + 7;
    let got: Vec<&str> = hyperbole(&w, &r.marks(&w), &[phrase])
        .into_iter()
        .map(|x| &text[x])
        .collect();
    assert_eq!(got, ["Kill", "deserves to die"]);
}
