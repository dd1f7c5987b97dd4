//! Unit tests of the replacement candidates on hand-written plannings.

use super::*;
use crate::domain::testkit::TinyInstance;
use crate::domain::{AvailabilityScope, LeavePart, LeaveStatus};

fn plan(inst: &Instance, rows: &[(&str, usize, &str, &str)]) -> Planning {
    let assignments = rows
        .iter()
        .map(|&(a, d, s, sec)| Assignment {
            agent: inst.agent_index(a).expect("agent"),
            day: d,
            shift: inst.shift_index(s).expect("shift"),
            secretariat: inst.secretariat_index(sec).expect("secretariat"),
        })
        .collect();
    let mut p = Planning {
        assignments,
        granted: Vec::new(),
    };
    p.normalize(inst);
    p
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-6, "{a} != {b}");
}

#[test]
fn a_free_agent_fills_the_gap() {
    // Mon–Fri, need S Mon 08:00–12:00 min 2; A works M there, B is free.
    // Adding B's M: uncovered −1000/60 × 240 = −4000, her under-hours
    // −15 × 4 = −60: cost −4060, no hard rule broken. A is already there.
    let inst = TinyInstance::new(5)
        .shift("M", "08:00", "12:00", 0)
        .secretariat("S", "P")
        .agent("A", "S", &[])
        .agent("B", "S", &[])
        .need("S", 0, "08:00", "12:00", 2, 2, None)
        .build();
    let p = plan(&inst, &[("A", 0, "M", "S")]);
    let gaps = replacements(&inst, &p);
    assert_eq!(gaps.len(), 1);
    let g = &gaps[0];
    assert_eq!(
        (
            g.secretariat,
            g.day,
            g.start,
            g.end,
            g.shift,
            g.min,
            g.assigned
        ),
        (0, 0, 480, 720, None, 2, 1)
    );
    assert_eq!((g.tried, g.eligible), (Some((0, 0)), 1));
    assert_eq!(g.candidates.len(), 1);
    let c = &g.candidates[0];
    assert_eq!((c.agent, c.shift, c.day), (1, 0, 0));
    assert!(c.is_free() && c.messages.is_empty() && c.absence.is_none() && c.busy_with.is_none());
    close(c.cost, -4060.0);
    let csv = replacements_csv(&inst, &gaps, false);
    assert_eq!(
        csv,
        "secretariat,pole,date,start,end,min,assigned,rank,candidate,shift,cost,blocked_by,detail\n\
         S,P,2026-12-07,08:00,12:00,2,1,1,B,M,-4060.00,,free replacement\n"
    );
}

#[test]
fn blocked_only_by_max_daily_hours() {
    // B works M 08:00–12:30 (4h30); the gap 13:00–17:00 is covered by S
    // 12:30–17:30 (5h): 9h30 paid that day > 9h; amplitude 9h30 ≤ 10h30.
    let inst = TinyInstance::new(5)
        .shift("M", "08:00", "12:30", 0)
        .shift("S", "12:30", "17:30", 0)
        .secretariat("X", "P")
        .agent("B", "X", &[])
        .need("X", 0, "13:00", "17:00", 1, 1, None)
        .build();
    let p = plan(&inst, &[("B", 0, "M", "X")]);
    let gaps = replacements(&inst, &p);
    assert_eq!(gaps.len(), 1);
    let c = &gaps[0].candidates[0];
    assert_eq!(c.blocked_by, vec![RuleFamily::MaxDailyHours]);
    assert_eq!(c.messages.len(), 1);
    assert!(c.absence.is_none() && c.busy_with.is_none());
    assert_eq!(
        c.reasons,
        vec!["would be paid 9h30 that day, above the 9h00 daily maximum".to_string()]
    );
    // uncovered −1000/60 × 240 = −4000; under-hours −15 × 5 = −75.
    close(c.cost, -4075.0);
    let csv = replacements_csv(&inst, &gaps, false);
    assert!(csv.contains(",1,B,S,-4075.00,max_daily_hours,\"would be paid 9h30 that day, above the 9h00 daily maximum\"\n"), "{csv}");
}

