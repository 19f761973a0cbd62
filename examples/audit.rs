//! `make audit` (issue 24): a moderator's audit sample.  For each dev
//! corpus it draws `N` flagged and `N` unflagged comments with a fixed
//! `SEED` and writes one CSV with the verdict, reason and target beside
//! the text, and three empty columns for a person to fill in:
//! `judgement` (uncivil / borderline / civil), `reason_ok` and
//! `target_ok` (1 / 0).  The CSV holds corpus texts, so it is written
//! under target/ and never committed; a judged sample is kept in
//! tests/audit/ as corpus, id and the three judgements only.
//!
//! Run: `cargo run --release --example audit -- SEED N OUT.csv`
//! (or `make audit SEED=7 N=25`).

use std::path::Path;

use anyhow::{bail, Context, Result};
use threadwatch::analyze::incivility::{Scorer, FLAG_COLUMNS};
use threadwatch::analyze::matcher::Lexicon;
use threadwatch::analyze::model::Model;
use threadwatch::analyze::standalone::score_text;
use threadwatch::stable::SplitMix64;

mod common;
use common::Corpus;

/// The dev corpora a moderator audits (issue 24).
const CORPORA: &[&str] = &[
    "reddit_incivility",
    "olid_offenseval2019",
    "ucc_unhealthy_comments",
    "wiki_talk_context_toxicity",
];

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [seed, n, out] = args.as_slice() else {
        bail!("usage: audit SEED N OUT.csv");
    };
    let seed: u64 = seed.parse().context("SEED is a whole number")?;
    let n: usize = n.parse().context("N is a whole number")?;
    let corpora = Path::new("../shared/corpora");
    let lexicon = Lexicon::builtin();
    let scorer = Scorer {
        lexicon: &lexicon,
        model: Model::builtin(),
    };
    let mut w = csv::Writer::from_path(out).with_context(|| format!("writing {out}"))?;
    w.write_record([
        "corpus",
        "id",
        "uncivil",
        "incivility",
        "flags",
        "target",
        "evidence",
        "text",
        "judgement",
        "reason_ok",
        "target_ok",
    ])?;
    for corpus in CORPORA {
        let path = corpora.join(corpus).join("dev.csv");
        let mut c = Corpus::open(&path)?;
        let (id, text) = (c.column("id")?, c.column("text")?);
        let mut rows: Vec<(String, String)> = Vec::new();
        for rec in c.reader.records() {
            let rec = rec.with_context(|| format!("reading {}", path.display()))?;
            rows.push((rec[id].to_owned(), rec[text].to_owned()));
        }
        let scored: Vec<_> = rows.iter().map(|(_, t)| score_text(scorer, t)).collect();
        for flagged in [true, false] {
            let mut pool: Vec<usize> = (0..rows.len())
                .filter(|&i| scored[i].score.uncivil == flagged)
                .collect();
            // A partial Fisher-Yates shuffle by the seed, per corpus and side.
            let mut rng = SplitMix64::new(
                seed ^ threadwatch::stable::fnv_bytes(0, corpus.as_bytes()) ^ u64::from(flagged),
            );
            let take = n.min(pool.len());
            for k in 0..take {
                let j = k + rng.below((pool.len() - k) as u64) as usize;
                pool.swap(k, j);
            }
            for &i in &pool[..take] {
                let s = &scored[i];
                let flags: Vec<&str> = FLAG_COLUMNS
                    .iter()
                    .zip(s.score.flags)
                    .filter_map(|(c, f)| f.then_some(*c))
                    .collect();
                let score = format!("{:.3}", s.score.incivility);
                let flags = flags.join(" ");
                let cells: [&str; 11] = [
                    corpus,
                    &rows[i].0,
                    if flagged { "1" } else { "0" },
                    &score,
                    &flags,
                    s.target.target.as_str(),
                    &s.evidence,
                    &rows[i].1,
                    "",
                    "",
                    "",
                ];
                w.write_record(cells)?;
            }
        }
    }
    w.flush()?;
    Ok(())
}
