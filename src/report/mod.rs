//! The outputs of SPEC §4, built from an instance, a planning and the
//! checker's [`Evaluation`] only: `planning.csv`, `coverage.csv`,
//! `leave_decisions.csv`, `overtime.csv`, `balances.csv` (an extension:
//! CA/RTT balances before and after, see [`balances`]), `summary.json` and,
//! for a replan, `changes.csv`, plus the human-readable text that
//! `rota check` prints (whole, or the view of one pôle's référent) and
//! the référents' `planning.csv` (leave types written `ABS`). Everything is
//! built in memory, in a deterministic order, and written at once through
//! [`crate::io::output`].
//!
//! Architecture invariant: reports know nothing of the solver — they never
//! name `crate::model`, `crate::solve`, good_lp or HiGHS. What the solver
//! contributes (status, bound, gap, time, model size) arrives as the plain
//! values of [`RunSummary`], and the reasons of leave decisions as the
//! plain text of [`LeaveDecision`]. Penalties and violations come from `check`.

pub mod balances;
pub mod changes;
pub mod check_report;
pub mod coverage;
pub mod csv;
pub mod excel_csv;
pub mod grid;
pub mod html;
pub mod ics;
pub mod leave_decisions;
pub mod meeting;
pub mod overtime;
pub mod planning;
pub mod summary;
pub mod xlsx;

pub use balances::balances_csv;
pub use changes::{changes_csv, replan_counts, ReplanCounts};
pub use check_report::{check_report, check_report_for, CheckView};
pub use coverage::{coverage_csv, coverage_rows, CoverageRow};
pub use leave_decisions::{leave_decisions_csv, LeaveDecision};
pub use overtime::overtime_csv;
pub use planning::{planning_csv, planning_referents_csv};
pub use summary::{summary_json, summary_json_replan, RunSummary};

use crate::check::Evaluation;
use crate::domain::{Instance, Planning, ReplanContext};
use crate::replace::UncoveredNeed;
use std::path::Path;

/// What an output folder holds beyond the planning and its evaluation.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras<'a> {
    /// Leave decisions with their reasons (`leave_decisions.csv`).
    pub decisions: &'a [LeaveDecision],
    /// The replan context, for `changes.csv` and the replan counts.
    pub replan: Option<&'a ReplanContext>,
    /// Uncovered minimum needs with their replacement candidates (`replacements.csv`).
    pub gaps: &'a [UncoveredNeed],
    /// Write every CSV file in the French-Excel flavour ([`excel_csv`]).
    pub excel_csv: bool,
}

/// The files of an output folder, by name, in memory: `planning.csv`,
/// `planning_referents.csv`, `coverage.csv`, `leave_decisions.csv`
/// (decision from `planning.granted`, reason from `extras.decisions`),
/// `overtime.csv`, `balances.csv`, `replacements.csv`, `changes.csv` (replan
/// only) and `summary.json` (with the replan counts for a replan; `eval`
/// should then be `check::evaluate_replan`'s), then `planning.xlsx`,
/// `planning_referents.xlsx` ([`xlsx`]) and `planning.html` ([`html`]),
/// built from the same planning. With `extras.excel_csv`, every `.csv`
/// file is in the French-Excel flavour ([`excel_csv`]).
pub fn output_files(
    inst: &Instance,
    planning: &Planning,
    eval: &Evaluation,
    run: &RunSummary,
    extras: &Extras<'_>,
) -> Vec<(&'static str, Vec<u8>)> {
    let coverage = coverage_rows(inst, planning);
    let mut files = vec![
        ("planning.csv", planning_csv(inst, planning).into_bytes()),
        (
            "planning_referents.csv",
            planning_referents_csv(inst, planning).into_bytes(),
        ),
        ("coverage.csv", coverage_csv(inst, &coverage).into_bytes()),
        (
            "leave_decisions.csv",
            leave_decisions_csv(inst, planning, extras.decisions).into_bytes(),
        ),
        ("overtime.csv", overtime_csv(inst, planning).into_bytes()),
        ("balances.csv", balances_csv(inst, planning).into_bytes()),
        (
            "replacements.csv",
            crate::replace::replacements_csv(inst, extras.gaps, false).into_bytes(),
        ),
    ];
    let mut run = run.clone();
    run.leave_decided = true;
    let counts = extras.replan.map(|ctx| {
        files.push(("changes.csv", changes_csv(inst, ctx, planning).into_bytes()));
        replan_counts(inst, ctx, planning)
    });
    files.push((
        "summary.json",
        summary_json_replan(inst, planning, eval, &coverage, &run, counts).into_bytes(),
    ));
    files.push((
        "planning.xlsx",
        xlsx::planning_xlsx(inst, planning, &coverage, false),
    ));
    files.push((
        "planning_referents.xlsx",
        xlsx::planning_xlsx(inst, planning, &coverage, true),
    ));
    files.push((
        "planning.html",
        html::planning_html(inst, planning, &coverage, extras.decisions, extras.gaps).into_bytes(),
    ));
    if extras.excel_csv {
        files = excel_csv::excel_files(files);
    }
    files
}

