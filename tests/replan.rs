//! `rota replan` and the référent view of `rota check` on real files: a sick
//! day absorbed by one move, days before `--from` kept, locked rows kept,
//! idempotence (no new absence ⇒ no change, same bytes twice), privacy of
//! absence types.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn rota(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rota"))
        .args(args)
        .output()
        .expect("rota runs")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

const EXACT: [&str; 7] = ["--gap", "0", "--threads", "1", "--seed", "0", "--quiet"];

/// A copy of instances/tiny-replan in a temporary folder, solved once.
fn solved_copy(tmp: &Path) -> (PathBuf, PathBuf) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/tiny-replan");
    let dir = tmp.join("inst");
    fs::create_dir_all(&dir).unwrap();
    for e in fs::read_dir(&src).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
        }
    }
    let out = tmp.join("first");
    let mut args = vec![
        "solve",
        dir.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(EXACT);
    let run = rota(&args);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run));
    (dir, out)
}

fn replan(dir: &Path, previous: &Path, from: &str, out: &Path) -> Output {
    let mut args = vec![
        "replan",
        dir.to_str().unwrap(),
        "--previous",
        previous.to_str().unwrap(),
        "--from",
        from,
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(EXACT);
    rota(&args)
}

fn add_sick_day(dir: &Path, agent: &str, date: &str) {
    fs::write(
        dir.join("leave.csv"),
        format!(
            "id,agent,type,first_day,last_day,status\nS1,{agent},MALADIE,{date},{date},approved\n"
        ),
    )
    .unwrap();
}

fn rows_before(planning: &str, date: &str) -> Vec<String> {
    planning
        .lines()
        .skip(1)
        .filter(|l| l.split(',').nth(1).is_some_and(|d| d < date))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_sick_day_is_absorbed_by_one_move_and_the_past_is_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, first) = solved_copy(tmp.path());
    add_sick_day(&dir, "A", "2026-12-09");
    let out = tmp.path().join("second");
    let run = replan(&dir, &first.join("planning.csv"), "2026-12-09", &out);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run));
    let changes = fs::read_to_string(out.join("changes.csv")).unwrap();
    assert_eq!(changes, "agent,date,before,after,short_notice\nA,2026-12-09,J@CARDIO,,1\nD,2026-12-09,J@PNEUMO,J@CARDIO,1\n");
    let before = fs::read_to_string(first.join("planning.csv")).unwrap();
    let after = fs::read_to_string(out.join("planning.csv")).unwrap();
    assert_eq!(
        rows_before(&before, "2026-12-09"),
        rows_before(&after, "2026-12-09"),
        "days before --from are kept"
    );
    let checked = rota(&[
        "check",
        dir.to_str().unwrap(),
        "--planning",
        out.join("planning.csv").to_str().unwrap(),
    ]);
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked));
    // Privacy: the référent export and the check report show ABS, not MALADIE.
    let referents = fs::read_to_string(out.join("planning_referents.csv")).unwrap();
    assert!(
        referents.contains(",leave,ABS,") && !referents.contains("MALADIE"),
        "{referents}"
    );
    assert!(
        after.contains(",leave,MALADIE,"),
        "the manager's planning keeps the type"
    );
    assert!(!text(&checked).contains("MALADIE"));
    let shown = rota(&[
        "check",
        dir.to_str().unwrap(),
        "--planning",
        out.join("planning.csv").to_str().unwrap(),
        "--show-reasons",
    ]);
    assert_eq!(shown.status.code(), Some(0));
}

#[test]
fn replanning_with_nothing_new_changes_nothing_and_gives_the_same_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, first) = solved_copy(tmp.path());
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    assert_eq!(
        replan(&dir, &first.join("planning.csv"), "2026-12-08", &a)
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        replan(&dir, &first.join("planning.csv"), "2026-12-08", &b)
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        fs::read_to_string(a.join("changes.csv")).unwrap(),
        "agent,date,before,after,short_notice\n"
    );
    assert_eq!(
        fs::read(first.join("planning.csv")).unwrap(),
        fs::read(a.join("planning.csv")).unwrap()
    );
    for file in [
        "planning.csv",
        "changes.csv",
        "coverage.csv",
        "overtime.csv",
        "leave_decisions.csv",
    ] {
        assert_eq!(
            fs::read(a.join(file)).unwrap(),
            fs::read(b.join(file)).unwrap(),
            "{file}"
        );
    }
}

#[test]
fn locked_rows_are_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, first) = solved_copy(tmp.path());
    // Lock D's Wednesday at PNEUMO: the sick day must then be absorbed otherwise
    // (nobody else covers CARDIO), so CARDIO stays short — but the row stays.
    let planning = fs::read_to_string(first.join("planning.csv")).unwrap();
    let mut lines = planning.lines();
    let header = format!("{},locked", lines.next().unwrap());
    let body: Vec<String> = lines
        .map(|l| {
            format!(
                "{l},{}",
                if l.starts_with("D,2026-12-09,work") {
                    1
                } else {
                    0
                }
            )
        })
        .collect();
    let locked = tmp.path().join("locked.csv");
    fs::write(&locked, format!("{header}\n{}\n", body.join("\n"))).unwrap();
    add_sick_day(&dir, "A", "2026-12-09");
    let out = tmp.path().join("out");
    let run = replan(&dir, &locked, "2026-12-09", &out);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run));
    let after = fs::read_to_string(out.join("planning.csv")).unwrap();
    assert!(after.contains("D,2026-12-09,work,J,PNEUMO"), "{after}");
    let changes = fs::read_to_string(out.join("changes.csv")).unwrap();
    assert_eq!(
        changes,
        "agent,date,before,after,short_notice\nA,2026-12-09,J@CARDIO,,1\n"
    );
    let coverage = fs::read_to_string(out.join("coverage.csv")).unwrap();
    assert!(
        coverage.lines().any(|l| l.starts_with("CARDIO,")
            && l.contains("2026-12-09")
            && l.ends_with(",1,Consultations")),
        "{coverage}"
    );
    let replacements = fs::read_to_string(out.join("replacements.csv")).unwrap();
    assert!(
        replacements.contains("CARDIO") && replacements.contains("2026-12-09"),
        "{replacements}"
    );
}

#[test]
fn a_from_date_outside_the_horizon_is_bad_usage() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, first) = solved_copy(tmp.path());
    let out = tmp.path().join("out");
    let run = replan(&dir, &first.join("planning.csv"), "2027-02-01", &out);
    assert_eq!(run.status.code(), Some(2), "{}", text(&run));
    assert!(!out.exists());
}

#[test]
fn check_filters_by_pole_and_rejects_an_unknown_pole() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, first) = solved_copy(tmp.path());
    let planning = first.join("planning.csv");
    let ok = rota(&[
        "check",
        dir.to_str().unwrap(),
        "--planning",
        planning.to_str().unwrap(),
        "--pole",
        "Pôle Cœur-Poumons",
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok));
    let bad = rota(&[
        "check",
        dir.to_str().unwrap(),
        "--planning",
        planning.to_str().unwrap(),
        "--pole",
        "Pôle Inconnu",
    ]);
    assert_eq!(bad.status.code(), Some(2), "{}", text(&bad));
    assert!(
        text(&bad).contains("Pôle Cœur-Poumons"),
        "the error lists the known pôles: {}",
        text(&bad)
    );
}
