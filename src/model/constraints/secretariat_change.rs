//! secretariat_change (soft): per agent and day, `secretariat_change` ×
//! (distinct secretariats of her shifts dated that day − 1). Where she
//! could work at two secretariats in one day: `y[sec] ∈ [0, 1]`,
//! `y ≥ Σ_{s ∈ K} x[s, sec]` for each group K of kinds sharing an instant,
//! cost `c·(Σ_sec y − w)` — y is the indicator at an optimum and w is
//! exactly "works that day". `Σ_sec y ≥ w` (a day worked has a
//! secretariat) holds in every planning and keeps the linear relaxation's
//! cost from going below zero: without it, half a morning and half an
//! afternoon at one secretariat counted a whole day worked at half a
//! secretariat, a change of −½ (the generated 250-agent month's relaxation
//! counted −1 104; with the row 15, its bound 74 498 → 75 594).

use super::Family;
use crate::domain::{AgentIdx, Instance, RuleFamily, SecretariatIdx, ShiftIdx};
use crate::model::{Builder, Lin, Term};

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::SecretariatChange,
    allows: None,
    conflicts: None,
    build: Some(build),
    describe,
    modelled: "y[sec] ≥ Σ x over kinds sharing an instant, Σ y ≥ w, cost Σ y − w per agent and day",
};

fn build(b: &mut Builder) {
    let c = b.inst.weights.secretariat_change;
    if c <= 0.0 {
        return;
    }
    let agents = b.agents.clone();
    for &a in &agents {
        for d in 0..b.days() {
            let kinds = b.kinds(a, d);
            if kinds.len() < 2 {
                continue;
            }
            let mut secs: Vec<SecretariatIdx> = kinds
                .iter()
                .flat_map(|&s| b.cells[a][d][s].iter().map(|&(x, _)| x))
                .collect();
            secs.sort_unstable();
            secs.dedup();
            if secs.len() < 2 {
                continue;
            }
            // Kinds sharing an instant may not both be worked: y ≥ Σ_{s ∈ K} x
            // over each such clique K is valid and tighter than y ≥ x per kind.
            let groups = instant_cliques(b, &kinds);
            let mut cost = Lin::default();
            for sec in secs {
                let y = b.continuous(0.0, 1.0);
                cost.add(y, 1.0);
                for group in &groups {
                    let xs: Vec<_> = group
                        .iter()
                        .flat_map(|&s| {
                            b.cells[a][d][s]
                                .iter()
                                .filter(|(x, _)| *x == sec)
                                .map(|&(_, v)| v)
                        })
                        .collect();
                    if xs.is_empty() {
                        continue;
                    }
                    let mut l = Lin::default();
                    for v in xs {
                        l.add(v, 1.0);
                    }
                    l.add(y, -1.0);
                    b.le(RuleFamily::SecretariatChange, &l, 0.0);
                }
            }
            cost.add_lin(&b.w(a, d), -1.0);
            // A day worked has a secretariat: Σ y − w ≥ 0, valid for every
            // planning, keeps the relaxation's cost from going below zero.
            b.ge(RuleFamily::SecretariatChange, &cost, 0.0);
            b.objective(Term::SecretariatChange, &cost, c);
        }
    }
}

/// Groups of kinds that cannot be worked together: the kinds containing
/// each start instant (maximal cliques of the interval graph) when
/// one_shift_at_a_time is built, else each kind alone.
pub(crate) fn instant_cliques(b: &Builder, kinds: &[ShiftIdx]) -> Vec<Vec<ShiftIdx>> {
    if !b.enabled(RuleFamily::OneShiftAtATime) {
        return kinds.iter().map(|&s| vec![s]).collect();
    }
    let sh = &b.inst.shifts;
    let mut groups: Vec<Vec<ShiftIdx>> = kinds
        .iter()
        .map(|&t| {
            kinds
                .iter()
                .copied()
                .filter(|&s| sh[s].start <= sh[t].start && sh[t].start < sh[s].end)
                .collect()
        })
        .collect();
    groups.sort();
    groups.dedup();
    let all = groups.clone();
    groups.retain(|g| {
        !all.iter()
            .any(|h| h.len() > g.len() && g.iter().all(|x| h.contains(x)))
    });
    groups
}

fn describe(_: &Instance, _: AgentIdx) -> String {
    "one secretariat per day".into()
}

#[cfg(test)]
mod tests {
    use crate::domain::testkit::TinyInstance;
    use crate::model::testutil::*;
    use crate::model::Term;

    fn inst() -> crate::domain::Instance {
        base(1)
            .weights(|w| w.secretariat_change = 3.0)
            .agent("ANA", "S1", &["S2"])
            .need("S1", 0, "08:00", "12:00", 1, 1, None)
            .need("S2", 0, "13:00", "17:00", 1, 1, None)
            .build()
    }

    #[test]
    fn a_morning_here_and_an_afternoon_there_is_one_change() {
        let out = solve_opt(&inst());
        close(term(&out, Term::SecretariatChange), 3.0);
        assert_eq!(n_worked(&out), 2);
    }

    /// A morning and an afternoon to cover at S1, by an agent who may
    /// also work at S2.
    fn both_halves_at_s1() -> TinyInstance {
        base(1)
            .weights(|w| w.secretariat_change = 3.0)
            .agent("ANA", "S1", &["S2"])
            .need("S1", 0, "08:00", "12:00", 1, 1, None)
            .need("S1", 0, "13:00", "17:00", 1, 1, None)
    }

    #[test]
    fn a_day_at_one_secretariat_costs_nothing() {
        let out = solve_opt(&both_halves_at_s1().build());
        close(term(&out, Term::SecretariatChange), 0.0);
        assert_eq!(n_worked(&out), 2);
    }

    #[test]
    fn the_relaxation_counts_no_negative_change() {
        // One shift of two at most (4 h a day): half of each in the
        // relaxation. Without Σ y ≥ w the relaxation could count the day
        // as worked (w = 1) at half a secretariat (y = ½), a change of −½.
        let inst = both_halves_at_s1()
            .rules(|r| r.max_daily_minutes = 4 * 60)
            .build();
        let out = solve_opt(&inst);
        assert_eq!(n_worked(&out), 1);
        close(relaxation(&inst), out.objective.unwrap());
    }
}
