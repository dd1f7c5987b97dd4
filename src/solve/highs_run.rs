//! The only code that runs HiGHS: turns a built [`Model`] into a raw
//! `highs::Model` (through good_lp's `HighsProblem::try_into_inner`, which
//! drops options — so every option is set here), sets the objective offset,
//! time limit, gap, threads, seed and silence, optionally fixes some columns
//! (bounds) and passes a complete starting solution (`Highs_setSolution`:
//! HiGHS needs a value for every column or drops the start silently —
//! docs/highs-notes), installs the
//! improving-solution callback for progress lines and the interrupt
//! callback, which stops the run at once on Ctrl-C / SIGTERM
//! ([`crate::interrupt`], incumbent kept) and, when asked, ends it early once
//! an incumbent exists ([`run_until`]: phase 1 of the large-neighbourhood
//! search), and, for a run beside the search ([`Beside`]), the
//! outside-solution callback through which HiGHS takes the search's
//! planning as its incumbent mid-run; solves, and reads the
//! status, incumbent, objective, dual bound and gap through the raw API
//! (never through good_lp's lossy status mapping, nor `SolvedModel::status`
//! which panics on statuses it does not know).

use super::{SolveError, SolveOptions};
use crate::model::{Model, ModelInfo};
use good_lp::solvers::highs::highs;
use good_lp::SolverModel;
use std::cell::Cell;
use std::ffi::{c_char, c_int, c_void, CString};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What HiGHS said, in our terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawStatus {
    /// Proven optimal (gap 0 or within `mip_rel_gap`).
    Optimal,
    /// A limit stopped the search.
    Limit,
    /// No feasible solution exists.
    Infeasible,
}

/// The result of one HiGHS run on a model.
#[derive(Debug, Clone)]
pub struct ModelSolution {
    /// Status.
    pub status: RawStatus,
    /// Column values of the incumbent, if any.
    pub columns: Option<Vec<f64>>,
    /// Incumbent objective, constant included.
    pub objective: Option<f64>,
    /// Dual bound, constant included.
    pub bound: Option<f64>,
    /// Relative gap as HiGHS computes it (constant included).
    pub gap: Option<f64>,
    /// Wall-clock seconds of the HiGHS run (conversion included).
    pub seconds: f64,
    /// How to decode the columns.
    pub info: ModelInfo,
}

thread_local! {
    /// Thread count of the last HiGHS run on this OS thread: HiGHS keeps one
    /// scheduler per thread, and changing the count on the same thread fails
    /// unless the scheduler is reset (docs/highs-notes "thread-scheduler gotcha").
    static LAST_THREADS: Cell<Option<u32>> = const { Cell::new(None) };
}

struct Progress<'a> {
    start: Instant,
    /// Interrupt once this many seconds have passed, an incumbent exists and
    /// its gap is above `gap`.
    stop_after: Option<f64>,
    gap: f64,
    /// Interrupt after `stop_after` even without an incumbent.
    without_incumbent: bool,
    /// Report incumbent and bound to `crate::progress` (`opts.progress`).
    report: bool,
    /// See [`StopAfter::beside`].
    beside: Option<&'a Beside>,
    /// Columns of the program (the length of an incumbent).
    columns: usize,
    /// See [`ModelInfo::whole_objective`]: bounds are published rounded up.
    whole: bool,
}

/// Interrupt callback: ends the run (status Limit, incumbent kept) once
/// `stop_after` seconds have passed with an incumbent whose gap is above
/// the requested one.
unsafe extern "C" fn on_interrupt(
    kind: c_int,
    _message: *const c_char,
    data_out: *const highs_sys::HighsCallbackDataOut,
    data_in: *mut highs_sys::HighsCallbackDataIn,
    user: *mut c_void,
) {
    if kind != highs_sys::kHighsCallbackMipInterrupt as c_int
        || data_out.is_null()
        || data_in.is_null()
        || user.is_null()
    {
        return;
    }
    if crate::interrupt::requested() {
        // Ctrl-C / SIGTERM: stop now, the incumbent is kept.
        // SAFETY: data_in is valid and writable for the duration of the call.
        unsafe { (*data_in).user_interrupt = 1 };
        return;
    }
    // SAFETY: HiGHS passes back the pointer given to Highs_setCallback, which
    // points to a `Progress` living on the stack of the run for the whole
    // solve; data_out is valid for the duration of the call.
    let (p, d) = unsafe { (&*(user as *const Progress), &*data_out) };
    if p.report {
        // The bound moves between incumbents: keep the progress line current.
        let bound = bound_of(d.mip_dual_bound, p.whole);
        crate::progress::report("HiGHS", Some(d.mip_primal_bound), Some(bound));
    }
    if let Some(b) = p.beside {
        b.publish(bound_of(d.mip_dual_bound, p.whole));
        if b.stop.load(Ordering::Relaxed) {
            // SAFETY: see above.
            unsafe { (*data_in).user_interrupt = 1 };
            return;
        }
    }
    let Some(after) = p.stop_after else {
        return;
    };
    let has_incumbent = d.mip_primal_bound.is_finite() && d.mip_primal_bound < 1e300;
    let above_gap = !d.mip_gap.is_finite() || d.mip_gap > p.gap;
    if (has_incumbent && above_gap || p.without_incumbent)
        && p.start.elapsed().as_secs_f64() >= after
    {
        // SAFETY: see above.
        unsafe { (*data_in).user_interrupt = 1 };
    }
}

