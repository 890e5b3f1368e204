//! Renderers: one per output format, behind one trait, all over the same [`Run`].

mod github;
mod human;
mod json;
mod sarif;
mod short;

use std::io::{self, Write};

pub use github::{Github, escape_data, escape_property};
pub use human::Human;
pub use json::Json;
pub use sarif::{CHECKS, Sarif, rule_descriptors};
pub use short::Short;

use crate::diagnostic::{Finding, Severity};
use crate::source::SourceFile;

/// Everything one invocation found: the files it read and the findings about them, sorted.
#[derive(Debug, Default)]
pub struct Run {
    pub files: Vec<SourceFile>,
    pub findings: Vec<Finding>,
    /// The generator flavour the docs were checked against, and why (none for `--no-docs`-only
    /// runs on text).
    pub generator: Option<crate::flavour::Detected>,
}

impl Run {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    pub fn file_of(&self, f: &Finding) -> Option<&SourceFile> {
        self.files.get(f.file)
    }

    /// `path:line:col` of a finding's primary label (or just the path).
    pub fn location(&self, f: &Finding) -> String {
        match (self.file_of(f), f.primary()) {
            (Some(file), Some(span)) => {
                let (line, col) = file.line_col(span.offset);
                format!("{}:{line}:{col}", file.name)
            }
            (Some(file), None) => file.name.clone(),
            (None, _) => "sigs-lint".to_string(),
        }
    }

    /// The closing summary: `2 errors, 1 warning (github-login: 1, valid-url: 2)`.
    pub fn summary(&self) -> String {
        if self.findings.is_empty() {
            return "no problems found".to_string();
        }
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let mut parts = vec![
            plural(self.count(Severity::Error), "error"),
            plural(self.count(Severity::Warning), "warning"),
        ];
        let notes = self.count(Severity::Note);
        if notes > 0 {
            parts.push(plural(notes, "note"));
        }
        let mut by_rule = std::collections::BTreeMap::<&str, usize>::new();
        for f in &self.findings {
            *by_rule.entry(f.rule).or_default() += 1;
        }
        let rules: Vec<String> = by_rule.iter().map(|(r, n)| format!("{r}: {n}")).collect();
        format!("{} ({})", parts.join(", "), rules.join(", "))
    }
}

/// Text with control characters made visible (`\u{1b}`), so that nothing a repository holds
/// (a `dir`, a committed file's content) can move the cursor or issue commands to a terminal or
/// a CI log. Tabs and line feeds stay (each format escapes line feeds its own way).
pub fn visible(s: &str) -> String {
    let shown = |c: char| c.is_control() && c != '\t' && c != '\n';
    if !s.chars().any(shown) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if shown(c) {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// A file as reports may show it: control characters (other than tab, newline and carriage
/// return) replaced by `?`, byte for byte, so spans stay valid and nothing reaches a terminal.
pub fn displayable(file: &SourceFile) -> std::borrow::Cow<'_, SourceFile> {
    let bad = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    if !file.text.chars().any(bad) {
        return std::borrow::Cow::Borrowed(file);
    }
    let text: String = file
        .text
        .chars()
        .map(|c| {
            if bad(c) {
                "?".repeat(c.len_utf8())
            } else {
                c.to_string()
            }
        })
        .collect();
    std::borrow::Cow::Owned(SourceFile::new(file.name.clone(), text))
}

pub trait Renderer {
    fn render(&self, run: &Run, out: &mut dyn Write) -> io::Result<()>;
}
