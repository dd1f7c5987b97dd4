//! coverage (soft): staffing of every need, minute by minute, as README
//! "Coverage" defines it. Per secretariat, the need windows are cut into
//! elementary intervals between breakpoints (need bounds and the absolute
//! bounds of every shift that could be worked there, night shifts of the
//! previous day included), adjacent intervals with the same needs and the
//! same covering shifts are merged, and for each interval of L minutes with
//! staffing `A = Σ x` of the covering (day, kind) pairs:
//! - `u ∈ [0, min]`, `b ∈ [0, target − min]`, `A + u + b ≥ target`, cost
//!   `L/60 · (w_under·u + below_target·b)` — exact since w_under ≥
//!   below_target (otherwise a binary makes u = max(0, min − A));
//! - `o ≥ A − max`, `o ≥ 0`, cost `L/60 · w_over · o`.
//!
//! An interval no shift can reach costs a constant. A shift-kind need
//! counts the agents on that exact shift and pays per agent (rows of the
//! same secretariat, day and kind summed).

use super::Family;
use crate::domain::{
    AgentIdx, Day, Instance, Need, NeedWindow, RuleFamily, SecretariatIdx, ShiftIdx,
};
use crate::model::{Builder, Lin, Term, Var};
use std::collections::BTreeMap;

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::Coverage,
    allows: None,
    conflicts: None,
    build: Some(build),
    describe,
    modelled: "per elementary interval: u ∈ [0,min], b ∈ [0,target−min], A + u + b ≥ target; o ≥ A − max; shift-kind needs per agent",
};

fn describe(_: &Instance, _: AgentIdx) -> String {
    "coverage of needs".into()
}

/// Penalty per agent-hour (or per agent) below `min` where these rows overlap.
pub(crate) fn weight_under(inst: &Instance, rows: &[&Need]) -> f64 {
    rows.iter()
        .map(|n| n.weight_under.unwrap_or(inst.weights.uncovered))
        .fold(f64::NEG_INFINITY, f64::max)
}

/// Penalty per agent-hour (or per agent) above `max` where these rows overlap.
pub(crate) fn weight_over(inst: &Instance, rows: &[&Need]) -> f64 {
    rows.iter()
        .map(|n| n.weight_over.unwrap_or(inst.weights.above_max))
        .fold(f64::NEG_INFINITY, f64::max)
}

/// Summed requirement of overlapping rows.
#[derive(Debug, Clone, PartialEq)]
struct Req {
    min: u32,
    target: u32,
    max: Option<u32>,
    w_under: f64,
    w_over: f64,
}

fn requirement(inst: &Instance, rows: &[&Need]) -> Req {
    let max = rows.iter().try_fold(0u32, |acc, n| n.max.map(|m| acc + m));
    Req {
        min: rows.iter().map(|n| n.min).sum(),
        target: rows.iter().map(|n| n.target.max(n.min)).sum(),
        max,
        w_under: weight_under(inst, rows),
        w_over: weight_over(inst, rows),
    }
}

/// Adds the terms of one staffing expression against one requirement;
/// `scale` is hours per unit (L/60 for an interval, 1 for a shift need).
/// `base` agents of the background (outside the scope) are there anyway.
fn add_terms(b: &mut Builder, staff: &[Var], base: u32, req: &Req, scale: f64) {
    let (min, target) = (req.min as f64, req.target as f64);
    let wb = b.inst.weights.below_target;
    if staff.is_empty() {
        let a = base as f64;
        let under = (min - a).max(0.0);
        let below = (target - min.max(a)).max(0.0);
        b.objective_constant(Term::Uncovered, scale * req.w_under * under);
        b.objective_constant(Term::BelowTarget, scale * wb * below);
        if let Some(max) = req.max {
            let over = (a - max as f64).max(0.0);
            b.objective_constant(Term::AboveMax, scale * req.w_over * over);
        }
        return;
    }
    let mut a_expr = Lin::default();
    for &v in staff {
        a_expr.add(v, 1.0);
    }
    a_expr.add_constant(base as f64);
    if target > 0.0 {
        let mut row = a_expr.clone();
        let u = (min > 0.0).then(|| b.whole(0.0, min));
        let bt = (target > min).then(|| b.whole(0.0, target - min));
        if let Some(u) = u {
            row.add(u, 1.0);
            b.objective_var(Term::Uncovered, u, scale * req.w_under);
        }
        if let Some(bt) = bt {
            row.add(bt, 1.0);
            b.objective_var(Term::BelowTarget, bt, scale * wb);
        }
        b.ge(RuleFamily::Coverage, &row, target);
        if let (Some(u), Some(_)) = (u, bt) {
            if req.w_under < wb {
                // Keep u = max(0, min − A): δ = 1 allows u > 0 only below min.
                let delta = b.binary();
                let mut l = a_expr.clone();
                l.add(u, 1.0).add(delta, -min);
                b.le(RuleFamily::Coverage, &l, min);
                let mut l = Lin::var(u);
                l.add(delta, min);
                b.le(RuleFamily::Coverage, &l, min);
            }
        }
    }
    if let Some(max) = req.max {
        if staff.len() as u32 + base > max {
            let o = b.whole(0.0, f64::INFINITY);
            let mut l = a_expr;
            l.add(o, -1.0);
            b.le(RuleFamily::Coverage, &l, max as f64);
            b.objective_var(Term::AboveMax, o, scale * req.w_over);
        }
    }
}

