//! The model under construction: columns, linear expressions, rows and
//! objective terms, plus the facts of the instance that several families
//! read (open days, `off` rows, approved and requested leave, ISO weeks and
//! their months), and the grant binaries `g[request]` shared by leave,
//! leave_balance and the hours accounting. Families add to
//! it through small methods; [`Builder::finish`] turns it into the good_lp
//! program. Iteration is always in index order, so the same instance gives
//! the same program column for column and row for row.

use super::constraints::{self, REGISTRY};
use super::{Model, ModelInfo, ModelSize, Program, Scope, Term};
use crate::domain::calendar::IsoWeek;
use crate::domain::hours;
use crate::domain::{
    AgentIdx, Assignment, AvailabilityKind, AvailabilityScope, Contract, Day, Instance, LeaveIdx,
    LeaveStatus, RuleFamily, SecretariatIdx, ShiftIdx,
};
use good_lp::{variable, Expression, ProblemVariables};
use std::collections::BTreeMap;

/// A column of the program.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Var {
    pub(crate) v: good_lp::Variable,
    pub(crate) col: usize,
}

/// A linear expression over columns, with a constant.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lin {
    pub(crate) terms: Vec<(Var, f64)>,
    pub(crate) constant: f64,
}

impl Lin {
    /// The expression `c`.
    pub(crate) fn constant(c: f64) -> Self {
        Lin {
            terms: Vec::new(),
            constant: c,
        }
    }
    /// The expression `v`.
    pub(crate) fn var(v: Var) -> Self {
        Lin {
            terms: vec![(v, 1.0)],
            constant: 0.0,
        }
    }
    /// self += c·v
    pub(crate) fn add(&mut self, v: Var, c: f64) -> &mut Self {
        if c != 0.0 {
            self.terms.push((v, c));
        }
        self
    }
    /// self += c·other
    pub(crate) fn add_lin(&mut self, other: &Lin, c: f64) -> &mut Self {
        if c != 0.0 {
            self.terms
                .extend(other.terms.iter().map(|&(v, k)| (v, k * c)));
            self.constant += other.constant * c;
        }
        self
    }
    /// self += c
    pub(crate) fn add_constant(&mut self, c: f64) -> &mut Self {
        self.constant += c;
        self
    }
    /// Value at column values `cols`.
    pub(crate) fn eval(&self, cols: &[f64]) -> f64 {
        self.constant
            + self
                .terms
                .iter()
                .map(|(v, c)| c * cols.get(v.col).copied().unwrap_or(0.0))
                .sum::<f64>()
    }
    /// Merges repeated columns (keeps first-appearance order).
    fn merged(&self) -> Vec<(Var, f64)> {
        let mut pos: BTreeMap<usize, usize> = BTreeMap::new();
        let mut out: Vec<(Var, f64)> = Vec::with_capacity(self.terms.len());
        for &(v, c) in &self.terms {
            match pos.get(&v.col) {
                Some(&i) => out[i].1 += c,
                None => {
                    pos.insert(v.col, out.len());
                    out.push((v, c));
                }
            }
        }
        out.retain(|(_, c)| *c != 0.0);
        out
    }
}

/// x columns by agent, day, shift: `(secretariat, column)` ascending.
pub(crate) type Cells = Vec<Vec<Vec<Vec<(SecretariatIdx, Var)>>>>;

#[derive(Debug)]
struct Row {
    terms: Vec<(Var, f64)>,
    lo: f64,
    hi: f64,
}

