//! A lower bound on the objective without the linear program: Lagrangian
//! relaxation of the coverage, one shortest path per agent.
//!
//! On a year of 150 agents and 32 shift kinds the full model has 1.7
//! million columns and neither HiGHS's root relaxation nor the
//! interior-point method finishes in a minute: no bound, no gap. Here the
//! agents are decoupled instead. The staffing of each shift-kind need
//! group (secretariat, day, kind) becomes a variable `y` of its own, tied
//! to the shifts planned there by a price `λ` (the multiplier of
//! `y = Σ shifts`). For any prices the sum of
//!
//! - per agent, the cheapest planning under her rules when a shift costs
//!   its preferences, `away_from_home` and `λ` of its group
//!   ([`one_agent::Problem::shortest`], exact: no perturbation), her horizon
//!   resources (total minutes, shifts per kind, weekends) priced as well
//!   with their own multipliers;
//! - per group, the least of `penalty(y) − λ·y` over the staffings `y` the
//!   agents able to work there allow;
//! - the constant part of the preferences (every `prefer_on` row costs its
//!   weight until honoured)
//!
//! is a lower bound on the objective of every planning that keeps the hard
//! rules: each agent's planning is one of the paths, each term is at most
//! its value there, and the priced resources pay nothing when they are
//! kept. Terms left out are non-negative (minute needs, hours balance,
//! overtime, secretariat changes — none can occur when one shift a day is
//! all an agent can work). Every set of prices gives a bound; the best is
//! published. The first bound is the one at zero group prices (each agent
//! plans what suits her alone, each group is staffed as it needs), which
//! needs no planning to aim at: on benchmark Instance 23 the steps reach
//! no positive bound in a minute, this one 1 629 within seconds. The
//! steps' prices start at what the first agent on a group gains
//! (or costs) and move by subgradient steps: the group prices by Polyak's
//! step towards the objective of the search's best planning along a
//! smoothed direction (half the new subgradient, half the previous
//! direction; its factor halved when the bound stalls), within the slopes
//! of the group's penalty where an optimal price lies; each agent's own
//! prices by steps that grow while her subgradient keeps its sign and halve
//! when it turns ([`Adaptive`]). Measured on benchmark Instances 21–22
//! (README "Benchmarks"): bounds of 21 118 and 27 574 at 60 s where the
//! linear programs give none.
//!
//! It applies when the shortest path follows every hard rule of every
//! agent (`one_agent::in_reach`), when no agent can work two shifts on one
//! day (every pair of kinds overlaps or breaks a daily rule: the path
//! works at most one), no leave is waiting for a decision (a refusal cost
//! is left out, but granting one would remove days from a path), and the
//! planning starts from scratch (no replan context, no fixed rows).

use super::one_agent::{self, Problem, Summed};
use crate::domain::{Instance, NeedWindow};
use crate::model;
use std::time::Instant;

/// Halve the step factor after this many steps without a better bound.
const STALL: usize = 30;
/// The first step factor (Polyak's step takes it in `(0, 2]`).
const FIRST_FACTOR: f64 = 2.0;
/// The smallest step factor.
const MIN_FACTOR: f64 = 1e-4;
/// Share of the new subgradient in the direction of the group prices (the
/// rest is the previous direction): agents answer a change of prices with
/// whole plannings, so the raw subgradient zigzags.
const DIRECTION_NEW: f64 = 0.5;

/// Share of the time left at the first step within which a positive bound
/// must come (Instance 21: within seconds; Instances 23–24: not in a
/// minute, while the search needs the core).
const PATIENCE: f64 = 0.25;

/// Whether [`bound`] applies to `inst` (module doc).
pub(crate) fn applies(inst: &Instance) -> bool {
    one_agent::in_reach(inst)
        && one_shift_a_day(inst)
        && inst
            .leaves
            .iter()
            .all(|l| l.status == crate::domain::LeaveStatus::Approved)
}

