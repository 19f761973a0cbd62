//! `threadwatch serve`: the Perspective API over our scorer, offline
//! (issue 28).
//!
//! One process on tokio: hyper serves HTTP/1.1 connections (header read
//! timeout, a cap on open connections), axum routes, and tower caps the
//! requests in flight, shedding the excess with a 503 at once rather than
//! queueing it into timeouts.  The scorer set (lexicon, model, keys) is
//! loaded once and shared read-only behind an `ArcSwap`, so SIGHUP swaps a
//! whole new set in atomically while requests keep the set they started
//! with.  `threadwatch::perspective` reads requests and writes responses;
//! this module owns sockets, files and signals.

mod decisions;
mod http;
mod keys;

use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context};
use arc_swap::ArcSwap;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use threadwatch::analyze::incivility::Scorer;
use threadwatch::analyze::matcher::Lexicon;
use threadwatch::model_file::hex;
use tokio::signal::unix::{signal, SignalKind};

use super::lexicon::load_lexicon_allowing;
use super::model::{choose, Chosen};
use super::Outcome;
use crate::cli::ServeArgs;
use decisions::DecisionFile;
use keys::{Keys, Rate};

/// The `[serve]` section of threadwatch.toml.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServeConfig {
    listen: Option<String>,
    keys: Option<PathBuf>,
    model: Option<PathBuf>,
    lexicon_dir: Option<PathBuf>,
    allow: Option<PathBuf>,
    decisions: Option<PathBuf>,
    rate: Option<f64>,
    max_connections: Option<usize>,
    max_inflight: Option<usize>,
    header_timeout: Option<f64>,
    body_timeout: Option<f64>,
    jobs: Option<usize>,
}

/// The settings in force: flags, then `[serve]`, then defaults.
#[derive(Debug, Clone)]
pub struct Settings {
    listen: String,
    keys: Option<PathBuf>,
    model: Option<PathBuf>,
    lexicon_dir: Option<PathBuf>,
    allow: Option<PathBuf>,
    decisions: Option<PathBuf>,
    rate: f64,
    max_connections: usize,
    max_inflight: usize,
    header_timeout: Duration,
    body_timeout: Duration,
    jobs: Option<usize>,
}

fn seconds(what: &str, x: f64) -> anyhow::Result<Duration> {
    if !(x > 0.0 && x <= 86_400.0) {
        bail!("{what}: expected seconds from 0 to 86400, found {x}");
    }
    Ok(Duration::from_secs_f64(x))
}

impl Settings {
    fn new(a: ServeArgs, c: ServeConfig) -> anyhow::Result<Settings> {
        let rate = a.rate.or(c.rate).unwrap_or(100.0);
        if !(rate > 0.0 && rate.is_finite()) {
            bail!("rate: expected a positive number of requests per second, found {rate}");
        }
        let count = |what: &str, x: Option<usize>, default: usize| match x.unwrap_or(default) {
            0 => bail!("{what}: expected a whole number of at least 1, found 0"),
            n => Ok(n),
        };
        Ok(Settings {
            listen: a
                .listen
                .or(c.listen)
                .unwrap_or_else(|| "127.0.0.1:8080".to_owned()),
            keys: a.keys.or(c.keys),
            model: a.model.or(c.model),
            lexicon_dir: a.lexicon_dir.or(c.lexicon_dir),
            allow: a.allow_list.allow.or(c.allow),
            decisions: a.decisions.or(c.decisions),
            rate,
            max_connections: count(
                "max_connections",
                a.max_connections.or(c.max_connections),
                10_000,
            )?,
            max_inflight: count("max_inflight", a.max_inflight.or(c.max_inflight), 64)?,
            header_timeout: seconds(
                "header_timeout",
                a.header_timeout.or(c.header_timeout).unwrap_or(10.0),
            )?,
            body_timeout: seconds(
                "body_timeout",
                a.body_timeout.or(c.body_timeout).unwrap_or(10.0),
            )?,
            jobs: a.jobs.or(c.jobs),
        })
    }
}

/// What SIGHUP reloads, all together.
pub struct Loaded {
    lexicon: Lexicon,
    chosen: Chosen,
    /// `None` without --keys: every request is accepted.
    keys: Option<Keys>,
}

impl Loaded {
    /// Reads the model, the word lists, the allow-list and the keys.
    fn load(s: &Settings) -> anyhow::Result<Loaded> {
        let lexicon = load_lexicon_allowing(s.lexicon_dir.as_deref(), s.allow.as_deref())?;
        let chosen = choose(s.model.as_deref())?;
        let keys = s.keys.as_deref().map(Keys::read).transpose()?;
        Ok(Loaded {
            lexicon,
            chosen,
            keys,
        })
    }

    /// The scorer `threadwatch score` would use with the same flags.
    pub fn scorer(&self) -> Scorer<'_> {
        Scorer {
            lexicon: &self.lexicon,
            model: self.chosen.model(),
        }
    }

    fn describe(&self) -> String {
        format!(
            "model {} (sha256 {}), {}",
            self.chosen.version,
            &self.chosen.sha256[..12],
            match &self.keys {
                Some(k) => format!("{} keys", k.len()),
                None => "no keys (every request accepted)".to_owned(),
            }
        )
    }
}

