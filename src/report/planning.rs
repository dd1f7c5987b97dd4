//! `planning.csv` (SPEC §4): `agent,date,kind,code,secretariat,start,end,minutes`.
//! One `work` row per worked shift (code = shift id, minutes = paid
//! minutes; a night shift's end wraps, e.g. `06:00`) and one `leave` row per
//! counted day or half-day of taken leave (approved, or requested and
//! granted): code = leave type, empty secretariat/start/end, minutes = the
//! minutes credited for that leave that day (`domain::hours`). Rows are
//! sorted by agent id, then date, then start, leave rows (empty start) first.
//!
//! Leave types are personal data: [`planning_csv`] is the manager's file
//! and keeps them; [`planning_referents_csv`], the same file for the
//! référents, writes `ABS` as the code of every leave row.

use super::csv::CsvWriter;
use crate::check::REDACTED_LEAVE_TYPE;
use crate::domain::calendar::format_hhmm;
use crate::domain::hours::{
    credited_minutes_on, daily_credit_minutes, is_usual_working_day, leave_is_taken,
};
use crate::domain::{Instance, Planning};

/// Header of `planning.csv`.
pub const HEADER: [&str; 8] = [
    "agent",
    "date",
    "kind",
    "code",
    "secretariat",
    "start",
    "end",
    "minutes",
];

/// A row with its sort key.
struct Row {
    key: (String, usize, usize, u8, i64, String, String, usize),
    fields: [String; 8],
}

/// The text of `planning.csv` (the manager's: leave rows name their type).
pub fn planning_csv(inst: &Instance, planning: &Planning) -> String {
    planning_text(inst, planning, false)
}

/// The text of `planning.csv` for référents: identical to [`planning_csv`]
/// except that every leave row's `code` is `ABS`.
pub fn planning_referents_csv(inst: &Instance, planning: &Planning) -> String {
    planning_text(inst, planning, true)
}

fn planning_text(inst: &Instance, planning: &Planning, redact: bool) -> String {
    let mut rows: Vec<Row> = Vec::new();
    for a in &planning.assignments {
        let (Some(agent), Some(shift), Some(sec)) = (
            inst.agents.get(a.agent),
            inst.shifts.get(a.shift),
            inst.secretariats.get(a.secretariat),
        ) else {
            continue;
        };
        if a.day >= inst.horizon.days {
            continue;
        }
        rows.push(Row {
            key: (
                agent.id.clone(),
                a.agent,
                a.day,
                1,
                shift.start,
                shift.id.clone(),
                sec.id.clone(),
                0,
            ),
            fields: [
                agent.id.clone(),
                inst.horizon.date(a.day).format("%Y-%m-%d").to_string(),
                "work".into(),
                shift.id.clone(),
                sec.id.clone(),
                format_hhmm(shift.start),
                format_hhmm(shift.end),
                shift.paid_minutes().to_string(),
            ],
        });
    }
    rows.extend(leave_rows(inst, planning, redact));
    rows.sort_by(|a, b| a.key.cmp(&b.key));
    let mut w = CsvWriter::with_header(&HEADER);
    for r in rows {
        w.row(r.fields);
    }
    w.finish()
}

