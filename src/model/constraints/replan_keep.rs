//! replan_keep (hard, plus the `replan_change` term): replanning from a
//! previous planning with minimal change (README "Replan",
//! `Scope::replan`). F = `ctx.from`.
//! - *History* (days before F) is built by `Builder` itself, not here: the
//!   x columns of those days are exactly the previous rows, fixed to 1 even
//!   where a filter would now forbid them (a new absence dated in the past
//!   does not rewrite history), and rows made of history columns only are
//!   skipped; a row mixing history and later days whose history part alone
//!   already breaks it gets its bound relaxed to that part
//!   (`Builder::range`).
//! - *Kept rows* — the `locked` rows dated from F on — are fixed: `x = 1`.
//!   A kept row without a column (a filter forbids it: new leave, closure,
//!   ...) gives the empty row `0 = 1`: the program is infeasible and the
//!   diagnosis names this family with the filter family.
//! - On short-notice days a previous row that is still workable
//!   (`domain::replan::still_workable`) stays unless its agent is moved to a
//!   covering row that day: `x_row + Σ x(covering rows not previous) ≥ 1`.
//! - *Short-notice days* (filter): a column exists only for a previous row
//!   or a (secretariat, day, shift) of `domain::replan::short_notice_additions`.
//! - *Requests granted in the previous planning* are forced granted by the
//!   caller through `Decisions` (`solve::solve_replan`).
//! - *replan_change*: per agent and day ≥ F, a continuous `c ∈ [0, 1]` with
//!   `c ≥ 1 − x` for each previous row of that agent-day and `c ≥ Σ x` over
//!   the non-previous columns of each group of kinds sharing an instant (at
//!   most one of them is worked), cost `replan_change × c`. At an optimum c
//!   is 1 exactly when the set of (shift, secretariat) rows of the day
//!   differs. A previous row without a column costs the constant weight;
//!   a day without previous rows costs `weight × w`.

use super::secretariat_change::instant_cliques;
use super::{Family, REGISTRY};
use crate::domain::replan::{short_notice_additions, still_workable};
use crate::domain::{
    AgentIdx, Assignment, Day, Instance, LeaveStatus, ReplanContext, RuleFamily, SecretariatIdx,
    ShiftIdx,
};
use crate::model::{Builder, Lin, Scope, Term, Var};
use std::collections::{BTreeMap, BTreeSet};

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::ReplanKeep,
    allows: Some(allows),
    conflicts: None,
    build: Some(build),
    describe,
    modelled: "history before --from: previous rows as columns fixed to 1, rows of history only skipped; kept rows (locked, still-workable short-notice rows) x = 1; short-notice days: filter to previous rows and short_notice_additions; replan_change: c ≥ 1 − x per previous row, c ≥ Σ x over new rows sharing an instant, cost weight·c per agent-day",
};

/// The context with every row naming an unknown agent, shift or
/// secretariat, or a day outside the horizon, left out; `previous`
/// normalized, `granted` restricted to requested rows, `notice_days` to
/// horizon days from `from` on. The model and `solve_replan` read only this.
pub fn sanitize_context(inst: &Instance, ctx: &ReplanContext) -> ReplanContext {
    let valid = |a: &Assignment| {
        a.agent < inst.agents.len()
            && a.shift < inst.shifts.len()
            && a.secretariat < inst.secretariats.len()
            && a.day < inst.horizon.days
    };
    let mut previous = ctx.previous.clone();
    previous.assignments.retain(valid);
    previous.granted.retain(|&r| {
        inst.leaves
            .get(r)
            .is_some_and(|l| l.status == LeaveStatus::Requested)
    });
    previous.normalize(inst);
    let mut locked: Vec<Assignment> = ctx.locked.iter().copied().filter(valid).collect();
    locked.sort_unstable();
    locked.dedup();
    let mut notice_days: Vec<Day> = ctx
        .notice_days
        .iter()
        .copied()
        .filter(|&d| d >= ctx.from && d < inst.horizon.days)
        .collect();
    notice_days.sort_unstable();
    notice_days.dedup();
    ReplanContext {
        previous,
        from: ctx.from,
        locked,
        notice_days,
    }
}

