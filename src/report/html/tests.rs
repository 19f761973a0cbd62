use super::graph::{layout, svg, Edge};
use super::page::csp;
use super::text::marked;
use super::wilson_lower;
use crate::pipeline::{Mark, MarkKind};

fn flag(range: std::ops::Range<usize>, f: &str) -> Mark {
    Mark {
        range,
        kind: MarkKind::Flag(f.to_owned()),
    }
}

#[test]
fn text_is_escaped_and_marks_highlight_words() {
    let text = "<script>alert(1)</script> you idiot";
    let start = text.find("idiot").unwrap();
    let html = marked(text, &[flag(start..start + 5, "name_calling")]).into_string();
    assert!(
        html.starts_with("&lt;script&gt;alert(1)&lt;/script&gt; you "),
        "{html}"
    );
    assert!(
        html.ends_with(r#"<mark class="f" title="name_calling">idiot</mark>"#),
        "{html}"
    );
    assert!(!html.contains("<script"));
}

#[test]
fn quoted_words_are_apart_and_overlaps_split() {
    let text = "\"you liar\" said Ann";
    let marks = [
        Mark {
            range: 0..10,
            kind: MarkKind::Quoted,
        },
        flag(5..9, "lying_accusation"),
        // Not on a character boundary of the text: ignored.
        flag(100..104, "threat"),
    ];
    let html = marked(text, &marks).into_string();
    assert_eq!(
        html,
        concat!(
            r#"<span class="q" title="quoted: not the author&#39;s own words">&quot;you </span>"#,
            r#"<span class="q" title="quoted: not the author&#39;s own words"><mark class="f" title="lying_accusation">liar</mark></span>"#,
            r#"<span class="q" title="quoted: not the author&#39;s own words">&quot;</span> said Ann"#
        )
        .replace("&#39;", "'")
    );
}

#[test]
fn graph_layout_is_deterministic_and_escapes_names() {
    let edges = vec![
        Edge {
            from: "<b>Ann</b>".to_owned(),
            to: "Bo".to_owned(),
            uncivil: 3,
            harassment: true,
        },
        Edge {
            from: "Bo".to_owned(),
            to: "<b>Ann</b>".to_owned(),
            uncivil: 1,
            harassment: false,
        },
    ];
    let a = svg(&layout(&edges)).into_string();
    let b = svg(&layout(&edges)).into_string();
    assert_eq!(a, b);
    assert!(a.contains("&lt;b&gt;Ann&lt;/b&gt;"));
    assert!(!a.contains("<b>"));
    assert_eq!(a.matches("<path class=\"e").count(), 2);
    assert_eq!(a.matches("class=\"e hx\"").count(), 1);
}

#[test]
fn the_policy_allows_no_network_and_only_the_page_script() {
    let p = csp();
    assert!(p.starts_with("default-src 'none';"));
    assert!(p.contains("script-src 'sha256-"));
    assert!(!p.contains("unsafe"));
    assert!(!p.contains("http"));
}

#[test]
fn wrapped_lines_join_and_paragraphs_stay() {
    let text = "one\ntwo idiot\n\nthree";
    let start = text.find("idiot").unwrap();
    let html = marked(text, &[flag(start..start + 5, "name_calling")]).into_string();
    assert_eq!(
        html,
        "one two <mark class=\"f\" title=\"name_calling\">idiot</mark>\n\nthree"
    );
}

#[test]
fn small_threads_do_not_outrank_big_bad_ones() {
    assert!(wilson_lower(30, 50) > wilson_lower(2, 2));
    assert!(wilson_lower(10, 12) > wilson_lower(30, 100));
    assert_eq!(wilson_lower(0, 0), 0.0);
    assert_eq!(wilson_lower(0, 10), 0.0);
    let x = wilson_lower(2, 2);
    assert!((x - 0.342).abs() < 0.001, "{x}");
}

/// What the HTML sink holds while a run streams is bounded by what the
/// page shows, not by the run (issue 27: a run of 2,000,000 comments held
/// 3.13 GB for a page of 10,000), and a long comment is cut.
#[test]
fn r27_the_sink_holds_what_the_page_shows_and_cuts_long_texts() {
    use super::{HtmlSink, COMMENTS_MAX, TEXT_MAX, THREADS_MAX, THREAD_COMMENTS_MAX};
    use crate::pipeline::CommentRecord;
    use crate::report::CommentRow;
    let mut sink = HtmlSink::new();
    let long = "you idiot ".repeat(600);
    let mut most = 0;
    for t in 0..1_200 {
        for c in 0..25 {
            let row = CommentRow {
                source: format!("s{t}.txt"),
                thread: format!("Thread {t}"),
                comment_id: (c + 1).to_string(),
                incivility: "0.900".to_owned(),
                uncivil: u8::from(c % 3 == 0),
                ..CommentRow::default()
            };
            let r = CommentRecord {
                row,
                text: long.as_str().into(),
                marks: vec![
                    flag(4..9, "name_calling"),
                    flag(5_004..5_009, "name_calling"),
                ],
            };
            sink.add(&r);
        }
        let held: usize = sink.threads.iter().map(|t| t.shown.len()).sum();
        most = most.max(held);
    }
    // Kept threads: at most the page's budget plus one budget pending.
    assert!(
        most <= 2 * COMMENTS_MAX + THREAD_COMMENTS_MAX,
        "held {most} comments"
    );
    assert!(sink.threads.len() <= 2 * THREADS_MAX);
    for c in sink.threads.iter().flat_map(|t| &t.shown) {
        assert!(c.text.len() < TEXT_MAX + 100, "{} bytes", c.text.len());
        assert!(c.text.ends_with("the whole text is in comments.csv]"));
        assert_eq!(c.marks.len(), 1, "marks past the cut are dropped");
    }
}
