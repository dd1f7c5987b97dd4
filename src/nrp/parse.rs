//! Reads a benchmark `.txt` file (FORMAT.md §2–§3) into an
//! [`NrpInstance`]. Lexical rules: lines trimmed (so CRLF and LF both
//! work, and a UTF-8 BOM is dropped), blank lines and `#` comments skipped
//! anywhere, `SECTION_…` lines open one of the seven sections, data lines
//! comma-separated. Sections may come in any order (references are
//! resolved once every section is read); each must appear exactly once.
//!
//! Every problem is reported at once, as a [`Finding`] with the file name,
//! 1-based line, column (field name) and raw value, with a code of
//! [`codes`]. Nothing here panics, whatever the input.

use super::{NrpCover, NrpEmployee, NrpInstance, NrpRequest, NrpShift};
use crate::validate::{Finding, Sink, ValidationErrors};
use std::collections::{BTreeMap, BTreeSet};

/// Stable codes of the importer's findings (`E10xx`, "import nrp").
pub mod codes {
    /// A section is missing.
    pub const MISSING_SECTION: &str = "E1001";
    /// A section appears twice.
    pub const REPEATED_SECTION: &str = "E1002";
    /// A `SECTION_…` line names no known section.
    pub const UNKNOWN_SECTION: &str = "E1003";
    /// A data line before any section.
    pub const OUTSIDE_SECTION: &str = "E1004";
    /// A data line with the wrong number of fields.
    pub const FIELD_COUNT: &str = "E1005";
    /// A field is not a non-negative whole number.
    pub const NOT_A_NUMBER: &str = "E1006";
    /// The horizon is not a positive multiple of 7 (or longer than rota plans).
    pub const BAD_HORIZON: &str = "E1007";
    /// A reference to a shift id that is not defined.
    pub const UNKNOWN_SHIFT: &str = "E1008";
    /// A reference to an employee id that is not defined.
    pub const UNKNOWN_EMPLOYEE: &str = "E1009";
    /// A day index outside 0 … h−1.
    pub const DAY_OUTSIDE: &str = "E1010";
    /// A duplicate id, `MaxShifts` entry or cover key.
    pub const DUPLICATE: &str = "E1011";
    /// A `MaxShifts` item that is not `ShiftID=limit`.
    pub const BAD_MAX_SHIFTS: &str = "E1012";
    /// A value rota cannot represent or that no roster can satisfy.
    pub const OUT_OF_RANGE: &str = "E1013";
    /// An id that is empty or holds `|`, `=` or `"`.
    pub const BAD_ID: &str = "E1014";
}

/// The seven sections, in the order of the benchmark files.
const SECTIONS: [&str; 7] = [
    "SECTION_HORIZON",
    "SECTION_SHIFTS",
    "SECTION_STAFF",
    "SECTION_DAYS_OFF",
    "SECTION_SHIFT_ON_REQUESTS",
    "SECTION_SHIFT_OFF_REQUESTS",
    "SECTION_COVER",
];
const HORIZON: usize = 0;
const SHIFTS: usize = 1;
const STAFF: usize = 2;
const DAYS_OFF: usize = 3;
const ON: usize = 4;
const OFF: usize = 5;
const COVER: usize = 6;

/// Longest horizon rota plans (`days` ≤ 366), rounded down to whole weeks.
const MAX_HORIZON: usize = 364;

/// One data line: 1-based number and trimmed fields.
struct Line<'a> {
    number: usize,
    fields: Vec<&'a str>,
}

/// Where data lines go while reading.
enum Current {
    /// Before any section.
    Nowhere,
    /// Inside a known section read for the first time.
    In(usize),
    /// Inside an unknown or repeated section (already reported).
    Skip,
}

/// Ids of one kind read so far, plus ids of lines that failed (references
/// to them are not reported again).
#[derive(Default)]
struct Ids {
    index: BTreeMap<String, usize>,
    broken: BTreeSet<String>,
}

struct Ctx<'a> {
    file: &'a str,
    sink: Sink,
}

