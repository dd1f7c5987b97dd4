//! Large-neighbourhood search (fix-and-optimise) around HiGHS: beside
//! HiGHS's run on the full model (two threads, `super::side_by_side`), or
//! after it stopped with a planning but a gap above the requested one (one
//! thread, `super::phase2`). The run's bound and plannings come through a
//! [`Beside`]; a better planning from HiGHS replaces the search's own (so
//! does HiGHS's first planning when, worse, it ends lower once polished
//! week by week: [`take_polished`]), and
//! the search's better plannings go the other way ([`Handover`]): HiGHS
//! takes them as its incumbent mid-run, prunes and fixes columns against
//! them, and its own improvement heuristics start from them (measured at
//! 60 s on benchmark Instances 4–11: Instance 4 proven optimal at 37 s
//! instead of 57 s, 6 2044 → 1952, 8 1558 → 1456, 10 4849 → 4631, the
//! best known).
//!
//! Each iteration picks a *neighbourhood*, a set of free agent-days, and
//! re-optimises it with everything else kept:
//! - **Scoped** (plannings from scratch): the sub-model is built for the
//!   agents with a free day only, the other agents' shifts counted as fixed
//!   staff in the coverage (`Scope::background`), and the free agents'
//!   other days kept as in the incumbent (`Scope::kept`: their columns are
//!   constants, rows made of them only are left out, so the sub-model has
//!   the size of the free window, not of the horizon). The incumbent's
//!   part, completed on the sub-model, is the start and the reference: the
//!   sub-objectives of two plannings of the free agents differ exactly as
//!   their full objectives do (every other term is unchanged), so the
//!   search tracks the full objective by differences, and the final
//!   planning is completed once on the full model. Sub-solves stop at a
//!   0.2 % gap (less when the whole is near its bound) and skip the heuristics that look for a first planning
//!   (`highs_run::SUB_SOLVE_OPTIONS`). The sub-model is as small as the
//!   neighbourhood, which keeps iterations cheap on a 500-agent quarter.
//! - **Full** (replans, whose rules look at the whole previous planning):
//!   the full model with every `x` column of the other agent-days fixed to
//!   the incumbent's value, and every grant `g` of a request none of whose
//!   days is free fixed likewise; HiGHS's presolve removes the fixed
//!   columns and the rows they settle. The incumbent (a complete column
//!   vector of the same model, which the builder reproduces column for
//!   column) is the start. A planning replaces the incumbent when its
//!   objective, recomputed from its columns on the full model
//!   ([`ModelInfo::term_values`], constant included), is strictly lower and
//!   agrees with the objective HiGHS reports.
//!
//! Neighbourhoods are of four kinds, each with its own size factor
//! (starting at [`start_scale`], grown ×1.25 when a sub-solve ends optimal
//! within half its limit, shrunk ×0.75 when it hits the limit):
//! - the agents whose home secretariat is in one pôle × a window of about
//!   8 days;
//! - a group of agents of one pôle × [`AGENTS_WINDOW_DAYS`] days (the
//!   whole horizon up to eight weeks), see [`GroupWalk`]: first the
//!   construction's groups, every one in turn before any other kind — the
//!   construction planned each group against the groups before it only, so
//!   the first of a pôle works overtime to cover what the later ones could
//!   have covered; re-solved against all the others they share the work
//!   out (measured at 60 s on the generated 250-agent month: 108 000–121 000
//!   instead of 121 000–131 000; on the 80-agent month 24 900–25 900
//!   instead of 26 300) — then each pôle's agents reshuffled into new
//!   groups, pass after pass. No first pass when the rules are in reach of
//!   `one_agent`: the construction then planned every agent by shortest
//!   path and polished each against all the others already (on benchmark
//!   Instance 13, whose 8-agent groups of 18 shift kinds take their whole
//!   3-second limit, 2 588 and 2 898 at 60 s without the first pass, 3 652
//!   with it);
//! - every agent × a window of about 4 days;
//! - when hours cost anything, an agent whose hours are out of balance
//!   (overtime, under-hours) with agents of her secretariats whose balance
//!   leans the other way, × [`AGENTS_WINDOW_DAYS`] days
//!   ([`out_of_balance`]).
//!
//! After the first pass, the kind that gained more per second of late goes
//! next, each kind keeping at least [`KIND_SHARE`] of the time ([`Rates`]):
//! which kind pays depends on the instance (on the generated 250-agent
//! month, groups of agents gain about 900 a second and windows of every
//! agent nothing; on the 80-agent month those windows gain most), and
//! taking them in turn gave the slow ones as many sub-solves as the fast.
//!
//! When the instance's rules are in reach of `one_agent` (benchmark
//! instances, not the CHU ones with their weekly rest), a second kind of
//! move competes with the sub-solves: a *rebuild* (`one_agent::rebuild`,
//! ruin and recreate) removes the shifts of [`REBUILT`] agents drawn at
//! random, re-plans each alone by shortest path against all the others,
//! then re-plans every agent against the others until none gains
//! (`one_agent::polish`); it is kept when the checker's objective drops or
//! stays (a sideways move across a plateau, see [`Compared`]). Whichever
//! kind gained more per second of late goes next ([`Rates`]):
//! at 60 s on benchmark Instance 20 rebuilds alone reached 6 020 where
//! sub-solves alone reached 13 110, on Instance 8 1 953 against 1 646.
//!
//! Otherwise (the CHU instances: several shifts a day, weekly hours), every
//! agent is re-planned week by week against all the others
//! (`one_agent::polish`, by `week_paths`) first, then every
//! [`POLISH_EVERY_SECONDS`] (the first pass included), and once when
//! [`POLISH_LAST_SHARE`] of the time is left; the polished planning is
//! kept when the checker's objective drops.
//!
//! The replan's history (days before `from`) is never free; its columns are
//! fixed by the model anyway. Frozen agent-days keep the incumbent's rows,
//! which already satisfy `replan_keep`, so the replan rules hold.
//!
//! Determinism: neighbourhoods and rebuilt agents come from a xorshift
//! generator seeded with `opts.seed`; which sub-solves finish in time, and
//! which kind of move goes next (by gain per second), depend on the
//! machine's speed, as HiGHS's own time-limited runs do.

use super::highs_run::{self, Beside, RawStatus};
use super::one_agent;
use super::{SolveError, SolveOptions};
use crate::domain::{Day, Instance, LeaveIdx, LeaveStatus, Planning};
use crate::model::{self, Kept, ModelInfo, Scope};
use std::time::{Duration, Instant};

/// The best planning found, as a complete column vector of the model.
#[derive(Debug, Clone)]
pub(crate) struct Incumbent {
    /// One value per column.
    pub(crate) cols: Vec<f64>,
    /// Objective (constant included).
    pub(crate) objective: f64,
}

/// Counters of one search.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct LnsStats {
    /// Sub-solves run.
    pub(crate) iterations: usize,
    /// Of them, sub-solves of the first pass over the construction's groups.
    pub(crate) first_pass: usize,
    /// Rebuilds run (`one_agent::rebuild`).
    pub(crate) rebuilds: usize,
    /// Sub-solves and rebuilds that improved the incumbent.
    pub(crate) improvements: usize,
}

/// Relative gap at which a sub-solve of the scoped search stops, at most
/// (2 % of the whole planning's gap to the bound when that is smaller).
const SUB_GAP: f64 = 0.002;

/// Days freed for the few agents of the second kind of neighbourhood:
/// horizons of up to eight weeks whole (rules over the whole horizon, such
/// as a total of hours, then leave room to move work between weeks), a
/// longer horizon by eight-week windows (a few agents over a whole year
/// make a sub-model HiGHS cannot close in seconds).
const AGENTS_WINDOW_DAYS: usize = 56;

/// Size factor every kind of neighbourhood starts from: half size when
/// scoped sub-solves are the search's only moves over at most
/// [`AGENTS_WINDOW_DAYS`] (`only_sub_solves`: rules out of `one_agent`'s
/// reach, the generated CHU months), full size when rebuilds make the
/// small moves (`one_agent::rebuild`) and sub-solves are for the larger
/// ones, on longer horizons and for replans (not measured). A sub-solve's
/// time grows faster than its neighbourhood, so when the sub-solves must
/// do everything their gain per second is best small (each kind then
/// grows on its own when its sub-solves end optimal quickly, [`adapt`]).
/// Measured at 60 s (start ×1 → ×0.5): generated 250 agents × 4 weeks
/// seed 1 97 086–100 355 → 91 302, 91 544 and 92 841, seed 2 86 037 →
/// 85 657, 150 × 5 weeks 67 271 → 65 236, 80 × 4 weeks 24 434 → 24 273 and
/// 24 323; the 500-agent quarter at 600 s 701 873 → 720 367 (one run
/// each, within its spread, 676 610–722 369 over versions 0.12–0.14);
/// with rebuilds, benchmark Instances 8 1 361 → 1 434, 13 2 680 → 3 034,
/// 15 4 693 → 4 973, 18 and 20 equal within 0.5 %.
fn start_scale(only_sub_solves: bool) -> f64 {
    if only_sub_solves {
        0.5
    } else {
        1.0
    }
}

/// Share of the search's time for which the first pass over the
/// construction's groups may run alone ([`GroupWalk`]). Measured at 60 s:
/// on the generated 250-agent month, whose pass needs most of the minute,
/// 0.5 gave 129 000 (twice), 0.75 108 800, no limit 111 700; on benchmark
/// Instance 13 (120 agents of one pôle, where a group is a small part of
/// the staff and the other kinds matter) 0.5 gave 12 700, 0.75 9 030, no
/// limit 20 100.
const FIRST_PASS_ALONE: f64 = 0.75;

