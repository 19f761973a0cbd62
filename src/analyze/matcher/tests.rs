//! Unit tests for the matcher: the built-in lists load, disguised words
//! match, innocent words that contain insults do not, and evidence maps
//! back to the commenter's own spelling.

use std::sync::OnceLock;

use super::{Category, Lexicon, LexiconFile, Match, OverrideMode, Tag};
use crate::error::LexiconErrorKind;

fn builtin() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::builtin)
}

/// `(category, original slice)` of every match.
fn hits<'a>(lexicon: &Lexicon, text: &'a str) -> Vec<(&'static str, &'a str)> {
    lexicon
        .find(text)
        .into_iter()
        .map(|m| (m.category.as_str(), &text[m.range()]))
        .collect()
}

fn terms(text: &str) -> Vec<String> {
    builtin().find(text).into_iter().map(|m| m.term).collect()
}

fn small(lists: &[(Category, &str)]) -> Lexicon {
    Lexicon::from_texts(lists).unwrap()
}

#[test]
fn builtin_lists_load_and_are_not_trivial() {
    let lexicon = builtin();
    let total: usize = Category::listed().map(|c| lexicon.term_count(c)).sum();
    assert!(total > 800, "{total} terms");
    for c in Category::listed() {
        assert!(lexicon.term_count(c) >= 50, "{}", c.as_str());
    }
}

#[test]
fn lexicon_is_send_and_sync() {
    fn shared<T: Send + Sync>() {}
    shared::<Lexicon>();
}

#[test]
fn categories_round_trip_their_names() {
    for c in Category::listed() {
        assert_eq!(Category::from_name(c.as_str()), Some(c));
    }
    assert_eq!(Category::from_name("shouting"), None);
}

#[test]
fn evidence_is_the_original_spelling() {
    let text = "You are an IDIOT!!";
    let m = builtin().find(text);
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].category, Category::NAME_CALLING);
    assert_eq!(m[0].term, "idiot");
    assert_eq!(&text[m[0].range()], "IDIOT");
    assert!(!m[0].obfuscated);
}

#[test]
fn issue_3_examples_match_their_categories() {
    let cases = [
        ("you idiot", "name_calling", "idiot"),
        ("Hey, Einstein, read it", "name_calling", "Einstein"),
        ("Il Duce Trump again", "name_calling", "Il Duce"),
        ("those fringe idiots", "name_calling", "fringe idiots"),
        ("they call us Nazis", "name_calling", "Nazis"),
        (
            "under-educated and under-informed",
            "aspersion",
            "under-educated",
        ),
        (
            "so boring and predictable",
            "aspersion",
            "boring and predictable",
        ),
        ("an idiotic plan", "aspersion", "idiotic plan"),
        ("Liar.", "lying_accusation", "Liar"),
        ("you're lying", "lying_accusation", "you're lying"),
        (
            "blatant lies everywhere",
            "lying_accusation",
            "blatant lies",
        ),
        ("that is bullshit", "vulgarity", "bullshit"),
        ("what a turd", "vulgarity", "turd"),
        ("more drivel", "pejorative_speech", "drivel"),
        ("stop whining", "pejorative_speech", "whining"),
        ("another rant", "pejorative_speech", "rant"),
        ("Boohoo.", "mockery", "Boohoo"),
        ("Boohoohoo!", "mockery", "Boohoohoo"),
        ("Enjoy your day.", "mockery", "Enjoy your day"),
        ("I know where you live", "threat", "I know where you live"),
    ];
    for (text, category, slice) in cases {
        assert!(
            hits(builtin(), text).contains(&(category, slice)),
            "{text:?}: {:?}",
            hits(builtin(), text)
        );
    }
}

#[test]
fn seed_002_pesobill_words() {
    let text = "This is bull*hit. The turd in chief and his idiots.";
    let h = hits(builtin(), text);
    assert!(h.contains(&("vulgarity", "bull*hit")), "{h:?}");
    assert!(h.contains(&("vulgarity", "turd")), "{h:?}");
    assert!(h.contains(&("name_calling", "idiots")), "{h:?}");
}