impl Ctx<'_> {
    fn cell(
        &mut self,
        line: usize,
        column: &str,
        value: &str,
        code: &'static str,
        message: String,
        fix: &str,
    ) {
        self.sink.push(Finding::cell(
            self.file, line, column, value, code, message, fix,
        ));
    }

    /// A non-negative whole number, or a finding. Negative zero (`-0`,
    /// written in Instance 15's cover requirements) is zero.
    fn number(&mut self, line: usize, column: &str, raw: &str) -> Option<u32> {
        let digits = raw
            .strip_prefix('-')
            .filter(|d| d.bytes().all(|b| b == b'0'));
        let raw_digits = digits.unwrap_or(raw);
        if !raw_digits.is_empty() && raw_digits.bytes().all(|b| b.is_ascii_digit()) {
            if digits.is_some() {
                return Some(0);
            }
            if let Ok(n) = raw.parse::<u32>() {
                return Some(n);
            }
        }
        self.cell(
            line,
            column,
            raw,
            codes::NOT_A_NUMBER,
            format!("`{column}` = `{raw}` is not a non-negative whole number"),
            "write digits only, like 480",
        );
        None
    }

    /// Checks an id can be written in rota's files.
    fn id(&mut self, line: usize, column: &str, raw: &str) -> Option<String> {
        if raw.is_empty() || raw.contains(['|', '=', '"']) || raw.chars().any(char::is_whitespace) {
            self.cell(
                line,
                column,
                raw,
                codes::BAD_ID,
                format!("`{column}` = `{raw}` is not a usable id"),
                "ids are non-empty and contain no `|`, `=`, `\"` or spaces",
            );
            return None;
        }
        Some(raw.to_string())
    }

    /// Checks the field count of a line.
    fn count(&mut self, line: &Line<'_>, section: usize, allowed: &[usize], what: &str) -> bool {
        if allowed.contains(&line.fields.len()) {
            return true;
        }
        let raw = line.fields.join(",");
        self.cell(
            line.number,
            SECTIONS[section],
            &raw,
            codes::FIELD_COUNT,
            format!(
                "a {} line has {} fields, expected {what}",
                SECTIONS[section],
                line.fields.len()
            ),
            &format!("write {what}"),
        );
        false
    }

    /// Resolves a reference; unknown ids are reported unless their own line failed.
    fn resolve(
        &mut self,
        ids: &Ids,
        line: usize,
        column: &str,
        raw: &str,
        code: &'static str,
        kind: &str,
    ) -> Option<usize> {
        if let Some(&i) = ids.index.get(raw) {
            return Some(i);
        }
        if !ids.broken.contains(raw) {
            self.cell(
                line,
                column,
                raw,
                code,
                format!("unknown {kind} `{raw}`"),
                &format!("define {kind} `{raw}` first, or correct the id (ids are case-sensitive)"),
            );
        }
        None
    }

    /// A day index inside the horizon (`None` horizon: not judged).
    fn day(
        &mut self,
        line: usize,
        column: &str,
        raw: &str,
        horizon: Option<usize>,
    ) -> Option<usize> {
        let d = self.number(line, column, raw)? as usize;
        match horizon {
            Some(h) if d >= h => {
                self.cell(
                    line,
                    column,
                    raw,
                    codes::DAY_OUTSIDE,
                    format!("day {d} is outside the horizon 0 … {}", h.saturating_sub(1)),
                    "give a day index between 0 and h−1",
                );
                None
            }
            _ => Some(d),
        }
    }
}