/// The facts of a replan the model reads, computed once per build.
#[derive(Debug, Clone)]
pub(crate) struct ReplanFacts {
    /// First day that may change.
    pub(crate) from: Day,
    /// The previous rows, by (agent, day), each sorted.
    previous: BTreeMap<(AgentIdx, Day), Vec<Assignment>>,
    /// Rows to keep (day ≥ from) → whether they are locked.
    pub(crate) kept: BTreeMap<Assignment, bool>,
    /// Previous rows of short-notice days that can still be worked: each is
    /// kept unless its agent gains a covering row that day.
    notice_workable: Vec<Assignment>,
    /// Short-notice days.
    notice: BTreeSet<Day>,
    /// Rows that may be added on short-notice days.
    additions: BTreeSet<(SecretariatIdx, Day, ShiftIdx)>,
}

impl ReplanFacts {
    /// Facts of `ctx` (sanitized first).
    pub(crate) fn new(inst: &Instance, ctx: &ReplanContext) -> Self {
        let ctx = sanitize_context(inst, ctx);
        let mut previous: BTreeMap<(AgentIdx, Day), Vec<Assignment>> = BTreeMap::new();
        for &a in &ctx.previous.assignments {
            previous.entry((a.agent, a.day)).or_default().push(a);
        }
        for rows in previous.values_mut() {
            rows.sort_unstable();
        }
        let notice: BTreeSet<Day> = ctx.notice_days.iter().copied().collect();
        let mut kept: BTreeMap<Assignment, bool> = BTreeMap::new();
        for a in ctx.locked.iter().filter(|a| a.day >= ctx.from) {
            kept.insert(*a, true);
        }
        let notice_workable: Vec<Assignment> = ctx
            .previous
            .assignments
            .iter()
            .copied()
            .filter(|a| {
                notice.contains(&a.day) && still_workable(inst, &ctx, a) && !kept.contains_key(a)
            })
            .collect();
        let additions = short_notice_additions(inst, &ctx);
        ReplanFacts {
            from: ctx.from,
            previous,
            kept,
            notice_workable,
            notice,
            additions,
        }
    }

    /// The previous rows of agent `a` on day `d`, sorted.
    pub(crate) fn previous_of(&self, a: AgentIdx, d: Day) -> Vec<Assignment> {
        self.previous.get(&(a, d)).cloned().unwrap_or_default()
    }

    fn is_previous(&self, row: &Assignment) -> bool {
        self.previous
            .get(&(row.agent, row.day))
            .is_some_and(|rows| rows.contains(row))
    }
}

fn allows(b: &Builder, a: AgentIdx, d: Day, s: ShiftIdx, sec: SecretariatIdx) -> bool {
    let Some(f) = &b.replan else { return true };
    if !f.notice.contains(&d) {
        return true;
    }
    // A previous row stays possible (the other filters decide whether it can
    // still be worked); anything else only where a minimum need is short.
    f.is_previous(&Assignment {
        agent: a,
        day: d,
        shift: s,
        secretariat: sec,
    }) || f.additions.contains(&(sec, d, s))
}

/// The x column of `row`, if any.
fn column(b: &Builder, row: &Assignment) -> Option<Var> {
    b.cells
        .get(row.agent)?
        .get(row.day)?
        .get(row.shift)?
        .iter()
        .find(|(sec, _)| *sec == row.secretariat)
        .map(|&(_, v)| v)
}

