//! The `--incremental` state file: what the last run learnt from each
//! input, so an unchanged input (same path, same SHA-256) is not read
//! again while every per-user and per-pair figure still covers all inputs.
//!
//! Per input it keeps the comment records (typed, so the report format is
//! not part of the state: issue 13) and the facts of its threads
//! (analyze/facts.rs), which is everything the reports are built from;
//! the people stage always runs over the facts of every input, cached or
//! fresh, so an incremental run writes byte-identical reports to a full
//! run over the same inputs.  The state holds exactly the inputs of the
//! last run: an input that is no longer named drops out of the figures.
//!
//! Layout: the 8-byte magic `TWSTATE\0`, the format version (u32, little
//! endian), a postcard body, and the SHA-256 of the body, so a truncated
//! or damaged file is told from a valid one.  Cached analyses are only
//! reused when the state's fingerprint (tool version, lexicon, model, the
//! uncivil threshold and the input format) matches the run's; otherwise
//! every input is analysed again.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::analyze::facts::ThreadFacts;
use crate::parse::Warning;
use crate::pipeline::CommentRecord;

/// Version of the file layout; bump on any change to the stored types
/// (4: comments gained external_id, created and status, facts created and
/// orphans; issue 16; 5: comments and facts gained author ids, issue 31;
/// 6: comments gained language, issue 25).
pub const STATE_FORMAT: u32 = 6;

const MAGIC: &[u8; 8] = b"TWSTATE\0";

/// The whole state.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// Settings the cached analyses were made with.
    pub fingerprint: String,
    /// One entry per input that parsed, in run order.
    pub entries: Vec<Entry>,
}

/// What one input gave.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The input as named.
    pub path: String,
    /// Hex SHA-256 of its bytes.
    pub sha256: String,
    /// Its size.
    pub bytes: u64,
    /// Reader warnings (printed again on reuse, so an incremental run's
    /// stderr matches a full run's).
    pub warnings: Vec<Warning>,
    /// Its comments, in input order.
    pub records: Vec<CommentRecord>,
    /// Comments (records) it holds.
    pub comments: usize,
    /// Uncivil comments among them.
    pub uncivil: usize,
    /// The facts of its threads for the people stage, in input order.
    pub facts: Vec<ThreadFacts>,
}

/// Why a state file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// The file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The state file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Not a threadwatch state file.
    #[error(
        "{}: not a threadwatch state file; point --incremental at another \
         path, or delete this file to rebuild the state with a full run",
        path.display()
    )]
    Foreign {
        /// The state file.
        path: PathBuf,
    },
    /// Written by another state format.
    #[error(
        "{}: state format {found}, this threadwatch reads format {STATE_FORMAT}; \
         delete the file to rebuild the state with a full run",
        path.display()
    )]
    Version {
        /// The state file.
        path: PathBuf,
        /// The version found.
        found: u32,
    },
    /// Damaged: truncated, or its checksum or body does not add up.
    #[error(
        "{}: corrupt state file ({why}); delete it to rebuild the state with a full run",
        path.display()
    )]
    Corrupt {
        /// The state file.
        path: PathBuf,
        /// What is wrong.
        why: String,
    },
}

impl StateError {
    /// Why the file cannot be used, without the path or the fix.
    pub fn reason(&self) -> String {
        match self {
            StateError::Io { source, .. } => source.to_string(),
            StateError::Foreign { .. } => "not a threadwatch state file".to_owned(),
            StateError::Version { found, .. } => {
                format!("state format {found}, this threadwatch reads format {STATE_FORMAT}")
            }
            StateError::Corrupt { why, .. } => format!("corrupt state file ({why})"),
        }
    }
}

