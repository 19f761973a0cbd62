//! Author-line metadata (issue 16): what comment sites print around a
//! comment that is neither its author's name nor its text.
//!
//! Copied pages carry `• Ada Marsh · March 3, 2025 at 9:14 am`, a
//! `2 hours ago` line under the name, `(edited)`, `(moderator)`, `12 likes`
//! and `Reply · Share · Report` lines.  Left in, Ada becomes two authors
//! and "2 hours ago" becomes comment text.  This module is the grammar of
//! those pieces (`meta_line` and `author_line` in `grammars/thread.ebnf`);
//! `nest.rs` decides where they may stand (on the bullet line, and in runs
//! of lines directly under it or at the end of a body).
//!
//! A page's times carry no zone unless they name one; a time without a
//! zone is read as UTC (documented in the grammar), and a relative time
//! ("2 hours ago", "yesterday") is recognised and dropped without a
//! timestamp, because making it absolute would need the clock of the day
//! the page was copied, and no clock may reach a report.

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while1, take_while_m_n};
use nom::character::complete::{char, space0, space1};
use nom::combinator::{all_consuming, map, opt, value, verify};
use nom::sequence::{preceded, terminated};
use nom::{IResult, Parser};

use crate::time::Timestamp;

/// What one metadata item says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// A date, with the time of day when given (seconds after midnight,
    /// already moved to UTC by a named zone).
    Date {
        /// Days since 1970-01-01 as a timestamp at midnight UTC.
        day: Timestamp,
        /// Seconds after midnight, when a time was given, and whether it
        /// named its zone.
        clock: Option<(i64, bool)>,
    },
    /// A time of day without a date (`9:14 am`), and whether it named its
    /// zone.
    Clock(i64, bool),
    /// A date whose day and month could be either way round (`03/04/2025`).
    AmbiguousDate,
    /// A time relative to when the page was seen (`2 hours ago`), or a
    /// date without a year: recognised, but not a timestamp.
    Relative,
    /// `(edited)`, `moderator`, `verified` and other badges.
    Badge,
    /// `12 likes`, `▲ 3 ▼`, `+5`, `2 replies`.
    Votes,
    /// `Reply`, `Share`, `Report`, `Like`.
    Action,
}

/// What a whole metadata line (or the metadata of an author line) says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Meta {
    /// The time the comment was posted, when the line gives an absolute
    /// one.
    pub created: Option<Timestamp>,
    /// A time was given (absolute, relative or ambiguous): evidence that
    /// the line above is an author's name.
    pub timed: bool,
    /// A date was given whose day and month could be swapped.
    pub ambiguous_date: bool,
    /// `created` is a wall-clock time that named no zone, read as UTC;
    /// `--tz` reads it in another zone (issue 27).  A date without a time
    /// is a day, not a local time, and is not marked.
    pub local: bool,
}

impl Meta {
    fn of(items: &[Item]) -> Self {
        let mut m = Meta::default();
        let mut clock = None;
        let mut day = None;
        for &i in items {
            match i {
                Item::Date { day: d, clock: c } => {
                    m.timed = true;
                    day = day.or(Some((d, c)));
                }
                Item::Clock(c, zoned) => {
                    m.timed = true;
                    clock = clock.or(Some((c, zoned)));
                }
                Item::AmbiguousDate => {
                    m.timed = true;
                    m.ambiguous_date = true;
                }
                Item::Relative => m.timed = true,
                Item::Badge | Item::Votes | Item::Action => {}
            }
        }
        // "9:14 AM · Mar 3, 2025" gives the clock and the day as two items.
        if let Some((d, c)) = day {
            let c = c.or(clock);
            m.created = d.offset(c.map_or(0, |(secs, _)| secs));
            m.local = m.created.is_some() && c.is_some_and(|(_, zoned)| !zoned);
        }
        m
    }
}

