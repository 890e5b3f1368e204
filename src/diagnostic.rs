//! What a run reports: one [`Finding`] type for everything (load problems, rule findings, upstream's
//! validation, stale or missing docs, tool errors), the [`Run`] that holds them in a stable order,
//! and the adapter to `miette::Diagnostic` for the graphical renderer.
//!
//! A finding owns its file (`Option<Arc<SourceFile>>`): producers on any thread attach the file
//! they read, and a finding about no file in particular (a missing file, a tool error) has none.

use std::fmt;
use std::sync::Arc;

use crate::source::{SourceFile, Span};

/// How many findings of one kind are kept (a rule's, or the dropped lines of one file); the rest
/// are counted in a note, not held in memory.
pub const MAX_FINDINGS_PER_KIND: usize = 1000;

/// The note that stands for the `more` findings of `id` past [`MAX_FINDINGS_PER_KIND`] (rules,
/// `unused-suppression`, `doc-orphan`): a flood is counted, not held.
pub fn more_not_shown(id: &'static str, more: usize) -> Finding {
    Finding::new(
        id,
        Severity::Note,
        format!(
            "{more} more `{id}` findings are not shown (the first {MAX_FINDINGS_PER_KIND} are)"
        ),
    )
}

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

/// One problem found in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule id (`label-format`) or load-check id (`unknown-field`); the miette code is
    /// `sigs-lint::<rule>`.
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// The file the labels point into; `None` for a finding about no file in particular.
    pub file: Option<Arc<SourceFile>>,
    /// The first label is the primary location.
    pub labels: Vec<Label>,
    pub help: Option<String>,
    /// A unified diff (stale generated files), shown after the report.
    pub diff: Option<String>,
    /// A safe, mechanical fix (`check --fix` applies it): edits of the finding's file.
    pub fix: Option<Fix>,
}

/// A fix: what it does, and the edits of the file's bytes that do it (byte spans of the file's
/// text, not overlapping). Edits keep everything around them: comments, quoting, layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, as a sentence fragment (`write \`sig-docs\``).
    pub title: String,
    pub edits: Vec<Edit>,
}

/// Replace the bytes at `span` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

impl Fix {
    /// The bytes the edits cover, first to last (for overlap tests).
    pub fn extent(&self) -> Option<(usize, usize)> {
        let start = self.edits.iter().map(|e| e.span.offset).min()?;
        let end = self
            .edits
            .iter()
            .map(|e| e.span.offset + e.span.len)
            .max()?;
        Some((start, end))
    }
}

impl Finding {
    pub fn new(rule: &'static str, severity: Severity, message: impl Into<String>) -> Self {
        Finding {
            rule,
            severity,
            message: message.into(),
            file: None,
            labels: Vec::new(),
            help: None,
            diff: None,
            fix: None,
        }
    }

    /// Attaches a fix (see [`Fix`]); `None` leaves the finding without one.
    pub fn with_fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix;
        self
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

    pub fn in_file(mut self, file: &Arc<SourceFile>) -> Self {
        self.file = Some(Arc::clone(file));
        self
    }

    /// A fingerprint that survives line moves: FNV-1a (64 bits, stable across platforms and
    /// releases) of the id, the file's name as given (`path`), the text the primary label
    /// underlines and the message. The baseline matches by it; SARIF gives it as a
    /// `partialFingerprints` entry.
    pub fn fingerprint(&self, path: &str) -> String {
        let underlined = match (&self.file, self.primary()) {
            (Some(file), Some(span)) => file.slice(span),
            _ => "",
        };
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for part in [self.rule, path, underlined, &self.message] {
            for b in part.bytes().chain([0xff]) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        format!("{h:016x}")
    }

    /// The primary span, if the finding points anywhere.
    pub fn primary(&self) -> Option<Span> {
        self.labels.first().map(|l| l.span)
    }

    /// Sort key within a file: position (findings without one last), then rule and message so
    /// that the order is total and stable.
    fn position_key(&self) -> (usize, usize, &'static str, &str) {
        let span = self.primary().unwrap_or(Span::new(usize::MAX, 0));
        (span.offset, span.len, self.rule, &self.message)
    }
}

/// What a check that is not a rule is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckKind {
    /// The data file cannot be read as the generator reads it.
    Load,
    /// sigs-lint could not do its job (exit code 2 where it is an error).
    Tool,
    /// The community's own generator or its verify would fail.
    Upstream,
    /// The committed generated files.
    Docs,
    /// The data file's suppression comments.
    Suppression,
}

