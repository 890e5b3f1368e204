//! The real community data in `../shared/corpus/` (read in place, never copied): the findings on both
//! corpora are exact snapshots, and the defects the issue names are asserted one by one.
//! Without the corpus (a clone elsewhere) these tests print a loud notice and pass vacuously.

use std::path::Path;

use sigs_lint::check::{CheckOptions, Checked, check};
use sigs_lint::diagnostic::Severity;
use sigs_lint::report::{Renderer, Short};

const CORPUS: &str = "../shared/corpus";

fn corpus(name: &str) -> Option<Checked> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !root.join(CORPUS).join(name).join("sigs.yaml").is_file() {
        eprintln!(
            "\n!!!!!!!! NOTICE: {CORPUS}/{name} is absent: corpus test SKIPPED (CI always has it) !!!!!!!!\n"
        );
        return None;
    }
    // A relative path keeps file names in the snapshots independent of the checkout's location.
    std::env::set_current_dir(root).expect("cd to the crate root");
    Some(check(&CheckOptions {
        path: format!("{CORPUS}/{name}").into(),
        config: None,
    }))
}

fn short(c: &Checked) -> String {
    let mut out = Vec::new();
    Short.render(&c.run, &mut out).expect("renders");
    String::from_utf8(out).expect("utf-8")
}

fn has(c: &Checked, rule: &str, severity: Severity, text: &str) -> bool {
    c.run.findings.iter().any(|f| {
        let file = &c.run.files[f.file];
        f.rule == rule
            && f.severity == severity
            && f.primary().is_some_and(|s| file.slice(s) == text)
    })
}

#[test]
fn icon_community_defects() {
    let Some(c) = corpus("icon-community") else {
        return;
    };
    assert!(!c.tool_error);
    assert!(has(&c, "github-login", Severity::Error, "Cyrus_Vorwald"));
    assert!(has(&c, "valid-url", Severity::Error, "code-of-conduct"));
    assert!(has(
        &c,
        "placeholder-url",
        Severity::Warning,
        "https://test.com"
    ));
    assert!(has(
        &c,
        "placeholder-url",
        Severity::Warning,
        "https://goo.gl/xxxxx"
    ));
    assert!(has(
        &c,
        "duplicate-names",
        Severity::Warning,
        "btp-specification"
    ));
    assert!(
        c.run.count(Severity::Error) > 0,
        "check must exit 1 on ICON"
    );
    insta::assert_snapshot!("icon-community", short(&c));
}

#[test]
fn kubernetes_community_has_no_errors_and_its_real_defects() {
    let Some(c) = corpus("kubernetes-community") else {
        return;
    };
    assert!(!c.tool_error);
    let errors: Vec<_> = c
        .run
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "upstream's data must pass: {errors:#?}");
    assert!(has(&c, "text-hygiene", Severity::Warning, "TBD"));
    assert!(has(
        &c,
        "text-hygiene",
        Severity::Warning,
        "\u{200B}\u{200B}"
    ));
    assert!(has(
        &c,
        "meeting-format",
        Severity::Warning,
        "Thursdays (starting February 15th 2024)"
    ));
    assert!(has(&c, "meeting-format", Severity::Warning, "Poland"));
    // The groups and every field upstream uses are read.
    assert_eq!(c.model.groups().count(), 35);
    let subprojects: usize = c.model.groups().map(|g| g.subprojects.len()).sum();
    assert!(subprojects > 150, "{subprojects}");
    insta::assert_snapshot!("kubernetes-community", short(&c));
}

#[test]
fn findings_are_deterministic() {
    let Some(a) = corpus("kubernetes-community") else {
        return;
    };
    let b = corpus("kubernetes-community").expect("present");
    assert_eq!(short(&a), short(&b));
}
