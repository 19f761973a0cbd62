//! Unit tests for the hashed logistic-regression scorer.

use super::*;

struct Tokens(Vec<(String, String)>);

impl Sink for Tokens {
    fn token(&mut self, t: &Token<'_>) {
        // The extractor hashes `normalize_word(raw)`; the sinks no longer
        // need the normal form, so it is recomputed here.
        let mut norm = String::new();
        normalize_word(t.raw, &mut norm);
        self.0.push((t.raw.to_string(), norm));
    }
    fn feature(&mut self, _index: usize, _family: Family, _bucket: u32) {}
}

fn tokens(text: &str) -> Vec<(String, String)> {
    let mut t = Tokens(Vec::new());
    extract(&FeatureConfig::default(), text, &mut t);
    t.0
}

#[test]
fn normal_forms() {
    let mut out = String::new();
    normalize_word("STUUUUPID", &mut out);
    assert_eq!(out, "stuupid");
    normalize_word("\u{ff39}\u{ff4f}\u{ff55}\u{2019}re", &mut out);
    assert_eq!(out, "you're");
    normalize_word("1000", &mut out);
    assert_eq!(out, "1000");
}

#[test]
fn tokens_keep_masks_and_inner_apostrophes() {
    let t = tokens("Don\u{2019}t say f**k, 'quoted' *** ok");
    let raw: Vec<&str> = t.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(raw, ["Don\u{2019}t", "say", "f**k", "quoted", "ok"]);
    assert_eq!(t[0].1, "don't");
}

#[test]
fn dense_features() {
    let s = extract(
        &FeatureConfig::default(),
        "YOU are WRONG!!",
        &mut Tokens(Vec::new()),
    );
    assert!(
        (s.dense[0] - 8.0 / 11.0).abs() < 1e-6,
        "capitals {}",
        s.dense[0]
    );
    assert!((s.dense[1] - 2f32.ln_1p()).abs() < 1e-6);
    assert!((s.dense[2] - 2f32.ln_1p()).abs() < 1e-6);
    assert_eq!(s.dense[3], 0.0);
    assert!((s.dense[4] - 1f32.ln_1p()).abs() < 1e-6);
}

#[test]
fn features_match_the_scorer() {
    // The trainer's view of a text (buckets and values) gives the same
    // logit as the scorer's.
    let m = Model::builtin();
    let w = m.to_weights();
    for text in [
        "You are an IDIOT!!",
        "Caf\u{e9} na\u{ef}ve f**k you?",
        "fine",
        "",
    ] {
        let f = features(&m.config(), text);
        let mut z = f64::from(w.bias);
        for &e in &f.buckets {
            let (b, v) = f.entry(e);
            z += f64::from(w.scale) * f64::from(w.buckets[b]) * f64::from(v);
        }
        for (d, x) in w.dense.iter().zip(f.dense) {
            z += f64::from(*d) * f64::from(x);
        }
        assert!((sigmoid(z) - m.score(text)).abs() < 1e-5, "{text:?}");
    }
}

#[test]
fn weights_round_trip_and_are_checked() {
    let m = Model::builtin();
    assert_eq!(&Model::new(m.to_weights()).unwrap(), m);
    let mut w = m.to_weights();
    w.buckets.pop();
    assert!(matches!(Model::new(w), Err(ModelError::BadWeights(_))));
    let mut w = m.to_weights();
    w.buckets[3] = 300;
    assert!(matches!(Model::new(w), Err(ModelError::BadWeights(_))));
    let mut w = m.to_weights();
    w.bias = f32::NAN;
    assert!(matches!(Model::new(w), Err(ModelError::BadWeights(_))));
    let mut w = m.to_weights();
    w.config.bucket_bits = 40;
    assert!(matches!(Model::new(w), Err(ModelError::BadConfig(_))));
}

#[test]
fn words_are_normal_forms() {
    assert_eq!(
        words("You're a STUUUPID troll!"),
        ["you're", "a", "stuupid", "troll"]
    );
    let m = Model::builtin();
    assert!(m.word_weight("idiot") > m.word_weight("budget"));
}

#[test]
fn builtin_model_loads_and_ranks() {
    let m = Model::builtin();
    let rude = m.score("You are a pathetic idiot and a liar.");
    let calm = m.score("Thanks for the clear explanation of the budget.");
    assert!(rude > calm, "rude {rude} calm {calm}");
    assert!((0.0..=1.0).contains(&m.threshold()));
}

#[test]
fn empty_and_odd_texts_score() {
    let m = Model::builtin();
    for text in ["", "!!!", "\u{202e}\u{0}", "a", &"x".repeat(10_000)] {
        let s = m.score(text);
        assert!((0.0..=1.0).contains(&s), "{text:?} -> {s}");
        let _ = m.explain(text, 5);
    }
}

#[test]
fn sentences_are_scored_alone() {
    let m = Model::builtin();
    let one = "You are a pathetic idiot and a liar.";
    assert_eq!(m.score_with_sentences(one), (m.score(one), m.score(one)));
    assert_eq!(m.score_with_sentences("Thanks.").1, 0.0);
    let long = "Thanks for the clear explanation of the budget. \
                The council meets on Tuesday.\nYou are a pathetic idiot!";
    let (whole, best) = m.score_with_sentences(long);
    assert_eq!(whole, m.score(long));
    assert_eq!(best, m.score("\nYou are a pathetic idiot!"));
    assert!(best > whole, "best {best} whole {whole}");
}

/// The score of the best sentence as it was computed before issue 6: each
/// sentence extracted on its own.
fn best_sentence_one_by_one(m: &Model, text: &str) -> f64 {
    let pieces: Vec<&str> = text
        .split_inclusive(['.', '!', '?', '\n'])
        .filter(|p| p.split_whitespace().next().is_some())
        .collect();
    if pieces.len() <= 1 {
        let long = pieces
            .first()
            .is_some_and(|p| p.split_whitespace().nth(1).is_some());
        return if long { m.score(text) } else { 0.0 };
    }
    pieces
        .iter()
        .filter(|p| p.split_whitespace().nth(1).is_some())
        .map(|p| m.score(p))
        .fold(0.0, f64::max)
}

#[test]
fn r6_one_pass_sentences_equal_sentences_scored_alone() {
    let m = Model::builtin();
    let texts = [
        "",
        "idiot",
        "You are an idiot",
        "Fine.  You are an IDIOT!\nand a liar\nreally",
        "line one has words\nline two, too; and you're a moron?? yes!!",
        "What?! No... it's \u{2019}fine\u{2019} isn't it. STOP THE LIES. ok",
        "- -\n. .\nword word\n",
        "Caf\u{e9} na\u{ef}ve f**k you\u{ff01} \u{ff26}\u{ff35}\u{ff23}\u{ff2b} off.\n\nNew para here",
    ];
    for t in texts {
        let (whole, best) = m.score_with_sentences(t);
        assert_eq!(whole.to_bits(), m.score(t).to_bits(), "{t:?}");
        assert_eq!(
            best.to_bits(),
            best_sentence_one_by_one(m, t).to_bits(),
            "{t:?}"
        );
    }
    let page = crate::generate::page(&crate::generate::GenOptions {
        target_bytes: 200_000,
        insults: crate::generate::insults(&crate::analyze::matcher::Lexicon::builtin()),
        uncivil_per_mille: 300,
        quote_per_mille: 100,
        ..Default::default()
    });
    for body in page.split("\n\n") {
        let (_, best) = m.score_with_sentences(body);
        assert_eq!(best.to_bits(), best_sentence_one_by_one(m, body).to_bits());
    }
}
