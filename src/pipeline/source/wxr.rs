//! WordPress WXR (Tools > Export): each `item` is a thread, each
//! `wp:comment` in it a comment (issue 16; fields in
//! `grammars/exports.md`).
//!
//! Read with quick-xml's streaming reader over the input's text: one pass,
//! no document tree.  Pingbacks and trackbacks are notices from other
//! sites, not reader comments: they are skipped and counted in a warning.

use std::borrow::Cow;

use quick_xml::events::Event;

use super::build::{build, Draft, ThreadDraft};
use super::html_text::html_to_text;
use super::stamp::export_time;
use super::xml::Xml;
use super::{utf8, Source};
use crate::error::Error;
use crate::parse::Warning;
use crate::thread::Thread;
use crate::tree::Status;

/// WordPress eXtended RSS.
#[derive(Debug, Clone, Copy, Default)]
pub struct WxrSource;

impl Source for WxrSource {
    fn format(&self) -> &'static str {
        "wxr"
    }

    fn read(&self, name: &str, bytes: Vec<u8>) -> Vec<Result<Thread, Error>> {
        let text = match utf8(name, &bytes) {
            Ok(t) => t,
            Err(e) => return vec![Err(e)],
        };
        read_wxr(name, text)
    }
}

/// An item being read.
#[derive(Default)]
struct Item {
    draft: ThreadDraft,
    post_type: String,
    pings: usize,
    first_ping: Option<(u32, u32)>,
}

/// Every thread of the WXR `text`: the items read before a fault, then
/// the fault.
pub fn read_wxr(path: &str, text: &str) -> Vec<Result<Thread, Error>> {
    let mut out = Vec::new();
    let mut x = Xml::new(path, "wxr", text);
    let mut item: Option<Item> = None;
    loop {
        let (at, event) = match x.next_at() {
            Ok(e) => e,
            Err(e) => {
                out.push(Err(e));
                return out;
            }
        };
        let step = match event {
            Event::Start(e) => start(&mut x, &mut item, e.name().0, at),
            Event::End(e) if e.name().0 == "item" => {
                if let Some(it) = item.take() {
                    if let Some(t) = finish(path, it) {
                        out.push(t);
                    }
                }
                Ok(())
            }
            Event::Eof => break,
            _ => Ok(()),
        };
        if let Err(e) = step {
            out.push(Err(e));
            return out;
        }
    }
    if item.is_some() {
        let (line, column) = x.here();
        out.push(Err(x.error_at(
            line,
            column,
            text.len(),
            "expected </item>, found the end of the file".to_owned(),
        )));
    }
    out
}

fn start(x: &mut Xml<'_>, item: &mut Option<Item>, name: &str, at: usize) -> Result<(), Error> {
    if name == "item" {
        *item = Some(Item::default());
        return Ok(());
    }
    let Some(it) = item.as_mut() else {
        return Ok(());
    };
    match name {
        "title" => it.draft.title = x.text()?.trim().to_owned(),
        "content:encoded" => it.draft.article = html_to_text(&x.text()?),
        "wp:post_type" => it.post_type = x.text()?.trim().to_owned(),
        "wp:comment" => {
            let place = x.at(at);
            comment(x, it, place)?
        }
        _ => {}
    }
    Ok(())
}

/// Reads one `wp:comment` into the item.
fn comment(x: &mut Xml<'_>, it: &mut Item, (line, column): (u32, u32)) -> Result<(), Error> {
    let mut d = Draft {
        line,
        column,
        ..Draft::default()
    };
    let mut kind = String::new();
    let mut date_gmt = Cow::Borrowed("");
    loop {
        match x.next()? {
            Event::Start(e) => match e.name().0 {
                "wp:comment_id" => d.id = x.text()?.trim().to_owned(),
                "wp:comment_parent" => {
                    let p = x.text()?.trim().to_owned();
                    d.parent = (!p.is_empty() && p != "0").then_some(p);
                }
                "wp:comment_author" => {
                    let a = x.text()?.trim().to_owned();
                    d.author = (!a.is_empty()).then_some(a);
                }
                "wp:comment_date_gmt" => date_gmt = x.text()?,
                "wp:comment_content" => d.body = html_to_text(&x.text()?),
                "wp:comment_approved" => {
                    d.status = Some(match x.text()?.trim() {
                        "1" | "approve" | "approved" => Status::Approved,
                        "spam" => Status::Spam,
                        "trash" | "post-trashed" => Status::Deleted,
                        _ => Status::Pending,
                    })
                }
                "wp:comment_type" => kind = x.text()?.trim().to_owned(),
                _ => x.skip()?,
            },
            Event::End(_) => break,
            Event::Eof => {
                let (l, c) = x.here();
                return Err(x.error_at(
                    l,
                    c,
                    usize::MAX,
                    "expected </wp:comment>, found the end of the file".to_owned(),
                ));
            }
            _ => {}
        }
    }
    if matches!(kind.as_str(), "pingback" | "trackback") {
        it.pings += 1;
        it.first_ping.get_or_insert((line, column));
        return Ok(());
    }
    // WordPress writes 0000-00-00 00:00:00 for an unknown time.
    d.created = export_time(&date_gmt);
    if d.id.is_empty() {
        d.id = format!("line {line}");
    }
    it.draft.comments.push(d);
    Ok(())
}

/// The thread of an item: posts and pages always (a post without
/// comments is a thread with none), other items (attachments, menu
/// entries) only when they have comments.
fn finish(path: &str, mut it: Item) -> Option<Result<Thread, Error>> {
    let article_like = matches!(it.post_type.as_str(), "" | "post" | "page");
    if !article_like && it.draft.comments.is_empty() {
        return None;
    }
    if let Some((line, column)) = it.first_ping {
        it.draft.warnings.push(Warning {
            line,
            column,
            message: format!(
                "skipped {} pingback(s) and trackback(s): notices from other sites, not comments",
                it.pings
            ),
        });
    }
    Some(build(path, it.draft))
}
