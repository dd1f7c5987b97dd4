//! Leave decisions with true reasons. After the solve, every refused
//! request is *granted in thought*: the agent's shifts that the request
//! would block are removed from the planning, the request is marked granted,
//! and the independent checker re-evaluates that planning. The reason names
//! the concrete consequence this re-check shows — a broken balance, a broken
//! hard rule, the secretariat/date/window whose minimum need would go
//! uncovered, or the window left below its target — so a reason can always
//! be verified by re-checking (see `tests/leave_reasons.rs`).
//!
//! When the re-check shows the granted variant is *better* (a time-limited
//! solve can refuse a request it should have granted), the request is
//! granted and the planning updated: decisions only ever improve the checked
//! objective. Requests are taken in request order (`requested_on`), so the
//! result is deterministic.
//!
//! Solver-free: uses `check` and `report::coverage_rows` only.

use crate::check::{self, Evaluation};
use crate::domain::calendar::format_hhmm;
use crate::domain::leave::requests_in_order;
use crate::domain::{Assignment, Instance, LeaveIdx, Planning, RuleFamily};
use crate::report::coverage_rows;
use std::fmt;

/// Why a request was refused, as shown by re-checking the planning with it granted.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// Granted: no reason needed.
    Granted,
    /// Granting it would overdraw the agent's CA or RTT balance.
    Balance {
        /// The checker's message.
        message: String,
    },
    /// Granting it would break a hard rule in this planning.
    HardRule {
        /// Which rule.
        family: RuleFamily,
        /// The checker's message.
        message: String,
    },
    /// Granting it would leave a minimum need uncovered.
    Uncovered(Window),
    /// Granting it would leave a window below its target staffing.
    BelowTarget(Window),
    /// Granting it would raise another term of the objective more than the
    /// refusal costs (e.g. hours below the agent's due).
    Cost {
        /// The `[weights]` term that rises most.
        term: &'static str,
        /// By how much it rises.
        increase: f64,
        /// What refusing costs.
        refusal: f64,
    },
}

