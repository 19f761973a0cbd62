//! Platform export reading speed (issue 16): each reader over a generated
//! export of about 8 MB, on one thread, from bytes to threads (XML or
//! JSON parsing, HTML bodies to text, trees built from ids).
//!
//! The exports are generated here (seeded, made-up words; the bundled
//! samples in `data/samples/` are far too small to time): threads of 200
//! comments, a third of them replies to an earlier comment, bodies of two
//! short paragraphs (HTML in WXR and Disqus, with an entity and a link).
//! The goal is at least 100 MB/s per reader (docs/PERFORMANCE.md).
//!
//! Run: `cargo bench --bench exports -- --warm-up-time 1 --measurement-time 5`
//!
//! With `EXPORTS_CPU_TIME=1` the time measured is the bench thread's time
//! on a CPU (Linux's `/proc/thread-self/schedstat`, to a scheduler tick)
//! instead of the wall clock: on a machine shared with other builds the
//! wall clock measures the queue for a core as much as the reader.

use std::fmt::Write;
use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{BatchSize, Criterion, Throughput};
use threadwatch::pipeline::source::{Fields, Sources};

/// Size of each generated export.
const EXPORT_BYTES: usize = 8 * 1024 * 1024;
/// Comments per thread.
const PER_THREAD: usize = 200;

const WORDS: [&str; 24] = [
    "bridge",
    "ferry",
    "council",
    "harbour",
    "closure",
    "weeks",
    "traders",
    "timetable",
    "the",
    "of",
    "and",
    "a",
    "to",
    "north",
    "shore",
    "bakery",
    "boats",
    "morning",
    "minutes",
    "spring",
    "repairs",
    "cables",
    "queue",
    "shuttle",
];

/// A deterministic stream of words and numbers (SplitMix64).
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut s = String::new();
        for i in 0..words {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(WORDS[(self.next() % WORDS.len() as u64) as usize]);
        }
        s
    }

    /// The parent of comment `i` of a thread: none, or an earlier one.
    fn parent(&mut self, i: usize) -> Option<usize> {
        (i > 0 && self.next().is_multiple_of(3)).then(|| (self.next() % i as u64) as usize)
    }
}

fn wxr() -> String {
    let mut g = Gen(1);
    let mut s = String::from(
        "<?xml version=\"1.0\"?>\n<rss xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
         xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel>\n",
    );
    let mut id = 0;
    while s.len() < EXPORT_BYTES {
        let _ = writeln!(
            s,
            "<item><title>{}</title><wp:post_type>post</wp:post_type>",
            g.sentence(6)
        );
        let first = id;
        for i in 0..PER_THREAD {
            id += 1;
            let parent = g.parent(i).map_or(0, |p| first + p + 1);
            let _ = write!(
                s,
                "<wp:comment><wp:comment_id>{id}</wp:comment_id>\
                 <wp:comment_author><![CDATA[user{}]]></wp:comment_author>\
                 <wp:comment_date_gmt>2025-03-{:02} {:02}:{:02}:00</wp:comment_date_gmt>\
                 <wp:comment_content><![CDATA[<p>{} &amp; {}.</p>\n<p><a href=\"https://x.example\">{}</a> {}.</p>]]></wp:comment_content>\
                 <wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type>\
                 <wp:comment_parent>{parent}</wp:comment_parent></wp:comment>\n",
                g.next() % 500,
                1 + g.next() % 28,
                g.next() % 24,
                g.next() % 60,
                g.sentence(12),
                g.sentence(10),
                g.sentence(2),
                g.sentence(14),
            );
        }
        s.push_str("</item>\n");
    }
    s.push_str("</channel>\n</rss>\n");
    s
}

fn disqus() -> String {
    let mut g = Gen(2);
    let mut s = String::from(
        "<?xml version=\"1.0\"?>\n<disqus xmlns=\"http://disqus.com\" \
         xmlns:dsq=\"http://disqus.com/disqus-internals\">\n",
    );
    let (mut id, mut thread) = (0, 0);
    while s.len() < EXPORT_BYTES {
        thread += 1;
        let _ = writeln!(
            s,
            "<thread dsq:id=\"t{thread}\"><title>{}</title></thread>",
            g.sentence(6)
        );
        let first = id;
        for i in 0..PER_THREAD {
            id += 1;
            let parent = g.parent(i).map_or(String::new(), |p| {
                format!("<parent dsq:id=\"{}\"/>", first + p + 1)
            });
            let _ = writeln!(
                s,
                "<post dsq:id=\"{id}\"><id/><message><![CDATA[<p>{} &amp; {}.</p><p>{}.</p>]]></message>\
                 <createdAt>2025-03-{:02}T{:02}:{:02}:00Z</createdAt><isDeleted>false</isDeleted>\
                 <isSpam>false</isSpam><author><name>User {}</name><isAnonymous>false</isAnonymous>\
                 <username>user{}</username></author><thread dsq:id=\"t{thread}\"/>{parent}</post>",
                g.sentence(12),
                g.sentence(10),
                g.sentence(14),
                1 + g.next() % 28,
                g.next() % 24,
                g.next() % 60,
                g.next() % 500,
                g.next() % 500,
            );
        }
    }
    s.push_str("</disqus>\n");
    s
}