/// Dispatches the callbacks started in [`run_until`].
unsafe extern "C" fn on_callback(
    kind: c_int,
    message: *const c_char,
    data_out: *const highs_sys::HighsCallbackDataOut,
    data_in: *mut highs_sys::HighsCallbackDataIn,
    user: *mut c_void,
) {
    // SAFETY: forwarded unchanged.
    unsafe {
        if kind == highs_sys::kHighsCallbackMipInterrupt as c_int {
            on_interrupt(kind, message, data_out, data_in, user);
        } else if kind == highs_sys::kHighsCallbackCallbackMipUserSolution as c_int {
            on_outside_solution(data_out, data_in, user);
        } else {
            on_improving(kind, message, data_out, data_in, user);
        }
    }
}

/// Outside-solution callback (HiGHS asks between rounds of root cuts and
/// before each dive): passes the planning the search gave through the
/// run's [`Beside`], when it is better than the run's incumbent. HiGHS
/// checks it against the model and keeps it only when feasible and better.
unsafe extern "C" fn on_outside_solution(
    data_out: *const highs_sys::HighsCallbackDataOut,
    data_in: *mut highs_sys::HighsCallbackDataIn,
    user: *mut c_void,
) {
    if data_out.is_null() || data_in.is_null() || user.is_null() {
        return;
    }
    // SAFETY: data_out is valid for the duration of the call; `user` points
    // to the run's `Progress` (see `on_interrupt`).
    let (p, d) = unsafe { (&*(user as *const Progress), &*data_out) };
    let Some(b) = p.beside else {
        return;
    };
    let incumbent = if d.mip_primal_bound.is_finite() && d.mip_primal_bound < 1e300 {
        d.mip_primal_bound
    } else {
        f64::INFINITY
    };
    let Some(cols) = b.take_given(incumbent).filter(|c| c.len() == p.columns) else {
        return;
    };
    let Ok(n) = highs_sys::HighsInt::try_from(cols.len()) else {
        return;
    };
    // SAFETY: data_in is valid and writable for the duration of the call;
    // HiGHS copies the `n` values of `cols` into its own vector.
    let status = unsafe { highs_sys::Highs_setCallbackSolution(data_in, n, cols.as_ptr()) };
    if status == highs_sys::STATUS_OK as highs_sys::HighsInt {
        // HiGHS's C bridge copies this flag back over the one the call set.
        // SAFETY: as above.
        unsafe { (*data_in).user_has_solution = 1 };
    }
}

/// Improving-solution callback: reports the new incumbent and the bound
/// to `crate::progress` (which decides what stderr shows).
unsafe extern "C" fn on_improving(
    kind: c_int,
    _message: *const c_char,
    data_out: *const highs_sys::HighsCallbackDataOut,
    _data_in: *mut highs_sys::HighsCallbackDataIn,
    user: *mut c_void,
) {
    if kind != highs_sys::kHighsCallbackMipImprovingSolution as c_int
        || data_out.is_null()
        || user.is_null()
    {
        return;
    }
    // SAFETY: data_out is valid for the duration of the call; `user` points
    // to the run's `Progress` (see `on_interrupt`).
    let (p, d) = unsafe { (&*(user as *const Progress), &*data_out) };
    if p.report {
        let bound = bound_of(d.mip_dual_bound, p.whole);
        crate::progress::report("HiGHS", Some(d.mip_primal_bound), Some(bound));
    }
    if let Some(b) = p.beside {
        let size_ok = usize::try_from(d.mip_solution_size).is_ok_and(|n| n == p.columns);
        if !d.mip_solution.is_null() && size_ok && d.mip_primal_bound.is_finite() {
            // SAFETY: HiGHS passes `mip_solution_size` values, checked above.
            let cols = unsafe { std::slice::from_raw_parts(d.mip_solution, p.columns) };
            b.offer(d.mip_primal_bound, cols.to_vec());
        }
    }
}

fn option_err(name: &str) -> SolveError {
    SolveError::BadOption(format!("HiGHS refused option {name}"))
}

