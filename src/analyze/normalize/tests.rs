//! Unit tests for the normaliser: one group per rule of the module header,
//! and the byte map back to the original.

use super::{normalize, Rule};

fn norm(text: &str) -> String {
    normalize(text).as_str().to_owned()
}

/// The original slice behind the first occurrence of `needle` in the
/// normalised text.
fn source_of<'a>(text: &'a str, needle: &str) -> &'a str {
    let n = normalize(text);
    let at = n.as_str().find(needle).expect("needle in normalised text");
    &text[n.original_range(at..at + needle.len())]
}

#[test]
fn unicode_compatibility_forms_and_accents_fold() {
    assert_eq!(norm("\u{ff26}\u{ff35}\u{ff23}\u{ff2b}"), "fuck");
    assert_eq!(norm("\u{fb01}ne"), "fine");
    assert_eq!(norm("i\u{308}diot"), "idiot");
    assert_eq!(norm("\u{ef}diot caf\u{e9}"), "idiot cafe");
    // Zalgo: a stack of marks on each letter.
    assert_eq!(norm("i\u{336}\u{336}d\u{334}iot"), "idiot");
    // Other scripts keep their marks.
    assert_eq!(norm("\u{915}\u{93f}"), "\u{915}\u{93f}");
}

#[test]
fn case_folds() {
    assert_eq!(norm("IDIOT Stra\u{df}e \u{130}"), "idiot strasse i");
}

#[test]
fn typographic_punctuation_becomes_ascii() {
    assert_eq!(
        norm("you\u{2019}re \u{201c}x\u{201d} a\u{2014}b"),
        "you're \"x\" a b"
    );
    assert_eq!(norm("it\u{2018}s \u{2013} ok"), "it's - ok");
}

#[test]
fn white_space_runs_are_one_space_and_invisibles_go() {
    assert_eq!(norm("fringe \n\t idiots"), "fringe idiots");
    assert_eq!(norm("f\u{200b}uck soft\u{ad}ware"), "fuck software");
}

#[test]
fn hyphen_between_letters_is_a_space() {
    assert_eq!(
        norm("under-educated follow-up -x 5-4"),
        "under educated follow up -x 5 4"
    );
}

#[test]
fn spaced_letters_join() {
    assert_eq!(norm("you a s s"), "you ass");
    assert_eq!(norm("f u c k off"), "fuck off");
    assert_eq!(norm("s.h.i.t"), "shit");
    assert_eq!(norm("f-u-c-k"), "fuck");
    assert!(normalize("a s s").applied(Rule::Spaced, 0..3));
}

#[test]
fn two_single_letters_or_mixed_separators_do_not_join() {
    assert_eq!(norm("the U.S. and a I"), "the u.s. and a i");
    assert_eq!(norm("a, b, c"), "a, b, c");
    assert_eq!(norm("J. R. R. Tolkien"), "j. r. r. tolkien");
}

#[test]
fn leetspeak_in_words_with_letters() {
    assert_eq!(
        norm("sh1t 1d10t $hit sh!t l0s3r a55 h4t3"),
        "shit idiot shit shit loser ass hate"
    );
    // Digits then one or two letters read as a number with a suffix.
    assert_eq!(norm("4ss"), "4ss");
    assert_eq!(norm("@$$"), "ass");
    assert!(normalize("sh1t").applied(Rule::Leet, 0..4));
}

#[test]
fn numbers_money_mentions_and_ordinals_stay() {
    assert_eq!(
        norm("1000 $100 @user 1st 10am 1990s 3.5"),
        "1000 $100 @user 1st 10am 1990s 3.5"
    );
    assert!(!normalize("1000").obfuscated(0..4));
}

#[test]
fn exclamation_marks_end_words() {
    assert_eq!(norm("idiot!!! Yahoo!"), "idiot!!! yahoo!");
}

#[test]
fn stretched_letters_collapse_but_double_letters_stay() {
    assert_eq!(norm("fuuuuck stuuupid"), "fuck stupid");
    assert_eq!(norm("coffee all committee"), "coffee all committee");
    assert_eq!(norm("asssss"), "as");
    let n = normalize("soooo good");
    assert!(n.applied(Rule::Stretch, 0..2));
    assert!(!n.applied(Rule::Stretch, 3..7));
}

#[test]
fn masks_inside_words_become_stars() {
    assert_eq!(
        norm("bull*hit f**k sh#t sh_t a** f***"),
        "bull*hit f**k sh*t sh*t a** f***"
    );
    let n = normalize("f**k");
    assert!(n.applied(Rule::Mask, 0..4));
    assert_eq!(n.masked_words(), vec![0..4]);
}

#[test]
fn emphasis_hashtags_and_edges_are_not_masks() {
    assert_eq!(
        norm("*its* **bold** _it_ #maga c# wow*"),
        "*its* **bold** _it_ #maga c# wow*"
    );
    assert!(normalize("*its* **bold** #maga").masked_words().is_empty());
}

#[test]
fn evidence_maps_back_to_the_original_words() {
    assert_eq!(source_of("You are an IDIOT!!", "idiot"), "IDIOT");
    assert_eq!(source_of("what fuuuuck now", "fuck"), "fuuuuck");
    assert_eq!(source_of("you a s s!", "ass"), "a s s");
    assert_eq!(source_of("total bull*hit.", "bull*hit"), "bull*hit");
    assert_eq!(
        source_of("\u{ff29}\u{ff24}\u{ff29}\u{ff2f}\u{ff34} x", "idiot"),
        "\u{ff29}\u{ff24}\u{ff29}\u{ff2f}\u{ff34}"
    );
    assert_eq!(source_of("so i\u{308}diot", "idiot"), "i\u{308}diot");
    assert_eq!(source_of("Stra\u{df}e", "ss"), "\u{df}");
}

