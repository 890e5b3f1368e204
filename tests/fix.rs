//! `check --fix`: every safe fix applied in place (comments and every other byte kept), until
//! nothing is left to fix; `--fix --diff` previews; the filters that hide a finding keep its fix
//! out; a whole-file rewrite only where nothing the generator drops is there.

use std::path::{Path, PathBuf};

mod support;
use support::copy_dir;

/// A scratch copy of a fixture (or an empty folder for `None`).
fn scratch(fixture: Option<&str>, tag: &str) -> PathBuf {
    let dst = std::env::temp_dir().join(format!("sigs-lint-fix-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dst);
    match fixture {
        Some(f) => copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("fixtures")
                .join(f),
            &dst,
        ),
        None => std::fs::create_dir_all(&dst).expect("mkdir"),
    }
    dst
}

/// Runs the binary in `dir` (so that paths are short and stable): stdout, stderr, exit code.
fn run_in(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let out = support::sigs_lint(dir).args(args).output().expect("runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn read(p: &Path) -> String {
    String::from_utf8(std::fs::read(p).expect("read")).expect("UTF-8")
}

/// What `check --fix` must make of `fixtures/fixable/sigs.yaml`: each fixable finding repaired,
/// nothing else touched.
fn expected_fixed(original: &str) -> String {
    let fixed = original
        .replace("\r\n", "\n")
        .replace("dir: sig-doc #", "dir: sig-docs #")
        .replace("label: Docs\n", "label: docs\n")
        .replace("\"Jane Doe \"", "\"Jane Doe\"")
        .replace("Ravi\u{200b} Kumar", "Ravi Kumar")
        .replace("archive_url: http://", "archive_url: https://")
        .replace("dir: sig-contribex", "dir: sig-contributor-experience")
        .replace("'Contributor Experience '", "'Contributor Experience'");
    assert_ne!(fixed, original.replace("\r\n", "\n"));
    fixed
}

const FIXABLE_IDS: &[&str] = &["text-hygiene", "dir-name", "label-format", "insecure-url"];

#[test]
fn fix_repairs_every_fixable_finding_and_keeps_every_other_byte() {
    let dir = scratch(Some("fixable"), "all");
    let file = dir.join("sigs.yaml");
    let original = read(&file);
    let (before, _, code) = run_in(&dir, &["check", "--no-docs", "--format", "short"]);
    assert_eq!(code, 0, "{before}");
    for id in FIXABLE_IDS {
        assert!(
            before.contains(&format!("[{id}]")),
            "the fixture has a {id} finding"
        );
    }

    let (out, err, code) = run_in(&dir, &["check", "--no-docs", "--fix", "--color", "never"]);
    assert_eq!(
        (out.as_str(), err.as_str(), code),
        (
            "applied 8 fixes (dir-name: 2, insecure-url: 1, label-format: 1, text-hygiene: 4) to sigs.yaml\n\
             generator: no generator/ directory: sigs-lint's built-in templates\n\nno problems found\n",
            "",
            0
        )
    );
    let fixed = read(&file);
    assert_eq!(fixed, expected_fixed(&original));
    for comment in original.lines().filter(|l| l.trim_start().starts_with('#')) {
        assert!(fixed.contains(comment.trim_end_matches('\r')), "{comment}");
    }
    assert!(fixed.contains("dir: sig-docs # the generator derives sig-docs from the name\n"));
    assert!(fixed.contains("/edit # meeting notes\n"));

    // Nothing is left for the rules to report, and a second run changes nothing.
    let (after, _, code) = run_in(&dir, &["check", "--no-docs", "--format", "short"]);
    assert_eq!((after.as_str(), code), ("no problems found\n", 0));
    let (out, _, code) = run_in(&dir, &["check", "--no-docs", "--fix", "--format", "short"]);
    assert_eq!(
        (out.as_str(), code),
        ("nothing to fix in sigs.yaml\nno problems found\n", 0)
    );
    assert_eq!(read(&file), fixed);
}

#[test]
fn fix_diff_previews_and_writes_nothing() {
    let dir = scratch(Some("fixable"), "diff");
    let file = dir.join("sigs.yaml");
    let original = read(&file);
    let (out, err, code) = run_in(&dir, &["check", "--no-docs", "--fix", "--diff"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "would apply 8 fixes (dir-name: 2, insecure-url: 1, label-format: 1, text-hygiene: 4) to sigs.yaml\n"
    );
    assert!(out.starts_with("--- sigs.yaml (as written)\n+++ sigs.yaml (fixed)\n"));
    // The diff's added lines are the fixed file.
    let added: String = out
        .lines()
        .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
        .map(|l| format!("{}\n", &l[1..]))
        .collect();
    assert_eq!(added, expected_fixed(&original));
    assert_eq!(read(&file), original);

    // Fixed, the preview has nothing to show and succeeds.
    run_in(&dir, &["check", "--no-docs", "--fix"]);
    let (out, err, code) = run_in(&dir, &["check", "--no-docs", "--fix", "--diff"]);
    assert_eq!(
        (out.as_str(), err.as_str(), code),
        ("", "nothing to fix in sigs.yaml\n", 0)
    );
}

#[test]
fn a_hidden_finding_keeps_its_fix_out() {
    // --ignore, a suppression comment and a level `off` each keep their findings unfixed.
    let dir = scratch(Some("fixable"), "hidden");
    let file = dir.join("sigs.yaml");
    let original = read(&file);
    let suppressed = original.replace(
        "    label: Docs\r\n",
        "    label: Docs # sigs-lint: ignore[label-format] the label predates the rule\r\n",
    );
    std::fs::write(&file, &suppressed).expect("write");
    std::fs::write(dir.join(".sigs-lint.yaml"), "rules:\n  dir-name: off\n").expect("write");
    let (out, _, code) = run_in(
        &dir,
        &[
            "check",
            "--no-docs",
            "--fix",
            "--ignore",
            "insecure-url",
            "--format",
            "short",
        ],
    );
    assert_eq!(
        (out.as_str(), code),
        (
            "applied 4 fixes (text-hygiene: 4) to sigs.yaml\nno problems found\n",
            0
        )
    );
    let fixed = read(&file);
    assert!(fixed.contains("label: Docs # sigs-lint: ignore[label-format]"));
    assert!(fixed.contains("dir: sig-doc #") && fixed.contains("dir: sig-contribex\n"));
    assert!(fixed.contains("archive_url: http://"));
    assert!(!fixed.contains('\r') && fixed.contains("'Contributor Experience'"));
}

/// A kubernetes-flavoured repository (named in the config) whose data is not in the form the
/// generator writes back.
fn unsorted_repo(tag: &str, comment: bool) -> (PathBuf, String) {
    let dir = scratch(None, tag);
    std::fs::write(dir.join(".sigs-lint.yaml"), "generator: kubernetes-K35\n").expect("write");
    let text = format!(
        "{}sigs:\n- dir: sig-b\n  name: B\n- dir: sig-a\n  name: A\n",
        if comment { "# our groups\n" } else { "" }
    );
    std::fs::write(dir.join("sigs.yaml"), &text).expect("write");
    (dir, text)
}

#[test]
fn fix_rewrites_a_non_canonical_file_that_has_no_comments() {
    let (dir, _) = unsorted_repo("canonical", false);
    let (before, _, _) = run_in(&dir, &["check", "--format", "short"]);
    assert!(before.contains("error[canonical-form]"), "{before}");
    let (out, _, _) = run_in(&dir, &["check", "--fix", "--format", "short"]);
    assert!(
        out.starts_with("applied 1 fix (canonical-form: 1) to sigs.yaml\n"),
        "{out}"
    );
    assert!(!out.contains("canonical-form]"), "{out}");
    let (after, _, _) = run_in(&dir, &["check", "--format", "short"]);
    assert!(!after.contains("canonical-form"), "{after}");
    let fixed = read(&dir.join("sigs.yaml"));
    assert!(
        fixed.find("name: A").unwrap() < fixed.find("name: B").unwrap(),
        "{fixed}"
    );
}

#[test]
fn fix_leaves_a_non_canonical_file_with_comments_to_fmt() {
    let (dir, text) = unsorted_repo("canonical-comments", true);
    let (out, _, code) = run_in(&dir, &["check", "--fix", "--format", "short"]);
    assert!(out.starts_with("nothing to fix in sigs.yaml\n"), "{out}");
    assert!(out.contains("error[canonical-form]"), "{out}");
    assert_eq!(code, 1);
    assert_eq!(read(&dir.join("sigs.yaml")), text);
}

#[test]
fn fix_refuses_what_it_cannot_do() {
    let (_, err, code) = run_in(Path::new("."), &["check", "--stdin", "--fix"]);
    assert_eq!(code, 2, "{err}");
    let (_, err, code) = run_in(Path::new("."), &["check", "--diff"]);
    assert_eq!(code, 2, "{err}");
    // A data file that is a link is not replaced.
    #[cfg(unix)]
    {
        let dir = scratch(Some("fixable"), "link");
        std::fs::rename(dir.join("sigs.yaml"), dir.join("real.yaml")).expect("rename");
        std::os::unix::fs::symlink("real.yaml", dir.join("sigs.yaml")).expect("symlink");
        let (out, err, code) = run_in(&dir, &["check", "--no-docs", "--fix", "--format", "short"]);
        assert_eq!(code, 2, "{out}");
        assert_eq!(
            err,
            "error: nothing was written: `sigs.yaml` is a link; sigs-lint does not replace links\n"
        );
        assert!(dir.join("sigs.yaml").is_symlink());
        // The findings are those of the file as it is (they said "no problems found", of the
        // fixed text that was not written).
        let (plain, _, _) = run_in(&dir, &["check", "--no-docs", "--format", "short"]);
        let mut lines = out.lines();
        assert_eq!(
            lines.next(),
            Some(
                "sigs.yaml was not changed: 8 fixes (dir-name: 2, insecure-url: 1, label-format: 1, text-hygiene: 4) not applied"
            )
        );
        assert_eq!(lines.collect::<Vec<_>>().join("\n") + "\n", plain);
    }
}

#[test]
fn quiet_prints_the_findings_and_nothing_else() {
    let dir = scratch(Some("fixable"), "quiet");
    let (out, err, code) = run_in(
        &dir,
        &[
            "check",
            "--no-docs",
            "-q",
            "--select",
            "insecure-url",
            "--format",
            "short",
        ],
    );
    assert_eq!(
        (out.as_str(), err.as_str(), code),
        (
            "sigs.yaml:30:22: warning[insecure-url]: `archive_url` uses http, not https\n",
            "",
            0
        )
    );
    let (out, err, code) = run_in(&dir, &["check", "--no-docs", "--fix", "--quiet"]);
    assert_eq!((out.as_str(), err.as_str(), code), ("", "", 0));
    let (out, _, _) = run_in(&dir, &["check", "--no-docs", "--quiet", "--color", "never"]);
    assert_eq!(out, "");
    // The machine formats keep their one document.
    let (out, _, _) = run_in(&dir, &["check", "--no-docs", "--quiet", "--format", "json"]);
    assert!(out.contains("\"summary\""), "{out}");
}
