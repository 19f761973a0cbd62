use super::Zone;
use crate::time::Timestamp;

fn local(y: i64, mo: u32, d: u32, h: u32, mi: u32) -> Timestamp {
    Timestamp::from_civil(y, mo, d, h, mi, 0).unwrap()
}

#[test]
fn r27_local_times_move_by_the_zone_offset_of_their_date() {
    let paris = Zone::named("Europe/Paris").unwrap();
    // Winter: UTC+1; summer: UTC+2.
    assert_eq!(
        paris
            .instant(local(2025, 1, 15, 9, 14))
            .unwrap()
            .to_string(),
        "2025-01-15T08:14:00Z"
    );
    assert_eq!(
        paris
            .instant(local(2025, 7, 15, 9, 14))
            .unwrap()
            .to_string(),
        "2025-07-15T07:14:00Z"
    );
    let ny = Zone::named("America/New_York").unwrap();
    assert_eq!(
        ny.instant(local(2025, 3, 3, 23, 30)).unwrap().to_string(),
        "2025-03-04T04:30:00Z"
    );
    let utc = Zone::named("UTC").unwrap();
    let t = local(2025, 3, 3, 9, 14);
    assert_eq!(utc.instant(t), Some(t));
}

#[test]
fn r27_dst_gap_reads_forward_and_overlap_reads_the_first() {
    let paris = Zone::named("Europe/Paris").unwrap();
    // 2025-03-30 02:30 never happened in Paris: read with the offset
    // before the gap (+1), which is 03:30 of the new offset.
    assert_eq!(
        paris
            .instant(local(2025, 3, 30, 2, 30))
            .unwrap()
            .to_string(),
        "2025-03-30T01:30:00Z"
    );
    // 2025-10-26 02:30 happened twice: the first (+2).
    assert_eq!(
        paris
            .instant(local(2025, 10, 26, 2, 30))
            .unwrap()
            .to_string(),
        "2025-10-26T00:30:00Z"
    );
}

#[test]
fn r27_unknown_zone_names_are_errors() {
    for bad in ["", "Mars/Olympus", "+02:00", "EST5EDT,M3.2.0,M11.1.0"] {
        let e = Zone::named(bad).unwrap_err().to_string();
        assert!(e.contains("unknown time zone"), "{bad}: {e}");
    }
}
