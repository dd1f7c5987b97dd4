//! Draws a synthetic CHU (pôles, secretariats, pools, agents, leave,
//! availability, closures, needs) from a seed, then sizes the coverage needs
//! so that each secretariat's minimum need is 85–92 % of the agent-hours
//! that can reach it. Produces plain structs; `serialize` turns them into
//! the SPEC §2 files. Knows nothing of the loader or the solver.

use super::catalog::{FIRST_NAMES, POLES, SURNAMES};
use super::holidays::holidays_between;
use super::rng::Rng;
use super::GenerateOptions;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::collections::BTreeSet;

/// Lower and upper bounds of need hours ÷ reachable agent-hours, per secretariat.
pub(crate) const TIGHTNESS: (f64, f64) = (0.85, 0.92);

/// Weekdays Monday to Friday.
pub(crate) const WEEKDAYS: [Weekday; 5] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
];

/// A secretariat of the generated CHU.
#[derive(Debug, Clone)]
pub(crate) struct Sec {
    pub id: String,
    pub name: String,
    pub pole: String,
    /// Index of its pôle in [`Chu::pools`].
    pub pole_idx: usize,
    pub reception: bool,
}

/// A pool: one per pôle, grouping all its secretariats.
#[derive(Debug, Clone)]
pub(crate) struct PoolG {
    pub id: String,
    pub members: Vec<usize>,
}

/// An agent of the generated CHU.
#[derive(Debug, Clone)]
pub(crate) struct AgentG {
    pub id: String,
    pub name: String,
    pub contract: &'static str,
    pub weekly_hours: f64,
    pub rate: u32,
    pub home: usize,
    /// Covered secretariats (indices) and pools (indices), besides home.
    pub covers_secs: Vec<usize>,
    pub covers_pools: Vec<usize>,
    pub skills: String,
    /// Whole weekdays off (part-time).
    pub days_off: Vec<Weekday>,
    /// A weekday whose afternoon is off (90 %).
    pub pm_off: Option<Weekday>,
    pub overtime_done: f64,
    pub ca_left: f64,
    pub rtt_left: f64,
}

/// A leave row.
#[derive(Debug, Clone)]
pub(crate) struct LeaveG {
    pub agent: usize,
    pub kind: &'static str,
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub approved: bool,
    pub part: &'static str,
    pub requested_on: Option<NaiveDate>,
    pub priority: Option<u32>,
}

/// An availability row.
#[derive(Debug, Clone)]
pub(crate) struct AvailG {
    pub agent: usize,
    /// A weekday (`WED`) or a date.
    pub day: String,
    pub kind: &'static str,
    pub shift: &'static str,
    pub weight: Option<f64>,
    pub window: Option<(&'static str, &'static str)>,
}

/// A need row.
#[derive(Debug, Clone)]
pub(crate) struct NeedG {
    pub sec: usize,
    /// A weekday (`MON`) or a date.
    pub day: String,
    pub start: &'static str,
    pub end: &'static str,
    pub min: u32,
    pub target: u32,
    pub max: Option<u32>,
    pub label: String,
    pub weight_under: Option<f64>,
}

/// A closure row.
#[derive(Debug, Clone)]
pub(crate) struct ClosureG {
    pub sec: usize,
    pub date: NaiveDate,
    pub label: String,
}

/// Everything generated, ready to be written.
#[derive(Debug, Clone)]
pub(crate) struct Chu {
    pub name: String,
    pub start: NaiveDate,
    pub days: usize,
    pub holidays: Vec<NaiveDate>,
    pub secs: Vec<Sec>,
    pub pools: Vec<PoolG>,
    pub agents: Vec<AgentG>,
    pub needs: Vec<NeedG>,
    pub closures: Vec<ClosureG>,
    pub availability: Vec<AvailG>,
    pub leaves: Vec<LeaveG>,
}

/// A recurring half-day need under construction.
#[derive(Debug, Clone)]
struct Slot {
    weekday: Weekday,
    am: bool,
    min: u32,
    extra_target: u32,
    label: String,
    weight_under: Option<f64>,
}

/// `MON`..`SUN`.
pub(crate) fn weekday_code(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "MON",
        Weekday::Tue => "TUE",
        Weekday::Wed => "WED",
        Weekday::Thu => "THU",
        Weekday::Fri => "FRI",
        Weekday::Sat => "SAT",
        Weekday::Sun => "SUN",
    }
}

fn person(rng: &mut Rng) -> String {
    format!(
        "{} {}",
        rng.pick(FIRST_NAMES),
        rng.pick(SURNAMES).to_uppercase()
    )
}

fn doctor(rng: &mut Rng) -> String {
    let title = if rng.chance(40) { "Pr" } else { "Dr" };
    format!("{} {}", title, rng.pick(SURNAMES))
}

impl AgentG {
    fn usual_days(&self) -> usize {
        5 - self.days_off.len()
    }

    fn daily_due(&self) -> f64 {
        self.weekly_hours * self.rate as f64 / 100.0 / self.usual_days() as f64
    }

