//! Issue 18: cron safety.  Good reports are never lost to a run that read
//! nothing, the output folder is written where it points and keeps its
//! inode and permissions, the lock lives inside it, a damaged state
//! rebuilds itself, alerts name who tripped them, odd inputs say what
//! they are, and the small CLI habits hold.  (The SIGKILL cases on a plain
//! folder, a symlink and a mount point are in cron.rs.)

use std::path::{Path, PathBuf};

use predicates::prelude::*;

use crate::cron::snapshot;
use crate::support::{root, tw};

fn good_page() -> PathBuf {
    root().join("tests/fixtures/ok/0003_nesting_and_dedent.thread")
}

/// A page where Troll aims two insults at Victim: harassment, a taunt,
/// and a thread two thirds uncivil.
const HOT: &str = "Hot Thread\n\n  • Victim\n\n    I think the bridge is fine.\n\n    \
    • Troll\n\n      You idiot, you are a moron.\n\n    • Troll\n\n      \
    You stupid moron, shut up.\n";

/// Every entry of `dir`, hidden ones too, with file contents.
fn everything(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            let bytes = std::fs::read(e.path()).unwrap_or_default();
            (e.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    v.sort();
    v
}

fn run_json(out: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap()
}

#[test]
fn r18_nothing_analysed_exits_4_and_leaves_the_reports_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rep");
    tw().arg("analyze")
        .arg(good_page())
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let before = everything(&out);
    let beside = everything(dir.path());
    // Every input bad.
    let bad = dir.path().join("bad");
    std::fs::create_dir(&bad).unwrap();
    std::fs::write(bad.join("a.txt"), b"\xff\xfe\x00x").unwrap();
    std::fs::write(bad.join("b.txt"), b"\x1f\x8b\x08\x00\x00\x00").unwrap();
    tw().arg("analyze")
        .arg(&bad)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "nothing analysed (all 2 inputs failed); the reports in",
        ));
    // An empty folder, and a glob that matches nothing, even with --quiet.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    tw().arg("analyze")
        .arg(&empty)
        .arg("--out")
        .arg(&out)
        .arg("--quiet")
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "nothing analysed (no input matched)",
        ));
    tw().arg("analyze")
        .arg(root().join("tests/fixtures/ok"))
        .args(["--glob", "*.nothing", "--out"])
        .arg(&out)
        .assert()
        .code(4);
    // Not a byte changed, not even a lock file or a staging folder.
    assert_eq!(everything(&out), before);
    assert_eq!(
        everything(dir.path())
            .into_iter()
            .filter(|(n, _)| n != "bad" && n != "empty")
            .collect::<Vec<_>>(),
        beside
    );
    // A folder that did not exist is not created.
    let fresh = dir.path().join("fresh");
    tw().arg("analyze")
        .arg(&bad)
        .arg("--out")
        .arg(&fresh)
        .assert()
        .code(4);
    assert!(!fresh.exists());
}

#[test]
fn r18_an_alert_wins_over_failed_inputs_and_both_are_shown() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rep");
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, "T\n\n  • A\n\n    x\n\n     • B\n").unwrap();
    // Some failed, no alert: 1.
    tw().arg("analyze")
        .arg(good_page())
        .arg(&bad)
        .arg("--out")
        .arg(&out)
        .args(["--quiet", "--alert", "comments>100"])
        .assert()
        .code(1);
    // Some failed and an alert held: 3, with the failure still said.
    tw().arg("analyze")
        .arg(good_page())
        .arg(&bad)
        .arg("--out")
        .arg(&out)
        .args([
            "--quiet",
            "--alert",
            "comments>=5",
            "--alert",
            "failed_inputs>0",
        ])
        .assert()
        .code(3)
        .stderr(
            predicate::str::contains("bad.txt:7:6: expected")
                .and(predicate::str::contains(
                    "threadwatch: alert: comments>=5 (value 5)",
                ))
                .and(predicate::str::contains(
                    "threadwatch: alert: failed_inputs>0 (value 1): ",
                ))
                .and(predicate::str::contains(
                    "threadwatch: also 1 input of 2 failed",
                )),
        );
    assert_eq!(run_json(&out)["counts"]["failed"], 1);
}

