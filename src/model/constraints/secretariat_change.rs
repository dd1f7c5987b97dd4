//! secretariat_change (soft): per agent and day, `secretariat_change` ×
//! (distinct secretariats of her shifts dated that day − 1). Where she
//! could work at two secretariats in one day: `y[sec] ∈ [0, 1]`, `y ≥ x`
//! for each kind, cost `c·(Σ_sec y − w)` — y is the indicator at an optimum
//! and w is exactly "works that day".

use super::Family;
use crate::domain::{AgentIdx, Instance, RuleFamily, SecretariatIdx};
use crate::model::{Builder, Lin, Term};

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::SecretariatChange,
    allows: None,
    conflicts: None,
    build: Some(build),
    describe,
    modelled: "y[sec] ≥ x per kind, cost Σ y − w per agent and day",
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
            let mut secs: Vec<SecretariatIdx> = kinds.iter().flat_map(|&s| b.cells[a][d][s].iter().map(|&(x, _)| x)).collect();
            secs.sort_unstable();
            secs.dedup();
            if secs.len() < 2 {
                continue;
            }
            let mut cost = Lin::default();
            for sec in secs {
                let y = b.continuous(0.0, 1.0);
                cost.add(y, 1.0);
                for &s in &kinds {
                    let xs: Vec<_> = b.cells[a][d][s].iter().filter(|(x, _)| *x == sec).map(|&(_, v)| v).collect();
                    for v in xs {
                        let mut l = Lin::var(v);
                        l.add(y, -1.0);
                        b.le(RuleFamily::SecretariatChange, &l, 0.0);
                    }
                }
            }
            cost.add_lin(&b.w(a, d), -1.0);
            b.objective(Term::SecretariatChange, &cost, c);
        }
    }
}

fn describe(_: &Instance, _: AgentIdx) -> String {
    "one secretariat per day".into()
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn a_day_at_one_secretariat_costs_nothing() {
        let inst = base(1)
            .weights(|w| w.secretariat_change = 3.0)
            .agent("ANA", "S1", &["S2"])
            .need("S1", 0, "08:00", "12:00", 1, 1, None)
            .need("S1", 0, "13:00", "17:00", 1, 1, None)
            .build();
        let out = solve_opt(&inst);
        close(term(&out, Term::SecretariatChange), 0.0);
        assert_eq!(n_worked(&out), 2);
    }
}
