//! Reading slips (issue 31) and inputs that were silently misread
//! (issue 27, items 5 to 9): each test runs `analyze` on a small input
//! written here and checks the rows a moderator would see.

use std::path::{Path, PathBuf};

use crate::support::{tw, Table};

/// Writes `text` to `name` in a fresh folder; returns the folder and path.
fn input(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// Runs `analyze` over `inputs` (plus `args`) into a fresh folder; returns
/// it with the command's stderr.
fn analyze(inputs: &[&Path], args: &[&str]) -> (tempfile::TempDir, String) {
    let out = tempfile::tempdir().unwrap();
    let run = tw()
        .arg("analyze")
        .args(inputs)
        .args(args)
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(run.status.success(), "analyze failed: {stderr}");
    (out, stderr)
}

fn comments(out: &Path) -> Table {
    Table::read(&out.join("comments.csv"))
}

#[test]
fn r31_deleted_and_removed_bodies_keep_their_author() {
    let page = "Head\n\nArt.\n\n  • Ann\n\n    [deleted]\n\n  • Bob\n\n    [removed]\n\n  • Cy\n\n    Still here.\n";
    let (_d, p) = input("page.txt", page);
    let (out, _) = analyze(&[&p], &[]);
    let t = comments(out.path());
    assert_eq!(t.rows.len(), 3);
    for (row, author, text) in [(0, "Ann", "[deleted]"), (1, "Bob", "[removed]")] {
        assert_eq!(t.get(row, "author"), author);
        assert_eq!(t.get(row, "text"), text);
        assert_eq!(t.get(row, "status"), "deleted");
    }
    assert_eq!(t.get(2, "status"), "");
}

/// A page's `>` lines and an export's `<blockquote>` link to the comment
/// they quote, as quotation marks do.
#[test]
fn r31_angle_and_blockquote_quotes_set_quoted_from() {
    let page = concat!(
        "Head\n\nArt.\n\n  • Ann\n\n    You are all sheep and fools here\n\n",
        "    • Bob\n\n      > You are all sheep and fools\n      Nonsense, Ann.\n"
    );
    let (_d, p) = input("page.txt", page);
    let (out, _) = analyze(&[&p], &[]);
    let t = comments(out.path());
    assert_eq!(t.get(1, "quoted_from"), "1");
    assert!(t.get(1, "evidence").contains("quoted from 1"), "{}", t.get(1, "evidence"));

    let reddit = concat!(
        r#"{"id":"a1","link_id":"t3_x","parent_id":"t3_x","author":"ann","body":"You are all sheep and fools here","created_utc":1}"#,
        "\n",
        r#"{"id":"a2","link_id":"t3_x","parent_id":"t1_a1","author":"bob","body":"&gt; all sheep and fools\n\nNo.","created_utc":2}"#,
        "\n"
    );
    let (_d, p) = input("r.ndjson", reddit);
    let (out, _) = analyze(&[&p], &[]);
    assert_eq!(comments(out.path()).get(1, "quoted_from"), "1");

    let (_d, p) = input("d.xml", &disqus());
    let (out, _) = analyze(&[&p], &[]);
    assert_eq!(comments(out.path()).get(1, "quoted_from"), "1");
}

fn disqus() -> String {
    let post = |id: &str, parent: &str, message: &str, author: &str| {
        format!(
            "<post dsq:id=\"{id}\"><thread dsq:id=\"t1\"/>{parent}<message><![CDATA[{message}]]></message>\
             <createdAt>2025-03-03T10:0{}:00Z</createdAt><author>{author}</author></post>\n",
            id.len() % 10
        )
    };
    let named = |name: &str, user: &str| {
        format!("<name>{name}</name><username>{user}</username><isAnonymous>false</isAnonymous>")
    };
    let guest = "<name>Guest</name><isAnonymous>true</isAnonymous>";
    [
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<disqus xmlns=\"http://disqus.com\" \
         xmlns:dsq=\"http://disqus.com/disqus-internals\">\n<thread dsq:id=\"t1\"><title>Story</title></thread>\n"
            .to_owned(),
        post("p1", "", "<p>You are all sheep and fools here</p>", &named("Ben Ortiz", "bortiz")),
        post(
            "p22",
            "<parent dsq:id=\"p1\"/>",
            "<blockquote>You are all sheep and fools</blockquote><p>Nonsense, you idiot.</p>",
            &named("Ben Ortiz", "benortiz2"),
        ),
        post("p333", "", "<p>first guest</p>", guest),
        post("p4444", "", "<p>second guest</p>", guest),
        "</disqus>\n".to_owned(),
    ]
    .concat()
}

/// Disqus authors show by display name and are told apart by username;
/// guests are anonymous and never one user.
#[test]
fn r31_disqus_names_ids_and_guests() {
    let (_d, p) = input("d.xml", &disqus());
    let (out, _) = analyze(&[&p], &[]);
    let t = comments(out.path());
    assert_eq!(t.headers.iter().last(), Some("author_id"));
    let cells: Vec<(&str, &str)> = (0..4)
        .map(|r| (t.get(r, "author"), t.get(r, "author_id")))
        .collect();
    assert_eq!(
        cells,
        [("Ben Ortiz", "bortiz"), ("Ben Ortiz", "benortiz2"), ("", ""), ("", "")]
    );
    let users = Table::read(&out.path().join("users.csv"));
    let mut names: Vec<&str> = (0..users.rows.len()).map(|r| users.get(r, "author")).collect();
    names.sort_unstable();
    assert_eq!(names, ["Ben Ortiz (benortiz2)", "Ben Ortiz (bortiz)"]);
}

/// WordPress keys authors by user id, else by a hash of the e-mail (the
/// address itself never reaches a report); Reddit by the author.
#[test]
fn r31_wordpress_and_reddit_author_ids() {
    let comment = |id: u32, author: &str, user: u32, email: &str| {
        format!(
            "<wp:comment><wp:comment_id>{id}</wp:comment_id><wp:comment_author><![CDATA[{author}]]></wp:comment_author>\
             <wp:comment_author_email><![CDATA[{email}]]></wp:comment_author_email>\
             <wp:comment_date_gmt>2025-03-03 10:0{id}:00</wp:comment_date_gmt>\
             <wp:comment_content><![CDATA[Comment {id}]]></wp:comment_content>\
             <wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent>\
             <wp:comment_user_id>{user}</wp:comment_user_id></wp:comment>"
        )
    };
    let wxr = format!(
        "<?xml version=\"1.0\"?>\n<rss xmlns:wp=\"http://wordpress.org/export/1.2/\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>\n<item><title>Post</title>\
         <wp:post_type>post</wp:post_type>\n{}\n{}\n{}\n</item></channel></rss>\n",
        comment(1, "Ann", 7, "ann@example.org"),
        comment(2, "Ann", 0, "Other@Example.org"),
        comment(3, "Ann", 0, "other@example.org"),
    );
    let (_d, p) = input("w.xml", &wxr);
    let (out, _) = analyze(&[&p], &[]);
    let t = comments(out.path());
    assert_eq!(t.get(0, "author_id"), "7");
    let hashed = t.get(1, "author_id");
    assert!(hashed.starts_with("email:") && !hashed.contains('@'), "{hashed}");
    assert_eq!(t.get(2, "author_id"), hashed, "the e-mail is matched without case");
    let users = Table::read(&out.path().join("users.csv"));
    assert_eq!(users.rows.len(), 2);

    let reddit = concat!(
        r#"{"id":"a1","link_id":"t3_x","parent_id":"t3_x","author":"ann_r","body":"hi","created_utc":1}"#,
        "\n"
    );
    let (_d, p) = input("r.ndjson", reddit);
    let (out, _) = analyze(&[&p], &[]);
    assert_eq!(comments(out.path()).get(0, "author_id"), "ann_r");
}
