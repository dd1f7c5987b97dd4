//! leave_balance (hard): for an agent with a known `ca_days_left` (type
//! `CA`) or `rtt_days_left` (type `RTT`), the granted requests of that type,
//! served in request order, never exceed the balance. Served in order, every
//! granted request fits after the earlier granted ones exactly when all of
//! them fit together (days are ≥ 0), so the rule is one knapsack row per
//! agent and balance: `Σ_r counted_days_total(r)·g[r] ≤ days_left`. Days are
//! multiples of ½, so the right-hand side is rounded down to a half day
//! (after the checker's 1e-9 tolerance): no solver tolerance can let an
//! extra half day in. A request whose own days exceed the balance gets no
//! `g` at all ([`exceeds_alone`], used by `Builder::create_grants`): refused
//! for sure, unless forced granted — then the row is infeasible and the
//! diagnosis names this family.

use super::Family;
use crate::domain::leave::{counted_days_total, Balance};
use crate::domain::{AgentIdx, Instance, LeaveIdx, LeaveStatus, RuleFamily};
use crate::model::{Builder, Lin};

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::LeaveBalance,
    allows: None,
    conflicts: None,
    build: Some(build),
    describe,
    modelled: "Σ counted days·g ≤ days left per agent and balance (CA, RTT); a request beyond the balance alone gets no g",
};

/// The balance of agent `a` for `bal`, when known.
fn days_left(inst: &Instance, a: AgentIdx, bal: Balance) -> Option<f64> {
    let ag = &inst.agents[a];
    match bal {
        Balance::Ca => ag.ca_days_left,
        Balance::Rtt => ag.rtt_days_left,
    }
}

/// Whether request `r` alone takes more days than its balance has left
/// (with the checker's tolerance of 1e-9 day).
pub(crate) fn exceeds_alone(inst: &Instance, r: LeaveIdx) -> bool {
    let l = &inst.leaves[r];
    Balance::of_type(&l.leave_type)
        .and_then(|bal| days_left(inst, l.agent, bal))
        .is_some_and(|left| counted_days_total(inst, r) > left + 1e-9)
}

fn build(b: &mut Builder) {
    let agents = b.agents.clone();
    for &a in &agents {
        for bal in [Balance::Ca, Balance::Rtt] {
            let Some(left) = days_left(b.inst, a, bal) else {
                continue;
            };
            let mut lin = Lin::default();
            let mut any = false;
            for (r, l) in b.inst.leaves.iter().enumerate() {
                if l.agent != a
                    || l.status != LeaveStatus::Requested
                    || Balance::of_type(&l.leave_type) != Some(bal)
                {
                    continue;
                }
                if let Some(g) = b.g(r) {
                    lin.add(g, counted_days_total(b.inst, r));
                    any = true;
                }
            }
            if any {
                let rhs = ((left + 1e-9) * 2.0).floor() / 2.0;
                b.le(RuleFamily::LeaveBalance, &lin, rhs);
            }
        }
    }
}

fn describe(inst: &Instance, a: AgentIdx) -> String {
    let mut parts = Vec::new();
    for bal in [Balance::Ca, Balance::Rtt] {
        if let Some(left) = days_left(inst, a, bal) {
            let asked: f64 = inst
                .leaves
                .iter()
                .enumerate()
                .filter(|(_, l)| {
                    l.agent == a
                        && l.status == LeaveStatus::Requested
                        && Balance::of_type(&l.leave_type) == Some(bal)
                })
                .map(|(r, _)| counted_days_total(inst, r))
                .sum();
            parts.push(format!(
                "{} {left} day(s) left ({asked} requested)",
                bal.column()
            ));
        }
    }
    if parts.is_empty() {
        "no leave balance".into()
    } else {
        format!("leave balances {}", parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::{LeavePart, LeaveStatus, RuleFamily};
    use crate::model::testutil::*;
    use crate::solve::{solve, solve_with, Decisions, SolveStatus};

    /// ANA with 2 CA days left asks (in this order) for Mon–Tue, then Thu,
    /// then Fri; nothing to cover, so every request she may have is granted.
    fn inst(left: f64) -> crate::domain::Instance {
        base(5)
            .agent("ANA", "S1", &[])
            .with_agent(|a| a.ca_days_left = Some(left))
            .leave("ANA", "CA", 0, 1, LeaveStatus::Requested, LeavePart::Day)
            .requested_on("2026-10-01")
            .leave("ANA", "CA", 3, 3, LeaveStatus::Requested, LeavePart::Day)
            .requested_on("2026-10-02")
            .leave("ANA", "RTT", 4, 4, LeaveStatus::Requested, LeavePart::Day)
            .requested_on("2026-10-03")
            .build()
    }

    #[test]
    fn a_request_beyond_the_balance_is_refused_and_the_others_granted() {
        // 1.5 days: Mon–Tue (2) exceeds alone; Thu (1) fits; RTT unlimited.
        let out = solve_opt(&inst(1.5));
        assert_eq!(out.planning.as_ref().unwrap().granted, vec![1, 2]);
    }

    #[test]
    fn the_knapsack_keeps_the_cheapest_refusal() {
        // 2 days: Mon–Tue and Thu cannot both be granted; refusing Thu (200)
        // is cheaper than refusing Mon–Tue (400).
        let out = solve_opt(&inst(2.0));
        assert_eq!(out.planning.as_ref().unwrap().granted, vec![0, 2]);
        // 3 days: all fit.
        let out = solve_opt(&inst(3.0));
        assert_eq!(out.planning.as_ref().unwrap().granted, vec![0, 1, 2]);
        // 2.9999999999 days: the checker's tolerance makes it 3.
        let out = solve_opt(&inst(3.0 - 1e-10));
        assert_eq!(out.planning.as_ref().unwrap().granted, vec![0, 1, 2]);
    }

    #[test]
    fn forcing_a_grant_beyond_the_balance_is_infeasible_and_explained() {
        let i = inst(1.5);
        let d = Decisions {
            force_granted: vec![0],
            force_refused: vec![],
        };
        let out = solve_with(&i, &opts(), &d, None).expect("runs");
        assert_eq!(out.status, SolveStatus::Infeasible);
        let inf = out.infeasibility.expect("explained");
        assert_eq!(inf.conflicts.len(), 1);
        assert_eq!(inf.conflicts[0].families, vec![RuleFamily::LeaveBalance]);
        let text = inf.to_string();
        assert!(
            text.contains("ca_days_left") && text.contains("forced granted"),
            "{text}"
        );
        // Without the decision the instance is fine.
        assert_eq!(
            solve(&i, &opts()).expect("runs").status,
            SolveStatus::Optimal
        );
    }
}
