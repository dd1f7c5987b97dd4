//! preferences (soft): a `prefer_off` occurrence is paid (`preference` ×
//! row weight) when a matching shift is dated that day; a `prefer_on` one
//! when none is. With M the kinds she may work that match the scope: when M
//! is every kind possible that day the term is `c·w` (or `c·(1 − w)`); when
//! M has one kind it is on z; otherwise a column p ∈ [0, 1] with `p ≥ z[s]`
//! for s ∈ M (prefer_off) or `q ≥ 1 − Σ_M z` (prefer_on). A negative
//! weight also gets the reverse rows so the column stays exact.

use super::Family;
use crate::domain::{AgentIdx, AvailabilityKind, Instance, RuleFamily, ShiftIdx};
use crate::model::{Builder, Lin, Term};

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::Preferences,
    allows: None,
    conflicts: None,
    build: Some(build),
    describe,
    modelled:
        "prefer_off: c·w, c·z or p ≥ z over matching kinds; prefer_on: c·(1 − w) or q ≥ 1 − Σ z",
};

fn build(b: &mut Builder) {
    let inst = b.inst;
    for av in &inst.availability {
        let (a, d) = (av.agent, av.day);
        if av.kind == AvailabilityKind::Off || b.agents.binary_search(&a).is_err() || d >= b.days()
        {
            continue;
        }
        let c = inst.weights.preference * av.weight;
        if c == 0.0 {
            continue;
        }
        let kinds = b.kinds(a, d);
        let m: Vec<ShiftIdx> = kinds
            .iter()
            .copied()
            .filter(|&s| av.scope.matches(s, &inst.shifts[s]))
            .collect();
        let mut sum = Lin::default();
        for &s in &m {
            sum.add_lin(&b.z(a, d, s), 1.0);
        }
        match av.kind {
            AvailabilityKind::PreferOff => {
                if m.is_empty() {
                    continue;
                }
                if m.len() == kinds.len() {
                    b.objective(Term::Preference, &b.w(a, d), c);
                } else if m.len() == 1 {
                    b.objective(Term::Preference, &sum, c);
                } else {
                    let p = b.whole(0.0, 1.0);
                    for &s in &m {
                        let mut l = b.z(a, d, s);
                        l.add(p, -1.0);
                        b.le(RuleFamily::Preferences, &l, 0.0);
                    }
                    if c < 0.0 {
                        let mut l = Lin::var(p);
                        l.add_lin(&sum, -1.0);
                        b.le(RuleFamily::Preferences, &l, 0.0);
                    }
                    b.objective_var(Term::Preference, p, c);
                }
            }
            AvailabilityKind::PreferOn => {
                if m.is_empty() {
                    b.objective_constant(Term::Preference, c);
                } else if m.len() == kinds.len() || m.len() == 1 {
                    let mut l = Lin::constant(1.0);
                    let on = if m.len() == kinds.len() {
                        b.w(a, d)
                    } else {
                        sum
                    };
                    l.add_lin(&on, -1.0);
                    b.objective(Term::Preference, &l, c);
                } else {
                    let q = b.whole(0.0, 1.0);
                    let mut l = sum.clone();
                    l.add(q, 1.0);
                    b.ge(RuleFamily::Preferences, &l, 1.0);
                    if c < 0.0 {
                        for &s in &m {
                            let mut l = b.z(a, d, s);
                            l.add(q, 1.0);
                            b.le(RuleFamily::Preferences, &l, 1.0);
                        }
                    }
                    b.objective_var(Term::Preference, q, c);
                }
            }
            AvailabilityKind::Off => {}
        }
    }
}

fn describe(_: &Instance, _: AgentIdx) -> String {
    "preferences".into()
}

#[cfg(test)]
mod tests {
    use crate::domain::{AvailabilityKind, AvailabilityScope};
    use crate::model::testutil::*;
    use crate::model::Term;

    #[test]
    fn a_prefer_off_gives_way_to_a_need_and_is_paid() {
        let inst = base(1)
            .agent("ANA", "S1", &[])
            .availability(
                "ANA",
                0,
                AvailabilityKind::PreferOff,
                AvailabilityScope::AllShifts,
                3.0,
            )
            .need("S1", 0, "08:00", "12:00", 1, 1, None)
            .build();
        let out = solve_opt(&inst);
        close(term(&out, Term::Preference), 3.0);
        assert_eq!(n_worked(&out), 1);
    }

    #[test]
    fn a_prefer_on_for_one_kind_is_honoured_when_cheaper() {
        // Working A costs 4 (overtime), the preference 10: she works A.
        let inst = base(1)
            .agent("ANA", "S1", &[])
            .availability(
                "ANA",
                0,
                AvailabilityKind::PreferOn,
                AvailabilityScope::Shift(1),
                10.0,
            )
            .build();
        let out = solve_opt(&inst);
        close(term(&out, Term::Preference), 0.0);
        assert_eq!(worked(&inst, &out), vec!["ANA:0:A:S1"]);
    }

    #[test]
    fn a_prefer_off_on_a_window_avoids_the_afternoon() {
        // J (8) would cover the whole need but matches the afternoon prefer_off
        // (6000): M alone (5 h uncovered = 5000, plus 4) is cheaper.
        let inst = base(1)
            .agent("ANA", "S1", &[])
            .availability(
                "ANA",
                0,
                AvailabilityKind::PreferOff,
                AvailabilityScope::Window {
                    start: 780,
                    end: 1020,
                },
                6000.0,
            )
            .need("S1", 0, "08:00", "17:00", 1, 1, None)
            .build();
        let out = solve_opt(&inst);
        assert_eq!(worked(&inst, &out), vec!["ANA:0:M:S1"]);
        close(term(&out, Term::Preference), 0.0);
    }
}
