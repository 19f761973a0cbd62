//! `--alert RULE`: thresholds that make a run exit 3, so cron mails the
//! moderator.  A rule is `METRIC OP NUMBER` without spaces, e.g.
//! `uncivil_rate>0.3` or `harassment>0`.

use anyhow::bail;
use threadwatch::report::run::{AlertResult, RunCounts};

/// Metrics a rule may test, over the whole run.
pub const METRICS: [&str; 6] = [
    "uncivil_rate",
    "uncivil_comments",
    "harassment",
    "dogpiles",
    "taunts",
    "comments",
];

/// A parsed rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    rule: String,
    metric: &'static str,
    op: &'static str,
    threshold: f64,
}

/// Parses a rule, naming what was expected when it is malformed.
pub fn parse(rule: &str) -> anyhow::Result<Alert> {
    let compact: String = rule.chars().filter(|c| !c.is_whitespace()).collect();
    for op in [">=", "<=", "==", ">", "<"] {
        if let Some((metric, number)) = compact.split_once(op) {
            let Some(metric) = METRICS.iter().find(|m| **m == metric) else {
                bail!(
                    "--alert {rule:?}: expected a metric among {}, found {metric:?}",
                    METRICS.join(", ")
                )
            };
            let Ok(threshold) = number.parse::<f64>() else {
                bail!("--alert {rule:?}: expected a number after {op}, found {number:?}")
            };
            return Ok(Alert {
                rule: compact.clone(),
                metric,
                op,
                threshold,
            });
        }
    }
    bail!("--alert {rule:?}: expected METRIC OP NUMBER with OP one of > >= < <= ==, e.g. uncivil_rate>0.3")
}

impl Alert {
    /// Evaluates the rule on the run's counts.
    pub fn check(&self, c: &RunCounts) -> AlertResult {
        let value = match self.metric {
            "uncivil_rate" if c.comments > 0 => c.uncivil_comments as f64 / c.comments as f64,
            "uncivil_rate" => 0.0,
            "uncivil_comments" => c.uncivil_comments as f64,
            "harassment" => c.harassment as f64,
            "dogpiles" => c.dogpiles as f64,
            "taunts" => c.taunts as f64,
            _ => c.comments as f64,
        };
        let crossed = match self.op {
            ">" => value > self.threshold,
            ">=" => value >= self.threshold,
            "<" => value < self.threshold,
            "<=" => value <= self.threshold,
            _ => (value - self.threshold).abs() < 1e-12,
        };
        AlertResult {
            rule: self.rule.clone(),
            value: (value * 1000.0).round() / 1000.0,
            crossed,
        }
    }
}
