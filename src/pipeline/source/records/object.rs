//! One line of a generic JSON Lines export read straight into [`Cells`].
//!
//! The field names come from `--field`, so no derived struct fits; a
//! `serde_json::Map` would allocate every key and value of every line,
//! read or not.  This visitor compares each key with the mapped names as
//! it goes, skips the values of other keys (checked for JSON syntax, not
//! decoded), and borrows string values from the line when they have no
//! escapes.  A value that is not a string becomes the text serde_json
//! prints for it (`12`, `true`, `[1,"a"]`), and `null` is a missing field,
//! as they were when lines were read into a map; a key given twice keeps
//! its last value, as a map does.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

use super::{Cells, Fields};
use crate::pipeline::source::json_value::Scalar;

/// Reads the object on `line` with the names of `fields`.
pub(super) fn read<'a>(line: &'a str, fields: &Fields) -> Result<Cells<'a>, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(line);
    let cells = Object(fields).deserialize(&mut de)?;
    de.end()?;
    Ok(cells)
}

/// The object's visitor, with the names to look for.
struct Object<'f>(&'f Fields);

impl<'de> DeserializeSeed<'de> for Object<'_> {
    type Value = Cells<'de>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cells<'de>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Object<'_> {
    type Value = Cells<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // What a map's visitor says, so errors read as they did.
        f.write_str("a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Cells<'de>, A::Error> {
        let mut c = Cells::default();
        while let Some(slots) = map.next_key_seed(Key(self.0))? {
            if slots == 0 {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            let value = map.next_value::<Scalar<'de>>()?.into_cell();
            for (bit, slot) in c.slots().into_iter().enumerate() {
                if slots & (1 << bit) != 0 {
                    slot.clone_from(&value);
                }
            }
        }
        Ok(c)
    }
}

/// A key, as the set of our fields it names (bit i for
/// [`Cells::slots`]' slot i; several when two of ours map to one name).
struct Key<'f>(&'f Fields);

impl Key<'_> {
    fn slots(&self, key: &str) -> u16 {
        let f = self.0;
        [
            &f.id,
            &f.parent_id,
            &f.thread,
            &f.title,
            &f.author,
            &f.created,
            &f.text,
            &f.status,
            &f.author_id,
        ]
        .iter()
        .enumerate()
        .filter(|(_, name)| name.as_str() == key)
        .fold(0, |m, (i, _)| m | 1 << i)
    }
}

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = u16;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<u16, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key<'_> {
    type Value = u16;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<u16, E> {
        Ok(self.slots(key))
    }
}
