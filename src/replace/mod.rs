//! Replacement candidates and causes of coverage gaps (issue 4 items 3–4):
//! for a planning with uncovered minimum needs, per uncovered window, the
//! agents who could cover it, what adding the shift would cost, and what
//! blocks them (absence, another shift at that time, a broken rule).
//! Solver-free: every trial is judged by [`crate::check::evaluate`] alone; this
//! module never uses `model`, `solve` or the solver crates.
//!
//! # Definitions (README "Replacements")
//!
//! - **Uncovered windows**: the rows of [`coverage_rows`] with
//!   `assigned < min` (maximal minute windows and shift-kind needs).
//! - **Tried shift** of a window: for a shift-kind need, that shift dated
//!   that day; for a minute window, the shift kind (dated the window's day,
//!   or the day before for a night shift running into it, inside the
//!   horizon) covering the most minutes of the window, among the kinds
//!   within the secretariat's opening hours when any covers it; ties: the
//!   shortest shift (end − start), then shift order, then the later date.
//! - **Trial**: for each agent eligible at the secretariat
//!   ([`crate::domain::Agent::may_work_at`]) who is not already there
//!   during the window, the planning plus that shift for her at that
//!   secretariat, evaluated. `blocked_by` = the hard families of the
//!   violations the trial has and the planning had not (compared as
//!   family, agent, day and message, so a violation made worse counts);
//!   `cost` = trial objective − planning objective (negative: an
//!   improvement; the coverage gained counts). No new hard violation: a
//!   *free* replacement.
//! - **Why she is not there**: `absence` = the type of the first leave row
//!   (approved or granted, file order) that blocks the shift that day, else
//!   `off` when an `off` availability occurrence matches it; `busy_with` =
//!   her first assignment (planning order) overlapping the shift in absolute
//!   time; `reasons` = one plain-language phrase per other family broken.
//! - **Ranking** per window: fewest hard families broken, then smallest
//!   cost, then agent order; at most [`MAX_CANDIDATES`] kept. `absent`
//!   lists every eligible agent with an absence, kept or not.
//!
//! **Work budget**: a trial costs about the checker's steps on its
//! secretariat's sub-problem (agents × days, the needs, the minute line of
//! the horizon and the minutes worked there, `trial_units`); windows are
//! tried in order while the trials' summed cost stays within
//! [`TRIAL_WORK_BUDGET`] (about 4 s on this machine kind); the windows
//! after that are listed with `evaluated = false` and no candidates, so a
//! planning with hundreds of uncovered windows on a long horizon is
//! reported in bounded time, the same way on every machine.
//!
//! Identical trials (agent, day, shift, secretariat) across windows are
//! evaluated once (a `BTreeMap` keyed by the assignment), each on its
//! secretariat's sub-problem (see `run_trials`: it gives exactly the full
//! evaluation's differences at a fraction of the cost), the
//! (agent, secretariat) groups shared among up to 8 threads; results are
//! keyed, so the output does not depend on them. Leave types are personal data:
//! `Candidate::absence`, `UncoveredNeed::absent` and the `leave` family's
//! `messages` name them; the renderings replace them by `ABS` unless asked.

pub mod render;

pub use render::replacements_csv;

use crate::check::hours::done_in_month;
use crate::check::{evaluate, Evaluation, Violation};
use crate::domain::calendar::{format_hhmm, Day, DAY_MINUTES};
use crate::domain::hours::{leave_is_taken, week_credited_minutes, week_due_minutes};
use crate::domain::{
    AgentIdx, Assignment, AvailabilityKind, Instance, NeedWindow, Planning, RuleFamily,
    SecretariatIdx, ShiftIdx,
};
use crate::report::coverage::{coverage_rows, CoverageRow};
use std::collections::BTreeMap;

/// Candidates kept per uncovered window.
pub const MAX_CANDIDATES: usize = 5;

/// Summed cost of the trials of one report (module doc, "work budget"), in
/// the checker's steps ([`trial_units`]): a few seconds on this machine
/// kind (two threads: 438 of 463 uncovered windows of an 80-agent month
/// fit, 2.0 s; 22 of 657 of a year-long benchmark instance of 50 agents,
/// 3.9 s).
pub const TRIAL_WORK_BUDGET: usize = 500_000_000;

