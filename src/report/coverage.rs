//! `coverage.csv` (SPEC §4): per secretariat (file order) and horizon day,
//! one row per maximal window in which the summed need (min, target, max,
//! labels) and the staffing are both constant, and one row per shift-kind
//! need (summed per secretariat, day and shift; `start`/`end` of that
//! shift; `assigned` = agents on that exact shift there that day).
//! Windows with no need and nobody assigned are omitted. A night shift's
//! minutes after midnight belong to the next day's rows — after the last
//! day of the horizon too, so that every minute the checker counts is
//! reported.
//!
//! Built by a sweep over the window boundaries of each day, independently
//! of the checker's minute-by-minute arrays (tests compare the two).

use super::csv::CsvWriter;
use crate::domain::calendar::{format_hhmm, Day, DAY_MINUTES};
use crate::domain::{Instance, Need, NeedWindow, Planning, SecretariatIdx, ShiftIdx};
use std::collections::{BTreeMap, BTreeSet};

/// One line of `coverage.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverageRow {
    /// Where.
    pub secretariat: SecretariatIdx,
    /// Which day.
    pub day: Day,
    /// `Some` for a shift-kind need row.
    pub shift: Option<ShiftIdx>,
    /// Start, minutes after midnight of `day`.
    pub start: i64,
    /// End, minutes after midnight of `day` (1440 at midnight; a shift's
    /// own end, possibly past midnight, for a shift row).
    pub end: i64,
    /// Summed `min`.
    pub min: u32,
    /// Summed `target`.
    pub target: u32,
    /// Summed `max`; `None` when unlimited (or no need at all).
    pub max: Option<u32>,
    /// Agents working there (on that shift, for a shift row).
    pub assigned: u32,
    /// Need labels, sorted and deduplicated, empty ones left out.
    pub labels: Vec<String>,
}

impl CoverageRow {
    /// Agents missing below `min`: max(0, min − assigned).
    pub fn shortfall(&self) -> u32 {
        self.min.saturating_sub(self.assigned)
    }

    /// Length of the window in minutes.
    pub fn minutes(&self) -> i64 {
        self.end - self.start
    }
}

/// Sum of the need rows `(min, target, max, label)` given.
fn summed<'a>(
    rows: impl Iterator<Item = (u32, u32, Option<u32>, &'a str)>,
) -> (u32, u32, Option<u32>, Vec<String>, bool) {
    let (mut min, mut target, mut max, mut any) = (0u32, 0u32, Some(0u32), false);
    let mut labels = BTreeSet::new();
    for (mi, ta, ma, label) in rows {
        any = true;
        min = min.saturating_add(mi);
        target = target.saturating_add(ta);
        max = max.zip(ma).map(|(a, b)| a.saturating_add(b));
        if !label.is_empty() {
            labels.insert(label.to_string());
        }
    }
    (
        min,
        target,
        if any { max } else { None },
        labels.into_iter().collect(),
        any,
    )
}

