//! Pure domain types: the instance (agents, secretariats, shifts, needs,
//! availability, leave, rules, weights), the calendar of the horizon, the
//! hours accounting of SPEC §3, and the planning that a solve produces.
//!
//! Architecture invariant: this module does no IO and knows nothing of the
//! solver. Everything here is resolved and indexed: ids have been turned
//! into dense indices by `validate`, dates into day indices of the horizon,
//! times into minutes.

pub mod calendar;
pub mod hours;
pub mod instance;
pub mod leave;
pub mod planning;
pub mod replan;
pub mod rules;
pub mod testkit;

pub use calendar::{Day, Horizon};
pub use instance::*;
pub use planning::{Assignment, Planning, ReplanContext};
pub use rules::{RuleFamily, RuleKind};
