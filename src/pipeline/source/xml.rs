//! What the XML exports share: quick-xml's streaming reader over any
//! `BufRead` (an input held in memory, or one too big to hold: issue 16),
//! the text of an element (its text, CDATA and entity references put
//! together), and errors with a position.
//!
//! Events are read into one buffer that the next event reuses, so the
//! reading holds one event whatever the size of the input.  [`Xml::next`]
//! hands back the kind of event only; the name and attributes of the last
//! tag are asked of the reader ([`Xml::name`], [`Xml::attr`]), so a caller
//! can go on reading inside a `match` on the name.

use std::io::BufRead;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;

use super::position::Tracked;
use crate::error::{Error, ParseError, ParseErrorKind};

/// The kind of an event; the tag's name is [`Xml::name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ev {
    /// A start tag.
    Start,
    /// An empty-element tag (`<x/>`).
    Empty,
    /// An end tag.
    End,
    /// The end of the input.
    Eof,
    /// Text, CDATA, comments, declarations: what the readers skip here.
    Other,
}

/// An XML export being read: the reader and where its events are.
pub struct Xml<'p, R> {
    reader: Reader<Tracked<R>>,
    /// The event being read.
    buf: Vec<u8>,
    /// The last tag's content (name, then attributes).
    tag: String,
    name_len: usize,
    /// What [`Xml::text`] gathers.
    text: String,
    path: &'p str,
    format: &'static str,
    /// Names of the open elements, outermost first: end tags are checked
    /// here rather than by quick-xml, so that a reader can resume after a
    /// fault with the elements it knows are open (issue 27).
    open: Vec<String>,
}

impl<'p, R: BufRead> Xml<'p, R> {
    /// Starts reading `input`, the input `path` in `format`.
    pub fn new(path: &'p str, format: &'static str, input: R) -> Self {
        let mut reader = Reader::from_reader(Tracked::new(input));
        // Mismatched end tags are errors (a truncated or hand-edited
        // export must not silently nest comments wrongly), found by
        // `checked` against `open`.
        reader.config_mut().check_end_names = false;
        Self {
            reader,
            buf: Vec::new(),
            tag: String::new(),
            name_len: 0,
            text: String::new(),
            path,
            format,
            open: Vec::new(),
        }
    }

    /// How many elements are open.
    pub fn depth(&self) -> usize {
        self.open.len()
    }

    /// After a fault: skips to the next start tag named `name` whose
    /// element is then taken to be open inside the first `depth` elements
    /// open now (what was open where the broken element began).  False at
    /// the end of the input, or when the input cannot be read on.
    pub fn resume_at(&mut self, name: &str, depth: usize) -> bool {
        loop {
            let at = self.reader.buffer_position();
            self.reader.get_mut().forget_before(at);
            self.buf.clear();
            match self.reader.read_event_into(&mut self.buf) {
                Ok(Event::Start(e)) if e.name().0 == name => {
                    self.tag.clear();
                    self.tag.push_str(&e);
                    self.name_len = e.name().0.len();
                    self.open.truncate(depth);
                    self.open.push(name.to_owned());
                    return true;
                }
                Ok(Event::Eof) => return false,
                Ok(_) => {}
                // A fault that does not move the reader on would repeat.
                Err(quick_xml::Error::Io(_)) => return false,
                Err(_) if self.reader.buffer_position() <= at => return false,
                Err(_) => {}
            }
        }
    }

    /// Line and column of where the reader is now.
    pub fn here(&mut self) -> (u32, u32) {
        let at = self.reader.buffer_position();
        self.at(at)
    }

    /// The next event with the byte offset where it starts.
    pub fn next_at(&mut self) -> Result<(u64, Ev), Error> {
        let at = self.reader.buffer_position();
        self.next().map(|e| (at, e))
    }

    /// Line and column of byte `at` (at or after the start of the last
    /// event read).
    pub fn at(&mut self, at: u64) -> (u32, u32) {
        self.reader.get_mut().at(at)
    }

    /// The name of the last tag read.
    pub fn name(&self) -> &str {
        &self.tag[..self.name_len]
    }

    /// The value of attribute `key` of the last start tag, trimmed.
    pub fn attr(&self, key: &str) -> Option<String> {
        let e = BytesStart::from_content(self.tag.as_str(), self.name_len);
        let a = e.try_get_attribute(key).ok()??;
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .ok()
            .map(|v| v.trim().to_owned())
    }

    /// The next event, or the error that stops the reading.
    pub fn next(&mut self) -> Result<Ev, Error> {
        let event = checked(
            &mut self.reader,
            &mut self.buf,
            &mut self.open,
            self.path,
            self.format,
        )?;
        let (kind, tag) = match &event {
            Event::Start(e) => (Ev::Start, Some((&**e, e.name().0.len()))),
            Event::Empty(e) => (Ev::Empty, Some((&**e, e.name().0.len()))),
            Event::End(e) => (Ev::End, Some((e.name().0, e.name().0.len()))),
            Event::Eof => (Ev::Eof, None),
            _ => (Ev::Other, None),
        };
        if let Some((content, name_len)) = tag {
            self.tag.clear();
            self.tag.push_str(content);
            self.name_len = name_len;
        }
        Ok(kind)
    }

