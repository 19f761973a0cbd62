//! `threadwatch map` and `threadwatch merge` (issue 19): the distributed
//! path gives the reports `analyze` gives, whatever the split of inputs
//! into map tasks, the grouping and order of merges, and the order of
//! lines; exports split by thread read as whole ones; bad input is told
//! and counted as in a single run.

use std::path::{Path, PathBuf};

use threadwatch::stable::SplitMix64;

use super::support::{artifacts, root, tw};

const REPORTS: [&str; 5] = [
    "comments.csv",
    "threads.csv",
    "users.csv",
    "interactions.csv",
    "taunts.csv",
];

/// A corpus in `dir/corpus`: generated pages (few authors, so pairs and
/// taunts occur), the sample pages and exports, a page that does not
/// parse, and a Reddit-style export with a truncated line.  Returns the
/// inputs as `analyze` names them (relative to the repository root).
fn corpus(dir: &Path) -> Vec<String> {
    let corpus = dir.join("corpus");
    tw().args([
        "gen",
        "--megabytes",
        "0.6",
        "--seed",
        "19",
        "--authors",
        "60",
        "--out",
    ])
    .arg(corpus.join("gen"))
    .assert()
    .success();
    for f in [
        "harbor_bridge.txt",
        "quiet_street.txt",
        "reddit.ndjson",
        "wordpress.xml",
        "disqus.xml",
    ] {
        std::fs::copy(root().join("data/samples").join(f), corpus.join(f)).unwrap();
    }
    // Two people who share a display name, in two threads (issue 31):
    // their users stay two however the threads are split.
    let post = |id: &str, thread: &str, user: &str| {
        format!(
            "<post dsq:id=\"{id}\"><thread dsq:id=\"{thread}\"/><message><![CDATA[<p>You idiot, \
             {id}.</p>]]></message><createdAt>2025-03-03T10:00:00Z</createdAt><author><name>Ben \
             Ortiz</name><username>{user}</username><isAnonymous>false</isAnonymous></author></post>\n"
        )
    };
    std::fs::write(
        corpus.join("clash.xml"),
        [
            "<?xml version=\"1.0\"?>\n<disqus xmlns=\"http://disqus.com\" \
             xmlns:dsq=\"http://disqus.com/disqus-internals\">\n"
                .to_owned(),
            post("c1", "t1", "bortiz"),
            post("c2", "t2", "benortiz2"),
            post("c3", "t2", "bortiz"),
            "</disqus>\n".to_owned(),
        ]
        .concat(),
    )
    .unwrap();
    // Not UTF-8 on its fifth line.
    std::fs::write(
        corpus.join("broken.txt"),
        b"Title\n\n  \xe2\x80\xa2 Ann\n\n    fine \xff\xfe\n".as_slice(),
    )
    .unwrap();
    let mut reddit = std::fs::read(root().join("data/samples/reddit.ndjson")).unwrap();
    reddit.extend_from_slice(b"{\"id\": \"cut\", \"body\": \n");
    std::fs::write(corpus.join("cut.ndjson"), reddit).unwrap();
    let mut names: Vec<PathBuf> = walkdir::WalkDir::new(&corpus)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.is_file())
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| p.strip_prefix(root()).unwrap().display().to_string())
        .collect()
}

/// A whole input as one frame.
fn frame(name: &str, bytes: &[u8], extra: &str) -> Vec<u8> {
    let mut out = format!(
        "TWFRAME {{\"name\": {}, \"bytes\": {}{extra}}}\n",
        serde_json::to_string(name).unwrap(),
        bytes.len()
    )
    .into_bytes();
    out.extend_from_slice(bytes);
    out
}

/// A thread group: its lines with their 1-based numbers.
type Group<'a> = Vec<(usize, &'a [u8])>;

