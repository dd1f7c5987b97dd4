//! Construction of a first planning, agent group by agent group, before
//! HiGHS sees the full model.
//!
//! HiGHS's own heuristics can take long to find any planning on large
//! models (a 250-agent month, Instance 8 of the benchmark), and the first
//! one they find is often poor. Every hard rule of rota is a rule of one
//! agent (README "Rules"): whether one agent's shifts are admissible never
//! depends on another agent's. A planning can therefore be built greedily:
//! agents are cut into groups (by pôle of their home secretariat, then by
//! index), and group after group the model of the group alone is solved,
//! with the shifts of the agents already planned counted as fixed staff in
//! the coverage (`Scope::background`) — so each group covers what the
//! previous ones left uncovered, with the whole objective (coverage, hours,
//! preferences, leave) seen from its side. Each sub-solve gets a share of the construction
//! budget and stops at a 1 % gap.
//!
//! A group whose sub-solve ends without a planning is split in two and
//! retried; a single agent without a planning in time, and every agent once
//! the optimisation budget is spent, is planned alone: over horizons longer
//! than [`FIRST_PLANNING_MIN_DAYS`], by the first planning HiGHS finds for
//! her against the others' shifts (gap 100 %: with the objective in view,
//! HiGHS finds it as quickly as one for her hard rules alone, and it covers
//! what the others left — on Instance 20 of the benchmark a construction of
//! 44 700 instead of 170 000), else, and without one, by her hard rules
//! alone; an agent whose rules are infeasible ends the construction (the
//! main solve then proves and diagnoses it). The result, a complete planning of every agent of the scope, is the
//! main solve's start; a construction that runs out of budget returns
//! nothing and the main solve goes on without a start.
//!
//! Every agent whose rules are in reach of `one_agent` is first planned by
//! a shortest path over her days (the others go through the groups above),
//! and the complete planning is then polished: agents re-planned one at a
//! time against all the others until a pass changes nothing (at most half
//! the time limit). A MIP per agent group costs seconds when the group's
//! days × shift kinds are many, and its planning is worse than the
//! polished paths: measured at 60 s on benchmark Instance 13 (120
//! employees, four weeks, 18 shift kinds), groups of 8 by MIP took 11.7 s
//! for a construction of 55 943 and the solve ended at 4 806; shortest
//! paths took 1.2 s for 7 778 and the solve ended at 3 652. (Until 0.15
//! this held over horizons longer than [`FIRST_PLANNING_MIN_DAYS`] only.)
//!
//! Overtime, when it costs anything and the horizon is a month or less
//! ([`OVERTIME_PRICED_MAX_DAYS`]), is priced during the construction above
//! every uncovered hour ([`within_contract_hours`]): a group planned before
//! the others would otherwise cover with overtime what the groups after it
//! could cover within their contract hours, and the search would spend its
//! first pass taking that overtime back. Needs left uncovered by every
//! group are then the search's to cover, with overtime where it pays.
//!
//! Determinism: groups depend on the instance only; each sub-solve is a
//! deterministic HiGHS run for a given seed and thread count, up to the
//! time limits of the sub-solves.

use super::highs_run::{self, Beside, RawStatus};
use super::one_agent;
use super::{SolveError, SolveOptions};
use crate::domain::{AgentIdx, Instance, Planning};
use crate::model::{self, Scope};
use std::collections::{BTreeMap, VecDeque};
use std::time::Instant;

/// Most agents in one group. Small groups are solved to their gap in
/// tenths of a second, large ones hit their share of the budget far from
/// it, and a group's shortfall is the whole construction's: measured at
/// 60 s on a generated 250-agent month, groups of 32 built a planning of
/// 3.6 M in 10 s, groups of 8 one of 0.35 M in 4 s; on a 500-agent
/// quarter groups of 40 took 123 s for 4.8 M, groups of 8 31 s for 2.7 M.
const GROUP_MAX: usize = 8;

