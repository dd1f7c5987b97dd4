//! agents.csv: the secretaries. Resolves `home`, `covers` (secretariats or
//! pools, expanded, deduplicated, sorted, home removed) and `contract`. An
//! empty `contract` cell means the contract `default`: the one of
//! contracts.csv when it defines `default`, else an implicit `default` built
//! from `[rules]` and appended after the file's contracts. `rate` may be
//! written `80` or `80%`. `fixed_days_off` is filled later from
//! availability.csv.

use crate::domain::instance::{Agent, Pool, Rules};
use crate::io::parse::{self, Bad};
use crate::io::table::{read_table, Presence, Schema};
use crate::validate::codes;
use crate::validate::contracts::{default_contract, Contracts, DEFAULT_ID};
use crate::validate::ids::Ids;
use crate::validate::Sink;
use std::path::Path;

/// File name.
pub const FILE: &str = "agents.csv";
const SCHEMA: Schema = Schema {
    required: &["id", "name", "contract", "rate", "home", "covers"],
    optional: &[
        "skills",
        "overtime_month_hours_done",
        "ca_days_left",
        "rtt_days_left",
    ],
};

/// What agents.csv refers to.
pub struct Refs<'a> {
    /// Secretariat ids.
    pub secretariats: &'a Ids,
    /// Pool ids.
    pub pool_ids: &'a Ids,
    /// Pools (for expansion).
    pub pools: &'a [Pool],
    /// `[rules]`, for an implicit default contract.
    pub rules: &'a Rules,
    /// Number of shifts, for an implicit default contract.
    pub n_shifts: usize,
}

/// Reads agents.csv; may append the implicit `default` contract to `contracts`.
pub fn read(
    dir: &Path,
    refs: &Refs<'_>,
    contracts: &mut Contracts,
    sink: &mut Sink,
) -> (Vec<Agent>, Ids) {
    let Some(table) = read_table(dir, FILE, &SCHEMA, Presence::RequiredWithRows, sink) else {
        return (Vec::new(), Ids::new(false));
    };
    // Without an id column or rows, references to these ids cannot be judged.
    let mut ids = Ids::for_table(&table, true);
    let mut agents = Vec::new();
    for row in &table.rows {
        let id_cell = table.cell(row, "id");
        let id = id_cell.parse_required(sink, |s| parse::check_id(s).map(|_| s.to_string()));
        let name = table
            .cell(row, "name")
            .required(sink)
            .unwrap_or("")
            .to_string();

        let contract_cell = table.cell(row, "contract");
        let contract = match contract_cell.raw {
            Some(c) => contracts.ids.resolve(
                &contract_cell,
                c,
                codes::UNKNOWN_CONTRACT,
                "contract",
                super::contracts::FILE,
                sink,
            ),
            None => match contracts.ids.get(DEFAULT_ID) {
                Some(i) => Some(i),
                None if contracts.ids.reliable => {
                    let i = contracts.list.len();
                    contracts.ids.insert(DEFAULT_ID);
                    contracts
                        .list
                        .push(default_contract(refs.rules, refs.n_shifts));
                    Some(i)
                }
                None => None,
            },
        };

        let rate_cell = table.cell(row, "rate");
        let comma = table.decimal_comma;
        let rate = rate_cell.parse_required(sink, |s| {
            let v = parse::parse_decimal(s.trim_end_matches('%').trim(), comma)?;
            if v <= 0.0 || v > 100.0 {
                return Err(Bad::new(
                    codes::BAD_RATE,
                    format!("rate `{s}` is not in (0, 100]"),
                    "write the quotité in percent, e.g. 100, 80 or 50",
                ));
            }
            Ok(v)
        });

        let home_cell = table.cell(row, "home");
        let home = home_cell.required(sink).and_then(|h| {
            refs.secretariats.resolve(
                &home_cell,
                h,
                codes::UNKNOWN_HOME,
                "secretariat",
                super::secretariats::FILE,
                sink,
            )
        });

        let covers_cell = table.cell(row, "covers");
        let mut covers: Vec<usize> = Vec::new();
        for item in parse::split_list(covers_cell.raw.unwrap_or("")) {
            if let Some(s) = refs.secretariats.get(item) {
                covers.push(s);
            } else if let Some(p) = refs.pool_ids.get(item) {
                covers.extend(
                    refs.pools
                        .get(p)
                        .map(|p| p.members.as_slice())
                        .unwrap_or(&[]),
                );
            } else if refs.secretariats.reliable && refs.pool_ids.reliable {
                let hint = match parse::closest(
                    item,
                    refs.secretariats.ids().chain(refs.pool_ids.ids()),
                ) {
                    Some(c) => format!("did you mean `{c}`? (ids are case-sensitive)"),
                    None => "list secretariat or pool ids separated by |".to_string(),
                };
                sink.push(
                    covers_cell
                        .finding(
                            codes::UNKNOWN_COVERS,
                            format!("`{item}` is neither a secretariat nor a pool"),
                            hint,
                        )
                        .with_value(item),
                );
            }
        }
        covers.sort_unstable();
        covers.dedup();
        if let Some(h) = home {
            covers.retain(|&s| s != h);
        }

        let skills = parse::split_list(table.cell(row, "skills").raw.unwrap_or(""))
            .into_iter()
            .map(str::to_string)
            .collect();
        let overtime = table
            .cell(row, "overtime_month_hours_done")
            .non_negative(sink)
            .map(parse::hours_to_minutes)
            .unwrap_or(0);
        let ca = table.cell(row, "ca_days_left").non_negative(sink);
        let rtt = table.cell(row, "rtt_days_left").non_negative(sink);

        let Some(id) = id else {
            if let Some(raw) = id_cell.raw {
                ids.mark_broken(raw);
            }
            continue;
        };
        if ids.contains(&id) {
            sink.push(id_cell.finding(
                codes::DUPLICATE_AGENT,
                format!("agent `{id}` is defined twice"),
                "give each agent her own id, or delete the duplicate row",
            ));
            continue;
        }
        let (Some(contract), Some(home)) = (contract, home) else {
            ids.mark_broken(&id);
            continue;
        };
        ids.insert(&id);
        agents.push(Agent {
            id,
            name,
            contract,
            rate: rate.unwrap_or(100.0),
            home,
            covers,
            skills,
            fixed_days_off: Vec::new(),
            overtime_month_minutes_done: overtime,
            ca_days_left: ca,
            rtt_days_left: rtt,
        });
    }
    (agents, ids)
}
