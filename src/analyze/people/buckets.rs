//! A run's named comments, bucketed by author, waiting for the taunt
//! finder (issue 6).
//!
//! Repeated taunts depend on the whole run, so the taunt finder reads
//! every named comment's own words after the last input, three times.
//! Holding them, or even a record per comment, made a run's memory grow
//! with the corpus.  Instead each comment is written, as its input is
//! counted, to one of several buckets chosen by its author; a bucket holds
//! whole authors, so the finder loads one bucket at a time, and memory is
//! bounded by the biggest bucket plus per-author state.  Where a bucket's
//! bytes live is a [`BucketStore`]: in a run, a spill file the pipeline
//! owns (pipeline/spill.rs), so this module does no IO; the library's
//! `people()` keeps one bucket in memory.

use std::borrow::Cow;
use std::io;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::analyze::taunts::{CommentView, TauntInput, TauntParts};

/// The most buckets a run writes at once (each holds an open file and a
/// write buffer).
pub const MAX_BUCKETS: usize = 256;

/// Input bytes per bucket that `for_input_bytes` aims at: a bucket holds
/// about two thirds of its pages' bytes as own words.
pub const BUCKET_INPUT_BYTES: u64 = 8 << 20;

/// One named comment as the taunt finder reads it.  Strings borrow from
/// the bucket's bytes when read back.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Record<'a> {
    /// Position of the comment in the run.
    pub key: u64,
    /// Index of its thread in the run.
    pub thread: u32,
    /// Its dotted id in the thread.
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    /// The author's run-wide number (see `Counts`).
    pub author: u32,
    /// Uncivil or aimed at someone.
    pub aimed: bool,
    /// Whom it is aimed at, for the `targets` column.
    #[serde(borrow)]
    pub target: Option<Cow<'a, str>>,
    /// Name-calling words of the own text: byte range and term.
    pub epithets: Cow<'a, [(Range<usize>, String)]>,
    /// Every flagged word of the own text.
    pub flagged: Cow<'a, [Range<usize>]>,
    /// The author's own words.
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    /// When it was posted (UTC seconds), for taunts.csv's first_seen and
    /// last_seen (issue 16).
    pub created: Option<i64>,
}

/// Where one bucket's bytes are kept while it is written.
pub trait BucketStore: Send {
    /// Appends encoded records.
    fn append(&mut self, bytes: &[u8]) -> io::Result<()>;
    /// Ends writing.
    fn seal(self: Box<Self>) -> io::Result<Box<dyn Sealed>>;
}

/// One bucket, written, to be read back.
pub trait Sealed: Send + Sync {
    /// Every byte written.
    fn bytes(&self) -> io::Result<Cow<'_, [u8]>>;
}

/// A bucket in memory.
#[derive(Default)]
struct InMemory(Vec<u8>);

impl BucketStore for InMemory {
    fn append(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.0.extend_from_slice(bytes);
        Ok(())
    }

    fn seal(self: Box<Self>) -> io::Result<Box<dyn Sealed>> {
        Ok(self)
    }
}

impl Sealed for InMemory {
    fn bytes(&self) -> io::Result<Cow<'_, [u8]>> {
        Ok(Cow::Borrowed(&self.0))
    }
}

/// Where buckets are written.
pub struct BucketWriter {
    buckets: Vec<Box<dyn BucketStore>>,
}

impl BucketWriter {
    /// One bucket in memory.
    pub fn in_memory() -> Self {
        Self::new(vec![Box::new(InMemory::default())])
    }

    /// Buckets kept in `stores` (at least one).
    pub fn new(mut stores: Vec<Box<dyn BucketStore>>) -> Self {
        if stores.is_empty() {
            stores.push(Box::new(InMemory::default()));
        }
        Self { buckets: stores }
    }

    /// Number of buckets.
    pub fn len(&self) -> usize {
        self.buckets.len()
    }

    /// Always false: there is at least one bucket.
    pub fn is_empty(&self) -> bool {
        self.buckets.is_empty()
    }

    /// Appends records `encode` made to bucket `i`.
    pub fn append(&mut self, i: usize, bytes: &[u8]) -> io::Result<()> {
        match self.buckets.get_mut(i) {
            Some(b) => b.append(bytes),
            None => Err(io::Error::other("no such bucket")),
        }
    }

    /// Ends writing; the buckets can be read back.
    pub fn finish(self) -> io::Result<Buckets> {
        let buckets = self
            .buckets
            .into_iter()
            .map(BucketStore::seal)
            .collect::<io::Result<_>>()?;
        Ok(Buckets { buckets })
    }
}

/// The bucket, of `buckets`, that holds an author's comments.
pub fn bucket_of(author: u32, buckets: usize) -> usize {
    author as usize % buckets.max(1)
}

