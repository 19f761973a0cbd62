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
    let Some(out) = args.out.clone().filter(|_| !args.partial) else {
        let stdout = std::io::stdout();
        let mut gathered =
            Gathered::passing_to(Box::new(BufWriter::with_capacity(1 << 20, stdout.lock())));
        read_all(&args.files, &mut gathered)?;
        gathered
            .finish_partial()
            .context("cannot write the partials")?;
        return Ok(Outcome::Success);
    };
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
    let opts = args.report.csv_options();
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
