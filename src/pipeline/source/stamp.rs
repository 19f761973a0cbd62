//! Export times in the fixed forms platforms write, read directly.
//!
//! WordPress writes `2025-03-03 14:14:00`, Disqus `2025-03-03T14:14:00Z`,
//! and generic exports mostly one of the two.  The page grammar's
//! `meta_line` reads these and every other form a page may show, but
//! through its part splitting and a dozen alternatives per comment; the
//! fixed forms are read here in one pass over their bytes instead.  A
//! string that is not exactly one of them, or whose fields are out of
//! range, still goes to `meta_line`, so the result is the grammar's for
//! every input (a property test holds the two together).

use crate::parse::meta;
use crate::time::Timestamp;

/// The time `s` gives, as the page grammar's `meta_line` reads it.
pub fn export_time(s: &str) -> Option<Timestamp> {
    export_local_time(s).map(|(t, _)| t)
}

/// [`export_time`], and whether it is a wall-clock time that named no
/// zone (read as UTC; `--tz` reads it in another zone, issue 27).  A date
/// without a time is a day, not a local time, as in `meta_line`.
pub fn export_local_time(s: &str) -> Option<(Timestamp, bool)> {
    let s = s.trim();
    if let Some(t) = fixed(s.as_bytes()) {
        let local = s.len() > 10 && !s.ends_with('Z');
        return Some((t, local));
    }
    let m = meta::meta_line(s)?;
    Some((m.created?, m.local))
}

/// `YYYY-MM-DD`, then optionally `T` or one space and `HH:MM`, `:SS`
/// optional, then `Z` optional (only after a time): the time, or `None`
/// when `s` has another form or a field out of range.
fn fixed(s: &[u8]) -> Option<Timestamp> {
    let num = |at: usize, len: usize| -> Option<u32> {
        let digits = s.get(at..at + len)?;
        digits.iter().try_fold(0u32, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let sep = |at: usize, c: u8| s.get(at) == Some(&c);
    if !(sep(4, b'-') && sep(7, b'-')) {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (hour, minute, second) = match s.len() {
        10 => (0, 0, 0),
        _ if !(sep(10, b'T') || sep(10, b' ')) || !sep(13, b':') => return None,
        16 | 17 if s.len() == 16 || sep(16, b'Z') => (num(11, 2)?, num(14, 2)?, 0),
        19 | 20 if sep(16, b':') && (s.len() == 19 || sep(19, b'Z')) => {
            (num(11, 2)?, num(14, 2)?, num(17, 2)?)
        }
        _ => return None,
    };
    // The grammar refuses a 60th second, which a civil time allows.
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    Timestamp::from_civil(i64::from(year), month, day, hour, minute, second)
}

#[cfg(test)]
mod tests;
