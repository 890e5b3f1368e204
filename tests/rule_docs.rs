//! Every rule's doc (`rules/<id>.md`) has the required sections, and its examples are live: the Bad
//! YAML fires the rule, the Good YAML does not, and `## Output` is exactly what sigs-lint prints
//! for the Bad example with only that rule enabled (ruff's `for_rule`, actionlint's checks doc).
//! `SIGS_LINT_BLESS=1 cargo test --test rule_docs` rewrites the Output blocks after a change.

use std::collections::BTreeSet;

use sigs_lint::commands::check::check_text;
use sigs_lint::config::{Config, Level};

mod support;
use sigs_lint::rules::{RULES, doc_section};

/// The first ```yaml block of the `## {section}` section.
fn example<'a>(doc: &'a str, section: &str) -> &'a str {
    let body = doc_section(doc, section).unwrap_or_else(|| panic!("no `## {section}` section"));
    let open = body.find("```yaml\n").expect("a yaml block") + "```yaml\n".len();
    let close = body[open..].find("```").expect("a closed block");
    &body[open..open + close]
}

/// Findings that do not come from a rule (syntax, unknown keys, …): examples must load cleanly.
fn load_problems(run: &sigs_lint::report::Run) -> Vec<&sigs_lint::diagnostic::Finding> {
    run.findings
        .iter()
        .filter(|f| sigs_lint::rules::find(f.rule).is_none())
        .collect()
}

#[test]
fn every_doc_has_title_summary_and_sections() {
    // (the checks' pages are tested below)
    for rule in RULES {
        let doc = rule.doc();
        assert!(
            doc.starts_with(&format!("# {}\n\n", rule.id())),
            "{}",
            rule.id()
        );
        assert!(!rule.summary().is_empty(), "{}", rule.id());
        assert!(
            doc.contains(&format!("Default severity: {}", rule.default_severity())),
            "{}: the doc states another default severity",
            rule.id()
        );
        for section in ["What it checks", "Why", "Bad", "Output", "Good"] {
            assert!(
                doc_section(doc, section).is_some_and(|t| !t.is_empty()),
                "{}: no `## {section}`",
                rule.id()
            );
        }
    }
}

#[test]
fn bad_examples_fire_and_good_examples_do_not() {
    let config = Config::default();
    for rule in RULES {
        let bad = check_text("bad.yaml", example(rule.doc(), "Bad"), &config);
        assert!(
            load_problems(&bad).is_empty(),
            "{}: Bad example: {:?}",
            rule.id(),
            load_problems(&bad)
        );
        assert!(
            bad.findings.iter().any(|f| f.rule == rule.id()),
            "{}: the Bad example does not fire the rule: {:?}",
            rule.id(),
            bad.findings
        );
        let good = check_text("good.yaml", example(rule.doc(), "Good"), &config);
        assert!(
            load_problems(&good).is_empty(),
            "{}: Good example: {:?}",
            rule.id(),
            load_problems(&good)
        );
        let fired: Vec<_> = good
            .findings
            .iter()
            .filter(|f| f.rule == rule.id())
            .collect();
        assert!(
            fired.is_empty(),
            "{}: the Good example fires the rule: {fired:?}",
            rule.id()
        );
    }
}

#[test]
fn docs_and_registry_agree() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let files: BTreeSet<String> = std::fs::read_dir(dir)
        .expect("rules/ exists")
        .filter_map(|e| e.ok())
        .map(|e| {
            e.file_name()
                .to_string_lossy()
                .trim_end_matches(".md")
                .to_string()
        })
        .collect();
    let ids: BTreeSet<String> = RULES
        .iter()
        .map(|r| r.id().to_string())
        .chain(
            sigs_lint::diagnostic::CHECKS
                .iter()
                .map(|c| c.id.to_string()),
        )
        .collect();
    assert_eq!(files, ids);
    assert_eq!(
        ids.len(),
        RULES.len() + sigs_lint::diagnostic::CHECKS.len(),
        "an id is both a rule and a check, or given twice"
    );
}

/// What `sigs-lint check` prints (human format, no color, 80 columns) for the rule's Bad example
/// with every other rule off.
fn output_for_rule(id: &str, bad: &str) -> String {
    let mut config = Config::default();
    for other in RULES.iter().filter(|r| r.id() != id) {
        config.levels.insert(other.id().to_string(), Level::Off);
    }
    support::human_text(&check_text("sigs.yaml", bad, &config))
}

/// The text of the ```text block of `## Output`.
fn output_block(doc: &str) -> Option<&str> {
    let body = doc_section(doc, "Output")?;
    let open = body.find("```text\n")? + "```text\n".len();
    let close = body[open..].rfind("```")?;
    Some(&body[open..open + close])
}

