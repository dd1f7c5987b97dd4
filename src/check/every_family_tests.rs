//! Issue 4: `check` on a hand-edited planning with one violation of each
//! hard rule family. One table, built by an exhaustive match over
//! [`RuleFamily`] (a new family does not compile until it has its case):
//! for every hard family, a small instance and a planning breaking exactly
//! that rule once; the checker must report exactly that one violation.
//! `replan_keep` needs a previous planning and goes through
//! [`evaluate_replan`].

use super::testutil::plan;
use super::{evaluate, evaluate_replan, Evaluation};
use crate::domain::testkit::TinyInstance;
use crate::domain::{
    AvailabilityKind, AvailabilityScope, LeavePart, LeaveStatus, ReplanContext, RuleFamily,
    RuleKind,
};
use chrono::Weekday::*;

/// Mon 2026-12-07..Sun 2026-12-13; M 08:00–12:00, S 13:00–17:00, L
/// 08:00–17:00 (9 h paid), E 07:00–11:00, T 16:00–20:00; A and B (pôle
/// P1, open Mon–Fri 07:00–20:00), C (P2); ann at A, covering B.
fn base() -> TinyInstance {
    TinyInstance::new(7)
        .shift("M", "08:00", "12:00", 0)
        .shift("S", "13:00", "17:00", 0)
        .shift("L", "08:00", "17:00", 0)
        .shift("E", "07:00", "11:00", 0)
        .shift("T", "16:00", "20:00", 0)
        .secretariat("A", "P1")
        .secretariat("B", "P1")
        .secretariat("C", "P2")
        .agent("ann", "A", &["B"])
}

/// ann's rows `(day, shift, secretariat)`.
fn ann(
    days: &[(usize, &'static str, &'static str)],
) -> Vec<(&'static str, usize, &'static str, &'static str)> {
    days.iter().map(|&(d, s, sec)| ("ann", d, s, sec)).collect()
}

fn m_on(days: &[usize]) -> Vec<(&'static str, usize, &'static str, &'static str)> {
    days.iter().map(|&d| ("ann", d, "M", "A")).collect()
}

