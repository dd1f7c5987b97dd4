//! rota plans the work of pools of medical secretaries in French hospitals.
//!
//! # Data flow
//!
//! ```text
//! instance folder ──io──▶ located CSV/TOML rows ──validate──▶ Instance (domain)
//!        Instance ──model──▶ integer program (one file per rule family)
//!                 ──solve──▶ HiGHS ──▶ SolveOutcome { Planning, bound, gap }
//!        Planning ──check──▶ Evaluation (hard violations + penalties, no solver)
//!        (Instance, Planning, Evaluation) ──report──▶ files, written atomically
//! ```
//!
//! `rota solve` passes every planning through [`check::evaluate`] before
//! writing it: a hard violation there is a bug (exit 70, nothing written),
//! and the objective reported in `summary.json` is the checker's value.
//!
//! # Code map
//!
//! - [`domain`]: pure types — calendar, instance, hours accounting, planning,
//!   and [`domain::RuleFamily`], where every rule family is named once.
//! - [`io`]: located CSV reading (delimiter, BOM, CRLF, French formats),
//!   `planning.csv` reading, atomic output folders.
//! - [`validate`]: raw rows → [`domain::Instance`]; every finding at once,
//!   each with file, line, column, value, a stable code and a fix.
//! - [`model`]: `Instance` → integer program; `model/constraints/<family>.rs`,
//!   one file per rule family, listed once in a registry.
//! - [`solve`]: runs HiGHS; our own outcome type; infeasibility diagnosis.
//! - [`check`]: the independent evaluator of any planning.
//! - [`report`]: `planning.csv`, `coverage.csv`, `overtime.csv`,
//!   `summary.json` and the `check` report, from `(Instance, Planning)`;
//!   `planning.xlsx`, `planning.html`, the agents' `.ics` calendars and the
//!   French-Excel CSV flavour, all read back from `planning.csv`'s rows.
//! - [`decide`]: leave decisions with reasons verified by re-checking the
//!   planning with the request granted (solver-free).
//! - [`replace`]: replacement candidates for uncovered needs and the causes
//!   of coverage gaps (solver-free).
//! - [`capacity`]: adequacy of agent-hours to needs per pôle and week, no solve.
//! - [`nrp`]: import of the public shift-scheduling benchmark and its own
//!   independent evaluator.
//! - [`generate`]: realistic synthetic CHU instances.
//! - [`interrupt`]: the Ctrl-C / SIGTERM flag the solver polls (solver-free).
//! - [`progress`]: solve progress on stderr (live line on a terminal, one
//!   line per improvement otherwise); solver-free.
//! - [`cli`]: clap definitions and the commands; `main.rs` only calls it.
//!
//! # Architecture invariants (enforced by `tests/architecture.rs`)
//!
//! - Only `model/` and `solve/` name `good_lp` or `highs`.
//! - `check/`, `report/`, `domain/`, `decide/`, `replace/`, `capacity/` and
//!   the benchmark evaluator `nrp/score` never use `model` or `solve`: the
//!   checker (and everything verified through it) shares no code with the
//!   model it checks.
//! - `domain/` does no IO.
//! - Every module opens with a `//!` paragraph.
//!
//! Other invariants: iteration is in index order (Vec, BTreeMap) wherever it
//! reaches the model or an output, so the same input, options and seed give
//! the same bytes; no input makes rota panic.
#![deny(missing_docs)]

pub mod capacity;
pub mod check;
pub mod cli;
pub mod decide;
pub mod domain;
pub mod generate;
pub mod interrupt;
pub mod io;
pub mod model;
pub mod nrp;
pub mod progress;
pub mod replace;
pub mod report;
pub mod solve;
pub mod validate;
