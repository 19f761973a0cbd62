use super::{fold, quote_links, quote_spans};
use crate::parse::parse_str;
use crate::tree::ReplyTree;

fn tree(page: &str) -> ReplyTree {
    ReplyTree::from_comments(parse_str("t", page).unwrap().comments)
}

#[test]
fn spans_curly_straight_and_unclosed() {
    let body = "He said “orange gringo” and \"two words\" then “open to the end";
    let spans: Vec<&str> = quote_spans(body)
        .iter()
        .map(|s| &body[s.inner.clone()])
        .collect();
    assert_eq!(spans, ["orange gringo", "two words", "open to the end"]);
}

#[test]
fn fold_keeps_whole_words() {
    assert_eq!(fold("Wouldn’t it?  The U.S.!"), " wouldnt it the u s ");
}

#[test]
fn quote_with_ellipsis_is_attributed_and_sibling_becomes_reply_to() {
    let page = "T\n\n  • A\n\n    root\n\n    • B\n\n      \
                FYI, the college was made for slave owners. It is good that you admit it.\n\n    \
                • C\n\n      “FYI, the college…made for slave owners.” Liar.\n";
    let t = tree(page);
    let ids: Vec<_> = t.comments().map(|(id, _)| id).collect();
    let links = quote_links(&t);
    assert_eq!(links[2].quoted_from, Some(ids[1]));
    assert_eq!(links[2].reply_to, Some(ids[1]));
    let body = &t.comment(ids[2]).body;
    assert_eq!(
        &body[links[2].quoted[0].clone()],
        "“FYI, the college…made for slave owners.”"
    );
    // B quotes nothing: it answers its parent.
    assert_eq!(links[1].reply_to, Some(ids[0]));
    assert_eq!(links[1].quoted_from, None);
}

#[test]
fn scare_quotes_and_unknown_text_are_the_authors_own() {
    let page = "T\n\n  • A\n\n    the deportations of criminals\n\n    • B\n\n      \
                so-called “criminals” and “words nobody wrote”\n";
    let t = tree(page);
    let links = quote_links(&t);
    assert!(links[1].quoted.is_empty());
    assert_eq!(links[1].quoted_from, None);
}

#[test]
fn quoting_the_parent_keeps_reply_to_the_parent() {
    let page = "T\n\n  • A\n\n    the orange gringo says one thing\n\n    • B\n\n      \
                Believe what the “orange gringo” says.\n";
    let t = tree(page);
    let ids: Vec<_> = t.comments().map(|(id, _)| id).collect();
    let links = quote_links(&t);
    assert_eq!(links[1].quoted_from, Some(ids[0]));
    assert_eq!(links[1].reply_to, Some(ids[0]));
}

/// The candidates as first written, with a set to skip repeats: the
/// reference for the set-free version (issue 6).
fn candidates_with_a_set(shape: &super::Shape, i: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut push = |j: usize, out: &mut Vec<usize>| {
        if j < i && seen.insert(j) {
            out.push(j);
        }
    };
    if let Some(p) = shape.parent[i] {
        push(p, &mut out);
    }
    let mut s = shape.prev_sibling[i];
    for _ in 0..super::RECENT_WINDOW {
        let Some(j) = s else { break };
        push(j, &mut out);
        s = shape.prev_sibling[j];
    }
    let mut up = shape.parent[i].and_then(|p| shape.parent[p]);
    for _ in 0..super::RECENT_WINDOW {
        let Some(a) = up else { break };
        push(a, &mut out);
        up = shape.parent[a];
    }
    for j in (i.saturating_sub(super::RECENT_WINDOW)..i).rev() {
        push(j, &mut out);
    }
    out
}

#[test]
fn r6_candidates_without_a_set_are_the_candidates_with_one() {
    for (seed, max_depth) in [(1, 2), (2, 8), (3, 40)] {
        let text = crate::generate::page(&crate::generate::GenOptions {
            seed,
            target_bytes: 300_000,
            max_depth,
            ..crate::generate::GenOptions::default()
        });
        let page = crate::parse::parse_str("p", &text).unwrap();
        let tree = crate::tree::ReplyTree::from_comments(page.comments);
        let ids: Vec<_> = tree.comments().map(|(id, _)| id).collect();
        let shape = super::Shape::of(&tree, &ids);
        for i in 0..ids.len() {
            assert_eq!(
                shape.candidates(i),
                candidates_with_a_set(&shape, i),
                "{seed} {i}"
            );
        }
    }
}

#[test]
fn r27_many_quotes_give_the_ranks_of_one_by_one_look_ups() {
    // Candidate bodies, folded; fragments found in several, in one, in
    // none, and repeated: the automaton must give each fragment the rank
    // of the first candidate holding it, as looking it up alone does.
    let bodies: Vec<String> = [
        "the cat sat on the mat",
        "you idiot go home now",
        "the cat sat there, you idiot",
        "nothing to see here",
    ]
    .iter()
    .map(|b| fold(b))
    .collect();
    let normalized = |j: usize| bodies[j].as_str();
    let candidates = [3, 1, 2, 0];
    let words = [
        "cat sat",
        "you idiot",
        "go home",
        "sat there",
        "not here",
        "the mat",
        "you idiot",
        "idiot go",
        "see here",
        "cat sat",
        "sat on",
        "home now",
    ];
    let looked: Vec<(usize, &str, String)> = words.iter().map(|w| (0, *w, fold(w))).collect();
    assert!(looked.len() > super::FRAGMENTS_ONE_BY_ONE);
    let one_by_one: Vec<Option<usize>> = looked
        .iter()
        .map(|(_, _, f)| candidates.iter().position(|&j| normalized(j).contains(f)))
        .collect();
    assert_eq!(
        super::first_ranks(&looked, &candidates, &normalized),
        one_by_one
    );
    assert_eq!(one_by_one[0], Some(2), "cat sat: rank 2 (body 2)");
    assert_eq!(one_by_one[4], None);
}

#[test]
fn r27_a_paragraph_of_many_quotes_is_read_once() {
    // 20,000 quotes and no paragraph break: each quote searched the rest
    // of the text for one, the square of the text in all.  The spans are
    // what they were; the work is checked by the bench (`make
    // bench-hostile`), the spans here.
    let body = "\"you idiot\" said he and ".repeat(20_000);
    let spans = quote_spans(&body);
    assert_eq!(spans.len(), 20_000);
    assert!(spans.iter().all(|s| &body[s.inner.clone()] == "you idiot"));
    let page = format!("T\n\n  • A\n\n    you idiot\n\n    • B\n\n      {body}\n");
    let t = tree(&page);
    let links = quote_links(&t);
    assert_eq!(links[1].quoted.len(), 20_000);
}
