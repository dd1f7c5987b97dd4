//! Instance → integer program. This module owns the variables and rows of
//! the model: `x[agent, day, shift, secretariat]` binaries, created only for
//! the combinations that the *filter* families allow (eligibility, opening,
//! unavailability, leave, plus a few single-shift impossibilities), the
//! aggregate `z[agent, day, shift] = Σ_sec x` (an expression, not a column),
//! the working-day binary `w[agent, day]`, the grant binary `g[request]` of
//! each requested leave row that may be granted, and every row and objective
//! term, each added by the file of its rule family in [`constraints`], listed
//! once in the registry there.
//!
//! Leave decisions can be imposed ([`Decisions`], carried by [`Scope`]): a
//! request forced granted gets a `g` fixed to 1 (it blocks, credits and draws
//! on its balance exactly like a granted one), a request forced refused gets
//! no `g` (its refusal cost is a constant).
//!
//! Replan ([`Scope::replan`], README "Replan"): the days before `from` are
//! history — their x columns are exactly the previous planning's rows, fixed
//! to 1 even where a filter would now forbid them, and rows made of history
//! only are skipped (`Builder::range`); the family `replan_keep` fixes the
//! kept rows (locked ones, the still-workable rows of short-notice days),
//! restricts additions on short-notice days, and builds the `replan_change`
//! term.
//!
//! Architecture invariant: only `model/` and `solve/` name good_lp or highs.
//! This module builds the program; it never runs HiGHS (that is `solve`).
//! It knows the semantics of README "Model semantics" and nothing of files,
//! CLI or reports. Every soft slack equals its true penalty at an optimum,
//! and the objective constant (penalties no decision can change) is kept in
//! [`ModelInfo::constant`], so that at optimality the objective equals the
//! checker's recomputed total.

mod builder;
mod conflicts;
pub mod constraints;
#[cfg(test)]
pub(crate) mod testutil;

pub(crate) use builder::{Builder, Lin, Var};

use crate::domain::{
    AgentIdx, Assignment, Day, Instance, LeaveIdx, LeaveStatus, Planning, ReplanContext, RuleFamily,
};
use std::collections::{BTreeMap, BTreeSet};

/// A term of the objective, keyed like `[weights]` (each is reported
/// separately in `summary.json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Term {
    /// Agent-hours below a need's `min`.
    Uncovered,
    /// Agent-hours between `min` and `target`.
    BelowTarget,
    /// Agent-hours above `max`.
    AboveMax,
    /// Requested leave refused.
    LeaveRefused,
    /// Weekly overtime.
    Overtime,
    /// Hours below a week's due.
    UnderHours,
    /// Unhonoured `prefer_off` / `prefer_on`.
    Preference,
    /// Shifts worked outside home.
    AwayFromHome,
    /// Changes of secretariat within a day.
    SecretariatChange,
    /// Agent-days (from the replan start on) whose rows differ from the
    /// previous planning's (replan only).
    ReplanChange,
}

impl Term {
    /// Every term, in `[weights]` order.
    pub const ALL: &'static [Term] = &[
        Term::Uncovered,
        Term::BelowTarget,
        Term::AboveMax,
        Term::LeaveRefused,
        Term::Overtime,
        Term::UnderHours,
        Term::Preference,
        Term::AwayFromHome,
        Term::SecretariatChange,
        Term::ReplanChange,
    ];

    /// The `[weights]` key of this term.
    pub fn name(self) -> &'static str {
        // Variants are declared in the order of `Weights::NAMES`.
        crate::domain::Weights::NAMES[self as usize]
    }

    fn index(self) -> usize {
        Term::ALL
            .iter()
            .position(|&t| t == self)
            .expect("every term is listed in Term::ALL")
    }
}

/// Size of a built program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ModelSize {
    /// Columns.
    pub variables: usize,
    /// Binary columns.
    pub binaries: usize,
    /// Rows.
    pub constraints: usize,
}

/// Leave decisions imposed on a solve, e.g. by the reasons engine that
/// grants a refused request "for real" to see what it costs. Indices are
/// rows of `Instance::leaves` with status `requested`
/// ([`Decisions::validate`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decisions {
    /// Requests that must be granted (even beyond their balance: the
    /// program is then infeasible, and the diagnosis names `leave_balance`).
    pub force_granted: Vec<LeaveIdx>,
    /// Requests that must be refused.
    pub force_refused: Vec<LeaveIdx>,
}