/// One agent who could be added to cover a window, and what it takes.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Who.
    pub agent: AgentIdx,
    /// The shift tried for her.
    pub shift: ShiftIdx,
    /// The date of that shift (the window's day, or the day before for a
    /// night shift running into it).
    pub day: Day,
    /// Objective of the planning with the shift added minus the planning's
    /// objective (negative: an improvement).
    pub cost: f64,
    /// Hard families the added shift breaks that the planning did not
    /// (registry order); empty for a free replacement.
    pub blocked_by: Vec<RuleFamily>,
    /// The checker's messages of those new violations (the `leave` ones
    /// name the leave type).
    pub messages: Vec<String>,
    /// The leave type that blocks the shift, or `off`.
    pub absence: Option<String>,
    /// Her assignment overlapping the shift in time.
    pub busy_with: Option<Assignment>,
    /// Plain language, one phrase per family broken other than leave and
    /// unavailability (those are `absence`), e.g. "would be paid 13h00 that
    /// day, above the 9h00 daily maximum".
    pub reasons: Vec<String>,
    /// Plain language, what a free (or any) replacement brings along, e.g.
    /// "2h00 of overtime", "away from home".
    pub notes: Vec<String>,
}

impl Candidate {
    /// Whether adding her breaks no hard rule.
    pub fn is_free(&self) -> bool {
        self.blocked_by.is_empty()
    }
}

/// One uncovered window and who could cover it.
#[derive(Debug, Clone, PartialEq)]
pub struct UncoveredNeed {
    /// Where.
    pub secretariat: SecretariatIdx,
    /// The day of the window (the coverage row's day; may be the day after
    /// the horizon for the minutes of a night shift).
    pub day: Day,
    /// Start, minutes after midnight of `day`.
    pub start: i64,
    /// End, minutes after midnight of `day` (a shift need's own end).
    pub end: i64,
    /// `Some` for a shift-kind need.
    pub shift: Option<ShiftIdx>,
    /// Summed `min`.
    pub min: u32,
    /// Agents counted there.
    pub assigned: u32,
    /// The shift tried and its date; `None` when no shift kind covers the window.
    pub tried: Option<(ShiftIdx, Day)>,
    /// Eligible agents not already there (everyone tried).
    pub eligible: usize,
    /// Whether the window's candidates were tried (false: the report's
    /// work budget was spent on earlier windows; no candidates then).
    pub evaluated: bool,
    /// Every tried agent with an absence, and its type (or `off`), agent order.
    pub absent: Vec<(AgentIdx, String)>,
    /// The best candidates, ranked (at most [`MAX_CANDIDATES`]).
    pub candidates: Vec<Candidate>,
}

impl UncoveredNeed {
    /// Agents missing below `min`.
    pub fn missing(&self) -> u32 {
        self.min.saturating_sub(self.assigned)
    }
}

/// The result of one trial, shared by every window that asks for it.
#[derive(Debug, Clone)]
struct Trial {
    cost: f64,
    new: Vec<Violation>,
}

/// One uncovered window, the shift tried there and the agents tried.
/// (whether it is evaluated within the work budget).
type WindowPlan = (CoverageRow, Option<(ShiftIdx, Day)>, Vec<AgentIdx>, bool);
/// The distinct trials of one (agent, secretariat) sub-problem.
type TrialGroup = ((AgentIdx, SecretariatIdx), Vec<Assignment>);

/// Every uncovered window of `planning` with its ranked replacement
/// candidates, within [`TRIAL_WORK_BUDGET`].
pub fn replacements(inst: &Instance, planning: &Planning) -> Vec<UncoveredNeed> {
    replacements_within(inst, planning, TRIAL_WORK_BUDGET)
}

