//! Issue 5: what cron and systemd rely on: alerts (exit 3), run.json, the
//! run lock, and a report set that a killed run never leaves half-written.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use assert_cmd::Command;
use predicates::prelude::*;

use crate::support::root;

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("threadwatch")
}

fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures").join(rel)
}

fn analyze(out: &Path) -> Command {
    let mut c = Command::new(bin());
    c.arg("analyze")
        .arg(fixture("ok/0003_nesting_and_dedent.thread"))
        .arg("--out")
        .arg(out);
    c
}

#[test]
fn r5_alerts_exit_3_and_land_in_run_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    analyze(&out)
        .args(["--quiet", "--alert", "comments>=5"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "threadwatch: alert: comments>=5 (value 5)",
        ));
    analyze(&out)
        .args(["--alert", "harassment>0"])
        .assert()
        .success();
    analyze(&out)
        .args(["--alert", "loudness>1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "expected a metric among uncivil_rate",
        ));
    analyze(&out)
        .args(["--quiet", "--alert", "uncivil_rate > 0.5"])
        .assert()
        .success();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(json["alerts"][0]["rule"], "uncivil_rate>0.5");
    assert_eq!(json["alerts"][0]["crossed"], false);
    assert_eq!(json["counts"]["comments"], 5);
    assert_eq!(json["inputs"][0]["sha256"].as_str().unwrap().len(), 64);
}

#[test]
fn r5_run_json_is_byte_identical_across_runs_and_job_counts() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    analyze(&a)
        .args(["--quiet", "--jobs", "1"])
        .assert()
        .success();
    analyze(&b)
        .args(["--quiet", "--jobs", "4"])
        .assert()
        .success();
    for name in [
        "run.json",
        "comments.csv",
        "users.csv",
        "interactions.csv",
        "taunts.csv",
        "threads.csv",
    ] {
        assert_eq!(
            std::fs::read(a.join(name)).unwrap(),
            std::fs::read(b.join(name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn r5_a_held_lock_makes_a_second_run_wait_then_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    analyze(&out).arg("--quiet").assert().success();
    let before = snapshot(&out);
    // Issue 18: the lock is inside the folder, whatever --lock says.
    let held = std::fs::File::create(out.join(".threadwatch.lock")).unwrap();
    held.try_lock().unwrap();
    let started = std::time::Instant::now();
    analyze(&out)
        .args(["--lock-timeout", "0.5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "another threadwatch run holds the lock",
        ));
    assert!(started.elapsed() >= Duration::from_millis(500));
    analyze(&out)
        .args(["--lock-timeout", "0.2", "--lock"])
        .arg(dir.path().join("other.lock"))
        .assert()
        .code(2);
    assert_eq!(snapshot(&out), before, "nothing written while locked out");
    // A lock whose holder is gone (here: released) never blocks.
    drop(held);
    analyze(&out)
        .args(["--lock-timeout", "0"])
        .assert()
        .success();
    // --lock names an extra file, taken as well.
    analyze(&out)
        .arg("--lock")
        .arg(dir.path().join("custom.lock"))
        .assert()
        .success();
    assert!(dir.path().join("custom.lock").exists());
}

/// A page large enough that a run takes a while, in two versions.
fn big_page(seed: u64) -> String {
    threadwatch::generate::page(&threadwatch::generate::GenOptions {
        seed,
        target_bytes: 1 << 20,
        ..Default::default()
    })
}

/// The reports a reader sees in `dir`: its files but for hidden ones
/// (the run's own staging folder, journal and lock start with a dot).
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn r5_sigkill_leaves_the_old_set_or_the_new_set() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    sigkill_case(dir.path(), &out, 12);
    let beside: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut beside = beside;
    beside.sort();
    assert_eq!(
        beside,
        ["page.txt", "reference", "reports"],
        "nothing beside"
    );
}

/// Issue 18: through a symlink, the target gets the reports and the link
/// stays a link.
#[test]
#[cfg(unix)]
fn r18_sigkill_through_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("target");
    std::fs::create_dir(&target).unwrap();
    let link = dir.path().join("reports");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    sigkill_case(dir.path(), &link, 6);
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(target.join("comments.csv").exists());
}

/// Issue 18: on a mount point (here a tmpfs; Docker volumes and NFS
/// shares are the same case: another device than the parent) publishing
/// used to fail with EXDEV.  Needs root to mount: skips, saying why,
/// without it.
#[test]
#[cfg(target_os = "linux")]
fn r18_sigkill_on_a_mount_point() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mnt");
    std::fs::create_dir(&out).unwrap();
    let Some(_mount) = Tmpfs::mount(&out) else {
        return;
    };
    use std::os::unix::fs::MetadataExt;
    let before = std::fs::metadata(&out).unwrap();
    assert_ne!(
        before.dev(),
        std::fs::metadata(dir.path()).unwrap().dev(),
        "a mount point"
    );
    sigkill_case(dir.path(), &out, 6);
    let after = std::fs::metadata(&out).unwrap();
    assert_eq!((before.dev(), before.ino()), (after.dev(), after.ino()));
}

