//! The who-attacks-whom graph as SVG, laid out here: no layout library
//! and no script, so the picture is the same in every browser and run.
//!
//! Authors sit on a circle, the most involved at the top and then
//! clockwise by involvement (ties by name), which keeps the layout
//! deterministic.  Each ordered pair with uncivil replies is a curved
//! arrow bent to its right, so A->B and B->A do not overlap; the stroke
//! grows with the uncivil replies and harassment is drawn in red.

use std::collections::BTreeMap;
use std::f64::consts::PI;

use maud::{html, Markup};

use super::text::plain;
use crate::report::people::InteractionRow;

/// Authors drawn at most; the page says when more are left out.
pub(crate) const NODES_MAX: usize = 40;

/// An edge of the graph.
#[derive(Debug, Clone)]
pub(crate) struct Edge {
    pub from: String,
    pub to: String,
    pub uncivil: usize,
    pub harassment: bool,
}

/// The pairs with uncivil replies, from interactions rows.
pub(crate) fn edges(rows: impl Iterator<Item = InteractionRow>) -> Vec<Edge> {
    rows.filter(|r| r.uncivil_replies > 0)
        .map(|r| Edge {
            from: r.from_author,
            to: r.to_author,
            uncivil: r.uncivil_replies,
            harassment: r.harassment == 1,
        })
        .collect()
}

/// The graph laid out: authors with their positions, and the edges
/// between drawn authors.
#[derive(Debug, Clone, Default)]
pub(crate) struct Layout {
    pub nodes: Vec<(String, f64, f64, usize)>,
    pub edges: Vec<Edge>,
    /// Authors in the graph, drawn or not.
    pub authors: usize,
}

const SIZE: f64 = 760.0;
const RADIUS: f64 = 270.0;

/// Places the most involved authors on a circle.
pub(crate) fn layout(edges: &[Edge]) -> Layout {
    let mut weight: BTreeMap<&str, usize> = BTreeMap::new();
    for e in edges {
        *weight.entry(&e.from).or_default() += e.uncivil;
        *weight.entry(&e.to).or_default() += e.uncivil;
    }
    let authors = weight.len();
    let mut ranked: Vec<(&str, usize)> = weight.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ranked.truncate(NODES_MAX);
    let n = ranked.len().max(1) as f64;
    let c = SIZE / 2.0;
    let nodes: Vec<(String, f64, f64, usize)> = ranked
        .iter()
        .enumerate()
        .map(|(i, (name, w))| {
            let a = -PI / 2.0 + 2.0 * PI * i as f64 / n;
            (
                (*name).to_owned(),
                c + RADIUS * a.cos(),
                c + RADIUS * a.sin(),
                *w,
            )
        })
        .collect();
    let drawn = |name: &str| nodes.iter().any(|(n, ..)| n == name);
    let edges = edges
        .iter()
        .filter(|e| drawn(&e.from) && drawn(&e.to))
        .cloned()
        .collect();
    Layout {
        nodes,
        edges,
        authors,
    }
}

fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The layout as an SVG element.
pub(crate) fn svg(l: &Layout) -> Markup {
    let at = |name: &str| {
        l.nodes
            .iter()
            .find(|(n, ..)| n == name)
            .map(|(_, x, y, _)| (*x, *y))
            .unwrap_or_default()
    };
    let c = SIZE / 2.0;
    html! {
        svg.g xmlns="http://www.w3.org/2000/svg" viewBox={"0 0 " (SIZE) " " (SIZE)}
            role="img" aria-label="Who attacks whom: arrows from attacker to target" {
            defs {
                marker #arrow viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7"
                    markerHeight="7" orient="auto-start-reverse" {
                    path d="M0,0 L10,5 L0,10 z" fill="#e67e22" {}
                }
                marker #arrowx viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7"
                    markerHeight="7" orient="auto-start-reverse" {
                    path d="M0,0 L10,5 L0,10 z" fill="#c0392b" {}
                }
            }
            @for e in &l.edges {
                @let ((x1, y1), (x2, y2)) = (at(&e.from), at(&e.to));
                @let (dx, dy) = (x2 - x1, y2 - y1);
                @let len = (dx * dx + dy * dy).sqrt().max(1.0);
                // Stop short of the target's dot, and bend to the right.
                @let (ex, ey) = (x2 - dx / len * 9.0, y2 - dy / len * 9.0);
                @let (mx, my) = ((x1 + ex) / 2.0 - dy / len * 24.0, (y1 + ey) / 2.0 + dx / len * 24.0);
                @let width = 1.0 + (e.uncivil as f64).log2().max(0.0) * 1.5;
                path class=(if e.harassment { "e hx" } else { "e" })
                    d={"M" (round(x1)) "," (round(y1)) " Q" (round(mx)) "," (round(my)) " " (round(ex)) "," (round(ey))}
                    stroke-width=(round(width))
                    marker-end=(if e.harassment { "url(#arrowx)" } else { "url(#arrow)" }) {
                    title { (plain(&e.from)) " \u{2192} " (plain(&e.to)) ": " (e.uncivil) " uncivil repl" (if e.uncivil == 1 { "y" } else { "ies" }) (if e.harassment { " (harassment)" } else { "" }) }
                }
            }
            @for (name, x, y, w) in &l.nodes {
                @let r = 4.0 + (*w as f64).sqrt().min(6.0);
                @let right = *x >= c;
                @let (tx, ty) = (x + (x - c) / RADIUS * 12.0, y + (y - c) / RADIUS * 12.0 + 4.0);
                circle cx=(round(*x)) cy=(round(*y)) r=(round(r)) {
                    title { (plain(name)) ": " (w) " uncivil replies sent or received" }
                }
                text x=(round(tx)) y=(round(ty)) text-anchor=(if right { "start" } else { "end" }) { (plain(name)) }
            }
        }
    }
}
