use super::*;
use crate::analyze::matcher::Lexicon;
use crate::analyze::rule_words::RuleWords;

fn read(text: &str) -> (Words, Marks, Vec<Match>) {
    let words = Words::of(text);
    let marks = RuleWords::builtin().marks(&words);
    let found = Lexicon::builtin().find(text);
    (words, marks, found)
}

#[test]
fn r25_reclaimed_only_in_the_first_person() {
    let (w, _, f) = read("I'm a proud dyke and I'm not going anywhere.");
    assert_eq!(reclaimed(&w, &f).len(), 1);
    let (w, _, f) = read("My dyke neighbour parked in my spot.");
    assert!(reclaimed(&w, &f).is_empty());
    let (w, _, f) = read("You are a dyke.");
    assert!(reclaimed(&w, &f).is_empty());
}

#[test]
fn r25_ordinary_sense_needs_its_context() {
    let (w, _, f) = read("The Dutch built a dyke along the river.");
    assert_eq!(senses(&w, &f).len(), 1);
    let (w, _, f) = read("What a dyke.");
    assert!(senses(&w, &f).is_empty());
}

#[test]
fn r25_counter_speech_reports_and_condemns() {
    let t = "Saying immigrants are rats is disgusting.";
    let (w, m, f) = read(t);
    assert_eq!(counter(t, &w, &m, &f).len(), 1);
    // The hate comes first: the writer's own.
    let t = "Immigrants are rats, I said it and it's no shame.";
    let (w, m, f) = read(t);
    assert!(counter(t, &w, &m, &f).is_empty());
    // An insult of its own, or "you", is no counter-speech.
    let t = "People who say that are idiots and bigots.";
    let (w, m, f) = read(t);
    assert!(counter(t, &w, &m, &f).is_empty());
}

#[test]
fn r25_counter_speech_after_a_determiner() {
    for t in [
        "The claim that Asians are wicked is bigotry.",
        "Calling Syrians subhuman has no place here.",
    ] {
        let (w, m, f) = read(t);
        assert_eq!(counter(t, &w, &m, &f).len(), 1, "{t}");
    }
}
