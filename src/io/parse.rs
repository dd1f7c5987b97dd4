//! Parsers for the values written in instance cells: dates (`YYYY-MM-DD`,
//! `DD/MM/YYYY`), times (`HH:MM`, `24:00` as an end), weekdays (English and
//! French), day cells (a date or a weekday), decimals (`37.5`, `37,5` in
//! `;` files), counts and `|` lists. Each parser returns a [`Bad`] carrying
//! a validation code, a message naming the raw value and a fix; it knows
//! nothing of files or lines (the caller locates the finding).

use crate::validate::codes;
use chrono::{NaiveDate, Weekday};

/// Why a value could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bad {
    /// Validation code.
    pub code: &'static str,
    /// What is wrong (names the raw value).
    pub message: String,
    /// What to write instead.
    pub fix: String,
}

impl Bad {
    /// A new parse failure.
    pub fn new(code: &'static str, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Bad {
            code,
            message: message.into(),
            fix: fix.into(),
        }
    }
}

/// A `day` cell: a date, or a weekday meaning every such day of the horizon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayRef {
    /// One date.
    Date(NaiveDate),
    /// Every such weekday.
    Weekday(Weekday),
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Parses `YYYY-MM-DD` or `DD/MM/YYYY` (one-digit day and month accepted).
pub fn parse_date(raw: &str) -> Result<NaiveDate, Bad> {
    let s = raw.trim();
    let fields = if s.contains('-') {
        let p: Vec<&str> = s.split('-').collect();
        (p.len() == 3 && p[0].len() == 4).then(|| (digits(p[0]), digits(p[1]), digits(p[2])))
    } else if s.contains('/') {
        let p: Vec<&str> = s.split('/').collect();
        (p.len() == 3 && p[2].len() == 4).then(|| (digits(p[2]), digits(p[1]), digits(p[0])))
    } else {
        None
    };
    let bad_form = || {
        Bad::new(
            codes::BAD_DATE,
            format!("value `{raw}` is not a date"),
            "write a date like 2026-12-07 or 07/12/2026",
        )
    };
    match fields {
        Some((Some(y), Some(m), Some(d))) => {
            NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(|| {
                Bad::new(
                    codes::BAD_DATE,
                    format!("date `{raw}` does not exist"),
                    "check the day and month (YYYY-MM-DD or DD/MM/YYYY)",
                )
            })
        }
        _ => Err(bad_form()),
    }
}

/// Parses `HH:MM` (also `H:MM`, `HHhMM` and `HH:MM:00`) into minutes after
/// midnight; `24:00` (1440) only when `allow_24` (an end time).
pub fn parse_time(raw: &str, allow_24: bool) -> Result<i64, Bad> {
    let s = raw.trim();
    let bad = || {
        Bad::new(
            codes::BAD_TIME,
            format!("value `{raw}` is not a time"),
            if allow_24 {
                "write a time like 08:30 (24:00 for midnight at the end of the day)"
            } else {
                "write a time like 08:30"
            },
        )
    };
    let lower = s.to_ascii_lowercase();
    let parts: Vec<&str> = if lower.contains(':') {
        lower.split(':').collect()
    } else {
        lower.split('h').collect()
    };
    let (h, m) = match parts.as_slice() {
        [h, m] if h.len() <= 2 && m.len() == 2 => (digits(h), digits(m)),
        [h, ""] if h.len() <= 2 && lower.contains('h') => (digits(h), Some(0)),
        [h, m, sec] if h.len() <= 2 && m.len() == 2 && (*sec == "00") => (digits(h), digits(m)),
        _ => (None, None),
    };
    let (h, m) = match (h, m) {
        (Some(h), Some(m)) => (h as i64, m as i64),
        _ => return Err(bad()),
    };
    if m >= 60 || h > 24 || (h == 24 && m != 0) {
        return Err(Bad::new(
            codes::BAD_TIME,
            format!("time `{raw}` does not exist"),
            "hours 00..23, minutes 00..59 (24:00 only as an end)",
        ));
    }
    if h == 24 && !allow_24 {
        return Err(Bad::new(
            codes::BAD_TIME,
            format!("time `{raw}` is only allowed as an end"),
            "write 00:00 for a start at midnight",
        ));
    }
    Ok(h * 60 + m)
}

