use std::io::BufReader;

use proptest::prelude::*;

use super::{stream_lines_in, Said};
use crate::pipeline::source::records::{read_jsonl, Fields};
use crate::pipeline::source::reddit::read_reddit;
use crate::pipeline::source::{RedditSource, Source};

/// The threads and errors as text, to compare two readings.
fn shown(out: &[Result<crate::thread::Thread, crate::error::Error>]) -> Vec<String> {
    out.iter()
        .map(|t| match t {
            Ok(t) => format!("{t:?}"),
            Err(e) => format!("error {e} {e:?}"),
        })
        .collect()
}

/// Streams `text` with runs of `run_bytes`, through `said`.
fn streamed(
    text: &[u8],
    run_bytes: usize,
    said: &mut dyn FnMut(u32, &str) -> Said<'_>,
) -> Vec<Result<crate::thread::Thread, crate::error::Error>> {
    let dir = tempfile::tempdir().unwrap();
    let mut out = Vec::new();
    let mut reader = BufReader::with_capacity(7, text);
    stream_lines_in(
        "in.ndjson",
        &mut reader,
        dir.path(),
        run_bytes,
        &mut |t| {
            out.push(t);
            Ok(())
        },
        said,
    )
    .unwrap();
    out
}

/// A line of an archive: comments of a few threads in any order, replies,
/// submissions, blank, broken and odd lines.
fn line() -> impl Strategy<Value = String> {
    (0u8..10, 0u32..6, 0u32..40, 0u32..40).prop_map(|(kind, thread, id, parent)| match kind {
        0 => format!("{{\"id\":\"p{thread}\",\"title\":\"Post \\\"{thread}\\\"\"}}"),
        1 => String::new(),
        2 => "{\"id\": \"x\", \"body\": ".to_owned(),
        3 => {
            format!("\u{feff}{{\"id\":{id},\"link_id\":\"t3_p{thread}\",\"body\":\"a &amp; b\"}}\r")
        }
        4 => format!(
            "{{\"id\":\"c{id}\",\"parent_id\":\"t1_c{parent}\",\"link_id\":\"t3_p{thread}\",\
             \"author\":\"u{parent}\",\"body\":\"reply {id}\",\"created_utc\":{}}}",
            1_740_000_000 + parent * 60
        ),
        5 => format!("{{\"id\":\"c{id}\",\"parent_id\":\"t3_p{thread}\",\"body\":\"[deleted]\"}}"),
        // Generic JSON Lines fields, for the generic reader.
        6 => format!(
            "{{\"id\":\"g{id}\",\"thread\":\" t{thread} \",\"title\":\"T{thread}\",\
             \"parent_id\":\"g{parent}\",\"text\":\"x\\ny\",\"created\":\"2025-03-0{} 10:00\"}}",
            1 + thread % 9
        ),
        7 => format!("{{\"id\":\"g{id}\",\"text\":\"no thread\"}}"),
        8 => "   ".to_owned(),
        _ => format!(
            "{{\"id\":\"c{id}\",\"link_id\":\"t3_p{thread}\",\"body\":\"caf\u{e9} \\u00e9\"}}"
        ),
    })
}

proptest! {
    /// Streamed through spool runs of any size, an archive gives the
    /// threads and errors its in-memory reading gives, in the same order.
    #[test]
    fn r16_streamed_lines_read_as_in_memory(
        lines in prop::collection::vec(line(), 0..60),
        run_bytes in prop::sample::select(vec![1usize, 50, 400, 1 << 20]),
        newline_at_end in any::<bool>(),
    ) {
        let mut text = lines.join("\n");
        if newline_at_end {
            text.push('\n');
        }
        let memory = read_reddit("in.ndjson", &text);
        let stream = streamed(text.as_bytes(), run_bytes, &mut |n, raw| {
            crate::pipeline::source::reddit::said("in.ndjson", n, raw)
        });
        prop_assert_eq!(shown(&stream), shown(&memory));
        let f = Fields::default();
        let memory = read_jsonl("in.ndjson", &text, &f);
        let stream = streamed(text.as_bytes(), run_bytes, &mut |n, raw| {
            crate::pipeline::source::records::jsonl_said("in.ndjson", n, raw, &f)
        });
        prop_assert_eq!(shown(&stream), shown(&memory));
    }
}

#[test]
fn r16_streamed_input_that_is_not_utf8_is_one_error_as_in_memory() {
    let text =
        b"{\"id\":\"a\",\"link_id\":\"t3_p\",\"body\":\"ok\"}\n{\"id\":\"b\",\"body\":\"\xff\"}\n";
    let memory = RedditSource.read("in.ndjson", text.to_vec());
    let stream = streamed(text, 1 << 20, &mut |n, raw| {
        crate::pipeline::source::reddit::said("in.ndjson", n, raw)
    });
    assert_eq!(shown(&stream), shown(&memory));
    assert_eq!(stream.len(), 1);
}
