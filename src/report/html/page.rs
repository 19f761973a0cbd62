//! The page's templates (maud).
//!
//! Order follows what a moderator asks first: where do I start (the worst
//! thread, its worst comment, whom it targets), then the run in numbers,
//! who attacks whom, the people, and every shown thread as a reply tree.
//! Reply trees are flat lists indented by depth, not nested elements: a
//! deep thread costs no recursion here and no deep DOM in the browser,
//! and the script folds a comment's replies by walking its siblings.

use maud::{html, Markup, PreEscaped, DOCTYPE};
use sha2::{Digest, Sha256};

use super::graph::{self, Layout, NODES_MAX};
use super::text::{marked, user};
use super::{
    anchor, wilson_lower, Shown, ThreadView, COMMENTS_MAX, THREADS_MAX, THREAD_COMMENTS_MAX,
};
use crate::analyze::incivility::FLAG_COLUMNS;
use crate::pipeline::Tables;
use crate::report::people::{TauntRow, ThreadRow, UserRow};
use crate::report::run::RunSummary;

const STYLE: &str = include_str!("style.css");
const SCRIPT: &str = include_str!("script.js");

/// Rows of the people tables shown.
const USERS_MAX: usize = 1_000;
const TOP: usize = 10;

/// What the page shows of the per-user tables.
#[derive(Default)]
pub(crate) struct People {
    users: Vec<UserRow>,
    users_total: usize,
    taunts: Vec<TauntRow>,
    threads: Vec<ThreadRow>,
    graph: Layout,
}

impl People {
    pub(crate) fn new(tables: Tables<'_>) -> Self {
        let mut users = tables.users();
        let users_total = users.len();
        users.truncate(USERS_MAX);
        let mut taunts = tables.taunts();
        taunts.truncate(TOP);
        let mut threads = tables.threads();
        // The order the shown threads have (mod.rs), stable over run order.
        threads.sort_by(|a, b| {
            let rank = |t: &ThreadRow| wilson_lower(t.uncivil_comments, t.comments);
            rank(b)
                .total_cmp(&rank(a))
                .then(b.uncivil_comments.cmp(&a.uncivil_comments))
        });
        // Only what the page shows, with labels cut as the threads' are
        // (issue 27).
        threads.truncate(THREADS_MAX);
        for t in &mut threads {
            t.thread = super::cap(&t.thread, super::LABEL_MAX);
            t.source = super::cap(&t.source, super::LABEL_MAX);
        }
        let edges = graph::edges(tables.interactions());
        Self {
            users,
            users_total,
            taunts,
            threads,
            graph: graph::layout(&edges),
        }
    }
}

/// Everything the page is made of.
pub(crate) struct Page<'a> {
    pub summary: &'a RunSummary,
    pub threads: &'a [ThreadView],
    pub thread_count: usize,
    pub worst: Vec<&'a Shown>,
    pub people: &'a People,
    /// Uncivil comments whose status is `pending`, shown or not.
    pub pending_uncivil: usize,
}

