//! Adequacy of resources to activity (« adéquation ressources / activité »),
//! before any solve: per pôle and ISO week touching the horizon, the
//! agent-hours the needs ask for against the agent-hours the agents can
//! give, and per secretariat and day the people needed at once against the
//! eligible people present. Solver-free and fast (a few sums over the
//! instance): it never uses `model`, `solve` or the solver crates.
//!
//! # Definitions (minutes; README "Capacity")
//!
//! - **Demand** of a secretariat in a week: over its need occurrences
//!   (`Instance::needs`) dated on the week's horizon days, Σ `min` × window
//!   minutes for a minute window (overlapping rows add up, as coverage counts
//!   them) and Σ `min` × the shift's paid minutes for a shift-kind need.
//!   **Target demand**: the same with `target`.
//! - **Available** of an agent in a week: `max(0, due − credited)` with
//!   `domain::hours::week_due_minutes` and `week_credited_minutes` with no
//!   requested leave granted (approved leave and public holidays only): the
//!   hours her contract asks her to work that week once approved leave,
//!   fixed days off (part time) and public holidays are taken out. Dated
//!   `off` rows do not reduce it (they give no credit either: the hours are
//!   due on her other days).
//! - **Overtime share** of an agent in a week: `overtime_cap_month_hours`
//!   divided by the number of horizon weeks belonging to the same month
//!   (weeks by their Thursday), rounded to the minute; nothing is deducted
//!   (not `overtime_month_hours_done`), so it is an upper bound.
//!   **Available with overtime** = available + overtime share.
//! - **Pôle** figures: demand of the pôle's secretariats against the
//!   available hours of the agents whose *home* is in the pôle; the agents of
//!   other pôles who may work there (covers, pools) are reported apart
//!   (`available_from_other_poles`), never added.
//! - **Secretariat** figures: demand against the available hours of every
//!   agent eligible there (home or covers), each agent counted fully at every
//!   secretariat she may work at: an upper bound of what it can get.
//! - **Status** of figures: `short_even_with_overtime` when demand >
//!   available with overtime; else `short` when demand > available; else
//!   `tight` when demand / available > 0.9; else `ok`.
//! - **Day shortfall** (what weekly totals hide): per secretariat and day
//!   with needs, the peak over the day's minutes of the agents needed at
//!   once, `max(Σ min of minute windows, Σ min of shift needs)` at that
//!   minute, against the eligible agents *present* that day (not on approved
//!   whole-day leave — or both half days — nor on a whole-day `off` row);
//!   reported when the peak exceeds them: a certain shortfall, whatever the
//!   planning. Minutes are counted on the need's own date (a window running
//!   past midnight stays on its day).
//!
//! Caveat: coverage counts every minute of a shift, break included, while
//! available hours are paid hours; a week flagged `short` by a margin below
//! the breaks' share could still be covered.

pub mod render;

pub use render::{capacity_csv, capacity_text};

use crate::domain::calendar::{Day, Horizon};
use crate::domain::hours::{week_credited_minutes, week_due_minutes};
use crate::domain::{
    AgentIdx, AvailabilityKind, AvailabilityScope, Instance, LeavePart, LeaveStatus, NeedWindow,
    SecretariatIdx,
};
use std::collections::BTreeSet;

/// Ratio demand / available above which a week is `tight`.
pub const TIGHT_RATIO: f64 = 0.9;

/// How demand compares with the hours available.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Demand ≤ 90 % of the available hours.
    Ok,
    /// Demand between 90 % and 100 % of the available hours.
    Tight,
    /// Demand above the available hours, within them with overtime.
    Short,
    /// Demand above the available hours even with the overtime share.
    ShortEvenWithOvertime,
}

impl Status {
    /// The name written in `capacity.csv`.
    pub fn name(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Tight => "tight",
            Status::Short => "short",
            Status::ShortEvenWithOvertime => "short_even_with_overtime",
        }
    }

    /// Whether demand exceeds the available hours.
    pub fn is_short(self) -> bool {
        matches!(self, Status::Short | Status::ShortEvenWithOvertime)
    }
}

/// Demand against availability, in minutes, for one pôle or secretariat and one week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Figures {
    /// Agent-minutes needed at `min`.
    pub demand: i64,
    /// Agent-minutes needed at `target`.
    pub target: i64,
    /// Agent-minutes available at due hours.
    pub available: i64,
    /// `available` plus the overtime shares.
    pub available_with_overtime: i64,
}

