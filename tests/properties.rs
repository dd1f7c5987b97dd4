//! Property tests over random small instances, with the independent checker
//! as the oracle: every planning the solver returns breaks no hard rule, its
//! objective equals the checker's recomputed penalties at optimality, a
//! second solve gives the same planning, and relaxing an input (dropping an
//! `off` row, adding a secretariat to an agent's covers) never worsens the
//! optimum.

use proptest::prelude::*;
use rota::check;
use rota::domain::testkit::TinyInstance;
use rota::domain::{AvailabilityKind, AvailabilityScope, Instance, LeavePart, LeaveStatus};
use rota::solve::{self, SolveOptions, SolveStatus};

const SHIFTS: [(&str, &str, &str, i64); 4] = [
    ("M", "08:00", "12:30", 0),
    ("S", "13:00", "17:30", 0),
    ("J", "08:30", "17:00", 60),
    ("N", "21:00", "07:00", 0),
];
const WINDOWS: [(&str, &str); 4] = [
    ("08:30", "12:30"),
    ("13:30", "17:00"),
    ("09:00", "16:00"),
    ("22:00", "06:00"),
];
const SECRETARIATS: [&str; 3] = ["CARDIO", "PNEUMO", "URG"];

#[derive(Debug, Clone)]
struct Spec {
    days: usize,
    agents: Vec<(usize, Vec<usize>, f64)>,
    needs: Vec<(usize, usize, usize, u32, u32, Option<u32>)>,
    avail: Vec<(usize, usize, u8, Option<usize>, u8)>,
    leaves: Vec<(usize, usize, usize, u8)>,
    max_consecutive: u32,
    min_days_off: u32,
    max_daily_hours: i64,
}

fn spec() -> impl Strategy<Value = Spec> {
    (2usize..=9, 2usize..=4).prop_flat_map(|(days, n_agents)| {
        (
            Just(days),
            prop::collection::vec(
                (
                    0usize..3,
                    prop::collection::vec(0usize..3, 0..=2),
                    prop::sample::select(vec![100.0, 80.0, 50.0]),
                ),
                n_agents,
            ),
            prop::collection::vec(
                (
                    0usize..3,
                    0..days,
                    0usize..4,
                    0u32..=2,
                    0u32..=1,
                    prop::option::of(0u32..=1),
                ),
                0..=6,
            ),
            prop::collection::vec(
                (
                    0..n_agents,
                    0..days,
                    0u8..3,
                    prop::option::of(0usize..4),
                    1u8..=3,
                ),
                0..=4,
            ),
            prop::collection::vec((0..n_agents, 0..days, 0usize..=2, 0u8..3), 0..=2),
            2u32..=6,
            1u32..=2,
            prop::sample::select(vec![8i64, 9]),
        )
            .prop_map(
                |(
                    days,
                    agents,
                    needs,
                    avail,
                    leaves,
                    max_consecutive,
                    min_days_off,
                    max_daily_hours,
                )| Spec {
                    days,
                    agents,
                    needs,
                    avail,
                    leaves,
                    max_consecutive,
                    min_days_off,
                    max_daily_hours,
                },
            )
    })
}

fn build(spec: &Spec) -> Instance {
    let mut b = TinyInstance::new(spec.days);
    for (id, start, end, brk) in SHIFTS {
        b = b.shift(id, start, end, brk);
    }
    for s in SECRETARIATS {
        b = b.secretariat(s, "P1");
    }
    use chrono::Weekday::*;
    b = b.opening(
        "URG",
        &[Mon, Tue, Wed, Thu, Fri, Sat, Sun],
        "00:00",
        "31:00",
    );
    for (i, (home, covers, rate)) in spec.agents.iter().enumerate() {
        let covers: Vec<&str> = covers.iter().map(|&c| SECRETARIATS[c]).collect();
        let rate = *rate;
        b = b
            .agent(&format!("A{i}"), SECRETARIATS[*home], &covers)
            .with_agent(|a| a.rate = rate);
    }
    for &(sec, day, w, min, extra, max_extra) in &spec.needs {
        let (start, end) = WINDOWS[w];
        let (start, end) = if end < start {
            ("21:30", "23:59")
        } else {
            (start, end)
        };
        b = b.need(
            SECRETARIATS[sec],
            day,
            start,
            end,
            min,
            min + extra,
            max_extra.map(|m| min + extra + m),
        );
    }
    for &(agent, day, kind, shift, weight) in &spec.avail {
        let kind = [
            AvailabilityKind::Off,
            AvailabilityKind::PreferOff,
            AvailabilityKind::PreferOn,
        ][kind as usize];
        let scope = shift.map_or(AvailabilityScope::AllShifts, AvailabilityScope::Shift);
        b = b.availability(&format!("A{agent}"), day, kind, scope, weight as f64);
    }
    for &(agent, first, len, part) in &spec.leaves {
        let last = (first + len).min(spec.days - 1);
        let part = [LeavePart::Day, LeavePart::Am, LeavePart::Pm][part as usize];
        b = b.leave(
            &format!("A{agent}"),
            "CA",
            first,
            last,
            LeaveStatus::Approved,
            part,
        );
    }
    let (mc, mo, md) = (
        spec.max_consecutive,
        spec.min_days_off,
        spec.max_daily_hours,
    );
    b.rules(|r| {
        r.max_consecutive_days = mc;
        r.min_consecutive_days_off = mo;
        r.max_daily_minutes = md * 60;
    })
    .build()
}

fn exact() -> SolveOptions {
    SolveOptions {
        time_limit: 60.0,
        gap: 0.0,
        threads: 1,
        seed: 0,
        progress: false,
    }
}

fn optimum(inst: &Instance) -> (rota::domain::Planning, f64) {
    let outcome = solve::solve(inst, &exact()).expect("the solver runs");
    assert!(
        matches!(outcome.status, SolveStatus::Optimal),
        "status {:?}",
        outcome.status
    );
    let planning = outcome.planning.expect("an optimal outcome has a planning");
    (
        planning,
        outcome
            .objective
            .expect("an optimal outcome has an objective"),
    )
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn solver_plannings_pass_the_checker_and_objectives_agree(spec in spec()) {
        let inst = build(&spec);
        let (planning, objective) = optimum(&inst);
        let eval = check::evaluate(&inst, &planning);
        prop_assert!(eval.violations.is_empty(), "hard violations: {:?}", eval.violations);
        prop_assert!(close(objective, eval.objective), "solver {objective} != checker {}", eval.objective);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn solving_twice_gives_the_same_planning(spec in spec()) {
        let inst = build(&spec);
        let (first, _) = optimum(&inst);
        let (second, _) = optimum(&inst);
        prop_assert_eq!(first, second);
    }

    #[test]
    fn relaxing_an_input_never_worsens_the_optimum(spec in spec()) {
        let inst = build(&spec);
        let (_, objective) = optimum(&inst);
        let mut relaxed = inst.clone();
        relaxed.availability.retain(|a| a.kind != AvailabilityKind::Off);
        for agent in &mut relaxed.agents {
            agent.covers = (0..SECRETARIATS.len()).filter(|&s| s != agent.home).collect();
        }
        let (_, relaxed_objective) = optimum(&relaxed);
        let eval = check::evaluate(&inst, &optimum(&inst).0);
        prop_assert!(close(eval.objective, objective));
        prop_assert!(relaxed_objective <= objective + 1e-6 * objective.abs().max(1.0),
            "relaxed {relaxed_objective} > original {objective}");
    }
}
