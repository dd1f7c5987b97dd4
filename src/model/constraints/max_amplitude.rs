//! max_amplitude (hard): first start to last end of the shifts dated one
//! day ≤ `max_amplitude_hours`. Pairwise exact (the span is set by one pair),
//! so declared as same-day conflicts turned into clique rows; a kind longer
//! than the limit gets no column.

use super::{fmt_hours, Family};
use crate::domain::{AgentIdx, Day, Instance, RuleFamily, SecretariatIdx, ShiftIdx};
use crate::model::conflicts::Node;
use crate::model::Builder;

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::MaxAmplitude,
    allows: Some(allows),
    conflicts: Some(conflicts),
    build: None,
    describe,
    modelled: "same-day pairs spanning more than the limit as clique rows; no x for a longer kind",
};

fn allows(b: &Builder, _: AgentIdx, _: Day, s: ShiftIdx, _: SecretariatIdx) -> bool {
    let sh = &b.inst.shifts[s];
    sh.end - sh.start <= b.inst.rules.max_amplitude_minutes
}

fn conflicts(b: &Builder, (o1, s1): Node, (o2, s2): Node) -> bool {
    if o1 != o2 {
        return false;
    }
    let (a, c) = (&b.inst.shifts[s1], &b.inst.shifts[s2]);
    a.end.max(c.end) - a.start.min(c.start) > b.inst.rules.max_amplitude_minutes
}

fn describe(inst: &Instance, _: AgentIdx) -> String {
    format!(
        "an amplitude of at most {} per day",
        fmt_hours(inst.rules.max_amplitude_minutes)
    )
}

#[cfg(test)]
mod tests {
    use crate::model::testutil::*;
    use crate::model::Term;

    fn inst(amplitude_h: i64) -> crate::domain::Instance {
        base(1)
            .shift("E", "16:00", "20:00", 0)
            .rules(|r| r.max_amplitude_minutes = amplitude_h * 60)
            .agent("ANA", "S1", &[])
            .need("S1", 0, "08:00", "12:00", 1, 1, None)
            .need("S1", 0, "16:00", "20:00", 1, 1, None)
            .build()
    }

    #[test]
    fn a_morning_and_an_evening_exceed_the_amplitude() {
        // M + E spans 12 h: she works M + A or J instead (reaching 16:00–17:00),
        // 17:00–20:00 stays uncovered.
        let out = solve_opt(&inst(11));
        assert!(worked(&inst(11), &out).iter().all(|w| !w.contains(":E:")));
        close(term(&out, Term::Uncovered), 3000.0);
    }

    #[test]
    fn with_twelve_hours_of_amplitude_both_are_worked() {
        let out = solve_opt(&inst(12));
        assert_eq!(worked(&inst(12), &out), vec!["ANA:0:M:S1", "ANA:0:E:S1"]);
    }
}
