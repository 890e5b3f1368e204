//! One finding type for everything sigs-lint reports (load problems, rule findings and, later, stale
//! generated files), and its adapter to `miette::Diagnostic` for the graphical renderer.

use std::fmt;

use crate::source::{SourceFile, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub text: Option<String>,
}

/// `Finding::file` of a finding about no file in particular (a missing file, a tool error).
pub const NO_FILE: usize = usize::MAX;

/// One problem found in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule id (`label-format`) or load-check id (`unknown-field`); the miette code is
    /// `sigs-lint::<rule>`.
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Index of the file in the run's file list, or [`NO_FILE`].
    pub file: usize,
    /// The first label is the primary location.
    pub labels: Vec<Label>,
    pub help: Option<String>,
    /// A unified diff (stale generated files), shown after the report.
    pub diff: Option<String>,
}

impl Finding {
    pub fn new(rule: &'static str, severity: Severity, message: impl Into<String>) -> Self {
        Finding {
            rule,
            severity,
            message: message.into(),
            file: 0,
            labels: Vec::new(),
            help: None,
            diff: None,
        }
    }

    pub fn label(mut self, span: Span, text: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            text: Some(text.into()),
        });
        self
    }

    pub fn label_plain(mut self, span: Span) -> Self {
        self.labels.push(Label { span, text: None });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn in_file(mut self, file: usize) -> Self {
        self.file = file;
        self
    }

    /// The primary span, if the finding points anywhere.
    pub fn primary(&self) -> Option<Span> {
        self.labels.first().map(|l| l.span)
    }

    /// Sort key: file, position (findings without one last), then rule and message so that the
    /// order is total and stable.
    pub fn sort_key(&self) -> (usize, usize, usize, &'static str, &str) {
        let span = self.primary().unwrap_or(Span::new(usize::MAX, 0));
        (self.file, span.offset, span.len, self.rule, &self.message)
    }
}

/// Sorts findings by file and position (deterministic output).
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// A finding together with its source file, as miette wants it.
pub struct Rendered<'a> {
    pub finding: &'a Finding,
    pub source: Option<&'a SourceFile>,
    code: String,
}

impl<'a> Rendered<'a> {
    pub fn new(finding: &'a Finding, source: Option<&'a SourceFile>) -> Self {
        Rendered {
            finding,
            source,
            code: format!("sigs-lint::{}", finding.rule),
        }
    }
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.finding, f)
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for Rendered<'_> {}

impl miette::Diagnostic for Rendered<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Note => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.finding
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.source?;
        if self.finding.labels.is_empty() {
            return None;
        }
        Some(Box::new(self.finding.labels.iter().enumerate().map(
            |(i, l)| {
                let span = miette::SourceSpan::from(l.span);
                if i == 0 {
                    miette::LabeledSpan::new_primary_with_span(l.text.clone(), span)
                } else {
                    miette::LabeledSpan::new_with_span(l.text.clone(), span)
                }
            },
        )))
    }
}