impl Figures {
    /// demand / available; 0 when both are 0, `None` when only available is 0.
    pub fn ratio(&self) -> Option<f64> {
        if self.available > 0 {
            Some(self.demand as f64 / self.available as f64)
        } else if self.demand <= 0 {
            Some(0.0)
        } else {
            None
        }
    }

    /// `ok`, `tight`, `short` or `short_even_with_overtime` (module doc).
    pub fn status(&self) -> Status {
        if self.demand > self.available_with_overtime {
            Status::ShortEvenWithOvertime
        } else if self.demand > self.available {
            Status::Short
        } else if self.ratio().is_some_and(|r| r > TIGHT_RATIO) {
            Status::Tight
        } else {
            Status::Ok
        }
    }
}

/// One ISO week touching the horizon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekInfo {
    /// `YYYY-Www`.
    pub label: String,
    /// `YYYY-MM` of its Thursday.
    pub month: String,
    /// Its horizon days.
    pub days: Vec<Day>,
    /// Horizon weeks belonging to the same month (this one included).
    pub weeks_in_month: usize,
}

/// One agent's hours in one week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AgentWeek {
    /// `domain::hours::week_due_minutes`.
    pub due: i64,
    /// Credited minutes of approved leave and public holidays.
    pub credited: i64,
    /// max(0, due − credited).
    pub available: i64,
    /// Her share of the monthly overtime cap for this week.
    pub overtime_share: i64,
}

impl AgentWeek {
    /// available + overtime share.
    pub fn available_with_overtime(&self) -> i64 {
        self.available + self.overtime_share
    }
}

/// One secretariat's weeks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretariatCapacity {
    /// Which secretariat.
    pub secretariat: SecretariatIdx,
    /// Agents who may work there (home or covers), in file order.
    pub eligible: Vec<AgentIdx>,
    /// Per week (same order as [`CapacityReport::weeks`]): demand against
    /// the hours of every eligible agent.
    pub weeks: Vec<Figures>,
}

/// One pôle's figures in one week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PoleWeek {
    /// Demand of the pôle's secretariats against the agents whose home is in the pôle.
    pub figures: Figures,
    /// Available minutes of the agents of other pôles who may work in this one.
    pub available_from_other_poles: i64,
    /// The same with their overtime shares.
    pub available_from_other_poles_with_overtime: i64,
}

/// One pôle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoleCapacity {
    /// Pôle name as written in secretariats.csv.
    pub pole: String,
    /// Its secretariats, in file order.
    pub secretariats: Vec<SecretariatCapacity>,
    /// Agents whose home is in the pôle, in file order.
    pub home_agents: Vec<AgentIdx>,
    /// Agents of other pôles who may work at one of its secretariats, in file order.
    pub helpers: Vec<AgentIdx>,
    /// Per week.
    pub weeks: Vec<PoleWeek>,
}

/// A day on which a secretariat needs more agents at once than it has
/// eligible agents present: a certain shortfall.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayShortfall {
    /// Where.
    pub secretariat: SecretariatIdx,
    /// Which day.
    pub day: Day,
    /// First minute of the (first) peak, minutes after midnight.
    pub start: i64,
    /// End of that peak window.
    pub end: i64,
    /// Agents needed at once at the peak.
    pub peak_min: u32,
    /// Agents eligible at the secretariat.
    pub eligible: usize,
    /// Of them, present that day (not on whole-day leave or off).
    pub present: usize,
}

impl DayShortfall {
    /// Agents missing at the peak: peak − present.
    pub fn missing(&self) -> u32 {
        self.peak_min.saturating_sub(self.present as u32)
    }
}

/// Everything `rota capacity` reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapacityReport {
    /// Instance name (`instance.toml` `name`).
    pub name: String,
    /// The horizon (dates of the day indices).
    pub horizon: Horizon,
    /// Secretariat ids, by index.
    pub secretariat_ids: Vec<String>,
    /// Agent ids, by index.
    pub agent_ids: Vec<String>,
    /// The ISO weeks touching the horizon, in order.
    pub weeks: Vec<WeekInfo>,
    /// Per agent (file order), per week: her hours.
    pub agents: Vec<Vec<AgentWeek>>,
    /// Per pôle, by first appearance in secretariats.csv.
    pub poles: Vec<PoleCapacity>,
    /// Certain day-level shortfalls, by secretariat (file order) then day.
    pub day_shortfalls: Vec<DayShortfall>,
}

