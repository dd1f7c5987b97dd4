//! The benchmark's own score of a roster (FORMAT.md §4–§6), written from
//! the benchmark definition alone: it reads only the [`NrpInstance`] and the
//! roster, never rota's checker or model, so that comparing it with
//! `check::evaluate(..).objective` tests the mapping of [`super::export`].
//!
//! [`score`] turns a rota [`Planning`] into the roster `R[e][d]` ∈ {None,
//! shift} by ids (agents are employees, shift kinds are shift types, dates
//! are day indexes) and applies [`evaluate_roster`]: hard rules H1–H10
//! (any broken → `Err`, naming each), else the objective
//! `Σ on-request misses + Σ off-request hits + Σ cover under/over`.

use super::NrpInstance;
use crate::domain::{Instance, Planning};
use std::collections::BTreeMap;

/// A roster: for each employee (index into `staff`) and day, the shift
/// type worked (index into `shifts`), or `None` for a day off.
pub type Roster = Vec<Vec<Option<usize>>>;

/// What [`evaluate_roster`] finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterScore {
    /// The benchmark objective (§5), computed even when a rule is broken.
    pub objective: u64,
    /// Hard rules broken, each named (`H3 max shifts per type: …`), in
    /// rule order then employee order.
    pub violations: Vec<String>,
}

/// The benchmark objective of a rota planning of the imported instance, or
/// `Err` naming every broken benchmark hard rule (and any assignment that
/// does not fit the benchmark's shape: unknown employee, shift or day, two
/// shifts one day).
pub fn score(nrp: &NrpInstance, inst: &Instance, planning: &Planning) -> Result<u64, String> {
    let h = nrp.horizon;
    let mut shape = Vec::new();
    if inst.horizon.days != h {
        shape.push(format!(
            "shape: the planning's horizon has {} days, the benchmark {h}",
            inst.horizon.days
        ));
    }
    let employees: BTreeMap<&str, usize> = nrp
        .staff
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let shifts: BTreeMap<&str, usize> = nrp
        .shifts
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut roster: Roster = vec![vec![None; h]; nrp.staff.len()];
    let mut twice = Vec::new();
    for a in &planning.assignments {
        let agent = inst.agents.get(a.agent).map(|x| x.id.as_str());
        let Some(e) = agent.and_then(|id| employees.get(id).copied()) else {
            shape.push(format!(
                "shape: agent {} is not a benchmark employee",
                agent.unwrap_or("(unknown index)")
            ));
            continue;
        };
        let kind = inst.shifts.get(a.shift).map(|x| x.id.as_str());
        let Some(t) = kind.and_then(|id| shifts.get(id).copied()) else {
            shape.push(format!(
                "shape: shift {} is not a benchmark shift type",
                kind.unwrap_or("(unknown index)")
            ));
            continue;
        };
        if inst.secretariats.get(a.secretariat).is_none() {
            shape.push(format!(
                "shape: employee {} works at an unknown secretariat on day {}",
                nrp.staff[e].id, a.day
            ));
        }
        let Some(slot) = roster[e].get_mut(a.day) else {
            shape.push(format!(
                "shape: employee {} works on day {}, outside 0 … {}",
                nrp.staff[e].id,
                a.day,
                h.saturating_sub(1)
            ));
            continue;
        };
        match slot {
            Some(_) => twice.push(format!(
                "H1 one shift per day: employee {} works two shifts on day {}",
                nrp.staff[e].id, a.day
            )),
            None => *slot = Some(t),
        }
    }
    let eval = evaluate_roster(nrp, &roster);
    let broken: Vec<String> = shape
        .into_iter()
        .chain(twice)
        .chain(eval.violations)
        .collect();
    if broken.is_empty() {
        Ok(eval.objective)
    } else {
        Err(broken.join("; "))
    }
}

