//! The formats for people (README "Outputs for managers, référents and
//! agents") agree with `planning.csv`: on a tiny hand-written instance and
//! planning (no solve), `planning.xlsx` is opened back with calamine and
//! checked cell by cell, `planning.html` is rendered by headless Chromium
//! and checked on its DOM, the `.ics` calendars are parsed back with the
//! icalendar crate, and the French-Excel CSV files are read back, also by
//! `rota check`. The CLI flags `--ics` and `--excel-csv` are checked on a
//! tiny solve.

use calamine::{Data, Reader, Xlsx};
use rota::check::evaluate;
use rota::domain::{Instance, Planning, ReplanContext};
use rota::report::{output_files, Extras, LeaveDecision, RunSummary};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Mon 21 – Sun 27 Dec 2026, Christmas a holiday. Pôle Cœur: CARDIO (open
/// every day 07:00–06:30 next day, for the night shift) and ECHO; pôle
/// Tête: NEURO. ann (CARDIO, covers ECHO and NEURO), cléa (ECHO, covers
/// CARDIO), bob (NEURO, 50 %). Needs: CARDIO Mon 08–12 min 3, ECHO Tue
/// 13–17 min 1, NEURO Wed 08–12 min 1, a night N at CARDIO on Wed min 1.
/// bob: approved CA on Tue, requested RTT on Wed (refused); ann: approved
/// RTT morning on Wed.
fn instance_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let files = [
        (
            "instance.toml",
            "name = \"formats\"\nstart = \"2026-12-21\"\ndays = 7\nholidays = [\"2026-12-25\"]\n",
        ),
        (
            "shifts.csv",
            "id,start,end,break_minutes,label\nM,08:00,12:00,0,Matin\n\
             S,13:00,17:00,30,Après-midi\nN,22:00,06:00,60,Nuit\n",
        ),
        (
            "secretariats.csv",
            "id,name,pole,days,opens,closes\n\
             CARDIO,Cardiologie,Cœur,MON|TUE|WED|THU|FRI|SAT|SUN,07:00,06:30\n\
             ECHO,Échographie,Cœur,,,\n\
             NEURO,Neurologie,Tête,,,\n",
        ),
        (
            "agents.csv",
            "id,name,contract,rate,home,covers\n\
             ann,Ann ARNAUD,,100,CARDIO,ECHO|NEURO\n\
             bob,Bob BERNARD,,50,NEURO,\n\
             cléa,Cléa CHEN,,100,ECHO,CARDIO\n",
        ),
        (
            "needs.csv",
            "secretariat,day,start,end,min,target,max,label\n\
             CARDIO,MON,08:00,12:00,3,3,,consultation\n\
             ECHO,TUE,13:00,17:00,1,1,,écho\n\
             NEURO,WED,08:00,12:00,1,1,,\n\
             CARDIO,2026-12-23,N,,1,1,,garde\n",
        ),
        (
            "leave.csv",
            "id,agent,type,first_day,last_day,status,part\n\
             L1,bob,CA,2026-12-22,2026-12-22,approved,day\n\
             L2,bob,RTT,2026-12-23,2026-12-23,requested,day\n\
             L3,ann,RTT,2026-12-23,2026-12-23,approved,am\n",
        ),
        (
            "plan.csv",
            "agent,date,kind,code,secretariat\n\
             ann,2026-12-21,work,M,CARDIO\nann,2026-12-21,work,S,NEURO\n\
             ann,2026-12-22,work,S,CARDIO\nann,2026-12-23,work,N,CARDIO\n\
             bob,2026-12-21,work,M,NEURO\n\
             cléa,2026-12-21,work,M,CARDIO\ncléa,2026-12-22,work,S,ECHO\n\
             cléa,2026-12-24,work,M,ECHO\n",
        ),
    ];
    for (name, text) in files {
        fs::write(dir.path().join(name), text).expect("write instance file");
    }
    dir
}

