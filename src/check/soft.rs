//! The small soft terms: refused leave requests (with the tie-break of
//! `domain::leave`), unhonoured preferences,
//! shifts away from home and changes of secretariat within a day
//! (README "Model semantics"). `replan_change` is 0 until replan lands.

use super::view::View;
use super::RequestOutcome;
use crate::domain::leave::{refusal_costs, requests_in_order};
use crate::domain::AvailabilityKind;
use std::collections::BTreeSet;

/// Every requested leave row in request order, granted or not, with its
/// refusal cost (`domain::leave::refusal_cost`: `leave_refused` × priority
/// × counted days inside the horizon, plus the tie-break that makes the
/// earlier request win). Indices of `planning.granted` that are not
/// requested rows (approved rows, unknown indices) are ignored.
pub fn request_outcomes(view: &View<'_>) -> Vec<RequestOutcome> {
    let inst = view.inst;
    let costs = refusal_costs(inst);
    requests_in_order(inst)
        .into_iter()
        .map(|leave| RequestOutcome {
            leave,
            granted: view.planning.granted.contains(&leave),
            refusal_cost: costs[leave],
        })
        .collect()
}

/// Σ of the refusal costs of the requested rows not in `planning.granted`.
pub fn leave_refused(view: &View<'_>) -> f64 {
    request_outcomes(view)
        .iter()
        .filter(|r| !r.granted)
        .map(|r| r.refusal_cost)
        .sum()
}

/// `preference` × row weight per `prefer_off` occurrence with a matching
/// shift dated that day, and per `prefer_on` occurrence without one.
pub fn preference(view: &View<'_>) -> f64 {
    let inst = view.inst;
    inst.availability
        .iter()
        .filter(|row| {
            let matched = view
                .on(row.agent, row.day)
                .iter()
                .any(|w| row.scope.matches(w.a.shift, w.shift));
            match row.kind {
                AvailabilityKind::Off => false,
                AvailabilityKind::PreferOff => matched,
                AvailabilityKind::PreferOn => !matched,
            }
        })
        .map(|row| inst.weights.preference * row.weight)
        .sum()
}

/// `away_from_home` per shift at a secretariat other than her home.
pub fn away_from_home(view: &View<'_>) -> f64 {
    let inst = view.inst;
    let away = view
        .all()
        .filter(|w| w.a.secretariat != inst.agents[w.a.agent].home)
        .count();
    inst.weights.away_from_home * away as f64
}

/// `secretariat_change` × (distinct secretariats of the shifts dated one
/// day − 1), per agent and day.
pub fn secretariat_change(view: &View<'_>) -> f64 {
    let inst = view.inst;
    let mut changes = 0usize;
    for agent in 0..inst.agents.len() {
        for day in inst.horizon.all_days() {
            let distinct: BTreeSet<usize> = view
                .on(agent, day)
                .iter()
                .map(|w| w.a.secretariat)
                .collect();
            changes += distinct.len().saturating_sub(1);
        }
    }
    inst.weights.secretariat_change * changes as f64
}

#[cfg(test)]
mod tests {
    use crate::check::evaluate;
    use crate::check::testutil::{assert_close, plan};
    use crate::domain::testkit::TinyInstance;
    use crate::domain::{AvailabilityKind, AvailabilityScope, LeavePart, LeaveStatus};
    use chrono::Weekday;

    fn base() -> TinyInstance {
        TinyInstance::new(7)
            .shift("M", "08:00", "12:00", 0)
            .shift("S", "13:00", "17:00", 0)
            .secretariat("A", "P")
            .secretariat("B", "P")
            .secretariat("C", "P")
            .agent("ann", "A", &["B", "C"])
    }

    #[test]
    fn leave_refused_counts_usual_working_days_times_priority() {
        // Request Fri..Mon (days 4..7 of a 10-day horizon): Fri and Mon are
        // counted, Sat/Sun are not; Mon is a holiday → 1 counted day.
        // Priority 3 → 200 × 3 × 1 = 600. A pm half-day request on Tue → 0.5 → 100.
        // Tie-break (no requested_on: line order): 0.01 × 2/2 for the first,
        // 0.01 × 1/2 for the second. The approved row is no request.
        let mut inst = TinyInstance::new(10)
            .secretariat("A", "P")
            .agent("ann", "A", &[])
            .holiday(7)
            .leave("ann", "CA", 4, 7, LeaveStatus::Requested, LeavePart::Day)
            .leave("ann", "RTT", 8, 8, LeaveStatus::Requested, LeavePart::Pm)
            .leave("ann", "CA", 1, 1, LeaveStatus::Approved, LeavePart::Day)
            .build();
        inst.leaves[0].priority = 3.0;
        let mut p = plan(&inst, &[]);
        assert_close(evaluate(&inst, &p).term("leave_refused"), 700.015);
        p.granted = vec![0];
        assert_close(evaluate(&inst, &p).term("leave_refused"), 100.005);
        // Granting the approved row or an unknown index changes nothing.
        p.granted = vec![0, 2, 42];
        assert_close(evaluate(&inst, &p).term("leave_refused"), 100.005);
    }

