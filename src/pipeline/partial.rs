//! The partial-aggregate line format between `threadwatch map` and
//! `threadwatch merge` (issue 19), and how lines of one kind and key
//! combine.
//!
//! One partial per line: `KIND \t KEY \t PAYLOAD \n`.  KIND and KEY are
//! text without tabs or line breaks, so any engine can shuffle on the first
//! two fields without reading the payload; PAYLOAD is the record in
//! postcard, base64-encoded (standard alphabet, padded).  A stream starts
//! with the version line `threadwatch-partials \t 1 \t`, which may repeat
//! anywhere (streams are concatenated); a line of another version is an
//! error, never a guess.  The kinds, documented in docs/SCALE.md:
//!
//! | kind | key | payload | combines by |
//! |---|---|---|---|
//! | `input` | input name | [`InputPart`]: per part of the input, its size, digest, counts, warnings, errors; the map's settings | union of parts (a part twice is an error) |
//! | `thread` | thread key | `ThreadStats` of one whole thread | unique (twice is an error) |
//! | `rows` | thread key and first position | up to [`ROWS_PER_LINE`] `CommentRecord`s of one thread, in order | unique; passed through, or written as a comments piece (`--comments-to`) |
//! | `user` | name key | `UserPart` | sums, maxima, earliest spelling |
//! | `pair` | name keys of from and to | `PairPart` | sums, comment lists joined |
//! | `named` | author's name key | `NamedComment`s (the taunt finder's input) | lists joined; passed through |
//! | `piece` | piece file name | [`PieceInfo`]: what a reducer wrote as a piece of the comments report (`merge --partial --comments-to`) | unique (twice is an error) |
//!
//! A key's fields are separated by spaces, each field percent-encoded
//! (`%`, space, tab, CR and LF), so keys stay one readable line.

use std::collections::BTreeMap;
use std::io::{self, Write};

use base64::Engine;
use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::analyze::people::partial::{NamedComment, PairPart, ThreadKey, UserPart};
use crate::analyze::people::ThreadStats;
use crate::parse::Warning;

use super::sink::CommentRecord;

/// The format's version; the first line of every stream says it.
pub const VERSION: u32 = 1;

/// The version line's kind field.
pub const VERSION_KIND: &str = "threadwatch-partials";

/// Comment records per `rows` line: lines of a few hundred kilobytes,
/// never one line for a whole huge page.
pub const ROWS_PER_LINE: usize = 1024;

/// What a map run's analysis depended on; partials made with other
/// settings cannot be merged into one report set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapSettings {
    /// Hash of the word lists.
    pub lexicon_version: String,
    /// Hash of the learned layer's weights.
    pub model_version: String,
    /// The uncivil threshold.
    pub uncivil_threshold: f64,
    /// Distinct attackers that make a dogpile (counted per thread in the map).
    pub dogpile_min: usize,
    /// The input format settings (`--input-format`, `--field`).
    pub source: String,
    /// `--lexicon-dir`, for run.json.
    pub lexicon_dir: Option<String>,
    /// `--model`, for run.json.
    pub model: Option<String>,
    /// The model file's format version.
    pub model_format: String,
    /// The model file's SHA-256.
    pub model_sha256: String,
}

/// What one part of an input gave (a whole input is part 0).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FramePart {
    /// The part.
    pub part: u64,
    /// The whole input's size, when the part is not the whole input.
    pub file_bytes: Option<u64>,
    /// The whole input's SHA-256, likewise.
    pub file_sha256: Option<String>,
    /// The part's own size.
    pub bytes: u64,
    /// The part's own SHA-256.
    pub sha256: String,
    /// Comments read.
    pub comments: usize,
    /// Uncivil comments among them.
    pub uncivil: usize,
    /// Only blanks.
    pub empty: bool,
    /// Reader warnings, positions in the input's lines.
    pub warnings: Vec<Warning>,
    /// Errors: (one-line message, message as `analyze` prints it).
    pub errors: Vec<(String, String)>,
}

