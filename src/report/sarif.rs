//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning, with every rule's and check's
//! descriptor.

use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use serde_json::{Value, json};

use super::{Renderer, Run};
use crate::diagnostic::{CHECKS, CheckKind, Finding, Severity, check};
use crate::rules::{RULES, doc_section};
use crate::source::SourceFile;

/// Where the rules' and checks' pages are published (`helpUri`).
pub const DOCS_URI: &str = "https://github.com/sigs-lint/sigs-lint/blob/main/rules/";

/// SARIF 2.1.0 for GitHub code scanning: the rules and checks with their pages (`rules/*.md`), one
/// result per finding with its physical location (relative to `%SRCROOT%`, the working
/// directory), a fingerprint that survives line moves, the fix when there is one; what stopped
/// sigs-lint from doing its job (the tool checks: `io`, `config`, `rules-skipped`) goes to the
/// invocation's notifications, not to the results (it is no alert about the code).
#[derive(Clone, Debug, Default)]
pub struct Sarif {
    /// The working directory: relative paths are relative to it (`%SRCROOT%`), and paths that
    /// leave it become absolute `file://` URIs. `None`: `%SRCROOT%` is left undefined.
    pub cwd: Option<PathBuf>,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// `label-format` → `LabelFormat`: the descriptor's human-readable `name` (SARIF wants it to
/// differ from the id).
pub fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn is_tool(id: &str) -> bool {
    check(id).is_some_and(|c| c.kind == CheckKind::Tool)
}

/// The reporting descriptors of the driver's rules, in a stable order (rules, then the checks
/// that are about the repository); the tool checks are notification descriptors.
pub fn rule_descriptors() -> Vec<Value> {
    let mut out: Vec<Value> = RULES
        .iter()
        .map(|r| {
            with_name(json!({
                "id": r.id(),
                "shortDescription": {"text": r.summary()},
                "fullDescription": {"text": doc_section(r.doc(), "What it checks").unwrap_or("")},
                "help": {"text": r.doc(), "markdown": r.doc()},
                "helpUri": format!("{DOCS_URI}{}.md", r.id()),
                "defaultConfiguration": {"level": level(r.default_severity())},
            }))
        })
        .collect();
    out.extend(
        CHECKS
            .iter()
            .filter(|c| c.kind != CheckKind::Tool)
            .map(descriptor),
    );
    out
}

/// A descriptor with its `name`: the id in PascalCase, where that differs from the id in more
/// than case (SARIF wants the name omitted where it would equal the id).
fn with_name(mut d: Value) -> Value {
    let id = d["id"].as_str().unwrap_or("").to_string();
    if id.contains('-') {
        d["name"] = json!(pascal_case(&id));
    }
    d
}

fn descriptor(c: &crate::diagnostic::Check) -> Value {
    with_name(json!({
        "id": c.id,
        "shortDescription": {"text": c.summary()},
        "fullDescription": {"text": doc_section(c.doc, "What it checks").unwrap_or("")},
        "help": {"text": c.doc, "markdown": c.doc},
        "helpUri": format!("{DOCS_URI}{}.md", c.id),
        "defaultConfiguration": {"level": "error"},
    }))
}

/// The notification descriptors: the tool checks.
pub fn notification_descriptors() -> Vec<Value> {
    CHECKS
        .iter()
        .filter(|c| c.kind == CheckKind::Tool)
        .map(descriptor)
        .collect()
}

/// A relative path as a URI reference: each segment percent-encoded.
fn encode_relative(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

impl Sarif {
    /// The artifact location of a file as reports name it: relative to `%SRCROOT%` when it is
    /// inside the working directory, else an absolute `file://` URI.
    fn artifact(&self, name: &str) -> Value {
        let p = Path::new(name);
        let leaves = p.components().next() == Some(Component::ParentDir);
        if !p.is_absolute() && !leaves {
            let rel = name.strip_prefix("./").unwrap_or(name);
            return json!({"uri": encode_relative(rel), "uriBaseId": "%SRCROOT%"});
        }
        let abs = match (&self.cwd, p.is_absolute()) {
            (_, true) => Some(normalize(p)),
            (Some(cwd), false) => Some(normalize(&cwd.join(p))),
            (None, false) => None,
        };
        match abs.and_then(|a| url::Url::from_file_path(a).ok()) {
            Some(u) => json!({"uri": u.as_str()}),
            None => json!({"uri": encode_relative(name)}),
        }
    }

    fn region(file: &SourceFile, f: &Finding) -> Value {
        match f.primary() {
            Some(span) => {
                let (line, col) = file.line_col(span.offset);
                let (end_line, end_col) = file.line_col(span.end());
                json!({
                    "startLine": line,
                    "startColumn": col,
                    "endLine": end_line,
                    "endColumn": end_col,
                    "byteOffset": span.offset,
                    "byteLength": span.len,
                })
            }
            // A finding about a whole file.
            None => json!({"startLine": 1, "endLine": file.line_count()}),
        }
    }

    fn locations(&self, run: &Run, f: &Finding) -> Option<Value> {
        let file = run.file_of(f)?;
        Some(json!([{"physicalLocation": {
            "artifactLocation": self.artifact(&file.name),
            "region": Self::region(file, f),
        }}]))
    }

    fn fixes(&self, run: &Run, f: &Finding) -> Option<Value> {
        let (file, fix) = (run.file_of(f)?, f.fix.as_ref()?);
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|e| {
                json!({
                    "deletedRegion": {"byteOffset": e.span.offset, "byteLength": e.span.len},
                    "insertedContent": {"text": e.replacement},
                })
            })
            .collect();
        Some(json!([{
            "description": {"text": super::visible(&fix.title)},
            "artifactChanges": [{
                "artifactLocation": self.artifact(&file.name),
                "replacements": replacements,
            }],
        }]))
    }
}

impl Renderer for Sarif {
    fn is_json(&self) -> bool {
        true
    }

