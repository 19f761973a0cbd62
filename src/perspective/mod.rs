//! The Perspective API's `comments:analyze` and `comments:suggestscore`
//! over our scorer, as bytes in and bytes out (issue 28).
//!
//! `threadwatch serve` (`cmd/serve/`) owns the network, the keys and the
//! files; this module only reads a request body, scores it with the
//! same [`Scorer`] as `threadwatch score`, and writes the response body or
//! an error in Google's JSON shape.  So it does no IO and is tested
//! without a server.

pub mod attribute;
pub mod calibration;
pub mod decision;
pub mod discovery;
mod wire;

use std::collections::BTreeMap;

use crate::analyze::incivility::Scorer;
use crate::analyze::standalone::score_text;
use crate::pipeline::source::html_text::html_to_text;

use attribute::Attribute;
pub use wire::{AnalyzeRequest, SuggestRequest};
use wire::{AnalyzeResponse, AttributeScores, Score, SpanScore, SuggestResponse, ThreadwatchPart};

/// Perspective's limit on a comment's text, in bytes of UTF-8.
pub const MAX_TEXT_BYTES: usize = 20_480;

/// The one language our word lists and model read.
pub const LANGUAGE: &str = "en";

/// An error answered in Google's shape:
/// `{"error":{"code":400,"message":"...","status":"INVALID_ARGUMENT"}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub code: u16,
    /// Google's status name (`INVALID_ARGUMENT`, `PERMISSION_DENIED`, ...).
    pub status: &'static str,
    /// What was wrong, for the client's developer.
    pub message: String,
}

impl ApiError {
    /// A 400 INVALID_ARGUMENT.
    pub fn invalid(message: impl Into<String>) -> ApiError {
        ApiError {
            code: 400,
            status: "INVALID_ARGUMENT",
            message: message.into(),
        }
    }

    /// The response body.
    pub fn body(&self) -> Vec<u8> {
        let v = serde_json::json!({
            "error": {"code": self.code, "message": self.message, "status": self.status}
        });
        v.to_string().into_bytes()
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.code, self.status, self.message)
    }
}

/// Parses a JSON body, turning serde's error into Perspective's 400 with
/// the line and column.
fn parse<'a, T: serde::Deserialize<'a>>(body: &'a [u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|e| {
        ApiError::invalid(format!(
            "Invalid JSON payload received. {} at line {} column {}",
            e.to_string().split(" at line ").next().unwrap_or_default(),
            e.line(),
            e.column()
        ))
    })
}

/// The text of a request's `comment`, checked as Perspective checks it,
/// and made plain when its type is HTML.
fn comment_text(comment: Option<&wire::TextEntry>) -> Result<String, ApiError> {
    let Some(c) = comment else {
        return Err(ApiError::invalid("Comment must be specified."));
    };
    let text = c.text.as_deref().unwrap_or_default();
    if text.len() > MAX_TEXT_BYTES {
        return Err(ApiError::invalid(format!(
            "Comment text was too many bytes: {} bytes, the limit is {MAX_TEXT_BYTES}.",
            text.len()
        )));
    }
    let text = match c.kind.as_deref() {
        None | Some("PLAIN_TEXT") | Some("TEXT_TYPE_UNSPECIFIED") => text.to_owned(),
        Some("HTML") => html_to_text(text),
        Some(other) => {
            return Err(ApiError::invalid(format!(
                "Invalid value at 'comment.type': {other:?}; expected PLAIN_TEXT or HTML"
            )))
        }
    };
    if text.trim().is_empty() {
        return Err(ApiError::invalid("Comment must be non-empty."));
    }
    Ok(text)
}

/// Checks the requested languages: ours is English only.
fn check_languages(langs: &[String], attr: &str) -> Result<(), ApiError> {
    let other: Vec<&str> = langs
        .iter()
        .map(String::as_str)
        .filter(|l| {
            let base = l.split(['-', '_']).next().unwrap_or_default();
            !base.eq_ignore_ascii_case(LANGUAGE)
        })
        .collect();
    if other.is_empty() {
        Ok(())
    } else {
        Err(ApiError::invalid(format!(
            "Attribute {attr} does not support request languages: {}",
            other.join(",")
        )))
    }
}