/// Agents per group: about an eighth of the agents, between 4 and
/// [`GROUP_MAX`].
fn group_size(n_agents: usize) -> usize {
    n_agents.div_ceil(8).clamp(4, GROUP_MAX)
}

/// The agents of `scope` (sorted, known to `inst`) by pôle of their home
/// secretariat, pôles in name order.
pub(crate) fn agents_by_pole(inst: &Instance, scope: &Scope) -> Vec<Vec<AgentIdx>> {
    let mut agents: Vec<AgentIdx> = match &scope.agents {
        Some(list) => list.clone(),
        None => (0..inst.agents.len()).collect(),
    };
    agents.retain(|&a| a < inst.agents.len());
    agents.sort_unstable();
    agents.dedup();
    let mut by_pole: BTreeMap<&str, Vec<AgentIdx>> = BTreeMap::new();
    for &a in &agents {
        let pole = inst
            .secretariats
            .get(inst.agents[a].home)
            .map(|s| s.pole.as_str())
            .unwrap_or("");
        by_pole.entry(pole).or_default().push(a);
    }
    by_pole.into_values().collect()
}

/// The agents of `scope` in construction order, cut into groups: agents by
/// pôle ([`agents_by_pole`]), each pôle's list cut into groups of
/// [`group_size`].
pub(crate) fn groups(inst: &Instance, scope: &Scope) -> Vec<Vec<AgentIdx>> {
    groups_of(&agents_by_pole(inst, scope))
}

/// Each list of `poles` cut into groups of [`group_size`] (of all their
/// agents): the construction's groups.
pub(crate) fn groups_of(poles: &[Vec<AgentIdx>]) -> Vec<Vec<AgentIdx>> {
    cut(poles, group_size(poles.iter().map(Vec::len).sum()))
}

/// Each list of `poles`, in order, cut into groups of `size` (at least 1).
pub(crate) fn cut(poles: &[Vec<AgentIdx>], size: usize) -> Vec<Vec<AgentIdx>> {
    poles
        .iter()
        .flat_map(|list| list.chunks(size.max(1)).map(<[_]>::to_vec))
        .collect()
}

/// Horizon length (days) above which an agent left after the optimisation
/// budget gets the first planning HiGHS finds for her with the objective
/// in view rather than one by her hard rules alone. Measured at 60 s on
/// the benchmark: over half a year (Instance 20, 182 days) the first kind
/// turns a construction of 170 000 into 44 700 and the final planning from
/// 37 000 into 22 000; over eight weeks (Instance 16, 56 days) it made the
/// construction slightly worse and the final planning 20 % worse (4252
/// against 3547).
const FIRST_PLANNING_MIN_DAYS: usize = 56;

/// Whether construction is worth running: more than one group.
pub(crate) fn worthwhile(inst: &Instance, scope: &Scope) -> bool {
    scope.replan.is_none() && groups(inst, scope).len() > 1
}

/// Longest horizon (days) over which the construction prices overtime
/// above an uncovered hour ([`within_contract_hours`]): five weeks, a
/// month planned by whole weeks. The price pays once the search's first
/// pass has re-solved every group against the others; over longer
/// horizons each of its re-solves frees more agent-days and the pass
/// takes too much of the time. Measured at 60 s on generated instances:
/// 150 and 200 agents over 5 weeks 69 585 → 68 036 and 89 592 → 74 081
/// with the price (120 agents over 2 weeks, within 0.1 % of the bound
/// either way, 17 222.5 → 17 227.8); 150 agents over 8 weeks
/// 106 946 → 125 334 (at 120 s 102 694 → 103 562); a 500-agent summer
/// quarter at 600 s 689 305 → 913 750.
const OVERTIME_PRICED_MAX_DAYS: usize = 35;

