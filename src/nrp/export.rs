//! The mapping of a benchmark instance to a rota instance folder (SPEC §2,
//! `,`-separated) whose objective equals the benchmark's objective
//! (FORMAT.md §5) for every roster, and whose hard rules are exactly H1–H10:
//!
//! - horizon: `start = 2024-01-01` (a Monday), `days = h`, no holidays;
//! - one secretariat `WARD`, open all 7 days, `00:00`–`24:00`;
//! - every shift kind starts at `00:00` and lasts its length, no break
//!   (paid minutes = length): all kinds overlap, so one shift at a time is
//!   H1; `cannot_follow` as given (H2);
//! - `[rules]` neutralise what the benchmark lacks: 24 h per day and of
//!   amplitude, no daily or weekly rest, 168 h per rolling week, an
//!   overtime cap of 100000 h a month;
//! - `[weights]`: only `preference` = 1 counts besides the needs' own
//!   weights (overtime, under-hours, away-from-home, secretariat change,
//!   below-target, leave and replan weights are 0);
//! - one contract per employee (same id): `max_shifts` (H3), total hours
//!   (H4–H5, minutes written as hours that round-trip exactly), runs
//!   (H6–H8, same edge conventions), `max_weekends` (H9),
//!   `max_days_per_week` 7;
//! - agents: home `WARD`, rate 100, their own contract;
//! - days off → dated `off` rows (H10); on-requests → `prefer_on` with the
//!   shift and weight; off-requests → `prefer_off` with the shift and weight;
//! - cover → dated shift-kind needs `WARD,<date>,<shift>,,r,r,r,,under,over`
//!   (a requirement 0 keeps its row, so that anyone on it pays `over`).

use super::NrpInstance;
use chrono::{Days, NaiveDate};
use std::fmt::Write as _;

/// First date of every imported horizon: a Monday, as the benchmark's day 0.
pub const START: &str = "2024-01-01";
/// The single secretariat.
pub const WARD: &str = "WARD";
/// Monthly overtime cap written in `[rules]` (hours): never binding.
const OVERTIME_CAP_HOURS: u32 = 100_000;

