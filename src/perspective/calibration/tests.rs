use super::*;

#[test]
fn r28_fit_recovers_a_known_map() {
    // Rows drawn on a grid with labels in the proportion the map gives:
    // the fit must find the map again.
    let truth = Platt {
        a: 1.5,
        b: 0.8,
        c: -0.4,
    };
    let mut rows = Vec::new();
    for i in 1..100 {
        let s = f64::from(i) / 100.0;
        for f in [false, true] {
            let p = truth.probability(s, f);
            let pos = (p * 200.0).round() as usize;
            for k in 0..200 {
                rows.push((s, f, k < pos));
            }
        }
    }
    let got = fit(&rows);
    for (x, y) in [(got.a, truth.a), (got.b, truth.b), (got.c, truth.c)] {
        assert!((x - y).abs() < 0.05, "{got:?} vs {truth:?}");
    }
}

#[test]
fn r28_score_at_inverts_probability() {
    let m = Platt {
        a: 2.0,
        b: 1.0,
        c: -1.0,
    };
    let s = m.score_at(0.8, true).unwrap();
    assert!((m.probability(s, true) - 0.8).abs() < 1e-9);
}

#[test]
fn r28_fitted_maps_rise_with_the_score() {
    for (i, m) in FITTED.iter().enumerate() {
        let lo = m.probability(0.2, false);
        let hi = m.probability(0.95, true);
        assert!(
            hi > lo,
            "attribute {} does not rise: {m:?}",
            PERSPECTIVE[i].name
        );
    }
}

#[test]
fn r28_a_flagged_typed_attribute_is_never_below_toxicity() {
    // THREAT's own map follows its rare labels; a text the threat rules
    // flagged must still read at least as high as its TOXICITY.
    for score in [0.55, 0.9, 0.98] {
        let tox = probability(Attribute::Perspective(0), score, true);
        for (i, map) in FITTED.iter().enumerate().skip(1) {
            let p = probability(Attribute::Perspective(i), score, true);
            assert!(p >= tox, "attribute {i} at {score}: {p} < {tox}");
            // Unflagged, the fitted map answers alone, and it is low.
            let q = probability(Attribute::Perspective(i), score, false);
            assert_eq!(q, map.probability(score, false));
        }
    }
    let threat = probability(Attribute::Perspective(4), 0.982, true);
    assert!(threat > 0.9, "a flagged threat at 0.982 reads {threat}");
}
