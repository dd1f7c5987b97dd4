//! Instance → HiGHS → [`Planning`]: the one entry point [`solve`] builds the
//! model (`model::build`), runs HiGHS ([`solve_model`]), decodes the
//! incumbent into a normalized planning and, when the hard rules cannot all
//! hold, diagnoses which agents and which rule families conflict
//! (`diagnose`).
//!
//! Architecture invariant: with `model/`, the only module naming good_lp or
//! highs; everything it returns is our own types. HiGHS never writes to
//! stdout (output_flag off); progress lines go to stderr, only when asked.

mod diagnose;
mod highs_run;

pub use diagnose::{Conflict, Infeasibility};
pub use highs_run::{solve_model, ModelSolution, RawStatus};
pub use crate::model::ModelSize;

use crate::domain::{Instance, Planning};
use crate::model::{self, Term};
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
        SolveOptions { time_limit: 60.0, gap: 1e-4, threads: 0, seed: 0, progress: false }
    }
}

impl SolveOptions {
    /// Checks the values HiGHS would otherwise reject only at solve time.
    pub fn validate(&self) -> Result<(), SolveError> {
        if self.time_limit.is_nan() || self.time_limit < 0.0 {
            return Err(SolveError::BadOption(format!("time limit {} must be ≥ 0 seconds", self.time_limit)));
        }
        if !self.gap.is_finite() || self.gap < 0.0 {
            return Err(SolveError::BadOption(format!("gap {} must be a finite fraction ≥ 0", self.gap)));
        }
        if self.seed > i32::MAX as u32 {
            return Err(SolveError::BadOption(format!("seed {} must be at most {}", self.seed, i32::MAX)));
        }
        if self.threads > i32::MAX as u32 {
            return Err(SolveError::BadOption(format!("threads {} is not a thread count", self.threads)));
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
/// planning, or the explanation of why none exists.
pub fn solve(inst: &Instance, opts: &SolveOptions) -> Result<SolveOutcome, SolveError> {
    opts.validate()?;
    let start = Instant::now();
    let built = model::build(inst);
    let size = built.size();
    let sol = solve_model(built, opts)?;
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
    };
    match (sol.status, &sol.columns) {
        (RawStatus::Infeasible, _) => {
            let remaining = (opts.time_limit - start.elapsed().as_secs_f64()).max(1.0);
            out.infeasibility = Some(diagnose::diagnose(inst, opts, remaining)?);
            out.bound = None;
            out.gap = None;
        }
        (_, None) => out.status = SolveStatus::TimeLimitNoPlanning,
        (status, Some(cols)) => {
            out.planning = Some(sol.info.planning(inst, cols));
            out.terms = sol.info.term_values(cols);
            out.objective = sol.objective;
            // HiGHS stops at mip_rel_gap or mip_abs_gap (1e-6): optimal means
            // objective and bound meet up to that absolute tolerance.
            let proven = matches!((sol.objective, sol.bound), (Some(o), Some(b)) if (o - b).abs() <= 1e-6_f64.max(1e-9 * o.abs()));
            out.status = if status == RawStatus::Optimal && proven { SolveStatus::Optimal } else { SolveStatus::Feasible };
        }
    }
    out.seconds = start.elapsed().as_secs_f64();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{LeavePart, LeaveStatus, RuleFamily};
    use crate::model::testutil::{base, close, opts, solve_opt};

    fn busy() -> Instance {
        let mut t = base(10).agent("ANA", "S1", &["S2"]).agent("BOB", "S2", &["S1"]).agent("CLO", "S1", &[]);
        for d in 0..10 {
            t = t.need("S1", d, "08:00", "17:00", 1, 2, Some(2)).need("S2", d, "08:00", "12:00", 1, 1, None);
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
        assert!(text.contains("ANA") && text.contains("total_hours") && text.contains("leave"), "{text}");
    }

    #[test]
    fn switching_thread_counts_on_one_thread_works() {
        let inst = busy();
        let objs: Vec<f64> = [0u32, 1, 2, 1]
            .iter()
            .map(|&threads| {
                let out = solve(&inst, &SolveOptions { threads, ..opts() }).expect("HiGHS runs whatever the thread count");
                assert_eq!(out.status, SolveStatus::Optimal);
                out.objective.expect("optimal objective")
            })
            .collect();
        assert!(objs.iter().all(|o| (o - objs[0]).abs() < 1e-6), "{objs:?}");
    }

    #[test]
    fn bad_options_are_errors_not_panics() {
        let inst = busy();
        let bad = SolveOptions { gap: -1.0, ..opts() };
        assert!(matches!(solve(&inst, &bad), Err(SolveError::BadOption(_))));
        let bad = SolveOptions { seed: u32::MAX, ..opts() };
        assert!(matches!(solve(&inst, &bad), Err(SolveError::BadOption(_))));
    }

    #[test]
    fn a_default_gap_stops_early_as_feasible_or_optimal() {
        let o = SolveOptions { time_limit: 20.0, gap: 1e-4, threads: 1, seed: 3, progress: true };
        let out = solve(&busy(), &o).expect("runs");
        assert!(matches!(out.status, SolveStatus::Optimal | SolveStatus::Feasible));
        assert!(out.planning.is_some());
    }
}
