//! Library errors.
//!
//! Library modules return these `thiserror` types and never print or exit;
//! `cmd/` adds context with anyhow and `main.rs` maps them to exit codes.

use std::path::PathBuf;

use thiserror::Error;

/// Any failure while reading and parsing one input.
#[derive(Debug, Error)]
pub enum Error {
    /// The input could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The input as the user named it.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The input was read but is not a valid comment page.
    #[error(transparent)]
    Parse(#[from] Box<ParseError>),
    /// The input is compressed or binary, not a text page: said before
    /// any byte of it is echoed as a line (issue 18).
    #[error("{}: expected a text page, found {kind}", path.display())]
    NotText {
        /// The input as the user named it.
        path: PathBuf,
        /// What it is instead.
        kind: NotText,
    },
}

/// What a non-text input is, told by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum NotText {
    /// A compressed file: `format` names the compressor, `command` how to
    /// get the text out.
    #[error("{format}-compressed data; decompress it first, e.g. {command}")]
    Compressed {
        /// gzip, zip, bzip2, xz or zstd.
        format: &'static str,
        /// A command that decompresses it.
        command: &'static str,
    },
    /// Some other binary file: an image, a PDF, a program, or bytes that
    /// are mostly control characters.
    #[error("{what}, not text; save the comment page as text (UTF-8) and read that")]
    Binary {
        /// What it looks like.
        what: &'static str,
    },
}

/// A page that cannot be read unambiguously, with the position of the fault.
///
/// Lines and columns are 1-based; columns count characters, not bytes, so
/// they match what an editor shows.  Prints as `path:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{path}:{line}:{column}: {kind}")]
pub struct ParseError {
    /// The input as the user named it.
    pub path: String,
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// What was expected and what was found.
    pub kind: ParseErrorKind,
    /// The offending line, without its line end (empty when not applicable).
    pub source_line: String,
}

/// What went wrong, phrased as "expected ..., found ...", with the fix where
/// there is one.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ParseErrorKind {
    /// The bytes are not UTF-8.
    #[error(
        "expected UTF-8 text, found an invalid byte at byte offset {offset}; \
         convert the file to UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)"
    )]
    InvalidUtf8 {
        /// 0-based byte offset of the first invalid byte in the file.
        offset: usize,
    },
    /// A platform export (issue 16) that its reader cannot follow: what
    /// was expected where, in the words of the format.
    #[error("{format}: {message}")]
    Export {
        /// The format being read (`wxr`, `disqus`, `reddit`, `jsonl`, `csv`).
        format: &'static str,
        /// What was expected and what was found.
        message: String,
    },
    /// Two comments of one thread with the same platform id: which reply
    /// belongs to which cannot be known.
    #[error(
        "expected each comment id once, found {id:?} again (first at line {first_line}, \
         column {first_column})"
    )]
    DuplicateId {
        /// The id.
        id: String,
        /// Line of the first comment with it.
        first_line: u32,
        /// Its column.
        first_column: u32,
    },
    /// A UTF-16 byte-order mark at the start of the file.
    #[error(
        "expected UTF-8 text, found a UTF-16 byte-order mark; \
         convert the file to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)"
    )]
    Utf16,
    /// A NUL character: a binary file, or UTF-16 without a byte-order mark.
    #[error(
        "expected text, found a NUL byte; the file is binary or UTF-16: \
         convert UTF-16 to UTF-8 (e.g. iconv -f UTF-16LE -t UTF-8)"
    )]
    Nul,
    /// A tab inside the indentation of the comment section.
    #[error(
        "expected spaces in the indentation, found a tab; \
         indent with {unit} spaces per reply level"
    )]
    TabIndent {
        /// The page's indent step.
        unit: usize,
    },
    /// A bullet or text line off the indentation grid.
    #[error(
        "expected an indent of {expected} spaces, found {found}; \
         indent with {unit} spaces per reply level"
    )]
    OddIndent {
        /// The nearest valid indents, e.g. `4 or 6`.
        expected: String,
        /// The indent found.
        found: usize,
        /// The page's indent step.
        unit: usize,
    },
    /// A bullet less indented than the first comment of the page.
    #[error(
        "expected a comment bullet indented at least {base} spaces like the \
         first comment (line {first_line}), found {found}; indent every \
         comment at least as deep as the first one"
    )]
    BelowBase {
        /// Indent of the first comment bullet.
        base: usize,
        /// Line of the first comment bullet.
        first_line: u32,
        /// The indent found.
        found: usize,
    },
    /// A bullet two or more levels deeper than the comment above it.
    #[error(
        "expected a reply at most one level deeper than the comment above \
         (depth {max}), found a bullet at depth {found}, {step} spaces deeper; \
         indent replies {unit} space(s) deeper than their parent's bullet, \
         the page's step (how deep its text sits under its bullets)"
    )]
    TooDeep {
        /// How many spaces deeper than the comment above the bullet is
        /// (issue 27: the step alone misled when it came from the text).
        step: usize,
        /// Deepest depth allowed here.
        max: usize,
        /// Depth of the bullet found.
        found: usize,
        /// The page's indent step.
        unit: usize,
    },
    /// A text line that belongs to no comment: not deeper than its bullet.
    #[error(
        "expected a reply bullet ('• ') or body text indented {body} spaces, \
         found text indented {found} spaces; indent the comment's text \
         {body} spaces, or start a new comment with '• '"
    )]
    Dedent {
        /// Indent of the current comment's body.
        body: usize,
        /// The indent found.
        found: usize,
    },
    /// Nesting deeper than the parser's safety cap.
    #[error(
        "expected at most {max} reply levels, found deeper nesting; \
         split the thread"
    )]
    DepthLimit {
        /// The cap.
        max: usize,
    },
}

