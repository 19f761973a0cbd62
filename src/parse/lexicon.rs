//! Word lists: the line format of `grammars/lexicon.ebnf`, written with nom.
//!
//! Every function here is named after its production.  Parsing stops at the
//! first fault and reports it as a [`LexiconError`] with path, line and
//! column, because a word list is short and hand-written: one clear message
//! is more useful than a recovery that guesses.  What a term means (its
//! normal form, duplicates, plural forms) is decided by
//! `analyze/matcher.rs`, which owns the normaliser; this module only knows
//! the syntax.

use nom::bytes::complete::{tag as literal, take_till, take_till1, take_while1};
use nom::character::complete::{char, digit1};
use nom::combinator::{cut, eof, opt, recognize};
use nom::error::ErrorKind;
use nom::multi::many0;
use nom::sequence::preceded;
use nom::{IResult, Parser};

use super::span::{to_u32, Span};
use crate::error::{LexiconError, LexiconErrorKind};

#[cfg(test)]
mod tests;

/// The weight of an entry that gives none.
pub const DEFAULT_WEIGHT: f32 = 1.0;

/// A word-list tag: what kind of target a term names, or how to read it.
/// The meanings are documented in `grammars/lexicon.ebnf`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tag {
    /// A label for one individual ("idiot", "liar").
    Person,
    /// A label for a group or its members collectively ("sheeple").
    Group,
    /// An epithet for a politician or official ("Il Duce").
    PublicFigure,
    /// The term itself speaks to the reader ("you idiot").
    Addressee,
    /// Also common in neutral use; needs a target cue ("Einstein").
    Contextual,
    /// Also a personal name; skipped inside a full name ("Dick Cheney").
    Name,
}

impl Tag {
    /// Every tag, in the order of the grammar.
    pub const ALL: [Tag; 6] = [
        Tag::Person,
        Tag::Group,
        Tag::PublicFigure,
        Tag::Addressee,
        Tag::Contextual,
        Tag::Name,
    ];

    /// The tag as written in a word list.
    pub fn as_str(self) -> &'static str {
        match self {
            Tag::Person => "person",
            Tag::Group => "group",
            Tag::PublicFigure => "public_figure",
            Tag::Addressee => "addressee",
            Tag::Contextual => "contextual",
            Tag::Name => "name",
        }
    }

    /// The tag written `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Tag> {
        Tag::ALL.into_iter().find(|t| t.as_str() == name)
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of [`Tag`]s (a bit set, so it is `Copy` and cheap to carry on
/// every match).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Tags(u8);

impl Tags {
    /// The empty set.
    pub const EMPTY: Tags = Tags(0);

    /// Whether `tag` is in the set.
    pub fn contains(self, tag: Tag) -> bool {
        self.0 & tag.bit() != 0
    }

    /// Adds `tag` to the set.
    pub fn insert(&mut self, tag: Tag) {
        self.0 |= tag.bit();
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The tags in the set, in the order of [`Tag::ALL`].
    pub fn iter(self) -> impl Iterator<Item = Tag> {
        Tag::ALL.into_iter().filter(move |t| self.contains(*t))
    }
}

impl FromIterator<Tag> for Tags {
    fn from_iter<I: IntoIterator<Item = Tag>>(iter: I) -> Self {
        let mut tags = Tags::EMPTY;
        for t in iter {
            tags.insert(t);
        }
        tags
    }
}

/// One entry of a word list, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The term, its words joined by single spaces, case as written.
    pub term: String,
    /// How sure the term is uncivil, in 0..=1 ([`DEFAULT_WEIGHT`] if not
    /// given).
    pub weight: f32,
    /// The entry's tags.
    pub tags: Tags,
    /// 1-based line of the entry.
    pub line: u32,
    /// 1-based column of the term, in characters.
    pub column: u32,
}

/// Why a production failed: nom's error type for this grammar.
#[derive(Debug)]
struct Failure<'a> {
    at: Span<'a>,
    fault: Fault,
}