impl Decisions {
    /// No decision imposed.
    pub fn none() -> Self {
        Decisions::default()
    }

    /// Checks that every index is a requested leave row and that no request
    /// is both forced granted and forced refused.
    pub fn validate(&self, inst: &Instance) -> Result<(), String> {
        for (&r, what) in self
            .force_granted
            .iter()
            .map(|r| (r, "granted"))
            .chain(self.force_refused.iter().map(|r| (r, "refused")))
        {
            match inst.leaves.get(r) {
                None => {
                    return Err(format!(
                        "leave index {r} forced {what} does not exist ({} leave rows)",
                        inst.leaves.len()
                    ))
                }
                Some(l) if l.status != LeaveStatus::Requested => {
                    return Err(format!(
                        "leave {} forced {what} is not a requested row",
                        l.id
                    ))
                }
                Some(_) => {}
            }
        }
        if let Some(&r) = self
            .force_granted
            .iter()
            .find(|r| self.force_refused.contains(r))
        {
            return Err(format!(
                "leave {} is forced both granted and refused",
                inst.leaves[r].id
            ));
        }
        Ok(())
    }

    /// `Some(true)` forced granted, `Some(false)` forced refused, `None` free.
    pub fn forced(&self, r: LeaveIdx) -> Option<bool> {
        if self.force_granted.contains(&r) {
            Some(true)
        } else if self.force_refused.contains(&r) {
            Some(false)
        } else {
            None
        }
    }

    /// Whether no decision is imposed.
    pub fn is_empty(&self) -> bool {
        self.force_granted.is_empty() && self.force_refused.is_empty()
    }
}

/// What to build: which agents, which families, whether the objective is
/// wanted, and which leave decisions are imposed. [`Scope::full`] is the
/// planning model; the infeasibility diagnosis builds one agent with some
/// hard families removed and no objective.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// Agents planned (`None` = all).
    pub agents: Option<Vec<AgentIdx>>,
    /// Families left out.
    pub disabled: BTreeSet<RuleFamily>,
    /// Whether soft families (the objective) are built.
    pub soft: bool,
    /// Leave decisions imposed.
    pub decisions: Decisions,
    /// Replan context (README "Replan"): history before `from`, kept rows,
    /// short-notice restrictions and the `replan_change` term. `None` = a
    /// planning from scratch.
    pub replan: Option<ReplanContext>,
    /// The shifts of agents *outside* the scope, counted as fixed staff by
    /// the coverage family (construction and large-neighbourhood search
    /// solve a few agents against the rest of a planning). `None` = the
    /// agents outside the scope work nothing.
    pub background: Option<Planning>,
    /// Days of the agents in the scope kept exactly as in a planning (the
    /// large-neighbourhood search frees a window of days): see [`Kept`].
    /// `None` = every day is free.
    pub kept: Option<Kept>,
}

/// Agent-days of a scope whose shifts are those of `planning` and nothing
/// else: their x columns are the planning's rows, fixed to 1 (like a
/// replan's history), and rows made of such columns only are left out —
/// the program is the full one with those columns fixed, but its size is
/// the free days'. `free[agent][day]` says which agent-days are decided;
/// an agent-day outside the table is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    /// `free[agent][day]`: decided by the model (else kept).
    pub free: Vec<Vec<bool>>,
    /// The planning whose rows the kept agent-days keep.
    pub planning: Planning,
}

impl Kept {
    /// Whether agent-day `(a, d)` is kept.
    pub fn keeps(&self, a: AgentIdx, d: Day) -> bool {
        !self
            .free
            .get(a)
            .and_then(|r| r.get(d))
            .copied()
            .unwrap_or(false)
    }
}

impl Scope {
    /// Every agent, every family, the whole objective, no decision imposed.
    pub fn full() -> Self {
        Scope {
            agents: None,
            disabled: BTreeSet::new(),
            soft: true,
            decisions: Decisions::default(),
            replan: None,
            background: None,
            kept: None,
        }
    }

