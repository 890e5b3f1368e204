//! Inline suppressions, written as YAML comments in the data file:
//!
//! ```yaml
//! sigs:
//! - dir: sig-docs
//!   label: Docs   # sigs-lint: ignore[label-format] the label predates the rule
//!   # sigs-lint: ignore[valid-url, placeholder-url] the page moves next month
//!   charter_link: http://example.org/charter
//! ```
//!
//! `ignore[ids] reason` at the end of a line silences those rules' findings that start on that
//! line; on a line of its own, the findings that start on the next line that is not blank or a
//! comment. `# sigs-lint: ignore-file[ids]` among the comments at the top of the file silences
//! those rules in the whole file. Only rules can be silenced (the checks say what upstream's
//! generator would refuse, or that sigs-lint could not do its job). A suppression that silences
//! nothing, names an unknown id or a check, or is misplaced is itself reported as
//! `unused-suppression`, so that none outlives its reason (unless its rule is off in the config).

use std::sync::OnceLock;

use regex::Regex;

use crate::config::{Config, Level};
use crate::diagnostic::{Finding, MAX_FINDINGS_PER_KIND, Severity};
use crate::model::SigsYaml;
use crate::source::{SourceFile, Span};

/// One id of one suppression comment.
struct Entry {
    id: String,
    /// The id's text in the comment.
    span: Span,
    /// The 1-based line it applies to; `None` for the whole file.
    line: Option<usize>,
}

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"#[ \t]*sigs-lint:[ \t]*(ignore-file|ignore)[ \t]*\[([^\]\n]*)\]")
            .expect("a valid pattern")
    })
}