/// A Reddit-style export as one frame per thread group, as
/// grammars/partials.md says a job splits one.
fn split_reddit(name: &str, bytes: &[u8]) -> Vec<Vec<u8>> {
    use sha2::Digest;
    let sha = format!("{:x}", sha2::Sha256::digest(bytes));
    let mut groups: Vec<(String, Group)> = Vec::new();
    for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let key = match serde_json::from_slice::<serde_json::Value>(line) {
            Ok(v) => {
                let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_owned();
                let strip = |s: String| s.strip_prefix("t3_").map(str::to_owned).unwrap_or(s);
                if v.get("body").is_none() {
                    format!("k{}", strip(s("id")))
                } else if !s("link_id").is_empty() {
                    format!("k{}", strip(s("link_id")))
                } else if s("parent_id").starts_with("t3_") {
                    format!("k{}", strip(s("parent_id")))
                } else {
                    "k".to_owned()
                }
            }
            Err(_) => format!("bad{i}"),
        };
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, g)) => g.push((i + 1, line)),
            None => groups.push((key, vec![(i + 1, line)])),
        }
    }
    groups
        .iter()
        .enumerate()
        .map(|(rank, (_, lines))| {
            let mut content = Vec::new();
            for (_, l) in lines {
                content.extend_from_slice(l);
                content.push(b'\n');
            }
            let numbers: Vec<usize> = lines.iter().map(|(n, _)| *n).collect();
            let extra = format!(
                ", \"part\": {rank}, \"format\": \"reddit\", \"file_bytes\": {}, \"sha256\": \"{sha}\", \"lines\": {:?}",
                bytes.len(),
                numbers
            );
            frame(name, &content, &extra)
        })
        .collect()
}

/// Every frame of the corpus, the NDJSON exports split by thread.
fn frames(names: &[String]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for n in names {
        let bytes = std::fs::read(root().join(n)).unwrap();
        if n.ends_with(".ndjson") {
            out.extend(split_reddit(n, &bytes));
        } else {
            out.push(frame(n, &bytes, ""));
        }
    }
    out
}

fn shuffle<T>(v: &mut [T], rng: &mut SplitMix64) {
    for i in (1..v.len()).rev() {
        v.swap(i, rng.below(i as u64 + 1) as usize);
    }
}

/// Partial lines of `bytes`, shuffled (the version line may go anywhere).
fn shuffled_lines(bytes: &[u8], rng: &mut SplitMix64) -> Vec<u8> {
    let mut lines: Vec<&[u8]> = bytes.split_inclusive(|b| *b == b'\n').collect();
    shuffle(&mut lines, rng);
    lines.concat()
}

