//! max_days_per_week (hard): working days in each ISO week (its days inside
//! the horizon) ≤ the contract's `max_days_per_week`: `Σ_{d ∈ week} w ≤ max`,
//! added where the agent could work more days than that.

use super::Family;
use crate::domain::{AgentIdx, Day, Instance, RuleFamily, SecretariatIdx, ShiftIdx};
use crate::model::{Builder, Lin};

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::MaxDaysPerWeek,
    allows: Some(allows),
    conflicts: None,
    build: Some(build),
    describe,
    modelled: "Σ_{d ∈ ISO week} w ≤ max per agent and week",
};

fn allows(b: &Builder, a: AgentIdx, _: Day, _: ShiftIdx, _: SecretariatIdx) -> bool {
    b.contract(a).max_days_per_week > 0
}

fn build(b: &mut Builder) {
    let agents = b.agents.clone();
    let weeks: Vec<Vec<Day>> = b.weeks.iter().map(|w| w.days.clone()).collect();
    for &a in &agents {
        let max = b.contract(a).max_days_per_week as usize;
        for days in &weeks {
            let possible: Vec<Day> = days.iter().copied().filter(|&d| b.can_work(a, d)).collect();
            if possible.len() <= max {
                continue;
            }
            let mut l = Lin::default();
            for &d in &possible {
                l.add_lin(&b.w(a, d), 1.0);
            }
            b.le(RuleFamily::MaxDaysPerWeek, &l, max as f64);
        }
    }
}

fn describe(inst: &Instance, a: AgentIdx) -> String {
    format!(
        "at most {} working days per week",
        inst.contract_of(a).max_days_per_week
    )
}

#[cfg(test)]
mod tests {
    use crate::model::testutil::*;
    use crate::model::Term;

    fn inst(max: u32) -> crate::domain::Instance {
        let mut t = base(5)
            .agent("ANA", "S1", &[])
            .contract("c", |c| c.max_days_per_week = max);
        for d in 0..5 {
            t = t.need("S1", d, "08:00", "12:00", 1, 1, None);
        }
        t.build()
    }

    #[test]
    fn three_days_a_week_leave_two_mornings_uncovered() {
        let out = solve_opt(&inst(3));
        assert_eq!(n_worked(&out), 3);
        close(term(&out, Term::Uncovered), 8000.0);
    }

    #[test]
    fn five_days_a_week_do_not_bind() {
        let out = solve_opt(&inst(5));
        assert_eq!(n_worked(&out), 5);
    }
}
