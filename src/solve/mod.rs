//! Instance → HiGHS → [`Planning`]: the entry points [`solve`] and
//! [`solve_with`] build the model (`model::build_scoped`), run HiGHS
//! ([`solve_model`]), decode the incumbent into a normalized planning (the
//! shifts worked and the requests granted) and, when the hard rules cannot
//! all hold, diagnose which agents and which rule families conflict
//! (`diagnose`).
//!
//! [`solve_with`] adds two things to [`solve`]:
//! - **Decisions** ([`Decisions`]): requests forced granted or refused (the
//!   reasons engine measures what granting a refused request really costs).
//! - **A starting planning**: HiGHS accepts a start only with a value for
//!   every column (it silently drops a partial one), and the auxiliary
//!   columns (working days, weekends, rests, coverage slacks, weekly
//!   overtime, tiers, ...) must take their exact values. The start is
//!   therefore *completed by HiGHS itself*: the same program is solved with
//!   every `x` and `g` column fixed to the planning's values, which leaves
//!   only the auxiliary columns free, so presolve settles it at once and the
//!   optimum of that solve is the start with its exact slacks and cost. That
//!   full column vector is passed to the main solve as its first incumbent.
//!   A start that breaks a hard rule (or a decision) is reported in
//!   [`SolveOutcome::start`] and ignored. The completion gets
//!   `clamp(time_limit, 1 s, 30 s)`, counted in the time limit (which can
//!   therefore be exceeded by at most 1 s when it is below 1 s).
//!
//! [`solve_replan`] replans from a previous planning with minimal change
//! (README "Replan"): the replan context goes into the model's
//! `Scope::replan`, the previous grants become decisions, and the previous
//! planning (its still-workable rows) is the start.
//!
//! **HiGHS and the search** (`construct`, `lns`): on models of more than
//! one agent group, with two threads, HiGHS runs on the full model on a
//! thread of its own for the whole time limit while the other constructs a
//! planning and improves it by a large-neighbourhood search
//! ([`side_by_side`]), the two handing each other their better plannings
//! (`lns::Handover`); when HiGHS has no bound yet after
//! [`relaxation_wait`] (its root relaxation is still running), a third
//! thread solves the linear relaxation by the interior-point method for a
//! bound ([`relaxation_beside`]). Otherwise the phases run in turn: the construction,
//! phase 1 (HiGHS on the full model, interrupted at [`PHASE1_SHARE`] of the
//! time limit when its gap is above the requested one and
//! [`PHASE1_MIN_GAP`], never before a planning exists), then phase 2, the
//! search, until the time limit. The bound reported is HiGHS's; the status
//! is `Optimal` only when objective and bound meet. Small models end in
//! HiGHS alone. A time-limited result depends on the machine's speed.
//!
//! Architecture invariant: with `model/`, the only module naming good_lp or
//! highs; everything it returns is our own types. HiGHS never writes to
//! stdout (output_flag off); progress lines go to stderr, only when asked.

mod construct;
mod diagnose;
mod highs_run;
mod lagrangian;
mod lns;
mod one_agent;
mod week_paths;

pub use crate::model::{Decisions, ModelSize};
pub use diagnose::{Conflict, Infeasibility};
#[cfg(test)]
pub(crate) use highs_run::run as run_fixed;
pub use highs_run::{solve_model, ModelSolution, RawStatus};

use crate::domain::replan::still_workable;
use crate::domain::{Instance, Planning, ReplanContext};
use crate::model::{self, Scope, Term};
use std::time::Instant;

/// Options of a solve.
#[derive(Debug, Clone, PartialEq)]
pub struct SolveOptions {
    /// Wall-clock limit in seconds (default 60).
    pub time_limit: f64,
    /// Relative MIP gap at which to stop (default 1e-4).
    pub gap: f64,
    /// HiGHS threads; 0 = HiGHS default.
    pub threads: u32,
    /// HiGHS `random_seed` (always set; at most `i32::MAX`).
    pub seed: u32,
    /// One stderr line per improving solution: elapsed, objective, bound, gap.
    pub progress: bool,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            time_limit: 60.0,
            gap: 1e-4,
            threads: 0,
            seed: 0,
            progress: false,
        }
    }
}

impl SolveOptions {
    /// Checks the values HiGHS would otherwise reject only at solve time.
    pub fn validate(&self) -> Result<(), SolveError> {
        if self.time_limit.is_nan() || self.time_limit < 0.0 {
            return Err(SolveError::BadOption(format!(
                "time limit {} must be ≥ 0 seconds",
                self.time_limit
            )));
        }
        if !self.gap.is_finite() || self.gap < 0.0 {
            return Err(SolveError::BadOption(format!(
                "gap {} must be a finite fraction ≥ 0",
                self.gap
            )));
        }
        if self.seed > i32::MAX as u32 {
            return Err(SolveError::BadOption(format!(
                "seed {} must be at most {}",
                self.seed,
                i32::MAX
            )));
        }
        if self.threads > i32::MAX as u32 {
            return Err(SolveError::BadOption(format!(
                "threads {} is not a thread count",
                self.threads
            )));
        }
        Ok(())
    }
}

/// How a solve ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SolveStatus {
    /// Proven optimal (gap 0).
    Optimal,
    /// Stopped at the time limit or at the gap, with a planning.
    Feasible,
    /// Stopped at the time limit before any planning was found.
    TimeLimitNoPlanning,
    /// The hard rules cannot all hold (see [`SolveOutcome::infeasibility`]).
    Infeasible,
}

/// Everything a solve produced.
#[derive(Debug, Clone)]
pub struct SolveOutcome {
    /// How it ended.
    pub status: SolveStatus,
    /// The planning (normalized), when one was found.
    pub planning: Option<Planning>,
    /// Objective of the planning, constant included (equals the checker's
    /// total at optimality).
    pub objective: Option<f64>,
    /// Best dual bound, constant included.
    pub bound: Option<f64>,
    /// Relative gap between objective and bound.
    pub gap: Option<f64>,
    /// Wall-clock seconds, build included.
    pub seconds: f64,
    /// Size of the model solved.
    pub size: ModelSize,
    /// Why no planning exists (status Infeasible).
    pub infeasibility: Option<Infeasibility>,
    /// Objective term by term (`[weights]` keys), at the returned planning.
    pub terms: Vec<(Term, f64)>,
    /// What became of the starting planning given to [`solve_with`].
    pub start: StartStatus,
}

