//! `sigs-lint generate`: write every stale or missing generated file, keeping custom-content
//! blocks. Each file is written to a temporary file in its directory and renamed over the old one,
//! so a file is never left half-written, even when the process is killed.

use std::path::Path;

use super::check::{CheckOptions, Checked, check, normalize_only};
use crate::diagnostic::{Finding, Severity};
use crate::fsutil::{remove_leftovers, write_atomic};
use crate::generate::{compare, custom, plan};

/// What `generate` did to one file.
#[derive(Debug, PartialEq, Eq)]
pub struct Written {
    pub path: String,
    pub action: Action,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Created,
    Updated,
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Action::Created => "created",
            Action::Updated => "updated",
        })
    }
}

pub struct Generated {
    /// What generation found; the rules' findings are counted in `rules`, not listed (`check`
    /// lists them).
    pub checked: Checked,
    pub written: Vec<Written>,
    /// How many files the plan generates (written or already up to date).
    pub planned: usize,
    /// Generation could not be completed (load errors, unsafe dirs, template errors).
    pub failed: bool,
    /// The rule findings left out of `checked`: (errors, warnings).
    pub rules: (usize, usize),
}

impl Generated {
    /// What was done, in a line: `2 files written (1 created, 1 updated), 38 up to date`.
    pub fn describe(&self) -> String {
        let created = self
            .written
            .iter()
            .filter(|w| w.action == Action::Created)
            .count();
        let updated = self.written.len() - created;
        let fresh = self.planned.saturating_sub(self.written.len());
        if self.written.is_empty() {
            return format!(
                "{fresh} generated file{} up to date",
                if fresh == 1 { "" } else { "s" }
            );
        }
        format!(
            "{} file{} written ({created} created, {updated} updated), {fresh} up to date",
            self.written.len(),
            if self.written.len() == 1 { "" } else { "s" },
        )
    }

    /// The line that says the rule findings exist, when they do.
    pub fn rules_line(&self) -> Option<String> {
        let (e, w) = self.rules;
        (e + w > 0).then(|| {
            format!(
                "the rules found {e} error(s) and {w} warning(s) in the data: `sigs-lint check` lists them"
            )
        })
    }
}

/// Runs the generator. With `write` false (`--check`) nothing is written and the stale and missing
/// files are reported as `check` reports them.
pub fn generate(opts: &CheckOptions, write: bool) -> Generated {
    generate_with(opts, write, false)
}

/// [`generate`]; with `force`, writes even when the generator's own validation rejects the data
/// (the Go generator would write nothing then).
pub fn generate_with(opts: &CheckOptions, write: bool, force: bool) -> Generated {
    let mut checked = check(&CheckOptions {
        no_docs: true,
        ..opts.clone()
    });
    // The rules' findings are `check`'s to list: counted here, not shown (what generation itself
    // reports below, under any id, is shown).
    let is_rule = |f: &Finding| crate::rules::find(f.rule).is_some();
    let count = |s: Severity| {
        checked
            .run
            .findings
            .iter()
            .filter(|f| is_rule(f) && f.severity == s)
            .count()
    };
    let rules = (count(Severity::Error), count(Severity::Warning));
    checked.run.findings.retain(|f| !is_rule(f));
    let mut out = generate_all(checked, opts, write, force);
    out.rules = rules;
    let data = out.checked.data.clone();
    compare::locate_fileless(&mut out.checked.run.findings, data.as_ref());
    out
}