/// One input's parts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InputPart {
    /// The map's settings.
    pub settings: MapSettings,
    /// Its parts, in part order.
    pub parts: Vec<FramePart>,
}

/// A piece of the comments report's body, written by `merge --partial
/// --comments-to` from the rows of a contiguous run-order range of
/// threads (pipeline/piece.rs): the final merge checks it against the
/// threads' figures and copies it after the header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PieceInfo {
    /// The report format it was written in (`csv`, `tsv`, `jsonl`).
    pub format: String,
    /// The field separator it was written with (CSV only).
    pub delimiter: u8,
    /// The first thread it holds rows of, in run order.
    pub first: ThreadKey,
    /// The last one.
    pub last: ThreadKey,
    /// Threads it holds rows of.
    pub threads: u64,
    /// Rows it holds.
    pub rows: u64,
    /// Its length in bytes.
    pub bytes: u64,
}

/// One partial line, decoded.
#[derive(Debug, Clone, PartialEq)]
pub enum Partial {
    /// An input's parts.
    Input(String, InputPart),
    /// A whole thread's figures.
    Thread(ThreadKey, ThreadStats),
    /// Comment records of a thread from `position` on.
    Rows(ThreadKey, u32, Vec<CommentRecord>),
    /// A user's counts, by name key.
    User(String, UserPart),
    /// A pair's counts, by name keys.
    Pair((String, String), PairPart),
    /// An author's named comments, by name key.
    Named(String, Vec<NamedComment>),
    /// A piece of the comments report, by its file name.
    Piece(String, PieceInfo),
}

/// Why a partial line cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum PartialError {
    /// The line is not `KIND \t KEY \t PAYLOAD`, or a field does not decode.
    #[error("{where_}: expected a partial line (KIND, KEY and PAYLOAD separated by tabs) from `threadwatch map`: {what}")]
    Malformed {
        /// File and line.
        where_: String,
        /// What is wrong.
        what: String,
    },
    /// Another version of the format.
    #[error("{where_}: partials of format version {found}; this threadwatch reads version {VERSION} (map and merge with the same threadwatch)")]
    Version {
        /// File and line.
        where_: String,
        /// The version found.
        found: String,
    },
    /// Writing failed.
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Percent-encodes the characters that would break a key field.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            ' ' => out.push_str("%20"),
            '\t' => out.push_str("%09"),
            '\n' => out.push_str("%0A"),
            '\r' => out.push_str("%0D"),
            c => out.push(c),
        }
    }
    out
}

/// The inverse of [`escape`].
fn unescape(s: &str) -> Result<String, String> {
    let mut out = Vec::with_capacity(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| format!("bad escape in key field {s:?}"))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| format!("key field {s:?} is not UTF-8"))
}

fn thread_fields(k: &ThreadKey) -> String {
    format!("{} {} {}", escape(&k.source), k.part, k.index)
}

fn parse_thread_key(fields: &[&str]) -> Result<ThreadKey, String> {
    match fields {
        [source, part, index] => Ok(ThreadKey {
            source: unescape(source)?,
            part: part.parse().map_err(|_| format!("bad part {part:?}"))?,
            index: index.parse().map_err(|_| format!("bad index {index:?}"))?,
        }),
        _ => Err("expected a thread key: input, part and index".into()),
    }
}

fn encode<T: Serialize>(v: &T) -> io::Result<String> {
    let bytes = postcard::to_stdvec(v).map_err(io::Error::other)?;
    Ok(base64::engine::general_purpose::STANDARD.encode(bytes))
}

fn decode<T: DeserializeOwned>(payload: &str) -> Result<T, String> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(payload.trim_end())
        .map_err(|e| format!("payload is not base64: {e}"))?;
    postcard::from_bytes(&bytes).map_err(|e| format!("payload does not decode: {e}"))
}

/// Writes the version line.
pub fn write_version(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{VERSION_KIND}\t{VERSION}\t")
}