fn map(frames: &[Vec<u8>]) -> Vec<u8> {
    let out = tw()
        .args(["map", "-q", "-j2"])
        .write_stdin(frames.concat())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn merge_partial(inputs: &[Vec<u8>]) -> Vec<u8> {
    let out = tw()
        .args(["merge", "--partial"])
        .write_stdin(inputs.concat())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn same_reports(a: &Path, b: &Path) {
    for f in REPORTS {
        let x = std::fs::read(a.join(f)).unwrap();
        let y = std::fs::read(b.join(f)).unwrap();
        assert!(
            x == y,
            "{f} differs between {} and {}",
            a.display(),
            b.display()
        );
    }
    let run = |d: &Path| -> serde_json::Value {
        let mut v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(d.join("run.json")).unwrap()).unwrap();
        v["options"]["glob"] = serde_json::Value::Null;
        v
    };
    assert_eq!(run(a)["inputs"], run(b)["inputs"]);
    assert_eq!(run(a)["counts"], run(b)["counts"]);
}

#[test]
fn r19_random_splits_and_merge_orders_give_analyze_reports() {
    let dir = artifacts("r19_map_merge");
    let names = corpus(&dir);
    let single = dir.join("single");
    let a = tw()
        .arg("analyze")
        .args(&names)
        .arg("--out")
        .arg(&single)
        .output()
        .unwrap();
    // One page and one line are bad: exit 1, both told.
    assert_eq!(
        a.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&a.stderr)
    );
    let users = std::fs::read_to_string(single.join("users.csv")).unwrap();
    assert!(
        users.contains("\nBen Ortiz (bortiz),2,2,") && users.contains("\nBen Ortiz (benortiz2),1,"),
        "{users}"
    );
    let frames = frames(&names);
    assert!(
        frames.len() > names.len(),
        "the NDJSON exports should split"
    );
    for seed in 1..=3u64 {
        let mut rng = SplitMix64::new(seed);
        // Frames dealt to 1-4 map tasks in any order.
        let mut order = frames.clone();
        shuffle(&mut order, &mut rng);
        let tasks = 1 + rng.below(4) as usize;
        let mut dealt: Vec<Vec<Vec<u8>>> = vec![Vec::new(); tasks];
        for f in order {
            dealt[rng.below(tasks as u64) as usize].push(f);
        }
        let mut partials: Vec<Vec<u8>> = dealt
            .iter()
            .filter(|d| !d.is_empty())
            .map(|d| map(d))
            .collect();
        // Merged with --partial in a random tree, lines shuffled.
        while partials.len() > 1 && rng.below(3) > 0 {
            let x = partials.swap_remove(rng.below(partials.len() as u64) as usize);
            let i = rng.below(partials.len() as u64) as usize;
            let y = std::mem::take(&mut partials[i]);
            partials[i] = merge_partial(&[shuffled_lines(&x, &mut rng), y]);
        }
        let all: Vec<u8> = shuffled_lines(&partials.concat(), &mut rng);
        let out = dir.join(format!("merged{seed}"));
        let m = tw()
            .args(["merge", "--out"])
            .arg(&out)
            .write_stdin(all)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&m.stderr);
        assert_eq!(m.status.code(), Some(1), "seed {seed}: {stderr}");
        assert!(stderr.contains("broken.txt:5:"), "seed {seed}: {stderr}");
        assert!(stderr.contains("2 inputs failed"), "seed {seed}: {stderr}");
        assert!(stderr.contains("cut.ndjson:8:"), "seed {seed}: {stderr}");
        same_reports(&single, &out);
    }
}

#[test]
fn r19_merging_one_map_output_twice_is_an_error() {
    let dir = artifacts("r19_twice");
    let page = std::fs::read(root().join("data/samples/harbor_bridge.txt")).unwrap();
    let p = map(&[frame("data/samples/harbor_bridge.txt", &page, "")]);
    let out = tw()
        .args(["merge", "--out"])
        .arg(dir.join("out"))
        .write_stdin([p.clone(), p].concat())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("given twice"), "{stderr}");
    assert!(!dir.join("out/comments.csv").exists());
}

/// Runs the binary with `args` on `stdin`; it must exit 2 and say `said`.
fn fails_with(args: &[&str], stdin: &str, said: &str) {
    let out = tw().args(args).write_stdin(stdin).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(said), "{stderr}");
}

#[test]
fn r19_bad_frames_and_lines_say_where() {
    fails_with(
        &["map"],
        "TWFRAME {\"name\": \"a.txt\", \"bytes\": 50}\nshort",
        "frame 1 (a.txt): the stream ends after 5 of its 50 bytes",
    );
    fails_with(
        &["map"],
        "Title\n\n  • Ann\n",
        "frame 1 (byte 0): expected a header line `TWFRAME",
    );
    fails_with(
        &["merge", "--partial"],
        "threadwatch-partials\t1\t\nuser\tann\tnot-base64\n",
        "standard input:2: expected a partial line",
    );
}

#[test]
fn r19_merge_of_nothing_exits_4_like_analyze() {
    let dir = artifacts("r19_nothing");
    let out = tw()
        .args(["merge", "--out"])
        .arg(dir.join("out"))
        .write_stdin("threadwatch-partials\t1\t\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("nothing analysed (no input matched)"),
        "{stderr}"
    );
}

