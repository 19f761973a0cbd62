//! Command-line interface: clap derive types.  All help text lives here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use threadwatch::analyze::category::CATEGORIES;
use threadwatch::analyze::incivility::UNCIVIL_THRESHOLD;
use threadwatch::analyze::people::{DOGPILE_MIN, HARASSMENT_MIN};
use threadwatch::report::csv::Format;
use threadwatch::term::Color;

const EXIT_CODES: &str = "\
Exit status:
  0  every input was analysed
  1  done, but some inputs failed (each is reported on stderr)
  2  usage or fatal error (bad arguments, unwritable output, lock held)
  3  analyze only: every input was analysed and an --alert rule held
     (failed inputs take precedence: 1)
A broken pipe (e.g. `threadwatch tree page.txt | head`) exits 0.";

/// The category columns of a report, one line each, from the category
/// table (so a new category documents itself).
fn flag_lines(indent: &str) -> String {
    let mut out = String::new();
    for def in CATEGORIES {
        out.push_str(&format!("{indent}{:<18}{}\n", def.name, def.help));
    }
    out
}

const ANALYZE_HELP: &str = "\
Reports (written atomically into --out; existing files are replaced):
  comments.csv  one row per comment, in input order then thread order:
    source       the input, as named on the command line
    thread       the article's headline
    comment_id   dotted path: 1, 1.1, 1.1.1, 2, ...
    parent_id    dotted id of the comment replied to; empty at top level
    depth        1 for top-level comments
    line         source line of the comment's bullet
    author       author's name; empty for anonymous comments
    words        words in the body
    excerpt      first 160 characters of the body, on one line
    reply_to_id  comment answered: a quoted earlier sibling (sites flatten
                 replies past their depth cap), else parent_id
    incivility   score in [0, 1], three decimals
    uncivil      1 when incivility >= 0.5
    then one 0/1 column per category:
";

