//! Every fixture under `fixtures/` is checked by the real binary; its report (human, no color, width
//! 80, and short) and its exit code are compared with the snapshots in `tests/snapshots/`.

use std::path::Path;

use assert_cmd::Command;

mod support;
use support::copy_dir;

fn run(args: &[&str]) -> String {
    let out = support::sigs_lint(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(args)
        .output()
        .expect("runs");
    format!(
        "{}{}[exit code {}]\n",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
        out.status.code().map_or("signal".into(), |c| c.to_string())
    )
}

fn fixture_names() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("fixtures/ exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Checks one fixture with the real binary and compares both reports with their snapshots.
fn check_fixture(name: &str) {
    let path = format!("fixtures/{name}");
    // Fixtures that hold no generated docs are rule fixtures: their docs are not compared.
    let has_docs = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(&path))
        .expect("fixture dir")
        .filter_map(|e| e.ok())
        .any(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.ends_with(".md") || n == "OWNERS_ALIASES" || n == "generator"
        });
    let docs: &[&str] = if has_docs { &[] } else { &["--no-docs"] };
    let human = run(&[&["check", &path, "--color", "never"], docs].concat());
    insta::assert_snapshot!(format!("{name}.human"), human);
    let short = run(&[&["check", &path, "--format", "short"], docs].concat());
    insta::assert_snapshot!(format!("{name}.short"), short);
}

/// One test per fixture (a failure in one hides none of the others); the list must name every
/// folder under `fixtures/` (`every_fixture_has_a_test`).
macro_rules! fixture_tests {
    ($($test:ident => $name:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check_fixture($name);
            }
        )*
        const FIXTURES: &[&str] = &[$($name),*];
    };
}

mod fixture {
    use super::check_fixture;

    fixture_tests! {
        alias_bomb => "alias-bomb",
        all_rules => "all-rules",
        bom => "bom",
        clean => "clean",
        config_bad => "config-bad",
        config_levels => "config-levels",
        crlf => "crlf",
        custom_content => "custom-content",
        docs_crlf => "docs-crlf",
        docs_escaping_dir => "docs-escaping-dir",
        docs_final_newline => "docs-final-newline",
        docs_good => "docs-good",
        docs_missing => "docs-missing",
        docs_orphan => "docs-orphan",
        docs_stale_line => "docs-stale-line",
        duplicate_keys => "duplicate-keys",
        empty_file => "empty-file",
        fixable => "fixable",
        icon_style => "icon-style",
        invalid_yaml => "invalid-yaml",
        k8s_style => "k8s-style",
        kubeflow_style => "kubeflow-style",
        no_sigs_yaml => "no-sigs-yaml",
        non_ascii => "non-ascii",
        non_utf8 => "non-utf8",
        not_sigs_keys => "not-sigs-keys",
        not_sigs_list => "not-sigs-list",
        suppressions => "suppressions",
        template_error => "template-error",
        unknown_keys => "unknown-keys",
        unusual_templates => "unusual-templates",
        warnings_only => "warnings-only",
        wrong_types => "wrong-types",
    }

    #[test]
    fn every_fixture_has_a_test() {
        assert_eq!(FIXTURES, super::fixture_names());
    }
}

#[test]
fn missing_path_is_a_tool_error() {
    insta::assert_snapshot!(
        "missing-path",
        run(&["check", "fixtures/does-not-exist", "--color", "never"])
    );
}

#[test]
fn sigs_yaml_given_as_a_file() {
    let out = run(&[
        "check",
        "fixtures/clean/sigs.yaml",
        "--format",
        "short",
        "--no-docs",
    ]);
    assert_eq!(out, "no problems found\n[exit code 0]\n");
}

#[test]
fn deny_warnings_changes_the_exit_code() {
    // kubernetes-style data with warnings only: exit 0, and 1 with --deny-warnings.
    let plain = run(&[
        "check",
        "fixtures/warnings-only",
        "--format",
        "short",
        "--no-docs",
    ]);
    assert!(plain.ends_with("[exit code 0]\n"), "{plain}");
    assert!(plain.contains("warning["), "{plain}");
    let denied = run(&[
        "check",
        "fixtures/warnings-only",
        "--format",
        "short",
        "--deny-warnings",
        "--no-docs",
    ]);
    assert!(denied.ends_with("[exit code 1]\n"), "{denied}");
}

