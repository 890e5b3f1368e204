//! sigs-lint: lint a community's sigs.yaml and prove its generated docs are up to date.
//!
//! The layers, each using only those below it:
//! - [`source`], [`fsutil`] (every path read or written), [`diagnostic`] (findings and the run);
//! - [`model`] (the spanned, typed sigs.yaml, declared once in [`model::schema`]) and [`template`]
//!   (Go's text/template);
//! - [`flavour`] (each generator epoch and fork: types, functions, validation, YAML emitter);
//! - [`config`], then [`rules`] (the rule engine and one file per rule);
//! - [`generate`] (plan, render, compare) and [`canonical`] (the data file's canonical form);
//! - [`commands`] (`check`, `generate`, `fmt`, `check --fix`) and [`report`] (the output formats);
//!   [`lsp`] (the language server) and `main.rs` (the command line) over them.

pub mod canonical;
pub mod commands;
pub mod config;
pub mod diagnostic;
pub mod flavour;
pub mod fsutil;
pub mod generate;
pub mod lsp;
pub mod model;
pub mod report;
pub mod rules;
pub mod source;
pub mod template;
#[cfg(test)]
mod testutil;
