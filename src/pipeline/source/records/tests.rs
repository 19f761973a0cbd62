use std::borrow::Cow;

use proptest::prelude::*;

use super::{object, Cells, Fields};

/// How lines were read before the borrowed visitor: into a map, each
/// field looked up by name.
fn through_map(line: &str, f: &Fields) -> Result<Vec<Option<String>>, String> {
    let obj: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(line).map_err(|e| e.to_string())?;
    let cell = |name: &str| match obj.get(name)? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    };
    Ok([
        &f.id,
        &f.parent_id,
        &f.thread,
        &f.title,
        &f.author,
        &f.created,
        &f.text,
        &f.status,
        &f.author_id,
    ]
    .iter()
    .map(|n| cell(n))
    .collect())
}

fn through_visitor(line: &str, f: &Fields) -> Result<Vec<Option<String>>, String> {
    let mut c: Cells<'_> = object::read(line, f).map_err(|e| e.to_string())?;
    Ok(c.slots()
        .into_iter()
        .map(|s| s.take().map(Cow::into_owned))
        .collect())
}

#[test]
fn r16_jsonl_objects_read_as_through_a_map() {
    let f = Fields::parse("id=comment_id,text=body,title=thread").unwrap();
    for line in [
        r#"{"comment_id": 1, "thread": "ferry", "body": "x \"q\" \u00e9", "extra": {"a": [1, 2.5, null]}}"#,
        r#"{"comment_id": "c1", "comment_id": "c2", "body": null, "created": 1741015200.5}"#,
        r#"{"author": true, "status": [1, "a"], "created": -3, "parent_id": 18446744073709551615}"#,
        r#"{}"#,
        r#"5"#,
        r#""text""#,
        r#"[1]"#,
        r#"{"id": 1"#,
        r#"{"id": 1} x"#,
        r#"{"id": 01}"#,
        r#"{"body": "\ud83d\ude00 and \n"}"#,
    ] {
        assert_eq!(through_visitor(line, &f), through_map(line, &f), "{line}");
    }
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        (-1e12f64..1e12).prop_map(serde_json::Value::from),
        "[a-z \"\\\\\n\u{e9}\u{1f600}]{0,12}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(serde_json::Value::from),
            prop::collection::vec(("[a-c]", inner), 0..3)
                .prop_map(|kv| serde_json::Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    /// Objects with our names, other names, names given twice and values
    /// of every JSON kind read the same through the visitor as through a
    /// map.
    #[test]
    fn r16_jsonl_visitor_matches_the_map(
        pairs in prop::collection::vec((
            prop::sample::select(vec![
                "id", "parent_id", "thread", "title", "author", "created", "text", "status",
                "author_id", "body", "other", "id\\u0000", "te\\u0078t",
            ]),
            json_value(),
        ), 0..10),
        mapped in any::<bool>(),
    ) {
        let f = if mapped {
            Fields::parse("text=body,title=thread").unwrap()
        } else {
            Fields::default()
        };
        let body: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("\"{k}\": {v}"))
            .collect();
        let line = format!("{{{}}}", body.join(", "));
        prop_assert_eq!(through_visitor(&line, &f), through_map(&line, &f), "{}", line);
    }
}
