//! What the XML exports share: the text of an element (its text, CDATA
//! and entity references put together) and errors with a position.

use std::borrow::Cow;

use quick_xml::events::{BytesRef, Event};
use quick_xml::Reader;

use super::position::Position;
use crate::error::{Error, ParseError, ParseErrorKind};

/// An XML export being read: the reader and where its events are.
pub struct Xml<'a> {
    /// quick-xml's streaming reader over the text.
    pub reader: Reader<&'a [u8]>,
    /// Offsets to lines and columns.
    pub pos: Position<'a>,
    path: &'a str,
    format: &'static str,
}

impl<'a> Xml<'a> {
    /// Starts reading `text`, the input `path` in `format`.
    pub fn new(path: &'a str, format: &'static str, text: &'a str) -> Self {
        let mut reader = Reader::from_str(text);
        // Mismatched end tags are errors: a truncated or hand-edited
        // export must not silently nest comments wrongly.
        reader.config_mut().check_end_names = true;
        Self {
            reader,
            pos: Position::new(text),
            path,
            format,
        }
    }

    /// Line and column of where the reader is now.
    pub fn here(&mut self) -> (u32, u32) {
        let at = self.reader.buffer_position() as usize;
        self.pos.at(at)
    }

    /// The next event with the byte offset where it starts.
    pub fn next_at(&mut self) -> Result<(usize, Event<'a>), Error> {
        let at = self.reader.buffer_position() as usize;
        self.next().map(|e| (at, e))
    }

    /// Line and column of byte `at` (at or after the last asked).
    pub fn at(&mut self, at: usize) -> (u32, u32) {
        self.pos.at(at)
    }

    /// The next event, or the error that stops the reading.
    pub fn next(&mut self) -> Result<Event<'a>, Error> {
        self.reader.read_event().map_err(|e| {
            let at = self.reader.error_position() as usize;
            let (line, column) = self.pos.at(at);
            self.error_at(line, column, at, format!("malformed XML: {e}"))
        })
    }

    /// An error at `line`:`column` (byte `at`) saying `message`.
    pub fn error_at(&self, line: u32, column: u32, at: usize, message: String) -> Error {
        Error::Parse(Box::new(ParseError {
            path: self.path.to_owned(),
            line,
            column,
            kind: ParseErrorKind::Export {
                format: self.format,
                message,
            },
            source_line: self.pos.line_text(at),
        }))
    }

    /// The text of the element just opened, up to its end tag, with
    /// nested markup skipped (its text kept).  Borrowed from the input
    /// when it is one run of text or CDATA without carriage returns, as
    /// most fields and bodies are.
    pub fn text(&mut self) -> Result<Cow<'a, str>, Error> {
        let mut out: Option<Cow<'a, str>> = None;
        let mut depth = 0usize;
        loop {
            let piece = match self.next()? {
                Event::Text(t) => t.xml10_content(),
                Event::CData(t) => t.xml10_content(),
                Event::GeneralRef(r) => {
                    let mut s = String::new();
                    push_ref(&mut s, &r);
                    Cow::Owned(s)
                }
                Event::Start(_) => {
                    depth += 1;
                    continue;
                }
                Event::End(_) if depth == 0 => return Ok(out.unwrap_or_default()),
                Event::End(_) => {
                    depth -= 1;
                    continue;
                }
                Event::Eof => {
                    let (line, column) = self.here();
                    let at = self.reader.buffer_position() as usize;
                    return Err(self.error_at(
                        line,
                        column,
                        at,
                        "expected an end tag, found the end of the file".to_owned(),
                    ));
                }
                _ => continue,
            };
            match &mut out {
                None => out = Some(piece),
                Some(o) => o.to_mut().push_str(&piece),
            }
        }
    }

    /// Skips the element just opened, up to its end tag.
    pub fn skip(&mut self) -> Result<(), Error> {
        self.text().map(|_| ())
    }
}

/// The character an entity reference stands for; an unknown named entity
/// is kept as it was written.
fn push_ref(out: &mut String, r: &BytesRef<'_>) {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        out.push(c);
        return;
    }
    let name: &str = r;
    match name {
        "amp" => out.push('&'),
        "lt" => out.push('<'),
        "gt" => out.push('>'),
        "quot" => out.push('"'),
        "apos" => out.push('\''),
        other => {
            out.push('&');
            out.push_str(other);
            out.push(';');
        }
    }
}
