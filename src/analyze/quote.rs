//! Quotation: which words of a comment are another commenter's.
//!
//! A commenter who quotes an insult is not insulting anyone, so text in
//! quotation marks that appears in an earlier comment of the same thread is
//! scored as quotation, not as its quoter's words (issue 3).  Quotes may be
//! shortened with ellipses, so each quote is split at `...`, `…` or `. . .`
//! and every fragment of two or more words is looked up on its own.
//! Single-word quotes are scare quotes far more often than citations
//! ("criminals", "humane"), so they are left as the author's words.
//!
//! A quote also tells who is being answered: sites that cap nesting show a
//! reply to a deep comment as its sibling, and quoting that sibling is the
//! only trace left of the real reply, which `reply_to` recovers.

use std::ops::Range;
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::tree::{CommentId, ReplyTree};

/// Fewest words a fragment needs to be attributed to an earlier comment.
const MIN_FRAGMENT_WORDS: usize = 2;

/// Earlier comments searched beyond the parent, siblings and ancestors;
/// keeps the work per comment bounded on threads with a million comments.
const RECENT_WINDOW: usize = 200;

/// What one comment quotes and whom it answers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuoteLinks {
    /// Byte ranges of the body (quotation marks included) that quote an
    /// earlier comment of the thread.
    /// A boxed slice: the links of every comment of a page are held while
    /// it is analysed, and most quote nothing (issue 6).
    pub quoted: Box<[Range<usize>]>,
    /// The comment most of the quoted words come from.
    pub quoted_from: Option<CommentId>,
    /// The comment this one answers: a quoted preceding sibling, else the
    /// structural parent (`None` for a top-level comment that quotes no
    /// sibling).
    pub reply_to: Option<CommentId>,
}

/// Quote links of every comment in `tree`, in thread order.
pub fn quote_links(tree: &ReplyTree) -> Vec<QuoteLinks> {
    let ids: Vec<CommentId> = tree.comments().map(|(id, _)| id).collect();
    let shape = Shape::of(tree, &ids);
    // Bodies are folded when first searched: most comments quote nothing,
    // and on a one-page run this stage ran on one thread over every body
    // while the other workers waited (issue 6).  Each comment's links
    // depend only on earlier bodies, so comments are linked in parallel.
    let folded: Vec<OnceLock<String>> = ids.iter().map(|_| OnceLock::new()).collect();
    let normalized = |j: usize| {
        folded[j]
            .get_or_init(|| fold(&tree.comment(ids[j]).body))
            .as_str()
    };
    ids.par_iter()
        .enumerate()
        .map(|(i, &id)| links_of(tree, &ids, &shape, &normalized, i, id))
        .collect()
}

/// The links of comment `i` (thread-order index) with id `id`.
fn links_of<'f>(
    tree: &ReplyTree,
    ids: &[CommentId],
    shape: &Shape,
    normalized: &impl Fn(usize) -> &'f str,
    i: usize,
    id: CommentId,
) -> QuoteLinks {
    let body = &tree.comment(id).body;
    let parent = shape.parent[i];
    let mut links = QuoteLinks {
        reply_to: parent.map(|p| ids[p]),
        ..QuoteLinks::default()
    };
    let spans = quote_spans(body);
    if spans.is_empty() {
        return links;
    }
    let candidates = shape.candidates(i);
    // Each fragment of two words or more, folded, in body order.
    let mut looked: Vec<(usize, &str, String)> = Vec::new();
    for (k, span) in spans.iter().enumerate() {
        for fragment in fragments(&body[span.inner.clone()]) {
            let f = fold(fragment);
            if f.split(' ').filter(|w| !w.is_empty()).count() >= MIN_FRAGMENT_WORDS {
                looked.push((k, fragment, f));
            }
        }
    }
    let first_rank = first_ranks(&looked, &candidates, normalized);
    // (candidate rank, quoted bytes, source index) per source.
    let mut credit: Vec<(usize, usize, usize)> = Vec::new();
    let mut hit = vec![false; spans.len()];
    for ((k, fragment, _), rank) in looked.iter().zip(first_rank) {
        let Some(rank) = rank else { continue };
        let j = candidates[rank];
        hit[*k] = true;
        match credit.iter_mut().find(|c| c.2 == j) {
            Some(c) => c.1 += fragment.len(),
            None => credit.push((rank, fragment.len(), j)),
        }
    }
    let quoted: Vec<Range<usize>> = spans
        .into_iter()
        .zip(hit)
        .filter_map(|(span, hit)| hit.then_some(span.outer))
        .collect();
    links.quoted = quoted.into_boxed_slice();
    // Most quoted bytes wins; ties go to the likelier addressee.
    credit.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    if let Some(&(_, _, src)) = credit.first() {
        links.quoted_from = Some(ids[src]);
        if shape.parent[src] == parent {
            links.reply_to = Some(ids[src]);
        }
    }
    links
}

