//! One agent's planning without a MIP: a shortest path over her days.
//!
//! The construction (`construct`) plans agents one after the other against
//! the shifts of those planned before. On long horizons a MIP per agent
//! costs seconds (a year of 32 shift kinds: about 5 s), too slow for 150
//! agents in a minute. When every hard rule of an agent is one this module
//! follows exactly or one that cannot bind ([`Problem::new`] says which),
//! her planning is built by dynamic programming:
//!
//! - **Days and states**: at most one shift a day, at the secretariat where
//!   it gains most. The state after a day is what her rules need to know of
//!   the past: the kind worked that day (or a day off), the length of the
//!   current run of working days or days off, the days worked in the ISO
//!   week so far (when `max_days_per_week` < 7), and whether the current
//!   weekend is already worked. Runs follow the checker's edge convention
//!   (a run touching the horizon's first or last day may be short).
//! - **Costs**: what one more agent on that shift changes in the coverage
//!   terms, given the shifts already planned (below min, below target,
//!   above max, minute needs and shift-kind needs), plus preferences and
//!   `away_from_home`. Weekly hours balance is not priced.
//! - **Horizon resources** (total minutes between the contract's bounds,
//!   shifts per kind, weekends) are priced — a Lagrangian relaxation: the
//!   price of a worked minute is bisected until the total falls within its
//!   bounds; kinds and weekends over their caps get dearer round after
//!   round. When the bisection steps over the bounds, the two plannings on
//!   either side are spliced at a day where their states agree (both
//!   halves then keep every rule the states follow).
//!
//! The result is checked by `check` (her hard rules, independently of this
//! code) before it is returned; `None` when a rule is out of this module's
//! reach, when no priced path meets every resource, or when the check
//! fails — the construction then uses the MIP.
//!
//! Deterministic: ties between equal costs are broken by a fixed small
//! perturbation of each (day, kind) from the seed.
//!
//! Where these states do not reach (several shifts a day, a weekly rest),
//! [`polish`] re-plans agents week by week instead (`week_paths`), against
//! a [`Gains`] of all the others kept up to date move after move.

use super::week_paths::{self, WeekProblem};
use crate::check;
use crate::domain::calendar::DAY_MINUTES;
use crate::domain::{
    AgentIdx, Assignment, AvailabilityKind, Instance, LeaveIdx, LeaveStatus, NeedWindow, Planning,
    SecretariatIdx, ShiftIdx,
};
use crate::model;
use std::collections::BTreeMap;
use std::time::Instant;

/// Rounds of prices for kinds and weekends over their caps.
const ROUNDS: usize = 6;
/// Prices of a weekend tried per round.
const WEEKEND_STEPS: usize = 12;
/// Bisection steps on the price of a minute per round.
const BISECTIONS: usize = 30;
/// Tie-breaking perturbation of a (day, kind), relative to the largest
/// cost: without it, shifts of equal cost all flip at the same price of a
/// minute and the total jumps over its bounds.
const JITTER: f64 = 0.01;
/// Spread of the day factors of the prices of a minute and of a weekend
/// (±10 %): for the same reason, days of equal gains do not all flip at
/// the same price.
const PRICE_SPREAD: f64 = 0.2;

/// One way to work a day: a shift kind at its best secretariat.
#[derive(Debug, Clone, Copy)]
pub(super) struct Choice {
    pub(super) kind: ShiftIdx,
    pub(super) secretariat: SecretariatIdx,
    /// Objective change of adding this shift (negative: it gains).
    pub(super) cost: f64,
    /// Paid minutes.
    pub(super) paid: i64,
}

/// A path: the kind worked each day (or none) and the state after it.
#[derive(Debug, Clone)]
pub(super) struct Path {
    pub(super) days: Vec<Option<usize>>,
    states: Vec<usize>,
}

/// What one agent's rules and costs make of her horizon.
pub(super) struct Problem {
    agent: AgentIdx,
    pub(super) n_days: usize,
    pub(super) n_kinds: usize,
    /// Per day, per kind: the index in `choices[day]` (`usize::MAX`: none).
    index: Vec<Vec<usize>>,
    choices: Vec<Vec<Choice>>,
    /// Per day, per choice: the secretariats where the agent may work it,
    /// with the shift's own cost there (preferences, away_from_home).
    options: Vec<Vec<Vec<(SecretariatIdx, f64)>>>,
    /// `follows[k][k2]`: kind `k2` may be worked the day after `k`.
    follows: Vec<Vec<bool>>,
    max_run: usize,
    min_run: usize,
    min_off: usize,
    /// Working days per ISO week, when it can bind.
    week_cap: Option<usize>,
    week_starts: Vec<bool>,
    /// Weekend number of each day (weekend days only) and whether the day
    /// opens its weekend inside the horizon.
    weekend: Vec<Option<usize>>,
    weekend_starts: Vec<bool>,
    pub(super) min_total: i64,
    pub(super) max_total: i64,
    pub(super) kind_cap: Vec<Option<usize>>,
    /// What the agent's current shifts (`mine` of [`Problem::new`]) cost
    /// against the others, as a path's cost counts.
    current: f64,
    pub(super) weekend_cap: Option<usize>,
    /// The largest cost of a choice (at least 1): the unit of prices.
    scale: f64,
    /// Tie-breaking perturbation per (day, kind).
    jitter: Vec<Vec<f64>>,
    /// Per day, the factor of the prices of a minute and of a weekend.
    price_factor: Vec<f64>,
    // State layout: ((slot · runs + run) · weeks + week) · 2 + weekend flag;
    // slot 0 is a day off, slot k + 1 kind k.
    runs: usize,
    weeks: usize,
}

/// The resources a path uses.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Usage {
    pub(super) minutes: i64,
    pub(super) per_kind: Vec<usize>,
    pub(super) weekends: usize,
}

