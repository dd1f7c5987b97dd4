//! Hand-built conflicts of each kind: every one must end in
//! `SolveStatus::Infeasible` (exit 3 on the command line, nothing written)
//! with a report naming the agent, the smallest set of rule families found
//! and the facts (leave rows, `off` rows, locked rows, with their dates)
//! that conflict — facts that play no part are left out.

use rota::domain::testkit::TinyInstance;
use rota::domain::{
    Assignment, AvailabilityKind, AvailabilityScope, Instance, LeavePart, LeaveStatus, Planning,
    ReplanContext, RuleFamily,
};
use rota::solve::{self, Infeasibility, SolveOptions, SolveStatus};
use std::fs;
use std::process::Command;

fn opts() -> SolveOptions {
    SolveOptions {
        time_limit: 30.0,
        gap: 0.0,
        threads: 1,
        seed: 0,
        progress: false,
    }
}

/// One week from Monday, secretariat S1 open Monday–Friday, one 7.5 h shift.
fn week() -> TinyInstance {
    TinyInstance::new(7)
        .shift("J", "08:30", "17:00", 60)
        .secretariat("S1", "P1")
}

fn infeasible(inst: &Instance) -> Infeasibility {
    let out = solve::solve(inst, &opts()).expect("the solver runs");
    assert_eq!(out.status, SolveStatus::Infeasible, "{:?}", out.planning);
    assert!(out.planning.is_none());
    out.infeasibility
        .expect("an infeasible outcome is explained")
}

fn off(t: TinyInstance, agent: &str, day: usize) -> TinyInstance {
    t.availability(
        agent,
        day,
        AvailabilityKind::Off,
        AvailabilityScope::AllShifts,
        1.0,
    )
}

#[test]
fn min_total_hours_above_what_availability_allows_names_the_two_off_days_that_suffice() {
    // 30 h = 4 shifts, over 5 open days; three `off` days, any two of which
    // already make it impossible: the report keeps two, drops the third,
    // and does not blame BOB.
    let t = week()
        .agent("BOB", "S1", &[])
        .agent("ANA", "S1", &[])
        .contract("min30", |c| c.min_total_minutes = 30 * 60);
    let t = off(off(off(t, "ANA", 1), "ANA", 2), "ANA", 3);
    let inf = infeasible(&t.build());
    assert_eq!(inf.conflicts.len(), 1, "{inf}");
    let c = &inf.conflicts[0];
    assert_eq!(c.agent, Some(1));
    assert_eq!(
        c.families,
        vec![
            RuleFamily::Opening,
            RuleFamily::Unavailability,
            RuleFamily::TotalHours
        ],
        "{inf}"
    );
    assert_eq!(c.facts.len(), 2, "{:?}", c.facts);
    assert!(
        c.facts.iter().all(|f| f.starts_with("`off` on 2026-12-")),
        "{:?}",
        c.facts
    );
    let text = inf.to_string();
    assert!(text.contains("ANA") && !text.contains("BOB"), "{text}");
    assert!(
        text.contains("30h") && text.contains("min_total_hours"),
        "{text}"
    );
}

#[test]
fn min_total_hours_against_approved_leave_names_the_leave_and_its_dates() {
    let t = week()
        .agent("ANA", "S1", &[])
        .contract("min30", |c| c.min_total_minutes = 30 * 60)
        .leave(
            "ANA",
            "MALADIE",
            1,
            3,
            LeaveStatus::Approved,
            LeavePart::Day,
        )
        // A leave inside the first one plays no part.
        .leave("ANA", "CA", 2, 2, LeaveStatus::Approved, LeavePart::Day);
    let inf = infeasible(&t.build());
    let c = &inf.conflicts[0];
    assert_eq!(
        c.families,
        vec![
            RuleFamily::Opening,
            RuleFamily::Leave,
            RuleFamily::TotalHours
        ]
    );
    assert_eq!(c.facts.len(), 1, "{:?}", c.facts);
    assert!(
        c.facts[0].contains("L2") && c.facts[0].contains("2026-12-08 to 2026-12-10"),
        "{:?}",
        c.facts
    );
    // The absence type is personal data: never in the report.
    assert!(!inf.to_string().contains("MALADIE"), "{inf}");
}

#[test]
fn min_total_hours_against_max_days_per_week_names_both_contract_rules() {
    let t = week().agent("ANA", "S1", &[]).contract("c", |c| {
        c.min_total_minutes = 20 * 60;
        c.max_days_per_week = 2;
    });
    let inf = infeasible(&t.build());
    let c = &inf.conflicts[0];
    assert_eq!(
        c.families,
        vec![RuleFamily::MaxDaysPerWeek, RuleFamily::TotalHours],
        "{inf}"
    );
    assert!(c.facts.is_empty());
}

/// A replan whose locked rows break a rule among themselves.
fn replan_with_locked(inst: &Instance, locked: Vec<Assignment>) -> Infeasibility {
    let ctx = ReplanContext {
        previous: Planning {
            assignments: locked.clone(),
            granted: Vec::new(),
        },
        from: 0,
        locked,
        // No short-notice day: only the locked rows are kept.
        notice_days: Vec::new(),
    };
    let out = solve::solve_replan(inst, &opts(), &ctx).expect("the solver runs");
    assert_eq!(out.status, SolveStatus::Infeasible);
    out.infeasibility.expect("explained")
}

