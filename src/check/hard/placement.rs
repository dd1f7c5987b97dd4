//! Where and when a shift may be worked: one shift at a time, eligibility,
//! opening, `off` availability and leave (README "Model semantics").

use crate::check::view::View;
use crate::check::{fmt_day, fmt_window, Violation};
use crate::domain::hours::leave_is_taken;
use crate::domain::{AvailabilityKind, AvailabilityScope, LeavePart, RuleFamily};

/// Two shifts of one agent overlapping in absolute time (night shifts
/// included, whatever their secretariats): one violation per pair.
pub fn one_shift_at_a_time(view: &View<'_>) -> Vec<Violation> {
    let mut out = Vec::new();
    for agent in 0..view.inst.agents.len() {
        let works: Vec<_> = view.all_of(agent).collect();
        for (i, first) in works.iter().enumerate() {
            // Sorted by absolute start: once a shift starts after `first`
            // ends, every later one does too.
            for second in works[i + 1..]
                .iter()
                .take_while(|s| s.abs_start < first.abs_end)
            {
                let overlap =
                    first.abs_end.min(second.abs_end) - first.abs_start.max(second.abs_start);
                out.push(Violation {
                    family: RuleFamily::OneShiftAtATime,
                    agent: Some(agent),
                    day: Some(first.a.day),
                    message: format!(
                        "{} and also {} ({}) at {} on {}: the two shifts overlap by {}",
                        view.describe(first),
                        second.shift.id,
                        fmt_window(second.shift.start, second.shift.end),
                        view.inst.secretariats[second.a.secretariat].id,
                        fmt_day(view.inst, second.a.day),
                        crate::check::fmt_minutes(overlap),
                    ),
                });
            }
        }
    }
    out
}

/// A shift at a secretariat that is neither her home nor one she covers.
pub fn eligibility(view: &View<'_>) -> Vec<Violation> {
    let inst = view.inst;
    view.all()
        .filter(|w| !inst.agents[w.a.agent].may_work_at(w.a.secretariat))
        .map(|w| {
            let agent = &inst.agents[w.a.agent];
            let covers: Vec<&str> = agent
                .covers
                .iter()
                .map(|&s| inst.secretariats[s].id.as_str())
                .collect();
            Violation {
                family: RuleFamily::Eligibility,
                agent: Some(w.a.agent),
                day: Some(w.a.day),
                message: format!(
                    "{} but may work only at {} (home){}",
                    view.describe(w),
                    inst.secretariats[agent.home].id,
                    if covers.is_empty() {
                        String::new()
                    } else {
                        format!(" and {}", covers.join(", "))
                    }
                ),
            }
        })
        .collect()
}

/// A shift on a day its secretariat is closed, or outside its opening hours.
pub fn opening(view: &View<'_>) -> Vec<Violation> {
    let inst = view.inst;
    let mut out = Vec::new();
    for w in view.all() {
        let (sec_idx, day) = (w.a.secretariat, w.a.day);
        let sec = &inst.secretariats[sec_idx];
        let mut reasons = Vec::new();
        if !inst.is_open(sec_idx, day) {
            let why = if inst.closures.contains(&(sec_idx, day)) {
                "it is closed that day (closures.csv)"
            } else if inst.horizon.is_holiday(day) {
                "it is a public holiday"
            } else {
                "it is not open on that weekday"
            };
            reasons.push(format!(
                "{} is closed: {why}, and no dated need opens it",
                sec.id
            ));
        }
        if w.shift.start < sec.opens || w.shift.end > sec.closes {
            reasons.push(format!(
                "the shift lies outside its opening hours {}",
                fmt_window(sec.opens, sec.closes)
            ));
        }
        if !reasons.is_empty() {
            out.push(Violation {
                family: RuleFamily::Opening,
                agent: Some(w.a.agent),
                day: Some(day),
                message: format!("{} but {}", view.describe(w), reasons.join("; and ")),
            });
        }
    }
    out
}

/// A shift matching an `off` availability occurrence.
pub fn unavailability(view: &View<'_>) -> Vec<Violation> {
    let inst = view.inst;
    let mut out = Vec::new();
    for row in inst
        .availability
        .iter()
        .filter(|r| r.kind == AvailabilityKind::Off)
    {
        for w in view.on(row.agent, row.day) {
            if row.scope.matches(w.a.shift, w.shift) {
                let scope = match row.scope {
                    AvailabilityScope::AllShifts => "the whole day".to_string(),
                    AvailabilityScope::Shift(s) => format!("shift {}", inst.shifts[s].id),
                    AvailabilityScope::Window { start, end } => {
                        format!("window {}", fmt_window(start, end))
                    }
                };
                out.push(Violation {
                    family: RuleFamily::Unavailability,
                    agent: Some(row.agent),
                    day: Some(row.day),
                    message: format!(
                        "{} but is unavailable ({scope}; availability.csv line {})",
                        view.describe(w),
                        row.line
                    ),
                });
            }
        }
    }
    out
}