/// Background staff: agents outside the scope on (day, shift, secretariat).
type Background = BTreeMap<(Day, ShiftIdx, SecretariatIdx), u32>;

fn build(b: &mut Builder) {
    let mut background = Background::new();
    if let Some(p) = &b.scope.background {
        for a in &p.assignments {
            if b.agents.binary_search(&a.agent).is_err() {
                *background
                    .entry((a.day, a.shift, a.secretariat))
                    .or_default() += 1;
            }
        }
    }
    for sec in 0..b.inst.secretariats.len() {
        minute_needs(b, sec, &background);
        shift_needs(b, sec, &background);
    }
}

/// The x columns of shift `s` dated `d` at `sec`, over the agents planned.
fn staff_of(b: &Builder, d: Day, s: ShiftIdx, sec: SecretariatIdx) -> Vec<Var> {
    b.agents
        .iter()
        .filter_map(|&a| {
            b.cells[a][d][s]
                .iter()
                .find(|(x, _)| *x == sec)
                .map(|&(_, v)| v)
        })
        .collect()
}

fn minute_needs(b: &mut Builder, sec: SecretariatIdx, background: &Background) {
    let inst = b.inst;
    let needs: Vec<(i64, i64, &Need)> = inst
        .needs
        .iter()
        .filter(|n| n.secretariat == sec)
        .filter_map(|n| match n.window {
            NeedWindow::Minutes { start, end } if end > start => {
                Some((n.day as i64 * 1440 + start, n.day as i64 * 1440 + end, n))
            }
            _ => None,
        })
        .collect();
    if needs.is_empty() {
        return;
    }
    // Candidate (day, kind) pairs at sec that intersect some need.
    let mut pairs: Vec<(i64, i64, Vec<Var>, u32)> = Vec::new();
    for d in 0..b.days() {
        for (s, sh) in inst.shifts.iter().enumerate() {
            let (s0, s1) = (sh.abs_start(d), sh.abs_end(d));
            if !needs.iter().any(|&(n0, n1, _)| s0 < n1 && n0 < s1) {
                continue;
            }
            let staff = staff_of(b, d, s, sec);
            let base = background.get(&(d, s, sec)).copied().unwrap_or(0);
            if !staff.is_empty() || base > 0 {
                pairs.push((s0, s1, staff, base));
            }
        }
    }
    let mut points: Vec<i64> = needs.iter().flat_map(|&(a, z, _)| [a, z]).collect();
    points.extend(pairs.iter().flat_map(|&(a, z, _, _)| [a, z]));
    points.sort_unstable();
    points.dedup();
    // Elementary intervals, merged when needs and covering pairs are equal.
    struct Piece {
        len: i64,
        rows: Vec<usize>,
        cover: Vec<usize>,
        end: i64,
    }
    let mut pieces: Vec<Piece> = Vec::new();
    for win in points.windows(2) {
        let (t0, t1) = (win[0], win[1]);
        let rows: Vec<usize> = (0..needs.len())
            .filter(|&i| needs[i].0 <= t0 && t1 <= needs[i].1)
            .collect();
        if rows.is_empty() {
            continue;
        }
        let cover: Vec<usize> = (0..pairs.len())
            .filter(|&i| pairs[i].0 <= t0 && t1 <= pairs[i].1)
            .collect();
        match pieces.last_mut() {
            Some(p) if p.end == t0 && p.rows == rows && p.cover == cover => {
                p.len += t1 - t0;
                p.end = t1;
            }
            _ => pieces.push(Piece {
                len: t1 - t0,
                rows,
                cover,
                end: t1,
            }),
        }
    }
    for p in pieces {
        let rows: Vec<&Need> = p.rows.iter().map(|&i| needs[i].2).collect();
        let req = requirement(inst, &rows);
        let staff: Vec<Var> = p
            .cover
            .iter()
            .flat_map(|&i| pairs[i].2.iter().copied())
            .collect();
        let base = p.cover.iter().map(|&i| pairs[i].3).sum();
        add_terms(b, &staff, base, &req, p.len as f64 / 60.0);
    }
}

