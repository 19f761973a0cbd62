//! Report cells with their types, for formats that keep types: the
//! workbook (numbers as numbers, dates as dates) and JSON lines (numbers,
//! booleans, null).
//!
//! Rows stay the flat `Serialize` structs of `report/`; this reads one
//! through `Record` (the same flattening the CSV writer uses) and types
//! each cell by what the row struct says about it, never by guessing from
//! the text: ids such as `1.10` must stay text (issue 17).
//!
//! - a field of type `u8` is a 0/1 flag (report rows use `u8` for flags
//!   and for nothing else; a unit test holds every row type to that);
//! - other integer fields are counts;
//! - the scores a row keeps as three-decimal text ([`DECIMALS`]) are
//!   numbers;
//! - `created` (when a row has it) is a date and time;
//! - every other string is text, and an empty one is no value.

use serde::Serialize;

use std::io::{self, Write};

use super::record::{Kind, Record};

/// Columns whose text is a decimal number with three places.
pub const DECIMALS: [&str; 5] = [
    "incivility",
    "uncivil_rate",
    "mean_incivility",
    "max_incivility",
    "risk",
];

/// Column holding when a comment was posted, as the input gave it
/// (ISO 8601).
pub const CREATED: &str = "created";

/// One typed cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// No value (an empty string).
    Empty,
    /// Text, written as it is.
    Text(String),
    /// A count.
    Count(u64),
    /// A decimal number.
    Number(f64),
    /// A 0/1 flag.
    Flag(bool),
    /// A date and time, kept as the ISO 8601 text it came as.
    Date(String),
}

/// A row's column names and typed cells.
#[derive(Debug, Default)]
pub struct TypedRow {
    /// Column names, in row order.
    pub names: Vec<&'static str>,
    /// Cells, one per name.
    pub cells: Vec<Cell>,
}

/// Reads `row` as typed cells; a row that is not a flat struct is an
/// error.
pub fn typed<T: Serialize>(row: &T) -> io::Result<TypedRow> {
    let mut names = Vec::new();
    let mut text = Vec::new();
    let mut kinds = Vec::new();
    row.serialize(Record {
        names: Some(&mut names),
        cells: &mut text,
        kinds: Some(&mut kinds),
    })
    .map_err(io::Error::other)?;
    let cells = names
        .iter()
        .zip(text)
        .zip(kinds)
        .map(|((name, text), kind)| cell(name, text, kind))
        .collect();
    Ok(TypedRow { names, cells })
}

fn cell(name: &str, text: String, kind: Kind) -> Cell {
    match kind {
        Kind::Flag => Cell::Flag(text == "1"),
        Kind::Count => text.parse().map_or(Cell::Text(text), Cell::Count),
        Kind::Number => text.parse().map_or(Cell::Text(text), Cell::Number),
        Kind::Text if text.is_empty() => Cell::Empty,
        Kind::Text if DECIMALS.contains(&name) => {
            text.parse().map_or(Cell::Text(text), Cell::Number)
        }
        Kind::Text if name == CREATED => Cell::Date(text),
        Kind::Text => Cell::Text(text),
    }
}

impl Cell {
    /// The cell as a JSON value: numbers as numbers, flags as booleans,
    /// no value as null.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Cell::Empty => Value::Null,
            Cell::Text(s) | Cell::Date(s) => Value::String(s.clone()),
            Cell::Count(n) => Value::from(*n),
            // Scores have three decimals; a finite f64 always converts.
            Cell::Number(x) => serde_json::Number::from_f64(*x).map_or(Value::Null, Value::Number),
            Cell::Flag(b) => Value::Bool(*b),
        }
    }
}

/// Writes `row` as one JSON object on one line, keys in column order.
pub fn write_json_line<W: Write, T: Serialize>(mut out: W, row: &T) -> io::Result<()> {
    let t = typed(row)?;
    out.write_all(b"{")?;
    for (i, (name, cell)) in t.names.iter().zip(&t.cells).enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut out, name)?;
        out.write_all(b":")?;
        serde_json::to_writer(&mut out, &cell.to_json())?;
    }
    out.write_all(b"}\n")
}
