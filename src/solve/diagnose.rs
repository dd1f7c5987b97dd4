//! Why no planning exists. Every hard rule concerns one agent (coverage is
//! soft), so the model is infeasible exactly when some agent's own hard
//! rules are: each agent is solved alone (hard families only, no
//! objective); for each infeasible agent, a deletion filter over her hard
//! families (registry order) rebuilds without one family at a time and drops
//! it for good when she stays infeasible, leaving a minimal set of families
//! that cannot all hold. Each family describes what it asks of her in words.
//!
//! Then the facts are shrunk the same way: her approved leave rows, her
//! `off` rows and (replan) her locked rows, each neutralised in turn (the
//! leave moved out of the horizon, the row removed) and left out for good
//! when she stays infeasible. The report names the facts left — leave id,
//! dates and line, `off` dates and line, locked rows — so the days of the
//! conflict are named, not only the rules. Absence types are not named
//! (personal data). Hard rules all concern one agent, so this per-agent
//! deletion filter finds an irreducible set exactly: an elastic model with
//! one slack per family would find the same families, with more columns.
//! A Ctrl-C ends the diagnosis early (the agents examined so far are named).
//! Leave decisions imposed on the solve are imposed on every one of these
//! builds too (a request forced granted blocks only while `leave` is built,
//! and draws on its balance only while `leave_balance` is): the report then
//! names the requests forced granted.

use super::highs_run::{solve_model, RawStatus};
use super::{SolveError, SolveOptions};
use crate::domain::{AgentIdx, AvailabilityKind, Instance, LeaveStatus, RuleFamily, RuleKind};
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
    /// The facts of the agent that take part in the conflict (approved
    /// leave, `off` rows, locked rows), after shrinking, in words.
    pub facts: Vec<String>,
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
        if crate::interrupt::requested() {
            break;
        }
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
        let facts = shrink_facts(inst, a, &dropped, &families, scope, &left(5.0))?;
        conflicts.push(Conflict {
            agent: Some(a),
            detail: detail(inst, a, &families, scope, &facts),
            families,
            facts: facts.iter().map(|f| f.text.clone()).collect(),
        });
    }
    if conflicts.is_empty() && crate::interrupt::requested() {
        conflicts.push(Conflict {
            agent: None,
            families: Vec::new(),
            facts: Vec::new(),
            detail: "the hard rules cannot all hold; the search for the agents concerned was stopped by Ctrl-C / SIGTERM".into(),
        });
    }
    if conflicts.is_empty() {
        conflicts.push(Conflict {
            agent: None,
            families: Vec::new(),
            facts: Vec::new(),
            detail: "the hard rules cannot all hold, but no single agent could be shown infeasible within the time limit".into(),
        });
    }
    Ok(Infeasibility { conflicts })
}

/// Most facts of one agent shrunk one by one (each is a one-agent solve).
const MAX_FACTS: usize = 200;

