//! `make eval`: measures threadwatch on every dev split in
//! ../shared/corpora and writes docs/ACCURACY.md.
//!
//! Only dev.csv files are read here; all tuning happened on train splits.
//! The peers' figures are the ones measured for issue 3 on the same dev
//! splits (alt-profanity-check and rustrict at their defaults).
//!
//! Run: `cargo run --release --example accuracy` (or `make eval`).
use std::fmt::Write as _;
use std::path::Path;

use rayon::prelude::*;
use threadwatch::analyze::category::Category;
use threadwatch::analyze::incivility::{Scorer, FLAG_COLUMNS, UNCIVIL_THRESHOLD};
use threadwatch::analyze::matcher::Lexicon;
use threadwatch::analyze::metrics::roc_auc;
use threadwatch::analyze::model::Model;
use threadwatch::analyze::rules::MISSPELT;
use threadwatch::analyze::standalone::{evaluate, score_text, EvalScore, Standalone};
use threadwatch::train::site::{train_site, SiteOptions};

mod common;
use common::read_labelled;

#[path = "../tests/functional/suite.rs"]
mod suite;

// The held-out listing is the test's (`r25_held_out_listing_is_current`).
#[allow(dead_code)]
#[path = "../tests/functional/generated.rs"]
mod generated;

/// Where the hand-measured part of docs/ACCURACY.md starts; `make eval` keeps
/// everything from this line on.
const HAND_MARKER: &str = "<!-- Measured by hand below this line: make eval keeps it. -->";

/// Generated cases scored per competency and part (issue 25).
const GENERATED_CASES: usize = 400;

/// (corpus, label, score, goal, alt-profanity-check, rustrict)
const TARGETS: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        "reddit_incivility",
        "uncivil",
        "incivility",
        "AUC >= 0.94, F1 >= 0.75",
        "0.93 / 0.71",
        "0.88 / 0.59",
    ),
    (
        "olid_offenseval2019",
        "offensive",
        "incivility",
        "AUC >= 0.85, F1 >= 0.65",
        "0.78 / 0.50",
        "0.69 / 0.57",
    ),
    (
        "olid_offenseval2019",
        "target_individual",
        "targeted",
        "AUC >= 0.80",
        "0.73 / 0.40",
        "0.65 / 0.39",
    ),
    (
        "ucc_unhealthy_comments",
        "antagonize",
        "incivility",
        "AUC >= 0.78",
        "0.70 / 0.24",
        "0.60 / 0.18",
    ),
    (
        "wiki_talk_context_toxicity",
        "toxic",
        "incivility",
        "AUC >= 0.82",
        "0.76 / 0.30",
        "0.59 / 0.15",
    ),
    (
        "ucc_unhealthy_comments",
        "hostile",
        "incivility",
        "",
        "",
        "",
    ),
    (
        "sfu_constructiveness_toxicity",
        "toxic",
        "incivility",
        "",
        "",
        "",
    ),
    ("fox_news_hate_threads", "hateful", "incivility", "", "", ""),
    (
        "davidson_hate_offensive",
        "abusive",
        "incivility",
        "",
        "",
        "",
    ),
];

/// Flag columns whose words count as insult evidence for the span check.
const INSULT_FLAGS: [&str; 5] = [
    "name_calling",
    "aspersion",
    "lying_accusation",
    "pejorative_speech",
    "mockery",
];

