//! `balances.csv` (extension of SPEC §4): the CA and RTT balances of every
//! agent before and after the planning's granted requests, and her annual
//! RTT entitlement, so that a manager can check the balances.
//!
//! One row per agent, in agents.csv order, with the columns:
//!
//! | column | meaning |
//! |---|---|
//! | `agent` | agent id |
//! | `ca_days_left_before` | `ca_days_left` of agents.csv; empty when unknown |
//! | `ca_days_granted` | days of the granted `CA` requests: Σ of their counted days (`domain::leave::counted_days_total`: usual working days that are not public holidays, over all their dates, inside the horizon or not; half days 0.5). Approved rows are not counted: the balance is what is left after them |
//! | `ca_days_left_after` | before − granted; empty when the balance is unknown |
//! | `rtt_days_left_before` | `rtt_days_left` of agents.csv; empty when unknown |
//! | `rtt_days_granted` | days of the granted `RTT` requests, counted as for CA |
//! | `rtt_days_left_after` | before − granted; empty when the balance is unknown |
//! | `rtt_entitlement_days` | annual RTT days of her contract and quotité (FPH table, `domain::leave::rtt_entitlement_days`: 6 days per weekly hour above 35 h, at most 20, pro rata of `rate`, to the nearest half day) |
//! | `weekly_hours` | full-time weekly hours of her contract (before quotité) |
//! | `rate` | quotité in percent |
//!
//! Numbers are written in plain decimal (`3`, `2.5`, `38.333333`), rounded
//! to 6 decimals. A negative `…_left_after` means the planning overdraws the
//! balance: the checker reports it as a `leave_balance` violation.

use super::csv::CsvWriter;
use super::summary::round6;
use crate::domain::leave::{counted_days_total, rtt_entitlement_days, Balance};
use crate::domain::{Instance, LeaveStatus, Planning};

/// Header of `balances.csv`.
pub const HEADER: [&str; 10] = [
    "agent",
    "ca_days_left_before",
    "ca_days_granted",
    "ca_days_left_after",
    "rtt_days_left_before",
    "rtt_days_granted",
    "rtt_days_left_after",
    "rtt_entitlement_days",
    "weekly_hours",
    "rate",
];

/// A number in plain decimal, rounded to 6 decimals (`3`, `2.5`).
fn num(x: f64) -> String {
    format!("{}", round6(x))
}

/// Days of the granted requests of `balance` for `agent`.
fn granted_days(inst: &Instance, planning: &Planning, agent: usize, balance: Balance) -> f64 {
    inst.leaves
        .iter()
        .enumerate()
        .filter(|(i, l)| {
            l.agent == agent && l.status == LeaveStatus::Requested && planning.granted.contains(i)
        })
        .filter(|(_, l)| Balance::of_type(&l.leave_type) == Some(balance))
        .map(|(i, _)| counted_days_total(inst, i))
        .sum()
}

/// The text of `balances.csv`.
pub fn balances_csv(inst: &Instance, planning: &Planning) -> String {
    let mut w = CsvWriter::with_header(&HEADER);
    for (agent, a) in inst.agents.iter().enumerate() {
        let mut fields = vec![a.id.clone()];
        for (balance, left) in [
            (Balance::Ca, a.ca_days_left),
            (Balance::Rtt, a.rtt_days_left),
        ] {
            let granted = granted_days(inst, planning, agent, balance);
            fields.push(left.map(num).unwrap_or_default());
            fields.push(num(granted));
            fields.push(left.map(|l| num(l - granted)).unwrap_or_default());
        }
        let weekly = a.contract_of(inst).weekly_minutes;
        fields.push(num(rtt_entitlement_days(weekly, a.rate)));
        fields.push(num(weekly as f64 / 60.0));
        fields.push(num(a.rate));
        w.row(fields);
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::TinyInstance;
    use crate::domain::LeavePart;

    #[test]
    fn golden_balances() {
        // ann: 38h contract, 100 % → 18 RTT days a year. CA left 10: granted
        // CA Mon–Tue (2) plus a CA Fri 11 → Tue 15 Dec request reaching past
        // the 7-day horizon (Fri, Mon, Tue: 3) → 5 granted, 5 after. Her
        // approved CA Thu is not counted. RTT left 3, RTT Wed refused → 0.
        // bob: 37h30, 80 % → 15 × 0.8 = 12; balances unknown; granted RTT pm
        // half day (0.5). carl: 38h20 (2300 min), 90 % → 20 × 0.9 = 18; a
        // granted MALADIE request draws on no balance.
        let mut inst = TinyInstance::new(7)
            .secretariat("S", "P")
            .agent("ann", "S", &[])
            .contract("C38", |c| c.weekly_minutes = 38 * 60)
            .with_agent(|a| {
                a.ca_days_left = Some(10.0);
                a.rtt_days_left = Some(3.0);
            })
            .agent("bob", "S", &[])
            .with_agent(|a| a.rate = 80.0)
            .agent("carl", "S", &[])
            .contract("C3820", |c| c.weekly_minutes = 2300)
            .with_agent(|a| a.rate = 90.0)
            .leave("ann", "CA", 0, 1, LeaveStatus::Requested, LeavePart::Day)
            .leave("ann", "RTT", 2, 2, LeaveStatus::Requested, LeavePart::Day)
            .leave("ann", "CA", 3, 3, LeaveStatus::Approved, LeavePart::Day)
            .leave("ann", "ca", 4, 4, LeaveStatus::Requested, LeavePart::Day)
            .leave("bob", "RTT", 1, 1, LeaveStatus::Requested, LeavePart::Pm)
            .leave(
                "carl",
                "MALADIE",
                1,
                1,
                LeaveStatus::Requested,
                LeavePart::Day,
            )
            .build();
        inst.leaves[3].last_day = "2026-12-15".parse().expect("date");
        let planning = Planning {
            assignments: Vec::new(),
            granted: vec![0, 2, 3, 4, 5],
        };
        assert_eq!(
            balances_csv(&inst, &planning),
            "agent,ca_days_left_before,ca_days_granted,ca_days_left_after,rtt_days_left_before,rtt_days_granted,rtt_days_left_after,rtt_entitlement_days,weekly_hours,rate\n\
             ann,10,5,5,3,0,3,18,38,100\n\
             bob,,0,,,0.5,,12,37.5,80\n\
             carl,,0,,,0,,18,38.333333,90\n"
        );
    }
}