impl Partial {
    /// The kind and key fields.
    pub fn kind_key(&self) -> (&'static str, String) {
        match self {
            Partial::Input(name, _) => ("input", escape(name)),
            Partial::Thread(k, _) => ("thread", thread_fields(k)),
            Partial::Rows(k, first, _) => ("rows", format!("{} {first}", thread_fields(k))),
            Partial::User(k, _) => ("user", escape(k)),
            Partial::Pair((a, b), _) => ("pair", format!("{} {}", escape(a), escape(b))),
            Partial::Named(k, _) => ("named", escape(k)),
            Partial::Piece(k, _) => ("piece", escape(k)),
        }
    }

    /// Writes the partial as one line.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let payload = match self {
            Partial::Input(_, v) => encode(v)?,
            Partial::Thread(_, v) => encode(v)?,
            Partial::Rows(_, _, v) => encode(v)?,
            Partial::User(_, v) => encode(v)?,
            Partial::Pair(_, v) => encode(v)?,
            Partial::Named(_, v) => encode(v)?,
            Partial::Piece(_, v) => encode(v)?,
        };
        let (kind, key) = self.kind_key();
        writeln!(out, "{kind}\t{key}\t{payload}")
    }

    /// Reads one line; `None` for the version line and blank lines.
    /// `where_` names the file and line for errors.
    pub fn read(line: &str, where_: &str) -> Result<Option<Partial>, PartialError> {
        let line = line.strip_suffix('\n').unwrap_or(line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            return Ok(None);
        }
        let bad = |what: String| PartialError::Malformed {
            where_: where_.to_owned(),
            what,
        };
        let mut parts = line.splitn(3, '\t');
        let (Some(kind), Some(key), Some(payload)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(bad("fewer than three fields".into()));
        };
        if kind == VERSION_KIND {
            if key != VERSION.to_string() {
                return Err(PartialError::Version {
                    where_: where_.to_owned(),
                    found: key.to_owned(),
                });
            }
            return Ok(None);
        }
        let fields: Vec<&str> = key.split(' ').collect();
        let one = || -> Result<String, String> {
            match fields.as_slice() {
                [k] => unescape(k),
                _ => Err("expected a one-field key".into()),
            }
        };
        let p = match kind {
            "input" => one().and_then(|k| decode(payload).map(|v| Partial::Input(k, v))),
            "thread" => parse_thread_key(&fields)
                .and_then(|k| decode(payload).map(|v| Partial::Thread(k, v))),
            "rows" => match fields.split_last() {
                Some((first, rest)) => parse_thread_key(rest).and_then(|k| {
                    let first = first
                        .parse()
                        .map_err(|_| format!("bad first position {first:?}"))?;
                    decode(payload).map(|v| Partial::Rows(k, first, v))
                }),
                None => Err("empty key".into()),
            },
            "user" => one().and_then(|k| decode(payload).map(|v| Partial::User(k, v))),
            "pair" => match fields.as_slice() {
                [a, b] => unescape(a).and_then(|a| {
                    let b = unescape(b)?;
                    decode(payload).map(|v| Partial::Pair((a, b), v))
                }),
                _ => Err("expected a pair key: two name keys".into()),
            },
            "named" => one().and_then(|k| decode(payload).map(|v| Partial::Named(k, v))),
            "piece" => one().and_then(|k| decode(payload).map(|v| Partial::Piece(k, v))),
            other => Err(format!(
                "unknown kind {other:?} (expected input, thread, rows, user, pair, named or piece)"
            )),
        };
        p.map(Some).map_err(bad)
    }
}

/// Partials of one kind and key combined; what `merge --partial` keeps in
/// memory (rows and named comments pass straight through).
#[derive(Debug, Default)]
pub struct Combined {
    /// Inputs by name.
    pub inputs: BTreeMap<String, InputPart>,
    /// Users by name key.
    pub users: BTreeMap<String, UserPart>,
    /// Pairs by name keys.
    pub pairs: BTreeMap<(String, String), PairPart>,
    /// Threads by key.
    pub threads: BTreeMap<ThreadKey, ThreadStats>,
    /// Pieces of the comments report, by file name.
    pub pieces: BTreeMap<String, PieceInfo>,
}

