//! Publishing a run's reports as one set: a cron job or a spreadsheet
//! never sees half a file, and a killed run never leaves a mixed set
//! behind for long.
//!
//! The output folder itself is never replaced (issue 18): it keeps its
//! inode, mode, owner and group, it may be a mount point (a Docker volume,
//! an NFS share, a tmpfs) or a symlink, whose target is written.  So the
//! set cannot be swapped by renaming the folder; instead it goes through a
//! journal inside the folder, on the same file system:
//!
//! 1. Reports are written into a hidden staging folder inside the output
//!    folder (`.threadwatch-staging-*`) and synced.  A kill here leaves the
//!    old set; the next run removes the staging folder.
//! 2. Commit: the staging folder, with a list of the reports of the old
//!    set that the new one drops (a switch from csv to jsonl), is renamed
//!    to `.threadwatch-commit` in one atomic step and the folder is synced.
//! 3. Each report is renamed from there into place (run.json last), the
//!    dropped ones are removed, and `.threadwatch-commit` goes.
//!
//! A kill during step 3, a few renames long, leaves some reports new and
//! some old, with `.threadwatch-commit` present to say so; every later run
//! first finishes those renames (under the run lock), so the folder holds
//! the new set before anything else happens.  Each file is always either
//! complete or absent, since each arrives by rename.  Entries of the
//! output folder that are not reports (a moderator's notes) are never
//! touched.  docs/ROBUSTNESS.md says what a cron reader can rely on.

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

/// Prefix of staging folders inside the output folder.
pub const STAGING_PREFIX: &str = ".threadwatch-staging-";

/// A committed set whose renames are not all done yet.
pub const COMMIT_DIR: &str = ".threadwatch-commit";

/// Inside a commit: the old reports the new set drops, one name a line.
const DROPPED: &str = ".dropped";

/// A staging folder for one output folder.
#[derive(Debug)]
pub struct Staging {
    dir: tempfile::TempDir,
    out: PathBuf,
}

impl Staging {
    /// Creates the staging folder inside `out`, which must exist.
    pub fn new(out: &Path) -> io::Result<Self> {
        let dir = tempfile::Builder::new()
            .prefix(STAGING_PREFIX)
            .tempdir_in(out)?;
        Ok(Self {
            dir,
            out: out.to_owned(),
        })
    }

    /// Where to write the report named `name`.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Makes the staged set the output folder's content.  `ours` names
    /// every file a run may write; those the new set lacks are removed
    /// from the output folder, and other entries are kept.
    pub fn publish(self, ours: &[&str]) -> io::Result<()> {
        let group = folder_group(&self.out);
        for name in ours {
            let p = self.path(name);
            if p.exists() {
                take_group(&p, group);
                std::fs::File::open(&p)?.sync_all()?;
            }
        }
        let dropped: String = ours
            .iter()
            .filter(|n| !self.path(n).exists() && self.out.join(n).exists())
            .map(|n| format!("{n}\n"))
            .collect();
        let list = self.path(DROPPED);
        std::fs::write(&list, dropped)?;
        std::fs::File::open(&list)?.sync_all()?;
        sync_dir(self.dir.path());
        let staged = self.dir.keep();
        // The commit point: from here on the new set wins.
        std::fs::rename(&staged, self.out.join(COMMIT_DIR))?;
        sync_dir(&self.out);
        finish_commit(&self.out)?;
        Ok(())
    }
}

/// Finishes or discards what a killed run left in `out`: a committed set
/// is renamed into place, staging folders are removed.  Returns how many
/// leftovers it dealt with.  Call it only while holding the run lock, so
/// no live run's folder goes.
pub fn remove_stale_staging(out: &Path) -> io::Result<usize> {
    let mut dealt = usize::from(finish_commit(out)?);
    for entry in std::fs::read_dir(out)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with(STAGING_PREFIX) && entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())?;
            dealt += 1;
        }
    }
    // Versions before issue 18 staged beside the folder; a run killed
    // then (or refused by a cross-device rename) left this behind.  The
    // parent may not be writable, which is no reason to fail.
    if let (Some(parent), Some(name)) = (out.parent(), out.file_name()) {
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        let old = format!(".{}.threadwatch-staging-", name.to_string_lossy());
        if let Ok(entries) = std::fs::read_dir(parent) {
            for entry in entries.flatten() {
                if entry.file_name().to_string_lossy().starts_with(&old)
                    && std::fs::remove_dir_all(entry.path()).is_ok()
                {
                    dealt += 1;
                }
            }
        }
    }
    Ok(dealt)
}

/// Step 3 of the protocol, also run by the next run after a kill: moves a
/// committed set's files into `out`, run.json last, removes the reports it
/// drops, then the commit folder.  Each step can be repeated, so a kill
/// during this is finished by the next call.  False when there was no
/// commit to finish.
fn finish_commit(out: &Path) -> io::Result<bool> {
    let commit = out.join(COMMIT_DIR);
    if !commit.is_dir() {
        return Ok(false);
    }
    let mut names: Vec<_> = std::fs::read_dir(&commit)?
        .map(|e| e.map(|e| e.file_name()))
        .collect::<io::Result<_>>()?;
    names.retain(|n| n != DROPPED);
    // run.json last: a reader who sees the new one sees the new reports.
    names.sort_by_key(|n| (n == "run.json", n.clone()));
    for name in &names {
        std::fs::rename(commit.join(name), out.join(name))?;
    }
    let list = commit.join(DROPPED);
    match std::fs::read_to_string(&list) {
        Ok(text) => {
            for name in text.lines().filter(|l| is_plain_name(l)) {
                match std::fs::remove_file(out.join(name)) {
                    Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                    _ => {}
                }
            }
            std::fs::remove_file(&list)?;
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    sync_dir(out);
    std::fs::remove_dir(&commit)?;
    sync_dir(out);
    Ok(true)
}

/// A bare file name, never a path: the dropped list is only ever read
/// from inside the folder, but a damaged one must not reach outside it.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains('/')
}

/// The output folder's group, which new reports take (issue 18: a folder
/// shared with a moderators' group stays readable by it).
#[cfg(unix)]
fn folder_group(out: &Path) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(out).ok().map(|m| m.gid())
}

#[cfg(not(unix))]
fn folder_group(_: &Path) -> Option<u32> {
    None
}

/// Gives `file` the group `gid` when it has another.  A set-group-id
/// folder already does this; otherwise only the owner of the file in that
/// group (or root) may, so a refusal is left as it is.
#[cfg(unix)]
fn take_group(file: &Path, gid: Option<u32>) {
    use std::os::unix::fs::MetadataExt;
    if let (Some(gid), Ok(m)) = (gid, std::fs::metadata(file)) {
        if m.gid() != gid {
            let _ = std::os::unix::fs::chown(file, None, Some(gid));
        }
    }
}

#[cfg(not(unix))]
fn take_group(_: &Path, _: Option<u32>) {}

fn sync_dir(dir: &Path) {
    // Directory fsync makes the renames durable; some platforms refuse to
    // open folders, which is no reason to fail a finished run.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}
