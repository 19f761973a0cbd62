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
use rayon::prelude::*;

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

/// Bytes of a page per chunk when its lines are indexed in parallel: big
/// enough that a chunk's work dwarfs handing it to a worker, small enough
/// that two workers finish a page together (issue 6).
pub const CHUNK_BYTES: usize = 1 << 20;

impl LineIndex {
    /// Runs the line grammar over `text` (`page ::= bom? line*`) and keeps
    /// each line's start and kind.  A big page is indexed in chunks of
    /// about [`CHUNK_BYTES`] on the rayon pool; see [`LineIndex::chunked`].
    pub fn new(text: &str) -> Self {
        Self::chunked(text, CHUNK_BYTES)
    }

    /// [`LineIndex::new`] with chunks of about `chunk_bytes`.  A chunk ends
    /// just after a line feed, and a line feed always ends a line (alone
    /// or as the end of CR LF), so every chunk starts at a line start and
    /// the grammar reads each chunk's lines exactly as it reads them in
    /// one pass over the page; the chunks' lines, in order, are the page's.
    pub fn chunked(text: &str, chunk_bytes: usize) -> Self {
        let input = bom(text);
        let offset = text.len() - input.len();
        let chunks = chunks(input, chunk_bytes);
        let starts = match chunks.as_slice() {
            [] => Vec::new(),
            [one] => line_starts(one, offset),
            _ => {
                let parts: Vec<Vec<u64>> = chunks
                    .par_iter()
                    .map(|c| {
                        line_starts(c, offset + (c.as_ptr() as usize - input.as_ptr() as usize))
                    })
                    .collect();
                let mut starts = Vec::with_capacity(parts.iter().map(Vec::len).sum());
                for p in parts {
                    starts.extend_from_slice(&p);
                }
                starts
            }
        };
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
        // Bytes, not chars: every byte trimmed or counted here is ASCII,
        // and this runs several times for each of a page's lines (issue 6).
        let line = &text.as_bytes()[range.clone()];
        let len = line.len() - line.iter().rev().take_while(|&&b| is_end(b)).count();
        let raw = &text[range.start..range.start + len];
        let indent = raw.bytes().take_while(|&b| is_indent(b)).count();
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
            tab: raw.as_bytes()[..indent].iter().position(|&b| b == b'\t'),
            kind,
            raw,
        }
    }

    /// True when line `i` of `text` is a `text_line` without indentation,
    /// read from the index and the line's first byte alone.
    pub fn is_flush_text(&self, text: &str, i: usize) -> bool {
        let start = self.bytes(i).start;
        self.starts[i] >> KIND_SHIFT == 2
            && text.as_bytes().get(start).is_some_and(|&b| !is_indent(b))
    }

    /// True when line `i` is a `bullet_line`.
    pub fn is_bullet(&self, i: usize) -> bool {
        self.starts[i] >> KIND_SHIFT == 1
    }
}

/// `input` cut into pieces of about `chunk_bytes`, each ending just after
/// a line feed (the last one at the end of `input`).  A line longer than
/// a chunk stays whole in one piece.
fn chunks(input: &str, chunk_bytes: usize) -> Vec<&str> {
    let mut out = Vec::with_capacity(input.len() / chunk_bytes.max(1) + 1);
    let mut rest = input;
    while !rest.is_empty() {
        let cut = match rest.as_bytes().get(chunk_bytes.max(1)..) {
            // A line feed is one byte and never part of a longer UTF-8
            // sequence, so cutting after one is cutting at a char boundary.
            Some(after) => after
                .iter()
                .position(|&b| b == b'\n')
                .map_or(rest.len(), |p| chunk_bytes.max(1) + p + 1),
            None => rest.len(),
        };
        let (chunk, tail) = rest.split_at(cut);
        out.push(chunk);
        rest = tail;
    }
    out
}

/// Start and kind of each line of `chunk`, which begins at a line start
/// and lies at byte `offset` of the page's text (BOM included).
fn line_starts(chunk: &str, offset: usize) -> Vec<u64> {
    let mut rest = Span::new(chunk);
    // One line per ~40 bytes is typical of comment pages; reserving
    // avoids most regrowth without overcommitting on tiny pages.
    let mut starts = Vec::with_capacity(chunk.len() / 40 + 1);
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
            // unreachable but must not panic on a future grammar change.
            Err(_) => break,
        }
    }
    starts
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

/// A byte of `line_end`.
fn is_end(b: u8) -> bool {
    b == b'\n' || b == b'\r'
}

/// A byte of `indent`.
fn is_indent(b: u8) -> bool {
    b == b' ' || b == b'\t'
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

    /// True when the `i`-th line is unindented text (see
    /// [`LineIndex::is_flush_text`]).
    pub fn is_flush_text(&self, i: usize) -> bool {
        self.index.is_flush_text(self.text, self.start + i)
    }

    /// True when the `i`-th line is a bullet line.
    pub fn is_bullet(&self, i: usize) -> bool {
        self.index.is_bullet(self.start + i)
    }

    /// The lines in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Line<'a>> + ExactSizeIterator + Clone {
        let this = *self;
        (0..self.len()).map(move |i| this.get(i))
    }
}
