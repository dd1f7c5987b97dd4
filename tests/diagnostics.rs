//! What the user reads on stderr, through the real `rota` executable:
//! validation findings rendered with the offending source line and a caret
//! (snapshots of `instances/invalid/` cases in `tests/snapshots/`, plus a
//! French-Excel file with BOM, `;`, CRLF, a tab and accents), `rota explain`,
//! an `Examples:` section in every command's `--help`, and the progress
//! lines of a solve when stderr is not a terminal (`--quiet`: none).
//!
//! Set `ROTA_UPDATE_SNAPSHOTS=1` to rewrite the snapshot files, then review
//! the diff by eye.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs rota in `cwd` with stderr piped (never a terminal).
fn rota_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rota"))
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .expect("rota runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Compares `actual` with `tests/snapshots/<name>.txt` (or writes it when
/// `ROTA_UPDATE_SNAPSHOTS` is set).
fn snapshot(name: &str, actual: &str) {
    let path = root().join("tests/snapshots").join(format!("{name}.txt"));
    if std::env::var_os("ROTA_UPDATE_SNAPSHOTS").is_some() {
        fs::create_dir_all(path.parent().expect("has a parent")).expect("snapshot folder");
        fs::write(&path, actual).expect("snapshot written");
        return;
    }
    let expected = fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with ROTA_UPDATE_SNAPSHOTS=1 to create it. Actual:\n{actual}",
            path.display()
        )
    });
    if expected != actual {
        let mut diff = String::new();
        let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
        for i in 0..e.len().max(a.len()) {
            let (l, r) = (e.get(i).copied(), a.get(i).copied());
            if l != r {
                diff.push_str(&format!(
                    "line {}:\n  expected: {:?}\n  actual:   {:?}\n",
                    i + 1,
                    l.unwrap_or("<none>"),
                    r.unwrap_or("<none>")
                ));
            }
        }
        panic!("snapshot {name} differs:\n{diff}\nactual:\n{actual}");
    }
}

/// The invalid cases whose rendering is kept as a snapshot: one per kind of
/// location (cell, list cell, header, extra cells, TOML value, key and
/// syntax, no line, not UTF-8, planning, warning).
const CASES: &[&str] = &[
    "E0001-missing-agents-file",
    "E0003-agents-file-saved-as-latin1",
    "E0007-needs-without-min-column",
    "E0008-duplicated-column",
    "E0010-comma-inside-unquoted-label",
    "E0101-toml-syntax-error",
    "E0102-toml-without-days",
    "E0103-toml-hours-in-quotes",
    "E0104-toml-misspelt-rules-key",
    "E0201-agent-without-name",
    "E0203-shift-ending-at-17h70",
    "E0503-max-shifts-without-equals",
    "E0604-unknown-covers",
    "W0701-dated-need-outside-horizon",
];

#[test]
fn invalid_instances_render_as_in_their_snapshots() {
    let invalid = root().join("instances/invalid");
    for case in CASES {
        assert!(invalid.join(case).is_dir(), "{case} exists");
        let out = rota_in(&invalid, &["validate", case]);
        let expected_code = if case.starts_with('W') { 0 } else { 2 };
        assert_eq!(out.status.code(), Some(expected_code), "{case}");
        let text = stderr(&out);
        assert!(!text.contains('\x1b'), "no colours on a pipe: {text}");
        assert!(text.contains(&case[..5]), "{case}: {text}");
        snapshot(case, &text);
    }
}

#[test]
fn a_broken_planning_renders_with_its_line() {
    let invalid = root().join("instances/invalid");
    let case = "E0956-planning-start-differs-from-shift";
    let planning = format!("{case}/planning.csv");
    let out = rota_in(&invalid, &["check", case, "--planning", &planning]);
    assert_eq!(out.status.code(), Some(2));
    snapshot(case, &stderr(&out));
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("folder");
    for entry in fs::read_dir(from).expect("readable") {
        let entry = entry.expect("entry");
        if entry.path().is_file() {
            fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
        }
    }
}

