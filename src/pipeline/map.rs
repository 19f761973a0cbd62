//! `threadwatch map`: whole threads in, partial aggregates out (issue 19).
//!
//! Input is a stream of frames, each an input (or a thread group of an
//! export that a distributed job split by thread) as a header line and
//! its bytes:
//!
//! ```text
//! TWFRAME {"name": "in/a.txt", "part": 0, "bytes": 1234}\n<1234 bytes>
//! ```
//!
//! Optional header fields: `file_bytes` and `sha256` (of the whole input,
//! when a frame holds a part of it, so run.json matches a single run) and
//! `lines` (the input's line number of each line of the frame, so the
//! `line` column and error positions match a single run).  Frames are read
//! in batches of about `BATCH_BYTES`, analysed in parallel, and their
//! partials written in frame order; each batch's people partials are
//! written at its end, so memory is bounded by a batch.

use std::io::{self, BufRead, Read, Write};

use rayon::prelude::*;
use serde::Deserialize;

use crate::analyze::incivility::Scorer;
use crate::analyze::people::partial::{PartialBuilder, Partials, ThreadKey};
use crate::analyze::people::Rules;
use crate::error::Error;
use crate::input::is_blank;
use crate::thread::Thread;

use super::analyse::{analyse_thread, ThreadDone};
use super::partial::{write_version, FramePart, InputPart, MapSettings, Partial, ROWS_PER_LINE};
use super::sink::CommentRecord;
use super::source::Source;

/// The header line's first word.
pub const FRAME_TAG: &str = "TWFRAME";

/// Frame bytes analysed together.
const BATCH_BYTES: u64 = 16 << 20;

/// One frame's header.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameHeader {
    /// The input's name, as a single run names it.
    pub name: String,
    /// Which part of the input (0 for a whole input).
    #[serde(default)]
    pub part: u64,
    /// The frame's length in bytes.
    pub bytes: u64,
    /// The whole input's size, when the frame is a part of it.
    #[serde(default)]
    pub file_bytes: Option<u64>,
    /// The whole input's SHA-256, likewise.
    #[serde(default)]
    pub sha256: Option<String>,
    /// The input's line number of each of the frame's lines.
    #[serde(default)]
    pub lines: Option<Vec<u32>>,
}

/// A frame: its header and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// The header.
    pub header: FrameHeader,
    /// The content.
    pub bytes: Vec<u8>,
}

/// Why the frame stream cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum FrameError {
    /// The stream failed.
    #[error("standard input: {0}")]
    Io(#[from] io::Error),
    /// A header is not what a frame starts with.
    #[error("frame {frame} (byte {offset}): expected a header line `{FRAME_TAG} {{\"name\": ..., \"part\": ..., \"bytes\": ...}}`: {what}")]
    Header {
        /// 1-based frame number.
        frame: usize,
        /// Byte offset of the header in the stream.
        offset: u64,
        /// What is wrong.
        what: String,
    },
    /// The stream ends inside a frame.
    #[error("frame {frame} ({name}): the stream ends after {got} of its {expected} bytes")]
    Short {
        /// 1-based frame number.
        frame: usize,
        /// Its input.
        name: String,
        /// Bytes read.
        got: u64,
        /// Bytes announced.
        expected: u64,
    },
}

/// Reads frames from `r` one at a time.
pub struct FrameReader<R> {
    r: R,
    frame: usize,
    offset: u64,
}

impl<R: BufRead> FrameReader<R> {
    /// Frames of `r`.
    pub fn new(r: R) -> Self {
        Self {
            r,
            frame: 0,
            offset: 0,
        }
    }

    /// The next frame; `None` at the end of the stream.
    pub fn next_frame(&mut self) -> Result<Option<Frame>, FrameError> {
        let mut line = Vec::new();
        loop {
            line.clear();
            let n = self.r.read_until(b'\n', &mut line)?;
            if n == 0 {
                return Ok(None);
            }
            // Blank lines between frames are allowed (a job may end each
            // frame with a line break).
            if line.iter().all(u8::is_ascii_whitespace) {
                self.offset += n as u64;
                continue;
            }
            break;
        }
        self.frame += 1;
        let bad = |what: String| FrameError::Header {
            frame: self.frame,
            offset: self.offset,
            what,
        };
        let text = std::str::from_utf8(&line).map_err(|_| bad("not UTF-8".into()))?;
        let json = text
            .strip_prefix(FRAME_TAG)
            .and_then(|t| t.strip_prefix(' '))
            .ok_or_else(|| bad(format!("found {:?}", crate::term::sanitize(preview(text)))))?;
        let header: FrameHeader =
            serde_json::from_str(json.trim_end()).map_err(|e| bad(e.to_string()))?;
        self.offset += line.len() as u64;
        let mut bytes = Vec::with_capacity(usize::try_from(header.bytes).unwrap_or(0).min(1 << 30));
        let got = (&mut self.r).take(header.bytes).read_to_end(&mut bytes)? as u64;
        if got < header.bytes {
            return Err(FrameError::Short {
                frame: self.frame,
                name: header.name,
                got,
                expected: header.bytes,
            });
        }
        self.offset += got;
        Ok(Some(Frame { header, bytes }))
    }
}

/// The first characters of a line, for an error.
fn preview(text: &str) -> &str {
    let end = text.char_indices().nth(60).map_or(text.len(), |(i, _)| i);
    text[..end].trim_end()
}

