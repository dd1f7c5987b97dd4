//! A compact builder of small instances in code, for unit tests, property
//! tests and benchmarks. Real instances come from folders through
//! `validate::load_instance`; this builder skips parsing so that each rule
//! family can be tested on the few facts that decide it.
//!
//! Defaults: horizon of `days` days from Monday 2026-12-07, `[rules]` and
//! `[weights]` defaults, one default contract (37.5 h), no needs.

use super::calendar::Horizon;
use super::instance::*;
use chrono::{NaiveDate, Weekday};
use std::collections::BTreeSet;

/// Builder of a small [`Instance`].
#[derive(Debug, Clone)]
pub struct TinyInstance {
    inst: Instance,
}

fn hm(s: &str) -> i64 {
    let (h, m) = s.split_once(':').expect("time written HH:MM");
    h.parse::<i64>().expect("hours") * 60 + m.parse::<i64>().expect("minutes")
}

impl From<Instance> for TinyInstance {
    /// Continues building from an existing instance.
    fn from(inst: Instance) -> Self {
        TinyInstance { inst }
    }
}

impl TinyInstance {
    /// A horizon of `days` days starting Monday 2026-12-07, nothing else.
    pub fn new(days: usize) -> Self {
        Self::starting("2026-12-07", days)
    }

    /// A horizon of `days` days starting at `start` (`YYYY-MM-DD`).
    pub fn starting(start: &str, days: usize) -> Self {
        let rules = Rules::default();
        let default_contract = Contract {
            id: "default".into(),
            weekly_minutes: rules.weekly_minutes,
            max_days_per_week: 6,
            max_consecutive_days: rules.max_consecutive_days,
            min_consecutive_days: 1,
            min_consecutive_days_off: rules.min_consecutive_days_off,
            max_weekends: rules.max_weekends,
            min_total_minutes: 0,
            max_total_minutes: None,
            max_shifts: Vec::new(),
        };
        TinyInstance {
            inst: Instance {
                name: "tiny".into(),
                horizon: Horizon {
                    start: start.parse().expect("date"),
                    days,
                    holidays: BTreeSet::new(),
                },
                rules,
                weights: Weights::default(),
                shifts: Vec::new(),
                secretariats: Vec::new(),
                pools: Vec::new(),
                contracts: vec![default_contract],
                agents: Vec::new(),
                needs: Vec::new(),
                closures: BTreeSet::new(),
                availability: Vec::new(),
                leaves: Vec::new(),
            },
        }
    }

    /// Adds a shift kind `id` from `start` to `end` (`HH:MM`; an end before
    /// the start ends the next day) with an unpaid break.
    pub fn shift(mut self, id: &str, start: &str, end: &str, break_minutes: i64) -> Self {
        let (s, mut e) = (hm(start), hm(end));
        if e <= s {
            e += 1440;
        }
        self.inst.shifts.push(Shift {
            id: id.into(),
            start: s,
            end: e,
            break_minutes,
            label: id.into(),
            cannot_follow: Vec::new(),
        });
        for c in &mut self.inst.contracts {
            c.max_shifts.push(None);
        }
        self
    }

    /// Shift `next` may not be worked the day after shift `first`.
    pub fn cannot_follow(mut self, first: &str, next: &str) -> Self {
        let (f, n) = (self.shift_idx(first), self.shift_idx(next));
        self.inst.shifts[f].cannot_follow.push(n);
        self
    }

    /// Adds a secretariat open Mon–Fri 07:00–20:00 in pôle `pole`.
    pub fn secretariat(mut self, id: &str, pole: &str) -> Self {
        self.inst.secretariats.push(Secretariat {
            id: id.into(),
            name: id.into(),
            pole: pole.into(),
            days: vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
            opens: 7 * 60,
            closes: 20 * 60,
        });
        self
    }

    /// Sets the open weekdays and hours of secretariat `id`.
    pub fn opening(mut self, id: &str, days: &[Weekday], opens: &str, closes: &str) -> Self {
        let s = self.sec_idx(id);
        let sec = &mut self.inst.secretariats[s];
        sec.days = days.to_vec();
        sec.opens = hm(opens);
        sec.closes = hm(closes);
        self
    }

    /// Adds a full-time agent on the default contract at `home`, covering `covers`.
    pub fn agent(mut self, id: &str, home: &str, covers: &[&str]) -> Self {
        let home = self.sec_idx(home);
        let mut cov: Vec<usize> = covers
            .iter()
            .map(|c| self.sec_idx(c))
            .filter(|&c| c != home)
            .collect();
        cov.sort_unstable();
        cov.dedup();
        self.inst.agents.push(Agent {
            id: id.into(),
            name: id.into(),
            contract: 0,
            rate: 100.0,
            home,
            covers: cov,
            skills: Vec::new(),
            fixed_days_off: Vec::new(),
            overtime_month_minutes_done: 0,
            ca_days_left: None,
            rtt_days_left: None,
        });
        self
    }

    /// Changes the last agent added (rate, contract fields ...).
    pub fn with_agent(mut self, f: impl FnOnce(&mut Agent)) -> Self {
        f(self.inst.agents.last_mut().expect("an agent was added"));
        self
    }