/// A finding id that is not a rule (it cannot be configured): the one list every producer's id
/// is in (a test reads the sources to prove it), which SARIF describes and `fmt` and `generate`
/// consult.
#[derive(Debug)]
pub struct Check {
    pub id: &'static str,
    pub kind: CheckKind,
    /// An error of this id makes `generate` write nothing (unless `--force`): the generator
    /// itself would refuse the data.
    pub refuses_generation: bool,
    /// The check's page (`rules/<id>.md`), embedded in the binary.
    pub doc: &'static str,
}

pub static CHECKS: &[Check] = &[
    Check {
        id: "yaml-syntax",
        kind: CheckKind::Load,
        refuses_generation: false,
        doc: include_str!("../rules/yaml-syntax.md"),
    },
    Check {
        id: "yaml-budget",
        kind: CheckKind::Load,
        refuses_generation: false,
        doc: include_str!("../rules/yaml-budget.md"),
    },
    Check {
        id: "encoding",
        kind: CheckKind::Load,
        refuses_generation: false,
        doc: include_str!("../rules/encoding.md"),
    },
    Check {
        id: "not-sigs-yaml",
        kind: CheckKind::Load,
        refuses_generation: false,
        doc: include_str!("../rules/not-sigs-yaml.md"),
    },
    Check {
        id: "unknown-field",
        kind: CheckKind::Load,
        refuses_generation: false,
        doc: include_str!("../rules/unknown-field.md"),
    },
    Check {
        id: "wrong-type",
        kind: CheckKind::Load,
        refuses_generation: false,
        doc: include_str!("../rules/wrong-type.md"),
    },
    Check {
        id: "duplicate-key",
        kind: CheckKind::Load,
        refuses_generation: false,
        doc: include_str!("../rules/duplicate-key.md"),
    },
    Check {
        id: "rules-skipped",
        kind: CheckKind::Tool,
        refuses_generation: false,
        doc: include_str!("../rules/rules-skipped.md"),
    },
    Check {
        id: "config",
        kind: CheckKind::Tool,
        refuses_generation: false,
        doc: include_str!("../rules/config.md"),
    },
    Check {
        id: "generator-validation",
        kind: CheckKind::Upstream,
        refuses_generation: true,
        doc: include_str!("../rules/generator-validation.md"),
    },
    Check {
        id: "marker-in-value",
        kind: CheckKind::Upstream,
        refuses_generation: true,
        doc: include_str!("../rules/marker-in-value.md"),
    },
    Check {
        id: "canonical-form",
        kind: CheckKind::Upstream,
        refuses_generation: false,
        doc: include_str!("../rules/canonical-form.md"),
    },
    Check {
        id: "generator-decode",
        kind: CheckKind::Load,
        refuses_generation: true,
        doc: include_str!("../rules/generator-decode.md"),
    },
    Check {
        id: "generator-flavour",
        kind: CheckKind::Upstream,
        refuses_generation: false,
        doc: include_str!("../rules/generator-flavour.md"),
    },
    Check {
        id: "io",
        kind: CheckKind::Tool,
        refuses_generation: false,
        doc: include_str!("../rules/io.md"),
    },
    Check {
        id: "doc-stale",
        kind: CheckKind::Docs,
        refuses_generation: false,
        doc: include_str!("../rules/doc-stale.md"),
    },
    Check {
        id: "doc-missing",
        kind: CheckKind::Docs,
        refuses_generation: false,
        doc: include_str!("../rules/doc-missing.md"),
    },
    Check {
        id: "doc-orphan",
        kind: CheckKind::Docs,
        refuses_generation: false,
        doc: include_str!("../rules/doc-orphan.md"),
    },
    Check {
        id: "doc-line-endings",
        kind: CheckKind::Docs,
        refuses_generation: false,
        doc: include_str!("../rules/doc-line-endings.md"),
    },
    Check {
        id: "custom-content",
        kind: CheckKind::Docs,
        refuses_generation: false,
        doc: include_str!("../rules/custom-content.md"),
    },
    Check {
        id: "template-error",
        kind: CheckKind::Docs,
        refuses_generation: false,
        doc: include_str!("../rules/template-error.md"),
    },
    Check {
        id: "unused-suppression",
        kind: CheckKind::Suppression,
        refuses_generation: false,
        doc: include_str!("../rules/unused-suppression.md"),
    },
    Check {
        id: "baseline",
        kind: CheckKind::Suppression,
        refuses_generation: false,
        doc: include_str!("../rules/baseline.md"),
    },
];

