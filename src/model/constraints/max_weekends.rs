//! max_weekends (hard): weekends (the Sat/Sun pairs touching the horizon,
//! a pair cut by the edge keeping its inside day) with a shift dated on
//! either day ≤ `max_weekends`. A binary `v ≥ w[sat], v ≥ w[sun]` per
//! weekend where both days could be worked (else v is that day's w), and
//! `Σ v ≤ max`.

use super::Family;
use crate::domain::{AgentIdx, Day, Instance, RuleFamily, SecretariatIdx, ShiftIdx};
use crate::model::{Builder, Lin};

/// Registry entry.
pub(crate) const FAMILY: Family = Family {
    family: RuleFamily::MaxWeekends,
    allows: Some(allows),
    conflicts: None,
    build: Some(build),
    describe,
    modelled: "binary v ≥ w[sat], v ≥ w[sun] per weekend; Σ v ≤ max",
};

fn allows(b: &Builder, a: AgentIdx, d: Day, _: ShiftIdx, _: SecretariatIdx) -> bool {
    b.contract(a).max_weekends != Some(0) || !b.inst.horizon.is_weekend(d)
}

fn build(b: &mut Builder) {
    let agents = b.agents.clone();
    let weekends = b.inst.horizon.weekends();
    for &a in &agents {
        let Some(max) = b.contract(a).max_weekends else {
            continue;
        };
        let mut vs: Vec<Lin> = Vec::new();
        for wk in &weekends {
            let days: Vec<Day> = wk.iter().copied().filter(|&d| b.can_work(a, d)).collect();
            match days.len() {
                0 => {}
                1 => vs.push(b.w(a, days[0])),
                _ => {
                    let v = b.binary();
                    for &d in &days {
                        let mut l = b.w(a, d);
                        l.add(v, -1.0);
                        b.le(RuleFamily::MaxWeekends, &l, 0.0);
                    }
                    vs.push(Lin::var(v));
                }
            }
        }
        if vs.len() as u32 <= max {
            continue;
        }
        let mut l = Lin::default();
        for v in &vs {
            l.add_lin(v, 1.0);
        }
        b.le(RuleFamily::MaxWeekends, &l, max as f64);
    }
}

fn describe(inst: &Instance, a: AgentIdx) -> String {
    match inst.contract_of(a).max_weekends {
        Some(n) => format!("at most {n} weekends worked"),
        None => "any number of weekends".into(),
    }
}

#[cfg(test)]
mod tests {
    use crate::model::testutil::*;
    use crate::model::Term;
    use chrono::Weekday::*;

    fn inst(max: Option<u32>) -> crate::domain::Instance {
        base(14)
            .opening("S1", &[Mon, Tue, Wed, Thu, Fri, Sat, Sun], "07:00", "20:00")
            .agent("ANA", "S1", &[])
            .contract("c", |c| c.max_weekends = max)
            .need("S1", 5, "08:00", "12:00", 1, 1, None)
            .need("S1", 13, "08:00", "12:00", 1, 1, None)
            .build()
    }

    #[test]
    fn one_weekend_leaves_the_other_uncovered() {
        let out = solve_opt(&inst(Some(1)));
        assert_eq!(n_worked(&out), 1);
        close(term(&out, Term::Uncovered), 4000.0);
    }

    #[test]
    fn two_weekends_do_not_bind() {
        let out = solve_opt(&inst(Some(2)));
        assert_eq!(n_worked(&out), 2);
        close(term(&out, Term::Uncovered), 0.0);
    }
}
