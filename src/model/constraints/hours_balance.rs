//! hours_balance (soft): per agent and ISO week touching the horizon,
//! overtime = max(0, worked + credited − due) and under-hours = max(0, due −
//! worked − credited), with due and credits from `domain::hours` (constants
//! today). The columns `o, u ≥ 0` with `worked − o + u = due − credited`
//! (shared with overtime_cap) cost `overtime/60` and `under_hours/60` per
//! minute; at an optimum one of them is 0 and the other is the true value.
//! Agents are planned for their contract hours: under-hours make them work
//! (at home where no need exists).

use super::Family;
use crate::domain::{AgentIdx, Instance, RuleFamily};
use crate::model::{Builder, Term};

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::HoursBalance,
    allows: None,
    conflicts: None,
    build: Some(build),
    describe,
    modelled: "o, u ≥ 0 with worked − o + u = due − credited per agent and ISO week; cost overtime·o + under_hours·u",
};

fn build(b: &mut Builder) {
    let agents = b.agents.clone();
    let (wo, wu) = (b.inst.weights.overtime / 60.0, b.inst.weights.under_hours / 60.0);
    for &a in &agents {
        for wi in 0..b.weeks.len() {
            let (o, u) = b.week_balance(a, wi);
            b.objective_var(Term::Overtime, o, wo);
            b.objective_var(Term::UnderHours, u, wu);
        }
    }
}

fn describe(_: &Instance, _: AgentIdx) -> String {
    "weekly hours balance".into()
}

#[cfg(test)]
mod tests {
    use crate::model::testutil::*;
    use crate::model::Term;

    #[test]
    fn under_hours_make_her_work_her_due_at_home() {
        // Due 32 h over Mon–Fri; no need: 4 × J (8 h) reaches it exactly.
        let inst = base(5)
            .rules(|r| r.weekly_minutes = 32 * 60)
            .weights(|w| w.under_hours = 15.0)
            .agent("ANA", "S1", &[])
            .build();
        let out = solve_opt(&inst);
        close(out.objective.unwrap(), 0.0);
        assert_eq!(n_worked(&out), 4);
    }

    #[test]
    fn without_an_under_hours_weight_nobody_works_for_nothing() {
        let inst = base(5).rules(|r| r.weekly_minutes = 32 * 60).agent("ANA", "S1", &[]).build();
        let out = solve_opt(&inst);
        assert_eq!(n_worked(&out), 0);
    }

    #[test]
    fn objective_with_coverage_and_hours_balance_matches_a_hand_computation() {
        // One Monday, due 37.5 h × 1/5 = 7.5 h. Need 08:00–12:00 min 2 target 3.
        // Best: J (8 h): uncovered 1 × 4 h × 1000 = 4000, below target 1 × 4 h × 10 = 40,
        // overtime 0.5 h × 20 = 10 (M instead: 4000 + 40 + 3.5 h × 15 = 4092.5).
        let inst = crate::domain::testkit::TinyInstance::new(1)
            .shift("M", "08:00", "12:00", 0)
            .shift("J", "08:00", "17:00", 60)
            .secretariat("S1", "P1")
            .agent("ANA", "S1", &[])
            .need("S1", 0, "08:00", "12:00", 2, 3, None)
            .build();
        let out = solve_opt(&inst);
        close(out.objective.unwrap(), 4050.0);
        close(term(&out, Term::Overtime), 10.0);
        assert_eq!(worked(&inst, &out), vec!["ANA:0:J:S1"]);
    }
}
