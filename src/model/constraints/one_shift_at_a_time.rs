//! one_shift_at_a_time (hard): two shifts of one agent never overlap in
//! absolute time, night shifts included. Declared as pairwise conflicts of
//! a two-day window (absolute intervals intersect); `model::conflicts` turns
//! them into clique rows — all kinds containing a given instant form a
//! clique — `Σ z ≤ w[a, d]` within a day, `Σ z ≤ 1` across midnight.

use super::Family;
use crate::domain::{AgentIdx, Instance, RuleFamily};
use crate::model::conflicts::Node;
use crate::model::Builder;

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::OneShiftAtATime,
    allows: None,
    conflicts: Some(conflicts),
    build: None,
    describe,
    modelled: "clique rows over shift kinds sharing an instant (two-day window for night shifts): Σ z ≤ w within a day, Σ z ≤ 1 across midnight",
};

fn conflicts(b: &Builder, (o1, s1): Node, (o2, s2): Node) -> bool {
    let (a, c) = (&b.inst.shifts[s1], &b.inst.shifts[s2]);
    let (a0, a1) = (o1 as i64 * 1440 + a.start, o1 as i64 * 1440 + a.end);
    let (c0, c1) = (o2 as i64 * 1440 + c.start, o2 as i64 * 1440 + c.end);
    a0 < c1 && c0 < a1
}

fn describe(_: &Instance, _: AgentIdx) -> String {
    "one shift at a time".into()
}

#[cfg(test)]
mod tests {
    use crate::model::testutil::*;
    use crate::model::Term;

    #[test]
    fn overlapping_needs_at_two_secretariats_cannot_both_be_covered() {
        let inst = base(1)
            .agent("ANA", "S1", &["S2"])
            .need("S1", 0, "08:00", "12:00", 1, 1, None)
            .need("S2", 0, "08:00", "12:00", 1, 1, None)
            .build();
        let out = solve_opt(&inst);
        assert_eq!(n_worked(&out), 1);
        close(term(&out, Term::Uncovered), 4000.0);
    }

    #[test]
    fn successive_needs_at_two_secretariats_are_both_covered() {
        let inst = base(1)
            .agent("ANA", "S1", &["S2"])
            .need("S1", 0, "08:00", "12:00", 1, 1, None)
            .need("S2", 0, "13:00", "17:00", 1, 1, None)
            .build();
        let out = solve_opt(&inst);
        assert_eq!(worked(&inst, &out), vec!["ANA:0:M:S1", "ANA:0:A:S2"]);
        close(term(&out, Term::Uncovered), 0.0);
    }

    #[test]
    fn a_night_shift_blocks_the_next_morning() {
        let inst = base(2)
            .shift("N", "21:00", "06:00", 0)
            .shift("E", "05:00", "09:00", 0)
            .opening(
                "S1",
                &[chrono::Weekday::Mon, chrono::Weekday::Tue],
                "00:00",
                "30:00",
            )
            .rules(|r| r.min_daily_rest_minutes = 0)
            .agent("ANA", "S1", &[])
            .need("S1", 0, "21:00", "23:00", 1, 1, None)
            .need("S1", 1, "05:00", "06:00", 1, 1, None)
            .build();
        // N (day 0) runs to 06:00 on day 1 and so covers 05:00–06:00 of day 1 too; E would overlap it.
        let out = solve_opt(&inst);
        assert_eq!(worked(&inst, &out), vec!["ANA:0:N:S1"]);
        close(term(&out, Term::Uncovered), 0.0);
    }
}
