use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Renderer, Run};
use crate::diagnostic::Severity;
use crate::rules::{RULES, doc_section};

/// SARIF 2.1.0 for GitHub code scanning: the rules with their documentation (`rules/*.md`), the
/// load and docs checks, and one result per finding with its physical location.
pub struct Sarif;

/// Checks that are not rules (they cannot be configured): their ids and one-line descriptions.
pub const CHECKS: &[(&str, &str)] = &[
    ("yaml-syntax", "The data file is valid YAML."),
    (
        "yaml-budget",
        "The data file stays within the YAML resource limits (no alias bombs, no absurd nesting).",
    ),
    ("encoding", "The data file is valid UTF-8."),
    (
        "not-sigs-yaml",
        "The data file is a sigs.yaml: a mapping with sigs, workinggroups, usergroups, committees.",
    ),
    (
        "unknown-field",
        "Every key is one the generator knows (it decodes strictly).",
    ),
    (
        "wrong-type",
        "Every value has the type the generator expects.",
    ),
    ("duplicate-key", "No mapping gives a key twice."),
    (
        "rules-skipped",
        "The rules ran (they do not run on a file with load errors).",
    ),
    ("config", "The sigs-lint configuration file is valid."),
    (
        "generator-validation",
        "The community's own generator accepts the data (its Validate), and generate writes only then.",
    ),
    (
        "marker-in-value",
        "No value holds a custom-content marker (the generator would take it for a block's edge).",
    ),
    (
        "canonical-form",
        "The data file is in the form its generator writes back (sorted, re-emitted by its yaml.v3).",
    ),
    (
        "generator-decode",
        "Every key of the data file is one the community's generator decodes (it decodes strictly).",
    ),
    (
        "generator-flavour",
        "generator/app.go matches a generator flavour sigs-lint knows.",
    ),
    ("io", "sigs-lint could read what it needs."),
    (
        "doc-stale",
        "A generated file is exactly what the generator writes from sigs.yaml.",
    ),
    (
        "doc-missing",
        "Every file the generator writes is committed.",
    ),
    (
        "doc-orphan",
        "No committed generated file is left over from a group that no longer exists.",
    ),
    ("doc-line-endings", "Generated files have LF line endings."),
    (
        "custom-content",
        "Custom content stands between the custom-content markers, where regeneration keeps it.",
    ),
    ("template-error", "The templates parse and execute."),
];

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// The rule descriptors of the driver, in a stable order (rules, then checks).
pub fn rule_descriptors() -> Vec<Value> {
    let mut out: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id(),
                "name": r.id(),
                "shortDescription": {"text": r.summary()},
                "fullDescription": {"text": doc_section(r.doc(), "What it checks").unwrap_or("")},
                "help": {"text": r.doc(), "markdown": r.doc()},
                "defaultConfiguration": {"level": level(r.default_severity())},
            })
        })
        .collect();
    out.extend(CHECKS.iter().map(|(id, text)| {
        json!({
            "id": id,
            "name": id,
            "shortDescription": {"text": text},
            "fullDescription": {"text": text},
            "help": {"text": text},
            "defaultConfiguration": {"level": "error"},
        })
    }));
    out
}

impl Renderer for Sarif {
    fn render(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        let rules = rule_descriptors();
        let index_of = |id: &str| rules.iter().position(|r| r["id"] == id);
        let results: Vec<Value> = run
            .findings
            .iter()
            .map(|f| {
                let mut result = json!({
                    "ruleId": f.rule,
                    "level": level(f.severity),
                    "message": {"text": match &f.help {
                        Some(h) => format!("{}\nhelp: {h}", f.message),
                        None => f.message.clone(),
                    }},
                });
                if let Some(i) = index_of(f.rule) {
                    result["ruleIndex"] = json!(i);
                }
                if let Some(file) = run.file_of(f) {
                    let mut physical = json!({"artifactLocation": {"uri": file.name}});
                    if let Some(span) = f.primary() {
                        let (line, col) = file.line_col(span.offset);
                        let (end_line, end_col) = file.line_col(span.end());
                        physical["region"] = json!({
                            "startLine": line,
                            "startColumn": col,
                            "endLine": end_line,
                            "endColumn": end_col,
                            "byteOffset": span.offset,
                            "byteLength": span.len,
                        });
                    }
                    result["locations"] = json!([{"physicalLocation": physical}]);
                } else {
                    // GitHub requires a location: findings about no file point at the repository.
                    result["locations"] =
                        json!([{"physicalLocation": {"artifactLocation": {"uri": "."}}}]);
                }
                result
            })
            .collect();
        let mut properties = json!({});
        if let Some(g) = &run.generator {
            properties["generator"] = g.json.clone();
        }
        let doc = json!({
            "version": "2.1.0",
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "runs": [{
                "tool": {"driver": {
                    "name": "sigs-lint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/sigs-lint/sigs-lint",
                    "rules": rules,
                }},
                "columnKind": "unicodeCodePoints",
                "properties": properties,
                "results": results,
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::other)?;
        writeln!(out)
    }
}
