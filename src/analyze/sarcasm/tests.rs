use super::ironic_praise;
use crate::analyze::rule_words::RuleWords;
use crate::analyze::words::Words;

fn found(text: &str) -> Vec<&str> {
    {
        let w = Words::of(text);
        ironic_praise(&w, &RuleWords::builtin().marks(&w))
    }
    .into_iter()
    .map(|r| &text[r])
    .collect()
}

#[test]
fn ironic_praise_by_its_frame() {
    assert_eq!(found("Nice job, Einstein."), ["job, Einstein"]);
    assert_eq!(found("Wow, what a genius."), ["what a genius"]);
    assert_eq!(found("Must be nice to be you."), ["Must be nice to"]);
    assert!(found("She is a genius at fixing bikes.").is_empty());
    assert!(found("It must be nice to have a bus on Sundays.").is_empty());
    assert!(found("Nice job on the research.").is_empty());
}
