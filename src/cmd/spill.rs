//! The run's own texts, spilled to a file: what lets the per-user stage
//! run without holding the corpus (issue 6).
//!
//! The taunt finder reads every named comment's own words three times,
//! and only after the last input is analysed, because what counts as a
//! repeated phrase depends on the whole run.  Hashes of its shingles
//! would not be smaller than the words themselves (eight bytes a word
//! against about six), so the words go to an unlinked temporary file
//! beside the reports as each input's facts arrive, and the facts keep
//! none.  The operating system caches the file while memory is free and
//! drops it when it is not; process memory is bounded by the facts and
//! per-user state.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::sync::Mutex;

use threadwatch::analyze::facts::ThreadFacts;
use threadwatch::analyze::people::OwnTexts;
use threadwatch::Body;

/// Writes own texts in run order.
pub struct SpillWriter {
    file: BufWriter<File>,
    ends: Vec<u64>,
    written: u64,
}

impl SpillWriter {
    /// An unlinked temporary file in `dir`: removed by the system however
    /// the run ends.
    pub fn new(dir: &Path) -> io::Result<Self> {
        Ok(Self {
            file: BufWriter::with_capacity(1 << 20, tempfile::tempfile_in(dir)?),
            ends: Vec::new(),
            written: 0,
        })
    }

    /// Moves the own text of every named comment of `t` into the file,
    /// in thread order: the order in which the per-user stage numbers
    /// named comments.
    pub fn take_texts(&mut self, t: &mut ThreadFacts) -> io::Result<()> {
        for i in 0..t.comments.len() {
            let named = t.name(t.comments[i].author).is_some();
            let c = &mut t.comments[i];
            if named {
                let text = std::mem::take(&mut c.own_text);
                self.file.write_all(text.as_bytes())?;
                self.written += text.len() as u64;
                self.ends.push(self.written);
            } else {
                c.own_text = Body::default();
            }
        }
        Ok(())
    }

    /// The texts, ready to be read back.
    pub fn finish(self) -> io::Result<SpilledTexts> {
        let file = self.file.into_inner().map_err(|e| e.into_error())?;
        Ok(SpilledTexts {
            file,
            ends: self.ends,
            error: Mutex::new(None),
        })
    }
}

/// Own texts read back from the file by position.
pub struct SpilledTexts {
    file: File,
    ends: Vec<u64>,
    /// The first read that failed: the finder cannot stop on one, so the
    /// run checks this afterwards.
    error: Mutex<Option<io::Error>>,
}

impl SpilledTexts {
    /// The first read error, if any.
    pub fn take_error(&self) -> Option<io::Error> {
        self.error.lock().ok()?.take()
    }

    fn read(&self, i: usize) -> io::Result<String> {
        let start = self.start(i);
        let end = self.ends.get(i).copied().unwrap_or(start);
        let len = usize::try_from(end - start).map_err(io::Error::other)?;
        let mut buf = vec![0u8; len];
        read_exact_at(&self.file, &mut buf, start)?;
        String::from_utf8(buf).map_err(io::Error::other)
    }
}

impl SpilledTexts {
    /// Byte offset where text `i` starts.
    fn start(&self, i: usize) -> u64 {
        i.checked_sub(1).map_or(0, |p| self.ends[p])
    }

    fn keep_error(&self, e: io::Error) {
        if let Ok(mut first) = self.error.lock() {
            first.get_or_insert(e);
        }
    }
}

impl OwnTexts for SpilledTexts {
    fn own_text(&self, i: usize) -> Cow<'_, str> {
        match self.read(i) {
            Ok(s) => Cow::Owned(s),
            Err(e) => {
                self.keep_error(e);
                Cow::Borrowed("")
            }
        }
    }

    /// One read for the whole run of texts: the idiom pass walks every
    /// text in order, and a read per text cost as much as tokenising it.
    fn for_each_text(&self, range: std::ops::Range<usize>, f: &mut dyn FnMut(usize, &str)) {
        if range.is_empty() {
            return;
        }
        let base = self.start(range.start);
        let end = self.ends.get(range.end - 1).copied().unwrap_or(base);
        let mut buf = vec![0u8; usize::try_from(end - base).unwrap_or(0)];
        if let Err(e) = read_exact_at(&self.file, &mut buf, base) {
            self.keep_error(e);
            return;
        }
        for i in range {
            let (start, end) = (self.start(i) - base, self.ends[i] - base);
            match std::str::from_utf8(&buf[start as usize..end as usize]) {
                Ok(text) => f(i, text),
                Err(e) => self.keep_error(io::Error::other(e)),
            }
        }
    }
}

#[cfg(unix)]
fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        match file.seek_read(buf, offset)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use threadwatch::analyze::facts::{CommentFact, ThreadFacts};
    use threadwatch::analyze::people::OwnTexts;

    use super::SpillWriter;

    #[test]
    fn r6_spilled_texts_read_back_in_run_order_and_leave_the_facts() {
        let dir = tempfile::tempdir().unwrap();
        let author = |n: u32| std::num::NonZeroU32::new(n);
        let fact = |a: Option<u32>, text: &str| CommentFact {
            author: a.and_then(author),
            own_text: text.into(),
            ..CommentFact::default()
        };
        let mut threads = [
            ThreadFacts {
                authors: vec!["Ann".into()],
                comments: vec![fact(Some(1), "first"), fact(None, ""), fact(Some(1), "")],
                ..ThreadFacts::default()
            },
            ThreadFacts {
                authors: vec!["Bob".into()],
                comments: vec![fact(Some(1), "naïve “quote” – dash")],
                ..ThreadFacts::default()
            },
        ];
        let mut w = SpillWriter::new(dir.path()).unwrap();
        for t in &mut threads {
            w.take_texts(t).unwrap();
        }
        let texts = w.finish().unwrap();
        let read: Vec<String> = (0..3).map(|i| texts.own_text(i).into_owned()).collect();
        assert_eq!(read, ["first", "", "naïve “quote” – dash"]);
        let mut run = Vec::new();
        texts.for_each_text(1..3, &mut |i, t| run.push((i, t.to_owned())));
        assert_eq!(
            run,
            [(1, String::new()), (2, "naïve “quote” – dash".into())]
        );
        assert!(texts.take_error().is_none());
        assert!(threads
            .iter()
            .flat_map(|t| &t.comments)
            .all(|c| c.own_text.is_empty()));
        // The file is unlinked: nothing is left beside the reports.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
