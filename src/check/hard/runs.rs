//! Runs of consecutive days: a run of working days longer than
//! `max_consecutive_days` is a violation wherever it lies; a run of working
//! days shorter than `min_consecutive_days`, or of days off shorter than
//! `min_consecutive_days_off`, only when both neighbouring days are inside
//! the horizon (the benchmark's edge convention). A working day is a day
//! with at least one shift dated on it; leave days are days off.

use crate::check::view::View;
use crate::check::{fmt_day, Violation};
use crate::domain::RuleFamily;

/// A maximal run of equal days: `(working, first, last)` (inclusive).
fn runs(view: &View<'_>, agent: usize) -> Vec<(bool, usize, usize)> {
    let mut out: Vec<(bool, usize, usize)> = Vec::new();
    for day in view.inst.horizon.all_days() {
        let working = view.works(agent, day);
        match out.last_mut() {
            Some(run) if run.0 == working => run.2 = day,
            _ => out.push((working, day, day)),
        }
    }
    out
}

/// Whether a run has a neighbouring day inside the horizon on both sides.
fn is_inner(view: &View<'_>, first: usize, last: usize) -> bool {
    first > 0 && last + 1 < view.inst.horizon.days
}

fn violation(
    view: &View<'_>,
    family: RuleFamily,
    agent: usize,
    first: usize,
    last: usize,
    what: &str,
    limit: u32,
) -> Violation {
    let len = last - first + 1;
    Violation {
        family,
        agent: Some(agent),
        day: Some(first),
        message: format!(
            "agent {} has {len} {what} in a row from {} to {}; {} {limit}",
            view.inst.agents[agent].id,
            fmt_day(view.inst, first),
            fmt_day(view.inst, last),
            if family == RuleFamily::MaxConsecutiveDays {
                "the maximum is"
            } else {
                "the minimum is"
            },
        ),
    }
}

/// Runs of working days longer than the contract's `max_consecutive_days`.
pub fn max_consecutive_days(view: &View<'_>) -> Vec<Violation> {
    let mut out = Vec::new();
    for agent in 0..view.inst.agents.len() {
        let limit = view.inst.contract_of(agent).max_consecutive_days;
        for (working, first, last) in runs(view, agent) {
            if working && last - first + 1 > limit as usize {
                out.push(violation(
                    view,
                    RuleFamily::MaxConsecutiveDays,
                    agent,
                    first,
                    last,
                    "working days",
                    limit,
                ));
            }
        }
    }
    out
}

/// Inner runs of working days shorter than the contract's `min_consecutive_days`.
pub fn min_consecutive_days(view: &View<'_>) -> Vec<Violation> {
    let mut out = Vec::new();
    for agent in 0..view.inst.agents.len() {
        let limit = view.inst.contract_of(agent).min_consecutive_days;
        for (working, first, last) in runs(view, agent) {
            if working && is_inner(view, first, last) && last - first + 1 < limit as usize {
                out.push(violation(
                    view,
                    RuleFamily::MinConsecutiveDays,
                    agent,
                    first,
                    last,
                    "working days",
                    limit,
                ));
            }
        }
    }
    out
}

/// Inner runs of days off shorter than the contract's `min_consecutive_days_off`.
pub fn min_consecutive_days_off(view: &View<'_>) -> Vec<Violation> {
    let mut out = Vec::new();
    for agent in 0..view.inst.agents.len() {
        let limit = view.inst.contract_of(agent).min_consecutive_days_off;
        for (working, first, last) in runs(view, agent) {
            if !working && is_inner(view, first, last) && last - first + 1 < limit as usize {
                out.push(violation(
                    view,
                    RuleFamily::MinConsecutiveDaysOff,
                    agent,
                    first,
                    last,
                    "days off",
                    limit,
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::check::hard::testing::exactly_one;
    use crate::check::testutil::plan;
    use crate::domain::testkit::TinyInstance;
    use crate::domain::{LeavePart, LeaveStatus, RuleFamily};
    use chrono::Weekday::*;

    fn fortnight() -> TinyInstance {
        TinyInstance::new(14)
            .shift("M", "08:00", "12:00", 0)
            .secretariat("A", "P")
            .opening("A", &[Mon, Tue, Wed, Thu, Fri, Sat, Sun], "07:00", "20:00")
            .agent("ann", "A", &[])
    }

    fn on(days: &[usize]) -> Vec<(&'static str, usize, &'static str, &'static str)> {
        days.iter().map(|&d| ("ann", d, "M", "A")).collect()
    }

    #[test]
    fn max_consecutive_days_anywhere_even_at_the_edge() {
        // From Wed 9 Dec: days 0..=6 (Wed..Tue) are 7 working days in a row
        // from the horizon's first day, max 6. The only whole ISO week
        // (Mon 14..Sun 20) has days off, so weekly rest holds.
        let inst = TinyInstance::starting("2026-12-09", 14)
            .shift("M", "08:00", "12:00", 0)
            .secretariat("A", "P")
            .opening("A", &[Mon, Tue, Wed, Thu, Fri, Sat, Sun], "07:00", "20:00")
            .agent("ann", "A", &[])
            .build();
        let bad = plan(&inst, &on(&[0, 1, 2, 3, 4, 5, 6]));
        let clean = plan(&inst, &on(&[0, 1, 2, 3, 4, 5, 7]));
        let v = exactly_one(&inst, &bad, &clean, RuleFamily::MaxConsecutiveDays);
        assert_eq!(v.message, "agent ann has 7 working days in a row from Wed 2026-12-09 to Tue 2026-12-15; the maximum is 6");
    }

    #[test]
    fn min_consecutive_days_only_between_days_off_inside_the_horizon() {
        let inst = fortnight()
            .contract("c", |c| c.min_consecutive_days = 2)
            .build();
        // A lone day 3 is inner: violation. A lone day 0 or 13 is at the edge: fine.
        let bad = plan(&inst, &on(&[0, 3, 13]));
        let clean = plan(&inst, &on(&[0, 3, 4, 13]));
        let v = exactly_one(&inst, &bad, &clean, RuleFamily::MinConsecutiveDays);
        assert_eq!(v.day, Some(3));
    }

    #[test]
    fn min_consecutive_days_off_inner_run_only() {
        let inst = fortnight()
            .rules(|r| r.min_consecutive_days_off = 2)
            .build();
        // Off day 2 alone between working days 1 and 3: violation. Off day 0
        // alone at the edge: fine.
        let bad = plan(&inst, &on(&[1, 3, 4]));
        let clean = plan(&inst, &on(&[1, 4]));
        let v = exactly_one(&inst, &bad, &clean, RuleFamily::MinConsecutiveDaysOff);
        assert!(
            v.message
                .contains("1 days off in a row from Wed 2026-12-09"),
            "{}",
            v.message
        );
    }

    #[test]
    fn leave_days_are_days_off() {
        // Approved leave on day 2 does not make it a working day.
        let inst = fortnight()
            .rules(|r| r.min_consecutive_days_off = 2)
            .leave("ann", "CA", 2, 2, LeaveStatus::Approved, LeavePart::Day)
            .build();
        let bad = plan(&inst, &on(&[1, 3]));
        let clean = plan(&inst, &on(&[1, 4]));
        exactly_one(&inst, &bad, &clean, RuleFamily::MinConsecutiveDaysOff);
    }
}
