use super::{resolve_hit, Context, Hit, PublicFigures, Resolved, Target};
use crate::analyze::mention::Participants;

const ARTICLE: &str = "Kelly met officials. President Donald Trump said so. \
                       Secretary of State Rex Tillerson arrived.";

fn hit(text: &str, word: &str, personal: bool) -> Hit {
    let start = text.find(word).unwrap();
    Hit {
        range: start..start + word.len(),
        personal,
        group: false,
        public_figure: false,
        addressee: false,
    }
}

fn run(text: &str, word: &str, is_reply: bool) -> Resolved {
    let participants = Participants::new(["gypsyken", "TioDon", "Brooklyn_Reader"]);
    let figures = PublicFigures::from_article(ARTICLE);
    let ctx = Context {
        participants: &participants,
        figures: &figures,
        surnames: super::builtin_surnames(),
        me: Some("TioDon"),
        answered: is_reply.then_some("gypsyken"),
        is_reply,
    };
    resolve_hit(text, &hit(text, word, true), &ctx)
}

/// Whether "genius" in `text` (a reply) has a target cue.
fn cued(text: &str) -> bool {
    let ctx = Context::alone(Some("gypsyken"));
    super::has_cue(text, &hit(text, "genius", false), &ctx)
}

fn commenter(who: &str) -> Resolved {
    Resolved {
        target: Target::Commenter,
        author: Some(who.to_owned()),
    }
}

#[test]
fn vocative_and_bare_insult_address_the_answered_commenter() {
    assert_eq!(
        run(
            "Hey, Einstein, It’s called the ELECTORAL COLLEGE",
            "Einstein",
            true
        ),
        commenter("gypsyken")
    );
    assert_eq!(
        run("“FYI, the college was put in.” Liar.", "Liar", true),
        commenter("gypsyken")
    );
    assert_eq!(
        run("It’s good that you admit to being a Nazi.", "Nazi", true),
        commenter("gypsyken")
    );
    assert_eq!(
        run("Nice job, genius.", "genius", true),
        commenter("gypsyken")
    );
    // A closing word without the comma, or one the sentence goes on from,
    // is not a vocative.
    // "yourselves" is second person too (one list with the learned layer).
    assert_eq!(
        run("Look at yourselves, geniuses", "geniuses", true),
        commenter("gypsyken")
    );
    assert!(!cued("He is a real genius"));
    assert!(!cued("Nice job, genius work by the team."));
    assert!(cued("Nice job, genius."));
}

#[test]
fn named_participant_wins() {
    assert_eq!(
        run("Sorry, BR, you idiot.", "idiot", true),
        commenter("Brooklyn_Reader")
    );
}

#[test]
fn titled_names_from_the_article_are_public_figures() {
    let r = run(
        "They did not elect Il Duce Trump to do anything.",
        "Il Duce",
        true,
    );
    assert_eq!(r.target, Target::PublicFigure);
    let r = run(
        "the orange gringo in the WhiteHouse says one thing",
        "orange gringo",
        false,
    );
    assert_eq!(r.target, Target::PublicFigure);
    let r = run("Rex Tillerson is a clown", "clown", false);
    assert_eq!(r.target, Target::PublicFigure);
}

#[test]
fn plural_insults_hit_groups() {
    let r = run(
        "quit pandering to the Anti-American fringe idiots who think",
        "idiots",
        false,
    );
    assert_eq!(r.target, Target::Group);
}

#[test]
fn top_level_without_cues_has_no_target() {
    assert_eq!(
        run("What an idiotic plan.", "idiotic", false).target,
        Target::None
    );
}

/// The target of `word` in `text`, a reply read alone (no article, nobody
/// in the thread).
fn alone(text: &str, word: &str) -> Target {
    resolve_hit(
        text,
        &hit(text, word, true),
        &Context::alone(Some("gypsyken")),
    )
    .target
}

