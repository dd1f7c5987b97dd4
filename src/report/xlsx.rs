//! `planning.xlsx` (and `planning_referents.xlsx`) for secretariat
//! managers: three sheets, built with rust_xlsxwriter.
//!
//! - **Planning**: one row per agent grouped by pôle and home secretariat
//!   ([`super::grid`]), columns `Pôle, Secrétariat, Agent, Nom` then one
//!   per horizon day; each cell the grid's text (shift ids, `@SEC` away
//!   from home, leave codes — `ABS` in the référents' file) filled with the
//!   colour of its secretariat, leave in yellow, weekends and public
//!   holidays shaded; a colour legend below the grid.
//! - **Couverture**: the rows of `coverage.csv` (secretariat, pôle, date,
//!   window, min, target, max, assigned, shortfall, labels); a shortfall
//!   is filled red, staffing below target amber.
//! - **Heures**: the rows of `overtime.csv` in hours (`[h]:mm` durations).
//!
//! Every sheet has a frozen header (and the names frozen on the grid), an
//! autofilter, and prints on A3 landscape, one page wide. The document's
//! creation date is the horizon's first day, so two writes give the same
//! bytes. Strings longer than Excel's cell limit are cut; should the
//! library still refuse the workbook, a one-sheet workbook saying why is
//! written instead (never a panic).

use super::coverage::CoverageRow;
use super::grid::{
    agent_pole, cell_rgb, cell_text, day_heading, is_shaded, planning_grid, secretariat_rgb,
    ABSENCE_RGB, WEEKEND_RGB,
};
use super::overtime::overtime_csv;
use crate::domain::calendar::format_hhmm;
use crate::domain::{Instance, Planning};
use chrono::Datelike;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

/// Name of the grid sheet.
pub const PLANNING_SHEET: &str = "Planning";
/// Name of the coverage sheet.
pub const COVERAGE_SHEET: &str = "Couverture";
/// Name of the hours sheet.
pub const HOURS_SHEET: &str = "Heures";
/// Columns before the first day on the grid sheet.
pub const GRID_FIXED_COLUMNS: u16 = 4;

/// A3 in Excel's paper size numbering.
const PAPER_A3: u8 = 8;
/// Excel's longest cell text.
const MAX_CELL_CHARS: usize = 32_767;
/// Excel's last row index.
const MAX_ROW: u32 = 1_048_575;

/// Fill of a coverage shortfall.
const SHORTFALL_RGB: u32 = 0xEA9999;
/// Fill of staffing below target.
const BELOW_TARGET_RGB: u32 = 0xFFE599;

/// The bytes of `planning.xlsx` (`redact = false`: leave types shown) or
/// `planning_referents.xlsx` (`redact = true`: `ABS`).
pub fn planning_xlsx(
    inst: &Instance,
    planning: &Planning,
    coverage: &[CoverageRow],
    redact: bool,
) -> Vec<u8> {
    match build(inst, planning, coverage, redact) {
        Ok(bytes) => bytes,
        Err(e) => fallback(inst, &e).unwrap_or_default(),
    }
}

fn properties(inst: &Instance) -> Result<DocProperties, XlsxError> {
    let start = inst.horizon.start;
    let created = ExcelDateTime::from_ymd(
        u16::try_from(start.year()).unwrap_or(2000),
        start.month() as u8,
        start.day() as u8,
    )?;
    Ok(DocProperties::new()
        .set_title(text(&format!("rota — {}", inst.name)))
        .set_creation_datetime(&created))
}

fn fallback(inst: &Instance, e: &XlsxError) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(&properties(inst)?);
    let ws = wb.add_worksheet();
    ws.set_name(PLANNING_SHEET)?;
    ws.write_string(
        0,
        0,
        text(&format!(
            "planning.xlsx could not be built ({e}); see planning.csv"
        )),
    )?;
    wb.save_to_buffer()
}

/// A string within Excel's cell limit.
fn text(s: &str) -> String {
    if s.chars().count() <= MAX_CELL_CHARS {
        s.to_string()
    } else {
        s.chars().take(MAX_CELL_CHARS).collect()
    }
}

fn build(
    inst: &Instance,
    planning: &Planning,
    coverage: &[CoverageRow],
    redact: bool,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(&properties(inst)?);
    grid_sheet(wb.add_worksheet(), inst, planning, redact)?;
    coverage_sheet(wb.add_worksheet(), inst, coverage)?;
    hours_sheet(wb.add_worksheet(), inst, planning)?;
    wb.save_to_buffer()
}

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xF3F3F3))
}

