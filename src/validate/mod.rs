//! Reads an instance folder (SPEC §2) into a validated
//! [`Instance`](crate::domain::Instance): raw rows (with file and line) →
//! resolved ids, dates, times → every finding at once, each with a stable
//! code ([`codes`]) and a fix. One file per input file; `io::table` does the
//! CSV conventions. `load_instance` returns `Err` when any error was found
//! and otherwise the instance with its warnings (ignored rows).
//!
//! Architecture invariant: nothing here knows the solver or the model; the
//! domain types are the only output.

pub mod agents;
pub mod availability;
pub mod codes;
pub mod contracts;
mod finding;
pub mod ids;
pub mod instance_toml;
pub mod leave;
pub mod limits;
pub mod needs;
pub mod secretariats;
pub mod shifts;

pub use finding::{Finding, Sink, ValidationErrors};

use crate::domain::Instance;
use crate::io::parse;
use std::path::Path;

/// A loaded instance and the warnings of its load (rows ignored, ...).
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The validated instance.
    pub instance: Instance,
    /// Warnings (`W…` codes), in file order.
    pub warnings: Vec<Finding>,
}

/// Every file rota reads from an instance folder.
pub const FILES: &[&str] = &[
    instance_toml::FILE,
    shifts::FILE,
    secretariats::FILE,
    secretariats::POOLS_FILE,
    contracts::FILE,
    agents::FILE,
    needs::FILE,
    needs::CLOSURES_FILE,
    availability::FILE,
    leave::FILE,
];

/// Loads and validates the instance folder `dir`. Every problem of every
/// file is reported at once.
pub fn load_instance(dir: &Path) -> Result<Loaded, ValidationErrors> {
    let mut sink = Sink::default();
    let shown = dir.display().to_string();
    if !dir.is_dir() {
        sink.push(Finding::new(
            shown.clone(),
            codes::MISSING_FILE,
            format!("instance folder `{shown}` does not exist"),
            "give the path of a folder holding instance.toml and the CSV files",
        ));
        return Err(sink.finish().err().unwrap_or_default());
    }
    let folder_name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown.clone());

    let header = instance_toml::read(dir, &folder_name, &mut sink);
    let horizon = header.horizon.as_ref();
    let (shifts, shift_ids) = shifts::read(dir, &header.rules, &mut sink);
    let (secretariats, sec_ids) = secretariats::read(dir, &mut sink);
    let (pools, pool_ids) = secretariats::read_pools(dir, &sec_ids, &mut sink);
    let mut contracts = contracts::read(dir, &header.rules, &shift_ids, shifts.len(), &mut sink);
    let agent_refs = agents::Refs {
        secretariats: &sec_ids,
        pool_ids: &pool_ids,
        pools: &pools,
        rules: &header.rules,
        n_shifts: shifts.len(),
    };
    let (mut agents, agent_ids) = agents::read(dir, &agent_refs, &mut contracts, &mut sink);
    let closures = needs::read_closures(dir, &sec_ids, horizon, &mut sink);
    let need_refs = needs::Refs {
        secretariats: (&secretariats, &sec_ids),
        shifts: (&shifts, &shift_ids),
        horizon,
        closures: &closures,
    };
    let needs = needs::read(dir, &need_refs, &mut sink);
    let (availability, fixed) = availability::read(
        dir,
        &agent_ids,
        agents.len(),
        &shift_ids,
        horizon,
        &mut sink,
    );
    for (agent, days) in agents.iter_mut().zip(fixed) {
        agent.fixed_days_off = days;
    }
    let leaves = leave::read(dir, &agent_ids, &mut sink);

    if agent_ids.reliable {
        let mut warned = vec![false; secretariats.len()];
        // Secretariats someone may work at, computed once (linear in agents).
        let mut staffed = vec![false; secretariats.len()];
        for a in &agents {
            for s in std::iter::once(a.home).chain(a.covers.iter().copied()) {
                if let Some(x) = staffed.get_mut(s) {
                    *x = true;
                }
            }
        }
        for need in &needs {
            if !warned[need.secretariat] && !staffed.get(need.secretariat).copied().unwrap_or(false)
            {
                warned[need.secretariat] = true;
                let s = &secretariats[need.secretariat];
                sink.push(
                    Finding::new(
                        needs::FILE,
                        codes::NEED_NOBODY_ELIGIBLE,
                        format!(
                            "no agent may work at `{}`: its needs can never be covered",
                            s.id
                        ),
                        format!(
                            "add `{}` to the `covers` of some agents in agents.csv",
                            s.id
                        ),
                    )
                    .at_line(need.line)
                    .in_column("secretariat")
                    .with_value(s.id.clone()),
                );
            }
        }
    }
    warn_unknown_files(dir, &mut sink);

    let warnings = sink.finish()?;
    let Some(horizon) = header.horizon else {
        // Unreachable in practice: a missing horizon always comes with an error.
        return Err(ValidationErrors {
            findings: vec![Finding::new(
                instance_toml::FILE,
                codes::TOML_MISSING_KEY,
                "no horizon",
                "give `start` and `days`",
            )],
        });
    };
    let instance = Instance {
        name: header.name,
        horizon,
        rules: header.rules,
        weights: header.weights,
        shifts,
        secretariats,
        pools,
        contracts: contracts.list,
        agents,
        needs,
        closures,
        availability,
        leaves,
    };
    if let Some(f) = limits::check_model_size(&instance) {
        return Err(ValidationErrors { findings: vec![f] });
    }
    Ok(Loaded { instance, warnings })
}

/// Warns about `.csv` files whose name is close to one rota reads
/// (`agent.csv`, `Needs.csv`): probably a misspelt name.
fn warn_unknown_files(dir: &Path, sink: &mut Sink) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        if FILES.contains(&name.as_str()) || !name.to_lowercase().ends_with(".csv") {
            continue;
        }
        if let Some(known) = parse::closest(&name, FILES.iter().copied()) {
            sink.push(Finding::new(
                name.clone(),
                codes::UNKNOWN_FILE,
                format!(
                    "file `{name}` is not read by rota (did you mean `{known}`?); it is ignored"
                ),
                format!("rename it `{known}`"),
            ));
        }
    }
}
