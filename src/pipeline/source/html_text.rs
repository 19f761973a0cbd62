//! HTML comment bodies (WordPress, Disqus) as the plain text the analyzers
//! read.
//!
//! Paragraphs are kept (an empty line between blocks), entities decoded,
//! links become their text, scripts and styles are dropped, and each line
//! of a `<blockquote>` starts with `> `, the way readers quote, so the
//! quote analysis sees the quotation (issue 16).  The walk runs over
//! html5ever's tokenizer (the WHATWG tokenizer of the Servo project): it
//! decodes every named entity and copes with the broken markup comment
//! forms let through, and, unlike a tree builder or `html2text`, it keeps
//! no document tree and does not rewrap lines, so a body costs one pass.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// `html` as text.  Text without `<` or `&` is returned as it is, trimmed:
/// most comments are plain, and they skip the tokenizer.  Markup of the
/// plain kind comments use (simple tags, the common entities) is read by
/// `simple::walk`, which gives the tokenizer's text; anything else goes
/// through html5ever.
pub fn html_to_text(html: &str) -> String {
    if memchr::memchr2(b'<', b'&', html.as_bytes()).is_none() {
        return tidy(html.trim());
    }
    match simple::walk(html) {
        Some(t) => tidy(&t.text),
        None => tokenized(html),
    }
}

/// `html` as text through html5ever's tokenizer.
fn tokenized(html: &str) -> String {
    let sink = Walk::default();
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let out = tokenizer.sink.out.take();
    tidy(&out.text)
}

/// Trailing blanks off every line, at most one empty line in a row, none
/// at either end.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    // Split at `\n` only, not as `lines`: the `\r` that `lines` drops,
    // `trim_end` does.
    for line in split_lines(text) {
        let line = line.trim_end();
        let lead = line.trim_start();
        if lead.is_empty() || lead == ">" {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

#[derive(Default)]
struct Walk {
    out: RefCell<Text>,
}

#[derive(Default)]
struct Text {
    text: String,
    /// `<blockquote>` levels open.
    quote: usize,
    /// Inside `<script>` or `<style>`: text is dropped.
    hidden: usize,
    /// Inside `<pre>`: line breaks are kept as they are.
    pre: usize,
    /// The last character written was a line end (or nothing yet).
    at_line_start: bool,
}

impl Text {
    fn newline(&mut self) {
        self.text.push('\n');
        self.at_line_start = true;
    }

    fn paragraph(&mut self) {
        self.newline();
        self.newline();
    }

    fn push(&mut self, s: &str) {
        for (i, part) in split_lines(s).enumerate() {
            if i > 0 {
                if self.pre > 0 {
                    self.newline();
                } else if !self.at_line_start {
                    // Source line breaks outside <pre> are spaces.
                    self.text.push(' ');
                }
            }
            self.push_line(part);
        }
    }

    /// One line of a text run: its words, runs of blanks as one space, as
    /// a browser shows them.  A byte loop, not a split into words: every
    /// body goes through here (issue 16: a third of the WXR reader's time
    /// went to the split).
    fn push_line(&mut self, part: &str) {
        let b = part.as_bytes();
        if b.is_empty() {
            return;
        }
        let Some(first) = b.iter().position(|c| !is_blank(*c)) else {
            if !self.at_line_start && !self.text.ends_with(' ') {
                self.text.push(' ');
            }
            return;
        };
        // A non-blank byte exists, so there is a last one.
        let end = b
            .iter()
            .rposition(|c| !is_blank(*c))
            .map_or(b.len(), |i| i + 1);
        if self.at_line_start {
            for _ in 0..self.quote {
                self.text.push_str("> ");
            }
            self.at_line_start = false;
        } else if first > 0 && !self.text.ends_with(' ') {
            self.text.push(' ');
        }
        let text = &part[first..end];
        let core = text.as_bytes();
        // Most text has its words one space apart already: copied whole.
        if memchr::memchr2(b'\t', b'\r', core).is_none() && double_space().find(core).is_none() {
            self.text.push_str(text);
        } else {
            self.push_words(part, first, end);
        }
        if end < b.len() {
            self.text.push(' ');
        }
    }

    /// The words of `part[first..end]` (which starts and ends with one),
    /// copied in runs: a single space between two words stays in the run;
    /// any other run of blanks becomes one space.
    fn push_words(&mut self, part: &str, first: usize, end: usize) {
        let core = &part.as_bytes()[first..end];
        let (mut from, mut i) = (0, 0);
        while i < core.len() {
            if !is_blank(core[i]) || (core[i] == b' ' && !is_blank(core[i + 1])) {
                i += 1;
                continue;
            }
            self.text.push_str(&part[first + from..first + i]);
            self.text.push(' ');
            // `core` ends with a non-blank byte, so this stops inside it.
            while is_blank(core[i]) {
                i += 1;
            }
            from = i;
        }
        self.text.push_str(&part[first + from..end]);
    }
}

/// Two spaces in a row, searched for with one finder built once.
fn double_space() -> &'static memchr::memmem::Finder<'static> {
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    FINDER.get_or_init(|| memchr::memmem::Finder::new(b"  "))
}

/// `s.split('\n')` with memchr's search (the standard one was a tenth of
/// the WXR reader's time, issue 16).
fn split_lines(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match memchr::memchr(b'\n', r.as_bytes()) {
            Some(i) => {
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// The blanks a run of text collapses (line ends are handled apart).
fn is_blank(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r')
}

impl Text {
    /// What a tag does to the text: `name` lowercased, `alt` the decoded
    /// `alt` attribute of an image.
    fn tag(&mut self, name: &str, start: bool, self_closing: bool, alt: Option<&str>) {
        match name {
            "br" => self.newline(),
            "p" | "div" | "ul" | "ol" | "table" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            | "hr" => self.paragraph(),
            "li" | "tr" if start => self.newline(),
            "blockquote" => {
                self.paragraph();
                if start {
                    self.quote += 1;
                } else {
                    self.quote = self.quote.saturating_sub(1);
                }
            }
            "pre" => {
                self.paragraph();
                if start {
                    self.pre += 1;
                } else {
                    self.pre = self.pre.saturating_sub(1);
                }
            }
            "script" | "style" => {
                if start && !self_closing {
                    self.hidden += 1;
                } else if !start {
                    self.hidden = self.hidden.saturating_sub(1);
                }
            }
            "img" if start => {
                // An image says what it is through its alt text.
                if let Some(alt) = alt {
                    self.push(alt);
                }
            }
            _ => {}
        }
    }
}

impl TokenSink for Walk {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut t = self.out.borrow_mut();
        match token {
            Token::CharacterTokens(s) if t.hidden == 0 => t.push(&s),
            Token::TagToken(tag) => {
                let alt = tag
                    .attrs
                    .iter()
                    .find(|a| &*a.name.local == "alt")
                    .map(|a| a.value.to_string());
                t.tag(
                    &tag.name,
                    tag.kind == TagKind::StartTag,
                    tag.self_closing,
                    alt.as_deref(),
                );
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

mod simple;

#[cfg(test)]
mod tests;