/// Parses the text of a benchmark file; `file` names it in the findings.
/// Every problem is reported at once.
pub fn parse(text: &str, file: &str) -> Result<NrpInstance, ValidationErrors> {
    let mut ctx = Ctx {
        file,
        sink: Sink::default(),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut sections: Vec<Option<Vec<Line<'_>>>> = (0..SECTIONS.len()).map(|_| None).collect();
    let mut opened_at = [0usize; 7];
    let mut current = Current::Nowhere;
    for (i, raw) in text.split('\n').enumerate() {
        let number = i + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with("SECTION_") {
            current = match SECTIONS.iter().position(|&s| s == line) {
                Some(k) if sections[k].is_some() => {
                    ctx.cell(
                        number,
                        "section",
                        line,
                        codes::REPEATED_SECTION,
                        format!(
                            "{line} appears a second time (first on line {})",
                            opened_at[k]
                        ),
                        "keep one copy of each section",
                    );
                    Current::Skip
                }
                Some(k) => {
                    sections[k] = Some(Vec::new());
                    opened_at[k] = number;
                    Current::In(k)
                }
                None => {
                    ctx.cell(
                        number,
                        "section",
                        line,
                        codes::UNKNOWN_SECTION,
                        format!("unknown section `{line}`"),
                        &format!("use one of {}", SECTIONS.join(", ")),
                    );
                    Current::Skip
                }
            };
            continue;
        }
        match current {
            Current::Nowhere => ctx.cell(
                number,
                "line",
                line,
                codes::OUTSIDE_SECTION,
                "data line before any SECTION_ line".to_string(),
                "start the file with SECTION_HORIZON",
            ),
            Current::Skip => {}
            Current::In(k) => {
                if let Some(lines) = sections[k].as_mut() {
                    lines.push(Line {
                        number,
                        fields: line.split(',').map(str::trim).collect(),
                    });
                }
            }
        }
    }
    for (k, s) in sections.iter().enumerate() {
        if s.is_none() {
            ctx.sink.push(Finding::new(
                file,
                codes::MISSING_SECTION,
                format!("section {} is missing", SECTIONS[k]),
                format!("add a {} line followed by its data", SECTIONS[k]),
            ));
        }
    }

    let horizon = read_horizon(&mut ctx, &take(&mut sections, HORIZON), opened_at[HORIZON]);
    let (shifts, shift_ids) = read_shifts(&mut ctx, &take(&mut sections, SHIFTS));
    let (staff, staff_ids) = read_staff(
        &mut ctx,
        &take(&mut sections, STAFF),
        &shift_ids,
        shifts.len(),
    );
    let days_off = read_days_off(
        &mut ctx,
        &take(&mut sections, DAYS_OFF),
        &staff_ids,
        horizon,
    );
    let on_requests = read_requests(
        &mut ctx,
        &take(&mut sections, ON),
        ON,
        &staff_ids,
        &shift_ids,
        horizon,
    );
    let off_requests = read_requests(
        &mut ctx,
        &take(&mut sections, OFF),
        OFF,
        &staff_ids,
        &shift_ids,
        horizon,
    );
    let cover = read_cover(&mut ctx, &take(&mut sections, COVER), &shift_ids, horizon);

    ctx.sink.finish()?;
    let Some(horizon) = horizon else {
        // Unreachable in practice: a missing horizon always comes with an error.
        return Err(ValidationErrors {
            findings: vec![Finding::new(
                file,
                codes::MISSING_SECTION,
                "no horizon",
                "add SECTION_HORIZON",
            )],
        });
    };
    Ok(NrpInstance {
        file: file.to_string(),
        horizon,
        shifts,
        staff,
        days_off,
        on_requests,
        off_requests,
        cover,
    })
}

fn take<'a>(sections: &mut [Option<Vec<Line<'a>>>], k: usize) -> Vec<Line<'a>> {
    sections
        .get_mut(k)
        .and_then(Option::take)
        .unwrap_or_default()
}

fn read_horizon(ctx: &mut Ctx<'_>, lines: &[Line<'_>], opened: usize) -> Option<usize> {
    match lines {
        [] => {
            if opened > 0 {
                ctx.cell(
                    opened,
                    "h",
                    "",
                    codes::BAD_HORIZON,
                    "SECTION_HORIZON has no value".to_string(),
                    "write the number of days, e.g. 14, on the next line",
                );
            }
            None
        }
        [line] => {
            if !ctx.count(line, HORIZON, &[1], "1 field (the number of days)") {
                return None;
            }
            let raw = line.fields[0];
            let h = ctx.number(line.number, "h", raw)? as usize;
            if h == 0 || !h.is_multiple_of(7) || h > MAX_HORIZON {
                ctx.cell(
                    line.number,
                    "h",
                    raw,
                    codes::BAD_HORIZON,
                    format!("horizon {h} is not a positive multiple of 7 up to {MAX_HORIZON}"),
                    "write a whole number of weeks, e.g. 14 or 28",
                );
                return None;
            }
            Some(h)
        }
        [_, extra, ..] => {
            let raw = extra.fields.join(",");
            ctx.cell(
                extra.number,
                "h",
                &raw,
                codes::FIELD_COUNT,
                "SECTION_HORIZON holds more than one value".to_string(),
                "keep one line with the number of days",
            );
            None
        }
    }
}

