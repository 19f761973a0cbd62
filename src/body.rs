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

/// Text of one comment: a range of a shared string, in 16 bytes (a
/// `String` takes 24, and a page keeps two per comment: the tree's and the
/// facts').
#[derive(Clone, Default)]
pub struct Body {
    /// `None` for the empty body, so an empty one (an anonymous
    /// comment's own text) allocates nothing.
    text: Option<Arc<String>>,
    start: u32,
    /// `WHOLE` for "to the end of `text`": what a string too long for
    /// 32-bit offsets is given (see [`Body::new`]).
    len: u32,
}

/// `len` of a body that runs to the end of its string.
const WHOLE: u32 = u32::MAX;

impl Body {
    /// `range` of `text`, which must fall on character boundaries.  A
    /// range beyond 32-bit offsets (a page over 4 GiB) gets its own copy.
    pub fn new(text: Arc<String>, range: Range<usize>) -> Self {
        debug_assert!(text.get(range.clone()).is_some());
        match (u32::try_from(range.start), u32::try_from(range.len())) {
            (Ok(start), Ok(len)) if len != WHOLE => Self {
                text: Some(text),
                start,
                len,
            },
            _ => Self::from(text.get(range).unwrap_or_default().to_owned()),
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        let Some(text) = &self.text else {
            return "";
        };
        let start = self.start as usize;
        let end = match self.len {
            WHOLE => text.len(),
            len => start + len as usize,
        };
        text.get(start..end).unwrap_or_default()
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
        Self {
            len: u32::try_from(s.len())
                .ok()
                .filter(|&l| l != WHOLE)
                .unwrap_or(WHOLE),
            text: Some(Arc::new(s)),
            start: 0,
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::Body;

    #[test]
    fn a_body_reads_its_range_of_the_shared_text() {
        let text = Arc::new("one two three".to_owned());
        let b = Body::new(Arc::clone(&text), 4..7);
        assert_eq!(b.as_str(), "two");
        assert_eq!(Body::new(text, 0..0).as_str(), "");
        assert_eq!(Body::default().as_str(), "");
        assert_eq!(Body::from("own").as_str(), "own");
        assert_eq!(Body::from(String::new()), Body::default());
        assert_eq!(std::mem::size_of::<Body>(), 16);
    }
}
