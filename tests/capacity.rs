//! `rota::capacity` on hand-computed instances: demand and available
//! agent-minutes per pôle, secretariat and ISO week, the statuses, the
//! certain day-level shortfalls and the two renderings.

use chrono::Weekday;
use rota::capacity::{capacity, capacity_csv, capacity_text, AgentWeek, DayShortfall, Status};
use rota::domain::testkit::TinyInstance;
use rota::domain::{AvailabilityKind, AvailabilityScope, LeavePart, LeaveStatus};

/// One week Mon 2026-12-07 .. Sun 2026-12-13 (W50, month 2026-12),
/// Thursday 10 a public holiday. Pôle P: S1 and S2.
///
/// Agents (37h30 contract = 2250 min/week, daily credit 2250/5 = 450):
/// - A: home S1, covers S2, 100 %; approved CA on Tuesday.
///   due 2250, credited 450 (holiday) + 450 (CA) = 900 → available 1350.
/// - B: home S1, 80 %, Wednesday off (fixed day off): due 1800 over 4 usual
///   days, daily credit 450; credited 450 (holiday) → available 1350.
/// - C: home S2, 100 %: due 2250, credited 450 → available 1800.
///
/// Overtime share: cap 20h = 1200 min, one week of December in the
/// horizon → 1200 each.
///
/// Needs:
/// - S1 Mon 08:00–12:00 min 2 target 3 → 2 × 240 = 480 (target 720)
/// - S1 Mon 10:00–11:00 min 1 target 1 → 60 (target 60), overlapping
/// - S1 Wed shift J (08:30–17:00, 1h break: 450 paid) min 1 target 2 → 450 (900)
/// - S2 Tue 08:00–18:00 min 2 target 2 → 2 × 600 = 1200 (1200)
/// - S2 Fri 08:00–12:00 min 1 target 1 → 240 (240)
///
/// S1: demand 990, target 1680; eligible A + B = 2700, +2 × 1200 = 5100.
/// S2: demand 1440, target 1440; eligible A + C = 3150, +2400 = 5550.
/// Pôle: demand 2430, target 3120; home A + B + C = 4500, +3600 = 8100.
fn hand_case() -> rota::domain::Instance {
    TinyInstance::new(7)
        .shift("M", "08:00", "12:00", 0)
        .shift("J", "08:30", "17:00", 60)
        .secretariat("S1", "P")
        .secretariat("S2", "P")
        .agent("A", "S1", &["S2"])
        .agent("B", "S1", &[])
        .with_agent(|a| {
            a.rate = 80.0;
            a.fixed_days_off = vec![Weekday::Wed];
        })
        .agent("C", "S2", &[])
        .availability(
            "B",
            2,
            AvailabilityKind::Off,
            AvailabilityScope::AllShifts,
            1.0,
        )
        .leave("A", "CA", 1, 1, LeaveStatus::Approved, LeavePart::Day)
        .holiday(3)
        .need("S1", 0, "08:00", "12:00", 2, 3, None)
        .need("S1", 0, "10:00", "11:00", 1, 1, None)
        .shift_need("S1", 2, "J", 1, 2, None)
        .need("S2", 1, "08:00", "18:00", 2, 2, None)
        .need("S2", 4, "08:00", "12:00", 1, 1, None)
        .build()
}