/// A word list (`grammars/lexicon.ebnf`) that cannot be read, with the
/// position of the fault.
///
/// Lines and columns are 1-based; columns count characters, not bytes.
/// Prints as `path:line:column: message`, like [`ParseError`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{path}:{line}:{column}: {kind}")]
pub struct LexiconError {
    /// The list as the user named it (`<builtin>/name_calling.txt` for the
    /// compiled-in lists).
    pub path: String,
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// What was expected and what was found.
    pub kind: LexiconErrorKind,
    /// The offending line, without its line end.
    pub source_line: String,
}

/// What is wrong with a word-list line.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LexiconErrorKind {
    /// The line does not follow the grammar here.
    #[error("expected {expected}, found {found}")]
    Syntax {
        /// What the grammar allows at this point.
        expected: &'static str,
        /// What is there (quoted), or `end of line`.
        found: String,
    },
    /// A weight outside 0..1.
    #[error("expected a weight from 0 to 1, found {found}")]
    Weight {
        /// The weight as written.
        found: String,
    },
    /// A word after the weight that is not one of the known tags.
    #[error(
        "expected a tag (person, group, public_figure, addressee, \
         contextual, name), found '{found}'; separate tags with spaces"
    )]
    Tag {
        /// The word found.
        found: String,
    },
    /// A term that is empty after normalisation or contains a mask.
    #[error(
        "expected a term that starts and ends with a letter or digit and \
         has no mask character (* _), found '{found}'"
    )]
    Term {
        /// The term as written.
        found: String,
    },
    /// The same term twice in one list.
    #[error(
        "expected each term once, found '{term}' again (first listed at line \
         {first_line}); remove one of the two entries"
    )]
    Duplicate {
        /// The term as written the second time.
        term: String,
        /// Line of the first entry.
        first_line: u32,
    },
}

/// Comments that `render::page` cannot write so that they read back
/// unchanged (see `src/render.rs` for why each is refused).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RenderError {
    /// The indent step is zero.
    #[error("expected an indent step of at least 1 space, found 0")]
    Unit,
    /// The article would not read back as itself.
    #[error(
        "expected an article without line ends, trailing blanks or a \
         bullet line after its last unindented text line"
    )]
    Article,
    /// A comment more than one level deeper than the one before it.
    #[error("comment {index}: expected depth 1 to {max}, found {depth}")]
    Depth {
        /// 0-based position of the comment.
        index: usize,
        /// Its depth.
        depth: usize,
        /// Deepest depth allowed there.
        max: usize,
    },
    /// An author's name that is empty, padded or spans lines.
    #[error("comment {index}: expected a non-empty one-line author name without outer blanks")]
    Author {
        /// 0-based position of the comment.
        index: usize,
    },
    /// An authored comment without a body.
    #[error("comment {index}: expected a body for an authored comment")]
    EmptyBody {
        /// 0-based position of the comment.
        index: usize,
    },
    /// A body line the format cannot hold.
    #[error("comment {index}: body line {line} has {reason}")]
    Body {
        /// 0-based position of the comment.
        index: usize,
        /// 1-based line within the body.
        line: usize,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// An anonymous body whose first line starts with a space or a bullet.
    #[error(
        "comment {index}: an anonymous body whose first line starts with a \
         space or a bullet cannot be written without changing the page's \
         indent step"
    )]
    Ambiguous {
        /// 0-based position of the comment.
        index: usize,
    },
}
