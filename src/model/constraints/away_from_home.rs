//! away_from_home (soft): `away_from_home` per shift worked at a secretariat
//! other than home — a cost on each such x column.

use super::Family;
use crate::domain::{AgentIdx, Instance, RuleFamily};
use crate::model::{Builder, Term};

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::AwayFromHome,
    allows: None,
    conflicts: None,
    build: Some(build),
    describe,
    modelled: "cost on every x outside home",
};

fn build(b: &mut Builder) {
    let c = b.inst.weights.away_from_home;
    if c == 0.0 {
        return;
    }
    let agents = b.agents.clone();
    for &a in &agents {
        let home = b.inst.agents[a].home;
        for d in 0..b.days() {
            for s in 0..b.inst.shifts.len() {
                let xs: Vec<_> = b.cells[a][d][s]
                    .iter()
                    .filter(|(sec, _)| *sec != home)
                    .map(|&(_, v)| v)
                    .collect();
                for v in xs {
                    b.objective_var(Term::AwayFromHome, v, c);
                }
            }
        }
    }
}

fn describe(_: &Instance, _: AgentIdx) -> String {
    "working at home".into()
}

#[cfg(test)]
mod tests {
    use crate::model::testutil::*;
    use crate::model::Term;

    #[test]
    fn the_agent_at_home_serves_her_secretariat() {
        let inst = base(1)
            .weights(|w| w.away_from_home = 2.0)
            .agent("ANA", "S1", &["S2"])
            .agent("BOB", "S2", &["S1"])
            .need("S2", 0, "08:00", "12:00", 1, 1, None)
            .build();
        let out = solve_opt(&inst);
        assert_eq!(worked(&inst, &out), vec!["BOB:0:M:S2"]);
        close(term(&out, Term::AwayFromHome), 0.0);
    }

    #[test]
    fn an_away_shift_is_paid_when_nobody_is_at_home() {
        let inst = base(1)
            .weights(|w| w.away_from_home = 2.0)
            .agent("ANA", "S1", &["S2"])
            .need("S2", 0, "08:00", "12:00", 1, 1, None)
            .build();
        let out = solve_opt(&inst);
        close(term(&out, Term::AwayFromHome), 2.0);
    }
}
