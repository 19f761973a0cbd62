//! `threadwatch map`: framed inputs on standard input -> partial
//! aggregates on standard output (issue 19; src/pipeline/map.rs).

use std::io::{BufWriter, Write};

use anyhow::Context;
use threadwatch::analyze::incivility::Scorer;
use threadwatch::analyze::people::Rules;
use threadwatch::pipeline::map::{map, FrameReader, MapConfig};
use threadwatch::pipeline::partial::MapSettings;
use threadwatch::pipeline::Source;

use super::inputs::{describe, worker_pool};
use super::lexicon::load_lexicon_allowing;
use super::model::choose;
use super::Outcome;
use crate::cli::MapArgs;

/// Runs `map`.  Bad inputs are in the partials (the merge tells them and
/// sets the exit status); a bad frame stream or a failed write is an error.
pub fn run(args: MapArgs) -> anyhow::Result<Outcome> {
    let lexicon = load_lexicon_allowing(
        args.scoring.lexicon_dir.as_deref(),
        args.scoring.allow.as_deref(),
    )?;
    let chosen = choose(args.scoring.model.as_deref())?;
    let model = chosen.model();
    let sources = super::inputs::sources(&args.format)?;
    let describe = |e: &threadwatch::Error| describe(e);
    let config = MapConfig {
        scorer: Scorer {
            lexicon: &lexicon,
            model,
        },
        threshold: args.scoring.uncivil_threshold,
        rules: Rules {
            dogpile_min: args.scoring.dogpile_min,
            ..Rules::default()
        },
        source: &sources,
        settings: MapSettings {
            lexicon_version: lexicon.version_hash(),
            model_version: model.version(),
            uncivil_threshold: args.scoring.uncivil_threshold,
            dogpile_min: args.scoring.dogpile_min,
            source: sources.settings(),
            lexicon_dir: args
                .scoring
                .lexicon_dir
                .as_ref()
                .map(|d| d.display().to_string()),
            model: args.scoring.model.as_ref().map(|p| p.display().to_string()),
            model_format: chosen.version.clone(),
            model_sha256: chosen.sha256.clone(),
        },
        describe: &describe,
    };
    // Unlocked handles: the run moves into the worker pool.
    let mut frames = FrameReader::new(std::io::BufReader::with_capacity(1 << 20, std::io::stdin()));
    let mut out = BufWriter::with_capacity(1 << 20, std::io::stdout());
    let pool = worker_pool(args.run.jobs)?;
    let counts = pool.install(|| map(&config, &mut frames, &mut out))?;
    out.flush().context("cannot write the partials")?;
    if !args.run.quiet {
        eprintln!(
            "threadwatch map: {} frames, {} comments{}",
            counts.frames,
            counts.comments,
            match counts.failed {
                0 => String::new(),
                n => format!(", {n} with errors (told by merge)"),
            }
        );
    }
    Ok(Outcome::Success)
}
