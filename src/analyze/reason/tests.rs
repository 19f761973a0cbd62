use super::readable;
use crate::analyze::rule_words::RuleWords;
use crate::analyze::words::Words;

#[test]
fn names_function_words_and_groups_are_no_reason() {
    let text = "Dick Cheney visited Scunthorpe. Muslims pray. Kill the bill, it's terrible.";
    let w = Words::of(text);
    let m = RuleWords::builtin().marks(&w);
    for word in [
        "Dick",
        "Cheney",
        "Scunthorpe",
        "the",
        "Muslims",
        "!",
        "[capitals]",
    ] {
        assert!(!readable(word, &w, &m), "{word}");
    }
    for word in ["terrible", "Kill"] {
        assert!(readable(word, &w, &m), "{word}");
    }
}
