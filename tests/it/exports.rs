//! Platform exports (issue 16): each bundled sample in `data/samples/`
//! read through the format its bytes are detected as, dumped and compared
//! with `tests/fixtures/exports/<sample>.tree`; and the real reply
//! structures of the Fox News corpus read back through the CSV reader.

use std::collections::BTreeMap;

use threadwatch::pipeline::source::{Fields, Sources};
use threadwatch::Error;

use crate::support::{check_golden, dump, root, shared};

/// Every thread (or error) of `sample`, as the golden file holds them.
fn read_sample(sample: &str, fields: &str) -> String {
    let path = root().join("data/samples").join(sample);
    let bytes = std::fs::read(&path).unwrap();
    let sources = Sources::new(Fields::parse(fields).unwrap());
    let source = sources.for_bytes(&bytes);
    let name = format!("data/samples/{sample}");
    let mut out = format!("format: {}\n", source.format());
    for t in source.read(&name, bytes) {
        match t {
            Ok(t) => {
                out.push_str(&format!("orphans: {}\n", t.orphans));
                out.push_str(&dump(&t));
            }
            Err(e) => out.push_str(&format!("error: {e}\n")),
        }
        out.push('\n');
    }
    out
}

fn golden(sample: &str, fields: &str) {
    let got = read_sample(sample, fields);
    check_golden(
        &root()
            .join("tests/fixtures/exports")
            .join(format!("{sample}.tree")),
        &got,
    );
}

#[test]
fn r16_wordpress_sample() {
    golden("wordpress.xml", "");
}

#[test]
fn r16_disqus_sample() {
    golden("disqus.xml", "");
}

#[test]
fn r16_reddit_sample() {
    golden("reddit.ndjson", "");
}

#[test]
fn r16_jsonl_sample_with_mapped_fields() {
    golden("comments.jsonl", "id=comment_id,text=body");
}

#[test]
fn r16_csv_sample() {
    golden("comments.csv", "");
}

/// The Fox News threads (train and dev, one CSV) read through the CSV
/// reader: every row is one comment, and each comment's parent is the
/// row its `parent_id` names, or top level (an orphan when the id names a
/// row the corpus lacks).
#[test]
fn r16_fox_news_reply_structures_read_through_the_csv_reader() {
    let Some(dir) = shared("corpora/fox_news_hate_threads") else {
        return;
    };
    let mut csv = String::new();
    let mut rows: Vec<BTreeMap<String, String>> = Vec::new();
    for (i, split) in ["train.csv", "dev.csv"].iter().enumerate() {
        let text = std::fs::read_to_string(dir.join(split)).unwrap();
        let mut lines = text.splitn(2, '\n');
        let header = lines.next().unwrap();
        if i == 0 {
            csv.push_str(header);
            csv.push('\n');
        }
        csv.push_str(lines.next().unwrap_or(""));
        let mut rdr = csv::Reader::from_reader(text.as_bytes());
        rows.extend(
            rdr.deserialize::<BTreeMap<String, String>>()
                .map(Result::unwrap),
        );
    }
    let fields = Fields::parse("thread=thread_id,title=article_title").unwrap();
    let sources = Sources::new(fields).forcing("csv").unwrap();
    let threads: Vec<threadwatch::Thread> = sources
        .for_bytes(csv.as_bytes())
        .read("fox.csv", csv.into_bytes())
        .into_iter()
        .map(|t| t.unwrap_or_else(|e: Error| panic!("{e}")))
        .collect();
    assert_eq!(threads.len(), 10, "the README lists 10 threads");
    let by_id: BTreeMap<&str, &BTreeMap<String, String>> =
        rows.iter().map(|r| (r["id"].as_str(), r)).collect();
    let mut seen = 0;
    let mut orphans = 0;
    for t in &threads {
        for (id, c) in t.tree.comments() {
            seen += 1;
            let ext = c.external_id.as_deref().unwrap();
            let row = by_id[ext];
            assert_eq!(c.author.as_deref(), Some(row["author"].as_str()));
            assert_eq!(c.body.as_str(), row["text"]);
            let want = row["parent_id"].as_str();
            let got = t
                .tree
                .parent(id)
                .map(|p| t.tree.comment(p).external_id.clone().unwrap());
            match (want, got) {
                ("", None) => {}
                (w, Some(g)) => assert_eq!(w, &*g, "{ext}"),
                (w, None) => {
                    assert!(!by_id.contains_key(w), "{ext}: parent {w} exists");
                    orphans += 1;
                }
            }
        }
    }
    assert_eq!(seen, rows.len(), "every row is one comment");
    assert_eq!(orphans, threads.iter().map(|t| t.orphans).sum::<usize>());
}
