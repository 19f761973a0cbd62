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
fn counts_refuse_and_warn() {
    assert_eq!(check_counts(99, 50), Err(SiteError::TooFew(99)));
    assert!(matches!(check_counts(200, 0), Err(SiteError::OneClass(_))));
    assert!(matches!(
        check_counts(200, 200),
        Err(SiteError::OneClass(_))
    ));
    assert_eq!(check_counts(200, 29).unwrap().len(), 1);
    assert!(check_counts(200, 30).unwrap().is_empty());
}

/// A made-up site whose moderators remove every comment calling a plan
/// "bonkers" and keep the rest, blunt ones included, which the built-in
/// model would rank high.
fn site_rows() -> Vec<(String, bool)> {
    let civil = [
        "I think the council should publish the budget first",
        "Thanks for the clear report on the harbour bridge",
        "The new timetable works well for my commute",
        "Could the paper follow up on the school closures?",
        "The mayor is clueless and this timetable is a joke",
        "What a pathetic excuse for a bridge plan",
    ];
    let removed = [
        "The budget vote is bonkers",
        "Bonkers timetable changes again this week",
        "a bonkers decision on the harbour bridge",
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

#[test]
fn site_model_learns_the_sites_rule_and_is_deterministic() {
    let rows = site_rows();
    let rows: Vec<(&str, bool)> = rows.iter().map(|(t, y)| (t.as_str(), *y)).collect();
    let lexicon = Lexicon::builtin();
    let opts = SiteOptions::default();
    let a = train_site(&rows, Some(Model::builtin()), &lexicon, &opts).unwrap();
    let b = train_site(&rows, Some(Model::builtin()), &lexicon, &opts).unwrap();
    assert_eq!(encode_weights(&a.model), encode_weights(&b.model));
    let text = "Honestly this is bonkers";
    assert!(
        a.model.score(text) > Model::builtin().score(text) + 0.1,
        "{} vs {}",
        a.model.score(text),
        Model::builtin().score(text)
    );
    assert_eq!(
        a.more_uncivil.first().map(|w| w.0.as_str()),
        Some("bonkers")
    );
    let (site, builtin) = (a.auc_site.unwrap(), a.auc_builtin.unwrap());
    assert!(site > builtin, "site {site} builtin {builtin}");
}