fn load(dir: &Path) -> (Instance, Planning) {
    let inst = rota::validate::load_instance(dir)
        .unwrap_or_else(|e| panic!("instance: {:?}", e.findings))
        .instance;
    let planning = rota::io::planning::read_planning(&dir.join("plan.csv"), &inst)
        .unwrap_or_else(|e| panic!("planning: {:?}", e.findings))
        .planning;
    (inst, planning)
}

fn outputs(inst: &Instance, planning: &Planning, excel_csv: bool) -> BTreeMap<String, Vec<u8>> {
    let decisions = vec![LeaveDecision {
        leave: 1,
        granted: false,
        reason: "NEURO, 23/12 08:00–12:00 uncovered".into(),
    }];
    let gaps = rota::replace::replacements(inst, planning);
    let files = output_files(
        inst,
        planning,
        &evaluate(inst, planning),
        &RunSummary::default(),
        &Extras {
            decisions: &decisions,
            gaps: &gaps,
            excel_csv,
            ..Extras::default()
        },
    );
    files.into_iter().map(|(n, b)| (n.to_string(), b)).collect()
}

fn text(files: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(files.get(name).unwrap_or_else(|| panic!("{name}")).clone()).expect("utf8")
}

/// Rows of a CSV text as field vectors (header included).
fn rows(text: &str, delimiter: u8) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("csv row").iter().map(str::to_string).collect())
        .collect()
}

/// Home secretariat of each agent of the test instance.
fn home(agent: &str) -> &'static str {
    match agent {
        "ann" => "CARDIO",
        "bob" => "NEURO",
        _ => "ECHO",
    }
}

/// The expected text of every non-empty grid cell, from planning.csv
/// alone: per (agent, date), its rows in file order, a leave row as its
/// code, a work row as its shift, `@SECRETARIAT` added away from home,
/// joined by spaces.
fn expected_cells(planning_csv: &str) -> BTreeMap<(String, String), String> {
    let mut cells: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for r in rows(planning_csv, b',').into_iter().skip(1) {
        let away = r[2] == "work" && r[4] != home(&r[0]);
        let t = if away {
            format!("{}@{}", r[3], r[4])
        } else {
            r[3].clone()
        };
        cells
            .entry((r[0].clone(), r[1].clone()))
            .or_default()
            .push(t);
    }
    cells.into_iter().map(|(k, v)| (k, v.join(" "))).collect()
}

const AGENT_ORDER: [&str; 3] = ["ann", "cléa", "bob"];
const DATES: [&str; 7] = [
    "2026-12-21",
    "2026-12-22",
    "2026-12-23",
    "2026-12-24",
    "2026-12-25",
    "2026-12-26",
    "2026-12-27",
];

