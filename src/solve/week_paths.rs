//! One agent's planning week by week, without a MIP: for rules made of
//! days and weeks (several shifts a day, weekly hours balance, a monthly
//! overtime cap), where [`super::one_agent`]'s one-shift-a-day paths do
//! not reach.
//!
//! - **Days**: each day offers *patterns*, sets of the agent's admissible
//!   shifts that do not overlap and keep `max_daily_hours` and
//!   `max_amplitude`, each at the secretariats where it costs least (all at
//!   one secretariat, or each at its best one plus `secretariat_change`).
//!   A pattern costs what its shifts change in the coverage terms given the
//!   others' shifts ([`Gains`], exact: her own shifts never overlap), plus
//!   preferences, `away_from_home` and the change of secretariat.
//! - **Weeks**: within each ISO week, a shortest path over the days whose
//!   state is the minutes worked so far (and the days worked, when
//!   `max_days_per_week` can bind) gives the cheapest week for every number
//!   of worked minutes; a week's balance (worked + credited − due, from
//!   `domain::hours`) prices its under-hours.
//! - **Months**: weeks belong to the month of their Thursday; within a
//!   month, a knapsack over the weeks' overtime keeps the month within the
//!   overtime cap and prices its tiered overtime exactly
//!   (`domain::hours::overtime_cost`). States with more overtime and no
//!   lower cost are dropped: they can only cost more later.
//!
//! So the path is the cheapest planning of her alone against the others,
//! exactly for every term, when the rules it does not follow cannot bind
//! for her ([`WeekProblem::new`] checks each from her admissible shifts,
//! else `None`): runs of days, weekends, totals and shift-kind caps, the
//! daily rest and `cannot_follow` between days, the weekly rest and the
//! 48 hours over any seven days. Her granted requests stay granted (their
//! days are never planned). The caller checks the result with `check`.

use super::one_agent::{Gains, OwnCost};
use crate::check::hours::done_in_month;
use crate::domain::calendar::{IsoWeek, DAY_MINUTES};
use crate::domain::hours::{overtime_cost, week_credited_minutes, week_due_minutes};
use crate::domain::{AgentIdx, Assignment, Instance, LeaveIdx, SecretariatIdx, ShiftIdx};
use std::collections::BTreeMap;

/// Most patterns kept per day (subsets of the day's shift kinds).
const MAX_PATTERNS: usize = 256;

/// One way to work a day.
#[derive(Debug, Clone)]
struct Pattern {
    rows: Vec<(ShiftIdx, SecretariatIdx)>,
    cost: f64,
    paid: i64,
}

/// A state of a week's shortest path.
#[derive(Debug, Clone, Copy)]
struct Node {
    minutes: i64,
    days: u8,
    cost: f64,
    /// Index of the state of the day before, and the pattern worked
    /// (`None`: a day off).
    prev: usize,
    pattern: Option<usize>,
}

/// The shortest paths of one week: its layers of states (one per day,
/// after the start) and, per number of worked minutes, the cheapest.
struct WeekPaths {
    layers: Vec<Vec<Node>>,
    options: Vec<WeekOption>,
}

/// The cheapest week for one number of worked minutes.
#[derive(Debug, Clone, Copy)]
struct WeekOption {
    worked: i64,
    /// Its shifts' cost and its under-hours.
    cost: f64,
    /// Its final state, in the last layer.
    state: usize,
}

/// What one agent's rules and costs make of her horizon, week by week.
pub(super) struct WeekProblem<'g> {
    agent: AgentIdx,
    /// Per day, the patterns she may work.
    patterns: Vec<Vec<Pattern>>,
    /// Working days per ISO week, when it can bind.
    week_cap: Option<u8>,
    gains: &'g Gains,
    own: OwnCost,
    /// Her weeks with due and credited minutes.
    weeks: Vec<(IsoWeek, i64, i64)>,
    /// What her current shifts cost, as [`WeekProblem::cost`] counts.
    pub(super) current: f64,
}

