//! min_daily_rest (hard): when d and d+1 are both working days, the first
//! start dated d+1 minus the last end dated d ≥ `min_daily_rest_hours`.
//! Pairwise exact, declared as conflicts between kinds on d and on d+1 and
//! turned into clique rows with the other conflicts.

use super::{fmt_hours, Family};
use crate::domain::{AgentIdx, Instance, RuleFamily};
use crate::model::conflicts::Node;
use crate::model::Builder;

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::MinDailyRest,
    allows: None,
    conflicts: Some(conflicts),
    build: None,
    describe,
    modelled: "pairs (kind on d, kind on d+1) with too short a rest as clique rows",
};

fn conflicts(b: &Builder, (o1, s1): Node, (o2, s2): Node) -> bool {
    if o2 != o1 + 1 {
        return false;
    }
    let (first, next) = (&b.inst.shifts[s1], &b.inst.shifts[s2]);
    1440 + next.start - first.end < b.inst.rules.min_daily_rest_minutes
}

fn describe(inst: &Instance, _: AgentIdx) -> String {
    format!(
        "{} of daily rest",
        fmt_hours(inst.rules.min_daily_rest_minutes)
    )
}

#[cfg(test)]
mod tests {
    use crate::model::testutil::*;
    use crate::model::Term;
    use chrono::Weekday;

    fn inst(rest_h: i64) -> crate::domain::Instance {
        base(2)
            .shift("E", "15:00", "23:00", 0)
            .shift("D", "07:00", "11:00", 0)
            .opening("S1", &[Weekday::Mon, Weekday::Tue], "06:00", "23:00")
            .rules(|r| r.min_daily_rest_minutes = rest_h * 60)
            .agent("ANA", "S1", &[])
            .need("S1", 0, "15:00", "23:00", 1, 1, None)
            .need("S1", 1, "07:00", "11:00", 1, 1, None)
            .build()
    }

    #[test]
    fn eight_hours_between_evening_and_morning_break_twelve_hours_of_rest() {
        let out = solve_opt(&inst(12));
        close(term(&out, Term::Uncovered), 4000.0); // the 4 h morning is left
        assert_eq!(worked(&inst(12), &out), vec!["ANA:0:E:S1"]);
    }

    #[test]
    fn with_eight_hours_of_rest_both_are_worked() {
        let out = solve_opt(&inst(8));
        close(term(&out, Term::Uncovered), 0.0);
    }
}
