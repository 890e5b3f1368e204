//! sigs-lint: lint a community's sigs.yaml and prove its generated docs are up to date.
//!
//! The pieces: [`model`] (the spanned, typed sigs.yaml), [`rules`] (the rule engine and its rules),
//! [`check`] (the `check` pipeline), [`report`] (renderers over one list of [`diagnostic::Finding`]s).

pub mod canonical;
pub mod check;
pub mod config;
pub mod diagnostic;
pub mod flavour;
pub mod fsutil;
pub mod generate;
pub mod model;
pub mod report;
pub mod rules;
pub mod source;
pub mod template;