/// Whether `inst` may have agents this module plans: every shift within a
/// day (the patterns of one day never reach the day after next).
pub(crate) fn suits(inst: &Instance) -> bool {
    inst.horizon.days > 0
        && !inst.shifts.is_empty()
        && inst.shifts.iter().all(|s| s.end - s.start <= DAY_MINUTES)
}

impl WeekProblem<'_> {
    /// The problem of `agent` against `others` (the coverage of the other
    /// agents' shifts) with the requests `granted`, her current shifts
    /// being `mine`, on an instance it [`suits`]; `None` when a rule it
    /// does not follow may bind for her (module doc).
    pub(super) fn new<'g>(
        inst: &Instance,
        agent: AgentIdx,
        others: &'g Gains,
        granted: &[LeaveIdx],
        mine: &[Assignment],
        admissible: &[Assignment],
    ) -> Option<WeekProblem<'g>> {
        let n_days = inst.horizon.days;
        let split = inst.rules.half_day_split;
        let blocked = |a: &Assignment| {
            granted.iter().any(|&r| {
                let l = &inst.leaves[r];
                l.agent == agent
                    && (l.first_day..=l.last_day).contains(&inst.horizon.date(a.day))
                    && l.blocks(&inst.shifts[a.shift], split)
            })
        };
        let mut problem = WeekProblem {
            agent,
            patterns: Vec::new(),
            week_cap: None,
            gains: others,
            own: OwnCost::new(inst, agent),
            weeks: inst
                .horizon
                .iso_weeks()
                .into_iter()
                .map(|w| {
                    let due = week_due_minutes(inst, agent, &w);
                    let credited = week_credited_minutes(inst, agent, &w, granted);
                    (w, due, credited)
                })
                .collect(),
            current: 0.0,
        };
        // Per day and kind, the secretariats and what the shift costs there.
        let mut cells: Vec<BTreeMap<ShiftIdx, Vec<(SecretariatIdx, f64)>>> =
            vec![BTreeMap::new(); n_days];
        for a in admissible.iter().filter(|a| a.day < n_days && !blocked(a)) {
            cells[a.day]
                .entry(a.shift)
                .or_default()
                .push((a.secretariat, problem.shift_cost(inst, *a)));
        }
        let own = &problem.own;
        let patterns = cells
            .iter()
            .enumerate()
            .map(|(d, kinds)| patterns_of(inst, kinds, |set| own.day(d, set)))
            .collect();
        problem.patterns = patterns;
        let contract = inst.contract_of(agent);
        let most_days = problem
            .weeks
            .iter()
            .map(|(w, ..)| w.days.len())
            .max()
            .unwrap_or(0);
        problem.week_cap = ((contract.max_days_per_week as usize) < most_days)
            .then_some(contract.max_days_per_week.min(7) as u8);
        if !problem.cannot_bind(inst) {
            return None;
        }
        problem.current = problem.cost(inst, mine)?;
        Some(problem)
    }

    /// `away_from_home` and the coverage change of `a` (her preferences
    /// are counted per day, [`OwnCost::day`]).
    fn shift_cost(&self, inst: &Instance, a: Assignment) -> f64 {
        self.own.away(a) + self.gains.cost(inst, a)
    }

    /// Whether every rule the paths do not follow cannot bind for her,
    /// whatever patterns she works (module doc).
    fn cannot_bind(&self, inst: &Instance) -> bool {
        let rules = &inst.rules;
        let contract = inst.contract_of(self.agent);
        let n = self.patterns.len();
        let works = |d: usize| !self.patterns[d].is_empty();
        // Per day: first start, last end, most paid, kinds she may work.
        let rows = |d: usize| self.patterns[d].iter().flat_map(|p| p.rows.iter());
        let (first_starts, last_ends): (Vec<i64>, Vec<i64>) = (0..n)
            .map(|d| {
                rows(d).fold((i64::MAX, i64::MIN), |(first, last), &(k, _)| {
                    let shift = &inst.shifts[k];
                    (first.min(shift.abs_start(d)), last.max(shift.abs_end(d)))
                })
            })
            .unzip();
        let most_paid = |d: usize| self.patterns[d].iter().map(|p| p.paid).max().unwrap_or(0);
        let kinds_of: Vec<Vec<ShiftIdx>> = (0..n)
            .map(|d| {
                let mut k: Vec<ShiftIdx> = rows(d).map(|&(k, _)| k).collect();
                k.sort_unstable();
                k.dedup();
                k
            })
            .collect();
        let kinds = |d: usize| &kinds_of[d];
        // Runs of working days, totals, shift kinds and weekends.
        let mut longest = 0;
        let mut run = 0;
        for d in 0..n {
            run = if works(d) { run + 1 } else { 0 };
            longest = longest.max(run);
        }
        if longest > contract.max_consecutive_days as usize
            || contract.min_consecutive_days > 1
            || contract.min_consecutive_days_off > 1
            || contract.min_total_minutes > 0
            || contract
                .max_total_minutes
                .is_some_and(|t| t < (0..n).map(most_paid).sum())
        {
            return false;
        }
        for (k, cap) in contract.max_shifts.iter().enumerate() {
            if let Some(cap) = cap {
                if (0..n).filter(|&d| kinds(d).contains(&k)).count() > *cap as usize {
                    return false;
                }
            }
        }
        if let Some(cap) = contract.max_weekends {
            let worked = inst
                .horizon
                .weekends()
                .iter()
                .filter(|w| w.iter().any(|&d| works(d)))
                .count();
            if worked > cap as usize {
                return false;
            }
        }
        // Between consecutive days: rest, overlap, cannot_follow.
        for d in 1..n {
            if !works(d - 1) || !works(d) {
                continue;
            }
            if first_starts[d] - last_ends[d - 1] < rules.min_daily_rest_minutes.max(0) {
                return false;
            }
            let today = kinds(d);
            if kinds(d - 1).iter().any(|&k| {
                today
                    .iter()
                    .any(|t| inst.shifts[k].cannot_follow.contains(t))
            }) {
                return false;
            }
        }
        // Weekly rest: in each whole week, a day she cannot work whose
        // surrounding rest is long enough whatever she works.
        if rules.min_weekly_rest_minutes > 0 {
            // Latest end before each day, earliest start after it.
            let mut before = vec![i64::MIN; n];
            let mut after = vec![i64::MAX; n];
            for d in 1..n {
                before[d] = before[d - 1].max(last_ends[d - 1]);
                after[n - 1 - d] = after[n - d].min(first_starts[n - d]);
            }
            for (week, ..) in self.weeks.iter().filter(|(w, ..)| w.is_whole()) {
                let rested = week.days.iter().any(|&d| {
                    if works(d) {
                        return false;
                    }
                    let before = Some(before[d]).filter(|&e| e > i64::MIN);
                    let after = Some(after[d]).filter(|&s| s < i64::MAX);
                    match (before, after) {
                        (Some(b), Some(a)) => a - b >= rules.min_weekly_rest_minutes,
                        _ => true,
                    }
                });
                if !rested {
                    return false;
                }
            }
        }
        // Paid hours over any seven days.
        let len = n.min(7);
        (0..=n - len).all(|first| {
            (first..first + len).map(most_paid).sum::<i64>() <= rules.max_weekly_minutes
        })
    }

    /// What `rows` (her shifts) cost against the others: coverage,
    /// preferences, `away_from_home`, changes of secretariat, under-hours
    /// and tiered overtime; `None` when a month's overtime is above its cap.
    pub(super) fn cost(&self, inst: &Instance, rows: &[Assignment]) -> Option<f64> {
        let mut cost: f64 = rows.iter().map(|&a| self.shift_cost(inst, a)).sum();
        let mut per_day: BTreeMap<usize, (Vec<SecretariatIdx>, Vec<ShiftIdx>)> = BTreeMap::new();
        for a in rows {
            let (secs, kinds) = per_day.entry(a.day).or_default();
            secs.push(a.secretariat);
            kinds.push(a.shift);
        }
        for (&day, (secs, kinds)) in per_day.iter_mut() {
            secs.sort_unstable();
            secs.dedup();
            cost += inst.weights.secretariat_change * (secs.len() - 1) as f64
                + self.own.day(day, kinds);
        }
        let worked: Vec<i64> = self
            .weeks
            .iter()
            .map(|(w, ..)| {
                rows.iter()
                    .filter(|a| w.days.contains(&a.day))
                    .map(|a| inst.shifts[a.shift].paid_minutes())
                    .sum()
            })
            .collect();
        for (first, last) in self.months() {
            let mut overtime = 0;
            for (i, &minutes) in worked.iter().enumerate().take(last).skip(first) {
                let (over, under) = self.balance(i, minutes);
                overtime += over;
                cost += inst.weights.under_hours * under as f64 / 60.0;
            }
            if overtime > self.allowed(inst, first) {
                return None;
            }
            cost += overtime_cost(inst.weights.overtime, overtime);
        }
        Some(cost)
    }

    /// Ranges of `weeks` belonging to one month each, in order.
    fn months(&self) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        for (i, (w, ..)) in self.weeks.iter().enumerate() {
            match out.last_mut() {
                Some((first, last)) if self.weeks[*first].0.month_label() == w.month_label() => {
                    *last = i + 1
                }
                _ => out.push((i, i + 1)),
            }
        }
        out
    }

    /// Overtime and under-hours of week `i` when she works `worked` minutes.
    fn balance(&self, i: usize, worked: i64) -> (i64, i64) {
        let (_, due, credited) = &self.weeks[i];
        let b = worked + credited - due;
        (b.max(0), (-b).max(0))
    }

    /// Overtime the month opening with week `first` may hold.
    fn allowed(&self, inst: &Instance, first: usize) -> i64 {
        let month = self.weeks[first].0.month_label();
        (inst.rules.overtime_cap_month_minutes - done_in_month(inst, self.agent, &month)).max(0)
    }

    /// Her cheapest shifts against the others and their cost (module doc),
    /// or `None` when no planning keeps the overtime cap.
    pub(super) fn solve(&self, inst: &Instance) -> Option<(Vec<Assignment>, f64)> {
        let mut rows = Vec::new();
        let mut total = 0.0;
        for (first, last) in self.months() {
            // Per week: the path's layers and, per worked minutes, the
            // cheapest final state with its under-hours priced.
            let weeks: Vec<WeekPaths> = (first..last).map(|i| self.week_paths(inst, i)).collect();
            // Knapsack over the month's overtime: (overtime, cost, back).
            let allowed = self.allowed(inst, first);
            let mut layers: Vec<Vec<(i64, f64, usize, usize)>> = vec![vec![(0, 0.0, 0, 0)]];
            for (j, week) in weeks.iter().enumerate() {
                let mut next: BTreeMap<i64, (f64, usize, usize)> = BTreeMap::new();
                for (s, &(over, cost, ..)) in layers[j].iter().enumerate() {
                    for (o, option) in week.options.iter().enumerate() {
                        let total = over + self.balance(first + j, option.worked).0;
                        if total > allowed {
                            continue;
                        }
                        let c = cost + option.cost;
                        match next.get(&total) {
                            Some(&(best, ..)) if best <= c => {}
                            _ => {
                                next.insert(total, (c, s, o));
                            }
                        }
                    }
                }
                // Pareto front: more overtime only if cheaper.
                let mut front = Vec::new();
                let mut cheapest = f64::INFINITY;
                for (over, (c, s, o)) in next {
                    if c < cheapest {
                        cheapest = c;
                        front.push((over, c, s, o));
                    }
                }
                if front.is_empty() {
                    return None;
                }
                layers.push(front);
            }
            let last_layer = layers.last()?;
            let (mut s, best) = last_layer
                .iter()
                .enumerate()
                .map(|(s, &(over, c, ..))| (s, c + overtime_cost(inst.weights.overtime, over)))
                .min_by(|a, b| a.1.total_cmp(&b.1))?;
            total += best;
            for j in (0..weeks.len()).rev() {
                let (_, _, prev, option) = layers[j + 1][s];
                let week = &weeks[j];
                rows.extend(self.rows_of(first + j, &week.layers, week.options[option].state));
                s = prev;
            }
        }
        rows.sort_by_key(|a| (a.day, a.shift, a.secretariat));
        Some((rows, total))
    }

    /// The shortest paths of week `i`.
    fn week_paths(&self, inst: &Instance, i: usize) -> WeekPaths {
        let start = Node {
            minutes: 0,
            days: 0,
            cost: 0.0,
            prev: 0,
            pattern: None,
        };
        let mut layers = vec![vec![start]];
        for &d in &self.weeks[i].0.days {
            let mut index: BTreeMap<(i64, u8), usize> = BTreeMap::new();
            let mut layer: Vec<Node> = Vec::new();
            let last = layers.last().expect("the start layer");
            for (s, node) in last.iter().enumerate() {
                let off = Node {
                    prev: s,
                    pattern: None,
                    ..*node
                };
                let worked = self.patterns[d].iter().enumerate().filter_map(|(p, pat)| {
                    let days = node.days + 1;
                    self.week_cap.is_none_or(|cap| days <= cap).then(|| Node {
                        minutes: node.minutes + pat.paid,
                        days: if self.week_cap.is_some() { days } else { 0 },
                        cost: node.cost + pat.cost,
                        prev: s,
                        pattern: Some(p),
                    })
                });
                for next in std::iter::once(off).chain(worked) {
                    match index.get(&(next.minutes, next.days)) {
                        Some(&at) if layer[at].cost <= next.cost => {}
                        Some(&at) => layer[at] = next,
                        None => {
                            index.insert((next.minutes, next.days), layer.len());
                            layer.push(next);
                        }
                    }
                }
            }
            layers.push(layer);
        }
        let mut best: BTreeMap<i64, (f64, usize)> = BTreeMap::new();
        for (s, node) in layers.last().expect("the start layer").iter().enumerate() {
            let under = self.balance(i, node.minutes).1;
            let cost = node.cost + inst.weights.under_hours * under as f64 / 60.0;
            match best.get(&node.minutes) {
                Some(&(c, _)) if c <= cost => {}
                _ => {
                    best.insert(node.minutes, (cost, s));
                }
            }
        }
        let options = best
            .into_iter()
            .map(|(worked, (cost, state))| WeekOption {
                worked,
                cost,
                state,
            })
            .collect();
        WeekPaths { layers, options }
    }

    /// The shifts of week `i` on the path ending at state `s` of its last
    /// layer.
    fn rows_of(&self, i: usize, layers: &[Vec<Node>], mut s: usize) -> Vec<Assignment> {
        let days = &self.weeks[i].0.days;
        let mut rows = Vec::new();
        for (j, &d) in days.iter().enumerate().rev() {
            let node = layers[j + 1][s];
            if let Some(p) = node.pattern {
                rows.extend(
                    self.patterns[d][p]
                        .rows
                        .iter()
                        .map(|&(shift, secretariat)| Assignment {
                            agent: self.agent,
                            day: d,
                            shift,
                            secretariat,
                        }),
                );
            }
            s = node.prev;
        }
        rows
    }
}

