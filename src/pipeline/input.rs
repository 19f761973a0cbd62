//! The inputs of a run: files, and standard input read once up front.
//!
//! Which inputs a command line names (folders walked, `--glob`,
//! `--files-from`) is the binary's business (cmd/inputs.rs); the run only
//! needs them in order, with a size for batching and a way to read each.

use std::path::PathBuf;

use crate::error::Error;

/// One input to read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    /// A file path (it may turn out not to exist; that is reported per input).
    File(PathBuf),
    /// Standard input, named `-`.
    Stdin,
}

/// A run's inputs in the order they are read and reported.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// The inputs, sorted by the caller.
    pub list: Vec<Input>,
    /// Standard input's bytes when `-` is among `list`.
    pub stdin: Vec<u8>,
}

/// `path` as text, each byte that is not UTF-8 written `\xNN`, so that
/// different paths keep different names.
pub fn path_name(path: &std::path::Path) -> String {
    #[cfg(unix)]
    {
        use std::fmt::Write;
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        path.display().to_string()
    }
}

impl Input {
    /// The input as named (`-` for standard input).  A byte of the path
    /// that is not UTF-8 is written `\xNN` (issue 27: `a\xff.txt` and
    /// `a\xfe.txt` both showed as `a�.txt`, so two inputs shared every
    /// `comment_ref`).
    pub fn name(&self) -> String {
        match self {
            Input::File(p) => path_name(p),
            Input::Stdin => "-".to_owned(),
        }
    }

    /// Its size in bytes as the file system says, for batching (0 when
    /// unknown; reading reports the error).
    pub fn size_hint(&self, stdin: &[u8]) -> u64 {
        match self {
            Input::File(p) => std::fs::metadata(p).map_or(0, |m| m.len()),
            Input::Stdin => stdin.len() as u64,
        }
    }

    /// Its bytes.
    pub fn read(&self, stdin: &[u8]) -> Result<Vec<u8>, Error> {
        match self {
            Input::File(p) => std::fs::read(p).map_err(|source| Error::Io {
                path: p.clone(),
                source,
            }),
            Input::Stdin => Ok(stdin.to_vec()),
        }
    }
}