#[test]
fn the_only_candidate_is_on_leave_and_the_type_is_redacted() {
    let inst = TinyInstance::new(5)
        .shift("M", "08:00", "12:00", 0)
        .secretariat("S", "P")
        .agent("C", "S", &[])
        .leave("C", "MALADIE", 0, 0, LeaveStatus::Approved, LeavePart::Day)
        .need("S", 0, "08:00", "12:00", 1, 1, None)
        .build();
    let gaps = replacements(&inst, &Planning::default());
    let g = &gaps[0];
    assert_eq!(g.absent, vec![(0, "MALADIE".to_string())]);
    let c = &g.candidates[0];
    assert_eq!(c.blocked_by, vec![RuleFamily::Leave]);
    assert_eq!(c.absence.as_deref(), Some("MALADIE"));
    assert!(c.reasons.is_empty());
    let hidden = replacements_csv(&inst, &gaps, false);
    assert!(
        hidden.contains(",1,C,M,") && hidden.contains(",leave,absent (ABS)\n"),
        "{hidden}"
    );
    assert!(!hidden.contains("MALADIE"), "{hidden}");
    let shown = replacements_csv(&inst, &gaps, true);
    assert!(shown.contains(",leave,absent (MALADIE)\n"), "{shown}");
}

#[test]
fn an_off_row_is_an_absence_too() {
    let inst = TinyInstance::new(5)
        .shift("M", "08:00", "12:00", 0)
        .secretariat("S", "P")
        .agent("C", "S", &[])
        .availability(
            "C",
            0,
            crate::domain::AvailabilityKind::Off,
            AvailabilityScope::Window {
                start: 600,
                end: 660,
            },
            1.0,
        )
        .need("S", 0, "08:00", "12:00", 1, 1, None)
        .build();
    let gaps = replacements(&inst, &Planning::default());
    let c = &gaps[0].candidates[0];
    assert_eq!(
        (c.blocked_by.clone(), c.absence.as_deref()),
        (vec![RuleFamily::Unavailability], Some("off"))
    );
}

#[test]
fn ranking_absent_last_then_fewest_families_then_cost_then_agent_and_at_most_five() {
    // Need S Mon 08:00–12:00 min 1, nobody there. Agents on leave rank last
    // (nobody is called back from leave). Costs of adding M at S:
    // P, V, W (home S, free): −4000 uncovered −60 under-hours = −4060;
    // Q (home T, covers S, free): −4060 + 2 away_from_home = −4058;
    // U (home S, covers T, works M at T): −4000 − 60 + 3 secretariat change
    //   = −4057, blocked by one_shift_at_a_time;
    // R (home S, on CA): −4060, blocked by leave, absent — sixth, dropped.
    let inst = TinyInstance::new(5)
        .shift("M", "08:00", "12:00", 0)
        .secretariat("S", "P")
        .secretariat("T", "P")
        .agent("P", "S", &[])
        .agent("Q", "T", &["S"])
        .agent("R", "S", &[])
        .agent("U", "S", &["T"])
        .agent("V", "S", &[])
        .agent("W", "S", &[])
        .leave("R", "CA", 0, 0, LeaveStatus::Approved, LeavePart::Day)
        .need("S", 0, "08:00", "12:00", 1, 1, None)
        .build();
    let p = plan(&inst, &[("U", 0, "M", "T")]);
    let gaps = replacements(&inst, &p);
    assert_eq!(gaps.len(), 1);
    let g = &gaps[0];
    assert_eq!(g.eligible, 6);
    let ids: Vec<&str> = g
        .candidates
        .iter()
        .map(|c| inst.agents[c.agent].id.as_str())
        .collect();
    assert_eq!(ids, vec!["P", "V", "W", "Q", "U"]);
    let costs: Vec<f64> = g.candidates.iter().map(|c| c.cost).collect();
    for (got, want) in costs
        .iter()
        .zip([-4060.0, -4060.0, -4060.0, -4058.0, -4057.0])
    {
        close(*got, want);
    }
    assert_eq!(g.candidates[3].notes, vec!["away from home".to_string()]);
    assert_eq!(g.absent, vec![(2, "CA".to_string())]);

    assert_eq!(replacements(&inst, &p), gaps, "deterministic");
}

