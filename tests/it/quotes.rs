//! Quotation and reply links on seed 002 (issue 3).

use threadwatch::analyze::quote::quote_links;
use threadwatch::input::read_thread;

use crate::support::shared;

#[test]
fn seed_002_quotes_and_reply_targets() {
    let Some(dir) = shared("seeds") else { return };
    let t = read_thread(&dir.join("002_87b1f74d6afc39eb.txt")).unwrap();
    let dotted: Vec<(threadwatch::CommentId, String)> = t.tree.with_dotted_ids().collect();
    let name = |id: Option<threadwatch::CommentId>| {
        id.map(|id| dotted.iter().find(|(i, _)| *i == id).unwrap().1.clone())
    };
    let links = quote_links(&t.tree);
    let got: Vec<String> = dotted
        .iter()
        .zip(&links)
        .map(|((_, d), l)| {
            format!(
                "{d} quoted_from={} reply_to={} quotes={}",
                name(l.quoted_from).unwrap_or_default(),
                name(l.reply_to).unwrap_or_default(),
                l.quoted.len()
            )
        })
        .collect();
    let want = [
        "1 quoted_from= reply_to= quotes=0",
        "1.1 quoted_from= reply_to=1 quotes=0",
        "1.1.1 quoted_from= reply_to=1.1 quotes=0",
        "1.1.1.1 quoted_from= reply_to=1.1.1 quotes=0",
        "1.2 quoted_from= reply_to=1 quotes=0",
        "1.3 quoted_from= reply_to=1 quotes=0",
        "1.4 quoted_from= reply_to=1 quotes=0",
        "2 quoted_from= reply_to= quotes=0",
        "2.1 quoted_from=2 reply_to=2 quotes=1",
        "3 quoted_from= reply_to= quotes=0",
        "3.1 quoted_from=3 reply_to=3 quotes=1",
        "3.1.1 quoted_from=3.1 reply_to=3.1 quotes=2",
        "3.1.1.1 quoted_from=3.1.1 reply_to=3.1.1 quotes=1",
        "3.1.1.1.1 quoted_from= reply_to=3.1.1.1 quotes=0",
        "3.1.1.1.2 quoted_from=3.1.1.1.1 reply_to=3.1.1.1.1 quotes=1",
        "4 quoted_from= reply_to= quotes=0",
        "5 quoted_from= reply_to= quotes=0",
        "5.1 quoted_from=5 reply_to=5 quotes=2",
        "5.2 quoted_from= reply_to=5 quotes=0",
    ];
    assert_eq!(got, want);
}
