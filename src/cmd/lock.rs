//! The run lock: one `analyze` per output folder at a time, and an output
//! folder that is only ever created, never replaced.
//!
//! The lock is an advisory lock (`flock`, via std's `File::try_lock`) on
//! `.threadwatch.lock` inside the output folder (issue 18): it needs no
//! writable parent, it is the same lock whatever `--lock` two runs name,
//! and it is taken before anything else is written there.  `--lock FILE`
//! is an extra lock taken first (e.g. one for every run on a machine).
//! The kernel drops a lock when its holder dies, so a killed run never
//! blocks the next one.
//!
//! A run removes its lock file when it ends, so none piles up.  Unlinking
//! a lock file others may be waiting on is safe only because a run that
//! gets the lock checks that the file it locked is still the one at the
//! path; if not, it locked a removed file and tries again.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

/// The lock file's name inside the output folder.
pub const LOCK_NAME: &str = ".threadwatch.lock";

/// How often a waiting run retries.
const POLL: Duration = Duration::from_millis(100);

/// The output folder, held: created if it was missing, locked.  Dropping
/// it removes the lock file and, when the run created the folder and left
/// it empty (nothing was published), the folder too, so a run that wrote
/// nothing leaves no trace.
#[derive(Debug)]
pub struct Claim {
    out: PathBuf,
    created: bool,
    _extra: Option<File>,
    file: Option<File>,
}

/// Creates `out` if missing (its parent must exist: a typo in a path is
/// an error, not a tree of new folders), takes `extra` (the `--lock` file)
/// if given, then the folder's own lock, each waiting up to `timeout`.
pub fn claim(out: &Path, extra: Option<&Path>, timeout: Duration) -> anyhow::Result<Claim> {
    let deadline = Instant::now() + timeout;
    let mut created = make_folder(out)?;
    let extra = match extra {
        Some(p) => Some(lock_at(p, deadline, timeout, || Ok(()))?),
        None => None,
    };
    let path = out.join(LOCK_NAME);
    // A run that ends removes its folder when it created it and published
    // nothing; make it again before locking inside it.
    let file = lock_at(&path, deadline, timeout, || {
        created |= make_folder(out)?;
        Ok(())
    })?;
    Ok(Claim {
        out: out.to_owned(),
        created,
        _extra: extra,
        file: Some(file),
    })
}

impl Drop for Claim {
    fn drop(&mut self) {
        // Unlink while still holding the lock (see the header), then
        // release it by closing the file.
        let _ = std::fs::remove_file(self.out.join(LOCK_NAME));
        drop(self.file.take());
        if self.created {
            // Fails, as it should, unless the folder is empty.
            let _ = std::fs::remove_dir(&self.out);
        }
    }
}

/// Makes `out` when missing; true when this call made it.
fn make_folder(out: &Path) -> anyhow::Result<bool> {
    if out.is_dir() {
        return Ok(false);
    }
    if std::fs::symlink_metadata(out).is_ok() {
        match std::fs::read_link(out) {
            Ok(target) => bail!(
                "--out {}: a symlink to {}, which is not a folder; create the folder or fix the link",
                out.display(),
                target.display()
            ),
            Err(_) => bail!(
                "--out {}: expected a folder, found a file in the way",
                out.display()
            ),
        }
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if parent.exists() && !parent.is_dir() {
        bail!(
            "--out {}: {} is a file, not a folder",
            out.display(),
            parent.display()
        );
    }
    if !parent.is_dir() {
        bail!(
            "--out {}: the parent folder {} does not exist; create it first \
             (only the last part of --out is created)",
            out.display(),
            parent.display()
        );
    }
    match std::fs::create_dir(out) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && out.is_dir() => Ok(false),
        Err(e) => Err(e).with_context(|| format!("cannot create output folder {}", out.display())),
    }
}

/// Locks the file at `path`, creating it, until `deadline`; `before`
/// runs before each attempt to open it.
fn lock_at(
    path: &Path,
    deadline: Instant,
    timeout: Duration,
    mut before: impl FnMut() -> anyhow::Result<()>,
) -> anyhow::Result<File> {
    loop {
        before()?;
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .with_context(|| format!("cannot open lock file {}", path.display()))?;
        let locked = loop {
            match file.try_lock() {
                Ok(()) => break true,
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(POLL)
                }
                Err(TryLockError::WouldBlock) => break false,
                Err(TryLockError::Error(e)) => {
                    return Err(e).with_context(|| format!("cannot lock {}", path.display()))
                }
            }
        };
        if !locked {
            bail!(
                "another threadwatch run holds the lock {} (waited {:.1} s); \
                 try again later or raise --lock-timeout",
                path.display(),
                timeout.as_secs_f64()
            );
        }
        if same_file(&file, path) {
            return Ok(file);
        }
        // The holder removed the file we waited on: lock the new one.
    }
}

/// Whether `file` is still the file at `path`.
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, path: &Path) -> bool {
    path.exists()
}
