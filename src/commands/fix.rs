//! `sigs-lint check --fix`: applies the safe fixes the findings carry ([`crate::diagnostic::Fix`])
//! to the data file's bytes, round after round until no reported finding has one, and writes the
//! result once (atomically). Every round is checked again from the new text: a round whose text
//! the loader reads worse than the one before (a fix that would break the file) is not taken.
//!
//! Which findings are fixed is what `check` reports with the same options: rules turned off,
//! `--select`/`--ignore`, suppression comments and the baseline keep a finding (and its fix) out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use super::check::{CheckOptions, Checked, check};
use crate::config::Config;
use crate::diagnostic::{CheckKind, Edit, Run, Severity};

/// Rounds before fixing stops (fixes that undo each other would otherwise never end).
pub const MAX_ROUNDS: usize = 10;

/// What `check --fix` did.
pub struct Fixed {
    /// The check of the fixed text (of the file as it is, when there was nothing to fix).
    pub checked: Checked,
    /// The data file.
    pub path: Option<PathBuf>,
    /// How many fixes of each id were applied (or would be, without `write`), by id.
    pub applied: Vec<(&'static str, usize)>,
    /// The unified diff from the file to the fixed text (empty when nothing changes).
    pub diff: String,
    /// The file was rewritten.
    pub written: bool,
    /// Why fixing stopped short or nothing was written, when it did.
    pub problem: Option<String>,
}

impl Fixed {
    /// The number of fixes applied.
    pub fn count(&self) -> usize {
        self.applied.iter().map(|(_, n)| n).sum()
    }