/// Writes the files of [`output_files`] into the folder `out`, atomically:
/// an existing `out` is replaced only when every file was written.
pub fn write_outputs(
    out: &Path,
    inst: &Instance,
    planning: &Planning,
    eval: &Evaluation,
    run: &RunSummary,
    extras: &Extras<'_>,
) -> std::io::Result<()> {
    crate::io::output::write_folder_atomically(
        out,
        &output_files(inst, planning, eval, run, extras),
    )
}

#[cfg(test)]
pub(crate) mod testutil {
    //! A tiny hand-checked planning shared by the report tests.
    use crate::domain::testkit::TinyInstance;
    use crate::domain::{Assignment, Instance, LeavePart, LeaveStatus, Planning};

    /// Three days from Mon 2026-12-07; shifts M 08:00–12:00, S 13:00–17:00
    /// (30 min break), N 22:00–06:00 (60 min break); secretariats CARDIO
    /// (pôle P1, open 07:00–30:00) and NEURO (pôle P2); agents ann (CARDIO,
    /// covers NEURO) and bob (NEURO, 50 %); a need at CARDIO Mon 08:00–12:00
    /// min 2 target 2 max 2 "consult", another 10:00–11:00 min 1 target 1
    /// "echo", a shift need N at CARDIO Wed min 1; approved CA for bob on
    /// Tue, a requested RTT for bob on Wed (not granted) and an approved
    /// am half-day for ann on Wed. ann works M at CARDIO and S at NEURO on
    /// Mon, S at CARDIO on Tue, N at CARDIO on Wed; bob M at NEURO on Mon.
    /// No hard rule is broken.
    pub fn tiny() -> (Instance, Planning) {
        let mut inst = TinyInstance::new(3)
            .shift("M", "08:00", "12:00", 0)
            .shift("S", "13:00", "17:00", 30)
            .shift("N", "22:00", "06:00", 60)
            .secretariat("CARDIO", "P1")
            .secretariat("NEURO", "P2")
            .opening(
                "CARDIO",
                &[
                    chrono::Weekday::Mon,
                    chrono::Weekday::Tue,
                    chrono::Weekday::Wed,
                ],
                "07:00",
                "30:00",
            )
            .agent("ann", "CARDIO", &["NEURO"])
            .agent("bob", "NEURO", &[])
            .with_agent(|a| a.rate = 50.0)
            .need("CARDIO", 0, "08:00", "12:00", 2, 2, Some(2))
            .need("CARDIO", 0, "10:00", "11:00", 1, 1, None)
            .shift_need("CARDIO", 2, "N", 1, 1, None)
            .leave("bob", "CA", 1, 1, LeaveStatus::Approved, LeavePart::Day)
            .leave("bob", "RTT", 2, 2, LeaveStatus::Requested, LeavePart::Day)
            .leave("ann", "RTT", 2, 2, LeaveStatus::Approved, LeavePart::Am)
            .build();
        inst.needs[0].label = "consult".into();
        inst.needs[1].label = "echo".into();
        let idx = |a: &str, d: usize, s: &str, sec: &str| Assignment {
            agent: inst.agent_index(a).expect("agent"),
            day: d,
            shift: inst.shift_index(s).expect("shift"),
            secretariat: inst.secretariat_index(sec).expect("secretariat"),
        };
        let mut p = Planning {
            assignments: vec![
                idx("ann", 0, "M", "CARDIO"),
                idx("ann", 0, "S", "NEURO"),
                idx("bob", 0, "M", "NEURO"),
                idx("ann", 1, "S", "CARDIO"),
                idx("ann", 2, "N", "CARDIO"),
            ],
            granted: Vec::new(),
        };
        p.normalize(&inst);
        (inst, p)
    }
}