#[test]
fn hand_computed_week() {
    let inst = hand_case();
    let r = capacity(&inst);
    assert_eq!(r.weeks.len(), 1);
    assert_eq!(
        (
            r.weeks[0].label.as_str(),
            r.weeks[0].month.as_str(),
            r.weeks[0].weeks_in_month
        ),
        ("2026-W50", "2026-12", 1)
    );
    assert_eq!(
        r.agents[0][0],
        AgentWeek {
            due: 2250,
            credited: 900,
            available: 1350,
            overtime_share: 1200
        }
    );
    assert_eq!(
        r.agents[1][0],
        AgentWeek {
            due: 1800,
            credited: 450,
            available: 1350,
            overtime_share: 1200
        }
    );
    assert_eq!(
        r.agents[2][0],
        AgentWeek {
            due: 2250,
            credited: 450,
            available: 1800,
            overtime_share: 1200
        }
    );

    assert_eq!(r.poles.len(), 1);
    let p = &r.poles[0];
    assert_eq!(p.home_agents, vec![0, 1, 2]);
    assert!(p.helpers.is_empty());
    let f = p.weeks[0].figures;
    assert_eq!(
        (f.demand, f.target, f.available, f.available_with_overtime),
        (2430, 3120, 4500, 8100)
    );
    assert_eq!(f.status(), Status::Ok);
    let s1 = p.secretariats[0].weeks[0];
    assert_eq!(
        (
            s1.demand,
            s1.target,
            s1.available,
            s1.available_with_overtime
        ),
        (990, 1680, 2700, 5100)
    );
    let s2 = p.secretariats[1].weeks[0];
    assert_eq!(
        (
            s2.demand,
            s2.target,
            s2.available,
            s2.available_with_overtime
        ),
        (1440, 1440, 3150, 5550)
    );
    assert_eq!(p.secretariats[1].eligible, vec![0, 2]);

    // Day level: S1 Monday needs 3 at once 10:00–11:00 and has A, B (2);
    // S1 Wednesday's J needs 1, A present (B off): fine; S2 Tuesday needs 2
    // all day, A is on CA, only C present; S2 Friday needs 1: fine.
    assert_eq!(
        r.day_shortfalls,
        vec![
            DayShortfall {
                secretariat: 0,
                day: 0,
                start: 600,
                end: 660,
                peak_min: 3,
                eligible: 2,
                present: 2
            },
            DayShortfall {
                secretariat: 1,
                day: 1,
                start: 480,
                end: 1080,
                peak_min: 2,
                eligible: 2,
                present: 1
            },
        ]
    );

    assert_eq!(
        capacity_csv(&r),
        "pole,secretariat,week,demand_minutes,target_minutes,available_minutes,available_with_overtime_minutes,ratio,status\n\
         P,,2026-W50,2430,3120,4500,8100,0.540,ok\n\
         P,S1,2026-W50,990,1680,2700,5100,0.367,ok\n\
         P,S2,2026-W50,1440,1440,3150,5550,0.457,ok\n"
    );
    let text = capacity_text(&r);
    assert!(text.contains("40.5/75h 54%"), "{text}");
    assert!(text.contains("No short week."), "{text}");
    assert!(
        text.contains(
            "S1 Mon 2026-12-07 10:00–11:00: 3 needed at once, 2 of 2 eligible present (1 missing)"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "S2 Tue 2026-12-08 08:00–18:00: 2 needed at once, 1 of 2 eligible present (1 missing)"
        ),
        "{text}"
    );
}

