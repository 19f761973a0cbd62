//! Other languages (issue 25): a comment in a language without word lists
//! is reported "not scored", never silently civil; the starter lists of
//! `data/lexicons/lang/` make it scored.

use std::path::{Path, PathBuf};

use crate::support::{root, tw, Table};

const INPUT: &str = "id,thread,title,parent_id,author,created,text
c1,t,T,,ana,2025-03-03T14:14:00Z,\"Cállate, imbécil.\"
c2,t,T,c1,luis,2025-03-03T14:15:00Z,\"Creo que el gobierno debería invertir más dinero en las escuelas públicas de la ciudad este año.\"
c3,t,T,c1,bob,2025-03-03T14:16:00Z,\"You are an idiot and everyone on this page knows it by now.\"
c4,t,T,c1,eva,2025-03-03T14:17:00Z,\"Eres un imbécil y nadie quiere leer tus comentarios en este periódico.\"
";

fn analyze(dir: &Path, args: &[&str]) -> Table {
    let input = dir.join("in.csv");
    std::fs::write(&input, INPUT).unwrap();
    let out = dir.join("out");
    let run = tw()
        .arg("analyze")
        .arg(&input)
        .args(args)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    Table::read(&out.join("comments.csv"))
}

/// A `--lexicon-dir` in `dir` with the starter lists of `langs`.
fn install(dir: &Path, langs: &[&str]) -> PathBuf {
    let lists = dir.join("lists");
    for lang in langs {
        std::fs::create_dir_all(lists.join(lang)).unwrap();
        for f in ["name_calling.txt", "threat.txt", "vulgarity.txt"] {
            let from = root().join("data/lexicons/lang").join(lang).join(f);
            std::fs::copy(&from, lists.join(lang).join(f)).unwrap();
        }
    }
    lists
}

#[test]
fn r25_other_language_is_not_scored_without_its_lists() {
    let dir = tempfile::tempdir().unwrap();
    let t = analyze(dir.path(), &[]);
    assert_eq!(t.headers.iter().next_back(), Some("language"));
    // Long Spanish: language es, no verdict, the reason in the evidence.
    for row in [1, 3] {
        assert_eq!(t.get(row, "language"), "es");
        assert_eq!(t.get(row, "uncivil"), "");
        assert_eq!(t.get(row, "incivility"), "");
        assert_eq!(t.get(row, "evidence"), "not scored: language es");
    }
    // English is scored and says so.
    assert_eq!(t.get(2, "language"), "en");
    assert_eq!(t.get(2, "uncivil"), "1");
    // Too short to tell: scored as English (and civil to the English lists).
    assert_eq!(t.get(0, "language"), "");
    assert_eq!(t.get(0, "uncivil"), "0");
}

#[test]
fn r25_spanish_starter_list_flags_callate_imbecil() {
    let dir = tempfile::tempdir().unwrap();
    let lists = install(dir.path(), &["es"]);
    let t = analyze(dir.path(), &["--lexicon-dir", lists.to_str().unwrap()]);
    assert_eq!(t.get(0, "uncivil"), "1", "{}", t.get(0, "evidence"));
    assert!(t.get(0, "evidence").contains("imbécil"));
    assert_eq!(t.get(3, "uncivil"), "1");
    assert_eq!(t.get(3, "language"), "es");
    // Civil Spanish is scored and civil now.
    assert_eq!(t.get(1, "uncivil"), "0");
}

#[test]
fn r25_starter_lists_of_every_language_load_and_flag() {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["explain".to_owned(), "--color".into(), "never".into()];
    args.push("--lexicon-dir".into());
    args.push(
        install(dir.path(), &["es", "fr", "de", "pt"])
            .display()
            .to_string(),
    );
    for text in [
        "Cállate, imbécil.",
        "Je vais te tuer, connard.",
        "Halt die Klappe, du Vollidiot.",
        "Cala a boca, seu otário.",
    ] {
        let out = tw()
            .args(&args)
            .arg(text)
            .current_dir(dir.path())
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            stdout.contains("uncivil at >= 0.5: yes"),
            "{text}: {stdout}"
        );
    }
}