/// The patterns of `day` from its shift kinds and their secretariats with
/// costs (module doc): shifts that do not overlap, within the day's paid
/// hours and amplitude, at most [`MAX_PATTERNS`].
fn patterns_of(
    inst: &Instance,
    kinds: &BTreeMap<ShiftIdx, Vec<(SecretariatIdx, f64)>>,
    preference: impl Fn(&[ShiftIdx]) -> f64,
) -> Vec<Pattern> {
    let rules = &inst.rules;
    let mut list: Vec<ShiftIdx> = kinds.keys().copied().collect();
    list.sort_by_key(|&k| (inst.shifts[k].start, inst.shifts[k].end, k));
    let fits = |set: &[ShiftIdx]| {
        let paid: i64 = set.iter().map(|&k| inst.shifts[k].paid_minutes()).sum();
        let first = set.iter().map(|&k| inst.shifts[k].start).min().unwrap_or(0);
        let last = set.iter().map(|&k| inst.shifts[k].end).max().unwrap_or(0);
        paid <= rules.max_daily_minutes && last - first <= rules.max_amplitude_minutes
    };
    // Subsets in order of start: each next shift starts after the last ends.
    let mut sets: Vec<Vec<ShiftIdx>> = Vec::new();
    let mut stack: Vec<(Vec<ShiftIdx>, usize)> = vec![(Vec::new(), 0)];
    while let Some((set, from)) = stack.pop() {
        for (i, &k) in list.iter().enumerate().skip(from) {
            let after = set
                .last()
                .is_none_or(|&l| inst.shifts[l].end <= inst.shifts[k].start);
            if !after || sets.len() >= MAX_PATTERNS {
                continue;
            }
            let mut more = set.clone();
            more.push(k);
            if fits(&more) {
                sets.push(more.clone());
                stack.push((more, i + 1));
            }
        }
    }
    sets.into_iter()
        .map(|set| {
            let paid = set.iter().map(|&k| inst.shifts[k].paid_minutes()).sum();
            // Each shift at its cheapest secretariat, plus the changes.
            let each: Vec<(ShiftIdx, SecretariatIdx, f64)> = set
                .iter()
                .map(|&k| {
                    let &(s, c) = kinds[&k]
                        .iter()
                        .min_by(|a, b| a.1.total_cmp(&b.1))
                        .expect("a kind listed has a secretariat");
                    (k, s, c)
                })
                .collect();
            let mut distinct: Vec<SecretariatIdx> = each.iter().map(|e| e.1).collect();
            distinct.sort_unstable();
            distinct.dedup();
            let mut best = (
                each.iter().map(|e| e.2).sum::<f64>()
                    + inst.weights.secretariat_change * (distinct.len() - 1) as f64,
                each.iter().map(|e| (e.0, e.1)).collect::<Vec<_>>(),
            );
            // All at one secretariat.
            if set.len() > 1 {
                for &(s, _) in &kinds[&set[0]] {
                    let at: Option<f64> = set
                        .iter()
                        .map(|k| kinds[k].iter().find(|o| o.0 == s).map(|o| o.1))
                        .sum();
                    if let Some(c) = at.filter(|&c| c < best.0) {
                        best = (c, set.iter().map(|&k| (k, s)).collect());
                    }
                }
            }
            Pattern {
                rows: best.1,
                cost: best.0 + preference(&set),
                paid,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check;
    use crate::domain::testkit::TinyInstance;
    use crate::domain::Planning;
    use chrono::Weekday::*;
    use proptest::prelude::*;

    /// One week from Monday, secretariat A open Monday to Friday, half-day
    /// shifts M (08:00–12:30) and S (13:00–17:30) and a day J (08:30–17:00,
    /// 1 h break), one agent at A with five days a week; the French
    /// defaults otherwise (37 h 30 due, 9 h a day, 12 h daily rest, 36 h
    /// weekly rest, 48 h over seven days, the monthly overtime cap).
    fn week() -> TinyInstance {
        TinyInstance::new(7)
            .shift("M", "08:00", "12:30", 0)
            .shift("S", "13:00", "17:30", 0)
            .shift("J", "08:30", "17:00", 60)
            .secretariat("A", "P")
            .opening("A", &[Mon, Tue, Wed, Thu, Fri], "08:00", "18:30")
            .agent("ann", "A", &[])
            .contract("C", |c| c.max_days_per_week = 5)
    }

    /// Morning and afternoon needs of one agent (target two) every weekday.
    fn busy(mut t: TinyInstance) -> TinyInstance {
        for d in 0..5 {
            t = t
                .need("A", d, "08:30", "12:30", 1, 2, None)
                .need("A", d, "13:00", "17:30", 1, 2, None);
        }
        t
    }

    /// The path of agent 0 against nobody.
    fn path(inst: &Instance) -> Option<(Vec<Assignment>, f64)> {
        let gains = Gains::new(inst, &Planning::default());
        let cells = crate::model::admissible(inst, 0);
        WeekProblem::new(inst, 0, &gains, &[], &[], &cells)?.solve(inst)
    }

    fn worked(inst: &Instance, rows: &[Assignment]) -> i64 {
        rows.iter()
            .map(|a| inst.shifts[a.shift].paid_minutes())
            .sum()
    }

    /// The checker's least objective over every planning of agent 0 (each
    /// day: any set of her admissible shifts), by brute force.
    fn cheapest_by_checker(inst: &Instance) -> Option<f64> {
        let cells = crate::model::admissible(inst, 0);
        let mut per_day: Vec<Vec<Vec<Assignment>>> = vec![vec![Vec::new()]; inst.horizon.days];
        for a in cells {
            let sets = &mut per_day[a.day];
            // (Sets of overlapping shifts are left out: one shift at a time.)
            let shift = &inst.shifts[a.shift];
            let more: Vec<Vec<Assignment>> = sets
                .iter()
                .filter(|s| {
                    s.iter().all(|b| {
                        let other = &inst.shifts[b.shift];
                        other.end <= shift.start || shift.end <= other.start
                    })
                })
                .map(|s| s.iter().copied().chain([a]).collect())
                .collect();
            sets.extend(more);
        }
        let mut best: Option<f64> = None;
        let mut pick = vec![0usize; per_day.len()];
        loop {
            let rows: Vec<Assignment> = pick
                .iter()
                .enumerate()
                .flat_map(|(d, &i)| per_day[d][i].iter().copied())
                .collect();
            let eval = check::evaluate(inst, &Planning::of(rows));
            if eval.violations.is_empty() {
                best = Some(best.map_or(eval.objective, |b: f64| b.min(eval.objective)));
            }
            let Some(d) = (0..pick.len()).find(|&d| pick[d] + 1 < per_day[d].len()) else {
                return best;
            };
            pick[d] += 1;
            pick[..d].fill(0);
        }
    }

    #[test]
    fn the_overtime_cap_decides_how_much_she_works_beyond_her_due() {
        // Uncovered and below-target hours cost more than overtime: without
        // a cap she works both halves of every weekday (45 h, 7 h 30
        // over her due); with no overtime allowed, at most her 37 h 30.
        let cheap = |cap: i64| {
            busy(week())
                .weights(|w| w.overtime = 1.0)
                .rules(|r| r.overtime_cap_month_minutes = cap)
                .build()
        };
        let free = cheap(20 * 60);
        let (rows, _) = path(&free).expect("a path");
        assert_eq!(worked(&free, &rows), 45 * 60);
        let capped = cheap(0);
        let (rows, _) = path(&capped).expect("a path");
        assert!(worked(&capped, &rows) <= 37 * 60 + 30, "{rows:?}");
        assert!(worked(&capped, &rows) >= 36 * 60, "{rows:?}");
        let eval = check::evaluate(&capped, &Planning::of(rows));
        assert!(eval.violations.is_empty(), "{:?}", eval.violations);
    }

    #[test]
    fn the_path_costs_what_the_checker_counts() {
        let inst = busy(week()).build();
        let gains = Gains::new(&inst, &Planning::default());
        let cells = crate::model::admissible(&inst, 0);
        let problem = WeekProblem::new(&inst, 0, &gains, &[], &[], &cells).expect("in reach");
        let (rows, cost) = problem.solve(&inst).expect("a path");
        let empty = check::evaluate(&inst, &Planning::default()).objective;
        let eval = check::evaluate(&inst, &Planning::of(rows.clone()));
        // Her current shifts are none: their cost is her week's under-hours.
        assert_eq!(
            problem.current,
            problem.cost(&inst, &[]).expect("within the cap")
        );
        assert!(problem.current > 0.0);
        assert!((eval.objective - empty - (cost - problem.current)).abs() < 1e-6);
        assert_eq!(problem.cost(&inst, &rows), Some(cost));
    }

    /// A preference row that matches both shifts of a day counts once, as
    /// the checker counts it: a `prefer_off` of every shift on Monday
    /// costs its weight whether she works M, or M and S, there.
    #[test]
    fn a_preference_row_counts_once_a_day_however_many_shifts_it_matches() {
        let m_and_s = |kind| {
            let inst = busy(week())
                .availability(
                    "ann",
                    0,
                    kind,
                    crate::domain::AvailabilityScope::AllShifts,
                    5.0,
                )
                .build();
            let gains = Gains::new(&inst, &Planning::default());
            let cells = crate::model::admissible(&inst, 0);
            let problem = WeekProblem::new(&inst, 0, &gains, &[], &[], &cells).expect("in reach");
            let at = |kind: &str| Assignment {
                agent: 0,
                day: 0,
                shift: inst
                    .shifts
                    .iter()
                    .position(|s| s.id == kind)
                    .expect("a kind"),
                secretariat: 0,
            };
            let cost = |rows: &[Assignment]| problem.cost(&inst, rows).expect("within the cap");
            let checker = |rows: &[Assignment]| {
                check::evaluate(&inst, &Planning::of(rows.to_vec())).objective
            };
            let (one, two) = (vec![at("M")], vec![at("M"), at("S")]);
            // What the path counts and what the checker counts differ by
            // the same constant for both plannings.
            assert!(((cost(&two) - cost(&one)) - (checker(&two) - checker(&one))).abs() < 1e-6);
            assert!(((cost(&one) - cost(&[])) - (checker(&one) - checker(&[]))).abs() < 1e-6);
        };
        m_and_s(crate::domain::AvailabilityKind::PreferOff);
        m_and_s(crate::domain::AvailabilityKind::PreferOn);
    }

    #[test]
    fn rules_that_may_bind_give_no_path() {
        assert!(path(&busy(week()).build()).is_some());
        // Runs of at least two days: not followed.
        let runs = busy(week())
            .contract("R", |c| {
                c.max_days_per_week = 5;
                c.min_consecutive_days = 2;
            })
            .build();
        assert!(path(&runs).is_none());
        // Open on Saturday too: six days of 9 h are above 48 h over seven
        // days, which the path does not follow; under a 60 h cap it cannot
        // bind.
        let six = |max: i64| {
            busy(week())
                .opening("A", &[Mon, Tue, Wed, Thu, Fri, Sat], "08:00", "18:30")
                .contract("six", |c| c.max_days_per_week = 6)
                .rules(|r| r.max_weekly_minutes = max)
                .build()
        };
        assert!(path(&six(48 * 60)).is_none());
        assert!(path(&six(60 * 60)).is_some());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn the_path_is_the_checkers_cheapest_planning_of_her(
            needs in proptest::collection::vec((0usize..5, 0usize..3, 0u32..2, 0u32..3), 0..8),
            weekly_hours in 20i64..40,
            cap_hours in 0i64..6,
            overtime in 1.0f64..40.0,
            prefer_off in proptest::option::of(0usize..5),
        ) {
            let windows = [("08:00", "12:30"), ("13:00", "17:30"), ("10:00", "15:00")];
            let mut t = week()
                .contract("C", |c| {
                    c.max_days_per_week = 5;
                    c.weekly_minutes = weekly_hours * 60;
                })
                .weights(|w| w.overtime = overtime)
                .rules(|r| r.overtime_cap_month_minutes = cap_hours * 60);
            for (day, w, min, extra) in needs {
                let (start, end) = windows[w];
                t = t.need("A", day, start, end, min, min + extra, Some(min + extra));
            }
            if let Some(day) = prefer_off {
                t = t.availability(
                    "ann",
                    day,
                    crate::domain::AvailabilityKind::PreferOff,
                    crate::domain::AvailabilityScope::AllShifts,
                    2.0,
                );
            }
            let inst = t.build();
            let brute = cheapest_by_checker(&inst);
            match path(&inst) {
                Some((rows, _)) => {
                    let eval = check::evaluate(&inst, &Planning::of(rows));
                    prop_assert!(eval.violations.is_empty(), "{:?}", eval.violations);
                    let brute = brute.expect("a planning exists");
                    prop_assert!((eval.objective - brute).abs() < 1e-6, "path {} brute {}", eval.objective, brute);
                }
                None => prop_assert!(brute.is_none(), "no path but the checker finds {brute:?}"),
            }
        }
    }
}
