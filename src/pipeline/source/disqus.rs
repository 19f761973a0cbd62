//! Disqus XML export: `thread` elements (title, link), then `post`
//! elements that name their thread and parent by `dsq:id` (issue 16;
//! fields in `grammars/exports.md`).
//!
//! Posts may name any thread of the file, so threads are built when the
//! file has been read; a post whose thread has no `thread` element gets a
//! thread titled by its id.  An author shows by the display name readers
//! see on the page, and is matched by username, the id Disqus keys
//! accounts by (`author_id`, issue 31); guests (`isAnonymous`) are
//! anonymous comments, never one shared user.  After malformed XML, the
//! threads read so far are still analysed and the error says where
//! reading stopped.

use std::io::BufRead;

use rustc_hash::FxHashMap;

use super::build::{build, Draft, ThreadDraft};
use super::html_text::html_to_text;
use super::stamp::export_time;
use super::xml::{Ev, Xml};
use super::Source;
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
        read_disqus(name, &bytes[..])
    }
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

/// Every thread of the Disqus export `input`, then the fault if reading
/// stopped at one.
pub fn read_disqus<R: BufRead>(path: &str, input: R) -> Vec<Result<Thread, Error>> {
    let mut x = Xml::new(path, "disqus", input);
    let mut threads = Threads::default();
    let mut depth = 0usize;
    let fault = loop {
        let (at, event) = match x.next_at() {
            Ok(e) => e,
            Err(e) => break Some(e),
        };
        let step = match event {
            // Threads and posts are children of the root element.
            Ev::Start if depth == 1 && x.name() == "thread" => {
                let id = x.attr("dsq:id").unwrap_or_default();
                thread(&mut x, &mut threads, &id)
            }
            Ev::Start if depth == 1 && x.name() == "post" => {
                let id = x.attr("dsq:id");
                let place = x.at(at);
                post(&mut x, &mut threads, id, place)
            }
            Ev::Start => {
                depth += 1;
                Ok(())
            }
            Ev::End => {
                depth = depth.saturating_sub(1);
                Ok(())
            }
            Ev::Eof => break None,
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
fn thread<R: BufRead>(x: &mut Xml<'_, R>, threads: &mut Threads, id: &str) -> Result<(), Error> {
    let mut title = None;
    loop {
        match x.next()? {
            Ev::Start => match x.name() {
                "title" => title = Some(x.text()?.trim().to_owned()),
                _ => x.skip()?,
            },
            Ev::End => break,
            Ev::Eof => return Err(eof(x, "</thread>")),
            _ => {}
        }
    }
    let t = threads.get(id);
    if let Some(title) = title.filter(|t| !t.is_empty()) {
        t.title = title;
    }
    Ok(())
}

fn eof<R: BufRead>(x: &mut Xml<'_, R>, expected: &str) -> Error {
    let (line, column) = x.here();
    x.error_at(
        line,
        column,
        u64::MAX,
        format!("expected {expected}, found the end of the file"),
    )
}

/// Reads a `post` element into its thread.
fn post<R: BufRead>(
    x: &mut Xml<'_, R>,
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
    let mut who = Author::default();
    loop {
        match x.next()? {
            Ev::Start => match x.name() {
                "message" => d.body = html_to_text(x.text()?),
                "createdAt" => d.created = export_time(x.text()?),
                "isDeleted" => deleted = x.text()?.trim() == "true",
                "isSpam" => spam = x.text()?.trim() == "true",
                "author" => who = author(x)?,
                "thread" => {
                    thread_id = x.attr("dsq:id");
                    x.skip()?;
                }
                "parent" => {
                    d.parent = x.attr("dsq:id");
                    x.skip()?;
                }
                _ => x.skip()?,
            },
            Ev::Empty => match x.name() {
                "thread" => thread_id = x.attr("dsq:id"),
                "parent" => d.parent = x.attr("dsq:id"),
                _ => {}
            },
            Ev::End => break,
            Ev::Eof => return Err(eof(x, "</post>")),
            _ => {}
        }
    }
    let Some(thread_id) = thread_id else {
        return Err(x.error_at(
            line,
            column,
            u64::MAX,
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
    // A guest's name is whatever they typed, and "Guest" for most: it
    // names nobody, so a guest is an anonymous comment (issue 31).
    if !who.anonymous {
        let shown = if who.name.is_empty() {
            who.username.clone()
        } else {
            who.name
        };
        d.author = (!shown.is_empty()).then_some(shown);
        d.author_id = (!who.username.is_empty()).then_some(who.username);
    }
    threads.get(&thread_id).comments.push(d);
    Ok(())
}

/// A post's `author` element.
#[derive(Default)]
struct Author {
    /// The display name.
    name: String,
    /// The account's username (none for guests).
    username: String,
    /// `isAnonymous` true: a guest.
    anonymous: bool,
}

fn author<R: BufRead>(x: &mut Xml<'_, R>) -> Result<Author, Error> {
    let mut a = Author::default();
    loop {
        match x.next()? {
            Ev::Start => match x.name() {
                "name" => a.name = x.text()?.trim().to_owned(),
                "username" => a.username = x.text()?.trim().to_owned(),
                "isAnonymous" => a.anonymous = x.text()?.trim() == "true",
                _ => x.skip()?,
            },
            Ev::End => return Ok(a),
            Ev::Eof => return Err(eof(x, "</author>")),
            _ => {}
        }
    }
}