    fn works_on(&self, date: NaiveDate) -> bool {
        let w = date.weekday();
        WEEKDAYS.contains(&w) && !self.days_off.contains(&w)
    }
}

/// Splits `total` into `parts` near-equal counts, the larger first.
fn split_even(total: usize, parts: usize) -> Vec<usize> {
    (0..parts)
        .map(|i| total / parts + usize::from(i < total % parts))
        .collect()
}

/// Generates the CHU of `opts`.
pub(crate) fn build(opts: &GenerateOptions) -> Chu {
    let mut rng = Rng::new(opts.seed);
    let n_agents = opts.agents.max(1);
    let days = opts.weeks.max(1) * 7;
    let start = opts.start;
    let dates: Vec<NaiveDate> = (0..days)
        .map(|d| start + Duration::days(d as i64))
        .collect();
    let holidays = holidays_between(start, days);
    let working_dates: Vec<NaiveDate> = dates
        .iter()
        .copied()
        .filter(|d| WEEKDAYS.contains(&d.weekday()) && !holidays.contains(d))
        .collect();

    let n_poles = ((n_agents as f64 / 40.0).round() as usize).max(1);
    let per_pole = split_even(n_agents, n_poles);

    let mut chu = Chu {
        name: String::new(),
        start,
        days,
        holidays: holidays.clone(),
        secs: Vec::new(),
        pools: Vec::new(),
        agents: Vec::new(),
        needs: Vec::new(),
        closures: Vec::new(),
        availability: Vec::new(),
        leaves: Vec::new(),
    };
    chu.name = if n_poles == 1 {
        format!(
            "CHU synthétique - {} - {} agents, {} semaines (graine {})",
            POLES[0].name,
            n_agents,
            days / 7,
            opts.seed
        )
    } else {
        format!(
            "CHU synthétique - {} pôles, {} agents, {} semaines (graine {})",
            n_poles,
            n_agents,
            days / 7,
            opts.seed
        )
    };

    // Pôles, secretariats, pools and agents.
    for (p, &n_p) in per_pole.iter().enumerate() {
        let tpl = &POLES[p % POLES.len()];
        let round = p / POLES.len();
        let suffix = if round == 0 {
            String::new()
        } else {
            format!("-{}", round + 1)
        };
        let pole_name = if round == 0 {
            tpl.name.to_string()
        } else {
            format!("{} {}", tpl.name, round + 1)
        };
        let n_consult = rng
            .range((n_p / 13).clamp(2, 5), 5)
            .min(tpl.specialties.len())
            .min((n_p / 5).max(2));
        let first_sec = chu.secs.len();
        for (id, name) in tpl.specialties.iter().take(n_consult) {
            chu.secs.push(Sec {
                id: format!("{id}{suffix}"),
                name: name.to_string(),
                pole: pole_name.clone(),
                pole_idx: p,
                reception: false,
            });
        }
        let reception = chu.secs.len();
        chu.secs.push(Sec {
            id: format!("ACC-{}{suffix}", tpl.code),
            name: tpl.reception.to_string(),
            pole: pole_name.clone(),
            pole_idx: p,
            reception: true,
        });
        chu.pools.push(PoolG {
            id: format!("POOL-{}{suffix}", tpl.code),
            members: (first_sec..=reception).collect(),
        });
        let consults: Vec<usize> = (first_sec..reception).collect();

        let n_pool = if n_p >= 8 {
            (n_p / 10).max(1)
        } else {
            usize::from(n_p >= 4)
        };
        let n_reg = n_p - n_pool;
        let n_recep = if n_reg >= 6 {
            ((n_reg as f64 * 0.2).round() as usize).max(2)
        } else {
            usize::from(n_reg >= 2)
        };
        // Consultation homes: deal agents to the secretariat with the lowest count ÷ weight.
        let weights: Vec<usize> = consults.iter().map(|_| rng.range(2, 4)).collect();
        let mut counts = vec![0usize; consults.len()];
        let mut homes: Vec<usize> = Vec::new();
        for _ in 0..(n_reg - n_recep) {
            let k = (0..consults.len())
                .min_by(|&a, &b| {
                    (counts[a] * weights[b])
                        .cmp(&(counts[b] * weights[a]))
                        .then(a.cmp(&b))
                })
                .expect("a pôle has at least two consultation secretariats");
            counts[k] += 1;
            homes.push(consults[k]);
        }
        homes.extend(std::iter::repeat_n(reception, n_recep));
        let pool_idx = chu.pools.len() - 1;
        let plan: Vec<(usize, bool)> = homes
            .iter()
            .map(|&h| (h, false))
            .chain(std::iter::repeat_n((reception, true), n_pool))
            .collect();
        for (home, is_pool) in plan {
            let mut agent = AgentG {
                id: format!("A{:03}", chu.agents.len() + 1),
                name: person(&mut rng),
                contract: "C375",
                weekly_hours: 37.5,
                rate: 100,
                home,
                covers_secs: Vec::new(),
                covers_pools: Vec::new(),
                skills: String::new(),
                days_off: Vec::new(),
                pm_off: None,
                overtime_done: 0.0,
                ca_left: rng.range(10, 50) as f64 / 2.0,
                rtt_left: rng.range(4, 24) as f64 / 2.0,
            };
            if rng.chance(12) {
                agent.contract = "C35";
                agent.weekly_hours = 35.0;
            }
            if is_pool {
                agent.covers_pools.push(pool_idx);
                agent.skills = "frappe|rdv|accueil".into();
            } else {
                let u = rng.below(100);
                if u < 12 {
                    agent.rate = 80;
                    agent.days_off = vec![*rng.pick(&[
                        Weekday::Wed,
                        Weekday::Wed,
                        Weekday::Mon,
                        Weekday::Fri,
                        Weekday::Thu,
                    ])];
                } else if u < 18 {
                    agent.rate = 50;
                    let pair = *rng.pick(&[
                        [Weekday::Wed, Weekday::Fri],
                        [Weekday::Mon, Weekday::Wed],
                        [Weekday::Tue, Weekday::Thu],
                    ]);
                    agent.days_off = pair.to_vec();
                } else if u < 25 {
                    agent.rate = 90;
                    agent.pm_off = Some(*rng.pick(&[Weekday::Wed, Weekday::Fri]));
                }
                if home == reception {
                    agent.skills = "accueil|admissions".into();
                    if rng.chance(50) {
                        agent.covers_secs.push(*rng.pick(&consults));
                    }
                } else {
                    agent.skills = "frappe|rdv".into();
                    if rng.chance(50) {
                        agent.covers_secs.push(reception);
                    }
                    if rng.chance(30) {
                        let other = *rng.pick(&consults);
                        if other != home {
                            agent.covers_secs.push(other);
                        }
                    }
                    agent.covers_secs.sort_unstable();
                }
                if rng.chance(20) {
                    agent.skills.push_str("|facturation");
                }
            }
            if rng.chance(10) {
                agent.overtime_done = *rng.pick(&[2.0, 3.5, 6.0]);
            }
            chu.agents.push(agent);
        }
    }

    // Part-time availability rows.
    for (a, agent) in chu.agents.iter().enumerate() {
        for &w in &agent.days_off {
            chu.availability.push(AvailG {
                agent: a,
                day: weekday_code(w).into(),
                kind: "off",
                shift: "",
                weight: None,
                window: None,
            });
        }
        if let Some(w) = agent.pm_off {
            chu.availability.push(AvailG {
                agent: a,
                day: weekday_code(w).into(),
                kind: "off",
                shift: "",
                weight: None,
                window: Some(("13:00", "18:30")),
            });
        }
    }

    make_leave(&mut chu, &mut rng, &working_dates);
    make_preferences(&mut chu, &mut rng, &working_dates);
    make_closures(&mut chu, &mut rng, &working_dates);
    make_needs(&mut chu, &mut rng, &dates);
    chu
}

