//! A whole repository tree as a pull request could shape it: any files (sigs.yaml, the config,
//! templates, `generator/app.go`, committed docs), folders, symbolic links and FIFOs, built from
//! the input; `check` and then `generate` run over it, rendered in every format. Beyond "no
//! panic, no hang", four oracles:
//! - nothing outside the repository root changes (a folder beside it, its files and links
//!   compared byte for byte before and after), nor `.git/config`;
//! - no rendered output holds a secret sigs-lint must not read: the text of a file beside the
//!   root, of `.git/config`, or of the process environment (`/proc/self/environ`), when the
//!   input itself does not hold it;
//! - when `generate` reports success, a `check` after it finds no stale or missing doc;
//! - `generate` run a second time writes nothing;
//! - no output holds a control character but newline and tab, nor a bidirectional control,
//!   nor a line GitHub's runner would take for a workflow command (`::` after blanks, `##[`
//!   anywhere) but the GitHub format's own annotations.
//!
//! The input: entries separated by NUL bytes, each a header line and the file's bytes after it.
//! Headers: `path` (a file), `path/` (a folder), `path|` (a FIFO), `path -> target` (a link).
//! Paths are made relative and lose `.` and `..`; `@pid` in a header is the process id (the
//! one in the temporary names `generate` picks). Link targets are kept inside the scratch
//! folder (so that a defect in sigs-lint cannot write into the fuzzing machine): a relative
//! target may climb out of its folder only up to the repository root, an absolute one names
//! the folder beside the root (`/outside/...`) or one of `/dev/null`, `/dev/zero`,
//! `/proc/self/environ`. Run the fuzzer as an unprivileged user all the same (README of fuzz/).
#![no_main]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use libfuzzer_sys::fuzz_target;
use sigs_lint::commands::check::{CheckOptions, check};
use sigs_lint::commands::generate::generate_with;
use sigs_lint::diagnostic::Severity;
use sigs_lint::report::{Github, Human, Json, Markdown, Renderer, Sarif, Short};

const OUTSIDE_SECRET: &str = "outside-secret-5d1c9a";
const GIT_SECRET: &str = "extraheader = AUTHORIZATION: basic git-secret-7e42b0";
/// Set in the fuzzer's environment by whoever starts it (see fuzz/README.md); checked when set.
const ENV_SECRET: &str = "SIGS_LINT_FUZZ_SECRET";
const MAX_ENTRIES: usize = 64;
const BAIT: &[&str] = &[
    "list.tmpl",
    "sig_readme.tmpl",
    "header.tmpl",
    "aliases.tmpl",
    "sigs.yaml",
    ".sigs-lint.yaml",
    "app.go",
    "OWNERS_ALIASES",
    "sig-list.md",
];

