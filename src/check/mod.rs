//! The independent evaluator: from an [`Instance`] and a [`Planning`] alone
//! (made by rota or written by hand), recompute every hard-rule violation
//! and every soft penalty of README "Model semantics", term by term.
//!
//! Architecture invariant: this module shares no code with the model and
//! knows nothing of the solver — it never names `crate::model`,
//! `crate::solve`, good_lp or HiGHS. It reads only the domain types and
//! the instance facts of `domain::hours` and `domain::calendar`. Each rule
//! is written here a second time, straightforwardly (minute by minute for
//! coverage), so that the solver's objective at optimality can be compared
//! with [`Evaluation::objective`] and every planning rota writes can be
//! checked before it is written.
//!
//! Code map: [`view`] groups a planning's shifts per agent and day;
//! [`hard`] holds one check per hard [`RuleFamily`]; [`coverage`],
//! [`hours`] and [`soft`] compute the soft terms; [`replan`] adds what a
//! replan needs (the previous planning): `replan_keep`, `replan_change`
//! and the history rule, in [`evaluate_replan`].
//!
//! Leave types are personal data: the `leave` and `leave_balance` messages
//! name them; [`redacted_message`] gives the same message with `ABS`
//! instead, for the outputs référents read.

pub mod coverage;
pub mod hard;
pub mod hours;
pub mod replan;
pub mod soft;
pub mod view;

pub use replan::{changed_days, evaluate_replan, ChangedDay};

use crate::domain::calendar::{format_hhmm, Day};
use crate::domain::{AgentIdx, Instance, LeaveIdx, Planning, RuleFamily};
use std::collections::BTreeMap;

/// The objective's term names, exactly the `[weights]` keys, in the order
/// of SPEC §3. Every [`Evaluation::terms`] map has all of them.
pub const TERM_NAMES: [&str; 10] = crate::domain::Weights::NAMES;

/// One broken hard rule, explained for a person.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// The rule family broken (its name comes from [`RuleFamily::name`]).
    pub family: RuleFamily,
    /// The agent concerned, when the rule is about one agent.
    pub agent: Option<AgentIdx>,
    /// The (first) day concerned, when the rule is about a day or a period.
    pub day: Option<Day>,
    /// Plain language: names the agent id, date, shift, secretariat and the numbers.
    pub message: String,
}

/// One requested leave row as the planning decides it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RequestOutcome {
    /// The `requested` row of `inst.leaves`.
    pub leave: LeaveIdx,
    /// Whether `planning.granted` holds it.
    pub granted: bool,
    /// What refusing it costs (`domain::leave::refusal_cost`), paid in
    /// `leave_refused` when it is not granted.
    pub refusal_cost: f64,
}

/// Everything [`evaluate`] finds about a planning.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Hard violations, sorted by family (registry order), agent, day, message.
    pub violations: Vec<Violation>,
    /// Every requested leave row, in request order
    /// (`domain::leave::requests_in_order`): granted or refused, and its
    /// refusal cost.
    pub requests: Vec<RequestOutcome>,
    /// Penalty paid per objective term, keyed by the `[weights]` names
    /// ([`TERM_NAMES`]); every key is present, 0 when nothing is paid.
    pub terms: BTreeMap<&'static str, f64>,
    /// Sum of the terms (added in [`TERM_NAMES`] order).
    pub objective: f64,
}

impl Evaluation {
    /// Whether no hard rule is broken.
    pub fn is_feasible(&self) -> bool {
        self.violations.is_empty()
    }

    /// The penalty of one term (0 for an unknown name).
    pub fn term(&self, name: &str) -> f64 {
        self.terms.get(name).copied().unwrap_or(0.0)
    }

    /// How many requests the planning grants and refuses.
    pub fn request_counts(&self) -> (usize, usize) {
        let granted = self.requests.iter().filter(|r| r.granted).count();
        (granted, self.requests.len() - granted)
    }

    /// The violations of one family.
    pub fn violations_of(&self, family: RuleFamily) -> impl Iterator<Item = &Violation> {
        self.violations.iter().filter(move |v| v.family == family)
    }
}