#[test]
fn words_containing_insults_do_not_match() {
    for text in [
        "The assassin was caught in Scunthorpe.",
        "a follow-up class on cocktail history",
        "Dick Cheney and Dick Durbin spoke",
        "Albert Einstein's theory",
        "Moby Dick is a novel",
        "passion, embarrass, assume, bass, grass, Essex",
        "shiitake mushrooms and a cockpit",
        "He is as tall as me; it was a fun class",
        "coffee for all, the committee agreed",
        "a glass of scotch at the Cockburn hotel",
        "hello, therapist, analyst, pianist",
        "the 1st and 2nd of 1000 ($100) @user",
        "*its a secret* and **bold** text",
        "Brooklyn_Reader wrote",
        "snake_case identifiers",
    ] {
        assert_eq!(hits(builtin(), text), vec![], "{text:?}");
    }
}

#[test]
fn masked_words_are_filled_from_same_length_terms() {
    assert_eq!(terms("f**k this"), ["fuck"]);
    assert_eq!(terms("sh*t"), ["shit"]);
    assert_eq!(terms("you a**"), ["ass"]);
    assert_eq!(terms("a**hole"), ["asshole", "asshole"]);
    let m = builtin().find("total bull*hit");
    assert_eq!(m[0].term, "bullshit");
    assert!(m[0].obfuscated);
    // A mask that fits no term stays unmatched.
    assert_eq!(terms("x**q"), Vec::<String>::new());
}

#[test]
fn masked_word_completes_a_multiword_term() {
    let h = hits(builtin(), "F**k you!");
    assert!(h.contains(&("vulgarity", "F**k you")), "{h:?}");
}

#[test]
fn leet_stretched_and_spaced_forms_match() {
    for (text, slice) in [
        ("sh1t", "sh1t"),
        ("what a 1d10t", "1d10t"),
        ("$hit", "$hit"),
        ("fuuuuck", "fuuuuck"),
        ("stuuupid", "stuuupid"),
        ("you a s s", "a s s"),
        ("f u c k off", "f u c k off"),
        ("IDIOOOOOT", "IDIOOOOOT"),
        ("asssss", "asssss"),
        ("bulllllshit", "bulllllshit"),
        (
            "\u{ff29}\u{ff24}\u{ff29}\u{ff2f}\u{ff34}",
            "\u{ff29}\u{ff24}\u{ff29}\u{ff2f}\u{ff34}",
        ),
        ("i\u{308}diot", "i\u{308}diot"),
    ] {
        let m = builtin().find(text);
        let hit = m.iter().find(|m| &text[m.range()] == slice);
        assert!(hit.is_some(), "{text:?}: {m:?}");
        // Unicode folding is not an obfuscation rule; the others are.
        assert_eq!(hit.unwrap().obfuscated, text.is_ascii(), "{text:?}");
    }
}

#[test]
fn spaced_run_may_start_with_an_article() {
    let h = hits(builtin(), "you are a f u c k i n g joke");
    assert!(h.iter().any(|&(_, s)| s == "f u c k i n g"), "{h:?}");
}

#[test]
fn single_letter_form_needs_a_stretched_run() {
    let lexicon = small(&[(Category::VULGARITY, "ass\n")]);
    assert_eq!(hits(&lexicon, "as"), vec![]);
    assert_eq!(hits(&lexicon, "asssss"), vec![("vulgarity", "asssss")]);
    assert_eq!(hits(&lexicon, "ass"), vec![("vulgarity", "ass")]);
}

#[test]
fn plurals_match_under_the_listed_term() {
    let lexicon = small(&[(Category::NAME_CALLING, "idiot\nbully\nbitch\nass\n")]);
    let m = lexicon.find("idiots, bullies, bitches and asses");
    let t: Vec<_> = m.iter().map(|m| m.term.as_str()).collect();
    assert_eq!(t, ["idiot", "bully", "bitch", "ass"]);
}

#[test]
fn multiword_terms_match_across_line_breaks_and_hide_their_parts() {
    let lexicon = small(&[(Category::NAME_CALLING, "idiot\nfringe idiots | 0.9 group\n")]);
    let m = lexicon.find("Those fringe\n  idiots again.");
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].term, "fringe idiots");
    assert_eq!(m[0].weight, 0.9);
    assert!(m[0].tags.contains(Tag::Group));
    assert_eq!(m[0].start, 6);
}

#[test]
fn one_word_in_two_categories_gives_two_matches() {
    let m = builtin().find("you asshole");
    let cats: Vec<_> = m.iter().map(|m| m.category).collect();
    assert_eq!(cats, [Category::NAME_CALLING, Category::VULGARITY]);
}

