//! A comment's text as markup: flagged words highlighted, quoted words
//! styled apart, everything else escaped.
//!
//! Marks may overlap (a flagged word inside a quotation), so the text is
//! cut at every mark boundary and each piece gets the classes of the
//! marks covering it.  A mark that does not fall on character boundaries
//! of the text is ignored rather than trusted.

use maud::{html, Markup};

use crate::pipeline::{Mark, MarkKind};

/// `text` with `marks` as markup.  Paragraphs (split by an empty line)
/// stay apart; a single line break, where the page wrapped a long line,
/// becomes a space so the browser wraps the text to the window.
pub(crate) fn marked(text: &str, marks: &[Mark]) -> Markup {
    let joined = join_lines(text);
    let text = joined.as_str();
    let valid: Vec<&Mark> = marks
        .iter()
        .filter(|m| m.range.start < m.range.end && text.get(m.range.clone()).is_some())
        .collect();
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for m in &valid {
        cuts.push(m.range.start);
        cuts.push(m.range.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let pieces = cuts.windows(2).map(|w| {
        let (a, b) = (w[0], w[1]);
        let covering = valid
            .iter()
            .filter(move |m| m.range.start <= a && b <= m.range.end);
        let quoted = covering.clone().any(|m| m.kind == MarkKind::Quoted);
        let flags: Vec<&str> = covering
            .filter_map(|m| match &m.kind {
                MarkKind::Flag(f) => Some(f.as_str()),
                MarkKind::Quoted => None,
            })
            .collect();
        (&text[a..b], quoted, flags.join(", "))
    });
    html! {
        @for (piece, quoted, flags) in pieces {
            @if quoted {
                span.q title="quoted: not the author's own words" {
                    @if flags.is_empty() { (piece) } @else { mark.f title=(flags) { (piece) } }
                }
            } @else if !flags.is_empty() {
                mark.f title=(flags) { (piece) }
            } @else {
                (piece)
            }
        }
    }
}

/// `text` with every line break that is not next to another one turned
/// into a space: the same length, so mark ranges still fit.
fn join_lines(text: &str) -> String {
    let b = text.as_bytes();
    let lone =
        |i: usize| b[i] == b'\n' && (i == 0 || b[i - 1] != b'\n') && b.get(i + 1) != Some(&b'\n');
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        out.push(if c == '\n' && lone(i) { ' ' } else { c });
    }
    out
}
