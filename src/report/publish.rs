//! Publishing a run's reports as one set: a cron job or a spreadsheet
//! never sees half a file, nor files from two different runs.
//!
//! Reports are written into a hidden staging folder beside the output
//! folder (same file system), synced, and then the staging folder and the
//! output folder trade places in one atomic `renameat2(RENAME_EXCHANGE)`;
//! the old set is then removed.  Before the exchange, entries of the output
//! folder that are not reports (a moderator's notes) are hard-linked into
//! the staging folder, so they survive.  A run killed at any moment leaves
//! the old complete set or the new one, plus at worst a stale staging
//! folder, which the next run removes (under the run lock).
//!
//! Where the exchange is unavailable (not Linux, or a file system without
//! it) each file is still replaced atomically, but not the set.

use std::io;
use std::path::{Path, PathBuf};

/// A temporary-file builder whose files get the permissions a plain
/// `File::create` gives (0666 less the umask, applied by the kernel at
/// creation) instead of tempfile's private 0600, so every report of a set
/// has the same mode and whoever the umask allows can read it.
pub fn plain_tempfile<'a, 'b>() -> tempfile::Builder<'a, 'b> {
    let mut b = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o666));
    }
    b
}

/// Prefix of staging folders, after `.<output folder name>`.
const STAGING_TAG: &str = ".threadwatch-staging-";

/// A staging folder for one output folder.
#[derive(Debug)]
pub struct Staging {
    dir: tempfile::TempDir,
    out: PathBuf,
}

impl Staging {
    /// Creates the staging folder beside `out` (whose parent must exist).
    pub fn new(out: &Path) -> io::Result<Self> {
        let parent = parent_of(out);
        let prefix = format!(".{}{STAGING_TAG}", name_of(out));
        let dir = tempfile::Builder::new()
            .prefix(&prefix)
            .tempdir_in(parent)?;
        Ok(Self {
            dir,
            out: out.to_owned(),
        })
    }

    /// Where to write the report named `name`.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Makes the staged set the output folder's content.  `ours` names the
    /// files a run writes; other entries of the output folder are kept.
    pub fn publish(self, ours: &[&str]) -> io::Result<()> {
        for name in ours {
            let p = self.path(name);
            if p.exists() {
                std::fs::File::open(&p)?.sync_all()?;
            }
        }
        let staged = self.dir.keep();
        if !self.out.exists() {
            std::fs::rename(&staged, &self.out)?;
            return sync_dir(parent_of(&self.out));
        }
        for entry in std::fs::read_dir(&self.out)? {
            let entry = entry?;
            let name = entry.file_name();
            if ours.iter().any(|o| name == *o) || staged.join(&name).exists() {
                continue;
            }
            // Hard links keep a moderator's files without copying them;
            // folders are kept by a rename back after the exchange instead.
            if entry.file_type()?.is_file() {
                std::fs::hard_link(entry.path(), staged.join(&name))?;
            }
        }
        match exchange(&staged, &self.out) {
            Ok(()) => {
                // `staged` now holds the old set (and any kept folders).
                for entry in std::fs::read_dir(&staged)? {
                    let entry = entry?;
                    if entry.file_type()?.is_dir() {
                        std::fs::rename(entry.path(), self.out.join(entry.file_name()))?;
                    }
                }
                sync_dir(parent_of(&self.out))?;
                std::fs::remove_dir_all(&staged)
            }
            Err(_) => {
                for name in ours {
                    let p = staged.join(name);
                    if p.exists() {
                        std::fs::rename(&p, self.out.join(name))?;
                    }
                }
                sync_dir(&self.out)?;
                std::fs::remove_dir_all(&staged)
            }
        }
    }
}

/// Removes staging folders that a killed run left beside `out`.  Call it
/// only while holding the run lock, so no live run's folder goes.
pub fn remove_stale_staging(out: &Path) -> io::Result<usize> {
    let prefix = format!(".{}{STAGING_TAG}", name_of(out));
    let mut removed = 0;
    for entry in std::fs::read_dir(parent_of(out))? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with(&prefix) && entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "no atomic exchange here",
    ))
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    // Directory fsync makes the renames durable; some platforms refuse to
    // open folders, which is no reason to fail a finished run.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn parent_of(p: &Path) -> &Path {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

fn name_of(p: &Path) -> String {
    p.file_name()
        .map_or_else(|| "out".to_owned(), |n| n.to_string_lossy().into_owned())
}
