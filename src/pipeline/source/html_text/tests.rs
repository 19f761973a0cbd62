use super::html_to_text;

#[test]
fn paragraphs_entities_links_and_quotes() {
    let html = "<p>First &amp; <a href=\"https://example.org\">only</a> point.</p>\
                <blockquote><p>You said\nthis &lt;thing&gt;</p><p>twice</p></blockquote>\
                <p>Line<br>break&nbsp;here.</p><script>alert(1)</script>";
    assert_eq!(
        html_to_text(html),
        "First & only point.\n\n> You said this <thing>\n\n> twice\n\nLine\nbreak\u{a0}here."
    );
}

#[test]
fn plain_text_and_broken_markup() {
    assert_eq!(html_to_text("  just words  "), "just words");
    assert_eq!(html_to_text("a <b>bold</b> word"), "a bold word");
    assert_eq!(html_to_text("unclosed <i>tag"), "unclosed tag");
    assert_eq!(html_to_text("x < y & z"), "x < y & z");
    assert_eq!(html_to_text("<p></p>"), "");
    assert_eq!(html_to_text("<img alt=\"smile\">"), "smile");
    assert_eq!(
        html_to_text("<blockquote><blockquote>deep</blockquote>reply</blockquote>"),
        "> > deep\n\n> reply"
    );
}