/// Fragments a comment looks up one by one; past this, one automaton of
/// them all reads each candidate once.
const FRAGMENTS_ONE_BY_ONE: usize = 8;

/// For each fragment of `looked`, the rank of the first candidate whose
/// folded body holds it.  A comment of thousands of quotes searched each
/// candidate once a fragment, which grew with the square of the text
/// (issue 27); one automaton over the fragments reads each candidate once
/// and gives the same ranks.
fn first_ranks<'f>(
    looked: &[(usize, &str, String)],
    candidates: &[usize],
    normalized: &impl Fn(usize) -> &'f str,
) -> Vec<Option<usize>> {
    // Each fragment looked up alone: for a few, and when the automaton is
    // too big to build.
    let one_by_one = || -> Vec<Option<usize>> {
        looked
            .iter()
            .map(|(_, _, f)| {
                candidates
                    .iter()
                    .position(|&j| normalized(j).contains(f.as_str()))
            })
            .collect()
    };
    if looked.len() <= FRAGMENTS_ONE_BY_ONE {
        return one_by_one();
    }
    let mut distinct: Vec<&str> = looked.iter().map(|(_, _, f)| f.as_str()).collect();
    distinct.sort_unstable();
    distinct.dedup();
    let Ok(ac) = aho_corasick::AhoCorasick::new(&distinct) else {
        return one_by_one();
    };
    let mut rank: Vec<Option<usize>> = vec![None; distinct.len()];
    let mut left = distinct.len();
    for (r, &j) in candidates.iter().enumerate() {
        if left == 0 {
            break;
        }
        for m in ac.find_overlapping_iter(normalized(j)) {
            let p = m.pattern().as_usize();
            if rank[p].is_none() {
                rank[p] = Some(r);
                left -= 1;
            }
        }
    }
    looked
        .iter()
        .map(|(_, _, f)| {
            let p = distinct.binary_search(&f.as_str()).ok()?;
            rank[p]
        })
        .collect()
}

/// Parent and previous-sibling links by thread-order index, computed once
/// so that a page with a million siblings costs no quadratic walk.
struct Shape {
    parent: Vec<Option<usize>>,
    prev_sibling: Vec<Option<usize>>,
}

impl Shape {
    fn of(tree: &ReplyTree, ids: &[CommentId]) -> Self {
        let n = ids.len();
        let parent: Vec<Option<usize>> = ids
            .iter()
            .map(|&id| tree.parent(id).and_then(|p| ids.binary_search(&p).ok()))
            .collect();
        // Slot n stands for the article (the parent of top-level comments).
        let mut last_child = vec![None; n + 1];
        let mut prev_sibling = vec![None; n];
        for (i, p) in parent.iter().enumerate() {
            let slot = p.unwrap_or(n);
            prev_sibling[i] = last_child[slot];
            last_child[slot] = Some(i);
        }
        Self {
            parent,
            prev_sibling,
        }
    }

    /// Earlier comments a quote in comment `i` may come from, likeliest
    /// first: the parent, preceding siblings (nearest first), other
    /// ancestors (nearest first), then the most recent comments, each once.
    fn candidates(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        // The parent, the preceding siblings and the other ancestors are
        // distinct comments (siblings share the parent and sit one level
        // below it, ancestors above it), all earlier than `i`; only the
        // recent ones can repeat them.  So no set is needed: a recent
        // comment is skipped when it is among the few of those that are
        // also recent.  A hash set per comment cost more than the search
        // on a page of a million comments (issue 6).
        if let Some(p) = self.parent[i] {
            out.push(p);
        }
        let mut s = self.prev_sibling[i];
        for _ in 0..RECENT_WINDOW {
            let Some(j) = s else { break };
            out.push(j);
            s = self.prev_sibling[j];
        }
        let mut up = self.parent[i].and_then(|p| self.parent[p]);
        for _ in 0..RECENT_WINDOW {
            let Some(a) = up else { break };
            out.push(a);
            up = self.parent[a];
        }
        let recent = i.saturating_sub(RECENT_WINDOW)..i;
        let mut near: Vec<usize> = out.iter().copied().filter(|j| recent.contains(j)).collect();
        near.sort_unstable();
        for j in recent.rev() {
            if near.binary_search(&j).is_err() {
                out.push(j);
            }
        }
        out
    }
}