fn shift_needs(b: &mut Builder, sec: SecretariatIdx, background: &Background) {
    let inst = b.inst;
    let mut groups: BTreeMap<(Day, ShiftIdx), Vec<&Need>> = BTreeMap::new();
    for n in inst.needs.iter().filter(|n| n.secretariat == sec) {
        if let NeedWindow::Shift(s) = n.window {
            if n.day < b.days() && s < inst.shifts.len() {
                groups.entry((n.day, s)).or_default().push(n);
            }
        }
    }
    for ((d, s), rows) in groups {
        let req = requirement(inst, &rows);
        let staff = staff_of(b, d, s, sec);
        let base = background.get(&(d, s, sec)).copied().unwrap_or(0);
        add_terms(b, &staff, base, &req, 1.0);
    }
}

#[cfg(test)]
mod tests {
    use crate::model::testutil::*;
    use crate::model::Term;

    #[test]
    fn below_min_below_target_and_above_max_are_paid_per_agent_hour() {
        // 08:00–12:00: min 2, target 3 with one agent → 1 uncovered (4 h × 1000)
        // and 1 below target (4 h × 10). 13:00–17:00: max 0 with a forced agent
        // would be above max; nobody works it here.
        let inst = base(1)
            .agent("ANA", "S1", &[])
            .need("S1", 0, "08:00", "12:00", 2, 3, None)
            .build();
        let out = solve_opt(&inst);
        close(term(&out, Term::Uncovered), 4000.0);
        close(term(&out, Term::BelowTarget), 40.0);
    }

    #[test]
    fn the_objective_is_whole_only_when_every_cost_is() {
        let need = |t: crate::domain::testkit::TinyInstance| {
            t.agent("ANA", "S1", &[])
                .need("S1", 0, "08:00", "12:00", 2, 3, None)
                .build()
        };
        let whole = |inst: &crate::domain::Instance| crate::model::build(inst).info.whole_objective;
        // Worked hours cost 1 an hour as overtime, counted in minutes: not whole.
        assert!(!whole(&need(base(1))));
        // No overtime cost: 4 h × 1000 a missing agent, 4 h × 10 below target.
        let unpriced = need(base(1).weights(|w| w.overtime = 0.0));
        assert!(whole(&unpriced));
        let out = solve_opt(&unpriced);
        close(term(&out, Term::Uncovered), 4000.0);
        close(term(&out, Term::BelowTarget), 40.0);
        // Below target at 0.3 an hour: 1.2 for the 4 hours, not whole.
        let fractional = need(base(1).weights(|w| {
            w.overtime = 0.0;
            w.below_target = 0.3;
        }));
        assert!(!whole(&fractional));
    }

    #[test]
    fn overlapping_rows_add_up_and_night_shifts_count() {
        let inst = base(2)
            .shift("N", "21:00", "06:00", 0)
            .opening(
                "S1",
                &[chrono::Weekday::Mon, chrono::Weekday::Tue],
                "00:00",
                "30:00",
            )
            .agent("ANA", "S1", &[])
            .agent("BOB", "S1", &[])
            .need("S1", 1, "05:00", "06:00", 1, 1, None)
            .need("S1", 1, "05:00", "06:00", 1, 1, None)
            .build();
        // Two agents needed 05:00–06:00 on day 1: only night shifts from day 0 reach it.
        let out = solve_opt(&inst);
        close(term(&out, Term::Uncovered), 0.0);
        assert_eq!(worked(&inst, &out), vec!["ANA:0:N:S1", "BOB:0:N:S1"]);
    }