/// The rest of `analyze --help`, after the category columns.
const ANALYZE_HELP_TAIL: &str = "\
    target       commenter, public_figure, group or empty
    target_author the commenter aimed at, when known
    quoted_from  comment_id of the comment quoted, if any
    evidence     matched words per category, e.g.
                 name_calling: Einstein -> gypsyken | shouting: ELECTORAL COLLEGE
  Quoted words from an earlier comment and repeated signature lines are not
  scored as their author's incivility; they appear as `quoted from ...`.

  users.csv  one row per named author (anonymous comments are nobody's),
             sorted by risk (descending), then author:
    author, comments, threads, uncivil_comments, uncivil_rate,
    mean_incivility, max_incivility, name_calling, attacks_on_commenters
    (uncivil comments aimed at a commenter), distinct_targets, top_target,
    repeated_taunts, top_taunt, harassment (persons aimed at with 2+ uncivil
    comments), risk = uncivil_comments + 2 x attacks_on_commenters
    + 3 x harassment + repeated_taunts + max_incivility
  interactions.csv  one row per ordered pair of named authors, sorted by
             harassment, uncivil_replies, replies (descending), then names:
    from_author, to_author, replies, uncivil_replies, name_calling,
    harassment (0/1), comment_ids (source#comment_id ...)
  taunts.csv  a jab an author repeats in 2+ comments (a phrase carrying a
             flagged word, or the same epithet), sorted by occurrences
             (descending), author, first occurrence:
    author, taunt (as first written), occurrences, threads, comment_ids,
    targets
  threads.csv  one row per thread, in input order:
    source, thread, comments, participants, anonymous_comments, max_depth,
    uncivil_comments, uncivil_rate, dogpiles (persons attacked by 3+
    distinct authors), top_offender
  run.json   tool and word-list/model versions, options, every input with
             its size and sha256, counts, alerts; no clock time, so the
             same inputs and options give byte-identical files.
  Cells starting with = + - @, tab or CR get a leading ' so that no
  spreadsheet runs them as formulas.
  The set is written into a staging folder and swapped in at once: a run
  killed at any moment leaves the previous complete set or the new one.

Examples:
  threadwatch analyze data/samples/*.txt --out reports
  threadwatch analyze pages/*.txt --out reports --jobs 2 --bom
  threadwatch analyze pages/*.txt --out reports --lexicon-dir my-lists
  threadwatch analyze pages/ --glob '*.txt' --out reports --quiet --alert 'harassment>0'";

const GEN_HELP: &str = "\
The same arguments always give the same bytes.  Pages are written as
DIR/page_000000.txt, DIR/page_000001.txt, ... with sizes drawn from a long
tail (most a few kilobytes, a few hundred kilobytes), or as one file
DIR/page.txt with --single-page.  A megabyte is 1,000,000 bytes; the
corpus ends at most a few kilobytes past the size asked for.

Examples:
  threadwatch gen --out /tmp/corpus --megabytes 50
  threadwatch gen --out /tmp/big --megabytes 1000 --single-page
  threadwatch gen --out /tmp/corpus --megabytes 5 --texts /tmp/texts.txt";

/// Read news comment sections, rebuild each thread as a reply tree and
/// write reports a spreadsheet opens cleanly.
#[derive(Debug, Parser)]
#[command(name = "threadwatch", version, after_long_help = EXIT_CODES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,

    /// When to colour terminal output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, global = true)]
    pub color: ColorArg,

    /// Settings file (default: threadwatch.toml in the working folder, if
    /// present); flags given on the command line win.
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,

    /// Log what the run does to stderr (-v: steps, -vv: details).
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse every input and write the reports into a folder.
    #[command(after_long_help = format!(
        "{ANALYZE_HELP}{}{ANALYZE_HELP_TAIL}\n\n{EXIT_CODES}",
        flag_lines("      ")
    ))]
    Analyze(AnalyzeArgs),
    /// Print the reply tree of one page, to see how it was read.
    #[command(after_long_help = "Each line: dotted id, author (or (anonymous)), \
        depth, source line and the first words of the body, indented two \
        spaces per reply level.\n\nExample:\n  threadwatch tree page.txt")]
    Tree(TreeArgs),
    /// Validate pages without writing anything; errors go to stderr.
    #[command(after_long_help = format!(
        "Prints one summary line per valid page unless --quiet.\n\n{EXIT_CODES}"
    ))]
    Check(CheckArgs),
    /// Score standalone texts from a CSV file (a spreadsheet export, a
    /// labelled corpus).
    #[command(
        after_long_help = format!(
            "Output columns: id, incivility, uncivil, then 0/1 per category:\n{}\
            target, evidence.\n\nExample:\n  \
            threadwatch score --input export.csv --text-col text --id-col id --out scored.csv",
            flag_lines("  ")
        )
    )]
    Score(ScoreArgs),
    /// Show how one text is scored: normalised text, every match, the
    /// learned layer's words and the result.
    Explain(ExplainArgs),
    /// Measure accuracy against a labelled CSV file: ROC AUC, average
    /// precision, and precision/recall/F1 at the shipped threshold.
    #[command(
        after_long_help = "Rows whose label cell is not 0 or 1 are skipped.\n\nExample:\n  \
        threadwatch eval --gold ../shared/corpora/reddit_incivility/dev.csv --label uncivil"
    )]
    Eval(EvalArgs),
    /// Write a folder of made-up comment pages for benchmarks: Zipf-like
    /// authors, long-tailed comment lengths, insults from the built-in word
    /// lists, quotes of earlier comments, anonymous comments.
    #[command(after_long_help = GEN_HELP)]
    Gen(GenArgs),
    /// Print a shell completion script, e.g.
    /// `threadwatch completions bash > ~/.local/share/bash-completion/completions/threadwatch`.
    Completions(CompletionsArgs),
    /// Print the man page (roff), e.g. `threadwatch man > threadwatch.1`.
    Man,
}

/// `threadwatch completions`
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write completions for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Shells `completions` supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    /// GNU bash.
    Bash,
    /// Z shell.
    Zsh,
    /// fish.
    Fish,
}

/// `threadwatch score`
#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// CSV file with a header line.
    #[arg(long, value_name = "FILE.csv")]
    pub input: PathBuf,
    /// Column holding the text.
    #[arg(long, default_value = "text")]
    pub text_col: String,
    /// Column holding the row id, copied to the output.
    #[arg(long, default_value = "id")]
    pub id_col: String,
    /// Output CSV file (written atomically).
    #[arg(long, value_name = "OUT.csv")]
    pub out: PathBuf,
    /// Folder of word lists replacing or extending the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub lexicon_dir: Option<PathBuf>,
    /// Worker threads (default: one per CPU).  Output does not depend on it.
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
}

/// `threadwatch explain`
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The text to explain.
    pub text: String,
    /// Folder of word lists replacing or extending the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub lexicon_dir: Option<PathBuf>,
}

/// `threadwatch eval`
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Labelled CSV file.
    #[arg(long, value_name = "FILE.csv")]
    pub gold: PathBuf,
    /// Column holding the 0/1 label.
    #[arg(long, value_name = "COL")]
    pub label: String,
    /// Column holding the text.
    #[arg(long, default_value = "text")]
    pub text_col: String,
    /// Column holding the row id.
    #[arg(long, default_value = "id")]
    pub id_col: String,
    /// What to rank by: incivility, targeted (incivility aimed at a person)
    /// or a flag column such as name_calling.
    #[arg(long, default_value = "incivility")]
    pub score: String,
    /// Folder of word lists replacing or extending the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub lexicon_dir: Option<PathBuf>,
    /// Worker threads (default: one per CPU).
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
}

/// Where the pages come from (`analyze`, `check`).
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Comment pages: files, folders (read recursively; hidden entries are
    /// skipped), or `-` for standard input.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Only read files in folders whose path matches this glob, e.g.
    /// '*.txt' (files named directly are always read).
    #[arg(long, value_name = "GLOB")]
    pub glob: Option<String>,
    /// Also read the inputs listed in this file, one path per line.
    #[arg(long, value_name = "LIST")]
    pub files_from: Option<PathBuf>,
}

/// `threadwatch analyze`
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Folder for the reports (created if missing); required here or in
    /// the config file.
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub run: RunArgs,
    /// Start each CSV with a UTF-8 byte-order mark, for Excel.
    #[arg(long)]
    pub bom: bool,
    /// Folder of word lists that replace (`<category>.txt`) or extend
    /// (`<category>.add.txt`) the built-in ones, and of `allow.txt`, words
    /// and names that never count; format in grammars/lexicon.ebnf.
    #[arg(long, value_name = "DIR")]
    pub lexicon_dir: Option<PathBuf>,
    /// An allow-list anywhere (words, phrases and names that never count),
    /// added to the built-in one and to the --lexicon-dir's allow.txt.
    #[arg(long, value_name = "FILE")]
    pub allow: Option<PathBuf>,
    /// Exit with status 3 when RULE holds for the run, e.g.
    /// 'uncivil_rate>0.3' or 'harassment>0'.  Metrics: uncivil_rate,
    /// uncivil_comments, harassment, dogpiles, taunts, comments; operators
    /// > >= < <= ==.  Repeatable.
    #[arg(long, value_name = "RULE")]
    pub alert: Vec<String>,
    /// Lock file that keeps two runs from writing the same folder
    /// (default: .<out folder name>.lock beside the folder).
    #[arg(long, value_name = "FILE")]
    pub lock: Option<PathBuf>,
    /// Seconds to wait for another run's lock before giving up (exit 2).
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    pub lock_timeout: f64,
    /// Report format: csv, tsv (tab-separated) or jsonl (one JSON object
    /// per line, not neutralised for spreadsheets).
    #[arg(long, value_enum, default_value_t = FormatArg::Csv)]
    pub format: FormatArg,
    /// Field separator: one ASCII character, e.g. ';' for locales whose
    /// decimal separator is a comma.
    #[arg(long, default_value = ",", value_parser = parse_delimiter)]
    pub delimiter: u8,
    /// Keep what each input gave in STATE and, next time, skip inputs whose
    /// path and content are unchanged; reports still cover every input
    /// named.  Created on the first run.
    #[arg(long, value_name = "STATE")]
    pub incremental: Option<PathBuf>,
    /// Score at or above which a comment is `uncivil` (0 to 1); lower it
    /// to catch more, raise it to flag fewer.
    #[arg(long, value_name = "SCORE", default_value_t = UNCIVIL_THRESHOLD,
          value_parser = unit_interval)]
    pub uncivil_threshold: f64,
    /// Uncivil comments aimed at one person that make harassment.
    #[arg(long, value_name = "N", default_value_t = HARASSMENT_MIN,
          value_parser = at_least_one)]
    pub harassment_min: usize,
    /// Distinct attackers of one person in one thread that make a dogpile.
    #[arg(long, value_name = "N", default_value_t = DOGPILE_MIN,
          value_parser = at_least_one)]
    pub dogpile_min: usize,
}

/// `threadwatch gen`
#[derive(Debug, Args)]
pub struct GenArgs {
    /// Folder for the pages; created if missing, and must be empty.
    #[arg(long, short, value_name = "DIR")]
    pub out: PathBuf,
    /// Size of the corpus in megabytes (10^6 bytes); fractions allowed.
    #[arg(long, value_name = "N")]
    pub megabytes: f64,
    /// Seed of the random stream.
    #[arg(long, value_name = "S", default_value_t = 0x5EED)]
    pub seed: u64,
    /// Write one page of the whole size instead of many pages.
    #[arg(long)]
    pub single_page: bool,
    /// Distinct commenters across the corpus (Zipf-like: the k-th writes
    /// about 1/k as much as the first).
    #[arg(long, value_name = "N", default_value_t = 20_000)]
    pub authors: usize,
    /// Deepest reply level; replies past it become later siblings, as on
    /// sites that cap nesting.
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub max_depth: usize,
    /// Comment lengths: news (three in five one sentence, about 180 bytes
    /// on average) or long (about 350 bytes on average); both have a tail
    /// past 5,000 bytes.
    #[arg(long, value_enum, default_value_t = LengthsArg::News)]
    pub lengths: LengthsArg,
    /// Percent of comments that carry an insult from the word lists (with
    /// the generated words that lean uncivil, "ridiculous" or "rubbish",
    /// about a fifth of the comments score as uncivil at 15).
    #[arg(long, value_name = "PCT", default_value_t = 15.0)]
    pub uncivil: f64,
    /// Percent of comments that open by quoting an earlier comment.
    #[arg(long, value_name = "PCT", default_value_t = 6.0)]
    pub quotes: f64,
    /// Also write every comment body to this file, one per line (line
    /// breaks and indentation folded to single spaces), for scoring the
    /// same texts with other tools.
    #[arg(long, value_name = "FILE")]
    pub texts: Option<PathBuf>,
    /// Folder of word lists replacing or extending the built-in ones
    /// (insults are drawn from the result).
    #[arg(long, value_name = "DIR")]
    pub lexicon_dir: Option<PathBuf>,
}

/// `threadwatch tree`
#[derive(Debug, Args)]
pub struct TreeArgs {
    /// The page to show.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

/// `threadwatch check`
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub run: RunArgs,
}

/// Options shared by commands that read many inputs.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Worker threads (default: one per CPU).  Output does not depend on it.
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

/// `gen --lengths`
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LengthsArg {
    /// Mostly one-sentence comments.
    News,
    /// Longer comments.
    Long,
}

/// `--format`
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Comma-separated values.
    Csv,
    /// Tab-separated values.
    Tsv,
    /// JSON lines.
    Jsonl,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Csv => Format::Csv,
            FormatArg::Tsv => Format::Tsv,
            FormatArg::Jsonl => Format::Jsonl,
        }
    }
}

/// `--color`
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// Colour when stdout is a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl From<ColorArg> for Color {
    fn from(c: ColorArg) -> Self {
        match c {
            ColorArg::Auto => Color::Auto,
            ColorArg::Always => Color::Always,
            ColorArg::Never => Color::Never,
        }
    }
}

fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s.as_bytes() {
        [b] if b.is_ascii() && *b != b'"' && *b != b'\n' && *b != b'\r' => Ok(*b),
        _ if s == "\\t" || s == "tab" => Ok(b'\t'),
        _ => Err(format!(
            "expected one ASCII character other than a quote or line end, found {s:?}"
        )),
    }
}

/// A count of at least 1 (a threshold of 0 would flag everyone).
fn at_least_one(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!(
            "expected a whole number of at least 1, found {s:?}"
        )),
    }
}

/// A score between 0 and 1.
pub fn unit_interval(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("expected a number from 0 to 1, found {s:?}")),
    }
}
