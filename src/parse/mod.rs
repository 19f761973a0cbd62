//! Reading comment pages: bytes in, comments with parent links out.
//!
//! This is the only module that imports nom.  Parsing has the two stages of
//! `grammars/thread.ebnf`: `line` (the nom line grammar) and `nest` (the
//! indentation rules, with an explicit stack).  `section` decides where the
//! article ends and what its headline is.

pub mod lexicon;
mod line;
pub mod meta;
mod nest;
mod section;
mod span;

#[cfg(test)]
mod tests;

use std::ops::Range;

use rayon::prelude::*;

use crate::error::{ParseError, ParseErrorKind};
use line::{LineIndex, Lines};
use nest::{body_pieces, Piece, Shape};
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
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
    parse_str(path, text_of(path, bytes)?)
}

/// The page's bytes as text, or the error that says why they are not.
fn text_of<'b>(path: &str, bytes: &'b [u8]) -> Result<&'b str, Box<ParseError>> {
    // A UTF-16 byte-order mark is invalid UTF-8 at byte 0; saying which
    // encoding it is gives the right iconv command (issue 7).
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(Box::new(ParseError {
            path: path.to_owned(),
            line: 1,
            column: 1,
            kind: ParseErrorKind::Utf16,
            source_line: utf16_first_line(bytes),
        }));
    }
    std::str::from_utf8(bytes).map_err(|e| Box::new(invalid_utf8(path, bytes, e.valid_up_to())))
}

