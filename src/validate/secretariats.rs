//! secretariats.csv (where agents work: open weekdays, opening hours) and
//! the optional pools.csv (named groups of secretariats). `closes` may be
//! `24:00`; `closes` before `opens` means open past midnight
//! (`closes += 1440`); equal times are an error. A pool may not reuse a
//! secretariat id (a `covers` entry must name one thing).

use crate::domain::calendar::DAY_MINUTES;
use crate::domain::instance::{Pool, Secretariat};
use crate::io::parse::{self, Bad};
use crate::io::table::{read_table, Presence, Schema};
use crate::validate::codes;
use crate::validate::ids::Ids;
use crate::validate::Sink;
use chrono::Weekday;
use std::path::Path;

/// File name of the secretariats.
pub const FILE: &str = "secretariats.csv";
/// File name of the pools.
pub const POOLS_FILE: &str = "pools.csv";
const SCHEMA: Schema = Schema {
    required: &["id", "name", "pole"],
    optional: &["days", "opens", "closes"],
};
const POOLS_SCHEMA: Schema = Schema {
    required: &["pool", "secretariat"],
    optional: &[],
};

const DEFAULT_DAYS: [Weekday; 5] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
];

/// Reads secretariats.csv.
pub fn read(dir: &Path, sink: &mut Sink) -> (Vec<Secretariat>, Ids) {
    let Some(table) = read_table(dir, FILE, &SCHEMA, Presence::RequiredWithRows, sink) else {
        return (Vec::new(), Ids::new(false));
    };
    // Without an id column or rows, references to these ids cannot be judged.
    let mut ids = Ids::for_table(&table, true);
    let mut out = Vec::new();
    for row in &table.rows {
        let before = sink.error_count();
        let id_cell = table.cell(row, "id");
        let id = id_cell.parse_required(sink, |s| parse::check_id(s).map(|_| s.to_string()));
        let name = table
            .cell(row, "name")
            .required(sink)
            .unwrap_or("")
            .to_string();
        let pole = table
            .cell(row, "pole")
            .required(sink)
            .unwrap_or("")
            .to_string();
        let days_cell = table.cell(row, "days");
        let days = match days_cell.raw {
            None => DEFAULT_DAYS.to_vec(),
            Some(raw) => {
                let mut days: Vec<Weekday> = Vec::new();
                for item in parse::split_list(raw) {
                    match parse::parse_weekday(item) {
                        Ok(d) => days.push(d),
                        Err(bad) => sink.push(days_cell.bad(bad).with_value(item)),
                    }
                }
                days.sort_by_key(|d| d.num_days_from_monday());
                days.dedup();
                days
            }
        };
        let opens_cell = table.cell(row, "opens");
        let opens = opens_cell
            .parse(sink, |s| parse::parse_time(s, false))
            .unwrap_or(7 * 60);
        let closes_cell = table.cell(row, "closes");
        let mut closes = closes_cell
            .parse(sink, |s| parse::parse_time(s, true))
            .unwrap_or(20 * 60);
        if closes == opens {
            sink.push(closes_cell.bad(Bad::new(
                codes::EMPTY_OPENING,
                "secretariat closes when it opens",
                "give the closing time (00:00 to 24:00 for round the clock)",
            )));
        } else if closes < opens {
            closes += DAY_MINUTES;
        }
        let Some(id) = id else {
            if let Some(raw) = id_cell.raw {
                ids.mark_broken(raw);
            }
            continue;
        };
        if ids.contains(&id) {
            sink.push(id_cell.finding(
                codes::DUPLICATE_SECRETARIAT,
                format!("secretariat `{id}` is defined twice"),
                "give each secretariat its own id, or delete the duplicate row",
            ));
            continue;
        }
        if sink.error_count() > before {
            ids.mark_broken(&id);
            continue;
        }
        ids.insert(&id);
        out.push(Secretariat {
            id,
            name,
            pole,
            days,
            opens,
            closes,
        });
    }
    (out, ids)
}

/// Reads the optional pools.csv: pools in order of first appearance,
/// members sorted and deduplicated.
pub fn read_pools(dir: &Path, secretariats: &Ids, sink: &mut Sink) -> (Vec<Pool>, Ids) {
    let Some(table) = read_table(dir, POOLS_FILE, &POOLS_SCHEMA, Presence::Optional, sink) else {
        return (Vec::new(), Ids::new(!dir.join(POOLS_FILE).exists()));
    };
    let mut ids = Ids::new(true);
    let mut pools: Vec<Pool> = Vec::new();
    for row in &table.rows {
        let pool_cell = table.cell(row, "pool");
        let pool = pool_cell.parse_required(sink, |s| parse::check_id(s).map(|_| s.to_string()));
        let sec_cell = table.cell(row, "secretariat");
        let member = sec_cell.required(sink).and_then(|s| {
            secretariats.resolve(
                &sec_cell,
                s,
                codes::UNKNOWN_POOL_MEMBER,
                "secretariat",
                FILE,
                sink,
            )
        });
        let Some(pool) = pool else { continue };
        if secretariats.contains(&pool) {
            sink.push(pool_cell.finding(
                codes::POOL_ID_CLASH,
                format!("pool `{pool}` has the id of a secretariat"),
                "rename the pool (e.g. POOL-…) so that `covers` names one thing",
            ));
            continue;
        }
        let idx = match ids.get(&pool) {
            Some(i) => i,
            None => {
                let i = ids.insert(&pool).unwrap_or(pools.len());
                pools.push(Pool {
                    id: pool.clone(),
                    members: Vec::new(),
                });
                i
            }
        };
        if let Some(m) = member {
            pools[idx].members.push(m);
        }
    }
    for p in &mut pools {
        p.members.sort_unstable();
        p.members.dedup();
    }
    (pools, ids)
}
