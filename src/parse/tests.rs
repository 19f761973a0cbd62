//! Unit tests for the stages behind `parse_str`; whole pages are covered
//! by the golden fixtures in tests/fixtures.

use super::line::{Line, LineKind};
use super::nest::{nest, MAX_DEPTH};
use super::{parse_bytes, parse_str};
use crate::error::ParseErrorKind;

/// A bullet line at `depth` (unit 2, base 2) without real indentation
/// text: `nest` only reads the indent width, so a 100,000-level thread
/// needs no 10 GB of spaces.
fn bullet(number: u32, depth: usize) -> Line<'static> {
    Line {
        number,
        indent: 2 * depth,
        tab: None,
        kind: LineKind::Bullet("x"),
        raw: "",
    }
}

#[test]
fn hundred_thousand_levels_do_not_overflow_the_stack() {
    let depth = 100_000;
    let lines: Vec<Line<'_>> = (1..=depth).map(|d| bullet(d as u32, d)).collect();
    let shapes = nest("deep", lines.iter().copied()).unwrap();
    assert_eq!(shapes.len(), depth);
    assert_eq!(shapes[depth - 1].depth, depth);
    assert_eq!(shapes[depth - 1].parent, Some(depth - 2));
    assert!(shapes.iter().all(|c| c.author.is_none()));
    // The tree built from it must also be walkable (and droppable)
    // without recursion.
    let comments = shapes
        .into_iter()
        .map(|s| super::RawComment {
            author: s.author,
            body: "x".to_owned(),
            depth: s.depth,
            line: s.line,
            parent: s.parent,
        })
        .collect();
    let tree = crate::tree::ReplyTree::from_comments(comments);
    let (last, id) = tree.with_dotted_ids().last().unwrap();
    assert_eq!(tree.comment(last).depth as usize, depth);
    assert_eq!(id.len(), 2 * depth - 1);
}

#[test]
fn depth_beyond_the_cap_is_an_error() {
    let lines: Vec<Line<'_>> = (1..=MAX_DEPTH + 1).map(|d| bullet(d as u32, d)).collect();
    let err = nest("deep", lines.iter().copied()).unwrap_err();
    assert_eq!(err.kind, ParseErrorKind::DepthLimit { max: MAX_DEPTH });
    assert_eq!(err.line as usize, MAX_DEPTH + 1);
    assert_eq!(
        err.to_string(),
        format!(
            "deep:{}:{}: expected at most 1048576 reply levels, found deeper nesting; \
             split the thread",
            MAX_DEPTH + 1,
            1
        )
    );
}

#[test]
fn a_real_nested_page_five_thousand_levels_deep() {
    let depth = 5_000;
    let mut page = String::from("Headline of a deep page\n\n");
    for d in 0..depth {
        page.push_str(&" ".repeat(d));
        page.push_str("• reply\n");
    }
    // Unit 1: every bullet is one space deeper than the one above.
    let parsed = parse_str("deep.txt", &page).unwrap();
    assert_eq!(parsed.comments.len(), depth);
    assert_eq!(parsed.comments[depth - 1].depth, depth);
}

