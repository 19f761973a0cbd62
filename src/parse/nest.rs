//! Stage 2: the nesting rules of `grammars/thread.ebnf`.
//!
//! Turns the lines of a comment section into comments with parent links.
//! Depth comes from indentation; a stack of open comments (one entry per
//! level) gives each bullet its parent, so no function recurses per reply
//! level and a 100,000-level thread costs a 100,000-entry vector, not a
//! stack overflow (rust-bakery/nom's fuzz target caps recursion for the
//! same reason; we cap the depth at `MAX_DEPTH` only to bound memory).

use std::collections::BTreeMap;

use super::line::{Line, LineKind};
use super::span::column_of;
use crate::error::{ParseError, ParseErrorKind};

/// Deepest reply level accepted.  Sites cap nesting at 5 to 10 levels; the
/// cap only exists so that a hostile page cannot make the id paths
/// (`1.1.1...`) grow without bound.
pub const MAX_DEPTH: usize = 1 << 20;

/// Indent step assumed when no line is deeper than its bullet.
const DEFAULT_UNIT: usize = 2;

/// A comment as the page lays it out, before it becomes a tree node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawComment {
    /// The author's name, or `None` for an anonymous comment.
    pub author: Option<String>,
    /// Body text: lines joined by `\n`, paragraphs by an empty line.
    pub body: String,
    /// 1 for a top-level comment.
    pub depth: usize,
    /// Line of the bullet.
    pub line: u32,
    /// Index of the parent in the output vector (`None` at top level).
    pub parent: Option<usize>,
}

/// A comment's place in the page, before its body is put together: the
/// lines it spans, from its bullet up to the next bullet.  Bodies are
/// built afterwards (`body_pieces`), either into strings or in place in
/// the page's own buffer, so a huge page is not held twice (issue 6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    /// The author's name, or `None` for an anonymous comment.
    pub author: Option<String>,
    /// 1 for a top-level comment.
    pub depth: usize,
    /// Line of the bullet.
    pub line: u32,
    /// Index of the parent in the output vector (`None` at top level).
    pub parent: Option<usize>,
    /// Positions of its lines among the lines given to `nest`: the bullet
    /// line first.
    pub lines: std::ops::Range<usize>,
    /// Indentation of the body's lines.
    pub body_indent: usize,
}

/// The comment being read: its bullet and what is known about its body.
struct Open<'a> {
    index: usize,
    bullet_indent: usize,
    head: &'a str,
    /// No non-blank line after the bullet yet: author or anonymous is open.
    awaiting_first: bool,
}

/// Nests `lines`, which start with the first comment bullet of the page.
pub fn nest<'a>(
    path: &str,
    lines: impl Iterator<Item = Line<'a>> + Clone,
) -> Result<Vec<Shape>, Box<ParseError>> {
    let Some(first) = lines.clone().next() else {
        return Ok(Vec::new());
    };
    let base = first.indent;
    let unit = infer_unit(lines.clone());
    let err = |line: &Line<'_>, byte: usize, kind| {
        Box::new(ParseError {
            path: path.to_owned(),
            line: line.number,
            column: column_of(line.raw, byte),
            kind,
            source_line: line.raw.to_owned(),
        })
    };
    let grid = |indent: usize| (indent - base).is_multiple_of(unit);

    let mut out: Vec<Shape> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut open: Option<Open<'_>> = None;
    let mut count = 0;
    for (position, line) in lines.enumerate() {
        count = position + 1;
        let line = &line;
        if line.kind != LineKind::Blank {
            if let Some(tab) = line.tab {
                return Err(err(line, tab, ParseErrorKind::TabIndent { unit }));
            }
        }
        match line.kind {
            LineKind::Blank => {}
            LineKind::Bullet(text) => {
                if line.indent < base {
                    return Err(err(
                        line,
                        line.indent,
                        ParseErrorKind::BelowBase {
                            base,
                            first_line: first.number,
                            found: line.indent,
                        },
                    ));
                }
                if !grid(line.indent) {
                    let kind = odd_indent(base, unit, line.indent);
                    return Err(err(line, line.indent, kind));
                }
                let depth = (line.indent - base) / unit + 1;
                if depth > stack.len() + 1 {
                    let kind = ParseErrorKind::TooDeep {
                        max: stack.len() + 1,
                        found: depth,
                        unit,
                    };
                    return Err(err(line, line.indent, kind));
                }
                if depth > MAX_DEPTH {
                    let kind = ParseErrorKind::DepthLimit { max: MAX_DEPTH };
                    return Err(err(line, line.indent, kind));
                }
                if let Some(o) = open.take() {
                    out[o.index].lines.end = position;
                }
                stack.truncate(depth - 1);
                out.push(Shape {
                    author: None,
                    depth,
                    line: line.number,
                    parent: stack.last().copied(),
                    lines: position..position + 1,
                    body_indent: line.indent + unit,
                });
                stack.push(out.len() - 1);
                open = Some(Open {
                    index: out.len() - 1,
                    bullet_indent: line.indent,
                    head: text,
                    awaiting_first: true,
                });
            }
            LineKind::Text(_) => {
                // The section starts with a bullet, so a comment is open.
                let Some(o) = open.as_mut() else {
                    let kind = ParseErrorKind::Dedent {
                        body: base + unit,
                        found: line.indent,
                    };
                    return Err(err(line, line.indent, kind));
                };
                let body_indent = o.bullet_indent + unit;
                if line.indent < body_indent {
                    let kind = if line.indent >= base && !grid(line.indent) {
                        odd_indent(base, unit, line.indent)
                    } else {
                        ParseErrorKind::Dedent {
                            body: body_indent,
                            found: line.indent,
                        }
                    };
                    return Err(err(line, line.indent, kind));
                }
                if o.awaiting_first {
                    o.awaiting_first = false;
                    if line.indent == body_indent && !o.head.is_empty() {
                        out[o.index].author = Some(o.head.to_owned());
                    }
                }
            }
        }
    }
    if let Some(o) = open.take() {
        out[o.index].lines.end = count;
    }
    Ok(out)
}

