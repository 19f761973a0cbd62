//! Issue 27, item 14: what a packager and a scripter get: one man page
//! per subcommand, `--allow` on every command that scores texts, and a
//! release profile without debug info beside one for profiling.

use crate::support::{root, tw};

#[test]
fn r27_man_dir_writes_one_page_per_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("man1");
    tw().args(["man", "--dir"]).arg(&pages).assert().success();
    for sub in [
        "analyze", "check", "tree", "score", "explain", "eval", "train", "serve", "map", "merge",
    ] {
        let page = std::fs::read_to_string(pages.join(format!("threadwatch-{sub}.1")))
            .unwrap_or_else(|e| panic!("threadwatch-{sub}.1: {e}"));
        assert!(page.contains(&format!(".TH threadwatch-{sub} 1")), "{sub}");
    }
    let analyze = std::fs::read_to_string(pages.join("threadwatch-analyze.1")).unwrap();
    assert!(analyze.contains("incremental") && analyze.contains("tz"));
    let top = std::fs::read_to_string(pages.join("threadwatch.1")).unwrap();
    assert!(top.contains(".TH threadwatch 1"));
}

#[test]
fn r27_scoring_commands_take_allow() {
    let dir = tempfile::tempdir().unwrap();
    let allow = dir.path().join("allow.txt");
    std::fs::write(&allow, "idiot\n").unwrap();
    let texts = dir.path().join("texts.csv");
    std::fs::write(
        &texts,
        "id,text,label\n1,You are an idiot.,1\n2,Nice ferry.,0\n",
    )
    .unwrap();
    let flagged = |args: &[&str], allowed: bool| -> String {
        let mut c = tw();
        c.args(args);
        if allowed {
            c.arg("--allow").arg(&allow);
        }
        let o = c.output().unwrap();
        assert!(o.status.success(), "{args:?}: {o:?}");
        String::from_utf8(o.stdout).unwrap()
    };
    let t = texts.to_str().unwrap();
    // score: the insult is uncivil, and not once the site allows the word.
    let plain = flagged(&["score", t], false);
    assert!(
        plain.lines().nth(1).unwrap().split(',').nth(2) == Some("1"),
        "{plain}"
    );
    let allowed = flagged(&["score", t], true);
    assert!(
        allowed.lines().nth(1).unwrap().split(',').nth(2) == Some("0"),
        "{allowed}"
    );
    // explain likewise.
    assert!(flagged(&["explain", "You are an idiot."], false).contains("name_calling: idiot"));
    assert!(!flagged(&["explain", "You are an idiot."], true).contains("name_calling"));
    // eval reads the list (a missing one is an error naming it).
    flagged(&["eval", "--gold", t, "--label", "label"], true);
    let missing = tw()
        .args(["eval", "--gold", t, "--label", "label", "--allow"])
        .arg(dir.path().join("nosuch.txt"))
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read allow-list"));
    // train takes the flag (two rows are too few to train on, which it
    // says before it reads word lists; training itself is train.rs's).
    let train = tw()
        .args(["train", "--gold", t, "--label-col", "label", "--out"])
        .arg(dir.path().join("m"))
        .arg("--allow")
        .arg(&allow)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&train.stderr);
    assert!(!said.contains("unexpected argument"), "{said}");
}

#[test]
fn r27_release_has_no_debug_info_and_profiling_has() {
    let manifest: toml::Table = std::fs::read_to_string(root().join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let profile = &manifest["profile"];
    let release = &profile["release"];
    assert_eq!(release.get("debug").and_then(|d| d.as_bool()), Some(false));
    assert_eq!(
        release.get("strip").and_then(|d| d.as_str()),
        Some("debuginfo")
    );
    let profiling = &profile["profiling"];
    assert_eq!(profiling["inherits"].as_str(), Some("release"));
    assert_eq!(profiling["debug"].as_bool(), Some(true));
    let perf = std::fs::read_to_string(root().join("docs/PERFORMANCE.md")).unwrap();
    assert!(perf.contains("cargo build --profile profiling"));
}