/// What became of a starting planning.
#[derive(Debug, Clone, PartialEq)]
pub enum StartStatus {
    /// No starting planning was given.
    NotGiven,
    /// The start satisfies every hard rule and the decisions; HiGHS got it
    /// complete as its first incumbent. `objective` is its cost (constant
    /// included), so the returned objective is at most this.
    Accepted {
        /// Objective of the starting planning.
        objective: f64,
    },
    /// The start was ignored: why.
    Rejected {
        /// E.g. a shift the filters forbid, a hard rule broken, a decision not respected.
        reason: String,
    },
}

/// A solve that could not run.
#[derive(Debug, thiserror::Error)]
pub enum SolveError {
    /// An option value is out of range.
    #[error("bad solver option: {0}")]
    BadOption(String),
    /// HiGHS failed (not an infeasibility: an error of the solver itself).
    #[error("HiGHS error: {0}")]
    Highs(String),
}

/// Plans `inst`: builds the model, solves it within `opts`, and returns the
/// planning, or the explanation of why none exists. The same as
/// [`solve_with`] without decisions nor start.
pub fn solve(inst: &Instance, opts: &SolveOptions) -> Result<SolveOutcome, SolveError> {
    solve_with(inst, opts, &Decisions::default(), None)
}

/// Plans `inst` with the leave `decisions` imposed, starting from `start`
/// when given (see the module doc). Errors: a bad option, a decision naming
/// a row that is not a request or forcing one request both ways
/// ([`SolveError::BadOption`]), or HiGHS failing. The time limit covers
/// everything (build, completion of the start, solve; not the diagnosis of
/// an infeasible instance, which gets at least 1 s).
pub fn solve_with(
    inst: &Instance,
    opts: &SolveOptions,
    decisions: &Decisions,
    start: Option<&Planning>,
) -> Result<SolveOutcome, SolveError> {
    opts.validate()?;
    decisions.validate(inst).map_err(SolveError::BadOption)?;
    let scope = Scope::full().with_decisions(decisions.clone());
    solve_scoped(inst, opts, &scope, start, false)
}

/// Replans `inst` from the previous planning of `ctx` with minimal change
/// (README "Replan"; the model side is `model::constraints::replan_keep`):
/// the days before `ctx.from` are kept exactly (history), the locked rows
/// and the still-workable rows of the short-notice days are kept, rows are
/// added on short-notice days only where a minimum need is short, the
/// requests granted in the previous planning stay granted, and each changed
/// agent-day costs `replan_change`. The previous planning, restricted to the
/// rows that can still be worked (and every row before `from`), is given to
/// HiGHS as its starting planning; a start that breaks a hard rule is
/// reported ([`StartStatus::Rejected`]) and ignored. When the start is
/// accepted and the solve is not strictly better, the start is returned as
/// it is (idempotence). Rows naming unknown agents, shifts, secretariats or
/// days outside the horizon are ignored. An infeasible replan (e.g. a
/// locked row on a day of new leave) is diagnosed like any solve.
pub fn solve_replan(
    inst: &Instance,
    opts: &SolveOptions,
    ctx: &ReplanContext,
) -> Result<SolveOutcome, SolveError> {
    opts.validate()?;
    let ctx = model::constraints::replan_keep::sanitize_context(inst, ctx);
    let decisions = Decisions {
        force_granted: ctx.previous.granted.clone(),
        force_refused: Vec::new(),
    };
    decisions.validate(inst).map_err(SolveError::BadOption)?;
    let mut start = ctx.previous.clone();
    start
        .assignments
        .retain(|a| a.day < ctx.from || still_workable(inst, &ctx, a));
    let scope = Scope::full()
        .with_decisions(decisions)
        .with_replan(Some(ctx));
    solve_scoped(inst, opts, &scope, Some(&start), true)
}

/// Share of the time limit after which phase 1 (HiGHS on the full model) is
/// interrupted, when it has a planning whose gap is above the requested
/// one, to leave the rest to the large-neighbourhood search.
pub const PHASE1_SHARE: f64 = 0.35;

/// Share of the time limit the construction of a first planning
/// (`construct`) may spend optimising groups, on models with more than one
/// agent group; it may go on to [`PHASE1_SHARE`] planning the remaining
/// agents by their hard rules alone.
pub const CONSTRUCTION_SHARE: f64 = 0.2;

/// Share of the time limit after which the construction gives up when
/// HiGHS runs beside it (two threads): on long horizons (benchmark
/// Instances 21–24) HiGHS finds no planning of its own within a minute, so
/// a late constructed planning is still the only one.
pub const CONSTRUCTION_DEADLINE_BESIDE: f64 = 0.9;

/// One progress line on stderr, when asked.
fn progress_line(opts: &SolveOptions, objective: f64, bound: Option<f64>, phase: &str) {
    if opts.progress {
        crate::progress::report(phase, Some(objective), bound);
    }
}

/// Phase 1 is interrupted only while its gap is above this (and above the
/// requested gap): a near-optimal run closes its gap better by itself.
pub const PHASE1_MIN_GAP: f64 = 0.01;

/// Solves the model of `scope` (decisions already validated), starting
/// from `start`; with `keep_start_on_tie`, an accepted start that the solve
/// does not strictly improve is returned as it is.
fn solve_scoped(
    inst: &Instance,
    opts: &SolveOptions,
    scope: &Scope,
    start: Option<&Planning>,
    keep_start_on_tie: bool,
) -> Result<SolveOutcome, SolveError> {
    solve_phased(inst, opts, scope, start, keep_start_on_tie, PHASE1_SHARE)
}

