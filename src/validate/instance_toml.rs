//! instance.toml: name, horizon (`start`, `days`, `holidays`), `[rules]`
//! (hours converted to minutes) and `[weights]`. Syntax errors, unknown keys,
//! wrong types and out-of-range values are findings located by line (from the
//! TOML parser's spans). When the file is missing or broken the horizon is
//! `None`, and horizon-dependent checks of other files are skipped.

use crate::domain::calendar::Horizon;
use crate::domain::instance::{Rules, Weights};
use crate::io::parse;
use crate::validate::codes;
use crate::validate::{Finding, Sink};
use std::collections::BTreeSet;
use std::path::Path;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// File name.
pub const FILE: &str = "instance.toml";

/// What instance.toml gives.
#[derive(Debug, Clone)]
pub struct Header {
    /// Display name.
    pub name: String,
    /// The horizon, when `start` and `days` are valid.
    pub horizon: Option<Horizon>,
    /// `[rules]` (defaults where absent or invalid).
    pub rules: Rules,
    /// `[weights]` (defaults where absent or invalid).
    pub weights: Weights,
}

const TOP_KEYS: &[&str] = &["name", "start", "days", "holidays", "rules", "weights"];

/// `[rules]` keys given in hours (decimal), converted to minutes.
const RULE_HOURS: &[&str] = &[
    "weekly_hours",
    "max_daily_hours",
    "max_amplitude_hours",
    "min_daily_rest_hours",
    "min_weekly_rest_hours",
    "max_weekly_hours",
    "overtime_cap_month_hours",
    "change_notice_hours",
];
const RULE_COUNTS: &[&str] = &[
    "max_consecutive_days",
    "min_consecutive_days_off",
    "max_weekends",
];
const RULE_OTHER: &[&str] = &["half_day_split"];
const WEIGHT_KEYS: &[&str] = &crate::domain::Weights::NAMES;

struct Src<'t> {
    text: &'t str,
}

impl Src<'_> {
    fn line_col(&self, offset: usize) -> (usize, usize) {
        let bytes = &self.text.as_bytes()[..offset.min(self.text.len())];
        let line = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let col = String::from_utf8_lossy(&bytes[line_start..])
            .chars()
            .count()
            + 1;
        (line, col)
    }

    fn at(
        &self,
        span: std::ops::Range<usize>,
        key: &str,
        value: &str,
        code: &'static str,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Finding {
        let (line, _) = self.line_col(span.start);
        Finding::cell(FILE, line, key, value, code, message, fix)
    }
}

fn value_text(v: &DeValue<'_>) -> String {
    match v {
        DeValue::String(s) => s.to_string(),
        DeValue::Integer(i) => i.as_str().to_string(),
        DeValue::Float(f) => f.as_str().to_string(),
        DeValue::Boolean(b) => b.to_string(),
        DeValue::Datetime(d) => d.to_string(),
        DeValue::Array(_) => "[…]".to_string(),
        DeValue::Table(_) => "{…}".to_string(),
    }
}

fn as_number(v: &DeValue<'_>) -> Option<f64> {
    match v {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .ok()
            .map(|n| n as f64),
        DeValue::Float(f) => f.as_str().parse::<f64>().ok().filter(|x| x.is_finite()),
        _ => None,
    }
}

fn as_integer(v: &DeValue<'_>) -> Option<i64> {
    match v {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
        _ => None,
    }
}

/// A date written as a string (either format) or as a TOML date.
fn as_date_text(v: &DeValue<'_>) -> Option<String> {
    match v {
        DeValue::String(s) => Some(s.to_string()),
        DeValue::Datetime(d) if d.date.is_some() && d.time.is_none() => Some(d.to_string()),
        _ => None,
    }
}

fn unknown_key(
    src: &Src<'_>,
    sink: &mut Sink,
    key: &Spanned<std::borrow::Cow<'_, str>>,
    section: &str,
    known: &[&str],
) {
    let name = key.get_ref().as_ref();
    let full = if section.is_empty() {
        name.to_string()
    } else {
        format!("{section}.{name}")
    };
    let fix = match parse::closest(name, known.iter().copied()) {
        Some(c) => format!("did you mean `{c}`?"),
        None => format!(
            "known keys{}: {}",
            if section.is_empty() {
                String::new()
            } else {
                format!(" of [{section}]")
            },
            known.join(", ")
        ),
    };
    sink.push(src.at(
        key.span(),
        &full,
        name,
        codes::TOML_UNKNOWN_KEY,
        format!("unknown key `{full}`"),
        fix,
    ));
}

