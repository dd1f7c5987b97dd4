//! `rota import nrp`: the benchmark files of `instances/nrp/` import into
//! instance folders that load without a finding; rota's checker and the
//! benchmark's own score (`nrp::score`) agree on feasibility and objective
//! for random rosters of Instances 1–2; and rota's solver reaches the proven
//! optima of Instances 1–3 (607, 828, 1001), each planning re-scored by the
//! benchmark definition.

use rota::check::evaluate;
use rota::domain::{Assignment, Instance, Planning};
use rota::nrp::{self, score::evaluate_roster, score::Roster, NrpInstance};
use rota::solve::{solve, SolveOptions, SolveOutcome, SolveStatus};
use rota::validate::load_instance;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn nrp_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("instances")
        .join("nrp")
}

/// Parses `InstanceN.txt`, writes its folder to a temporary directory and
/// loads it; the loader must raise neither an error nor a warning.
fn import(n: usize) -> (NrpInstance, Instance) {
    let name = format!("Instance{n}.txt");
    let text = std::fs::read_to_string(nrp_dir().join(&name)).expect("benchmark file readable");
    let parsed = nrp::parse(&text, &name).unwrap_or_else(|e| panic!("{name} does not parse:\n{e}"));
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join(format!("instance{n}"));
    std::fs::create_dir(&dir).expect("create folder");
    for (file, content) in nrp::to_instance_files(&parsed) {
        std::fs::write(dir.join(file), content).expect("write file");
    }
    let loaded = load_instance(&dir)
        .unwrap_or_else(|e| panic!("{name}: generated folder does not load:\n{e}"));
    assert!(
        loaded.warnings.is_empty(),
        "{name}: warnings {:?}",
        loaded.warnings
    );
    (parsed, loaded.instance)
}

fn planning_of(nrp: &NrpInstance, inst: &Instance, roster: &Roster) -> Planning {
    let mut p = Planning::default();
    for (e, row) in roster.iter().enumerate() {
        let agent = inst
            .agent_index(&nrp.staff[e].id)
            .expect("employee is an agent");
        for (day, t) in row.iter().enumerate() {
            if let Some(t) = *t {
                let shift = inst
                    .shift_index(&nrp.shifts[t].id)
                    .expect("shift type is a shift kind");
                p.assignments.push(Assignment {
                    agent,
                    day,
                    shift,
                    secretariat: 0,
                });
            }
        }
    }
    p.normalize(inst);
    p
}

fn roster_of(nrp: &NrpInstance, inst: &Instance, planning: &Planning) -> Roster {
    let mut r = vec![vec![None; nrp.horizon]; nrp.staff.len()];
    for a in &planning.assignments {
        let e = nrp
            .employee_index(&inst.agents[a.agent].id)
            .expect("agent is an employee");
        r[e][a.day] = nrp.shift_index(&inst.shifts[a.shift].id);
    }
    r
}

fn options() -> SolveOptions {
    SolveOptions {
        time_limit: 120.0,
        gap: 0.0,
        threads: 2,
        seed: 0,
        progress: false,
    }
}

/// Solved once per test binary (the random test perturbs the optimum).
fn solved(n: usize) -> &'static (NrpInstance, Instance, SolveOutcome) {
    static CELLS: [OnceLock<(NrpInstance, Instance, SolveOutcome)>; 4] = [
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
    ];
    CELLS[n].get_or_init(|| {
        let (parsed, inst) = import(n);
        let out = solve(&inst, &options()).expect("solve runs");
        eprintln!(
            "Instance{n}: {:?} objective {:?} bound {:?} in {:.1} s",
            out.status, out.objective, out.bound, out.seconds
        );
        (parsed, inst, out)
    })
}

