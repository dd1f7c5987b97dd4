//! max_consecutive_days (hard): no run of working days longer than the
//! contract's `max_consecutive_days` K: `Σ_{i=0..K} w[d+i] ≤ K` for every
//! window of K+1 days in which every day could be worked.

use super::Family;
use crate::domain::{AgentIdx, Day, Instance, RuleFamily, SecretariatIdx, ShiftIdx};
use crate::model::{Builder, Lin};

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::MaxConsecutiveDays,
    allows: Some(allows),
    conflicts: None,
    build: Some(build),
    describe,
    modelled: "Σ w ≤ K over every window of K+1 days",
};

fn allows(b: &Builder, a: AgentIdx, _: Day, _: ShiftIdx, _: SecretariatIdx) -> bool {
    b.contract(a).max_consecutive_days > 0
}

fn build(b: &mut Builder) {
    let agents = b.agents.clone();
    let days = b.days();
    for &a in &agents {
        let k = b.contract(a).max_consecutive_days as usize;
        if k == 0 || k + 1 > days {
            continue;
        }
        for start in 0..=days - (k + 1) {
            if !(start..start + k + 1).all(|d| b.can_work(a, d)) {
                continue;
            }
            let mut l = Lin::default();
            for d in start..start + k + 1 {
                l.add_lin(&b.w(a, d), 1.0);
            }
            b.le(RuleFamily::MaxConsecutiveDays, &l, k as f64);
        }
    }
}

fn describe(inst: &Instance, a: AgentIdx) -> String {
    format!(
        "at most {} consecutive working days",
        inst.contract_of(a).max_consecutive_days
    )
}

#[cfg(test)]
mod tests {
    use crate::model::testutil::*;
    use crate::model::Term;

    fn inst(k: u32) -> crate::domain::Instance {
        let mut t = base(5)
            .agent("ANA", "S1", &[])
            .contract("c", |c| c.max_consecutive_days = k);
        for d in 0..5 {
            t = t.need("S1", d, "08:00", "12:00", 1, 1, None);
        }
        t.build()
    }

    #[test]
    fn two_days_in_a_row_leave_one_day_of_five() {
        let out = solve_opt(&inst(2));
        assert_eq!(n_worked(&out), 4);
        assert_eq!(
            worked(&inst(2), &out),
            vec!["ANA:0:M:S1", "ANA:1:M:S1", "ANA:3:M:S1", "ANA:4:M:S1"]
        );
    }

    #[test]
    fn five_days_in_a_row_do_not_bind() {
        let out = solve_opt(&inst(5));
        assert_eq!(n_worked(&out), 5);
        close(term(&out, Term::Uncovered), 0.0);
    }
}