/// The Monday of `d`'s week.
fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(d.weekday().num_days_from_monday() as i64)
}

/// Percentage of agents drawn for an approved summer CA block.
const SUMMER_SHARE: usize = 80;

/// Mondays of the whole Monday–Friday weeks of the horizon that start in
/// July or August (the weeks of the summer leave campaign).
pub(crate) fn summer_mondays(chu: &Chu) -> Vec<NaiveDate> {
    let last = chu.start + Duration::days(chu.days as i64 - 1);
    (0..chu.days)
        .map(|d| chu.start + Duration::days(d as i64))
        .filter(|d| {
            d.weekday() == Weekday::Mon
                && matches!(d.month(), 7 | 8)
                && *d + Duration::days(4) <= last
        })
        .collect()
}

/// Most agents a secretariat of `team` home agents lets go on summer CA in
/// one week: a third (one at a time below six agents).
fn summer_cap(team: usize) -> usize {
    (team / 3).max(1)
}

/// Home agents of secretariat `sec` on approved CA on a weekday of the week
/// of `monday`.
fn ca_away(chu: &Chu, sec: usize, monday: NaiveDate) -> usize {
    let friday = monday + Duration::days(4);
    chu.leaves
        .iter()
        .filter(|l| {
            l.kind == "CA"
                && l.approved
                && l.first <= friday
                && l.last >= monday
                && chu.agents[l.agent].home == sec
        })
        .map(|l| l.agent)
        .collect::<BTreeSet<usize>>()
        .len()
}

/// Adds leave row `l` unless it overlaps the agent's other leave (`busy`)
/// or has none of her working days; says whether it was added.
fn try_add(
    chu: &mut Chu,
    busy: &mut [BTreeSet<NaiveDate>],
    working: &[NaiveDate],
    l: LeaveG,
) -> bool {
    let a = l.agent;
    let span: Vec<NaiveDate> = l.first.iter_days().take_while(|d| *d <= l.last).collect();
    let agent = &chu.agents[a];
    if !span
        .iter()
        .any(|d| agent.works_on(*d) && working.contains(d))
        || span.iter().any(|d| busy[a].contains(d))
    {
        return false;
    }
    busy[a].extend(span);
    chu.leaves.push(l);
    true
}

