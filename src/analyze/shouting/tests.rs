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

#[test]
fn r6_ascii_words_equal_the_general_path() {
    for text in [
        "STOP THE LIES now",
        "I'M DONE WITH THIS, OK? A1B2 C3 'QUOTED' x'Y",
        "mixed CASE wORDS and 123 456 ALL-CAPS-WITH-HYPHENS!",
        "",
        "A",
        "AB",
        "tail CAPS",
    ] {
        let general = {
            // The same text with one non-ASCII character at the end takes
            // the general path; the space keeps the words apart.
            let t = format!("{text} \u{e9}");
            super::caps_words(&t)
        };
        assert_eq!(super::caps_words(text), general, "{text:?}");
    }
}

#[test]
fn handles_and_hashtags_do_not_shout() {
    assert_eq!(
        spans("@USER HAVE YOU NOTICED #MAGA #DRAINTHESWAMP @NYTIMES"),
        ["HAVE YOU NOTICED"]
    );
    assert!(spans("@USER @USER URL #BREAKING").is_empty());
    // The general (non-ASCII) path agrees.
    assert_eq!(
        spans("@USER HAVE YOU NOTICED #MAGA é"),
        ["HAVE YOU NOTICED"]
    );
}
