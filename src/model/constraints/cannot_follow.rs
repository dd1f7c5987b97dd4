//! cannot_follow (hard): a kind listed in `cannot_follow` of X is not worked
//! the day after X. Declared as conflicts between X on d and the listed
//! kinds on d+1, turned into clique rows with the other conflicts.

use super::Family;
use crate::domain::{AgentIdx, Instance, RuleFamily};
use crate::model::conflicts::Node;
use crate::model::Builder;

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::CannotFollow,
    allows: None,
    conflicts: Some(conflicts),
    build: None,
    describe,
    modelled: "pairs (X on d, listed kind on d+1) as clique rows",
};

fn conflicts(b: &Builder, (o1, s1): Node, (o2, s2): Node) -> bool {
    o2 == o1 + 1 && b.inst.shifts[s1].cannot_follow.contains(&s2)
}

fn describe(inst: &Instance, _: AgentIdx) -> String {
    let pairs: Vec<String> = inst
        .shifts
        .iter()
        .flat_map(|x| {
            x.cannot_follow
                .iter()
                .map(move |&y| format!("{} then {}", x.id, inst.shifts[y].id))
        })
        .collect();
    format!("no {} on consecutive days", pairs.join(", "))
}

#[cfg(test)]
mod tests {
    use crate::model::testutil::*;
    use crate::model::Term;

    #[test]
    fn an_afternoon_cannot_be_followed_by_a_morning() {
        let inst = base(2)
            .cannot_follow("A", "M")
            .agent("ANA", "S1", &[])
            .need("S1", 0, "13:00", "17:00", 1, 1, None)
            .need("S1", 1, "08:00", "12:00", 1, 1, None)
            .build();
        let out = solve_opt(&inst);
        // A then J would also be forbidden? No: only M is listed, so J covers the morning.
        assert_eq!(worked(&inst, &out), vec!["ANA:0:A:S1", "ANA:1:J:S1"]);
        close(term(&out, Term::Uncovered), 0.0);
    }

    #[test]
    fn the_reverse_succession_is_allowed() {
        let inst = base(2)
            .cannot_follow("A", "M")
            .agent("ANA", "S1", &[])
            .need("S1", 0, "08:00", "12:00", 1, 1, None)
            .need("S1", 1, "13:00", "17:00", 1, 1, None)
            .build();
        let out = solve_opt(&inst);
        assert_eq!(worked(&inst, &out), vec!["ANA:0:M:S1", "ANA:1:A:S1"]);
    }
}
