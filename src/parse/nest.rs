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
use super::meta::{self, Meta};
use super::span::{self, column_of};
use super::Warning;
use crate::error::{ParseError, ParseErrorKind};
use crate::time::Timestamp;

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
    /// When it was posted, if the page says (issue 16).
    pub created: Option<Timestamp>,
    /// `created` named no zone and was read as UTC (`Meta::local`).
    pub created_local: bool,
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
    /// Lines after the bullet that are metadata (`2 hours ago`, `12
    /// likes`) and blanks among them: the body starts after them.
    pub skip: usize,
    /// When it was posted, if the page says (issue 16).
    pub created: Option<Timestamp>,
    /// `created` named no zone and was read as UTC (`Meta::local`).
    pub created_local: bool,
}

/// The comment being read: its bullet and what is known about its body.
struct Open<'a> {
    index: usize,
    bullet_indent: usize,
    /// The bullet text without author-line metadata.
    head: &'a str,
    /// Column of the bullet, for warnings.
    column: u32,
    /// No body line after the bullet yet: author or anonymous is open.
    awaiting_first: bool,
    /// Nothing but the bullet so far, not even a blank line: a text line
    /// now may be the wrapped rest of the bullet text.
    adjacent: bool,
    /// Where a run of metadata lines at the end of the body started, and
    /// the time it gave: dropped from the body if nothing follows it.
    footer: Option<(usize, Option<Meta>)>,
}

/// Nests `lines`, which start with the first comment bullet of the page;
/// returns the comments and the warnings about what stays ambiguous.
pub fn nest<'a>(
    path: &str,
    lines: impl Iterator<Item = Line<'a>> + Clone,
) -> Result<(Vec<Shape>, Vec<Warning>), Box<ParseError>> {
    let Some(first) = lines.clone().next() else {
        return Ok((Vec::new(), Vec::new()));
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
    let mut warnings: Vec<Warning> = Vec::new();
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
            LineKind::Blank => {
                if let Some(o) = open.as_mut() {
                    o.adjacent = false;
                }
            }
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
                        step: line.indent - (base + (stack.len().max(1) - 1) * unit),
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
                    close(&mut out[o.index], &o, position);
                }
                stack.truncate(depth - 1);
                let a = meta::author_line(text);
                let warn = |warnings: &mut Vec<Warning>, message: String| {
                    warnings.push(Warning {
                        line: line.number,
                        column: column_of(line.raw, line.indent),
                        message,
                    })
                };
                if !a.not_understood.is_empty() {
                    warn(
                        &mut warnings,
                        format!(
                            "kept {:?} out of the author's name {:?} as metadata, but did not \
                             understand it",
                            a.not_understood.join(" · "),
                            a.name
                        ),
                    );
                }
                let meta = a.meta.unwrap_or_default();
                if meta.ambiguous_date {
                    warn(&mut warnings, ambiguous_date());
                }
                // Metadata on the bullet line (a time, a badge) makes its
                // text a name, whatever follows.
                let authored = a.meta.is_some() && !a.name.is_empty();
                out.push(Shape {
                    author: authored.then(|| a.name.to_owned()),
                    depth,
                    line: line.number,
                    parent: stack.last().copied(),
                    lines: position..position + 1,
                    body_indent: line.indent + unit,
                    skip: 0,
                    created: meta.created,
                    created_local: meta.local,
                });
                stack.push(out.len() - 1);
                open = Some(Open {
                    index: out.len() - 1,
                    bullet_indent: line.indent,
                    head: if authored { "" } else { a.name },
                    column: column_of(line.raw, line.indent),
                    awaiting_first: true,
                    adjacent: true,
                    footer: None,
                });
            }
            LineKind::Text(text) => {
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
                // Metadata lines stand at the body's own indent, directly
                // under the bullet (header) or at the end (footer).
                let meta = (line.indent == body_indent)
                    .then(|| meta::meta_line(text))
                    .flatten();
                let shape = &mut out[o.index];
                if let Some(m) = meta {
                    if m.ambiguous_date {
                        warnings.push(Warning {
                            line: line.number,
                            column: column_of(line.raw, line.indent),
                            message: ambiguous_date(),
                        });
                    }
                    if o.awaiting_first {
                        header(shape, o, position, m);
                    } else if o.footer.is_none() {
                        o.footer = Some((position, Some(m)));
                    } else if let Some((_, timed)) = o.footer.as_mut() {
                        if timed.is_none_or(|t| t.created.is_none()) {
                            *timed = Some(m);
                        }
                    }
                    continue;
                }
                o.footer = None;
                if o.awaiting_first {
                    o.awaiting_first = false;
                    if line.indent == body_indent && !o.head.is_empty() && shape.author.is_none() {
                        match wrapped(o.adjacent, o.head, text) {
                            Reading::Name => shape.author = Some(o.head.to_owned()),
                            Reading::Wrapped => {}
                            Reading::Either => {
                                shape.author = Some(o.head.to_owned());
                                warnings.push(Warning {
                                    line: shape.line,
                                    column: o.column,
                                    message: format!(
                                        "read {:?} as the author's name; if it is the first line \
                                         of an anonymous comment the site wrapped, put a blank \
                                         line under names or indent the wrapped line deeper",
                                        o.head
                                    ),
                                });
                            }
                        }
                    }
                }
            }
        }
    }
    if let Some(o) = open.take() {
        close(&mut out[o.index], &o, count);
    }
    timed_names(&out, unit, &mut warnings);
    Ok((out, warnings))
}