/// Computes the capacity report of `inst` (no solve).
pub fn capacity(inst: &Instance) -> CapacityReport {
    let iso = inst.horizon.iso_weeks();
    let months: Vec<String> = iso.iter().map(|w| w.month_label()).collect();
    let weeks: Vec<WeekInfo> = iso
        .iter()
        .zip(&months)
        .map(|(w, m)| WeekInfo {
            label: w.label.clone(),
            month: m.clone(),
            days: w.days.clone(),
            weeks_in_month: months.iter().filter(|x| *x == m).count(),
        })
        .collect();
    let mut week_of_day = vec![usize::MAX; inst.horizon.days];
    for (wi, w) in iso.iter().enumerate() {
        for &d in &w.days {
            if let Some(slot) = week_of_day.get_mut(d) {
                *slot = wi;
            }
        }
    }

    let cap = inst.rules.overtime_cap_month_minutes.max(0);
    let agents: Vec<Vec<AgentWeek>> = (0..inst.agents.len())
        .map(|a| {
            iso.iter()
                .zip(&weeks)
                .map(|(w, info)| {
                    let due = week_due_minutes(inst, a, w);
                    let credited = week_credited_minutes(inst, a, w, &[]);
                    let share = (cap as f64 / info.weeks_in_month.max(1) as f64).round() as i64;
                    AgentWeek {
                        due,
                        credited,
                        available: (due - credited).max(0),
                        overtime_share: share,
                    }
                })
                .collect()
        })
        .collect();

    // Demand per secretariat and week: (min, target) agent-minutes.
    let n_weeks = weeks.len();
    let mut demand = vec![vec![(0i64, 0i64); n_weeks]; inst.secretariats.len()];
    for n in &inst.needs {
        let Some(&wi) = week_of_day.get(n.day) else {
            continue;
        };
        if wi >= n_weeks || n.secretariat >= inst.secretariats.len() {
            continue;
        }
        let minutes = match n.window {
            NeedWindow::Minutes { start, end } => (end - start).max(0),
            NeedWindow::Shift(k) => inst
                .shifts
                .get(k)
                .map(|s| s.paid_minutes().max(0))
                .unwrap_or(0),
        };
        let slot = &mut demand[n.secretariat][wi];
        slot.0 += n.min as i64 * minutes;
        slot.1 += n.target as i64 * minutes;
    }

    let mut pole_names: Vec<&str> = Vec::new();
    for s in &inst.secretariats {
        if !pole_names.contains(&s.pole.as_str()) {
            pole_names.push(&s.pole);
        }
    }
    let pole_of = |sec: SecretariatIdx| inst.secretariats.get(sec).map(|s| s.pole.as_str());

    let poles = pole_names
        .iter()
        .map(|&pole| {
            let secs: Vec<SecretariatIdx> = (0..inst.secretariats.len())
                .filter(|&s| inst.secretariats[s].pole == pole)
                .collect();
            let home_agents: Vec<AgentIdx> = (0..inst.agents.len())
                .filter(|&a| pole_of(inst.agents[a].home) == Some(pole))
                .collect();
            let helpers: Vec<AgentIdx> = (0..inst.agents.len())
                .filter(|&a| {
                    pole_of(inst.agents[a].home) != Some(pole)
                        && secs.iter().any(|&s| inst.agents[a].may_work_at(s))
                })
                .collect();
            let secretariats: Vec<SecretariatCapacity> = secs
                .iter()
                .map(|&s| {
                    let eligible: Vec<AgentIdx> = (0..inst.agents.len())
                        .filter(|&a| inst.agents[a].may_work_at(s))
                        .collect();
                    let weeks = (0..n_weeks)
                        .map(|wi| Figures {
                            demand: demand[s][wi].0,
                            target: demand[s][wi].1,
                            available: eligible.iter().map(|&a| agents[a][wi].available).sum(),
                            available_with_overtime: eligible
                                .iter()
                                .map(|&a| agents[a][wi].available_with_overtime())
                                .sum(),
                        })
                        .collect();
                    SecretariatCapacity {
                        secretariat: s,
                        eligible,
                        weeks,
                    }
                })
                .collect();
            let weeks = (0..n_weeks)
                .map(|wi| PoleWeek {
                    figures: Figures {
                        demand: secs.iter().map(|&s| demand[s][wi].0).sum(),
                        target: secs.iter().map(|&s| demand[s][wi].1).sum(),
                        available: home_agents.iter().map(|&a| agents[a][wi].available).sum(),
                        available_with_overtime: home_agents
                            .iter()
                            .map(|&a| agents[a][wi].available_with_overtime())
                            .sum(),
                    },
                    available_from_other_poles: helpers
                        .iter()
                        .map(|&a| agents[a][wi].available)
                        .sum(),
                    available_from_other_poles_with_overtime: helpers
                        .iter()
                        .map(|&a| agents[a][wi].available_with_overtime())
                        .sum(),
                })
                .collect();
            PoleCapacity {
                pole: pole.to_string(),
                secretariats,
                home_agents,
                helpers,
                weeks,
            }
        })
        .collect();

    CapacityReport {
        name: inst.name.clone(),
        horizon: inst.horizon.clone(),
        secretariat_ids: inst.secretariats.iter().map(|s| s.id.clone()).collect(),
        agent_ids: inst.agents.iter().map(|a| a.id.clone()).collect(),
        weeks,
        agents,
        poles,
        day_shortfalls: day_shortfalls(inst),
    }
}