/// [`replacements`] with a work budget of `budget` (module doc).
pub fn replacements_within(
    inst: &Instance,
    planning: &Planning,
    budget: usize,
) -> Vec<UncoveredNeed> {
    let gaps: Vec<CoverageRow> = coverage_rows(inst, planning)
        .into_iter()
        .filter(|r| r.assigned < r.min)
        .collect();
    if gaps.is_empty() {
        return Vec::new();
    }
    // Pass 1: the shift tried and the agents tried per window, while the
    // work budget lasts.
    let unit = trial_units(inst, planning);
    let mut spent = 0usize;
    let plans: Vec<WindowPlan> = gaps
        .into_iter()
        .map(|row| {
            let tried = tried_shift(inst, &row);
            let agents: Vec<AgentIdx> = (0..inst.agents.len())
                .filter(|&g| {
                    inst.agents[g].may_work_at(row.secretariat)
                        && !already_there(inst, planning, g, &row)
                })
                .collect();
            let cost = agents
                .len()
                .saturating_mul(unit.get(row.secretariat).copied().unwrap_or(0));
            let evaluated = tried.is_none() || spent.saturating_add(cost) <= budget;
            if evaluated && tried.is_some() {
                spent = spent.saturating_add(cost);
            }
            (row, tried, agents, evaluated)
        })
        .collect();
    // Pass 2: every distinct trial, evaluated once.
    let wanted: Vec<Assignment> = plans
        .iter()
        .filter(|plan| plan.3)
        .filter_map(|(row, tried, agents, _)| {
            tried.map(|(shift, day)| (row.secretariat, shift, day, agents))
        })
        .flat_map(|(secretariat, shift, day, agents)| {
            agents.iter().map(move |&agent| Assignment {
                agent,
                day,
                shift,
                secretariat,
            })
        })
        .collect();
    let trials = run_trials(inst, planning, wanted);
    // Pass 3: candidates, ranked and explained.
    let mut details: BTreeMap<Assignment, (Vec<String>, Vec<String>)> = BTreeMap::new();
    let mut out = Vec::new();
    for (row, tried, agents, evaluated) in plans {
        let mut need = UncoveredNeed {
            secretariat: row.secretariat,
            day: row.day,
            start: row.start,
            end: row.end,
            shift: row.shift,
            min: row.min,
            assigned: row.assigned,
            tried,
            eligible: 0,
            evaluated,
            absent: Vec::new(),
            candidates: Vec::new(),
        };
        if tried.is_some() {
            need.eligible = agents.len();
        }
        let Some((shift, day)) = tried.filter(|_| evaluated) else {
            out.push(need);
            continue;
        };
        let mut all: Vec<Candidate> = Vec::new();
        for agent in agents {
            let a = Assignment {
                agent,
                day,
                shift,
                secretariat: row.secretariat,
            };
            let Some(trial) = trials.get(&a) else {
                continue;
            };
            let mut blocked_by: Vec<RuleFamily> = trial.new.iter().map(|v| v.family).collect();
            blocked_by.sort();
            blocked_by.dedup();
            let absence = absence_of(inst, planning, a);
            if let Some(t) = &absence {
                need.absent.push((agent, t.clone()));
            }
            all.push(Candidate {
                agent,
                shift,
                day,
                cost: trial.cost,
                blocked_by,
                messages: trial.new.iter().map(|v| v.message.clone()).collect(),
                absence,
                busy_with: busy_with(inst, planning, a),
                reasons: Vec::new(),
                notes: Vec::new(),
            });
        }
        // Agents on leave or `off` come last: nobody can be called back from
        // validated leave; then fewest rules broken, cheapest, agent order.
        all.sort_by(|x, y| {
            x.absence
                .is_some()
                .cmp(&y.absence.is_some())
                .then(x.blocked_by.len().cmp(&y.blocked_by.len()))
                .then(x.cost.total_cmp(&y.cost))
                .then(x.agent.cmp(&y.agent))
        });
        all.truncate(MAX_CANDIDATES);
        for c in &mut all {
            let a = Assignment {
                agent: c.agent,
                day: c.day,
                shift: c.shift,
                secretariat: row.secretariat,
            };
            let (reasons, notes) = details
                .entry(a)
                .or_insert_with(|| explain(inst, planning, a, &c.blocked_by, c.busy_with))
                .clone();
            c.reasons = reasons;
            c.notes = notes;
        }
        need.candidates = all;
        out.push(need);
    }
    out
}

