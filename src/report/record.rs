//! Flattens a row struct into `(column, text)` pairs.
//!
//! CSV cells must be neutralised against formula injection, but JSON lines
//! must not be; so rows stay plain `Serialize` structs and the CSV writer
//! sees each cell as text through this small serde `Serializer`.  Only flat
//! structs of strings, numbers, booleans and options are supported, which
//! is all a report row holds; anything nested is an error, not a guess.

use serde::ser::{self, Impossible, Serialize};

/// Error for a row shape this serializer does not flatten.
#[derive(Debug)]
pub struct Unsupported(String);

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "report rows must be flat structs: {}", self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Self(msg.to_string())
    }
}

/// Collects a row's fields into `names` (first row only) and `cells`,
/// and, when asked, what type each field had in the row struct.
pub struct Record<'r> {
    pub names: Option<&'r mut Vec<&'static str>>,
    pub cells: &'r mut Vec<String>,
    pub kinds: Option<&'r mut Vec<Kind>>,
}

/// What a field was before it became text (see report/cell.rs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A string, char, unit or missing value.
    Text,
    /// A `u8` or `bool`: a 0/1 flag.
    Flag,
    /// Any other integer.
    Count,
    /// A float.
    Number,
}

impl<'r> ser::Serializer for Record<'r> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Impossible<(), Unsupported>;
    type SerializeTuple = Impossible<(), Unsupported>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Unsupported> {
        Ok(self)
    }

    fn serialize_bool(self, _: bool) -> Result<(), Unsupported> {
        Err(top_level())
    }
    fn serialize_i8(self, _: i8) -> Result<(), Unsupported> {
        Err(top_level())
    }
    fn serialize_i16(self, _: i16) -> Result<(), Unsupported> {
        Err(top_level())
    }
    fn serialize_i32(self, _: i32) -> Result<(), Unsupported> {
        Err(top_level())
    }
    fn serialize_i64(self, _: i64) -> Result<(), Unsupported> {
        Err(top_level())
    }
    fn serialize_u8(self, _: u8) -> Result<(), Unsupported> {
        Err(top_level())
    }
    fn serialize_u16(self, _: u16) -> Result<(), Unsupported> {
        Err(top_level())
    }
    fn serialize_u32(self, _: u32) -> Result<(), Unsupported> {
        Err(top_level())
    }
    fn serialize_u64(self, _: u64) -> Result<(), Unsupported> {
        Err(top_level())
    }
    fn serialize_f32(self, _: f32) -> Result<(), Unsupported> {
        Err(top_level())
    }
    fn serialize_f64(self, _: f64) -> Result<(), Unsupported> {
        Err(top_level())
    }
    fn serialize_char(self, _: char) -> Result<(), Unsupported> {
        Err(top_level())
    }
    fn serialize_str(self, _: &str) -> Result<(), Unsupported> {
        Err(top_level())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        Err(top_level())
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        Err(top_level())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), Unsupported> {
        Err(top_level())
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        Err(top_level())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        Err(top_level())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
    ) -> Result<(), Unsupported> {
        Err(top_level())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        Err(top_level())
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        Err(top_level())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
        Err(top_level())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        Err(top_level())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsupported> {
        Err(top_level())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(top_level())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Err(top_level())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(top_level())
    }
}

impl ser::SerializeStruct for Record<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        if let Some(names) = self.names.as_mut() {
            names.push(key);
        }
        let mut cell = String::new();
        let mut kind = Kind::Text;
        value.serialize(Cell(&mut cell, &mut kind))?;
        self.cells.push(cell);
        if let Some(kinds) = self.kinds.as_mut() {
            kinds.push(kind);
        }
        Ok(())
    }

    fn end(self) -> Result<(), Unsupported> {
        Ok(())
    }
}

fn top_level() -> Unsupported {
    Unsupported("a row must be a struct".to_owned())
}

fn nested() -> Unsupported {
    Unsupported("a field must be a string, number, bool or option".to_owned())
}

/// Writes one scalar field as text and says what type it was.
struct Cell<'c>(&'c mut String, &'c mut Kind);

macro_rules! display_scalar {
    ($($name:ident: $ty:ty => $kind:expr),*) => {
        $(fn $name(self, v: $ty) -> Result<(), Unsupported> {
            use std::fmt::Write;
            let _ = write!(self.0, "{v}");
            *self.1 = $kind;
            Ok(())
        })*
    };
}

impl ser::Serializer for Cell<'_> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Impossible<(), Unsupported>;
    type SerializeTuple = Impossible<(), Unsupported>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Impossible<(), Unsupported>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    display_scalar!(
        serialize_i8: i8 => Kind::Count, serialize_i16: i16 => Kind::Count,
        serialize_i32: i32 => Kind::Count, serialize_i64: i64 => Kind::Count,
        serialize_u8: u8 => Kind::Flag, serialize_u16: u16 => Kind::Count,
        serialize_u32: u32 => Kind::Count, serialize_u64: u64 => Kind::Count,
        serialize_f32: f32 => Kind::Number, serialize_f64: f64 => Kind::Number,
        serialize_char: char => Kind::Text, serialize_str: &str => Kind::Text
    );

    /// Booleans are 0/1, which every spreadsheet sums.
    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.0.push(if v { '1' } else { '0' });
        *self.1 = Kind::Flag;
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        Err(nested())
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<(), Unsupported> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        self.0.push_str(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Unsupported> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        Err(nested())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
        Err(nested())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        Err(nested())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsupported> {
        Err(nested())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(nested())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Err(nested())
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Unsupported> {
        Err(nested())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(nested())
    }
}
