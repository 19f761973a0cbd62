use super::{author_line, meta_item, meta_line, Item, Meta};
use crate::time::Timestamp;

fn at(s: &str) -> Option<String> {
    meta_line(s).and_then(|m| m.created).map(|t| t.to_string())
}

#[test]
fn absolute_times_in_the_common_english_forms_become_utc() {
    let cases = [
        ("March 3, 2025 at 9:14 am", "2025-03-03T09:14:00Z"),
        ("March 3, 2025 at 9:14 am EST", "2025-03-03T14:14:00Z"),
        ("Mar. 3rd 2025, 9:14 PM", "2025-03-03T21:14:00Z"),
        ("Tuesday, March 4, 2025 12:05 a.m.", "2025-03-04T00:05:00Z"),
        ("3 March 2025 at 21:14", "2025-03-03T21:14:00Z"),
        ("3rd of March, 2025", "2025-03-03T00:00:00Z"),
        ("2025-03-03T14:14:00Z", "2025-03-03T14:14:00Z"),
        ("2025-03-03 14:14", "2025-03-03T14:14:00Z"),
        ("2025-03-03 23:30 -05:00", "2025-03-04T04:30:00Z"),
        ("13/03/2025", "2025-03-13T00:00:00Z"),
        ("03/13/2025 9 pm", "2025-03-13T21:00:00Z"),
        ("03.04.2025", "2025-04-03T00:00:00Z"),
        ("9:14 AM · Mar 3, 2025", "2025-03-03T09:14:00Z"),
        ("Sept 30, 2024 · Reply", "2024-09-30T00:00:00Z"),
    ];
    for (text, want) in cases {
        assert_eq!(at(text).as_deref(), Some(want), "{text}");
    }
}

#[test]
fn relative_times_are_recognised_but_never_made_absolute() {
    for text in [
        "2 hours ago",
        "an hour ago",
        "a day ago",
        "5 mins ago",
        "2h",
        "3d ago",
        "just now",
        "Yesterday at 9:14 pm",
        "edited 3 days ago",
        "March 3",
        "last week",
    ] {
        let m = meta_line(text).unwrap_or_else(|| panic!("{text}: not metadata"));
        assert!(m.timed, "{text}");
        assert_eq!(m.created, None, "{text}");
    }
}

#[test]
fn day_and_month_that_could_swap_are_ambiguous() {
    let m = meta_line("03/04/2025").unwrap();
    assert!(m.ambiguous_date);
    assert_eq!(m.created, None);
    assert_eq!(
        meta_item("02/02/2025").map(|i| matches!(i, Item::Date { .. })),
        Some(true)
    );
}

#[test]
fn impossible_dates_are_not_metadata() {
    assert_eq!(meta_line("February 30, 2025"), None);
    assert_eq!(meta_line("2025-13-01"), None);
    assert_eq!(meta_line("25:00"), None);
}

#[test]
fn votes_badges_and_buttons_are_metadata_without_a_time() {
    for text in [
        "12 likes",
        "1 Like",
        "Like (3)",
        "Likes: 1,204",
        "▲ 12 ▼",
        "👍 3",
        "+5",
        "2 replies",
        "Reply",
        "Reply · Share · Report",
        "Like | Reply",
        "View 3 replies",
        "(edited)",
        "Moderator",
        "[Top Commenter]",
        "Reply · 12 likes · 2 hours ago",
    ] {
        assert!(meta_line(text).is_some(), "{text}");
    }
    assert_eq!(meta_line("Reply").unwrap(), Meta::default());
}

#[test]
fn ordinary_text_is_not_metadata() {
    for text in [
        "I like it",
        "Show more respect",
        "Great point.",
        "2 of them",
        "The council met March 3, 2025 to vote",
        "12",
        "Ada Marsh",
        "Reply to Ben: no",
        "more",
        "reply",
        "share this",
    ] {
        assert_eq!(meta_line(text), None, "{text}");
    }
}

#[test]
fn author_lines_keep_metadata_out_of_the_name() {
    let a = author_line("Ada Marsh · March 3, 2025 at 9:14 am");
    assert_eq!(a.name, "Ada Marsh");
    assert_eq!(
        a.meta.and_then(|m| m.created),
        Timestamp::from_civil(2025, 3, 3, 9, 14, 0)
    );
    assert_eq!(author_line("Ada Marsh (edited)").name, "Ada Marsh");
    assert_eq!(
        author_line("Ada Marsh (Moderator) [edited]").name,
        "Ada Marsh"
    );
    assert_eq!(author_line("Ada Marsh • 2 hours ago").name, "Ada Marsh");
    let plain = author_line("Ada Marsh");
    assert_eq!((plain.name, plain.meta), ("Ada Marsh", None));
    // Separators with nothing understood after them belong to the name.
    let both = author_line("Ada · Ben");
    assert_eq!((both.name, both.meta), ("Ada · Ben", None));
    // Brackets that are not a badge stay.
    assert_eq!(author_line("John (UK)").name, "John (UK)");
    // Some parts understood, some not: out of the name, reported.
    let odd = author_line("Ada · 2 hours ago · Gold Member");
    assert_eq!(odd.name, "Ada");
    assert_eq!(odd.not_understood, vec!["Gold Member"]);
    // A line that is only a badge is not a name with metadata.
    assert_eq!(author_line("(edited)").meta, None);
}

#[test]
fn r27_a_time_without_a_zone_is_marked_local() {
    let local = |s: &str| meta_line(s).map(|m| (m.created.is_some(), m.local));
    assert_eq!(local("March 3, 2025 at 9:14 am"), Some((true, true)));
    assert_eq!(local("9:14 AM · Mar 3, 2025"), Some((true, true)));
    assert_eq!(local("March 3, 2025 at 9:14 am EST"), Some((true, false)));
    assert_eq!(local("2025-03-05T08:00:00Z"), Some((true, false)));
    assert_eq!(local("2025-03-05T08:00:00+02:00"), Some((true, false)));
    // A day only is not a wall-clock time.
    assert_eq!(local("March 3, 2025"), Some((true, false)));
    assert_eq!(local("2 hours ago"), Some((false, false)));
}
