//! rota — plans the work of pools of medical secretaries.
#![deny(missing_docs)]

pub mod check;
pub mod domain;
pub mod generate;
pub mod io;
pub mod model;
pub mod report;
pub mod solve;
pub mod validate;
