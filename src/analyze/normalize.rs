//! Normalisation for matching word lists, with a map back to the original.
//!
//! Word lists are matched against a rewritten copy of the text in which
//! the usual disguises of uncivil words are undone.  Every byte of the copy
//! remembers the byte range of the original it came from, so evidence can
//! quote the commenter's own spelling ("IDIOT", "bull*hit", "f u c k").
//! The same function normalises lexicon terms, so lists are written in
//! plain spelling.  The rules, in the order they run:
//!
//! 1. **Unicode.**  Each character with its combining marks is put in NFKC
//!    (fullwidth "ｆｕｃｋ", ligatures, circled and styled letters become
//!    plain letters).  In Latin, Greek and Cyrillic text the combining marks
//!    are then dropped, so accents and "zalgo" stacks do not split a word
//!    ("ïdiot" matches "idiot"); other scripts keep their marks.
//! 2. **Case folding.**  Lower case, plus `ß` -> `ss` and final sigma ->
//!    sigma.
//! 3. **Punctuation.**  Curly and other typographic apostrophes become `'`,
//!    typographic double quotes `"`, dashes and the minus sign `-`; every
//!    white-space character is a space and runs of spaces are one space
//!    (so multiword terms match across line breaks).  Zero-width
//!    characters and soft hyphens are dropped ("f\u{200b}uck").  A hyphen
//!    between two letters or digits becomes a space, so "under-educated"
//!    matches the term "under educated" and "follow-up" is two words.
//! 4. **Spaced-out letters.**  Three or more single letters separated by
//!    the same one character (space, `.` or `-`) are joined: "a s s",
//!    "f.u.c.k", "s-h-i-t".  Two letters ("U.S.", "a I") are left alone.
//! 5. **Words** are runs of letters, digits and the symbols
//!    `@ $ ! * # _`.  In each word:
//!    - *edges*: leading `* # _ !`, a leading `@` before a letter (a
//!      mention, "@user"), a leading `$` before a digit (money, "$100"),
//!      trailing `!`, and trailing masks that only close emphasis
//!      ("*word*", "**word**", "_word_", a single trailing `*`) are
//!      punctuation and stay as they are;
//!    - *masks*: any other `*`, `#` or `_` becomes `*` and marks a masked
//!      letter ("bull*hit", "f**k", "sh#t", "a**"); the matcher fills it in
//!      from same-length terms;
//!    - *leetspeak*: in a word that contains a letter, `1`->i, `3`->e,
//!      `4`->a, `0`->o, `5`->s, `7`->t, `$`->s, `@`->a, `!`->i ("sh1t",
//!      "1d10t", "$hit", "sh!t").  Pure numbers ("1000", "$100") and
//!      numbers with a short suffix ("1st", "10am", "1990s") are left alone;
//!      a word of symbols only is decoded when it has no digit ("@$$");
//!    - *stretched letters*: a run of three or more of the same letter is
//!      one letter ("fuuuuck" -> "fuck", "stuuupid" -> "stupid").  Double
//!      letters are kept, so "coffee" and "all" are untouched; the matcher
//!      accepts the single-letter form of a double-letter term ("asssss" ->
//!      "as" -> "ass") only where a run was collapsed.
//!
//! [`Rule`] names the rewrites of steps 4 and 5 so that a match can say it
//! saw through an obfuscation.

use std::ops::Range;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

#[cfg(test)]
mod tests;

/// A rewrite that undoes an obfuscation (steps 4 and 5 of the header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// A run of three or more of the same letter was collapsed.
    Stretch,
    /// A digit or symbol was read as a letter.
    Leet,
    /// A `*`, `#` or `_` stands for a letter.
    Mask,
    /// Single letters separated by spaces or dots were joined.
    Spaced,
}

impl Rule {
    fn bit(self) -> u8 {
        match self {
            Rule::Stretch => 1,
            Rule::Leet => 2,
            Rule::Mask => 4,
            Rule::Spaced => 8,
        }
    }
}

/// Text rewritten for matching, with a byte map back to the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    text: String,
    /// For each byte of `text`, the byte range of the original it came
    /// from, in 32-bit offsets (issue 27: 8 bytes a byte, not 16; see
    /// [`normalize`] for texts over 4 GiB).
    spans: Vec<(u32, u32)>,
    /// For each byte of `text`, the [`Rule`] bits that produced it.
    flags: Vec<u8>,
    original_len: usize,
}