/// `inst` with overtime dearer than twice the dearest uncovered hour
/// (`[weights] uncovered` and every need row's `weight_under`), the weights
/// the construction plans with (module doc); `None`, and the instance is
/// planned as it is, when overtime costs nothing (imported benchmark
/// instances, where contract hours mean nothing) or over more than
/// [`OVERTIME_PRICED_MAX_DAYS`]. Measured at 60 s on generated four-week
/// months (`rota generate --weeks 4`, seeds 1 and 2): 80 agents 26 329 →
/// 24 479 and 31 691 → 30 994; 250 agents 112 028 → 100 938 and 95 910 →
/// 89 665 (ten times the uncovered weight instead of twice: 24 262 and
/// 101 007; half of it, below an uncovered hour: 24 305 and 116 961).
fn within_contract_hours(inst: &Instance) -> Option<Instance> {
    if inst.weights.overtime <= 0.0 || inst.horizon.days > OVERTIME_PRICED_MAX_DAYS {
        return None;
    }
    let uncovered = inst
        .needs
        .iter()
        .filter_map(|n| n.weight_under)
        .fold(inst.weights.uncovered, f64::max);
    let mut priced = inst.clone();
    priced.weights.overtime = inst.weights.overtime.max(2.0 * uncovered);
    Some(priced)
}