impl Problem {
    /// The problem of `agent` against `others` (the shifts already planned),
    /// or `None` when one of her rules is out of reach (module doc).
    pub(super) fn new(
        inst: &Instance,
        agent: AgentIdx,
        others: &Planning,
        mine: &[Assignment],
        admissible: &[Assignment],
        seed: u64,
    ) -> Option<Problem> {
        if !in_reach(inst) {
            return None;
        }
        let rules = &inst.rules;
        let contract = inst.contract_of(agent);
        let n_days = inst.horizon.days;
        let n_kinds = inst.shifts.len();
        let cap = |n: u32| n as usize;
        let max_run = cap(contract.max_consecutive_days).min(n_days);
        if max_run == 0 {
            return None;
        }
        let min_run = cap(contract.min_consecutive_days).max(1);
        let min_off = cap(contract.min_consecutive_days_off).max(1);
        let week_cap = (contract.max_days_per_week < 7).then(|| cap(contract.max_days_per_week));
        let kind_cap: Vec<Option<usize>> = (0..n_kinds)
            .map(|k| {
                contract
                    .max_shifts
                    .get(k)
                    .copied()
                    .flatten()
                    .map(cap)
                    .filter(|&c| c < n_days)
            })
            .collect();

        // One shift a day: each kind alone must fit a day's rules.
        let fits_a_day = |k: ShiftIdx| {
            let s = &inst.shifts[k];
            s.paid_minutes() <= rules.max_daily_minutes
                && s.end - s.start <= rules.max_amplitude_minutes
                && kind_cap[k] != Some(0)
        };
        let follows: Vec<Vec<bool>> = (0..n_kinds)
            .map(|k| {
                let s = &inst.shifts[k];
                (0..n_kinds)
                    .map(|k2| {
                        let next = &inst.shifts[k2];
                        !s.cannot_follow.contains(&k2)
                            && DAY_MINUTES + next.start - s.end >= rules.min_daily_rest_minutes
                    })
                    .collect()
            })
            .collect();

        let own = OwnCost::new(inst, agent);
        let own_cost = |a: Assignment| own.of(a);
        let mut cells: BTreeMap<(usize, ShiftIdx), Vec<(SecretariatIdx, f64)>> = BTreeMap::new();
        for &a in admissible {
            if a.day >= n_days || !fits_a_day(a.shift) {
                continue;
            }
            cells
                .entry((a.day, a.shift))
                .or_default()
                .push((a.secretariat, own_cost(a)));
        }
        let current = mine.iter().map(|&a| own_cost(a)).sum();
        let mut choices = vec![Vec::new(); n_days];
        let mut options = vec![Vec::new(); n_days];
        let mut index = vec![vec![usize::MAX; n_kinds]; n_days];
        for ((day, kind), places) in cells {
            index[day][kind] = choices[day].len();
            let (secretariat, cost) = places[0];
            choices[day].push(Choice {
                kind,
                secretariat,
                cost,
                paid: inst.shifts[kind].paid_minutes(),
            });
            options[day].push(places);
        }

        let horizon = &inst.horizon;
        let week_starts = (0..n_days)
            .map(|d| d == 0 || horizon.weekday(d) == chrono::Weekday::Mon)
            .collect();
        let mut weekend = vec![None; n_days];
        let mut weekend_starts = vec![false; n_days];
        for (i, days) in horizon.weekends().iter().enumerate() {
            for (j, &d) in days.iter().enumerate() {
                weekend[d] = Some(i);
                weekend_starts[d] = j == 0;
            }
        }
        let runs = max_run.max(min_off) + 1;
        let weeks = week_cap.map_or(1, |c| c + 1);
        let mut problem = Problem {
            agent,
            n_days,
            n_kinds,
            index,
            choices,
            options,
            follows,
            max_run,
            min_run,
            min_off,
            week_cap,
            week_starts,
            weekend,
            weekend_starts,
            min_total: contract.min_total_minutes,
            max_total: contract.max_total_minutes.unwrap_or(i64::MAX),
            kind_cap,
            current,
            weekend_cap: contract.max_weekends.map(cap),
            scale: 1.0,
            jitter: vec![vec![0.0; n_kinds]; n_days],
            price_factor: vec![1.0; n_days],
            runs,
            weeks,
        };
        let gains = Gains::new(inst, others);
        problem.current += mine.iter().map(|&a| gains.cost(inst, a)).sum::<f64>();
        problem.reprice(|a| gains.cost(inst, a));
        problem.perturb(seed ^ (agent as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        Some(problem)
    }

    /// Sets each choice's cost to its own cost (preferences,
    /// away_from_home) plus `coverage` of the shift, at the secretariat
    /// where their sum is least (the first listed on ties).
    pub(super) fn reprice(&mut self, coverage: impl Fn(Assignment) -> f64) {
        let agent = self.agent;
        for (day, (choices, options)) in self.choices.iter_mut().zip(&self.options).enumerate() {
            for (c, places) in choices.iter_mut().zip(options) {
                let mut best = (f64::INFINITY, c.secretariat);
                for &(secretariat, own) in places {
                    let a = Assignment {
                        agent,
                        day,
                        shift: c.kind,
                        secretariat,
                    };
                    let cost = own + coverage(a);
                    if cost < best.0 {
                        best = (cost, secretariat);
                    }
                }
                (c.cost, c.secretariat) = best;
            }
        }
    }

    /// The same problem without tie-breaking perturbations: its shortest
    /// path is exactly the cheapest at the prices given.
    pub(super) fn exact(mut self) -> Problem {
        for row in &mut self.jitter {
            row.fill(0.0);
        }
        self.price_factor.fill(1.0);
        self
    }

    /// The price scale and the tie-breaking perturbations from `seed`
    /// (module doc), for the current costs.
    fn perturb(&mut self, seed: u64) {
        self.scale = self
            .choices
            .iter()
            .flatten()
            .map(|c| c.cost.abs())
            .fold(1.0, f64::max);
        let mut rng = seed;
        let mut uniform = move || {
            rng = rng
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (rng >> 40) as f64 / (1u64 << 24) as f64
        };
        let scale = self.scale;
        self.jitter = (0..self.n_days)
            .map(|_| {
                (0..self.n_kinds)
                    .map(|_| uniform() * JITTER * scale)
                    .collect()
            })
            .collect();
        self.price_factor = (0..self.n_days)
            .map(|_| 1.0 + PRICE_SPREAD * (uniform() - 0.5))
            .collect();
    }

    fn n_states(&self) -> usize {
        (self.n_kinds + 1) * self.runs * self.weeks * 2
    }

    fn state(&self, slot: usize, run: usize, week: usize, flag: usize) -> usize {
        ((slot * self.runs + run) * self.weeks + week) * 2 + flag
    }

    fn unpack(&self, s: usize) -> (usize, usize, usize, usize) {
        let flag = s % 2;
        let rest = s / 2;
        let week = rest % self.weeks;
        let rest = rest / self.weeks;
        (rest / self.runs, rest % self.runs, week, flag)
    }

    /// The cheapest path at prices `minute` (per paid minute), `kind` (per
    /// shift of each kind) and `weekend` (per weekend worked).
    pub(super) fn shortest(&self, minute: f64, kind: &[f64], weekend: f64) -> Option<Path> {
        let n = self.n_states();
        let mut value = vec![f64::INFINITY; n];
        let mut next = vec![f64::INFINITY; n];
        // The state each state of each day was reached from, day after day.
        let mut back = vec![u32::MAX; n * self.n_days];
        // Before the first day: a long enough run of days off.
        value[self.state(0, self.min_off, 0, 0)] = 0.0;
        // The kinds worked the day before, cheapest first (ties: by kind).
        let mut order: Vec<(f64, usize)> = Vec::with_capacity(self.n_kinds);
        let mut priced: Vec<[f64; 2]> = Vec::new();
        for d in 0..self.n_days {
            next.fill(f64::INFINITY);
            let from = &mut back[d * n..(d + 1) * n];
            let weekend_day = self.weekend[d].is_some();
            let mut relax = |next: &mut Vec<f64>, to: usize, v: f64, s: usize| {
                if v < next[to] {
                    next[to] = v;
                    from[to] = s as u32;
                }
            };
            // The entering state's week count and weekend flag on day d.
            let enter = |week: usize, flag: usize| {
                let week = if self.week_starts[d] { 0 } else { week };
                let flag = if !weekend_day || self.weekend_starts[d] {
                    0
                } else {
                    flag
                };
                (week, flag)
            };
            let price = |c: &Choice, flag: usize| {
                c.cost
                    + self.jitter[d][c.kind]
                    + kind[c.kind]
                    + self.price_factor[d]
                        * (minute * c.paid as f64
                            + if weekend_day && flag == 0 {
                                weekend
                            } else {
                                0.0
                            })
            };
            // What each choice of the day costs, entered with the weekend
            // flag 0 or 1.
            priced.clear();
            priced.extend(self.choices[d].iter().map(|c| [price(c, 0), price(c, 1)]));
            let work_week = |week: usize| -> Option<usize> {
                match self.week_cap {
                    Some(cap) if week + 1 > cap => None,
                    Some(_) => Some(week + 1),
                    None => Some(0),
                }
            };
            // Groups of work states with the same (run, week, flag), for the
            // work-to-work transitions.
            for run in 0..self.runs {
                for week in 0..self.weeks {
                    for flag in 0..2 {
                        // From a day off.
                        let s = self.state(0, run, week, flag);
                        let v = value[s];
                        if v.is_finite() {
                            let (w, f) = enter(week, flag);
                            let off_run = (run + 1).min(self.min_off);
                            relax(&mut next, self.state(0, off_run, w, f), v, s);
                            if run >= self.min_off {
                                if let Some(w2) = work_week(w) {
                                    for (c, p) in self.choices[d].iter().zip(&priced) {
                                        let f2 = usize::from(weekend_day);
                                        let to = self.state(c.kind + 1, 1, w2, f2);
                                        relax(&mut next, to, v + p[f], s);
                                    }
                                }
                            }
                        }
                        // From a working day: to a day off.
                        order.clear();
                        for k in 0..self.n_kinds {
                            let s = self.state(k + 1, run, week, flag);
                            let v = value[s];
                            if !v.is_finite() {
                                continue;
                            }
                            order.push((v, k));
                            // The run ends: long enough, or from the first day.
                            if run >= self.min_run || run == d {
                                let (w, f) = enter(week, flag);
                                relax(&mut next, self.state(0, 1, w, f), v, s);
                            }
                        }
                        // To another working day.
                        if order.is_empty() || run + 1 > self.max_run {
                            continue;
                        }
                        let (w, f) = enter(week, flag);
                        let Some(w2) = work_week(w) else { continue };
                        order.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                        for (c, p) in self.choices[d].iter().zip(&priced) {
                            let Some(&(v, k)) =
                                order.iter().find(|&&(_, k)| self.follows[k][c.kind])
                            else {
                                continue;
                            };
                            let s = self.state(k + 1, run, week, flag);
                            let f2 = usize::from(weekend_day);
                            let to = self.state(c.kind + 1, run + 1, w2, f2);
                            relax(&mut next, to, v + p[f], s);
                        }
                    }
                }
            }
            std::mem::swap(&mut value, &mut next);
        }
        // The cheapest final state (any: runs touching the end may be short).
        let (mut s, v) = value
            .iter()
            .enumerate()
            .min_by(|a, b| a.1.total_cmp(b.1))
            .map(|(s, &v)| (s, v))?;
        if !v.is_finite() {
            return None;
        }
        let mut days = vec![None; self.n_days];
        let mut states = vec![0; self.n_days];
        for d in (0..self.n_days).rev() {
            states[d] = s;
            let (slot, ..) = self.unpack(s);
            days[d] = slot.checked_sub(1);
            s = back[d * n + s] as usize;
        }
        Some(Path { days, states })
    }

    pub(super) fn choice(&self, day: usize, kind: usize) -> &Choice {
        &self.choices[day][self.index[day][kind]]
    }

    pub(super) fn usage(&self, days: &[Option<usize>]) -> Usage {
        let mut u = Usage {
            minutes: 0,
            per_kind: vec![0; self.n_kinds],
            weekends: 0,
        };
        let mut last_weekend = None;
        for (d, k) in days.iter().enumerate() {
            let Some(k) = *k else { continue };
            u.minutes += self.choice(d, k).paid;
            u.per_kind[k] += 1;
            if let Some(w) = self.weekend[d] {
                if last_weekend != Some(w) {
                    u.weekends += 1;
                    last_weekend = Some(w);
                }
            }
        }
        u
    }

    fn cost(&self, days: &[Option<usize>]) -> f64 {
        days.iter()
            .enumerate()
            .filter_map(|(d, k)| k.map(|k| self.choice(d, k).cost))
            .sum()
    }

    /// Excess over each cap other than the total: per kind, then weekends.
    fn excess(&self, u: &Usage) -> (Vec<usize>, usize) {
        let kinds = (0..self.n_kinds)
            .map(|k| self.kind_cap[k].map_or(0, |c| u.per_kind[k].saturating_sub(c)))
            .collect();
        let weekends = self.weekend_cap.map_or(0, |c| u.weekends.saturating_sub(c));
        (kinds, weekends)
    }

    fn meets(&self, u: &Usage) -> bool {
        let (kinds, weekends) = self.excess(u);
        (self.min_total..=self.max_total).contains(&u.minutes)
            && weekends == 0
            && kinds.iter().all(|&e| e == 0)
    }

    /// Spliced paths of `a` and `b` (each way round, at every day where
    /// their states agree) whose total is within bounds and weekends within
    /// their cap, kinds over their caps swapped ([`Problem::swap_kinds`]),
    /// that meet every resource; the cheapest.
    fn splice(&self, a: &Path, b: &Path) -> Option<Vec<Option<usize>>> {
        let mut best: Option<(f64, Vec<Option<usize>>)> = None;
        for (first, second) in [(a, b), (b, a)] {
            // Cut after day t (t = none: all of `second`).
            let cuts = std::iter::once(None).chain(
                (0..self.n_days)
                    .filter(|&t| first.states[t] == second.states[t])
                    .map(Some),
            );
            for t in cuts {
                let split = t.map_or(0, |t| t + 1);
                let mut days: Vec<Option<usize>> = first.days[..split]
                    .iter()
                    .chain(&second.days[split..])
                    .copied()
                    .collect();
                let u = self.usage(&days);
                if !(self.min_total..=self.max_total).contains(&u.minutes) || self.excess(&u).1 > 0
                {
                    continue;
                }
                self.swap_kinds(&mut days);
                if !self.meets(&self.usage(&days)) {
                    continue;
                }
                let cost = self.cost(&days);
                if best.as_ref().is_none_or(|(c, _)| cost < *c) {
                    best = Some((cost, days));
                }
            }
        }
        best.map(|(_, days)| days)
    }

    /// Whether kind `k` on day `d` may follow the day before and precede
    /// the day after in `days`.
    fn fits_between(&self, days: &[Option<usize>], d: usize, k: usize) -> bool {
        let after_previous = d == 0 || days[d - 1].is_none_or(|p| self.follows[p][k]);
        after_previous
            && days
                .get(d + 1)
                .copied()
                .flatten()
                .is_none_or(|n| self.follows[k][n])
    }

    /// Brings kinds over their caps down by swapping the kind of a working
    /// day for another of the same paid minutes (so the total, the runs and
    /// the weekends stay as they are) that may follow the day before and
    /// precede the day after, cheapest swap first.
    fn swap_kinds(&self, days: &mut [Option<usize>]) {
        let mut used = self.usage(days).per_kind;
        let under = |used: &[usize], k: usize| self.kind_cap[k].is_none_or(|c| used[k] < c);
        loop {
            let mut best: Option<(f64, usize, usize)> = None;
            for d in 0..self.n_days {
                let Some(k) = days[d] else { continue };
                if self.kind_cap[k].is_none_or(|c| used[k] <= c) {
                    continue;
                }
                let from = self.choice(d, k);
                for c in &self.choices[d] {
                    let k2 = c.kind;
                    let fits = k2 != k
                        && c.paid == from.paid
                        && under(&used, k2)
                        && self.fits_between(days, d, k2);
                    let delta = c.cost - from.cost;
                    if fits && best.is_none_or(|(b, ..)| delta < b) {
                        best = Some((delta, d, k2));
                    }
                }
            }
            let Some((_, d, k2)) = best else { return };
            let k = days[d].expect("a working day");
            used[k] -= 1;
            used[k2] += 1;
            days[d] = Some(k2);
        }
    }

    /// The paths found by bisecting the price of a minute at prices `kind`
    /// and `weekend`, starting from `guess`: one within the total's bounds,
    /// or the last ones above and below them.
    fn probe(&self, kind: &[f64], weekend: f64, guess: f64, bound: f64) -> Option<Probe> {
        let mut out = Probe {
            within: None,
            above: None,
            below: None,
            minute: guess,
        };
        // Bracket around the guess, widening until it holds the bounds.
        let mut width = bound / 256.0;
        let (mut lo, mut hi) = (f64::NEG_INFINITY, f64::INFINITY);
        let mut minute = guess;
        for _ in 0..BISECTIONS {
            let path = self.shortest(minute, kind, weekend)?;
            let minutes = self.usage(&path.days).minutes;
            out.minute = minute;
            if minutes > self.max_total {
                lo = minute;
                out.above = Some(path);
            } else if minutes < self.min_total {
                hi = minute;
                out.below = Some(path);
            } else {
                out.within = Some(path);
                break;
            }
            minute = match (lo.is_finite(), hi.is_finite()) {
                (true, true) => (lo + hi) / 2.0,
                (true, false) => (lo + width).min(bound),
                (false, _) => (hi - width).max(-bound),
            };
            width *= 4.0;
        }
        Some(out)
    }

    /// A probe's planning that meets every resource: its path within the
    /// total's bounds with kinds swapped, else a splice of the paths above
    /// and below, else one of them with kinds swapped for longer or shorter
    /// ones until the total is within bounds.
    fn candidate(&self, probe: &Probe) -> Option<Vec<Option<usize>>> {
        let meets = |days: &[Option<usize>]| self.meets(&self.usage(days));
        if let Some(p) = &probe.within {
            let mut days = p.days.clone();
            self.swap_kinds(&mut days);
            return meets(&days).then_some(days);
        }
        if let (Some(a), Some(b)) = (&probe.above, &probe.below) {
            if let Some(days) = self.splice(a, b) {
                return Some(days);
            }
        }
        [&probe.above, &probe.below]
            .into_iter()
            .flatten()
            .find_map(|p| {
                let mut days = p.days.clone();
                self.swap_kinds(&mut days);
                self.swap_to_total(&mut days);
                self.toggle_to_total(&mut days);
                meets(&days).then_some(days)
            })
    }

    /// Whether `days` keeps the rules the states follow: runs, kinds that
    /// may follow each other, working days per ISO week (the edge
    /// convention of `check`: runs touching the horizon's ends may be short).
    fn keeps_rules(&self, days: &[Option<usize>]) -> bool {
        let mut run_start = 0;
        let mut week_days = 0;
        for d in 0..self.n_days {
            if self.week_starts[d] {
                week_days = 0;
            }
            if let Some(k) = days[d] {
                if self.index[d][k] == usize::MAX {
                    return false;
                }
                week_days += 1;
                if self.week_cap.is_some_and(|c| week_days > c) {
                    return false;
                }
                if d > 0 && days[d - 1].is_some_and(|p| !self.follows[p][k]) {
                    return false;
                }
            }
            let ends = d + 1 == self.n_days || days[d + 1].is_some() != days[d].is_some();
            if ends {
                let len = d + 1 - run_start;
                let inner = run_start > 0 && d + 1 < self.n_days;
                let ok = if days[d].is_some() {
                    len <= self.max_run && (!inner || len >= self.min_run)
                } else {
                    !inner || len >= self.min_off
                };
                if !ok {
                    return false;
                }
                run_start = d + 1;
            }
        }
        true
    }

    /// Brings the total within its bounds by turning single days off into
    /// working days (at their cheapest kind) or back, while every rule the
    /// states follow holds: the cheapest change per minute first.
    fn toggle_to_total(&self, days: &mut [Option<usize>]) {
        let mut u = self.usage(days);
        while !(self.min_total..=self.max_total).contains(&u.minutes) {
            let up = u.minutes < self.min_total;
            let mut best: Option<(f64, usize, Option<usize>)> = None;
            for d in 0..self.n_days {
                let options: Vec<Option<usize>> = match days[d] {
                    Some(_) if !up => vec![None],
                    None if up => self.choices[d].iter().map(|c| Some(c.kind)).collect(),
                    _ => continue,
                };
                for option in options {
                    let (change, cost) = match (option, days[d]) {
                        (Some(k), _) => (self.choice(d, k).paid, self.choice(d, k).cost),
                        (None, Some(k)) => (-self.choice(d, k).paid, -self.choice(d, k).cost),
                        (None, None) => continue,
                    };
                    let total = u.minutes + change;
                    if change == 0
                        || (up && total > self.max_total)
                        || (!up && total < self.min_total)
                    {
                        continue;
                    }
                    let per_minute = cost / change.abs() as f64;
                    if best.is_some_and(|(b, ..)| per_minute >= b) {
                        continue;
                    }
                    let was = days[d];
                    days[d] = option;
                    let u2 = self.usage(days);
                    let (kinds, weekends) = self.excess(&u2);
                    if self.keeps_rules(days) && weekends == 0 && kinds.iter().all(|&e| e == 0) {
                        best = Some((per_minute, d, option));
                    }
                    days[d] = was;
                }
            }
            let Some((_, d, option)) = best else { return };
            days[d] = option;
            u = self.usage(days);
        }
    }

    /// Brings the total within its bounds by swapping the kind of working
    /// days for longer (or shorter) ones that may follow the day before and
    /// precede the day after, within the kinds' caps, the cheapest change
    /// of cost per minute first, never past the other bound.
    fn swap_to_total(&self, days: &mut [Option<usize>]) {
        let mut u = self.usage(days);
        while !(self.min_total..=self.max_total).contains(&u.minutes) {
            let up = u.minutes < self.min_total;
            let mut best: Option<(f64, usize, usize)> = None;
            for d in 0..self.n_days {
                let Some(k) = days[d] else { continue };
                let from = self.choice(d, k);
                for c in &self.choices[d] {
                    let change = c.paid - from.paid;
                    let total = u.minutes + change;
                    let fits = if up {
                        change > 0 && total <= self.max_total
                    } else {
                        change < 0 && total >= self.min_total
                    } && self.kind_cap[c.kind]
                        .is_none_or(|cap| u.per_kind[c.kind] < cap)
                        && self.fits_between(days, d, c.kind);
                    let per_minute = (c.cost - from.cost) / change.abs() as f64;
                    if fits && best.is_none_or(|(b, ..)| per_minute < b) {
                        best = Some((per_minute, d, c.kind));
                    }
                }
            }
            let Some((_, d, k2)) = best else { return };
            let k = days[d].expect("a working day");
            u.minutes += self.choice(d, k2).paid - self.choice(d, k).paid;
            u.per_kind[k] -= 1;
            u.per_kind[k2] += 1;
            days[d] = Some(k2);
        }
    }

    /// The largest price of a minute worth trying: four times the largest
    /// cost over the shortest shift.
    fn minute_bound(&self) -> f64 {
        let min_paid = self
            .choices
            .iter()
            .flatten()
            .map(|c| c.paid)
            .filter(|&p| p > 0)
            .min()
            .unwrap_or(1) as f64;
        4.0 * self.scale / min_paid + 1.0
    }

    /// A planning that meets every resource (module doc): prices of kinds
    /// over their caps raised round after round; within a round, the price
    /// of a weekend bisected while the weekends are over their cap.
    fn solve(&self) -> Option<Vec<Option<usize>>> {
        self.solve_from(0.0).map(|(days, _)| days)
    }

    /// [`Problem::solve`] with the bisection of the price of a minute
    /// starting at `guess`; also returns the last price tried.
    fn solve_from(&self, guess: f64) -> Option<(Vec<Option<usize>>, f64)> {
        let scale = self.scale;
        let bound = self.minute_bound();
        let mut kind = vec![0.0; self.n_kinds];
        let mut guess = guess;
        for _ in 0..ROUNDS {
            // Weekend price: 0, then doubled until the weekends fit, then
            // bisected.
            let (mut fits, mut over) = (None::<f64>, 0.0);
            let mut weekend = 0.0;
            let mut last = None;
            for _ in 0..WEEKEND_STEPS {
                let probe = self.probe(&kind, weekend, guess, bound)?;
                guess = probe.minute;
                if let Some(days) = self.candidate(&probe) {
                    return Some((days, guess));
                }
                let path = probe
                    .within
                    .as_ref()
                    .or(probe.above.as_ref())
                    .or(probe.below.as_ref())?;
                let u = self.usage(&path.days);
                let too_many = self.weekend_cap.is_some_and(|c| u.weekends > c);
                last = Some(u);
                if too_many {
                    over = weekend;
                } else if weekend > 0.0 {
                    fits = Some(weekend);
                } else {
                    break;
                }
                weekend = match fits {
                    Some(f) => (over + f) / 2.0,
                    None => (over * 2.0).max(scale / 8.0),
                };
            }
            // Price kinds over their caps (subgradient step).
            let u = last?;
            let (kinds, _) = self.excess(&u);
            if kinds.iter().all(|&e| e == 0) {
                return None;
            }
            for (k, price) in kind.iter_mut().enumerate() {
                if let Some(cap) = self.kind_cap[k] {
                    *price = (*price + scale / 10.0 * (u.per_kind[k] as f64 - cap as f64)).max(0.0);
                }
            }
        }
        None
    }
}

/// What [`Problem::probe`] found.
struct Probe {
    within: Option<Path>,
    above: Option<Path>,
    below: Option<Path>,
    /// The last price of a minute tried.
    minute: f64,
}

/// What a shift costs one agent besides coverage: her preferences
/// (`prefer_off`, `prefer_on`) and `away_from_home`.
pub(super) struct OwnCost {
    /// Per day, her preference rows: the shift kinds each matches and its
    /// weight, signed like the `preference` term (a `prefer_on` row costs
    /// its weight until honoured; that constant is left out).
    preference: BTreeMap<usize, Vec<(Vec<bool>, f64)>>,
    home: SecretariatIdx,
    away: f64,
}

impl OwnCost {
    pub(super) fn new(inst: &Instance, agent: AgentIdx) -> OwnCost {
        let mut preference: BTreeMap<usize, Vec<(Vec<bool>, f64)>> = BTreeMap::new();
        for row in inst.availability.iter().filter(|r| r.agent == agent) {
            let sign = match row.kind {
                AvailabilityKind::Off => continue,
                AvailabilityKind::PreferOff => 1.0,
                AvailabilityKind::PreferOn => -1.0,
            };
            let kinds = inst
                .shifts
                .iter()
                .enumerate()
                .map(|(k, shift)| row.scope.matches(k, shift))
                .collect();
            preference
                .entry(row.day)
                .or_default()
                .push((kinds, sign * inst.weights.preference * row.weight));
        }
        OwnCost {
            preference,
            home: inst.agents[agent].home,
            away: inst.weights.away_from_home,
        }
    }

    /// The cost of `a` for her when it is her only shift of its day.
    pub(super) fn of(&self, a: Assignment) -> f64 {
        self.away(a) + self.day(a.day, &[a.shift])
    }

    /// `away_from_home` of `a`.
    pub(super) fn away(&self, a: Assignment) -> f64 {
        if a.secretariat != self.home {
            self.away
        } else {
            0.0
        }
    }

    /// Her preferences on `day` when she works the shift kinds `kinds`
    /// there: each row counted once, however many shifts it matches.
    pub(super) fn day(&self, day: usize, kinds: &[ShiftIdx]) -> f64 {
        self.preference.get(&day).map_or(0.0, |rows| {
            rows.iter()
                .filter(|(matches, _)| kinds.iter().any(|&k| matches[k]))
                .map(|(_, w)| w)
                .sum()
        })
    }
}

/// What adding one agent to a shift changes in the coverage terms, given
/// the shifts already planned; kept up to date as shifts come and go
/// ([`Gains::change`]).
pub(super) struct Gains {
    /// Per (secretariat, day, kind): the summed shift-kind need and the
    /// agents planned there.
    by_kind: BTreeMap<(SecretariatIdx, usize, ShiftIdx), (Summed, i64)>,
    /// Per secretariat with minute needs: its timeline.
    lines: Vec<Option<Line>>,
}

/// One secretariat's minute needs and staff over the horizon, in segments
/// where both are constant: cut at every need's start and end and at every
/// shift kind's start and end on every day.
struct Line {
    /// Segment bounds (absolute minutes, ascending): segment `i` is
    /// `cuts[i]..cuts[i + 1]`.
    cuts: Vec<i64>,
    need: Vec<Summed>,
    staff: Vec<i64>,
}

impl Line {
    /// The segments inside `start..end`.
    fn span(&self, start: i64, end: i64) -> std::ops::Range<usize> {
        let last = self.cuts.len() - 1;
        let first = self.cuts.partition_point(|&c| c < start).min(last);
        first..self.cuts.partition_point(|&c| c < end).min(last).max(first)
    }
}

/// Summed need of the rows at one minute (or of one shift-kind group):
/// min, target, max (`None`: unlimited), largest weights.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Summed {
    rows: u32,
    min: i64,
    target: i64,
    max: Option<i64>,
    w_under: f64,
    w_over: f64,
}

impl Summed {
    pub(super) fn add(&mut self, inst: &Instance, n: &crate::domain::Need) {
        self.max = if self.rows == 0 {
            n.max.map(i64::from)
        } else {
            self.max.zip(n.max).map(|(a, b)| a + i64::from(b))
        };
        self.rows += 1;
        self.min += i64::from(n.min);
        self.target += i64::from(n.target);
        self.w_under = self
            .w_under
            .max(n.weight_under.unwrap_or(inst.weights.uncovered));
        self.w_over = self
            .w_over
            .max(n.weight_over.unwrap_or(inst.weights.above_max));
    }

