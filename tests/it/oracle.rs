//! The properties issue 7 asks of the parsers, as plain functions, so the
//! property tests (tests/it/props.rs) and the fuzz targets
//! (fuzz/fuzz_targets/, which include this file by path) check the same
//! things.  Each returns `Err(why)` instead of panicking, so a proptest can
//! shrink the input and a fuzzer can report it.
//!
//! Only the public API and std are used here: the fuzz crate sees nothing
//! else.

use threadwatch::analyze::matcher::{Category, Lexicon};
use threadwatch::parse::{self, lexicon, Page, RawComment};
use threadwatch::render::{self, Layout};
use threadwatch::{ParseErrorKind, RenderError, ReplyTree};

/// The lines of `bytes` as the page parser counts them (a leading BOM
/// dropped; CRLF, LF and a lone CR each end a line), decoded lossily.
pub fn page_lines(bytes: &[u8]) -> Vec<String> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let end = match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => Some(2),
            b'\r' | b'\n' => Some(1),
            _ => None,
        };
        if let Some(n) = end {
            lines.push(String::from_utf8_lossy(&bytes[start..i]).into_owned());
            i += n;
            start = i;
        } else {
            i += 1;
        }
    }
    if start < bytes.len() {
        lines.push(String::from_utf8_lossy(&bytes[start..]).into_owned());
    }
    lines
}

/// Checks that a position lies inside `lines`: 1-based line, and a column
/// from 1 to one past the line's last character.
fn inside(lines: &[String], line: u32, column: u32) -> Result<&String, String> {
    let text = (line as usize)
        .checked_sub(1)
        .and_then(|i| lines.get(i))
        .ok_or_else(|| format!("line {line} outside 1..={}", lines.len()))?;
    let max = text.chars().count() + 1;
    if column == 0 || column as usize > max {
        return Err(format!("column {column} outside 1..={max} of line {line}"));
    }
    Ok(text)
}

/// Parses `bytes` as a page.  An error must point inside the input and
/// quote the line it points at; a page must be a well-formed preorder
/// tree that builds a `ReplyTree`, and written out again it must read
/// back the same.
pub fn check_page(bytes: &[u8]) -> Result<(), String> {
    match parse::parse_bytes("input.txt", bytes) {
        Err(e) => {
            let lines = page_lines(bytes);
            let text = inside(&lines, e.line, e.column).map_err(|m| format!("{e}: {m}"))?;
            // A UTF-16 file's line is quoted decoded (issue 27): its bytes
            // read as UTF-8 are every other one NUL.
            let quoted = match e.kind {
                ParseErrorKind::Utf16 => !e.source_line.contains('\0'),
                _ => e.source_line == *text,
            };
            if !quoted {
                return Err(format!("{e}: quotes {:?}, line is {text:?}", e.source_line));
            }
            if let ParseErrorKind::InvalidUtf8 { offset } = e.kind {
                if offset >= bytes.len() || std::str::from_utf8(&bytes[..=offset]).is_ok() {
                    return Err(format!("{e}: byte {offset} is not where UTF-8 breaks"));
                }
            }
            if !e.to_string().starts_with("input.txt:") {
                return Err(format!("{e}: does not name the input"));
            }
            Ok(())
        }
        Ok(page) => {
            check_tree(&page.comments)?;
            check_round_trip(&page)
        }
    }
}

/// Preorder with consistent depths and parents, strictly increasing bullet
/// lines, and a `ReplyTree` that holds every comment once.
pub fn check_tree(comments: &[RawComment]) -> Result<(), String> {
    let mut last_line = 0;
    for (i, c) in comments.iter().enumerate() {
        let parent_depth = match c.parent {
            None => 0,
            Some(p) if p < i => comments[p].depth,
            Some(p) => return Err(format!("comment {i} has parent {p}, not earlier")),
        };
        if c.depth != parent_depth + 1 {
            return Err(format!(
                "comment {i}: depth {} under {parent_depth}",
                c.depth
            ));
        }
        if c.line <= last_line {
            return Err(format!("comment {i}: line {} after {last_line}", c.line));
        }
        last_line = c.line;
    }
    let tree = ReplyTree::from_comments(comments.to_vec());
    let ids = tree.with_dotted_ids().count();
    if tree.len() != comments.len() || ids != comments.len() {
        return Err(format!(
            "{} comments, tree has {} and {ids} ids",
            comments.len(),
            tree.len()
        ));
    }
    Ok(())
}