/// Warns of each author's name that still holds a time after its
/// metadata was taken out (issue 27): a time the grammar does not know
/// made the site's byline one phantom user.
fn timed_names(out: &[Shape], unit: usize, warnings: &mut Vec<Warning>) {
    let before = warnings.len();
    for s in out {
        let Some(name) = s.author.as_deref() else {
            continue;
        };
        if meta::contains_time(name) {
            warnings.push(Warning {
                line: s.line,
                column: span::to_u32(s.body_indent - unit + 1),
                message: format!(
                    "the author's name {name:?} holds a time that was not read as one; \
                     put a separator (·) between the name and the time"
                ),
            });
        }
    }
    if warnings.len() > before {
        warnings.sort_by_key(|w| w.line);
    }
}

fn ambiguous_date() -> String {
    "the date's day and month could be either way round, so the comment has no \
     time; pages that write the month as a word are read exactly"
        .to_owned()
}

/// A metadata line under the bullet, before any body line: the body starts
/// after it, and a time there makes the bullet text a name.
fn header(shape: &mut Shape, o: &mut Open<'_>, position: usize, m: Meta) {
    shape.skip = position - shape.lines.start;
    posted(shape, &m);
    if m.timed && !o.head.is_empty() && shape.author.is_none() {
        shape.author = Some(o.head.to_owned());
        o.head = "";
    }
    o.adjacent = false;
}

/// Gives `shape` the time `m` says, unless it has one.
fn posted(shape: &mut Shape, m: &Meta) {
    if shape.created.is_none() && m.created.is_some() {
        shape.created = m.created;
        shape.created_local = m.local;
    }
}

/// Ends the open comment's lines before line `end`, or before the run of
/// metadata lines that ends its body.
fn close(shape: &mut Shape, o: &Open<'_>, end: usize) {
    shape.lines.end = match o.footer {
        Some((start, m)) => {
            if let Some(m) = m {
                posted(shape, &m);
            }
            start
        }
        None => end,
    };
}

/// How a bullet text with a line at the body's indent under it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// The author's name.
    Name,
    /// The first line of an anonymous comment, wrapped onto the next.
    Wrapped,
    /// A name, but it could be a wrapped first line: warn.
    Either,
}

/// Decides between a name and a wrapped anonymous first line.  A blank
/// line between a name and its body is how every page we have seen lays
/// out an author, and how `render` writes one; so only a line directly
/// under the bullet can be a wrapped continuation, and then only when the
/// bullet text does not look like a name: more than five words, over 50
/// characters, or ending like a clause (`,` `;` `:` `!` `?` `…`, or `.` after
/// a word longer than an initial or "Jr").  A short text directly above a
/// line starting in lower case could be either (issue 16).
fn wrapped(adjacent: bool, head: &str, next: &str) -> Reading {
    if !adjacent {
        return Reading::Name;
    }
    let words = head.split_whitespace().count();
    let clause_end = head.ends_with([',', ';', ':', '!', '?', '…', '-'])
        || (head.ends_with('.')
            && head
                .split_whitespace()
                .last()
                .is_some_and(|w| w.chars().count() > 4));
    if words > 5 || head.chars().count() > 50 || clause_end {
        Reading::Wrapped
    } else if words >= 2 && next.starts_with(|c: char| c.is_lowercase()) {
        Reading::Either
    } else {
        Reading::Name
    }
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
    skip: usize,
    mut out: impl FnMut(Piece<'a>),
) {
    let head = match lines.next().map(|l| l.kind) {
        Some(LineKind::Bullet(head)) => head,
        _ => "",
    };
    // Metadata lines under the bullet are not body (see `nest`).
    let lines = lines.skip(skip);
    let mut first = true;
    let mut starts_body = true;
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
                        starts_body = false;
                    }
                } else {
                    out(separator);
                }
                blanks = 0;
                // Indentation beyond the body's own is kept as text; the
                // indent holds only spaces here (tabs were rejected).  A
                // body never starts with spaces, though: a first line can
                // only be deeper than the body after a header line or an
                // empty bullet, where the extra indent is layout, not text.
                let text = line.raw[body_indent..].trim_end();
                out(Piece::Text(if starts_body {
                    // Only spaces: an ideographic space is text.
                    text.trim_start_matches(' ')
                } else {
                    text
                }));
                starts_body = false;
            }
        }
    }
    // A bullet without a body under it: anonymous, and the bullet text is
    // its whole body; or a name with only metadata under it (issue 16).
    if first && !authored {
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
