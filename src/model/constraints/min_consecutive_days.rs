//! min_consecutive_days (hard): a run of working days shorter than the
//! contract's `min_consecutive_days` m is a violation when both neighbouring
//! days are inside the horizon (and off). Standard window inequalities:
//! `w[d+1] − w[d] ≤ w[d+i]` for i = 2..m with d+i inside the horizon — a run
//! starting at d+1 after a day off covers its first m days or reaches the
//! horizon's end. Exact for that edge convention.

use super::Family;
use crate::domain::{AgentIdx, Instance, RuleFamily};
use crate::model::Builder;

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::MinConsecutiveDays,
    allows: None,
    conflicts: None,
    build: Some(build),
    describe,
    modelled: "w[d+1] − w[d] ≤ w[d+i], i = 2..m, d+i inside the horizon",
};

fn build(b: &mut Builder) {
    let agents = b.agents.clone();
    let days = b.days();
    for &a in &agents {
        let m = b.contract(a).min_consecutive_days as usize;
        if m < 2 {
            continue;
        }
        for d in 0..days {
            if d + 1 >= days || !b.can_work(a, d + 1) {
                continue;
            }
            for i in 2..=m {
                if d + i >= days {
                    break;
                }
                let mut l = b.w(a, d + 1);
                l.add_lin(&b.w(a, d), -1.0).add_lin(&b.w(a, d + i), -1.0);
                b.le(RuleFamily::MinConsecutiveDays, &l, 0.0);
            }
        }
    }
}

fn describe(inst: &Instance, a: AgentIdx) -> String {
    format!(
        "runs of at least {} working days",
        inst.contract_of(a).min_consecutive_days
    )
}

#[cfg(test)]
mod tests {
    use crate::domain::{AvailabilityKind, AvailabilityScope};
    use crate::model::testutil::*;
    use crate::model::Term;

    /// Need on Wednesday only; every other day is a `prefer_off` of weight 10.
    fn inst(m: u32) -> crate::domain::Instance {
        let mut t = base(5)
            .agent("ANA", "S1", &[])
            .contract("c", |c| c.min_consecutive_days = m);
        for d in [0, 1, 3, 4] {
            t = t.availability(
                "ANA",
                d,
                AvailabilityKind::PreferOff,
                AvailabilityScope::AllShifts,
                10.0,
            );
        }
        t.need("S1", 2, "08:00", "12:00", 1, 1, None).build()
    }

    #[test]
    fn a_lone_working_day_becomes_a_run_of_three() {
        let out = solve_opt(&inst(3));
        close(term(&out, Term::Uncovered), 0.0);
        close(term(&out, Term::Preference), 20.0);
        assert_eq!(n_worked(&out), 3);
    }

    #[test]
    fn a_run_touching_the_horizon_edge_may_be_short() {
        let mut t = base(5)
            .agent("ANA", "S1", &[])
            .contract("c", |c| c.min_consecutive_days = 3);
        for d in 0..4 {
            t = t.availability(
                "ANA",
                d,
                AvailabilityKind::PreferOff,
                AvailabilityScope::AllShifts,
                10.0,
            );
        }
        let inst = t.need("S1", 4, "08:00", "12:00", 1, 1, None).build();
        let out = solve_opt(&inst);
        assert_eq!(worked(&inst, &out), vec!["ANA:4:M:S1"]);
    }

    #[test]
    fn a_minimum_of_one_day_does_not_bind() {
        let out = solve_opt(&inst(1));
        close(term(&out, Term::Preference), 0.0);
        assert_eq!(n_worked(&out), 1);
    }
}