    /// The coverage terms at staffing `staff`.
    pub(super) fn penalty(&self, inst: &Instance, staff: i64) -> f64 {
        self.w_under * (self.min - staff).max(0) as f64
            + inst.weights.below_target * (self.target - staff.max(self.min)).max(0) as f64
            + self
                .max
                .map_or(0.0, |m| self.w_over * (staff - m).max(0) as f64)
    }

    /// The least and the largest slope of [`Summed::penalty`] (per agent).
    pub(super) fn slopes(&self, inst: &Instance) -> (f64, f64) {
        let least = if self.min > 0 { -self.w_under } else { 0.0 };
        let least = if self.target > self.min {
            least.min(-inst.weights.below_target)
        } else {
            least
        };
        (least, if self.max.is_some() { self.w_over } else { 0.0 })
    }

    /// The staffings where [`Summed::penalty`] changes slope.
    pub(super) fn breakpoints(&self) -> [i64; 3] {
        [self.min, self.target.max(self.min), self.max.unwrap_or(0)]
    }

    /// Change of the terms when staffing goes from `staff` to `staff + 1`.
    pub(super) fn one_more(&self, inst: &Instance, staff: i64) -> f64 {
        let mut change = 0.0;
        if staff < self.min {
            change -= self.w_under;
        } else if staff < self.target {
            change -= inst.weights.below_target;
        }
        if self.max.is_some_and(|m| staff >= m) {
            change += self.w_over;
        }
        change
    }
}

impl Gains {
    /// The gains against the shifts of `planning`.
    pub(super) fn new(inst: &Instance, planning: &Planning) -> Gains {
        let mut by_kind: BTreeMap<(SecretariatIdx, usize, ShiftIdx), (Summed, i64)> =
            BTreeMap::new();
        let mut minute_needs: Vec<Vec<&crate::domain::Need>> =
            vec![Vec::new(); inst.secretariats.len()];
        for n in &inst.needs {
            match n.window {
                NeedWindow::Shift(k) => by_kind
                    .entry((n.secretariat, n.day, k))
                    .or_default()
                    .0
                    .add(inst, n),
                NeedWindow::Minutes { .. } => {
                    if let Some(list) = minute_needs.get_mut(n.secretariat) {
                        list.push(n);
                    }
                }
            }
        }
        let span = |n: &crate::domain::Need| match n.window {
            NeedWindow::Minutes { start, end } => (
                (n.day as i64 * DAY_MINUTES + start).max(0),
                n.day as i64 * DAY_MINUTES + end,
            ),
            NeedWindow::Shift(_) => (0, 0),
        };
        let lines = minute_needs
            .iter()
            .map(|needs| {
                let first = needs.iter().map(|n| span(n).0).min()?;
                let last = needs.iter().map(|n| span(n).1).max()?;
                let mut cuts = vec![first, last];
                for n in needs {
                    let (s, e) = span(n);
                    cuts.extend([s, e]);
                }
                for d in inst.horizon.all_days() {
                    for shift in &inst.shifts {
                        cuts.extend([shift.abs_start(d), shift.abs_end(d)]);
                    }
                }
                cuts.retain(|&c| (first..=last).contains(&c));
                cuts.sort_unstable();
                cuts.dedup();
                let segments = cuts.len() - 1;
                let mut line = Line {
                    cuts,
                    need: vec![Summed::default(); segments],
                    staff: vec![0; segments],
                };
                for n in needs {
                    let (s, e) = span(n);
                    for i in line.span(s, e) {
                        line.need[i].add(inst, n);
                    }
                }
                Some(line)
            })
            .collect();
        let mut gains = Gains { by_kind, lines };
        for &a in &planning.assignments {
            gains.change(inst, a, 1);
        }
        gains
    }