/// Solves `model` with `opts` (time limit, gap, threads, seed, progress).
pub fn solve_model(model: Model, opts: &SolveOptions) -> Result<ModelSolution, SolveError> {
    run(model, opts, &[], None)
}

/// Solves `model` with `opts`, with the columns of `fix` fixed to their
/// values (`(column, value)`) and, when given, `start_cols` (one value per
/// column) as the starting incumbent; waited for at most its time limit
/// and [`OVERRUN_SECONDS`] ([`run_guarded`]).
pub(crate) fn run(
    model: Model,
    opts: &SolveOptions,
    fix: &[(usize, f64)],
    start_cols: Option<&[f64]>,
) -> Result<ModelSolution, SolveError> {
    run_guarded(model, opts, fix, start_cols, None, &[])
}

/// [`run`], interrupted (status [`RawStatus::Limit`], incumbent kept) when
/// `stop_after = Some(StopAfter { seconds, gap, .. })`: once `seconds` have passed, as soon
/// as an incumbent exists whose gap is above `gap` — a run never stops
/// early without a planning.
pub(crate) fn run_until(
    model: Model,
    opts: &SolveOptions,
    fix: &[(usize, f64)],
    start_cols: Option<&[f64]>,
    stop_after: Option<StopAfter<'_>>,
) -> Result<ModelSolution, SolveError> {
    run_tuned(model, opts, fix, start_cols, stop_after, &[])
}

/// The link between a HiGHS run on the full model and a search running
/// beside it on another thread: the run publishes its dual bound as it
/// rises and each planning it finds, and stops when the search asks;
/// whoever runs it says when it has ended. Also the search's source of the
/// bound when the run came first.
#[derive(Debug)]
pub(crate) struct Beside {
    /// The bound's bits (`f64::to_bits`); NaN while there is none.
    bound: AtomicU64,
    /// The objective of the search's planning (bits; NaN: none yet).
    incumbent: AtomicU64,
    stop: AtomicBool,
    ended: AtomicBool,
    /// Whether a run takes the search's plannings ([`Beside::give`]).
    listening: AtomicBool,
    /// The run's latest incumbent not yet taken: objective and columns.
    found: Mutex<Option<(f64, Vec<f64>)>>,
    /// The search's latest planning not yet taken by the run: objective
    /// and columns ([`Beside::give`]).
    given: Mutex<Option<(f64, Vec<f64>)>>,
}

impl Beside {
    /// A link with bound `bound`, not ended, no stop asked.
    pub(crate) fn new(bound: Option<f64>) -> Self {
        Beside {
            bound: AtomicU64::new(bound.unwrap_or(f64::NAN).to_bits()),
            incumbent: AtomicU64::new(f64::NAN.to_bits()),
            stop: AtomicBool::new(false),
            ended: AtomicBool::new(false),
            listening: AtomicBool::new(false),
            found: Mutex::new(None),
            given: Mutex::new(None),
        }
    }
    /// Hands the search's planning `cols` (every column of the run's
    /// model) of objective `objective` to the run, which takes it as its
    /// incumbent the next time HiGHS asks for an outside solution (between
    /// rounds of root cuts, before each dive) when it is better than its
    /// own. It replaces one not yet taken.
    pub(crate) fn give(&self, objective: f64, cols: Vec<f64>) {
        *self
            .given
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some((objective, cols));
    }
    /// Whether a HiGHS run has started that takes the search's plannings
    /// (none beside phase 2 of the search, which runs after HiGHS).
    pub(crate) fn listening(&self) -> bool {
        self.listening.load(Ordering::Relaxed)
    }
    /// The search's planning not yet taken, once, when its objective is
    /// below `than` (else it stays for a later ask).
    pub(crate) fn take_given(&self, than: f64) -> Option<Vec<f64>> {
        let mut given = self
            .given
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if given.as_ref().is_some_and(|&(z, _)| below(z, than)) {
            given.take().map(|(_, cols)| cols)
        } else {
            None
        }
    }
    /// Hands over planning `cols` of objective `objective` (the run's
    /// latest; it replaces one not yet taken).
    pub(crate) fn offer(&self, objective: f64, cols: Vec<f64>) {
        *self
            .found
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some((objective, cols));
    }
    /// The run's latest incumbent, once, when its objective is below
    /// `than` (else it is dropped).
    pub(crate) fn take_better(&self, than: f64) -> Option<(f64, Vec<f64>)> {
        let found = self
            .found
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take();
        found.filter(|&(z, _)| below(z, than))
    }
    /// The latest dual bound, constant included.
    pub(crate) fn bound(&self) -> Option<f64> {
        Some(f64::from_bits(self.bound.load(Ordering::Relaxed))).filter(|b| b.is_finite())
    }
    /// Raises the bound to `bound` (finite; a lower one is ignored: the
    /// run's bound and a relaxation's may both come).
    pub(crate) fn publish(&self, bound: f64) {
        replace_if(&self.bound, bound, |new, old| new > old);
    }
    /// Records `objective`, the search's planning's (a higher one than
    /// recorded is ignored).
    pub(crate) fn note_incumbent(&self, objective: f64) {
        replace_if(&self.incumbent, objective, |new, old| new < old);
    }
    /// The objective of the search's best planning, once it has one.
    pub(crate) fn incumbent(&self) -> Option<f64> {
        Some(f64::from_bits(self.incumbent.load(Ordering::Relaxed))).filter(|z| z.is_finite())
    }
    /// Whether a stop was asked.
    pub(crate) fn stop_requested(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
    /// Asks the run to stop (its incumbent is kept).
    pub(crate) fn request_stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }
    /// Marks the run ended (optimal, infeasible or stopped).
    pub(crate) fn end(&self) {
        self.ended.store(true, Ordering::Relaxed);
    }
    /// Whether the run has ended.
    pub(crate) fn ended(&self) -> bool {
        self.ended.load(Ordering::Relaxed)
    }
}