#[cfg(test)]
mod tests {
    use super::testutil::tiny;
    use super::*;
    use crate::check::evaluate;

    fn run() -> RunSummary {
        RunSummary {
            status: "optimal".into(),
            bound: Some(1.0),
            gap: Some(0.0),
            seconds: 0.25,
            ..RunSummary::default()
        }
    }

    #[test]
    fn outputs_are_byte_identical_twice() {
        let (inst, p) = tiny();
        let e = evaluate(&inst, &p);
        let a = output_files(&inst, &p, &e, &run(), &Extras::default());
        let mut shuffled = p.clone();
        shuffled.assignments.reverse();
        let b = output_files(
            &inst,
            &shuffled,
            &evaluate(&inst, &shuffled),
            &run(),
            &Extras::default(),
        );
        assert_eq!(a, b);
        let root = tempfile::tempdir().expect("temp dir");
        let (o1, o2) = (root.path().join("one"), root.path().join("two"));
        write_outputs(&o1, &inst, &p, &e, &run(), &Extras::default()).expect("written");
        write_outputs(&o2, &inst, &p, &e, &run(), &Extras::default()).expect("written");
        for (name, bytes) in &a {
            assert_eq!(
                &std::fs::read(o1.join(name)).expect("read"),
                bytes,
                "{name}"
            );
            assert_eq!(
                std::fs::read(o1.join(name)).expect("read"),
                std::fs::read(o2.join(name)).expect("read")
            );
        }
    }

