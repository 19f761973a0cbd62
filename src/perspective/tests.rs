use super::*;
use crate::analyze::matcher::Lexicon;
use crate::analyze::model::Model;

fn scorer(lexicon: &Lexicon) -> Scorer<'_> {
    Scorer {
        lexicon,
        model: Model::builtin(),
    }
}

fn json(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).unwrap()
}

#[test]
fn r28_coral_analyze_request_gets_a_toxicity_probability() {
    let lexicon = Lexicon::builtin();
    let body = br#"{"comment":{"text":"You are an idiot and a liar."},"doNotStore":true,"requestedAttributes":{"TOXICITY":{}},"languages":["en"]}"#;
    let v = json(&analyze(scorer(&lexicon), body).unwrap());
    let s = &v["attributeScores"]["TOXICITY"]["summaryScore"];
    assert_eq!(s["type"], "PROBABILITY");
    let rude = s["value"].as_f64().unwrap();
    let civil = br#"{"comment":{"text":"Thanks for the careful reporting on the budget."},"requestedAttributes":{"TOXICITY":{}}}"#;
    let c = json(&analyze(scorer(&lexicon), civil).unwrap());
    let polite = c["attributeScores"]["TOXICITY"]["summaryScore"]["value"]
        .as_f64()
        .unwrap();
    assert!(rude > polite && (0.0..=1.0).contains(&rude), "{v}");
    assert_eq!(v["languages"], serde_json::json!(["en"]));
    assert_eq!(v["threadwatch"]["target"], "commenter");
    assert!(v["threadwatch"]["evidence"]
        .as_str()
        .unwrap()
        .contains("idiot"));
    assert!(v["attributeScores"]["TOXICITY"].get("spanScores").is_none());
}

#[test]
fn r28_span_annotations_are_the_evidence_in_characters() {
    let lexicon = Lexicon::builtin();
    let body = "{\"comment\":{\"text\":\"Ça va, you idiot?\"},\"spanAnnotations\":true,\"requestedAttributes\":{\"INSULT\":{},\"PROFANITY\":{},\"TW_NAME_CALLING\":{}},\"clientToken\":\"t1\"}";
    let v = json(&analyze(scorer(&lexicon), body.as_bytes()).unwrap());
    let spans = v["attributeScores"]["INSULT"]["spanScores"]
        .as_array()
        .unwrap();
    assert_eq!(spans.len(), 1, "{v}");
    // "Ça va, you " is 11 characters (12 bytes).
    assert_eq!(
        (spans[0]["begin"].as_u64(), spans[0]["end"].as_u64()),
        (Some(11), Some(16))
    );
    assert_eq!(
        v["attributeScores"]["PROFANITY"]["spanScores"],
        serde_json::json!([])
    );
    let insult = v["attributeScores"]["INSULT"]["summaryScore"]["value"]
        .as_f64()
        .unwrap();
    let profanity = v["attributeScores"]["PROFANITY"]["summaryScore"]["value"]
        .as_f64()
        .unwrap();
    assert!(insult > profanity, "{v}");
    assert!(
        v["attributeScores"]["TW_NAME_CALLING"]["summaryScore"]["value"]
            .as_f64()
            .unwrap()
            > 0.0
    );
    assert_eq!(v["clientToken"], "t1");
}

#[test]
fn r28_bad_requests_are_invalid_argument() {
    let lexicon = Lexicon::builtin();
    let long = format!(
        "{{\"comment\":{{\"text\":\"{}\"}},\"requestedAttributes\":{{\"TOXICITY\":{{}}}}}}",
        "a".repeat(MAX_TEXT_BYTES + 1)
    );
    for (body, says) in [
        (&b"{\"comment\":"[..], "Invalid JSON payload"),
        (b"not json", "Invalid JSON payload"),
        (b"{\"comment\":{\"text\":5},\"requestedAttributes\":{\"TOXICITY\":{}}}", "Invalid JSON payload"),
        (b"{\"comment\":{\"text\":\"hi\"},\"requestedAttributes\":[\"TOXICITY\"]}", "Invalid JSON payload"),
        (b"{\"comment\":{\"text\":\"hi\"},\"requestedAttributes\":{\"SPAM\":{}}}", "Unknown attribute: SPAM"),
        (b"{\"comment\":{\"text\":\"hi\"},\"requestedAttributes\":{}}", "at least one attribute"),
        (b"{\"comment\":{\"text\":\"  \"},\"requestedAttributes\":{\"TOXICITY\":{}}}", "non-empty"),
        (b"{\"requestedAttributes\":{\"TOXICITY\":{}}}", "Comment must be specified"),
        (b"{\"comment\":{\"text\":\"hi\"},\"requestedAttributes\":{\"TOXICITY\":{}},\"languages\":[\"de\"]}", "does not support request languages: de"),
        (long.as_bytes(), "too many bytes"),
    ] {
        let e = analyze(scorer(&lexicon), body).unwrap_err();
        assert_eq!((e.code, e.status), (400, "INVALID_ARGUMENT"));
        assert!(e.message.contains(says), "{e}");
        let v = json(&e.body());
        assert_eq!(v["error"]["code"], 400);
        assert_eq!(v["error"]["status"], "INVALID_ARGUMENT");
    }
}

