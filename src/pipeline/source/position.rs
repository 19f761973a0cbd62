//! Lines and columns of an XML export read as a stream, for the errors
//! and warnings that name a place (issue 16).
//!
//! [`Tracked`] hands a reader's bytes on to quick-xml and keeps what it
//! takes to turn a byte offset into the 1-based line and column (in
//! characters) that errors print: the bytes since the event being read
//! began, and up to `HEAD` bytes of its line before that.  Offsets are
//! asked in increasing order (a reader's are), so each byte is counted
//! once, and what is kept does not grow with the input: a 2 GB export is
//! read in the memory of one event and a line's head.

use std::io::{self, BufRead, Read};

/// Bytes of a line kept before the event being read: what an error's
/// source line can show.  An error on a longer line gets no source line
/// (its line and column are still right).
const HEAD: usize = 64 << 10;

/// Bytes no longer needed are dropped once there are this many, so the
/// kept bytes move rarely.
const DROP: usize = 256 << 10;

/// A place in the input.
#[derive(Debug, Clone, Copy)]
struct Spot {
    /// Byte offset (after a byte-order mark, as quick-xml counts).
    offset: u64,
    line: u32,
    /// 1-based, in characters.
    column: u32,
    /// Offset of the start of its line.
    line_start: u64,
}

/// A reader whose consumed bytes are counted into lines and columns.
pub struct Tracked<R> {
    inner: R,
    /// Bytes consumed from offset `base.offset` on.
    kept: Vec<u8>,
    base: Spot,
    /// The last place asked for (at or after `base`).
    last: Spot,
}

impl<R: BufRead> Tracked<R> {
    /// Tracks `inner`, whose byte-order mark, if any, is skipped here (it
    /// is no character of the first line).
    pub fn new(mut inner: R) -> Self {
        if inner
            .fill_buf()
            .is_ok_and(|b| b.starts_with(b"\xef\xbb\xbf"))
        {
            inner.consume(3);
        }
        let start = Spot {
            offset: 0,
            line: 1,
            column: 1,
            line_start: 0,
        };
        Self {
            inner,
            kept: Vec::new(),
            base: start,
            last: start,
        }
    }

    fn end(&self) -> u64 {
        self.base.offset + self.kept.len() as u64
    }

    /// Line and column of byte `offset` (clamped to the bytes kept, moved
    /// back to a character boundary).
    pub fn at(&mut self, offset: u64) -> (u32, u32) {
        let mut offset = offset.clamp(self.base.offset, self.end());
        while offset > self.base.offset
            && offset < self.end()
            && is_continuation(self.kept[self.index(offset)])
        {
            offset -= 1;
        }
        if offset < self.last.offset {
            self.last = self.base;
        }
        let seg = &self.kept[self.index(self.last.offset)..self.index(offset)];
        match memchr::memrchr(b'\n', seg) {
            Some(nl) => {
                let lines = memchr::memchr_iter(b'\n', seg).count();
                self.last.line = self
                    .last
                    .line
                    .saturating_add(u32::try_from(lines).unwrap_or(u32::MAX));
                self.last.line_start = self.last.offset + nl as u64 + 1;
                self.last.column = 1u32.saturating_add(chars(&seg[nl + 1..]));
            }
            None => self.last.column = self.last.column.saturating_add(chars(seg)),
        }
        self.last.offset = offset;
        (self.last.line, self.last.column)
    }

    /// Says that no offset before `floor` (where the next event starts)
    /// will be asked for, so the bytes before it, but for the head of
    /// its line, may go.
    pub fn forget_before(&mut self, floor: u64) {
        let floor = floor.min(self.end());
        if floor - self.base.offset < (DROP + HEAD) as u64 {
            return;
        }
        self.at(floor);
        let mut cut = self.last.line_start.max(floor - HEAD as u64);
        while cut < floor && is_continuation(self.kept[self.index(cut)]) {
            cut += 1;
        }
        let dropped = self.index(cut);
        let skipped = chars(&self.kept[dropped..self.index(floor)]);
        self.kept.drain(..dropped);
        self.base = Spot {
            offset: cut,
            column: self.last.column.saturating_sub(skipped).max(1),
            ..self.last
        };
    }

    /// The text of the line holding byte `offset`, for an error message;
    /// empty when its start is no longer kept.  May read ahead to the
    /// line's end, so it is only asked once reading has stopped.
    pub fn line_text(&mut self, offset: u64) -> String {
        self.at(offset);
        if self.last.line_start < self.base.offset {
            return String::new();
        }
        let start = self.index(self.last.line_start);
        let from = self.index(self.last.offset);
        let end = match memchr::memchr(b'\n', &self.kept[from..]) {
            Some(i) => from + i,
            None => {
                self.read_line_rest();
                memchr::memchr(b'\n', &self.kept[from..]).map_or(self.kept.len(), |i| from + i)
            }
        };
        String::from_utf8_lossy(&self.kept[start..end])
            .trim_end_matches('\r')
            .to_owned()
    }

    /// Reads on to the end of the line (at most `HEAD` bytes).
    fn read_line_rest(&mut self) {
        let mut read = 0;
        while read < HEAD {
            let Ok(b) = self.inner.fill_buf() else { return };
            if b.is_empty() {
                return;
            }
            let (n, done) = match memchr::memchr(b'\n', b) {
                Some(i) => (i + 1, true),
                None => (b.len().min(HEAD - read), false),
            };
            self.kept.extend_from_slice(&b[..n]);
            self.inner.consume(n);
            read += n;
            if done {
                return;
            }
        }
    }

    /// How many bytes from `offset` on are valid UTF-8 (all of them kept
    /// when they are).
    pub fn valid_utf8_from(&self, offset: u64) -> u64 {
        let from = self.index(offset.clamp(self.base.offset, self.end()));
        match std::str::from_utf8(&self.kept[from..]) {
            Ok(s) => s.len() as u64,
            Err(e) => e.valid_up_to() as u64,
        }
    }

    fn index(&self, offset: u64) -> usize {
        usize::try_from(offset - self.base.offset).unwrap_or(usize::MAX)
    }
}

impl<R: BufRead> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = {
            let b = self.fill_buf()?;
            let n = b.len().min(buf.len());
            buf[..n].copy_from_slice(&b[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Tracked<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        // The bytes are still in the inner buffer: asking again reads
        // nothing.
        if let Ok(b) = self.inner.fill_buf() {
            self.kept.extend_from_slice(&b[..n.min(b.len())]);
        }
        self.inner.consume(n);
    }
}

fn is_continuation(b: u8) -> bool {
    b & 0xc0 == 0x80
}

/// Characters in `bytes` (the bytes that start one).
fn chars(bytes: &[u8]) -> u32 {
    let n = bytes.iter().filter(|b| !is_continuation(**b)).count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests;
