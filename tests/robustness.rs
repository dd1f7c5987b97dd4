//! Limits, signals and hostile inputs, end to end on the real executable:
//! a time limit reached before any planning exits 4 and writes nothing; a
//! run killed with SIGKILL during its solve leaves the previous outputs
//! byte for byte and no temporary folder; SIGTERM or Ctrl-C (SIGINT)
//! during a solve exits 130 after writing the best planning so far (which
//! `rota check` accepts, status `interrupted`) or nothing; 10 000 agents
//! and a 366-day horizon load, and files past the documented limits are
//! refused with their code, file and line. Also the metamorphic properties
//! of the optimum: relaxing an input (raising a cap, dropping an `off`
//! row, adding a secretariat to an agent's covers) never worsens it,
//! tightening never improves it, and `--threads 1` and `--threads 2` give
//! the same planning when solved to optimality.

use proptest::prelude::*;
use rota::domain::testkit::TinyInstance;
use rota::domain::{AvailabilityKind, AvailabilityScope, Instance};
use rota::solve::{self, SolveOptions, SolveStatus};
use rota::validate::load_instance;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output};
use std::time::{Duration, Instant};

fn rota() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rota"))
}

fn run(args: &[&str]) -> Output {
    rota().args(args).output().expect("rota runs")
}

fn generate(dir: &Path, agents: usize, weeks: usize, seed: u64) {
    let out = run(&[
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
    assert!(out.status.success(), "{out:?}");
}

/// Every file of a folder with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .expect("folder")
        .map(|e| e.expect("entry"))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).expect("file"),
            )
        })
        .collect()
}

fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn wait_at_most(child: &mut Child, limit: Duration) -> Option<i32> {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status.code();
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_time_limit_reached_before_any_planning_exits_4_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("chu");
    generate(&dir, 40, 4, 1);
    let out = tmp.path().join("out");
    fs::create_dir(&out).expect("mkdir");
    fs::write(out.join("planning.csv"), "previous").expect("write");
    let o = run(&[
        "solve",
        dir.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--time-limit",
        "0.001",
        "--threads",
        "1",
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(4), "{stderr}");
    assert!(
        stderr.contains("no planning found within the time limit"),
        "{stderr}"
    );
    assert_eq!(entries(tmp.path()), vec!["chu", "out"]);
    assert_eq!(fs::read(out.join("planning.csv")).unwrap(), b"previous");
}

/// A 40-agent fortnight whose solve takes the whole time limit, with a
/// previous output folder written by a first, short solve.
fn busy_instance_with_previous_outputs() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("chu");
    generate(&dir, 40, 2, 3);
    let out = tmp.path().join("out");
    let o = run(&[
        "solve",
        dir.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--time-limit",
        "1",
        "--threads",
        "1",
        "--quiet",
    ]);
    assert!(o.status.success(), "{o:?}");
    (tmp, dir, out)
}

