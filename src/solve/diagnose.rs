//! Why no planning exists. Every hard rule concerns one agent (coverage is
//! soft), so the model is infeasible exactly when some agent's own hard
//! rules are: each agent is solved alone (hard families only, no
//! objective); for each infeasible agent, a deletion filter over her hard
//! families (registry order) rebuilds without one family at a time and drops
//! it for good when she stays infeasible, leaving a minimal set of families
//! that cannot all hold. Each family describes what it asks of her in words.
//! Leave decisions imposed on the solve are imposed on every one of these
//! builds too (a request forced granted blocks only while `leave` is built,
//! and draws on its balance only while `leave_balance` is): the report then
//! names the requests forced granted.

use super::highs_run::{solve_model, RawStatus};
use super::{SolveError, SolveOptions};
use crate::domain::{AgentIdx, Instance, RuleFamily, RuleKind};
use crate::model::constraints::entry;
use crate::model::constraints::replan_keep::blocked_rows;
use crate::model::{build_scoped, Decisions, Scope};
use std::collections::BTreeSet;
use std::fmt;
use std::time::Instant;

/// One set of rules that cannot all hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// The agent concerned (`None` when it could not be narrowed down).
    pub agent: Option<AgentIdx>,
    /// A minimal set of hard families that conflict (registry order).
    pub families: Vec<RuleFamily>,
    /// Plain-language explanation naming the agent, her rules and days.
    pub detail: String,
}

/// Why the hard rules cannot all hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Infeasibility {
    /// One entry per infeasible agent.
    pub conflicts: Vec<Conflict>,
}

impl fmt::Display for Infeasibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "no planning can satisfy every hard rule:")?;
        for c in &self.conflicts {
            writeln!(f, "- {}", c.detail)?;
        }
        Ok(())
    }
}

/// Whether agent `a` alone is feasible without the families in `disabled`:
/// Some(true/false), or None when the solve did not conclude in time.
fn feasible(
    inst: &Instance,
    a: AgentIdx,
    disabled: &BTreeSet<RuleFamily>,
    base: &Scope,
    opts: &SolveOptions,
) -> Result<Option<bool>, SolveError> {
    let scope = Scope::hard_only(a, disabled.clone())
        .with_decisions(base.decisions.clone())
        .with_replan(base.replan.clone());
    let model = build_scoped(inst, &scope);
    let sol = solve_model(model, opts)?;
    Ok(match sol.status {
        RawStatus::Infeasible => Some(false),
        _ if sol.columns.is_some() => Some(true),
        _ => None,
    })
}

/// Explains an infeasible instance within about `seconds`.
pub(crate) fn diagnose(
    inst: &Instance,
    opts: &SolveOptions,
    scope: &Scope,
    seconds: f64,
) -> Result<Infeasibility, SolveError> {
    let start = Instant::now();
    let left = |cap: f64| SolveOptions {
        time_limit: (seconds - start.elapsed().as_secs_f64()).clamp(0.5, cap),
        gap: 0.0,
        threads: opts.threads,
        seed: opts.seed,
        progress: false,
    };
    let hard: Vec<RuleFamily> = RuleFamily::ALL
        .iter()
        .copied()
        .filter(|f| f.kind() == RuleKind::Hard)
        .collect();
    let mut conflicts = Vec::new();
    for a in 0..inst.agents.len() {
        if feasible(inst, a, &BTreeSet::new(), scope, &left(30.0))? != Some(false) {
            continue;
        }
        let mut dropped: BTreeSet<RuleFamily> = BTreeSet::new();
        for &f in &hard {
            let mut trial = dropped.clone();
            trial.insert(f);
            if feasible(inst, a, &trial, scope, &left(10.0))? == Some(false) {
                dropped = trial;
            }
        }
        let families: Vec<RuleFamily> = hard
            .iter()
            .copied()
            .filter(|f| !dropped.contains(f))
            .collect();
        conflicts.push(Conflict {
            agent: Some(a),
            detail: detail(inst, a, &families, scope),
            families,
        });
    }
    if conflicts.is_empty() {
        conflicts.push(Conflict {
            agent: None,
            families: Vec::new(),
            detail: "the hard rules cannot all hold, but no single agent could be shown infeasible within the time limit".into(),
        });
    }
    Ok(Infeasibility { conflicts })
}

fn detail(inst: &Instance, a: AgentIdx, families: &[RuleFamily], scope: &Scope) -> String {
    let ag = &inst.agents[a];
    let decisions: &Decisions = &scope.decisions;
    // Replan: the kept rows that a filter family forbids, named one by one;
    // the families they name are not described a second time.
    let mut named: BTreeSet<RuleFamily> = BTreeSet::new();
    let mut parts: Vec<String> = Vec::new();
    if families.contains(&RuleFamily::ReplanKeep) && scope.replan.is_some() {
        let hard = Scope::hard_only(a, BTreeSet::new()).with_replan(scope.replan.clone());
        for blocked in blocked_rows(inst, &hard, a)
            .into_iter()
            .filter(|r| r.families.iter().any(|f| families.contains(f)))
        {
            let row = blocked.row;
            let why: Vec<String> = blocked
                .families
                .iter()
                .filter(|f| families.contains(f))
                .map(|&f| match entry(f) {
                    Some(e) => format!("{} ({})", f.name(), (e.describe)(inst, a)),
                    None => f.name().to_string(),
                })
                .collect();
            named.extend(blocked.families.iter().copied());
            named.insert(RuleFamily::ReplanKeep);
            parts.push(format!(
                "{} row {} {} {}@{} conflicts with {}",
                if blocked.locked {
                    "locked"
                } else {
                    "kept short-notice"
                },
                ag.id,
                inst.horizon.date(row.day),
                inst.shifts[row.shift].id,
                inst.secretariats[row.secretariat].id,
                why.join(" and ")
            ));
        }
    }
    parts.extend(
        families
            .iter()
            .filter(|f| !named.contains(f))
            .filter_map(|&f| entry(f).map(|e| (e.describe)(inst, a))),
    );
    let forced: Vec<&str> = decisions
        .force_granted
        .iter()
        .filter_map(|&r| inst.leaves.get(r))
        .filter(|l| l.agent == a)
        .map(|l| l.id.as_str())
        .collect();
    if !forced.is_empty()
        && families
            .iter()
            .any(|f| matches!(f, RuleFamily::Leave | RuleFamily::LeaveBalance))
    {
        parts.push(format!("request(s) {} forced granted", forced.join(", ")));
    }
    let names: Vec<&str> = families.iter().map(|f| f.name()).collect();
    let rules = match parts.len() {
        0 => "her rules".to_string(),
        1 => parts[0].clone(),
        n => format!("{} and {}", parts[..n - 1].join(", "), parts[n - 1]),
    };
    format!(
        "agent {} ({}), {} to {}: {} cannot all hold (families: {})",
        ag.name,
        ag.id,
        inst.horizon.date(0),
        inst.horizon.date(inst.horizon.days.saturating_sub(1)),
        rules,
        names.join(", ")
    )
}
