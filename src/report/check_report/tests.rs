//! Tests of the `rota check` text: golden whole view, redaction of leave
//! types, the pôle view and the causes of the gaps.

use super::*;
use crate::check::evaluate;
use crate::domain::testkit::TinyInstance;
use crate::domain::{Assignment, LeaveStatus, Planning};
use crate::report::coverage_rows;
use crate::report::testutil::tiny;

fn view(pole: Option<&str>, show_reasons: bool) -> CheckView {
    CheckView {
        pole: pole.map(str::to_string),
        show_reasons,
    }
}

#[test]
fn golden_tiny_check_report() {
    let (inst, mut p) = tiny();
    // Add one eligibility violation: bob at CARDIO on Mon afternoon. It
    // also makes bob's week exact (450 worked + 225 credited = 675 due),
    // adds one away shift (+2) and one change of secretariat (+3).
    p.assignments.push(Assignment {
        agent: 1,
        day: 0,
        shift: 1,
        secretariat: 0,
    });
    p.normalize(&inst);
    let e = evaluate(&inst, &p);
    let text = check_report(&inst, &e, &coverage_rows(&inst, &p));
    assert_eq!(
        text,
        "rota check — tiny\n\
         \n\
         Hard rules: 1 violation — this planning may not be used as it is.\n  \
         eligibility (1): An agent works only at her home secretariat or at those she covers (directly or through a pool).\n    \
         - [bob, Mon 2026-12-07] agent bob works S (13:00–17:00) at CARDIO on Mon 2026-12-07 but may work only at NEURO (home)\n\
         \n\
         Coverage gaps: 3 windows below the minimum (300 agent-minutes missing on windows).\n  \
         - CARDIO (P1) Mon 2026-12-07 08:00–10:00: 1 assigned for a minimum of 2, 1 missing [consult]\n  \
         - CARDIO (P1) Mon 2026-12-07 10:00–11:00: 1 assigned for a minimum of 3, 2 missing [consult|echo]\n  \
         - CARDIO (P1) Mon 2026-12-07 11:00–12:00: 1 assigned for a minimum of 2, 1 missing [consult]\n\
         \n\
         Leave requests: 1 — 0 granted, 1 refused.\n  \
         - L3 bob ABS Wed 2026-12-09: refused (leave_refused 200.01)\n\
         \n\
         Penalties:\n  \
         uncovered                   5000.00\n  \
         below_target                   0.00\n  \
         above_max                      0.00\n  \
         leave_refused                200.01\n  \
         overtime                       0.00\n  \
         under_hours                   11.25\n  \
         preference                     0.00\n  \
         away_from_home                 4.00\n  \
         secretariat_change             6.00\n  \
         replan_change                  0.00\n  \
         total                       5221.26\n"
    );
    // The whole view with reasons differs only by the request's type.
    let shown = check_report_for(&inst, &e, &coverage_rows(&inst, &p), &[], &view(None, true))
        .expect("no pôle asked");
    assert_eq!(shown, text.replace("L3 bob ABS", "L3 bob RTT"));
}

#[test]
fn leave_requests_and_overdrawn_balance() {
    // ann has 2 CA days left. L2 Mon–Tue (asked 1 Oct) and L3 Thu (asked
    // 5 Oct) are both granted: L3 overdraws. L4 RTT Fri pm (no date) is
    // refused: 0.5 day → 100 + tie-break 0.01 × 1/3.
    let mut inst = TinyInstance::new(7)
        .secretariat("S", "P")
        .agent("ann", "S", &[])
        .with_agent(|a| a.ca_days_left = Some(2.0))
        .leave("ann", "CA", 0, 1, LeaveStatus::Requested, LeavePart::Day)
        .requested_on("2026-10-01")
        .leave("ann", "CA", 3, 3, LeaveStatus::Requested, LeavePart::Day)
        .requested_on("2026-10-05")
        .leave("ann", "RTT", 4, 4, LeaveStatus::Requested, LeavePart::Pm)
        .build();
    inst.weights.under_hours = 0.0;
    let p = Planning {
        assignments: Vec::new(),
        granted: vec![0, 1],
    };
    let e = evaluate(&inst, &p);
    let cov = coverage_rows(&inst, &p);
    let shown = check_report_for(&inst, &e, &cov, &[], &view(None, true)).expect("report");
    assert!(
        shown.contains(
            "  leave_balance (1): Granted requests of type CA or RTT fit in the agent's remaining balance (`ca_days_left`, `rtt_days_left`), served in order of `requested_on`.\n    \
             - [ann, Thu 2026-12-10] request L3 of agent ann takes 1 day(s) of CA but only 0 of 2 remain after her earlier granted requests\n"
        ),
        "{shown}"
    );
    assert!(
        shown.contains(
            "Leave requests: 3 — 2 granted, 1 refused.\n  \
             - L2 ann CA Mon 2026-12-07 → Tue 2026-12-08, requested 2026-10-01: granted\n  \
             - L3 ann CA Thu 2026-12-10, requested 2026-10-05: granted\n  \
             - L4 ann RTT Fri 2026-12-11 (pm): refused (leave_refused 100.00)\n\n"
        ),
        "{shown}"
    );
    // Without reasons: the same text with ABS for every type.
    let hidden = check_report(&inst, &e, &cov);
    assert_eq!(
        hidden,
        shown
            .replace("of CA but", "of ABS but")
            .replace(" ann CA ", " ann ABS ")
            .replace(" ann RTT ", " ann ABS ")
    );
    // Only the family's generic description still says "CA or RTT".
    let items: Vec<&str> = hidden
        .lines()
        .filter(|l| l.trim_start().starts_with("- "))
        .collect();
    assert!(
        items
            .iter()
            .all(|l| !l.contains("CA") && !l.contains("RTT")),
        "{hidden}"
    );
}