/// Reads instance.toml of `dir`. `folder_name` is the default `name`.
pub fn read(dir: &Path, folder_name: &str, sink: &mut Sink) -> Header {
    let mut header = Header {
        name: folder_name.to_string(),
        horizon: None,
        rules: Rules::default(),
        weights: Weights::default(),
    };
    let bytes = match crate::io::table::read_bounded(&dir.join(FILE), FILE, sink) {
        Ok(Some(b)) => b,
        Ok(None) => return header,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            sink.push(Finding::new(
                FILE,
                codes::MISSING_FILE,
                "required file `instance.toml` is missing",
                "create it with at least `start = \"2026-12-07\"` and `days = 28`",
            ));
            return header;
        }
        Err(e) => {
            sink.push(Finding::new(
                FILE,
                codes::UNREADABLE_FILE,
                format!("cannot read `instance.toml`: {e}"),
                "check that it is a readable file",
            ));
            return header;
        }
    };
    let text = crate::io::table::decode(FILE, &bytes, sink);
    let src = Src { text: &text };
    let (doc, errors) = DeTable::parse_recoverable(&text);
    if !errors.is_empty() {
        for e in &errors {
            let (line, col) = e.span().map(|s| src.line_col(s.start)).unwrap_or((1, 1));
            let msg = e.message().trim().replace('\n', " ");
            sink.push(
                Finding::new(
                    FILE,
                    codes::TOML_SYNTAX,
                    format!("TOML syntax error at line {line}, column {col}: {msg}"),
                    "fix the TOML syntax (strings in double quotes, `key = value`, `[section]`)",
                )
                .at_line(line)
                .in_column(col.to_string()),
            );
        }
        return header;
    }
    let doc = doc.get_ref();

    for (key, _) in doc.iter() {
        if !TOP_KEYS.contains(&key.get_ref().as_ref()) {
            unknown_key(&src, sink, key, "", TOP_KEYS);
        }
    }
    let wrong_type =
        |sink: &mut Sink, key: &str, v: &Spanned<DeValue<'_>>, expected: &str, example: &str| {
            sink.push(src.at(
                v.span(),
                key,
                &value_text(v.get_ref()),
                codes::TOML_WRONG_TYPE,
                format!(
                    "`{key}` should be {expected}, not {}",
                    v.get_ref().type_str()
                ),
                format!("write e.g. {key} = {example}"),
            ));
        };

    if let Some(v) = doc.get("name") {
        match v.get_ref() {
            DeValue::String(s) => header.name = s.to_string(),
            _ => wrong_type(sink, "name", v, "a string", "\"CHU Exemple - pôle 1\""),
        }
    }
    let start = match doc.get("start") {
        None => {
            sink.push(
                Finding::new(
                    FILE,
                    codes::TOML_MISSING_KEY,
                    "key `start` (first day of the horizon) is missing",
                    "add start = \"2026-12-07\"",
                )
                .in_column("start"),
            );
            None
        }
        Some(v) => match as_date_text(v.get_ref()) {
            None => {
                wrong_type(sink, "start", v, "a date", "\"2026-12-07\"");
                None
            }
            Some(s) => match parse::parse_date(&s) {
                Ok(d) => Some(d),
                Err(bad) => {
                    sink.push(src.at(v.span(), "start", &s, bad.code, bad.message, bad.fix));
                    None
                }
            },
        },
    };
    let days = match doc.get("days") {
        None => {
            sink.push(
                Finding::new(
                    FILE,
                    codes::TOML_MISSING_KEY,
                    "key `days` (horizon length) is missing",
                    "add days = 28",
                )
                .in_column("days"),
            );
            None
        }
        Some(v) => match as_integer(v.get_ref()) {
            None => {
                wrong_type(sink, "days", v, "a whole number", "28");
                None
            }
            Some(n) if !(1..=366).contains(&n) => {
                sink.push(src.at(
                    v.span(),
                    "days",
                    &n.to_string(),
                    codes::BAD_HORIZON_DAYS,
                    format!("horizon of {n} days is not between 1 and 366"),
                    "plan between 1 and 366 days",
                ));
                None
            }
            Some(n) => Some(n as usize),
        },
    };
    let mut holidays = Vec::new();
    if let Some(v) = doc.get("holidays") {
        match v.get_ref() {
            DeValue::Array(items) => {
                for item in items {
                    match as_date_text(item.get_ref()) {
                        None => wrong_type(
                            sink,
                            "holidays",
                            item,
                            "a list of dates",
                            "[\"2026-12-25\"]",
                        ),
                        Some(s) => match parse::parse_date(&s) {
                            Ok(d) => holidays.push(d),
                            Err(bad) => sink.push(src.at(
                                item.span(),
                                "holidays",
                                &s,
                                bad.code,
                                bad.message,
                                bad.fix,
                            )),
                        },
                    }
                }
            }
            _ => wrong_type(sink, "holidays", v, "a list of dates", "[\"2026-12-25\"]"),
        }
    }
    if let (Some(start), Some(days)) = (start, days) {
        let mut h = Horizon {
            start,
            days,
            holidays: BTreeSet::new(),
        };
        h.holidays = holidays.iter().filter_map(|d| h.day_of(*d)).collect();
        header.horizon = Some(h);
    }

    if let Some(v) = doc.get("rules") {
        match v.get_ref() {
            DeValue::Table(t) => read_rules(&src, t, &mut header.rules, sink),
            _ => wrong_type(sink, "rules", v, "a [rules] section", "[rules]"),
        }
    }
    if let Some(v) = doc.get("weights") {
        match v.get_ref() {
            DeValue::Table(t) => read_weights(&src, t, &mut header.weights, sink),
            _ => wrong_type(sink, "weights", v, "a [weights] section", "[weights]"),
        }
    }
    header
}

