//! Helpers of the model's unit tests: a base tiny instance, solving to
//! optimality (time limit 20 s, gap 0, one thread, seed 0) and reading the
//! planning back in words.

use crate::domain::testkit::TinyInstance;
use crate::domain::Instance;
use crate::model::{Scope, Term};
use crate::solve::{relaxation_objective, solve, SolveOptions, SolveOutcome, SolveStatus};

/// Options of every model test: optimality, deterministic.
pub(crate) fn opts() -> SolveOptions {
    SolveOptions {
        time_limit: 20.0,
        gap: 0.0,
        threads: 1,
        seed: 0,
        progress: false,
    }
}

/// Solves to optimality; panics (test) unless the status is Optimal.
pub(crate) fn solve_opt(inst: &Instance) -> SolveOutcome {
    let out = solve(inst, &opts()).expect("test solve runs");
    assert_eq!(
        out.status,
        SolveStatus::Optimal,
        "test instance solves to optimality: {out:?}"
    );
    out
}

/// Objective of the linear relaxation; panics (test) unless solved.
pub(crate) fn relaxation(inst: &Instance) -> f64 {
    relaxation_objective(inst, &Scope::full(), &opts()).expect("the relaxation solves")
}

/// Worked shifts as `agent:day:shift:secretariat`, sorted.
pub(crate) fn worked(inst: &Instance, out: &SolveOutcome) -> Vec<String> {
    let p = out
        .planning
        .as_ref()
        .expect("optimal outcome has a planning");
    p.assignments
        .iter()
        .map(|a| {
            format!(
                "{}:{}:{}:{}",
                inst.agents[a.agent].id,
                a.day,
                inst.shifts[a.shift].id,
                inst.secretariats[a.secretariat].id
            )
        })
        .collect()
}

/// Number of shifts worked.
pub(crate) fn n_worked(out: &SolveOutcome) -> usize {
    out.planning
        .as_ref()
        .map(|p| p.assignments.len())
        .unwrap_or(0)
}

/// Value of one objective term.
pub(crate) fn term(out: &SolveOutcome, t: Term) -> f64 {
    out.terms
        .iter()
        .find(|(x, _)| *x == t)
        .map(|(_, v)| *v)
        .unwrap_or(0.0)
}

/// Asserts two floats agree to 1e-6.
pub(crate) fn close(a: f64, b: f64) {
    assert!((a - b).abs() <= 1e-6 * (1.0 + b.abs()), "{a} != {b}");
}

/// `days` days from Monday 2026-12-07; shifts M 08:00–12:00, A 13:00–17:00,
/// J 08:00–17:00 (1 h break, 8 h paid); secretariats S1 and S2 (Mon–Fri
/// 07:00–20:00); weights: coverage (uncovered 1000, below_target 10,
/// above_max 5) and preference 1 — under-hours, away-from-home and
/// secretariat change are 0, and every worked hour costs 1 as overtime
/// (weekly hours 0, overtime cap out of reach; fair overtime: hours beyond
/// 4 in a month cost 1.5, beyond 8 cost 2) so that optima are not
/// degenerate and each test isolates its family.
pub(crate) fn base(days: usize) -> TinyInstance {
    TinyInstance::new(days)
        .rules(|r| {
            r.weekly_minutes = 0;
            r.overtime_cap_month_minutes = 100_000 * 60;
        })
        .shift("M", "08:00", "12:00", 0)
        .shift("A", "13:00", "17:00", 0)
        .shift("J", "08:00", "17:00", 60)
        .secretariat("S1", "P1")
        .secretariat("S2", "P1")
        .weights(|w| {
            w.overtime = 1.0;
            w.under_hours = 0.0;
            w.away_from_home = 0.0;
            w.secretariat_change = 0.0;
        })
}
