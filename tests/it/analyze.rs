//! Seed 002 read as a careful moderator would (issue 3), through the
//! `analyze` command's comments.csv.

use std::collections::BTreeMap;

use assert_cmd::Command;

use crate::support::{root, shared};

type Row = BTreeMap<String, String>;

fn seed_002_rows() -> Option<BTreeMap<String, Row>> {
    let seeds = shared("seeds")?;
    let out = tempfile::tempdir().unwrap();
    Command::cargo_bin("threadwatch")
        .unwrap()
        .current_dir(root())
        .arg("analyze")
        .arg(seeds.join("002_87b1f74d6afc39eb.txt"))
        .args(["--quiet", "--out"])
        .arg(out.path())
        .assert()
        .success();
    let mut rdr = csv::Reader::from_path(out.path().join("comments.csv")).unwrap();
    let rows: Vec<Row> = rdr.deserialize().map(Result::unwrap).collect();
    Some(
        rows.into_iter()
            .map(|r| (r["comment_id"].clone(), r))
            .collect(),
    )
}

#[test]
fn seed_002_as_a_moderator_reads_it() {
    let Some(rows) = seed_002_rows() else { return };
    let get = |id: &str, col: &str| rows[id][col].clone();

    // 3: "orange gringo" is name-calling aimed at a public figure.
    assert_eq!(get("3", "name_calling"), "1");
    assert_eq!(get("3", "target"), "public_figure");
    // 3.1 quotes it: quotation, not his name-calling.
    assert_eq!(get("3.1", "name_calling"), "0");
    assert_eq!(get("3.1", "quoted_from"), "3");
    // 3.1.1 and 5.1: "Il Duce Trump".
    for id in ["3.1.1", "5.1"] {
        assert_eq!(get(id, "name_calling"), "1", "{id}");
        assert_eq!(get(id, "target"), "public_figure", "{id}");
        assert!(get(id, "evidence").contains("Il Duce"), "{id}");
    }
    // 3.1.1.1: the quoted "under-educated" is not his; "Hey, Einstein" is,
    // aimed at gypsyken; "ELECTORAL COLLEGE" is shouting.
    let ev = get("3.1.1.1", "evidence");
    assert!(ev.contains("name_calling: Einstein -> gypsyken"), "{ev}");
    assert!(ev.contains("shouting: ELECTORAL COLLEGE"), "{ev}");
    let own = ev.split(" | quoted").next().unwrap();
    assert!(!own.contains("under-educated"), "{ev}");
    assert_eq!(get("3.1.1.1", "quoted_from"), "3.1.1");
    assert_eq!(get("3.1.1.1", "shouting"), "1");
    assert_eq!(get("3.1.1.1", "target_author"), "gypsyken");
    // 3.1.1.1.1: "admit to being a Nazi", aimed at TioDon.
    assert_eq!(get("3.1.1.1.1", "name_calling"), "1");
    assert_eq!(get("3.1.1.1.1", "target_author"), "TioDon");
    // 3.1.1.1.2 answers the sibling it quotes; "Liar." is aimed at gypsyken.
    assert_eq!(get("3.1.1.1.2", "reply_to_id"), "3.1.1.1.1");
    assert_eq!(get("3.1.1.1.2", "parent_id"), "3.1.1.1");
    assert_eq!(get("3.1.1.1.2", "lying_accusation"), "1");
    assert_eq!(get("3.1.1.1.2", "target_author"), "gypsyken");
    assert!(get("3.1.1.1.2", "evidence").contains("lying_accusation: Liar -> gypsyken"));
    // 5: vulgarity ("bull*hit", "turd") and name-calling ("idiots").
    assert_eq!(get("5", "vulgarity"), "1");
    let ev5 = get("5", "evidence");
    assert!(
        ev5.contains("bull*hit") && ev5.contains("turd") && ev5.contains("idiots"),
        "{ev5}"
    );
    assert_eq!(get("5", "name_calling"), "1");
    // Civil comments stay civil.
    for id in ["1", "1.1.1", "1.2", "1.4", "2", "2.1"] {
        assert_eq!(get(id, "uncivil"), "0", "{id}: {:?}", rows[id]);
    }
    // Uncivil ones are uncivil, and scores are three-decimal numbers.
    for id in [
        "3",
        "3.1.1",
        "3.1.1.1",
        "3.1.1.1.1",
        "3.1.1.1.2",
        "5",
        "5.1",
    ] {
        assert_eq!(get(id, "uncivil"), "1", "{id}");
    }
    for r in rows.values() {
        let s = &r["incivility"];
        assert!(
            s.len() == 5 && s.parse::<f64>().is_ok_and(|x| (0.0..=1.0).contains(&x)),
            "{s}"
        );
    }
}

#[test]
fn signature_lines_are_not_scored() {
    // Sam signs every comment with a line that holds an insult word; the
    // signature is not body text, while the same word in a body counts.
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("p.txt");
    std::fs::write(
        &page,
        "Ferry Times Change\n\n  • Sam\n\n    The new times suit me.\n\n    The Moron Whisperer\n\n    \
         • Kim\n\n      Same here.\n\n      • Sam\n\n        Glad to hear it.\n\n        \
         The Moron Whisperer\n\n  • Lee\n\n    Only a moron would run a ferry that late.\n",
    )
    .unwrap();
    Command::cargo_bin("threadwatch")
        .unwrap()
        .arg("analyze")
        .arg(&page)
        .args(["--quiet", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let mut rdr = csv::Reader::from_path(dir.path().join("comments.csv")).unwrap();
    let rows: Vec<Row> = rdr.deserialize().map(Result::unwrap).collect();
    let flags: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r["author"].as_str(), r["name_calling"].as_str()))
        .collect();
    assert_eq!(
        flags,
        [("Sam", "0"), ("Kim", "0"), ("Sam", "0"), ("Lee", "1")]
    );
}
