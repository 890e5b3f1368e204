//! `--format short`: one line per finding, for editors' problem matchers and grep.

use std::io::{self, Write};

use super::{Renderer, Run};

/// One line per finding: `path:line:col: severity[rule-id]: message`, then the summary.
pub struct Short;

impl Renderer for Short {
    fn render(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        for f in &run.findings {
            let message = super::visible(&f.message.replace(['\n', '\r'], " "));
            writeln!(
                out,
                "{}: {}[{}]: {message}",
                run.location(f),
                f.severity,
                f.rule
            )?;
        }
        writeln!(out, "{}", run.summary())
    }
}