fn cell_string(d: Option<&Data>) -> String {
    match d {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

fn cell_number(d: Option<&Data>) -> f64 {
    match d {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        Some(Data::DateTime(t)) => t.as_f64(),
        other => panic!("not a number: {other:?}"),
    }
}

/// Excel's serial number of a `YYYY-MM-DD` date.
fn serial(date: &str) -> f64 {
    let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date");
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).expect("epoch");
    (d - epoch).num_days() as f64
}

#[test]
fn xlsx_agrees_with_planning_csv_cell_by_cell() {
    let dir = instance_dir();
    let (inst, planning) = load(dir.path());
    let files = outputs(&inst, &planning, false);
    for (book, csv_name) in [
        ("planning.xlsx", "planning.csv"),
        ("planning_referents.xlsx", "planning_referents.csv"),
    ] {
        let bytes = files[book].clone();
        let mut wb: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("xlsx opens");
        assert_eq!(wb.sheet_names(), ["Planning", "Couverture", "Heures"]);
        let grid = wb.worksheet_range("Planning").expect("Planning sheet");
        let head: Vec<String> = (0..11).map(|c| cell_string(grid.get((0, c)))).collect();
        assert_eq!(
            head,
            [
                "Pôle",
                "Secrétariat",
                "Agent",
                "Nom",
                "lu 21/12",
                "ma 22/12",
                "me 23/12",
                "je 24/12",
                "ve 25/12",
                "sa 26/12",
                "di 27/12"
            ]
        );
        let expected = expected_cells(&text(&files, csv_name));
        for (i, agent) in AGENT_ORDER.iter().enumerate() {
            let row = i + 1;
            assert_eq!(cell_string(grid.get((row, 2))), *agent, "{book} row {row}");
            for (d, date) in DATES.iter().enumerate() {
                let want = expected
                    .get(&(agent.to_string(), date.to_string()))
                    .cloned()
                    .unwrap_or_default();
                assert_eq!(
                    cell_string(grid.get((row, 4 + d))),
                    want,
                    "{book}: {agent} on {date}"
                );
            }
        }
        // Hand-checked cells.
        let at = |r: usize, c: usize| cell_string(grid.get((r, c)));
        assert_eq!(
            (at(1, 0), at(1, 1), at(1, 3)),
            ("Cœur".into(), "CARDIO".into(), "Ann ARNAUD".into())
        );
        assert_eq!(at(1, 4), "M S@NEURO");
        assert_eq!(at(2, 4), "M@CARDIO");
        assert_eq!(at(3, 0), "Tête");
        let leave = if book == "planning.xlsx" { "CA" } else { "ABS" };
        assert_eq!(at(3, 5), leave);
        assert_eq!(
            at(1, 6),
            format!("{} N", if leave == "CA" { "RTT" } else { "ABS" })
        );

        // Fills: a shift in its secretariat's colour, leave in yellow,
        // empty weekend and holiday cells shaded, an empty weekday plain,
        // the coverage shortfall red.
        let styles = wb.worksheet_style("Planning").expect("styles");
        let fill = |styles: &calamine::StyleRange, r: u32, c: u32| {
            styles
                .get((r, c))
                .and_then(|s| s.fill.as_ref())
                .filter(|f| f.is_visible())
                .and_then(|f| f.get_color())
                .map(|c| (u32::from(c.red) << 16) | (u32::from(c.green) << 8) | u32::from(c.blue))
        };
        use rota::report::grid::{secretariat_rgb, ABSENCE_RGB, WEEKEND_RGB};
        assert_eq!(
            fill(&styles, 1, 4),
            Some(secretariat_rgb(0)),
            "ann Mon at CARDIO"
        );
        assert_eq!(
            fill(&styles, 2, 5),
            Some(secretariat_rgb(1)),
            "cléa Tue at ECHO"
        );
        assert_eq!(fill(&styles, 3, 5), Some(ABSENCE_RGB), "bob's CA");
        assert_eq!(fill(&styles, 3, 9), Some(WEEKEND_RGB), "Saturday");
        assert_eq!(fill(&styles, 1, 8), Some(WEEKEND_RGB), "Christmas");
        assert_eq!(fill(&styles, 0, 10), Some(WEEKEND_RGB), "Sunday heading");
        assert_eq!(fill(&styles, 3, 7), None, "bob's Thursday off");
        let cov_styles = wb.worksheet_style("Couverture").expect("styles");

        // Coverage sheet = coverage.csv, row by row.
        let cov = wb.worksheet_range("Couverture").expect("Couverture sheet");
        let csv_rows = rows(&text(&files, "coverage.csv"), b',');
        assert_eq!(cov.height(), csv_rows.len());
        for (r, want) in csv_rows.iter().enumerate().skip(1) {
            let got = |c: usize| cell_string(cov.get((r, c)));
            assert_eq!((got(0), got(1)), (want[0].clone(), want[1].clone()));
            assert_eq!(
                cell_number(cov.get((r, 2))),
                serial(&want[2]),
                "date row {r}"
            );
            assert_eq!(
                (got(3), got(4), got(5)),
                (want[3].clone(), want[4].clone(), want[5].clone())
            );
            for (c, w) in [(6, 6), (7, 7), (9, 9), (10, 10)] {
                assert_eq!(
                    cell_number(cov.get((r, c))),
                    want[w].parse::<f64>().expect("n"),
                    "row {r} col {c}"
                );
            }
            if want[8].is_empty() {
                assert_eq!(got(8), "");
            } else {
                assert_eq!(
                    cell_number(cov.get((r, 8))),
                    want[8].parse::<f64>().expect("n")
                );
            }
            assert_eq!(got(11), want[11]);
            let red = (want[10] != "0").then_some(0xEA9999);
            assert_eq!(
                fill(&cov_styles, r as u32, 10),
                red,
                "shortfall fill row {r}"
            );
        }
        // The CARDIO Monday shortfall: min 3, two agents there.
        assert!(csv_rows
            .iter()
            .any(|r| r[0] == "CARDIO" && r[2] == "2026-12-21" && r[9] == "2" && r[10] == "1"));

        // Hours sheet = overtime.csv in days of 24 h.
        let hours = wb.worksheet_range("Heures").expect("Heures sheet");
        let csv_rows = rows(&text(&files, "overtime.csv"), b',');
        assert_eq!(hours.height(), csv_rows.len());
        for (r, want) in csv_rows.iter().enumerate().skip(1) {
            assert_eq!(cell_string(hours.get((r, 0))), want[0]);
            assert_eq!(cell_string(hours.get((r, 3))), want[1]);
            for (c, w) in (4..=8).zip(2..=6) {
                let minutes = cell_number(hours.get((r, c))) * 1440.0;
                assert!(
                    (minutes - want[w].parse::<f64>().expect("n")).abs() < 1e-6,
                    "row {r} col {c}"
                );
            }
            assert_eq!(cell_string(hours.get((r, 9))), want[7]);
        }
    }
    // Byte-identical on rerun (the creation date is the horizon's first day).
    assert_eq!(files, outputs(&inst, &planning, false));
}

/// The Chromium binary: `/usr/bin/chromium` or `chromium` on PATH.
fn chromium() -> PathBuf {
    let fixed = PathBuf::from("/usr/bin/chromium");
    if fixed.is_file() {
        return fixed;
    }
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join("chromium");
            if candidate.is_file() {
                return candidate;
            }
        }
    }
    panic!("chromium is not installed: run the tests with `tools/test`, which installs it");
}