/// The summer campaign, approved side: about [`SUMMER_SHARE`] % of the
/// agents get a CA block of 1–3 whole consecutive weeks among `summer`,
/// staggered per secretariat (home agents) so that at most
/// [`summer_cap`] of them are away in a week, the least loaded weeks first.
fn summer_blocks(
    chu: &mut Chu,
    rng: &mut Rng,
    busy: &mut [BTreeSet<NaiveDate>],
    working: &[NaiveDate],
    summer: &[NaiveDate],
) {
    for sec in 0..chu.secs.len() {
        let team: Vec<usize> = (0..chu.agents.len())
            .filter(|&a| chu.agents[a].home == sec)
            .collect();
        let cap = summer_cap(team.len());
        let mut load = vec![0usize; summer.len()];
        for &a in &team {
            if !rng.chance(SUMMER_SHARE) {
                continue;
            }
            let wanted = rng.range(1, 3).min(summer.len());
            for len in (1..=wanted).rev() {
                // Starts whose weeks all stay below the cap, by peak then total load.
                let starts: Vec<(usize, (usize, usize))> = (0..=summer.len() - len)
                    .map(|s| {
                        let weeks = &load[s..s + len];
                        let peak = weeks.iter().copied().max().unwrap_or(0);
                        (s, (peak, weeks.iter().sum()))
                    })
                    .filter(|&(_, (peak, _))| peak < cap)
                    .collect();
                let Some(least) = starts.iter().map(|&(_, k)| k).min() else {
                    continue;
                };
                let best: Vec<usize> = starts
                    .iter()
                    .filter(|&&(_, k)| k == least)
                    .map(|&(s, _)| s)
                    .collect();
                let s = *rng.pick(&best);
                let l = LeaveG {
                    agent: a,
                    kind: "CA",
                    first: summer[s],
                    last: summer[s + len - 1] + Duration::days(4),
                    approved: true,
                    part: "day",
                    requested_on: None,
                    priority: None,
                };
                if try_add(chu, busy, working, l) {
                    for w in &mut load[s..s + len] {
                        *w += 1;
                    }
                }
                break;
            }
        }
    }
}

/// The summer campaign, pending side: in each pôle, twice, two to four
/// agents of one secretariat ask for the same whole summer week (one where
/// at least two of them are still free), requested in winter or spring,
/// some with priority 2.
fn summer_requests(
    chu: &mut Chu,
    rng: &mut Rng,
    busy: &mut [BTreeSet<NaiveDate>],
    working: &[NaiveDate],
    summer: &[NaiveDate],
) {
    for p in 0..chu.pools.len() {
        let teams: Vec<Vec<usize>> = chu.pools[p]
            .members
            .iter()
            .map(|&s| {
                (0..chu.agents.len())
                    .filter(|&a| chu.agents[a].home == s)
                    .collect::<Vec<usize>>()
            })
            .filter(|t| t.len() >= 3)
            .collect();
        if teams.is_empty() {
            continue;
        }
        for _ in 0..2 {
            let team = rng.pick(&teams);
            let free = |busy: &[BTreeSet<NaiveDate>], m: NaiveDate| -> Vec<usize> {
                team.iter()
                    .copied()
                    .filter(|&a| (0..5).all(|k| !busy[a].contains(&(m + Duration::days(k)))))
                    .collect()
            };
            let weeks: Vec<NaiveDate> = summer
                .iter()
                .copied()
                .filter(|&m| free(busy, m).len() >= 2)
                .collect();
            if weeks.is_empty() {
                continue;
            }
            let monday = *rng.pick(&weeks);
            let askers = free(busy, monday);
            let n_req = rng.range(2, 4).min(askers.len());
            let offset = rng.below(askers.len());
            let mut asked = 0;
            for k in 0..askers.len() {
                if asked == n_req {
                    break;
                }
                let a = askers[(offset + k) % askers.len()];
                let requested_on = chu.start - Duration::days(rng.range(60, 150) as i64);
                let priority = if rng.chance(30) { 2 } else { 1 };
                let l = LeaveG {
                    agent: a,
                    kind: "CA",
                    first: monday,
                    last: monday + Duration::days(4),
                    approved: false,
                    part: "day",
                    requested_on: Some(requested_on),
                    priority: Some(priority),
                };
                if try_add(chu, busy, working, l) {
                    asked += 1;
                }
            }
        }
    }
}

