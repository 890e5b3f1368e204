//! The SARIF output of every fixture is valid SARIF 2.1.0: checked against the schema
//! (`tests/sarif-schema-2.1.0.json`, the copy that the npm package
//! `@microsoft/sarif-multitool-linux` 5.7.0 ships as `sarif-2.1.0.json`) and, where the SARIF
//! Multitool is installed (`.ci/run` installs it; `SARIF_MULTITOOL` names its binary), by its
//! validator with no error and no warning. Every result has a location with a region; tool
//! failures are notifications, not results.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("fixtures"))
        .expect("fixtures")
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `sigs-lint check fixtures/NAME --format sarif`, run from the repository root.
fn sarif_of(args: &[&str]) -> Value {
    let out = Command::cargo_bin("sigs-lint")
        .expect("binary")
        .current_dir(root())
        .args(args)
        .args(["--format", "sarif"])
        .output()
        .expect("runs");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: not JSON: {e}"))
}

fn every_fixture() -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = fixtures()
        .into_iter()
        .map(|name| {
            let doc = sarif_of(&["check", &format!("fixtures/{name}")]);
            (name, doc)
        })
        .collect();
    // A tool failure, and an absolute path outside the working directory.
    out.push((
        "missing-path".into(),
        sarif_of(&["check", "fixtures/does-not-exist"]),
    ));
    let abs = root().join("fixtures/docs-stale-line");
    out.push((
        "absolute".into(),
        sarif_of(&["check", &abs.to_string_lossy()]),
    ));
    out
}

#[test]
fn every_fixture_validates_against_the_sarif_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/sarif-schema-2.1.0.json")).expect("schema"),
    )
    .expect("schema JSON");
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler
        .add_resource("file:///sarif-schema-2.1.0.json", schema)
        .expect("resource");
    let index = compiler
        .compile("file:///sarif-schema-2.1.0.json", &mut schemas)
        .expect("the schema compiles");
    let all = every_fixture();
    assert!(all.len() >= 30);
    for (name, doc) in &all {
        if let Err(e) = schemas.validate(doc, index) {
            panic!("{name}: {e:#}");
        }
    }
}

#[test]
fn every_result_has_a_location_and_tool_failures_are_notifications() {
    for (name, doc) in every_fixture() {
        let run = &doc["runs"][0];
        for r in run["results"].as_array().expect("results") {
            let physical = &r["locations"][0]["physicalLocation"];
            assert!(
                physical["artifactLocation"]["uri"].is_string() && physical["region"].is_object(),
                "{name}: a result without a location: {r}"
            );
            assert!(
                !["io", "config", "rules-skipped"].contains(&r["ruleId"].as_str().unwrap_or("")),
                "{name}: a tool check as a result: {r}"
            );
            assert!(r["partialFingerprints"]["sigsLintFingerprint/v1"].is_string());
            let uri = physical["artifactLocation"]["uri"].as_str().unwrap_or("");
            assert!(
                uri.starts_with("file:///")
                    || (physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
                        && !uri.starts_with('/')
                        && !uri.starts_with("..")),
                "{name}: {uri}"
            );
        }
        let invocation = &run["invocations"][0];
        let failed = invocation["toolExecutionNotifications"]
            .as_array()
            .expect("notifications")
            .iter()
            .any(|n| n["level"] == "error");
        assert_eq!(
            invocation["executionSuccessful"],
            Value::Bool(!failed),
            "{name}"
        );
        if name == "missing-path" {
            assert!(failed, "a missing path is a tool failure");
            assert_eq!(run["results"], serde_json::json!([]));
        }
        for rule in run["tool"]["driver"]["rules"].as_array().expect("rules") {
            if let Some(name) = rule["name"].as_str() {
                assert!(!name.eq_ignore_ascii_case(rule["id"].as_str().unwrap_or("")));
            }
            assert!(
                rule["helpUri"]
                    .as_str()
                    .is_some_and(|u| u
                        .ends_with(&format!("/rules/{}.md", rule["id"].as_str().unwrap_or("")))),
                "{rule}"
            );
        }
    }
}

/// The SARIF Multitool's binary: `SARIF_MULTITOOL`, or where `.ci/run` installs it.
fn multitool() -> Option<PathBuf> {
    let named = std::env::var_os("SARIF_MULTITOOL").map(PathBuf::from);
    let installed = PathBuf::from(
        "/opt/sarif-multitool/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool",
    );
    named.or(Some(installed)).filter(|p| p.is_file())
}

#[test]
fn the_sarif_multitool_finds_no_error_or_warning() {
    let Some(tool) = multitool() else {
        eprintln!(
            "\n!!!!!!!! NOTICE: the SARIF Multitool is not installed (.ci/run installs it): validation by it SKIPPED !!!!!!!!\n"
        );
        return;
    };
    let dir = std::env::temp_dir().join(format!("sigs-lint-sarif-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    let mut files = Vec::new();
    for (name, doc) in every_fixture() {
        let f = dir.join(format!("{name}.sarif"));
        std::fs::write(&f, serde_json::to_string_pretty(&doc).expect("json")).expect("write");
        files.push(f);
    }
    let out = std::process::Command::new(&tool)
        .arg("validate")
        .args(&files)
        .output()
        .expect("the multitool runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let problems: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(": error ") || l.contains(": warning "))
        .collect();
    assert!(
        problems.is_empty() && out.status.success(),
        "{} problem(s), the first:\n{}",
        problems.len(),
        problems[..problems.len().min(8)].join("\n")
    );
    assert!(
        text.contains(&format!("Done. {} files scanned.", files.len())),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The tool checks: sigs-lint's own failures, which have no place in the repository.
const TOOL: &[&str] = &["io", "config", "rules-skipped"];

#[test]
fn every_finding_has_a_place_in_short_and_github() {
    for name in fixtures() {
        let run = |format: &str| {
            let out = Command::cargo_bin("sigs-lint")
                .expect("binary")
                .current_dir(root())
                .args(["check", &format!("fixtures/{name}"), "--format", format])
                .output()
                .expect("runs");
            String::from_utf8_lossy(&out.stdout).into_owned()
        };
        let short = run("short");
        for line in short.lines().filter(|l| l.contains("]: ")) {
            let tool = TOOL.iter().any(|t| line.contains(&format!("[{t}]: ")));
            assert!(
                tool || line.starts_with("fixtures/")
                    && line
                        .split(':')
                        .nth(1)
                        .is_some_and(|n| n.parse::<usize>().is_ok()),
                "{name}: no place: {line}"
            );
        }
        let github = run("github");
        for line in github.lines().filter(|l| l.starts_with("::")) {
            let tool = TOOL
                .iter()
                .any(|t| line.contains(&format!("title=sigs-lint {t}::")));
            assert!(
                tool || (line.contains(" file=fixtures/") && line.contains(",line=")),
                "{name}: no place: {line}"
            );
        }
    }
}
