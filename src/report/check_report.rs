//! The text `rota check` prints: hard violations grouped by rule family
//! (registry order, with the family's description; overdrawn CA/RTT
//! balances appear there as `leave_balance`), coverage gaps (window rows
//! and shift-need rows below `min`: secretariat, date, window, agents
//! missing), the leave requests granted or refused as read from the
//! planning (in request order, with what a refusal costs) and the
//! penalties term by term with their total.

use super::coverage::CoverageRow;
use crate::check::{Evaluation, TERM_NAMES};
use crate::domain::calendar::format_hhmm;
use crate::domain::{Instance, LeavePart, RuleFamily};
use std::fmt::Write;

/// The human-readable report of a checked planning.
pub fn check_report(inst: &Instance, eval: &Evaluation, coverage: &[CoverageRow]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "rota check — {}", inst.name);
    let _ = writeln!(out);

    if eval.violations.is_empty() {
        let _ = writeln!(out, "Hard rules: none broken.");
    } else {
        let n = eval.violations.len();
        let _ =
            writeln!(out, "Hard rules: {n} violation{} — this planning may not be used as it is.", if n == 1 { "" } else { "s" });
        for &family in RuleFamily::ALL {
            let of: Vec<_> = eval.violations_of(family).collect();
            if of.is_empty() {
                continue;
            }
            let _ = writeln!(out, "  {} ({}): {}", family.name(), of.len(), family.description());
            for v in of {
                let who = v.agent.and_then(|a| inst.agents.get(a)).map(|a| a.id.as_str());
                let when = v.day.map(|d| crate::check::fmt_day(inst, d));
                let prefix = match (who, when) {
                    (Some(a), Some(d)) => format!("[{a}, {d}] "),
                    (Some(a), None) => format!("[{a}] "),
                    (None, Some(d)) => format!("[{d}] "),
                    (None, None) => String::new(),
                };
                let _ = writeln!(out, "    - {prefix}{}", v.message);
            }
        }
    }
    let _ = writeln!(out);

    let gaps: Vec<_> = coverage.iter().filter(|r| r.shortfall() > 0).collect();
    if gaps.is_empty() {
        let _ = writeln!(out, "Coverage: every minimum need is met.");
    } else {
        let missing: i64 = gaps.iter().filter(|r| r.shift.is_none()).map(|r| i64::from(r.shortfall()) * r.minutes()).sum();
        let _ = writeln!(
            out,
            "Coverage gaps: {} window{} below the minimum ({} agent-minutes missing on windows).",
            gaps.len(),
            if gaps.len() == 1 { "" } else { "s" },
            missing
        );
        for r in gaps {
            let sec = &inst.secretariats[r.secretariat];
            let what = match r.shift {
                Some(k) => format!("shift {} ", inst.shifts[k].id),
                None => String::new(),
            };
            let labels = if r.labels.is_empty() { String::new() } else { format!(" [{}]", r.labels.join("|")) };
            let _ = writeln!(
                out,
                "  - {} ({}) {} {what}{}–{}: {} assigned for a minimum of {}, {} missing{labels}",
                sec.id,
                sec.pole,
                crate::check::fmt_day(inst, r.day),
                format_hhmm(r.start),
                format_hhmm(r.end),
                r.assigned,
                r.min,
                r.shortfall(),
            );
        }
    }
    let _ = writeln!(out);

    leave_section(&mut out, inst, eval);
    let _ = writeln!(out);

    let _ = writeln!(out, "Penalties:");
    for name in TERM_NAMES {
        let _ = writeln!(out, "  {name:<20} {:>14.2}", eval.term(name));
    }
    let _ = writeln!(out, "  {:<20} {:>14.2}", "total", eval.objective);
    out
}

