use super::Participants;

fn names(p: &Participants, text: &str, me: Option<&str>) -> Vec<String> {
    p.mentioned(text, me)
        .into_iter()
        .map(|(r, a)| format!("{}={a}", &text[r]))
        .collect()
}

fn seed_participants() -> Participants {
    Participants::new([
        "Brooklyn_Reader",
        "Fred Alexander",
        "TioDon",
        "Donald Blair Godier",
        "Linda Sonna",
        "Blair york",
        "gypsyken",
        "richardgrabman",
        "Pesobill",
        "Hailey Mannering",
    ])
}

#[test]
fn initials_first_names_and_handles() {
    let p = seed_participants();
    assert_eq!(
        names(&p, "Sorry, BR, that ship has sailed.", None),
        ["BR=Brooklyn_Reader"]
    );
    assert_eq!(
        names(&p, "Not 1 deportation there Linda and", None),
        ["Linda=Linda Sonna"]
    );
    assert_eq!(names(&p, "as GypsyKen said", None), ["GypsyKen=gypsyken"]);
    assert_eq!(
        names(&p, "ask Linda Sonna", None),
        ["Linda Sonna=Linda Sonna"]
    );
}

#[test]
fn other_people_and_acronyms_are_not_participants() {
    let p = seed_participants();
    assert!(names(&p, "President Donald Trump and the US", None).is_empty());
    assert!(names(&p, "the br of it, fred", None).is_empty());
    // One's own name is not a mention of someone else.
    assert!(names(&p, "TioDon here", Some("TioDon")).is_empty());
}

#[test]
fn shared_first_names_are_dropped() {
    let p = Participants::new(["Ann Lee", "Ann Kay"]);
    assert!(names(&p, "Ann, you are wrong", None).is_empty());
    assert_eq!(names(&p, "AL, you are wrong", None), ["AL=Ann Lee"]);
}