/// Share of the search's time the first pass over the construction's
/// groups should take at most: its groups are halved when their pace would
/// overrun it ([`GroupWalk::after`]).
const FIRST_PASS_PACE: f64 = 1.0 / 3.0;

/// Share of the search's time that may go to handing its planning to the
/// HiGHS run beside it ([`Handover`]).
const HANDOVER_SHARE: f64 = 0.1;

/// The search's planning handed to the HiGHS run beside it
/// (`Beside::give`), whose incumbent it becomes when better: HiGHS's own
/// heuristics find poor plannings on large models, and with the search's
/// as its incumbent HiGHS prunes its tree and fixes columns by reduced
/// cost against a far better cutoff, and its improvement heuristics (RINS)
/// start from it. A planning of the scoped search must first be completed
/// on the full model (its auxiliary columns), which costs a build and a
/// solve with every decision fixed; handovers therefore take at most
/// [`HANDOVER_SHARE`] of the search's time.
struct Handover {
    /// Objective of the planning handed over last.
    given: f64,
    /// Seconds spent on handovers, and on the last one.
    spent: f64,
    last: f64,
    since: Instant,
}

impl Handover {
    fn new() -> Self {
        Handover {
            given: f64::INFINITY,
            spent: 0.0,
            last: 0.0,
            since: Instant::now(),
        }
    }

    /// Whether a planning of objective `z` is worth handing over now,
    /// with `remaining` seconds left.
    fn due(&self, z: f64, remaining: f64) -> bool {
        z < self.given - tolerance(z)
            && self.spent + self.last <= HANDOVER_SHARE * self.since.elapsed().as_secs_f64()
            && remaining > 2.0 * self.last
    }

    /// Hands `cols` of objective `z` over (`None`: the completion failed).
    fn give(&mut self, beside: &Beside, z: f64, cols: Option<Incumbent>, started: Instant) {
        if let Some(done) = cols {
            beside.give(done.objective, done.cols);
        }
        self.given = z;
        self.last = started.elapsed().as_secs_f64();
        self.spent += self.last;
    }
}

/// Shortest sub-solve worth starting, seconds.
const MIN_SUB_SECONDS: f64 = 0.3;

/// Least share of the search's time for each kind of move (sub-solve,
/// rebuild), whatever it gained of late ([`Rates`]).
const MOVE_SHARE: f64 = 0.25;

/// Least share of the sub-solves' time for each kind of neighbourhood,
/// whatever it gained of late ([`Rates`]).
const KIND_SHARE: f64 = 0.1;

/// Agents removed and re-planned by one rebuild (`one_agent::rebuild`).
/// Measured at 60 s on benchmark Instance 20 (rebuilds only): 3 gave
/// 6 020, 10 gave 6 343; on Instance 8 (with sideways moves, seed 0) 3
/// gave 1 360, 2 1 449 and 5 1 669.
const REBUILT: usize = 3;

/// Seconds of search between two week-by-week polishes
/// (`one_agent::polish` where the shortest paths do not reach: the
/// generated CHU instances), the first one at once. Each re-plans every
/// agent against all the others in a fraction of a second (250 agents ×
/// 4 weeks: 0.1–0.5 s) and gains what sub-solves of a few agents miss (a
/// shift handed from one agent's overtime to another's under-hours).
/// Measured at 60 s, `--seed 0` (ladder L without: 91 302–92 841): every
/// 8 s, L 89 980 and 90 025, XL (600 s) 631 511, 250 × 4 weeks `--seed 2`
/// 82 986 (85 657 without), but M 24 507–24 700 against 24 205–24 434
/// without; every 20 s, L 90 110, XL 638 508, M 24 294; a last polish
/// only (3 % of the time left), L 90 590, M 24 189 and 24 453. Polishing
/// before the first pass instead (the construction, or an empty
/// planning) left the search at 96 000–101 000 on L. With the grants
/// that follow each polish ([`GRANT_SECONDS`], 0.19), every 12 s instead
/// of 20: L 88 891 (89 024–92 229), M 24 155 (24 196–24 447), 250 × 4
/// weeks `--seed 2` 80 141 (80 426), 150 × 5 weeks 62 777 (63 165), XL
/// 616 642 (616 251 and 617 066). The first polish at once and the
/// next ones during the first pass too (0.22; before, from the end of
/// the first pass), measured with 0.22's model (`--seed` 0, 1, 2): L
/// 88 245, 88 722 and 89 783 against 88 709, 89 290 and 90 014; M 24 059,
/// 24 121 and 24 033 against 24 017, 24 088 and 24 149; XL (600 s,
/// `--seed 0`) 588 272 against 589 736 — on XL the construction's
/// 2.7 million drop to 745 000 at 46 s, where the first pass alone
/// reached 1.2 million at 122 s.
const POLISH_EVERY_SECONDS: f64 = 12.0;

/// Seconds after each week-by-week polish during which refused requests
/// are granted one at a time, the agents who may take their days over
/// re-planned (`one_agent::grant`), each kept when the objective drops;
/// the next polish goes on with the next request. A grant costs coverage
/// that no single agent's re-plan would give up (on the generated
/// 250-agent month at 60 s, `leave_refused` stayed at 4 400 with
/// single-agent flips alone).
const GRANT_SECONDS: f64 = 5.0;

/// Share of the time limit left when a last week-by-week polish runs
/// (ladder L at 60 s: 92 672 → 90 378 in 0.37 s).
const POLISH_LAST_SHARE: f64 = 0.1;

/// The two kinds of move of the scoped search (the arms of its first
/// [`Rates`]).
const SUB_SOLVE: usize = 0;
const REBUILD: usize = 1;

/// What each arm (a kind of move, or a kind of neighbourhood) gained per
/// second of late: gains and seconds summed with weights that decay by
/// [`Rates::DECAY`] at each move of the same arm. The arm of higher rate
/// goes next, so the others' rates stay as they were last seen until the
/// current arm's falls below them (their returns all shrink as the
/// planning improves) — except that each arm gets at least `share` of the
/// time spent so far: an arm whose last moves gained nothing would
/// otherwise never be tried again.
#[derive(Debug)]
struct Rates {
    gain: Vec<f64>,
    seconds: Vec<f64>,
    /// Seconds spent on each arm in all.
    spent: Vec<f64>,
    /// Least share of the time spent for each arm.
    share: f64,
}

impl Rates {
    const DECAY: f64 = 0.7;

    fn new(arms: usize, share: f64) -> Rates {
        Rates {
            gain: vec![0.0; arms],
            seconds: vec![0.0; arms],
            spent: vec![0.0; arms],
            share,
        }
    }

    fn record(&mut self, arm: usize, gain: f64, seconds: f64) {
        let seconds = seconds.max(1e-6);
        self.gain[arm] = Rates::DECAY * self.gain[arm] + gain;
        self.seconds[arm] = Rates::DECAY * self.seconds[arm] + seconds;
        self.spent[arm] += seconds;
    }

    /// Gain per second (infinite before the first move of that arm).
    fn rate(&self, arm: usize) -> f64 {
        if self.seconds[arm] == 0.0 {
            f64::INFINITY
        } else {
            self.gain[arm] / self.seconds[arm]
        }
    }

    /// The arm to play next: the one furthest short of its share of the
    /// time, if any is short; else the one of highest rate (on a tie, the
    /// first: the first move is arm 0).
    fn next(&self) -> usize {
        let least = self.share * self.spent.iter().sum::<f64>();
        let short = (0..self.spent.len())
            .filter(|&a| self.spent[a] < least)
            .min_by(|&a, &b| self.spent[a].total_cmp(&self.spent[b]));
        short.unwrap_or_else(|| {
            (0..self.spent.len()).fold(0, |best, a| {
                if self.rate(a) > self.rate(best) {
                    a
                } else {
                    best
                }
            })
        })
    }
}

/// A xorshift64* generator (deterministic, no dependency).
struct Rng(u64);

