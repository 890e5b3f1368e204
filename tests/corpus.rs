//! The real community data in `../shared/corpus/` (read in place, never copied): the findings on both
//! corpora are exact snapshots, and the defects the issue names are asserted one by one.
//! Without the corpus (a clone elsewhere) these tests print a loud notice and pass vacuously.

mod support;

use std::path::Path;

use sigs_lint::commands::check::{CheckOptions, Checked, Threads, check};
use sigs_lint::commands::generate::Action;
use sigs_lint::diagnostic::Severity;
use sigs_lint::report::{Renderer, Short};

const CORPUS: &str = "../shared/corpus";

fn corpus(name: &str) -> Option<Checked> {
    corpus_with(name, true)
}

fn corpus_with(name: &str, no_docs: bool) -> Option<Checked> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !root.join(CORPUS).join(name).join("go.mod").is_file() {
        eprintln!(
            "\n!!!!!!!! NOTICE: {CORPUS}/{name} is absent: corpus test SKIPPED (CI always has it) !!!!!!!!\n"
        );
        return None;
    }
    // A relative path keeps file names in the snapshots independent of the checkout's location:
    // cargo runs integration tests in the crate root (the working directory is never changed
    // here, as tests run in parallel).
    Some(check(&CheckOptions {
        path: format!("{CORPUS}/{name}").into(),
        config: None,
        no_docs,
        only: None,
        stdin: None,
        ..Default::default()
    }))
}

fn short(c: &Checked) -> String {
    let mut out = Vec::new();
    Short::default().render(&c.run, &mut out).expect("renders");
    String::from_utf8(out).expect("utf-8")
}

fn has(c: &Checked, rule: &str, severity: Severity, text: &str) -> bool {
    c.run.findings.iter().any(|f| {
        f.rule == rule
            && f.severity == severity
            && matches!((&f.file, f.primary()), (Some(file), Some(s)) if file.slice(s) == text)
    })
}

