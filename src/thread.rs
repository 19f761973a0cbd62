//! A thread: one article's comment section, as read from one page.

use crate::parse::{PackedPage, Page, Warning};
use crate::tree::ReplyTree;

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
        }
    }

    /// Builds the thread of a packed page (see `parse::parse_owned`).
    pub fn from_packed(source: impl Into<String>, page: PackedPage) -> Self {
        Self {
            source: source.into(),
            title: page.title,
            article: page.article,
            tree: ReplyTree::from_packed(page.text, page.comments),
            warnings: page.warnings,
        }
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