/// Appends `r` to `out` as a bucket stores it: its length in 4 bytes,
/// then its postcard bytes.
pub fn encode(r: &Record<'_>, out: &mut Vec<u8>) -> io::Result<()> {
    let start = out.len();
    out.extend_from_slice(&[0; 4]);
    let mut body = std::mem::take(out);
    body = postcard::to_extend(r, body).map_err(io::Error::other)?;
    *out = body;
    let len = u32::try_from(out.len() - start - 4).map_err(io::Error::other)?;
    out[start..start + 4].copy_from_slice(&len.to_le_bytes());
    Ok(())
}

/// Buckets written, to be read back.
pub struct Buckets {
    buckets: Vec<Box<dyn Sealed>>,
}

impl Buckets {
    /// The bytes of bucket `i`.
    fn bytes(&self, i: usize) -> io::Result<Cow<'_, [u8]>> {
        self.buckets[i].bytes()
    }

    /// The records of bucket `i`, in the order written (run order).
    fn records(bytes: &[u8]) -> io::Result<Vec<Record<'_>>> {
        let mut out = Vec::new();
        let mut rest = bytes;
        while !rest.is_empty() {
            let (len, tail) = rest
                .split_first_chunk::<4>()
                .ok_or_else(|| io::Error::other("bucket ends inside a record length"))?;
            let len = u32::from_le_bytes(*len) as usize;
            if tail.len() < len {
                return Err(io::Error::other("bucket ends inside a record"));
            }
            let (record, tail) = tail.split_at(len);
            out.push(postcard::from_bytes(record).map_err(io::Error::other)?);
            rest = tail;
        }
        Ok(out)
    }
}

/// The buckets as the taunt finder's parts, authors named by `names`.
pub struct Parts<'b> {
    /// The buckets.
    pub buckets: &'b Buckets,
    /// Authors' names by run-wide number.
    pub names: &'b [String],
}

impl TauntParts for Parts<'_> {
    fn parts(&self) -> usize {
        self.buckets.buckets.len()
    }

    fn with_part(&self, i: usize, f: &mut dyn FnMut(&dyn TauntInput)) -> io::Result<()> {
        let bytes = self.buckets.bytes(i)?;
        let records = Buckets::records(&bytes)?;
        f(&Loaded {
            records: &records,
            names: self.names,
        });
        Ok(())
    }
}

/// One loaded bucket.
struct Loaded<'r, 'a> {
    records: &'r [Record<'a>],
    names: &'r [String],
}

impl TauntInput for Loaded<'_, '_> {
    fn len(&self) -> usize {
        self.records.len()
    }

    fn get(&self, i: usize) -> CommentView<'_> {
        let r = &self.records[i];
        CommentView {
            key: usize::try_from(r.key).unwrap_or(usize::MAX),
            author: self.names.get(r.author as usize).map_or("", String::as_str),
            aimed: r.aimed,
            target: r.target.as_deref(),
            epithets: &r.epithets,
            flagged: &r.flagged,
        }
    }

    fn own_text(&self, i: usize) -> Cow<'_, str> {
        Cow::Borrowed(&self.records[i].text)
    }

    fn author_number(&self, i: usize) -> u32 {
        self.records[i].author
    }

    fn place(&self, i: usize) -> Option<(u32, &str)> {
        let r = &self.records[i];
        Some((r.thread, &r.id))
    }

    fn created(&self, i: usize) -> Option<crate::time::Timestamp> {
        self.records[i].created.map(crate::time::Timestamp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_bucket_is_an_error_not_a_panic() {
        let mut w = BucketWriter::in_memory();
        let r = Record {
            key: 3,
            thread: 1,
            id: Cow::Borrowed("2.1"),
            author: 0,
            aimed: true,
            target: Some(Cow::Borrowed("Ann")),
            epithets: Cow::Owned(vec![(0..5, "idiot".to_owned())]),
            flagged: Cow::Owned(vec![0..5, 12..15]),
            text: Cow::Borrowed("idiot, you are"),
            created: Some(1_741_011_240),
        };
        let mut bytes = Vec::new();
        encode(&r, &mut bytes).unwrap();
        w.append(bucket_of(r.author, w.len()), &bytes).unwrap();
        let b = w.finish().unwrap();
        let bytes = b.bytes(0).unwrap().into_owned();
        let back = Buckets::records(&bytes).unwrap();
        assert_eq!(back.len(), 1);
        assert_eq!((back[0].key, back[0].id.as_ref()), (3, "2.1"));
        assert_eq!(back[0].text, "idiot, you are");
        for cut in [1, 4, 6, bytes.len() - 1] {
            assert!(Buckets::records(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }
}
