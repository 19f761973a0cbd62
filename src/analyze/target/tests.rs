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
        unaimed: false,
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
    // One man, not the honest people (issue 24: a `person`).
    assert_eq!(
        alone("Honest people know he is a crook.", "crook"),
        Target::Person
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
    // Unlisted, a surname said to be one is a private person (issue 24).
    assert_eq!(alone("Okafor is a liar.", "liar"), Target::Person);
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

/// Work done by the cue reader, counted instead of timed (issue 27).
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Work {
    /// Sentences (or pieces of a long one) looked up around a hit.
    pub sentences: usize,
    /// Facts read from a whole sentence (each costs its length).
    pub facts: usize,
}

thread_local! {
    static WORK: std::cell::Cell<Work> = const {
        std::cell::Cell::new(Work { sentences: 0, facts: 0 })
    };
}

pub(super) fn count(f: impl FnOnce(&mut Work)) {
    WORK.with(|w| {
        let mut v = w.get();
        f(&mut v);
        w.set(v);
    });
}

fn work_of(f: impl FnOnce()) -> Work {
    WORK.with(|w| w.set(Work::default()));
    f();
    WORK.with(std::cell::Cell::get)
}

/// Every "idiot" of `text` as a hit.
fn idiots(text: &str) -> Vec<Hit> {
    text.match_indices("idiot")
        .map(|(i, w)| Hit {
            range: i..i + w.len(),
            personal: true,
            group: false,
            public_figure: false,
            addressee: false,
            unaimed: false,
        })
        .collect()
}

#[test]
fn r27_hits_in_one_long_sentence_read_it_a_bounded_number_of_times() {
    let participants = Participants::new(["gypsyken", "TioDon"]);
    let figures = PublicFigures::from_article(ARTICLE);
    let ctx = Context {
        participants: &participants,
        figures: &figures,
        surnames: super::builtin_surnames(),
        me: Some("TioDon"),
        answered: Some("gypsyken"),
        is_reply: false,
    };
    // No sentence break at all: before issue 27 every hit read the whole
    // text, so the work grew with the square of the hits.
    for n in [1_000, 4_000] {
        let text = "idiot ".repeat(n);
        let hits = idiots(&text);
        let cues = super::Cues::new(&text, &ctx);
        let work = work_of(|| {
            let r = cues.resolve(&hits);
            assert_eq!(r.target, Target::None, "no cue anywhere");
            for h in &hits {
                cues.has_cue(h);
            }
        });
        let pieces = text.len().div_ceil(super::SENTENCE_MAX);
        // Per pass, one look-up per piece, and two more at each cut (the
        // hit across it, the next one); each of the six facts at most
        // once a look-up.  Before issue 27: one look-up a hit, each fact
        // over the whole text.
        assert!(work.sentences <= 2 * 3 * pieces, "{n} hits: {work:?}");
        assert!(work.facts <= 6 * work.sentences, "{n} hits: {work:?}");
        assert!(work.sentences < hits.len() / 20, "{n} hits: {work:?}");
    }
}

#[test]
fn r27_a_sentence_longer_than_the_cap_is_read_in_pieces() {
    let ctx = Context::alone(Some("gypsyken"));
    // "you" far before the insult, in the same breakless sentence: beyond
    // the cap it no longer aims the word, close by it still does.
    let far = format!("you {}genius", "and so on ".repeat(500));
    assert!(far.len() > super::SENTENCE_MAX);
    assert!(!super::has_cue(&far, &hit(&far, "genius", false), &ctx));
    let near = format!("{}you genius", "and so on ".repeat(500));
    assert!(super::has_cue(&near, &hit(&near, "genius", false), &ctx));
    // A sentence under the cap is read whole, as before.
    let short = format!("you {}genius", "and so on ".repeat(100));
    assert!(short.len() < super::SENTENCE_MAX);
    assert!(super::has_cue(&short, &hit(&short, "genius", false), &ctx));
}

#[test]
fn r27_shared_sentences_give_the_answers_of_one_hit_at_a_time() {
    let participants = Participants::new(["gypsyken", "TioDon", "Brooklyn_Reader"]);
    let figures = PublicFigures::from_article(ARTICLE);
    let texts = [
        "Hey idiot. You idiot! Those idiots, Trump is an idiot; gypsyken the idiot",
        "idiot idiot. Liar... idiot, you people are idiots\nidiot",
    ];
    for text in texts {
        for is_reply in [false, true] {
            let ctx = Context {
                participants: &participants,
                figures: &figures,
                surnames: super::builtin_surnames(),
                me: Some("TioDon"),
                answered: is_reply.then_some("Brooklyn_Reader"),
                is_reply,
            };
            let hits = idiots(text);
            let cues = super::Cues::new(text, &ctx);
            // In order, reversed, and each alone: the same answers.
            let shared: Vec<Resolved> = hits.iter().map(|h| cues.resolve_hit(h)).collect();
            let back = super::Cues::new(text, &ctx);
            let mut reversed: Vec<Resolved> =
                hits.iter().rev().map(|h| back.resolve_hit(h)).collect();
            reversed.reverse();
            let alone: Vec<Resolved> = hits.iter().map(|h| resolve_hit(text, h, &ctx)).collect();
            assert_eq!(shared, alone, "{text}");
            assert_eq!(reversed, alone, "{text}");
        }
    }
}

#[test]
fn r24_a_person_outside_the_thread_is_a_person() {
    for (text, word) in [
        ("He is a liar.", "liar"),
        ("She is demented.", "demented"),
        ("Fuck that guy, what a loser", "loser"),
        ("Exactly what respect is this little creep due?", "creep"),
        ("My neighbour is a total idiot.", "idiot"),
        ("Your husband is a despicable liar.", "liar"),
        // A group word as one person's noun: not a group.
        ("This woman is a liar.", "liar"),
        ("Ramos sounds like a lousy ump.", "lousy"),
    ] {
        assert_eq!(alone(text, word), Target::Person, "{text}");
    }
}

#[test]
fn r24_a_pronoun_after_a_named_figure_is_the_figure() {
    assert_eq!(
        alone("Trump can't debate. He is a clown.", "clown"),
        Target::PublicFigure
    );
    assert_eq!(
        alone("My cousin can't debate. He is a clown.", "clown"),
        Target::Person
    );
    assert_eq!(alone("What a stupid PM!", "stupid"), Target::PublicFigure);
    assert_eq!(alone("tRump is a liar.", "liar"), Target::PublicFigure);
}

#[test]
fn r24_plural_address_and_handles_are_commenters() {
    assert_eq!(alone("You people are idiots.", "idiots"), Target::Commenter);
    assert_eq!(
        alone("8 thumbs-down from the dummies who down-voted", "dummies"),
        Target::Commenter
    );
    assert_eq!(
        alone("Said the idiot @bob who lost", "idiot"),
        Target::Commenter
    );
    assert_eq!(
        alone("Don't be ridiculous.", "ridiculous"),
        Target::Commenter
    );
    // "that" on a vice, with "you" in the sentence: the reader's.
    assert_eq!(
        alone(
            "you are a threat to reason with that stupidity",
            "stupidity"
        ),
        Target::Commenter
    );
}
