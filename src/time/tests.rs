use super::{days_in_month, Timestamp};

#[test]
fn civil_times_print_as_iso_utc() {
    let t = Timestamp::from_civil(2025, 3, 3, 14, 14, 0).unwrap();
    assert_eq!(t.to_string(), "2025-03-03T14:14:00Z");
    assert_eq!(
        Timestamp::from_civil(1970, 1, 1, 0, 0, 0),
        Some(Timestamp(0))
    );
    assert_eq!(Timestamp(1_700_000_000).to_string(), "2023-11-14T22:13:20Z");
    assert_eq!(Timestamp(-1).to_string(), "1969-12-31T23:59:59Z");
}

#[test]
fn every_day_of_four_centuries_round_trips() {
    // 1900 is not a leap year, 2000 is: both rules are crossed.
    for year in 1899..=2101 {
        for month in 1..=12 {
            for day in 1..=days_in_month(year, month) {
                let t = Timestamp::from_civil(year, month, day, 23, 59, 59).unwrap();
                assert_eq!(t.civil(), (year, month, day, 23, 59, 59));
            }
        }
    }
}

#[test]
fn impossible_dates_are_refused() {
    assert_eq!(Timestamp::from_civil(2025, 2, 29, 0, 0, 0), None);
    assert!(Timestamp::from_civil(2024, 2, 29, 0, 0, 0).is_some());
    assert_eq!(Timestamp::from_civil(2025, 13, 1, 0, 0, 0), None);
    assert_eq!(Timestamp::from_civil(2025, 4, 31, 0, 0, 0), None);
    assert_eq!(Timestamp::from_civil(2025, 1, 1, 24, 0, 0), None);
    assert_eq!(Timestamp::from_unix(i64::MAX), None);
    let t = Timestamp::from_civil(9999, 12, 31, 23, 0, 0).unwrap();
    assert_eq!(t.offset(7200), None);
    assert_eq!(t.offset(-3600).unwrap().to_string(), "9999-12-31T22:00:00Z");
}
