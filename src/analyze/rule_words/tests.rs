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
