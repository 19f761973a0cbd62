//! `IdTable`: every dotted comment id of a thread in one string.
//!
//! A `String` per id costs 24 bytes plus an allocation of at least 16
//! for ids of a few characters; a page of a million comments kept them
//! twice (in the analyzer and in the facts).  One string with an end
//! offset per id holds the same in about 8 bytes plus the id's own
//! characters (issue 6).

use serde::{Deserialize, Serialize};

/// Dotted ids in thread order, read back by position.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdTable {
    text: String,
    ends: Vec<usize>,
}

impl IdTable {
    /// An empty table with room for `n` ids.
    pub fn with_capacity(n: usize) -> Self {
        Self {
            text: String::new(),
            ends: Vec::with_capacity(n),
        }
    }

    /// Appends the next id.
    pub fn push(&mut self, id: &str) {
        self.text.push_str(id);
        self.ends.push(self.text.len());
    }

    /// The id at `position`, if there is one.
    pub fn get(&self, position: usize) -> Option<&str> {
        let end = *self.ends.get(position)?;
        let start = position.checked_sub(1).map_or(0, |p| self.ends[p]);
        self.text.get(start..end)
    }

    /// Number of ids.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when there are no ids.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Gives back spare capacity once every id is in.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}