/// Checker steps per planning row of a trial's sub-problem: every family
/// reads it (measured: a trial on a year-long benchmark instance, 11 700
/// rows at its one secretariat, costs about 9 ms).
const ROW_UNITS: usize = 40;

/// The work of one trial at each secretariat, in the checker's steps: the
/// agents' days (hours, rules), the secretariat's needs, its planning rows
/// ([`ROW_UNITS`] each), and — where it
/// has minute needs — its minute line over their span with every worked
/// minute of the planning there (coverage is counted minute by minute).
fn trial_units(inst: &Instance, planning: &Planning) -> Vec<usize> {
    let base = inst.agents.len().saturating_mul(inst.horizon.days);
    let mut span: Vec<Option<(i64, i64)>> = vec![None; inst.secretariats.len()];
    let mut unit = vec![base; inst.secretariats.len()];
    for n in &inst.needs {
        if let Some(u) = unit.get_mut(n.secretariat) {
            *u = u.saturating_add(1);
        }
        if let (NeedWindow::Minutes { start, end }, Some(line)) =
            (n.window, span.get_mut(n.secretariat))
        {
            let (s, e) = (
                n.day as i64 * DAY_MINUTES + start,
                n.day as i64 * DAY_MINUTES + end,
            );
            *line = Some(line.map_or((s, e), |(a, b)| (a.min(s), b.max(e))));
        }
    }
    for (u, line) in unit.iter_mut().zip(&span) {
        if let Some((first, last)) = line {
            *u = u.saturating_add((last - first).max(0) as usize);
        }
    }
    for a in &planning.assignments {
        let minutes = inst
            .shifts
            .get(a.shift)
            .map_or(0, |s| (s.end - s.start).max(0));
        let Some(u) = unit.get_mut(a.secretariat) else {
            continue;
        };
        *u = u.saturating_add(ROW_UNITS);
        if let Some(Some(_)) = span.get(a.secretariat) {
            *u = u.saturating_add(minutes as usize);
        }
    }
    unit
}

/// The instance with only the needs of `sec`: the sub-problem of [`run_trials`].
fn sub_instance(inst: &Instance, sec: SecretariatIdx) -> Instance {
    let mut sub = inst.clone();
    sub.needs.retain(|n| n.secretariat == sec);
    sub
}

/// The planning's rows of `agent` or at `sec`, and their evaluation on `sub`.
fn sub_base(
    sub: &Instance,
    planning: &Planning,
    agent: AgentIdx,
    sec: SecretariatIdx,
) -> (Planning, Evaluation) {
    let p = Planning {
        assignments: planning
            .assignments
            .iter()
            .copied()
            .filter(|b| b.agent == agent || b.secretariat == sec)
            .collect(),
        granted: planning.granted.clone(),
    };
    let e = evaluate(sub, &p);
    (p, e)
}

