//! min_weekly_rest (hard): in every ISO week whose 7 days lie inside the
//! horizon, some day d has no shift dated on it and the time from the latest
//! end of shifts dated before d to the earliest start of shifts dated after
//! d is ≥ `min_weekly_rest_hours`. A continuous `r[a, d] ∈ [0, 1]` ("d is
//! her weekly rest") with `r ≤ 1 − w[a, d]`, `r + z[d', s] + z[d'', t] ≤ 2`
//! for every pair of possible shifts around d (d' < d < d'') whose gap is
//! too short, and `Σ_{d ∈ week} r ≥ 1`. At integral z and w each r's upper
//! bound is 0 or 1, so r needs no integrality. Weeks with a day that can
//! never be worked and has no short pair around it are skipped.

use super::{fmt_hours, Family};
use crate::domain::{AgentIdx, Day, Instance, RuleFamily, ShiftIdx};
use crate::model::{Builder, Lin};

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::MinWeeklyRest,
    allows: None,
    conflicts: None,
    build: Some(build),
    describe,
    modelled: "continuous r[d] ≤ 1 − w[d], r[d] + z + z ≤ 2 for each too-short pair around d, Σ_week r ≥ 1",
};

/// Pairs (d', s, d'', t) with d' < d < d'' and a gap below the rest.
fn short_pairs(b: &Builder, a: AgentIdx, d: Day, rest: i64) -> Vec<(Day, ShiftIdx, Day, ShiftIdx)> {
    let shifts = &b.inst.shifts;
    let max_end = shifts.iter().map(|s| s.end).max().unwrap_or(0);
    let min_start = shifts.iter().map(|s| s.start).min().unwrap_or(0);
    // Shortest possible gap between shifts k days apart.
    let shortest = |k: usize| k as i64 * 1440 + min_start - max_end;
    let mut out = Vec::new();
    for back in 1..=d {
        if shortest(back + 1) >= rest {
            break;
        }
        let dp = d - back;
        for fwd in 1.. {
            let dn = d + fwd;
            if dn >= b.days() || shortest(back + fwd) >= rest {
                break;
            }
            for s in b.kinds(a, dp) {
                for t in b.kinds(a, dn) {
                    if shifts[t].abs_start(dn) - shifts[s].abs_end(dp) < rest {
                        out.push((dp, s, dn, t));
                    }
                }
            }
        }
    }
    out
}

fn build(b: &mut Builder) {
    let rest = b.inst.rules.min_weekly_rest_minutes;
    if rest <= 0 {
        return;
    }
    let agents = b.agents.clone();
    let weeks: Vec<Vec<Day>> = b
        .weeks
        .iter()
        .filter(|w| w.is_whole())
        .map(|w| w.days.clone())
        .collect();
    for &a in &agents {
        for days in &weeks {
            let pairs: Vec<Vec<_>> = days.iter().map(|&d| short_pairs(b, a, d, rest)).collect();
            let trivially = days
                .iter()
                .zip(&pairs)
                .any(|(&d, p)| !b.can_work(a, d) && p.is_empty());
            if trivially {
                continue;
            }
            let mut sum = Lin::default();
            for (&d, p) in days.iter().zip(&pairs) {
                let r = b.continuous(0.0, 1.0);
                sum.add(r, 1.0);
                let mut l = b.w(a, d);
                l.add(r, 1.0);
                b.le(RuleFamily::MinWeeklyRest, &l, 1.0);
                for &(dp, s, dn, t) in p {
                    let mut l = Lin::var(r);
                    l.add_lin(&b.z(a, dp, s), 1.0).add_lin(&b.z(a, dn, t), 1.0);
                    b.le(RuleFamily::MinWeeklyRest, &l, 2.0);
                }
            }
            b.ge(RuleFamily::MinWeeklyRest, &sum, 1.0);
        }
    }
}

fn describe(inst: &Instance, _: AgentIdx) -> String {
    format!(
        "{} of weekly rest",
        fmt_hours(inst.rules.min_weekly_rest_minutes)
    )
}

#[cfg(test)]
mod tests {
    use crate::model::testutil::*;
    use crate::model::Term;
    use chrono::Weekday::*;

    /// One agent, Sunday 2026-12-06 to Monday 2026-12-14 (the ISO week
    /// Mon 7 – Sun 13 is whole), J (08:00–17:00) needed every day.
    fn inst(rest_h: i64) -> crate::domain::Instance {
        let mut t = crate::domain::testkit::TinyInstance::starting("2026-12-06", 9)
            .shift("M", "08:00", "12:00", 0)
            .shift("A", "13:00", "17:00", 0)
            .shift("J", "08:00", "17:00", 60)
            .secretariat("S1", "P1")
            .opening("S1", &[Mon, Tue, Wed, Thu, Fri, Sat, Sun], "07:00", "20:00")
            .rules(|r| {
                r.weekly_minutes = 0;
                r.overtime_cap_month_minutes = 100_000 * 60;
                r.min_weekly_rest_minutes = rest_h * 60;
                r.max_weekly_minutes = 100 * 60;
                r.max_consecutive_days = 9;
            })
            .weights(|w| {
                w.overtime = 1.0;
                w.under_hours = 0.0;
            })
            .agent("ANA", "S1", &[])
            .contract("full", |c| c.max_days_per_week = 7);
        for d in 0..9 {
            t = t.need("S1", d, "08:00", "17:00", 1, 1, None);
        }
        t.build()
    }

    #[test]
    fn thirty_six_hours_of_weekly_rest_leave_one_day_uncovered() {
        let out = solve_opt(&inst(36));
        assert_eq!(n_worked(&out), 8);
        close(term(&out, Term::Uncovered), 9000.0);
    }

    #[test]
    fn forty_hours_need_a_half_day_next_to_the_rest_day() {
        // J–off–J gives 39 h: a neighbour of the rest day becomes M or A (5 h uncovered).
        let out = solve_opt(&inst(40));
        assert_eq!(n_worked(&out), 8);
        close(term(&out, Term::Uncovered), 14000.0);
    }

    #[test]
    fn without_weekly_rest_every_day_is_covered() {
        let out = solve_opt(&inst(0));
        assert_eq!(n_worked(&out), 9);
        close(term(&out, Term::Uncovered), 0.0);
    }
}
