//! Issue 17: `threadwatch.xlsx` opens in a real spreadsheet with every
//! value where and as it should be.  LibreOffice (headless) converts the
//! workbook to CSV, one file per sheet, and to PDF (kept in
//! target/it-artifacts/workbook for a person to look at).  Skips, saying
//! why, when LibreOffice is not installed; `.ci/run` installs it.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use threadwatch::pipeline::Sink;
use threadwatch::report::xlsx::{WorkbookSink, FILE};

use crate::support::{artifacts, office_lock, run_sinks, sample_inputs, skip};

pub(crate) fn soffice() -> Option<&'static str> {
    ["soffice", "libreoffice"].into_iter().find(|b| {
        Process::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// Converts `book` with LibreOffice to `filter` in `out`.
fn convert(office: &str, book: &Path, filter: &str, out: &Path, profile: &Path) {
    let _one = office_lock();
    let o = Process::new(office)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", filter, "--outdir"])
        .arg(out)
        .arg(book)
        .output()
        .unwrap();
    assert!(o.status.success(), "{filter}: {o:?}");
}

/// Every sheet of `book` as CSV rows, by sheet name.
pub(crate) fn sheets(office: &str, book: &Path, dir: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let out = dir.join("csv");
    // Token 12 = -1: every sheet, each to `<name>-<sheet>.csv` (LO 7.2+);
    // token 9 = true: cells as shown (three decimals stay three).
    convert(
        office,
        book,
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
        &out,
        &dir.join("lo-profile"),
    );
    let stem = book.file_stem().unwrap().to_str().unwrap();
    let mut found: Vec<(String, Vec<Vec<String>>)> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = p.file_stem().unwrap().to_str().unwrap();
            let sheet = name.strip_prefix(&format!("{stem}-")).unwrap().to_owned();
            let rows = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_path(&p)
                .unwrap()
                .records()
                .map(|r| r.unwrap().iter().map(str::to_owned).collect())
                .collect();
            (sheet, rows)
        })
        .collect();
    found.sort();
    found
}

/// The workbook of the sample pages and the hostile page: from the
/// command line, or with `rows` rows a sheet through the library.
fn write_book(dir: &Path, rows: Option<u32>) -> PathBuf {
    let inputs = sample_inputs(dir);
    let out = dir.join("reports");
    match rows {
        None => {
            Command::cargo_bin("threadwatch")
                .unwrap()
                .arg("analyze")
                .args(&inputs)
                .args(["--quiet", "--xlsx", "--out"])
                .arg(&out)
                .assert()
                .success();
        }
        Some(rows) => {
            std::fs::create_dir_all(&out).unwrap();
            let sink: Box<dyn Sink> = Box::new(WorkbookSink::with_rows_per_sheet(rows));
            run_sinks(&inputs, &out, vec![sink]);
        }
    }
    out.join(FILE)
}

pub(crate) fn column(rows: &[Vec<String>], header_row: usize, name: &str) -> usize {
    rows[header_row]
        .iter()
        .position(|c| c == name)
        .unwrap_or_else(|| panic!("no column {name} in {:?}", rows[header_row]))
}

#[test]
fn r17_libreoffice_reads_the_workbook_typed_and_unevaluated() {
    let Some(office) = soffice() else {
        skip("LibreOffice (soffice) is not installed: the workbook is not checked");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let book = write_book(dir.path(), None);
    let sheets = sheets(office, &book, dir.path());
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "comments",
            "flagged",
            "interactions",
            "taunts",
            "threads",
            "users"
        ]
    );
    let get = |n: &str| &sheets.iter().find(|(s, _)| s == n).unwrap().1;

    let comments = get("comments");
    let id = column(comments, 0, "comment_id");
    let refs = column(comments, 0, "comment_ref");
    let excerpt = column(comments, 0, "excerpt");
    let incivility = column(comments, 0, "incivility");
    let author = column(comments, 0, "author");
    // Ids stay text: 1.10 is not the number 1.1.
    assert!(comments.iter().any(|r| r[id] == "1.10"), "{comments:?}");
    assert!(comments
        .iter()
        .any(|r| r[refs].ends_with("hostile.txt#1.10")));
    // Formulas are text, shown as written (no leading ', not evaluated).
    assert!(comments
        .iter()
        .any(|r| r[excerpt].starts_with("=HYPERLINK(\"http://evil.example\"")));
    assert!(comments.iter().any(|r| r[excerpt].starts_with("+cmd|")));
    assert!(comments
        .iter()
        .any(|r| r[excerpt].starts_with("-anonymous =line")));
    assert!(comments.iter().any(|r| r[excerpt].starts_with("@SUM(1,2)")));
    // UTF-8 survives: no mojibake as with CSV opened in the wrong encoding.
    assert!(comments.iter().any(|r| r[author] == "Mehmet Yılmaz"));
    assert!(comments.iter().any(|r| r[excerpt].contains('🚗')));
    // Scores are numbers shown with three decimals.
    for r in &comments[1..] {
        let x: f64 = r[incivility].parse().unwrap();
        assert!(
            (0.0..=1.0).contains(&x) && r[incivility].len() == 5,
            "{r:?}"
        );
    }

    // flagged: a title line, a header, then the uncivil comments worst first.
    let flagged = get("flagged");
    assert!(flagged[0][0].starts_with("Uncivil comments, worst first"));
    let score = column(flagged, 1, "incivility");
    let text = column(flagged, 1, "text");
    let target = column(flagged, 1, "target");
    let link = column(flagged, 1, "in_comments");
    let uncivil = column(comments, 0, "uncivil");
    let n_uncivil = comments[1..].iter().filter(|r| r[uncivil] == "1").count();
    assert!(n_uncivil > 0);
    assert_eq!(flagged.len() - 2, n_uncivil);
    let scores: Vec<f64> = flagged[2..]
        .iter()
        .map(|r| r[score].parse().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    // Full text, not the excerpt; and the person aimed at is named.
    let ann = flagged[2..]
        .iter()
        .find(|r| r[text].starts_with("Mehmet Yılmaz you are an idiot"))
        .expect("Ann's insult is flagged");
    assert!(ann[text].contains("<img src=x onerror=alert(2)>"));
    assert_eq!(ann[target], "Mehmet Yılmaz");
    // The link names the comments sheet and a row holding that comment.
    let (sheet, row) = ann[link].split_once(" row ").unwrap();
    assert_eq!(sheet, "comments");
    let row: usize = row.parse().unwrap();
    assert!(comments[row - 1][excerpt].starts_with("Mehmet Yılmaz you are an idiot"));

    // The other reports: counts are numbers, names are text.
    let users = get("users");
    let comments_col = column(users, 0, "comments");
    assert!(users[1..]
        .iter()
        .all(|r| r[comments_col].parse::<u64>().is_ok()));
    assert!(users.iter().any(|r| r[0] == "Ann Lee"));
    let threads = get("threads");
    assert_eq!(threads.len(), 1 + 3);

    // A PDF for a person to look at (pdftoppm turns it into PNGs).
    let keep = artifacts("workbook");
    std::fs::copy(&book, keep.join(FILE)).unwrap();
    convert(office, &book, "pdf", &keep, &dir.path().join("lo-profile"));
    assert!(keep.join("threadwatch.pdf").exists());
}

