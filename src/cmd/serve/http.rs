//! Routes and handlers of `threadwatch serve` (issue 28): axum for the
//! routes, tower for the cap on requests in flight, every error in
//! Google's JSON shape.

use std::sync::Arc;

use axum::body::Bytes;
use axum::error_handling::HandleErrorLayer;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{BoxError, Router};
use http_body_util::{BodyExt, Limited};
use threadwatch::perspective::{self, discovery, ApiError};
use tower::ServiceBuilder;

use super::keys::{digest, KeyDigest};
use super::{Loaded, Shared};

/// Perspective's limit on a request body.
pub const MAX_BODY: usize = 1 << 20;

/// The application: routes, then the cap on requests in flight (the
/// excess is shed with a 503 at once).
pub fn router(shared: Arc<Shared>, max_inflight: usize) -> Router {
    Router::new()
        .route("/v1alpha1/comments:analyze", post(analyze))
        .route("/v1alpha1/comments:suggestscore", post(suggest))
        // Google's clients ask for `$discovery`; some encode the `$`.
        .route("/$discovery/rest", get(discovery_doc))
        .route("/%24discovery/rest", get(discovery_doc))
        .route("/healthz", get(healthz))
        .fallback(not_found)
        .with_state(shared)
        .layer(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(overloaded))
                .load_shed()
                .concurrency_limit(max_inflight),
        )
}

/// An error as its response.
fn error(e: &ApiError) -> Response {
    json(
        StatusCode::from_u16(e.code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        e.body(),
    )
}

fn json(status: StatusCode, body: Vec<u8>) -> Response {
    let mut r = (status, body).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=UTF-8"),
    );
    r
}

fn api_error(code: u16, status: &'static str, message: impl Into<String>) -> ApiError {
    ApiError {
        code,
        status,
        message: message.into(),
    }
}

async fn overloaded(_: BoxError) -> Response {
    error(&api_error(
        503,
        "UNAVAILABLE",
        "The service is overloaded; retry with backoff.",
    ))
}

async fn not_found(uri: Uri) -> Response {
    error(&api_error(
        404,
        "NOT_FOUND",
        format!(
            "No such method: {}; this server answers POST /v1alpha1/comments:analyze and \
             /v1alpha1/comments:suggestscore",
            uri.path()
        ),
    ))
}

async fn healthz() -> Response {
    json(StatusCode::OK, b"{\"status\":\"ok\"}".to_vec())
}

