//! Hours accounting of SPEC §3 "Precise definitions": usual working days,
//! weekly due hours, daily credit, credits for counted leave days and public
//! holidays. These are facts about the instance (not about a planning), so
//! the model, the checker and the reports all read them from here; what each
//! of them does with a planning's worked hours is its own code.
//!
//! Rounding: every quantity is an integer number of minutes, rounded to the
//! nearest minute once, where it is defined (weekly due, daily credit, a
//! week's due, a day's credit).

use super::calendar::{Day, IsoWeek};
use super::instance::{AgentIdx, Instance, LeaveIdx, LeaveStatus};
use chrono::Weekday;

const WEEKDAYS: [Weekday; 5] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
];

/// Mon–Fri minus her fixed days off.
pub fn usual_working_weekdays(inst: &Instance, agent: AgentIdx) -> Vec<Weekday> {
    let off = &inst.agents[agent].fixed_days_off;
    WEEKDAYS
        .iter()
        .copied()
        .filter(|w| !off.contains(w))
        .collect()
}

/// Whether `day` is one of her usual working days.
pub fn is_usual_working_day(inst: &Instance, agent: AgentIdx, day: Day) -> bool {
    let wd = inst.horizon.weekday(day);
    WEEKDAYS.contains(&wd) && !inst.agents[agent].fixed_days_off.contains(&wd)
}

/// Contract weekly hours × quotité, in minutes.
pub fn weekly_due_minutes(inst: &Instance, agent: AgentIdx) -> i64 {
    let a = &inst.agents[agent];
    (a.contract_of(inst).weekly_minutes as f64 * a.rate / 100.0).round() as i64
}

/// Weekly due ÷ number of usual working days per week (0 with none).
pub fn daily_credit_minutes(inst: &Instance, agent: AgentIdx) -> i64 {
    let n = usual_working_weekdays(inst, agent).len();
    if n == 0 {
        0
    } else {
        (weekly_due_minutes(inst, agent) as f64 / n as f64).round() as i64
    }
}

/// Whether leave `idx` counts as taken: approved, or requested and granted.
pub fn leave_is_taken(inst: &Instance, idx: LeaveIdx, granted: &[LeaveIdx]) -> bool {
    inst.leaves[idx].status == LeaveStatus::Approved || granted.contains(&idx)
}

/// The fraction (0, 0.5 or 1) of `day` that is a counted leave day for the
/// agent, given the requests granted: leave taken on a usual working day
/// that is not a public holiday; half days add up, capped at one day.
pub fn counted_leave_fraction(
    inst: &Instance,
    agent: AgentIdx,
    day: Day,
    granted: &[LeaveIdx],
) -> f64 {
    if !is_usual_working_day(inst, agent, day) || inst.horizon.is_holiday(day) {
        return 0.0;
    }
    let date = inst.horizon.date(day);
    let total: f64 = inst
        .leaves
        .iter()
        .enumerate()
        .filter(|(i, l)| l.agent == agent && leave_is_taken(inst, *i, granted))
        .filter(|(_, l)| l.first_day <= date && date <= l.last_day)
        .map(|(_, l)| l.day_fraction())
        .sum();
    total.min(1.0)
}

/// Minutes credited on `day`: one daily credit for a public holiday on a
/// usual working day, else the daily credit × the counted leave fraction.
pub fn credited_minutes_on(
    inst: &Instance,
    agent: AgentIdx,
    day: Day,
    granted: &[LeaveIdx],
) -> i64 {
    let credit = daily_credit_minutes(inst, agent) as f64;
    if inst.horizon.is_holiday(day) && is_usual_working_day(inst, agent, day) {
        return credit.round() as i64;
    }
    (credit * counted_leave_fraction(inst, agent, day, granted)).round() as i64
}

/// A week's due minutes: weekly due scaled by the share of her usual
/// working days of that week that lie inside the horizon.
pub fn week_due_minutes(inst: &Instance, agent: AgentIdx, week: &IsoWeek) -> i64 {
    let per_week = usual_working_weekdays(inst, agent).len();
    if per_week == 0 {
        return 0;
    }
    let inside = week
        .days
        .iter()
        .filter(|&&d| is_usual_working_day(inst, agent, d))
        .count();
    (weekly_due_minutes(inst, agent) as f64 * inside as f64 / per_week as f64).round() as i64
}

/// Minutes credited over a week (holidays and counted leave days).
pub fn week_credited_minutes(
    inst: &Instance,
    agent: AgentIdx,
    week: &IsoWeek,
    granted: &[LeaveIdx],
) -> i64 {
    week.days
        .iter()
        .map(|&d| credited_minutes_on(inst, agent, d, granted))
        .sum()
}

/// Counted days of a leave row inside the horizon (usual working days that
/// are not public holidays; half days count 0.5).
pub fn counted_days_in_horizon(inst: &Instance, idx: LeaveIdx) -> f64 {
    let l = &inst.leaves[idx];
    l.days_in(&inst.horizon)
        .into_iter()
        .filter(|&d| is_usual_working_day(inst, l.agent, d) && !inst.horizon.is_holiday(d))
        .map(|_| l.day_fraction())
        .sum()
}

/// Overtime hours of one agent in one month beyond which each hour costs
/// 1.5 × `[weights] overtime`, then (beyond the second) 2 ×: overtime is
/// spread among agents rather than carried by one.
pub const OVERTIME_TIERS_MINUTES: [i64; 2] = [4 * 60, 8 * 60];

/// The `overtime` term for one agent's overtime minutes in one month:
/// `weight/60 × (m + ½·max(0, m − 240) + ½·max(0, m − 480))`.
pub fn overtime_cost(weight_per_hour: f64, minutes: i64) -> f64 {
    let m = minutes.max(0) as f64;
    let extra: f64 = OVERTIME_TIERS_MINUTES
        .iter()
        .map(|&t| 0.5 * (m - t as f64).max(0.0))
        .sum();
    weight_per_hour / 60.0 * (m + extra)
}
