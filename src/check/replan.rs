//! The replan side of the checker (README "Model semantics", "Replan"):
//! the hard family `replan_keep`, the *changed agent-days* that the soft
//! term `replan_change` counts and `changes.csv` lists, and
//! [`evaluate_replan`], which is [`evaluate`] plus those two and minus the
//! history (violations dated before the replan start).
//!
//! `replan_keep` is broken, one violation each, when
//! (a) an agent-day before `ctx.from` has other work rows than in
//! `ctx.previous` (set of (shift, secretariat) rows compared);
//! (b) a `locked` row dated on or after `ctx.from` is missing (a locked row
//! before `ctx.from` is (a) already, so it is not reported twice);
//! (c) on a short-notice day (`ctx.notice_days`, from `ctx.from` on) a
//! previous row is removed although [`still_workable`], or a row is added
//! whose (secretariat, day, shift) is not in [`short_notice_additions`];
//! (d) a request granted in `ctx.previous` is no longer granted (dated on
//! the request's first day inside the horizon).
//!
//! Rows naming an unknown agent, shift or secretariat, or a day outside the
//! horizon, are left out of every comparison (`evaluate` reports them).
//! The shared facts of a replan — which previous rows can no longer be
//! worked and which rows may be added at short notice — come from
//! `domain::replan`, the same functions the model reads.

use super::{evaluate, fmt_day, positive_zero, sort_violations, Evaluation, Violation, TERM_NAMES};
use crate::domain::calendar::Day;
use crate::domain::replan::{short_notice_additions, still_workable};
use crate::domain::{AgentIdx, Assignment, Instance, Planning, ReplanContext, RuleFamily};
use std::collections::{BTreeMap, BTreeSet};

/// One agent-day, from the replan start on, whose work rows differ from
/// the previous planning's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedDay {
    /// Who.
    pub agent: AgentIdx,
    /// Which day (≥ `ctx.from`).
    pub day: Day,
    /// The previous planning's rows that day, in start order (empty: day off).
    pub before: Vec<Assignment>,
    /// The new planning's rows that day, in start order (empty: day off).
    pub after: Vec<Assignment>,
    /// Whether the day is one of `ctx.notice_days`.
    pub short_notice: bool,
}

/// The valid rows of a planning per (agent, day), deduplicated, each set
/// ordered by (shift start, shift, secretariat).
type RowsByDay = BTreeMap<(AgentIdx, Day), BTreeSet<(i64, Assignment)>>;

fn rows_by_day(inst: &Instance, planning: &Planning) -> RowsByDay {
    let mut out: RowsByDay = BTreeMap::new();
    for &a in &planning.assignments {
        let valid = a.agent < inst.agents.len()
            && a.secretariat < inst.secretariats.len()
            && a.day < inst.horizon.days;
        let Some(shift) = inst.shifts.get(a.shift).filter(|_| valid) else {
            continue;
        };
        out.entry((a.agent, a.day))
            .or_default()
            .insert((shift.start, a));
    }
    out
}

fn rows_of(map: &RowsByDay, key: (AgentIdx, Day)) -> Vec<Assignment> {
    map.get(&key)
        .map(|s| s.iter().map(|&(_, a)| a).collect())
        .unwrap_or_default()
}