/// Approved CA / RTT / FORMATION / MALADIE, and competing requests; with
/// summer weeks, the summer campaign first (the ordinary CA blocks then
/// fall outside the summer weeks).
fn make_leave(chu: &mut Chu, rng: &mut Rng, working: &[NaiveDate]) {
    if working.is_empty() {
        return;
    }
    let mut busy: Vec<BTreeSet<NaiveDate>> = vec![BTreeSet::new(); chu.agents.len()];
    let summer = summer_mondays(chu);
    if !summer.is_empty() {
        summer_blocks(chu, rng, &mut busy, working, &summer);
    }
    // Mondays of the weeks with working days; Christmas week first when inside.
    let mondays: Vec<NaiveDate> = working
        .iter()
        .map(|&d| monday_of(d))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let christmas: Vec<NaiveDate> = mondays
        .iter()
        .copied()
        .filter(|m| {
            (0..5).any(|k| {
                let d = *m + Duration::days(k);
                (d.month() == 12 && d.day() >= 21) || (d.month() == 1 && d.day() <= 2)
            })
        })
        .collect();

    // Weeks for the ordinary CA blocks: all of them, but the summer ones.
    let ordinary: Vec<NaiveDate> = mondays
        .iter()
        .copied()
        .filter(|m| !summer.contains(m))
        .collect();

    for a in 0..chu.agents.len() {
        // CA block of 3–5 days, in the Christmas week when the horizon has
        // one, never in a summer week (the campaign's).
        if !ordinary.is_empty() && rng.chance(if christmas.is_empty() { 25 } else { 35 }) {
            let monday = if !christmas.is_empty() && rng.chance(85) {
                *rng.pick(&christmas)
            } else {
                *rng.pick(&ordinary)
            };
            let len = rng.range(3, 5) as i64;
            let first = monday + Duration::days(rng.range(0, (5 - len) as usize) as i64);
            let l = LeaveG {
                agent: a,
                kind: "CA",
                first,
                last: first + Duration::days(len - 1),
                approved: true,
                part: "day",
                requested_on: None,
                priority: None,
            };
            // In a summer horizon the manager staggers every CA alike.
            let staggered = summer.is_empty() || {
                let home = chu.agents[a].home;
                let team = chu.agents.iter().filter(|g| g.home == home).count();
                ca_away(chu, home, monday) < summer_cap(team)
            };
            if staggered {
                try_add(chu, &mut busy, working, l);
            }
        }
        if rng.chance(20) {
            let d = *rng.pick(working);
            let part = if rng.chance(25) {
                *rng.pick(&["am", "pm"])
            } else {
                "day"
            };
            let l = LeaveG {
                agent: a,
                kind: "RTT",
                first: d,
                last: d,
                approved: true,
                part,
                requested_on: None,
                priority: None,
            };
            try_add(chu, &mut busy, working, l);
        }
        if rng.chance(6) {
            let d = *rng.pick(working);
            let last = if d.weekday() != Weekday::Fri && rng.chance(50) {
                d + Duration::days(1)
            } else {
                d
            };
            let l = LeaveG {
                agent: a,
                kind: "FORMATION",
                first: d,
                last,
                approved: true,
                part: "day",
                requested_on: None,
                priority: None,
            };
            try_add(chu, &mut busy, working, l);
        }
    }
    // One sick leave per pôle (of at least five agents), and competing requests.
    let n_poles = chu.pools.len();
    for p in 0..n_poles {
        let members: Vec<usize> = (0..chu.agents.len())
            .filter(|&a| chu.secs[chu.agents[a].home].pole_idx == p)
            .collect();
        if members.len() >= 5 {
            let a = *rng.pick(&members);
            let first = *rng.pick(working);
            let l = LeaveG {
                agent: a,
                kind: "MALADIE",
                first,
                last: first + Duration::days(rng.range(2, 6) as i64),
                approved: true,
                part: "day",
                requested_on: None,
                priority: None,
            };
            try_add(chu, &mut busy, working, l);
        }
        // Two or three agents of one secretariat ask for the same week.
        let mut by_home: Vec<(usize, Vec<usize>)> = Vec::new();
        for &a in &members {
            let h = chu.agents[a].home;
            match by_home.iter_mut().find(|(s, _)| *s == h) {
                Some((_, v)) => v.push(a),
                None => by_home.push((h, vec![a])),
            }
        }
        by_home.retain(|(_, v)| v.len() >= 2);
        if by_home.is_empty() {
            continue;
        }
        let (_, candidates) = by_home[rng.below(by_home.len())].clone();
        let monday = *rng.pick(&mondays);
        let n_req = candidates.len().min(rng.range(2, 3));
        let mut asked = 0;
        for &a in &candidates {
            if asked == n_req {
                break;
            }
            let len = rng.range(2, 5) as i64;
            let first = monday + Duration::days(rng.range(0, (5 - len) as usize) as i64);
            let requested_on = chu.start - Duration::days(rng.range(20, 70) as i64);
            let priority = if rng.chance(30) { 2 } else { 1 };
            let l = LeaveG {
                agent: a,
                kind: "CA",
                first,
                last: first + Duration::days(len - 1),
                approved: false,
                part: "day",
                requested_on: Some(requested_on),
                priority: Some(priority),
            };
            if try_add(chu, &mut busy, working, l) {
                asked += 1;
            }
        }
        // A lone RTT request.
        let a = *rng.pick(&members);
        let d = *rng.pick(working);
        let l = LeaveG {
            agent: a,
            kind: "RTT",
            first: d,
            last: d,
            approved: false,
            part: "day",
            requested_on: Some(chu.start - Duration::days(rng.range(7, 30) as i64)),
            priority: Some(1),
        };
        try_add(chu, &mut busy, working, l);
    }
    if !summer.is_empty() {
        summer_requests(chu, rng, &mut busy, working, &summer);
    }
}