fn build(b: &mut Builder) {
    let Some(facts) = b.replan.clone() else {
        return;
    };
    let planned = |b: &Builder, a: AgentIdx| b.agents.binary_search(&a).is_ok();
    for row in facts.kept.keys() {
        if !planned(b, row.agent) {
            continue;
        }
        match column(b, row) {
            Some(v) => b.eq(RuleFamily::ReplanKeep, &Lin::var(v), 1.0),
            // A kept row that no column can carry: the program is infeasible.
            None => b.eq(RuleFamily::ReplanKeep, &Lin::default(), 1.0),
        }
    }
    // Short notice: a workable previous row stays unless its agent is moved
    // to a covering row that day: x_row + Σ x(covering, not previous) ≥ 1.
    for row in &facts.notice_workable {
        if !planned(b, row.agent) {
            continue;
        }
        let mut l = Lin::default();
        if let Some(v) = column(b, row) {
            l.add(v, 1.0);
        }
        let (a, d) = (row.agent, row.day);
        for s in 0..b.inst.shifts.len() {
            for &(sec, x) in b
                .cells
                .get(a)
                .and_then(|c| c.get(d))
                .and_then(|c| c.get(s))
                .map(|v| v.as_slice())
                .unwrap_or(&[])
            {
                let f = Assignment {
                    agent: a,
                    day: d,
                    shift: s,
                    secretariat: sec,
                };
                if facts.additions.contains(&(sec, d, s)) && !facts.is_previous(&f) {
                    l.add(x, 1.0);
                }
            }
        }
        b.ge(RuleFamily::ReplanKeep, &l, 1.0);
    }
    let weight = b.inst.weights.replan_change;
    if !b.scope.soft || weight <= 0.0 {
        return;
    }
    let agents = b.agents.clone();
    for &a in &agents {
        for d in facts.from..b.days() {
            let prev = facts.previous_of(a, d);
            if prev.is_empty() {
                if b.can_work(a, d) {
                    let w = b.w(a, d);
                    b.objective(Term::ReplanChange, &w, weight);
                }
                continue;
            }
            let prev_cols: Option<Vec<Var>> = prev.iter().map(|r| column(b, r)).collect();
            let Some(prev_cols) = prev_cols else {
                // A previous row that can no longer exist: the day changes for sure.
                b.objective_constant(Term::ReplanChange, weight);
                continue;
            };
            let c = b.continuous(0.0, 1.0);
            for &x in &prev_cols {
                let mut l = Lin::var(c);
                l.add(x, 1.0);
                b.ge(RuleFamily::ReplanKeep, &l, 1.0);
            }
            let kinds = b.kinds(a, d);
            for group in instant_cliques(b, &kinds) {
                let mut l = Lin::default();
                for &s in &group {
                    for &(sec, x) in &b.cells[a][d][s] {
                        if !prev.contains(&Assignment {
                            agent: a,
                            day: d,
                            shift: s,
                            secretariat: sec,
                        }) {
                            l.add(x, 1.0);
                        }
                    }
                }
                if l.terms.is_empty() {
                    continue;
                }
                l.add(c, -1.0);
                b.le(RuleFamily::ReplanKeep, &l, 0.0);
            }
            b.objective_var(Term::ReplanChange, c, weight);
        }
    }
}

fn describe(_: &Instance, _: AgentIdx) -> String {
    "the rows of the previous planning kept (days before the replan start, locked rows, short-notice days)".into()
}

/// A kept row that no column can carry in `scope` for agent `a`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BlockedRow {
    /// The row.
    pub(crate) row: Assignment,
    /// Whether it is locked.
    pub(crate) locked: bool,
    /// The filter families that forbid it (registry order).
    pub(crate) families: Vec<RuleFamily>,
}

