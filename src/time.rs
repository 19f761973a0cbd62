//! `Timestamp`: when a comment was posted, as seconds since the Unix epoch
//! in UTC.
//!
//! Pages, WordPress, Disqus and Reddit-style archives all give times in
//! different forms (issue 16); each reader turns its form into this one
//! type, so sorting siblings and a thread's first and last comment are
//! integer comparisons and every report prints the same ISO 8601 form.
//! Only UTC civil dates are needed here (a zone named in the input is an
//! offset applied by its reader; `--tz`, the one use of a time zone
//! database, is `zone.rs`), so the two conversions
//! are written here (Howard Hinnant's `days_from_civil` and
//! `civil_from_days`) rather than taking a date crate for them.  No clock
//! is ever read: a relative time ("2 hours ago") cannot become a timestamp.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Seconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// The time `hour:minute:second` on `year-month-day` (UTC), or `None`
    /// when a field is out of range (February 30th, hour 24).
    pub fn from_civil(
        year: i64,
        month: u32,
        day: u32,
        hour: u32,
        minute: u32,
        second: u32,
    ) -> Option<Self> {
        if !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 60
            || !(0..=9999).contains(&year)
        {
            return None;
        }
        let days = days_from_civil(year, month, day);
        Some(Self(
            days * 86_400 + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second),
        ))
    }

    /// This time moved by `seconds` (a zone's offset), or `None` past the
    /// years that print as four digits.
    pub fn offset(self, seconds: i64) -> Option<Self> {
        let t = self.0.checked_add(seconds)?;
        (MIN..=MAX).contains(&t).then_some(Self(t))
    }

    /// Seconds since the epoch as an archive gives them (`created_utc`),
    /// or `None` outside the years 0 to 9999.
    pub fn from_unix(seconds: i64) -> Option<Self> {
        (MIN..=MAX).contains(&seconds).then_some(Self(seconds))
    }

    /// `(year, month, day, hour, minute, second)` in UTC.
    pub fn civil(self) -> (i64, u32, u32, u32, u32, u32) {
        let days = self.0.div_euclid(86_400);
        let secs = self.0.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        // `secs` is below 86,400, so each part fits in u32.
        let part = |v: i64| u32::try_from(v).unwrap_or(0);
        (
            y,
            m,
            d,
            part(secs / 3600),
            part(secs % 3600 / 60),
            part(secs % 60),
        )
    }
}

/// 0000-01-01T00:00:00Z.
const MIN: i64 = -62_167_219_200;
/// 9999-12-31T23:59:59Z.
const MAX: i64 = 253_402_300_799;

impl fmt::Display for Timestamp {
    /// ISO 8601 in UTC: `2025-03-03T14:14:00Z`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, mo, d, h, mi, s) = self.civil();
        write!(f, "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
    }
}

/// The ISO form of `t`, or an empty cell when the time is unknown.
pub fn cell(t: Option<Timestamp>) -> String {
    t.map(|t| t.to_string()).unwrap_or_default()
}

/// Days in `month` of `year` (proleptic Gregorian).
pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days from 1970-01-01 to `y-m-d` (Hinnant, "chrono-Compatible Low-Level
/// Date Algorithms").
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let part = |v: i64| u32::try_from(v).unwrap_or(0);
    (y, part(m), part(d))
}

#[cfg(test)]
mod tests;