/// `'sha256-…'` of `text`, as a CSP source.
fn csp_hash(text: &str) -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(text.as_bytes())))
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(A[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The Content-Security-Policy: nothing from anywhere, but for the page's
/// own style and script, named by hash (an injected script would not
/// run even if escaping ever failed).
pub(crate) fn csp() -> String {
    format!(
        "default-src 'none'; style-src {}; script-src {}; img-src data:; base-uri 'none'; form-action 'none'",
        csp_hash(STYLE),
        csp_hash(SCRIPT)
    )
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// Shade class of a score: s0 (civil) to s9.
fn shade(score: f64) -> String {
    format!("s{}", ((score * 10.0).floor() as i64).clamp(0, 9))
}

/// Whom a comment aims at, as the page names it.
fn target(c: &Shown) -> Option<String> {
    match (c.row.target_author.as_str(), c.row.target.as_str()) {
        ("", "") => None,
        ("", "public_figure") => Some("a public figure".to_owned()),
        ("", "group") => Some("a group".to_owned()),
        ("", "person") => Some("a person outside the thread".to_owned()),
        ("", "commenter") => Some("a fellow commenter".to_owned()),
        ("", other) => Some(other.to_owned()),
        (name, _) => Some(name.to_owned()),
    }
}

fn author(c: &Shown) -> &str {
    if c.row.author.is_empty() {
        "(anonymous)"
    } else {
        &c.row.author
    }
}

/// The comment's moderation status as a badge, when it is not the usual
/// `approved` (issue 27: pending, spam and deleted appeared nowhere, and a
/// pending comment is the one that needs action).
fn status_badge(c: &Shown) -> Markup {
    let s = c.row.status.as_str();
    html! {
        @if !s.is_empty() && s != "approved" {
            span class={"st st-" (s)} title={"moderation status in the input: " (s)} { (s) }
        }
    }
}

fn flags(c: &Shown) -> Vec<&'static str> {
    FLAG_COLUMNS
        .iter()
        .zip(c.row.flags)
        .filter(|(_, v)| *v == 1)
        .map(|(n, _)| *n)
        .collect()
}

impl Page<'_> {
    pub(crate) fn render(&self) -> String {
        let c = &self.summary.counts;
        let rate = if c.comments == 0 {
            0.0
        } else {
            c.uncivil_comments as f64 / c.comments as f64
        };
        html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta http-equiv="Content-Security-Policy" content=(csp());
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    meta name="referrer" content="no-referrer";
                    title { "threadwatch report: " (c.comments) " comments, " (c.uncivil_comments) " uncivil" }
                    style { (PreEscaped(STYLE)) }
                }
                body {
                    header.top {
                        h1 { "threadwatch report" }
                        p {
                            (c.comments) " comments in " (c.threads) " threads from "
                            (c.inputs) " inputs \u{b7} threadwatch " (self.summary.version)
                            " \u{b7} uncivil at incivility \u{2265} " (self.summary.options.uncivil_threshold)
                        }
                    }
                    main {
                        (self.start_here())
                        section #summary {
                            h2 { "The run" }
                            ul.counts {
                                li { b { (c.comments) } "comments" }
                                li { b { (c.uncivil_comments) } "uncivil (" (pct(rate)) ")" }
                                li { b { (c.threads) } "threads" }
                                li { b { (c.users) } "named authors" }
                                li { b { (c.harassment) } "harassing pairs" }
                                li { b { (c.dogpiles) } "dogpiles" }
                                li { b { (c.taunts) } "repeated taunts" }
                                @if c.failed > 0 { li { b { (c.failed) } "inputs failed (see run.json)" } }
                                @if self.pending_uncivil > 0 {
                                    li.pend { b { (self.pending_uncivil) } a #f-pending href="#threads" { "uncivil and pending: show them" } }
                                }
                            }
                            (self.worst_comments())
                            div.cols {
                                (self.top_offenders())
                                (self.top_taunts())
                            }
                            (self.threads_by_rate())
                        }
                        (self.graph())
                        (self.users())
                        (self.threads_section())
                    }
                    script { (PreEscaped(SCRIPT)) }
                }
            }
        }
        .into_string()
    }

    fn start_here(&self) -> Markup {
        let Some(t) = self.threads.first() else {
            return html! { section.start { h2 { "Start here" } p { "No comments in this run." } } };
        };
        let worst = t.worst();
        html! {
            section.start #start {
                h2 { "Start here" }
                dl {
                    dt { "Worst thread" }
                    dd {
                        a href={"#t" (t.order)} { (user(&t.title)) }
                        " \u{2014} " span.rate { (pct(t.rate())) " uncivil" }
                        " (" (t.uncivil) " of " (t.comments) " comments) \u{b7} " (user(&t.source))
                    }
                    @if let Some(w) = worst {
                        dt { "Its worst comment" }
                        dd {
                            a href={"#" (w.anchor())} { (user(author(w))) ", #" (w.row.comment_id) }
                            " " (status_badge(w))
                            " \u{2014} incivility " b { (w.row.incivility) }
                            @if !flags(w).is_empty() { " (" (flags(w).join(", ")) ")" }
                        }
                        dt { "It targets" }
                        dd.tgt { b { @if let Some(t) = target(w) { (user(&t)) } @else { "no one named (read the comment)" } } }
                        dt { "It says" }
                        dd { div.c.u.(shade(w.score())) { div.x { bdi { (marked(&w.text, &w.marks)) } } } }
                    } @else {
                        dt { "Its worst comment" }
                        dd { "No uncivil comment in this thread." }
                    }
                }
            }
        }
    }

    fn worst_comments(&self) -> Markup {
        if self.worst.is_empty() {
            return html! {};
        }
        html! {
            h3 { "Worst comments of the run" }
            div.scroll {
                table {
                    thead { tr { th { "incivility" } th { "author" } th { "targets" } th { "comment" } th { "thread" } th { "status" } } }
                    tbody {
                        @for w in &self.worst {
                            @let shown = self.threads.iter().any(|t| t.order == w.thread && t.shown.iter().any(|c| c.row.comment_id == w.row.comment_id));
                            tr class=(shade(w.score())) {
                                td.n { (w.row.incivility) }
                                td { (user(author(w))) }
                                td { (user(&target(w).unwrap_or_default())) }
                                td {
                                    @if shown { a href={"#" (w.anchor())} { (user(&w.row.excerpt)) } }
                                    @else { (user(&w.row.excerpt)) }
                                }
                                td { (user(&w.row.thread)) " #" (w.row.comment_id) }
                                td { (status_badge(w)) }
                            }
                        }
                    }
                }
            }
        }
    }

    fn top_offenders(&self) -> Markup {
        html! {
            div {
                h3 { "Top offenders (by risk)" }
                table {
                    thead { tr { th { "author" } th { "uncivil" } th { "rate" } th { "top target" } th { "risk" } } }
                    tbody {
                        @for u in self.people.users.iter().take(TOP) {
                            tr {
                                td { a href="#threads" data-author=(u.author) { (user(&u.author)) } }
                                td.n { (u.uncivil_comments) } td.n { (u.uncivil_rate) }
                                td { (user(&u.top_target)) } td.n { (u.risk) }
                            }
                        }
                    }
                }
            }
        }
    }

    fn top_taunts(&self) -> Markup {
        html! {
            div {
                h3 { "Top repeated taunts" }
                @if self.people.taunts.is_empty() { p.note { "No taunt repeated in this run." } }
                @else {
                    table {
                        thead { tr { th { "author" } th { "taunt" } th { "times" } th { "aimed at" } } }
                        tbody {
                            @for t in &self.people.taunts {
                                tr { td { (user(&t.author)) } td { "\u{201c}" (user(&t.taunt)) "\u{201d}" } td.n { (t.occurrences) } td { (user(&t.targets)) } }
                            }
                        }
                    }
                }
            }
        }
    }

    fn threads_by_rate(&self) -> Markup {
        let shown = |r: &ThreadRow| {
            self.threads
                .iter()
                .find(|t| t.source == r.source && t.title == r.thread)
                .map(|t| t.order)
        };
        html! {
            h3 { "Threads by uncivil rate" }
            p.note { "Worst first: the uncivil rate, discounted for small threads (the lower end of its 95% interval), so two uncivil comments of two do not outrank thirty of fifty. Click a column to sort." }
            div.scroll {
                table {
                    thead { tr {
                        th data-sort="t" { "thread" } th data-sort="n" { "uncivil rate" }
                        th data-sort="n" { "uncivil" } th data-sort="n" { "comments" }
                        th data-sort="n" { "dogpiles" } th data-sort="t" { "top offender" }
                    } }
                    tbody {
                        @for r in self.people.threads.iter().take(THREADS_MAX) {
                            tr {
                                td {
                                    @if let Some(i) = shown(r) { a href={"#t" (i)} { (user(&r.thread)) } } @else { (user(&r.thread)) }
                                    br; span.note { (user(&r.source)) }
                                }
                                td.n { (r.uncivil_rate) } td.n { (r.uncivil_comments) } td.n { (r.comments) }
                                td.n { (r.dogpiles) } td { (user(&r.top_offender)) }
                            }
                        }
                    }
                }
            }
        }
    }

    fn graph(&self) -> Markup {
        let g = &self.people.graph;
        html! {
            section #graph {
                h2 { "Who attacks whom" }
                @if g.edges.is_empty() {
                    p.note { "No uncivil replies between named authors." }
                } @else {
                    p.note {
                        "An arrow goes from the author of uncivil replies to the author replied to; "
                        "thicker means more, red means harassment (2 or more uncivil comments aimed at one person). "
                        @if g.authors > g.nodes.len() {
                            "Showing the " (NODES_MAX) " most involved of " (g.authors) " authors; every pair is in interactions.csv."
                        }
                    }
                    (graph::svg(g))
                }
            }
        }
    }

    fn users(&self) -> Markup {
        let p = self.people;
        html! {
            section #users {
                h2 { "People" }
                p.note {
                    "Click a column to sort; click a name to see that author's comments in the threads below. "
                    @if p.users_total > p.users.len() {
                        "Showing the " (p.users.len()) " highest-risk of " (p.users_total) " authors; all are in users.csv."
                    }
                }
                div.scroll {
                    table #user-table {
                        thead { tr {
                            th data-sort="t" { "author" } th data-sort="n" { "comments" }
                            th data-sort="n" { "uncivil" } th data-sort="n" { "uncivil rate" }
                            th data-sort="n" { "max incivility" } th data-sort="n" { "attacks on commenters" }
                            th data-sort="t" { "top target" } th data-sort="n" { "harassment" }
                            th data-sort="n" { "taunts" } th data-sort="n" { "risk" }
                        } }
                        tbody {
                            @for u in &p.users {
                                tr {
                                    td { a href="#threads" data-author=(u.author) { (user(&u.author)) } }
                                    td.n { (u.comments) } td.n { (u.uncivil_comments) } td.n { (u.uncivil_rate) }
                                    td.n { (u.max_incivility) } td.n { (u.attacks_on_commenters) }
                                    td { (user(&u.top_target)) } td.n { (u.harassment) }
                                    td.n { (u.repeated_taunts) } td.n { (u.risk) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    fn threads_section(&self) -> Markup {
        let shown: usize = self.threads.iter().map(|t| t.shown.len()).sum();
        let mut authors: Vec<&str> = self
            .threads
            .iter()
            .flat_map(|t| t.shown.iter().map(|c| c.row.author.as_str()))
            .filter(|a| !a.is_empty())
            .collect();
        authors.sort_unstable();
        authors.dedup();
        html! {
            section #threads {
                h2 { "Threads" }
                p.note {
                    @if self.threads.len() < self.thread_count {
                        "Showing the " (self.threads.len()) " worst threads of " (self.thread_count)
                        " (by uncivil rate, discounted for small threads; at most " (THREADS_MAX) " threads and " (COMMENTS_MAX) " comments). "
                    } @else {
                        "All " (self.thread_count) " threads with comments, worst first. "
                    }
                    "Every comment is in comments.csv and threadwatch.xlsx. "
                    "Highlighted words set a flag; grey italic words are quoted from others. "
                    "\u{2212} folds a comment's replies."
                }
                div.bar {
                    label { input #f-flagged type="checkbox"; " flagged only" }
                    label { "category " select #f-cat {
                        option value="" { "any" }
                        @for f in FLAG_COLUMNS { option value=(f) { (f.replace('_', " ")) } }
                    } }
                    label { "status " select #f-status {
                        option value="" { "any" }
                        @for s in ["pending", "approved", "spam", "deleted"] { option value=(s) { (s) } }
                    } }
                    label { "author " input #f-author list="authors" placeholder="any"; }
                    datalist #authors { @for a in &authors { option value=(a) {} } }
                    label { "search " input #f-q type="search" placeholder="words in comments"; }
                    button #f-clear type="button" { "clear" }
                    span #f-count.note {}
                    span.note { (shown) " comments shown" }
                }
                @for (i, t) in self.threads.iter().enumerate() {
                    (thread(t, i < 3))
                }
            }
        }
    }
}

fn thread(t: &ThreadView, open: bool) -> Markup {
    html! {
        details.th id={"t" (t.order)} open[open] {
            summary {
                span.tt { (user(&t.title)) }
                span.rate { (pct(t.rate())) " uncivil" }
                span { (t.uncivil) " of " (t.comments) " comments" }
                span.note { (user(&t.source)) }
            }
            div.body {
                @if t.shown.len() < t.comments {
                    p.note { "Showing the first " (t.shown.len()) " of " (t.comments)
                        " comments (at most " (THREAD_COMMENTS_MAX) " a thread); the rest are in comments.csv." }
                }
                @for c in &t.shown { (comment(c)) }
            }
        }
    }
}

fn comment(c: &Shown) -> Markup {
    let score = c.score();
    let depth = c.row.depth.clamp(1, 12);
    let flags = flags(c);
    let class = format!(
        "c {} d{depth}{}",
        shade(score),
        if c.row.uncivil == 1 { " u" } else { "" }
    );
    html! {
        div class=(class) id=(c.anchor()) data-a=(c.row.author) data-u=(c.row.uncivil)
            data-f=(flags.join(" ")) data-d=(c.row.depth) data-s=(c.row.status) {
            div.h {
                button.t type="button" title="fold or unfold the replies" { "\u{2212}" }
                span.au { (user(author(c))) }
                span { "#" (c.row.comment_id) }
                (status_badge(c))
                @if c.row.depth > 12 { span { "depth " (c.row.depth) } }
                span.sc { "incivility " (c.row.incivility) }
                @if c.row.uncivil == 1 {
                    @if let Some(t) = target(c) { span.tg { "\u{2192} at " (user(&t)) } }
                }
                @if !flags.is_empty() { span.fl { (flags.join(", ")) } }
                @if !c.row.reply_to_id.is_empty() && c.row.reply_to_id != c.row.parent_id {
                    span { "answers " a href={"#" (anchor(c.thread, &c.row.reply_to_id))} { "#" (c.row.reply_to_id) } }
                }
            }
            div.x { bdi { (marked(&c.text, &c.marks)) } }
        }
    }
}