fn read_shifts(ctx: &mut Ctx<'_>, lines: &[Line<'_>]) -> (Vec<NrpShift>, Ids) {
    let mut ids = Ids::default();
    let mut shifts = Vec::new();
    let mut follows: Vec<(usize, &str)> = Vec::new();
    for line in lines {
        let first = line.fields.first().copied().unwrap_or("");
        let before = ctx.sink.error_count();
        if !ctx.count(
            line,
            SHIFTS,
            &[2, 3],
            "3 fields: ShiftID, LengthInMinutes, CannotFollow",
        ) {
            ids.broken.insert(first.to_string());
            continue;
        }
        let id = ctx.id(line.number, "ShiftID", first);
        let length = ctx.number(line.number, "LengthInMinutes", line.fields[1]);
        if let Some(len) = length {
            if len == 0 || len >= 1440 {
                ctx.cell(
                    line.number,
                    "LengthInMinutes",
                    line.fields[1],
                    codes::OUT_OF_RANGE,
                    format!("a shift of {len} minutes cannot be planned by rota"),
                    "lengths go from 1 to 1439 minutes (a shift is dated on one day)",
                );
            }
        }
        let (Some(id), Some(length)) = (id, length) else {
            ids.broken.insert(first.to_string());
            continue;
        };
        if ids.index.contains_key(&id) {
            ctx.cell(
                line.number,
                "ShiftID",
                &id,
                codes::DUPLICATE,
                format!("shift `{id}` is defined twice"),
                "give each shift its own id",
            );
            continue;
        }
        if ctx.sink.error_count() > before {
            ids.broken.insert(id);
            continue;
        }
        ids.index.insert(id.clone(), shifts.len());
        follows.push((line.number, line.fields.get(2).copied().unwrap_or("")));
        shifts.push(NrpShift {
            id,
            length,
            cannot_follow: Vec::new(),
        });
    }
    for (i, (number, raw)) in follows.into_iter().enumerate() {
        let mut list = Vec::new();
        for item in raw.split('|').map(str::trim).filter(|s| !s.is_empty()) {
            if let Some(k) = ctx.resolve(
                &ids,
                number,
                "CannotFollow",
                item,
                codes::UNKNOWN_SHIFT,
                "shift",
            ) {
                if !list.contains(&k) {
                    list.push(k);
                }
            }
        }
        if let Some(s) = shifts.get_mut(i) {
            s.cannot_follow = list;
        }
    }
    (shifts, ids)
}