    fn render_raw(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        let rules = rule_descriptors();
        let notification_rules = notification_descriptors();
        let index_of = |list: &[Value], id: &str| list.iter().position(|r| r["id"] == id);
        // Shown by code scanning as it is: control and bidirectional characters of values
        // made visible, as in every other format.
        let message = |f: &Finding| match &f.help {
            Some(h) => super::visible(&format!("{}\nhelp: {h}", f.message)),
            None => super::visible(&f.message),
        };
        let mut results: Vec<Value> = Vec::new();
        let mut notifications: Vec<Value> = Vec::new();
        for f in &run.findings {
            if is_tool(f.rule) {
                let mut n = json!({
                    "level": level(f.severity),
                    "message": {"text": message(f)},
                    "descriptor": {"id": f.rule},
                });
                if let Some(i) = index_of(&notification_rules, f.rule) {
                    n["descriptor"]["index"] = json!(i);
                }
                if let Some(l) = self.locations(run, f) {
                    n["locations"] = l;
                }
                notifications.push(n);
                continue;
            }
            let mut result = json!({
                "ruleId": f.rule,
                "level": level(f.severity),
                "message": {"text": message(f)},
            });
            if let Some(i) = index_of(&rules, f.rule) {
                result["ruleIndex"] = json!(i);
            }
            let path = run.file_of(f).map_or("", |file| file.name.as_str());
            result["partialFingerprints"] = json!({"sigsLintFingerprint/v1": f.fingerprint(path)});
            if let Some(l) = self.locations(run, f) {
                result["locations"] = l;
            }
            if let Some(fixes) = self.fixes(run, f) {
                result["fixes"] = fixes;
            }
            results.push(result);
        }
        let failed = run
            .findings
            .iter()
            .any(|f| is_tool(f.rule) && f.severity == Severity::Error);
        let mut invocation = json!({
            "executionSuccessful": !failed,
            "toolExecutionNotifications": notifications,
        });
        if let Some(cwd) = &self.cwd
            && let Ok(u) = url::Url::from_directory_path(cwd)
        {
            invocation["workingDirectory"] = json!({"uri": u.as_str()});
        }
        let mut run_json = json!({
            "tool": {"driver": {
                "name": "sigs-lint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/sigs-lint/sigs-lint",
                "rules": rules,
                "notifications": notification_rules,
            }},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": results,
        });
        if let Some(cwd) = &self.cwd
            && let Ok(u) = url::Url::from_directory_path(cwd)
        {
            run_json["originalUriBaseIds"] = json!({"%SRCROOT%": {"uri": u.as_str()}});
        }
        if let Some(g) = &run.generator {
            run_json["properties"] = json!({"generator": g.json.clone()});
        }
        let doc = json!({
            "version": "2.1.0",
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "runs": [run_json],
        });
        serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::other)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_uris() {
        assert_eq!(pascal_case("label-format"), "LabelFormat");
        assert_eq!(pascal_case("io"), "Io");
        let s = Sarif {
            cwd: Some(PathBuf::from("/repo")),
        };
        assert_eq!(
            s.artifact("sig docs/README#1.md"),
            json!({"uri": "sig%20docs/README%231.md", "uriBaseId": "%SRCROOT%"})
        );
        assert_eq!(
            s.artifact("./sigs.yaml"),
            json!({"uri": "sigs.yaml", "uriBaseId": "%SRCROOT%"})
        );
        assert_eq!(
            s.artifact("../other/sigs.yaml"),
            json!({"uri": "file:///other/sigs.yaml"})
        );
        assert_eq!(
            s.artifact("/abs/x y.md"),
            json!({"uri": "file:///abs/x%20y.md"})
        );
    }
}