/// `meta_line ::= meta_item ( separator meta_item )*`: the line's
/// metadata when every part of it is a metadata item, else `None`.
///
/// A line that is a deletion marker alone (`[deleted]`, `[removed]`) is
/// not metadata: it is what sites print as the body of a deleted comment,
/// so it stays the body under its author's name (issue 31).
pub fn meta_line(text: &str) -> Option<Meta> {
    if is_deletion_marker(text) {
        return None;
    }
    let mut items = Vec::new();
    for part in parts(text) {
        meta_part(part, &mut items)?;
    }
    (!items.is_empty()).then(|| Meta::of(&items))
}

/// `meta_part ::= badge* meta_item badge* | badge+`: one part of a line
/// between separators, its items appended to `items`.  Sites print
/// `(edited)` after a time and `[mod]` before one (issue 27: `March 3,
/// 2025 at 10:15 am (edited)` was kept whole in the author's name).
/// `None` (and `items` as it was) when the part is not metadata.
fn meta_part(part: &str, items: &mut Vec<Item>) -> Option<()> {
    if let Some(i) = meta_item(part) {
        items.push(i);
        return Some(());
    }
    let (rest, after) = strip_badges(part);
    let (rest, before) = strip_leading_badges(rest);
    let badges = before + after;
    if badges == 0 {
        return None;
    }
    let item = if rest.is_empty() {
        None
    } else {
        Some(meta_item(rest)?)
    };
    items.extend(item);
    items.extend(std::iter::repeat_n(Item::Badge, badges));
    Some(())
}

/// `text` without the bracketed badges at its start, and how many there
/// were.
fn strip_leading_badges(mut text: &str) -> (&str, usize) {
    let mut n = 0;
    loop {
        let t = text.trim_start();
        let close = match t.chars().next() {
            Some('(') => ')',
            Some('[') => ']',
            _ => return (t, n),
        };
        let Some(at) = t.find(close) else {
            return (t, n);
        };
        if all_consuming(badge).parse(&t[..=at]).is_err() {
            return (t, n);
        }
        text = &t[at + 1..];
        n += 1;
    }
}

/// The text holds a time somewhere: a date, a clock with am/pm, or a
/// relative time starting at one of its words.  What is left of an author
/// line as the name should hold none; one that does was misread, and the
/// parser warns (issue 27).
pub fn contains_time(text: &str) -> bool {
    let starts = std::iter::once(0).chain(
        text.char_indices()
            .filter(|&(i, c)| c == ' ' && i + 1 < text.len())
            .map(|(i, _)| i + 1),
    );
    starts.into_iter().any(|at| {
        let rest = &text[at..];
        // What a parser took, when it ends at a word's end.
        let took = |tail: &str| {
            (tail.is_empty() || tail.starts_with([' ', ',', '(', '[', '.']))
                .then(|| &rest[..rest.len() - tail.len()])
        };
        // "Now" and "Today" are words of names too ("USA Today"): a
        // relative time counts only with a number or "ago".
        let relative_time = relative(rest)
            .ok()
            .and_then(|(t, _)| took(t))
            .is_some_and(|s| {
                s.contains(|c: char| c.is_ascii_digit()) || s.to_lowercase().ends_with("ago")
            });
        rest.starts_with(|c: char| c.is_alphanumeric())
            && (datetime(rest).ok().and_then(|(t, _)| took(t)).is_some()
                || relative_time
                || clock(rest)
                    .ok()
                    .and_then(|(t, _)| took(t))
                    .is_some_and(|s| s.contains(':')))
    })
}

/// `deletion ::= ( '[' | '(' )? ( 'deleted' | 'removed' ) ( ']' | ')' )?`,
/// the whole text (any case): the body sites print in place of a deleted
/// or removed comment (issue 31).
pub fn is_deletion_marker(text: &str) -> bool {
    let t = text.trim();
    let inner = t
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .or_else(|| t.strip_prefix('(').and_then(|r| r.strip_suffix(')')))
        .unwrap_or(t)
        .trim();
    inner.eq_ignore_ascii_case("deleted") || inner.eq_ignore_ascii_case("removed")
}