impl CheckKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckKind::Load => "load",
            CheckKind::Tool => "tool",
            CheckKind::Upstream => "upstream",
            CheckKind::Docs => "docs",
            CheckKind::Suppression => "suppress",
        }
    }

    /// What checks of this kind are about.
    pub fn describe(self) -> &'static str {
        match self {
            CheckKind::Load => "the data file cannot be read as the generator reads it",
            CheckKind::Tool => "sigs-lint could not do its job",
            CheckKind::Upstream => "the community's own generator or its verify would fail",
            CheckKind::Docs => "the committed generated files",
            CheckKind::Suppression => "suppression comments and the baseline",
        }
    }
}

impl Check {
    /// The page `sigs-lint rule <id>` prints for a check.
    pub fn doc(&self) -> &'static str {
        self.doc
    }

    /// The page's one-line summary.
    pub fn summary(&self) -> &'static str {
        doc_summary(self.doc)
    }
}

/// The text of a `## {title}` section of a rule's or check's page (up to the next `## `
/// heading), trimmed.
pub fn doc_section<'d>(doc: &'d str, title: &str) -> Option<&'d str> {
    let heading = format!("\n## {title}\n");
    let start = doc.find(&heading)? + heading.len();
    let rest = &doc[start..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    Some(rest[..end].trim())
}

/// The first paragraph after the `# id` title of a rule's or check's page.
pub fn doc_summary(doc: &str) -> &str {
    doc.lines()
        .skip_while(|l| l.starts_with('#') || l.trim().is_empty())
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
}

/// The check with this id.
pub fn check(id: &str) -> Option<&'static Check> {
    CHECKS.iter().find(|c| c.id == id)
}

/// What the generated docs were checked against, as reports show it once per run.
#[derive(Clone, Debug)]
pub struct Generator {
    /// One line: which generator, and how it was chosen.
    pub reason: String,
    /// The same as a JSON object (the `generator` of json and SARIF output).
    pub json: serde_json::Value,
}

/// Everything one invocation found: the files it read, in the order it read them, and the
/// findings about them.
#[derive(Clone, Debug, Default)]
pub struct Run {
    pub files: Vec<Arc<SourceFile>>,
    pub findings: Vec<Finding>,
    /// The generator the docs were checked against (none for runs on text alone).
    pub generator: Option<Generator>,
}

impl Run {
    /// Adds a file to the run's list and returns the handle findings point at it with.
    pub fn add_file(&mut self, file: SourceFile) -> Arc<SourceFile> {
        let file = Arc::new(file);
        self.files.push(Arc::clone(&file));
        file
    }