/// A few `prefer_off` / `prefer_on` rows.
fn make_preferences(chu: &mut Chu, rng: &mut Rng, working: &[NaiveDate]) {
    if working.is_empty() {
        return;
    }
    for a in 0..chu.agents.len() {
        let u = rng.below(100);
        if u < 6 {
            let d = *rng.pick(working);
            chu.availability.push(AvailG {
                agent: a,
                day: d.format("%Y-%m-%d").to_string(),
                kind: "prefer_off",
                shift: "",
                weight: Some(2.0),
                window: None,
            });
        } else if u < 10 {
            let w = *rng.pick(&WEEKDAYS);
            if !chu.agents[a].days_off.contains(&w) {
                chu.availability.push(AvailG {
                    agent: a,
                    day: weekday_code(w).into(),
                    kind: "prefer_off",
                    shift: "L",
                    weight: Some(1.0),
                    window: None,
                });
            }
        } else if u < 13 {
            let d = *rng.pick(working);
            if chu.agents[a].works_on(d) {
                chu.availability.push(AvailG {
                    agent: a,
                    day: d.format("%Y-%m-%d").to_string(),
                    kind: "prefer_on",
                    shift: "",
                    weight: Some(1.5),
                    window: None,
                });
            }
        }
    }
}

/// About one consultation closure per pôle and fortnight ("Pr X en congrès").
fn make_closures(chu: &mut Chu, rng: &mut Rng, working: &[NaiveDate]) {
    if working.is_empty() {
        return;
    }
    let n = (chu.days / 14).max(1);
    for p in 0..chu.pools.len() {
        let consults: Vec<usize> = chu.pools[p]
            .members
            .iter()
            .copied()
            .filter(|&s| !chu.secs[s].reception)
            .collect();
        for _ in 0..n {
            let sec = *rng.pick(&consults);
            let date = *rng.pick(working);
            if chu.closures.iter().any(|c| c.sec == sec && c.date == date) {
                continue;
            }
            let label = format!("{} en congrès", doctor(rng));
            chu.closures.push(ClosureG { sec, date, label });
        }
    }
    chu.closures.sort_by_key(|a| (a.date, a.sec));
}

/// Available agent-hours of agent `a` over the horizon: usual working days
/// that are not holidays, minus approved leave.
fn available_hours(chu: &Chu, a: usize, dates: &[NaiveDate]) -> f64 {
    let agent = &chu.agents[a];
    let daily = agent.daily_due();
    dates
        .iter()
        .filter(|d| agent.works_on(**d) && !chu.holidays.contains(d))
        .map(|d| {
            let away: f64 = chu
                .leaves
                .iter()
                .filter(|l| l.agent == a && l.approved && l.first <= *d && *d <= l.last)
                .map(|l| if l.part == "day" { 1.0 } else { 0.5 })
                .sum();
            daily * (1.0 - away.min(1.0))
        })
        .sum()
}

/// Dates of the horizon with weekday `w` on which `sec` is open.
fn occurrences(chu: &Chu, sec: usize, w: Weekday, dates: &[NaiveDate]) -> usize {
    dates
        .iter()
        .filter(|d| {
            d.weekday() == w
                && !chu.holidays.contains(d)
                && !chu.closures.iter().any(|c| c.sec == sec && c.date == **d)
        })
        .count()
}

