use super::sanitize;

#[test]
fn plain_text_is_borrowed() {
    assert!(matches!(
        sanitize("Brooklyn_Reader"),
        std::borrow::Cow::Borrowed(_)
    ));
}

#[test]
fn escapes_controls_and_bidi_overrides() {
    assert_eq!(sanitize("a\u{1b}[31mb"), "a\\u{1b}[31mb");
    assert_eq!(sanitize("x\u{202e}y"), "x\\u{202e}y");
    assert_eq!(sanitize("l1\nl2\t"), "l1\\nl2\\t");
}