/// The model under construction.
pub(crate) struct Builder<'a> {
    /// The instance.
    pub(crate) inst: &'a Instance,
    /// What is built.
    pub(crate) scope: &'a Scope,
    /// Agents planned, ascending.
    pub(crate) agents: Vec<AgentIdx>,
    /// ISO weeks touching the horizon.
    pub(crate) weeks: Vec<IsoWeek>,
    /// `open[sec][day]` (README "Opening", day part).
    pub(crate) open: Vec<Vec<bool>>,
    /// `off_rows[agent][day]`: scopes of the `off` availability occurrences.
    pub(crate) off_rows: Vec<Vec<Vec<AvailabilityScope>>>,
    /// `approved_leave[agent][day]`: approved leave rows touching that day.
    pub(crate) approved_leave: Vec<Vec<Vec<LeaveIdx>>>,
    /// `requested_leave[agent][day]`: requested leave rows touching that day.
    pub(crate) requested_leave: Vec<Vec<Vec<LeaveIdx>>>,
    /// `g[request]`: the grant binary of each request that may be granted.
    pub(crate) grants: BTreeMap<LeaveIdx, Var>,
    /// `cells[agent][day][shift]`: the x columns, by secretariat ascending.
    pub(crate) cells: Cells,
    /// `work[agent][day]`: the working-day expression (`None` = no shift possible).
    pub(crate) work: Vec<Vec<Option<Lin>>>,
    /// `work_var[agent][day]`: the working-day binary when one was created.
    pub(crate) work_var: Vec<Vec<Option<Var>>>,
    vars: ProblemVariables,
    ncols: usize,
    nbin: usize,
    rows: Vec<Row>,
    rows_per_family: BTreeMap<RuleFamily, usize>,
    objective: Vec<Lin>,
    balance: BTreeMap<(AgentIdx, usize), (Var, Var)>,
    x_list: Vec<(Assignment, Var)>,
    infeasible: Option<RuleFamily>,
    /// Replan facts (`Scope::replan`), precomputed once.
    pub(crate) replan: Option<constraints::replan_keep::ReplanFacts>,
    /// `(lower, upper)` bound of each column.
    bounds: Vec<(f64, f64)>,
    /// Whether each column is history (replan: a day before `from`; kept
    /// agent-days, `Scope::kept`), fixed to 1.
    history: Vec<bool>,
    /// Rows of the kept planning (`Scope::kept`) by agent-day.
    kept_rows: BTreeMap<(AgentIdx, Day), Vec<Assignment>>,
    /// What each column is: integer, continuous, or whole at an optimum.
    kinds: Vec<ColumnKind>,
}

/// What a column is, as [`Builder::finish`] needs to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ColumnKind {
    /// Binary or integer.
    Integer,
    /// Continuous, with no promise of a whole value at an optimum
    /// (overtime minutes priced per hour, a weekly rest indicator).
    Continuous,
    /// Continuous, but some optimal planning has it whole once the
    /// integer columns are ([`Builder::whole`]).
    Whole,
}

/// Tolerance of constant-row checks.
const EPS: f64 = 1e-9;

impl<'a> Builder<'a> {
    /// Precomputes the facts families read.
    pub(crate) fn new(inst: &'a Instance, scope: &'a Scope) -> Self {
        let days = inst.horizon.days;
        let n_agents = inst.agents.len();
        let mut agents: Vec<AgentIdx> = match &scope.agents {
            Some(list) => list.iter().copied().filter(|&a| a < n_agents).collect(),
            None => (0..n_agents).collect(),
        };
        agents.sort_unstable();
        agents.dedup();
        let open = (0..inst.secretariats.len())
            .map(|s| {
                let s_days = &inst.secretariats[s].days;
                let mut row: Vec<bool> = (0..days)
                    .map(|d| {
                        s_days.contains(&inst.horizon.weekday(d))
                            && !inst.horizon.is_holiday(d)
                            && !inst.closures.contains(&(s, d))
                    })
                    .collect();
                for n in &inst.needs {
                    if n.dated && n.secretariat == s && n.day < days {
                        row[n.day] = true;
                    }
                }
                row
            })
            .collect();
        let mut off_rows = vec![vec![Vec::new(); days]; n_agents];
        for av in &inst.availability {
            if av.kind == AvailabilityKind::Off && av.agent < n_agents && av.day < days {
                off_rows[av.agent][av.day].push(av.scope);
            }
        }
        let mut approved_leave = vec![vec![Vec::new(); days]; n_agents];
        let mut requested_leave = vec![vec![Vec::new(); days]; n_agents];
        for (i, l) in inst.leaves.iter().enumerate() {
            if l.agent >= n_agents {
                continue;
            }
            let target = if l.status == LeaveStatus::Approved {
                &mut approved_leave
            } else {
                &mut requested_leave
            };
            for d in l.days_in(&inst.horizon) {
                target[l.agent][d].push(i);
            }
        }
        let mut kept_rows: BTreeMap<(AgentIdx, Day), Vec<Assignment>> = BTreeMap::new();
        if let Some(kept) = &scope.kept {
            for row in &kept.planning.assignments {
                if agents.binary_search(&row.agent).is_ok() && kept.keeps(row.agent, row.day) {
                    kept_rows
                        .entry((row.agent, row.day))
                        .or_default()
                        .push(*row);
                }
            }
        }
        Builder {
            inst,
            scope,
            agents,
            weeks: inst.horizon.iso_weeks(),
            open,
            off_rows,
            approved_leave,
            requested_leave,
            grants: BTreeMap::new(),
            cells: vec![vec![vec![Vec::new(); inst.shifts.len()]; days]; n_agents],
            work: vec![vec![None; days]; n_agents],
            work_var: vec![vec![None; days]; n_agents],
            vars: ProblemVariables::new(),
            ncols: 0,
            nbin: 0,
            rows: Vec::new(),
            rows_per_family: BTreeMap::new(),
            objective: vec![Lin::default(); Term::ALL.len()],
            balance: BTreeMap::new(),
            x_list: Vec::new(),
            infeasible: None,
            replan: scope
                .replan
                .as_ref()
                .map(|ctx| constraints::replan_keep::ReplanFacts::new(inst, ctx)),
            bounds: Vec::new(),
            history: Vec::new(),
            kinds: Vec::new(),
            kept_rows,
        }
    }