fn read_rules(src: &Src<'_>, table: &DeTable<'_>, rules: &mut Rules, sink: &mut Sink) {
    let known: Vec<&str> = RULE_HOURS
        .iter()
        .chain(RULE_COUNTS)
        .chain(RULE_OTHER)
        .copied()
        .collect();
    for (key, v) in table.iter() {
        let name: &str = key.get_ref().as_ref();
        let full = format!("rules.{name}");
        let raw = value_text(v.get_ref());
        let out_of_range = |sink: &mut Sink, why: &str| {
            sink.push(src.at(
                v.span(),
                &full,
                &raw,
                codes::BAD_RULE_VALUE,
                format!("`{full}` = {raw} {why}"),
                "write a value in range (see SPEC §2 [rules])",
            ));
        };
        if RULE_HOURS.contains(&name) {
            let Some(hours) = as_number(v.get_ref()) else {
                sink.push(src.at(
                    v.span(),
                    &full,
                    &raw,
                    codes::TOML_WRONG_TYPE,
                    format!(
                        "`{full}` should be a number of hours, not {}",
                        v.get_ref().type_str()
                    ),
                    format!("write e.g. {name} = 37.5 (no quotes, decimal point)"),
                ));
                continue;
            };
            let positive = matches!(
                name,
                "weekly_hours" | "max_daily_hours" | "max_amplitude_hours" | "max_weekly_hours"
            );
            if hours < 0.0 || (positive && hours == 0.0) {
                out_of_range(
                    sink,
                    if positive {
                        "must be positive"
                    } else {
                        "must not be negative"
                    },
                );
                continue;
            }
            if matches!(name, "max_daily_hours" | "max_amplitude_hours") && hours > 24.0 {
                out_of_range(sink, "is longer than a day");
                continue;
            }
            if name == "weekly_hours" && hours > 168.0 {
                out_of_range(sink, "is longer than a week");
                continue;
            }
            let minutes = parse::hours_to_minutes(hours);
            match name {
                "weekly_hours" => rules.weekly_minutes = minutes,
                "max_daily_hours" => rules.max_daily_minutes = minutes,
                "max_amplitude_hours" => rules.max_amplitude_minutes = minutes,
                "min_daily_rest_hours" => rules.min_daily_rest_minutes = minutes,
                "min_weekly_rest_hours" => rules.min_weekly_rest_minutes = minutes,
                "max_weekly_hours" => rules.max_weekly_minutes = minutes,
                "overtime_cap_month_hours" => rules.overtime_cap_month_minutes = minutes,
                _ => rules.change_notice_hours = hours.round() as i64,
            }
        } else if RULE_COUNTS.contains(&name) {
            let Some(n) = as_integer(v.get_ref()) else {
                sink.push(src.at(
                    v.span(),
                    &full,
                    &raw,
                    codes::TOML_WRONG_TYPE,
                    format!(
                        "`{full}` should be a whole number, not {}",
                        v.get_ref().type_str()
                    ),
                    format!("write e.g. {name} = 6 (remove the key for no limit)"),
                ));
                continue;
            };
            let min = if name == "max_consecutive_days" { 1 } else { 0 };
            if n < min || n > u32::MAX as i64 {
                out_of_range(
                    sink,
                    if min == 1 {
                        "must be at least 1"
                    } else {
                        "must not be negative"
                    },
                );
                continue;
            }
            match name {
                "max_consecutive_days" => rules.max_consecutive_days = n as u32,
                "min_consecutive_days_off" => rules.min_consecutive_days_off = n as u32,
                _ => rules.max_weekends = Some(n as u32),
            }
        } else if name == "half_day_split" {
            let parsed = match v.get_ref() {
                DeValue::String(s) => parse::parse_time(s, false),
                _ => {
                    sink.push(src.at(
                        v.span(),
                        &full,
                        &raw,
                        codes::TOML_WRONG_TYPE,
                        "`rules.half_day_split` should be a time in quotes",
                        "write half_day_split = \"13:00\"",
                    ));
                    continue;
                }
            };
            match parsed {
                Ok(m) => rules.half_day_split = m,
                Err(bad) => {
                    sink.push(src.at(v.span(), &full, &raw, bad.code, bad.message, bad.fix))
                }
            }
        } else {
            unknown_key(src, sink, key, "rules", &known);
        }
    }
}

