//! Rules over weeks: weekly rest (ISO weeks wholly inside the horizon),
//! rolling 7 days, working days per ISO week, weekends worked.

use crate::check::view::View;
use crate::check::{fmt_day, fmt_minutes, Violation};
use crate::domain::RuleFamily;

/// `rest(d)` of README "Weekly rest": earliest absolute start of the shifts
/// dated after `day` minus latest absolute end of those dated before it;
/// `None` when one side has no shift (unbounded rest).
fn rest_around(view: &View<'_>, agent: usize, day: usize) -> Option<i64> {
    let before = (0..day)
        .flat_map(|d| view.on(agent, d))
        .map(|w| w.abs_end)
        .max();
    let after = (day + 1..view.inst.horizon.days)
        .flat_map(|d| view.on(agent, d))
        .map(|w| w.abs_start)
        .min();
    match (before, after) {
        (Some(b), Some(a)) => Some(a - b),
        _ => None,
    }
}

/// In every ISO week wholly inside the horizon, some day without a shift
/// must have a surrounding rest of at least `min_weekly_rest_hours`.
pub fn min_weekly_rest(view: &View<'_>) -> Vec<Violation> {
    let inst = view.inst;
    let limit = inst.rules.min_weekly_rest_minutes;
    let mut out = Vec::new();
    if limit <= 0 {
        // `min_weekly_rest_hours = 0` switches the rule off (as in the model).
        return out;
    }
    for week in inst.horizon.iso_weeks().iter().filter(|w| w.is_whole()) {
        for agent in 0..inst.agents.len() {
            let mut best: Option<i64> = None; // longest finite rest found
            let mut ok = false;
            for &day in &week.days {
                if view.works(agent, day) {
                    continue;
                }
                match rest_around(view, agent, day) {
                    None => ok = true,
                    Some(r) => {
                        ok |= r >= limit;
                        best = Some(best.map_or(r, |b| b.max(r)));
                    }
                }
            }
            if !ok {
                let longest = match best {
                    Some(b) => format!("the longest rest around a day off is {}", fmt_minutes(b)),
                    None => "she works every day of it".to_string(),
                };
                out.push(Violation {
                    family: RuleFamily::MinWeeklyRest,
                    agent: Some(agent),
                    day: week.days.first().copied(),
                    message: format!(
                        "agent {} has no weekly rest of {} in week {}: {longest}",
                        inst.agents[agent].id,
                        fmt_minutes(limit),
                        week.label
                    ),
                });
            }
        }
    }
    out
}

/// Paid minutes of shifts dated in any 7 consecutive horizon days (the
/// whole horizon when shorter) above `max_weekly_hours`: one violation per window.
pub fn max_weekly_hours(view: &View<'_>) -> Vec<Violation> {
    let inst = view.inst;
    let limit = inst.rules.max_weekly_minutes;
    let n = inst.horizon.days;
    if n == 0 {
        return Vec::new();
    }
    let len = n.min(7);
    let mut out = Vec::new();
    for agent in 0..inst.agents.len() {
        for first in 0..=(n - len) {
            let paid: i64 = (first..first + len)
                .flat_map(|d| view.on(agent, d))
                .map(|w| w.paid)
                .sum();
            if paid > limit {
                out.push(Violation {
                    family: RuleFamily::MaxWeeklyHours,
                    agent: Some(agent),
                    day: Some(first),
                    message: format!(
                        "agent {} is paid {} over the {} days from {} to {}, more than the maximum {}",
                        inst.agents[agent].id,
                        fmt_minutes(paid),
                        len,
                        fmt_day(inst, first),
                        fmt_day(inst, first + len - 1),
                        fmt_minutes(limit)
                    ),
                });
            }
        }
    }
    out
}

