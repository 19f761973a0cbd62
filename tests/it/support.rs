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
        out.push_str(&format!(
            "{dotted} | {} | depth {} | line {} | {}\n",
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

/// A CSV report read whole, whose cells tests find by header name rather
/// than by position (issue 13: a new category adds a column).
pub struct Table {
    headers: csv::StringRecord,
    /// The data rows, in file order.
    pub rows: Vec<csv::StringRecord>,
}

impl Table {
    /// Reads the CSV file at `path`.
    pub fn read(path: &Path) -> Table {
        let mut rdr = csv::Reader::from_path(path).unwrap();
        let headers = rdr.headers().unwrap().clone();
        let rows = rdr.records().map(Result::unwrap).collect();
        Table { headers, rows }
    }

    /// The cell of row `row` in column `name`.
    pub fn get(&self, row: usize, name: &str) -> &str {
        let col = self
            .headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name:?} in {:?}", self.headers));
        &self.rows[row][col]
    }
}