/// A quotation in a body: `outer` includes the marks, `inner` does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteSpan {
    /// Byte range including the quotation marks.
    pub outer: Range<usize>,
    /// Byte range of the quoted words.
    pub inner: Range<usize>,
}

/// Quotations in `body`: text between curly double quotes or between
/// straight double quotes, and runs of `>` lines (issue 31: how pages and
/// Reddit quote, and how `html_text` writes a `<blockquote>` of WXR and
/// Disqus).  An opening mark left unclosed runs to the end of its
/// paragraph (copy-paste often loses the closing mark).  A quotation mark
/// inside a `>` run is part of that run's quote.  In body order.
pub fn quote_spans(body: &str) -> Vec<QuoteSpan> {
    let blocks = block_quotes(body);
    if blocks.is_empty() {
        return mark_spans(body);
    }
    let inside = |at: usize| blocks.iter().any(|b| b.outer.contains(&at));
    let mut out: Vec<QuoteSpan> = mark_spans(body)
        .into_iter()
        .filter(|s| !inside(s.outer.start))
        .collect();
    out.extend(blocks);
    out.sort_by_key(|s| s.outer.start);
    out
}

/// Runs of consecutive lines that start with `>` (after spaces): `outer`
/// from the first `>` to the end of the run's last line, `inner` from the
/// first quoted word.  The `>` of later lines stay inside `inner`; the
/// folding that matches quotes reads them as spaces.
fn block_quotes(body: &str) -> Vec<QuoteSpan> {
    let mut out: Vec<QuoteSpan> = Vec::new();
    if !body.contains('>') {
        return out;
    }
    let mut at = 0;
    let mut open: Option<QuoteSpan> = None;
    for line in body.split_inclusive('\n') {
        let text = line.trim_end();
        let lead = text.len() - text.trim_start().len();
        if text[lead..].starts_with('>') {
            let end = at + text.len();
            match open.as_mut() {
                Some(q) => {
                    q.outer.end = end;
                    q.inner.end = end;
                }
                None => {
                    let quoted = text[lead..].trim_start_matches(['>', ' ']);
                    let start = at + text.len() - quoted.len();
                    open = Some(QuoteSpan {
                        outer: at + lead..end,
                        inner: start..end,
                    });
                }
            }
        } else if let Some(q) = open.take() {
            out.push(q);
        }
        at += line.len();
    }
    out.extend(open);
    out.retain(|q| q.inner.end > q.inner.start);
    out
}

/// Quotations between quotation marks.
fn mark_spans(body: &str) -> Vec<QuoteSpan> {
    let mut out = Vec::new();
    let mut i = 0;
    // Where the last search for a paragraph end started, and what it found.
    let mut para: Option<(usize, usize)> = None;
    while i < body.len() {
        let rest = &body[i..];
        let Some(open_at) = rest.find(['\u{201c}', '"', '\u{201e}']) else {
            break;
        };
        let start = i + open_at;
        let open = body[start..].chars().next().unwrap_or('"');
        let inner_start = start + open.len_utf8();
        let closers: &[char] = if open == '"' {
            &['"']
        } else {
            &['\u{201d}', '\u{201c}', '"']
        };
        // The paragraph's end is found once for all its quotes, not once
        // a quote (issue 27: a paragraph of thousands of quotes).
        let para_end = match para {
            Some((from, at)) if from <= inner_start && inner_start <= at => at,
            _ => {
                let at = body[inner_start..]
                    .find("\n\n")
                    .map_or(body.len(), |p| inner_start + p);
                para = Some((inner_start, at));
                at
            }
        };
        let (inner_end, outer_end) = match body[inner_start..para_end].find(closers) {
            Some(p) => {
                let close = body[inner_start + p..].chars().next().unwrap_or('"');
                (inner_start + p, inner_start + p + close.len_utf8())
            }
            None => (para_end, para_end),
        };
        if inner_end > inner_start {
            out.push(QuoteSpan {
                outer: start..outer_end,
                inner: inner_start..inner_end,
            });
        }
        i = outer_end.max(inner_start);
    }
    out
}

/// Pieces of a quote between ellipses.
fn fragments(quote: &str) -> impl Iterator<Item = &str> {
    quote
        .split(['\u{2026}'])
        .flat_map(|p| p.split("..."))
        .flat_map(|p| p.split(". . ."))
}

/// Lower-case words separated by single spaces, with a space at each end,
/// so that a fragment matches only whole words.  Apostrophes are dropped
/// ("Wouldn’t" and "Wouldn't" fold alike).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '\u{2019}' | '\u{2018}') {
            continue;
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests;