/// Working days in an ISO week (its days inside the horizon) above the
/// contract's `max_days_per_week`.
pub fn max_days_per_week(view: &View<'_>) -> Vec<Violation> {
    let inst = view.inst;
    let mut out = Vec::new();
    for week in inst.horizon.iso_weeks() {
        for agent in 0..inst.agents.len() {
            let limit = inst.contract_of(agent).max_days_per_week;
            let worked = week.days.iter().filter(|&&d| view.works(agent, d)).count();
            if worked > limit as usize {
                out.push(Violation {
                    family: RuleFamily::MaxDaysPerWeek,
                    agent: Some(agent),
                    day: week.days.first().copied(),
                    message: format!(
                        "agent {} works {} days in week {}, more than the {} of her contract {}",
                        inst.agents[agent].id,
                        worked,
                        week.label,
                        limit,
                        inst.contract_of(agent).id
                    ),
                });
            }
        }
    }
    out
}

/// Weekends (Sat/Sun pairs touching the horizon) with a shift on either
/// day, above the contract's `max_weekends`.
pub fn max_weekends(view: &View<'_>) -> Vec<Violation> {
    let inst = view.inst;
    let weekends = inst.horizon.weekends();
    let mut out = Vec::new();
    for agent in 0..inst.agents.len() {
        let Some(limit) = inst.contract_of(agent).max_weekends else {
            continue;
        };
        let worked: Vec<&Vec<usize>> = weekends
            .iter()
            .filter(|w| w.iter().any(|&d| view.works(agent, d)))
            .collect();
        if worked.len() > limit as usize {
            let list: Vec<String> = worked
                .iter()
                .filter_map(|w| w.first())
                .map(|&d| fmt_day(inst, d))
                .collect();
            out.push(Violation {
                family: RuleFamily::MaxWeekends,
                agent: Some(agent),
                day: None,
                message: format!(
                    "agent {} works {} weekends ({}), more than the maximum {}",
                    inst.agents[agent].id,
                    worked.len(),
                    list.join(", "),
                    limit
                ),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::check::hard::testing::exactly_one;
    use crate::check::testutil::plan;
    use crate::domain::testkit::TinyInstance;
    use crate::domain::RuleFamily;
    use chrono::Weekday::*;

    fn seven_days() -> TinyInstance {
        TinyInstance::new(7)
            .shift("M", "08:00", "12:00", 0)
            .shift("L", "08:00", "17:00", 0)
            .shift("T", "16:00", "20:00", 0)
            .secretariat("A", "P")
            .opening("A", &[Mon, Tue, Wed, Thu, Fri, Sat, Sun], "07:00", "20:00")
            .agent("ann", "A", &[])
    }

    #[test]
    fn min_weekly_rest_needs_36_hours_around_a_day_off() {
        // Works Mon–Sat, off Sunday. Sat ends 20:00 (T); Sunday is the last
        // day, so the rest around it is unbounded: fine. Off Wednesday
        // instead, with T on Tue (ends 20:00) and M Thu (08:00): 36h00 — fine;
        // lowering to 35h59 of rest breaks it.
        let inst = seven_days().build();
        let days_but = |off: usize, tue: &'static str| -> Vec<(&str, usize, &str, &str)> {
            (0..7)
                .filter(|&d| d != off)
                .map(|d| ("ann", d, if d == 1 { tue } else { "M" }, "A"))
                .collect()
        };
        let clean = plan(&inst, &days_but(2, "T"));
        assert!(crate::check::evaluate(&inst, &clean)
            .violations
            .iter()
            .all(|v| v.family != RuleFamily::MinWeeklyRest));
        let inst = seven_days()
            .rules(|r| r.min_weekly_rest_minutes = 36 * 60 + 1)
            .build();
        let bad = plan(&inst, &days_but(2, "T"));
        let clean = plan(&inst, &days_but(2, "M")); // Tue ends 12:00: 44h
        let v = exactly_one(&inst, &bad, &clean, RuleFamily::MinWeeklyRest);
        assert_eq!(
            v.message,
            "agent ann has no weekly rest of 36h01 in week 2026-W50: the longest rest around a day off is 36h00"
        );
    }

    #[test]
    fn min_weekly_rest_only_for_whole_weeks() {
        // Six days from Monday: no whole ISO week, no weekly-rest rule.
        let inst = TinyInstance::new(6)
            .shift("M", "08:00", "12:00", 0)
            .secretariat("A", "P")
            .opening("A", &[Mon, Tue, Wed, Thu, Fri, Sat, Sun], "07:00", "20:00")
            .agent("ann", "A", &[])
            .build();
        let all: Vec<_> = (0..6).map(|d| ("ann", d, "M", "A")).collect();
        assert!(crate::check::evaluate(&inst, &plan(&inst, &all))
            .violations
            .is_empty());
    }

    #[test]
    fn max_weekly_hours_rolling_window() {
        // 6 × L (9h) = 54h > 48h in the only 7-day window; 5 × L = 45h.
        let inst = seven_days().build();
        let bad = plan(
            &inst,
            &(0..6).map(|d| ("ann", d, "L", "A")).collect::<Vec<_>>(),
        );
        let clean = plan(
            &inst,
            &(0..5).map(|d| ("ann", d, "L", "A")).collect::<Vec<_>>(),
        );
        let v = exactly_one(&inst, &bad, &clean, RuleFamily::MaxWeeklyHours);
        assert!(
            v.message.contains("paid 54h00 over the 7 days"),
            "{}",
            v.message
        );
    }

    #[test]
    fn max_weekly_hours_windows_cross_iso_weeks() {
        // 10 days from Thursday: L Thu..Tue except Sun = 6 × 9h = 54h in the
        // window Thu..Wed only (days 0..6); the ISO weeks hold 27h and 27h.
        let inst = TinyInstance::starting("2026-12-10", 10)
            .shift("L", "08:00", "17:00", 0)
            .secretariat("A", "P")
            .opening("A", &[Mon, Tue, Wed, Thu, Fri, Sat, Sun], "07:00", "20:00")
            .agent("ann", "A", &[])
            .build();
        let bad = plan(&inst, &[0, 1, 2, 4, 5, 6].map(|d| ("ann", d, "L", "A")));
        let clean = plan(&inst, &[0, 1, 2, 4, 5].map(|d| ("ann", d, "L", "A")));
        let v = exactly_one(&inst, &bad, &clean, RuleFamily::MaxWeeklyHours);
        assert_eq!(v.day, Some(0));
    }

    #[test]
    fn max_days_per_week_counts_iso_week_days() {
        let inst = seven_days()
            .contract("five", |c| c.max_days_per_week = 5)
            .build();
        let bad = plan(
            &inst,
            &(0..6).map(|d| ("ann", d, "M", "A")).collect::<Vec<_>>(),
        );
        let clean = plan(
            &inst,
            &(0..5).map(|d| ("ann", d, "M", "A")).collect::<Vec<_>>(),
        );
        let v = exactly_one(&inst, &bad, &clean, RuleFamily::MaxDaysPerWeek);
        assert_eq!(
            v.message,
            "agent ann works 6 days in week 2026-W50, more than the 5 of her contract five"
        );
    }

    #[test]
    fn max_weekends_counts_cut_weekends() {
        // Sun 6 Dec .. Sun 13 Dec: weekends {Sun 6} and {Sat 12, Sun 13}.
        let inst = TinyInstance::starting("2026-12-06", 8)
            .shift("M", "08:00", "12:00", 0)
            .secretariat("A", "P")
            .opening("A", &[Mon, Tue, Wed, Thu, Fri, Sat, Sun], "07:00", "20:00")
            .agent("ann", "A", &[])
            .contract("one_weekend", |c| c.max_weekends = Some(1))
            .build();
        let bad = plan(&inst, &[("ann", 0, "M", "A"), ("ann", 7, "M", "A")]);
        let clean = plan(&inst, &[("ann", 6, "M", "A"), ("ann", 7, "M", "A")]);
        let v = exactly_one(&inst, &bad, &clean, RuleFamily::MaxWeekends);
        assert!(v.message.contains("works 2 weekends"), "{}", v.message);
    }
}
