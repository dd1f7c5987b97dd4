//! Instance folder validation, end to end: every folder of
//! `instances/invalid/` yields the code its name starts with (and no other),
//! every code has a folder, the French-Excel form of an instance loads to the
//! same `Instance` as its plain twin, all errors come at once, `#` columns
//! are ignored, and no input makes the loader panic.

use proptest::prelude::*;
use rota::io::read_planning;
use rota::validate::{codes, load_instance, Loaded, ValidationErrors};
use std::fs;
use std::path::{Path, PathBuf};

fn invalid_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/invalid")
}

fn base_dir() -> PathBuf {
    invalid_dir().join("_base")
}

fn load_ok(dir: &Path) -> Loaded {
    match load_instance(dir) {
        Ok(l) => l,
        Err(e) => panic!("{} should load:\n{e}", dir.display()),
    }
}

fn load_err(dir: &Path) -> ValidationErrors {
    match load_instance(dir) {
        Ok(_) => panic!("{} should not load", dir.display()),
        Err(e) => e,
    }
}

/// A temporary copy of `_base/`, without its planning.csv.
fn copy_base() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    for entry in fs::read_dir(base_dir()).expect("_base exists") {
        let entry = entry.expect("entry");
        let name = entry.file_name();
        if name != "planning.csv" {
            fs::copy(entry.path(), tmp.path().join(&name)).expect("copy");
        }
    }
    tmp
}

fn debug_of(dir: &Path) -> String {
    format!("{:#?}", load_ok(dir).instance)
}

#[test]
fn base_instance_is_valid_without_warnings() {
    let loaded = load_ok(&base_dir());
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn every_invalid_folder_yields_its_code_and_only_it() {
    let mut dirs: Vec<PathBuf> = fs::read_dir(invalid_dir())
        .expect("instances/invalid")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut checked = 0;
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with('_') {
            continue;
        }
        let code = name.split('-').next().unwrap();
        assert!(
            codes::meaning(code).is_some(),
            "{name}: `{code}` is not a code of src/validate/codes.rs"
        );
        if code.starts_with('W') {
            let loaded = load_ok(&dir);
            let got: Vec<&str> = loaded.warnings.iter().map(|w| w.code).collect();
            assert!(
                !got.is_empty() && got.iter().all(|c| *c == code),
                "{name}: expected only warning {code}, got {got:?}"
            );
        } else if code.starts_with("E095") {
            let loaded = load_ok(&dir);
            let err = read_planning(&dir.join("planning.csv"), &loaded.instance).expect_err(&name);
            assert!(
                err.findings.iter().all(|f| f.code == code) && !err.findings.is_empty(),
                "{name}: expected only {code}, got:\n{err}"
            );
            assert!(
                err.findings
                    .iter()
                    .all(|f| f.line == Some(2) || f.line == Some(4)),
                "{name}: finding without its line:\n{err}"
            );
        } else {
            let err = load_err(&dir);
            assert!(
                err.findings.iter().all(|f| f.code == code),
                "{name}: expected only {code}, got:\n{err}"
            );
            assert!(!err.findings.is_empty());
        }
        checked += 1;
    }
    assert!(checked >= 70, "only {checked} cases");
}