#[test]
fn r18_thread_and_user_alerts_name_who_tripped_them() {
    let dir = tempfile::tempdir().unwrap();
    let hot = dir.path().join("hot.txt");
    std::fs::write(&hot, HOT).unwrap();
    let out = dir.path().join("rep");
    let assert = tw()
        .arg("analyze")
        .arg(&hot)
        .arg(good_page())
        .arg("--out")
        .arg(&out)
        .args([
            "--quiet",
            "--alert",
            "thread.uncivil_rate>0.5",
            "--alert",
            "user.harassment>0",
            "--alert",
            "harassment>0",
            "--alert",
            "thread.comments>100",
        ])
        .assert()
        .code(3);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    let hot_name = hot.display().to_string();
    assert!(
        stderr.contains(&format!(
            "threadwatch: alert: thread.uncivil_rate>0.5 (value 0.667): {hot_name} (0.667)\n"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("threadwatch: alert: user.harassment>0 (value 1): Troll (1)\n"),
        "{stderr}"
    );
    // The run-wide figure stays what it was, and now says who.
    assert!(
        stderr.contains("threadwatch: alert: harassment>0 (value 1): Troll -> Victim (2)\n"),
        "{stderr}"
    );
    assert!(!stderr.contains("thread.comments"), "{stderr}");
    // The calm page (the fixture) is not named.
    assert!(!stderr.contains("0003_nesting"), "{stderr}");
    let json = run_json(&out);
    assert_eq!(
        json["alerts"][0]["tripped"][0],
        format!("{hot_name} (0.667)")
    );
    assert_eq!(json["alerts"][0]["tripped_total"], 1);
    assert_eq!(json["alerts"][3]["crossed"], false);
    assert_eq!(json["alerts"][3]["tripped"], serde_json::json!([]));
    // A scope or metric that does not exist says what does.
    tw().arg("analyze")
        .arg(&hot)
        .arg("--out")
        .arg(&out)
        .args(["--alert", "thread.risk>1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "expected a metric among thread.comments, thread.participants",
        ));
    tw().arg("analyze")
        .arg(&hot)
        .arg("--out")
        .arg(&out)
        .args(["--alert", "page.comments>1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a scope among thread., user."));
}

#[test]
fn r18_config_key_alert_is_the_flags_name_and_alerts_still_reads() {
    let dir = tempfile::tempdir().unwrap();
    for (i, line) in [
        "alert = \"comments>=5\"",
        "alert = [\"comments>=5\"]",
        "alerts = [\"comments>=5\"]",
    ]
    .iter()
    .enumerate()
    {
        let config = dir.path().join(format!("{i}.toml"));
        std::fs::write(&config, format!("[analyze]\nquiet = true\n{line}\n")).unwrap();
        tw().arg("analyze")
            .arg(good_page())
            .arg("--out")
            .arg(dir.path().join("rep"))
            .arg("--config")
            .arg(&config)
            .assert()
            .code(3)
            .stderr(predicate::str::contains("alert: comments>=5 (value 5)"));
    }
}

#[test]
fn r18_compressed_binary_and_empty_inputs_say_what_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    let cases: [(&str, &[u8], &str); 9] = [
        (
            "a.gz",
            b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
            "found gzip-compressed data; decompress it first, e.g. gzip -dc FILE > page.txt",
        ),
        (
            "b.zip",
            b"PK\x03\x04\x14\x00\x00\x00",
            "found zip-compressed data; decompress it first, e.g. unzip FILE",
        ),
        (
            "c.bz2",
            b"BZh91AY&SY\x00\x01\x02",
            "found bzip2-compressed data; decompress it first, e.g. bzip2 -dc FILE > page.txt",
        ),
        (
            "d.xz",
            b"\xfd7zXZ\x00\x00\x04",
            "found xz-compressed data; decompress it first, e.g. xz -dc FILE > page.txt",
        ),
        (
            "e.zst",
            b"\x28\xb5\x2f\xfd\x04\x00",
            "found zstd-compressed data; decompress it first, e.g. zstd -dc FILE > page.txt",
        ),
        (
            "f.png",
            b"\x89PNG\r\n\x1a\n\x00\x00",
            "found a PNG image, not text",
        ),
        (
            "g.bin",
            &[0x01, 0x9c, 0x02, 0xfe, 0x03, 0x04, 0x05, 0x80, 0x06, 0x07],
            "found binary data, not text",
        ),
        // Text in another encoding still gets the encoding's fix.
        (
            "h.txt",
            b"Caf\xe9 news\n",
            "convert the file to UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)",
        ),
        ("i.txt", b"\xff\xfeT\x00", "found a UTF-16 byte-order mark"),
    ];
    for (name, bytes, _) in &cases {
        std::fs::write(pages.join(name), bytes).unwrap();
    }
    std::fs::write(pages.join("j-empty.txt"), b"").unwrap();
    std::fs::write(pages.join("k-blank.txt"), b" \n\t\r\n\xc2\xa0\n").unwrap();
    std::fs::write(pages.join("l-good.txt"), HOT).unwrap();
    let out = dir.path().join("rep");
    let assert = tw()
        .arg("analyze")
        .arg(&pages)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    for (name, _, message) in &cases {
        let line = stderr
            .lines()
            .find(|l| l.contains(&format!("{name}:")) || l.contains(&format!("{name}: ")))
            .unwrap_or_else(|| panic!("{name} not reported: {stderr}"));
        assert!(line.contains(message), "{name}: {line}");
    }
    // No compressed bytes echoed under the message.
    assert!(!stderr.contains(" 1 | \u{1f}"), "{stderr}");
    assert!(
        stderr.contains("j-empty.txt:1:1: warning: empty input (0 bytes): no article and no comments; was the page fetched completely?"),
        "{stderr}"
    );
    assert!(
        stderr.contains("k-blank.txt:1:1: warning: blank input (8 bytes, all blanks)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("; 9 inputs failed; 2 inputs empty"),
        "{stderr}"
    );
    let json = run_json(&out);
    assert_eq!(json["counts"]["empty_inputs"], 2);
    assert_eq!(json["counts"]["failed"], 9);
    let empties: Vec<&str> = json["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["empty"] == true)
        .map(|i| i["path"].as_str().unwrap())
        .collect();
    assert_eq!(empties.len(), 2);
    assert!(empties[0].ends_with("j-empty.txt") && empties[1].ends_with("k-blank.txt"));
    // The same messages from check and tree.
    tw().arg("tree")
        .arg(pages.join("a.gz"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("found gzip-compressed data"));
    tw().arg("check")
        .arg(pages.join("j-empty.txt"))
        .assert()
        .success()
        .stderr(predicate::str::contains("warning: empty input (0 bytes)"));
}

#[test]
fn r18_missing_parent_of_out_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("no/deep/path/rep");
    tw().arg("analyze")
        .arg(good_page())
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "the parent folder {} does not exist; create it first",
            dir.path().join("no/deep/path").display()
        )));
    assert!(!dir.path().join("no").exists());
    // The last part alone is created.
    let out = dir.path().join("rep");
    tw().arg("analyze")
        .arg(good_page())
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert!(out.join("comments.csv").exists());
    // A file in the way, and a dangling symlink, are named too.
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    tw().arg("analyze")
        .arg(good_page())
        .arg("-o")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected a folder, found a file"));
    #[cfg(unix)]
    {
        let link = dir.path().join("dangling");
        std::os::unix::fs::symlink(dir.path().join("gone"), &link).unwrap();
        tw().arg("analyze")
            .arg(good_page())
            .arg("-o")
            .arg(&link)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("which is not a folder"));
    }
}