/// Evaluates every distinct trial of `wanted` on its secretariat's
/// sub-problem, the (agent, secretariat) groups shared among a few threads;
/// the result is keyed by assignment, so it does not depend on the threads.
///
/// The sub-problem of (agent g, secretariat S) is the instance with only
/// S's needs and the planning's rows of g or at S. It gives exactly the
/// full evaluation's differences: every hard rule and every soft term but
/// coverage is a sum over agents, and coverage a sum over secretariats, so
/// what the added shift changes is g's terms, g's violations and S's
/// coverage, all computed there from the same rows; whatever the
/// sub-problem gets wrong about other agents or secretariats (their hours
/// from partial rows, days opened by dated needs left out) is the same with
/// and without the shift and cancels.
fn run_trials(
    inst: &Instance,
    planning: &Planning,
    wanted: Vec<Assignment>,
) -> BTreeMap<Assignment, Trial> {
    let mut groups: BTreeMap<(AgentIdx, SecretariatIdx), Vec<Assignment>> = BTreeMap::new();
    for a in wanted {
        let g = groups.entry((a.agent, a.secretariat)).or_default();
        if !g.contains(&a) {
            g.push(a);
        }
    }
    let subs: BTreeMap<SecretariatIdx, Instance> = groups
        .keys()
        .map(|&(_, s)| s)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|s| (s, sub_instance(inst, s)))
        .collect();
    let groups: Vec<TrialGroup> = groups.into_iter().collect();
    let work = |chunk: &[TrialGroup]| -> Vec<(Assignment, Trial)> {
        let mut out = Vec::new();
        for ((agent, sec), list) in chunk {
            let Some(sub) = subs.get(sec) else { continue };
            let (base_p, base_e) = sub_base(sub, planning, *agent, *sec);
            out.extend(
                list.iter()
                    .map(|&a| (a, run_trial(sub, &base_p, &base_e, a))),
            );
        }
        out
    };
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8)
        .min(groups.len().max(1));
    let mut results: BTreeMap<Assignment, Trial> = BTreeMap::new();
    if threads <= 1 {
        results.extend(work(&groups));
        return results;
    }
    // Interleaved chunks balance the groups' sizes across threads.
    let chunks: Vec<Vec<TrialGroup>> = (0..threads)
        .map(|t| groups.iter().skip(t).step_by(threads).cloned().collect())
        .collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunks.iter().map(|c| scope.spawn(|| work(c))).collect();
        for (h, c) in handles.into_iter().zip(&chunks) {
            // A panicking worker (none is expected) is redone on this thread.
            results.extend(h.join().unwrap_or_else(|_| work(c)));
        }
    });
    results
}

/// The planning with `a` added, evaluated against the planning's own
/// evaluation: the new violations are the multiset difference of the two
/// violation lists, both sorted by (family, agent, day, message).
fn run_trial(inst: &Instance, planning: &Planning, base: &Evaluation, a: Assignment) -> Trial {
    let mut p = planning.clone();
    p.assignments.push(a);
    let eval = evaluate(inst, &p);
    let key = |v: &Violation| (v.family, v.agent, v.day, v.message.clone());
    let mut old: Vec<_> = base.violations.iter().map(key).collect();
    old.sort();
    let mut trial: Vec<Violation> = eval.violations;
    trial.sort_by_key(key);
    let mut new = Vec::new();
    let mut i = 0;
    for v in trial {
        let k = key(&v);
        while i < old.len() && old[i] < k {
            i += 1;
        }
        if i < old.len() && old[i] == k {
            i += 1;
        } else {
            new.push(v);
        }
    }
    crate::check::sort_violations(&mut new);
    Trial {
        cost: eval.objective - base.objective,
        new,
    }
}

/// Whether `agent` already works at the row's secretariat during the whole window.
fn already_there(inst: &Instance, planning: &Planning, agent: AgentIdx, row: &CoverageRow) -> bool {
    let (lo, hi) = (
        row.day as i64 * DAY_MINUTES + row.start,
        row.day as i64 * DAY_MINUTES + row.end,
    );
    planning
        .assignments
        .iter()
        .filter(|a| a.agent == agent && a.secretariat == row.secretariat)
        .any(|a| {
            let Some(s) = inst.shifts.get(a.shift) else {
                return false;
            };
            match row.shift {
                Some(k) => a.shift == k && a.day == row.day,
                None => s.abs_start(a.day) <= lo && hi <= s.abs_end(a.day),
            }
        })
}

/// The shift tried for a window (module doc).
fn tried_shift(inst: &Instance, row: &CoverageRow) -> Option<(ShiftIdx, Day)> {
    let days = inst.horizon.days;
    if let Some(k) = row.shift {
        return (k < inst.shifts.len() && row.day < days).then_some((k, row.day));
    }
    let sec = inst.secretariats.get(row.secretariat)?;
    let (lo, hi) = (
        row.day as i64 * DAY_MINUTES + row.start,
        row.day as i64 * DAY_MINUTES + row.end,
    );
    // (fits opening hours, covered minutes, length, shift, day)
    let mut options: Vec<(bool, i64, i64, ShiftIdx, Day)> = Vec::new();
    for d in [row.day.checked_sub(1), Some(row.day)]
        .into_iter()
        .flatten()
        .filter(|&d| d < days)
    {
        for (k, s) in inst.shifts.iter().enumerate() {
            let covered = hi.min(s.abs_end(d)) - lo.max(s.abs_start(d));
            if covered > 0 {
                options.push((
                    sec.opens <= s.start && s.end <= sec.closes,
                    covered,
                    s.end - s.start,
                    k,
                    d,
                ));
            }
        }
    }
    let any_fits = options.iter().any(|o| o.0);
    options
        .into_iter()
        .filter(|o| o.0 || !any_fits)
        .min_by(|x, y| {
            y.1.cmp(&x.1)
                .then(x.2.cmp(&y.2))
                .then(x.3.cmp(&y.3))
                .then(y.4.cmp(&x.4))
        })
        .map(|o| (o.3, o.4))
}

