//! `--dot FILE`: the who-attacks-whom graph as Graphviz DOT, for
//! `dot -Tsvg` and friends (issue 17).  The graph itself is built by
//! tree/attack.rs, the one place petgraph may be used.
//!
//! The file is outside the report folder, so it is not published with the
//! set: it is written atomically (a temporary file renamed over FILE) once
//! the run is complete.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::run::RunSummary;
use crate::pipeline::{CommentRecord, Sink, Tables};
use crate::tree::attack::{attack_dot, Attack};

/// Writes the DOT file.
pub struct DotSink {
    path: PathBuf,
    attacks: Vec<Attack>,
}

impl DotSink {
    /// A sink writing to `path`.
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            attacks: Vec::new(),
        }
    }
}

impl Sink for DotSink {
    fn files(&self) -> Vec<String> {
        Vec::new()
    }

    fn begin(&mut self, _dir: &Path) -> io::Result<()> {
        Ok(())
    }

    fn comments(&mut self, _records: &[CommentRecord]) -> io::Result<()> {
        Ok(())
    }

    fn comment_piece(&mut self, _piece: &Path) -> io::Result<()> {
        Ok(())
    }

    fn people(&mut self, tables: Tables<'_>) -> io::Result<()> {
        self.attacks = tables
            .interactions()
            .filter(|r| r.uncivil_replies > 0)
            .map(|r| Attack {
                from: r.from_author,
                to: r.to_author,
                uncivil: r.uncivil_replies,
                harassment: r.harassment == 1,
            })
            .collect();
        Ok(())
    }

    fn finish(&mut self, _summary: &RunSummary) -> io::Result<()> {
        let dot = attack_dot(std::mem::take(&mut self.attacks));
        let dir = match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let mut tmp = super::publish::plain_tempfile()
            .prefix(".threadwatch-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        tmp.write_all(dot.as_bytes())?;
        tmp.as_file().sync_all()?;
        tmp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }
}
