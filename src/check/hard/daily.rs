//! Rules about one day or a day and the next: max daily hours, max
//! amplitude, min daily rest, cannot_follow (README "Model semantics").

use crate::check::view::View;
use crate::check::{fmt_day, fmt_minutes, Violation};
use crate::domain::calendar::format_hhmm;
use crate::domain::RuleFamily;

fn ids(view: &View<'_>, agent: usize, day: usize) -> String {
    view.on(agent, day)
        .iter()
        .map(|w| w.shift.id.as_str())
        .collect::<Vec<_>>()
        .join("+")
}

/// Paid minutes of the shifts dated one day above `max_daily_hours`.
pub fn max_daily_hours(view: &View<'_>) -> Vec<Violation> {
    let inst = view.inst;
    let limit = inst.rules.max_daily_minutes;
    let mut out = Vec::new();
    for agent in 0..inst.agents.len() {
        for day in inst.horizon.all_days() {
            let paid: i64 = view.on(agent, day).iter().map(|w| w.paid).sum();
            if paid > limit {
                out.push(Violation {
                    family: RuleFamily::MaxDailyHours,
                    agent: Some(agent),
                    day: Some(day),
                    message: format!(
                        "agent {} is paid {} on {} ({}), more than the daily maximum {}",
                        inst.agents[agent].id,
                        fmt_minutes(paid),
                        fmt_day(inst, day),
                        ids(view, agent, day),
                        fmt_minutes(limit)
                    ),
                });
            }
        }
    }
    out
}

/// First start to last end of the shifts dated one day above `max_amplitude_hours`.
pub fn max_amplitude(view: &View<'_>) -> Vec<Violation> {
    let inst = view.inst;
    let limit = inst.rules.max_amplitude_minutes;
    let mut out = Vec::new();
    for agent in 0..inst.agents.len() {
        for day in inst.horizon.all_days() {
            let works = view.on(agent, day);
            let (Some(first), Some(last)) = (
                works.iter().map(|w| w.abs_start).min(),
                works.iter().map(|w| w.abs_end).max(),
            ) else {
                continue;
            };
            if last - first > limit {
                out.push(Violation {
                    family: RuleFamily::MaxAmplitude,
                    agent: Some(agent),
                    day: Some(day),
                    message: format!(
                        "agent {} works from {} to {} on {} ({}): amplitude {}, more than the maximum {}",
                        inst.agents[agent].id,
                        format_hhmm(first),
                        format_hhmm(last),
                        fmt_day(inst, day),
                        ids(view, agent, day),
                        fmt_minutes(last - first),
                        fmt_minutes(limit)
                    ),
                });
            }
        }
    }
    out
}

/// For two consecutive working days: first start dated d+1 minus last end
/// dated d below `min_daily_rest_hours`.
pub fn min_daily_rest(view: &View<'_>) -> Vec<Violation> {
    let inst = view.inst;
    let limit = inst.rules.min_daily_rest_minutes;
    let mut out = Vec::new();
    for agent in 0..inst.agents.len() {
        for day in inst.horizon.all_days().skip(1) {
            let prev_end = view.on(agent, day - 1).iter().map(|w| w.abs_end).max();
            let next_start = view.on(agent, day).iter().map(|w| w.abs_start).min();
            let (Some(prev_end), Some(next_start)) = (prev_end, next_start) else {
                continue;
            };
            let rest = next_start - prev_end;
            if rest < limit {
                out.push(Violation {
                    family: RuleFamily::MinDailyRest,
                    agent: Some(agent),
                    day: Some(day - 1),
                    message: format!(
                        "agent {} rests {} between {} ({} ends {}) and {} ({} starts {}), less than the minimum {}",
                        inst.agents[agent].id,
                        fmt_minutes(rest),
                        fmt_day(inst, day - 1),
                        ids(view, agent, day - 1),
                        format_hhmm(prev_end),
                        fmt_day(inst, day),
                        ids(view, agent, day),
                        format_hhmm(next_start),
                        fmt_minutes(limit)
                    ),
                });
            }
        }
    }
    out
}