/// The evaluation of a planning breaking exactly `family` once (`None` for a soft family).
fn broken(family: RuleFamily) -> Option<Evaluation> {
    use RuleFamily::*;
    let every_day = [Mon, Tue, Wed, Thu, Fri, Sat, Sun];
    let simple = |t: TinyInstance, rows: Vec<(&'static str, usize, &'static str, &'static str)>| {
        let inst = t.build();
        let p = plan(&inst, &rows);
        evaluate(&inst, &p)
    };
    Some(match family {
        OneShiftAtATime => simple(base(), ann(&[(0, "M", "A"), (0, "M", "B")])),
        Eligibility => simple(base(), ann(&[(0, "M", "C")])),
        Opening => simple(base(), ann(&[(5, "M", "A")])),
        Unavailability => simple(
            base().availability(
                "ann",
                0,
                AvailabilityKind::Off,
                AvailabilityScope::AllShifts,
                1.0,
            ),
            m_on(&[0]),
        ),
        Leave => simple(
            base().leave(
                "ann",
                "MALADIE",
                1,
                1,
                LeaveStatus::Approved,
                LeavePart::Day,
            ),
            m_on(&[1]),
        ),
        MaxDailyHours => simple(
            base().rules(|r| r.max_daily_minutes = 8 * 60 + 59),
            ann(&[(0, "L", "A")]),
        ),
        MaxAmplitude => simple(base(), ann(&[(0, "E", "A"), (0, "T", "A")])),
        MinDailyRest => simple(base(), ann(&[(0, "T", "A"), (1, "E", "A")])),
        MinWeeklyRest => {
            // Off Wednesday only: T Tue (ends 20:00) to M Thu (08:00) = 36 h < 36 h 01.
            let t = base()
                .opening("A", &every_day, "07:00", "20:00")
                .rules(|r| r.min_weekly_rest_minutes = 36 * 60 + 1);
            simple(
                t,
                ann(&[
                    (0, "M", "A"),
                    (1, "T", "A"),
                    (3, "M", "A"),
                    (4, "M", "A"),
                    (5, "M", "A"),
                    (6, "M", "A"),
                ]),
            )
        }
        MaxWeeklyHours => simple(
            base().rules(|r| r.max_weekly_minutes = 8 * 60),
            m_on(&[0, 1, 2]),
        ),
        MaxDaysPerWeek => simple(
            base().contract("two", |c| c.max_days_per_week = 2),
            m_on(&[0, 1, 2]),
        ),
        MaxConsecutiveDays => simple(
            base().rules(|r| r.max_consecutive_days = 2),
            m_on(&[0, 1, 2]),
        ),
        MinConsecutiveDays => simple(
            base().contract("two", |c| c.min_consecutive_days = 2),
            m_on(&[0, 1, 3]),
        ),
        MinConsecutiveDaysOff => simple(
            base().rules(|r| r.min_consecutive_days_off = 2),
            m_on(&[0, 2]),
        ),
        MaxWeekends => simple(
            base()
                .opening("A", &every_day, "07:00", "20:00")
                .contract("none", |c| c.max_weekends = Some(0)),
            m_on(&[5]),
        ),
        TotalHours => simple(
            base().contract("short", |c| c.max_total_minutes = Some(4 * 60)),
            m_on(&[0, 1]),
        ),
        MaxShiftsPerKind => simple(
            base().contract("one_m", |c| c.max_shifts[0] = Some(1)),
            m_on(&[0, 1]),
        ),
        CannotFollow => simple(
            base().cannot_follow("M", "S"),
            ann(&[(0, "M", "A"), (1, "S", "A")]),
        ),
        LeaveBalance => {
            let inst = base()
                .with_agent(|a| a.ca_days_left = Some(0.0))
                .leave("ann", "CA", 3, 3, LeaveStatus::Requested, LeavePart::Day)
                .build();
            let mut p = plan(&inst, &[]);
            p.granted = vec![0];
            evaluate(&inst, &p)
        }
        OvertimeCap => {
            // 5 × 9 h = 45 h against 37 h 30 due: 7 h 30 of overtime, cap 7 h.
            simple(
                base().rules(|r| r.overtime_cap_month_minutes = 7 * 60),
                ann(&[0, 1, 2, 3, 4].map(|d| (d, "L", "A"))),
            )
        }
        ReplanKeep => {
            let inst = base().build();
            let previous = plan(&inst, &m_on(&[0]));
            let ctx = ReplanContext {
                previous,
                from: 1,
                locked: Vec::new(),
                notice_days: vec![1, 2],
            };
            evaluate_replan(&inst, &plan(&inst, &[]), &ctx)
        }
        Coverage | HoursBalance | Preferences | AwayFromHome | SecretariatChange => return None,
    })
}

#[test]
fn one_violation_of_each_hard_family() {
    let mut seen = Vec::new();
    for &family in RuleFamily::ALL {
        let Some(e) = broken(family) else {
            assert_eq!(
                family.kind(),
                RuleKind::Soft,
                "{} has no case",
                family.name()
            );
            continue;
        };
        assert_eq!(family.kind(), RuleKind::Hard, "{}", family.name());
        let families: Vec<&str> = e.violations.iter().map(|v| v.family.name()).collect();
        assert_eq!(
            families,
            vec![family.name()],
            "the {} case must break that rule once and nothing else",
            family.name()
        );
        assert!(!e.violations[0].message.is_empty());
        seen.push(family);
    }
    let hard: Vec<RuleFamily> = RuleFamily::ALL
        .iter()
        .copied()
        .filter(|f| f.kind() == RuleKind::Hard)
        .collect();
    assert_eq!(seen, hard);
}