fn main() {
    let corpora = Path::new("../shared/corpora");
    if !corpora.exists() {
        println!(
            "skipping: {} is absent; nothing measured",
            corpora.display()
        );
        return;
    }
    let lexicon = Lexicon::builtin();
    let model = Model::builtin();
    let scorer = Scorer {
        lexicon: &lexicon,
        model,
    };
    let mut md = String::new();
    let _ = writeln!(
        md,
        "# Accuracy\n\nMeasured by `make eval` (`cargo run --release --example accuracy`) on the dev \
         splits of `../shared/corpora`; regenerate after changing word lists, weights or constants.\n\
         Tuning used train splits only. `incivility` is uncivil at >= {UNCIVIL_THRESHOLD}; \
         `targeted` is incivility aimed at a person: halved when aimed at a group.\n\
         Lexicon version {}, model threshold (learned layer alone) {:.4}.\n\
         Why the goals still unmet are out of reach of this design (in-domain ceilings): docs/ACCURACY_LIMITS.md.\n\n\
         | corpus: label | score | rows (positive) | ROC AUC | AP | P | R | F1 | learned layer alone AUC | goal | alt-profanity-check AUC / F1 | rustrict AUC / F1 |\n\
         |---|---|---|---|---|---|---|---|---|---|---|---|",
        lexicon.version_hash(),
        model.threshold()
    );
    let mut variant_rates: Vec<String> = Vec::new();
    for (corpus, label, score, goal, apc, rr) in TARGETS {
        let rows = read_labelled(&corpora.join(corpus).join("dev.csv"), label)
            .expect("corpus is readable");
        let which = if *score == "targeted" {
            EvalScore::Targeted
        } else {
            EvalScore::Incivility
        };
        let scored: Vec<(Standalone, f64, bool)> = rows
            .par_iter()
            .map(|(t, y)| (score_text(scorer, t), model.score(t), *y))
            .collect();
        let data: Vec<(f64, bool)> = scored.iter().map(|(s, _, y)| (which.of(s), *y)).collect();
        // Issue 25: how often the spelling-variant matcher fires on civil
        // comments (goal: at most 0.5%).
        let civil = scored.iter().filter(|(_, _, y)| !*y).count();
        let variant = scored
            .iter()
            .filter(|(s, _, y)| {
                // The matcher's own hits (the rule's term), not the
                // normaliser's leet and masks.
                !*y && s.score.flagged.iter().any(|f| {
                    !f.quoted
                        && f.lexicon
                            .as_ref()
                            .is_some_and(|m| m.term.starts_with(MISSPELT))
                })
            })
            .count();
        variant_rates.push(format!(
            "| {corpus} | {civil} | {variant} | {:.2}% |",
            100.0 * variant as f64 / civil.max(1) as f64
        ));
        let alone: Vec<(f64, bool)> = scored.iter().map(|(_, m, y)| (*m, *y)).collect();
        let r = evaluate(&data, UNCIVIL_THRESHOLD);
        let f = |x: Option<f64>| x.map_or("n/a".to_owned(), |v| format!("{v:.3}"));
        let _ = writeln!(
            md,
            "| {corpus}: {label} | {score} | {} ({}) | {} | {} | {:.3} | {:.3} | {:.3} | {} | {goal} | {apc} | {rr} |",
            r.rows,
            r.positives,
            f(r.roc_auc),
            f(r.average_precision),
            r.at_threshold.precision,
            r.at_threshold.recall,
            r.at_threshold.f1,
            f(roc_auc(&alone)),
        );
        println!(
            "{corpus}: {label}: auc {} f1 {:.3}",
            f(r.roc_auc),
            r.at_threshold.f1
        );
    }
    let _ = writeln!(
        md,
        "\n## Functional suite (issue 14)\n\n\
         `tests/functional/*.csv`: cases the team wrote, one file per competency, with contrasting \
         civil and uncivil cases (see `tests/functional/suite.rs` for the columns). A case passes \
         when its verdict, the required flags and the target all come out as expected, and every \
         uncivil verdict carries a reason. `make test` requires at least 0.90 per competency.\n\n\
         | competency | cases (expected civil) | passed | accuracy |\n|---|---|---|---|"
    );
    for o in suite::run(Path::new("tests/functional"), scorer) {
        let _ = writeln!(
            md,
            "| {} | {} ({}) | {} | {:.3} |",
            o.competency,
            o.cases,
            o.civil,
            o.passed,
            o.accuracy()
        );
        println!("functional {}: {:.3}", o.competency, o.accuracy());
        for f in &o.failures {
            println!("  {f}");
        }
    }
    let _ = writeln!(
        md,
        "\n## Generated competencies (issue 25)\n\n\
         `tests/functional/generated.rs` fills frames from slot lists; about 30% of every slot list and \
         of every competency's frames is held out by a fixed seed (listed in \
         `tests/functional/heldout.txt`) and was never read while writing rules or word lists. \
         {GENERATED_CASES} cases per part; a case passes when its verdict, the flag and the target \
         named come out as expected. Goal: held-out >= 0.90 and within 0.05 of dev.\n\n\
         | competency | expected | dev | held-out |\n|---|---|---|---|"
    );
    for c in generated::COMPETENCIES {
        let dev = generated::run_part(c, scorer, false, GENERATED_CASES);
        let held = generated::run_part(c, scorer, true, GENERATED_CASES);
        let want = if c.uncivil {
            format!("uncivil {}", c.flag)
        } else {
            "civil".to_owned()
        };
        let _ = writeln!(
            md,
            "| {} | {} | {:.3} | {:.3} |",
            c.name,
            want.trim(),
            dev.accuracy(),
            held.accuracy()
        );
        println!(
            "generated {}: dev {:.3} held-out {:.3}",
            c.name,
            dev.accuracy(),
            held.accuracy()
        );
    }
    let _ = writeln!(
        md,
        "\n## Spelling-variant matcher on civil comments (issue 25)\n\n\
         Civil rows of each dev split on which the matcher (`src/analyze/misspelt.rs`) reads a spelling variant the author wrote (goal: at most 0.5%).\n\n\
         | corpus | civil rows | variant hits | share |\n|---|---|---|---|"
    );
    for row in &variant_rates {
        let _ = writeln!(md, "{row}");
    }
    let (p, r, n) = span_check(scorer, &corpora.join("civil_comments_toxic_spans/dev.csv"));
    let _ = writeln!(
        md,
        "\n## Evidence against annotated insult spans\n\n\
         civil_comments_toxic_spans dev ({n} comments): a word counts as insult evidence when a \
         non-quoted {} match covers it; gold words are those an annotator majority marked as insult \
         (character offsets). Word-level precision {p:.3}, recall {r:.3}.",
        INSULT_FLAGS.join(", ")
    );
    println!("spans: precision {p:.3} recall {r:.3}");
    site_models(&mut md, &lexicon, corpora);
    // Sections measured by hand (audits, policies, what was tried) sit after
    // the marker; a regeneration keeps them as they are.
    if let Ok(old) = std::fs::read_to_string("docs/ACCURACY.md") {
        if let Some(at) = old.find(HAND_MARKER) {
            md.truncate(md.trim_end().len());
            md.push_str("\n\n");
            md.push_str(&old[at..]);
        }
    }
    std::fs::write("docs/ACCURACY.md", md).expect("docs/ACCURACY.md is writable");
    println!("wrote docs/ACCURACY.md");
}

