//! Hours balance of README "Hours accounting": per agent and ISO week
//! touching the horizon, worked minutes (paid minutes of the shifts dated
//! in the week's horizon days), credited minutes and due minutes from
//! `domain::hours`, hence overtime and under-hours; and the monthly
//! overtime totals that the hard cap, the tiered `overtime` term
//! (`domain::hours::overtime_cost`) and `overtime.csv` use.
//!
//! The instance facts (due, credits) come from `domain::hours`; what is
//! done with a planning's worked minutes is written here, independently
//! of the model.

use super::view::View;
use crate::domain::calendar::IsoWeek;
use crate::domain::hours::{overtime_cost, week_credited_minutes, week_due_minutes};
use crate::domain::{AgentIdx, Instance, Planning};

/// One agent's accounting of one ISO week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekBalance {
    /// Who.
    pub agent: AgentIdx,
    /// The week (label, Monday, horizon days).
    pub week: IsoWeek,
    /// Due minutes (weekly due scaled to her usual working days inside the horizon).
    pub due: i64,
    /// Paid minutes of the shifts dated in the week.
    pub worked: i64,
    /// Credited minutes (public holidays, counted leave days).
    pub credited: i64,
    /// max(0, worked + credited − due).
    pub overtime: i64,
    /// max(0, due − worked − credited).
    pub under: i64,
}

impl WeekBalance {
    /// The month (`YYYY-MM`) this week's overtime belongs to (its Thursday's).
    pub fn month(&self) -> String {
        self.week.month_label()
    }
}

/// Every agent's weeks, per agent in file order, weeks in order.
pub fn balances(inst: &Instance, planning: &Planning) -> Vec<Vec<WeekBalance>> {
    balances_of(&View::new(inst, planning))
}

/// [`balances`] on an existing view.
pub fn balances_of(view: &View<'_>) -> Vec<Vec<WeekBalance>> {
    let inst = view.inst;
    let weeks = inst.horizon.iso_weeks();
    (0..inst.agents.len())
        .map(|agent| {
            weeks
                .iter()
                .map(|week| {
                    let due = week_due_minutes(inst, agent, week);
                    let credited = week_credited_minutes(inst, agent, week, &view.planning.granted);
                    let worked: i64 = week
                        .days
                        .iter()
                        .flat_map(|&d| view.on(agent, d))
                        .map(|w| w.paid)
                        .sum();
                    let balance = worked + credited - due;
                    WeekBalance {
                        agent,
                        week: week.clone(),
                        due,
                        worked,
                        credited,
                        overtime: balance.max(0),
                        under: (-balance).max(0),
                    }
                })
                .collect()
        })
        .collect()
}

/// `YYYY-MM` of the horizon's first date: the month `overtime_month_hours_done` belongs to.
pub fn first_month(inst: &Instance) -> String {
    inst.horizon.start.format("%Y-%m").to_string()
}

/// Overtime already done before the horizon that counts in `month`.
pub fn done_in_month(inst: &Instance, agent: AgentIdx, month: &str) -> i64 {
    if month == first_month(inst) {
        inst.agents[agent].overtime_month_minutes_done
    } else {
        0
    }
}

/// One agent's overtime of one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthOvertime {
    /// Who.
    pub agent: AgentIdx,
    /// `YYYY-MM`.
    pub month: String,
    /// Sum of the weekly overtime of the weeks belonging to the month.
    pub overtime: i64,
    /// `overtime_month_hours_done` counted in it (first month only).
    pub done: i64,
    /// Overtime the horizon may still add: max(0, cap − done).
    pub allowed: i64,
}

