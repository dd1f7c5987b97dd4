//! Reads a planning.csv given to `check` / `replan` (SPEC §4 format, written
//! by rota or by hand, same CSV conventions as the instance files):
//! `agent,date,kind,code,secretariat[,start,end,minutes,locked]`. Work rows
//! become [`Assignment`]s; a leave row grants the requested leave of that
//! agent whose range contains the date and whose type is its `code` (leave
//! rows matching no request are approved leave, accepted silently). The
//! `minutes` column is informative and not compared. Every problem is
//! reported at once with file, line, column and value.

use crate::domain::instance::{Instance, LeaveStatus};
use crate::domain::planning::{Assignment, Planning};
use crate::io::parse::{self, Bad};
use crate::io::table::{parse_table, Schema};
use crate::validate::codes;
use crate::validate::{Finding, Sink, ValidationErrors};
use std::path::Path;

const SCHEMA: Schema = Schema {
    required: &["agent", "date", "kind", "code", "secretariat"],
    optional: &["start", "end", "minutes", "locked"],
};

/// A planning read from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadPlanning {
    /// The planning, normalized.
    pub planning: Planning,
    /// Work rows with `locked = 1`, in file order.
    pub locked: Vec<Assignment>,
}

fn parse_locked(raw: &str) -> Result<bool, Bad> {
    match raw.trim().to_lowercase().as_str() {
        "1" | "true" | "yes" | "oui" | "x" => Ok(true),
        "0" | "false" | "no" | "non" => Ok(false),
        _ => Err(Bad::new(
            codes::PLAN_BAD_LOCKED,
            format!("locked `{raw}` is not 1 or 0"),
            "write 1 to pin the row, 0 or nothing otherwise",
        )),
    }
}

fn hhmm(m: i64) -> String {
    crate::domain::calendar::format_hhmm(m)
}

