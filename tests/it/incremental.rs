//! Issue 5: `--incremental STATE` skips unchanged inputs and still writes
//! the same reports as a full run over the same inputs, per-user and
//! per-pair figures across inputs included.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("threadwatch")
}

/// Bob insults Ann once per page, so harassment (2 uncivil comments at
/// one person) exists only across pages.
fn page(title: &str, reply: &str) -> String {
    format!(
        "{title}\n\nThe council met on Tuesday.\n\n  • Ann\n\n    I like the new timetable.\n\n    \
         • Bob\n\n      {reply}\n\n  • Cal\n\n    Fares should fall.\n"
    )
}

/// `threadwatch [--config CONFIG] analyze PAGES --out OUT [--incremental
/// STATE] EXTRA...`
fn analyze(
    config: Option<&Path>,
    pages: &Path,
    out: &Path,
    state: Option<&Path>,
    extra: &[&str],
) -> Command {
    let mut c = Command::new(bin());
    if let Some(config) = config {
        c.arg("--config").arg(config);
    }
    c.arg("analyze").arg(pages).arg("--out").arg(out);
    if let Some(s) = state {
        c.arg("--incremental").arg(s);
    }
    c.args(extra);
    c
}

fn run(pages: &Path, out: &Path, state: Option<&Path>) -> assert_cmd::assert::Assert {
    analyze(None, pages, out, state, &[]).assert()
}

fn reports(out: &Path) -> Vec<(String, String)> {
    ["comments", "users", "interactions", "taunts", "threads"]
        .iter()
        .map(|r| {
            let name = format!("{r}.csv");
            let text = std::fs::read_to_string(out.join(&name)).unwrap();
            (name, text)
        })
        .collect()
}

/// A full run into `full` and an incremental one into `inc`: their reports
/// must be byte-identical; gives (reused, analysed) of the incremental run.
fn full_and_incremental(pages: &Path, full: &Path, inc: &Path, state: &Path) -> (u64, u64) {
    run(pages, full, None).success();
    run(pages, inc, Some(state)).success();
    assert_eq!(reports(inc), reports(full));
    let j = run_json(inc);
    let n = |k: &str| j["incremental"][k].as_u64().unwrap();
    (n("reused"), n("analysed"))
}

fn run_json(out: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap()
}

#[test]
fn r5_incremental_runs_match_full_runs_as_inputs_change() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    // The state's folder is created on the first run, as cron users expect.
    let state = dir.path().join("state").join("threadwatch.state");
    let (full, inc) = (dir.path().join("full"), dir.path().join("inc"));
    std::fs::write(
        pages.join("a.txt"),
        page("Ferries", "You idiot, nobody asked you."),
    )
    .unwrap();
    std::fs::write(pages.join("b.txt"), page("Buses", "Quiet, you moron.")).unwrap();
    std::fs::write(pages.join("c.txt"), page("Trams", "Good point, Ann.")).unwrap();

    // First run: no state yet, everything analysed.
    assert_eq!(full_and_incremental(&pages, &full, &inc, &state), (0, 3));
    assert!(run_json(&full).get("incremental").is_none());
    // The cross-page figure exists, so the comparison means something.
    let mut users = csv::Reader::from_path(full.join("users.csv")).unwrap();
    let col = users
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "harassment");
    let bob = users
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == "Bob")
        .unwrap();
    assert_eq!(&bob[col.unwrap()], "1", "{bob:?}");
    let pairs = std::fs::read_to_string(full.join("interactions.csv")).unwrap();
    assert!(
        pairs
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("Bob,Ann,3,2,2,1,"),
        "{pairs}"
    );

    // One page changed, one gone, one new: only two pages are analysed,
    // and the figures still cover exactly the pages named now.
    std::fs::write(pages.join("c.txt"), page("Trams", "Liar. You idiot.")).unwrap();
    std::fs::remove_file(pages.join("b.txt")).unwrap();
    std::fs::write(pages.join("d.txt"), page("Roads", "What a stupid fool.")).unwrap();
    assert_eq!(full_and_incremental(&pages, &full, &inc, &state), (1, 2));
    let comments = std::fs::read_to_string(inc.join("comments.csv")).unwrap();
    assert!(!comments.contains("b.txt"), "a removed page left rows");

    // Nothing changed: nothing analysed, same reports.
    assert_eq!(full_and_incremental(&pages, &full, &inc, &state), (3, 0));
}

#[test]
fn r5_incremental_keeps_warnings_and_retries_failed_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    let state = dir.path().join("state.bin");
    let out = dir.path().join("out");
    // A bulleted list before the story's last line is kept as article text
    // with a warning; the warning must be printed on reuse too.
    std::fs::write(
        pages.join("a.txt"),
        "Title\n\n• one\n• two\n\nMore story.\n\n  • Ann\n\n    Hello.\n",
    )
    .unwrap();
    std::fs::write(pages.join("bad.txt"), "Title\n\n  • Ann\n\n\tHello\n").unwrap();
    let first = run(&pages, &out, Some(&state)).code(1);
    let first_err = String::from_utf8(first.get_output().stderr.clone()).unwrap();
    let second = run(&pages, &out, Some(&state)).code(1);
    let second_err = String::from_utf8(second.get_output().stderr.clone()).unwrap();
    assert!(first_err.contains("warning:"), "{first_err}");
    assert_eq!(first_err, second_err);
    let j = run_json(&out);
    assert_eq!(j["incremental"]["reused"], 1);
    assert_eq!(j["incremental"]["analysed"], 0);
    assert_eq!(j["counts"]["failed"], 1);
}

