//! `--lexicon-dir`: reading a moderator's word lists from disk.
//!
//! The matcher does no IO; this module reads the folder and hands the texts
//! over.  `allow.txt` extends the allow-list (issue 14), `figures.txt`
//! the surnames of public figures.  A file whose name is not `allow.txt`,
//! `figures.txt`, `<category>.txt` or `<category>.add.txt` is
//! an error, not silently ignored: a typo in a file
//! name would otherwise leave a moderator's list unused.  Subfolders `es/`,
//! `fr/`, `de/` and `pt/` hold word lists of those languages (issue 25):
//! their files extend the lists, and comments in those languages are
//! scored instead of left "not scored".

use std::path::Path;

use anyhow::{bail, Context};
use threadwatch::analyze::matcher::{Category, Lexicon, LexiconFile};

/// Subfolders of `--lexicon-dir` that hold another language's word lists
/// (issue 25; ISO 639-1 codes, as the `language` column writes them).
pub const LANGUAGES: &[&str] = &["es", "fr", "de", "pt"];

/// The built-in lexicon, with the lists in `dir` applied when given.
pub fn load_lexicon(dir: Option<&Path>) -> anyhow::Result<Lexicon> {
    load_lexicon_allowing(dir, None)
}

/// [`load_lexicon`], then the allow-list `allow` (`analyze --allow`, or
/// `allow` in threadwatch.toml) added to the built-in one and to the
/// folder's `allow.txt`.
pub fn load_lexicon_allowing(dir: Option<&Path>, allow: Option<&Path>) -> anyhow::Result<Lexicon> {
    let mut lexicon = load_folder(dir)?;
    if let Some(path) = allow {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read allow-list {}", path.display()))?;
        lexicon = lexicon
            .with_allow(&path.display().to_string(), &text)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    Ok(lexicon)
}

fn load_folder(dir: Option<&Path>) -> anyhow::Result<Lexicon> {
    let Some(dir) = dir else {
        return Ok(Lexicon::builtin());
    };
    let mut files: Vec<(String, String, String)> = Vec::new();
    let mut languages: Vec<String> = Vec::new();
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read lexicon folder {}", dir.display()))?;
    for entry in entries {
        let path = entry
            .with_context(|| format!("cannot read lexicon folder {}", dir.display()))?
            .path();
        if path.is_dir() {
            // Issue 25: `es/`, `fr/`, `de/`, `pt/`: word lists of another
            // language, added to the built-in ones.
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if LANGUAGES.contains(&name.as_str()) {
                languages.push(name);
            }
            continue;
        }
        if !path.is_file() {
            continue;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read word list {}", path.display()))?;
        files.push((name, path.display().to_string(), text));
    }
    // Sorted, so which file wins a conflict never depends on the folder.
    files.sort();
    let mut lists = Vec::with_capacity(files.len());
    let mut allow = Vec::new();
    let mut figures = None;
    for (name, path, text) in &files {
        if name == "allow.txt" {
            allow.push((path, text));
            continue;
        }
        if name == "figures.txt" {
            figures = Some((path, text));
            continue;
        }
        match LexiconFile::from_file_name(name, path, text) {
            Some(f) => lists.push(f),
            None => {
                let known: Vec<&str> = Category::listed().map(Category::as_str).collect();
                bail!(
                    "{path}: expected a file named allow.txt, figures.txt, <category>.txt \
                     or <category>.add.txt, where <category> is one of {}",
                    known.join(", ")
                )
            }
        }
    }
    // A language's files always extend the lists (`name_calling.txt` in
    // `es/` adds Spanish insults; it does not replace the English ones).
    languages.sort();
    let mut language_files: Vec<(String, String, String)> = Vec::new();
    for code in &languages {
        let sub = dir.join(code);
        let entries = std::fs::read_dir(&sub)
            .with_context(|| format!("cannot read lexicon folder {}", sub.display()))?;
        for entry in entries {
            let path = entry
                .with_context(|| format!("cannot read lexicon folder {}", sub.display()))?
                .path();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if !path.is_file() || !name.ends_with(".txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read word list {}", path.display()))?;
            let stem = name.trim_end_matches(".txt").trim_end_matches(".add");
            language_files.push((format!("{stem}.add.txt"), path.display().to_string(), text));
        }
    }
    language_files.sort();
    for (name, path, text) in &language_files {
        match LexiconFile::from_file_name(name, path, text) {
            Some(f) => lists.push(f),
            None => {
                let known: Vec<&str> = Category::listed().map(Category::as_str).collect();
                bail!(
                    "{path}: expected a file named <category>.txt, where <category> is one of {}",
                    known.join(", ")
                )
            }
        }
    }
    let mut lexicon = Lexicon::with_overrides(&lists)
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .with_languages(&languages);
    for (path, text) in allow {
        lexicon = lexicon
            .with_allow(path, text)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    if let Some((path, text)) = figures {
        lexicon = lexicon
            .with_surnames(path, text)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    Ok(lexicon)
}
