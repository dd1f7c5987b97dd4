//! contracts.csv (optional): rule sets shared by agents. Empty cells take
//! the `[rules]` value (`weekly_hours`, `max_consecutive_days`,
//! `min_consecutive_days_off`, `max_weekends`) or the SPEC §3 default
//! (`max_days_per_week` 6, `min_consecutive_days` 1, `min_total_hours` 0,
//! `max_total_hours` and `max_shifts` unlimited). Without the file there is
//! one contract `default` built from `[rules]`; see [`default_contract`].

use crate::domain::instance::{Contract, Rules};
use crate::io::parse::{self, Bad};
use crate::io::table::{read_table, Cell, Presence, Schema};
use crate::validate::codes;
use crate::validate::ids::Ids;
use crate::validate::Sink;
use std::path::Path;

/// File name.
pub const FILE: &str = "contracts.csv";
/// Id of the implicit contract.
pub const DEFAULT_ID: &str = "default";
const SCHEMA: Schema = Schema {
    required: &["id", "weekly_hours"],
    optional: &[
        "max_days_per_week",
        "max_consecutive_days",
        "min_consecutive_days",
        "min_consecutive_days_off",
        "max_weekends",
        "min_total_hours",
        "max_total_hours",
        "max_shifts",
    ],
};

/// The contract `default` of `[rules]`, with SPEC §3 defaults elsewhere.
pub fn default_contract(rules: &Rules, n_shifts: usize) -> Contract {
    Contract {
        id: DEFAULT_ID.to_string(),
        weekly_minutes: rules.weekly_minutes,
        max_days_per_week: 6,
        max_consecutive_days: rules.max_consecutive_days,
        min_consecutive_days: 1,
        min_consecutive_days_off: rules.min_consecutive_days_off,
        max_weekends: rules.max_weekends,
        min_total_minutes: 0,
        max_total_minutes: None,
        max_shifts: vec![None; n_shifts],
    }
}

/// Contracts read; `file_present` tells whether contracts.csv exists.
#[derive(Debug, Clone)]
pub struct Contracts {
    /// Contracts in file order (or the single default one).
    pub list: Vec<Contract>,
    /// Their ids.
    pub ids: Ids,
    /// Whether contracts.csv exists.
    pub file_present: bool,
}

fn out_of_range(cell: &Cell<'_>, sink: &mut Sink, why: &str) {
    sink.push(cell.bad(Bad::new(
        codes::CONTRACT_OUT_OF_RANGE,
        format!("`{}` = {} {why}", cell.column, cell.raw.unwrap_or("")),
        "write a value in range, or leave the cell empty for the default",
    )));
}

/// Reads contracts.csv (optional).
pub fn read(
    dir: &Path,
    rules: &Rules,
    shifts: &Ids,
    n_shifts: usize,
    sink: &mut Sink,
) -> Contracts {
    let present = dir.join(FILE).exists();
    let Some(table) = read_table(dir, FILE, &SCHEMA, Presence::Optional, sink) else {
        let mut ids = Ids::new(!present);
        ids.insert(DEFAULT_ID);
        return Contracts {
            list: if present {
                Vec::new()
            } else {
                vec![default_contract(rules, n_shifts)]
            },
            ids,
            file_present: present,
        };
    };
    // Without an id column or rows, references to these ids cannot be judged.
    let mut ids = Ids::for_table(&table, false);
    let mut list = Vec::new();
    for row in &table.rows {
        let id_cell = table.cell(row, "id");
        let id = id_cell.parse_required(sink, |s| parse::check_id(s).map(|_| s.to_string()));
        let mut c = default_contract(rules, n_shifts);
        let cell = table.cell(row, "weekly_hours");
        if let Some(h) = cell.non_negative(sink) {
            if h <= 0.0 || h > 168.0 {
                out_of_range(&cell, sink, "is not in (0, 168]");
            }
            c.weekly_minutes = parse::hours_to_minutes(h);
        }
        let cell = table.cell(row, "max_days_per_week");
        if let Some(n) = cell.count(sink) {
            if !(1..=7).contains(&n) {
                out_of_range(&cell, sink, "is not between 1 and 7");
            }
            c.max_days_per_week = n;
        }
        for (col, slot, min) in [
            ("max_consecutive_days", &mut c.max_consecutive_days, 1),
            ("min_consecutive_days", &mut c.min_consecutive_days, 1),
            (
                "min_consecutive_days_off",
                &mut c.min_consecutive_days_off,
                0,
            ),
        ] {
            let cell = table.cell(row, col);
            if let Some(n) = cell.count(sink) {
                if n < min {
                    out_of_range(&cell, sink, "must be at least 1");
                }
                *slot = n;
            }
        }
        if let Some(n) = table.cell(row, "max_weekends").count(sink) {
            c.max_weekends = Some(n);
        }
        if let Some(h) = table.cell(row, "min_total_hours").non_negative(sink) {
            c.min_total_minutes = parse::hours_to_minutes(h);
        }
        let max_cell = table.cell(row, "max_total_hours");
        if let Some(h) = max_cell.non_negative(sink) {
            c.max_total_minutes = Some(parse::hours_to_minutes(h));
        }
        if let Some(max) = c.max_total_minutes {
            if c.min_total_minutes > max {
                sink.push(max_cell.bad(Bad::new(
                    codes::MIN_TOTAL_ABOVE_MAX,
                    "max_total_hours is below min_total_hours",
                    "raise max_total_hours or lower min_total_hours",
                )));
            }
        }
        let cell = table.cell(row, "max_shifts");
        if let Some(raw) = cell.raw {
            for item in parse::split_list(raw) {
                let Some((shift, n)) = item.split_once('=') else {
                    sink.push(
                        cell.bad(Bad::new(
                            codes::BAD_MAX_SHIFTS,
                            format!("`{item}` is not SHIFT=N"),
                            "write a list like J=10|M=20",
                        ))
                        .with_value(item),
                    );
                    continue;
                };
                let n = match parse::parse_count(n.trim()) {
                    Ok(n) => n,
                    Err(_) => {
                        sink.push(
                            cell.bad(Bad::new(
                                codes::BAD_MAX_SHIFTS,
                                format!("`{item}`: the count is not a whole number"),
                                "write a list like J=10|M=20",
                            ))
                            .with_value(item),
                        );
                        continue;
                    }
                };
                let Some(s) = shifts.resolve(
                    &cell,
                    shift.trim(),
                    codes::UNKNOWN_MAX_SHIFTS_SHIFT,
                    "shift",
                    super::shifts::FILE,
                    sink,
                ) else {
                    continue;
                };
                match c.max_shifts.get_mut(s) {
                    Some(slot @ None) => *slot = Some(n),
                    Some(Some(_)) => sink.push(
                        cell.bad(Bad::new(
                            codes::DUPLICATE_MAX_SHIFTS_SHIFT,
                            format!("shift `{}` is listed twice", shift.trim()),
                            "keep one SHIFT=N per shift",
                        ))
                        .with_value(item),
                    ),
                    None => {}
                }
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
                codes::DUPLICATE_CONTRACT,
                format!("contract `{id}` is defined twice"),
                "give each contract its own id, or delete the duplicate row",
            ));
            continue;
        }
        c.id = id;
        list.push(c);
    }
    Contracts {
        list,
        ids,
        file_present: true,
    }
}