/// (corpus, label, goal, in-domain ceilings of docs/ACCURACY_LIMITS.md:
/// our layer alone / the shipped word lists with it / scikit-learn)
const SITE: [(&str, &str, &str, &str); 4] = [
    (
        "olid_offenseval2019",
        "offensive",
        "AUC >= 0.86",
        "0.812 / 0.840 / 0.819",
    ),
    (
        "ucc_unhealthy_comments",
        "antagonize",
        "AUC >= 0.78",
        "0.659 / 0.735 / 0.719",
    ),
    (
        "reddit_incivility",
        "uncivil",
        "AUC >= 0.962",
        "0.854 / 0.953 / 0.924",
    ),
    (
        "wiki_talk_context_toxicity",
        "toxic",
        "AUC >= 0.80",
        "0.726 / 0.757 / 0.773",
    ),
];

/// Site models (issues 15 and 26): what `threadwatch train` does with
/// each corpus's train.csv, reported on its dev.csv.  The models live in
/// memory only: weights trained on OLID or UCC may not be kept.
fn site_models(md: &mut String, lexicon: &Lexicon, corpora: &Path) {
    let _ = writeln!(
        md,
        "\n## Site models (`threadwatch train`, issues 15 and 26)\n\n\
         Each row trains a site model on the corpus's `train.csv` as `threadwatch train` does (a site \
         layer over the built-in scorer, default settings, `src/analyze/site.rs`) and scores its \
         `dev.csv` with the whole scorer, built-in and site. \
         Cross-validated: the 5-fold figure `train` prints on `train.csv`, with its 95% interval; \
         setting: what cross-validation on `train.csv` chose (L2 penalty and the fewest rows a text \
         feature must be in), or the built-in ranking kept. \
         Ceilings: docs/ACCURACY_LIMITS.md, in-domain layer alone / shipped word lists with in-domain \
         weights / scikit-learn in domain. \
         The same figures from the command line (models into /tmp; never commit models trained on \
         OLID, UCC or SFU):\n\n\
         ```sh\n\
         threadwatch train --gold ../shared/corpora/C/train.csv --label-col L --out /tmp/C.model\n\
         threadwatch eval --gold ../shared/corpora/C/dev.csv --label L                       # built-in\n\
         threadwatch eval --gold ../shared/corpora/C/dev.csv --label L --model /tmp/C.model  # site\n\
         ```\n\n\
         reddit_incivility and wiki_talk `train.csv` are in the built-in layer's own training data, so on \
         them the built-in cross-validated figure is not out of sample and the site model can add little.\n\n\
         | corpus: label | train rows (uncivil) | cross-validated AUC built-in / site (95% interval) | setting | dev AUC built-in | dev AUC site | dev F1 built-in / site | in-domain ceilings | goal |\n\
         |---|---|---|---|---|---|---|---|---|"
    );
    for (corpus, label, goal, ceilings) in SITE {
        let train = read_labelled(&corpora.join(corpus).join("train.csv"), label)
            .expect("corpus is readable");
        let dev = read_labelled(&corpora.join(corpus).join("dev.csv"), label)
            .expect("corpus is readable");
        let rows: Vec<(&str, bool)> = train.iter().map(|(t, y)| (t.as_str(), *y)).collect();
        let site = train_site(&rows, lexicon, &SiteOptions::default())
            .expect("the corpus has both labels and enough rows");
        let eval = |model: &Model| {
            let scorer = Scorer { lexicon, model };
            let data: Vec<(f64, bool)> = dev
                .par_iter()
                .map(|(t, y)| (score_text(scorer, t).score.incivility, *y))
                .collect();
            evaluate(&data, UNCIVIL_THRESHOLD)
        };
        let (b, s) = (eval(Model::builtin()), eval(&site.model));
        let f = |x: Option<f64>| x.map_or("n/a".to_owned(), |v| format!("{v:.3}"));
        let setting = match site.setting {
            Some(st) => format!("L2 {:e}, min_df {}", st.l2, st.min_df),
            None => "built-in kept".to_owned(),
        };
        let interval = site
            .interval
            .map_or(String::new(), |(lo, hi)| format!(" ({lo:.3} to {hi:.3})"));
        let _ = writeln!(
            md,
            "| {corpus}: {label} | {} ({}) | {} / {}{interval} | {setting} | {} | {} | {:.3} / {:.3} | {ceilings} | {goal} |",
            rows.len(),
            rows.iter().filter(|r| r.1).count(),
            f(site.auc_builtin),
            f(site.auc_site),
            f(b.roc_auc),
            f(s.roc_auc),
            b.at_threshold.f1,
            s.at_threshold.f1,
        );
        println!(
            "site model {corpus}: {label}: dev auc {} -> {}",
            f(b.roc_auc),
            f(s.roc_auc)
        );
    }
}