    /// Sorts the findings: by file in the order the run read them (findings about no file last),
    /// then by position. A finding's file missing from the list is added to it first.
    pub fn sort(&mut self) {
        for f in &self.findings {
            if let Some(file) = &f.file
                && !self.files.iter().any(|g| Arc::ptr_eq(g, file))
            {
                self.files.push(Arc::clone(file));
            }
        }
        let rank = |f: &Finding| {
            f.file.as_ref().map_or(usize::MAX, |file| {
                self.files
                    .iter()
                    .position(|g| Arc::ptr_eq(g, file))
                    .unwrap_or(usize::MAX)
            })
        };
        let mut keyed: Vec<(usize, Finding)> = std::mem::take(&mut self.findings)
            .into_iter()
            .map(|f| (rank(&f), f))
            .collect();
        keyed.sort_by(|(ra, a), (rb, b)| (ra, a.position_key()).cmp(&(rb, b.position_key())));
        self.findings = keyed.into_iter().map(|(_, f)| f).collect();
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    pub fn file_of<'a>(&self, f: &'a Finding) -> Option<&'a SourceFile> {
        f.file.as_deref()
    }

    /// `path:line:col` of a finding's primary label (or just the path), for the text formats:
    /// a path's control characters made visible (a folder may be named with any).
    pub fn location(&self, f: &Finding) -> String {
        match (self.file_of(f), f.primary()) {
            (Some(file), Some(span)) => {
                let (line, col) = file.line_col(span.offset);
                format!("{}:{line}:{col}", visible_name(&file.name))
            }
            (Some(file), None) => visible_name(&file.name),
            (None, _) => "sigs-lint".to_string(),
        }
    }

    /// `--statistics`: one line per id and severity with its count (most frequent first), then the
    /// summary.
    pub fn statistics(&self) -> String {
        let mut counts = std::collections::BTreeMap::<(&str, Severity), usize>::new();
        for f in &self.findings {
            *counts.entry((f.rule, f.severity)).or_default() += 1;
        }
        let mut rows: Vec<((&str, Severity), usize)> = counts.into_iter().collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let width = rows
            .iter()
            .map(|(_, n)| n.to_string().len())
            .max()
            .unwrap_or(1);
        let id_width = rows.iter().map(|((id, _), _)| id.len()).max().unwrap_or(0);
        let mut out = String::new();
        for ((id, severity), n) in rows {
            out.push_str(&format!("{n:>width$}  {id:id_width$}  {severity}\n"));
        }
        out.push_str(&self.summary());
        out.push('\n');
        out
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
        let fixable = match self.fixable() {
            0 => String::new(),
            n => format!("; {n} fixable with `sigs-lint check --fix`"),
        };
        format!("{} ({}){fixable}", parts.join(", "), rules.join(", "))
    }

    /// How many findings carry a fix (`check --fix` would apply).
    pub fn fixable(&self) -> usize {
        self.findings.iter().filter(|f| f.fix.is_some()).count()
    }
}

/// A finding together with its source file, as miette wants it.
pub struct Rendered<'a> {
    pub finding: &'a Finding,
    pub source: Option<&'a SourceFile>,
    code: String,
    /// The labels drawn in the finding's own snippet: those near the primary one.
    near: Vec<miette::LabeledSpan>,
    /// Labels far from the primary one, each group drawn in a snippet of its own.
    far: Vec<Related<'a>>,
    /// The message and help given to miette in place of the finding's, with the snippets of
    /// `far` left out: see [`Rendered::prewrapped`].
    prewrapped: Option<(String, Option<String>)>,
}

/// Labels whose lines are at most this far apart share a snippet; a label farther from the
/// others gets a snippet of its own (miette draws every line between two labels of a snippet).
pub const SNIPPET_GAP: usize = 6;

/// A label spanning more lines than this is drawn on its first line only (a whole file
/// underlined helps nobody); the reports' positions keep the whole span.
pub const MAX_LABEL_LINES: usize = 3;

/// What a [`Related`] snippet is drawn from: its file (by address), message and labels (offset,
/// length, text, primary).
pub type RelatedKey = (usize, String, Vec<(usize, usize, Option<String>, bool)>);

