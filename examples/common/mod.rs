//! Corpus reading shared by the accuracy examples (`accuracy`,
//! `eval_model`, `ceiling`): one reader, so every table counts the same
//! rows.  Lives in a folder so cargo does not build it as an example.

use std::path::Path;

use anyhow::{bail, Context, Result};

/// `(text, label)` rows of a labelled corpus CSV (`text` column plus the
/// 0/1 column `label`); rows with an empty label are skipped, any other
/// value is an error.
pub fn read_labelled(path: &Path, label: &str) -> Result<Vec<(String, bool)>> {
    let mut rdr =
        csv::Reader::from_path(path).with_context(|| format!("opening {}", path.display()))?;
    let headers = rdr.headers()?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .with_context(|| format!("{}: no column {name}", path.display()))
    };
    let (text, lab) = (col("text")?, col(label)?);
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.with_context(|| format!("reading {}", path.display()))?;
        let y = match rec.get(lab).unwrap_or("").trim() {
            "" => continue,
            "1" => true,
            "0" => false,
            other => bail!(
                "{}: label {label} is {other:?}, expected 0 or 1",
                path.display()
            ),
        };
        rows.push((rec[text].to_string(), y));
    }
    Ok(rows)
}
