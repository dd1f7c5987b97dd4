//! Renderings of a [`CapacityReport`]: `capacity.csv` (one row per pôle-week,
//! secretariat empty, then one per secretariat-week) and a compact terminal
//! table per pôle for pôle meetings (weeks as columns: demand h / available
//! h / %, then the short weeks and the certain day-level shortfalls).
//! Deterministic: pôles by first appearance in secretariats.csv,
//! secretariats in file order, weeks in order.

use super::{CapacityReport, Figures, Status};
use crate::domain::calendar::format_hhmm;
use crate::report::csv::CsvWriter;
use std::fmt::Write as _;

/// Header of `capacity.csv`.
pub const HEADER: [&str; 9] = [
    "pole",
    "secretariat",
    "week",
    "demand_minutes",
    "target_minutes",
    "available_minutes",
    "available_with_overtime_minutes",
    "ratio",
    "status",
];

fn ratio_cell(f: &Figures) -> String {
    f.ratio().map(|r| format!("{r:.3}")).unwrap_or_default()
}

/// The text of `capacity.csv`: per pôle, its pôle-week rows (secretariat
/// empty; available = agents whose home is in the pôle), then per
/// secretariat its week rows (available = every eligible agent). `ratio`
/// has three decimals, empty when demand is positive and nothing is available.
pub fn capacity_csv(report: &CapacityReport) -> String {
    let mut w = CsvWriter::with_header(&HEADER);
    let mut row = |pole: &str, sec: &str, week: &str, f: &Figures| {
        w.row([
            pole.to_string(),
            sec.to_string(),
            week.to_string(),
            f.demand.to_string(),
            f.target.to_string(),
            f.available.to_string(),
            f.available_with_overtime.to_string(),
            ratio_cell(f),
            f.status().name().to_string(),
        ]);
    };
    for pole in &report.poles {
        for (week, pw) in report.weeks.iter().zip(&pole.weeks) {
            row(&pole.pole, "", &week.label, &pw.figures);
        }
        for sec in &pole.secretariats {
            let id = report
                .secretariat_ids
                .get(sec.secretariat)
                .map(String::as_str)
                .unwrap_or("");
            for (week, f) in report.weeks.iter().zip(&sec.weeks) {
                row(&pole.pole, id, &week.label, f);
            }
        }
    }
    w.finish()
}

/// Hours of `minutes`: `812` or `812.5`.
fn hours(minutes: i64) -> String {
    if minutes % 60 == 0 {
        format!("{}", minutes / 60)
    } else {
        format!("{:.1}", minutes as f64 / 60.0)
    }
}

fn marker(s: Status) -> &'static str {
    match s {
        Status::Ok => "",
        Status::Tight => " *",
        Status::Short => " !",
        Status::ShortEvenWithOvertime => " !!",
    }
}

/// `812/1020h 80% !`
fn cell(f: &Figures) -> String {
    let pct = f
        .ratio()
        .map(|r| format!("{:.0}%", r * 100.0))
        .unwrap_or_else(|| "—".into());
    format!(
        "{}/{}h {pct}{}",
        hours(f.demand),
        hours(f.available),
        marker(f.status())
    )
}

fn short_line(what: &str, week: &str, f: &Figures) -> String {
    let how = if f.status() == Status::ShortEvenWithOvertime {
        "even with overtime"
    } else {
        "without overtime"
    };
    format!(
        "{week} {what}: needs {}h, {}h available ({}h with overtime) — short {how}",
        hours(f.demand),
        hours(f.available),
        hours(f.available_with_overtime)
    )
}