/// Author, body, depth and parent: what a round trip must keep (bullet
/// lines move when the layout changes).
pub fn shape(comments: &[RawComment]) -> Vec<(Option<&str>, &str, usize, Option<usize>)> {
    comments
        .iter()
        .map(|c| (c.author.as_deref(), c.body.as_str(), c.depth, c.parent))
        .collect()
}

/// Writes a parsed page in the default layout and parses it again.  Only
/// anonymous bodies that start with a space may be refused (see
/// src/render.rs); anything else the parser produced must be writable.
fn check_round_trip(page: &Page) -> Result<(), String> {
    let text = match render::page(&page.article, &page.comments, &Layout::default()) {
        Ok(t) => t,
        Err(RenderError::Ambiguous { .. }) => return Ok(()),
        // A name with only metadata under it (issue 16) has an empty body,
        // which the writer cannot say without inventing metadata.
        Err(RenderError::EmptyBody { index })
            if page.comments[index].author.is_some() && page.comments[index].body.is_empty() =>
        {
            return Ok(())
        }
        Err(e) => return Err(format!("cannot write the parsed page: {e}")),
    };
    let again = parse::parse_str("input.txt", &text)
        .map_err(|e| format!("the written page does not parse: {e}\n{text}"))?;
    if again.article != page.article || again.title != page.title {
        return Err(format!(
            "article or title changed: {:?} / {:?} -> {:?} / {:?}",
            page.title, page.article, again.title, again.article
        ));
    }
    if shape(&again.comments) != shape(&page.comments) {
        return Err(format!(
            "comments changed:\n{:?}\n->\n{:?}",
            shape(&page.comments),
            shape(&again.comments)
        ));
    }
    // Warnings about the comment section's metadata and layout (issue 16)
    // go with what the writer does not write (metadata, wrapped lines);
    // the article's must survive.
    let article_warnings = |p: &Page| {
        let first = p.comments.first().map_or(u32::MAX, |c| c.line);
        p.warnings.iter().filter(|w| w.line < first).count()
    };
    if article_warnings(&again) != article_warnings(page) {
        return Err(format!(
            "warnings changed: {:?} -> {:?}",
            page.warnings, again.warnings
        ));
    }
    Ok(())
}

/// Parses `bytes` as a word list.  An error must point inside the input
/// and quote its line; a list that parses must also compile into a
/// matcher (normalising every term) and match text without panicking.
pub fn check_lexicon(bytes: &[u8]) -> Result<(), String> {
    // Word lists are read as UTF-8 text; other bytes never reach the parser.
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok(());
    };
    match lexicon::lexicon("list.txt", text) {
        Err(e) => {
            // The word-list grammar ends lines at LF only (a lone CR is a
            // fault it reports), and a BOM is dropped.
            let body = text.strip_prefix('\u{feff}').unwrap_or(text);
            let lines: Vec<String> = body
                .split('\n')
                .map(|l| l.split('\r').next().unwrap_or("").to_owned())
                .collect();
            let quoted = inside(&lines, e.line, e.column).map_err(|m| format!("{e}: {m}"))?;
            if !quoted.starts_with(&e.source_line) {
                return Err(format!(
                    "{e}: quotes {:?}, line is {quoted:?}",
                    e.source_line
                ));
            }
            Ok(())
        }
        Ok(entries) => {
            for entry in &entries {
                if !(0.0..=1.0).contains(&entry.weight) {
                    return Err(format!("weight {} accepted", entry.weight));
                }
            }
            // Terms may still be refused by the matcher (duplicates, empty
            // after normalising); that is an error, not a panic.
            if let Ok(lex) = Lexicon::from_texts(&[(Category::NAME_CALLING, text)]) {
                let _ = lex.find(text);
            }
            Ok(())
        }
    }
}