/// The leave type (approved or granted) or `off` that blocks `a`.
fn absence_of(inst: &Instance, planning: &Planning, a: Assignment) -> Option<String> {
    let shift = inst.shifts.get(a.shift)?;
    let date = inst.horizon.date(a.day);
    let leave = inst.leaves.iter().enumerate().find(|(i, l)| {
        l.agent == a.agent
            && leave_is_taken(inst, *i, &planning.granted)
            && l.first_day <= date
            && date <= l.last_day
            && l.blocks(shift, inst.rules.half_day_split)
    });
    if let Some((_, l)) = leave {
        return Some(l.leave_type.clone());
    }
    inst.availability
        .iter()
        .any(|r| {
            r.agent == a.agent
                && r.day == a.day
                && r.kind == AvailabilityKind::Off
                && r.scope.matches(a.shift, shift)
        })
        .then(|| "off".to_string())
}

/// Her first assignment (planning order) overlapping `a` in absolute time.
fn busy_with(inst: &Instance, planning: &Planning, a: Assignment) -> Option<Assignment> {
    let s = inst.shifts.get(a.shift)?;
    let (lo, hi) = (s.abs_start(a.day), s.abs_end(a.day));
    planning.assignments.iter().copied().find(|b| {
        b.agent == a.agent
            && inst
                .shifts
                .get(b.shift)
                .is_some_and(|t| t.abs_start(b.day) < hi && lo < t.abs_end(b.day))
    })
}

/// One agent's (Σ weekly overtime minutes, largest overtime of a month
/// beyond what the cap still allows), as README "Hours accounting" defines them.
fn agent_overtime(inst: &Instance, planning: &Planning, agent: AgentIdx) -> (i64, i64) {
    let mut paid = vec![0i64; inst.horizon.days];
    for a in planning.assignments.iter().filter(|a| a.agent == agent) {
        if let (Some(slot), Some(s)) = (paid.get_mut(a.day), inst.shifts.get(a.shift)) {
            *slot += s.paid_minutes();
        }
    }
    let mut months: Vec<(String, i64)> = Vec::new();
    for w in inst.horizon.iso_weeks() {
        let worked: i64 = w.days.iter().filter_map(|&d| paid.get(d)).sum();
        let credited = week_credited_minutes(inst, agent, &w, &planning.granted);
        let ot = (worked + credited - week_due_minutes(inst, agent, &w)).max(0);
        let month = w.month_label();
        match months.iter_mut().find(|(m, _)| *m == month) {
            Some((_, total)) => *total += ot,
            None => months.push((month, ot)),
        }
    }
    let cap = inst.rules.overtime_cap_month_minutes;
    let total = months.iter().map(|(_, o)| o).sum();
    let beyond = months
        .iter()
        .map(|(m, o)| o - (cap - done_in_month(inst, agent, m)).max(0))
        .max()
        .unwrap_or(0);
    (total, beyond)
}

/// `9h30` for minutes.
fn hm(minutes: i64) -> String {
    let sign = if minutes < 0 { "-" } else { "" };
    let m = minutes.abs();
    format!("{sign}{}h{:02}", m / 60, m % 60)
}

