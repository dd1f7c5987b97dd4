//! The model-size guard: an upper bound on the assignment variables the
//! model would create (agents × horizon days × shift kinds × secretariats
//! each agent may work at), checked once the instance is read and before
//! anything is built, so that an instance far beyond any hospital's size is
//! refused with a clear error (`E0013`) instead of exhausting memory. The
//! file-level limits (bytes, rows, cell length) are `io::table`'s.
//!
//! Solver-free: it counts, it builds nothing.

use crate::domain::Instance;
use crate::validate::{codes, Finding};

/// Most assignment variables (upper bound) rota builds a model for.
pub const MAX_MODEL_ASSIGNMENTS: u64 = 2_000_000;

/// Upper bound on the assignment variables of `inst`'s model: for every
/// agent, days × shift kinds × (home + covered secretariats).
pub fn assignment_estimate(inst: &Instance) -> u64 {
    let per_place = inst.horizon.days as u64 * inst.shifts.len() as u64;
    inst.agents
        .iter()
        .map(|a| per_place.saturating_mul(1 + a.covers.len() as u64))
        .fold(0u64, u64::saturating_add)
}

/// The `E0013` finding when `inst` is beyond [`MAX_MODEL_ASSIGNMENTS`].
pub fn check_model_size(inst: &Instance) -> Option<Finding> {
    let n = assignment_estimate(inst);
    (n > MAX_MODEL_ASSIGNMENTS).then(|| {
        Finding::new(
            "agents.csv",
            codes::MODEL_TOO_LARGE,
            format!(
                "{} agents × {} days × {} shift kinds (with their secretariats) could give {n} assignment variables; rota builds models up to {MAX_MODEL_ASSIGNMENTS}",
                inst.agents.len(),
                inst.horizon.days,
                inst.shifts.len()
            ),
            "plan one pôle at a time, a shorter horizon, or fewer `covers` per agent",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::TinyInstance;

    #[test]
    fn the_estimate_counts_every_place_an_agent_may_work() {
        let inst = TinyInstance::new(10)
            .shift("M", "08:00", "12:00", 0)
            .shift("S", "13:00", "17:00", 0)
            .secretariat("S1", "P")
            .secretariat("S2", "P")
            .agent("A", "S1", &["S2"])
            .agent("B", "S2", &[])
            .build();
        assert_eq!(assignment_estimate(&inst), 10 * 2 * 2 + 10 * 2);
        assert!(check_model_size(&inst).is_none());
    }
}