/// Whether objective `z` is below `than` by more than the tolerance (any
/// `z` is below an infinite `than`: no planning yet).
fn below(z: f64, than: f64) -> bool {
    !than.is_finite() || z < than - 1e-6_f64.max(1e-9 * than.abs())
}

/// Stores finite `value` in `cell` (the bits of an `f64`, NaN: none) when
/// it holds none or `better(value, old)`.
fn replace_if(cell: &AtomicU64, value: f64, better: impl Fn(f64, f64) -> bool) {
    if !value.is_finite() {
        return;
    }
    let _ = cell.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |bits| {
        let old = f64::from_bits(bits);
        (old.is_nan() || better(value, old)).then(|| value.to_bits())
    });
}

/// When to interrupt a run early (status [`RawStatus::Limit`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct StopAfter<'a> {
    /// Seconds after which the run may be interrupted.
    pub(crate) seconds: f64,
    /// Interrupt only while the incumbent's gap is above this.
    pub(crate) gap: f64,
    /// Interrupt even when no incumbent exists (a planning is known
    /// elsewhere: the construction's).
    pub(crate) without_incumbent: bool,
    /// A search beside the run: the bound goes there, its stop request
    /// interrupts the run.
    pub(crate) beside: Option<&'a Beside>,
}

/// HiGHS options of a run that solves the linear relaxation only, by the
/// interior-point method (with crossover: the optimum of a basic solution,
/// a valid bound): on long benchmark horizons HiGHS's dual simplex does not
/// finish the root relaxation of the MIP within a minute (Instance 20:
/// 33 000 iterations in 59 s) where the interior-point method takes 19 s.
pub(crate) const RELAXATION_OPTIONS: &[(&str, bool)] = &[("solve_relaxation", true)];

/// HiGHS options of the sub-solves of a search around a known planning:
/// the start is given, so the feasibility-jump heuristic (which looks for a
/// first planning) and the symmetry detection only cost time.
pub(crate) const SUB_SOLVE_OPTIONS: &[(&str, bool)] = &[
    ("mip_heuristic_run_feasibility_jump", false),
    ("mip_detect_symmetry", false),
];

/// Seconds a run of [`run_guarded`] may take past its time limit before
/// the caller stops waiting for it.
pub(crate) const OVERRUN_SECONDS: f64 = 2.0;

/// [`run_tuned`] on a thread of its own, waited for at most
/// its time limit and [`OVERRUN_SECONDS`]. HiGHS checks its time limit
/// between steps only, and some steps do not end: a 60-s solve of
/// benchmark Instance 8 was found still running after 7 minutes, inside
/// the presolve (`strengthenInequalities`) of a RENS sub-MIP of a RINS
/// sub-MIP of one of the search's sub-solves. A run that overruns is left
/// to end (or not) on its thread, its result dropped, and reported as
/// stopped at its limit without a planning ([`RawStatus::Limit`], no
/// columns): the caller goes on as after a sub-solve that found nothing,
/// and the solve still ends at its time limit. Every run goes this way
/// ([`run`]: the construction's and the search's sub-solves, which are
/// many, the completions of plannings on the full model; phase 1) but the
/// one on the full model beside the search, which is waited for the same
/// way (`side_by_side`).
pub(crate) fn run_guarded(
    model: Model,
    opts: &SolveOptions,
    fix: &[(usize, f64)],
    start_cols: Option<&[f64]>,
    stop_after: Option<StopAfter<'static>>,
    extra: &'static [(&'static str, bool)],
) -> Result<ModelSolution, SolveError> {
    if !opts.time_limit.is_finite() {
        return run_tuned(model, opts, fix, start_cols, stop_after, extra);
    }
    let started = Instant::now();
    let info = model.info.clone();
    let wait = Duration::from_secs_f64(opts.time_limit.max(0.0) + OVERRUN_SECONDS);
    let (opts, fix, start) = (opts.clone(), fix.to_vec(), start_cols.map(<[f64]>::to_vec));
    let run = move || run_tuned(model, &opts, &fix, start.as_deref(), stop_after, extra);
    within(wait, run).unwrap_or_else(|| {
        Ok(ModelSolution {
            status: RawStatus::Limit,
            columns: None,
            objective: None,
            bound: None,
            gap: None,
            seconds: started.elapsed().as_secs_f64(),
            info,
        })
    })
}