fn print_setup(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_landscape();
    ws.set_paper_size(PAPER_A3);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

fn grid_sheet(
    ws: &mut Worksheet,
    inst: &Instance,
    planning: &Planning,
    redact: bool,
) -> Result<(), XlsxError> {
    ws.set_name(PLANNING_SHEET)?;
    let grid = planning_grid(inst, planning, redact);
    let days = inst.horizon.days;
    let last_col = GRID_FIXED_COLUMNS + days.saturating_sub(1).min(16_000) as u16;
    let head = header_format();
    let head_shaded = header_format()
        .set_background_color(Color::RGB(WEEKEND_RGB))
        .set_align(FormatAlign::Center);
    for (c, title) in ["Pôle", "Secrétariat", "Agent", "Nom"].iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *title, &head)?;
    }
    let centered_head = head.clone().set_align(FormatAlign::Center);
    for day in 0..days.min(16_000) {
        let col = GRID_FIXED_COLUMNS + day as u16;
        let f = if is_shaded(inst, day) {
            &head_shaded
        } else {
            &centered_head
        };
        ws.write_string_with_format(0, col, day_heading(inst, day), f)?;
        ws.set_column_width(col, 9)?;
    }
    ws.set_column_width(0, 14)?;
    ws.set_column_width(1, 14)?;
    ws.set_column_width(2, 10)?;
    ws.set_column_width(3, 24)?;
    let plain = Format::new().set_border(FormatBorder::Thin);
    let mut row: u32 = 1;
    for &agent in &grid.agents {
        let a = &inst.agents[agent];
        let home = inst
            .secretariats
            .get(a.home)
            .map(|s| s.id.as_str())
            .unwrap_or("");
        ws.write_string_with_format(row, 0, text(agent_pole(inst, agent)), &plain)?;
        ws.write_string_with_format(row, 1, text(home), &plain)?;
        ws.write_string_with_format(row, 2, text(&a.id), &plain)?;
        ws.write_string_with_format(row, 3, text(&a.name), &plain)?;
        for day in 0..days.min(16_000) {
            let entries = grid.entries(agent, day);
            let col = GRID_FIXED_COLUMNS + day as u16;
            let mut f = plain.clone().set_align(FormatAlign::Center);
            if let Some(rgb) = cell_rgb(inst, day, entries) {
                f = f.set_background_color(Color::RGB(rgb));
            }
            let t = cell_text(inst, agent, entries);
            if t.is_empty() {
                ws.write_blank(row, col, &f)?;
            } else {
                ws.write_string_with_format(row, col, text(&t), &f)?;
            }
        }
        row += 1;
    }
    ws.set_freeze_panes(1, GRID_FIXED_COLUMNS)?;
    ws.autofilter(0, 0, row.saturating_sub(1).max(1), last_col)?;
    print_setup(ws)?;
    // Legend: one line per secretariat colour, then leave and weekends.
    row += 1;
    ws.write_string_with_format(row, 0, "Légende", &head)?;
    row += 1;
    for (idx, s) in inst.secretariats.iter().enumerate() {
        let f = plain
            .clone()
            .set_background_color(Color::RGB(secretariat_rgb(idx)));
        ws.write_string_with_format(row, 0, text(&s.id), &f)?;
        ws.write_string(row, 1, text(&format!("{} ({})", s.name, s.pole)))?;
        row += 1;
    }
    let leave = if redact { "ABS" } else { "CA, RTT, …" };
    ws.write_string_with_format(
        row,
        0,
        leave,
        &plain.clone().set_background_color(Color::RGB(ABSENCE_RGB)),
    )?;
    ws.write_string(row, 1, "absence")?;
    ws.write_string_with_format(
        row + 1,
        0,
        "",
        &plain.clone().set_background_color(Color::RGB(WEEKEND_RGB)),
    )?;
    ws.write_string(row + 1, 1, "week-end, jour férié")?;
    ws.write_string(
        row + 2,
        0,
        "SHIFT@SEC: poste tenu hors du secrétariat d'affectation",
    )?;
    Ok(())
}

/// Excel serial day of a horizon date.
fn excel_date(inst: &Instance, day: usize) -> Result<ExcelDateTime, XlsxError> {
    let d = inst.horizon.date(day);
    ExcelDateTime::from_ymd(
        u16::try_from(d.year()).unwrap_or(2000),
        d.month() as u8,
        d.day() as u8,
    )
}

/// Header of the coverage sheet.
pub const COVERAGE_HEADER: [&str; 12] = [
    "Secrétariat",
    "Pôle",
    "Date",
    "Poste",
    "Début",
    "Fin",
    "Min",
    "Cible",
    "Max",
    "Affectés",
    "Manque",
    "Libellés",
];