#[test]
fn icon_community_defects() {
    let Some(c) = corpus("icon-community") else {
        return;
    };
    assert!(!c.tool_error);
    // Defects ICON's own generator does not reject are warnings by default.
    assert!(has(&c, "github-login", Severity::Warning, "Cyrus_Vorwald"));
    assert!(has(&c, "valid-url", Severity::Warning, "code-of-conduct"));
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
    assert_eq!(
        c.run.count(Severity::Error),
        0,
        "ICON's generator accepts its data (--no-docs: the missing READMEs are not looked at)"
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
    // The data and outputs only, without the slice's own generator/: the built-in templates.
    let Some(src) = slice("icon-community") else {
        return;
    };
    let dst = scratch("icon-built-in");
    std::fs::create_dir_all(&dst).expect("mkdir");
    for e in std::fs::read_dir(&src).expect("corpus").flatten() {
        if e.path().is_file() {
            std::fs::copy(e.path(), dst.join(e.file_name())).expect("copy");
        }
    }
    let c = check(&opts(&dst));
    assert_eq!(c.flavour.map(|f| f.id), Some("sigs-lint"));
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

    // generate creates the 7 READMEs; check then finds nothing stale, missing or orphaned.
    let g = sigs_lint::commands::generate::generate(&opts(&dst), true);
    assert!(!g.failed);
    let created = g
        .written
        .iter()
        .filter(|w| w.action == Action::Created)
        .count();
    assert_eq!(created, 7, "{:?}", g.written);
    let after = check(&opts(&dst));
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
    sigs_lint::report::Sarif::default()
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

// ---------------------------------------------------------------------------------------------
// Every slice, with its own generator/ and no config: the flavour is recognised, `check` gives
// upstream's verdict, `generate` is a fixed point and rebuilds every file from its custom block.

use sigs_lint::generate::custom::{Markers, capture};

/// The slice's absolute path, or `None` (after a loud notice) without the corpus.
fn slice(name: &str) -> Option<std::path::PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(CORPUS)
        .join(name);
    if !p.join("go.mod").is_file() {
        eprintln!(
            "\n!!!!!!!! NOTICE: {CORPUS}/{name} is absent: corpus test SKIPPED (CI always has it) !!!!!!!!\n"
        );
        return None;
    }
    Some(p)
}

fn opts(path: &Path) -> CheckOptions {
    CheckOptions {
        path: path.to_path_buf(),
        config: None,
        no_docs: false,
        only: None,
        stdin: None,
        ..Default::default()
    }
}

fn scratch(tag: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("sigs-lint-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

/// What `check` says about the generated docs of one slice.
fn verdict(name: &str, flavour: &str) -> Option<(Checked, Vec<String>)> {
    let p = slice(name)?;
    let c = check(&opts(&p));
    assert!(!c.tool_error, "{name}: {}", short(&c));
    assert_eq!(c.flavour.map(|f| f.id), Some(flavour), "{name}");
    let docs: Vec<String> = c
        .run
        .findings
        .iter()
        .filter(|f| matches!(f.rule, "doc-stale" | "doc-missing" | "template-error"))
        .map(|f| format!("{}: {}", f.rule, f.message))
        .collect();
    Some((c, docs))
}

/// The generated files of a slice (paths relative to its root) as `generate` plans them.
fn planned(c: &Checked) -> Vec<(String, Markers)> {
    let flavour = c.flavour.expect("flavour");
    let source = sigs_lint::generate::plan::template_source(&c.root, &c.config, flavour);
    sigs_lint::generate::plan::Planning {
        root: &c.root,
        model: &c.model,
        config: &c.config,
        source: &source,
        only: None,
        flavour,
    }
    .plan()
    .outputs
    .into_iter()
    .map(|e| (e.path, e.markers))
    .collect()
}

/// generate in a copy changes nothing (fixed point); after every generated file is cut down to
/// its custom-content block (deleted when empty), generate rebuilds each byte for byte. Returns
/// (files unchanged by the first run, files rebuilt from their block).
fn fixed_point_and_rebuild(name: &str) -> Option<(usize, usize)> {
    let p = slice(name)?;
    let dst = scratch(name);
    support::copy_dir(&p, &dst);
    let before = check(&opts(&dst));
    let files = planned(&before);
    let originals: Vec<Option<Vec<u8>>> = files
        .iter()
        .map(|(f, _)| std::fs::read(dst.join(f)).ok())
        .collect();
    let g = sigs_lint::commands::generate::generate(&opts(&dst), true);
    let created: Vec<&str> = g
        .written
        .iter()
        .filter(|w| w.action == Action::Created)
        .map(|w| w.path.as_str())
        .collect();
    let updated: Vec<&str> = g
        .written
        .iter()
        .filter(|w| w.action == Action::Updated)
        .map(|w| w.path.as_str())
        .collect();
    assert!(updated.is_empty(), "{name}: generate changed {updated:?}");
    let committed = originals.iter().filter(|o| o.is_some()).count();
    assert_eq!(
        created.len(),
        files.len() - committed,
        "{name}: only never-committed files are created"
    );
    // Cut every generated file down to its custom block, then rebuild.
    let mut rebuilt = 0;
    let after_first: Vec<Vec<u8>> = files
        .iter()
        .map(|(f, _)| std::fs::read(dst.join(f)).expect("generated"))
        .collect();
    for ((f, markers), text) in files.iter().zip(&after_first) {
        let text = String::from_utf8(text.clone()).expect("utf-8");
        let block = capture(&text, *markers);
        if block.is_empty() {
            std::fs::remove_file(dst.join(f)).expect("rm");
        } else {
            std::fs::write(
                dst.join(f),
                format!("{}\n{block}\n{}\n", markers.begin(), markers.end()),
            )
            .expect("write");
        }
    }
    let g = sigs_lint::commands::generate::generate(&opts(&dst), true);
    assert!(!g.failed, "{name}: {}", short(&g.checked));
    for ((f, _), want) in files.iter().zip(&after_first) {
        let got = std::fs::read(dst.join(f)).expect("rebuilt");
        assert!(
            got == *want,
            "{name}: {f} is not rebuilt byte for byte from its custom block"
        );
        rebuilt += 1;
    }
    let _ = std::fs::remove_dir_all(&dst);
    Some((committed, rebuilt))
}

macro_rules! slice_tests {
    ($($test:ident: $name:literal, $flavour:literal, $missing:expr;)*) => {$(
        mod $test {
            use super::*;

            #[test]
            fn upstreams_verdict_with_no_config() {
                let Some((c, docs)) = verdict($name, $flavour) else {
                    return;
                };
                let missing: Vec<&String> =
                    docs.iter().filter(|d| d.starts_with("doc-missing")).collect();
                assert_eq!(missing.len(), $missing, "{}: {docs:#?}", $name);
                assert_eq!(docs.len(), $missing, "{}: {docs:#?}", $name);
                if $name.starts_with("kubernetes") {
                    assert_eq!(c.run.count(Severity::Error), 0, "{}", short(&c));
                }
            }

            #[test]
            fn one_thread_or_two_the_same_findings() {
                let Some(p) = slice($name) else {
                    return;
                };
                let with = |threads| {
                    let c = check(&CheckOptions {
                        threads,
                        ..opts(&p)
                    });
                    (short(&c), c.run.findings.len())
                };
                let (one, n) = with(Threads::One);
                assert!(n > 0, "{}", $name);
                assert_eq!(one, with(Threads::Two).0, "{}", $name);
                assert_eq!(one, with(Threads::Auto).0, "{}", $name);
            }

            #[test]
            fn generate_is_a_fixed_point_and_rebuilds_every_file() {
                let Some((committed, rebuilt)) = fixed_point_and_rebuild($name) else {
                    return;
                };
                eprintln!("{}: {committed} committed files unchanged, {rebuilt} rebuilt", $name);
                assert!(rebuilt >= committed && committed > 0);
            }
        }
    )*};
}

slice_tests! {
    k8s_head: "kubernetes-community", "kubernetes-K35", 0;
    k8s_2024: "kubernetes-community-2024-11-20", "kubernetes-K33", 0;
    k8s_2022: "kubernetes-community-2022-02-07", "kubernetes-K26", 0;
    k8s_2021: "kubernetes-community-2021-03-09", "kubernetes-K24", 0;
    k8s_2019_05_06: "kubernetes-community-2019-05-06", "kubernetes-K21", 0;
    k8s_2019_05_03: "kubernetes-community-2019-05-03", "kubernetes-K19", 0;
    icon: "icon-community", "icon", 7;
    kubeflow: "kubeflow-community", "kubeflow", 0;
}

/// A scratch copy of a slice, `edit`ed.
fn edited_copy(name: &str, tag: &str, edit: impl FnOnce(&Path)) -> Option<std::path::PathBuf> {
    let p = slice(name)?;
    let dst = scratch(tag);
    support::copy_dir(&p, &dst);
    edit(&dst);
    Some(dst)
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn generate_refuses_what_the_generator_rejects_unless_forced() {
    let Some(dst) = edited_copy("kubernetes-community", "k8s-invalid", |d| {
        replace_in(&d.join("sigs.yaml"), "label: api-machinery", "label: api");
    }) else {
        return;
    };
    let c = check(&opts(&dst));
    let rejected: Vec<&str> = c
        .run
        .findings
        .iter()
        .filter(|f| f.rule == "generator-validation")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        rejected,
        vec!["sig-api-machinery: expected label: api-machinery, got: api"]
    );
    // The only other errors: the docs that the changed label changes.
    assert!(
        c.run
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .all(|f| f.rule == "generator-validation" || f.rule == "doc-stale"),
        "{}",
        short(&c)
    );
    let list = std::fs::read(dst.join("sig-list.md")).expect("list");
    let g = sigs_lint::commands::generate::generate(&opts(&dst), true);
    assert!(g.failed);
    assert!(g.written.is_empty());
    assert_eq!(std::fs::read(dst.join("sig-list.md")).expect("list"), list);
    let g = sigs_lint::commands::generate::generate_with(&opts(&dst), true, true);
    let written: Vec<&str> = g.written.iter().map(|w| w.path.as_str()).collect();
    assert!(
        written.iter().any(|w| w.ends_with("sig-list.md")),
        "{written:?}"
    );
    let _ = std::fs::remove_dir_all(&dst);
}

#[test]
fn an_app_go_that_matches_no_flavour_gets_the_nearest_and_a_notice() {
    let Some(dst) = edited_copy("kubernetes-community", "k8s-changed-app", |d| {
        replace_in(
            &d.join("generator/app.go"),
            "\tEmail string `yaml:\"email,omitempty\"`\n",
            "\tEmail string `yaml:\"email,omitempty\"`\n\tPronouns string `yaml:\"pronouns,omitempty\"`\n",
        );
    }) else {
        return;
    };
    let c = check(&opts(&dst));
    assert_eq!(c.flavour.map(|f| f.id), Some("kubernetes-K35"));
    let notes: Vec<&str> = c
        .run
        .findings
        .iter()
        .filter(|f| f.rule == "generator-flavour")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].contains("nearest, kubernetes-K35")
            && notes[0].contains("Person.Pronouns string `pronouns,omitempty`"),
        "{notes:?}"
    );
    let _ = std::fs::remove_dir_all(&dst);
}

#[test]
fn templates_without_app_go_get_the_newest_flavour_and_the_config_overrides() {
    let Some(dst) = edited_copy("kubernetes-community", "k8s-no-app", |d| {
        std::fs::remove_file(d.join("generator/app.go")).expect("rm");
    }) else {
        return;
    };
    let c = check(&opts(&dst));
    assert_eq!(c.flavour.map(|f| f.id), Some("kubernetes-K35"));
    let reason = &c.run.generator.as_ref().expect("generator").reason;
    assert!(reason.starts_with("no generator/app.go"), "{reason}");
    std::fs::write(dst.join(".sigs-lint.yaml"), "generator: kubernetes-K33\n").expect("config");
    let c = check(&opts(&dst));
    assert_eq!(c.flavour.map(|f| f.id), Some("kubernetes-K33"));
    // K33 has no gb_rep: its strict decode would refuse the key.
    let _ = std::fs::remove_dir_all(&dst);
}

#[test]
fn the_generator_is_reported_in_json_and_sarif() {
    let Some(p) = slice("kubeflow-community") else {
        return;
    };
    let c = check(&opts(&p));
    let mut out = Vec::new();
    sigs_lint::report::Json
        .render(&c.run, &mut out)
        .expect("renders");
    let doc: serde_json::Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(doc["generator"]["id"], "kubeflow");
    assert_eq!(doc["generator"]["data_file"], "wgs.yaml");
    assert_eq!(doc["generator"]["list_output"], "wg-list.md");
    assert_eq!(
        doc["generator"]["yaml_emitter"],
        "yaml.v3 v3.0.0-20190409140830-cdc409dda467"
    );
    let mut out = Vec::new();
    sigs_lint::report::Sarif::default()
        .render(&c.run, &mut out)
        .expect("renders");
    let doc: serde_json::Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(doc["runs"][0]["properties"]["generator"]["id"], "kubeflow");
}

#[test]
fn a_key_the_flavour_lacks_is_refused_like_its_strict_decode() {
    // kubeflow's generator is kubernetes K22: Person has no `email`.
    let Some(dst) = edited_copy("kubeflow-community", "kubeflow-email", |d| {
        let data = d.join("wgs.yaml");
        let text = std::fs::read_to_string(&data).expect("read");
        // After the first person's `- github:` line, at that person's indentation.
        let at = text.find("- github: ").expect("a person");
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let next = at + text[at..].find('\n').expect("line end") + 1;
        let indent = " ".repeat(at - line_start + 2);
        let edited = format!(
            "{}{indent}email: someone@example.dev\n{}",
            &text[..next],
            &text[next..]
        );
        std::fs::write(&data, edited).expect("write");
    }) else {
        return;
    };
    let c = check(&opts(&dst));
    let decode: Vec<&str> = c
        .run
        .findings
        .iter()
        .filter(|f| f.rule == "generator-decode")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        decode,
        vec!["field email not found in type main.Person"],
        "{}",
        short(&c)
    );
    let g = sigs_lint::commands::generate::generate(&opts(&dst), true);
    assert!(g.failed && g.written.is_empty());
    let _ = std::fs::remove_dir_all(&dst);
}