/// One piece of a comment's body, in order: text from the page, or the
/// line break between two of its lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text of a line (or the bullet line of an anonymous comment).
    Text(&'a str),
    /// `\n` between lines, `\n\n` between paragraphs.
    Break(&'static str),
}

/// The pieces of the body of the comment whose lines (bullet first) are
/// `lines`, as `nest` shaped it: lines joined by `\n`, paragraphs by an
/// empty line, indentation up to `body_indent` dropped; an anonymous
/// comment's bullet text is its first line.  `nest` has checked every
/// line, so only the joining is left.
pub fn body_pieces<'a>(
    mut lines: impl Iterator<Item = Line<'a>>,
    authored: bool,
    body_indent: usize,
    mut out: impl FnMut(Piece<'a>),
) {
    let head = match lines.next().map(|l| l.kind) {
        Some(LineKind::Bullet(head)) => head,
        _ => "",
    };
    let mut first = true;
    let mut blanks = 0;
    for line in lines {
        match line.kind {
            LineKind::Blank => blanks += 1,
            // Only the first line of a section can be a bullet.
            LineKind::Bullet(_) => {}
            LineKind::Text(_) => {
                let separator = Piece::Break(if blanks > 0 { "\n\n" } else { "\n" });
                if first {
                    first = false;
                    if !authored && !head.is_empty() {
                        out(Piece::Text(head));
                        out(separator);
                    }
                } else {
                    out(separator);
                }
                blanks = 0;
                // Indentation beyond the body's own is kept as text; the
                // indent holds only spaces here (tabs were rejected).
                out(Piece::Text(line.raw[body_indent..].trim_end()));
            }
        }
    }
    // A bullet without a body under it: anonymous, and the bullet text is
    // its whole body.
    if first {
        out(Piece::Text(head));
    }
}

/// The page's indent step: the most common positive difference between a
/// bullet and the first non-blank line after it.  Taking the most common
/// one (not the smallest) means one mistyped line is reported as an error
/// instead of silently redefining every depth on the page.
fn infer_unit<'a>(lines: impl Iterator<Item = Line<'a>>) -> usize {
    let mut steps: BTreeMap<usize, u32> = BTreeMap::new();
    let mut bullet: Option<usize> = None;
    for line in lines {
        match line.kind {
            LineKind::Blank => {}
            LineKind::Bullet(_) | LineKind::Text(_) => {
                if let Some(b) = bullet.take() {
                    // A tab's width is unknown (that line is an error), so
                    // it must not set the step the error message suggests.
                    if line.indent > b && line.tab.is_none() {
                        *steps.entry(line.indent - b).or_default() += 1;
                    }
                }
                if let LineKind::Bullet(_) = line.kind {
                    bullet = Some(line.indent);
                }
            }
        }
    }
    // Ties go to the smaller step: max_by_key keeps the last maximum, so
    // iterate from the largest step down.
    steps
        .iter()
        .rev()
        .max_by_key(|(_, n)| **n)
        .map_or(DEFAULT_UNIT, |(step, _)| *step)
}

fn odd_indent(base: usize, unit: usize, found: usize) -> ParseErrorKind {
    let expected = if found < base {
        base.to_string()
    } else {
        let lower = base + (found - base) / unit * unit;
        format!("{lower} or {}", lower + unit)
    };
    ParseErrorKind::OddIndent {
        expected,
        found,
        unit,
    }
}
