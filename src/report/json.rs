//! `--format json`: one JSON document with every finding (rule, severity, message, file, 1-based
//! line and column spans, help, diff), the summary counts and the generator the docs were
//! checked against.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{Renderer, Run};
use crate::diagnostic::Severity;

/// One JSON document (schema version 1; field names are stable):
///
/// ```json
/// {"version": 1, "tool": {"name": "sigs-lint", "version": "0.1.0"},
///  "generator": {"id": "kubernetes-K35", "title": "…", "reason": "…", "notice": null,
///                "data_file": "sigs.yaml", "template_dir": "generator", "list_output": "sig-list.md",
///                "liaisons": true, "yaml_emitter": "yaml.v3 v3.0.1", "validation_fatal": true},
///  "findings": [{"rule": "label-format", "severity": "error", "message": "…", "help": "…",
///                "file": "sigs.yaml", "span": {"offset": 120, "length": 9},
///                "start": {"line": 5, "column": 12}, "end": {"line": 5, "column": 21},
///                "diff": null,
///                "fix": {"title": "write `docs`", "edits": [{"span": {"offset": 120, "length": 9},
///                        "start": {"line": 5, "column": 12}, "end": {"line": 5, "column": 21},
///                        "replacement": "docs"}]}}],
///  "summary": {"errors": 1, "warnings": 0, "notes": 0, "fixable": 1,
///              "by_rule": {"label-format": 1}}}
/// ```
/// `file`, `span`, `start` and `end` are null for findings about no file (a missing file, a tool
/// error); lines and columns are 1-based, columns count characters. `generator` is the generator
/// flavour the data and docs were checked against, and why (null when none was chosen). `fix` is
/// the safe fix `check --fix` would apply (null when none): edits of the finding's file, byte
/// spans of its text, that do not overlap.
pub struct Json;

#[derive(Serialize)]
struct Doc<'a> {
    version: u32,
    tool: Tool,
    generator: Option<serde_json::Value>,
    findings: Vec<JsonFinding<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

#[derive(Serialize)]
struct SpanJson {
    offset: usize,
    length: usize,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    file: Option<&'a str>,
    span: Option<SpanJson>,
    start: Option<Position>,
    end: Option<Position>,
    diff: Option<&'a str>,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    span: SpanJson,
    start: Position,
    end: Position,
    replacement: &'a str,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    notes: usize,
    fixable: usize,
    by_rule: BTreeMap<String, usize>,
}

fn position(file: &crate::source::SourceFile, offset: usize) -> Position {
    let (line, column) = file.line_col(offset);
    Position { line, column }
}

impl Renderer for Json {
    fn is_json(&self) -> bool {
        true
    }

    fn render_raw(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        let findings = run
            .findings
            .iter()
            .map(|f| {
                let file = run.file_of(f);
                let span = file.and(f.primary());
                JsonFinding {
                    rule: f.rule,
                    severity: f.severity.as_str(),
                    message: &f.message,
                    help: f.help.as_deref(),
                    file: file.map(|s| s.name.as_str()),
                    span: span.map(|s| SpanJson {
                        offset: s.offset,
                        length: s.len,
                    }),
                    start: file.zip(span).map(|(file, s)| position(file, s.offset)),
                    end: file.zip(span).map(|(file, s)| position(file, s.end())),
                    diff: f.diff.as_deref(),
                    fix: file.zip(f.fix.as_ref()).map(|(file, fix)| JsonFix {
                        title: &fix.title,
                        edits: fix
                            .edits
                            .iter()
                            .map(|e| JsonEdit {
                                span: SpanJson {
                                    offset: e.span.offset,
                                    length: e.span.len,
                                },
                                start: position(file, e.span.offset),
                                end: position(file, e.span.end()),
                                replacement: &e.replacement,
                            })
                            .collect(),
                    }),
                }
            })
            .collect();
        let mut by_rule = BTreeMap::new();
        for f in &run.findings {
            *by_rule.entry(f.rule.to_string()).or_default() += 1;
        }
        let doc = Doc {
            version: 1,
            tool: Tool {
                name: "sigs-lint",
                version: env!("CARGO_PKG_VERSION"),
            },
            generator: run.generator.as_ref().map(|g| g.json.clone()),
            findings,
            summary: Summary {
                errors: run.count(Severity::Error),
                warnings: run.count(Severity::Warning),
                notes: run.count(Severity::Note),
                fixable: run.fixable(),
                by_rule,
            },
        };
        serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::other)?;
        writeln!(out)
    }
}