#[test]
fn a_french_excel_file_puts_the_caret_under_the_right_character() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("excel");
    copy_dir(&root().join("instances/invalid/_base"), &dir);
    fs::remove_file(dir.join("planning.csv")).expect("no planning");
    // BOM, `;`, CRLF, a quoted label with a `;`, a tab and accents, then
    // the bad time after it.
    let shifts = "\u{feff}id;label;start;end;break_minutes;cannot_follow\r\n\
                  M;Matin;08:00;12:30;0;\r\n\
                  S;\"Après-midi;\tcôté Œ\";13:00;17h70;0;\r\n\
                  J;Journée;08:30;17:00;60;\r\n\
                  N;Nuit;20:00;06:00;60;M|J\r\n";
    fs::write(dir.join("shifts.csv"), shifts).expect("write");
    let out = rota_in(tmp.path(), &["validate", "excel"]);
    assert_eq!(out.status.code(), Some(2));
    let text = stderr(&out);
    // The caret sits under `17h70` whatever the bytes before it.
    let lines: Vec<&str> = text.lines().collect();
    let src = lines
        .iter()
        .position(|l| l.starts_with("3 | "))
        .expect("source line shown");
    let shown: Vec<char> = lines[src].chars().collect();
    let caret: Vec<char> = lines[src + 1].chars().collect();
    let at = caret.iter().position(|&c| c == '^').expect("a caret");
    let under: String = shown[at..at + 5].iter().collect();
    assert_eq!(under, "17h70", "{text}");
    assert_eq!(caret.iter().filter(|&&c| c == '^').count(), 5, "{text}");
    snapshot("excel-shifts-bom-semicolon-crlf-tab", &text);
}

#[test]
fn explain_prints_a_code_and_refuses_unknown_ones() {
    let out = rota_in(&root(), &["explain", "E0203"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    for part in ["E0203", "Triggered by", "Fix", "Example"] {
        assert!(text.contains(part), "{part} missing from:\n{text}");
    }
    snapshot("explain-E0203", &text);
    let lower = rota_in(&root(), &["explain", "w0701"]);
    assert_eq!(lower.status.code(), Some(0), "codes in any case");
    let bad = rota_in(&root(), &["explain", "E9999"]);
    assert_eq!(bad.status.code(), Some(2));
    let msg = stderr(&bad);
    assert!(
        msg.contains("E9999") && msg.contains("E00xx") && msg.contains("E095x"),
        "{msg}"
    );
    let all = rota_in(&root(), &["explain"]);
    assert_eq!(all.status.code(), Some(0));
    let list = String::from_utf8_lossy(&all.stdout).into_owned();
    assert!(list.contains("E0001") && list.contains("W0811"), "{list}");
}

#[test]
fn every_code_has_a_fix_and_an_example_and_the_readme_table_matches() {
    let readme = fs::read_to_string(root().join("README.md")).expect("README.md");
    let mut in_table = Vec::new();
    for line in readme.lines() {
        let cells: Vec<&str> = line.split(" | ").collect();
        if let Some(code) = cells.first().and_then(|c| c.strip_prefix("| ")) {
            let is_code = code.len() == 5
                && (code.starts_with('E') || code.starts_with('W'))
                && code[1..].chars().all(|c| c.is_ascii_digit());
            if is_code {
                in_table.push(line.to_string());
            }
        }
    }
    let expected: Vec<String> = rota::validate::codes::CATALOGUE
        .iter()
        .map(|c| format!("| {} | {} |", c.code, c.title.replace('|', "\\|")))
        .collect();
    assert_eq!(
        in_table, expected,
        "README \"Validation codes\" must list the catalogue of src/validate/codes.rs, in order"
    );
    for c in rota::validate::codes::CATALOGUE {
        assert!(
            !c.fix.is_empty() && !c.example.0.is_empty() && !c.example.1.is_empty(),
            "{}: fix and example",
            c.code
        );
    }
}

#[test]
fn every_command_help_has_examples() {
    let help = rota_in(&root(), &["--help"]);
    let text = String::from_utf8_lossy(&help.stdout).into_owned();
    assert!(text.contains("Examples:"), "{text}");
    let commands: Vec<&[&str]> = vec![
        &["solve"],
        &["replan"],
        &["check"],
        &["validate"],
        &["capacity"],
        &["import"],
        &["import", "nrp"],
        &["generate"],
        &["explain"],
    ];
    for cmd in commands {
        let mut args: Vec<&str> = cmd.to_vec();
        args.push("--help");
        let out = rota_in(&root(), &args);
        assert_eq!(out.status.code(), Some(0), "{cmd:?}");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(text.contains("Examples:"), "{cmd:?} --help:\n{text}");
        assert!(text.contains("rota "), "{cmd:?}: an example command line");
    }
}

/// A parsed progress line: `rota: 1.2 s  PHASE  incumbent X  bound Y  gap Z %`.
fn parse_progress(line: &str) -> Option<(f64, String, Option<f64>, Option<f64>)> {
    let rest = line.strip_prefix("rota: ")?;
    let parts: Vec<&str> = rest.split("  ").collect();
    if parts.len() != 5 {
        return None;
    }
    let secs = parts[0].strip_suffix(" s")?.parse::<f64>().ok()?;
    let value = |p: &str, key: &str| -> Option<Option<f64>> {
        let v = p.strip_prefix(key)?;
        if v == "-" {
            Some(None)
        } else {
            v.parse::<f64>().ok().map(Some)
        }
    };
    let incumbent = value(parts[2], "incumbent ")?;
    let bound = value(parts[3], "bound ")?;
    let gap = parts[4].strip_prefix("gap ")?;
    if gap != "-" {
        gap.strip_suffix(" %")?.parse::<f64>().ok()?;
    }
    Some((secs, parts[1].to_string(), incumbent, bound))
}

#[test]
fn progress_on_a_pipe_is_one_parseable_line_per_improvement() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let gen = rota_in(
        tmp.path(),
        &[
            "generate", "--agents", "10", "--weeks", "1", "--seed", "3", "--out", "g",
        ],
    );
    assert_eq!(gen.status.code(), Some(0), "{}", stderr(&gen));
    let solve = |extra: &[&str], out: &str| {
        let mut args = vec![
            "solve",
            "g",
            "--out",
            out,
            "--time-limit",
            "20",
            "--threads",
            "1",
        ];
        args.extend_from_slice(extra);
        rota_in(tmp.path(), &args)
    };
    let run = solve(&[], "o1");
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let text = stderr(&run);
    assert!(
        !text.contains('\r') && !text.contains('\x1b'),
        "no live line on a pipe: {text:?}"
    );
    let lines: Vec<_> = text
        .lines()
        .filter(|l| l.contains(" incumbent "))
        .map(|l| parse_progress(l).unwrap_or_else(|| panic!("not in the documented format: {l:?}")))
        .collect();
    assert!(!lines.is_empty(), "improvement lines expected:\n{text}");
    for pair in lines.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(b.0 >= a.0, "time goes forward:\n{text}");
        if let (Some(x), Some(y)) = (a.2, b.2) {
            assert!(y <= x + 1e-9, "incumbent never increases:\n{text}");
        }
        if let (Some(x), Some(y)) = (a.3, b.3) {
            assert!(y >= x - 1e-9, "bound never decreases:\n{text}");
        }
        assert!(
            b.2 != a.2 || b.3 != a.3,
            "a line is printed only on an improvement:\n{text}"
        );
    }
    let quiet = solve(&["--quiet"], "o2");
    assert_eq!(quiet.status.code(), Some(0));
    assert_eq!(stderr(&quiet), "", "--quiet prints nothing on stderr");
}