/// Pads every column of `rows` to its widest cell (first column left-aligned).
fn table(rows: &[Vec<String>]) -> String {
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..n)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for r in rows {
        let mut line = String::from("  ");
        for (c, cellv) in r.iter().enumerate() {
            let pad = widths[c].saturating_sub(cellv.chars().count());
            if c == 0 {
                line.push_str(cellv);
                line.push_str(&" ".repeat(pad));
            } else {
                line.push_str("  ");
                line.push_str(&" ".repeat(pad));
                line.push_str(cellv);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The terminal rendering of `rota capacity`: one compact table per pôle.
pub fn capacity_text(report: &CapacityReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Capacity of {}: agent-hours per ISO week, needed at min / available at due hours (after approved leave, days off and holidays).",
        report.name
    );
    let _ = writeln!(
        out,
        "Pôle rows count the agents whose home is in the pôle; secretariat rows count every eligible agent in full (an upper bound)."
    );
    let _ = writeln!(
        out,
        "Marks: * tight (> 90 %), ! short, !! short even with the overtime cap."
    );
    if report.poles.is_empty() {
        let _ = writeln!(out, "\nNo secretariat.");
    }
    let sec_id = |s: usize| {
        report
            .secretariat_ids
            .get(s)
            .cloned()
            .unwrap_or_else(|| format!("#{s}"))
    };
    for pole in &report.poles {
        let _ = writeln!(
            out,
            "\n{} — {} secretariat(s), {} home agent(s), {} agent(s) of other pôles may help",
            pole.pole,
            pole.secretariats.len(),
            pole.home_agents.len(),
            pole.helpers.len()
        );
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut head = vec![String::new()];
        head.extend(report.weeks.iter().map(|w| w.label.clone()));
        rows.push(head);
        let mut prow = vec!["pôle (home agents)".to_string()];
        prow.extend(pole.weeks.iter().map(|pw| cell(&pw.figures)));
        rows.push(prow);
        for sec in &pole.secretariats {
            let mut r = vec![format!("  {}", sec_id(sec.secretariat))];
            r.extend(sec.weeks.iter().map(cell));
            rows.push(r);
        }
        if !pole.helpers.is_empty() {
            let mut r = vec!["help, other pôles".to_string()];
            r.extend(
                pole.weeks
                    .iter()
                    .map(|pw| format!("+{}h", hours(pw.available_from_other_poles))),
            );
            rows.push(r);
        }
        out.push_str(&table(&rows));

        let mut shorts = Vec::new();
        for (wi, week) in report.weeks.iter().enumerate() {
            if let Some(pw) = pole
                .weeks
                .get(wi)
                .filter(|pw| pw.figures.status().is_short())
            {
                let mut line = short_line("pôle", &week.label, &pw.figures);
                if pw.available_from_other_poles > 0 {
                    let _ = write!(
                        line,
                        "; other pôles could add up to {}h",
                        hours(pw.available_from_other_poles)
                    );
                }
                shorts.push(line);
            }
            for sec in &pole.secretariats {
                if let Some(f) = sec.weeks.get(wi).filter(|f| f.status().is_short()) {
                    shorts.push(short_line(&sec_id(sec.secretariat), &week.label, f));
                }
            }
        }
        if shorts.is_empty() {
            let _ = writeln!(out, "  No short week.");
        } else {
            let _ = writeln!(out, "  Short weeks:");
            for s in shorts {
                let _ = writeln!(out, "    {s}");
            }
        }
        let days: Vec<_> = report
            .day_shortfalls
            .iter()
            .filter(|d| {
                pole.secretariats
                    .iter()
                    .any(|s| s.secretariat == d.secretariat)
            })
            .collect();
        if !days.is_empty() {
            let _ = writeln!(
                out,
                "  Certain shortfalls (more agents needed at once than eligible agents present):"
            );
            for d in days {
                let date = report.horizon.date(d.day);
                let _ = writeln!(
                    out,
                    "    {} {} {}–{}: {} needed at once, {} of {} eligible present ({} missing)",
                    sec_id(d.secretariat),
                    date.format("%a %Y-%m-%d"),
                    format_hhmm(d.start),
                    format_hhmm(d.end),
                    d.peak_min,
                    d.present,
                    d.eligible,
                    d.missing()
                );
            }
        }
    }
    out
}