/// An author line split into the name and its metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorLine<'a> {
    /// The name, without badges and metadata.
    pub name: &'a str,
    /// What the metadata said; `None` when the line has none.
    pub meta: Option<Meta>,
    /// Parts after a separator that are not metadata: kept out of the
    /// name all the same when other parts are metadata, else (with no
    /// metadata at all) the line is kept whole and these are empty.
    pub not_understood: Vec<&'a str>,
}

/// `author_line ::= name badge* ( separator meta_item )*`.
///
/// The name is the first part; badges in brackets at its end (`(edited)`,
/// `[moderator]`) are metadata.  When no later part is metadata the
/// separators belong to the name (`Ada · Ben` stays one name); when some
/// are, the parts that are not go in `not_understood`, so the caller can
/// warn.
pub fn author_line(text: &str) -> AuthorLine<'_> {
    let mut parts = parts(text).into_iter();
    let first = parts.next().unwrap_or("");
    let mut items = Vec::new();
    let mut not_understood = Vec::new();
    for p in parts {
        if meta_part(p, &mut items).is_none() {
            not_understood.push(p);
        }
    }
    if items.is_empty() {
        not_understood.clear();
    }
    let (name, badges) = strip_badges(if items.is_empty() { text } else { first });
    for _ in 0..badges {
        items.push(Item::Badge);
    }
    if name.is_empty() {
        // A line that is all badges ("(edited)") is not a name with
        // metadata; it is kept as it is.
        return AuthorLine {
            name: text,
            meta: None,
            not_understood: Vec::new(),
        };
    }
    AuthorLine {
        name,
        meta: (!items.is_empty()).then(|| Meta::of(&items)),
        not_understood,
    }
}

/// `name` without the bracketed badges at its end, and how many there
/// were.
fn strip_badges(mut name: &str) -> (&str, usize) {
    let mut n = 0;
    loop {
        let t = name.trim_end();
        let open = match t.chars().last() {
            Some(')') => '(',
            Some(']') => '[',
            _ => return (t, n),
        };
        let Some(at) = t.rfind(open) else {
            return (t, n);
        };
        if all_consuming(badge).parse(&t[at..]).is_err() {
            return (t, n);
        }
        name = &t[..at];
        n += 1;
    }
}

/// `separator ::= '·' | '|' | '⋅' | ' • ' | ' - '`: the parts of a line,
/// trimmed, empty ones dropped.
fn parts(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        let cut = [" • ", " - ", "·", "|", "⋅"]
            .iter()
            .filter_map(|s| rest.find(s).map(|at| (at, s.len())))
            .min();
        let (part, tail) = match cut {
            Some((at, len)) => (&rest[..at], Some(&rest[at + len..])),
            None => (rest, None),
        };
        let part = part.trim();
        if !part.is_empty() {
            out.push(part);
        }
        match tail {
            Some(t) => rest = t,
            None => return out,
        }
    }
}

/// `meta_item ::= datetime | clock | relative | badge | votes | actions`,
/// the whole of `part`.
pub fn meta_item(part: &str) -> Option<Item> {
    all_consuming(alt((
        datetime,
        terminated(map(clock, |(c, zoned)| Item::Clock(c, zoned)), space0),
        relative,
        value(Item::Badge, badge),
        value(Item::Votes, votes),
        value(Item::Action, actions),
    )))
    .parse(part)
    .ok()
    .map(|(_, i)| i)
}

type Res<'a, T> = IResult<&'a str, T>;

/// `number ::= [0-9]+`, at most `max` digits.
fn number(max: usize) -> impl FnMut(&str) -> Res<'_, u32> {
    move |i| {
        map(
            take_while_m_n(1, max, |c: char| c.is_ascii_digit()),
            |d: &str| d.parse::<u32>().unwrap_or(u32::MAX),
        )
        .parse(i)
    }
}

