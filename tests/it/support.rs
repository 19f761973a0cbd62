//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use threadwatch::Thread;

/// The project root (tests run with the package root as cwd, but be explicit).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared data folder: `../shared`, or `THREADWATCH_SHARED` when set
/// (set it to a missing path to see what a fresh clone skips).
pub fn shared_root() -> PathBuf {
    match std::env::var_os("THREADWATCH_SHARED") {
        Some(p) => PathBuf::from(p),
        None => root().join("..").join("shared"),
    }
}

/// `<shared>/<rel>` when present; otherwise records a skip and returns
/// `None`, so a fresh clone without the shared data still passes, and
/// `make test` lists what it did not check.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let p = shared_root().join(rel);
    if p.exists() {
        Some(p)
    } else {
        skip(&format!("{} is absent", p.display()));
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

/// Says on the real stderr why a test skips: libtest captures `eprintln!`
/// of a passing test, so a skip said that way was silent (issue 17).  It
/// also appends a line to the skip log, which `make test` clears before
/// and prints after the tests: a skipped test shows `ok` in libtest's
/// list, and a notice on stderr scrolls away (issue 27).
pub fn skip(reason: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "skipping: {reason}");
    let _ = record_skip(&skip_log(), &skip_line(reason));
}

/// Where skips are logged: `THREADWATCH_SKIP_LOG`, or
/// `skipped-tests.txt` in cargo's scratch folder for integration tests
/// (`target/tmp`), the file the Makefile reads.
pub fn skip_log() -> PathBuf {
    match std::env::var_os("THREADWATCH_SKIP_LOG") {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_TARGET_TMPDIR")).join("skipped-tests.txt"),
    }
}

/// `test name: reason`, one line (libtest names each test's thread after
/// the test; run on the main thread, the name is unknown).
pub fn skip_line(reason: &str) -> String {
    let thread = std::thread::current();
    let name = match thread.name() {
        Some(n) if n != "main" => n,
        _ => "(a test)",
    };
    format!("{name}: {}\n", reason.replace('\n', " "))
}

/// Appends `line` to `log` in one write: the file is opened for append,
/// so lines from tests running in parallel (threads here, or several test
/// binaries) do not interleave.
pub fn record_skip(log: &Path, line: &str) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = log.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)?;
    f.write_all(line.as_bytes())
}

/// Runs `sinks` over the pages at `paths` into `dir` through the
/// library's run (`pipeline::run`), with default settings.
pub fn run_sinks(paths: &[PathBuf], dir: &Path, sinks: Vec<Box<dyn threadwatch::pipeline::Sink>>) {
    use threadwatch::analyze::incivility::{Scorer, UNCIVIL_THRESHOLD};
    use threadwatch::analyze::matcher::Lexicon;
    use threadwatch::analyze::model::Model;
    use threadwatch::analyze::people::Rules;
    use threadwatch::pipeline::{self, Input, Inputs, PageSource, Silent};
    use threadwatch::report::run::RunOptions;

    let lexicon = Lexicon::builtin();
    let rules = Rules::default();
    let config = pipeline::Config {
        scorer: Scorer {
            lexicon: &lexicon,
            model: Model::builtin(),
        },
        threshold: UNCIVIL_THRESHOLD,
        rules,
        source: &PageSource,
        incremental: None,
        options: RunOptions {
            format: "csv".to_owned(),
            delimiter: ",".to_owned(),
            bom: false,
            lexicon_dir: None,
            glob: None,
            uncivil_threshold: UNCIVIL_THRESHOLD,
            harassment_min: rules.harassment_min,
            dogpile_min: rules.dogpile_min,
            model: None,
            model_format: String::new(),
            model_sha256: String::new(),
        },
        lexicon_version: lexicon.version_hash(),
        model_version: Model::builtin().version(),
        alerts: &|_, _, _| Vec::new(),
        events: &Silent,
    };
    let inputs = Inputs {
        list: paths.iter().cloned().map(Input::File).collect(),
        stdin: Vec::new(),
    };
    let mut sinks = sinks;
    pipeline::run(&config, &inputs, dir, &mut sinks).unwrap();
}

/// A page of hostile cells for the workbook and the HTML report: formulas,
/// markup, non-ASCII names, an emoji, and a comment with id `1.10`.
pub const HOSTILE_PAGE: &str = r#"Formula Day At The Gazette

The council met on Tuesday about the new bridge, and Mayor Hollis Crane spoke.

  • Mehmet Yılmaz

    =HYPERLINK("http://evil.example","click") is what I think. <script>alert(1)</script>

    Second paragraph, with a "quote" and a comma.

    • Ann Lee

      Mehmet Yılmaz you are an idiot and a pathetic liar. <img src=x onerror=alert(2)> 🚗

    • Bo Chen

      reply number 2, polite enough

    • Cy Dorn

      reply number 3, polite enough

    • Di Eve

      reply number 4, polite enough

    • Ed Fox

      reply number 5, polite enough

    • Flo Gray

      reply number 6, polite enough

    • Gus Hale

      reply number 7, polite enough

    • Hal Ives

      reply number 8, polite enough

    • Ida Joy

      reply number 9, polite enough

    • Jo Kent

      +cmd|' /C calc'!A0 shut up you moron, Mehmet

    • Kai Lund

      @SUM(1,2) &amp; -2+3 is the sum

  • -anonymous =line at top level
"#;

/// Where tests leave what a person should look at (screenshots, PDFs):
/// `target/it-artifacts/NAME`, emptied first.
pub fn artifacts(name: &str) -> PathBuf {
    let dir = root().join("target").join("it-artifacts").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The sample pages plus the hostile page (written into `dir`).
pub fn sample_inputs(dir: &Path) -> Vec<PathBuf> {
    let hostile = dir.join("hostile.txt");
    std::fs::write(&hostile, HOSTILE_PAGE).unwrap();
    // The pages (the export samples beside them have their own tests).
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(root().join("data/samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    inputs.push(hostile);
    inputs.sort();
    inputs
}

/// One LibreOffice at a time: two headless instances started together
/// (even with their own profiles) crash now and then.
pub fn office_lock() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// A CSV report read whole, whose cells tests find by header name rather
/// than by position (issue 13: a new category adds a column).
pub struct Table {
    /// The header row.
    pub headers: csv::StringRecord,
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
