use super::shouting;

fn spans(text: &str) -> Vec<&str> {
    shouting(text).into_iter().map(|r| &text[r]).collect()
}

#[test]
fn runs_and_long_words_shout() {
    assert_eq!(
        spans("It’s called the ELECTORAL COLLEGE….look it up"),
        ["ELECTORAL COLLEGE"]
    );
    assert_eq!(spans("Hillary lost, TRUMP won"), ["TRUMP"]);
    assert_eq!(spans("STOP THE LIES now"), ["STOP THE LIES"]);
}

#[test]
fn acronyms_do_not_shout() {
    assert!(
        spans("the USA and FYI, BTW: FMM visas, NAFTA talks, US citizens AND records").is_empty()
    );
    assert!(spans("I'm fine. OK? A B").is_empty());
}