/// Needs: a continuous reception need, half-day consultations, one dated
/// replacement consultation per pôle; then sized to [`TIGHTNESS`].
#[allow(clippy::needless_range_loop)] // `sec` indexes secretariats, capacities and occurrences alike
fn make_needs(chu: &mut Chu, rng: &mut Rng, dates: &[NaiveDate]) {
    // Reachable capacity of each secretariat: every agent's hours split evenly
    // over the secretariats she may work in.
    let mut cap = vec![0.0f64; chu.secs.len()];
    for a in 0..chu.agents.len() {
        let agent = &chu.agents[a];
        let mut secs: BTreeSet<usize> = BTreeSet::new();
        secs.insert(agent.home);
        secs.extend(agent.covers_secs.iter().copied());
        for &p in &agent.covers_pools {
            secs.extend(chu.pools[p].members.iter().copied());
        }
        let h = available_hours(chu, a, dates);
        for &s in &secs {
            cap[s] += h / secs.len() as f64;
        }
    }
    let (lo, hi) = TIGHTNESS;
    let mut needs: Vec<NeedG> = Vec::new();
    for sec in 0..chu.secs.len() {
        let occ: Vec<usize> = WEEKDAYS
            .iter()
            .map(|&w| occurrences(chu, sec, w, dates))
            .collect();
        let reception = chu.secs[sec].reception;
        let base_hours: f64 = occ.iter().map(|&n| 10.0 * n as f64).sum();
        let has_base = reception && base_hours <= hi * cap[sec];
        // Half-day consultations (reception: reinforcements); several rows
        // of one half-day add up (parallel consultations).
        let mut slots: Vec<Slot> = Vec::new();
        // The doctors consulting here; each consults at most once per half-day.
        let mut roster: Vec<String> = Vec::new();
        let new_slot = |rng: &mut Rng,
                        roster: &mut Vec<String>,
                        slots: &[Slot],
                        weekday: Weekday,
                        am: bool,
                        min: u32|
         -> Slot {
            let label = if reception {
                if am {
                    "Renfort accueil du matin".to_string()
                } else {
                    "Renfort accueil de l'après-midi".to_string()
                }
            } else {
                let busy = |name: &String| {
                    slots.iter().any(|s| {
                        s.weekday == weekday && s.am == am && s.label.ends_with(name.as_str())
                    })
                };
                let free: Vec<String> = roster.iter().filter(|n| !busy(n)).cloned().collect();
                let name = if free.is_empty() || rng.chance(15) {
                    let mut fresh = doctor(rng);
                    while roster
                        .iter()
                        .any(|n| n.split(' ').nth(1) == fresh.split(' ').nth(1))
                    {
                        fresh = doctor(rng);
                    }
                    roster.push(fresh.clone());
                    fresh
                } else {
                    rng.pick(&free).clone()
                };
                format!("Consultation {name}")
            };
            Slot {
                weekday,
                am,
                min,
                extra_target: u32::from(rng.chance(30)),
                label,
                weight_under: None,
            }
        };
        if !reception {
            for &w in &WEEKDAYS {
                for am in [true, false] {
                    let u = rng.below(100);
                    if u < 75 {
                        let s =
                            new_slot(rng, &mut roster, &slots, w, am, if u < 15 { 2 } else { 1 });
                        slots.push(s);
                    }
                }
            }
            if !slots.is_empty() && rng.chance(30) {
                let k = rng.below(slots.len());
                slots[k].label = slots[k]
                    .label
                    .replace("Consultation", "Consultation d'annonce");
                slots[k].weight_under = Some(1500.0);
            }
        }
        let wd_index = |w: Weekday| w.num_days_from_monday() as usize;
        let slot_hours = |w: Weekday| 4.0 * occ[wd_index(w)] as f64;
        let total = |slots: &[Slot]| -> f64 {
            slots
                .iter()
                .map(|s| s.min as f64 * slot_hours(s.weekday))
                .sum::<f64>()
                + if has_base { base_hours } else { 0.0 }
        };
        let mut guard = 0;
        while total(&slots) > hi * cap[sec] && guard < 1000 {
            guard += 1;
            let open: Vec<usize> = (0..slots.len()).filter(|&k| slots[k].min > 0).collect();
            if open.is_empty() {
                break;
            }
            slots[*rng.pick(&open)].min -= 1;
        }
        while total(&slots) < lo * cap[sec] && guard < 2000 {
            guard += 1;
            // The open half-days with the least staffing get the next consultation.
            let load = |w: Weekday, am: bool| -> u32 {
                slots
                    .iter()
                    .filter(|s| s.weekday == w && s.am == am)
                    .map(|s| s.min)
                    .sum()
            };
            let halves: Vec<(Weekday, bool)> = WEEKDAYS
                .iter()
                .flat_map(|&w| [(w, true), (w, false)])
                .filter(|&(w, _)| slot_hours(w) > 0.0)
                .collect();
            let Some(least) = halves.iter().map(|&(w, am)| load(w, am)).min() else {
                break;
            };
            let candidates: Vec<(Weekday, bool)> = halves
                .iter()
                .copied()
                .filter(|&(w, am)| load(w, am) == least)
                .collect();
            let (w, am) = *rng.pick(&candidates);
            let before = slots.clone();
            match slots
                .iter_mut()
                .find(|s| reception && s.weekday == w && s.am == am)
            {
                Some(s) => s.min += 1,
                None => {
                    let s = new_slot(rng, &mut roster, &slots, w, am, 1);
                    slots.push(s);
                }
            }
            if total(&slots) > hi * cap[sec] {
                slots = before;
                break;
            }
        }
        slots.sort_by_key(|s| (wd_index(s.weekday), !s.am));
        if has_base {
            for &w in &WEEKDAYS {
                needs.push(NeedG {
                    sec,
                    day: weekday_code(w).into(),
                    start: "08:00",
                    end: "18:00",
                    min: 1,
                    target: 2,
                    max: Some(3),
                    label: "Accueil physique et téléphonique".into(),
                    weight_under: None,
                });
            }
        }
        for s in slots.iter().filter(|s| s.min > 0) {
            let (start, end) = if s.am {
                ("08:30", "12:30")
            } else {
                ("13:30", "17:30")
            };
            needs.push(NeedG {
                sec,
                day: weekday_code(s.weekday).into(),
                start,
                end,
                min: s.min,
                target: s.min + s.extra_target,
                max: None,
                label: s.label.clone(),
                weight_under: s.weight_under,
            });
        }
    }
    // One dated replacement consultation on the first closure of each pôle.
    let mut seen: BTreeSet<usize> = BTreeSet::new();
    for c in &chu.closures {
        if seen.insert(chu.secs[c.sec].pole_idx) {
            needs.push(NeedG {
                sec: c.sec,
                day: c.date.format("%Y-%m-%d").to_string(),
                start: "08:30",
                end: "12:30",
                min: 1,
                target: 1,
                max: None,
                label: format!("Consultation remplaçant {}", doctor(rng)),
                weight_under: None,
            });
        }
    }
    needs.sort_by_key(|n| n.sec);
    chu.needs = needs;
    relieve_busy_weeks(chu, rng, dates);
}

