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
/// [`simple::walk`], which gives the tokenizer's text; anything else goes
/// through html5ever.
pub fn html_to_text(html: &str) -> String {
    if !html.contains(['<', '&']) {
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
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.trim() == ">" {
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
        for (i, part) in s.split('\n').enumerate() {
            if i > 0 {
                if self.pre > 0 {
                    self.newline();
                } else if !self.at_line_start {
                    // Source line breaks outside <pre> are spaces.
                    self.text.push(' ');
                }
            }
            if part.is_empty() {
                continue;
            }
            // Runs of blanks are one space, as a browser shows them.
            let mut words = part
                .split([' ', '\t', '\r'])
                .filter(|w| !w.is_empty())
                .peekable();
            let lead = part.starts_with([' ', '\t', '\r']);
            let trail = part.ends_with([' ', '\t', '\r']);
            if words.peek().is_none() {
                if !self.at_line_start && !self.text.ends_with(' ') {
                    self.text.push(' ');
                }
                continue;
            }
            if self.at_line_start {
                for _ in 0..self.quote {
                    self.text.push_str("> ");
                }
                self.at_line_start = false;
            } else if lead && !self.text.ends_with(' ') {
                self.text.push(' ');
            }
            let mut first = true;
            for w in words {
                if !first {
                    self.text.push(' ');
                }
                first = false;
                self.text.push_str(w);
            }
            if trail {
                self.text.push(' ');
            }
        }
    }
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
