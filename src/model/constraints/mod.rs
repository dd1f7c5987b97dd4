//! The registry of rule families: each family of `rota::domain::RuleFamily`
//! is listed here exactly once, with the hooks through which its own file
//! shapes the model. A family may
//! - *filter* combinations (`allows`: whether `x[agent, day, shift, sec]`
//!   may exist at all — eligibility, opening, unavailability, leave, and
//!   shifts that break a rule on their own);
//! - declare *pairwise conflicts* in a two-day window (`conflicts`), turned
//!   into clique rows by `model::conflicts`;
//! - add rows and objective terms (`build`);
//! - describe itself for one agent in an infeasibility report (`describe`).
//!
//! Names and descriptions live in `domain::rules`; `modelled` says how the
//! model encodes the family (the README rule table).

use super::conflicts::Node;
use super::Builder;
use crate::domain::{AgentIdx, Day, Instance, RuleFamily, SecretariatIdx, ShiftIdx};

pub mod away_from_home;
pub mod cannot_follow;
pub mod coverage;
pub mod eligibility;
pub mod hours_balance;
pub mod leave;
pub mod leave_balance;
pub mod max_amplitude;
pub mod max_consecutive_days;
pub mod max_daily_hours;
pub mod max_days_per_week;
pub mod max_shifts_per_kind;
pub mod max_weekends;
pub mod max_weekly_hours;
pub mod min_consecutive_days;
pub mod min_consecutive_days_off;
pub mod min_daily_rest;
pub mod min_weekly_rest;
pub mod one_shift_at_a_time;
pub mod opening;
pub mod overtime_cap;
pub mod preferences;
pub mod replan_keep;
pub mod secretariat_change;
pub mod total_hours;
pub mod unavailability;

/// Whether `x[agent, day, shift, sec]` may exist as far as one family is concerned.
pub(crate) type AllowFn = fn(&Builder, AgentIdx, Day, ShiftIdx, SecretariatIdx) -> bool;
/// Whether two nodes of a two-day window may not both be worked (first node's
/// offset ≤ second's). Must depend only on shift kinds and the offset difference.
pub(crate) type ConflictFn = fn(&Builder, Node, Node) -> bool;
/// Adds the family's rows and objective terms.
pub(crate) type BuildFn = fn(&mut Builder);
/// What the family asks of one agent, in words (infeasibility reports).
pub(crate) type DescribeFn = fn(&Instance, AgentIdx) -> String;

/// One registry entry.
pub(crate) struct Family {
    /// Which family.
    pub(crate) family: RuleFamily,
    /// Filter hook.
    pub(crate) allows: Option<AllowFn>,
    /// Pairwise-conflict hook.
    pub(crate) conflicts: Option<ConflictFn>,
    /// Rows / objective hook.
    pub(crate) build: Option<BuildFn>,
    /// Describes what the family asks of an agent.
    pub(crate) describe: DescribeFn,
    /// How the model encodes it (README rule table).
    pub(crate) modelled: &'static str,
}

/// Every family, once, in the order of `RuleFamily::ALL`.
pub(crate) const REGISTRY: &[Family] = &[
    one_shift_at_a_time::FAMILY,
    eligibility::FAMILY,
    opening::FAMILY,
    unavailability::FAMILY,
    leave::FAMILY,
    max_daily_hours::FAMILY,
    max_amplitude::FAMILY,
    min_daily_rest::FAMILY,
    min_weekly_rest::FAMILY,
    max_weekly_hours::FAMILY,
    max_days_per_week::FAMILY,
    max_consecutive_days::FAMILY,
    min_consecutive_days::FAMILY,
    min_consecutive_days_off::FAMILY,
    max_weekends::FAMILY,
    total_hours::FAMILY,
    max_shifts_per_kind::FAMILY,
    cannot_follow::FAMILY,
    leave_balance::FAMILY,
    overtime_cap::FAMILY,
    replan_keep::FAMILY,
    coverage::FAMILY,
    hours_balance::FAMILY,
    preferences::FAMILY,
    away_from_home::FAMILY,
    secretariat_change::FAMILY,
];

/// The registry entry of `f`.
pub(crate) fn entry(f: RuleFamily) -> Option<&'static Family> {
    REGISTRY.iter().find(|e| e.family == f)
}

/// Hours written the way a manager reads them: `9h`, `10h30`.
pub(crate) fn fmt_hours(minutes: i64) -> String {
    let sign = if minutes < 0 { "-" } else { "" };
    let m = minutes.abs();
    if m % 60 == 0 {
        format!("{sign}{}h", m / 60)
    } else {
        format!("{sign}{}h{:02}", m / 60, m % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_lists_every_family_once_in_domain_order() {
        let listed: Vec<RuleFamily> = REGISTRY.iter().map(|f| f.family).collect();
        assert_eq!(listed, RuleFamily::ALL.to_vec());
    }

    #[test]
    fn hours_format() {
        assert_eq!(fmt_hours(540), "9h");
        assert_eq!(fmt_hours(630), "10h30");
    }
}
