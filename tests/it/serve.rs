//! `threadwatch serve` (issue 28): the real binary on a loopback port
//! chosen by the system, answering Coral's exact requests, bad input,
//! slow and idle clients, SIGHUP under load, SIGTERM draining and SIGKILL
//! during a decision load.  Every loop is bounded by a count and a time.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::support::{root, skip, tw};

const KEY: &str = "tw-test-key-5b0d1c";

/// A running server and its stderr so far.
struct Server {
    child: Child,
    addr: SocketAddr,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Starts `threadwatch serve --listen 127.0.0.1:0 ARGS` and waits for
    /// the address it logs.
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("threadwatch"))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .current_dir(root())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        let keep = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("listening on http://").nth(1) {
                    let a = rest.split('/').next().unwrap_or_default().to_owned();
                    let _ = tx.send(a);
                }
                keep.lock().unwrap().push(line);
            }
        });
        let addr = match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(a) => a.parse().unwrap(),
            Err(_) => {
                let _ = child.kill();
                panic!("the server did not start: {:?}", log.lock().unwrap());
            }
        };
        Server { child, addr, log }
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }

    fn signal(&self, sig: &str) {
        let ok = Command::new("kill")
            .args([&format!("-{sig}"), &self.child.id().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -{sig} failed");
    }

    /// Waits (at most 20 s) for the process to end; its exit code.
    fn wait(&mut self) -> Option<i32> {
        let t = Instant::now();
        while t.elapsed() < Duration::from_secs(20) {
            if let Some(s) = self.child.try_wait().unwrap() {
                return s.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("the server did not exit: {}", self.log());
    }

    /// VmRSS in kB (Linux).
    fn rss_kb(&self) -> Option<u64> {
        let s = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        s.lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 exchange on a new connection: status and body.
fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    let _ = s.write_all(body);
    read_response(&mut s)
}

fn read_response(s: &mut TcpStream) -> (u16, String) {
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map_or(String::new(), |b| b.1.to_owned());
    (status, body)
}

fn post(addr: SocketAddr, path: &str, body: &str) -> (u16, serde_json::Value) {
    let (code, b) = request(
        addr,
        "POST",
        path,
        &[("Content-Type", "application/json")],
        body.as_bytes(),
    );
    (
        code,
        serde_json::from_str(&b).unwrap_or(serde_json::Value::Null),
    )
}

/// A keys file holding the digest `serve --hash-key` prints for KEY.
fn keys_file(dir: &Path) -> PathBuf {
    let out = tw()
        .args(["serve", "--hash-key"])
        .write_stdin(format!("{KEY}\n"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let digest = String::from_utf8(out.stdout).unwrap();
    assert_eq!(digest.trim().len(), 64, "{digest}");
    let path = dir.join("keys.txt");
    std::fs::write(
        &path,
        format!("# test keys\n{} coral-test\n", digest.trim()),
    )
    .unwrap();
    path
}

const CORAL_ANALYZE: &str = r#"{"comment":{"text":"You are an idiot, and everyone knows it."},"doNotStore":true,"requestedAttributes":{"TOXICITY":{}},"languages":["en"]}"#;

fn coral_suggest(id: usize, deleted: bool) -> String {
    let (text, status) = if deleted {
        (format!("Comment {id}: you are a moron"), "DELETED")
    } else {
        (
            format!("Comment {id}: thanks for the clear report"),
            "APPROVED",
        )
    };
    format!(
        r#"{{"comment":{{"text":"{text}"}},"context":{{"entries":[{{"text":"{{\"url\":\"https://news.example/story?commentID=c{id}\",\"Coral_comment_id\":\"c{id}\"}}"}}]}},"attributeScores":{{"{status}":{{"summaryScore":{{"value":1}}}}}},"languages":["en"],"communityId":"Coral:https://news.example","clientToken":"comment:c{id}"}}"#
    )
}

#[test]
fn r28_coral_requests_and_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let keys = keys_file(dir.path());
    let decisions = dir.path().join("decisions.jsonl");
    let mut srv = Server::start(&[
        "--keys",
        keys.to_str().unwrap(),
        "--decisions",
        decisions.to_str().unwrap(),
        "--rate",
        "100000",
    ]);
    let a = srv.addr;
    let analyze = format!("/v1alpha1/comments:analyze?key={KEY}");

    // Coral's analyze, key in the query.
    let (code, v) = post(a, &analyze, CORAL_ANALYZE);
    assert_eq!(code, 200, "{v}");
    let s = &v["attributeScores"]["TOXICITY"]["summaryScore"];
    assert_eq!(s["type"], "PROBABILITY");
    let p = s["value"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&p) && p > 0.2, "{v}");
    assert!(v["threadwatch"]["evidence"]
        .as_str()
        .unwrap()
        .contains("idiot"));

    // The key as a header; a civil text scores lower.
    let civil = r#"{"comment":{"text":"Thank you for the careful reporting."},"requestedAttributes":{"TOXICITY":{}}}"#;
    let (code, b) = request(
        a,
        "POST",
        "/v1alpha1/comments:analyze",
        &[("x-goog-api-key", KEY)],
        civil.as_bytes(),
    );
    assert_eq!(code, 200, "{b}");
    let civil_p: serde_json::Value = serde_json::from_str(&b).unwrap();
    assert!(
        civil_p["attributeScores"]["TOXICITY"]["summaryScore"]["value"]
            .as_f64()
            .unwrap()
            < p
    );

    // Keys.
    for path in [
        "/v1alpha1/comments:analyze",
        "/v1alpha1/comments:analyze?key=wrong",
    ] {
        let (code, v) = post(a, path, CORAL_ANALYZE);
        assert_eq!(
            (code, v["error"]["status"].as_str()),
            (403, Some("PERMISSION_DENIED")),
            "{v}"
        );
    }

    // Coral's suggestscore: 200 only once the line is in the file.
    let (code, v) = post(
        a,
        &format!("/v1alpha1/comments:suggestscore?key={KEY}"),
        &coral_suggest(7, true),
    );
    assert_eq!(code, 200, "{v}");
    assert_eq!(v["clientToken"], "comment:c7");
    let line = std::fs::read_to_string(&decisions).unwrap();
    let d: serde_json::Value = serde_json::from_str(line.trim()).unwrap();
    assert_eq!(
        (d["label"].as_bool(), d["clientToken"].as_str()),
        (Some(true), Some("comment:c7"))
    );

    // Discovery, both spellings, with this server's root.
    for path in [
        "/$discovery/rest?version=v1alpha1",
        "/%24discovery/rest?version=v1alpha1",
    ] {
        let (code, b) = request(a, "GET", path, &[], b"");
        assert_eq!(code, 200, "{path}");
        let doc: serde_json::Value = serde_json::from_str(&b).unwrap();
        assert_eq!(doc["rootUrl"], format!("http://{a}/"));
        assert_eq!(
            doc["resources"]["comments"]["methods"]["suggestscore"]["path"],
            "v1alpha1/comments:suggestscore"
        );
    }
    assert_eq!(request(a, "GET", "/healthz", &[], b"").0, 200);
    assert_eq!(request(a, "GET", "/nothing", &[], b"").0, 404);

    // Bad input: each a 400 INVALID_ARGUMENT in Google's shape.
    let long = format!(
        r#"{{"comment":{{"text":"{}"}},"requestedAttributes":{{"TOXICITY":{{}}}}}}"#,
        "word ".repeat(4200)
    );
    let bad: Vec<(&str, String)> = vec![
        ("malformed", "{comment: text}".to_owned()),
        ("truncated", CORAL_ANALYZE[..40].to_owned()),
        (
            "wrong type",
            r#"{"comment":{"text":["a"]},"requestedAttributes":{"TOXICITY":{}}}"#.to_owned(),
        ),
        (
            "wrong type",
            r#"{"comment":"text","requestedAttributes":{"TOXICITY":{}}}"#.to_owned(),
        ),
        (
            "unknown attribute",
            r#"{"comment":{"text":"hi"},"requestedAttributes":{"SPAM":{}}}"#.to_owned(),
        ),
        (
            "language",
            r#"{"comment":{"text":"hi"},"requestedAttributes":{"TOXICITY":{}},"languages":["fr"]}"#
                .to_owned(),
        ),
        (
            "empty text",
            r#"{"comment":{"text":""},"requestedAttributes":{"TOXICITY":{}}}"#.to_owned(),
        ),
        ("too long", long),
    ];
    for (what, body) in &bad {
        let (code, v) = post(a, &analyze, body);
        assert_eq!(code, 400, "{what}: {v}");
        assert_eq!(v["error"]["status"], "INVALID_ARGUMENT", "{what}: {v}");
        assert_eq!(v["error"]["code"], 400, "{what}");
    }
    // A body over 1 MB: refused by its Content-Length, and when sent
    // chunked (no length), once it passes the limit.
    let huge = vec![b' '; (1 << 20) + 10];
    let (code, b) = request(a, "POST", &analyze, &[], &huge);
    assert_eq!(code, 413, "{b}");
    let mut s = TcpStream::connect(a).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(
        s,
        "POST {analyze} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    .unwrap();
    for _ in 0..17 {
        if write!(s, "10000\r\n").is_err()
            || s.write_all(&[b' '; 0x10000]).is_err()
            || write!(s, "\r\n").is_err()
        {
            break;
        }
    }
    let _ = write!(s, "0\r\n\r\n");
    assert_eq!(read_response(&mut s).0, 413);

    // The key never reaches the log; SIGTERM exits 0.
    srv.signal("TERM");
    assert_eq!(srv.wait(), Some(0));
    let log = srv.log();
    assert!(!log.contains(KEY), "{log}");
    assert!(log.contains("draining"), "{log}");
}

#[test]
fn r28_rate_per_key_is_429() {
    let dir = tempfile::tempdir().unwrap();
    let keys = keys_file(dir.path());
    let srv = Server::start(&["--keys", keys.to_str().unwrap(), "--rate", "2"]);
    let codes: Vec<u16> = (0..6)
        .map(|_| {
            post(
                srv.addr,
                &format!("/v1alpha1/comments:analyze?key={KEY}"),
                CORAL_ANALYZE,
            )
            .0
        })
        .collect();
    assert!(codes.contains(&200) && codes.contains(&429), "{codes:?}");
    let (_, v) = post(
        srv.addr,
        &format!("/v1alpha1/comments:analyze?key={KEY}"),
        CORAL_ANALYZE,
    );
    if !v.is_null() && v.get("error").is_some() {
        assert_eq!(v["error"]["status"], "RESOURCE_EXHAUSTED");
    }
}

#[test]
fn r28_slow_and_idle_clients_are_cut_off() {
    let srv = Server::start(&["--header-timeout", "1", "--max-connections", "1000"]);
    let before = srv.rss_kb();
    // 500 idle connections (5,000 are in `make bench-serve`).
    let idle: Vec<TcpStream> = (0..500)
        .filter_map(|_| TcpStream::connect(srv.addr).ok())
        .collect();
    assert!(idle.len() >= 400, "only {} connections", idle.len());
    // A client sending its headers a byte at a time, slowly.
    let mut slow = TcpStream::connect(srv.addr).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    // Others are still served meanwhile.
    assert_eq!(request(srv.addr, "GET", "/healthz", &[], b"").0, 200);
    let t = Instant::now();
    let mut cut = false;
    for b in b"POST /v1alpha1/comments:analyze HTTP/1.1\r\nHost: x\r\n"
        .iter()
        .take(30)
    {
        if slow.write_all(&[*b]).is_err() {
            cut = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let mut buf = [0u8; 256];
    // Within the timeout plus slack, the server closes (or answers 408).
    let got = slow.read(&mut buf).unwrap_or(0);
    let closed = cut || got == 0 || String::from_utf8_lossy(&buf[..got]).contains(" 408 ");
    assert!(
        closed && t.elapsed() < Duration::from_secs(5),
        "slow client not cut: {:?}",
        t.elapsed()
    );
    if let (Some(a), Some(b)) = (before, srv.rss_kb()) {
        assert!(b < a + 64 * 1024, "memory grew from {a} kB to {b} kB");
    }
    // The idle ones are closed by the header timeout too.
    let mut first = idle.into_iter().next().unwrap();
    first
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    assert_eq!(first.read(&mut buf).unwrap_or(0), 0);
}

#[test]
fn r28_sighup_under_load_fails_no_request() {
    let dir = tempfile::tempdir().unwrap();
    let keys = keys_file(dir.path());
    let good = std::fs::read_to_string(&keys).unwrap();
    let allow = dir.path().join("allow.txt");
    std::fs::write(&allow, "idiot\n").unwrap();
    let srv = Server::start(&[
        "--keys",
        keys.to_str().unwrap(),
        "--allow",
        allow.to_str().unwrap(),
        "--rate",
        "100000",
    ]);
    let addr = srv.addr;
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let clients: Vec<_> = (0..3)
        .map(|_| {
            let stop = stop.clone();
            std::thread::spawn(move || {
                let mut codes = Vec::new();
                while !stop.load(std::sync::atomic::Ordering::Relaxed) && codes.len() < 2000 {
                    codes.push(
                        post(
                            addr,
                            &format!("/v1alpha1/comments:analyze?key={KEY}"),
                            CORAL_ANALYZE,
                        )
                        .0,
                    );
                }
                codes
            })
        })
        .collect();
    let wait_for = |what: &str, n: usize| {
        let t = Instant::now();
        while srv.log().matches(what).count() < n && t.elapsed() < Duration::from_secs(20) {
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    // A good reload, a bad one (the keys file broken: the old set stays),
    // then a good one again, all while the clients run.
    srv.signal("HUP");
    wait_for("reloaded", 1);
    std::fs::write(&keys, "not a digest\n").unwrap();
    srv.signal("HUP");
    wait_for("reload failed", 1);
    std::fs::write(&keys, &good).unwrap();
    std::fs::write(&allow, "").unwrap();
    srv.signal("HUP");
    wait_for("reloaded", 2);
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let codes: Vec<u16> = clients
        .into_iter()
        .flat_map(|c| c.join().unwrap())
        .collect();
    let log = srv.log();
    assert!(!codes.is_empty());
    assert!(
        codes.iter().all(|&c| c == 200),
        "{:?}\n{log}",
        codes.iter().filter(|&&c| c != 200).collect::<Vec<_>>()
    );
    assert_eq!(log.matches("reloaded").count(), 2, "{log}");
    assert!(
        log.contains("keys.txt:1: expected a SHA-256 digest"),
        "{log}"
    );
    // The allow-list emptied by the last reload: "idiot" counts again.
    let (_, v) = post(
        addr,
        &format!("/v1alpha1/comments:analyze?key={KEY}"),
        CORAL_ANALYZE,
    );
    assert!(
        v["threadwatch"]["evidence"]
            .as_str()
            .unwrap()
            .contains("idiot"),
        "{v}"
    );
}

#[test]
fn r28_sigterm_drains_a_request_in_flight() {
    let mut srv = Server::start(&[]);
    let mut s = TcpStream::connect(srv.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let body = CORAL_ANALYZE.as_bytes();
    write!(
        s,
        "POST /v1alpha1/comments:analyze HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .unwrap();
    s.write_all(&body[..10]).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    srv.signal("TERM");
    std::thread::sleep(Duration::from_millis(200));
    // New connections are refused while the one in flight finishes.
    s.write_all(&body[10..]).unwrap();
    let (code, b) = read_response(&mut s);
    assert_eq!(code, 200, "{b}\n{}", srv.log());
    assert_eq!(srv.wait(), Some(0));
}

#[test]
fn r28_sigkill_during_suggestscore_keeps_every_answered_decision() {
    let dir = tempfile::tempdir().unwrap();
    let decisions = dir.path().join("decisions.jsonl");
    let mut srv = Server::start(&[
        "--decisions",
        decisions.to_str().unwrap(),
        "--rate",
        "100000",
    ]);
    let addr = srv.addr;
    let acked = Arc::new(Mutex::new(Vec::new()));
    let clients: Vec<_> = (0..4)
        .map(|c| {
            let acked = acked.clone();
            std::thread::spawn(move || {
                for i in 0..400 {
                    let id = c * 1000 + i;
                    let mut s = match TcpStream::connect(addr) {
                        Ok(s) => s,
                        Err(_) => return,
                    };
                    let body = coral_suggest(id, id % 2 == 0);
                    let head = format!(
                        "POST /v1alpha1/comments:suggestscore HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
                        body.len()
                    );
                    if s.write_all(head.as_bytes()).and_then(|()| s.write_all(body.as_bytes())).is_err() {
                        return;
                    }
                    let _ = s.set_read_timeout(Some(Duration::from_secs(10)));
                    if read_response(&mut s).0 == 200 {
                        acked.lock().unwrap().push(format!("comment:c{id}"));
                    } else {
                        return;
                    }
                }
            })
        })
        .collect();
    let t = Instant::now();
    while acked.lock().unwrap().len() < 60 && t.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(5));
    }
    srv.signal("KILL");
    let _ = srv.wait();
    for c in clients {
        c.join().unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(acked.len() >= 60, "only {} decisions answered", acked.len());
    let mut bytes = std::fs::read(&decisions).unwrap();
    let d = threadwatch::perspective::decision::read(&bytes).unwrap();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let kept: std::collections::HashSet<&str> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["clientToken"].as_str().map(str::to_owned))
        .map(|t| &*Box::leak(t.into_boxed_str()))
        .collect();
    for t in &acked {
        assert!(kept.contains(t.as_str()), "answered {t} is not in the file");
    }
    assert!(d.rows.len() >= acked.len());
    // A torn last line (as a crash mid-write leaves it) is skipped by
    // train with a warning, and cut off when the server starts again.
    let whole = bytes.len() - d.torn;
    bytes.truncate(whole);
    bytes.extend_from_slice(&coral_suggest(99_999, true).as_bytes()[..50]);
    std::fs::write(&decisions, &bytes).unwrap();
    let out = tw()
        .args(["train", "--decisions", decisions.to_str().unwrap(), "--out"])
        .arg(dir.path().join("site.model"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("skipped a torn last line"), "{err}");
    let srv2 = Server::start(&["--decisions", decisions.to_str().unwrap()]);
    assert!(
        srv2.log().contains("cut off a torn last line") || {
            std::thread::sleep(Duration::from_millis(200));
            srv2.log().contains("cut off a torn last line")
        }
    );
    assert_eq!(std::fs::read(&decisions).unwrap().len(), whole);
}

/// A Python with Google's API client: THREADWATCH_PYTHON, or the venv
/// `tests/python/venv.sh` makes (in ~/.cache/threadwatch).
fn google_python() -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = std::env::var_os("THREADWATCH_PYTHON")
        .map(PathBuf::from)
        .into_iter()
        .collect();
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")));
    if let Some(dir) = cache.map(|c| c.join("threadwatch")) {
        if let Ok(entries) = std::fs::read_dir(dir) {
            let mut v: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with("serve-venv-"))
                })
                .map(|p| p.join("bin").join("python"))
                .collect();
            v.sort();
            candidates.extend(v);
        }
    }
    candidates.push(PathBuf::from("python3"));
    candidates.into_iter().find(|p| {
        Command::new(p)
            .args(["-c", "import googleapiclient.discovery"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

#[test]
fn r28_google_python_client_works_unchanged() {
    let Some(python) = google_python() else {
        skip("no python with google-api-python-client (run tests/python/venv.sh, as .ci/run does)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let keys = keys_file(dir.path());
    let decisions = dir.path().join("decisions.jsonl");
    let mut srv = Server::start(&[
        "--keys",
        keys.to_str().unwrap(),
        "--decisions",
        decisions.to_str().unwrap(),
    ]);
    let out = Command::new(&python)
        .arg(root().join("tests/python/google_client.py"))
        .arg(format!("http://{}", srv.addr))
        .arg(KEY)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
        srv.log()
    );
    assert!(std::fs::read_to_string(&decisions)
        .unwrap()
        .contains("python-client-1"));
    srv.signal("TERM");
    assert_eq!(srv.wait(), Some(0));
}

#[test]
fn r28_serve_section_of_the_config_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("threadwatch.toml");
    std::fs::write(&config, "[serve]\nlisten = \"127.0.0.1:0\"\nrate = 0\n").unwrap();
    tw().args(["serve", "--config"])
        .arg(&config)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "rate: expected a positive number",
        ));
    std::fs::write(&config, "[serve]\nlisten = \"127.0.0.1:0\"\nport = 80\n").unwrap();
    tw().args(["serve", "--config"])
        .arg(&config)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown field `port`"));
}

#[test]
fn r28_a_slow_body_gets_408() {
    let srv = Server::start(&["--body-timeout", "0.5"]);
    let mut s = TcpStream::connect(srv.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "POST /v1alpha1/comments:analyze HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 100\r\n\r\n{{\"comment\":"
    )
    .unwrap();
    let (code, body) = read_response(&mut s);
    assert_eq!(code, 408, "{body}");
    assert!(body.contains("DEADLINE_EXCEEDED"), "{body}");
}
