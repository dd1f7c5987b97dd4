//! Reading and writing files: the located CSV reader shared by every input
//! file ([`table`]), the parsers of cell values ([`parse`]), the reader of a
//! planning.csv given to `check` / `replan` ([`planning`]) and the atomic
//! writer of outputs ([`output`]). What the instance files mean is
//! `validate`'s business; this module knows formats, not rules.

pub mod output;
pub mod parse;
pub mod planning;
pub mod table;

pub use planning::{read_planning, ReadPlanning};