impl Normalized {
    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The byte range of the original text that `range` (a byte range of
    /// the normalised text, on character boundaries) came from.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        if range.start >= range.end || range.end > self.spans.len() {
            let at = self
                .spans
                .get(range.start)
                .map_or(self.original_len, |s| s.0 as usize);
            return at..at;
        }
        self.spans[range.start].0 as usize..self.spans[range.end - 1].1 as usize
    }

    /// Heap bytes held per byte of normalised text (the text, its span map
    /// and its rule flags), for the issue 27 memory check.
    #[cfg(test)]
    fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.spans.capacity() * std::mem::size_of::<(u32, u32)>()
            + self.flags.capacity()
    }

    /// Whether `rule` rewrote any byte in `range` of the normalised text.
    pub fn applied(&self, rule: Rule, range: Range<usize>) -> bool {
        let bit = rule.bit();
        self.flags
            .get(range)
            .is_some_and(|f| f.iter().any(|&b| b & bit != 0))
    }

    /// Whether any [`Rule`] rewrote a byte in `range`: the words there were
    /// disguised.
    pub fn obfuscated(&self, range: Range<usize>) -> bool {
        self.flags
            .get(range)
            .is_some_and(|f| f.iter().any(|&b| b != 0))
    }

    /// Byte ranges of the words (runs of letters, digits and masks) that
    /// contain a masked letter, in text order.
    pub fn masked_words(&self) -> Vec<Range<usize>> {
        let mask = Rule::Mask.bit();
        // Almost no comment masks a letter; a scan of the flags is cheaper
        // than decoding every character (issue 6).
        if self.flags.iter().all(|&f| f & mask == 0) {
            return Vec::new();
        }
        let mut words = Vec::new();
        let mut start = None;
        let mut masked = false;
        for (i, c) in self.text.char_indices() {
            let is_mask = self.flags[i] & mask != 0;
            if c.is_alphanumeric() || is_mask {
                start.get_or_insert(i);
                masked |= is_mask;
            } else if let Some(s) = start.take() {
                if masked {
                    words.push(s..i);
                }
                masked = false;
            }
        }
        if let (Some(s), true) = (start, masked) {
            words.push(s..self.text.len());
        }
        words
    }
}

/// One character of the text being rewritten and where it came from
/// (16 bytes: offsets are 32-bit, see [`normalize`]).
#[derive(Debug, Clone, Copy)]
struct Unit {
    c: char,
    start: u32,
    end: u32,
    flags: u8,
}

/// Bytes of original text normalised at a time (see [`normalize`]).
const PIECE: usize = 1 << 16;

/// Normalises `text` for matching (see the module header for the rules).
///
/// A long text is normalised in pieces of about [`PIECE`] bytes, so the
/// general path's per-character list (16 bytes a character) is only ever
/// built for one piece (issue 27: a 10 MB comment peaked at 600 MB).  A
/// piece ends only where no rule can look across: after an ASCII space
/// that follows two ASCII letters or digits and precedes one (see
/// [`piece_end`]); a text with no such place is one piece.  Offsets are
/// 32-bit: of a text over 4 GiB (no reader keeps such a comment whole in
/// practice) only the first 4 GiB are normalised.
pub fn normalize(text: &str) -> Normalized {
    normalize_in_pieces(text, PIECE)
}

fn normalize_in_pieces(text: &str, piece: usize) -> Normalized {
    let original_len = text.len();
    let text = clip_to_u32(text);
    let first = piece_end(text, piece);
    if first == text.len() {
        let mut n = one_piece(text);
        n.original_len = original_len;
        return n;
    }
    let mut out = Normalized {
        text: String::with_capacity(text.len()),
        spans: Vec::with_capacity(text.len()),
        flags: Vec::with_capacity(text.len()),
        original_len,
    };
    let mut at = 0;
    while at < text.len() {
        let end = if at == 0 {
            first
        } else {
            piece_end(text, at + piece)
        };
        let part = one_piece(&text[at..end]);
        // `at` fits: `text` was clipped to 32-bit offsets.
        let base = at as u32;
        out.text.push_str(&part.text);
        out.spans
            .extend(part.spans.iter().map(|&(s, e)| (s + base, e + base)));
        out.flags.extend_from_slice(&part.flags);
        at = end;
    }
    out
}

fn one_piece(text: &str) -> Normalized {
    plain_ascii(text).unwrap_or_else(|| general(text))
}

