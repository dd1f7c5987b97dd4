//! A planning: the shifts each agent works (and, once leave requests are
//! decided, which requests were granted). Solver-free: the model produces
//! one, `check` evaluates any, whether rota or a person wrote it.

use super::calendar::Day;
use super::instance::{AgentIdx, Instance, LeaveIdx, SecretariatIdx, ShiftIdx};

/// One worked shift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Assignment {
    /// Who.
    pub agent: AgentIdx,
    /// Day the shift is dated on.
    pub day: Day,
    /// Which kind of shift.
    pub shift: ShiftIdx,
    /// Where.
    pub secretariat: SecretariatIdx,
}

/// Worked shifts plus the requested leave granted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Planning {
    /// Worked shifts; kept sorted by [`Planning::normalize`].
    pub assignments: Vec<Assignment>,
    /// Indices of requested leave rows that are granted, sorted.
    pub granted: Vec<LeaveIdx>,
}

impl Planning {
    /// The planning of these shifts, no request granted.
    pub fn of(assignments: Vec<Assignment>) -> Planning {
        Planning {
            assignments,
            granted: Vec::new(),
        }
    }

    /// Sorts assignments by agent, day, shift start, shift id, secretariat and
    /// removes exact duplicates; sorts `granted`. Output order relies on it.
    pub fn normalize(&mut self, inst: &Instance) {
        self.assignments.sort_by_key(|a| {
            (
                a.agent,
                a.day,
                inst.shifts[a.shift].start,
                a.shift,
                a.secretariat,
            )
        });
        self.assignments.dedup();
        self.granted.sort_unstable();
        self.granted.dedup();
    }

    /// The assignments of one agent (requires a normalized planning).
    pub fn of_agent(&self, agent: AgentIdx) -> &[Assignment] {
        let lo = self.assignments.partition_point(|a| a.agent < agent);
        let hi = self.assignments.partition_point(|a| a.agent <= agent);
        &self.assignments[lo..hi]
    }
}

/// What `rota replan` keeps from the previous planning (README "Replan").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReplanContext {
    /// The previous planning (work rows and granted requests), normalized.
    pub previous: Planning,
    /// First day that may change; earlier days are kept exactly.
    pub from: Day,
    /// Rows of the previous planning marked `locked=1`, kept whatever their day.
    pub locked: Vec<Assignment>,
    /// Short-notice days: `from` and the following days that start within
    /// `change_notice_hours` of `from` 00:00.
    pub notice_days: Vec<Day>,
}

impl ReplanContext {
    /// The previous planning's work rows of one agent and day (sorted).
    pub fn previous_of(&self, agent: AgentIdx, day: Day) -> Vec<Assignment> {
        self.previous
            .assignments
            .iter()
            .copied()
            .filter(|a| a.agent == agent && a.day == day)
            .collect()
    }

    /// Short-notice days for a replan from `from` with `notice_hours` of
    /// notice over a horizon of `days` days: days whose 00:00 lies less than
    /// `notice_hours` after `from` 00:00.
    pub fn notice_days_for(from: Day, notice_hours: i64, days: usize) -> Vec<Day> {
        let n = ((notice_hours.max(0) + 23) / 24) as usize;
        (from..(from + n).min(days)).collect()
    }
}
