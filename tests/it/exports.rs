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

/// `analyze` over every export sample (formats detected, one forced
/// mapping for the JSON Lines sample): every comment in is one row out,
/// spam and deleted ones included, with the platform's id, time and
/// status at the end of the row; a malformed export fails its own input
/// (exit 1) and the others are still reported.
#[test]
fn r16_analyze_reads_every_export_and_keeps_every_comment() {
    let out = tempfile::tempdir().unwrap();
    let bad = out.path().join("broken.ndjson");
    std::fs::write(
        &bad,
        "{\"id\":\"x\",\"link_id\":\"t3_p\",\"body\":\"fine\"}\n{\"id\":\n",
    )
    .unwrap();
    let reports = out.path().join("reports");
    let assert = crate::support::tw()
        .args(["analyze", "--field", "id=comment_id,text=body"])
        .args([
            "data/samples/wordpress.xml",
            "data/samples/disqus.xml",
            "data/samples/reddit.ndjson",
            "data/samples/comments.jsonl",
        ])
        .arg(&bad)
        .arg("--out")
        .arg(&reports)
        .assert()
        .code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains(
            "broken.ndjson:2:6: reddit: expected one JSON object per line, found the line's end"
        ),
        "{stderr}"
    );
    let mut rdr = csv::Reader::from_path(reports.join("comments.csv")).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let tail: Vec<&str> = headers.iter().rev().take(7).collect();
    assert_eq!(
        tail,
        [
            "language",
            "author_id",
            "text",
            "review",
            "status",
            "created",
            "external_id"
        ]
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    // 5 WordPress (the pingback skipped), 6 Disqus, 6 Reddit, 6 JSON
    // Lines, 1 from the broken file's good line.
    assert_eq!(rows.len(), 5 + 6 + 6 + 6 + 1);
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let statuses: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| &r[col("status")]).collect();
    assert!(["approved", "pending", "spam", "deleted"]
        .iter()
        .all(|s| statuses.contains(s)));
    let wp_spam = rows
        .iter()
        .find(|r| &r[col("external_id")] == "104")
        .unwrap();
    assert_eq!(&wp_spam[col("status")], "spam");
    assert_eq!(&wp_spam[col("created")], "2025-02-06T16:00:00Z");
    let threads = std::fs::read_to_string(reports.join("threads.csv")).unwrap();
    assert!(threads
        .lines()
        .next()
        .unwrap()
        .ends_with(",orphans,first_comment,last_comment"));
    let users = std::fs::read_to_string(reports.join("users.csv")).unwrap();
    assert!(users
        .lines()
        .next()
        .unwrap()
        .ends_with(",first_seen,last_seen"));
    // "Ada Marsh" and "ada marsh" of the JSON Lines sample are one person,
    // shown as first seen.
    let ada: Vec<&str> = users
        .lines()
        .filter(|l| l.to_lowercase().starts_with("ada marsh,"))
        .collect();
    assert_eq!(ada.len(), 1, "{users}");
    assert!(ada[0].starts_with("Ada Marsh,2,"), "{}", ada[0]);
}

/// A taunt repeated across an export's comments carries the times of its
/// first and last occurrence; names differing only in case are one
/// author's taunts.
#[test]
fn r16_taunts_have_first_and_last_seen() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("jabs.jsonl");
    std::fs::write(
        &input,
        "{\"id\":\"1\",\"author\":\"Ben\",\"created\":\"2025-03-01T10:00:00Z\",\"text\":\"The ferry is late again.\"}\n\
         {\"id\":\"2\",\"parent_id\":\"1\",\"author\":\"Rex\",\"created\":\"2025-03-02T10:00:00Z\",\"text\":\"Ben, you absolute moron, read the timetable.\"}\n\
         {\"id\":\"3\",\"parent_id\":\"1\",\"author\":\"Ann\",\"created\":\"2025-03-02T11:00:00Z\",\"text\":\"It was on time for me.\"}\n\
         {\"id\":\"4\",\"parent_id\":\"3\",\"author\":\"rex\",\"created\":\"2025-03-05T09:30:00Z\",\"text\":\"Ann, you absolute moron, read the timetable.\"}\n",
    )
    .unwrap();
    let reports = dir.path().join("reports");
    crate::support::tw()
        .arg("analyze")
        .arg(&input)
        .arg("--out")
        .arg(&reports)
        .assert()
        .success();
    let mut rdr = csv::Reader::from_path(reports.join("taunts.csv")).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert!(!rows.is_empty(), "no taunt found");
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let r = &rows[0];
    assert_eq!(&r[col("author")], "Rex");
    assert_eq!(&r[col("first_seen")], "2025-03-02T10:00:00Z");
    assert_eq!(&r[col("last_seen")], "2025-03-05T09:30:00Z");
}

