//! Leave decisions and their reasons. Tiny cases where one rule decides
//! which request is granted (priority, then `requested_on`, a half day, a
//! balance), and a property over random instances: granting a refused
//! request and re-checking always shows the consequence its reason names,
//! and granted requests never have work on their days.

use proptest::prelude::*;
use rota::check::evaluate;
use rota::decide::{decide, with_granted, Decision, Reason};
use rota::domain::testkit::TinyInstance;
use rota::domain::{Instance, LeavePart, LeaveStatus, Planning, RuleFamily};
use rota::report::coverage_rows;
use rota::solve::{self, SolveOptions};

fn exact() -> SolveOptions {
    SolveOptions {
        time_limit: 60.0,
        gap: 0.0,
        threads: 1,
        seed: 0,
        progress: false,
    }
}

fn solve_and_decide(inst: &Instance) -> (Planning, Vec<Decision>) {
    let outcome = solve::solve(inst, &exact()).expect("the solver runs");
    let planning = outcome.planning.expect("a planning");
    decide(inst, &planning)
}

/// Two agents, one secretariat needing one agent all week, one J shift.
fn two_requests(priority: (f64, f64), asked: (&str, &str), part: LeavePart) -> Instance {
    let mut inst = TinyInstance::new(5)
        .shift("J", "08:30", "17:00", 60)
        .shift("M", "08:30", "12:30", 0)
        .secretariat("CARDIO", "P")
        .agent("A1", "CARDIO", &[])
        .agent("A2", "CARDIO", &[])
        .leave("A1", "CA", 2, 2, LeaveStatus::Requested, part)
        .leave("A2", "CA", 2, 2, LeaveStatus::Requested, LeavePart::Day)
        .build();
    for day in 0..5 {
        inst = TinyInstance::from(inst)
            .need("CARDIO", day, "08:30", "17:00", 1, 1, None)
            .build();
    }
    inst.leaves[0].priority = priority.0;
    inst.leaves[1].priority = priority.1;
    inst.leaves[0].requested_on = Some(asked.0.parse().unwrap());
    inst.leaves[1].requested_on = Some(asked.1.parse().unwrap());
    inst
}

fn granted(decisions: &[Decision]) -> Vec<usize> {
    decisions
        .iter()
        .filter(|d| d.granted())
        .map(|d| d.leave)
        .collect()
}

#[test]
fn priority_decides_between_two_requests_for_the_last_place() {
    let inst = two_requests((1.0, 2.0), ("2026-10-01", "2026-10-15"), LeavePart::Day);
    let (planning, decisions) = solve_and_decide(&inst);
    assert_eq!(granted(&decisions), vec![1], "{decisions:?}");
    assert!(evaluate(&inst, &planning).violations.is_empty());
    match &decisions.iter().find(|d| d.leave == 0).unwrap().reason {
        Reason::Uncovered(w) => {
            assert_eq!(
                (
                    w.secretariat.as_str(),
                    w.date.as_str(),
                    w.start.as_str(),
                    w.end.as_str()
                ),
                ("CARDIO", "2026-12-09", "08:30", "17:00")
            );
            assert_eq!((w.assigned, w.required), (0, 1));
        }
        other => panic!("expected an uncovered window, got {other:?}"),
    }
}

#[test]
fn with_equal_priority_the_earlier_request_wins() {
    let inst = two_requests((1.0, 1.0), ("2026-10-15", "2026-10-01"), LeavePart::Day);
    let (_, decisions) = solve_and_decide(&inst);
    assert_eq!(
        granted(&decisions),
        vec![1],
        "A2 asked first: {decisions:?}"
    );
    let inst = two_requests((1.0, 1.0), ("2026-10-01", "2026-10-15"), LeavePart::Day);
    let (_, decisions) = solve_and_decide(&inst);
    assert_eq!(
        granted(&decisions),
        vec![0],
        "A1 asked first: {decisions:?}"
    );
}

#[test]
fn a_half_day_request_leaves_the_other_half_workable() {
    // A1 asks for the afternoon only: she can still work the morning shift M,
    // and A2 covers the day, so both requests... cannot both hold: A2's whole
    // day would leave the afternoon to nobody. A1's half day costs 100 to
    // refuse, A2's day 200: A2 is granted, A1 works the whole day.
    let inst = two_requests((1.0, 1.0), ("2026-10-01", "2026-10-15"), LeavePart::Pm);
    let (planning, decisions) = solve_and_decide(&inst);
    assert_eq!(granted(&decisions), vec![1], "{decisions:?}");
    assert!(planning
        .assignments
        .iter()
        .any(|a| a.agent == 0 && a.day == 2));
    // Without A2's request, A1's afternoon is granted and she works the morning.
    let mut alone = inst.clone();
    alone.leaves.remove(1);
    let (planning, decisions) = solve_and_decide(&alone);
    assert_eq!(granted(&decisions), vec![0]);
    let wed: Vec<_> = planning
        .assignments
        .iter()
        .filter(|a| a.agent == 0 && a.day == 2)
        .collect();
    assert!(
        wed.iter().all(|a| alone.shifts[a.shift].id == "M"),
        "{wed:?}"
    );
}

