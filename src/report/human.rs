//! The default format: miette's graphical report (snippet, labels, help) per finding, the diff of
//! a stale file, and the summary line.

use std::io::{self, Write};
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme};

use super::{Renderer, Run};
use crate::diagnostic::Rendered;
use crate::source::SourceFile;

/// Lines longer than this (in characters) are not shown in a snippet: the finding is printed as
/// `path:line:col: message` instead (miette cannot draw past column 65,535, and a snippet of a
/// 600 KB line helps nobody).
pub const MAX_SNIPPET_LINE: usize = 2000;

/// Whether a finding's labels sit on a line too long to draw.
fn too_wide(f: &crate::diagnostic::Finding, file: Option<&crate::source::SourceFile>) -> bool {
    let Some(file) = file else {
        return false;
    };
    f.labels.iter().any(|l| {
        [l.span.offset, l.span.end()].iter().any(|&offset| {
            let (line, _) = file.line_col(offset.min(file.text.len()));
            file.line_text(line).len() > MAX_SNIPPET_LINE
        })
    })
}

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
            .with_links(false)
            .with_show_related_as_nested(true);
        if let Some(g) = &run.generator {
            writeln!(out, "generator: {}", g.reason)?;
            out.write_all(b"\n")?;
        }
        // Each file made displayable once (not once per finding).
        let shown_files: Vec<_> = run.files.iter().map(|f| super::displayable(f)).collect();
        for (i, f) in run.findings.iter().enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
            }
            // A run sorted with `Run::sort` lists every finding's file.
            let unlisted;
            let file: Option<&SourceFile> = match &f.file {
                None => None,
                Some(file) => match run.files.iter().position(|g| Arc::ptr_eq(g, file)) {
                    Some(i) => Some(&*shown_files[i]),
                    None => {
                        unlisted = super::displayable(file);
                        Some(&*unlisted)
                    }
                },
            };
            let mut visible_finding = f.clone();
            visible_finding.message = super::visible(&f.message);
            visible_finding.help = f.help.as_deref().map(super::visible);
            let f = &visible_finding;
            let mut s = String::new();
            if too_wide(f, file) {
                s = format!(
                    "{}: {}[{}]: {}\n",
                    run.location(f),
                    f.severity.as_str(),
                    f.rule,
                    f.message
                );
                if let Some(help) = &f.help {
                    s.push_str(&format!("  help: {help}\n"));
                }
                s.push_str(&format!(
                    "  (the line is longer than {MAX_SNIPPET_LINE} characters: not shown)\n"
                ));
            } else {
                let rendered = Rendered::new(f, file);
                if handler.render_report(&mut s, &rendered).is_err() {
                    s = format!("{}: {}\n", run.location(f), f.message);
                }
            }
            out.write_all(s.as_bytes())?;
            if !s.ends_with('\n') {
                out.write_all(b"\n")?;
            }
            if let Some(diff) = &f.diff {
                for line in diff.lines() {
                    let line = &super::visible(line);
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