/// `text` cut to its longest prefix whose offsets all fit in a `u32`.
fn clip_to_u32(text: &str) -> &str {
    let max = u32::MAX as usize;
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The first place at or after `from` where `text` may be cut into two
/// pieces that normalise independently, or the end of `text`.  The byte
/// before the cut is an ASCII space, tab or line break; the two before it
/// are ASCII letters or digits, as is the byte after the cut.  So the
/// space ends a word of two or more characters (no spaced-out run of
/// single letters crosses it), no word, hyphen or space run spans it, and
/// the character after it starts afresh (it is ASCII, so no combining
/// mark joins the space).
fn piece_end(text: &str, from: usize) -> usize {
    let b = text.as_bytes();
    let from = from.max(3);
    (from..b.len())
        .find(|&p| {
            matches!(b[p - 1], b' ' | b'\t' | b'\n' | b'\r')
                && b[p].is_ascii_alphanumeric()
                && b[p - 2].is_ascii_alphanumeric()
                && b[p - 3].is_ascii_alphanumeric()
        })
        .unwrap_or(b.len())
}

/// The rules of the module header, a character at a time.
fn general(text: &str) -> Normalized {
    let units = rewrite(&fold(text));
    let mut out = String::with_capacity(units.len());
    let mut spans = Vec::with_capacity(units.len());
    let mut flags = Vec::with_capacity(units.len());
    for u in units {
        out.push(u.c);
        for _ in 0..u.c.len_utf8() {
            spans.push((u.start, u.end));
            flags.push(u.flags);
        }
    }
    Normalized {
        text: out,
        spans,
        flags,
        original_len: text.len(),
    }
}

/// The common case in one pass over the bytes (issue 6: the general path
/// below builds two vectors of 24-byte units per character): ASCII text
/// in which no rule of steps 4 and 5 can fire, so only case, white space
/// (runs become one space) and hyphens between letters or digits change.
/// `None` when the text needs the general path:
/// - a byte that is not ASCII, or a mask or symbol (`* # _ @ $`);
/// - `!` before a letter or digit (leetspeak, "sh!t");
/// - a word with both letters and digits ("sh1t", but also "1st");
/// - three equal letters in a row (a stretched word);
/// - two one-letter words one character apart (a spaced-out word, "a s s").
///
/// Each of these only sends more texts to the general path, which stays
/// the definition: `plain_ascii_agrees_with_the_general_path` checks the
/// two give the same result.
fn plain_ascii(text: &str) -> Option<Normalized> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut spans = Vec::with_capacity(bytes.len());
    // The current run of letters and digits: where it started, whether it
    // has a letter and a digit.  Where the last one-letter word ended.
    let (mut word_start, mut letter, mut digit) = (None::<usize>, false, false);
    let mut single_end: Option<usize> = None;
    for (i, &b) in bytes.iter().enumerate() {
        let c = match b {
            b'*' | b'#' | b'_' | b'@' | b'$' => return None,
            0x80.. => return None,
            b'!' if bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) => return None,
            b'`' => b'\'',
            b'\x0b' => b' ',
            b if b.is_ascii_whitespace() => b' ',
            b'-' if i > 0
                && bytes[i - 1].is_ascii_alphanumeric()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) =>
            {
                b' '
            }
            b => b.to_ascii_lowercase(),
        };
        if b.is_ascii_alphanumeric() {
            let start = *word_start.get_or_insert(i);
            letter |= b.is_ascii_alphabetic();
            digit |= b.is_ascii_digit();
            if letter && digit {
                return None;
            }
            if b.is_ascii_alphabetic() && i >= start + 2 {
                let (x, y) = (
                    bytes[i - 1].to_ascii_lowercase(),
                    bytes[i - 2].to_ascii_lowercase(),
                );
                if x == c && y == c {
                    return None;
                }
            }
        } else if let Some(start) = word_start.take() {
            if i == start + 1 && bytes[start].is_ascii_alphabetic() {
                if single_end.is_some_and(|e| e + 1 == start) {
                    return None;
                }
                single_end = Some(i);
            }
            letter = false;
            digit = false;
        }
        if c == b' ' && out.last() == Some(&b' ') {
            continue;
        }
        out.push(c);
        // `i` fits: `normalize` clips texts to 32-bit offsets.
        spans.push((i as u32, i as u32 + 1));
    }
    if let Some(start) = word_start {
        if bytes.len() == start + 1
            && bytes[start].is_ascii_alphabetic()
            && single_end.is_some_and(|e| e + 1 == start)
        {
            return None;
        }
    }
    let flags = vec![0; out.len()];
    Some(Normalized {
        // Only ASCII bytes were pushed.
        text: String::from_utf8(out).ok()?,
        spans,
        flags,
        original_len: text.len(),
    })
}

