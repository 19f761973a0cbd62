use super::Signatures;

#[test]
fn repeated_closing_line_is_a_signature() {
    let a = "First comment body.\n\nKen Crosby";
    let b = "Another one, longer.\n\nKen Crosby\n";
    let c = "No signature here.";
    let sigs = Signatures::learn([("ken", a), ("ken", b), ("ken", c)]);
    assert_eq!(sigs.find("ken", a).map(|r| &a[r]), Some("Ken Crosby"));
    assert_eq!(sigs.find("ken", b).map(|r| &b[r]), Some("Ken Crosby"));
    assert_eq!(sigs.find("ken", c), None);
    // Another author ending with the same words once is not signing.
    assert_eq!(sigs.find("other", a), None);
}

#[test]
fn a_line_used_once_or_a_sentence_is_not_a_signature() {
    let once = Signatures::learn([("a", "Body.\n\nJust once")]);
    assert_eq!(once.find("a", "Body.\n\nJust once"), None);
    let s = "Body.\n\nEnjoy your day.";
    let sentence = Signatures::learn([("a", s), ("a", s)]);
    assert_eq!(sentence.find("a", s), None);
}