/// Reads the planning at `path` against `inst`.
pub fn read_planning(path: &Path, inst: &Instance) -> Result<ReadPlanning, ValidationErrors> {
    let mut sink = Sink::default();
    let file = path.display().to_string();
    let bytes = match crate::io::table::read_bounded(path, &file, &mut sink) {
        Ok(Some(b)) => b,
        Ok(None) => return Err(sink.finish().err().unwrap_or_default()),
        Err(e) => {
            let code = if e.kind() == std::io::ErrorKind::NotFound {
                codes::MISSING_FILE
            } else {
                codes::UNREADABLE_FILE
            };
            sink.push(Finding::new(
                file.clone(),
                code,
                format!("cannot read planning `{file}`: {e}"),
                "give the path of a planning.csv",
            ));
            return Err(sink.finish().err().unwrap_or_default());
        }
    };
    let mut planning = Planning::default();
    let mut locked = Vec::new();
    let Some(table) = parse_table(&file, &bytes, &SCHEMA, false, &mut sink) else {
        return Err(sink.finish().err().unwrap_or_default());
    };
    let h = &inst.horizon;
    for row in &table.rows {
        let before = sink.error_count();
        let agent_cell = table.cell(row, "agent");
        let agent = agent_cell.required(&mut sink).and_then(|a| {
            let found = inst.agent_index(a);
            if found.is_none() {
                let hint = parse::closest(a, inst.agents.iter().map(|x| x.id.as_str()))
                    .map(|c| format!("did you mean `{c}`?"))
                    .unwrap_or_else(|| "use an agent id of agents.csv".into());
                sink.push(agent_cell.finding(
                    codes::PLAN_UNKNOWN_AGENT,
                    format!("unknown agent `{a}`"),
                    hint,
                ));
            }
            found
        });
        let date_cell = table.cell(row, "date");
        let day = date_cell
            .parse_required(&mut sink, parse::parse_date)
            .and_then(|date| {
                let d = h.day_of(date);
                if d.is_none() {
                    sink.push(date_cell.finding(
                        codes::PLAN_OUTSIDE_HORIZON,
                        format!(
                            "date {date} lies outside the horizon ({} – {})",
                            h.start,
                            h.date(h.days.saturating_sub(1))
                        ),
                        "remove the row or check the date",
                    ));
                }
                d
            });
        let kind_cell = table.cell(row, "kind");
        let kind =
            kind_cell.parse_required(&mut sink, |s| match s.trim().to_lowercase().as_str() {
                "work" => Ok(true),
                "leave" => Ok(false),
                _ => Err(Bad::new(
                    codes::PLAN_BAD_KIND,
                    format!("kind `{s}` is not work or leave"),
                    "write work or leave",
                )),
            });
        let code_cell = table.cell(row, "code");
        let code = code_cell.required(&mut sink);
        let is_locked = table
            .cell(row, "locked")
            .parse(&mut sink, parse_locked)
            .unwrap_or(false);
        let minutes_cell = table.cell(row, "minutes");
        let _ = minutes_cell.parse(&mut sink, |s| parse::parse_decimal(s, table.decimal_comma));
        match kind {
            Some(true) => {
                let shift = code.and_then(|c| {
                    let found = inst.shift_index(c);
                    if found.is_none() {
                        let hint = parse::closest(c, inst.shifts.iter().map(|x| x.id.as_str()))
                            .map(|c| format!("did you mean `{c}`?"))
                            .unwrap_or_else(|| "use a shift id of shifts.csv".into());
                        sink.push(code_cell.finding(
                            codes::PLAN_UNKNOWN_SHIFT,
                            format!("unknown shift `{c}`"),
                            hint,
                        ));
                    }
                    found
                });
                let sec_cell = table.cell(row, "secretariat");
                let sec = sec_cell.required(&mut sink).and_then(|s| {
                    let found = inst.secretariat_index(s);
                    if found.is_none() {
                        let hint =
                            parse::closest(s, inst.secretariats.iter().map(|x| x.id.as_str()))
                                .map(|c| format!("did you mean `{c}`?"))
                                .unwrap_or_else(|| {
                                    "use a secretariat id of secretariats.csv".into()
                                });
                        sink.push(sec_cell.finding(
                            codes::PLAN_UNKNOWN_SECRETARIAT,
                            format!("unknown secretariat `{s}`"),
                            hint,
                        ));
                    }
                    found
                });
                if let Some(si) = shift {
                    let sh = &inst.shifts[si];
                    let start_cell = table.cell(row, "start");
                    if let Some(start) =
                        start_cell.parse(&mut sink, |s| parse::parse_time(s, false))
                    {
                        if start != sh.start {
                            sink.push(start_cell.finding(
                                codes::PLAN_TIMES_MISMATCH,
                                format!(
                                    "shift `{}` starts at {}, not {}",
                                    sh.id,
                                    hhmm(sh.start),
                                    hhmm(start)
                                ),
                                format!("write {} or leave start empty", hhmm(sh.start)),
                            ));
                        }
                    }
                    let end_cell = table.cell(row, "end");
                    if let Some(end) = end_cell.parse(&mut sink, |s| parse::parse_time(s, true)) {
                        if end % 1440 != sh.end % 1440 {
                            sink.push(end_cell.finding(
                                codes::PLAN_TIMES_MISMATCH,
                                format!(
                                    "shift `{}` ends at {}, not {}",
                                    sh.id,
                                    hhmm(sh.end),
                                    hhmm(end)
                                ),
                                format!("write {} or leave end empty", hhmm(sh.end)),
                            ));
                        }
                    }
                }
                if sink.error_count() > before {
                    continue;
                }
                if let (Some(agent), Some(day), Some(shift), Some(secretariat)) =
                    (agent, day, shift, sec)
                {
                    let a = Assignment {
                        agent,
                        day,
                        shift,
                        secretariat,
                    };
                    planning.assignments.push(a);
                    if is_locked {
                        locked.push(a);
                    }
                }
            }
            Some(false) => {
                if sink.error_count() > before {
                    continue;
                }
                if let (Some(agent), Some(day), Some(code)) = (agent, day, code) {
                    let date = h.date(day);
                    for (i, l) in inst.leaves.iter().enumerate() {
                        if l.status == LeaveStatus::Requested
                            && l.agent == agent
                            && l.leave_type.eq_ignore_ascii_case(code)
                            && l.first_day <= date
                            && date <= l.last_day
                        {
                            planning.granted.push(i);
                        }
                    }
                }
            }
            None => {}
        }
    }
    sink.finish()?;
    planning.normalize(inst);
    Ok(ReadPlanning { planning, locked })
}
