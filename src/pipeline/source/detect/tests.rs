use super::detect;
use crate::pipeline::source::records::Fields;

#[test]
fn formats_are_told_apart_by_their_start() {
    let f = Fields::default();
    let wxr = "<?xml version=\"1.0\"?>\n<rss xmlns:wp=\"http://wordpress.org/export/1.2/\">";
    assert_eq!(detect(wxr.as_bytes(), &f), "wxr");
    assert_eq!(
        detect(b"\xef\xbb\xbf<?xml version=\"1.0\"?><disqus>", &f),
        "disqus"
    );
    assert_eq!(
        detect(b"{\"id\":\"a\",\"link_id\":\"t3_x\"}\n", &f),
        "reddit"
    );
    assert_eq!(
        detect(b"{\"id\":\"a\",\"parent_id\":\"t1_b\"}", &f),
        "reddit"
    );
    assert_eq!(detect(b"{\"id\":1,\"text\":\"hi\"}\n", &f), "jsonl");
    assert_eq!(detect(b"{not json", &f), "jsonl");
    assert_eq!(detect(b"id,author,text\n1,a,b\n", &f), "csv");
    let mapped = Fields::parse("text=body").unwrap();
    assert_eq!(detect(b"id,body\n1,b\n", &mapped), "csv");
    // A header of column names lacking `text` is still CSV, so that the
    // reader names the missing column (issue 27: zero comments, exit 0).
    assert_eq!(detect(b"id,body\n1,b\n", &f), "csv");
    assert_eq!(detect(b"Id,Text\n1,b\n", &f), "csv");
    assert_eq!(detect(b"id;text\n1;b\n", &f), "csv");
    assert_eq!(detect(b"comment id,body\n1,b\n", &f), "page");
    assert_eq!(detect(b"Breaking,News\n\n  \xe2\x80\xa2 Ada\n", &f), "page");
    assert_eq!(
        detect("Headline, with a comma\n\n  • Ada\n".as_bytes(), &f),
        "page"
    );
    assert_eq!(detect(b"<p>an html page</p>", &f), "page");
    assert_eq!(detect(b"", &f), "page");
}
