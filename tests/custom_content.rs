//! Property: any custom content (random lines: marker-like text, unicode, template syntax, empty
//! lines, trailing spaces) survives `generate` followed by `check` unchanged, and `check` then
//! reports nothing stale. Deterministic: a fixed-seed generator, 60 rounds over two file kinds.

use std::path::{Path, PathBuf};

mod support;

use sigs_lint::commands::check::{CheckOptions, check};
use sigs_lint::commands::generate::generate;
use sigs_lint::generate::custom::{Markers, capture};
use support::copy_dir;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "",
    " ",
    "plain text",
    "ünïcode ✓ 日本語",
    "{{ .Name }}",
    "{{- end -}}",
    "<!-- BEGIN CUSTOM CONTENT -->",
    "## BEGIN CUSTOM CONTENT",
    "<!-- BEGIN",
    "END CUSTOM",
    "<!-- comment -->",
    "\t tab",
    "trailing   ",
    "# heading",
    "- list item",
    "| a | b |",
    "\u{200B}zero width",
    "CUSTOM CONTENT",
    "---",
];

fn random_block(rng: &mut Rng, end_marker: &str) -> String {
    let n = 1 + rng.next() % 8;
    let mut lines = Vec::new();
    for _ in 0..n {
        let a = rng.pick(PIECES);
        let b = rng.pick(PIECES);
        let line = format!("{a}{b}");
        // A line holding the end marker ends the block by definition; it is not custom content.
        if !line.contains(end_marker) {
            lines.push(line);
        }
    }
    lines.join("\n")
}

fn set_block(path: &Path, markers: Markers, content: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    let begin = text.find(markers.begin()).expect("begin marker");
    let head = &text[..begin];
    std::fs::write(
        path,
        format!("{head}{}\n{content}\n{}\n", markers.begin(), markers.end()),
    )
    .expect("write");
}

#[test]
fn custom_content_survives_generate_and_check() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/docs-good");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..60 {
        let dir: PathBuf =
            std::env::temp_dir().join(format!("sigs-lint-prop-{}-{round}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        copy_dir(&fixture, &dir);
        let readme = dir.join("sig-docs/README.md");
        let aliases = dir.join("OWNERS_ALIASES");
        let md = random_block(&mut rng, Markers::Markdown.end());
        let yaml = random_block(&mut rng, Markers::Yaml.end());
        set_block(&readme, Markers::Markdown, &md);
        set_block(&aliases, Markers::Yaml, &yaml);
        // Make the README stale too, so that generate rewrites it.
        let stale = std::fs::read_to_string(&readme)
            .expect("read")
            .replacen("Jane Doe", "J. Doe", 1);
        std::fs::write(&readme, stale).expect("write");

        let opts = CheckOptions {
            path: dir.clone(),
            config: None,
            no_docs: false,
            only: None,
            stdin: None,
            ..Default::default()
        };
        let g = generate(&opts, true);
        assert!(!g.failed, "round {round}: {:?}", g.checked.run.findings);
        let after = check(&opts);
        let docs: Vec<_> = after
            .run
            .findings
            .iter()
            .filter(|f| f.rule.starts_with("doc-"))
            .map(|f| f.message.clone())
            .collect();
        assert!(docs.is_empty(), "round {round}: {docs:?}");
        let readme_text = std::fs::read_to_string(&readme).expect("read");
        assert_eq!(
            capture(&readme_text, Markers::Markdown),
            md,
            "round {round}"
        );
        assert!(
            !readme_text.contains("J. Doe"),
            "round {round}: not regenerated"
        );
        let aliases_text = std::fs::read_to_string(&aliases).expect("read");
        assert_eq!(capture(&aliases_text, Markers::Yaml), yaml, "round {round}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