/// The date of benchmark day `day`, `YYYY-MM-DD`.
pub fn date_of(day: usize) -> String {
    NaiveDate::from_ymd_opt(2024, 1, 1)
        .and_then(|d| d.checked_add_days(Days::new(day as u64)))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// Minutes written as hours that rota's `hours_to_minutes` (round of
/// hours × 60) turns back into exactly `minutes`: a whole number when it
/// is one, else the shortest decimal that reads back as the same `f64`.
pub fn hours(minutes: u32) -> String {
    if minutes.is_multiple_of(60) {
        (minutes / 60).to_string()
    } else {
        format!("{}", f64::from(minutes) / 60.0)
    }
}

/// `HH:MM` of a minute of the day (`minutes` < 1440 as [`parse`](super::parse) guarantees).
fn hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The instance folder of `nrp`: `(file name, content)` pairs, in a fixed
/// order, every CSV `,`-separated with LF line ends.
pub fn to_instance_files(nrp: &NrpInstance) -> Vec<(String, String)> {
    let stem = std::path::Path::new(&nrp.file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = if stem.is_empty() {
        "NRP benchmark".to_string()
    } else {
        format!("NRP benchmark {stem}")
    };
    let shift_id = |k: usize| nrp.shifts.get(k).map(|s| s.id.as_str()).unwrap_or("");
    let agent_id = |e: usize| nrp.staff.get(e).map(|s| s.id.as_str()).unwrap_or("");

    let mut toml = String::new();
    let _ = writeln!(
        toml,
        "# Imported from the Employee Shift Scheduling Benchmark file {}",
        toml_string(&nrp.file)
    );
    let _ = writeln!(
        toml,
        "# by `rota import nrp`: rota's objective equals the benchmark's."
    );
    let _ = writeln!(toml, "name = {}", toml_string(&name));
    let _ = writeln!(toml, "start = \"{START}\"");
    let _ = writeln!(toml, "days = {}", nrp.horizon);
    let _ = writeln!(toml, "holidays = []");
    let _ = writeln!(toml);
    let _ = writeln!(toml, "[rules]");
    let _ = writeln!(toml, "weekly_hours = 35");
    let _ = writeln!(toml, "max_daily_hours = 24");
    let _ = writeln!(toml, "max_amplitude_hours = 24");
    let _ = writeln!(toml, "min_daily_rest_hours = 0");
    let _ = writeln!(toml, "min_weekly_rest_hours = 0");
    let _ = writeln!(toml, "max_weekly_hours = 168");
    let _ = writeln!(toml, "max_consecutive_days = 7");
    let _ = writeln!(toml, "min_consecutive_days_off = 0");
    let _ = writeln!(toml, "overtime_cap_month_hours = {OVERTIME_CAP_HOURS}");
    let _ = writeln!(toml);
    let _ = writeln!(toml, "[weights]");
    for (key, value) in [
        ("uncovered", 100),
        ("below_target", 0),
        ("above_max", 1),
        ("leave_refused", 0),
        ("overtime", 0),
        ("under_hours", 0),
        ("preference", 1),
        ("away_from_home", 0),
        ("secretariat_change", 0),
        ("replan_change", 0),
    ] {
        let _ = writeln!(toml, "{key} = {value}");
    }

    let mut shifts = String::from("id,start,end,break_minutes,label,cannot_follow\n");
    for s in &nrp.shifts {
        let follows: Vec<&str> = s.cannot_follow.iter().map(|&k| shift_id(k)).collect();
        let _ = writeln!(
            shifts,
            "{},00:00,{},0,{},{}",
            s.id,
            hhmm(s.length),
            s.id,
            follows.join("|")
        );
    }

    let secretariats = format!(
        "id,name,pole,days,opens,closes\n{WARD},Ward,NRP,MON|TUE|WED|THU|FRI|SAT|SUN,00:00,24:00\n"
    );

    let mut contracts = String::from(
        "id,weekly_hours,max_days_per_week,max_consecutive_days,min_consecutive_days,min_consecutive_days_off,max_weekends,min_total_hours,max_total_hours,max_shifts\n",
    );
    let mut agents = String::from("id,name,contract,rate,home,covers\n");
    for e in &nrp.staff {
        let max_shifts: Vec<String> = e
            .max_shifts
            .iter()
            .enumerate()
            .filter_map(|(k, m)| m.map(|n| format!("{}={n}", shift_id(k))))
            .collect();
        let _ = writeln!(
            contracts,
            "{},35,7,{},{},{},{},{},{},{}",
            e.id,
            e.max_consecutive_shifts.max(1),
            e.min_consecutive_shifts.max(1),
            e.min_consecutive_days_off,
            e.max_weekends,
            hours(e.min_total_minutes),
            hours(e.max_total_minutes),
            max_shifts.join("|")
        );
        let _ = writeln!(agents, "{},{},{},100,{WARD},", e.id, e.id, e.id);
    }

    let mut needs =
        String::from("secretariat,day,start,end,min,target,max,label,weight_under,weight_over\n");
    for c in &nrp.cover {
        let r = c.requirement;
        let _ = writeln!(
            needs,
            "{WARD},{},{},,{r},{r},{r},,{},{}",
            date_of(c.day),
            shift_id(c.shift),
            c.weight_under,
            c.weight_over
        );
    }

    let mut availability = String::from("agent,day,kind,shift,weight\n");
    for &(e, d) in &nrp.days_off {
        let _ = writeln!(availability, "{},{},off,,", agent_id(e), date_of(d));
    }
    for (kind, list) in [
        ("prefer_on", &nrp.on_requests),
        ("prefer_off", &nrp.off_requests),
    ] {
        for r in list {
            let _ = writeln!(
                availability,
                "{},{},{kind},{},{}",
                agent_id(r.employee),
                date_of(r.day),
                shift_id(r.shift),
                r.weight
            );
        }
    }

    vec![
        ("instance.toml".to_string(), toml),
        ("shifts.csv".to_string(), shifts),
        ("secretariats.csv".to_string(), secretariats),
        ("contracts.csv".to_string(), contracts),
        ("agents.csv".to_string(), agents),
        ("needs.csv".to_string(), needs),
        ("availability.csv".to_string(), availability),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_round_trip_to_the_exact_minutes() {
        assert_eq!(hours(8640), "144");
        assert_eq!(hours(7560), "126");
        for m in 0..=600_000u32 {
            let back = crate::io::parse::parse_non_negative(&hours(m), false)
                .map(crate::io::parse::hours_to_minutes)
                .ok();
            assert_eq!(back, Some(i64::from(m)), "{m} minutes written {}", hours(m));
        }
    }

    #[test]
    fn dates_start_on_a_monday() {
        assert_eq!(date_of(0), START);
        assert_eq!(date_of(13), "2024-01-14");
        assert_eq!(date_of(363), "2024-12-29");
        let monday = NaiveDate::from_ymd_opt(2024, 1, 1).map(|d| chrono::Datelike::weekday(&d));
        assert_eq!(monday, Some(chrono::Weekday::Mon));
    }

    #[test]
    fn toml_strings_are_escaped() {
        assert_eq!(toml_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
    }
}
