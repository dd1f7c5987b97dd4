//! min_consecutive_days_off (hard): a run of days off shorter than the
//! contract's `min_consecutive_days_off` m is a violation when both
//! neighbouring days are inside the horizon (and worked). Window
//! inequalities on 1 − w: `w[d] − w[d+1] + w[d+i] ≤ 1` for i = 2..m.
//! Leave days are days off (no shift can be dated on them).

use super::Family;
use crate::domain::{AgentIdx, Instance, RuleFamily};
use crate::model::Builder;

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::MinConsecutiveDaysOff,
    allows: None,
    conflicts: None,
    build: Some(build),
    describe,
    modelled: "w[d] − w[d+1] + w[d+i] ≤ 1, i = 2..m, d+i inside the horizon",
};

fn build(b: &mut Builder) {
    let agents = b.agents.clone();
    let days = b.days();
    for &a in &agents {
        let m = b.contract(a).min_consecutive_days_off as usize;
        if m < 2 {
            continue;
        }
        for d in 0..days {
            if !b.can_work(a, d) {
                continue;
            }
            for i in 2..=m {
                if d + i >= days {
                    break;
                }
                if !b.can_work(a, d + i) {
                    continue;
                }
                let mut l = b.w(a, d);
                l.add_lin(&b.w(a, d + 1), -1.0).add_lin(&b.w(a, d + i), 1.0);
                b.le(RuleFamily::MinConsecutiveDaysOff, &l, 1.0);
            }
        }
    }
}

fn describe(inst: &Instance, a: AgentIdx) -> String {
    format!(
        "runs of at least {} days off",
        inst.contract_of(a).min_consecutive_days_off
    )
}

#[cfg(test)]
mod tests {
    use crate::domain::{AvailabilityKind, AvailabilityScope};
    use crate::model::testutil::*;
    use crate::model::Term;

    /// Needs on Monday and Wednesday; Tuesday is a `prefer_off` of weight 10.
    fn inst(m: u32) -> crate::domain::Instance {
        base(3)
            .agent("ANA", "S1", &[])
            .contract("c", |c| c.min_consecutive_days_off = m)
            .availability(
                "ANA",
                1,
                AvailabilityKind::PreferOff,
                AvailabilityScope::AllShifts,
                10.0,
            )
            .need("S1", 0, "08:00", "12:00", 1, 1, None)
            .need("S1", 2, "08:00", "12:00", 1, 1, None)
            .build()
    }

    #[test]
    fn a_single_day_off_between_two_working_days_is_filled() {
        let out = solve_opt(&inst(2));
        close(term(&out, Term::Uncovered), 0.0);
        close(term(&out, Term::Preference), 10.0);
        assert_eq!(n_worked(&out), 3);
    }

    #[test]
    fn one_day_off_is_enough_when_the_minimum_is_one() {
        let out = solve_opt(&inst(1));
        close(term(&out, Term::Preference), 0.0);
        assert_eq!(worked(&inst(1), &out), vec!["ANA:0:M:S1", "ANA:2:M:S1"]);
    }
}
