//! The validated instance: every id resolved to a dense index, every date to
//! a horizon day, every time to minutes. `validate` builds it; `model`,
//! `check` and `report` read it.

use super::calendar::{Day, Horizon, DAY_MINUTES};
use chrono::{NaiveDate, Weekday};
use std::collections::BTreeSet;

/// Index into [`Instance::shifts`].
pub type ShiftIdx = usize;
/// Index into [`Instance::secretariats`].
pub type SecretariatIdx = usize;
/// Index into [`Instance::contracts`].
pub type ContractIdx = usize;
/// Index into [`Instance::agents`].
pub type AgentIdx = usize;
/// Index into [`Instance::leaves`].
pub type LeaveIdx = usize;

/// A validated instance folder.
#[derive(Debug, Clone)]
pub struct Instance {
    /// Display name (`instance.toml` `name`).
    pub name: String,
    /// Dates planned and public holidays.
    pub horizon: Horizon,
    /// `[rules]`, in minutes.
    pub rules: Rules,
    /// `[weights]`.
    pub weights: Weights,
    /// Kinds of shift, in file order.
    pub shifts: Vec<Shift>,
    /// Secretariats, in file order.
    pub secretariats: Vec<Secretariat>,
    /// Named groups of secretariats (kept for reports; agents' `covers`
    /// are already expanded).
    pub pools: Vec<Pool>,
    /// Contracts; when contracts.csv is absent, one default contract built
    /// from `[rules]` with id `default`.
    pub contracts: Vec<Contract>,
    /// Agents, in file order.
    pub agents: Vec<Agent>,
    /// Coverage needs, one per (row, day) occurrence inside the horizon
    /// after closures and holidays have removed weekday rows.
    pub needs: Vec<Need>,
    /// Closed (secretariat, day) pairs from closures.csv, inside the horizon.
    pub closures: BTreeSet<(SecretariatIdx, Day)>,
    /// Availability rows, one per (row, day) occurrence inside the horizon.
    pub availability: Vec<Availability>,
    /// Leave rows (approved and requested), in file order; dates may reach
    /// outside the horizon.
    pub leaves: Vec<Leave>,
}

/// `[rules]` of instance.toml, with hours converted to minutes.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    /// Contract hours of a full-time agent when no contract says otherwise (minutes per week).
    pub weekly_minutes: i64,
    /// Paid work in one day.
    pub max_daily_minutes: i64,
    /// First start to last end within one day.
    pub max_amplitude_minutes: i64,
    /// Between the end of one day's work and the next day's first start.
    pub min_daily_rest_minutes: i64,
    /// Consecutive rest in every ISO week wholly inside the horizon.
    pub min_weekly_rest_minutes: i64,
    /// Paid minutes in any 7 consecutive days.
    pub max_weekly_minutes: i64,
    /// Working days in a row.
    pub max_consecutive_days: u32,
    /// Shortest run of days off.
    pub min_consecutive_days_off: u32,
    /// Weekends worked over the horizon (`None` = unlimited).
    pub max_weekends: Option<u32>,
    /// Overtime per calendar month.
    pub overtime_cap_month_minutes: i64,
    /// Replan notice.
    pub change_notice_hours: i64,
    /// Minute of the day where an `am` half-day ends and a `pm` one begins.
    pub half_day_split: i64,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            weekly_minutes: 2250,
            max_daily_minutes: 9 * 60,
            max_amplitude_minutes: 630,
            min_daily_rest_minutes: 12 * 60,
            min_weekly_rest_minutes: 36 * 60,
            max_weekly_minutes: 48 * 60,
            max_consecutive_days: 6,
            min_consecutive_days_off: 1,
            max_weekends: None,
            overtime_cap_month_minutes: 20 * 60,
            change_notice_hours: 48,
            half_day_split: 13 * 60,
        }
    }
}

