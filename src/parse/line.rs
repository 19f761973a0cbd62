//! Stage 1: the line grammar of `grammars/thread.ebnf`, written with nom.
//!
//! Every function here is named after its production.  The grammar accepts
//! any UTF-8 text (each line is blank, a bullet line or a text line), so it
//! never fails; the structure of the comment section is checked in
//! `nest.rs`, which knows the indentation rules.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_till1, take_while};
use nom::combinator::{eof, opt, peek, recognize};
use nom::sequence::terminated;
use nom::{IResult, Parser};

use super::span::Span;

/// One physical line of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// 1-based line number.
    pub number: u32,
    /// Width of the indentation, counting a tab as one column.
    pub indent: usize,
    /// Byte offset of the first tab in the indentation, if any.
    pub tab: Option<usize>,
    /// What follows the indentation.
    pub kind: LineKind<'a>,
    /// The whole line without its line end, for error messages.
    pub raw: &'a str,
}

/// What a line holds after its indentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind<'a> {
    /// Only whitespace.
    Blank,
    /// `• text`: the text after the bullet, trimmed (may be empty).
    Bullet(&'a str),
    /// Any other text, without trailing blanks.
    Text(&'a str),
}

/// `page ::= bom? line*`: the lines of a page, BOM already dropped.
pub fn page(input: &str) -> Vec<Line<'_>> {
    let input = bom(input);
    let mut rest = Span::new(input);
    // One line per ~40 bytes is typical of comment pages; reserving avoids
    // most regrowth on big pages without overcommitting on tiny ones.
    let mut lines = Vec::with_capacity(input.len() / 40 + 1);
    let mut number = 0u32;
    while !rest.fragment().is_empty() {
        match line(rest) {
            Ok((next, mut l)) => {
                // nom_locate counts only LF; a lone CR also ends a line
                // here, so the count is ours.
                number = number.saturating_add(1);
                l.number = number;
                lines.push(l);
                rest = next;
            }
            // `line` accepts every non-empty input; this arm is unreachable
            // but must not panic on a future grammar change.
            Err(_) => break,
        }
    }
    lines
}

/// `bom ::= #xFEFF`
pub fn bom(input: &str) -> &str {
    input.strip_prefix('\u{feff}').unwrap_or(input)
}

/// `line ::= indent ( bullet_line | text_line )? line_end`
pub fn line(input: Span<'_>) -> IResult<Span<'_>, Line<'_>> {
    let number = input.location_line();
    let (rest, ws) = indent(input)?;
    let (rest, kind) = opt(alt((bullet_line, text_line))).parse(rest)?;
    let raw_len = rest.location_offset() - input.location_offset();
    let (rest, _) = line_end(rest)?;
    Ok((
        rest,
        Line {
            number,
            indent: ws.fragment().len(),
            tab: ws.fragment().find('\t'),
            kind: kind.unwrap_or(LineKind::Blank),
            raw: &input.fragment()[..raw_len],
        },
    ))
}

/// `indent ::= ( ' ' | #x9 )*`
pub fn indent(input: Span<'_>) -> IResult<Span<'_>, Span<'_>> {
    take_while(|c| c == ' ' || c == '\t').parse(input)
}

/// `bullet_line ::= bullet text?`, keeping the text trimmed.
pub fn bullet_line(input: Span<'_>) -> IResult<Span<'_>, LineKind<'_>> {
    let (rest, _) = bullet(input)?;
    let (rest, text) = opt(text).parse(rest)?;
    Ok((
        rest,
        LineKind::Bullet(text.map_or("", |t| t.fragment().trim())),
    ))
}

/// `bullet ::= #x2022 ( ' ' | &( blank* line_end ) )`
///
/// A bullet followed only by blanks (a tab, a no-break space) is an empty
/// bullet: trailing blanks are never kept, so "•\t" and "•" must mean the
/// same, or a page written back from its parsed text would read
/// differently (found by fuzzing, issue 7).
pub fn bullet(input: Span<'_>) -> IResult<Span<'_>, Span<'_>> {
    let blanks = take_while(|c: char| c.is_whitespace() && !is_line_end(c));
    terminated(
        tag("\u{2022}"),
        alt((tag(" "), peek(recognize((blanks, line_end))))),
    )
    .parse(input)
}

/// `text_line ::= text`, without trailing blanks; blank if nothing is left.
pub fn text_line(input: Span<'_>) -> IResult<Span<'_>, LineKind<'_>> {
    let (rest, t) = text(input)?;
    let content = t.fragment().trim_end();
    let kind = if content.is_empty() {
        LineKind::Blank
    } else {
        LineKind::Text(content)
    };
    Ok((rest, kind))
}

/// `text ::= [^#xA#xD]+`
pub fn text(input: Span<'_>) -> IResult<Span<'_>, Span<'_>> {
    take_till1(is_line_end).parse(input)
}

/// `line_end ::= #xD #xA | #xA | #xD | EOF`
pub fn line_end(input: Span<'_>) -> IResult<Span<'_>, Span<'_>> {
    alt((tag("\r\n"), tag("\n"), tag("\r"), eof)).parse(input)
}

fn is_line_end(c: char) -> bool {
    c == '\n' || c == '\r'
}
