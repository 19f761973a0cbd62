use super::{neutral, Voice};
use crate::analyze::rule_words::RuleWords;
use crate::analyze::words::Words;

fn voices(text: &str) -> Vec<(String, Voice)> {
    {
        let w = Words::of(text);
        neutral(text, &w, &RuleWords::builtin().marks(&w))
    }
    .into_iter()
    .map(|n| (text[n.range].to_owned(), n.voice))
    .collect()
}

#[test]
fn quote_lines_and_quotation_marks() {
    let v = voices("> You are an idiot\nThat is not helpful.");
    assert_eq!(v, [("> You are an idiot".to_owned(), Voice::Quoted)]);
    let v = voices("Saying \"go back home\" is disgusting, don't say 'so-called experts'.");
    assert!(
        v.contains(&("\"go back home\"".to_owned(), Voice::Quoted)),
        "{v:?}"
    );
    assert!(
        v.contains(&("'so-called experts'".to_owned(), Voice::Quoted)),
        "{v:?}"
    );
    // A lone scare-quoted word is the writer's own; after "called" it is cited.
    assert!(voices("These \"experts\" again.").is_empty());
    assert_eq!(
        voices("Being called a \"liar\" hurts."),
        [("\"liar\"".to_owned(), Voice::Quoted)]
    );
    // Apostrophes open nothing.
    assert!(voices("Don't touch the cops' cars, it's late.").is_empty());
}

#[test]
fn reported_speech_and_reproach_but_not_own_naming() {
    let v = voices("He called me an idiot at the meeting.");
    assert_eq!(
        v[0],
        ("me an idiot at the meeting".to_owned(), Voice::Reported)
    );
    let v = voices("You shouldn't call them thugs; they are kids.");
    assert_eq!(v[0], ("them thugs".to_owned(), Voice::Reported));
    let v = voices("She called my son a moron, which is why we left.");
    assert_eq!(v[0], ("my son a moron".to_owned(), Voice::Reported));
    assert!(voices("I call you an idiot because you are one.").is_empty());
    assert!(voices("He is right to call you a liar.").is_empty());
}

#[test]
fn self_talk() {
    let v = voices("I'm so stupid, I forgot my keys.");
    assert_eq!(v, [("so stupid".to_owned(), Voice::OwnSelf)]);
    let v = voices("What an idiot I am.");
    assert_eq!(v, [("What an idiot".to_owned(), Voice::OwnSelf)]);
    let v = voices("Call me a fool but I like it.");
    assert_eq!(v, [("a fool".to_owned(), Voice::OwnSelf)]);
    // Stops before the people the writer talks about.
    let v = voices("I am sick of you idiots.");
    assert_eq!(v, [("sick".to_owned(), Voice::OwnSelf)]);
    assert!(voices("I'm going to find you.").is_empty());
}

#[test]
fn may_quote_sees_every_mark_that_can_open() {
    use super::may_quote;
    for text in [
        "> quoted line",
        "he said \"no way\"",
        "\u{201c}curly\u{201d} here",
        "\u{2018}single curly\u{2019}",
        "'tis",
        "so 'clever' of you",
        "(‘x’)",
    ] {
        assert!(may_quote(text), "{text}");
    }
    for text in [
        "don't do it",
        "the cops' car",
        "it\u{2019}s fine",
        "plain text",
        "",
    ] {
        assert!(!may_quote(text), "{text}");
    }
}

#[test]
fn r14_judging_an_act_of_speech_is_about_the_words() {
    let v = voices("Saying \"go back where you came from\" is disgusting.");
    assert!(
        v.contains(&("disgusting".to_owned(), Voice::Reported)),
        "{v:?}"
    );
    let v = voices("Telling women to smile is creepy and rude.");
    assert!(v.contains(&("creepy".to_owned(), Voice::Reported)), "{v:?}");
    // The copula inside the quotation is not the judgement.
    let v = voices("Saying \"he is a liar\" was stupid.");
    assert!(v.contains(&("stupid".to_owned(), Voice::Reported)), "{v:?}");
    // Not at the start of the sentence: the writer's own.
    let v = voices("You keep saying that and it is stupid.");
    assert!(!v.iter().any(|(t, _)| t.contains("stupid")), "{v:?}");
}
