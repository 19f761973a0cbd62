//! The functional suite of issue 14 (`tests/functional/`): per competency,
//! a report of every case that failed, then a floor on its accuracy.

#[path = "../functional/suite.rs"]
mod suite;

use threadwatch::analyze::incivility::{Scorer, FLAG_COLUMNS};
use threadwatch::analyze::matcher::Lexicon;
use threadwatch::analyze::model::Model;
use threadwatch::analyze::standalone::score_text;

use crate::support::{root, tw, Table};

/// Each competency must pass at least this share of its cases (issue 14).
const FLOOR: f64 = 0.90;

#[test]
fn r14_functional_suite() {
    let lexicon = Lexicon::builtin();
    let scorer = Scorer {
        lexicon: &lexicon,
        model: Model::builtin(),
    };
    let outcomes = suite::run(&root().join("tests/functional"), scorer);
    let mut low = Vec::new();
    for o in &outcomes {
        eprintln!(
            "{:<12} {:>3}/{:<3} {:.3} ({} civil)",
            o.competency,
            o.passed,
            o.cases,
            o.accuracy(),
            o.civil
        );
        for f in &o.failures {
            eprintln!("  {f}");
        }
        assert!(o.cases >= 25, "{}: {} cases", o.competency, o.cases);
        assert!(
            o.civil >= 5 && o.cases - o.civil >= 5,
            "{}: contrasts",
            o.competency
        );
        if o.accuracy() < FLOOR {
            low.push(format!("{} {:.3}", o.competency, o.accuracy()));
        }
    }
    assert!(low.is_empty(), "below the floor {FLOOR}: {low:?}");
}

/// The table at the top of issue 14: each text as a moderator expects it.
#[test]
fn r14_moderator_table() {
    let lexicon = Lexicon::builtin();
    let scorer = Scorer {
        lexicon: &lexicon,
        model: Model::builtin(),
    };
    let read = |text: &str| {
        let s = score_text(scorer, text);
        let flags: Vec<&str> = FLAG_COLUMNS
            .iter()
            .zip(s.score.flags)
            .filter_map(|(c, f)| f.then_some(*c))
            .collect();
        (s.score.uncivil, flags, s.target.target.as_str(), s.evidence)
    };
    // (text, uncivil, a flag that must be set or "", target)
    let table = [
        (
            "I hope you get what's coming to you.",
            true,
            "threat",
            "commenter",
        ),
        ("Dick Cheney visited Scunthorpe.", false, "", ""),
        (
            "He called me an idiot at the last board meeting and I reported it.",
            false,
            "",
            "",
        ),
        (
            "The senator is a liar and a crook.",
            true,
            "lying_accusation",
            "public_figure",
        ),
        ("I'm so stupid, I forgot my keys again lol", false, "", ""),
        ("Kill the bill, it's a terrible idea.", false, "", ""),
        (
            "Wow, what a genius. Must be nice to have so much free time.",
            true,
            "mockery",
            "commenter",
        ),
        (
            "=HYPERLINK(\"http://example.com\",\"click\")",
            false,
            "",
            "",
        ),
    ];
    for (text, uncivil, flag, target) in table {
        let (u, flags, t, evidence) = read(text);
        let got = format!("uncivil={u} flags={flags:?} target={t:?} evidence={evidence:?}");
        assert_eq!(u, uncivil, "{text}: {got}");
        assert!(flag.is_empty() || flags.contains(&flag), "{text}: {got}");
        assert_eq!(t, target, "{text}: {got}");
        if !uncivil {
            assert!(flags.is_empty(), "{text}: {got}");
        }
    }
    let (_, flags, _, evidence) = read("He called me an idiot at the meeting.");
    assert!(
        flags.is_empty() && evidence.contains("reported: idiot"),
        "{evidence}"
    );
    let (_, flags, _, evidence) = read("=HYPERLINK(\"http://example.com\",\"click\")");
    assert!(!flags.contains(&"shouting"), "{evidence}");
}

/// `> You are an idiot` quoted in a reply is the quoted commenter's line,
/// not the replier's name-calling (issue 14).
#[test]
fn r14_quoted_line_in_a_thread_is_not_the_repliers() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.txt");
    std::fs::write(
        &page,
        "Bridge Repairs Approved\n\nThe council voted.\n\n  • Ada\n\n    You are an idiot.\n\n    \
         • Ben\n\n      > You are an idiot\n      That is no way to talk to anyone.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    tw().arg("analyze")
        .arg(&page)
        .arg("--out")
        .arg(&out)
        .arg("--quiet")
        .assert()
        .success();
    let t = Table::read(&out.join("comments.csv"));
    assert_eq!(t.get(0, "name_calling"), "1");
    assert_eq!(t.get(1, "author"), "Ben");
    assert_eq!(t.get(1, "uncivil"), "0", "{:?}", t.rows[1]);
    assert_eq!(t.get(1, "name_calling"), "0", "{:?}", t.rows[1]);
    assert!(t.get(1, "evidence").contains("quoted"), "{:?}", t.rows[1]);
}

