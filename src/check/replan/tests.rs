//! Tests of `replan_keep` (one per case, each with a clean twin),
//! `replan_change` and the history rule.

use super::*;
use crate::check::testutil::{assert_close, plan};
use crate::domain::testkit::TinyInstance;
use crate::domain::{LeavePart, LeaveStatus};

/// Mon..Fri; M 08:00–12:30, S 13:00–17:30; A and B (pôle P1); X (home A,
/// covers B), Y (A), Z (B); a need at A 08:30–12:30 min 1 every day; Z
/// requested CA on Friday (row 0).
fn base() -> TinyInstance {
    let t = TinyInstance::new(5)
        .shift("M", "08:00", "12:30", 0)
        .shift("S", "13:00", "17:30", 0)
        .secretariat("A", "P1")
        .secretariat("B", "P1")
        .agent("X", "A", &["B"])
        .agent("Y", "A", &[])
        .agent("Z", "B", &[]);
    (0..5)
        .fold(t, |t, d| t.need("A", d, "08:30", "12:30", 1, 1, None))
        .leave("Z", "CA", 4, 4, LeaveStatus::Requested, LeavePart::Day)
}

type Row = (&'static str, usize, &'static str, &'static str);

/// X: M at A Mon..Fri; Y: S at A Friday (locked); Z's request granted.
fn previous_rows() -> Vec<Row> {
    let mut rows: Vec<Row> = (0..5).map(|d| ("X", d, "M", "A")).collect();
    rows.push(("Y", 4, "S", "A"));
    rows
}

/// A replan from Wednesday (day 2), short notice Wed and Thu.
fn ctx(inst: &Instance) -> ReplanContext {
    let mut previous = plan(inst, &previous_rows());
    previous.granted = vec![0];
    let locked = plan(inst, &[("Y", 4, "S", "A")]).assignments;
    ReplanContext {
        previous,
        from: 2,
        locked,
        notice_days: vec![2, 3],
    }
}

/// The previous rows with `drop` removed and `add` added; Z's request granted.
fn new_planning(inst: &Instance, drop: &[Row], add: &[Row]) -> Planning {
    let rows: Vec<Row> = previous_rows()
        .into_iter()
        .filter(|r| !drop.contains(r))
        .chain(add.iter().copied())
        .collect();
    let mut p = plan(inst, &rows);
    p.granted = vec![0];
    p
}

/// Asserts exactly one violation, of replan_keep, and returns it.
fn only_replan_keep(inst: &Instance, p: &Planning, ctx: &ReplanContext) -> Violation {
    let e = evaluate_replan(inst, p, ctx);
    assert_eq!(e.violations.len(), 1, "{:#?}", e.violations);
    assert_eq!(e.violations[0].family, RuleFamily::ReplanKeep);
    e.violations[0].clone()
}

fn assert_clean(inst: &Instance, p: &Planning, ctx: &ReplanContext) {
    let e = evaluate_replan(inst, p, ctx);
    assert!(e.violations.is_empty(), "{:#?}", e.violations);
}

#[test]
fn the_previous_planning_itself_is_clean_and_unchanged() {
    let inst = base().build();
    let ctx = ctx(&inst);
    let e = evaluate_replan(&inst, &ctx.previous, &ctx);
    assert!(e.violations.is_empty(), "{:#?}", e.violations);
    assert_eq!(e.term("replan_change"), 0.0);
    assert_close(e.objective, evaluate(&inst, &ctx.previous).objective);
    assert!(changed_days(&inst, &ctx.previous, &ctx).is_empty());
}

#[test]
fn a_a_day_before_from_must_keep_its_rows() {
    let inst = base().build();
    let ctx = ctx(&inst);
    let bad = new_planning(&inst, &[("X", 0, "M", "A")], &[]);
    let v = only_replan_keep(&inst, &bad, &ctx);
    assert_eq!((v.agent, v.day), (Some(0), Some(0)));
    assert_eq!(
        v.message,
        "agent X, Mon 2026-12-07: M@A → day off, but days before the replan start Wed 2026-12-09 are kept as they were"
    );
    // A change of secretariat in the past is a change too.
    let moved = new_planning(&inst, &[("X", 1, "M", "A")], &[("X", 1, "M", "B")]);
    assert!(only_replan_keep(&inst, &moved, &ctx)
        .message
        .contains("M@A → M@B"));
    // Clean twin: the same removal on Friday (after from, not short notice, not locked).
    let clean = new_planning(&inst, &[("X", 4, "M", "A")], &[]);
    assert_clean(&inst, &clean, &ctx);
    assert_close(
        evaluate_replan(&inst, &clean, &ctx).term("replan_change"),
        50.0,
    );
}

#[test]
fn b_a_locked_row_must_be_kept() {
    let inst = base().build();
    let ctx = ctx(&inst);
    let bad = new_planning(&inst, &[("Y", 4, "S", "A")], &[]);
    let v = only_replan_keep(&inst, &bad, &ctx);
    assert_eq!((v.agent, v.day), (Some(1), Some(4)));
    assert_eq!(
        v.message,
        "agent Y, Fri 2026-12-11: the locked row S@A of the previous planning is missing"
    );
    // Clean twin: the same planning when the row was not locked.
    let unlocked = ReplanContext {
        locked: Vec::new(),
        ..ctx.clone()
    };
    assert_clean(&inst, &bad, &unlocked);
}

#[test]
fn c_short_notice_removal_only_when_the_row_cannot_be_worked() {
    let inst = base().build();
    let ctx = ctx(&inst);
    let bad = new_planning(&inst, &[("X", 2, "M", "A")], &[]);
    let v = only_replan_keep(&inst, &bad, &ctx);
    assert_eq!(
        v.message,
        "agent X, Wed 2026-12-09: the previous row M@A is removed at short notice although it can still be worked and she is not moved to cover a minimum need"
    );
    // Clean twin: a new sick leave makes the row unworkable; removing it is
    // forced (and keeping it breaks `leave`, not `replan_keep`).
    let sick = base()
        .leave("X", "MALADIE", 2, 2, LeaveStatus::Approved, LeavePart::Day)
        .build();
    let ctx = self::ctx(&sick);
    assert_clean(
        &sick,
        &new_planning(&sick, &[("X", 2, "M", "A")], &[]),
        &ctx,
    );
    let kept = evaluate_replan(&sick, &new_planning(&sick, &[], &[]), &ctx);
    let families: Vec<_> = kept.violations.iter().map(|v| v.family).collect();
    assert_eq!(families, vec![RuleFamily::Leave]);
}

#[test]
fn c_short_notice_addition_only_where_a_minimum_is_short() {
    let inst = base().build();
    let ctx = ctx(&inst);
    // A is covered by X on Thursday: adding Y there is not needed.
    let bad = new_planning(&inst, &[], &[("Y", 3, "M", "A")]);
    let v = only_replan_keep(&inst, &bad, &ctx);
    assert_eq!(
        v.message,
        "agent Y, Thu 2026-12-10: the row M@A is added at short notice but covers no minimum need left short at A"
    );
    // Clean twin: X falls sick on Thursday; Y's morning replaces her.
    let sick = base()
        .leave("X", "MALADIE", 3, 3, LeaveStatus::Approved, LeavePart::Day)
        .build();
    let ctx = self::ctx(&sick);
    assert_clean(
        &sick,
        &new_planning(&sick, &[("X", 3, "M", "A")], &[("Y", 3, "M", "A")]),
        &ctx,
    );
    // An afternoon does not overlap the short window: still not allowed.
    let afternoon = new_planning(&sick, &[("X", 3, "M", "A")], &[("Y", 3, "S", "A")]);
    assert!(only_replan_keep(&sick, &afternoon, &ctx)
        .message
        .contains("row S@A is added at short notice"));
}

#[test]
fn d_a_request_granted_before_stays_granted() {
    let inst = base().build();
    let ctx = ctx(&inst);
    let mut bad = new_planning(&inst, &[], &[]);
    bad.granted.clear();
    let v = only_replan_keep(&inst, &bad, &ctx);
    assert_eq!((v.agent, v.day), (Some(2), Some(4)));
    assert_eq!(
        v.message,
        "request L2 of agent Z was granted in the previous planning and is no longer granted"
    );
    assert!(!v.message.contains("CA"), "no leave type in the message");
    assert_clean(&inst, &new_planning(&inst, &[], &[]), &ctx);
}

#[test]
fn replan_change_counts_changed_agent_days_from_the_start_on() {
    // Short notice on Wednesday only, so that Thursday and Friday may change.
    let inst = base().build();
    let ctx = ReplanContext {
        notice_days: vec![2],
        ..ctx(&inst)
    };
    // X Thu: M@A → S@A; X Fri: M@A → off; Z Thu: off → M@B (changed: 3).
    // X Tue removed: a replan_keep violation, not a changed day (before from).
    let new = new_planning(
        &inst,
        &[("X", 1, "M", "A"), ("X", 3, "M", "A"), ("X", 4, "M", "A")],
        &[("X", 3, "S", "A"), ("Z", 3, "M", "B")],
    );
    let changed = changed_days(&inst, &new, &ctx);
    let said: Vec<_> = changed
        .iter()
        .map(|c| {
            (
                c.agent,
                c.day,
                rows_text(&inst, &c.before),
                rows_text(&inst, &c.after),
                c.short_notice,
            )
        })
        .collect();
    assert_eq!(
        said,
        vec![
            (0, 3, "M@A".to_string(), "S@A".to_string(), false),
            (0, 4, "M@A".to_string(), String::new(), false),
            (2, 3, String::new(), "M@B".to_string(), false),
        ]
    );
    let e = evaluate_replan(&inst, &new, &ctx);
    assert_close(e.term("replan_change"), 150.0);
    assert_close(e.objective, evaluate(&inst, &new).objective + 150.0);
    let keep: Vec<_> = e.violations.iter().map(|v| (v.family, v.day)).collect();
    assert_eq!(keep, vec![(RuleFamily::ReplanKeep, Some(1))]);
    // The weight is read from [weights].
    let mut heavy = inst.clone();
    heavy.weights.replan_change = 7.0;
    assert_close(
        evaluate_replan(&heavy, &new, &ctx).term("replan_change"),
        21.0,
    );
    // evaluate alone never charges replan_change.
    assert_eq!(evaluate(&inst, &new).term("replan_change"), 0.0);
}

#[test]
fn history_before_from_is_not_counted_but_undated_violations_are() {
    // Z works at A (not eligible) on Monday in both plannings, and her
    // contract wants 100 h in total (an undated violation).
    let inst = base()
        .contract("long", |c| c.min_total_minutes = 100 * 60)
        .build();
    let mut rows = previous_rows();
    rows.push(("Z", 0, "M", "A"));
    let mut previous = plan(&inst, &rows);
    previous.granted = vec![0];
    let ctx = ReplanContext {
        previous: previous.clone(),
        from: 2,
        locked: Vec::new(),
        notice_days: vec![2, 3],
    };
    let families = |e: &Evaluation| {
        e.violations
            .iter()
            .map(|v| (v.family, v.day))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        families(&evaluate(&inst, &previous)),
        vec![
            (RuleFamily::Eligibility, Some(0)),
            (RuleFamily::TotalHours, None)
        ]
    );
    assert_eq!(
        families(&evaluate_replan(&inst, &previous, &ctx)),
        vec![(RuleFamily::TotalHours, None)]
    );
    // From Monday on, nothing is history.
    let from_monday = ReplanContext {
        from: 0,
        notice_days: vec![0, 1],
        ..ctx
    };
    assert_eq!(
        families(&evaluate_replan(&inst, &previous, &from_monday)),
        vec![
            (RuleFamily::Eligibility, Some(0)),
            (RuleFamily::TotalHours, None)
        ]
    );
}

#[test]
fn evaluate_replan_is_deterministic_and_ignores_row_order() {
    let inst = base().build();
    let ctx = ctx(&inst);
    let new = new_planning(
        &inst,
        &[("X", 0, "M", "A"), ("Y", 4, "S", "A")],
        &[("Y", 3, "M", "A")],
    );
    let mut reversed = new.clone();
    reversed.assignments.reverse();
    assert_eq!(
        evaluate_replan(&inst, &new, &ctx),
        evaluate_replan(&inst, &reversed, &ctx)
    );
    assert_eq!(evaluate_replan(&inst, &new, &ctx).violations.len(), 3);
}
