//! The planning grid shared by the formats for people (`planning.xlsx`,
//! `planning.html`, the agents' `.ics` calendars): one row per agent,
//! grouped by pôle and home secretariat, one cell per horizon day holding
//! that agent-day's entries (leave first, then shifts by start).
//!
//! Architecture invariant: the grid is read back from the text of
//! `planning.csv` (or of the référents' `planning.csv`), never rebuilt
//! from the planning, so every format shows exactly the rows of that file
//! (`tests/formats.rs` checks each format against it). It also owns what
//! the formats share about the look of a cell: its text and the colour of
//! its secretariat. It knows nothing of the solver.

use super::planning::{planning_csv, planning_referents_csv};
use crate::domain::calendar::Day;
use crate::domain::{AgentIdx, Instance, Planning, SecretariatIdx, ShiftIdx};

/// What one `planning.csv` row says of an agent-day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryKind {
    /// A worked shift (`kind=work`).
    Work {
        /// The shift kind.
        shift: ShiftIdx,
        /// Where.
        secretariat: SecretariatIdx,
    },
    /// A counted leave day or half day (`kind=leave`): its code, the leave
    /// type or `ABS` in the référents' version.
    Leave {
        /// The `code` column.
        code: String,
    },
}

/// One `planning.csv` row placed in the grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Work or leave.
    pub kind: EntryKind,
    /// The `minutes` column: paid minutes of a shift, credited minutes of leave.
    pub minutes: i64,
}

/// Agents by pôle and home secretariat, and their entries per day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanningGrid {
    /// Agents in display order: pôle (order of first appearance in
    /// secretariats.csv), home secretariat (file order), agent (file order).
    pub agents: Vec<AgentIdx>,
    /// `cells[agent][day]`, indexed by agent index (not display order).
    pub cells: Vec<Vec<Vec<Entry>>>,
    /// Whether leave codes are redacted to `ABS` (référents' version).
    pub redacted: bool,
}