    /// Counts `a` once more (`by` = 1) or once less (`by` = −1).
    pub(super) fn change(&mut self, inst: &Instance, a: Assignment, by: i64) {
        if let Some(entry) = self.by_kind.get_mut(&(a.secretariat, a.day, a.shift)) {
            entry.1 += by;
        }
        if let Some(Some(line)) = self.lines.get_mut(a.secretariat) {
            let shift = &inst.shifts[a.shift];
            for i in line.span(shift.abs_start(a.day), shift.abs_end(a.day)) {
                line.staff[i] += by;
            }
        }
    }

    /// The change of the coverage terms if `a` is added.
    pub(super) fn cost(&self, inst: &Instance, a: Assignment) -> f64 {
        let mut cost = self
            .by_kind
            .get(&(a.secretariat, a.day, a.shift))
            .map_or(0.0, |(s, staff)| s.one_more(inst, *staff));
        if let Some(Some(line)) = self.lines.get(a.secretariat) {
            let shift = &inst.shifts[a.shift];
            for i in line.span(shift.abs_start(a.day), shift.abs_end(a.day)) {
                let need = &line.need[i];
                if need.rows > 0 {
                    let minutes = (line.cuts[i + 1] - line.cuts[i]) as f64;
                    cost += need.one_more(inst, line.staff[i]) * minutes / 60.0;
                }
            }
        }
        cost
    }
}

/// Whether the rules of `inst` that the states do not follow are unable to
/// bind (module doc): no weekly rest, a 7-day hours cap above seven of the
/// longest shifts, an overtime cap above five weeks of them, no shift
/// longer than a day.
pub(crate) fn in_reach(inst: &Instance) -> bool {
    let rules = &inst.rules;
    let Some(max_paid) = inst.shifts.iter().map(|s| s.paid_minutes()).max() else {
        return false;
    };
    inst.horizon.days > 0
        && rules.min_weekly_rest_minutes <= 0
        && 7 * max_paid <= rules.max_weekly_minutes
        && rules.overtime_cap_month_minutes >= 35 * max_paid.max(0)
        && inst.shifts.iter().all(|s| s.end - s.start <= DAY_MINUTES)
}

/// The planning of `agent` by dynamic programming against `others` (module
/// doc), checked by `check`; `None` when out of reach or not found. Her
/// admissible cells come from `cells` (computed once, kept for the polish
/// and the next rebuilds).
pub(crate) fn plan(
    inst: &Instance,
    agent: AgentIdx,
    others: &Planning,
    seed: u64,
    cells: &mut Cells,
) -> Option<Vec<Assignment>> {
    if !in_reach(inst) {
        return None;
    }
    let problem = Problem::new(inst, agent, others, &[], cells.of(inst, agent), seed)?;
    checked(inst, agent, &problem, &problem.solve()?)
}

/// The rows of `days`, when `check` finds no hard violation of hers in them.
fn checked(
    inst: &Instance,
    agent: AgentIdx,
    problem: &Problem,
    days: &[Option<usize>],
) -> Option<Vec<Assignment>> {
    let rows: Vec<Assignment> = days
        .iter()
        .enumerate()
        .filter_map(|(d, k)| {
            k.map(|k| {
                let c = problem.choice(d, k);
                Assignment {
                    agent,
                    day: d,
                    shift: c.kind,
                    secretariat: c.secretariat,
                }
            })
        })
        .collect();
    check::hard_violations_of(inst, &Planning::of(rows.clone()), agent)
        .is_empty()
        .then_some(rows)
}

/// The planning of `agent` week by week against `others` (the coverage
/// of the other agents' shifts, [`WeekProblem`]) with the requests
/// `granted`, or with one of her requests `flippable` (with their refusal
/// costs) granted or refused instead, when it costs less than her current
/// shifts `mine` with `granted` (any, when she has none), refusals
/// counted, and `check` finds no hard violation of hers in it: her new
/// shifts and the new grants.
fn by_weeks(
    inst: &Instance,
    agent: AgentIdx,
    others: &Gains,
    granted: &[LeaveIdx],
    mine: &[Assignment],
    cells: &mut Cells,
    flippable: &[(LeaveIdx, f64)],
) -> Option<(Vec<Assignment>, Vec<LeaveIdx>)> {
    let admissible = cells.of(inst, agent);
    let refused = |g: &[LeaveIdx]| -> f64 {
        flippable
            .iter()
            .filter(|(r, _)| !g.contains(r))
            .map(|f| f.1)
            .sum()
    };
    let problem = WeekProblem::new(inst, agent, others, granted, mine, admissible)?;
    let now = problem.current + refused(granted);
    let mut best = problem
        .solve(inst)
        .map(|(rows, cost)| (rows, cost + refused(granted), granted.to_vec()));
    for &(r, _) in flippable {
        let mut g = granted.to_vec();
        match g.iter().position(|&x| x == r) {
            Some(i) => {
                g.remove(i);
            }
            None => {
                g.push(r);
                g.sort_unstable();
            }
        }
        let Some(flipped) = WeekProblem::new(inst, agent, others, &g, &[], admissible) else {
            continue;
        };
        if let Some((rows, cost)) = flipped.solve(inst) {
            let cost = cost + refused(&g);
            if best.as_ref().is_none_or(|b| cost < b.1 - 1e-6) {
                best = Some((rows, cost, g));
            }
        }
    }
    let (rows, cost, granted) = best?;
    if cost >= now - 1e-6 {
        return None;
    }
    let alone = Planning {
        assignments: rows,
        granted,
    };
    check::hard_violations_of(inst, &alone, agent)
        .is_empty()
        .then_some((alone.assignments, alone.granted))
}

/// What [`polish_by_weeks`] may change: the agents it re-plans, in order,
/// the requests it may grant or refuse, and at most how many passes.
#[derive(Clone, Copy)]
struct Moves<'a> {
    agents: &'a [AgentIdx],
    requests: &'a [LeaveIdx],
    passes: usize,
}