    /// Only the hard rules of one agent, without the families in `disabled`.
    pub fn hard_only(agent: AgentIdx, disabled: BTreeSet<RuleFamily>) -> Self {
        Scope {
            agents: Some(vec![agent]),
            disabled,
            soft: false,
            decisions: Decisions::default(),
            replan: None,
            background: None,
            kept: None,
        }
    }

    /// The same scope replanning from `ctx`.
    pub fn with_replan(mut self, ctx: Option<ReplanContext>) -> Self {
        self.replan = ctx;
        self
    }

    /// The same scope with leave decisions `d` imposed.
    pub fn with_decisions(mut self, d: Decisions) -> Self {
        self.decisions = d;
        self
    }

    /// Whether family `f` is built in this scope.
    pub fn enabled(&self, f: RuleFamily) -> bool {
        !self.disabled.contains(&f) && (self.soft || f.kind() == crate::domain::RuleKind::Hard)
    }
}

/// The good_lp program: columns, objective (without its constant) and rows.
pub(crate) struct Program {
    pub(crate) vars: good_lp::ProblemVariables,
    pub(crate) objective: good_lp::Expression,
    pub(crate) constraints: Vec<good_lp::Constraint>,
}

impl std::fmt::Debug for Program {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Program({} columns, {} rows)",
            self.vars.len(),
            self.constraints.len()
        )
    }
}

/// Everything needed to read a solution of the program back: which column
/// is which assignment, the objective terms, the constant, sizes.
#[derive(Debug, Clone)]
pub struct ModelInfo {
    /// Objective constant: penalties no decision changes (unreachable needs,
    /// refused requests, ...). HiGHS gets it as the objective offset.
    pub constant: f64,
    /// Size of the program.
    pub size: ModelSize,
    /// Rows added by each family (clique rows are counted under the first
    /// family, in registry order, whose conflicts they encode).
    pub rows_per_family: BTreeMap<RuleFamily, usize>,
    /// A family that made the program infeasible by itself (an empty row
    /// whose bounds exclude 0, e.g. a minimum of hours with no shift possible).
    pub trivially_infeasible: Option<RuleFamily>,
    x_cols: Vec<(Assignment, usize)>,
    g_cols: Vec<(LeaveIdx, usize)>,
    forced_granted: Vec<LeaveIdx>,
    terms: Vec<(Term, Lin)>,
    /// Whether the optimal objective of every planning is a whole number
    /// (whole costs, on integer columns or on continuous ones that some
    /// optimal planning has whole, `Builder::whole`; imported benchmark
    /// instances): the bounds of HiGHS's runs are then rounded up.
    pub whole_objective: bool,
}

impl ModelInfo {
    /// The planning encoded by column values `cols` (x > 0.5, granted
    /// requests g > 0.5), normalized.
    pub fn planning(&self, inst: &Instance, cols: &[f64]) -> Planning {
        let on = |c: usize| cols.get(c).copied().unwrap_or(0.0) > 0.5;
        let mut p = Planning {
            assignments: self
                .x_cols
                .iter()
                .filter(|(_, c)| on(*c))
                .map(|(a, _)| *a)
                .collect(),
            granted: self
                .g_cols
                .iter()
                .filter(|(_, c)| on(*c))
                .map(|(r, _)| *r)
                .collect(),
        };
        p.normalize(inst);
        p
    }