/// Steps 1 to 3 for single characters: Unicode, case and punctuation.
fn fold(text: &str) -> Vec<Unit> {
    let mut out = Vec::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        // Most text is ASCII, and an ASCII character followed by another
        // is never extended by a combining mark, never invisible, and only
        // needs case and white space folded (issue 6: the general path
        // below cost a Unicode table lookup per character).
        if c.is_ascii() && chars.peek().is_none_or(|&(_, m)| m.is_ascii()) {
            let c = match c.to_ascii_lowercase() {
                '`' => '\'',
                c if c.is_ascii_whitespace() || c == '\x0b' => ' ',
                c => c,
            };
            // Offsets fit: `normalize` clips texts to 32-bit offsets.
            out.push(Unit {
                c,
                start: start as u32,
                end: start as u32 + 1,
                flags: 0,
            });
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, m)) = chars.peek() {
            if !is_combining_mark(m) {
                break;
            }
            end = i + m.len_utf8();
            chars.next();
        }
        let push = |out: &mut Vec<Unit>, c: char| {
            out.push(Unit {
                c,
                start: start as u32,
                end: end as u32,
                flags: 0,
            })
        };
        if is_invisible(c) {
            continue;
        }
        if c.is_ascii() && end == start + 1 {
            push(&mut out, punctuation(c.to_ascii_lowercase()));
            continue;
        }
        if punctuation(c) != c {
            push(&mut out, punctuation(c));
            continue;
        }
        let strip = strips_marks(c);
        for n in text[start..end].nfkc() {
            if strip {
                for d in std::iter::once(n).nfd() {
                    for l in lower(d) {
                        if !is_combining_mark(l) {
                            push(&mut out, punctuation(l));
                        }
                    }
                }
            } else {
                for l in lower(n) {
                    push(&mut out, punctuation(l));
                }
            }
        }
    }
    out
}

/// Lower case with the two folds `to_lowercase` does not do.
fn lower(c: char) -> impl Iterator<Item = char> {
    let (a, b) = match c {
        'ß' | 'ẞ' => ('s', Some('s')),
        'ς' => ('σ', None),
        _ => {
            let mut l = c.to_lowercase();
            let first = l.next().unwrap_or(c);
            // Multi-char lower cases ("İ" -> "i̇") end in a mark that the
            // caller drops for Latin text; keep only the first otherwise.
            (first, l.next().filter(|m| !is_combining_mark(*m)))
        }
    };
    std::iter::once(a).chain(b)
}

/// Latin, Greek and Cyrillic letters lose their marks; other scripts need
/// them (Devanagari vowel signs are marks).
fn strips_marks(c: char) -> bool {
    let c = c as u32;
    c < 0x0530 || (0x1E00..=0x1EFF).contains(&c)
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
    )
}

/// Step 3 for one character (run collapsing happens in `rewrite`).
fn punctuation(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}'
        | '\u{00B4}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

fn is_mask(c: char) -> bool {
    matches!(c, '*' | '#' | '_')
}

/// Characters that belong to a word in step 5.
fn is_wordish(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '@' | '$' | '!') || is_mask(c)
}

fn leet(c: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '$' => 's',
        '@' => 'a',
        '!' => 'i',
        _ => return None,
    })
}

/// Steps 3 (space runs, hyphens), 4 and 5 over the folded characters.
fn rewrite(units: &[Unit]) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    let mut i = 0;
    while i < units.len() {
        let u = units[i];
        if u.c == ' ' {
            if out.last().is_none_or(|l| l.c != ' ') {
                out.push(u);
            }
            i += 1;
        } else if let Some(next) = spaced_run(units, i, &mut out) {
            i = next;
        } else if is_wordish(u.c) {
            let end = units[i..]
                .iter()
                .position(|v| !is_wordish(v.c))
                .map_or(units.len(), |p| i + p);
            word(&units[i..end], &mut out);
            i = end;
        } else {
            let joins = u.c == '-'
                && out.last().is_some_and(|l| l.c.is_alphanumeric())
                && units.get(i + 1).is_some_and(|n| n.c.is_alphanumeric());
            out.push(Unit {
                c: if joins { ' ' } else { u.c },
                ..u
            });
            i += 1;
        }
    }
    out
}

