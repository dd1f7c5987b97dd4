//! max_shifts_per_kind (hard): per shift kind, shifts over the horizon ≤
//! the contract's `max_shifts`: `Σ_d z[a, d, s] ≤ max` where she could work
//! more; a maximum of 0 removes the kind's columns.

use super::Family;
use crate::domain::{AgentIdx, Day, Instance, RuleFamily, SecretariatIdx, ShiftIdx};
use crate::model::{Builder, Lin};

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::MaxShiftsPerKind,
    allows: Some(allows),
    conflicts: None,
    build: Some(build),
    describe,
    modelled: "Σ_d z[s] ≤ max per agent and kind; no x when max = 0",
};

fn allows(b: &Builder, a: AgentIdx, _: Day, s: ShiftIdx, _: SecretariatIdx) -> bool {
    b.contract(a).max_shifts.get(s).copied().flatten() != Some(0)
}

fn build(b: &mut Builder) {
    let agents = b.agents.clone();
    for &a in &agents {
        for s in 0..b.inst.shifts.len() {
            let Some(max) = b.contract(a).max_shifts.get(s).copied().flatten() else {
                continue;
            };
            let days: Vec<Day> = (0..b.days()).filter(|&d| b.has(a, d, s)).collect();
            if days.len() as u32 <= max {
                continue;
            }
            let mut l = Lin::default();
            for &d in &days {
                l.add_lin(&b.z(a, d, s), 1.0);
            }
            b.le(RuleFamily::MaxShiftsPerKind, &l, max as f64);
        }
    }
}

fn describe(inst: &Instance, a: AgentIdx) -> String {
    let parts: Vec<String> = inst
        .contract_of(a)
        .max_shifts
        .iter()
        .enumerate()
        .filter_map(|(s, m)| m.map(|m| format!("{}={m}", inst.shifts[s].id)))
        .collect();
    format!("at most {} shifts per kind", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use crate::model::testutil::*;
    use crate::model::Term;

    fn inst(max_m: Option<u32>) -> crate::domain::Instance {
        base(2)
            .agent("ANA", "S1", &[])
            .contract("c", |c| c.max_shifts[0] = max_m)
            .need("S1", 0, "08:00", "12:00", 1, 1, None)
            .need("S1", 1, "08:00", "12:00", 1, 1, None)
            .build()
    }

    #[test]
    fn one_morning_allowed_the_other_day_takes_a_full_day() {
        // M is limited to 1: the other morning is covered by J (8 h instead
        // of 4 h): 12 h in the month cost 12 + ½·8 + ½·4 = 18.
        let out = solve_opt(&inst(Some(1)));
        close(term(&out, Term::Uncovered), 0.0);
        close(term(&out, Term::Overtime), 18.0);
    }

    #[test]
    fn without_a_limit_two_mornings() {
        let out = solve_opt(&inst(None));
        assert_eq!(worked(&inst(None), &out), vec!["ANA:0:M:S1", "ANA:1:M:S1"]);
    }
}