#[test]
fn unknown_keys_are_ignored_where_the_generator_decodes_with_yaml_v2() {
    // The same two keys (one with a nested value) in a K19 slice and in the HEAD slice (K35).
    let edit = |line: &'static str| {
        move |d: &Path| {
            let keys = "    slack_channel: sig-api\n    extra:\n      nested: [1, {a: b}]\n";
            replace_in(&d.join("sigs.yaml"), line, &format!("{line}{keys}"))
        }
    };
    let unknown = |c: &Checked| -> Vec<String> {
        c.run
            .findings
            .iter()
            .filter(|f| f.rule == "unknown-field")
            .map(|f| format!("{:?} {}", f.severity, f.message))
            .collect()
    };
    // K19 (yaml.v2, non-strict; its generator accepts the file and writes the same docs: the
    // oracle build of the slice did, by hand): warnings, the file checked without them.
    let Some(old) = edited_copy(
        "kubernetes-community-2019-05-03",
        "k19-unknown",
        edit("  - name: API Machinery\n"),
    ) else {
        return;
    };
    let c = check(&opts(&old));
    assert_eq!(c.flavour.map(|f| f.id), Some("kubernetes-K19"));
    assert_eq!(
        unknown(&c),
        [
            "Warning unknown field `slack_channel` in a SIG",
            "Warning unknown field `extra` in a SIG"
        ]
    );
    assert!(c.loaded, "{}", short(&c));
    assert!(!c.run.findings.iter().any(|f| f.severity == Severity::Error));
    assert!(
        c.run.findings.iter().any(|f| f.rule == "lead-details"),
        "the rules ran"
    );
    assert_eq!(
        doc_findings(&c),
        Vec::<String>::new(),
        "the docs compared, up to date"
    );
    let help = c.run.findings.iter().find(|f| f.rule == "unknown-field");
    assert!(
        help.and_then(|f| f.help.as_deref())
            .is_some_and(|h| h.ends_with("the kubernetes-K19 generator reads the file with yaml.v2, which ignores keys its types do not have: this one has no effect")),
        "{help:?}"
    );
    // K35 (yaml.v3 KnownFields): errors, as its decode fails.
    let Some(new) = edited_copy(
        "kubernetes-community",
        "k35-unknown",
        edit("    name: API Machinery\n"),
    ) else {
        return;
    };
    let c = check(&opts(&new));
    assert_eq!(
        unknown(&c),
        [
            "Error unknown field `slack_channel` in a SIG",
            "Error unknown field `extra` in a SIG"
        ]
    );
    assert!(!c.loaded);
    let _ = std::fs::remove_dir_all(&old);
    let _ = std::fs::remove_dir_all(&new);
}