/// Need hours and available hours of pôle `p` over `dates`.
fn pole_balance(chu: &Chu, p: usize, dates: &[NaiveDate]) -> (f64, f64) {
    let avail: f64 = (0..chu.agents.len())
        .filter(|&a| chu.secs[chu.agents[a].home].pole_idx == p)
        .map(|a| available_hours(chu, a, dates))
        .sum();
    let need: f64 = chu
        .needs
        .iter()
        .filter(|n| chu.secs[n.sec].pole_idx == p)
        .map(|n| n.min as f64 * need_length(n) * occurrence_count(chu, n, dates) as f64)
        .sum();
    (need, avail)
}

/// Hours of a need row's window.
fn need_length(n: &NeedG) -> f64 {
    let hm = |s: &str| -> f64 {
        let (h, m) = s.split_once(':').expect("HH:MM");
        h.parse::<f64>().expect("hours") + m.parse::<f64>().expect("minutes") / 60.0
    };
    hm(n.end) - hm(n.start)
}

/// Occurrences of a need row over `dates` (closures and holidays remove
/// weekday rows; a dated row counts when its date is among `dates`).
fn occurrence_count(chu: &Chu, n: &NeedG, dates: &[NaiveDate]) -> usize {
    match WEEKDAYS.iter().find(|w| weekday_code(**w) == n.day) {
        Some(&w) => occurrences(chu, n.sec, w, dates),
        None => dates
            .iter()
            .filter(|d| d.format("%Y-%m-%d").to_string() == n.day)
            .count(),
    }
}

/// Weeks where leave (Christmas CA, the summer campaign) leaves a pôle
/// short: doctors are on holiday too, so consultations are cancelled (a closure) until the week's
/// need is at most 92 % of its available hours.
fn relieve_busy_weeks(chu: &mut Chu, rng: &mut Rng, dates: &[NaiveDate]) {
    for p in 0..chu.pools.len() {
        let consults: Vec<usize> = chu.pools[p]
            .members
            .iter()
            .copied()
            .filter(|&s| !chu.secs[s].reception)
            .collect();
        for week in dates.chunks(7) {
            let open: Vec<NaiveDate> = week
                .iter()
                .copied()
                .filter(|d| WEEKDAYS.contains(&d.weekday()) && !chu.holidays.contains(d))
                .collect();
            let mut guard = 0;
            while guard < 20 && !open.is_empty() {
                guard += 1;
                let (need, avail) = pole_balance(chu, p, week);
                if need <= 0.92 * avail {
                    break;
                }
                let sec = *rng.pick(&consults);
                let date = *rng.pick(&open);
                if chu.closures.iter().any(|c| c.sec == sec && c.date == date) {
                    continue;
                }
                let label = format!("Pas de consultation : congés {}", doctor(rng));
                chu.closures.push(ClosureG { sec, date, label });
            }
        }
    }
    chu.closures.sort_by_key(|a| (a.date, a.sec));
}

/// [`pole_balance`] as need ÷ available of each pôle (outer) and week of
/// the horizon (inner).
#[cfg(test)]
pub(crate) fn pole_week_tightness(chu: &Chu) -> Vec<Vec<f64>> {
    let dates: Vec<NaiveDate> = (0..chu.days)
        .map(|d| chu.start + Duration::days(d as i64))
        .collect();
    (0..chu.pools.len())
        .map(|p| {
            dates
                .chunks(7)
                .map(|week| {
                    let (need, avail) = pole_balance(chu, p, week);
                    if avail > 0.0 {
                        need / avail
                    } else {
                        f64::INFINITY
                    }
                })
                .collect()
        })
        .collect()
}

/// Need hours ÷ available agent-hours of each pôle over the horizon: min
/// agent-hours of every need occurrence, against the hours the pôle's
/// agents owe on the days they are present.
#[cfg(test)]
pub(crate) fn pole_tightness(chu: &Chu) -> Vec<f64> {
    let dates: Vec<NaiveDate> = (0..chu.days)
        .map(|d| chu.start + Duration::days(d as i64))
        .collect();
    (0..chu.pools.len())
        .map(|p| {
            let (need, avail) = pole_balance(chu, p, &dates);
            if avail > 0.0 {
                need / avail
            } else {
                0.0
            }
        })
        .collect()
}
