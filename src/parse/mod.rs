//! Reading comment pages: bytes in, comments with parent links out.
//!
//! This is the only module that imports nom.  Parsing has the two stages of
//! `grammars/thread.ebnf`: `line` (the nom line grammar) and `nest` (the
//! indentation rules, with an explicit stack).  `section` decides where the
//! article ends and what its headline is.

pub mod lexicon;
mod line;
mod nest;
mod section;
mod span;

#[cfg(test)]
mod tests;

use crate::error::{ParseError, ParseErrorKind};
pub use nest::{RawComment, MAX_DEPTH};

/// A parsed page: the article's headline and text and its comments in
/// source order (which is also reply-tree preorder).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The article's headline (see `grammars/thread.ebnf`).
    pub title: String,
    /// The article's text, lines joined with `\n`.
    pub article: String,
    /// Comments in source order; parents come before their replies.
    pub comments: Vec<RawComment>,
    /// Recoveries the parser made; nothing was dropped, but a person may
    /// want to look.
    pub warnings: Vec<Warning>,
}

/// A documented recovery, with the position it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// What the parser did and why.
    pub message: String,
}

/// Parses a page from raw bytes: checks UTF-8 first, so the error can name
/// the line and byte offset of the first bad byte.
pub fn parse_bytes(path: &str, bytes: &[u8]) -> Result<Page, Box<ParseError>> {
    // A UTF-16 byte-order mark is invalid UTF-8 at byte 0; saying which
    // encoding it is gives the right iconv command (issue 7).
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        let line_end = bytes
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .unwrap_or(bytes.len());
        return Err(Box::new(ParseError {
            path: path.to_owned(),
            line: 1,
            column: 1,
            kind: ParseErrorKind::Utf16,
            source_line: String::from_utf8_lossy(&bytes[..line_end]).into_owned(),
        }));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_str(path, text),
        Err(e) => Err(Box::new(invalid_utf8(path, bytes, e.valid_up_to()))),
    }
}

/// Parses a page that is already text.
pub fn parse_str(path: &str, text: &str) -> Result<Page, Box<ParseError>> {
    let lines = line::page(text);
    nul(path, text, &lines)?;
    let sections = section::split(&lines);
    let comments = nest::nest(path, sections.comments)?;
    let fallback = file_stem(path);
    let title = section::headline(sections.article, fallback);
    let article = join_article(sections.article);
    let warnings = article_bullets(sections.article, sections.comments);
    Ok(Page {
        title,
        article,
        comments,
        warnings,
    })
}

/// A NUL character is never part of a comment page: it means a binary
/// file or UTF-16 without a byte-order mark, whose every other byte is NUL
/// and whose bullets would not be recognised, so its comments would be
/// silently lost (issue 7).  It is an error at the first NUL.
fn nul(path: &str, text: &str, lines: &[line::Line<'_>]) -> Result<(), Box<ParseError>> {
    if !text.contains('\0') {
        return Ok(());
    }
    for l in lines {
        if let Some(byte) = l.raw.find('\0') {
            return Err(Box::new(ParseError {
                path: path.to_owned(),
                line: l.number,
                column: span::column_of(l.raw, byte),
                kind: ParseErrorKind::Nul,
                source_line: l.raw.to_owned(),
            }));
        }
    }
    Ok(())
}

fn join_article(lines: &[line::Line<'_>]) -> String {
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(l.raw.trim_end());
    }
    out
}

/// Bullet lines kept as article text get a warning, so a page whose comment
/// section was misread (e.g. unindented chrome after it) is noticed.
fn article_bullets(article: &[line::Line<'_>], comments: &[line::Line<'_>]) -> Vec<Warning> {
    let bullets = article
        .iter()
        .filter(|l| matches!(l.kind, line::LineKind::Bullet(_)))
        .collect::<Vec<_>>();
    let Some(first) = bullets.first() else {
        return Vec::new();
    };
    let after = article
        .iter()
        .rev()
        .find(|l| l.indent == 0 && matches!(l.kind, line::LineKind::Text(_)))
        .map_or(0, |l| l.number);
    let where_comments = comments.first().map_or_else(
        || "the page has no comments".to_owned(),
        |l| format!("comments start at line {}", l.number),
    );
    vec![Warning {
        line: first.number,
        column: span::column_of(first.raw, first.indent),
        message: format!(
            "{} bullet line(s) read as article text, because unindented text \
             follows them at line {after}; {where_comments}",
            bullets.len()
        ),
    }]
}

fn file_stem(path: &str) -> &str {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    match name.rfind('.') {
        Some(dot) if dot > 0 => &name[..dot],
        _ => name,
    }
}

/// Builds the error for invalid UTF-8 at byte `valid_up_to`, counting lines
/// the way the line grammar does (CRLF, LF and lone CR each end a line).
fn invalid_utf8(path: &str, bytes: &[u8], valid_up_to: usize) -> ParseError {
    let valid = &bytes[..valid_up_to];
    let mut line = 1u32;
    let mut line_start = 0;
    let mut i = 0;
    while i < valid.len() {
        match valid[i] {
            b'\n' => {
                line += 1;
                line_start = i + 1;
            }
            b'\r' if valid.get(i + 1) != Some(&b'\n') => {
                line += 1;
                line_start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    // The prefix is valid UTF-8 by construction of `valid_up_to`.
    let prefix = std::str::from_utf8(&valid[line_start..]).unwrap_or("");
    // Columns count what an editor shows, and editors hide the BOM.
    let prefix = prefix.strip_prefix('\u{feff}').unwrap_or(prefix);
    let column = span::to_u32(prefix.chars().count() + 1);
    let line_end = bytes[valid_up_to..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(bytes.len(), |p| valid_up_to + p);
    // The quoted line is what the column counts in: without the BOM.
    let line_bytes = &bytes[line_start..line_end];
    let line_bytes = match line_start {
        0 => line_bytes
            .strip_prefix("\u{feff}".as_bytes())
            .unwrap_or(line_bytes),
        _ => line_bytes,
    };
    ParseError {
        path: path.to_owned(),
        line,
        column,
        kind: ParseErrorKind::InvalidUtf8 {
            offset: valid_up_to,
        },
        source_line: String::from_utf8_lossy(line_bytes).into_owned(),
    }
}
