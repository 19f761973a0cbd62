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

/// The subset walk gives the tokenizer's text whenever it reads a body.
fn agree(html: &str) -> bool {
    match super::simple::walk(html) {
        Some(t) => {
            assert_eq!(
                super::tidy(&t.text),
                super::tokenized(html),
                "the subset walk and the tokenizer differ on {html:?}"
            );
            true
        }
        None => false,
    }
}

/// Bodies and articles of the bundled WordPress and Disqus samples.
fn sample_bodies() -> Vec<String> {
    use quick_xml::events::Event;
    let mut out = Vec::new();
    for file in ["wordpress.xml", "disqus.xml"] {
        let text = std::fs::read_to_string(format!("data/samples/{file}")).unwrap();
        let mut r = quick_xml::Reader::from_str(&text);
        let mut inside = false;
        loop {
            match r.read_event().unwrap() {
                Event::Start(e) => {
                    inside = matches!(
                        e.name().0,
                        "wp:comment_content" | "content:encoded" | "message"
                    );
                }
                Event::CData(t) if inside => out.push(t.xml10_content().into_owned()),
                Event::Text(t) if inside => out.push(t.xml10_content().into_owned()),
                Event::End(_) => inside = false,
                Event::Eof => break,
                _ => {}
            }
        }
    }
    out
}

#[test]
fn r16_simple_markup_skips_the_tokenizer_with_the_same_text() {
    let bodies = sample_bodies();
    assert!(bodies.len() >= 10, "{bodies:?}");
    for b in bodies.iter().filter(|b| b.contains(['<', '&'])) {
        assert!(agree(b), "a sample body left the subset: {b:?}");
    }
    // The benchmark's body, and the forms the subset reads.
    for html in [
        "<p>bridge &amp; ferry.</p>\n<p><a href=\"https://x.example\">queue</a> boats.</p>",
        "<P CLASS=x>Shout</P><br/><br >x",
        "a < b &amp; c > d & e",
        "<a href='q' title=\"r\" data-x=1 checked>link</a>",
        "&rsquo;&mdash;&#8230;&#x263A;&nbsp;&notin;",
        "<script>hidden <b>too</b></script>shown<style/>still",
        "<pre>kept\n  as is\n</pre>after",
        "<blockquote><p>one</p><blockquote>two</blockquote></blockquote>three",
        "<ul><li>a</li><li>b</li></ul><table><tr><td>c</td></tr></table>",
        "trailing <",
        "</p >end",
    ] {
        assert!(agree(html), "{html:?} left the subset");
    }
    // What the subset leaves to the tokenizer.
    for html in [
        "<!-- note -->x",
        "a\r\nb <b>c</b>",
        "&amp",
        "&notit;",
        "&#0;",
        "&#128;",
        "<img alt=\"smile\">",
        "<p.x>y</p.x>",
        "<a b=\"c\"d>e</a>",
        "</>x",
        "<p",
        "\u{feff}<b>x</b>",
    ] {
        assert!(!agree(html), "{html:?} should go to the tokenizer");
    }
}

proptest::proptest! {
    /// Bodies strung together from markup pieces, well formed or not:
    /// wherever the subset walk reads one, its text is the tokenizer's.
    #[test]
    fn r16_simple_walk_reads_as_the_tokenizer(pieces in proptest::collection::vec(
        proptest::sample::select(vec![
            "<p>", "</p>", "<br>", "<br/>", "<BR />", "<div>", "</div>", "<hr>", "<li>", "</li>",
            "<ul>", "</ul>", "<tr>", "<blockquote>", "</blockquote>", "<pre>", "</pre>",
            "<script>", "</script>", "<style/>", "<a href=\"https://x.example/?a=1&amp;b=2\">",
            "</a>", "<em>", "</em>", "<b", ">", "<", "</", "/>", "=", "\"", "'", "&", ";", "#",
            "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&nbsp;", "&rsquo;", "&mdash;",
            "&amp", "&ampx", "&not;", "&notit;", "&#39;", "&#x263A;", "&#0;", "&#128;",
            "&#x10FFFF;", "&#xZZ;", "&#", "&bogus;", "<!--", "-->", "<img alt=\"q\">",
            "<P CLASS=x>", "<a b c=d>", "<a b='c'd>", "</p >", "</ p>", "<p/>", "<p.x>",
            "x", "word", "café", "😀", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\u{a0}", "> ",
        ]),
        0..24,
    )) {
        let html: String = pieces.concat();
        agree(&html);
    }
}

/// `Text::push` and `tidy` as they were before the byte loops (issue 16's
/// speed work): the property tests below hold the new ones to them.
mod reference {
    use super::super::Text;

    pub fn push(t: &mut Text, s: &str) {
        for (i, part) in s.split('\n').enumerate() {
            if i > 0 {
                if t.pre > 0 {
                    t.newline();
                } else if !t.at_line_start {
                    t.text.push(' ');
                }
            }
            if part.is_empty() {
                continue;
            }
            let mut words = part
                .split([' ', '\t', '\r'])
                .filter(|w| !w.is_empty())
                .peekable();
            let lead = part.starts_with([' ', '\t', '\r']);
            let trail = part.ends_with([' ', '\t', '\r']);
            if words.peek().is_none() {
                if !t.at_line_start && !t.text.ends_with(' ') {
                    t.text.push(' ');
                }
                continue;
            }
            if t.at_line_start {
                for _ in 0..t.quote {
                    t.text.push_str("> ");
                }
                t.at_line_start = false;
            } else if lead && !t.text.ends_with(' ') {
                t.text.push(' ');
            }
            let mut first = true;
            for w in words {
                if !first {
                    t.text.push(' ');
                }
                first = false;
                t.text.push_str(w);
            }
            if trail {
                t.text.push(' ');
            }
        }
    }

    pub fn tidy(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut blank = 0;
        for line in text.lines() {
            let line = line.trim_end();
            if line.trim().is_empty() || line.trim() == ">" {
                blank += 1;
                continue;
            }
            if !out.is_empty() {
                out.push_str(if blank > 0 { "\n\n" } else { "\n" });
            }
            blank = 0;
            out.push_str(line);
        }
        out
    }
}

fn text_piece() -> impl proptest::strategy::Strategy<Value = String> {
    proptest::collection::vec(
        proptest::sample::select(vec![
            "a", "word", "café", " ", "  ", "\t", "\r", "\n", "\r\n", "\u{a0}", ">", " > ", "x y",
        ]),
        0..12,
    )
    .prop_map(|p| p.concat())
}

use proptest::strategy::Strategy;

proptest::proptest! {
    /// The byte loop of `Text::push` writes what the split into words
    /// wrote, from any state and over any run of runs.
    #[test]
    fn r16_push_matches_the_word_split(
        start in "[a-z> ]{0,3}",
        quote in 0usize..3,
        pre in 0usize..2,
        at_line_start: bool,
        runs in proptest::collection::vec(text_piece(), 0..4),
    ) {
        let fresh = || super::Text {
            text: start.clone(),
            quote,
            pre,
            at_line_start,
            ..super::Text::default()
        };
        let (mut new, mut old) = (fresh(), fresh());
        for r in &runs {
            new.push(r);
            reference::push(&mut old, r);
            proptest::prop_assert_eq!(&new.text, &old.text);
            proptest::prop_assert_eq!(new.at_line_start, old.at_line_start);
        }
    }

    /// `tidy` over `split` gives what it gave over `lines`.
    #[test]
    fn r16_tidy_matches_the_line_walk(text in text_piece()) {
        proptest::prop_assert_eq!(super::tidy(&text), reference::tidy(&text));
    }
}
