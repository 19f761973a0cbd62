//! The functional suite of issue 14: one CSV file per competency in
//! `tests/functional/` (threats, hate, negation, obfuscation, reported
//! speech, targets, mockery), each row a text with what a moderator
//! expects.  The cases were written by the team for this suite; no public
//! functional test suite for hate or abuse is used.
//!
//! Columns: `text`; `uncivil` (0/1, or empty when only flags and target
//! are checked); `flags`, the flag columns that must be 1, or with a `-`
//! in front must be 0 (space-separated, may be empty); `target`, the expected `target` cell
//! (empty: not checked; `none`: must be empty); `note`, what the case tries.  Every uncivil
//! verdict must also carry a reason: a flag, or learned words as evidence.
//!
//! Shared by `tests/it/functional.rs` (`make test`: a report and a floor)
//! and `examples/accuracy.rs` (`make eval`: the table in docs/ACCURACY.md).

use std::path::Path;

use threadwatch::analyze::incivility::{Scorer, FLAG_COLUMNS};
use threadwatch::analyze::standalone::score_text;

/// The competencies, in report order, each with its file stem.
pub const COMPETENCIES: &[&str] = &[
    "threats",
    "hate",
    "negation",
    "obfuscation",
    "reported",
    "targets",
    "mockery",
];

/// The result of one competency.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The file stem.
    pub competency: String,
    /// Cases in the file.
    pub cases: usize,
    /// Cases whose verdict, flags and target all came out as expected.
    pub passed: usize,
    /// Cases expected civil.
    pub civil: usize,
    /// One line per failed case.
    pub failures: Vec<String>,
}

impl Outcome {
    /// Share of cases passed.
    pub fn accuracy(&self) -> f64 {
        if self.cases == 0 {
            0.0
        } else {
            self.passed as f64 / self.cases as f64
        }
    }
}

/// Runs every competency file of `dir` through `scorer`.
pub fn run(dir: &Path, scorer: Scorer<'_>) -> Vec<Outcome> {
    COMPETENCIES
        .iter()
        .map(|c| run_file(&dir.join(format!("{c}.csv")), c, scorer))
        .collect()
}

fn run_file(path: &Path, competency: &str, scorer: Scorer<'_>) -> Outcome {
    let mut rdr = csv::Reader::from_path(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let headers = rdr.headers().expect("header").clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{}: no column {name}", path.display()))
    };
    let (t, u, f, g) = (col("text"), col("uncivil"), col("flags"), col("target"));
    let mut out = Outcome {
        competency: competency.to_owned(),
        ..Outcome::default()
    };
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let text = &rec[t];
        let want_uncivil = match rec[u].trim() {
            "1" => Some(true),
            "0" => Some(false),
            "" => None,
            other => panic!("{}: row {}: uncivil {other:?}", path.display(), i + 2),
        };
        let s = score_text(scorer, text);
        let mut wrong: Vec<String> = Vec::new();
        if want_uncivil.is_some_and(|w| w != s.score.uncivil) {
            wrong.push(format!(
                "uncivil {} (score {:.3})",
                u8::from(s.score.uncivil),
                s.score.incivility
            ));
        }
        for flag in rec[f].split_whitespace() {
            let (want, name) = match flag.strip_prefix('-') {
                Some(name) => (false, name),
                None => (true, flag),
            };
            let at = FLAG_COLUMNS
                .iter()
                .position(|c| *c == name)
                .unwrap_or_else(|| panic!("{}: unknown flag {name}", path.display()));
            if s.score.flags[at] != want {
                wrong.push(format!("{} {name}", if want { "no" } else { "unwanted" }));
            }
        }
        let want_target = match rec[g].trim() {
            "none" => Some(""),
            "" => None,
            t => Some(t),
        };
        if want_target.is_some_and(|t| s.target.target.as_str() != t) {
            wrong.push(format!("target {:?}", s.target.target.as_str()));
        }
        let reason = s.score.flags.iter().any(|&f| f) || !s.score.learned.is_empty();
        if s.score.uncivil && !reason {
            wrong.push("uncivil without a reason".to_owned());
        }
        out.cases += 1;
        out.civil += usize::from(want_uncivil == Some(false));
        if wrong.is_empty() {
            out.passed += 1;
        } else {
            out.failures.push(format!(
                "{competency}.csv:{}: {text:?}: {} [evidence: {}]",
                i + 2,
                wrong.join(", "),
                s.evidence
            ));
        }
    }
    out
}
