use super::{Category, CATEGORIES, COUNT, FLAG_COLUMNS};

#[test]
fn names_are_unique_snake_case_columns() {
    for (i, def) in CATEGORIES.iter().enumerate() {
        assert!(
            def.name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_'),
            "{}",
            def.name
        );
        assert_eq!(FLAG_COLUMNS[i], def.name);
        assert_eq!(Category::named(def.name).index(), i);
        assert!(CATEGORIES[..i].iter().all(|d| d.name != def.name));
        assert!((0.0..=1.0).contains(&def.strength));
    }
    assert!(COUNT <= usize::from(u8::MAX));
}

#[test]
fn only_listed_categories_are_found_by_name() {
    assert_eq!(Category::from_name("threat"), Some(Category::THREAT));
    assert_eq!(Category::from_name("shouting"), None);
    assert_eq!(Category::from_name("nope"), None);
    assert!(Category::listed().all(|c| c.def().words.is_some()));
    assert_eq!(format!("{:?}", Category::VULGARITY), "vulgarity");
}

#[test]
fn column_order_is_the_report_contract() {
    // comments.csv and `score` columns (issue 3); new rows go at the end.
    assert_eq!(
        &FLAG_COLUMNS[..9],
        [
            "name_calling",
            "aspersion",
            "lying_accusation",
            "vulgarity",
            "pejorative_speech",
            "threat",
            "identity_attack",
            "shouting",
            "mockery",
        ]
    );
}
