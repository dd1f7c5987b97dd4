//! French public holidays (jours fériés of the FPH, docs/domain.md §1.6):
//! the eight fixed dates and the three Easter-based ones (Easter Monday,
//! Ascension, Whit Monday). Alsace-Moselle and overseas extras are left out.

use chrono::{Datelike, Duration, NaiveDate};

/// Easter Sunday of `year` (anonymous Gregorian algorithm).
pub(crate) fn easter(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter is a valid date")
}

/// Every French public holiday of `year`, sorted.
pub(crate) fn holidays_of_year(year: i32) -> Vec<NaiveDate> {
    let fixed = [
        (1, 1),
        (5, 1),
        (5, 8),
        (7, 14),
        (8, 15),
        (11, 1),
        (11, 11),
        (12, 25),
    ];
    let mut out: Vec<NaiveDate> = fixed
        .iter()
        .map(|&(m, d)| NaiveDate::from_ymd_opt(year, m, d).expect("fixed holiday is a valid date"))
        .collect();
    let e = easter(year);
    out.push(e + Duration::days(1)); // lundi de Pâques
    out.push(e + Duration::days(39)); // Ascension
    out.push(e + Duration::days(50)); // lundi de Pentecôte
    out.sort();
    out
}

/// The public holidays in `[start, start + days)`, sorted.
pub(crate) fn holidays_between(start: NaiveDate, days: usize) -> Vec<NaiveDate> {
    let end = start + Duration::days(days as i64);
    (start.year()..=end.year())
        .flat_map(holidays_of_year)
        .filter(|d| *d >= start && *d < end)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn easter_dates_match_the_calendar() {
        assert_eq!(easter(2026), date("2026-04-05"));
        assert_eq!(easter(2027), date("2027-03-28"));
        assert_eq!(easter(2024), date("2024-03-31"));
    }

    #[test]
    fn christmas_is_inside_a_december_horizon() {
        assert_eq!(
            holidays_between(date("2026-12-07"), 28),
            vec![date("2026-12-25"), date("2027-01-01")]
        );
        assert_eq!(
            holidays_between(date("2027-05-03"), 28),
            vec![date("2027-05-06"), date("2027-05-08"), date("2027-05-17")]
        );
        assert_eq!(
            holidays_between(date("2026-12-28"), 7),
            vec![date("2027-01-01")]
        );
        assert!(holidays_between(date("2027-01-04"), 28).is_empty());
    }
}