/// The solver's planning: feasible for rota's checker and for the
/// benchmark, with the same objective three ways (solver, checker, score).
fn check_solution(n: usize, optimum: u64) {
    let (parsed, inst, out) = solved(n);
    let planning = out.planning.as_ref().expect("a planning");
    let eval = evaluate(inst, planning);
    assert!(
        eval.is_feasible(),
        "Instance{n}: checker violations {:?}",
        eval.violations
    );
    let s = nrp::score(parsed, inst, planning)
        .unwrap_or_else(|e| panic!("Instance{n}: benchmark rule broken: {e}"));
    assert!(
        (eval.objective - s as f64).abs() < 1e-6,
        "Instance{n}: checker {} vs benchmark {s}",
        eval.objective
    );
    // Reaching the optimum is what this test asserts. Proving it within the
    // time limit is a speed target, measured in README "Benchmarks" (0.6 s,
    // 3.9 s and 9.0 s, each solve alone; the tests of this binary run side
    // by side): twice in fresh CI clones Instance 3 found 1 001 but its
    // bound stayed at 1 000 until the 120-s limit (README "0.23 and 0.24
    // on the slower machine": 15 runs of 21 proven within a minute).
    assert!(
        matches!(out.status, SolveStatus::Optimal | SolveStatus::Feasible),
        "Instance{n}: {:?}",
        out.status
    );
    let bound = out.bound.expect("a bound");
    assert_eq!(
        bound.fract(),
        0.0,
        "Instance{n}: bound {bound} not rounded up"
    );
    assert!(
        bound <= eval.objective + 1e-6,
        "Instance{n}: bound {bound} above the objective {}",
        eval.objective
    );
    assert_eq!(s, optimum, "Instance{n}");
}

#[test]
fn the_five_instances_import_and_load_without_findings() {
    for n in 1..=5 {
        let (parsed, inst) = import(n);
        assert_eq!(inst.horizon.days, parsed.horizon);
        assert_eq!(inst.agents.len(), parsed.staff.len());
        assert_eq!(inst.shifts.len(), parsed.shifts.len());
        assert_eq!(inst.needs.len(), parsed.cover.len());
        for (c, e) in inst.contracts.iter().zip(&parsed.staff) {
            assert_eq!(c.min_total_minutes, i64::from(e.min_total_minutes));
            assert_eq!(c.max_total_minutes, Some(i64::from(e.max_total_minutes)));
        }
        // Whole weights: every planning's objective is a whole number,
        // which HiGHS's runs are told (their bounds are rounded up).
        assert!(
            rota::model::build(&inst).info.whole_objective,
            "Instance{n}"
        );
    }
}

#[test]
fn import_is_deterministic() {
    let text = std::fs::read_to_string(nrp_dir().join("Instance2.txt")).unwrap();
    let a = nrp::to_instance_files(&nrp::parse(&text, "Instance2.txt").unwrap());
    let b =
        nrp::to_instance_files(&nrp::parse(&text.replace('\n', "\r\n"), "Instance2.txt").unwrap());
    assert_eq!(a, b);
}

#[test]
fn empty_roster_of_instance_1_costs_7137_both_ways_and_is_infeasible() {
    let (parsed, inst) = import(1);
    let p = Planning::default();
    let eval = evaluate(&inst, &p);
    assert!((eval.objective - 7137.0).abs() < 1e-9, "{}", eval.objective);
    assert!(!eval.is_feasible());
    let err = nrp::score(&parsed, &inst, &p).unwrap_err();
    assert!(err.starts_with("H5 min total minutes"), "{err}");
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Random rosters of Instances 1–2 — the optimum with 1–3 cells changed
/// (many feasible), and wholly random ones (mostly not): the checker finds
/// a hard violation exactly when the benchmark does, and the objectives are
/// equal (whatever the feasibility: the soft terms do not depend on it).
#[test]
fn checker_and_benchmark_score_agree_on_random_rosters() {
    for n in [1, 2] {
        let (parsed, inst, out) = solved(n);
        let best = roster_of(parsed, inst, out.planning.as_ref().expect("a planning"));
        let (staff, h, kinds) = (parsed.staff.len(), parsed.horizon, parsed.shifts.len());
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ n as u64);
        let mut feasible = 0;
        for trial in 0..400 {
            let roster: Roster = if trial < 300 {
                let mut r = best.clone();
                for _ in 0..1 + rng.below(3) {
                    let (e, d) = (rng.below(staff), rng.below(h));
                    r[e][d] = match rng.below(kinds + 1) {
                        0 => None,
                        k => Some(k - 1),
                    };
                }
                r
            } else {
                (0..staff)
                    .map(|_| {
                        (0..h)
                            .map(|_| {
                                if rng.below(10) < 6 {
                                    Some(rng.below(kinds))
                                } else {
                                    None
                                }
                            })
                            .collect()
                    })
                    .collect()
            };
            let p = planning_of(parsed, inst, &roster);
            let eval = evaluate(inst, &p);
            let bench = evaluate_roster(parsed, &roster);
            let s = nrp::score(parsed, inst, &p);
            assert_eq!(
                eval.is_feasible(),
                s.is_ok(),
                "Instance{n} trial {trial}: checker {:?} vs benchmark {:?}",
                eval.violations
                    .iter()
                    .map(|v| &v.message)
                    .collect::<Vec<_>>(),
                s
            );
            assert!(
                (eval.objective - bench.objective as f64).abs() < 1e-6,
                "Instance{n} trial {trial}: checker {} vs benchmark {}",
                eval.objective,
                bench.objective
            );
            if let Ok(v) = s {
                assert_eq!(v, bench.objective);
                feasible += 1;
            }
        }
        eprintln!("Instance{n}: {feasible} of 400 random rosters feasible");
        assert!(
            feasible >= 20,
            "Instance{n}: only {feasible} feasible rosters tried"
        );
    }
}

