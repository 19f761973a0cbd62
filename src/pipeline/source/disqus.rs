//! Disqus XML export: `thread` elements (title, link), then `post`
//! elements that name their thread and parent by `dsq:id` (issue 16;
//! fields in `grammars/exports.md`).
//!
//! Posts may name any thread of the file, so threads are built when the
//! file has been read; a post whose thread has no `thread` element gets a
//! thread titled by its id.  Authors are matched by username, the name
//! Disqus keys accounts by; guests (`isAnonymous`) have none and keep
//! their display name.  After malformed XML, the threads read so far are
//! still analysed and the error says where reading stopped.

use quick_xml::events::{BytesStart, Event};
use rustc_hash::FxHashMap;

use super::build::{build, Draft, ThreadDraft};
use super::html_text::html_to_text;
use super::stamp::export_time;
use super::xml::Xml;
use super::{utf8, Source};
use crate::error::Error;
use crate::thread::Thread;
use crate::tree::Status;

/// The Disqus XML export.
#[derive(Debug, Clone, Copy, Default)]
pub struct DisqusSource;

impl Source for DisqusSource {
    fn format(&self) -> &'static str {
        "disqus"
    }

    fn read(&self, name: &str, bytes: Vec<u8>) -> Vec<Result<Thread, Error>> {
        let text = match utf8(name, &bytes) {
            Ok(t) => t,
            Err(e) => return vec![Err(e)],
        };
        read_disqus(name, text)
    }
}

/// The `dsq:id` attribute of an element, if any.
fn dsq_id(e: &BytesStart<'_>) -> Option<String> {
    let a = e.try_get_attribute("dsq:id").ok()??;
    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .ok()
        .map(|v| v.trim().to_owned())
}

/// Threads in the order the file first names them.
#[derive(Default)]
struct Threads {
    order: Vec<ThreadDraft>,
    index: FxHashMap<String, usize>,
}

impl Threads {
    fn get(&mut self, id: &str) -> &mut ThreadDraft {
        let i = match self.index.get(id) {
            Some(&i) => i,
            None => {
                self.order.push(ThreadDraft {
                    title: format!("Disqus thread {id}"),
                    ..ThreadDraft::default()
                });
                self.index.insert(id.to_owned(), self.order.len() - 1);
                self.order.len() - 1
            }
        };
        &mut self.order[i]
    }
}

/// Every thread of the Disqus export `text`, then the fault if reading
/// stopped at one.
pub fn read_disqus(path: &str, text: &str) -> Vec<Result<Thread, Error>> {
    let mut x = Xml::new(path, "disqus", text);
    let mut threads = Threads::default();
    let mut depth = 0usize;
    let fault = loop {
        let (at, event) = match x.next_at() {
            Ok(e) => e,
            Err(e) => break Some(e),
        };
        let step = match event {
            // Threads and posts are children of the root element.
            Event::Start(e) if depth == 1 && e.name().0 == "thread" => {
                let id = dsq_id(&e).unwrap_or_default();
                thread(&mut x, &mut threads, &id)
            }
            Event::Start(e) if depth == 1 && e.name().0 == "post" => {
                let id = dsq_id(&e);
                let place = x.at(at);
                post(&mut x, &mut threads, id, place)
            }
            Event::Start(_) => {
                depth += 1;
                Ok(())
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                Ok(())
            }
            Event::Eof => break None,
            _ => Ok(()),
        };
        if let Err(e) = step {
            break Some(e);
        }
    };
    let mut out: Vec<Result<Thread, Error>> =
        threads.order.into_iter().map(|t| build(path, t)).collect();
    out.extend(fault.map(Err));
    out
}

/// Reads a `thread` element: its title and, when Disqus kept it, the
/// article's text.
fn thread(x: &mut Xml<'_>, threads: &mut Threads, id: &str) -> Result<(), Error> {
    let mut title = None;
    loop {
        match x.next()? {
            Event::Start(e) => match e.name().0 {
                "title" => title = Some(x.text()?.trim().to_owned()),
                _ => x.skip()?,
            },
            Event::End(_) => break,
            Event::Eof => return Err(eof(x, "</thread>")),
            _ => {}
        }
    }
    let t = threads.get(id);
    if let Some(title) = title.filter(|t| !t.is_empty()) {
        t.title = title;
    }
    Ok(())
}

fn eof(x: &mut Xml<'_>, expected: &str) -> Error {
    let (line, column) = x.here();
    x.error_at(
        line,
        column,
        usize::MAX,
        format!("expected {expected}, found the end of the file"),
    )
}

/// Reads a `post` element into its thread.
fn post(
    x: &mut Xml<'_>,
    threads: &mut Threads,
    id: Option<String>,
    (line, column): (u32, u32),
) -> Result<(), Error> {
    let mut d = Draft {
        id: id.unwrap_or_else(|| format!("line {line}")),
        line,
        column,
        ..Draft::default()
    };
    let mut thread_id = None;
    let (mut deleted, mut spam) = (false, false);
    let (mut name, mut username) = (String::new(), String::new());
    loop {
        match x.next()? {
            Event::Start(e) => match e.name().0 {
                "message" => d.body = html_to_text(&x.text()?),
                "createdAt" => d.created = export_time(&x.text()?),
                "isDeleted" => deleted = x.text()?.trim() == "true",
                "isSpam" => spam = x.text()?.trim() == "true",
                "author" => author(x, &mut name, &mut username)?,
                "thread" => {
                    thread_id = dsq_id(&e);
                    x.skip()?;
                }
                "parent" => {
                    d.parent = dsq_id(&e);
                    x.skip()?;
                }
                _ => x.skip()?,
            },
            Event::Empty(e) => match e.name().0 {
                "thread" => thread_id = dsq_id(&e),
                "parent" => d.parent = dsq_id(&e),
                _ => {}
            },
            Event::End(_) => break,
            Event::Eof => return Err(eof(x, "</post>")),
            _ => {}
        }
    }
    let Some(thread_id) = thread_id else {
        return Err(x.error_at(
            line,
            column,
            usize::MAX,
            format!("expected a <thread dsq:id=\"...\"/> in post {:?}", d.id),
        ));
    };
    d.status = Some(if spam {
        Status::Spam
    } else if deleted {
        Status::Deleted
    } else {
        Status::Approved
    });
    let who = if username.is_empty() { name } else { username };
    d.author = (!who.is_empty()).then_some(who);
    threads.get(&thread_id).comments.push(d);
    Ok(())
}

fn author(x: &mut Xml<'_>, name: &mut String, username: &mut String) -> Result<(), Error> {
    loop {
        match x.next()? {
            Event::Start(e) => match e.name().0 {
                "name" => *name = x.text()?.trim().to_owned(),
                "username" => *username = x.text()?.trim().to_owned(),
                _ => x.skip()?,
            },
            Event::End(_) => return Ok(()),
            Event::Eof => return Err(eof(x, "</author>")),
            _ => {}
        }
    }
}