#[test]
fn every_code_has_an_invalid_folder() {
    let names: Vec<String> = fs::read_dir(invalid_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for (code, meaning) in codes::ALL {
        assert!(
            names.iter().any(|n| n.starts_with(&format!("{code}-"))),
            "no folder instances/invalid/{code}-… for `{meaning}`"
        );
    }
}

#[test]
fn base_instance_resolves_as_documented() {
    use chrono::Weekday;
    use rota::domain::{AvailabilityScope, LeavePart, NeedWindow};
    let inst = load_ok(&base_dir()).instance;
    assert_eq!(inst.name, "tiny");
    assert_eq!(inst.horizon.days, 21);
    assert_eq!(
        inst.horizon.holidays.iter().copied().collect::<Vec<_>>(),
        vec![18],
        "25 Dec kept, 1 Jan outside"
    );
    assert_eq!(inst.rules.weekly_minutes, 35 * 60);
    assert_eq!(inst.rules.max_weekends, Some(2));
    assert_eq!(inst.rules.half_day_split, 12 * 60 + 30);
    assert_eq!(inst.weights.uncovered, 500.0);

    let night = &inst.shifts[3];
    assert_eq!(
        (night.start, night.end, night.paid_minutes()),
        (1200, 1800, 540)
    );
    assert_eq!(night.cannot_follow, vec![0, 2]);
    assert_eq!(
        (inst.secretariats[1].opens, inst.secretariats[1].closes),
        (7 * 60, 20 * 60)
    );
    assert_eq!(
        inst.secretariats[1].days,
        vec![
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri
        ]
    );
    assert_eq!(
        inst.secretariats[2].closes,
        8 * 60 + 1440,
        "URG open past midnight"
    );
    assert_eq!(inst.pools[0].members, vec![0, 1]);

    let ids: Vec<&str> = inst.contracts.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        vec!["FT", "PT", "default"],
        "implicit default appended for A3's empty contract"
    );
    let ft = &inst.contracts[0];
    assert_eq!(
        (
            ft.weekly_minutes,
            ft.max_days_per_week,
            ft.max_consecutive_days,
            ft.max_weekends
        ),
        (2250, 5, 6, Some(2))
    );
    assert_eq!(ft.max_shifts, vec![None, None, None, Some(4)]);
    let pt = &inst.contracts[1];
    assert_eq!(
        (
            pt.weekly_minutes,
            pt.max_total_minutes,
            pt.min_consecutive_days
        ),
        (2100, Some(9000), 1)
    );
    assert_eq!(pt.max_shifts, vec![Some(20), None, Some(10), None]);
    assert_eq!(inst.contracts[2].weekly_minutes, 2100);

    let (a1, a2, a3) = (&inst.agents[0], &inst.agents[1], &inst.agents[2]);
    assert_eq!(a1.covers, vec![1], "POOL1 expanded, home removed");
    assert_eq!(a1.skills, vec!["accueil", "facturation"]);
    assert_eq!(
        (
            a1.overtime_month_minutes_done,
            a1.ca_days_left,
            a1.rtt_days_left
        ),
        (150, Some(10.0), Some(3.0))
    );
    assert_eq!(
        (a2.contract, a2.rate, a2.covers.clone()),
        (1, 80.0, vec![0])
    );
    assert_eq!(a2.fixed_days_off, vec![Weekday::Wed]);
    assert_eq!((a3.contract, a3.rate), (2, 50.0));
    assert!(
        a3.fixed_days_off.is_empty(),
        "a windowed off row is no fixed day off"
    );

    // CARDIO MON: 7, (14 closed), 21; dated Sat 12; PNEUMO TUE J: 8, 15, 22; URG SUN N: 13, 20, 27.
    let days = |sec: usize| {
        inst.needs
            .iter()
            .filter(|n| n.secretariat == sec)
            .map(|n| (n.day, n.dated))
            .collect::<Vec<_>>()
    };
    assert_eq!(days(0), vec![(0, false), (14, false), (5, true)]);
    assert_eq!(days(1), vec![(1, false), (8, false), (15, false)]);
    assert_eq!(days(2), vec![(6, false), (13, false), (20, false)]);
    let first = &inst.needs[0];
    assert_eq!(
        (first.window, first.min, first.target, first.max, first.line),
        (
            NeedWindow::Minutes {
                start: 480,
                end: 720
            },
            1,
            2,
            Some(3),
            2
        )
    );
    assert_eq!(inst.needs[2].weight_under, Some(2000.0));
    assert_eq!(inst.needs[3].window, NeedWindow::Shift(2));
    assert_eq!(
        (inst.needs[3].target, inst.needs[3].max),
        (1, None),
        "target defaults to min"
    );
    assert_eq!(inst.needs[8].weight_over, Some(0.5));
    assert!(inst.closures.contains(&(0, 7)));

    assert_eq!(inst.availability.len(), 3 + 1 + 3 + 1);
    let fri: Vec<_> = inst
        .availability
        .iter()
        .filter(|a| a.scope == AvailabilityScope::Shift(0))
        .map(|a| (a.day, a.recurring))
        .collect();
    assert_eq!(fri, vec![(4, true), (11, true), (18, true)]);
    assert!(inst.availability.iter().any(|a| a.agent == 2
        && a.scope
            == AvailabilityScope::Window {
                start: 840,
                end: 1080
            }
        && !a.recurring));
    assert!(inst
        .availability
        .iter()
        .any(|a| a.agent == 0 && a.weight == 2.0 && a.day == 2));

    assert_eq!(inst.leaves.len(), 3);
    assert_eq!(
        (
            inst.leaves[0].priority,
            inst.leaves[0].requested_on.map(|d| d.to_string())
        ),
        (2.0, Some("2026-11-01".into()))
    );
    assert_eq!(inst.leaves[1].part, LeavePart::Am);
    assert_eq!(
        inst.leaves[2].first_day.to_string(),
        "2026-11-30",
        "leave dates may reach outside the horizon"
    );
}