/// One fact of an agent that a rule family enforces.
#[derive(Debug, Clone)]
struct Fact {
    family: RuleFamily,
    what: FactRef,
    text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FactRef {
    /// Index in `inst.leaves` (approved).
    Leave(usize),
    /// Index in `inst.availability` (`off`).
    Off(usize),
    /// Index in the replan context's `locked`.
    Locked(usize),
}

/// `inst` and `scope` with the facts of `removed` neutralised: leave moved
/// out of the horizon, `off` rows and locked rows removed.
fn without(inst: &Instance, scope: &Scope, removed: &[FactRef]) -> (Instance, Scope) {
    let mut inst = inst.clone();
    let mut scope = scope.clone();
    let far = inst.horizon.start - chrono::Duration::days(800);
    let mut offs: Vec<usize> = Vec::new();
    let mut locked: Vec<usize> = Vec::new();
    for r in removed {
        match *r {
            FactRef::Leave(i) => {
                if let Some(l) = inst.leaves.get_mut(i) {
                    l.first_day = far;
                    l.last_day = far;
                }
            }
            FactRef::Off(i) => offs.push(i),
            FactRef::Locked(i) => locked.push(i),
        }
    }
    let mut i = 0;
    inst.availability.retain(|_| {
        i += 1;
        !offs.contains(&(i - 1))
    });
    if let Some(ctx) = scope.replan.as_mut() {
        let mut i = 0;
        ctx.locked.retain(|_| {
            i += 1;
            !locked.contains(&(i - 1))
        });
    }
    (inst, scope)
}

/// The facts of agent `a` enforced by the conflicting `families`, shrunk by
/// a deletion filter (module doc): a fact is left out when `a` stays
/// infeasible without it (the families of `dropped` staying disabled).
fn shrink_facts(
    inst: &Instance,
    a: AgentIdx,
    dropped: &BTreeSet<RuleFamily>,
    families: &[RuleFamily],
    scope: &Scope,
    opts: &SolveOptions,
) -> Result<Vec<Fact>, SolveError> {
    let h = &inst.horizon;
    let mut facts: Vec<Fact> = Vec::new();
    if families.contains(&RuleFamily::Leave) {
        for (i, l) in inst.leaves.iter().enumerate() {
            if l.agent != a || l.status != LeaveStatus::Approved {
                continue;
            }
            let days = l.days_in(h);
            let (Some(&f), Some(&t)) = (days.first(), days.last()) else {
                continue;
            };
            let span = if f == t {
                h.date(f).to_string()
            } else {
                format!("{} to {}", h.date(f), h.date(t))
            };
            facts.push(Fact {
                family: RuleFamily::Leave,
                what: FactRef::Leave(i),
                text: format!(
                    "approved leave {} on {span} (leave.csv line {})",
                    l.id, l.line
                ),
            });
        }
    }
    if families.contains(&RuleFamily::Unavailability) {
        for (i, r) in inst.availability.iter().enumerate() {
            if r.agent == a && r.kind == AvailabilityKind::Off {
                facts.push(Fact {
                    family: RuleFamily::Unavailability,
                    what: FactRef::Off(i),
                    text: format!(
                        "`off` on {} (availability.csv line {})",
                        h.date(r.day),
                        r.line
                    ),
                });
            }
        }
    }
    if families.contains(&RuleFamily::ReplanKeep) {
        if let Some(ctx) = &scope.replan {
            for (i, row) in ctx.locked.iter().enumerate() {
                if row.agent != a {
                    continue;
                }
                let name = |v: Option<&str>| v.unwrap_or("?").to_string();
                facts.push(Fact {
                    family: RuleFamily::ReplanKeep,
                    what: FactRef::Locked(i),
                    text: format!(
                        "locked row {} {}@{}",
                        if row.day < h.days {
                            h.date(row.day).to_string()
                        } else {
                            format!("day {}", row.day)
                        },
                        name(inst.shifts.get(row.shift).map(|s| s.id.as_str())),
                        name(
                            inst.secretariats
                                .get(row.secretariat)
                                .map(|s| s.id.as_str())
                        )
                    ),
                });
            }
        }
    }
    if facts.len() > MAX_FACTS {
        // Too many to shrink one by one: the families describe themselves.
        return Ok(Vec::new());
    }
    if facts.len() <= 1 {
        return Ok(facts);
    }
    let mut removed: Vec<FactRef> = Vec::new();
    let mut kept: Vec<Fact> = Vec::new();
    for fact in facts {
        if crate::interrupt::requested() {
            kept.push(fact);
            continue;
        }
        let mut trial = removed.clone();
        trial.push(fact.what);
        let (inst2, scope2) = without(inst, scope, &trial);
        if feasible(&inst2, a, dropped, &scope2, opts)? == Some(false) {
            removed = trial;
        } else {
            kept.push(fact);
        }
    }
    Ok(kept)
}

fn detail(
    inst: &Instance,
    a: AgentIdx,
    families: &[RuleFamily],
    scope: &Scope,
    facts: &[Fact],
) -> String {
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
    for &f in families.iter().filter(|f| !named.contains(f)) {
        let own: Vec<&str> = facts
            .iter()
            .filter(|x| x.family == f)
            .map(|x| x.text.as_str())
            .collect();
        if !own.is_empty() {
            parts.push(own.join(", "));
        } else if let Some(e) = entry(f) {
            parts.push((e.describe)(inst, a));
        }
    }
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