/// Word-level precision and recall of insult evidence against gold spans.
fn span_check(scorer: Scorer<'_>, path: &Path) -> (f64, f64, usize) {
    let mut rdr = csv::Reader::from_path(path).expect("corpus is readable");
    let h = rdr.headers().expect("header").clone();
    let t = h.iter().position(|c| c == "text").expect("text column");
    let s = h
        .iter()
        .position(|c| c == "insult_spans")
        .expect("insult_spans column");
    let rows: Vec<(String, String)> = rdr
        .records()
        .map(|r| r.expect("record"))
        .map(|r| (r[t].to_owned(), r[s].to_owned()))
        .collect();
    let insult_cols: Vec<Category> = INSULT_FLAGS
        .iter()
        .map(|f| FLAG_COLUMNS.iter().position(|c| c == f).expect("flag"))
        .filter_map(Category::from_index)
        .collect();
    let counts: Vec<(usize, usize, usize)> = rows
        .par_iter()
        .map(|(text, spans)| {
            let gold: Vec<(usize, usize)> = spans
                .split(';')
                .filter_map(|p| p.split_once('-'))
                .filter_map(|(a, b)| Some((a.trim().parse().ok()?, b.trim().parse().ok()?)))
                .collect();
            let score = score_text(scorer, text).score;
            let predicted: Vec<(usize, usize)> = score
                .flagged
                .iter()
                .filter(|f| !f.quoted && insult_cols.contains(&f.flag))
                .map(|f| {
                    (
                        char_index(text, f.range.start),
                        char_index(text, f.range.end),
                    )
                })
                .collect();
            let (mut tp, mut pred, mut gold_n) = (0, 0, 0);
            for (a, b) in words(text) {
                let overlaps = |v: &[(usize, usize)]| v.iter().any(|&(s, e)| a < e && s < b);
                let (g, p) = (overlaps(&gold), overlaps(&predicted));
                tp += usize::from(g && p);
                pred += usize::from(p);
                gold_n += usize::from(g);
            }
            (tp, pred, gold_n)
        })
        .collect();
    let (tp, pred, gold) = counts
        .iter()
        .fold((0, 0, 0), |a, c| (a.0 + c.0, a.1 + c.1, a.2 + c.2));
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    (ratio(tp, pred), ratio(tp, gold), rows.len())
}

fn char_index(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

/// Word spans in characters: runs of letters, digits and apostrophes.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.chars().chain(std::iter::once(' ')).enumerate() {
        let w = c.is_alphanumeric() || c == '\'' || c == '*';
        match (start, w) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    out
}
