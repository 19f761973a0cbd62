//! A thread: one article's comment section, as read from one page.

use crate::parse::{PackedPage, Page, Warning};
use crate::tree::{Record, ReplyTree, DEPTH_MAX};

/// One article and its reply tree.
#[derive(Debug, Clone)]
pub struct Thread {
    /// The input the thread came from, as the user named it.
    pub source: String,
    /// The article's headline.
    pub title: String,
    /// The article's text.
    pub article: String,
    /// The comments.
    pub tree: ReplyTree,
    /// Recoveries the parser made on this page.
    pub warnings: Vec<Warning>,
    /// Comments whose parent the input names but does not hold: they are
    /// top-level comments here (issue 16; always 0 for pages).
    pub orphans: usize,
}

impl Thread {
    /// Builds the thread of a parsed page.
    pub fn from_page(source: impl Into<String>, page: Page) -> Self {
        Self {
            source: source.into(),
            title: page.title,
            article: page.article,
            tree: ReplyTree::from_comments(page.comments),
            warnings: page.warnings,
            orphans: 0,
        }
        .warn_flattened()
    }

    /// Builds the thread of an export's comments (see
    /// [`ReplyTree::from_records`]).
    pub fn from_records(
        source: impl Into<String>,
        title: impl Into<String>,
        article: impl Into<String>,
        records: Vec<Record>,
        warnings: Vec<Warning>,
        orphans: usize,
    ) -> Self {
        Self {
            source: source.into(),
            title: title.into(),
            article: article.into(),
            tree: ReplyTree::from_records(records),
            warnings,
            orphans,
        }
        .warn_flattened()
    }

    /// Builds the thread of a packed page (see `parse::parse_owned`).
    pub fn from_packed(source: impl Into<String>, page: PackedPage) -> Self {
        Self {
            source: source.into(),
            title: page.title,
            article: page.article,
            tree: ReplyTree::from_packed(page.text, page.comments),
            warnings: page.warnings,
            orphans: 0,
        }
        .warn_flattened()
    }

    /// Adds the warning for replies the tree placed at its depth cap.
    fn warn_flattened(mut self) -> Self {
        if let Some((count, line)) = self.tree.flattened() {
            self.warnings.push(Warning {
                line,
                column: 1,
                message: format!(
                    "{count} replies are nested deeper than {DEPTH_MAX} levels; \
                     they are read at level {DEPTH_MAX}, after the comment they answer \
                     (first here)"
                ),
            });
        }
        self
    }

    /// The greatest comment depth (0 when there are no comments).
    pub fn max_depth(&self) -> u32 {
        self.tree
            .comments()
            .map(|(_, c)| c.depth)
            .max()
            .unwrap_or(0)
    }
}
