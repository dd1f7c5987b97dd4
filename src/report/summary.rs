//! `summary.json` (SPEC §4): run status and solver figures (from
//! [`RunSummary`], plain values — this module knows no solver), the
//! checker's objective and terms, counts (leave requests granted and
//! refused among them) and plain-language notes. Keys
//! come in a fixed order and floats are rounded to 6 decimals, so identical
//! inputs give identical bytes (`seconds` being the only timing field).

use super::changes::ReplanCounts;
use super::coverage::CoverageRow;
use crate::check::{Evaluation, TERM_NAMES};
use crate::domain::{Instance, LeaveStatus, Planning};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// What the solve contributes to the summary, as plain values.
#[derive(Debug, Clone, PartialEq)]
pub struct RunSummary {
    /// `optimal`, `feasible`, `time_limit`, `checked` …
    pub status: String,
    /// Best proven lower bound of the objective, when known.
    pub bound: Option<f64>,
    /// Relative MIP gap, when known.
    pub gap: Option<f64>,
    /// Wall-clock seconds of the run.
    pub seconds: f64,
    /// Columns of the integer program (0 when no model was built).
    pub variables: usize,
    /// Rows of the integer program (0 when no model was built).
    pub constraints: usize,
    /// Whether requested leave was decided by the run; when `false`, the
    /// requests not granted are reported as undecided rather than refused.
    pub leave_decided: bool,
    /// Further notes to print, after the summary's own.
    pub notes: Vec<String>,
}

impl Default for RunSummary {
    fn default() -> Self {
        RunSummary {
            status: "unknown".into(),
            bound: None,
            gap: None,
            seconds: 0.0,
            variables: 0,
            constraints: 0,
            leave_decided: false,
            notes: Vec::new(),
        }
    }
}

/// Rounds to 6 decimals (and turns -0 into 0), for stable bytes.
pub fn round6(x: f64) -> f64 {
    let r = (x * 1e6).round() / 1e6;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// The terms in [`TERM_NAMES`] order.
struct Terms<'a>(&'a Evaluation);

impl Serialize for Terms<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(TERM_NAMES.len()))?;
        for name in TERM_NAMES {
            map.serialize_entry(name, &round6(self.0.term(name)))?;
        }
        map.end()
    }
}

/// Counts of `summary.json`, in output order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Agents of the instance.
    pub agents: usize,
    /// Days of the horizon.
    pub days: usize,
    /// Worked shifts of the planning.
    pub assignments: usize,
    /// Need occurrences of the instance.
    pub needs: usize,
    /// Agent-minutes below `min` on window needs.
    pub uncovered_need_minutes: i64,
    /// Agents missing below `min` on shift-kind needs.
    pub uncovered_shift_agents: i64,
    /// Hard violations found by the checker.
    pub hard_violations: usize,
    /// Columns of the integer program.
    pub variables: usize,
    /// Rows of the integer program.
    pub constraints: usize,
    /// Requested leave rows.
    pub leave_requests: usize,
    /// Requests granted.
    pub leave_granted: usize,
    /// Requests refused (decided and not granted).
    pub leave_refused: usize,
    /// Requests not decided yet (not granted either).
    pub requested_leave_undecided: usize,
    /// Replan only (absent otherwise): changed agent-days, the rows of `changes.csv`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<usize>,
    /// Replan only (absent otherwise): changed agent-days on short-notice days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short_notice_changes: Option<usize>,
}

#[derive(Serialize)]
struct Summary<'a> {
    status: &'a str,
    objective: f64,
    bound: Option<f64>,
    gap: Option<f64>,
    seconds: f64,
    terms: Terms<'a>,
    counts: Counts,
    notes: Vec<String>,
}

