//! Spill files: where the taunt finder's buckets wait during a run.
//!
//! The per-user stage (analyze/people/buckets.rs) writes named comments to
//! buckets by author and reads them back after the last input; it does no
//! IO itself.  In a run its buckets are unlinked temporary files in the
//! staging folder: the system removes them however the run ends, and
//! caches them while memory is free.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::os::unix::fs::FileExt;
use std::path::Path;

use crate::analyze::people::buckets::{
    BucketStore, BucketWriter, Sealed, BUCKET_INPUT_BYTES, MAX_BUCKETS,
};

/// A run's spill files, one per bucket.
pub struct Spill {
    files: Vec<SpillFile>,
}

impl Spill {
    /// `n` spill files (1 to `MAX_BUCKETS`) in `dir`.
    pub fn in_dir(dir: &Path, n: usize) -> io::Result<Self> {
        let files = (0..n.clamp(1, MAX_BUCKETS))
            .map(|_| {
                Ok(SpillFile(BufWriter::with_capacity(
                    16 << 10,
                    tempfile::tempfile_in(dir)?,
                )))
            })
            .collect::<io::Result<_>>()?;
        Ok(Self { files })
    }

    /// The number of spill files for a run over `bytes` of input: a
    /// bucket holds about two thirds of its inputs' bytes as own words.
    pub fn count_for(bytes: u64) -> usize {
        usize::try_from(bytes.div_ceil(BUCKET_INPUT_BYTES))
            .unwrap_or(MAX_BUCKETS)
            .clamp(1, MAX_BUCKETS)
    }

    /// The buckets, backed by these files.
    pub fn into_buckets(self) -> BucketWriter {
        BucketWriter::new(
            self.files
                .into_iter()
                .map(|f| Box::new(f) as Box<dyn BucketStore>)
                .collect(),
        )
    }
}

/// One bucket's file while it is written.
struct SpillFile(BufWriter<File>);

impl BucketStore for SpillFile {
    fn append(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.0.write_all(bytes)
    }

    fn seal(self: Box<Self>) -> io::Result<Box<dyn Sealed>> {
        let file = self
            .0
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        let len = file.metadata()?.len();
        Ok(Box::new(SealedFile { file, len }))
    }
}

/// One bucket's file, written.
struct SealedFile {
    file: File,
    len: u64,
}

impl Sealed for SealedFile {
    fn bytes(&self) -> io::Result<std::borrow::Cow<'_, [u8]>> {
        let len = usize::try_from(self.len).map_err(io::Error::other)?;
        let mut buf = vec![0; len];
        self.file.read_exact_at(&mut buf, 0)?;
        Ok(buf.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spill_count_follows_input_size_within_bounds() {
        assert_eq!(Spill::count_for(0), 1);
        assert_eq!(Spill::count_for(BUCKET_INPUT_BYTES), 1);
        assert_eq!(Spill::count_for(BUCKET_INPUT_BYTES + 1), 2);
        assert_eq!(Spill::count_for(u64::MAX), MAX_BUCKETS);
    }
}