    /// Whether family `f` is built.
    pub(crate) fn enabled(&self, f: RuleFamily) -> bool {
        self.scope.enabled(f)
    }

    /// Number of horizon days.
    pub(crate) fn days(&self) -> usize {
        self.inst.horizon.days
    }

    /// The contract of agent `a`.
    pub(crate) fn contract(&self, a: AgentIdx) -> &'a Contract {
        self.inst.contract_of(a)
    }

    /// Paid minutes of shift kind `s`.
    pub(crate) fn paid(&self, s: ShiftIdx) -> i64 {
        self.inst.shifts[s].paid_minutes()
    }

    /// A new binary column.
    pub(crate) fn binary(&mut self) -> Var {
        self.nbin += 1;
        self.push_var(variable().binary(), 0.0, 1.0)
    }

    /// A new integer column fixed to `value` (a decision imposed from outside).
    pub(crate) fn fixed_integer(&mut self, value: f64) -> Var {
        self.nbin += 1;
        self.push_var(variable().integer().min(value).max(value), value, value)
    }

    /// A new continuous column in [lo, hi].
    pub(crate) fn continuous(&mut self, lo: f64, hi: f64) -> Var {
        let v = self.push_var(variable().min(lo).max(hi), lo, hi);
        self.kinds[v.col] = ColumnKind::Continuous;
        v
    }

    /// A new continuous column in [lo, hi] (whole numbers) that some
    /// optimal planning has whole once the integer columns are: a slack
    /// or an indicator whose rows have whole coefficients, such as a
    /// coverage shortfall `u ≥ target − Σ x` or a preference `p ≥ z`.
    /// With whole costs, such columns keep every planning's objective a
    /// whole number ([`ModelInfo::whole_objective`]).
    pub(crate) fn whole(&mut self, lo: f64, hi: f64) -> Var {
        let v = self.continuous(lo, hi);
        self.kinds[v.col] = ColumnKind::Whole;
        v
    }

    /// A history column (replan: a row worked before `from`; a row of a
    /// kept agent-day): fixed to 1,
    /// replaced by its value in every row ([`Builder::range`]).
    fn history_one(&mut self) -> Var {
        let v = self.fixed_integer(1.0);
        self.history[v.col] = true;
        v
    }

    fn push_var(&mut self, def: good_lp::VariableDefinition, lo: f64, hi: f64) -> Var {
        let v = self.vars.add(def);
        let col = self.ncols;
        self.ncols += 1;
        self.kinds.push(ColumnKind::Integer);
        self.bounds.push((lo, hi));
        self.history.push(false);
        Var { v, col }
    }

    /// The first replan day (`None` outside a replan): days before it are history.
    pub(crate) fn replan_from(&self) -> Option<Day> {
        self.replan.as_ref().map(|r| r.from)
    }

    /// Whether day `d` is history (a replan day before `from`).
    pub(crate) fn is_history(&self, d: Day) -> bool {
        self.replan_from().is_some_and(|f| d < f)
    }

    /// The rows agent `a` works on day `d` whatever the model decides — the
    /// previous planning's on a replan's history day, the kept planning's on
    /// a kept agent-day (`Scope::kept`) — or `None` when the day is decided.
    fn fixed_rows(&self, a: AgentIdx, d: Day) -> Option<Vec<Assignment>> {
        if !self.is_fixed(a, d) {
            return None;
        }
        if self.is_history(d) {
            return Some(
                self.replan
                    .as_ref()
                    .map(|r| r.previous_of(a, d))
                    .unwrap_or_default(),
            );
        }
        Some(self.kept_rows.get(&(a, d)).cloned().unwrap_or_default())
    }

    /// Whether the rows of agent `a` on day `d` are fixed ([`Builder::fixed_rows`]).
    fn is_fixed(&self, a: AgentIdx, d: Day) -> bool {
        self.is_history(d) || self.scope.kept.as_ref().is_some_and(|k| k.keeps(a, d))
    }

    /// The assignments created so far, in creation order.
    pub(crate) fn assignments(&self) -> Vec<Assignment> {
        self.x_list.iter().map(|&(a, _)| a).collect()
    }

    /// Whether agent `a` may work shift `s` dated `d` somewhere.
    pub(crate) fn has(&self, a: AgentIdx, d: Day, s: ShiftIdx) -> bool {
        !self.cells[a][d][s].is_empty()
    }

    /// `z[a, d, s] = Σ_sec x[a, d, s, sec]`.
    pub(crate) fn z(&self, a: AgentIdx, d: Day, s: ShiftIdx) -> Lin {
        Lin {
            terms: self.cells[a][d][s].iter().map(|&(_, v)| (v, 1.0)).collect(),
            constant: 0.0,
        }
    }

    /// Shift kinds agent `a` may work on day `d`, ascending.
    pub(crate) fn kinds(&self, a: AgentIdx, d: Day) -> Vec<ShiftIdx> {
        (0..self.inst.shifts.len())
            .filter(|&s| self.has(a, d, s))
            .collect()
    }

    /// Paid minutes worked on day `d`: `Σ_s paid(s)·z[a, d, s]`.
    pub(crate) fn paid_on(&self, a: AgentIdx, d: Day) -> Lin {
        let mut l = Lin::default();
        for s in 0..self.inst.shifts.len() {
            let p = self.paid(s) as f64;
            for &(_, v) in &self.cells[a][d][s] {
                l.add(v, p);
            }
        }
        l
    }

    /// The working-day expression of `a` on `d` (0 when no shift is possible).
    pub(crate) fn w(&self, a: AgentIdx, d: Day) -> Lin {
        self.work[a][d].clone().unwrap_or_default()
    }

    /// Whether `a` may work on `d` at all.
    pub(crate) fn can_work(&self, a: AgentIdx, d: Day) -> bool {
        self.work[a][d].is_some()
    }

    /// Upper bound of the paid minutes `a` can work on `d` (weighted interval
    /// scheduling over her possible kinds when shifts may not overlap).
    pub(crate) fn max_paid_on(&self, a: AgentIdx, d: Day) -> i64 {
        let kinds = self.kinds(a, d);
        let mut bound: i64 = if self.enabled(RuleFamily::OneShiftAtATime) {
            self.max_non_overlapping(&kinds)
        } else {
            kinds.iter().map(|&s| self.paid(s).max(0)).sum()
        };
        if self.enabled(RuleFamily::MaxDailyHours) {
            bound = bound.min(self.inst.rules.max_daily_minutes.max(0));
        }
        bound
    }

    /// Largest paid total of pairwise non-overlapping kinds among `kinds`
    /// (weighted interval scheduling on their times of day).
    pub(crate) fn max_non_overlapping(&self, kinds: &[ShiftIdx]) -> i64 {
        let mut iv: Vec<(i64, i64, i64)> = kinds
            .iter()
            .map(|&s| {
                (
                    self.inst.shifts[s].start,
                    self.inst.shifts[s].end,
                    self.paid(s).max(0),
                )
            })
            .collect();
        iv.sort_by_key(|t| (t.1, t.0));
        let mut best: Vec<i64> = Vec::with_capacity(iv.len());
        for i in 0..iv.len() {
            let prev = (0..i)
                .rev()
                .find(|&j| iv[j].1 <= iv[i].0)
                .map(|j| best[j])
                .unwrap_or(0);
            let skip = if i > 0 { best[i - 1] } else { 0 };
            best.push((prev + iv[i].2).max(skip));
        }
        best.last().copied().unwrap_or(0)
    }

    /// Adds `lo ≤ lin ≤ hi` for family `fam`.
    ///
    /// History columns (rows worked before a replan's `from`, rows of kept
    /// agent-days; fixed to one) are replaced by their value. A row made of history columns only
    /// concerns the past and is skipped (the past cannot be re-planned). A
    /// row mixing history and other columns is kept, except that when the
    /// history part alone already makes it impossible (with the other
    /// columns at their most favourable bounds: e.g. a rolling 7-day window
    /// already over its limit before `from`), its bound is relaxed to that
    /// value — the rest of the row must then add nothing — rather than
    /// making the program infeasible.
    pub(crate) fn range(&mut self, fam: RuleFamily, lin: &Lin, lo: f64, hi: f64) {
        let mut terms = lin.merged();
        let (mut lo, mut hi) = (lo - lin.constant, hi - lin.constant);
        if self.replan.is_some() || self.scope.kept.is_some() {
            let before = terms.len();
            let mut past = 0.0;
            let history = &self.history;
            terms.retain(|&(v, c)| {
                let h = history.get(v.col).copied().unwrap_or(false);
                if h {
                    past += c;
                }
                !h
            });
            if terms.len() < before {
                if terms.is_empty() {
                    return;
                }
                lo -= past;
                hi -= past;
                let bound = |v: &Var| {
                    self.bounds
                        .get(v.col)
                        .copied()
                        .unwrap_or((f64::NEG_INFINITY, f64::INFINITY))
                };
                let min_f: f64 = terms
                    .iter()
                    .map(|(v, c)| (c * bound(v).0).min(c * bound(v).1))
                    .sum();
                let max_f: f64 = terms
                    .iter()
                    .map(|(v, c)| (c * bound(v).0).max(c * bound(v).1))
                    .sum();
                if min_f > hi + EPS {
                    hi = min_f;
                }
                if max_f < lo - EPS {
                    lo = max_f;
                }
            }
        }
        if terms.is_empty() {
            if lo > EPS || hi < -EPS {
                self.infeasible.get_or_insert(fam);
                *self.rows_per_family.entry(fam).or_default() += 1;
            }
            return;
        }
        *self.rows_per_family.entry(fam).or_default() += 1;
        self.rows.push(Row { terms, lo, hi });
    }

    /// Adds `lin ≤ rhs`.
    pub(crate) fn le(&mut self, fam: RuleFamily, lin: &Lin, rhs: f64) {
        self.range(fam, lin, f64::NEG_INFINITY, rhs)
    }

    /// Adds `lin ≥ rhs`.
    pub(crate) fn ge(&mut self, fam: RuleFamily, lin: &Lin, rhs: f64) {
        self.range(fam, lin, rhs, f64::INFINITY)
    }

    /// Adds `lin = rhs`.
    pub(crate) fn eq(&mut self, fam: RuleFamily, lin: &Lin, rhs: f64) {
        self.range(fam, lin, rhs, rhs)
    }

    /// Adds `coef · lin` to objective term `term`.
    pub(crate) fn objective(&mut self, term: Term, lin: &Lin, coef: f64) {
        self.objective[term.index()].add_lin(lin, coef);
    }

    /// Adds `coef · v` to objective term `term`.
    pub(crate) fn objective_var(&mut self, term: Term, v: Var, coef: f64) {
        self.objective[term.index()].add(v, coef);
    }

    /// Adds a constant to objective term `term`.
    pub(crate) fn objective_constant(&mut self, term: Term, c: f64) {
        self.objective[term.index()].add_constant(c);
    }

    /// The weekly overtime and under-hours columns `(o, u)` of agent `a` in
    /// week `wi` (index into `weeks`), with the row
    /// `worked − o + u = due − credited`, created on first use. Both are
    /// ≥ 0; at an optimum (positive weights, or the monthly cap) they equal
    /// max(0, worked + credited − due) and max(0, due − worked − credited).
    pub(crate) fn week_balance(&mut self, a: AgentIdx, wi: usize) -> (Var, Var) {
        if let Some(&ou) = self.balance.get(&(a, wi)) {
            return ou;
        }
        let week = self.weeks[wi].clone();
        let due = hours::week_due_minutes(self.inst, a, &week) as f64;
        let credited = self.credited_minutes(a, &week);
        let o = self.continuous(0.0, f64::INFINITY);
        let u = self.continuous(0.0, f64::INFINITY);
        let mut lin = Lin::default();
        for &d in &week.days {
            lin.add_lin(&self.paid_on(a, d), 1.0);
        }
        lin.add(o, -1.0).add(u, 1.0);
        lin.add_lin(&credited, 1.0);
        self.eq(RuleFamily::HoursBalance, &lin, due);
        self.balance.insert((a, wi), (o, u));
        (o, u)
    }

    /// The grant binary of request `r`, if it may be granted in this model.
    pub(crate) fn g(&self, r: LeaveIdx) -> Option<Var> {
        self.grants.get(&r).copied()
    }

    /// The grant binaries of agent `a` on day `d`: `(request, g)` in index order.
    pub(crate) fn grants_on(&self, a: AgentIdx, d: Day) -> Vec<(LeaveIdx, Var)> {
        self.requested_leave[a][d]
            .iter()
            .filter_map(|&r| self.g(r).map(|g| (r, g)))
            .collect()
    }

    /// The months of the horizon (`YYYY-MM`, weeks by their Thursday) with
    /// the indices into `weeks` of their weeks, in calendar order.
    pub(crate) fn months(&self) -> Vec<(String, Vec<usize>)> {
        let mut months: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, w) in self.weeks.iter().enumerate() {
            months.entry(w.month_label()).or_default().push(i);
        }
        months.into_iter().collect()
    }

    /// Creates `g[r]` for every requested row of a planned agent, unless it
    /// is forced refused or (leave_balance built) its own days exceed its
    /// balance: those are refused for sure and get no column. A request
    /// forced granted gets a column fixed to 1.
    pub(crate) fn create_grants(&mut self) {
        let balance_on = self.enabled(RuleFamily::LeaveBalance);
        for r in 0..self.inst.leaves.len() {
            let l = &self.inst.leaves[r];
            if l.status != LeaveStatus::Requested || self.agents.binary_search(&l.agent).is_err() {
                continue;
            }
            let g = match self.scope.decisions.forced(r) {
                Some(false) => continue,
                Some(true) => self.fixed_integer(1.0),
                None if balance_on && constraints::leave_balance::exceeds_alone(self.inst, r) => {
                    continue
                }
                None => self.binary(),
            };
            self.grants.insert(r, g);
        }
    }

    /// Credited minutes of a week (holidays and counted leave days), as
    /// `domain::hours::credited_minutes_on` computes them day by day for the
    /// requests granted. A day's credit depends on the granted requests
    /// touching it only through `min(1, approved + granted fractions)`:
    /// - no request with a column: the constant credit of approved leave;
    /// - one: that constant + (credit with it − credit without it)·g;
    /// - several (rare: two half days, or overlapping requests): in half-day
    ///   units H = H0 + Σ k_r·g_r, a binary level `L_j = [H ≥ j]` for each
    ///   j in (H0, 2] (rows `H ≥ j·L_j` and `H ≤ j − 1 + (Hmax − j + 1)·L_j`),
    ///   credit = credit(H0) + Σ_j (credit(j) − credit(j − 1))·L_j — exact,
    ///   rounding and the one-day cap included.
    fn credited_minutes(&mut self, a: AgentIdx, week: &IsoWeek) -> Lin {
        let inst = self.inst;
        let mut lin = Lin::default();
        for &d in &week.days {
            let base = hours::credited_minutes_on(inst, a, d, &[]);
            lin.add_constant(base as f64);
            let reqs = self.grants_on(a, d);
            let all: Vec<LeaveIdx> = reqs.iter().map(|&(r, _)| r).collect();
            if reqs.is_empty() || hours::credited_minutes_on(inst, a, d, &all) == base {
                continue; // credits are monotone in the granted set: nothing can change
            }
            if let [(r, g)] = reqs[..] {
                lin.add(
                    g,
                    (hours::credited_minutes_on(inst, a, d, &[r]) - base) as f64,
                );
                continue;
            }
            let date = inst.horizon.date(d);
            let halves = |f: f64| (f * 2.0).round() as i64;
            let h0: i64 = inst
                .leaves
                .iter()
                .filter(|l| {
                    l.agent == a
                        && l.status == LeaveStatus::Approved
                        && l.first_day <= date
                        && date <= l.last_day
                })
                .map(|l| halves(l.day_fraction()))
                .sum();
            let mut h = Lin::constant(h0 as f64);
            for &(r, g) in &reqs {
                h.add(g, halves(inst.leaves[r].day_fraction()) as f64);
            }
            let h_max = h0
                + reqs
                    .iter()
                    .map(|&(r, _)| halves(inst.leaves[r].day_fraction()))
                    .sum::<i64>();
            let credit = hours::daily_credit_minutes(inst, a) as f64;
            let at = |j: i64| (credit * (j.min(2) as f64 / 2.0)).round();
            for j in (h0 + 1)..=2 {
                let level = self.binary();
                let mut lo = h.clone();
                lo.add(level, -(j as f64));
                self.ge(RuleFamily::HoursBalance, &lo, 0.0);
                let mut hi = h.clone();
                hi.add(level, -((h_max - j + 1) as f64));
                self.le(RuleFamily::HoursBalance, &hi, (j - 1) as f64);
                lin.add(level, at(j) - at(j - 1));
            }
        }
        lin
    }

    /// Creates the x columns allowed by every enabled filter.
    pub(crate) fn create_assignments(&mut self) {
        let filters: Vec<constraints::AllowFn> = REGISTRY
            .iter()
            .filter(|f| self.enabled(f.family))
            .filter_map(|f| f.allows)
            .collect();
        let n_sec = self.inst.secretariats.len();
        for ai in 0..self.agents.len() {
            let a = self.agents[ai];
            for d in 0..self.days() {
                if let Some(rows) = self.fixed_rows(a, d) {
                    // History or kept: exactly those rows, whatever the filters say now.
                    for row in rows {
                        let v = self.history_one();
                        self.cells[a][d][row.shift].push((row.secretariat, v));
                        self.x_list.push((row, v));
                    }
                    continue;
                }
                for s in 0..self.inst.shifts.len() {
                    for sec in 0..n_sec {
                        if filters.iter().all(|f| f(self, a, d, s, sec)) {
                            let v = self.binary();
                            self.cells[a][d][s].push((sec, v));
                            self.x_list.push((
                                Assignment {
                                    agent: a,
                                    day: d,
                                    shift: s,
                                    secretariat: sec,
                                },
                                v,
                            ));
                        }
                    }
                }
            }
        }
    }

    /// Creates `w[a, d]`: none when no shift is possible, the x column itself
    /// when exactly one is, else a binary linked in [`Builder::link_work_days`].
    pub(crate) fn create_work_days(&mut self) {
        for ai in 0..self.agents.len() {
            let a = self.agents[ai];
            for d in 0..self.days() {
                let mut xs = self.cells[a][d].iter().flatten().map(|&(_, v)| v);
                match (xs.next(), xs.next()) {
                    (None, _) => {}
                    (Some(x), None) => self.work[a][d] = Some(Lin::var(x)),
                    _ if self.is_fixed(a, d) => {
                        let w = self.history_one();
                        self.work[a][d] = Some(Lin::var(w));
                        self.work_var[a][d] = Some(w);
                    }
                    _ => {
                        let w = self.binary();
                        self.work[a][d] = Some(Lin::var(w));
                        self.work_var[a][d] = Some(w);
                    }
                }
            }
        }
    }

    /// `w ≥ z[s]` for every kind not already in a same-day clique row
    /// `Σ z ≤ w`, and `w ≤ Σ_s z[s]`: w is exactly "some shift is dated d".
    pub(crate) fn link_work_days(&mut self, covered: &[Vec<Vec<bool>>]) {
        for ai in 0..self.agents.len() {
            let a = self.agents[ai];
            for d in 0..self.days() {
                let Some(w) = self.work_var[a][d] else {
                    continue;
                };
                let mut all = Lin::default();
                for s in self.kinds(a, d) {
                    let z = self.z(a, d, s);
                    all.add_lin(&z, 1.0);
                    let is_covered = covered
                        .get(a)
                        .and_then(|c| c.get(d))
                        .and_then(|c| c.get(s))
                        .copied()
                        .unwrap_or(false);
                    if !is_covered {
                        let mut l = z;
                        l.add(w, -1.0);
                        self.le(RuleFamily::OneShiftAtATime, &l, 0.0);
                    }
                }
                all.add(w, -1.0);
                self.ge(RuleFamily::OneShiftAtATime, &all, 0.0);
            }
        }
    }

    /// Turns the builder into the good_lp program.
    pub(crate) fn finish(self) -> Model {
        let mut objective = Expression::with_capacity(self.ncols);
        let mut constant = 0.0;
        // Each column's cost, summed over the terms.
        let mut cost = vec![0.0; self.ncols];
        let mut terms = Vec::new();
        for (i, lin) in self.objective.into_iter().enumerate() {
            for &(v, c) in &lin.terms {
                objective.add_mul(c, v.v);
                cost[v.col] += c;
            }
            constant += lin.constant;
            terms.push((Term::ALL[i], lin));
        }
        let whole_objective = whole_objective(&self.kinds, &cost, constant);
        let mut constraints = Vec::with_capacity(self.rows.len());
        for row in &self.rows {
            let mut e = Expression::with_capacity(row.terms.len());
            for &(v, c) in &row.terms {
                e.add_mul(c, v.v);
            }
            if row.lo == row.hi {
                constraints.push(e.eq(row.lo));
            } else {
                if row.hi.is_finite() {
                    constraints.push(e.clone().leq(row.hi));
                }
                if row.lo.is_finite() {
                    constraints.push((-e).leq(-row.lo));
                }
            }
        }
        let size = ModelSize {
            variables: self.ncols,
            binaries: self.nbin,
            constraints: constraints.len(),
        };
        let x_cols = self.x_list.iter().map(|&(a, v)| (a, v.col)).collect();
        let g_cols = self.grants.iter().map(|(&r, v)| (r, v.col)).collect();
        let forced_granted = self
            .scope
            .decisions
            .force_granted
            .iter()
            .copied()
            .filter(|r| self.grants.contains_key(r))
            .collect();
        Model {
            program: Program {
                vars: self.vars,
                objective,
                constraints,
            },
            info: ModelInfo {
                constant,
                size,
                rows_per_family: self.rows_per_family,
                trivially_infeasible: self.infeasible,
                x_cols,
                g_cols,
                forced_granted,
                terms,
                whole_objective,
            },
        }
    }
}

/// Whether the optimal objective of every planning is a whole number
/// (`cost`: each column's, `constant`: the objective's): the constant and
/// every cost are whole, and every column with a cost is
/// integer or [`ColumnKind::Whole`].
fn whole_objective(kinds: &[ColumnKind], cost: &[f64], constant: f64) -> bool {
    let is_whole = |c: f64| (c - c.round()).abs() <= 1e-9 * c.abs().max(1.0);
    is_whole(constant)
        && (0..kinds.len())
            .filter(|&c| cost[c] != 0.0)
            .all(|c| kinds[c] != ColumnKind::Continuous && is_whole(cost[c]))
}
