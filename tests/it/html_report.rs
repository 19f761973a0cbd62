//! Issue 17: `report.html` in a real browser.  Headless Chromium renders
//! the report of the sample pages and a hostile page, the DOM it builds
//! (after the page's script ran) is checked, and a screenshot is kept in
//! target/it-artifacts/html for a person to look at.  Skips, saying why,
//! when Chromium is not installed; `.ci/run` installs it.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use threadwatch::report::html::FILE;

use crate::support::{artifacts, sample_inputs, skip};

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Process::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

/// Headless Chromium with nothing of its own going to the network.
fn browser(bin: &str, profile: &Path) -> Process {
    let mut p = Process::new(bin);
    p.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    p
}

/// report.html of the sample pages and the hostile page, from the
/// command line (with `--dot`, whose file is checked too).
fn report(dir: &Path) -> PathBuf {
    let inputs = sample_inputs(dir);
    let out = dir.join("reports");
    let dot = dir.join("attacks.dot");
    Command::cargo_bin("threadwatch")
        .unwrap()
        .arg("analyze")
        .args(&inputs)
        .args(["--quiet", "--html", "--dot"])
        .arg(&dot)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let dot = std::fs::read_to_string(dot).unwrap();
    assert!(dot.starts_with("digraph {"), "{dot}");
    assert!(dot.contains(r#"[ label = "Mehmet Yılmaz""#), "{dot}");
    out.join(FILE)
}

#[test]
fn r17_report_html_is_self_contained_and_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let html = std::fs::read_to_string(report(dir.path())).unwrap();
    // One script (the page's own) and no markup from the comments.
    assert_eq!(html.matches("<script").count(), 1);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(!html.contains("<img"));
    // Nothing is loaded from anywhere: no src or stylesheet links, and a
    // policy that forbids them.
    assert!(
        html.contains(r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none';"#)
    );
    assert!(!html.contains(" src=\""), "no element loads anything");
    assert!(!html.contains("href=\"http"));
    assert!(!html.contains("<link"));
}

#[test]
fn r17_chromium_renders_the_report() {
    let Some(bin) = chromium() else {
        skip("Chromium is not installed: report.html is not rendered in a browser");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = report(dir.path());
    let url = format!("file://{}", page.display());
    let dom = browser(bin, &dir.path().join("profile-dom"))
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .unwrap();
    assert!(dom.status.success(), "{dom:?}");
    let dom = String::from_utf8(dom.stdout).unwrap();
    // The script ran under the page's policy.
    assert!(
        dom.contains(r#"data-ready="1""#),
        "the page's script did not run"
    );
    // The hostile comment is text in the DOM, not elements.
    assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(dom.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(!dom.contains("<img"));
    assert_eq!(dom.matches("<script").count(), 1);
    // A moderator's first three questions are answered at the top.
    let start = &dom[dom.find(r#"id="start""#).unwrap()..dom.find(r#"id="summary""#).unwrap()];
    assert!(start.contains("Formula Day At The Gazette"), "{start}");
    assert!(start.contains("<bdi>Ann Lee</bdi>, #1.1"), "{start}");
    assert!(start.contains("<b><bdi>Mehmet Yılmaz</bdi></b>"), "{start}");
    assert!(
        start.contains(r#"<mark class="f" title="name_calling">idiot</mark>"#),
        "{start}"
    );
    // Every thread, the graph and the people table are there.
    // quiet_street.txt has no comments: two threads to show.
    assert_eq!(dom.matches(r#"<details class="th""#).count(), 2);
    assert!(dom.contains("<svg"));
    assert!(dom.contains(r#"data-author="Gus Pettigrew""#));

    // Filters, set by a link: only Ann Lee's flagged comment stays.
    let filtered = browser(bin, &dir.path().join("profile-filter"))
        .arg("--dump-dom")
        .arg(format!("{url}#flagged&author=Ann%20Lee"))
        .output()
        .unwrap();
    let filtered = String::from_utf8(filtered.stdout).unwrap();
    assert!(filtered.contains(r#"<span class="note" id="f-count">1 comment matches</span>"#));
    let comments = filtered.matches(r#" data-d=""#).count();
    let hidden = filtered.matches(r#" filt" id="c"#).count();
    assert_eq!(
        hidden + 1,
        comments,
        "every comment but Ann's is filtered out"
    );
    assert!(
        // Its score band (s5..s8 since issue 24 ranks insults below threats).
        filtered.contains(r#" d2 u" id="c"#),
        "{filtered}"
    );
    // Search: words anywhere in a comment.
    let searched = browser(bin, &dir.path().join("profile-search"))
        .arg("--dump-dom")
        .arg(format!("{url}#q=bakery%20on%20Quay"))
        .output()
        .unwrap();
    let searched = String::from_utf8(searched.stdout).unwrap();
    assert!(
        searched.contains(">1 comment matches<"),
        "search finds Marina's comment"
    );

    let keep = artifacts("html");
    std::fs::copy(&page, keep.join(FILE)).unwrap();
    let shot = keep.join("report.png");
    let o = browser(bin, &dir.path().join("profile-shot"))
        .arg("--window-size=1280,3000")
        .arg(format!("--screenshot={}", shot.display()))
        .arg(&url)
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "a real screenshot"
    );
}