#[test]
fn r16_a_new_field_mapping_is_not_served_from_the_incremental_state() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("c.jsonl");
    std::fs::write(
        &input,
        "{\"id\":\"1\",\"thread\":\"t\",\"body\":\"first text\",\"text\":\"second text\"}\n",
    )
    .unwrap();
    let state = dir.path().join("state.bin");
    let out = dir.path().join("out");
    let run = |field: &str| {
        crate::support::tw()
            .args(["analyze", "--input-format", "jsonl", "--field", field])
            .arg(&input)
            .arg("--out")
            .arg(&out)
            .arg("--incremental")
            .arg(&state)
            .assert()
            .success();
        let rows = crate::support::Table::read(&out.join("comments.csv"));
        rows.get(0, "text").to_owned()
    };
    assert_eq!(run("text=body"), "first text");
    // Same bytes, another mapping: the input is read again, not reused.
    assert_eq!(run("text=text"), "second text");
}

/// A JSON Lines or WXR export read as a stream (the size from which files
/// are streamed forced down to one byte) gives every report byte for byte
/// as when it is read whole: threads in first-appearance order, errors of
/// bad lines after them (a WXR's fault after the items before it, at its
/// line and column), the same run.json (bytes, SHA-256).
#[test]
fn r16_streamed_exports_report_as_read_whole() {
    let out = tempfile::tempdir().unwrap();
    let mixed = out.path().join("mixed.ndjson");
    // Threads interleaved, a reply before its parent, a submission title
    // after its comments, a bad line and a blank one.
    std::fs::write(
        &mixed,
        "{\"id\":\"b2\",\"parent_id\":\"t1_b1\",\"link_id\":\"t3_b\",\"author\":\"ann\",\"body\":\"you idiot\"}\n\
         {\"id\":\"a1\",\"link_id\":\"t3_a\",\"author\":\"bob\",\"body\":\"fine &amp; dandy\",\"created_utc\":1741015200}\n\
         {\"id\":\"b1\",\"link_id\":\"t3_b\",\"author\":\"cy\",\"body\":\"first\"}\n\
         {\"id\":\n\
         \n\
         {\"id\":\"a\",\"title\":\"Post A\"}\n\
         {\"id\":\"a2\",\"parent_id\":\"t1_a1\",\"link_id\":\"t3_a\",\"author\":\"ann\",\"body\":\"[removed]\"}\n",
    )
    .unwrap();
    let reports = |stream: bool, args: &[&str], name: &str| {
        let dir = out.path().join(name);
        let mut cmd = crate::support::tw();
        if stream {
            cmd.env("THREADWATCH_STREAM_BYTES", "1");
        } else {
            cmd.env_remove("THREADWATCH_STREAM_BYTES");
        }
        let assert = cmd
            .arg("analyze")
            .args(args)
            .arg("--out")
            .arg(&dir)
            .arg("-q")
            .assert();
        let code = assert.get_output().status.code();
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                let name = e.file_name().to_string_lossy().into_owned();
                (name, std::fs::read(e.path()).unwrap())
            })
            .collect();
        files.sort();
        (code, files)
    };
    let broken = out.path().join("broken.xml");
    // A byte-order mark, CRLF lines, a pingback, a reply before its parent,
    // then an item cut short by a mismatched end tag.
    std::fs::write(
        &broken,
        "\u{feff}<?xml version=\"1.0\"?>\r\n<rss xmlns:wp=\"http://wordpress.org/export/1.2/\">\r\n<channel>\r\n\
         <item><title>One</title>\r\n\
         <wp:comment><wp:comment_id>2</wp:comment_id><wp:comment_parent>1</wp:comment_parent>\
         <wp:comment_author>ann</wp:comment_author><wp:comment_content><![CDATA[<p>you idiot</p>]]></wp:comment_content></wp:comment>\r\n\
         <wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_author>bob</wp:comment_author>\
         <wp:comment_date_gmt>2025-03-03 14:14:00</wp:comment_date_gmt>\
         <wp:comment_content>fine &amp;amp; dandy</wp:comment_content></wp:comment>\r\n\
         <wp:comment><wp:comment_id>3</wp:comment_id><wp:comment_type>pingback</wp:comment_type></wp:comment>\r\n\
         </item>\r\n\
         <item><title>Two</title>\r\n\
         <wp:comment><wp:comment_id>4</wp:comment_id><wp:comment_content>hi</wp:comment_contnt>\r\n",
    )
    .unwrap();
    let mixed = mixed.to_str().unwrap();
    for args in [
        vec!["data/samples/wordpress.xml", broken.to_str().unwrap()],
        vec!["data/samples/reddit.ndjson", mixed],
        vec![
            "--field",
            "id=comment_id,text=body",
            "data/samples/comments.jsonl",
        ],
    ] {
        let whole = reports(false, &args, "whole");
        let streamed = reports(true, &args, "streamed");
        assert!(whole.1.iter().any(|(n, _)| n == "comments.csv"));
        assert_eq!(streamed, whole, "{args:?}");
    }
}

