//! Unit tests for the word-list grammar: one per production and one per
//! error message a moderator can meet.

use super::{lexicon, Tag, Tags, DEFAULT_WEIGHT};
use crate::error::LexiconErrorKind;

fn parse(text: &str) -> Vec<(String, f32, Vec<Tag>)> {
    lexicon("t.txt", text)
        .unwrap()
        .into_iter()
        .map(|e| (e.term, e.weight, e.tags.iter().collect()))
        .collect()
}

fn error(text: &str) -> String {
    lexicon("t.txt", text).unwrap_err().to_string()
}

#[test]
fn plain_terms_get_the_default_weight_and_no_tags() {
    assert_eq!(
        parse("idiot\nliar\n"),
        vec![
            ("idiot".to_owned(), DEFAULT_WEIGHT, vec![]),
            ("liar".to_owned(), DEFAULT_WEIGHT, vec![]),
        ]
    );
}

#[test]
fn blank_lines_and_comments_carry_no_entry() {
    let text = "# a list\n\n   \n\t# indented comment\nidiot  # trailing comment\n";
    assert_eq!(parse(text), vec![("idiot".to_owned(), 1.0, vec![])]);
}

#[test]
fn multiword_terms_keep_one_space_between_words() {
    let e = parse("fringe   idiots\t| 0.9 group\n");
    assert_eq!(e, vec![("fringe idiots".to_owned(), 0.9, vec![Tag::Group])]);
}

#[test]
fn weight_and_tags_are_optional_and_ordered() {
    let e = parse("Einstein | 0.6 person contextual name\nIl Duce|public_figure\nx | 0\n");
    assert_eq!(
        e,
        vec![
            (
                "Einstein".to_owned(),
                0.6,
                vec![Tag::Person, Tag::Contextual, Tag::Name]
            ),
            ("Il Duce".to_owned(), 1.0, vec![Tag::PublicFigure]),
            ("x".to_owned(), 0.0, vec![]),
        ]
    );
}

#[test]
fn terms_may_hold_apostrophes_hyphens_and_digits() {
    let e = parse("you're lying\nunder-educated\nsh1t\n");
    let terms: Vec<_> = e.into_iter().map(|(t, _, _)| t).collect();
    assert_eq!(terms, ["you're lying", "under-educated", "sh1t"]);
}

#[test]
fn crlf_bom_and_a_missing_final_newline_are_accepted() {
    let e = parse("\u{feff}idiot\r\nliar | person");
    assert_eq!(e.len(), 2);
    assert_eq!(e[1].2, vec![Tag::Person]);
}

#[test]
fn positions_are_one_based_in_characters() {
    let entries = lexicon("t.txt", "# é\n  idiot\n").unwrap();
    assert_eq!((entries[0].line, entries[0].column), (2, 3));
}

#[test]
fn tags_form_a_set() {
    let tags: Tags = [Tag::Group, Tag::Person, Tag::Group].into_iter().collect();
    assert_eq!(tags.iter().collect::<Vec<_>>(), [Tag::Person, Tag::Group]);
    assert!(!tags.contains(Tag::Name));
    assert!(Tags::EMPTY.is_empty());
}

#[test]
fn weight_out_of_range_is_an_error_at_the_weight() {
    assert_eq!(
        error("idiot\néé | 1.5\n"),
        "t.txt:2:6: expected a weight from 0 to 1, found 1.5"
    );
    assert_eq!(
        error("idiot | 0.5x\n"),
        "t.txt:1:9: expected a weight from 0 to 1, found 0.5x"
    );
}

#[test]
fn unknown_tag_is_an_error_naming_the_tags() {
    let e = lexicon("t.txt", "idiot | 0.5 persn\n").unwrap_err();
    assert_eq!((e.line, e.column), (1, 13));
    assert_eq!(
        e.kind,
        LexiconErrorKind::Tag {
            found: "persn".to_owned()
        }
    );
    assert_eq!(e.source_line, "idiot | 0.5 persn");
}

#[test]
fn a_second_weight_is_an_unknown_tag() {
    assert!(error("idiot | 0.5 0.6").contains("expected a tag"));
}

#[test]
fn dangling_separator_is_an_error() {
    assert_eq!(
        error("idiot |\n"),
        "t.txt:1:8: expected a weight or a tag after '|', found end of line"
    );
}

#[test]
fn separator_without_term_is_an_error() {
    assert_eq!(
        error("  | 0.5\n"),
        "t.txt:1:3: expected a term, a comment or the end of the line, found '|'"
    );
}

#[test]
fn second_separator_is_an_error() {
    assert_eq!(
        error("idiot | person | group\n"),
        "t.txt:1:16: expected a tag, a comment or the end of the line, found '|'"
    );
}

#[test]
fn lone_cr_is_an_error() {
    let e = error("idiot\rliar\n");
    assert_eq!(
        e,
        "t.txt:1:6: expected a comment or the end of the line, \
         found a carriage return (lone CR line end)"
    );
}
