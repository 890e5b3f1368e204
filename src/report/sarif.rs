//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning, with every rule's and check's
//! descriptor.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Renderer, Run};
use crate::diagnostic::{CHECKS, Severity};
use crate::rules::{RULES, doc_section};

/// SARIF 2.1.0 for GitHub code scanning: the rules with their documentation (`rules/*.md`), the
/// load and docs checks, and one result per finding with its physical location.
pub struct Sarif;

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
    out.extend(CHECKS.iter().map(|c| {
        json!({
            "id": c.id,
            "name": c.id,
            "shortDescription": {"text": c.summary()},
            "fullDescription": {"text": doc_section(c.doc, "What it checks").unwrap_or("")},
            "help": {"text": c.summary()},
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