#[test]
fn leave_violations_never_name_the_type_unless_asked() {
    // ann works Tuesday during her approved sick leave.
    let inst = TinyInstance::new(5)
        .shift("M", "08:00", "12:00", 0)
        .secretariat("CARDIO", "P1")
        .agent("ann", "CARDIO", &[])
        .leave(
            "ann",
            "MALADIE",
            1,
            1,
            LeaveStatus::Approved,
            LeavePart::Day,
        )
        .build();
    let p = crate::check::testutil::plan(&inst, &[("ann", 1, "M", "CARDIO")]);
    let e = evaluate(&inst, &p);
    assert!(
        e.violations[0].message.contains("MALADIE"),
        "the checker's own message keeps it"
    );
    let cov = coverage_rows(&inst, &p);
    let hidden = check_report(&inst, &e, &cov);
    assert!(!hidden.contains("MALADIE"), "{hidden}");
    assert!(
        hidden.contains("- [ann, Tue 2026-12-08] agent ann works M (08:00–12:00) at CARDIO on Tue 2026-12-08 but is on approved leave L2 (ABS, whole day, leave.csv line 2)\n"),
        "{hidden}"
    );
    let shown = check_report_for(&inst, &e, &cov, &[], &view(None, true)).expect("report");
    assert_eq!(shown, hidden.replace("(ABS,", "(MALADIE,"));
    let pole = check_report_for(&inst, &e, &cov, &[], &view(Some("P1"), false)).expect("report");
    assert!(
        !pole.contains("MALADIE") && pole.contains("(ABS, whole day"),
        "{pole}"
    );
}

