//! Reply trees from export records: comments linked by platform ids, in
//! whatever order the file holds them (issue 16).
//!
//! A reply may come before its parent; a parent may be missing (the
//! comment becomes top-level and is counted as an orphan); a chain of
//! parents may loop (broken at its earliest comment, with a warning); an
//! id may appear twice (an error naming both places, since which replies
//! belong to which cannot be known).  Siblings are ordered by `created`,
//! unknown times last, then by position in the file, so every format reads
//! the same way.  Nothing here recurses per reply level.

use rustc_hash::FxHashMap;

use crate::error::{Error, ParseError, ParseErrorKind};
use crate::parse::Warning;
use crate::thread::Thread;
use crate::time::Timestamp;
use crate::tree::{Record, Status};

/// One comment as an export gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// The platform's id.
    pub id: String,
    /// The parent's id; `None` (or an id that is not in the thread) for a
    /// top-level comment.
    pub parent: Option<String>,
    /// The author's name; `None` for anonymous or deleted accounts.
    pub author: Option<String>,
    /// The platform's stable id of the author (Disqus username, Reddit
    /// author, WordPress user id or e-mail hash); `None` when it has none
    /// (issue 31).
    pub author_id: Option<String>,
    /// What the reader recovered from in this comment (a lone surrogate
    /// in JSON: issue 27); it becomes a warning of the thread.
    pub warning: Option<String>,
    /// The text.
    pub body: String,
    /// When it was posted.
    pub created: Option<Timestamp>,
    /// Its moderation status.
    pub status: Option<Status>,
    /// Where it starts in the file (1-based).
    pub line: u32,
    /// Its column (1-based, in characters).
    pub column: u32,
}

/// One thread of an export, before its tree is built.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThreadDraft {
    /// The title (an article's headline, a post's title).
    pub title: String,
    /// The article's text, when the export has it.
    pub article: String,
    /// Comments in file order.
    pub comments: Vec<Draft>,
    /// What the reader recovered from (skipped pingbacks and the like).
    pub warnings: Vec<Warning>,
}

/// Builds the thread of `draft`, read from the input `path`.
pub fn build(path: &str, draft: ThreadDraft) -> Result<Thread, Error> {
    let ThreadDraft {
        title,
        article,
        comments,
        mut warnings,
    } = draft;
    let title = no_nul(title);
    warnings.extend(comments.iter().filter_map(|c| {
        c.warning.as_ref().map(|message| Warning {
            line: c.line,
            column: c.column,
            message: message.clone(),
        })
    }));
    let n = comments.len();
    let mut index: FxHashMap<&str, usize> = FxHashMap::default();
    index.reserve(n);
    for (i, c) in comments.iter().enumerate() {
        if let Some(&first) = index.get(c.id.as_str()) {
            let f = &comments[first];
            return Err(Error::Parse(Box::new(ParseError {
                path: path.to_owned(),
                line: c.line,
                column: c.column,
                kind: ParseErrorKind::DuplicateId {
                    id: c.id.clone(),
                    first_line: f.line,
                    first_column: f.column,
                },
                source_line: String::new(),
            })));
        }
        index.insert(&c.id, i);
    }
    // Parents by position; a named parent that is not here is an orphan.
    let mut orphans = 0;
    let mut first_orphan = None;
    let mut parent: Vec<Option<usize>> = comments
        .iter()
        .enumerate()
        .map(|(i, c)| match c.parent.as_deref() {
            None | Some("") => None,
            Some(p) => match index.get(p) {
                Some(&j) => Some(j),
                None => {
                    orphans += 1;
                    first_orphan.get_or_insert(i);
                    None
                }
            },
        })
        .collect();
    drop(index);
    if let Some(i) = first_orphan {
        warnings.push(Warning {
            line: comments[i].line,
            column: comments[i].column,
            message: format!(
                "{orphans} comment(s) reply to comments that are not in the input; \
                 they are read as top-level comments (first here)"
            ),
        });
    }
    for broken in break_cycles(&mut parent) {
        let c = &comments[broken];
        warnings.push(Warning {
            line: c.line,
            column: c.column,
            message: format!(
                "the replies from comment {:?} on lead back to it; the loop is broken here \
                 and this comment is read as top-level",
                c.id
            ),
        });
    }
    let records = preorder(comments, &parent);
    Ok(Thread::from_records(
        path, title, article, records, warnings, orphans,
    ))
}

