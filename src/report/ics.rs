//! One iCalendar file per agent (`rota solve|replan --ics DIR`): her
//! shifts as timed events in the Europe/Paris time zone (a VTIMEZONE with
//! the EU summer-time rules is included, so any calendar application can
//! place them) and her counted leave days as all-day events, from the rows
//! of `planning.csv` ([`super::grid`]).
//!
//! Stable identities: the UID of an event is
//! `rota-<agent>-<yyyymmdd>-<kind><n>@rota`, with kind `work` or `leave`
//! and n its rank among that agent-day's entries of that kind (leave
//! first, shifts by start), the agent id percent-encoded outside
//! `A–Z a–z 0–9 - _ .`. A re-import after `rota replan` therefore updates
//! the same day's event instead of adding a second one. A replan also
//! writes, as `STATUS:CANCELLED` events, the UIDs the previous planning
//! had and the new one has not (a shift removed), and raises `SEQUENCE`
//! (the replan's first day, counted from the horizon's start, plus one;
//! 0 for a solve). No clock is read: `DTSTAMP` is the horizon's first day
//! (a solve) or the replan's first day (a replan) at 00:00 UTC, so two
//! runs give the same bytes.
//!
//! File names: the agent id with every character other than a letter, a
//! digit, `-`, `_` or `.` replaced by `_` (`agent` when that leaves nothing
//! or starts with a dot), `-2`, `-3`… added when two ids would collide,
//! then `.ics`. Lines end with CRLF and are folded at 75 octets (RFC 5545).

use super::grid::{planning_grid, Entry, EntryKind, PlanningGrid};
use crate::domain::calendar::{Day, DAY_MINUTES};
use crate::domain::{AgentIdx, Instance, Planning, ReplanContext};
use chrono::{Duration, NaiveDate};
use std::collections::BTreeSet;

/// The time zone of every timed event.
pub const TZID: &str = "Europe/Paris";

/// Europe/Paris since 1996: CET (+01:00), CEST (+02:00) from the last
/// Sunday of March 02:00 to the last Sunday of October 03:00.
const VTIMEZONE: [&str; 17] = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Paris",
    "X-LIC-LOCATION:Europe/Paris",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
];

/// One `.ics` file per agent (file order), as (file name, bytes). For a
/// replan, `replan` gives the previous planning whose vanished events are
/// cancelled, and the `SEQUENCE`/`DTSTAMP` of the replan.
pub fn ics_calendars(
    inst: &Instance,
    planning: &Planning,
    replan: Option<&ReplanContext>,
) -> Vec<(String, Vec<u8>)> {
    let grid = planning_grid(inst, planning, false);
    let previous = replan.map(|ctx| planning_grid(inst, &ctx.previous, false));
    let stamp_day = replan.map(|ctx| ctx.from).unwrap_or(0);
    let stamp = format!("{}T000000Z", ymd(inst.horizon.date(stamp_day)));
    let sequence = replan.map(|ctx| ctx.from + 1).unwrap_or(0);
    let names = file_names(inst);
    (0..inst.agents.len())
        .map(|agent| {
            let text = calendar(
                inst,
                agent,
                &grid,
                previous.as_ref(),
                &Stamp {
                    dtstamp: &stamp,
                    sequence,
                },
            );
            (names[agent].clone(), text.into_bytes())
        })
        .collect()
}

/// `DTSTAMP` and `SEQUENCE` of every event of a run.
struct Stamp<'a> {
    dtstamp: &'a str,
    sequence: usize,
}

/// The `.ics` file name of each agent (see the module doc).
pub fn file_names(inst: &Instance) -> Vec<String> {
    let mut used = BTreeSet::new();
    inst.agents
        .iter()
        .map(|a| {
            let mut base: String =
                a.id.chars()
                    .map(|c| {
                        if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                            c
                        } else {
                            '_'
                        }
                    })
                    .collect();
            if base.is_empty() || base.starts_with('.') {
                base = format!("agent{base}");
            }
            let mut name = format!("{base}.ics");
            let mut n = 2;
            while !used.insert(name.to_lowercase()) {
                name = format!("{base}-{n}.ics");
                n += 1;
            }
            name
        })
        .collect()
}

/// The UID of an agent's n-th (1-based) entry of `kind` on `date`.
pub fn uid(agent_id: &str, date: NaiveDate, kind: &str, n: usize) -> String {
    let mut encoded = String::new();
    for b in agent_id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("rota-{encoded}-{}-{kind}{n}@rota", ymd(date))
}

