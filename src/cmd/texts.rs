//! Reading standalone texts from a CSV file (`score`, `eval`), or from
//! standard input when the file is named `-`.

use std::path::Path;

use anyhow::{bail, Context};

/// The rows of `path` (`-`: standard input), fields separated by
/// `delimiter`: `(id, text, label cell)` by column name.
pub fn read_texts(
    path: &Path,
    delimiter: u8,
    id_col: &str,
    text_col: &str,
    label_col: Option<&str>,
) -> anyhow::Result<Vec<(String, String, Option<String>)>> {
    let mut builder = csv::ReaderBuilder::new();
    builder.flexible(false).delimiter(delimiter);
    let mut rdr = if path.as_os_str() == "-" {
        builder.from_reader(Box::new(std::io::stdin().lock()) as Box<dyn std::io::Read>)
    } else {
        let file =
            std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
        builder.from_reader(Box::new(file) as Box<dyn std::io::Read>)
    };
    let headers = rdr
        .headers()
        .with_context(|| format!("cannot read {}", path.display()))?
        .clone();
    let col = |name: &str| -> anyhow::Result<usize> {
        match headers.iter().position(|h| h == name) {
            Some(i) => Ok(i),
            None => bail!(
                "{}: expected a column named {name:?}, found {}",
                path.display(),
                headers.iter().collect::<Vec<_>>().join(", ")
            ),
        }
    };
    let (id, text) = (col(id_col)?, col(text_col)?);
    let label = label_col.map(col).transpose()?;
    let mut out = Vec::new();
    for (n, rec) in rdr.records().enumerate() {
        let rec = rec.with_context(|| format!("{}: record {}", path.display(), n + 1))?;
        out.push((
            rec.get(id).unwrap_or_default().to_owned(),
            rec.get(text).unwrap_or_default().to_owned(),
            label.map(|l| rec.get(l).unwrap_or_default().to_owned()),
        ));
    }
    Ok(out)
}