/// Whether the agent is away the whole of `day`: approved whole-day leave
/// (or approved morning and afternoon), or a whole-day `off` occurrence.
pub fn absent_whole_day(inst: &Instance, agent: AgentIdx, day: Day) -> bool {
    let date = inst.horizon.date(day);
    let (mut am, mut pm) = (false, false);
    for l in inst
        .leaves
        .iter()
        .filter(|l| l.agent == agent && l.status == LeaveStatus::Approved)
    {
        if l.first_day <= date && date <= l.last_day {
            match l.part {
                LeavePart::Day => return true,
                LeavePart::Am => am = true,
                LeavePart::Pm => pm = true,
            }
        }
    }
    if am && pm {
        return true;
    }
    inst.availability.iter().any(|r| {
        r.agent == agent
            && r.day == day
            && r.kind == AvailabilityKind::Off
            && r.scope == AvailabilityScope::AllShifts
    })
}

/// The day-level check of the module doc, for every secretariat and day with needs.
fn day_shortfalls(inst: &Instance) -> Vec<DayShortfall> {
    let mut out = Vec::new();
    for sec in 0..inst.secretariats.len() {
        let days: BTreeSet<Day> = inst
            .needs
            .iter()
            .filter(|n| n.secretariat == sec && n.day < inst.horizon.days)
            .map(|n| n.day)
            .collect();
        if days.is_empty() {
            continue;
        }
        let eligible: Vec<AgentIdx> = (0..inst.agents.len())
            .filter(|&a| inst.agents[a].may_work_at(sec))
            .collect();
        for day in days {
            // (start, end, min, is_shift_need)
            let rows: Vec<(i64, i64, u32, bool)> = inst
                .needs
                .iter()
                .filter(|n| n.secretariat == sec && n.day == day)
                .filter_map(|n| match n.window {
                    NeedWindow::Minutes { start, end } => Some((start, end, n.min, false)),
                    NeedWindow::Shift(k) => {
                        inst.shifts.get(k).map(|s| (s.start, s.end, n.min, true))
                    }
                })
                .filter(|r| r.1 > r.0)
                .collect();
            let Some((peak, start, end)) = peak(&rows) else {
                continue;
            };
            let present = eligible
                .iter()
                .filter(|&&a| !absent_whole_day(inst, a, day))
                .count();
            if peak as usize > present {
                out.push(DayShortfall {
                    secretariat: sec,
                    day,
                    start,
                    end,
                    peak_min: peak,
                    eligible: eligible.len(),
                    present,
                });
            }
        }
    }
    out
}

