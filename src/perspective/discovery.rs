//! The discovery document Google's API clients build their methods from
//! (`GET /$discovery/rest?version=v1alpha1`), naming the server's own root
//! URL, so a client changes only `discoveryServiceUrl` (issue 28).

use serde_json::{json, Value};

/// The document for a server reached at `root` (`http://host:port/`).
pub fn document(root: &str) -> Value {
    let object = |description: &str| json!({"type": "object", "description": description});
    let method = |name: &str, request: &str, response: &str, description: &str| {
        json!({
            "id": format!("commentanalyzer.comments.{name}"),
            "path": format!("v1alpha1/comments:{name}"),
            "flatPath": format!("v1alpha1/comments:{name}"),
            "httpMethod": "POST",
            "parameters": {},
            "parameterOrder": [],
            "request": {"$ref": request},
            "response": {"$ref": response},
            "description": description
        })
    };
    json!({
        "kind": "discovery#restDescription",
        "discoveryVersion": "v1",
        "id": "commentanalyzer:v1alpha1",
        "name": "commentanalyzer",
        "version": "v1alpha1",
        "title": "threadwatch serve (Perspective Comment Analyzer API)",
        "description": "Offline incivility scores in the shape of the Perspective API.",
        "protocol": "rest",
        "rootUrl": root,
        "servicePath": "",
        "baseUrl": root,
        "batchPath": "batch",
        "parameters": {
            "key": {"type": "string", "location": "query",
                    "description": "API key (or the x-goog-api-key header)."},
            "alt": {"type": "string", "location": "query", "default": "json",
                    "enum": ["json"], "enumDescriptions": ["JSON"],
                    "description": "Data format for the response."},
            "fields": {"type": "string", "location": "query",
                       "description": "Accepted and ignored."},
            "prettyPrint": {"type": "boolean", "location": "query", "default": "true",
                            "description": "Accepted and ignored."},
            "quotaUser": {"type": "string", "location": "query",
                          "description": "Accepted and ignored."}
        },
        "resources": {
            "comments": {
                "methods": {
                    "analyze": method("analyze", "AnalyzeCommentRequest",
                        "AnalyzeCommentResponse",
                        "Analyzes the provided text and returns scores for requested attributes."),
                    "suggestscore": method("suggestscore", "SuggestCommentScoreRequest",
                        "SuggestCommentScoreResponse",
                        "Suggest comment scores as training data.")
                }
            }
        },
        "schemas": {
            "AnalyzeCommentRequest": {
                "id": "AnalyzeCommentRequest", "type": "object",
                "properties": {
                    "comment": {"$ref": "TextEntry"},
                    "requestedAttributes": {"type": "object",
                        "additionalProperties": {"$ref": "AttributeParameters"}},
                    "languages": {"type": "array", "items": {"type": "string"}},
                    "doNotStore": {"type": "boolean"},
                    "spanAnnotations": {"type": "boolean"},
                    "clientToken": {"type": "string"},
                    "context": object("Accepted, not read.")
                }
            },
            "AnalyzeCommentResponse": {
                "id": "AnalyzeCommentResponse", "type": "object",
                "properties": {
                    "attributeScores": {"type": "object",
                        "additionalProperties": {"$ref": "AttributeScores"}},
                    "languages": {"type": "array", "items": {"type": "string"}},
                    "detectedLanguages": {"type": "array", "items": {"type": "string"}},
                    "clientToken": {"type": "string"},
                    "threadwatch": object("Evidence, target and flags (not in Perspective).")
                }
            },
            "SuggestCommentScoreRequest": {
                "id": "SuggestCommentScoreRequest", "type": "object",
                "properties": {
                    "comment": {"$ref": "TextEntry"},
                    "attributeScores": {"type": "object",
                        "additionalProperties": {"$ref": "AttributeScores"}},
                    "languages": {"type": "array", "items": {"type": "string"}},
                    "clientToken": {"type": "string"},
                    "communityId": {"type": "string"},
                    "context": object("Kept with the decision.")
                }
            },
            "SuggestCommentScoreResponse": {
                "id": "SuggestCommentScoreResponse", "type": "object",
                "properties": {
                    "clientToken": {"type": "string"},
                    "requestedLanguages": {"type": "array", "items": {"type": "string"}},
                    "detectedLanguages": {"type": "array", "items": {"type": "string"}}
                }
            },
            "TextEntry": {
                "id": "TextEntry", "type": "object",
                "properties": {
                    "text": {"type": "string"},
                    "type": {"type": "string", "enum": ["TEXT_TYPE_UNSPECIFIED", "PLAIN_TEXT", "HTML"]}
                }
            },
            "AttributeParameters": {
                "id": "AttributeParameters", "type": "object",
                "properties": {
                    "scoreType": {"type": "string"},
                    "scoreThreshold": {"type": "number", "format": "float"}
                }
            },
            "AttributeScores": {
                "id": "AttributeScores", "type": "object",
                "properties": {
                    "summaryScore": {"$ref": "Score"},
                    "spanScores": {"type": "array", "items": {"$ref": "SpanScore"}}
                }
            },
            "Score": {
                "id": "Score", "type": "object",
                "properties": {
                    "value": {"type": "number", "format": "float"},
                    "type": {"type": "string"}
                }
            },
            "SpanScore": {
                "id": "SpanScore", "type": "object",
                "properties": {
                    "begin": {"type": "integer", "format": "int32"},
                    "end": {"type": "integer", "format": "int32"},
                    "score": {"$ref": "Score"}
                }
            }
        }
    })
}