/// The base instance as French Excel writes it: `;`, BOM, CRLF, DD/MM/YYYY,
/// decimal commas, French weekdays, shuffled columns, `#` comment columns,
/// quoted cells.
const FRENCH_TWIN: &[(&str, &str)] = &[
    ("shifts.csv", "label;id;#commentaire;start;end;break_minutes;cannot_follow\nMatin;M;à revoir;08:00;12:30;0;\nAprès-midi;S;;13:00;17:30;0;\nJournée;J;;8:30;17:00;60;\nNuit;N;;20:00;06:00;60;M|J\n"),
    ("secretariats.csv", "id;name;pole;days;opens;closes\nCARDIO;\"Secrétariat cardiologie\";P1;LUN|MAR|MER|JEU|VEN;07:30;18:30\nPNEUMO;Secrétariat pneumologie;P1;;;\nURG;Accueil urgences;P2;lun|mar|mer|jeu|ven|sam|dim;12:00;08:00\n"),
    ("pools.csv", "secretariat;pool\nCARDIO;POOL1\nPNEUMO;POOL1\n"),
    ("contracts.csv", "id;weekly_hours;max_days_per_week;max_consecutive_days;min_consecutive_days;min_consecutive_days_off;max_weekends;min_total_hours;max_total_hours;max_shifts\nFT;37,5;5;;;;2;;;N=4\nPT;35;;;;;;0;150;J=10|M=20\n"),
    ("agents.csv", "id;name;contract;rate;home;covers;skills;overtime_month_hours_done;ca_days_left;rtt_days_left;#tel\nA1;Alice Martin;FT;100;CARDIO;POOL1;accueil|facturation;2,5;10;3;0601020304\nA2;Béatrice Dupont;PT;80;PNEUMO;CARDIO;;;;;\nA3;Chloé Bernard;;50%;URG;;;;;;\n"),
    ("needs.csv", "secretariat;day;start;end;min;target;max;label;weight_under;weight_over\nCARDIO;LUN;08:00;12:00;1;2;3;\"Consultation Dr X\";;\nCARDIO;12/12/2026;09:00;12:00;1;;;Samedi exceptionnel;2000;\nPNEUMO;MAR;J;;1;1;;;;\nURG;DIM;N;;1;;;;;0,5\n"),
    ("closures.csv", "secretariat;date;label\nCARDIO;14/12/2026;Dr X en congrès\n"),
    ("availability.csv", "agent;day;kind;shift;weight;start;end\nA2;MER;off;;;;\nA1;09/12/2026;prefer_off;;2;;\nA1;VEN;prefer_on;M;;;\nA3;10/12/2026;off;;;14:00;18:00\n"),
    ("leave.csv", "id;agent;type;first_day;last_day;status;part;requested_on;priority\nL1;A1;CA;21/12/2026;23/12/2026;requested;;01/11/2026;2\nL2;A2;RTT;11/12/2026;11/12/2026;approved;am;;\nL3;A3;FORMATION;30/11/2026;08/12/2026;approved;;;\n"),
];

#[test]
fn french_excel_twin_loads_to_the_same_instance() {
    let tmp = copy_base();
    for (file, content) in FRENCH_TWIN {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(content.replace('\n', "\r\n").as_bytes());
        fs::write(tmp.path().join(file), bytes).unwrap();
    }
    let twin = load_ok(tmp.path());
    assert!(twin.warnings.is_empty(), "{:?}", twin.warnings);
    assert_eq!(format!("{:#?}", twin.instance), debug_of(&base_dir()));
}

