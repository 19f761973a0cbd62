//! Unit tests for the stages behind `parse_str`; whole pages are covered
//! by the golden fixtures in tests/fixtures.

use super::line::{Line, LineIndex, LineKind};
use super::nest::{nest, MAX_DEPTH};
use super::{parse_bytes, parse_owned_with, parse_str, Grain};
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
    let (shapes, warnings) = nest("deep", lines.iter().copied()).unwrap();
    assert!(warnings.is_empty());
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
            created: None,
            created_local: false,
        })
        .collect();
    // The tree reads replies below its depth cap at the cap, as later
    // siblings (issue 27).
    let cap = crate::tree::DEPTH_MAX;
    let tree = crate::tree::ReplyTree::from_comments(comments);
    assert_eq!(tree.len(), depth);
    assert_eq!(tree.flattened(), Some((depth - cap, cap as u32 + 1)));
    let (last, id) = tree.with_dotted_ids().last().unwrap();
    assert_eq!(tree.comment(last).depth as usize, cap);
    assert_eq!(id, format!("{}{}", "1.".repeat(cap - 1), depth - cap + 1));
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

/// Grains small enough that chunk and task edges fall on every line and
/// comment of a test page, and one chunk for the whole page.
const GRAINS: [Grain; 5] = [
    Grain {
        line_bytes: 1,
        shapes: 1,
    },
    Grain {
        line_bytes: 3,
        shapes: 2,
    },
    Grain {
        line_bytes: 7,
        shapes: 3,
    },
    Grain {
        line_bytes: 64,
        shapes: 5,
    },
    Grain {
        line_bytes: usize::MAX,
        shapes: usize::MAX,
    },
];

/// `parse_owned` writes bodies over the page's own bytes, and cuts its
/// work into chunks; it must read every page exactly as `parse_bytes`
/// does, errors included, at every grain (issue 6).
fn same_as_parse_bytes(name: &str, bytes: &[u8]) {
    same_as_parse_bytes_at(name, bytes, Grain::PAGE);
    for grain in GRAINS {
        same_as_parse_bytes_at(name, bytes, grain);
    }
}