/// A word of letters, lowercased for matching.
fn word(i: &str) -> Res<'_, String> {
    map(take_while1(char::is_alphabetic), str::to_lowercase).parse(i)
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// `month ::= full month name | three-letter abbreviation '.'? | 'Sept'`
fn month(i: &str) -> Res<'_, u32> {
    let (rest, w) = word(i)?;
    let found = MONTHS.iter().position(|m| {
        *m == w || (w.len() == 3 && m.starts_with(&w)) || (w == "sept" && *m == "september")
    });
    match found {
        Some(m) => {
            let (rest, _) = opt(char('.')).parse(rest)?;
            Ok((rest, m as u32 + 1))
        }
        None => fail(i),
    }
}

fn fail<T>(i: &str) -> Res<'_, T> {
    Err(nom::Err::Error(nom::error::Error::new(
        i,
        nom::error::ErrorKind::Verify,
    )))
}

/// `weekday ::= day name | three-letter abbreviation`, then `,`? and
/// blanks.
fn weekday(i: &str) -> Res<'_, ()> {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let (rest, _) = verify(word, |w: &String| {
        DAYS.iter()
            .any(|d| *d == w || (w.len() == 3 && d.starts_with(w.as_str())))
    })
    .parse(i)?;
    let (rest, _) = (opt(char('.')), opt(char(',')), space1).parse(rest)?;
    Ok((rest, ()))
}

/// `day ::= [0-9]{1,2} ( 'st' | 'nd' | 'rd' | 'th' )?`
fn day(i: &str) -> Res<'_, u32> {
    terminated(
        number(2),
        opt(alt((
            tag_no_case("st"),
            tag_no_case("nd"),
            tag_no_case("rd"),
            tag_no_case("th"),
        ))),
    )
    .parse(i)
}

fn year(i: &str) -> Res<'_, i64> {
    map(number(4), i64::from).parse(i)
}

/// `date ::= weekday? ( month day ','? year | day 'of'? month ','? year
///         | year '-' mm '-' dd | nn '/' nn '/' year | dd '.' mm '.' year )`
/// as (year, month, day); a month and day without a year is `Relative`
/// (the year would come from a clock).
fn date(i: &str) -> Res<'_, Result<(i64, u32, u32), Item>> {
    let (i, _) = opt(weekday).parse(i)?;
    alt((
        // March 3, 2025 / Mar. 3rd 2025 / March 3
        map(
            (month, space1, day, opt((opt(char(',')), space1, year))),
            |(m, _, d, y)| match y {
                Some((_, _, y)) => Ok((y, m, d)),
                None => Err(Item::Relative),
            },
        ),
        // 3 March 2025 / 3rd of March, 2025
        map(
            (
                day,
                space1,
                opt((tag_no_case("of"), space1)),
                month,
                opt((opt(char(',')), space1, year)),
            ),
            |(d, _, _, m, y)| match y {
                Some((_, _, y)) => Ok((y, m, d)),
                None => Err(Item::Relative),
            },
        ),
        // 2025-03-03
        map(
            (number(4), char('-'), number(2), char('-'), number(2)),
            |(y, _, m, _, d)| Ok((i64::from(y), m, d)),
        ),
        // 03/04/2025: month first in the US, day first elsewhere.
        map(
            (number(2), char('/'), number(2), char('/'), number(4)),
            |(a, _, b, _, y)| {
                let y = i64::from(y);
                match (a > 12, b > 12) {
                    (true, false) => Ok((y, b, a)),
                    (false, true) => Ok((y, a, b)),
                    _ if a == b => Ok((y, a, b)),
                    _ => Err(Item::AmbiguousDate),
                }
            },
        ),
        // 03.04.2025: the dotted form is day first wherever it is used.
        map(
            (number(2), char('.'), number(2), char('.'), number(4)),
            |(d, _, m, _, y)| Ok((i64::from(y), m, d)),
        ),
    ))
    .parse(i)
}