fn generate_all(mut checked: Checked, opts: &CheckOptions, write: bool, force: bool) -> Generated {
    let mut out = Generated {
        checked: Checked::default(),
        written: Vec::new(),
        planned: 0,
        failed: false,
        rules: (0, 0),
    };
    if checked.tool_error || !checked.loaded {
        out.failed = true;
        out.checked = checked;
        return out;
    }
    // A group whose folder cannot be written would be left out: nothing is written then,
    // whatever the `safe-dir` rule's configured level (so the finding says which and why itself).
    let root = checked.root.clone();
    let refused = checked.model.groups().find_map(|g| {
        let dir = crate::model::present(&g.dir)?;
        let why = checked.config.unsafe_dir(Some(&root), &dir.value)?;
        Some(format!(
            "nothing was generated: the README of {} cannot be written under `{}`: {why}",
            g.title(),
            dir.value
        ))
    });
    if let Some(message) = refused {
        checked
            .run
            .findings
            .push(Finding::new("safe-dir", Severity::Error, message));
        out.failed = true;
        out.checked = checked;
        return out;
    }
    let rejected = checked
        .run
        .findings
        .iter()
        .filter(|f| {
            crate::diagnostic::check(f.rule).is_some_and(|c| c.refuses_generation)
                && f.severity == Severity::Error
        })
        .count();
    if write && rejected > 0 && !force {
        let id = checked.flavour.map_or("the", |f| f.id);
        checked.run.findings.push(
            Finding::new(
                "generator-validation",
                Severity::Error,
                format!(
                    "nothing was generated: the {id} generator rejects the data ({rejected} error(s) above)"
                ),
            )
            .help("fix the data, or pass --force to write the docs anyway"),
        );
        out.failed = true;
        out.checked = checked;
        return out;
    }
    let flavour = checked.flavour.unwrap_or_else(crate::generate::built_in);
    let source = plan::template_source(&root, &checked.config, flavour);
    let plan::Plan {
        outputs: expected,
        untemplated,
    } = plan::Planning {
        root: &root,
        model: &checked.model,
        config: &checked.config,
        source: &source,
        only: opts.only.as_deref().map(normalize_only).as_deref(),
        flavour,
    }
    .plan();
    let shown_root = root.display().to_string();
    out.planned = expected.len();
    if !write {
        let only = opts.only.is_some();
        let findings = compare::findings(
            &root,
            &expected,
            &untemplated,
            &shown_root,
            !only,
            checked.data.as_ref(),
        );
        out.failed = findings.iter().any(|f| f.severity == Severity::Error);
        checked.run.findings.extend(findings);
    } else {
        // Temporary files of an earlier run that was killed mid-write.
        let mut dirs: Vec<std::path::PathBuf> = expected
            .iter()
            .filter_map(|e| root.join(&e.path).parent().map(Path::to_path_buf))
            .collect();
        dirs.sort();
        dirs.dedup();
        for d in dirs {
            let (removed, kept) = remove_leftovers(&d);
            let shown = |name: &str| {
                plan::join(
                    &shown_root,
                    &d.join(name)
                        .strip_prefix(&root)
                        .unwrap_or(Path::new(name))
                        .display()
                        .to_string(),
                )
            };
            let age = crate::fsutil::LEFTOVER_AGE.as_secs();
            let notes = removed
                .iter()
                .map(|n| format!("removed `{}`, left by an earlier run that was stopped while writing", shown(n)))
                .chain(kept.iter().map(|n| format!("kept `{}`: written less than {age} seconds ago, it may be another run's, live (a later run removes it)", shown(n))));
            for message in notes {
                checked
                    .run
                    .findings
                    .push(Finding::new("io", Severity::Note, message));
            }
        }
        let mut template_errors = compare::TemplateErrors::default();
        for e in &expected {
            let path = root.join(&e.path);
            let committed =
                match compare::read_committed(&root, e, &plan::join(&shown_root, &e.path)) {
                    Ok(c) => c,
                    Err(f) => {
                        checked.run.findings.push(*f);
                        out.failed = true;
                        continue;
                    }
                };
            let full = match (&e.rendered, e.full(committed.as_deref())) {
                (_, Some(full)) => full,
                (Err(err), _) => {
                    template_errors.record(&plan::join(&shown_root, &e.path), err);
                    out.failed = true;
                    continue;
                }
                (Ok(_), None) => continue,
            };
            if committed.as_deref() == Some(full.as_str()) {
                continue;
            }
            // A file the generator would change again on its next run (the template writes a
            // custom-content marker): not written without --force.
            if !force && !e.settles(&full) {
                checked.run.findings.push(
                    Finding::new(
                        "doc-stale",
                        Severity::Error,
                        format!(
                            "`{}` was not written: the generator would change it again on every run",
                            plan::join(&shown_root, &e.path)
                        ),
                    )
                    .help(format!(
                        "{}, or pass --force to write what the generator writes",
                        compare::UNSETTLED
                    )),
                );
                out.failed = true;
                continue;
            }
            // A file that does not look generated (no generator header, no custom-content block)
            // is someone's own: it is not overwritten without --force.
            if let Some(text) = &committed
                && !force
                && !text.contains(plan::GENERATED_MARK)
                && !text.contains(e.markers.begin())
            {
                checked.run.findings.push(
                    Finding::new(
                        "doc-stale",
                        Severity::Error,
                        format!(
                            "`{}` was not overwritten: it has no generator header and no custom-content block, so it looks hand-written",
                            plan::join(&shown_root, &e.path)
                        ),
                    )
                    .help("move it away, or pass --force to replace it with the generated file"),
                );
                out.failed = true;
                continue;
            }
            if let Some(why) = crate::fsutil::unwritable(&root, &e.path) {
                checked.run.findings.push(
                    Finding::new("safe-dir", Severity::Error, format!("not written: {why}"))
                        .help("sigs-lint writes only regular files inside the repository"),
                );
                out.failed = true;
                continue;
            }
            let action = if committed.is_some() {
                Action::Updated
            } else {
                Action::Created
            };
            // Text outside the custom-content block does not survive a regeneration: say so.
            if let Some(text) = &committed {
                let lost = custom::dropped(text, e.markers);
                if !lost.is_empty() {
                    // Lines counted as `check` counts them (a lone CR ends one).
                    let file = crate::source::SourceFile::new("", text.as_str());
                    let shown: Vec<String> = lost
                        .iter()
                        .take(3)
                        .map(|(at, t)| {
                            let (line, _) = file.line_col(*at);
                            format!("line {line}: `{}`", crate::diagnostic::visible(t.trim()))
                        })
                        .collect();
                    checked.run.findings.push(
                        Finding::new(
                            "custom-content",
                            Severity::Warning,
                            format!(
                                "`{}`: {} line(s) outside the custom-content block were dropped ({}{})",
                                plan::join(&shown_root, &e.path),
                                lost.len(),
                                shown.join("; "),
                                if lost.len() > 3 { "; …" } else { "" }
                            ),
                        )
                        .help(format!(
                            "keep your own text between `{}` and `{}`; version control has the old file",
                            e.markers.begin(),
                            e.markers.end()
                        )),
                    );
                }
            }
            if let Err(err) = write_atomic(&path, &full) {
                checked.run.findings.push(Finding::new(
                    "io",
                    Severity::Error,
                    format!(
                        "cannot write `{}`: {}",
                        path.display(),
                        crate::fsutil::reason(&err)
                    ),
                ));
                // As every write that cannot be done (`fmt`, standard output): exit 2.
                checked.tool_error = true;
                out.failed = true;
                continue;
            }
            out.written.push(Written {
                path: plan::join(&shown_root, &e.path),
                action,
            });
        }
        let found = template_errors.findings(&shown_root, checked.data.as_ref());
        checked.run.findings.extend(found);
        let missing =
            compare::untemplated_findings(&untemplated, &shown_root, checked.data.as_ref());
        checked.run.findings.extend(missing);
        if opts.only.is_none() {
            let planned = expected.iter().map(|e| e.path.clone()).collect();
            let orphans = compare::orphan_findings(&root, &planned, &untemplated, &shown_root);
            checked.run.findings.extend(orphans);
        }
    }
    checked.run.sort();
    out.checked = checked;
    out
}
