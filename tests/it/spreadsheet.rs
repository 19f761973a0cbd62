//! Issue 5: the reports open cleanly in a real spreadsheet.  Each CSV is
//! opened by LibreOffice (headless) and saved back as CSV; if any cell had
//! been read as a formula its text would come back evaluated, and if any
//! row lost or gained a column the shapes would differ.  Skips with a
//! notice when LibreOffice (`soffice`) is not installed; `.ci/run`
//! installs it.
//!
//! A dotted id such as `1.10` is read as the number 1.1 by spreadsheets
//! (so `comment_id` compares as a number here); `comment_ref`
//! (`source#comment_id`) is the key that always stays text, and the test
//! checks that it comes back unchanged.

use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;

fn soffice() -> Option<&'static str> {
    ["soffice", "libreoffice"].into_iter().find(|b| {
        Process::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

fn records(path: &Path) -> Vec<Vec<String>> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .unwrap();
    rdr.records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

const HOSTILE: &str = concat!(
    "Formula Day At The Gazette\n\n",
    "  • =HYPERLINK(\"http://evil.example\",\"click\")\n\n",
    "    =1+1 is what I think.\n\n",
    "    Second paragraph, with a \"quote\" and a comma.\n\n",
    "    • +cmd|' /C calc'!A0\n\n",
    "      -2+3 you idiot\n\n",
    "    • Ann\n\n      reply two\n\n",
    "    • Ann\n\n      reply three\n\n",
    "    • Ann\n\n      reply four\n\n",
    "    • Ann\n\n      reply five\n\n",
    "    • Ann\n\n      reply six\n\n",
    "    • Ann\n\n      reply seven\n\n",
    "    • Ann\n\n      reply eight\n\n",
    "    • Ann\n\n      reply nine\n\n",
    "    • Ann\n\n      reply ten\n\n",
    "  • @SUM(1,2)\n\n",
    "    @user said hello\n",
    "    second line of the same paragraph\n\n",
    "  • -anonymous =line at top level\n",
);

#[test]
fn r5_libreoffice_opens_every_report_without_formulas_or_shifted_columns() {
    let Some(office) = soffice() else {
        crate::support::skip(
            "LibreOffice (soffice) is not installed: the CSVs are not opened in a spreadsheet",
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("hostile.txt");
    std::fs::write(&page, HOSTILE).unwrap();
    let out = dir.path().join("reports");
    Command::cargo_bin("threadwatch")
        .unwrap()
        .arg("analyze")
        .arg(&page)
        .args(["--quiet", "--out"])
        .arg(&out)
        .assert()
        .success();
    let _one = crate::support::office_lock();
    let profile = dir.path().join("lo-profile");
    let converted = dir.path().join("converted");
    for report in [
        "comments.csv",
        "users.csv",
        "interactions.csv",
        "taunts.csv",
        "threads.csv",
    ] {
        let input = out.join(report);
        let status = Process::new(office)
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args(["--headless", "--infilter=CSV:44,34,76,1", "--convert-to"])
            .arg("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false")
            .arg("--outdir")
            .arg(&converted)
            .arg(&input)
            .output()
            .unwrap();
        assert!(status.status.success(), "{report}: {status:?}");
        let before = records(&input);
        let after = records(&converted.join(report));
        assert_eq!(before.len(), after.len(), "{report}: rows");
        if report == "comments.csv" {
            let col = before[0].iter().position(|c| c == "comment_ref").unwrap();
            let refs =
                |rows: &[Vec<String>]| rows.iter().map(|r| r[col].clone()).collect::<Vec<_>>();
            assert_eq!(refs(&after), refs(&before), "comment_ref must stay text");
            assert!(before.iter().any(|r| r[col].ends_with("#1.10")));
        }
        for (b, a) in before.iter().zip(&after) {
            assert_eq!(b.len(), a.len(), "{report}: columns of {b:?}");
            for (cb, ca) in b.iter().zip(a) {
                // Numbers may be reprinted (0.500 -> 0.5); text must not change.
                let same_number = cb
                    .parse::<f64>()
                    .ok()
                    .zip(ca.parse::<f64>().ok())
                    .is_some_and(|(x, y)| x == y);
                assert!(
                    cb == ca || same_number,
                    "{report}: {cb:?} came back as {ca:?}"
                );
            }
        }
    }
    // The hostile cells really were in the file, neutralised.
    let comments = std::fs::read_to_string(out.join("comments.csv")).unwrap();
    assert!(comments.contains("\"'=HYPERLINK("), "{comments}");
    assert!(comments.contains(",'+cmd|"), "{comments}");
}
