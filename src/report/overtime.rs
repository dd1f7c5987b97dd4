//! `overtime.csv` (SPEC §4): one row per agent (file order) and ISO week
//! touching the horizon — due, worked, credited, overtime and under-hours
//! minutes (the checker's hours balance), the month the week belongs to
//! (its Thursday's), the running overtime total of that month up to and
//! including the week (`overtime_month_hours_done` included for the month
//! of the horizon's first date) and the monthly cap of `[rules]`. Credits
//! count public holidays, approved leave and the requests the planning
//! grants (`planning.granted`).

use super::csv::CsvWriter;
use crate::check::hours::{balances, done_in_month};
use crate::domain::{Instance, Planning};
use std::collections::BTreeMap;

/// Header of `overtime.csv`.
pub const HEADER: [&str; 10] = [
    "agent",
    "week",
    "due_minutes",
    "worked_minutes",
    "credited_minutes",
    "overtime_minutes",
    "under_minutes",
    "month",
    "month_overtime_minutes",
    "cap_minutes",
];

/// The text of `overtime.csv`.
pub fn overtime_csv(inst: &Instance, planning: &Planning) -> String {
    let cap = inst.rules.overtime_cap_month_minutes;
    let mut w = CsvWriter::with_header(&HEADER);
    for weeks in balances(inst, planning) {
        let mut running: BTreeMap<String, i64> = BTreeMap::new();
        for wb in weeks {
            let month = wb.month();
            let total = running
                .entry(month.clone())
                .or_insert_with(|| done_in_month(inst, wb.agent, &month));
            *total += wb.overtime;
            w.row([
                inst.agents[wb.agent].id.clone(),
                wb.week.label.clone(),
                wb.due.to_string(),
                wb.worked.to_string(),
                wb.credited.to_string(),
                wb.overtime.to_string(),
                wb.under.to_string(),
                month,
                total.to_string(),
                cap.to_string(),
            ]);
        }
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testutil::plan;
    use crate::domain::testkit::TinyInstance;
    use crate::domain::{LeavePart, LeaveStatus};
    use crate::report::testutil::tiny;

    #[test]
    fn golden_tiny_overtime() {
        // Week W50 has Mon–Wed inside: ann due 37h30 × 3/5 = 1350, worked
        // 240+210+210+420 = 1080, credited 225 (am half-day) → under 45.
        // bob (50 %): due 675, worked 240, credited 225 (CA) → under 210.
        let (inst, p) = tiny();
        assert_eq!(
            overtime_csv(&inst, &p),
            "agent,week,due_minutes,worked_minutes,credited_minutes,overtime_minutes,under_minutes,month,month_overtime_minutes,cap_minutes\n\
             ann,2026-W50,1350,1080,225,0,45,2026-12,0,1200\n\
             bob,2026-W50,675,240,225,0,210,2026-12,0,1200\n"
        );
    }

    #[test]
    fn hand_computed_week_with_a_holiday_and_a_granted_leave_day() {
        // Week 2026-W50 (Mon 7 .. Sun 13 Dec). Full time: due 37h30 = 2250,
        // daily credit 2250 / 5 = 450. Mon is a public holiday (credit 450),
        // Tue a requested CA day (credit 450 only when granted). ann works
        // L (9h30 = 570) Wed, Thu, Fri: worked 1710.
        // Granted: credited 900 → 1710 + 900 − 2250 = 360 overtime; with
        // 60 min done before the horizon the month total is 420.
        // Refused: credited 450 → 2160 < 2250 → 90 under, no overtime.
        let inst = TinyInstance::new(7)
            .shift("L", "08:00", "18:30", 60)
            .secretariat("A", "P")
            .agent("ann", "A", &[])
            .with_agent(|a| a.overtime_month_minutes_done = 60)
            .holiday(0)
            .leave("ann", "CA", 1, 1, LeaveStatus::Requested, LeavePart::Day)
            .rules(|r| r.max_daily_minutes = 600)
            .build();
        let mut p = plan(
            &inst,
            &[
                ("ann", 2, "L", "A"),
                ("ann", 3, "L", "A"),
                ("ann", 4, "L", "A"),
            ],
        );
        assert_eq!(
            overtime_csv(&inst, &p).lines().nth(1),
            Some("ann,2026-W50,2250,1710,450,0,90,2026-12,60,1200")
        );
        p.granted = vec![0];
        assert_eq!(
            overtime_csv(&inst, &p).lines().nth(1),
            Some("ann,2026-W50,2250,1710,900,360,0,2026-12,420,1200")
        );
        // The term: 6h in the month → 6 + ½·2 = 7 h-equivalents → 20 × 7 = 140
        // (the 60 min done count for the cap only).
        let e = crate::check::evaluate(&inst, &p);
        assert!(e.violations.is_empty(), "{:?}", e.violations);
        assert!(
            (e.term("overtime") - 140.0).abs() < 1e-9,
            "{}",
            e.term("overtime")
        );
    }

    #[test]
    fn running_month_totals_with_done_hours_and_a_month_change() {
        // Mon 21 Dec 2026 .. Sun 10 Jan 2027 (no holiday declared): W52 and
        // W53 belong to December (Thursdays 24 and 31 Dec), W01 to January.
        // 5 × L (9h) each week: 45h − 37h30 = 7h30 overtime (450) a week.
        // 60 min done in December: running 510, 960; January restarts at 450.
        // An agent with no shift at all still has her rows.
        let inst = TinyInstance::starting("2026-12-21", 21)
            .shift("L", "08:00", "17:00", 0)
            .secretariat("A", "P")
            .agent("ann", "A", &[])
            .with_agent(|a| a.overtime_month_minutes_done = 60)
            .agent("idle", "A", &[])
            .build();
        let rows: Vec<_> = (0..21)
            .filter(|d| d % 7 < 5)
            .map(|d| ("ann", d, "L", "A"))
            .collect();
        let text = overtime_csv(&inst, &plan(&inst, &rows));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 7);
        assert_eq!(lines[1], "ann,2026-W52,2250,2700,0,450,0,2026-12,510,1200");
        assert_eq!(lines[2], "ann,2026-W53,2250,2700,0,450,0,2026-12,960,1200");
        assert_eq!(lines[3], "ann,2027-W01,2250,2700,0,450,0,2027-01,450,1200");
        assert_eq!(lines[4], "idle,2026-W52,2250,0,0,0,2250,2026-12,0,1200");
    }
}
