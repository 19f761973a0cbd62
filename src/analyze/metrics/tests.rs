//! Hand-computed cases for the accuracy metrics.

use super::*;

const T: bool = true;
const F: bool = false;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn perfect_ranking() {
    let d = [(0.9, T), (0.8, T), (0.3, F), (0.1, F)];
    assert!(close(roc_auc(&d).unwrap(), 1.0));
    assert!(close(average_precision(&d).unwrap(), 1.0));
    let best = best_f1_threshold(&d).unwrap();
    assert_eq!(best.threshold, 0.8);
    assert_eq!((best.tp, best.fp, best.fn_), (2, 0, 0));
    assert!(close(best.f1, 1.0));
}

#[test]
fn inverted_ranking() {
    let d = [(0.9, F), (0.8, F), (0.3, T), (0.1, T)];
    assert!(close(roc_auc(&d).unwrap(), 0.0));
    // Positives recalled at ranks 3 and 4: precisions 1/3 and 2/4.
    assert!(close(
        average_precision(&d).unwrap(),
        (1.0 / 3.0 + 0.5) / 2.0
    ));
}

#[test]
fn all_tied() {
    let d = [(0.5, T), (0.5, F), (0.5, T), (0.5, F)];
    assert!(close(roc_auc(&d).unwrap(), 0.5));
    // One threshold recalls everything at precision 2/4.
    assert!(close(average_precision(&d).unwrap(), 0.5));
    let best = best_f1_threshold(&d).unwrap();
    assert_eq!(best.threshold, 0.5);
    assert!(close(best.precision, 0.5));
    assert!(close(best.recall, 1.0));
    assert!(close(best.f1, 2.0 / 3.0));
}

#[test]
fn ties_across_classes() {
    // Pairs (pos, neg): 0.9>0.5, 0.9>0.1, 0.5=0.5 (half), 0.5>0.1.
    let d = [(0.5, F), (0.9, T), (0.1, F), (0.5, T)];
    assert!(close(roc_auc(&d).unwrap(), 3.5 / 4.0));
    // Threshold 0.9: precision 1, recall 1/2; threshold 0.5: 2/3, 1.
    assert!(close(
        average_precision(&d).unwrap(),
        0.5 + (2.0 / 3.0) * 0.5
    ));
    let at = prf_at(&d, 0.5);
    assert_eq!((at.tp, at.fp, at.fn_), (2, 1, 0));
    assert!(close(at.precision, 2.0 / 3.0));
    assert!(close(at.recall, 1.0));
    assert!(close(at.f1, 0.8));
    let best = best_f1_threshold(&d).unwrap();
    assert_eq!(best.threshold, 0.5);
    assert!(close(best.f1, 0.8));
}

#[test]
fn order_does_not_matter() {
    let a = [(0.5, F), (0.9, T), (0.1, F), (0.5, T), (0.7, F), (0.2, T)];
    let mut b = a;
    b.reverse();
    assert_eq!(roc_auc(&a), roc_auc(&b));
    assert_eq!(average_precision(&a), average_precision(&b));
    assert_eq!(best_f1_threshold(&a), best_f1_threshold(&b));
}

#[test]
fn f1_ties_go_to_the_higher_threshold() {
    // Threshold 0.9: tp 1, fn 1 -> 2/3; threshold 0.6: tp 2, fp 2 -> 4/6.
    let d = [(0.9, T), (0.8, F), (0.7, F), (0.6, T)];
    let best = best_f1_threshold(&d).unwrap();
    assert_eq!(best.threshold, 0.9);
    assert!(close(best.f1, 2.0 / 3.0));
}

#[test]
fn undefined_cases() {
    assert_eq!(roc_auc(&[(0.1, T), (0.2, T)]), None);
    assert_eq!(roc_auc(&[(0.1, F)]), None);
    assert_eq!(roc_auc(&[]), None);
    assert_eq!(average_precision(&[(0.3, F)]), None);
    assert_eq!(best_f1_threshold(&[(0.3, F)]), None);
    let none_predicted = prf_at(&[(0.1, T), (0.2, F)], 0.5);
    assert_eq!(
        (none_predicted.precision, none_predicted.recall),
        (0.0, 0.0)
    );
    assert_eq!(none_predicted.f1, 0.0);
}
