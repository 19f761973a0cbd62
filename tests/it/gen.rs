//! `threadwatch gen`: a deterministic benchmark corpus (issue 6).

use std::path::Path;

use predicates::prelude::*;

use crate::support::tw;

/// Every file of `dir` with its bytes, by name.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect();
    v.sort();
    v
}

fn gen(dir: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    tw().arg("gen")
        .arg("--out")
        .arg(dir)
        .args(["--megabytes", "0.3"])
        .args(extra)
        .assert()
}

#[test]
fn r6_same_arguments_same_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("c"),
    );
    gen(&a, &[])
        .success()
        .stderr(predicate::str::starts_with("wrote "));
    gen(&b, &[]).success();
    gen(&c, &["--seed", "7"]).success();
    let (fa, fb, fc) = (files(&a), files(&b), files(&c));
    assert!(fa.len() > 5, "{} pages", fa.len());
    assert_eq!(fa, fb);
    assert_ne!(fa, fc);
    let total: usize = fa.iter().map(|f| f.1.len()).sum();
    assert!((300_000..310_000).contains(&total), "{total}");
}

#[test]
fn r6_pages_parse_and_texts_hold_every_comment() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    let texts = tmp.path().join("texts.txt");
    gen(&dir, &["--texts"]).failure().code(2);
    tw().arg("gen")
        .arg("--out")
        .arg(&dir)
        .args(["--megabytes", "0.2", "--texts"])
        .arg(&texts)
        .assert()
        .success();
    let out = tw().arg("check").arg(&dir).assert().success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let comments: usize = stdout
        .lines()
        .map(|l| {
            let n = l.split(": ok: ").nth(1).unwrap().split(' ').next().unwrap();
            n.parse::<usize>().unwrap()
        })
        .sum();
    let lines = std::fs::read_to_string(&texts).unwrap();
    assert_eq!(lines.lines().count(), comments);
    assert!(lines.lines().all(|l| !l.is_empty() && !l.contains("  ")));
}

#[test]
fn r6_single_page_and_a_non_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("one");
    gen(&dir, &["--single-page"]).success();
    let f = files(&dir);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].0, "page.txt");
    // Old pages would join the new corpus unnoticed.
    gen(&dir, &[])
        .failure()
        .code(2)
        .stderr(predicate::str::contains("is not empty"));
    gen(&tmp.path().join("x"), &["--uncivil", "120"])
        .failure()
        .code(2);
}

/// A page of several thousand comments is analysed in parallel: its rows
/// still come out in page order, the same at every job count.
#[test]
fn rows_of_a_long_page_keep_page_order_at_any_job_count() {
    let corpus = tempfile::tempdir().unwrap();
    tw().arg("gen")
        .arg("--out")
        .arg(corpus.path())
        .args(["--megabytes", "1", "--single-page"])
        .assert()
        .success();
    let mut outputs = Vec::new();
    for jobs in ["1", "2", "4"] {
        let out = tempfile::tempdir().unwrap();
        tw().arg("analyze")
            .arg(corpus.path())
            .args(["--glob", "*.txt", "--quiet", "--jobs", jobs, "--out"])
            .arg(out.path())
            .assert()
            .success();
        outputs.push(std::fs::read(out.path().join("comments.csv")).unwrap());
    }
    assert!(outputs.iter().all(|o| *o == outputs[0]));
    let mut rdr = csv::Reader::from_reader(outputs[0].as_slice());
    let line = rdr
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "line")
        .unwrap();
    let lines: Vec<u64> = rdr
        .records()
        .map(|r| r.unwrap()[line].parse().unwrap())
        .collect();
    assert!(lines.len() > 4000, "{} comments", lines.len());
    assert!(
        lines.windows(2).all(|w| w[0] < w[1]),
        "rows out of page order"
    );
}
