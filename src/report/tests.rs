use super::excerpt;

#[test]
fn excerpt_joins_lines_and_cuts_at_chars() {
    assert_eq!(excerpt("a  b\n\nc", 160), "a b c");
    assert_eq!(excerpt("héllo wörld", 7), "héllo w");
    assert_eq!(excerpt("abc def", 3), "abc");
    assert_eq!(excerpt("abc def", 4), "abc");
    assert_eq!(excerpt("abc def", 5), "abc d");
    assert_eq!(excerpt("", 10), "");
}

mod csv_cells {
    use crate::report::csv::{header_of, neutralize, write_rows, CsvOptions};
    use serde::Serialize;

    #[derive(Serialize, Default)]
    struct Row {
        name: String,
        n: u32,
        score: f64,
        flag: bool,
        maybe: Option<String>,
    }

    fn write(rows: &[Row], opts: CsvOptions) -> String {
        let header = header_of(&Row::default());
        let mut out = Vec::new();
        write_rows(&mut out, rows, &header, opts).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn formula_starts_are_neutralised() {
        for s in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralize(s), format!("'{s}"));
        }
        assert_eq!(neutralize("plain = text"), "plain = text");
        assert_eq!(neutralize(""), "");
    }

    #[test]
    fn header_names_and_scalars() {
        let rows = [Row {
            name: "=HYPERLINK(\"x\")".into(),
            n: 3,
            score: 0.5,
            flag: true,
            maybe: None,
        }];
        assert_eq!(
            write(&rows, CsvOptions::default()),
            "name,n,score,flag,maybe\n\"'=HYPERLINK(\"\"x\"\")\",3,0.5,1,\n"
        );
    }

    #[test]
    fn newlines_stay_inside_a_quoted_cell() {
        let rows = [Row {
            name: "line one\nline two".into(),
            ..Row::default()
        }];
        let out = write(&rows, CsvOptions::default());
        assert!(out.contains("\"line one\nline two\""), "{out}");
    }

    #[test]
    fn bom_and_delimiter() {
        let opts = CsvOptions {
            format: crate::report::csv::Format::Csv,
            delimiter: b';',
            bom: true,
        };
        let out = write(&[], opts);
        assert_eq!(out, "\u{feff}name;n;score;flag;maybe\n");
    }
}
