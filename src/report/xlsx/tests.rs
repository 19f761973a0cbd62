use super::{date, fit, CELL_CHARS};

#[test]
fn long_text_is_cut_to_a_cell_with_a_note() {
    let long = "é".repeat(40_000);
    let cut = fit(&long);
    assert!(cut.encode_utf16().count() <= CELL_CHARS);
    assert!(cut.ends_with("see the CSV]"));
    assert_eq!(fit("short"), "short");
}

#[test]
fn only_iso_dates_are_dates() {
    assert!(date("2024-03-01").is_some());
    assert!(date("2024-03-01T09:30:00Z").is_some());
    assert!(date("2024-03-01T09:30:00+02:00").is_some());
    assert!(date("1.10").is_none());
    assert!(date("yesterday").is_none());
    assert!(date("2024-13-45").is_none());
}