/// `[weights]` of instance.toml: penalty units of the objective.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    /// Per agent-hour below a need's `min`.
    pub uncovered: f64,
    /// Per agent-hour between `min` and `target`.
    pub below_target: f64,
    /// Per agent-hour above `max`.
    pub above_max: f64,
    /// Per counted day of refused requested leave, × priority.
    pub leave_refused: f64,
    /// Per hour of overtime.
    pub overtime: f64,
    /// Per hour below a week's due.
    pub under_hours: f64,
    /// × a row's weight, per unhonoured prefer_off / prefer_on occurrence.
    pub preference: f64,
    /// Per shift worked outside home.
    pub away_from_home: f64,
    /// Per change of secretariat within one day.
    pub secretariat_change: f64,
    /// Per row of the previous planning changed (replan).
    pub replan_change: f64,
}

impl Weights {
    /// The `[weights]` keys, which are also the names of the objective's
    /// terms in `summary.json`, in SPEC order.
    pub const NAMES: [&'static str; 10] = [
        "uncovered",
        "below_target",
        "above_max",
        "leave_refused",
        "overtime",
        "under_hours",
        "preference",
        "away_from_home",
        "secretariat_change",
        "replan_change",
    ];
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            uncovered: 1000.0,
            below_target: 10.0,
            above_max: 5.0,
            leave_refused: 200.0,
            overtime: 20.0,
            under_hours: 15.0,
            preference: 1.0,
            away_from_home: 2.0,
            secretariat_change: 3.0,
            replan_change: 50.0,
        }
    }
}

/// A kind of shift (poste / vacation).
#[derive(Debug, Clone, PartialEq)]
pub struct Shift {
    /// `id` as written in shifts.csv.
    pub id: String,
    /// Start, minutes after midnight of the day the shift is dated on.
    pub start: i64,
    /// End, minutes after midnight of its date; greater than `start`, and
    /// ≥ 1440 for a shift ending the next day.
    pub end: i64,
    /// Unpaid break.
    pub break_minutes: i64,
    /// Human label.
    pub label: String,
    /// Kinds that may not be worked the day after this one.
    pub cannot_follow: Vec<ShiftIdx>,
}

impl Shift {
    /// Paid minutes: end − start − break.
    pub fn paid_minutes(&self) -> i64 {
        self.end - self.start - self.break_minutes
    }

    /// Absolute start, in minutes from the horizon's first midnight, when dated `day`.
    pub fn abs_start(&self, day: Day) -> i64 {
        day as i64 * DAY_MINUTES + self.start
    }

    /// Absolute end, in minutes from the horizon's first midnight, when dated `day`.
    pub fn abs_end(&self, day: Day) -> i64 {
        day as i64 * DAY_MINUTES + self.end
    }
}

/// A secretariat: where agents work.
#[derive(Debug, Clone, PartialEq)]
pub struct Secretariat {
    /// `id` as written.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Pôle it belongs to.
    pub pole: String,
    /// Open weekdays.
    pub days: Vec<Weekday>,
    /// Opening, minutes after midnight.
    pub opens: i64,
    /// Closing, minutes after midnight (may exceed 1440 for a secretariat open past midnight).
    pub closes: i64,
}

/// A named group of secretariats.
#[derive(Debug, Clone, PartialEq)]
pub struct Pool {
    /// Pool id.
    pub id: String,
    /// Member secretariats, sorted.
    pub members: Vec<SecretariatIdx>,
}

/// A rule set shared by agents.
#[derive(Debug, Clone, PartialEq)]
pub struct Contract {
    /// `id` as written (`default` for the implicit one).
    pub id: String,
    /// Full-time weekly minutes of this contract (before quotité).
    pub weekly_minutes: i64,
    /// Working days per ISO week (days of the week inside the horizon).
    pub max_days_per_week: u32,
    /// Working days in a row.
    pub max_consecutive_days: u32,
    /// Shortest run of working days between days off.
    pub min_consecutive_days: u32,
    /// Shortest run of days off between working days.
    pub min_consecutive_days_off: u32,
    /// Weekends worked over the horizon.
    pub max_weekends: Option<u32>,
    /// Worked minutes over the horizon, at least.
    pub min_total_minutes: i64,
    /// Worked minutes over the horizon, at most.
    pub max_total_minutes: Option<i64>,
    /// Per shift kind (indexed by `ShiftIdx`): maximum number over the horizon.
    pub max_shifts: Vec<Option<u32>>,
}