fn spawn_long_solve(dir: &Path, out: &Path) -> Child {
    rota()
        .args([
            "solve",
            dir.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .args([
            "--time-limit",
            "120",
            "--gap",
            "0",
            "--threads",
            "1",
            "--quiet",
        ])
        .spawn()
        .expect("spawns")
}

#[test]
fn a_run_killed_during_its_solve_leaves_the_previous_outputs_intact() {
    let (tmp, dir, out) = busy_instance_with_previous_outputs();
    let before = snapshot(&out);
    let mut child = spawn_long_solve(&dir, &out);
    std::thread::sleep(Duration::from_millis(1500));
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    assert_eq!(snapshot(&out), before, "previous outputs changed");
    assert_eq!(entries(tmp.path()), vec!["chu", "out"], "stray folders");
}

fn signal(child: &Child, name: &str) {
    let ok = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .expect("kill runs")
        .success();
    assert!(ok, "kill -{name}");
}

/// Stops a long solve with `sig` after `after`: exit 130 within 30 s, and
/// either a new planning that `rota check` accepts, status `interrupted`,
/// or the previous outputs unchanged; never a stray folder.
fn interrupted_run_is_clean(sig: &str, after: Duration) {
    let (tmp, dir, out) = busy_instance_with_previous_outputs();
    let before = snapshot(&out);
    let mut child = spawn_long_solve(&dir, &out);
    std::thread::sleep(after);
    signal(&child, sig);
    let sent = Instant::now();
    let code = wait_at_most(&mut child, Duration::from_secs(60));
    assert_eq!(code, Some(130), "SIGTERM/SIGINT exits 130");
    assert!(
        sent.elapsed() < Duration::from_secs(30),
        "{:?}",
        sent.elapsed()
    );
    assert_eq!(entries(tmp.path()), vec!["chu", "out"], "stray folders");
    let now = snapshot(&out);
    if now != before {
        let summary = String::from_utf8_lossy(&now["summary.json"]).into_owned();
        assert!(summary.contains("\"status\": \"interrupted\""), "{summary}");
        let check = run(&[
            "check",
            dir.to_str().unwrap(),
            "--planning",
            out.join("planning.csv").to_str().unwrap(),
        ]);
        assert_eq!(check.status.code(), Some(0), "{check:?}");
    }
}

#[test]
fn sigterm_during_a_solve_writes_a_checked_planning_or_nothing() {
    interrupted_run_is_clean("TERM", Duration::from_millis(2500));
}

#[test]
fn ctrl_c_during_a_solve_writes_a_checked_planning_or_nothing() {
    interrupted_run_is_clean("INT", Duration::from_millis(1500));
}

/// A minimal valid folder with `agents` agents and `days` days.
fn folder(dir: &Path, agents: usize, days: usize) {
    fs::create_dir_all(dir).expect("mkdir");
    fs::write(
        dir.join("instance.toml"),
        format!("start = \"2026-01-05\"\ndays = {days}\n"),
    )
    .unwrap();
    fs::write(
        dir.join("shifts.csv"),
        "id,start,end,break_minutes\nJ,08:30,17:00,60\n",
    )
    .unwrap();
    fs::write(dir.join("secretariats.csv"), "id,name,pole\nS1,Un,P1\n").unwrap();
    fs::write(
        dir.join("needs.csv"),
        "secretariat,day,start,end,min\nS1,MON,09:00,12:00,1\n",
    )
    .unwrap();
    let mut a = String::from("id,name,contract,rate,home,covers\n");
    for i in 0..agents {
        a.push_str(&format!("A{i},Agent {i},,100,S1,\n"));
    }
    fs::write(dir.join("agents.csv"), a).unwrap();
}

fn load_codes(dir: &Path) -> Vec<(&'static str, String, Option<usize>)> {
    match load_instance(dir) {
        Ok(_) => Vec::new(),
        Err(e) => e
            .findings
            .into_iter()
            .map(|f| (f.code, f.file, f.line))
            .collect(),
    }
}

#[test]
fn ten_thousand_agents_and_a_366_day_horizon_load_and_one_more_is_refused() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let big = tmp.path().join("big");
    folder(&big, 10_000, 7);
    let start = Instant::now();
    assert_eq!(
        load_instance(&big).map(|l| l.instance.agents.len()).ok(),
        Some(10_000)
    );
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    let over = tmp.path().join("over");
    folder(&over, 10_001, 7);
    assert_eq!(
        load_codes(&over),
        vec![("E0011", "agents.csv".to_string(), Some(10_002))]
    );
    let o = run(&["solve", over.to_str().unwrap(), "--quiet"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("agents.csv") && stderr.contains("E0011") && stderr.contains("10002"),
        "{stderr}"
    );
    assert!(!over.join("out").exists());
    let year = tmp.path().join("year");
    folder(&year, 20, 366);
    assert!(load_instance(&year).is_ok());
    fs::write(
        year.join("instance.toml"),
        "start = \"2026-01-05\"\ndays = 367\n",
    )
    .unwrap();
    assert_eq!(load_codes(&year)[0].0, "E0105");
}

#[test]
fn a_ten_megabyte_csv_loads_and_a_file_past_64_mib_is_refused_unread() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("ten");
    folder(&dir, 5, 28);
    // 10 MB of needs, each row with a long comment cell.
    let note = "consultation ".repeat(60);
    let mut needs = String::from("secretariat,day,start,end,min,#note\n");
    while needs.len() < 10_000_000 {
        needs.push_str(&format!("S1,TUE,09:00,12:00,1,{note}\n"));
    }
    fs::write(dir.join("needs.csv"), &needs).unwrap();
    let start = Instant::now();
    assert!(load_instance(&dir).is_ok());
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
    // A sparse 70 MiB availability.csv: refused from its size, before reading.
    let f = fs::File::create(dir.join("availability.csv")).unwrap();
    f.set_len(70 * 1024 * 1024).unwrap();
    let codes = load_codes(&dir);
    assert_eq!(codes, vec![("E0011", "availability.csv".to_string(), None)]);
    // The same guard protects a planning given to check / replan.
    let o = run(&[
        "check",
        tmp.path().join("ten").to_str().unwrap(),
        "--planning",
        dir.join("availability.csv").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
}

/// A random small instance for the metamorphic properties.
#[derive(Debug, Clone)]
struct Spec {
    days: usize,
    homes: Vec<usize>,
    needs: Vec<(usize, usize, usize, u32)>,
    offs: Vec<(usize, usize)>,
    max_consecutive: u32,
    max_daily_hours: i64,
}

const WINDOWS: [(&str, &str); 3] = [("08:30", "12:30"), ("13:30", "17:00"), ("09:00", "16:00")];

fn spec() -> impl Strategy<Value = Spec> {
    (3usize..=6, 2usize..=3).prop_flat_map(|(days, n)| {
        (
            Just(days),
            prop::collection::vec(0usize..2, n),
            prop::collection::vec((0usize..2, 0..days, 0usize..3, 1u32..=2), 1..=5),
            prop::collection::vec((0..n, 0..days), 0..=3),
            1u32..=4,
            prop::sample::select(vec![8i64, 9]),
        )
            .prop_map(
                |(days, homes, needs, offs, max_consecutive, max_daily_hours)| Spec {
                    days,
                    homes,
                    needs,
                    offs,
                    max_consecutive,
                    max_daily_hours,
                },
            )
    })
}

fn build(s: &Spec) -> Instance {
    let mut t = TinyInstance::new(s.days)
        .shift("M", "08:00", "12:30", 0)
        .shift("S", "13:00", "17:30", 0)
        .shift("J", "08:30", "17:00", 60)
        .secretariat("S1", "P1")
        .secretariat("S2", "P1");
    for (i, &h) in s.homes.iter().enumerate() {
        t = t.agent(&format!("A{i}"), ["S1", "S2"][h], &[]);
    }
    for &(sec, day, w, min) in &s.needs {
        let (a, b) = WINDOWS[w];
        t = t.need(["S1", "S2"][sec], day, a, b, min, min + 1, None);
    }
    for &(agent, day) in &s.offs {
        t = t.availability(
            &format!("A{agent}"),
            day,
            AvailabilityKind::Off,
            AvailabilityScope::AllShifts,
            1.0,
        );
    }
    let (mc, md) = (s.max_consecutive, s.max_daily_hours);
    t.rules(|r| {
        r.max_consecutive_days = mc;
        r.max_daily_minutes = md * 60;
    })
    .weights(|w| w.under_hours = 1.0)
    .build()
}

fn exact(threads: u32) -> SolveOptions {
    SolveOptions {
        time_limit: 60.0,
        gap: 0.0,
        threads,
        seed: 0,
        progress: false,
    }
}

fn optimum(inst: &Instance, threads: u32) -> (rota::domain::Planning, f64) {
    let out = solve::solve(inst, &exact(threads)).expect("the solver runs");
    assert_eq!(out.status, SolveStatus::Optimal);
    (
        out.planning.expect("planning"),
        out.objective.expect("objective"),
    )
}

fn le(a: f64, b: f64) -> bool {
    a <= b + 1e-6 * a.abs().max(b.abs()).max(1.0)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn relaxing_never_worsens_and_tightening_never_improves_the_optimum(s in spec()) {
        let inst = build(&s);
        let (_, z) = optimum(&inst, 1);
        // Relaxations: each alone, then all together.
        let mut raised = inst.clone();
        raised.rules.max_consecutive_days += 1;
        raised.rules.max_daily_minutes += 60;
        for c in &mut raised.contracts {
            c.max_consecutive_days += 1;
        }
        let mut pooled = inst.clone();
        for a in &mut pooled.agents {
            a.covers = (0..2).filter(|&x| x != a.home).collect();
        }
        let mut freed = inst.clone();
        freed.availability.clear();
        for relaxed in [&raised, &pooled, &freed] {
            let (_, zr) = optimum(relaxed, 1);
            prop_assert!(le(zr, z), "relaxed {zr} > original {z}");
        }
        // Tightenings: an `off` day for every agent on day 0, a lower cap.
        let mut offed = inst.clone();
        for a in 0..offed.agents.len() {
            offed.availability.push(rota::domain::Availability {
                agent: a,
                day: 0,
                kind: AvailabilityKind::Off,
                scope: AvailabilityScope::AllShifts,
                weight: 1.0,
                recurring: false,
                line: 0,
            });
        }
        let mut capped = inst.clone();
        capped.rules.max_consecutive_days = 1;
        for c in &mut capped.contracts {
            c.max_consecutive_days = 1;
        }
        for tight in [&offed, &capped] {
            let out = solve::solve(tight, &exact(1)).expect("runs");
            if let Some(zt) = out.objective {
                prop_assert!(le(z, zt), "tightened {zt} < original {z}");
            }
        }
    }

    #[test]
    fn one_and_two_threads_give_the_same_optimal_planning(s in spec()) {
        let inst = build(&s);
        let (p1, z1) = optimum(&inst, 1);
        let (p2, z2) = optimum(&inst, 2);
        prop_assert!(le(z1, z2) && le(z2, z1), "{z1} vs {z2}");
        prop_assert_eq!(p1, p2);
    }
}
