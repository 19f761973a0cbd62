use std::io::{BufRead, BufReader};

use super::Tracked;

/// Line and column of every offset of `text`, counted from the start.
fn naive(text: &[u8]) -> Vec<(u32, u32)> {
    let (mut line, mut column) = (1, 1);
    let mut out = Vec::with_capacity(text.len() + 1);
    for &b in text {
        out.push((line, column));
        if b == b'\n' {
            (line, column) = (line + 1, 1);
        } else if b & 0xc0 != 0x80 {
            column += 1;
        }
    }
    out.push((line, column));
    out
}

/// Reads `text` through a tracker in pieces of `step` bytes, asking for
/// the place of every `every`-th offset as a reader would (forgetting
/// what is before it), and compares with counting from the start.
fn check(text: &[u8], step: usize, every: usize) {
    let places = naive(text);
    let mut t = Tracked::new(BufReader::with_capacity(step.max(1), text));
    let mut offset = 0;
    while offset < text.len() {
        let n = t.fill_buf().unwrap().len().min(step.max(1));
        t.consume(n);
        offset += n;
        let mut ask = offset.saturating_sub(every * 2);
        while ask <= offset {
            if text.is_char_boundary_at(ask) {
                t.forget_before(ask as u64);
                assert_eq!(t.at(ask as u64), places[ask], "offset {ask}");
            }
            ask += every.max(1);
        }
    }
}

trait Boundary {
    fn is_char_boundary_at(&self, i: usize) -> bool;
}

impl Boundary for [u8] {
    fn is_char_boundary_at(&self, i: usize) -> bool {
        i >= self.len() || self[i] & 0xc0 != 0x80
    }
}

#[test]
fn r16_places_match_counting_from_the_start() {
    let short = "ab\ncé😀\n\nxyz <t a=\"1\">\n".repeat(3);
    for step in [1, 2, 3, 7, 64] {
        check(short.as_bytes(), step, 1);
    }
    // Long enough that bytes are dropped, with short and very long lines.
    let mut long = String::new();
    for i in 0..40_000 {
        long.push_str(&format!("<c id=\"{i}\">é{}</c>", "x".repeat(i % 97)));
        if i % 3 == 0 {
            long.push('\n');
        }
    }
    long.push_str(&"ü".repeat(200_000));
    long.push('\n');
    check(long.as_bytes(), 8192, 1500);
}

#[test]
fn r16_source_lines_come_whole_or_not_at_all() {
    let text = b"one\ntwo <x>\nthree\r\n";
    let mut t = Tracked::new(BufReader::with_capacity(4, &text[..]));
    // The reader has read up to `<x>`; the line's end is read ahead.
    let n = 9;
    let mut read = 0;
    while read < n {
        let k = t.fill_buf().unwrap().len().min(n - read);
        t.consume(k);
        read += k;
    }
    assert_eq!(t.line_text(8), "two <x>");
    // A line whose start was dropped has no text.
    let mut big = "y".repeat(super::HEAD + super::DROP + 10);
    big.push_str("<z>\n");
    let mut t = Tracked::new(big.as_bytes());
    let len = big.len();
    t.consume(len - 1);
    t.forget_before((len - 4) as u64);
    assert_eq!(t.at((len - 4) as u64), (1, (len - 3) as u32));
    assert_eq!(t.line_text((len - 4) as u64), "");
    // A byte-order mark is no character.
    let mut t = Tracked::new(&b"\xef\xbb\xbfab"[..]);
    t.consume(2);
    assert_eq!(t.at(1), (1, 2));
}