fn same_as_parse_bytes_at(name: &str, bytes: &[u8], grain: Grain) {
    let (len, packed) = parse_owned_with(name, bytes.to_vec(), <[u8]>::len, grain);
    assert_eq!(len, bytes.len(), "{name} {grain:?}");
    let page = super::parse_bytes(name, bytes);
    let name = &format!("{name} {grain:?}");
    match (page, packed) {
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

/// The line index built in chunks of `chunk` bytes, as lines.
fn lines_in_chunks(text: &str, chunk: usize) -> Vec<Line<'_>> {
    let index = LineIndex::chunked(text, chunk);
    (0..index.len()).map(|i| index.line(text, i)).collect()
}

#[test]
fn r6_a_chunked_line_index_reads_the_lines_of_one_pass() {
    let page = "T\r\n\r\n  \u{2022} Ann\r\n    one\r    two\n\n\r\n  \u{2022}\n    \u{2022} x\t\n\t\u{2022} tab\r\r\n";
    let pages = [
        page.to_owned(),
        format!("\u{feff}{page}"),
        page.trim_end().to_owned(),
        "\n\n\n".to_owned(),
        "\r\r\r".to_owned(),
        "\u{feff}".to_owned(),
        String::new(),
        // One line longer than every chunk, then short ones.
        format!("{}\n  \u{2022} a\n    b", "x".repeat(100)),
    ];
    for text in &pages {
        let whole = lines_in_chunks(text, usize::MAX);
        assert_eq!(whole, super::line::page(text), "{text:?}");
        for chunk in 1..=40 {
            assert_eq!(lines_in_chunks(text, chunk), whole, "{text:?} {chunk}");
        }
    }
}

#[test]
fn r6_a_bullet_at_a_chunk_edge_is_read_whole() {
    // Cuts fall after the first line feed past each chunk's size, so with
    // 4-byte chunks the second line starts a chunk exactly at its bullet,
    // whose three UTF-8 bytes a byte-counted cut would split.
    let text = "abc\n\u{2022} Ann\n  body\n";
    let index = LineIndex::chunked(text, 4);
    assert_eq!(index.len(), 3);
    assert_eq!(index.line(text, 1).kind, LineKind::Bullet("Ann"));
    let parsed = parse_owned_with("p", text.as_bytes().to_vec(), |_| (), GRAINS[0]).1;
    assert_eq!(parsed.unwrap().comments.len(), 1);
}

#[test]
fn r6_errors_in_a_later_chunk_keep_their_position() {
    let mut page = String::from("Headline\n\n");
    for i in 0..200 {
        page.push_str(&format!("  \u{2022} A{i}\n    body {i}\n\n"));
    }
    let pages: Vec<Vec<u8>> = vec![
        // Invalid UTF-8, a NUL, a tab, an odd indent and a dedent, each
        // near the end, far beyond the first chunk at every test grain.
        [page.as_bytes(), b"  \xe2\x80\xa2 Z\n    bad \xff byte\n"].concat(),
        [page.as_bytes(), b"  \xe2\x80\xa2 Z\n    nul \x00 byte\n"].concat(),
        format!("{page}  \u{2022} Z\n  \t  tab\n").into_bytes(),
        format!("{page}   \u{2022} odd\n").into_bytes(),
        format!("{page}  \u{2022} Z\n  dedent\n").into_bytes(),
        format!("{page}      \u{2022} too deep\n").into_bytes(),
    ];
    for (n, bytes) in pages.iter().enumerate() {
        let err = parse_bytes("p", bytes).unwrap_err();
        assert!(err.line > 600, "{n}: {err}");
        same_as_parse_bytes(&format!("late error {n}"), bytes);
    }
}

#[test]
fn r6_the_hash_beside_parsing_is_the_hash_of_the_bytes() {
    for bytes in [
        &b"T\n\n  \xe2\x80\xa2 A\n    a\n"[..],
        b"T\n\n  \xff\n",
        b"",
    ] {
        let (sha, thread) = crate::input::hash_and_parse_thread_owned("p", bytes.to_vec());
        assert_eq!(sha, crate::input::sha256_hex(bytes));
        let alone = crate::input::parse_thread_owned("p", bytes.to_vec());
        assert_eq!(thread.is_ok(), alone.is_ok());
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// Pages made of lines from the constructs of the grammar, with every
    /// kind of line end, read alike whole and in chunks of any size.
    #[test]
    fn r6_chunked_parsing_agrees_with_one_pass(
        parts in proptest::collection::vec(0usize..PARTS.len(), 0..60),
        chunk in 1usize..48,
        shapes in 1usize..6,
    ) {
        let bytes: Vec<u8> = parts.iter().flat_map(|&p| PARTS[p].iter().copied()).collect();
        if let Ok(text) = std::str::from_utf8(&bytes) {
            proptest::prop_assert_eq!(lines_in_chunks(text, chunk), lines_in_chunks(text, usize::MAX));
        }
        same_as_parse_bytes_at("prop", &bytes, Grain { line_bytes: chunk, shapes });
    }
}

/// Pieces of pages: indents, bullets, text, line ends, and bytes that are
/// errors (invalid UTF-8, NUL, tab).
const PARTS: [&[u8]; 16] = [
    b"Headline",
    b"  ",
    b"    ",
    b"\xe2\x80\xa2 ",
    b"\xe2\x80\xa2",
    b"word ",
    b"\"quoted words\"",
    b"\n",
    b"\n",
    b"\r\n",
    b"\r",
    b"\n\n",
    b"\t",
    b"\xff",
    b"\x00",
    b"\xef\xbb\xbf",
];

#[test]
fn r16_a_body_never_starts_with_spaces() {
    // After a header line, or under an empty bullet, the first body line
    // may sit deeper than the body's indent; that indent is layout, and a
    // body starting with spaces could not be written back as a page (the
    // props test found it).  Deeper later lines keep their extra indent.
    let page = "T\n\n\u{2022} Ada Marsh\n  March 3, 2025 at 9:14 am\n     An ambiguous date\n      kept\n\u{2022}\n     under an empty bullet\n";
    let parsed = parse_str("p", page).unwrap();
    let bodies: Vec<_> = parsed.comments.iter().map(|c| c.body.as_str()).collect();
    assert_eq!(
        bodies,
        ["An ambiguous date\n    kept", "under an empty bullet"]
    );
    assert_eq!(parsed.comments[0].author.as_deref(), Some("Ada Marsh"));
    same_as_parse_bytes("p", page.as_bytes());
}