/// `clock ::= hh ':' mm ( ':' ss )? ampm? zone? | hh ampm zone?` as
/// seconds after midnight UTC (a zone's offset applied), and whether a
/// zone was named.
fn clock(i: &str) -> Res<'_, (i64, bool)> {
    let hm = (
        number(2),
        char(':'),
        number(2),
        opt(preceded(char(':'), number(2))),
        opt(preceded(space0, ampm)),
    );
    let hm = map(hm, |(h, _, m, s, half)| (h, m, s.unwrap_or(0), half));
    // A bare number is a clock only with am/pm ("9 pm").
    let hour = map((number(2), space0, ampm), |(h, _, pm)| (h, 0, 0, Some(pm)));
    let (rest, (h, m, s, half)) = alt((hm, hour)).parse(i)?;
    let h = match half {
        Some(pm) if (1..=12).contains(&h) => h % 12 + if pm { 12 } else { 0 },
        Some(_) => return fail(i),
        None => h,
    };
    if h > 23 || m > 59 || s > 59 {
        return fail(i);
    }
    let (rest, zone) = opt(preceded(space0, zone)).parse(rest)?;
    let secs = i64::from(h) * 3600 + i64::from(m) * 60 + i64::from(s) - zone.unwrap_or(0);
    Ok((rest, (secs, zone.is_some())))
}

/// `ampm ::= 'am' | 'pm' | 'a.m.' | 'p.m.'` (true for pm).
fn ampm(i: &str) -> Res<'_, bool> {
    alt((
        value(false, alt((tag_no_case("a.m."), tag_no_case("am")))),
        value(true, alt((tag_no_case("p.m."), tag_no_case("pm")))),
    ))
    .parse(i)
}

/// `zone ::= 'UTC' | 'GMT' | 'Z' | US and European abbreviations
///         | ( 'UTC' | 'GMT' )? [+-] hh ( ':'? mm )?` as seconds east of
/// UTC.
fn zone(i: &str) -> Res<'_, i64> {
    let named = |name: &'static str, hours: i64| value(hours * 3600, tag_no_case(name));
    let numeric = map(
        (
            opt(alt((tag_no_case("utc"), tag_no_case("gmt")))),
            alt((
                value(1i64, char('+')),
                value(-1i64, char('-')),
                value(-1i64, char('−')),
            )),
            number(2),
            opt(preceded(opt(char(':')), number(2))),
        ),
        |(_, sign, h, m)| sign * (i64::from(h) * 3600 + i64::from(m.unwrap_or(0)) * 60),
    );
    alt((
        numeric,
        named("utc", 0),
        named("gmt", 0),
        named("cest", 2),
        named("cet", 1),
        named("bst", 1),
        named("est", -5),
        named("edt", -4),
        named("cst", -6),
        named("cdt", -5),
        named("mst", -7),
        named("mdt", -6),
        named("pst", -8),
        named("pdt", -7),
        value(0, char('Z')),
    ))
    .parse(i)
}

/// `datetime ::= date ( ( ','? ' at ' | ',' | ' ' | 'T' ) clock )?`
fn datetime(i: &str) -> Res<'_, Item> {
    let (rest, d) = date(i)?;
    let sep = alt((
        value((), (opt(char(',')), space1, tag_no_case("at"), space1)),
        value((), (char(','), space0)),
        value((), char('T')),
        value((), space1),
    ));
    let (rest, c) = opt(preceded(sep, clock)).parse(rest)?;
    let (rest, _) = space0(rest)?;
    let item = match d {
        Ok((y, m, day)) => match Timestamp::from_civil(y, m, day, 0, 0, 0) {
            Some(day) => Item::Date { day, clock: c },
            None => return fail(i),
        },
        Err(other) => other,
    };
    Ok((rest, item))
}

