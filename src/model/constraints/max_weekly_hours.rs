//! max_weekly_hours (hard): paid minutes of the shifts dated in any 7
//! consecutive horizon days (the whole horizon when shorter) ≤
//! `max_weekly_hours`. One knapsack row per window, added only where the
//! agent's possible shifts could exceed the limit; a kind longer than the
//! limit gets no column.

use super::{fmt_hours, Family};
use crate::domain::{AgentIdx, Day, Instance, RuleFamily, SecretariatIdx, ShiftIdx};
use crate::model::{Builder, Lin};

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::MaxWeeklyHours,
    allows: Some(allows),
    conflicts: None,
    build: Some(build),
    describe,
    modelled: "Σ paid·z ≤ max over every 7-day window (rolling) where it can bind",
};

fn allows(b: &Builder, _: AgentIdx, _: Day, s: ShiftIdx, _: SecretariatIdx) -> bool {
    b.paid(s) <= b.inst.rules.max_weekly_minutes
}

fn build(b: &mut Builder) {
    let limit = b.inst.rules.max_weekly_minutes;
    let days = b.days();
    let windows: Vec<(Day, Day)> = if days <= 7 {
        vec![(0, days)]
    } else {
        (0..=days - 7).map(|s| (s, s + 7)).collect()
    };
    let agents = b.agents.clone();
    for &a in &agents {
        let day_max: Vec<i64> = (0..days).map(|d| b.max_paid_on(a, d)).collect();
        for &(lo, hi) in &windows {
            if day_max[lo..hi].iter().sum::<i64>() <= limit {
                continue;
            }
            let mut l = Lin::default();
            for d in lo..hi {
                l.add_lin(&b.paid_on(a, d), 1.0);
            }
            b.le(RuleFamily::MaxWeeklyHours, &l, limit as f64);
        }
    }
}

fn describe(inst: &Instance, _: AgentIdx) -> String {
    format!(
        "at most {} in any 7 consecutive days",
        fmt_hours(inst.rules.max_weekly_minutes)
    )
}

#[cfg(test)]
mod tests {
    use crate::model::testutil::*;
    use crate::model::Term;
    use chrono::Weekday::*;

    fn inst(max_h: i64) -> crate::domain::Instance {
        let mut t = base(7)
            .opening("S1", &[Mon, Tue, Wed, Thu, Fri, Sat, Sun], "07:00", "20:00")
            .rules(|r| {
                r.max_weekly_minutes = max_h * 60;
                r.min_weekly_rest_minutes = 0;
                r.max_consecutive_days = 7;
            })
            .agent("ANA", "S1", &[])
            .contract("full", |c| c.max_days_per_week = 7);
        for d in 0..7 {
            t = t.need("S1", d, "08:00", "17:00", 1, 1, None);
        }
        t.build()
    }

    #[test]
    fn forty_hours_allow_five_full_days() {
        let out = solve_opt(&inst(40));
        assert_eq!(n_worked(&out), 5);
        close(term(&out, Term::Uncovered), 18000.0);
    }

    #[test]
    fn sixty_hours_do_not_bind() {
        let out = solve_opt(&inst(60));
        assert_eq!(n_worked(&out), 7);
        close(term(&out, Term::Uncovered), 0.0);
    }
}
