use super::Words;

#[test]
fn words_fold_case_and_keep_inner_apostrophes() {
    let text = "I\u{2019}m NOT the cops' friend. Don't!  ok";
    let w = Words::of(text);
    let lower: Vec<&str> = (0..w.len()).map(|i| w.lower(i)).collect();
    assert_eq!(
        lower,
        ["i'm", "not", "the", "cops", "friend", "don't", "ok"]
    );
    let sentences: Vec<u32> = w.iter().map(|x| x.sentence).collect();
    assert_eq!(sentences, [0, 0, 0, 0, 0, 1, 2]);
    assert_eq!(&text[w.get(3).unwrap().range.clone()], "cops");
    assert!(w.get(1).unwrap().capital && !w.get(2).unwrap().capital);
}

#[test]
fn phrases_stay_inside_a_sentence() {
    let w = Words::of("watch your. back, watch your back");
    assert_eq!(w.phrase_at(0, "watch your back"), None);
    assert_eq!(w.phrase_at(3, "watch your back"), Some(6));
    assert_eq!(w.span(3, 5), 18..33);
    assert_eq!(w.index_at(18), 3);
    assert_eq!(w.lower(99), "");
}