/// A reply chain far deeper than any site nests, as a JSON Lines export:
/// read at the depth cap with a warning, every comment one row, and the
/// reports about as long as the input (issue 27: dotted ids grew with
/// depth, and 918 KB of JSON Lines made 1.5 GB of reports).
#[test]
fn r27_a_deep_reply_chain_is_capped_and_the_reports_stay_linear() {
    let cap = threadwatch::tree::DEPTH_MAX;
    let dir = tempfile::tempdir().unwrap();
    for n in [1_000usize, 2_000] {
        let mut jsonl = String::new();
        for i in 0..n {
            let parent = if i == 0 {
                String::new()
            } else {
                format!(",\"parent_id\":\"{}\"", i - 1)
            };
            jsonl.push_str(&format!(
                "{{\"id\":\"{i}\",\"text\":\"no, you are wrong {i}\",\"author\":\"u{}\"{parent}}}\n",
                i % 2
            ));
        }
        let input = dir.path().join(format!("deep{n}.jsonl"));
        std::fs::write(&input, &jsonl).unwrap();
        let out = dir.path().join(format!("out{n}"));
        let run = crate::support::tw()
            .arg("analyze")
            .arg(&input)
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
        assert!(
            stderr.contains(&format!(
                "{}:{}:1: warning: {} replies are nested deeper than {cap} levels",
                input.display(),
                cap + 1,
                n - cap
            )),
            "{stderr}"
        );
        let mut rdr = csv::Reader::from_path(out.join("comments.csv")).unwrap();
        let headers = rdr.headers().unwrap().clone();
        let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
        let (depth, id, parent) = (col("depth"), col("comment_id"), col("parent_id"));
        let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), n, "every comment one row");
        let deepest: usize = rows
            .iter()
            .map(|r| r[depth].parse().unwrap())
            .max()
            .unwrap();
        assert_eq!(deepest, cap);
        // The comments below the cap are siblings at it, in order.
        let at_cap = "1.".repeat(cap - 1);
        assert_eq!(&rows[n - 1][id], format!("{at_cap}{}", n - cap + 1));
        assert_eq!(&rows[n - 1][parent], &at_cap[..at_cap.len() - 1]);
        let bytes: u64 = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().metadata().unwrap().len())
            .sum();
        // Linear: under 2 KB a comment whatever the depth (uncapped, the
        // 2,000-level chain's ids alone were 4 KB a comment).
        assert!(bytes < 2_000 * n as u64, "{n} comments: {bytes} bytes");
    }
}
