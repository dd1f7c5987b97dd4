//! Totals over the horizon: worked minutes between the contract's
//! `min_total_hours` and `max_total_hours` (worked hours only, no credits),
//! and shifts of each kind at most the contract's `max_shifts`.

use crate::check::view::View;
use crate::check::{fmt_minutes, Violation};
use crate::domain::RuleFamily;

/// Worked (paid) minutes over the horizon outside [min_total, max_total].
pub fn total_hours(view: &View<'_>) -> Vec<Violation> {
    let inst = view.inst;
    let mut out = Vec::new();
    for agent in 0..inst.agents.len() {
        let contract = inst.contract_of(agent);
        let worked: i64 = view.all_of(agent).map(|w| w.paid).sum();
        let problem = if worked < contract.min_total_minutes {
            Some(format!(
                "less than the minimum {}",
                fmt_minutes(contract.min_total_minutes)
            ))
        } else {
            contract
                .max_total_minutes
                .filter(|&max| worked > max)
                .map(|max| format!("more than the maximum {}", fmt_minutes(max)))
        };
        if let Some(problem) = problem {
            out.push(Violation {
                family: RuleFamily::TotalHours,
                agent: Some(agent),
                day: None,
                message: format!(
                    "agent {} works {} over the horizon, {problem} of her contract {}",
                    inst.agents[agent].id,
                    fmt_minutes(worked),
                    contract.id
                ),
            });
        }
    }
    out
}

/// Shifts of one kind over the horizon above the contract's `max_shifts` for it.
pub fn max_shifts_per_kind(view: &View<'_>) -> Vec<Violation> {
    let inst = view.inst;
    let mut out = Vec::new();
    for agent in 0..inst.agents.len() {
        let contract = inst.contract_of(agent);
        let mut counts = vec![0usize; inst.shifts.len()];
        for w in view.all_of(agent) {
            if let Some(c) = counts.get_mut(w.a.shift) {
                *c += 1;
            }
        }
        for (kind, shift) in inst.shifts.iter().enumerate() {
            let Some(limit) = contract.max_shifts.get(kind).copied().flatten() else {
                continue;
            };
            let count = counts[kind];
            if count > limit as usize {
                out.push(Violation {
                    family: RuleFamily::MaxShiftsPerKind,
                    agent: Some(agent),
                    day: None,
                    message: format!(
                        "agent {} works {count} shifts {} over the horizon, more than the {limit} of her contract {}",
                        inst.agents[agent].id, shift.id, contract.id
                    ),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::check::hard::testing::exactly_one;
    use crate::check::testutil::plan;
    use crate::domain::testkit::TinyInstance;
    use crate::domain::RuleFamily;

    fn base() -> TinyInstance {
        TinyInstance::new(5)
            .shift("M", "08:00", "12:00", 0)
            .shift("J", "08:00", "16:00", 30)
            .secretariat("A", "P")
            .agent("ann", "A", &[])
    }

    #[test]
    fn total_hours_minimum() {
        // Min 8h: M (4h) alone is short, M + J (4h + 7h30) is enough.
        let inst = base()
            .contract("c", |c| c.min_total_minutes = 8 * 60)
            .build();
        let bad = plan(&inst, &[("ann", 0, "M", "A")]);
        let clean = plan(&inst, &[("ann", 0, "M", "A"), ("ann", 1, "J", "A")]);
        let v = exactly_one(&inst, &bad, &clean, RuleFamily::TotalHours);
        assert_eq!(
            v.message,
            "agent ann works 4h00 over the horizon, less than the minimum 8h00 of her contract c"
        );
    }

    #[test]
    fn total_hours_maximum_counts_paid_minutes() {
        // Max 11h30: M + J = 11h30 paid (the break is not counted) is fine; + M is not.
        let inst = base()
            .contract("c", |c| c.max_total_minutes = Some(11 * 60 + 30))
            .build();
        let bad = plan(
            &inst,
            &[
                ("ann", 0, "M", "A"),
                ("ann", 1, "J", "A"),
                ("ann", 2, "M", "A"),
            ],
        );
        let clean = plan(&inst, &[("ann", 0, "M", "A"), ("ann", 1, "J", "A")]);
        let v = exactly_one(&inst, &bad, &clean, RuleFamily::TotalHours);
        assert!(
            v.message.contains("works 15h30") && v.message.contains("more than the maximum 11h30"),
            "{}",
            v.message
        );
    }

    #[test]
    fn max_shifts_per_kind() {
        let inst = base().contract("c", |c| c.max_shifts[1] = Some(2)).build();
        let bad = plan(
            &inst,
            &[
                ("ann", 0, "J", "A"),
                ("ann", 1, "J", "A"),
                ("ann", 2, "J", "A"),
                ("ann", 3, "M", "A"),
            ],
        );
        let clean = plan(
            &inst,
            &[
                ("ann", 0, "J", "A"),
                ("ann", 1, "J", "A"),
                ("ann", 2, "M", "A"),
                ("ann", 3, "M", "A"),
            ],
        );
        let v = exactly_one(&inst, &bad, &clean, RuleFamily::MaxShiftsPerKind);
        assert_eq!(
            v.message,
            "agent ann works 3 shifts J over the horizon, more than the 2 of her contract c"
        );
    }
}