impl Rng {
    fn new(seed: u32) -> Self {
        Rng(0x9E37_79B9_7F4A_7C15 ^ (u64::from(seed) << 1 | 1))
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in `0..n` (0 when n = 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// After a sub-solve that ended with `status` (`fast`: within half its
/// limit) in `seconds` (its build included): a kind's size factor grows
/// ×1.25 after a fast optimum and shrinks ×0.75 after a limit — except
/// during the first pass over the construction's groups, whose sizes
/// follow their own rule ([`GroupWalk::after`]).
fn adapt(
    scale: &mut f64,
    walk: &mut GroupWalk,
    first_pass: bool,
    status: RawStatus,
    fast: bool,
    seconds: f64,
) {
    if first_pass {
        walk.after(status, seconds);
        return;
    }
    match status {
        RawStatus::Optimal if fast => *scale = (*scale * 1.25).min(6.0),
        RawStatus::Limit => *scale = (*scale * 0.75).max(0.25),
        _ => {}
    }
}

/// The groups of agents of the second kind of neighbourhood, in turn:
/// first the construction's groups, every one before any other kind (the
/// first pass, alone for at most [`FIRST_PASS_ALONE`] of the search's
/// time), then each pôle's
/// agents reshuffled into new groups, pass after pass, sized by the kind's
/// factor.
struct GroupWalk {
    /// Groups left in the current pass, next first.
    left: std::collections::VecDeque<Vec<usize>>,
    /// Size of the groups of later passes (before the kind's factor): the
    /// construction's, halved when the first pass's sub-solves hit their
    /// limit.
    size: usize,
    /// Size of the first pass's groups left (after halvings).
    pass_size: usize,
    /// Whether the first pass is still running alone.
    first: bool,
    /// When the first pass stops running alone ([`FIRST_PASS_ALONE`] of the
    /// search's time): beyond, the other kinds may do better.
    alone_until: Instant,
    /// Sub-solves of the first pass that hit their limit, in a row.
    limits_in_a_row: usize,
    /// Seconds the whole first pass should take at most
    /// ([`FIRST_PASS_PACE`] of the search's time).
    budget: f64,
    /// Seconds the first pass took so far.
    spent: f64,
    /// Sub-solves and their seconds since the groups' last halving.
    at_size: (usize, f64),
}

impl GroupWalk {
    fn new(groups: Vec<Vec<usize>>, alone_until: Instant, budget: f64) -> Self {
        GroupWalk {
            alone_until,
            budget,
            spent: 0.0,
            at_size: (0, 0.0),
            size: groups.iter().map(Vec::len).max().unwrap_or(1),
            pass_size: groups.iter().map(Vec::len).max().unwrap_or(1),
            first: !groups.is_empty(),
            left: groups.into(),
            limits_in_a_row: 0,
        }
    }

    /// Whether the first pass runs alone: groups left and time before
    /// `alone_until` (its groups left after that come in the second kind's
    /// turns).
    fn first_pass(&mut self) -> bool {
        self.first &= !self.left.is_empty() && Instant::now() < self.alone_until;
        self.first
    }

    /// The next group (a new pass of `poles` reshuffled when the current
    /// one is over).
    fn next(&mut self, poles: &[Vec<usize>], scale: f64, rng: &mut Rng) -> Vec<usize> {
        if self.left.is_empty() {
            self.first = false;
            let size = (self.size as f64 * scale).round() as usize;
            self.left = reshuffled(poles, size.max(2), rng).into();
        }
        self.left.pop_front().unwrap_or_default()
    }

    /// After a first-pass sub-solve of `seconds`: the groups left are
    /// halved when two sub-solves in a row stopped at their limit (the
    /// groups are too big for the time given to a sub-solve: 8 agents with
    /// 18 shift kinds on benchmark Instance 13), or when, at the pace of
    /// the sub-solves since the last halving, the pass would overrun its
    /// budget (a sub-solve's time grows faster than its group: on the
    /// generated 250-agent month, groups of 8 take 0.9 s each and the pass
    /// 32 s, groups of 4 0.17 s and 11 s).
    fn after(&mut self, status: RawStatus, seconds: f64) {
        self.spent += seconds;
        self.at_size = (self.at_size.0 + 1, self.at_size.1 + seconds);
        self.limits_in_a_row = if status == RawStatus::Limit {
            self.limits_in_a_row + 1
        } else {
            0
        };
        let (done, took) = self.at_size;
        let projected = self.spent + took / done as f64 * self.left.len() as f64;
        let slow = done >= 2 && self.pass_size >= 4 && projected > self.budget;
        let limited = self.limits_in_a_row >= 2;
        if (limited || slow) && self.pass_size > 1 {
            self.limits_in_a_row = 0;
            self.at_size = (0, 0.0);
            self.pass_size = self.pass_size.div_ceil(2);
            if limited {
                self.size = self.size.min(self.pass_size);
            }
            self.left = self
                .left
                .drain(..)
                .flat_map(|g| {
                    let (a, b) = g.split_at(g.len().div_ceil(2));
                    [a.to_vec(), b.to_vec()]
                })
                .filter(|g| !g.is_empty())
                .collect();
        }
    }
}

/// The agents of each pôle of `poles` in a random order, cut into groups
/// of `size`.
fn reshuffled(poles: &[Vec<usize>], size: usize, rng: &mut Rng) -> Vec<Vec<usize>> {
    let mut shuffled = poles.to_vec();
    for list in &mut shuffled {
        for i in (1..list.len()).rev() {
            list.swap(i, rng.below(i + 1));
        }
    }
    super::construct::cut(&shuffled, size)
}

/// `x` columns as `(agent, day, column)` and `g` columns as
/// `(agent, days of the request, column)`.
type DecisionColumns = (Vec<(usize, Day, usize)>, Vec<(usize, Vec<Day>, usize)>);

/// The decision columns of `info`, with the agent-days they touch.
fn decision_columns(inst: &Instance, info: &ModelInfo) -> DecisionColumns {
    let x_cols = info.x_columns().map(|(a, c)| (a.agent, a.day, c)).collect();
    let g_cols = info
        .g_columns()
        .filter_map(|(r, c)| {
            inst.leaves
                .get(r)
                .map(|l| (l.agent, l.days_in(&inst.horizon), c))
        })
        .collect();
    (x_cols, g_cols)
}

/// The columns to fix for neighbourhood `free[agent][day]`: every `x` of a
/// frozen agent-day and every `g` of a request none of whose days is free,
/// at the incumbent's (rounded) value.
fn frozen_fix(
    x_cols: &[(usize, Day, usize)],
    g_cols: &[(usize, Vec<Day>, usize)],
    inc: &[f64],
    free: &[Vec<bool>],
) -> Vec<(usize, f64)> {
    let val = |c: usize| {
        if inc.get(c).copied().unwrap_or(0.0) > 0.5 {
            1.0
        } else {
            0.0
        }
    };
    let is_free = |a: usize, d: Day| free.get(a).and_then(|r| r.get(d)).copied().unwrap_or(false);
    let mut fix: Vec<(usize, f64)> = x_cols
        .iter()
        .filter(|&&(a, d, _)| !is_free(a, d))
        .map(|&(_, _, c)| (c, val(c)))
        .collect();
    fix.extend(
        g_cols
            .iter()
            .filter(|(a, ds, _)| !ds.iter().any(|&d| is_free(*a, d)))
            .map(|&(_, _, c)| (c, val(c))),
    );
    fix
}

/// Improves `inc`, a solution of the model of `scope`, until `deadline`,
/// until its gap to the bound of `beside` reaches `opts.gap`, or until the
/// HiGHS run beside it has ended (progress lines take their time from
/// `crate::progress`). Returns the best incumbent (never worse than `inc`)
/// and counters. A sub-solve that HiGHS fails ends the search (never the
/// solve).
#[allow(clippy::too_many_arguments)]
pub(crate) fn improve(
    inst: &Instance,
    scope: &Scope,
    opts: &SolveOptions,
    info: &ModelInfo,
    mut inc: Incumbent,
    beside: &Beside,
    deadline: Instant,
) -> Result<(Incumbent, LnsStats), SolveError> {
    let mut stats = LnsStats::default();
    let days = inst.horizon.days;
    let first_free: Day = scope.replan.as_ref().map(|c| c.from).unwrap_or(0).min(days);
    let free_days = days - first_free;
    let poles = super::construct::agents_by_pole(inst, scope);
    let mut agents: Vec<usize> = poles.iter().flatten().copied().collect();
    agents.sort_unstable();
    if agents.is_empty() || free_days == 0 || inc.cols.len() != info.size.variables {
        return Ok((inc, stats));
    }
    // The requests of these agents the search may grant or refuse.
    let requests: Vec<LeaveIdx> = (0..inst.leaves.len())
        .filter(|&r| {
            let l = &inst.leaves[r];
            l.status == LeaveStatus::Requested
                && scope.decisions.forced(r).is_none()
                && agents.binary_search(&l.agent).is_ok()
        })
        .collect();
    let (x_cols, g_cols) = decision_columns(inst, info);
    let n_agents = inst.agents.len();
    let mut rng = Rng::new(opts.seed);
    // Scoped search (not for a replan, whose rules look at the whole
    // previous planning): the incumbent as a planning and its objective.
    let mut current: Option<(Planning, f64)> = scope
        .replan
        .is_none()
        .then(|| (info.planning(inst, &inc.cols), inc.objective));
    // The fourth kind (agents whose hours are out of balance) when hours
    // cost anything and the search is scoped.
    let kinds =
        if current.is_some() && (inst.weights.overtime > 0.0 || inst.weights.under_hours > 0.0) {
            4
        } else {
            3
        };
    let now = Instant::now();
    let search_seconds = deadline.saturating_duration_since(now);
    let mut walk = GroupWalk::new(
        super::construct::groups_of(&poles),
        now + search_seconds.mul_f64(FIRST_PASS_ALONE),
        search_seconds.as_secs_f64() * FIRST_PASS_PACE,
    );
    let sub_cap = (opts.time_limit * 0.05).clamp(1.0, 5.0);
    let by_days = one_agent::in_reach(inst);
    let rebuilds = current.is_some() && by_days;
    // When the last week-by-week polish ended (none yet: the first is due
    // at once), and whether the one of the last tenth of the time ran.
    let mut polished_at: Option<Instant> = None;
    let mut polished_last = false;
    // Whether a planning of HiGHS's run worse than the search's was polished.
    let mut offer_polished = false;
    // The next request to try granting after a polish (index in `requests`).
    let mut next_grant = 0;
    let mut scale = [start_scale(current.is_some() && !rebuilds && days <= AGENTS_WINDOW_DAYS); 4];
    let mut rates = Rates::new(if rebuilds { 2 } else { 1 }, MOVE_SHARE);
    // Each agent's admissible cells, computed once for all rebuilds.
    let mut cells = one_agent::Cells::new(inst);
    let mut neighbourhoods = Rates::new(kinds, KIND_SHARE);
    // The start is complete already: the run beside gets it at once.
    let mut handover = Handover::new();
    handover.give(beside, inc.objective, Some(inc.clone()), Instant::now());
    loop {
        let z = current.as_ref().map_or(inc.objective, |c| c.1);
        beside.note_incumbent(z);
        let remaining = deadline
            .saturating_duration_since(Instant::now())
            .as_secs_f64();
        if handover.due(z, remaining) && beside.listening() && !beside.ended() {
            let started = Instant::now();
            let cols = match current.as_ref() {
                // A failed completion only skips this handover.
                Some((p, _)) => complete(inst, scope, opts, info, p, false).ok().flatten(),
                None => Some(inc.clone()),
            };
            handover.give(beside, z, cols, started);
        }
        // A better planning found by the HiGHS run beside: the search goes on
        // from it.
        if let Some(found) = offered(beside, info, f64::INFINITY) {
            if found.objective < z - tolerance(z) {
                match current.as_mut() {
                    Some(cur) => *cur = (info.planning(inst, &found.cols), found.objective),
                    None => inc = found,
                }
                stats.improvements += 1;
                continue;
            }
            // HiGHS's first planning worse than the search's: polished in
            // turn, once ([`take_polished`]).
            if let Some(cur) = current.as_mut().filter(|_| !by_days && !offer_polished) {
                offer_polished = true;
                let offer = info.planning(inst, &found.cols);
                let seed = u64::from(opts.seed);
                let moves = (agents.as_slice(), requests.as_slice());
                if take_polished(inst, cur, offer, moves, seed, deadline, &mut cells) {
                    stats.improvements += 1;
                    if opts.progress {
                        crate::progress::report("polish", Some(cur.1), beside.bound());
                    }
                }
                continue;
            }
        }
        let now = Instant::now();
        let remaining = deadline.saturating_duration_since(now).as_secs_f64();
        if remaining < MIN_SUB_SECONDS || crate::interrupt::requested() || beside.ended() {
            break;
        }
        let bound = beside.bound();
        if let Some(b) = bound {
            if z - b <= tolerance(z).max(opts.gap * z.abs()) {
                break;
            }
        }
        // Out of the shortest paths' reach: every agent re-planned week by
        // week against the others, first, now and then, and once near the
        // end.
        let last_tenth = remaining < POLISH_LAST_SHARE * opts.time_limit;
        if let Some(cur) = current.as_mut().filter(|_| {
            !by_days
                && (polished_at.is_none_or(|t| t.elapsed().as_secs_f64() >= POLISH_EVERY_SECONDS)
                    || (last_tenth && !polished_last))
        }) {
            polished_last = last_tenth;
            let own = cur.0.clone();
            let seed = u64::from(opts.seed);
            let moves = (agents.as_slice(), requests.as_slice());
            if take_polished(inst, cur, own, moves, seed, deadline, &mut cells) {
                stats.improvements += 1;
                if opts.progress {
                    crate::progress::report("polish", Some(cur.1), beside.bound());
                }
            }
            // Then refused requests granted one at a time, from where the
            // last polish left off, for at most GRANT_SECONDS.
            let until = (Instant::now() + Duration::from_secs_f64(GRANT_SECONDS)).min(deadline);
            for _ in 0..requests.len() {
                if Instant::now() >= until {
                    break;
                }
                let r = requests[next_grant % requests.len()];
                next_grant += 1;
                let z = cur.1;
                if let Some(z) =
                    one_agent::grant(inst, &mut cur.0, &agents, r, z, until, &mut cells)
                {
                    cur.1 = z;
                    stats.improvements += 1;
                    if opts.progress {
                        crate::progress::report("polish", Some(z), beside.bound());
                    }
                }
            }
            polished_at = Some(Instant::now());
            continue;
        }
        // When the rules are in reach of `one_agent`, a rebuild instead of
        // a sub-solve whenever rebuilds gained more per second of late.
        if let Some(cur) = current.as_mut().filter(|_| rates.next() == REBUILD) {
            let mut chosen = Vec::with_capacity(REBUILT);
            while chosen.len() < REBUILT.min(agents.len()) {
                let a = agents[rng.below(agents.len())];
                if !chosen.contains(&a) {
                    chosen.push(a);
                }
            }
            let seed = u64::from(opts.seed).wrapping_add(stats.rebuilds as u64);
            let started = Instant::now();
            stats.rebuilds += 1;
            let mut gain = 0.0;
            if let Some((p, z)) =
                one_agent::rebuild(inst, &cur.0, &agents, &chosen, seed, deadline, &mut cells)
            {
                match compared(z, cur.1) {
                    Compared::Lower => {
                        gain = cur.1 - z;
                        *cur = (p, z);
                        stats.improvements += 1;
                        if opts.progress {
                            crate::progress::report("rebuild", Some(z), beside.bound());
                        }
                    }
                    // A sideways move: the next rebuilds start elsewhere
                    // on the plateau.
                    Compared::Equal => cur.0 = p,
                    Compared::Higher => {}
                }
            }
            rates.record(REBUILD, gain, started.elapsed().as_secs_f64());
            continue;
        }
        // No first pass after a construction by shortest paths: it
        // re-planned every agent against all the others already
        // (`construct`), which is what the first pass is for.
        let first_pass = !rebuilds && walk.first_pass();
        let kind = if first_pass { 1 } else { neighbourhoods.next() };
        let mut free = vec![vec![false; days]; n_agents];
        let window = |rng: &mut Rng, len: f64| {
            let len = (len.round() as usize).clamp(1, free_days);
            let start = first_free + rng.below(free_days - len + 1);
            start..start + len
        };
        match kind {
            0 => {
                let group = &poles[rng.below(poles.len())];
                let w = window(&mut rng, 8.0 * scale[0]);
                // A big pôle: a random part of it (about 45 % of the agents).
                let cap = ((agents.len() as f64 * 0.45 * scale[0]).round() as usize).max(3);
                let mut chosen = group.clone();
                while chosen.len() > cap {
                    let i = rng.below(chosen.len());
                    chosen.remove(i);
                }
                for a in chosen {
                    for d in w.clone() {
                        free[a][d] = true;
                    }
                }
            }
            1 | 3 => {
                let mut group = match (kind, current.as_ref()) {
                    (3, Some((p, _))) => {
                        let size = ((4.0 * scale[3]).round() as usize).clamp(2, 16);
                        out_of_balance(inst, p, &agents, size, &mut rng)
                    }
                    _ => Vec::new(),
                };
                if group.is_empty() {
                    // The second kind, or nobody's hours cost anything.
                    group = walk.next(&poles, scale[1], &mut rng);
                }
                let w = window(&mut rng, AGENTS_WINDOW_DAYS as f64);
                for a in group {
                    for d in w.clone() {
                        free[a][d] = true;
                    }
                }
            }
            _ => {
                let w = window(&mut rng, 4.0 * scale[2]);
                for &a in &agents {
                    for d in w.clone() {
                        free[a][d] = true;
                    }
                }
            }
        }
        let limit = sub_cap.min(remaining);
        let sub = SolveOptions {
            time_limit: limit,
            progress: false,
            ..opts.clone()
        };
        if let Some(cur) = current.as_mut() {
            // Proving a sub-model's last per mille is not worth its time
            // while the whole is far from its bound; near it, it is.
            let global = bound.map_or(1.0, |b| relative_gap(cur.1, b));
            let sub = SolveOptions {
                gap: opts.gap.max(SUB_GAP.min(0.02 * global)),
                ..sub
            };
            let started = Instant::now();
            // A failing sub-solve ends the search; the incumbent stands.
            let Ok(step) = scoped_step(inst, scope, &sub, &cur.0, &free) else {
                break;
            };
            stats.iterations += 1;
            stats.first_pass += usize::from(first_pass);
            let mut gain = 0.0;
            if let Some(status) = step.status {
                adapt(
                    &mut scale[kind],
                    &mut walk,
                    first_pass,
                    status,
                    step.seconds < 0.5 * limit,
                    started.elapsed().as_secs_f64(),
                );
            }
            if let Some((p, delta)) = step.better {
                if delta < -tolerance(cur.1) {
                    *cur = (p, cur.1 + delta);
                    stats.improvements += 1;
                    gain = -delta;
                    if opts.progress {
                        crate::progress::report("LNS", Some(cur.1), beside.bound());
                    }
                }
            }
            // Its whole time: the reference completion and the build too.
            let seconds = started.elapsed().as_secs_f64();
            rates.record(SUB_SOLVE, gain, seconds);
            if !first_pass {
                neighbourhoods.record(kind, gain, seconds);
            }
            continue;
        }
        let started = Instant::now();
        let fix = frozen_fix(&x_cols, &g_cols, &inc.cols, &free);
        let built = model::build_scoped(inst, scope);
        if built.info.size != info.size {
            break; // not the same program: never mix columns of two models
        }
        // A failing sub-solve ends the search; the incumbent stands.
        let Ok(sol) = highs_run::run(built, &sub, &fix, Some(&inc.cols)) else {
            break;
        };
        stats.iterations += 1;
        stats.first_pass += usize::from(first_pass);
        let fast = sol.seconds < 0.5 * limit;
        adapt(
            &mut scale[kind],
            &mut walk,
            first_pass,
            sol.status,
            fast,
            started.elapsed().as_secs_f64(),
        );
        // The new incumbent, when its objective recomputed from its
        // columns agrees with HiGHS's and is lower.
        let better = match (sol.columns, sol.objective) {
            (Some(cols), Some(reported)) if cols.len() == info.size.variables => {
                let z: f64 = info.term_values(&cols).iter().map(|(_, v)| v).sum();
                ((z - reported).abs() <= 1e-6 * (1.0 + z.abs()) && z < inc.objective - tolerance(z))
                    .then_some(Incumbent { cols, objective: z })
            }
            _ => None,
        };
        if !first_pass {
            let gain = better.as_ref().map_or(0.0, |b| inc.objective - b.objective);
            neighbourhoods.record(kind, gain, started.elapsed().as_secs_f64());
        }
        if let Some(b) = better {
            inc = b;
            stats.improvements += 1;
            if opts.progress {
                crate::progress::report("LNS", Some(inc.objective), bound);
            }
        }
    }
    if let Some((p, _)) = current.filter(|_| stats.improvements > 0) {
        // Back to columns of the full model: the planning completed by HiGHS.
        if let Some(done) = complete(inst, scope, opts, info, &p, false)? {
            // The completed objective rules (the tracked one is for progress).
            if done.objective < inc.objective - tolerance(inc.objective) {
                inc = done;
            }
        }
    }
    if opts.progress {
        crate::progress::note(
            "LNS",
            &format!(
                "large-neighbourhood search: {} sub-solves ({} in the first pass), {} rebuilds, {} improvements",
                stats.iterations, stats.first_pass, stats.rebuilds, stats.improvements
            ),
        );
    }
    Ok((inc, stats))
}

/// Replaces `cur` (the search's planning and its objective) by
/// `candidate` re-planned week by week (`one_agent::polish` of `agents`,
/// with `requests` to grant or refuse) when that ends lower; whether it
/// did. The candidate is the search's own planning (the polish every
/// [`POLISH_EVERY_SECONDS`]) or HiGHS's first planning on the full model
/// when it is worse than the search's: HiGHS's heuristics see every agent
/// at once, where the construction plans group after group with overtime
/// priced above uncovered hours, and on ladder L HiGHS's first planning
/// (about 740 000 at 9 s on a slow machine) polished ends at
/// 98 400–99 400, the construction's (1.13–1.17 million) at
/// 111 000–117 000, and the minute at 90 987–91 825 instead of
/// 96 300–99 800 (`--seed` 0–2; README changelog 0.23). Before 0.23 a
/// planning of HiGHS worse than the search's was dropped unpolished.
fn take_polished(
    inst: &Instance,
    cur: &mut (Planning, f64),
    mut candidate: Planning,
    (agents, requests): (&[usize], &[LeaveIdx]),
    seed: u64,
    deadline: Instant,
    cells: &mut one_agent::Cells,
) -> bool {
    match one_agent::polish(
        inst,
        &mut candidate,
        agents,
        requests,
        seed,
        deadline,
        cells,
    ) {
        Some(z) if z < cur.1 - tolerance(cur.1) => {
            *cur = (candidate, z);
            true
        }
        _ => false,
    }
}

/// Agents of the fourth kind of neighbourhood: one agent drawn with a
/// chance proportional to her hours penalty in `p` (overtime, tiered by
/// month, and under-hours), then up to `size − 1` agents who share a
/// secretariat with her, those whose balance leans the other way first
/// (she works overtime: the agents with the fewest overtime minutes net
/// of under-hours), so the sub-solve can move work between them. Empty
/// when nobody's hours cost anything.
fn out_of_balance(
    inst: &Instance,
    p: &Planning,
    agents: &[usize],
    size: usize,
    rng: &mut Rng,
) -> Vec<usize> {
    let view = crate::check::view::View::new(inst, p);
    let weeks = crate::check::hours::balances_of(&view);
    let w = &inst.weights;
    let mut penalty = vec![0.0f64; inst.agents.len()];
    let mut net = vec![0i64; inst.agents.len()];
    for m in crate::check::hours::months_of(&view, &weeks) {
        penalty[m.agent] += crate::domain::hours::overtime_cost(w.overtime, m.overtime);
    }
    for wb in weeks.iter().flatten() {
        penalty[wb.agent] += w.under_hours * wb.under as f64 / 60.0;
        net[wb.agent] += wb.overtime - wb.under;
    }
    let total: f64 = agents.iter().map(|&a| penalty[a]).sum();
    if total <= 0.0 {
        return Vec::new();
    }
    let mut ticket = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
    let seed = *agents
        .iter()
        .find(|&&a| {
            ticket -= penalty[a];
            ticket < 0.0 && penalty[a] > 0.0
        })
        .unwrap_or(&agents[agents.len() - 1]);
    let her = &inst.agents[seed];
    let shares = |a: usize| {
        let other = &inst.agents[a];
        other.may_work_at(her.home) || her.covers.iter().any(|&s| other.may_work_at(s))
    };
    let mut partners: Vec<usize> = agents
        .iter()
        .copied()
        .filter(|&a| a != seed && shares(a))
        .collect();
    for i in (1..partners.len()).rev() {
        partners.swap(i, rng.below(i + 1));
    }
    let sign = if net[seed] >= 0 { 1 } else { -1 };
    partners.sort_by_key(|&a| sign * net[a] / 60);
    partners.truncate(size.saturating_sub(1));
    partners.push(seed);
    partners.sort_unstable();
    partners
}

/// How far apart two objectives near `z` may be and still count as equal
/// in the search's comparisons: a millionth, or a billionth of `z`.
fn tolerance(z: f64) -> f64 {
    1e-6_f64.max(1e-9 * z.abs())
}

/// How the objective of a rebuilt planning compares with the current one.
///
/// A rebuilt planning as good as the current one replaces it (a sideways
/// move, [`Compared::Equal`]): on benchmark Instance 8 most rebuilds end
/// on the same objective, and walking that plateau lets the later moves
/// start from other plannings. Measured at 60 s (`rota solve I8
/// --time-limit 60 --threads 2 --gap 0 --seed S`): 1 344–1 473, five runs
/// of eleven at 1 344–1 360 (one more shift covered), against 1 441–1 564
/// in eight runs without.
#[derive(Debug, PartialEq, Eq)]
enum Compared {
    Lower,
    /// Equal within the search's tolerance: the rebuilt planning is taken
    /// all the same.
    Equal,
    Higher,
}

/// `z` against `current`, equal within [`tolerance`].
fn compared(z: f64, current: f64) -> Compared {
    let tol = tolerance(current);
    if z < current - tol {
        Compared::Lower
    } else if z <= current + tol {
        Compared::Equal
    } else {
        Compared::Higher
    }
}

/// What one sub-solve of the scoped search gave.
struct Step {
    /// HiGHS's status on the sub-model (`None`: nothing was solved).
    status: Option<RawStatus>,
    /// Seconds of the sub-solve.
    seconds: f64,
    /// The new planning and the change of objective, when strictly better.
    better: Option<(Planning, f64)>,
}

/// `p` restricted to the agents of `agents` (sorted), or to the others.
fn split(inst: &Instance, p: &Planning, agents: &[usize], inside: bool) -> Planning {
    let keep = |a: usize| agents.binary_search(&a).is_ok() == inside;
    Planning {
        assignments: p
            .assignments
            .iter()
            .copied()
            .filter(|x| keep(x.agent))
            .collect(),
        granted: p
            .granted
            .iter()
            .copied()
            .filter(|&r| inst.leaves.get(r).is_some_and(|l| keep(l.agent)))
            .collect(),
    }
}

/// One sub-solve of the scoped search: the agents with a free day are the
/// scope, the others' shifts are background staff (`Scope::background`), so
/// the sub-model is as small as the neighbourhood. The incumbent's part is
/// completed on the sub-model (its exact sub-objective) and is the start;
/// the sub-objectives differ exactly as the full objectives do (the other
/// agents' terms are unchanged, their staffing is counted).
fn scoped_step(
    inst: &Instance,
    scope: &Scope,
    opts: &SolveOptions,
    inc: &Planning,
    free: &[Vec<bool>],
) -> Result<Step, SolveError> {
    let nothing = Step {
        status: None,
        seconds: 0.0,
        better: None,
    };
    let agents: Vec<usize> = (0..free.len())
        .filter(|&a| free[a].iter().any(|&f| f))
        .collect();
    if agents.is_empty() {
        return Ok(nothing);
    }
    let own = split(inst, inc, &agents, true);
    let sub_scope = Scope {
        agents: Some(agents.clone()),
        background: Some(split(inst, inc, &agents, false)),
        kept: Some(Kept {
            free: free.to_vec(),
            planning: own.clone(),
        }),
        ..scope.clone()
    };
    let built = model::build_scoped(inst, &sub_scope);
    let info = built.info.clone();
    let Some(old) = complete(inst, &sub_scope, opts, &info, &own, true)? else {
        return Ok(nothing);
    };
    let (x_cols, g_cols) = decision_columns(inst, &info);
    let fix = frozen_fix(&x_cols, &g_cols, &old.cols, free);
    let sol = highs_run::run_guarded(
        built,
        opts,
        &fix,
        Some(&old.cols),
        None,
        highs_run::SUB_SOLVE_OPTIONS,
    )?;
    let mut step = Step {
        status: Some(sol.status),
        seconds: sol.seconds,
        better: None,
    };
    let (Some(cols), Some(reported)) = (sol.columns, sol.objective) else {
        return Ok(step);
    };
    if cols.len() != info.size.variables {
        return Ok(step);
    }
    let z: f64 = info.term_values(&cols).iter().map(|(_, v)| v).sum();
    if (z - reported).abs() > 1e-6 * (1.0 + z.abs()) || z >= old.objective {
        return Ok(step);
    }
    let part = info.planning(inst, &cols);
    let mut p = split(inst, inc, &agents, false);
    p.assignments.extend(part.assignments);
    p.granted.extend(part.granted);
    p.normalize(inst);
    step.better = Some((p, z - old.objective));
    Ok(step)
}

/// Planning `p` as a complete column vector of the model of `scope`, which
/// `info` describes ([`super::complete_start`]), or `None` when it does not fit the model,
/// HiGHS finds no completion, or `proven` is asked and HiGHS does not prove
/// the completion optimal. A reference the search compares against must be
/// proven: an overestimated one would accept a worse planning.
fn complete(
    inst: &Instance,
    scope: &Scope,
    opts: &SolveOptions,
    info: &ModelInfo,
    p: &Planning,
    proven: bool,
) -> Result<Option<Incumbent>, SolveError> {
    Ok(match super::complete_start(inst, scope, opts, info, p)? {
        super::Completion {
            cols: Some(cols),
            status: super::StartStatus::Accepted { objective },
            exact,
        } if exact || !proven => Some(Incumbent { cols, objective }),
        _ => None,
    })
}

/// The planning the HiGHS run `beside` handed over, when its reported
/// objective is below `than`, as columns of the model `info` describes
/// with their objective recomputed from them (constant included).
pub(crate) fn offered(beside: &Beside, info: &ModelInfo, than: f64) -> Option<Incumbent> {
    let (_, cols) = beside
        .take_better(than)
        .filter(|(_, cols)| cols.len() == info.size.variables)?;
    let objective = info.term_values(&cols).iter().map(|(_, v)| v).sum();
    Some(Incumbent { cols, objective })
}

/// `(objective − bound) / |objective|`, 0 when they meet.
pub(crate) fn relative_gap(objective: f64, bound: f64) -> f64 {
    let diff = (objective - bound).max(0.0);
    if diff <= 1e-9 {
        0.0
    } else {
        diff / objective.abs().max(1e-9)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Planning, ReplanContext};
    use crate::model::testutil::{base, close, opts};
    use crate::model::Decisions;
    use std::time::Duration;

    #[test]
    fn a_worse_planning_of_highs_is_taken_when_its_polish_ends_lower() {
        // A generated CHU week: polished week by week (out of the shortest
        // paths' reach).
        let inst = crate::solve::construct::tests::generated(16, 1, 3);
        let agents: Vec<usize> = (0..inst.agents.len()).collect();
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut cells = one_agent::Cells::new(&inst);
        let empty = crate::check::evaluate(&inst, &Planning::default());
        assert!(empty.violations.is_empty());
        let mut polished = Planning::default();
        let best = one_agent::polish(&inst, &mut polished, &agents, &[], 0, deadline, &mut cells)
            .expect("the empty planning is improved");
        // The search's planning: the polished one without one agent's
        // shifts, between the two.
        let first = polished.assignments[0].agent;
        let mut search = polished.clone();
        search.assignments.retain(|a| a.agent != first);
        let eval = crate::check::evaluate(&inst, &search);
        assert!(eval.violations.is_empty(), "{:?}", eval.violations);
        assert!(best < eval.objective && eval.objective < empty.objective);
        // HiGHS's offer: the empty planning, worse than the search's.
        let mut offer_to = |cur: &mut (Planning, f64)| {
            let moves = (agents.as_slice(), &[][..]);
            take_polished(
                &inst,
                cur,
                Planning::default(),
                moves,
                0,
                deadline,
                &mut cells,
            )
        };
        // Its polish ends lower than the search's planning: it is taken.
        let mut cur = (search, eval.objective);
        assert!(offer_to(&mut cur));
        assert!((cur.1 - best).abs() < 1e-6, "{} against {best}", cur.1);
        let checked = crate::check::evaluate(&inst, &cur.0);
        assert!(checked.violations.is_empty());
        assert!((checked.objective - cur.1).abs() < 1e-6);
        // Against the polished planning itself, the offer's polish ends no
        // lower: the search's planning stays.
        let mut stays = (polished.clone(), best);
        assert!(!offer_to(&mut stays));
        assert_eq!(stays.0, polished);
    }

    #[test]
    fn a_rebuild_as_good_as_the_current_planning_counts_as_equal() {
        assert_eq!(compared(1300.0, 1349.0), Compared::Lower);
        assert_eq!(compared(1349.0, 1349.0), Compared::Equal);
        // Sums of the same terms in another order.
        assert_eq!(compared(1349.0 + 1e-9, 1349.0), Compared::Equal);
        assert_eq!(compared(1349.0 - 1e-9, 1349.0), Compared::Equal);
        assert_eq!(compared(1350.0, 1349.0), Compared::Higher);
        assert_eq!(compared(1349.001, 1349.0), Compared::Higher);
        // A billionth of a large objective is within the tolerance.
        assert_eq!(compared(6.0e6 + 1e-3, 6.0e6), Compared::Equal);
    }

    #[test]
    fn neighbourhoods_start_at_half_size_only_where_sub_solves_are_the_only_moves() {
        assert_eq!(start_scale(true), 0.5);
        assert_eq!(start_scale(false), 1.0);
    }

    #[test]
    fn the_kind_that_gained_more_per_second_goes_next() {
        let mut r = Rates::new(2, MOVE_SHARE);
        assert_eq!(r.next(), SUB_SOLVE, "a sub-solve first");
        r.record(SUB_SOLVE, 10.0, 1.0);
        assert_eq!(r.next(), REBUILD, "then a rebuild, never tried");
        r.record(REBUILD, 50.0, 1.0);
        assert_eq!(r.next(), REBUILD, "50 a second against 10");
        // Rebuilds that gain nothing: 50·0.7² over 1 + 0.7 + 0.7² seconds
        // is still above 10 a second; one more and it is below.
        r.record(REBUILD, 0.0, 1.0);
        r.record(REBUILD, 0.0, 1.0);
        assert_eq!(r.next(), REBUILD);
        r.record(REBUILD, 0.0, 1.0);
        assert_eq!(r.next(), SUB_SOLVE, "sub-solves again");
        // A sub-solve that gains nothing brings their rate (7 over 1.7 s)
        // below the rebuilds' (17.15 over 2.53 s).
        r.record(SUB_SOLVE, 0.0, 1.0);
        assert_eq!(r.next(), REBUILD);
        // Rebuilds that gain nothing are tried again when their time falls
        // below a quarter of the whole.
        let mut r = Rates::new(2, MOVE_SHARE);
        r.record(SUB_SOLVE, 1.0, 1.0);
        r.record(REBUILD, 0.0, 1.0);
        r.record(SUB_SOLVE, 1.0, 1.0);
        r.record(SUB_SOLVE, 1.0, 1.0);
        assert_eq!(r.next(), SUB_SOLVE, "1 s of 4: a quarter");
        r.record(SUB_SOLVE, 1.0, 1.0);
        assert_eq!(r.next(), REBUILD, "1 s of 5");
        // One arm (rules out of `one_agent`'s reach): always sub-solves.
        let mut off = Rates::new(1, MOVE_SHARE);
        off.record(SUB_SOLVE, 0.0, 1.0);
        assert_eq!(off.next(), SUB_SOLVE);
    }

    #[test]
    fn neighbourhood_kinds_go_by_rate_each_keeping_its_share() {
        let mut r = Rates::new(4, KIND_SHARE);
        // Never tried: each in turn.
        for kind in 0..4 {
            assert_eq!(r.next(), kind);
            r.record(kind, [10.0, 90.0, 0.0, 30.0][kind], 1.0);
        }
        assert_eq!(r.next(), 1, "90 a second");
        for _ in 0..5 {
            r.record(1, 90.0, 1.0);
            assert_eq!(r.next(), 1);
        }
        // 10 s spent, each other kind 1 s: a tenth, none short of it.
        r.record(1, 90.0, 1.0);
        assert_eq!(r.next(), 1);
        // 11 s: the three others are short of their tenth and go next,
        // least time first, though they gained less or nothing.
        r.record(1, 90.0, 1.0);
        for kind in [0, 2, 3] {
            assert_eq!(r.next(), kind);
            r.record(kind, 0.0, 1.0);
        }
        assert_eq!(r.next(), 1, "14 s: none short");
    }

    #[test]
    fn handovers_go_when_better_and_within_their_share_of_time() {
        let beside = Beside::new(None);
        let mut h = Handover::new();
        assert!(h.due(100.0, 60.0), "the first planning");
        let started = Instant::now();
        h.give(&beside, 100.0, None, started);
        assert!(
            beside.take_given(f64::INFINITY).is_none(),
            "a failed completion gives nothing"
        );
        assert!(!h.due(100.0, 60.0), "not better than the last handed over");
        // 2 s spent, the last handover 1 s: due once the search has run
        // for ten times that.
        let ago = |s: u64| {
            Instant::now()
                .checked_sub(std::time::Duration::from_secs(s))
                .expect("the clock is past")
        };
        (h.spent, h.last, h.since) = (1.0, 1.0, ago(5));
        assert!(!h.due(90.0, 60.0), "2 s of 5");
        h.since = ago(30);
        assert!(h.due(90.0, 60.0), "2 s of 30");
        assert!(!h.due(90.0, 1.5), "no time left for it");
        let cols = Incumbent {
            cols: vec![0.0, 1.0],
            objective: 90.0,
        };
        h.give(&beside, 90.0, Some(cols), Instant::now());
        assert_eq!(beside.take_given(f64::INFINITY), Some(vec![0.0, 1.0]));
    }

    /// 5 agents, 2 secretariats, 10 days, needs everywhere.
    fn busy() -> Instance {
        let mut t = base(10)
            .agent("ANA", "S1", &["S2"])
            .agent("BOB", "S2", &["S1"])
            .agent("CLO", "S1", &[])
            .agent("DAN", "S2", &[])
            .agent("EVE", "S1", &["S2"]);
        for d in 0..10 {
            t = t
                .need("S1", d, "08:00", "17:00", 1, 2, Some(2))
                .need("S2", d, "08:00", "12:00", 1, 2, None);
        }
        t.weights(|w| {
            w.under_hours = 15.0;
            w.away_from_home = 2.0;
            w.secretariat_change = 3.0;
        })
        .rules(|r| r.weekly_minutes = 30 * 60)
        .build()
    }

    /// Planning `p` as a complete column vector of the model of `scope`.
    fn incumbent_of(inst: &Instance, scope: &Scope, p: &Planning) -> (ModelInfo, Incumbent) {
        let info = model::build_scoped(inst, scope).info;
        let inc = complete(inst, scope, &opts(), &info, p, true)
            .expect("runs")
            .expect("the planning is accepted");
        (info, inc)
    }

    /// The objective of the part of planning `p` of `agents`, completed on
    /// the model of `scope` (proven optimal).
    fn sub_objective(inst: &Instance, scope: &Scope, agents: &[usize], p: &Planning) -> f64 {
        let info = model::build_scoped(inst, scope).info;
        complete(
            inst,
            scope,
            &opts(),
            &info,
            &split(inst, p, agents, true),
            true,
        )
        .expect("runs")
        .expect("fits")
        .objective
    }

    /// The empty planning as a complete column vector of the model.
    fn empty_incumbent(inst: &Instance, scope: &Scope) -> (ModelInfo, Incumbent) {
        incumbent_of(inst, scope, &Planning::default())
    }

    #[test]
    fn reshuffled_groups_cover_every_agent_of_a_pole_once_and_stay_in_it() {
        let poles = vec![vec![0, 3, 4, 7, 9], vec![1, 2], vec![5, 6, 8]];
        let mut rng = Rng::new(7);
        for size in 1..6 {
            let groups = reshuffled(&poles, size, &mut rng);
            let mut all: Vec<usize> = groups.iter().flatten().copied().collect();
            all.sort_unstable();
            assert_eq!(all, (0..10).collect::<Vec<_>>());
            for g in &groups {
                assert!(!g.is_empty() && g.len() <= size, "{g:?} for size {size}");
                assert!(
                    poles.iter().any(|p| g.iter().all(|a| p.contains(a))),
                    "{g:?} spans pôles"
                );
            }
        }
        // Another pass, another order (the same seed gives the same passes).
        let a = reshuffled(&poles, 2, &mut Rng::new(1));
        let b = reshuffled(&poles, 2, &mut Rng::new(1));
        assert_eq!(a, b);
        let mut rng = Rng::new(1);
        let passes: Vec<_> = (0..4).map(|_| reshuffled(&poles, 2, &mut rng)).collect();
        assert!(passes.windows(2).any(|w| w[0] != w[1]));
    }

    #[test]
    fn two_limits_in_a_row_halve_the_groups_left_in_the_first_pass() {
        let later = Instant::now() + Duration::from_secs(3600);
        let groups = vec![vec![0, 1, 2, 3], vec![4, 5, 6, 7], vec![8, 9, 10, 11]];
        let mut walk = GroupWalk::new(groups, later, f64::INFINITY);
        let poles = vec![(0..12).collect::<Vec<usize>>()];
        let mut rng = Rng::new(0);
        assert!(walk.first_pass());
        assert_eq!(walk.next(&poles, 1.0, &mut rng), vec![0, 1, 2, 3]);
        walk.after(RawStatus::Limit, 1.0);
        walk.after(RawStatus::Optimal, 1.0); // not in a row
        walk.after(RawStatus::Limit, 1.0);
        assert_eq!(walk.left.len(), 2, "one limit halves nothing");
        walk.after(RawStatus::Limit, 1.0);
        let left: Vec<Vec<usize>> = walk.left.iter().cloned().collect();
        assert_eq!(left, vec![vec![4, 5], vec![6, 7], vec![8, 9], vec![10, 11]]);
        for _ in 0..4 {
            assert!(walk.first_pass());
            walk.next(&poles, 1.0, &mut rng);
        }
        // The pass is over; later passes use the halved size.
        assert!(!walk.first_pass());
        assert_eq!(walk.next(&poles, 1.0, &mut rng).len(), 2);
        assert!(!walk.first_pass());
    }

    #[test]
    fn a_first_pass_that_would_overrun_its_budget_halves_the_groups_left() {
        let later = Instant::now() + Duration::from_secs(3600);
        let groups: Vec<Vec<usize>> = (0..6).map(|g| (4 * g..4 * g + 4).collect()).collect();
        let poles = vec![(0..24).collect::<Vec<usize>>()];
        let mut rng = Rng::new(0);
        // Budget 10 s: two groups of 1 s each, four left, 6 s in all — on pace.
        let mut walk = GroupWalk::new(groups.clone(), later, 10.0);
        for _ in 0..2 {
            walk.next(&poles, 1.0, &mut rng);
            walk.after(RawStatus::Optimal, 1.0);
        }
        assert_eq!(walk.left.len(), 4);
        // Budget 5 s: 6 s projected after two groups, the four left halved.
        let mut walk = GroupWalk::new(groups, later, 5.0);
        walk.next(&poles, 1.0, &mut rng);
        walk.after(RawStatus::Optimal, 1.0);
        assert_eq!(walk.left.len(), 5, "one sub-solve is no pace");
        walk.next(&poles, 1.0, &mut rng);
        walk.after(RawStatus::Optimal, 1.0);
        assert_eq!(walk.left.len(), 8);
        assert_eq!(walk.left[0], vec![8, 9]);
        // The pace is measured again on the halved groups; groups of 2 are
        // never halved for pace.
        walk.next(&poles, 1.0, &mut rng);
        walk.after(RawStatus::Optimal, 1.0);
        walk.next(&poles, 1.0, &mut rng);
        walk.after(RawStatus::Optimal, 1.0);
        assert_eq!(walk.left.len(), 6);
    }

    #[test]
    fn out_of_balance_pairs_an_agent_in_overtime_with_her_secretariats_agents_most_under() {
        use crate::domain::testkit::TinyInstance;
        // ann 47h30 (10 h of overtime), bea 19 h, cat nothing: all of
        // secretariat A; dan, of B only, nothing. Under-hours cost nothing,
        // so ann is the only agent whose hours cost anything.
        let inst = TinyInstance::new(7)
            .rules(|r| r.max_daily_minutes = 600)
            .shift("L", "08:00", "18:30", 60)
            .secretariat("A", "P")
            .secretariat("B", "P")
            .agent("ann", "A", &[])
            .agent("bea", "A", &[])
            .agent("cat", "A", &[])
            .agent("dan", "B", &[])
            .weights(|w| w.under_hours = 0.0)
            .build();
        let mut rows: Vec<(&str, usize, &str, &str)> =
            (0..5).map(|d| ("ann", d, "L", "A")).collect();
        rows.extend([("bea", 0, "L", "A"), ("bea", 1, "L", "A")]);
        let p = crate::check::testutil::plan(&inst, &rows);
        let agents = [0, 1, 2, 3];
        let mut rng = Rng::new(7);
        let chosen = |size, rng: &mut Rng| out_of_balance(&inst, &p, &agents, size, rng);
        assert_eq!(chosen(2, &mut rng), vec![0, 2], "cat works least");
        assert_eq!(chosen(3, &mut rng), vec![0, 1, 2]);
        assert_eq!(chosen(10, &mut rng), vec![0, 1, 2], "never dan, of B");
        // Nobody's hours cost anything: nothing to balance.
        let idle = crate::check::testutil::plan(&inst, &[("bea", 0, "L", "A")]);
        assert!(out_of_balance(&inst, &idle, &agents, 4, &mut rng).is_empty());
    }

    #[test]
    fn the_first_pass_stops_running_alone_at_its_time() {
        let mut walk = GroupWalk::new(vec![vec![0], vec![1]], Instant::now(), f64::INFINITY);
        assert!(!walk.first_pass());
        // Its groups still come, in the second kind's turns.
        assert_eq!(walk.next(&[vec![0, 1]], 1.0, &mut Rng::new(0)), vec![0]);
    }

    #[test]
    fn the_search_improves_a_greedy_construction_and_the_checker_agrees() {
        // Several pôles and groups: the first pass re-solves every
        // construction group against all the others.
        let inst = super::super::construct::tests::generated(24, 2, 5);
        assert!(super::super::construct::groups(&inst, &Scope::full()).len() > 2);
        let stats = assert_search_improves_its_construction(&inst, 8);
        assert!(
            stats.first_pass > 0,
            "the construction's groups re-solved first"
        );
    }

    #[test]
    fn after_a_construction_by_shortest_paths_the_search_has_no_first_pass() {
        // Benchmark Instance 2: every rule in reach of `one_agent`, so the
        // construction planned every agent by shortest path against all the
        // others; the search goes straight to its rebuilds and
        // neighbourhoods, and still improves the construction.
        let inst = super::super::construct::tests::benchmark_instance_2();
        assert!(super::super::construct::groups(&inst, &Scope::full()).len() > 1);
        let stats = assert_search_improves_its_construction(&inst, 3);
        assert_eq!(stats.first_pass, 0);
        assert!(stats.rebuilds > 0);
    }

    #[test]
    fn the_search_never_returns_worse_than_its_start_and_the_checker_agrees() {
        assert_search_improves(&busy(), &Planning::default(), 2);
    }

    /// The construction's planning of the whole of `inst`, then
    /// [`assert_search_improves`] from it.
    fn assert_search_improves_its_construction(inst: &Instance, seconds: u64) -> LnsStats {
        let built =
            super::super::construct::construct(inst, &Scope::full(), &opts(), 20.0, 20.0, None)
                .expect("HiGHS runs")
                .expect("a planning");
        assert_search_improves(inst, &built, seconds)
    }

    /// Runs the search on the whole of `inst` from planning `start` for
    /// `seconds`: it must find a strictly better planning, which the
    /// checker accepts with the same objective.
    fn assert_search_improves(inst: &Instance, start: &Planning, seconds: u64) -> LnsStats {
        let scope = Scope::full();
        let (info, inc) = incumbent_of(inst, &scope, start);
        let z0 = inc.objective;
        let (best, stats) = improve(
            inst,
            &scope,
            &opts(),
            &info,
            inc,
            &Beside::new(None),
            Instant::now() + Duration::from_secs(seconds),
        )
        .expect("runs");
        assert!(stats.iterations > 0);
        assert!(best.objective <= z0, "{} > {z0}", best.objective);
        assert!(stats.improvements > 0 && best.objective < z0);
        let eval = crate::check::evaluate(inst, &info.planning(inst, &best.cols));
        assert!(eval.violations.is_empty(), "{:?}", eval.violations);
        close(best.objective, eval.objective);
        stats
    }

    #[test]
    fn scoped_sub_models_price_a_change_exactly_as_the_checker_does() {
        // Two plannings differing in ANA's shifts only: the sub-model of ANA
        // (everyone else as background staff) must see the same difference
        // of objective as the independent checker on the whole planning.
        let inst = busy();
        let p1 = crate::model::testutil::solve_opt(&inst).planning.unwrap();
        let mut p2 = p1.clone();
        p2.assignments.retain(|a| !(a.agent == 0 && a.day % 2 == 0));
        assert_ne!(p1, p2, "ANA works an even day in the optimum");
        let ana = [0usize];
        let sub = Scope {
            agents: Some(ana.to_vec()),
            background: Some(split(&inst, &p1, &ana, false)),
            ..Scope::full()
        };
        let z = |p: &Planning| sub_objective(&inst, &sub, &ana, p);
        let full = |p: &Planning| crate::check::evaluate(&inst, p).objective;
        close(z(&p2) - z(&p1), full(&p2) - full(&p1));
        assert!(full(&p2) > full(&p1), "the optimum is strictly better here");
    }

    #[test]
    fn a_window_sub_model_is_smaller_and_prices_a_change_as_the_checker_does() {
        // ANA and BOB decide days 2..6 only; their other days are kept as in
        // the planning, the other agents are background staff.
        let inst = busy();
        let p1 = crate::model::testutil::solve_opt(&inst).planning.unwrap();
        let mut p2 = p1.clone();
        p2.assignments
            .retain(|a| !(a.agent == 0 && (a.day == 2 || a.day == 4)));
        assert_ne!(p1, p2, "ANA works day 2 or 4 in the optimum");
        let two = [0usize, 1];
        let mut free = vec![vec![false; 10]; inst.agents.len()];
        for row in free.iter_mut().take(2) {
            for f in row.iter_mut().take(6).skip(2) {
                *f = true;
            }
        }
        let sub = |p: &Planning| Scope {
            agents: Some(two.to_vec()),
            background: Some(split(&inst, p, &two, false)),
            kept: Some(Kept {
                free: free.clone(),
                planning: split(&inst, p, &two, true),
            }),
            ..Scope::full()
        };
        let z = |p: &Planning| sub_objective(&inst, &sub(p), &two, p);
        let full = |p: &Planning| crate::check::evaluate(&inst, p).objective;
        close(z(&p2) - z(&p1), full(&p2) - full(&p1));
        assert!(full(&p2) > full(&p1), "the optimum is strictly better here");
        let whole = Scope {
            kept: None,
            ..sub(&p1)
        };
        let size = |s: &Scope| model::build_scoped(&inst, s).info.size;
        let (kept, all) = (size(&sub(&p1)), size(&whole));
        assert!(
            kept.variables < all.variables && kept.constraints < all.constraints,
            "{kept:?} vs {all:?}"
        );
        // Solving the window gives back the kept days untouched.
        let sol = highs_run::run(model::build_scoped(&inst, &sub(&p2)), &opts(), &[], None)
            .expect("runs");
        let info = model::build_scoped(&inst, &sub(&p2)).info;
        let part = info.planning(&inst, &sol.columns.expect("a solution"));
        let keeps = |p: &Planning| -> Vec<_> {
            p.assignments
                .iter()
                .filter(|a| two.contains(&a.agent) && !free[a.agent][a.day])
                .copied()
                .collect()
        };
        assert_eq!(keeps(&part), keeps(&p2));
    }

    #[test]
    fn a_frozen_sub_model_keeps_every_frozen_agent_day() {
        let inst = busy();
        let scope = Scope::full();
        // Incumbent: nobody works, so that the optimum would change frozen
        // agent-days if they were not frozen.
        let (info, inc) = empty_incumbent(&inst, &scope);
        let (x_cols, g_cols) = decision_columns(&inst, &info);
        // Free: ANA and BOB on days 2..6; everything else frozen (to empty).
        let mut free = vec![vec![false; 10]; inst.agents.len()];
        for row in free.iter_mut().take(2) {
            for f in row.iter_mut().take(6).skip(2) {
                *f = true;
            }
        }
        let fix = frozen_fix(&x_cols, &g_cols, &inc.cols, &free);
        let sol = highs_run::run(
            model::build_scoped(&inst, &scope),
            &opts(),
            &fix,
            Some(&inc.cols),
        )
        .expect("runs");
        let cols = sol.columns.expect("a solution");
        let p = info.planning(&inst, &cols);
        assert!(!p.assignments.is_empty(), "the free part works");
        for a in &p.assignments {
            assert!(free[a.agent][a.day], "frozen agent-day changed: {a:?}");
        }
        let z: f64 = info.term_values(&cols).iter().map(|(_, v)| v).sum();
        assert!(z < inc.objective);
    }

    #[test]
    fn phase_two_forced_from_the_start_gives_a_checked_planning_no_worse_than_phase_one() {
        let inst = busy();
        let o = SolveOptions {
            time_limit: 3.0,
            ..opts()
        };
        let scope = Scope::full().with_decisions(Decisions::none());
        let phased = super::super::solve_phased(&inst, &o, &scope, None, false, 0.0).expect("runs");
        let exact = super::super::solve_phased(&inst, &o, &scope, None, false, 1.0).expect("runs");
        let (z, z_opt) = (phased.objective.unwrap(), exact.objective.unwrap());
        assert!(z >= z_opt - 1e-6, "{z} below the optimum {z_opt}");
        let eval = crate::check::evaluate(&inst, phased.planning.as_ref().unwrap());
        assert!(eval.violations.is_empty(), "{:?}", eval.violations);
        close(z, eval.objective);
        let sum: f64 = phased.terms.iter().map(|(_, v)| v).sum();
        close(z, sum);
    }

    #[test]
    fn a_replan_search_keeps_the_history_and_the_replan_rules() {
        let inst = busy();
        let first = crate::model::testutil::solve_opt(&inst);
        let ctx = ReplanContext {
            previous: first.planning.clone().unwrap(),
            from: 4,
            ..ReplanContext::default()
        };
        let ctx = model::constraints::replan_keep::sanitize_context(&inst, &ctx);
        let scope = Scope::full()
            .with_decisions(Decisions {
                force_granted: ctx.previous.granted.clone(),
                force_refused: Vec::new(),
            })
            .with_replan(Some(ctx.clone()));
        let (info, inc) = empty_incumbent_replan(&inst, &scope, &ctx);
        let z0 = inc.objective;
        let t0 = Instant::now();
        let (best, _) = improve(
            &inst,
            &scope,
            &opts(),
            &info,
            inc,
            &Beside::new(None),
            t0 + Duration::from_secs(2),
        )
        .expect("runs");
        assert!(best.objective <= z0);
        let p = info.planning(&inst, &best.cols);
        let eval = crate::check::evaluate_replan(&inst, &p, &ctx);
        assert!(eval.violations.is_empty(), "{:?}", eval.violations);
        for a in ctx.previous.assignments.iter().filter(|a| a.day < 4) {
            assert!(p.assignments.contains(a), "history row lost: {a:?}");
        }
    }

    /// The previous planning's history alone (nothing from `from` on) as incumbent.
    #[test]
    fn the_search_goes_on_from_a_better_planning_found_beside() {
        let inst = busy();
        let scope = Scope::full();
        let (info, inc) = empty_incumbent(&inst, &scope);
        // The optimum, as the HiGHS run beside would publish it.
        let run =
            highs_run::run(model::build_scoped(&inst, &scope), &opts(), &[], None).expect("runs");
        let (cols, z) = (
            run.columns.expect("a planning"),
            run.objective.expect("cost"),
        );
        assert!(z < inc.objective - 1.0, "the empty planning is worse");
        let beside = Beside::new(run.bound);
        beside.offer(z, cols.clone());
        let (best, stats) = improve(
            &inst,
            &scope,
            &opts(),
            &info,
            inc,
            &beside,
            Instant::now(), // no time for a sub-solve of its own
        )
        .expect("runs");
        close(best.objective, z);
        assert!(stats.improvements >= 1);
        assert_eq!(
            info.planning(&inst, &best.cols),
            info.planning(&inst, &cols)
        );
    }

    fn empty_incumbent_replan(
        inst: &Instance,
        scope: &Scope,
        ctx: &ReplanContext,
    ) -> (ModelInfo, Incumbent) {
        let mut p = ctx.previous.clone();
        p.assignments.retain(|a| a.day < ctx.from);
        incumbent_of(inst, scope, &p)
    }
}