/// Why partials do not combine.
#[derive(Debug, thiserror::Error)]
pub enum CombineError {
    /// Partials made with other settings.
    #[error("input {input}: its partials were made with other settings than the others ({why}); map every input with the same flags and threadwatch")]
    Settings {
        /// The input.
        input: String,
        /// Which setting differs.
        why: String,
    },
    /// The same part or thread twice.
    #[error("{what} is given twice; was one map output merged twice?")]
    Twice {
        /// What.
        what: String,
    },
}

impl Combined {
    /// Adds an input's, user's, pair's, thread's or piece's partial; hands
    /// rows and named comments back.
    pub fn add(&mut self, p: Partial) -> Result<Option<Partial>, CombineError> {
        match p {
            Partial::Input(name, part) => {
                if let Some(first) = self.inputs.values().next() {
                    if first.settings != part.settings {
                        return Err(CombineError::Settings {
                            input: name,
                            why: settings_difference(&first.settings, &part.settings),
                        });
                    }
                }
                match self.inputs.entry(name) {
                    std::collections::btree_map::Entry::Vacant(e) => {
                        e.insert(part);
                    }
                    std::collections::btree_map::Entry::Occupied(mut e) => {
                        let have = e.get_mut();
                        for f in part.parts {
                            if have.parts.iter().any(|h| h.part == f.part) {
                                return Err(CombineError::Twice {
                                    what: format!("part {} of input {}", f.part, e.key()),
                                });
                            }
                            have.parts.push(f);
                        }
                        have.parts.sort_by_key(|f| f.part);
                    }
                }
            }
            Partial::Thread(k, t) => {
                if self.threads.contains_key(&k) {
                    return Err(CombineError::Twice {
                        what: format!("thread {} of part {} of {}", k.index, k.part, k.source),
                    });
                }
                self.threads.insert(k, t);
            }
            Partial::User(k, u) => match self.users.entry(k) {
                std::collections::btree_map::Entry::Vacant(e) => {
                    e.insert(u);
                }
                std::collections::btree_map::Entry::Occupied(mut e) => e.get_mut().merge(u),
            },
            Partial::Pair(k, p) => self.pairs.entry(k).or_default().merge(p),
            Partial::Piece(name, piece) => {
                if self.pieces.contains_key(&name) {
                    return Err(CombineError::Twice {
                        what: format!("comments piece {name}"),
                    });
                }
                self.pieces.insert(name, piece);
            }
            other => return Ok(Some(other)),
        }
        Ok(None)
    }

    /// Writes every combined partial (inputs, threads, users, pairs, pieces).
    pub fn write(self, out: &mut dyn Write) -> io::Result<()> {
        for (k, v) in self.inputs {
            Partial::Input(k, v).write(out)?;
        }
        for (k, v) in self.threads {
            Partial::Thread(k, v).write(out)?;
        }
        for (k, v) in self.users {
            Partial::User(k, v).write(out)?;
        }
        for (k, v) in self.pairs {
            Partial::Pair(k, v).write(out)?;
        }
        for (k, v) in self.pieces {
            Partial::Piece(k, v).write(out)?;
        }
        Ok(())
    }
}

/// Names the first setting that differs.
fn settings_difference(a: &MapSettings, b: &MapSettings) -> String {
    if a.lexicon_version != b.lexicon_version {
        return "word lists".into();
    }
    if a.model_version != b.model_version {
        return "model".into();
    }
    if a.uncivil_threshold != b.uncivil_threshold {
        return "--uncivil-threshold".into();
    }
    if a.dogpile_min != b.dogpile_min {
        return "--dogpile-min".into();
    }
    if a.source != b.source {
        return "--input-format or --field".into();
    }
    "--lexicon-dir or --model path".into()
}

#[cfg(test)]
mod tests;