impl State {
    /// Reads the state at `path`; `None` when there is no file yet (the
    /// first run).
    pub fn load(path: &Path) -> Result<Option<State>, StateError> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(StateError::Io {
                    path: path.to_owned(),
                    source,
                })
            }
        };
        Self::decode(path, &bytes).map(Some)
    }

    /// Decodes a state file's bytes; `path` only names it in errors.
    pub fn decode(path: &Path, bytes: &[u8]) -> Result<State, StateError> {
        let corrupt = |why: &str| StateError::Corrupt {
            path: path.to_owned(),
            why: why.to_owned(),
        };
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(StateError::Foreign {
                path: path.to_owned(),
            });
        }
        let rest = &bytes[MAGIC.len()..];
        let Some((version, rest)) = rest.split_first_chunk::<4>() else {
            return Err(corrupt("truncated header"));
        };
        let found = u32::from_le_bytes(*version);
        if found != STATE_FORMAT {
            return Err(StateError::Version {
                path: path.to_owned(),
                found,
            });
        }
        let Some((body, sum)) = rest.split_last_chunk::<32>() else {
            return Err(corrupt("truncated"));
        };
        if Sha256::digest(body).as_slice() != sum {
            return Err(corrupt("checksum mismatch"));
        }
        postcard::from_bytes(body).map_err(|e| corrupt(&e.to_string()))
    }

    /// The file's bytes.
    pub fn encode(&self) -> Vec<u8> {
        // Serialising owned plain data into a Vec cannot fail.
        let body = postcard::to_stdvec(self).unwrap_or_default();
        let mut out = Vec::with_capacity(body.len() + 44);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&STATE_FORMAT.to_le_bytes());
        out.extend_from_slice(&body);
        out.extend_from_slice(&Sha256::digest(&body));
        out
    }

    /// Writes the state to `path` atomically (temporary file in the same
    /// folder, synced, renamed), so a killed run leaves the old state.
    pub fn save(&self, path: &Path) -> Result<(), StateError> {
        let io = |source| StateError::Io {
            path: path.to_owned(),
            source,
        };
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let mut tmp = crate::report::publish::plain_tempfile()
            .prefix(".threadwatch-state-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(io)?;
        tmp.write_all(&self.encode()).map_err(io)?;
        tmp.as_file().sync_all().map_err(io)?;
        tmp.persist(path).map_err(|e| io(e.error))?;
        Ok(())
    }

    /// Reads the state at `path` like [`State::load`], but a file that is
    /// damaged, foreign or of another format is renamed aside (to
    /// [`set_aside_path`]) instead of failing every run until someone
    /// deletes it (issue 18); the caller warns and rebuilds the state.
    /// Only a file that cannot be read or renamed is an error.
    pub fn load_or_set_aside(path: &Path) -> Result<Loaded, StateError> {
        match Self::load(path) {
            Ok(Some(state)) => Ok(Loaded::Found(state)),
            Ok(None) => Ok(Loaded::Missing),
            Err(e @ StateError::Io { .. }) => Err(e),
            Err(why) => {
                let to = set_aside_path(path);
                std::fs::rename(path, &to).map_err(|source| StateError::Io {
                    path: path.to_owned(),
                    source,
                })?;
                Ok(Loaded::SetAside { to, why })
            }
        }
    }

    /// The entry for `path` with content `sha256`, if cached.
    pub fn take(&mut self, path: &str, sha256: &str) -> Option<Entry> {
        let i = self
            .entries
            .iter()
            .position(|e| e.path == path && e.sha256 == sha256)?;
        Some(self.entries.swap_remove(i))
    }
}

/// What [`State::load_or_set_aside`] found.
#[derive(Debug)]
pub enum Loaded {
    /// No state yet.
    Missing,
    /// A state that reads.
    Found(State),
    /// A state that did not read, now at `to`.
    SetAside {
        /// Where the file went.
        to: PathBuf,
        /// Why it could not be read.
        why: StateError,
    },
}

/// Where an unreadable state file at `path` is moved: `path` plus
/// `.set-aside` (an older one there is replaced, so they never pile up).
pub fn set_aside_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".set-aside");
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> State {
        State {
            fingerprint: "v1".into(),
            entries: vec![Entry {
                path: "a.txt".into(),
                sha256: "00".into(),
                bytes: 3,
                warnings: vec![Warning {
                    line: 2,
                    column: 1,
                    message: "kept".into(),
                }],
                records: vec![CommentRecord::default()],
                comments: 1,
                uncivil: 0,
                facts: vec![ThreadFacts::default()],
            }],
        }
    }

    #[test]
    fn round_trips() {
        let s = sample();
        assert_eq!(State::decode(Path::new("s"), &s.encode()).unwrap(), s);
    }

    #[test]
    fn tells_foreign_old_and_damaged_files_apart() {
        let p = Path::new("s");
        let good = sample().encode();
        assert!(matches!(
            State::decode(p, b"{\"json\": true}"),
            Err(StateError::Foreign { .. })
        ));
        let mut old = good.clone();
        old[8..12].copy_from_slice(&0u32.to_le_bytes());
        assert!(matches!(
            State::decode(p, &old),
            Err(StateError::Version { found: 0, .. })
        ));
        let mut flipped = good.clone();
        flipped[20] ^= 1;
        assert!(matches!(
            State::decode(p, &flipped),
            Err(StateError::Corrupt { .. })
        ));
        for cut in [9, 20, good.len() - 1] {
            assert!(matches!(
                State::decode(p, &good[..cut]),
                Err(StateError::Corrupt { .. })
            ));
        }
        let e = State::decode(p, &flipped).unwrap_err().to_string();
        assert!(e.contains("delete it to rebuild"), "{e}");
    }
}
