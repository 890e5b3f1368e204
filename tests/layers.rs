//! The architecture as a test: every module of `src/` uses only modules of lower layers (no
//! import cycles, no arrow upwards). Comments and test modules are not counted.

use std::collections::BTreeSet;
use std::path::Path;

/// The layers, lowest first; a module may use the modules of the layers before its own.
const LAYERS: &[&[&str]] = &[
    &["source", "fsutil"],
    &["diagnostic"],
    &["model", "template"],
    &["flavour"],
    &["config"],
    &["rules", "generate"],
    &["canonical"],
    &["commands", "report"],
    &["lsp"],
];

fn layer(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|l| l.contains(&module))
        .unwrap_or_else(|| panic!("module `{module}` is in no layer of tests/layers.rs"))
}

/// The top-level modules one source file uses (`crate::x::…` and `use crate::{x, y::…}`).
fn used_by(text: &str) -> BTreeSet<String> {
    let code: String = text
        .split("#[cfg(test)]")
        .next()
        .unwrap_or("")
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let path = regex::Regex::new(r"crate::([a-z_]+)").expect("regex");
    let group = regex::Regex::new(r"crate::\{([^}]*)\}").expect("regex");
    let head = regex::Regex::new(r"(?:^|[,{])\s*([a-z_]+)").expect("regex");
    let mut out: BTreeSet<String> = path
        .captures_iter(&code)
        .map(|c| c[1].to_string())
        .collect();
    for g in group.captures_iter(&code) {
        out.extend(head.captures_iter(&g[1]).map(|c| c[1].to_string()));
    }
    out
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn every_module_uses_only_lower_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut edges = BTreeSet::new();
    for p in all {
        let rel = p.strip_prefix(&src).expect("inside src");
        let top = rel
            .components()
            .next()
            .expect("a name")
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if top == "lib" || top == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&p).expect("source");
        for used in used_by(&text) {
            if used != top {
                edges.insert((top.clone(), used, rel.display().to_string()));
            }
        }
    }
    assert!(edges.len() > 15, "{edges:?}");
    for (from, to, file) in &edges {
        assert!(
            layer(to) < layer(from),
            "`{from}` uses `{to}` ({file}), which is not in a lower layer"
        );
    }
}