fuzz_target!(|input: &[u8]| {
    let scratch = std::env::temp_dir().join(format!("sigs-lint-fuzz-tree-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let root = scratch.join("repo");
    let outside = scratch.join("outside");
    std::fs::create_dir_all(root.join(".git")).expect("scratch");
    std::fs::create_dir_all(outside.join("dir")).expect("scratch");
    std::fs::write(outside.join("secret"), OUTSIDE_SECRET).expect("scratch");
    std::fs::write(outside.join("README.md"), OUTSIDE_SECRET).expect("scratch");
    std::fs::write(outside.join("dir/README.md"), OUTSIDE_SECRET).expect("scratch");
    std::fs::write(root.join(".git/config"), GIT_SECRET).expect("scratch");
    // Bait: files named like what sigs-lint reads, beside the root and in `.git`, for links to
    // folders (`generator -> /outside`, `docs -> ../.git`) to reach.
    for (dir, secret) in [(&outside, OUTSIDE_SECRET), (&root.join(".git"), GIT_SECRET)] {
        for name in BAIT {
            std::fs::write(dir.join(name), secret).expect("scratch");
        }
    }
    build(&root, &outside, input);
    let before = snapshot(&scratch);

    let opts = CheckOptions {
        path: root.clone(),
        ..CheckOptions::default()
    };
    let mut out = Vec::new();
    let checked = check(&opts);
    render(&checked.run, &mut out);
    let first = generate_with(&opts, true, false);
    render(&first.checked.run, &mut out);
    let wrote_all = !first.checked.tool_error
        && first.checked.loaded
        && !first.failed
        && first.checked.run.count(Severity::Error) == 0;
    if wrote_all {
        let after = check(&opts);
        render(&after.run, &mut out);
        let stale: Vec<_> = after
            .run
            .findings
            .iter()
            .filter(|f| f.rule == "doc-stale" || f.rule == "doc-missing")
            .map(|f| &f.message)
            .collect();
        assert!(
            stale.is_empty(),
            "generate succeeded, yet check finds {stale:?}"
        );
        let second = generate_with(&opts, true, false);
        let again: Vec<_> = second.written.iter().map(|w| &w.path).collect();
        assert!(again.is_empty(), "a second generate wrote {again:?}");
    }

    // Nothing beside the root changed (the repository itself may: generate writes there).
    let now = snapshot(&scratch);
    let outside_only = |m: &BTreeMap<PathBuf, String>| {
        m.iter()
            .filter(|(p, _)| !p.starts_with("repo") || p.starts_with("repo/.git"))
            .map(|(p, v)| (p.clone(), v.clone()))
            .collect::<BTreeMap<_, _>>()
    };
    assert_eq!(
        outside_only(&before),
        outside_only(&now),
        "something outside the root changed"
    );

    let text = String::from_utf8_lossy(&out);
    let mut secrets = vec![OUTSIDE_SECRET.to_string(), GIT_SECRET.to_string()];
    if let Ok(s) = std::env::var(ENV_SECRET) {
        secrets.push(s);
    }
    for secret in secrets {
        if !input.windows(secret.len()).any(|w| w == secret.as_bytes()) {
            assert!(!text.contains(&secret), "the output shows `{secret}`");
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
});

/// Renders `run` in every format into `out`. Whatever the repository holds, no format carries a
/// control character but newline and tab (nothing can drive a terminal), nor a bidirectional
/// control (nothing reorders what is shown), nor a line GitHub's
/// runner would take for a workflow command (`::` after blanks, `##[` anywhere) but the GitHub
/// format's own annotations.
fn render(run: &sigs_lint::report::Run, out: &mut Vec<u8>) {
    let mut formats = vec![Vec::new(); 6];
    let _ = Human {
        color: false,
        width: 80,
    }
    .render(run, &mut formats[0]);
    let _ = Short { color: false }.render(run, &mut formats[1]);
    let _ = Json.render(run, &mut formats[2]);
    let _ = Sarif { cwd: None }.render(run, &mut formats[3]);
    let _ = Github.render(run, &mut formats[4]);
    let _ = Markdown.render(run, &mut formats[5]);
    for (i, bytes) in formats.iter().enumerate() {
        let text = String::from_utf8_lossy(bytes);
        if let Some(c) = text.chars().find(|c| {
            (c.is_control() && *c != '\n' && *c != '\t') || sigs_lint::report::is_bidi(*c)
        }) {
            panic!("format {i}: the output holds the control character {c:?}: {text}");
        }
        for line in text.lines() {
            let ours = i == 4
                && ["::error ", "::warning ", "::notice "]
                    .iter()
                    .any(|p| line.starts_with(p));
            assert!(
                ours || (!line.trim_start().starts_with("::") && !line.contains("##[")),
                "format {i}: a workflow command in the output: {line:?}"
            );
        }
        out.extend_from_slice(bytes);
    }
}

/// The input's entries, made into files, folders, FIFOs and then links under `root`. Nothing is
/// created through a link: files first (a link cannot exist yet), links only where every folder
/// above is a real folder.
fn build(root: &Path, outside: &Path, input: &[u8]) {
    let mut links = Vec::new();
    for entry in input.split(|b| *b == 0).take(MAX_ENTRIES) {
        let (header, body) = match entry.iter().position(|b| *b == b'\n') {
            Some(i) => (&entry[..i], &entry[i + 1..]),
            None => (entry, &[][..]),
        };
        // `@pid` is this process's id: names a run's temporary files take
        // (`.README.md.sigs-lint-@pid.tmp`) can be taken by a link or FIFO first.
        let header =
            String::from_utf8_lossy(header).replace("@pid", &std::process::id().to_string());
        if let Some((path, target)) = header.split_once(" -> ") {
            links.push((plain(path), target.to_string()));
            continue;
        }
        let (path, kind) = match header.as_bytes().last() {
            Some(b'/') => (plain(&header), '/'),
            Some(b'|') => (plain(&header[..header.len() - 1]), '|'),
            _ => (plain(&header), 'f'),
        };
        let Some(path) = path.filter(|p| !p.starts_with(".git")) else {
            continue;
        };
        let full = root.join(&path);
        if let Some(parent) = full.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let _ = match kind {
            '/' => std::fs::create_dir_all(&full),
            '|' => std::process::Command::new("mkfifo")
                .arg(&full)
                .status()
                .map(|_| ()),
            _ => std::fs::write(&full, body),
        };
    }
    for (path, target) in links {
        let Some(path) = path.filter(|p| p != Path::new(".git")) else {
            continue;
        };
        let parent = path.parent().unwrap_or(Path::new(""));
        let real_parents = parent
            .ancestors()
            .all(|a| std::fs::symlink_metadata(root.join(a)).is_ok_and(|m| m.file_type().is_dir()));
        if !real_parents {
            continue;
        }
        let depth = parent.components().count();
        let target = if let Some(rest) = target.strip_prefix('/') {
            match rest {
                "dev/null" | "dev/zero" | "proc/self/environ" => PathBuf::from(&target),
                _ => {
                    let rest = rest.strip_prefix("outside").unwrap_or(rest);
                    outside.join(plain(rest).unwrap_or_default())
                }
            }
        } else {
            let ups = target
                .split('/')
                .take_while(|c| *c == "..")
                .count()
                .min(depth);
            let mut t = PathBuf::new();
            for _ in 0..ups {
                t.push("..");
            }
            t.join(plain(&target).unwrap_or_default())
        };
        let full = root.join(&path);
        if let Some(p) = full.parent() {
            let _ = std::fs::create_dir_all(p);
        }
        let _ = std::os::unix::fs::symlink(target, full);
    }
}

/// `path` relative, without `.`, `..` and empty components; `None` when nothing is left.
fn plain(path: &str) -> Option<PathBuf> {
    let p: PathBuf = path
        .split('/')
        .filter(|c| !c.is_empty() && *c != "." && *c != "..")
        .collect();
    (!p.as_os_str().is_empty()).then_some(p)
}

/// Every path under `dir` (relative) with what it is: a file's bytes (lossy), a link's target,
/// or a marker for folders and other kinds. Links are not followed.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            let rel = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
            let Ok(m) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            let what = if m.file_type().is_symlink() {
                format!("-> {:?}", std::fs::read_link(&path).unwrap_or_default())
            } else if m.is_dir() {
                todo.push(path.clone());
                "folder".to_string()
            } else if m.is_file() {
                String::from_utf8_lossy(&std::fs::read(&path).unwrap_or_default()).into_owned()
            } else {
                "special".to_string()
            };
            out.insert(rel, what);
        }
    }
    out
}
