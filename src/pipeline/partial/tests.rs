use super::*;

fn key(source: &str) -> ThreadKey {
    ThreadKey {
        source: source.into(),
        part: 2,
        index: 7,
    }
}

#[test]
fn keys_with_spaces_tabs_and_percents_round_trip() {
    let odd = "in dir/a\tb%20c\n.txt";
    let p = Partial::Thread(key(odd), ThreadStats::default());
    let mut line = Vec::new();
    p.write(&mut line).unwrap();
    let line = String::from_utf8(line).unwrap();
    assert_eq!(line.matches('\t').count(), 2, "{line}");
    assert_eq!(line.matches('\n').count(), 1, "{line}");
    assert!(line.starts_with("thread\tin%20dir/a%09b%2520c%0A.txt 2 7\t"));
    assert_eq!(Partial::read(&line, "x:1").unwrap(), Some(p));
    let pair = Partial::Pair(("ada marsh".into(), "ben".into()), PairPart::default());
    let mut line = Vec::new();
    pair.write(&mut line).unwrap();
    let line = String::from_utf8(line).unwrap();
    assert!(line.starts_with("pair\tada%20marsh ben\t"), "{line}");
    assert_eq!(Partial::read(&line, "x:1").unwrap(), Some(pair));
}

#[test]
fn bad_lines_say_where_and_what() {
    let e = Partial::read("user\tada\tnot base64!\n", "parts.txt:3").unwrap_err();
    assert!(
        e.to_string()
            .starts_with("parts.txt:3: expected a partial line"),
        "{e}"
    );
    assert!(e.to_string().contains("base64"), "{e}");
    let e = Partial::read("users\tada\tAA==\n", "p:1").unwrap_err();
    assert!(e.to_string().contains("unknown kind \"users\""), "{e}");
    let e = Partial::read("just one field\n", "p:9").unwrap_err();
    assert!(e.to_string().contains("fewer than three fields"), "{e}");
    let e = Partial::read("threadwatch-partials\t2\t\n", "p:1").unwrap_err();
    assert!(e.to_string().contains("version 2"), "{e}");
    assert_eq!(
        Partial::read("threadwatch-partials\t1\t\n", "p:1").unwrap(),
        None
    );
    assert_eq!(Partial::read("\n", "p:1").unwrap(), None);
}

fn settings(threshold: f64) -> MapSettings {
    MapSettings {
        lexicon_version: "l".into(),
        model_version: "m".into(),
        uncivil_threshold: threshold,
        dogpile_min: 3,
        source: "auto".into(),
        lexicon_dir: None,
        model: None,
        model_format: String::new(),
        model_sha256: String::new(),
    }
}

fn input(part: u64, threshold: f64) -> Partial {
    Partial::Input(
        "a.ndjson".into(),
        InputPart {
            settings: settings(threshold),
            parts: vec![FramePart {
                part,
                comments: 2,
                ..FramePart::default()
            }],
        },
    )
}

#[test]
fn input_parts_combine_in_any_order_and_twice_is_an_error() {
    let mut c = Combined::default();
    assert!(c.add(input(3, 0.5)).unwrap().is_none());
    assert!(c.add(input(1, 0.5)).unwrap().is_none());
    let parts: Vec<u64> = c.inputs["a.ndjson"].parts.iter().map(|p| p.part).collect();
    assert_eq!(parts, [1, 3]);
    let e = c.add(input(3, 0.5)).unwrap_err();
    assert!(
        e.to_string()
            .contains("part 3 of input a.ndjson is given twice"),
        "{e}"
    );
    let e = c.add(input(4, 0.6)).unwrap_err();
    assert!(e.to_string().contains("--uncivil-threshold"), "{e}");
}

#[test]
fn r19_piece_partials_round_trip_and_twice_is_an_error() {
    let info = PieceInfo {
        format: "csv".into(),
        delimiter: b';',
        first: key("a b.txt"),
        last: key("c.txt"),
        threads: 3,
        rows: 9,
        bytes: 1234,
    };
    let p = Partial::Piece("piece 00001".into(), info);
    let mut line = Vec::new();
    p.write(&mut line).unwrap();
    let line = String::from_utf8(line).unwrap();
    assert!(line.starts_with("piece\tpiece%2000001\t"), "{line}");
    assert_eq!(Partial::read(&line, "x:1").unwrap(), Some(p.clone()));
    let mut c = Combined::default();
    assert!(c.add(p.clone()).unwrap().is_none());
    let e = c.add(p).unwrap_err();
    assert!(
        e.to_string()
            .contains("comments piece piece 00001 is given twice"),
        "{e}"
    );
}