impl PlanningGrid {
    /// The entries of one agent-day (empty when out of range).
    pub fn entries(&self, agent: AgentIdx, day: Day) -> &[Entry] {
        self.cells
            .get(agent)
            .and_then(|days| days.get(day))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

/// The pôles in order of first appearance in secretariats.csv.
pub fn poles(inst: &Instance) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in &inst.secretariats {
        if !out.contains(&s.pole) {
            out.push(s.pole.clone());
        }
    }
    out
}

/// The pôle of an agent: her home secretariat's.
pub fn agent_pole(inst: &Instance, agent: AgentIdx) -> &str {
    inst.agents
        .get(agent)
        .and_then(|a| inst.secretariats.get(a.home))
        .map(|s| s.pole.as_str())
        .unwrap_or("")
}

/// The grid of `planning.csv` (`redact = false`) or of the référents'
/// version (`redact = true`, leave codes `ABS`).
pub fn planning_grid(inst: &Instance, planning: &Planning, redact: bool) -> PlanningGrid {
    let text = if redact {
        planning_referents_csv(inst, planning)
    } else {
        planning_csv(inst, planning)
    };
    grid_from_planning_csv(inst, &text, redact)
}

/// The grid of a `planning.csv` text as rota writes it (header
/// `agent,date,kind,code,secretariat,start,end,minutes`). Rows naming an
/// unknown agent, shift or secretariat, or a date outside the horizon, are
/// left out (rota never writes them).
pub fn grid_from_planning_csv(inst: &Instance, text: &str, redacted: bool) -> PlanningGrid {
    let days = inst.horizon.days;
    let mut cells = vec![vec![Vec::new(); days]; inst.agents.len()];
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    for record in reader.records().flatten() {
        let field = |i: usize| record.get(i).unwrap_or("");
        let Some(agent) = inst.agent_index(field(0)) else {
            continue;
        };
        let Some(day) = chrono::NaiveDate::parse_from_str(field(1), "%Y-%m-%d")
            .ok()
            .and_then(|d| inst.horizon.day_of(d))
        else {
            continue;
        };
        let minutes = field(7).parse::<i64>().unwrap_or(0);
        let kind = match field(2) {
            "work" => match (inst.shift_index(field(3)), inst.secretariat_index(field(4))) {
                (Some(shift), Some(secretariat)) => EntryKind::Work { shift, secretariat },
                _ => continue,
            },
            "leave" => EntryKind::Leave {
                code: field(3).to_string(),
            },
            _ => continue,
        };
        cells[agent][day].push(Entry { kind, minutes });
    }
    PlanningGrid {
        agents: display_order(inst),
        cells,
        redacted,
    }
}

/// Agents by pôle, home secretariat, then file order.
pub fn display_order(inst: &Instance) -> Vec<AgentIdx> {
    let poles = poles(inst);
    let mut order: Vec<AgentIdx> = (0..inst.agents.len()).collect();
    order.sort_by_key(|&a| {
        let home = inst.agents[a].home;
        let pole = poles
            .iter()
            .position(|p| p == agent_pole(inst, a))
            .unwrap_or(usize::MAX);
        (pole, home, a)
    });
    order
}

/// The text of one entry: the leave code; the shift id, followed by
/// `@SECRETARIAT` when she works away from her home secretariat.
pub fn entry_text(inst: &Instance, agent: AgentIdx, entry: &Entry) -> String {
    match &entry.kind {
        EntryKind::Leave { code } => code.clone(),
        EntryKind::Work { shift, secretariat } => {
            let id = inst.shifts.get(*shift).map(|s| s.id.as_str()).unwrap_or("");
            let home = inst.agents.get(agent).map(|a| a.home);
            if home == Some(*secretariat) {
                id.to_string()
            } else {
                let sec = inst
                    .secretariats
                    .get(*secretariat)
                    .map(|s| s.id.as_str())
                    .unwrap_or("");
                format!("{id}@{sec}")
            }
        }
    }
}

/// The text of a cell: its entries' texts joined by a space (empty for a
/// day off).
pub fn cell_text(inst: &Instance, agent: AgentIdx, entries: &[Entry]) -> String {
    entries
        .iter()
        .map(|e| entry_text(inst, agent, e))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Light fill colours, one per secretariat (by index, cycling): readable
/// with black text, distinct from the absence and weekend colours.
const PALETTE: [u32; 12] = [
    0xCFE2F3, 0xD9EAD3, 0xFCE5CD, 0xEAD1DC, 0xD0E0E3, 0xFFF2CC, 0xD9D2E9, 0xF4CCCC, 0xC9DAF8,
    0xE6F4D7, 0xFDE9D9, 0xDDEBF7,
];

/// Fill of a cell holding leave only.
pub const ABSENCE_RGB: u32 = 0xFFE599;

/// Fill of a weekend or public holiday cell without entries.
pub const WEEKEND_RGB: u32 = 0xD9D9D9;

/// The fill colour of a secretariat, `0xRRGGBB`.
pub fn secretariat_rgb(secretariat: SecretariatIdx) -> u32 {
    PALETTE[secretariat % PALETTE.len()]
}

/// The fill colour of a cell: its first shift's secretariat, else the
/// absence colour when it holds leave, else the weekend colour on a
/// weekend or holiday; `None` for a plain day off.
pub fn cell_rgb(inst: &Instance, day: Day, entries: &[Entry]) -> Option<u32> {
    let work = entries.iter().find_map(|e| match e.kind {
        EntryKind::Work { secretariat, .. } => Some(secretariat),
        EntryKind::Leave { .. } => None,
    });
    match work {
        Some(sec) => Some(secretariat_rgb(sec)),
        None if !entries.is_empty() => Some(ABSENCE_RGB),
        None if is_shaded(inst, day) => Some(WEEKEND_RGB),
        None => None,
    }
}

/// Whether a day is shaded: a Saturday, a Sunday or a public holiday.
pub fn is_shaded(inst: &Instance, day: Day) -> bool {
    day < inst.horizon.days && (inst.horizon.is_weekend(day) || inst.horizon.is_holiday(day))
}

/// Column heading of a day, e.g. `lu 07/12` (French weekday abbreviation).
pub fn day_heading(inst: &Instance, day: Day) -> String {
    use chrono::Datelike;
    let date = inst.horizon.date(day);
    let wd =
        ["lu", "ma", "me", "je", "ve", "sa", "di"][date.weekday().num_days_from_monday() as usize];
    format!("{wd} {}", date.format("%d/%m"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testutil::tiny;

    #[test]
    fn the_grid_holds_every_planning_row_in_its_cell() {
        let (inst, p) = tiny();
        let g = planning_grid(&inst, &p, false);
        assert_eq!(g.agents, vec![0, 1]);
        assert_eq!(cell_text(&inst, 0, g.entries(0, 0)), "M S@NEURO");
        assert_eq!(cell_text(&inst, 0, g.entries(0, 2)), "RTT N");
        assert_eq!(cell_text(&inst, 1, g.entries(1, 1)), "CA");
        assert_eq!(cell_text(&inst, 1, g.entries(1, 2)), "");
        assert_eq!(g.entries(0, 2)[0].minutes, 225);
        let r = planning_grid(&inst, &p, true);
        assert_eq!(cell_text(&inst, 1, r.entries(1, 1)), "ABS");
        // Every row of planning.csv is one entry.
        let rows = planning_csv(&inst, &p).lines().count() - 1;
        let entries: usize = g.cells.iter().flatten().map(Vec::len).sum();
        assert_eq!(entries, rows);
    }

    #[test]
    fn cell_colours_follow_the_first_shift_then_leave_then_weekends() {
        let (inst, p) = tiny();
        let g = planning_grid(&inst, &p, false);
        assert_eq!(
            cell_rgb(&inst, 0, g.entries(0, 0)),
            Some(secretariat_rgb(0))
        );
        assert_eq!(cell_rgb(&inst, 1, g.entries(1, 1)), Some(ABSENCE_RGB));
        assert_eq!(cell_rgb(&inst, 2, g.entries(1, 2)), None);
        assert_ne!(secretariat_rgb(0), secretariat_rgb(1));
        assert_eq!(day_heading(&inst, 0), "lu 07/12");
    }

    #[test]
    fn agents_are_grouped_by_pole_then_home() {
        let (mut inst, _) = tiny();
        // Move ann's home to NEURO (pôle P2): bob (NEURO, P2) and ann now
        // share P2, which comes after P1 in secretariats.csv; file order.
        inst.agents[0].home = 1;
        inst.secretariats[1].pole = "P0".into();
        assert_eq!(poles(&inst), vec!["P1", "P0"]);
        assert_eq!(display_order(&inst), vec![0, 1]);
        inst.agents[0].home = 0;
        assert_eq!(display_order(&inst), vec![0, 1]);
        inst.secretariats[0].pole = "P0".into();
        inst.secretariats[1].pole = "P1".into();
        inst.agents.swap(0, 1);
        // bob (index 0, NEURO = P1 after P0) comes after ann (CARDIO, P0).
        assert_eq!(display_order(&inst), vec![1, 0]);
    }
}
