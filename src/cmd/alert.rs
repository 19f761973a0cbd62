//! `--alert RULE`: thresholds that make a run exit 3, so cron mails the
//! moderator.  A rule is `[SCOPE.]METRIC OP NUMBER`, e.g.
//! `uncivil_rate>0.3` or `harassment>0` over the whole run, or
//! `thread.uncivil_rate>0.5` and `user.harassment>0`, which hold when any
//! one thread or user crosses the line (issue 18: one hot thread is lost
//! in a run-wide rate).  Every alert names who tripped it, since a mail
//! saying "harassment>0 (value 2)" sends the moderator searching.

use anyhow::bail;
use threadwatch::analyze::people::{ratio, People};
use threadwatch::report::run::{AlertResult, InputRecord, RunCounts};

/// Metrics a run-wide rule may test.
pub const METRICS: [&str; 8] = [
    "uncivil_rate",
    "uncivil_comments",
    "harassment",
    "dogpiles",
    "taunts",
    "comments",
    "failed_inputs",
    "empty_inputs",
];

/// Metrics of `thread.` rules: columns of threads.csv.
pub const THREAD_METRICS: [&str; 6] = [
    "comments",
    "participants",
    "uncivil_comments",
    "uncivil_rate",
    "dogpiles",
    "max_depth",
];

/// Metrics of `user.` rules: columns of users.csv.
pub const USER_METRICS: [&str; 9] = [
    "comments",
    "threads",
    "uncivil_comments",
    "uncivil_rate",
    "name_calling",
    "attacks_on_commenters",
    "harassment",
    "repeated_taunts",
    "risk",
];

/// Names of who tripped a rule kept in run.json and printed: the worst
/// first.  A run over a big forum may have thousands.
pub const MAX_NAMED: usize = 20;

/// What a rule is measured over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Run,
    Thread,
    User,
}

/// A parsed rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    rule: String,
    scope: Scope,
    metric: &'static str,
    op: &'static str,
    threshold: f64,
}