fn ymd(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

/// Local date-time `YYYYMMDDTHHMMSS` of a minute offset from `day` 00:00.
fn local(inst: &Instance, day: Day, minutes: i64) -> String {
    let date = inst.horizon.date(day) + Duration::days(minutes.div_euclid(DAY_MINUTES));
    let m = minutes.rem_euclid(DAY_MINUTES);
    format!("{}T{:02}{:02}00", ymd(date), m / 60, m % 60)
}

/// `4h05`.
fn hours(minutes: i64) -> String {
    format!("{}h{:02}", minutes / 60, minutes.rem_euclid(60))
}

/// The entries of one agent-day with their UIDs.
fn with_uids<'a>(
    inst: &Instance,
    agent: AgentIdx,
    day: Day,
    entries: &'a [Entry],
) -> Vec<(String, &'a Entry)> {
    let (mut work, mut leave) = (0, 0);
    let date = inst.horizon.date(day);
    entries
        .iter()
        .map(|e| {
            let (kind, n) = match e.kind {
                EntryKind::Work { .. } => {
                    work += 1;
                    ("work", work)
                }
                EntryKind::Leave { .. } => {
                    leave += 1;
                    ("leave", leave)
                }
            };
            (uid(&inst.agents[agent].id, date, kind, n), e)
        })
        .collect()
}

fn calendar(
    inst: &Instance,
    agent: AgentIdx,
    grid: &PlanningGrid,
    previous: Option<&PlanningGrid>,
    stamp: &Stamp<'_>,
) -> String {
    let a = &inst.agents[agent];
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//rota//planning des secrétariats//FR".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!(
            "X-WR-CALNAME:{}",
            escape(&format!("Planning {} — {}", a.name, inst.name))
        ),
        format!("X-WR-TIMEZONE:{TZID}"),
    ];
    lines.extend(VTIMEZONE.iter().map(|l| l.to_string()));
    lines.push("END:VTIMEZONE".into());
    for day in inst.horizon.all_days() {
        let current = with_uids(inst, agent, day, grid.entries(agent, day));
        for (uid, e) in &current {
            lines.extend(event(inst, day, uid, e, stamp, false));
        }
        if let Some(prev) = previous {
            let kept: BTreeSet<&str> = current.iter().map(|(u, _)| u.as_str()).collect();
            for (uid, e) in with_uids(inst, agent, day, prev.entries(agent, day)) {
                if !kept.contains(uid.as_str()) {
                    lines.extend(event(inst, day, &uid, e, stamp, true));
                }
            }
        }
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for l in lines {
        fold_into(&mut out, &l);
    }
    out
}

fn event(
    inst: &Instance,
    day: Day,
    uid: &str,
    e: &Entry,
    stamp: &Stamp<'_>,
    cancelled: bool,
) -> Vec<String> {
    let mut v = vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:{uid}"),
        format!("DTSTAMP:{}", stamp.dtstamp),
        format!("SEQUENCE:{}", stamp.sequence),
    ];
    let prefix = if cancelled { "Annulé : " } else { "" };
    match &e.kind {
        EntryKind::Work { shift, secretariat } => {
            let (Some(s), Some(sec)) =
                (inst.shifts.get(*shift), inst.secretariats.get(*secretariat))
            else {
                return Vec::new();
            };
            v.push(format!("DTSTART;TZID={TZID}:{}", local(inst, day, s.start)));
            v.push(format!("DTEND;TZID={TZID}:{}", local(inst, day, s.end)));
            v.push(format!(
                "SUMMARY:{}",
                escape(&format!("{prefix}{} {}", s.id, sec.id))
            ));
            v.push(format!(
                "LOCATION:{}",
                escape(&format!("{} ({})", sec.name, sec.pole))
            ));
            let label = if s.label.is_empty() { &s.id } else { &s.label };
            v.push(format!(
                "DESCRIPTION:{}",
                escape(&format!("{label}, {} payées", hours(e.minutes)))
            ));
            v.push("TRANSP:OPAQUE".into());
        }
        EntryKind::Leave { code } => {
            let date = inst.horizon.date(day);
            v.push(format!("DTSTART;VALUE=DATE:{}", ymd(date)));
            v.push(format!(
                "DTEND;VALUE=DATE:{}",
                ymd(date + Duration::days(1))
            ));
            v.push(format!("SUMMARY:{}", escape(&format!("{prefix}{code}"))));
            v.push(format!(
                "DESCRIPTION:{}",
                escape(&format!("absence, {} créditées", hours(e.minutes)))
            ));
            v.push("TRANSP:TRANSPARENT".into());
        }
    }
    v.push(if cancelled {
        "STATUS:CANCELLED".into()
    } else {
        "STATUS:CONFIRMED".into()
    });
    v.push("END:VEVENT".into());
    v
}