    /// The values a planning gives to the decision columns: every `x`
    /// (1 when worked, else 0) and every `g` (1 when granted, else 0). Err
    /// names a worked shift that has no column (a filter family forbids it)
    /// or a granted request that cannot be granted in this model (forced
    /// refused, or beyond its balance on its own), or a request forced
    /// granted that the planning does not grant.
    pub fn decision_values(
        &self,
        inst: &Instance,
        planning: &Planning,
    ) -> Result<Vec<(usize, f64)>, String> {
        let mut worked: Vec<Assignment> = planning.assignments.clone();
        worked.sort_unstable();
        worked.dedup();
        let mut out = Vec::with_capacity(self.x_cols.len() + self.g_cols.len());
        let mut found = 0usize;
        for &(a, c) in &self.x_cols {
            let on = worked.binary_search(&a).is_ok();
            found += usize::from(on);
            out.push((c, if on { 1.0 } else { 0.0 }));
        }
        if found < worked.len() {
            let mut have: Vec<Assignment> = self.x_cols.iter().map(|(a, _)| *a).collect();
            have.sort_unstable();
            if let Some(a) = worked.iter().find(|a| have.binary_search(a).is_err()) {
                let name = |v: Option<&String>| v.cloned().unwrap_or_else(|| "?".into());
                return Err(format!(
                    "agent {} cannot work shift {} at {} on day {} (eligibility, opening, unavailability or leave)",
                    name(inst.agents.get(a.agent).map(|x| &x.id)),
                    name(inst.shifts.get(a.shift).map(|x| &x.id)),
                    name(inst.secretariats.get(a.secretariat).map(|x| &x.id)),
                    a.day
                ));
            }
        }
        for &r in &planning.granted {
            let requested = inst
                .leaves
                .get(r)
                .is_some_and(|l| l.status == LeaveStatus::Requested);
            if requested && !self.g_cols.iter().any(|&(q, _)| q == r) {
                return Err(format!(
                    "request {} cannot be granted (forced refused, or beyond its balance)",
                    inst.leaves[r].id
                ));
            }
        }
        if let Some(&r) = self
            .forced_granted
            .iter()
            .find(|r| !planning.granted.contains(r))
        {
            return Err(format!(
                "request {} is forced granted but not granted in the planning",
                inst.leaves[r].id
            ));
        }
        for &(r, c) in &self.g_cols {
            out.push((
                c,
                if planning.granted.contains(&r) {
                    1.0
                } else {
                    0.0
                },
            ));
        }
        Ok(out)
    }

    /// The value of each objective term at column values `cols`.
    pub fn term_values(&self, cols: &[f64]) -> Vec<(Term, f64)> {
        // Solver round-off (|v| < 1e-9) is reported as 0.
        self.terms
            .iter()
            .map(|(t, lin)| (*t, lin.eval(cols)))
            .map(|(t, v)| (t, if v.abs() < 1e-9 { 0.0 } else { v }))
            .collect()
    }

    /// Column values that encode `planning` for the `x` columns (0 elsewhere);
    /// used by tests to check that a planning is or is not admissible.
    pub fn x_columns(&self) -> impl Iterator<Item = (Assignment, usize)> + '_ {
        self.x_cols.iter().copied()
    }

    /// The grant columns: `(request, column)` for every request that may be
    /// granted in this model (forced granted ones included, fixed to 1).
    pub fn g_columns(&self) -> impl Iterator<Item = (LeaveIdx, usize)> + '_ {
        self.g_cols.iter().copied()
    }
}

/// A built integer program and what is needed to decode its solutions.
#[derive(Debug)]
pub struct Model {
    pub(crate) program: Program,
    /// Decoding information, sizes, constant.
    pub info: ModelInfo,
}

impl Model {
    /// Size of the program.
    pub fn size(&self) -> ModelSize {
        self.info.size
    }
}

/// Builds the planning model of `inst` (every agent, family and term).
pub fn build(inst: &Instance) -> Model {
    build_scoped(inst, &Scope::full())
}

/// Builds the program of `inst` restricted to `scope`.
pub fn build_scoped(inst: &Instance, scope: &Scope) -> Model {
    let mut b = Builder::new(inst, scope);
    b.create_assignments();
    b.create_work_days();
    b.create_grants();
    let covered = conflicts::add_cliques(&mut b);
    b.link_work_days(&covered);
    for fam in constraints::REGISTRY {
        if let Some(build) = fam.build {
            if scope.enabled(fam.family) {
                build(&mut b);
            }
        }
    }
    b.finish()
}

/// Every assignment `agent` may be given at all: the `x` columns of a
/// model of her alone, every hard filter of the registry applied
/// (eligibility, opening, unavailability, approved leave ...). What a
/// construction outside the solver chooses from.
pub fn admissible(inst: &Instance, agent: AgentIdx) -> Vec<Assignment> {
    let scope = Scope::hard_only(agent, BTreeSet::new());
    let mut b = Builder::new(inst, &scope);
    b.create_assignments();
    b.assignments()
}

/// The rule table of the README: each family, hard or soft, and how the
/// model encodes it.
pub fn rule_table() -> Vec<(RuleFamily, &'static str)> {
    constraints::REGISTRY
        .iter()
        .map(|f| (f.family, f.modelled))
        .collect()
}