#[path = "../functional/generated.rs"]
mod generated;

/// Dev cases per competency that `make test` scores (`make eval` scores
/// hundreds of dev and held-out cases).
const DEV_SAMPLE: usize = 40;

/// The held-out fillers and frames (issue 25) are the ones the seed picks:
/// `tests/functional/heldout.txt` is current (`UPDATE_HELDOUT=1` rewrites
/// it).
#[test]
fn r25_held_out_listing_is_current() {
    let path = root().join("tests/functional/heldout.txt");
    let want = generated::held_out_listing();
    if std::env::var_os("UPDATE_HELDOUT").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{} is stale: run with UPDATE_HELDOUT=1",
        path.display()
    );
    // About 30% of every list, and never a whole list.
    for slot in generated::SLOTS {
        let out = generated::held_out(slot.name, slot.fillers);
        let n = out.iter().filter(|&&h| h).count();
        assert!(n < slot.fillers.len(), "{}", slot.name);
    }
}

/// The generator is deterministic and keeps its parts apart: a dev case
/// uses no held-out filler of a one-form slot list.
#[test]
fn r25_generated_cases_are_deterministic() {
    for c in generated::COMPETENCIES {
        let a = generated::cases(c, false, 20);
        let b = generated::cases(c, false, 20);
        assert_eq!(a.len(), 20, "{}", c.name);
        assert!(a.iter().zip(&b).all(|(x, y)| x.text == y.text));
        let h = generated::cases(c, true, 20);
        assert_eq!(h.len(), 20, "{}", c.name);
        assert!(h.iter().all(|x| x.held_out) && !a.iter().any(|x| x.held_out));
    }
    let names = generated::SLOTS.iter().find(|s| s.name == "name").unwrap();
    let out = generated::held_out(names.name, names.fillers);
    let veiled = &generated::COMPETENCIES[3];
    for case in generated::cases(veiled, false, 60) {
        for (n, _) in names.fillers.iter().zip(&out).filter(|(_, &o)| o) {
            assert!(!case.text.contains(n), "{}", case.text);
        }
    }
}

/// A bounded sample of each generated competency's dev part (issue 25):
/// a report of the failures, then a floor.
#[test]
fn r25_generated_dev_sample() {
    let lexicon = Lexicon::builtin();
    let scorer = Scorer {
        lexicon: &lexicon,
        model: Model::builtin(),
    };
    let mut low = Vec::new();
    for c in generated::COMPETENCIES {
        // More cases to read the dev part's failures while writing rules.
        let n = std::env::var("DEV_SAMPLE")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEV_SAMPLE);
        let p = generated::run_part(c, scorer, false, n);
        eprintln!(
            "{:<40} {:>3}/{:<3} {:.3}",
            c.name,
            p.passed,
            p.cases,
            p.accuracy()
        );
        for f in &p.failures {
            eprintln!("  {f}");
        }
        if p.accuracy() < GENERATED_FLOOR {
            low.push(format!("{} {:.3}", c.name, p.accuracy()));
        }
    }
    assert!(low.is_empty(), "below the floor {GENERATED_FLOOR}: {low:?}");
}

/// Each generated competency's dev sample must pass this share.
const GENERATED_FLOOR: f64 = 0.70;

/// The threats issue 25's new-user trial missed, and what must stay civil.
#[test]
fn r25_new_user_trial_threats() {
    let lexicon = Lexicon::builtin();
    let scorer = Scorer {
        lexicon: &lexicon,
        model: Model::builtin(),
    };
    let threat = FLAG_COLUMNS.iter().position(|c| *c == "threat").unwrap();
    for text in [
        "Keep talking, I know which street you live on. You won't be so smug then.",
        "Someone should teach her a lesson she won't forget.",
        "I'd watch my back if I were you, Derek.",
        "I'm going to hurt the next Sikh I see.",
        "The world would be better off without Mormons.",
    ] {
        let s = score_text(scorer, text);
        assert!(
            s.score.uncivil && s.score.flags[threat],
            "{text}: {}",
            s.evidence
        );
    }
    for text in [
        "I know where you're coming from, and I agree.",
        "I know which street you mean, the one by the school.",
        "Saying refugees are vermin is disgusting.",
        "As a queer woman myself, I loved this film.",
        "The Dutch built a dyke along the river.",
    ] {
        let s = score_text(scorer, text);
        assert!(!s.score.uncivil, "{text}: {}", s.evidence);
    }
}
