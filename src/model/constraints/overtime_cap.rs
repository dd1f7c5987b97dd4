//! overtime_cap (hard): for every month (weeks by their Thursday), the sum
//! of weekly overtime ≤ `overtime_cap_month_hours`, minus
//! `overtime_month_hours_done` in the month of the horizon's first date
//! (never below zero). Uses the weekly overtime columns `o ≥ worked +
//! credited − due` shared with hours_balance: `Σ_{weeks of month} o ≤ cap`.

use super::{fmt_hours, Family};
use crate::domain::{AgentIdx, Instance, RuleFamily};
use crate::model::{Builder, Lin};
use chrono::Datelike;

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::OvertimeCap,
    allows: None,
    conflicts: None,
    build: Some(build),
    describe,
    modelled: "Σ weekly overtime columns of a month ≤ cap − done (first month)",
};

/// Overtime minutes agent `a` may still do in month `label` (`YYYY-MM`).
pub(crate) fn allowance(inst: &Instance, a: AgentIdx, label: &str) -> i64 {
    let first = inst.horizon.date(0);
    let first_label = format!("{:04}-{:02}", first.year(), first.month());
    let cap = inst.rules.overtime_cap_month_minutes;
    if label == first_label {
        (cap - inst.agents[a].overtime_month_minutes_done).max(0)
    } else {
        cap.max(0)
    }
}

fn build(b: &mut Builder) {
    let months = b.months();
    let agents = b.agents.clone();
    for &a in &agents {
        for (label, weeks) in &months {
            let mut l = Lin::default();
            for &wi in weeks {
                let (o, _) = b.week_balance(a, wi);
                l.add(o, 1.0);
            }
            let cap = allowance(b.inst, a, label);
            b.le(RuleFamily::OvertimeCap, &l, cap as f64);
        }
    }
}

fn describe(inst: &Instance, a: AgentIdx) -> String {
    let done = inst.agents[a].overtime_month_minutes_done;
    format!(
        "an overtime cap of {} per month ({} already done this month)",
        fmt_hours(inst.rules.overtime_cap_month_minutes),
        fmt_hours(done)
    )
}

#[cfg(test)]
mod tests {
    use crate::model::testutil::*;
    use crate::model::Term;

    /// Week of Mon 7 Dec: due 30 h; J (8 h) needed each weekday = 40 h.
    fn inst(cap_h: i64, done_h: i64) -> crate::domain::Instance {
        let mut t = base(5)
            .rules(|r| {
                r.weekly_minutes = 30 * 60;
                r.overtime_cap_month_minutes = cap_h * 60;
            })
            .agent("ANA", "S1", &[])
            .with_agent(|a| a.overtime_month_minutes_done = done_h * 60);
        for d in 0..5 {
            t = t.need("S1", d, "08:00", "17:00", 1, 1, None);
        }
        t.build()
    }

    #[test]
    fn a_six_hour_cap_allows_four_full_days() {
        // 4 J = 32 h (2 h overtime); a fifth would make 10 h. The fifth day
        // takes M (36 h, 6 h overtime: 6 + ½·2 = 7 hours' worth).
        let out = solve_opt(&inst(6, 0));
        close(term(&out, Term::Overtime), 7.0);
        close(term(&out, Term::Uncovered), 5000.0);
    }

    #[test]
    fn hours_already_done_count_in_the_first_month() {
        let out = solve_opt(&inst(12, 6));
        close(term(&out, Term::Overtime), 7.0);
        close(term(&out, Term::Uncovered), 5000.0);
    }

    #[test]
    fn a_twenty_hour_cap_does_not_bind() {
        // 10 h of overtime in the month: 10 + ½·6 + ½·2 = 14 hours' worth.
        let out = solve_opt(&inst(20, 0));
        close(term(&out, Term::Overtime), 14.0);
        close(term(&out, Term::Uncovered), 0.0);
    }

    #[test]
    fn hours_done_before_the_horizon_make_the_cap_bind() {
        // Cap 20 h, 16 h already done: 4 h left. 4 J = 32 h (2 h over); any
        // fifth-day shift (4 h) would make 6 h > 4: the fifth day stays uncovered.
        let out = solve_opt(&inst(20, 16));
        close(term(&out, Term::Overtime), 2.0);
        close(term(&out, Term::Uncovered), 9000.0);
        assert_eq!(n_worked(&out), 4);
    }
}