/// Parses a weekday: `MON`..`SUN`, `LUN MAR MER JEU VEN SAM DIM`, or the
/// full English or French name, in any case.
pub fn parse_weekday(raw: &str) -> Result<Weekday, Bad> {
    let s = raw.trim().to_lowercase();
    let wd = match s.as_str() {
        "mon" | "monday" | "lun" | "lundi" => Weekday::Mon,
        "tue" | "tuesday" | "mar" | "mardi" => Weekday::Tue,
        "wed" | "wednesday" | "mer" | "mercredi" => Weekday::Wed,
        "thu" | "thursday" | "jeu" | "jeudi" => Weekday::Thu,
        "fri" | "friday" | "ven" | "vendredi" => Weekday::Fri,
        "sat" | "saturday" | "sam" | "samedi" => Weekday::Sat,
        "sun" | "sunday" | "dim" | "dimanche" => Weekday::Sun,
        _ => {
            return Err(Bad::new(
                codes::BAD_WEEKDAY,
                format!("value `{raw}` is not a weekday"),
                "write MON TUE WED THU FRI SAT SUN (or LUN MAR MER JEU VEN SAM DIM)",
            ))
        }
    };
    Ok(wd)
}

/// Parses a `day` cell: a date, or a weekday.
pub fn parse_day(raw: &str) -> Result<DayRef, Bad> {
    if raw.chars().any(|c| c.is_ascii_digit()) {
        parse_date(raw).map(DayRef::Date)
    } else {
        parse_weekday(raw).map(DayRef::Weekday).map_err(|_| {
            Bad::new(
                codes::BAD_DAY,
                format!("value `{raw}` is neither a date nor a weekday"),
                "write a date like 2026-12-07 or a weekday like MON (LUN)",
            )
        })
    }
}

/// Parses a decimal (`37.5`; `37,5` too when `decimal_comma`, i.e. in a
/// `;`-separated file).
pub fn parse_decimal(raw: &str, decimal_comma: bool) -> Result<f64, Bad> {
    let s = raw.trim();
    let normalized = if decimal_comma && s.matches(',').count() == 1 && !s.contains('.') {
        s.replace(',', ".")
    } else {
        s.to_string()
    };
    let well_formed = !normalized.is_empty()
        && normalized
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'))
        && normalized.chars().any(|c| c.is_ascii_digit());
    let fix = if !decimal_comma && s.contains(',') {
        "write the decimal with a point, like 37.5"
    } else {
        "write a number like 37.5"
    };
    match normalized.parse::<f64>() {
        Ok(v) if well_formed && v.is_finite() => Ok(v),
        _ => Err(Bad::new(
            codes::BAD_NUMBER,
            format!("value `{raw}` is not a number"),
            fix,
        )),
    }
}

/// Parses a decimal that may not be negative.
pub fn parse_non_negative(raw: &str, decimal_comma: bool) -> Result<f64, Bad> {
    let v = parse_decimal(raw, decimal_comma)?;
    if v < 0.0 {
        return Err(Bad::new(
            codes::NEGATIVE,
            format!("value `{raw}` is negative"),
            "write 0 or a positive number",
        ));
    }
    Ok(v)
}

