//! Issue 17: `--format jsonl` keeps types, so a pipeline compares numbers
//! with numbers: `jq 'select(.incivility > 0.5)'` used to compare the
//! string "0.873" and return every row.

use assert_cmd::Command;
use serde_json::Value;

use crate::support::HOSTILE_PAGE;

fn lines(path: &std::path::Path) -> Vec<serde_json::Map<String, Value>> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| match serde_json::from_str(l).unwrap() {
            Value::Object(m) => m,
            other => panic!("not an object: {other}"),
        })
        .collect()
}

#[test]
fn r17_jsonl_numbers_are_numbers_flags_booleans_and_empty_null() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("hostile.txt");
    std::fs::write(&page, HOSTILE_PAGE).unwrap();
    let out = dir.path().join("r");
    Command::cargo_bin("threadwatch")
        .unwrap()
        .arg("analyze")
        .arg(&page)
        .args(["--quiet", "--format", "jsonl", "--out"])
        .arg(&out)
        .assert()
        .success();
    let comments = lines(&out.join("comments.jsonl"));
    assert_eq!(comments.len(), 13);
    let first = &comments[0];
    // Keys in the CSV's column order (serde_json's map sorts them, so
    // look at the text).
    let text = std::fs::read_to_string(out.join("comments.jsonl")).unwrap();
    let at = |key: &str| text.find(&format!("\"{key}\":")).unwrap();
    assert!(text.starts_with("{\"source\":"));
    assert!(at("thread") < at("comment_id") && at("evidence") < at("comment_ref"));
    assert_eq!(first["comment_id"], "1");
    assert_eq!(first["parent_id"], Value::Null, "empty is null");
    assert_eq!(first["depth"], 1);
    assert!(first["incivility"].is_f64());
    assert!(first["uncivil"].is_boolean());
    assert!(first["shouting"].is_boolean());
    // Ids stay strings, even those that look like numbers.
    assert!(comments.iter().any(|c| c["comment_id"] == "1.10"));
    let ann = comments.iter().find(|c| c["author"] == "Ann Lee").unwrap();
    assert_eq!(ann["uncivil"], true);
    assert_eq!(ann["name_calling"], true);
    assert!(ann["incivility"].as_f64().unwrap() > 0.5);
    assert_eq!(ann["target_author"], "Mehmet Yılmaz");
    // What jq would select is what the numbers say.
    let selected = comments
        .iter()
        .filter(|c| c["incivility"].as_f64().unwrap() > 0.5)
        .count();
    let uncivil = comments.iter().filter(|c| c["uncivil"] == true).count();
    assert_eq!(selected, uncivil);
    assert!(selected > 0 && selected < comments.len());

    let users = lines(&out.join("users.jsonl"));
    let u = users.iter().find(|u| u["author"] == "Ann Lee").unwrap();
    assert!(u["uncivil_rate"].is_f64() && u["risk"].is_f64());
    assert_eq!(u["harassment"], 0, "a count in users stays a number");
    let pairs = lines(&out.join("interactions.jsonl"));
    assert!(pairs.iter().all(|p| p["harassment"].is_boolean()));
}
