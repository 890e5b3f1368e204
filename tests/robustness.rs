//! Never panic on user input: thousands of deterministic mutations of the fixtures (truncations,
//! deletions, YAML punctuation, control bytes, invalid UTF-8, re-indentation) go through the whole
//! load + rules + render path. A panic fails the test; on every mutant the typed and lenient
//! passes must agree, every label must lie on character boundaries inside the file, and the
//! short report must end with the run's summary. Debug builds (`cargo test`) run 1,000 mutants,
//! optimised builds 4,000; `SIGS_LINT_ROUNDS` sets another number (the fuzz targets go deeper).

use sigs_lint::config::Config;
use sigs_lint::model;
use sigs_lint::report::{Renderer, Run, Short};

mod support;

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const INSERTS: &[&[u8]] = &[
    b":",
    b"- ",
    b"[",
    b"]",
    b"{",
    b"}",
    b"&a ",
    b"*a",
    b"\t",
    b"\"",
    b"'",
    b"\0",
    b"\xff",
    b"\xc3",
    b"\n",
    b"\r\n",
    b"  ",
    b"? ",
    b"!!binary ",
    b"|",
    b">",
    b"#",
    b"---\n",
    b"...\n",
    b"<<: *a\n",
    b"\xe2\x80\x8b",
    b"sigs:",
    b"name:",
    b"~",
    b"%YAML 1.2\n",
];

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(v.len() + 1);
        match rng.below(5) {
            0 => v.truncate(at),
            1 => {
                let end = (at + rng.below(40)).min(v.len());
                v.drain(at..end);
            }
            2 => {
                let ins = INSERTS[rng.below(INSERTS.len())];
                v.splice(at..at, ins.iter().copied());
            }
            3 => {
                // re-indent a line
                let start = v[..at]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1);
                let spaces = vec![b' '; rng.below(5)];
                v.splice(start..start, spaces);
            }
            _ => {
                if at < v.len() {
                    v[at] = rng.next() as u8;
                }
            }
        }
    }
    v
}

use sigs_lint::commands::fix::fix_text;

fn lint(bytes: Vec<u8>) -> String {
    let (file, mut findings) = model::load_file("mutant.yaml", bytes);
    // The event pass builds what serde-saphyr builds, or leaves the file to it.
    if let Err(e) = model::typed_passes_agree(&file) {
        panic!("the typed passes disagree on {:?}:\n{e}", file.text);
    }
    // The fast scanner gives granit's events, or leaves the file to granit.
    if let Err(e) = model::scan_agrees(&file) {
        panic!("the scanner and granit disagree on {:?}:\n{e}", file.text);
    }
    let loaded = model::load(&file);
    // The typed pass and the lenient pass agree on whether the file is sound.
    let lenient = model::validate(&file);
    assert_eq!(
        loaded.usable,
        lenient.is_empty(),
        "typed and lenient passes disagree: {:?} / {:?} on {:?}",
        loaded.findings,
        lenient,
        file.text,
    );
    findings.extend(loaded.findings);
    if loaded.usable {
        findings.extend(sigs_lint::rules::run(
            &loaded.model,
            &file,
            &Config::default(),
        ));
    }
    let mut run = Run::default();
    let file = run.add_file(file);
    run.findings = findings.into_iter().map(|f| f.in_file(&file)).collect();
    run.sort();
    for f in &run.findings {
        for l in &f.labels {
            let end = l.span.offset + l.span.len;
            assert!(
                end <= file.text.len()
                    && file.text.is_char_boundary(l.span.offset)
                    && file.text.is_char_boundary(end),
                "{}: label {:?} outside the text or inside a character: {:?}",
                f.rule,
                l.span,
                file.text
            );
        }
    }
    // Fixes edit inside the text, on character boundaries; applied, they converge (a second
    // pass fixes nothing) and never make the file read worse.
    for f in run
        .findings
        .iter()
        .filter_map(|f| f.fix.as_ref().map(|x| (f.rule, x)))
    {
        for e in &f.1.edits {
            assert!(
                e.span.end() <= file.text.len()
                    && file.text.is_char_boundary(e.span.offset)
                    && file.text.is_char_boundary(e.span.end()),
                "{}: edit {:?} outside the text: {:?}",
                f.0,
                e.span,
                file.text
            );
        }
    }
    if run.fixable() > 0 {
        let config = Config::default();
        let (fixed, applied) = fix_text("mutant.yaml", &file.text, &config);
        assert!(
            !applied.is_empty(),
            "fixable, but nothing fixed: {:?}",
            file.text
        );
        let (again, more) = fix_text("mutant.yaml", &fixed, &config);
        assert!(
            more.is_empty() && again == fixed,
            "not a fixed point: {:?} -> {fixed:?}",
            file.text
        );
        let errors = |t: &str| {
            model::load(&sigs_lint::source::SourceFile::new("m", t))
                .findings
                .len()
        };
        assert!(
            errors(&fixed) <= errors(&file.text),
            "{:?} -> {fixed:?}",
            file.text
        );
    }
    let mut short = Vec::new();
    Short::default().render(&run, &mut short).expect("renders");
    let short = String::from_utf8(short).expect("reports are UTF-8");
    assert_eq!(
        short.lines().last(),
        Some(run.summary().as_str()),
        "{short}"
    );
    support::human_text(&run) + &short
}

#[test]
fn mutated_inputs_never_panic() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seeds: Vec<Vec<u8>> = Vec::new();
    for entry in std::fs::read_dir(root.join("fixtures")).expect("fixtures") {
        let dir = entry.expect("entry").path();
        if dir.ends_with("alias-bomb") {
            continue; // its budget breach costs a second per mutant; the fixture test covers it
        }
        for name in ["sigs.yaml", "wgs.yaml"] {
            if let Ok(b) = std::fs::read(dir.join(name)) {
                seeds.push(b);
            }
        }
    }
    assert!(seeds.len() >= 14);
    let rounds = std::env::var("SIGS_LINT_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if cfg!(debug_assertions) { 1000 } else { 4000 });
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    for round in 0..rounds {
        let seed = &seeds[round % seeds.len()];
        lint(mutate(&mut rng, seed));
    }
}

#[test]
fn odd_whole_documents() {
    for doc in [
        "",
        " ",
        "\n\n",
        "~",
        "null",
        "[]",
        "{}",
        "sigs:",
        "sigs: ~",
        "sigs: []",
        "sigs: {}",
        "sigs: [~]",
        "sigs: [[]]",
        "sigs: [{leadership: ~}]",
        "sigs: [{leadership: {chairs: [~]}}]",
        "sigs: [{contact: {liaison: []}}]",
        "sigs: [{subprojects: [{contact: 1}]}]",
        "gb_rep: 5",
        "? [a]\n: b\n",
        "sigs: &a [*a]",
        "\u{feff}",
        "\u{feff}sigs: []",
        "sigs: !!binary aGVsbG8=",
        "1: 2",
        "sigs: [{name: !!str 5, dir: 0x10, label: .inf}]",
    ] {
        lint(doc.as_bytes().to_vec());
    }
    let deep = format!("sigs: {}{}", "[".repeat(5000), "]".repeat(5000));
    assert!(lint(deep.into_bytes()).contains("error"));
}