#[test]
fn comment_columns_are_ignored() {
    let tmp = copy_base();
    let agents = fs::read_to_string(tmp.path().join("agents.csv")).unwrap();
    let with_comment: String = agents
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                format!("#note,{l},# autre\n")
            } else {
                format!("\"ne pas, planifier\",{l},x\n")
            }
        })
        .collect();
    fs::write(tmp.path().join("agents.csv"), with_comment).unwrap();
    assert_eq!(debug_of(tmp.path()), debug_of(&base_dir()));
}

#[test]
fn all_errors_of_a_file_come_at_once() {
    let tmp = copy_base();
    let path = tmp.path().join("needs.csv");
    let mut needs = fs::read_to_string(&path).unwrap();
    needs.push_str("CARDIO,TUE,08:00,12:00,x,,,,,\n");
    needs.push_str("RADIO,TUE,08:00,12:00,1,,,,,\n");
    needs.push_str("CARDIO,TUE,08:00,12:00,2,1,,,,\n");
    fs::write(&path, needs).unwrap();
    let err = load_err(tmp.path());
    assert_eq!(
        err.codes(),
        vec![
            codes::BAD_WHOLE_NUMBER,
            codes::NEED_UNKNOWN_SECRETARIAT,
            codes::TARGET_BELOW_MIN
        ],
        "{err}"
    );
    let located: Vec<_> = err
        .findings
        .iter()
        .map(|f| {
            (
                f.file.as_str(),
                f.line,
                f.column.as_deref(),
                f.value.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        located,
        vec![
            ("needs.csv", Some(6), Some("min"), Some("x")),
            ("needs.csv", Some(7), Some("secretariat"), Some("RADIO")),
            ("needs.csv", Some(8), Some("target"), Some("1"))
        ]
    );
    assert_eq!(err.to_string().lines().count(), 3);
    assert!(err
        .to_string()
        .starts_with("needs.csv:6:min: E0207 value `x` is not a whole number — fix: "));
}

#[test]
fn all_errors_of_all_files_come_at_once() {
    let tmp = copy_base();
    let edit = |file: &str, from: &str, to: &str| {
        let p = tmp.path().join(file);
        let s = fs::read_to_string(&p).unwrap();
        assert!(s.contains(from));
        fs::write(&p, s.replacen(from, to, 1)).unwrap();
    };
    edit("instance.toml", "max_weekends = 2", "max_weekend = 2");
    edit("shifts.csv", "S,13:00,17:30", "S,13:00,17:70");
    edit("leave.csv", ",requested,", ",pending,");
    let err = load_err(tmp.path());
    assert_eq!(
        err.codes(),
        vec![
            codes::TOML_UNKNOWN_KEY,
            codes::BAD_TIME,
            codes::LEAVE_BAD_STATUS
        ],
        "{err}"
    );
    assert_eq!(err.findings[0].line, Some(8));
    assert_eq!(err.findings[0].column.as_deref(), Some("rules.max_weekend"));
    assert!(
        err.findings[0].fix.contains("max_weekends"),
        "{}",
        err.findings[0].fix
    );
}

#[test]
fn toml_syntax_error_names_line_and_column() {
    let err = load_err(&invalid_dir().join("E0101-toml-syntax-error"));
    assert_eq!(err.findings[0].line, Some(1));
    assert!(err.findings[0].column.is_some());
}

#[test]
fn non_utf8_names_its_line() {
    let err = load_err(&invalid_dir().join("E0003-agents-file-saved-as-latin1"));
    assert_eq!(
        (err.findings[0].file.as_str(), err.findings[0].line),
        ("agents.csv", Some(3))
    );
}

#[test]
fn dated_rows_outside_the_horizon_warn_with_file_and_line() {
    let loaded = load_ok(&invalid_dir().join("W0701-dated-need-outside-horizon"));
    let w = &loaded.warnings[0];
    assert_eq!(
        (w.file.as_str(), w.line, w.column.as_deref()),
        ("needs.csv", Some(6), Some("day"))
    );
    assert_eq!(loaded.instance.needs.len(), 9, "the row is ignored");
}

#[test]
fn missing_folder_is_one_finding() {
    let err = load_err(Path::new("/nonexistent/rota/instance"));
    assert_eq!(err.codes(), vec![codes::MISSING_FILE]);
}

#[test]
fn base_planning_reads_work_locked_and_granted_leave() {
    let loaded = load_ok(&base_dir());
    let read = read_planning(&base_dir().join("planning.csv"), &loaded.instance)
        .unwrap_or_else(|e| panic!("{e}"));
    let a = &read.planning.assignments;
    assert_eq!(a.len(), 2);
    assert_eq!(
        (a[0].agent, a[0].day, a[0].shift, a[0].secretariat),
        (0, 0, 0, 0)
    );
    assert_eq!(
        (a[1].agent, a[1].day, a[1].shift, a[1].secretariat),
        (1, 1, 2, 1)
    );
    assert_eq!(read.locked, vec![a[0]]);
    assert_eq!(
        read.planning.granted,
        vec![0],
        "A1's requested CA of 21 Dec is granted"
    );
}

#[test]
fn french_planning_reads_the_same() {
    let loaded = load_ok(&base_dir());
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("planning.csv");
    let text = "\u{feff}agent;date;kind;code;secretariat;start;end;minutes;locked\r\nA2;08/12/2026;work;J;PNEUMO;08:30;17:00;450;\r\nA1;21/12/2026;leave;CA;;;;420;\r\nA1;07/12/2026;work;M;CARDIO;;;;1\r\n";
    fs::write(&path, text).unwrap();
    let french = read_planning(&path, &loaded.instance).unwrap_or_else(|e| panic!("{e}"));
    let plain = read_planning(&base_dir().join("planning.csv"), &loaded.instance).unwrap();
    assert_eq!(french, plain);
}

#[test]
fn every_planning_problem_comes_at_once() {
    let loaded = load_ok(&base_dir());
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("p.csv");
    fs::write(&path, "agent,date,kind,code,secretariat\nZZ,2026-12-07,work,M,CARDIO\nA1,2030-01-01,work,Q,CARDIO\n").unwrap();
    let err = read_planning(&path, &loaded.instance).unwrap_err();
    assert_eq!(
        err.codes(),
        vec![
            codes::PLAN_UNKNOWN_AGENT,
            codes::PLAN_OUTSIDE_HORIZON,
            codes::PLAN_UNKNOWN_SHIFT
        ]
    );
    assert_eq!(err.findings[2].line, Some(3));
}

const FILES: &[&str] = &[
    "instance.toml",
    "shifts.csv",
    "secretariats.csv",
    "pools.csv",
    "contracts.csv",
    "agents.csv",
    "needs.csv",
    "closures.csv",
    "availability.csv",
    "leave.csv",
];

fn csvish() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..300),
        "[,;|:\"#=%/. \\-\\r\\n0-9A-Za-zéÉ]{0,300}".prop_map(String::into_bytes),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    /// Whatever a file holds, loading reports findings instead of panicking.
    #[test]
    fn no_input_panics(file in 0..FILES.len(), content in csvish()) {
        let tmp = copy_base();
        fs::write(tmp.path().join(FILES[file]), &content).unwrap();
        match load_instance(tmp.path()) {
            Ok(_) => {}
            Err(e) => prop_assert!(!e.findings.is_empty()),
        }
    }

    /// A base file with one line replaced or appended by random text.
    #[test]
    fn no_mutated_line_panics(file in 1..FILES.len(), line in 0usize..6, text in "[,;|:\"#=/. \\-0-9A-Z]{0,60}") {
        let tmp = copy_base();
        let p = tmp.path().join(FILES[file]);
        let original = fs::read_to_string(&p).unwrap();
        let mut lines: Vec<String> = original.lines().map(str::to_string).collect();
        if line < lines.len() { lines[line] = text; } else { lines.push(text); }
        fs::write(&p, lines.join("\n")).unwrap();
        let _ = load_instance(tmp.path());
    }

    /// Random planning files give findings, not panics.
    #[test]
    fn no_planning_panics(content in csvish()) {
        let loaded = load_instance(&base_dir()).unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("planning.csv");
        let mut bytes = b"agent,date,kind,code,secretariat,start,end,minutes,locked\n".to_vec();
        bytes.extend_from_slice(&content);
        fs::write(&p, &bytes).unwrap();
        let _ = read_planning(&p, &loaded.instance);
    }
}