#[test]
fn busy_elsewhere_names_the_overlapping_assignment() {
    let inst = TinyInstance::new(5)
        .shift("M", "08:00", "12:00", 0)
        .secretariat("S", "P")
        .secretariat("T", "P")
        .agent("U", "S", &["T"])
        .need("S", 0, "08:00", "12:00", 1, 1, None)
        .build();
    let p = plan(&inst, &[("U", 0, "M", "T")]);
    let c = &replacements(&inst, &p)[0].candidates[0];
    assert_eq!(c.blocked_by, vec![RuleFamily::OneShiftAtATime]);
    assert_eq!(c.busy_with, Some(p.assignments[0]));
    assert_eq!(
        c.reasons,
        vec!["already working M at T 08:00–12:00".to_string()]
    );
}

#[test]
fn tried_shift_covers_most_then_shortest_within_opening_hours() {
    // Window 17:00–17:30: S (13:00–17:30) and L (10:30–18:30) both cover
    // 30 min; S is shorter. Window 17:30–18:00: only L covers it, but it
    // ends after the 18:00 closing of Y; nothing fits, so L is tried anyway.
    // Window Tue 00:00–06:00: the night shift N dated Monday.
    let inst = TinyInstance::new(5)
        .shift("L", "10:30", "18:30", 60)
        .shift("S", "13:00", "17:30", 0)
        .shift("N", "22:00", "06:00", 60)
        .secretariat("X", "P")
        .secretariat("Y", "P")
        .opening(
            "X",
            &[chrono::Weekday::Mon, chrono::Weekday::Tue],
            "00:00",
            "20:00",
        )
        .opening("Y", &[chrono::Weekday::Mon], "07:00", "18:00")
        .build();
    let row = |sec, day, start, end| CoverageRow {
        secretariat: sec,
        day,
        shift: None,
        start,
        end,
        min: 1,
        target: 1,
        max: None,
        assigned: 0,
        labels: Vec::new(),
    };
    assert_eq!(tried_shift(&inst, &row(0, 0, 1020, 1050)), Some((1, 0)));
    assert_eq!(tried_shift(&inst, &row(1, 0, 1050, 1080)), Some((0, 0)));
    assert_eq!(tried_shift(&inst, &row(0, 1, 0, 360)), Some((2, 0)));
    assert_eq!(tried_shift(&inst, &row(0, 1, 60, 120)), Some((2, 0)));
    // Outside every shift: none.
    assert_eq!(tried_shift(&inst, &row(0, 0, 400, 420)), None);
}

#[test]
fn nothing_to_do_without_gaps_and_no_panic_on_bad_rows() {
    let inst = TinyInstance::new(2)
        .shift("M", "08:00", "12:00", 0)
        .secretariat("S", "P")
        .agent("A", "S", &[])
        .build();
    assert!(replacements(&inst, &Planning::default()).is_empty());
    let p = Planning {
        assignments: vec![Assignment {
            agent: 9,
            day: 7,
            shift: 4,
            secretariat: 3,
        }],
        granted: vec![11],
    };
    assert!(replacements(&inst, &p).is_empty());
}

