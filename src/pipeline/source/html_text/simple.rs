//! The markup comment bodies mostly use, read without the tokenizer.
//!
//! html5ever's tokenizer costs a `BufferQueue`, tendrils and a token per
//! run of text for every body, most of which are a few paragraphs with a
//! link and an `&amp;`.  This walk reads that subset (tags with a letter
//! name and plain attributes, text, named references closed by `;`
//! looked up in the tokenizer's own table, numeric references to ordinary
//! characters) and
//! feeds the same [`Text`] the tokenizer's walk feeds, with the same runs
//! of text between the same tags, so the text is the tokenizer's.  At the
//! first thing outside the subset it gives up (`None`) and the body goes
//! to the tokenizer: comments and doctypes, carriage returns and NULs
//! (which the tokenizer rewrites), references without `;` or to
//! control characters, images (their `alt`
//! text would need attribute decoding), and any tag whose syntax is not
//! plain.  The tests compare the two on the samples and on generated
//! bodies.

use html5ever::data::NAMED_ENTITIES;

use super::Text;

/// The text of `html` as the tokenizer's walk builds it, or `None` when
/// `html` uses markup outside the subset.
pub(super) fn walk(html: &str) -> Option<Text> {
    let b = html.as_bytes();
    if memchr::memchr2(b'\r', 0, b).is_some() || html.starts_with('\u{feff}') {
        return None;
    }
    let mut t = Text {
        text: String::with_capacity(html.len()),
        ..Text::default()
    };
    // Text since the last tag with entities decoded, when it has one: the
    // tokenizer hands the text to the walk before the next tag, under the
    // same `hidden` state.  Text without entities is handed on from the
    // input, uncopied.
    let mut run = String::new();
    let mut name = String::new();
    let mut i = 0;
    while let Some(off) = memchr::memchr2(b'<', b'&', &b[i..]) {
        let at = i + off;
        if b[at] == b'&' {
            run.push_str(&html[i..at]);
            i = entity(b, at + 1, &mut run)?;
            continue;
        }
        let Some(tag) = tag(b, at + 1, &mut name)? else {
            // `<` not followed by a letter, `/`, `!` or `?` is text.
            run.push_str(&html[i..at]);
            run.push('<');
            i = at + 1;
            continue;
        };
        let text = if run.is_empty() {
            &html[i..at]
        } else {
            run.push_str(&html[i..at]);
            run.as_str()
        };
        if t.hidden == 0 && !text.is_empty() {
            t.push(text);
        }
        run.clear();
        if name == "img" {
            return None;
        }
        t.tag(&name, tag.start, tag.self_closing, None);
        i = tag.end;
    }
    let text = if run.is_empty() {
        &html[i..]
    } else {
        run.push_str(&html[i..]);
        run.as_str()
    };
    if t.hidden == 0 && !text.is_empty() {
        t.push(text);
    }
    Some(t)
}

/// A tag read from the input.
struct Tag {
    start: bool,
    self_closing: bool,
    /// The offset just past its `>`.
    end: usize,
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0c)
}

