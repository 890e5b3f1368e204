use std::io::{self, Write};

use miette::{GraphicalReportHandler, GraphicalTheme};

use super::{Renderer, Run};
use crate::diagnostic::Rendered;

/// miette's graphical reports, one per finding, then the summary line.
pub struct Human {
    pub color: bool,
    pub width: usize,
}

impl Renderer for Human {
    fn render(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        let theme = if self.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(self.width)
            .with_links(false);
        if let Some(g) = &run.generator {
            writeln!(out, "generator: {}", g.reason)?;
            out.write_all(b"\n")?;
        }
        for (i, f) in run.findings.iter().enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
            }
            let rendered = Rendered::new(f, run.file_of(f));
            let mut s = String::new();
            if handler.render_report(&mut s, &rendered).is_err() {
                s = format!("{}: {}\n", run.location(f), f.message);
            }
            out.write_all(s.as_bytes())?;
            if !s.ends_with('\n') {
                out.write_all(b"\n")?;
            }
            if let Some(diff) = &f.diff {
                for line in diff.lines() {
                    let painted = match (self.color, line.chars().next()) {
                        (true, Some('+')) if !line.starts_with("+++") => {
                            format!("\x1b[32m{line}\x1b[0m")
                        }
                        (true, Some('-')) if !line.starts_with("---") => {
                            format!("\x1b[31m{line}\x1b[0m")
                        }
                        (true, Some('@')) => format!("\x1b[36m{line}\x1b[0m"),
                        _ => line.to_string(),
                    };
                    writeln!(out, "    {painted}")?;
                }
            }
        }
        writeln!(out, "{}", run.summary())
    }
}
