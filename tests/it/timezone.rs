//! Issue 27, item 12: `--tz Area/City` (and `tz` in threadwatch.toml)
//! reads page times that name no zone in that zone instead of UTC; times
//! that name one keep it; the distributed path and `--incremental` agree.

use std::path::{Path, PathBuf};

use crate::support::tw;

const PAGE: &str = "\
Ferry times

The ferry will run every twenty minutes from Monday.

  • Ada Marsh · March 3, 2025 at 9:14 am

    Local winter time.

  • Ben Okafor · July 1, 2025 at 9:14 am

    Local summer time.

  • Cleo · March 3, 2025 at 9:14 am EST

    A named zone.

  • Dev · 2025-03-30T02:30:00Z

    UTC, named.

  • Eve · March 30, 2025 at 2:30 am

    In the hour Paris skipped.

  • Fay · October 26, 2025 at 2:30 am

    In the hour Paris had twice.

  • Gus · March 3, 2025

    A day only.
";

/// `created` of each comment, in order.
fn created(out: &Path) -> Vec<String> {
    let mut rdr = csv::Reader::from_path(out.join("comments.csv")).unwrap();
    let at = rdr
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "created")
        .unwrap();
    rdr.records().map(|r| r.unwrap()[at].to_owned()).collect()
}

fn page(dir: &Path) -> PathBuf {
    let p = dir.join("ferry.txt");
    std::fs::write(&p, PAGE).unwrap();
    p
}

const UTC: [&str; 7] = [
    "2025-03-03T09:14:00Z",
    "2025-07-01T09:14:00Z",
    "2025-03-03T14:14:00Z",
    "2025-03-30T02:30:00Z",
    "2025-03-30T02:30:00Z",
    "2025-10-26T02:30:00Z",
    "2025-03-03T00:00:00Z",
];

const PARIS: [&str; 7] = [
    "2025-03-03T08:14:00Z", // +01:00
    "2025-07-01T07:14:00Z", // +02:00
    "2025-03-03T14:14:00Z", // EST named: unchanged
    "2025-03-30T02:30:00Z", // Z named: unchanged
    "2025-03-30T01:30:00Z", // skipped: the offset before the gap
    "2025-10-26T00:30:00Z", // repeated: the first
    "2025-03-03T00:00:00Z", // a day is not moved
];

#[test]
fn r27_tz_reads_zoneless_page_times_in_that_zone() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(dir.path());
    let (plain, paris) = (dir.path().join("plain"), dir.path().join("paris"));
    tw().arg("analyze")
        .arg(&p)
        .arg("-qo")
        .arg(&plain)
        .assert()
        .success();
    tw().arg("analyze")
        .arg(&p)
        .args(["-q", "--tz", "Europe/Paris", "-o"])
        .arg(&paris)
        .assert()
        .success();
    assert_eq!(created(&plain), UTC);
    assert_eq!(created(&paris), PARIS);
    // `tz` in the config file, and a flag that names an unknown zone.
    let conf = dir.path().join("tw.toml");
    std::fs::write(&conf, "[analyze]\ntz = \"Europe/Paris\"\n").unwrap();
    let from_conf = dir.path().join("conf");
    tw().arg("--config")
        .arg(&conf)
        .arg("analyze")
        .arg(&p)
        .arg("-qo")
        .arg(&from_conf)
        .assert()
        .success();
    assert_eq!(created(&from_conf), PARIS);
    let bad = tw()
        .arg("analyze")
        .arg(&p)
        .args(["--tz", "Mars/Olympus", "-o"])
        .arg(dir.path().join("bad"))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown time zone \"Mars/Olympus\""));
}

#[test]
fn r27_incremental_state_of_another_zone_is_not_reused() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(dir.path());
    let state = dir.path().join("state");
    let out = dir.path().join("out");
    let run = |tz: Option<&str>| {
        let mut c = tw();
        c.arg("analyze")
            .arg(&p)
            .arg("-q")
            .arg("--incremental")
            .arg(&state);
        if let Some(tz) = tz {
            c.args(["--tz", tz]);
        }
        c.arg("-o").arg(&out).assert().success();
        created(&out)
    };
    assert_eq!(run(None), UTC);
    assert_eq!(run(Some("Europe/Paris")), PARIS);
    assert_eq!(run(None), UTC);
}