/// RFC 5545 TEXT escaping.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at 75 octets (never inside a UTF-8 character),
/// each physical line ended by CRLF.
fn fold_into(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testutil::tiny;

    fn text(files: &[(String, Vec<u8>)], i: usize) -> String {
        String::from_utf8(files[i].1.clone()).expect("utf8")
    }

    #[test]
    fn one_calendar_per_agent_with_stable_uids() {
        let (inst, p) = tiny();
        let files = ics_calendars(&inst, &p, None);
        assert_eq!(
            files.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
            ["ann.ics", "bob.ics"]
        );
        let ann = text(&files, 0);
        assert!(
            ann.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
            "{ann}"
        );
        assert!(ann.ends_with("END:VCALENDAR\r\n"));
        assert!(ann.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n"));
        assert!(ann.contains(
            "UID:rota-ann-20261207-work2@rota\r\nDTSTAMP:20261207T000000Z\r\nSEQUENCE:0\r\n\
             DTSTART;TZID=Europe/Paris:20261207T130000\r\n\
             DTEND;TZID=Europe/Paris:20261207T170000\r\nSUMMARY:S NEURO\r\n"
        ));
        // The night shift ends the next day; the half day is an all-day event.
        assert!(ann.contains("DTEND;TZID=Europe/Paris:20261210T060000\r\n"));
        assert!(ann.contains(
            "UID:rota-ann-20261209-leave1@rota\r\nDTSTAMP:20261207T000000Z\r\nSEQUENCE:0\r\n\
             DTSTART;VALUE=DATE:20261209\r\nDTEND;VALUE=DATE:20261210\r\nSUMMARY:RTT\r\n"
        ));
        assert_eq!(ann.matches("BEGIN:VEVENT").count(), 5);
        assert_eq!(text(&files, 1).matches("BEGIN:VEVENT").count(), 2);
        assert_eq!(files, ics_calendars(&inst, &p, None));
    }

    #[test]
    fn a_replan_updates_and_cancels_by_uid() {
        let (inst, p) = tiny();
        // The new planning drops ann's Monday afternoon.
        let mut new = p.clone();
        new.assignments
            .retain(|a| !(a.agent == 0 && a.day == 0 && a.shift == 1));
        let ctx = ReplanContext {
            previous: p.clone(),
            from: 0,
            locked: Vec::new(),
            notice_days: vec![0, 1],
        };
        let ann = text(&ics_calendars(&inst, &new, Some(&ctx)), 0);
        assert!(ann.contains("UID:rota-ann-20261207-work1@rota\r\n"));
        let cancelled = ann
            .split("BEGIN:VEVENT")
            .find(|e| e.contains("UID:rota-ann-20261207-work2@rota"))
            .expect("the vanished shift is cancelled");
        assert!(cancelled.contains("STATUS:CANCELLED"), "{cancelled}");
        assert!(cancelled.contains("SEQUENCE:1\r\n"));
        assert_eq!(ann.matches("STATUS:CANCELLED").count(), 1);
    }

    #[test]
    fn names_uids_escaping_and_folding() {
        let (mut inst, _) = tiny();
        inst.agents[0].id = "a/b".into();
        inst.agents[1].id = "a:b".into();
        assert_eq!(file_names(&inst), ["a_b.ics", "a_b-2.ics"]);
        inst.agents[0].id = ".x".into();
        assert_eq!(file_names(&inst)[0], "agent.x.ics");
        let date = NaiveDate::from_ymd_opt(2026, 12, 7).expect("date");
        assert_eq!(
            uid("é b", date, "work", 1),
            "rota-%C3%A9%20b-20261207-work1@rota"
        );
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let mut out = String::new();
        fold_into(&mut out, &format!("SUMMARY:{}", "é".repeat(60)));
        for line in out.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        assert_eq!(
            out.replace("\r\n ", ""),
            format!("SUMMARY:{}\r\n", "é".repeat(60))
        );
    }
}