/// Every row of `coverage.csv`, in output order: secretariat (file order),
/// day, start; at equal start the window row before shift rows (by shift).
pub fn coverage_rows(inst: &Instance, planning: &Planning) -> Vec<CoverageRow> {
    let valid: Vec<_> = planning
        .assignments
        .iter()
        .filter(|a| {
            a.agent < inst.agents.len()
                && a.shift < inst.shifts.len()
                && a.secretariat < inst.secretariats.len()
                && a.day < inst.horizon.days
        })
        .collect();
    let mut out = Vec::new();
    for sec in 0..inst.secretariats.len() {
        // Absolute intervals of this secretariat's shifts and minute needs.
        let shifts: Vec<(i64, i64)> = valid
            .iter()
            .filter(|a| a.secretariat == sec)
            .map(|a| {
                (
                    inst.shifts[a.shift].abs_start(a.day),
                    inst.shifts[a.shift].abs_end(a.day),
                )
            })
            .collect();
        let needs: Vec<(i64, i64, &Need)> = inst
            .needs
            .iter()
            .filter(|n| n.secretariat == sec)
            .filter_map(|n| match n.window {
                NeedWindow::Minutes { start, end } => {
                    let base = n.day as i64 * DAY_MINUTES;
                    Some((base + start, base + end, n))
                }
                NeedWindow::Shift(_) => None,
            })
            .collect();
        // Shift-kind needs, summed per (day, shift).
        let mut shift_needs: BTreeMap<(Day, ShiftIdx), Vec<&Need>> = BTreeMap::new();
        for n in inst.needs.iter().filter(|n| n.secretariat == sec) {
            if let NeedWindow::Shift(k) = n.window {
                shift_needs.entry((n.day, k)).or_default().push(n);
            }
        }
        // Days touched: the horizon, and the day after it when a night shift
        // or a need runs past its last midnight.
        let last_end = shifts
            .iter()
            .map(|&(_, e)| e)
            .chain(needs.iter().map(|&(_, e, _)| e))
            .max()
            .unwrap_or(0);
        let n_days = inst
            .horizon
            .days
            .max(((last_end + DAY_MINUTES - 1) / DAY_MINUTES).max(0) as usize);
        // Buckets per day of the intervals intersecting it.
        let mut day_shifts: Vec<Vec<(i64, i64)>> = vec![Vec::new(); n_days];
        let mut day_needs: Vec<Vec<(i64, i64, &Need)>> = vec![Vec::new(); n_days];
        for &(s, e) in &shifts {
            for d in days_of(s, e, n_days) {
                day_shifts[d].push((s, e));
            }
        }
        for &(s, e, n) in &needs {
            for d in days_of(s, e, n_days) {
                day_needs[d].push((s, e, n));
            }
        }

        for day in 0..n_days {
            let (lo, hi) = (day as i64 * DAY_MINUTES, (day as i64 + 1) * DAY_MINUTES);
            let mut cuts: BTreeSet<i64> = [lo, hi].into_iter().collect();
            let bounds = day_shifts[day]
                .iter()
                .copied()
                .chain(day_needs[day].iter().map(|&(s, e, _)| (s, e)));
            for (s, e) in bounds {
                cuts.extend([s, e].into_iter().filter(|&t| lo < t && t < hi));
            }
            let cuts: Vec<i64> = cuts.into_iter().collect();
            let mut day_rows: Vec<CoverageRow> = Vec::new();
            for seg in cuts.windows(2) {
                let (s, e) = (seg[0], seg[1]);
                let assigned = day_shifts[day]
                    .iter()
                    .filter(|&&(a, b)| a <= s && e <= b)
                    .count() as u32;
                let (min, target, max, labels, needed) = summed(
                    day_needs[day]
                        .iter()
                        .filter(|(a, b, _)| *a <= s && e <= *b)
                        .map(|(_, _, n)| (n.min, n.target, n.max, n.label.as_str())),
                );
                if !needed && assigned == 0 {
                    continue;
                }
                match day_rows.last_mut() {
                    Some(prev)
                        if prev.end == s - lo
                            && (prev.min, prev.target, prev.max, &prev.labels, prev.assigned)
                                == (min, target, max, &labels, assigned) =>
                    {
                        prev.end = e - lo
                    }
                    _ => day_rows.push(CoverageRow {
                        secretariat: sec,
                        day,
                        shift: None,
                        start: s - lo,
                        end: e - lo,
                        min,
                        target,
                        max,
                        assigned,
                        labels,
                    }),
                }
            }
            for ((_, k), rows) in shift_needs.range((day, 0)..(day + 1, 0)) {
                let (min, target, max, labels, _) = summed(
                    rows.iter()
                        .map(|n| (n.min, n.target, n.max, n.label.as_str())),
                );
                let assigned = valid
                    .iter()
                    .filter(|a| a.secretariat == sec && a.day == day && a.shift == *k)
                    .count() as u32;
                let shift = &inst.shifts[*k];
                day_rows.push(CoverageRow {
                    secretariat: sec,
                    day,
                    shift: Some(*k),
                    start: shift.start,
                    end: shift.end,
                    min,
                    target,
                    max,
                    assigned,
                    labels,
                });
            }
            day_rows.sort_by_key(|r| (r.start, r.shift.is_some(), r.shift));
            out.extend(day_rows);
        }
    }
    out
}

/// The day indices (below `n_days`) that the absolute interval [s, e) touches.
fn days_of(s: i64, e: i64, n_days: usize) -> std::ops::Range<usize> {
    if e <= s {
        return 0..0;
    }
    let first = s.max(0) / DAY_MINUTES;
    let last = (e - 1).max(0) / DAY_MINUTES;
    (first as usize).min(n_days)..((last + 1) as usize).min(n_days)
}

/// Header of `coverage.csv`.
pub const HEADER: [&str; 12] = [
    "secretariat",
    "pole",
    "date",
    "shift",
    "start",
    "end",
    "min",
    "target",
    "max",
    "assigned",
    "shortfall",
    "labels",
];

