//! The shipped instance folders (`instances/`, except `invalid/`) and the
//! generator's output load without error; the French-Excel twin of the demo
//! loads to exactly the same instance; the tiny instances hold the facts
//! their README relies on.

use rota::domain::Instance;
use rota::generate::{write_instance, GenerateOptions};
use rota::validate::load_instance;
use std::path::{Path, PathBuf};

fn instances_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("instances")
}

fn load(dir: &Path) -> Instance {
    match load_instance(dir) {
        Ok(loaded) => loaded.instance,
        Err(e) => panic!("{} does not load:\n{e:?}", dir.display()),
    }
}

fn load_named(name: &str) -> Instance {
    load(&instances_dir().join(name))
}

#[test]
fn every_shipped_instance_loads_without_error() {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(instances_dir())
        .expect("instances/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.is_dir() && p.join("instance.toml").exists())
        .collect();
    dirs.sort();
    assert!(
        dirs.len() >= 8,
        "demo, its Excel twin and the tiny instances: {dirs:?}"
    );
    for dir in dirs {
        let loaded = load_instance(&dir)
            .unwrap_or_else(|e| panic!("{} does not load:\n{e:?}", dir.display()));
        assert!(
            loaded.warnings.is_empty(),
            "{}: unexpected warnings {:?}",
            dir.display(),
            loaded.warnings
        );
    }
}

#[test]
fn excel_twin_of_the_demo_is_the_same_instance() {
    let plain = load_named("demo-cardio");
    let excel = load_named("demo-cardio-excel");
    assert_eq!(format!("{plain:#?}"), format!("{excel:#?}"));
}

#[test]
fn demo_has_the_advertised_shape() {
    let inst = load_named("demo-cardio");
    assert_eq!(inst.agents.len(), 40);
    assert_eq!(inst.horizon.days, 28);
    assert_eq!(inst.horizon.start.to_string(), "2026-12-07");
    assert_eq!(inst.horizon.holidays.len(), 2, "25 December and 1 January");
    assert_eq!(inst.pools.len(), 1);
    assert!(
        inst.agents.iter().any(|a| !a.fixed_days_off.is_empty()),
        "part-time agents with a fixed day off"
    );
    assert!(inst
        .leaves
        .iter()
        .any(|l| l.status == rota::domain::LeaveStatus::Requested));
    assert!(!inst.closures.is_empty());
}

#[test]
fn tiny_instances_hold_the_facts_of_their_readme() {
    let pt = load_named("tiny-part-time");
    let p = pt.agent_index("P").expect("agent P");
    assert_eq!(pt.agents[p].fixed_days_off, vec![chrono::Weekday::Wed]);
    assert_eq!(rota::domain::hours::weekly_due_minutes(&pt, p), 30 * 60);

    let night = load_named("tiny-night");
    let n = night.shift_index("N").expect("shift N");
    assert_eq!(
        (
            night.shifts[n].start,
            night.shifts[n].end,
            night.shifts[n].paid_minutes()
        ),
        (21 * 60, 31 * 60, 9 * 60)
    );

    let leave = load_named("tiny-leave");
    let ag = leave.agent_index("AG").expect("agent AG");
    assert_eq!(rota::domain::hours::daily_credit_minutes(&leave, ag), 450);
    let week = &leave.horizon.iso_weeks()[0];
    assert_eq!(
        rota::domain::hours::week_credited_minutes(&leave, ag, week, &[]),
        450 + 225
    );

    let cov = load_named("tiny-coverage");
    let week = &cov.horizon.iso_weeks()[0];
    assert_eq!(
        rota::domain::hours::week_due_minutes(&cov, 0, week),
        450,
        "a Monday alone owes 37.5 h / 5"
    );

    let pool = load_named("tiny-pool");
    let anne = pool.agent_index("ANNE").expect("agent ANNE");
    let pneumo = pool.secretariat_index("PNEUMO").expect("PNEUMO");
    assert_eq!(pool.agents[anne].covers, vec![pneumo]);
}

#[test]
fn generated_instances_load_without_error() {
    for (agents, weeks, seed) in [(40, 4, 1), (95, 2, 17), (6, 1, 3)] {
        let dir = tempfile::tempdir().expect("temporary folder");
        let opts = GenerateOptions {
            agents,
            weeks,
            seed,
            ..GenerateOptions::default()
        };
        write_instance(dir.path(), &opts).expect("written");
        let inst = load(dir.path());
        assert_eq!(inst.agents.len(), agents);
        assert_eq!(inst.horizon.days, weeks * 7);
    }
}