/// The counts of `summary.json`.
pub fn counts(
    inst: &Instance,
    planning: &Planning,
    eval: &Evaluation,
    coverage: &[CoverageRow],
    run: &RunSummary,
) -> Counts {
    let requests: Vec<usize> = inst
        .leaves
        .iter()
        .enumerate()
        .filter(|(_, l)| l.status == LeaveStatus::Requested)
        .map(|(i, _)| i)
        .collect();
    let granted = requests
        .iter()
        .filter(|i| planning.granted.contains(i))
        .count();
    let not_granted = requests.len() - granted;
    Counts {
        agents: inst.agents.len(),
        days: inst.horizon.days,
        assignments: planning.assignments.len(),
        needs: inst.needs.len(),
        uncovered_need_minutes: coverage
            .iter()
            .filter(|r| r.shift.is_none())
            .map(|r| i64::from(r.shortfall()) * r.minutes())
            .sum(),
        uncovered_shift_agents: coverage
            .iter()
            .filter(|r| r.shift.is_some())
            .map(|r| i64::from(r.shortfall()))
            .sum(),
        hard_violations: eval.violations.len(),
        variables: run.variables,
        constraints: run.constraints,
        leave_requests: requests.len(),
        leave_granted: granted,
        leave_refused: if run.leave_decided { not_granted } else { 0 },
        requested_leave_undecided: if run.leave_decided { 0 } else { not_granted },
        changes: None,
        short_notice_changes: None,
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The notes of `summary.json`: what a reader should know first.
pub fn notes(counts: &Counts, run: &RunSummary) -> Vec<String> {
    let mut notes = Vec::new();
    if counts.hard_violations > 0 {
        notes.push(format!(
            "{} found by the checker: run `rota check` for the list",
            plural(
                counts.hard_violations,
                "hard rule violation",
                "hard rule violations"
            )
        ));
    }
    if counts.uncovered_need_minutes > 0 {
        notes.push(format!(
            "{} of minimum need not covered (see coverage.csv)",
            plural(
                counts.uncovered_need_minutes as usize,
                "agent-minute",
                "agent-minutes"
            )
        ));
    }
    if counts.uncovered_shift_agents > 0 {
        notes.push(format!(
            "{} missing on shift needs (see coverage.csv)",
            plural(counts.uncovered_shift_agents as usize, "agent", "agents")
        ));
    }
    if run.leave_decided && counts.leave_requests > 0 {
        let n = counts.leave_requests;
        let requests = if n == 1 {
            "leave request"
        } else {
            "leave requests"
        };
        notes.push(if counts.leave_refused > 0 {
            format!(
                "{} of {n} {requests} refused (see leave_decisions.csv)",
                counts.leave_refused
            )
        } else if n == 1 {
            "the leave request is granted (see leave_decisions.csv)".to_string()
        } else {
            format!("all {n} leave requests granted (see leave_decisions.csv)")
        });
    }
    if counts.requested_leave_undecided > 0 {
        let n = counts.requested_leave_undecided;
        notes.push(if n == 1 {
            "1 leave request is not decided yet: it is not granted".to_string()
        } else {
            format!("{n} leave requests are not decided yet: they are not granted")
        });
    }
    if let Some(n) = counts.changes {
        notes.push(if n == 0 {
            "no change to the previous planning".to_string()
        } else {
            format!(
                "{} changed from the previous planning, {} at short notice (see changes.csv)",
                plural(n, "agent-day", "agent-days"),
                counts.short_notice_changes.unwrap_or(0)
            )
        });
    }
    notes.extend(run.notes.iter().cloned());
    notes
}

/// The text of `summary.json` (pretty-printed, ending with a newline).
pub fn summary_json(
    inst: &Instance,
    planning: &Planning,
    eval: &Evaluation,
    coverage: &[CoverageRow],
    run: &RunSummary,
) -> String {
    summary_json_replan(inst, planning, eval, coverage, run, None)
}

/// [`summary_json`] of a replan: with `replan` given, `counts` ends with
/// `changes` and `short_notice_changes` and a note says how many
/// agent-days changed; with `None`, exactly [`summary_json`].
pub fn summary_json_replan(
    inst: &Instance,
    planning: &Planning,
    eval: &Evaluation,
    coverage: &[CoverageRow],
    run: &RunSummary,
    replan: Option<ReplanCounts>,
) -> String {
    let mut counts = counts(inst, planning, eval, coverage, run);
    if let Some(r) = replan {
        counts.changes = Some(r.changes);
        counts.short_notice_changes = Some(r.short_notice_changes);
    }
    let summary = Summary {
        status: &run.status,
        objective: round6(eval.objective),
        bound: run.bound.map(round6),
        gap: run.gap.map(round6),
        seconds: round6(run.seconds),
        terms: Terms(eval),
        notes: notes(&counts, run),
        counts,
    };
    // Serializing plain structs, strings and finite-or-null floats cannot fail.
    let mut text = serde_json::to_string_pretty(&summary)
        .unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()));
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::evaluate;
    use crate::report::coverage_rows;
    use crate::report::testutil::tiny;

    #[test]
    fn golden_tiny_summary() {
        // uncovered: CARDIO Mon 08–10 1 × 120 + 10–11 2 × 60 + 11–12 1 × 60
        // = 300 agent-minutes → 1000/60 × 300 = 5000.
        // leave_refused: bob's RTT Wed, 1 counted day → 200, + 0.01 tie-break
        // (the only request).
        // under_hours: ann 45 + bob 210 = 255 min → 15 × 4.25 = 63.75.
        // away_from_home: ann's S at NEURO → 2; secretariat_change: ann Mon → 3.
        // objective = 5268.76.
        let (inst, p) = tiny();
        let e = evaluate(&inst, &p);
        assert!(e.violations.is_empty(), "{:?}", e.violations);
        let run = RunSummary {
            status: "optimal".into(),
            bound: Some(5268.75),
            gap: Some(0.0),
            seconds: 1.234_567_89,
            variables: 120,
            constraints: 340,
            leave_decided: false,
            notes: vec!["from the solver".into()],
        };
        let text = summary_json(&inst, &p, &e, &coverage_rows(&inst, &p), &run);
        assert_eq!(
            text,
            r#"{
  "status": "optimal",
  "objective": 5268.76,
  "bound": 5268.75,
  "gap": 0.0,
  "seconds": 1.234568,
  "terms": {
    "uncovered": 5000.0,
    "below_target": 0.0,
    "above_max": 0.0,
    "leave_refused": 200.01,
    "overtime": 0.0,
    "under_hours": 63.75,
    "preference": 0.0,
    "away_from_home": 2.0,
    "secretariat_change": 3.0,
    "replan_change": 0.0
  },
  "counts": {
    "agents": 2,
    "days": 3,
    "assignments": 5,
    "needs": 3,
    "uncovered_need_minutes": 300,
    "uncovered_shift_agents": 0,
    "hard_violations": 0,
    "variables": 120,
    "constraints": 340,
    "leave_requests": 1,
    "leave_granted": 0,
    "leave_refused": 0,
    "requested_leave_undecided": 1
  },
  "notes": [
    "300 agent-minutes of minimum need not covered (see coverage.csv)",
    "1 leave request is not decided yet: it is not granted",
    "from the solver"
  ]
}
"#
        );
    }

    #[test]
    fn decided_leave_is_refused_not_undecided_and_floats_are_rounded() {
        let (inst, p) = tiny();
        let e = evaluate(&inst, &p);
        let run = RunSummary {
            leave_decided: true,
            ..RunSummary::default()
        };
        let c = counts(&inst, &p, &e, &coverage_rows(&inst, &p), &run);
        assert_eq!((c.leave_refused, c.requested_leave_undecided), (1, 0));
        let n = notes(&c, &run);
        assert!(n.iter().all(|n| !n.contains("not decided")));
        assert!(
            n.contains(&"1 of 1 leave request refused (see leave_decisions.csv)".to_string()),
            "{n:?}"
        );
        let mut granted = p.clone();
        granted.granted = vec![1];
        let c = counts(&inst, &granted, &e, &[], &run);
        assert_eq!((c.leave_granted, c.leave_refused), (1, 0));
        assert!(notes(&c, &run)
            .contains(&"the leave request is granted (see leave_decisions.csv)".to_string()));
        let two = Counts {
            leave_requests: 5,
            leave_refused: 2,
            ..c.clone()
        };
        assert!(notes(&two, &run)
            .contains(&"2 of 5 leave requests refused (see leave_decisions.csv)".to_string()));
        assert_eq!(round6(1.0 / 3.0), 0.333333);
        assert_eq!(round6(-1e-9).to_string(), "0");
        let text = summary_json(&inst, &p, &e, &[], &run);
        assert!(text.contains("\"bound\": null"), "{text}");
    }

    #[test]
    fn replan_counts_appear_only_for_a_replan() {
        let (inst, p) = tiny();
        let e = evaluate(&inst, &p);
        let run = RunSummary {
            leave_decided: true,
            ..RunSummary::default()
        };
        let plain = summary_json(&inst, &p, &e, &[], &run);
        assert!(!plain.contains("changes"), "{plain}");
        assert_eq!(plain, summary_json_replan(&inst, &p, &e, &[], &run, None));
        let counts = ReplanCounts {
            changes: 3,
            short_notice_changes: 1,
        };
        let text = summary_json_replan(&inst, &p, &e, &[], &run, Some(counts));
        assert!(
            text.contains("\"requested_leave_undecided\": 0,\n    \"changes\": 3,\n    \"short_notice_changes\": 1\n  },"),
            "{text}"
        );
        assert!(text.contains("3 agent-days changed from the previous planning, 1 at short notice (see changes.csv)"), "{text}");
        let none = summary_json_replan(&inst, &p, &e, &[], &run, Some(ReplanCounts::default()));
        assert!(
            none.contains("\"changes\": 0,") && none.contains("no change to the previous planning"),
            "{none}"
        );
    }
}
