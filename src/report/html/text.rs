//! A comment's text as markup: flagged words highlighted, quoted words
//! styled apart, everything else escaped.
//!
//! Marks may overlap (a flagged word inside a quotation), so the text is
//! cut at every mark boundary and each piece gets the classes of the
//! marks covering it.  A mark that does not fall on character boundaries
//! of the text is ignored rather than trusted.
//!
//! Every user-supplied string (names, titles, sources, comment text) is
//! put in `<bdi>` (issue 27), so a right-to-left override in a name
//! cannot run on into the id, score or words shown beside it, and the
//! directional formatting characters themselves (U+202A to U+202E,
//! U+2066 to U+2069) are shown as a visible sign rather than obeyed, so
//! `Bob\u{202e}gnp.exe` reads as written and not as "Bobexe.png".

use maud::{html, Markup, Render};

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
        (Visible(&text[a..b]), quoted, flags.join(", "))
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

/// A user-supplied string as isolated markup: `<bdi>` around it, its
/// directional formatting characters visible.
pub(crate) fn user(s: &str) -> Markup {
    html! { bdi { (Visible(s)) } }
}

/// `s` with each directional formatting character written as `[U+202E]`,
/// for SVG text and tooltips, which hold no markup (the who-attacks-whom
/// graph's names).
pub(crate) fn plain(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(is_bidi_control) {
        return s.into();
    }
    s.chars()
        .map(|c| {
            if is_bidi_control(c) {
                format!("[U+{:04X}]", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// Whether `c` changes the direction of the text after it: the
/// embeddings and overrides (U+202A to U+202E) and isolates (U+2066 to
/// U+2069).
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text escaped as usual, but each directional formatting character
/// replaced by a marked sign naming it: the page shows what was written
/// (the CSVs keep the character itself).
struct Visible<'a>(&'a str);

impl Render for Visible<'_> {
    fn render_to(&self, out: &mut String) {
        let mut rest = self.0;
        while let Some(at) = rest.find(is_bidi_control) {
            let c = rest[at..].chars().next().unwrap_or_default();
            rest[..at].render_to(out);
            let code = format!("U+{:04X}", u32::from(c));
            let sign = html! {
                span.bx title={"direction control " (code) " shown, not obeyed"} { "[" (code) "]" }
            };
            sign.render_to(out);
            rest = &rest[at + c.len_utf8()..];
        }
        rest.render_to(out);
    }
}
