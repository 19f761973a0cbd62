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
#[cfg(test)]
pub fn page(input: &str) -> Vec<Line<'_>> {
    let index = LineIndex::new(input);
    (0..index.len()).map(|i| index.line(input, i)).collect()
}

/// The lines of a page as 8 bytes each: where the line starts and its
/// kind.  A `Line` is 72 bytes, and a 1 GB page has over 20 million lines,
/// so the parser keeps this table and rebuilds a line when it reads it
/// (issue 6).  Everything else a `Line` holds follows from its bytes: the
/// line ends where the next begins, less its line end; the indent is the
/// leading run of spaces and tabs; the number is its position.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// Byte offset of each line's start in the text (after any BOM), with
    /// its kind in the top two bits.
    starts: Vec<u64>,
    /// Where the last line's bytes end (the text's length).
    end: usize,
}

const KIND_SHIFT: u32 = 62;
const OFFSET_MASK: u64 = (1 << KIND_SHIFT) - 1;

impl LineIndex {
    /// Runs the line grammar over `text` (`page ::= bom? line*`) and keeps
    /// each line's start and kind.
    pub fn new(text: &str) -> Self {
        let input = bom(text);
        let offset = text.len() - input.len();
        let mut rest = Span::new(input);
        // One line per ~40 bytes is typical of comment pages; reserving
        // avoids most regrowth on big pages without overcommitting on tiny
        // ones.
        let mut starts = Vec::with_capacity(input.len() / 40 + 1);
        while !rest.fragment().is_empty() {
            let start = offset + rest.location_offset();
            match line(rest) {
                Ok((next, l)) => {
                    let kind = match l.kind {
                        LineKind::Blank => 0,
                        LineKind::Bullet(_) => 1,
                        LineKind::Text(_) => 2,
                    };
                    starts.push(start as u64 | kind << KIND_SHIFT);
                    rest = next;
                }
                // `line` accepts every non-empty input; this arm is
                // unreachable but must not panic on a future grammar
                // change.
                Err(_) => break,
            }
        }
        Self {
            starts,
            end: text.len(),
        }
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Byte range of line `i` in the text, line end included.
    pub fn bytes(&self, i: usize) -> std::ops::Range<usize> {
        let start = (self.starts[i] & OFFSET_MASK) as usize;
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.end, |s| (s & OFFSET_MASK) as usize);
        start..end
    }

    /// Line `i` (0-based) of `text`, the text this index was built from
    /// (only the bytes of line `i` are read).
    pub fn line<'a>(&self, text: &'a str, i: usize) -> Line<'a> {
        self.line_within(text, 0, i)
    }

    /// Line `i` read from `text`, which holds the bytes of the indexed
    /// text from offset `base` on.
    pub fn line_within<'a>(&self, text: &'a str, base: usize, i: usize) -> Line<'a> {
        let range = self.bytes(i);
        let range = range.start - base..range.end - base;
        // A line holds no CR or LF: what ends its bytes is its line end.
        let raw = text[range].trim_end_matches(['\r', '\n']);
        let indent = raw.len() - raw.trim_start_matches([' ', '\t']).len();
        let kind = match self.starts[i] >> KIND_SHIFT {
            // `bullet_line`: the bullet, then its text trimmed (the space
            // after the bullet, if any, goes with the trimming).
            1 => LineKind::Bullet(raw[indent + BULLET.len()..].trim()),
            // `text_line`: the rest of the line without trailing blanks.
            2 => LineKind::Text(raw[indent..].trim_end()),
            _ => LineKind::Blank,
        };
        Line {
            number: u32::try_from(i + 1).unwrap_or(u32::MAX),
            indent,
            tab: raw[..indent].find('\t'),
            kind,
            raw,
        }
    }
}

/// The bullet character that starts a comment.
const BULLET: &str = "\u{2022}";

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
        tag(BULLET),
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

/// A run of a page's lines, read through its [`LineIndex`]: what the
/// later stages walk instead of a vector of `Line`s.
#[derive(Debug, Clone, Copy)]
pub struct Lines<'a> {
    text: &'a str,
    index: &'a LineIndex,
    start: usize,
    end: usize,
}

impl<'a> Lines<'a> {
    /// Every line of `text`, which `index` was built from.
    pub fn new(text: &'a str, index: &'a LineIndex) -> Self {
        Self {
            text,
            index,
            start: 0,
            end: index.len(),
        }
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// The `i`-th line of this run.
    pub fn get(&self, i: usize) -> Line<'a> {
        self.index.line(self.text, self.start + i)
    }

    /// The first line, if any.
    pub fn first(&self) -> Option<Line<'a>> {
        (self.len() > 0).then(|| self.get(0))
    }

    /// Lines `range` of this run.
    pub fn slice(&self, range: std::ops::Range<usize>) -> Self {
        Self {
            start: self.start + range.start,
            end: self.start + range.end,
            ..*self
        }
    }

    /// Index of this run's first line among all the page's lines.
    pub fn offset(&self) -> usize {
        self.start
    }

    /// The lines in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Line<'a>> + ExactSizeIterator + Clone {
        let this = *self;
        (0..self.len()).map(move |i| this.get(i))
    }
}
