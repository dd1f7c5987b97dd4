//! Coverage penalties of README "Coverage", computed the plain way: for
//! every secretariat, an array of minutes holds the staffing (shifts at
//! that secretariat whose interval contains the minute, breaks included)
//! and the summed need of the rows active at that minute; each minute then
//! pays `uncovered`, `below_target` and `above_max`. Shift-kind needs are
//! summed per (secretariat, day, shift) and paid per agent.
//!
//! This is the oracle the model's objective is compared with: clarity over
//! speed, no sweep, no shared code with the model or with `report`. The
//! minute line spans only the secretariat's minute needs (a year-long
//! benchmark instance has none: its line would be half a million minutes
//! for nothing, at every trial of the replacement report).

use super::view::View;
use crate::domain::calendar::DAY_MINUTES;
use crate::domain::NeedWindow;
use std::collections::BTreeMap;

/// The three coverage terms, in penalty units.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CoveragePenalties {
    /// Below `min` (per agent-hour × `w_under`, or per agent for shift needs).
    pub uncovered: f64,
    /// Between `min` and `target`.
    pub below_target: f64,
    /// Above `max`.
    pub above_max: f64,
}

/// The summed need at one minute (or of one shift-kind need group).
#[derive(Debug, Clone, Copy, Default)]
struct Summed {
    rows: u32,
    min: i64,
    target: i64,
    /// Summed max, `None` once any row is unlimited.
    max: Option<i64>,
    w_under: Option<f64>,
    w_over: Option<f64>,
}

impl Summed {
    fn add(
        &mut self,
        min: u32,
        target: u32,
        max: Option<u32>,
        w_under: Option<f64>,
        w_over: Option<f64>,
    ) {
        self.max = if self.rows == 0 {
            max.map(i64::from)
        } else {
            self.max.zip(max).map(|(a, b)| a + i64::from(b))
        };
        self.rows += 1;
        self.min += i64::from(min);
        self.target += i64::from(target);
        self.w_under = largest(self.w_under, w_under);
        self.w_over = largest(self.w_over, w_over);
    }
}

