//! WordPress WXR (Tools > Export): each `item` is a thread, each
//! `wp:comment` in it a comment (issue 16; fields in
//! `grammars/exports.md`).
//!
//! Read with quick-xml's streaming reader: one pass, no document tree.
//! An item holds its whole thread, so each thread is built and handed on
//! at its `</item>`: an export too big to hold is read as a stream
//! (`Source::read_stream`) in the memory of one thread, and one held in
//! memory goes the same way.  Pingbacks and trackbacks are notices from
//! other sites, not reader comments: they are skipped and counted in a
//! warning.

use std::io::{self, BufRead};
use std::path::Path;

use super::build::{build, Draft, ThreadDraft};
use super::html_text::html_to_text;
use super::spool::Emit;
use super::stamp::export_time;
use super::xml::{Ev, Xml};
use super::Source;
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
        let mut out = Vec::new();
        // Collecting never fails, so neither does the reading.
        let _ = read_wxr(name, &bytes[..], &mut |t| {
            out.push(t);
            Ok(())
        });
        out
    }

    fn streams(&self, _head: &[u8]) -> bool {
        true
    }

    fn read_stream(
        &self,
        name: &str,
        reader: &mut dyn BufRead,
        _dir: &Path,
        emit: &mut Emit<'_>,
    ) -> io::Result<()> {
        read_wxr(name, reader, emit)
    }
}

/// An item being read.
#[derive(Default)]
struct Item {
    draft: ThreadDraft,
    post_type: String,
    pings: usize,
    first_ping: Option<(u32, u32)>,
    /// Line of its `<item>`.
    line: u32,
    /// Elements open around it.
    depth: usize,
}

/// Hands `emit` every thread of the WXR `input`, each at its `</item>`,
/// then the fault if reading stopped at one.  A fault inside an item
/// loses that item only: the error names it, and reading resumes at the
/// next `<item>` (issue 27: one broken tag lost the whole file).  An
/// `Err` is `emit`'s.
pub fn read_wxr<R: BufRead>(path: &str, input: R, emit: &mut Emit<'_>) -> io::Result<()> {
    let mut x = Xml::new(path, "wxr", input);
    let mut item: Option<Item> = None;
    loop {
        let outcome = match x.next_at() {
            Ok((at, event)) => step(path, &mut x, &mut item, at, event, emit)?,
            Err(e) => Err(e),
        };
        let fault = match outcome {
            Ok(true) => continue,
            Ok(false) => break,
            Err(e) => e,
        };
        let Some(it) = item.take() else {
            return emit(Err(fault));
        };
        let io = matches!(fault, Error::Io { .. });
        emit(Err(in_item(fault, &it)))?;
        if io || !x.resume_at("item", it.depth) {
            return Ok(());
        }
        let (line, _) = x.here();
        item = Some(Item {
            line,
            depth: it.depth,
            ..Item::default()
        });
    }
    if item.is_some() {
        let (line, column) = x.here();
        return emit(Err(x.error_at(
            line,
            column,
            u64::MAX,
            "expected </item>, found the end of the file".to_owned(),
        )));
    }
    Ok(())
}

/// Handles one event of the file: `Ok(false)` at its end; an inner `Err`
/// is a fault of the input, an outer one `emit`'s.
fn step<R: BufRead>(
    path: &str,
    x: &mut Xml<'_, R>,
    item: &mut Option<Item>,
    at: u64,
    event: Ev,
    emit: &mut Emit<'_>,
) -> io::Result<Result<bool, Error>> {
    Ok(match event {
        Ev::Start => start(x, item, at).map(|()| true),
        Ev::End if x.name() == "item" => {
            if let Some(t) = item.take().and_then(|it| finish(path, it)) {
                emit(t)?;
            }
            Ok(true)
        }
        Ev::Eof => Ok(false),
        _ => Ok(true),
    })
}

/// A fault inside `it`, saying which item it lost and that reading went
/// on.
fn in_item(fault: Error, it: &Item) -> Error {
    let Error::Parse(mut p) = fault else {
        return fault;
    };
    if let crate::error::ParseErrorKind::Export { message, .. } = &mut p.kind {
        let title = match it.draft.title.as_str() {
            "" => String::new(),
            t => format!(" {t:?}"),
        };
        message.push_str(&format!(
            "; the item{title} that starts at line {} is left out, and reading resumed at the \
             next <item>",
            it.line
        ));
    }
    Error::Parse(p)
}

fn start<R: BufRead>(x: &mut Xml<'_, R>, item: &mut Option<Item>, at: u64) -> Result<(), Error> {
    if x.name() == "item" {
        let (line, _) = x.at(at);
        *item = Some(Item {
            line,
            depth: x.depth() - 1,
            ..Item::default()
        });
        return Ok(());
    }
    let Some(it) = item.as_mut() else {
        return Ok(());
    };
    match x.name() {
        "title" => it.draft.title = x.text()?.trim().to_owned(),
        "content:encoded" => it.draft.article = html_to_text(x.text()?),
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
fn comment<R: BufRead>(
    x: &mut Xml<'_, R>,
    it: &mut Item,
    (line, column): (u32, u32),
) -> Result<(), Error> {
    let mut d = Draft {
        line,
        column,
        ..Draft::default()
    };
    let mut kind = String::new();
    // WordPress writes 0000-00-00 00:00:00 for an unknown time.
    let mut created = None;
    let (mut user_id, mut email) = (String::new(), String::new());
    loop {
        match x.next()? {
            Ev::Start => match x.name() {
                "wp:comment_id" => d.id = x.text()?.trim().to_owned(),
                "wp:comment_parent" => {
                    let p = x.text()?.trim().to_owned();
                    d.parent = (!p.is_empty() && p != "0").then_some(p);
                }
                "wp:comment_author" => {
                    let a = x.text()?.trim().to_owned();
                    d.author = (!a.is_empty()).then_some(a);
                }
                "wp:comment_user_id" => user_id = x.text()?.trim().to_owned(),
                "wp:comment_author_email" => email = x.text()?.trim().to_lowercase(),
                "wp:comment_date_gmt" => created = export_time(x.text()?),
                "wp:comment_content" => d.body = html_to_text(x.text()?),
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
            Ev::End => break,
            Ev::Eof => {
                let (l, c) = x.here();
                return Err(x.error_at(
                    l,
                    c,
                    u64::MAX,
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
    d.created = created;
    if d.author.is_some() {
        d.author_id = author_id(&user_id, &email);
    }
    if d.id.is_empty() {
        d.id = format!("line {line}");
    }
    it.draft.comments.push(d);
    Ok(())
}

/// The stable id of a comment's author (issue 31): the WordPress user id
/// of a registered reader, else a hash of the e-mail a guest gave (the
/// address itself must not reach a report), else none.
fn author_id(user_id: &str, email: &str) -> Option<String> {
    use sha2::{Digest, Sha256};
    if !user_id.is_empty() && user_id != "0" {
        return Some(user_id.to_owned());
    }
    if email.is_empty() {
        return None;
    }
    let hash = Sha256::digest(email.as_bytes());
    let hex: String = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
    Some(format!("email:{hex}"))
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