/// The first line of a UTF-16 file (byte-order mark first) as text, at
/// most 100 characters: read as UTF-8 it was every other byte NUL, a noisy
/// excerpt (issue 27).
fn utf16_first_line(bytes: &[u8]) -> String {
    let little = bytes.starts_with(&[0xff, 0xfe]);
    let units = bytes[2..].chunks_exact(2).map(|p| {
        if little {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .take_while(|&c| c != '\n' && c != '\r')
        .take(100)
        .collect()
}

/// Parses a page that is already text.
pub fn parse_str(path: &str, text: &str) -> Result<Page, Box<ParseError>> {
    let index = LineIndex::new(text);
    let (head, shapes, comment_lines) = structure(path, text, &index)?;
    let comments = shapes
        .into_iter()
        .map(|s| {
            let mut body = String::new();
            let lines = comment_lines.slice(s.lines.clone()).iter();
            body_pieces(lines, s.author.is_some(), s.body_indent, s.skip, |p| {
                body.push_str(match p {
                    Piece::Text(t) | Piece::Break(t) => t,
                })
            });
            RawComment {
                author: s.author,
                body,
                depth: s.depth,
                line: s.line,
                parent: s.parent,
                created: s.created,
                created_local: s.created_local,
            }
        })
        .collect();
    Ok(Page {
        title: head.title,
        article: head.article,
        comments,
        warnings: head.warnings,
    })
}

/// A parsed page whose comment bodies share one string: what
/// [`parse_owned`] makes of a page's own buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackedPage {
    /// The article's headline.
    pub title: String,
    /// The article's text, lines joined with `\n`.
    pub article: String,
    /// Every comment's body, one after the other.
    pub text: String,
    /// Comments in source order; parents come before their replies.
    pub comments: Vec<PackedComment>,
    /// Recoveries the parser made.
    pub warnings: Vec<Warning>,
}

/// A comment of a [`PackedPage`]: a [`RawComment`] whose body is a byte
/// range of the page's `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackedComment {
    /// The author's name, or `None` for an anonymous comment.
    pub author: Option<String>,
    /// Where the body is in the page's `text`.
    pub body: Range<usize>,
    /// 1 for a top-level comment.
    pub depth: usize,
    /// Line of the bullet.
    pub line: u32,
    /// Index of the parent in the comment vector (`None` at top level).
    pub parent: Option<usize>,
    /// When it was posted, if the page says (issue 16).
    pub created: Option<crate::time::Timestamp>,
    /// `created` named no zone and was read as UTC (`meta::Meta::local`).
    pub created_local: bool,
}

/// Parses a page read into `bytes`, reusing that buffer for the bodies: a
/// body is never longer than the lines it comes from, so each is written
/// over the page's own bytes, behind the line being read.  A page is held
/// once, not once as bytes and again as bodies (issue 6).  The result is
/// the same as [`parse_bytes`].
pub fn parse_owned(path: &str, bytes: Vec<u8>) -> Result<PackedPage, Box<ParseError>> {
    parse_owned_beside(path, bytes, |_| ()).1
}

/// [`parse_owned`], running `beside` on the page's bytes at the same time
/// as the part of parsing that only reads them (UTF-8 check, line index,
/// nesting), through `rayon::join`.  For `analyze`, which hashes every
/// input: on one huge page the hash used to run alone before parsing
/// while the other workers waited (issue 6).
pub fn parse_owned_beside<R: Send>(
    path: &str,
    bytes: Vec<u8>,
    beside: impl FnOnce(&[u8]) -> R + Send,
) -> (R, Result<PackedPage, Box<ParseError>>) {
    parse_owned_with(path, bytes, beside, Grain::PAGE)
}

/// How finely a page's parsing is cut into tasks for the rayon pool.
/// Tests use tiny grains, so that chunk edges fall on every kind of line.
#[derive(Debug, Clone, Copy)]
struct Grain {
    /// Bytes per chunk of the line index (see `LineIndex::chunked`).
    line_bytes: usize,
    /// Comments whose body pieces one task finds.
    shapes: usize,
}

impl Grain {
    const PAGE: Grain = Grain {
        line_bytes: line::CHUNK_BYTES,
        shapes: 4096,
    };
}

/// Comments whose bodies are found in parallel before they are written:
/// bounds the pieces held at once.
const SHAPES_PER_BLOCK: usize = 16;

fn parse_owned_with<R: Send>(
    path: &str,
    mut bytes: Vec<u8>,
    beside: impl FnOnce(&[u8]) -> R + Send,
    grain: Grain,
) -> (R, Result<PackedPage, Box<ParseError>>) {
    let (side, read) = rayon::join(
        || beside(&bytes),
        || -> Result<_, Box<ParseError>> {
            let text = text_of(path, &bytes)?;
            let index = LineIndex::chunked(text, grain.line_bytes);
            let (head, shapes, comment_lines) = structure(path, text, &index)?;
            let first = comment_lines.offset();
            Ok((index, head, shapes, first))
        },
    );
    let (index, head, mut shapes, first) = match read {
        Ok(r) => r,
        Err(e) => return (side, Err(e)),
    };
    let mut comments = Vec::with_capacity(shapes.len());
    let mut written = 0;
    // Finding a body's pieces reads only lines that lie ahead of
    // everything written so far, so a block of comments' pieces are found
    // in parallel, then written in order (issue 6).
    for block in shapes.chunks_mut(grain.shapes.saturating_mul(SHAPES_PER_BLOCK)) {
        let found: Vec<Found> = block
            .par_chunks(grain.shapes)
            .map(|shapes| Found::of(&bytes, &index, first, shapes))
            .collect();
        for (run, f) in block.chunks_mut(grain.shapes).zip(found) {
            let mut at = 0;
            for (s, &end) in run.iter_mut().zip(&f.ends) {
                let start = written;
                for p in &f.pieces[at..end] {
                    if p.end == usize::MAX {
                        let len = p.len();
                        bytes[written..written + len].fill(b'\n');
                        written += len;
                    } else {
                        bytes.copy_within(p.clone(), written);
                        written += p.len();
                    }
                }
                at = end;
                comments.push(PackedComment {
                    author: s.author.take(),
                    body: start..written,
                    depth: s.depth,
                    line: s.line,
                    parent: s.parent,
                    created: s.created,
                    created_local: s.created_local,
                });
            }
        }
    }
    drop(shapes);
    bytes.truncate(written);
    bytes.shrink_to_fit();
    // Every byte written came from a whole `str` or is a line feed.
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    (
        side,
        Ok(PackedPage {
            title: head.title,
            article: head.article,
            text,
            comments,
            warnings: head.warnings,
        }),
    )
}

/// The body pieces of a run of comments, as byte ranges of the page (a
/// break is the range `usize::MAX - len..usize::MAX`).
struct Found {
    /// Every piece of the run, comment after comment.
    pieces: Vec<Range<usize>>,
    /// Where each comment's pieces end in `pieces`.
    ends: Vec<usize>,
}

impl Found {
    fn of(bytes: &[u8], index: &LineIndex, first: usize, shapes: &[Shape]) -> Self {
        let mut found = Found {
            pieces: Vec::new(),
            ends: Vec::with_capacity(shapes.len()),
        };
        let (Some(a), Some(z)) = (shapes.first(), shapes.last()) else {
            return found;
        };
        let bytes_of =
            index.bytes(first + a.lines.start).start..index.bytes(first + z.lines.end - 1).end;
        // These lines lie ahead of everything written so far, so they are
        // still the page's bytes, and they are whole lines of valid UTF-8.
        let region = std::str::from_utf8(&bytes[bytes_of.clone()]).unwrap_or("");
        let base = region.as_ptr() as usize - bytes_of.start;
        for s in shapes {
            let lines = (first + s.lines.start..first + s.lines.end)
                .map(|i| index.line_within(region, bytes_of.start, i));
            body_pieces(lines, s.author.is_some(), s.body_indent, s.skip, |p| {
                found.pieces.push(match p {
                    // An empty piece may not point into the page at all.
                    Piece::Text("") => return,
                    Piece::Text(t) => {
                        let start = t.as_ptr() as usize - base;
                        start..start + t.len()
                    }
                    Piece::Break(b) => usize::MAX - b.len()..usize::MAX,
                })
            });
            found.ends.push(found.pieces.len());
        }
        found
    }
}

/// A page's headline, article and warnings.
struct Head {
    title: String,
    article: String,
    warnings: Vec<Warning>,
}

/// Everything about a page but its bodies: head, comment shapes and the
/// comment section's lines.
fn structure<'a>(
    path: &str,
    text: &'a str,
    index: &'a LineIndex,
) -> Result<(Head, Vec<Shape>, Lines<'a>), Box<ParseError>> {
    let lines = Lines::new(text, index);
    nul(path, text, lines)?;
    let sections = section::split(lines);
    let (shapes, nest_warnings) = nest::nest(path, sections.comments.iter())?;
    let fallback = file_stem(path);
    // The article's warnings come first: its lines do.
    let mut warnings = article_bullets(sections.article, sections.comments);
    warnings.extend(nest_warnings);
    let head = Head {
        title: section::headline(sections.article, fallback),
        article: join_article(sections.article),
        warnings,
    };
    Ok((head, shapes, sections.comments))
}

/// A NUL character is never part of a comment page: it means a binary
/// file or UTF-16 without a byte-order mark, whose every other byte is NUL
/// and whose bullets would not be recognised, so its comments would be
/// silently lost (issue 7).  It is an error at the first NUL.
fn nul(path: &str, text: &str, lines: Lines<'_>) -> Result<(), Box<ParseError>> {
    if !text.contains('\0') {
        return Ok(());
    }
    for l in lines.iter() {
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

fn join_article(lines: Lines<'_>) -> String {
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
fn article_bullets(article: Lines<'_>, comments: Lines<'_>) -> Vec<Warning> {
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