/// Recomputes every hard violation and every soft penalty of `planning`.
///
/// The planning need not be normalized; exact duplicate rows are kept (an
/// agent working the same shift twice at once breaks one_shift_at_a_time).
/// Assignments naming an agent, shift or secretariat that does not exist,
/// or a day outside the horizon, are reported (eligibility / opening) and
/// otherwise ignored.
pub fn evaluate(inst: &Instance, planning: &Planning) -> Evaluation {
    let view = view::View::new(inst, planning);
    let mut violations = hard_violations(&view);
    sort_violations(&mut violations);

    let mut terms: BTreeMap<&'static str, f64> = TERM_NAMES.iter().map(|&n| (n, 0.0)).collect();
    let cov = coverage::penalties(&view);
    terms.insert("uncovered", cov.uncovered);
    terms.insert("below_target", cov.below_target);
    terms.insert("above_max", cov.above_max);
    let balance = hours::penalties(&view);
    terms.insert("overtime", balance.overtime);
    terms.insert("under_hours", balance.under_hours);
    let requests = soft::request_outcomes(&view);
    terms.insert(
        "leave_refused",
        requests
            .iter()
            .filter(|r| !r.granted)
            .map(|r| r.refusal_cost)
            .sum(),
    );
    terms.insert("preference", soft::preference(&view));
    terms.insert("away_from_home", soft::away_from_home(&view));
    terms.insert("secretariat_change", soft::secretariat_change(&view));
    terms.insert("replan_change", 0.0);
    for v in terms.values_mut() {
        *v = positive_zero(*v);
    }

    let objective = positive_zero(
        TERM_NAMES
            .iter()
            .map(|n| terms.get(n).copied().unwrap_or(0.0))
            .sum(),
    );
    Evaluation {
        violations,
        requests,
        terms,
        objective,
    }
}

/// What stands for a leave type in redacted texts.
pub const REDACTED_LEAVE_TYPE: &str = "ABS";

/// The hard violations of `planning` (invalid rows included) that concern
/// `agent`: [`evaluate`]'s, without the soft terms.
pub fn hard_violations_of(inst: &Instance, planning: &Planning, agent: AgentIdx) -> Vec<Violation> {
    let view = view::View::new(inst, planning);
    let mut violations = hard_violations(&view);
    violations.retain(|v| v.agent == Some(agent));
    violations
}

/// The invalid rows of `view` and the violations of every hard family.
fn hard_violations(view: &view::View<'_>) -> Vec<Violation> {
    let mut violations = view.invalid.clone();
    violations.extend(hard::check_all(view));
    violations
}

/// The message of `v` without any leave type: the `leave` family's
/// `leave L2 (MALADIE, …` and the `leave_balance` family's `… day(s) of CA
/// but …` read `ABS` instead; other messages name no leave type and are
/// returned as they are.
pub fn redacted_message(inst: &Instance, v: &Violation) -> String {
    let mut message = v.message.clone();
    for l in inst.leaves.iter().filter(|l| Some(l.agent) == v.agent) {
        match v.family {
            RuleFamily::Leave => {
                let typed = format!("leave {} ({}, ", l.id, l.leave_type);
                message =
                    message.replace(&typed, &format!("leave {} ({REDACTED_LEAVE_TYPE}, ", l.id));
            }
            RuleFamily::LeaveBalance if message.starts_with(&format!("request {} ", l.id)) => {
                let typed = format!(" day(s) of {} but ", l.leave_type);
                message =
                    message.replace(&typed, &format!(" day(s) of {REDACTED_LEAVE_TYPE} but "));
            }
            _ => {}
        }
    }
    message
}

/// `-0.0` (an empty `f64` sum) as `0.0`, so that printing never shows `-0`.
fn positive_zero(x: f64) -> f64 {
    if x == 0.0 {
        0.0
    } else {
        x
    }
}

/// Deterministic order: family (registry order), agent, day, message.
pub fn sort_violations(violations: &mut [Violation]) {
    violations.sort_by(|a, b| {
        (a.family, a.agent, a.day, &a.message).cmp(&(b.family, b.agent, b.day, &b.message))
    });
}

/// `Mon 2026-12-07` for a horizon day (for messages).
pub(crate) fn fmt_day(inst: &Instance, day: Day) -> String {
    let date = inst.horizon.date(day);
    format!("{} {}", date.format("%a"), date.format("%Y-%m-%d"))
}

/// `8h30` for a number of minutes (for messages); negative values keep their sign.
pub(crate) fn fmt_minutes(minutes: i64) -> String {
    let sign = if minutes < 0 { "-" } else { "" };
    let m = minutes.abs();
    format!("{sign}{}h{:02}", m / 60, m % 60)
}

/// `08:00–12:30` for a window of minutes after midnight.
pub(crate) fn fmt_window(start: i64, end: i64) -> String {
    format!("{}–{}", format_hhmm(start), format_hhmm(end))
}

#[cfg(test)]
mod every_family_tests;

#[cfg(test)]
pub(crate) mod testutil {
    //! Helpers shared by the checker's tests.
    use crate::domain::{Assignment, Instance, Planning};

