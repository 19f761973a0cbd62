//! Unit tests of the trainer, the label reader and the site trainer.

use super::label::parse_label;
use super::site::{check_counts, train_site, SiteError, SiteOptions};
use super::*;
use crate::analyze::matcher::Lexicon;
use crate::model_file::{encode_weights, hex, sha256};

fn toy() -> Vec<TrainExample<'static>> {
    let texts = [
        ("you are an idiot", true),
        ("what an IDIOT you are", true),
        ("shut up, moron", true),
        ("you moron, nobody cares", true),
        ("thanks for the link, very helpful", false),
        ("I disagree with the plan but see the point", false),
        ("good article about the budget", false),
        ("the council meets on tuesday", false),
    ];
    texts
        .iter()
        .map(|&(text, label)| TrainExample {
            text,
            label,
            weight: 1.0,
            group: 0,
        })
        .collect()
}

fn toy_options() -> TrainOptions {
    TrainOptions {
        config: FeatureConfig {
            bucket_bits: 16,
            ..FeatureConfig::default()
        },
        epochs: 20,
        learning_rate: 0.5,
        ..TrainOptions::default()
    }
}

#[test]
fn training_is_deterministic_and_learns() {
    let data = toy();
    let a = train(&data, 1, &toy_options()).unwrap();
    let b = train(&data, 1, &toy_options()).unwrap();
    assert_eq!(encode_weights(&a), encode_weights(&b));
    assert!(a.score("you idiot") > a.score("thanks for the article"));
    let why = a.explain("Thanks, you IDIOT.", 2);
    assert_eq!(why.first().map(|w| w.0.as_str()), Some("IDIOT"), "{why:?}");
}

#[test]
fn r13_trainer_gives_the_bytes_it_gave_inside_model_rs() {
    // SHA-256 of the toy model's bytes at 8 and 16 bits, written by the
    // trainer before it left analyze/model.rs (issue 13): extracting once
    // and training over held features changes no bit, so
    // `cargo run --release --example train` still rebuilds
    // data/models/incivility.bin exactly.
    let mut all = Vec::new();
    for quant_bits in [8, 16] {
        let opts = TrainOptions {
            quant_bits,
            ..toy_options()
        };
        all.extend(encode_weights(&train(&toy(), 1, &opts).unwrap()));
    }
    assert_eq!(
        hex(&sha256(&all)),
        "f29314b7693a7d60ace22ef960c97834a0903bb0572c2aca06f9dd1a4d2786b1"
    );
}

#[test]
fn bad_settings_are_errors() {
    let opts = TrainOptions {
        config: FeatureConfig {
            bucket_bits: 30,
            ..FeatureConfig::default()
        },
        ..toy_options()
    };
    assert!(train(&toy(), 1, &opts).is_err());
    // A prior trained on other features does not fit.
    let prepared = prepare(&toy_options().config, &toy());
    let r = fit(
        &prepared,
        &[0, 1],
        1,
        Some(Model::builtin()),
        &toy_options(),
    );
    assert!(r.is_err());
}

#[test]
fn a_prior_is_the_starting_point() {
    // No data on a word leaves it where the prior had it; zero epochs
    // give the prior back, up to requantisation.
    let prior = Model::builtin();
    let opts = TrainOptions {
        epochs: 0,
        ..TrainOptions::default()
    };
    let prepared = prepare(&opts.config, &toy());
    let m = fit(&prepared, &[0, 1, 2, 3, 4, 5, 6, 7], 1, Some(prior), &opts).unwrap();
    for t in ["you idiot", "thanks for the budget article", "MORON!!"] {
        assert!((m.score(t) - prior.score(t)).abs() < 1e-3, "{t}");
    }
}

#[test]
fn labels() {
    for c in ["1", "TRUE", " yes ", "Remove", "delete", "1.0"] {
        assert_eq!(parse_label(c), Ok(Some(true)), "{c:?}");
    }
    for c in ["0", "false", "No", "ok", "OK ", "keep", "0.0"] {
        assert_eq!(parse_label(c), Ok(Some(false)), "{c:?}");
    }
    assert_eq!(parse_label("  "), Ok(None));
    assert_eq!(parse_label("maybe"), Err("maybe".to_owned()));
    assert_eq!(parse_label("2"), Err("2".to_owned()));
}

#[test]
fn r26_counts_refuse_below_thirty_and_warn() {
    assert_eq!(check_counts(29, 10), Err(SiteError::TooFew(29)));
    assert!(check_counts(30, 10).is_ok());
    assert!(matches!(
        check_counts(200, 0),
        Err(SiteError::ClassTooFew(0, _))
    ));
    assert!(matches!(
        check_counts(200, 196),
        Err(SiteError::ClassTooFew(4, _))
    ));
    assert_eq!(check_counts(200, 29).unwrap().len(), 1);
    assert!(check_counts(200, 30).unwrap().is_empty());
}

/// A made-up site whose moderators remove every comment calling a plan
/// "bananas", and keep blunt criticism of officials that the built-in
/// model flags.
fn site_rows() -> Vec<(String, bool)> {
    let civil = [
        "I think the council should publish the budget first",
        "Thanks for the clear report on the harbour bridge",
        "The new timetable works well for my commute",
        "Could the paper follow up on the school closures?",
        "The mayor is an idiot and this timetable is a joke",
        "The minister is a liar about the bridge plan",
    ];
    let removed = [
        "The budget vote is bananas",
        "Bananas timetable changes again this week",
        "a bananas decision on the harbour bridge",
    ];
    let mut rows = Vec::new();
    for i in 0..80 {
        rows.push((format!("{} ({i})", civil[i % civil.len()]), false));
        if i % 2 == 0 {
            rows.push((format!("{} ({i})", removed[i % removed.len()]), true));
        }
    }
    rows
}