#[test]
fn a_request_beyond_the_balance_is_refused_with_that_reason() {
    let mut inst = two_requests((1.0, 1.0), ("2026-10-01", "2026-10-15"), LeavePart::Day);
    inst.leaves[1].first_day = "2026-12-10".parse().unwrap(); // no competition any more
    inst.leaves[1].last_day = "2026-12-10".parse().unwrap();
    inst.agents[1].ca_days_left = Some(0.5);
    let (_, decisions) = solve_and_decide(&inst);
    assert_eq!(granted(&decisions), vec![0]);
    let reason = &decisions.iter().find(|d| d.leave == 1).unwrap().reason;
    assert!(matches!(reason, Reason::Balance { .. }), "{reason:?}");
    assert!(reason.to_string().contains("balance"), "{reason}");
}

#[derive(Debug, Clone)]
struct Spec {
    agents: usize,
    needs: Vec<(usize, u32)>,
    requests: Vec<(usize, usize, usize, u8, u8, u8, bool)>,
    balances: Vec<Option<u8>>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (2usize..=4).prop_flat_map(|agents| {
        (
            Just(agents),
            prop::collection::vec((0usize..5, 1u32..=2), 1..=5),
            prop::collection::vec(
                (
                    0..agents,
                    0usize..5,
                    0usize..=2,
                    0u8..3,
                    1u8..=3,
                    0u8..60,
                    any::<bool>(),
                ),
                1..=4,
            ),
            prop::collection::vec(prop::option::of(0u8..=4), agents),
        )
            .prop_map(|(agents, needs, requests, balances)| Spec {
                agents,
                needs,
                requests,
                balances,
            })
    })
}

fn build(spec: &Spec) -> Instance {
    let mut b = TinyInstance::new(5)
        .shift("M", "08:00", "12:30", 0)
        .shift("S", "13:00", "17:30", 0)
        .shift("J", "08:30", "17:00", 60)
        .secretariat("CARDIO", "P");
    for i in 0..spec.agents {
        let balance = spec.balances[i].map(|d| d as f64 / 2.0 + 0.5);
        b = b.agent(&format!("A{i}"), "CARDIO", &[]).with_agent(|a| {
            a.ca_days_left = balance;
            a.rtt_days_left = balance;
        });
    }
    for &(day, min) in &spec.needs {
        b = b.need("CARDIO", day, "08:30", "17:00", min, min, None);
    }
    for &(agent, first, len, part, priority, asked, rtt) in &spec.requests {
        let part = [LeavePart::Day, LeavePart::Am, LeavePart::Pm][part as usize];
        b = b.leave(
            &format!("A{agent}"),
            if rtt { "RTT" } else { "CA" },
            first,
            (first + len).min(4),
            LeaveStatus::Requested,
            part,
        );
        let _ = (priority, asked);
    }
    let mut inst = b.build();
    for (i, &(_, _, _, _, priority, asked, _)) in spec.requests.iter().enumerate() {
        inst.leaves[i].priority = priority as f64;
        inst.leaves[i].requested_on = Some(
            chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()
                + chrono::Duration::days(asked as i64),
        );
    }
    inst
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_refusal_reason_is_true_when_the_request_is_granted_and_rechecked(spec in spec()) {
        let inst = build(&spec);
        let (planning, decisions) = solve_and_decide(&inst);
        let eval = evaluate(&inst, &planning);
        prop_assert!(eval.violations.is_empty(), "{:?}", eval.violations);
        let mut ids: Vec<usize> = decisions.iter().map(|d| d.leave).collect();
        ids.sort_unstable();
        prop_assert_eq!(ids, (0..inst.leaves.len()).collect::<Vec<_>>(), "every request decided once");
        for d in &decisions {
            prop_assert_eq!(d.granted(), planning.granted.contains(&d.leave));
            if d.granted() {
                continue;
            }
            let alt = with_granted(&inst, &planning, d.leave);
            let alt_eval = evaluate(&inst, &alt);
            match &d.reason {
                Reason::Granted => unreachable!(),
                Reason::Balance { .. } => prop_assert!(alt_eval.violations.iter().any(|v| v.family == RuleFamily::LeaveBalance)),
                Reason::HardRule { family, .. } => prop_assert!(alt_eval.violations.iter().any(|v| v.family == *family)),
                Reason::Uncovered(w) | Reason::BelowTarget(w) => {
                    let rows = coverage_rows(&inst, &alt);
                    let found = rows.iter().any(|r| {
                        inst.secretariats[r.secretariat].id == w.secretariat
                            && inst.horizon.date(r.day).to_string() == w.date
                            && rota::domain::calendar::format_hhmm(r.start) == w.start
                            && rota::domain::calendar::format_hhmm(r.end) == w.end
                            && r.assigned == w.assigned
                            && w.assigned < w.required
                            && w.required == if matches!(d.reason, Reason::Uncovered(_)) { r.min } else { r.target }
                    });
                    prop_assert!(found, "{} not shown by re-checking", d.reason);
                }
                Reason::Cost { term, increase, refusal } => {
                    prop_assert!((alt_eval.term(term) - eval.term(term) - increase).abs() < 1e-6);
                    prop_assert!(*increase > 0.0 && alt_eval.objective >= eval.objective - 1e-9, "{} {refusal}", d.reason);
                }
            }
        }
    }
}