    #[test]
    fn leave_refused_skips_fixed_days_off() {
        // 80 % with Wednesday off: a Mon..Fri request counts 4 days → 800
        // (+ 0.01 tie-break of the only request).
        let inst = TinyInstance::new(7)
            .secretariat("A", "P")
            .agent("ann", "A", &[])
            .with_agent(|a| a.fixed_days_off = vec![Weekday::Wed])
            .leave("ann", "CA", 0, 4, LeaveStatus::Requested, LeavePart::Day)
            .build();
        assert_close(
            evaluate(&inst, &plan(&inst, &[])).term("leave_refused"),
            800.01,
        );
    }

    #[test]
    fn leave_refused_tie_break_favours_the_earlier_request() {
        // ann and bea both ask for Tue (1 counted day each, 200). bea asked
        // first (rank 0 of 2: +0.01), ann second (rank 1: +0.005).
        let inst = TinyInstance::new(7)
            .secretariat("A", "P")
            .agent("ann", "A", &[])
            .agent("bea", "A", &[])
            .leave("ann", "CA", 1, 1, LeaveStatus::Requested, LeavePart::Day)
            .requested_on("2026-11-02")
            .leave("bea", "CA", 1, 1, LeaveStatus::Requested, LeavePart::Day)
            .requested_on("2026-10-01")
            .build();
        let with = |granted: Vec<usize>| {
            let mut p = plan(&inst, &[]);
            p.granted = granted;
            evaluate(&inst, &p)
        };
        assert_close(with(vec![]).term("leave_refused"), 400.015);
        assert_close(with(vec![1]).term("leave_refused"), 200.005); // ann refused
        assert_close(with(vec![0]).term("leave_refused"), 200.01); // bea refused
        assert_close(with(vec![0, 1]).term("leave_refused"), 0.0);
        // Granting the earlier request (bea) is the cheaper choice.
        assert!(with(vec![1]).objective < with(vec![0]).objective);
        let e = with(vec![1]);
        let order: Vec<_> = e.requests.iter().map(|r| (r.leave, r.granted)).collect();
        assert_eq!(order, vec![(1, true), (0, false)]);
        assert_eq!(e.request_counts(), (1, 1));
    }

    #[test]
    fn preferences_off_and_on_by_scope() {
        // prefer_off M on Mon (weight 4): she works M → 4.
        // prefer_off all of Tue (weight 2): she works nothing → 0.
        // prefer_on S on Wed (weight 3): she works M only → 3.
        // prefer_on any on Thu (weight 5): she works S → 0.
        let inst = base()
            .availability(
                "ann",
                0,
                AvailabilityKind::PreferOff,
                AvailabilityScope::Shift(0),
                4.0,
            )
            .availability(
                "ann",
                1,
                AvailabilityKind::PreferOff,
                AvailabilityScope::AllShifts,
                2.0,
            )
            .availability(
                "ann",
                2,
                AvailabilityKind::PreferOn,
                AvailabilityScope::Shift(1),
                3.0,
            )
            .availability(
                "ann",
                3,
                AvailabilityKind::PreferOn,
                AvailabilityScope::AllShifts,
                5.0,
            )
            .weights(|w| w.preference = 1.5)
            .build();
        let p = plan(
            &inst,
            &[
                ("ann", 0, "M", "A"),
                ("ann", 2, "M", "A"),
                ("ann", 3, "S", "A"),
            ],
        );
        assert_close(evaluate(&inst, &p).term("preference"), 1.5 * 7.0);
    }

    #[test]
    fn away_from_home_and_secretariat_change() {
        // Mon: M at A, S at B → 1 away, 1 change. Tue: M at B, S at C → 2
        // away, 1 change. Wed: M and S at A → none.
        // away = 2 × 3 = 6; changes = 3 × 2 = 6.
        let inst = base().build();
        let p = plan(
            &inst,
            &[
                ("ann", 0, "M", "A"),
                ("ann", 0, "S", "B"),
                ("ann", 1, "M", "B"),
                ("ann", 1, "S", "C"),
                ("ann", 2, "M", "A"),
                ("ann", 2, "S", "A"),
            ],
        );
        let e = evaluate(&inst, &p);
        assert_close(e.term("away_from_home"), 6.0);
        assert_close(e.term("secretariat_change"), 6.0);
        assert!(e.violations.is_empty(), "{:?}", e.violations);
    }
}