/// The plain-language reasons and notes of a kept candidate (module doc).
fn explain(
    inst: &Instance,
    planning: &Planning,
    a: Assignment,
    blocked_by: &[RuleFamily],
    busy: Option<Assignment>,
) -> (Vec<String>, Vec<String>) {
    let mut p = planning.clone();
    p.assignments.push(a);
    let agent = &inst.agents[a.agent];
    let contract = agent.contract_of(inst);
    let rules = &inst.rules;
    let paid_that_day: i64 = p
        .assignments
        .iter()
        .filter(|b| b.agent == a.agent && b.day == a.day)
        .filter_map(|b| inst.shifts.get(b.shift))
        .map(|s| s.paid_minutes())
        .sum();
    let day_span = {
        let shifts: Vec<_> = p
            .assignments
            .iter()
            .filter(|b| b.agent == a.agent && b.day == a.day)
            .filter_map(|b| inst.shifts.get(b.shift))
            .collect();
        let first = shifts.iter().map(|s| s.start).min().unwrap_or(0);
        let last = shifts.iter().map(|s| s.end).max().unwrap_or(0);
        last - first
    };
    let (base_ot, _) = agent_overtime(inst, planning, a.agent);
    let (trial_ot, beyond) = agent_overtime(inst, &p, a.agent);
    let shift_id = |k: ShiftIdx| inst.shifts.get(k).map(|s| s.id.as_str()).unwrap_or("?");

    let mut reasons = Vec::new();
    for &f in blocked_by {
        use RuleFamily::*;
        let phrase = match f {
            Leave | Unavailability => continue,
            OneShiftAtATime => match busy {
                Some(b) => {
                    let s = &inst.shifts[b.shift];
                    format!(
                        "already working {} at {} {}–{}",
                        s.id,
                        inst.secretariats
                            .get(b.secretariat)
                            .map(|x| x.id.as_str())
                            .unwrap_or("?"),
                        format_hhmm(s.start),
                        format_hhmm(s.end)
                    )
                }
                None => "already working at that time".to_string(),
            },
            Eligibility => "may not work at this secretariat".to_string(),
            Opening => "the secretariat is closed then".to_string(),
            MaxDailyHours => format!(
                "would be paid {} that day, above the {} daily maximum",
                hm(paid_that_day),
                hm(rules.max_daily_minutes)
            ),
            MaxAmplitude => format!(
                "her day would span {}, above the {} maximum",
                hm(day_span),
                hm(rules.max_amplitude_minutes)
            ),
            MinDailyRest => format!(
                "would rest less than {} between two days",
                hm(rules.min_daily_rest_minutes)
            ),
            MinWeeklyRest => format!(
                "would lose her {} weekly rest",
                hm(rules.min_weekly_rest_minutes)
            ),
            MaxWeeklyHours => format!(
                "would work more than {} in 7 days",
                hm(rules.max_weekly_minutes)
            ),
            MaxDaysPerWeek => format!(
                "would work more than {} days that week",
                contract.max_days_per_week
            ),
            MaxConsecutiveDays => format!(
                "would work more than {} days in a row",
                contract.max_consecutive_days
            ),
            MinConsecutiveDays => format!(
                "would work a run shorter than {} days",
                contract.min_consecutive_days
            ),
            MinConsecutiveDaysOff => format!(
                "would cut her days off below {} in a row",
                contract.min_consecutive_days_off
            ),
            MaxWeekends => format!(
                "would work more than {} weekends",
                contract.max_weekends.unwrap_or(0)
            ),
            TotalHours => "would work more than her maximum total hours".to_string(),
            MaxShiftsPerKind => format!("would work too many {} shifts", shift_id(a.shift)),
            CannotFollow => {
                "this shift may not follow (or be followed by) her shift of the day before (after)"
                    .to_string()
            }
            OvertimeCap => format!(
                "could cover with {} overtime beyond the cap",
                hm(beyond.max(0))
            ),
            LeaveBalance => "her leave balance would be exceeded".to_string(),
            other => other.name().replace('_', " "),
        };
        reasons.push(phrase);
    }
    let mut notes = Vec::new();
    if trial_ot > base_ot && !blocked_by.contains(&RuleFamily::OvertimeCap) {
        notes.push(format!("{} of overtime", hm(trial_ot - base_ot)));
    }
    if agent.home != a.secretariat {
        notes.push("away from home".to_string());
    }
    (reasons, notes)
}

#[cfg(test)]
mod tests;
