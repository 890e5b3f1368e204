//! Load + all rules + both renderers on any bytes: no panic; the fast YAML scanner gives granit's
//! events wherever it reads the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sigs_lint::config::Config;
use sigs_lint::report::{Human, Renderer, Run, Short};

fuzz_target!(|input: &[u8]| {
    let (file, mut findings) = sigs_lint::model::load_file("fuzz.yaml", input.to_vec());
    if let Err(e) = sigs_lint::model::scan_agrees(&file) {
        panic!("the scanner and granit disagree on {:?}: {e}", file.text);
    }
    let loaded = sigs_lint::model::load(&file);
    findings.extend(loaded.findings);
    if loaded.usable {
        findings.extend(sigs_lint::rules::run(&loaded.model, &file, &Config::default()));
        let _ = sigs_lint::generate::context(&loaded.model);
    }
    let run = Run {
        files: vec![file.into()],
        findings,
        generator: None,
    };
    let mut out = Vec::new();
    let _ = Human { color: false, width: 80 }.render(&run, &mut out);
    let _ = Short { color: false }.render(&run, &mut out);
});