/// Builds a planning of every agent of `scope`, or `None` (an agent whose
/// hard rules are infeasible, or `deadline` seconds spent). Groups are
/// optimised while `budget` seconds last; after that, and for a single
/// agent whose optimisation found nothing in time, an agent is planned
/// alone (see the module doc; the search improves it).
/// Stops (`None`) as soon as the HiGHS run `beside` has ended (it solved
/// the whole). Errors only when HiGHS itself fails.
pub(crate) fn construct(
    inst: &Instance,
    scope: &Scope,
    opts: &SolveOptions,
    budget: f64,
    deadline: f64,
    beside: Option<&Beside>,
) -> Result<Option<Planning>, SolveError> {
    let t0 = Instant::now();
    let given = inst;
    let priced = within_contract_hours(inst);
    let inst = priced.as_ref().unwrap_or(inst);
    let mut queue: VecDeque<Vec<AgentIdx>> = groups(inst, scope).into();
    // The agents in construction order, the order the polish goes by.
    let agents: Vec<AgentIdx> = queue.iter().flatten().copied().collect();
    let mut planning = Planning::default();
    let add = |planning: &mut Planning, part: Planning| {
        planning.assignments.extend(part.assignments);
        planning.granted.extend(part.granted);
        planning.normalize(inst);
    };
    let seed = u64::from(opts.seed);
    // Each agent's admissible cells, for her shortest path and the polish.
    let mut cells = one_agent::Cells::new(inst);
    while let Some(mut group) = queue.pop_front() {
        let elapsed = t0.elapsed().as_secs_f64();
        if elapsed >= deadline || beside.is_some_and(Beside::ended) || crate::interrupt::requested()
        {
            return Ok(None);
        }
        // By dynamic programming where it reaches, the others by MIP
        // (module doc).
        group.retain(
            |&a| match one_agent::plan(inst, a, &planning, seed, &mut cells) {
                Some(rows) => {
                    add(&mut planning, Planning::of(rows));
                    false
                }
                None => true,
            },
        );
        if group.is_empty() {
            continue;
        }
        let share = |end: f64| ((end - elapsed) / (queue.len() + 1) as f64).max(0.05);
        let sub_scope = Scope {
            agents: Some(group.clone()),
            background: Some(planning.clone()),
            ..scope.clone()
        };
        let sub = SolveOptions {
            time_limit: share(budget),
            gap: opts.gap.max(0.01),
            progress: false,
            ..opts.clone()
        };
        if elapsed < budget {
            let sol = highs_run::run(model::build_scoped(inst, &sub_scope), &sub, &[], None)?;
            match (&sol.columns, sol.status) {
                (Some(cols), RawStatus::Optimal | RawStatus::Limit) => {
                    add(&mut planning, sol.info.planning(inst, cols));
                    continue;
                }
                (_, RawStatus::Infeasible) if group.len() == 1 => return Ok(None),
                _ if group.len() > 1 => {
                    let (a, b) = group.split_at(group.len() / 2);
                    queue.push_front(b.to_vec());
                    queue.push_front(a.to_vec());
                    continue;
                }
                _ => {}
            }
        }
        // Agent by agent: over more than eight weeks, the first planning
        // HiGHS finds with the objective in view (gap 100 %: about as quick
        // as the hard rules alone, and biased towards what the others left
        // uncovered); else, or without one, by her hard rules alone.
        for &a in &group {
            // (The shortest path was tried above.)
            if inst.horizon.days > FIRST_PLANNING_MIN_DAYS {
                let first = SolveOptions {
                    time_limit: share(deadline),
                    gap: 1.0,
                    ..sub.clone()
                };
                let alone = Scope {
                    agents: Some(vec![a]),
                    background: Some(planning.clone()),
                    ..scope.clone()
                };
                let sol = highs_run::run(model::build_scoped(inst, &alone), &first, &[], None)?;
                if let Some(cols) = &sol.columns {
                    add(&mut planning, sol.info.planning(inst, cols));
                    continue;
                }
            }
            let hard = Scope {
                agents: Some(vec![a]),
                soft: false,
                background: None,
                ..scope.clone()
            };
            let sub = SolveOptions {
                time_limit: share(deadline),
                ..sub.clone()
            };
            let sol = highs_run::run(model::build_scoped(inst, &hard), &sub, &[], None)?;
            let Some(cols) = &sol.columns else {
                return Ok(None);
            };
            add(&mut planning, sol.info.planning(inst, cols));
        }
    }
    // Each agent re-planned against all the others, pass after pass until
    // nothing changes or half the time is spent (`one_agent::polish`),
    // where the shortest paths reach. (Week by week, on a planning built
    // with overtime priced above uncovered hours, it made the search's
    // plannings worse: ladder L at 60 s 97 832 instead of about 92 000.)
    let end = t0 + std::time::Duration::from_secs_f64(budget.max(deadline / 2.0).max(0.0));
    // Polishing a year takes its whole half of the time: what is built so
    // far is the first planning the run beside may use (the Lagrangian
    // relaxation waits for one to aim its steps).
    if let Some(beside) = beside.filter(|_| one_agent::in_reach(inst)) {
        let eval = crate::check::evaluate(given, &planning);
        if eval.violations.is_empty() {
            beside.note_incumbent(eval.objective);
        }
    }
    if one_agent::in_reach(inst) {
        one_agent::polish(inst, &mut planning, &agents, &[], seed, end, &mut cells);
    }
    Ok(Some(planning))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::check;
    use crate::domain::testkit::TinyInstance;
    use crate::generate::{write_instance, GenerateOptions};

    /// A generated CHU instance of `agents` × `weeks` (seed `seed`).
    pub(in crate::solve) fn generated(agents: usize, weeks: usize, seed: u64) -> Instance {
        let dir = tempfile::tempdir().expect("temp dir");
        let opts = GenerateOptions {
            agents,
            weeks,
            seed,
            ..GenerateOptions::default()
        };
        write_instance(dir.path(), &opts).expect("written");
        crate::validate::load_instance(dir.path())
            .expect("a generated instance loads")
            .instance
    }

    #[test]
    fn groups_cover_every_agent_once_by_pole() {
        let inst = generated(30, 1, 3);
        let gs = groups(&inst, &Scope::full());
        let mut all: Vec<AgentIdx> = gs.iter().flatten().copied().collect();
        all.sort_unstable();
        assert_eq!(all, (0..30).collect::<Vec<_>>());
        assert!(gs.len() > 1);
        for g in &gs {
            let pole = |a: AgentIdx| &inst.secretariats[inst.agents[a].home].pole;
            assert!(
                g.iter().all(|&a| pole(a) == pole(g[0])),
                "a group spans pôles"
            );
            assert!(g.len() <= group_size(30));
        }
    }

    /// The construction's planning of `inst` (one thread, 30 s) and the
    /// checker's evaluation of it, which finds no hard violation.
    fn constructed(inst: &Instance) -> (Planning, check::Evaluation) {
        let opts = SolveOptions {
            threads: 1,
            ..SolveOptions::default()
        };
        let p = construct(inst, &Scope::full(), &opts, 30.0, 30.0, None)
            .expect("HiGHS runs")
            .expect("a planning");
        let eval = check::evaluate(inst, &p);
        assert!(eval.violations.is_empty(), "{:?}", eval.violations);
        (p, eval)
    }

    /// Benchmark Instance 2 (14 employees, two weeks, two shift kinds),
    /// imported.
    pub(in crate::solve) fn benchmark_instance_2() -> Instance {
        let text = include_str!("../../instances/nrp/Instance2.txt");
        let nrp = crate::nrp::parse(text, "Instance2.txt").expect("parses");
        let dir = tempfile::tempdir().expect("temp dir");
        for (file, content) in crate::nrp::to_instance_files(&nrp) {
            std::fs::write(dir.path().join(file), content).expect("written");
        }
        crate::validate::load_instance(dir.path())
            .expect("an imported instance loads")
            .instance
    }

    #[test]
    fn agents_in_reach_of_shortest_paths_are_planned_by_them_and_polished() {
        // A two-week horizon, every rule in reach of `one_agent`: the
        // construction plans every agent by shortest path and polishes the
        // planning, so no agent re-planned alone against the others can
        // improve it any more (MIP groups stopped at a 1 % gap may leave
        // such improvements).
        let inst = benchmark_instance_2();
        assert!(inst.horizon.days <= FIRST_PLANNING_MIN_DAYS);
        assert!(one_agent::in_reach(&inst));
        assert!(groups(&inst, &Scope::full()).len() > 1);
        let (mut p, eval) = constructed(&inst);
        let agents: Vec<AgentIdx> = (0..inst.agents.len()).collect();
        let later = Instant::now() + std::time::Duration::from_secs(60);
        assert_eq!(
            one_agent::polish(
                &inst,
                &mut p,
                &agents,
                &[],
                0,
                later,
                &mut one_agent::Cells::new(&inst)
            ),
            None,
            "an agent alone improves the construction's {}",
            eval.objective
        );
    }

    #[test]
    fn the_run_beside_learns_of_the_planning_before_it_is_polished() {
        // The Lagrangian relaxation beside aims its steps at the best
        // planning known: on a year the polish takes half the time, so the
        // planning before it is made known (a worse one than the result).
        let inst = benchmark_instance_2();
        let beside = Beside::new(None);
        let opts = SolveOptions {
            threads: 1,
            ..SolveOptions::default()
        };
        let p = construct(&inst, &Scope::full(), &opts, 20.0, 40.0, Some(&beside))
            .expect("no HiGHS failure")
            .expect("a planning");
        let polished = check::evaluate(&inst, &p);
        let before = beside.incumbent().expect("made known before the polish");
        assert!(
            before >= polished.objective - 1e-6,
            "{before} < {}",
            polished.objective
        );
        // Without the polish's improvement the test would prove nothing.
        assert!(before > polished.objective + 1e-6, "{before}");
    }

    #[test]
    fn construction_gives_a_planning_the_checker_accepts() {
        let inst = generated(24, 1, 5);
        let (p, _) = constructed(&inst);
        assert!(!p.assignments.is_empty());
        // Every group had its turn: agents of every pôle work.
        for g in groups(&inst, &Scope::full()) {
            assert!(
                p.assignments.iter().any(|a| g.contains(&a.agent)),
                "group {g:?} has no shift"
            );
        }
    }

    #[test]
    fn without_an_optimisation_budget_agents_get_a_planning_that_covers_needs() {
        // Budget 0: no group is optimised; over nine weeks, every agent
        // gets the first planning HiGHS finds for her alone with the
        // objective in view. It must pass the checker and cover better than
        // the plannings of the agents' hard rules alone.
        let inst = generated(8, 9, 5);
        assert!(inst.horizon.days > FIRST_PLANNING_MIN_DAYS);
        let opts = SolveOptions {
            threads: 1,
            ..SolveOptions::default()
        };
        let p = construct(&inst, &Scope::full(), &opts, 0.0, 60.0, None)
            .expect("HiGHS runs")
            .expect("a planning");
        let eval = check::evaluate(&inst, &p);
        assert!(eval.violations.is_empty(), "{:?}", eval.violations);
        let mut hard = Planning::default();
        for a in 0..inst.agents.len() {
            let scope = Scope::hard_only(a, Default::default());
            let sol = highs_run::run(model::build_scoped(&inst, &scope), &opts, &[], None)
                .expect("HiGHS runs");
            let part = sol.info.planning(&inst, &sol.columns.expect("feasible"));
            hard.assignments.extend(part.assignments);
        }
        hard.normalize(&inst);
        let by_rules = check::evaluate(&inst, &hard);
        assert!(by_rules.violations.is_empty(), "{:?}", by_rules.violations);
        assert!(
            eval.objective < by_rules.objective,
            "{} vs {}",
            eval.objective,
            by_rules.objective
        );
    }

    /// Eight agents of 36-hour contracts in one pôle (two groups of four),
    /// one week; half-day shifts of 4.5 h; six agents needed every weekday
    /// morning and afternoon: 60 half-days, 8 per agent within contract
    /// hours. `weights` changes the default weights.
    fn six_needed_of_eight(weights: impl FnOnce(&mut crate::domain::Weights)) -> Instance {
        let mut tiny = TinyInstance::new(7)
            .shift("M", "08:00", "12:30", 0)
            .shift("A", "13:00", "17:30", 0)
            .secretariat("S1", "P1")
            .weights(weights);
        for i in 1..=8 {
            tiny = tiny
                .agent(&format!("A{i}"), "S1", &[])
                .contract(&format!("C{i}"), |c| c.weekly_minutes = 36 * 60);
        }
        for day in 0..5 {
            tiny = tiny
                .need("S1", day, "08:00", "12:30", 6, 6, None)
                .need("S1", day, "13:00", "17:30", 6, 6, None);
        }
        tiny.build()
    }

    #[test]
    fn groups_planned_first_leave_work_to_the_others_rather_than_work_overtime() {
        // The first group alone could cover 40 half-days with 9 hours of
        // overtime each (an uncovered hour costs 1 000, overtime 20); priced
        // above an uncovered hour during the construction, it keeps to its
        // 32 and the second group covers what is left: every agent works her
        // 36 hours, none more.
        let inst = six_needed_of_eight(|_| {});
        assert_eq!(groups(&inst, &Scope::full()).len(), 2);
        let (p, eval) = constructed(&inst);
        assert_eq!(eval.terms["overtime"], 0.0, "{:?}", eval.terms);
        assert_eq!(eval.terms["under_hours"], 0.0, "{:?}", eval.terms);
        assert_eq!(p.assignments.len(), 64);
    }

    #[test]
    fn overtime_that_costs_nothing_or_a_long_horizon_is_left_as_it_is() {
        // Imported benchmark instances: overtime weight 0, the construction
        // plans with the instance's own weights.
        assert!(within_contract_hours(&six_needed_of_eight(|w| w.overtime = 0.0)).is_none());
        // Nor over more than five weeks.
        let mut long = six_needed_of_eight(|_| {});
        long.horizon.days = OVERTIME_PRICED_MAX_DAYS + 1;
        assert!(within_contract_hours(&long).is_none());
        let mut inst = six_needed_of_eight(|_| {});
        inst.needs[3].weight_under = Some(4000.0);
        let priced = within_contract_hours(&inst).expect("overtime costs");
        assert_eq!(priced.weights.overtime, 8000.0);
        assert_eq!(priced.weights.uncovered, inst.weights.uncovered);
    }

    #[test]
    fn an_exhausted_budget_gives_nothing() {
        let inst = generated(24, 1, 5);
        let p = construct(
            &inst,
            &Scope::full(),
            &SolveOptions::default(),
            0.0,
            0.0,
            None,
        )
        .expect("HiGHS runs");
        assert!(p.is_none());
    }
}