/// A secretariat window of a coverage row, with its staffing once the
/// request is granted.
#[derive(Debug, Clone, PartialEq)]
pub struct Window {
    /// Secretariat id.
    pub secretariat: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`.
    pub start: String,
    /// `HH:MM`.
    pub end: String,
    /// Agents left there.
    pub assigned: u32,
    /// Minimum (or target) of the window.
    pub required: u32,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Granted => write!(f, "granted"),
            Reason::Balance { message } => write!(f, "balance exceeded: {message}"),
            Reason::HardRule { family, message } => write!(f, "granting it would break {}: {message}", family.name()),
            Reason::Uncovered(w) => write!(
                f,
                "granting it would leave {} on {} {}–{} uncovered: {} agent(s) for a minimum of {}",
                w.secretariat, w.date, w.start, w.end, w.assigned, w.required
            ),
            Reason::BelowTarget(w) => write!(
                f,
                "granting it would leave {} on {} {}–{} below its target: {} agent(s) for a target of {}",
                w.secretariat, w.date, w.start, w.end, w.assigned, w.required
            ),
            Reason::Cost { term, increase, refusal } => write!(
                f,
                "granting it would raise {term} by {increase:.2}, more than the refusal costs ({refusal:.2})"
            ),
        }
    }
}

/// The decision on one request.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The leave row.
    pub leave: LeaveIdx,
    /// Why (or `Granted`).
    pub reason: Reason,
}

impl Decision {
    /// Whether the request is granted.
    pub fn granted(&self) -> bool {
        self.reason == Reason::Granted
    }
}

/// The planning with request `idx` granted: the agent's shifts it blocks are removed.
pub fn with_granted(inst: &Instance, planning: &Planning, idx: LeaveIdx) -> Planning {
    let leave = &inst.leaves[idx];
    let days = leave.days_in(&inst.horizon);
    let split = inst.rules.half_day_split;
    let blocked = |a: &Assignment| {
        a.agent == leave.agent
            && days.contains(&a.day)
            && leave.blocks(&inst.shifts[a.shift], split)
    };
    let mut p = Planning {
        assignments: planning
            .assignments
            .iter()
            .copied()
            .filter(|a| !blocked(a))
            .collect(),
        granted: planning.granted.clone(),
    };
    p.granted.push(idx);
    p.normalize(inst);
    p
}

/// Decides every request of `planning` (whose `granted` the solver chose):
/// returns the possibly improved planning and one decision per request, in
/// request order.
pub fn decide(inst: &Instance, planning: &Planning) -> (Planning, Vec<Decision>) {
    decide_with(inst, planning, &|p: &Planning| check::evaluate(inst, p))
}

/// [`decide`] with another evaluation of plannings, e.g. the replan
/// checker (`check::evaluate_replan`), so that a request is granted only
/// when the whole replan objective improves and no replan rule breaks.
pub fn decide_with(
    inst: &Instance,
    planning: &Planning,
    evaluate: &dyn Fn(&Planning) -> Evaluation,
) -> (Planning, Vec<Decision>) {
    let mut current = planning.clone();
    current.normalize(inst);
    let mut eval = evaluate(&current);
    for idx in requests_in_order(inst) {
        if current.granted.contains(&idx) {
            continue;
        }
        let candidate = with_granted(inst, &current, idx);
        let candidate_eval = evaluate(&candidate);
        if candidate_eval.violations.is_empty() && candidate_eval.objective < eval.objective - 1e-9
        {
            current = candidate;
            eval = candidate_eval;
        }
    }
    let decisions = requests_in_order(inst)
        .into_iter()
        .map(|idx| {
            let reason = if current.granted.contains(&idx) {
                Reason::Granted
            } else {
                refusal_reason(inst, &current, &eval, idx, evaluate)
            };
            Decision { leave: idx, reason }
        })
        .collect();
    (current, decisions)
}

/// The consequence of granting refused request `idx`, shown by re-checking.
pub fn refusal_reason(
    inst: &Instance,
    planning: &Planning,
    eval: &Evaluation,
    idx: LeaveIdx,
    evaluate: &dyn Fn(&Planning) -> Evaluation,
) -> Reason {
    let granted = with_granted(inst, planning, idx);
    let granted_eval = evaluate(&granted);
    let new_violations: Vec<_> = granted_eval
        .violations
        .iter()
        .filter(|v| !eval.violations.contains(v))
        .collect();
    if let Some(v) = new_violations
        .iter()
        .find(|v| v.family == RuleFamily::LeaveBalance)
    {
        return Reason::Balance {
            message: v.message.clone(),
        };
    }
    if let Some(v) = new_violations.first() {
        return Reason::HardRule {
            family: v.family,
            message: v.message.clone(),
        };
    }
    let before = coverage_rows(inst, planning);
    let after = coverage_rows(inst, &granted);
    if let Some(w) = worst_window(inst, &before, &after, |r| r.min) {
        return Reason::Uncovered(w);
    }
    if let Some(w) = worst_window(inst, &before, &after, |r| r.target) {
        return Reason::BelowTarget(w);
    }
    let (term, increase) = crate::domain::Weights::NAMES
        .iter()
        .filter(|&&t| t != "leave_refused")
        .map(|&t| (t, granted_eval.term(t) - eval.term(t)))
        .fold(("leave_refused", f64::NEG_INFINITY), |best, cur| {
            if cur.1 > best.1 {
                cur
            } else {
                best
            }
        });
    Reason::Cost {
        term,
        increase,
        refusal: eval.term("leave_refused") - granted_eval.term("leave_refused"),
    }
}

/// The window (after granting) with the largest missing agent-minutes below
/// `level` where staffing dropped, if any.
fn worst_window(
    inst: &Instance,
    before: &[crate::report::CoverageRow],
    after: &[crate::report::CoverageRow],
    level: impl Fn(&crate::report::CoverageRow) -> u32,
) -> Option<Window> {
    let staffing_before = |row: &crate::report::CoverageRow| -> u32 {
        // Highest staffing before granting over the row's window: above the
        // row's (constant) staffing after granting means the agent was there.
        before
            .iter()
            .filter(|b| {
                b.secretariat == row.secretariat
                    && b.day == row.day
                    && b.shift == row.shift
                    && b.start < row.end
                    && row.start < b.end
            })
            .map(|b| b.assigned)
            .max()
            .unwrap_or(0)
    };
    after
        .iter()
        .filter(|r| r.assigned < level(r) && staffing_before(r) > r.assigned)
        .max_by_key(|r| {
            let missing = (level(r) - r.assigned) as i64;
            let minutes = if r.shift.is_some() {
                60
            } else {
                r.end - r.start
            };
            // Largest missing agent-minutes; ties broken by the earliest window.
            (
                missing * minutes,
                std::cmp::Reverse((r.day, r.secretariat, r.start)),
            )
        })
        .map(|r| Window {
            secretariat: inst.secretariats[r.secretariat].id.clone(),
            date: inst.horizon.date(r.day).to_string(),
            start: format_hhmm(r.start),
            end: format_hhmm(r.end),
            assigned: r.assigned,
            required: level(r),
        })
}
