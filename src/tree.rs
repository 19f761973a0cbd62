//! The reply tree: the article at the root, one node per comment.
//!
//! This is the only module that imports petgraph.  The graph stays private
//! behind `CommentId`, and it is built once and never changed: petgraph's
//! `remove_node` moves the last node to the freed index, which would
//! silently renumber ids held elsewhere.  Nodes are added in source order,
//! which for an indented page is also preorder, so walking node indices in
//! order is walking the thread as it reads.

pub mod attack;

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::Direction;
use rustc_hash::FxHashSet;

use std::sync::Arc;

use crate::body::Body;
use crate::parse::{PackedComment, RawComment};
use crate::time::Timestamp;

/// A comment's handle in its `ReplyTree`.  Valid only for the tree that
/// issued it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CommentId(NodeIndex<u32>);

/// One reader comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// The author's name, or `None` for an anonymous comment.  Shared by
    /// the author's comments of the page: a page of a million comments
    /// held a million copies of a few thousand names (issue 6).
    pub author: Option<Arc<str>>,
    /// The platform's stable id of the author (issue 31): what the
    /// per-user reports key on when there is one, so two people with one
    /// display name stay two.  `None` for pages and anonymous comments.
    pub author_id: Option<Arc<str>>,
    /// The body text (paragraphs separated by an empty line).
    pub body: Body,
    /// 1 for top-level comments.
    pub depth: u32,
    /// Source line of the comment's bullet.
    pub line: u32,
    /// 1-based position among its siblings (the last part of its dotted id).
    pub ordinal: u32,
    /// The platform's own id (an export's comment id); `None` for pages.
    pub external_id: Option<Arc<str>>,
    /// When it was posted, when the input says (issue 16).
    pub created: Option<Timestamp>,
    /// What the platform says of it; `None` when the input has no status.
    pub status: Option<Status>,
}

/// A comment's moderation status, as an export records it (issue 16).
/// Every comment is analysed and reported whatever its status; the column
/// lets a moderator filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// Published.
    Approved,
    /// Held for moderation.
    Pending,
    /// Marked as spam.
    Spam,
    /// Deleted or removed (trash, `[deleted]`, `[removed]`).
    Deleted,
}

impl Status {
    /// The status a page's body shows: sites print `[deleted]` or
    /// `[removed]` in place of a deleted comment's text (issue 31; the
    /// grammar's `deletion`); a page says nothing else of a status.
    pub fn of_page_body(body: &str) -> Option<Status> {
        crate::parse::meta::is_deletion_marker(body).then_some(Status::Deleted)
    }

    /// The cell in `comments.csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Approved => "approved",
            Status::Pending => "pending",
            Status::Spam => "spam",
            Status::Deleted => "deleted",
        }
    }
}

/// A comment of an export on its way into a tree (see
/// [`ReplyTree::from_records`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// The author's name, or `None` for an anonymous comment.
    pub author: Option<String>,
    /// The platform's stable id of the author (issue 31).
    pub author_id: Option<String>,
    /// The text.
    pub body: String,
    /// 1 for a top-level comment.
    pub depth: usize,
    /// Where it is in the input: a line number, or its position.
    pub line: u32,
    /// Index of the parent in the record vector; parents come first.
    pub parent: Option<usize>,
    /// The platform's id.
    pub external_id: Option<String>,
    /// When it was posted.
    pub created: Option<Timestamp>,
    /// Its moderation status.
    pub status: Option<Status>,
}

/// A graph node: the article or a comment.
#[derive(Debug, Clone)]
enum Node {
    Article,
    Comment(Comment),
}

/// Edge from a parent to its reply.
#[derive(Debug, Clone, Copy)]
struct Reply;

/// Deepest reply level a tree keeps, for every source.  A reply deeper
/// than this is placed at this level, after the comment it answers, as
/// sites that cap nesting show it, and the thread gets a warning.  Dotted
/// ids grow with depth, so without a cap a 20,000-level chain of a 4.8 MB
/// export made 2 GB of reports (issue 27); at 100 levels an id is at most
/// a few hundred bytes.  Sites cap nesting at 5 to 10 levels; the deepest
/// thread of the corpora is 23.
pub const DEPTH_MAX: usize = 100;