#[test]
fn r27_map_and_merge_with_tz_give_analyze_reports() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(dir.path());
    let single = dir.path().join("single");
    tw().arg("analyze")
        .arg(&p)
        .args(["-q", "--tz", "Europe/Paris", "-o"])
        .arg(&single)
        .assert()
        .success();
    let mut frame = format!(
        "TWFRAME {{\"name\": {}, \"bytes\": {}}}\n",
        serde_json::to_string(&p.display().to_string()).unwrap(),
        PAGE.len()
    )
    .into_bytes();
    frame.extend_from_slice(PAGE.as_bytes());
    let partial = tw()
        .args(["map", "-q", "--tz", "Europe/Paris"])
        .write_stdin(frame)
        .output()
        .unwrap();
    assert!(partial.status.success(), "{partial:?}");
    let merged = dir.path().join("merged");
    tw().args(["merge", "--out"])
        .arg(&merged)
        .write_stdin(partial.stdout)
        .assert()
        .success();
    for f in ["comments.csv", "threads.csv", "users.csv"] {
        assert_eq!(
            std::fs::read(single.join(f)).unwrap(),
            std::fs::read(merged.join(f)).unwrap(),
            "{f}"
        );
    }
    assert_eq!(created(&merged), PARIS);
}

#[test]
fn r27_tz_reads_zoneless_export_times_in_that_zone() {
    // Generic JSON Lines and CSV exports: a time without a zone moves, one
    // with Z or an offset, Unix seconds and a day alone do not.
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("e.jsonl");
    std::fs::write(
        &jsonl,
        concat!(
            r#"{"id": 1, "text": "a", "created": "2025-03-03 09:14:00"}"#,
            "\n",
            r#"{"id": 2, "text": "b", "created": "2025-07-01T09:14"}"#,
            "\n",
            r#"{"id": 3, "text": "c", "created": "2025-03-03T09:14:00Z"}"#,
            "\n",
            r#"{"id": 4, "text": "d", "created": "2025-03-03T09:14:00+05:00"}"#,
            "\n",
            r#"{"id": 5, "text": "e", "created": 1741000000}"#,
            "\n",
            r#"{"id": 6, "text": "f", "created": "2025-03-03"}"#,
            "\n",
            r#"{"id": 7, "text": "g", "created": "March 3, 2025 at 9:14 am"}"#,
            "\n",
        ),
    )
    .unwrap();
    // `created` by comment id (rows are in time order).
    let by_id = |o: &Path| {
        let mut rdr = csv::Reader::from_path(o.join("comments.csv")).unwrap();
        let h = rdr.headers().unwrap().clone();
        let at = |n: &str| h.iter().position(|x| x == n).unwrap();
        let (id, created) = (at("external_id"), at("created"));
        let mut rows: Vec<(u32, String)> = rdr
            .records()
            .map(|r| {
                let r = r.unwrap();
                (r[id].parse().unwrap(), r[created].to_owned())
            })
            .collect();
        rows.sort();
        rows.into_iter().map(|(_, c)| c).collect::<Vec<String>>()
    };
    let csv = dir.path().join("e.csv");
    std::fs::write(
        &csv,
        "id,text,created\n1,a,2025-03-03 09:14:00\n2,b,2025-03-03T09:14:00Z\n",
    )
    .unwrap();
    let out = |name: &str, tz: &[&str], input: &Path| {
        let o = dir.path().join(name);
        tw().arg("analyze")
            .arg(input)
            .arg("-q")
            .args(tz)
            .arg("-o")
            .arg(&o)
            .assert()
            .success();
        by_id(&o)
    };
    let utc = [
        "2025-03-03T09:14:00Z",
        "2025-07-01T09:14:00Z",
        "2025-03-03T09:14:00Z",
        "2025-03-03T04:14:00Z",
        "2025-03-03T11:06:40Z",
        "2025-03-03T00:00:00Z",
        "2025-03-03T09:14:00Z",
    ];
    assert_eq!(out("j-utc", &[], &jsonl), utc);
    let paris = out("j-paris", &["--tz", "Europe/Paris"], &jsonl);
    assert_eq!(
        paris,
        [
            "2025-03-03T08:14:00Z",
            "2025-07-01T07:14:00Z",
            utc[2],
            utc[3],
            utc[4],
            utc[5],
            "2025-03-03T08:14:00Z",
        ]
    );
    assert_eq!(
        out("c-paris", &["--tz", "Europe/Paris"], &csv),
        ["2025-03-03T08:14:00Z", "2025-03-03T09:14:00Z"]
    );
}
