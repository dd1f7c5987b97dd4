//! Leave requests: their order, the cost of refusing one (with the
//! deterministic tie-break "the earlier request wins"), the days a request
//! takes from a balance, and the RTT entitlement of a contract.
//! Facts about the instance, read by the model, the checker and the reports.

use super::hours::is_usual_working_day;
use super::instance::{Instance, LeaveIdx, LeaveStatus};
use chrono::Duration;

/// Largest tie-break added to a refusal's cost: the earliest request of the
/// instance gets all of it, the latest almost none. Far below any real
/// difference (half a day × `leave_refused`), so it only decides between
/// otherwise equal choices.
pub const REFUSAL_TIE_BREAK: f64 = 0.01;

/// The requested rows, earliest `requested_on` first (rows without a date
/// last), then by line: the order in which requests are served.
pub fn requests_in_order(inst: &Instance) -> Vec<LeaveIdx> {
    let mut v: Vec<LeaveIdx> = (0..inst.leaves.len())
        .filter(|&i| inst.leaves[i].status == LeaveStatus::Requested)
        .collect();
    v.sort_by_key(|&i| {
        (
            inst.leaves[i].requested_on.is_none(),
            inst.leaves[i].requested_on,
            inst.leaves[i].line,
        )
    });
    v
}

/// Penalty paid when each row is refused, indexed by `LeaveIdx` (0 for
/// approved rows): `leave_refused` × priority × counted days inside the
/// horizon, plus the tie-break `REFUSAL_TIE_BREAK × (n − rank) / n` (rank 0 =
/// first in [`requests_in_order`], n = number of requests).
pub fn refusal_costs(inst: &Instance) -> Vec<f64> {
    let order = requests_in_order(inst);
    let n = order.len() as f64;
    let mut costs = vec![0.0; inst.leaves.len()];
    for (rank, &idx) in order.iter().enumerate() {
        let l = &inst.leaves[idx];
        costs[idx] = inst.weights.leave_refused
            * l.priority
            * super::hours::counted_days_in_horizon(inst, idx)
            + REFUSAL_TIE_BREAK * (n - rank as f64) / n;
    }
    costs
}

/// [`refusal_costs`] of one row (computes them all: call `refusal_costs`
/// once when looping over requests).
pub fn refusal_cost(inst: &Instance, idx: LeaveIdx) -> f64 {
    refusal_costs(inst).get(idx).copied().unwrap_or(0.0)
}

/// Which balance a leave type draws on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Balance {
    /// Congé annuel: `ca_days_left`.
    Ca,
    /// RTT: `rtt_days_left`.
    Rtt,
}

impl Balance {
    /// The balance a leave type draws on (`CA`, `RTT`, case-insensitive), if any.
    pub fn of_type(leave_type: &str) -> Option<Balance> {
        match leave_type.to_ascii_uppercase().as_str() {
            "CA" => Some(Balance::Ca),
            "RTT" => Some(Balance::Rtt),
            _ => None,
        }
    }

    /// Column name in agents.csv.
    pub fn column(self) -> &'static str {
        match self {
            Balance::Ca => "ca_days_left",
            Balance::Rtt => "rtt_days_left",
        }
    }

    /// Days left for the agent of request `idx` before the planning, when known.
    pub fn days_left(self, inst: &Instance, idx: LeaveIdx) -> Option<f64> {
        let a = &inst.agents[inst.leaves[idx].agent];
        match self {
            Balance::Ca => a.ca_days_left,
            Balance::Rtt => a.rtt_days_left,
        }
    }
}

/// Days a request takes from its balance: every date of the request (inside
/// the horizon or not) that is one of the agent's usual working days and not
/// a known public holiday; a half day counts 0.5.
pub fn counted_days_total(inst: &Instance, idx: LeaveIdx) -> f64 {
    let l = &inst.leaves[idx];
    let h = &inst.horizon;
    let mut days = 0.0;
    let mut date = l.first_day;
    while date <= l.last_day {
        let in_horizon = h.day_of(date);
        let holiday = in_horizon.is_some_and(|d| h.is_holiday(d));
        let usual = match in_horizon {
            Some(d) => is_usual_working_day(inst, l.agent, d),
            None => {
                use chrono::Datelike;
                let wd = date.weekday();
                wd.num_days_from_monday() < 5 && !inst.agents[l.agent].fixed_days_off.contains(&wd)
            }
        };
        if usual && !holiday {
            days += l.day_fraction();
        }
        date += Duration::days(1);
    }
    days
}