/// The DOM of `page` (a file, with an optional `#fragment`) after its
/// scripts ran, as serialized by headless Chromium.
fn dump_dom(page: &Path, fragment: &str) -> String {
    let profile = tempfile::tempdir().expect("profile dir");
    let url = format!("file://{}{fragment}", page.display());
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--disable-dev-shm-usage",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        dom.contains("</html>"),
        "chromium printed no DOM (status {:?}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    dom
}

/// The `<tr class="agent" …>` elements of a DOM, each as its opening tag
/// and its cells' texts.
fn agent_rows(dom: &str) -> Vec<(String, Vec<String>)> {
    dom.split("<tr class=\"agent\"")
        .skip(1)
        .map(|chunk| {
            let row = chunk.split("</tr>").next().unwrap_or("");
            let tag = row.split('>').next().unwrap_or("").to_string();
            let cells = row
                .split("<td class=\"cell\"")
                .skip(1)
                .map(|c| {
                    let inner = c.split_once('>').map(|x| x.1).unwrap_or("");
                    inner.split("</td>").next().unwrap_or("").to_string()
                })
                .collect();
            (tag, cells)
        })
        .collect()
}

#[test]
fn html_renders_in_headless_chromium_with_the_grid_and_coverage() {
    let dir = instance_dir();
    let (inst, planning) = load(dir.path());
    let files = outputs(&inst, &planning, false);
    let page = dir.path().join("planning.html");
    fs::write(&page, &files["planning.html"]).expect("write page");
    let dom = dump_dom(&page, "");

    // One row per agent, in pôle order, cells as in the référents' planning.csv.
    let expected = expected_cells(&text(&files, "planning_referents.csv"));
    let agents = agent_rows(&dom);
    assert_eq!(agents.len(), inst.agents.len());
    for ((tag, cells), agent) in agents.iter().zip(AGENT_ORDER) {
        assert!(tag.contains(&format!("data-agent=\"{agent}\"")), "{tag}");
        assert_eq!(cells.len(), 7);
        for (cell, date) in cells.iter().zip(DATES) {
            let want = expected
                .get(&(agent.to_string(), date.to_string()))
                .cloned()
                .unwrap_or_default();
            assert_eq!(*cell, want, "{agent} on {date}");
        }
    }
    assert!(!dom.contains(">CA<"), "absence types are not shown");

    // Coverage heat-map: CARDIO Mon 2 of 3 → 66 %; ECHO Tue 100 %;
    // NEURO Wed nobody → 0 %; CARDIO Wed night need held → 100 %.
    for (sec, date, rate) in [
        ("CARDIO", "2026-12-21", "66"),
        ("ECHO", "2026-12-22", "100"),
        ("NEURO", "2026-12-23", "0"),
        ("CARDIO", "2026-12-23", "100"),
    ] {
        let cell = format!(
            "<td class=\"hm\" data-sec=\"{sec}\" data-date=\"{date}\" data-rate=\"{rate}\""
        );
        assert!(dom.contains(&cell), "missing {cell}");
    }
    assert_eq!(dom.matches("<td class=\"hm\"").count(), 3 * 7);
    // Pôle summary: Cœur needs 720 + 240 + 480 agent-minutes, holds
    // 480 + 240 + 480 → 83 %; Tête 0 %.
    assert!(dom.contains("<tr data-pole=\"Cœur\"><td class=\"name\">Cœur</td><td>2</td><td class=\"rate\">83 %</td>"), "summary");
    assert!(dom.contains("<td class=\"rate\">0 %</td>"));
    // Gaps and the refused request with its reason.
    assert_eq!(dom.matches("<tr class=\"gap-row\"").count(), 2);
    assert!(dom.contains("NEURO, 23/12 08:00–12:00 uncovered"));
    // The script filled the filters (no network needed).
    assert!(
        dom.contains("<option value=\"Cœur\">Cœur</option>"),
        "pôle filter"
    );
    assert_eq!(
        dom.matches("<option value=\"CARDIO\">CARDIO</option>")
            .count(),
        1,
        "each secretariat once"
    );
    assert!(
        dom.contains("<option value=\"NEURO\">NEURO</option>"),
        "secretariat filter"
    );

    // A filter in the address hides the other pôles' rows.
    let filtered = dump_dom(&page, "#pole=T%C3%AAte");
    let rows = agent_rows(&filtered);
    let hidden: Vec<bool> = rows.iter().map(|(tag, _)| tag.contains("hidden")).collect();
    assert_eq!(hidden, [true, true, false]);
    let by_sec = dump_dom(&page, "#sec=ECHO");
    let hidden: Vec<bool> = agent_rows(&by_sec)
        .iter()
        .map(|(tag, _)| tag.contains("hidden"))
        .collect();
    assert_eq!(hidden, [true, false, true]);
}

