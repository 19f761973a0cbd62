//! Unit tests of the trainer, the label reader and the site trainer.

use super::label::parse_label;
use super::site::{check_counts, train_site, SiteError, SiteOptions};
use super::*;
use crate::analyze::category::Category;
use crate::analyze::matcher::Lexicon;
use crate::analyze::stack::N_STACK;
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

/// Stacker rows: the built-in combination's logit `z`, and a list
/// (vulgarity, feature 2 + its column) flagged on `vulgar` rows.
fn stack_rows(data: &[(f64, bool, bool)]) -> Vec<stack::Row> {
    let vulgarity = Category::VULGARITY.index();
    data.iter()
        .map(|&(z, vulgar, label)| {
            let mut features = [0.0; N_STACK];
            features[0] = z;
            features[2 + vulgarity] = f64::from(u8::from(vulgar));
            stack::Row {
                features,
                label,
                weight: 1.0,
            }
        })
        .collect()
}

#[test]
fn r15_stack_keeps_the_builtin_combination_when_it_cannot_do_better() {
    // The combined score alone ranks every row right: no stack can beat
    // that, so the most cautious candidate, the built-in one, is kept.
    let data: Vec<(f64, bool, bool)> = (0..200)
        .map(|i| {
            let y = i % 3 == 0;
            (
                if y { 1.0 } else { -1.0 } + f64::from(i % 7) / 10.0,
                i % 2 == 0,
                y,
            )
        })
        .collect();
    let rows = stack_rows(&data);
    let fold: Vec<usize> = (0..rows.len()).map(|i| i % 5).collect();
    let c = stack::choose(&rows, &fold, 5);
    assert_eq!(c.l2, None);
    assert_eq!(c.auc, Some(1.0));
    assert_eq!(c.stack.weights[0], 1.0);
    assert!(c.stack.weights[1..].iter().all(|&w| w == 0.0));
}

#[test]
fn r15_stack_down_weights_a_list_the_site_does_not_share() {
    // The site keeps vulgar comments that the combined score ranks high
    // because of the vulgarity list, and removes by another measure: the
    // combination learns to count that list less, chosen by
    // cross-validation, and deterministically.
    let data: Vec<(f64, bool, bool)> = (0..300)
        .map(|i| {
            let vulgar = i % 4 == 0;
            let y = i % 5 == 0 && !vulgar;
            let z = f64::from(i % 11) / 5.0 - 1.0 + if y { 1.0 } else { 0.0 };
            (z + if vulgar { 2.0 } else { 0.0 }, vulgar, y)
        })
        .collect();
    let rows = stack_rows(&data);
    // Positives (every fifth row) spread over all folds.
    let fold: Vec<usize> = (0..rows.len()).map(|i| (i / 5) % 5).collect();
    let a = stack::choose(&rows, &fold, 5);
    let b = stack::choose(&rows, &fold, 5);
    assert_eq!(a.stack, b.stack, "deterministic");
    assert!(a.l2.is_some(), "{a:?}");
    let w = a.stack.weights[2 + Category::VULGARITY.index()];
    assert!(w < -1.0, "vulgarity weight {w}");
    let identity_auc =
        crate::analyze::metrics::roc_auc(&data.iter().map(|d| (d.0, d.2)).collect::<Vec<_>>())
            .unwrap();
    assert!(
        a.auc.unwrap() > identity_auc + 0.05,
        "{a:?} vs {identity_auc}"
    );
}

#[test]
fn r15_site_model_with_its_combination_is_byte_identical() {
    let rows = site_rows();
    let rows: Vec<(&str, bool)> = rows.iter().map(|(t, y)| (t.as_str(), *y)).collect();
    let lexicon = Lexicon::builtin();
    let opts = SiteOptions::default();
    let file = |r: &site::SiteReport| {
        crate::model_file::encode(&crate::model_file::SiteModel {
            info: crate::model_file::ModelInfo {
                base_sha256: None,
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
    };
    let a = train_site(&rows, Some(Model::builtin()), &lexicon, &opts).unwrap();
    let b = train_site(&rows, Some(Model::builtin()), &lexicon, &opts).unwrap();
    assert!(a.model.stack().is_some());
    assert_eq!(file(&a), file(&b));
    let no_stack = SiteOptions {
        stack: false,
        ..SiteOptions::default()
    };
    let c = train_site(&rows, Some(Model::builtin()), &lexicon, &no_stack).unwrap();
    assert!(c.model.stack().is_none());
    assert_eq!(c.auc_site, c.auc_layer);
    assert_eq!(encode_weights(&a.model), encode_weights(&c.model));
}