/// What a map run needs.
pub struct MapConfig<'a> {
    /// Word lists and weights.
    pub scorer: Scorer<'a>,
    /// The uncivil threshold.
    pub threshold: f64,
    /// The people stage's thresholds (dogpiles are counted per thread here).
    pub rules: Rules,
    /// How frames are read.
    pub source: &'a dyn Source,
    /// Recorded in every input partial.
    pub settings: MapSettings,
    /// How an error is told (as `analyze` prints it).
    pub describe: &'a (dyn Fn(&Error) -> String + Sync),
}

/// What a map run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct MapCounts {
    /// Frames read.
    pub frames: usize,
    /// Comments analysed.
    pub comments: usize,
    /// Frames with an error.
    pub failed: usize,
}

/// Why a map run stopped.
#[derive(Debug, thiserror::Error)]
pub enum MapError {
    /// The frames could not be read.
    #[error(transparent)]
    Frames(#[from] FrameError),
    /// The partials could not be written.
    #[error("cannot write the partials: {0}")]
    Write(#[source] io::Error),
}

/// One frame, analysed.
struct Done {
    input: InputPart,
    name: String,
    threads: Vec<(ThreadKey, Vec<CommentRecord>, ThreadDone)>,
}

/// Reads every frame of `frames`, writing partials to `out`.
pub fn map<R: BufRead>(
    config: &MapConfig<'_>,
    frames: &mut FrameReader<R>,
    out: &mut dyn Write,
) -> Result<MapCounts, MapError> {
    write_version(out).map_err(MapError::Write)?;
    let mut counts = MapCounts::default();
    loop {
        let mut batch = Vec::new();
        let mut bytes = 0u64;
        while bytes < BATCH_BYTES {
            match frames.next_frame()? {
                Some(f) => {
                    bytes += f.bytes.len() as u64;
                    batch.push(f);
                }
                None => break,
            }
        }
        if batch.is_empty() {
            return Ok(counts);
        }
        let done: Vec<Done> = batch
            .into_par_iter()
            .map(|f| analyse_frame(config, f))
            .collect();
        let mut people = PartialBuilder::new(config.rules);
        for d in done {
            counts.frames += 1;
            counts.comments += d.input.parts[0].comments;
            counts.failed += usize::from(!d.input.parts[0].errors.is_empty());
            Partial::Input(d.name, d.input)
                .write(out)
                .map_err(MapError::Write)?;
            for (key, records, thread) in d.threads {
                for (i, chunk) in records.chunks(ROWS_PER_LINE).enumerate() {
                    let first = u32::try_from(i * ROWS_PER_LINE).unwrap_or(u32::MAX);
                    Partial::Rows(key.clone(), first, chunk.to_vec())
                        .write(out)
                        .map_err(MapError::Write)?;
                }
                people.add(key, &thread.facts);
            }
        }
        write_people(people.finish(), out).map_err(MapError::Write)?;
    }
}

/// Writes people partials.
fn write_people(p: Partials, out: &mut dyn Write) -> io::Result<()> {
    for (k, t) in p.threads {
        Partial::Thread(k, t).write(out)?;
    }
    for (k, u) in p.users {
        Partial::User(k, u).write(out)?;
    }
    for (k, v) in p.pairs {
        Partial::Pair(k, v).write(out)?;
    }
    for (k, v) in p.named {
        Partial::Named(k, v).write(out)?;
    }
    Ok(())
}

/// Reads and analyses one frame.
fn analyse_frame(config: &MapConfig<'_>, frame: Frame) -> Done {
    let Frame { header, bytes } = frame;
    let remap = |line: u32| -> u32 {
        match &header.lines {
            Some(lines) => line
                .checked_sub(1)
                .and_then(|i| lines.get(i as usize))
                .copied()
                .unwrap_or(line),
            None => line,
        }
    };
    let mut part = FramePart {
        part: header.part,
        file_bytes: header.file_bytes,
        file_sha256: header.sha256.clone(),
        bytes: bytes.len() as u64,
        empty: is_blank(&bytes),
        ..FramePart::default()
    };
    let (sha256, read) = config.source.read_hashed(&header.name, bytes);
    part.sha256 = sha256;
    let mut threads = Vec::new();
    let mut index = 0u32;
    for thread in read {
        let mut thread: Thread = match thread {
            Ok(t) => t,
            Err(mut e) => {
                if let Error::Parse(p) = &mut e {
                    p.line = remap(p.line);
                }
                part.errors.push((e.to_string(), (config.describe)(&e)));
                continue;
            }
        };
        for w in &mut thread.warnings {
            w.line = remap(w.line);
        }
        part.warnings.extend(thread.warnings.iter().cloned());
        let key = ThreadKey {
            source: header.name.clone(),
            part: header.part,
            index,
        };
        index += 1;
        let mut records = Vec::new();
        let done = analyse_thread(thread, config.scorer, config.threshold, |r| {
            records.extend(r);
            Ok(())
        })
        // Collecting into a vector cannot fail.
        .unwrap_or_default();
        if header.lines.is_some() {
            for r in &mut records {
                r.row.line = remap(r.row.line);
            }
        }
        part.comments += done.comments;
        part.uncivil += done.uncivil;
        threads.push((key, records, done));
    }
    Done {
        input: InputPart {
            settings: config.settings.clone(),
            parts: vec![part],
        },
        name: header.name,
        threads,
    }
}

#[cfg(test)]
mod tests;
