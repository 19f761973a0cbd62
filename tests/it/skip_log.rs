//! Issue 27: a test that skips must not pass for one that checked.
//! `support::skip` appends a line to a log that `make test` clears before
//! the tests and prints after them; these tests hold what that relies on.

use crate::support::{record_skip, skip_line};

#[test]
fn r27_skips_from_parallel_tests_are_whole_lines_in_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("nested").join("skipped-tests.txt");
    // Eight threads at once, as libtest runs tests; a line each time.
    std::thread::scope(|s| {
        for t in 0..8 {
            let log = &log;
            s.spawn(move || {
                for i in 0..25 {
                    let line = format!("t{t}: reason {i} {}\n", "x".repeat(200));
                    record_skip(log, &line).unwrap();
                }
            });
        }
    });
    let text = std::fs::read_to_string(&log).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 8 * 25);
    assert!(lines
        .iter()
        .all(|l| l.starts_with('t') && l.ends_with(&"x".repeat(200))));
}

#[test]
fn r27_a_skip_line_names_the_test_and_stays_one_line() {
    let line = skip_line("LibreOffice is not\ninstalled");
    assert!(
        line.starts_with("skip_log::r27_a_skip_line_names_the_test")
            || line.starts_with("(a test)"),
        "{line}"
    );
    assert!(line.ends_with("LibreOffice is not installed\n"), "{line}");
    assert_eq!(line.matches('\n').count(), 1);
}