/// Parses a whole number ≥ 0 (`3`; `3.0` is refused).
pub fn parse_count(raw: &str) -> Result<u32, Bad> {
    let s = raw.trim();
    let body = s.strip_prefix('+').unwrap_or(s);
    if let Some(rest) = body.strip_prefix('-') {
        if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Bad::new(
                codes::NEGATIVE,
                format!("value `{raw}` is negative"),
                "write 0 or a positive whole number",
            ));
        }
    }
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Bad::new(
            codes::BAD_WHOLE_NUMBER,
            format!("value `{raw}` is not a whole number"),
            "write a whole number like 2",
        ));
    }
    body.parse::<u32>().map_err(|_| {
        Bad::new(
            codes::BAD_WHOLE_NUMBER,
            format!("value `{raw}` is too large"),
            "write a smaller whole number",
        )
    })
}

/// Hours (decimal) to minutes, rounded to the nearest minute.
pub fn hours_to_minutes(hours: f64) -> i64 {
    (hours * 60.0).round() as i64
}

/// Splits a `|` list, trimming items and dropping empty ones (`A||B|` is `A`, `B`).
pub fn split_list(raw: &str) -> Vec<&str> {
    raw.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Checks that an id can be used inside lists (`|`) and `max_shifts` (`=`).
pub fn check_id(raw: &str) -> Result<(), Bad> {
    if raw.contains('|') || raw.contains('=') {
        return Err(Bad::new(
            codes::BAD_ID,
            format!("id `{raw}` contains `|` or `=`"),
            "use letters, digits, `-` or `_` in ids",
        ));
    }
    Ok(())
}

/// Detects the delimiter of a CSV file from its header line: `;` when it has
/// more `;` than `,` outside quotes, else `,`.
pub fn detect_delimiter(header_line: &str) -> u8 {
    let (mut semi, mut comma, mut quoted) = (0usize, 0usize, false);
    for c in header_line.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => semi += 1,
            ',' if !quoted => comma += 1,
            _ => {}
        }
    }
    if semi > comma {
        b';'
    } else {
        b','
    }
}

