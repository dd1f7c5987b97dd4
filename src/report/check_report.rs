//! The text `rota check` prints: hard violations grouped by rule family
//! (registry order, with the family's description; overdrawn CA/RTT
//! balances appear there as `leave_balance`), coverage gaps (window rows
//! and shift-need rows below `min`: secretariat, date, window, agents
//! missing), each followed by its cause when the replacement analysis of
//! `crate::replace` is given (who is absent, who is eligible and why she is
//! not there), the leave requests granted or refused as read from the
//! planning (in request order, with what a refusal costs) and the
//! penalties term by term with their total.
//!
//! # Privacy and the référent view ([`CheckView`])
//!
//! Leave types are personal data: unless `show_reasons`, the text never
//! names one — violation messages go through `check::redacted_message`,
//! request lines and absences read `ABS`.
//!
//! With `pole` set, the text is a pôle référent's: hard violations of the
//! agents whose **home** secretariat is in the pôle (a violation belongs to
//! the agent who breaks the rule, wherever she works; violations naming no
//! agent — rows of unknown agents — are shown in every view), with a count
//! of those left to other pôles; coverage gaps and their causes at the
//! pôle's secretariats; leave requests of the pôle's agents; penalties of
//! the whole planning (the terms are not split by pôle, and the heading
//! says so). Pôle names are matched ignoring case; an unknown one is an
//! error that lists the known pôles (the CLI exits 2).

use super::coverage::CoverageRow;
use crate::check::{redacted_message, Evaluation, Violation, REDACTED_LEAVE_TYPE, TERM_NAMES};
use crate::domain::calendar::format_hhmm;
use crate::domain::{AgentIdx, Instance, LeavePart, RuleFamily, SecretariatIdx};
use crate::replace::UncoveredNeed;
use std::collections::BTreeSet;
use std::fmt::Write;

/// Who reads the text of `rota check`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckView {
    /// Only this pôle (a référent's view); `None`: the whole planning.
    pub pole: Option<String>,
    /// Show leave types (absence reasons) instead of `ABS`.
    pub show_reasons: bool,
}

/// The human-readable report of a checked planning, for the whole
/// planning, leave types hidden, without the causes of the gaps: the same
/// as [`check_report_for`] with no gaps analysed and the default view.
pub fn check_report(inst: &Instance, eval: &Evaluation, coverage: &[CoverageRow]) -> String {
    check_report_for(inst, eval, coverage, &[], &CheckView::default()).unwrap_or_default()
}

/// The pôles of the instance's secretariats, sorted, without duplicates.
pub fn known_poles(inst: &Instance) -> Vec<String> {
    inst.secretariats
        .iter()
        .map(|s| s.pole.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// What the text keeps of the instance for one view.
struct Scope<'a> {
    inst: &'a Instance,
    /// The pôle's name as written in secretariats.csv.
    pole: Option<String>,
    show_reasons: bool,
}

impl Scope<'_> {
    fn secretariat_in(&self, sec: SecretariatIdx) -> bool {
        match &self.pole {
            None => true,
            Some(p) => self
                .inst
                .secretariats
                .get(sec)
                .is_some_and(|s| &s.pole == p),
        }
    }

    fn agent_in(&self, agent: AgentIdx) -> bool {
        self.pole.is_none()
            || self
                .inst
                .agents
                .get(agent)
                .is_some_and(|a| self.secretariat_in(a.home))
    }

    fn violation_in(&self, v: &Violation) -> bool {
        v.agent.is_none_or(|a| self.agent_in(a))
    }

    fn message(&self, v: &Violation) -> String {
        if self.show_reasons {
            v.message.clone()
        } else {
            redacted_message(self.inst, v)
        }
    }

    fn leave_type<'b>(&self, t: &'b str) -> &'b str {
        if self.show_reasons {
            t
        } else {
            REDACTED_LEAVE_TYPE
        }
    }
}