mod never_panics {
    use proptest::prelude::*;
    use rota::cli::diagnostics::render;
    use rota::validate::Finding;

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just(",".to_string()),
                Just(";".to_string()),
                Just("\"".to_string()),
                Just("\t".to_string()),
                Just("\r\n".to_string()),
                Just("\n".to_string()),
                Just("=".to_string()),
                Just("#".to_string()),
                Just("\u{feff}".to_string()),
                Just("é".to_string()),
                Just("e\u{301}".to_string()),
                Just("Œ".to_string()),
                Just("\u{fffd}".to_string()),
                Just("end".to_string()),
                Just("17:70".to_string()),
                "[a-z0-9 ]{0,4}",
            ],
            0..40,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        #[test]
        fn rendering_any_finding_on_any_source_never_panics(
            source in text(),
            file in prop_oneof![Just("a.csv"), Just("instance.toml"), Just("x.txt")],
            line in 0usize..8,
            column in prop_oneof![Just(String::new()), Just("end".to_string()), Just("column 2".to_string()), Just("column 0".to_string()), Just("3".to_string()), Just("rules.end".to_string()), "[a-z ]{0,6}"],
            value in prop_oneof![Just(String::new()), Just("17:70".to_string()), Just("end".to_string()), "[a-zé,\"]{0,5}"],
        ) {
            let mut f = Finding::new(file, "E0203", "bad", "fix");
            if line > 0 {
                f = f.at_line(line);
            }
            if !column.is_empty() {
                f = f.in_column(column);
            }
            if !value.is_empty() {
                f = f.with_value(value);
            }
            let out = render(&f, Some(&source), false);
            prop_assert!(out.starts_with("error[E0203]: bad\n"));
            prop_assert!(out.ends_with("= fix: fix\n"));
            // At most one caret line, under a shown source line.
            let carets = out.lines().filter(|l| l.contains('^')).count();
            prop_assert!(carets <= 1 + source.matches('^').count());
        }
    }
}