/// Parses a rule, naming what was expected when it is malformed.
pub fn parse(rule: &str) -> anyhow::Result<Alert> {
    let compact: String = rule.chars().filter(|c| !c.is_whitespace()).collect();
    for op in [">=", "<=", "==", ">", "<"] {
        let Some((name, number)) = compact.split_once(op) else {
            continue;
        };
        let (scope, metric, known): (_, _, &[&'static str]) =
            match name.split_once('.') {
                Some(("thread", m)) => (Scope::Thread, m, &THREAD_METRICS),
                Some(("user", m)) => (Scope::User, m, &USER_METRICS),
                Some((other, _)) => bail!(
                    "--alert {rule:?}: expected no scope or a scope among thread., user., found {other:?}"
                ),
                None => (Scope::Run, name, &METRICS),
            };
        let Some(metric) = known.iter().find(|m| **m == metric) else {
            let prefix = match scope {
                Scope::Run => "",
                Scope::Thread => "thread.",
                Scope::User => "user.",
            };
            bail!(
                "--alert {rule:?}: expected a metric among {}, found {metric:?}",
                known
                    .iter()
                    .map(|m| format!("{prefix}{m}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let Ok(threshold) = number.parse::<f64>() else {
            bail!("--alert {rule:?}: expected a number after {op}, found {number:?}")
        };
        return Ok(Alert {
            rule: compact.clone(),
            scope,
            metric,
            op,
            threshold,
        });
    }
    bail!(
        "--alert {rule:?}: expected [thread.|user.]METRIC OP NUMBER with OP one of > >= < <= ==, \
         e.g. uncivil_rate>0.3 or thread.uncivil_rate>0.5"
    )
}

/// Evaluates every rule on the run: its counts, its people figures and
/// its inputs (in input order).
pub fn check_all(
    alerts: &[Alert],
    counts: &RunCounts,
    people: &People,
    inputs: &[InputRecord],
) -> Vec<AlertResult> {
    alerts
        .iter()
        .map(|a| a.check(counts, people, inputs))
        .collect()
}

impl Alert {
    /// Evaluates the rule.  A thread or user rule holds when any thread or
    /// user crosses; its value is the most extreme one (the highest for
    /// `>`, `>=` and `==`, the lowest for `<` and `<=`), and it names those
    /// that crossed, worst first.
    pub fn check(&self, c: &RunCounts, people: &People, inputs: &[InputRecord]) -> AlertResult {
        let subjects: Vec<(String, f64)> = match self.scope {
            Scope::Run => {
                let value = self.run_value(c);
                let crossed = self.holds(value);
                let named = if crossed {
                    self.run_culprits(people, inputs)
                } else {
                    Vec::new()
                };
                return result(&self.rule, value, crossed, named);
            }
            Scope::Thread => people
                .threads
                .iter()
                .map(|t| {
                    let v = match self.metric {
                        "comments" => t.comments as f64,
                        "participants" => t.participants as f64,
                        "uncivil_comments" => t.uncivil_comments as f64,
                        "uncivil_rate" => ratio(t.uncivil_comments, t.comments),
                        "dogpiles" => t.dogpiles as f64,
                        _ => f64::from(t.max_depth),
                    };
                    (t.source.clone(), round3(v))
                })
                .collect(),
            Scope::User => people
                .users
                .values()
                .map(|u| {
                    let v = match self.metric {
                        "comments" => u.comments as f64,
                        "threads" => u.threads as f64,
                        "uncivil_comments" => u.uncivil_comments as f64,
                        "uncivil_rate" => ratio(u.uncivil_comments, u.comments),
                        "name_calling" => u.name_calling as f64,
                        "attacks_on_commenters" => u.attacks_on_commenters as f64,
                        "harassment" => u.harassment as f64,
                        "repeated_taunts" => u.taunts.len() as f64,
                        _ => u.risk(),
                    };
                    (u.author.clone(), round3(v))
                })
                .collect(),
        };
        let low = matches!(self.op, "<" | "<=");
        let worst = |a: &f64, b: &f64| if low { a.total_cmp(b) } else { b.total_cmp(a) };
        let value = subjects
            .iter()
            .map(|(_, v)| *v)
            .min_by(worst)
            .unwrap_or(0.0);
        let mut tripped: Vec<&(String, f64)> =
            subjects.iter().filter(|(_, v)| self.holds(*v)).collect();
        // Worst first, then by name, so the list is the same every run.
        tripped.sort_by(|a, b| worst(&a.1, &b.1).then_with(|| a.0.cmp(&b.0)));
        let named = tripped
            .iter()
            .map(|(name, v)| format!("{name} ({v})"))
            .collect();
        result(&self.rule, value, !tripped.is_empty(), named)
    }

    fn run_value(&self, c: &RunCounts) -> f64 {
        match self.metric {
            "uncivil_rate" if c.comments > 0 => c.uncivil_comments as f64 / c.comments as f64,
            "uncivil_rate" => 0.0,
            "uncivil_comments" => c.uncivil_comments as f64,
            "harassment" => c.harassment as f64,
            "dogpiles" => c.dogpiles as f64,
            "taunts" => c.taunts as f64,
            "failed_inputs" => c.failed as f64,
            "empty_inputs" => c.empty_inputs as f64,
            _ => c.comments as f64,
        }
    }

    /// Who makes a run-wide figure what it is: harassing pairs, threads
    /// with dogpiles, authors of taunts, the authors of uncivil comments,
    /// failed or empty inputs.
    fn run_culprits(&self, people: &People, inputs: &[InputRecord]) -> Vec<String> {
        let mut counted: Vec<(String, usize)> = match self.metric {
            "harassment" => people
                .pairs
                .iter()
                .filter(|(_, p)| p.aimed_uncivil >= people.rules.harassment_min)
                .map(|((from, to), p)| (format!("{from} -> {to}"), p.aimed_uncivil))
                .collect(),
            "dogpiles" => people
                .threads
                .iter()
                .filter(|t| t.dogpiles > 0)
                .map(|t| (t.source.clone(), t.dogpiles))
                .collect(),
            "taunts" => people
                .users
                .values()
                .filter(|u| !u.taunts.is_empty())
                .map(|u| (u.author.clone(), u.taunts.len()))
                .collect(),
            "uncivil_rate" | "uncivil_comments" => people
                .users
                .values()
                .filter(|u| u.uncivil_comments > 0)
                .map(|u| (u.author.clone(), u.uncivil_comments))
                .collect(),
            "failed_inputs" => {
                return inputs
                    .iter()
                    .filter(|i| i.error.is_some())
                    .map(|i| i.path.clone())
                    .collect()
            }
            "empty_inputs" => {
                return inputs
                    .iter()
                    .filter(|i| i.empty && i.error.is_none())
                    .map(|i| i.path.clone())
                    .collect()
            }
            _ => Vec::new(),
        };
        counted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        counted
            .into_iter()
            .map(|(name, n)| format!("{name} ({n})"))
            .collect()
    }

    fn holds(&self, value: f64) -> bool {
        match self.op {
            ">" => value > self.threshold,
            ">=" => value >= self.threshold,
            "<" => value < self.threshold,
            "<=" => value <= self.threshold,
            _ => (value - self.threshold).abs() < 1e-12,
        }
    }
}

fn result(rule: &str, value: f64, crossed: bool, named: Vec<String>) -> AlertResult {
    AlertResult {
        rule: rule.to_owned(),
        value: round3(value),
        crossed,
        tripped_total: named.len(),
        tripped: named.into_iter().take(MAX_NAMED).collect(),
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
