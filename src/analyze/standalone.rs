//! Scoring texts outside a thread: spreadsheet exports and labelled
//! corpora (`score`, `eval`, `explain`).
//!
//! Without a thread there are no participants or article; a text is read
//! as a reply to an unknown commenter, so "you idiot" is still aimed at a
//! commenter while a plural insult is aimed at a group.

use super::incivility::{evidence, target_hits, Scorer, TextScore};
use super::metrics::{average_precision, prf_at, roc_auc, Prf};
use super::target::{resolve, Context, Resolved, Target};

/// Scores and target of one standalone text.
#[derive(Debug, Clone, PartialEq)]
pub struct Standalone {
    /// Flags, score and flagged words.
    pub score: TextScore,
    /// At whom it is aimed.
    pub target: Resolved,
    /// The evidence cell.
    pub evidence: String,
}

/// Scores one text with no thread around it.
pub fn score_text(scorer: Scorer<'_>, text: &str) -> Standalone {
    let ctx = Context {
        surnames: scorer.lexicon.surnames(),
        ..Context::alone(None)
    };
    let score = scorer.score(text, &[], &ctx);
    let hits = target_hits(&score);
    let target = resolve(text, &hits, &ctx);
    let evidence = evidence(text, &score, |_| None, None);
    Standalone {
        score,
        target,
        evidence,
    }
}

/// Which number `eval` ranks texts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvalScore {
    /// The combined incivility score.
    Incivility,
    /// Incivility aimed at a person (for labels such as OLID's
    /// `target_individual`): the score, halved when the words are aimed at
    /// a group.  A standalone text is read as a reply, so words with no
    /// resolved target count as aimed at the person answered; on OLID
    /// train this beat counting only commenter targets (ROC AUC 0.761 vs
    /// 0.756, F1 0.480 vs 0.337; `cargo run --release --example train --
    /// --holdout`).
    Targeted,
    /// One category flag (0/1), e.g. `name_calling`.
    Flag(usize),
}

impl EvalScore {
    /// The number for one scored text.
    pub fn of(self, s: &Standalone) -> f64 {
        match self {
            EvalScore::Incivility => s.score.incivility,
            EvalScore::Targeted => {
                let aimed = s.target.target != Target::Group;
                s.score.incivility * if aimed { 1.0 } else { 0.5 }
            }
            EvalScore::Flag(i) => f64::from(u8::from(s.score.flags[i])),
        }
    }
}

/// Accuracy of a score against gold labels.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalReport {
    /// Labelled rows scored.
    pub rows: usize,
    /// Rows labelled 1.
    pub positives: usize,
    /// ROC AUC (`None` when one class is absent).
    pub roc_auc: Option<f64>,
    /// Average precision.
    pub average_precision: Option<f64>,
    /// Precision, recall and F1 at `threshold`.
    pub at_threshold: Prf,
    /// The decision threshold used.
    pub threshold: f64,
}

/// Evaluates `(score, label)` pairs at `threshold`.
pub fn evaluate(data: &[(f64, bool)], threshold: f64) -> EvalReport {
    EvalReport {
        rows: data.len(),
        positives: data.iter().filter(|d| d.1).count(),
        roc_auc: roc_auc(data),
        average_precision: average_precision(data),
        at_threshold: prf_at(data, threshold),
        threshold,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::matcher::Lexicon;
    use crate::analyze::model::Model;

    #[test]
    fn targeted_halves_words_aimed_at_a_group_only() {
        let lexicon = Lexicon::builtin();
        let scorer = Scorer {
            lexicon: &lexicon,
            model: Model::builtin(),
        };
        let at_person = score_text(scorer, "You are an idiot.");
        assert_eq!(at_person.target.target, Target::Commenter);
        let at_group = score_text(scorer, "Those fringe idiots again.");
        assert_eq!(at_group.target.target, Target::Group);
        for s in [&at_person, &at_group] {
            assert!(s.score.incivility > 0.5, "{s:?}");
        }
        let t = |s: &Standalone| EvalScore::Targeted.of(s);
        assert_eq!(t(&at_person), at_person.score.incivility);
        assert_eq!(t(&at_group), at_group.score.incivility * 0.5);
    }
}
