use proptest::prelude::*;

use super::{export_time, fixed};
use crate::parse::meta;

fn grammar(s: &str) -> Option<crate::time::Timestamp> {
    meta::meta_line(s.trim()).and_then(|m| m.created)
}

#[test]
fn the_fixed_forms() {
    assert_eq!(
        export_time("2025-03-03 14:14:00").map(|t| t.to_string()),
        Some("2025-03-03T14:14:00Z".to_owned())
    );
    for s in [
        "2025-03-03T14:14:00Z",
        "2025-03-03T14:14:00",
        "2025-03-03T14:14Z",
        "2025-03-03 14:14",
        "2024-02-29",
    ] {
        assert!(fixed(s.as_bytes()).is_some(), "{s}");
        assert_eq!(export_time(s), grammar(s), "{s}");
    }
}

#[test]
fn other_forms_go_to_the_grammar() {
    for s in [
        "0000-00-00 00:00:00",
        "2025-02-29 10:00:00",
        "2025-03-03T24:00:00Z",
        "2025-03-03T14:14:60Z",
        "2025-03-03T14:14:00.000Z",
        "2025-03-03T14:14:00+02:00",
        "2025-3-3 14:14",
        "March 3, 2025 at 9:14 am",
        "2025-03-03T14:14:00z",
        "",
    ] {
        assert_eq!(fixed(s.as_bytes()), None, "{s}");
        assert_eq!(export_time(s), grammar(s), "{s}");
    }
    assert!(export_time("2025-03-03T14:14:00+02:00").is_some());
    assert!(export_time("March 3, 2025 at 9:14 am").is_some());
}

proptest! {
    /// The direct reading is the grammar's on strings shaped like the
    /// fixed forms, fields in and out of range, with the separators and
    /// endings varied.
    #[test]
    fn fixed_forms_read_as_the_grammar_reads_them(
        y in 0u32..10_000, mo in 0u32..14, d in 0u32..33,
        h in 0u32..26, mi in 0u32..62, s in 0u32..62,
        sep in prop::sample::select(vec!["T", " ", "  ", "t", ", ", ""]),
        form in 0usize..5,
        end in prop::sample::select(vec!["", "Z", " ", "z", " UTC", ".5", "Z "]),
        lead in prop::sample::select(vec!["", " ", "\t"]),
    ) {
        let text = match form {
            0 => format!("{lead}{y:04}-{mo:02}-{d:02}{end}"),
            1 => format!("{lead}{y:04}-{mo:02}-{d:02}{sep}{h:02}:{mi:02}{end}"),
            2 => format!("{lead}{y:04}-{mo:02}-{d:02}{sep}{h:02}:{mi:02}:{s:02}{end}"),
            3 => format!("{lead}{y}-{mo}-{d}{sep}{h}:{mi}:{s}{end}"),
            _ => format!("{lead}{y:04}-{mo:02}-{d:02}{sep}{h:02}{end}"),
        };
        prop_assert_eq!(export_time(&text), grammar(&text), "{:?}", text);
    }
}