#[test]
fn a_missing_template_for_a_non_empty_kind_is_the_error_the_generator_dies_with() {
    // kubernetes deleted ug_readme.tmpl in 2023 but still iterates user groups.
    let Some(dst) = edited_copy("kubernetes-community", "k8s-user-group", |d| {
        replace_in(
            &d.join("sigs.yaml"),
            "usergroups: []",
            "usergroups:\n  - dir: ug-big-data\n    name: Big Data\n    label: big-data\n    leadership:\n      chairs: []\n    meetings: []\n    contact: {}\n",
        );
    }) else {
        return;
    };
    let c = check(&opts(&dst));
    let errors: Vec<&str> = c
        .run
        .findings
        .iter()
        .filter(|f| f.rule == "template-error")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(errors.len(), 1, "{}", short(&c));
    assert!(
        errors[0].ends_with(
            "ug-big-data/README.md` cannot be generated: open generator/ug_readme.tmpl: no such file or directory"
        ),
        "{errors:?}"
    );
    let _ = std::fs::remove_dir_all(&dst);
}

#[test]
fn a_generator_linked_into_vendored_kubernetes_is_operator_frameworks() {
    let Some(dst) = edited_copy("kubernetes-community-2019-05-06", "of-vendored", |d| {
        let vendored = d.join("vendor/k8s.io/community");
        std::fs::create_dir_all(&vendored).expect("mkdir");
        std::fs::rename(d.join("generator"), vendored.join("generator")).expect("move");
        std::os::unix::fs::symlink("vendor/k8s.io/community/generator", d.join("generator"))
            .expect("link");
    }) else {
        return;
    };
    let c = check(&opts(&dst));
    assert_eq!(c.flavour.map(|f| f.id), Some("operator-framework"));
    let docs: Vec<_> = c
        .run
        .findings
        .iter()
        .filter(|f| matches!(f.rule, "doc-stale" | "doc-missing" | "template-error"))
        .collect();
    assert!(docs.is_empty(), "{}", short(&c));
    let _ = std::fs::remove_dir_all(&dst);
}