#[test]
fn instance_1_solves_to_its_optimum_607() {
    check_solution(1, 607);
}

#[test]
fn instance_2_solves_to_its_optimum_828() {
    check_solution(2, 828);
}

#[test]
fn instance_3_solves_to_its_optimum_1001() {
    check_solution(3, 1001);
}

/// Mutated benchmark files (characters replaced, lines dropped or
/// doubled) never make the importer panic, and whatever it accepts writes
/// a folder the loader accepts.
#[test]
fn mutated_files_never_panic_and_accepted_ones_load() {
    let text = std::fs::read_to_string(nrp_dir().join("Instance2.txt")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let alphabet = ['0', '7', ',', '|', '=', '#', 'D', 'Z', ' ', '\r', '-', 'x'];
    let mut rng = Rng(42);
    let (mut accepted, tmp) = (0, tempfile::tempdir().unwrap());
    for trial in 0..300 {
        let mut ls: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        for _ in 0..1 + rng.below(3) {
            let i = rng.below(ls.len());
            match rng.below(4) {
                0 => {
                    ls.remove(i);
                }
                1 => {
                    let l = ls[i].clone();
                    ls.insert(i, l);
                }
                _ => {
                    let mut chars: Vec<char> = ls[i].chars().collect();
                    if !chars.is_empty() {
                        let j = rng.below(chars.len());
                        chars[j] = alphabet[rng.below(alphabet.len())];
                    }
                    ls[i] = chars.into_iter().collect();
                }
            }
        }
        let Ok(parsed) = nrp::parse(&ls.join("\n"), "m.txt") else {
            continue;
        };
        accepted += 1;
        let dir = tmp.path().join(format!("m{trial}"));
        std::fs::create_dir(&dir).unwrap();
        for (file, content) in nrp::to_instance_files(&parsed) {
            std::fs::write(dir.join(file), content).unwrap();
        }
        if let Err(e) = load_instance(&dir) {
            panic!(
                "trial {trial}: accepted file gives a folder that does not load:\n{e}\n{}",
                ls.join("\n")
            );
        }
    }
    assert!(accepted > 20, "only {accepted} mutated files accepted");
}

/// A benchmark employee allowed 7 consecutive shifts may work a whole ISO
/// week: with `min_weekly_rest_hours = 0` neither the model nor the checker
/// demands a weekly day off (regression: the checker once did).
#[test]
fn a_whole_week_of_work_is_allowed_when_the_benchmark_allows_it() {
    let text = "SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=7,3360,3360,7,1,1,1\nSECTION_DAYS_OFF\nSECTION_SHIFT_ON_REQUESTS\nSECTION_SHIFT_OFF_REQUESTS\nSECTION_COVER\n0,D,1,100,1\n";
    let parsed = nrp::parse(text, "week.txt").unwrap();
    let tmp = tempfile::tempdir().unwrap();
    for (file, content) in nrp::to_instance_files(&parsed) {
        std::fs::write(tmp.path().join(file), content).unwrap();
    }
    let inst = load_instance(tmp.path()).unwrap().instance;
    let p = planning_of(&parsed, &inst, &vec![vec![Some(0); 7]]);
    assert_eq!(nrp::score(&parsed, &inst, &p), Ok(0));
    let eval = evaluate(&inst, &p);
    assert!(eval.is_feasible(), "{:?}", eval.violations);
    assert!(eval.objective.abs() < 1e-9);
}