/// Whether no two shifts (of the same kind or not) can be dated on one day
/// for one agent: they overlap, or together they are paid more than a day
/// allows or span more than its amplitude.
fn one_shift_a_day(inst: &Instance) -> bool {
    let rules = &inst.rules;
    inst.shifts.iter().all(|a| {
        inst.shifts.iter().all(|b| {
            let overlap = a.start < b.end && b.start < a.end;
            let paid = a.paid_minutes() + b.paid_minutes() > rules.max_daily_minutes;
            let amplitude = a.end.max(b.end) - a.start.min(b.start) > rules.max_amplitude_minutes;
            overlap || paid || amplitude
        })
    })
}

/// The dense index of (secretariat, day, kind).
fn cell(inst: &Instance, secretariat: usize, day: usize, kind: usize) -> usize {
    (secretariat * inst.horizon.days + day) * inst.shifts.len() + kind
}

/// One agent's part: her problem and the prices of her resources.
struct Part {
    problem: Problem,
    /// Price of her paid minutes, per `unit` minutes (positive: the total
    /// is held under its maximum, negative: over its minimum).
    minute: f64,
    kind: Vec<f64>,
    weekend: f64,
    /// The steps of the prices above.
    steps: (Adaptive, Vec<Adaptive>, Adaptive),
}

/// One need group: its summed need, the most agents that can staff it
/// and its price.
struct Group {
    need: Summed,
    most: i64,
    price: f64,
}

/// What one evaluation of the prices gives.
struct Step {
    value: f64,
    /// Subgradient: per group, per part (minute, kinds, weekend).
    groups: Vec<f64>,
    parts: Vec<(f64, Vec<f64>, f64)>,
}

/// The relaxation of `inst` (module doc), ready to be evaluated.
struct Relaxation<'a> {
    inst: &'a Instance,
    parts: Vec<Part>,
    groups: Vec<Group>,
    /// Dense index (secretariat, day, kind) → group (`u32::MAX`: none).
    group_of: Vec<u32>,
    /// The constant part of the preferences.
    constant: f64,
    /// Minutes in the unit of the price of a minute.
    unit: f64,
}

