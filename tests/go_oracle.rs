//! Differential tests against Go itself: our Go program `tests/oracle/main.go` renders with Go's
//! text/template, and our engine must produce the same bytes.
//!
//! - every case of `tests/templates/cases.txt`: Go's output and error must be what the file records
//!   (the same file `tests/template_cases.rs` holds our engine to);
//! - every template set under `fixtures/*/generator/` over its fixture's sigs.yaml and over both
//!   corpora in `../shared/corpus/`: README templates once per group, the others once.
//!
//! Needs Go (Debian's golang-go) and gopkg.in/yaml.v3 (golang-gopkg-yaml.v3-dev); `.ci/run` installs
//! both. Without them the tests print a loud notice and pass.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use sigs_lint::generate::context;
use sigs_lint::generate::render::{groups, load_template};
use sigs_lint::template::TemplateError;
use support::parse_cases;

const YAML_V3: &str = "/usr/share/gocode/src/gopkg.in/yaml.v3";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the oracle once (GOPATH mode, offline); `None` (after a loud notice) without Go.
fn oracle() -> Option<&'static Path> {
    static ORACLE: OnceLock<Option<PathBuf>> = OnceLock::new();
    ORACLE
        .get_or_init(|| {
            let go_ok = Command::new("go").arg("version").output().is_ok_and(|o| o.status.success());
            if !go_ok || !Path::new(YAML_V3).is_dir() {
                eprintln!(
                    "\n!!!!!!!! NOTICE: Go or {YAML_V3} is missing: the Go oracle tests are SKIPPED (apt-get install golang-go golang-gopkg-yaml.v3-dev) !!!!!!!!\n"
                );
                return None;
            }
            let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("go-oracle");
            std::fs::create_dir_all(dir.join("cache")).expect("oracle dir");
            let bin = dir.join("oracle");
            let out = Command::new("go")
                .args(["build", "-o"])
                .arg(&bin)
                .arg(root().join("tests/oracle/main.go"))
                .env("GOPATH", "/usr/share/gocode")
                .env("GO111MODULE", "off")
                .env("GOFLAGS", "")
                .env("GOCACHE", dir.join("cache"))
                .env("GOTOOLCHAIN", "local")
                .output()
                .expect("go runs");
            assert!(
                out.status.success(),
                "building the oracle failed:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(bin)
        })
        .as_deref()
}