    #[test]
    fn above_max_is_paid_when_staff_is_forced_in() {
        // Both agents must work 4 h (min total); S1 opens 07:00–13:00, so only M
        // fits, inside a window with max 1.
        let inst = base(1)
            .opening("S1", &[chrono::Weekday::Mon], "07:00", "13:00")
            .agent("ANA", "S1", &[])
            .contract("c4", |c| {
                c.min_total_minutes = 240;
                c.max_total_minutes = Some(240);
            })
            .agent("BOB", "S1", &[])
            .with_agent(|a| a.contract = 1)
            .need("S1", 0, "07:00", "13:00", 0, 0, Some(1))
            .build();
        let out = solve_opt(&inst);
        close(term(&out, Term::AboveMax), 4.0 * 5.0);
    }

    #[test]
    fn background_staff_counts_in_the_coverage_of_the_agents_in_scope() {
        use crate::domain::{Assignment, Planning};
        use crate::model::{build_scoped, Scope};
        // min 2 target 2 on Mon 08:00–12:00. ANA alone in scope: one agent
        // short (4 h × 1000) even if she works M. With BOB on M in the
        // background, she completes the need; with two in the background the
        // window is above its max of 2 only if she works too.
        let inst = base(1)
            .agent("ANA", "S1", &[])
            .agent("BOB", "S1", &[])
            .agent("CLO", "S1", &[])
            .need("S1", 0, "08:00", "12:00", 2, 2, Some(2))
            .build();
        let m = inst.shifts.iter().position(|s| s.id == "M").unwrap();
        let on = |agent: usize| Assignment {
            agent,
            day: 0,
            shift: m,
            secretariat: 0,
        };
        let uncovered = |background: Vec<Assignment>, ana_works: bool| {
            let scope = Scope {
                agents: Some(vec![0]),
                background: Some(Planning {
                    assignments: background,
                    granted: Vec::new(),
                }),
                ..Scope::full()
            };
            let built = build_scoped(&inst, &scope);
            let info = built.info.clone();
            let ana = Planning {
                assignments: if ana_works { vec![on(0)] } else { Vec::new() },
                granted: Vec::new(),
            };
            let fix = info.decision_values(&inst, &ana).unwrap();
            let sol = crate::solve::run_fixed(built, &opts(), &fix, None).expect("runs");
            let cols = sol.columns.expect("a solution");
            let terms = info.term_values(&cols);
            let get = |t: Term| terms.iter().find(|(x, _)| *x == t).map_or(0.0, |p| p.1);
            (get(Term::Uncovered), get(Term::AboveMax))
        };
        assert_eq!(uncovered(vec![], true), (4000.0, 0.0));
        assert_eq!(uncovered(vec![on(1)], true), (0.0, 0.0));
        assert_eq!(uncovered(vec![on(1)], false), (4000.0, 0.0));
        assert_eq!(uncovered(vec![on(1), on(2)], false), (0.0, 0.0));
        let (u, over) = uncovered(vec![on(1), on(2)], true);
        assert_eq!(u, 0.0);
        assert!(over > 0.0, "a third agent is above the max");
        // An agent in scope is never counted twice through the background.
        assert_eq!(uncovered(vec![on(0)], true), (4000.0, 0.0));
    }

    #[test]
    fn an_unreachable_need_is_a_constant() {
        let inst = base(1)
            .agent("ANA", "S1", &[])
            .need("S2", 0, "08:00", "12:00", 1, 2, None)
            .build();
        let out = solve_opt(&inst);
        close(term(&out, Term::Uncovered), 4000.0);
        close(term(&out, Term::BelowTarget), 40.0);
        assert_eq!(n_worked(&out), 0);
    }

    #[test]
    fn a_shift_need_counts_agents_on_that_shift_only() {
        let inst = base(1)
            .agent("ANA", "S1", &[])
            .shift_need("S1", 0, "M", 2, 2, None)
            .build();
        let out = solve_opt(&inst);
        // One agent on M: one agent short, paid per agent (1000), not per hour.
        close(term(&out, Term::Uncovered), 1000.0);
        assert_eq!(worked(&inst, &out), vec!["ANA:0:M:S1"]);
    }

    #[test]
    fn a_low_row_weight_under_target_stays_exact() {
        // weight_under 5 < below_target 10: the binary keeps u = max(0, min − A).
        let mut inst = base(1)
            .agent("ANA", "S1", &[])
            .need("S1", 0, "08:00", "12:00", 2, 3, None)
            .build();
        inst.needs[0].weight_under = Some(5.0);
        let out = solve_opt(&inst);
        close(term(&out, Term::Uncovered), 4.0 * 5.0);
        close(term(&out, Term::BelowTarget), 4.0 * 10.0);
    }
}
