use super::{date, fit, WorkbookSink, CELL_CHARS};
use crate::pipeline::{CommentRecord, Sink};
use crate::report::CommentRow;

#[test]
fn long_text_is_cut_to_a_cell_with_a_note() {
    let long = "é".repeat(40_000);
    let cut = fit(&long);
    assert!(cut.encode_utf16().count() <= CELL_CHARS);
    assert!(cut.ends_with("see the CSV]"));
    assert_eq!(fit("short"), "short");
}

#[test]
fn only_iso_dates_are_dates() {
    assert!(date("2024-03-01").is_some());
    assert!(date("2024-03-01T09:30:00Z").is_some());
    assert!(date("2024-03-01T09:30:00+02:00").is_some());
    assert!(date("1.10").is_none());
    assert!(date("yesterday").is_none());
    assert!(date("2024-13-45").is_none());
}

/// An uncivil comment whose score is `score` (three decimals, as in the
/// reports) and whose author and text name it `i`.
fn uncivil(i: usize, score: u32) -> CommentRecord {
    CommentRecord {
        row: CommentRow {
            comment_id: i.to_string(),
            author: format!("user {i}"),
            incivility: format!("{:.3}", f64::from(score) / 1000.0),
            uncivil: 1,
            status: if i.is_multiple_of(7) { "pending" } else { "" }.to_owned(),
            ..CommentRow::default()
        },
        text: format!("text of comment {i}").into(),
        marks: Vec::new(),
    }
}

#[test]
fn r27_flagged_keeps_only_ranks_in_memory_and_lists_the_worst() {
    // The flagged sheet's rows wait in a temporary file; memory holds a
    // rank and an offset per comment, at most twice the list's length.
    // Scores repeat (ties go to the earlier comment), and most comments
    // come after the list is full.
    let dir = tempfile::tempdir().unwrap();
    let mut sink = WorkbookSink::new();
    sink.flagged_max = 10;
    sink.begin(dir.path()).unwrap();
    let scores: Vec<u32> = (0..2_000u32).map(|i| (i * 7919) % 1000 / 4 * 4).collect();
    let records: Vec<CommentRecord> = scores
        .iter()
        .enumerate()
        .map(|(i, &s)| uncivil(i, s))
        .collect();
    for batch in records.chunks(97) {
        sink.comments(batch).unwrap();
        assert!(sink.flagged.len() < 2 * 10);
    }
    assert_eq!(sink.uncivil, 2_000);
    // Once the list is full, a comment that cannot enter is not spilled.
    let spilled = sink.spill.as_ref().unwrap().len;
    let one = postcard::to_stdvec(&super::FlagCells {
        author: "user 1000".into(),
        target: String::new(),
        text: "text of comment 1000".into(),
        evidence: String::new(),
        thread: String::new(),
        comment_ref: String::new(),
        source: String::new(),
        status: String::new(),
        sheet: "comments".into(),
        row: 1000,
    })
    .unwrap()
    .len() as u64;
    assert!(spilled < 400 * one, "{spilled} bytes spilled");

    let mut want: Vec<(u32, usize)> = scores.iter().enumerate().map(|(i, &s)| (s, i)).collect();
    want.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    want.truncate(10);
    super::keep_worst(&mut sink.flagged, 10);
    let flags = std::mem::take(&mut sink.flagged);
    let mut got = Vec::new();
    sink.spill
        .take()
        .unwrap()
        .read_each(&flags, |i, cells| {
            got.push((cells.author.clone(), cells.row, flags[i].pending));
            assert_eq!(cells.text, format!("text of comment {}", cells.row - 1));
            Ok(())
        })
        .unwrap();
    let want: Vec<(String, u32, bool)> = want
        .iter()
        .map(|&(_, i)| (format!("user {i}"), i as u32 + 1, i.is_multiple_of(7)))
        .collect();
    assert_eq!(got, want);
}
