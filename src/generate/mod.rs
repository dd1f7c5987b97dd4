//! `rota generate`: realistic synthetic instances of a French CHU, for
//! demos, tests and benchmarks. Given a number of agents, of weeks, a seed
//! and a first Monday, it draws pôles (about one per 40 agents) of 2–5
//! consultation secretariats plus a reception plateau, one pool per pôle
//! with a few pool agents, 37.5 h and 35 h contracts, about a quarter of
//! part-time agents (80 % with a fixed weekday off, 50 % with two, 90 % with
//! a free afternoon), approved leave (CA — in the Christmas weeks when the
//! horizon has them —, RTT, FORMATION, MALADIE), competing leave requests,
//! preferences, closures and the public holidays of the horizon. Needs are
//! half-day windows (consultations 08:30–12:30 and 13:30–17:30, reception
//! 08:00–18:00), sized so that each secretariat's minimum need is 85–92 % of
//! the agent-hours that can reach it, and relieved by cancelled
//! consultations (doctors on holiday) in weeks where leave would make it
//! impossible: each pôle's weekly minimum need stays at most 92 % of its
//! available hours.
//!
//! Summer leave campaign: when the horizon has whole Monday–Friday weeks
//! starting in July or August, about 80 % of the agents get an approved CA
//! block of 1 to 3 consecutive such weeks, staggered per secretariat so
//! that at most a third of its home agents (one at a time below six) are on
//! approved CA in any week — the ordinary 3–5-day CA blocks then avoid the
//! summer weeks and respect the same third —, and in each pôle two groups
//! of two to four agents of one secretariat ask for the same summer week
//! (pending, `requested_on` in winter or spring, priority 1 or 2). A horizon
//! without such weeks is generated exactly as before the campaign existed.
//!
//! Output is the instance folder of SPEC §2 (`,`-separated, ISO dates), a
//! pure function of [`GenerateOptions`]: a tiny splitmix64 generator and
//! ordered collections only, so a seed always gives the same bytes.
//!
//! Architecture invariant: this module writes text files only; it knows
//! nothing of the loader, the model or the solver (its tests parse the files
//! lightly themselves).

mod build;
mod catalog;
mod holidays;
mod rng;
mod serialize;

use chrono::NaiveDate;
use std::path::Path;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateOptions {
    /// Number of agents (at least 1 is generated).
    pub agents: usize,
    /// Horizon length in weeks (at least 1).
    pub weeks: usize,
    /// Seed of the pseudo-random draws.
    pub seed: u64,
    /// First day of the horizon; meant to be a Monday.
    pub start: NaiveDate,
}

impl Default for GenerateOptions {
    /// 40 agents (one pôle), 4 weeks from Monday 2027-01-04, seed 1.
    fn default() -> Self {
        GenerateOptions {
            agents: 40,
            weeks: 4,
            seed: 1,
            start: NaiveDate::from_ymd_opt(2027, 1, 4).expect("2027-01-04 is a date"),
        }
    }
}

/// The files of the instance folder (name, contents), in a fixed order:
/// `instance.toml`, `shifts.csv`, `secretariats.csv`, `pools.csv`,
/// `contracts.csv`, `agents.csv`, `needs.csv`, `closures.csv`,
/// `availability.csv`, `leave.csv`.
pub fn generate(opts: &GenerateOptions) -> Vec<(String, String)> {
    serialize::files(&build::build(opts))
}

