//! total_hours (hard): worked minutes over the horizon between the
//! contract's `min_total_hours` and `max_total_hours`: one ranged row
//! `min ≤ Σ paid·z ≤ max` per agent (each side only where it can bind); a
//! kind longer than the maximum gets no column.

use super::{fmt_hours, Family};
use crate::domain::{AgentIdx, Day, Instance, RuleFamily, SecretariatIdx, ShiftIdx};
use crate::model::{Builder, Lin};

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::TotalHours,
    allows: Some(allows),
    conflicts: None,
    build: Some(build),
    describe,
    modelled: "min ≤ Σ paid·z ≤ max per agent over the horizon",
};

fn allows(b: &Builder, a: AgentIdx, _: Day, s: ShiftIdx, _: SecretariatIdx) -> bool {
    b.contract(a)
        .max_total_minutes
        .is_none_or(|m| b.paid(s) <= m)
}

fn build(b: &mut Builder) {
    let agents = b.agents.clone();
    for &a in &agents {
        let c = b.contract(a);
        let lo = c.min_total_minutes;
        let possible: i64 = (0..b.days()).map(|d| b.max_paid_on(a, d)).sum();
        let hi = c.max_total_minutes.filter(|&m| possible > m);
        if lo <= 0 && hi.is_none() {
            continue;
        }
        let mut l = Lin::default();
        for d in 0..b.days() {
            l.add_lin(&b.paid_on(a, d), 1.0);
        }
        let lo = if lo > 0 { lo as f64 } else { f64::NEG_INFINITY };
        let hi = hi.map(|h| h as f64).unwrap_or(f64::INFINITY);
        b.range(RuleFamily::TotalHours, &l, lo, hi);
    }
}

fn describe(inst: &Instance, a: AgentIdx) -> String {
    let c = inst.contract_of(a);
    match (c.min_total_minutes, c.max_total_minutes) {
        (lo, Some(hi)) if lo > 0 => format!(
            "between {} and {} of work in total",
            fmt_hours(lo),
            fmt_hours(hi)
        ),
        (lo, None) if lo > 0 => format!(
            "at least {} of work in total (min_total_hours)",
            fmt_hours(lo)
        ),
        (_, Some(hi)) => format!(
            "at most {} of work in total (max_total_hours)",
            fmt_hours(hi)
        ),
        _ => "no total-hours bound".into(),
    }
}

#[cfg(test)]
mod tests {
    use crate::model::testutil::*;
    use crate::model::Term;

    #[test]
    fn a_minimum_total_makes_her_work_without_needs() {
        let inst = base(5)
            .agent("ANA", "S1", &[])
            .contract("c", |c| c.min_total_minutes = 12 * 60)
            .build();
        let out = solve_opt(&inst);
        // Cheapest way to reach 12 h: 12 h of overtime at 1 per hour, the
        // hours beyond 4 and beyond 8 in the month at ½ more: 12 + 4 + 2.
        close(term(&out, Term::Overtime), 18.0);
    }

    #[test]
    fn a_maximum_total_caps_the_covered_mornings() {
        let mut t = base(3)
            .agent("ANA", "S1", &[])
            .contract("c", |c| c.max_total_minutes = Some(8 * 60));
        for d in 0..3 {
            t = t.need("S1", d, "08:00", "12:00", 1, 1, None);
        }
        let out = solve_opt(&t.build());
        assert_eq!(n_worked(&out), 2);
        close(term(&out, Term::Uncovered), 4000.0);
    }

    #[test]
    fn no_bounds_do_not_bind() {
        let inst = base(5).agent("ANA", "S1", &[]).build();
        let out = solve_opt(&inst);
        assert_eq!(n_worked(&out), 0);
    }
}