#[test]
#[cfg(unix)]
fn r18_the_folder_keeps_its_inode_mode_owner_and_group() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rep");
    std::fs::create_dir(&out).unwrap();
    // A moderators' group (any gid other than ours; only root may give a
    // folder a group it is not in) on a set-group-id folder, 2750.
    let root_user = my_uid() == 0;
    let group = 4242;
    if root_user {
        std::os::unix::fs::chown(&out, None, Some(group)).unwrap();
    }
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o2750)).unwrap();
    std::fs::write(out.join("notes.txt"), "a moderator's notes").unwrap();
    let before = std::fs::metadata(&out).unwrap();
    for format in ["csv", "jsonl"] {
        tw().arg("analyze")
            .arg(good_page())
            .arg("--out")
            .arg(&out)
            .args(["--quiet", "--format", format])
            .assert()
            .success();
        let after = std::fs::metadata(&out).unwrap();
        assert_eq!(after.ino(), before.ino(), "same folder");
        assert_eq!(after.mode(), before.mode(), "mode kept: {:o}", after.mode());
        assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
        for entry in std::fs::read_dir(&out).unwrap() {
            let m = entry.unwrap().metadata().unwrap();
            assert_eq!(m.gid(), before.gid(), "reports take the folder's group");
        }
    }
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "a moderator's notes"
    );
    assert!(
        !out.join("comments.csv").exists(),
        "the csv set was dropped"
    );
    assert!(out.join("comments.jsonl").exists());
    if root_user {
        // Without set-group-id, reports still take the folder's group.
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o750)).unwrap();
        std::os::unix::fs::chown(&out, None, Some(group + 1)).unwrap();
        tw().arg("analyze")
            .arg(good_page())
            .arg("--out")
            .arg(&out)
            .arg("--quiet")
            .assert()
            .success();
        let m = std::fs::metadata(out.join("comments.csv")).unwrap();
        assert_eq!(m.gid(), group + 1);
        assert_eq!(
            std::fs::metadata(&out).unwrap().mode() & 0o7777,
            0o750,
            "mode kept"
        );
    } else {
        crate::support::skip("the group-change part: needs root to give a folder another group");
    }
}