fn read_staff(
    ctx: &mut Ctx<'_>,
    lines: &[Line<'_>],
    shift_ids: &Ids,
    n_shifts: usize,
) -> (Vec<NrpEmployee>, Ids) {
    let mut ids = Ids::default();
    let mut staff = Vec::new();
    const COLUMNS: [&str; 8] = [
        "ID",
        "MaxShifts",
        "MaxTotalMinutes",
        "MinTotalMinutes",
        "MaxConsecutiveShifts",
        "MinConsecutiveShifts",
        "MinConsecutiveDaysOff",
        "MaxWeekends",
    ];
    for line in lines {
        let first = line.fields.first().copied().unwrap_or("");
        let before = ctx.sink.error_count();
        if !ctx.count(line, STAFF, &[8], "8 fields: ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts, MinConsecutiveShifts, MinConsecutiveDaysOff, MaxWeekends") {
            ids.broken.insert(first.to_string());
            continue;
        }
        let id = ctx.id(line.number, COLUMNS[0], first);
        let mut max_shifts = vec![None; n_shifts];
        for item in line.fields[1]
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let Some((shift, n)) = item.split_once('=') else {
                ctx.cell(
                    line.number,
                    COLUMNS[1],
                    item,
                    codes::BAD_MAX_SHIFTS,
                    format!("`{item}` is not ShiftID=limit"),
                    "write a list like D=14|N=7",
                );
                continue;
            };
            let n = ctx.number(line.number, COLUMNS[1], n.trim());
            let k = ctx.resolve(
                shift_ids,
                line.number,
                COLUMNS[1],
                shift.trim(),
                codes::UNKNOWN_SHIFT,
                "shift",
            );
            if let (Some(n), Some(k)) = (n, k) {
                match max_shifts.get_mut(k) {
                    Some(slot @ None) => *slot = Some(n),
                    Some(Some(_)) => ctx.cell(
                        line.number,
                        COLUMNS[1],
                        item,
                        codes::DUPLICATE,
                        format!("shift `{}` is listed twice in MaxShifts", shift.trim()),
                        "keep one ShiftID=limit per shift",
                    ),
                    None => {}
                }
            }
        }
        let mut nums = [0u32; 6];
        let mut ok = true;
        for (j, slot) in nums.iter_mut().enumerate() {
            match ctx.number(line.number, COLUMNS[j + 2], line.fields[j + 2]) {
                Some(n) => *slot = n,
                None => ok = false,
            }
        }
        let [max_total, min_total, cmax, cmin, bmin, weekends] = nums;
        if ok && min_total > max_total {
            ctx.cell(line.number, COLUMNS[3], line.fields[3], codes::OUT_OF_RANGE, format!("MinTotalMinutes {min_total} is above MaxTotalMinutes {max_total}: no roster can be feasible"), "lower MinTotalMinutes or raise MaxTotalMinutes");
        }
        if ok && cmax == 0 {
            ctx.cell(line.number, COLUMNS[4], line.fields[4], codes::OUT_OF_RANGE, "MaxConsecutiveShifts 0 cannot be written for rota (its max_consecutive_days is at least 1)".to_string(), "write MaxShifts ShiftID=0 for every shift instead");
        }
        let Some(id) = id else {
            ids.broken.insert(first.to_string());
            continue;
        };
        if ids.index.contains_key(&id) {
            ctx.cell(
                line.number,
                COLUMNS[0],
                &id,
                codes::DUPLICATE,
                format!("employee `{id}` is defined twice"),
                "give each employee its own id",
            );
            continue;
        }
        if ctx.sink.error_count() > before {
            ids.broken.insert(id);
            continue;
        }
        ids.index.insert(id.clone(), staff.len());
        staff.push(NrpEmployee {
            id,
            max_shifts,
            max_total_minutes: max_total,
            min_total_minutes: min_total,
            max_consecutive_shifts: cmax,
            min_consecutive_shifts: cmin,
            min_consecutive_days_off: bmin,
            max_weekends: weekends,
        });
    }
    (staff, ids)
}