/// `work` on a thread of its own: its result, or `None` when it has not
/// ended within `wait` (or no thread could be started). The thread is not
/// waited for past `wait`.
fn within<T: Send + 'static>(
    wait: Duration,
    work: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("highs-run".into())
        .spawn(move || {
            // Nobody listens once the caller stopped waiting.
            let _ = sender.send(work());
        })
        .ok()?;
    receiver.recv_timeout(wait).ok()
}

/// [`run_until`] with extra boolean HiGHS options.
pub(crate) fn run_tuned(
    model: Model,
    opts: &SolveOptions,
    fix: &[(usize, f64)],
    start_cols: Option<&[f64]>,
    stop_after: Option<StopAfter<'_>>,
    extra: &[(&str, bool)],
) -> Result<ModelSolution, SolveError> {
    opts.validate()?;
    let start = Instant::now();
    let Model { program, info } = model;
    let constant = info.constant;
    if info.trivially_infeasible.is_some() {
        return Ok(ModelSolution {
            status: RawStatus::Infeasible,
            columns: None,
            objective: None,
            bound: None,
            gap: None,
            seconds: start.elapsed().as_secs_f64(),
            info,
        });
    }
    if info.size.variables == 0 {
        return Ok(ModelSolution {
            status: RawStatus::Optimal,
            columns: Some(Vec::new()),
            objective: Some(constant),
            bound: Some(constant),
            gap: Some(0.0),
            seconds: start.elapsed().as_secs_f64(),
            info,
        });
    }
    let mut problem = program.vars.minimise(program.objective).using(highs);
    for c in program.constraints {
        problem.add_constraint(c);
    }
    let mut hm = problem
        .try_into_inner()
        .map_err(|e| SolveError::Highs(e.to_string()))?;
    let n_cols = hm.num_cols();
    for &(col, value) in fix {
        let c = highs_sys::HighsInt::try_from(col)
            .ok()
            .filter(|_| col < n_cols);
        let Some(c) = c else {
            return Err(SolveError::Highs(format!(
                "cannot fix column {col} of {n_cols}"
            )));
        };
        // SAFETY: the pointer comes from a live highs::Model owned here; c is a valid column index.
        let st = unsafe { highs_sys::Highs_changeColBounds(hm.as_mut_ptr(), c, value, value) };
        if st == highs_sys::STATUS_ERROR as highs_sys::HighsInt {
            return Err(SolveError::Highs(format!("cannot fix column {col}")));
        }
    }
    if let Some(cols) = start_cols {
        hm.try_set_solution(Some(cols), None, None, None)
            .map_err(|e| {
                SolveError::Highs(format!(
                    "starting solution refused ({} values for {n_cols} columns): {e:?}",
                    cols.len()
                ))
            })?;
    }
    hm.make_quiet();
    hm.try_set_option("output_flag", false)
        .map_err(|_| option_err("output_flag"))?;
    hm.try_set_option("log_to_console", false)
        .map_err(|_| option_err("log_to_console"))?;
    let tl = if opts.time_limit.is_finite() {
        opts.time_limit.max(0.0)
    } else {
        f64::INFINITY
    };
    hm.try_set_option("time_limit", tl)
        .map_err(|_| option_err("time_limit"))?;
    hm.try_set_option("mip_rel_gap", opts.gap)
        .map_err(|_| option_err("mip_rel_gap"))?;
    let seed = i32::try_from(opts.seed)
        .map_err(|_| SolveError::BadOption(format!("seed {} exceeds {}", opts.seed, i32::MAX)))?;
    hm.try_set_option("random_seed", seed)
        .map_err(|_| option_err("random_seed"))?;
    if opts.threads > 0 {
        let t = i32::try_from(opts.threads)
            .map_err(|_| SolveError::BadOption(format!("threads {}", opts.threads)))?;
        hm.try_set_option("threads", t)
            .map_err(|_| option_err("threads"))?;
    }
    for &(name, value) in extra {
        hm.try_set_option(name, value)
            .map_err(|_| option_err(name))?;
    }
    if extra == RELAXATION_OPTIONS {
        hm.try_set_option("solver", "ipm")
            .map_err(|_| option_err("solver"))?;
    }
    // SAFETY: the pointer comes from a live highs::Model owned here.
    let status = unsafe { highs_sys::Highs_changeObjectiveOffset(hm.as_mut_ptr(), constant) };
    if status == highs_sys::STATUS_ERROR as highs_sys::HighsInt {
        return Err(SolveError::Highs("cannot set the objective offset".into()));
    }
    let progress = Progress {
        start,
        stop_after: stop_after.map(|s| s.seconds).filter(|t| t.is_finite()),
        gap: stop_after.map(|s| s.gap).unwrap_or(opts.gap),
        without_incumbent: stop_after.is_some_and(|s| s.without_incumbent),
        report: opts.progress,
        beside: stop_after.and_then(|s| s.beside),
        columns: info.size.variables,
        whole: info.whole_objective,
    };
    // The interrupt callback always runs: it also answers Ctrl-C / SIGTERM.
    {
        // SAFETY: `progress` outlives the solve below (same scope); the callbacks
        // only read it. HiGHS calls back on the thread running `try_solve`.
        unsafe {
            highs_sys::Highs_setCallback(
                hm.as_mut_ptr(),
                Some(on_callback),
                &progress as *const Progress as *mut c_void,
            );
            if opts.progress || progress.beside.is_some() {
                highs_sys::Highs_startCallback(
                    hm.as_mut_ptr(),
                    highs_sys::kHighsCallbackMipImprovingSolution,
                );
            }
            highs_sys::Highs_startCallback(hm.as_mut_ptr(), highs_sys::kHighsCallbackMipInterrupt);
            if let Some(b) = progress.beside {
                b.listening.store(true, Ordering::Relaxed);
                highs_sys::Highs_startCallback(
                    hm.as_mut_ptr(),
                    highs_sys::kHighsCallbackCallbackMipUserSolution,
                );
            }
        }
    }
    LAST_THREADS.with(|last| {
        if last.get().is_some_and(|t| t != opts.threads) {
            // SAFETY: called on the owning thread, no HiGHS run in progress here.
            unsafe { highs_sys::Highs_resetThreadScheduler(1) };
        }
        last.set(Some(opts.threads));
    });
    let solved = hm
        .try_solve()
        .map_err(|e| SolveError::Highs(format!("HiGHS run failed: {e:?}")))?;
    // SAFETY: reading infos of a live solved model.
    let model_status = unsafe { highs_sys::Highs_getModelStatus(solved.as_ptr()) };
    let has_solution = read_int(&solved, "primal_solution_status")
        == Some(highs_sys::SOLUTION_STATUS_FEASIBLE as i64);
    let status = match model_status as u32 {
        s if s == highs_sys::MODEL_STATUS_OPTIMAL as u32 => RawStatus::Optimal,
        s if s == highs_sys::MODEL_STATUS_INFEASIBLE as u32
            || s == highs_sys::MODEL_STATUS_UNBOUNDED_OR_INFEASIBLE as u32 =>
        {
            RawStatus::Infeasible
        }
        s if s == highs_sys::MODEL_STATUS_REACHED_TIME_LIMIT as u32
            || s == highs_sys::MODEL_STATUS_REACHED_ITERATION_LIMIT as u32
            || s == highs_sys::MODEL_STATUS_REACHED_SOLUTION_LIMIT as u32
            || s == highs_sys::MODEL_STATUS_REACHED_INTERRUPT as u32
            || s == highs_sys::MODEL_STATUS_REACHED_MEMORY_LIMIT as u32
            || s == highs_sys::MODEL_STATUS_OBJECTIVE_BOUND as u32
            || s == highs_sys::MODEL_STATUS_OBJECTIVE_TARGET as u32
            || s == 19 =>
        {
            RawStatus::Limit
        }
        other => {
            return Err(SolveError::Highs(format!(
                "HiGHS ended with model status {other}"
            )))
        }
    };
    let columns = (has_solution && status != RawStatus::Infeasible)
        .then(|| solved.get_solution().columns().to_vec());
    let objective = columns.as_ref().map(|_| solved.objective_value());
    // A program without integer columns is an LP: HiGHS fills no MIP infos,
    // and its optimum is its own bound.
    let lp = info.size.binaries == 0;
    let (bound, gap) = if lp {
        match (status, objective) {
            (RawStatus::Optimal, Some(o)) => (Some(o), Some(0.0)),
            _ => (None, None),
        }
    } else {
        (
            read_double(&solved, "mip_dual_bound")
                .filter(|b| b.is_finite())
                .map(|b| bound_of(b, info.whole_objective)),
            read_double(&solved, "mip_gap").filter(|g| g.is_finite() && columns.is_some()),
        )
    };
    // The bound rounded up: the gap is the rounded bound's.
    let gap = match (objective, bound) {
        (Some(o), Some(b)) if info.whole_objective && gap.is_some() => {
            Some(super::lns::relative_gap(o, b))
        }
        _ => gap,
    };
    Ok(ModelSolution {
        status,
        columns,
        objective,
        bound,
        gap,
        seconds: start.elapsed().as_secs_f64(),
        info,
    })
}

