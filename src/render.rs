//! Writing pages: the inverse of `parse`.
//!
//! Issue 7 proves that no comment is lost or moved by parsing a page that
//! was written from a known tree (real reply structures, generated corpora,
//! random trees, fuzzed pages) and comparing.  That needs one writer whose
//! output is known to read back as what went in, so this module checks
//! every comment against the format's rules before writing it and refuses
//! (with [`RenderError`]) what the format cannot say, instead of writing a
//! page that would read back differently.
//!
//! What the format cannot say, and why:
//! - an author's name that is empty or has blanks at either end (the
//!   bullet text is trimmed, and an empty one is a deleted comment);
//! - an authored comment with an empty body (a bullet followed by nothing
//!   is an anonymous comment whose body is the bullet text);
//! - a body line that starts with a bullet, starts with a tab, or ends in
//!   blanks, or two blank lines in a row (bullets start comments, tabs in
//!   the indent are errors, blanks are trimmed and blank runs collapse);
//! - a NUL anywhere (a page with one is an error);
//! - an anonymous body over several lines whose first line starts with a
//!   space or a bullet: below an empty bullet that line would be indented
//!   deeper than the page's step or read as a reply, and on the bullet line
//!   the next line must be indented deeper than the step; either way the
//!   step inferred from the page may change (see `infer_unit` in
//!   `parse/nest.rs`), so the writer cannot promise how it reads back;
//! - metadata (issue 16): an author's name that the parser would split
//!   (`Ada · 2 hours ago`, `Ada (edited)`), an authored comment with no
//!   body (the parser makes one only from a name with metadata), a body
//!   whose first or last line at the body's indent is a metadata line
//!   (`2 hours ago`, `Reply`), which the parser keeps out of bodies, and a
//!   one-line anonymous body that reads as a name with metadata.
//!
//! Lines are never wrapped: a body line is written as one line, so the
//! text that goes in is the text that comes out.

use crate::error::RenderError;
use crate::parse::{self, RawComment};

/// How to lay a page out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Indent of top-level bullets, in spaces.
    pub base: usize,
    /// Indent step per reply level, in spaces (at least 1).
    pub unit: usize,
    /// `"\n"`, `"\r\n"` or `"\r"`.
    pub line_end: &'static str,
    /// Start the page with a UTF-8 byte-order mark.
    pub bom: bool,
}

impl Default for Layout {
    /// The seed pages' layout: two spaces per level from column 3, LF.
    fn default() -> Self {
        Self {
            base: 2,
            unit: 2,
            line_end: "\n",
            bom: false,
        }
    }
}

/// Writes `article` followed by `comments` (in preorder, with depths; the
/// `parent` and `line` fields are not read, because preorder and depth
/// already say who replies to whom).
///
/// Parsing the result gives back `article` as [`parse::Page::article`] and
/// the comments with the same author, body, depth and parent.
pub fn page(
    article: &str,
    comments: &[RawComment],
    layout: &Layout,
) -> Result<String, RenderError> {
    if layout.unit == 0 {
        return Err(RenderError::Unit);
    }
    check_article(article)?;
    let le = layout.line_end;
    let mut out = String::with_capacity(article.len() + comments.len() * 128);
    // The parser drops one leading BOM, so an article that starts with
    // U+FEFF needs a BOM in front to keep it.
    if layout.bom || article.starts_with('\u{feff}') {
        out.push('\u{feff}');
    }
    if !article.is_empty() {
        for l in article.split('\n') {
            out.push_str(l);
            out.push_str(le);
        }
    }
    let mut previous = 0;
    for (index, c) in comments.iter().enumerate() {
        if c.depth == 0 || c.depth > previous + 1 {
            return Err(RenderError::Depth {
                index,
                depth: c.depth,
                max: previous + 1,
            });
        }
        previous = c.depth;
        let bullet = layout.base + (c.depth - 1) * layout.unit;
        if index > 0 {
            out.push_str(le);
        }
        push_spaces(&mut out, bullet);
        match &c.author {
            Some(author) => {
                let split = parse::meta::author_line(author);
                if author.is_empty()
                    || author.trim() != author
                    || author.contains(['\n', '\r', '\0'])
                    || split.name != author
                    || split.meta.is_some()
                {
                    return Err(RenderError::Author { index });
                }
                if c.body.is_empty() {
                    return Err(RenderError::EmptyBody { index });
                }
                check_body(index, &c.body)?;
                out.push_str("• ");
                out.push_str(author);
                out.push_str(le);
                out.push_str(le);
                push_body(&mut out, &c.body, bullet + layout.unit, le);
            }
            None if c.body.is_empty() => {
                out.push('•');
                out.push_str(le);
            }
            None if !c.body.contains(['\n', '\r', '\0']) && c.body.trim() == c.body => {
                if parse::meta::author_line(&c.body).meta.is_some() {
                    return Err(RenderError::Ambiguous { index });
                }
                out.push_str("• ");
                out.push_str(&c.body);
                out.push_str(le);
            }
            None => {
                let first = c.body.split('\n').next().unwrap_or("");
                if first.starts_with(' ') || is_bullet(first) || metadata_at_ends(&c.body) {
                    return Err(RenderError::Ambiguous { index });
                }
                check_body(index, &c.body)?;
                // An empty bullet, then the body one step deeper: the
                // bullet text is empty, so it cannot be read as a name.
                out.push('•');
                out.push_str(le);
                out.push_str(le);
                push_body(&mut out, &c.body, bullet + layout.unit, le);
            }
        }
    }
    Ok(out)
}

