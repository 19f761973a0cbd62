//! `Body`: a comment's text as a range of text shared by its whole page.
//!
//! A huge page's bodies are written into the page's own buffer by the
//! parser (`parse::parse_owned`), and every comment, and later its facts,
//! points into that one string instead of owning a copy: a 1 GB page is
//! held once (issue 6).  A `Body` reads as a `&str` everywhere.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Text of one comment: a range of a shared string.
#[derive(Clone, Default)]
pub struct Body {
    /// `None` for the empty body, so an empty one (an anonymous
    /// comment's own text) allocates nothing.
    text: Option<Arc<String>>,
    range: Range<usize>,
}

impl Body {
    /// `range` of `text`, which must fall on character boundaries.
    pub fn new(text: Arc<String>, range: Range<usize>) -> Self {
        debug_assert!(text.get(range.clone()).is_some());
        Self {
            text: Some(text),
            range,
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        self.text
            .as_ref()
            .and_then(|t| t.get(self.range.clone()))
            .unwrap_or_default()
    }
}

impl Deref for Body {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Body {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for Body {
    fn from(s: String) -> Self {
        if s.is_empty() {
            return Self::default();
        }
        let range = 0..s.len();
        Self {
            text: Some(Arc::new(s)),
            range,
        }
    }
}

impl From<&str> for Body {
    fn from(s: &str) -> Self {
        Self::from(s.to_owned())
    }
}

impl PartialEq for Body {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Body {}

impl PartialEq<str> for Body {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Body {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Body {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Body {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Body::from)
    }
}
