//! `threadwatch gen`: write a folder of made-up pages for benchmarks
//! (issue 6).
//!
//! The pages come from `threadwatch::generate`, which is deterministic, so
//! a benchmark corpus can be rebuilt anywhere from its arguments instead of
//! being stored.  Pages are streamed to disk a megabyte at a time, so a
//! 1 GB single page costs a megabyte of memory, not a gigabyte.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{bail, Context};
use threadwatch::generate::{
    insults, page_seed, page_sizes, write_page, GenOptions, Lengths, PageSink,
};

use super::lexicon::load_lexicon;
use super::Outcome;
use crate::cli::{GenArgs, LengthsArg};

/// Runs `gen`.
pub fn run(args: GenArgs) -> anyhow::Result<Outcome> {
    if !(args.megabytes.is_finite() && args.megabytes >= 0.0) {
        bail!("--megabytes must be a size, found {}", args.megabytes);
    }
    let per_mille = |pct: f64, flag: &str| -> anyhow::Result<u16> {
        if !(0.0..=100.0).contains(&pct) {
            bail!("{flag} must be a percentage from 0 to 100, found {pct}");
        }
        Ok((pct * 10.0).round() as u16)
    };
    let lexicon = load_lexicon(args.lexicon_dir.as_deref())?;
    let mut opts = GenOptions {
        seed: args.seed,
        target_bytes: 0,
        max_depth: args.max_depth,
        authors: args.authors,
        insults: insults(&lexicon),
        uncivil_per_mille: per_mille(args.uncivil, "--uncivil")?,
        quote_per_mille: per_mille(args.quotes, "--quotes")?,
        lengths: match args.lengths {
            LengthsArg::News => Lengths::News,
            LengthsArg::Long => Lengths::Long,
        },
    };
    let total = (args.megabytes * 1e6).round() as usize;

    let dir = &args.out;
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create output folder {}", dir.display()))?;
    // Leftover pages of a larger corpus would silently join this one.
    let mut entries = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read output folder {}", dir.display()))?;
    if entries.next().is_some() {
        bail!("output folder {} is not empty", dir.display());
    }
    let mut texts = match &args.texts {
        Some(p) => Some(BufWriter::new(
            File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => None,
    };

    let (mut pages, mut bytes, mut comments) = (0usize, 0usize, 0usize);
    let plan: Vec<(String, u64, usize)> = if args.single_page {
        vec![("page.txt".to_owned(), args.seed, total)]
    } else {
        page_sizes(args.seed, total)
            .into_iter()
            .enumerate()
            .map(|(i, size)| {
                (
                    format!("page_{i:06}.txt"),
                    page_seed(args.seed, i as u64),
                    size,
                )
            })
            .collect()
    };
    for (name, seed, size) in plan {
        opts.seed = seed;
        opts.target_bytes = size;
        let path = dir.join(name);
        let mut sink = FileSink::create(&path, texts.as_mut().map(|t| t as &mut dyn Write))?;
        write_page(&opts, &mut sink);
        let (b, c) = sink.finish(&path)?;
        pages += 1;
        bytes += b;
        comments += c;
    }
    if let (Some(t), Some(p)) = (texts.as_mut(), &args.texts) {
        t.flush()
            .with_context(|| format!("cannot write {}", p.display()))?;
    }
    eprintln!(
        "wrote {pages} pages, {bytes} bytes, {comments} comments to {}",
        dir.display()
    );
    Ok(Outcome::Success)
}

/// Writes a page to its file and, optionally, its comment bodies to the
/// texts file; the first write error is kept and reported by `finish`.
struct FileSink<'t> {
    file: BufWriter<File>,
    texts: Option<&'t mut dyn Write>,
    bytes: usize,
    comments: usize,
    error: Option<std::io::Error>,
}

impl<'t> FileSink<'t> {
    fn create(path: &Path, texts: Option<&'t mut dyn Write>) -> anyhow::Result<Self> {
        let file =
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
        Ok(FileSink {
            file: BufWriter::with_capacity(1 << 16, file),
            texts,
            bytes: 0,
            comments: 0,
            error: None,
        })
    }

    fn finish(mut self, path: &Path) -> anyhow::Result<(usize, usize)> {
        if self.error.is_none() {
            self.error = self.file.flush().err();
        }
        match self.error {
            Some(e) => Err(e).with_context(|| format!("cannot write {}", path.display())),
            None => Ok((self.bytes, self.comments)),
        }
    }
}

impl PageSink for FileSink<'_> {
    fn text(&mut self, piece: &str) {
        self.bytes += piece.len();
        if self.error.is_none() {
            self.error = self.file.write_all(piece.as_bytes()).err();
        }
    }

    fn comment(&mut self, body: &str) {
        self.comments += 1;
        let (Some(t), None) = (self.texts.as_mut(), &self.error) else {
            return;
        };
        let mut line = String::with_capacity(body.len() + 1);
        for w in body.split_whitespace() {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(w);
        }
        line.push('\n');
        self.error = t.write_all(line.as_bytes()).err();
    }
}
