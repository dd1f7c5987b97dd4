//! eligibility (hard filter): an agent works only at her home secretariat
//! or those she covers. No `x` column exists elsewhere.

use super::Family;
use crate::domain::{AgentIdx, Day, Instance, RuleFamily, SecretariatIdx, ShiftIdx};
use crate::model::Builder;

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::Eligibility,
    allows: Some(allows),
    conflicts: None,
    build: None,
    describe,
    modelled: "filter: x exists only at home and covered secretariats",
};

fn allows(b: &Builder, a: AgentIdx, _: Day, _: ShiftIdx, sec: SecretariatIdx) -> bool {
    b.inst.agents[a].may_work_at(sec)
}

fn describe(inst: &Instance, a: AgentIdx) -> String {
    let ag = &inst.agents[a];
    let mut secs: Vec<&str> = vec![inst.secretariats[ag.home].id.as_str()];
    secs.extend(ag.covers.iter().map(|&s| inst.secretariats[s].id.as_str()));
    format!("works only at {}", secs.join(", "))
}

#[cfg(test)]
mod tests {
    use crate::model::testutil::*;
    use crate::model::Term;

    #[test]
    fn an_agent_does_not_cover_a_secretariat_she_is_not_eligible_for() {
        let inst = base(1)
            .agent("ANA", "S1", &[])
            .need("S2", 0, "08:00", "12:00", 1, 1, None)
            .build();
        let out = solve_opt(&inst);
        assert!(worked(&inst, &out).iter().all(|w| !w.ends_with("S2")));
        close(term(&out, Term::Uncovered), 4000.0);
    }

    #[test]
    fn a_covered_secretariat_is_served() {
        let inst = base(1)
            .agent("ANA", "S1", &["S2"])
            .need("S2", 0, "08:00", "12:00", 1, 1, None)
            .build();
        let out = solve_opt(&inst);
        close(term(&out, Term::Uncovered), 0.0);
        assert!(worked(&inst, &out).iter().any(|w| w.ends_with(":S2")));
    }
}