/// Our user id, from the file we just created (no libc needed).
fn my_uid() -> u32 {
    use std::os::unix::fs::MetadataExt;
    let f = tempfile::NamedTempFile::new().unwrap();
    f.as_file().metadata().unwrap().uid()
}

#[test]
fn r18_the_lock_is_inside_the_folder_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rep");
    for _ in 0..2 {
        tw().arg("analyze")
            .arg(good_page())
            .arg("--out")
            .arg(&out)
            .arg("--quiet")
            .assert()
            .success();
    }
    // Nothing beside the folder, nothing hidden in it.
    let beside: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, ["rep"]);
    assert!(everything(&out).iter().all(|(n, _)| !n.starts_with('.')));
    // Two runs naming different --lock files still exclude each other:
    // both wait for the folder's own lock, here held by the test.
    let held = std::fs::File::create(out.join(".threadwatch.lock")).unwrap();
    held.try_lock().unwrap();
    let before = everything(&out);
    for name in ["one.lock", "two.lock"] {
        tw().arg("analyze")
            .arg(good_page())
            .arg("--out")
            .arg(&out)
            .args(["--quiet", "--lock-timeout", "0.2", "--lock"])
            .arg(dir.path().join(name))
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "another threadwatch run holds the lock {}",
                out.join(".threadwatch.lock").display()
            )));
    }
    assert_eq!(everything(&out), before);
}

#[test]
fn r18_a_damaged_or_old_state_is_set_aside_and_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rep");
    let state = dir.path().join("state.bin");
    let aside = dir.path().join("state.bin.set-aside");
    let run = || {
        let mut c = tw();
        c.arg("analyze")
            .arg(good_page())
            .arg("--out")
            .arg(&out)
            .arg("--quiet")
            .arg("--incremental")
            .arg(&state);
        c
    };
    run().assert().success();
    let good = std::fs::read(&state).unwrap();
    // Damaged: a flipped byte.
    let mut damaged = good.clone();
    damaged[20] ^= 1;
    // Old: another format version.
    let mut old = good.clone();
    old[8..12].copy_from_slice(&1u32.to_le_bytes());
    for (bytes, why) in [
        (damaged, "corrupt state file (checksum mismatch)"),
        (old, "state format 1, this threadwatch reads format"),
        (b"{\"a\": 1}".to_vec(), "not a threadwatch state file"),
    ] {
        std::fs::write(&state, &bytes).unwrap();
        run().assert().success().stderr(
            predicate::str::contains(format!(
                "threadwatch: warning: --incremental {}: {why}",
                state.display()
            ))
            .and(predicate::str::contains(format!(
                "moved it to {} and rebuilding the state with a full run",
                aside.display()
            ))),
        );
        assert_eq!(
            std::fs::read(&aside).unwrap(),
            bytes,
            "kept aside as it was"
        );
        // Rebuilt: the next run reuses it.
        run().assert().success().stderr(predicate::str::is_empty());
        assert_eq!(run_json(&out)["incremental"]["reused"], 1);
    }
}

