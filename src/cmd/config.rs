//! `threadwatch.toml`: settings for unattended runs, so a crontab line can
//! stay short.  Found via `--config FILE` or as `threadwatch.toml` in the
//! working folder; a flag given on the command line always wins.  Unknown
//! keys are errors, so a typo never silently drops a setting.
//!
//! ```toml
//! [analyze]
//! out = "reports"
//! glob = "*.txt"
//! lexicon_dir = "lists"
//! allow = "allow.txt"  # words and names that never count
//! alert = ["harassment>0", "uncivil_rate>0.3"]   # or one rule: alert = "harassment>0"
//! format = "csv"        # csv, tsv or jsonl
//! delimiter = ";"
//! bom = true
//! quiet = true
//! jobs = 2
//! lock = "/run/threadwatch.lock"
//! lock_timeout = 60
//! incremental = "/var/lib/threadwatch/state"
//! uncivil_threshold = 0.5
//! model = "site.model" # a site model from `threadwatch train`
//! harassment_min = 2   # uncivil comments at one person that make harassment
//! dogpile_min = 3      # distinct attackers of one person in a thread
//! xlsx = true          # also write threadwatch.xlsx
//! html = true          # also write report.html
//! dot = "attacks.dot"  # also write the who-attacks-whom graph
//! tz = "Europe/Paris"  # zone of page times that name none (default UTC)
//!
//! [serve]
//! listen = "127.0.0.1:8080"
//! keys = "/etc/threadwatch/keys.txt"
//! decisions = "/var/lib/threadwatch/decisions.jsonl"
//! model = "site.model"
//! rate = 100            # requests per second per key
//! ```

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use clap::parser::ValueSource;
use clap::ArgMatches;
use serde::Deserialize;

use crate::cli::{AnalyzeArgs, FormatArg};

/// The whole file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Settings for `threadwatch analyze`.
    #[serde(default)]
    pub analyze: AnalyzeConfig,
    /// Settings for `threadwatch serve` (issue 28).
    #[serde(default)]
    pub serve: super::serve::ServeConfig,
}

/// `[analyze]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnalyzeConfig {
    out: Option<PathBuf>,
    glob: Option<String>,
    lexicon_dir: Option<PathBuf>,
    allow: Option<PathBuf>,
    /// `alert`, like the flag; `alerts` (its first name) still reads.
    #[serde(alias = "alerts")]
    alert: Option<OneOrMany>,
    format: Option<String>,
    delimiter: Option<String>,
    bom: Option<bool>,
    quiet: Option<bool>,
    jobs: Option<usize>,
    lock: Option<PathBuf>,
    lock_timeout: Option<f64>,
    incremental: Option<PathBuf>,
    uncivil_threshold: Option<f64>,
    model: Option<PathBuf>,
    harassment_min: Option<usize>,
    dogpile_min: Option<usize>,
    xlsx: Option<bool>,
    html: Option<bool>,
    dot: Option<PathBuf>,
    tz: Option<String>,
}

/// A key that takes one value or a list.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// Reads `--config FILE`, or `threadwatch.toml` when present; `None`
/// when neither exists.
pub fn load(explicit: Option<&Path>) -> anyhow::Result<Option<Config>> {
    let path = match explicit {
        Some(p) => p.to_owned(),
        None => {
            let p = PathBuf::from("threadwatch.toml");
            if !p.exists() {
                return Ok(None);
            }
            p
        }
    };
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read config {}", path.display()))?;
    let config: Config = toml::from_str(&text).map_err(|e| {
        anyhow::anyhow!(
            "{}: {}; fix the file or pass --config another.toml",
            path.display(),
            e.message()
        )
        .context(format!("bad config file {}", path.display()))
    })?;
    tracing::info!(config = %path.display(), "using config file");
    Ok(Some(config))
}

/// Fills the `analyze` flags that were not given on the command line.
pub fn apply(config: &AnalyzeConfig, args: &mut AnalyzeArgs, m: &ArgMatches) -> anyhow::Result<()> {
    let unset = |id: &str| m.value_source(id) != Some(ValueSource::CommandLine);
    if unset("out") {
        if let Some(v) = &config.out {
            args.out = Some(v.clone());
        }
    }
    if unset("glob") && config.glob.is_some() {
        args.input.glob = config.glob.clone();
    }
    if unset("lexicon_dir") && config.lexicon_dir.is_some() {
        args.scoring.lexicon_dir = config.lexicon_dir.clone();
    }
    if unset("allow") && config.allow.is_some() {
        args.scoring.allow = config.allow.clone();
    }
    if unset("tz") && config.tz.is_some() {
        args.input.format.tz = config.tz.clone();
    }
    if unset("alert") {
        match &config.alert {
            Some(OneOrMany::One(rule)) => args.report.alert = vec![rule.clone()],
            Some(OneOrMany::Many(rules)) => args.report.alert = rules.clone(),
            None => {}
        }
    }
    if unset("format") {
        if let Some(v) = &config.format {
            args.report.format = match v.as_str() {
                "csv" => FormatArg::Csv,
                "tsv" => FormatArg::Tsv,
                "jsonl" => FormatArg::Jsonl,
                other => bail!("config: format: expected csv, tsv or jsonl, found {other:?}"),
            };
        }
    }
    if unset("delimiter") {
        if let Some(v) = &config.delimiter {
            match v.as_bytes() {
                [b] if b.is_ascii() && *b != b'"' => args.report.delimiter = *b,
                _ => bail!("config: delimiter: expected one ASCII character, found {v:?}"),
            }
        }
    }
    if unset("bom") {
        args.report.bom = config.bom.unwrap_or(args.report.bom);
    }
    if unset("quiet") {
        args.run.quiet = config.quiet.unwrap_or(args.run.quiet);
    }
    if unset("jobs") && config.jobs.is_some() {
        args.run.jobs = config.jobs;
    }
    if unset("lock") && config.lock.is_some() {
        args.report.lock = config.lock.clone();
    }
    if unset("lock_timeout") {
        args.report.lock_timeout = config.lock_timeout.unwrap_or(args.report.lock_timeout);
    }
    if unset("xlsx") {
        args.report.xlsx = config.xlsx.unwrap_or(args.report.xlsx);
    }
    if unset("html") {
        args.report.html = config.html.unwrap_or(args.report.html);
    }
    if unset("dot") && config.dot.is_some() {
        args.report.dot = config.dot.clone();
    }
    if unset("incremental") && config.incremental.is_some() {
        args.incremental = config.incremental.clone();
    }
    if unset("model") && config.model.is_some() {
        args.scoring.model = config.model.clone();
    }
    if let Some(x) = config.uncivil_threshold {
        if !(0.0..=1.0).contains(&x) {
            bail!("config: uncivil_threshold: expected a number from 0 to 1, found {x}");
        }
        if unset("uncivil_threshold") {
            args.scoring.uncivil_threshold = x;
        }
    }
    for (key, value, field) in [
        (
            "harassment_min",
            config.harassment_min,
            &mut args.report.harassment_min,
        ),
        (
            "dogpile_min",
            config.dogpile_min,
            &mut args.scoring.dogpile_min,
        ),
    ] {
        match value {
            Some(0) => bail!("config: {key}: expected a whole number of at least 1, found 0"),
            Some(n) if unset(key) => *field = n,
            _ => {}
        }
    }
    Ok(())
}
