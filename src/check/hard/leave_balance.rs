//! Balances: the CA and RTT requests granted to an agent, served in order of
//! `requested_on`, fit in her remaining `ca_days_left` / `rtt_days_left`.
//! Each granted request that takes the running total beyond the balance is
//! one violation, dated on its first day inside the horizon (if any).

use crate::check::view::View;
use crate::check::Violation;
use crate::domain::leave::{counted_days_total, requests_in_order, Balance};
use crate::domain::RuleFamily;
use std::collections::BTreeMap;

/// One violation per granted request that overdraws its balance.
pub fn leave_balance(view: &View<'_>) -> Vec<Violation> {
    let inst = view.inst;
    let mut used: BTreeMap<(usize, Balance), f64> = BTreeMap::new();
    let mut out = Vec::new();
    for idx in requests_in_order(inst) {
        if !view.planning.granted.contains(&idx) {
            continue;
        }
        let leave = &inst.leaves[idx];
        let Some(balance) = Balance::of_type(&leave.leave_type) else {
            continue;
        };
        let Some(left) = balance.days_left(inst, idx) else {
            continue;
        };
        let days = counted_days_total(inst, idx);
        let before = used.entry((leave.agent, balance)).or_insert(0.0);
        if *before + days > left + 1e-9 {
            out.push(Violation {
                family: RuleFamily::LeaveBalance,
                agent: Some(leave.agent),
                day: leave.days_in(&inst.horizon).first().copied(),
                message: format!(
                    "request {} of agent {} takes {days} day(s) of {} but only {} of {left} remain after her earlier granted requests",
                    leave.id,
                    inst.agents[leave.agent].id,
                    leave.leave_type,
                    (left - *before).max(0.0)
                ),
            });
        }
        *before += days;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::evaluate;
    use crate::domain::testkit::TinyInstance;
    use crate::domain::{LeavePart, LeaveStatus, Planning};

    fn instance(left: f64) -> crate::domain::Instance {
        let mut inst = TinyInstance::new(7)
            .shift("J", "08:30", "17:00", 60)
            .secretariat("S", "P")
            .agent("A", "S", &[])
            .with_agent(|a| a.ca_days_left = Some(left))
            .leave("A", "CA", 0, 1, LeaveStatus::Requested, LeavePart::Day)
            .leave("A", "CA", 3, 3, LeaveStatus::Requested, LeavePart::Day)
            .build();
        inst.leaves[0].requested_on = Some("2026-10-01".parse().unwrap());
        inst.leaves[1].requested_on = Some("2026-10-05".parse().unwrap());
        inst
    }

    #[test]
    fn granting_beyond_the_balance_is_a_violation_of_the_later_request() {
        let inst = instance(2.0);
        let planning = Planning {
            assignments: vec![],
            granted: vec![0, 1],
        };
        let v: Vec<_> = evaluate(&inst, &planning)
            .violations
            .into_iter()
            .filter(|v| v.family == RuleFamily::LeaveBalance)
            .collect();
        assert_eq!(v.len(), 1);
        assert!(
            v[0].message.contains(&inst.leaves[1].id),
            "{}",
            v[0].message
        );
    }

    #[test]
    fn within_the_balance_nothing_is_reported() {
        let inst = instance(3.0);
        let planning = Planning {
            assignments: vec![],
            granted: vec![0, 1],
        };
        assert!(evaluate(&inst, &planning)
            .violations
            .iter()
            .all(|v| v.family != RuleFamily::LeaveBalance));
    }
}