#[test]
fn go_agrees_with_every_recorded_case() {
    let Some(oracle) = oracle() else { return };
    let path = root().join("tests/templates/cases.txt");
    let out = Command::new(oracle)
        .arg("cases")
        .arg(&path)
        .output()
        .expect("oracle runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&path).expect("cases");
    let cases = parse_cases(&text);
    let results: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(results.len(), cases.len());
    let mut diffs = Vec::new();
    for (case, r) in cases.iter().zip(&results) {
        assert_eq!(r["name"], case.name.as_str());
        let output = r["output"].as_str().unwrap_or("");
        let kind = r["error_kind"].as_str().unwrap_or("");
        let error =
            (!kind.is_empty()).then(|| format!("{kind}: {}", r["error"].as_str().unwrap_or("")));
        if output != case.get("output").unwrap_or("") || error.as_deref() != case.get("error") {
            diffs.push(format!("{}: Go gives {output:?} / {error:?}", case.name));
        }
    }
    assert!(
        diffs.is_empty(),
        "the cases file disagrees with Go:\n{}",
        diffs.join("\n")
    );
}

/// Our rendering of a template over a sigs.yaml, in the oracle's format.
fn ours(sigs: &Path, template: &Path, kind: Option<&str>) -> String {
    let text = std::fs::read_to_string(sigs).expect("sigs.yaml");
    let file = sigs_lint::source::SourceFile::new("sigs.yaml", text);
    let loaded = sigs_lint::model::load(&file);
    assert!(
        !loaded.has_errors(),
        "{}: {:?}",
        sigs.display(),
        loaded.findings
    );
    let ctx = context(&loaded.model);
    let t = match load_template(template) {
        Ok(t) => t,
        Err(e) => return format!("!!! parse: {e}\n"),
    };
    let show = |r: Result<String, (String, TemplateError)>| match r {
        Ok(s) => s,
        Err((s, e)) => format!("{s}\n!!! exec: {e}\n"),
    };
    match kind {
        None => show(t.render(&ctx)),
        Some(kind) => {
            let field = match kind {
                "sigs" => "Sigs",
                "workinggroups" => "WorkingGroups",
                "usergroups" => "UserGroups",
                _ => "Committees",
            };
            let mut out = String::new();
            for g in groups(&ctx, field) {
                let dir = match &g {
                    sigs_lint::template::Value::Struct(s, _) => s
                        .field("Dir")
                        .and_then(|d| d.as_str())
                        .unwrap_or("")
                        .to_string(),
                    _ => String::new(),
                };
                out.push_str(&format!("=== {dir}\n"));
                out.push_str(&show(t.render(&g)));
            }
            out
        }
    }
}

fn go(oracle: &Path, sigs: &Path, template: &Path, kind: Option<&str>) -> String {
    let header = template.with_file_name("header.tmpl");
    let mut cmd = Command::new(oracle);
    match kind {
        None => cmd.arg("render").arg(sigs).arg(template),
        Some(k) => cmd.arg("groups").arg(sigs).arg(k).arg(template),
    };
    if header.is_file() {
        cmd.arg(header);
    }
    let out = cmd.output().expect("oracle runs");
    let mut s = String::from_utf8(out.stdout).expect("utf-8");
    match out.status.code() {
        Some(0) => {}
        Some(3) => return format!("!!! parse: {}", String::from_utf8_lossy(&out.stderr)),
        Some(4) => s.push_str(&format!(
            "\n!!! exec: {}",
            String::from_utf8_lossy(&out.stderr)
        )),
        c => panic!(
            "oracle failed ({c:?}): {}",
            String::from_utf8_lossy(&out.stderr)
        ),
    }
    s
}

/// Error messages differ in wording; compare the kind only.
fn kinds_only(s: &str) -> String {
    s.lines()
        .map(|l| match l.strip_prefix("!!! ") {
            Some(rest) => format!("!!! {}", rest.split(':').next().unwrap_or("")),
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn readme_kind(name: &str) -> Option<&'static str> {
    match name {
        "sig_readme.tmpl" => Some("sigs"),
        "wg_readme.tmpl" => Some("workinggroups"),
        "ug_readme.tmpl" => Some("usergroups"),
        "committee_readme.tmpl" => Some("committees"),
        _ => None,
    }
}

#[test]
fn fixture_template_sets_render_like_go() {
    let Some(oracle) = oracle() else { return };
    let mut datasets: Vec<PathBuf> = Vec::new();
    let corpus = root().join("../shared/corpus");
    for c in ["kubernetes-community", "icon-community"] {
        let p = corpus.join(c).join("sigs.yaml");
        if p.is_file() {
            datasets.push(p);
        } else {
            eprintln!(
                "\n!!!!!!!! NOTICE: {} is absent: not rendered !!!!!!!!\n",
                p.display()
            );
        }
    }
    let mut compared = 0;
    let mut diffs = Vec::new();
    // Template sets: the built-in one (templates/) and every fixture's generator/.
    let mut sets: Vec<(PathBuf, Option<PathBuf>)> = vec![
        (root().join("templates"), None),
        // header.tmpl defines "list.tmpl": Go's namespace rule.
        (root().join("tests/templates/namespace"), None),
    ];
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures"))
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("generator").is_dir())
        .collect();
    fixtures.sort();
    assert!(
        !fixtures.is_empty(),
        "no fixture has a generator/ directory"
    );
    for f in &fixtures {
        let own = Some(f.join("sigs.yaml")).filter(|p| p.is_file());
        sets.push((f.join("generator"), own));
    }
    for (dir, own_data) in &sets {
        let mut data = datasets.clone();
        data.extend(own_data.clone());
        let mut templates: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("generator dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "tmpl") && !p.ends_with("header.tmpl"))
            .collect();
        templates.sort();
        for sigs in &data {
            for t in &templates {
                let kind = readme_kind(&t.file_name().unwrap_or_default().to_string_lossy());
                let want = kinds_only(&go(oracle, sigs, t, kind));
                let got = kinds_only(&ours(sigs, t, kind));
                compared += 1;
                if want != got {
                    let at = want
                        .bytes()
                        .zip(got.bytes())
                        .position(|(a, b)| a != b)
                        .unwrap_or(want.len().min(got.len()));
                    diffs.push(format!(
                        "{} over {}: differs at byte {at}: Go {:?} / ours {:?}",
                        t.display(),
                        sigs.display(),
                        &want[at.saturating_sub(40).min(want.len())..(at + 40).min(want.len())],
                        &got[at.saturating_sub(40).min(got.len())..(at + 40).min(got.len())],
                    ));
                }
            }
        }
    }
    // With both corpora every set renders over three data files; without them, over its own.
    let minimum = if datasets.len() == 2 {
        28
    } else {
        fixtures.len()
    };
    assert!(compared >= minimum, "only {compared} renders compared");
    assert!(
        diffs.is_empty(),
        "{} of {compared} renders differ from Go:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
}