fn coverage_sheet(
    ws: &mut Worksheet,
    inst: &Instance,
    coverage: &[CoverageRow],
) -> Result<(), XlsxError> {
    ws.set_name(COVERAGE_SHEET)?;
    let head = header_format();
    for (c, title) in COVERAGE_HEADER.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *title, &head)?;
    }
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let short = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(SHORTFALL_RGB));
    let below = Format::new().set_background_color(Color::RGB(BELOW_TARGET_RGB));
    let plain = Format::new();
    let mut row: u32 = 1;
    for r in coverage {
        if row > MAX_ROW {
            break;
        }
        let sec = inst.secretariats.get(r.secretariat);
        ws.write_string(row, 0, text(sec.map(|s| s.id.as_str()).unwrap_or("")))?;
        ws.write_string(row, 1, text(sec.map(|s| s.pole.as_str()).unwrap_or("")))?;
        ws.write_datetime_with_format(row, 2, excel_date(inst, r.day)?, &date)?;
        let shift = r
            .shift
            .and_then(|k| inst.shifts.get(k))
            .map(|s| s.id.as_str())
            .unwrap_or("");
        ws.write_string(row, 3, text(shift))?;
        ws.write_string(row, 4, format_hhmm(r.start))?;
        ws.write_string(row, 5, format_hhmm(r.end))?;
        ws.write_number(row, 6, r.min)?;
        ws.write_number(row, 7, r.target)?;
        if let Some(max) = r.max {
            ws.write_number(row, 8, max)?;
        }
        let assigned_format = if r.assigned < r.min {
            &short
        } else if r.assigned < r.target {
            &below
        } else {
            &plain
        };
        ws.write_number_with_format(row, 9, r.assigned, assigned_format)?;
        let shortfall_format = if r.shortfall() > 0 { &short } else { &plain };
        ws.write_number_with_format(row, 10, r.shortfall(), shortfall_format)?;
        ws.write_string(row, 11, text(&r.labels.join("|")))?;
        row += 1;
    }
    ws.set_column_width(0, 14)?;
    ws.set_column_width(1, 14)?;
    ws.set_column_width(2, 11)?;
    ws.set_column_width(11, 30)?;
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, row.saturating_sub(1).max(1), 11)?;
    print_setup(ws)
}

/// Header of the hours sheet.
pub const HOURS_HEADER: [&str; 11] = [
    "Agent",
    "Nom",
    "Pôle",
    "Semaine",
    "Dû",
    "Travaillé",
    "Crédité",
    "Heures sup.",
    "Heures non faites",
    "Mois",
    "Heures sup. cumulées du mois",
];

fn hours_sheet(ws: &mut Worksheet, inst: &Instance, planning: &Planning) -> Result<(), XlsxError> {
    ws.set_name(HOURS_SHEET)?;
    let head = header_format();
    for (c, title) in HOURS_HEADER.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *title, &head)?;
    }
    let duration = Format::new().set_num_format("[h]:mm");
    let over = duration
        .clone()
        .set_bold()
        .set_background_color(Color::RGB(BELOW_TARGET_RGB));
    let text_csv = overtime_csv(inst, planning);
    let mut reader = csv::Reader::from_reader(text_csv.as_bytes());
    let mut row: u32 = 1;
    for record in reader.records().flatten() {
        if row > MAX_ROW {
            break;
        }
        let field = |i: usize| record.get(i).unwrap_or("");
        let agent = inst.agent_index(field(0));
        ws.write_string(row, 0, text(field(0)))?;
        let name = agent.map(|a| inst.agents[a].name.as_str()).unwrap_or("");
        ws.write_string(row, 1, text(name))?;
        ws.write_string(
            row,
            2,
            text(agent.map(|a| agent_pole(inst, a)).unwrap_or("")),
        )?;
        ws.write_string(row, 3, text(field(1)))?;
        // due, worked, credited, overtime, under: csv columns 2..=6.
        for (c, i) in (4u16..=8).zip(2usize..=6) {
            let minutes: f64 = field(i).parse().unwrap_or(0.0);
            let f = if c == 7 && minutes > 0.0 {
                &over
            } else {
                &duration
            };
            ws.write_number_with_format(row, c, minutes / 1440.0, f)?;
        }
        ws.write_string(row, 9, text(field(7)))?;
        let month: f64 = field(8).parse().unwrap_or(0.0);
        ws.write_number_with_format(row, 10, month / 1440.0, &duration)?;
        row += 1;
    }
    ws.set_column_width(1, 24)?;
    for c in 4..=10 {
        ws.set_column_width(c, 12)?;
    }
    ws.set_freeze_panes(1, 1)?;
    ws.autofilter(0, 0, row.saturating_sub(1).max(1), 10)?;
    print_setup(ws)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::coverage::coverage_rows;
    use crate::report::testutil::tiny;

    #[test]
    fn two_writes_give_the_same_bytes() {
        let (inst, p) = tiny();
        let rows = coverage_rows(&inst, &p);
        let a = planning_xlsx(&inst, &p, &rows, false);
        assert!(a.starts_with(b"PK"), "a zip file");
        assert_eq!(a, planning_xlsx(&inst, &p, &rows, false));
        assert_ne!(a, planning_xlsx(&inst, &p, &rows, true));
    }

    #[test]
    fn an_overlong_text_is_cut_to_excel_limit() {
        assert_eq!(text(&"é".repeat(40_000)).chars().count(), MAX_CELL_CHARS);
        assert_eq!(text("M"), "M");
    }
}
