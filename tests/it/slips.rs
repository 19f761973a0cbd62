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
/// it with the exit code and stderr.
fn run(inputs: &[&Path], args: &[&str]) -> (tempfile::TempDir, i32, String) {
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
    (out, run.status.code().unwrap_or(-1), stderr)
}

/// [`run`] that must succeed.
fn analyze(inputs: &[&Path], args: &[&str]) -> (tempfile::TempDir, String) {
    let (out, code, stderr) = run(inputs, args);
    assert_eq!(code, 0, "analyze failed: {stderr}");
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
    assert!(
        t.get(1, "evidence").contains("quoted from 1"),
        "{}",
        t.get(1, "evidence")
    );

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
    // author_id was the last column until issue 25 added language.
    assert_eq!(t.headers.iter().rev().nth(1), Some("author_id"));
    let cells: Vec<(&str, &str)> = (0..4)
        .map(|r| (t.get(r, "author"), t.get(r, "author_id")))
        .collect();
    assert_eq!(
        cells,
        [
            ("Ben Ortiz", "bortiz"),
            ("Ben Ortiz", "benortiz2"),
            ("", ""),
            ("", "")
        ]
    );
    let users = Table::read(&out.path().join("users.csv"));
    let mut names: Vec<&str> = (0..users.rows.len())
        .map(|r| users.get(r, "author"))
        .collect();
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
    assert!(
        hashed.starts_with("email:") && !hashed.contains('@'),
        "{hashed}"
    );
    assert_eq!(
        t.get(2, "author_id"),
        hashed,
        "the e-mail is matched without case"
    );
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

#[test]
fn r27_csv_header_in_any_case_or_with_semicolons_is_read() {
    for (name, text) in [
        ("upper.csv", "Id,Text\n1,hello\n2,world\n"),
        ("semi.csv", "id;text\n1;hello\n2;world\n"),
        ("tab.csv", "id\ttext\n1\thello\n2\tworld\n"),
    ] {
        let (_d, p) = input(name, text);
        let (out, _) = analyze(&[&p], &[]);
        let t = comments(out.path());
        assert_eq!(t.rows.len(), 2, "{name}");
        assert_eq!(t.get(1, "text"), "world", "{name}");
    }
}

#[test]
fn r27_a_mapped_csv_field_that_is_missing_is_an_error() {
    let (_d, p) = input("c.csv", "id,text,author\n1,hello,Ann\n");
    for field in ["id=nosuch", "author=nosuch"] {
        let (_out, code, stderr) = run(&[&p], &["--field", field]);
        assert_ne!(code, 0, "{field}: {stderr}");
        assert!(stderr.contains("\"nosuch\""), "{field}: {stderr}");
        assert!(
            stderr.contains(r#"found the columns "id", "text", "author""#),
            "{field}: {stderr}"
        );
    }
}

#[cfg(unix)]
#[test]
fn r27_links_in_a_folder_are_followed_once_and_never_silently_skipped() {
    use std::os::unix::fs::symlink;
    let page = |who: &str| format!("Head\n\nArt.\n\n  • {who}\n\n    Hello there.\n");
    let d = tempfile::tempdir().unwrap();
    let real = d.path().join("real");
    let inputs = d.path().join("in");
    std::fs::create_dir_all(&real).unwrap();
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::write(real.join("a.txt"), page("Ann")).unwrap();
    std::fs::write(real.join("b.txt"), page("Bob")).unwrap();
    std::fs::write(inputs.join("c.txt"), page("Cy")).unwrap();
    symlink("../real", inputs.join("linked")).unwrap();
    symlink("../real/b.txt", inputs.join("same.txt")).unwrap();
    symlink("..", inputs.join("loop")).unwrap();
    symlink("nowhere.txt", inputs.join("broken.txt")).unwrap();
    let (out, stderr) = analyze(&[&inputs], &[]);
    let t = comments(out.path());
    let mut authors: Vec<&str> = (0..t.rows.len()).map(|r| t.get(r, "author")).collect();
    authors.sort_unstable();
    assert_eq!(authors, ["Ann", "Bob", "Cy"], "{stderr}");
    assert!(stderr.contains("same.txt: the same file as"), "{stderr}");
    assert!(
        stderr.contains("loop: it leads back to the folder"),
        "{stderr}"
    );
    assert!(
        stderr.contains("broken.txt: it leads to nothing"),
        "{stderr}"
    );
}

#[test]
fn r27_edited_after_a_time_keeps_the_author_line_apart() {
    let page = "Head\n\nArt.\n\n  • Ben Ortiz · March 3, 2025 at 10:15 am (edited)\n\n    hello\n\n  • Cy · 2 hours ago (edited)\n\n    hi\n\n  • Di · (edited) 2h\n\n    yo\n\n  • Ed 10:15 am March 3, 2025\n\n    x\n";
    let (_d, p) = input("page.txt", page);
    let (out, stderr) = analyze(&[&p], &[]);
    let t = comments(out.path());
    assert_eq!(t.get(0, "author"), "Ben Ortiz");
    assert_eq!(t.get(0, "created"), "2025-03-03T10:15:00Z");
    assert_eq!(t.get(1, "author"), "Cy");
    assert_eq!(t.get(2, "author"), "Di");
    // A time the grammar cannot take out of the name is a warning.
    assert!(
        stderr.contains(
            ":17:3: warning: the author's name \"Ed 10:15 am March 3, 2025\" holds a time"
        ),
        "{stderr}"
    );
    assert_eq!(stderr.matches("warning").count(), 1, "{stderr}");
}

#[test]
fn r27_a_broken_tag_in_a_wxr_loses_only_its_item() {
    let item = |n: u32, broken: bool| {
        format!(
            "<item>\n<title>Post {n}</title>\n<wp:post_type>post</wp:post_type>\n\
             <wp:comment><wp:comment_id>{n}</wp:comment_id><wp:comment_author>A{n}</wp:comment_author>\
             <wp:comment_content><![CDATA[Hello {n}]]></wp:comment_content>{}\
             <wp:comment_parent>0</wp:comment_parent></wp:comment>\n</item>\n",
            if broken { "</wp:oops>" } else { "" }
        )
    };
    let wxr = format!(
        "<?xml version=\"1.0\"?>\n<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel>\n{}{}{}{}</channel></rss>\n",
        item(1, false),
        item(2, true),
        item(3, false),
        item(4, false)
    );
    let (_d, p) = input("w.xml", &wxr);
    let (out, code, stderr) = run(&[&p], &[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("w.xml:11:")
            && stderr.contains("the item \"Post 2\" that starts at line 8 is left out"),
        "{stderr}"
    );
    let t = comments(out.path());
    let authors: Vec<&str> = (0..t.rows.len()).map(|r| t.get(r, "author")).collect();
    assert_eq!(authors, ["A1", "A3", "A4"]);
}

#[test]
fn r27_reddit_with_a_first_line_over_64_kib_is_detected() {
    let long = "word ".repeat(14_000);
    let text = format!(
        "{{\"id\":\"a1\",\"link_id\":\"t3_x\",\"parent_id\":\"t3_x\",\"author\":\"ann\",\"body\":\"{long}\",\"created_utc\":1}}\n"
    );
    assert!(text.len() > 64 * 1024);
    let (_d, p) = input("r.ndjson", &text);
    let (out, _) = analyze(&[&p], &[]);
    let t = comments(out.path());
    assert_eq!(t.get(0, "author_id"), "ann");
    assert_eq!(t.get(0, "external_id"), "a1");
}

#[test]
fn r27_lone_surrogates_and_nul_in_json_are_replaced() {
    let text = concat!(
        r#"{"id":"a1","link_id":"t3_x","parent_id":"t3_x","author":"ann","body":"a\ud800b\u0000c \ud83d\ude00","created_utc":1}"#,
        "\n"
    );
    let (_d, p) = input("r.ndjson", text);
    let (out, stderr) = analyze(&[&p], &[]);
    let t = comments(out.path());
    assert_eq!(t.get(0, "text"), "a\u{fffd}b\u{fffd}c \u{1f600}");
    assert!(
        stderr.contains("r.ndjson:1:1: warning: read 1 lone surrogate"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn r27_file_names_that_are_not_utf8_stay_distinct() {
    use std::os::unix::ffi::OsStrExt;
    let d = tempfile::tempdir().unwrap();
    let page = "Head\n\nArt.\n\n  • Ann\n\n    Hello.\n";
    let paths: Vec<PathBuf> = [&b"a\xff.txt"[..], &b"a\xfe.txt"[..]]
        .iter()
        .map(|n| d.path().join(std::ffi::OsStr::from_bytes(n)))
        .collect();
    for p in &paths {
        if std::fs::write(p, page).is_err() {
            // A file system that only takes UTF-8 names.
            crate::support::skip("the temporary folder refuses names that are not UTF-8");
            return;
        }
    }
    let (out, _) = analyze(&[d.path()], &[]);
    let t = comments(out.path());
    let mut refs: Vec<&str> = (0..t.rows.len()).map(|r| t.get(r, "comment_ref")).collect();
    refs.sort_unstable();
    assert_eq!(refs.len(), 2);
    assert!(
        refs[0].ends_with("a\\xfe.txt#1") && refs[1].ends_with("a\\xff.txt#1"),
        "{refs:?}"
    );
}

#[test]
fn r27_utf16_error_shows_the_line_as_text() {
    let mut bytes = vec![0xff, 0xfe];
    for u in "Head line\n\nArt.\n".encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("u.txt");
    std::fs::write(&p, bytes).unwrap();
    let (_out, code, stderr) = run(&[&p], &[]);
    assert_ne!(code, 0);
    assert!(stderr.contains(" 1 | Head line\n"), "{stderr}");
}

#[test]
fn r27_too_deep_reply_says_the_step_found_and_where_the_unit_comes_from() {
    let page = "Head\n\nArt.\n\n  • Ann\n   hello\n\n     • Bob\n\n      reply\n";
    let (_d, p) = input("page.txt", page);
    let (_out, code, stderr) = run(&[&p], &[]);
    assert_ne!(code, 0);
    assert!(
        stderr.contains("found a bullet at depth 4, 3 spaces deeper; indent replies 1 space(s)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("how deep its text sits under its bullets"),
        "{stderr}"
    );
}

#[test]
fn r27_a_mapped_jsonl_field_that_is_missing_is_an_error() {
    let text = concat!(
        r#"{"id": 1, "text": "hello", "author": "Ann"}"#,
        "\n",
        r#"{"id": 2, "text": "world", "author": "Bo", "parent_id": 1}"#,
        "\n",
    );
    let (_d, p) = input("c.jsonl", text);
    for field in ["id=nosuch", "author=nosuch", "parent_id=nosuch"] {
        let (_out, code, stderr) = run(&[&p], &["--field", field]);
        assert_ne!(code, 0, "{field}: {stderr}");
        assert!(stderr.contains("\"nosuch\""), "{field}: {stderr}");
        assert!(
            stderr.contains(r#"the fields "author", "id", "text""#),
            "{field}: {stderr}"
        );
    }
    // A mapped field that some object has is fine, even if others lack it.
    let (_out, code, stderr) = run(&[&p], &["--field", "parent_id=parent_id"]);
    assert_eq!(code, 0, "{stderr}");
    let text = text.replace("parent_id", "reply_to");
    let (_d, p) = input("d.jsonl", &text);
    let (out, code, stderr) = run(&[&p], &["--field", "parent_id=reply_to"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(comments(out.path()).get(1, "parent_id"), "1");
}

#[test]
fn r27_generic_exports_read_author_ids() {
    // Two people called Ann, told apart by their ids; the field can be
    // mapped like any other, in JSON Lines and CSV.
    let jsonl = concat!(
        r#"{"id": 1, "text": "hello", "author": "Ann", "uid": "u7"}"#,
        "\n",
        r#"{"id": 2, "text": "world", "author": "Ann", "uid": "u9"}"#,
        "\n",
    );
    let csv = "id,text,author,uid\n1,hello,Ann,u7\n2,world,Ann,u9\n";
    for (name, text) in [("a.jsonl", jsonl), ("a.csv", csv)] {
        let (_d, p) = input(name, text);
        let (out, code, stderr) = run(&[&p], &["--field", "author_id=uid"]);
        assert_eq!(code, 0, "{name}: {stderr}");
        let t = comments(out.path());
        assert_eq!(t.get(0, "author_id"), "u7", "{name}");
        assert_eq!(t.get(1, "author_id"), "u9", "{name}");
        let users = Table::read(&out.path().join("users.csv"));
        assert_eq!(users.rows.len(), 2, "{name}");
    }
    let (_d, p) = input("b.jsonl", &jsonl.replace("uid", "author_id"));
    let (out, _) = analyze(&[&p], &[]);
    assert_eq!(comments(out.path()).get(1, "author_id"), "u9");
}