#[test]
fn unit_is_the_most_common_step_not_the_smallest() {
    // Steps of 4, and one body line mistyped at 3 spaces deeper.
    let page = "T\n\n• A\n\n    a\n\n    • B\n\n        b\n\n• C\n\n   c\n";
    let err = parse_str("p", page).unwrap_err();
    assert_eq!(err.line, 13);
    assert!(
        matches!(
            err.kind,
            ParseErrorKind::OddIndent {
                found: 3,
                unit: 4,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn four_space_unit() {
    let page = "T\n\n    • A\n\n        a\n\n        • B\n\n            b\n";
    let parsed = parse_str("p", page).unwrap();
    let depths: Vec<_> = parsed.comments.iter().map(|c| c.depth).collect();
    assert_eq!(depths, [1, 2]);
    assert_eq!(parsed.comments[1].author.as_deref(), Some("B"));
}

#[test]
fn headline_skips_chrome() {
    let page = "close\nTuesday April 23, 2024\n\nThe Real Headline\n\nBy Staff\n";
    assert_eq!(parse_str("p", page).unwrap().title, "The Real Headline");
    let caption = "A caption that ends in a full stop.\n\nHeadline Here\n";
    assert_eq!(parse_str("p", caption).unwrap().title, "Headline Here");
    // Nothing but chrome: the first line.  Nothing at all: the file name.
    assert_eq!(parse_str("p", "close\n").unwrap().title, "close");
    assert_eq!(parse_str("dir/page.txt", "").unwrap().title, "page");
}

#[test]
fn invalid_utf8_names_line_column_and_offset() {
    let bytes = b"T\n\n  \xe2\x80\xa2 A\n\n    ok \xff bad\n";
    let err = parse_bytes("p", bytes).unwrap_err();
    assert_eq!((err.line, err.column), (5, 8));
    assert_eq!(err.kind, ParseErrorKind::InvalidUtf8 { offset: 19 });
    assert_eq!(err.source_line, "    ok \u{fffd} bad");
}

#[test]
fn invalid_utf8_column_ignores_the_bom() {
    let err = parse_bytes("p", b"\xef\xbb\xbfab\xc3").unwrap_err();
    assert_eq!((err.line, err.column), (1, 3));
}

#[test]
fn line_ends_crlf_cr_and_lf_read_alike() {
    let lf = "T\n\n  • A\n\n    one\n    two\n\n    • B\n\n      b\n";
    let crlf = lf.replace('\n', "\r\n");
    let cr = lf.replace('\n', "\r");
    let bom = format!("\u{feff}{crlf}");
    let expected = parse_str("p", lf).unwrap();
    for text in [&crlf, &cr, &bom] {
        assert_eq!(parse_str("p", text).unwrap(), expected);
    }
    assert_eq!(expected.comments[0].body, "one\ntwo");
}

#[test]
fn bullet_needs_a_space_or_line_end() {
    let kinds: Vec<_> = super::line::page("•word\n• word\n•\n")
        .into_iter()
        .map(|l| l.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            LineKind::Text("•word"),
            LineKind::Bullet("word"),
            LineKind::Bullet("")
        ]
    );
}

#[test]
fn r7_a_bullet_followed_only_by_blanks_is_an_empty_bullet() {
    // Trailing blanks are not kept, so "•\t" must read like "•".
    let kinds: Vec<_> = super::line::page("•\t\n•\u{a0}\n•\tx\n")
        .into_iter()
        .map(|l| l.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            LineKind::Bullet(""),
            LineKind::Bullet(""),
            LineKind::Text("•\tx")
        ]
    );
}

#[test]
fn r7_nul_and_utf16_are_errors_not_lost_comments() {
    // UTF-16LE without a BOM is valid UTF-8 full of NULs; read as text its
    // bullets would vanish and every comment with them.
    let utf16: Vec<u8> = "T\n\n  \u{2022} Ada\n\n    hi\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let err = parse_bytes("p", &utf16).unwrap_err();
    assert_eq!(
        (err.line, err.column, &err.kind),
        (1, 2, &ParseErrorKind::Nul)
    );
    let with_bom = [&[0xff, 0xfe][..], &utf16].concat();
    let err = parse_bytes("p", &with_bom).unwrap_err();
    assert_eq!(
        (err.line, err.column, &err.kind),
        (1, 1, &ParseErrorKind::Utf16)
    );
    let err = parse_str("p", "T\n\n  \u{2022} Ada\n\n    a\0b\n").unwrap_err();
    assert_eq!(
        (err.line, err.column, &err.kind),
        (5, 6, &ParseErrorKind::Nul)
    );
}

#[test]
fn r7_a_title_longer_than_a_headline_is_cut() {
    let long = "x".repeat(300);
    let title = parse_str("p", &long).unwrap().title;
    assert_eq!(title, format!("{}…", "x".repeat(200)));
    assert_eq!(parse_str("p", "close\n").unwrap().title, "close");
}

#[test]
fn r7_tab_indented_lines_do_not_set_the_indent_step() {
    // The tab line is the error; the step in its message is the page's.
    let page = "T\n\n  \u{2022} Ada\n\n  \t  body\n";
    let err = parse_str("p", page).unwrap_err();
    assert_eq!(err.kind, ParseErrorKind::TabIndent { unit: 2 });
}

#[test]
fn r7_invalid_utf8_on_the_first_line_quotes_it_without_the_bom() {
    let err = parse_bytes("p", b"\xef\xbb\xbfab\xffc\n").unwrap_err();
    assert_eq!((err.line, err.column), (1, 3));
    assert_eq!(err.source_line, "ab\u{fffd}c");
}

/// `parse_owned` writes bodies over the page's own bytes; it must read
/// every page exactly as `parse_bytes` does, errors included (issue 6).
fn same_as_parse_bytes(name: &str, bytes: &[u8]) {
    let packed = super::parse_owned(name, bytes.to_vec());
    match (super::parse_bytes(name, bytes), packed) {
        (Ok(page), Ok(packed)) => {
            assert_eq!(packed.title, page.title, "{name}");
            assert_eq!(packed.article, page.article, "{name}");
            assert_eq!(packed.warnings, page.warnings, "{name}");
            assert_eq!(packed.comments.len(), page.comments.len(), "{name}");
            for (p, c) in packed.comments.iter().zip(&page.comments) {
                assert_eq!(&packed.text[p.body.clone()], c.body, "{name}");
                assert_eq!(
                    (&p.author, p.depth, p.line, p.parent),
                    (&c.author, c.depth, c.line, c.parent),
                    "{name}"
                );
            }
        }
        (Err(a), Err(b)) => assert_eq!(a, b, "{name}"),
        (a, b) => panic!("{name}: {a:?} against {b:?}"),
    }
}

#[test]
fn r6_parse_owned_reads_every_fixture_as_parse_bytes() {
    for dir in ["tests/fixtures/ok", "tests/fixtures/err", "data/samples"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for entry in std::fs::read_dir(path).unwrap() {
            let path = entry.unwrap().path();
            let ext = path.extension().and_then(|e| e.to_str());
            if matches!(ext, Some("thread" | "txt")) {
                let bytes = std::fs::read(&path).unwrap();
                same_as_parse_bytes(&path.display().to_string(), &bytes);
            }
        }
    }
}

#[test]
fn r6_parse_owned_reads_line_ends_bom_and_blank_runs_as_parse_bytes() {
    let page = "T\n\n  • Ann\n\n    one\n    two\n\n\n    three   \n  • anonymous head\n    \
                next line\n\n    para\n    • \n      \n      empty bullet body\n  •\n";
    let crlf = page.replace('\n', "\r\n");
    let cr = page.replace('\n', "\r");
    let bom = format!("\u{feff}{page}");
    for (name, text) in [("lf", page), ("crlf", &crlf), ("cr", &cr), ("bom", &bom)] {
        same_as_parse_bytes(name, text.as_bytes());
    }
    let generated = crate::generate::page(&crate::generate::GenOptions {
        seed: 7,
        target_bytes: 200_000,
        max_depth: 8,
        ..crate::generate::GenOptions::default()
    });
    same_as_parse_bytes("generated", generated.as_bytes());
    for bad in [&b"T\n\n  \xff\n"[..], b"\xff\xfeT", b"T\n\n  \x00 x\n"] {
        same_as_parse_bytes("bad", bad);
    }
}
