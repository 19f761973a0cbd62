use super::{RuleWords, WordList, BUILTIN_ALLOW};
use crate::analyze::words::Words;

#[test]
fn builtin_lists_parse() {
    let r = RuleWords::builtin();
    assert!(r.len() > 150, "{}", r.len());
    let w = Words::of("I hate immigrants; they are vermin, not smart, kill them, lazy.");
    let m = r.marks(&w);
    for l in [
        &m.groups,
        &m.dehumanising,
        &m.negative,
        &m.positive,
        &m.violent,
    ] {
        assert!(!l.is_empty());
    }
    assert!(!WordList::parse("allow.txt", BUILTIN_ALLOW)
        .unwrap()
        .is_empty());
}

#[test]
fn capitalised_entries_match_only_names() {
    let l = WordList::parse("allow.txt", "Butts\nassassin's creed\n").unwrap();
    let text = "Butts voted; butts out. I play Assassin's Creed.";
    let w = Words::of(text);
    let got: Vec<&str> = l.ranges(&w).into_iter().map(|r| &text[r]).collect();
    assert_eq!(got, ["Butts", "Assassin's Creed"]);
}

#[test]
fn groups_take_a_people_noun_after_an_adjective() {
    let r = RuleWords::builtin();
    let w = Words::of("gay people and immigrants and gay marriage");
    let m = r.marks(&w);
    assert_eq!(m.group_at(&w, 0), Some(2));
    assert_eq!(m.group_at(&w, 3), Some(4));
    assert_eq!(m.group_at(&w, 5), None);
}

#[test]
fn trigger_words_are_single_folded_words() {
    // A trigger matches a word of the folded text; one that `Words` would
    // split or fold differently would never fire, and its rule would
    // silently stop.
    for lists in super::TRIGGERS {
        for w in lists.iter().copied().flatten() {
            let ws = Words::of(w);
            assert_eq!((ws.len(), ws.lower(0)), (1, *w), "{w}");
        }
    }
}

#[test]
fn triggers_mark_their_words_only() {
    use super::Trigger;
    let r = RuleWords::builtin();
    let w = Words::of("He called me a genius; I'm sure they must die, killer.");
    let m = r.marks(&w);
    assert!(m.is(1, Trigger::REPORTING));
    assert!(!m.is(0, Trigger::REPORTING));
    assert!(m.is(4, Trigger::IRONY));
    assert!(m.is(5, Trigger::SELF_TALK));
    assert!(m.is(8, Trigger::IRONY), "must");
    assert!(m.is(9, Trigger::DIE));
    assert!(m.is(10, Trigger::KILLER));
    assert!(m.any(Trigger::DIE) && !m.any(Trigger::BEFORE_A));
    let none = Words::of("Nothing here starts a frame.");
    assert!(!r.marks(&none).any(Trigger::SELF_TALK));
}