/// What every request reads.
pub struct Shared {
    /// The current set; a request loads it once and keeps it.
    set: ArcSwap<Loaded>,
    rate: Rate,
    decisions: Option<DecisionFile>,
    body_timeout: Duration,
}

/// Runs `serve`.
pub fn run(args: ServeArgs, config: Option<ServeConfig>) -> anyhow::Result<Outcome> {
    if args.hash_key {
        return hash_key();
    }
    let s = Settings::new(args, config.unwrap_or_default())?;
    let addr: SocketAddr = s.listen.parse().with_context(|| {
        format!(
            "--listen {}: expected ADDR:PORT, e.g. 127.0.0.1:8080",
            s.listen
        )
    })?;
    let loaded = Loaded::load(&s)?;
    if loaded.keys.is_none() {
        tracing::warn!(
            "no --keys: every request is accepted; give --keys before exposing the port"
        );
    }
    let decisions = s.decisions.as_deref().map(DecisionFile::open).transpose()?;
    // Scoring runs on rayon's pool (-j threads); the runtime only moves
    // bytes, so one thread per two scorers is plenty.
    let jobs = s.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .thread_name(|i| format!("score-{i}"))
        .build_global()
        .context("cannot start the scoring threads")?;
    let mut rt = tokio::runtime::Builder::new_multi_thread();
    rt.worker_threads(jobs.div_ceil(2).max(1));
    let rt = rt
        .enable_all()
        .build()
        .context("cannot start the runtime")?;
    let shared = Arc::new(Shared {
        set: ArcSwap::from_pointee(loaded),
        rate: Rate::new(s.rate),
        decisions,
        body_timeout: s.body_timeout,
    });
    rt.block_on(serve(addr, s, shared))?;
    Ok(Outcome::Success)
}

/// `serve --hash-key`: the digest of the key on standard input.
fn hash_key() -> anyhow::Result<Outcome> {
    let mut key = String::new();
    std::io::stdin()
        .lock()
        .read_to_string(&mut key)
        .context("cannot read the key from standard input")?;
    let key = key.trim_end_matches(['\n', '\r']);
    if key.is_empty() {
        bail!("expected a key on standard input, e.g. printf '%s' \"$KEY\" | threadwatch serve --hash-key");
    }
    println!("{}", hex(&keys::digest(key)));
    Ok(Outcome::Success)
}

/// Accepts connections until SIGTERM or Ctrl-C, then drains.
async fn serve(addr: SocketAddr, s: Settings, shared: Arc<Shared>) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let local = listener
        .local_addr()
        .context("cannot read the bound address")?;
    let app = http::router(shared.clone(), s.max_inflight);
    let mut term = signal(SignalKind::terminate()).context("cannot watch SIGTERM")?;
    let mut int = signal(SignalKind::interrupt()).context("cannot watch SIGINT")?;
    let mut hup = signal(SignalKind::hangup()).context("cannot watch SIGHUP")?;
    let slots = Arc::new(tokio::sync::Semaphore::new(s.max_connections));
    let graceful = GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(s.header_timeout)
        .keep_alive(true);
    tracing::info!(
        "listening on http://{local}/ ({}); Coral's endpoint: http://{local}/v1alpha1",
        shared.set.load().describe()
    );
    let mut refused: u64 = 0;
    let why = loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, _) = match accepted {
                    Ok(a) => a,
                    Err(e) => {
                        // Out of file descriptors, or a connection reset
                        // before it was accepted: wait a little, go on.
                        tracing::warn!("cannot accept a connection: {e}");
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        continue;
                    }
                };
                let Ok(slot) = slots.clone().try_acquire_owned() else {
                    refused += 1;
                    if refused.is_power_of_two() {
                        tracing::warn!(
                            "{refused} connections closed at once: over --max-connections {}",
                            s.max_connections
                        );
                    }
                    drop(stream);
                    continue;
                };
                let _ = stream.set_nodelay(true);
                let svc = hyper_util::service::TowerToHyperService::new(app.clone());
                let conn = builder.serve_connection(TokioIo::new(stream), svc);
                let conn = graceful.watch(conn);
                tokio::spawn(async move {
                    let _ = conn.await;
                    drop(slot);
                });
            }
            _ = term.recv() => break "SIGTERM",
            _ = int.recv() => break "SIGINT",
            _ = hup.recv() => reload(&s, &shared).await,
        }
    };
    drop(listener);
    tracing::info!("{why}: stopped accepting; draining the requests in flight");
    tokio::select! {
        () = graceful.shutdown() => tracing::info!("drained; exiting"),
        () = tokio::time::sleep(Duration::from_secs(30)) => {
            tracing::warn!("requests still in flight after 30 s; exiting anyway");
        }
    }
    Ok(())
}

/// SIGHUP: loads a new set off the runtime's threads and swaps it in; on
/// any fault the old set stays and the log says why.
async fn reload(s: &Settings, shared: &Arc<Shared>) {
    let settings = s.clone();
    match tokio::task::spawn_blocking(move || Loaded::load(&settings)).await {
        Ok(Ok(new)) => {
            let what = new.describe();
            shared.set.store(Arc::new(new));
            tracing::info!("SIGHUP: reloaded: {what}");
        }
        Ok(Err(e)) => {
            tracing::error!("SIGHUP: reload failed, still serving the previous set: {e:#}");
        }
        Err(e) => {
            tracing::error!("SIGHUP: reload failed, still serving the previous set: {e}");
        }
    }
}