// ---------------------------------------------------------------------------------------------
// The canonical data file: every slice whose generator rewrites it holds it in canonical form.

fn canonical_of(name: &str) -> Option<(String, String)> {
    let p = slice(name)?;
    let c = check(&CheckOptions {
        no_docs: true,
        ..opts(&p)
    });
    let f = c.flavour.expect("flavour");
    let committed = std::fs::read_to_string(p.join(f.data_file)).expect("data file");
    let ours = sigs_lint::flavour::yaml::canonical(f, &c.model)?;
    Some((committed, ours))
}

fn first_difference(a: &str, b: &str) -> String {
    let line = a
        .lines()
        .zip(b.lines())
        .position(|(x, y)| x != y)
        .unwrap_or(a.lines().count().min(b.lines().count()));
    let show = |t: &str| {
        t.lines()
            .skip(line.saturating_sub(2))
            .take(5)
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!(
        "line {}:\n--- committed\n{}\n--- ours\n{}",
        line + 1,
        show(a),
        show(b)
    )
}

macro_rules! canonical_tests {
    ($($test:ident: $name:literal;)*) => {$(
        #[test]
        fn $test() {
            let Some((committed, ours)) = canonical_of($name) else {
                return;
            };
            assert!(committed == ours, "{}: {}", $name, first_difference(&committed, &ours));
        }
    )*};
}

canonical_tests! {
    canonical_k8s_head: "kubernetes-community";
    canonical_k8s_2024: "kubernetes-community-2024-11-20";
    canonical_k8s_2022: "kubernetes-community-2022-02-07";
    canonical_k8s_2021: "kubernetes-community-2021-03-09";
    canonical_k8s_2019_05_06: "kubernetes-community-2019-05-06";
}

/// Every list the generator sorts, in descending order. Entries with equal keys keep their order:
/// Go's sort keeps it for lists this short, so no data file can tell which came first.
fn reverse_lists(m: &mut sigs_lint::model::SigsYaml) {
    use sigs_lint::model::{GroupKind, Str};
    fn v(s: &Option<Str>) -> &str {
        s.as_ref().map_or("", |s| s.value.as_ref())
    }
    fn desc<T>(items: &mut [T], key: impl Fn(&T) -> &str) {
        items.sort_by(|a, b| key(b).as_bytes().cmp(key(a).as_bytes()));
    }
    for kind in GroupKind::ALL {
        let groups = m.groups_of_mut(kind);
        desc(groups, |g| v(&g.dir));
        for g in groups.iter_mut() {
            if let Some(l) = &mut g.leadership {
                desc(&mut l.chairs, |p| v(&p.github));
                desc(&mut l.tech_leads, |p| v(&p.github));
                desc(&mut l.emeritus_leads, |p| v(&p.github));
            }
            desc(&mut g.meetings, |x| v(&x.description));
            desc(&mut g.stakeholder_sigs, |x| x.value.as_ref());
            if let Some(c) = &mut g.contact {
                desc(&mut c.teams, |t| v(&t.name));
            }
            desc(&mut g.subprojects, |x| v(&x.name));
            for sp in g.subprojects.iter_mut() {
                desc(&mut sp.owners, |x| x.value.as_ref());
                desc(&mut sp.leads, |p| v(&p.github));
                desc(&mut sp.meetings, |x| v(&x.description));
                if let Some(c) = &mut sp.contact {
                    desc(&mut c.teams, |t| v(&t.name));
                }
            }
        }
    }
}

macro_rules! fmt_tests {
    ($($test:ident: $name:literal;)*) => {$(
        #[test]
        fn $test() {
            use sigs_lint::flavour::YamlEmitter;
            let Some(dst) = edited_copy($name, &format!("fmt-{}", $name), |_| {}) else {
                return;
            };
            // The committed file is canonical: fmt --check passes.
            let f = sigs_lint::commands::fmt::format(&opts(&dst), false, false);
            assert!(!f.failed && f.diff.is_empty(), "{}: {}", $name, f.diff);
            let c = &f.checked;
            let flavour = c.flavour.expect("flavour");
            let data = dst.join(flavour.data_file);
            let committed = std::fs::read_to_string(&data).expect("data");
            // Every sorted list reversed, the other list indentation and folding.
            let other = if flavour.yaml == YamlEmitter::V301 {
                YamlEmitter::Snapshot2019
            } else {
                YamlEmitter::V301
            };
            let mut model = c.model.clone();
            reverse_lists(&mut model);
            let mangled = sigs_lint::flavour::yaml::emit_in_order(flavour, &model, other);
            assert_ne!(mangled, committed);
            std::fs::write(&data, &mangled).expect("write");
            let checked = check(&opts(&dst));
            let findings: Vec<&str> = checked
                .run
                .findings
                .iter()
                .filter(|f| f.rule == "canonical-form")
                .map(|f| f.message.as_str())
                .collect();
            assert_eq!(findings.len(), 1, "{findings:?}");
            assert!(findings[0].contains("is not sorted by"), "{findings:?}");
            let f = sigs_lint::commands::fmt::format(&opts(&dst), false, false);
            assert!(f.failed && !f.diff.is_empty());
            let f = sigs_lint::commands::fmt::format(&opts(&dst), true, false);
            assert!(f.written && !f.failed, "{}", short(&f.checked));
            let restored = std::fs::read_to_string(&data).expect("data");
            assert!(restored == committed, "{}: {}", $name, first_difference(&committed, &restored));
            let _ = std::fs::remove_dir_all(&dst);
        }
    )*};
}

fmt_tests! {
    fmt_restores_k8s_head: "kubernetes-community";
    fmt_restores_k8s_2024: "kubernetes-community-2024-11-20";
    fmt_restores_k8s_2022: "kubernetes-community-2022-02-07";
    fmt_restores_k8s_2021: "kubernetes-community-2021-03-09";
    fmt_restores_k8s_2019_05_06: "kubernetes-community-2019-05-06";
    fmt_restores_icon: "icon-community";
    fmt_restores_kubeflow: "kubeflow-community";
}

/// Every URL written in the corpus data files and the fixtures that sigs-lint reads in place
/// (`rules::urls`, without the `url` crate) reads as the `url` crate reads it.
#[test]
fn urls_read_in_place_as_the_url_crate_reads_them() {
    use sigs_lint::rules::urls::{ParsedUrl, parse};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in [root.join(CORPUS), root.join("fixtures")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!(
                "\n!!!!!!!! NOTICE: {} is absent: its URLs are not compared (CI always has it) !!!!!!!!\n",
                dir.display()
            );
            continue;
        };
        files.extend(entries.flatten().map(|e| e.path().join("sigs.yaml")));
    }
    let token = regex::Regex::new(r#"https?://[^\s'"<>)\]]+"#).unwrap();
    let (mut plain, mut all) = (0, 0);
    for file in files.iter().filter(|f| f.is_file()) {
        // Some fixtures are not UTF-8 on purpose.
        let bytes = std::fs::read(file).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for m in token.find_iter(&text) {
            all += 1;
            let s = m.as_str();
            let Ok(p @ ParsedUrl::Plain { .. }) = parse(s) else {
                continue;
            };
            plain += 1;
            let u = url::Url::parse(s).unwrap();
            let segments = |x: Option<std::str::Split<'_, char>>| {
                x.map(|i| i.map(str::to_string).collect::<Vec<_>>())
            };
            assert_eq!(
                (p.scheme(), p.host_str(), p.path(), p.query()),
                (u.scheme(), u.host_str(), u.path(), u.query()),
                "{s}"
            );
            assert_eq!(
                segments(p.path_segments()),
                segments(u.path_segments()),
                "{s}"
            );
        }
    }
    eprintln!("{plain} of {all} URLs read in place, each as the url crate reads it");
    // Most real URLs take the plain path (else it buys nothing).
    if root.join(CORPUS).is_dir() {
        assert!(plain * 10 > all * 8, "{plain} of {all}");
    }
}
