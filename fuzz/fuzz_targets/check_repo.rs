//! The whole `check` over a small repository built from the input (a data file, a template and a
//! committed README, separated by NUL bytes), rendered with the human and GitHub formats: no
//! panic, whatever the bytes. Inputs up to 1 MB reach long lines.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sigs_lint::commands::check::{CheckOptions, check};
use sigs_lint::report::{Github, Human, Renderer};

fuzz_target!(|input: &[u8]| {
    let mut parts = input.splitn(3, |b| *b == 0);
    let data = parts.next().unwrap_or_default();
    let template = parts.next().unwrap_or_default();
    let readme = parts.next().unwrap_or_default();
    let root = std::env::temp_dir().join(format!("sigs-lint-fuzz-repo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("generator")).expect("scratch");
    std::fs::create_dir_all(root.join("sig-docs")).expect("scratch");
    std::fs::write(root.join("sigs.yaml"), data).expect("scratch");
    std::fs::write(root.join("generator/sig_readme.tmpl"), template).expect("scratch");
    std::fs::write(root.join("generator/list.tmpl"), template).expect("scratch");
    std::fs::write(root.join("sig-docs/README.md"), readme).expect("scratch");
    let checked = check(&CheckOptions {
        path: root.clone(),
        ..CheckOptions::default()
    });
    let mut out = Vec::new();
    let _ = Human { color: false, width: 80 }.render(&checked.run, &mut out);
    let _ = Github.render(&checked.run, &mut out);
});
