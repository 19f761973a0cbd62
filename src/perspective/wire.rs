//! The JSON shapes of the Perspective API (v1alpha1), as serde types.
//! Fields Perspective documents but we do not use (`sessionId`,
//! `dropUnsupportedAttributes`, ...) are accepted and ignored, so a
//! client that sends them works unchanged.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// `comment`: the text and its type.
#[derive(Debug, Deserialize)]
pub struct TextEntry {
    /// The text.
    pub text: Option<String>,
    /// PLAIN_TEXT (default) or HTML.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// One entry of `requestedAttributes`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttributeParameters {
    /// Only PROBABILITY.
    pub score_type: Option<String>,
    /// Leave the attribute out when its score is lower.
    pub score_threshold: Option<f64>,
}

/// The body of `comments:analyze`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnalyzeRequest {
    /// The comment.
    pub comment: Option<TextEntry>,
    /// Attribute name to its parameters (`{}` or null for none).
    #[serde(default)]
    pub requested_attributes: BTreeMap<String, Option<AttributeParameters>>,
    /// ISO 639-1 codes; empty means "detect".
    #[serde(default)]
    pub languages: Vec<String>,
    /// Nothing is ever stored by `analyze`, so this changes nothing.
    #[serde(default)]
    pub do_not_store: Option<bool>,
    /// Return the evidence spans as `spanScores`.
    #[serde(default)]
    pub span_annotations: bool,
    /// Echoed in the response.
    pub client_token: Option<String>,
    /// The article or parent comment; accepted, not read.
    #[serde(default)]
    pub context: Option<serde_json::Value>,
}

/// A suggested `summaryScore`.
#[derive(Debug, Deserialize)]
pub struct SuggestedScore {
    /// The score from 0 to 1.
    pub value: Option<f64>,
}

/// One entry of a suggestion's `attributeScores`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuggestedAttribute {
    /// The suggested score.
    pub summary_score: Option<SuggestedScore>,
}

/// The body of `comments:suggestscore`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuggestRequest {
    /// The comment.
    pub comment: Option<TextEntry>,
    /// Attribute name (any: Coral sends its decision, APPROVED or
    /// DELETED) to the suggested score.
    #[serde(default)]
    pub attribute_scores: BTreeMap<String, SuggestedAttribute>,
    /// ISO 639-1 codes.
    #[serde(default)]
    pub languages: Vec<String>,
    /// Echoed in the response and kept.
    pub client_token: Option<String>,
    /// Which community the decision comes from; kept.
    pub community_id: Option<String>,
    /// The comment's context; kept as sent.
    #[serde(default)]
    pub context: Option<serde_json::Value>,
}

/// A score in a response.
#[derive(Debug, Serialize)]
pub struct Score {
    /// The probability.
    pub value: f64,
    /// Always PROBABILITY.
    #[serde(rename = "type")]
    pub kind: &'static str,
}

impl Score {
    /// `value` as a probability, rounded to 6 digits (Perspective's
    /// responses carry about as many).
    pub fn probability(value: f64) -> Score {
        Score {
            value: (value * 1e6).round() / 1e6,
            kind: "PROBABILITY",
        }
    }
}

/// One evidence span (offsets in characters, end exclusive).
#[derive(Debug, Serialize)]
pub struct SpanScore {
    /// First character.
    pub begin: usize,
    /// One past the last character.
    pub end: usize,
    /// The attribute's score.
    pub score: Score,
}

/// One attribute's scores.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AttributeScores {
    /// The evidence spans, with `spanAnnotations`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span_scores: Option<Vec<SpanScore>>,
    /// The calibrated probability.
    pub summary_score: Score,
}

/// Our own part of the answer: what a moderator reads.
#[derive(Debug, Serialize)]
pub struct ThreadwatchPart<'a> {
    /// The built-in incivility score (not calibrated).
    pub incivility: f64,
    /// Whether `threadwatch analyze` would call it uncivil.
    pub uncivil: bool,
    /// The flagged categories.
    pub flags: Vec<&'static str>,
    /// At whom it is aimed (`commenter`, `group`, ...; empty: unknown).
    pub target: &'static str,
    /// The evidence cell of `threadwatch score`.
    pub evidence: &'a str,
}

/// The body answered to `comments:analyze`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnalyzeResponse<'a> {
    /// Attribute name to its scores.
    pub attribute_scores: BTreeMap<String, AttributeScores>,
    /// The request's languages, or the detected one.
    pub languages: Vec<String>,
    /// Always English.
    pub detected_languages: Vec<&'static str>,
    /// The request's token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_token: Option<&'a str>,
    /// Evidence, target and flags (not part of Perspective's API).
    pub threadwatch: ThreadwatchPart<'a>,
}

/// The body answered to `comments:suggestscore`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SuggestResponse<'a> {
    /// The request's token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_token: Option<&'a str>,
    /// The request's languages.
    pub requested_languages: &'a [String],
    /// Always English.
    pub detected_languages: Vec<&'static str>,
}
