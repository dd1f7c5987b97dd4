//! Architecture invariants of lib.rs, enforced by scanning the source tree:
//! only `model/` and `solve/` name the solver crates; `check/` and `report/`
//! never reach into the model; every module opens with a `//!` paragraph.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("src/ is readable")
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

fn sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&root)
                .expect("under src")
                .to_string_lossy()
                .replace('\\', "/");
            (rel, fs::read_to_string(&p).expect("source is UTF-8"))
        })
        .collect()
}

/// Code lines only: comments are allowed to talk about the solver.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter(|(_, l)| {
        let t = l.trim_start();
        !(t.starts_with("//") || t.starts_with("///") || t.starts_with("//!"))
    })
}

#[test]
fn only_model_and_solve_name_the_solver_crates() {
    let mut offenders = Vec::new();
    for (path, text) in sources() {
        if path.starts_with("model/") || path.starts_with("solve/") {
            continue;
        }
        for (n, line) in code_lines(&text) {
            if line.contains("good_lp") || line.contains("highs") {
                offenders.push(format!("src/{path}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "solver crates named outside model/ and solve/:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn checker_and_reports_share_no_code_with_the_model() {
    let mut offenders = Vec::new();
    for (path, text) in sources() {
        if !(path.starts_with("check/")
            || path.starts_with("report/")
            || path.starts_with("domain/"))
        {
            continue;
        }
        for (n, line) in code_lines(&text) {
            if line.contains("crate::model")
                || line.contains("crate::solve")
                || line.contains("rota::model")
                || line.contains("rota::solve")
            {
                offenders.push(format!("src/{path}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "check/, report/ or domain/ reach into the model:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn domain_does_no_io() {
    let mut offenders = Vec::new();
    for (path, text) in sources() {
        if !path.starts_with("domain/") {
            continue;
        }
        for (n, line) in code_lines(&text) {
            if line.contains("std::fs") || line.contains("std::io") || line.contains("println!") {
                offenders.push(format!("src/{path}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "domain/ does IO:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn every_module_opens_with_a_doc_paragraph() {
    let missing: Vec<String> = sources()
        .into_iter()
        .filter(|(_, text)| !text.trim_start().starts_with("//!"))
        .map(|(path, _)| format!("src/{path}"))
        .collect();
    assert!(
        missing.is_empty(),
        "modules without a //! opening paragraph:\n{}",
        missing.join("\n")
    );
}
