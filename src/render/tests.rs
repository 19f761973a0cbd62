//! The writer's promise: what it writes reads back as what went in, and
//! what it cannot write that way it refuses.  Random trees are covered by
//! the property tests in tests/it/props.rs.

use super::{page, Layout};
use crate::error::RenderError;
use crate::parse::{parse_str, RawComment};

fn c(depth: usize, author: Option<&str>, body: &str) -> RawComment {
    RawComment {
        author: author.map(str::to_owned),
        body: body.to_owned(),
        depth,
        line: 0,
        parent: None,
        created: None,
        created_local: false,
    }
}

/// Author, body, depth and parent of each parsed comment.
fn shape(comments: &[RawComment]) -> Vec<(Option<String>, String, usize, Option<usize>)> {
    comments
        .iter()
        .map(|c| (c.author.clone(), c.body.clone(), c.depth, c.parent))
        .collect()
}

fn sample() -> Vec<RawComment> {
    vec![
        c(1, Some("Ada"), "first paragraph\nwrapped\n\nsecond"),
        c(2, None, "anonymous one-liner"),
        c(3, None, ""),
        c(
            4,
            Some("Ben"),
            "answering a deleted comment\n    indented code",
        ),
        c(2, None, "anonymous\nover two lines"),
        c(1, None, "\u{3000}starts with an ideographic space"),
        c(
            1,
            Some("• Odd Name"),
            "•not a bullet\n• x is a bullet only at the start",
        ),
    ]
}

#[test]
fn written_pages_read_back_in_every_layout() {
    let article = "Headline Of The Story\n\nSome text.\n  • a list\nMore text.\n";
    let mut comments = sample();
    // The last body has a bullet at a line start, which the writer refuses.
    comments.pop();
    let parents = [None, Some(0), Some(1), Some(2), Some(0), None];
    for base in [0, 2, 5] {
        for unit in [1, 2, 4] {
            for line_end in ["\n", "\r\n", "\r"] {
                for bom in [false, true] {
                    let layout = Layout {
                        base,
                        unit,
                        line_end,
                        bom,
                    };
                    let text = page(article, &comments, &layout).unwrap();
                    let parsed = parse_str("p", &text).unwrap();
                    assert_eq!(parsed.article, article, "{layout:?}");
                    let got = shape(&parsed.comments);
                    let want: Vec<_> = comments
                        .iter()
                        .zip(parents)
                        .map(|(c, p)| (c.author.clone(), c.body.clone(), c.depth, p))
                        .collect();
                    assert_eq!(got, want, "{layout:?}\n{text}");
                }
            }
        }
    }
}

#[test]
fn what_the_format_cannot_say_is_refused() {
    let l = Layout::default();
    let refuse = |cs: Vec<RawComment>| page("T", &cs, &l).unwrap_err();
    assert_eq!(
        refuse(vec![c(2, None, "x")]),
        RenderError::Depth {
            index: 0,
            depth: 2,
            max: 1
        }
    );
    assert_eq!(
        refuse(vec![c(1, Some(" Ada"), "x")]),
        RenderError::Author { index: 0 }
    );
    assert_eq!(
        refuse(vec![c(1, Some(""), "x")]),
        RenderError::Author { index: 0 }
    );
    assert_eq!(
        refuse(vec![c(1, Some("a\0b"), "x")]),
        RenderError::Author { index: 0 }
    );
    assert!(matches!(
        refuse(vec![c(1, None, "a\0b")]),
        RenderError::Body { .. }
    ));
    assert_eq!(
        refuse(vec![c(1, Some("Ada"), "")]),
        RenderError::EmptyBody { index: 0 }
    );
    for body in ["  indented\nanonymous", "•\n b", "• x\ny"] {
        assert_eq!(
            refuse(vec![c(1, None, body)]),
            RenderError::Ambiguous { index: 0 },
            "{body:?}"
        );
    }
    for (body, reason) in [
        ("a\n\n\nb", "an empty paragraph"),
        ("a\n", "an empty paragraph"),
        ("a \nb", "blanks at the end of the line"),
        ("a\n\tb", "a tab in the indentation"),
        ("a\n  • b", "a bullet at the start of the line"),
        ("a\n•", "a bullet at the start of the line"),
        (" a", "a space at the start of the first line"),
        ("a\rb", "a carriage return"),
        ("a\0b", "a NUL"),
    ] {
        let err = refuse(vec![c(1, Some("Ada"), body)]);
        assert!(
            matches!(err, RenderError::Body { reason: r, .. } if r == reason),
            "{body:?}: {err}"
        );
    }
    let bad_article = |a: &str| page(a, &[], &l).unwrap_err();
    assert_eq!(bad_article("T\n  • list at the end"), RenderError::Article);
    assert_eq!(bad_article("T \n"), RenderError::Article);
    assert_eq!(bad_article("T\rU"), RenderError::Article);
    let zero = Layout { unit: 0, ..l };
    assert_eq!(page("T", &[], &zero).unwrap_err(), RenderError::Unit);
}

#[test]
fn empty_article_and_no_comments() {
    let l = Layout::default();
    assert_eq!(page("", &[], &l).unwrap(), "");
    let text = page("", &[c(1, Some("Ada"), "hi")], &l).unwrap();
    assert_eq!(text, "  • Ada\n\n    hi\n");
    let parsed = parse_str("p", &text).unwrap();
    assert_eq!(parsed.article, "");
    assert_eq!(parsed.comments[0].author.as_deref(), Some("Ada"));
}