/// `relative ::= count unit 's'? ' ago' | count short_unit ( ' ago' )?
///             | 'just now' | 'now' | 'today' | 'yesterday' | 'last' unit
///             | ( 'edited' | 'posted' ) relative | ( 'today' | 'yesterday' )
///               ' at ' clock`
fn relative(i: &str) -> Res<'_, Item> {
    let count = alt((
        value((), number(6)),
        value((), tag_no_case("an")),
        value((), tag_no_case("a")),
        value((), tag_no_case("one")),
    ));
    let long = (count, space0, unit, space1, tag_no_case("ago"));
    let short = (number(6), short_unit, opt((space1, tag_no_case("ago"))));
    let day_word = alt((tag_no_case("yesterday"), tag_no_case("today")));
    let (rest, _) = (
        opt((alt((tag_no_case("edited"), tag_no_case("posted"))), space1)),
        alt((
            value((), long),
            value((), short),
            value((), tag_no_case("just now")),
            value((), tag_no_case("now")),
            value(
                (),
                (
                    day_word,
                    opt((
                        opt(char(',')),
                        space1,
                        opt((tag_no_case("at"), space1)),
                        clock,
                    )),
                ),
            ),
            value((), (tag_no_case("last"), space1, unit)),
        )),
        space0,
    )
        .parse(i)?;
    Ok((rest, Item::Relative))
}

/// `unit ::= ( 'second' | 'sec' | 'minute' | 'min' | 'hour' | 'hr' | 'day'
///         | 'week' | 'wk' | 'month' | 'mo' | 'year' | 'yr' ) 's'?`
fn unit(i: &str) -> Res<'_, ()> {
    verify(word, |w: &String| {
        let w = w.strip_suffix('s').unwrap_or(w);
        matches!(
            w,
            "second"
                | "sec"
                | "minute"
                | "min"
                | "hour"
                | "hr"
                | "day"
                | "week"
                | "wk"
                | "month"
                | "mo"
                | "year"
                | "yr"
        )
    })
    .map(|_| ())
    .parse(i)
}

/// `short_unit ::= 's' | 'm' | 'h' | 'd' | 'w' | 'mo' | 'y'` (as in `2h`).
fn short_unit(i: &str) -> Res<'_, ()> {
    verify(word, |w: &String| {
        matches!(
            w.as_str(),
            "s" | "m" | "min" | "h" | "hr" | "d" | "w" | "mo" | "y" | "yr"
        )
    })
    .map(|_| ())
    .parse(i)
}

/// Badges as sites print them next to a name.
const BADGES: [&str; 22] = [
    "edited",
    "moderator",
    "mod",
    "admin",
    "administrator",
    "staff",
    "author",
    "verified",
    "subscriber",
    "top commenter",
    "top comment",
    "top fan",
    "featured",
    "pinned",
    "editor's pick",
    "editors' pick",
    "op",
    "premium",
    "supporter",
    "member",
    "journalist",
    "deleted",
];

/// `badge_name`: one of [`BADGES`], any case.
fn badge_name(i: &str) -> Res<'_, ()> {
    let (rest, w) =
        take_while1(|c: char| c.is_alphabetic() || c == ' ' || c == '\'' || c == '’').parse(i)?;
    let w = w.trim().to_lowercase().replace('’', "'");
    if BADGES.contains(&w.as_str()) {
        Ok((rest, ()))
    } else {
        fail(i)
    }
}

/// `badge ::= '(' badge_name ')' | '[' badge_name ']' | badge_name | '✓'`
fn badge(i: &str) -> Res<'_, ()> {
    let (rest, _) = alt((
        value((), (char('('), space0, badge_name, space0, char(')'))),
        value((), (char('['), space0, badge_name, space0, char(']'))),
        value((), badge_name),
        value((), alt((tag("✓"), tag("✔")))),
    ))
    .parse(i)?;
    Ok((rest, ()))
}