/// A thread's comments as a reply tree.
#[derive(Debug, Clone)]
pub struct ReplyTree {
    graph: DiGraph<Node, Reply, u32>,
    root: NodeIndex<u32>,
    /// Replies placed at [`DEPTH_MAX`], and the line of the first.
    flattened: Option<(usize, u32)>,
}

impl ReplyTree {
    /// Builds the tree from comments in source order whose parents come
    /// before them (what the parser produces).
    pub fn from_comments(comments: Vec<RawComment>) -> Self {
        let n = comments.len();
        Self::build(
            n,
            comments.into_iter().map(|c| Skeleton {
                status: Status::of_page_body(&c.body),
                author: c.author,
                body: Body::from(c.body),
                depth: c.depth,
                line: c.line,
                parent: c.parent,
                created: c.created,
                external_id: None,
                author_id: None,
            }),
        )
    }

    /// Builds the tree of an export's comments, in preorder with parents
    /// before their replies (what `pipeline::source::build` arranges).
    pub fn from_records(records: Vec<Record>) -> Self {
        let n = records.len();
        Self::build(
            n,
            records.into_iter().map(|c| Skeleton {
                author: c.author,
                body: Body::from(c.body),
                depth: c.depth,
                line: c.line,
                parent: c.parent,
                created: c.created,
                external_id: c.external_id,
                status: c.status,
                author_id: c.author_id,
            }),
        )
    }

    /// Builds the tree of a packed page: each comment's body is a range of
    /// `text`, which the comments share instead of copying.
    pub fn from_packed(text: String, comments: Vec<PackedComment>) -> Self {
        let text = Arc::new(text);
        let n = comments.len();
        Self::build(
            n,
            comments.into_iter().map(|c| Skeleton {
                status: text.get(c.body.clone()).and_then(Status::of_page_body),
                author: c.author,
                body: Body::new(Arc::clone(&text), c.body),
                depth: c.depth,
                line: c.line,
                parent: c.parent,
                created: c.created,
                external_id: None,
                author_id: None,
            }),
        )
    }

    fn build(n: usize, comments: impl Iterator<Item = Skeleton>) -> Self {
        // Names are looked up as `&str`, so only a page's first comment by
        // an author makes its `Arc` (issue 6).
        let mut names: FxHashSet<Arc<str>> = FxHashSet::default();
        let mut graph = DiGraph::with_capacity(n + 1, n);
        let root = graph.add_node(Node::Article);
        // Children counts per node give each comment its ordinal without
        // walking neighbours (petgraph lists those newest first).
        let mut children: Vec<u32> = vec![0; n + 1];
        // Each comment's parent node and depth as placed, so a reply below
        // the depth cap goes to its parent's parent in one step.
        let mut placed: Vec<(NodeIndex<u32>, usize)> = Vec::with_capacity(n);
        let mut flattened: Option<(usize, u32)> = None;
        for c in comments {
            let mut parent = c.parent.map_or(root, |p| NodeIndex::new(p + 1));
            let mut depth = c.depth;
            if depth > DEPTH_MAX {
                if let Some(&(up, d)) = c.parent.and_then(|p| placed.get(p)) {
                    if d >= DEPTH_MAX {
                        parent = up;
                    }
                }
                depth = DEPTH_MAX;
                let f = flattened.get_or_insert((0, c.line));
                f.0 += 1;
            }
            placed.push((parent, depth));
            children[parent.index()] += 1;
            let author = c.author.map(|a| match names.get(a.as_str()) {
                Some(shared) => Arc::clone(shared),
                None => {
                    let a = Arc::<str>::from(a);
                    names.insert(Arc::clone(&a));
                    a
                }
            });
            let node = graph.add_node(Node::Comment(Comment {
                author,
                body: c.body,
                depth: depth as u32,
                line: c.line,
                ordinal: children[parent.index()],
                external_id: c.external_id.map(Arc::from),
                author_id: c.author_id.map(Arc::from),
                created: c.created,
                status: c.status,
            }));
            graph.add_edge(parent, node, Reply);
        }
        Self {
            graph,
            root,
            flattened,
        }
    }

    /// How many replies nested deeper than [`DEPTH_MAX`] were placed at
    /// it, and the line of the first; `None` when none were.
    pub fn flattened(&self) -> Option<(usize, u32)> {
        self.flattened
    }

