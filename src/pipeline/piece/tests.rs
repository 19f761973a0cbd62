use super::*;

fn key(source: &str, index: u32) -> ThreadKey {
    ThreadKey {
        source: source.into(),
        part: 0,
        index,
    }
}

fn record(id: &str, text: &str) -> CommentRecord {
    let mut r = CommentRecord::default();
    r.row.source = "a.txt".into();
    r.row.comment_id = id.into();
    r.row.text = text.into();
    r
}

fn threads(list: &[(ThreadKey, usize)]) -> BTreeMap<ThreadKey, ThreadStats> {
    list.iter()
        .map(|(k, n)| {
            (
                k.clone(),
                ThreadStats {
                    comments: *n,
                    ..ThreadStats::default()
                },
            )
        })
        .collect()
}

/// Writes a piece of `rows` into `dir` as `name`.
fn piece(dir: &Path, name: &str, rows: Vec<(ThreadKey, Vec<CommentRecord>)>) -> PieceInfo {
    write_piece(
        &dir.join(name),
        CsvOptions::default(),
        rows.into_iter().map(Ok),
    )
    .unwrap()
    .unwrap()
}

#[test]
fn a_piece_is_the_rows_analyze_writes_and_says_what_it_holds() {
    let dir = tempfile::tempdir().unwrap();
    let recs = vec![record("1", "=cmd()"), record("2", "two\nlines, \"quoted\"")];
    let info = piece(
        dir.path(),
        "p0",
        vec![
            (key("a.txt", 0), recs.clone()),
            (key("a.txt", 1), vec![record("1", "x")]),
        ],
    );
    let mut want = RowWriter::body(Vec::new(), CsvOptions::default());
    for r in recs.iter().chain([record("1", "x")].iter()) {
        want.write(&r.row).unwrap();
    }
    let want = want.finish().unwrap();
    let got = std::fs::read(dir.path().join("p0")).unwrap();
    assert_eq!(got, want);
    // Formula-safe like every report cell, and no header.
    assert!(String::from_utf8_lossy(&got).contains("'=cmd()"));
    assert!(!String::from_utf8_lossy(&got).starts_with("source"));
    assert_eq!(
        (info.threads, info.rows, info.bytes),
        (2, 3, got.len() as u64)
    );
    assert_eq!((info.first, info.last), (key("a.txt", 0), key("a.txt", 1)));
    assert_eq!((info.format.as_str(), info.delimiter), ("csv", b','));
}

#[test]
fn no_rows_make_no_piece() {
    let dir = tempfile::tempdir().unwrap();
    let got = write_piece(
        &dir.path().join("p"),
        CsvOptions::default(),
        std::iter::empty(),
    )
    .unwrap();
    assert!(got.is_none());
    assert!(!dir.path().join("p").exists());
}

#[test]
fn pieces_come_in_run_order_and_must_cover_every_comment() {
    let dir = tempfile::tempdir().unwrap();
    // Run order is path order: "x/a.txt" before "x.txt".
    let (a, b, c) = (key("x/a.txt", 0), key("x.txt", 0), key("y.txt", 0));
    let mut pieces = BTreeMap::new();
    pieces.insert(
        "late".to_owned(),
        piece(
            dir.path(),
            "late",
            vec![(c.clone(), vec![record("1", "c")])],
        ),
    );
    pieces.insert(
        "early".to_owned(),
        piece(
            dir.path(),
            "early",
            vec![
                (a.clone(), vec![record("1", "a")]),
                (b.clone(), vec![record("1", "b"), record("2", "b")]),
            ],
        ),
    );
    let all = threads(&[(a.clone(), 1), (b.clone(), 2), (c.clone(), 1)]);
    let opts = CsvOptions::default();
    let files = ordered_pieces(&pieces, &all, dir.path(), opts).unwrap();
    assert_eq!(
        files,
        vec![dir.path().join("early"), dir.path().join("late")]
    );

    // A thread with comments outside every piece.
    let more = threads(&[
        (a.clone(), 1),
        (b.clone(), 2),
        (c.clone(), 1),
        (key("z", 0), 4),
    ]);
    let e = ordered_pieces(&pieces, &more, dir.path(), opts).unwrap_err();
    assert!(
        matches!(e, PieceError::Uncovered { ref input, .. } if input == "z"),
        "{e}"
    );

    // A thread with more comments than its piece has rows.
    let lost = threads(&[(a.clone(), 1), (b.clone(), 3), (c.clone(), 1)]);
    let e = ordered_pieces(&pieces, &lost, dir.path(), opts).unwrap_err();
    assert!(e.to_string().contains("holds 3 rows of 2 threads"), "{e}");

    // The same rows in a second piece.
    let mut twice = pieces.clone();
    twice.insert("again".to_owned(), pieces["late"].clone());
    let e = ordered_pieces(&twice, &all, dir.path(), opts).unwrap_err();
    assert!(matches!(e, PieceError::Overlap { .. }), "{e}");

    // Another format.
    let tsv = CsvOptions {
        format: Format::Tsv,
        ..opts
    };
    let e = ordered_pieces(&pieces, &all, dir.path(), tsv).unwrap_err();
    assert!(
        e.to_string()
            .contains("was written as csv with delimiter ','; this merge writes tsv"),
        "{e}"
    );

    // A cut file, and a missing one.
    let path = dir.path().join("late");
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() - 1]).unwrap();
    let e = ordered_pieces(&pieces, &all, dir.path(), opts).unwrap_err();
    assert!(matches!(e, PieceError::Length { .. }), "{e}");
    std::fs::remove_file(&path).unwrap();
    let e = ordered_pieces(&pieces, &all, dir.path(), opts).unwrap_err();
    assert!(
        e.to_string()
            .starts_with(&format!("comments piece {}", path.display())),
        "{e}"
    );
}