/// Removes the findings the file's suppression comments silence and reports the suppressions
/// that are unused or wrong. `findings` are the rules' findings about `file`.
pub fn apply(file: &SourceFile, model: &SigsYaml, config: &Config, findings: &mut Vec<Finding>) {
    let text = &file.text;
    if !text.contains("sigs-lint:") {
        return; // the common case: no suppression at all
    }
    // A `#` inside a value (a quoted string, a block scalar) is text, not a comment.
    let mut values: Vec<Span> = model.strings().iter().map(|(_, s)| s.span).collect();
    values.sort_by_key(|s| s.offset);
    let in_value = |at: usize| {
        let i = values.partition_point(|s| s.offset <= at);
        i > 0 && at < values[i - 1].end()
    };
    let lines: Vec<&str> = text.lines().collect();
    let is_comment_or_blank = |l: &str| {
        let t = l.trim_start();
        t.is_empty() || t.starts_with('#')
    };
    // The top of the file: the comment and blank lines before the first content line.
    let top = lines
        .iter()
        .position(|l| !is_comment_or_blank(l))
        .unwrap_or(lines.len());
    let mut entries: Vec<Entry> = Vec::new();
    let mut problems: Vec<Finding> = Vec::new();
    for m in pattern().captures_iter(text) {
        let whole = m.get(0).expect("the match");
        let hash = whole.start();
        if in_value(hash) {
            continue;
        }
        let (line, _) = file.line_col(hash);
        let line_start = file.offset_of(line, 1);
        let before = &text[line_start..hash];
        let own_line = before.trim().is_empty();
        if !own_line && !before.ends_with([' ', '\t']) {
            continue; // `a#b` is part of a plain scalar, not a comment
        }
        let file_wide = &m[1] == "ignore-file";
        let target = if file_wide {
            if !own_line || line > top {
                problems.push(
                    Finding::new(
                        "unused-suppression",
                        Severity::Warning,
                        "`ignore-file` applies only among the comments at the top of the file",
                    )
                    .label(Span::new(hash, whole.len()), "not at the top")
                    .help("move it above the first key, or use `ignore[…]` for this line"),
                );
                continue;
            }
            None
        } else if own_line {
            // The next line that is not blank or a comment.
            match (line..lines.len()).find(|&i| !is_comment_or_blank(lines[i])) {
                Some(i) => Some(i + 1),
                None => Some(lines.len() + 1),
            }
        } else {
            Some(line)
        };
        let list = m.get(2).expect("the id list");
        let mut offset = list.start();
        for raw in list.as_str().split(',') {
            let id = raw.trim();
            let at = offset + (raw.len() - raw.trim_start().len());
            offset += raw.len() + 1;
            if id.is_empty() {
                continue;
            }
            entries.push(Entry {
                id: id.to_string(),
                span: Span::new(at, id.len()),
                line: target,
            });
        }
    }
    // The entries by what they silence (an id, on a line or file-wide): a finding looks up its
    // two places, not every entry (a file of a million entries made that quadratic).
    let mut by_place: std::collections::HashMap<(&str, Option<usize>), bool> =
        std::collections::HashMap::new();
    for e in &entries {
        by_place.insert((e.id.as_str(), e.line), false);
    }
    findings.retain(|f| {
        let line = f.primary().map(|s| file.line_col(s.offset).0);
        // A file-wide entry silences the rule anywhere; a line's, on its line.
        let mut silenced = false;
        for place in [Some((f.rule, None)), line.map(|l| (f.rule, Some(l)))]
            .into_iter()
            .flatten()
        {
            if let Some(used) = by_place.get_mut(&place) {
                *used = true;
                silenced = true;
            }
        }
        !silenced
    });
    let ids: Vec<&str> = super::RULES.iter().map(|r| r.id()).collect();
    // A rule turned off in the config reports nothing: its suppressions are not unused.
    let off = |id: &str| config.level(id) == Some(Level::Off);
    let mut unused = entries
        .iter()
        .filter(|e| !by_place[&(e.id.as_str(), e.line)] && !off(&e.id));
    let room = MAX_FINDINGS_PER_KIND.saturating_sub(problems.len());
    for e in unused.by_ref().take(room) {
        let (message, help) = if crate::diagnostic::check(&e.id).is_some() {
            (
                format!("`{}` is a check, not a rule: it cannot be suppressed", e.id),
                format!(
                    "checks say what upstream's generator would refuse or what sigs-lint could not read (`sigs-lint rule {}`)",
                    e.id
                ),
            )
        } else if !ids.contains(&e.id.as_str()) {
            let hint = crate::model::did_you_mean(&e.id, &ids)
                .map_or_else(String::new, |s| format!(": did you mean `{s}`?"));
            (
                format!("`{}` is not a rule id{hint}", e.id),
                "`sigs-lint rules` lists the rule ids".to_string(),
            )
        } else {
            let place = match e.line {
                None => "in this file".to_string(),
                Some(l) => format!("on line {l}"),
            };
            (
                format!(
                    "this suppression silences nothing: `{}` reports nothing {place}",
                    e.id
                ),
                "remove it (the finding it was written for is gone)".to_string(),
            )
        };
        problems.push(
            Finding::new("unused-suppression", Severity::Warning, message)
                .label(e.span, "unused")
                .help(help),
        );
    }
    // A flood is counted past the first ones, as a rule's findings are.
    let more = unused.count() + problems.len().saturating_sub(MAX_FINDINGS_PER_KIND);
    problems.truncate(MAX_FINDINGS_PER_KIND);
    findings.extend(problems);
    if more > 0 {
        findings.push(crate::diagnostic::more_not_shown(
            "unused-suppression",
            more,
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::config::{Config, Level};
    use crate::source::SourceFile;

    /// `line:col rule: message` of every finding the rules (with suppressions) report.
    fn lint(text: &str, config: &Config) -> Vec<String> {
        let file = SourceFile::new("sigs.yaml", text);
        let loaded = crate::model::load(&file);
        assert!(loaded.usable, "{:?}", loaded.findings);
        let mut found: Vec<String> = super::super::run(&loaded.model, &file, config)
            .iter()
            .filter(|f| matches!(f.rule, "label-format" | "unused-suppression"))
            .map(|f| {
                let (l, c) = file.line_col(f.primary().map_or(0, |s| s.offset));
                format!("{l}:{c} {}: {}", f.rule, f.message)
            })
            .collect();
        found.sort();
        found
    }

    const GROUP: &str = "sigs:\n- dir: sig-docs\n  name: Docs\n  label: Docs#x";

    #[test]
    fn unused_suppressions_past_the_first_thousand_are_counted() {
        // 1,005 unused entries (a file of a million took 24 s and 1.4 GB), and one used: the
        // finding it silences stays silenced.
        let ids = vec!["required-chairs"; 1005].join(",");
        let text = format!(
            "sigs:\n- dir: sig-docs # sigs-lint: ignore[{ids}]\n  name: Docs\n  label: Docs # sigs-lint: ignore[label-format]\n"
        );
        let found = lint(&text, &Config::default());
        assert_eq!(found.len(), 1001, "{:?}", &found[..3]);
        assert_eq!(
            found
                .iter()
                .filter(|f| f.contains(
                    "this suppression silences nothing: `required-chairs` reports nothing on line 2"
                ))
                .count(),
            1000
        );
        assert!(found.contains(&"1:1 unused-suppression: 5 more `unused-suppression` findings are not shown (the first 1000 are)".to_string()), "{:?}", found.last());
        assert!(
            !found.iter().any(|f| f.contains("label-format")),
            "{found:?}"
        );
    }

    #[test]
    fn misplaced_and_glued_comments_and_rules_that_are_off() {
        // `Docs#x` is one plain scalar: the `#` starts no comment.
        let glued = format!("{GROUP}#sigs-lint:ignore[label-format]\n");
        assert_eq!(
            lint(&glued, &Config::default()),
            [
                "4:10 label-format: label `Docs#x#sigs-lint:ignore[label-format]` is not lowercase kebab-case"
            ]
        );
        // `ignore-file` below the first key applies nowhere, and says so.
        let late = format!("{GROUP}\n# sigs-lint: ignore-file[label-format]\n");
        assert_eq!(
            lint(&late, &Config::default()),
            [
                "4:10 label-format: label `Docs#x` is not lowercase kebab-case",
                "5:1 unused-suppression: `ignore-file` applies only among the comments at the top of the file"
            ]
        );
        // A suppression of a rule that is off is not unused.
        let off_rule = format!("# sigs-lint: ignore-file[label-format]\n{GROUP}\n");
        let mut config = Config::default();
        config.levels.insert("label-format".into(), Level::Off);
        assert_eq!(lint(&off_rule, &config), Vec::<String>::new());
        assert_eq!(lint(&off_rule, &Config::default()), Vec::<String>::new());
    }
}