impl<'a> Relaxation<'a> {
    fn new(inst: &'a Instance) -> Option<Relaxation<'a>> {
        let n_kinds = inst.shifts.len();
        let key = |sec, day, kind| cell(inst, sec, day, kind);
        let mut group_of = vec![u32::MAX; inst.secretariats.len() * inst.horizon.days * n_kinds];
        let mut groups: Vec<Group> = Vec::new();
        for n in &inst.needs {
            let NeedWindow::Shift(k) = n.window else {
                continue;
            };
            let slot = group_of.get_mut(key(n.secretariat, n.day, k))?;
            if *slot == u32::MAX {
                *slot = groups.len() as u32;
                groups.push(Group {
                    need: Summed::default(),
                    most: 0,
                    price: 0.0,
                });
            }
            groups[*slot as usize].need.add(inst, n);
        }
        let mut parts = Vec::with_capacity(inst.agents.len());
        for agent in 0..inst.agents.len() {
            let cells = model::admissible(inst, agent);
            for a in &cells {
                if let Some(&g) = group_of.get(key(a.secretariat, a.day, a.shift)) {
                    if g != u32::MAX {
                        groups[g as usize].most += 1;
                    }
                }
            }
            let problem = Problem::new(inst, agent, &Default::default(), &[], &cells, 0)?.exact();
            parts.push(Part {
                minute: 0.0,
                kind: vec![0.0; n_kinds],
                weekend: 0.0,
                steps: (
                    Adaptive::new(),
                    vec![Adaptive::new(); n_kinds],
                    Adaptive::new(),
                ),
                problem,
            });
        }
        let constant = inst
            .availability
            .iter()
            .filter(|r| r.kind == crate::domain::AvailabilityKind::PreferOn)
            .map(|r| inst.weights.preference * r.weight)
            .sum();
        let unit = inst
            .shifts
            .iter()
            .map(|s| s.paid_minutes())
            .max()
            .unwrap_or(1)
            .max(1) as f64;
        Some(Relaxation {
            inst,
            parts,
            groups,
            group_of,
            constant,
            unit,
        })
    }

    /// The bound at the current prices and its subgradient; `None` when an
    /// agent has no path (no planning keeps the hard rules).
    fn evaluate(&mut self) -> Option<Step> {
        let inst = self.inst;
        let n_kinds = inst.shifts.len();
        let mut value = self.constant;
        let mut staffed = vec![0.0; self.groups.len()];
        let mut parts = Vec::with_capacity(self.parts.len());
        let (group_of, groups) = (&self.group_of, &self.groups);
        let group = |sec, day, kind| group_of[cell(inst, sec, day, kind)];
        for part in &mut self.parts {
            part.problem.reprice(|a| {
                let g = group(a.secretariat, a.day, a.shift);
                if g == u32::MAX {
                    0.0
                } else {
                    groups[g as usize].price
                }
            });
            let p = &part.problem;
            let minute = part.minute / self.unit;
            let path = p.shortest(minute, &part.kind, part.weekend)?;
            let used = p.usage(&path.days);
            let mut cost = 0.0;
            for (d, k) in path.days.iter().enumerate() {
                let Some(k) = *k else { continue };
                let c = p.choice(d, k);
                cost += c.cost;
                let g = group(c.secretariat, d, c.kind);
                if g != u32::MAX {
                    staffed[g as usize] += 1.0;
                }
            }
            // The priced resources: what the path pays, less what they
            // allow (Lagrangian terms, each ≤ 0 on a path that keeps them).
            let held = if part.minute > 0.0 {
                p.max_total as f64
            } else {
                p.min_total as f64
            };
            cost += minute * (used.minutes as f64 - held);
            // Shifts over each kind's cap (0 for a kind without one).
            let kinds: Vec<f64> = (0..n_kinds)
                .map(|k| p.kind_cap[k].map_or(0.0, |cap| used.per_kind[k] as f64 - cap as f64))
                .collect();
            cost += part
                .kind
                .iter()
                .zip(&kinds)
                .map(|(price, over)| price * over)
                .sum::<f64>();
            let weekends = p
                .weekend_cap
                .map_or(0.0, |cap| used.weekends as f64 - cap as f64);
            cost += part.weekend * weekends;
            value += cost;
            // The minute's subgradient: over the maximum or under the
            // minimum (none while the total is within both at price 0).
            let minute_sub = if used.minutes > p.max_total && part.minute >= 0.0 {
                (used.minutes - p.max_total) as f64
            } else if used.minutes < p.min_total && part.minute <= 0.0 {
                (used.minutes - p.min_total) as f64
            } else if part.minute == 0.0 {
                0.0
            } else {
                used.minutes as f64 - held
            } / self.unit;
            parts.push((minute_sub, kinds, weekends));
        }
        let mut subgradient = staffed;
        for (g, group) in self.groups.iter().enumerate() {
            let (y, v) = group.least(inst, subgradient[g]);
            value += v;
            subgradient[g] -= y as f64;
        }
        Some(Step {
            value,
            groups: subgradient,
            parts,
        })
    }

    /// Moves the group prices by `step` along `direction`, within the
    /// slopes of their penalties (an optimal price lies there), and each
    /// agent's prices by their own steps ([`Adaptive`]) along her
    /// subgradient in `s`, keeping the signs each must have (a cap's price
    /// is never negative; the price of a minute is not positive without a
    /// maximum).
    fn advance(&mut self, s: &Step, direction: &[f64], step: f64) {
        let inst = self.inst;
        for (group, g) in self.groups.iter_mut().zip(direction) {
            let (lo, hi) = group.need.slopes(inst);
            group.price = (group.price + step * g).clamp(lo, hi);
        }
        for (part, (m, kinds, w)) in self.parts.iter_mut().zip(&s.parts) {
            let top = part.minute_top();
            let p = &part.problem;
            part.steps
                .0
                .apply(&mut part.minute, *m, f64::NEG_INFINITY, top);
            for (k, price) in part.kind.iter_mut().enumerate() {
                if p.kind_cap[k].is_some() {
                    part.steps.1[k].apply(price, kinds[k], 0.0, f64::INFINITY);
                }
            }
            if p.weekend_cap.is_some() {
                part.steps
                    .2
                    .apply(&mut part.weekend, *w, 0.0, f64::INFINITY);
            }
        }
    }

    /// The steps' starting prices: each group at what its first agent
    /// gains or costs (until then every price is 0).
    fn start_steps(&mut self) {
        for g in &mut self.groups {
            g.price = g.need.one_more(self.inst, 0);
        }
    }

    /// The squared length of `direction` once the group prices held at
    /// the ends of their slopes are left out.
    fn norm(&self, direction: &[f64]) -> f64 {
        let inst = self.inst;
        self.groups
            .iter()
            .zip(direction)
            .map(|(group, &g)| {
                let (lo, hi) = group.need.slopes(inst);
                if moves(group.price, g, lo, hi) {
                    g * g
                } else {
                    0.0
                }
            })
            .sum()
    }

    /// Whether no agent's price would move along her subgradient in `s`.
    fn settled(&self, s: &Step) -> bool {
        self.parts
            .iter()
            .zip(&s.parts)
            .all(|(part, (m, kinds, w))| {
                !moves(part.minute, *m, f64::NEG_INFINITY, part.minute_top())
                    && !moves(part.weekend, *w, 0.0, f64::INFINITY)
                    && part
                        .kind
                        .iter()
                        .zip(kinds)
                        .all(|(&price, &k)| !moves(price, k, 0.0, f64::INFINITY))
            })
    }
}

impl Part {
    /// The highest price of her minutes: 0 without a maximum total.
    fn minute_top(&self) -> f64 {
        if self.problem.max_total == i64::MAX {
            0.0
        } else {
            f64::INFINITY
        }
    }
}

/// Whether a price at `price` within `lo..=hi` moves along subgradient
/// `g` (not 0, not pushing against the end it is held at).
fn moves(price: f64, g: f64, lo: f64, hi: f64) -> bool {
    g != 0.0 && !((price <= lo && g < 0.0) || (price >= hi && g > 0.0))
}

/// The step of one of an agent's prices: it grows while the subgradient
/// keeps its sign and halves when the sign turns (a bisection once the
/// price is bracketed). Agents' prices only bind their own planning, so
/// each finds its level at its own pace rather than at the pace of the
/// thousands of group prices.
#[derive(Debug, Clone, Copy)]
struct Adaptive {
    size: f64,
    last: f64,
}

impl Adaptive {
    const START: f64 = 1.0;
    const GROW: f64 = 1.5;

