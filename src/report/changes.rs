//! `changes.csv` (SPEC §4, replan only; README "Replan"):
//! `agent,date,before,after,short_notice`, one row per changed agent-day
//! (`check::changed_days`: an agent and a day ≥ the replan start whose set
//! of work rows differs from the previous planning's), agents in file
//! order then dates in order. `before` / `after` are the rows of that day
//! written `SHIFT@SECRETARIAT`, joined by `|` in start order (empty: day
//! off); `short_notice` is `1` on the short-notice days, else `0`. Leave
//! is not a work row: a day that became leave reads as a day off.

use super::csv::CsvWriter;
use crate::check::replan::rows_text;
use crate::check::{changed_days, ChangedDay};
use crate::domain::{Instance, Planning, ReplanContext};

/// Header of `changes.csv`.
pub const HEADER: [&str; 5] = ["agent", "date", "before", "after", "short_notice"];

/// The replan counts of `summary.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReplanCounts {
    /// Changed agent-days (rows of `changes.csv`).
    pub changes: usize,
    /// Those on short-notice days.
    pub short_notice_changes: usize,
}

/// The counts of the changed agent-days of `planning` against `ctx`.
pub fn replan_counts(inst: &Instance, ctx: &ReplanContext, planning: &Planning) -> ReplanCounts {
    counts_of(&changed_days(inst, planning, ctx))
}

fn counts_of(changed: &[ChangedDay]) -> ReplanCounts {
    ReplanCounts {
        changes: changed.len(),
        short_notice_changes: changed.iter().filter(|c| c.short_notice).count(),
    }
}

/// The text of `changes.csv`.
pub fn changes_csv(inst: &Instance, ctx: &ReplanContext, planning: &Planning) -> String {
    let mut w = CsvWriter::with_header(&HEADER);
    for c in changed_days(inst, planning, ctx) {
        w.row([
            inst.agents
                .get(c.agent)
                .map(|a| a.id.clone())
                .unwrap_or_default(),
            inst.horizon.date(c.day).format("%Y-%m-%d").to_string(),
            rows_text(inst, &c.before),
            rows_text(inst, &c.after),
            if c.short_notice { "1" } else { "0" }.to_string(),
        ]);
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::TinyInstance;
    use crate::domain::Assignment;

    #[test]
    fn golden_changes_csv() {
        // Mon..Fri from 2026-12-07; replan from Wed, short notice Wed–Thu.
        // ann: Wed M@CARDIO → S@CARDIO|T@NEURO (short notice), Fri M@CARDIO
        // → off; bob: Thu off → M@NEURO (short notice). Tue (before from)
        // differs too but is not a change (a replan_keep violation).
        let inst = TinyInstance::new(5)
            .shift("M", "08:00", "12:00", 0)
            .shift("T", "17:30", "19:00", 0)
            .shift("S", "13:00", "17:00", 0)
            .secretariat("CARDIO", "P1")
            .secretariat("NEURO", "P2")
            .agent("ann", "CARDIO", &["NEURO"])
            .agent("bob", "NEURO", &[])
            .build();
        let row = |agent, day, shift, secretariat| Assignment {
            agent,
            day,
            shift,
            secretariat,
        };
        let mut previous = Planning {
            assignments: vec![
                row(0, 1, 0, 0),
                row(0, 2, 0, 0),
                row(0, 3, 0, 0),
                row(0, 4, 0, 0),
                row(1, 2, 0, 1),
            ],
            granted: vec![],
        };
        previous.normalize(&inst);
        let ctx = ReplanContext {
            previous,
            from: 2,
            locked: vec![],
            notice_days: vec![2, 3],
        };
        let mut new = Planning {
            assignments: vec![
                row(0, 2, 1, 1),
                row(0, 2, 2, 0),
                row(0, 3, 0, 0),
                row(1, 2, 0, 1),
                row(1, 3, 0, 1),
            ],
            granted: vec![],
        };
        new.normalize(&inst);
        assert_eq!(
            changes_csv(&inst, &ctx, &new),
            "agent,date,before,after,short_notice\n\
             ann,2026-12-09,M@CARDIO,S@CARDIO|T@NEURO,1\n\
             ann,2026-12-11,M@CARDIO,,0\n\
             bob,2026-12-10,,M@NEURO,1\n"
        );
        assert_eq!(
            replan_counts(&inst, &ctx, &new),
            ReplanCounts {
                changes: 3,
                short_notice_changes: 2
            }
        );
        assert_eq!(
            changes_csv(&inst, &ctx, &ctx.previous),
            "agent,date,before,after,short_notice\n"
        );
        assert_eq!(
            replan_counts(&inst, &ctx, &ctx.previous),
            ReplanCounts::default()
        );
    }
}