/// A reducer: `merge --partial --comments-to PIECE` over `lines`.
fn reduce_to_piece(lines: &[u8], piece: &Path, flags: &[&str]) -> Vec<u8> {
    let out = tw()
        .args(["merge", "--partial", "--comments-to"])
        .arg(piece)
        .args(flags)
        .write_stdin(lines)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn r19_comment_pieces_from_reducers_give_analyze_reports() {
    let dir = artifacts("r19_pieces");
    let names = corpus(&dir);
    // A delimiter and a byte-order mark: pieces are written in the final
    // merge's format, the mark and the header only in the final file.
    let flags = ["--delimiter", ";", "--bom"];
    let single = dir.join("single");
    let a = tw()
        .arg("analyze")
        .args(&names)
        .arg("--out")
        .arg(&single)
        .args(flags)
        .output()
        .unwrap();
    assert_eq!(a.status.code(), Some(1));
    let frames = frames(&names);
    let (left, right) = frames.split_at(frames.len() / 2);
    let partials = [map(left), map(right)].concat();
    // The shuffle: rows by a range of inputs in run order (names are
    // sorted as analyze sorts them), the rest by a hash of kind and key.
    let reducers = 3;
    let mut buckets: Vec<Vec<u8>> = vec![Vec::new(); reducers];
    let mut rows_in = vec![0usize; reducers];
    for line in partials.split_inclusive(|b| *b == b'\n') {
        let text = std::str::from_utf8(line).unwrap();
        let mut fields = text.splitn(3, '\t');
        let (kind, key) = (fields.next().unwrap(), fields.next().unwrap());
        let r = if kind == "rows" {
            let source = key.split(' ').next().unwrap().replace("%20", " ");
            let rank = names.iter().position(|n| *n == source).unwrap();
            let r = rank * reducers / names.len();
            rows_in[r] += 1;
            r
        } else {
            key.bytes().map(usize::from).sum::<usize>() % reducers
        };
        buckets[r].extend_from_slice(line);
    }
    assert!(rows_in.iter().all(|n| *n > 0), "{rows_in:?}");
    let pieces = dir.join("pieces");
    std::fs::create_dir_all(&pieces).unwrap();
    let reduced: Vec<u8> = buckets
        .iter()
        .enumerate()
        .map(|(k, b)| reduce_to_piece(b, &pieces.join(format!("piece-{k}")), &flags[..2]))
        .collect::<Vec<_>>()
        .concat();
    // Only the small partials reach the final merge, no rows.
    assert!(!reduced.starts_with(b"rows\t") && !reduced.windows(6).any(|w| w == b"\nrows\t"));
    let final_merge = |out: &Path, extra: &[&str]| {
        tw().args(["merge", "--out"])
            .arg(out)
            .arg("--comments-from")
            .arg(&pieces)
            .args(flags)
            .args(extra)
            .write_stdin(reduced.clone())
            .output()
            .unwrap()
    };
    let out = dir.join("merged");
    let m = final_merge(&out, &[]);
    let stderr = String::from_utf8_lossy(&m.stderr);
    assert_eq!(m.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("broken.txt:5:"), "{stderr}");
    same_reports(&single, &out);

    // The workbook needs the records, which pieces do not carry.
    let m = final_merge(&dir.join("xlsx"), &["--xlsx"]);
    assert_eq!(m.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&m.stderr).contains("--xlsx needs every comment's record"));
    // A lost piece is an error before anything is published.
    std::fs::remove_file(pieces.join("piece-1")).unwrap();
    let lost = dir.join("lost");
    let m = final_merge(&lost, &[]);
    assert_eq!(m.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&m.stderr);
    assert!(
        stderr.contains("comments piece") && stderr.contains("piece-1"),
        "{stderr}"
    );
    assert!(!lost.join("comments.csv").exists());
    // Pieces described but not given.
    let m = tw()
        .args(["merge", "--out"])
        .arg(&lost)
        .write_stdin(reduced)
        .output()
        .unwrap();
    assert_eq!(m.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&m.stderr).contains("give the pieces' folder with --comments-from")
    );
}