/// The kept rows of agent `a` that the enabled filters of `scope` forbid:
/// what the infeasibility diagnosis names when `replan_keep` conflicts.
pub(crate) fn blocked_rows(inst: &Instance, scope: &Scope, a: AgentIdx) -> Vec<BlockedRow> {
    if a >= inst.agents.len() {
        return Vec::new();
    }
    let sc = Scope {
        agents: Some(vec![a]),
        ..scope.clone()
    };
    let b = Builder::new(inst, &sc);
    let Some(facts) = &b.replan else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (row, &locked) in facts.kept.iter().filter(|(r, _)| r.agent == a) {
        let families: Vec<RuleFamily> = REGISTRY
            .iter()
            .filter(|e| e.family != RuleFamily::ReplanKeep && sc.enabled(e.family))
            .filter(|e| {
                e.allows
                    .is_some_and(|f| !f(&b, a, row.day, row.shift, row.secretariat))
            })
            .map(|e| e.family)
            .collect();
        if !families.is_empty() {
            out.push(BlockedRow {
                row: *row,
                locked,
                families,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::domain::{Assignment, Instance, LeavePart, LeaveStatus, Planning, ReplanContext};
    use crate::model::testutil::*;
    use crate::model::Term;
    use crate::solve::{solve_replan, SolveOutcome, SolveStatus, StartStatus};

    /// Agent `agent` works shift `shift` at `sec` on `day` (indices of `base`:
    /// shifts M 0, A 1, J 2; secretariats S1 0, S2 1).
    fn row(agent: usize, day: usize, shift: usize, sec: usize) -> Assignment {
        Assignment {
            agent,
            day,
            shift,
            secretariat: sec,
        }
    }

    fn ctx(
        inst: &Instance,
        rows: Vec<Assignment>,
        from: usize,
        locked: Vec<Assignment>,
    ) -> ReplanContext {
        let mut previous = Planning {
            assignments: rows,
            granted: vec![],
        };
        previous.normalize(inst);
        let notice_days =
            ReplanContext::notice_days_for(from, inst.rules.change_notice_hours, inst.horizon.days);
        ReplanContext {
            previous,
            from,
            locked,
            notice_days,
        }
    }

    /// Solves to optimality and checks the outcome against the checker:
    /// no hard violation, objective = sum of the terms = the checker's.
    fn replan(inst: &Instance, c: &ReplanContext) -> SolveOutcome {
        let out = solve_replan(inst, &opts(), c).expect("replan runs");
        assert_eq!(out.status, SolveStatus::Optimal, "{out:?}");
        let p = out.planning.as_ref().expect("planning");
        let sum: f64 = out.terms.iter().map(|(_, v)| v).sum();
        close(out.objective.unwrap(), sum);
        let eval = crate::check::evaluate_replan(inst, p, c);
        assert!(eval.violations.is_empty(), "{:?}", eval.violations);
        close(out.objective.unwrap(), eval.objective);
        for (t, v) in &out.terms {
            close(*v, eval.term(t.name()));
        }
        out
    }

    /// Mon–Fri, ANA and BOB at S1, one morning (M) needed every day.
    fn mornings() -> crate::domain::testkit::TinyInstance {
        let mut t = base(5).agent("ANA", "S1", &[]).agent("BOB", "S1", &[]);
        for d in 0..5 {
            t = t.need("S1", d, "08:00", "12:00", 1, 1, Some(1));
        }
        t
    }

    #[test]
    fn a_sick_agent_is_replaced_by_her_colleague_on_her_shift() {
        // ANA mornings Mon–Wed, BOB Thu–Fri; ANA falls sick on Wednesday.
        // Replan from Tuesday: the only repair is BOB on Wednesday's morning
        // (uncovered would cost 4000): ANA's and BOB's Wednesday change, 2 × 50.
        let inst = mornings()
            .leave(
                "ANA",
                "MALADIE",
                2,
                2,
                LeaveStatus::Approved,
                LeavePart::Day,
            )
            .build();
        let prev = vec![
            row(0, 0, 0, 0),
            row(0, 1, 0, 0),
            row(0, 2, 0, 0),
            row(1, 3, 0, 0),
            row(1, 4, 0, 0),
        ];
        let c = ctx(&inst, prev, 1, vec![]);
        assert_eq!(c.notice_days, vec![1, 2]);
        let out = replan(&inst, &c);
        assert_eq!(
            worked(&inst, &out),
            vec![
                "ANA:0:M:S1",
                "ANA:1:M:S1",
                "BOB:2:M:S1",
                "BOB:3:M:S1",
                "BOB:4:M:S1"
            ]
        );
        close(term(&out, Term::ReplanChange), 100.0);
        close(term(&out, Term::Uncovered), 0.0);
        assert_eq!(
            crate::check::changed_days(&inst, out.planning.as_ref().unwrap(), &c).len(),
            2
        );
        assert!(
            matches!(out.start, StartStatus::Accepted { .. }),
            "{:?}",
            out.start
        );
    }

    #[test]
    fn days_before_from_are_kept_even_with_a_new_absence_there() {
        // A sick leave dated Monday, entered after the fact: Monday is history.
        let inst = mornings()
            .leave(
                "ANA",
                "MALADIE",
                0,
                0,
                LeaveStatus::Approved,
                LeavePart::Day,
            )
            .build();
        let prev = vec![
            row(0, 0, 0, 0),
            row(1, 1, 0, 0),
            row(0, 2, 0, 0),
            row(1, 3, 0, 0),
            row(0, 4, 0, 0),
        ];
        let c = ctx(&inst, prev, 1, vec![]);
        let out = replan(&inst, &c);
        assert_eq!(
            out.planning.as_ref().unwrap().assignments,
            c.previous.assignments
        );
        close(term(&out, Term::ReplanChange), 0.0);
    }

    #[test]
    fn history_that_already_breaks_a_window_constrains_only_the_future() {
        // Max 8 h over the (5-day) window; the previous planning put ANA on
        // three mornings before Thursday: the future adds nothing for her.
        let inst = mornings().rules(|r| r.max_weekly_minutes = 8 * 60).build();
        let prev = vec![
            row(0, 0, 0, 0),
            row(0, 1, 0, 0),
            row(0, 2, 0, 0),
            row(1, 3, 0, 0),
            row(1, 4, 0, 0),
        ];
        let c = ctx(&inst, prev, 3, vec![]);
        let out = solve_replan(&inst, &opts(), &c).expect("runs");
        assert_eq!(out.status, SolveStatus::Optimal, "{out:?}");
        let w = worked(&inst, &out);
        assert!(
            w.iter().filter(|s| s.starts_with("ANA")).all(|s| [
                "ANA:0:M:S1",
                "ANA:1:M:S1",
                "ANA:2:M:S1"
            ]
            .contains(&s.as_str())),
            "{w:?}"
        );
        assert_eq!(w.iter().filter(|s| s.starts_with("ANA")).count(), 3);
    }

    #[test]
    fn locked_rows_are_kept_and_a_locked_row_on_new_leave_is_explained() {
        // No need on Friday any more: dropping BOB's Friday saves overtime (4+)
        // and costs one change (1) — unless the row is locked.
        let mut t = base(5)
            .weights(|w| w.replan_change = 1.0)
            .agent("ANA", "S1", &[])
            .agent("BOB", "S1", &[]);
        for d in 0..4 {
            t = t.need("S1", d, "08:00", "12:00", 1, 1, Some(1));
        }
        let inst = t.build();
        let prev = vec![
            row(0, 0, 0, 0),
            row(0, 1, 0, 0),
            row(1, 2, 0, 0),
            row(1, 3, 0, 0),
            row(1, 4, 0, 0),
        ];
        let free = replan(&inst, &ctx(&inst, prev.clone(), 0, vec![]));
        assert!(!worked(&inst, &free).contains(&"BOB:4:M:S1".to_string()));
        let locked = replan(&inst, &ctx(&inst, prev.clone(), 0, vec![row(1, 4, 0, 0)]));
        assert!(worked(&inst, &locked).contains(&"BOB:4:M:S1".to_string()));
        // BOB is now on leave that Friday: the locked row cannot hold.
        let inst = crate::domain::testkit::TinyInstance::from(inst)
            .leave("BOB", "CA", 4, 4, LeaveStatus::Approved, LeavePart::Day)
            .build();
        let out = solve_replan(&inst, &opts(), &ctx(&inst, prev, 0, vec![row(1, 4, 0, 0)]))
            .expect("runs");
        assert_eq!(out.status, SolveStatus::Infeasible);
        let inf = out.infeasibility.expect("explained");
        assert_eq!(inf.conflicts.len(), 1);
        assert_eq!(
            inf.conflicts[0].families,
            vec![
                crate::domain::RuleFamily::Leave,
                crate::domain::RuleFamily::ReplanKeep
            ]
        );
        let text = inf.to_string();
        assert!(
            text.contains("locked row BOB 2026-12-11 M@S1 conflicts with leave"),
            "{text}"
        );
    }

    #[test]
    fn short_notice_days_allow_only_forced_changes() {
        // ANA works mornings Tue and Thu where nothing is needed any more;
        // Wednesday and Friday mornings have a target (no minimum) that BOB
        // could serve for less than the below-target cost. Replan from
        // Tuesday with 48 h notice (Tue, Wed): Tuesday's row is kept and
        // nothing is added on Wednesday; Thursday's row goes and Friday's
        // morning gets BOB.
        let inst = base(5)
            .weights(|w| w.replan_change = 1.0)
            .agent("ANA", "S1", &[])
            .agent("BOB", "S1", &[])
            .need("S1", 2, "08:00", "12:00", 0, 1, Some(1))
            .need("S1", 4, "08:00", "12:00", 0, 1, Some(1))
            .build();
        let prev = vec![row(0, 1, 0, 0), row(0, 3, 0, 0)];
        let c = ctx(&inst, prev, 1, vec![]);
        assert_eq!(c.notice_days, vec![1, 2]);
        let out = replan(&inst, &c);
        let w = worked(&inst, &out);
        assert!(w.contains(&"ANA:1:M:S1".to_string()), "{w:?}");
        assert!(!w.iter().any(|s| s.contains(":2:")), "{w:?}");
        assert!(!w.iter().any(|s| s.contains(":3:")), "{w:?}");
        assert!(w.iter().any(|s| s.contains(":4:M:S1")), "{w:?}");
        close(term(&out, Term::BelowTarget), 40.0);
        close(term(&out, Term::ReplanChange), 2.0);
    }

    #[test]
    fn replanning_an_optimal_planning_with_nothing_new_keeps_it() {
        let mut t = base(5)
            .agent("ANA", "S1", &["S2"])
            .agent("BOB", "S2", &["S1"]);
        for d in 0..5 {
            t = t
                .need("S1", d, "08:00", "17:00", 1, 1, None)
                .need("S2", d, "08:00", "12:00", 0, 1, None);
        }
        let inst = t.build();
        let best = solve_opt(&inst);
        let p = best.planning.clone().unwrap();
        for from in [0, 2] {
            let c = ReplanContext {
                previous: p.clone(),
                from,
                locked: vec![],
                notice_days: vec![from, from + 1],
            };
            let out = replan(&inst, &c);
            assert_eq!(out.planning.as_ref(), Some(&p));
            close(term(&out, Term::ReplanChange), 0.0);
            close(out.objective.unwrap(), best.objective.unwrap());
        }
    }

    #[test]
    fn rows_outside_the_instance_are_ignored() {
        let inst = mornings().build();
        let prev = vec![
            row(0, 0, 0, 0),
            row(9, 1, 0, 0),
            row(0, 1, 7, 0),
            row(0, 99, 0, 0),
        ];
        let c = ReplanContext {
            previous: Planning {
                assignments: prev,
                granted: vec![42],
            },
            from: 1,
            locked: vec![row(0, 1, 0, 5)],
            notice_days: vec![1, 2, 50],
        };
        let out = solve_replan(&inst, &opts(), &c).expect("runs");
        assert_eq!(out.status, SolveStatus::Optimal);
        assert!(worked(&inst, &out).contains(&"ANA:0:M:S1".to_string()));
    }
}
