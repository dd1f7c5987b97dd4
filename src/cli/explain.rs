//! `rota explain [CODE]`: what a validation code means, what triggers it,
//! the usual fix and an example, from the one catalogue of codes
//! (`validate::codes::CATALOGUE`); without a code, the list of codes. An
//! unknown code is a usage error that lists the code families.

use crate::validate::codes::{self, Code};
use std::fmt::Write as _;

/// Code families by prefix (`x`: any digit), as numbered in
/// `validate::codes`.
pub const FAMILIES: &[(&str, &str)] = &[
    ("E00xx", "files and CSV structure (E001x: size limits)"),
    ("W00xx", "files rota does not read"),
    ("E01xx", "instance.toml"),
    (
        "E02xx",
        "cell values in any file (dates, times, numbers, ids)",
    ),
    ("E03xx", "shifts.csv"),
    ("E04xx", "secretariats.csv and pools.csv"),
    ("E05xx", "contracts.csv"),
    ("E06xx", "agents.csv"),
    ("E07xx", "needs.csv"),
    ("W07xx", "needs.csv rows ignored"),
    ("E080x", "closures.csv"),
    ("W080x", "closures.csv rows ignored"),
    ("E081x", "availability.csv"),
    ("W081x", "availability.csv rows ignored"),
    ("E090x", "leave.csv"),
    ("E095x", "a planning.csv read by `check` or `replan`"),
];

/// Whether `code` belongs to the family `prefix` (`x` matches a digit).
fn in_family(code: &str, prefix: &str) -> bool {
    code.len() == prefix.len()
        && code
            .chars()
            .zip(prefix.chars())
            .all(|(c, p)| c == p || (p == 'x' && c.is_ascii_digit()))
}

/// The text `rota explain CODE` prints.
pub fn explain_code(c: &Code) -> String {
    let mut out = String::new();
    let kind = if c.code.starts_with('W') {
        "warning"
    } else {
        "error"
    };
    let _ = writeln!(out, "{} ({kind}): {}", c.code, c.title);
    let _ = writeln!(out);
    let _ = writeln!(out, "Triggered by: {}.", c.meaning);
    if c.code.starts_with('W') {
        let _ = writeln!(out, "The row or file is ignored; the instance still loads.");
    } else {
        let _ = writeln!(out, "Nothing is planned until it is fixed (exit code 2).");
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Fix: {}.", c.fix);
    let (place, bad, good) = c.example;
    if !place.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Example, in {place}:");
        let _ = writeln!(out, "  wrong: {bad}");
        let _ = writeln!(out, "  right: {good}");
    }
    out
}

/// The text of `rota explain` without a code: every code and its title.
pub fn list() -> String {
    let mut out = String::new();
    for c in codes::CATALOGUE {
        let _ = writeln!(out, "{}  {}", c.code, c.title);
    }
    let _ = writeln!(
        out,
        "\n`rota explain CODE` for the trigger, the fix and an example."
    );
    out
}

/// The message for a code that is not in the catalogue.
pub fn unknown(code: &str) -> String {
    let mut out = format!("unknown code `{code}`; codes are, by family:\n");
    let upper = code.to_ascii_uppercase();
    for (prefix, what) in FAMILIES {
        let here = if in_family(&upper, prefix) {
            format!("   <- `{upper}` would be here, but no such code exists")
        } else {
            String::new()
        };
        let _ = writeln!(out, "  {prefix}  {what}{here}");
    }
    out.push_str("`rota explain` lists them all.");
    out
}

/// Runs `rota explain`: (exit code, stdout text, stderr text).
pub fn run(code: Option<&str>) -> (i32, String, String) {
    match code {
        None => (super::EXIT_OK, list(), String::new()),
        Some(raw) => match codes::lookup(raw) {
            Some(c) => (super::EXIT_OK, explain_code(c), String::new()),
            None => (
                super::EXIT_BAD_INPUT,
                String::new(),
                format!("error: {}\n", unknown(raw.trim())),
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_in_exactly_one_family() {
        for c in codes::CATALOGUE {
            let n = FAMILIES
                .iter()
                .filter(|(p, _)| in_family(c.code, p))
                .count();
            assert_eq!(n, 1, "{} is in {n} families", c.code);
        }
        assert!(in_family("E0951", "E095x") && !in_family("E0901", "E095x"));
    }

    #[test]
    fn explain_shows_title_trigger_fix_and_example() {
        let (code, out, err) = run(Some(" e0203 "));
        assert_eq!((code, err.as_str()), (0, ""));
        assert!(out.starts_with("E0203 (error): bad time"), "{out}");
        assert!(out.contains("Triggered by: a time is not HH:MM"), "{out}");
        assert!(
            out.contains("  wrong: S,13:00,17:70,0\n  right: S,13:00,17:30,0"),
            "{out}"
        );
        let (code, out, err) = run(Some("E0999"));
        assert_eq!((code, out.as_str()), (2, ""));
        assert!(
            err.contains("unknown code `E0999`") && err.contains("E06xx  agents.csv"),
            "{err}"
        );
        let (code, out, _) = run(None);
        assert_eq!(code, 0);
        assert_eq!(
            out.lines()
                .filter(|l| l.starts_with('E') || l.starts_with('W'))
                .count(),
            codes::CATALOGUE.len()
        );
    }
}
