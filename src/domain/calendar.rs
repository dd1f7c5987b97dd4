//! The planning horizon: day indices, dates, weekdays, ISO weeks, months and
//! public holidays. Day 0 is the horizon's first date.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::collections::BTreeSet;

/// A day of the horizon, as an index from its first day (0-based).
pub type Day = usize;

/// Minutes in a day.
pub const DAY_MINUTES: i64 = 1440;

/// The dates planned: `days` consecutive days from `start`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Horizon {
    /// First date of the horizon.
    pub start: NaiveDate,
    /// Number of days planned.
    pub days: usize,
    /// Public holidays (jours fériés) inside the horizon, as day indices.
    pub holidays: BTreeSet<Day>,
}

impl Horizon {
    /// The date of day `day`.
    pub fn date(&self, day: Day) -> NaiveDate {
        self.start + Duration::days(day as i64)
    }

    /// The day index of `date`, if it lies inside the horizon.
    pub fn day_of(&self, date: NaiveDate) -> Option<Day> {
        let offset = (date - self.start).num_days();
        (offset >= 0 && (offset as usize) < self.days).then_some(offset as usize)
    }

    /// Weekday of day `day`.
    pub fn weekday(&self, day: Day) -> Weekday {
        self.date(day).weekday()
    }

    /// Whether day `day` is a Saturday or a Sunday.
    pub fn is_weekend(&self, day: Day) -> bool {
        matches!(self.weekday(day), Weekday::Sat | Weekday::Sun)
    }

    /// Whether day `day` is a public holiday.
    pub fn is_holiday(&self, day: Day) -> bool {
        self.holidays.contains(&day)
    }

    /// All days of the horizon.
    pub fn all_days(&self) -> std::ops::Range<Day> {
        0..self.days
    }

    /// ISO week label of a day, `YYYY-Www`.
    pub fn iso_week_label(&self, day: Day) -> String {
        let w = self.date(day).iso_week();
        format!("{}-W{:02}", w.year(), w.week())
    }

    /// The ISO weeks touching the horizon, in order: for each, its label,
    /// the Monday of that week (a date, possibly before the horizon), and
    /// the horizon days it contains.
    pub fn iso_weeks(&self) -> Vec<IsoWeek> {
        let mut weeks: Vec<IsoWeek> = Vec::new();
        for day in self.all_days() {
            let label = self.iso_week_label(day);
            match weeks.last_mut() {
                Some(w) if w.label == label => w.days.push(day),
                _ => {
                    let date = self.date(day);
                    let monday =
                        date - Duration::days(date.weekday().num_days_from_monday() as i64);
                    weeks.push(IsoWeek {
                        label,
                        monday,
                        days: vec![day],
                    });
                }
            }
        }
        weeks
    }

    /// Weekend index of each Saturday/Sunday in the horizon: weekends are
    /// numbered in order of appearance; a weekend cut by the horizon's edge
    /// still counts (only its days inside the horizon exist).
    pub fn weekends(&self) -> Vec<Vec<Day>> {
        let mut out: Vec<Vec<Day>> = Vec::new();
        let mut last_label = String::new();
        for day in self.all_days() {
            if !self.is_weekend(day) {
                continue;
            }
            let label = self.iso_week_label(day);
            if label == last_label {
                out.last_mut().expect("weekend started").push(day);
            } else {
                out.push(vec![day]);
                last_label = label;
            }
        }
        out
    }
}

/// One ISO week (Mon–Sun) touching the horizon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IsoWeek {
    /// `YYYY-Www`.
    pub label: String,
    /// The Monday of the week (may be before the horizon).
    pub monday: NaiveDate,
    /// The horizon days inside this week, in order.
    pub days: Vec<Day>,
}

impl IsoWeek {
    /// The month (`YYYY-MM`) this week's overtime belongs to: the month of
    /// its Thursday.
    pub fn month_label(&self) -> String {
        let thursday = self.monday + Duration::days(3);
        format!("{:04}-{:02}", thursday.year(), thursday.month())
    }

    /// Whether all seven days of the week are inside the horizon.
    pub fn is_whole(&self) -> bool {
        self.days.len() == 7
    }
}

/// Formats minutes of the day (possibly ≥ 1440 for the next day) as `HH:MM`.
pub fn format_hhmm(minutes: i64) -> String {
    let m = minutes.rem_euclid(DAY_MINUTES);
    format!("{:02}:{:02}", m / 60, m % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn horizon(start: &str, days: usize) -> Horizon {
        Horizon {
            start: start.parse().unwrap(),
            days,
            holidays: BTreeSet::new(),
        }
    }

    #[test]
    fn weeks_of_a_horizon_starting_on_a_wednesday() {
        let h = horizon("2026-12-09", 10); // Wed 9 Dec .. Fri 18 Dec
        let weeks = h.iso_weeks();
        assert_eq!(weeks.len(), 2);
        assert_eq!(weeks[0].label, "2026-W50");
        assert_eq!(weeks[0].days, vec![0, 1, 2, 3, 4]);
        assert!(!weeks[0].is_whole());
        assert_eq!(weeks[1].days.len(), 5);
    }

    #[test]
    fn week_belongs_to_month_of_its_thursday() {
        // Week of Mon 28 Dec 2026: Thursday is 31 Dec -> December.
        let h = horizon("2026-12-28", 7);
        assert_eq!(h.iso_weeks()[0].month_label(), "2026-12");
        // Week of Mon 29 Mar 2027: Thursday 1 Apr -> April.
        let h = horizon("2027-03-29", 7);
        assert_eq!(h.iso_weeks()[0].month_label(), "2027-04");
    }

    #[test]
    fn weekends_cut_by_the_edge_still_count() {
        let h = horizon("2026-12-06", 8); // Sun 6 .. Sun 13
        assert_eq!(h.weekends(), vec![vec![0], vec![6, 7]]);
    }

    #[test]
    fn hhmm_wraps_after_midnight() {
        assert_eq!(format_hhmm(1440 + 6 * 60 + 5), "06:05");
    }
}
