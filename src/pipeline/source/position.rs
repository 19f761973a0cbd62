//! Byte offsets of an export turned into the 1-based line and column
//! (in characters) that errors and warnings print.

/// Turns offsets into lines and columns, reading `text` once as long as
/// offsets come in increasing order (a reader's do).
pub struct Position<'a> {
    text: &'a str,
    /// Offset of the start of line `line`.
    line_start: usize,
    line: u32,
    /// How far line counting has read.
    scanned: usize,
}

impl<'a> Position<'a> {
    /// Positions in `text`.
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            line_start: 0,
            line: 1,
            scanned: 0,
        }
    }

    /// Line and column of byte `offset` (clamped to the text, moved back
    /// to a character boundary).
    pub fn at(&mut self, offset: usize) -> (u32, u32) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.scanned {
            // Offsets went back (an error at an earlier place): count
            // from the start again.
            self.line_start = 0;
            self.line = 1;
            self.scanned = 0;
        }
        let bytes = &self.text.as_bytes()[self.scanned..offset];
        for (i, b) in bytes.iter().enumerate() {
            if *b == b'\n' {
                self.line += 1;
                self.line_start = self.scanned + i + 1;
            }
        }
        self.scanned = offset;
        let column = self.text[self.line_start..offset].chars().count() + 1;
        (self.line, u32::try_from(column).unwrap_or(u32::MAX))
    }

    /// The text of the line holding byte `offset`, for error messages.
    pub fn line_text(&self, offset: usize) -> String {
        let offset = offset.min(self.text.len());
        let start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let end = self.text[offset..]
            .find('\n')
            .map_or(self.text.len(), |i| offset + i);
        self.text[start..end].trim_end_matches('\r').to_owned()
    }
}