/// A snippet of labels far from a finding's primary label.
#[derive(Clone)]
pub struct Related<'a> {
    source: &'a SourceFile,
    message: String,
    labels: Vec<miette::LabeledSpan>,
}

impl Related<'_> {
    /// The line above the snippet.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// What the snippet is drawn from (its file, message and labels): snippets with equal keys
    /// are drawn alike.
    pub fn key(&self) -> RelatedKey {
        (
            std::ptr::from_ref(self.source) as usize,
            self.message.clone(),
            self.labels
                .iter()
                .map(|l| {
                    (
                        l.offset(),
                        l.len(),
                        l.label().map(str::to_string),
                        l.primary(),
                    )
                })
                .collect(),
        )
    }

    /// The same snippet under another message (the human report's pre-wrapped one).
    pub fn with_message(&self, message: String) -> Self {
        Related {
            message,
            ..self.clone()
        }
    }
}

impl fmt::Debug for Related<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Related<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Related<'_> {}

impl miette::Diagnostic for Related<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

/// The span drawn for a label: a span over more than [`MAX_LABEL_LINES`] lines is cut at the end
/// of its first line.
fn drawn(file: &SourceFile, span: Span) -> Span {
    let (first, _) = file.line_col(span.offset);
    let (last, _) = file.line_col(span.end());
    if last - first < MAX_LABEL_LINES {
        return span;
    }
    let line_end = file.offset_of(first, 1) + file.line_text(first).len();
    Span::new(span.offset, line_end.saturating_sub(span.offset))
}

impl<'a> Rendered<'a> {
    pub fn new(finding: &'a Finding, source: Option<&'a SourceFile>) -> Self {
        let mut near = Vec::new();
        let mut far = Vec::new();
        if let Some(file) = source {
            // Labels in order of position, grouped where each is within SNIPPET_GAP lines of
            // the one before; the group holding the primary label is the finding's own snippet.
            let mut order: Vec<(usize, Span)> = finding
                .labels
                .iter()
                .enumerate()
                .map(|(i, l)| (i, drawn(file, l.span)))
                .collect();
            order.sort_by_key(|(i, s)| (s.offset, *i));
            let mut groups: Vec<Vec<(usize, Span)>> = Vec::new();
            let mut last_line = 0;
            for (i, span) in order {
                let (line, _) = file.line_col(span.offset);
                let (end, _) = file.line_col(span.end());
                match groups.last_mut() {
                    Some(g) if line <= last_line + SNIPPET_GAP => g.push((i, span)),
                    _ => groups.push(vec![(i, span)]),
                }
                last_line = last_line.max(end);
            }
            let label = |&(i, span): &(usize, Span)| {
                let text = finding.labels[i].text.clone();
                let span = miette::SourceSpan::from(span);
                if i == 0 {
                    miette::LabeledSpan::new_primary_with_span(text, span)
                } else {
                    miette::LabeledSpan::new_with_span(text, span)
                }
            };
            for g in groups {
                let labels: Vec<_> = g.iter().map(label).collect();
                if g.iter().any(|(i, _)| *i == 0) {
                    near = labels;
                } else {
                    let (line, _) = file.line_col(g[0].1.offset);
                    far.push(Related {
                        source: file,
                        message: format!("see also line {line}"),
                        labels,
                    });
                }
            }
        }
        Rendered {
            finding,
            source,
            code: format!("sigs-lint::{}", finding.rule),
            near,
            far,
            prewrapped: None,
        }
    }

    /// The snippets of labels far from the primary one (miette's related diagnostics).
    pub fn far(&self) -> &[Related<'a>] {
        &self.far
    }