/// [`polish`] where the rules are out of the shortest paths' reach: each
/// agent re-planned week by week ([`by_weeks`]) against the coverage of all
/// the others, kept up to date move after move, her requests among
/// those of `moves` granted or refused one at a time; a move is kept
/// when it costs less by the path's own count (exact for every term she
/// changes), and a pass is kept when the checker finds no hard violation
/// and a lower objective than `objective`, the planning's before it.
fn polish_by_weeks(
    inst: &Instance,
    planning: &mut Planning,
    moves: Moves<'_>,
    deadline: Instant,
    cells: &mut Cells,
    mut objective: f64,
) -> Option<f64> {
    let Moves {
        agents,
        requests,
        passes,
    } = moves;
    let mut gains = Gains::new(inst, planning);
    let mut rows: Vec<Vec<Assignment>> = vec![Vec::new(); inst.agents.len()];
    for &a in &planning.assignments {
        rows[a.agent].push(a);
    }
    let mut flippable: Vec<Vec<(LeaveIdx, f64)>> = vec![Vec::new(); inst.agents.len()];
    let refusal = if requests.is_empty() {
        Vec::new()
    } else {
        crate::domain::leave::refusal_costs(inst)
    };
    for &r in requests {
        if let Some(l) = inst
            .leaves
            .get(r)
            .filter(|l| l.status == LeaveStatus::Requested)
        {
            flippable[l.agent].push((r, refusal[r]));
        }
    }
    let mut granted = planning.granted.clone();
    let mut changed = false;
    for _ in 0..passes {
        let mut moved = false;
        for &a in agents {
            if Instant::now() >= deadline || crate::interrupt::requested() {
                break;
            }
            for &r in &rows[a] {
                gains.change(inst, r, -1);
            }
            if let Some((new, g)) =
                by_weeks(inst, a, &gains, &granted, &rows[a], cells, &flippable[a])
            {
                rows[a] = new;
                granted = g;
                moved = true;
            }
            for &r in &rows[a] {
                gains.change(inst, r, 1);
            }
        }
        if !moved {
            break;
        }
        let trial = Planning {
            assignments: rows.iter().flatten().copied().collect(),
            granted: granted.clone(),
        };
        let eval = check::evaluate(inst, &trial);
        if !eval.violations.is_empty() || eval.objective >= objective - 1e-6 {
            // Not expected (each move is checked and priced exactly): the
            // pass is dropped.
            break;
        }
        *planning = trial;
        planning.normalize(inst);
        objective = eval.objective;
        changed = true;
        if Instant::now() >= deadline || crate::interrupt::requested() {
            break;
        }
    }
    changed.then_some(objective)
}

/// Grants the refused request `request` of `planning` (of objective
/// `objective`, without hard violation): her shifts it forbids removed,
/// then she and every agent of `agents` who may work where and when she
/// did re-planned week by week against the others, in at most
/// [`GRANT_PASSES`] passes ([`polish_by_weeks`]) — a grant a single
/// agent's re-plan never makes, as its coverage is lost until others take
/// it over. The grant is kept when the checker then finds no hard
/// violation and a lower objective; returns that objective.
pub(crate) fn grant(
    inst: &Instance,
    planning: &mut Planning,
    agents: &[AgentIdx],
    request: LeaveIdx,
    objective: f64,
    deadline: Instant,
    cells: &mut Cells,
) -> Option<f64> {
    let l = inst
        .leaves
        .get(request)
        .filter(|l| l.status == LeaveStatus::Requested && !planning.granted.contains(&request))?;
    if in_reach(inst) || !week_paths::suits(inst) {
        return None;
    }
    // Where and when she may work during the leave; who else may.
    let days = l.days_in(&inst.horizon);
    let split = inst.rules.half_day_split;
    let places: std::collections::BTreeSet<(SecretariatIdx, usize)> = cells
        .of(inst, l.agent)
        .iter()
        .filter(|a| days.contains(&a.day) && l.blocks(&inst.shifts[a.shift], split))
        .map(|a| (a.secretariat, a.day))
        .collect();
    let mut near = vec![l.agent];
    for &a in agents {
        if a != l.agent
            && cells
                .of(inst, a)
                .iter()
                .any(|c| places.contains(&(c.secretariat, c.day)))
        {
            near.push(a);
        }
    }
    let mut trial = crate::decide::with_granted(inst, planning, request);
    let moves = Moves {
        agents: &near,
        requests: &[],
        passes: GRANT_PASSES,
    };
    let z = polish_by_weeks(inst, &mut trial, moves, deadline, cells, objective)?;
    *planning = trial;
    Some(z)
}

