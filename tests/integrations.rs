//! The three places users run sigs-lint, exercised: the README's snippets parse and agree with the
//! files they describe; the GitHub Action's check step runs (its bash script, with the inputs as
//! environment); the pre-commit hooks' `files` patterns select the right paths and their entries run;
//! the VS Code problem matcher parses every line of the `short` format.

use std::path::Path;
use std::process::Command;

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

#[test]
fn action_check_step_runs_as_written() {
    let action = yaml(&std::fs::read_to_string(root().join("action.yml")).expect("action.yml"));
    let runs = get(&action, "runs");
    assert_eq!(text(get(runs, "using")), "composite");
    for input in ["path", "version", "args"] {
        get(get(&action, "inputs"), input);
    }
    let steps = items(get(runs, "steps"));
    let install = text(get(&steps[0], "run"));
    assert!(
        install.contains("cargo install --locked --path \"$ACTION_PATH\""),
        "{install}"
    );
    assert!(
        install.contains("--version \"$SIGS_LINT_VERSION\""),
        "{install}"
    );
    let script = text(get(&steps[1], "run")).to_string();
    assert!(script.contains("--format github"));
    // Run the check step's script with the inputs as the action would set them.
    let path = format!(
        "{}:{}",
        binary_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let run = |fixture: &str, args: &str| {
        Command::new("bash")
            .arg("-c")
            .arg(&script)
            .current_dir(root())
            .env("PATH", &path)
            .env("SIGS_LINT_PATH", format!("fixtures/{fixture}"))
            .env("SIGS_LINT_ARGS", args)
            .output()
            .expect("bash runs")
    };
    let good = run("docs-good", "");
    assert_eq!(good.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&good.stdout), "no problems found\n");
    let stale = run("docs-stale-line", "");
    assert_eq!(stale.status.code(), Some(1));
    let out = String::from_utf8_lossy(&stale.stdout);
    assert!(
        out.starts_with("::error file=fixtures/docs-stale-line/sig-docs/README.md,line=25,"),
        "{out}"
    );
    let kubeflow = run("kubeflow-style", "--no-docs --deny-warnings");
    assert_eq!(
        kubeflow.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&kubeflow.stdout)
    );
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