#[test]
fn r17_a_report_longer_than_a_sheet_goes_on_in_the_next() {
    let Some(office) = soffice() else {
        skip("LibreOffice (soffice) is not installed: the sheet split is not checked");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // 40 rows a sheet (header included): the samples' comments need three.
    let book = write_book(dir.path(), Some(40));
    let sheets = sheets(office, &book, dir.path());
    let parts: Vec<&(String, Vec<Vec<String>>)> = sheets
        .iter()
        .filter(|(n, _)| n.starts_with("comments"))
        .collect();
    assert!(
        parts.len() >= 2,
        "{:?}",
        sheets.iter().map(|s| &s.0).collect::<Vec<_>>()
    );
    assert_eq!(parts[0].0, "comments");
    assert_eq!(parts[1].0, "comments (2)");
    let mut refs = Vec::new();
    for (_, rows) in &parts {
        assert!(rows.len() <= 40);
        assert_eq!(rows[0][2], "comment_id", "every part has the header");
        let col = column(rows, 0, "comment_ref");
        refs.extend(rows[1..].iter().map(|r| r[col].clone()));
    }
    let all = refs.len();
    refs.sort();
    refs.dedup();
    assert_eq!(refs.len(), all, "no comment twice");
    let threads = sheets.iter().find(|(n, _)| n == "threads").unwrap();
    let count = column(&threads.1, 0, "comments");
    let total: usize = threads.1[1..]
        .iter()
        .map(|r| r[count].parse::<usize>().unwrap())
        .sum();
    assert_eq!(all, total, "every comment in exactly one part");
}

/// The XML parts of `book` whose names start with `prefix`, by name.
pub(crate) fn parts(book: &Path, prefix: &str) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(book).unwrap()).unwrap();
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().unwrap().into_owned();
        if name.starts_with(prefix) && name.ends_with(".xml") {
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut part, &mut xml).unwrap();
            out.push((name, xml));
        }
    }
    out.sort();
    out
}

/// The `r` of every `<row>` of a sheet's XML, in file order.
fn row_numbers(xml: &str) -> Vec<u32> {
    xml.match_indices("<row r=\"")
        .map(|(at, tag)| {
            let rest = &xml[at + tag.len()..];
            rest[..rest.find('"').unwrap()].parse().unwrap()
        })
        .collect()
}

#[test]
fn r27_every_sheet_has_each_row_once_in_order() {
    // rust_xlsxwriter 0.102 wrote the last row of a sheet twice when it
    // had a height.  Only `flagged` (the first sheet) sets heights now, and
    // ends with a row without one.  Whole sheets, and sheets split at 40
    // rows (the last row of each part).
    for rows in [None, Some(40)] {
        let dir = tempfile::tempdir().unwrap();
        let book = write_book(dir.path(), rows);
        let sheets = parts(&book, "xl/worksheets/sheet");
        assert!(sheets.len() >= 6, "{rows:?}: {} sheets", sheets.len());
        for (name, xml) in &sheets {
            let numbers = row_numbers(xml);
            assert!(!numbers.is_empty(), "{rows:?} {name}: no rows");
            assert!(
                numbers.windows(2).all(|w| w[0] < w[1]),
                "{rows:?} {name}: rows not once each, ascending: {numbers:?}"
            );
            // Heights are kept where whole comments are read, and only
            // there (they are held in memory until the workbook is saved).
            let first = name == "xl/worksheets/sheet1.xml";
            assert_eq!(xml.contains("customHeight"), first, "{rows:?} {name}");
        }
    }
}
