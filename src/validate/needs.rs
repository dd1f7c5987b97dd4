//! needs.csv (coverage needs) and closures.csv (days a secretariat needs
//! nobody). Each needs row expands to one [`Need`] per horizon day it applies
//! to: a weekday row to every such day except public holidays and that
//! secretariat's closures; a dated row to its date (`dated = true`, which
//! opens the day), or to nothing with a warning when the date lies outside
//! the horizon. A row naming a shift id in `start` (with `end` empty) is a
//! shift-kind need. A need that could never be covered (weekday the
//! secretariat is not open, window outside its hours) is an error.

use crate::domain::calendar::{Day, Horizon};
use crate::domain::instance::{Need, NeedWindow, Secretariat, SecretariatIdx, Shift};
use crate::io::parse::{self, Bad, DayRef};
use crate::io::table::{read_table, Presence, Schema};
use crate::validate::codes;
use crate::validate::ids::Ids;
use crate::validate::Sink;
use std::collections::BTreeSet;
use std::path::Path;

/// File name of the needs.
pub const FILE: &str = "needs.csv";
/// File name of the closures.
pub const CLOSURES_FILE: &str = "closures.csv";
const SCHEMA: Schema = Schema {
    required: &["secretariat", "day", "start", "end", "min"],
    optional: &["target", "max", "label", "weight_under", "weight_over"],
};
const CLOSURES_SCHEMA: Schema = Schema {
    required: &["secretariat", "date"],
    optional: &["label"],
};

/// Reads closures.csv (optional): closed (secretariat, day) pairs inside the horizon.
pub fn read_closures(
    dir: &Path,
    secretariats: &Ids,
    horizon: Option<&Horizon>,
    sink: &mut Sink,
) -> BTreeSet<(SecretariatIdx, Day)> {
    let mut out = BTreeSet::new();
    let Some(table) = read_table(
        dir,
        CLOSURES_FILE,
        &CLOSURES_SCHEMA,
        Presence::Optional,
        sink,
    ) else {
        return out;
    };
    for row in &table.rows {
        let sec_cell = table.cell(row, "secretariat");
        let sec = sec_cell.required(sink).and_then(|s| {
            secretariats.resolve(
                &sec_cell,
                s,
                codes::CLOSURE_UNKNOWN_SECRETARIAT,
                "secretariat",
                super::secretariats::FILE,
                sink,
            )
        });
        let date_cell = table.cell(row, "date");
        let date = date_cell.parse_required(sink, parse::parse_date);
        let (Some(date), Some(h)) = (date, horizon) else {
            continue;
        };
        match h.day_of(date) {
            Some(day) => {
                if let Some(sec) = sec {
                    out.insert((sec, day));
                }
            }
            None => sink.push(date_cell.finding(
                codes::CLOSURE_OUTSIDE_HORIZON,
                format!("closure on {date} lies outside the horizon; ignored"),
                "nothing to do if the file is reused month to month",
            )),
        }
    }
    out
}

/// What needs.csv refers to.
pub struct Refs<'a> {
    /// Secretariats and their ids.
    pub secretariats: (&'a [Secretariat], &'a Ids),
    /// Shifts and their ids.
    pub shifts: (&'a [Shift], &'a Ids),
    /// The horizon, if known.
    pub horizon: Option<&'a Horizon>,
    /// Closed (secretariat, day) pairs.
    pub closures: &'a BTreeSet<(SecretariatIdx, Day)>,
}