#[test]
fn each_doc_shows_the_exact_output_of_its_bad_example() {
    let bless = std::env::var_os("SIGS_LINT_BLESS").is_some();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    for rule in RULES {
        let want = output_for_rule(rule.id(), example(rule.doc(), "Bad"));
        if bless {
            let path = dir.join(format!("{}.md", rule.id()));
            let doc = std::fs::read_to_string(&path).expect("doc");
            let section = format!("## Output\n```text\n{want}```\n\n");
            // The section after Bad: up to the next heading (Fix or Good), or placed before it.
            let after_bad = doc.find("## Bad\n").expect("a `## Bad` section") + 1;
            let next = |from: usize| {
                doc[from..]
                    .find("\n## ")
                    .map_or(doc.len(), |i| from + i + 1)
            };
            let doc = match doc.find("## Output\n") {
                Some(start) => format!("{}{section}{}", &doc[..start], &doc[next(start + 1)..]),
                None => {
                    let end = next(after_bad);
                    format!("{}{section}{}", &doc[..end], &doc[end..])
                }
            };
            std::fs::write(&path, doc).expect("write doc");
            continue;
        }
        assert_eq!(
            output_block(rule.doc()),
            Some(want.as_str()),
            "{}: `## Output` is not what sigs-lint prints (SIGS_LINT_BLESS=1 rewrites it)",
            rule.id()
        );
    }
}

/// Every rule whose findings carry fixes says so in `## Fix`, whose YAML block is exactly what
/// `check --fix` makes of the Bad example (with only that rule on); after it, the rule offers no
/// fix any more. A rule without the section offers none.
#[test]
fn fix_sections_show_what_fix_makes_of_the_bad_example() {
    use sigs_lint::commands::fix::fix_text;
    for rule in RULES {
        let mut config = Config::default();
        for other in RULES.iter().filter(|r| r.id() != rule.id()) {
            config.levels.insert(other.id().to_string(), Level::Off);
        }
        let bad = example(rule.doc(), "Bad");
        let offers = |text: &str| {
            check_text("sigs.yaml", text, &config)
                .findings
                .iter()
                .any(|f| f.rule == rule.id() && f.fix.is_some())
        };
        match doc_section(rule.doc(), "Fix") {
            Some(_) => {
                assert!(offers(bad), "{}: `## Fix`, but no fix offered", rule.id());
                let (fixed, applied) = fix_text("sigs.yaml", bad, &config);
                assert_eq!(
                    fixed,
                    example(rule.doc(), "Fix"),
                    "{}: `## Fix` does not show what --fix makes of the Bad example",
                    rule.id()
                );
                assert!(
                    applied.iter().all(|(id, _)| *id == rule.id()),
                    "{applied:?}"
                );
                assert!(!offers(&fixed), "{}: a fix is left after --fix", rule.id());
            }
            None => assert!(
                !offers(bad),
                "{}: fixes are offered; say what they do in `## Fix`",
                rule.id()
            ),
        }
    }
}

/// What `sigs-lint check` prints (human, no color, 80 columns) of a check's findings for its Bad
/// example (every rule on, as a repository's data file would be checked).
fn output_for_check(id: &str, bad: &str) -> String {
    let mut run = check_text("sigs.yaml", bad, &Config::default());
    run.findings.retain(|f| f.rule == id);
    support::human_text(&run)
}

#[test]
fn every_check_has_a_page_and_its_examples_are_live() {
    use sigs_lint::diagnostic::CHECKS;
    let bless = std::env::var_os("SIGS_LINT_BLESS").is_some();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut with_examples = 0;
    for c in CHECKS {
        let doc = c.doc();
        assert!(doc.starts_with(&format!("# {}\n\n", c.id)), "{}", c.id);
        assert!(!c.summary().is_empty(), "{}", c.id);
        assert!(doc.contains("A check, not a rule"), "{}", c.id);
        for section in ["What it checks", "Why"] {
            assert!(
                doc_section(doc, section).is_some_and(|t| !t.is_empty()),
                "{}: no `## {section}`",
                c.id
            );
        }
        if doc_section(doc, "Bad").is_none() {
            assert!(doc_section(doc, "Good").is_none(), "{}", c.id);
            continue;
        }
        with_examples += 1;
        let bad = example(doc, "Bad");
        let fired = check_text("bad.yaml", bad, &Config::default());
        assert!(
            fired.findings.iter().any(|f| f.rule == c.id),
            "{}: the Bad example does not report it: {:?}",
            c.id,
            fired.findings
        );
        let good = check_text("good.yaml", example(doc, "Good"), &Config::default());
        assert!(
            good.findings
                .iter()
                .all(|f| f.rule != c.id && sigs_lint::rules::find(f.rule).is_some()),
            "{}: the Good example reports it or another check: {:?}",
            c.id,
            good.findings
        );
        let want = output_for_check(c.id, bad);
        if bless {
            let path = dir.join(format!("{}.md", c.id));
            let text = std::fs::read_to_string(&path).expect("doc");
            let start = text.find("## Output\n").expect("an Output section");
            let end = text[start + 1..]
                .find("\n## ")
                .map_or(text.len(), |i| start + i + 2);
            let text = format!(
                "{}## Output\n```text\n{want}```\n\n{}",
                &text[..start],
                &text[end..]
            );
            std::fs::write(&path, text).expect("write doc");
            continue;
        }
        assert_eq!(
            output_block(doc),
            Some(want.as_str()),
            "{}: `## Output` is not what sigs-lint prints (SIGS_LINT_BLESS=1 rewrites it)",
            c.id
        );
    }
    assert!(with_examples >= 8, "{with_examples}");
}