#[test]
fn explicit_config_file() {
    let out = run(&[
        "check",
        "fixtures/config-levels/sigs.yaml",
        "--config",
        "fixtures/config-bad/.sigs-lint.yaml",
        "--format",
        "short",
    ]);
    assert!(out.contains("unknown rule `lead-detail`"), "{out}");
    assert!(out.ends_with("[exit code 2]\n"), "{out}");
    let missing = run(&[
        "check",
        "--no-docs",
        "fixtures/clean",
        "--config",
        "nope.yaml",
        "--format",
        "short",
    ]);
    assert_eq!(
        missing,
        "sigs-lint: error[io]: cannot read `nope.yaml`: no such file or directory\n1 error, 0 warnings (io: 1)\n[exit code 2]\n"
    );
}

#[test]
fn rules_and_rule_commands() {
    insta::assert_snapshot!("rules-list", run(&["rules"]));
    let doc = run(&["rule", "label-format"]);
    assert!(doc.starts_with("# label-format\n"), "{doc}");
    assert!(doc.ends_with("[exit code 0]\n"));
    // A check that is not a rule has a page too.
    let page =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/doc-stale.md"))
            .expect("page");
    assert!(page.starts_with("# doc-stale\n\nA generated file is exactly what the generator writes from sigs.yaml.\n\nA check, not a rule"));
    assert_eq!(
        run(&["rule", "doc-stale"]),
        format!("{page}[exit code 0]\n")
    );
    assert_eq!(
        run(&["rule", "doc-stal"]),
        "error: unknown rule `doc-stal` (did you mean `doc-stale`?); `sigs-lint rules` lists them\n[exit code 2]\n"
    );
    assert_eq!(
        run(&["rule", "label-fromat"]),
        "error: unknown rule `label-fromat` (did you mean `label-format`?); `sigs-lint rules` lists them\n[exit code 2]\n"
    );
}

#[test]
fn bad_arguments_exit_2() {
    let out = run(&["check", "--format", "xml"]);
    assert!(out.ends_with("[exit code 2]\n"), "{out}");
}

