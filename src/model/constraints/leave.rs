//! leave (hard, plus the `leave_refused` term): leave taken forbids the
//! shifts it blocks (`day`: every shift dated that day; `am`: start before
//! `half_day_split`; `pm`: end after it — `Leave::blocks`).
//! - Approved leave is a filter: no `x` column exists for a blocked shift.
//! - A requested row is granted or refused as a whole by its binary
//!   `g[r]` (created by `Builder::create_grants`). On each of its horizon
//!   days where the agent could work, a granted request blocks like approved
//!   leave: when it blocks every kind she could work that day,
//!   `w[a, d] + g ≤ 1`; otherwise (a half day leaving the other half free)
//!   `z[a, d, s] + g ≤ 1` per blocked kind (`z ≤ w ≤ 1` always holds, so
//!   both rows are valid and as tight as per-`x` rows). Its credits enter the
//!   weekly hours balance through `Builder::week_balance`.
//! - Refusing r costs `domain::leave::refusal_cost(r)`: the objective gets
//!   `cost·(1 − g)` (the constant part in the objective offset), or the
//!   constant `cost` when r has no `g` (forced refused, or beyond its
//!   balance on its own).

use super::Family;
use crate::domain::leave::refusal_costs;
use crate::domain::{AgentIdx, Day, Instance, LeaveStatus, RuleFamily, SecretariatIdx, ShiftIdx};
use crate::model::{Builder, Lin, Term};

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::Leave,
    allows: Some(allows),
    conflicts: None,
    build: Some(build),
    describe,
    modelled: "filter: no x blocked by approved leave; per request a binary g: w + g ≤ 1 (or z + g ≤ 1 per blocked kind for a half day) on its days; cost refusal_cost·(1 − g)",
};

fn allows(b: &Builder, a: AgentIdx, d: Day, s: ShiftIdx, _: SecretariatIdx) -> bool {
    let shift = &b.inst.shifts[s];
    let split = b.inst.rules.half_day_split;
    !b.approved_leave[a][d]
        .iter()
        .any(|&l| b.inst.leaves[l].blocks(shift, split))
}

fn build(b: &mut Builder) {
    let split = b.inst.rules.half_day_split;
    let agents = b.agents.clone();
    for &a in &agents {
        for d in 0..b.days() {
            if !b.can_work(a, d) {
                continue;
            }
            let kinds = b.kinds(a, d);
            for (r, g) in b.grants_on(a, d) {
                let leave = &b.inst.leaves[r];
                let blocked: Vec<ShiftIdx> = kinds
                    .iter()
                    .copied()
                    .filter(|&s| leave.blocks(&b.inst.shifts[s], split))
                    .collect();
                if blocked.is_empty() {
                    continue;
                }
                if blocked.len() == kinds.len() {
                    let mut l = b.w(a, d);
                    l.add(g, 1.0);
                    b.le(RuleFamily::Leave, &l, 1.0);
                } else {
                    for s in blocked {
                        let mut l: Lin = b.z(a, d, s);
                        l.add(g, 1.0);
                        b.le(RuleFamily::Leave, &l, 1.0);
                    }
                }
            }
        }
    }
    if !b.scope.soft {
        return;
    }
    let costs = refusal_costs(b.inst);
    for (r, (l, &cost)) in b.inst.leaves.iter().zip(&costs).enumerate() {
        if l.status != LeaveStatus::Requested || b.agents.binary_search(&l.agent).is_err() {
            continue;
        }
        b.objective_constant(Term::LeaveRefused, cost);
        if let Some(g) = b.g(r) {
            b.objective_var(Term::LeaveRefused, g, -cost);
        }
    }
}

fn describe(inst: &Instance, a: AgentIdx) -> String {
    let mut days: Vec<Day> = Vec::new();
    for l in inst
        .leaves
        .iter()
        .filter(|l| l.agent == a && l.status == LeaveStatus::Approved)
    {
        days.extend(l.days_in(&inst.horizon));
    }
    days.sort_unstable();
    days.dedup();
    let span = match (days.first(), days.last()) {
        (Some(&f), Some(&l)) => format!(", {} to {}", inst.horizon.date(f), inst.horizon.date(l)),
        _ => String::new(),
    };
    format!(
        "approved leave on {} of {} days{}",
        days.len(),
        inst.horizon.days,
        span
    )
}

#[cfg(test)]
mod tests {
    use crate::domain::leave::refusal_cost;
    use crate::domain::{LeavePart, LeaveStatus};
    use crate::model::testutil::*;
    use crate::model::Term;
    use crate::solve::{solve_with, Decisions, SolveStatus};

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
    fn an_uncontested_request_is_granted() {
        // Mon–Sun; request Fri..Sun with nothing to cover: granted, nothing paid.
        let inst = base(7)
            .agent("ANA", "S1", &[])
            .leave("ANA", "CA", 4, 6, LeaveStatus::Requested, LeavePart::Day)
            .build();
        let out = solve_opt(&inst);
        assert_eq!(out.planning.as_ref().unwrap().granted, vec![0]);
        close(out.objective.unwrap(), 0.0);
    }