fn hhmm(m: i64) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// Reads needs.csv (required, rows optional) and expands it over the horizon.
pub fn read(dir: &Path, refs: &Refs<'_>, sink: &mut Sink) -> Vec<Need> {
    let mut needs = Vec::new();
    let Some(table) = read_table(dir, FILE, &SCHEMA, Presence::Required, sink) else {
        return needs;
    };
    let (secs, sec_ids) = refs.secretariats;
    let (shifts, shift_ids) = refs.shifts;
    for row in &table.rows {
        let before = sink.error_count();
        let sec_cell = table.cell(row, "secretariat");
        let sec = sec_cell.required(sink).and_then(|s| {
            sec_ids.resolve(
                &sec_cell,
                s,
                codes::NEED_UNKNOWN_SECRETARIAT,
                "secretariat",
                super::secretariats::FILE,
                sink,
            )
        });
        let day_cell = table.cell(row, "day");
        let day = day_cell.parse_required(sink, parse::parse_day);

        let start_cell = table.cell(row, "start");
        let end_cell = table.cell(row, "end");
        let window = match start_cell.required(sink) {
            None => None,
            Some(raw) => match parse::parse_time(raw, false) {
                Ok(start) => match end_cell.parse_required(sink, |s| parse::parse_time(s, true)) {
                    Some(end) if start >= end => {
                        sink.push(end_cell.bad(Bad::new(
                            codes::NEED_EMPTY_WINDOW,
                            format!(
                                "window {} – {} does not end after it starts",
                                hhmm(start),
                                end_cell.raw.unwrap_or("")
                            ),
                            "write an end after the start (24:00 for midnight)",
                        )));
                        None
                    }
                    Some(end) => Some(NeedWindow::Minutes { start, end }),
                    None => None,
                },
                Err(bad) => match shift_ids.get(raw) {
                    Some(s) => {
                        if end_cell.raw.is_some() {
                            sink.push(end_cell.finding(
                                codes::NEED_SHIFT_WITH_END,
                                format!("`start` names shift `{raw}`, so `end` must be empty"),
                                "empty the `end` cell, or write a time in `start`",
                            ));
                        }
                        Some(NeedWindow::Shift(s))
                    }
                    None if raw.contains(':')
                        || raw.chars().next().is_some_and(|c| c.is_ascii_digit())
                            && raw.to_lowercase().contains('h') =>
                    {
                        sink.push(start_cell.bad(bad));
                        None
                    }
                    None => {
                        if shift_ids.reliable {
                            sink.push(start_cell.finding(
                                codes::NEED_BAD_START,
                                format!("start `{raw}` is neither a time nor a shift id"),
                                format!(
                                    "write a time like 08:30, or a shift id ({})",
                                    shift_ids.hint(raw, super::shifts::FILE)
                                ),
                            ));
                        }
                        None
                    }
                },
            },
        };

        let min_cell = table.cell(row, "min");
        let min = min_cell.parse_required(sink, parse::parse_count);
        let target_cell = table.cell(row, "target");
        let target = target_cell.count(sink);
        let max_cell = table.cell(row, "max");
        let max = max_cell.count(sink);
        if let (Some(min), Some(t)) = (min, target) {
            if t < min {
                sink.push(target_cell.finding(
                    codes::TARGET_BELOW_MIN,
                    format!("target {t} is below min {min}"),
                    "write a target ≥ min (or leave it empty: target = min)",
                ));
            }
        }
        let target = target.or(min);
        if let (Some(t), Some(m)) = (target, max) {
            if m < t {
                sink.push(max_cell.finding(
                    codes::MAX_BELOW_TARGET,
                    format!("max {m} is below target {t}"),
                    "write a max ≥ target (or leave it empty: no maximum)",
                ));
            }
        }
        let weight_under = table.cell(row, "weight_under").non_negative(sink);
        let weight_over = table.cell(row, "weight_over").non_negative(sink);
        let label = table.cell(row, "label").raw.unwrap_or("").to_string();

        // Could this need ever be covered?
        if let (Some(sec), Some(window)) = (sec, window) {
            let s = &secs[sec];
            let (ws, we, what) = match window {
                NeedWindow::Minutes { start, end } => (
                    start,
                    end,
                    format!("window {} – {}", hhmm(start), hhmm(end)),
                ),
                NeedWindow::Shift(i) => (
                    shifts[i].start,
                    shifts[i].end,
                    format!(
                        "shift `{}` ({} – {})",
                        shifts[i].id,
                        hhmm(shifts[i].start),
                        hhmm(shifts[i].end % 1440)
                    ),
                ),
            };
            if ws < s.opens || we > s.closes {
                sink.push(start_cell.finding(
                    codes::NEED_OUTSIDE_OPENING,
                    format!("{what} lies outside the opening hours of `{}` ({} – {})", s.id, hhmm(s.opens), hhmm(s.closes)),
                    "move the window inside the opening hours, or widen `opens`/`closes` in secretariats.csv",
                ));
            }
            if let Some(DayRef::Weekday(wd)) = day {
                if !s.days.contains(&wd) {
                    sink.push(day_cell.finding(
                        codes::NEED_ON_CLOSED_WEEKDAY,
                        format!("`{}` is not open on {wd:?}; this need could never be covered", s.id),
                        "add the weekday to `days` in secretariats.csv, or write a dated row (a dated need opens its day)",
                    ));
                }
            }
        }
        if sink.error_count() > before {
            continue;
        }
        let (Some(sec), Some(day), Some(window), Some(min), Some(target)) =
            (sec, day, window, min, target)
        else {
            continue;
        };
        let Some(h) = refs.horizon else { continue };
        let days: Vec<(Day, bool)> = match day {
            DayRef::Date(date) => match h.day_of(date) {
                Some(d) => vec![(d, true)],
                None => {
                    sink.push(day_cell.finding(
                        codes::NEED_OUTSIDE_HORIZON,
                        format!("dated need on {date} lies outside the horizon; ignored"),
                        "nothing to do if the file is reused month to month",
                    ));
                    continue;
                }
            },
            DayRef::Weekday(wd) => h
                .all_days()
                .filter(|&d| {
                    h.weekday(d) == wd && !h.is_holiday(d) && !refs.closures.contains(&(sec, d))
                })
                .map(|d| (d, false))
                .collect(),
        };
        for (d, dated) in days {
            needs.push(Need {
                secretariat: sec,
                day: d,
                window,
                min,
                target,
                max,
                label: label.clone(),
                weight_under,
                weight_over,
                dated,
                line: row.line,
            });
        }
    }
    needs
}
