//! run.json: what a run read, with which settings, and what it found.
//!
//! It holds no wall-clock time and no worker count, so the same inputs and
//! options give byte-identical files (issue 5).

use serde::Serialize;

/// The whole run.json document.
#[derive(Debug, Clone, Serialize)]
pub struct RunSummary {
    /// Always `threadwatch`.
    pub tool: &'static str,
    /// The tool's version.
    pub version: &'static str,
    /// Hash of the word lists in use (built-in plus --lexicon-dir).
    pub lexicon_version: String,
    /// Hash of the learned layer's weights.
    pub model_version: String,
    /// Options that change the output.
    pub options: RunOptions,
    /// Every input, in the order read.
    pub inputs: Vec<InputRecord>,
    /// Totals.
    pub counts: RunCounts,
    /// Each `--alert` rule, its value and whether it was crossed.
    pub alerts: Vec<AlertResult>,
    /// With `--incremental`: what was reused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incremental: Option<IncrementalRecord>,
}

/// How an `--incremental` run used its state.
#[derive(Debug, Clone, Serialize)]
pub struct IncrementalRecord {
    /// The state file.
    pub state: String,
    /// Inputs taken from the state unchanged.
    pub reused: usize,
    /// Inputs read and analysed.
    pub analysed: usize,
}

/// Options recorded in run.json.
#[derive(Debug, Clone, Serialize)]
pub struct RunOptions {
    /// Report format: csv, tsv or jsonl.
    pub format: String,
    /// CSV field separator.
    pub delimiter: String,
    /// UTF-8 byte-order mark written.
    pub bom: bool,
    /// --lexicon-dir, if any.
    pub lexicon_dir: Option<String>,
    /// --glob, if any.
    pub glob: Option<String>,
    /// The `uncivil` threshold.
    pub uncivil_threshold: f64,
    /// Uncivil comments at one person that make harassment.
    pub harassment_min: usize,
    /// Distinct attackers in a thread that make a dogpile.
    pub dogpile_min: usize,
    /// --model, if any (issue 15).
    pub model: Option<String>,
    /// The learned layer's kind and format: `builtin` or `site-v2` (the site model format version).
    pub model_format: String,
    /// Hex SHA-256 of the model file (of the built-in weights by default).
    pub model_sha256: String,
}

/// One input's line in run.json.
#[derive(Debug, Clone, Serialize)]
pub struct InputRecord {
    /// As named (`-` for standard input).
    pub path: String,
    /// Size in bytes.
    pub bytes: u64,
    /// Hex SHA-256 of the content (empty when unreadable).
    pub sha256: String,
    /// Comments parsed (0 on error).
    pub comments: usize,
    /// The error, when the input failed.
    pub error: Option<String>,
    /// No text at all: 0 bytes, or only blanks and a byte-order mark (a
    /// failed download?).  Such an input is a warning, not an error.
    pub empty: bool,
}

/// Run totals.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RunCounts {
    /// Inputs named.
    pub inputs: usize,
    /// Inputs that failed.
    pub failed: usize,
    /// Threads analysed.
    pub threads: usize,
    /// Comments analysed.
    pub comments: usize,
    /// Uncivil comments.
    pub uncivil_comments: usize,
    /// Named authors.
    pub users: usize,
    /// Ordered author pairs.
    pub pairs: usize,
    /// Pairs flagged as harassment.
    pub harassment: usize,
    /// Dogpiles over all threads.
    pub dogpiles: usize,
    /// Repeated taunts.
    pub taunts: usize,
    /// Inputs that were empty (see [`InputRecord::empty`]).
    pub empty_inputs: usize,
}

/// An evaluated `--alert` rule.
#[derive(Debug, Clone, Serialize)]
pub struct AlertResult {
    /// The rule as given.
    pub rule: String,
    /// The metric's value for this run.
    pub value: f64,
    /// Whether the rule fired.
    pub crossed: bool,
    /// Who tripped it, worst first, each with its value: threads (by
    /// source), users, pairs (`from -> to`) or inputs; at most 20.
    pub tripped: Vec<String>,
    /// How many tripped it in all.
    pub tripped_total: usize,
}

/// run.json text: pretty-printed, ending with a newline.
pub fn to_json(summary: &RunSummary) -> String {
    let mut s =
        serde_json::to_string_pretty(summary).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}

/// run.json as a [`Sink`](crate::pipeline::Sink): written last, from the summary.
#[derive(Debug, Default)]
pub struct RunJson {
    dir: std::path::PathBuf,
}

impl crate::pipeline::Sink for RunJson {
    fn files(&self) -> Vec<String> {
        vec!["run.json".to_owned()]
    }

    fn begin(&mut self, dir: &std::path::Path) -> std::io::Result<()> {
        dir.clone_into(&mut self.dir);
        Ok(())
    }

    fn comments(&mut self, _: &[crate::pipeline::CommentRecord]) -> std::io::Result<()> {
        Ok(())
    }

    fn comment_piece(&mut self, _: &std::path::Path) -> std::io::Result<()> {
        Ok(())
    }

    fn people(&mut self, _: crate::pipeline::Tables<'_>) -> std::io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, summary: &RunSummary) -> std::io::Result<()> {
        let path = self.dir.join("run.json");
        std::fs::write(&path, to_json(summary))
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))
    }
}