/// Passes of the re-plans that follow a grant ([`grant`]).
const GRANT_PASSES: usize = 2;

/// The admissible cells of each agent (`model::admissible`), computed at
/// her first re-plan and kept across calls of [`polish`] and [`rebuild`]:
/// they depend on the instance only, and the search rebuilds many times.
pub(crate) struct Cells(Vec<Option<Vec<Assignment>>>);

impl Cells {
    /// Nothing computed yet for the agents of `inst`.
    pub(crate) fn new(inst: &Instance) -> Cells {
        Cells(vec![None; inst.agents.len()])
    }

    /// The admissible cells of `agent`.
    fn of(&mut self, inst: &Instance, agent: AgentIdx) -> &[Assignment] {
        self.0[agent].get_or_insert_with(|| model::admissible(inst, agent))
    }
}

/// Re-plans agents one at a time against all the others (a shortest path
/// each, [`plan`]), keeping her new shifts when the whole planning then has
/// no hard violation and a lower objective by `check` — passes over
/// `agents` in order until a pass improves nothing or `deadline`. Her
/// granted requests stay granted. Returns the checker's objective of the
/// planning when an agent was re-planned. Out of the shortest paths'
/// reach, week by week ([`polish_by_weeks`]), where the requests among
/// `requests` may also be granted or refused.
pub(crate) fn polish(
    inst: &Instance,
    planning: &mut Planning,
    agents: &[AgentIdx],
    requests: &[LeaveIdx],
    seed: u64,
    deadline: Instant,
    cells: &mut Cells,
) -> Option<f64> {
    let by_days = in_reach(inst);
    if !by_days && !week_paths::suits(inst) {
        return None;
    }
    let mut best = check::evaluate(inst, planning);
    if !best.violations.is_empty() {
        return None;
    }
    if !by_days {
        let moves = Moves {
            agents,
            requests,
            passes: usize::MAX,
        };
        return polish_by_weeks(inst, planning, moves, deadline, cells, best.objective);
    }
    let mut changed = false;
    let mut guesses: Vec<Option<f64>> = vec![None; agents.len()];
    let mut shared = 0.0;
    for pass in 0u64.. {
        let mut improved = false;
        for (i, &a) in agents.iter().enumerate() {
            if Instant::now() >= deadline || crate::interrupt::requested() {
                return changed.then_some(best.objective);
            }
            let (mine, rest): (Vec<Assignment>, Vec<Assignment>) =
                planning.assignments.iter().partition(|row| row.agent == a);
            let mut trial = Planning {
                assignments: rest,
                granted: planning.granted.clone(),
            };
            let seed = seed.wrapping_add(pass);
            let Some(problem) = Problem::new(inst, a, &trial, &mine, cells.of(inst, a), seed)
            else {
                continue;
            };
            // Judged by the path's own cost first (exact for coverage,
            // preferences and away_from_home), then by the checker.
            // The bisection starts from her last price of a minute, else
            // the last agent's: from 0 a re-plan took about fourteen paths
            // on benchmark Instances 13 and 20; at 60 s this gave 13 2 625
            // instead of 3 127, 23 31 877 instead of 34 641. (Kept across
            // the search's rebuilds too, it gave 13 2 438 instead of 3 022
            // but 20 5 760 and 5 873 instead of 5 692 and 5 538, 21 24 499
            // and 23 529 instead of 23 658 and 23 880, 23 32 996 instead
            // of 31 587: not kept.)
            let start = guesses[i].unwrap_or(shared);
            let Some((days, last)) = problem.solve_from(start) else {
                continue;
            };
            guesses[i] = Some(last);
            shared = last;
            if problem.cost(&days) >= problem.current - 1e-6 {
                continue;
            }
            let Some(rows) = checked(inst, a, &problem, &days) else {
                continue;
            };
            trial.assignments.extend(rows);
            trial.normalize(inst);
            let eval = check::evaluate(inst, &trial);
            if eval.violations.is_empty() && eval.objective < best.objective - 1e-6 {
                *planning = trial;
                best = eval;
                changed = true;
                improved = true;
            }
        }
        if !improved {
            break;
        }
    }
    changed.then_some(best.objective)
}

