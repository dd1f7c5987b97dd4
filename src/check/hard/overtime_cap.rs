//! Monthly overtime cap: per agent and month (weeks by their Thursday), the
//! weekly overtime of the horizon at most `overtime_cap_month_hours` minus
//! `overtime_month_hours_done` for the horizon's first month (never below
//! zero). The cap is not scaled by quotité.

use crate::check::hours::{balances_of, months_of};
use crate::check::view::View;
use crate::check::{fmt_minutes, Violation};
use crate::domain::RuleFamily;

/// Months whose overtime exceeds what the cap still allows.
pub fn overtime_cap(view: &View<'_>) -> Vec<Violation> {
    let inst = view.inst;
    let balances = balances_of(view);
    months_of(view, &balances)
        .into_iter()
        .filter(|m| m.overtime > m.allowed)
        .map(|m| {
            let first_day = balances
                .get(m.agent)
                .and_then(|weeks| weeks.iter().find(|w| w.month() == m.month))
                .and_then(|w| w.week.days.first().copied());
            let done = if m.done > 0 {
                format!(
                    " (cap {} minus {} already done)",
                    fmt_minutes(inst.rules.overtime_cap_month_minutes),
                    fmt_minutes(m.done)
                )
            } else {
                String::new()
            };
            Violation {
                family: RuleFamily::OvertimeCap,
                agent: Some(m.agent),
                day: first_day,
                message: format!(
                    "agent {} has {} of overtime in {}, more than the {} allowed{done}",
                    inst.agents[m.agent].id,
                    fmt_minutes(m.overtime),
                    m.month,
                    fmt_minutes(m.allowed)
                ),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::check::hard::testing::exactly_one;
    use crate::check::testutil::plan;
    use crate::domain::testkit::TinyInstance;
    use crate::domain::RuleFamily;

    #[test]
    fn overtime_cap_counts_hours_already_done() {
        // Due 37h30; 5 × L (9h) = 45h → 7h30 overtime. Cap 20h − 13h done = 7h:
        // broken. With 4 × L + 1 × J (8h) = 44h → 6h30: fine.
        let inst = TinyInstance::new(7)
            .shift("L", "08:00", "17:00", 0)
            .shift("J", "08:00", "17:00", 60)
            .secretariat("A", "P")
            .agent("ann", "A", &[])
            .with_agent(|a| a.overtime_month_minutes_done = 13 * 60)
            .build();
        let bad = plan(
            &inst,
            &(0..5).map(|d| ("ann", d, "L", "A")).collect::<Vec<_>>(),
        );
        let clean = plan(
            &inst,
            &[
                ("ann", 0, "L", "A"),
                ("ann", 1, "L", "A"),
                ("ann", 2, "L", "A"),
                ("ann", 3, "L", "A"),
                ("ann", 4, "J", "A"),
            ],
        );
        let v = exactly_one(&inst, &bad, &clean, RuleFamily::OvertimeCap);
        assert_eq!(
            v.message,
            "agent ann has 7h30 of overtime in 2026-12, more than the 7h00 allowed (cap 20h00 minus 13h00 already done)"
        );
    }
}
