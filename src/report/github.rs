//! `--format github`: GitHub Actions workflow commands (annotations on the pull request), with
//! every value escaped so that nothing a repository holds can issue a command of its own.

use std::io::{self, Write};

use super::{Renderer, Run};
use crate::diagnostic::Severity;

/// GitHub Actions workflow commands: one `::error` / `::warning` / `::notice` annotation per
/// finding, with file, line, column and their ends, and a title. The message repeats
/// `path:line:col` (annotation properties do not show in the log) and, for a stale generated file,
/// carries the diff hunk (at most `MAX_DIFF_LINES` lines).
pub struct Github;

pub const MAX_DIFF_LINES: usize = 40;

/// Escaping of an annotation's message (GitHub's documented rules).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escaping of an annotation's property value: also `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

impl Renderer for Github {
    /// Its lines are workflow commands: written as they are, each escaped its own way.
    fn render(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        self.render_raw(run, out)
    }

    fn render_raw(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        for f in &run.findings {
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "notice",
            };
            let mut props = Vec::new();
            if let Some(file) = run.file_of(f) {
                props.push(format!(
                    "file={}",
                    escape_property(&super::visible_name(&file.name))
                ));
                if let Some(span) = f.primary() {
                    let (line, col) = file.line_col(span.offset);
                    let (end_line, end_col) = file.line_col(span.end());
                    props.push(format!("line={line}"));
                    props.push(format!("endLine={end_line}"));
                    props.push(format!("col={col}"));
                    props.push(format!("endColumn={end_col}"));
                }
            }
            props.push(format!(
                "title={}",
                escape_property(&format!("sigs-lint {}", f.rule))
            ));
            let mut message = format!("{}: {}", run.location(f), super::visible(&f.message));
            if let Some(help) = &f.help {
                message.push_str(&format!("\nhelp: {}", super::visible(help)));
            }
            if let Some(diff) = &f.diff {
                // Control characters of committed files made visible, line by line.
                let lines: Vec<String> = diff.lines().map(super::visible).collect();
                message.push('\n');
                message.push_str(&lines[..lines.len().min(MAX_DIFF_LINES)].join("\n"));
                if lines.len() > MAX_DIFF_LINES {
                    message.push_str(&format!(
                        "\n… {} more diff lines",
                        lines.len() - MAX_DIFF_LINES
                    ));
                }
            }
            writeln!(
                out,
                "::{command} {}::{}",
                props.join(","),
                escape_data(&message)
            )?;
        }
        writeln!(out, "{}", run.summary())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Finding;
    use crate::source::{SourceFile, Span};

    #[test]
    fn hostile_messages_and_properties_are_escaped() {
        assert_eq!(
            escape_data("100% done\r\nnext::line, a:b"),
            "100%25 done%0D%0Anext::line, a:b"
        );
        assert_eq!(escape_property("a,b:c%d\ne"), "a%2Cb%3Ac%25d%0Ae");
        let mut run = Run::default();
        let file = run.add_file(SourceFile::new("dir,with:odd%name.yaml", "k: v\n"));
        run.findings = vec![
            Finding::new(
                "valid-url",
                Severity::Warning,
                "50% of ::error:: lines,\nsecond line",
            )
            .label(Span::new(3, 1), "x")
            .in_file(&file),
            Finding::new("io", Severity::Note, "no file: here"),
        ];
        let mut out = Vec::new();
        Github.render(&run, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::warning file=dir%2Cwith%3Aodd%25name.yaml,line=1,endLine=1,col=4,endColumn=5,title=sigs-lint valid-url::dir,with:odd%25name.yaml:1:4: 50%25 of ::error:: lines,%0Asecond line\n\
             ::notice title=sigs-lint io::sigs-lint: no file: here\n\
             0 errors, 1 warning, 1 note (io: 1, valid-url: 1)\n"
        );
    }
}
