//! `serve --decisions`: the decisions file, appended one line at a time
//! and synced before the client is answered (issue 28).

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Context;
use threadwatch::perspective::decision::torn_tail;

/// The open decisions file.
pub struct DecisionFile {
    path: PathBuf,
    file: Mutex<File>,
}

impl DecisionFile {
    /// Opens `path` for appending (creating it).  A torn last line, left
    /// by a crash in the middle of a write, was never acknowledged: it is
    /// cut off, so the next line starts on a line of its own.
    pub fn open(path: &Path) -> anyhow::Result<DecisionFile> {
        let what = || format!("cannot open decisions file {}", path.display());
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .read(true)
            .open(path)
            .with_context(what)?;
        let bytes = std::fs::read(path).with_context(what)?;
        if let Some(at) = torn_tail(&bytes) {
            tracing::warn!(
                file = %path.display(),
                bytes = bytes.len() - at,
                "cut off a torn last line (a write cut by a crash; it was never acknowledged)"
            );
            file.set_len(at as u64).with_context(what)?;
            file.sync_all().with_context(what)?;
        }
        Ok(DecisionFile {
            path: path.to_owned(),
            file: Mutex::new(file),
        })
    }

    /// Appends `line` (ending in a line feed) and syncs it to disk.
    pub fn append(&self, line: &[u8]) -> anyhow::Result<()> {
        let mut f = self.file.lock().unwrap_or_else(|e| e.into_inner());
        let before = f.metadata().map(|m| m.len());
        let res = f
            .write_all(line)
            .and_then(|()| f.flush())
            .and_then(|()| f.sync_data());
        if res.is_err() {
            // A part written (a full disk) would tear the next line: cut
            // it off, best effort; the client gets an error either way.
            if let Ok(len) = before {
                let _ = f.set_len(len);
            }
        }
        res.with_context(|| format!("cannot append to {}", self.path.display()))
    }
}