/// `SHIFT@SECRETARIAT` rows joined by `|` (empty for a day off), as in `changes.csv`.
pub fn rows_text(inst: &Instance, rows: &[Assignment]) -> String {
    rows.iter()
        .map(|a| {
            let shift = inst
                .shifts
                .get(a.shift)
                .map(|s| s.id.as_str())
                .unwrap_or("?");
            let sec = inst
                .secretariats
                .get(a.secretariat)
                .map(|s| s.id.as_str())
                .unwrap_or("?");
            format!("{shift}@{sec}")
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// [`rows_text`], or `day off` when there is no row (for messages).
fn rows_said(inst: &Instance, rows: &[Assignment]) -> String {
    if rows.is_empty() {
        "day off".to_string()
    } else {
        rows_text(inst, rows)
    }
}

/// Every changed agent-day (agent in file order, then date): an agent and a
/// day ≥ `ctx.from` whose set of (shift, secretariat) rows differs from the
/// previous planning's.
pub fn changed_days(inst: &Instance, planning: &Planning, ctx: &ReplanContext) -> Vec<ChangedDay> {
    let new = rows_by_day(inst, planning);
    let old = rows_by_day(inst, &ctx.previous);
    let keys: BTreeSet<(AgentIdx, Day)> = new
        .keys()
        .chain(old.keys())
        .copied()
        .filter(|&(_, d)| d >= ctx.from)
        .collect();
    keys.into_iter()
        .filter_map(|key| {
            let (before, after) = (rows_of(&old, key), rows_of(&new, key));
            (before != after).then(|| ChangedDay {
                agent: key.0,
                day: key.1,
                before,
                after,
                short_notice: ctx.notice_days.contains(&key.1),
            })
        })
        .collect()
}

/// The violations of `replan_keep`, cases (a)–(d) of the module doc, not sorted.
pub fn replan_keep(inst: &Instance, planning: &Planning, ctx: &ReplanContext) -> Vec<Violation> {
    let new = rows_by_day(inst, planning);
    let old = rows_by_day(inst, &ctx.previous);
    let agent_id = |a: AgentIdx| inst.agents.get(a).map(|x| x.id.as_str()).unwrap_or("?");
    let mut out = Vec::new();
    let push = |out: &mut Vec<Violation>, agent: AgentIdx, day: Option<Day>, message: String| {
        out.push(Violation {
            family: RuleFamily::ReplanKeep,
            agent: Some(agent),
            day,
            message,
        });
    };

    // (a) The past is kept exactly.
    let past: BTreeSet<(AgentIdx, Day)> = new
        .keys()
        .chain(old.keys())
        .copied()
        .filter(|&(_, d)| d < ctx.from)
        .collect();
    for key in past {
        let (before, after) = (rows_of(&old, key), rows_of(&new, key));
        if before != after {
            push(
                &mut out,
                key.0,
                Some(key.1),
                format!(
                    "agent {}, {}: {} → {}, but days before the replan start {} are kept as they were",
                    agent_id(key.0),
                    fmt_day(inst, key.1),
                    rows_said(inst, &before),
                    rows_said(inst, &after),
                    fmt_day(inst, ctx.from)
                ),
            );
        }
    }

    // (b) Locked rows are kept (those before the start are (a) already).
    let present: BTreeSet<Assignment> = new.values().flatten().map(|&(_, a)| a).collect();
    let mut locked: Vec<Assignment> = ctx.locked.clone();
    locked.sort();
    locked.dedup();
    for l in locked
        .into_iter()
        .filter(|l| l.day >= ctx.from && l.day < inst.horizon.days)
    {
        if !present.contains(&l) {
            push(
                &mut out,
                l.agent,
                Some(l.day),
                format!(
                    "agent {}, {}: the locked row {} of the previous planning is missing",
                    agent_id(l.agent),
                    fmt_day(inst, l.day),
                    rows_text(inst, &[l])
                ),
            );
        }
    }

    // (c) Short-notice days: only forced removals and needed additions.
    let notice: BTreeSet<Day> = ctx
        .notice_days
        .iter()
        .copied()
        .filter(|&d| d >= ctx.from)
        .collect();
    if !notice.is_empty() {
        let allowed = short_notice_additions(inst, ctx);
        let keys: BTreeSet<(AgentIdx, Day)> = new
            .keys()
            .chain(old.keys())
            .copied()
            .filter(|(_, d)| notice.contains(d))
            .collect();
        for key in keys {
            let before: BTreeSet<Assignment> = rows_of(&old, key).into_iter().collect();
            let after: BTreeSet<Assignment> = rows_of(&new, key).into_iter().collect();
            // A workable row may go only on a day she gains a covering row.
            let gains_cover = after
                .iter()
                .any(|r| !before.contains(r) && allowed.contains(&(r.secretariat, r.day, r.shift)));
            for r in rows_of(&old, key)
                .into_iter()
                .filter(|r| !after.contains(r))
            {
                if still_workable(inst, ctx, &r) && !gains_cover {
                    push(
                        &mut out,
                        r.agent,
                        Some(r.day),
                        format!(
                            "agent {}, {}: the previous row {} is removed at short notice although it can still be worked and she is not moved to cover a minimum need",
                            agent_id(r.agent),
                            fmt_day(inst, r.day),
                            rows_text(inst, &[r])
                        ),
                    );
                }
            }
            for r in rows_of(&new, key)
                .into_iter()
                .filter(|r| !before.contains(r))
            {
                if !allowed.contains(&(r.secretariat, r.day, r.shift)) {
                    push(
                        &mut out,
                        r.agent,
                        Some(r.day),
                        format!(
                            "agent {}, {}: the row {} is added at short notice but covers no minimum need left short at {}",
                            agent_id(r.agent),
                            fmt_day(inst, r.day),
                            rows_text(inst, &[r]),
                            inst.secretariats.get(r.secretariat).map(|s| s.id.as_str()).unwrap_or("?")
                        ),
                    );
                }
            }
        }
    }

    // (d) Requests granted before stay granted.
    let mut granted: Vec<usize> = ctx.previous.granted.clone();
    granted.sort_unstable();
    granted.dedup();
    for idx in granted {
        let Some(l) = inst.leaves.get(idx) else {
            continue;
        };
        if planning.granted.contains(&idx) {
            continue;
        }
        push(
            &mut out,
            l.agent,
            l.days_in(&inst.horizon).first().copied(),
            format!(
                "request {} of agent {} was granted in the previous planning and is no longer granted",
                l.id,
                agent_id(l.agent)
            ),
        );
    }
    out
}

/// Everything [`evaluate`] finds, for a replan: plus the `replan_keep`
/// violations, minus the violations of other families dated before
/// `ctx.from` (history; those without a day are kept), and `replan_change`
/// = `weights.replan_change` × the number of [`changed_days`]. The
/// objective is the sum of the terms, in [`TERM_NAMES`] order.
pub fn evaluate_replan(inst: &Instance, planning: &Planning, ctx: &ReplanContext) -> Evaluation {
    let mut eval = evaluate(inst, planning);
    eval.violations
        .retain(|v| v.day.is_none_or(|d| d >= ctx.from));
    eval.violations.extend(replan_keep(inst, planning, ctx));
    sort_violations(&mut eval.violations);
    let changed = changed_days(inst, planning, ctx).len();
    eval.terms.insert(
        "replan_change",
        positive_zero(inst.weights.replan_change * changed as f64),
    );
    eval.objective = positive_zero(
        TERM_NAMES
            .iter()
            .map(|n| eval.terms.get(n).copied().unwrap_or(0.0))
            .sum(),
    );
    eval
}

#[cfg(test)]
mod tests;
