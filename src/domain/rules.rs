//! The rule families of SPEC §3, named in exactly one place. The model's
//! registry builds each family's constraints, the checker reports each
//! family's violations, and the README's rule table lists them: all three
//! use the names and descriptions defined here.

/// Whether a rule may never be broken or is paid for in the objective.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RuleKind {
    /// Never broken in a written planning.
    Hard,
    /// A weighted term of the objective.
    Soft,
}

macro_rules! rule_families {
    ($( $variant:ident => ($name:literal, $kind:ident, $desc:literal), )*) => {
        /// A family of rules: one file in `model/constraints`, one check in `check`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum RuleFamily { $( #[doc = $desc] $variant, )* }

        impl RuleFamily {
            /// Every family, in registry order.
            pub const ALL: &'static [RuleFamily] = &[ $( RuleFamily::$variant, )* ];
            /// Stable snake_case name, used in messages, summaries and the README.
            pub fn name(self) -> &'static str { match self { $( RuleFamily::$variant => $name, )* } }
            /// Hard or soft.
            pub fn kind(self) -> RuleKind { match self { $( RuleFamily::$variant => RuleKind::$kind, )* } }
            /// One line a manager understands.
            pub fn description(self) -> &'static str { match self { $( RuleFamily::$variant => $desc, )* } }
        }
    };
}

rule_families! {
    OneShiftAtATime => ("one_shift_at_a_time", Hard, "An agent works at most one shift at a time (shifts may not overlap, night shifts included)."),
    Eligibility => ("eligibility", Hard, "An agent works only at her home secretariat or at those she covers (directly or through a pool)."),
    Opening => ("opening", Hard, "A shift is worked only on a day the secretariat is open (open weekday, not a public holiday nor a closure, or a day with a dated need) and within its opening hours."),
    Unavailability => ("unavailability", Hard, "No shift on an `off` availability row (whole day, one shift kind or a window)."),
    Leave => ("leave", Hard, "No shift during approved or granted leave (whole day, or the morning/afternoon of a half day)."),
    MaxDailyHours => ("max_daily_hours", Hard, "Paid minutes of the shifts dated one day at most `max_daily_hours`."),
    MaxAmplitude => ("max_amplitude", Hard, "First start to last end of the shifts dated one day at most `max_amplitude_hours`."),
    MinDailyRest => ("min_daily_rest", Hard, "From the end of the last shift dated d to the first start dated d+1 at least `min_daily_rest_hours`."),
    MinWeeklyRest => ("min_weekly_rest", Hard, "In every ISO week wholly inside the horizon, one day without shift whose surrounding rest lasts at least `min_weekly_rest_hours`."),
    MaxWeeklyHours => ("max_weekly_hours", Hard, "Paid hours of shifts dated in any 7 consecutive days of the horizon at most `max_weekly_hours`."),
    MaxDaysPerWeek => ("max_days_per_week", Hard, "Working days per ISO week at most the contract's `max_days_per_week`."),
    MaxConsecutiveDays => ("max_consecutive_days", Hard, "Runs of working days at most `max_consecutive_days` long."),
    MinConsecutiveDays => ("min_consecutive_days", Hard, "Runs of working days between two days off inside the horizon at least `min_consecutive_days` long."),
    MinConsecutiveDaysOff => ("min_consecutive_days_off", Hard, "Runs of days off between two working days inside the horizon at least `min_consecutive_days_off` long."),
    MaxWeekends => ("max_weekends", Hard, "Weekends with a shift on Saturday or Sunday at most `max_weekends`."),
    TotalHours => ("total_hours", Hard, "Worked minutes over the horizon between the contract's `min_total_hours` and `max_total_hours`."),
    MaxShiftsPerKind => ("max_shifts_per_kind", Hard, "Shifts of each kind over the horizon at most the contract's `max_shifts`."),
    CannotFollow => ("cannot_follow", Hard, "A shift kind listed in `cannot_follow` of X is not worked the day after X."),
    LeaveBalance => ("leave_balance", Hard, "Granted requests of type CA or RTT fit in the agent's remaining balance (`ca_days_left`, `rtt_days_left`), served in order of `requested_on`."),
    OvertimeCap => ("overtime_cap", Hard, "Overtime of a calendar month (weeks by their Thursday, plus `overtime_month_hours_done` in the first month) at most `overtime_cap_month_hours`."),
    ReplanKeep => ("replan_keep", Hard, "Replan: days before `--from` and locked rows kept; on short-notice days only the changes forced by a new absence or needed to cover a minimum need."),
    Coverage => ("coverage", Soft, "Staffing of each need window: below `min` (uncovered), between `min` and `target` (below_target), above `max` (above_max)."),
    HoursBalance => ("hours_balance", Soft, "Each ISO week's worked + credited minutes against the due: overtime and under_hours."),
    Preferences => ("preferences", Soft, "`prefer_off` / `prefer_on` rows not honoured (preference)."),
    AwayFromHome => ("away_from_home", Soft, "Shifts worked outside the home secretariat (away_from_home)."),
    SecretariatChange => ("secretariat_change", Soft, "Changes of secretariat within one day (secretariat_change)."),
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_family_has_a_distinct_name() {
        let names: BTreeSet<_> = RuleFamily::ALL.iter().map(|f| f.name()).collect();
        assert_eq!(names.len(), RuleFamily::ALL.len());
    }
}
