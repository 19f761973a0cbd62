//! `threadwatch score`: score standalone texts from a CSV file.
//!
//! `score INPUT -o OUT` like other Unix tools: `-` is standard input or
//! output, and `-d` sets the field separator of both (issue 18); the older
//! `--input FILE --out FILE` still works.

use anyhow::Context;
use rayon::prelude::*;
use serde::ser::{Serialize, SerializeStruct, Serializer};
use threadwatch::analyze::category::COUNT;
use threadwatch::analyze::incivility::Scorer;
use threadwatch::analyze::standalone::score_text;
use threadwatch::report::csv::{header_of, write_atomic, write_rows, CsvOptions};
use threadwatch::report::serialize_flags;

use super::inputs::worker_pool;
use super::lexicon::load_lexicon_allowing;
use super::model::choose;
use super::texts::read_texts;
use super::Outcome;
use crate::cli::ScoreArgs;

/// One row of the `score` output.
#[derive(Debug, Default)]
struct ScoreRow {
    id: String,
    incivility: String,
    uncivil: u8,
    /// One column per category of the table, in its order.
    flags: [u8; COUNT],
    target: String,
    evidence: String,
}

impl Serialize for ScoreRow {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut row = s.serialize_struct("ScoreRow", 5 + COUNT)?;
        row.serialize_field("id", &self.id)?;
        row.serialize_field("incivility", &self.incivility)?;
        row.serialize_field("uncivil", &self.uncivil)?;
        serialize_flags(&mut row, &self.flags)?;
        row.serialize_field("target", &self.target)?;
        row.serialize_field("evidence", &self.evidence)?;
        row.end()
    }
}

/// Runs `score`.
pub fn run(args: ScoreArgs) -> anyhow::Result<Outcome> {
    let Some(input) = args.file.as_ref().or(args.input.as_ref()) else {
        anyhow::bail!("expected an INPUT file, or `-` for standard input");
    };
    let texts = read_texts(input, args.delimiter, &args.id_col, &args.text_col, None)?;
    let lexicon = load_lexicon_allowing(
        args.lexicon_dir.as_deref(),
        args.allow_list.allow.as_deref(),
    )?;
    let chosen = choose(args.model.as_deref())?;
    let scorer = Scorer {
        lexicon: &lexicon,
        model: chosen.model(),
    };
    let rows: Vec<ScoreRow> = worker_pool(args.jobs)?.install(|| {
        texts
            .par_iter()
            .map(|(id, text, _)| {
                let s = score_text(scorer, text);
                ScoreRow {
                    id: id.clone(),
                    incivility: format!("{:.3}", s.score.incivility),
                    uncivil: u8::from(s.score.uncivil),
                    flags: s.score.flag_cells(),
                    target: s.target.target.as_str().to_owned(),
                    evidence: s.evidence,
                }
            })
            .collect()
    });
    let header = header_of(&ScoreRow::default());
    let opts = CsvOptions {
        delimiter: args.delimiter,
        ..CsvOptions::default()
    };
    if args.out.as_os_str() == "-" {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        write_rows(&mut out, &rows, &header, opts)
            .and_then(|()| std::io::Write::flush(&mut out))
            .context("cannot write to stdout")?;
    } else {
        write_atomic(&args.out, &rows, &header, opts)
            .with_context(|| format!("cannot write {}", args.out.display()))?;
    }
    Ok(Outcome::Success)
}
