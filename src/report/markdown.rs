//! `--format markdown`: a summary table for a GitHub job summary (`$GITHUB_STEP_SUMMARY`) or a
//! pull-request comment, where annotations are capped (GitHub shows at most 10 errors and 10
//! warnings per step) and every finding should still be seen.

use std::io::{self, Write};

use super::{Renderer, Run};
use crate::diagnostic::Severity;

/// The most rows the table has; a line counts the rest.
pub const MAX_ROWS: usize = 200;

/// A heading with the summary, then one table row per finding (severity, place, id, message),
/// capped at [`MAX_ROWS`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Markdown;

/// A table cell: no line breaks, control characters visible, long text cut, and nothing a value
/// holds read as markdown or as a GitHub reference where the table is posted (a job summary, a
/// pull-request comment): `\\`, `|`, `` ` ``, `[` and `]` backslash-escaped (no code span, no
/// link or image), `<` and `&` written `&lt;` and `&amp;` (no HTML, no entity), and a zero-width space (`&#8203;`) after the `@`
/// of an `@name` and the `#` of a `#123`, so that a comment cannot notify people or cross-link
/// issues that a pull request names (the text reads the same).
fn cell(s: &str) -> String {
    let one_line = super::visible(&s.replace("\r\n", " ").replace(['\n', '\r'], " "));
    let mut chars: Vec<char> = one_line.chars().take(301).collect();
    let more = if chars.len() > 300 {
        chars.truncate(300);
        "…"
    } else {
        ""
    };
    let mut out = String::with_capacity(chars.len() + 16);
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        match c {
            '\\' | '|' | '`' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            // An entity would be decoded before GitHub looks for mentions (`&#64;name`).
            '&' => out.push_str("&amp;"),
            '@' if after.is_some_and(|a| a.is_ascii_alphanumeric())
                && !before.is_some_and(char::is_alphanumeric) =>
            {
                out.push_str("@&#8203;");
            }
            '#' if after.is_some_and(|a| a.is_ascii_digit()) => out.push_str("#&#8203;"),
            _ => out.push(c),
        }
    }
    out.push_str(more);
    out
}

impl Renderer for Markdown {
    fn render_raw(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "### sigs-lint: {}\n", cell(&run.summary()))?;
        if let Some(g) = &run.generator {
            writeln!(out, "Generator: {}\n", cell(&g.reason))?;
        }
        if run.findings.is_empty() {
            return Ok(());
        }
        writeln!(out, "| | Where | Id | Finding |")?;
        writeln!(out, "|---|---|---|---|")?;
        for f in run.findings.iter().take(MAX_ROWS) {
            let icon = match f.severity {
                Severity::Error => "❌ error",
                Severity::Warning => "⚠️ warning",
                Severity::Note => "ℹ️ note",
            };
            writeln!(
                out,
                "| {icon} | {} | [{}]({}{}.md) | {} |",
                cell(&run.location(f)),
                f.rule,
                super::sarif::DOCS_URI,
                f.rule,
                cell(&f.message)
            )?;
        }
        if run.findings.len() > MAX_ROWS {
            writeln!(
                out,
                "\n{} more not shown: run `sigs-lint check` for all of them.",
                run.findings.len() - MAX_ROWS
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Finding;

    #[test]
    fn a_table_row_per_finding_with_cells_escaped() {
        let mut run = Run::default();
        run.findings.push(Finding::new(
            "valid-url",
            Severity::Warning,
            "`url` is `a|b`\nsecond <b>",
        ));
        let mut out = Vec::new();
        Markdown.render(&run, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "### sigs-lint: 0 errors, 1 warning (valid-url: 1)\n\n\
             | | Where | Id | Finding |\n|---|---|---|---|\n\
             | ⚠️ warning | sigs-lint | [valid-url](https://github.com/sigs-lint/sigs-lint/blob/main/rules/valid-url.md) | \\`url\\` is \\`a\\|b\\` second &lt;b> |\n"
        );
        // Mentions and issue references a pull request could plant, links and images.
        assert_eq!(
            cell(
                "@org/team, (@jdoe) jane@example.com #12 org/repo#3 # 4 [x](https://e) ![i](u) &#64;x"
            ),
            "@&#8203;org/team, (@&#8203;jdoe) jane@example.com #&#8203;12 org/repo#&#8203;3 # 4 \\[x\\](https://e) !\\[i\\](u) &amp;#&#8203;64;x"
        );
        assert_eq!(cell(&"é".repeat(301)), format!("{}…", "é".repeat(300)));
        assert_eq!(cell(&"é".repeat(300)), "é".repeat(300));
        let mut out = Vec::new();
        Markdown.render(&Run::default(), &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "### sigs-lint: no problems found\n\n"
        );
    }

    #[test]
    fn the_table_is_capped() {
        let mut run = Run::default();
        for i in 0..MAX_ROWS + 5 {
            run.findings
                .push(Finding::new("io", Severity::Error, format!("m{i}")));
        }
        let mut out = Vec::new();
        Markdown.render(&run, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text.lines().filter(|l| l.starts_with("| ❌")).count(),
            MAX_ROWS
        );
        assert!(text.ends_with("\n5 more not shown: run `sigs-lint check` for all of them.\n"));
    }
}
