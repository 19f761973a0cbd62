//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use threadwatch::Thread;

/// The project root (tests run with the package root as cwd, but be explicit).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/<rel>` when present; otherwise prints a notice and returns
/// `None`, so a fresh clone without the shared data still passes.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let p = root().join("..").join("shared").join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipping: {} is absent", p.display());
        None
    }
}

/// A thread as a stable text dump: title, warnings, then one line per
/// comment with id, author, depth, line and the body (line breaks as \n).
pub fn dump(t: &Thread) -> String {
    let mut out = format!("title: {}\n", t.title);
    for w in &t.warnings {
        out.push_str(&format!("warning {}:{}: {}\n", w.line, w.column, w.message));
    }
    for (id, dotted) in t.tree.with_dotted_ids() {
        let c = t.tree.comment(id);
        // What only some inputs have (issue 16) is shown only when there,
        // so the older goldens read as before.
        let mut extra = String::new();
        if let Some(t) = c.created {
            extra.push_str(&format!(" | created {t}"));
        }
        if let Some(x) = &c.external_id {
            extra.push_str(&format!(" | id {x}"));
        }
        if let Some(s) = c.status {
            extra.push_str(&format!(" | {}", s.as_str()));
        }
        out.push_str(&format!(
            "{dotted} | {} | depth {} | line {}{extra} | {}\n",
            c.author.as_deref().unwrap_or("(anonymous)"),
            c.depth,
            c.line,
            c.body.replace('\n', "\\n")
        ));
    }
    out
}

/// Compares `actual` with the golden file; `UPDATE_GOLDEN=1` rewrites it.
pub fn check_golden(path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1)", path.display()));
    assert_eq!(actual, expected, "golden mismatch: {}", path.display());
}

/// The threadwatch binary, run from the repository root with the colour
/// variables of the caller's environment removed, so output is the same
/// wherever the tests run.
pub fn tw() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("threadwatch").unwrap();
    c.env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE");
    c.current_dir(root());
    c
}
