//! leave (hard filter, plus the `leave_refused` term): approved leave
//! forbids the shifts it blocks (`day`: every shift dated that day; `am`:
//! start before `half_day_split`; `pm`: end after it) — no `x` column exists
//! for them. Requested leave is not granted yet (leave decisions arrive with
//! issue 3), so its refusal is a constant of the objective:
//! `leave_refused × priority × counted days in the horizon` per request.
//! When decisions arrive, a binary `g[request]` replaces the constant by
//! `(1 − g)·penalty`, the filter becomes `x ≤ 1 − g` for the blocked
//! combinations, and the credited minutes of `Builder::week_balance` gain
//! the `g` terms; [`refusal_penalty`] stays the single place of the price.

use super::Family;
use crate::domain::hours;
use crate::domain::{AgentIdx, Day, Instance, LeaveIdx, LeaveStatus, RuleFamily, SecretariatIdx, ShiftIdx};
use crate::model::{Builder, Term};

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::Leave,
    allows: Some(allows),
    conflicts: None,
    build: Some(build),
    describe,
    modelled: "filter: no x blocked by approved leave; requested leave is refused for now: constant leave_refused × priority × counted days",
};

fn allows(b: &Builder, a: AgentIdx, d: Day, s: ShiftIdx, _: SecretariatIdx) -> bool {
    let shift = &b.inst.shifts[s];
    let split = b.inst.rules.half_day_split;
    !b.approved_leave[a][d].iter().any(|&l| b.inst.leaves[l].blocks(shift, split))
}

/// Penalty paid when request `idx` is refused.
pub(crate) fn refusal_penalty(inst: &Instance, idx: LeaveIdx) -> f64 {
    inst.weights.leave_refused * inst.leaves[idx].priority * hours::counted_days_in_horizon(inst, idx)
}

fn build(b: &mut Builder) {
    if !b.scope.soft {
        return;
    }
    for (i, l) in b.inst.leaves.iter().enumerate() {
        if l.status == LeaveStatus::Requested && b.agents.binary_search(&l.agent).is_ok() {
            let pen = refusal_penalty(b.inst, i);
            b.objective_constant(Term::LeaveRefused, pen);
        }
    }
}

fn describe(inst: &Instance, a: AgentIdx) -> String {
    let mut days: Vec<Day> = Vec::new();
    for l in inst.leaves.iter().filter(|l| l.agent == a && l.status == LeaveStatus::Approved) {
        days.extend(l.days_in(&inst.horizon));
    }
    days.sort_unstable();
    days.dedup();
    let span = match (days.first(), days.last()) {
        (Some(&f), Some(&l)) => format!(", {} to {}", inst.horizon.date(f), inst.horizon.date(l)),
        _ => String::new(),
    };
    format!("approved leave on {} of {} days{}", days.len(), inst.horizon.days, span)
}

#[cfg(test)]
mod tests {
    use crate::domain::{LeavePart, LeaveStatus};
    use crate::model::testutil::*;
    use crate::model::Term;

    #[test]
    fn approved_leave_blocks_its_days_and_half_days() {
        let inst = base(2)
            .agent("ANA", "S1", &[])
            .leave("ANA", "CA", 0, 0, LeaveStatus::Approved, LeavePart::Day)
            .leave("ANA", "RTT", 1, 1, LeaveStatus::Approved, LeavePart::Am)
            .need("S1", 0, "08:00", "12:00", 1, 1, None)
            .need("S1", 1, "08:00", "12:00", 1, 1, None)
            .need("S1", 1, "13:00", "17:00", 1, 1, None)
            .build();
        let out = solve_opt(&inst);
        assert_eq!(worked(&inst, &out), vec!["ANA:1:A:S1"]);
        close(term(&out, Term::Uncovered), 8000.0);
        close(term(&out, Term::LeaveRefused), 0.0);
    }

    #[test]
    fn requested_leave_does_not_block_and_its_refusal_is_paid() {
        // Mon–Sun; request Fri..Sun, priority 1: counted days = 1 (Friday) → 200.
        let inst = base(7)
            .agent("ANA", "S1", &[])
            .leave("ANA", "CA", 4, 6, LeaveStatus::Requested, LeavePart::Day)
            .need("S1", 4, "08:00", "12:00", 1, 1, None)
            .build();
        let out = solve_opt(&inst);
        assert_eq!(worked(&inst, &out), vec!["ANA:4:M:S1"]);
        close(term(&out, Term::LeaveRefused), 200.0);
        close(out.objective.unwrap(), 200.0 + 4.0);
    }
}
