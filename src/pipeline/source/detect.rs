//! Which reader an input needs, from its first bytes (issue 16):
//! `--input-format auto`, the default.
//!
//! XML whose start names WordPress's export namespace is WXR, a `<disqus`
//! root is Disqus; JSON objects per line are Reddit-style when the first
//! has `link_id`, `subreddit`
//! or a `t1_`/`t3_` `parent_id` or `name` (in the first 20 lines), else generic JSON Lines; a
//! first line that parses as a CSV header holding the `id` and `text`
//! columns (as `--field` names them) is CSV.  Anything else is a page, as
//! before: a page starts with a headline, which none of these tests take.

use super::records::Fields;

/// The formats threadwatch reads, as `--input-format` names them.
pub const FORMATS: [&str; 6] = ["page", "wxr", "disqus", "reddit", "jsonl", "csv"];

/// How far into the input detection looks.
pub const SNIFF: usize = 64 * 1024;

/// JSON lines looked at for Reddit's fields.
const SNIFF_LINES: usize = 20;

/// The format of `bytes`: one of [`FORMATS`].
pub fn detect(bytes: &[u8], fields: &Fields) -> &'static str {
    let head = &bytes[..bytes.len().min(SNIFF)];
    let head = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(head);
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        // Cut inside a character at SNIFF: the valid part is enough.
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return "page",
    };
    let start = text.trim_start();
    if start.starts_with('<') {
        if start.contains("<disqus") {
            return "disqus";
        }
        if start.contains("wordpress.org/export") || start.contains("<wp:") {
            return "wxr";
        }
        return "page";
    }
    if start.starts_with('{') {
        // An archive may open with its submissions, which have no parent:
        // the first lines that parse are looked at, not only the first.
        let mut any = false;
        let cut = bytes.len() > head.len();
        let lines = start.lines().count();
        for (i, line) in start.lines().take(SNIFF_LINES).enumerate() {
            // A lone surrogate escape is read as U+FFFD, as the readers do.
            let fixed = super::spool::lone_surrogates(line);
            let line = fixed.as_ref().map_or(line, |(f, _)| f.as_str());
            let Ok(obj) = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(line)
            else {
                // A line cut at SNIFF (a first comment of more than 64
                // KiB: issue 27) is looked at for Reddit's keys as text.
                let reddit_keys = ["\"link_id\"", "\"subreddit\"", "\"t1_", "\"t3_"];
                if cut && i + 1 == lines && reddit_keys.iter().any(|k| line.contains(k)) {
                    return "reddit";
                }
                continue;
            };
            any = true;
            let prefixed = |key: &str| {
                obj.get(key)
                    .and_then(|p| p.as_str())
                    .is_some_and(|p| p.starts_with("t1_") || p.starts_with("t3_"))
            };
            if obj.contains_key("link_id")
                || obj.contains_key("subreddit")
                || prefixed("parent_id")
                || prefixed("name")
            {
                return "reddit";
            }
        }
        // Lines that do not parse: the JSON Lines reader reports where.
        let _ = any;
        return "jsonl";
    }
    let first = text.lines().next().unwrap_or_default();
    if let Some((_, header)) = csv_header(first) {
        let has = |name: &str| header.iter().any(|h| h.eq_ignore_ascii_case(name));
        if has(&fields.id) && has(&fields.text) {
            return "csv";
        }
        // A header of column names, one of them ours, that lacks `id` or
        // `text` as mapped: the CSV reader says which is missing and what
        // the header holds, rather than a page of zero comments (issue
        // 27).  Fields are the names of `Fields::default` or as mapped.
        let ours = Fields::default();
        let known = [
            &ours.id,
            &ours.parent_id,
            &ours.thread,
            &ours.title,
            &ours.author,
            &ours.created,
            &ours.text,
            &ours.status,
            &fields.id,
            &fields.parent_id,
            &fields.thread,
            &fields.title,
            &fields.author,
            &fields.created,
            &fields.text,
            &fields.status,
        ];
        let named = |h: &String| {
            !h.is_empty()
                && h.len() <= 64
                && h.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        };
        let ours = |h: &String| known.iter().any(|k| h.eq_ignore_ascii_case(k));
        if header.iter().all(named) && header.iter().any(ours) {
            return "csv";
        }
    }
    "page"
}

/// The delimiter and the cells of `line` read as a CSV header: split at
/// the delimiter (`,`, `;` or tab) that gives the most cells, at least
/// two (issue 27: `id;text` was read as a page).  Cells are trimmed.
pub fn csv_header(line: &str) -> Option<(u8, Vec<String>)> {
    let mut best: Option<(u8, Vec<String>)> = None;
    for delimiter in [b',', b';', b'\t'] {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .delimiter(delimiter)
            .from_reader(line.as_bytes());
        let Some(Ok(header)) = rdr.records().next() else {
            continue;
        };
        let cells: Vec<String> = header.iter().map(|h| h.trim().to_owned()).collect();
        if cells.len() >= 2 && best.as_ref().is_none_or(|(_, b)| cells.len() > b.len()) {
            best = Some((delimiter, cells));
        }
    }
    best
}

#[cfg(test)]
mod tests;
