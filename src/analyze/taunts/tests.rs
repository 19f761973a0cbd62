use super::{find_taunts, tokenize, CommentFacts};

fn with_epithet<'a>(mut f: CommentFacts<'a>, word: &str) -> CommentFacts<'a> {
    let start = f.own_text.find(word).unwrap();
    f.epithets
        .to_mut()
        .push((start..start + word.len(), word.to_lowercase()));
    f.flagged.to_mut().push(start..start + word.len());
    f
}

fn facts<'a>(key: usize, author: &'a str, text: &str, aimed: bool) -> CommentFacts<'a> {
    CommentFacts {
        key,
        author,
        own_text: text.to_owned().into(),
        aimed,
        target: aimed.then_some("gypsyken"),
        epithets: Vec::new().into(),
        // Shouting and mockery words, as the analyzers would flag them.
        flagged: ["TRUMP", "enjoy your day", "Enjoy your day", "you are wrong"]
            .iter()
            .filter_map(|w| text.find(w).map(|s| s..s + w.len()))
            .collect::<Vec<_>>()
            .into(),
    }
}

#[test]
fn one_taunt_despite_case_punctuation_and_ellipses() {
    let c = [
        facts(
            0,
            "TioDon",
            "Oh yeah; Hillary lost, TRUMP won….enjoy your day",
            true,
        ),
        facts(
            1,
            "TioDon",
            "So boring. BTW: Hillary lost….TRUMP won. Enjoy your day.",
            true,
        ),
        facts(2, "other", "Hillary won the popular vote.", false),
    ];
    let t = find_taunts(&c);
    assert_eq!(t.len(), 1, "{t:?}");
    assert_eq!(t[0].text, "Hillary lost, TRUMP won….enjoy your day");
    assert_eq!(t[0].comments, [0, 1]);
    assert_eq!(t[0].targets, ["gypsyken"]);
}

#[test]
fn a_repeated_topic_phrase_without_a_jab_is_not_a_taunt() {
    let c = [
        facts(
            0,
            "TioDon",
            "you forgot the electoral college, TRUMP won",
            true,
        ),
        facts(
            1,
            "TioDon",
            "they devised the electoral college system",
            true,
        ),
    ];
    assert!(find_taunts(&c).is_empty(), "{:?}", find_taunts(&c));
}

#[test]
fn civil_habits_and_idioms_are_not_taunts() {
    let habit = [
        facts(0, "a", "Thanks for the update on the ferry times", false),
        facts(1, "a", "Thanks for the update on the bus", false),
    ];
    assert!(find_taunts(&habit).is_empty());
    // Three authors share the phrase: an idiom, even when uncivil.
    let idiom = [
        facts(0, "a", "at the end of the day you are wrong", true),
        facts(1, "a", "at the end of the day it is late", true),
        facts(2, "b", "at the end of the day", false),
        facts(3, "c", "at the end of the day", false),
    ];
    assert!(find_taunts(&idiom).is_empty(), "{:?}", find_taunts(&idiom));
}

#[test]
fn repeated_epithet_is_a_taunt_and_not_listed_twice() {
    let a = with_epithet(
        facts(0, "gypsyken", "did not elect Il Duce Trump to do it", true),
        "Il Duce",
    );
    let b = with_epithet(
        facts(1, "gypsyken", "supported Il Duce and his regime", true),
        "Il Duce",
    );
    let t = find_taunts(&[a.clone(), b]);
    assert_eq!(t.len(), 1, "{t:?}");
    assert_eq!((t[0].text.as_str(), t[0].comments.len()), ("Il Duce", 2));
    // When a phrase taunt covers the same comments, only the phrase stays.
    let c = with_epithet(
        facts(1, "gypsyken", "against Il Duce Trump and his regime", true),
        "Il Duce",
    );
    let t = find_taunts(&[a, c]);
    assert_eq!(t.len(), 1, "{t:?}");
    assert_eq!(t[0].text, "Il Duce Trump");
}

#[test]
fn tokenizing_folds_ascii_and_unicode_alike() {
    let words = |t: &str| -> Vec<(u64, String)> {
        tokenize(t)
            .into_iter()
            .map(|w| (w.hash, t[w.range].to_owned()))
            .collect()
    };
    let a = words("It’s ÉCOLE, Straße--ok 42x");
    let b = words("its école straße OK 42X");
    assert_eq!(a.len(), 5, "{a:?}");
    let hashes = |w: &[(u64, String)]| w.iter().map(|(h, _)| *h).collect::<Vec<_>>();
    assert_eq!(hashes(&a), hashes(&b));
    // Ranges are byte ranges of the original words.
    assert_eq!(a[0].1, "It’s");
    assert_eq!(a[2].1, "Straße");
    // A quote mark that opens a word is not part of it.
    assert_eq!(words("'quoted' word")[0].1, "quoted'");
}

#[test]
fn an_idiom_slot_fills_at_the_third_distinct_author_in_any_order() {
    use super::{add_user, FULL};
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicU64, Ordering};
    let slot = AtomicU64::new(u64::MAX);
    for author in [7, 7, 9, 7, 9] {
        add_user(&slot, author);
    }
    assert_ne!(
        slot.load(Ordering::Relaxed),
        FULL,
        "two authors are not an idiom"
    );
    add_user(&slot, 0);
    assert_eq!(slot.load(Ordering::Relaxed), FULL);
    add_user(&slot, 7);
    assert_eq!(slot.load(Ordering::Relaxed), FULL, "full stays full");
    // Many workers adding the same few authors: full exactly when three
    // or more distinct ones came.
    for distinct in 1..=4u32 {
        let slot = AtomicU64::new(u64::MAX);
        (0..10_000u32)
            .into_par_iter()
            .for_each(|i| add_user(&slot, i % distinct));
        assert_eq!(
            slot.load(Ordering::Relaxed) == FULL,
            distinct >= 3,
            "{distinct}"
        );
    }
}
