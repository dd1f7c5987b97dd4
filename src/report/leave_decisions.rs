//! `leave_decisions.csv` (SPEC §4): `id,agent,type,first_day,last_day,decision,reason`.
//! One row per `requested` leave row, exactly once, in request order
//! (`domain::leave::requests_in_order`: earliest `requested_on` first, rows
//! without one last, then by line). Dates are `YYYY-MM-DD`.
//!
//! `decision` is `granted` or `refused` and always follows the planning
//! (`planning.granted`), the same fact the checker, `planning.csv` and
//! `summary.json` read. `reason` is the caller's text (the reasons engine
//! of `decide`, which this module does not know): for a row the caller
//! decided the same way, its reason; otherwise, or when it is empty,
//! `granted` for a granted row and `no reason recorded` for a refused one.
//! Reasons containing commas or quotes are CSV-quoted.

use super::csv::CsvWriter;
use crate::domain::leave::requests_in_order;
use crate::domain::{Instance, LeaveIdx, Planning};

/// Header of `leave_decisions.csv`.
pub const HEADER: [&str; 7] = [
    "id",
    "agent",
    "type",
    "first_day",
    "last_day",
    "decision",
    "reason",
];

/// Reason written for a granted request when the caller gives none.
pub const GRANTED_REASON: &str = "granted";

/// Reason written for a refused request when the caller gives none.
pub const NO_REASON: &str = "no reason recorded";

/// The decision on one leave request, with its reason for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaveDecision {
    /// The `requested` row of `inst.leaves`.
    pub leave: LeaveIdx,
    /// Whether it is granted (should agree with `planning.granted`).
    pub granted: bool,
    /// Why, in plain language (e.g. the secretariat, date and window that
    /// would have gone uncovered, or the exhausted balance). May be empty
    /// for a granted request.
    pub reason: String,
}

/// The reason to print for request `idx`, granted or not by the planning.
fn reason_for(decisions: &[LeaveDecision], idx: LeaveIdx, granted: bool) -> String {
    match decisions.iter().find(|d| d.leave == idx) {
        Some(d) if d.granted == granted && !d.reason.trim().is_empty() => {
            d.reason.trim().to_string()
        }
        _ if granted => GRANTED_REASON.to_string(),
        _ => NO_REASON.to_string(),
    }
}

/// The text of `leave_decisions.csv`. Decisions naming a row that is not a
/// request are ignored; for a request named twice, the first one counts.
pub fn leave_decisions_csv(
    inst: &Instance,
    planning: &Planning,
    decisions: &[LeaveDecision],
) -> String {
    let mut w = CsvWriter::with_header(&HEADER);
    for idx in requests_in_order(inst) {
        let l = &inst.leaves[idx];
        let granted = planning.granted.contains(&idx);
        let agent = inst
            .agents
            .get(l.agent)
            .map(|a| a.id.clone())
            .unwrap_or_default();
        w.row([
            l.id.clone(),
            agent,
            l.leave_type.clone(),
            l.first_day.format("%Y-%m-%d").to_string(),
            l.last_day.format("%Y-%m-%d").to_string(),
            if granted { "granted" } else { "refused" }.to_string(),
            reason_for(decisions, idx, granted),
        ]);
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::TinyInstance;
    use crate::domain::{LeavePart, LeaveStatus};

    #[test]
    fn golden_leave_decisions() {
        // Lines: L2 ann CA Mon–Tue (asked 2026-11-02), L3 bob RTT Wed pm
        // (asked 2026-10-01), L4 approved (no row), L5 ann RTT Fri (no
        // date: last). Order L3, L2, L5. Granted: L2. L3's reason has a
        // comma (quoted); L5 has no decision given.
        let inst = TinyInstance::new(7)
            .secretariat("S", "P")
            .agent("ann", "S", &[])
            .agent("bob", "S", &[])
            .leave("ann", "CA", 0, 1, LeaveStatus::Requested, LeavePart::Day)
            .requested_on("2026-11-02")
            .leave("bob", "RTT", 2, 2, LeaveStatus::Requested, LeavePart::Pm)
            .requested_on("2026-10-01")
            .leave("bob", "CA", 3, 3, LeaveStatus::Approved, LeavePart::Day)
            .leave("ann", "RTT", 4, 4, LeaveStatus::Requested, LeavePart::Day)
            .build();
        let planning = Planning {
            assignments: Vec::new(),
            granted: vec![0],
        };
        let decisions = vec![
            LeaveDecision {
                leave: 1,
                granted: false,
                reason: "S on 2026-12-09 13:00–17:00 would have 0 of 1, uncovered".into(),
            },
            LeaveDecision {
                leave: 0,
                granted: true,
                reason: String::new(),
            },
            LeaveDecision {
                leave: 2,
                granted: true,
                reason: "approved rows are not requests".into(),
            },
        ];
        assert_eq!(
            leave_decisions_csv(&inst, &planning, &decisions),
            "id,agent,type,first_day,last_day,decision,reason\n\
             L3,bob,RTT,2026-12-09,2026-12-09,refused,\"S on 2026-12-09 13:00–17:00 would have 0 of 1, uncovered\"\n\
             L2,ann,CA,2026-12-07,2026-12-08,granted,granted\n\
             L5,ann,RTT,2026-12-11,2026-12-11,refused,no reason recorded\n"
        );
    }

    #[test]
    fn the_planning_decides_and_a_disagreeing_reason_is_not_used() {
        let inst = TinyInstance::new(3)
            .secretariat("S", "P")
            .agent("ann", "S", &[])
            .leave("ann", "CA", 0, 0, LeaveStatus::Requested, LeavePart::Day)
            .build();
        let planning = Planning::default();
        let decisions = vec![LeaveDecision {
            leave: 0,
            granted: true,
            reason: "fine".into(),
        }];
        let text = leave_decisions_csv(&inst, &planning, &decisions);
        assert_eq!(
            text.lines().nth(1),
            Some("L2,ann,CA,2026-12-07,2026-12-07,refused,no reason recorded")
        );
        // No request at all: the header only.
        let none = TinyInstance::new(3).secretariat("S", "P").build();
        assert_eq!(
            leave_decisions_csv(&none, &planning, &[]),
            "id,agent,type,first_day,last_day,decision,reason\n"
        );
    }
}
