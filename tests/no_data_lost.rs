//! No data lost, on random generated instances solved and replanned by the
//! real executable (time-limited: the promises hold for any written
//! planning, optimal or not). What the formats promise (SPEC §4):
//! - every agent of agents.csv appears in overtime.csv, once per ISO week
//!   touching the horizon (planning.csv has rows only for shifts and leave,
//!   so an agent without any keeps her place there);
//! - every approved leave appears in planning.csv as leave rows, on each of
//!   its counted days (usual working days that are not public holidays);
//! - every requested leave has exactly one decision in leave_decisions.csv,
//!   and a granted one also appears as leave rows;
//! - absence types never reach planning_referents.csv (`ABS`);
//! - `rota replan` keeps every row dated before `--from` and every locked
//!   row, or refuses (exit 3) — it never drops one silently.

use rota::domain::hours::is_usual_working_day;
use rota::domain::{Instance, LeaveStatus};
use rota::validate::load_instance;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::process::Command;

fn rota(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_rota"))
        .args(args)
        .output()
        .expect("rota runs")
}

/// Rows of a CSV file as maps column → value.
fn rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).expect("readable CSV");
    let header: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    r.records()
        .map(|rec| {
            let rec = rec.expect("record");
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

/// (agent, date) of the leave rows of a planning file.
fn leave_days(planning: &[BTreeMap<String, String>]) -> BTreeSet<(String, String)> {
    planning
        .iter()
        .filter(|r| r["kind"] == "leave")
        .map(|r| (r["agent"].clone(), r["date"].clone()))
        .collect()
}

fn counted_days(inst: &Instance, leave: usize) -> Vec<(String, String)> {
    let l = &inst.leaves[leave];
    l.days_in(&inst.horizon)
        .into_iter()
        .filter(|&d| is_usual_working_day(inst, l.agent, d) && !inst.horizon.is_holiday(d))
        .map(|d| {
            (
                inst.agents[l.agent].id.clone(),
                inst.horizon.date(d).to_string(),
            )
        })
        .collect()
}

fn check_solve_outputs(inst: &Instance, out: &Path) {
    let planning = rows(&out.join("planning.csv"));
    let leave = leave_days(&planning);
    // Every agent in overtime.csv, once per week.
    let overtime = rows(&out.join("overtime.csv"));
    let mut weeks: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &overtime {
        *weeks.entry(r["agent"].as_str()).or_default() += 1;
    }
    let n_weeks = weeks.values().next().copied().unwrap_or(0);
    assert!(n_weeks > 0);
    for a in &inst.agents {
        assert_eq!(
            weeks.get(a.id.as_str()),
            Some(&n_weeks),
            "agent {} in overtime.csv",
            a.id
        );
    }
    // Every agent named in planning.csv exists.
    let ids: BTreeSet<&str> = inst.agents.iter().map(|a| a.id.as_str()).collect();
    assert!(planning.iter().all(|r| ids.contains(r["agent"].as_str())));
    // Approved leave: a leave row on each counted day.
    for (i, l) in inst.leaves.iter().enumerate() {
        if l.status == LeaveStatus::Approved {
            for day in counted_days(inst, i) {
                assert!(
                    leave.contains(&day),
                    "approved leave {} lost on {day:?}",
                    l.id
                );
            }
        }
    }
    // Every request decided once, in request order; granted ones written.
    let decisions = rows(&out.join("leave_decisions.csv"));
    let requested: BTreeSet<&str> = inst
        .leaves
        .iter()
        .filter(|l| l.status == LeaveStatus::Requested)
        .map(|l| l.id.as_str())
        .collect();
    let decided: Vec<&str> = decisions.iter().map(|r| r["id"].as_str()).collect();
    assert_eq!(decided.len(), requested.len(), "{decided:?}");
    assert_eq!(decided.iter().copied().collect::<BTreeSet<_>>(), requested);
    for d in &decisions {
        assert!(
            matches!(d["decision"].as_str(), "granted" | "refused"),
            "{d:?}"
        );
        if d["decision"] == "granted" {
            let i = inst.leaves.iter().position(|l| l.id == d["id"]).unwrap();
            for day in counted_days(inst, i) {
                assert!(leave.contains(&day), "granted {} lost on {day:?}", d["id"]);
            }
        }
    }
    // Référents never see absence types.
    for r in rows(&out.join("planning_referents.csv")) {
        if r["kind"] == "leave" {
            assert_eq!(r["code"], "ABS", "{r:?}");
        }
    }
}

/// Work rows of a planning file as (agent, date, code, secretariat).
fn work_rows(planning: &[BTreeMap<String, String>]) -> BTreeSet<(String, String, String, String)> {
    planning
        .iter()
        .filter(|r| r["kind"] == "work")
        .map(|r| {
            (
                r["agent"].clone(),
                r["date"].clone(),
                r["code"].clone(),
                r["secretariat"].clone(),
            )
        })
        .collect()
}

fn replan_keeps_history_and_locked_rows(dir: &Path, out: &Path, inst: &Instance) {
    let previous = rows(&out.join("planning.csv"));
    // Lock every third work row; write the previous planning with `locked`.
    let mut text = String::from("agent,date,kind,code,secretariat,start,end,minutes,locked\n");
    let mut locked = BTreeSet::new();
    let mut k = 0;
    for r in &previous {
        let lock = r["kind"] == "work" && {
            k += 1;
            k % 3 == 0
        };
        if lock {
            locked.insert((
                r["agent"].clone(),
                r["date"].clone(),
                r["code"].clone(),
                r["secretariat"].clone(),
            ));
        }
        text.push_str(&format!(
            "{},{},{},{},{},{},{},{},{}\n",
            r["agent"],
            r["date"],
            r["kind"],
            r["code"],
            r["secretariat"],
            r["start"],
            r["end"],
            r["minutes"],
            if lock { "1" } else { "" }
        ));
    }
    let prev_path = dir.join("previous.csv");
    fs::write(&prev_path, text).unwrap();
    // A new sick leave from --from on for the first agent.
    let from = inst.horizon.date(3).to_string();
    let mut leave = fs::read_to_string(dir.join("leave.csv")).unwrap();
    leave.push_str(&format!(
        "NEW1,{},MALADIE,{from},{},approved,day,,\n",
        inst.agents[0].id,
        inst.horizon.date(4)
    ));
    fs::write(dir.join("leave.csv"), leave).unwrap();
    let out2 = dir.join("out2");
    let o = rota(&[
        "replan",
        dir.to_str().unwrap(),
        "--previous",
        prev_path.to_str().unwrap(),
        "--from",
        &from,
        "--out",
        out2.to_str().unwrap(),
        "--time-limit",
        "3",
        "--threads",
        "1",
        "--quiet",
    ]);
    match o.status.code() {
        Some(0) => {
            let new = work_rows(&rows(&out2.join("planning.csv")));
            for row in work_rows(&previous).iter().filter(|r| r.1 < from) {
                assert!(new.contains(row), "history row dropped: {row:?}");
            }
            for row in &locked {
                assert!(new.contains(row), "locked row dropped: {row:?}");
            }
        }
        // A locked row on the new absence: refused and explained, not dropped.
        Some(3) => {
            let stderr = String::from_utf8_lossy(&o.stderr);
            assert!(stderr.contains("locked row"), "{stderr}");
            assert!(!out2.exists());
        }
        other => panic!(
            "replan exit {other:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        ),
    }
}

#[test]
fn random_instances_lose_no_agent_leave_request_locked_row_or_history() {
    for (seed, agents, weeks) in [(11u64, 6usize, 1usize), (12, 8, 2), (13, 10, 1)] {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("chu");
        let o = rota(&[
            "generate",
            "--agents",
            &agents.to_string(),
            "--weeks",
            &weeks.to_string(),
            "--seed",
            &seed.to_string(),
            "--out",
            dir.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{o:?}");
        let inst = load_instance(&dir)
            .expect("generated instances load")
            .instance;
        let out = dir.join("out");
        let o = rota(&[
            "solve",
            dir.to_str().unwrap(),
            "--time-limit",
            "3",
            "--threads",
            "1",
            "--quiet",
        ]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "seed {seed}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        check_solve_outputs(&inst, &out);
        replan_keeps_history_and_locked_rows(&dir, &out, &inst);
    }
}