    /// `3 fixes (label-format: 1, text-hygiene: 2)`.
    pub fn describe(&self) -> String {
        let n = self.count();
        let per: Vec<String> = self
            .applied
            .iter()
            .map(|(id, n)| format!("{id}: {n}"))
            .collect();
        format!(
            "{n} fix{} ({})",
            if n == 1 { "" } else { "es" },
            per.join(", ")
        )
    }
}

/// Errors of the load checks: a round may not add any.
fn load_errors(run: &Run) -> usize {
    run.findings
        .iter()
        .filter(|f| {
            f.severity == Severity::Error
                && crate::diagnostic::check(f.rule).is_some_and(|c| c.kind == CheckKind::Load)
        })
        .count()
}

/// The outcome of the fixing rounds.
struct Rounds<T> {
    text: String,
    /// The check of `text`.
    last: T,
    applied: BTreeMap<&'static str, usize>,
    problem: Option<String>,
}

/// Applies the fixes that the findings of `first` (the check of `text`, a file named `data`)
/// carry, round after round: `recheck` checks each new text; `run` and `failed` read a check.
fn rounds<T>(
    text: String,
    first: T,
    data: &str,
    run: impl Fn(&T) -> &Run,
    failed: impl Fn(&T) -> bool,
    recheck: impl Fn(&str) -> T,
) -> Rounds<T> {
    let mut out = Rounds {
        text,
        last: first,
        applied: BTreeMap::new(),
        problem: None,
    };
    for round in 0.. {
        let fixes = pick(run(&out.last), data);
        if fixes.is_empty() {
            break;
        }
        if round == MAX_ROUNDS {
            out.problem = Some(format!(
                "fixing stopped after {MAX_ROUNDS} rounds with fixes left (a sigs-lint bug: please report it)"
            ));
            break;
        }
        let edits: Vec<Edit> = fixes.iter().flat_map(|(_, e)| e.iter().cloned()).collect();
        let Some(next) = apply(&out.text, &edits) else {
            out.problem = Some("a fix pointed outside the file (a sigs-lint bug)".into());
            break;
        };
        let ids = || {
            let ids: BTreeSet<&str> = fixes.iter().map(|(id, _)| *id).collect();
            ids.into_iter().collect::<Vec<_>>().join(", ")
        };
        if let Some(why) = crate::fsutil::data_too_large(next.len()) {
            out.problem = Some(format!("the fixes of {} were not applied: {why}", ids()));
            break;
        }
        let again = recheck(&next);
        if failed(&again) || load_errors(run(&again)) > load_errors(run(&out.last)) {
            out.problem = Some(format!(
                "the fixes of {} would make the file unreadable; they were not applied (a sigs-lint bug: please report it)",
                ids()
            ));
            break;
        }
        for (id, _) in &fixes {
            *out.applied.entry(id).or_default() += 1;
        }
        out.text = next;
        out.last = again;
    }
    out
}

/// Fixes a data file's text in memory (the rules' fixes; no repository, no docs): the fixed
/// text and how many fixes of each id it took.
pub fn fix_text(name: &str, text: &str, config: &Config) -> (String, Vec<(&'static str, usize)>) {
    let first = super::check::check_text(name, text, config);
    let r = rounds(
        text.to_string(),
        first,
        name,
        |r| r,
        |_| false,
        |t| super::check::check_text(name, t, config),
    );
    (r.text, r.applied.into_iter().collect())
}

/// The fixes one round applies: the reported findings' fixes in the data file whose edits
/// overlap no edit taken before (smaller fixes first, so a whole-file rewrite waits for a round
/// of its own).
fn pick(run: &Run, data: &str) -> Vec<(&'static str, Vec<Edit>)> {
    let mut candidates: Vec<_> = run
        .findings
        .iter()
        .filter_map(|f| Some((f.file.as_ref().filter(|file| file.name == data)?, f)))
        .filter_map(|(file, f)| f.fix.as_ref().map(|fix| (file, f.rule, fix)))
        // A fix whose edits write what is there already changes nothing (rounds would not end).
        .filter(|(file, _, fix)| {
            fix.edits
                .iter()
                .any(|e| file.text.get(e.span.offset..e.span.end()) != Some(e.replacement.as_str()))
        })
        .map(|(_, rule, fix)| (rule, fix))
        .collect();
    let size = |fix: &crate::diagnostic::Fix| fix.edits.iter().map(|e| e.span.len).max();
    candidates.sort_by_key(|(_, fix)| (size(fix), fix.extent()));
    let mut taken: Vec<(&'static str, Vec<Edit>)> = Vec::new();
    let overlaps = |a: &Edit, b: &Edit| {
        (a.span.offset < b.span.end() && b.span.offset < a.span.end())
            || a.span.offset == b.span.offset
    };
    for (rule, fix) in candidates {
        let clash = fix.edits.iter().any(|e| {
            taken
                .iter()
                .flat_map(|(_, edits)| edits)
                .any(|t| overlaps(e, t))
        });
        if !clash {
            taken.push((rule, fix.edits.clone()));
        }
    }
    taken
}

/// `text` with the edits applied (they do not overlap).
fn apply(text: &str, edits: &[Edit]) -> Option<String> {
    let mut edits: Vec<&Edit> = edits.iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.offset));
    let mut out = text.to_string();
    for e in edits {
        out.get(e.span.offset..e.span.end())?;
        out.replace_range(e.span.offset..e.span.end(), &e.replacement);
    }
    Some(out)
}

/// Applies the safe fixes of the findings `check` reports for `opts`, and with `write` writes
/// the data file.
pub fn fix(opts: &CheckOptions, write: bool) -> Fixed {
    let checked = check(opts);
    let (data, path) = match (&checked.data, &checked.data_path) {
        (Some(d), Some(p)) if !checked.tool_error => (d.clone(), p.clone()),
        _ => {
            return Fixed {
                checked,
                path: None,
                applied: Vec::new(),
                diff: String::new(),
                written: false,
                problem: None,
            };
        }
    };
    let original = data.text.clone();
    let Rounds {
        text,
        last,
        applied,
        mut problem,
    } = rounds(
        original.clone(),
        checked,
        &data.name,
        |c| &c.run,
        |c| c.tool_error,
        |t| {
            check(&CheckOptions {
                path: path.clone(),
                stdin: Some(t.as_bytes().to_vec()),
                ..opts.clone()
            })
        },
    );
    let checked = last;
    let shown = path
        .strip_prefix(".")
        .unwrap_or(&path)
        .display()
        .to_string();
    let diff = if text == original {
        String::new()
    } else {
        crate::generate::diff::diff_with_headers(
            &original,
            &text,
            &format!("{shown} (as written)"),
            &format!("{shown} (fixed)"),
        )
    };
    let mut written = false;
    if write && text != original {
        match crate::fsutil::unwritable_path(&checked.root, &path, &shown) {
            Some(why) => problem = Some(format!("nothing was written: {why}")),
            None => match crate::fsutil::write_atomic(&path, &text) {
                Ok(()) => written = true,
                Err(e) => {
                    problem = Some(format!(
                        "cannot write `{shown}`: {}",
                        crate::fsutil::reason(&e)
                    ))
                }
            },
        }
    }
    // Not written: the findings reported are those of the file as it is, not of the fixed text
    // (which said "no problems found" of a data file that still had every one).
    let checked = if write && !written && text != original {
        check(opts)
    } else {
        checked
    };
    Fixed {
        checked,
        path: Some(path),
        applied: applied.into_iter().collect(),
        diff,
        written,
        problem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn edit(offset: usize, len: usize, r: &str) -> Edit {
        Edit {
            span: Span::new(offset, len),
            replacement: r.into(),
        }
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_for_the_spans_too() {
        // Found by the mutation test: spans past a lone CR pointed a line too early, and the
        // label fix would have edited the wrong bytes (the recheck refused it).
        let text = "sigs:\r\n  - dir: sig-docs\r\n    name: Docs\r  \n    label: Docs\r\n";
        let (fixed, applied) = fix_text("sigs.yaml", text, &Config::default());
        assert_eq!(
            fixed,
            "sigs:\n  - dir: sig-docs\n    name: Docs\r  \n    label: docs\n"
        );
        assert_eq!(applied, vec![("label-format", 1), ("text-hygiene", 1)]);
    }

    #[test]
    fn edits_apply_from_the_end() {
        let text = "a: Docs \r\nb: x\r\n";
        let edits = [edit(3, 5, "docs"), edit(8, 1, ""), edit(14, 1, "")];
        assert_eq!(apply(text, &edits).as_deref(), Some("a: docs\nb: x\n"));
        assert_eq!(apply("ab", &[edit(1, 5, "")]), None);
    }
}