#[derive(Debug)]
enum Fault {
    Expected(&'static str),
    Weight(String),
    Tag(String),
}

impl<'a> nom::error::ParseError<Span<'a>> for Failure<'a> {
    fn from_error_kind(input: Span<'a>, _kind: ErrorKind) -> Self {
        Failure {
            at: input,
            fault: Fault::Expected("valid input"),
        }
    }

    fn append(_input: Span<'a>, _kind: ErrorKind, other: Self) -> Self {
        other
    }
}

type PResult<'a, T> = IResult<Span<'a>, T, Failure<'a>>;

fn fail<T>(at: Span<'_>, fault: Fault) -> PResult<'_, T> {
    Err(nom::Err::Failure(Failure { at, fault }))
}

/// `lexicon ::= bom? line*`: the entries of the list at `path`, in file
/// order, or the first fault.
pub fn lexicon(path: &str, text: &str) -> Result<Vec<Entry>, Box<LexiconError>> {
    let text = bom(text);
    let mut rest = Span::new(text);
    let mut entries = Vec::new();
    while !rest.fragment().is_empty() {
        match line(rest) {
            Ok((next, entry)) => {
                entries.extend(entry);
                rest = next;
            }
            Err(nom::Err::Error(f) | nom::Err::Failure(f)) => {
                return Err(Box::new(to_error(path, text, &f)))
            }
            // Every parser here is a `complete` one; treat the impossible
            // case as a fault at the current position rather than panic.
            Err(nom::Err::Incomplete(_)) => {
                let f = Failure {
                    at: rest,
                    fault: Fault::Expected("a complete line"),
                };
                return Err(Box::new(to_error(path, text, &f)));
            }
        }
    }
    Ok(entries)
}

/// `bom ::= #xFEFF`
fn bom(input: &str) -> &str {
    input.strip_prefix('\u{feff}').unwrap_or(input)
}

/// `line ::= space? ( entry space? )? comment? line_end`
fn line(input: Span<'_>) -> PResult<'_, Option<Entry>> {
    let (rest, _) = opt(space).parse(input)?;
    let (rest, entry) = opt(entry).parse(rest)?;
    let (rest, _) = opt(space).parse(rest)?;
    let (rest, _) = opt(comment).parse(rest)?;
    let expected = if entry.is_some() && rest.fragment().starts_with('|') {
        "a tag, a comment or the end of the line"
    } else if entry.is_some() {
        "a comment or the end of the line"
    } else {
        "a term, a comment or the end of the line"
    };
    match line_end(rest) {
        Ok((rest, _)) => Ok((rest, entry)),
        Err(_) => fail(rest, Fault::Expected(expected)),
    }
}

/// `comment ::= '#' [^#xA#xD]*`
fn comment(input: Span<'_>) -> PResult<'_, Span<'_>> {
    recognize(preceded(char('#'), take_till(|c| c == '\n' || c == '\r'))).parse(input)
}

/// `entry ::= term ( space? '|' space? attributes )?`
fn entry(input: Span<'_>) -> PResult<'_, Entry> {
    let line = input.location_line();
    let column = to_u32(input.get_utf8_column());
    let (rest, term) = term(input)?;
    let separator = (opt(space), char('|'), opt(space));
    let (rest, attributes) = opt(preceded(separator, cut(attributes))).parse(rest)?;
    let (weight, tags) = attributes.unwrap_or((DEFAULT_WEIGHT, Tags::EMPTY));
    let term = term
        .fragment()
        .split([' ', '\t'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    Ok((
        rest,
        Entry {
            term,
            weight,
            tags,
            line,
            column,
        },
    ))
}

/// `term ::= word ( space word )*`
fn term(input: Span<'_>) -> PResult<'_, Span<'_>> {
    recognize((word, many0(preceded(space, word)))).parse(input)
}

/// `word ::= [^ #x9#xA#xD|#]+`
fn word(input: Span<'_>) -> PResult<'_, Span<'_>> {
    take_till1(is_delimiter).parse(input)
}

/// `attributes ::= ( weight | tag ) ( space tag )*`
fn attributes(input: Span<'_>) -> PResult<'_, (f32, Tags)> {
    let starts_with_digit = input.fragment().starts_with(|c: char| c.is_ascii_digit());
    let (rest, weight, mut tags) = if starts_with_digit {
        let (rest, w) = weight(input)?;
        (rest, w, Tags::EMPTY)
    } else {
        match tag(input) {
            Ok((rest, t)) => (rest, DEFAULT_WEIGHT, Tags::from_iter([t])),
            Err(nom::Err::Error(_)) => {
                return fail(input, Fault::Expected("a weight or a tag after '|'"))
            }
            Err(e) => return Err(e),
        }
    };
    let (rest, more) = many0(preceded(space, tag)).parse(rest)?;
    for t in more {
        tags.insert(t);
    }
    Ok((rest, (weight, tags)))
}

/// `weight ::= [0-9]+ ( '.' [0-9]+ )?`, with the constraint
/// `0 <= weight <= 1`.
fn weight(input: Span<'_>) -> PResult<'_, f32> {
    let whole = |s: Span<'_>| {
        s.fragment()
            .chars()
            .take_while(|&c| !is_delimiter(c))
            .collect()
    };
    let (rest, number) = recognize((digit1, opt((char('.'), digit1)))).parse(input)?;
    // "0.5x" or "1.": the number must be the whole token.
    if !rest.fragment().is_empty() && !rest.fragment().starts_with(is_delimiter) {
        return fail(input, Fault::Weight(whole(input)));
    }
    match number.fragment().parse::<f32>() {
        Ok(w) if (0.0..=1.0).contains(&w) => Ok((rest, w)),
        _ => fail(input, Fault::Weight(whole(input))),
    }
}

/// `tag ::= 'person' | 'group' | 'public_figure' | 'addressee' |
/// 'contextual' | 'name'`.  An empty token is a recoverable error (the
/// line may just end); an unknown word is a failure.
fn tag(input: Span<'_>) -> PResult<'_, Tag> {
    let (rest, name) = take_till1(is_delimiter).parse(input)?;
    match Tag::from_name(name.fragment()) {
        Some(t) => Ok((rest, t)),
        None => fail(input, Fault::Tag((*name.fragment()).to_owned())),
    }
}

/// `space ::= [ #x9]+`
fn space(input: Span<'_>) -> PResult<'_, Span<'_>> {
    take_while1(|c| c == ' ' || c == '\t').parse(input)
}

/// `line_end ::= #xD? #xA | EOF`
fn line_end(input: Span<'_>) -> PResult<'_, Span<'_>> {
    nom::branch::alt((literal("\r\n"), literal("\n"), eof)).parse(input)
}

fn is_delimiter(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n' | '|' | '#')
}

/// Turns a nom failure into the project's error, with the source line.
fn to_error(path: &str, text: &str, f: &Failure<'_>) -> LexiconError {
    let offset = f.at.location_offset();
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| offset + i);
    let kind = match &f.fault {
        Fault::Expected(expected) => LexiconErrorKind::Syntax {
            expected,
            found: found(f.at.fragment()),
        },
        Fault::Weight(w) => LexiconErrorKind::Weight { found: w.clone() },
        Fault::Tag(t) => LexiconErrorKind::Tag { found: t.clone() },
    };
    LexiconError {
        path: path.to_owned(),
        line: f.at.location_line(),
        column: to_u32(text[line_start..offset].chars().count() + 1),
        kind,
        source_line: text[line_start..line_end].to_owned(),
    }
}

/// Describes what is at the start of `rest` for an error message.
fn found(rest: &str) -> String {
    match rest.chars().next() {
        None | Some('\n') => "end of line".to_owned(),
        Some('\r') if rest.starts_with("\r\n") => "end of line".to_owned(),
        Some('\r') => "a carriage return (lone CR line end)".to_owned(),
        Some(c) if is_delimiter(c) => format!("'{c}'"),
        Some(_) => {
            let token: String = rest.chars().take_while(|&c| !is_delimiter(c)).collect();
            format!("'{token}'")
        }
    }
}