#[test]
fn the_pole_view_keeps_its_agents_and_secretariats() {
    // tiny: CARDIO (P1, home of ann), NEURO (P2, home of bob). Gaps are at
    // CARDIO only; bob's request is the only one. Violations: bob at
    // CARDIO on Mon pm (eligibility: bob's, pôle P2) and ann's Tuesday
    // replaced by the same M at CARDIO written twice (one_shift_at_a_time:
    // ann's, pôle P1).
    let (inst, mut p) = tiny();
    p.assignments.retain(|a| !(a.agent == 0 && a.day == 1));
    p.assignments.push(Assignment {
        agent: 1,
        day: 0,
        shift: 1,
        secretariat: 0,
    });
    p.normalize(&inst);
    p.assignments.push(Assignment {
        agent: 0,
        day: 1,
        shift: 0,
        secretariat: 0,
    });
    p.assignments.push(Assignment {
        agent: 0,
        day: 1,
        shift: 0,
        secretariat: 0,
    });
    let e = evaluate(&inst, &p);
    let families: Vec<_> = e.violations.iter().map(|v| (v.family, v.agent)).collect();
    assert_eq!(
        families,
        vec![
            (RuleFamily::OneShiftAtATime, Some(0)),
            (RuleFamily::Eligibility, Some(1))
        ]
    );
    let cov = coverage_rows(&inst, &p);

    let p1 = check_report_for(&inst, &e, &cov, &[], &view(Some("P1"), false)).expect("P1 exists");
    assert!(
        p1.starts_with(
            "rota check — tiny — pôle P1\n\nHard rules: 1 violation (1 more in other pôles) —"
        ),
        "{p1}"
    );
    assert!(
        p1.contains("one_shift_at_a_time (1)") && !p1.contains("eligibility"),
        "{p1}"
    );
    assert!(
        p1.contains("Coverage gaps: 3 windows") && p1.contains("- CARDIO (P1)"),
        "{p1}"
    );
    assert!(p1.contains("Leave requests: none.\n"), "{p1}");
    assert!(p1.contains("Penalties (whole planning):\n"), "{p1}");

    let p2 = check_report_for(&inst, &e, &cov, &[], &view(Some("p2"), false))
        .expect("pôle names ignore case");
    assert!(
        p2.starts_with(
            "rota check — tiny — pôle P2\n\nHard rules: 1 violation (1 more in other pôles) —"
        ),
        "{p2}"
    );
    assert!(
        p2.contains("eligibility (1)") && !p2.contains("one_shift_at_a_time"),
        "{p2}"
    );
    assert!(
        p2.contains("Coverage: every minimum need is met.\n") && !p2.contains("CARDIO (P1)"),
        "{p2}"
    );
    assert!(
        p2.contains("Leave requests: 1 — 0 granted, 1 refused.\n  - L3 bob ABS Wed 2026-12-09"),
        "{p2}"
    );
    // The same penalties in every view.
    let tail = |t: &str| {
        t[t.find("Penalties").expect("penalties")..]
            .lines()
            .skip(1)
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(tail(&p1), tail(&p2));
    assert_eq!(tail(&p1), tail(&check_report(&inst, &e, &cov)));

    // A pôle with nothing broken says so, and counts the others.
    let (clean_inst, clean) = tiny();
    let ce = evaluate(&clean_inst, &clean);
    let none =
        check_report_for(&clean_inst, &ce, &[], &[], &view(Some("P2"), false)).expect("report");
    assert!(
        none.contains("Hard rules: none broken in this pôle.\n"),
        "{none}"
    );
    let only_p1 = check_report_for(&inst, &e, &cov, &[], &view(Some("P1"), false)).expect("report");
    assert!(!only_p1.contains("bob"), "{only_p1}");

    let err =
        check_report_for(&inst, &e, &cov, &[], &view(Some("P9"), false)).expect_err("unknown pôle");
    assert_eq!(err, "unknown pôle \"P9\"; known pôles: P1, P2");
}

#[test]
fn each_gap_is_followed_by_its_cause() {
    // A (P1) needs 3 agents Mon 08:00–12:00: a1 works there, a2 is on sick
    // leave, a3 is free; B (P2) needs 1 on Tue and nobody works there.
    let inst = TinyInstance::new(5)
        .shift("M", "08:00", "12:00", 0)
        .secretariat("A", "P1")
        .secretariat("B", "P2")
        .agent("a1", "A", &[])
        .agent("a2", "A", &[])
        .agent("a3", "A", &[])
        .agent("b1", "B", &[])
        .need("A", 0, "08:00", "12:00", 3, 3, None)
        .need("B", 1, "08:00", "12:00", 1, 1, None)
        .leave("a2", "MALADIE", 0, 0, LeaveStatus::Approved, LeavePart::Day)
        .leave("b1", "CA", 1, 1, LeaveStatus::Approved, LeavePart::Day)
        .build();
    let p = crate::check::testutil::plan(&inst, &[("a1", 0, "M", "A")]);
    let e = evaluate(&inst, &p);
    let cov = coverage_rows(&inst, &p);
    let gaps = crate::replace::replacements(&inst, &p);
    let text = check_report_for(&inst, &e, &cov, &gaps, &view(None, false)).expect("report");
    assert!(!text.contains("MALADIE") && !text.contains("CA)"), "{text}");
    let a_gap = text
        .find("- A (P1) Mon 2026-12-07 08:00–12:00: 1 assigned for a minimum of 3, 2 missing\n")
        .expect("A gap");
    let b_gap = text
        .find("- B (P2) Tue 2026-12-08 08:00–12:00: 0 assigned for a minimum of 1, 1 missing\n")
        .expect("B gap");
    let a_cause = &text[a_gap..b_gap];
    assert!(
        a_cause.contains("      shift tried: M (08:00–12:00)\n"),
        "{a_cause}"
    );
    assert!(a_cause.contains("      absent: a2 (ABS)\n"), "{a_cause}");
    assert!(
        a_cause.contains(
            "      eligible agents (2), best first:\n        1. a3 on M: free replacement"
        ),
        "{a_cause}"
    );
    assert!(
        a_cause.contains("        2. a2 on M: absent (ABS)"),
        "{a_cause}"
    );
    let b_cause = &text[b_gap..text.find("Leave requests").expect("leave section")];
    assert!(b_cause.contains("      absent: b1 (ABS)\n"), "{b_cause}");
    // With reasons, the types appear; the pôle view keeps its own gap only.
    let shown = check_report_for(&inst, &e, &cov, &gaps, &view(None, true)).expect("report");
    assert!(
        shown.contains("absent: a2 (MALADIE)") && shown.contains("absent: b1 (CA)"),
        "{shown}"
    );
    let p2 = check_report_for(&inst, &e, &cov, &gaps, &view(Some("P2"), false)).expect("report");
    assert!(
        p2.contains("- B (P2)") && !p2.contains("- A (P1)") && !p2.contains("a2"),
        "{p2}"
    );
}

#[test]
fn clean_report_says_so() {
    let (inst, p) = tiny();
    let mut e = evaluate(&inst, &p);
    e.violations.clear();
    let text = check_report(&inst, &e, &[]);
    assert!(
        text.contains("Hard rules: none broken.") && text.contains("every minimum need is met"),
        "{text}"
    );
    let none = TinyInstance::new(1).build();
    assert!(
        check_report(&none, &evaluate(&none, &Planning::default()), &[])
            .contains("Leave requests: none.\n")
    );
    let err = check_report_for(
        &none,
        &evaluate(&none, &Planning::default()),
        &[],
        &[],
        &view(Some("X"), false),
    );
    assert_eq!(
        err,
        Err("unknown pôle \"X\"; known pôles: none".to_string())
    );
}