/// A tmpfs mounted for a test, unmounted when dropped.
pub struct Tmpfs(PathBuf);

impl Tmpfs {
    /// Mounts a tmpfs at `at`, or prints why it cannot and returns None.
    pub fn mount(at: &Path) -> Option<Tmpfs> {
        let status = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=256m", "tmpfs"])
            .arg(at)
            .stderr(Stdio::piped())
            .output();
        match status {
            Ok(o) if o.status.success() => Some(Tmpfs(at.to_owned())),
            Ok(o) => {
                crate::support::skip(&format!(
                    "the mount-point case: `mount -t tmpfs` failed (needs root): {}",
                    String::from_utf8_lossy(&o.stderr).trim()
                ));
                None
            }
            Err(e) => {
                crate::support::skip(&format!("the mount-point case: cannot run mount: {e}"));
                None
            }
        }
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.0)
            .status();
    }
}

/// Kills `kills` runs writing into `out` at moments spread over a whole
/// run, publishing included, and checks that each leaves the old set or
/// the new one (or a commit that the next run finishes before anything
/// else: docs/ROBUSTNESS.md), and that a last run leaves no staging,
/// journal or lock behind.  `scratch` holds the page and a reference run.
fn sigkill_case(scratch: &Path, out: &Path, kills: u32) {
    let page = scratch.join("page.txt");
    let run = |out: &Path| {
        std::process::Command::new(bin())
            .arg("analyze")
            .arg(&page)
            .args(["--quiet", "--out"])
            .arg(out)
            .stderr(Stdio::null())
            .status()
            .unwrap()
    };
    // The old set (version 1) and, elsewhere, the complete new set (version 2).
    std::fs::write(&page, big_page(1)).unwrap();
    assert!(run(out).success());
    let old = snapshot(out);
    std::fs::write(&page, big_page(2)).unwrap();
    let reference = scratch.join("reference");
    let started = std::time::Instant::now();
    assert!(run(&reference).success());
    let full = started.elapsed();
    let new = snapshot(&reference);
    assert_ne!(old, new);
    let mut seen_old = false;
    let mut seen_new = false;
    for i in 0..kills {
        let mut child = std::process::Command::new(bin())
            .arg("analyze")
            .arg(&page)
            .args(["--quiet", "--lock-timeout", "5", "--out"])
            .arg(out)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full.mul_f64(1.2 * f64::from(i) / f64::from(kills)));
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        let now = snapshot(out);
        if now == old {
            seen_old = true;
        } else if now == new {
            seen_new = true;
        } else {
            // Killed between two renames of the commit: the journal says
            // so, and holds the rest of the new set.
            let names: Vec<&String> = now.iter().map(|(n, _)| n).collect();
            assert!(
                out.join(".threadwatch-commit").is_dir(),
                "kill {i}: neither the old nor the new set, and no commit: {names:?}"
            );
        }
    }
    assert!(seen_old || seen_new);
    // The next run finishes or removes whatever a killed run left.
    assert!(run(out).success());
    assert_eq!(snapshot(out), new);
    let hidden: Vec<String> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
}