/// The largest number of agents needed at once over `rows`
/// `(start, end, min, is_shift_need)` and the first maximal window where it
/// is reached; `None` when nothing is needed.
fn peak(rows: &[(i64, i64, u32, bool)]) -> Option<(u32, i64, i64)> {
    let cuts: BTreeSet<i64> = rows.iter().flat_map(|r| [r.0, r.1]).collect();
    let cuts: Vec<i64> = cuts.into_iter().collect();
    let mut best: Option<(u32, i64, i64)> = None;
    for seg in cuts.windows(2) {
        let (s, e) = (seg[0], seg[1]);
        let inside = rows.iter().filter(|r| r.0 <= s && e <= r.1);
        let (mut minutes, mut shifts) = (0u32, 0u32);
        for r in inside {
            if r.3 {
                shifts = shifts.saturating_add(r.2);
            } else {
                minutes = minutes.saturating_add(r.2);
            }
        }
        let need = minutes.max(shifts);
        match &mut best {
            Some((b, _, be)) if need == *b && *be == s => *be = e,
            Some((b, _, _)) if need <= *b => {}
            _ if need > 0 => best = Some((need, s, e)),
            _ => {}
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::TinyInstance;
    use crate::domain::{LeavePart, LeaveStatus};

    #[test]
    fn peak_merges_adjacent_equal_segments_and_takes_shift_needs_apart() {
        // Windows 08–10 min 1 and 09–12 min 1: 2 needed 09–10.
        assert_eq!(
            peak(&[(480, 600, 1, false), (540, 720, 1, false)]),
            Some((2, 540, 600))
        );
        // Two adjacent windows of min 2: one peak 08–12.
        assert_eq!(
            peak(&[(480, 600, 2, false), (600, 720, 2, false)]),
            Some((2, 480, 720))
        );
        // A shift need min 3 over a window min 1: 3 distinct agents.
        assert_eq!(
            peak(&[(480, 720, 1, false), (480, 750, 3, true)]),
            Some((3, 480, 750))
        );
        assert_eq!(peak(&[(480, 720, 0, false)]), None);
        assert_eq!(peak(&[]), None);
    }

    #[test]
    fn status_thresholds() {
        let f = |demand, available, with| Figures {
            demand,
            target: demand,
            available,
            available_with_overtime: with,
        };
        assert_eq!(f(90, 100, 120).status(), Status::Ok);
        assert_eq!(f(91, 100, 120).status(), Status::Tight);
        assert_eq!(f(100, 100, 120).status(), Status::Tight);
        assert_eq!(f(101, 100, 120).status(), Status::Short);
        assert_eq!(f(121, 100, 120).status(), Status::ShortEvenWithOvertime);
        assert_eq!(f(0, 0, 0).status(), Status::Ok);
        assert_eq!(f(0, 0, 0).ratio(), Some(0.0));
        assert_eq!(f(5, 0, 0).ratio(), None);
        assert_eq!(f(5, 0, 10).status(), Status::Short);
    }

    #[test]
    fn whole_day_absence_and_two_half_days() {
        let inst = TinyInstance::new(5)
            .shift("M", "08:00", "12:00", 0)
            .secretariat("S", "P")
            .agent("A", "S", &[])
            .leave("A", "CA", 0, 0, LeaveStatus::Approved, LeavePart::Am)
            .leave("A", "RTT", 0, 0, LeaveStatus::Approved, LeavePart::Pm)
            .leave("A", "CA", 1, 1, LeaveStatus::Approved, LeavePart::Am)
            .leave("A", "CA", 2, 2, LeaveStatus::Requested, LeavePart::Day)
            .availability(
                "A",
                3,
                AvailabilityKind::Off,
                AvailabilityScope::AllShifts,
                1.0,
            )
            .availability(
                "A",
                4,
                AvailabilityKind::Off,
                AvailabilityScope::Shift(0),
                1.0,
            )
            .build();
        let got: Vec<bool> = (0..5).map(|d| absent_whole_day(&inst, 0, d)).collect();
        assert_eq!(got, vec![true, false, false, true, false]);
    }

    #[test]
    fn empty_instance_does_not_panic() {
        let inst = TinyInstance::new(3).build();
        let r = capacity(&inst);
        assert_eq!(r.weeks.len(), 1);
        assert!(r.poles.is_empty());
        assert_eq!(capacity_csv(&r).lines().count(), 1);
        let _ = capacity_text(&r);
    }
}
