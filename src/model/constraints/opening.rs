//! opening (hard filter): a shift at secretariat S dated d exists only if S
//! is open on d (open weekday not a holiday nor a closure of S, or a day
//! with a dated need row for S) and `opens ≤ start`, `end ≤ closes`.

use super::Family;
use crate::domain::{AgentIdx, Day, Instance, RuleFamily, SecretariatIdx, ShiftIdx};
use crate::model::Builder;

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::Opening,
    allows: Some(allows),
    conflicts: None,
    build: None,
    describe,
    modelled: "filter: x exists only on open days, within opening hours",
};

fn allows(b: &Builder, _: AgentIdx, d: Day, s: ShiftIdx, sec: SecretariatIdx) -> bool {
    let (sh, se) = (&b.inst.shifts[s], &b.inst.secretariats[sec]);
    b.open[sec][d] && se.opens <= sh.start && sh.end <= se.closes
}

fn describe(inst: &Instance, a: AgentIdx) -> String {
    let ag = &inst.agents[a];
    let mut secs: Vec<&str> = vec![inst.secretariats[ag.home].id.as_str()];
    secs.extend(ag.covers.iter().map(|&s| inst.secretariats[s].id.as_str()));
    format!("the opening days and hours of {}", secs.join(", "))
}

#[cfg(test)]
mod tests {
    use crate::domain::{Need, NeedWindow};
    use crate::model::testutil::*;
    use crate::model::Term;

    #[test]
    fn no_shift_on_a_closed_saturday_nor_a_holiday() {
        // Day 5 is Saturday 2026-12-12; day 0 is made a holiday.
        let inst = base(6)
            .holiday(0)
            .agent("ANA", "S1", &[])
            .need("S1", 5, "08:00", "12:00", 1, 1, None)
            .need("S1", 0, "08:00", "12:00", 1, 1, None)
            .build();
        let out = solve_opt(&inst);
        assert_eq!(n_worked(&out), 0);
        close(term(&out, Term::Uncovered), 8000.0);
    }

    #[test]
    fn a_dated_need_opens_its_day_and_hours_bound_shifts() {
        let mut inst = base(6).agent("ANA", "S1", &[]).build();
        inst.needs.push(Need {
            secretariat: 0,
            day: 5,
            window: NeedWindow::Minutes {
                start: 8 * 60,
                end: 12 * 60,
            },
            min: 1,
            target: 1,
            max: None,
            label: String::new(),
            weight_under: None,
            weight_over: None,
            dated: true,
            line: 2,
        });
        let out = solve_opt(&inst);
        close(term(&out, Term::Uncovered), 0.0);
        assert_eq!(worked(&inst, &out), vec!["ANA:5:M:S1"]);
        // Opening at 09:00 forbids M and J (08:00): the need goes uncovered.
        let inst2 = base(1)
            .opening("S1", &[chrono::Weekday::Mon], "09:00", "20:00")
            .agent("ANA", "S1", &[])
            .need("S1", 0, "08:00", "12:00", 1, 1, None)
            .build();
        let out2 = solve_opt(&inst2);
        assert_eq!(n_worked(&out2), 0);
    }
}
