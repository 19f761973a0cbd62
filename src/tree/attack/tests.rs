use super::{attack_dot, Attack};

#[test]
fn names_are_escaped_and_pairs_become_edges() {
    let dot = attack_dot([
        Attack {
            from: "Ann \"the hammer\" Lee".to_owned(),
            to: "Bo\\Chen".to_owned(),
            uncivil: 4,
            harassment: true,
        },
        Attack {
            from: "Bo\\Chen".to_owned(),
            to: "Ann \"the hammer\" Lee".to_owned(),
            uncivil: 1,
            harassment: false,
        },
    ]);
    assert!(dot.starts_with("digraph {\n"), "{dot}");
    assert!(dot.contains(r#"label = "Ann \"the hammer\" Lee""#), "{dot}");
    assert!(dot.contains(r#"label = "Bo\\Chen""#), "{dot}");
    assert!(
        dot.contains(
            r##"0 -> 1 [ label = "4 uncivil (harassment)" penwidth=3.0 color="#c0392b"]"##
        ),
        "{dot}"
    );
    assert!(
        dot.contains(r#"1 -> 0 [ label = "1 uncivil" penwidth=1.0"#),
        "{dot}"
    );
    assert!(dot.ends_with("}\n"));
}