fn ndjson(reddit: bool) -> String {
    let mut g = Gen(3);
    let mut s = String::new();
    let (mut id, mut thread) = (0, 0);
    while s.len() < EXPORT_BYTES {
        thread += 1;
        let first = id;
        for i in 0..PER_THREAD {
            id += 1;
            let parent = g.parent(i);
            let (body, created) = (
                format!(
                    "{} &amp; {}.\\n\\n&gt; {}",
                    g.sentence(12),
                    g.sentence(10),
                    g.sentence(14)
                ),
                1_740_000_000 + g.next() % 3_000_000,
            );
            let author = g.next() % 500;
            if reddit {
                let parent = parent.map_or(format!("t3_p{thread}"), |p| {
                    format!("t1_c{}", first + p + 1)
                });
                let _ = writeln!(
                    s,
                    "{{\"id\":\"c{id}\",\"parent_id\":\"{parent}\",\"link_id\":\"t3_p{thread}\",\
                     \"author\":\"user{author}\",\"body\":\"{body}\",\"created_utc\":{created},\
                     \"score\":{},\"subreddit\":\"saltmere\"}}",
                    g.next() % 100
                );
            } else {
                let parent = parent.map_or(String::new(), |p| format!("c{}", first + p + 1));
                let _ = writeln!(
                    s,
                    "{{\"id\":\"c{id}\",\"parent_id\":\"{parent}\",\"thread\":\"p{thread}\",\
                     \"author\":\"user{author}\",\"text\":\"{body}\",\"created\":{created}}}"
                );
            }
        }
    }
    s
}

fn csv_export() -> String {
    let mut g = Gen(4);
    let mut s = String::from("id,parent_id,thread,author,created,text\n");
    let (mut id, mut thread) = (0, 0);
    while s.len() < EXPORT_BYTES {
        thread += 1;
        let first = id;
        for i in 0..PER_THREAD {
            id += 1;
            let parent = g
                .parent(i)
                .map_or(String::new(), |p| format!("c{}", first + p + 1));
            let _ = writeln!(
                s,
                "c{id},{parent},p{thread},user{},2025-03-{:02}T{:02}:00:00Z,\"{}, {}.\n\n{}.\"",
                g.next() % 500,
                1 + g.next() % 28,
                g.next() % 24,
                g.sentence(12),
                g.sentence(10),
                g.sentence(14),
            );
        }
    }
    s
}

/// Time the bench thread spent on a CPU.
struct CpuTime;

/// The thread's time on a CPU so far, in nanoseconds.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .expect("EXPORTS_CPU_TIME needs /proc/thread-self/schedstat (Linux)")
}

static WALL: WallTime = WallTime;

impl Measurement for CpuTime {
    type Intermediate = u64;
    type Value = Duration;

    fn start(&self) -> u64 {
        cpu_ns()
    }

    fn end(&self, start: u64) -> Duration {
        Duration::from_nanos(cpu_ns().saturating_sub(start))
    }

    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }

    fn zero(&self) -> Duration {
        Duration::ZERO
    }

    fn to_f64(&self, v: &Duration) -> f64 {
        v.as_nanos() as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        // Durations either way: the wall clock's units and throughputs.
        WALL.formatter()
    }
}

fn exports<M: Measurement>(c: &mut Criterion<M>) {
    let sources = Sources::new(Fields::default());
    let mut group = c.benchmark_group("exports");
    for (format, text) in [
        ("wxr", wxr()),
        ("disqus", disqus()),
        ("reddit", ndjson(true)),
        ("jsonl", ndjson(false)),
        ("csv", csv_export()),
    ] {
        let source = sources.named(format);
        let threads = source.read("bench", text.clone().into_bytes());
        assert!(
            threads.iter().all(Result::is_ok),
            "{format}: the generated export reads"
        );
        assert_eq!(sources.for_bytes(text.as_bytes()).format(), format);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format, |b| {
            b.iter_batched(
                || text.clone().into_bytes(),
                |bytes| source.read(black_box("bench"), bytes),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

fn main() {
    let c = Criterion::default().sample_size(10).configure_from_args();
    if std::env::var_os("EXPORTS_CPU_TIME").is_some() {
        let mut c = c.with_measurement(CpuTime);
        exports(&mut c);
        c.final_summary();
    } else {
        let mut c = c;
        exports(&mut c);
        c.final_summary();
    }
}
