//! shifts.csv: the kinds of shift. `end` before `start` means the next day
//! (`end += 1440`); `end == start` is an error; a shift longer than
//! `max_amplitude_hours`, or paid longer than `max_daily_hours`, could never
//! be worked and is an error; `cannot_follow` ids are resolved once every
//! shift is known (forward references allowed).

use crate::domain::calendar::DAY_MINUTES;
use crate::domain::instance::{Rules, Shift};
use crate::io::parse::{self, Bad};
use crate::io::table::{read_table, Presence, Schema};
use crate::validate::codes;
use crate::validate::ids::Ids;
use crate::validate::Sink;
use std::path::Path;

/// File name.
pub const FILE: &str = "shifts.csv";
const SCHEMA: Schema = Schema {
    required: &["id", "start", "end", "break_minutes"],
    optional: &["label", "cannot_follow"],
};

/// Reads shifts.csv; returns the shifts (valid rows only) and their ids.
pub fn read(dir: &Path, rules: &Rules, sink: &mut Sink) -> (Vec<Shift>, Ids) {
    let Some(table) = read_table(dir, FILE, &SCHEMA, Presence::RequiredWithRows, sink) else {
        return (Vec::new(), Ids::new(false));
    };
    // Without an id column or rows, references to these ids cannot be judged.
    let mut ids = Ids::for_table(&table, true);
    let mut shifts = Vec::new();
    let mut follow_cells = Vec::new();
    for row in &table.rows {
        let id_cell = table.cell(row, "id");
        let id = id_cell.parse_required(sink, |s| parse::check_id(s).map(|_| s.to_string()));
        let start_cell = table.cell(row, "start");
        let start = start_cell.parse_required(sink, |s| parse::parse_time(s, false));
        let end_cell = table.cell(row, "end");
        let end = end_cell.parse_required(sink, |s| parse::parse_time(s, true));
        let brk = table
            .cell(row, "break_minutes")
            .parse_required(sink, parse::parse_count);
        let label = table.cell(row, "label").raw.unwrap_or("").to_string();
        let (Some(start), Some(end)) = (start, end) else {
            if let Some(id) = &id {
                ids.mark_broken(id);
            }
            continue;
        };
        let end = match end.cmp(&start) {
            std::cmp::Ordering::Greater => end,
            std::cmp::Ordering::Less => end + DAY_MINUTES,
            std::cmp::Ordering::Equal => {
                sink.push(end_cell.bad(Bad::new(
                    codes::ZERO_LENGTH_SHIFT,
                    "shift ends when it starts",
                    "give the end time (an end before the start means the next day)",
                )));
                if let Some(id) = &id {
                    ids.mark_broken(id);
                }
                continue;
            }
        };
        let length = end - start;
        if length > rules.max_amplitude_minutes {
            sink.push(end_cell.bad(Bad::new(
                codes::SHIFT_TOO_LONG,
                format!("shift lasts {}h{:02}, longer than max_amplitude_hours ({}h{:02}); it could never be worked", length / 60, length % 60, rules.max_amplitude_minutes / 60, rules.max_amplitude_minutes % 60),
                "shorten the shift or raise [rules] max_amplitude_hours",
            )));
        }
        let brk = brk.map(i64::from);
        if let Some(b) = brk {
            if b >= length {
                sink.push(table.cell(row, "break_minutes").bad(Bad::new(
                    codes::BREAK_TOO_LONG,
                    format!(
                        "break of {b} minutes is not shorter than the shift ({length} minutes)"
                    ),
                    "write the unpaid break in minutes, e.g. 60",
                )));
            } else if length - b > rules.max_daily_minutes {
                sink.push(end_cell.bad(Bad::new(
                    codes::SHIFT_OVER_DAILY_MAX,
                    format!("shift pays {} minutes, more than max_daily_hours ({} minutes); it could never be worked", length - b, rules.max_daily_minutes),
                    "shorten the shift, lengthen its break or raise [rules] max_daily_hours",
                )));
            }
        }
        let Some(id) = id else {
            if let Some(raw) = id_cell.raw {
                ids.mark_broken(raw);
            }
            continue;
        };
        if ids.insert(&id).is_none() {
            sink.push(id_cell.finding(
                codes::DUPLICATE_SHIFT,
                format!("shift `{id}` is defined twice"),
                "give each shift its own id, or delete the duplicate row",
            ));
            continue;
        }
        shifts.push(Shift {
            id,
            start,
            end,
            break_minutes: brk.unwrap_or(0),
            label,
            cannot_follow: Vec::new(),
        });
        follow_cells.push(row);
    }
    for (shift, row) in shifts.iter_mut().zip(follow_cells) {
        let cell = table.cell(row, "cannot_follow");
        let Some(raw) = cell.raw else { continue };
        let mut list: Vec<usize> = parse::split_list(raw)
            .into_iter()
            .filter_map(|item| {
                ids.resolve(
                    &cell,
                    item,
                    codes::UNKNOWN_CANNOT_FOLLOW,
                    "shift",
                    FILE,
                    sink,
                )
            })
            .collect();
        list.sort_unstable();
        list.dedup();
        shift.cannot_follow = list;
    }
    (shifts, ids)
}