/// Writes the files of [`generate`] into `dir` (created if missing;
/// existing files of the same names are replaced).
pub fn write_instance(dir: &Path, opts: &GenerateOptions) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, contents) in generate(opts) {
        std::fs::write(dir.join(name), contents)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn opts(agents: usize, weeks: usize, seed: u64) -> GenerateOptions {
        GenerateOptions {
            agents,
            weeks,
            seed,
            ..GenerateOptions::default()
        }
    }

    fn file<'a>(files: &'a [(String, String)], name: &str) -> &'a str {
        &files
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("{name} generated"))
            .1
    }

    /// Rows of a CSV file as maps column → cell (no quoted cells in the
    /// columns the tests read).
    fn rows(text: &str) -> Vec<std::collections::BTreeMap<String, String>> {
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().expect("header").split(',').collect();
        lines
            .map(|l| {
                header
                    .iter()
                    .map(|h| h.to_string())
                    .zip(l.split(',').map(String::from))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn same_seed_gives_the_same_bytes() {
        assert_eq!(generate(&opts(40, 4, 7)), generate(&opts(40, 4, 7)));
        assert_eq!(generate(&opts(130, 2, 3)), generate(&opts(130, 2, 3)));
        assert_eq!(
            generate(&summer_quarter(90, 5)),
            generate(&summer_quarter(90, 5))
        );
    }

    #[test]
    fn different_seeds_give_different_instances() {
        assert_ne!(generate(&opts(40, 4, 1)), generate(&opts(40, 4, 2)));
    }

    #[test]
    fn every_referenced_id_exists() {
        for (agents, weeks, seed) in [(40, 4, 1), (120, 2, 9), (7, 1, 4), (1, 1, 0)] {
            let files = generate(&opts(agents, weeks, seed));
            let secs: BTreeSet<String> = rows(file(&files, "secretariats.csv"))
                .into_iter()
                .map(|r| r["id"].clone())
                .collect();
            let pool_rows = rows(file(&files, "pools.csv"));
            let pools: BTreeSet<String> = pool_rows.iter().map(|r| r["pool"].clone()).collect();
            for r in &pool_rows {
                assert!(
                    secs.contains(&r["secretariat"]),
                    "pool member {}",
                    r["secretariat"]
                );
            }
            let contracts: BTreeSet<String> = rows(file(&files, "contracts.csv"))
                .into_iter()
                .map(|r| r["id"].clone())
                .collect();
            let agent_rows = rows(file(&files, "agents.csv"));
            let agent_ids: BTreeSet<String> = agent_rows.iter().map(|r| r["id"].clone()).collect();
            assert_eq!(agent_ids.len(), agent_rows.len(), "agent ids are unique");
            for a in &agent_rows {
                assert!(secs.contains(&a["home"]), "home {}", a["home"]);
                assert!(
                    contracts.contains(&a["contract"]),
                    "contract {}",
                    a["contract"]
                );
                for c in a["covers"].split('|').filter(|c| !c.is_empty()) {
                    assert!(secs.contains(c) || pools.contains(c), "covers {c}");
                }
            }
            for n in rows(file(&files, "needs.csv")) {
                assert!(secs.contains(&n["secretariat"]));
                assert!(n["target"].parse::<u32>().unwrap() >= n["min"].parse::<u32>().unwrap());
            }
            for c in rows(file(&files, "closures.csv")) {
                assert!(secs.contains(&c["secretariat"]));
            }
            for f in ["availability.csv", "leave.csv"] {
                for r in rows(file(&files, f)) {
                    assert!(agent_ids.contains(&r["agent"]), "{f}: agent {}", r["agent"]);
                }
            }
        }
    }

    #[test]
    fn sizes_scale_with_the_options() {
        let count = |o: &GenerateOptions, name: &str| file(&generate(o), name).lines().count() - 1;
        assert_eq!(count(&opts(40, 4, 1), "agents.csv"), 40);
        assert_eq!(count(&opts(200, 4, 1), "agents.csv"), 200);
        let poles = |o: &GenerateOptions| {
            rows(file(&generate(o), "secretariats.csv"))
                .into_iter()
                .map(|r| r["pole"].clone())
                .collect::<BTreeSet<_>>()
                .len()
        };
        assert_eq!(poles(&opts(40, 4, 1)), 1);
        assert_eq!(poles(&opts(200, 4, 1)), 5);
        assert!(count(&opts(200, 4, 1), "needs.csv") > 3 * count(&opts(40, 4, 1), "needs.csv"));
        let toml = |o: &GenerateOptions| file(&generate(o), "instance.toml").to_string();
        assert!(toml(&opts(40, 2, 1)).contains("days = 14"));
        assert!(toml(&opts(40, 6, 1)).contains("days = 42"));
    }

    #[test]
    fn needs_are_tight_but_below_the_available_hours() {
        for (agents, seed) in [(40, 1), (40, 2), (80, 3), (160, 4)] {
            let chu = build::build(&opts(agents, 4, seed));
            for t in build::pole_tightness(&chu) {
                assert!(
                    (0.80..=0.95).contains(&t),
                    "{agents} agents, seed {seed}: need/available = {t:.3}"
                );
            }
        }
    }

    #[test]
    fn christmas_is_a_holiday_of_a_december_horizon_and_brings_ca() {
        let o = GenerateOptions {
            start: NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(),
            ..GenerateOptions::default()
        };
        let files = generate(&o);
        assert!(
            file(&files, "instance.toml").contains("holidays = [\"2026-12-25\", \"2027-01-01\"]")
        );
        let christmas_ca = rows(file(&files, "leave.csv"))
            .into_iter()
            .filter(|r| {
                r["type"] == "CA"
                    && r["status"] == "approved"
                    && r["first_day"].as_str() >= "2026-12-21"
            })
            .count();
        assert!(christmas_ca >= 5, "{christmas_ca} CA blocks at Christmas");
    }

    fn summer_quarter(agents: usize, seed: u64) -> GenerateOptions {
        GenerateOptions {
            agents,
            weeks: 13,
            seed,
            start: NaiveDate::from_ymd_opt(2027, 6, 7).unwrap(),
        }
    }

    #[test]
    fn a_summer_quarter_has_a_staggered_leave_campaign() {
        use chrono::{Datelike, Duration, Weekday};
        for (agents, seed) in [(80, 1), (200, 2), (40, 3), (13, 4)] {
            let chu = build::build(&summer_quarter(agents, seed));
            let summer = build::summer_mondays(&chu);
            assert_eq!(summer.len(), 9, "the ISO weeks from 5 July to 30 August");
            let summer_end = summer[8] + Duration::days(4);
            // Most agents have an approved CA block of 1–3 whole summer weeks.
            let with_block: BTreeSet<usize> = chu
                .leaves
                .iter()
                .filter(|l| {
                    l.kind == "CA"
                        && l.approved
                        && summer.contains(&l.first)
                        && l.last.weekday() == Weekday::Fri
                        && l.last <= summer_end
                        && (l.last - l.first).num_days() <= 18
                })
                .map(|l| l.agent)
                .collect();
            assert!(
                with_block.len() * 100 >= 65 * agents,
                "{agents}/{seed}: {} agents with a summer block",
                with_block.len()
            );
            // The manager staggers them: at most a third of a secretariat's
            // home agents on approved CA in any week (one at a time below 6).
            for sec in 0..chu.secs.len() {
                let team: Vec<usize> = (0..chu.agents.len())
                    .filter(|&a| chu.agents[a].home == sec)
                    .collect();
                for w in 0..13 {
                    let monday = chu.start + Duration::days(7 * w);
                    let away: BTreeSet<usize> = chu
                        .leaves
                        .iter()
                        .filter(|l| {
                            l.kind == "CA"
                                && l.approved
                                && team.contains(&l.agent)
                                && l.first <= monday + Duration::days(4)
                                && l.last >= monday
                        })
                        .map(|l| l.agent)
                        .collect();
                    assert!(
                        3 * away.len() <= team.len() || away.len() <= 1,
                        "{agents}/{seed}: {} of {} away in {} the week of {monday}",
                        away.len(),
                        team.len(),
                        chu.secs[sec].id
                    );
                }
            }
            // Doctors take holidays too: every pôle-week stays at most 92 % tight.
            for (p, weeks) in build::pole_week_tightness(&chu).iter().enumerate() {
                for (w, t) in weeks.iter().enumerate() {
                    assert!(
                        *t <= 0.92 + 1e-9,
                        "{agents}/{seed}: pôle {p}, week {w}: need/available = {t:.3}"
                    );
                }
            }
            // Competing requests: several agents of one secretariat ask for
            // the same whole summer week, dated and prioritised.
            let mut asked: std::collections::BTreeMap<(usize, NaiveDate), usize> =
                Default::default();
            for l in chu.leaves.iter().filter(|l| {
                !l.approved
                    && l.kind == "CA"
                    && summer.contains(&l.first)
                    && l.last == l.first + Duration::days(4)
            }) {
                assert!(l.requested_on.is_some_and(|d| d < chu.start));
                assert!(l.priority.is_some());
                *asked
                    .entry((chu.agents[l.agent].home, l.first))
                    .or_default() += 1;
            }
            if agents >= 40 {
                assert!(
                    asked.values().any(|&n| n >= 2),
                    "{agents}/{seed}: competing summer requests {asked:?}"
                );
            }
        }
    }

    #[test]
    fn a_horizon_without_summer_weeks_has_no_campaign() {
        let may = GenerateOptions {
            agents: 80,
            weeks: 8,
            start: NaiveDate::from_ymd_opt(2027, 5, 3).unwrap(),
            ..GenerateOptions::default()
        };
        let chu = build::build(&may);
        assert!(build::summer_mondays(&chu).is_empty());
        assert!(chu.leaves.iter().all(|l| (l.last - l.first).num_days() < 7));
        // A horizon ending on Sunday 4 July 2027 has none either, nor one
        // ending on Wednesday 7 July (no whole summer week).
        let june = GenerateOptions {
            weeks: 4,
            start: NaiveDate::from_ymd_opt(2027, 6, 7).unwrap(),
            ..may.clone()
        };
        assert!(build::summer_mondays(&build::build(&june)).is_empty());
        let thursday = GenerateOptions {
            weeks: 4,
            start: NaiveDate::from_ymd_opt(2027, 6, 10).unwrap(),
            ..may
        };
        assert!(build::summer_mondays(&build::build(&thursday)).is_empty());
    }

    #[test]
    fn part_time_agents_have_their_fixed_day_off() {
        let files = generate(&opts(80, 4, 5));
        let avail = rows(file(&files, "availability.csv"));
        for a in rows(file(&files, "agents.csv")) {
            let offs = avail
                .iter()
                .filter(|r| r["agent"] == a["id"] && r["kind"] == "off")
                .count();
            match a["rate"].as_str() {
                "80" => assert_eq!(offs, 1),
                "50" => assert_eq!(offs, 2),
                "90" => assert_eq!(offs, 1),
                _ => assert_eq!(offs, 0),
            }
        }
        let part_time = rows(file(&files, "agents.csv"))
            .iter()
            .filter(|a| a["rate"] != "100")
            .count();
        assert!(
            (8..=32).contains(&part_time),
            "{part_time} part-time agents of 80"
        );
    }
}