/// [`solve_scoped`] with phase 1 interrupted at `phase1_share` of the time
/// limit (≥ 1: no phase 2).
fn solve_phased(
    inst: &Instance,
    opts: &SolveOptions,
    scope: &Scope,
    start: Option<&Planning>,
    keep_start_on_tie: bool,
    phase1_share: f64,
) -> Result<SolveOutcome, SolveError> {
    let t0 = Instant::now();
    let built = model::build_scoped(inst, scope);
    let size = built.size();
    let (start_cols, start_status) = match start {
        None => (None, StartStatus::NotGiven),
        Some(p) => {
            let c = complete_start(inst, scope, opts, &built.info, p)?;
            (c.cols, c.status)
        }
    };
    let start_info = keep_start_on_tie.then(|| built.info.clone());
    let lns_on = phase1_share < 1.0 && opts.time_limit.is_finite();
    let worthwhile = start.is_none() && construct::worthwhile(inst, scope);
    let sol = if worthwhile && lns_on && opts.threads != 1 {
        // Two threads or more: HiGHS proves the bound on the full model on
        // one thread while the other constructs a planning and improves it.
        side_by_side(inst, opts, scope, built, t0)?
    } else {
        // A constructed planning is not HiGHS's start (a start changes
        // HiGHS's search, often for the worse on small models): it stands
        // in for phase 1's incumbent when phase 1 has none or a worse one.
        let constructed = if worthwhile {
            construct_complete(inst, scope, opts, &built.info, None)?
                .map(|(cols, objective, _)| (cols, objective))
        } else {
            None
        };
        let mut sol = phase1(
            inst,
            opts,
            scope,
            built,
            start_cols.as_deref(),
            constructed.is_some(),
            phase1_share,
            t0,
        )?;
        if let Some((cols, objective)) = constructed {
            adopt(inst, scope, &mut sol, lns::Incumbent { cols, objective });
        }
        if lns_on {
            phase2(inst, opts, scope, &mut sol, t0)?;
        }
        sol
    };
    let start = t0;
    let mut out = SolveOutcome {
        status: SolveStatus::Infeasible,
        planning: None,
        objective: None,
        bound: sol.bound,
        gap: sol.gap,
        seconds: 0.0,
        size,
        infeasibility: None,
        terms: Vec::new(),
        start: start_status,
    };
    match (sol.status, &sol.columns) {
        (RawStatus::Infeasible, _) => {
            let remaining = (opts.time_limit - start.elapsed().as_secs_f64()).max(1.0);
            out.infeasibility = Some(diagnose::diagnose(inst, opts, scope, remaining)?);
            out.bound = None;
            out.gap = None;
        }
        (_, None) => out.status = SolveStatus::TimeLimitNoPlanning,
        (_, Some(cols)) => {
            out.planning = Some(sol.info.planning(inst, cols));
            out.terms = sol.info.term_values(cols);
            out.objective = sol.objective;
            // HiGHS stops at mip_rel_gap or mip_abs_gap (1e-6): optimal means
            // objective and bound meet up to that absolute tolerance, also
            // when the run was stopped (the search closed the gap, or a
            // bound rounded up met the planning: `highs_run::bound_of`).
            let proven = matches!((sol.objective, sol.bound), (Some(o), Some(b)) if (o - b).abs() <= 1e-6_f64.max(1e-9 * o.abs()));
            out.status = if proven {
                SolveStatus::Optimal
            } else {
                SolveStatus::Feasible
            };
        }
    }
    // Idempotence: an accepted start the solve does not strictly improve is kept.
    if let (Some(info), Some(cols), StartStatus::Accepted { objective: z0 }) =
        (&start_info, &start_cols, &out.start)
    {
        let tol = 1e-6_f64.max(1e-9 * z0.abs());
        if out.objective.is_some_and(|z| z >= z0 - tol) {
            out.planning = Some(info.planning(inst, cols));
            out.terms = info.term_values(cols);
            out.objective = Some(*z0);
        }
    }
    out.seconds = start.elapsed().as_secs_f64();
    Ok(out)
}

/// Phase 1: HiGHS on the full model, interrupted at `phase1_share` of the
/// time limit when the large-neighbourhood search is on and the gap is
/// still above the requested one (also without a planning when
/// `constructed`: one waits). A start whose completion HiGHS reports with
/// an objective that is not its columns' is dropped and the run redone.
#[allow(clippy::too_many_arguments)]
fn phase1(
    inst: &Instance,
    opts: &SolveOptions,
    scope: &Scope,
    built: model::Model,
    start_cols: Option<&[f64]>,
    constructed: bool,
    phase1_share: f64,
    t0: Instant,
) -> Result<ModelSolution, SolveError> {
    let lns_on = phase1_share < 1.0 && opts.time_limit.is_finite();
    // HiGHS calls the interrupt back only once its branch and bound runs: a
    // phase 1 still in presolve or in the root LP when a constructed
    // planning waits is stopped by a hard limit at 1.5 × its share.
    let phase1_end = if lns_on && constructed {
        opts.time_limit * (1.5 * phase1_share).min(1.0)
    } else {
        opts.time_limit
    };
    let main = SolveOptions {
        time_limit: (phase1_end - t0.elapsed().as_secs_f64()).max(0.0),
        ..opts.clone()
    };
    let stop_after =
        lns_on.then(|| (opts.time_limit * phase1_share - t0.elapsed().as_secs_f64()).max(0.0));
    let interrupt = stop_after.map(|t| highs_run::StopAfter {
        seconds: t,
        gap: opts.gap.max(PHASE1_MIN_GAP),
        without_incumbent: constructed,
        beside: None,
    });
    let sol = highs_run::run_guarded(built, &main, &[], start_cols, interrupt, &[])?;
    if start_cols.is_none() || consistent(&sol) {
        return Ok(sol);
    }
    // HiGHS (presolve reducing the program to empty after a start was set)
    // can report an objective that is not the one of the columns it returns
    // — the start's. Solve again without the start.
    let main = SolveOptions {
        time_limit: (opts.time_limit - t0.elapsed().as_secs_f64()).max(0.0),
        ..opts.clone()
    };
    highs_run::run_guarded(
        model::build_scoped(inst, scope),
        &main,
        &[],
        None,
        interrupt,
        &[],
    )
}

/// A planning built by `construct` (optimising groups within
/// [`CONSTRUCTION_SHARE`] of the time limit, giving up at [`PHASE1_SHARE`]
/// — at [`CONSTRUCTION_DEADLINE_BESIDE`] when HiGHS runs `beside`, since
/// then nothing waits for it — or when that run ends), completed into
/// columns of the model `info` describes, with its objective and the
/// seconds the completion took; `None` when there is none.
fn construct_complete(
    inst: &Instance,
    scope: &Scope,
    opts: &SolveOptions,
    info: &model::ModelInfo,
    beside: Option<&highs_run::Beside>,
) -> Result<Option<(Vec<f64>, f64, f64)>, SolveError> {
    let budget = opts.time_limit * CONSTRUCTION_SHARE;
    let share = match beside {
        Some(_) => CONSTRUCTION_DEADLINE_BESIDE,
        None => PHASE1_SHARE,
    };
    let deadline = opts.time_limit * share;
    let Some(p) = construct::construct(inst, scope, opts, budget, deadline, beside)? else {
        return Ok(None);
    };
    let started = Instant::now();
    Ok(match complete_start(inst, scope, opts, info, &p)? {
        Completion {
            cols: Some(cols),
            status: StartStatus::Accepted { objective },
            ..
        } => {
            // With the bound published beside by then, if any.
            progress_line(
                opts,
                objective,
                beside.and_then(highs_run::Beside::bound),
                "construction",
            );
            Some((cols, objective, started.elapsed().as_secs_f64()))
        }
        _ => None,
    })
}

