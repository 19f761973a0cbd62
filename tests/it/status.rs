//! Issue 27, item 11 and the bidi part of item 9: what moderators open
//! shows each comment's moderation status, pending flagged comments are
//! easy to find, and a right-to-left override in a name or title cannot
//! disguise it in report.html.

use std::path::{Path, PathBuf};

use crate::support::{skip, tw};
use crate::workbook::{column, parts, sheets, soffice};

/// An export with a comment of each status, all uncivil but one, and a
/// name, a title and a text carrying U+202E (RIGHT-TO-LEFT OVERRIDE).
const EXPORT: &str = concat!(
    r#"{"id": 1, "thread": "t1", "title": "Poll \u202etluser", "author": "Bob\u202egnp.exe", "text": "You are an idiot and a liar.", "status": "pending"}"#,
    "\n",
    r#"{"id": 2, "thread": "t1", "parent_id": 1, "author": "Ann", "text": "Shut up, you moron.", "status": "spam"}"#,
    "\n",
    r#"{"id": 3, "thread": "t1", "parent_id": 1, "author": "Cy", "text": "What a stupid idiot you are.", "status": "deleted"}"#,
    "\n",
    r#"{"id": 4, "thread": "t1", "author": "Di", "text": "Idiots, \u202eall of you.", "status": "approved"}"#,
    "\n",
    r#"{"id": 5, "thread": "t1", "author": "Ed", "text": "The ferry was on time today.", "status": "pending"}"#,
    "\n",
);

fn run(dir: &Path, flags: &[&str]) -> PathBuf {
    let input = dir.join("export.jsonl");
    std::fs::write(&input, EXPORT).unwrap();
    let out = dir.join("reports");
    tw().arg("analyze")
        .arg(&input)
        .args(["--quiet", "--out"])
        .arg(&out)
        .args(flags)
        .assert()
        .success();
    out
}

#[test]
fn r27_report_html_shows_status_and_counts_pending_uncivil() {
    let dir = tempfile::tempdir().unwrap();
    let html = std::fs::read_to_string(run(dir.path(), &["--html"]).join("report.html")).unwrap();
    // A badge on every comment whose status is not the usual `approved`.
    // Both pending comments in their thread, and the flagged one again
    // where the worst comments are listed.
    assert!(html.matches(r#"<span class="st st-pending""#).count() >= 3);
    assert!(html.contains(r#"<span class="st st-spam""#));
    assert!(html.contains(r#"<span class="st st-deleted""#));
    assert!(!html.contains("st-approved"));
    // Comments carry their status for the filter, which the bar offers.
    assert!(html.contains(r#"data-s="pending""#) && html.contains(r#"data-s="approved""#));
    assert!(html.contains(r#"<select id="f-status">"#));
    // The run's numbers say how many flagged comments await action, with
    // a link that filters to them: one (Ed's pending comment is civil).
    assert!(
        html.contains(r##"<li class="pend"><b>1</b><a id="f-pending" href="#threads">"##),
        "{html}"
    );
}

#[test]
fn r27_report_html_isolates_user_strings_and_shows_bidi_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let html = std::fs::read_to_string(run(dir.path(), &["--html"]).join("report.html")).unwrap();
    let sign =
        r#"<span class="bx" title="direction control U+202E shown, not obeyed">[U+202E]</span>"#;
    // The name, the title and the text, each isolated, with the override
    // shown as a sign instead of reversing what follows it.
    assert!(
        html.contains(&format!("<bdi>Bob{sign}gnp.exe</bdi>")),
        "{html}"
    );
    assert!(html.contains(&format!("<bdi>Poll {sign}tluser</bdi>")));
    assert!(
        html.contains(&format!("Idiots</mark>, {sign}all of you.")),
        "{html}"
    );
    // Outside attributes (where the filter needs the name as written) the
    // character itself never reaches the page's text.
    let text_only: String = html
        .split('"')
        .enumerate()
        .filter(|(i, _)| i % 2 == 0)
        .map(|(_, s)| s)
        .collect();
    assert!(!text_only.contains('\u{202e}'));
    // Every author cell and comment text is in a <bdi>.
    assert!(!html.contains(r#"<span class="au">Bob"#));
    assert_eq!(
        html.matches(r#"<div class="x"><bdi>"#).count(),
        html.matches(r#"<div class="x">"#).count()
    );
}

#[test]
fn r27_flagged_sheet_ends_with_a_status_column() {
    let Some(office) = soffice() else {
        skip("LibreOffice (soffice) is not installed: the flagged sheet's status is not checked");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let book = run(dir.path(), &["--xlsx"]).join("threadwatch.xlsx");
    let sheets = sheets(office, &book, dir.path());
    let flagged = &sheets.iter().find(|(s, _)| s == "flagged").unwrap().1;
    assert!(
        flagged[0][0].ends_with("1 listed are pending: filter the status column."),
        "{:?}",
        flagged[0]
    );
    // Added at the end: the columns before it keep their places.
    assert_eq!(
        flagged[1],
        [
            "incivility",
            "author",
            "target",
            "text",
            "evidence",
            "thread",
            "comment_ref",
            "in_comments",
            "source",
            "status"
        ]
    );
    let (author, status) = (column(flagged, 1, "author"), column(flagged, 1, "status"));
    let mut got: Vec<(&str, &str)> = flagged[2..]
        .iter()
        .map(|r| (r[author].as_str(), r[status].as_str()))
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("Ann", "spam"),
            ("Bob[U+202E]gnp.exe", "pending"),
            ("Cy", "deleted"),
            ("Di", "approved")
        ]
    );
}

#[test]
fn r27_workbook_shows_direction_controls_as_signs() {
    // A cell is its own paragraph, so isolating a name changes nothing;
    // the override inside it is shown as a sign instead, in every sheet
    // that names people (flagged, comments, users, interactions) and in
    // the evidence, where names sit inside the tool's words.
    let dir = tempfile::tempdir().unwrap();
    let book = run(dir.path(), &["--xlsx"]).join("threadwatch.xlsx");
    let xml: String = parts(&book, "xl/").into_iter().map(|(_, x)| x).collect();
    assert!(xml.matches("Bob[U+202E]gnp.exe").count() >= 4, "{xml}");
    assert!(xml.contains("moron -&gt; Bob[U+202E]gnp.exe | "), "{xml}");
    // Titles and texts too, as in report.html (the CSVs keep them).
    assert!(xml.contains("Poll [U+202E]tluser"));
    assert!(xml.contains("Idiots, [U+202E]all of you."));
    assert!(!xml.contains('\u{202e}'));
}
