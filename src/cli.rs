//! Command-line interface: clap derive types.  All help text lives here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use threadwatch::analyze::category::CATEGORIES;
use threadwatch::analyze::incivility::UNCIVIL_THRESHOLD;
use threadwatch::analyze::people::{DOGPILE_MIN, HARASSMENT_MIN};
use threadwatch::report::csv::{CsvOptions, Format};
use threadwatch::term::Color;

const EXIT_CODES: &str = "\
Exit status:
  0  every input was analysed
  1  done, but some inputs failed (each is reported on stderr)
  2  usage or fatal error (bad arguments, missing parent of --out,
     unwritable output, lock held); the previous reports are kept
  3  analyze only: an --alert rule held; some inputs may also have failed
     (an alert wins over 1: the failures are printed and in run.json)
  4  analyze only: nothing was analysed (every input failed, or none
     matched); the previous reports are left exactly as they were
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
    depth        1 for top-level comments; at most 100: a reply nested
                 deeper is read at level 100, after the comment it
                 answers, with a warning (every source)
    line         source line of the comment's bullet
    author       author's name as the page or platform shows it (Disqus:
                 the display name); empty for anonymous comments and
                 Disqus guests
    words        words in the body
    excerpt      first 160 characters of the body, on one line
    reply_to_id  comment answered: a quoted earlier sibling (sites flatten
                 replies past their depth cap), else parent_id
    incivility   score in [0, 1], three decimals; empty when not scored
    uncivil      1 when incivility >= 0.5; empty when not scored (language)
    then one 0/1 column per category:
";