#[test]
fn r28_score_threshold_leaves_low_attributes_out() {
    let lexicon = Lexicon::builtin();
    let body = br#"{"comment":{"text":"A fine day for a walk."},"requestedAttributes":{"TOXICITY":{"scoreThreshold":0.99}}}"#;
    let v = json(&analyze(scorer(&lexicon), body).unwrap());
    assert_eq!(v["attributeScores"], serde_json::json!({}));
}

#[test]
fn r28_html_comments_are_read_as_text() {
    let lexicon = Lexicon::builtin();
    let body = br#"{"comment":{"text":"<p>You <b>idiot</b></p>","type":"HTML"},"requestedAttributes":{"INSULT":{}},"spanAnnotations":true}"#;
    let v = json(&analyze(scorer(&lexicon), body).unwrap());
    let span = &v["attributeScores"]["INSULT"]["spanScores"][0];
    assert_eq!(
        (span["begin"].as_u64(), span["end"].as_u64()),
        (Some(4), Some(9)),
        "{v}"
    );
}

#[test]
fn r28_coral_decisions_become_labelled_lines() {
    let body = br#"{"comment":{"text":"you idiot"},"context":{"entries":[{"text":"{\"Coral_comment_id\":\"c1\"}"}]},"attributeScores":{"DELETED":{"summaryScore":{"value":1}}},"languages":["en"],"communityId":"Coral:https://news.example","clientToken":"comment:c1"}"#;
    let (line, resp) = suggest(body).unwrap();
    assert!(line.ends_with(b"\n"));
    let v = json(&line);
    assert_eq!(v["label"], true);
    assert_eq!(v["clientToken"], "comment:c1");
    assert_eq!(v["communityId"], "Coral:https://news.example");
    assert_eq!(json(&resp)["clientToken"], "comment:c1");
    let approved = br#"{"comment":{"text":"fine"},"attributeScores":{"APPROVED":{"summaryScore":{"value":1}}}}"#;
    assert_eq!(json(&suggest(approved).unwrap().0)["label"], false);
    let toxic = br#"{"comment":{"text":"fine"},"attributeScores":{"TOXICITY":{"summaryScore":{"value":0.2}}}}"#;
    assert_eq!(json(&suggest(toxic).unwrap().0)["label"], false);
    let bad = br#"{"comment":{"text":"fine"},"attributeScores":{"TOXICITY":{"summaryScore":{"value":"high"}}}}"#;
    assert_eq!(suggest(bad).unwrap_err().code, 400);
    let out = br#"{"comment":{"text":"fine"},"attributeScores":{"TOXICITY":{"summaryScore":{"value":3}}}}"#;
    assert!(suggest(out).unwrap_err().message.contains("from 0 to 1"));
}

#[test]
fn r28_a_torn_last_decision_is_skipped_and_cut() {
    let (a, _) = suggest(br#"{"comment":{"text":"you idiot"},"attributeScores":{"DELETED":{"summaryScore":{"value":1}}}}"#).unwrap();
    let (b, _) = suggest(br#"{"comment":{"text":"nice"},"attributeScores":{"APPROVED":{"summaryScore":{"value":1}}}}"#).unwrap();
    let mut file = [a.clone(), b.clone()].concat();
    let whole = file.len();
    file.extend_from_slice(&a[..a.len() / 2]);
    let d = decision::read(&file).unwrap();
    assert_eq!(
        d.rows,
        vec![("you idiot".to_owned(), true), ("nice".to_owned(), false)]
    );
    assert_eq!(d.torn, a.len() / 2);
    assert_eq!(decision::torn_tail(&file), Some(whole));
    assert_eq!(decision::torn_tail(&file[..whole]), None);
    // A bad line that is not the last is an error naming it.
    let bad = [&a[..], b"{oops\n", &b[..]].concat();
    assert_eq!(decision::read(&bad).unwrap_err().line, 2);
}

#[test]
fn r28_every_attribute_name_parses_back() {
    for a in Attribute::all() {
        assert_eq!(Attribute::parse(&a.name()), Some(a));
    }
    assert_eq!(Attribute::parse("TW_name_calling"), None);
    assert_eq!(Attribute::parse("toxicity"), None);
}