/// `Leave requests: …` and one line per request (request order).
fn leave_section(out: &mut String, inst: &Instance, eval: &Evaluation) {
    if eval.requests.is_empty() {
        let _ = writeln!(out, "Leave requests: none.");
        return;
    }
    let (granted, refused) = eval.request_counts();
    let n = eval.requests.len();
    let _ = writeln!(out, "Leave requests: {n} — {granted} granted, {refused} refused.");
    for r in &eval.requests {
        let Some(l) = inst.leaves.get(r.leave) else { continue };
        let who = inst.agents.get(l.agent).map(|a| a.id.as_str()).unwrap_or("?");
        let day = |d: chrono::NaiveDate| d.format("%a %Y-%m-%d").to_string();
        let dates = if l.first_day == l.last_day { day(l.first_day) } else { format!("{} → {}", day(l.first_day), day(l.last_day)) };
        let part = match l.part {
            LeavePart::Day => "",
            LeavePart::Am => " (am)",
            LeavePart::Pm => " (pm)",
        };
        let asked = l.requested_on.map(|d| format!(", requested {}", d.format("%Y-%m-%d"))).unwrap_or_default();
        let decision =
            if r.granted { "granted".to_string() } else { format!("refused (leave_refused {:.2})", r.refusal_cost) };
        let _ = writeln!(out, "  - {} {who} {} {dates}{part}{asked}: {decision}", l.id, l.leave_type);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::evaluate;
    use crate::report::coverage_rows;
    use crate::report::testutil::tiny;

    #[test]
    fn golden_tiny_check_report() {
        let (inst, mut p) = tiny();
        // Add one eligibility violation: bob at CARDIO on Mon afternoon. It
        // also makes bob's week exact (450 worked + 225 credited = 675 due),
        // adds one away shift (+2) and one change of secretariat (+3).
        p.assignments.push(crate::domain::Assignment { agent: 1, day: 0, shift: 1, secretariat: 0 });
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
             - L3 bob RTT Wed 2026-12-09: refused (leave_refused 200.01)\n\
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
    }

    #[test]
    fn leave_requests_and_overdrawn_balance() {
        // ann has 2 CA days left. L2 Mon–Tue (asked 1 Oct) and L3 Thu (asked
        // 5 Oct) are both granted: L3 overdraws. L4 RTT Fri pm (no date) is
        // refused: 0.5 day → 100 + tie-break 0.01 × 1/3.
        let mut inst = crate::domain::testkit::TinyInstance::new(7)
            .secretariat("S", "P")
            .agent("ann", "S", &[])
            .with_agent(|a| a.ca_days_left = Some(2.0))
            .leave("ann", "CA", 0, 1, crate::domain::LeaveStatus::Requested, LeavePart::Day)
            .requested_on("2026-10-01")
            .leave("ann", "CA", 3, 3, crate::domain::LeaveStatus::Requested, LeavePart::Day)
            .requested_on("2026-10-05")
            .leave("ann", "RTT", 4, 4, crate::domain::LeaveStatus::Requested, LeavePart::Pm)
            .build();
        inst.weights.under_hours = 0.0;
        let p = crate::domain::Planning { assignments: Vec::new(), granted: vec![0, 1] };
        let e = evaluate(&inst, &p);
        let text = check_report(&inst, &e, &coverage_rows(&inst, &p));
        assert!(
            text.contains(
                "  leave_balance (1): Granted requests of type CA or RTT fit in the agent's remaining balance (`ca_days_left`, `rtt_days_left`), served in order of `requested_on`.\n    \
                 - [ann, Thu 2026-12-10] request L3 of agent ann takes 1 day(s) of CA but only 0 of 2 remain after her earlier granted requests\n"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "Leave requests: 3 — 2 granted, 1 refused.\n  \
                 - L2 ann CA Mon 2026-12-07 → Tue 2026-12-08, requested 2026-10-01: granted\n  \
                 - L3 ann CA Thu 2026-12-10, requested 2026-10-05: granted\n  \
                 - L4 ann RTT Fri 2026-12-11 (pm): refused (leave_refused 100.00)\n\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn clean_report_says_so() {
        let (inst, p) = tiny();
        let mut e = evaluate(&inst, &p);
        e.violations.clear();
        let text = check_report(&inst, &e, &[]);
        assert!(text.contains("Hard rules: none broken.") && text.contains("every minimum need is met"), "{text}");
        let none = crate::domain::testkit::TinyInstance::new(1).build();
        assert!(check_report(&none, &evaluate(&none, &crate::domain::Planning::default()), &[]).contains("Leave requests: none.\n"));
    }
}