    fn new() -> Adaptive {
        Adaptive {
            size: Adaptive::START,
            last: 0.0,
        }
    }

    /// Moves `price` for subgradient `g`, within `lo..=hi`; a price held
    /// at an end starts its steps again.
    fn apply(&mut self, price: &mut f64, g: f64, lo: f64, hi: f64) {
        if g == 0.0 {
            return;
        }
        if self.last * g < 0.0 {
            self.size /= 2.0;
        } else if self.last != 0.0 {
            self.size *= Adaptive::GROW;
        }
        self.last = g;
        let moved = *price + self.size * g.signum();
        *price = moved.clamp(lo, hi);
        if *price != moved {
            *self = Adaptive::new();
        }
    }
}

impl Group {
    /// The staffing `y` in `0..=most` where `penalty(y) − price·y` is
    /// least, and that least value (piecewise linear: one of the
    /// breakpoints or ends). Of equal values, the staffing nearest `near`
    /// (the agents' own): the subgradient is then as short as it can be.
    fn least(&self, inst: &Instance, near: f64) -> (i64, f64) {
        let value = |y: i64| self.need.penalty(inst, y) - self.price * y as f64;
        let mut best = (0, f64::INFINITY);
        for y in self.need.breakpoints().into_iter().chain([0, self.most]) {
            let y = y.clamp(0, self.most);
            let v = value(y);
            if v < best.1 {
                best = (y, v);
            }
        }
        let y = (near.round() as i64).clamp(0, self.most);
        let v = value(y);
        if v <= best.1 + 1e-9 * best.1.abs().max(1.0) {
            best = (y, v.min(best.1));
        }
        best
    }
}

/// Raises a lower bound on the objective of every planning of `inst` that
/// keeps the hard rules by subgradient steps (module doc) until
/// `deadline` or `stop()`, calling `publish` with each better positive
/// bound (less a relative 1e-9 for rounding; every term of the objective
/// is non-negative, so 0 needs no proof); returns the best. When no
/// positive bound is found within [`PATIENCE`] of the time left at the
/// first step, the steps stop there (their thread's time goes back to the
/// search). `upper()` is the objective of the best planning known, the
/// target of the steps; the steps start once it is known (the bound at
/// zero group prices comes before, without it). `None` when the
/// relaxation does not apply or an agent has no planning at all.
pub(crate) fn bound(
    inst: &Instance,
    deadline: Instant,
    stop: impl Fn() -> bool,
    upper: impl Fn() -> Option<f64>,
    mut publish: impl FnMut(f64),
) -> Option<f64> {
    if !applies(inst) {
        return None;
    }
    let mut relaxation = Relaxation::new(inst)?;
    let tolerance = |b: f64| 1e-9 * b.abs().max(1.0);
    let mut best = f64::NEG_INFINITY;
    let mut factor = FIRST_FACTOR;
    let mut stalled = 0;
    let mut direction: Vec<f64> = Vec::new();
    // The bound at zero prices first (module doc); the steps are judged by
    // their own best, the published bound is the higher.
    let mut published = f64::NEG_INFINITY;
    let mut offer = |value: f64, published: &mut f64| {
        if value > 0.0 && (!published.is_finite() || value > *published + tolerance(*published)) {
            *published = value;
            publish(value - tolerance(value));
        }
    };
    offer(relaxation.evaluate()?.value, &mut published);
    relaxation.start_steps();
    let mut give_up = None;
    let go_on = || Instant::now() < deadline && !stop() && !crate::interrupt::requested();
    while go_on() {
        let Some(upper) = upper() else {
            std::thread::sleep(std::time::Duration::from_millis(50));
            continue;
        };
        let give_up = *give_up.get_or_insert_with(|| {
            let now = Instant::now();
            now + deadline.saturating_duration_since(now).mul_f64(PATIENCE)
        });
        let step = relaxation.evaluate()?;
        if !best.is_finite() || step.value > best + tolerance(best) {
            best = step.value;
            stalled = 0;
            offer(best, &mut published);
        } else if best <= 0.0 && Instant::now() >= give_up {
            break;
        } else {
            stalled += 1;
            if stalled >= STALL {
                factor = (factor / 2.0).max(MIN_FACTOR);
                stalled = 0;
            }
        }
        if best.max(published) >= upper - tolerance(upper) {
            break; // Nothing left to prove.
        }
        // The prices are optimal when the subgradient is 0: the bound is
        // the relaxation's.
        if relaxation.settled(&step) && relaxation.norm(&step.groups) == 0.0 {
            break;
        }
        if direction.is_empty() {
            direction.clone_from(&step.groups);
        } else {
            for (d, g) in direction.iter_mut().zip(&step.groups) {
                *d = DIRECTION_NEW * g + (1.0 - DIRECTION_NEW) * *d;
            }
        }
        let mut norm = relaxation.norm(&direction);
        if norm == 0.0 {
            // The smoothed direction cancelled out: the new subgradient.
            direction.clone_from(&step.groups);
            norm = relaxation.norm(&direction);
        }
        let size = if norm > 0.0 {
            factor * (upper - step.value) / norm
        } else {
            0.0
        };
        relaxation.advance(&step, &direction, size);
    }
    let best = best.max(published);
    best.is_finite().then(|| best - tolerance(best))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::TinyInstance;
    use crate::domain::{AvailabilityKind, AvailabilityScope};
    use crate::solve::one_agent::tests::{base, unbound};
    use crate::solve::{solve, SolveOptions};
    use proptest::prelude::*;
    use std::time::Duration;

    /// The optimum of `inst` by the MIP (gap 0).
    fn optimum(inst: &Instance) -> f64 {
        let opts = SolveOptions {
            time_limit: 30.0,
            gap: 0.0,
            threads: 1,
            ..SolveOptions::default()
        };
        let out = solve(inst, &opts).expect("solves");
        let z = out.objective.expect("a planning");
        assert!(
            close(out.bound.expect("a bound"), z),
            "solved to optimality"
        );
        z
    }

    /// The Lagrangian bound of `inst` within `seconds`, steps aimed at
    /// `upper`.
    fn lagrangian(inst: &Instance, upper: f64, seconds: f64) -> Option<f64> {
        let deadline = Instant::now() + Duration::from_secs_f64(seconds);
        bound(inst, deadline, || false, || Some(upper), |_| {})
    }

    /// [`base`] without the hours balance terms (the relaxation leaves them
    /// out: they would only widen the gap between bound and optimum).
    fn plain(days: usize) -> TinyInstance {
        base(days).weights(|w| {
            w.under_hours = 0.0;
            w.overtime = 0.0;
        })
    }

    /// `days` days, one agent whose runs are at most `max_run` days, a
    /// need of one agent on M every day.
    fn runs(days: usize, max_run: u32) -> Instance {
        let mut t = plain(days).contract("c", |c| {
            unbound(c);
            c.max_consecutive_days = max_run;
            c.min_consecutive_days_off = 2;
        });
        for d in 0..days {
            t = t.shift_need("A", d, "M", 1, 1, Some(1));
        }
        t.build()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-6 * a.abs().max(1.0)
    }

    #[test]
    fn runs_of_work_decide_what_the_bound_proves() {
        // 6 days, runs of at most 2 days, 2 days off between them: 2 on,
        // 2 off, 2 on — two days uncovered, and the bound proves it.
        let inst = runs(6, 2);
        let z = optimum(&inst);
        assert!(close(z, 2.0 * inst.weights.uncovered), "{z}");
        let b = lagrangian(&inst, z, 5.0).expect("a bound");
        assert!(close(b, z), "bound {b}, optimum {z}");
        // The same days with runs of 6: everything covered, bound 0.
        let inst = runs(6, 6);
        assert_eq!(optimum(&inst), 0.0);
        let b = lagrangian(&inst, 0.0, 5.0).expect("a bound");
        assert!(close(b, 0.0), "{b}");
    }

    #[test]
    fn a_bound_comes_before_any_planning_is_known() {
        // Needs of two agents on M each day, one agent: each day is one
        // short whatever the prices. The bound at zero prices proves it
        // without a target for the steps (no planning known yet, as while
        // a year-long construction runs).
        let mut t = plain(3).contract("c", unbound);
        for d in 0..3 {
            t = t.shift_need("A", d, "M", 2, 2, Some(2));
        }
        let inst = t.build();
        let z = optimum(&inst);
        assert!(close(z, 3.0 * inst.weights.uncovered), "{z}");
        let mut published = Vec::new();
        let deadline = Instant::now() + Duration::from_secs_f64(0.5);
        let b = bound(&inst, deadline, || false, || None, |b| published.push(b));
        assert!(b.is_some_and(|b| close(b, z)), "{b:?}, optimum {z}");
        assert_eq!(published.len(), 1, "{published:?}");
        assert!(close(published[0], z), "{published:?}");
    }

    #[test]
    fn prefer_on_rows_cost_until_honoured() {
        // Two agents, one need of one agent on day 0; both prefer to work
        // it (weight 3 each): one of them is disappointed (3), or both work
        // and one is above max (w_over) — the bound finds the least.
        let inst = plain(1)
            .agent("bob", "A", &[])
            .shift_need("A", 0, "M", 1, 1, Some(1))
            .availability(
                "ann",
                0,
                AvailabilityKind::PreferOn,
                AvailabilityScope::Shift(0),
                3.0,
            )
            .availability(
                "bob",
                0,
                AvailabilityKind::PreferOn,
                AvailabilityScope::Shift(0),
                3.0,
            )
            .build();
        let z = optimum(&inst);
        let expected = (3.0 * inst.weights.preference).min(inst.weights.above_max);
        assert!(close(z, expected), "{z}");
        let b = lagrangian(&inst, z, 5.0).expect("a bound");
        assert!(close(b, z), "bound {b}, optimum {z}");
    }

    #[test]
    fn applies_only_when_a_path_is_every_planning() {
        assert!(applies(&runs(3, 2)));
        // Two shifts that fit in one day: a path works one, a planning two.
        let two = TinyInstance::new(3)
            .shift("M", "08:00", "12:00", 0)
            .shift("S", "13:00", "17:00", 0)
            .secretariat("A", "P")
            .agent("ann", "A", &[])
            .rules(|r| {
                r.min_weekly_rest_minutes = 0;
                r.max_weekly_minutes = 7 * 24 * 60;
                r.overtime_cap_month_minutes = 100_000 * 60;
            })
            .build();
        assert!(one_agent::in_reach(&two));
        assert!(!applies(&two));
        // Weekly rest: out of the shortest path's reach.
        let mut rest = runs(3, 2);
        rest.rules.min_weekly_rest_minutes = 36 * 60;
        assert!(!applies(&rest));
    }

    /// Two agents over 7 to 10 days: random needs, preferences and runs.
    fn random_instance() -> impl Strategy<Value = Instance> {
        (
            7usize..11,
            (1u32..5, 1u32..3, 1u32..3),
            proptest::collection::vec((0u8..5, 0u8..3), 10),
            proptest::collection::vec((0usize..2, 0usize..10, any::<bool>(), 1u8..4), 0..6),
        )
            .prop_map(|(days, (max_run, min_run, min_off), needs, prefs)| {
                let contract = move |c: &mut crate::domain::Contract| {
                    unbound(c);
                    c.max_consecutive_days = max_run;
                    c.min_consecutive_days = min_run;
                    c.min_consecutive_days_off = min_off;
                    c.max_total_minutes = Some(480 * days as i64 * 2 / 3);
                };
                let mut t = plain(days)
                    .contract("a", contract)
                    .agent("bob", "A", &[])
                    .contract("b", contract);
                for (d, &(kind, n)) in needs.iter().take(days).enumerate() {
                    let shift = if kind % 2 == 0 { "M" } else { "S" };
                    if kind < 4 {
                        t = t.shift_need(
                            "A",
                            d,
                            shift,
                            u32::from(n),
                            u32::from(n),
                            Some(u32::from(n)),
                        );
                    }
                }
                for (agent, day, on, w) in prefs {
                    let who = ["ann", "bob"][agent];
                    let kind = if on {
                        AvailabilityKind::PreferOn
                    } else {
                        AvailabilityKind::PreferOff
                    };
                    t = t.availability(
                        who,
                        day % days,
                        kind,
                        AvailabilityScope::Shift(0),
                        f64::from(w),
                    );
                }
                t.build()
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Whatever the prices reached, the bound is never above the
        /// optimum of the MIP.
        #[test]
        fn the_bound_is_never_above_the_optimum(inst in random_instance()) {
            prop_assume!(applies(&inst));
            let z = optimum(&inst);
            let b = lagrangian(&inst, z, 0.3).expect("a bound");
            prop_assert!(b <= z + 1e-6 * z.abs().max(1.0), "bound {} above the optimum {}", b, z);
        }
    }
}