/// Edit distance between two short strings, a swap of two neighbouring
/// letters counting as one edit (optimal string alignment), for "did you
/// mean" hints.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    d[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// The candidate closest to `word` (case-insensitive), if close enough to
/// be a likely typo.
///
/// Costs at most 64 × 66 steps per candidate: a word longer than 64
/// characters gets no hint, and candidates whose length differs by more
/// than 2 are skipped before any distance is computed (hostile inputs,
/// thousands of ids).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let w = word.to_lowercase();
    let n = w.chars().count();
    if n > 64 {
        return None;
    }
    candidates
        .into_iter()
        .filter(|c| c.chars().count().abs_diff(n) <= 2)
        .map(|c| (edit_distance(&w, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= 2 && *d * 3 < c.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn dates_in_both_forms() {
        assert_eq!(parse_date("2026-12-07"), Ok(d("2026-12-07")));
        assert_eq!(parse_date("07/12/2026"), Ok(d("2026-12-07")));
        assert_eq!(parse_date("7/12/2026"), Ok(d("2026-12-07")));
        assert_eq!(parse_date(" 2026-12-07 "), Ok(d("2026-12-07")));
        for bad in [
            "2026-02-30",
            "12/07",
            "2026/12/07",
            "07-12-2026",
            "demain",
            "",
            "2026-1a-01",
            "99999-01-01",
        ] {
            assert_eq!(parse_date(bad).unwrap_err().code, codes::BAD_DATE, "{bad}");
        }
    }

    #[test]
    fn times_with_24_as_end_only() {
        assert_eq!(parse_time("08:30", false), Ok(510));
        assert_eq!(parse_time("8:30", false), Ok(510));
        assert_eq!(parse_time("08h30", false), Ok(510));
        assert_eq!(parse_time("14h", false), Ok(840));
        assert_eq!(parse_time("08:30:00", false), Ok(510));
        assert_eq!(parse_time("00:00", false), Ok(0));
        assert_eq!(parse_time("24:00", true), Ok(1440));
        for bad in [
            "24:00", "25:00", "08:60", "0830", "8", "08:3", "abc", "", "-1:00", "24:30",
        ] {
            assert_eq!(
                parse_time(bad, false).unwrap_err().code,
                codes::BAD_TIME,
                "{bad}"
            );
        }
        assert!(parse_time("24:30", true).is_err());
    }

    #[test]
    fn weekdays_in_english_and_french() {
        assert_eq!(parse_weekday("MON"), Ok(Weekday::Mon));
        assert_eq!(parse_weekday("lun"), Ok(Weekday::Mon));
        assert_eq!(parse_weekday("Mer"), Ok(Weekday::Wed));
        assert_eq!(parse_weekday("DIM"), Ok(Weekday::Sun));
        assert_eq!(parse_weekday("vendredi"), Ok(Weekday::Fri));
        assert_eq!(parse_weekday("MOM").unwrap_err().code, codes::BAD_WEEKDAY);
    }

    #[test]
    fn day_cells_are_dates_or_weekdays() {
        assert_eq!(parse_day("2026-12-08"), Ok(DayRef::Date(d("2026-12-08"))));
        assert_eq!(parse_day("JEU"), Ok(DayRef::Weekday(Weekday::Thu)));
        assert_eq!(parse_day("jedi").unwrap_err().code, codes::BAD_DAY);
        assert_eq!(parse_day("2026-13-01").unwrap_err().code, codes::BAD_DATE);
    }

    #[test]
    fn decimals_with_comma_only_in_semicolon_files() {
        assert_eq!(parse_decimal("37.5", false), Ok(37.5));
        assert_eq!(parse_decimal("37,5", true), Ok(37.5));
        assert_eq!(parse_decimal("37", true), Ok(37.0));
        assert_eq!(
            parse_decimal("37,5", false).unwrap_err().code,
            codes::BAD_NUMBER
        );
        for bad in ["nan", "inf", "1e5", "", "abc", "1,2,3", "-"] {
            assert!(parse_decimal(bad, true).is_err(), "{bad}");
        }
        assert_eq!(
            parse_non_negative("-1", false).unwrap_err().code,
            codes::NEGATIVE
        );
    }

    #[test]
    fn counts_are_whole_and_non_negative() {
        assert_eq!(parse_count("3"), Ok(3));
        assert_eq!(parse_count("-3").unwrap_err().code, codes::NEGATIVE);
        assert_eq!(
            parse_count("2.5").unwrap_err().code,
            codes::BAD_WHOLE_NUMBER
        );
        assert_eq!(
            parse_count("abc").unwrap_err().code,
            codes::BAD_WHOLE_NUMBER
        );
        assert_eq!(
            parse_count("99999999999").unwrap_err().code,
            codes::BAD_WHOLE_NUMBER
        );
    }

    #[test]
    fn delimiter_is_detected_from_the_header() {
        assert_eq!(detect_delimiter("id,start,end"), b',');
        assert_eq!(detect_delimiter("id;start;end"), b';');
        assert_eq!(detect_delimiter("\"a,b\";c;d"), b';');
        assert_eq!(detect_delimiter("id"), b',');
    }

    #[test]
    fn lists_and_hints() {
        assert_eq!(split_list("A| B ||C|"), vec!["A", "B", "C"]);
        assert!(split_list("").is_empty());
        assert_eq!(
            closest("weigth_under", ["weight_under", "weight_over"]),
            Some("weight_under")
        );
        assert_eq!(closest("zzz", ["weight_under"]), None);
        assert_eq!(closest("lable", ["label", "id"]), Some("label"));
        assert_eq!(closest("cardio", ["CARDIO"]), Some("CARDIO"));
        assert_eq!(closest("A9", ["A1", "A2"]), None, "too short to guess");
        assert_eq!(closest("RADIO", ["CARDIO"]), None);
        assert_eq!(hours_to_minutes(37.5), 2250);
        assert!(check_id("A|B").is_err());
    }
}
