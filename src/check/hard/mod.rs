//! One check per hard [`RuleFamily`], dispatched by an exhaustive match so
//! that a family added to the registry cannot be forgotten here. Each check
//! reads the [`View`] of the planning and returns its violations; none of
//! them knows how the model writes the same rule.
//!
//! Files group small families: [`placement`] (where and when a shift may
//! be worked), [`daily`] (one day, or a day and the next), [`weekly`]
//! (weeks, weekends, rolling 7 days), [`runs`] (consecutive days),
//! [`totals`] (over the horizon), [`leave_balance`] (granted CA/RTT
//! requests against the balances) and `overtime_cap`.

pub mod daily;
pub mod leave_balance;
mod overtime_cap;
pub mod placement;
pub mod runs;
pub mod totals;
pub mod weekly;

use super::view::View;
use super::Violation;
use crate::domain::{RuleFamily, RuleKind};

/// Violations of every hard family, in registry order (not yet sorted).
pub fn check_all(view: &View<'_>) -> Vec<Violation> {
    RuleFamily::ALL
        .iter()
        .filter(|f| f.kind() == RuleKind::Hard)
        .flat_map(|&f| check_family(view, f))
        .collect()
}

/// Violations of one family (empty for a soft family: those are penalties).
pub fn check_family(view: &View<'_>, family: RuleFamily) -> Vec<Violation> {
    use RuleFamily::*;
    match family {
        OneShiftAtATime => placement::one_shift_at_a_time(view),
        Eligibility => placement::eligibility(view),
        Opening => placement::opening(view),
        Unavailability => placement::unavailability(view),
        Leave => placement::leave(view),
        MaxDailyHours => daily::max_daily_hours(view),
        MaxAmplitude => daily::max_amplitude(view),
        MinDailyRest => daily::min_daily_rest(view),
        CannotFollow => daily::cannot_follow(view),
        MinWeeklyRest => weekly::min_weekly_rest(view),
        MaxWeeklyHours => weekly::max_weekly_hours(view),
        MaxDaysPerWeek => weekly::max_days_per_week(view),
        MaxWeekends => weekly::max_weekends(view),
        MaxConsecutiveDays => runs::max_consecutive_days(view),
        MinConsecutiveDays => runs::min_consecutive_days(view),
        MinConsecutiveDaysOff => runs::min_consecutive_days_off(view),
        TotalHours => totals::total_hours(view),
        MaxShiftsPerKind => totals::max_shifts_per_kind(view),
        OvertimeCap => overtime_cap::overtime_cap(view),
        LeaveBalance => leave_balance::leave_balance(view),
        // Needs the previous planning: checked by `evaluate_replan` only.
        ReplanKeep => Vec::new(),
        Coverage | HoursBalance | Preferences | AwayFromHome | SecretariatChange => Vec::new(),
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Shared assertion for the one-violation / clean-twin tests.
    use crate::check::{evaluate, Violation};
    use crate::domain::{Instance, Planning, RuleFamily};

    /// Asserts that `bad` has exactly one violation, of `family`, and that
    /// `clean` has none at all; returns the violation for further checks.
    pub fn exactly_one(
        inst: &Instance,
        bad: &Planning,
        clean: &Planning,
        family: RuleFamily,
    ) -> Violation {
        let e = evaluate(inst, bad);
        assert_eq!(
            e.violations.len(),
            1,
            "expected one {} violation, got {:#?}",
            family.name(),
            e.violations
        );
        assert_eq!(e.violations[0].family, family, "{:#?}", e.violations);
        let c = evaluate(inst, clean);
        assert!(
            c.violations.is_empty(),
            "clean twin of {} has {:#?}",
            family.name(),
            c.violations
        );
        e.violations[0].clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_hard_family_is_dispatched_and_soft_ones_are_not() {
        // A family with no check would be an empty match arm; this guards
        // the split between hard checks here and soft terms elsewhere.
        for f in RuleFamily::ALL {
            let soft_arm = matches!(
                f,
                RuleFamily::Coverage
                    | RuleFamily::HoursBalance
                    | RuleFamily::Preferences
                    | RuleFamily::AwayFromHome
                    | RuleFamily::SecretariatChange
            );
            assert_eq!(soft_arm, f.kind() == RuleKind::Soft, "{}", f.name());
        }
    }
}