/// The article must read back as itself and keep the comments after it:
/// no line ends, no blanks at line ends, and no bullet line after its last
/// unindented text line (that bullet would start the comment section).
fn check_article(article: &str) -> Result<(), RenderError> {
    if article.contains('\r') || article.split('\n').any(|l| l.trim_end() != l) {
        return Err(RenderError::Article);
    }
    // Written as `page` writes it: every line, the last one too, ends,
    // behind a BOM (which the parser drops).
    let written = if article.is_empty() {
        String::new()
    } else {
        format!("\u{feff}{article}\n")
    };
    let parsed = parse::parse_str("article", &written).map_err(|_| RenderError::Article)?;
    if !parsed.comments.is_empty() || parsed.article != article {
        return Err(RenderError::Article);
    }
    Ok(())
}

/// True when the first or last line of `body`, written at the body's
/// indent, would be read as metadata and kept out of the body.
fn metadata_at_ends(body: &str) -> bool {
    let is_meta = |l: &str| !l.starts_with(' ') && parse::meta::meta_line(l).is_some();
    body.split('\n').next().is_some_and(is_meta) || body.rsplit('\n').next().is_some_and(is_meta)
}

fn check_body(index: usize, body: &str) -> Result<(), RenderError> {
    let bad = |line: usize, reason: &'static str| RenderError::Body {
        index,
        line,
        reason,
    };
    if metadata_at_ends(body) {
        return Err(bad(
            1,
            "a metadata line (a time, Reply, 12 likes) first or last",
        ));
    }
    if body.starts_with('\n') || body.ends_with('\n') || body.contains("\n\n\n") {
        return Err(bad(1, "an empty paragraph"));
    }
    for (i, l) in body.split('\n').enumerate() {
        let content = l.trim_start_matches(' ');
        if l.is_empty() {
            continue;
        }
        if l.contains('\r') {
            return Err(bad(i + 1, "a carriage return"));
        }
        if l.contains('\0') {
            return Err(bad(i + 1, "a NUL"));
        }
        if l.trim_end() != l {
            return Err(bad(i + 1, "blanks at the end of the line"));
        }
        if content.starts_with('\t') {
            return Err(bad(i + 1, "a tab in the indentation"));
        }
        if is_bullet(content) {
            return Err(bad(i + 1, "a bullet at the start of the line"));
        }
        if i == 0 && content.len() != l.len() {
            return Err(bad(1, "a space at the start of the first line"));
        }
    }
    Ok(())
}

/// Whether a line (without its indentation) would be read as a bullet.
fn is_bullet(content: &str) -> bool {
    content == "•" || content.starts_with("• ")
}

fn push_body(out: &mut String, body: &str, indent: usize, le: &str) {
    for l in body.split('\n') {
        if !l.is_empty() {
            push_spaces(out, indent);
            out.push_str(l);
        }
        out.push_str(le);
    }
}

fn push_spaces(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

#[cfg(test)]
mod tests;
