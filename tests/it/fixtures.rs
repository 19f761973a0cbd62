//! Golden parse cases: every `tests/fixtures/ok/*.thread` has a `.tree`
//! dump beside it, every `err/*.thread` a `.err` with `line:col: message`.
//! Regenerate with `UPDATE_GOLDEN=1 cargo test`, then read the diff.

use std::path::{Path, PathBuf};

use threadwatch::input::read_thread;
use threadwatch::Error;

use crate::oracle;
use crate::support::{check_golden, dump, root};

fn cases(dir: &str) -> Vec<PathBuf> {
    let dir = root().join("tests/fixtures").join(dir);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "thread"))
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no fixtures in {}", dir.display());
    v
}

fn sibling(p: &Path, ext: &str) -> PathBuf {
    p.with_extension(ext)
}

#[test]
fn ok_fixtures_parse_to_their_tree() {
    for case in cases("ok") {
        let thread = read_thread(&case)
            .unwrap_or_else(|e| panic!("{}: expected to parse: {e}", case.display()));
        check_golden(&sibling(&case, "tree"), &dump(&thread));
    }
}

#[test]
fn err_fixtures_fail_with_their_message() {
    for case in cases("err") {
        match read_thread(&case) {
            Ok(_) => panic!("{}: expected an error", case.display()),
            Err(Error::Parse(e)) => {
                let got = format!("{}:{}: {}\n", e.line, e.column, e.kind);
                check_golden(&sibling(&case, "err"), &got);
                // The printed form leads with the path, for editors.
                assert!(e.to_string().starts_with(&format!("{}:", case.display())));
            }
            Err(e) => panic!("{}: expected a parse error, got {e}", case.display()),
        }
    }
}

/// Every fixture, good or bad, meets what the fuzz targets check (errors
/// point inside the input and quote its line; pages survive being written
/// and read again); fixtures named `r7_*` are crashes the fuzzer found.
#[test]
fn every_fixture_meets_the_fuzz_properties() {
    for case in cases("ok").into_iter().chain(cases("err")) {
        let bytes = std::fs::read(&case).unwrap();
        if let Err(why) = oracle::check_page(&bytes) {
            panic!("{}: {why}", case.display());
        }
    }
}