/// The tag after a `<` at `i - 1`: `Some(None)` when the `<` is text,
/// `None` when the markup is outside the subset.  Its lowercase name goes
/// in `name`.
fn tag(b: &[u8], mut i: usize, name: &mut String) -> Option<Option<Tag>> {
    let start = match b.get(i) {
        Some(c) if c.is_ascii_alphabetic() => true,
        Some(b'/') if b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) => {
            i += 1;
            false
        }
        Some(b'/' | b'!' | b'?') => return None,
        _ => return Some(None),
    };
    name.clear();
    while let Some(&c) = b.get(i).filter(|c| c.is_ascii_alphanumeric()) {
        name.push(char::from(c.to_ascii_lowercase()));
        i += 1;
    }
    if !start {
        while b.get(i).copied().is_some_and(is_space) {
            i += 1;
        }
        return (b.get(i) == Some(&b'>')).then_some(Some(Tag {
            start,
            self_closing: false,
            end: i + 1,
        }));
    }
    // Attributes: `name`, `name=value`, `name="value"`, `name='value'`.
    loop {
        let spaced = b.get(i).copied().is_some_and(is_space);
        while b.get(i).copied().is_some_and(is_space) {
            i += 1;
        }
        match *b.get(i)? {
            b'>' => {
                return Some(Some(Tag {
                    start,
                    self_closing: false,
                    end: i + 1,
                }))
            }
            b'/' if b.get(i + 1) == Some(&b'>') => {
                return Some(Some(Tag {
                    start,
                    self_closing: true,
                    end: i + 2,
                }))
            }
            c if spaced && is_attr_name(c) => {}
            _ => return None,
        }
        while b.get(i).copied().is_some_and(is_attr_name) {
            i += 1;
        }
        let mut j = i;
        while b.get(j).copied().is_some_and(is_space) {
            j += 1;
        }
        if b.get(j) != Some(&b'=') {
            continue;
        }
        i = j + 1;
        while b.get(i).copied().is_some_and(is_space) {
            i += 1;
        }
        match *b.get(i)? {
            q @ (b'"' | b'\'') => {
                let close = b[i + 1..].iter().position(|&c| c == q)?;
                i += close + 2;
                // After a quoted value the tokenizer takes another
                // attribute without a blank; the subset does not.
                if !matches!(b.get(i), Some(c) if is_space(*c) || *c == b'>' || *c == b'/') {
                    return None;
                }
            }
            _ => {
                let len = b[i..]
                    .iter()
                    .position(|&c| is_space(c) || c == b'>')
                    .unwrap_or(b.len() - i);
                if len == 0
                    || b[i..i + len]
                        .iter()
                        .any(|c| matches!(c, b'"' | b'\'' | b'<' | b'=' | b'`'))
                {
                    return None;
                }
                i += len;
            }
        }
    }
}

fn is_attr_name(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.')
}

/// Decodes the reference after an `&` at `i - 1` into `out`; the offset
/// after it, or `None` for a reference outside the subset.
fn entity(b: &[u8], i: usize, out: &mut String) -> Option<usize> {
    match b.get(i) {
        Some(c) if c.is_ascii_alphanumeric() => {}
        Some(b'#') => return numeric(b, i + 1, out),
        // An `&` before anything else is text.
        _ => {
            out.push('&');
            return Some(i);
        }
    }
    // A name closed by `;` is the longest match the tokenizer can make
    // (names in the table end at their `;`); one without `;` may be a
    // shorter legacy name followed by text, which is left to it.
    let len = b[i..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if b.get(i + len) != Some(&b';') {
        return None;
    }
    let name = std::str::from_utf8(&b[i..=i + len]).ok()?;
    let &(first, second) = NAMED_ENTITIES.get(name)?;
    out.push(char::from_u32(first).filter(|_| first != 0)?);
    if second != 0 {
        out.push(char::from_u32(second)?);
    }
    Some(i + len + 1)
}

/// `&#` digits `;` or `&#x` hex digits `;` naming an ordinary character
/// (not a control character, surrogate or noncharacter, which the
/// tokenizer replaces or reports).
fn numeric(b: &[u8], mut i: usize, out: &mut String) -> Option<usize> {
    let hex = matches!(b.get(i), Some(b'x' | b'X'));
    if hex {
        i += 1;
    }
    let radix = if hex { 16 } else { 10 };
    let digits = b[i..]
        .iter()
        .take_while(|c| char::from(**c).is_digit(radix))
        .count();
    if digits == 0 || digits > 7 || b.get(i + digits) != Some(&b';') {
        return None;
    }
    let text = std::str::from_utf8(&b[i..i + digits]).ok()?;
    let n = u32::from_str_radix(text, radix).ok()?;
    let ordinary = matches!(n, 0x20..=0x7e | 0xa0..=0xd7ff | 0xe000..=0xfdcf | 0xfdf0..=0x10_ffff)
        && n & 0xfffe != 0xfffe;
    if !ordinary {
        return None;
    }
    out.push(char::from_u32(n)?);
    Some(i + digits + 1)
}
