//! leave.csv (optional): congés, RTT and other absences, kept row by row in
//! file order (dates may reach outside the horizon). `part` defaults to
//! `day`, `priority` to 1; `status` is `approved` or `requested` (French
//! `validé`/`accordé`/`demandé` accepted too).

use crate::domain::instance::{Leave, LeavePart, LeaveStatus};
use crate::io::parse::{self, Bad};
use crate::io::table::{read_table, Presence, Schema};
use crate::validate::codes;
use crate::validate::ids::Ids;
use crate::validate::Sink;
use std::path::Path;

/// File name.
pub const FILE: &str = "leave.csv";
const SCHEMA: Schema = Schema {
    required: &["id", "agent", "type", "first_day", "last_day", "status"],
    optional: &["part", "requested_on", "priority"],
};

fn parse_status(raw: &str) -> Result<LeaveStatus, Bad> {
    match raw.trim().to_lowercase().as_str() {
        "approved" | "validé" | "valide" | "accordé" | "accorde" => Ok(LeaveStatus::Approved),
        "requested" | "demandé" | "demande" => Ok(LeaveStatus::Requested),
        _ => Err(Bad::new(
            codes::LEAVE_BAD_STATUS,
            format!("status `{raw}` is not approved or requested"),
            "write approved (a fixed absence) or requested (rota decides)",
        )),
    }
}

fn parse_part(raw: &str) -> Result<LeavePart, Bad> {
    match raw.trim().to_lowercase().as_str() {
        "day" => Ok(LeavePart::Day),
        "am" => Ok(LeavePart::Am),
        "pm" => Ok(LeavePart::Pm),
        _ => Err(Bad::new(
            codes::LEAVE_BAD_PART,
            format!("part `{raw}` is not day, am or pm"),
            "write day (whole day), am (morning) or pm (afternoon), or leave it empty",
        )),
    }
}

/// Reads leave.csv.
pub fn read(dir: &Path, agents: &Ids, sink: &mut Sink) -> Vec<Leave> {
    let mut out = Vec::new();
    let Some(table) = read_table(dir, FILE, &SCHEMA, Presence::Optional, sink) else {
        return out;
    };
    let mut ids = Ids::new(true);
    for row in &table.rows {
        let before = sink.error_count();
        let id_cell = table.cell(row, "id");
        let id = id_cell.required(sink).map(str::to_string);
        if let Some(id) = &id {
            if ids.insert(id).is_none() {
                sink.push(id_cell.finding(
                    codes::DUPLICATE_LEAVE,
                    format!("leave `{id}` is defined twice"),
                    "give each leave row its own id",
                ));
            }
        }
        let agent_cell = table.cell(row, "agent");
        let agent = agent_cell.required(sink).and_then(|a| {
            agents.resolve(
                &agent_cell,
                a,
                codes::LEAVE_UNKNOWN_AGENT,
                "agent",
                super::agents::FILE,
                sink,
            )
        });
        let leave_type = table
            .cell(row, "type")
            .required(sink)
            .unwrap_or("")
            .to_string();
        let first = table
            .cell(row, "first_day")
            .parse_required(sink, parse::parse_date);
        let last_cell = table.cell(row, "last_day");
        let last = last_cell.parse_required(sink, parse::parse_date);
        if let (Some(f), Some(l)) = (first, last) {
            if l < f {
                sink.push(last_cell.finding(
                    codes::LEAVE_ENDS_BEFORE_START,
                    format!("last_day {l} is before first_day {f}"),
                    "swap the dates, or check the year",
                ));
            }
        }
        let status = table.cell(row, "status").parse_required(sink, parse_status);
        let part = table
            .cell(row, "part")
            .parse(sink, parse_part)
            .unwrap_or(LeavePart::Day);
        let requested_on = table
            .cell(row, "requested_on")
            .parse(sink, parse::parse_date);
        let priority = table
            .cell(row, "priority")
            .non_negative(sink)
            .unwrap_or(1.0);
        if sink.error_count() > before {
            continue;
        }
        let (Some(id), Some(agent), Some(first_day), Some(last_day), Some(status)) =
            (id, agent, first, last, status)
        else {
            continue;
        };
        out.push(Leave {
            id,
            agent,
            leave_type,
            first_day,
            last_day,
            status,
            part,
            requested_on,
            priority,
            line: row.line,
        });
    }
    out
}