/// A kind listed in `cannot_follow` of X worked the day after X.
pub fn cannot_follow(view: &View<'_>) -> Vec<Violation> {
    let inst = view.inst;
    let mut out = Vec::new();
    for agent in 0..inst.agents.len() {
        for day in inst.horizon.all_days().skip(1) {
            for first in view.on(agent, day - 1) {
                for next in view.on(agent, day) {
                    if first.shift.cannot_follow.contains(&next.a.shift) {
                        out.push(Violation {
                            family: RuleFamily::CannotFollow,
                            agent: Some(agent),
                            day: Some(day - 1),
                            message: format!(
                                "agent {} works {} on {} then {} on {}, but {} may not follow {}",
                                inst.agents[agent].id,
                                first.shift.id,
                                fmt_day(inst, day - 1),
                                next.shift.id,
                                fmt_day(inst, day),
                                next.shift.id,
                                first.shift.id
                            ),
                        });
                    }
                }
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
    use crate::domain::RuleFamily;

    fn base() -> TinyInstance {
        TinyInstance::new(7)
            .shift("M", "08:00", "12:30", 0)
            .shift("S", "13:00", "17:30", 0)
            .shift("J", "08:30", "17:00", 60)
            .shift("E", "07:00", "11:00", 0)
            .shift("T", "16:00", "20:00", 0)
            .secretariat("A", "P")
            .secretariat("B", "P")
            .agent("ann", "A", &["B"])
    }

    #[test]
    fn max_daily_hours_two_shifts_in_one_day() {
        // M 4h30 + S 4h30 = 9h00 (the limit); the clean twin stays at 9h, the
        // bad one lowers the limit to 8h59.
        let inst = base().rules(|r| r.max_daily_minutes = 539).build();
        let bad = plan(&inst, &[("ann", 0, "M", "A"), ("ann", 0, "S", "B")]);
        let clean = plan(&inst, &[("ann", 0, "M", "A"), ("ann", 1, "S", "A")]);
        let v = exactly_one(&inst, &bad, &clean, RuleFamily::MaxDailyHours);
        assert_eq!(
            v.message,
            "agent ann is paid 9h00 on Mon 2026-12-07 (M+S), more than the daily maximum 8h59"
        );
        let inst = base().build();
        assert!(crate::check::evaluate(&inst, &bad).violations.is_empty());
    }

    #[test]
    fn max_amplitude_first_start_to_last_end() {
        // E 07:00–11:00 and T 16:00–20:00: amplitude 13h > 10h30, paid 8h.
        let inst = base().build();
        let bad = plan(&inst, &[("ann", 0, "E", "A"), ("ann", 0, "T", "A")]);
        let clean = plan(&inst, &[("ann", 0, "E", "A"), ("ann", 0, "S", "A")]);
        let v = exactly_one(&inst, &bad, &clean, RuleFamily::MaxAmplitude);
        assert!(
            v.message.contains("from 07:00 to 20:00") && v.message.contains("amplitude 13h00"),
            "{}",
            v.message
        );
    }

    #[test]
    fn min_daily_rest_between_consecutive_days() {
        // T ends 20:00, E starts 07:00 next day: 11h < 12h. S ends 17:30: 13h30.
        let inst = base().build();
        let bad = plan(&inst, &[("ann", 0, "T", "A"), ("ann", 1, "E", "A")]);
        let clean = plan(&inst, &[("ann", 0, "S", "A"), ("ann", 1, "E", "A")]);
        let v = exactly_one(&inst, &bad, &clean, RuleFamily::MinDailyRest);
        assert!(v.message.contains("rests 11h00"), "{}", v.message);
        assert_eq!(v.day, Some(0));
    }

    #[test]
    fn cannot_follow_next_day_only() {
        let inst = base().cannot_follow("M", "S").build();
        let bad = plan(&inst, &[("ann", 0, "M", "A"), ("ann", 1, "S", "A")]);
        // Same day, or two days later, is fine.
        let clean = plan(
            &inst,
            &[
                ("ann", 0, "M", "A"),
                ("ann", 0, "S", "A"),
                ("ann", 2, "S", "A"),
            ],
        );
        let v = exactly_one(&inst, &bad, &clean, RuleFamily::CannotFollow);
        assert_eq!(
            v.message,
            "agent ann works M on Mon 2026-12-07 then S on Tue 2026-12-08, but S may not follow M"
        );
    }
}
