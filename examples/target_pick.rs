//! Draws comments for the labelled target set (issue 24,
//! `tests/targets/`): per dev corpus, `N` comments the built-in scorer
//! flags, at most 300 characters long (a person reads and labels each),
//! drawn with `SEED`.  Writes corpus, id, the tool's target and the text
//! to `OUT.csv` (under target/, never committed: it holds corpus texts).
//!
//! Run: `cargo run --example target_pick -- SEED N OUT.csv`

use std::path::Path;

use anyhow::{bail, Context, Result};
use threadwatch::analyze::incivility::Scorer;
use threadwatch::analyze::matcher::Lexicon;
use threadwatch::analyze::model::Model;
use threadwatch::analyze::standalone::score_text;
use threadwatch::stable::SplitMix64;

mod common;
use common::Corpus;

const CORPORA: &[&str] = &[
    "reddit_incivility",
    "olid_offenseval2019",
    "ucc_unhealthy_comments",
    "wiki_talk_context_toxicity",
    "civil_comments_toxic_spans",
    "sfu_constructiveness_toxicity",
    "fox_news_hate_threads",
    "davidson_hate_offensive",
];

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [seed, n, out] = args.as_slice() else {
        bail!("usage: target_pick SEED N OUT.csv");
    };
    let seed: u64 = seed.parse().context("SEED is a whole number")?;
    let n: usize = n.parse().context("N is a whole number")?;
    let lexicon = Lexicon::builtin();
    let scorer = Scorer {
        lexicon: &lexicon,
        model: Model::builtin(),
    };
    let mut w = csv::Writer::from_path(out).with_context(|| format!("writing {out}"))?;
    w.write_record(["corpus", "id", "target", "text"])?;
    for corpus in CORPORA {
        let path = Path::new("../shared/corpora").join(corpus).join("dev.csv");
        let mut c = Corpus::open(&path)?;
        let (id, text) = (c.column("id")?, c.column("text")?);
        let mut pool: Vec<(String, String)> = Vec::new();
        for rec in c.reader.records() {
            let rec = rec.with_context(|| format!("reading {}", path.display()))?;
            if rec[text].chars().count() <= 300 {
                pool.push((rec[id].to_owned(), rec[text].to_owned()));
            }
        }
        let mut rng = SplitMix64::new(seed ^ threadwatch::stable::fnv_bytes(0, corpus.as_bytes()));
        let mut taken = 0;
        let mut k = 0;
        while taken < n && k < pool.len() {
            let j = k + rng.below((pool.len() - k) as u64) as usize;
            pool.swap(k, j);
            let (ref i, ref t) = pool[k];
            k += 1;
            let s = score_text(scorer, t);
            if s.score.uncivil {
                w.write_record([corpus, i.as_str(), s.target.target.as_str(), t.as_str()])?;
                taken += 1;
            }
        }
    }
    w.flush()?;
    Ok(())
}
