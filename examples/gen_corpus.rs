//! Writes a folder of generated comment pages, for whole-run benchmarks
//! (`make bench-people`).  Pages come from `threadwatch::generate`, seeded
//! per page, so the same arguments always give the same bytes.
//!
//! Run: `cargo run --release --example gen_corpus -- DIR PAGES PAGE_BYTES AUTHORS`

use threadwatch::generate::{page, GenOptions};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, pages, bytes, authors] = args.as_slice() else {
        eprintln!("usage: gen_corpus DIR PAGES PAGE_BYTES AUTHORS");
        std::process::exit(2);
    };
    let number = |s: &str| -> usize {
        s.parse().unwrap_or_else(|_| {
            eprintln!("expected a number, found {s:?}");
            std::process::exit(2)
        })
    };
    let (pages, bytes, authors) = (number(pages), number(bytes), number(authors));
    std::fs::create_dir_all(dir).expect("output folder can be created");
    let mut total = 0;
    for i in 0..pages {
        let text = page(&GenOptions {
            seed: 0x5EED + i as u64,
            target_bytes: bytes,
            max_depth: 6,
            authors,
            ..GenOptions::default()
        });
        total += text.len();
        std::fs::write(format!("{dir}/page_{i:05}.txt"), text).expect("page can be written");
    }
    eprintln!("wrote {pages} pages, {total} bytes, to {dir}");
}
