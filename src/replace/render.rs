//! Renderings of [`UncoveredNeed`]s: `replacements.csv` (one row per
//! candidate, or one row for a window nobody can be tried on) and the
//! plain-language detail of a candidate, which `rota check` also prints
//! under each gap. Leave types are replaced by `ABS` unless `show_reasons`
//! is set (référents see that someone is absent, not why).

use super::{Candidate, UncoveredNeed};
use crate::domain::calendar::format_hhmm;
use crate::domain::Instance;
use crate::report::csv::CsvWriter;
use std::fmt::Write as _;

/// Header of `replacements.csv`.
pub const HEADER: [&str; 13] = [
    "secretariat",
    "pole",
    "date",
    "start",
    "end",
    "min",
    "assigned",
    "rank",
    "candidate",
    "shift",
    "cost",
    "blocked_by",
    "detail",
];

/// What is written for a redacted absence type.
pub const REDACTED: &str = "ABS";

fn absence_label(kind: &str, show_reasons: bool) -> &str {
    if show_reasons {
        kind
    } else {
        REDACTED
    }
}

/// The short plain-language text of a candidate: absence, then the
/// reasons, or "free replacement" with its notes.
pub fn detail(inst: &Instance, need: &UncoveredNeed, c: &Candidate, show_reasons: bool) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(kind) = &c.absence {
        parts.push(format!("absent ({})", absence_label(kind, show_reasons)));
    }
    parts.extend(c.reasons.iter().cloned());
    if c.is_free() {
        let mut s = String::from("free replacement");
        if !c.notes.is_empty() {
            let _ = write!(s, ", with {}", c.notes.join(", "));
        }
        parts.push(s);
    } else if !c.notes.is_empty() {
        parts.push(c.notes.join(", "));
    }
    if c.day != need.day {
        parts.push(format!(
            "shift dated {}",
            inst.horizon.date(c.day).format("%Y-%m-%d")
        ));
    }
    parts.join("; ")
}

fn no_candidate_text(need: &UncoveredNeed) -> &'static str {
    if need.tried.is_none() {
        "no shift kind covers this window"
    } else if !need.evaluated {
        "not evaluated: too many uncovered windows for one report (the earlier ones were); see coverage.csv"
    } else {
        "no other agent may work here"
    }
}

fn fmt_cost(cost: f64) -> String {
    let c = if cost == 0.0 { 0.0 } else { cost };
    format!("{c:.2}")
}

/// The text of `replacements.csv`, gaps in the order given, candidates by rank.
pub fn replacements_csv(inst: &Instance, needs: &[UncoveredNeed], show_reasons: bool) -> String {
    let mut w = CsvWriter::with_header(&HEADER);
    for n in needs {
        let sec = inst.secretariats.get(n.secretariat);
        let head = [
            sec.map(|s| s.id.clone()).unwrap_or_default(),
            sec.map(|s| s.pole.clone()).unwrap_or_default(),
            inst.horizon.date(n.day).format("%Y-%m-%d").to_string(),
            format_hhmm(n.start),
            format_hhmm(n.end),
            n.min.to_string(),
            n.assigned.to_string(),
        ];
        if n.candidates.is_empty() {
            let mut row: Vec<String> = head.to_vec();
            row.extend([
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                no_candidate_text(n).to_string(),
            ]);
            w.row(row);
            continue;
        }
        for (rank, c) in n.candidates.iter().enumerate() {
            let mut row: Vec<String> = head.to_vec();
            row.extend([
                (rank + 1).to_string(),
                inst.agents
                    .get(c.agent)
                    .map(|a| a.id.clone())
                    .unwrap_or_default(),
                inst.shifts
                    .get(c.shift)
                    .map(|s| s.id.clone())
                    .unwrap_or_default(),
                fmt_cost(c.cost),
                c.blocked_by
                    .iter()
                    .map(|f| f.name())
                    .collect::<Vec<_>>()
                    .join("|"),
                detail(inst, n, c, show_reasons),
            ]);
            w.row(row);
        }
    }
    w.finish()
}