/// Makes every parent chain end at the top: each loop of parents is cut
/// at its earliest comment, which becomes top-level.  Returns the cut
/// comments in file order.  Each comment is walked once.
fn break_cycles(parent: &mut [Option<usize>]) -> Vec<usize> {
    const UNSEEN: u32 = 0;
    const DONE: u32 = u32::MAX;
    // `walk[i]` is the walk that met comment i (1, 2, ...), or DONE when
    // its chain is known to reach the top.
    let mut walk = vec![UNSEEN; parent.len()];
    let mut broken = Vec::new();
    let mut path = Vec::new();
    for start in 0..parent.len() {
        if walk[start] != UNSEEN {
            continue;
        }
        let id = u32::try_from(start + 1).unwrap_or(DONE - 1);
        path.clear();
        let mut at = start;
        loop {
            if walk[at] == DONE {
                break;
            }
            if walk[at] == id {
                // A loop: the comments on the path from `at` on.
                let from = path.iter().position(|&p| p == at).unwrap_or(0);
                if let Some(&cut) = path[from..].iter().min() {
                    parent[cut] = None;
                    broken.push(cut);
                }
                break;
            }
            walk[at] = id;
            path.push(at);
            match parent[at] {
                Some(p) => at = p,
                None => break,
            }
        }
        for &p in &path {
            walk[p] = DONE;
        }
    }
    broken.sort_unstable();
    broken
}

/// The comments in preorder, siblings by (created, position), with depths
/// and parents as positions in the output.
fn preorder(comments: Vec<Draft>, parent: &[Option<usize>]) -> Vec<Record> {
    let n = comments.len();
    let key = |i: usize| (comments[i].created.map_or(i64::MAX, |t| t.0), i);
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (i, p) in parent.iter().enumerate() {
        match p {
            Some(p) => children[*p].push(i),
            None => roots.push(i),
        }
    }
    roots.sort_by_key(|&i| key(i));
    for c in &mut children {
        c.sort_by_key(|&i| key(i));
    }
    let mut order: Vec<(usize, Option<usize>, usize)> = Vec::with_capacity(n);
    // (comment, parent's output position, depth), reversed so pops go in
    // order.
    let mut stack: Vec<(usize, Option<usize>, usize)> =
        roots.iter().rev().map(|&r| (r, None, 1)).collect();
    while let Some((i, p, depth)) = stack.pop() {
        let here = order.len();
        order.push((i, p, depth));
        stack.extend(
            children[i]
                .iter()
                .rev()
                .map(|&c| (c, Some(here), depth + 1)),
        );
    }
    let mut slots: Vec<Option<Draft>> = comments.into_iter().map(Some).collect();
    order
        .into_iter()
        .map(|(i, p, depth)| {
            let d = slots[i].take().unwrap_or_default();
            Record {
                author: d.author.map(no_nul),
                author_id: d.author_id.map(no_nul),
                body: no_nul(d.body),
                depth,
                line: d.line,
                parent: p,
                external_id: Some(d.id),
                created: d.created,
                status: d.status,
            }
        })
        .collect()
}

/// `s` with each NUL character replaced by U+FFFD.  JSON may write one
/// (`\u0000`); passed on raw it ended C strings in the tools that read a
/// report, and a page's grammar has none (issue 27).
fn no_nul(s: String) -> String {
    if s.contains('\0') {
        s.replace('\0', "\u{fffd}")
    } else {
        s
    }
}

#[cfg(test)]
mod tests;