#[test]
fn r18_a_commit_cut_short_by_a_kill_is_finished_by_the_next_run() {
    // The state a SIGKILL between two renames of the commit leaves: the
    // old run.json and users.csv, the new comments.csv, and the rest of
    // the new set (plus the list of dropped reports) in the journal.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rep");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("run.json"), "old").unwrap();
    std::fs::write(out.join("users.csv"), "old").unwrap();
    std::fs::write(out.join("taunts.tsv"), "old, dropped").unwrap();
    std::fs::write(out.join("comments.csv"), "new").unwrap();
    let commit = out.join(".threadwatch-commit");
    std::fs::create_dir(&commit).unwrap();
    std::fs::write(commit.join("run.json"), "new").unwrap();
    std::fs::write(commit.join("users.csv"), "new").unwrap();
    std::fs::write(commit.join(".dropped"), "taunts.tsv\n../escape\n").unwrap();
    std::fs::write(dir.path().join("escape"), "outside").unwrap();
    let stale = out.join(".threadwatch-staging-abc");
    std::fs::create_dir(&stale).unwrap();
    std::fs::write(stale.join("comments.csv"), "half").unwrap();
    let dealt = threadwatch::report::publish::remove_stale_staging(&out).unwrap();
    assert_eq!(dealt, 2);
    let names: Vec<(String, Vec<u8>)> = everything(&out);
    assert_eq!(
        names,
        [
            ("comments.csv".to_owned(), b"new".to_vec()),
            ("run.json".to_owned(), b"new".to_vec()),
            ("users.csv".to_owned(), b"new".to_vec()),
        ]
    );
    assert!(
        dir.path().join("escape").exists(),
        "never outside the folder"
    );
    // A run does the same before anything else.
    std::fs::create_dir(&commit).unwrap();
    std::fs::write(commit.join("run.json"), "newer").unwrap();
    tw().arg("analyze")
        .arg(dir.path().join("missing.txt"))
        .arg("--out")
        .arg(&out)
        .assert()
        .code(4);
    assert_eq!(std::fs::read(out.join("run.json")).unwrap(), b"newer");
    assert_eq!(snapshot(&out).len(), 3);
}

#[test]
fn r18_score_explain_tree_and_plurals_follow_unix_habits() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("in.csv");
    std::fs::write(&csv, "id;text\n1;you idiot\n2;a nice day\n").unwrap();
    // score INPUT -o OUT with -d, and - for stdin and stdout.
    let out = dir.path().join("scored.csv");
    tw().args(["score"])
        .arg(&csv)
        .args(["-d", ";", "-o"])
        .arg(&out)
        .assert()
        .success();
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.starts_with("id;incivility;uncivil;"), "{written}");
    // An insult's band tops out below threats' (issue 24).
    assert!(written.contains("\n1;0.899;1;"), "{written}");
    tw().args(["score", "-", "--delimiter", ";", "-o", "-"])
        .write_stdin(std::fs::read(&csv).unwrap())
        .assert()
        .success()
        .stdout(written.clone());
    tw().args(["score", "-", "-d", ";"])
        .write_stdin(std::fs::read(&csv).unwrap())
        .assert()
        .success()
        .stdout(written);
    // The older spelling still works.
    std::fs::write(&csv, "id,text\n1,hello\n").unwrap();
    tw().args(["score", "--input"])
        .arg(&csv)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .starts_with("id,incivility"));
    tw().args(["score"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<INPUT>"));
    // explain - reads standard input (without its line end).
    tw().args(["explain", "-"])
        .write_stdin("You flobberworm idiot.\n")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "text:       You flobberworm idiot.\nnormalised:",
        ));
    // tree wants one file.
    tw().args(["tree", "tests/fixtures/ok"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "tree: expected one page file, found the folder tests/fixtures/ok; name a file in it, \
             or validate the whole folder with `threadwatch check tests/fixtures/ok`",
        ));
    // One thread, one comment.
    let one = dir.path().join("one.txt");
    std::fs::write(&one, "Title\n\n  • A\n\n    hello\n").unwrap();
    tw().arg("analyze")
        .arg(&one)
        .arg("--out")
        .arg(dir.path().join("rep"))
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "1 comment from 1 thread: reports written",
        ));
    tw().arg("tree")
        .arg(&one)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Title (1 comment)\n"));
    tw().arg("check")
        .arg(&one)
        .assert()
        .success()
        .stdout(predicate::str::contains("ok: 1 comment, max depth 1"));
}

#[test]
fn r18_exit_codes_are_documented_in_help_and_the_man_page() {
    for args in [&["help", "analyze"][..], &["--help"][..]] {
        tw().args(args)
            .assert()
            .success()
            .stdout(predicate::str::contains(
                "4  analyze only: nothing was analysed",
            ));
    }
    tw().arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains("nothing was analysed"));
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(readme.contains("| 4 |"), "README lists exit 4");
}
