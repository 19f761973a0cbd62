//! `serve --keys`: the accepted keys, as SHA-256 digests, and the per-key
//! request rate (issue 28).  A key is hashed as it arrives and compared by
//! digest, so the file holds no key and no key is ever logged; logs name a
//! key by the name written after its digest, or by the digest's first
//! eight hex digits.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

use anyhow::{bail, Context};
use sha2::{Digest, Sha256};

/// A key's digest.
pub type KeyDigest = [u8; 32];

/// The keys file, read.
#[derive(Debug, Default)]
pub struct Keys {
    /// Digest to the name logs use for it.
    names: HashMap<KeyDigest, String>,
}

/// The digest of `key`.
pub fn digest(key: &str) -> KeyDigest {
    Sha256::digest(key.as_bytes()).into()
}

impl Keys {
    /// Reads `path`: one digest (64 hex digits) per line, optionally
    /// followed by a name; blank lines and `#` comments are skipped.
    pub fn read(path: &Path) -> anyhow::Result<Keys> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read keys {}", path.display()))?;
        let mut names = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or_default().trim();
            if line.is_empty() {
                continue;
            }
            let (hex, name) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            let Some(d) = parse_hex(hex) else {
                bail!(
                    "{}:{}: expected a SHA-256 digest (64 hex digits, from `threadwatch serve \
                     --hash-key`), then an optional name",
                    path.display(),
                    n + 1
                )
            };
            let name = match name.trim() {
                "" => hex[..8].to_ascii_lowercase(),
                s => s.to_owned(),
            };
            names.insert(d, name);
        }
        if names.is_empty() {
            bail!(
                "{}: no keys; add a digest from `threadwatch serve --hash-key`",
                path.display()
            );
        }
        Ok(Keys { names })
    }

    /// How many keys there are.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// The name of `key`'s digest, when it is accepted.
    pub fn name(&self, d: &KeyDigest) -> Option<&str> {
        self.names.get(d).map(String::as_str)
    }
}

fn parse_hex(s: &str) -> Option<KeyDigest> {
    if s.len() != 64 || !s.is_ascii() {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

/// Token buckets, one per key digest (all requests share one without
/// --keys).  Keys come from the file, so the map is bounded by it.
pub struct Rate {
    per_second: f64,
    buckets: Mutex<HashMap<KeyDigest, (f64, Instant)>>,
}

impl Rate {
    /// `per_second` requests per second per key, in bursts of as many.
    pub fn new(per_second: f64) -> Rate {
        Rate {
            per_second,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request from `key`'s bucket; false when it is empty.
    pub fn admit(&self, key: &KeyDigest) -> bool {
        let now = Instant::now();
        let burst = self.per_second.max(1.0);
        let mut map = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        let (tokens, last) = map.entry(*key).or_insert((burst, now));
        *tokens = (*tokens + now.duration_since(*last).as_secs_f64() * self.per_second).min(burst);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}
