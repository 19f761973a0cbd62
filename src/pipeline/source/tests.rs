use super::{Fields, Sources};
use crate::error::Error;

fn read(format: &str, text: &str) -> Vec<Result<crate::Thread, Error>> {
    let sources = Sources::new(Fields::default());
    let s = sources.named(format);
    assert_eq!(s.format(), format);
    s.read("in.x", text.as_bytes().to_vec())
}

fn err(r: &Result<crate::Thread, Error>) -> String {
    match r {
        Err(e) => e.to_string(),
        Ok(t) => panic!("expected an error, got {}", t.title),
    }
}

#[test]
fn malformed_xml_names_line_column_and_keeps_earlier_threads() {
    let wxr = "<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel>\n\
               <item><title>One</title><wp:comment><wp:comment_id>1</wp:comment_id>\
               <wp:comment_content>hi</wp:comment_content></wp:comment></item>\n\
               <item><title>Two</title>\n<wp:comment><wp:comment_id>2</wp:comment_idx>\n";
    let got = read("wxr", wxr);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].as_ref().unwrap().title, "One");
    let e = err(&got[1]);
    assert!(e.starts_with("in.x:4:"), "{e}");
    assert!(e.contains("expected"), "{e}");
}

#[test]
fn a_bad_json_line_is_an_error_and_the_others_are_read() {
    let text = "{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":\"b\" \"text\":\"two\"}\n{\"id\":\"c\",\"text\":\"é\",}\n{\"id\":\"d\",\"text\":\"four\",\"parent_id\":\"a\"}\n";
    let got = read("jsonl", text);
    assert_eq!(got.len(), 3);
    let t = got[0].as_ref().unwrap();
    assert_eq!(t.title, "in");
    assert_eq!(t.tree.len(), 2);
    assert_eq!(
        err(&got[1]),
        "in.x:2:11: jsonl: expected one JSON object per line: expected `,` or `}`"
    );
    assert!(err(&got[2])
        .starts_with("in.x:3:22: jsonl: expected one JSON object per line: trailing comma"));
    let missing = read("jsonl", "{\"id\":\"a\",\"body\":\"x\"}\n");
    assert_eq!(
        err(&missing[0]),
        "in.x:1:1: jsonl: expected a \"text\" field in every object (--field text=NAME names another), \
         found the fields \"body\", \"id\""
    );
}

#[test]
fn csv_needs_its_columns_and_equal_rows() {
    let got = read("csv", "id,text\n1,a\n2,b,extra\n");
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].as_ref().unwrap().tree.len(), 1);
    assert_eq!(
        err(&got[1]),
        "in.x:3:1: csv: expected 2 fields in every row, found 3"
    );
    let got = read("csv", "id,body\n1,a\n");
    assert_eq!(
        err(&got[0]),
        "in.x:1:1: csv: expected a \"text\" column in the header (--field text=NAME names \
         another), found the columns \"id\", \"body\""
    );
}

#[test]
fn field_names_map_and_bad_specs_say_what_was_expected() {
    let f = Fields::parse("id=comment_id, text=body").unwrap();
    assert_eq!(
        (f.id.as_str(), f.text.as_str(), f.author.as_str()),
        ("comment_id", "body", "author")
    );
    assert!(Fields::parse("nope=x")
        .unwrap_err()
        .0
        .starts_with("expected one of id"));
    assert!(Fields::parse("id")
        .unwrap_err()
        .0
        .starts_with("expected FIELD=NAME"));
    assert!(Sources::new(Fields::default()).forcing("xml").is_none());
    let s = Sources::new(Fields::default()).forcing("csv").unwrap();
    assert_eq!(s.for_bytes(b"anything").format(), "csv");
}

#[test]
fn invalid_utf8_in_an_export_is_an_error_with_its_place() {
    let got = Sources::new(Fields::default())
        .named("reddit")
        .read("r.ndjson", b"{\"id\":1}\n{\"body\":\"\xff\"}".to_vec());
    assert!(
        err(&got[0]).starts_with("r.ndjson:2:10: expected UTF-8 text"),
        "{}",
        err(&got[0])
    );
}

/// A WXR export read through `read_stream` in tiny pieces hands on the
/// same threads and errors as `read`: each item at its end tag, then the
/// fault with its place (issue 16).
#[test]
fn r16_wxr_streams_as_it_reads_whole() {
    use super::Source;
    let wxr = "\u{feff}<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel>\r\n\
               <item><title>One</title><wp:comment><wp:comment_id>1</wp:comment_id>\
               <wp:comment_content>hi &amp; <![CDATA[<b>bye</b>]]></wp:comment_content></wp:comment>\
               <wp:comment><wp:comment_id>2</wp:comment_id><wp:comment_parent>1</wp:comment_parent>\
               <wp:comment_author>café</wp:comment_author></wp:comment></item>\n\
               <item><title>Two</title>\n<wp:comment><wp:comment_id>3</wp:comment_id></wp:comment_idx>\n";
    let whole = read("wxr", wxr);
    let source = Sources::new(Fields::default());
    for capacity in [1, 2, 5, 64, 4096] {
        let mut input = std::io::BufReader::with_capacity(capacity, wxr.as_bytes());
        let mut got = Vec::new();
        source
            .read_stream("in.x", &mut input, std::path::Path::new("."), &mut |t| {
                got.push(t);
                Ok(())
            })
            .unwrap();
        assert_eq!(got.len(), whole.len());
        for (g, w) in got.iter().zip(&whole) {
            match (g, w) {
                (Ok(g), Ok(w)) => {
                    assert_eq!(g.title, w.title);
                    let rows = |t: &crate::Thread| {
                        t.tree
                            .comments()
                            .map(|(_, c)| (c.author.clone(), c.body.to_string(), c.line))
                            .collect::<Vec<_>>()
                    };
                    assert_eq!(rows(g), rows(w));
                }
                (g, w) => assert_eq!(err(g), err(w)),
            }
        }
    }
    assert_eq!(whole[0].as_ref().unwrap().tree.len(), 2);
    let e = err(&whole[1]);
    assert!(e.starts_with("in.x:4:45: wxr: malformed XML"), "{e}");
}

/// Invalid UTF-8 in an XML export is reported where it is, after the
/// threads before it.
#[test]
fn r16_invalid_utf8_in_xml_is_placed() {
    let mut bytes = b"<rss><channel>\n<item><title>A</title></item>\n<item><title>B".to_vec();
    bytes.extend_from_slice(b"\xff</title></item></channel></rss>");
    let got = Sources::new(Fields::default())
        .named("wxr")
        .read("w.xml", bytes);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].as_ref().unwrap().title, "A");
    let e = err(&got[1]);
    assert!(e.starts_with("w.xml:3:15: expected UTF-8 text"), "{e}");
}