/// Both threads at once, until the time limit: HiGHS on the full model
/// (`built`, one thread) publishes its bound as it rises and each planning
/// it finds; the other thread constructs a planning (or takes HiGHS's
/// first one) and improves it by the large-neighbourhood search, going on
/// from HiGHS's plannings when they are better. The first to close the gap
/// stops the other. Returns HiGHS's solution carrying the better of the
/// two plannings.
fn side_by_side(
    inst: &Instance,
    opts: &SolveOptions,
    scope: &Scope,
    built: model::Model,
    t0: Instant,
) -> Result<ModelSolution, SolveError> {
    let deadline = t0 + std::time::Duration::from_secs_f64(opts.time_limit.max(0.0));
    let info = built.info.clone();
    let beside = std::sync::Arc::new(highs_run::Beside::new(None));
    let one_thread = SolveOptions {
        threads: 1,
        ..opts.clone()
    };
    let bound_run = SolveOptions {
        time_limit: (opts.time_limit - t0.elapsed().as_secs_f64()).max(0.0),
        ..one_thread.clone()
    };
    // HiGHS's run gets a thread of its own, not a scoped one: some of its
    // heuristics (the feasibility jump on a year-long model) neither check
    // the time limit nor call the interrupt back for minutes, and the solve
    // must not wait for them past its time limit.
    let (sender, receiver) = std::sync::mpsc::channel();
    // The operating system's id of the thread running HiGHS (0 until known).
    let worker = std::sync::Arc::new(std::sync::atomic::AtomicI32::new(0));
    {
        let beside = std::sync::Arc::clone(&beside);
        let worker = std::sync::Arc::clone(&worker);
        std::thread::spawn(move || {
            worker.store(thread_id(), std::sync::atomic::Ordering::Relaxed);
            let stop = highs_run::StopAfter {
                seconds: f64::INFINITY,
                gap: bound_run.gap,
                without_incumbent: false,
                beside: Some(&beside),
            };
            let sol = highs_run::run_until(built, &bound_run, &[], None, Some(stop));
            beside.end();
            // The solve may have gone on without it: nobody listens then.
            let _ = sender.send(sol);
        });
    }
    relaxation_beside(inst, scope, &one_thread, &beside, &worker, t0, deadline);
    let search = || -> Result<Option<lns::Incumbent>, SolveError> {
        let constructed = construct_complete(inst, scope, &one_thread, &info, Some(&beside))?;
        // The search ends early enough for the final completion of its
        // planning on the full model, which takes about as long as the
        // construction's (seconds on a year of 150 agents).
        let mut reserve = 0.0;
        let inc = match constructed {
            Some((cols, objective, seconds)) => {
                reserve = seconds;
                lns::Incumbent { cols, objective }
            }
            // No planning constructed: HiGHS's first one, when it comes.
            None => loop {
                if let Some(found) = lns::offered(&beside, &info, f64::INFINITY) {
                    break found;
                }
                if beside.ended() || Instant::now() >= deadline || crate::interrupt::requested() {
                    return Ok(None);
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            },
        };
        let end = deadline
            .checked_sub(std::time::Duration::from_secs_f64(reserve))
            .unwrap_or(deadline);
        let (best, _) = lns::improve(inst, scope, &one_thread, &info, inc, &beside, end)?;
        Ok(Some(best))
    };
    let searched = search();
    beside.request_stop();
    // HiGHS's answer, waited for until the time limit (and a second of
    // grace once stopped); else the search's planning with the last bound
    // HiGHS published.
    let grace = deadline.saturating_duration_since(Instant::now()) + BESIDE_GRACE;
    let mut sol = match receiver.recv_timeout(grace) {
        Ok(sol) => sol?,
        Err(_) => {
            let bound = beside.bound();
            ModelSolution {
                status: RawStatus::Limit,
                columns: None,
                objective: None,
                bound,
                gap: None,
                seconds: t0.elapsed().as_secs_f64(),
                info,
            }
        }
    };
    // The relaxation's bound, when it is the higher one.
    if let Some(b) = beside
        .bound()
        .filter(|&b| sol.bound.is_none_or(|old| b > old))
    {
        sol.bound = Some(b);
        sol.gap = sol.objective.map(|z| lns::relative_gap(z, b));
    }
    // A failed search leaves HiGHS's planning.
    if let Ok(Some(best)) = searched {
        adopt(inst, scope, &mut sol, best);
    }
    Ok(sol)
}

/// Share of the time limit after which, when HiGHS's run beside the search
/// has published no bound yet (its root relaxation is still running), the
/// linear relaxation is solved by the interior-point method on a thread of
/// its own ([`relaxation_beside`]).
pub const RELAXATION_AFTER: f64 = 0.15;

/// Seconds before which the relaxation beside does not start, up to
/// [`RELAXATION_AFTER_MOST`] of the time limit ([`relaxation_wait`]): it
/// takes HiGHS's core, and HiGHS's root on a 250-agent month (ladder L)
/// ends at 9–10 s on a slow machine of this kind. Started at 9 s (15 % of
/// a minute) it delayed HiGHS's first planning by 12 s, too late for the
/// search to polish it (`lns::take_polished`); L at 60 s ended at 93 528
/// in such a run, at 90 987–91 825 in the runs where the root ended
/// first, and at 90 876–92 051 with the relaxation at 30 % (`--seed`
/// 0–2).
pub const RELAXATION_NOT_BEFORE: f64 = 15.0;

/// Share of the time limit by which the relaxation beside starts at the
/// latest (when HiGHS has no bound yet).
pub const RELAXATION_AFTER_MOST: f64 = 0.3;

/// Seconds after the start at which the relaxation beside starts when
/// HiGHS has no bound yet, for a time limit of `time_limit` seconds:
/// [`RELAXATION_AFTER`] of it, or [`RELAXATION_NOT_BEFORE`] when that is
/// later, within [`RELAXATION_AFTER_MOST`] of it.
fn relaxation_wait(time_limit: f64) -> f64 {
    let t = time_limit.max(0.0);
    (t * RELAXATION_AFTER).max(RELAXATION_NOT_BEFORE.min(t * RELAXATION_AFTER_MOST))
}

/// Agent-days × shift kinds above which the linear relaxation is not tried
/// beside the search when the Lagrangian relaxation applies
/// (`lagrangian`): on benchmark Instances 21–24 (147 000 to 1.8 million)
/// neither HiGHS's root nor the interior-point method finishes in a
/// minute; on Instance 20 (27 000) the interior-point method gives a
/// higher bound (4094) than the Lagrangian (about 3600).
pub const LAGRANGIAN_FROM_CELLS: usize = 100_000;

/// Starts a thread that waits [`relaxation_wait`] seconds and,
/// if HiGHS's run has no bound by then and has not ended, solves the
/// linear relaxation of the model of `scope` by the interior-point method
/// and raises the bound of `beside` to its optimum (less a relative 1e-9
/// for the solver's tolerances). HiGHS's run, stuck in its root relaxation,
/// is then given the lowest scheduling priority (thread `worker`, Linux),
/// so that the relaxation takes its core rather than the search's. On a
/// large benchmark horizon (Instance 20) this gives a bound of 4094 at
/// about 30 s where HiGHS's own is still 0 at 60 s. The thread is not
/// waited for: past the deadline nobody reads its bound, and its HiGHS run
/// stops at the time limit.
fn relaxation_beside(
    inst: &Instance,
    scope: &Scope,
    opts: &SolveOptions,
    beside: &std::sync::Arc<highs_run::Beside>,
    worker: &std::sync::Arc<std::sync::atomic::AtomicI32>,
    t0: Instant,
    deadline: Instant,
) {
    let worker = std::sync::Arc::clone(worker);
    // Large models: the Lagrangian relaxation instead, from the start (it
    // waits for the search's first planning).
    let lagrangian_first = lagrangian::applies(inst)
        && *scope == Scope::full()
        && inst.agents.len() * inst.horizon.days * inst.shifts.len() > LAGRANGIAN_FROM_CELLS;
    let seconds = if lagrangian_first {
        0.0
    } else {
        relaxation_wait(opts.time_limit)
    };
    let wait = t0 + std::time::Duration::from_secs_f64(seconds);
    let beside = std::sync::Arc::clone(beside);
    let (inst, scope, opts) = (inst.clone(), scope.clone(), opts.clone());
    std::thread::spawn(move || {
        while Instant::now() < wait {
            if beside.ended() || beside.stop_requested() || crate::interrupt::requested() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        if beside.bound().is_some() || beside.ended() || beside.stop_requested() {
            return;
        }
        if lagrangian_first {
            lowest_priority(worker.load(std::sync::atomic::Ordering::Relaxed));
            let stop = || beside.ended() || beside.stop_requested();
            let publish = |b: f64| {
                beside.publish(b);
                if opts.progress {
                    crate::progress::note("bound", &format!("Lagrangian relaxation: bound {b:.2}"));
                }
            };
            lagrangian::bound(&inst, deadline, stop, || beside.incumbent(), publish);
            return;
        }
        lowest_priority(worker.load(std::sync::atomic::Ordering::Relaxed));
        let lp = SolveOptions {
            time_limit: deadline
                .saturating_duration_since(Instant::now())
                .as_secs_f64(),
            progress: false,
            ..opts
        };
        if let Some(z) = relaxation_objective(&inst, &scope, &lp) {
            beside.publish(z - 1e-9 * z.abs().max(1.0));
            if opts.progress {
                crate::progress::note("bound", &format!("linear relaxation: bound {z:.2}"));
            }
        }
    });
}

/// Optimum of the linear relaxation of the model of `scope` (constant
/// included), when HiGHS solves it within `opts`' time limit.
pub(crate) fn relaxation_objective(
    inst: &Instance,
    scope: &Scope,
    opts: &SolveOptions,
) -> Option<f64> {
    let built = model::build_scoped(inst, scope);
    match highs_run::run_tuned(built, opts, &[], None, None, highs_run::RELAXATION_OPTIONS) {
        Ok(ModelSolution {
            status: RawStatus::Optimal,
            objective,
            ..
        }) => objective,
        _ => None,
    }
}

/// The operating system's id of the calling thread (Linux; 0 elsewhere).
fn thread_id() -> i32 {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: gettid has no preconditions.
        unsafe { libc::gettid() }
    }
    #[cfg(not(target_os = "linux"))]
    {
        0
    }
}

/// Gives thread `tid` (of this process) the lowest scheduling priority
/// (Linux, where threads have their own nice value; elsewhere, and for
/// `tid` 0, nothing).
fn lowest_priority(tid: i32) {
    #[cfg(target_os = "linux")]
    if let Ok(id) = libc::id_t::try_from(tid) {
        if id > 0 {
            // SAFETY: setpriority only reads its arguments; a wrong id fails
            // with an error code, which is ignored (the priority is a hint).
            unsafe { libc::setpriority(libc::PRIO_PROCESS, id, 19) };
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = tid;
}

/// How long a solve waits for HiGHS's run beside the search once asked to
/// stop at the time limit (see [`side_by_side`]).
const BESIDE_GRACE: std::time::Duration = std::time::Duration::from_secs(1);

/// Phase 2: when phase 1 stopped on a limit with a planning whose gap is
/// above `opts.gap` and time remains, the large-neighbourhood search
/// improves it until the time limit; `sol` then carries the best columns,
/// their objective and the gap to phase 1's bound (status Optimal only when
/// they meet). A result the checker would reject while phase 1's planning
/// passes is dropped (a safeguard: it never happens by construction).
fn phase2(
    inst: &Instance,
    opts: &SolveOptions,
    scope: &Scope,
    sol: &mut ModelSolution,
    t0: Instant,
) -> Result<(), SolveError> {
    let deadline = t0 + std::time::Duration::from_secs_f64(opts.time_limit.max(0.0));
    let remaining = deadline
        .saturating_duration_since(Instant::now())
        .as_secs_f64();
    let (Some(cols), Some(z)) = (&sol.columns, sol.objective) else {
        return Ok(());
    };
    let above_gap = match sol.bound {
        Some(b) => lns::relative_gap(z, b) > opts.gap && z - b > 1e-6,
        None => true,
    };
    if sol.status != RawStatus::Limit
        || !above_gap
        || remaining < 1.0
        || sol.info.size.binaries == 0
        || !consistent(sol)
    {
        return Ok(());
    }
    let inc = lns::Incumbent {
        cols: cols.clone(),
        objective: z,
    };
    let beside = highs_run::Beside::new(sol.bound);
    let (best, stats) = lns::improve(inst, scope, opts, &sol.info, inc, &beside, deadline)?;
    if stats.improvements > 0 {
        adopt(inst, scope, sol, best);
    }
    Ok(())
}

/// Puts planning `best` (columns of `sol`'s model) into `sol` when it is
/// strictly better than `sol`'s own, with its gap to `sol`'s bound (status
/// Optimal when they meet). A planning the checker would reject while
/// `sol`'s passes is dropped (a safeguard: it never happens by
/// construction).
fn adopt(inst: &Instance, scope: &Scope, sol: &mut ModelSolution, best: lns::Incumbent) {
    if best.cols.len() != sol.info.size.variables
        || sol.status == RawStatus::Infeasible
        || sol
            .objective
            .is_some_and(|z| best.objective >= z - 1e-6_f64.max(1e-9 * z.abs()))
    {
        return;
    }
    let violations = |p: &Planning| match &scope.replan {
        Some(ctx) => crate::check::evaluate_replan(inst, p, ctx).violations.len(),
        None => crate::check::evaluate(inst, p).violations.len(),
    };
    let n_new = violations(&sol.info.planning(inst, &best.cols));
    if n_new > 0 {
        let n_old = sol
            .columns
            .as_ref()
            .map(|c| violations(&sol.info.planning(inst, c)));
        if n_old.is_none_or(|n_old| n_new > n_old) {
            return;
        }
    }
    sol.gap = sol.bound.map(|b| lns::relative_gap(best.objective, b));
    sol.status = match sol.bound {
        Some(b) if (best.objective - b).abs() <= 1e-6_f64.max(1e-9 * best.objective.abs()) => {
            RawStatus::Optimal
        }
        _ => RawStatus::Limit,
    };
    sol.objective = Some(best.objective);
    sol.columns = Some(best.cols);
}

/// Whether the objective HiGHS reports is the objective of the columns it
/// returns (sum of the terms, constant included).
fn consistent(sol: &ModelSolution) -> bool {
    match (&sol.columns, sol.objective) {
        (Some(cols), Some(z)) => {
            let sum: f64 = sol.info.term_values(cols).iter().map(|(_, v)| v).sum();
            (sum - z).abs() <= 1e-6 * (1.0 + z.abs())
        }
        _ => true,
    }
}

/// A starting planning completed into columns of the model.
struct Completion {
    /// One value per column, when the planning was completed.
    cols: Option<Vec<f64>>,
    /// Accepted (with its objective) or rejected (with why).
    status: StartStatus,
    /// Whether HiGHS proved the completion optimal, i.e. the objective is the
    /// planning's exact cost (a completion stopped by its time limit may
    /// overestimate it).
    exact: bool,
}

/// Completes starting planning `p` into a full column vector of the model
/// described by `info` (built from `scope`): the same program solved with
/// every decision column fixed (module doc).
fn complete_start(
    inst: &Instance,
    scope: &Scope,
    opts: &SolveOptions,
    info: &model::ModelInfo,
    p: &Planning,
) -> Result<Completion, SolveError> {
    let rejected = |reason: String| Completion {
        cols: None,
        status: StartStatus::Rejected { reason },
        exact: false,
    };
    let fix = match info.decision_values(inst, p) {
        Ok(f) => f,
        Err(reason) => return Ok(rejected(reason)),
    };
    let budget = opts.time_limit.clamp(1.0, 30.0);
    let o = SolveOptions {
        time_limit: budget,
        gap: 0.0,
        progress: false,
        ..opts.clone()
    };
    let sol = highs_run::run(model::build_scoped(inst, scope), &o, &fix, None)?;
    Ok(match (sol.status, sol.columns, sol.objective) {
        (RawStatus::Infeasible, _, _) => rejected(
            "the starting planning breaks a hard rule or a decision (see `rota check`)".into(),
        ),
        (status, Some(cols), Some(objective)) if cols.len() == info.size.variables => Completion {
            cols: Some(cols),
            status: StartStatus::Accepted { objective },
            exact: status == RawStatus::Optimal,
        },
        _ => rejected(format!(
            "the starting planning could not be completed within {budget} s"
        )),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{LeavePart, LeaveStatus, RuleFamily};
    use crate::model::testutil::{base, close, opts, solve_opt};

    #[test]
    fn the_relaxation_beside_waits_15_s_in_a_minute_and_15_percent_of_longer_limits() {
        assert!((relaxation_wait(60.0) - 15.0).abs() < 1e-9);
        assert!((relaxation_wait(600.0) - 90.0).abs() < 1e-9);
        assert!((relaxation_wait(120.0) - 18.0).abs() < 1e-9);
        // Short limits: 30 % of them at most.
        assert!((relaxation_wait(20.0) - 6.0).abs() < 1e-9);
        assert_eq!(relaxation_wait(0.0), 0.0);
        assert_eq!(relaxation_wait(-1.0), 0.0);
    }

    #[test]
    fn the_relaxation_beside_gives_a_bound_below_every_planning_when_highs_has_none() {
        let inst = construct::tests::generated(12, 1, 3);
        let scope = Scope::full();
        let o = SolveOptions {
            time_limit: 5.0,
            threads: 1,
            ..opts()
        };
        let beside = std::sync::Arc::new(highs_run::Beside::new(None));
        let worker = std::sync::Arc::new(std::sync::atomic::AtomicI32::new(0));
        let t0 = Instant::now();
        let deadline = t0 + std::time::Duration::from_secs(5);
        relaxation_beside(&inst, &scope, &o, &beside, &worker, t0, deadline);
        while beside.bound().is_none() && Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let b = beside.bound().expect("the relaxation gives a bound");
        let solved = solve(&inst, &o).expect("runs");
        let z = solved.objective.expect("a planning");
        assert!(b <= z + 1e-6, "bound {b} above a planning's objective {z}");
        assert!(b > 0.0, "a relaxation of a week with needs costs something");
        // A run that already has a bound keeps it: nothing starts.
        let high = std::sync::Arc::new(highs_run::Beside::new(Some(z)));
        let o = SolveOptions {
            time_limit: 1.0,
            ..o
        };
        let t0 = Instant::now();
        relaxation_beside(
            &inst,
            &scope,
            &o,
            &high,
            &worker,
            t0,
            t0 + std::time::Duration::from_secs(1),
        );
        std::thread::sleep(std::time::Duration::from_millis(1200));
        assert_eq!(high.bound(), Some(z));
    }

    #[test]
    fn two_threads_run_highs_and_the_search_side_by_side_to_a_checked_planning() {
        let inst = construct::tests::generated(24, 1, 5);
        assert!(
            construct::worthwhile(&inst, &Scope::full()),
            "more than one group"
        );
        let o = SolveOptions {
            time_limit: 4.0,
            gap: 0.0,
            threads: 2,
            seed: 0,
            progress: false,
        };
        let out = solve(&inst, &o).expect("runs");
        let p = out.planning.expect("a planning");
        let eval = crate::check::evaluate(&inst, &p);
        assert!(eval.violations.is_empty(), "{:?}", eval.violations);
        let z = out.objective.expect("an objective");
        close(eval.objective, z);
        let b = out.bound.expect("HiGHS's bound");
        assert!(b <= z + 1e-6, "bound {b} above objective {z}");
    }

    fn busy() -> Instance {
        let mut t = base(10)
            .agent("ANA", "S1", &["S2"])
            .agent("BOB", "S2", &["S1"])
            .agent("CLO", "S1", &[]);
        for d in 0..10 {
            t = t
                .need("S1", d, "08:00", "17:00", 1, 2, Some(2))
                .need("S2", d, "08:00", "12:00", 1, 1, None);
        }
        t.weights(|w| {
            w.under_hours = 15.0;
            w.away_from_home = 2.0;
            w.secretariat_change = 3.0;
        })
        .rules(|r| r.weekly_minutes = 30 * 60)
        .build()
    }

    #[test]
    fn same_instance_same_planning_twice() {
        let inst = busy();
        let a = solve_opt(&inst);
        let b = solve_opt(&inst);
        assert_eq!(a.planning, b.planning);
        assert_eq!(a.objective, b.objective);
    }

    #[test]
    fn objective_is_the_sum_of_the_terms_and_bound_meets_it() {
        let out = solve_opt(&busy());
        let sum: f64 = out.terms.iter().map(|(_, v)| v).sum();
        close(out.objective.unwrap(), sum);
        close(out.bound.unwrap(), out.objective.unwrap());
        assert!(out.size.binaries > 0 && out.size.constraints > 0);
    }

    #[test]
    fn leave_on_most_days_and_a_minimum_total_is_explained() {
        // ANA: min 40 h over 5 days, approved leave Tue–Fri: Monday gives at most 16 h
        // whatever the daily rules, so only leave and total_hours conflict.
        let inst = base(5)
            .agent("ANA", "S1", &[])
            .contract("c", |c| c.min_total_minutes = 40 * 60)
            .leave("ANA", "CA", 1, 4, LeaveStatus::Approved, LeavePart::Day)
            .agent("BOB", "S1", &[])
            .with_agent(|a| a.contract = 0)
            .build();
        let out = solve(&inst, &opts()).expect("runs");
        assert_eq!(out.status, SolveStatus::Infeasible);
        assert!(out.planning.is_none());
        let inf = out.infeasibility.expect("explained");
        assert_eq!(inf.conflicts.len(), 1);
        let c = &inf.conflicts[0];
        assert_eq!(c.agent, Some(0));
        assert_eq!(c.families, vec![RuleFamily::Leave, RuleFamily::TotalHours]);
        let text = inf.to_string();
        assert!(
            text.contains("ANA") && text.contains("total_hours") && text.contains("leave"),
            "{text}"
        );
    }

    #[test]
    fn switching_thread_counts_on_one_thread_works() {
        let inst = busy();
        let objs: Vec<f64> = [0u32, 1, 2, 1]
            .iter()
            .map(|&threads| {
                let out = solve(&inst, &SolveOptions { threads, ..opts() })
                    .expect("HiGHS runs whatever the thread count");
                assert_eq!(out.status, SolveStatus::Optimal);
                out.objective.expect("optimal objective")
            })
            .collect();
        assert!(objs.iter().all(|o| (o - objs[0]).abs() < 1e-6), "{objs:?}");
    }

    #[test]
    fn a_starting_planning_is_accepted_and_is_the_incumbent_at_time_limit_zero() {
        let inst = busy();
        let best = solve_opt(&inst);
        let (p_best, z_best) = (best.planning.clone().unwrap(), best.objective.unwrap());
        let at_zero = SolveOptions {
            time_limit: 0.0,
            ..opts()
        };
        // The optimum as start: returned as is, same cost.
        let out = solve_with(&inst, &at_zero, &Decisions::none(), Some(&p_best)).expect("runs");
        assert!(
            matches!(out.start, StartStatus::Accepted { objective } if (objective - z_best).abs() < 1e-6),
            "{:?}",
            out.start
        );
        assert!(
            matches!(out.status, SolveStatus::Feasible | SolveStatus::Optimal),
            "{:?}",
            out.status
        );
        assert_eq!(out.planning.as_ref(), Some(&p_best));
        close(out.objective.unwrap(), z_best);
        // A poor start (nobody works): its exact cost, as the checker computes it.
        let empty = Planning::default();
        let cost = crate::check::evaluate(&inst, &empty).objective;
        let out = solve_with(&inst, &at_zero, &Decisions::none(), Some(&empty)).expect("runs");
        assert_eq!(
            out.start,
            StartStatus::Accepted {
                objective: out.objective.unwrap()
            }
        );
        close(out.objective.unwrap(), cost);
        assert_eq!(out.planning.as_ref().map(|p| p.assignments.len()), Some(0));
        // With time, the solve improves on it.
        let out = solve_with(&inst, &opts(), &Decisions::none(), Some(&empty)).expect("runs");
        assert_eq!(out.status, SolveStatus::Optimal);
        close(out.objective.unwrap(), z_best);
    }

    #[test]
    fn a_start_breaking_a_rule_is_rejected_and_ignored() {
        let inst = busy();
        // CLO works only at S1.
        let bad = Planning {
            assignments: vec![crate::domain::Assignment {
                agent: 2,
                day: 0,
                shift: 0,
                secretariat: 1,
            }],
            granted: vec![],
        };
        let out = solve_with(&inst, &opts(), &Decisions::none(), Some(&bad)).expect("runs");
        assert!(
            matches!(&out.start, StartStatus::Rejected { reason } if reason.contains("CLO")),
            "{:?}",
            out.start
        );
        assert_eq!(out.status, SolveStatus::Optimal);
        // Two overlapping shifts the same day: a column exists for each, the clique row breaks.
        let clash = Planning {
            assignments: vec![
                crate::domain::Assignment {
                    agent: 0,
                    day: 0,
                    shift: 0,
                    secretariat: 0,
                },
                crate::domain::Assignment {
                    agent: 0,
                    day: 0,
                    shift: 2,
                    secretariat: 1,
                },
            ],
            granted: vec![],
        };
        let out = solve_with(&inst, &opts(), &Decisions::none(), Some(&clash)).expect("runs");
        assert!(
            matches!(out.start, StartStatus::Rejected { .. }),
            "{:?}",
            out.start
        );
        assert_eq!(out.status, SolveStatus::Optimal);
    }

    #[test]
    fn a_forced_grant_that_leaves_too_few_hours_is_explained() {
        let inst = base(5)
            .agent("ANA", "S1", &[])
            .contract("c", |c| c.min_total_minutes = 24 * 60)
            .leave("ANA", "CA", 1, 4, LeaveStatus::Requested, LeavePart::Day)
            .build();
        let free = solve(&inst, &opts()).expect("runs");
        assert_eq!(free.status, SolveStatus::Optimal);
        assert!(free.planning.as_ref().unwrap().granted.is_empty());
        let d = Decisions {
            force_granted: vec![0],
            force_refused: vec![],
        };
        let out = solve_with(&inst, &opts(), &d, None).expect("runs");
        assert_eq!(out.status, SolveStatus::Infeasible);
        let inf = out.infeasibility.expect("explained");
        assert_eq!(
            inf.conflicts[0].families,
            vec![RuleFamily::Leave, RuleFamily::TotalHours]
        );
        assert!(inf.to_string().contains("forced granted"), "{inf}");
    }

    /// Random small instances with requested leave (whole and half days,
    /// several on one day, priorities, dates), balances, holidays and
    /// non-zero due hours: the optimum breaks no hard rule and its
    /// objective is the checker's, term by term.
    #[test]
    fn solver_and_checker_agree_with_requests_balances_and_credits() {
        use crate::domain::testkit::TinyInstance;
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for case in 0..30 {
            let days = 3 + next(8) as usize;
            let mut t = TinyInstance::new(days)
                .shift("M", "08:00", "12:30", 0)
                .shift("S", "13:00", "17:30", 0)
                .shift("J", "08:30", "17:00", 60)
                .secretariat("S1", "P1")
                .rules(|r| {
                    r.weekly_minutes = 1800 + 5 * (case % 7) as i64 * 11;
                    r.overtime_cap_month_minutes = 10 * 60;
                })
                .weights(|w| w.under_hours = 15.0);
            if next(3) == 0 {
                t = t.holiday(next(days as u64) as usize);
            }
            let n_agents = 2 + next(2) as usize;
            for a in 0..n_agents {
                let ca = if next(2) == 0 {
                    Some(next(5) as f64 / 2.0)
                } else {
                    None
                };
                let done = next(3) as i64 * 240;
                t = t.agent(&format!("A{a}"), "S1", &[]).with_agent(|ag| {
                    ag.ca_days_left = ca;
                    ag.overtime_month_minutes_done = done;
                });
            }
            for d in 0..days {
                t = t.need("S1", d, "08:30", "17:00", next(3) as u32, 2, None);
            }
            let mut priorities = Vec::new();
            for k in 0..(1 + next(5)) {
                let a = format!("A{}", next(n_agents as u64));
                let first = next(days as u64) as usize;
                let last = (first + next(3) as usize).min(days - 1);
                let part = [LeavePart::Day, LeavePart::Am, LeavePart::Pm][next(3) as usize];
                let (first, last) = if part == LeavePart::Day {
                    (first, last)
                } else {
                    (first, first)
                };
                let status = if next(4) == 0 {
                    LeaveStatus::Approved
                } else {
                    LeaveStatus::Requested
                };
                let ty = ["CA", "RTT", "CA"][next(3) as usize];
                t = t.leave(&a, ty, first, last, status, part);
                priorities.push(1.0 + next(3) as f64 * 0.5);
                if next(2) == 0 {
                    t = t.requested_on(&format!("2026-10-{:02}", 1 + (k * 7 + next(5)) % 28));
                }
            }
            let mut inst = t.build();
            for (l, pr) in inst.leaves.iter_mut().zip(priorities) {
                l.priority = pr;
            }
            let out = solve_opt(&inst);
            let p = out.planning.as_ref().expect("planning");
            let eval = crate::check::evaluate(&inst, p);
            assert!(
                eval.violations.is_empty(),
                "case {case}: {:?}",
                eval.violations
            );
            close(out.objective.unwrap(), eval.objective);
            for (term, v) in &out.terms {
                close(*v, eval.term(term.name()));
            }
        }
    }

    #[test]
    fn bad_options_are_errors_not_panics() {
        let inst = busy();
        let bad = SolveOptions {
            gap: -1.0,
            ..opts()
        };
        assert!(matches!(solve(&inst, &bad), Err(SolveError::BadOption(_))));
        let bad = SolveOptions {
            seed: u32::MAX,
            ..opts()
        };
        assert!(matches!(solve(&inst, &bad), Err(SolveError::BadOption(_))));
    }

    #[test]
    fn a_default_gap_stops_early_as_feasible_or_optimal() {
        let o = SolveOptions {
            time_limit: 20.0,
            gap: 1e-4,
            threads: 1,
            seed: 3,
            progress: true,
        };
        let out = solve(&busy(), &o).expect("runs");
        assert!(matches!(
            out.status,
            SolveStatus::Optimal | SolveStatus::Feasible
        ));
        assert!(out.planning.is_some());
    }
}