    /// This finding with `message` and `help` given to miette in place of its own, and without
    /// the snippets of [`Rendered::far`]: for a report that wraps the text itself and draws
    /// those snippets after miette's part (`report::human`).
    pub fn prewrapped(mut self, message: String, help: Option<String>) -> Self {
        self.prewrapped = Some((message, help));
        self
    }
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.finding, f)
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.prewrapped {
            Some((message, _)) => f.write_str(message),
            None => f.write_str(&self.finding.message),
        }
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
        match &self.prewrapped {
            Some((_, help)) => help.as_ref(),
            None => self.finding.help.as_ref(),
        }
        .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        if self.near.is_empty() {
            return None;
        }
        Some(Box::new(self.near.iter().cloned()))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.far.is_empty() || self.prewrapped.is_some() {
            return None;
        }
        Some(Box::new(
            self.far.iter().map(|r| r as &dyn miette::Diagnostic),
        ))
    }
}

/// Whether `c` is a Unicode bidirectional embedding, override or isolate (U+202A to U+202E,
/// U+2066 to U+2069): invisible, it reorders the text around it as a terminal or a review page
/// shows it ("Trojan Source"), so that a finding could read other than it is.
pub fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text with control characters and bidirectional controls ([`is_bidi`]) made visible
/// (`\u{1b}`, `\u{202e}`), so that nothing a repository holds (a `dir`, a committed file's
/// content) can move the cursor, reorder what is shown or issue commands to a terminal or a CI
/// log. Tabs and line feeds stay (each format escapes line feeds its own way).
pub fn visible(s: &str) -> String {
    escaped(s, |c| {
        (c.is_control() && c != '\t' && c != '\n') || is_bidi(c)
    })
}

/// A path or file name as every format prints it: [`visible`], and its line feeds and tabs
/// escaped too (`\u{a}`): a location is one line (`path:line:col`, a snippet's header), and a
/// name holding a newline (a folder `x\n::error::y` that `doc-orphan` reports) would break it.
/// Invisible characters too ([`crate::source::is_invisible`]: zero-width spaces and joiners,
/// line separators, a soft hyphen): `sig-docs\u{200b}` or `.g\u{200c}it` (which macOS reads as
/// `.git`) must not pass for the name they look like.
pub fn visible_name(s: &str) -> String {
    escaped(s, |c| {
        c.is_control() || is_bidi(c) || crate::source::is_invisible(c)
    })
}

/// `s` with each character `shown` picks written `\u{…}`.
fn escaped(s: &str, shown: impl Fn(char) -> bool) -> String {
    if !s.chars().any(&shown) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if shown(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statistics_count_each_id_and_severity_most_frequent_first() {
        let mut run = Run::default();
        for (rule, severity) in [
            ("valid-url", Severity::Warning),
            ("doc-stale", Severity::Error),
            ("valid-url", Severity::Warning),
            ("valid-url", Severity::Error),
        ] {
            run.findings.push(Finding::new(rule, severity, "m"));
        }
        assert_eq!(
            run.statistics(),
            "2  valid-url  warning\n1  doc-stale  error\n1  valid-url  error\n2 errors, 2 warnings (doc-stale: 1, valid-url: 3)\n"
        );
    }

    #[test]
    fn a_run_sorts_by_file_read_order_then_position_and_fileless_findings_last() {
        let mut run = Run::default();
        let data = run.add_file(SourceFile::new("sigs.yaml", "a: b\nc: d\n"));
        let doc = Arc::new(SourceFile::new("sig-a/README.md", "x\n"));
        let f = |rule, at: usize| {
            Finding::new(rule, Severity::Error, "m").label_plain(Span::new(at, 1))
        };
        run.findings = vec![
            Finding::new("io", Severity::Error, "no file"),
            f("doc-stale", 0).in_file(&doc),
            f("b", 5).in_file(&data),
            f("a", 0).in_file(&data),
        ];
        run.sort();
        let order: Vec<_> = run.findings.iter().map(|f| f.rule).collect();
        assert_eq!(order, ["a", "b", "doc-stale", "io"]);
        // The unlisted document was registered after the data file, in the order met.
        let names: Vec<_> = run.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["sigs.yaml", "sig-a/README.md"]);
        assert_eq!(run.location(&run.findings[3]), "sigs-lint");
        assert_eq!(run.location(&run.findings[1]), "sigs.yaml:2:1");
    }
}