/// Events of an `.ics` text: name → value of each VEVENT's properties
/// (`DTSTART`/`DTEND` keyed with their parameters, e.g. `DTSTART;TZID`).
fn events(ics: &str) -> Vec<BTreeMap<String, String>> {
    let unfolded = icalendar::parser::unfold(ics);
    let cal = icalendar::parser::read_calendar(&unfolded).expect("a valid calendar");
    assert!(
        cal.components.iter().any(|c| c.name == "VTIMEZONE"
            && c.find_prop("TZID").map(|p| p.val.as_str()) == Some("Europe/Paris")),
        "VTIMEZONE Europe/Paris"
    );
    cal.components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .map(|c| {
            c.properties
                .iter()
                .map(|p| {
                    let mut key = p.name.as_str().to_string();
                    for param in &p.params {
                        key.push(';');
                        key.push_str(param.key.as_str());
                    }
                    (key, p.val.as_str().to_string())
                })
                .collect()
        })
        .collect()
}

#[test]
fn ics_calendars_parse_back_and_agree_with_planning_csv() {
    let dir = instance_dir();
    let (inst, planning) = load(dir.path());
    let calendars = rota::report::ics::ics_calendars(&inst, &planning, None);
    let names: Vec<&str> = calendars.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["ann.ics", "bob.ics", "cléa.ics"]);
    let files = outputs(&inst, &planning, false);
    let planning_rows = rows(&text(&files, "planning.csv"), b',');
    for (name, bytes) in &calendars {
        let agent = name.trim_end_matches(".ics");
        let ics = String::from_utf8(bytes.clone()).expect("utf8");
        let evs = events(&ics);
        let mine: Vec<&Vec<String>> = planning_rows
            .iter()
            .skip(1)
            .filter(|r| r[0] == agent)
            .collect();
        assert_eq!(
            evs.len(),
            mine.len(),
            "{agent}: one event per planning.csv row"
        );
        for (ev, row) in evs.iter().zip(&mine) {
            let day = row[1].replace('-', "");
            assert_eq!(ev["DTSTAMP"], "20261221T000000Z");
            if row[2] == "work" {
                assert_eq!(
                    ev["DTSTART;TZID"],
                    format!("{day}T{}00", row[5].replace(':', ""))
                );
                assert!(ev["SUMMARY"].starts_with(&format!("{} {}", row[3], row[4])));
                assert!(
                    ev["UID"].starts_with("rota-") && ev["UID"].contains(&format!("-{day}-work"))
                );
            } else {
                assert_eq!(ev["DTSTART;VALUE"], day);
                assert_eq!(ev["SUMMARY"], row[3]);
                assert!(ev["UID"].contains(&format!("-{day}-leave")));
            }
        }
        let uids: std::collections::BTreeSet<&String> = evs.iter().map(|e| &e["UID"]).collect();
        assert_eq!(uids.len(), evs.len(), "UIDs are unique");
    }
    let ann = events(&String::from_utf8(calendars[0].1.clone()).expect("utf8"));
    let night = ann
        .iter()
        .find(|e| e["SUMMARY"].starts_with("N "))
        .expect("night");
    assert_eq!(night["UID"], "rota-ann-20261223-work1@rota");
    assert_eq!(night["DTEND;TZID"], "20261224T060000");
    let clea = String::from_utf8(calendars[2].1.clone()).expect("utf8");
    assert!(clea.contains("UID:rota-cl%C3%A9a-20261221-work1@rota\r\n"));

    // A replan that moves ann's Monday afternoon to CARDIO keeps the UID
    // (the calendar updates the event) and raises SEQUENCE.
    let mut moved = planning.clone();
    for a in &mut moved.assignments {
        if a.agent == 0 && a.day == 0 && inst.shifts[a.shift].id == "S" {
            a.secretariat = 0;
        }
    }
    let ctx = ReplanContext {
        previous: planning.clone(),
        from: 0,
        locked: Vec::new(),
        notice_days: vec![0, 1],
    };
    let replanned = rota::report::ics::ics_calendars(&inst, &moved, Some(&ctx));
    let after = events(&String::from_utf8(replanned[0].1.clone()).expect("utf8"));
    let before_uids: Vec<&String> = ann.iter().map(|e| &e["UID"]).collect();
    let after_uids: Vec<&String> = after.iter().map(|e| &e["UID"]).collect();
    assert_eq!(before_uids, after_uids);
    let monday = after
        .iter()
        .find(|e| e["UID"] == "rota-ann-20261221-work2@rota")
        .expect("event");
    assert_eq!(monday["SUMMARY"], "S CARDIO");
    assert_eq!(monday["SEQUENCE"], "1");
    assert!(after.iter().all(|e| e["STATUS"] == "CONFIRMED"));
    // Same bytes twice.
    assert_eq!(
        calendars,
        rota::report::ics::ics_calendars(&inst, &planning, None)
    );
}