/// The text of `coverage.csv` for `rows` (from [`coverage_rows`]).
pub fn coverage_csv(inst: &Instance, rows: &[CoverageRow]) -> String {
    let mut w = CsvWriter::with_header(&HEADER);
    for r in rows {
        let sec = &inst.secretariats[r.secretariat];
        w.row([
            sec.id.clone(),
            sec.pole.clone(),
            inst.horizon.date(r.day).format("%Y-%m-%d").to_string(),
            r.shift
                .map(|k| inst.shifts[k].id.clone())
                .unwrap_or_default(),
            format_hhmm(r.start),
            format_hhmm(r.end),
            r.min.to_string(),
            r.target.to_string(),
            r.max.map(|m| m.to_string()).unwrap_or_default(),
            r.assigned.to_string(),
            r.shortfall().to_string(),
            r.labels.join("|"),
        ]);
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::evaluate;
    use crate::domain::testkit::TinyInstance;
    use crate::domain::Assignment;
    use crate::report::testutil::tiny;

    #[test]
    fn golden_tiny_coverage() {
        // CARDIO Mon: consult 08–12 (2,2,2) + echo 10–11 (1,1,∞); ann alone on M.
        // CARDIO Wed: ann on N 22:00–06:00; the shift need N min 1 is met;
        // its minutes after midnight fall on Thursday, after the horizon.
        let (inst, p) = tiny();
        assert_eq!(
            coverage_csv(&inst, &coverage_rows(&inst, &p)),
            "secretariat,pole,date,shift,start,end,min,target,max,assigned,shortfall,labels\n\
             CARDIO,P1,2026-12-07,,08:00,10:00,2,2,2,1,1,consult\n\
             CARDIO,P1,2026-12-07,,10:00,11:00,3,3,,1,2,consult|echo\n\
             CARDIO,P1,2026-12-07,,11:00,12:00,2,2,2,1,1,consult\n\
             CARDIO,P1,2026-12-08,,13:00,17:00,0,0,,1,0,\n\
             CARDIO,P1,2026-12-09,,22:00,00:00,0,0,,1,0,\n\
             CARDIO,P1,2026-12-09,N,22:00,06:00,1,1,,1,0,\n\
             CARDIO,P1,2026-12-10,,00:00,06:00,0,0,,1,0,\n\
             NEURO,P2,2026-12-07,,08:00,12:00,0,0,,1,0,\n\
             NEURO,P2,2026-12-07,,13:00,17:00,0,0,,1,0,\n"
        );
    }

    /// Per (secretariat, absolute minute): (min, target, max, labels, assigned),
    /// counted one minute at a time, or `None` where nothing is needed nor assigned.
    type Minute = Option<(u32, u32, Option<u32>, Vec<String>, u32)>;

    fn recount(inst: &Instance, p: &Planning) -> Vec<Vec<Minute>> {
        let len = (inst.horizon.days + 1) * DAY_MINUTES as usize;
        let mut out = vec![vec![None; len]; inst.secretariats.len()];
        for (sec, minutes) in out.iter_mut().enumerate() {
            for (t, slot) in minutes.iter_mut().enumerate() {
                let t = t as i64;
                let assigned = p
                    .assignments
                    .iter()
                    .filter(|a| a.secretariat == sec)
                    .filter(|a| {
                        inst.shifts[a.shift].abs_start(a.day) <= t
                            && t < inst.shifts[a.shift].abs_end(a.day)
                    })
                    .count() as u32;
                let rows: Vec<_> = inst
                    .needs
                    .iter()
                    .filter(|n| n.secretariat == sec)
                    .filter(|n| match n.window {
                        NeedWindow::Minutes { start, end } => {
                            let base = n.day as i64 * DAY_MINUTES;
                            base + start <= t && t < base + end
                        }
                        NeedWindow::Shift(_) => false,
                    })
                    .collect();
                if rows.is_empty() && assigned == 0 {
                    continue;
                }
                let min = rows.iter().map(|n| n.min).sum();
                let target = rows.iter().map(|n| n.target).sum();
                let max = if rows.is_empty() {
                    None
                } else {
                    rows.iter().map(|n| n.max).sum::<Option<u32>>()
                };
                let mut labels: Vec<String> = rows
                    .iter()
                    .map(|n| n.label.clone())
                    .filter(|l| !l.is_empty())
                    .collect();
                labels.sort();
                labels.dedup();
                *slot = Some((min, target, max, labels, assigned));
            }
        }
        out
    }

    fn expand(inst: &Instance, rows: &[CoverageRow]) -> Vec<Vec<Minute>> {
        let len = (inst.horizon.days + 1) * DAY_MINUTES as usize;
        let mut out = vec![vec![None; len]; inst.secretariats.len()];
        for r in rows.iter().filter(|r| r.shift.is_none()) {
            for m in r.start..r.end {
                let t = (r.day as i64 * DAY_MINUTES + m) as usize;
                assert!(out[r.secretariat][t].is_none(), "two rows cover minute {t}");
                out[r.secretariat][t] =
                    Some((r.min, r.target, r.max, r.labels.clone(), r.assigned));
            }
        }
        out
    }

    fn richer() -> (Instance, Planning) {
        // Two secretariats, overlapping and adjacent needs, a night shift
        // crossing midnight into a need, a need ending past midnight.
        let mut inst = TinyInstance::new(3)
            .shift("M", "08:00", "12:00", 0)
            .shift("J", "09:00", "17:00", 60)
            .shift("N", "21:00", "07:00", 60)
            .secretariat("A", "P")
            .secretariat("B", "P")
            .agent("a1", "A", &["B"])
            .agent("a2", "A", &["B"])
            .agent("a3", "B", &["A"])
            .need("A", 0, "08:00", "12:00", 1, 2, Some(2))
            .need("A", 0, "12:00", "16:00", 1, 2, Some(2))
            .need("A", 0, "10:00", "11:30", 1, 1, None)
            .need("A", 1, "06:00", "09:00", 1, 1, Some(1))
            .need("B", 1, "20:00", "26:00", 1, 1, Some(1))
            .shift_need("B", 2, "M", 2, 2, Some(2))
            .build();
        inst.needs[0].label = "x".into();
        inst.needs[1].label = "x".into();
        inst.needs[2].label = "y".into();
        let rows = [
            (0, 0, 0, 0),
            (1, 0, 1, 0),
            (2, 0, 2, 0),
            (0, 1, 1, 1),
            (1, 2, 0, 1),
            (2, 2, 0, 1),
        ];
        let p = Planning {
            assignments: rows
                .iter()
                .map(|&(agent, day, shift, secretariat)| Assignment {
                    agent,
                    day,
                    shift,
                    secretariat,
                })
                .collect(),
            granted: Vec::new(),
        };
        (inst, p)
    }

    #[test]
    fn rows_equal_a_minute_by_minute_recount() {
        for (inst, p) in [tiny(), richer()] {
            let rows = coverage_rows(&inst, &p);
            assert_eq!(expand(&inst, &rows), recount(&inst, &p));
            // Maximal: two adjacent window rows of one day always differ.
            for pair in rows.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                if a.shift.is_none()
                    && b.shift.is_none()
                    && a.secretariat == b.secretariat
                    && a.day == b.day
                    && a.end == b.start
                {
                    assert_ne!(
                        (a.min, a.target, a.max, &a.labels, a.assigned),
                        (b.min, b.target, b.max, &b.labels, b.assigned)
                    );
                }
            }
        }
    }

    #[test]
    fn shift_rows_count_agents_on_that_exact_shift() {
        let (inst, p) = richer();
        let rows = coverage_rows(&inst, &p);
        let shift_rows: Vec<_> = rows.iter().filter(|r| r.shift.is_some()).collect();
        assert_eq!(shift_rows.len(), 1);
        assert_eq!((shift_rows[0].assigned, shift_rows[0].shortfall()), (2, 0));
    }

    #[test]
    fn checker_uncovered_term_equals_the_rows_shortfall() {
        // All needs use the default weights, so uncovered = 1000/60 × Σ
        // shortfall × minutes (window rows) + 1000 × Σ shortfall (shift rows).
        for (inst, p) in [tiny(), richer()] {
            let rows = coverage_rows(&inst, &p);
            let agent_minutes: i64 = rows
                .iter()
                .filter(|r| r.shift.is_none())
                .map(|r| r.shortfall() as i64 * r.minutes())
                .sum();
            let agents: i64 = rows
                .iter()
                .filter(|r| r.shift.is_some())
                .map(|r| r.shortfall() as i64)
                .sum();
            let expected = 1000.0 / 60.0 * agent_minutes as f64 + 1000.0 * agents as f64;
            let got = evaluate(&inst, &p).term("uncovered");
            assert!((got - expected).abs() < 1e-6, "{got} vs {expected}");
        }
    }
}
