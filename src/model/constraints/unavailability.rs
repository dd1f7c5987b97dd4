//! unavailability (hard filter): an `off` availability occurrence forbids the
//! shifts dated that day that match its scope (all, one kind, or
//! overlapping the window). No `x` column exists for them.

use super::Family;
use crate::domain::{
    AgentIdx, AvailabilityKind, Day, Instance, RuleFamily, SecretariatIdx, ShiftIdx,
};
use crate::model::Builder;

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::Unavailability,
    allows: Some(allows),
    conflicts: None,
    build: None,
    describe,
    modelled: "filter: no x on `off` occurrences (whole day, kind or window)",
};

fn allows(b: &Builder, a: AgentIdx, d: Day, s: ShiftIdx, _: SecretariatIdx) -> bool {
    let shift = &b.inst.shifts[s];
    !b.off_rows[a][d].iter().any(|scope| scope.matches(s, shift))
}

fn describe(inst: &Instance, a: AgentIdx) -> String {
    let mut days: Vec<usize> = inst
        .availability
        .iter()
        .filter(|r| r.agent == a && r.kind == AvailabilityKind::Off)
        .map(|r| r.day)
        .collect();
    days.sort_unstable();
    days.dedup();
    let dates: Vec<String> = days
        .iter()
        .map(|&d| inst.horizon.date(d).to_string())
        .collect();
    format!("`off` on {} day(s) ({})", days.len(), dates.join(", "))
}

#[cfg(test)]
mod tests {
    use crate::domain::{AvailabilityKind, AvailabilityScope};
    use crate::model::testutil::*;
    use crate::model::Term;

    #[test]
    fn an_off_day_is_not_worked() {
        let inst = base(2)
            .agent("ANA", "S1", &[])
            .availability(
                "ANA",
                0,
                AvailabilityKind::Off,
                AvailabilityScope::AllShifts,
                1.0,
            )
            .need("S1", 0, "08:00", "12:00", 1, 1, None)
            .need("S1", 1, "08:00", "12:00", 1, 1, None)
            .build();
        let out = solve_opt(&inst);
        assert!(worked(&inst, &out).iter().all(|w| !w.starts_with("ANA:0:")));
        close(term(&out, Term::Uncovered), 4000.0);
    }

    #[test]
    fn an_off_window_only_blocks_overlapping_shifts() {
        let inst = base(1)
            .agent("ANA", "S1", &[])
            .availability(
                "ANA",
                0,
                AvailabilityKind::Off,
                AvailabilityScope::Window {
                    start: 14 * 60,
                    end: 15 * 60,
                },
                1.0,
            )
            .need("S1", 0, "08:00", "12:00", 1, 1, None)
            .build();
        let out = solve_opt(&inst);
        close(term(&out, Term::Uncovered), 0.0);
        assert_eq!(worked(&inst, &out), vec!["ANA:0:M:S1"]);
    }
}