#[test]
fn sub_problem_trials_equal_full_evaluations() {
    // Two weeks, three secretariats (one with a dated Saturday need that
    // opens it), agents with leave, a part-timer, an over-worked agent
    // whose base planning already breaks rules: every trial on the
    // sub-problem gives the full evaluation's cost and new violations.
    let inst = TinyInstance::new(14)
        .shift("M", "08:00", "12:30", 0)
        .shift("S", "13:00", "17:30", 0)
        .shift("L", "08:00", "18:30", 60)
        .secretariat("A", "P")
        .secretariat("B", "P")
        .secretariat("C", "Q")
        .agent("a1", "A", &["B"])
        .agent("a2", "B", &["A", "C"])
        .with_agent(|a| {
            a.rate = 80.0;
            a.fixed_days_off = vec![chrono::Weekday::Wed];
        })
        .agent("a3", "C", &["A"])
        .agent("a4", "A", &[])
        .leave("a1", "CA", 2, 3, LeaveStatus::Approved, LeavePart::Day)
        .leave("a3", "RTT", 1, 1, LeaveStatus::Approved, LeavePart::Am)
        .need("A", 0, "08:00", "17:30", 2, 3, Some(3))
        .need("A", 1, "08:00", "12:30", 1, 2, None)
        .need("B", 0, "13:00", "17:30", 1, 1, Some(1))
        .need("C", 5, "08:00", "12:30", 1, 1, None)
        .shift_need("B", 2, "S", 1, 1, None)
        .availability(
            "a2",
            2,
            crate::domain::AvailabilityKind::Off,
            AvailabilityScope::AllShifts,
            1.0,
        )
        .availability(
            "a4",
            4,
            crate::domain::AvailabilityKind::PreferOff,
            AvailabilityScope::AllShifts,
            2.0,
        )
        .build();
    let mut inst = inst;
    inst.needs[3].dated = true;
    let mut rows = vec![
        ("a1", 0, "M", "A"),
        ("a2", 0, "S", "B"),
        ("a3", 1, "S", "C"),
        ("a3", 5, "M", "C"),
        ("a2", 5, "M", "C"),
    ];
    for d in 0..7 {
        rows.push(("a4", d, "L", "A"));
    }
    let p = plan(&inst, &rows);
    let base = evaluate(&inst, &p);
    assert!(
        !base.is_feasible(),
        "the base planning breaks rules on purpose"
    );
    let mut checked = 0;
    let mut wanted = Vec::new();
    for agent in 0..inst.agents.len() {
        for secretariat in 0..inst.secretariats.len() {
            for shift in 0..inst.shifts.len() {
                for day in [0, 1, 2, 4, 5, 6, 7, 13] {
                    let a = Assignment {
                        agent,
                        day,
                        shift,
                        secretariat,
                    };
                    wanted.push(a);
                }
            }
        }
    }
    // Twice each: duplicates are evaluated once.
    let trials = run_trials(&inst, &p, wanted.iter().chain(&wanted).copied().collect());
    assert_eq!(trials.len(), 4 * 3 * 3 * 8);
    for a in wanted {
        let full = run_trial(&inst, &p, &base, a);
        let sub = &trials[&a];
        assert!(
            (full.cost - sub.cost).abs() < 1e-6,
            "{a:?}: {} vs {}",
            full.cost,
            sub.cost
        );
        assert_eq!(full.new, sub.new, "{a:?}");
        checked += 1;
    }
    assert_eq!(checked, 4 * 3 * 3 * 8);
    // The overtime of the notes agrees with the checker's hours balance.
    let balances = crate::check::hours::balances(&inst, &p);
    for (g, weeks) in balances.iter().enumerate() {
        assert_eq!(
            agent_overtime(&inst, &p, g).0,
            weeks.iter().map(|w| w.overtime).sum::<i64>(),
            "agent {g}"
        );
    }
    assert!(agent_overtime(&inst, &p, 3).0 > 0, "a4 works overtime");
}

#[test]
fn the_work_budget_evaluates_the_first_windows_and_lists_the_others() {
    // Mon–Fri, need S every morning min 1, nobody works: 5 windows, A, B
    // and C eligible each. One window costs 3 agents × (3 agents × 5 days +
    // 5 needs + the minute line of the needs, Monday 08:00 to Friday
    // 12:00 = 6000 minutes + 0 minutes worked) = 18 060.
    let mut t = TinyInstance::new(5)
        .shift("M", "08:00", "12:00", 0)
        .secretariat("S", "P")
        .agent("A", "S", &[])
        .agent("B", "S", &[])
        .agent("C", "S", &[]);
    for d in 0..5 {
        t = t.need("S", d, "08:00", "12:00", 1, 1, None);
    }
    let inst = t.build();
    let p = plan(&inst, &[]);
    let all = replacements_within(&inst, &p, usize::MAX);
    assert_eq!(all.len(), 5);
    assert!(all.iter().all(|g| g.evaluated && g.candidates.len() == 3));
    // Two windows fit, the other three are listed unevaluated.
    let some = replacements_within(&inst, &p, 3 * 18_060 - 1);
    assert_eq!(some.len(), 5);
    let evaluated: Vec<bool> = some.iter().map(|g| g.evaluated).collect();
    assert_eq!(evaluated, [true, true, false, false, false]);
    assert_eq!(some[..2], all[..2], "the evaluated windows are unchanged");
    for g in &some[2..] {
        assert!(g.candidates.is_empty() && g.eligible == 3 && g.tried.is_some());
    }
    let csv = replacements_csv(&inst, &some, false);
    assert_eq!(csv.matches("not evaluated").count(), 3, "{csv}");
    assert_eq!(replacements(&inst, &p), all, "the default budget fits");
}