/// The `key` query parameter, percent-decoded.
fn query_key(uri: &Uri) -> Option<String> {
    let q = uri.query()?;
    let raw = q
        .split('&')
        .filter_map(|kv| kv.split_once('=').or(Some((kv, ""))))
        .find(|(k, _)| *k == "key")?
        .1;
    let mut out = Vec::with_capacity(raw.len());
    let b = raw.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                match u8::from_str_radix(std::str::from_utf8(&b[i + 1..i + 3]).ok()?, 16) {
                    Ok(x) => out.push(x),
                    Err(_) => return None,
                }
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The key check and the rate: `Ok` with the set to serve with.
fn admit(shared: &Shared, headers: &HeaderMap, uri: &Uri) -> Result<Arc<Loaded>, ApiError> {
    let set = shared.set.load_full();
    let given = headers
        .get("x-goog-api-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(|| query_key(uri));
    let bucket: KeyDigest = match (&set.keys, given) {
        (None, _) => [0; 32],
        (Some(_), None) => {
            return Err(api_error(
                403,
                "PERMISSION_DENIED",
                "The request is missing a valid API key.",
            ))
        }
        (Some(keys), Some(k)) => {
            let d = digest(&k);
            if keys.name(&d).is_none() {
                return Err(api_error(
                    403,
                    "PERMISSION_DENIED",
                    "API key not valid. Please pass a valid API key.",
                ));
            }
            d
        }
    };
    if !shared.rate.admit(&bucket) {
        let who = set
            .keys
            .as_ref()
            .and_then(|k| k.name(&bucket))
            .unwrap_or("all requests");
        tracing::debug!(key = who, "429: over the rate");
        return Err(api_error(
            429,
            "RESOURCE_EXHAUSTED",
            "Quota exceeded: too many requests per second for this key.",
        ));
    }
    Ok(set)
}

/// The request's body, at most [`MAX_BODY`] bytes, within the body timeout.
async fn body(shared: &Shared, req: Request) -> Result<Bytes, ApiError> {
    let too_big = || {
        api_error(
            413,
            "INVALID_ARGUMENT",
            format!("Request payload size exceeds the limit: {MAX_BODY} bytes."),
        )
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return Err(too_big());
    }
    let limited = Limited::new(req.into_body(), MAX_BODY);
    match tokio::time::timeout(shared.body_timeout, limited.collect()).await {
        Err(_) => Err(api_error(
            408,
            "DEADLINE_EXCEEDED",
            "The request body was not received in time.",
        )),
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => Err(too_big()),
        Ok(Err(e)) => Err(ApiError::invalid(format!(
            "Cannot read the request body: {e}"
        ))),
        Ok(Ok(b)) => Ok(b.to_bytes()),
    }
}

async fn analyze(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    let set = match admit(&shared, req.headers(), req.uri()) {
        Ok(s) => s,
        Err(e) => return error(&e),
    };
    let bytes = match body(&shared, req).await {
        Ok(b) => b,
        Err(e) => return error(&e),
    };
    // Scoring is CPU work: it runs on rayon's workers, so the runtime's
    // threads keep reading requests, and the requests waiting to be scored
    // are exactly those in flight: over --max-inflight, the next one is
    // shed with a 503 at once instead of waiting in a socket (issue 28).
    let (tx, rx) = tokio::sync::oneshot::channel();
    rayon::spawn(move || {
        let _ = tx.send(perspective::analyze(set.scorer(), &bytes));
    });
    match rx.await {
        Ok(Ok(b)) => json(StatusCode::OK, b),
        Ok(Err(e)) => {
            tracing::debug!("analyze: {e}");
            error(&e)
        }
        Err(_) => error(&api_error(
            500,
            "INTERNAL",
            "The comment could not be scored.",
        )),
    }
}

async fn suggest(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    if let Err(e) = admit(&shared, req.headers(), req.uri()) {
        return error(&e);
    }
    if shared.decisions.is_none() {
        return error(&api_error(
            400,
            "FAILED_PRECONDITION",
            "This server keeps no decisions: start it with --decisions FILE.",
        ));
    }
    let bytes = match body(&shared, req).await {
        Ok(b) => b,
        Err(e) => return error(&e),
    };
    let (line, answer) = match perspective::suggest(&bytes) {
        Ok(x) => x,
        Err(e) => return error(&e),
    };
    // The append and its fsync block: off the runtime's threads.
    let keep = shared.clone();
    let written =
        tokio::task::spawn_blocking(move || keep.decisions.as_ref().map(|d| d.append(&line))).await;
    match written {
        Ok(Some(Ok(()))) => json(StatusCode::OK, answer),
        Ok(Some(Err(e))) => {
            tracing::error!("suggestscore: {e:#}");
            error(&api_error(
                500,
                "INTERNAL",
                "The decision could not be stored.",
            ))
        }
        _ => error(&api_error(
            500,
            "INTERNAL",
            "The decision could not be stored.",
        )),
    }
}

async fn discovery_doc(headers: HeaderMap, uri: Uri) -> Response {
    let version = uri
        .query()
        .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("version=")));
    if version.is_some_and(|v| v != "v1alpha1") {
        return error(&api_error(
            404,
            "NOT_FOUND",
            "Only version v1alpha1 of commentanalyzer is served.",
        ));
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_graphic()))
        .unwrap_or("localhost");
    let root = format!("http://{host}/");
    json(
        StatusCode::OK,
        discovery::document(&root).to_string().into_bytes(),
    )
}