/// A dual bound of HiGHS, rounded up when every objective is whole
/// ([`ModelInfo::whole_objective`]): no planning costs less than the
/// next whole number, so a bound of 1 000.3 under a planning of 1 001
/// proves it optimal (the search stops on it, `lns::improve`) and the
/// gap reported is the rounded bound's. HiGHS is not told (its
/// `mip_abs_gap` just under one would prune within one unit of its
/// incumbent: README "Tried in 0.24").
fn bound_of(bound: f64, whole: bool) -> f64 {
    if whole && bound.is_finite() {
        (bound - 1e-6 * bound.abs().max(1.0)).ceil()
    } else {
        bound
    }
}

fn read_double(solved: &highs::SolvedModel, name: &str) -> Option<f64> {
    let key = CString::new(name).ok()?;
    let mut v = 0.0f64;
    // SAFETY: key is a valid C string; v is a valid out pointer.
    let st = unsafe { highs_sys::Highs_getDoubleInfoValue(solved.as_ptr(), key.as_ptr(), &mut v) };
    (st != highs_sys::STATUS_ERROR as highs_sys::HighsInt).then_some(v)
}

fn read_int(solved: &highs::SolvedModel, name: &str) -> Option<i64> {
    let key = CString::new(name).ok()?;
    let mut v: highs_sys::HighsInt = 0;
    // SAFETY: key is a valid C string; v is a valid out pointer.
    let st = unsafe { highs_sys::Highs_getIntInfoValue(solved.as_ptr(), key.as_ptr(), &mut v) };
    (st != highs_sys::STATUS_ERROR as highs_sys::HighsInt).then_some(v as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Instance;
    use crate::model::{self, Scope};

    #[test]
    fn a_bound_is_rounded_up_only_when_every_objective_is_whole() {
        assert_eq!(bound_of(1938.59, true), 1939.0);
        assert_eq!(bound_of(1000.0, true), 1000.0);
        // HiGHS's tolerances: a hair above a whole number is that number.
        assert_eq!(bound_of(1000.0 + 1e-9, true), 1000.0);
        assert_eq!(bound_of(-2.5, true), -2.0);
        assert_eq!(bound_of(1938.59, false), 1938.59);
        assert_eq!(bound_of(f64::NEG_INFINITY, true), f64::NEG_INFINITY);
    }

    #[test]
    fn a_run_that_overruns_is_not_waited_for() {
        // A step that does not end (as HiGHS's presolve once did): the
        // caller gets nothing after the wait, not after the step.
        let started = Instant::now();
        let late = within(Duration::from_millis(100), || {
            std::thread::sleep(Duration::from_secs(3));
            1
        });
        assert_eq!(late, None);
        assert!(started.elapsed() < Duration::from_secs(2));
        // A step that ends in time gives its result.
        assert_eq!(within(Duration::from_secs(5), || 7), Some(7));
    }

    #[test]
    fn a_guarded_sub_solve_gives_the_same_planning_as_an_unguarded_one() {
        let inst = super::super::construct::tests::generated(6, 1, 2);
        let opts = SolveOptions {
            time_limit: 10.0,
            gap: 0.0,
            threads: 1,
            ..SolveOptions::default()
        };
        let full = || model::build_scoped(&inst, &Scope::full());
        let plain = run_tuned(full(), &opts, &[], None, None, &[]).expect("runs");
        let guarded = run_guarded(full(), &opts, &[], None, None, &[]).expect("runs");
        assert_eq!(guarded.status, RawStatus::Optimal);
        assert_eq!(guarded.objective, plain.objective);
        assert_eq!(guarded.columns, plain.columns);
    }

    #[test]
    fn beside_hands_a_planning_over_once_and_only_when_better() {
        let b = Beside::new(None);
        assert_eq!(b.bound(), None);
        b.publish(f64::NEG_INFINITY);
        assert_eq!(b.bound(), None, "an infinite bound is no bound");
        b.publish(7.5);
        assert_eq!(b.bound(), Some(7.5));
        b.publish(6.0);
        assert_eq!(
            b.bound(),
            Some(7.5),
            "a lower bound (a relaxation's) is ignored"
        );
        b.publish(8.0);
        assert_eq!(b.bound(), Some(8.0));
        b.offer(10.0, vec![1.0]);
        assert!(b.take_better(10.0).is_none(), "not better: dropped");
        assert!(b.take_better(f64::INFINITY).is_none(), "and not kept");
        b.offer(12.0, vec![0.0]);
        b.offer(10.0, vec![1.0]);
        assert_eq!(b.take_better(f64::INFINITY), Some((10.0, vec![1.0])));
        assert!(b.take_better(f64::INFINITY).is_none(), "handed over once");
        assert!(!b.ended());
        b.end();
        assert!(b.ended());
    }

    #[test]
    fn beside_gives_the_searchs_planning_once_and_only_when_better() {
        let b = Beside::new(None);
        assert!(b.take_given(f64::INFINITY).is_none());
        b.give(10.0, vec![1.0]);
        assert!(b.take_given(10.0).is_none(), "not better than the run's");
        assert_eq!(b.take_given(11.0), Some(vec![1.0]), "kept for a later ask");
        assert!(b.take_given(f64::INFINITY).is_none(), "taken once");
        b.give(12.0, vec![0.0]);
        b.give(9.0, vec![2.0]);
        assert_eq!(b.take_given(f64::INFINITY), Some(vec![2.0]), "the latest");
    }

    /// A generated week of 12 agents, its model, one-thread options and
    /// its optimum (columns and objective).
    fn week() -> (Instance, SolveOptions, Vec<f64>, f64) {
        let inst = super::super::construct::tests::generated(12, 1, 4);
        let opts = SolveOptions {
            threads: 1,
            time_limit: 60.0,
            gap: 0.0,
            ..SolveOptions::default()
        };
        let best = run(model::build_scoped(&inst, &Scope::full()), &opts, &[], None).expect("runs");
        assert_eq!(best.status, RawStatus::Optimal);
        let cols = best.columns.expect("a planning");
        let z = best.objective.expect("its cost");
        (inst, opts, cols, z)
    }

    /// A run on the full model interrupted as soon as it has an incumbent
    /// (any gap), beside `beside`.
    fn first_incumbent(inst: &Instance, opts: &SolveOptions, beside: &Beside) -> ModelSolution {
        let stop = StopAfter {
            seconds: 0.0,
            gap: 0.0,
            without_incumbent: false,
            beside: Some(beside),
        };
        run_until(
            model::build_scoped(inst, &Scope::full()),
            opts,
            &[],
            None,
            Some(stop),
        )
        .expect("runs")
    }

    #[test]
    fn a_run_beside_starts_from_the_planning_the_search_gives() {
        let (inst, opts, cols, z) = week();
        let tol = 1e-6 * (1.0 + z.abs());
        // Alone, HiGHS's first incumbent is worse than the optimum.
        let alone = first_incumbent(&inst, &opts, &Beside::new(None));
        assert!(alone.objective.expect("an incumbent") > z + tol);
        // Given the optimum, HiGHS takes it (after its setup, before its
        // own heuristics) and is interrupted with it.
        let beside = Beside::new(None);
        beside.give(z, cols);
        assert!(!beside.listening());
        let given = first_incumbent(&inst, &opts, &beside);
        assert!(beside.listening());
        assert!(beside.take_given(f64::INFINITY).is_none(), "taken");
        assert!((given.objective.expect("an incumbent") - z).abs() <= tol);
    }

    #[test]
    fn a_given_planning_that_breaks_the_model_is_ignored() {
        let (inst, opts, cols, z) = week();
        let beside = Beside::new(None);
        // Every column at 1: claimed cheap, far from feasible.
        beside.give(z - 1000.0, vec![1.0; cols.len()]);
        let sol = run_until(
            model::build_scoped(&inst, &Scope::full()),
            &opts,
            &[],
            None,
            Some(StopAfter {
                seconds: f64::INFINITY,
                gap: 0.0,
                without_incumbent: false,
                beside: Some(&beside),
            }),
        )
        .expect("runs");
        assert!(beside.take_given(f64::INFINITY).is_none(), "asked for");
        assert_eq!(sol.status, RawStatus::Optimal);
        let found = sol.objective.expect("a planning");
        assert!(
            (found - z).abs() <= 1e-6 * (1.0 + z.abs()),
            "{found} against {z}"
        );
        let recomputed: f64 = sol
            .info
            .term_values(sol.columns.as_ref().expect("columns"))
            .iter()
            .map(|(_, v)| v)
            .sum();
        assert!((recomputed - z).abs() <= 1e-6 * (1.0 + z.abs()));
    }
}