#[test]
fn r14_listed_surnames_are_public_figures_at_a_sentence_start_too() {
    assert_eq!(alone("Trump is a liar.", "liar"), Target::PublicFigure);
    assert_eq!(
        alone("Pelosi lied again.", "lied again"),
        Target::PublicFigure
    );
    assert_eq!(
        alone("I think Biden is an idiot.", "idiot"),
        Target::PublicFigure
    );
    assert_eq!(alone("Trump's a crook.", "crook"), Target::PublicFigure);
    assert_eq!(alone("TRUMP IS A LIAR", "LIAR"), Target::PublicFigure);
    // Followers are a group; a lower-case word is not a name; an ordinary
    // capitalised first word is not one either.
    assert_eq!(
        alone("Trump supporters are idiots.", "idiots"),
        Target::Group
    );
    assert_eq!(
        alone("played the trump card, liar", "liar"),
        Target::Commenter
    );
    assert_eq!(
        alone("Liars like him are everywhere.", "Liars"),
        Target::Group
    );
    assert_eq!(
        alone("Honest people know he is a crook.", "crook"),
        Target::Group
    );
    assert_eq!(
        alone("Stupid is what you are, liar.", "liar"),
        Target::Commenter
    );
}

#[test]
fn figures_list_is_one_capitalised_word_an_entry() {
    let list = super::builtin_surnames();
    assert!(list.len() > 50, "{}", list.len());
    for e in crate::parse::lexicon::lexicon("figures.txt", super::FIGURES_TXT).unwrap() {
        assert!(
            !e.term.contains(' ') && e.term.starts_with(|c: char| c.is_ascii_uppercase()),
            "{}",
            e.term
        );
    }
    assert!(list.windows(2).all(|w| w[0] < w[1]), "sorted, no duplicate");
}

#[test]
fn r14_a_listed_surname_is_no_cue_for_a_contextual_word() {
    // "evil" needs a cue to count; a surname says at whom, not whether.
    let text = "Assad is the greater evil.";
    let ctx = Context::alone(Some("gypsyken"));
    assert!(!super::has_cue(text, &hit(text, "evil", false), &ctx));
    assert_eq!(alone("Assad is a liar.", "liar"), Target::PublicFigure);
}

#[test]
fn a_sites_figures_list_adds_surnames_to_the_built_in_ones() {
    let site = crate::analyze::matcher::Lexicon::builtin()
        .with_surnames("figures.txt", "# our council\nOkafor\nŁukaszewicz | 0.5\n")
        .unwrap();
    let with = |text: &str, word: &str| {
        let ctx = Context {
            surnames: site.surnames(),
            ..Context::alone(Some("gypsyken"))
        };
        resolve_hit(text, &hit(text, word, true), &ctx).target
    };
    // Unlisted, a sentence-initial surname reads as the commenter's.
    assert_eq!(alone("Okafor is a liar.", "liar"), Target::Commenter);
    assert_eq!(with("Okafor is a liar.", "liar"), Target::PublicFigure);
    assert_eq!(
        with("Łukaszewicz lied again.", "lied again"),
        Target::PublicFigure
    );
    assert_eq!(with("ŁUKASZEWICZ IS A LIAR", "LIAR"), Target::PublicFigure);
    // The built-in names stay; followers are still a group.
    assert_eq!(with("Trump is a liar.", "liar"), Target::PublicFigure);
    assert_eq!(
        with("Okafor supporters are idiots.", "idiots"),
        Target::Group
    );
    assert_ne!(
        site.version_hash(),
        crate::analyze::matcher::Lexicon::builtin().version_hash()
    );
}

#[test]
fn a_figures_entry_must_be_one_capitalised_word() {
    for (text, column) in [("Okafor\nvan Dijk\n", 1), ("Okafor\n  mayor\n", 3)] {
        let err = crate::analyze::matcher::Lexicon::builtin()
            .with_surnames("site/figures.txt", text)
            .unwrap_err();
        let shown = err.to_string();
        assert_eq!((err.line, err.column), (2, column), "{shown}");
        assert!(shown.starts_with("site/figures.txt:2:"), "{shown}");
        assert!(
            shown.contains("one surname starting with a capital letter"),
            "{shown}"
        );
    }
}