fn read_days_off(
    ctx: &mut Ctx<'_>,
    lines: &[Line<'_>],
    staff: &Ids,
    horizon: Option<usize>,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for line in lines {
        if line.fields.len() < 2 {
            ctx.count(
                line,
                DAYS_OFF,
                &[],
                "an employee id followed by one or more day indexes",
            );
            continue;
        }
        let e = ctx.resolve(
            staff,
            line.number,
            "EmployeeID",
            line.fields[0],
            codes::UNKNOWN_EMPLOYEE,
            "employee",
        );
        for raw in line.fields[1..].iter().filter(|s| !s.is_empty()) {
            if let (Some(e), Some(d)) = (e, ctx.day(line.number, "Day", raw, horizon)) {
                out.push((e, d));
            }
        }
    }
    out
}

fn read_requests(
    ctx: &mut Ctx<'_>,
    lines: &[Line<'_>],
    section: usize,
    staff: &Ids,
    shifts: &Ids,
    horizon: Option<usize>,
) -> Vec<NrpRequest> {
    let mut out = Vec::new();
    for line in lines {
        if !ctx.count(
            line,
            section,
            &[4],
            "4 fields: EmployeeID, Day, ShiftID, Weight",
        ) {
            continue;
        }
        let f = &line.fields;
        let e = ctx.resolve(
            staff,
            line.number,
            "EmployeeID",
            f[0],
            codes::UNKNOWN_EMPLOYEE,
            "employee",
        );
        let d = ctx.day(line.number, "Day", f[1], horizon);
        let s = ctx.resolve(
            shifts,
            line.number,
            "ShiftID",
            f[2],
            codes::UNKNOWN_SHIFT,
            "shift",
        );
        let w = ctx.number(line.number, "Weight", f[3]);
        if let (Some(employee), Some(day), Some(shift), Some(weight)) = (e, d, s, w) {
            out.push(NrpRequest {
                employee,
                day,
                shift,
                weight,
            });
        }
    }
    out
}

fn read_cover(
    ctx: &mut Ctx<'_>,
    lines: &[Line<'_>],
    shifts: &Ids,
    horizon: Option<usize>,
) -> Vec<NrpCover> {
    let mut out = Vec::new();
    let mut seen: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for line in lines {
        if !ctx.count(
            line,
            COVER,
            &[5],
            "5 fields: Day, ShiftID, Requirement, WeightUnder, WeightOver",
        ) {
            continue;
        }
        let f = &line.fields;
        let d = ctx.day(line.number, "Day", f[0], horizon);
        let s = ctx.resolve(
            shifts,
            line.number,
            "ShiftID",
            f[1],
            codes::UNKNOWN_SHIFT,
            "shift",
        );
        let req = ctx.number(line.number, "Requirement", f[2]);
        let under = ctx.number(line.number, "WeightUnder", f[3]);
        let over = ctx.number(line.number, "WeightOver", f[4]);
        let (Some(day), Some(shift), Some(requirement), Some(weight_under), Some(weight_over)) =
            (d, s, req, under, over)
        else {
            continue;
        };
        if let Some(first) = seen.get(&(day, shift)) {
            ctx.cell(
                line.number,
                "Day",
                f[0],
                codes::DUPLICATE,
                format!(
                    "cover of day {day}, shift `{}` is given twice (first on line {first})",
                    f[1]
                ),
                "keep one cover line per day and shift",
            );
            continue;
        }
        seen.insert((day, shift), line.number);
        out.push(NrpCover {
            day,
            shift,
            requirement,
            weight_under,
            weight_over,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "# comment\nSECTION_HORIZON\n# days\n7\n\nSECTION_SHIFTS\n# id,len,cf\nD,480,\nN,600,D|N\n\nSECTION_STAFF\nA,D=5|N=2,2400,960,3,1,2,1\nBB,D=7,3360,0,5,2,1,0\n\nSECTION_DAYS_OFF\nA,0,6\n\nSECTION_SHIFT_ON_REQUESTS\nA,2,D,2\n\nSECTION_SHIFT_OFF_REQUESTS\nBB,3,N,3\n\nSECTION_COVER\n0,D,1,100,1\n0,N,0,100,1\n";

    fn errors(text: &str) -> ValidationErrors {
        match parse(text, "x.txt") {
            Ok(_) => panic!("expected errors"),
            Err(e) => e,
        }
    }

    #[test]
    fn sections_comments_and_references() {
        let p = parse(SMALL, "x.txt").unwrap();
        assert_eq!(p.horizon, 7);
        assert_eq!(p.shifts.len(), 2);
        assert_eq!(p.shifts[1].cannot_follow, vec![0, 1]);
        assert_eq!(p.staff[1].id, "BB");
        assert_eq!(p.staff[1].max_shifts, vec![Some(7), None]);
        assert_eq!(p.staff[0].max_consecutive_shifts, 3);
        assert_eq!(p.days_off, vec![(0, 0), (0, 6)]);
        assert_eq!(
            p.on_requests,
            vec![NrpRequest {
                employee: 0,
                day: 2,
                shift: 0,
                weight: 2
            }]
        );
        assert_eq!(
            p.off_requests,
            vec![NrpRequest {
                employee: 1,
                day: 3,
                shift: 1,
                weight: 3
            }]
        );
        assert_eq!(p.cover.len(), 2);
        assert_eq!(p.cover[1].requirement, 0);
    }

    #[test]
    fn negative_zero_is_zero_and_other_negatives_are_errors() {
        // Instance 15 writes `-0` for some cover requirements.
        let minus_zero = SMALL.replace("0,N,0,100,1", "0,N,-0,100,1");
        assert_eq!(
            parse(&minus_zero, "x.txt").unwrap(),
            parse(SMALL, "x.txt").unwrap()
        );
        let e = errors(&SMALL.replace("0,N,0,100,1", "0,N,-1,100,1"));
        assert!(e.to_string().contains("-1"), "{e}");
        errors(&SMALL.replace("0,N,0,100,1", "0,N,-,100,1"));
    }

    #[test]
    fn crlf_bom_and_indented_comments_give_the_same_instance() {
        let crlf = format!(
            "\u{feff}{}",
            SMALL.replace('\n', "\r\n").replace("# days", "   # days")
        );
        assert_eq!(
            parse(&crlf, "x.txt").unwrap(),
            parse(SMALL, "x.txt").unwrap()
        );
    }

    #[test]
    fn sections_in_another_order_are_read() {
        let moved = SMALL.replace("SECTION_HORIZON\n# days\n7\n", "") + "SECTION_HORIZON\n7\n";
        assert_eq!(
            parse(&moved, "x.txt").unwrap(),
            parse(SMALL, "x.txt").unwrap()
        );
    }

    #[test]
    fn every_error_is_located_by_line_column_and_value() {
        let bad = SMALL
            .replace("N,600,D|N", "N,6x0,D|Q")
            .replace("A,2,D,2", "Z,9,D,2")
            .replace("0,N,0,100,1", "0,D,0,100,1");
        let e = errors(&bad);
        let got: Vec<(Option<usize>, &str, Option<&str>)> = e
            .findings
            .iter()
            .map(|f| (f.line, f.code, f.value.as_deref()))
            .collect();
        assert!(
            got.contains(&(Some(9), codes::NOT_A_NUMBER, Some("6x0"))),
            "{got:?}"
        );
        assert!(
            got.contains(&(Some(19), codes::UNKNOWN_EMPLOYEE, Some("Z"))),
            "{got:?}"
        );
        assert!(
            got.contains(&(Some(19), codes::DAY_OUTSIDE, Some("9"))),
            "{got:?}"
        );
        assert!(
            got.contains(&(Some(26), codes::DUPLICATE, Some("0"))),
            "{got:?}"
        );
        // N's own line failed: references to N are not reported again,
        // and its unknown CannotFollow `Q` is not read at all.
        assert!(!got.iter().any(|g| g.2 == Some("N")), "{got:?}");
        let shown = e.findings[0].to_string();
        assert!(
            shown.starts_with("x.txt:9:LengthInMinutes: E1006"),
            "{shown}"
        );
    }

    #[test]
    fn structural_errors() {
        assert_eq!(
            errors(&SMALL.replace("SECTION_COVER", "SECTION_CUVER")).codes(),
            vec![codes::UNKNOWN_SECTION, codes::MISSING_SECTION]
        );
        assert_eq!(
            errors(&format!("{SMALL}SECTION_COVER\n1,D,1,100,1\n")).codes(),
            vec![codes::REPEATED_SECTION]
        );
        assert_eq!(
            errors(&format!("3\n{SMALL}")).codes(),
            vec![codes::OUTSIDE_SECTION]
        );
        assert_eq!(
            errors(&SMALL.replace("\n7\n", "\n10\n")).codes(),
            vec![codes::BAD_HORIZON]
        );
        assert_eq!(
            errors(&SMALL.replace(",3,1,2,1\n", ",3,1,2\n")).codes(),
            vec![codes::FIELD_COUNT]
        );
        assert_eq!(
            errors(&SMALL.replace("D=5|N=2", "D5|N=2|N=1")).codes(),
            vec![codes::BAD_MAX_SHIFTS, codes::DUPLICATE]
        );
        assert_eq!(
            errors(&SMALL.replace("D,480,", "D,1440,")).codes(),
            vec![codes::OUT_OF_RANGE]
        );
        assert_eq!(
            errors(&SMALL.replace("BB,D=7,3360,0", "A,D=7,3360,0")).codes(),
            vec![codes::DUPLICATE, codes::UNKNOWN_EMPLOYEE]
        );
        assert_eq!(
            errors(&SMALL.replace("2400,960", "900,960")).codes(),
            vec![codes::OUT_OF_RANGE]
        );
    }

    #[test]
    fn garbage_never_panics() {
        for text in [
            "",
            "\r\n",
            "SECTION_",
            ",,,,",
            "SECTION_STAFF\n,,,,,,,\n",
            "SECTION_HORIZON\n99999999999999999999\n",
            "SECTION_SHIFTS\n=,|,|\nSECTION_COVER\n,,,,\n",
        ] {
            assert!(parse(text, "x.txt").is_err());
        }
    }
}