    /// ANA and BOB both ask for Wednesday off; one of them must cover the
    /// Wednesday morning need (uncovered costs 4000, a refusal about 200).
    fn competing() -> crate::domain::testkit::TinyInstance {
        base(5)
            .agent("ANA", "S1", &[])
            .agent("BOB", "S1", &[])
            .need("S1", 2, "08:00", "12:00", 1, 1, None)
            .leave("ANA", "CA", 2, 2, LeaveStatus::Requested, LeavePart::Day)
            .leave("BOB", "CA", 2, 2, LeaveStatus::Requested, LeavePart::Day)
    }

    /// [`competing`] with BOB's request at priority 2.
    fn bob_first() -> crate::domain::Instance {
        let mut inst = competing().build();
        inst.leaves[1].priority = 2.0;
        inst
    }

    #[test]
    fn of_two_competing_requests_the_higher_priority_is_granted() {
        let inst = bob_first(); // BOB's request has priority 2
        let out = solve_opt(&inst);
        assert_eq!(out.planning.as_ref().unwrap().granted, vec![1]);
        assert_eq!(worked(&inst, &out), vec!["ANA:2:M:S1"]);
        close(term(&out, Term::LeaveRefused), refusal_cost(&inst, 0));
        close(out.objective.unwrap(), refusal_cost(&inst, 0) + 4.0);
    }

    #[test]
    fn of_two_equal_requests_the_earlier_one_is_granted() {
        // BOB asked first (line order would favour ANA).
        let mut inst = competing().build();
        inst.leaves[0].requested_on = Some("2026-11-20".parse().unwrap());
        inst.leaves[1].requested_on = Some("2026-10-01".parse().unwrap());
        let out = solve_opt(&inst);
        assert_eq!(out.planning.as_ref().unwrap().granted, vec![1]);
        assert_eq!(worked(&inst, &out), vec!["ANA:2:M:S1"]);
        // Swap the dates: ANA wins.
        inst.leaves[0].requested_on = Some("2026-09-01".parse().unwrap());
        let out = solve_opt(&inst);
        assert_eq!(out.planning.as_ref().unwrap().granted, vec![0]);
        assert_eq!(worked(&inst, &out), vec!["BOB:2:M:S1"]);
    }

    #[test]
    fn a_granted_half_day_leaves_the_other_half_workable() {
        // ANA alone; Wednesday morning has a target (no min), the afternoon a
        // min; she asks for the morning off. Granted: she works A (4 h, cost
        // 4) and the morning is below target (4 h × 10 = 40): 44. Refused:
        // J or M + A (8 h: 8 + ½·4 = 10) plus the refusal (0.5 × 200 = 100).
        let inst = base(5)
            .agent("ANA", "S1", &[])
            .need("S1", 2, "08:00", "12:00", 0, 1, None)
            .need("S1", 2, "13:00", "17:00", 1, 1, None)
            .leave("ANA", "RTT", 2, 2, LeaveStatus::Requested, LeavePart::Am)
            .build();
        let out = solve_opt(&inst);
        assert_eq!(out.planning.as_ref().unwrap().granted, vec![0]);
        assert_eq!(worked(&inst, &out), vec!["ANA:2:A:S1"]);
        close(term(&out, Term::BelowTarget), 40.0);
        close(term(&out, Term::LeaveRefused), 0.0);
        close(out.objective.unwrap(), 44.0);
    }

    #[test]
    fn a_forced_grant_is_granted_and_blocks() {
        let inst = bob_first();
        let d = Decisions {
            force_granted: vec![0],
            force_refused: vec![1],
        };
        let out = solve_with(&inst, &opts(), &d, None).expect("runs");
        assert_eq!(out.status, SolveStatus::Optimal);
        assert_eq!(out.planning.as_ref().unwrap().granted, vec![0]);
        assert_eq!(worked(&inst, &out), vec!["BOB:2:M:S1"]);
        close(term(&out, Term::LeaveRefused), refusal_cost(&inst, 1));
        // Both forced granted: nobody covers Wednesday morning.
        let d = Decisions {
            force_granted: vec![0, 1],
            force_refused: vec![],
        };
        let out = solve_with(&inst, &opts(), &d, None).expect("runs");
        assert_eq!(out.planning.as_ref().unwrap().granted, vec![0, 1]);
        close(term(&out, Term::Uncovered), 4000.0);
    }

    #[test]
    fn bad_decisions_are_errors() {
        let inst = competing().build();
        let d = Decisions {
            force_granted: vec![0],
            force_refused: vec![0],
        };
        assert!(solve_with(&inst, &opts(), &d, None).is_err());
        let d = Decisions {
            force_granted: vec![7],
            force_refused: vec![],
        };
        assert!(solve_with(&inst, &opts(), &d, None).is_err());
    }
}