    /// A planning from `(agent, day, shift, secretariat)` ids.
    pub fn plan(inst: &Instance, rows: &[(&str, usize, &str, &str)]) -> Planning {
        let assignments = rows
            .iter()
            .map(|&(a, d, s, sec)| Assignment {
                agent: inst.agent_index(a).expect("test agent"),
                day: d,
                shift: inst.shift_index(s).expect("test shift"),
                secretariat: inst.secretariat_index(sec).expect("test secretariat"),
            })
            .collect();
        let mut p = Planning {
            assignments,
            granted: Vec::new(),
        };
        p.normalize(inst);
        p
    }

    /// Asserts `|a - b| < 1e-9`.
    pub fn assert_close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }
}

#[cfg(test)]
mod tests {
    use super::testutil::*;
    use super::*;
    use crate::domain::testkit::TinyInstance;

    #[test]
    fn every_term_is_present_and_zero_for_an_empty_planning() {
        let inst = TinyInstance::new(7)
            .shift("M", "08:00", "12:00", 0)
            .secretariat("S", "P")
            .build();
        let eval = evaluate(&inst, &Planning::default());
        assert_eq!(eval.terms.len(), TERM_NAMES.len());
        for name in TERM_NAMES {
            assert_eq!(
                eval.term(name).to_bits(),
                0.0f64.to_bits(),
                "{name} must be +0"
            );
        }
        assert!(eval.is_feasible());
        assert_eq!(eval.objective, 0.0);
    }

    #[test]
    fn objective_is_the_sum_of_the_terms() {
        // One agent, 5 days: works M (4 h) at home on Monday only; a need
        // 08:00-10:00 min 1 on Tuesday is uncovered (2 agent-hours).
        let inst = TinyInstance::new(5)
            .shift("M", "08:00", "12:00", 0)
            .secretariat("S", "P")
            .agent("A", "S", &[])
            .need("S", 1, "08:00", "10:00", 1, 1, None)
            .build();
        let p = plan(&inst, &[("A", 0, "M", "S")]);
        let eval = evaluate(&inst, &p);
        assert!(eval.is_feasible(), "{:?}", eval.violations);
        // uncovered: 1000/60 × 120 = 2000; under-hours: due 37h30 − 4h = 33h30 → 15 × 33.5 = 502.5.
        assert_close(eval.term("uncovered"), 2000.0);
        assert_close(eval.term("under_hours"), 502.5);
        assert_close(eval.objective, 2502.5);
    }

    #[test]
    fn invalid_rows_are_reported_not_panicked_on() {
        let inst = TinyInstance::new(2)
            .shift("M", "08:00", "12:00", 0)
            .secretariat("S", "P")
            .agent("A", "S", &[])
            .build();
        let p = Planning {
            assignments: vec![
                crate::domain::Assignment {
                    agent: 0,
                    day: 5,
                    shift: 0,
                    secretariat: 0,
                },
                crate::domain::Assignment {
                    agent: 7,
                    day: 0,
                    shift: 0,
                    secretariat: 0,
                },
                crate::domain::Assignment {
                    agent: 0,
                    day: 0,
                    shift: 3,
                    secretariat: 9,
                },
            ],
            granted: vec![42],
        };
        let eval = evaluate(&inst, &p);
        assert_eq!(eval.violations.len(), 3, "{:?}", eval.violations);
        assert_eq!(eval.violations_of(RuleFamily::Opening).count(), 1);
        assert_eq!(eval.violations_of(RuleFamily::Eligibility).count(), 2);
    }

    #[test]
    fn violations_are_sorted_and_evaluation_is_deterministic() {
        let inst = TinyInstance::new(7)
            .shift("M", "08:00", "12:00", 0)
            .secretariat("S", "P")
            .secretariat("T", "P")
            .agent("A", "S", &[])
            .agent("B", "S", &[])
            .build();
        let p = plan(
            &inst,
            &[("B", 5, "M", "T"), ("A", 6, "M", "T"), ("A", 0, "M", "T")],
        );
        let e1 = evaluate(&inst, &p);
        let mut reversed = p.clone();
        reversed.assignments.reverse();
        let e2 = evaluate(&inst, &reversed);
        assert_eq!(e1, e2);
        let keys: Vec<_> = e1
            .violations
            .iter()
            .map(|v| (v.family, v.agent, v.day))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
    }

    #[test]
    fn message_formats() {
        let inst = TinyInstance::new(1).build();
        assert_eq!(fmt_day(&inst, 0), "Mon 2026-12-07");
        assert_eq!(fmt_minutes(570), "9h30");
        assert_eq!(fmt_minutes(-5), "-0h05");
        assert_eq!(fmt_window(480, 1440 + 360), "08:00–06:00");
    }
}