fn read_weights(src: &Src<'_>, table: &DeTable<'_>, weights: &mut Weights, sink: &mut Sink) {
    for (key, v) in table.iter() {
        let name: &str = key.get_ref().as_ref();
        if !WEIGHT_KEYS.contains(&name) {
            unknown_key(src, sink, key, "weights", WEIGHT_KEYS);
            continue;
        }
        let full = format!("weights.{name}");
        let raw = value_text(v.get_ref());
        let Some(w) = as_number(v.get_ref()) else {
            sink.push(src.at(
                v.span(),
                &full,
                &raw,
                codes::TOML_WRONG_TYPE,
                format!(
                    "`{full}` should be a number, not {}",
                    v.get_ref().type_str()
                ),
                format!("write e.g. {name} = 10"),
            ));
            continue;
        };
        if w < 0.0 {
            sink.push(src.at(
                v.span(),
                &full,
                &raw,
                codes::BAD_RULE_VALUE,
                format!("`{full}` = {raw} must not be negative"),
                "write 0 or a positive penalty",
            ));
            continue;
        }
        let slot = match name {
            "uncovered" => &mut weights.uncovered,
            "below_target" => &mut weights.below_target,
            "above_max" => &mut weights.above_max,
            "leave_refused" => &mut weights.leave_refused,
            "overtime" => &mut weights.overtime,
            "under_hours" => &mut weights.under_hours,
            "preference" => &mut weights.preference,
            "away_from_home" => &mut weights.away_from_home,
            "secretariat_change" => &mut weights.secretariat_change,
            _ => &mut weights.replan_change,
        };
        *slot = w;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> (Header, Sink) {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join(FILE), text).expect("write");
        let mut sink = Sink::default();
        let h = read(dir.path(), "folder", &mut sink);
        (h, sink)
    }

    #[test]
    fn native_toml_dates_and_french_dates_are_accepted() {
        let (h, sink) = read_text("start = 2026-12-07\ndays = 7\nholidays = [\"08/12/2026\", 2027-05-01]\n[rules]\nmax_daily_hours = 8.5\nhalf_day_split = \"13:30\"\n");
        assert!(sink.errors.is_empty(), "{:?}", sink.errors);
        assert_eq!(h.name, "folder");
        let horizon = h.horizon.expect("horizon");
        assert_eq!(
            horizon.holidays.iter().copied().collect::<Vec<_>>(),
            vec![1]
        );
        assert_eq!(
            (h.rules.max_daily_minutes, h.rules.half_day_split),
            (510, 810)
        );
    }

    #[test]
    fn every_key_problem_is_reported_with_its_line() {
        let (h, sink) = read_text("start = \"2026-12-07\"\ndays = \"28\"\ncolour = 1\n[rules]\nmax_weekly_hours = -1\n[weights]\nabove_maxi = 3\n");
        let got: Vec<_> = sink.errors.iter().map(|f| (f.code, f.line)).collect();
        // Top-level keys first (unknown, then each known key), then [rules], then [weights].
        assert_eq!(
            got,
            vec![
                (codes::TOML_UNKNOWN_KEY, Some(3)),
                (codes::TOML_WRONG_TYPE, Some(2)),
                (codes::BAD_RULE_VALUE, Some(5)),
                (codes::TOML_UNKNOWN_KEY, Some(7))
            ]
        );
        assert!(sink.errors[3].fix.contains("above_max"));
        assert!(h.horizon.is_none());
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let (_, sink) = read_text("start = \"2026-12-07\"\ndays = 28\n[rules\n");
        assert_eq!(sink.errors[0].code, codes::TOML_SYNTAX);
        assert_eq!(sink.errors[0].line, Some(3));
    }
}