#[test]
fn r5_completions_and_man_page() {
    for shell in ["bash", "zsh", "fish"] {
        Command::new(bin())
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("analyze"))
            .stdout(predicate::str::contains("lock-timeout"));
    }
    Command::new(bin())
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH threadwatch 1"));
    Command::new(bin())
        .args(["completions", "tcsh"])
        .assert()
        .code(2);
}

#[test]
fn r5_formats_tsv_and_jsonl_replace_the_previous_set() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    analyze(&out).args(["--quiet"]).assert().success();
    analyze(&out)
        .args(["--quiet", "--format", "jsonl"])
        .assert()
        .success();
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "comments.jsonl",
            "interactions.jsonl",
            "run.json",
            "taunts.jsonl",
            "threads.jsonl",
            "users.jsonl"
        ]
    );
    let first = std::fs::read_to_string(out.join("comments.jsonl")).unwrap();
    let row: serde_json::Value = serde_json::from_str(first.lines().next().unwrap()).unwrap();
    assert_eq!(row["comment_id"], "1");
    assert_eq!(row["author"], "A");
    analyze(&out)
        .args(["--quiet", "--format", "tsv"])
        .assert()
        .success();
    let tsv = std::fs::read_to_string(out.join("comments.tsv")).unwrap();
    assert!(tsv.starts_with("source\tthread\tcomment_id\t"));
    assert!(!out.join("comments.jsonl").exists());
}

#[test]
fn r5_verbose_logs_steps_and_cron_logs_have_no_escape_codes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    let run = Command::new(bin())
        .args(["-v", "analyze"])
        .arg(fixture("ok/0003_nesting_and_dedent.thread"))
        .arg(fixture("ok/0011_article_bullet_list.thread"))
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let stderr = String::from_utf8(run.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("INFO reading and analysing inputs count=2"),
        "{stderr}"
    );
    assert!(stderr.contains("INFO reports published"), "{stderr}");
    // A warning, a summary and log lines, but no colour or progress codes.
    assert!(stderr.contains("warning:"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    // Without -v there is no log.
    analyze(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("INFO").not());
}

#[test]
fn r5_config_file_fills_flags_and_the_command_line_wins() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("threadwatch.toml"),
        "[analyze]\nout = \"from-config\"\nformat = \"tsv\"\nalerts = [\"comments>=5\"]\nquiet = true\n",
    )
    .unwrap();
    let page = fixture("ok/0003_nesting_and_dedent.thread");
    // Config supplies --out, --format and an alert (exit 3).
    Command::new(bin())
        .current_dir(dir.path())
        .arg("analyze")
        .arg(&page)
        .assert()
        .code(3);
    assert!(dir.path().join("from-config/comments.tsv").exists());
    // Flags win: csv into another folder.
    Command::new(bin())
        .current_dir(dir.path())
        .arg("analyze")
        .arg(&page)
        .args(["--format", "csv", "--out", "cli-out"])
        .assert()
        .code(3);
    assert!(dir.path().join("cli-out/comments.csv").exists());
    // A typo in the file is an error naming it, not a silently ignored key.
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[analyze]\nouts = \"x\"\n").unwrap();
    Command::new(bin())
        .current_dir(dir.path())
        .arg("analyze")
        .arg(&page)
        .arg("--config")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.toml").and(predicate::str::contains("outs")));
    // Without --out anywhere: a usage error.
    Command::new(bin())
        .arg("analyze")
        .arg(&page)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected --out DIR"));
}

#[test]
#[cfg(unix)]
fn r5_every_report_gets_the_mode_a_plain_file_gets() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    let state = dir.path().join("state.bin");
    analyze(&out)
        .arg("--incremental")
        .arg(&state)
        .assert()
        .success();
    let plain = dir.path().join("plain");
    std::fs::File::create(&plain).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.push(state);
    assert_eq!(files.len(), 7, "{files:?}");
    for f in files {
        assert_eq!(mode(&f), mode(&plain), "{}", f.display());
    }
}
