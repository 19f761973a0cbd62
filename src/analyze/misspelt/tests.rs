use super::{misspelt, one_slip};
use crate::analyze::rule_words::RuleWords;
use crate::analyze::words::Words;

#[test]
fn one_slip_is_a_drop_a_double_or_a_swap() {
    assert!(one_slip("idot", "idiot"));
    assert!(one_slip("mroon", "moron"));
    assert!(one_slip("idioot", "idiot"));
    assert!(!one_slip("lover", "loser"));
    assert!(!one_slip("diot", "idiot"));
    assert!(!one_slip("idiot", "idiot"));
}

#[test]
fn disguises_in_an_insults_slot() {
    let candidates = ["idiot".to_owned(), "moron".to_owned(), "stupid".to_owned()];
    let found = |text: &str| -> Vec<String> {
        {
            let w = Words::of(text);
            misspelt(text, &w, &RuleWords::builtin().marks(&w), &candidates)
        }
        .into_iter()
        .map(|m| format!("{}={}", &text[m.range], candidates[m.term]))
        .collect()
    };
    assert_eq!(found("you are such a mroon"), ["mroon=moron"]);
    assert_eq!(found("youidiot"), ["youidiot=idiot"]);
    assert_eq!(found("you st.u.p.i.d troll"), ["st.u.p.i.d=stupid"]);
    // Outside a slot, or a real word: nothing.
    assert!(found("the mroon rose").is_empty());
    assert!(found("a moon rose over the bay").is_empty());
}