/// Step 4: joins "a s s" at `i` into `out`; returns the index after the run.
fn spaced_run(units: &[Unit], i: usize, out: &mut Vec<Unit>) -> Option<usize> {
    let single = |k: usize| {
        units.get(k).is_some_and(|u| u.c.is_alphabetic())
            && (k == 0 || !is_wordish(units[k - 1].c))
            && units
                .get(k + 1)
                .is_none_or(|u| !is_wordish(u.c) || u.c == '!')
    };
    if !single(i) {
        return None;
    }
    let sep = units.get(i + 1)?.c;
    if !matches!(sep, ' ' | '.' | '-') {
        return None;
    }
    let mut last = i;
    while units.get(last + 1).is_some_and(|u| u.c == sep) && single(last + 2) {
        last += 2;
    }
    if (last - i) / 2 + 1 < 3 {
        return None;
    }
    for k in (i..=last).step_by(2) {
        let mut u = units[k];
        u.flags |= Rule::Spaced.bit();
        out.push(u);
    }
    Some(last + 1)
}

/// Step 5 for one word: edges stay, the core is decoded.
fn word(w: &[Unit], out: &mut Vec<Unit>) {
    let mut lo = 0;
    while lo < w.len() && leading_punctuation(w, lo) {
        lo += 1;
    }
    let lead_masks = w[..lo].iter().rev().take_while(|u| is_mask(u.c)).count();
    let mut hi = w.len();
    while hi > lo && w[hi - 1].c == '!' {
        hi -= 1;
    }
    let trail_masks = w[lo..hi].iter().rev().take_while(|u| is_mask(u.c)).count();
    if trail_masks > 0 && (trail_masks == 1 || trail_masks == lead_masks || trail_masks == hi - lo)
    {
        hi -= trail_masks;
    }
    out.extend_from_slice(&w[..lo]);
    core(&w[lo..hi], out);
    out.extend_from_slice(&w[hi..]);
}

fn leading_punctuation(w: &[Unit], k: usize) -> bool {
    let next = w.get(k + 1).map(|u| u.c);
    match w[k].c {
        '!' => true,
        c if is_mask(c) => true,
        '@' => !next.is_some_and(|n| n.is_ascii_digit() || matches!(n, '$' | '@')),
        '$' => !next.is_some_and(char::is_alphabetic),
        _ => false,
    }
}

/// Masks, leetspeak and stretched letters inside one word.
fn core(w: &[Unit], out: &mut Vec<Unit>) {
    if w.is_empty() {
        return;
    }
    let has_letter = w.iter().any(|u| u.c.is_alphabetic());
    let has_digit = w.iter().any(|u| u.c.is_ascii_digit());
    let decode = if has_letter {
        !number_with_suffix(w)
    } else {
        !has_digit
    };
    let start = out.len();
    for &u in w {
        let mut u = u;
        if is_mask(u.c) {
            u.c = '*';
            u.flags |= Rule::Mask.bit();
        } else if let (true, Some(l)) = (decode, leet(u.c)) {
            u.c = l;
            u.flags |= Rule::Leet.bit();
        }
        out.push(u);
    }
    collapse_runs(out, start);
}

/// "1st", "10am", "1990s", "4k": digits then one or two letters.
fn number_with_suffix(w: &[Unit]) -> bool {
    let digits = w.iter().take_while(|u| u.c.is_ascii_digit()).count();
    let rest = &w[digits..];
    digits > 0 && rest.len() <= 2 && rest.iter().all(|u| u.c.is_alphabetic())
}

/// Collapses runs of three or more of the same letter in `out[start..]`.
fn collapse_runs(out: &mut Vec<Unit>, start: usize) {
    let mut read = start;
    let mut write = start;
    while read < out.len() {
        let c = out[read].c;
        let run = out[read..].iter().take_while(|u| u.c == c).count();
        if run >= 3 && c.is_alphabetic() {
            let mut u = out[read];
            u.end = out[read + run - 1].end;
            u.flags |= Rule::Stretch.bit();
            for v in &out[read..read + run] {
                u.flags |= v.flags;
            }
            out[write] = u;
            write += 1;
        } else {
            for k in read..read + run {
                out[write] = out[k];
                write += 1;
            }
        }
        read += run;
    }
    out.truncate(write);
}
