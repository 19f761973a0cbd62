use super::{is_common, misspelt, Edit, Index};
use crate::analyze::matcher::Lexicon;
use crate::analyze::rule_words::RuleWords;
use crate::analyze::words::Words;

fn found_with(candidates: &[&str], text: &str) -> Vec<String> {
    let candidates: Vec<String> = candidates.iter().map(|c| (*c).to_owned()).collect();
    let index = Index::new(&candidates);
    let w = Words::of(text);
    misspelt(text, &w, &RuleWords::builtin().marks(&w), &index)
        .into_iter()
        .map(|m| format!("{}={}", &text[m.range], candidates[m.term]))
        .collect()
}

fn found(text: &str) -> Vec<String> {
    found_with(
        &["idiot", "moron", "stupid", "bastard", "bitch", "shit"],
        text,
    )
}

#[test]
fn one_edit_is_a_swap_a_drop_or_an_added_letter() {
    assert_eq!(found("you are such a mroon"), ["mroon=moron"]);
    assert_eq!(found("what an idot"), ["idot=idiot"]);
    assert_eq!(found("he is an idioot"), ["idioot=idiot"]);
    assert_eq!(found("Bastrad!"), ["Bastrad=bastard"]);
    assert_eq!(found("that guy is a bsatard"), ["bsatard=bastard"]);
    // A changed letter is not read; nor is the first letter moved.
    assert!(found("you lover").is_empty());
    assert!(found("that diot").is_empty());
}

#[test]
fn joined_and_dotted() {
    assert_eq!(found("youidiot"), ["youidiot=idiot"]);
    assert_eq!(found("what a stupidbitch"), ["stupidbitch=bitch"]);
    assert_eq!(found("you st.u.p.i.d troll"), ["st.u.p.i.d=stupid"]);
}

#[test]
fn common_words_names_and_ambiguity_are_guarded() {
    // Listed common words: "shirt" is "shit" plus a letter.
    assert!(is_common("shirt"));
    assert!(found("a nice shirt").is_empty());
    // One edit from "moon" too: only in an insult's slot.
    assert!(found("the mroon rose").is_empty());
    assert!(found("a moon rose over the bay").is_empty());
    // A capital inside a sentence is a name.
    assert!(found("I met Bastrad yesterday").is_empty());
}

#[test]
fn r25_builtin_variants_name_the_word() {
    let lexicon = Lexicon::builtin();
    let (names, _) = lexicon.strong_words();
    let text = "Go away you scmubag, and fcuk off.";
    let w = Words::of(text);
    let got: Vec<(String, String, Edit)> = misspelt(
        text,
        &w,
        &RuleWords::builtin().marks(&w),
        lexicon.variant_index(),
    )
    .into_iter()
    .map(|m| (text[m.range].to_owned(), names[m.term].clone(), m.edit))
    .collect();
    assert_eq!(
        got,
        [
            ("scmubag".to_owned(), "scumbag".to_owned(), Edit::Swap),
            ("fcuk".to_owned(), "fuck".to_owned(), Edit::Swap)
        ]
    );
}

#[test]
fn r25_variant_matcher_is_linear() {
    // Many long words, many near-candidates: the work per word is bounded,
    // so this finishes at once whatever the size (timings live in
    // benches/hostile.sh; this checks only that every word is read).
    let text = "you mroon ".repeat(2000) + &"x".repeat(10_000);
    assert_eq!(found(&text).len(), 2000);
}

#[test]
fn r25_evidence_names_the_variant() {
    use crate::analyze::incivility::Scorer;
    use crate::analyze::model::Model;
    use crate::analyze::standalone::score_text;
    let lexicon = Lexicon::builtin();
    let scorer = Scorer {
        lexicon: &lexicon,
        model: Model::builtin(),
    };
    let s = score_text(scorer, "You are such a 1d10t, and a bsatard too.");
    assert!(s.score.uncivil, "{}", s.evidence);
    assert!(
        s.evidence.contains("variant: 1d10t ~ idiot"),
        "{}",
        s.evidence
    );
    assert!(s.evidence.contains("bsatard ~ bastard"), "{}", s.evidence);
}