#[test]
fn empty_ranges_and_empty_text_do_not_panic() {
    let n = normalize("");
    assert_eq!(n.as_str(), "");
    assert_eq!(n.original_range(0..0), 0..0);
    let n = normalize("ab");
    assert_eq!(n.original_range(2..2), 2..2);
    assert!(!n.obfuscated(5..9));
}

/// Texts for the fast path: every rule's trigger in ASCII, and plain prose.
const ASCII_CASES: &[&str] = &[
    "",
    " ",
    "Plain words, nothing else.",
    "Two  spaces\tand\na line break\r\n and \x0b vertical tab",
    "under-educated and follow-up - a dash -- and x-y-z",
    "-leading and trailing-",
    "a s s and f.u.c.k and s-h-i-t",
    "a b and U.S. and I a",
    "x y z",
    "Am I a fool? I am.",
    "fuuuuck and stuuupid and coffee and all and Aaah",
    "sh1t 1d10t 1st 10am 1990s 4k $100 @user a@b.com",
    "bull*hit f**k sh#t a** *word* _word_",
    "wow!! hi! !hi sh!t h!!i hi!!x ! !",
    "2016! and 100% of 3 people",
    "`backtick` and 'quotes' and \"double\"",
    "END a",
    "a",
    "ab c",
    "c ab",
    "i d i o t",
];

/// The fast path, when it takes a text, gives what the general path gives.
fn assert_paths_agree(text: &str) {
    if let Some(fast) = super::plain_ascii(text) {
        assert_eq!(fast, super::general(text), "{text:?}");
    }
}

#[test]
fn plain_ascii_agrees_with_the_general_path() {
    let mut taken = 0;
    for text in ASCII_CASES {
        assert_paths_agree(text);
        taken += usize::from(super::plain_ascii(text).is_some());
    }
    // The fast path does take ordinary prose.
    assert!(taken >= 8, "{taken}");
    for sample in std::fs::read_dir("data/samples").expect("samples") {
        let text = std::fs::read_to_string(sample.expect("entry").path()).expect("sample");
        for line in text.lines() {
            assert_paths_agree(line);
        }
    }
}

proptest::proptest! {
    #[test]
    fn plain_ascii_agrees_on_random_text(text in "[a-cA-C0-9 .!\\-*@$_#\t\n`']{0,40}") {
        assert_paths_agree(&text);
    }
}

/// Normalising in pieces gives what one pass over the whole text gives.
fn assert_pieces_agree(text: &str, piece: usize) {
    let whole = super::one_piece(text);
    assert_eq!(
        super::normalize_in_pieces(text, piece),
        whole,
        "{text:?} in pieces of {piece}"
    );
}

#[test]
fn r27_pieces_agree_with_one_pass() {
    let mut cases: Vec<String> = ASCII_CASES.iter().map(|s| (*s).to_owned()).collect();
    cases.push("ab cd ef a s s ab-cd ab\u{200b}cd ab \u{301}cd ab\tcd IDIOOOT ab 1st".into());
    cases.push("naïve ab cd ﬁne ab İstanbul ab σς ab".into());
    for sample in std::fs::read_dir("data/samples").expect("samples") {
        cases.push(std::fs::read_to_string(sample.expect("entry").path()).expect("sample"));
    }
    for text in &cases {
        for piece in [1, 2, 3, 5, 16, 200] {
            assert_pieces_agree(text, piece);
        }
    }
}

proptest::proptest! {
    #[test]
    fn r27_pieces_agree_on_random_text(
        text in "[abAB19 .!\\-*@$_#\t\n'\u{e9}\u{301}\u{200b}\u{fb01}\u{3b1}\u{3c2}]{0,60}",
        piece in 1usize..12,
    ) {
        assert_pieces_agree(&text, piece);
    }
}

/// Issue 27: a 10 MB comment peaked at 600 MB, most of it the normaliser's
/// 16-byte spans per byte and two lists of 24-byte units per character.
/// The result now holds 10 bytes per byte of normalised text (8 of them
/// the span map) and the general path's units are 16 bytes, built one
/// piece at a time.
#[test]
fn r27_span_map_is_eight_bytes_a_byte() {
    // Non-ASCII, so the general path runs; about 300 KB.
    let text = "Café idiot, you é ﬁne MORON! ".repeat(10_000);
    let n = normalize(&text);
    let len = n.as_str().len();
    assert!(len > 200_000, "{len}");
    let span_bytes = n.spans.capacity() * std::mem::size_of_val(&n.spans[0]);
    assert!(
        span_bytes <= 8 * text.len(),
        "{span_bytes} for {}",
        text.len()
    );
    assert!(n.heap_bytes() <= 10 * text.len(), "{}", n.heap_bytes());
    assert!(std::mem::size_of::<super::Unit>() <= 16);
    // Pieces stay near their nominal size, so the units do too.
    let mut at = 0;
    while at < text.len() {
        let end = super::piece_end(&text, at + super::PIECE);
        assert!(end - at < super::PIECE + 64, "piece {at}..{end}");
        at = end;
    }
    // And the evidence still maps back to the original spelling.
    let s = n.as_str().rfind("moron").expect("moron");
    assert_eq!(&text[n.original_range(s..s + 5)], "MORON");
}