    #[test]
    fn outputs_are_deterministic_and_mark_leave_decided() {
        let (inst, p) = tiny();
        let e = evaluate(&inst, &p);
        let decisions = vec![LeaveDecision {
            leave: 1,
            granted: false,
            reason: "CARDIO, Wed: uncovered".into(),
        }];
        let a = output_files(
            &inst,
            &p,
            &e,
            &run(),
            &Extras {
                decisions: &decisions,
                ..Extras::default()
            },
        );
        let b = output_files(
            &inst,
            &p,
            &e,
            &run(),
            &Extras {
                decisions: &decisions,
                ..Extras::default()
            },
        );
        assert_eq!(a, b);
        let names: Vec<_> = a.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names,
            [
                "planning.csv",
                "planning_referents.csv",
                "coverage.csv",
                "leave_decisions.csv",
                "overtime.csv",
                "balances.csv",
                "replacements.csv",
                "summary.json",
                "planning.xlsx",
                "planning_referents.xlsx",
                "planning.html"
            ]
        );
        let text = |name: &str| {
            String::from_utf8(a.iter().find(|(n, _)| *n == name).expect("file").1.clone())
                .expect("utf8")
        };
        assert_eq!(
            text("leave_decisions.csv"),
            "id,agent,type,first_day,last_day,decision,reason\nL3,bob,RTT,2026-12-09,2026-12-09,refused,\"CARDIO, Wed: uncovered\"\n"
        );
        let summary = text("summary.json");
        assert!(
            summary.contains("\"leave_refused\": 1,")
                && summary.contains("\"requested_leave_undecided\": 0"),
            "{summary}"
        );
        assert!(
            summary.contains("1 of 1 leave request refused (see leave_decisions.csv)"),
            "{summary}"
        );
    }

    #[test]
    fn replan_outputs_add_changes_csv_and_counts() {
        let (inst, p) = tiny();
        // Previous planning: the same without ann's Tuesday; replan from Tue.
        let mut previous = p.clone();
        previous
            .assignments
            .retain(|a| !(a.agent == 0 && a.day == 1));
        let ctx = ReplanContext {
            previous,
            from: 1,
            locked: Vec::new(),
            notice_days: vec![1, 2],
        };
        let e = crate::check::evaluate_replan(&inst, &p, &ctx);
        let files = output_files(
            &inst,
            &p,
            &e,
            &run(),
            &Extras {
                replan: Some(&ctx),
                ..Extras::default()
            },
        );
        let names: Vec<_> = files.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names,
            [
                "planning.csv",
                "planning_referents.csv",
                "coverage.csv",
                "leave_decisions.csv",
                "overtime.csv",
                "balances.csv",
                "replacements.csv",
                "changes.csv",
                "summary.json",
                "planning.xlsx",
                "planning_referents.xlsx",
                "planning.html"
            ]
        );
        let text = |name: &str| {
            String::from_utf8(
                files
                    .iter()
                    .find(|(n, _)| *n == name)
                    .expect("file")
                    .1
                    .clone(),
            )
            .expect("utf8")
        };
        assert_eq!(
            text("changes.csv"),
            "agent,date,before,after,short_notice\nann,2026-12-08,,S@CARDIO,1\n"
        );
        let summary = text("summary.json");
        assert!(
            summary.contains("\"changes\": 1,") && summary.contains("\"short_notice_changes\": 1"),
            "{summary}"
        );
        assert!(summary.contains("\"replan_change\": 50.0"), "{summary}");
        assert_eq!(
            files,
            output_files(
                &inst,
                &p,
                &e,
                &run(),
                &Extras {
                    replan: Some(&ctx),
                    ..Extras::default()
                }
            )
        );
        let root = tempfile::tempdir().expect("temp dir");
        write_outputs(
            &root.path().join("out"),
            &inst,
            &p,
            &e,
            &run(),
            &Extras {
                replan: Some(&ctx),
                ..Extras::default()
            },
        )
        .expect("written");
        assert_eq!(
            std::fs::read_to_string(root.path().join("out").join("changes.csv")).expect("read"),
            text("changes.csv")
        );
    }

    #[test]
    fn write_outputs_replaces_only_on_success() {
        let (inst, p) = tiny();
        let e = evaluate(&inst, &p);
        let root = tempfile::tempdir().expect("temp dir");
        let out = root.path().join("out");
        std::fs::create_dir(&out).expect("mkdir");
        std::fs::write(out.join("planning.csv"), b"previous").expect("write");
        // Parent is a file: nothing can be written, the old folder is intact.
        let blocker = root.path().join("blocker");
        std::fs::write(&blocker, b"").expect("write");
        assert!(write_outputs(
            &blocker.join("out"),
            &inst,
            &p,
            &e,
            &run(),
            &Extras::default()
        )
        .is_err());
        assert_eq!(
            std::fs::read(out.join("planning.csv")).expect("read"),
            b"previous"
        );
        // Success replaces it entirely.
        write_outputs(&out, &inst, &p, &e, &run(), &Extras::default()).expect("written");
        let mut names: Vec<_> = std::fs::read_dir(&out)
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                "balances.csv",
                "coverage.csv",
                "leave_decisions.csv",
                "overtime.csv",
                "planning.csv",
                "planning.html",
                "planning.xlsx",
                "planning_referents.csv",
                "planning_referents.xlsx",
                "replacements.csv",
                "summary.json"
            ]
        );
        assert_ne!(
            std::fs::read(out.join("planning.csv")).expect("read"),
            b"previous"
        );
    }
}
