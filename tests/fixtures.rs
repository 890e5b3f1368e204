//! Every fixture under `fixtures/` is checked by the real binary; its report (human, no color, width
//! 80, and short) and its exit code are compared with the snapshots in `tests/snapshots/`.

use std::path::Path;

use assert_cmd::Command;

fn run(args: &[&str]) -> String {
    let out = Command::cargo_bin("sigs-lint")
        .expect("binary builds")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
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

#[test]
fn every_fixture_matches_its_snapshots() {
    let names = fixture_names();
    assert!(
        names.len() >= 15,
        "expected the fixture set, found {names:?}"
    );
    for name in names {
        let path = format!("fixtures/{name}");
        let human = run(&["check", &path, "--color", "never"]);
        insta::assert_snapshot!(format!("{name}.human"), human);
        let short = run(&["check", &path, "--format", "short"]);
        insta::assert_snapshot!(format!("{name}.short"), short);
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
    let out = run(&["check", "fixtures/clean/sigs.yaml", "--format", "short"]);
    assert_eq!(out, "no problems found\n[exit code 0]\n");
}

#[test]
fn deny_warnings_changes_the_exit_code() {
    // kubernetes-style data with warnings only: exit 0, and 1 with --deny-warnings.
    let plain = run(&["check", "fixtures/warnings-only", "--format", "short"]);
    assert!(plain.ends_with("[exit code 0]\n"), "{plain}");
    assert!(plain.contains("warning["), "{plain}");
    let denied = run(&[
        "check",
        "fixtures/warnings-only",
        "--format",
        "short",
        "--deny-warnings",
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