/// Per agent, per month touched by the horizon's weeks (in order).
pub fn months_of(view: &View<'_>, balances: &[Vec<WeekBalance>]) -> Vec<MonthOvertime> {
    let inst = view.inst;
    let cap = inst.rules.overtime_cap_month_minutes;
    let mut out: Vec<MonthOvertime> = Vec::new();
    for weeks in balances {
        let first_of_agent = out.len();
        for wb in weeks {
            let month = wb.month();
            match out[first_of_agent..].iter_mut().find(|m| m.month == month) {
                Some(m) => m.overtime += wb.overtime,
                None => {
                    let done = done_in_month(inst, wb.agent, &month);
                    out.push(MonthOvertime {
                        agent: wb.agent,
                        month,
                        overtime: wb.overtime,
                        done,
                        allowed: (cap - done).max(0),
                    });
                }
            }
        }
    }
    out
}

/// The two hours-balance terms of the objective.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct HoursPenalties {
    /// Per agent and month, `domain::hours::overtime_cost` of the month's
    /// overtime (tiered: hours beyond 4 cost 1.5×, beyond 8 cost 2×).
    pub overtime: f64,
    /// `[weights] under_hours` per hour below a week's due.
    pub under_hours: f64,
}

/// The overtime term, per agent and month (weeks by their Thursday):
/// `overtime_cost([weights] overtime, Σ weekly overtime of the month)`.
/// `overtime_month_hours_done` counts for the cap only, not here. Under-hours:
/// `[weights] under_hours` per hour, summed over the weeks.
pub fn penalties(view: &View<'_>) -> HoursPenalties {
    let all = balances_of(view);
    let w = &view.inst.weights;
    let overtime: f64 = months_of(view, &all)
        .iter()
        .map(|m| overtime_cost(w.overtime, m.overtime))
        .sum();
    let under: i64 = all.iter().flatten().map(|w| w.under).sum();
    HoursPenalties {
        overtime,
        under_hours: w.under_hours * under as f64 / 60.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::evaluate;
    use crate::check::testutil::{assert_close, plan};
    use crate::domain::testkit::TinyInstance;
    use crate::domain::{LeavePart, LeaveStatus};
    use chrono::Weekday;

    fn base(days: usize) -> TinyInstance {
        TinyInstance::new(days)
            .shift("J", "08:00", "17:00", 60) // 8h paid
            .shift("L", "08:00", "18:30", 60) // 9h30 paid
            .secretariat("A", "P")
            .agent("ann", "A", &[])
    }

    #[test]
    fn overtime_of_a_full_week() {
        // Due 37h30. Mon–Fri L = 5 × 9h30 = 47h30 → overtime 10h in the
        // month → tiered 10 + ½·6 + ½·2 = 14 h-equivalents → 20 × 14 = 280.
        // Max daily hours 9h would forbid L: the test raises it.
        let inst = base(7).rules(|r| r.max_daily_minutes = 600).build();
        let p = plan(
            &inst,
            &(0..5).map(|d| ("ann", d, "L", "A")).collect::<Vec<_>>(),
        );
        let e = evaluate(&inst, &p);
        assert_close(e.term("overtime"), 280.0);
        assert_close(e.term("under_hours"), 0.0);
        let b = balances(&inst, &p);
        assert_eq!(
            (
                b[0][0].due,
                b[0][0].worked,
                b[0][0].credited,
                b[0][0].overtime
            ),
            (2250, 2850, 0, 600)
        );
    }

    #[test]
    fn overtime_is_tiered_per_month_not_per_week() {
        // Mon 21 Dec 2026 .. Sun 10 Jan 2027: W52 and W53 belong to December,
        // W01 to January. ann works K (8h30) Mon–Fri: 42h30 − 37h30 = 5h of
        // overtime a week. December: 10h → 10 + ½·6 + ½·2 = 14 → 20 × 14 =
        // 280 (per week it would be 2 × 5.5 = 11 → 220). January: 5h →
        // 5 + ½·1 = 5.5 → 110. Done hours (2h in December) count for the cap
        // only: total 390.
        let inst = TinyInstance::starting("2026-12-21", 21)
            .shift("K", "08:00", "17:30", 60)
            .secretariat("A", "P")
            .agent("ann", "A", &[])
            .with_agent(|a| a.overtime_month_minutes_done = 120)
            .build();
        let rows: Vec<_> = (0..21)
            .filter(|d| d % 7 < 5)
            .map(|d| ("ann", d, "K", "A"))
            .collect();
        let e = evaluate(&inst, &plan(&inst, &rows));
        assert!(e.violations.is_empty(), "{:?}", e.violations);
        assert_close(e.term("overtime"), 390.0);
        assert_close(e.term("under_hours"), 0.0);
    }

    #[test]
    fn overtime_tiers_hand_computed() {
        use crate::domain::hours::overtime_cost;
        assert_close(overtime_cost(20.0, 600), 280.0);
        assert_close(overtime_cost(20.0, 240), 80.0);
        assert_close(overtime_cost(20.0, 300), 110.0);
        assert_close(overtime_cost(20.0, 0), 0.0);
    }

    #[test]
    fn under_hours_with_a_holiday_and_a_leave_day_credited() {
        // Due 37h30, daily credit 7h30. Holiday Mon, approved CA Tue: 15h
        // credited. Works J Wed, Thu: 16h. Under = 37h30 − 31h = 6h30 →
        // 15 × 6.5 = 97.5.
        let inst = base(7)
            .holiday(0)
            .leave("ann", "CA", 1, 1, LeaveStatus::Approved, LeavePart::Day)
            .build();
        let p = plan(&inst, &[("ann", 2, "J", "A"), ("ann", 3, "J", "A")]);
        let e = evaluate(&inst, &p);
        assert_close(e.term("under_hours"), 97.5);
        assert_close(e.term("overtime"), 0.0);
        assert_eq!(balances(&inst, &p)[0][0].credited, 900);
    }

    #[test]
    fn partial_weeks_scale_the_due_and_part_timers_have_their_own() {
        // Horizon Wed..Sun (5 days): 3 usual working days of 5 inside → due
        // 22h30. 80 % with Wednesday off: weekly due 30h, 4 usual days, 2
        // inside (Thu, Fri) → 15h. Nobody works: under = 37h30 → 15 × 37.5 = 562.5.
        let inst = TinyInstance::starting("2026-12-09", 5)
            .shift("J", "08:00", "17:00", 60)
            .secretariat("A", "P")
            .agent("ann", "A", &[])
            .agent("bea", "A", &[])
            .with_agent(|a| {
                a.rate = 80.0;
                a.fixed_days_off = vec![Weekday::Wed];
            })
            .build();
        let p = plan(&inst, &[]);
        let b = balances(&inst, &p);
        assert_eq!(b[0][0].due, 1350);
        assert_eq!(b[1][0].due, 900);
        assert_close(evaluate(&inst, &p).term("under_hours"), 562.5);
    }

    #[test]
    fn granted_requested_leave_is_credited_refused_is_not() {
        let inst = base(7)
            .leave("ann", "CA", 0, 4, LeaveStatus::Requested, LeavePart::Day)
            .build();
        let mut p = plan(&inst, &[]);
        assert_eq!(balances(&inst, &p)[0][0].under, 2250);
        p.granted = vec![0];
        assert_eq!(balances(&inst, &p)[0][0].under, 0);
    }

    #[test]
    fn months_follow_the_thursday_and_count_done_in_the_first_month() {
        // Horizon Mon 28 Dec 2026 .. Sun 10 Jan 2027: week 53 belongs to
        // December (Thu 31 Dec), week 1 to January.
        let inst = TinyInstance::starting("2026-12-28", 14)
            .shift("J", "08:00", "17:00", 60)
            .secretariat("A", "P")
            .agent("ann", "A", &[])
            .with_agent(|a| a.overtime_month_minutes_done = 300)
            .build();
        let p = plan(&inst, &[]);
        let view = View::new(&inst, &p);
        let months = months_of(&view, &balances_of(&view));
        let labels: Vec<_> = months
            .iter()
            .map(|m| (m.month.as_str(), m.done, m.allowed))
            .collect();
        assert_eq!(labels, vec![("2026-12", 300, 900), ("2027-01", 0, 1200)]);
    }
}
