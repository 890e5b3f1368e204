//! Labels land on the exact bytes of the offending value, also after multi-byte characters, a byte
//! order mark and CRLF line endings (YAML parsers count characters; we convert through our own index).

use sigs_lint::commands::check::{CheckOptions, check};

/// (rule, exact text under the primary label) for every finding of a fixture.
fn labelled(fixture: &str) -> Vec<(String, String)> {
    let checked = check(&CheckOptions {
        path: format!("{}/fixtures/{fixture}", env!("CARGO_MANIFEST_DIR")).into(),
        config: None,
        no_docs: true,
        only: None,
        stdin: None,
        ..Default::default()
    });
    checked
        .run
        .findings
        .iter()
        .map(|f| {
            let text = match (&f.file, f.primary()) {
                (Some(file), Some(s)) => file.slice(s),
                _ => "<none>",
            };
            (f.rule.to_string(), text.to_string())
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn non_ascii_values_are_underlined_exactly() {
    assert_eq!(
        labelled("non-ascii"),
        pairs(&[
            ("sig-required-fields", "Zürich"),
            ("sig-required-fields", "Zürich"),
            ("sig-required-fields", "Zürich"),
            ("label-format", "Zürich-Ü"),
            ("github-login", "jürgen_ß"),
            ("valid-email", "jürgen@bäckerei"),
            ("meeting-format", "Dienstag"),
            ("text-hygiene", "\u{200B}"),
        ])
    );
}

#[test]
fn bom_and_crlf_keep_spans_right() {
    assert_eq!(
        labelled("bom"),
        pairs(&[
            ("required-chairs", "Döcs"),
            ("sig-required-fields", "Döcs"),
            ("sig-required-fields", "Döcs"),
            ("sig-required-fields", "Döcs"),
            ("label-format", "docs"),
        ])
    );
    assert_eq!(
        labelled("crlf"),
        pairs(&[
            ("text-hygiene", "\r"),
            ("sig-required-fields", "Docs"),
            ("sig-required-fields", "Docs"),
            ("sig-required-fields", "Docs"),
            ("label-format", "Docs"),
            ("github-login", "jane_doe"),
            ("lead-details", "jane_doe"),
            ("lead-details", "jane_doe"),
        ])
    );
}

#[test]
fn keys_and_quoted_values() {
    assert_eq!(
        labelled("unknown-keys"),
        pairs(&[
            ("unknown-field", "lable"),
            // what is under an unknown key is not checked further (`twitter:` below `chair:`)
            ("unknown-field", "chair"),
            ("unknown-field", "irc"),
            ("unknown-field", "commitees"),
            ("rules-skipped", "<none>"),
        ])
    );
    let all = labelled("all-rules");
    assert!(
        all.contains(&("text-hygiene".into(), "\"Docs \"".into())),
        "{all:?}"
    );
    assert!(
        all.contains(&("valid-url".into(), "javascript:alert(1)".into())),
        "{all:?}"
    );
    assert!(
        all.contains(&("meeting-format".into(), "\"25:00\"".into())),
        "{all:?}"
    );
}
