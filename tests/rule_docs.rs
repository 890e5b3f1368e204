//! Every rule's doc (`rules/<id>.md`) has the required sections, and its examples are live: the Bad
//! YAML fires the rule, the Good YAML does not.

use std::collections::BTreeSet;

use sigs_lint::commands::check::check_text;
use sigs_lint::config::Config;
use sigs_lint::rules::{RULES, doc_section};

/// The first ```yaml block of the `## {section}` section.
fn example<'a>(doc: &'a str, section: &str) -> &'a str {
    let body = doc_section(doc, section).unwrap_or_else(|| panic!("no `## {section}` section"));
    let open = body.find("```yaml\n").expect("a yaml block") + "```yaml\n".len();
    let close = body[open..].find("```").expect("a closed block");
    &body[open..open + close]
}

/// Findings that do not come from a rule (syntax, unknown keys, …): examples must load cleanly.
fn load_problems(run: &sigs_lint::report::Run) -> Vec<&sigs_lint::diagnostic::Finding> {
    run.findings
        .iter()
        .filter(|f| sigs_lint::rules::find(f.rule).is_none())
        .collect()
}

#[test]
fn every_doc_has_title_summary_and_sections() {
    for rule in RULES {
        let doc = rule.doc();
        assert!(
            doc.starts_with(&format!("# {}\n\n", rule.id())),
            "{}",
            rule.id()
        );
        assert!(!rule.summary().is_empty(), "{}", rule.id());
        assert!(
            doc.contains(&format!("Default severity: {}", rule.default_severity())),
            "{}: the doc states another default severity",
            rule.id()
        );
        for section in ["What it checks", "Why", "Bad", "Good"] {
            assert!(
                doc_section(doc, section).is_some_and(|t| !t.is_empty()),
                "{}: no `## {section}`",
                rule.id()
            );
        }
    }
}

#[test]
fn bad_examples_fire_and_good_examples_do_not() {
    let config = Config::default();
    for rule in RULES {
        let bad = check_text("bad.yaml", example(rule.doc(), "Bad"), &config);
        assert!(
            load_problems(&bad).is_empty(),
            "{}: Bad example: {:?}",
            rule.id(),
            load_problems(&bad)
        );
        assert!(
            bad.findings.iter().any(|f| f.rule == rule.id()),
            "{}: the Bad example does not fire the rule: {:?}",
            rule.id(),
            bad.findings
        );
        let good = check_text("good.yaml", example(rule.doc(), "Good"), &config);
        assert!(
            load_problems(&good).is_empty(),
            "{}: Good example: {:?}",
            rule.id(),
            load_problems(&good)
        );
        let fired: Vec<_> = good
            .findings
            .iter()
            .filter(|f| f.rule == rule.id())
            .collect();
        assert!(
            fired.is_empty(),
            "{}: the Good example fires the rule: {fired:?}",
            rule.id()
        );
    }
}

#[test]
fn docs_and_registry_agree() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let files: BTreeSet<String> = std::fs::read_dir(dir)
        .expect("rules/ exists")
        .filter_map(|e| e.ok())
        .map(|e| {
            e.file_name()
                .to_string_lossy()
                .trim_end_matches(".md")
                .to_string()
        })
        .collect();
    let ids: BTreeSet<String> = RULES.iter().map(|r| r.id().to_string()).collect();
    assert_eq!(files, ids);
    assert_eq!(ids.len(), RULES.len(), "duplicate rule ids");
}