/// A secretary.
#[derive(Debug, Clone, PartialEq)]
pub struct Agent {
    /// `id` as written.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Contract.
    pub contract: ContractIdx,
    /// Quotité in percent (100, 80, 50 ...).
    pub rate: f64,
    /// Secretariat of first assignment.
    pub home: SecretariatIdx,
    /// Other secretariats she may work in (pools expanded), sorted, without `home`.
    pub covers: Vec<SecretariatIdx>,
    /// Free-form skills.
    pub skills: Vec<String>,
    /// Weekdays with a whole-day recurring `off` row (a part-timer's fixed
    /// day off), sorted Mon..Sun; they are not usual working days.
    pub fixed_days_off: Vec<Weekday>,
    /// Overtime already done this month before the horizon (minutes).
    pub overtime_month_minutes_done: i64,
    /// Remaining CA days, if known.
    pub ca_days_left: Option<f64>,
    /// Remaining RTT days, if known.
    pub rtt_days_left: Option<f64>,
}

impl Agent {
    /// Whether she may work at `sec` (home or covers).
    pub fn may_work_at(&self, sec: SecretariatIdx) -> bool {
        self.home == sec || self.covers.binary_search(&sec).is_ok()
    }
}

/// The time a need applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NeedWindow {
    /// Every minute of [start, end) of the day (minutes after midnight).
    Minutes {
        /// Start minute.
        start: i64,
        /// End minute (exclusive).
        end: i64,
    },
    /// Only agents on this exact shift count; shortfall is counted in agents.
    Shift(ShiftIdx),
}

/// One occurrence of a needs.csv row on one horizon day.
#[derive(Debug, Clone, PartialEq)]
pub struct Need {
    /// Where.
    pub secretariat: SecretariatIdx,
    /// Which day.
    pub day: Day,
    /// When.
    pub window: NeedWindow,
    /// Minimum agents.
    pub min: u32,
    /// Comfortable staffing (≥ min).
    pub target: u32,
    /// Over-staffing threshold (`None` = unlimited).
    pub max: Option<u32>,
    /// Free label (consultation name).
    pub label: String,
    /// Row override of `[weights] uncovered` (per agent-hour, or per agent for shift needs).
    pub weight_under: Option<f64>,
    /// Row override of `[weights] above_max`.
    pub weight_over: Option<f64>,
    /// Whether the row was dated (a dated row opens its day).
    pub dated: bool,
    /// 1-based line in needs.csv, for messages.
    pub line: usize,
}

/// Kind of an availability row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AvailabilityKind {
    /// Hard: cannot work.
    Off,
    /// Soft: would rather not work.
    PreferOff,
    /// Soft: would rather work.
    PreferOn,
}

/// What part of a day an availability row concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AvailabilityScope {
    /// Every shift dated that day.
    AllShifts,
    /// One shift kind.
    Shift(ShiftIdx),
    /// Shifts overlapping [start, end) of that day (minutes after midnight).
    Window {
        /// Start minute.
        start: i64,
        /// End minute (exclusive).
        end: i64,
    },
}

impl AvailabilityScope {
    /// Whether a shift of kind `shift_idx` (dated that day) falls under this scope.
    pub fn matches(&self, shift_idx: ShiftIdx, shift: &Shift) -> bool {
        match *self {
            AvailabilityScope::AllShifts => true,
            AvailabilityScope::Shift(s) => s == shift_idx,
            AvailabilityScope::Window { start, end } => shift.start < end && start < shift.end,
        }
    }
}

