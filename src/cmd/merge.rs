//! `threadwatch merge`: partial aggregates -> combined partials
//! (`--partial`) or the report set, published as `analyze` publishes it
//! (issue 19; src/pipeline/reduce.rs).

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter};
use std::path::Path;

use anyhow::Context;
use threadwatch::pipeline::reduce::{read_partials, reduce, told, Gathered, ReduceConfig};
use threadwatch::pipeline::Tables;
use threadwatch::report::publish::Staging;
use threadwatch::report::run::{AlertResult, InputRecord, RunCounts, RunOptions};
use threadwatch::term::sanitize;

use super::analyze::{open_out, publish, report_sinks};
use super::{alert, verdict, Outcome};
use crate::cli::MergeArgs;

/// Runs `merge`.
pub fn run(args: MergeArgs) -> anyhow::Result<Outcome> {
    let opts = args.report.csv_options();
    let Some(out) = args.out.clone().filter(|_| !args.partial) else {
        let stdout = Box::new(BufWriter::with_capacity(1 << 20, std::io::stdout().lock()));
        let mut gathered = match &args.comments_to {
            // Rows spill beside the piece: the piece's disk, not /tmp.
            Some(piece) => Gathered::piecing_to(stdout, folder_of(piece))
                .with_context(|| format!("cannot spill rows beside {}", piece.display()))?,
            None => Gathered::passing_to(stdout),
        };
        read_all(&args.files, &mut gathered)?;
        gathered
            .finish_partial(args.comments_to.as_deref().map(|p| (p, opts)))
            .context("cannot write the partials")?;
        return Ok(Outcome::Success);
    };
    for (on, what) in [(args.report.xlsx, "--xlsx"), (args.report.html, "--html")] {
        if on && args.comments_from.is_some() {
            anyhow::bail!(
                "{what} needs every comment's record, and --comments-from gives only finished rows; \
                 run the reducers without --comments-to to write {what}"
            );
        }
    }
    let out = &out;
    let (alerts, _claim) = open_out(out, &args.report)?;
    let staging = Staging::new(out)
        .with_context(|| format!("cannot create a staging folder in {}", out.display()))?;
    let mut gathered =
        Gathered::spilling_in(&staging.path("")).context("cannot create the merge's spill file")?;
    read_all(&args.files, &mut gathered)?;
    if gathered.inputs().is_empty() {
        // As `analyze` with no input: exit 4, the reports left as they were.
        return Ok(verdict::nothing_analysed(out, 0));
    }
    for (name, part) in gathered.inputs() {
        let (warnings, errors) = told(part);
        if !args.quiet {
            for w in warnings {
                eprintln!(
                    "{}:{}:{}: warning: {}",
                    sanitize(name),
                    w.line,
                    w.column,
                    sanitize(&w.message)
                );
            }
        }
        for e in errors {
            eprintln!("{e}");
        }
    }
    let check_alerts =
        |counts: &RunCounts, tables: Tables<'_>, inputs: &[InputRecord]| -> Vec<AlertResult> {
            alert::check_all(&alerts, counts, tables.people(), inputs)
        };
    let config = ReduceConfig {
        harassment_min: args.report.harassment_min,
        options: RunOptions {
            format: opts.format.extension().to_owned(),
            delimiter: char::from(opts.delimiter).to_string(),
            bom: opts.bom,
            lexicon_dir: None,
            glob: None,
            uncivil_threshold: 0.0,
            harassment_min: args.report.harassment_min,
            dogpile_min: 0,
            model: None,
            model_format: String::new(),
            model_sha256: String::new(),
        },
        alerts: &check_alerts,
        pieces: args.comments_from.as_deref(),
        csv: opts,
    };
    let mut sinks = report_sinks(opts, &args.report);
    let summary = reduce(&config, gathered, &staging.path(""), &mut sinks)
        .with_context(|| format!("cannot write the reports for {}", out.display()))?;
    if verdict::nothing_was_analysed(&summary.counts) {
        return Ok(verdict::nothing_analysed(out, summary.counts.inputs));
    }
    publish(staging, &sinks, out)?;
    Ok(verdict::finish(
        out,
        &summary.counts,
        &summary.alerts,
        args.quiet,
    ))
}

/// The folder a file is in (`.` for a bare name).
fn folder_of(file: &Path) -> &Path {
    match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Reads every file of partials (standard input when none, or `-`).
fn read_all(files: &[std::path::PathBuf], gathered: &mut Gathered) -> anyhow::Result<()> {
    if files.is_empty() {
        return read_one(Path::new("-"), gathered);
    }
    for f in files {
        read_one(f, gathered)?;
    }
    Ok(())
}

fn read_one(path: &Path, gathered: &mut Gathered) -> anyhow::Result<()> {
    let name = path.display().to_string();
    let mut reader: Box<dyn BufRead> = if name == "-" {
        Box::new(BufReader::with_capacity(1 << 20, std::io::stdin().lock()))
    } else {
        Box::new(BufReader::with_capacity(
            1 << 20,
            File::open(path).with_context(|| format!("cannot open {name}"))?,
        ))
    };
    let shown = if name == "-" { "standard input" } else { &name };
    read_partials(shown, &mut reader, gathered)?;
    Ok(())
}