/// A date `DD/MM/YYYY` back to `YYYY-MM-DD`; other fields unchanged.
fn iso(field: &str) -> String {
    match chrono::NaiveDate::parse_from_str(field, "%d/%m/%Y") {
        Ok(d) if field.len() == 10 => d.format("%Y-%m-%d").to_string(),
        _ => field.to_string(),
    }
}

#[test]
fn excel_csv_round_trips_and_rota_check_reads_it() {
    let dir = instance_dir();
    let (inst, planning) = load(dir.path());
    let plain = outputs(&inst, &planning, false);
    let excel = outputs(&inst, &planning, true);
    assert_eq!(
        plain.keys().collect::<Vec<_>>(),
        excel.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &excel {
        if !name.ends_with(".csv") {
            assert_eq!(bytes, &plain[name], "{name} is not a CSV file: unchanged");
            continue;
        }
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{name}: BOM");
        let body = String::from_utf8(bytes[3..].to_vec()).expect("utf8");
        assert!(
            body.lines()
                .next()
                .is_some_and(|h| h.contains(';') && !h.contains(',')),
            "{name}: header with ;"
        );
        // Back to the plain file: dates and decimal commas undone.
        let back: Vec<Vec<String>> = rows(&body, b';')
            .into_iter()
            .map(|r| {
                r.iter()
                    .map(|f| {
                        let f = iso(f);
                        let is_decimal = f.split_once(',').is_some_and(|(a, b)| {
                            !a.is_empty()
                                && !b.is_empty()
                                && a.trim_start_matches('-')
                                    .bytes()
                                    .all(|c| c.is_ascii_digit())
                                && b.bytes().all(|c| c.is_ascii_digit())
                        });
                        if is_decimal {
                            f.replace(',', ".")
                        } else {
                            f
                        }
                    })
                    .collect()
            })
            .collect();
        assert_eq!(back, rows(&text(&plain, name), b','), "{name}");
    }
    let planning_excel = String::from_utf8(excel["planning.csv"][3..].to_vec()).expect("utf8");
    assert!(
        planning_excel.starts_with(
            "agent;date;kind;code;secretariat;start;end;minutes\r\nann;21/12/2026;work;M;CARDIO;08:00;12:00;240\r\n"
        ),
        "{planning_excel}"
    );
    // balances.csv has decimals: written with a comma.
    let balances = String::from_utf8(excel["balances.csv"][3..].to_vec()).expect("utf8");
    assert!(
        balances.lines().nth(1).is_some_and(|l| l.contains(',')),
        "{balances}"
    );

    // rota check reads the Excel planning.csv and finds what it finds on the plain one.
    let out = dir.path().join("out-excel");
    let owned: Vec<(&str, Vec<u8>)> = excel.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    rota::io::output::write_folder_atomically(&out, &owned).expect("written");
    let plain_path = dir.path().join("planning-plain.csv");
    fs::write(&plain_path, &plain["planning.csv"]).expect("write");
    let check = |path: &Path| {
        Command::new(env!("CARGO_BIN_EXE_rota"))
            .arg("check")
            .arg(dir.path())
            .arg("--planning")
            .arg(path)
            .output()
            .expect("rota check runs")
    };
    let (a, b) = (check(&out.join("planning.csv")), check(&plain_path));
    assert_eq!(
        a.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&a.stderr)
    );
    assert_eq!(a.status.code(), b.status.code());
    assert_eq!(
        String::from_utf8_lossy(&a.stdout)
            .replace(&out.join("planning.csv").display().to_string(), "P"),
        String::from_utf8_lossy(&b.stdout).replace(&plain_path.display().to_string(), "P")
    );
    // And reads the same planning back.
    let read = rota::io::planning::read_planning(&out.join("planning.csv"), &inst)
        .unwrap_or_else(|e| panic!("{:?}", e.findings))
        .planning;
    assert_eq!(read, {
        let mut p = planning.clone();
        p.normalize(&inst);
        p
    });
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

#[test]
fn solve_writes_the_formats_with_ics_and_excel_csv_flags() {
    let root = tempfile::tempdir().expect("temp dir");
    let solve = |name: &str| {
        let (out, ics) = (
            root.path().join(name),
            root.path().join(format!("{name}-ics")),
        );
        let run = Command::new(env!("CARGO_BIN_EXE_rota"))
            .arg("solve")
            .arg(repo("instances/tiny-leave"))
            .arg("--out")
            .arg(&out)
            .arg("--ics")
            .arg(&ics)
            .args(["--excel-csv", "--quiet", "--threads", "1"])
            .output()
            .expect("rota solve runs");
        assert_eq!(
            run.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        (out, ics)
    };
    let (out, ics) = solve("out");
    // A second run writes the same bytes (summary.json's timing aside).
    let (again, again_ics) = solve("again");
    for (a, b) in [(&out, &again), (&ics, &again_ics)] {
        for entry in fs::read_dir(a).expect("folder") {
            let name = entry.expect("entry").file_name();
            if name == "summary.json" {
                continue;
            }
            assert_eq!(
                fs::read(a.join(&name)).expect("read"),
                fs::read(b.join(&name)).expect("read"),
                "{name:?}"
            );
        }
    }
    for name in [
        "planning.xlsx",
        "planning_referents.xlsx",
        "planning.html",
        "summary.json",
    ] {
        assert!(out.join(name).is_file(), "{name}");
    }
    let planning = fs::read(out.join("planning.csv")).expect("planning.csv");
    assert!(planning.starts_with(b"\xEF\xBB\xBFagent;date;kind;code;secretariat;"));
    let mut names: Vec<String> = fs::read_dir(&ics)
        .expect("ics dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["AG.ics", "BE.ics"]);
    // The calendars agree with the planning written beside them.
    let text = String::from_utf8(planning[3..].to_vec()).expect("utf8");
    let ag_rows = rows(&text, b';')
        .into_iter()
        .filter(|r| r[0] == "AG")
        .count();
    let ag = fs::read_to_string(ics.join("AG.ics")).expect("AG.ics");
    assert_eq!(events(&ag).len(), ag_rows);

    // A replan reads the Excel planning.csv as --previous; its calendars
    // keep the UIDs of the days that did not change, with a higher SEQUENCE
    // and the replan's first day as DTSTAMP.
    let (re_out, re_ics) = (root.path().join("re"), root.path().join("re-ics"));
    let replan = Command::new(env!("CARGO_BIN_EXE_rota"))
        .arg("replan")
        .arg(repo("instances/tiny-leave"))
        .arg("--previous")
        .arg(out.join("planning.csv"))
        .args(["--from", "2026-12-08", "--quiet", "--threads", "1"])
        .arg("--out")
        .arg(&re_out)
        .arg("--ics")
        .arg(&re_ics)
        .output()
        .expect("rota replan runs");
    assert_eq!(
        replan.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&replan.stderr)
    );
    let before = events(&ag);
    let after = events(&fs::read_to_string(re_ics.join("AG.ics")).expect("AG.ics"));
    let uids = |evs: &[BTreeMap<String, String>]| {
        evs.iter()
            .map(|e| e["UID"].clone())
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert_eq!(uids(&before), uids(&after), "nothing new: same events");
    assert!(after
        .iter()
        .all(|e| e["SEQUENCE"] == "2" && e["DTSTAMP"] == "20261208T000000Z"));

    // capacity --excel-csv prints the same table for a French Excel.
    let cap = Command::new(env!("CARGO_BIN_EXE_rota"))
        .arg("capacity")
        .arg(repo("instances/tiny-leave"))
        .arg("--excel-csv")
        .output()
        .expect("rota capacity runs");
    assert_eq!(cap.status.code(), Some(0));
    assert!(cap.stdout.starts_with(b"\xEF\xBB\xBF"));
    let plain = Command::new(env!("CARGO_BIN_EXE_rota"))
        .arg("capacity")
        .arg(repo("instances/tiny-leave"))
        .arg("--csv")
        .output()
        .expect("rota capacity runs");
    assert_eq!(
        cap.stdout[3..].to_vec(),
        rota::report::excel_csv::to_excel_csv(&plain.stdout)[3..].to_vec()
    );
}
