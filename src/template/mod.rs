//! Go's text/template, reimplemented so that sigs-lint renders community templates byte for byte
//! as the Go generator does, without a Go toolchain. Split like Go's own package: `lex`, `parse`,
//! `node`, `exec`, `funcs` (builtins), `fmt` (Go's fmt verbs), `value` (reflect's view of data).
//! The semantics are Go 1.19's (what the community generators run), plus `{{else with}}` (Go 1.23).

pub mod exec;
pub mod fmt;
pub mod funcs;
pub mod lex;
pub mod node;
pub mod parse;
pub mod strconv;
pub mod value;

pub use exec::{ExecError, TemplateError, Templates};
pub use funcs::{FuncMap, Param};
pub use value::Value;