/// `count ::= [0-9] [0-9,.]* 'k'?` (1,234 and 1.2k).
fn count(i: &str) -> Res<'_, ()> {
    let (rest, _) = (
        take_while_m_n(1, 1, |c: char| c.is_ascii_digit()),
        opt(take_while1(|c: char| {
            c.is_ascii_digit() || c == ',' || c == '.'
        })),
        opt(tag_no_case("k")),
    )
        .parse(i)?;
    Ok((rest, ()))
}

fn vote_word(i: &str) -> Res<'_, String> {
    verify(word, |w: &String| {
        matches!(
            w.as_str(),
            "like"
                | "likes"
                | "point"
                | "points"
                | "vote"
                | "votes"
                | "upvote"
                | "upvotes"
                | "downvote"
                | "downvotes"
                | "dislike"
                | "dislikes"
                | "reply"
                | "replies"
                | "recommend"
                | "recommends"
                | "recommendation"
                | "recommendations"
                | "reaction"
                | "reactions"
        )
    })
    .parse(i)
}

fn arrow(i: &str) -> Res<'_, &str> {
    take_while1(|c: char| {
        matches!(
            c,
            '▲' | '▼' | '↑' | '↓' | '👍' | '👎' | '♥' | '❤' | '⬆' | '⬇' | '\u{fe0f}'
        )
    })
    .parse(i)
}

/// `votes ::= count vote_word | vote_word ':'? count | vote_word '(' count ')'
///          | arrow? count arrow? | [+-] count` where vote_word is like,
/// point, vote, upvote, reply, recommend (plural or not).
fn votes(i: &str) -> Res<'_, ()> {
    let (rest, _) = alt((
        value((), (count, space0, vote_word)),
        value((), (vote_word, space0, char('('), count, char(')'))),
        value((), (vote_word, opt(char(':')), space1, count)),
        value(
            (),
            (
                arrow,
                space0,
                count,
                opt((space0, arrow, opt((space0, count)))),
            ),
        ),
        value((), (alt((char('+'), char('−'))), count)),
    ))
    .parse(i)?;
    let (rest, _) = space0(rest)?;
    Ok((rest, ()))
}

/// Words of the buttons under a comment.
const ACTIONS: [&str; 28] = [
    "reply",
    "share",
    "report",
    "like",
    "unlike",
    "flag",
    "permalink",
    "link",
    "edit",
    "delete",
    "follow",
    "block",
    "mute",
    "upvote",
    "downvote",
    "view",
    "show",
    "hide",
    "load",
    "more",
    "replies",
    "collapse",
    "expand",
    "abuse",
    "see",
    "thread",
    "parent",
    "translate",
];

/// `actions ::= action_word ( blank+ action_word )*`: at most six words,
/// at least one of them reply, replies, share, report, like, flag or
/// permalink, the first capitalised as buttons are printed ("View 3
/// replies"), so that a body line of ordinary words ("show more", a
/// reply that says "reply") is not taken.
fn actions(i: &str) -> Res<'_, ()> {
    let words: Vec<&str> = i.split_whitespace().collect();
    let clean = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    let number = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    let button = |w: &str| ACTIONS.contains(&w.to_lowercase().as_str());
    let ok = words.len() <= 6
        && words
            .first()
            .is_some_and(|w| clean(w).starts_with(|c: char| c.is_uppercase()))
        && words.iter().all(|w| {
            let w = clean(w);
            button(&w) || number(&w)
        })
        && words.iter().any(|w| {
            matches!(
                clean(w).to_lowercase().as_str(),
                "reply" | "replies" | "share" | "report" | "like" | "flag" | "permalink"
            )
        });
    if ok {
        Ok(("", ()))
    } else {
        fail(i)
    }
}

#[cfg(test)]
mod tests;
