//! Corpus reading shared by the accuracy examples (`accuracy`,
//! `eval_model`, `ceiling`, and `train` for opening files and finding
//! columns): one reader, so every table counts the same rows.  Lives in a folder so cargo does not build it as an example.

use std::path::Path;

use anyhow::{bail, Context, Result};

/// A corpus CSV opened, with a way to find its columns by name.
pub struct Corpus {
    /// The reader, past the header.
    pub reader: csv::Reader<std::fs::File>,
    headers: csv::StringRecord,
    path: std::path::PathBuf,
}

impl Corpus {
    /// Opens `path` and reads its header.
    pub fn open(path: &Path) -> Result<Self> {
        let mut reader =
            csv::Reader::from_path(path).with_context(|| format!("opening {}", path.display()))?;
        let headers = reader.headers()?.clone();
        Ok(Self {
            reader,
            headers,
            path: path.to_owned(),
        })
    }

    /// The index of column `name`, or an error naming the file.
    pub fn column(&self, name: &str) -> Result<usize> {
        self.headers
            .iter()
            .position(|h| h == name)
            .with_context(|| format!("{}: no column {name}", self.path.display()))
    }
}

/// `(text, label)` rows of a labelled corpus CSV (`text` column plus the
/// 0/1 column `label`); rows with an empty label are skipped, any other
/// value is an error.
#[allow(dead_code)] // train.rs uses `Corpus` only
pub fn read_labelled(path: &Path, label: &str) -> Result<Vec<(String, bool)>> {
    let mut corpus = Corpus::open(path)?;
    let (text, lab) = (corpus.column("text")?, corpus.column(label)?);
    let rdr = &mut corpus.reader;
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.with_context(|| format!("reading {}", path.display()))?;
        let Some(y) = label_value(rec.get(lab).unwrap_or(""), label, path)? else {
            continue;
        };
        rows.push((rec[text].to_string(), y));
    }
    Ok(rows)
}

/// A 0/1 label cell: `None` when empty (the row is skipped), an error for
/// any other value.
pub fn label_value(cell: &str, label: &str, path: &Path) -> Result<Option<bool>> {
    match cell.trim() {
        "" => Ok(None),
        "1" => Ok(Some(true)),
        "0" => Ok(Some(false)),
        other => bail!(
            "{}: label {label} is {other:?}, expected 0 or 1",
            path.display()
        ),
    }
}