/// RTT days per year of a full-time agent on a cycle of `weekly_minutes`
/// (FPH table: 35 h → 0, 35 h 30 → 3, 36 h → 6, … 38 h → 18, 38 h 20 and
/// more → 20: six days per hour above 35 h, capped at 20).
pub fn rtt_days_full_time(weekly_minutes: i64) -> f64 {
    (6.0 * (weekly_minutes as f64 - 35.0 * 60.0) / 60.0).clamp(0.0, 20.0)
}

/// RTT days per year at quotité `rate` (percent): the full-time days pro
/// rata, rounded to the nearest half day (e.g. 38 h at 90 % → 16.2 → 16).
pub fn rtt_entitlement_days(weekly_minutes: i64, rate: f64) -> f64 {
    (rtt_days_full_time(weekly_minutes) * rate / 100.0 * 2.0).round() / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::TinyInstance;
    use crate::domain::{LeavePart, LeaveStatus};

    #[test]
    fn rtt_table_of_the_fph() {
        for (hours, days) in [
            (35.0, 0.0),
            (35.5, 3.0),
            (36.0, 6.0),
            (36.5, 9.0),
            (37.0, 12.0),
            (37.5, 15.0),
            (38.0, 18.0),
            (38.0 + 1.0 / 3.0, 20.0),
            (39.0, 20.0),
        ] {
            let minutes = (hours * 60.0_f64).round() as i64;
            assert!(
                (rtt_days_full_time(minutes) - days).abs() < 1e-9,
                "{hours} h"
            );
        }
    }

    #[test]
    fn rtt_part_time_is_pro_rata_to_the_nearest_half_day() {
        assert_eq!(rtt_entitlement_days(38 * 60, 90.0), 16.0); // 16.2
        assert_eq!(rtt_entitlement_days(38 * 60, 80.0), 14.5); // 14.4
        assert_eq!(rtt_entitlement_days(38 * 60, 50.0), 9.0);
        assert_eq!(rtt_entitlement_days(2250, 80.0), 12.0);
    }

    #[test]
    fn earlier_request_costs_more_to_refuse() {
        let mut inst = TinyInstance::new(7)
            .shift("J", "08:30", "17:00", 60)
            .secretariat("S", "P")
            .agent("A", "S", &[])
            .agent("B", "S", &[])
            .leave("A", "CA", 1, 1, LeaveStatus::Requested, LeavePart::Day)
            .leave("B", "CA", 1, 1, LeaveStatus::Requested, LeavePart::Day)
            .build();
        inst.leaves[0].requested_on = Some("2026-11-02".parse().unwrap());
        inst.leaves[1].requested_on = Some("2026-10-01".parse().unwrap());
        assert_eq!(requests_in_order(&inst), vec![1, 0]);
        assert!(refusal_cost(&inst, 1) > refusal_cost(&inst, 0));
        assert!((refusal_cost(&inst, 0) - 200.0).abs() < REFUSAL_TIE_BREAK);
    }

    #[test]
    fn balance_days_count_usual_working_days_beyond_the_horizon() {
        // Request Fri 11 Dec .. Tue 15 Dec on a 5-day horizon (Mon 7 .. Fri 11):
        // Fri, Mon, Tue are working days -> 3, though only Friday is planned.
        let inst = TinyInstance::new(5)
            .shift("J", "08:30", "17:00", 60)
            .secretariat("S", "P")
            .agent("A", "S", &[])
            .leave("A", "CA", 4, 4, LeaveStatus::Requested, LeavePart::Day)
            .build();
        let mut inst = inst;
        inst.leaves[0].last_day = "2026-12-15".parse().unwrap();
        assert_eq!(counted_days_total(&inst, 0), 3.0);
        assert_eq!(Balance::of_type("ca"), Some(Balance::Ca));
        assert_eq!(Balance::of_type("MALADIE"), None);
    }
}
