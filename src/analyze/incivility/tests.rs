use super::{blank, evidence, Scorer, FLAG_COLUMNS, UNCIVIL_THRESHOLD};
use crate::analyze::matcher::Lexicon;
use crate::analyze::model::Model;
use crate::analyze::target::Context;

fn score(text: &str, masked: &[std::ops::Range<usize>]) -> super::TextScore {
    let lexicon = Lexicon::builtin();
    let ctx = Context::alone(Some("them"));
    Scorer {
        lexicon: &lexicon,
        model: Model::builtin(),
    }
    .score(text, masked, &ctx)
}

fn flag(s: &super::TextScore, name: &str) -> bool {
    s.flags[FLAG_COLUMNS.iter().position(|c| *c == name).unwrap()]
}

#[test]
fn insults_are_flagged_and_uncivil() {
    let s = score("You are an idiot and a liar.", &[]);
    assert!(flag(&s, "name_calling") && flag(&s, "lying_accusation"));
    assert!(s.uncivil && s.incivility >= UNCIVIL_THRESHOLD);
}

#[test]
fn civil_text_is_civil() {
    let s = score(
        "Thank you, that is the clearest explanation of the plan so far.",
        &[],
    );
    assert!(!s.uncivil, "{s:?}");
    assert!(s.flags.iter().all(|f| !f));
}

#[test]
fn quoted_words_are_not_the_authors() {
    let text = "“you are an idiot” is what he wrote, and I disagree politely.";
    let end = text.find(" is what").unwrap();
    let quote = 0..end;
    let s = score(text, std::slice::from_ref(&quote));
    assert!(!flag(&s, "name_calling"));
    assert!(s.flagged.iter().any(|f| f.quoted));
    let ev = evidence(text, &s, |_| None, Some("2"));
    assert!(ev.starts_with("quoted from 2: idiot"), "{ev}");
}

#[test]
fn anti_prefix_negates() {
    let s = score("I am very anti-Nazi and proud of it.", &[]);
    assert!(!flag(&s, "name_calling"), "{s:?}");
}

#[test]
fn evidence_lists_words_per_category() {
    let text = "Hey, Einstein, it is called the ELECTORAL COLLEGE.";
    let s = score(text, &[]);
    let ev = evidence(
        text,
        &s,
        |f| (f.flag.index() == 0).then(|| "gypsyken".to_owned()),
        None,
    );
    assert!(ev.contains("name_calling: Einstein -> gypsyken"), "{ev}");
    assert!(ev.contains("shouting: ELECTORAL COLLEGE"), "{ev}");
}

#[test]
fn blank_keeps_offsets() {
    let quote = 2..10;
    assert_eq!(
        blank("ab“cd”ef", std::slice::from_ref(&quote)),
        "ab        ef"
    );
}

#[test]
fn r6_negation_looks_at_the_last_characters_only() {
    let reference = |text: &str, start: usize| {
        let before = text[..start].to_lowercase();
        before.ends_with("anti-") || before.ends_with("anti ") || before.ends_with("non-")
    };
    for text in [
        "ANTI-idiot",
        "an anti idiot",
        "NON-idiot",
        "ΣΣanti-x",
        "İİİİİanti-x",
        "antİ-x",
        "a-x",
        "x",
        "é non-x",
        "Kelvin \u{212a}non-x",
    ] {
        for (start, _) in text.char_indices() {
            assert_eq!(
                super::negated(text, start),
                reference(text, start),
                "{text:?} {start}"
            );
        }
    }
}