/// Ruin and recreate: the shifts of `chosen` are removed, each of them is
/// re-planned alone against all the others in the order given ([`plan`]:
/// she takes what the others leave uncovered), then the agents of
/// `agents` are polished against each other ([`polish`]). Returns the new
/// planning and its objective by `check` (no hard violation), or `None`
/// when one of them has no path. The objective may be worse than
/// `planning`'s: the caller decides.
pub(crate) fn rebuild(
    inst: &Instance,
    planning: &Planning,
    agents: &[AgentIdx],
    chosen: &[AgentIdx],
    seed: u64,
    deadline: Instant,
    cells: &mut Cells,
) -> Option<(Planning, f64)> {
    let mut trial = Planning {
        assignments: planning
            .assignments
            .iter()
            .filter(|row| !chosen.contains(&row.agent))
            .copied()
            .collect(),
        granted: planning.granted.clone(),
    };
    // The others' shifts count in any order (`Gains`): sorted once.
    for &a in chosen {
        trial
            .assignments
            .extend(plan(inst, a, &trial, seed, cells)?);
    }
    trial.normalize(inst);
    if let Some(z) = polish(inst, &mut trial, agents, &[], seed, deadline, cells) {
        return Some((trial, z));
    }
    let eval = check::evaluate(inst, &trial);
    eval.violations
        .is_empty()
        .then_some((trial, eval.objective))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::domain::testkit::TinyInstance;
    use proptest::prelude::*;

    /// `days` days from Monday, one secretariat open every day, shift kinds
    /// M (08:00–16:00) and S (12:00–20:00), one agent; the rules this module
    /// does not follow cannot bind.
    pub(in crate::solve) fn base(days: usize) -> TinyInstance {
        use chrono::Weekday::*;
        TinyInstance::new(days)
            .shift("M", "08:00", "16:00", 0)
            .shift("S", "12:00", "20:00", 0)
            .secretariat("A", "P")
            .opening("A", &[Mon, Tue, Wed, Thu, Fri, Sat, Sun], "07:00", "21:00")
            .agent("ann", "A", &[])
            .rules(|r| {
                r.min_weekly_rest_minutes = 0;
                r.max_weekly_minutes = 7 * 24 * 60;
                r.overtime_cap_month_minutes = 100_000 * 60;
                r.min_daily_rest_minutes = 0;
            })
    }

    /// A contract whose runs, weeks and weekends cannot bind.
    pub(in crate::solve) fn unbound(c: &mut crate::domain::Contract) {
        c.max_consecutive_days = 14;
        c.min_consecutive_days = 1;
        c.min_consecutive_days_off = 1;
        c.max_days_per_week = 7;
        c.max_weekends = None;
    }

    /// A need of one agent on `shift` every day.
    fn every_day(mut t: TinyInstance, days: usize, shift: &str) -> TinyInstance {
        for d in 0..days {
            t = t.shift_need("A", d, shift, 1, 1, Some(1));
        }
        t
    }

    fn worked(rows: &[Assignment]) -> Vec<usize> {
        rows.iter().map(|a| a.day).collect()
    }

    #[test]
    fn runs_of_work_and_rest_decide_how_many_days_are_covered() {
        // 14 days, at most 3 days in a row, at least 2 days off between
        // runs: 3 on, 2 off, 3 on, 2 off, 3 on, then one more day would
        // make a run of 4 → 9 days at most.
        let inst = every_day(base(14), 14, "M")
            .contract("c", |c| {
                c.max_consecutive_days = 3;
                c.min_consecutive_days_off = 2;
                c.max_days_per_week = 7;
                c.max_weekends = None;
            })
            .build();
        let rows =
            plan(&inst, 0, &Planning::default(), 0, &mut Cells::new(&inst)).expect("a planning");
        assert_eq!(rows.len(), 9, "{:?}", worked(&rows));
        // Without the rules binding: every day.
        let free = every_day(base(14), 14, "M").contract("c", unbound).build();
        let rows =
            plan(&free, 0, &Planning::default(), 0, &mut Cells::new(&free)).expect("a planning");
        assert_eq!(rows.len(), 14);
    }

    #[test]
    fn the_total_stays_within_the_contract_bounds() {
        // Needs every day, but the contract allows exactly 5 shifts of 8 h.
        let inst = every_day(base(14), 14, "M")
            .contract("c", |c| {
                unbound(c);
                c.min_total_minutes = 5 * 480;
                c.max_total_minutes = Some(5 * 480);
            })
            .build();
        let rows =
            plan(&inst, 0, &Planning::default(), 0, &mut Cells::new(&inst)).expect("a planning");
        assert_eq!(rows.len(), 5);
        // A minimum with no need at all: she still works it (at least).
        let idle = base(14)
            .contract("c", |c| {
                unbound(c);
                c.min_total_minutes = 6 * 480;
            })
            .build();
        let rows =
            plan(&idle, 0, &Planning::default(), 0, &mut Cells::new(&idle)).expect("a planning");
        assert!(rows.len() >= 6, "{:?}", worked(&rows));
        // From any starting price of a minute (the polish starts from the
        // last one found), the bisection ends within the bounds.
        let cells = model::admissible(&inst, 0);
        let problem =
            Problem::new(&inst, 0, &Planning::default(), &[], &cells, 0).expect("a problem");
        for guess in [-1e6, -50.0, -1.0, 0.0, 0.25, 3.0, 1e6] {
            let (days, last) = problem.solve_from(guess).expect("a planning");
            assert_eq!(days.iter().flatten().count(), 5, "from {guess}");
            // Its last price, the next start in the polish, ends within
            // the bounds too.
            let (again, _) = problem.solve_from(last).expect("a planning");
            assert_eq!(again.iter().flatten().count(), 5, "from {last}");
        }
    }

    #[test]
    fn kinds_and_weekends_stay_within_their_caps() {
        // Needs on S every day; at most 4 S over the fortnight and one
        // weekend: M (no need) fills nothing, so she works 4 S, at most one
        // weekend.
        let inst = every_day(base(14), 14, "S")
            .contract("c", |c| {
                unbound(c);
                c.max_weekends = Some(1);
                c.max_shifts = vec![None, Some(4)];
            })
            .build();
        let rows =
            plan(&inst, 0, &Planning::default(), 0, &mut Cells::new(&inst)).expect("a planning");
        assert_eq!(rows.iter().filter(|a| a.shift == 1).count(), 4);
        let weekend_days = rows.iter().filter(|a| inst.horizon.is_weekend(a.day));
        let weekends: std::collections::BTreeSet<_> = weekend_days
            .map(|a| inst.horizon.iso_week_label(a.day))
            .collect();
        assert!(weekends.len() <= 1, "{:?}", worked(&rows));
    }

    #[test]
    fn a_shift_kind_that_may_not_follow_is_never_the_next_day() {
        // Needs on M and S every day, S may not be followed by M, one agent
        // per day: after an S she works S again or rests.
        let mut t = base(14).cannot_follow("S", "M");
        for d in 0..14 {
            t = t.shift_need("A", d, if d % 2 == 0 { "S" } else { "M" }, 1, 1, Some(1));
        }
        let inst = t.contract("c", unbound).build();
        let rows =
            plan(&inst, 0, &Planning::default(), 0, &mut Cells::new(&inst)).expect("a planning");
        for w in rows.windows(2) {
            if w[1].day == w[0].day + 1 {
                assert!(!(w[0].shift == 1 && w[1].shift == 0), "{rows:?}");
            }
        }
    }

    #[test]
    fn the_shifts_of_others_are_not_planned_again() {
        // One need a day; another agent already covers the even days: she
        // takes the odd ones (max 1 agent: a second would cost above_max).
        let inst = every_day(base(6), 6, "M")
            .contract("c", unbound)
            .agent("bob", "A", &[])
            .build();
        let others = Planning::of(
            [0, 2, 4]
                .iter()
                .map(|&day| Assignment {
                    agent: 1,
                    day,
                    shift: 0,
                    secretariat: 0,
                })
                .collect(),
        );
        let rows = plan(&inst, 0, &others, 0, &mut Cells::new(&inst)).expect("a planning");
        assert_eq!(worked(&rows), [1, 3, 5]);
    }

    #[test]
    fn polishing_re_plans_agents_against_each_other() {
        // One agent needed on M each day of a week; both agents start on
        // Monday–Wednesday (twice the need there, nobody after). Re-planned
        // one at a time against the other, they share the week out: every
        // day covered, nobody above the maximum.
        let inst = every_day(base(7), 7, "M")
            .contract("c", unbound)
            .agent("bob", "A", &[])
            .build();
        let start: Vec<Assignment> = (0..2)
            .flat_map(|agent| {
                (0..3).map(move |day| Assignment {
                    agent,
                    day,
                    shift: 0,
                    secretariat: 0,
                })
            })
            .collect();
        let mut p = Planning::of(start);
        p.normalize(&inst);
        let before = check::evaluate(&inst, &p);
        let far = Instant::now() + std::time::Duration::from_secs(60);
        let mut cells = Cells::new(&inst);
        let objective = polish(&inst, &mut p, &[0, 1], &[], 0, far, &mut cells);
        let after = check::evaluate(&inst, &p);
        // The cells kept for the next call are each agent's admissible
        // ones; that call finds nothing more to gain.
        for a in 0..2 {
            assert_eq!(
                cells.0[a].as_deref(),
                Some(&model::admissible(&inst, a)[..])
            );
        }
        let mut again = p.clone();
        assert_eq!(
            polish(&inst, &mut again, &[0, 1], &[], 1, far, &mut cells),
            None
        );
        assert_eq!(again, p);
        assert!(objective.is_some());
        assert!(after.violations.is_empty(), "{:?}", after.violations);
        assert!(after.objective < before.objective);
        assert_eq!(objective, Some(after.objective));
        assert_eq!(after.term("uncovered"), 0.0, "{:?}", p.assignments);
        assert_eq!(after.term("above_max"), 0.0, "{:?}", p.assignments);
        // A deadline already past changes nothing.
        let mut q = Planning::of(p.assignments.clone());
        assert_eq!(
            polish(
                &inst,
                &mut q,
                &[0, 1],
                &[],
                0,
                Instant::now(),
                &mut Cells::new(&inst)
            ),
            None
        );
        assert_eq!(q, p);
    }

    #[test]
    fn rebuilding_two_agents_swaps_what_polishing_cannot() {
        // Two days, one agent needed on M each day, each agent works
        // exactly one shift. Ann works Monday and would rather not, Bob
        // Tuesday and would rather not (weight 300: more than the spread of
        // the price of a minute, ±10 % of the 1000 a covered shift gains,
        // which decides between days of nearly equal cost). Re-planned
        // alone against the other, neither moves (her day would go
        // uncovered); both rebuilt, they swap.
        use crate::domain::{AvailabilityKind::PreferOff, AvailabilityScope::AllShifts};
        let one_shift = |c: &mut crate::domain::Contract| {
            unbound(c);
            c.min_total_minutes = 480;
            c.max_total_minutes = Some(480);
        };
        let inst = every_day(base(2), 2, "M")
            .contract("one", one_shift)
            .agent("bob", "A", &[])
            .contract("one-b", one_shift)
            .availability("ann", 0, PreferOff, AllShifts, 300.0)
            .availability("bob", 1, PreferOff, AllShifts, 300.0)
            .build();
        let row = |agent, day| Assignment {
            agent,
            day,
            shift: 0,
            secretariat: 0,
        };
        let mut start = Planning::of(vec![row(0, 0), row(1, 1)]);
        start.normalize(&inst);
        let before = check::evaluate(&inst, &start);
        assert!(before.violations.is_empty() && before.term("preference") > 0.0);
        let far = Instant::now() + std::time::Duration::from_secs(60);
        let mut polished = start.clone();
        assert_eq!(
            polish(
                &inst,
                &mut polished,
                &[0, 1],
                &[],
                0,
                far,
                &mut Cells::new(&inst)
            ),
            None
        );
        // One agent rebuilt takes her day back: nothing gained.
        let (alone, z) =
            rebuild(&inst, &start, &[0, 1], &[0], 0, far, &mut Cells::new(&inst)).expect("a path");
        assert_eq!(
            (alone.assignments.as_slice(), z),
            (start.assignments.as_slice(), before.objective)
        );
        let (p, z) = rebuild(
            &inst,
            &start,
            &[0, 1],
            &[0, 1],
            0,
            far,
            &mut Cells::new(&inst),
        )
        .expect("paths");
        let after = check::evaluate(&inst, &p);
        assert!(after.violations.is_empty(), "{:?}", after.violations);
        assert_eq!(z, after.objective);
        assert_eq!(after.term("preference"), 0.0, "{:?}", p.assignments);
        assert!(z < before.objective);
        assert_eq!(p.assignments, vec![row(0, 1), row(1, 0)]);
    }

    #[test]
    fn polishing_week_by_week_lowers_the_checkers_objective_and_keeps_the_rules() {
        // A generated CHU week (two half-day shifts a day, weekly hours,
        // 36 h weekly rest): out of the shortest paths' reach.
        let inst = crate::solve::construct::tests::generated(16, 1, 3);
        assert!(!in_reach(&inst) && week_paths::suits(&inst));
        let mut planning = Planning::default();
        let empty = check::evaluate(&inst, &planning);
        assert!(empty.violations.is_empty());
        let agents: Vec<AgentIdx> = (0..inst.agents.len()).collect();
        let deadline = Instant::now() + std::time::Duration::from_secs(30);
        let mut cells = Cells::new(&inst);
        let z = polish(&inst, &mut planning, &agents, &[], 0, deadline, &mut cells).expect("moves");
        let eval = check::evaluate(&inst, &planning);
        assert!(eval.violations.is_empty(), "{:?}", eval.violations);
        assert!((eval.objective - z).abs() < 1e-6);
        assert!(z < empty.objective - 1.0, "{z} against {}", empty.objective);
        assert!(
            planning.assignments.iter().any(|a| {
                planning
                    .assignments
                    .iter()
                    .any(|b| b.agent == a.agent && b.day == a.day && b.shift != a.shift)
            }),
            "some agent works two shifts a day"
        );
        // Converged: a second polish finds nothing.
        let again = polish(
            &inst,
            &mut planning.clone(),
            &agents,
            &[],
            0,
            deadline,
            &mut cells,
        );
        assert_eq!(again, None);
    }

    /// One week, ann and bob at A, 22 h 30 a week each (three days of J);
    /// a need of one agent every weekday; ann works Monday to Wednesday,
    /// bob Wednesday to Friday, and ann's request for Monday is refused.
    /// `bob_off_monday`: bob cannot work on Monday.
    fn monday_request(bob_off_monday: bool) -> (Instance, Planning) {
        use crate::domain::{AvailabilityScope, LeavePart};
        use chrono::Weekday::*;
        let part_time = |c: &mut crate::domain::Contract| {
            c.weekly_minutes = 22 * 60 + 30;
            c.max_days_per_week = 5;
        };
        let mut t = TinyInstance::new(7)
            .shift("J", "08:30", "17:00", 60)
            .secretariat("A", "P")
            .opening("A", &[Mon, Tue, Wed, Thu, Fri], "08:00", "18:30")
            .agent("ann", "A", &[])
            .contract("C", part_time)
            .agent("bob", "A", &[])
            .contract("C2", part_time)
            .leave("ann", "CA", 0, 0, LeaveStatus::Requested, LeavePart::Day);
        for d in 0..5 {
            t = t.need("A", d, "08:30", "17:00", 1, 1, None);
        }
        if bob_off_monday {
            t = t.availability(
                "bob",
                0,
                AvailabilityKind::Off,
                AvailabilityScope::AllShifts,
                1.0,
            );
        }
        let inst = t.build();
        let planning = Planning {
            assignments: [(0, 0), (0, 1), (0, 2), (1, 2), (1, 3), (1, 4)]
                .iter()
                .map(|&(agent, day)| Assignment {
                    agent,
                    day,
                    shift: 0,
                    secretariat: 0,
                })
                .collect(),
            granted: Vec::new(),
        };
        (inst, planning)
    }

    #[test]
    fn a_request_is_granted_when_the_others_can_take_its_days_over() {
        let far = Instant::now() + std::time::Duration::from_secs(30);
        for bob_off_monday in [false, true] {
            let (inst, start) = monday_request(bob_off_monday);
            assert!(!in_reach(&inst) && week_paths::suits(&inst));
            let before = check::evaluate(&inst, &start);
            assert!(before.violations.is_empty(), "{:?}", before.violations);
            let agents = [0, 1];
            let mut cells = Cells::new(&inst);
            // Granting it alone leaves Monday uncovered, whoever re-plans
            // alone next: the polish of single agents keeps it refused.
            let mut alone = start.clone();
            let moves = Moves {
                agents: &agents,
                requests: &[0],
                passes: usize::MAX,
            };
            let polished =
                polish_by_weeks(&inst, &mut alone, moves, far, &mut cells, before.objective);
            assert_eq!(polished, None, "{alone:?}");
            // Granted, then bob re-planned: he takes Monday over when he
            // may work that day.
            let mut planning = start.clone();
            let granted = grant(
                &inst,
                &mut planning,
                &agents,
                0,
                before.objective,
                far,
                &mut cells,
            );
            let eval = check::evaluate(&inst, &planning);
            assert!(eval.violations.is_empty(), "{:?}", eval.violations);
            if bob_off_monday {
                assert_eq!(granted, None);
                assert!(planning.granted.is_empty());
            } else {
                assert_eq!(planning.granted, vec![0]);
                assert!((granted.expect("granted") - eval.objective).abs() < 1e-6);
                assert!(eval.objective < before.objective - 1.0);
                assert!(planning
                    .assignments
                    .iter()
                    .any(|a| a.agent == 1 && a.day == 0));
            }
            // Granted already: nothing to do.
            if !bob_off_monday {
                let z = eval.objective;
                assert_eq!(
                    grant(&inst, &mut planning, &agents, 0, z, far, &mut cells),
                    None
                );
            }
        }
    }

    #[test]
    fn rules_out_of_reach_give_nothing() {
        // A weekly rest of 36 h is not followed by the states.
        let inst = every_day(base(14), 14, "M")
            .rules(|r| r.min_weekly_rest_minutes = 36 * 60)
            .build();
        assert!(plan(&inst, 0, &Planning::default(), 0, &mut Cells::new(&inst)).is_none());
    }

    /// A random small instance: 7–21 days, two kinds, random contract.
    fn random_instance() -> impl Strategy<Value = Instance> {
        random_team(false)
    }

    /// Ann (and Bob, with her contract, when `two`) under random runs,
    /// weeks, weekends, kind caps, totals and needs.
    fn random_team(two: bool) -> impl Strategy<Value = Instance> {
        (
            7usize..22,
            (1u32..6, 1u32..4, 1u32..4, 2u32..8),
            proptest::option::of(0u32..4),
            (any::<bool>(), any::<bool>()),
            proptest::collection::vec(0u8..4, 21),
        )
            .prop_map(
                move |(days, (max_run, min_run, min_off, per_week), weekends, (sm, ms), need)| {
                    let mut t = base(days);
                    if sm {
                        t = t.cannot_follow("S", "M");
                    }
                    if ms {
                        t = t.cannot_follow("M", "S");
                    }
                    for (d, &n) in need.iter().take(days).enumerate() {
                        match n {
                            1 => t = t.shift_need("A", d, "M", 1, 1, Some(1)),
                            2 => t = t.shift_need("A", d, "S", 1, 1, Some(1)),
                            _ => {}
                        }
                    }
                    t = t.contract("c", |c| {
                        c.max_consecutive_days = max_run;
                        c.min_consecutive_days = min_run;
                        c.min_consecutive_days_off = min_off;
                        c.max_days_per_week = per_week.min(7);
                        c.max_weekends = weekends;
                        c.min_total_minutes = 480 * i64::from(min_run);
                        c.max_total_minutes = Some(480 * days as i64 / 2 + 480);
                        c.max_shifts = vec![Some(days as u32 / 3), None];
                    });
                    if two {
                        // Contract 0 is the default one, 1 is Ann's.
                        t = t.agent("bob", "A", &[]).with_agent(|a| a.contract = 1);
                    }
                    t.build()
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// The rules the states follow are the checker's: a random week of
        /// days keeps them (and the resources) exactly when the checker
        /// finds no hard violation.
        #[test]
        fn the_states_follow_the_checkers_rules(
            inst in random_instance(),
            picks in proptest::collection::vec(0usize..3, 21),
        ) {
            let cells = model::admissible(&inst, 0);
            let problem = Problem::new(&inst, 0, &Planning::default(), &[], &cells, 0).expect("in reach");
            let days: Vec<Option<usize>> = picks
                .iter()
                .take(inst.horizon.days)
                .map(|&p| p.checked_sub(1))
                .collect();
            let rows: Vec<Assignment> = days
                .iter()
                .enumerate()
                .filter_map(|(day, k)| k.map(|shift| Assignment { agent: 0, day, shift, secretariat: 0 }))
                .collect();
            let by_check = check::hard_violations_of(&inst, &Planning::of(rows), 0).is_empty();
            let by_states = problem.keeps_rules(&days) && problem.meets(&problem.usage(&days));
            prop_assert_eq!(by_check, by_states, "{:?}", days);
        }

        /// Whatever the prices, the cheapest path keeps the rules the states
        /// follow; a planning returned passes the checker.
        #[test]
        fn paths_keep_the_rules(
            inst in random_instance(),
            minute in -1.0f64..1.0,
            weekend in 0.0f64..200.0,
        ) {
            let cells = model::admissible(&inst, 0);
            let problem = Problem::new(&inst, 0, &Planning::default(), &[], &cells, 0).expect("in reach");
            if let Some(path) = problem.shortest(minute, &[0.0, 0.0], weekend) {
                prop_assert!(problem.keeps_rules(&path.days), "{:?}", path.days);
            }
            if let Some(rows) = plan(&inst, 0, &Planning::default(), 0, &mut Cells::new(&inst)) {
                prop_assert!(check::hard_violations_of(&inst, &Planning::of(rows), 0).is_empty());
            }
        }

        /// A rebuild, whoever is rebuilt, gives a planning without hard
        /// violation whose objective is the checker's.
        #[test]
        fn rebuilds_keep_the_rules(inst in random_team(true), chosen in 1usize..4, seed in 0u64..1000) {
            let mut start = Planning::default();
            for agent in 0..2 {
                if let Some(rows) = plan(&inst, agent, &start, seed, &mut Cells::new(&inst)) {
                    start.assignments.extend(rows);
                    start.normalize(&inst);
                }
            }
            let chosen: Vec<AgentIdx> = (0..2).filter(|a| chosen >> a & 1 == 1).collect();
            let far = Instant::now() + std::time::Duration::from_secs(60);
            if let Some((p, z)) = rebuild(&inst, &start, &[0, 1], &chosen, seed, far, &mut Cells::new(&inst)) {
                let eval = check::evaluate(&inst, &p);
                prop_assert!(eval.violations.is_empty(), "{:?}", eval.violations);
                prop_assert!((eval.objective - z).abs() < 1e-6, "{} against {}", z, eval.objective);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]

        /// On generated CHU instances of any size, seed and first day (a
        /// week cut by the horizon, a month changing inside it), the week
        /// by week polish, granting and refusing requests, ends without
        /// hard violation, at the checker's objective, below where it
        /// started; so does each grant that follows it.
        #[test]
        fn week_by_week_polishes_keep_the_rules(
            agents in 3usize..12,
            weeks in 1usize..4,
            seed in 0u64..1000,
            shift in 0i64..40,
        ) {
            let dir = tempfile::tempdir().expect("temp dir");
            let opts = crate::generate::GenerateOptions {
                agents,
                weeks,
                seed,
                start: chrono::NaiveDate::from_ymd_opt(2027, 1, 4).expect("a date")
                    + chrono::Duration::days(shift),
            };
            crate::generate::write_instance(dir.path(), &opts).expect("written");
            let inst = crate::validate::load_instance(dir.path()).expect("loads").instance;
            let mut planning = Planning::default();
            let empty = check::evaluate(&inst, &planning);
            let agents: Vec<AgentIdx> = (0..inst.agents.len()).collect();
            // Every request may be granted or refused.
            let requests: Vec<LeaveIdx> = (0..inst.leaves.len())
                .filter(|&r| inst.leaves[r].status == LeaveStatus::Requested)
                .collect();
            let far = Instant::now() + std::time::Duration::from_secs(60);
            let mut cells = Cells::new(&inst);
            match polish(&inst, &mut planning, &agents, &requests, seed, far, &mut cells) {
                Some(z) => {
                    let eval = check::evaluate(&inst, &planning);
                    prop_assert!(eval.violations.is_empty(), "{:?}", eval.violations);
                    prop_assert!((eval.objective - z).abs() < 1e-6);
                    prop_assert!(z < empty.objective);
                }
                None => prop_assert!(planning.assignments.is_empty()),
            }
            // Then each request granted in turn: a kept grant keeps every
            // rule, at the checker's objective, below the one before.
            let mut z = check::evaluate(&inst, &planning).objective;
            for &r in &requests {
                let before = planning.clone();
                match grant(&inst, &mut planning, &agents, r, z, far, &mut cells) {
                    Some(new) => {
                        let eval = check::evaluate(&inst, &planning);
                        prop_assert!(eval.violations.is_empty(), "{:?}", eval.violations);
                        prop_assert!((eval.objective - new).abs() < 1e-6);
                        prop_assert!(new < z && planning.granted.contains(&r));
                        z = new;
                    }
                    None => prop_assert_eq!(&planning, &before),
                }
            }
        }
    }
}
