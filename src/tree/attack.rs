//! Who attacks whom, as a petgraph graph written in Graphviz DOT
//! (`--dot FILE`, issue 17).
//!
//! It lives under tree.rs because tree.rs is the only module that imports
//! petgraph (docs/ARCHITECTURE.md), and the DOT writer is petgraph's own
//! `dot::Dot`, which escapes names in labels.  Nodes are added in the order
//! the pairs come (interactions.csv order), so the file is the same for
//! the same run.

use std::collections::HashMap;
use std::fmt;

use petgraph::dot::Dot;
use petgraph::graph::DiGraph;

/// An ordered pair of authors with uncivil replies from the first to the
/// second.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attack {
    /// The author of the uncivil replies.
    pub from: String,
    /// The author replied to.
    pub to: String,
    /// Uncivil replies from `from` to `to`.
    pub uncivil: usize,
    /// Whether the pair counts as harassment.
    pub harassment: bool,
}

/// Edge weight: what the edge's label says.
struct Weight {
    uncivil: usize,
    harassment: bool,
}

impl fmt::Display for Weight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} uncivil", self.uncivil)?;
        if self.harassment {
            write!(f, " (harassment)")?;
        }
        Ok(())
    }
}

/// The attacks as a DOT digraph: one node per author, one edge per pair,
/// thicker with more uncivil replies, red for harassment.
pub fn attack_dot(attacks: impl IntoIterator<Item = Attack>) -> String {
    let mut graph: DiGraph<String, Weight> = DiGraph::new();
    let mut nodes = HashMap::new();
    for a in attacks {
        let mut node = |name: String| {
            *nodes
                .entry(name.clone())
                .or_insert_with(|| graph.add_node(name))
        };
        let (from, to) = (node(a.from), node(a.to));
        graph.add_edge(
            from,
            to,
            Weight {
                uncivil: a.uncivil,
                harassment: a.harassment,
            },
        );
    }
    let edge_attributes = |_, e: petgraph::graph::EdgeReference<'_, Weight>| {
        let w = e.weight();
        let width = 1.0 + (w.uncivil as f64).log2().max(0.0);
        let colour = if w.harassment { "#c0392b" } else { "#e67e22" };
        format!("penwidth={width:.1} color=\"{colour}\"")
    };
    let node_attributes = |_, _| "shape=box style=rounded".to_owned();
    // petgraph ends the graph with "}\n".
    Dot::with_attr_getters(&graph, &[], &edge_attributes, &node_attributes).to_string()
}

#[cfg(test)]
mod tests;
