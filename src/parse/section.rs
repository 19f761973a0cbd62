//! Where the article ends and the comment section begins, and the headline.
//!
//! Both are judgement calls on real pages, so the rules are written down in
//! `grammars/thread.ebnf` and kept here in one place.

use super::line::{LineKind, Lines};

/// A page's lines split into the article and the comment section.
pub struct Sections<'a> {
    /// Everything before the first comment bullet.
    pub article: Lines<'a>,
    /// From the first comment bullet to the end (empty if no comments).
    pub comments: Lines<'a>,
}

/// Splits at the first bullet line after the article's last unindented
/// text line.  Comment bodies are always indented, so unindented text
/// after a bullet means that bullet was a list item in the story.
pub fn split(lines: Lines<'_>) -> Sections<'_> {
    // The index knows each line's kind, so this walk over a huge comment
    // section reads one byte a line instead of rebuilding it (issue 6).
    let article_end = (0..lines.len())
        .rposition(|i| lines.is_flush_text(i))
        .map_or(0, |i| i + 1);
    let start = (article_end..lines.len())
        .find(|&i| lines.is_bullet(i))
        .unwrap_or(lines.len());
    Sections {
        article: lines.slice(0..start),
        comments: lines.slice(start..lines.len()),
    }
}

/// Lines longer than this are paragraphs or captions, not headlines.
const MAX_HEADLINE_CHARS: usize = 200;

/// The thread's title: the first article line that is not page chrome
/// (`close`, a date line, a byline, a caption).  Falls back to the first
/// non-blank line, then to `fallback` (the file name).
pub fn headline(article: Lines<'_>, fallback: &str) -> String {
    let texts = || {
        article.iter().filter_map(|l| match l.kind {
            LineKind::Text(t) | LineKind::Bullet(t) => Some(t.trim()),
            LineKind::Blank => None,
        })
    };
    match texts().find(|t| !is_chrome(t)).or_else(|| texts().next()) {
        Some(t) => cut(t),
        None => cut(fallback),
    }
}

/// The title is repeated on every report row of the thread, so a page
/// whose only text is one 10 MB line must not make a 10 MB title (issue
/// 7): a title longer than a headline can be is cut, with an ellipsis.
fn cut(title: &str) -> String {
    match title.char_indices().nth(MAX_HEADLINE_CHARS) {
        Some((end, _)) => format!("{}…", &title[..end]),
        None => title.to_owned(),
    }
}

fn is_chrome(text: &str) -> bool {
    let words = text.split_whitespace().count();
    words <= 1
        || text.ends_with('.')
        || text.chars().count() > MAX_HEADLINE_CHARS
        || is_byline(text)
        || is_date_line(text, words)
}

fn is_byline(text: &str) -> bool {
    let mut words = text.split(|c: char| c.is_whitespace());
    words.next().is_some_and(|w| w.eq_ignore_ascii_case("by"))
}

/// "Tuesday April 23, 2024", "February 24, 2017", "Updated 3 March 2019".
fn is_date_line(text: &str, words: usize) -> bool {
    const NAMES: [&str; 19] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let has_year = text
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4);
    let has_name = text
        .split(|c: char| !c.is_alphabetic())
        .any(|w| NAMES.iter().any(|n| w.eq_ignore_ascii_case(n)));
    words <= 6 && has_year && has_name
}
