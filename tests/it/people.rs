//! Issue 4: users, interactions, taunts and threads reports on seed 002,
//! and per-user figures aggregated across threads.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

use crate::support::shared;

type Row = BTreeMap<String, String>;

fn analyze(inputs: &[PathBuf], out: &Path) {
    Command::cargo_bin("threadwatch")
        .unwrap()
        .arg("analyze")
        .args(inputs)
        .args(["--quiet", "--out"])
        .arg(out)
        .assert()
        .success();
}

fn rows(out: &Path, report: &str) -> Vec<Row> {
    let mut rdr = csv::Reader::from_path(out.join(report)).unwrap();
    rdr.deserialize().map(Result::unwrap).collect()
}

fn seed_002() -> Option<PathBuf> {
    Some(shared("seeds")?.join("002_87b1f74d6afc39eb.txt"))
}

#[test]
fn seed_002_people_reports() {
    let Some(seed) = seed_002() else { return };
    let out = tempfile::tempdir().unwrap();
    analyze(&[seed], out.path());

    let users = rows(out.path(), "users.csv");
    assert_eq!(users[0]["author"], "TioDon");
    let user = |a: &str| users.iter().find(|u| u["author"] == a).unwrap().clone();
    for civil in [
        "Brooklyn_Reader",
        "Fred Alexander",
        "Linda Sonna",
        "Donald Blair Godier",
    ] {
        assert_eq!(user(civil)["uncivil_comments"], "0", "{civil}");
    }
    assert_eq!(users.len(), 10, "anonymous comments have no user row");
    assert_eq!(user("TioDon")["top_target"], "gypsyken");
    assert_eq!(user("TioDon")["harassment"], "1");

    let taunts = rows(out.path(), "taunts.csv");
    let taunt = |a: &str, needle: &str| {
        taunts
            .iter()
            .find(|t| t["author"] == a && t["taunt"].contains(needle))
            .cloned()
    };
    let hillary = taunt("TioDon", "Hillary lost, TRUMP won").expect("TioDon's taunt");
    assert!(
        hillary["taunt"].starts_with("Hillary lost, TRUMP won…"),
        "as first written"
    );
    assert_eq!(hillary["occurrences"], "2");
    let duce = taunt("gypsyken", "Il Duce").expect("gypsyken's taunt");
    assert!(duce["occurrences"].parse::<u32>().unwrap() >= 2);

    let pairs = rows(out.path(), "interactions.csv");
    let pair = |a: &str, b: &str| {
        pairs
            .iter()
            .find(|p| p["from_author"] == a && p["to_author"] == b)
            .unwrap()
            .clone()
    };
    let t2g = pair("TioDon", "gypsyken");
    assert!(t2g["uncivil_replies"].parse::<u32>().unwrap() >= 2);
    assert_eq!(t2g["harassment"], "1");
    assert!(
        pair("gypsyken", "TioDon")["uncivil_replies"]
            .parse::<u32>()
            .unwrap()
            >= 1
    );
    assert!(pairs
        .iter()
        .all(|p| !p["from_author"].is_empty() && !p["to_author"].is_empty()));

    let threads = rows(out.path(), "threads.csv");
    assert_eq!(threads.len(), 1);
    let t = &threads[0];
    let got = [
        "comments",
        "participants",
        "anonymous_comments",
        "max_depth",
    ]
    .map(|c| t[c].as_str());
    assert_eq!(got, ["19", "10", "2", "5"]);
}

/// Seed 002 split by thread position into two pages (comments 1-2 and
/// comments 3-5, each under the same article): per-user figures add up
/// across the two threads.
#[test]
fn per_user_figures_aggregate_across_threads() {
    let Some(seed) = seed_002() else { return };
    let text = std::fs::read_to_string(&seed).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // Line 49 is comment 1's bullet and line 83 comment 3's (issue 2).
    let article = lines[..48].join("\n");
    let first = format!("{article}\n{}\n", lines[48..82].join("\n"));
    let second = format!("{article}\n{}\n", lines[82..].join("\n"));
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(&a, first).unwrap();
    std::fs::write(&b, second).unwrap();

    let whole = tempfile::tempdir().unwrap();
    let split = tempfile::tempdir().unwrap();
    analyze(&[seed], whole.path());
    analyze(&[a, b], split.path());
    let by_author = |out: &Path| -> BTreeMap<String, Row> {
        rows(out, "users.csv")
            .into_iter()
            .map(|r| (r["author"].clone(), r))
            .collect()
    };
    let (w, s) = (by_author(whole.path()), by_author(split.path()));
    assert_eq!(w.keys().collect::<Vec<_>>(), s.keys().collect::<Vec<_>>());
    for (author, row) in &w {
        for (col, value) in row {
            if col == "threads" {
                continue;
            }
            assert_eq!(&s[author][col], value, "{author} {col}");
        }
    }
    // TioDon wrote in both threads; gypsyken only in the second.
    assert_eq!(s["TioDon"]["threads"], "2");
    assert_eq!(s["TioDon"]["comments"], "4");
    assert_eq!(s["gypsyken"]["threads"], "1");
    let threads = rows(split.path(), "threads.csv");
    let counts: Vec<&str> = threads.iter().map(|t| t["comments"].as_str()).collect();
    assert_eq!(counts, ["9", "10"]);
}
