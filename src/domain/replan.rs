//! Facts of a replan that the model and the checker both need: which rows
//! of the previous planning can no longer be worked, and, on short-notice
//! days, which rows may be added (those covering a minimum need left short
//! once the unworkable rows are gone). README "Model semantics", "Replan".

use super::calendar::DAY_MINUTES;
use super::instance::{AvailabilityKind, Instance, NeedWindow, SecretariatIdx, ShiftIdx};
use super::planning::{Assignment, ReplanContext};
use super::Day;
use std::collections::{BTreeMap, BTreeSet};

/// Whether `a` can still be worked: eligibility, opening (day and hours),
/// `off` rows, approved leave and the requests granted in the previous planning.
pub fn still_workable(inst: &Instance, ctx: &ReplanContext, a: &Assignment) -> bool {
    let agent = &inst.agents[a.agent];
    let shift = &inst.shifts[a.shift];
    let sec = &inst.secretariats[a.secretariat];
    if !agent.may_work_at(a.secretariat) || !inst.is_open(a.secretariat, a.day) {
        return false;
    }
    if shift.start < sec.opens || shift.end > sec.closes {
        return false;
    }
    let off = inst.availability.iter().any(|o| {
        o.agent == a.agent
            && o.day == a.day
            && o.kind == AvailabilityKind::Off
            && o.scope.matches(a.shift, shift)
    });
    if off {
        return false;
    }
    let date = inst.horizon.date(a.day);
    !inst.leaves.iter().enumerate().any(|(i, l)| {
        l.agent == a.agent
            && (l.status == super::LeaveStatus::Approved || ctx.previous.granted.contains(&i))
            && l.first_day <= date
            && date <= l.last_day
            && l.blocks(shift, inst.rules.half_day_split)
    })
}

/// The (secretariat, day, shift) rows that may be added on short-notice
/// days: the shift overlaps, at that secretariat and day, a minute where the
/// summed minimum of the minute needs exceeds the staffing of the previous
/// planning once its unworkable rows are removed, or it is the shift of a
/// shift-kind need short in the same sense.
pub fn short_notice_additions(
    inst: &Instance,
    ctx: &ReplanContext,
) -> BTreeSet<(SecretariatIdx, Day, ShiftIdx)> {
    let kept: Vec<&Assignment> = ctx
        .previous
        .assignments
        .iter()
        .filter(|a| still_workable(inst, ctx, a))
        .collect();
    let mut allowed = BTreeSet::new();
    for &day in &ctx.notice_days {
        for sec in 0..inst.secretariats.len() {
            let needs: Vec<_> = inst
                .needs
                .iter()
                .filter(|n| n.secretariat == sec && n.day == day)
                .collect();
            if needs.is_empty() {
                continue;
            }
            // Minute needs: short minutes (absolute).
            let mut short: BTreeSet<i64> = BTreeSet::new();
            let mut min_at: BTreeMap<i64, u32> = BTreeMap::new();
            for n in &needs {
                if let NeedWindow::Minutes { start, end } = n.window {
                    for t in start..end {
                        *min_at.entry(day as i64 * DAY_MINUTES + t).or_insert(0) += n.min;
                    }
                }
            }
            for (&t, &min) in &min_at {
                let staffed = kept
                    .iter()
                    .filter(|a| {
                        a.secretariat == sec
                            && inst.shifts[a.shift].abs_start(a.day) <= t
                            && t < inst.shifts[a.shift].abs_end(a.day)
                    })
                    .count() as u32;
                if staffed < min {
                    short.insert(t);
                }
            }
            for (s, shift) in inst.shifts.iter().enumerate() {
                if short
                    .range(shift.abs_start(day)..shift.abs_end(day))
                    .next()
                    .is_some()
                {
                    allowed.insert((sec, day, s));
                }
            }
            // Shift-kind needs.
            let mut shift_min: BTreeMap<ShiftIdx, u32> = BTreeMap::new();
            for n in &needs {
                if let NeedWindow::Shift(s) = n.window {
                    *shift_min.entry(s).or_insert(0) += n.min;
                }
            }
            for (s, min) in shift_min {
                let staffed = kept
                    .iter()
                    .filter(|a| a.secretariat == sec && a.day == day && a.shift == s)
                    .count() as u32;
                if staffed < min {
                    allowed.insert((sec, day, s));
                }
            }
        }
    }
    allowed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::TinyInstance;
    use crate::domain::{LeavePart, LeaveStatus, Planning};

    #[test]
    fn a_new_sick_leave_makes_its_row_unworkable_and_opens_the_short_window() {
        let inst = TinyInstance::new(5)
            .shift("M", "08:00", "12:30", 0)
            .shift("S", "13:00", "17:30", 0)
            .secretariat("A", "P")
            .agent("X", "A", &[])
            .agent("Y", "A", &[])
            .need("A", 0, "08:30", "12:30", 1, 1, None)
            .leave("X", "MALADIE", 0, 0, LeaveStatus::Approved, LeavePart::Day)
            .build();
        let previous = Planning {
            assignments: vec![Assignment {
                agent: 0,
                day: 0,
                shift: 0,
                secretariat: 0,
            }],
            granted: vec![],
        };
        let ctx = ReplanContext {
            previous,
            from: 0,
            locked: vec![],
            notice_days: vec![0, 1],
        };
        assert!(!still_workable(&inst, &ctx, &ctx.previous.assignments[0]));
        let allowed = short_notice_additions(&inst, &ctx);
        assert_eq!(
            allowed.into_iter().collect::<Vec<_>>(),
            vec![(0, 0, 0)],
            "only the morning shift covers the short window"
        );
    }
}
