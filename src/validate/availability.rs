//! availability.csv (optional): what agents cannot (`off`) or would rather
//! not / rather do (`prefer_off` / `prefer_on`). Weekday rows expand to each
//! matching horizon day (`recurring = true`); dated rows outside the horizon
//! are ignored with a warning. Also yields each agent's fixed days off:
//! weekdays with a recurring whole-day `off` row.

use crate::domain::calendar::Horizon;
use crate::domain::instance::{Availability, AvailabilityKind, AvailabilityScope};
use crate::io::parse::{self, Bad, DayRef};
use crate::io::table::{read_table, Presence, Schema};
use crate::validate::codes;
use crate::validate::ids::Ids;
use crate::validate::Sink;
use chrono::Weekday;
use std::collections::BTreeSet;
use std::path::Path;

/// File name.
pub const FILE: &str = "availability.csv";
const SCHEMA: Schema = Schema {
    required: &["agent", "day", "kind"],
    optional: &["shift", "weight", "start", "end"],
};

fn parse_kind(raw: &str) -> Result<AvailabilityKind, Bad> {
    match raw.trim().to_lowercase().replace(['-', ' '], "_").as_str() {
        "off" => Ok(AvailabilityKind::Off),
        "prefer_off" => Ok(AvailabilityKind::PreferOff),
        "prefer_on" => Ok(AvailabilityKind::PreferOn),
        _ => Err(Bad::new(
            codes::AVAIL_BAD_KIND,
            format!("kind `{raw}` is not off, prefer_off or prefer_on"),
            "write off (cannot work), prefer_off or prefer_on",
        )),
    }
}

/// Availability occurrences, and per agent the weekdays of fixed days off.
pub fn read(
    dir: &Path,
    agents: &Ids,
    n_agents: usize,
    shifts: &Ids,
    horizon: Option<&Horizon>,
    sink: &mut Sink,
) -> (Vec<Availability>, Vec<Vec<Weekday>>) {
    let mut out = Vec::new();
    let mut fixed: Vec<BTreeSet<u32>> = vec![BTreeSet::new(); n_agents];
    let to_weekdays = |fixed: Vec<BTreeSet<u32>>| -> Vec<Vec<Weekday>> {
        fixed
            .into_iter()
            .map(|s| {
                s.into_iter()
                    .filter_map(|n| Weekday::try_from(n as u8).ok())
                    .collect()
            })
            .collect()
    };
    let Some(table) = read_table(dir, FILE, &SCHEMA, Presence::Optional, sink) else {
        return (out, to_weekdays(fixed));
    };
    for row in &table.rows {
        let before = sink.error_count();
        let agent_cell = table.cell(row, "agent");
        let agent = agent_cell.required(sink).and_then(|a| {
            agents.resolve(
                &agent_cell,
                a,
                codes::AVAIL_UNKNOWN_AGENT,
                "agent",
                super::agents::FILE,
                sink,
            )
        });
        let day_cell = table.cell(row, "day");
        let day = day_cell.parse_required(sink, parse::parse_day);
        let kind = table.cell(row, "kind").parse_required(sink, parse_kind);
        let shift_cell = table.cell(row, "shift");
        let shift = shift_cell.raw.and_then(|s| {
            shifts.resolve(
                &shift_cell,
                s,
                codes::AVAIL_UNKNOWN_SHIFT,
                "shift",
                super::shifts::FILE,
                sink,
            )
        });
        let start_cell = table.cell(row, "start");
        let end_cell = table.cell(row, "end");
        let start = start_cell.parse(sink, |s| parse::parse_time(s, false));
        let end = end_cell.parse(sink, |s| parse::parse_time(s, true));
        let weight = table.cell(row, "weight").non_negative(sink).unwrap_or(1.0);
        let mut scope = AvailabilityScope::AllShifts;
        match (start_cell.raw.is_some(), end_cell.raw.is_some()) {
            (true, false) | (false, true) => {
                let cell = if start_cell.raw.is_some() {
                    start_cell
                } else {
                    end_cell
                };
                sink.push(cell.finding(
                    codes::AVAIL_HALF_WINDOW,
                    "a window needs both `start` and `end`",
                    "fill both cells, or empty both for the whole day",
                ));
            }
            (true, true) => {
                if shift_cell.raw.is_some() {
                    sink.push(shift_cell.finding(
                        codes::AVAIL_SHIFT_AND_WINDOW,
                        "row gives both a shift and a window",
                        "keep either `shift` or `start`/`end`",
                    ));
                }
                if let (Some(s), Some(e)) = (start, end) {
                    if s >= e {
                        sink.push(end_cell.finding(
                            codes::AVAIL_EMPTY_WINDOW,
                            "window does not end after it starts",
                            "write an end after the start (24:00 for midnight)",
                        ));
                    }
                    scope = AvailabilityScope::Window { start: s, end: e };
                }
            }
            (false, false) => {}
        }
        if let Some(s) = shift {
            if start_cell.raw.is_none() && end_cell.raw.is_none() {
                scope = AvailabilityScope::Shift(s);
            }
        }
        if sink.error_count() > before {
            continue;
        }
        let (Some(agent), Some(day), Some(kind)) = (agent, day, kind) else {
            continue;
        };
        if let (DayRef::Weekday(wd), AvailabilityKind::Off, AvailabilityScope::AllShifts) =
            (day, kind, scope)
        {
            if let Some(set) = fixed.get_mut(agent) {
                set.insert(wd.num_days_from_monday());
            }
        }
        let Some(h) = horizon else { continue };
        let days: Vec<(usize, bool)> = match day {
            DayRef::Date(date) => match h.day_of(date) {
                Some(d) => vec![(d, false)],
                None => {
                    sink.push(day_cell.finding(
                        codes::AVAIL_OUTSIDE_HORIZON,
                        format!("dated row on {date} lies outside the horizon; ignored"),
                        "nothing to do if the file is reused month to month",
                    ));
                    continue;
                }
            },
            DayRef::Weekday(wd) => h
                .all_days()
                .filter(|&d| h.weekday(d) == wd)
                .map(|d| (d, true))
                .collect(),
        };
        for (d, recurring) in days {
            out.push(Availability {
                agent,
                day: d,
                kind,
                scope,
                weight,
                recurring,
                line: row.line,
            });
        }
    }
    (out, to_weekdays(fixed))
}
