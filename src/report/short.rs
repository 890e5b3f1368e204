//! `--format short`: one line per finding, for editors' problem matchers and grep.

use std::io::{self, Write};

use super::{Renderer, Run};
use crate::diagnostic::Severity;

/// One line per finding: `path:line:col: severity[rule-id]: message`, then the summary. With
/// `color`, the location is bold and the severity painted as the human format paints it (the
/// bytes a problem matcher reads are unchanged without it).
#[derive(Clone, Copy, Debug, Default)]
pub struct Short {
    pub color: bool,
}

impl Renderer for Short {
    fn render_raw(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        for f in &run.findings {
            let message = super::visible(&f.message.replace(['\n', '\r'], " "));
            let location = run.location(f);
            if self.color {
                let paint = match f.severity {
                    Severity::Error => "31",
                    Severity::Warning => "33",
                    Severity::Note => "36",
                };
                writeln!(
                    out,
                    "\x1b[1m{location}\x1b[0m: \x1b[1;{paint}m{}\x1b[0m[\x1b[2m{}\x1b[0m]: {message}",
                    f.severity, f.rule
                )?;
            } else {
                writeln!(out, "{location}: {}[{}]: {message}", f.severity, f.rule)?;
            }
        }
        writeln!(out, "{}", run.summary())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Finding;

    #[test]
    fn color_paints_the_location_and_the_severity_only() {
        let mut run = Run::default();
        run.findings
            .push(Finding::new("io", Severity::Error, "cannot read `x`"));
        let mut out = Vec::new();
        Short { color: true }.render(&run, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\x1b[1msigs-lint\x1b[0m: \x1b[1;31merror\x1b[0m[\x1b[2mio\x1b[0m]: cannot read `x`\n1 error, 0 warnings (io: 1)\n"
        );
    }
}