fn site_score(model: &Model, text: &str) -> crate::analyze::standalone::Standalone {
    let lexicon = Lexicon::builtin();
    crate::analyze::standalone::score_text(
        crate::analyze::incivility::Scorer {
            lexicon: &lexicon,
            model,
        },
        text,
    )
}

fn file(r: &site::SiteReport) -> Vec<u8> {
    crate::model_file::encode(&crate::model_file::SiteModel {
        info: crate::model_file::ModelInfo {
            base_sha256: Some(sha256(Model::builtin_bytes())),
            written_by: String::new(),
            data_sha256: [0; 32],
            rows: 1,
            labelled: 1,
            positives: 1,
            skipped: 0,
            folds: 5,
            cv_auc_builtin: r.auc_builtin.unwrap_or(0.0),
            cv_auc_site: r.auc_site.unwrap_or(0.0),
        },
        model: r.model.clone(),
    })
}

#[test]
fn r26_site_model_learns_both_ways_and_is_byte_identical() {
    let rows = site_rows();
    let rows: Vec<(&str, bool)> = rows.iter().map(|(t, y)| (t.as_str(), *y)).collect();
    let lexicon = Lexicon::builtin();
    let opts = SiteOptions::default();
    let a = train_site(&rows, &lexicon, &opts).unwrap();
    let b = train_site(&rows, &lexicon, &opts).unwrap();
    assert_eq!(file(&a), file(&b), "retraining gives the same bytes");
    assert!(a.setting.is_some(), "{:?}", a.setting);
    let builtin = Model::builtin();
    // Up: a word the site removes, in an unseen sentence: the score rises
    // by far, and the site's weight for the word is what `explain` lists.
    let up = "The plan is bananas";
    let (before, after) = (site_score(builtin, up), site_score(&a.model, up));
    assert!(
        after.score.incivility > before.score.incivility + 0.3,
        "{before:?} {after:?}"
    );
    let layer = a.model.site().unwrap();
    let lexicon = Lexicon::builtin();
    let scorer = crate::analyze::incivility::Scorer {
        lexicon: &lexicon,
        model: &a.model,
    };
    let ctx = crate::analyze::target::Context::alone(None);
    let (signals, own) = scorer.site_inputs(up, &[], &ctx);
    let e = layer.explain(&signals, &own, &|_| false);
    assert_eq!(e.words[0].0, "bananas", "{e:?}");
    assert!(e.words[0].1 > 0.3, "{e:?}");
    let removed = site_score(&a.model, "The harbour vote is bananas");
    assert!(removed.score.uncivil, "{removed:?}");
    assert!(
        removed.evidence.contains("site: ") && removed.evidence.contains("bananas(+"),
        "{}",
        removed.evidence
    );
    // Down: criticism of an official the site keeps.
    let down = "The mayor is an idiot about the harbour";
    let (before, after) = (site_score(builtin, down), site_score(&a.model, down));
    assert!(
        before.score.uncivil && !after.score.uncivil,
        "{before:?} {after:?}"
    );
    assert!(
        a.more_uncivil.iter().any(|w| w.0 == "bananas"),
        "{:?}",
        a.more_uncivil
    );
    let (site, builtin) = (a.auc_site.unwrap(), a.auc_builtin.unwrap());
    assert!(site > builtin, "site {site} builtin {builtin}");
}

#[test]
fn r26_a_word_of_two_removed_rows_carries_no_weight() {
    // 40 rows where nothing separates the kinds but two removed rows that
    // happen to mention "every morning": the site model must not learn the
    // words.  The "I know where you park every morning." is now a
    // veiled threat by the built-in rules (issue 25), so the check uses a
    // sentence with the same words and no threat.
    let mut rows: Vec<(String, bool)> = Vec::new();
    for i in 0..40 {
        let text = match i {
            0 => "see you every morning at the meeting".to_owned(),
            1 => "the bus is late every morning".to_owned(),
            _ => format!("comment number {i} about the council budget"),
        };
        rows.push((text, i < 2 || i % 4 == 0));
    }
    let rows: Vec<(&str, bool)> = rows.iter().map(|(t, y)| (t.as_str(), *y)).collect();
    let a = train_site(&rows, &Lexicon::builtin(), &SiteOptions::default()).unwrap();
    let text = "We park by the station every morning.";
    let s = site_score(&a.model, text);
    assert!(!s.score.uncivil, "{s:?}");
    assert!(!s.evidence.contains("every"), "{}", s.evidence);
    assert!(a.untrusted.is_some(), "40 rows are too few to trust");
}

#[test]
fn r26_thirty_rows_keep_the_built_in_ranking() {
    // The bananas site of the test above, cut to 30 rows (20 kept, 10
    // removed): cross-validation on so few rows cannot tell a real gain
    // from luck, so the site model ranks as the built-in one does.
    let rows = site_rows();
    let rows: Vec<(&str, bool)> = rows
        .iter()
        .take(30)
        .map(|(t, y)| (t.as_str(), *y))
        .collect();
    assert_eq!(rows.iter().filter(|r| r.1).count(), 10);
    let a = train_site(&rows, &Lexicon::builtin(), &SiteOptions::default()).unwrap();
    assert!(a.setting.is_none(), "{:?}", a.setting);
    let layer = a.model.site().unwrap();
    assert!(layer.features.is_empty() && layer.signals.iter().all(|&w| w == 0.0));
    assert!(a.untrusted.is_some());
}