    /// Adds a contract copied from the default one, changed by `f`, and
    /// assigns it to the last agent added.
    pub fn contract(mut self, id: &str, f: impl FnOnce(&mut Contract)) -> Self {
        let mut c = self.inst.contracts[0].clone();
        c.id = id.into();
        f(&mut c);
        self.inst.contracts.push(c);
        let idx = self.inst.contracts.len() - 1;
        self.inst
            .agents
            .last_mut()
            .expect("an agent was added")
            .contract = idx;
        self
    }

    /// Adds a need on `day` at `sec` for [start, end) with min/target/max.
    #[allow(clippy::too_many_arguments)] // mirrors the columns of needs.csv
    pub fn need(
        mut self,
        sec: &str,
        day: usize,
        start: &str,
        end: &str,
        min: u32,
        target: u32,
        max: Option<u32>,
    ) -> Self {
        let secretariat = self.sec_idx(sec);
        let line = self.inst.needs.len() + 2;
        self.inst.needs.push(Need {
            secretariat,
            day,
            window: NeedWindow::Minutes {
                start: hm(start),
                end: hm(end),
            },
            min,
            target,
            max,
            label: String::new(),
            weight_under: None,
            weight_over: None,
            dated: false,
            line,
        });
        self
    }

    /// Adds a need counting only agents on shift `shift`.
    pub fn shift_need(
        mut self,
        sec: &str,
        day: usize,
        shift: &str,
        min: u32,
        target: u32,
        max: Option<u32>,
    ) -> Self {
        let secretariat = self.sec_idx(sec);
        let window = NeedWindow::Shift(self.shift_idx(shift));
        let line = self.inst.needs.len() + 2;
        self.inst.needs.push(Need {
            secretariat,
            day,
            window,
            min,
            target,
            max,
            label: String::new(),
            weight_under: None,
            weight_over: None,
            dated: false,
            line,
        });
        self
    }

    /// Adds an availability occurrence for `agent` on `day`.
    pub fn availability(
        mut self,
        agent: &str,
        day: usize,
        kind: AvailabilityKind,
        scope: AvailabilityScope,
        weight: f64,
    ) -> Self {
        let agent = self.agent_idx(agent);
        let line = self.inst.availability.len() + 2;
        self.inst.availability.push(Availability {
            agent,
            day,
            kind,
            scope,
            weight,
            recurring: false,
            line,
        });
        self
    }

    /// Adds a leave row for `agent` over day indices `first..=last`.
    pub fn leave(
        mut self,
        agent: &str,
        leave_type: &str,
        first: usize,
        last: usize,
        status: LeaveStatus,
        part: LeavePart,
    ) -> Self {
        let agent_idx = self.agent_idx(agent);
        let h = &self.inst.horizon;
        let (first_day, last_day): (NaiveDate, NaiveDate) = (h.date(first), h.date(last));
        let line = self.inst.leaves.len() + 2;
        self.inst.leaves.push(Leave {
            id: format!("L{line}"),
            agent: agent_idx,
            leave_type: leave_type.into(),
            first_day,
            last_day,
            status,
            part,
            requested_on: None,
            priority: 1.0,
            line,
        });
        self
    }

    /// Sets `requested_on` (`YYYY-MM-DD`) of the last leave row added.
    pub fn requested_on(mut self, date: &str) -> Self {
        let leave = self.inst.leaves.last_mut().expect("a leave row was added");
        leave.requested_on = Some(date.parse().expect("date"));
        self
    }

    /// Marks day index `day` a public holiday.
    pub fn holiday(mut self, day: usize) -> Self {
        self.inst.horizon.holidays.insert(day);
        self
    }

    /// Closes secretariat `sec` on day `day`.
    pub fn closure(mut self, sec: &str, day: usize) -> Self {
        let s = self.sec_idx(sec);
        self.inst.closures.insert((s, day));
        self
    }

    /// Changes `[rules]` (the default contract follows the rules it mirrors).
    pub fn rules(mut self, f: impl FnOnce(&mut Rules)) -> Self {
        f(&mut self.inst.rules);
        let r = &self.inst.rules;
        let c = &mut self.inst.contracts[0];
        c.weekly_minutes = r.weekly_minutes;
        c.max_consecutive_days = r.max_consecutive_days;
        c.min_consecutive_days_off = r.min_consecutive_days_off;
        c.max_weekends = r.max_weekends;
        self
    }

    /// Changes `[weights]`.
    pub fn weights(mut self, f: impl FnOnce(&mut Weights)) -> Self {
        f(&mut self.inst.weights);
        self
    }

    /// The instance.
    pub fn build(self) -> Instance {
        self.inst
    }

    fn sec_idx(&self, id: &str) -> usize {
        self.inst
            .secretariat_index(id)
            .unwrap_or_else(|| panic!("testkit: unknown secretariat {id}"))
    }
    fn shift_idx(&self, id: &str) -> usize {
        self.inst
            .shift_index(id)
            .unwrap_or_else(|| panic!("testkit: unknown shift {id}"))
    }
    fn agent_idx(&self, id: &str) -> usize {
        self.inst
            .agent_index(id)
            .unwrap_or_else(|| panic!("testkit: unknown agent {id}"))
    }
}
