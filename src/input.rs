//! Reading inputs from disk: the only library module that does file IO
//! for pages, so parsing stays pure and testable on strings.

use std::path::Path;

use crate::error::Error;
use crate::parse;
use crate::thread::Thread;

/// Reads and parses one page.  The thread's `source` is the path as given.
pub fn read_thread(path: &Path) -> Result<Thread, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    let name = path.display().to_string();
    let page = parse::parse_bytes(&name, &bytes)?;
    Ok(Thread::from_page(name, page))
}
