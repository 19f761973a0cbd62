use super::{build, Draft, ThreadDraft};
use crate::error::{Error, ParseErrorKind};
use crate::time::Timestamp;

fn d(id: &str, parent: Option<&str>, created: Option<i64>, line: u32) -> Draft {
    Draft {
        id: id.to_owned(),
        parent: parent.map(str::to_owned),
        author: Some(format!("user{id}")),
        body: format!("body {id}"),
        created: created.map(Timestamp),
        line,
        column: 1,
        ..Draft::default()
    }
}

fn shape(t: &crate::thread::Thread) -> Vec<(String, String)> {
    t.tree
        .with_dotted_ids()
        .map(|(id, dotted)| {
            let c = t.tree.comment(id);
            (dotted, c.external_id.as_deref().unwrap_or("").to_owned())
        })
        .collect()
}

#[test]
fn replies_before_parents_orphans_and_sibling_order() {
    let draft = ThreadDraft {
        comments: vec![
            d("c", Some("a"), Some(30), 1),
            d("a", None, Some(20), 2),
            d("b", None, Some(10), 3),
            d("d", Some("a"), Some(5), 4),
            d("e", Some("gone"), None, 5),
            d("f", Some("a"), None, 6),
        ],
        ..ThreadDraft::default()
    };
    let t = build("x.jsonl", draft).unwrap();
    let got: Vec<(String, String)> = shape(&t);
    let want = [
        ("1", "b"),
        ("2", "a"),
        ("2.1", "d"),
        ("2.2", "c"),
        ("2.3", "f"),
        ("3", "e"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(t.orphans, 1);
    assert_eq!(t.warnings.len(), 1);
    assert_eq!(t.warnings[0].line, 5);
}

#[test]
fn cycles_are_broken_at_their_earliest_comment() {
    let draft = ThreadDraft {
        comments: vec![
            d("top", None, None, 1),
            d("x", Some("z"), None, 2),
            d("y", Some("x"), None, 3),
            d("z", Some("y"), None, 4),
            d("tail", Some("y"), None, 5),
            d("self", Some("self"), None, 6),
        ],
        ..ThreadDraft::default()
    };
    let t = build("x.jsonl", draft).unwrap();
    assert_eq!(t.tree.len(), 6);
    let got: Vec<String> = shape(&t)
        .into_iter()
        .map(|(a, b)| format!("{a}={b}"))
        .collect();
    assert_eq!(
        got,
        ["1=top", "2=x", "2.1=y", "2.1.1=z", "2.1.2=tail", "3=self"]
    );
    let lines: Vec<u32> = t.warnings.iter().map(|w| w.line).collect();
    assert_eq!(lines, [2, 6]);
    assert_eq!(t.orphans, 0);
}

#[test]
fn a_duplicate_id_names_both_places() {
    let draft = ThreadDraft {
        comments: vec![d("a", None, None, 3), d("a", None, None, 9)],
        ..ThreadDraft::default()
    };
    match build("dup.jsonl", draft) {
        Err(Error::Parse(e)) => {
            assert_eq!((e.line, e.column), (9, 1));
            assert!(matches!(
                e.kind,
                ParseErrorKind::DuplicateId { first_line: 3, .. }
            ));
            assert_eq!(
                e.to_string(),
                "dup.jsonl:9:1: expected each comment id once, found \"a\" again (first at line 3, column 1)"
            );
        }
        other => panic!("{other:?}"),
    }
}