    /// An error at `line`:`column` (byte `at`) saying `message`.  Reading
    /// stops at an error: the line's text may be read ahead.
    pub fn error_at(&mut self, line: u32, column: u32, at: u64, message: String) -> Error {
        let source_line = self.reader.get_mut().line_text(at);
        Error::Parse(Box::new(ParseError {
            path: self.path.to_owned(),
            line,
            column,
            kind: ParseErrorKind::Export {
                format: self.format,
                message,
            },
            source_line,
        }))
    }

    /// The text of the element just opened, up to its end tag, with
    /// nested markup skipped (its text kept).
    pub fn text(&mut self) -> Result<&str, Error> {
        self.text.clear();
        let mut depth = 0usize;
        loop {
            match checked(
                &mut self.reader,
                &mut self.buf,
                &mut self.open,
                self.path,
                self.format,
            )? {
                Event::Text(t) => self.text.push_str(&t.xml10_content()),
                Event::CData(t) => self.text.push_str(&t.xml10_content()),
                Event::GeneralRef(r) => push_ref(&mut self.text, &r),
                Event::Start(_) => depth += 1,
                Event::End(_) if depth == 0 => return Ok(&self.text),
                Event::End(_) => depth -= 1,
                Event::Eof => {
                    let (line, column) = self.here();
                    let at = self.reader.buffer_position();
                    return Err(self.error_at(
                        line,
                        column,
                        at,
                        "expected an end tag, found the end of the file".to_owned(),
                    ));
                }
                _ => {}
            }
        }
    }

    /// Skips the element just opened, up to its end tag.
    pub fn skip(&mut self) -> Result<(), Error> {
        self.text().map(|_| ())
    }
}

/// [`read_event`], with each end tag checked against the open elements
/// `open` (kept up to date): a mismatched end tag is an error at it.
fn checked<'b, R: BufRead>(
    reader: &mut Reader<Tracked<R>>,
    buf: &'b mut Vec<u8>,
    open: &mut Vec<String>,
    path: &str,
    format: &'static str,
) -> Result<Event<'b>, Error> {
    let at = reader.buffer_position();
    let event = read_event(reader, buf, path, format)?;
    match &event {
        Event::Start(e) => open.push(e.name().0.to_owned()),
        Event::End(e) => {
            let found = e.name().0;
            let message = match open.pop() {
                Some(expected) if expected == found => None,
                Some(expected) => Some(format!(
                    "malformed XML: expected `</{expected}>`, found `</{found}>`"
                )),
                None => Some(format!(
                    "malformed XML: found `</{found}>`, which closes no open element"
                )),
            };
            if let Some(message) = message {
                let t = reader.get_mut();
                let (line, column) = t.at(at);
                return Err(Error::Parse(Box::new(ParseError {
                    path: path.to_owned(),
                    line,
                    column,
                    kind: ParseErrorKind::Export { format, message },
                    source_line: t.line_text(at),
                })));
            }
        }
        _ => {}
    }
    Ok(event)
}

/// Reads the next event into `buf`, letting the tracker forget what
/// came before it.
fn read_event<'b, R: BufRead>(
    reader: &mut Reader<Tracked<R>>,
    buf: &'b mut Vec<u8>,
    path: &str,
    format: &'static str,
) -> Result<Event<'b>, Error> {
    let at = reader.buffer_position();
    reader.get_mut().forget_before(at);
    buf.clear();
    reader
        .read_event_into(buf)
        .map_err(|e| fail(reader, path, format, at, &e))
}

/// The error quick-xml's `e` makes of the event that began at `start`:
/// invalid UTF-8 where its first bad byte is, reading errors as such,
/// malformed XML where quick-xml says.
fn fail<R: BufRead>(
    reader: &mut Reader<Tracked<R>>,
    path: &str,
    format: &'static str,
    start: u64,
    e: &quick_xml::Error,
) -> Error {
    use quick_xml::encoding::EncodingError;
    let (at, kind) = match e {
        quick_xml::Error::Io(io) => {
            return Error::Io {
                path: path.into(),
                source: std::io::Error::new(io.kind(), io.to_string()),
            }
        }
        quick_xml::Error::Encoding(EncodingError::Utf8(_)) => {
            let at = start + reader.get_mut().valid_utf8_from(start);
            (
                at,
                ParseErrorKind::InvalidUtf8 {
                    offset: usize::try_from(at).unwrap_or(usize::MAX),
                },
            )
        }
        _ => {
            let at = reader.error_position().max(start);
            (
                at,
                ParseErrorKind::Export {
                    format,
                    message: format!("malformed XML: {e}"),
                },
            )
        }
    };
    let t = reader.get_mut();
    let (line, column) = t.at(at);
    Error::Parse(Box::new(ParseError {
        path: path.to_owned(),
        line,
        column,
        kind,
        source_line: t.line_text(at),
    }))
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