#[test]
fn daily_rest_making_a_locked_row_impossible_names_the_two_locked_rows() {
    use chrono::Weekday::*;
    // URG open round the clock: a locked night (21:00–07:00) then a locked
    // morning at 08:00 leave one hour of rest, not 11.
    let inst = TinyInstance::new(4)
        .shift("N", "21:00", "07:00", 0)
        .shift("M", "08:00", "12:30", 0)
        .secretariat("URG", "P1")
        .opening(
            "URG",
            &[Mon, Tue, Wed, Thu, Fri, Sat, Sun],
            "00:00",
            "31:00",
        )
        .agent("ANA", "URG", &[])
        .build();
    let row = |day, shift| Assignment {
        agent: 0,
        day,
        shift,
        secretariat: 0,
    };
    let unrelated = row(3, 1);
    let inf = replan_with_locked(&inst, vec![row(1, 0), row(2, 1), unrelated]);
    let c = &inf.conflicts[0];
    assert_eq!(
        c.families,
        vec![RuleFamily::MinDailyRest, RuleFamily::ReplanKeep],
        "{inf}"
    );
    assert_eq!(
        c.facts,
        vec![
            "locked row 2026-12-08 N@URG".to_string(),
            "locked row 2026-12-09 M@URG".to_string()
        ]
    );
    let text = inf.to_string();
    assert!(
        text.contains("min_daily_rest") && text.contains("ANA"),
        "{text}"
    );
}

#[test]
fn a_locked_row_on_a_day_of_new_leave_names_the_row_and_the_leave() {
    let inst = week()
        .agent("ANA", "S1", &[])
        .leave(
            "ANA",
            "MALADIE",
            2,
            2,
            LeaveStatus::Approved,
            LeavePart::Day,
        )
        .build();
    let inf = replan_with_locked(
        &inst,
        vec![Assignment {
            agent: 0,
            day: 2,
            shift: 0,
            secretariat: 0,
        }],
    );
    let c = &inf.conflicts[0];
    assert_eq!(c.families, vec![RuleFamily::Leave, RuleFamily::ReplanKeep]);
    let text = inf.to_string();
    assert!(
        text.contains("locked row ANA 2026-12-09 J@S1") && !text.contains("MALADIE"),
        "{text}"
    );
}

#[test]
fn two_agents_each_infeasible_are_both_named() {
    let t = week()
        .agent("ANA", "S1", &[])
        .contract("min40", |c| c.min_total_minutes = 40 * 60)
        .agent("BOB", "S1", &[])
        .contract("max1", |c| {
            c.min_total_minutes = 8 * 60;
            c.max_shifts = vec![Some(0)];
        });
    let inf = infeasible(&t.build());
    let agents: Vec<Option<usize>> = inf.conflicts.iter().map(|c| c.agent).collect();
    assert_eq!(agents, vec![Some(0), Some(1)], "{inf}");
    assert!(inf.conflicts[1]
        .families
        .contains(&RuleFamily::MaxShiftsPerKind));
}

/// The command line: exit 3, the conflict on stderr, nothing written.
#[test]
fn the_command_line_exits_3_names_the_rules_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("inst");
    fs::create_dir(&dir).expect("mkdir");
    let files = [
        ("instance.toml", "name = \"conflit\"\nstart = \"2026-12-07\"\ndays = 7\n"),
        ("shifts.csv", "id,start,end,break_minutes\nJ,08:30,17:00,60\n"),
        ("secretariats.csv", "id,name,pole\nCARDIO,Cardiologie,P1\n"),
        (
            "contracts.csv",
            "id,weekly_hours,min_total_hours\nMIN30,35,30\n",
        ),
        (
            "agents.csv",
            "id,name,contract,rate,home,covers\nA1,Anne Leroy,MIN30,100,CARDIO,\nA2,Bruno Petit,,100,CARDIO,\n",
        ),
        ("needs.csv", "secretariat,day,start,end,min\nCARDIO,MON,09:00,12:00,1\n"),
        (
            "leave.csv",
            "id,agent,type,first_day,last_day,status\nC1,A1,MALADIE,2026-12-08,2026-12-10,approved\n",
        ),
    ];
    for (name, text) in files {
        fs::write(dir.join(name), text).expect("write");
    }
    let out = tmp.path().join("out");
    let run = Command::new(env!("CARGO_BIN_EXE_rota"))
        .args([
            "solve",
            dir.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .args(["--time-limit", "20", "--threads", "1", "--quiet"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(3), "{stderr}");
    for needed in [
        "A1",
        "total_hours",
        "leave",
        "C1",
        "2026-12-08 to 2026-12-10",
        "30h",
    ] {
        assert!(
            stderr.contains(needed),
            "`{needed}` missing from:\n{stderr}"
        );
    }
    assert!(
        !stderr.contains("MALADIE") && !stderr.contains("A2 "),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing is written");
    let names: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "stray files: {names:?}");
}