    /// Number of comments (the article is not counted).
    pub fn len(&self) -> usize {
        self.graph.node_count() - 1
    }

    /// True when the thread has no comments.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// All comments in thread order (source order, parents first).
    pub fn comments(&self) -> impl ExactSizeIterator<Item = (CommentId, &Comment)> + '_ {
        self.graph
            .node_indices()
            .skip(1)
            .map(move |n| (CommentId(n), self.get(n)))
    }

    /// The comments, by value, in thread order: for a caller that is done
    /// with the tree and keeps the bodies (a huge page is not copied).
    pub fn into_comments(self) -> impl Iterator<Item = Comment> {
        let (nodes, _) = self.graph.into_nodes_edges();
        nodes.into_iter().filter_map(|n| match n.weight {
            Node::Comment(c) => Some(c),
            Node::Article => None,
        })
    }

    /// The comment behind `id`.
    pub fn comment(&self, id: CommentId) -> &Comment {
        self.get(id.0)
    }

    /// The comment `id` replies to, or `None` for a top-level comment.
    pub fn parent(&self, id: CommentId) -> Option<CommentId> {
        self.graph
            .neighbors_directed(id.0, Direction::Incoming)
            .next()
            .filter(|p| *p != self.root)
            .map(CommentId)
    }

    /// Direct replies to `id`, in source order.
    pub fn children(&self, id: CommentId) -> Vec<CommentId> {
        self.sorted_children(id.0)
    }

    /// Top-level comments, in source order.
    pub fn top_level(&self) -> Vec<CommentId> {
        self.sorted_children(self.root)
    }

    /// Dotted id of one comment (`1.2.1`), built by walking up the tree.
    pub fn dotted_id(&self, id: CommentId) -> String {
        let mut parts = vec![self.comment(id).ordinal];
        let mut cur = id;
        while let Some(p) = self.parent(cur) {
            parts.push(self.comment(p).ordinal);
            cur = p;
        }
        let mut out = String::new();
        for (i, part) in parts.iter().rev().enumerate() {
            if i > 0 {
                out.push('.');
            }
            out.push_str(&part.to_string());
        }
        out
    }

    /// Every comment with its dotted id, in thread order.  Builds each id
    /// from the previous one instead of walking to the root each time.
    pub fn with_dotted_ids(&self) -> DottedIds<'_> {
        DottedIds {
            tree: self,
            next: 1,
            path: String::new(),
            ends: Vec::new(),
        }
    }

    fn get(&self, n: NodeIndex<u32>) -> &Comment {
        match &self.graph[n] {
            Node::Comment(c) => c,
            // Ids are only handed out for comment nodes.
            Node::Article => unreachable!("the article root has no CommentId"),
        }
    }

    fn sorted_children(&self, n: NodeIndex<u32>) -> Vec<CommentId> {
        let mut out: Vec<CommentId> = self
            .graph
            .neighbors_directed(n, Direction::Outgoing)
            .map(CommentId)
            .collect();
        // Node order is source order; petgraph yields newest first.
        out.sort_unstable();
        out
    }
}

/// A comment on its way into the tree.
struct Skeleton {
    author: Option<String>,
    body: Body,
    depth: usize,
    line: u32,
    parent: Option<usize>,
    created: Option<Timestamp>,
    external_id: Option<String>,
    status: Option<Status>,
    author_id: Option<String>,
}

/// Iterator over `(CommentId, dotted id)` in thread order.
pub struct DottedIds<'t> {
    tree: &'t ReplyTree,
    next: usize,
    path: String,
    /// `ends[d]` = length of `path` up to and including depth `d + 1`.
    ends: Vec<usize>,
}

impl Iterator for DottedIds<'_> {
    type Item = (CommentId, String);

    fn next(&mut self) -> Option<Self::Item> {
        if self.next >= self.tree.graph.node_count() {
            return None;
        }
        let id = CommentId(NodeIndex::new(self.next));
        self.next += 1;
        let c = self.tree.comment(id);
        let depth = c.depth as usize;
        self.ends.truncate(depth - 1);
        self.path.truncate(self.ends.last().copied().unwrap_or(0));
        if depth > 1 {
            self.path.push('.');
        }
        self.path.push_str(&c.ordinal.to_string());
        self.ends.push(self.path.len());
        Some((id, self.path.clone()))
    }
}
