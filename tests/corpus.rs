//! The real community data in `../shared/corpus/` (read in place, never copied): the findings on both
//! corpora are exact snapshots, and the defects the issue names are asserted one by one.
//! Without the corpus (a clone elsewhere) these tests print a loud notice and pass vacuously.

use std::path::Path;

use sigs_lint::check::{CheckOptions, Checked, check};
use sigs_lint::diagnostic::Severity;
use sigs_lint::report::{Renderer, Short};

const CORPUS: &str = "../shared/corpus";

fn corpus(name: &str) -> Option<Checked> {
    corpus_with(name, true)
}

fn corpus_with(name: &str, no_docs: bool) -> Option<Checked> {
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
        no_docs,
        only: None,
        stdin: None,
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

fn doc_findings(c: &Checked) -> Vec<String> {
    c.run
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("doc-") || f.rule == "template-error")
        .map(|f| format!("{}: {}", f.rule, f.message))
        .collect()
}

#[test]
fn icon_community_docs_with_the_built_in_templates() {
    let Some(c) = corpus_with("icon-community", false) else {
        return;
    };
    let docs = doc_findings(&c);
    // sig-list.md and OWNERS_ALIASES are exactly what the built-in templates write.
    assert!(
        !docs
            .iter()
            .any(|d| d.contains("sig-list.md") || d.contains("OWNERS_ALIASES")),
        "{docs:#?}"
    );
    // The group READMEs were never committed; liaisons.md has our own introduction.
    let missing = docs.iter().filter(|d| d.starts_with("doc-missing")).count();
    assert_eq!(missing, 7, "{docs:#?}");
    assert!(
        docs.iter()
            .any(|d| d.starts_with("doc-stale") && d.contains("liaisons.md")),
        "{docs:#?}"
    );
    assert_eq!(docs.len(), 8, "{docs:#?}");

    // generate in a copy creates the 7 READMEs; check then finds nothing stale, missing or orphaned.
    let src = Path::new(CORPUS).join("icon-community");
    let dst = std::env::temp_dir().join(format!("sigs-lint-icon-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dst);
    std::fs::create_dir_all(&dst).expect("mkdir");
    for e in std::fs::read_dir(&src).expect("corpus").flatten() {
        std::fs::copy(e.path(), dst.join(e.file_name())).expect("copy");
    }
    let opts = CheckOptions {
        path: dst.clone(),
        config: None,
        no_docs: false,
        only: None,
        stdin: None,
    };
    let g = sigs_lint::generate::write::generate(&opts, true);
    assert!(!g.failed);
    let created = g.written.iter().filter(|w| w.action == "created").count();
    assert_eq!(created, 7, "{:?}", g.written);
    let after = check(&opts);
    assert_eq!(doc_findings(&after), Vec::<String>::new());
    let _ = std::fs::remove_dir_all(&dst);
}

#[test]
fn kubernetes_community_orphan_is_reported() {
    let Some(c) = corpus_with("kubernetes-community", false) else {
        return;
    };
    let orphans: Vec<_> = doc_findings(&c)
        .into_iter()
        .filter(|d| d.starts_with("doc-orphan"))
        .collect();
    assert_eq!(orphans.len(), 1, "{orphans:?}");
    assert!(orphans[0].contains("wg-lts/README.md"), "{orphans:?}");
}

#[test]
fn icon_community_sarif_has_what_github_requires() {
    let Some(c) = corpus_with("icon-community", false) else {
        return;
    };
    let mut out = Vec::new();
    sigs_lint::report::Sarif
        .render(&c.run, &mut out)
        .expect("renders");
    let doc: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
    assert_eq!(doc["version"], "2.1.0");
    assert!(
        doc["$schema"]
            .as_str()
            .is_some_and(|s| s.contains("sarif-2.1.0"))
    );
    let run = &doc["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "sigs-lint");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert!(rules.len() >= 16);
    let ids: Vec<&str> = rules
        .iter()
        .map(|r| r["id"].as_str().expect("rule id"))
        .collect();
    for r in rules {
        assert!(
            r["shortDescription"]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty()),
            "{r}"
        );
    }
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), c.run.findings.len());
    assert!(results.len() > 40);
    for r in results {
        let id = r["ruleId"].as_str().expect("ruleId");
        assert!(ids.contains(&id), "{id} is not among the rules");
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().expect("level")));
        assert!(r["message"]["text"].as_str().is_some_and(|t| !t.is_empty()));
        let loc = &r["locations"][0]["physicalLocation"];
        assert!(loc["artifactLocation"]["uri"].as_str().is_some(), "{r}");
    }
    // The impossible login is located on its line and column.
    let login = results
        .iter()
        .find(|r| r["ruleId"] == "github-login")
        .expect("a github-login result");
    let region = &login["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(14), Some(15))
    );
}

#[test]
fn kubernetes_sig_readmes_and_aliases_are_reproduced_byte_for_byte() {
    // The k8s-style templates of fixtures/k8s-style reproduce every SIG README (custom-content
    // blocks included) and OWNERS_ALIASES of the kubernetes corpus exactly as committed.
    if corpus("kubernetes-community").is_none() {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = std::env::temp_dir().join(format!("sigs-lint-k8s-{}.yaml", std::process::id()));
    std::fs::write(
        &config,
        format!(
            "templates: {}\n",
            root.join("fixtures/k8s-style/generator").display()
        ),
    )
    .expect("config");
    let c = check(&CheckOptions {
        path: format!("{CORPUS}/kubernetes-community").into(),
        config: Some(config.clone()),
        no_docs: false,
        only: None,
        stdin: None,
    });
    let _ = std::fs::remove_file(&config);
    let stale: Vec<String> = doc_findings(&c);
    let sig_readmes = std::fs::read_dir(root.join(CORPUS).join("kubernetes-community"))
        .expect("corpus")
        .flatten()
        .filter(|e| {
            e.file_name().to_string_lossy().starts_with("sig-")
                && e.path().join("README.md").is_file()
        })
        .count();
    assert_eq!(sig_readmes, 24);
    for d in &stale {
        assert!(
            !d.contains("/sig-") || d.contains("sig-list.md"),
            "SIG README not reproduced: {d}"
        );
        assert!(!d.contains("OWNERS_ALIASES"), "{d}");
    }
    // What is left differs by design (WG/committee layouts, our liaisons intro) or is the orphan.
    assert!(
        stale
            .iter()
            .any(|d| d.starts_with("doc-orphan") && d.contains("wg-lts"))
    );
}