/// One occurrence of an availability.csv row on one horizon day.
#[derive(Debug, Clone, PartialEq)]
pub struct Availability {
    /// Who.
    pub agent: AgentIdx,
    /// Which day.
    pub day: Day,
    /// Off / prefer_off / prefer_on.
    pub kind: AvailabilityKind,
    /// Narrowing.
    pub scope: AvailabilityScope,
    /// Row weight (multiplies `[weights] preference`); 1 by default.
    pub weight: f64,
    /// Whether the row was written with a weekday (recurring) rather than a date.
    pub recurring: bool,
    /// 1-based line in availability.csv.
    pub line: usize,
}

/// Status of a leave row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeaveStatus {
    /// A fixed absence.
    Approved,
    /// rota decides (granted or refused as a whole).
    Requested,
}

/// Part of each day a leave row covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeavePart {
    /// The whole day.
    Day,
    /// Morning: shifts overlapping [00:00, half_day_split).
    Am,
    /// Afternoon: shifts overlapping [half_day_split, 24:00).
    Pm,
}

/// A leave.csv row.
#[derive(Debug, Clone, PartialEq)]
pub struct Leave {
    /// Row id.
    pub id: String,
    /// Who.
    pub agent: AgentIdx,
    /// `CA`, `RTT`, `MALADIE`, ... (personal data).
    pub leave_type: String,
    /// First date (may be before the horizon).
    pub first_day: NaiveDate,
    /// Last date, inclusive (may be after the horizon).
    pub last_day: NaiveDate,
    /// Approved or requested.
    pub status: LeaveStatus,
    /// Whole day or half day.
    pub part: LeavePart,
    /// When the request was made.
    pub requested_on: Option<NaiveDate>,
    /// Priority multiplier of the refusal penalty (default 1).
    pub priority: f64,
    /// 1-based line in leave.csv.
    pub line: usize,
}

impl Leave {
    /// The horizon days this leave touches, in order.
    pub fn days_in(&self, horizon: &Horizon) -> Vec<Day> {
        horizon
            .all_days()
            .filter(|&d| {
                let date = horizon.date(d);
                date >= self.first_day && date <= self.last_day
            })
            .collect()
    }

    /// Whether this leave, on one of its days, forbids a shift dated that day.
    pub fn blocks(&self, shift: &Shift, half_day_split: i64) -> bool {
        match self.part {
            LeavePart::Day => true,
            LeavePart::Am => shift.start < half_day_split,
            LeavePart::Pm => shift.end > half_day_split && shift.start < DAY_MINUTES,
        }
    }

    /// Fraction of a day this leave counts for (1 or 0.5).
    pub fn day_fraction(&self) -> f64 {
        match self.part {
            LeavePart::Day => 1.0,
            LeavePart::Am | LeavePart::Pm => 0.5,
        }
    }
}

impl Instance {
    /// Whether `sec` is open on `day`: an open weekday that is neither a
    /// holiday nor a closure, or any day with a dated need for it.
    pub fn is_open(&self, sec: SecretariatIdx, day: Day) -> bool {
        let s = &self.secretariats[sec];
        let regular = s.days.contains(&self.horizon.weekday(day))
            && !self.horizon.is_holiday(day)
            && !self.closures.contains(&(sec, day));
        regular
            || self
                .needs
                .iter()
                .any(|n| n.dated && n.secretariat == sec && n.day == day)
    }

    /// The contract of an agent.
    pub fn contract_of(&self, agent: AgentIdx) -> &Contract {
        self.agents[agent].contract_of(self)
    }

    /// Looks an agent up by id.
    pub fn agent_index(&self, id: &str) -> Option<AgentIdx> {
        self.agents.iter().position(|a| a.id == id)
    }

    /// Looks a shift up by id.
    pub fn shift_index(&self, id: &str) -> Option<ShiftIdx> {
        self.shifts.iter().position(|s| s.id == id)
    }

    /// Looks a secretariat up by id.
    pub fn secretariat_index(&self, id: &str) -> Option<SecretariatIdx> {
        self.secretariats.iter().position(|s| s.id == id)
    }
}

impl Agent {
    /// Her contract.
    pub fn contract_of<'a>(&self, instance: &'a Instance) -> &'a Contract {
        &instance.contracts[self.contract]
    }
}