/// Answers `comments:analyze`: the response body, or the error.
pub fn analyze(scorer: Scorer<'_>, body: &[u8]) -> Result<Vec<u8>, ApiError> {
    let req: AnalyzeRequest = parse(body)?;
    let text = comment_text(req.comment.as_ref())?;
    if req.requested_attributes.is_empty() {
        return Err(ApiError::invalid("Must request at least one attribute."));
    }
    let mut wanted = Vec::with_capacity(req.requested_attributes.len());
    for (name, params) in &req.requested_attributes {
        let Some(attr) = Attribute::parse(name) else {
            return Err(ApiError::invalid(format!(
                "Unknown attribute: {name}; known: {}",
                Attribute::all()
                    .map(Attribute::name)
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        };
        if let Some(t) = params.as_ref().and_then(|p| p.score_type.as_deref()) {
            if t != "PROBABILITY" {
                return Err(ApiError::invalid(format!(
                    "Unsupported score type {t:?} for attribute {name}; only PROBABILITY"
                )));
            }
        }
        let threshold = params.as_ref().and_then(|p| p.score_threshold);
        wanted.push((name, attr, threshold));
    }
    check_languages(&req.languages, wanted[0].0)?;

    let s = score_text(scorer, &text);
    let own: Vec<_> = s.score.flagged.iter().filter(|f| !f.quoted).collect();
    let mut scores = BTreeMap::new();
    for (name, attr, threshold) in wanted {
        let flagged = attr.flagged(&s.score.flags);
        let value = calibration::probability(attr, s.score.incivility, flagged);
        if threshold.is_some_and(|t| value < t) {
            continue;
        }
        let span_scores = req.span_annotations.then(|| {
            own.iter()
                .filter(|f| attr.reads(f.flag))
                .map(|f| SpanScore {
                    begin: text[..f.range.start].chars().count(),
                    end: text[..f.range.end].chars().count(),
                    score: Score::probability(value),
                })
                .collect()
        });
        scores.insert(
            name.clone(),
            AttributeScores {
                span_scores,
                summary_score: Score::probability(value),
            },
        );
    }
    let languages = if req.languages.is_empty() {
        vec![LANGUAGE.to_owned()]
    } else {
        req.languages.clone()
    };
    let flags = s
        .score
        .flags
        .iter()
        .zip(crate::analyze::category::FLAG_COLUMNS)
        .filter_map(|(f, c)| f.then_some(c))
        .collect();
    let resp = AnalyzeResponse {
        attribute_scores: scores,
        languages,
        detected_languages: vec![LANGUAGE],
        client_token: req.client_token.as_deref(),
        threadwatch: ThreadwatchPart {
            incivility: s.score.incivility,
            uncivil: s.score.uncivil,
            flags,
            target: s.target.target.as_str(),
            evidence: &s.evidence,
        },
    };
    Ok(serde_json::to_vec(&resp).unwrap_or_default())
}

/// Reads `comments:suggestscore`: the decision line to append (ending in
/// a line feed) and the response body to send once it is on disk.
pub fn suggest(body: &[u8]) -> Result<(Vec<u8>, Vec<u8>), ApiError> {
    let req: SuggestRequest = parse(body)?;
    let text = comment_text(req.comment.as_ref())?;
    if req.attribute_scores.is_empty() {
        return Err(ApiError::invalid(
            "Must suggest at least one attribute score.",
        ));
    }
    let mut scores = BTreeMap::new();
    for (name, a) in &req.attribute_scores {
        let value = a.summary_score.as_ref().and_then(|s| s.value);
        match value {
            Some(v) if (0.0..=1.0).contains(&v) => {
                scores.insert(name.as_str(), v);
            }
            _ => {
                return Err(ApiError::invalid(format!(
                    "attributeScores.{name}.summaryScore.value: expected a number from 0 to 1"
                )))
            }
        }
    }
    check_languages(&req.languages, "TOXICITY")?;
    let line = decision::Decision {
        label: decision::label_of(&scores),
        text: &text,
        attribute_scores: scores,
        client_token: req.client_token.as_deref(),
        community_id: req.community_id.as_deref(),
        languages: &req.languages,
        context: req.context.as_ref(),
    };
    let mut out = serde_json::to_vec(&line).unwrap_or_default();
    out.push(b'\n');
    let resp = SuggestResponse {
        client_token: req.client_token.as_deref(),
        requested_languages: &req.languages,
        detected_languages: vec![LANGUAGE],
    };
    Ok((out, serde_json::to_vec(&resp).unwrap_or_default()))
}

#[cfg(test)]
mod tests;
