//! `--tz Area/City`: the zone in which a page's times without a zone are
//! read (issue 27; before, they were always read as UTC).
//!
//! The zone rules come from the IANA time zone database, bundled into
//! the binary by jiff (`tzdb-bundle-always`), so a run gives the same
//! timestamps on every machine whatever its /usr/share/zoneinfo says.
//! Only times that name no zone move; `9:14 am EST` or `+02:00` keep the
//! offset they name.
//!
//! Daylight-saving transitions follow RFC 5545's and Temporal's
//! "compatible" rule: a local time that happened twice (the hour repeated
//! when clocks go back) is the first of the two, and one that never
//! happened (the hour skipped when clocks go forward) is read with the
//! offset before the gap, so 02:30 on a spring-forward night is 03:30 of
//! the new offset.  Either way the comment keeps a time, and the time is
//! the one a reader of the page most likely saw.

use std::fmt;

use crate::time::Timestamp;

/// A time zone of the IANA database, by its name.
#[derive(Clone)]
pub struct Zone {
    name: String,
    tz: jiff::tz::TimeZone,
}

/// A `--tz` name the database does not know.
#[derive(Debug, thiserror::Error)]
#[error(
    "unknown time zone {name:?}: expected an IANA name such as Europe/Paris or America/New_York"
)]
pub struct UnknownZone {
    /// The name given.
    pub name: String,
}

impl Zone {
    /// The zone called `name` (`Europe/Paris`, `UTC`).
    pub fn named(name: &str) -> Result<Self, UnknownZone> {
        let unknown = || UnknownZone {
            name: name.to_owned(),
        };
        let tz = jiff::tz::TimeZone::get(name).map_err(|_| unknown())?;
        Ok(Self {
            name: name.to_owned(),
            tz,
        })
    }

    /// The name it was given by.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The instant of the civil time `local` (its fields read as a
    /// wall-clock time in this zone, though carried as if UTC), with the
    /// DST rule of the module header; `None` outside the years 0 to 9999.
    pub fn instant(&self, local: Timestamp) -> Option<Timestamp> {
        let (y, mo, d, h, mi, s) = local.civil();
        let field = |v: u32| i8::try_from(v).ok();
        let dt = jiff::civil::DateTime::new(
            i16::try_from(y).ok()?,
            field(mo)?,
            field(d)?,
            field(h)?,
            field(mi)?,
            field(s.min(59))?,
            0,
        )
        .ok()?;
        use jiff::tz::AmbiguousOffset as A;
        let offset = match self.tz.to_ambiguous_timestamp(dt).offset() {
            A::Unambiguous { offset } => offset,
            // The skipped hour: the offset before the gap.
            A::Gap { before, .. } => before,
            // The repeated hour: its first occurrence.
            A::Fold { before, .. } => before,
        };
        local.offset(-i64::from(offset.seconds()))
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Zone({})", self.name)
    }
}

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

#[cfg(test)]
mod tests;