/// The report of a checked planning for `view`: hard violations, coverage
/// gaps (each followed by its cause, from the matching entry of `gaps` —
/// same secretariat, day, window and shift — when there is one), leave
/// requests and penalties (module doc). `Err` names an unknown pôle and
/// lists the known ones.
pub fn check_report_for(
    inst: &Instance,
    eval: &Evaluation,
    coverage: &[CoverageRow],
    gaps: &[UncoveredNeed],
    view: &CheckView,
) -> Result<String, String> {
    let pole = match &view.pole {
        None => None,
        Some(wanted) => {
            let known = known_poles(inst);
            let wanted_lc = wanted.trim().to_lowercase();
            match known.iter().find(|p| p.to_lowercase() == wanted_lc) {
                Some(p) => Some(p.clone()),
                None => {
                    let list = if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    };
                    return Err(format!("unknown pôle \"{wanted}\"; known pôles: {list}"));
                }
            }
        }
    };
    let scope = Scope {
        inst,
        pole,
        show_reasons: view.show_reasons,
    };
    let mut out = String::new();
    match &scope.pole {
        None => {
            let _ = writeln!(out, "rota check — {}", inst.name);
        }
        Some(p) => {
            let _ = writeln!(out, "rota check — {} — pôle {p}", inst.name);
        }
    }
    let _ = writeln!(out);
    violations_section(&mut out, &scope, eval);
    let _ = writeln!(out);
    coverage_section(&mut out, &scope, coverage, gaps);
    let _ = writeln!(out);
    leave_section(&mut out, &scope, eval);
    let _ = writeln!(out);
    let heading = if scope.pole.is_some() {
        "Penalties (whole planning):"
    } else {
        "Penalties:"
    };
    let _ = writeln!(out, "{heading}");
    for name in TERM_NAMES {
        let _ = writeln!(out, "  {name:<20} {:>14.2}", eval.term(name));
    }
    let _ = writeln!(out, "  {:<20} {:>14.2}", "total", eval.objective);
    Ok(out)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `Hard rules: …` and the violations of the view, by family.
fn violations_section(out: &mut String, scope: &Scope<'_>, eval: &Evaluation) {
    let inst = scope.inst;
    let shown: Vec<&Violation> = eval
        .violations
        .iter()
        .filter(|v| scope.violation_in(v))
        .collect();
    let elsewhere = eval.violations.len() - shown.len();
    let others = if elsewhere > 0 {
        format!(" ({elsewhere} more in other pôles)")
    } else {
        String::new()
    };
    if shown.is_empty() {
        let _ = writeln!(
            out,
            "Hard rules: none broken{}{others}.",
            if scope.pole.is_some() {
                " in this pôle"
            } else {
                ""
            }
        );
        return;
    }
    let n = shown.len();
    let _ = writeln!(
        out,
        "Hard rules: {n} violation{}{others} — this planning may not be used as it is.",
        plural(n)
    );
    for &family in RuleFamily::ALL {
        let of: Vec<&&Violation> = shown.iter().filter(|v| v.family == family).collect();
        if of.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "  {} ({}): {}",
            family.name(),
            of.len(),
            family.description()
        );
        for v in of {
            let who = v
                .agent
                .and_then(|a| inst.agents.get(a))
                .map(|a| a.id.as_str());
            let when = v.day.map(|d| crate::check::fmt_day(inst, d));
            let prefix = match (who, when) {
                (Some(a), Some(d)) => format!("[{a}, {d}] "),
                (Some(a), None) => format!("[{a}] "),
                (None, Some(d)) => format!("[{d}] "),
                (None, None) => String::new(),
            };
            let _ = writeln!(out, "    - {prefix}{}", scope.message(v));
        }
    }
}

/// `Coverage …` and the gaps of the view, each with its cause.
fn coverage_section(
    out: &mut String,
    scope: &Scope<'_>,
    coverage: &[CoverageRow],
    gaps: &[UncoveredNeed],
) {
    let inst = scope.inst;
    let rows: Vec<&CoverageRow> = coverage
        .iter()
        .filter(|r| r.shortfall() > 0 && scope.secretariat_in(r.secretariat))
        .collect();
    if rows.is_empty() {
        let _ = writeln!(out, "Coverage: every minimum need is met.");
        return;
    }
    let missing: i64 = rows
        .iter()
        .filter(|r| r.shift.is_none())
        .map(|r| i64::from(r.shortfall()) * r.minutes())
        .sum();
    let _ = writeln!(
        out,
        "Coverage gaps: {} window{} below the minimum ({} agent-minutes missing on windows).",
        rows.len(),
        plural(rows.len()),
        missing
    );
    for r in rows {
        let Some(sec) = inst.secretariats.get(r.secretariat) else {
            continue;
        };
        let what = match r.shift.and_then(|k| inst.shifts.get(k)) {
            Some(s) => format!("shift {} ", s.id),
            None => String::new(),
        };
        let labels = if r.labels.is_empty() {
            String::new()
        } else {
            format!(" [{}]", r.labels.join("|"))
        };
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
        let cause = gaps.iter().find(|g| {
            (g.secretariat, g.day, g.start, g.end, g.shift)
                == (r.secretariat, r.day, r.start, r.end, r.shift)
        });
        if let Some(g) = cause {
            cause_lines(out, scope, g);
        }
    }
}