/// Applies the evaluator recipe of FORMAT.md §6 to a roster (one row per
/// employee, `horizon` days each; a shorter row or an unknown shift index is
/// a shape violation).
pub fn evaluate_roster(nrp: &NrpInstance, roster: &[Vec<Option<usize>>]) -> RosterScore {
    let h = nrp.horizon;
    let n_shifts = nrp.shifts.len();
    let mut v = Vec::new();
    // 1. Shape.
    if roster.len() != nrp.staff.len() {
        v.push(format!(
            "shape: {} roster rows for {} employees",
            roster.len(),
            nrp.staff.len()
        ));
    }
    let at = |e: usize, d: usize| -> Option<usize> {
        roster
            .get(e)
            .and_then(|r| r.get(d))
            .copied()
            .flatten()
            .filter(|&t| t < n_shifts)
    };
    for (e, row) in roster.iter().enumerate().take(nrp.staff.len()) {
        if row.len() != h || row.iter().any(|x| x.is_some_and(|t| t >= n_shifts)) {
            v.push(format!(
                "shape: the row of employee {} is not {h} days of known shift types",
                nrp.staff[e].id
            ));
        }
    }
    let works = |e: usize, d: usize| at(e, d).is_some();
    // 2. H10 days off.
    for &(e, d) in &nrp.days_off {
        if let (Some(t), Some(emp)) = (at(e, d), nrp.staff.get(e)) {
            v.push(format!(
                "H10 days off: employee {} works {} on day {d}, a day off",
                emp.id, nrp.shifts[t].id
            ));
        }
    }
    for (e, emp) in nrp.staff.iter().enumerate() {
        // 3. H2 rotation.
        for d in 0..h.saturating_sub(1) {
            if let (Some(t), Some(u)) = (at(e, d), at(e, d + 1)) {
                if nrp.shifts[t].cannot_follow.contains(&u) {
                    v.push(format!(
                        "H2 shift rotation: employee {} works {} on day {} after {} on day {d}",
                        emp.id,
                        nrp.shifts[u].id,
                        d + 1,
                        nrp.shifts[t].id
                    ));
                }
            }
        }
        // 4. H3–H5 counts and minutes.
        let mut count = vec![0u32; n_shifts];
        let mut minutes = 0u64;
        for d in 0..h {
            if let Some(t) = at(e, d) {
                count[t] += 1;
                minutes += u64::from(nrp.shifts[t].length);
            }
        }
        for (t, &c) in count.iter().enumerate() {
            if let Some(Some(max)) = emp.max_shifts.get(t) {
                if c > *max {
                    v.push(format!(
                        "H3 max shifts per type: employee {} works {c} {} shifts, more than {max}",
                        emp.id, nrp.shifts[t].id
                    ));
                }
            }
        }
        if minutes > u64::from(emp.max_total_minutes) {
            v.push(format!(
                "H4 max total minutes: employee {} works {minutes} minutes, more than {}",
                emp.id, emp.max_total_minutes
            ));
        }
        if minutes < u64::from(emp.min_total_minutes) {
            v.push(format!(
                "H5 min total minutes: employee {} works {minutes} minutes, fewer than {}",
                emp.id, emp.min_total_minutes
            ));
        }
        // 5. H6–H8 runs: maximal runs of equal working flags.
        let mut start = 0;
        while start < h {
            let working = works(e, start);
            let mut end = start;
            while end + 1 < h && works(e, end + 1) == working {
                end += 1;
            }
            let len = (end - start + 1) as u32;
            let interior = start > 0 && end + 1 < h;
            if working && len > emp.max_consecutive_shifts {
                v.push(format!("H6 max consecutive shifts: employee {} works {len} days in a row from day {start}, more than {}", emp.id, emp.max_consecutive_shifts));
            }
            if working && interior && len < emp.min_consecutive_shifts {
                v.push(format!("H7 min consecutive shifts: employee {} works only {len} days in a row from day {start}, fewer than {}", emp.id, emp.min_consecutive_shifts));
            }
            if !working && interior && len < emp.min_consecutive_days_off {
                v.push(format!("H8 min consecutive days off: employee {} has only {len} days off in a row from day {start}, fewer than {}", emp.id, emp.min_consecutive_days_off));
            }
            start = end + 1;
        }
        // 6. H9 weekends.
        let weekends = (0..h / 7)
            .filter(|k| works(e, 7 * k + 5) || works(e, 7 * k + 6))
            .count() as u32;
        if weekends > emp.max_weekends {
            v.push(format!(
                "H9 max weekends: employee {} works {weekends} weekends, more than {}",
                emp.id, emp.max_weekends
            ));
        }
    }
    // 7. Objective.
    let mut objective = 0u64;
    for r in &nrp.on_requests {
        if at(r.employee, r.day) != Some(r.shift) {
            objective += u64::from(r.weight);
        }
    }
    for r in &nrp.off_requests {
        if at(r.employee, r.day) == Some(r.shift) {
            objective += u64::from(r.weight);
        }
    }
    for c in &nrp.cover {
        let n = (0..nrp.staff.len())
            .filter(|&e| at(e, c.day) == Some(c.shift))
            .count() as u64;
        let req = u64::from(c.requirement);
        objective += req.saturating_sub(n) * u64::from(c.weight_under)
            + n.saturating_sub(req) * u64::from(c.weight_over);
    }
    RosterScore {
        objective,
        violations: v,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instance1() -> NrpInstance {
        super::super::parse(
            include_str!("../../instances/nrp/Instance1.txt"),
            "Instance1.txt",
        )
        .unwrap()
    }

    #[test]
    fn empty_roster_of_instance_1_scores_7137_and_breaks_min_total_minutes() {
        let nrp = instance1();
        let s = evaluate_roster(&nrp, &vec![vec![None; 14]; 8]);
        assert_eq!(s.objective, 7137);
        assert_eq!(s.violations.len(), 8);
        assert!(
            s.violations.iter().all(|v| v.starts_with("H5 ")),
            "{:?}",
            s.violations
        );
    }

    #[test]
    fn edge_conventions_of_the_run_rules() {
        // Instance 1: cmax 5, cmin 2, bmin 2, 7–9 shifts, 1 weekend; A is off on day 0.
        let nrp = instance1();
        let rules = |pattern: &str| -> Vec<String> {
            let mut roster = vec![vec![None; 14]; 8];
            roster[0] = pattern.chars().map(|c| (c == 'x').then_some(0)).collect();
            let s = evaluate_roster(&nrp, &roster);
            s.violations
                .into_iter()
                .filter(|v| v.contains("employee A "))
                .map(|v| v.split(' ').next().unwrap_or("").to_string())
                .collect()
        };
        // The lone working day 13 touches the edge: no H7; the lone day off 12 is interior: H8.
        assert_eq!(rules("..xxx..xxxxx.x"), vec!["H8"]);
        assert_eq!(rules(".xxxxxx.xx...."), vec!["H6", "H8"]);
        assert_eq!(rules(".xx.x..xxxxx.x"), vec!["H8", "H7", "H8"]);
        assert_eq!(rules(".xxxxx..xxx..x"), vec!["H9"]);
        assert_eq!(rules("xxxxx..xxx...."), vec!["H10"]);
        assert!(rules("..xxx..xxxxx..").is_empty());
    }
}
