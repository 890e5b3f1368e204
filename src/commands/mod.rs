//! The commands: thin drivers over the pipeline. [`check`] finds the repository's files, loads
//! the config and the data, and runs the rules, upstream's validation and the docs comparison;
//! [`generate`] writes the docs the plan says are stale or missing; [`fmt`] writes the data file
//! in canonical form; [`fix`] applies the findings' safe fixes to it. Every lower module (model, rules, flavour, generate) knows nothing of them.

pub mod baseline;
pub mod check;
pub mod fix;
pub mod fmt;
pub mod generate;