/// Why a gap is open: the shift tried, who is absent, who could come and
/// what stops her.
fn cause_lines(out: &mut String, scope: &Scope<'_>, g: &UncoveredNeed) {
    let inst = scope.inst;
    let agent_id = |a: AgentIdx| {
        inst.agents
            .get(a)
            .map(|x| x.id.clone())
            .unwrap_or_else(|| format!("#{a}"))
    };
    let Some((k, _)) = g.tried else {
        let _ = writeln!(out, "      no shift kind covers this window");
        return;
    };
    if g.shift.is_none() {
        if let Some(s) = inst.shifts.get(k) {
            let _ = writeln!(
                out,
                "      shift tried: {} ({}–{})",
                s.id,
                format_hhmm(s.start),
                format_hhmm(s.end)
            );
        }
    }
    if !g.absent.is_empty() {
        let list: Vec<String> = g
            .absent
            .iter()
            .map(|(a, t)| format!("{} ({})", agent_id(*a), scope.leave_type(t)))
            .collect();
        let _ = writeln!(out, "      absent: {}", list.join(", "));
    }
    if !g.evaluated {
        let _ = writeln!(
            out,
            "      candidates not evaluated: too many uncovered windows for one report"
        );
        return;
    }
    if g.candidates.is_empty() {
        let _ = writeln!(out, "      no other agent may work here");
        return;
    }
    let _ = writeln!(out, "      eligible agents ({}), best first:", g.eligible);
    for (rank, c) in g.candidates.iter().enumerate() {
        let families = if c.blocked_by.is_empty() {
            String::new()
        } else {
            format!(
                " [{}]",
                c.blocked_by
                    .iter()
                    .map(|f| f.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let cost = if c.cost == 0.0 { 0.0 } else { c.cost };
        let _ = writeln!(
            out,
            "        {}. {} on {}: {}{families} (cost {cost:.2})",
            rank + 1,
            agent_id(c.agent),
            inst.shifts
                .get(c.shift)
                .map(|s| s.id.as_str())
                .unwrap_or("?"),
            crate::replace::render::detail(inst, g, c, scope.show_reasons),
        );
    }
    if g.eligible > g.candidates.len() {
        let _ = writeln!(
            out,
            "        … and {} more eligible agent(s)",
            g.eligible - g.candidates.len()
        );
    }
}

/// `Leave requests: …` and one line per request of the view (request order).
fn leave_section(out: &mut String, scope: &Scope<'_>, eval: &Evaluation) {
    let inst = scope.inst;
    let requests: Vec<_> = eval
        .requests
        .iter()
        .filter(|r| {
            inst.leaves
                .get(r.leave)
                .is_some_and(|l| scope.agent_in(l.agent))
        })
        .collect();
    if requests.is_empty() {
        let _ = writeln!(out, "Leave requests: none.");
        return;
    }
    let granted = requests.iter().filter(|r| r.granted).count();
    let n = requests.len();
    let _ = writeln!(
        out,
        "Leave requests: {n} — {granted} granted, {} refused.",
        n - granted
    );
    for r in requests {
        let Some(l) = inst.leaves.get(r.leave) else {
            continue;
        };
        let who = inst
            .agents
            .get(l.agent)
            .map(|a| a.id.as_str())
            .unwrap_or("?");
        let day = |d: chrono::NaiveDate| d.format("%a %Y-%m-%d").to_string();
        let dates = if l.first_day == l.last_day {
            day(l.first_day)
        } else {
            format!("{} → {}", day(l.first_day), day(l.last_day))
        };
        let part = match l.part {
            LeavePart::Day => "",
            LeavePart::Am => " (am)",
            LeavePart::Pm => " (pm)",
        };
        let asked = l
            .requested_on
            .map(|d| format!(", requested {}", d.format("%Y-%m-%d")))
            .unwrap_or_default();
        let decision = if r.granted {
            "granted".to_string()
        } else {
            format!("refused (leave_refused {:.2})", r.refusal_cost)
        };
        let _ = writeln!(
            out,
            "  - {} {who} {} {dates}{part}{asked}: {decision}",
            l.id,
            scope.leave_type(&l.leave_type)
        );
    }
}

#[cfg(test)]
mod tests;