/// Issue 5 made a foreign or corrupt state an error; issue 18 sets it
/// aside instead, so a cron job does not fail until someone deletes it.
#[test]
fn r18_foreign_or_corrupt_state_is_set_aside_and_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    std::fs::write(pages.join("a.txt"), page("Ferries", "You idiot.")).unwrap();
    let out = dir.path().join("out");
    let state = dir.path().join("state.bin");
    let aside = dir.path().join("state.bin.set-aside");

    std::fs::write(&state, "not a state\n").unwrap();
    run(&pages, &out, Some(&state))
        .success()
        .stderr(predicate::str::contains("not a threadwatch state file"))
        .stderr(predicate::str::contains(
            "rebuilding the state with a full run",
        ));
    // The foreign file is kept, under another name.
    assert_eq!(std::fs::read_to_string(&aside).unwrap(), "not a state\n");
    let good = std::fs::read(&state).unwrap();

    std::fs::write(&state, &good[..good.len() / 2]).unwrap();
    run(&pages, &out, Some(&state))
        .success()
        .stderr(predicate::str::contains("corrupt state file"));
    // Rebuilt to the same bytes a first run writes.
    assert_eq!(std::fs::read(&state).unwrap(), good);
}

#[test]
fn r5_people_thresholds_come_from_flags_or_config_and_reuse_the_state() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    std::fs::write(pages.join("a.txt"), page("Ferries", "You idiot.")).unwrap();
    std::fs::write(pages.join("b.txt"), page("Buses", "Quiet, you moron.")).unwrap();
    let (out, state) = (dir.path().join("out"), dir.path().join("state.bin"));
    let harassment = |out: &Path| run_json(out)["counts"]["harassment"].clone();
    run(&pages, &out, Some(&state)).success();
    assert_eq!(harassment(&out), 1);

    // A stricter rule from the command line: the cached analyses stay
    // valid (the per-user stage is always recomputed).
    analyze(None, &pages, &out, Some(&state), &["--harassment-min", "3"])
        .assert()
        .success();
    assert_eq!(harassment(&out), 0);
    assert_eq!(run_json(&out)["incremental"]["reused"], 2);
    assert_eq!(run_json(&out)["options"]["harassment_min"], 3);

    // The same from threadwatch.toml; a flag still wins over it.
    let config = dir.path().join("tw.toml");
    std::fs::write(&config, "[analyze]\nharassment_min = 3\ndogpile_min = 2\n").unwrap();
    let with_config = |extra: &[&str]| {
        analyze(Some(&config), &pages, &out, None, extra)
            .assert()
            .success();
        run_json(&out)
    };
    let j = with_config(&[]);
    assert_eq!(j["counts"]["harassment"], 0);
    assert_eq!(j["options"]["dogpile_min"], 2);
    assert_eq!(
        with_config(&["--harassment-min", "2"])["counts"]["harassment"],
        1
    );

    std::fs::write(&config, "[analyze]\nharassment_min = 0\n").unwrap();
    analyze(Some(&config), &pages, &out, None, &[])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "harassment_min: expected a whole number of at least 1",
        ));
}

#[test]
fn r5_uncivil_threshold_from_flag_or_config_and_a_new_threshold_reanalyses() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    std::fs::write(pages.join("a.txt"), page("Ferries", "You idiot.")).unwrap();
    std::fs::write(
        pages.join("b.txt"),
        page("Buses", "Hey, genius, read it again."),
    )
    .unwrap();
    let (out, state) = (dir.path().join("out"), dir.path().join("state.bin"));
    let with_state = |extra: &[&str]| {
        analyze(None, &pages, &out, Some(&state), extra)
            .assert()
            .success();
        run_json(&out)
    };
    let default = with_state(&[]);
    let low = with_state(&["--uncivil-threshold", "0.01"]);
    // Other settings invalidate the cached analyses: all analysed again.
    assert_eq!(low["incremental"]["analysed"], 2);
    assert_eq!(low["options"]["uncivil_threshold"], 0.01);
    let n = |j: &serde_json::Value| j["counts"]["uncivil_comments"].as_u64().unwrap();
    assert!(n(&low) > n(&default), "{} vs {}", n(&low), n(&default));
    assert_eq!(n(&low), 6, "every comment scores at least 0.01");
    // Every uncivil row carries its evidence, learned words included.
    let comments = std::fs::read_to_string(out.join("comments.csv")).unwrap();
    assert!(comments.contains("learned: "), "{comments}");

    let config = dir.path().join("tw.toml");
    std::fs::write(&config, "[analyze]\nuncivil_threshold = 1.5\n").unwrap();
    analyze(Some(&config), &pages, &out, None, &[])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "uncivil_threshold: expected a number from 0 to 1",
        ));
    analyze(None, &pages, &out, None, &["--uncivil-threshold", "2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected a number from 0 to 1"));
}
