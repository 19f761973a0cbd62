//! Input positions.
//!
//! The line grammar runs over nom_locate's `LocatedSpan`, which tracks the
//! line number for us; columns are counted in characters only when an error
//! needs one, because counting them for every line would cost a scan.

use nom_locate::LocatedSpan;

/// The input type of every nom production in `line.rs`.
pub type Span<'a> = LocatedSpan<&'a str>;

/// 1-based column, in characters, of byte offset `byte` within `line`.
pub fn column_of(line: &str, byte: usize) -> u32 {
    let byte = floor_char_boundary(line, byte.min(line.len()));
    to_u32(line[..byte].chars().count() + 1)
}

/// Saturating conversion for line and column numbers.
pub fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