/// The rest of `analyze --help`, after the category columns.
const ANALYZE_HELP_TAIL: &str = "\
    target       at whom the uncivil words are aimed: commenter, person,
                 public_figure, group or empty. The first that fits:
                 a participant named, \"you\", plural address (\"you
                 people\", \"the dummies who down-voted\"), an @handle next
                 to the word, or a bare insult in a reply: commenter;
                 one person by a noun or a pointer (\"my neighbour\",
                 \"your husband\", \"that guy\", \"this little creep\"):
                 person; an office (\"the mayor\", \"the PM\"), a titled
                 name, a full name, or a surname in figures.txt:
                 public_figure; \"he\"/\"she\" or one unlisted name said to
                 be one (\"Okafor is a liar\"): person, or public_figure
                 when the text named one just before; group terms only
                 (plural insults, \"those\", \"people\", \"Muslims\"; \"this
                 woman\" is a person): group. Of several, the first of
                 commenter, person, public_figure, group
    target_author the commenter aimed at, when known
    quoted_from  comment_id of the comment quoted, if any
    evidence     matched words per category, e.g.
                 name_calling: Einstein -> gypsyken | shouting: ELECTORAL COLLEGE
    comment_ref  source#comment_id, the comment's key across a run
    external_id  the platform's id of the comment (exports); empty for pages
    created      when posted, ISO 8601 UTC; empty when unknown
    status       approved, pending, spam, deleted, or empty (a page's
                 comment whose body is [deleted] or [removed] is deleted)
    review       empty, for moderators to fill with ok or remove (also
                 keep, delete, 1, 0); `threadwatch train --gold
                 comments.csv --label-col review` learns from it
    text         the comment's full text (line breaks kept)
    author_id    the platform's stable id of the author: Disqus username,
                 Reddit author, WordPress user id (else a hash of the
                 e-mail, never the address); empty for pages and anonymous
                 comments.  The per-user reports count people by it, so
                 two people with one display name stay two (shown as
                 `Name (id)` there when their names clash)
    language     the comment's language, en, es, fr, de, pt... (ISO 639-1,
                 else 639-3); empty when too short to tell (then scored as
                 English).  Another language is not scored (incivility and
                 uncivil empty, evidence `not scored: language xx`) unless
                 --lexicon-dir has word lists for it in a subfolder es/,
                 fr/, de/ or pt/ (starter lists: data/lexicons/lang/)
  Quoted words from an earlier comment and repeated signature lines are not
  scored as their author's incivility; they appear as `quoted from ...`.
  A quote is text in double quotes (straight, curly or low), a run of
  lines starting with `>` (pages, Reddit's &gt;), or an export's
  <blockquote>; it sets quoted_from when it matches an earlier comment
  of the thread.

  users.csv  one row per named author (anonymous comments are nobody's),
             sorted by risk (descending), then author:
    author, comments, threads, uncivil_comments, uncivil_rate,
    mean_incivility, max_incivility, name_calling, attacks_on_commenters
    (uncivil comments aimed at a commenter), distinct_targets, top_target,
    repeated_taunts, top_taunt, harassment (persons aimed at with 2+ uncivil
    comments), risk = uncivil_comments + 2 x attacks_on_commenters
    + 3 x harassment + repeated_taunts + max_incivility, first_seen,
    last_seen (ISO 8601 UTC of the author's earliest and latest comment
    with a time).  Authors with an author_id are one person per id;
    others, names that differ only in case are one author, shown as
    first seen.
  interactions.csv  one row per ordered pair of named authors, sorted by
             harassment, uncivil_replies, replies (descending), then names:
    from_author, to_author, replies, uncivil_replies, name_calling,
    harassment (0/1), comment_ids (source#comment_id ...)
  taunts.csv  a jab an author repeats in 2+ comments (a phrase carrying a
             flagged word, or the same epithet), sorted by occurrences
             (descending), author, first occurrence:
    author, taunt (as first written), occurrences, threads, comment_ids,
    targets, first_seen, last_seen (times of its first and last comment)
  threads.csv  one row per thread, in input order:
    source, thread, comments, participants, anonymous_comments, max_depth,
    uncivil_comments, uncivil_rate, dogpiles (persons attacked by 3+
    distinct authors), top_offender, orphans (replies whose parent the
    export lacks; shown as top-level), first_comment, last_comment
  run.json   tool and word-list/model versions, options, every input with
             its size and sha256, counts, alerts; no clock time, so the
             same inputs and options give byte-identical files.
  threadwatch.xlsx  with --xlsx: every report as a sheet, after a first
             `flagged` sheet (uncivil comments, worst first, full text,
             evidence, a link to the row in `comments`); ids and text as
             text, numbers as numbers; a sheet over 1,048,576 rows goes on
             in `comments (2)`, ...
  report.html  with --html: one self-contained page (no network) to read
             the run: where to start, the worst comments, who attacks whom,
             the people, and the worst threads (up to 500) as reply trees
             with filters and a search box.
  Cells starting with = + - @, tab or CR get a leading ' so that no
  spreadsheet runs them as formulas.
  The set is written into a hidden staging folder inside --out, then moved
  into place through a journal (.threadwatch-commit): a run killed at any
  moment leaves the previous set or the new one, or a commit the next run
  finishes first (docs/ROBUSTNESS.md).  The folder itself is never replaced:
  it keeps its inode, mode, owner and group, may be a mount point or a
  symlink, and new reports take its group.  Only the last part of --out is
  created; a missing parent is an error.
  An input that is empty or blank is a warning, counted in run.json
  (counts.empty_inputs); a compressed or binary input is an error that says
  what it is and how to decompress it.

Examples:
  threadwatch analyze data/samples/*.txt --out reports
  threadwatch analyze pages/*.txt --out reports --jobs 2 --bom
  threadwatch analyze pages/*.txt --out reports --lexicon-dir my-lists
  threadwatch analyze pages/ --glob '*.txt' --out reports --quiet --alert 'harassment>0'
  threadwatch analyze pages/ -o reports --alert 'thread.uncivil_rate>0.5' --alert 'user.harassment>0'
  threadwatch analyze pages/*.txt --out reports --xlsx --html --dot attacks.dot";

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

const TRAIN_HELP: &str = "\
Learns a site layer over the built-in scorer from the site's decisions, in
both directions: words and phrases the site removes or keeps, and how much
each word list counts, alone or by the kind of target it is aimed at
(\"insults of public figures are fine here\").  The built-in scorer is the
starting point: the regularisation is chosen by cross-validation, and unless
the site's rows beat the built-in ranking by more than twice the standard
error, and hold at least 30 rows of each kind, the ranking stays as it was
and only the threshold moves.

Prints the cross-validated ROC AUC of the built-in model and of the site
model on the rows, with a 95% interval, and says plainly when the rows are
too few to trust; the words and category weights that moved; and the
decision threshold (best cross-validated F1, or the lowest keeping
--precision), which the site model's scores put at 0.5.  Refuses (exit 2)
with fewer than 30 labelled rows or fewer than 5 of a kind.  The same rows
and options always give a byte-identical model.

The loop:
  threadwatch analyze pages/ --out reports
  (fill the review column of reports/comments.csv with ok or remove)
  threadwatch train --from reports --out site.model
  threadwatch analyze pages/ --out reports2 --model site.model
  (review reports2 too)
  threadwatch train --from reports reports2 --out site.model

Examples:
  threadwatch train --from reports --out site.model --precision 0.9
  threadwatch train --gold reports/comments.csv --label-col review --out site.model
  threadwatch train --gold decisions.csv --text-col body --label-col removed \\
      --id-col id --out site.model";

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
            target, evidence.\n\nExamples:\n  \
            threadwatch score export.csv --text-col text --id-col id -o scored.csv\n  \
            threadwatch score - -d ';' < export.csv > scored.csv\n  \
            threadwatch score --input export.csv --out scored.csv",
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
    /// Train a site model from the site's own moderation decisions (a
    /// labelled CSV such as reports/comments.csv with `review` filled in),
    /// for `--model`.
    #[command(after_long_help = TRAIN_HELP)]
    Train(TrainArgs),
    /// Serve the Perspective API's comments:analyze and
    /// comments:suggestscore offline, as a drop-in replacement (Coral Talk,
    /// Google's API clients).
    #[command(after_long_help = SERVE_HELP)]
    Serve(ServeArgs),
    /// Write a folder of made-up comment pages for benchmarks: Zipf-like
    /// authors, long-tailed comment lengths, insults from the built-in word
    /// lists, quotes of earlier comments, anonymous comments.
    #[command(after_long_help = GEN_HELP)]
    Gen(GenArgs),
    /// Distributed runs, step 1: analyse whole threads framed on standard
    /// input and write partial aggregates to standard output (Spark,
    /// Hadoop Streaming or a shell pipe; docs/SCALE.md).
    #[command(after_long_help = MAP_HELP)]
    Map(MapArgs),
    /// Distributed runs, step 2: combine partial aggregates from `map`, in
    /// any grouping and order, into partials again (--partial) or into the
    /// report set a single `analyze` writes (--out).
    #[command(after_long_help = format!("{MERGE_HELP}\n\n{EXIT_CODES}"))]
    Merge(MergeArgs),
    /// Print a shell completion script, e.g.
    /// `threadwatch completions bash > ~/.local/share/bash-completion/completions/threadwatch`.
    Completions(CompletionsArgs),
    /// Print the man page (roff), e.g. `threadwatch man > threadwatch.1`,
    /// or with --dir write one page per subcommand.
    Man(ManArgs),
}

/// `threadwatch completions`
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write completions for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// `threadwatch man`
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write `threadwatch.1` and one page per subcommand
    /// (`threadwatch-analyze.1`, ...) into DIR instead of printing the top
    /// page; DIR is created if missing.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
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
    /// CSV file with a header line, or `-` for standard input.
    #[arg(value_name = "INPUT", required_unless_present = "input")]
    pub file: Option<PathBuf>,
    /// The same as INPUT (the older spelling).
    #[arg(long, value_name = "FILE.csv", conflicts_with = "file")]
    pub input: Option<PathBuf>,
    /// Column holding the text.
    #[arg(long, default_value = "text")]
    pub text_col: String,
    /// Column holding the row id, copied to the output.
    #[arg(long, default_value = "id")]
    pub id_col: String,
    /// Output CSV file (written atomically), or `-` for standard output.
    #[arg(long, short, value_name = "OUT.csv", default_value = "-")]
    pub out: PathBuf,
    /// Field separator of INPUT and of the output: one ASCII character,
    /// e.g. ';' for a spreadsheet export from a locale with decimal commas.
    #[arg(long, short, default_value = ",", value_parser = parse_delimiter)]
    pub delimiter: u8,
    /// Folder of word lists replacing or extending the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub lexicon_dir: Option<PathBuf>,
    #[command(flatten)]
    pub allow_list: AllowArg,
    /// Worker threads (default: one per CPU).  Output does not depend on it.
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// Site model written by `threadwatch train` to use as the learned
    /// layer instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
}

/// `threadwatch explain`
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The text to explain, or `-` to read it from standard input.
    pub text: String,
    /// Folder of word lists replacing or extending the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub lexicon_dir: Option<PathBuf>,
    #[command(flatten)]
    pub allow_list: AllowArg,
    /// Site model written by `threadwatch train` to use as the learned
    /// layer instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
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
    #[command(flatten)]
    pub allow_list: AllowArg,
    /// Worker threads (default: one per CPU).
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// Site model written by `threadwatch train` to use as the learned
    /// layer instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
}

const SERVE_HELP: &str = "\
Endpoints (Perspective's v1alpha1 paths; Coral's endpoint setting is
http://HOST:PORT/v1alpha1):
  POST /v1alpha1/comments:analyze       scores: summaryScore is a calibrated
                                        probability; spanScores (the
                                        evidence) with spanAnnotations; a
                                        `threadwatch` object with evidence,
                                        target and flags
  POST /v1alpha1/comments:suggestscore  appends the decision to --decisions
                                        (flushed and fsynced before the 200)
  GET  /$discovery/rest?version=v1alpha1  the discovery document (also as
                                        /%24discovery/rest), for Google's
                                        API clients
  GET  /healthz                         200 while serving

Attributes: TOXICITY, SEVERE_TOXICITY, INSULT, PROFANITY, THREAT,
IDENTITY_ATTACK, and TW_<CATEGORY> for each category (TW_NAME_CALLING, ...).
Only English (`languages` other than en are a 400).

Errors have Google's shape {\"error\":{\"code\":..,\"message\":..,\"status\":..}}:
400 INVALID_ARGUMENT (bad JSON, unknown attribute, unsupported language,
empty text, text over 20,480 bytes), 413 (body over 1 MB), 403
PERMISSION_DENIED (missing or wrong key), 429 RESOURCE_EXHAUSTED (over
--rate for the key), 503 UNAVAILABLE (over --max-inflight), 408 (body
slower than --body-timeout).

Keys: --keys names a file of SHA-256 digests, one per line (`#` comments and
a name after the digest allowed); a request gives its key as ?key=KEY or the
x-goog-api-key header.  Keys are never logged.  Make a digest with
  printf '%s' \"$KEY\" | threadwatch serve --hash-key >> keys.txt
Without --keys every request is accepted (a warning is logged).

Signals: SIGTERM (or Ctrl-C) stops accepting, lets the requests in flight
finish and exits 0; SIGHUP reloads --model, --lexicon-dir, --allow and
--keys, all or nothing: a bad file keeps the previous set and logs why.

Settings may also come from the [serve] section of threadwatch.toml (listen,
keys, model, lexicon_dir, allow, decisions, rate, max_connections,
max_inflight, header_timeout, body_timeout, jobs); flags win.

Logs go to stderr: the address bound (`listening on http://ADDR/`, so
--listen 127.0.0.1:0 shows the port chosen), reloads and failures; -vv logs
every request (never its key).

Examples:
  threadwatch serve --listen 0.0.0.0:8080 --keys keys.txt --decisions decisions.jsonl
  threadwatch train --decisions decisions.jsonl --out site.model
  kill -HUP $(pidof threadwatch)   # after replacing site.model";

/// `threadwatch serve`
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on (default 127.0.0.1:8080; port 0
    /// picks a free one, logged at start).
    #[arg(long, value_name = "ADDR:PORT")]
    pub listen: Option<String>,
    /// File of accepted keys as SHA-256 hex digests, one per line.
    #[arg(long, value_name = "FILE")]
    pub keys: Option<PathBuf>,
    /// Site model written by `threadwatch train` to use as the learned
    /// layer instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// Folder of word lists replacing or extending the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub lexicon_dir: Option<PathBuf>,
    #[command(flatten)]
    pub allow_list: AllowArg,
    /// Append each comments:suggestscore decision to this file (JSON
    /// lines, for `threadwatch train --decisions`); without it,
    /// suggestscore answers 400 FAILED_PRECONDITION.
    #[arg(long, value_name = "FILE")]
    pub decisions: Option<PathBuf>,
    /// Read a key from standard input, print its SHA-256 digest (a line for
    /// --keys) and exit.
    #[arg(long)]
    pub hash_key: bool,
    /// Requests per second allowed per key (bursts of as many); over it a
    /// request gets 429 (default 100).
    #[arg(long, value_name = "N")]
    pub rate: Option<f64>,
    /// Open connections at most; more are closed at once (default 10000).
    #[arg(long, value_name = "N")]
    pub max_connections: Option<usize>,
    /// Requests being served or waiting to be scored at most; more get
    /// 503 at once rather than queueing into timeouts (default 64).
    #[arg(long, value_name = "N")]
    pub max_inflight: Option<usize>,
    /// Seconds a client has to send a request's headers, idle keep-alive
    /// time included (default 10).
    #[arg(long, value_name = "SECS")]
    pub header_timeout: Option<f64>,
    /// Seconds a client has to send a request's body (default 10).
    #[arg(long, value_name = "SECS")]
    pub body_timeout: Option<f64>,
    /// Scoring threads (default: one per CPU).
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
}

/// `threadwatch train`
#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Labelled CSV file: a spreadsheet export, or reports/comments.csv
    /// with its `review` column filled in.
    #[arg(
        long,
        value_name = "FILE.csv",
        required_unless_present_any = ["from", "decisions"]
    )]
    pub gold: Option<PathBuf>,
    /// Decisions file written by `threadwatch serve --decisions` (one JSON
    /// line per comments:suggestscore), read after --gold and --from; a
    /// torn last line (a write cut by a crash, never acknowledged) is
    /// skipped with a warning.
    #[arg(long, value_name = "FILE.jsonl")]
    pub decisions: Vec<PathBuf>,
    /// Report folders of earlier runs whose comments.csv has its `review`
    /// column filled in (by `ok`/`remove` and the like); read with the
    /// `text` and `review` columns, after --gold.  A comment reviewed in
    /// several folders counts once, as the last folder has it.
    #[arg(long, value_name = "DIR", num_args = 1..)]
    pub from: Vec<PathBuf>,
    /// Column holding the text of --gold (in comments.csv: `text`).
    #[arg(long, default_value = "text")]
    pub text_col: String,
    /// Column holding the label of --gold: 1/0, true/false, yes/no,
    /// remove/ok or delete/keep (any case); rows with an empty cell are
    /// skipped and counted.  Needed with --gold.
    #[arg(long, value_name = "COL")]
    pub label_col: Option<String>,
    /// Column holding the row id, named in error messages (default: the
    /// line number).
    #[arg(long, value_name = "COL")]
    pub id_col: Option<String>,
    /// Where to write the site model (written atomically).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// What training starts from: the built-in scorer, moved by the site's
    /// data, or nothing (the site's rows and the word lists' signals alone).
    #[arg(long, value_enum, default_value_t = PriorArg::Builtin)]
    pub prior: PriorArg,
    /// Put the decision threshold at the lowest score whose
    /// cross-validated precision is at least this (0 to 1), instead of at
    /// the best F1.
    #[arg(long, value_name = "P", value_parser = parse_precision)]
    pub precision: Option<f64>,
    /// Field separator of the CSV file, e.g. ';' or '\t'.
    #[arg(long, default_value = ",", value_parser = parse_delimiter)]
    pub delimiter: u8,
    /// Folder of word lists replacing or extending the built-in ones (for
    /// the cross-validated figures, which rank by the whole scorer).
    #[arg(long, value_name = "DIR")]
    pub lexicon_dir: Option<PathBuf>,
    #[command(flatten)]
    pub allow_list: AllowArg,
    /// Worker threads for the cross-validation (default: one per CPU).
    /// The model does not depend on it.
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
}

/// `train --precision`: a number in (0, 1].
fn parse_precision(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(p) if p > 0.0 && p <= 1.0 => Ok(p),
        _ => Err(format!("expected a precision between 0 and 1, found {s:?}")),
    }
}

/// `train --prior`
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PriorArg {
    /// Start from the built-in scorer.
    Builtin,
    /// Train from the site's rows alone.
    None,
}

/// Where the pages come from (`analyze`, `check`).
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Comment pages: files, folders (read recursively; hidden entries are
    /// skipped; links are followed, and a link that loops, leads nowhere or
    /// reaches a file already found is skipped with a warning), or `-` for
    /// standard input.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Only read files in folders whose path matches this glob, e.g.
    /// '*.txt' (files named directly are always read).
    #[arg(long, value_name = "GLOB")]
    pub glob: Option<String>,
    /// Also read the inputs listed in this file, one path per line.
    #[arg(long, value_name = "LIST")]
    pub files_from: Option<PathBuf>,
    #[command(flatten)]
    pub format: FormatArgs,
}

/// How inputs are read: comment pages or platform exports (issue 16).
#[derive(Debug, Clone, Args)]
pub struct FormatArgs {
    /// Read every input as this format instead of detecting each one's
    /// from its content: page (grammars/thread.ebnf), wxr (WordPress
    /// export), disqus (Disqus XML export), reddit (Reddit-style NDJSON),
    /// jsonl or csv (generic; fields in grammars/exports.md).
    #[arg(
        long,
        value_name = "FORMAT",
        default_value = "auto",
        value_parser = ["auto", "page", "wxr", "disqus", "reddit", "jsonl", "csv"]
    )]
    pub input_format: String,
    /// Names of the fields of generic JSON Lines and CSV exports, as
    /// OURS=THEIRS pairs separated by commas, e.g. 'id=comment_id,text=body'.
    /// Ours: id, parent_id, thread, title, author, author_id, created, text,
    /// status.  A mapped field that no object or header has is an error.
    /// Repeatable.
    #[arg(long, value_name = "MAP")]
    pub field: Vec<String>,
    /// Time zone of page times that name none ("March 3, 2025 at 9:14
    /// am"), and of generic JSON Lines and CSV export times that name none
    /// ("2025-03-03 09:14"), as an IANA name such as Europe/Paris
    /// (default: UTC).  Times
    /// that name a zone or offset keep it; a date without a time stays a
    /// day.  In a daylight-saving change, a repeated local time is read as
    /// the first, a skipped one with the offset before the change.
    #[arg(long, value_name = "AREA/CITY")]
    pub tz: Option<String>,
}

/// `threadwatch analyze`
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Folder for the reports; created if missing, but its parent must
    /// exist.  Required here or in the config file.
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub run: RunArgs,
    #[command(flatten)]
    pub report: ReportArgs,
    #[command(flatten)]
    pub scoring: ScoringArgs,
    /// Keep what each input gave in STATE and, next time, skip inputs whose
    /// path and content are unchanged; reports still cover every input
    /// named.  Created on the first run; a damaged or old one is renamed
    /// to STATE.set-aside with a warning and rebuilt.
    #[arg(long, value_name = "STATE")]
    pub incremental: Option<PathBuf>,
}

/// How comments are scored and counted: shared by `analyze` and `map`, so
/// a distributed run takes exactly the flags a single run takes.
#[derive(Debug, Args)]
pub struct ScoringArgs {
    /// Folder of word lists that replace (`<category>.txt`) or extend
    /// (`<category>.add.txt`) the built-in ones, and of `allow.txt`, words
    /// and names that never count; format in grammars/lexicon.ebnf.
    #[arg(long, value_name = "DIR")]
    pub lexicon_dir: Option<PathBuf>,
    /// An allow-list anywhere (words, phrases and names that never count),
    /// added to the built-in one and to the --lexicon-dir's allow.txt.
    #[arg(long, value_name = "FILE")]
    pub allow: Option<PathBuf>,
    /// Site model written by `threadwatch train` to use as the learned
    /// layer instead of the built-in one (run.json records its version and
    /// SHA-256).
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// Score at or above which a comment is `uncivil` (0 to 1); lower it
    /// to catch more, raise it to flag fewer.
    #[arg(long, value_name = "SCORE", default_value_t = UNCIVIL_THRESHOLD,
          value_parser = unit_interval)]
    pub uncivil_threshold: f64,
    /// Distinct attackers of one person in one thread that make a dogpile.
    #[arg(long, value_name = "N", default_value_t = DOGPILE_MIN,
          value_parser = at_least_one)]
    pub dogpile_min: usize,
}

/// `--allow` for the commands that score texts outside a run (`score`,
/// `explain`, `eval`, `train`): the same meaning as `analyze --allow`
/// (issue 27), one definition so they cannot drift apart.
#[derive(Debug, Args)]
pub struct AllowArg {
    /// An allow-list anywhere (words, phrases and names that never count),
    /// added to the built-in one and to the --lexicon-dir's allow.txt.
    #[arg(long, value_name = "FILE")]
    pub allow: Option<PathBuf>,
}

/// Report options shared by `analyze` and `merge` (their flags keep their
/// names; one definition so the two commands cannot drift apart).
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Start each CSV with a UTF-8 byte-order mark, for Excel.
    #[arg(long)]
    pub bom: bool,
    /// Exit with status 3 when RULE holds, e.g. 'uncivil_rate>0.3' or
    /// 'harassment>0' for the run, 'thread.uncivil_rate>0.5' for any one
    /// thread, 'user.harassment>0' for any one user; the alert names who
    /// tripped it.  Run metrics: uncivil_rate, uncivil_comments,
    /// harassment, dogpiles, taunts, comments, failed_inputs, empty_inputs.
    /// thread.: comments, participants, uncivil_comments, uncivil_rate,
    /// dogpiles, max_depth.  user.: comments, threads, uncivil_comments,
    /// uncivil_rate, name_calling, attacks_on_commenters, harassment,
    /// repeated_taunts, risk.  Operators > >= < <= ==.  Repeatable; the
    /// config file key is `alert` too.
    #[arg(long, value_name = "RULE")]
    pub alert: Vec<String>,
    /// An extra lock file to take first, e.g. one shared by every run on
    /// a machine.  The output folder's own lock (.threadwatch.lock inside
    /// it, removed when the run ends) is always taken as well, so two
    /// runs never write one folder at once whatever --lock they name.
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
    #[arg(long, short, default_value = ",", value_parser = parse_delimiter)]
    pub delimiter: u8,
    /// Uncivil comments aimed at one person that make harassment.
    #[arg(long, value_name = "N", default_value_t = HARASSMENT_MIN,
          value_parser = at_least_one)]
    pub harassment_min: usize,
    /// Also write DIR/threadwatch.xlsx: every report as a typed sheet,
    /// after a `flagged` sheet of uncivil comments, worst first.
    #[arg(long)]
    pub xlsx: bool,
    /// Also write DIR/report.html: one self-contained page to read the
    /// run in a browser, offline.
    #[arg(long)]
    pub html: bool,
    /// Write the who-attacks-whom graph to FILE as Graphviz DOT
    /// (`dot -Tsvg FILE`).
    #[arg(long, value_name = "FILE")]
    pub dot: Option<PathBuf>,
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

/// `threadwatch map`'s long help.
const MAP_HELP: &str =
    "Standard input holds frames: a header line, then exactly `bytes` bytes.\n\n  \
TWFRAME {\"name\": \"in/a.txt\", \"part\": 0, \"bytes\": 1234}\n\n\
`name` is the input as `analyze` would name it; a whole input is part 0.  A job that splits an \
export by thread sends each thread group as a part (numbered by its first line's rank) with \
`file_bytes`, `sha256` (of the whole file) and `lines` (each line's number in the file).  \
Output: partial lines `KIND<TAB>KEY<TAB>PAYLOAD` (docs/SCALE.md); shuffle on the first two fields.";

/// `threadwatch merge`'s long help.
const MERGE_HELP: &str =
    "Reads partial lines from FILEs (or standard input).  With --partial, writes \
them combined (inputs, threads, users and pairs one line per key; rows and named comments passed \
through), so merging merged output again is fine.  With --out, writes the report set to DIR \
atomically, byte for byte what `analyze` writes for the same inputs and settings.";

/// `threadwatch map`
#[derive(Debug, Args)]
pub struct MapArgs {
    #[command(flatten)]
    pub format: FormatArgs,
    #[command(flatten)]
    pub run: RunArgs,
    #[command(flatten)]
    pub scoring: ScoringArgs,
}

/// `threadwatch merge`
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Files of partial lines (default: standard input; `-` names it).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Write combined partials to standard output instead of reports.
    #[arg(long, conflicts_with = "out")]
    pub partial: bool,
    /// Folder for the reports, as for `analyze`.
    #[arg(long, short, value_name = "DIR", required_unless_present = "partial")]
    pub out: Option<PathBuf>,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub report: ReportArgs,
    /// With --partial: write the comment rows to FILE as a piece of the
    /// comments report (no header; --format and --delimiter as the final
    /// merge's), described by a `piece` partial, instead of passing them on.
    #[arg(long, value_name = "FILE", requires = "partial")]
    pub comments_to: Option<PathBuf>,
    /// With --out: the comments report is the pieces in DIR that
    /// `merge --partial --comments-to` wrote, checked and copied after the
    /// header (not with --xlsx or --html, which need every comment).
    #[arg(long, value_name = "DIR", conflicts_with = "partial")]
    pub comments_from: Option<PathBuf>,
}

/// `threadwatch tree`
#[derive(Debug, Args)]
pub struct TreeArgs {
    /// The page or export to show (one file; `check` reads folders).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub format: FormatArgs,
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

impl ReportArgs {
    /// How the report files are written.
    pub fn csv_options(&self) -> CsvOptions {
        CsvOptions {
            delimiter: self.delimiter,
            bom: self.bom,
            format: self.format.into(),
        }
    }
}
