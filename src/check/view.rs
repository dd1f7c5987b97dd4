//! A read-only view of a planning for the checker: its valid shifts grouped
//! per agent and per day, each with its absolute times and paid minutes.
//! Rows that name something that does not exist are turned into violations
//! here and left out of every other computation.
//!
//! It knows the domain types only; it does not assume the planning was
//! normalized, and it keeps exact duplicates (they are real double work).

use super::{fmt_day, Violation};
use crate::domain::calendar::Day;
use crate::domain::{Assignment, Instance, Planning, RuleFamily, Shift};

/// One worked shift with its derived times.
#[derive(Debug, Clone, Copy)]
pub struct Work<'a> {
    /// The planning row.
    pub a: Assignment,
    /// Its kind of shift.
    pub shift: &'a Shift,
    /// Absolute start (minutes from the horizon's first midnight).
    pub abs_start: i64,
    /// Absolute end.
    pub abs_end: i64,
    /// Paid minutes (end − start − break).
    pub paid: i64,
}

/// The planning seen by agent and day.
#[derive(Debug, Clone)]
pub struct View<'a> {
    /// The instance.
    pub inst: &'a Instance,
    /// The planning as given.
    pub planning: &'a Planning,
    /// Per agent (index), per horizon day: the shifts dated that day,
    /// sorted by start, shift index, secretariat.
    pub days: Vec<Vec<Vec<Work<'a>>>>,
    /// Rows naming an unknown agent, shift or secretariat, or a day outside the horizon.
    pub invalid: Vec<Violation>,
}

impl<'a> View<'a> {
    /// Groups the valid rows of `planning`.
    pub fn new(inst: &'a Instance, planning: &'a Planning) -> Self {
        let n_days = inst.horizon.days;
        let mut days: Vec<Vec<Vec<Work<'a>>>> = vec![vec![Vec::new(); n_days]; inst.agents.len()];
        let mut invalid = Vec::new();
        for &a in &planning.assignments {
            let agent = inst.agents.get(a.agent);
            let shift = inst.shifts.get(a.shift);
            let sec = inst.secretariats.get(a.secretariat);
            let (Some(_), Some(shift), Some(_)) = (agent, shift, sec) else {
                let mut unknown = Vec::new();
                if agent.is_none() {
                    unknown.push(format!("agent #{}", a.agent));
                }
                if shift.is_none() {
                    unknown.push(format!("shift #{}", a.shift));
                }
                if sec.is_none() {
                    unknown.push(format!("secretariat #{}", a.secretariat));
                }
                invalid.push(Violation {
                    family: RuleFamily::Eligibility,
                    agent: agent.map(|_| a.agent),
                    day: (a.day < n_days).then_some(a.day),
                    message: format!(
                        "planning row on day #{} names an unknown {}; it is ignored everywhere else",
                        a.day,
                        unknown.join(", ")
                    ),
                });
                continue;
            };
            if a.day >= n_days {
                invalid.push(Violation {
                    family: RuleFamily::Opening,
                    agent: Some(a.agent),
                    day: None,
                    message: format!(
                        "agent {} works {} at {} on day #{} ({}), outside the horizon of {} days from {}",
                        inst.agents[a.agent].id,
                        shift.id,
                        inst.secretariats[a.secretariat].id,
                        a.day,
                        inst.horizon.date(a.day).format("%Y-%m-%d"),
                        n_days,
                        inst.horizon.start.format("%Y-%m-%d"),
                    ),
                });
                continue;
            }
            days[a.agent][a.day].push(Work {
                a,
                shift,
                abs_start: shift.abs_start(a.day),
                abs_end: shift.abs_end(a.day),
                paid: shift.paid_minutes(),
            });
        }
        for agent_days in &mut days {
            for list in agent_days.iter_mut() {
                list.sort_by_key(|w| (w.shift.start, w.a.shift, w.a.secretariat));
            }
        }
        View {
            inst,
            planning,
            days,
            invalid,
        }
    }

    /// The shifts of `agent` dated `day`.
    pub fn on(&self, agent: usize, day: Day) -> &[Work<'a>] {
        self.days
            .get(agent)
            .and_then(|d| d.get(day))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Whether `agent` works (has a shift dated) on `day`.
    pub fn works(&self, agent: usize, day: Day) -> bool {
        !self.on(agent, day).is_empty()
    }

    /// Every valid shift of `agent`, in date then start order.
    pub fn all_of(&self, agent: usize) -> impl Iterator<Item = &Work<'a>> {
        self.days.get(agent).into_iter().flatten().flatten()
    }

    /// Every valid shift, by agent, date, start.
    pub fn all(&self) -> impl Iterator<Item = &Work<'a>> {
        self.days.iter().flatten().flatten()
    }

    /// `A1 works M (08:00–12:00) at S on Mon 2026-12-07` — the start of most messages.
    pub fn describe(&self, w: &Work<'_>) -> String {
        format!(
            "agent {} works {} ({}) at {} on {}",
            self.inst.agents[w.a.agent].id,
            w.shift.id,
            super::fmt_window(w.shift.start, w.shift.end),
            self.inst.secretariats[w.a.secretariat].id,
            fmt_day(self.inst, w.a.day)
        )
    }
}
