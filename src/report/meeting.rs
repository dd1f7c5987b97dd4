//! Figures for pôle meetings, shown by `planning.html`: per pôle, the
//! coverage rate of the minimum needs, the overtime and under-hours of its
//! agents, the refused leave requests and the uncovered windows; per
//! secretariat and day, the coverage rate of that day's minimum needs
//! (the heat-map).
//!
//! Definitions: the *minimum need* of a coverage row is `min` agents over
//! its window (a shift-kind row counts its shift's length), so its need is
//! `min × minutes` agent-minutes and what is covered of it is
//! `min(assigned, min) × minutes`; a rate is covered ÷ need. An agent
//! belongs to the pôle of her home secretariat. Hours come from the text
//! of `overtime.csv` and the decisions from `planning.granted`, so the
//! figures agree with those files. Solver-free.

use super::coverage::CoverageRow;
use super::grid::{agent_pole, poles};
use super::overtime::overtime_csv;
use crate::domain::leave::requests_in_order;
use crate::domain::{Instance, Planning};

/// Need and covered agent-minutes of minimum needs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cover {
    /// Σ min × minutes.
    pub need: i64,
    /// Σ min(assigned, min) × minutes.
    pub covered: i64,
}

impl Cover {
    /// Adds one coverage row.
    fn add(&mut self, row: &CoverageRow) {
        let minutes = row.minutes().max(0);
        self.need += i64::from(row.min) * minutes;
        self.covered += i64::from(row.min.min(row.assigned)) * minutes;
    }

    /// covered ÷ need, `None` when nothing is needed.
    pub fn rate(&self) -> Option<f64> {
        (self.need > 0).then(|| self.covered as f64 / self.need as f64)
    }
}

/// The figures of one pôle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoleSummary {
    /// The pôle.
    pub pole: String,
    /// Agents whose home is in the pôle.
    pub agents: usize,
    /// Minimum needs of its secretariats over the horizon.
    pub cover: Cover,
    /// Coverage rows of its secretariats with `assigned < min`.
    pub gaps: usize,
    /// Σ weekly overtime minutes of its agents (`overtime.csv`).
    pub overtime_minutes: i64,
    /// Σ weekly under-hours minutes of its agents (`overtime.csv`).
    pub under_minutes: i64,
    /// Leave requests of its agents.
    pub requests: usize,
    /// Of which refused.
    pub refused: usize,
}

/// One summary per pôle, in pôle order (first appearance in secretariats.csv).
pub fn pole_summaries(
    inst: &Instance,
    planning: &Planning,
    coverage: &[CoverageRow],
) -> Vec<PoleSummary> {
    let hours = weekly_hours(inst, planning);
    poles(inst)
        .into_iter()
        .map(|pole| {
            let mut s = PoleSummary {
                pole: pole.clone(),
                agents: 0,
                cover: Cover::default(),
                gaps: 0,
                overtime_minutes: 0,
                under_minutes: 0,
                requests: 0,
                refused: 0,
            };
            for row in coverage {
                if inst.secretariats.get(row.secretariat).map(|x| &x.pole) == Some(&pole) {
                    s.cover.add(row);
                    s.gaps += usize::from(row.shortfall() > 0);
                }
            }
            s.agents = (0..inst.agents.len())
                .filter(|&a| agent_pole(inst, a) == pole)
                .count();
            for &(agent, overtime, under) in &hours {
                if agent_pole(inst, agent) == pole {
                    s.overtime_minutes += overtime;
                    s.under_minutes += under;
                }
            }
            for idx in requests_in_order(inst) {
                if agent_pole(inst, inst.leaves[idx].agent) == pole {
                    s.requests += 1;
                    s.refused += usize::from(!planning.granted.contains(&idx));
                }
            }
            s
        })
        .collect()
}

/// `(agent, overtime minutes, under minutes)` per row of `overtime.csv`.
fn weekly_hours(inst: &Instance, planning: &Planning) -> Vec<(usize, i64, i64)> {
    let text = overtime_csv(inst, planning);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .records()
        .flatten()
        .filter_map(|r| {
            let agent = inst.agent_index(r.get(0)?)?;
            let overtime = r.get(5)?.parse().ok()?;
            let under = r.get(6)?.parse().ok()?;
            Some((agent, overtime, under))
        })
        .collect()
}

/// `cover[secretariat][day]`: the minimum needs of that secretariat's
/// coverage rows dated that day (rows dated after the horizon left out).
pub fn daily_cover(inst: &Instance, coverage: &[CoverageRow]) -> Vec<Vec<Cover>> {
    let mut out = vec![vec![Cover::default(); inst.horizon.days]; inst.secretariats.len()];
    for row in coverage {
        if let Some(c) = out
            .get_mut(row.secretariat)
            .and_then(|days| days.get_mut(row.day))
        {
            c.add(row);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::coverage::coverage_rows;
    use crate::report::testutil::tiny;

    #[test]
    fn tiny_pole_figures_by_hand() {
        // CARDIO (P1) on Mon: 08–10 min 2 assigned 1, 10–11 min 3 assigned
        // 1, 11–12 min 2 assigned 1 → need 240+180+120 = 540, covered
        // 120+60+60 = 240; Wed N need 1 × 480 min, covered → 1020 / 720.
        // Three gap rows. ann (P1): under 45; bob (P2): under 210 and one
        // refused request.
        let (inst, p) = tiny();
        let rows = coverage_rows(&inst, &p);
        let s = pole_summaries(&inst, &p, &rows);
        assert_eq!(s.len(), 2);
        assert_eq!(
            s[0],
            PoleSummary {
                pole: "P1".into(),
                agents: 1,
                cover: Cover {
                    need: 1020,
                    covered: 720
                },
                gaps: 3,
                overtime_minutes: 0,
                under_minutes: 45,
                requests: 0,
                refused: 0,
            }
        );
        assert_eq!(
            (s[1].under_minutes, s[1].requests, s[1].refused),
            (210, 1, 1)
        );
        assert_eq!(s[1].cover.rate(), None);
        let mut granted = p.clone();
        granted.granted = vec![1];
        assert_eq!(pole_summaries(&inst, &granted, &rows)[1].refused, 0);
        let daily = daily_cover(&inst, &rows);
        assert_eq!(
            daily[0][0],
            Cover {
                need: 540,
                covered: 240
            }
        );
        assert_eq!(daily[0][1], Cover::default());
        assert_eq!(daily[0][2].rate(), Some(1.0));
    }
}
