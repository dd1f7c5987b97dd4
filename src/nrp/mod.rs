//! The public Employee Shift Scheduling Benchmark (Curtois & Qu, "NRP"
//! Instances 1–24; format in `benchmarks/nrp/FORMAT.md`): `rota import nrp
//! FILE --out DIR` reads a benchmark `.txt` file ([`parse`]), writes an
//! instance folder whose rota objective equals the benchmark objective
//! ([`to_instance_files`]), and scores any rota planning of it by the
//! benchmark's own definition ([`score`]), independently of rota's checker.
//!
//! Code map: [`parse`](mod@parse) (lexical rules and sections, every error
//! located by file, line and value), [`export`] (the mapping to SPEC §2
//! files), [`score`](mod@score) (the benchmark's hard rules H1–H10 and
//! objective, from FORMAT.md §4–§6).
//!
//! The mapping (see [`export`]): horizon from Monday 2024-01-01, one
//! secretariat `WARD` open every day 00:00–24:00, every shift kind starting
//! at 00:00 and lasting its length (so all kinds overlap and rota's
//! one-shift-at-a-time is the benchmark's one shift per day), one contract
//! per employee, days off as `off` rows, requests as `prefer_on` /
//! `prefer_off` rows on the shift, cover as shift-kind needs with
//! min = target = max = requirement and the line's weights; every rota rule
//! and weight the benchmark lacks is neutralised.

pub mod export;
pub mod parse;
pub mod score;

pub use export::to_instance_files;
pub use parse::parse;
pub use score::score;

/// A shift type of the benchmark (`SECTION_SHIFTS`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NrpShift {
    /// `ShiftID`, as written.
    pub id: String,
    /// `LengthInMinutes` (1 … 1439: rota dates a shift on one day).
    pub length: u32,
    /// Shift types (indexes into [`NrpInstance::shifts`]) that may not be
    /// worked the day after this one, in file order.
    pub cannot_follow: Vec<usize>,
}

/// An employee of the benchmark (`SECTION_STAFF`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NrpEmployee {
    /// `ID`, as written.
    pub id: String,
    /// `MaxShifts` per shift type (indexed like [`NrpInstance::shifts`]);
    /// `None` for a type the line does not list (unlimited).
    pub max_shifts: Vec<Option<u32>>,
    /// `MaxTotalMinutes`.
    pub max_total_minutes: u32,
    /// `MinTotalMinutes`.
    pub min_total_minutes: u32,
    /// `MaxConsecutiveShifts` (≥ 1).
    pub max_consecutive_shifts: u32,
    /// `MinConsecutiveShifts`.
    pub min_consecutive_shifts: u32,
    /// `MinConsecutiveDaysOff`.
    pub min_consecutive_days_off: u32,
    /// `MaxWeekends`.
    pub max_weekends: u32,
}

/// A shift on- or off-request (`SECTION_SHIFT_ON_REQUESTS` /
/// `SECTION_SHIFT_OFF_REQUESTS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NrpRequest {
    /// Index into [`NrpInstance::staff`].
    pub employee: usize,
    /// Day index, 0 … h−1.
    pub day: usize,
    /// Index into [`NrpInstance::shifts`].
    pub shift: usize,
    /// Penalty when the request is not honoured.
    pub weight: u32,
}

/// A cover line (`SECTION_COVER`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NrpCover {
    /// Day index, 0 … h−1.
    pub day: usize,
    /// Index into [`NrpInstance::shifts`].
    pub shift: usize,
    /// Preferred number of employees on that shift that day.
    pub requirement: u32,
    /// Cost per employee below the requirement.
    pub weight_under: u32,
    /// Cost per employee above the requirement.
    pub weight_over: u32,
}

/// A parsed benchmark file: ids kept as written, references resolved to
/// dense indexes, lists in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NrpInstance {
    /// The file name given to [`parse`](fn@parse) (for messages and the
    /// instance name).
    pub file: String,
    /// `h`, the number of days (a positive multiple of 7, at most 364 here
    /// since rota plans at most 366 days); day 0 is a Monday.
    pub horizon: usize,
    /// Shift types, in file order.
    pub shifts: Vec<NrpShift>,
    /// Employees, in file order.
    pub staff: Vec<NrpEmployee>,
    /// `(employee, day)` pairs of `SECTION_DAYS_OFF`, in file order.
    pub days_off: Vec<(usize, usize)>,
    /// Shift on-requests, in file order.
    pub on_requests: Vec<NrpRequest>,
    /// Shift off-requests, in file order.
    pub off_requests: Vec<NrpRequest>,
    /// Cover lines, in file order (one per (day, shift) at most).
    pub cover: Vec<NrpCover>,
}

impl NrpInstance {
    /// Index of a shift type by id.
    pub fn shift_index(&self, id: &str) -> Option<usize> {
        self.shifts.iter().position(|s| s.id == id)
    }

    /// Index of an employee by id.
    pub fn employee_index(&self, id: &str) -> Option<usize> {
        self.staff.iter().position(|e| e.id == id)
    }
}
