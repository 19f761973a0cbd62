//! `threadwatch tree`: show how a page was read.

use std::io::{IsTerminal, Write};

use anyhow::Context;
use threadwatch::pipeline::source::read_input;
use threadwatch::pipeline::Input;
use threadwatch::report::excerpt;
use threadwatch::term::{paint, sanitize, use_color, Color};

use super::inputs::describe;
use super::verdict::count;
use super::Outcome;
use crate::cli::TreeArgs;

/// Characters of body shown per comment.
const FIRST_WORDS: usize = 60;

/// Runs `tree`.
pub fn run(args: TreeArgs, color: Color) -> anyhow::Result<Outcome> {
    if args.file.is_dir() {
        anyhow::bail!(
            "tree: expected one page file, found the folder {}; name a file in it, \
             or validate the whole folder with `threadwatch check {}`",
            sanitize(&args.file.display().to_string()),
            sanitize(&args.file.display().to_string())
        );
    }
    let sources = super::inputs::sources(&args.format)?;
    let read = read_input(&sources, &Input::File(args.file.clone()), &[]);
    if read.threads.is_empty() {
        return Ok(Outcome::SomeFailed);
    }
    let stdout = std::io::stdout();
    let on = use_color(color, stdout.is_terminal());
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut outcome = Outcome::Success;
    // An export holds many threads (issue 16): each is shown in turn.
    for (i, thread) in read.threads.into_iter().enumerate() {
        let thread = match thread {
            Ok(t) => t,
            Err(e) => {
                out.flush().context("cannot write to stdout")?;
                eprintln!("{}", describe(&e));
                outcome = Outcome::SomeFailed;
                continue;
            }
        };
        if i > 0 {
            writeln!(out).context("cannot write to stdout")?;
        }
        show(&mut out, on, &thread)?;
    }
    out.flush().context("cannot write to stdout")?;
    Ok(outcome)
}

fn show(out: &mut impl Write, on: bool, thread: &threadwatch::Thread) -> anyhow::Result<()> {
    writeln!(
        out,
        "{} ({})",
        paint(on, "1", &sanitize(&thread.title)),
        count(thread.tree.len(), "comment")
    )
    .context("cannot write to stdout")?;
    for (id, dotted) in thread.tree.with_dotted_ids() {
        let c = thread.tree.comment(id);
        let author = c
            .author
            .as_deref()
            .map_or_else(|| "(anonymous)".to_owned(), |a| sanitize(a).into_owned());
        writeln!(
            out,
            "{:indent$}{} {} [depth {}, line {}] {}",
            "",
            paint(on, "33", &dotted),
            paint(on, "36", &author),
            c.depth,
            c.line,
            sanitize(&excerpt(&c.body, FIRST_WORDS)),
            indent = 2 * (c.depth as usize - 1),
        )
        .context("cannot write to stdout")?;
    }
    Ok(())
}
