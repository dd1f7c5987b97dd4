//! max_daily_hours (hard): paid minutes of the shifts dated one day ≤
//! `max_daily_hours`. A kind longer than that on its own gets no column; the
//! knapsack row `Σ_s paid(s)·z[a, d, s] ≤ max · w[a, d]` is added only where
//! the agent's possible shifts of the day could exceed the limit.

use super::{fmt_hours, Family};
use crate::domain::{AgentIdx, Day, Instance, RuleFamily, SecretariatIdx, ShiftIdx};
use crate::model::{Builder, Lin};

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::MaxDailyHours,
    allows: Some(allows),
    conflicts: None,
    build: Some(build),
    describe,
    modelled: "no x for a kind longer than the limit; Σ paid·z ≤ max·w per agent and day where it can bind",
};

fn allows(b: &Builder, _: AgentIdx, _: Day, s: ShiftIdx, _: SecretariatIdx) -> bool {
    b.paid(s) <= b.inst.rules.max_daily_minutes
}

fn build(b: &mut Builder) {
    let limit = b.inst.rules.max_daily_minutes;
    let agents = b.agents.clone();
    for &a in &agents {
        for d in 0..b.days() {
            let Some(w) = b.work_var[a][d] else { continue };
            // Bound without this family's own cap.
            let kinds = b.kinds(a, d);
            let unbounded: i64 = if b.enabled(RuleFamily::OneShiftAtATime) {
                b.max_non_overlapping(&kinds)
            } else {
                kinds.iter().map(|&s| b.paid(s).max(0)).sum()
            };
            if unbounded <= limit {
                continue;
            }
            let mut l: Lin = b.paid_on(a, d);
            l.add(w, -(limit as f64));
            b.le(RuleFamily::MaxDailyHours, &l, 0.0);
        }
    }
}

fn describe(inst: &Instance, _: AgentIdx) -> String {
    format!(
        "at most {} of work per day",
        fmt_hours(inst.rules.max_daily_minutes)
    )
}

#[cfg(test)]
mod tests {
    use crate::model::testutil::*;
    use crate::model::Term;

    fn inst(max_daily_h: i64) -> crate::domain::Instance {
        base(1)
            .rules(|r| r.max_daily_minutes = max_daily_h * 60)
            .agent("ANA", "S1", &[])
            .need("S1", 0, "08:00", "12:00", 1, 1, None)
            .need("S1", 0, "13:00", "17:00", 1, 1, None)
            .build()
    }

    #[test]
    fn a_seven_hour_day_leaves_one_half_day_uncovered() {
        let out = solve_opt(&inst(7));
        assert_eq!(n_worked(&out), 1);
        close(term(&out, Term::Uncovered), 4000.0);
    }

    #[test]
    fn a_nine_hour_day_covers_both_half_days() {
        let out = solve_opt(&inst(9));
        close(term(&out, Term::Uncovered), 0.0);
        // 8 h in the month: 8 + ½·4 (fair overtime tiers).
        close(term(&out, Term::Overtime), 10.0);
    }
}