#[test]
fn matches_are_sorted_by_start_then_category() {
    let m = builtin().find("Liar! you stupid idiot, shut up");
    let keys: Vec<_> = m.iter().map(|m| (m.start, m.category)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(m.len() >= 4, "{m:?}");
}

#[test]
fn name_tag_keeps_vocatives() {
    let h = hits(builtin(), "Hey Einstein, no. You dick.");
    assert!(h.contains(&("name_calling", "Einstein")), "{h:?}");
    assert!(h.contains(&("vulgarity", "dick")), "{h:?}");
}

#[test]
fn overrides_replace_or_extend_builtin_lists() {
    let replaced = Lexicon::with_overrides(&[LexiconFile {
        category: Category::NAME_CALLING,
        mode: OverrideMode::Replace,
        path: "dir/name_calling.txt",
        text: "wombat\n",
    }])
    .unwrap();
    assert_eq!(replaced.term_count(Category::NAME_CALLING), 1);
    assert_eq!(
        hits(&replaced, "you idiot wombat"),
        vec![("name_calling", "wombat")]
    );

    let extended = Lexicon::with_overrides(&[LexiconFile {
        category: Category::NAME_CALLING,
        mode: OverrideMode::Extend,
        path: "dir/name_calling.add.txt",
        text: "wombat | 0.5\nidiot | 0\n",
    }])
    .unwrap();
    assert_eq!(
        extended.term_count(Category::NAME_CALLING),
        builtin().term_count(Category::NAME_CALLING)
    );
    let m = extended.find("you idiot wombat");
    assert_eq!(m.len(), 1);
    assert_eq!((m[0].term.as_str(), m[0].weight), ("wombat", 0.5));
}

#[test]
fn file_names_give_category_and_mode() {
    let f = LexiconFile::from_file_name("vulgarity.add.txt", "d/vulgarity.add.txt", "").unwrap();
    assert_eq!(
        (f.category, f.mode),
        (Category::VULGARITY, OverrideMode::Extend)
    );
    let f = LexiconFile::from_file_name("threat.txt", "p", "").unwrap();
    assert_eq!(
        (f.category, f.mode),
        (Category::THREAT, OverrideMode::Replace)
    );
    assert!(LexiconFile::from_file_name("shouting.txt", "p", "").is_none());
    assert!(LexiconFile::from_file_name("threat.csv", "p", "").is_none());
}

#[test]
fn version_hash_is_stable_and_content_sensitive() {
    let a = small(&[(Category::THREAT, "kill you\n")]);
    let b = small(&[(Category::THREAT, "# comment\nkill   you\n")]);
    let c = small(&[(Category::THREAT, "kill you | 0.5\n")]);
    assert_eq!(a.version_hash(), b.version_hash());
    assert_ne!(a.version_hash(), c.version_hash());
    assert_eq!(a.version_hash().len(), 16);
    assert_eq!(builtin().version_hash(), Lexicon::builtin().version_hash());
}

#[test]
fn duplicate_and_invalid_terms_are_errors_with_positions() {
    let e = Lexicon::from_texts(&[(Category::THREAT, "kill you\n# x\nKill  You\n")]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "threat.txt:3:1: expected each term once, found 'Kill You' again (first listed at \
         line 1); remove one of the two entries"
    );
    let e = Lexicon::from_texts(&[(Category::VULGARITY, "ok\n  f*ck\n")]).unwrap_err();
    assert_eq!((e.line, e.column), (2, 3));
    assert!(matches!(e.kind, LexiconErrorKind::Term { .. }));
    assert_eq!(e.source_line, "  f*ck");
}

#[test]
fn empty_text_and_empty_lexicon() {
    assert!(builtin().find("").is_empty());
    let empty = Lexicon::from_texts(&[]).unwrap();
    assert!(empty.find("idiot").is_empty());
}

#[test]
fn find_never_panics_on_odd_text() {
    for text in [
        "\u{0}\u{feff}**__##@@$$!!",
        "a*",
        "*",
        "a s s s s s s s s",
        "\u{915}\u{93f} \u{1F600}\u{200d}\u{1F600} f\u{336}u\u{336}c\u{336}k",
        "İstanbul ß ẞ ς",
    ] {
        let _: Vec<Match> = builtin().find(text);
    }
}
