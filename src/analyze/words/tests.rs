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

#[test]
fn ascii_path_splits_as_the_general_one() {
    // Tricky cases first, then pseudo-random ASCII over the characters the
    // splitter treats specially.
    let mut texts: Vec<String> = [
        "",
        "'",
        "a'",
        "a''b",
        "don't",
        "cops' car",
        "o'neil's 'quote'",
        "f**k *x* you*",
        "END. Of! story?? ok;\nnew\n\nline",
        "...start",
        "MAGA IS GREAT. Ok A",
        "x1 2y 33",
        "trailing'",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let alphabet = b"aZ9 '*.!?;\n,-Ab";
    let mut seed: u64 = 14;
    for _ in 0..2000 {
        let mut t = String::new();
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let len = (seed >> 58) as usize;
        for _ in 0..len {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            t.push(char::from(alphabet[(seed >> 60) as usize % alphabet.len()]));
        }
        texts.push(t);
    }
    for t in &texts {
        assert_eq!(Words::of_ascii(t.as_bytes()), Words::of_any(t), "{t:?}");
    }
}