/// Secretariats S1 (P), T (Q), S2 (P): pôles in order P, Q. One week, no
/// holiday; every agent full time: available 2250, overtime share 1200.
/// S1 needs Mon–Fri 07:00–19:00 min 1: 5 × 720 = 3600 > 2250 + 1200 of
/// its only eligible agent A: short even with overtime. S2 needs Mon 08:00–18:00
/// min 1 (600) and Tue shift J min 1 (450): 1050 against B, C and D
/// (helper from Q): 6750. Pôle P: 4650 against A, B, C = 6750 → ratio
/// 0.689, ok, while S1 is short. D (home T in Q, covers S2) is a helper of P
/// with 2250 available (3450 with overtime).
#[test]
fn a_secretariat_short_while_the_pole_is_not() {
    let inst = TinyInstance::new(7)
        .shift("J", "08:30", "17:00", 60)
        .secretariat("S1", "P")
        .secretariat("T", "Q")
        .secretariat("S2", "P")
        .agent("A", "S1", &[])
        .agent("B", "S2", &[])
        .agent("C", "S2", &[])
        .agent("D", "T", &["S2"])
        .need("S1", 0, "07:00", "19:00", 1, 1, None)
        .need("S1", 1, "07:00", "19:00", 1, 1, None)
        .need("S1", 2, "07:00", "19:00", 1, 1, None)
        .need("S1", 3, "07:00", "19:00", 1, 1, None)
        .need("S1", 4, "07:00", "19:00", 1, 1, None)
        .need("S2", 0, "08:00", "18:00", 1, 1, None)
        .shift_need("S2", 1, "J", 1, 1, None)
        .build();
    let r = capacity(&inst);
    let names: Vec<&str> = r.poles.iter().map(|p| p.pole.as_str()).collect();
    assert_eq!(names, vec!["P", "Q"]);
    let p = &r.poles[0];
    assert_eq!(
        p.secretariats
            .iter()
            .map(|s| s.secretariat)
            .collect::<Vec<_>>(),
        vec![0, 2]
    );
    assert_eq!(
        (p.home_agents.clone(), p.helpers.clone()),
        (vec![0, 1, 2], vec![3])
    );
    let pw = p.weeks[0];
    assert_eq!(
        (
            pw.figures.demand,
            pw.figures.available,
            pw.figures.available_with_overtime
        ),
        (4650, 6750, 10350)
    );
    assert_eq!(
        (
            pw.available_from_other_poles,
            pw.available_from_other_poles_with_overtime
        ),
        (2250, 3450)
    );
    assert_eq!(pw.figures.status(), Status::Ok);
    let s1 = p.secretariats[0].weeks[0];
    assert_eq!(
        (s1.demand, s1.available, s1.available_with_overtime),
        (3600, 2250, 3450)
    );
    assert_eq!(s1.status(), Status::ShortEvenWithOvertime);
    let s2 = p.secretariats[1].weeks[0];
    assert_eq!((s2.demand, s2.available), (1050, 6750));
    assert_eq!(s2.status(), Status::Ok);
    // Pôle Q: no need, one home agent.
    let q = r.poles[1].weeks[0].figures;
    assert_eq!((q.demand, q.available, q.status()), (0, 2250, Status::Ok));
    assert!(r.day_shortfalls.is_empty());

    let csv = capacity_csv(&r);
    assert!(
        csv.contains("\nP,S1,2026-W50,3600,3600,2250,3450,1.600,short_even_with_overtime\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\nP,,2026-W50,4650,4650,6750,10350,0.689,ok\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\nQ,,2026-W50,0,0,2250,3450,0.000,ok\n"),
        "{csv}"
    );
    let text = capacity_text(&r);
    assert!(text.contains("2026-W50 S1: needs 60h, 37.5h available (57.5h with overtime) — short even with overtime"), "{text}");
    assert!(text.contains("help, other pôles"), "{text}");
}

/// Overtime share: a horizon of 3 weeks of December and 1 of January
/// (Mon 14 Dec 2026 .. Sun 10 Jan 2027: W51, W52, W53 by their Thursday in
/// December, W01 in January) splits the 20h cap in 3 (400 min) and 1 (1200).
#[test]
fn overtime_share_splits_the_cap_over_the_month_weeks() {
    let inst = TinyInstance::starting("2026-12-14", 28)
        .secretariat("S", "P")
        .agent("A", "S", &[])
        .build();
    let r = capacity(&inst);
    let shares: Vec<i64> = r.agents[0].iter().map(|w| w.overtime_share).collect();
    assert_eq!(shares, vec![400, 400, 400, 1200]);
    assert_eq!(
        r.weeks.iter().map(|w| w.month.as_str()).collect::<Vec<_>>(),
        vec!["2026-12", "2026-12", "2026-12", "2027-01"]
    );
}