/// One row per counted day or half-day of taken leave. Half days add up to
/// at most one day (as in `domain::hours`); the rows of one day share that
/// day's credited minutes, so that they add up to exactly that credit.
/// With `redact`, the code is `ABS` instead of the leave type.
fn leave_rows(inst: &Instance, planning: &Planning, redact: bool) -> Vec<Row> {
    let mut rows = Vec::new();
    for (agent_idx, agent) in inst.agents.iter().enumerate() {
        let credit = daily_credit_minutes(inst, agent_idx) as f64;
        for day in inst.horizon.all_days() {
            if !is_usual_working_day(inst, agent_idx, day) || inst.horizon.is_holiday(day) {
                continue;
            }
            let date = inst.horizon.date(day);
            let mut parts: Vec<(usize, f64)> = Vec::new();
            let mut used = 0.0;
            for (idx, l) in inst.leaves.iter().enumerate() {
                if l.agent != agent_idx
                    || !leave_is_taken(inst, idx, &planning.granted)
                    || date < l.first_day
                    || date > l.last_day
                {
                    continue;
                }
                let fraction = l.day_fraction().min(1.0 - used);
                if fraction > 0.0 {
                    used += fraction;
                    parts.push((idx, fraction));
                }
            }
            let total = credited_minutes_on(inst, agent_idx, day, &planning.granted);
            let mut given = 0;
            for (i, &(idx, fraction)) in parts.iter().enumerate() {
                let minutes = if i + 1 == parts.len() {
                    total - given
                } else {
                    (credit * fraction).round() as i64
                };
                given += minutes;
                rows.push(Row {
                    key: (
                        agent.id.clone(),
                        agent_idx,
                        day,
                        0,
                        0,
                        String::new(),
                        String::new(),
                        idx,
                    ),
                    fields: [
                        agent.id.clone(),
                        date.format("%Y-%m-%d").to_string(),
                        "leave".into(),
                        if redact {
                            REDACTED_LEAVE_TYPE.to_string()
                        } else {
                            inst.leaves[idx].leave_type.clone()
                        },
                        String::new(),
                        String::new(),
                        String::new(),
                        minutes.to_string(),
                    ],
                });
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::TinyInstance;
    use crate::domain::{LeavePart, LeaveStatus};
    use crate::report::testutil::tiny;

    #[test]
    fn golden_tiny_planning() {
        // ann: daily credit 37h30/5 = 450, am half-day → 225.
        // bob (50 %): daily credit 18h45/5 = 225; the requested RTT is not granted.
        let (inst, p) = tiny();
        assert_eq!(
            planning_csv(&inst, &p),
            "agent,date,kind,code,secretariat,start,end,minutes\n\
             ann,2026-12-07,work,M,CARDIO,08:00,12:00,240\n\
             ann,2026-12-07,work,S,NEURO,13:00,17:00,210\n\
             ann,2026-12-08,work,S,CARDIO,13:00,17:00,210\n\
             ann,2026-12-09,leave,RTT,,,,225\n\
             ann,2026-12-09,work,N,CARDIO,22:00,06:00,420\n\
             bob,2026-12-07,work,M,NEURO,08:00,12:00,240\n\
             bob,2026-12-08,leave,CA,,,,225\n"
        );
        let mut granted = p.clone();
        granted.granted = vec![1];
        assert!(planning_csv(&inst, &granted)
            .ends_with("bob,2026-12-08,leave,CA,,,,225\nbob,2026-12-09,leave,RTT,,,,225\n"));
    }

    #[test]
    fn referents_see_abs_instead_of_the_leave_type() {
        let (inst, p) = tiny();
        let mut sick = inst.clone();
        sick.leaves[0].leave_type = "MALADIE".into();
        let manager = planning_csv(&sick, &p);
        assert!(
            manager.contains("bob,2026-12-08,leave,MALADIE,,,,225\n"),
            "{manager}"
        );
        assert_eq!(
            planning_referents_csv(&sick, &p),
            "agent,date,kind,code,secretariat,start,end,minutes\n\
             ann,2026-12-07,work,M,CARDIO,08:00,12:00,240\n\
             ann,2026-12-07,work,S,NEURO,13:00,17:00,210\n\
             ann,2026-12-08,work,S,CARDIO,13:00,17:00,210\n\
             ann,2026-12-09,leave,ABS,,,,225\n\
             ann,2026-12-09,work,N,CARDIO,22:00,06:00,420\n\
             bob,2026-12-07,work,M,NEURO,08:00,12:00,240\n\
             bob,2026-12-08,leave,ABS,,,,225\n"
        );
        // Only the code of leave rows differs.
        let strip = |t: &str| t.replace("MALADIE", "ABS").replace(",RTT,", ",ABS,");
        assert_eq!(strip(&manager), planning_referents_csv(&sick, &p));
    }

    #[test]
    fn leave_rows_only_on_counted_days_and_two_halves_make_one_credit() {
        // Leave Fri..Mon over a holiday Monday: rows on Fri only (weekend not
        // counted, the holiday is credited as a holiday, not as leave).
        // Two half days on Tue: two rows; daily credit 451 (weekly 37h35)
        // splits 226 + 225 so the day adds up to 451.
        let inst = TinyInstance::new(9)
            .secretariat("A", "P")
            .agent("ann", "A", &[])
            .holiday(7)
            .rules(|r| r.weekly_minutes = 2255)
            .leave("ann", "CA", 4, 7, LeaveStatus::Approved, LeavePart::Day)
            .leave("ann", "RTT", 8, 8, LeaveStatus::Approved, LeavePart::Am)
            .leave("ann", "RTT", 8, 8, LeaveStatus::Approved, LeavePart::Pm)
            .build();
        assert_eq!(
            planning_csv(&inst, &Planning::default()),
            "agent,date,kind,code,secretariat,start,end,minutes\n\
             ann,2026-12-11,leave,CA,,,,451\n\
             ann,2026-12-15,leave,RTT,,,,226\n\
             ann,2026-12-15,leave,RTT,,,,225\n"
        );
    }
}