/// A scratch copy of a fixture (the fixtures themselves are never written).
fn scratch(fixture: &str, tag: &str) -> std::path::PathBuf {
    let dst = std::env::temp_dir().join(format!("sigs-lint-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dst);
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(fixture),
        &dst,
    );
    dst
}

#[test]
fn a_community_generator_named_without_its_templates_is_what_go_says() {
    // The built-in templates are sigs-lint's own flavour's: rendered against the named
    // generator's types they failed on fields it does not have (`can't evaluate field Discord
    // in type main.Contact`). The named generator reads its own templates and dies without them.
    let dir = scratch("k8s-style", "no-templates");
    std::fs::remove_dir_all(dir.join("generator")).expect("rm generator");
    std::fs::write(dir.join(".sigs-lint.yaml"), "generator: kubernetes-K35\n").expect("config");
    let p = dir.to_string_lossy().into_owned();
    let out = run(&["check", &p, "--format", "short"]);
    let errors: Vec<&str> = out.lines().filter(|l| l.contains("error[")).collect();
    assert_eq!(
        errors,
        [
            "aliases.tmpl: OWNERS_ALIASES",
            "committee_readme.tmpl: committee-steering/README.md",
            "liaisons.tmpl: liaisons.md",
            "list.tmpl: sig-list.md",
            "sig_readme.tmpl: sig-node/README.md",
            "wg_readme.tmpl: wg-batch/README.md",
        ]
        .map(|t| {
            let (template, output) = t.split_once(": ").unwrap();
            format!("{p}/sigs.yaml:1:1: error[template-error]: `{p}/{output}` cannot be generated: open generator/{template}: no such file or directory")
        }),
        "{out}"
    );
    assert!(out.ends_with("[exit code 1]\n"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn generate_rewrites_stale_files_and_check_is_then_clean() {
    let dir = scratch("docs-stale-line", "gen");
    let p = dir.to_string_lossy().into_owned();
    let out = run(&["generate", &p, "--format", "short"]);
    assert_eq!(
        out,
        format!(
            "generator: no generator/ directory: sigs-lint's built-in templates\n\
             updated {p}/sig-docs/README.md\n1 file written (0 created, 1 updated), 6 up to date\n[exit code 0]\n"
        )
    );
    assert_eq!(
        run(&["check", &p, "--format", "short"]),
        "no problems found\n[exit code 0]\n"
    );
    // Nothing left to do: a second run writes nothing.
    assert_eq!(
        run(&["generate", &p, "--format", "short", "--quiet"]),
        "[exit code 0]\n"
    );
    assert_eq!(
        run(&["generate", &p, "--format", "short"]),
        "generator: no generator/ directory: sigs-lint's built-in templates\n\
         7 generated files up to date\n[exit code 0]\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn generate_check_writes_nothing_and_fails_like_check() {
    let dir = scratch("docs-missing", "gencheck");
    let p = dir.to_string_lossy().into_owned();
    let out = run(&["generate", &p, "--check", "--format", "short"]);
    assert_eq!(
        out,
        format!(
            "generator: no generator/ directory: sigs-lint's built-in templates\n\
             {p}/sigs.yaml:1:1: error[doc-missing]: `{p}/liaisons.md` is missing\n1 error, 0 warnings (doc-missing: 1)\n[exit code 1]\n"
        )
    );
    assert!(!dir.join("liaisons.md").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn generate_check_and_check_agree_on_every_doc_finding() {
    // Orphans included: `generate --check` once left them out.
    for fixture in ["docs-orphan", "docs-stale-line", "custom-content"] {
        let path = format!("fixtures/{fixture}");
        let check = run(&["check", &path, "--format", "short"]);
        let generate = run(&["generate", &path, "--check", "--format", "short"]);
        let docs = |out: &str| -> Vec<String> {
            out.lines()
                .filter(|l| {
                    l.contains("[doc-")
                        || l.contains("[custom-content]")
                        || l.contains("[template-error]")
                })
                .map(str::to_string)
                .collect()
        };
        assert!(!docs(&check).is_empty(), "{fixture}: {check}");
        assert_eq!(docs(&generate), docs(&check), "{fixture}");
    }
}

#[test]
fn generate_refuses_an_escaping_dir() {
    let dir = scratch("docs-escaping-dir", "genesc");
    let p = dir.to_string_lossy().into_owned();
    let before = std::fs::read_to_string(dir.join("OWNERS_ALIASES")).expect("aliases");
    let out = run(&["generate", &p, "--format", "short"]);
    assert!(
        out.contains("error[safe-dir]: nothing was generated: the README of SIG \"Release\" cannot be written under `../sig-release`"),
        "{out}"
    );
    // The rule's own finding is `check`'s to list; generate counts it.
    assert!(
        out.contains("the rules found 1 error(s) and 1 warning(s) in the data: `sigs-lint check` lists them\n"),
        "{out}"
    );
    assert!(out.ends_with("[exit code 1]\n"), "{out}");
    assert_eq!(
        std::fs::read_to_string(dir.join("OWNERS_ALIASES")).expect("aliases"),
        before
    );
    assert!(!dir.parent().expect("parent").join("sig-release").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn init_writes_the_built_in_templates() {
    let dir = std::env::temp_dir().join(format!("sigs-lint-init-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    let p = dir.to_string_lossy().into_owned();
    let out = run(&["init", &p]);
    assert_eq!(
        out.lines().filter(|l| l.starts_with("wrote ")).count(),
        8,
        "{out}"
    );
    let again = run(&["init", &p]);
    assert_eq!(
        again.lines().filter(|l| l.starts_with("kept ")).count(),
        8,
        "{again}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_dir_that_links_outside_the_repository_is_unsafe() {
    let dir = scratch("docs-good", "symlink");
    let outside = std::env::temp_dir().join(format!("sigs-lint-outside-{}", std::process::id()));
    std::fs::create_dir_all(&outside).expect("mkdir");
    let link = dir.join("sig-docs");
    std::fs::remove_dir_all(&link).expect("rm sig-docs");
    std::os::unix::fs::symlink(&outside, &link).expect("symlink");
    let p = dir.to_string_lossy().into_owned();
    let out = run(&["check", &p, "--format", "short"]);
    assert!(
        out.contains(&format!(
            "error[safe-dir]: the README of SIG \"Docs\" cannot be written there: it is a link to {}",
            outside.canonicalize().expect("canonical").display()
        )),
        "{out}"
    );
    let gen_out = run(&["generate", &p, "--format", "short"]);
    assert!(gen_out.ends_with("[exit code 1]\n"), "{gen_out}");
    assert!(
        !outside.join("README.md").exists(),
        "wrote through the link"
    );
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&outside);
}

#[test]
fn every_format_over_representative_fixtures() {
    // A clean repository, rule findings, a stale generated file, a load error.
    for (name, extra) in [
        ("docs-good", None),
        ("all-rules", Some("--no-docs")),
        ("docs-stale-line", None),
        ("invalid-yaml", Some("--no-docs")),
    ] {
        for format in ["github", "json", "sarif"] {
            let path = format!("fixtures/{name}");
            let mut args = vec!["check", path.as_str(), "--format", format];
            args.extend(extra);
            let mut out = run(&args);
            if format == "sarif" {
                out = without_rule_descriptors(&out);
            }
            insta::assert_snapshot!(format!("{name}.{format}"), out);
        }
    }
}

/// A SARIF report with its rule descriptors (the same in every run, tested once by
/// `sarif_rule_descriptors`) replaced by their count, after checking they are those.
fn without_rule_descriptors(out: &str) -> String {
    let (json, exit) = out.rsplit_once("[exit code").expect("an exit code line");
    // The working directory (`%SRCROOT%`) differs from machine to machine.
    let cwd = url::Url::from_directory_path(env!("CARGO_MANIFEST_DIR")).expect("a file URI");
    let json = json.replace(cwd.as_str(), "file:///<repository>/");
    let mut sarif: serde_json::Value = serde_json::from_str(&json).expect("SARIF is JSON");
    let notifications = &mut sarif["runs"][0]["tool"]["driver"]["notifications"];
    assert_eq!(
        notifications.as_array().expect("notifications"),
        &sigs_lint::report::sarif::notification_descriptors()
    );
    *notifications = serde_json::json!("the tool checks' descriptors");
    let rules = &mut sarif["runs"][0]["tool"]["driver"]["rules"];
    assert_eq!(
        rules.as_array().expect("rules"),
        &sigs_lint::report::rule_descriptors()
    );
    *rules = serde_json::json!(format!(
        "{} rule descriptors (see sarif_rule_descriptors)",
        rules.as_array().map_or(0, Vec::len)
    ));
    format!(
        "{}\n[exit code{exit}",
        serde_json::to_string_pretty(&sarif).expect("serializes")
    )
}

#[test]
fn sarif_rule_descriptors() {
    // Each rule's help is its doc (`rules/<id>.md`, tested by tests/rule_docs.rs): shown by name
    // here, so that editing a doc rewrites no snapshot.
    let descriptors: Vec<serde_json::Value> = sigs_lint::report::rule_descriptors()
        .into_iter()
        .chain(sigs_lint::report::sarif::notification_descriptors())
        .map(|mut d| {
            let id = d["id"].as_str().expect("id").to_string();
            let doc = sigs_lint::rules::find(&id)
                .map(|r| r.doc())
                .or(sigs_lint::diagnostic::check(&id).map(|c| c.doc()))
                .expect("a rule or a check");
            assert_eq!(d["help"]["markdown"], doc, "{id}");
            assert_eq!(d["help"]["text"], doc, "{id}");
            d["help"] = serde_json::json!(format!("<rules/{id}.md>"));
            d
        })
        .collect();
    insta::assert_snapshot!(
        "sarif-rule-descriptors",
        serde_json::to_string_pretty(&descriptors).expect("serializes")
    );
}

#[test]
fn stdin_lints_an_unsaved_buffer() {
    let out = Command::cargo_bin("sigs-lint")
        .expect("binary")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "check",
            "--stdin",
            "--stdin-filename",
            "fixtures/clean/sigs.yaml",
            "--no-docs",
            "--format",
            "short",
            "--deny-warnings",
        ])
        .write_stdin("sigs:\n  - dir: sig-docs\n    name: Docs\n    label: DOCS\n")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "fixtures/clean/sigs.yaml:3:11: warning[required-chairs]: SIG \"Docs\" has no chair\n\
         fixtures/clean/sigs.yaml:3:11: warning[sig-required-fields]: SIG \"Docs\" has no `charter_link`\n\
         fixtures/clean/sigs.yaml:3:11: warning[sig-required-fields]: SIG \"Docs\" has no `mission_statement`\n\
         fixtures/clean/sigs.yaml:3:11: warning[sig-required-fields]: SIG \"Docs\" has no subproject\n\
         fixtures/clean/sigs.yaml:4:12: warning[label-format]: label `DOCS` is not lowercase kebab-case\n\
         0 errors, 5 warnings (label-format: 1, required-chairs: 1, sig-required-fields: 3); 1 fixable with `sigs-lint check --fix`\n"
    );
}

#[test]
fn schema_and_completions_commands() {
    let schema = run(&["schema"]);
    assert!(schema.starts_with("{\n"), "{schema}");
    let json: serde_json::Value =
        serde_json::from_str(schema.trim_end_matches("[exit code 0]\n")).expect("schema is JSON");
    assert_eq!(json["title"], "sigs.yaml");
    for shell in ["bash", "zsh", "fish"] {
        let out = run(&["completions", shell]);
        assert!(
            out.contains("sigs-lint") && out.ends_with("[exit code 0]\n"),
            "{shell}"
        );
    }
}

#[test]
fn a_committed_file_that_is_not_utf8_is_never_rewritten() {
    let dir = scratch("docs-good", "notutf8");
    let readme = dir.join("sig-docs/README.md");
    let mut bytes = std::fs::read(&readme).expect("readme");
    bytes.extend_from_slice(b"\xff custom text in Latin-1: caf\xe9\n");
    std::fs::write(&readme, &bytes).expect("write");
    let p = dir.to_string_lossy().into_owned();
    let out = run(&["check", &p, "--format", "short"]);
    assert!(
        out.contains(&format!(
            "error[encoding]: `{p}/sig-docs/README.md` is not valid UTF-8"
        )),
        "{out}"
    );
    let gen_out = run(&["generate", &p, "--format", "short"]);
    assert!(gen_out.ends_with("[exit code 1]\n"), "{gen_out}");
    assert_eq!(
        std::fs::read(&readme).expect("readme"),
        bytes,
        "the file was rewritten"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `check --no-docs --format short` of fixtures/clean with this `.sigs-lint.yaml`: the scratch
/// copy's path and the output.
fn check_clean_with_config(tag: &str, config: &str) -> (String, String) {
    let dir = scratch("clean", tag);
    std::fs::write(dir.join(".sigs-lint.yaml"), config).expect("config");
    let p = dir.to_string_lossy().into_owned();
    let out = run(&["check", &p, "--no-docs", "--format", "short"]);
    let _ = std::fs::remove_dir_all(&dir);
    (p, out)
}

#[test]
fn invalid_yaml_in_the_config_file_is_a_tool_error_at_its_position() {
    let (p, out) = check_clean_with_config("badcfg", "rules: [\n");
    assert_eq!(
        out,
        format!(
            "{p}/.sigs-lint.yaml:1:8: error[yaml-syntax]: invalid YAML: unclosed bracket '['\n1 error, 0 warnings (yaml-syntax: 1)\n[exit code 2]\n"
        )
    );
}

#[test]
fn only_takes_what_tab_completion_gives_and_refuses_an_unknown_dir() {
    for only in ["sig-docs", "sig-docs/", "./sig-docs", "sig-docs/README.md"] {
        let out = run(&[
            "check",
            "fixtures/docs-stale-line",
            "--only",
            only,
            "--format",
            "short",
        ]);
        assert!(
            out.contains("error[doc-stale]: `fixtures/docs-stale-line/sig-docs/README.md` is not what the generator writes"),
            "{only}: {out}"
        );
        assert!(out.ends_with("[exit code 1]\n"), "{only}: {out}");
    }
    let out = run(&[
        "check",
        "fixtures/docs-stale-line",
        "--only",
        "sig-nope",
        "--format",
        "short",
    ]);
    assert_eq!(
        out,
        "sigs-lint: error[io]: `--only sig-nope`: no group has that dir\n1 error, 0 warnings (io: 1)\n[exit code 2]\n"
    );
}

#[test]
fn exit_zero_and_forced_color() {
    let out = run(&[
        "check",
        "fixtures/docs-stale-line",
        "--exit-zero",
        "--format",
        "short",
    ]);
    assert!(out.contains("error[doc-stale]"), "{out}");
    assert!(
        out.ends_with("1 error, 0 warnings (doc-stale: 1)\n[exit code 0]\n"),
        "{out}"
    );
    // A tool error still exits 2.
    assert!(run(&["check", "fixtures/does-not-exist", "--exit-zero"]).ends_with("[exit code 2]\n"));
    for var in ["FORCE_COLOR", "CLICOLOR_FORCE"] {
        let out = Command::cargo_bin("sigs-lint")
            .expect("binary builds")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env_remove("NO_COLOR")
            .env(var, "1")
            .args(["check", "fixtures/all-rules", "--no-docs"])
            .output()
            .expect("runs");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("\u{1b}["), "{var}: no color");
        let out = Command::cargo_bin("sigs-lint")
            .expect("binary builds")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env(var, "1")
            .env("NO_COLOR", "1")
            .args(["check", "fixtures/all-rules", "--no-docs"])
            .output()
            .expect("runs");
        assert!(
            !String::from_utf8_lossy(&out.stdout).contains("\u{1b}["),
            "{var} with NO_COLOR"
        );
    }
    // `--color always` colors the short format too; the summary line stays plain.
    let out = run(&[
        "check",
        "fixtures/docs-stale-line",
        "--format",
        "short",
        "--color",
        "always",
    ]);
    assert_eq!(
        out,
        "\u{1b}[1mfixtures/docs-stale-line/sig-docs/README.md:25:9\u{1b}[0m: \u{1b}[1;31merror\u{1b}[0m[\u{1b}[2mdoc-stale\u{1b}[0m]: \
         `fixtures/docs-stale-line/sig-docs/README.md` is not what the generator writes from sigs.yaml (2 line(s) differ)\n\
         1 error, 0 warnings (doc-stale: 1)\n[exit code 1]\n"
    );
}

#[test]
fn a_check_id_in_the_config_says_it_is_not_a_rule() {
    let (p, out) = check_clean_with_config("cfgcheck", "rules:\n  doc-stale: warn\n");
    assert_eq!(
        out,
        format!(
            "{p}/.sigs-lint.yaml:2:3: error[config]: `doc-stale` is a check, not a rule: it cannot be configured\n1 error, 0 warnings (config: 1)\n[exit code 2]\n"
        )
    );
}

#[test]
fn select_ignore_statistics_and_the_output_format_alias() {
    let path = "fixtures/all-rules";
    assert_eq!(
        run(&[
            "check",
            path,
            "--no-docs",
            "--output-format",
            "short",
            "--select",
            "label-format,dir-name"
        ]),
        "fixtures/all-rules/sigs.yaml:3:10: warning[dir-name]: dir `sig-api` does not match the name of SIG \"API Machinery\"\n\
         fixtures/all-rules/sigs.yaml:5:12: warning[label-format]: label `API_Machinery` is not lowercase kebab-case\n\
         fixtures/all-rules/sigs.yaml:38:10: warning[dir-name]: dir `sig-docs` does not match the name of SIG \"Docs \"\n\
         fixtures/all-rules/sigs.yaml:39:11: warning[label-format]: SIG \"Docs \" has no `label`\n\
         0 errors, 4 warnings (dir-name: 2, label-format: 2); 2 fixable with `sigs-lint check --fix`\n[exit code 0]\n"
    );
    // --ignore takes out what --select lets in.
    let all = run(&[
        "check",
        path,
        "--no-docs",
        "--format",
        "short",
        "--select",
        "dir-name",
        "--ignore",
        "dir-name",
    ]);
    assert_eq!(all, "no problems found\n[exit code 0]\n");
    insta::assert_snapshot!(
        "all-rules.statistics",
        run(&["check", path, "--no-docs", "--statistics"])
    );
    assert_eq!(
        run(&["check", path, "--select", "doc-stale"]),
        "error: `doc-stale` is a check, not a rule: checks are always reported\n[exit code 2]\n"
    );
    assert_eq!(
        run(&["check", path, "--ignore", "label-fromat"]),
        "error: unknown rule `label-fromat` (did you mean `label-format`?); `sigs-lint rules` lists them\n[exit code 2]\n"
    );
}

#[test]
fn a_baseline_hides_recorded_findings_through_line_moves_and_shows_new_ones() {
    let dir = scratch("all-rules", "baseline");
    let p = dir.to_string_lossy().into_owned();
    let b = format!("{p}/baseline.json");
    assert_eq!(
        run(&["check", &p, "--no-docs", "--write-baseline", &b]),
        format!("recorded 45 finding(s) in {b}\n[exit code 0]\n")
    );
    let with_baseline = || {
        run(&[
            "check",
            &p,
            "--no-docs",
            "--baseline",
            &b,
            "--deny-warnings",
            "--format",
            "short",
        ])
    };
    assert_eq!(
        with_baseline(),
        format!(
            "sigs-lint: note[baseline]: 45 finding(s) recorded in the baseline {b} are not shown\n0 errors, 0 warnings, 1 note (baseline: 1)\n[exit code 0]\n"
        )
    );
    // A new group above every recorded finding moves them all down; it has one problem of its own.
    let data = dir.join("sigs.yaml");
    let text = std::fs::read_to_string(&data).expect("data");
    let new_group = "sigs:\n  - dir: sig-zeta\n    name: Zeta\n    label: zeta\n    mission_statement: Zeta.\n    charter_link: charter.md\n    leadership:\n      chairs:\n        - github: zed\n          name: Zed\n          company: Z\n          email: zed@example.org\n    subprojects:\n      - name: zeta\n        owners:\n          - https://raw.githubusercontent.com/org/zeta/main/OWNERS\n    meetings:\n      - description: Zeta meeting\n        day: Moonday\n        time: \"9:00\"\n        tz: PT (Pacific Time)\n        frequency: weekly\n";
    std::fs::write(&data, text.replacen("sigs:\n", new_group, 1)).expect("write");
    let out = with_baseline();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(
        lines[0].starts_with(&format!("{p}/sigs.yaml:20:14: warning[meeting-format]: ")),
        "{out}"
    );
    assert_eq!(
        lines[1],
        format!(
            "sigs-lint: note[baseline]: 45 finding(s) recorded in the baseline {b} are not shown"
        )
    );
    assert_eq!(lines[3], "[exit code 1]");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_baseline_that_is_not_one_is_a_tool_error() {
    let dir = scratch("clean", "badbaseline");
    let p = dir.to_string_lossy().into_owned();
    let b = format!("{p}/baseline.json");
    std::fs::write(&b, "{\"version\": 2, \"findings\": []}").expect("write");
    assert_eq!(
        run(&[
            "check",
            &p,
            "--no-docs",
            "--baseline",
            &b,
            "--format",
            "short"
        ]),
        format!(
            "sigs-lint: error[io]: {b}: baseline version 2 is not supported (1 is)\n1 error, 0 warnings (io: 1)\n[exit code 2]\n"
        )
    );
    // Named in the config, it must exist inside the repository.
    std::fs::write(dir.join(".sigs-lint.yaml"), "baseline: nope.json\n").expect("write");
    assert_eq!(
        run(&["check", &p, "--no-docs", "--format", "short"]),
        format!(
            "sigs-lint: error[io]: cannot read `{p}/nope.json`: no such file or directory\n1 error, 0 warnings (io: 1)\n[exit code 2]\n"
        )
    );
    std::fs::write(dir.join(".sigs-lint.yaml"), "baseline: ../x.json\n").expect("write");
    let out = run(&["check", &p, "--no-docs", "--format", "short"]);
    assert!(
        out.contains("error[config]: `../x.json` leaves the repository"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_config_names_the_baseline_and_fix_leaves_what_it_hides() {
    let dir = scratch("fixable", "configbaseline");
    let p = dir.to_string_lossy().into_owned();
    // Recorded before a config names it (the config's baseline does not hide what is recorded).
    std::fs::write(
        dir.join(".sigs-lint.yaml"),
        "baseline: .sigs-lint-baseline.json\n",
    )
    .expect("write");
    let b = format!("{p}/.sigs-lint-baseline.json");
    assert_eq!(
        run(&[
            "check",
            &p,
            "--no-docs",
            "--select",
            "insecure-url",
            "--write-baseline",
            &b
        ]),
        format!("recorded 1 finding(s) in {b}\n[exit code 0]\n")
    );
    let out = run(&[
        "check",
        &p,
        "--no-docs",
        "--select",
        "insecure-url",
        "--format",
        "short",
    ]);
    assert_eq!(
        out,
        "sigs-lint: note[baseline]: 1 finding(s) recorded in the baseline .sigs-lint-baseline.json are not shown\n\
         0 errors, 0 warnings, 1 note (baseline: 1)\n[exit code 0]\n"
            .replace(".sigs-lint-baseline.json", &b)
    );
    // --fix fixes what is reported: the recorded http URL stays.
    let out = run(&["check", &p, "--no-docs", "--fix", "--format", "short"]);
    assert!(
        out.starts_with("applied 7 fixes (dir-name: 2, label-format: 1, text-hygiene: 4) to "),
        "{out}"
    );
    let text = std::fs::read_to_string(dir.join("sigs.yaml")).expect("read");
    assert!(text.contains("archive_url: http://"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn without_a_path_the_repository_is_found_from_a_subfolder() {
    let out = Command::cargo_bin("sigs-lint")
        .expect("binary")
        .current_dir(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/docs-stale-line/sig-release"),
        )
        .args(["check", "--format", "short"])
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "../sig-docs/README.md:25:9: error[doc-stale]: `../sig-docs/README.md` is not what the generator writes from sigs.yaml (2 line(s) differ)\n1 error, 0 warnings (doc-stale: 1)\n"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn generate_with_json_keeps_stdout_one_json_document() {
    let dir = scratch("docs-stale-line", "genjson");
    let p = dir.to_string_lossy().into_owned();
    let out = Command::cargo_bin("sigs-lint")
        .expect("binary")
        .args(["generate", &p, "--format", "json"])
        .output()
        .expect("runs");
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("stdout is one JSON document");
    assert_eq!(json["findings"], serde_json::json!([]));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "updated {p}/sig-docs/README.md\n1 file written (0 created, 1 updated), 6 up to date\n"
        )
    );
    assert_eq!(out.status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn one_placeholder_vocabulary_so_no_placeholder_url_goes_unreported() {
    let out = Command::cargo_bin("sigs-lint")
        .expect("binary")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--stdin", "--stdin-filename", "fixtures/clean/sigs.yaml"])
        .args(["--no-docs", "--format", "short", "--select", "text-hygiene,valid-url"])
        .write_stdin(
            "sigs:\n- dir: sig-a\n  name: A\n  label: a\n  meetings:\n  - url: N/A\n    archive_url: tbd\n    recordings_url: XXX\n",
        )
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "fixtures/clean/sigs.yaml:6:10: warning[text-hygiene]: `url` holds the placeholder `N/A`\n\
         fixtures/clean/sigs.yaml:7:18: warning[text-hygiene]: `archive_url` holds the placeholder `tbd`\n\
         fixtures/clean/sigs.yaml:8:21: warning[text-hygiene]: `recordings_url` holds the placeholder `XXX`\n\
         0 errors, 3 warnings (text-hygiene: 3)\n"
    );
}

#[test]
fn generate_refuses_an_escaping_dir_even_with_safe_dir_off_and_says_which() {
    let dir = scratch("docs-escaping-dir", "genescoff");
    std::fs::write(dir.join(".sigs-lint.yaml"), "rules:\n  safe-dir: off\n").expect("config");
    let p = dir.to_string_lossy().into_owned();
    let out = run(&["generate", &p, "--format", "short"]);
    assert!(
        out.contains("error[safe-dir]: nothing was generated: the README of SIG \"Release\" cannot be written under `../sig-release`"),
        "{out}"
    );
    assert!(out.ends_with("[exit code 1]\n"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_missing_template_is_named_not_taken_for_orphans() {
    let dir = scratch("docs-good", "notemplate");
    let p = dir.to_string_lossy().into_owned();
    assert!(run(&["init", &p]).ends_with("[exit code 0]\n"));
    std::fs::remove_file(dir.join("generator/sig_readme.tmpl")).expect("rm");
    let want = format!(
        "{p}/sigs.yaml:1:1: warning[template-error]: no template for `{p}/sig-docs/README.md`, `{p}/sig-release/README.md`: \
         `{p}/generator/sig_readme.tmpl` does not exist, so they are neither generated nor compared\n\
         0 errors, 1 warning (template-error: 1)\n[exit code 0]\n"
    );
    assert_eq!(run(&["check", &p, "--format", "short"]), want);
    let out = run(&["generate", &p, "--format", "short"]);
    assert!(
        out.contains("warning[template-error]: no template for"),
        "{out}"
    );
    assert!(!out.contains("doc-orphan"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every fixture gets the same findings on one thread and on two (a check of real-sized data
/// runs on one, of ten times that on two).
#[test]
fn one_thread_or_two_the_same_findings() {
    use sigs_lint::commands::check::{CheckOptions, Threads, check};
    use sigs_lint::report::{Renderer, Short};
    for name in fixture_names() {
        let with = |threads| {
            let c = check(&CheckOptions {
                path: Path::new("fixtures").join(&name),
                threads,
                ..Default::default()
            });
            let mut out = Vec::new();
            Short::default().render(&c.run, &mut out).expect("renders");
            (String::from_utf8(out).expect("utf-8"), c.tool_error)
        };
        let one = with(Threads::One);
        assert_eq!(one, with(Threads::Two), "{name}");
        assert_eq!(one, with(Threads::Auto), "{name}");
    }
}