fn largest(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// Agent-units of each term at staffing `a`, before weights: (below min,
/// between min and target, above max).
fn shortfalls(s: &Summed, a: i64) -> (i64, i64, i64) {
    let under = (s.min - a).max(0);
    let below = (s.target - a.max(s.min)).max(0);
    let over = s.max.map_or(0, |m| (a - m).max(0));
    (under, below, over)
}

/// Computes the coverage terms of the planning in `view`.
pub fn penalties(view: &View<'_>) -> CoveragePenalties {
    let inst = view.inst;
    let w = &inst.weights;
    // A row's own weights: its override, else `[weights]`; where rows
    // overlap, the largest applies (SPEC: "a shortfall costs the largest").
    let under_weight = |n: &crate::domain::Need| Some(n.weight_under.unwrap_or(w.uncovered));
    let over_weight = |n: &crate::domain::Need| Some(n.weight_over.unwrap_or(w.above_max));
    // Weighted agent-minutes (divided by 60 at the end) and agent counts.
    let (mut under_min, mut below_min, mut over_min) = (0.0, 0.0, 0.0);
    let (mut under_n, mut below_n, mut over_n) = (0.0, 0.0, 0.0);

    for sec in 0..inst.secretariats.len() {
        let minute_needs: Vec<_> = inst
            .needs
            .iter()
            .filter(|n| n.secretariat == sec)
            .filter_map(|n| match n.window {
                NeedWindow::Minutes { start, end } => Some((
                    n,
                    n.day as i64 * DAY_MINUTES + start,
                    n.day as i64 * DAY_MINUTES + end,
                )),
                NeedWindow::Shift(_) => None,
            })
            .collect();
        let works: Vec<_> = view.all().filter(|x| x.a.secretariat == sec).collect();
        // The minute line spans the minute needs (minutes outside every
        // row pay nothing): from the first row's start to the last row's
        // end, none without minute needs.
        let first = minute_needs.iter().map(|&(_, s, _)| s.max(0)).min();
        let last = minute_needs.iter().map(|&(_, _, e)| e).max();
        if let (Some(first), Some(last)) = (first, last) {
            let len = (last - first).max(0) as usize;
            let mut staff = vec![0i64; len];
            for x in &works {
                for t in x.abs_start.max(first)..x.abs_end.min(last) {
                    staff[(t - first) as usize] += 1;
                }
            }
            let mut need = vec![Summed::default(); len];
            for &(n, s, e) in &minute_needs {
                for t in s.max(first)..e {
                    need[(t - first) as usize].add(
                        n.min,
                        n.target,
                        n.max,
                        under_weight(n),
                        over_weight(n),
                    );
                }
            }
            for (s, &a) in need.iter().zip(&staff) {
                if s.rows == 0 {
                    continue;
                }
                let (under, below, over) = shortfalls(s, a);
                under_min += s.w_under.unwrap_or(w.uncovered) * under as f64;
                below_min += w.below_target * below as f64;
                over_min += s.w_over.unwrap_or(w.above_max) * over as f64;
            }
        }

        // Shift-kind needs: summed per (day, shift), counted in agents.
        let mut groups: BTreeMap<(usize, usize), Summed> = BTreeMap::new();
        for n in inst.needs.iter().filter(|n| n.secretariat == sec) {
            if let NeedWindow::Shift(k) = n.window {
                groups.entry((n.day, k)).or_default().add(
                    n.min,
                    n.target,
                    n.max,
                    under_weight(n),
                    over_weight(n),
                );
            }
        }
        let mut staffed: BTreeMap<(usize, usize), i64> = BTreeMap::new();
        for x in &works {
            *staffed.entry((x.a.day, x.a.shift)).or_default() += 1;
        }
        for (day_shift, s) in &groups {
            let a = staffed.get(day_shift).copied().unwrap_or(0);
            let (under, below, over) = shortfalls(s, a);
            under_n += s.w_under.unwrap_or(w.uncovered) * under as f64;
            below_n += w.below_target * below as f64;
            over_n += s.w_over.unwrap_or(w.above_max) * over as f64;
        }
    }
    CoveragePenalties {
        uncovered: under_min / 60.0 + under_n,
        below_target: below_min / 60.0 + below_n,
        above_max: over_min / 60.0 + over_n,
    }
}

#[cfg(test)]
mod tests {
    use crate::check::evaluate;
    use crate::check::testutil::{assert_close, plan};
    use crate::domain::testkit::TinyInstance;

    fn base() -> TinyInstance {
        TinyInstance::new(1)
            .shift("E", "08:00", "10:00", 0)
            .shift("M", "08:00", "12:00", 0)
            .shift("S", "10:00", "14:00", 60)
            .secretariat("A", "P")
            .secretariat("B", "P")
            .agent("ann", "A", &["B"])
            .agent("bob", "A", &["B"])
    }

    #[test]
    fn uncovered_and_below_target_of_one_window() {
        // Need 08:00–12:00 min 2 target 3; ann works E (08:00–10:00).
        // 08:00–10:00: A=1, 1 below min for 120 min; 10:00–12:00: A=0, 2 below min for 120 min.
        // uncovered = 1000/60 × (1·120 + 2·120) = 6000.
        // below_target = 10/60 × (3 − max(A, 2)) = 10/60 × (1·120 + 1·120) = 40.
        let inst = base().need("A", 0, "08:00", "12:00", 2, 3, None).build();
        let e = evaluate(&inst, &plan(&inst, &[("ann", 0, "E", "A")]));
        assert_close(e.term("uncovered"), 6000.0);
        assert_close(e.term("below_target"), 40.0);
        assert_close(e.term("above_max"), 0.0);
    }

    #[test]
    fn overlapping_rows_add_up_and_breaks_count_as_covered() {
        // Rows 08:00–12:00 (1,1,max 1) and 10:00–14:00 (1,2,max 1) at A.
        // ann M 08:00–12:00, bob S 10:00–14:00 (break included in coverage).
        // 08–10: need (1,1,1) A=1 → nothing.
        // 10–12: need (2,3,2) A=2 → below_target 1 × 120 min.
        // 12–14: need (1,2,1) A=1 → below_target 1 × 120 min.
        // below_target = 10/60 × 240 = 40; no shortfall, no excess.
        let inst = base()
            .need("A", 0, "08:00", "12:00", 1, 1, Some(1))
            .need("A", 0, "10:00", "14:00", 1, 2, Some(1))
            .build();
        let e = evaluate(
            &inst,
            &plan(&inst, &[("ann", 0, "M", "A"), ("bob", 0, "S", "A")]),
        );
        assert_close(e.term("uncovered"), 0.0);
        assert_close(e.term("below_target"), 40.0);
        assert_close(e.term("above_max"), 0.0);
    }

    #[test]
    fn above_max_and_unlimited_max() {
        // Need 08:00–10:00 min 1 max 1; both work E at A: 1 above for 120
        // min → 5/60 × 120 = 10. A second row without max makes it unlimited.
        let inst = base().need("A", 0, "08:00", "10:00", 1, 1, Some(1)).build();
        let p = plan(&inst, &[("ann", 0, "E", "A"), ("bob", 0, "E", "A")]);
        assert_close(evaluate(&inst, &p).term("above_max"), 10.0);
        let inst = base()
            .need("A", 0, "08:00", "10:00", 1, 1, Some(1))
            .need("A", 0, "09:00", "10:00", 0, 0, None)
            .build();
        // 08–09: 1 above (60 min); 09–10: unlimited.
        assert_close(evaluate(&inst, &p).term("above_max"), 5.0);
    }

    #[test]
    fn staffing_counts_only_the_need_secretariat_and_no_need_means_no_penalty() {
        // ann at B does not cover A's need; bob at A outside any need is free.
        let inst = base().need("A", 0, "08:00", "09:00", 1, 1, Some(1)).build();
        let p = plan(&inst, &[("ann", 0, "E", "B"), ("bob", 0, "S", "A")]);
        let e = evaluate(&inst, &p);
        assert_close(e.term("uncovered"), 1000.0); // 1 agent × 60 min
        assert_close(e.term("above_max"), 0.0);
    }

    #[test]
    fn overlapping_rows_pay_the_largest_row_weight() {
        // Rows 08–10 min 1 weight_under 600 and 09–10 min 1 weight_under 900,
        // nobody works. 08–09: 1 × 600/60 × 60 = 600; 09–10: 2 × 900/60 × 60 = 1800.
        // weight_over 60 on a max-0 row with ann on E: 60/60 × 120 = 120.
        let mut inst = base()
            .need("A", 0, "08:00", "10:00", 1, 1, None)
            .need("A", 0, "09:00", "10:00", 1, 1, None)
            .need("B", 0, "08:00", "10:00", 0, 0, Some(0))
            .build();
        inst.needs[0].weight_under = Some(600.0);
        inst.needs[1].weight_under = Some(900.0);
        inst.needs[2].weight_over = Some(60.0);
        let e = evaluate(&inst, &plan(&inst, &[("ann", 0, "E", "B")]));
        assert_close(e.term("uncovered"), 2400.0);
        assert_close(e.term("above_max"), 120.0);
    }

    #[test]
    fn a_row_without_override_weighs_the_default_against_a_lower_override() {
        // 08–10 weight_under 600 overlaps 09–10 without override (1000):
        // 08–09: 600/60 × 60 = 600; 09–10: 2 agents × 1000/60 × 60 = 2000.
        let mut inst = base()
            .need("A", 0, "08:00", "10:00", 1, 1, None)
            .need("A", 0, "09:00", "10:00", 1, 1, None)
            .build();
        inst.needs[0].weight_under = Some(600.0);
        assert_close(evaluate(&inst, &plan(&inst, &[])).term("uncovered"), 2600.0);
    }

    #[test]
    fn shift_kind_needs_count_agents_on_that_exact_shift() {
        // Shift need M at A min 2 target 3 max 2 (two rows summed: 1,2,1 + 1,1,1).
        // ann on M at A, bob on E at A (does not count): n = 1.
        // uncovered = 1000 × 1; below_target = 10 × (3 − 2) = 10; above = 0.
        let inst = base()
            .shift_need("A", 0, "M", 1, 2, Some(1))
            .shift_need("A", 0, "M", 1, 1, Some(1))
            .build();
        let e = evaluate(
            &inst,
            &plan(&inst, &[("ann", 0, "M", "A"), ("bob", 0, "E", "A")]),
        );
        assert_close(e.term("uncovered"), 1000.0);
        assert_close(e.term("below_target"), 10.0);
        assert_close(e.term("above_max"), 0.0);
        // Three on M would be 1 above max 2: 5 per agent.
        let inst = base()
            .agent("cy", "A", &[])
            .shift_need("A", 0, "M", 1, 1, Some(2))
            .build();
        let p = plan(
            &inst,
            &[
                ("ann", 0, "M", "A"),
                ("bob", 0, "M", "A"),
                ("cy", 0, "M", "A"),
            ],
        );
        assert_close(evaluate(&inst, &p).term("above_max"), 5.0);
    }

    #[test]
    fn night_shift_covers_next_morning_need() {
        // N dated day 0 (21:00–07:00) covers day 1 06:00–07:00.
        let inst = TinyInstance::new(2)
            .shift("N", "21:00", "07:00", 60)
            .secretariat("A", "P")
            .opening(
                "A",
                &[chrono::Weekday::Mon, chrono::Weekday::Tue],
                "00:00",
                "31:00",
            )
            .agent("ann", "A", &[])
            .need("A", 1, "06:00", "08:00", 1, 1, None)
            .build();
        let e = evaluate(&inst, &plan(&inst, &[("ann", 0, "N", "A")]));
        assert_close(e.term("uncovered"), 1000.0); // only 07:00–08:00 missing
    }
}