/// A shift blocked by approved leave or granted requested leave.
pub fn leave(view: &View<'_>) -> Vec<Violation> {
    let inst = view.inst;
    let granted = &view.planning.granted;
    let mut out = Vec::new();
    for (idx, l) in inst.leaves.iter().enumerate() {
        if l.agent >= inst.agents.len() || !leave_is_taken(inst, idx, granted) {
            continue;
        }
        for day in l.days_in(&inst.horizon) {
            for w in view.on(l.agent, day) {
                if l.blocks(w.shift, inst.rules.half_day_split) {
                    let part = match l.part {
                        LeavePart::Day => "whole day",
                        LeavePart::Am => "morning",
                        LeavePart::Pm => "afternoon",
                    };
                    let status = if granted.contains(&idx) {
                        "granted"
                    } else {
                        "approved"
                    };
                    out.push(Violation {
                        family: RuleFamily::Leave,
                        agent: Some(l.agent),
                        day: Some(day),
                        message: format!(
                            "{} but is on {status} leave {} ({}, {part}, leave.csv line {})",
                            view.describe(w),
                            l.id,
                            l.leave_type,
                            l.line
                        ),
                    });
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
    use crate::domain::{AvailabilityKind, AvailabilityScope, LeavePart, LeaveStatus, RuleFamily};

    fn base() -> TinyInstance {
        TinyInstance::new(7)
            .shift("M", "08:00", "12:00", 0)
            .shift("J", "09:00", "17:00", 60)
            .shift("S", "13:00", "17:00", 0)
            .shift("X", "11:00", "13:00", 0)
            .secretariat("A", "P1")
            .secretariat("B", "P1")
            .secretariat("C", "P2")
            .agent("ann", "A", &["B"])
    }

    #[test]
    fn one_shift_at_a_time_overlap_at_two_secretariats() {
        let inst = base().build();
        let bad = plan(&inst, &[("ann", 0, "M", "A"), ("ann", 0, "X", "B")]);
        let clean = plan(&inst, &[("ann", 0, "M", "A"), ("ann", 0, "S", "B")]);
        let v = exactly_one(&inst, &bad, &clean, RuleFamily::OneShiftAtATime);
        assert_eq!(
            v.message,
            "agent ann works M (08:00–12:00) at A on Mon 2026-12-07 and also X (11:00–13:00) at B on Mon 2026-12-07: the two shifts overlap by 1h00"
        );
        assert_eq!((v.agent, v.day), (Some(0), Some(0)));
    }

    #[test]
    fn one_shift_at_a_time_night_shift_into_next_morning() {
        // N on Monday ends Tuesday 07:00; a Tuesday 06:00 start overlaps it.
        // An overlap across days is also a negative daily rest (−1h < 0),
        // so exactly these two families fire; the clean twin has a 0h rest.
        let inst = TinyInstance::new(7)
            .shift("N", "21:00", "07:00", 60)
            .shift("E", "06:00", "08:00", 0)
            .shift("L", "07:00", "09:00", 0)
            .secretariat("A", "P")
            .opening(
                "A",
                &[chrono::Weekday::Mon, chrono::Weekday::Tue],
                "00:00",
                "31:00",
            )
            .agent("ann", "A", &[])
            .rules(|r| r.min_daily_rest_minutes = 0)
            .build();
        let bad = plan(&inst, &[("ann", 0, "N", "A"), ("ann", 1, "E", "A")]);
        let clean = plan(&inst, &[("ann", 0, "N", "A"), ("ann", 1, "L", "A")]);
        let families: Vec<_> = crate::check::evaluate(&inst, &bad)
            .violations
            .iter()
            .map(|v| v.family)
            .collect();
        assert_eq!(
            families,
            vec![RuleFamily::OneShiftAtATime, RuleFamily::MinDailyRest]
        );
        assert!(crate::check::evaluate(&inst, &clean).violations.is_empty());
    }

    #[test]
    fn one_shift_at_a_time_exact_duplicate_row() {
        let inst = base().build();
        let mut bad = plan(&inst, &[("ann", 0, "M", "A")]);
        bad.assignments.push(bad.assignments[0]);
        let clean = plan(&inst, &[("ann", 0, "M", "A")]);
        exactly_one(&inst, &bad, &clean, RuleFamily::OneShiftAtATime);
    }

    #[test]
    fn eligibility_outside_home_and_covers() {
        let inst = base().build();
        let bad = plan(&inst, &[("ann", 0, "M", "C")]);
        let clean = plan(&inst, &[("ann", 0, "M", "B")]);
        let v = exactly_one(&inst, &bad, &clean, RuleFamily::Eligibility);
        assert_eq!(v.message, "agent ann works M (08:00–12:00) at C on Mon 2026-12-07 but may work only at A (home) and B");
    }

    #[test]
    fn opening_closed_weekday() {
        let inst = base().build();
        let bad = plan(&inst, &[("ann", 5, "M", "A")]); // Saturday
        let clean = plan(&inst, &[("ann", 4, "M", "A")]);
        let v = exactly_one(&inst, &bad, &clean, RuleFamily::Opening);
        assert!(
            v.message.contains("not open on that weekday"),
            "{}",
            v.message
        );
    }

    #[test]
    fn opening_holiday_and_closure_and_dated_need() {
        let inst = base().holiday(1).closure("A", 2).build();
        let bad = plan(&inst, &[("ann", 1, "M", "A")]);
        let clean = plan(&inst, &[("ann", 3, "M", "A")]);
        let v = exactly_one(&inst, &bad, &clean, RuleFamily::Opening);
        assert!(v.message.contains("public holiday"), "{}", v.message);
        let bad = plan(&inst, &[("ann", 2, "M", "A")]);
        let v = exactly_one(&inst, &bad, &clean, RuleFamily::Opening);
        assert!(v.message.contains("closures.csv"), "{}", v.message);
        // A dated need opens a closed day.
        let mut inst = base()
            .holiday(1)
            .need("A", 1, "08:00", "12:00", 1, 1, None)
            .build();
        inst.needs[0].dated = true;
        let ok = plan(&inst, &[("ann", 1, "M", "A")]);
        assert!(crate::check::evaluate(&inst, &ok).violations.is_empty());
    }

    #[test]
    fn opening_outside_hours() {
        let inst = base()
            .opening("A", &[chrono::Weekday::Mon], "08:30", "20:00")
            .build();
        let bad = plan(&inst, &[("ann", 0, "M", "A")]);
        let clean = plan(&inst, &[("ann", 0, "J", "A")]);
        let v = exactly_one(&inst, &bad, &clean, RuleFamily::Opening);
        assert!(
            v.message.contains("outside its opening hours 08:30–20:00"),
            "{}",
            v.message
        );
    }

    #[test]
    fn unavailability_window_scope() {
        let inst = base()
            .availability(
                "ann",
                0,
                AvailabilityKind::Off,
                AvailabilityScope::Window {
                    start: 14 * 60,
                    end: 15 * 60,
                },
                1.0,
            )
            .build();
        let bad = plan(&inst, &[("ann", 0, "S", "A")]);
        let clean = plan(&inst, &[("ann", 0, "M", "A")]);
        let v = exactly_one(&inst, &bad, &clean, RuleFamily::Unavailability);
        assert!(v.message.contains("window 14:00–15:00"), "{}", v.message);
    }

    #[test]
    fn unavailability_shift_scope_and_soft_rows_are_not_hard() {
        let inst = base()
            .availability(
                "ann",
                0,
                AvailabilityKind::Off,
                AvailabilityScope::Shift(0),
                1.0,
            )
            .availability(
                "ann",
                1,
                AvailabilityKind::PreferOff,
                AvailabilityScope::AllShifts,
                1.0,
            )
            .build();
        let bad = plan(&inst, &[("ann", 0, "M", "A"), ("ann", 1, "M", "A")]);
        let clean = plan(&inst, &[("ann", 0, "S", "A"), ("ann", 1, "M", "A")]);
        exactly_one(&inst, &bad, &clean, RuleFamily::Unavailability);
    }

    #[test]
    fn leave_approved_whole_day() {
        let inst = base()
            .leave("ann", "CA", 1, 2, LeaveStatus::Approved, LeavePart::Day)
            .build();
        let bad = plan(&inst, &[("ann", 2, "M", "A")]);
        let clean = plan(&inst, &[("ann", 3, "M", "A")]);
        let v = exactly_one(&inst, &bad, &clean, RuleFamily::Leave);
        assert!(
            v.message.contains("approved leave L2 (CA, whole day"),
            "{}",
            v.message
        );
    }

    #[test]
    fn leave_half_days_follow_the_split() {
        // am blocks start < 13:00; pm blocks end > 13:00.
        let inst = base()
            .leave("ann", "RTT", 0, 0, LeaveStatus::Approved, LeavePart::Am)
            .leave("ann", "RTT", 1, 1, LeaveStatus::Approved, LeavePart::Pm)
            .build();
        let bad = plan(&inst, &[("ann", 0, "M", "A"), ("ann", 1, "M", "A")]);
        let clean = plan(&inst, &[("ann", 0, "S", "A"), ("ann", 1, "M", "A")]);
        exactly_one(&inst, &bad, &clean, RuleFamily::Leave);
        let bad = plan(&inst, &[("ann", 0, "S", "A"), ("ann", 1, "J", "A")]);
        exactly_one(&inst, &bad, &clean, RuleFamily::Leave);
    }

    #[test]
    fn leave_requested_blocks_only_when_granted() {
        let inst = base()
            .leave("ann", "CA", 0, 0, LeaveStatus::Requested, LeavePart::Day)
            .build();
        let mut bad = plan(&inst, &[("ann", 0, "M", "A")]);
        bad.granted = vec![0];
        let clean = plan(&inst, &[("ann", 0, "M", "A")]); // refused: she may work
        let v = exactly_one(&inst, &bad, &clean, RuleFamily::Leave);
        assert!(v.message.contains("granted leave"), "{}", v.message);
    }
}
