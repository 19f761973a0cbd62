//! The run lock: one `analyze` per output folder at a time.
//!
//! An advisory lock (`flock`, via std's `File::try_lock`) on a file beside
//! the output folder (`.<folder>.lock`) or at `--lock FILE`.  The kernel
//! drops it when its holder dies, so a killed run's lock never blocks the
//! next one; the file itself may stay and is harmless.  It sits beside the
//! folder, not in it, because the folder is swapped whole when a run
//! publishes (see report/publish.rs).

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

/// How often a waiting run retries.
const POLL: Duration = Duration::from_millis(100);

/// A held lock; released when dropped (or when the process ends).
#[derive(Debug)]
pub struct RunLock {
    _file: File,
}

/// The default lock file for output folder `out`.
pub fn default_path(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    parent.join(format!(".{name}.lock"))
}

/// Takes the lock at `path`, waiting up to `timeout`.
pub fn acquire(path: &Path, timeout: Duration) -> anyhow::Result<RunLock> {
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .with_context(|| format!("cannot open lock file {}", path.display()))?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(RunLock { _file: file }),
            Err(TryLockError::WouldBlock) if start.elapsed() < timeout => std::thread::sleep(POLL),
            Err(TryLockError::WouldBlock) => bail!(
                "another threadwatch run holds the lock {} (waited {:.1} s); \
                 try again later or raise --lock-timeout",
                path.display(),
                timeout.as_secs_f64()
            ),
            Err(TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("cannot lock {}", path.display()))
            }
        }
    }
}
